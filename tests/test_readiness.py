"""The readiness list (ML Test Score) and the production path: judged on a run's results, the
same in the decision's roadmap, READINESS.md and the report."""

from __future__ import annotations

from test_assurance_decision import assurance, spec_with
from test_decision import SPEC, finding, results
from workbench.handoff.readiness_list import to_markdown
from workbench.judge.decision import decide
from workbench.judge.readiness import TESTS, assess
from workbench.judge.verdicts import judge_measurements
from workbench.store.assurance_results import WindowScore
from workbench.store.judgements import Decision, OverfittingVerdict
from workbench.store.production_results import (
    BandOption,
    MonitoringPlan,
    PipelineComponent,
    ProductionEvidence,
    Proportion,
    ReviewBand,
    WatchedFeature,
)
from workbench.store.results import (
    BusinessValue,
    ColumnProfile,
    Interval,
    ModelCosts,
    ViolationRow,
)


def set_latency(results, p95_ms: float | None) -> None:
    """The candidate's measured latency (evaluation results), p95 as given."""
    results.evaluation.costs = (
        None
        if p95_ms is None
        else ModelCosts(
            fit_seconds=1.0,
            fit_rows=100,
            latency_rows=100,
            latency_ms_p50=p95_ms / 2,
            latency_ms_p95=p95_ms,
            size_kb=10.0,
        )
    )


def status(readiness) -> dict[str, str]:
    return {i.id: i.status for i in readiness.items}


def rate(v: float, rows: int = 100) -> Proportion:
    return Proportion(value=v, ci_low=v - 0.05, ci_high=v + 0.05, count=int(v * rows), rows=rows)


def evidence(review: ReviewBand | None = None) -> ProductionEvidence:
    return ProductionEvidence(
        components=[
            PipelineComponent(step="prepare", kind="ColumnTransformer", detail="num: on income"),
            PipelineComponent(step="model", kind="XGBClassifier", detail="max_depth=3"),
        ],
        baseline_components=[],
        family="xgboost",
        params={"max_depth": 3},
        trials_completed=30,
        tuned_cv=0.86,
        default_cv=0.83,
        review=review,
    )


BAND = ReviewBand(
    task="binary",
    score="the predicted probability of 'bad'",
    threshold=0.3,
    method="m",
    error_all=rate(0.2, 1000),
    options=[
        BandOption(
            target_share=s,
            share=s,
            low=0.3 - s,
            high=0.3 + s,
            rows_in=int(1000 * s),
            error_in=rate(0.45),
            error_out=rate(0.18 - s / 10),
        )
        for s in (0.05, 0.1, 0.2)
    ],
    proposed=0.1,
)
PLAN = MonitoringPlan(
    computed_on="the training part (3,000 rows) of the run's snapshot",
    rows=3000,
    psi_moderate=0.1,
    psi_drifted=0.25,
    watched=[
        WatchedFeature(
            feature="income",
            reasons=["SHAP: rank 1 of the inputs moving predictions most"],
            shap_rank=1,
            reference={
                "kind": "numeric",
                "type": "float",
                "mean": 2000.0,
                "std": 800.0,
                "quantiles": {"p05": 900.0, "p50": 1900.0, "p95": 3600.0},
                "missing_share": 0.05,
            },
        ),
        WatchedFeature(
            feature="job",
            reasons=["SHAP: rank 2", "robustness: new categories in it drops the score by 0.040"],
            reference={
                "kind": "categorical",
                "shares": {"fixed": 0.6, "freelance": 0.25},
                "distinct": 4,
                "missing_share": 0.0,
            },
        ),
    ],
)


def full_results(**changes):
    """A build-worthy run with every stage's evidence: features, PII and sensitive columns,
    the production evidence, assurance with a monitoring plan and time windows."""
    r = results(**changes)
    r.data.features = ["income", "job"]
    r.data.profile = [
        ColumnProfile(
            name="income",
            type="float",
            role="feature",
            missing_share=0.05,
            distinct=900,
            used_by_model=True,
        ),
        ColumnProfile(
            name="email", type="string", role="exclude", missing_share=0, distinct=4000, pii=True
        ),
        ColumnProfile(
            name="age", type="integer", role="feature", missing_share=0, distinct=50, sensitive=True
        ),
    ]
    r.evaluation.production = evidence(BAND)
    r.assurance = assurance(eo=0.05, drop=0.01, max_drop=0.05)
    r.assurance.explanations.importance = {"income": 0.6, "job": 0.3}
    r.assurance.monitoring = PLAN
    set_latency(r, 2.5)
    return r


