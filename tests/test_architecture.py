"""The layout a maintainer relies on: the import-linter contracts (rooms by phase, the two
libraries standing alone, no cycle), one name per module, and the results directory as the only
seam — the report and the hand-off read saved judgements and never make them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout and "6 kept" in out.stdout


def test_no_two_modules_of_the_workbench_share_a_name():
    names = Counter(
        p.stem for p in (ROOT / "workbench").rglob("*.py") if p.stem not in ("__init__", "__main__")
    )
    assert [n for n, k in names.items() if k > 1] == []


def test_every_room_says_what_lives_there_and_what_it_may_import():
    import importlib

    for room in ("inputs", "store", "science", "judge", "stages", "report", "engine", "handoff"):
        doc = importlib.import_module(f"workbench.{room}").__doc__ or ""
        assert "May import" in doc, room


@pytest.mark.slow
def test_report_and_promotion_read_saved_judgements(finished_run, tmp_path, monkeypatch):
    """With every judging function made to fail, a finished run's report still renders and
    its promotion package is still written: both read the judgements the run saved."""
    import workbench.judge as judge
    import workbench.judge.checklist.build as checklist_build
    import workbench.judge.decision.rules as rules
    import workbench.judge.readiness as readiness
    import workbench.judge.readiness.evidence as evidence
    import workbench.judge.verdicts as verdicts
    from workbench.engine.runner import rerender
    from workbench.handoff.promotion import promote
    from workbench.store.judgements import Readiness
    from workbench.store.run_directory import Run

    def forbidden(*args, **kwargs):
        raise AssertionError("a judgement was recomputed")

    for module, name in [
        (judge, "pass_judgement"),
        (checklist_build, "checklist_from"),
        (checklist_build, "build_checklist"),
        (rules, "decide"),
        (rules, "assess"),
        (readiness, "assess"),
        (judge, "judge_measurements"),
        (verdicts, "judge_measurements"),
        (rules, "judge_measurements"),
        (evidence, "judge_measurements"),
    ]:
        monkeypatch.setattr(module, name, forbidden)
    run_dir = tmp_path / "copy"
    shutil.copytree(finished_run.run_dir, run_dir, ignore=shutil.ignore_patterns("verify"))
    html, pdf = rerender(run_dir)
    assert html.stat().st_size > 0 and pdf.stat().st_size > 0
    package = promote(run_dir, tmp_path / "package")
    saved = Run(run_dir).load_result("readiness", Readiness)
    assert (package / "readiness.json").read_text() == saved.model_dump_json(indent=2) + "\n"
    assert saved.path.rollback in (package / "READINESS.md").read_text()
