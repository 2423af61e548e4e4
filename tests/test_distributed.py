"""Tuning across machines: a study in PostgreSQL, two workers joining it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import optuna
import pytest

import synth
from conftest import make_project
from workbench.science.search import FINISHED
from workbench.store.tuning_study import study_name_for


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_join_one_study_and_the_result_is_recorded_once(tmp_path, postgres_url):
    spec = make_project(
        tmp_path,
        synth.applicants(400),
        "status",
        edits={"trials: 4": "trials: 32", "minutes: 2": "minutes: 4"},
    )
    run_dir = tmp_path / "run"
    secret = "s3cr3t-pw-4711"
    url = postgres_url.replace("postgres@", f"postgres:{secret}@")  # trust auth ignores it
    env = {**os.environ, "WORKBENCH_TUNING_STORAGE": url}
    name = study_name_for("study", "xgboost", run_dir, shared=True)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "workbench", "worker", "--study", name, "--wait", "300"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        main = subprocess.run(
            [sys.executable, "-m", "workbench", "tune", str(spec), "--run-dir", str(run_dir)],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert main.returncode == 0, main.stderr
        results = [w.communicate(timeout=300) for w in workers]
    finally:
        for w in workers:
            w.kill()
    for w, (_out, err) in zip(workers, results, strict=True):
        assert w.returncode == 0, err
        assert "Traceback" not in err
    study = optuna.load_study(study_name=name, storage=postgres_url)
    trials = study.get_trials(deepcopy=False, states=FINISHED)
    by_worker: dict[str, int] = {}
    for t in trials:
        by_worker[t.user_attrs["worker"]] = by_worker.get(t.user_attrs["worker"], 0) + 1
    assert len(by_worker) == 3, by_worker  # the run itself and both workers contributed
    assert len(trials) >= 32
    assert len(list((run_dir / "results").glob("tuning*.json"))) == 1
    tuning = json.loads((run_dir / "results" / "tuning.json").read_text())
    assert tuning["params"] == study.best_params
    assert tuning["storage"].startswith("postgresql+psycopg://postgres:***@")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["holdout_scored"] == 1
    # the password lives only in the environment: no file of the run holds it
    for path in run_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