def test_the_rubric_has_28_tests_with_stable_ids():
    r = assess(full_results(), SPEC, "build")
    ids = [i.id for i in r.items]
    assert ids == [t[0] for t in TESTS]
    assert ids == [f"{s}-{n}" for s in ("data", "model", "infra", "monitor") for n in range(1, 8)]
    assert {i.section for i in r.items} == {
        "Features and data",
        "Model development",
        "ML infrastructure",
        "Monitoring",
    }
    for i in r.items:
        assert i.evidence and (i.next_step is None) == (i.status == "provided")


def test_the_discovery_run_provides_schema_drift_reference_rollback_latency_and_training():
    s = status(assess(full_results(), SPEC, "build"))
    for provided in ("data-1", "infra-1", "infra-7", "monitor-3", "monitor-6"):
        assert s[provided] == "provided", provided
    for owed in ("infra-6", "model-2", "monitor-7"):  # only production can show these
        assert s[owed] == "owed", owed


def test_different_evidence_gives_different_items():
    base = status(assess(full_results(), SPEC, "build"))
    weak = full_results(
        violations=[ViolationRow(column="income", check="min", failures=3, examples=["-1"])],
        lift=(0.01, -0.01, 0.03),
    )
    weak.assurance = assurance(eo=0.3)
    weak.assurance.explanations.importance = {"income": 0.99, "job": 0.001}
    weak.assurance.robustness.time_windows = [
        WindowScore(window="2023-H1", rows=300, score=0.86, drop=0.0),
        WindowScore(window="2023-H2", rows=300, score=0.80, drop=0.06),
    ]
    set_latency(weak, None)
    guard = OverfittingVerdict(
        verdict="overfit", gap=Interval(value=0.2, ci_low=0.17, ci_high=0.23), explanation=""
    )
    weak.verdicts = judge_measurements(weak, SPEC).model_copy(update={"overfitting": guard})
    r = assess(weak, SPEC, "build_with_conditions")
    after = status(r)
    changed = {k for k in base if base[k] != after[k]}
    assert changed == {
        "data-1",  # the contract was broken
        "data-2",  # job carries almost nothing
        "model-3",  # the tuning overfits
        "model-4",  # time windows show the ageing: now known
        "model-5",  # no measurable lift over the baseline
        "model-7",  # the fairness gap is beyond the bound
        "monitor-6",  # no latency measured
    }
    by_id = {i.id: i for i in r.items}
    assert "job" in by_id["data-2"].next_step
    assert "0.860 (2023-H1) to 0.800 (2023-H2)" in by_id["model-4"].evidence
    assert "0.06" in by_id["monitor-4"].evidence


def test_meta_requirements_depend_on_the_contract():
    r = full_results()
    assert status(assess(r, SPEC))["data-4"] == "provided"
    r.data.profile = [p for p in r.data.profile if not (p.pii or p.sensitive)]
    item = next(i for i in assess(r, SPEC).items if i.id == "data-4")
    assert item.status == "owed" and "data-protection officer" in item.next_step
    r.data.features = ["income", "age"]
    r.data.profile.append(
        ColumnProfile(
            name="age", type="integer", role="feature", missing_share=0, distinct=5, sensitive=True
        )
    )
    item = next(i for i in assess(r, SPEC).items if i.id == "data-4")
    assert item.status == "owed" and "age" in item.evidence


def test_latency_is_judged_against_the_budget():
    r = full_results()
    set_latency(r, 30.0)
    assert status(assess(r, spec_with(max_latency_ms=50)))["monitor-6"] == "provided"
    assert status(assess(r, spec_with(max_latency_ms=10)))["monitor-6"] == "owed"


