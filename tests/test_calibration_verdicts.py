"""A small fixed-seed version of `benchmarks/calibration_verdicts.py`: the fairness verdict and
the decision rules raise no alarm on a handful of null holdouts and find what is planted. The
full measurement (hundreds of data sets) and its figures are in benchmarks/RESULTS.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import calibration_verdicts as cal


def test_a_fair_model_is_not_flagged_on_null_holdouts():
    tally = cal.fairness_null(16, seed=11, sizes=(300, 1000, 3000))
    assert tally["critical"] == 0 and tally["warning"] <= 1
    assert sum(tally[k] for k in ("critical", "warning", "unresolved", "pass")) == 16


def test_a_real_gap_is_raised_and_the_fair_column_beside_it_is_not():
    power = cal.fairness_power(6, seed=12, n=3000)
    assert power["raised"] == 6 and power["fair_raised"] <= 1


def test_a_fair_model_on_a_large_holdout_is_shown_fair():
    assert cal.fairness_shown_fair(3, seed=16)["pass"] == 3


def test_no_signal_is_never_recommended_for_building():
    null = cal.decisions_null(24, seed=13)
    assert null["build"] == 0 and null["tuned_claimed"] <= 1


def test_the_group_bootstrap_does_not_find_signal_in_clustered_noise():
    clustered = cal.clustered_null(12, seed=14)
    assert clustered["group_bootstrap"] <= 1
    assert clustered["rows_bootstrap"] > clustered["group_bootstrap"]  # why groups are drawn


def test_a_day_effect_is_not_taken_for_signal_under_a_time_split():
    """The issue's probe: 1,500 holdout rows, 50 a day, a day effect and no signal. Blocks of
    n^(1/3) rows let the candidate "beat no model" in 14% of such holdouts (here 2 of 12); whole
    days do not (the rate over hundreds is in benchmarks/RESULTS.md)."""
    out = cal.day_effect_null(12, seed=14, n_boot=200)
    assert out["calendar_units"] == 0 and out["row_blocks"] >= 2
    assert out["resampled"] == "whole days (30 days, every row of a day drawn together)"


def test_real_signal_and_a_real_lift_are_found():
    power = cal.decisions_power(6, seed=15, n=3000)
    assert power["build"] == 6 and power["lift_found"] >= 5


@pytest.fixture(scope="module")
def figures():
    return {
        "quick": True,
        "seed": 0,
        "seconds": 1.0,
        "fairness_null": {"critical": 0, "warning": 3, "unresolved": 150, "pass": 47,
                          "count": 200, "sizes": [300, 4000]},
        "fairness_power": [{"count": 40, "rows": 2000, "raised": 39, "above": 30,
                            "fair_raised": 1}],
        "fairness_both": {"count": 40, "rows": 4000, "both": 40},
        "fairness_shown_fair": {"count": 20, "rows": 20000, "pass": 20},
        "decisions_null": {"count": 200, "build": 0, "inconclusive": 9, "tuned_claimed": 2,
                           "inconclusive_by_rows": {"200": [9, 50], "3000": [0, 50]}},
        "decisions_no_lift": {"count": 80, "tuned_claimed": 1, "build": 80},
        "clustered_null": {"count": 80, "rows_bootstrap": 19, "group_bootstrap": 2},
        "decisions_power": [{"count": 40, "rows": 1000, "build": 40, "lift_found": 34}],
    }  # fmt: skip


def test_the_table_states_each_rate_against_its_target(figures):
    table = cal.render(figures)
    assert table.startswith("| Verdict | Data | Measured | Rate | Target | Met |")
    assert "| critical: a gap above 0.10 | 0.0% (0/200) | ≤ 1% | yes |" in table
    assert "| lift over the baseline passed | 85.0% (34/40) | ≥ 95% | **no** |" in table
    assert "200 rows 18.0% (9/50)" in table
