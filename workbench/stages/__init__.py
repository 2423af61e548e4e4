"""The stages of a run: each a function `run_<stage>(ctx, run) -> Result` in a module of its
own, executed by its notebook through `run_and_save`, writing `results/<stage>.json`. Their
order, notebooks and result models are listed once, in `workbench.store.layout.STAGES`.

May import: `workbench.inputs`, `workbench.science`, `workbench.store`, and the two libraries
(`leakage_checks`, `baselines`). Imports no judgement, no report, no engine."""

from __future__ import annotations

import contextlib

# stages in which the text memory keeps nothing new (`baselines.text_memory.held_back`): after
# the search, readings are hardly asked for twice, and kept ones sat beside the largest fits
TEXT_HELD_BACK = ("evaluation", "assurance")


def stage_function(name: str):
    """The `run_<stage>` function of a stage (imported lazily: each pulls in heavy libraries)."""
    from importlib import import_module

    return getattr(import_module(f"workbench.stages.{name}"), f"run_{name}")


def run_and_save(name: str, ctx, run, **kwargs):
    """Run one stage, write its result atomically, and record its compute time in the manifest.
    This is the one call a stage notebook makes. The stage writes its sentences (figure labels
    and captions, explanations) in the spec's report language."""
    import time

    from threadpoolctl import threadpool_limits

    from baselines import text_memory
    from baselines.memory import give_back
    from workbench.language import use_language
    from workbench.science import side_process

    side_process.start()  # the first stage starts it: it loads its libraries meanwhile
    text_memory.tally()  # counted from here
    start, cpu = time.perf_counter(), _processor_seconds()
    # one thread per model: on two cores a second OpenMP/BLAS thread slows fits down many
    # times over as soon as anything else runs (see docs/large-data.md, "Threads")
    held = text_memory.held_back() if name in TEXT_HELD_BACK else contextlib.nullcontext()
    with threadpool_limits(limits=1), use_language(ctx.spec.report.language), held:
        result = stage_function(name)(ctx, run, **kwargs)
    run.save_result(name, result)
    give_back()  # what the stage's fits freed goes back to the system, not kept for reuse
    run.update_manifest(
        stage_compute_seconds={name: round(time.perf_counter() - start, 3)},
        # the stage's processor time, all its threads together and the processes it started
        # and waited for (statsforecast's fitting processes): above the wall time when fits
        # ran side by side
        stage_cpu_seconds={name: round(_processor_seconds() - cpu, 3)},
        # text read in this process: how often a reading was made or handed out again
        stage_text_readings={name: text_memory.tally()},
    )
    return result


def _processor_seconds() -> float:
    """This process's processor time and that of its children it has waited for."""
    import resource
    import time

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
