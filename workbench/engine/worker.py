"""A tuning worker: joins a study in a shared Optuna storage (PostgreSQL across machines) and
evaluates trials until the study's budget is spent. The run that created the study writes the
result, once; workers only add trials."""

from __future__ import annotations

import time
from pathlib import Path

import optuna

from workbench.errors import BadInput
from workbench.inputs.context import load_run_context
from workbench.science.modeling import prepare
from workbench.science.search import FINISHED, Search, open_study, optimize
from workbench.store.run_directory import Run
from workbench.store.tuning_study import redact, worker_name


def wait_for_study(storage: str, name: str, wait_seconds: float) -> optuna.Study:
    """The study once its creator has published where the run lives and the budgets."""
    deadline = time.time() + wait_seconds
    errors = 0
    while True:
        try:
            study = optuna.load_study(study_name=name, storage=storage)
            if "deadline" in study.user_attrs:
                return study
        except KeyError:  # not created yet
            pass
        except Exception as exc:
            # workers starting together race to create Optuna's tables: retry a few times
            # before calling it a configuration problem
            errors += 1
            if errors >= 5:
                raise BadInput(
                    f"cannot open the tuning storage {redact(storage)} ({type(exc).__name__}: "
                    f"{str(exc).splitlines()[0][:200]})",
                    field="--storage",
                    fix="check the URL, the server and the credentials",
                ) from None
        if time.time() > deadline:
            raise BadInput(
                f"no study named '{name}' appeared in {redact(storage)} within "
                f"{wait_seconds:.0f} s",
                field="--study",
                fix="start the study first (`workbench tune SPEC --storage URL`) and copy "
                "its name from the output",
            )
        time.sleep(1.0)


def run_worker(
    storage: str, name: str, run_dir: Path | None = None, wait_seconds: float = 120
) -> int:
    """Evaluate trials of study `name` until its trial or time budget is spent; return how many
    trials this worker finished."""
    study = wait_for_study(storage, name, wait_seconds)
    attrs = study.user_attrs
    run = Run(run_dir or attrs["run_dir"])
    if not run.split_file.exists():
        raise BadInput(
            "the run's data snapshot and split are not reachable from this machine",
            file=str(run.dir),
            field="--run-dir",
            fix="share the run directory (same path), or pass --run-dir with a copy of it",
        )
    ctx = load_run_context(run)
    prep = prepare(ctx, run).sampled(ctx.spec.budget.cv_rows, ctx.spec.seed)  # the run's rows
    mine = open_study(name, storage, ctx.spec.seed, ctx.spec.primary_metric.greater_is_better)
    before = _count_mine(mine)
    optimize(mine, Search(prep, ctx.spec), int(attrs["trials"]), float(attrs["deadline"]))
    return _count_mine(mine) - before


def _count_mine(study: optuna.Study) -> int:
    me = worker_name()
    return sum(
        1
        for t in study.get_trials(deepcopy=False, states=FINISHED)
        if t.user_attrs.get("worker") == me
    )
