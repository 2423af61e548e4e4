"""Drift monitoring: new data compared with the training rows of a run (or with a hand-off
package's reference statistics), feature by feature, and the `workbench drift` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_promotion import fake_run, raw_rows

from workbench.errors import BadInput
from workbench.handoff.drift_check import drift_report
from workbench.handoff.promotion import promote
from workbench.science.drift import PSI_DRIFTED, PSI_MODERATE, psi, verdict


@pytest.fixture
def run_dir(tmp_path) -> Path:
    return fake_run(tmp_path)


def drift_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "drift", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def by_feature(report) -> dict:
    return {f.feature: f for f in report.features}


def test_psi_and_verdict_thresholds():
    assert psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0.0
    assert psi([0.5, 0.5], [0.9, 0.1]) == pytest.approx(0.4 * np.log(1.8) - 0.4 * np.log(0.2))
    assert np.isfinite(psi([1.0, 0.0], [0.0, 1.0]))  # empty bins are floored, never infinite
    assert (PSI_MODERATE, PSI_DRIFTED) == (0.1, 0.25)
    assert [verdict(v) for v in (0.0, 0.0999, 0.1, 0.25, 0.2501)] == [
        "stable",
        "stable",
        "moderate",
        "moderate",
        "drifted",
    ]


def test_the_training_rows_themselves_are_stable(run_dir, tmp_path):
    raw_rows(run_dir, "train").to_csv(tmp_path / "same.csv", index=False)
    report = drift_report(run_dir, tmp_path / "same.csv")
    assert report.drifted == []
    assert {f.feature for f in report.features} == {"income", "debt", "job", "region", "applied_on"}
    for f in report.features:
        assert f.verdict == "stable" and f.psi < 1e-3 and f.missing_change == pytest.approx(0)
        if f.kind == "numeric":
            assert f.ks == pytest.approx(0.0)
        else:
            assert f.ks is None and f.unseen_share == 0.0


def test_a_shifted_number_drifts_and_the_cli_exits_1(run_dir, tmp_path):
    new = raw_rows(run_dir, "test")
    new["income"] = new["income"] * 3
    new.to_csv(tmp_path / "shifted.csv", index=False)
    report = by_feature(drift_report(run_dir, tmp_path / "shifted.csv"))
    assert report["income"].verdict == "drifted" and report["income"].psi > PSI_DRIFTED
    assert report["income"].ks > 0.5
    assert report["debt"].verdict != "drifted"

    done = drift_cli(run_dir, tmp_path / "shifted.csv")
    assert done.returncode == 1, done.stderr
    assert "income" in done.stdout and "drifted" in done.stdout
    saved = json.loads((run_dir / "drift" / "drift.json").read_text())
    assert saved["drifted"] == ["income"]
    assert saved["thresholds"] == {"moderate": 0.1, "drifted": 0.25}


def test_stable_data_exits_0_and_writes_where_asked(run_dir, tmp_path):
    raw_rows(run_dir, "train").to_csv(tmp_path / "same.csv", index=False)
    done = drift_cli(run_dir, tmp_path / "same.csv", "--out", tmp_path / "out" / "d.json")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "out" / "d.json").read_text())["drifted"] == []


def test_unseen_categories_are_counted(run_dir, tmp_path):
    new = raw_rows(run_dir, "train")
    present = new["job"].notna().to_numpy()
    flip = present & (np.arange(len(new)) % 4 == 0)
    new.loc[flip, "job"] = "crypto-trader"
    new.to_csv(tmp_path / "unseen.csv", index=False)
    job = by_feature(drift_report(run_dir, tmp_path / "unseen.csv"))["job"]
    assert job.unseen_share == pytest.approx(flip.sum() / present.sum(), abs=1e-6)
    assert job.verdict == "drifted"  # a quarter of the rows in a bucket the reference lacks


def test_missing_values_are_drift_too(run_dir, tmp_path):
    new = raw_rows(run_dir, "train")
    new.loc[new.index % 2 == 0, "debt"] = np.nan
    new.to_csv(tmp_path / "holes.csv", index=False)
    debt = by_feature(drift_report(run_dir, tmp_path / "holes.csv"))["debt"]
    assert debt.missing_reference == 0.0
    assert debt.missing_change == pytest.approx(0.5, abs=0.01)
    assert debt.verdict == "drifted"


def test_a_promotion_package_alone_gives_psi_without_ks(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    new = raw_rows(run_dir, "test")
    new["income"] = new["income"] * 3
    new.to_csv(tmp_path / "shifted.csv", index=False)
    from_run = by_feature(drift_report(run_dir, tmp_path / "shifted.csv"))
    from_package = by_feature(drift_report(package, tmp_path / "shifted.csv"))
    for name, f in from_package.items():
        assert f.psi == pytest.approx(from_run[name].psi, abs=1e-3)
        assert f.verdict == from_run[name].verdict and f.ks is None
    done = drift_cli(package, tmp_path / "shifted.csv")
    assert done.returncode == 1 and (package / "drift" / "drift.json").exists()


def test_missing_columns_are_named_with_exit_2(run_dir, tmp_path):
    raw_rows(run_dir, "test").drop(columns=["debt", "region"]).to_csv(
        tmp_path / "short.csv", index=False
    )
    with pytest.raises(BadInput, match="debt, region"):
        drift_report(run_dir, tmp_path / "short.csv")
    done = drift_cli(run_dir, tmp_path / "short.csv")
    assert done.returncode == 2
    assert "debt, region" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert not (run_dir / "drift").exists()


def test_something_that_is_no_run_is_refused(tmp_path):
    pd.DataFrame({"x": [1]}).to_csv(tmp_path / "x.csv", index=False)
    done = drift_cli(tmp_path, tmp_path / "x.csv")
    assert done.returncode == 2
    assert "reference_stats.json" in done.stderr and "Traceback" not in done.stderr
