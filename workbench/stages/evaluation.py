"""Stage 5, holdout evaluation: the test part scored once, for the tuned model and the best
baseline, with bootstrap intervals and a paired bootstrap for the lift."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from baselines import build
from workbench.inputs.context import Context
from workbench.inputs.metrics import METRICS, score
from workbench.science.costs import measure_fitted
from workbench.science.cross_validation import predict_full
from workbench.science.diagnostics import (
    calibration,
    confusion,
    learning_curve,
    threshold_and_value,
    workload,
    worst_errors,
)
from workbench.science.modeling import prepare
from workbench.science.production_evidence import production_evidence
from workbench.science.resampling import bootstrap_indices, bootstrap_scores, interval
from workbench.science.search import build_model
from workbench.stages.evaluation_figures import evaluation_figures
from workbench.store.model_files import save_model
from workbench.store.results import (
    BaselinesResult,
    EvaluationResult,
    HoldoutScore,
    Interval,
    TuningResult,
)
from workbench.store.run_directory import Run, atomic_write


def run_evaluation(ctx: Context, run: Run) -> EvaluationResult:
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
    preds, fit_seconds = {}, {}
    for role, model in models.items():
        start = time.perf_counter()
        model.fit(prep.X.iloc[train], prep.y[train])
        fit_seconds[role] = time.perf_counter() - start
        save_model(model, run.dir / "models" / f"{role}.skops")
        preds[role] = predict_full(model, prep.X.iloc[test], task, len(prep.classes))
    cost = measure_fitted(
        models["candidate"], fit_seconds["candidate"], len(train), prep.X.iloc[test], task
    )
    scored = _record_holdout_scored(run)
    _save_predictions(run, prep, test, preds)

    y = prep.y[test]
    n_boot = spec.budget.resamples(len(y))
    idx = bootstrap_indices(len(y), n_boot, spec.seed)
    names = [spec.metrics.primary, *spec.metrics.secondary]
    boots = {
        role: {m: bootstrap_scores(METRICS[m], y, p, idx) for m in names}
        for role, p in preds.items()
    }

    def holdout(role: str, name: str) -> HoldoutScore:
        ivs = {m: _interval(score(METRICS[m], y, preds[role]), boots[role][m]) for m in names}
        return HoldoutScore(
            name=name, role=role, primary=ivs[names[0]], secondary={m: ivs[m] for m in names[1:]}
        )

    metric = spec.primary_metric
    sign = 1.0 if metric.greater_is_better else -1.0
    diff = sign * (boots["candidate"][metric.name] - boots["baseline"][metric.name])
    observed = sign * (score(metric, y, preds["candidate"]) - score(metric, y, preds["baseline"]))
    result = EvaluationResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        test_rows=len(y),
        bootstrap_resamples=n_boot,
        candidate=holdout("candidate", f"tuned {tuning.family}"),
        baseline=holdout("baseline", baselines.best),
        lift=_interval(observed, diff),
        holdout_scored=scored,
        pipelines={role: pipeline_steps(m) for role, m in models.items()},
        figures=[],
        costs=cost,
    )
    cv_view = prep.sampled(spec.budget.cv_rows, spec.seed)  # the rows the baselines' CV saw
    result.cv_rows = len(cv_view.train)
    _diagnose(result, models, cv_view, spec, y, preds, idx, len(prep.train))
    result.production = production_evidence(
        models, tuning, y, preds, task, result.threshold, prep.classes
    )
    result.figures = evaluation_figures(result, y, preds, task, metric, run, prep.classes)
    return result


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


def _interval(value: float, samples: np.ndarray) -> Interval:
    lo, hi = interval(samples)
    return Interval(value=round(value, 6), ci_low=round(lo, 6), ci_high=round(hi, 6))


def _record_holdout_scored(run: Run) -> int:
    """Holdout discipline: the manifest counts every time the test part is scored."""
    count = int(run.manifest().get("holdout_scored", 0)) + 1
    run.update_manifest(holdout_scored=count)
    return count


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
    import io

    buf = io.BytesIO()
    pd.DataFrame(cols).to_parquet(buf, index=False)
    atomic_write(run.dir / "predictions" / "holdout.parquet", buf.getvalue())
