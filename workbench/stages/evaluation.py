"""Stage 5, holdout evaluation: the test part scored once, for the tuned model, the best
baseline and the best rule that uses no input (no model), with bootstrap intervals that resample what the split kept
together, paired intervals for the lifts, the look recorded in the study's holdout ledger, and
— when a critical leakage finding names model inputs, or a warning names inputs whose timing the
contract leaves unknown — the candidate cross-validated without them."""

from __future__ import annotations

import io
import time
from contextlib import closing

import numpy as np
import pandas as pd

from baselines import build
from workbench.inputs.context import Context
from workbench.language import _
from workbench.science import side_process
from workbench.science.bootstrap_units import split_resamples
from workbench.science.costs import measure_fitted, size_kb
from workbench.science.cross_validation import predict_full
from workbench.science.diagnostics import (
    calibration,
    confusion,
    learning_curve,
    threshold_and_value,
    workload,
    worst_errors,
)
from workbench.science.holdout_scores import score_holdout
from workbench.science.leak_free import suspects, unknown_timing_suspects, without_suspects
from workbench.science.modeling import Prepared, prepare
from workbench.science.no_model import rules
from workbench.science.production_evidence import production_evidence
from workbench.science.search import build_model
from workbench.science.threads import fits_at_once, in_order
from workbench.science.triage import triage
from workbench.stages.evaluation_figures import evaluation_figures
from workbench.stages.holdout_looks import record_holdout_scored, record_look
from workbench.store.model_files import keep, write_model
from workbench.store.results import (
    BaselinesResult,
    EvaluationResult,
    LeakageResult,
    LeakFreeScore,
    TuningResult,
)
from workbench.store.run_directory import Run, atomic_write
from workbench.store.triage_results import TriageResult


def run_evaluation(ctx: Context, run: Run) -> EvaluationResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_evaluation import run_forecast_evaluation

        return run_forecast_evaluation(ctx, run)
    spec = ctx.spec
    task = spec.task.kind
    prep = prepare(ctx, run)
    tuning = run.load_result("tuning", TuningResult)
    baselines = run.load_result("baselines", BaselinesResult)
    train, test = prep.train, prep.test
    models = {
        "candidate": build_model(tuning.family, tuning.params, prep, task, spec.seed),
        "baseline": build(baselines.best, prep.columns, task, spec.seed),
    }
    preds, fit_seconds, saving = _fit_and_predict(models, prep, task, run)
    candidate = models["candidate"]
    cost = measure_fitted(  # the file's size once it is saved
        candidate, fit_seconds["candidate"], len(train), prep.X.iloc[test], task, file_bytes=0
    )
    cost.size_kb = size_kb(saving["candidate"].result())
    keep(candidate, run.dir / "models" / "candidate.skops")  # the assurance reads it from here
    saving["baseline"].result()
    scored = record_holdout_scored(run)
    _save_predictions(run, prep, test, {r: preds[r] for r in ("candidate", "baseline")})

    y = prep.y[test]
    n_boot = spec.budget.resamples(len(y))
    idx = split_resamples(
        spec.split, prep.frame, test, n_boot, spec.seed, y=y, score=preds["candidate"]
    )
    metric = spec.primary_metric
    scored_by = score_holdout(y, preds, [spec.metrics.primary, *spec.metrics.secondary], idx)
    no_model = rules(metric, task, prep.y[train], y, prep.classes, spec.seed)
    reference, over_reference = scored_by.best_rule("candidate", no_model, idx)
    result = EvaluationResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        test_rows=len(y),
        bootstrap_resamples=len(idx),
        candidate=scored_by.holdout("candidate", _("tuned {family}").format(family=tuning.family)),
        baseline=scored_by.holdout("baseline", baselines.best),
        lift=scored_by.lift("candidate", "baseline"),
        holdout_scored=scored,
        pipelines={role: pipeline_steps(models[role]) for role in ("candidate", "baseline")},
        dummy=reference,
        over_dummy=over_reference,
        resampled=idx.describe(),
        figures=[],
        costs=cost,
    )
    _record_look(ctx, run, prep, result)
    cv_view = prep.sampled(spec.budget.cv_rows, spec.seed)  # the rows the baselines' CV saw
    result.cv_rows = len(cv_view.train)
    result.leak_free = _leak_free(run, tuning, cv_view, spec)
    result.timing_free = _timing_free(run, ctx, tuning, cv_view, spec)
    _diagnose(result, models, cv_view, spec, y, preds, idx, len(prep.train))
    result.production = production_evidence(
        models, tuning, y, preds, task, result.threshold, prep.classes
    )
    result.triage = _triage(spec, prep, preds["candidate"], idx)
    result.figures = evaluation_figures(result, y, preds, task, metric, run, prep.classes)
    return result


def _fit_and_predict(models: dict, prep: Prepared, task: str, run: Run):
    """Fit each model on the training part, save the candidate and the baseline, and predict
    the test part: (predictions, fit seconds, saving: the file's size once written) by role.
    The two fits run side by side when the cores allow (each on one thread: on free text, the
    baseline's fit on every training row is the longest of the stage, and the candidate's fits
    beside it). Without free text the second process writes the files meanwhile (skops is
    imported there, not here); a text model, whose copy would be large, is saved here."""

    def one(role: str):
        model = models[role]
        start = time.perf_counter()
        model.fit(prep.X.iloc[prep.train], prep.y[prep.train])
        seconds = time.perf_counter() - start
        job = (model, (run.dir / "models" / f"{role}.skops").resolve())
        saving = (
            side_process.ready(write_model(job))
            if prep.columns.text
            else side_process.beside(write_model, job)
        )
        return predict_full(model, prep.X.iloc[prep.test], task, len(prep.classes)), seconds, saving

    roles = list(models)
    at_once = min(fits_at_once(m) for m in models.values())
    preds, fit_seconds, saving = {}, {}, {}
    with closing(in_order(one, roles, at_once)) as done:
        for role, (pred, seconds, saved) in zip(roles, done, strict=True):
            preds[role], fit_seconds[role], saving[role] = pred, seconds, saved
    return preds, fit_seconds, saving


