"""Experiment tracking: a promoted run handed to an MLflow tracking server.

`track(run_dir, package, uri)` logs the run's parameters (spec and tuned hyperparameters), its
metrics with their 95% intervals, the report, the data contract, the results files and the
promotion package, and registers the model as a pyfunc that loads without pickle: MLflow
stores workbench/pyfunc_model.py as the model's code and the skops file as its artifact.

MLflow is an optional extra (`uv sync --extra mlflow`); the URI is any MLflow tracking URI —
`sqlite:///mlflow.db` on one machine, `https://mlflow.example.com` for a team's server, with
credentials from MLflow's own environment variables, never from the spec.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from workbench.errors import BadInput
from workbench.handoff.tracking_data import metrics, params, tags
from workbench.store.layout import FinishedRun
from workbench.store.model_files import TRUSTED

MODEL_CODE = Path(__file__).with_name("pyfunc_model.py")
# what the pyfunc needs where it is loaded: distribution names, pinned to this environment's
REQUIREMENTS = ["mlflow-skinny", "skops", "scikit-learn", "xgboost-cpu", "pandas", "numpy", "scipy"]


@dataclass
class Tracked:
    tracking_uri: str  # without credentials
    experiment_id: str
    run_id: str
    model_name: str
    model_version: str

    @property
    def model_uri(self) -> str:
        return f"models:/{self.model_name}/{self.model_version}"


def display_uri(uri: str) -> str:
    """The URI fit for a terminal or a file: no user name or password."""
    parts = urlsplit(uri)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return uri


def require_mlflow():
    try:
        import mlflow
    except ImportError:
        raise BadInput(
            "MLflow is not installed, so the run cannot be logged to a tracking server",
            field="--mlflow",
            fix="install the optional extra (`uv sync --extra mlflow`, or "
            "`pip install 'discovery-workbench[mlflow]'`), or leave out --mlflow",
        ) from None
    return mlflow


@contextlib.contextmanager
def _settings():
    """An unreachable server should fail in seconds, not after MLflow's default retries, and
    the logged model carries its own pins — unless the user set these variables themselves.
    MLflow's own INFO logs and environment warnings stay off the terminal."""
    keys = {
        "MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0",
        "MLFLOW_HTTP_REQUEST_TIMEOUT": "15",
        # MLflow copies the uv.lock of whatever folder it runs in; the pins below are the model's
        "MLFLOW_LOG_UV_FILES": "false",
        "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR": "false",
    }
    added = [k for k in keys if k not in os.environ]
    os.environ.update({k: keys[k] for k in added})
    log = logging.getLogger("mlflow")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)
        for k in added:
            os.environ.pop(k, None)


def _unreachable(uri: str, exc: Exception) -> BadInput:
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    detail = re.sub(r"(\w+://)[^/@\s]+@", r"\1", detail)  # no credentials in a message
    return BadInput(
        f"the MLflow tracking server at {display_uri(uri)} cannot be reached or used "
        f"({type(exc).__name__}: {detail})",
        field="--mlflow",
        fix="check the URI and that the server is up (`sqlite:///PATH.db` for a local store); "
        "credentials go in MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD or "
        "MLFLOW_TRACKING_TOKEN, never in the spec",
    )


def _experiment(client, uri: str, name: str) -> str:
    found = client.get_experiment_by_name(name)
    if found is not None:
        return found.experiment_id
    location = None
    if uri.startswith("sqlite:///"):  # keep a local store's artifacts beside its database
        db = Path(uri[len("sqlite:///") :]).expanduser().resolve()
        location = (db.parent / "mlartifacts").as_uri()
    return client.create_experiment(name, artifact_location=location)


def check(uri: str) -> None:
    """Fail early, with BadInput, when MLflow is missing or the store at `uri` cannot be used."""
    require_mlflow()
    from mlflow.tracking import MlflowClient

    with _settings():
        try:
            MlflowClient(tracking_uri=uri, registry_uri=uri).search_experiments(max_results=1)
        except Exception as exc:  # any failure to reach or open the store
            raise _unreachable(uri, exc) from None


