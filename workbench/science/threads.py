"""Independent fits spread over the cores, in threads of this process, their results handed
back in order. The fits themselves run in native code that releases Python's lock (XGBoost,
scikit-learn's tree builders), so two threads keep two cores busy; every model fits on one
thread of its own, so the threads never exceed the cores (model threads x fits at once <=
cores). Results depend on nothing but each fit's own inputs: the order and timing of the
threads change no number.
"""

from __future__ import annotations

from collections import deque
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


def in_order(work: Callable[[T], R], items: Iterable[T], at_once: int) -> Iterator[R]:
    """`work(item)` for each item, `at_once` of them running at a time, results yielded in the
    items' order. A consumer that stops early (a pruned trial) leaves no work running: what
    was started is waited for, what was not is never started."""
    items = list(items)
    if at_once <= 1 or len(items) <= 1:
        yield from (work(item) for item in items)
        return
    pool = ThreadPoolExecutor(min(at_once, len(items)), initializer=_one_native_thread)
    pending: deque[Future] = deque()
    try:
        queue = iter(items)
        for item in queue:
            pending.append(pool.submit(work, item))
            if len(pending) >= at_once:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(queue, _END)
            if nxt is not _END:
                pending.append(pool.submit(work, nxt))
            yield result
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True)


_END = object()


def _one_native_thread() -> None:
    """OpenMP reads its thread count per thread: a new thread would start from the machine's
    default (every core) unless told, even where the stage limited its own."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="openmp")
