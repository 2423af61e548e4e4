"""Stage 4, tuning: search the spec's model family with Optuna on the training part's folds,
and write the winning configuration as data."""

from __future__ import annotations

import time

import numpy as np
import optuna

from workbench.errors import WorkbenchError
from workbench.inputs.context import Context
from workbench.inputs.search_spaces import default_trial, space_for
from workbench.language import _
from workbench.science import figures, fit_cache
from workbench.science.confirmation import confirm, search_order
from workbench.science.modeling import prepare
from workbench.science.resampling import mean_interval
from workbench.science.search import (
    FINISHED,
    Search,
    build_model,
    close_abandoned,
    full_params,
    open_study,
    optimize,
    parameter_importances,
    publish_budgets,
)
from workbench.store.results import (
    BaselinesResult,
    Confirmation,
    Figure,
    ModelCV,
    Overfitting,
    TuningResult,
)
from workbench.store.run_directory import Run
from workbench.store.tuning_study import (
    PROGRESS_ATTR,
    shown_storage,
    storage_url,
    study_name_for,
)


def run_tuning(ctx: Context, run: Run, on_progress=None) -> TuningResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_tuning import run_forecast_tuning

        return run_forecast_tuning(ctx, run, on_progress)
    spec = ctx.spec
    full = prepare(ctx, run)
    prep = full.sampled(spec.budget.cv_rows, spec.seed)  # the baselines' rows
    family = spec.tuning.family
    metric = spec.primary_metric
    text = bool(prep.columns.text)
    budget, for_text = spec.search_trials(text, sampled=len(prep.train) < len(full.train))
    study, shown, shared, deadline = _open(ctx, run, budget, text=text)
    stopped_by = optimize(
        study,
        Search(prep, spec),
        budget,
        deadline,
        on_trial=(lambda n: on_progress(n, budget)) if on_progress else None,
    )
    if shared:
        wait_for_workers(study)
    study_name = study.study_name
    trials = sorted(study.get_trials(deepcopy=False, states=FINISHED), key=lambda t: t.number)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    best, confirmation, checked = _choose(full, complete, spec, study)
    # later stages refit only the tuned configuration: the other fits need not be kept
    fit_cache.keep_only(
        build_model(family, full_params(spec, best.params), prep, spec.task.kind, spec.seed)
    )
    run.update_manifest(
        stage_details={
            "tuning": {
                "storage": shown,
                "study": study_name,
                "trials_by_worker": _by_worker(trials),
                **({"confirmation_seconds": checked} if confirmation else {}),
            }
        }
    )
    baselines = run.load_result("baselines", BaselinesResult)
    default = family_default(baselines, family)
    cv = ModelCV(
        **{
            **best.user_attrs["cv"],
            "name": _("tuned {family}").format(family=family),
            "description": f"{family} with the best of {len(complete)} tuned configurations"
            + (f" (confirmed on {confirmation.fit_rows:,} training rows)" if confirmation else ""),
        }
    )
    result = TuningResult(
        family=family,
        params=full_params(spec, best.params),
        cv=cv,
        default_cv=default,
        trials_requested=budget,
        trials_set_for_text=for_text,
        profile_trials=spec.tuning.trials if for_text else None,
        trials_completed=len(complete),
        trials_pruned=len(trials) - len(complete),
        study_name=study_name,
        storage=shown,
        stopped_by=stopped_by,
        importances=parameter_importances(study, spec.seed),
        overfitting=_overfitting(cv, metric.greater_is_better),
        figures=[],
        confirmation=confirmation,
    )
    result.figures = [_history(complete, metric, run, confirmation)]
    if result.importances:
        result.figures.append(_importance_figure(result.importances, run))
    return result


# The baseline that is a family at its defaults when the family's own is not run: on free text
# alone the linear baseline would repeat tfidf_logistic, which is the linear family's defaults.
STANDS_IN = {"linear": "tfidf_logistic"}


def family_default(baselines: BaselinesResult, family: str) -> ModelCV:
    """The cross-validated score of `family` at its library's defaults (a baseline)."""
    scored = {m.name: m for m in baselines.models}
    return scored.get(family) or scored[STANDS_IN[family]]


def _open(
    ctx: Context, run: Run, trials: int, text: bool = False
) -> tuple[optuna.Study, str, bool, float]:
    """The run's study, created or resumed, with what a worker on another machine needs to
    join it (where the run lives, the budgets: `trials` finished trials) and, when new, the
    defaults as its first trial (with `text`, the text representation's defaults too). Also
    the storage as shown, whether it is shared, and the search's deadline."""
    spec = ctx.spec
    family, budget = spec.tuning.family, spec.tuning
    storage, shared = storage_url(run.dir)
    shown = shown_storage(storage, shared, run.dir)
    name = study_name_for(spec.name, family, run.dir, shared)
    study = open_study(name, storage, spec.seed, spec.primary_metric.greater_is_better)
    if not shared:
        close_abandoned(study)
    first = default_trial(family, space_for(family, spec.task.kind, spec.tuning.space, text))
    deadline = publish_budgets(study, run.dir, ctx.spec_file, trials, budget.minutes, first or None)
    return study, shown, shared, deadline


