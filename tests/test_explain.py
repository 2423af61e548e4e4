"""Explanations with shap: importance per input column, the sampled explainer for non-tree
models, local explanations without PII values, and stability across folds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from baselines import ColumnRoles
from baselines import family_pipeline as build_model
from workbench.inputs.contract import MASK
from workbench.science import explanations as explain


def frame(n: int = 900, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "key": rng.normal(size=n),
            "x2": rng.normal(size=n),
            "job": rng.choice(["fixed", "freelance", "none"], n),
            "applied_on": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 300, n), "D"),
        }
    )
    score = 3 * X["key"] + 1.5 * (X["job"] == "none") + 0.8 * X["x2"] + rng.normal(0, 0.5, n)
    return X, (score > 0).to_numpy().astype(int), score.to_numpy()


def fitted(family: str, X, y, task="binary"):
    params = {"n_estimators": 60, "max_depth": 3} if family == "xgboost" else {}
    return build_model(family, params, ColumnRoles.from_frame(X), task, 0).fit(X, y)


def run(model, X, y, task="binary", pii=(), folds=False):
    Xt, Xh = X.iloc[:600], X.iloc[600:].reset_index(drop=True)
    pred = model.predict_proba(Xh) if task != "regression" else model.predict(Xh)
    fold = np.arange(600) % 3
    data = (Xt, y[:600], [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(3)])
    return explain.explain(
        model,
        Xh,
        pred,
        task,
        seed=0,
        background=Xt,
        pii=set(pii),
        folds_data=data if folds else None,
    )


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("num__key", "key"),
        ("num__missingindicator_key", "key"),
        ("cat__job_fixed", "job"),
        ("cat__job", "job"),
        ("date__applied_on_month", "applied_on"),
    ],
)
def test_transformed_features_map_back_to_their_column(name, column):
    assert explain.source_column(name, ["key", "x2", "job", "applied_on"]) == column


def test_tree_model_is_explained_exactly_and_ranks_the_signal():
    X, y, _ = frame()
    result, shap_ = run(fitted("xgboost", X, y), X, y, folds=True)
    assert result.method == "tree" and result.background_rows is None
    assert result.explained_rows == 300 and "log-odds" in result.output
    assert next(iter(result.importance)) == "key"
    assert set(result.importance) == {"key", "x2", "job", "applied_on"}
    assert len(result.fold_rank_correlations) == 3 and result.fold_rank_mean > 0.5
    assert result.fold_train_rows == 400
    assert shap_.values.shape == (300, len(shap_.names))


def test_other_models_get_a_sampled_explainer_within_its_limits(monkeypatch):
    # smaller limits than the product's (200 rows, 100 background rows) keep the test fast
    monkeypatch.setattr(explain, "MAX_SAMPLED_ROWS", 40)
    monkeypatch.setattr(explain, "MAX_BACKGROUND", 30)
    X, y, _ = frame()
    result, _ = run(fitted("linear", X, y), X, y)
    assert result.method == "sampled"
    assert (result.explained_rows, result.background_rows) == (40, 30)
    assert next(iter(result.importance)) == "key"


def test_three_local_explanations_and_pii_never_by_value():
    X, y, _ = frame()
    result, _ = run(fitted("xgboost", X, y), X, y, pii=["job"])
    kinds = [e.kind for e in result.local]
    assert kinds == ["highest risk", "lowest risk", "most uncertain"]
    high, low, unsure = result.local
    assert high.prediction > 0.9 and low.prediction < 0.1 and abs(unsure.prediction - 0.5) < 0.2
    assert high.contributions[0].feature == "key" and high.contributions[0].contribution > 0
    values = [c.value for e in result.local for c in e.contributions if c.feature == "job"]
    assert values and set(values) == {MASK}


@pytest.mark.parametrize("task", ["multiclass", "regression"])
def test_other_tasks(task):
    X, _y, score = frame()
    target = np.digitize(score, [-1, 1]) if task == "multiclass" else score
    result, shap_ = run(fitted("xgboost", X, target, task), X, target, task)
    assert next(iter(result.importance)) == "key" and len(result.local) == 3
    assert shap_.values.ndim == 2


def test_beeswarm_is_drawn():
    X, y, _ = frame()
    _, shap_ = run(fitted("xgboost", X, y), X, y)
    fig = explain.beeswarm(shap_)
    assert fig.axes and "SHAP value" in fig.axes[0].get_xlabel()


def test_the_most_uncertain_case_is_the_one_nearest_the_operating_threshold():
    """With a threshold of 0.19, the closest call is the case scored nearest 0.19, not 0.5."""
    pred = np.array([[0.5, 0.5], [0.81, 0.19], [0.99, 0.01], [0.02, 0.98], [0.7, 0.3]])
    assert explain.pick_rows(pred, "binary")["most uncertain"] == 0
    picked = explain.pick_rows(pred, "binary", threshold=0.19)
    assert picked == {"highest risk": 3, "lowest risk": 2, "most uncertain": 1}
