"""A regression study and a multiclass study, each end to end through the CLI with its report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import synth
from conftest import make_project


@pytest.mark.slow
@pytest.mark.parametrize("task", ["regression", "multiclass"])
def test_task_end_to_end(tmp_path, task):
    if task == "regression":
        spec = make_project(tmp_path, synth.regression(400), "sales")
    else:
        spec = make_project(tmp_path, synth.multiclass(450), "segment")
    text = spec.read_text()
    assert f"kind: {task}" in text  # inferred by `workbench init`
    run_dir = tmp_path / "run"
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "run", str(spec), "--run-dir", str(run_dir)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    ev = json.loads((run_dir / "results" / "evaluation.json").read_text())
    assert decision["recommendation"] in {"build", "build_with_conditions", "inconclusive"}
    html = (run_dir / "report.html").read_text()
    assert (run_dir / "report.pdf").read_bytes()[:4] == b"%PDF"
    if task == "regression":
        assert ev["metric"] == "r2" and set(ev["candidate"]["secondary"]) == {"mae", "rmse", "mape"}
        assert ev["candidate"]["primary"]["value"] > 0.7  # the planted signal is strong
        assert "figures/holdout_residuals.png" in {f["path"] for f in ev["figures"]}
        assert ev["confusion"] is None and ev["business"] is None
        review = ev["production"]["review"]  # no band of cases: one interval for every case
        assert review["options"] == [] and "unsure" in review["note"]
        assert 0 < review["abs_error_quantiles"]["50%"] < review["abs_error_quantiles"]["90%"]
    else:
        assert ev["metric"] == "roc_auc" and len(ev["confusion"]) == 3
        assert ev["candidate"]["primary"]["value"] > 0.75
        assert "figures/holdout_confusion.png" in {f["path"] for f in ev["figures"]}
        review = ev["production"]["review"]  # the least confident cases go to a person
        assert review["task"] == "multiclass" and len(review["options"]) == 3
    assert "Human in the loop" in html and "Production readiness" in html
    assert "R²" in html if task == "regression" else "macro F1" in html
