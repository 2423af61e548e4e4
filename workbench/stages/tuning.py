"""Stage 4, tuning: search the spec's model family with Optuna on the training part's folds,
and write the winning configuration as data."""

from __future__ import annotations

import time

import numpy as np
import optuna

from workbench.errors import WorkbenchError
from workbench.inputs.context import Context
from workbench.inputs.search_spaces import default_trial, space_for
from workbench.science import figures
from workbench.science.confirmation import confirm, search_order
from workbench.science.modeling import prepare
from workbench.science.search import (
    FINISHED,
    close_abandoned,
    full_params,
    objective_for,
    open_study,
    optimize,
    parameter_importances,
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
from workbench.store.tuning_study import PROGRESS_ATTR, redact, storage_url, study_name_for

# Train-minus-validation gaps (in primary-metric units) that deserve a look / a fix.
GAP_WATCH, GAP_OVERFIT = 0.05, 0.15


def run_tuning(ctx: Context, run: Run, on_progress=None) -> TuningResult:
    if ctx.spec.task.kind == "forecast":
        from workbench.stages.forecast_tuning import run_forecast_tuning

        return run_forecast_tuning(ctx, run, on_progress)
    spec = ctx.spec
    full = prepare(ctx, run)
    prep = full.sampled(spec.budget.cv_rows, spec.seed)  # the baselines' rows
    family, budget = spec.tuning.family, spec.tuning
    metric = spec.primary_metric
    study, shown, shared, deadline = _open(ctx, run)
    stopped_by = optimize(
        study,
        objective_for(prep, spec),
        budget.trials,
        deadline,
        on_trial=(lambda n: on_progress(n, budget.trials)) if on_progress else None,
    )
    if shared:
        wait_for_workers(study)
    study_name = study.study_name
    trials = sorted(study.get_trials(deepcopy=False, states=FINISHED), key=lambda t: t.number)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    best, confirmation, checked = _choose(full, complete, spec, study)
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
    default = next(m for m in baselines.models if m.name == family)
    cv = ModelCV(
        **{
            **best.user_attrs["cv"],
            "name": f"tuned {family}",
            "description": f"{family} with the best of {len(complete)} tuned configurations"
            + (f" (confirmed on {confirmation.fit_rows:,} training rows)" if confirmation else ""),
        }
    )
    result = TuningResult(
        family=family,
        params=full_params(spec, best.params),
        cv=cv,
        default_cv=default,
        trials_requested=budget.trials,
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


def _open(ctx: Context, run: Run) -> tuple[optuna.Study, str, bool, float]:
    """The run's study, created or resumed, with what a worker on another machine needs to
    join it (where the run lives, the budgets) and, when new, the defaults as its first trial.
    Also the storage as shown, whether it is shared, and the search's deadline."""
    spec = ctx.spec
    family, budget = spec.tuning.family, spec.tuning
    storage, shared = storage_url(run.dir)
    shown = redact(storage) if shared else "sqlite:///tuning/study.db"
    name = study_name_for(spec.name, family, run.dir, shared)
    study = open_study(name, storage, spec.seed, spec.primary_metric.greater_is_better)
    if not shared:
        close_abandoned(study)
    deadline = study.user_attrs.get("deadline") or time.time() + budget.minutes * 60
    for key, value in {
        "run_dir": str(run.dir),
        "spec_path": ctx.spec_file,
        "trials": budget.trials,
        "deadline": deadline,
        PROGRESS_ATTR: "",  # a check cut off in an earlier session is not going on now
    }.items():
        study.set_user_attr(key, value)
    first = default_trial(family, space_for(family, spec.task.kind, spec.tuning.space))
    if first and not study.get_trials(deepcopy=False):  # a new study starts from the defaults
        study.enqueue_trial(first, user_attrs={"start": "defaults"})
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
    train = cv.secondary.get("train", cv.mean)
    gap = (train - cv.mean) if greater_is_better else (cv.mean - train)
    verdict = "overfit" if gap >= GAP_OVERFIT else "watch" if gap >= GAP_WATCH else "ok"
    words = {
        "ok": "The tuned model scores about as well on new folds as on the rows it learned from.",
        "watch": "The tuned model does noticeably better on the rows it learned from than on new "
        "ones: expect the production score to sit at the validation figure, not above.",
        "overfit": "The tuned model has partly memorised its training rows: simpler settings or "
        "more data would make it more reliable.",
    }[verdict]
    return Overfitting(
        train_mean=round(train, 6),
        validation_mean=cv.mean,
        gap=round(gap, 6),
        fold_std=cv.std,
        verdict=verdict,
        explanation=words,
    )


def _history(done, metric, run: Run, confirmation: Confirmation | None) -> Figure:
    fig, ax = figures.new(6.5, 3.0)
    x = [t.number for t in done]
    v = np.array([t.value for t in done])
    caption = (
        "Each dot is one configuration scored by cross-validation on the training part; the "
        "line is the best found so far. Pruned trials are not shown."
    )
    if len(v):
        best = np.maximum.accumulate(v) if metric.greater_is_better else np.minimum.accumulate(v)
        ax.scatter(x, v, s=14, color=figures.MUTED, label="trial (cross-validated)")
        ax.step(x, best, where="post", color=figures.ACCENT, label="best so far")
        if confirmation and confirmation.chosen != confirmation.search_best:
            mine = next(t for t in done if t.number == confirmation.chosen)
            ax.scatter(
                [mine.number],
                [mine.value],
                s=60,
                facecolors="none",
                edgecolors=figures.ACCENT,
                label="chosen after the check on more rows",
            )
            caption += " The ringed trial won the check on more rows and is the tuned one."
        ax.legend(frameon=False)
    ax.set_xlabel("trial")
    ax.set_ylabel(metric.label)
    ax.set_title("Tuning history", loc="left")
    return Figure(path=run.save_figure(fig, "tuning_history"), caption=caption)


def _importance_figure(importances: dict[str, float], run: Run) -> Figure:
    names = list(importances)[:10]
    fig, _ = figures.barh(
        names,
        [importances[n] for n in names],
        "What mattered in tuning",
        "share of the score's variation",
    )
    return Figure(
        path=run.save_figure(fig, "tuning_importance"),
        caption="How much each hyperparameter drove the cross-validated score (fANOVA).",
    )