def track(
    run_dir: Path, package: Path, uri: str, experiment: str | None = None, model: str | None = None
) -> Tracked:
    """Log the finished run `run_dir` and its promotion package `package` to the tracking
    server at `uri`, and register its model. Raises BadInput when MLflow is missing or the
    server cannot be reached."""
    mlflow = require_mlflow()
    from mlflow.tracking import MlflowClient

    run_dir, package = Path(run_dir).resolve(), Path(package).resolve()
    finished = FinishedRun.read(run_dir)
    name = experiment or finished.spec.get("name") or run_dir.parent.name
    with _settings():
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        try:
            exp_id = _experiment(client, uri, name)
        except Exception as exc:  # any failure to reach or open the store
            raise _unreachable(uri, exc) from None
        try:
            tracked = _log(client, finished, package, exp_id, model or name)
        except (mlflow.exceptions.MlflowException, OSError) as exc:  # refused mid-way
            raise _unreachable(uri, exc) from None
    tracked.tracking_uri = display_uri(uri)
    return tracked


def _log(client, finished: FinishedRun, package: Path, exp_id: str, model_name: str) -> Tracked:
    """One MLflow run through the client (no process-wide state): tags, parameters, metrics,
    artifacts, then the model, registered under `model_name`."""
    run = client.create_run(exp_id, run_name=finished.dir.name, tags=tags(finished))
    run_id = run.info.run_id
    try:
        version = _log_into(client, run, finished, package, model_name)
    except BaseException:
        client.set_terminated(run_id, status="FAILED")  # never leave a run marked RUNNING
        raise
    client.set_terminated(run_id)
    return Tracked("", exp_id, run_id, model_name, str(version.version))


def _log_into(client, run, finished: FinishedRun, package: Path, model_name: str):
    from mlflow.entities import Metric, Param, RunTag

    run_id, now, run_dir = run.info.run_id, int(time.time() * 1000), finished.dir
    client.log_batch(
        run_id,
        metrics=[Metric(k, v, now, 0) for k, v in metrics(finished).items()],
        params=[Param(k, v) for k, v in params(finished).items()],
        tags=[RunTag("workbench.package", package.name)],
    )
    for name in ("report.html", "report.pdf"):
        if (run_dir / name).exists():
            client.log_artifact(run_id, str(run_dir / name), artifact_path="report")
    client.log_artifact(run_id, str(run_dir / "inputs" / "contract.yaml"), "contract")
    client.log_artifact(run_id, str(run_dir / "inputs" / "spec.yaml"), "spec")
    client.log_artifacts(run_id, str(run_dir / "results"), artifact_path="results")
    client.log_artifacts(run_id, str(package), artifact_path="promotion")
    with tempfile.TemporaryDirectory() as tmp:
        client.log_artifacts(run_id, str(save_pyfunc(package, Path(tmp))), artifact_path="model")
    return _register(client, model_name, f"{run.info.artifact_uri}/model", run_id)


def _register(client, name: str, source: str, run_id: str):
    from mlflow.exceptions import MlflowException

    try:
        client.create_registered_model(name, description="A discovery workbench model.")
    except MlflowException as exc:
        if exc.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
    return client.create_model_version(name, source=source, run_id=run_id)


def save_pyfunc(package: Path, folder: Path) -> Path:
    """The promoted model as an MLflow pyfunc in `folder`/model, without pickle: this module's
    sibling pyfunc_model.py as its code, the skops file, the feature types and the skops
    allow-list as artifacts, and a clean copy of `baselines` as code beside it."""
    import mlflow.pyfunc

    import baselines

    shutil.copyfile(MODEL_CODE, folder / MODEL_CODE.name)  # no machine path in the MLmodel file
    code = folder / "code" / "baselines"
    shutil.copytree(
        Path(baselines.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__")
    )
    (folder / "trusted_types.json").write_text(json.dumps(sorted(TRUSTED), indent=1))
    (folder / "model_config.json").write_text(json.dumps(_model_config(package), indent=1))
    mlflow.pyfunc.save_model(
        path=str(folder / "model"),
        python_model=str(folder / MODEL_CODE.name),
        artifacts={
            "model": str(package / "model.skops"),
            "config": str(folder / "model_config.json"),
            "trusted_types": str(folder / "trusted_types.json"),
        },
        code_paths=[str(code)],
        pip_requirements=_requirements(),
    )
    return folder / "model"


def _model_config(package: Path) -> dict[str, Any]:
    import yaml

    config = yaml.safe_load((package / "config.yaml").read_text())
    contract = yaml.safe_load((package / "contract.yaml").read_text())
    return {
        "task": config["task"],
        "classes": config["classes"],
        "features": config["features"],
        "types": {c: contract["columns"][c]["type"] for c in config["features"]},
    }


def _requirements() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in REQUIREMENTS:
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{dist}=={version(dist)}")
    return out
