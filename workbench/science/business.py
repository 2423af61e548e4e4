"""Business framing for yes/no decisions: the costs and values the spec gives turn a score into
money. The threshold is chosen on out-of-fold predictions of the training part (never on the
holdout); the holdout then prices it, with a bootstrap interval."""

from __future__ import annotations

import numpy as np

from workbench.science.cross_validation import fit_on, predict_rows
from workbench.science.modeling import Prepared
from workbench.science.resampling import bootstrap_means, interval
from workbench.science.splits import cv_splits
from workbench.science.threads import fits_at_once, in_order

GRID = np.round(np.arange(0.01, 1.0, 0.01), 2)


def oof_positive_scores(model, prep: Prepared, strategy: str) -> tuple[np.ndarray, np.ndarray]:
    """Positions (in the training part) and out-of-fold probabilities of the positive class."""
    train = prep.train
    folds = cv_splits(prep.fold, strategy)

    def one(fold) -> np.ndarray:
        tr, va = fold
        return predict_rows(fit_on(model, prep, train[tr]), prep, train[va], "binary")[:, 1]

    scores = list(in_order(one, folds, fits_at_once(model)))
    return np.concatenate([va for _, va in folds]), np.concatenate(scores)


def row_values(y: np.ndarray, flag: np.ndarray, b) -> np.ndarray:
    """The value of each case when acting on the flagged ones: true positives earn, false
    alarms and missed positives cost, true negatives earn their (usually zero) value."""
    pos = y == 1
    return np.select(
        [flag & pos, flag & ~pos, ~flag & pos],
        [b.true_positive_value, -b.false_positive_cost, -b.false_negative_cost],
        default=b.true_negative_value,
    ).astype(np.float64)


def value_per_case(y: np.ndarray, flag: np.ndarray, b) -> float:
    """Average value of acting on the flagged cases."""
    return float(row_values(y, flag, b).mean())


def best_threshold(y: np.ndarray, p: np.ndarray, b) -> float:
    """The probability cut-off that maximises the value per case (ties: the lowest)."""
    values = [value_per_case(y, p >= t, b) for t in GRID]
    return float(GRID[int(np.argmax(values))])


def monthly_value(
    y: np.ndarray, p: np.ndarray, t: float, b, idx: np.ndarray
) -> tuple[float, float, float]:
    """Value per month of acting at threshold `t`, over the status quo of acting on no case
    (so 0 means the model adds nothing), with its bootstrap interval over these rows."""
    gain = row_values(y, p >= t, b) - row_values(y, np.zeros(len(y), bool), b)
    point = float(gain.mean()) * b.cases_per_month
    boots = bootstrap_means(gain, idx) * b.cases_per_month
    lo, hi = interval(boots)
    return point, lo, hi
