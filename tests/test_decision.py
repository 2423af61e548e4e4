from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision import FinishedRun, decide, judge, rows_to_settle
from workbench.judge.decision.rules import RANK
from workbench.store.results import (
    BusinessValue,
    DataResult,
    EvaluationResult,
    FindingRow,
    HoldoutScore,
    Interval,
    LeakageResult,
    LeakFreeScore,
    ModelCosts,
    ModelCV,
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


def iv(t) -> Interval:
    return Interval(value=t[0], ci_low=t[1], ci_high=t[2])


def results(
    score=(0.85, 0.82, 0.88),
    lift=(0.05, 0.03, 0.07),
    findings=(),
    violations=(),
    scored=1,
    over=(0.35, 0.32, 0.38),
    baseline=(0.8, 0.77, 0.83),
    looks=1,
    earlier=(),
    rows=4000,
    metric="roc_auc",
    value=None,
    latency=None,
):
    ev = EvaluationResult(
        metric=metric,
        greater_is_better=METRICS[metric].greater_is_better,
        test_rows=1000,
        bootstrap_resamples=100,
        candidate=HoldoutScore(name="tuned xgboost", role="candidate", primary=iv(score)),
        baseline=HoldoutScore(name="linear", role="baseline", primary=iv(baseline)),
        lift=iv(lift),
        holdout_scored=scored,
        dummy=HoldoutScore(name="dummy", role="baseline", primary=iv((0.5, 0.5, 0.5))),
        over_dummy=iv(over) if over is not None else None,
        holdout_looks=looks,
        earlier_looks=list(earlier),
        pipelines={"candidate": ["prepare: ColumnTransformer", "model: XGBClassifier"]},
        figures=[],
        business=None
        if value is None
        else BusinessValue(
            currency="EUR",
            cases_per_month=1000,
            candidate_threshold=0.5,
            baseline_threshold=0.5,
            candidate_monthly=iv(value),
            baseline_monthly=iv(value),
            act_on_none_monthly=0.0,
            min_monthly_value=0.0,
        ),
        costs=None
        if latency is None
        else ModelCosts(
            fit_seconds=1.0,
            fit_rows=3000,
            latency_rows=20,
            latency_ms_p50=latency,
            latency_ms_p95=latency,
            size_kb=10.0,
        ),
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
        rows=rows,
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
    return FinishedRun(data=data, leakage=leak, evaluation=ev)


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
    assert [c.verdict for c in d.criteria] == ["pass"] * 6
    assert d.criteria[1].name.startswith("Better than no model")
    assert any("promote" in r for r in d.roadmap)


def test_critical_leak_blocks_even_a_great_score_and_names_the_column():
    d = decide(
        results(score=(0.99, 0.98, 1.0), findings=[finding("critical", "review_flag")]), SPEC
    )
    assert d.recommendation == "do_not_build"
    assert "review_flag" in d.headline and any("review_flag" in r for r in d.reasons)


def test_a_warning_about_a_column_already_found_leaking_is_not_said_twice():
    found = [finding("critical", "spend"), finding("warning", "spend"), finding("warning", "age")]
    d = decide(results(findings=found), SPEC)
    assert [k.title for k in d.risks if "'spend'" in k.title] == ["A leak in 'spend'"]
    assert any(k.title == "Possible leakage in 'age'" for k in d.risks)
    assert sum("'spend'" in r for r in d.roadmap) == 1
    assert sum("'spend'" in r for r in d.reasons) == 1 and any("'age'" in r for r in d.reasons)
    assert "2 warnings" in d.criteria[3].evidence  # the count still says what was found


def test_interval_below_threshold_fails():
    d = decide(results(score=(0.70, 0.66, 0.73)), SPEC)
    assert d.recommendation == "do_not_build"
    assert d.criteria[0].verdict == "fail"


def test_interval_straddling_threshold_is_inconclusive_with_sample_size():
    d = decide(results(score=(0.77, 0.72, 0.82)), SPEC)
    assert d.recommendation == "inconclusive"
    assert d.criteria[0].verdict == "uncertain"
    # 1,000 test rows would need 6,250: more than half the extract's 4,000 rows can give
    assert any("holdout of about 6,250 rows (now 1,000), more than this extract's 4,000" in r
               for r in d.reasons)  # fmt: skip
    assert any("6,250 fresh labelled cases" in r for r in d.roadmap)


def test_advice_never_asks_for_more_rows_than_the_extract_holds():
    """The demo's case: 1,114 test rows of 4,454 asked for 6,398 holdout rows."""
    d = decide(results(score=(0.77, 0.72, 0.82), rows=40_000), SPEC)
    assert any("holdout of about 6,250 rows (16% of this extract's 40,000; now 1,000)" in r
               for r in d.reasons)  # fmt: skip
    small = decide(results(score=(0.77, 0.72, 0.82), rows=4_454), SPEC)
    text = " ".join(small.reasons + small.roadmap)
    assert "more than this extract's 4,454 rows can give" in text
    assert "(now 1,000) would settle it" not in text


def test_no_lift_over_a_baseline_that_clears_the_bar_means_build_the_simpler_model():
    d = decide(results(lift=(0.0, -0.02, 0.015)), SPEC)  # baseline interval 0.77-0.83 > 0.75
    assert d.recommendation == "build_with_conditions"
    assert "the simpler model meets the bar" in d.headline and "linear" in d.headline
    assert "adds a lift in ROC AUC of 0.000 (95% interval -0.020 to 0.015)" in d.headline.replace(
        "−", "-"
    )
    assert any(r.startswith("Build the simpler linear baseline") for r in d.roadmap)


def test_an_uncertain_lift_over_a_baseline_that_clears_the_bar_is_not_inconclusive():
    """The demo's page one read "Inconclusive" although both models cleared 0.8."""
    d = decide(results(lift=(0.015, 0.003, 0.029)), SPEC.model_copy(deep=True))
    assert d.recommendation == "build_with_conditions"
    assert d.headline.startswith("Yes, with conditions: the simpler model meets the bar")
    lift = next(c for c in d.criteria if c.name.startswith("Lift over the best baseline"))
    assert lift.verdict == "uncertain"
    assert not any("would settle it" in r for r in d.reasons)  # no rows asked for a lift
    risk = next(k for k in d.risks if "agreed lift" in k.title)
    assert risk.title == "The tuned model may not add the agreed lift over the simpler baseline"
    assert risk.weight == 50 and "must be met first" not in d.headline
    more = decide(results(lift=(0.015, 0.003, 0.029), findings=[finding("warning")]), SPEC)
    assert more.headline.endswith("The other conditions below must be met first.")


def test_an_uncertain_lift_over_a_baseline_below_the_bar_builds_the_tuned_model():
    spec = SPEC.model_copy(deep=True)
    spec.acceptance.min_primary_score = 0.8  # baseline 0.77-0.83 straddles it
    d = decide(results(lift=(0.015, 0.003, 0.029)), spec)
    assert d.recommendation == "build_with_conditions"
    assert "tuned model meets the agreed bar" in d.headline and "not settled" in d.headline


def test_a_weaker_baseline_never_makes_a_worse_verdict():
    """The issue's probe: bar 0.70, the candidate 0.715 (0.705 to 0.725) clears it. A baseline
    straddling the bar with a lift short of the agreed one said "do not build", while a
    stronger baseline that clears the bar said "build with conditions"."""
    spec = SPEC.model_copy(deep=True)
    spec.acceptance.min_primary_score, spec.acceptance.min_lift_over_baseline = 0.70, 0.01
    score = (0.715, 0.705, 0.725)
    table = [
        ((0.60, 0.58, 0.62), (0.115, 0.09, 0.14)),
        ((0.71, 0.695, 0.725), (0.005, 0.002, 0.008)),
        ((0.712, 0.702, 0.722), (0.003, 0.0, 0.006)),
    ]
    got = [decide(results(score=score, baseline=b, lift=lift), spec) for b, lift in table]
    assert [d.recommendation for d in got] == ["build"] + ["build_with_conditions"] * 2
    straddling = got[1]
    assert "adds less than the agreed margin over the simpler linear baseline" in (
        straddling.headline
    )
    assert any("which may not clear the bar itself" in r for r in straddling.reasons)
    assert any(r.startswith("Agree with the client whether the tuned model is worth") for r in
               straddling.roadmap)  # fmt: skip
    below = decide(results(score=score, baseline=(0.69, 0.685, 0.695), lift=(0.025, 0.02, 0.03)),
                   spec.model_copy(update={"acceptance": spec.acceptance.model_copy(
                       update={"min_lift_over_baseline": 0.05})}))  # fmt: skip
    assert below.recommendation == "build_with_conditions"
    assert any("which does not clear the bar itself" in r for r in below.reasons)


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
    at_zero = Interval(value=0.0, ci_low=0.0, ci_high=0.0)
    assert judge(at_zero, 0.0, True) == "pass" and judge(at_zero, 0.0, True, strict=True) == "fail"
    touching = Interval(value=0.01, ci_low=0.0, ci_high=0.02)
    assert judge(touching, 0.0, True, strict=True) == "uncertain"
    assert rows_to_settle(Interval(value=0.8, ci_low=0.7, ci_high=0.9), 0.75, 100) == 400


def test_estimate_on_the_threshold_does_not_promise_more_data_will_settle_it():
    d = decide(results(score=(0.7501, 0.72, 0.78)), SPEC)
    assert d.recommendation == "inconclusive"
    assert any("sits almost exactly on the threshold" in r for r in d.reasons)
    assert not any("fresh labelled cases" in r for r in d.roadmap)
    # the baseline (0.77-0.83) clears 0.75: the simpler model is offered as an option
    d = decide(results(score=(0.7501, 0.72, 0.78), lift=(0.0, -0.02, 0.02)), SPEC)
    assert any("simpler linear baseline" in r for r in d.roadmap)


def test_a_model_no_better_than_the_dummy_is_not_built():
    """95% majority class, accuracy as the metric: predicting the majority everywhere scores
    0.95 and clears a bar of 0.9; its lift over the dummy is exactly zero."""
    d = decide(results(over=(0.0, 0.0, 0.0)), SPEC)
    assert d.recommendation == "do_not_build"
    chance = next(c for c in d.criteria if c.name.startswith("Better than no model"))
    assert chance.verdict == "fail"
    assert any("no better than no model at all" in r for r in d.reasons)
    unsure = decide(results(over=(0.01, -0.01, 0.03)), SPEC)
    assert unsure.recommendation == "inconclusive"


def test_a_rescored_holdout_is_said_on_page_one_and_is_a_condition():
    d = decide(results(looks=3, earlier=(0.83, 0.84)), SPEC)
    assert d.recommendation == "build_with_conditions"
    assert "scored 3 times in this study; the best of those scores is optimistic" in d.headline
    process = next(c for c in d.criteria if c.name.startswith("Holdout scored once"))
    assert process.verdict == "fail" and process.observed == 3
    assert d.risks[0].title == "The holdout has been scored more than once"
    assert "0.830, 0.840" in d.risks[0].detail
    assert not any("falls short" in k.title and "Holdout" in k.title for k in d.risks)


def test_the_leak_free_score_is_on_page_one():
    r = results(findings=[finding("critical", "review_flag")])
    r.evaluation.leak_free = LeakFreeScore(
        columns=["review_flag"], features_left=4, cv_rows=3000,
        cv=ModelCV(name="x", description="", fold_scores=[0.7, 0.72], mean=0.71, std=0.01,
                   ci_low=0.68, ci_high=0.74),
    )  # fmt: skip
    d = decide(r, SPEC)
    assert d.recommendation == "do_not_build"
    assert "Without 'review_flag'" in d.headline
    assert "0.710 (95% interval 0.680 to 0.740): it would not clear the agreed 0.75" in d.headline
    r.evaluation.leak_free.cv = r.evaluation.leak_free.cv.model_copy(
        update={"mean": 0.8, "ci_low": 0.78, "ci_high": 0.82}
    )
    assert "it would clear the agreed 0.75" in decide(r, SPEC).headline


# -- monotone: better evidence never moves the recommendation toward "do not build" -------------
BAR, LIFT_BAR, BUDGET_MS = 0.7, 0.02, 10.0


def spec_for(metric: str) -> Spec:
    """SPEC judged on `metric` against BAR (a least score, or a most error), with a latency
    budget and an agreed lift."""
    higher = METRICS[metric].greater_is_better
    acceptance = {
        "min_primary_score" if higher else "max_primary_error": BAR,
        "min_lift_over_baseline": LIFT_BAR,
        "max_latency_ms": BUDGET_MS,
    }
    task = "binary" if higher else "regression"
    return SPEC.model_copy(
        update={
            "acceptance": SPEC.acceptance.model_validate(acceptance),
            "task": SPEC.task.model_copy(update={"kind": task}),
            "metrics": SPEC.metrics.model_copy(update={"primary": metric, "secondary": []}),
        }
    )


def mostly(grid: list, other):
    """A value from a small grid, where hypothesis meets every combination of verdicts soon,
    or (a quarter of the time) from `other`."""
    return st.one_of(*[st.sampled_from(grid)] * 3, other)


OFFSETS = mostly([-0.05, -0.01, 0.0, 0.01, 0.05], st.floats(-0.2, 0.2))
WIDTHS = mostly([0.0, 0.02], st.floats(0, 0.1))
SHIFTS = [0.005, 0.02, 0.06, 0.15]  # every improvement is tried at each of these sizes


def spread(threshold: float, sign: int = 1):
    """An interval (value, low, high) near `threshold` (`sign` -1: an error, lower better):
    pass, uncertain and fail are each likely."""
    return st.tuples(OFFSETS, WIDTHS, WIDTHS).map(
        lambda t: (threshold + sign * t[0], threshold + sign * t[0] - t[1],
                   threshold + sign * t[0] + t[2])
    )  # fmt: skip


def clean_or(strategy, clean):
    """Mostly the clean value (a passing bar, no finding, no condition), so that the verdicts
    of interest are not hidden behind a failing bar, a condition or a leak in most examples."""
    return st.one_of(st.just(clean), st.just(clean), strategy)


@st.composite
def evidence(draw):
    """The inputs of a decision: the candidate's score, the baseline's, the lifts over it and
    over no model, the expected value, findings, contract violations, holdout looks and
    latency; the intervals drawn near the bars they are judged against."""
    metric = draw(st.sampled_from(["roc_auc", "rmse"]))
    sign = 1 if METRICS[metric].greater_is_better else -1
    found = draw(clean_or(st.lists(st.sampled_from(["critical", "warning"]), max_size=2), []))
    return metric, {
        "score": draw(
            clean_or(spread(BAR, sign), (BAR + sign * 0.1, BAR + sign * 0.05, BAR + sign * 0.15))
        ),
        "baseline": draw(spread(BAR, sign)),
        "lift": draw(spread(LIFT_BAR)),
        "over": draw(clean_or(spread(0.0), (0.2, 0.15, 0.25))),
        "value": draw(clean_or(spread(0.0), None)),
        "findings": [finding(sev, f"c{i}") for i, sev in enumerate(found)],
        "violations": [ViolationRow(column="age", check="below min 18", failures=3, examples=["4"])]
        * draw(clean_or(st.just(1), 0)),
        "scored": draw(clean_or(st.just(2), 1)),
        "looks": draw(clean_or(st.integers(2, 3), 1)),
        "latency": draw(clean_or(st.floats(1, 20), None)),
    }


def moved(t, by: float):
    """An interval moved up by `by`."""
    return None if t is None else (t[0] + by, t[1] + by, t[2] + by)


def narrowed(t, factor: float):
    """An interval shrunk toward its value."""
    return (t[0], t[0] - factor * (t[0] - t[1]), t[0] + factor * (t[2] - t[0]))


THRESHOLDS = {"score": BAR, "lift": LIFT_BAR, "over": 0.0, "value": 0.0}


def improvements(before: dict, sign: int):
    """Every single piece of better evidence, each with the rest held fixed: (what, inputs)."""
    for by in SHIFTS:
        better = {"score": moved(before["score"], sign * by), "lift": moved(before["lift"], by),
                  "over": moved(before["over"], by), "value": moved(before["value"], by)}  # fmt: skip
        yield f"a candidate better by {by}", {**before, **better}
        weaker = {"baseline": moved(before["baseline"], -sign * by),
                  "lift": moved(before["lift"], by)}  # fmt: skip
        yield f"a baseline weaker by {by}", {**before, **weaker}
    for name, threshold in THRESHOLDS.items():  # narrower around a value on the passing side
        t = before[name]
        passing = t is not None and (sign if name == "score" else 1) * (t[0] - threshold) > 0
        for factor in (0.0, 0.5) if passing else ():
            yield f"{name} narrowed to {factor}", {**before, name: narrowed(t, factor)}
    yield "the baseline narrowed", {**before, "baseline": narrowed(before["baseline"], 0.3)}
    for i, f in enumerate(before["findings"]):
        rest = before["findings"][:i] + before["findings"][i + 1 :]
        yield f"finding {i} gone", {**before, "findings": rest}
        if f.severity == "critical":
            milder = f.model_copy(update={"severity": "warning"})
            yield f"finding {i} a warning", {**before, "findings": [*rest, milder]}
    yield "no contract violation", {**before, "violations": []}
    yield "scored once", {**before, "scored": 1, "looks": 1}
    if before["latency"] is not None:
        yield "faster", {**before, "latency": before["latency"] / 2}


PROBE = {  # the probe: a straddling baseline with a short lift said "do not build"
    "score": (0.715, 0.705, 0.725), "baseline": (0.712, 0.702, 0.722), "lift": (0.003, 0.0, 0.006),
    "over": (0.2, 0.15, 0.25), "value": None, "findings": [], "violations": [], "scored": 1,
    "looks": 1, "latency": None,
}  # fmt: skip


@settings(max_examples=120, deadline=None, derandomize=True)
@example(("roc_auc", PROBE))
@given(evidence())
def test_better_evidence_never_moves_toward_do_not_build(case):
    """docs/decision-rules.md: holding everything else fixed, a better candidate score, a
    narrower interval (around a value on the passing side), a weaker baseline, fewer findings,
    fewer looks at the holdout, fewer contract violations or a faster model never lower the
    recommendation (do not build < inconclusive < build with conditions < build)."""
    metric, before = case
    spec = spec_for(metric)
    sign = 1 if METRICS[metric].greater_is_better else -1
    was = decide(results(metric=metric, **before), spec).recommendation
    for what, after in improvements(before, sign):
        now = decide(results(metric=metric, **after), spec).recommendation
        assert RANK[now] >= RANK[was], (what, was, now)


def test_a_strong_column_of_unknown_timing_gets_the_score_without_it_on_page_one():
    r = results(findings=[finding("warning", "bureau_score")])
    cv = ModelCV(name="x", description="", fold_scores=[0.7, 0.72], mean=0.71, std=0.01,
                 ci_low=0.68, ci_high=0.74)  # fmt: skip
    r.evaluation.timing_free = LeakFreeScore(
        columns=["bureau_score"], unknown_timing=["bureau_score"], features_left=4, cv_rows=3000,
        cv=cv,
    )  # fmt: skip
    d = decide(r, SPEC)
    assert d.recommendation == "build_with_conditions"  # a warning: a condition, as before
    assert (
        "When 'bureau_score' becomes known is not stated in the contract, and a leakage warning "
        "names it: without it, the tuned model's cross-validated" in d.headline
    )
    assert "0.710 (95% interval 0.680 to 0.740), and it would not clear the agreed" in d.headline
    r.evaluation.timing_free = r.evaluation.timing_free.model_copy(
        update={"unknown_timing": ["a", "b"], "cv": cv.model_copy(update={"ci_low": 0.76,
                                                                          "mean": 0.8})}
    )  # fmt: skip
    assert "When 'a', 'b' become known" in (headline := decide(r, SPEC).headline)
    assert "without them" in headline and "would still clear" in headline
    r.evaluation.timing_free = None
    assert "becomes known" not in decide(r, SPEC).headline
