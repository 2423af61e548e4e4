"""The assurance stage end to end through the CLI, on one data set with two planted problems:
the label is much noisier for one group of a sensitive column, and the model hangs on one
feature whose noise breaks it."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import make_project


def planted(n: int = 1600, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    key, x2 = rng.normal(size=n), rng.normal(size=n)
    group = rng.choice(["A", "B"], n, p=[0.6, 0.4])
    y = 3 * key + 0.5 * x2 + rng.normal(0, 0.3, n) > 0.5
    noisy = (group == "B") & (rng.random(n) < 0.5)  # half of group B's labels are coin flips
    y = np.where(noisy, rng.random(n) < 0.5, y)
    return pd.DataFrame(
        {
            "key": key.round(4),
            "x2": x2.round(4),
            "region": rng.choice(["north", "south", "east"], n),
            "group": group,
            "email": [f"person{i}@client.example" for i in range(n)],
            "status": np.where(y, "bad", "good"),
        }
    )


@pytest.mark.slow
def test_assurance_names_the_group_and_the_fragile_feature(tmp_path):
    bounds = "  max_robustness_drop: 0.1"  # the fairness bound: `init --sensitive` writes 0.10
    spec = make_project(
        tmp_path,
        planted(),
        "status",
        sensitive=["group"],
        pii=["email"],
        edits={"  min_lift_over_baseline: 0.01": "  min_lift_over_baseline: -0.5\n" + bounds},
    )
    assert "max_fairness_disparity: 0.10" in spec.read_text()
    run_dir = tmp_path / "runs" / "one"
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "run", spec, "--run-dir", run_dir],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assurance = json.loads((run_dir / "results" / "assurance.json").read_text())
    verdicts = json.loads((run_dir / "results" / "verdicts.json").read_text())
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    report = (run_dir / "report.qmd").read_text()

    # (a) fairness: group B is named with its gap, and the decision is not "build"
    worst = assurance["fairness"]["worst"]
    assert worst["attribute"] == "group" and worst["worst_group"] == "B"
    assert worst["equalized_odds_difference"]["value"] > 0.1
    # a gap beyond chance whose interval reaches past 0.10 (400 holdout rows cannot say more)
    status = {a["attribute"]: a["status"] for a in verdicts["fairness"]["attributes"]}
    assert status["group"] in ("above", "gap") and worst["equalized_odds_difference"]["ci_low"] > 0
    assert verdicts["fairness"]["verdict"] in ("fail", "uncertain")
    assert "verdict" not in assurance["fairness"]  # measurements; the verdicts are the judge's
    assert decision["recommendation"] != "build"
    fair = next(c for c in decision["criteria"] if c["name"].startswith("Equalized-odds"))
    assert fair["verdict"] == verdicts["fairness"]["verdict"]
    assert any("'B'" in r and "gap" in r for r in decision["reasons"])
    assert any("ThresholdOptimizer" in r for r in decision["roadmap"])
    assert "## Fairness" in report and worst["gap"] in report

    # (b) robustness: the feature whose noise breaks the model is named
    robustness = assurance["robustness"]
    assert robustness["worst_noise_feature"] == "key"
    assert any("'key'" in f for f in verdicts["robustness"]["failures"])
    assert "noise on **key** hurts the model most" in report
    assert "## Robustness" in report and "## Explanations" in report
    assert next(iter(assurance["explanations"]["importance"])) == "key"

    # every stage ran, and PII never appears by value
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert "assurance" in manifest["completed_stages"]
    texts = [
        p.read_text(errors="replace")
        for p in run_dir.rglob("*")
        if p.suffix in {".json", ".qmd", ".html", ".ipynb"}
    ]
    assert not any("@client.example" in t for t in texts)