def test_rollback_names_the_baseline_and_whether_it_clears_the_bar():
    r = assess(full_results(), SPEC, "build")
    assert "linear" in r.path.rollback and "0.800 (95% interval 0.770 to 0.830)" in r.path.rollback
    assert "safe fallback" in r.path.rollback
    tight = spec_with(min_primary_score=0.8)
    r = assess(full_results(), tight, "build")
    assert "stop-gap" in r.path.rollback and status(r)["infra-7"] == "owed"


def test_production_path_sentences_carry_the_evidence():
    r = full_results()
    r.evaluation.business = BusinessValue(
        currency="EUR",
        cases_per_month=2000,
        candidate_threshold=0.3,
        baseline_threshold=0.3,
        candidate_monthly=Interval(value=5000, ci_low=3000, ci_high=7000),
        baseline_monthly=Interval(value=4000, ci_low=2000, ci_high=6000),
        act_on_none_monthly=0,
    )
    path = assess(r, SPEC, "build").path
    assert "prepare (ColumnTransformer: num: on income) → model (XGBClassifier" in path.pipeline
    assert "30 trials" in path.pipeline
    assert "income (SHAP: mean 2,000, sd 800, 5–95% 900 to 3,600, missing 5.0%)" in path.monitoring
    assert "job (SHAP and robustness: commonest fixed 60.0%" in path.monitoring
    assert "above 0.25 a retraining trigger" in path.monitoring
    assert "falls below the agreed 0.75" in path.retraining and "1,000" in path.retraining
    assert "PSI exceeds 0.25" in path.retraining
    assert "between 0.200 and 0.400" in path.review and "about 200 a month" in path.review
    assert "wrong 45.0% of the time" in path.review and "17.0%" in path.review


def test_regression_and_missing_evidence_are_said_plainly():
    r = full_results()
    r.evaluation.production = evidence(
        ReviewBand(
            task="regression",
            score="e",
            threshold=None,
            method="m",
            error_all=None,
            abs_error_quantiles={"50%": 1.5, "90%": 4.0},
            note="No band: a point model.",
        )
    )
    path = assess(r, SPEC, "build").path
    assert "No band: a point model." in path.review and "± 4 covers 90%" in path.review
    bare = results()  # a run from before the production evidence and the assurance stage
    path = assess(bare, SPEC, "build").path
    assert "predates the review band" in path.review
    assert "no assurance stage" in path.monitoring


def test_roadmap_ends_with_the_production_path_and_the_owed_tests_are_homework():
    r = full_results()
    d = decide(r, SPEC)
    assert d.recommendation == "build"
    readiness = assess(r, SPEC, d.recommendation)
    assert d.roadmap[-5:] == readiness.path.lines()
    assert d.homework[0] == readiness.summary()  # the checklists' homework, after the roadmap
    for item in readiness.owed():
        assert item.label in d.homework[0]
    md = to_markdown(readiness)
    assert all(line in md for line in readiness.path.lines())
    critical = decide(full_results(findings=[finding("critical")]), SPEC)
    assert not any(line.startswith(("Pipeline:", "Rollback:")) for line in critical.roadmap)


def test_roadmap_is_the_same_whatever_the_measured_latency():
    """decision.json must not change between identical runs: the latency, a measurement,
    stays out of the roadmap (it is in readiness.json, beside the model, instead)."""
    a, b = full_results(), full_results()
    set_latency(a, 2.0)
    set_latency(b, 7.5)
    assert decide(a, SPEC).roadmap == decide(b, SPEC).roadmap


def fill_section(run_dir) -> str:
    """The report's production-path section alone, filled from a run directory as the report
    fills it (escaped, with the report's filters)."""
    from workbench.report.production_section import production_context
    from workbench.report.render import environment
    from workbench.store.layout import FinishedRun
    from workbench.store.run_directory import Run

    results = FinishedRun.read(Run(run_dir))
    return (
        environment()
        .get_template("sections/production_path.qmd")
        .render(production=production_context(results), evaluation=results.evaluation)
    )


