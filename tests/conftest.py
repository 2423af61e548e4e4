from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("MPLBACKEND", "Agg")
# One native thread per test process, as in the stage kernels: with a test worker per core, a
# second OpenMP/BLAS thread makes in-process fits 10 to 50 times slower (the whole leakage
# battery went from 2 s to 2 min). Set before numpy and scikit-learn are imported.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# With one test process per core (`-n auto`), each process (and the runs it starts) has one
# core: folds side by side in threads would otherwise put two fits on each core.
if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
    workers = int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
    os.environ.setdefault("WORKBENCH_CORES", str(max(1, (os.cpu_count() or 1) // workers)))

import synth
from grouping import pytest_collection_modifyitems  # noqa: F401  (a hook)
from workbench.inputs.scaffold import scaffold

FAST_TUNING = {
    "# trials: 30": "trials: 4",
    "# minutes: 1.5": "minutes: 2",
    "cv_folds: 5": "cv_folds: 3",
}


def make_project(
    root: Path, frame, target: str, name: str = "study", edits: dict | None = None, **init
) -> Path:
    """A project folder with data/<name>.csv, and the spec and contract `workbench init` writes
    for it (with a small tuning budget). Returns the spec path."""
    data = root / "data" / f"{name}.csv"
    data.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(data, index=False)
    made = scaffold(
        data,
        frame,
        target,
        name=name,
        task=init.pop("task", None),
        out_dir=root,
        time_column=init.pop("time_column", None),
        group_column=init.pop("group_column", None),
        sensitive=init.pop("sensitive", []),
        pii=init.pop("pii", []),
        force=False,
        timing=init.pop("timing", None),
        ask=init.pop("ask", None),
    )
    spec = made.spec_path
    text = spec.read_text()
    for old, new in {**FAST_TUNING, **(edits or {})}.items():
        assert old in text or old not in FAST_TUNING, f"the scaffold has no {old!r} any more"
        text = text.replace(old, new)
    spec.write_text(text)
    return spec


@pytest.fixture
def project(tmp_path):
    return tmp_path


@pytest.fixture
def applicants():
    return synth.applicants()


def staged_run(root: Path, frame, target: str, stages: list[str], run_name: str = "run", **project):
    """A run directory with `stages` executed in this process (no notebooks): fast set-up for
    tests of one stage. Returns (context, run)."""
    from workbench.engine.runner import start_run
    from workbench.inputs.context import load_context
    from workbench.judge.candidate import choose_candidate
    from workbench.stages import run_and_save

    spec = root / "experiments" / "study.yaml"
    if not spec.exists():
        spec = make_project(root, frame, target, **project)
    ctx = load_context(spec)
    run = start_run(ctx, root / run_name, resume=False, stage=None)
    try:
        for name in stages:
            run_and_save(name, ctx, run)
            if name == "tuning":  # as the tuning notebook does: a forecast's candidate
                choose_candidate(run)
    finally:
        run.release()
    return ctx, run


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server on loopback for the whole session (skipped only outside CI when the
    server binaries are not installed)."""
    import pg

    if pg.binaries() is None:
        if os.environ.get("CI"):
            pytest.fail(
                "PostgreSQL server binaries are missing: .ci/run should have installed them"
            )
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    server = pg.Server()
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(scope="session")
def finished_run(tmp_path_factory):
    """One real study through the CLI, shared by the end-to-end tests that only read it:
    `workbench init` on a CSV with planted e-mail addresses (PII) and a sensitive column, a
    small tuning budget, then `workbench run` from another working directory."""
    import subprocess
    from types import SimpleNamespace

    root = tmp_path_factory.mktemp("finished")
    frame = synth.applicants(500)
    frame["email"] = [f"applicant{i}@client-bank.com" for i in range(len(frame))]
    data = root / "extract.csv"
    frame.to_csv(data, index=False)
    before = data.read_bytes()
    cli = [sys.executable, "-m", "workbench"]
    init = subprocess.run(
        [
            *cli,
            "init",
            str(data),
            "--target",
            "status",
            "--name",
            "credit",
            "--sensitive",
            "age",
            "--dir",
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    spec = root / "experiments" / "credit.yaml"
    text = spec.read_text()
    for old, new in FAST_TUNING.items():
        assert old in text, f"the scaffold has no {old!r} any more"
        text = text.replace(old, new)
    spec.write_text(text)
    run_dir = root / "runs" / "first"
    done = subprocess.run(
        [*cli, "run", str(spec), "--run-dir", str(run_dir)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=root / "data_contracts",
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return SimpleNamespace(
        root=root, spec=spec, data=data, data_bytes=before, frame=frame, run_dir=run_dir, done=done
    )
