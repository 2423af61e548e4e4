"""Optuna tuning inside the training part: a seeded TPE search over a model family, pruned on
cross-validation folds, with budgets in trials and wall time, stored in a study that survives
a crash (a journal file in the run directory by default; any Optuna storage URL, e.g. PostgreSQL for
workers on several machines)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import closing

import numpy as np
import optuna

from baselines import family_pipeline
from workbench.inputs.search_spaces import Param, space_for, suggest
from workbench.science.cross_validation import combine, fold_fit
from workbench.science.modeling import Prepared
from workbench.science.splits import cv_splits
from workbench.science.threads import fits_at_once, in_order
from workbench.store.tuning_study import PROGRESS_ATTR, mend_journal, open_storage, worker_name

optuna.logging.set_verbosity(optuna.logging.WARNING)
FINISHED = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)
# trials sampled together, then evaluated side by side: a constant, so that a search gives the
# same configurations on any machine (two cores or forty)
TRIALS_AT_ONCE = 2


def build_model(family: str, params: dict, prep: Prepared, task: str, seed: int):
    """The family's pipeline (`baselines.family_pipeline`) on this view's columns."""
    return family_pipeline(family, params, prep.columns, task, seed)


def full_params(spec, searched: dict) -> dict:
    """A configuration as the model needs it: a trial's searched parameters plus those the
    spec fixed."""
    space = space_for(spec.tuning.family, spec.task.kind, spec.tuning.space)  # with overrides
    fixed = {k: v for k, v in space.items() if not isinstance(v, Param)}
    return {**fixed, **searched}


def open_study(name: str, storage: str, seed: int, greater_is_better: bool) -> optuna.Study:
    """Create the study or load it when it exists (that is how a re-run resumes, and how
    workers join)."""
    mend_journal(storage)
    return optuna.create_study(
        study_name=name,
        storage=open_storage(storage),
        load_if_exists=True,
        direction="maximize" if greater_is_better else "minimize",
        sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=1),
    )


def finished_trials(study: optuna.Study) -> int:
    return len(study.get_trials(deepcopy=False, states=FINISHED))


def search_deadline(study: optuna.Study, minutes: float) -> float:
    """When this session's search must stop (epoch seconds): the time budget less the time
    the study's finished trials already took, over all processes and earlier sessions (the
    union of their runs, so trials side by side count once). A search cut off and resumed
    a day later gets the minutes it had left, not a deadline long past."""
    spans = sorted(
        (t.datetime_start.timestamp(), t.datetime_complete.timestamp())
        for t in study.get_trials(deepcopy=False, states=FINISHED)
        if t.datetime_start and t.datetime_complete
    )
    spent, reach = 0.0, float("-inf")
    for start, end in spans:
        spent += max(0.0, end - max(start, reach))
        reach = max(reach, end)
    return time.time() + max(0.0, minutes * 60 - spent)


def publish_budgets(
    study: optuna.Study, run_dir, spec_path, trials: int, minutes: float, defaults: dict | None
) -> float:
    """Write into the study what a worker on another machine needs to join it (where the run
    lives, the trial budget, this session's deadline: `search_deadline`) and, when the study is
    new, enqueue `defaults` (unless None) as its first trial; return the deadline."""
    deadline = search_deadline(study, minutes)
    for key, value in {
        "run_dir": str(run_dir),
        "spec_path": spec_path,
        "trials": trials,
        "deadline": deadline,
        PROGRESS_ATTR: "",  # a check cut off in an earlier session is not going on now
    }.items():
        study.set_user_attr(key, value)
    if defaults is not None and not study.get_trials(deepcopy=False):  # a new study: first
        study.enqueue_trial(defaults, user_attrs={"start": "defaults"})
    return deadline


class Search:
    """The search's objective as fold tasks: each trial's configuration cross-validated on
    the training part's folds (with the training score, for the overfitting guard).

    Any search `optimize` runs has this shape: `model(trial)` (the trial's configuration),
    `folds`, `fold(model, i)` (one fold's result), `progress(results)` (the value the pruner is
    told after the folds so far), `result(trial, results)` (the trial's `ModelCV`, once all its
    folds are in) and `at_once(model)` (fits that may run side by side)."""

    def __init__(self, prep: Prepared, spec) -> None:
        self.prep, self.spec = prep, spec
        self.family = spec.tuning.family
        self.space = space_for(
            self.family, spec.task.kind, spec.tuning.space, text=bool(prep.columns.text)
        )
        self.folds = cv_splits(prep.fold, spec.split.strategy)
        self.who = worker_name()

    def model(self, trial: optuna.Trial):
        """The trial's configuration, suggested from the space, as an unfitted pipeline."""
        trial.set_user_attr("worker", self.who)
        params = suggest(trial, self.space)
        return build_model(self.family, params, self.prep, self.spec.task.kind, self.spec.seed)

    def fold(self, model, i: int) -> dict[str, float]:
        return fold_fit(model, self.prep, self.spec, self.folds[i], with_train=True)[0]

    def progress(self, results: list[dict[str, float]]) -> float:
        return float(np.mean([r[self.spec.metrics.primary] for r in results]))

    def result(self, trial: optuna.Trial, results: list[dict[str, float]]):
        scores: dict[str, list[float]] = {}
        for r in results:
            for m, v in r.items():
                scores.setdefault(m, []).append(v)
        return combine(self.family, "", scores, self.spec)

    def at_once(self, model) -> int:
        return fits_at_once(model)


def optimize(
    study: optuna.Study,
    search,
    trials: int,
    deadline: float,
    on_trial: Callable[[int], None] | None = None,
) -> str:
    """Run until the study holds `trials` finished trials (from any process) or the wall clock
    passes `deadline` (epoch seconds); return which budget ended it. A batch is not started
    when the time left is shorter than the batches so far took (their median): it would end
    past the deadline.

    Trials are asked `TRIALS_AT_ONCE` at a time, whatever the machine, and their folds share
    the cores (`search.at_once`), the next fold starting as soon as one finishes: a trial's
    last fold no longer leaves a core idle. A batch is sampled before any of it is told, each
    trial is reported to the pruner fold by fold in order, and told when all its folds are in:
    the configurations, which trial was pruned and every score depend on the seed alone, not
    on the cores or the timing (the pruner compares a trial with completed trials only)."""
    took: list[float] = []
    while (done := finished_trials(study)) < trials:
        left = deadline - time.time()
        if left <= 0 or (took and left < float(np.median(took))):
            return "time"
        start = time.time()
        batch = [study.ask() for _ in range(min(TRIALS_AT_ONCE, trials - done))]
        _evaluate(study, search, batch)
        took.append(time.time() - start)
        if on_trial:
            on_trial(finished_trials(study))
    return "trials"


def _evaluate(study: optuna.Study, search, batch: list[optuna.Trial]) -> None:
    """Every fold of every trial of the batch, side by side; each trial reported to the pruner
    fold by fold, in order, and told once all its folds are in (or it was pruned)."""
    models = {}
    try:
        for trial in batch:
            models[trial.number] = search.model(trial)
        tasks = [(t, i) for i in range(len(search.folds)) for t in batch]  # fold by fold
        results: dict[int, list] = {t.number: [] for t in batch}
        pruned: set[int] = set()

        def work(task):
            trial, i = task
            return search.fold(models[trial.number], i)

        at_once = search.at_once(models[batch[0].number])
        with closing(
            in_order(work, tasks, at_once, skip=lambda task: task[0].number in pruned)
        ) as done:
            for (trial, i), result in zip(tasks, done, strict=True):
                if result is None or trial.number in pruned:
                    continue
                mine = results[trial.number]
                mine.append(result)
                trial.report(search.progress(mine), i)
                if trial.should_prune():
                    pruned.add(trial.number)
    except BaseException:
        for trial in batch:  # a failing fold fails its batch, as a failing trial did
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        raise
    for trial in batch:
        if trial.number in pruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            continue
        cv = search.result(trial, results[trial.number])
        trial.set_user_attr("cv", cv.model_dump())
        study.tell(trial, cv.mean)


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
