"""The metrics a spec can name, which tasks they fit, and which way is better.

Every metric is a function of (y_true, prediction) where the prediction is what the metric
needs: class-probability arrays for ranking and probability metrics, labels for label
metrics, numbers for regression. `greater_is_better` tells the decision which way is good.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.language import N_, _


class _LazySklearnMetrics:
    """`sklearn.metrics`, imported on first use: reading a spec (which names its metrics)
    should not cost the second it takes to import scikit-learn."""

    def __getattr__(self, name: str):
        from sklearn import metrics

        return getattr(metrics, name)


skm = _LazySklearnMetrics()


@dataclass(frozen=True)
class Metric:
    name: str
    label: str  # how a stakeholder reads it
    tasks: tuple[str, ...]
    needs: str  # "proba" | "label" | "value" | "series" (forecast errors, scored per series)
    greater_is_better: bool
    fn: Callable[[np.ndarray, np.ndarray], float]
    chance: float | None = None  # the score of a model with no signal, where it is fixed

    @property
    def title(self) -> str:
        """The metric's name in the reader's language (`label` is the English one)."""
        return _(self.label)

    def __reduce__(self):
        """Pickled by name (its function may be a lambda): another process gets the same metric."""
        return (metric_named, (self.name,))


def metric_named(name: str) -> Metric:
    return METRICS[name]


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    if p.ndim == 2 and p.shape[1] == 2:
        p = p[:, 1]
    if p.ndim == 1:
        return _binary_auc(np.asarray(y), np.asarray(p, dtype="float64"))
    return float(
        skm.roc_auc_score(y, p, multi_class="ovr", average="macro", labels=np.arange(p.shape[1]))
    )


def _binary_auc(y: np.ndarray, p: np.ndarray) -> float:
    """scikit-learn's `roc_auc_score` for two classes (the greater label positive, ties
    counted half), from ranks: the robustness and fairness tests score dozens of small
    slices, and scikit-learn's input validation took longer than the score. Anything else
    (one class, a missing score) goes to scikit-learn, for its error."""
    labels = np.unique(y)
    if len(labels) != 2 or len(y) != len(p) or not np.isfinite(p).all():
        return float(skm.roc_auc_score(y, p))
    from scipy.stats import rankdata

    positive = y == labels[1]
    n1 = int(positive.sum())
    n0 = len(y) - n1
    return float((rankdata(p)[positive].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def _ap(y: np.ndarray, p: np.ndarray) -> float:
    return float(skm.average_precision_score(y, p[:, 1] if p.ndim == 2 else p))


def _logloss(y: np.ndarray, p: np.ndarray) -> float:
    labels = np.arange(p.shape[1]) if p.ndim == 2 else [0, 1]
    return float(skm.log_loss(y, p, labels=labels))


def _brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(skm.brier_score_loss(y, p[:, 1] if p.ndim == 2 else p))


def _rmse(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.sqrt(skm.mean_squared_error(y, p)))


# -- forecast errors, pooled over every series and period scored ---------------------------------
def _wape(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.abs(p - y).sum() / np.abs(y).sum())


def _smape(y: np.ndarray, p: np.ndarray) -> float:
    both = np.abs(y) + np.abs(p)
    return float(np.where(both > 0, 2 * np.abs(p - y) / np.where(both > 0, both, 1), 0).mean())


def _bias(y: np.ndarray, p: np.ndarray) -> float:
    return float((p - y).sum() / np.abs(y).sum())


def _scaled(y: np.ndarray, p: np.ndarray) -> float:
    raise ValueError(
        "MASE scales each series' error by that series' own history: it is scored by "
        "workbench.science.forecast_scores, not from two arrays"
    )


METRICS: dict[str, Metric] = {
    m.name: m
    for m in [
        Metric("roc_auc", N_("ROC AUC"), ("binary", "multiclass"), "proba", True, _auc, 0.5),
        Metric("average_precision", N_("average precision"), ("binary",), "proba", True, _ap),
        Metric("log_loss", N_("log loss"), ("binary", "multiclass"), "proba", False, _logloss),
        Metric("brier", N_("Brier score"), ("binary",), "proba", False, _brier),
        Metric(
            "accuracy",
            N_("accuracy"),
            ("binary", "multiclass"),
            "label",
            True,
            lambda y, p: float(skm.accuracy_score(y, p)),
        ),
        Metric(
            "balanced_accuracy",
            N_("balanced accuracy"),
            ("binary", "multiclass"),
            "label",
            True,
            lambda y, p: float(skm.balanced_accuracy_score(y, p)),
        ),
        Metric(
            "f1",
            N_("F1 score"),
            ("binary",),
            "label",
            True,
            lambda y, p: float(skm.f1_score(y, p, zero_division=0)),
        ),
        Metric(
            "f1_macro",
            N_("macro F1"),
            ("multiclass", "binary"),
            "label",
            True,
            lambda y, p: float(skm.f1_score(y, p, average="macro", zero_division=0)),
        ),
        Metric(
            "r2",
            N_("R²"),
            ("regression",),
            "value",
            True,
            lambda y, p: float(skm.r2_score(y, p)),
            0.0,
        ),
        Metric(
            "mae",
            N_("mean absolute error"),
            ("regression", "forecast"),
            "value",
            False,
            lambda y, p: float(skm.mean_absolute_error(y, p)),
        ),
        Metric(
            "rmse", N_("root mean squared error"), ("regression", "forecast"), "value", False, _rmse
        ),
        Metric(
            "mape",
            N_("mean absolute percentage error"),
            ("regression", "forecast"),
            "value",
            False,
            lambda y, p: float(skm.mean_absolute_percentage_error(y, p)),
        ),
        Metric("mase", "MASE", ("forecast",), "series", False, _scaled),
        Metric("wape", "WAPE", ("forecast",), "series", False, _wape),
        Metric("smape", "sMAPE", ("forecast",), "series", False, _smape),
        Metric("bias", "bias", ("forecast",), "series", False, _bias),
    ]
}
# forecast metrics that describe an error's direction, not its size: never the primary metric
SIGNED = {"bias"}

DEFAULT_METRICS = {
    "binary": ("roc_auc", ["average_precision", "brier", "balanced_accuracy"]),
    "multiclass": ("roc_auc", ["balanced_accuracy", "f1_macro", "log_loss"]),
    "regression": ("r2", ["mae", "rmse", "mape"]),
    "forecast": ("mase", ["wape", "smape", "rmse", "bias", "mape"]),
}


def score(metric: Metric, y: np.ndarray, proba_or_value: np.ndarray) -> float:
    """Score predictions with `metric`, turning probabilities into labels when it needs labels."""
    return metric.fn(y, as_needed(metric, proba_or_value))


def as_needed(metric: Metric, pred: np.ndarray) -> np.ndarray:
    if metric.needs == "label" and pred.ndim == 2:
        return pred.argmax(axis=1)
    return pred
