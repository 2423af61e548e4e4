"""The holdout ledger of a project: every time a run scores a holdout, a line in
`runs/holdout-ledger.json`, and the identities of the rows it scored in
`runs/holdout-ledger/`, beside every experiment's run directories.

A holdout is spent when it is looked at. One run scores its holdout once; but a consultant who
sees the score, changes the spec and runs again scores the same rows again, and the better of
the two is then chosen with the holdout in view: it is optimistic. So is a fresh split of the
same rows — a new seed, a slightly larger `test_size`, the same study under another name, the
extract exported again — whose holdout holds rows an earlier run has already scored.

So a look records the rows it scored, not their positions: each row's identity is a keyed hash
of its values in every column (`row_identities`), combined with which copy of those values it
is in the source (the first, the second... of identical rows), so that duplicates stay apart
while a re-export in another order still matches. The hash is keyed by a random key kept in
the ledger and cut to 64 bits: the identities say whether two rows are the same, not what a
row holds, and the ledger keeps no value of any row. It lives in the project's `runs/` folder,
not an experiment's, because rows belong to the data, not to the study's name: a renamed
experiment scoring the same rows is caught.

Every scoring is recorded. A scoring that repeats an earlier one — the same spec (by its hash)
giving the same candidate score on the same rows, as a `verify` re-run or the same study run
again does — has taught nobody anything new and is not counted as another look; any other
scoring that shares rows with an earlier look is. The tally a run reports (how many looks,
which share of its rows was scored before, in which runs) counts only the looks before its own
(a repeat reports the tally of the look it repeats), so it never changes once made, and a
`verify` re-run writes the same results as the run it checks.

The files are replaced atomically under a lock, so runs finishing at the same moment each add
their line. Ledgers of older versions (`runs/<experiment>/holdout-ledger.json`, one per
experiment, holdouts known by their positions only) are still read: a look there whose
holdout key equals this run's counts, as it did.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from workbench.store.run_directory import atomic_write

LEDGER_FILE = "holdout-ledger.json"
ROWS_FOLDER = "holdout-ledger"  # one file of row identities per look
LOCK_FILE = ".holdout-ledger.lock"
LOCK_WAIT_SECONDS = 60.0


class Look(BaseModel):
    """One scoring of a holdout."""

    key: str  # the holdout by its positions (the experiment, the data, the rows' positions)
    run: str  # the run directory (relative to the ledger's folder when inside it)
    scored_at: str
    spec_hash: str  # the analysis's (`LoadedSpec.analysis_hash`; the whole spec's in older looks)
    experiment: str = ""
    metric: str
    score: float  # the candidate's primary score on the holdout
    data_fingerprint: str
    split: dict[str, str | float | int | None]  # strategy, test_size, group and time columns
    seed: int
    rows: int = 0  # holdout rows scored
    digest: str | None = None  # the sorted identities' sha256: the same rows, the same digest
    identities: str | None = None  # the file under holdout-ledger/ holding them
    repeats: int | None = None  # index of the earlier look this one repeats, if it does


class Ledger(BaseModel):
    experiment: str = ""  # older, per-experiment ledgers only
    key: str = ""  # the key of the row identities (random, made with the ledger)
    looks: list[Look] = Field(default_factory=list)

    def distinct(self) -> list[int]:
        """Indices of the looks that were not repeats, in order."""
        return [i for i, k in enumerate(self.looks) if k.repeats is None]


class Tally(BaseModel):
    """What a run says about its holdout: which look at these rows it was, how much of it was
    scored before and where, and the candidate's scores at those earlier looks."""

    key: str
    looks: int  # distinct looks sharing rows with this holdout, this run's included
    earlier_scores: list[float]  # the candidate's score at each earlier look sharing rows
    seen_share: float = 0.0  # share of this holdout's rows earlier looks scored
    seen_in: list[str] = Field(default_factory=list)  # the runs of those earlier looks


def holdout_key(experiment: str, fingerprint: str, test_rows: np.ndarray) -> str:
    """The holdout by its positions: the experiment, the data and the positions of its rows
    (what older ledgers knew a holdout by; `compare` still groups runs by it)."""
    digest = hashlib.sha256(np.asarray(test_rows, dtype=np.int64).tobytes()).hexdigest()
    blob = json.dumps([experiment, fingerprint, digest]).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def row_identities(frame, key: str) -> np.ndarray:
    """One 64-bit identity per row of `frame`: a hash keyed by `key` of the row's values in
    every column (in the order of their names), and of which copy of those values it is (the
    first, the second... in the frame's order). uint64, aligned with the rows."""
    import pandas as pd  # here: recording a look needs numpy only

    ordered = frame[sorted(frame.columns, key=str)]
    values = pd.util.hash_pandas_object(ordered, index=False, hash_key=key, categorize=True)
    copy = values.groupby(values.to_numpy()).cumcount()
    both = pd.DataFrame({"values": values.to_numpy(), "copy": copy.to_numpy(dtype=np.uint64)})
    return pd.util.hash_pandas_object(both, index=False, hash_key=key).to_numpy(dtype=np.uint64)


def identity_key(folder: Path) -> str:
    """The key the ledger in `folder` hashes row identities with (made, under the lock, when
    the ledger is new)."""
    ledger = read_ledger(folder)
    if ledger.key:
        return ledger.key
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / LOCK_FILE):
        ledger = read_ledger(folder)
        if not ledger.key:
            ledger.key = secrets.token_hex(8)  # 16 characters: pandas' hash key
            _write(folder, ledger)
    return ledger.key


