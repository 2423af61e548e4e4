"""Work on some texts done once within a stretch of code: `init` reads a file to find its
format, then again to check the data as a run will read it, and would otherwise repair and
mask the same texts twice (on 100,000 tickets, a fifth and over a third of its time)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


def texts_digest(texts: list[str]) -> str:
    """The identity of some texts: their characters and lengths, in order."""
    h = hashlib.blake2b(digest_size=16)
    h.update(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)).tobytes())
    h.update("\x00".join(texts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class TextMemo(Generic[T]):
    """What one piece of work made of some texts, kept by their digest while `remembered()`
    is open, and forgotten when it closes (nothing is kept past it)."""

    def __init__(self) -> None:
        self._kept: dict[str, T] | None = None

    @property
    def active(self) -> bool:
        return self._kept is not None

    @contextmanager
    def remembered(self) -> Iterator[None]:
        self._kept = {}
        try:
            yield
        finally:
            self._kept = None

    def made(self, texts: list[str], make: Callable[[], T]) -> T:
        """`make()`'s result for these texts: kept from before within `remembered()`."""
        if self._kept is None:
            return make()
        key = texts_digest(texts)
        if key not in self._kept:
            self._kept[key] = make()
        return self._kept[key]