def _choose(full, complete, spec, study: optuna.Study):
    """The tuned trial: the check's choice on more rows when it ran, else the search's best of
    the trials read (a worker's trial finishing later is not among them; ties go to the
    earlier trial). Also the check and its wall time."""
    began = time.perf_counter()
    try:
        confirmation = confirm(
            full, complete, spec, on_start=lambda text: study.set_user_attr(PROGRESS_ATTR, text)
        )
    finally:
        study.set_user_attr(PROGRESS_ATTR, "")
    seconds = round(time.perf_counter() - began, 1)
    if confirmation:
        return next(t for t in complete if t.number == confirmation.chosen), confirmation, seconds
    if not complete:
        raise WorkbenchError(
            "no tuning trial finished: every configuration failed or was pruned. The tuning "
            "notebook in the run directory's notebooks/ folder shows the first error."
        )
    return min(complete, key=search_order(spec.primary_metric.greater_is_better)), None, seconds


def wait_for_workers(study: optuna.Study, limit_seconds: float = 300) -> None:
    """Let trials other workers are still evaluating finish before the best is taken, so the
    result is the study's best when the budget is spent. A trial left running by a process that
    died would wait forever: the wait is bounded."""
    end = time.time() + limit_seconds
    running = (optuna.trial.TrialState.RUNNING,)
    while study.get_trials(deepcopy=False, states=running) and time.time() < end:
        time.sleep(1.0)


def _by_worker(trials) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in trials:
        who = t.user_attrs.get("worker", "unknown")
        out[who] = out.get(who, 0) + 1
    return out


def _overfitting(cv: ModelCV, greater_is_better: bool) -> Overfitting:
    """How much better the tuned model scores on the rows it learned from than on new folds,
    with a t-interval over the folds' own gaps (the judge says whether it overfits)."""
    train = cv.secondary.get("train", cv.mean)
    gap = (train - cv.mean) if greater_is_better else (cv.mean - train)
    sign = 1.0 if greater_is_better else -1.0
    per_fold = [sign * (t - v) for t, v in zip(cv.train_fold_scores, cv.fold_scores, strict=False)]
    lo, hi = mean_interval(per_fold) if len(per_fold) >= 2 else (gap, gap)
    return Overfitting(
        train_mean=round(train, 6),
        validation_mean=cv.mean,
        gap=round(gap, 6),
        fold_std=cv.std,
        gap_ci_low=round(lo, 6),
        gap_ci_high=round(hi, 6),
    )


def _history(done, metric, run: Run, confirmation: Confirmation | None) -> Figure:
    fig, ax = figures.new(6.5, 3.0)
    x = [t.number for t in done]
    v = np.array([t.value for t in done])
    caption = _(
        "Each dot is one configuration scored by cross-validation on the training part; the "
        "line is the best found so far. Pruned trials are not shown."
    )
    if len(v):
        best = np.maximum.accumulate(v) if metric.greater_is_better else np.minimum.accumulate(v)
        ax.scatter(x, v, s=14, color=figures.MUTED, label=_("trial (cross-validated)"))
        ax.step(x, best, where="post", color=figures.ACCENT, label=_("best so far"))
        if confirmation and confirmation.chosen != confirmation.search_best:
            mine = next(t for t in done if t.number == confirmation.chosen)
            ax.scatter(
                [mine.number],
                [mine.value],
                s=60,
                facecolors="none",
                edgecolors=figures.ACCENT,
                label=_("chosen after the check on more rows"),
            )
            caption += " " + _("The ringed trial won the check on more rows and is the tuned one.")
        ax.legend(frameon=False)
    ax.set_xlabel(_("trial"))
    ax.set_ylabel(metric.title)
    ax.set_title(_("Tuning history"), loc="left")
    return Figure(path=run.save_figure(fig, "tuning_history"), caption=caption)


def _importance_figure(importances: dict[str, float], run: Run) -> Figure:
    names = list(importances)[:10]
    fig, _ax = figures.barh(
        names,
        [importances[n] for n in names],
        _("What mattered in tuning"),
        _("share of the score's variation"),
    )
    return Figure(
        path=run.save_figure(fig, "tuning_importance"),
        caption=_("How much each hyperparameter drove the cross-validated score (fANOVA)."),
    )
