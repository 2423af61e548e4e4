"""What a bootstrap resamples: single rows, whole groups, or blocks of rows in time order.

An interval is honest only when the bootstrap resamples the units the data was split by. Under
a group split the rows of one customer rise and fall together, so whole groups are drawn (the
cluster bootstrap); under a time split neighbouring rows share their moment, so runs of
consecutive rows in time order are drawn (the circular block bootstrap of Politis and Romano,
blocks of about n^(1/3) rows). Otherwise rows are drawn one by one.

Every plan hands out its resamples the same way: as counts of how often each holdout row was
drawn (resamples × rows), the form `workbench.science.resampling` scores every metric from, so
the fast counts-based bootstrap works for all three. Iterating a plan gives each resample's
row positions instead, for metrics that are recomputed on resampled copies. The same seed
gives the same resamples on every pass: the candidate's, the baseline's, the dummy's and the
business value's intervals are paired.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.language import _
from workbench.wording import count

BLOCK_CELLS = 8_000_000  # resamples × rows drawn at once (64 MB of int64)


def block_length(n: int) -> int:
    """Rows per block in time order: about n^(1/3), the usual rate for a block bootstrap."""
    return max(1, min(n, round(n ** (1 / 3))))


class Resamples:
    """`n_boot` bootstrap resamples of range(n): rows one by one (`groups` and `order` None),
    whole groups (`groups`: a group code 0..G-1 per row), or circular blocks of `length`
    consecutive rows along `order` (row positions sorted by time)."""

    def __init__(
        self,
        n: int,
        n_boot: int,
        seed: int,
        *,
        groups: np.ndarray | None = None,
        order: np.ndarray | None = None,
        length: int | None = None,
        block_cells: int = BLOCK_CELLS,
    ) -> None:
        self.n, self.n_boot, self.seed = n, n_boot, seed
        self.groups = None if groups is None else np.asarray(groups, dtype=np.int64)
        self.order = None if order is None else np.asarray(order, dtype=np.int64)
        self.length = length or block_length(n)
        self.units = int(self.groups.max()) + 1 if self.groups is not None and n else n
        self.block = max(1, min(n_boot, block_cells // max(n, self.units, 1)))

    @property
    def kind(self) -> str:
        return (
            "groups" if self.groups is not None else "blocks" if self.order is not None else "rows"
        )

    def __len__(self) -> int:
        return self.n_boot

    def blocks(self):
        """Row resamples as 2-D index arrays (one resample per row of the array), drawn afresh
        from the seed; only for a plan that draws rows one by one."""
        if self.kind != "rows":
            raise TypeError(f"a bootstrap of {self.kind} draws counts, not row indices")
        rng = np.random.default_rng(self.seed)
        for start in range(0, self.n_boot, self.block):
            yield rng.integers(0, self.n, size=(min(self.block, self.n_boot - start), self.n))

    def counts(self, max_cells: int | None = None):
        """The resamples as counts matrices (resamples × rows, float64), at most `max_cells`
        cells each, drawn afresh from the seed."""
        step = max(1, (max_cells or BLOCK_CELLS) // max(self.n, 1))
        if self.kind == "rows":  # counted a sub-block at a time: memory holds one
            for rows in self.blocks():
                for start in range(0, len(rows), step):
                    yield index_counts(rows[start : start + step], self.n)
            return
        for counts in self._unit_counts():
            for start in range(0, len(counts), step):
                yield counts[start : start + step]

    def _unit_counts(self):
        rng = np.random.default_rng(self.seed)
        for start in range(0, self.n_boot, self.block):
            b = min(self.block, self.n_boot - start)
            if self.groups is not None:  # draw as many groups as there are, with replacement
                drawn = index_counts(rng.integers(0, self.units, size=(b, self.units)), self.units)
                yield drawn[:, self.groups]
            else:
                yield self._block_counts(rng, b)

    def _block_counts(self, rng, b: int) -> np.ndarray:
        """Circular blocks: ceil(n / L) starts per resample, each covering L consecutive
        positions along `order` (wrapping round), as counts per row."""
        n, length = self.n, self.length
        starts = index_counts(rng.integers(0, n, size=(b, math.ceil(n / length))), n)
        # a position is covered by every start in the L positions up to it (circularly)
        wrapped = np.concatenate([starts[:, n - length + 1 :], starts], axis=1)
        total = np.concatenate([np.zeros((b, 1)), np.cumsum(wrapped, axis=1)], axis=1)
        by_position = total[:, length:] - total[:, :-length]
        out = np.empty_like(by_position)
        out[:, self.order] = by_position
        return out

    def __iter__(self):
        """Each resample's row positions (a row drawn twice appears twice)."""
        if self.kind == "rows":
            for block in self.blocks():
                yield from block
            return
        rows = np.arange(self.n)
        for counts in self.counts():
            for c in counts:
                yield np.repeat(rows, c.astype(np.int64))

    def describe(self) -> str:
        """What is resampled, in words for the report."""
        if self.kind == "groups":
            return _("whole groups ({n} groups, every row of a group drawn together)").format(
                n=count(self.units)
            )
        if self.kind == "blocks":
            return _("blocks of {n} consecutive rows in time order (circular)").format(
                n=self.length
            )
        return _("single rows")


def index_counts(rows: np.ndarray, n: int) -> np.ndarray:
    """How often each of range(n) appears in each row of `rows` (resamples × n, float64)."""
    b = len(rows)
    flat = (rows + (np.arange(b, dtype=np.int64) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=b * n).reshape(b, n).astype(np.float64)


def resamples_for(
    n_boot: int,
    seed: int,
    *,
    groups: pd.Series | np.ndarray | None = None,
    times: pd.Series | np.ndarray | None = None,
    n: int | None = None,
) -> Resamples:
    """The plan a split asks for: whole groups when `groups` (one label per holdout row) is
    given, blocks in time order when `times` is, rows otherwise (`n` rows)."""
    if groups is not None:
        codes, _uniques = pd.factorize(pd.Series(groups).astype("str"), sort=True)
        return Resamples(len(codes), n_boot, seed, groups=codes)
    if times is not None:
        t = pd.Series(times).reset_index(drop=True)
        order = np.argsort(t.to_numpy(), kind="stable")
        return Resamples(len(t), n_boot, seed, order=order)
    if n is None:
        raise ValueError("give n, groups or times")
    return Resamples(n, n_boot, seed)


def split_resamples(split, frame: pd.DataFrame, rows: np.ndarray, n_boot: int, seed: int):
    """The plan a spec's split asks for, over `rows` of `frame`: whole groups under a group
    split, blocks in time order under a time split, single rows otherwise."""
    if split.strategy == "group" and split.group_column:
        return resamples_for(n_boot, seed, groups=frame[split.group_column].iloc[rows])
    if split.strategy == "time" and split.time_column:
        return resamples_for(n_boot, seed, times=frame[split.time_column].iloc[rows])
    return resamples_for(n_boot, seed, n=len(rows))
