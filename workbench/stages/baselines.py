"""Stage 3, baselines: every registered baseline that applies to the study's inputs and task,
cross-validated on the training part only."""

from __future__ import annotations

import time

from baselines import BASELINES, applicable, build
from workbench.inputs.context import Context
from workbench.inputs.search_spaces import default_trial, space_for
from workbench.language import _
from workbench.science import figures, fit_cache, side_process
from workbench.science.costs import (
    BASELINE_LATENCY_BUDGET_S,
    BASELINE_LATENCY_MIN_ROWS,
    measure_fitted,
    size_kb,
    skops_bytes,
)
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import prepare
from workbench.science.search import build_model, full_params
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
    names = applicable(prep.columns, spec.task.kind)  # text baselines when text is an input
    # the baseline whose fits hold Python's lock most runs in the second process meanwhile;
    # the forest, which grows its trees on every core, once that one is done
    beside = {n: side_process.beside(baseline_cv, (n, prep, spec)) for n in names if n in BESIDE}
    here = sorted((n for n in names if n not in beside), key=lambda n: n in LAST)
    backward = walks_backward(here, prep, spec)
    done: dict[str, tuple] = {}
    sizing: dict[str, side_process.Beside] = {}
    for name in sorted(names, key=lambda n: (n in LAST, n in beside)):
        if name in beside:
            done[name] = beside[name].result()[:2]
        else:
            # the file's size of a model without free text is measured in the second process
            # (skops, imported there, not here), while this one goes on
            cv, cv_seconds, fitted = baseline_cv(
                (name, prep, spec), backward=name in backward, size_here=bool(prep.columns.text)
            )
            done[name] = (cv, cv_seconds)
            if fitted is not None:
                sizing[name] = side_process.beside(skops_bytes, fitted)
        if on_progress:
            on_progress(len(done), len(names))
    models = [done[n][0] for n in names]
    for name, size in sizing.items():
        done[name][0].costs.size_kb = size_kb(size.result())
    seconds = {n: done[n][1] for n in names}
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
    result.figures = [_figure(result, metric.title, run)]
    return result


BESIDE = ("hist_gradient_boosting",)  # cross-validated in the second process
LAST = ("random_forest",)  # uses every core: after the second process is done


def baseline_cv(task, backward: bool = False, size_here: bool = True) -> tuple:
    """A (name, prep, spec) task: the baseline cross-validated with its costs, the seconds
    that took (in this process or the second one), and the last fold's fitted model when its
    file size is left to the caller (`size_here` false: the costs' size is 0 until set), else
    None; `backward`: its folds fitted last first (see `walks_backward`)."""
    name, prep, spec = task
    start = time.perf_counter()
    cv, fitted = _cross_validate_with_costs(name, prep, spec, backward, size_here)
    return cv, round(time.perf_counter() - start, 2), None if size_here else fitted


def walks_backward(names: list[str], prep, spec) -> set[str]:
    """The baselines (of `names`, in the order this process cross-validates them) that fit
    their folds last first: every second one of those that read free text as TF-IDF weights
    kept in the text memory. The `linear` and `tfidf_logistic` baselines read each fold's
    texts the same way; five folds' readings do not fit the memory, so a second model
    walking the folds in the same order would find each one just pushed out (the least
    recently used go first) and read it again; walking back, it takes four of the five."""
    readers = [n for n in names if _remembers_text(build(n, prep.columns, spec.task.kind, 0))]
    return set(readers[1::2])


def _remembers_text(pipe) -> bool:
    """Whether a pipeline reads free text as TF-IDF weights the text memory keeps."""
    from baselines.text import Vectorizer

    return any(
        isinstance(v, Vectorizer) and getattr(v, "_remember", True)
        for v in pipe.get_params(deep=True).values()
    )


def _cross_validate_with_costs(
    name: str, prep, spec, backward: bool = False, size_here: bool = True
):
    """Cross-validate a baseline; its costs are measured on the last fitted fold's copy, so
    measuring them fits nothing again (its file size too when `size_here`). Also that copy."""
    last: list = []

    def keep(model, fit_seconds: float, fit_rows: int) -> None:
        last[:] = [model, fit_seconds, fit_rows]

    pipe = build(name, prep.columns, spec.task.kind, spec.seed)
    cv = cross_validate(
        pipe,
        prep,
        spec,
        name,
        _(BASELINES[name].description),
        on_fitted=keep,
        keep=repeated_by_search(pipe, prep, spec),
        backward=backward,
    )
    cv.costs = measure_fitted(
        *last,
        prep.X.iloc[prep.train],
        spec.task.kind,
        budget_s=BASELINE_LATENCY_BUDGET_S,
        min_rows=BASELINE_LATENCY_MIN_ROWS,
        file_bytes=None if size_here else 0,
    )
    return cv, last[0]


def repeated_by_search(pipe, prep, spec) -> bool:
    """Whether the search will fit this baseline again: it is the tuned family at the defaults
    the search starts from. Only then are its fold fits kept for the process; the others' (a
    forest's trees, every other text model's vocabularies) would only hold memory."""
    family = spec.tuning.family
    start = default_trial(
        family, space_for(family, spec.task.kind, spec.tuning.space, text=bool(prep.columns.text))
    )
    if not start:
        return False
    defaults = build_model(family, full_params(spec, start), prep, spec.task.kind, spec.seed)
    return fit_cache.settings(pipe) == fit_cache.settings(defaults)


def _figure(result: BaselinesResult, label: str, run: Run) -> Figure:
    ordered = sorted(result.models, key=lambda m: -m.mean if result.greater_is_better else m.mean)
    colors = [figures.ACCENT if m.name == result.best else figures.MUTED for m in ordered]
    errors = [[m.mean - m.ci_low for m in ordered], [m.ci_high - m.mean for m in ordered]]
    fig, ax = figures.barh(
        [m.name for m in ordered],
        [m.mean for m in ordered],
        _("Baselines: cross-validated {metric}").format(metric=label),
        label,
        colors=colors,
        errors=errors,
    )
    lo = min(m.ci_low for m in ordered)
    ax.set_xlim(left=max(0.0, lo - 0.05) if result.greater_is_better and lo > 0 else None)
    return Figure(
        path=run.save_figure(fig, "baselines_cv"),
        caption=_(
            "Mean {metric} over the cross-validation folds of the training part, with 95% "
            "intervals; the best baseline is highlighted."
        ).format(metric=label),
    )
