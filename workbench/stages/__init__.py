"""The stages of a run, in order: each a function `run_<stage>(ctx, run) -> Result` executed
by its notebook, writing `results/<stage>.json`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    notebook: str
    title: str


STAGES = [
    Stage("data", "01_data_audit.ipynb", "Data audit"),
    Stage("leakage", "02_splits_leakage.ipynb", "Splits and leakage checks"),
    Stage("baselines", "03_baselines.ipynb", "Baselines"),
    Stage("tuning", "04_tuning.ipynb", "Tuning"),
    Stage("evaluation", "05_evaluation.ipynb", "Holdout evaluation"),
    Stage("assurance", "06_assurance.ipynb", "Robustness, fairness and explanations"),
]
STAGE_NAMES = [s.name for s in STAGES]


def stage_function(name: str):
    """The `run_<stage>` function of a stage (imported lazily: each pulls in heavy libraries)."""
    from importlib import import_module

    return getattr(import_module(f"workbench.stages.{name}"), f"run_{name}")


def run_and_save(name: str, ctx, run, **kwargs):
    """Run one stage, write its result atomically, and record its compute time in the manifest.
    This is the one call a stage notebook makes."""
    import time

    from threadpoolctl import threadpool_limits

    start = time.perf_counter()
    # one thread per model: on two cores a second OpenMP/BLAS thread slows fits down many
    # times over as soon as anything else runs (see README, "Threads")
    with threadpool_limits(limits=1):
        result = stage_function(name)(ctx, run, **kwargs)
    run.save_result(name, result)
    run.update_manifest(stage_compute_seconds={name: round(time.perf_counter() - start, 3)})
    return result
