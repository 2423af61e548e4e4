"""What a bootstrap resamples: single rows, whole groups, or the data's own time.

An interval is honest only when the bootstrap resamples the units the data was split by. Under
a group split the rows of one customer rise and fall together, so whole groups are drawn (the
cluster bootstrap). Under a time split rows of one moment share it — a day's weather, a week's
campaign, a month's policy — so the bootstrap follows the data's time: whole calendar units —
days, or weeks or months when the timestamps are that coarse — when the holdout spans at least
MIN_UNITS of them (a day's rows drawn together), and, when neighbouring units still move
together, circular blocks of consecutive units whose length the autocorrelation of the outcome
and of the candidate's predictions sets (Politis and White's automatic choice). Times that span
too few units are ordered instead, and blocks of consecutive rows drawn, again as long as the
autocorrelation says (Politis and Romano's circular block bootstrap). Otherwise rows are drawn
one by one.

Every plan hands out its resamples the same way: as counts of how often each holdout row was
drawn (resamples × rows), the form `workbench.science.resampling` scores every metric from, so
the fast counts-based bootstrap works for all of them. Iterating a plan gives each resample's
row positions instead, for metrics that are recomputed on resampled copies. The same seed
gives the same resamples on every pass: the candidate's, the baseline's, the rules without
inputs' and the business value's intervals are paired.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from workbench.language import _
from workbench.wording import count

BLOCK_CELLS = 8_000_000  # resamples × rows drawn at once (64 MB of int64)
MIN_UNITS = 12  # calendar units are resampled when the holdout spans at least this many


def block_length(n: int) -> int:
    """Rows per block in time order when nothing sets it: about n^(1/3)."""
    return max(1, min(n, round(n ** (1 / 3))))


def autocorrelation_length(*series: np.ndarray) -> int:
    """The block length the series' autocorrelation sets, the longest any of them asks for:
    Politis and White's automatic choice for the circular block bootstrap (2004, with Patton,
    Politis and White's correction, 2009). The autocorrelation is cut where it stops being
    beyond chance for `KN` lags in a row; the lags before set the block through a flat-top
    estimate of the long-run variance. 1 when neighbours are independent."""
    return max((_politis_white(x) for x in series), default=1)


def _politis_white(series: np.ndarray) -> int:
    x = np.asarray(series, dtype=float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n < 8:
        return 1
    x = x - x.mean()
    r0 = float(x @ x) / n
    if r0 == 0:
        return 1
    kn = max(5, math.ceil(math.sqrt(math.log10(n))))
    lags = min(n - 1, math.ceil(math.sqrt(n)) + kn)
    r = np.array([float(x[: n - k] @ x[k:]) / n for k in range(lags + 1)])
    small = np.abs(r[1:] / r0) < 2 * math.sqrt(math.log10(n) / n)
    cut = next((m for m in range(lags - kn + 1) if small[m : m + kn].all()), lags - kn)
    big_m = min(2 * max(cut, 0), lags)
    if big_m == 0:
        return 1
    k = np.arange(1, big_m + 1)
    t = k / big_m
    flat = np.where(t <= 0.5, 1.0, 2 * (1 - t))  # the flat-top window
    g = 2 * float((flat * k * r[1 : big_m + 1]).sum())
    long_run = r[0] + 2 * float((flat * r[1 : big_m + 1]).sum())
    if long_run <= 0 or g == 0:
        return 1
    b = (2 * g**2 / (4 / 3 * long_run**2)) ** (1 / 3) * n ** (1 / 3)
    return int(max(1, min(round(b), math.ceil(min(3 * math.sqrt(n), n / 3)))))


class Resamples:
    """`n_boot` bootstrap resamples of range(n): rows one by one (`groups` and `order` None);
    whole units (`groups`: a unit code 0..U-1 per row), drawn one by one for groups or, for
    calendar units (`unit` names them; codes in time order), in circular blocks of `length`
    consecutive units; or circular blocks of `length` consecutive rows along `order` (row
    positions sorted by time)."""

    def __init__(
        self,
        n: int,
        n_boot: int,
        seed: int,
        *,
        groups: np.ndarray | None = None,
        order: np.ndarray | None = None,
        length: int | None = None,
        unit: str | None = None,
        block_cells: int = BLOCK_CELLS,
    ) -> None:
        self.n, self.n_boot, self.seed, self.unit = n, n_boot, seed, unit
        self.groups = None if groups is None else np.asarray(groups, dtype=np.int64)
        self.order = None if order is None else np.asarray(order, dtype=np.int64)
        self.units = int(self.groups.max()) + 1 if self.groups is not None and n else n
        default = 1 if self.groups is not None else block_length(n)
        self.length = max(1, min(length or default, max(self.units, 1)))
        self.block = max(1, min(n_boot, block_cells // max(n, self.units, 1)))

    @property
    def kind(self) -> str:
        if self.groups is not None:
            return "groups" if self.unit is None else "time units"
        return "blocks" if self.order is not None else "rows"

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
            if self.groups is not None and self.length == 1:  # as many units as there are
                drawn = index_counts(rng.integers(0, self.units, size=(b, self.units)), self.units)
                yield drawn[:, self.groups]
            elif self.groups is not None:  # blocks of consecutive units, in time order
                yield circular(rng, b, self.units, self.length)[:, self.groups]
            else:
                out = np.empty((b, self.n))
                out[:, self.order] = circular(rng, b, self.n, self.length)
                yield out

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
        if self.kind == "time units":
            return self._describe_units()
        if self.kind == "blocks":
            return _("blocks of {k} consecutive rows in time order (circular)").format(
                k=self.length
            )
        return _("single rows")

    def _describe_units(self) -> str:
        n, unit, k = count(self.units), self.unit, self.length
        if k == 1:
            return {
                "day": _("whole days ({n} days, every row of a day drawn together)"),
                "week": _("whole weeks ({n} weeks, every row of a week drawn together)"),
                "month": _("whole months ({n} months, every row of a month drawn together)"),
            }.get(unit, _("whole moments ({n} times, every row of a time drawn together)")).format(
                n=n
            )
        return {
            "day": _(
                "blocks of {k} consecutive days ({n} days, every row of a day drawn together)"
            ),
            "week": _(
                "blocks of {k} consecutive weeks ({n} weeks, every row of a week drawn together)"
            ),
            "month": _(
                "blocks of {k} consecutive months ({n} months, every row of a month drawn together)"
            ),
        }.get(
            unit,
            _("blocks of {k} consecutive times ({n} times, every row of a time drawn together)"),
        ).format(n=n, k=k)


def circular(rng, b: int, m: int, length: int) -> np.ndarray:
    """Counts per position 0..m-1 of `b` resamples, each ceil(m / length) circular blocks of
    `length` consecutive positions (wrapping round) from uniform starts."""
    starts = index_counts(rng.integers(0, m, size=(b, math.ceil(m / length))), m)
    # a position is covered by every start in the `length` positions up to it (circularly)
    wrapped = np.concatenate([starts[:, m - length + 1 :], starts], axis=1)
    total = np.concatenate([np.zeros((b, 1)), np.cumsum(wrapped, axis=1)], axis=1)
    return total[:, length:] - total[:, :-length]


def index_counts(rows: np.ndarray, n: int) -> np.ndarray:
    """How often each of range(n) appears in each row of `rows` (resamples × n, float64)."""
    b = len(rows)
    flat = (rows + (np.arange(b, dtype=np.int64) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=b * n).reshape(b, n).astype(np.float64)


def calendar_units(times) -> tuple[np.ndarray, str] | None:
    """Each row's calendar unit as a code in time order, and the unit's name: days, or weeks
    or months when the timestamps are that coarse (one date a week, a month), so a unit holds
    every row of one moment the data knows; rows without a time share one unit of their own,
    last. Plain numbers (a period index, a year) are their own units. None when the times span
    fewer than MIN_UNITS units."""
    t = pd.Series(times).reset_index(drop=True)
    if pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t):
        name, periods = "time", t
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a time zone is dropped: units are local
            dt = pd.to_datetime(t, errors="coerce")
            if getattr(dt.dt, "tz", None) is not None:
                dt = dt.dt.tz_localize(None)
            name, periods = "day", dt.dt.to_period("D")
            for coarser, freq in (("month", "M"), ("week", "W")):  # the data's own resolution
                grouped = dt.dt.to_period(freq)
                if grouped.nunique() == periods.nunique():
                    name, periods = coarser, grouped
                    break
    codes, uniques = pd.factorize(periods, sort=True)
    if len(uniques) < MIN_UNITS:
        return None
    codes = np.where(codes < 0, len(uniques), codes)
    return codes.astype(np.int64), name


def _signal(y: np.ndarray) -> np.ndarray:
    """An outcome or a prediction as one number per row for its autocorrelation: the value
    (yes/no, a number), whether it is the most common class (several classes), the positive
    class's probability (two columns) or the highest probability (more)."""
    y = np.asarray(y)
    if y.ndim == 2:
        return y[:, 1].astype(float) if y.shape[1] == 2 else y.max(axis=1).astype(float)
    values = np.unique(y[~pd.isna(y)]) if y.dtype.kind == "f" else np.unique(y)
    if y.dtype.kind in "iub" and len(values) > 2:
        common = pd.Series(y).mode().iloc[0]
        return (y == common).astype(float)
    return y.astype(float)


