"""Fairness across sensitive groups: fairlearn's per-group metrics and disparities, groups too
small to judge, quartiles for numbers, intersections, and the ThresholdOptimizer trade-off."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import false_positive_rate, true_positive_rate
from sklearn.metrics import roc_auc_score

from baselines import ColumnRoles
from workbench.inputs.metrics import METRICS
from workbench.inputs.search_spaces import build_model
from workbench.science import fairness
from workbench.science.mitigation import tradeoff


def predictions(n: int = 1000, seed: int = 0):
    """Good predictions for group A, coin flips for group B; 12 rows of group C."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    group = np.where(rng.random(n) < 0.6, "A", "B")
    group[:12] = "C"
    good = np.clip(y + rng.normal(0, 0.25, n), 0, 1)
    p = np.where(group == "B", rng.random(n), good)
    return y, p, pd.DataFrame({"group": group, "age": rng.integers(18, 80, n)})


def assess(y, p, sensitive, max_disparity=None, task="binary"):
    pred = np.column_stack([1 - p, p]) if task == "binary" else p
    return fairness.assess(
        (sensitive, sensitive.iloc[:0]), (y, pred), task, seed=0, max_disparity=max_disparity
    )


@pytest.fixture(scope="module")
def judged():
    y, p, s = predictions()
    return assess(y, p, s[["group"]], max_disparity=0.1)


def test_the_noisy_group_is_named_with_its_gap(judged):
    assert judged.verdict == "fail"
    worst = judged.worst
    assert worst.attribute == "group" and worst.worst_group == "B"
    eo = worst.equalized_odds_difference
    assert eo.value > 0.3 and eo.ci_low <= eo.value <= eo.ci_high
    assert "'B'" in worst.gap and "'A'" in worst.gap


def test_small_groups_are_flagged_and_left_out_of_the_disparity(judged):
    small = [g for g in judged.groups if g.too_small]
    assert [(g.group, g.rows) for g in small] == [("C", 12)]
    assert "too small to judge" in judged.notes[0].lower() and "'C'" in judged.notes[0]
    assert "'C'" not in judged.worst.gap


def test_group_metrics_match_fairlearn_and_sklearn(judged):
    y, p, s = predictions()
    rows = (s["group"] == "A").to_numpy()
    a = next(g for g in judged.groups if g.group == "A").metrics
    assert a["true_positive_rate"].value == pytest.approx(
        true_positive_rate(y[rows], p[rows] >= 0.5), abs=1e-6
    )
    assert a["false_positive_rate"].value == pytest.approx(
        false_positive_rate(y[rows], p[rows] >= 0.5), abs=1e-6
    )
    assert a["roc_auc"].value == pytest.approx(roc_auc_score(y[rows], p[rows]), abs=1e-6)
    iv = a["selection_rate"]
    assert iv.ci_low <= iv.value <= iv.ci_high
    assert judged.threshold == 0.5 and "0.5" in judged.threshold_note


def test_within_the_bound_passes_and_without_one_reports():
    y, p, s = predictions()
    fair_p = np.clip(y + np.random.default_rng(1).normal(0, 0.25, len(y)), 0, 1)
    assert assess(y, fair_p, s[["group"]], max_disparity=0.3).verdict == "pass"
    assert assess(y, p, s[["group"]]).verdict == "report"


def test_numbers_are_grouped_in_quartiles_and_pairs_need_large_groups():
    y, p, s = predictions(2000)
    s["group"] = np.where(np.arange(2000) % 2 == 0, "A", "B")
    result = assess(y, p, s[["group", "age"]])
    ages = [g.group for g in result.groups if g.attribute == "age"]
    assert len(ages) == 4 and ages[0].startswith("Q1: up to") and ages[-1].startswith("Q4: above")
    assert "group × age" in result.attributes  # 8 groups of about 250 rows each
    s.loc[:40, "group"] = "C"  # a third group of 41 rows: some of its pairs fall under 30
    assert "group × age" not in assess(y, p, s[["group", "age"]]).attributes


def test_regression_reports_error_gaps_without_judging():
    rng = np.random.default_rng(0)
    y = rng.normal(size=600)
    group = np.where(np.arange(600) % 3 == 0, "B", "A")
    pred = y + np.where(group == "B", rng.normal(0, 2, 600), rng.normal(0, 0.1, 600))
    result = assess(y, pred, pd.DataFrame({"group": group}), max_disparity=0.1, task="regression")
    assert result.verdict == "not_applicable" and result.worst is None
    assert (
        result.disparities[0].worst_group == "B"
        and "mean absolute error" in result.disparities[0].gap
    )
    assert any("yes/no outcomes only" in n for n in result.notes)


def test_no_sensitive_column_is_said_plainly():
    y, p, s = predictions()
    result = assess(y, p, s[[]], max_disparity=0.1)
    assert result.verdict == "not_applicable" and "sensitive: true" in result.notes[0]


def test_threshold_optimizer_tradeoff_leaves_the_model_alone():
    rng = np.random.default_rng(0)
    n = 1600
    X = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    group = pd.Series(np.where(rng.random(n) < 0.5, "A", "B"), name="group")
    y = (X["x"] + np.where(group == "B", rng.normal(0, 2, n), 0) > 0).to_numpy().astype(int)
    model = build_model("xgboost", {"n_estimators": 40}, ColumnRoles.from_frame(X), "binary", 0)
    model.fit(X.iloc[:1000], y[:1000])
    Xt, yt = X.iloc[1000:].reset_index(drop=True), y[1000:]
    before = model.predict_proba(Xt)[:, 1]
    labels = (group.iloc[1000:].reset_index(drop=True), group.iloc[:1000])
    result = tradeoff(
        model, (X.iloc[:1000], y[:1000]), (Xt, yt, before), labels, METRICS["roc_auc"], 0
    )
    assert result.disparity_before is not None and result.disparity_after is not None
    assert result.score_after is not None and "not applied" in result.note
    np.testing.assert_array_equal(model.predict_proba(Xt)[:, 1], before)


def test_the_same_inputs_give_the_same_result(judged):
    y, p, s = predictions()
    again = assess(y, p, s[["group"]], max_disparity=0.1)
    assert again.model_dump_json() == judged.model_dump_json()
