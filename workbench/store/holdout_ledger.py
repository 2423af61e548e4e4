"""The holdout ledger of a study: every time a run scores a holdout, a line in
`runs/<experiment>/holdout-ledger.json`, beside the run directories.

A holdout is spent when it is looked at. One run scores its holdout once; but a consultant who
sees the score, changes the spec and runs again scores the same rows again, and the better of
the two is then chosen with the holdout in view: it is optimistic. The ledger sees across runs.

A holdout is known by its key: the experiment, the data's fingerprint and the holdout's rows
themselves (which the split settings and the seed determine; they are recorded beside it).
Every scoring is recorded. A scoring that repeats an earlier one — the same spec (by its hash)
giving the same candidate score, as a `verify` re-run or the same study run again does — has
taught nobody anything new and is not counted as another look; any other scoring is. The count
a run reports is the number of distinct looks up to and including its own (a repeat reports
the count of the look it repeats), so it never changes once made, and a `verify` re-run writes
the same results as the run it checks.

The file is replaced atomically under a lock, so runs finishing at the same moment each add
their line.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from workbench.store.run_directory import atomic_write

LEDGER_FILE = "holdout-ledger.json"
LOCK_FILE = ".holdout-ledger.lock"
LOCK_WAIT_SECONDS = 60.0


class Look(BaseModel):
    """One scoring of a holdout."""

    key: str
    run: str  # the run directory (relative to the ledger's folder when inside it)
    scored_at: str
    spec_hash: str
    metric: str
    score: float  # the candidate's primary score on the holdout
    data_fingerprint: str
    split: dict[str, str | float | int | None]  # strategy, test_size, group and time columns
    seed: int
    repeats: int | None = None  # index of the earlier look this one repeats, if it does


class Ledger(BaseModel):
    experiment: str
    looks: list[Look] = Field(default_factory=list)

    def distinct(self, key: str) -> list[int]:
        """Indices of the looks at holdout `key` that were not repeats, in order."""
        return [i for i, k in enumerate(self.looks) if k.key == key and k.repeats is None]


class Tally(BaseModel):
    """What a run says about its holdout: which look it was, and the scores of the looks
    before it."""

    key: str
    looks: int  # distinct looks at this holdout up to and including this run's
    earlier_scores: list[float]  # the candidate's score at each earlier distinct look


def holdout_key(experiment: str, fingerprint: str, test_rows: np.ndarray) -> str:
    """The holdout's identity: the experiment, the data and the positions of its rows."""
    digest = hashlib.sha256(np.asarray(test_rows, dtype=np.int64).tobytes()).hexdigest()
    blob = json.dumps([experiment, fingerprint, digest]).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def read_ledger(folder: Path, experiment: str) -> Ledger:
    path = folder / LEDGER_FILE
    if not path.exists():
        return Ledger(experiment=experiment)
    return Ledger.model_validate_json(path.read_text())


def record(folder: Path, experiment: str, look: Look) -> Tally:
    """Add `look` to the ledger in `folder` (under its lock) and return the run's tally."""
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / LOCK_FILE):
        ledger = read_ledger(folder, experiment)
        look = look.model_copy(update={"repeats": _repeated(ledger, look)})
        ledger.looks.append(look)
        atomic_write(folder / LEDGER_FILE, ledger.model_dump_json(indent=2) + "\n")
    return tally(ledger, len(ledger.looks) - 1)


def tally(ledger: Ledger, index: int) -> Tally:
    """The tally of look `index`: a repeat counts as the look it repeats."""
    look = ledger.looks[index]
    own = look.repeats if look.repeats is not None else index
    distinct = [i for i in ledger.distinct(look.key) if i <= own]
    return Tally(
        key=look.key,
        looks=len(distinct),
        earlier_scores=[ledger.looks[i].score for i in distinct if i != own],
    )


def _repeated(ledger: Ledger, look: Look) -> int | None:
    for i in ledger.distinct(look.key):
        earlier = ledger.looks[i]
        if earlier.spec_hash == look.spec_hash and round(earlier.score, 6) == round(look.score, 6):
            return i
    return None


def relative_run(folder: Path, run_dir: Path) -> str:
    try:
        return run_dir.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return run_dir.resolve().as_posix()


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` held for the block (flock where it exists, else a lock
    file created exclusively; a lock older than the wait is taken to be a dead run's)."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        fcntl = None
    if fcntl is not None:
        with path.open("a") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        return
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                path.unlink(missing_ok=True)
            time.sleep(0.05)
    try:
        yield
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
