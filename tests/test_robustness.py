"""Robustness tests on a small fitted model: noise, missing values, unseen levels, dropped
features, one feature's noise, seeds, time windows and weak slices."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from baselines import ColumnRoles
from baselines import family_pipeline as build_model
from workbench.inputs.metrics import METRICS
from workbench.judge.verdicts import robustness_verdict
from workbench.science import robustness


def frame(n: int = 1200, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """`key` carries the signal through a sharp threshold; `x2` a little; in region 'west'
    the outcome is a coin flip."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "key": rng.normal(size=n),
            "x2": rng.normal(size=n),
            "region": rng.choice(["north", "south", "east", "west"], n),
        }
    )
    y = (3 * X["key"] + 0.5 * X["x2"] + rng.normal(0, 0.3, n) > 0).to_numpy().astype(int)
    west = (X["region"] == "west").to_numpy()
    y[west] = rng.integers(0, 2, west.sum())
    return X, y


def fitted(X, y, family="xgboost", task="binary", **params):
    params = params or ({"n_estimators": 60, "max_depth": 3} if family == "xgboost" else {})
    return build_model(family, params, ColumnRoles.from_frame(X), task, 0).fit(X, y)


@pytest.fixture(scope="module")
def case():
    X, y = frame()
    model = fitted(X.iloc[:800], y[:800])
    return model, X.iloc[800:].reset_index(drop=True), y[800:], X.iloc[:800], y[:800]


def assess(case, **kw):
    model, X, y, Xt, yt = case
    args = dict(n_classes=2, seed=0, top_features=["key", "x2"], train=(Xt, yt))
    return robustness.assess(model, X, y, "binary", METRICS["roc_auc"], **{**args, **kw})


def test_noise_on_one_feature_is_named_and_judged(case):
    result = assess(case, max_drop=0.1)
    assert result.worst_noise_feature == "key"
    single = {t.feature: t for t in result.tests if t.test == "one_feature_noise"}
    assert single["key"].drop > 0.1 > single["x2"].drop
    judged = robustness_verdict(result, 0.1)  # the judge's verdict on the measured drops
    verdicts = {t.feature: v for t, v in zip(result.tests, judged.tests, strict=True)
                if t.test == "one_feature_noise"}  # fmt: skip
    assert verdicts["key"] == "fail" and verdicts["x2"] == "pass"
    assert any("'key'" in f for f in judged.failures) and judged.verdict == "fail"
    assert "key" in judged.fragile_inputs and "x2" not in judged.fragile_inputs
    assert result.sample_rows == 400 and result.max_drop == 0.1


def test_drops_grow_with_the_damage(case):
    result = assess(case)
    noise = [t.drop for t in result.tests if t.test == "noise"]
    missing = [t.drop for t in result.tests if t.test == "missing"]
    assert len(noise) == 4 and len(missing) == 4
    assert noise[-1] > noise[0] and missing[-1] > missing[0]
    dropped = {t.feature: t.drop for t in result.tests if t.test == "dropped_feature"}
    assert dropped["key"] > 0.2 > dropped["x2"]


def test_without_a_bound_tests_are_reported_not_judged(case):
    judged = robustness_verdict(assess(case), None)
    assert set(judged.tests) == {"not_judged"} and judged.failures == []
    assert judged.verdict == "not_judged"


def test_unseen_levels_are_scored(case):
    result = assess(case)
    unseen = [t for t in result.tests if t.test == "unseen_category"]
    assert [t.feature for t in unseen] == ["region"] and unseen[0].score is not None


def test_weakest_slice_is_the_planted_one(case):
    result = assess(case)
    worst = result.weakest_slices[0]
    assert (worst.feature, worst.group) == ("region", "west")
    assert worst.rows >= robustness.MIN_ROWS and worst.drop > 0.2
    assert len(result.weakest_slices) <= 5


def test_seed_stability_refits_other_seeds(case):
    _model, X, y, Xt, yt = case
    noisy = fitted(Xt, yt, subsample=0.5, colsample_bytree=0.5, n_estimators=30)
    result = assess((noisy, X, y, Xt, yt))
    assert result.seeds.seeds == [0, 1, 2, 3] and len(result.seeds.scores) == 4
    assert result.seeds.spread == pytest.approx(max(result.seeds.scores) - min(result.seeds.scores))
    assert result.seeds.spread > 0 and result.seeds.train_rows == 800


def test_a_model_without_a_seed_says_so(case):
    _, X, y, Xt, yt = case
    ridge = fitted(Xt, yt.astype(float), family="linear", task="regression")
    result = robustness.assess(
        ridge, X, y.astype(float), "regression", METRICS["mae"],
        n_classes=0, seed=0, top_features=["key"], train=(Xt, yt.astype(float)),
    )  # fmt: skip
    assert result.seeds.spread == 0 and "random" in result.seeds.note
    noise = [t for t in result.tests if t.test == "noise"]
    assert noise[-1].drop > 0  # an error metric: the error rising is a positive drop


def test_a_logistic_regression_solved_without_randomness_is_not_refitted(case, monkeypatch):
    from sklearn.linear_model import LogisticRegression

    from workbench.science import fit_cache

    _, X, y, Xt, yt = case
    lbfgs = fitted(Xt, yt, family="linear")  # a seed parameter its solver never uses
    refits = []
    monkeypatch.setattr(fit_cache, "fit", lambda *a, **k: refits.append(a) or None)
    result = assess((lbfgs, X, y, Xt, yt), train_sampled=True)
    assert refits == [] and result.seeds.seeds == [0] and result.seeds.spread == 0
    assert "randomness" in result.seeds.note
    assert not robustness.uses_seed(LogisticRegression())
    assert robustness.uses_seed(LogisticRegression(solver="saga"))  # it shuffles the rows
    assert robustness.uses_seed(case[0].steps[-1][1])  # XGBoost subsamples


def test_time_windows_by_quarter_or_equal_count(case):
    _model, X, _y, _Xt, _yt = case
    spread = pd.Series(pd.date_range("2024-01-01", periods=len(X), freq="D"))
    quarters = assess(case, times=spread, time_column="day").time_windows
    assert quarters[0].window == "2024Q1" and sum(w.rows for w in quarters) == len(X)
    one_month = pd.Series(pd.Timestamp("2024-03-01") + pd.to_timedelta(np.arange(len(X)) % 28, "D"))
    windows = assess(case, times=one_month, time_column="day").time_windows
    assert len(windows) == 4 and all(" to " in w.window for w in windows)
    assert all(w.score is not None for w in windows)


def test_the_same_inputs_give_the_same_result(case):
    assert assess(case).model_dump_json() == assess(case).model_dump_json()