def _record_look(ctx: Context, run: Run, prep: Prepared, result: EvaluationResult) -> None:
    """This scoring of the test part in the project's holdout ledger."""
    split = ctx.spec.split
    record_look(
        ctx,
        run,
        result,
        scored=prep.frame,
        test_rows=prep.test,
        split={
            "strategy": split.strategy,
            "test_size": split.test_size,
            "group_column": split.group_column,
            "time_column": split.time_column,
        },
    )


def _leak_free(run: Run, tuning: TuningResult, cv_view: Prepared, spec) -> LeakFreeScore | None:
    """The candidate cross-validated without the inputs a critical leakage finding names."""
    findings = run.load_result("leakage", LeakageResult).findings
    named = suspects(findings, list(cv_view.X.columns))
    if not named:
        return None
    return without_suspects(named, tuning.family, tuning.params, cv_view, spec)


def _timing_free(run: Run, ctx: Context, tuning, cv_view: Prepared, spec) -> LeakFreeScore | None:
    """The candidate cross-validated without the inputs a leakage warning names whose timing
    the contract leaves unknown (and without a critical finding's inputs too)."""
    findings = run.load_result("leakage", LeakageResult).findings
    features = list(cv_view.X.columns)
    unknown = unknown_timing_suspects(findings, features, ctx.contract.unknown_timing)
    if not unknown:
        return None
    left_out = [*suspects(findings, features), *unknown]
    score = without_suspects(left_out, tuning.family, tuning.params, cv_view, spec)
    return score.model_copy(update={"unknown_timing": unknown})


def _diagnose(result: EvaluationResult, models, prep, spec, y, preds, idx, train_rows) -> None:
    """Threshold, confusion matrix, calibration, business value, learning curve, worst errors.
    `prep` is the cross-validation view (the profile's sample of the training part; the test
    part is whole): the threshold and the learning curve refit on its folds."""
    task, k = spec.task.kind, len(prep.classes)
    if task == "binary":
        result.threshold, result.threshold_reason, result.business = threshold_and_value(
            models, prep, spec, y, preds, idx
        )
        per_month = result.business.cases_per_month if result.business else None
        result.workload = workload(
            y, preds["candidate"][:, 1], result.threshold, idx, prep.classes[-1], per_month
        )
    result.confusion = confusion(y, preds["candidate"], task, result.threshold, k)
    result.calibration = calibration(y, preds["candidate"], task)
    result.learning_curve = learning_curve(models["candidate"], prep, spec, train_rows)
    result.worst_errors, result.worst_errors_left_out = worst_errors(
        prep, prep.test, y, preds["candidate"], task
    )


def _triage(spec, prep: Prepared, proba: np.ndarray, idx) -> TriageResult | None:
    """A study routing cases to several teams (free text as evidence, or routing costs in the
    spec): the model against the keyword rule (fitted on the training part, when there is
    text) and against everything to the default queue, on the holdout."""
    if spec.task.kind != "multiclass" or not (prep.columns.text or spec.routing):
        return None
    train, test = prep.train, prep.test
    routed = {"candidate": proba.argmax(axis=1)}
    keywords = {}
    if prep.columns.text:
        rule = build("keyword_rule", prep.columns, "multiclass", spec.seed)
        rule.fit(prep.X.iloc[train], prep.y[train])
        found = predict_full(rule, prep.X.iloc[test], "multiclass", len(prep.classes))
        routed["keyword_rule"] = found.argmax(axis=1)
        fitted = rule.named_steps["model"]
        keywords = {
            prep.classes[int(c)]: w for c, w in zip(fitted.classes_, fitted.keywords_, strict=True)
        }
    chosen = spec.routing.default_queue if spec.routing else None
    default = (
        prep.classes.index(chosen)
        if chosen in prep.classes
        else int(np.bincount(prep.y[train], minlength=len(prep.classes)).argmax())
    )
    routed["default_queue"] = np.full(len(test), default)
    return triage(prep.y[test], routed, proba, prep.classes, default, spec.routing, idx, keywords)


def pipeline_steps(model) -> list[str]:
    """The steps of a fitted pipeline, outermost first (`prepare` is the in-pipeline
    preprocessing, refitted on every training part it sees)."""
    return [f"{name}: {type(step).__name__}" for name, step in model.steps]


def _save_predictions(run: Run, prep, test: np.ndarray, preds: dict[str, np.ndarray]) -> None:
    cols = {"row": test, "y": prep.y[test]}
    for role, p in preds.items():
        if p.ndim == 2:
            for k in range(p.shape[1]):
                cols[f"{role}_p{k}"] = p[:, k]
        else:
            cols[role] = p
    buf = io.BytesIO()
    pd.DataFrame(cols).to_parquet(buf, index=False)
    atomic_write(run.dir / "predictions" / "holdout.parquet", buf.getvalue())