def test_report_section_shows_the_saved_readiness_and_the_band(tmp_path):
    from test_promotion import fake_run, judge_readiness

    from workbench.report.escaping import text_with_code as md
    from workbench.store.judgements import Readiness
    from workbench.store.results import EvaluationResult
    from workbench.store.run_directory import Run

    run_dir = fake_run(tmp_path)
    run = Run(run_dir)
    ev = run.load_result("evaluation", EvaluationResult)
    ev.production = evidence(BAND)
    run.save_result("evaluation", ev)
    judge_readiness(run)
    text = fill_section(run_dir)
    readiness = run.load_result("readiness", Readiness)
    assert readiness.recommendation == "build_with_conditions"
    assert "## Production path" in text and "production path in the roadmap" in text
    assert "| prepare | ColumnTransformer | num: on income |" in text
    assert "| 10.0% (proposed) | 0.200 to 0.400 | 45.0% (40.0% to 50.0%)" in text
    for item in readiness.owed():
        assert f"- **{item.label} — {md(item.test)}.** {md(item.next_step)}" in text
    for item in readiness.provided():
        assert f"- **{item.label} — {md(item.test)}.** {md(item.evidence)}" in text

    decision = run.load_result("decision", Decision)
    decision.recommendation = "inconclusive"
    run.save_result("decision", decision)
    judge_readiness(run)
    text = fill_section(run_dir)
    assert "not to build yet" in text  # the path once the open questions are settled
    saved = run.load_result("readiness", Readiness)
    assert all(md(line) in text for line in saved.path.lines())

    decision.recommendation = "do_not_build"
    run.save_result("decision", decision)
    judge_readiness(run)
    text = fill_section(run_dir)
    assert "None: the recommendation is not to build" in text  # no production path at all
    saved = run.load_result("readiness", Readiness)
    assert not any(md(line) in text for line in saved.path.lines())
    assert "Production readiness" not in text and "Human in the loop" not in text


def test_readiness_is_the_same_whatever_the_measured_latency():
    """readiness.json is a results file: two runs of one study, whose latencies differ as
    measurements do, save the same readiness (the figure is in evaluation.json's costs)."""
    a, b = full_results(), full_results()
    set_latency(a, 2.0)
    set_latency(b, 7.5)
    spec = spec_with(max_latency_ms=50)
    assert assess(a, spec).model_dump() == assess(b, spec).model_dump()


def test_the_production_path_ships_the_simpler_model_when_the_decision_recommends_it():
    """A lift short of the agreed one, over a baseline that clears the bar on its own: the
    decision recommends the simpler model, and the pipeline to ship is that one too."""
    r = full_results(lift=(0.0, -0.02, 0.015))  # SPEC's bar 0.75; the baseline 0.77-0.83
    r.evaluation.pipelines["baseline"] = ["prepare: ColumnTransformer", "model: LogisticRegression"]
    path = assess(r, SPEC).path
    assert "simpler linear baseline meets the bar" in path.pipeline
    assert "baseline.skops" in path.pipeline and "LogisticRegression" in path.pipeline
    assert "simpler" not in assess(full_results(), SPEC).path.pipeline  # a clear lift: the tuned
    d = decide(r, SPEC)
    assert d.recommendation == "build_with_conditions" and "simpler model" in d.headline


def test_a_batch_check_that_could_not_run_is_not_said_to_have_shown_anything():
    from workbench.store.results import CheckRow

    r = full_results()
    r.leakage.checks = [
        CheckRow(
            name="batch_prediction",
            question="?",
            status="not_applicable",
            findings=0,
            not_applicable_because="fewer than 2 test rows",
        )
    ]
    item = next(i for i in assess(r, SPEC, "build").items if i.id == "data-7")
    assert "batch_prediction check could not run (fewer than 2 test rows)" in item.evidence
    assert "equals its score in a batch" not in item.evidence
    r.leakage.checks[0] = r.leakage.checks[0].model_copy(
        update={"status": "passed", "not_applicable_because": None}
    )
    item = next(i for i in assess(r, SPEC, "build").items if i.id == "data-7")
    assert "check passed (a row scored alone equals its score in a batch)" in item.evidence
