"""Is a gap between groups more than chance? The equalized-odds difference measured against a
permutation null (the verdict against the bound is the judge's: `workbench.judge.verdicts`).

The equalized-odds difference of a sensitive column is the widest gap in true or false
positive rate between any two of its groups: a maximum over pairs, so with several small
groups it is well above zero even when the model treats every group alike, and a percentile
bootstrap of it cannot reach zero. The null is made by shuffling the group labels among the
holdout rows (outcomes and decisions stay): the gaps that chance alone gives with these group
sizes (shuffled among the positives and among the negatives apart, so each group keeps its
base rate). Its quantile `q` bounds how far noise moves the observed gap from the true one (observed rates
are true rates plus noise, and the widest difference of a sum lies within the noise's widest
difference of the true rates' widest difference), so the true gap lies in [D − q, D + q] — an interval that reaches
zero when the groups are alike — and D above q is a gap beyond chance. `q` is taken at
1 − α/m for the m columns measured in one run (Bonferroni), so a fair model shows a gap beyond
chance in at most α of studies whatever their number of sensitive columns.
"""

from __future__ import annotations

import numpy as np

N_PERMUTATIONS = 1000
ALPHA = 0.05


def gaps_from_counts(
    tp: np.ndarray, pos: np.ndarray, fp: np.ndarray, neg: np.ndarray
) -> np.ndarray:
    """The equalized-odds difference — the widest between-group gap in true or in false
    positive rate, as fairlearn's `equalized_odds_difference` computes it — from each group's
    flagged positives `tp` of `pos` and flagged negatives `fp` of `neg` (one row per draw)."""
    tpr, fpr = np.atleast_2d(tp) / pos, np.atleast_2d(fp) / neg
    return np.fmax(tpr.max(axis=1) - tpr.min(axis=1), fpr.max(axis=1) - fpr.min(axis=1))


def group_counts(y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, k: int):
    """Per group: flagged positives, positives, flagged negatives, negatives."""
    pos_rows, neg_rows = y == 1, y == 0
    return (
        np.bincount(codes[pos_rows & (yhat == 1)], minlength=k),
        np.bincount(codes[pos_rows], minlength=k),
        np.bincount(codes[neg_rows & (yhat == 1)], minlength=k),
        np.bincount(codes[neg_rows], minlength=k),
    )


def permutation_null(
    y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, seed: int, n_perm: int = N_PERMUTATIONS
) -> np.ndarray:
    """The equalized-odds difference with the group labels shuffled, `n_perm` times: among the
    actual positives and, apart, among the actual negatives, so every group keeps its own
    positives and negatives (equalized odds compares rates given the outcome; groups may
    differ in base rate without any unfairness). A shuffle is counted, not drawn row by row:
    how many of a group's positives land on flagged rows is a multivariate hypergeometric
    draw, and so for the negatives."""
    k = int(codes.max()) + 1
    tp, pos, fp, neg = group_counts(np.asarray(y), np.asarray(yhat), np.asarray(codes), k)
    rng = np.random.default_rng(seed)
    tp_null = rng.multivariate_hypergeometric(pos, int(tp.sum()), size=n_perm)
    fp_null = rng.multivariate_hypergeometric(neg, int(fp.sum()), size=n_perm)
    return gaps_from_counts(tp_null, pos, fp_null, neg)


def gap_interval(observed: float, null: np.ndarray, tests: int):
    """The interval of the true gap, what chance reaches and the permutation p-value:
    (low, high, chance, p). The interval lies wholly above zero exactly when the observed gap
    is beyond what chance gives (the judge's verdict against the bound reads it)."""
    null = null[np.isfinite(null)]
    chance = float(np.quantile(null, 1 - ALPHA / max(tests, 1))) if len(null) else np.inf
    p = float((1 + np.sum(null >= observed - 1e-12)) / (1 + len(null)))
    low, high = max(0.0, observed - chance), min(1.0, observed + chance)
    return low, high, chance, p
