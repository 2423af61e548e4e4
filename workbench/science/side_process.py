"""A second process for work that holds Python's lock (pandas, scikit-learn's Python loops),
so that it uses the second core where threads cannot.

The stage kernel starts a fork server early (`start`), which imports the libraries such work
needs while the first stage runs on the other core. A worker forked from it then takes a
share of a list of independent tasks (`share`, `calls`) while the kernel does the rest, the
two pulling tasks from one queue until it is empty; or it runs one task beside the kernel
(`beside`), the kernel's own fits taking one core fewer meanwhile (`busy`). Results come back
in the tasks' order, and each task depends only on its own inputs, so the numbers are the
same whichever process ran it. One worker on one thread: with the kernel, never more than the
cores; with fewer cores (`WORKBENCH_CORES=1`), or where the platform has no fork server,
everything runs here. The worker ends with the kernel, even a killed one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from baselines.models import cores
from workbench.language import current, use_language

T = TypeVar("T")
R = TypeVar("R")

# what the worker's tasks import: loaded once by the fork server, inherited by every worker
PRELOAD = [
    "numpy",
    "pandas",
    "scipy.stats",
    "sklearn.ensemble",
    "leakage_checks",
    "baselines",
    "workbench.science.figures",  # matplotlib, with the figures' look
]

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
                max_workers=1,
                mp_context=context,
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )


def stop() -> None:
    """End the worker and wait for it (the fork server stays: the next task forks a fresh
    worker). Called between stages, and before the process that started it is ended: a worker
    whose process is killed while it waits for work reports the broken pipe on the terminal;
    told to stop, it ends quietly."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


class Beside:
    """A task running in the worker while this process goes on; `result()` waits for it (or,
    without a worker, runs it here then)."""

    def __init__(self, work: Callable[[T], R], task: T) -> None:
        self.work, self.task = work, task
        pool, self.future = _pool, None
        if pool is not None:
            _busy(+1)
            try:
                self.future = pool.submit(_in_language, current(), work, task)
            except (BrokenProcessPool, RuntimeError):
                _forget_pool()
                _busy(-1)
            else:
                self.future.add_done_callback(lambda _f: _busy(-1))

    def result(self) -> R:
        if self.future is not None:
            try:
                return self.future.result()
            except BrokenProcessPool:  # the worker died: the task runs here
                _forget_pool()
            except CancelledError:  # the worker was stopped before it began: it runs here
                pass
        return self.work(self.task)


class Ready:
    """A result already at hand, read like a `Beside`'s."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


def ready(value) -> Ready:
    return Ready(value)


def beside(work: Callable[[T], R], task: T) -> Beside:
    """Start `work(task)` in the worker (a module-level function, as for `share`) and return
    at once. While it runs, this process's own fits take one core fewer (`busy`)."""
    start()
    return Beside(work, task)


_busy_count = 0


def busy() -> int:
    """The cores the worker is using for a task started with `beside` (0 or 1)."""
    return min(_busy_count, 1)


def _busy(change: int) -> None:
    global _busy_count
    with _lock:
        _busy_count = max(0, _busy_count + change)


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
                results[i] = pool.submit(_in_language, spoken, work, task).result()
            except BrokenProcessPool:  # the worker died: its task, and the rest, run here
                _forget_pool()
                with taken:
                    queue.insert(0, item)
                return
            except Exception:  # the task failed: it runs again here, and fails here, loudly
                return

    pool, spoken = _pool, current()  # the worker speaks the run's language too
    feeder = threading.Thread(target=feed, daemon=True) if pool is not None else None
    if feeder is not None:
        feeder.start()
    try:
        while (item := next_task()) is not None:
            i, task = item
            results[i] = work(task)
    except BaseException:  # a failing task: the worker starts nothing more of this list
        with taken:
            queue.clear()
        raise
    finally:
        if feeder is not None:
            feeder.join()
    for i, task in enumerate(tasks):  # what a dead worker left undone
        if i not in results:
            results[i] = work(task)
    return [results[i] for i in range(len(tasks))]


def calls(jobs: Sequence[tuple[Callable[..., R], tuple]]) -> list[R]:
    """`fn(*args)` for each `(fn, args)` job, shared like `share` (each `fn` a module-level
    function): figures, for instance, drawn and saved by both processes."""
    return share(jobs, _call)


def _in_language(language: str, work: Callable[[T], R], task: T) -> R:
    """`work(task)` in the worker, in the language of the process that sent it."""
    with use_language(language):
        return work(task)


def _call(job):
    fn, args = job
    return fn(*args)


def _forget_pool() -> None:
    global _pool
    with _lock:
        _pool = None


def _worker_start(owner: int) -> None:
    """The worker's models fit on one thread, whatever the environment says, and one at a
    time: the worker is one core. It ends when the process that started it is gone (a kernel
    killed mid-run would otherwise leave it waiting for work, and its fork server with it)."""
    from threadpoolctl import threadpool_limits

    os.environ["WORKBENCH_CORES"] = "1"
    threadpool_limits(limits=1)
    threading.Thread(target=_end_with, args=(owner,), daemon=True).start()


def _end_with(owner: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # alive, under another user (a reused pid): keep watching
            continue
