"""Interrupted, failing and concurrent runs: nothing lost, nothing cryptic."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import synth
from conftest import make_project
from workbench.store.layout import STAGES, FinishedRun, comparable

RESULTS = [s.name for s in STAGES]


def start(spec: Path, run_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "run", str(spec), "--run-dir", str(run_dir), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finished_trials(journal: Path) -> dict[int, float | None]:
    """The study's finished trials, read as the CLI's progress watcher reads them."""
    import optuna

    from workbench.store.tuning_study import journal_url, open_storage

    if not journal.exists() or journal.stat().st_size == 0:
        return {}
    try:
        study = optuna.load_study(study_name=None, storage=open_storage(journal_url(journal)))
    except (ValueError, KeyError):  # the study not created yet
        return {}
    done = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)
    return {t.number: t.value for t in study.get_trials(deepcopy=False, states=done)}


def running(run_dir: Path, stage) -> bool:
    """The stage's notebook has started and its result is not written yet."""
    started = (run_dir / "notebooks" / stage.notebook).exists()
    return started and not (run_dir / "results" / f"{stage.name}.json").exists()


@pytest.mark.slow
def test_sigkill_in_every_stage_then_resume(tmp_path):
    """Kill the run (CLI and kernel) with SIGKILL inside each stage in turn, resuming each time:
    finished stages keep their results byte for byte, the killed stage is redone, and the
    tuning study keeps every trial finished before its kill."""
    spec = make_project(tmp_path, synth.applicants(500), "status", edits={"trials: 4": "trials: 6"})
    run_dir = tmp_path / "run"
    db = run_dir / "tuning" / "study.journal"
    kept: dict[str, bytes] = {}
    trials_at_kill: dict[int, float | None] = {}
    for i, stage in enumerate(STAGES):
        proc = start(spec, run_dir, *(["--resume"] if i else []))
        deadline = time.time() + 300
        while time.time() < deadline and proc.poll() is None:
            ready = running(run_dir, stage)
            if stage.name == "tuning":  # kill with finished trials in the study
                ready = ready and len(finished_trials(db)) >= 2
            if ready:
                break
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert not (run_dir / "results" / f"{stage.name}.json").exists(), (
            f"{stage.name} ended before the kill"
        )
        for name, data in kept.items():
            assert (run_dir / "results" / f"{name}.json").read_bytes() == data, f"{name} was re-run"
        kept = {n: (run_dir / "results" / f"{n}.json").read_bytes() for n in RESULTS[:i]}
        if stage.name == "tuning":
            trials_at_kill = finished_trials(db)
    final = start(spec, run_dir, "--resume")
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    for name, data in kept.items():
        assert (run_dir / "results" / f"{name}.json").read_bytes() == data, f"{name} was re-run"
    trials = finished_trials(db)
    assert len(trials_at_kill) >= 2 and {n: trials[n] for n in trials_at_kill} == trials_at_kill
    assert len(trials) == 6  # the budget, counted over the killed and the resumed sessions
    tuning = json.loads((run_dir / "results" / "tuning.json").read_text())
    assert tuning["trials_completed"] + tuning["trials_pruned"] == 6
    assert (run_dir / "report.pdf").exists() and not list(run_dir.rglob("*.tmp"))


@pytest.mark.slow
def test_concurrent_runs_do_not_interfere_and_give_identical_results(tmp_path):
    spec = make_project(tmp_path, synth.applicants(400), "status")
    a, b = tmp_path / "runs" / "a", tmp_path / "runs" / "b"
    procs = [start(spec, a), start(spec, b)]
    # a third run into a directory in use is refused, without touching it; the first run is
    # paused meanwhile, so that on a busy machine it cannot finish before the third one asks
    while not (a / ".lock").exists():
        time.sleep(0.05)
    procs[0].send_signal(signal.SIGSTOP)
    try:
        refused = subprocess.run(
            [sys.executable, "-m", "workbench", "run", str(spec), "--run-dir", str(a), "--resume"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        procs[0].send_signal(signal.SIGCONT)
    assert (
        refused.returncode == 2
        and "in use by process" in refused.stderr
        and "Traceback" not in refused.stderr
    )
    for p in procs:
        _out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
    for name in [*RESULTS, "checklist", "readiness", "decision"]:
        # same spec, data and seed: identical results, but for the fields measuring the machine
        same = [comparable(getattr(FinishedRun.read(d), name)) for d in (a, b)]
        assert same[0] == same[1], name
    assert (a / "tuning" / "study.journal").exists() and (b / "tuning" / "study.journal").exists()
    assert not (a / ".lock").exists() and not (b / ".lock").exists()
    # nothing pickle-based anywhere in a run directory
    assert not [p for p in a.rglob("*") if p.suffix in {".pkl", ".pickle", ".joblib"}]


def test_resuming_a_run_just_begun_elsewhere_says_it_is_in_use(tmp_path):
    # the other run holds the lock but has not written its manifest yet
    spec = make_project(tmp_path, synth.applicants(200), "status")
    begun = tmp_path / "runs" / "a"
    begun.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (begun / ".lock").write_text(str(holder.pid))
        refused = subprocess.run(
            [sys.executable, "-m", "workbench", "run", str(spec), "--run-dir", str(begun),
             "--resume"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        holder.kill()
        holder.wait()
    assert refused.returncode == 2 and f"in use by process {holder.pid}" in refused.stderr
    assert sorted(p.name for p in begun.iterdir()) == [".lock"]


def rerun_tuning(spec: Path, run_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "run",
            str(spec),
            "--run-dir",
            str(run_dir),
            "--stage",
            "tuning",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_failing_stage_keeps_its_notebook_exits_3_and_resumes_after_the_fix(finished_run, tmp_path):
    spec, run_dir = finished_run.spec, tmp_path / "run"
    shutil.copytree(finished_run.run_dir, run_dir)  # a finished run of our own to break
    baselines = run_dir / "results" / "baselines.json"
    good = baselines.read_bytes()
    baselines.write_text('{"metric": "roc_auc"}')  # a damaged result the tuning stage reads
    failed = rerun_tuning(spec, run_dir)
    assert failed.returncode == 3, failed.stderr
    assert "Traceback" not in failed.stderr
    message = " ".join(failed.stderr.split())
    assert "stage 'tuning' failed" in message and "04_tuning.ipynb" in message
    assert 'result = run_and_save("tuning", ctx, run)' in message and "--resume" in message
    notebook = json.loads((run_dir / "notebooks" / "04_tuning.ipynb").read_text())
    assert any(
        o.get("output_type") == "error" for c in notebook["cells"] for o in c.get("outputs", [])
    )
    baselines.write_bytes(good)
    fixed = rerun_tuning(spec, run_dir)
    assert fixed.returncode == 0, fixed.stderr
