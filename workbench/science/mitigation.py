"""What fairlearn's `ThresholdOptimizer` would trade for a smaller fairness gap: a decision
threshold per group on top of the model's scores, fitted on out-of-fold scores of the
training part (scores the model gave rows it had not learned from, as in use), then applied
to the holdout's scores. Before and after are compared at the operating point with one metric
— the balanced accuracy of the yes/no decisions — and the equalized-odds difference of those
same decisions. The result is an option for the roadmap; the model itself is never changed.
Group thresholds read the protected attribute at decision time, which the law may forbid.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from fairlearn.metrics import equalized_odds_difference
from fairlearn.postprocessing import ThresholdOptimizer
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.metrics import balanced_accuracy_score

from workbench.language import _
from workbench.science.fairness import THRESHOLD, round6
from workbench.science.fairness_groups import MIN_CASES, attributes, judged_rows
from workbench.store.assurance_results import MitigationTradeoff

DECISION_METRIC = "balanced_accuracy"


class _Scores(ClassifierMixin, BaseEstimator):
    """The model's positive-class score passed through: its one input column is that score.
    ThresholdOptimizer then needs no model, only the scores it thresholds."""

    def fit(self, X, y=None):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        s = np.asarray(X, dtype="float64")[:, 0]
        return np.column_stack([1 - s, s])

    def predict(self, X):
        return (np.asarray(X, dtype="float64")[:, 0] >= THRESHOLD).astype(int)


def tradeoff(
    oof: tuple[np.ndarray, np.ndarray, pd.Series],
    holdout: tuple[np.ndarray, np.ndarray, pd.Series],
    threshold: float,
    seed: int,
) -> MitigationTradeoff:
    """`oof`: out-of-fold positive-class scores of training rows, their labels and group
    labels; `holdout`: the same for the holdout. Before: the model's decisions at
    `threshold`; after: ThresholdOptimizer's (equalized odds, balanced accuracy)."""
    (s_oof, y_oof, g_oof), (s_test, y_test, g_test) = oof, holdout
    name = str(g_test.name)
    keep = judged_rows(g_test, y_test, "binary")
    before = (s_test >= threshold).astype(int)
    base = {
        "attribute": name,
        "metric": DECISION_METRIC,
        "score_before": round6(balanced_accuracy_score(y_test, before)),
        "disparity_before": _eod(y_test[keep], before[keep], g_test[keep]),
    }
    fitted = _fittable(g_oof, y_oof)
    if len(fitted) < 2:
        return MitigationTradeoff(
            **base, score_after=None, disparity_after=None,
            note=_("fewer than two groups of '{attribute}' are large enough in the training "
                   "part to fit a threshold of their own").format(attribute=name),
        )  # fmt: skip
    on_oof, on_test = g_oof.isin(fitted).to_numpy(), g_test.isin(fitted).to_numpy()
    try:
        chosen = _group_thresholds(
            (s_oof[on_oof], y_oof[on_oof], g_oof[on_oof]), (s_test[on_test], g_test[on_test]), seed
        )
    except Exception as exc:  # e.g. scores ThresholdOptimizer cannot separate
        return MitigationTradeoff(
            **base, score_after=None, disparity_after=None,
            note=_("ThresholdOptimizer could not be fitted for '{attribute}': {error}").format(
                attribute=name, error=exc),
        )  # fmt: skip
    after = before.copy()
    after[on_test] = chosen
    kept = sorted(set(g_test.unique()) - set(fitted))
    if kept:
        note = _(
            "group-specific thresholds fitted on out-of-fold scores of the training part, "
            "compared with the model's own decisions on the holdout at the operating point; an "
            "option for the roadmap, not applied to the model. They need each person's "
            "{attribute} at the moment of the decision: a legal question before a technical "
            "one. Groups too small to fit a threshold of their own keep the model's: {groups}"
        ).format(attribute=name, groups=", ".join(repr(k) for k in kept))
    else:
        note = _(
            "group-specific thresholds fitted on out-of-fold scores of the training part, "
            "compared with the model's own decisions on the holdout at the operating point; an "
            "option for the roadmap, not applied to the model. They need each person's "
            "{attribute} at the moment of the decision: a legal question before a technical one"
        ).format(attribute=name)
    return MitigationTradeoff(
        **base,
        score_after=round6(balanced_accuracy_score(y_test, after)),
        disparity_after=_eod(y_test[keep], after[keep], g_test[keep]),
        note=note,
    )


def _group_thresholds(oof: tuple, test: tuple, seed: int) -> np.ndarray:
    """ThresholdOptimizer (equalized odds, balanced accuracy) fitted on out-of-fold scores,
    deciding the holdout's rows."""
    (s_oof, y_oof, g_oof), (s_test, g_test) = oof, test
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = ThresholdOptimizer(
            estimator=_Scores().fit(None),
            constraints="equalized_odds",
            objective="balanced_accuracy_score",
            prefit=True,
            predict_method="predict_proba",
        )
        opt.fit(_column(s_oof), y_oof, sensitive_features=g_oof.to_numpy())
        chosen = opt.predict(
            _column(s_test), sensitive_features=g_test.to_numpy(), random_state=seed
        )
    return np.asarray(chosen, dtype=int)


def _fittable(groups: pd.Series, y: np.ndarray) -> list[str]:
    """Groups with enough positives and negatives among the out-of-fold rows to fit their own
    threshold."""
    y = pd.Series(np.asarray(y), index=groups.index)
    pos = y.groupby(groups).sum()
    neg = y.groupby(groups).size() - pos
    return sorted(pos.index[(pos >= MIN_CASES) & (neg >= MIN_CASES)])


def _column(scores: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"score": np.asarray(scores, dtype="float64")})


def _eod(y: np.ndarray, yhat: np.ndarray, groups: pd.Series) -> float | None:
    if groups.nunique() < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return round6(equalized_odds_difference(y, yhat, sensitive_features=groups))


def tradeoffs(
    sensitive: tuple[pd.DataFrame, pd.DataFrame],
    oof: tuple[np.ndarray, np.ndarray],
    holdout: tuple[np.ndarray, np.ndarray],
    seed: int,
    threshold: float | None = None,
) -> list[MitigationTradeoff]:
    """`tradeoff` for each sensitive column of a binary task (intersections are not
    mitigated): `sensitive` the columns for the holdout rows and for the out-of-fold rows,
    `oof` and `holdout` each (positive-class scores, encoded labels)."""
    s_test, s_oof = sensitive
    cut = THRESHOLD if threshold is None else threshold
    y_test = np.asarray(holdout[1])
    labelled = attributes(s_test, s_oof, list(s_test.columns))
    return [
        tradeoff(
            (np.asarray(oof[0]), np.asarray(oof[1]), g_oof),
            (np.asarray(holdout[0]), y_test, g_test),
            cut,
            seed,
        )
        for name, (g_test, g_oof) in labelled.items()
        if " × " not in name
    ]
