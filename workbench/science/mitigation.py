"""What fairlearn's `ThresholdOptimizer` would trade for a smaller fairness gap: group-specific
decision thresholds on top of the fitted model, fitted on training rows, scored on the
holdout. The result is an option for the roadmap; the model itself is never changed."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from fairlearn.metrics import equalized_odds_difference
from sklearn.base import BaseEstimator, ClassifierMixin

from workbench.inputs.metrics import Metric, score
from workbench.science.fairness import THRESHOLD, _round, attributes, judged_rows
from workbench.store.assurance_results import MitigationTradeoff


class _Probabilities(ClassifierMixin, BaseEstimator):
    """A fitted classifier whose probabilities come back as float64: fairlearn's
    ThresholdOptimizer cannot write float64 values into xgboost's float32 output."""

    def __init__(self, model=None):
        self.model = model

    def fit(self, X, y=None):
        self.classes_ = np.asarray(self.model.classes_)
        return self

    def predict_proba(self, X):
        return np.asarray(self.model.predict_proba(X), dtype="float64")

    def predict(self, X):
        return self.model.predict(X)


def tradeoff(
    model,
    train: tuple,
    test: tuple,
    labels: tuple[pd.Series, pd.Series],
    metric: Metric,
    seed: int,
    threshold: float = THRESHOLD,
) -> MitigationTradeoff:
    """What `ThresholdOptimizer(constraints="equalized_odds")` on top of the fitted model
    would change: fitted on the training rows, scored on the holdout. A roadmap option only."""
    from fairlearn.postprocessing import ThresholdOptimizer

    (X_train, y_train), (X_test, y_test, p_test) = train, test
    s_test, s_train = labels
    name = str(s_test.name)
    keep = judged_rows(s_test)
    before = equalized_odds_difference(
        y_test[keep], (p_test[keep] >= threshold).astype(int), sensitive_features=s_test[keep]
    )
    base = {"attribute": name, "metric": metric.name, "disparity_before": _round(before)}
    base["score_before"] = _round(score(metric, y_test, np.column_stack([1 - p_test, p_test])))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            opt = ThresholdOptimizer(
                estimator=_Probabilities(model).fit(X_train),
                constraints="equalized_odds",
                prefit=True,
                predict_method="predict_proba",
            )
            opt.fit(X_train, y_train, sensitive_features=s_train)
            p_after = opt._pmf_predict(X_test, sensitive_features=s_test)[:, 1]
            yhat = opt.predict(X_test, sensitive_features=s_test, random_state=seed)
    except Exception as exc:  # e.g. a holdout group the training rows never showed
        return MitigationTradeoff(
            **base, score_after=None, disparity_after=None,
            note=f"ThresholdOptimizer could not be fitted for '{name}': {exc}",
        )  # fmt: skip
    after = equalized_odds_difference(y_test[keep], yhat[keep], sensitive_features=s_test[keep])
    return MitigationTradeoff(
        **base,
        score_after=_round(score(metric, y_test, np.column_stack([1 - p_after, p_after]))),
        disparity_after=_round(after),
        note="group-specific thresholds fitted on the training rows, scored on the holdout; "
        "an option for the roadmap, not applied to the model",
    )


def tradeoffs(
    model,
    sensitive: tuple[pd.DataFrame, pd.DataFrame],
    test: tuple[pd.DataFrame, np.ndarray, np.ndarray],
    train: tuple[pd.DataFrame, np.ndarray],
    metric: Metric,
    seed: int,
    threshold: float | None = None,
) -> list[MitigationTradeoff]:
    """`tradeoff` for each sensitive column of a binary task (intersections are not
    mitigated): `sensitive` as `fairness.assess` takes it, `test` the holdout features,
    encoded labels and class probabilities, `train` the training features and labels."""
    X_test, y_test, pred = test
    s_test, s_train = sensitive
    cut = THRESHOLD if threshold is None else threshold
    p = np.asarray(pred)[:, 1]
    return [
        tradeoff(model, train, (X_test, np.asarray(y_test), p), labels, metric, seed, cut)
        for name, labels in attributes(s_test, s_train, list(s_test.columns)).items()
        if " × " not in name
    ]