def read_ledger(folder: Path) -> Ledger:
    path = folder / LEDGER_FILE
    if not path.exists():
        return Ledger()
    return Ledger.model_validate_json(path.read_text())


def study_ledger(folder: Path, experiment: str) -> Ledger:
    """The looks of one study, in order: those of an older per-experiment ledger in `folder`
    (`runs/<experiment>`), then those the project's ledger in its parent (`runs/`) records
    for `experiment`. Each look's run is relative to `folder` when it lies inside it, and a
    repeat points at its look's place in this list."""
    old = read_ledger(folder)
    looks = list(old.looks)
    project = read_ledger(folder.parent)
    place: dict[int, int] = {}
    for i, look in enumerate(project.looks):
        if look.experiment != experiment:
            continue
        place[i] = len(looks)
        run = look.run
        if not Path(run).is_absolute():
            inside = (folder.parent / run).resolve()
            run = relative_run(folder, inside)
        looks.append(look.model_copy(update={"run": run, "repeats": place.get(look.repeats)}))
    return Ledger(experiment=experiment, key=project.key, looks=looks)


def seen_before(folder: Path, experiment: str) -> dict[str, float]:
    """For each look of `experiment` in the project's ledger in `folder` (`runs/`), by its
    run: the share of its rows that earlier looks (of any experiment) had scored."""
    ledger = read_ledger(folder)
    return {
        look.run: tally(folder, ledger, i).seen_share
        for i, look in enumerate(ledger.looks)
        if look.experiment == experiment and look.identities
    }


def record(
    folder: Path,
    look: Look,
    identities: np.ndarray | None = None,
    legacy: Path | None = None,
) -> Tally:
    """Add `look` — and, when given, the identities of the rows it scored — to the ledger in
    `folder` (under its lock) and return the run's tally. `legacy`: the folder of an older
    per-experiment ledger whose looks at the same positions count too."""
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / LOCK_FILE):
        ledger = read_ledger(folder)
        if identities is not None:
            ids = np.unique(np.asarray(identities, dtype=np.uint64))
            digest = hashlib.sha256(ids.tobytes()).hexdigest()
            name = f"{len(ledger.looks):05d}-{digest[:16]}.npy"
            buf = io.BytesIO()
            np.save(buf, ids, allow_pickle=False)
            atomic_write(folder / ROWS_FOLDER / name, buf.getvalue())
            look = look.model_copy(update={"rows": len(ids), "digest": digest, "identities": name})
        look = look.model_copy(update={"repeats": _repeated(ledger, look)})
        ledger.looks.append(look)
        _write(folder, ledger)
    return tally(folder, ledger, len(ledger.looks) - 1, _legacy_looks(legacy, folder))


def tally(folder: Path, ledger: Ledger, index: int, legacy: list[Look] = ()) -> Tally:
    """The tally of look `index`: the earlier distinct looks that share rows with it (a repeat
    counts as the look it repeats)."""
    look = ledger.looks[index]
    own = look.repeats if look.repeats is not None else index
    mine = _identities(folder, ledger.looks[own])
    seen = np.zeros(len(mine), dtype=bool) if mine is not None else None
    shared: list[Look] = [k for k in legacy if k.key == look.key]
    full = bool(shared)
    for i in ledger.distinct():
        if i >= own:
            break
        earlier = ledger.looks[i]
        theirs = _identities(folder, earlier)
        if mine is not None and theirs is not None:
            hit = np.isin(mine, theirs, assume_unique=True)
            if hit.any():
                seen |= hit
                shared.append(earlier)
        elif earlier.key == look.key:  # a look without identities: known by its positions
            shared.append(earlier)
            full = True
    share = 1.0 if full or mine is None else float(seen.mean()) if len(mine) else 0.0
    return Tally(
        key=look.key,
        looks=1 + len(shared),
        earlier_scores=[k.score for k in shared],
        seen_share=round(share if shared else 0.0, 6),
        seen_in=list(dict.fromkeys(_shown(k.run) for k in shared)),
    )


def _shown(run: str) -> str:
    """A run as page one names it: its path under runs/, or its folder and its parent's for a
    run directory elsewhere (no machine path in a report)."""
    path = Path(run)
    return "/".join(path.parts[-2:]) if path.is_absolute() else run


def _identities(folder: Path, look: Look) -> np.ndarray | None:
    if look.identities is None:
        return None
    path = folder / ROWS_FOLDER / look.identities
    return np.load(path, allow_pickle=False) if path.exists() else None


def _repeated(ledger: Ledger, look: Look) -> int | None:
    """The earlier look this one repeats: the same analysis (`Look.spec_hash`) giving the same
    score on the same rows — by their identities when both looks recorded them (a renamed
    experiment, or the same study reported in another language, scoring them again), else by
    the holdout's key."""
    for i in ledger.distinct():
        earlier = ledger.looks[i]
        same_rows = (
            earlier.digest == look.digest
            if earlier.digest and look.digest
            else earlier.key == look.key and earlier.digest == look.digest
        )
        if (
            same_rows
            and earlier.spec_hash == look.spec_hash
            and round(earlier.score, 6) == round(look.score, 6)
        ):
            return i
    return None


def _legacy_looks(legacy: Path | None, folder: Path) -> list[Look]:
    """The distinct looks of an older per-experiment ledger (none when it is this one)."""
    if legacy is None or legacy.resolve() == folder.resolve():
        return []
    old = read_ledger(legacy)
    return [old.looks[i] for i in old.distinct()]


def _write(folder: Path, ledger: Ledger) -> None:
    atomic_write(folder / LEDGER_FILE, ledger.model_dump_json(indent=2) + "\n")


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
