"""Business framing for yes/no decisions: the costs and values the spec gives turn a score into
money. The threshold is chosen on out-of-fold predictions of the training part (never on the
holdout); the holdout then prices it, with a bootstrap interval."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone

from workbench.evaluation import predict_full
from workbench.metrics import interval
from workbench.modeling import Prepared
from workbench.splits import cv_splits

GRID = np.round(np.arange(0.01, 1.0, 0.01), 2)


def oof_positive_scores(model, prep: Prepared, strategy: str) -> tuple[np.ndarray, np.ndarray]:
    """Positions (in the training part) and out-of-fold probabilities of the positive class."""
    train = prep.train
    rows, scores = [], []
    for tr, va in cv_splits(prep.fold, strategy):
        fitted = clone(model).fit(prep.X.iloc[train[tr]], prep.y[train[tr]])
        p = predict_full(fitted, prep.X.iloc[train[va]], "binary", 2)[:, 1]
        rows.append(va)
        scores.append(p)
    return np.concatenate(rows), np.concatenate(scores)


def value_per_case(y: np.ndarray, flag: np.ndarray, b) -> float:
    """Average value of acting on the flagged cases: true positives earn, false alarms and
    missed positives cost, true negatives earn their (usually zero) value."""
    tp = np.sum(flag & (y == 1))
    fp = np.sum(flag & (y == 0))
    fn = np.sum(~flag & (y == 1))
    tn = np.sum(~flag & (y == 0))
    total = (
        tp * b.true_positive_value
        + tn * b.true_negative_value
        - fp * b.false_positive_cost
        - fn * b.false_negative_cost
    )
    return float(total / len(y))


def best_threshold(y: np.ndarray, p: np.ndarray, b) -> float:
    """The probability cut-off that maximises the value per case (ties: the lowest)."""
    values = [value_per_case(y, p >= t, b) for t in GRID]
    return float(GRID[int(np.argmax(values))])


def monthly_value(
    y: np.ndarray, p: np.ndarray, t: float, b, idx: np.ndarray
) -> tuple[float, float, float]:
    """Value per month of acting at threshold `t`, over the status quo of acting on no case
    (so 0 means the model adds nothing), with its bootstrap interval over these rows."""
    flag, none = p >= t, np.zeros(len(y), bool)

    def gain(rows):
        return value_per_case(y[rows], flag[rows], b) - value_per_case(y[rows], none[rows], b)

    point = gain(np.arange(len(y))) * b.cases_per_month
    boots = np.array([gain(r) for r in idx]) * b.cases_per_month
    lo, hi = interval(boots)
    return point, lo, hi
