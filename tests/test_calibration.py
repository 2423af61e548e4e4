"""The calibration of the leakage checks in miniature (benchmarks/calibration.py, fixed seeds):
null data sets of real shapes raise no warning, and planted leaks that move the holdout score
are critical and named. The full harness, with its rates, is in benchmarks/RESULTS.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from calibration import battery, named, render, verdicts_section, write_results
from calibration_leaks import plant
from calibration_shapes import make_null, split_case

NULLS = [
    ("passengers", 2_201, 0),  # coarse inputs: every test row has a twin in training
    ("tiny_noise", 150, 3),  # the self-test's old false alarm
    ("employer", 1_000, 1),  # 400 employers: a category, not an entity key
    ("maturity", 600, 2),  # a maturity date after the application date, set in advance
]
PLANTED = [
    ("copy", 0.5, 1_000, 1),  # a field recording the outcome in half the rows
    ("missingness", 0.5, 1_000, 2),  # filled in only for half the positives
    ("pair", 0.5, 1_000, 3),  # the difference of two amounts, in half the rows
    ("near_copies", 0.5, 1_000, 4),  # half the test part: training rows with 1% noise
]


@pytest.mark.parametrize(("family", "size", "seed"), NULLS, ids=[n[0] for n in NULLS])
def test_null_data_of_real_shapes_raises_no_alarm(family, size, seed):
    case = make_null(family, size, seed)
    frames, roles, _, _ = split_case(case, seed)
    status, found, _ = battery(frames, roles)
    assert found == [], found
    assert set(status.values()) <= {"passed", "info", "not_applicable"}


@pytest.mark.parametrize(("kind", "strength", "size", "seed"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_leak_that_moves_the_holdout_is_critical_and_named(kind, strength, size, seed):
    frames, roles, with_leak, without, leak = plant(kind, strength, size, seed)
    assert with_leak - without >= 0.05  # the leak matters: the target's premise
    _, found, _ = battery(frames, roles)
    assert named(kind, leak, found), found


def record(part: str, **fields) -> dict:
    common = {"rows": 1000, "seed": 1, "seconds": 1.0, "found": [], "status": {}}
    if part == "null":
        return {**common, "family": "coarse", "task": "binary", "split": "stratified", **fields}
    return {**common, "kind": "copy", "strength": 0.5, **fields}


def test_the_tables_state_the_targets_and_their_verdict(tmp_path):
    quiet = {"shared_rows": "info", "single_feature": "passed"}
    null = [record("null", status=quiet) for _ in range(99)]
    loud = {"shared_rows": "critical", "single_feature": "warning"}
    null.append(
        record(
            "null",
            status=loud,
            found=[{"check": "shared_rows", "severity": "critical", "columns": []}],
        )
    )
    planted = [
        record("planted", move=0.2, critical=True, critical_named=True) for _ in range(19)
    ] + [record("planted", move=0.08, critical=False, critical_named=False)]
    text = render(null, planted, "python benchmarks/calibration.py", "")
    assert "| `shared_rows` | 0 | 1/100 (1.0%) | 1/100 (1.0%) | yes |" in text
    assert "| `single_feature` | 0 | 1/100 (1.0%) | 0/100 (0.0%) | yes |" in text
    assert "critical in 19/20 (95.0%)** (target 95%: met)" in text
    assert "- copy 0.5, 1,000 rows, seed 1: move +0.080; found nothing" in text
    null.append(record("null", status={"shared_rows": "warning"}))
    null += [record("null", status={"shared_rows": "warning"}) for _ in range(5)]
    assert "| `shared_rows` | 0 | 7/106 (6.6%) | 1/106 (0.9%) | **no** |" in render(
        null, [], "c", ""
    )
    # the section replaces its predecessor between the markers, and nothing else
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other\n\nkept\n")
    write_results("## Leakage checks: calibration\n\nfirst", results)
    write_results("## Leakage checks: calibration\n\nsecond", results)
    out = results.read_text()
    assert (
        "kept" in out
        and "second" in out
        and "first" not in out
        and out.count("calibration:start") == 1
    )


def test_a_verdicts_module_adds_its_section(tmp_path):
    module = tmp_path / "calibration_verdicts.py"
    assert verdicts_section(True, 0, module) == ""
    module.write_text(
        "def run(quick, seed):\n    return {'quick': quick, 'seed': seed}\n\n"
        "def render(results):\n    return f\"### Decision rules\\n\\nquick={results['quick']} seed={results['seed']}\"\n"
    )
    section = verdicts_section(True, 7, module)
    assert section == "### Decision rules\n\nquick=True seed=7"
    assert section in render([], [], "c", section)
