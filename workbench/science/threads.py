"""Independent fits spread over the cores, in threads of this process, their results handed
back in order. The fits themselves run in native code that releases Python's lock (XGBoost,
scikit-learn's tree builders), so two threads keep two cores busy; every model fits on one
thread of its own, so the threads never exceed the cores (model threads x fits at once <=
cores). Results depend on nothing but each fit's own inputs: the order and timing of the
threads change no number.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from baselines.models import cores

T = TypeVar("T")
R = TypeVar("R")


def model_threads(model) -> int:
    """The threads one fit of `model` uses: its final estimator's `n_jobs` (one when unset)."""
    last = model.steps[-1][1] if hasattr(model, "steps") else model
    n_jobs = getattr(last, "n_jobs", None)
    if n_jobs is None:
        return 1
    return cores() if n_jobs < 0 else max(1, int(n_jobs))


def fits_at_once(model) -> int:
    """How many fits of `model` may run side by side on this machine's cores (those the side
    process is not using for a task of its own)."""
    from workbench.science import side_process

    return max(1, (cores() - side_process.busy()) // model_threads(model))


def in_order(
    work: Callable[[T], R],
    items: Iterable[T],
    at_once: int,
    skip: Callable[[T], bool] | None = None,
) -> Iterator[R | None]:
    """`work(item)` for each item, `at_once` of them running at a time (the next one starts as
    soon as any finishes), results yielded in the items' order. An item for which
    `skip(item)` is true when its turn to start comes is not run: None takes its place (a
    pruned trial's remaining folds). A consumer that stops early leaves no work running: what
    was started is waited for, what was not is never started."""
    items = list(items)
    skipped = skip or (lambda _item: False)
    if at_once <= 1 or len(items) <= 1:
        yield from (None if skipped(item) else work(item) for item in items)
        return
    pool = ThreadPoolExecutor(min(at_once, len(items)), initializer=_one_native_thread)
    started: list[Future | None] = []  # by position; None: skipped
    changed = threading.Condition()
    state = {"running": 0, "stopped": False}

    def launch() -> None:  # called with `changed` held
        while not state["stopped"] and state["running"] < at_once and len(started) < len(items):
            item = items[len(started)]
            if skipped(item):
                started.append(None)
                continue
            future = pool.submit(work, item)
            state["running"] += 1
            started.append(future)
            future.add_done_callback(finished)
        changed.notify_all()

    def finished(_future) -> None:
        with changed:
            state["running"] -= 1
            launch()

    try:
        with changed:
            launch()
        for i in range(len(items)):
            with changed:
                changed.wait_for(lambda i=i: len(started) > i)
                future = started[i]
            yield None if future is None else future.result()
    finally:
        with changed:
            state["stopped"] = True
        pool.shutdown(wait=True, cancel_futures=True)


_END = object()


def _one_native_thread() -> None:
    """OpenMP reads its thread count per thread: a new thread would start from the machine's
    default (every core) unless told, even where the stage limited its own."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="openmp")
