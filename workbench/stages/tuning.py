"""Stage 4, tuning: search the spec's model family with Optuna on the training part's folds,
and write the winning configuration as data."""

from __future__ import annotations

import numpy as np
import optuna

from workbench import figures
from workbench.context import Context
from workbench.modeling import prepare
from workbench.results import BaselinesResult, Figure, ModelCV, TuningResult
from workbench.run import Run
from workbench.tuning import FINISHED, objective_for, open_study, optimize, sqlite_url


def run_tuning(ctx: Context, run: Run, on_progress=None) -> TuningResult:
    spec = ctx.spec
    prep = prepare(ctx, run)
    family, budget = spec.tuning.family, spec.tuning
    (run.dir / "tuning").mkdir(exist_ok=True)
    storage = sqlite_url(run.dir / "tuning" / "study.db")
    study_name = f"{spec.name}-{family}"
    metric = spec.primary_metric
    study = open_study(study_name, storage, spec.seed, metric.greater_is_better)
    stopped_by = optimize(
        study,
        objective_for(prep, spec, family),
        budget.trials,
        budget.minutes,
        on_trial=(lambda n: on_progress(n, budget.trials)) if on_progress else None,
    )
    trials = study.get_trials(deepcopy=False, states=FINISHED)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    best = study.best_trial
    baselines = run.load_result("baselines", BaselinesResult)
    default = next(m for m in baselines.models if m.name == family)
    cv = ModelCV(
        **{
            **best.user_attrs["cv"],
            "name": f"tuned {family}",
            "description": f"{family} with the best of {len(complete)} tuned configurations",
        }
    )
    result = TuningResult(
        family=family,
        params=best.params,
        cv=cv,
        default_cv=default,
        trials_requested=budget.trials,
        trials_completed=len(complete),
        trials_pruned=len(trials) - len(complete),
        study_name=study_name,
        storage="sqlite:///tuning/study.db",
        stopped_by=stopped_by,
        figures=[],
    )
    result.figures = [_history(trials, metric, run)]
    return result


def _history(trials, metric, run: Run) -> Figure:
    fig, ax = figures.new(6.5, 3.0)
    done = [
        t for t in trials if t.value is not None and t.state == optuna.trial.TrialState.COMPLETE
    ]
    x = [t.number for t in done]
    v = np.array([t.value for t in done])
    best = np.maximum.accumulate(v) if metric.greater_is_better else np.minimum.accumulate(v)
    ax.scatter(x, v, s=14, color=figures.MUTED, label="trial (cross-validated)")
    ax.step(x, best, where="post", color=figures.ACCENT, label="best so far")
    ax.set_xlabel("trial")
    ax.set_ylabel(metric.label)
    ax.set_title("Tuning history", loc="left")
    ax.legend(frameon=False)
    return Figure(
        path=run.save_figure(fig, "tuning_history"),
        caption="Each dot is one configuration scored by cross-validation on the training "
        "part; the line is the best found so far.",
    )
