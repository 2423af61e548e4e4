"""Where a run's tuning study lives and what it is called: an Optuna journal file inside the run
directory, or the shared storage whose URL the CLI put in the environment (`--storage`), so
that workers on other machines can join. Plain names and URLs: nothing here imports Optuna or a
model library at import time, so the command line can announce a study while the stage kernel
runs it.

The journal file (an append-only log of the study's operations) replaced SQLite as the run's
own storage: opening SQLite through Optuna's database layer set up its schema in 1 to 2 s of
every run's tuning (SQLAlchemy and Alembic imported, tables created, about 30 commits a trial),
where the journal opens in milliseconds and is as safe against a killed run (each operation is
appended whole, under a lock). A run made before keeps its `tuning/study.db` and resumes in it."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

from workbench.store.run_directory import STORAGE_ENV

PROGRESS_ATTR = "confirming"  # the study's user attribute saying what the confirmation check does


JOURNAL = "journal:///"  # the run's own journal file: this module's scheme, not Optuna's
SQLITE = "sqlite:///"


def sqlite_url(path: Path) -> str:
    return f"{SQLITE}{path}"


def journal_url(path: Path) -> str:
    return f"{JOURNAL}{path}"


def local_file(url: str) -> Path | None:
    """The file of a run's own storage (journal or SQLite), else None (a server)."""
    for scheme in (JOURNAL, SQLITE):
        if url.startswith(scheme):
            return Path(url[len(scheme) :])
    return None


def open_storage(url: str):
    """The Optuna storage behind a URL: the run's journal file, SQLite written in write-ahead
    mode without waiting for the disk at every commit (a run made before the journal), or any
    URL Optuna opens itself (a shared server). A killed run loses nothing it wrote, so
    `--resume` finds every finished trial."""
    import optuna

    if url.startswith(JOURNAL):
        from optuna.storages.journal import JournalFileBackend

        return optuna.storages.JournalStorage(JournalFileBackend(url[len(JOURNAL) :]))
    if url.startswith(SQLITE):
        import functools

        return optuna.storages.RDBStorage(
            url,
            engine_kwargs={"creator": functools.partial(_sqlite_connection, url[len(SQLITE) :])},
        )
    return url


def mend_journal(url: str) -> None:
    """Make the run's own journal whole again after a kill, before the stage reopens it (the
    run's lock guarantees no other process writes it): a lock file left by a process killed
    while appending is removed (else Optuna waits 30 s for it to go stale), and a last entry cut
    off mid-line is dropped (else the next entry, appended after it, makes the log unreadable).
    Every entry before it is whole: each is written and synced to disk at once."""
    if not url.startswith(JOURNAL):
        return
    path = Path(url[len(JOURNAL) :])
    Path(f"{path}.lock").unlink(missing_ok=True)
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as f:
        data = f.read()
        if not data.endswith(b"\n"):
            f.truncate(data.rfind(b"\n") + 1)


def _sqlite_connection(path: str):
    import sqlite3

    connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def shown_storage(url: str, shared: bool, run_dir: Path) -> str:
    """The storage as a manifest or the report shows it: a server's URL without its password,
    the run's own file relative to the run directory."""
    if shared:
        return redact(url)
    path = local_file(url)
    kind = "journal" if url.startswith(JOURNAL) else "sqlite"
    try:
        return f"{kind}:{path.relative_to(run_dir).as_posix()}"
    except ValueError:
        return f"{kind}:{path.name}"


def redact(url: str) -> str:
    """A storage URL fit for a manifest or a report: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a SQLAlchemy URL (e.g. a journal file path): show only its kind
        return url.split(":", 1)[0] + ":…"


def storage_url(run_dir: Path) -> tuple[str, bool]:
    """The study's storage and whether it is shared: the URL the CLI put in the environment
    (--storage), else the journal file inside the run directory (or the SQLite file of a run
    made before the journal, which resumes where it stopped)."""
    url = os.environ.get(STORAGE_ENV)
    if url:
        return url, True
    (run_dir / "tuning").mkdir(parents=True, exist_ok=True)
    legacy = run_dir / "tuning" / "study.db"
    if legacy.exists():
        return sqlite_url(legacy), False
    return journal_url(run_dir / "tuning" / "study.journal"), False


def study_name_for(experiment: str, family: str, run_dir: Path, shared: bool) -> str:
    """A run's own study needs no run id in its name; on a shared server the name also
    carries a digest of the run directory's path, so two runs never share a study (and a
    resumed run finds its own)."""
    if not shared:
        return f"{experiment}-{family}"
    digest = hashlib.sha256(str(Path(run_dir).resolve()).encode()).hexdigest()[:8]
    return f"{experiment}-{run_dir.name}-{digest}-{family}"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"
