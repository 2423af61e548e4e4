"""Experiment tracking: `workbench promote RUN_DIR --mlflow URI` logs the run to MLflow and
registers a pyfunc model that loads without pickle and scores like the run's own model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_promotion import fake_run, raw_rows

from workbench.errors import BadInput
from workbench.handoff.promotion import promote
from workbench.handoff.tracking import check, display_uri, track
from workbench.store.model_files import load_model

mlflow = pytest.importorskip("mlflow")


@pytest.fixture(autouse=True)
def _own_tracking_uri(tmp_path, monkeypatch):
    """MLflow's default store is a file in the working directory: keep tests out of it."""
    monkeypatch.chdir(tmp_path)
    yield
    mlflow.set_tracking_uri(None)


PICKLE_SUFFIXES = {".pkl", ".pickle", ".cloudpickle", ".joblib"}


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def no_pickle_in(folder: Path) -> list[Path]:
    """Files that are pickles, by name or by their first bytes (protocol 2 and later)."""
    found = []
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        head = p.read_bytes()[:2]
        if p.suffix in PICKLE_SUFFIXES or (
            len(head) == 2 and head[0] == 0x80 and 2 <= head[1] <= 5
        ):
            found.append(p)
    return found


def logged_model_dir(store: Path) -> Path:
    models = [p.parent for p in (store / "mlartifacts").rglob("MLmodel")]
    assert len(models) == 1, models
    return models[0]


def test_display_uri_hides_credentials():
    assert display_uri("https://ana:s3cret@mlflow.example.com/x") == "https://mlflow.example.com/x"
    assert display_uri("https://mlflow.example.com:5000") == "https://mlflow.example.com:5000"
    assert display_uri("sqlite:///tmp/mlflow.db") == "sqlite:///tmp/mlflow.db"


def test_round_trip_on_a_small_run(tmp_path):
    """Promote with tracking, then load the registered model by its registry URI and score the
    holdout rows as a client would send them: the run's own model's probabilities, to 1e-9."""
    run_dir = fake_run(tmp_path)
    package = promote(run_dir, tmp_path / "pkg")
    uri = f"sqlite:///{tmp_path / 'store' / 'mlflow.db'}"
    (tmp_path / "store").mkdir()
    tracked = track(run_dir, package, uri, model="fake_model")
    assert tracked.model_uri == "models:/fake_model/1"

    mlflow.set_tracking_uri(uri)  # as an engineer would: the registry's URI, then the model's
    loaded = mlflow.pyfunc.load_model(tracked.model_uri)
    test = raw_rows(run_dir, "test").drop(columns=["status", "email"])
    scored = loaded.predict(test)
    candidate = load_model(run_dir / "models" / "candidate.skops")
    snapshot = pd.read_parquet(run_dir / "data" / "snapshot.parquet")
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    expected = candidate.predict_proba(snapshot.loc[part == "test", candidate.feature_names_in_])
    assert list(scored.columns) == ["p_good", "p_bad"]
    np.testing.assert_allclose(scored.to_numpy(), expected, rtol=0, atol=1e-9)

    model_dir = logged_model_dir(tmp_path / "store")
    assert not no_pickle_in(model_dir)
    assert (model_dir / "pyfunc_model.py").exists()
    assert (model_dir / "artifacts" / "model.skops").exists()

    client = mlflow.tracking.MlflowClient(tracking_uri=uri)
    run = client.get_run(tracked.run_id)
    assert run.data.metrics["holdout.candidate.roc_auc"] == pytest.approx(0.81)
    assert run.data.metrics["holdout.candidate.roc_auc.ci_low"] == pytest.approx(0.76)
    assert run.data.metrics["holdout.lift.roc_auc.ci_high"] == pytest.approx(0.09)
    assert run.data.params["model.max_depth"] == "3" and run.data.params["seed"] == "7"
    assert run.data.tags["workbench.recommendation"] == "build_with_conditions"
    logged = {f.path for f in client.list_artifacts(tracked.run_id, "promotion")}
    assert {"promotion/READINESS.md", "promotion/model.skops", "promotion/score.py"} <= logged
    assert [f.path for f in client.list_artifacts(tracked.run_id, "contract")] == [
        "contract/contract.yaml"
    ]