def resamples_for(
    n_boot: int,
    seed: int,
    *,
    groups: pd.Series | np.ndarray | None = None,
    times: pd.Series | np.ndarray | None = None,
    y: np.ndarray | None = None,
    score: np.ndarray | None = None,
    n: int | None = None,
) -> Resamples:
    """The plan a split asks for: whole groups when `groups` (one label per holdout row) is
    given; the data's time when `times` is — calendar units, in blocks as long as the
    autocorrelation of `y` (the holdout's outcome) and of `score` (the candidate's
    predictions, as `_signal` reads them), in the same order, sets; or blocks of rows in time
    order when the times make too few units; rows otherwise (`n` rows)."""
    if groups is not None:
        codes, _uniques = pd.factorize(pd.Series(groups).astype("str"), sort=True)
        return Resamples(len(codes), n_boot, seed, groups=codes)
    if times is not None:
        t = pd.Series(times).reset_index(drop=True)
        signals = [_signal(v) for v in (y, score) if v is not None]
        found = calendar_units(t)
        if found is not None:
            codes, unit = found
            per_unit = [pd.Series(v).groupby(codes).mean().to_numpy() for v in signals]
            length = autocorrelation_length(*per_unit)
            return Resamples(len(codes), n_boot, seed, groups=codes, length=length, unit=unit)
        order = np.argsort(t.to_numpy(), kind="stable")
        length = autocorrelation_length(*(v[order] for v in signals)) if signals else None
        return Resamples(len(t), n_boot, seed, order=order, length=length)
    if n is None:
        raise ValueError("give n, groups or times")
    return Resamples(n, n_boot, seed)


def split_resamples(
    split, frame: pd.DataFrame, rows: np.ndarray, n_boot: int, seed: int, y=None, score=None
) -> Resamples:
    """The plan a spec's split asks for, over `rows` of `frame`: whole groups under a group
    split, the data's time under a time split (`y` and `score`: the outcome and the
    candidate's predictions of those rows, whose autocorrelation sets the blocks), single rows
    otherwise."""
    if split.strategy == "group" and split.group_column:
        return resamples_for(n_boot, seed, groups=frame[split.group_column].iloc[rows])
    if split.strategy == "time" and split.time_column:
        times = frame[split.time_column].iloc[rows]
        return resamples_for(n_boot, seed, times=times, y=y, score=score)
    return resamples_for(n_boot, seed, n=len(rows))
