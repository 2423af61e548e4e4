"""The runs of a study: the run directories in its folder (`runs/<experiment>/<time>`) and the
runs its holdout ledger names elsewhere (a run started with `--run-dir`), oldest first. Not
the re-runs `workbench verify` makes inside a run's own directory: they check a run, they are
not a step of the study.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.store.holdout_ledger import study_ledger
from workbench.store.run_directory import Run, read_mapping

SITE_FOLDER = "site"  # the study's site, beside its run directories (`workbench.site`)


def study_runs(folder: Path) -> list[Run]:
    """Every run of the study whose folder is `folder`, in the order they were started."""
    folder = folder.resolve()
    found = {p.resolve() for p in folder.iterdir() if (p / "manifest.json").is_file()}
    for look in study_ledger(folder, folder.name).looks:
        path = (folder / look.run).resolve()
        if (path / "manifest.json").is_file():
            found.add(path)
    # a run inside another run's directory is a `verify` re-run of it
    kept = [p for p in found if not any(p != q and p.is_relative_to(q) for q in found)]
    runs = [Run(p) for p in kept]
    return sorted(runs, key=lambda r: (str(r.manifest().get("started_at", "")), r.dir.name))


def spec_copy(run: Run) -> dict[str, Any]:
    """The spec the run was started with, as a mapping (its copy in `inputs/`; empty when the
    run has none)."""
    return read_mapping(run.dir / "inputs" / "spec.yaml")
