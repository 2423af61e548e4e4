"""A second process for work that holds Python's lock (pandas, scikit-learn's Python loops),
so that it uses the second core where threads cannot.

The stage kernel starts a fork server early (`start`), which imports the libraries such work
needs while the first stage runs on the other core; a worker forked from it then takes a
share of a list of independent tasks (`share`) while the kernel does the rest, the two
pulling tasks from one queue until it is empty. Results come back in the tasks' order, and
each task depends only on its own inputs, so the numbers are the same whichever process ran
it. One worker: the kernel and the worker, each on one thread, never exceed two cores; with
fewer cores (`WORKBENCH_CORES=1`), or where the platform has no fork server, everything runs
here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from baselines.models import cores

T = TypeVar("T")
R = TypeVar("R")

# what the worker's tasks import: loaded once by the fork server, inherited by every worker
PRELOAD = ["numpy", "pandas", "scipy.stats", "sklearn.ensemble", "leakage_checks", "baselines"]

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def available() -> bool:
    return cores() >= 2 and "forkserver" in multiprocessing.get_all_start_methods()


def start() -> None:
    """Start the fork server and let it import `PRELOAD` in its own process (returns at once);
    nothing when there is no second core for it."""
    global _pool
    if not available():
        return
    with _lock:
        if _pool is not None:
            return
        context = multiprocessing.get_context("forkserver")
        # the main module too: else every worker would import it again on its start (in a
        # stage kernel, IPython's), where the server imports it once
        context.set_forkserver_preload(["__main__", *PRELOAD])
        with contextlib.suppress(Exception):  # no server: `share` runs everything here
            from multiprocessing import forkserver

            forkserver.ensure_running()
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=_one_native_thread
            )


def share(tasks: Sequence[T], work: Callable[[T], R]) -> list[R]:
    """`work(task)` for every task, here and in the worker at once (each taking the next task
    when it is free), results in the tasks' order. `work` must be a module-level function
    (the worker receives it by name). Without a worker, all run here."""
    start()
    results: dict[int, R] = {}
    queue = list(enumerate(tasks))
    taken = threading.Lock()

    def next_task():
        with taken:
            return queue.pop(0) if queue else None

    def feed() -> None:  # the worker's side: one task at a time, while there are any
        while (item := next_task()) is not None:
            i, task = item
            try:
                results[i] = pool.submit(work, task).result()
            except BrokenProcessPool:  # the worker died: its task, and the rest, run here
                _forget_pool()
                with taken:
                    queue.insert(0, item)
                return
            except Exception:  # the task failed: it runs again here, and fails here, loudly
                return

    pool = _pool
    feeder = threading.Thread(target=feed, daemon=True) if pool is not None else None
    if feeder is not None:
        feeder.start()
    while (item := next_task()) is not None:
        i, task = item
        results[i] = work(task)
    if feeder is not None:
        feeder.join()
    for i, task in enumerate(tasks):  # what a dead worker left undone
        if i not in results:
            results[i] = work(task)
    return [results[i] for i in range(len(tasks))]


def _forget_pool() -> None:
    global _pool
    with _lock:
        _pool = None


def _one_native_thread() -> None:
    """The worker's models fit on one thread, whatever the environment says."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
