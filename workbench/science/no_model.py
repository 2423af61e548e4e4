"""The rules that use no input: what "better than no model" is measured against.

A model earns nothing by beating a rule that a no-signal model beats too. The prior's F1 is 0
(it never says "yes"), so a model that says "yes" to everyone beats it by a wide margin; a
ranking metric gives every constant 0.5; an error metric is smallest at the holdout's own mean
or median, not the training part's. So the reference is not one dummy but every rule that uses
no input, each scored on the metric, and the best of them in each bootstrap resample:

- classification: the training part's class shares (the prior) and the holdout's own shares
  (the best constant a probability metric can be given); for metrics of labels, also always
  the same class (the majority, always "yes") and guessing at the training part's shares;
- regression: the mean and the median of the training part's outcomes and of the holdout's
  own, and for percentage error the constant that minimises it.

Rules fitted on the holdout's own outcomes are still rules without inputs: including them
means a model cannot pass by having been handed a luckier base rate than the training part's.
Guessing is scored at its expected confusion: every outcome class receives the guessed labels
in the training shares exactly (at seeded positions), so one lucky draw of the guesses cannot
raise or lower the bar.
"""

from __future__ import annotations

import numpy as np

from workbench.inputs.metrics import Metric
from workbench.language import _


def rules(
    metric: Metric,
    task: str,
    y_train: np.ndarray,
    y_test: np.ndarray,
    classes: list[str],
    seed: int,
) -> dict[str, np.ndarray]:
    """{rule in words: its predictions for the holdout rows} for every rule without inputs
    that `metric` can score (predictions in the form the evaluation stage gives: class
    probabilities, or values)."""
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    n = len(y_test)
    if task == "regression":
        return _value_rules(metric, y_train.astype(float), y_test.astype(float))
    k = len(classes)
    out = {
        _("the training part's class shares for every case"): _constant(_shares(y_train, k), n),
        _("the holdout's own class shares for every case"): _constant(_shares(y_test, k), n),
    }
    if metric.needs != "label":
        return out
    for c, name in enumerate(classes):
        label = (
            _("always '{label}' (every case flagged)")
            if task == "binary" and c == 1
            else _("always '{label}'")
        )
        out[label.format(label=name)] = _constant(np.eye(k)[c], n)
    out[_("guessing at the training part's class shares")] = _guesses(
        y_test, _shares(y_train, k), seed
    )
    return out


def _shares(y: np.ndarray, k: int) -> np.ndarray:
    counts = np.bincount(y.astype(np.int64), minlength=k).astype(float)
    return counts / max(counts.sum(), 1.0)


def _constant(row: np.ndarray, n: int) -> np.ndarray:
    return np.tile(np.asarray(row, dtype=float), (n, 1))


def _guesses(y: np.ndarray, shares: np.ndarray, seed: int) -> np.ndarray:
    """Guessed labels (one-hot) in `shares` within every outcome class exactly (largest
    remainders), at seeded positions: random guessing at its expected confusion."""
    k = len(shares)
    out = np.zeros((len(y), k))
    rng = np.random.default_rng(seed)
    for c in range(k):
        rows = np.flatnonzero(y == c)
        if not len(rows):
            continue
        exact = shares * len(rows)
        counts = np.floor(exact).astype(int)
        short = len(rows) - counts.sum()
        counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
        labels = np.repeat(np.arange(k), counts)
        out[rng.permutation(rows), labels] = 1.0
    return out


def _value_rules(metric: Metric, y_train: np.ndarray, y_test: np.ndarray) -> dict:
    n = len(y_test)
    constants = {
        _("the training part's mean for every case"): np.mean(y_train),
        _("the training part's median for every case"): np.median(y_train),
        _("the holdout's own mean for every case"): np.mean(y_test),
        _("the holdout's own median for every case"): np.median(y_test),
    }
    if metric.name == "mape":
        constants[_("the constant with the least percentage error on the holdout")] = (
            _least_percentage_error(y_test)
        )
    return {name: np.full(n, float(v)) for name, v in constants.items()}


def _least_percentage_error(y: np.ndarray) -> float:
    """The constant minimising the mean absolute percentage error: the median of the outcomes
    weighted by 1 / |y| (scikit-learn's floor for |y| included)."""
    w = 1.0 / np.maximum(np.abs(y), np.finfo(np.float64).eps)
    order = np.argsort(y, kind="stable")
    cum = np.cumsum(w[order])
    return float(y[order][np.searchsorted(cum, cum[-1] / 2)])
