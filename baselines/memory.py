"""A bounded store of values by key, for work made once per process and handed out again
(`baselines.text_memory`'s text features, `workbench.science.fit_cache`'s fits and prepared
rows). The least recently used values go first once their sizes pass the budget or their
number the limit; a value larger than a quarter of the budget is not kept (it would push out
everything else). Thread-safe.

Also what a value weighs (`size_of`: arrays, sparse matrices and frames, in tuples), and
`give_back`: memory freed by the process returned to the system (glibc keeps what large
fits free for reuse, and a study's later stages do not reuse it)."""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp


def size_of(value) -> int:
    """Bytes held by a value: arrays, sparse matrices (their three arrays), frames and series,
    and tuples or lists of them; 0 for anything else."""
    if isinstance(value, tuple | list):
        return sum(size_of(v) for v in value)
    if sp.issparse(value):
        return value.data.nbytes + value.indices.nbytes + value.indptr.nbytes
    if isinstance(value, pd.DataFrame | pd.Series):
        return int(np.sum(value.memory_usage(index=True, deep=False)))
    return int(getattr(value, "nbytes", 0))


def give_back() -> bool:
    """Return the memory this process has freed to the system (glibc's `malloc_trim`); False
    where there is no glibc (the memory is then reused by the process, as before)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


class BoundedMemory:
    """Values by key, least recently used out first once their sizes pass the budget or their
    number the limit."""

    def __init__(self, budget: int, limit: int | None = None) -> None:
        self.budget, self.limit = budget, limit
        self._items: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def fits(self, size: int) -> bool:
        """Whether a value of `size` bytes would be kept."""
        return size <= self.budget // 4

    def put(self, key: str, value: Any, size: int = 0) -> None:
        """Keep `value` (of `size` bytes) when it fits; a key already held keeps its value."""
        if not self.fits(size):
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._items and (
                self._bytes > self.budget
                or (self.limit is not None and len(self._items) > self.limit)
            ):
                _, (_, freed) = self._items.popitem(last=False)
                self._bytes -= freed

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
