"""The CLI end to end, as a consultant uses it: `init`, `run`, `report`, and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

import synth
from conftest import make_project
from workbench.store.layout import STAGE_NAMES


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )


def outputs(run_dir: Path) -> str:
    """Every text a run wrote (results, manifest, report, notebooks, logs)."""
    texts = []
    for p in run_dir.rglob("*"):
        if p.is_file() and p.suffix in {
            ".json",
            ".qmd",
            ".html",
            ".ipynb",
            ".typ",
            ".log",
            ".yaml",
            ".css",
        }:
            texts.append(p.read_text(errors="replace"))
    return "\n".join(texts)


@pytest.mark.slow
def test_init_and_run_end_to_end(finished_run):
    tmp_path, spec, data, before = (
        finished_run.root,
        finished_run.spec,
        finished_run.data,
        finished_run.data_bytes,
    )
    contract = yaml.safe_load((tmp_path / "data_contracts" / "credit.yaml").read_text())
    assert contract["columns"]["email"]["pii"] is True

    run_dir, done = finished_run.run_dir, finished_run.done
    assert "Traceback" not in done.stderr
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    assert decision["recommendation"] in {
        "build",
        "build_with_conditions",
        "inconclusive",
        "do_not_build",
    }
    for c in decision["criteria"]:
        assert set(c) >= {"name", "threshold", "observed", "ci_low", "ci_high", "verdict"}
    primary = decision["criteria"][0]
    assert primary["ci_low"] <= primary["observed"] <= primary["ci_high"]
    leakage = json.loads((run_dir / "results" / "leakage.json").read_text())
    assert not [f for f in leakage["findings"] if f["severity"] == "critical"]
    assert {c["name"] for c in leakage["checks"]} >= {"shared_rows", "single_feature"}

    html = (run_dir / "report.html").read_text()
    assert (run_dir / "report.pdf").read_bytes()[:4] == b"%PDF"
    assert (run_dir / "report.qmd").exists()
    assert "Recommendation:" in html and "data:image/png;base64" in html
    assert not re.search(r'(src|href)="https?://', html)  # opens from an e-mail attachment
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["holdout_scored"] == 1
    assert set(manifest["stage_seconds"]) == set(STAGE_NAMES)
    # the orchestration share: the run's wall time outside the stages' computations, in parts
    wall, compute = manifest["wall_seconds"], sum(manifest["stage_compute_seconds"].values())
    assert 0 < compute < wall
    assert manifest["orchestration_share"] == pytest.approx((wall - compute) / wall, abs=2e-3)
    parts = manifest["orchestration_seconds"]
    assert set(parts) == {"start", "notebooks", "decision", "report", "site"}
    assert (finished_run.root / "runs" / "credit" / "site" / "index.html").exists()
    assert all(v >= 0 for v in parts.values()) and parts["report"] > 0
    assert sum(parts.values()) == pytest.approx(wall - compute, abs=0.1)
    assert len(manifest["spec_hash"]) == 64 and len(manifest["data"]["fingerprint"]) == 64
    for stage in manifest["stage_seconds"]:
        assert (run_dir / "results" / f"{stage}.json").exists()
    assert len(list((run_dir / "notebooks").glob("*.ipynb"))) == len(STAGE_NAMES)
    assert "@client-bank.com" not in outputs(run_dir)  # PII never leaves the data
    assert data.read_bytes() == before  # the raw data is never modified

    # the report re-renders from results alone
    (run_dir / "report.html").unlink()
    again = cli("report", run_dir)
    assert again.returncode == 0, again.stderr
    assert (run_dir / "report.html").exists()

    # a finished run is not overwritten by accident; resuming keeps every stage
    stamp = (run_dir / "results" / "tuning.json").stat().st_mtime_ns
    refused = cli("run", spec, "--run-dir", run_dir)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    resumed = cli("run", spec, "--run-dir", run_dir, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert (run_dir / "results" / "tuning.json").stat().st_mtime_ns == stamp
    # kept stages are no part of this invocation's time: all of it is decision and report
    again = json.loads((run_dir / "manifest.json").read_text())
    assert again["orchestration_share"] == 1.0
    assert again["orchestration_seconds"]["notebooks"] == 0
    assert min(again["orchestration_seconds"].values()) >= 0


@pytest.mark.slow
def test_planted_target_copy_and_post_outcome_column_are_not_recommended(tmp_path):
    frame = synth.with_target_copy(synth.applicants(500), name="review_outcome")
    # recorded only once an applicant defaults; nobody marked it in the contract
    rng = np.random.default_rng(3)
    frame["days_in_collections"] = np.where(
        frame["status"] == "bad", rng.integers(5, 200, len(frame)), np.nan
    )
    spec = make_project(tmp_path, frame, "status")
    run_dir = tmp_path / "run"
    done = cli("run", spec, "--run-dir", run_dir)
    assert done.returncode == 0, done.stderr
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    assert decision["recommendation"] == "do_not_build"
    assert (
        "review_outcome" in decision["headline"] and "days_in_collections" in decision["headline"]
    )
    leakage = json.loads((run_dir / "results" / "leakage.json").read_text())
    critical = {c for f in leakage["findings"] if f["severity"] == "critical" for c in f["columns"]}
    assert {"review_outcome", "days_in_collections"} <= critical
    assert critical <= {"review_outcome", "days_in_collections"}  # nothing clean is accused
    copy = next(f for f in leakage["findings"] if f["check"] == "single_feature")
    assert copy["columns"] == ["review_outcome"] and copy["evidence"]["auc"] > 0.99
    html = (run_dir / "report.html").read_text()
    assert "days_in_collections" in html and "Critical" in html


def bad_yaml(root: Path) -> Path:
    spec = make_project(root, synth.applicants(200), "status")
    spec.write_text(spec.read_text().replace("task:\n", "task:\n  kind binary\n", 1))
    return spec


def missing_target(root: Path) -> Path:
    spec = make_project(root, synth.applicants(200), "status")
    spec.write_text(spec.read_text().replace("target: status", "target: outcome"))
    return spec


def single_class(root: Path) -> Path:
    frame = synth.applicants(200)
    spec = make_project(root, frame, "status")
    frame["status"] = "good"
    frame.to_csv(root / "data" / "study.csv", index=False)
    return spec


@pytest.mark.parametrize(
    "make, words",
    [
        # through `run` as a separate process; tests/test_bad_input.py holds the full table
        (bad_yaml, ["not valid YAML", "line"]),
        (missing_target, ["task.target", "outcome", "not a column"]),
        (single_class, ["single value", "status"]),  # found inside the data stage's kernel
    ],
)
def test_bad_input_gets_one_clear_paragraph_and_exit_2(tmp_path, make, words):
    spec = make(tmp_path)
    result = cli("run", spec, "--run-dir", tmp_path / "run")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    for w in words:
        assert w in result.stderr, (w, result.stderr)
    assert "Fix:" in result.stderr


def test_validate_prints_violations_and_exits_1(tmp_path):
    frame = synth.applicants(200)
    spec = make_project(tmp_path, frame, "status")
    frame.loc[:4, "age"] = 150
    frame.to_csv(tmp_path / "data" / "study.csv", index=False)
    result = cli("validate", spec)
    assert result.returncode == 1
    assert "age" in result.stdout and "above max" in result.stdout


def test_unknown_option_and_existing_spec(tmp_path):
    result = cli("run", "x.yaml", "--colour")
    assert result.returncode == 2 and "No such option" in result.stderr
    make_project(tmp_path, synth.applicants(100), "status")
    again = cli(
        "init",
        tmp_path / "data" / "study.csv",
        "--target",
        "status",
        "--name",
        "study",
        "--dir",
        tmp_path,
    )
    assert again.returncode == 2 and "--force" in again.stderr
