"""Is a gap between groups more than chance? The equalized-odds difference judged against a
permutation null.

The equalized-odds difference of a sensitive column is the widest gap in true or false
positive rate between any two of its groups: a maximum over pairs, so with several small
groups it is well above zero even when the model treats every group alike, and a percentile
bootstrap of it cannot reach zero. The null is made by shuffling the group labels among the
holdout rows (outcomes and decisions stay): the gaps that chance alone gives with these group
sizes. Its quantile `q` bounds how far noise moves the observed gap from the true one (the
widest difference of noisy rates is within the widest difference of their noise of the
widest true difference), so the true gap lies in [D − q, D + q] — an interval that reaches
zero when the groups are alike — and D above q is a gap beyond chance. `q` is taken at
1 − α/m for the m columns judged in one run (Bonferroni), so a fair model is flagged in at
most α of studies whatever their number of sensitive columns.
"""

from __future__ import annotations

import warnings

import numpy as np

N_PERMUTATIONS = 1000
ALPHA = 0.05
PERMUTATION_CELLS = 4_000_000  # permutations × rows drawn at once

# the status of one sensitive column's gap against the bound
WITHIN = "within"  # the interval lies within the bound
ABOVE = "above"  # the interval lies above the bound
GAP = "gap"  # a gap beyond chance whose interval reaches past the bound
UNRESOLVED = "unresolved"  # no gap beyond chance, but the holdout cannot rule one out
RAISED = (ABOVE, GAP)  # the statuses that say a group is served worse


def group_rates(
    y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """True and false positive rate per group; `codes` (… × n) may hold many rows of group
    codes at once (one permutation each), giving (… × k) rates."""
    codes = np.atleast_2d(codes)
    b, n = codes.shape
    flat = (codes + (np.arange(b) * k)[:, None]).ravel()

    def per_group(weights: np.ndarray) -> np.ndarray:
        w = np.broadcast_to(weights, (b, n)).ravel()
        return np.bincount(flat, weights=w, minlength=b * k).reshape(b, k)

    y, yhat = y.astype(np.float64), yhat.astype(np.float64)
    pos, neg = per_group(y), per_group(1 - y)
    with np.errstate(invalid="ignore", divide="ignore"):
        return per_group(y * yhat) / pos, per_group((1 - y) * yhat) / neg


def equalized_odds_gaps(y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, k: int) -> np.ndarray:
    """The widest gap in either rate between two groups, per row of `codes` (fairlearn's
    `equalized_odds_difference`, vectorised over permutations)."""
    tpr, fpr = group_rates(y, yhat, codes, k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a group without positives: NaN
        spread = [np.nanmax(r, axis=1) - np.nanmin(r, axis=1) for r in (tpr, fpr)]
    return np.fmax(*spread)


def permutation_null(
    y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, seed: int, n_perm: int = N_PERMUTATIONS
) -> np.ndarray:
    """The equalized-odds difference with the group labels shuffled, `n_perm` times."""
    k = int(codes.max()) + 1
    rng = np.random.default_rng(seed)
    step = max(1, PERMUTATION_CELLS // max(len(codes), 1))
    out = []
    for start in range(0, n_perm, step):
        shuffled = rng.permuted(np.tile(codes, (min(step, n_perm - start), 1)), axis=1)
        out.append(equalized_odds_gaps(y, yhat, shuffled, k))
    return np.concatenate(out)


def judge_gap(observed: float, null: np.ndarray, tests: int, bound: float):
    """The interval of the true gap, what chance reaches, the permutation p-value and the
    status against `bound`: (low, high, chance, p, status)."""
    null = null[np.isfinite(null)]
    chance = float(np.quantile(null, 1 - ALPHA / max(tests, 1))) if len(null) else np.inf
    p = float((1 + np.sum(null >= observed - 1e-12)) / (1 + len(null)))
    low, high = max(0.0, observed - chance), min(1.0, observed + chance)
    if low > bound:
        status = ABOVE
    elif high <= bound:
        status = WITHIN
    elif observed > chance:
        status = GAP
    else:
        status = UNRESOLVED
    return low, high, chance, p, status
