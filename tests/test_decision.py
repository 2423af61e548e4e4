from __future__ import annotations

import pytest

from workbench.inputs.spec import Spec
from workbench.judge.decision import RunResults, decide, judge, rows_to_settle
from workbench.store.results import (
    DataResult,
    EvaluationResult,
    FindingRow,
    HoldoutScore,
    Interval,
    LeakageResult,
    SplitSummary,
    ViolationRow,
)

SPEC = Spec.model_validate(
    {
        "name": "t",
        "question": "Can we flag defaulters?",
        "decision": "Fund a pre-screen",
        "data": {"path": "x.csv", "contract": "c.yaml"},
        "task": {"kind": "binary", "target": "y"},
        "acceptance": {"min_primary_score": 0.75, "min_lift_over_baseline": 0.02},
    }
)


def results(
    score=(0.85, 0.82, 0.88), lift=(0.05, 0.03, 0.07), findings=(), violations=(), scored=1
):
    iv = lambda t: Interval(value=t[0], ci_low=t[1], ci_high=t[2])  # noqa: E731
    ev = EvaluationResult(
        metric="roc_auc",
        greater_is_better=True,
        test_rows=1000,
        bootstrap_resamples=100,
        candidate=HoldoutScore(name="tuned xgboost", role="candidate", primary=iv(score)),
        baseline=HoldoutScore(name="linear", role="baseline", primary=iv((0.8, 0.77, 0.83))),
        lift=iv(lift),
        holdout_scored=scored,
        pipelines={"candidate": ["prepare: ColumnTransformer", "model: XGBClassifier"]},
        figures=[],
    )
    leak = LeakageResult(
        split=SplitSummary(
            strategy="stratified", train_rows=3000, test_rows=1000, cv_folds=5, test_share=0.25
        ),
        findings=list(findings),
        checks=[],
        figures=[],
    )
    data = DataResult(
        rows=4000,
        columns=5,
        data_file="x.csv",
        fingerprint="f" * 64,
        target="y",
        task="binary",
        duplicate_rows=0,
        violations=list(violations),
        unmentioned_columns=[],
        profile=[],
        features=[],
        figures=[],
    )
    return RunResults(data=data, leakage=leak, evaluation=ev)


def finding(severity, col="leaky"):
    return FindingRow(
        check="single_feature",
        severity=severity,
        columns=[col],
        evidence={"auc": 1.0},
        message="m",
        fix="f",
    )


def test_all_criteria_clear_means_build():
    d = decide(results(), SPEC)
    assert d.recommendation == "build"
    assert [c.verdict for c in d.criteria] == ["pass"] * 5
    assert any("promote" in r for r in d.roadmap)


def test_critical_leak_blocks_even_a_great_score_and_names_the_column():
    d = decide(
        results(score=(0.99, 0.98, 1.0), findings=[finding("critical", "review_flag")]), SPEC
    )
    assert d.recommendation == "do_not_build"
    assert "review_flag" in d.headline and any("review_flag" in r for r in d.reasons)


def test_interval_below_threshold_fails():
    d = decide(results(score=(0.70, 0.66, 0.73)), SPEC)
    assert d.recommendation == "do_not_build"
    assert d.criteria[0].verdict == "fail"


def test_interval_straddling_threshold_is_inconclusive_with_sample_size():
    d = decide(results(score=(0.77, 0.72, 0.82)), SPEC)
    assert d.recommendation == "inconclusive"
    assert d.criteria[0].verdict == "uncertain"
    assert any("holdout rows" in r for r in d.reasons)


def test_no_lift_over_a_baseline_that_clears_the_bar_means_build_the_simpler_model():
    d = decide(results(lift=(0.0, -0.02, 0.015)), SPEC)  # baseline interval 0.77-0.83 > 0.75
    assert d.recommendation == "build_with_conditions"
    assert "simpler model" in d.headline and "linear" in d.headline
    assert any("simple baseline" in r for r in d.roadmap)


def test_no_lift_and_a_baseline_below_the_bar_is_not_a_build():
    spec = SPEC.model_copy(deep=True)
    spec.acceptance.min_primary_score = (
        0.84  # the candidate clears it (0.85-0.88), not the baseline
    )
    d = decide(results(score=(0.87, 0.85, 0.89), lift=(0.0, -0.02, 0.015)), spec)
    assert d.recommendation == "do_not_build"


@pytest.mark.parametrize(
    "kw",
    [
        {"scored": 2},
        {"findings": [finding("warning")]},
        {
            "violations": [
                ViolationRow(column="age", check="below min 18", failures=3, examples=["4"])
            ]
        },
    ],
)
def test_conditions_give_build_with_conditions(kw):
    assert decide(results(**kw), SPEC).recommendation == "build_with_conditions"


def test_judge_and_sample_size_for_errors():
    iv = Interval(value=2.0, ci_low=1.5, ci_high=2.5)
    assert judge(iv, 3.0, greater_is_better=False) == "pass"
    assert judge(iv, 1.0, greater_is_better=False) == "fail"
    assert judge(iv, 2.2, greater_is_better=False) == "uncertain"
    assert rows_to_settle(Interval(value=0.8, ci_low=0.7, ci_high=0.9), 0.75, 100) == 400


def test_estimate_on_the_threshold_does_not_promise_more_data_will_settle_it():
    d = decide(results(lift=(0.0201, 0.005, 0.035)), SPEC)
    assert d.recommendation == "inconclusive"
    assert any("sits almost exactly on the threshold" in r for r in d.reasons)
    assert not any("Collect more labelled data" in r for r in d.roadmap)
    # the baseline (0.77-0.83) clears 0.75: the simpler model is offered as an option
    assert any("simpler linear baseline" in r for r in d.roadmap)
