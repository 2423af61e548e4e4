"""Counting repeated rows and judging them against chance: row and cell hashes, the share of
test rows repeating a training row, and what the columns' cardinality lets chance repeat — a row
repeats another by chance only if each of its values does, and continuous values equal to the
last digit do not. For rows of counts and codes alone, chance is estimated from the rows' near
neighbours (`completed_repeats`): pairs of rows that agree on all columns but two tell how often
they would agree on all."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.util import binomial_tail, excess_p_value


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row, independent of the index."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def with_target(hashes: np.ndarray, y: pd.Series) -> np.ndarray:
    """Row hashes that also tell the outcome apart."""
    return hashes ^ pd.util.hash_array(y.to_numpy())


def repeat_shares(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each test row, whether its key is among the training keys; for each training row,
    whether its key occurs on another training row (the chance rate: what a new row drawn from
    the same population finds in the training part, measured without crossing the split)."""
    keys = pd.Series(train)
    return pd.Series(test).isin(keys).to_numpy(), keys.duplicated(keep=False).to_numpy()


def column_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per cell (rows × columns), independent of the index."""
    if frame.shape[1] == 0:
        return np.zeros((len(frame), 0), dtype=np.uint64)
    return np.column_stack(
        [pd.util.hash_pandas_object(frame[c], index=False).to_numpy() for c in frame.columns]
    )


def weighted_cells(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell hashes (`column_hashes`) weighted by their column, and their sum per row: a row's
    key, from which any set of columns can be taken away by subtracting their weighted cells
    (the sums wrap around, as 64-bit hashes may)."""
    weights = (np.arange(cells.shape[1], dtype=np.uint64) * np.uint64(2) + np.uint64(1)) * (
        np.uint64(0x9E3779B97F4A7C15)
    )
    with np.errstate(over="ignore"):
        weighted = cells * weights
        return weighted, weighted.sum(axis=1, dtype=np.uint64)


def _collision_rate(keys: np.ndarray) -> float:
    """Share of pairs of rows whose keys are equal."""
    n = len(keys)
    if n < 2:
        return 0.0
    counts = pd.Series(keys).value_counts().to_numpy().astype("float64")
    return float((counts * (counts - 1)).sum() / (n * (n - 1)))


PAIRED_COLUMNS = 6  # the rarest-repeating columns whose pairs bound chance too
FINE_SHARE = 0.01  # no value on more than 1% of the distinct records: a fine-grained column


def _fine(values: np.ndarray) -> bool:
    """Whether a column is fine-grained: no value holds more than `FINE_SHARE` of the distinct
    records (a price with cents, a date over years). Two such columns are close to independent
    of the rest; a coarse column or one with a common value (an end-of-study date written for
    every censored case, an age) repeats together with the others, and the pair's bound would
    not hold."""
    counts = pd.Series(values).value_counts().to_numpy()
    return bool(len(counts)) and counts[0] <= FINE_SHARE * len(values)


def chance_of_repeats(frame: pd.DataFrame) -> tuple[float, tuple[str, ...], float]:
    """An upper bound on the share of rows that repeat another row by chance, the column (or
    pair of columns) that bounds it, and the share of distinct records that share their value
    (values) there.

    A row repeats another only if each of its values does, so chance repeats rows at most as
    often as the rarest-repeating column repeats its values — or pair of columns: a price with
    cents and a date each repeat now and then, both together almost never. That rate is
    measured on the distinct records (copies counted once, so they cannot explain themselves),
    divided by the share of pairs of rows that differ in the other columns (the repeats the
    distinct records lose: with the other columns near-constant, most value repeats are row
    repeats). Pairs are formed among the `PAIRED_COLUMNS` rarest-repeating fine-grained columns
    (`_fine`)."""
    cells = column_hashes(frame)
    if cells.shape[1] == 0 or len(frame) < 2:
        return 1.0, (), 1.0
    names = [str(c) for c in frame.columns]
    weighted, rows = weighted_cells(cells)
    with np.errstate(over="ignore"):
        distinct = ~pd.Series(rows).duplicated().to_numpy()

        def bound(columns: tuple[int, ...]) -> tuple[float, float]:
            part = weighted[:, list(columns)].sum(axis=1, dtype=np.uint64)
            shared = float(pd.Series(part[distinct]).duplicated(keep=False).mean())
            others = _collision_rate(rows - part) if len(columns) < cells.shape[1] else 1.0
            return min(1.0, shared / max(1.0 - others, 0.05)), shared

        singles = {(j,): bound((j,)) for j in range(cells.shape[1])}
        fine = [key for key in singles if _fine(cells[distinct, key[0]])]
        rarest = sorted(fine, key=lambda key: singles[key][0])[:PAIRED_COLUMNS]
        pairs = {
            (a[0], b[0]): bound((a[0], b[0])) for i, a in enumerate(rarest) for b in rarest[i + 1 :]
        }
    best = min({**singles, **pairs}.items(), key=lambda item: (item[1][0], len(item[0])))
    columns, (chance, shared) = best
    return chance, tuple(names[j] for j in columns), shared


