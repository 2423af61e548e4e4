"""`workbench verify` and `workbench compare` on a real finished run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_verify_reproduces_then_fails_loudly_on_changed_data_and_compare_shows_changes(
    finished_run, tmp_path
):
    run_dir = finished_run.run_dir
    ok = cli("verify", run_dir)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    assert "Reproduced" in ok.stdout and "differs" not in ok.stdout
    rerun = sorted((run_dir / "verify").iterdir())[-1]
    # a check compared by its results: it renders no report of its own
    assert (rerun / "results" / "decision.json").exists() and not (rerun / "report.pdf").exists()
    # the re-run scored the holdout again: the project's ledger records it as a repeat of the
    # run's look (same spec, same score), so the look count in both results is the same
    ledger = json.loads((finished_run.root / "runs" / "holdout-ledger.json").read_text())
    first, again = ledger["looks"][0], ledger["looks"][-1]
    assert first["run"] == "first"  # the run directory under runs/, where the ledger is
    assert again["repeats"] == 0 and again["key"] == first["key"]
    evaluation = json.loads((rerun / "results" / "evaluation.json").read_text())
    assert evaluation["holdout_looks"] == 1 and evaluation["holdout_key"] == first["key"]

    original = finished_run.data.read_bytes()
    try:
        finished_run.data.write_bytes(original.replace(b"fixed", b"fixd", 1))
        changed = cli("verify", run_dir)
        assert changed.returncode == 1
        assert "has changed since the run" in " ".join(changed.stderr.split())
        assert "Traceback" not in changed.stderr
    finally:
        finished_run.data.write_bytes(original)

    other = tmp_path / "runs" / "seed7"
    shutil.copytree(rerun, other)
    spec = other / "inputs" / "spec.yaml"
    spec.write_text(spec.read_text().replace("seed: 42", "seed: 7"))
    out = tmp_path / "compare.json"
    compared = cli("compare", run_dir, rerun, other, "--json", out)
    assert compared.returncode == 0, compared.stderr
    runs = json.loads(out.read_text())["runs"]
    assert [r["recommendation"] for r in runs[:2]] == [runs[0]["recommendation"]] * 2
    assert runs[1]["spec_changes"] == {} and runs[2]["spec_changes"] == {"seed": [42, 7]}
    assert "seed: 42 → 7" in " ".join(compared.stdout.split())
    # all three scored the same holdout (the copy keeps the re-run's results)
    warning = " ".join(compared.stderr.split())
    assert "scored the same holdout" in warning and "runs/first" in warning
    single = cli("compare", run_dir)
    assert single.returncode == 2 and "at least two" in single.stderr
