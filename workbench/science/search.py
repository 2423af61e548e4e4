"""Optuna tuning inside the training part: a seeded TPE search over a model family, pruned on
cross-validation folds, with budgets in trials and wall time, stored in a study that survives
a crash (SQLite in the run directory by default; any Optuna storage URL, e.g. PostgreSQL for
workers on several machines)."""

from __future__ import annotations

import time
from collections.abc import Callable

import optuna

from workbench.inputs.search_spaces import Param, space_for, suggest
from workbench.inputs.search_spaces import build_model as _build
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import Prepared
from workbench.store.tuning_study import worker_name

optuna.logging.set_verbosity(optuna.logging.WARNING)
FINISHED = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)


def build_model(family: str, params: dict, prep: Prepared, task: str, seed: int):
    return _build(family, params, prep.columns, task, seed)


def full_params(spec, searched: dict) -> dict:
    """A configuration as the model needs it: a trial's searched parameters plus those the
    spec fixed."""
    space = space_for(spec.tuning.family, spec.task.kind, spec.tuning.space)
    fixed = {k: v for k, v in space.items() if not isinstance(v, Param)}
    return {**fixed, **searched}


def open_study(name: str, storage: str, seed: int, greater_is_better: bool) -> optuna.Study:
    """Create the study or load it when it exists (that is how a re-run resumes, and how
    workers join)."""
    return optuna.create_study(
        study_name=name,
        storage=storage,
        load_if_exists=True,
        direction="maximize" if greater_is_better else "minimize",
        sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=1),
    )


def finished_trials(study: optuna.Study) -> int:
    return len(study.get_trials(deepcopy=False, states=FINISHED))


def objective_for(prep: Prepared, spec):
    family = spec.tuning.family
    space = space_for(family, spec.task.kind, spec.tuning.space)
    who = worker_name()

    def objective(trial: optuna.Trial) -> float:
        trial.set_user_attr("worker", who)
        params = suggest(trial, space)
        model = build_model(family, params, prep, spec.task.kind, spec.seed)

        def report(step: int, running: float) -> None:
            trial.report(running, step)
            if trial.should_prune():
                raise optuna.TrialPruned()

        cv = cross_validate(model, prep, spec, family, "", on_fold=report, with_train=True)
        trial.set_user_attr("cv", cv.model_dump())
        return cv.mean

    return objective


def optimize(
    study: optuna.Study,
    objective,
    trials: int,
    deadline: float,
    on_trial: Callable[[int], None] | None = None,
) -> str:
    """Run until the study holds `trials` finished trials (from any process) or the wall clock
    passes `deadline` (epoch seconds); return which budget ended it."""
    while finished_trials(study) < trials:
        left = deadline - time.time()
        if left <= 0:
            return "time"
        study.optimize(objective, n_trials=1, timeout=left)
        if on_trial:
            on_trial(finished_trials(study))
    return "trials"


def close_abandoned(study: optuna.Study) -> None:
    """In the run's own study, a trial still marked running was cut off when an earlier session
    died (the run lock guarantees no other live process): mark it failed, so it is neither
    counted nor waited for."""
    for t in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.RUNNING,)):
        study.tell(t.number, state=optuna.trial.TrialState.FAIL, skip_if_finished=True)


def parameter_importances(study: optuna.Study, seed: int) -> dict[str, float]:
    """fANOVA importances; empty when too few complete trials vary the parameters."""
    try:
        evaluator = optuna.importance.FanovaImportanceEvaluator(seed=seed)
        imp = optuna.importance.get_param_importances(study, evaluator=evaluator)
    except (RuntimeError, ValueError, ZeroDivisionError):
        return {}
    return {k: round(float(v), 4) for k, v in imp.items()}