COMPLETION_MAX_ROWS = 20_000  # rows the completion estimate is made on (a random sample)
COMPLETION_MAX_COLUMNS = 40  # the coarsest columns whose pairs are completed
# the completed count is an estimate, not a bound: twice it is taken as what chance can do (an
# honest table of school grades came within 10% of its own estimate)
COMPLETION_SAFETY = 2.0


def _pair_count(keys: np.ndarray) -> float:
    """Pairs of rows whose keys are equal."""
    counts = pd.Series(keys).value_counts().to_numpy().astype("float64")
    return float((counts * (counts - 1) / 2).sum())


def completed_repeats(frame: pd.DataFrame, seed: int = 0) -> tuple[float, tuple[str, ...]]:
    """An estimate of how often two rows agree on every column by chance (a share of pairs of
    rows), and the two columns it comes from: for coarse rows, where no column or pair is rare
    enough to bound chance (`chance_of_repeats`), the pairs of rows that agree on all columns
    but two tell.

    Among the pairs of rows that agree on every other column, count those that agree on the
    first of two columns only (a), on the second only (b) and on neither (d). Were agreeing on
    one unrelated to agreeing on the other, the pairs agreeing on both would number a × b / d
    (the missing cell of a 2 × 2 table; half a pair added to each count). The count is made
    without the pairs that agree on everything — copies do not enter it — and the largest over
    the pairs of columns is kept (the pair whose agreements go most together). Honest coarse
    rows agree on all but two columns often, and then on both often too; exact copies of
    records agree on everything far more often than their near neighbours let chance."""
    if len(frame) > COMPLETION_MAX_ROWS:
        frame = frame.sample(COMPLETION_MAX_ROWS, random_state=seed)
    cells = column_hashes(frame)
    n, m = cells.shape
    if m < 2 or n < 3:
        return 1.0, ()
    weighted, rows = weighted_cells(cells)
    with np.errstate(over="ignore"):
        every = _pair_count(rows)
        coarse = sorted(range(m), key=lambda j: -_collision_rate(cells[:, j]))
        coarse = coarse[:COMPLETION_MAX_COLUMNS]
        but_one = {j: _pair_count(rows - weighted[:, j]) for j in coarse}
        best, columns = 0.0, ()
        for i, j in enumerate(coarse):
            for k in coarse[i + 1 :]:
                rest = _pair_count(rows - weighted[:, j] - weighted[:, k])
                only_j, only_k = but_one[k] - every, but_one[j] - every
                neither = rest - but_one[j] - but_one[k] + every
                both = (only_j + 0.5) * (only_k + 0.5) / (neither + 0.5)
                if both > best:
                    best, columns = both, (j, k)
    names = [str(c) for c in frame.columns]
    return min(1.0, best / (n * (n - 1) / 2)), tuple(names[j] for j in columns)


def judge_excess(across: np.ndarray, within: np.ndarray, settings: dict, prefix: str):
    """The excess of repeats across the split over chance, its p-value and its severity (None
    when it is neither large nor significant enough to report)."""
    share_a, share_w = float(across.mean()), float(within.mean())
    excess = share_a - share_w
    p = excess_p_value(int(across.sum()), len(across), int(within.sum()), len(within))
    if p >= settings["repeat_p_value"] or excess < settings[f"{prefix}_warning"]:
        return excess, p, None
    return excess, p, "critical" if excess >= settings[f"{prefix}_critical"] else "warning"


def judge_chance(across: np.ndarray, chance: float, settings: dict):
    """The excess of test rows repeating a training row over what chance can repeat, its
    p-value (binomial, at the chance rate) and its severity (None: nothing to report)."""
    share = float(across.mean())
    excess = share - chance
    p = binomial_tail(int(across.sum()), len(across), max(chance, 1e-4))
    if p >= settings["repeat_p_value"] or excess < settings["shared_rows_warning"]:
        return excess, p, None
    return excess, p, "critical" if excess >= settings["shared_rows_critical"] else "warning"


def chance_bound(frame: pd.DataFrame, seed: int) -> tuple[float, tuple[str, ...], float | None]:
    """What chance can repeat of the rows of `frame`: the rarest-repeating column or pair's
    bound (`chance_of_repeats`) with the share of distinct records sharing their value there,
    or for coarse rows, where the near neighbours bound it better, twice the completed estimate
    (`completed_repeats`) with None for that share."""
    chance, columns, shared = chance_of_repeats(frame)
    pair_share, pair = completed_repeats(frame, seed)
    completed = min(1.0, COMPLETION_SAFETY * pair_share * len(frame))
    if completed < chance:
        return completed, pair, None
    return chance, columns, shared
