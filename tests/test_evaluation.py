"""The evaluation stage on generated data, run in process (no notebooks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import synth
from conftest import staged_run
from workbench.inputs.context import load_context
from workbench.judge.decision import FinishedRun, decide
from workbench.stages import run_and_save
from workbench.store.holdout_ledger import read_ledger
from workbench.store.results import DataResult, EvaluationResult, LeakageResult, TuningResult

ALL = ["data", "leakage", "baselines", "tuning", "evaluation"]


def decision_for(run, ctx):
    results = FinishedRun(
        data=run.load_result("data", DataResult),
        leakage=run.load_result("leakage", LeakageResult),
        evaluation=run.load_result("evaluation", EvaluationResult),
    )
    return decide(results, ctx.spec)


def test_no_signal_means_no_claim_of_lift(tmp_path):
    rng = np.random.default_rng(0)
    n = 500
    frame = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "c": rng.choice(["x", "y", "z"], n),
            "outcome": rng.choice(["yes", "no"], n),
        }
    )
    ctx, run = staged_run(tmp_path, frame, "outcome", ALL)
    ev = run.load_result("evaluation", EvaluationResult)
    assert ev.candidate.primary.ci_low < 0.5 + 0.1  # no better than chance, within noise
    d = decision_for(run, ctx)
    assert d.recommendation == "do_not_build"
    assert d.criteria[0].verdict == "fail"


def test_business_threshold_confusion_calibration_and_learning_curve(tmp_path):
    edits = {
        "seed: 42": "seed: 42\nbusiness: {false_positive_cost: 20, false_negative_cost: 300, "
        "cases_per_month: 1000, currency: GBP, min_monthly_value: 0}"
    }
    ctx, run = staged_run(tmp_path, synth.applicants(600), "status", ALL, edits=edits)
    ev = run.load_result("evaluation", EvaluationResult)
    b = ev.business
    assert b.currency == "GBP" and ev.threshold == b.candidate_threshold < 0.5  # misses cost more
    assert b.candidate_monthly.ci_low <= b.candidate_monthly.value <= b.candidate_monthly.ci_high
    assert sum(map(sum, ev.confusion)) == ev.test_rows
    assert ev.calibration and all(0 <= p <= 1 and 0 <= o <= 1 for p, o, _ in ev.calibration)
    lc = ev.learning_curve
    assert lc.train_sizes == sorted(lc.train_sizes) and lc.verdict in {
        "more data is still helping",
        "plateau",
    }
    assert ev.worst_errors and set(ev.worst_errors[0]) >= {"actual", "predicted"}
    assert "application_id" not in ev.worst_errors[0]  # ids are not model inputs
    # every model input is shown, or named as left out
    inputs = run.load_result("data", DataResult).features
    assert set(ev.worst_errors[0]) - {"actual", "predicted"} == set(inputs)
    assert ev.worst_errors_left_out == []
    assert not any(v.endswith(".0") for row in ev.worst_errors for v in row.values())
    # the workload at the operating threshold agrees with the confusion matrix, per month too
    w, (_, fp), (fn, tp) = ev.workload, *ev.confusion
    assert w.threshold == ev.threshold and w.positive == "bad"
    assert w.flagged_share.value == pytest.approx((fp + tp) / ev.test_rows, abs=1e-6)
    assert w.caught_share.value == pytest.approx(tp / (tp + fn), abs=1e-6)
    assert w.false_alarms_per_month.value == pytest.approx(1000 * fp / ev.test_rows, abs=1e-3)
    assert w.missed_per_month.ci_low <= w.missed_per_month.value <= w.missed_per_month.ci_high
    total = b.candidate_total_monthly
    assert total.value == pytest.approx(b.act_on_none_monthly + b.candidate_monthly.value, abs=0.1)
    # the human-review band surrounds the business threshold, from the one holdout scoring
    band = ev.production.review
    proposed = next(o for o in band.options if o.target_share == band.proposed)
    assert band.threshold == ev.threshold and proposed.low < ev.threshold < proposed.high
    assert band.error_all.rows == ev.test_rows == proposed.rows_in + proposed.error_out.rows
    assert run.manifest()["holdout_scored"] == ev.holdout_scored == 1
    steps = [c.step for c in ev.production.components]
    assert steps == [s.split(":")[0] for s in ev.pipelines["candidate"]]
    assert ev.production.params == run.load_result("tuning", TuningResult).params
    names = {c.name.split(",")[0] for c in decision_for(run, ctx).criteria}
    assert "Expected value per month" in names
    figures = {f.path for f in ev.figures}
    assert {
        "figures/holdout_roc_pr.png",
        "figures/holdout_calibration.png",
        "figures/holdout_confusion.png",
        "figures/learning_curve.png",
    } <= figures


def test_the_dummy_the_ledger_and_the_score_without_the_suspects(tmp_path):
    frame = synth.with_target_copy(synth.applicants(500))
    # a strong score (AUC about 0.95) whose timing the contract leaves unknown
    noise = np.random.default_rng(4).normal(0, 35, len(frame))
    frame["bureau_score"] = np.round(np.where(frame["status"] == "bad", 560, 640) + noise)
    ctx, run = staged_run(tmp_path, frame, "status", ALL)
    ev = run.load_result("evaluation", EvaluationResult)
    # the dummy: no model, ROC AUC 0.5 on every resample; the candidate's paired lift over it
    assert ev.dummy.primary.value == ev.dummy.primary.ci_low == 0.5
    assert ev.over_dummy.ci_low > 0 and ev.resampled == "single rows"
    # the planted copy of the answer is critical: the candidate is cross-validated without it
    lf = ev.leak_free
    assert lf.columns == ["review_flag"]
    assert lf.features_left == len(ctx.contract.model_features()) - 1
    assert lf.cv.mean < ev.candidate.primary.value and lf.cv_rows == ev.cv_rows
    d = decision_for(run, ctx)
    assert d.recommendation == "do_not_build" and "Without 'review_flag'" in d.headline
    # ...and without the strong score nobody has said is known by the decision, too
    tf = ev.timing_free
    assert tf.unknown_timing == ["bureau_score"] and tf.columns == ["review_flag", "bureau_score"]
    assert tf.features_left == lf.features_left - 1 and tf.cv.mean < lf.cv.mean - 0.1
    assert "When 'bureau_score' becomes known is not stated in the contract" in d.headline
    # the look is in the project's ledger, beside the run directories, with its rows
    ledger = read_ledger(tmp_path / "runs")
    assert [k.key for k in ledger.looks] == [ev.holdout_key] and ev.holdout_looks == 1
    assert ledger.looks[0].rows == ev.test_rows and ledger.looks[0].identities
    # the same spec scoring again gives the same score: a repeat, not a new look
    run_and_save("evaluation", ctx, run)
    again = run.load_result("evaluation", EvaluationResult)
    assert again.holdout_looks == 1 and again.holdout_scored == 2
    # the bar moved after seeing the score, then scored again: a second look, said on page one
    spec = ctx.loaded.path
    spec.write_text(spec.read_text().replace("min_primary_score: 0.75", "min_primary_score: 0.7"))
    moved = load_context(spec)
    run_and_save("evaluation", moved, run)
    second = run.load_result("evaluation", EvaluationResult)
    assert second.holdout_looks == 2 and second.earlier_looks == [ev.candidate.primary.value]
    assert "scored 2 times in this study" in decision_for(run, moved).headline
    assert len(read_ledger(tmp_path / "runs").looks) == 3
    assert second.holdout_seen_share == 1.0
    assert second.holdout_seen_in == [f"{tmp_path.name}/run"]  # outside runs/: no machine path


def test_a_time_split_resamples_the_data_s_own_time(tmp_path):
    ctx, run = staged_run(tmp_path, synth.applicants(400), "status", ALL, time_column="applied_on")
    ev = run.load_result("evaluation", EvaluationResult)
    assert ctx.spec.split.strategy == "time"
    # the holdout's application dates: whole days, every row of a day drawn together
    assert ev.resampled.startswith(("whole days (", "blocks of")) and " days" in ev.resampled
    assert ev.candidate.primary.ci_low < ev.candidate.primary.value < ev.candidate.primary.ci_high
