"""What the seventeenth kept-aside generation showed, fixed once it became a tuning set: an honest
rule whose column's name reads as after the outcome ('final warning tag': nine in ten tagged
bins rejected) called critical when one half of the rows happened to hold it pure, and harbour
dues waived (0) for cancelled sailings, among dues that never come near 0, left a warning. The
generators are the calibration's (benchmarks/calibration_seventeenth.py, and a licence status
of an earlier generation that a name must still make critical)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_sets
import calibration_seventeenth as seventeenth
from case_check import check

from leakage_checks import run_all
from leakage_checks.finding import Roles, SplitFrames


@pytest.mark.parametrize("seed", [73_005, 73_013, 73_017])
def test_an_honest_rule_named_final_is_not_critical_where_one_half_holds_it_pure(seed):
    # these seeds left the tagged bins all rejected in the half that judged the subset
    run = check(seventeenth.bin_rejected(1_500, seed), seed, "pure_subsets")
    assert run.status != "critical", [(f.columns, f.evidence) for f in run.findings]


def _frame(n: int, seed: int, column: str, values) -> tuple[SplitFrames, Roles]:
    """An outcome following two honest inputs, with `column` (values from `values(y, rng)`)."""
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=n), rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(a + 0.5 * b - 1.5)))).astype(int)
    X = pd.DataFrame({"a": a, "b": b, column: values(y, rng)})
    cut = int(0.75 * n)
    frames = SplitFrames(X.iloc[:cut], X.iloc[cut:], pd.Series(y[:cut]), pd.Series(y[cut:]))
    return frames, Roles(task="binary", features=list(X.columns), seed=seed)


def _pure_subsets(frames, roles):
    [run] = run_all(frames, roles, only=["pure_subsets"])
    return run


def test_a_status_written_after_the_outcome_is_still_critical_by_its_name():
    def status(y, rng):
        told = (y == 1) & (rng.random(len(y)) < 0.5)
        return np.where(told, "closed", "open")

    run = _pure_subsets(*_frame(3_000, 5, "final_status", status))
    assert run.status == "critical" and run.findings[0].columns == ["final_status"]


def test_an_amount_cleared_to_zero_for_part_of_one_class_is_critical():
    def dues(y, rng):
        charged = np.round(rng.uniform(180, 650, len(y)), 2)
        return np.where((y == 1) & (rng.random(len(y)) < 0.5), 0.0, charged)

    run = _pure_subsets(*_frame(3_000, 6, "dues_invoiced", dues))
    assert run.status == "critical" and run.findings[0].columns == ["dues_invoiced"]


def test_a_count_whose_zeros_are_pure_stays_an_honest_step():
    # no earlier claim: never flagged; a count runs down to 0, nothing is cleared
    def claims(y, rng):
        return np.where(y == 1, rng.integers(1, 6, len(y)), rng.integers(0, 6, len(y)))

    run = _pure_subsets(*_frame(3_000, 7, "earlier_claims", claims))
    assert run.status != "critical", [(f.columns, f.evidence) for f in run.findings]


def test_harbour_dues_waived_for_cancelled_sailings_are_critical():
    _clean, case = calibration_sets.SETS["tuning"].leaky("harbour_dues", 1.0, 3_000, 35_501)
    run = check(case, 35_501, "pure_subsets")
    assert run.status == "critical" and run.findings[0].columns == ["harbour_dues"]


def test_a_status_noted_for_a_few_of_the_other_class_too_is_still_critical():
    # 'full' for 30% of those who passed and 1% of the others: 195 of 200 rows over both
    # halves, certain beyond 94% though not 98% pure
    _clean, case = calibration_sets.SETS["tuning"].leaky("licence_status", 0.3, 1_500, 74_000)
    run = check(case, 74_000, "pure_subsets")
    assert run.status == "critical" and run.findings[0].columns == ["licence_status"]
