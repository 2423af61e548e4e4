"""Where a run's tuning study lives and what it is called: SQLite inside the run directory, or
the shared storage whose URL the CLI put in the environment (`--storage`), so that workers on
other machines can join. Plain names and URLs: nothing here imports Optuna or a model library,
so the command line can announce a study while the stage kernel runs it."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

from workbench.store.run_directory import STORAGE_ENV

PROGRESS_ATTR = "confirming"  # the study's user attribute saying what the confirmation check does


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def redact(url: str) -> str:
    """A storage URL fit for a manifest or a report: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a SQLAlchemy URL (e.g. a journal file path): show only its kind
        return url.split(":", 1)[0] + ":…"


def storage_url(run_dir: Path) -> tuple[str, bool]:
    """The study's storage and whether it is shared: the URL the CLI put in the environment
    (--storage), else SQLite inside the run directory."""
    url = os.environ.get(STORAGE_ENV)
    if url:
        return url, True
    (run_dir / "tuning").mkdir(parents=True, exist_ok=True)
    return sqlite_url(run_dir / "tuning" / "study.db"), False


def study_name_for(experiment: str, family: str, run_dir: Path, shared: bool) -> str:
    """A run's own SQLite study needs no run id in its name; on a shared server the name also
    carries a digest of the run directory's path, so two runs never share a study (and a
    resumed run finds its own)."""
    if not shared:
        return f"{experiment}-{family}"
    digest = hashlib.sha256(str(Path(run_dir).resolve()).encode()).hexdigest()[:8]
    return f"{experiment}-{run_dir.name}-{digest}-{family}"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"
