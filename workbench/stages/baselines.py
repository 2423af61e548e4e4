"""Stage 3, baselines: every registered baseline cross-validated on the training part only."""

from __future__ import annotations

import time

from baselines import BASELINES, build
from workbench.inputs.context import Context
from workbench.science import figures
from workbench.science.costs import measure_fitted
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import prepare
from workbench.store.results import BaselinesResult, Figure
from workbench.store.run_directory import Run


def run_baselines(ctx: Context, run: Run, on_progress=None) -> BaselinesResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_baselines import run_forecast_baselines

        return run_forecast_baselines(ctx, run, on_progress)
    spec = ctx.spec
    full = prepare(ctx, run)
    prep = full.sampled(spec.budget.cv_rows, spec.seed)  # stated in the result and the report
    metric = spec.primary_metric
    models, seconds = [], {}
    names = [n for n, b in BASELINES.items() if spec.task.kind in b.tasks]
    for i, name in enumerate(names):
        start = time.perf_counter()
        models.append(_cross_validate_with_costs(name, prep, spec))
        seconds[name] = round(time.perf_counter() - start, 2)
        if on_progress:
            on_progress(i + 1, len(names))
    run.update_manifest(stage_details={"baselines": {"cv_seconds": seconds}})
    sign = 1 if metric.greater_is_better else -1
    best = max((m for m in models if m.name != "dummy"), key=lambda m: sign * m.mean)
    result = BaselinesResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        models=models,
        best=best.name,
        figures=[],
        cv_rows=len(prep.train),
        train_rows=len(full.train),
    )
    result.figures = [_figure(result, metric.label, run)]
    return result


def _cross_validate_with_costs(name: str, prep, spec):
    """Cross-validate a baseline; its costs are measured on the last fold's fitted copy, so
    measuring them fits nothing again."""
    last: list = []

    def keep(model, fit_seconds: float, fit_rows: int) -> None:
        last[:] = [model, fit_seconds, fit_rows]

    pipe = build(name, prep.columns, spec.task.kind, spec.seed)
    cv = cross_validate(pipe, prep, spec, name, BASELINES[name].description, on_fitted=keep)
    cv.costs = measure_fitted(*last, prep.X.iloc[prep.train], spec.task.kind)
    return cv


def _figure(result: BaselinesResult, label: str, run: Run) -> Figure:
    ordered = sorted(result.models, key=lambda m: -m.mean if result.greater_is_better else m.mean)
    colors = [figures.ACCENT if m.name == result.best else figures.MUTED for m in ordered]
    errors = [[m.mean - m.ci_low for m in ordered], [m.ci_high - m.mean for m in ordered]]
    fig, ax = figures.barh(
        [m.name for m in ordered],
        [m.mean for m in ordered],
        f"Baselines: cross-validated {label}",
        label,
        colors=colors,
        errors=errors,
    )
    lo = min(m.ci_low for m in ordered)
    ax.set_xlim(left=max(0.0, lo - 0.05) if result.greater_is_better and lo > 0 else None)
    return Figure(
        path=run.save_figure(fig, "baselines_cv"),
        caption=f"Mean {label} over the cross-validation folds of the training part, "
        "with 95% intervals; the best baseline is highlighted.",
    )
