"""Text features computed once per process. A study reads the same documents the same way many
times over: the `linear` and `tfidf_logistic` baselines read each fold's texts with the same
TF-IDF settings, every tuning trial that keeps the text settings reads the folds again, a
model predicts its own training rows for the overfitting guard, and the robustness tests
predict the same holdout texts once for every change made to the other columns. Reading a
text (cutting it into words and character n-grams) is the slowest part of a text model, and
its result depends on nothing but the documents and the reader's settings: here it is made
once and handed out again.

A result is known by the reader's class and parameters and a digest of the documents (their
characters and lengths, in order); a transform also by the fit it came from. What is handed
out is shared and read-only (its arrays are not writeable, so a caller that would change one
fails loudly instead of changing another's). Memory is bounded: results larger than a
quarter of the budget are not kept, and the least recently used go first. Two threads asking
for the same result at once make it once: the second waits for the first. What it makes and
hands out again is counted (`tally`), and each stage of a run records it in the manifest
(`stage_text_readings`): on 100,000 tickets it pays in tuning, not in the baselines, where two
models read the same five folds one after the other and the five do not fit the budget
(`benchmarks/RESULTS.md`).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from baselines.memory import BoundedMemory, size_of

BUDGET_BYTES = 512 * 2**20  # text features held at once, per process


def digest(documents) -> str:
    """The identity of a list of documents: their characters and lengths, in order."""
    docs = documents.tolist() if isinstance(documents, np.ndarray) else list(documents)
    h = hashlib.blake2b(digest_size=16)
    h.update(np.fromiter(map(len, docs), dtype=np.int64, count=len(docs)).tobytes())
    h.update("\x00".join(docs).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def frozen(value):
    """`value` with its arrays made read-only (it will be shared)."""
    if isinstance(value, tuple):
        return tuple(frozen(v) for v in value)
    if sp.issparse(value):
        for a in (value.data, value.indices, value.indptr):
            a.flags.writeable = False
    elif isinstance(value, np.ndarray):
        value.flags.writeable = False
    return value


@dataclass
class Tally:
    """What the memory did since it was last read: results made (and the seconds that took),
    results handed out again (and the seconds their making took, saved each time)."""

    made: int = 0
    seconds_making: float = 0.0
    remembered: int = 0
    seconds_saved: float = 0.0

    def as_dict(self) -> dict:
        return {
            "made": self.made,
            "seconds_making": round(self.seconds_making, 2),
            "remembered": self.remembered,
            "seconds_saved": round(self.seconds_saved, 2),
        }


class Memory(BoundedMemory):
    """Text features by key, made read-only when kept, and made once whatever the threads."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        super().__init__(budget)
        self._making: dict[str, threading.Event] = {}
        self._seconds: dict[str, float] = {}  # what making each kept result took
        self.tally = Tally()
        self.keeping = True  # False: results are made and handed out, none kept (`held_back`)

    def get(self, key: str) -> Any:
        found = super().get(key)
        if found is not None:
            with self._lock:
                self.tally.remembered += 1
                self.tally.seconds_saved += self._seconds.get(key, 0.0)
        return found

    def clear(self) -> None:
        super().clear()
        with self._lock:
            self._seconds.clear()

    def put(self, key: str, value: Any, size: int | None = None) -> Any:
        """Keep `value` (made read-only) when it fits and the memory is keeping; return it."""
        n = size_of(value) if size is None else size
        if self.keeping and self.fits(n):
            super().put(key, frozen(value), n)
        return value

    def made_once(self, key: str, make: Callable[[], Any]) -> tuple[Any, bool]:
        """The result for `key`: remembered, or made now (once, whatever the threads) and kept.
        Also whether it was remembered."""
        while True:
            found = self.get(key)
            if found is not None:
                return found, True
            with self._lock:
                if key in self._items:
                    continue
                waiting = self._making.get(key)
                if waiting is None:
                    self._making[key] = threading.Event()
                    break
            waiting.wait()  # another thread is making it: take theirs (or make it, if too large)
            if self.get(key) is None:
                with self._lock:
                    self.tally.made += 1
                return make(), False
        try:
            began = time.perf_counter()
            made = make()
            seconds = time.perf_counter() - began
            with self._lock:
                self.tally.made += 1
                self.tally.seconds_making += seconds
                if len(self._seconds) > 4096:  # keys long gone: forget their times
                    self._seconds = {k: v for k, v in self._seconds.items() if k in self._items}
                self._seconds[key] = seconds
            return self.put(key, made), False
        finally:
            with self._lock:
                self._making.pop(key).set()


FEATURES = Memory()


@contextmanager
def held_back():
    """Meanwhile nothing new is kept: each reading is made for whoever asked and freed with
    them. For the stages after the search (the evaluation, the assurance), in which readings
    are hardly ever asked for twice (at 100,000 tickets: none of 69 in the evaluation, 5 of
    20 small ones in the assurance) while the memory, filling to its budget, sat beside the
    evaluation's largest fits."""
    memory = FEATURES
    memory.keeping = False
    try:
        yield
    finally:
        memory.keeping = True


def clear() -> None:
    """Forget every remembered text feature (tests; a process moving on to other data)."""
    FEATURES.clear()


def tally() -> dict:
    """What the memory did since the last call (made, remembered, the seconds of each), and
    start counting anew: a stage records what reading text cost it and what was saved."""
    with FEATURES._lock:
        done, FEATURES.tally = FEATURES.tally, Tally()
    return done.as_dict()