def test_a_refused_type_is_not_loaded(tmp_path):
    """The pyfunc loads the skops file with the workbench's allow-list, not with trust-all."""
    run_dir = fake_run(tmp_path)
    package = promote(run_dir, tmp_path / "pkg")
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    tracked = track(run_dir, package, uri, model="fake_model")
    allow = logged_model_dir(tmp_path) / "artifacts" / "trusted_types.json"
    allow.write_text("[]")  # as if the file held types the workbench never writes
    mlflow.set_tracking_uri(uri)
    with pytest.raises(Exception, match="types the workbench does not produce"):
        mlflow.pyfunc.load_model(tracked.model_uri)


def test_unreachable_server_is_bad_input_before_anything_is_written(tmp_path):
    run_dir = fake_run(tmp_path)
    with pytest.raises(BadInput, match="cannot be reached"):
        check("http://127.0.0.1:9")  # nothing listens on the discard port
    done = cli("promote", run_dir, "--out", tmp_path / "pkg", "--mlflow", "http://u:pw@127.0.0.1:9")
    assert done.returncode == 2, done.stderr
    assert "cannot be reached" in done.stderr and "127.0.0.1:9" in done.stderr
    assert "pw" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "pkg").exists()


def test_missing_mlflow_is_bad_input(tmp_path):
    run_dir = fake_run(tmp_path)
    shadow = tmp_path / "shadow" / "mlflow"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named mlflow')\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(shadow.parent)}
    done = cli("promote", run_dir, "--mlflow", f"sqlite:///{tmp_path / 'm.db'}", env=env)
    assert done.returncode == 2, done.stderr
    assert "MLflow is not installed" in done.stderr and "--extra mlflow" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (run_dir / "promotion").exists()


@pytest.mark.slow
def test_real_run_round_trip_through_the_registry(finished_run, tmp_path):
    """The done-when of experiment tracking: promote a real study with --mlflow, load the
    registered model and score the holdout rows with it, reproducing the evaluation stage's
    saved predictions."""
    run_dir = finished_run.run_dir
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    done = cli("promote", run_dir, "--out", tmp_path / "pkg", "--mlflow", uri)
    assert done.returncode == 0, done.stderr
    assert "models:/credit/1" in done.stdout

    frame = pd.read_csv(finished_run.data)  # the client's file, as read
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    holdout = pd.read_parquet(run_dir / "predictions" / "holdout.parquet")
    expected = holdout[[c for c in holdout.columns if c.startswith("candidate_p")]].to_numpy()
    mlflow.set_tracking_uri(uri)
    scored = mlflow.pyfunc.load_model("models:/credit/1").predict(frame.loc[part == "test"])
    np.testing.assert_allclose(scored.to_numpy(), expected, rtol=0, atol=1e-9)

    assert not no_pickle_in(logged_model_dir(tmp_path))
    client = mlflow.tracking.MlflowClient(tracking_uri=uri)
    run_id = client.get_model_version("credit", "1").run_id
    names = {f.path for f in client.list_artifacts(run_id, "report")}
    assert names == {"report/report.html", "report/report.pdf"}
    metrics = client.get_run(run_id).data.metrics
    assert "review.error_in" in metrics and "cost.latency_ms_p95" in metrics
    assert "cv.tuned.roc_auc.ci_low" in metrics


def test_long_spec_values_are_shortened_to_what_mlflow_accepts(tmp_path):
    from types import SimpleNamespace

    from workbench.handoff.tracking_data import PARAM_CHARS, params

    query = "SELECT " + ", ".join(f"column_{i}" for i in range(2_000)) + " FROM t"
    spec = {"name": "t", "data": {"sql": {"query": query}}, "reviewer_notes": {"a.b": "x" * 9}}
    tuning = SimpleNamespace(family="xgboost", params={"max_depth": 3})
    out = params(SimpleNamespace(spec=spec, tuning=tuning))
    assert len(out["data.sql.query"]) == PARAM_CHARS and out["data.sql.query"].endswith("…")
    assert out["reviewer_notes.a.b"] == "x" * 9 and out["model.max_depth"] == "3"
