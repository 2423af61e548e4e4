"""The run directory: where a run's results, figures, notebooks, logs and manifest live.

Every file is written atomically (temporary file in the same folder, then rename), so a run
killed at any moment never leaves a half-written result that reads as finished.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from workbench.errors import RunLocked

# a SQL source frozen into the run directory: its rows, and the record of the read
SOURCE_SNAPSHOT = "data/source.parquet"
SOURCE_RECORD = "data/source.json"
# the tuning storage URL (it may hold a password): it travels by environment, never by file
STORAGE_ENV = "WORKBENCH_TUNING_STORAGE"

M = TypeVar("M", bound=BaseModel)
TRACKED_PACKAGES = [
    "pandas",
    "numpy",
    "scikit-learn",
    "xgboost-cpu",
    "optuna",
    "fairlearn",
    "shap",
    "pandera",
    "pydantic",
    "matplotlib",
    "papermill",
    "skops",
]


def atomic_write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data.encode() if isinstance(data, str) else data)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML mapping the workbench wrote (a run's copies of the spec and contract); {} when
    the file is absent (runs of older versions) or holds no mapping. Parsed with libyaml's
    safe loader where PyYAML has it: the same values as `yaml.safe_load`, several times
    faster, which counts where every run of a study is read (the site, the report)."""
    import yaml

    if not path.is_file():
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data if isinstance(data, dict) else {}


def to_json(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=False, ensure_ascii=False, allow_nan=True) + "\n"


class Run:
    """Paths and bookkeeping of one run directory."""

    def __init__(self, directory: str | Path) -> None:
        self.dir = Path(directory).resolve()

    # -- layout -------------------------------------------------------------------------------
    @property
    def results(self) -> Path:
        return self.dir / "results"

    @property
    def figures(self) -> Path:
        return self.dir / "figures"

    @property
    def notebooks(self) -> Path:
        return self.dir / "notebooks"

    @property
    def logs(self) -> Path:
        return self.dir / "logs"

    @property
    def snapshot(self) -> Path:
        return self.dir / "data" / "snapshot.parquet"

    @property
    def split_file(self) -> Path:
        return self.dir / "data" / "split.parquet"

    @property
    def manifest_path(self) -> Path:
        return self.dir / "manifest.json"

    def create(self) -> None:
        for d in [self.results, self.figures, self.notebooks, self.logs, self.dir / "data"]:
            d.mkdir(parents=True, exist_ok=True)

    # -- results ------------------------------------------------------------------------------
    def result_path(self, name: str) -> Path:
        return self.results / f"{name}.json"

    def save_result(self, name: str, result: BaseModel) -> Path:
        path = self.result_path(name)
        atomic_write(path, result.model_dump_json(indent=2) + "\n")
        return path

    def load_result(self, name: str, model: type[M]) -> M:
        return model.model_validate_json(self.result_path(name).read_text())

    def has_result(self, name: str) -> bool:
        return self.result_path(name).exists()

    def save_figure(self, fig: Any, name: str) -> str:
        """Save a matplotlib figure as PNG; return its path relative to the run directory."""
        import io

        buf = io.BytesIO()
        fig.savefig(
            buf, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None}
        )  # no version stamp: same run, same bytes
        atomic_write(self.figures / f"{name}.png", buf.getvalue())
        import matplotlib.pyplot as plt

        plt.close(fig)
        return f"figures/{name}.png"

    # -- manifest -----------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.exists():
            return {}
        return json.loads(self.manifest_path.read_text())

    def update_manifest(self, **fields: Any) -> dict[str, Any]:
        data = self.manifest()
        for key, value in fields.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key].update(value)
            else:
                data[key] = value
        atomic_write(self.manifest_path, to_json(data))
        return data

    # -- lock ---------------------------------------------------------------------------------
    @property
    def lock_path(self) -> Path:
        return self.dir / ".lock"

    def acquire(self) -> None:
        """Take the run's lock; refuse when a live process holds it (a dead one's is taken over).
        The lock appears with its holder's number already in it (a hard link to a written file),
        so no other process can find it empty and take it for a dead one's."""
        self.dir.mkdir(parents=True, exist_ok=True)
        claim = self.dir / f".lock.{os.getpid()}"
        claim.write_text(str(os.getpid()))
        try:
            while True:
                try:
                    os.link(claim, self.lock_path)
                    return
                except FileExistsError:
                    self.refuse_if_in_use()
                    self.lock_path.unlink(missing_ok=True)
        finally:
            claim.unlink(missing_ok=True)

    def refuse_if_in_use(self) -> None:
        """Raise RunLocked when another live process holds the run's lock."""
        holder = _read_pid(self.lock_path)
        if holder and holder != os.getpid() and _alive(holder):
            raise RunLocked(
                f"the run directory is in use by process {holder}",
                file=str(self.dir),
                fix="wait for that run to finish, or choose another --run-dir",
            )

    def release(self) -> None:
        if _read_pid(self.lock_path) == os.getpid():
            self.lock_path.unlink(missing_ok=True)


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def environment_facts(project_dir: Path) -> dict[str, Any]:
    """What the manifest records about the code and machine that produced a run."""
    packages = {}
    for name in TRACKED_PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "git_revision": _git_revision(project_dir),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "packages": packages,
    }


def _git_revision(where: Path) -> str | None:
    code_dir = Path(__file__).resolve().parents[2]
    for d in [code_dir, where]:
        try:
            out = subprocess.run(
                ["git", "-C", str(d), "rev-parse", "HEAD"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0:
            dirty = subprocess.run(
                ["git", "-C", str(d), "status", "--porcelain", "-uno"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
            return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    return None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
