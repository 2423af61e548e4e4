"""The calibration of the leakage checks in miniature (benchmarks/calibration.py, fixed seeds):
null data sets of real shapes raise no warning, and planted leaks that move the holdout score
are critical and named. The full harness, with its rates, is in benchmarks/RESULTS.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from calibration import asked_about, battery, named, render, verdicts_section, write_results
from calibration_leaks import plant
from calibration_records import read_csv, to_rows, write_csv
from calibration_report import upper
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
    common = {"rows": 1000, "seed": 1, "seconds": 1.0, "found": [], "status": {}, "set": "tuning"}
    if part == "null":
        return {**common, "family": "coarse", "task": "binary", "split": "stratified", **fields}
    return {
        **common,
        "kind": "copy",
        "strength": 0.5,
        "expected_checks": ["pure_subsets"],
        **fields,
    }


def crit(check):
    return [{"check": check, "severity": "critical", "columns": []}]


def test_the_tables_state_the_targets_their_bounds_and_both_sets(tmp_path):
    quiet = {"shared_rows": "info", "single_feature": "passed"}
    null = [record("null", status=quiet) for _ in range(99)]
    loud = {"shared_rows": "critical", "single_feature": "warning"}
    null.append(record("null", status=loud, found=crit("shared_rows")))
    kept = [record("null", set="kept_aside", family="grades", status=quiet) for _ in range(300)]
    planted = [
        record("planted", move=0.2, critical=True, critical_named=True, found=crit("pure_subsets"))
        for _ in range(19)
    ]
    planted.append(record("planted", move=0.08, critical=False, critical_named=False))
    # a leak whose check could not run is no silent miss
    planted.append(
        record(
            "planted",
            move=0.1,
            critical=False,
            critical_named=False,
            status={"pure_subsets": "not_applicable"},
        )
    )
    planted.append(record("planted", move=None, critical=False, critical_named=False))
    rows = to_rows(null + kept + planted)
    text = render(rows, "python benchmarks/calibration.py", "")
    assert "| `shared_rows` | 0 | 1/100 (1.0%) | 1/100 (1.0%) | 0 | 0/300 (0.0%) |" in text
    # 0 of 300 has a 95% upper bound just below 1%; 1 of 100, far above it
    assert "| kept aside | 300 | 0/300 (0.0%), ≤ 1.0% | 0/300 (0.0%), ≤ 1.0% | yes, bounds" in text
    assert "| tuning | 100 | 1/100 (1.0%), ≤ 4.7% | 1/100 (1.0%), ≤ 4.7% | yes; the bound" in text
    # every planted set is counted, the subset that moves the holdout beside it
    assert "| tuning | 22 | 19/22 (86.4%) | 21 | 19/21 (90.5%) (≥ 72.9%) | **no** |" in text
    assert "0 / 0 / 2 / 1 |" in text  # not named / warning only / silent / could not run
    assert "- copy 0.5, 1,000 rows, seed 1: move +0.080; silent" in text
    # the CSV holds every figure: the same tables come back from it
    write_csv(rows, tmp_path / "records.csv")
    assert (
        render(read_csv(tmp_path / "records.csv"), "python benchmarks/calibration.py", "") == text
    )
    assert upper(0, 224) == pytest.approx(0.0133, abs=1e-4) and upper(0, 299) < 0.01
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


def test_a_strong_planted_column_is_asked_about_by_init_and_counted_apart(tmp_path):
    # a copy of the outcome is among the strongest columns init asks the data owner to date
    frames, roles, *_rest, leak = plant("copy", 0.5, 1_000, 3)
    assert asked_about(frames, roles, leak)
    assert not asked_about(frames, roles, [])  # rows copied: no column to ask about
    weak = frames.X_train.columns.difference(leak)[:1].tolist()
    frames.X_train[weak[0]] = 0.0  # a constant scores nothing on its own: not asked
    frames.X_test[weak[0]] = 0.0
    assert not asked_about(frames, roles, weak)
    planted = [
        record("planted", move=0.2, critical=True, critical_named=True, asked=True),
        record("planted", move=0.2, critical=False, critical_named=False, asked=True),
        record("planted", move=0.2, critical=False, critical_named=False, asked=False),
        record("planted", move=0.2, critical=False, critical_named=False),  # not recorded
    ]
    rows = to_rows(planted)
    text = render(rows, "python benchmarks/calibration.py", "")
    assert "| tuning | 3 | 1/3 (33.3%) | 2/3 (66.7%) | 2/3 (66.7%) (≥ 13.5%) | **no** |" in text
    write_csv(rows, tmp_path / "records.csv")
    assert [r["asked"] for r in read_csv(tmp_path / "records.csv")] == [1, 1, 0, None]


def test_a_verdicts_module_adds_its_section(tmp_path):
    module = tmp_path / "calibration_verdicts.py"
    assert verdicts_section(True, 0, module) == ""
    module.write_text(
        "def run(quick, seed):\n    return {'quick': quick, 'seed': seed}\n\n"
        "def render(results):\n    return f\"### Decision rules\\n\\nquick={results['quick']} seed={results['seed']}\"\n"
    )
    section = verdicts_section(True, 7, module)
    assert section == "### Decision rules\n\nquick=True seed=7"
    assert section in render([], "c", section)
