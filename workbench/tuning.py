"""Optuna tuning inside the training part: a seeded TPE search over a model family, pruned on
cross-validation folds, with budgets in trials and wall time, stored in a study that survives
a crash (SQLite in the run directory by default)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import optuna

from baselines.models import xgboost_model
from baselines.preprocess import pipeline, tree_preprocessor
from workbench.evaluation import cross_validate
from workbench.modeling import Prepared

optuna.logging.set_verbosity(optuna.logging.WARNING)
FINISHED = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)


def xgboost_space(trial: optuna.Trial) -> dict:
    return {
        "n_estimators": trial.suggest_int("n_estimators", 50, 600, log=True),
        "max_depth": trial.suggest_int("max_depth", 2, 8),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "colsample_bytree": trial.suggest_float("colsample_bytree", 0.4, 1.0),
        "min_child_weight": trial.suggest_float("min_child_weight", 1.0, 20.0, log=True),
        "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 10.0, log=True),
    }


SPACES: dict[str, Callable[[optuna.Trial], dict]] = {"xgboost": xgboost_space}


def build_model(family: str, params: dict, prep: Prepared, task: str, seed: int):
    if family != "xgboost":
        raise KeyError(family)
    return pipeline(tree_preprocessor(prep.columns), xgboost_model(task, seed, **params))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def open_study(name: str, storage: str, seed: int, greater_is_better: bool) -> optuna.Study:
    """Create the study or load it when it exists (that is how a re-run resumes)."""
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


def objective_for(prep: Prepared, spec, family: str):
    space = SPACES[family]

    def objective(trial: optuna.Trial) -> float:
        params = space(trial)
        model = build_model(family, params, prep, spec.task.kind, spec.seed)

        def report(step: int, running: float) -> None:
            trial.report(running, step)
            if trial.should_prune():
                raise optuna.TrialPruned()

        cv = cross_validate(model, prep, spec, family, "", on_fold=report)
        trial.set_user_attr("cv", cv.model_dump())
        return cv.mean

    return objective


def optimize(
    study: optuna.Study,
    objective,
    trials: int,
    minutes: float,
    on_trial: Callable[[int], None] | None = None,
) -> str:
    """Run until the study holds `trials` finished trials or `minutes` have passed; return
    which budget ended it. Finished trials from an earlier, interrupted run count."""
    deadline = time.monotonic() + minutes * 60
    while finished_trials(study) < trials:
        left = deadline - time.monotonic()
        if left <= 0:
            return "time"
        study.optimize(objective, n_trials=1, timeout=left)
        if on_trial:
            on_trial(finished_trials(study))
    return "trials"
