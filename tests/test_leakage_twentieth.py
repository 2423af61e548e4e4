"""What the nineteenth and twentieth kept-aside generations (and the seventeenth's copies) showed,
fixed once they became tuning sets:

- an account number stepped by a few at a time, with the accounts of part of one class numbered
  again in a new range, is an identifier though its values are not consecutive;
- records exported twice with two fields amended (a volume re-measured, a note revised) are
  copies, and copies of one outcome's records, few among all test rows, are judged among that
  outcome's rows, where they move the score.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_eighteenth as eighteenth
import calibration_nineteenth as nineteenth
import calibration_seventeenth as seventeenth
import calibration_twentieth as twentieth
from calibration_shapes import Case
from case_check import check, run_one, shuffled_split

from leakage_checks.identifiers import numbered


def _planted(module, kind: str, strength: float, rows: int, seed: int):
    plant, _strengths, base = module.PLANTED[kind]
    honest = base(rows, seed)
    return honest, plant(honest, strength, np.random.default_rng(seed + 7))


def test_numbers_stepped_by_a_few_are_numbered_and_random_distinct_values_are_not():
    rng = np.random.default_rng(0)
    stepped = np.arange(3_000) * 3 + rng.integers(0, 3, 3_000)
    assert numbered(pd.Series(stepped))
    # a shared numbering: three in ten numbers used by other records
    assert numbered(pd.Series(np.flatnonzero(rng.random(5_000) < 0.7)))
    # a jump to a new range is one gap among thousands
    assert numbered(pd.Series(np.where(rng.random(3_000) < 0.1, stepped + 400_000, stepped)))
    for n in (60, 600, 3_000):
        assert not numbered(pd.Series(rng.choice(10**9, n, replace=False)))
        amounts = pd.Series(np.round(rng.gamma(3, 40_000, n)).astype(int)).drop_duplicates()
        assert not numbered(amounts)
    assert not numbered(pd.Series(np.arange(3_000.0)))  # not whole numbers by type
    assert not numbered(pd.Series(np.arange(40)))  # too few to tell


def test_an_account_numbered_again_in_a_new_range_for_part_of_one_class_is_critical():
    _honest, leaky = _planted(twentieth, "billing_accounts", 0.35, 3_000, 41_001)
    [f] = check(leaky, 41_001, "identifiers").findings
    assert f.severity == "critical" and f.columns == ["billing_account"]
    assert f.evidence["runs_ratio"] < 0.8 < f.evidence["runs_ratio_along_dates"]
    # the same accounts numbered once, in booking order: clean
    renumbered = leaky.frame.assign(
        billing_account=leaky.frame["billing_account"].rank(method="first").astype(int) * 3
    )
    shuffled = np.random.default_rng(1).permutation(renumbered["billing_account"].to_numpy())
    clean = replace(leaky, frame=renumbered.assign(billing_account=shuffled))
    assert check(clean, 41_001, "identifiers").status == "passed"


def test_records_exported_twice_with_two_fields_amended_are_critical_copies():
    honest, leaky = _planted(nineteenth, "amended_copies", 0.8, 3_000, 74_000)
    [f] = check(leaky, 74_000, "near_duplicates").findings
    assert f.severity == "critical" and f.columns == []
    assert "'volume_m3'" in f.message and "'survey_note'" in f.message
    assert f.evidence["inputs_left_out"] == 2
    assert check(honest, 74_000, "near_duplicates").status == "passed"


def test_copies_of_one_outcome_few_among_all_test_rows_are_judged_within_it():
    honest, leaky = _planted(seventeenth, "fault_join", 0.4, 3_000, 74_000)
    [f] = check(leaky, 74_000, "near_duplicates").findings
    # a warning over all test rows (2% of them), critical among the fault reports' rows
    assert f.severity == "critical" and f.columns == []
    assert "test rows whose outcome is" in f.message and "'battery_pct'" in f.message
    assert f.evidence["share_test_rows"] < 0.05  # a warning at most over all test rows
    assert f.evidence["share_of_outcome_test_rows"] > 0.15 > f.evidence["chance_share_at_most"]
    assert check(honest, 74_000, "near_duplicates").status == "passed"


def test_a_field_blank_for_every_case_of_one_outcome_is_critical_whatever_its_auc():
    # the green fee is blank for 45% of bookings (annual members) and for every no-show: its
    # blanks alone score below the warning level, yet no no-show has a fee
    honest, leaky = _planted(nineteenth, "green_fee_blank", 1.0, 1_500, 74_000)
    [f] = check(leaky, 74_000, "missingness_signal").findings
    assert f.severity == "critical" and f.columns == ["green_fee_taken"]
    assert f.evidence["share_of_class_in_state"] == 1.0
    assert 0.3 < f.evidence["share_of_other_rows_in_state"] < 0.6
    assert "is missing for 100.0% of rows whose outcome is" in f.message
    assert check(honest, 74_000, "missingness_signal").status == "passed"
    # blanked for 60% of the no-shows: blank for most, not all: no certainty either way
    _honest, partly = _planted(nineteenth, "green_fee_blank", 0.6, 1_500, 74_000)
    assert check(partly, 74_000, "missingness_signal").status != "critical"


def test_a_field_filled_for_every_case_of_one_outcome_and_blank_for_many_others_is_critical():
    rng = np.random.default_rng(3)
    n = 2_000
    y = (rng.random(n) < 0.2).astype(int)
    x = rng.normal(size=n)
    # an honest optional field, blank for 40% of rows of either outcome: clean
    honest = np.where(rng.random(n) < 0.4, np.nan, rng.gamma(2, 50, n))
    # the same field, filled in for every case with the outcome (written when it happened)
    leaky = np.where(y == 1, rng.gamma(2, 50, n), honest)
    for values, expected in ((honest, "passed"), (leaky, "critical")):
        frame = pd.DataFrame({"x": x, "amount": values, "code": rng.choice(["a", "b"], n)})
        case = Case("filled", frame, y, "binary", list(frame.columns))
        assert check(case, 5, "missingness_signal").status == expected


def test_exact_copies_of_one_outcome_few_among_all_test_rows_are_judged_within_it():
    # 15% of the failed print jobs appended again from the failure log: under 5% of all test
    # rows repeat a training row (a warning at most), a quarter of the failed ones do
    honest, leaky = _planted(eighteenth, "failure_log_copies", 0.15, 1_500, 74_000)
    [f] = check(leaky, 74_000, "shared_rows").findings
    assert f.severity == "critical" and f.columns == []
    assert f.evidence["share_test_rows_repeating_training"] < 0.05
    assert f.evidence["share_of_outcome_test_rows_repeating"] > 0.2
    assert "repeat a training row of the same outcome exactly" in f.message
    assert check(honest, 74_000, "shared_rows").status in ("passed", "info")


def test_copies_of_a_rare_outcome_under_one_percent_of_all_test_rows_are_still_judged():
    rng = np.random.default_rng(4)
    n = 6_000
    X = pd.DataFrame({"amount": rng.normal(size=n), "kind": rng.choice(list("abc"), n)})
    y = (rng.random(n) < 0.03).astype(int)
    twice = np.flatnonzero((y == 1) & (rng.random(n) < 0.15))  # 15% of the rare cases
    X2, y2 = pd.concat([X, X.iloc[twice]], ignore_index=True), np.concatenate([y, y[twice]])
    frames, roles = shuffled_split(X2, y2, 4)
    run = run_one(frames, roles, "shared_rows")
    [f] = run.findings
    assert f.evidence["share_test_rows_repeating_training"] < 0.01
    assert f.severity == "critical" and "whose outcome is" in f.message
    assert run_one(*shuffled_split(X, y, 4), "shared_rows").status == "passed"


def test_a_small_class_of_coarse_rows_is_not_judged_for_copies_of_its_own():
    # 40 training rows of a rare class, of a few coarse values: chance cannot be bounded on them
    rng = np.random.default_rng(5)
    n = 2_000
    X = pd.DataFrame({f"c{k}": rng.integers(0, 3, n) for k in range(5)})
    y = np.where(rng.random(n) < 0.03, 2, rng.integers(0, 2, n))
    X.loc[y == 2, [f"c{k}" for k in range(5)]] = 0  # the rare class: all alike, honestly
    frames, roles = shuffled_split(X, y, 5, task="multiclass")
    for name in ("shared_rows", "near_duplicates"):
        assert run_one(frames, roles, name).status != "critical"


def test_a_field_blank_by_design_for_one_of_several_classes_is_not_judged_always_blank():
    from leakage_checks.finding import DEFAULT_SETTINGS
    from leakage_checks.missingness import one_class_always

    # a vehicle's registration on motor claims only: blank for every home and travel claim
    rng = np.random.default_rng(6)
    y = rng.integers(0, 3, 3_000)
    blank = y != 0
    assert one_class_always(blank, y, "multiclass", DEFAULT_SETTINGS, 1) is None
    assert one_class_always(blank, (y == 0).astype(int), "binary", DEFAULT_SETTINGS, 1)


def test_the_blank_rule_counts_its_tries():
    from leakage_checks.finding import DEFAULT_SETTINGS
    from leakage_checks.missingness import one_class_always

    rng = np.random.default_rng(7)
    y = (rng.random(600) < 0.1).astype(int)
    flag = np.where(y == 1, True, rng.random(600) < 0.75)  # blank for every case, 75% of others
    assert one_class_always(flag, y, "binary", DEFAULT_SETTINGS, 1) is not None
    assert one_class_always(flag, y, "binary", DEFAULT_SETTINGS, 10**6) is None


def test_a_time_of_day_numbers_and_readings_every_ten_minutes_are_not_identifiers():
    days = pd.Series(np.arange(0, 7 * 400, 7))  # a weekly series keyed by its day number
    assert numbered(days)  # numbered like an id …
    seconds = pd.Series(1_700_000_000 + 600 * np.arange(500))
    assert not numbered(seconds)  # … readings every 600 seconds are not
    rng = np.random.default_rng(8)
    y = (rng.random(400) < 0.5).astype(int)
    X = pd.DataFrame({"day": days, "x": rng.normal(size=400)})
    frames, roles = shuffled_split(X, y, 8, time_column="day")
    from leakage_checks.identifiers import _id_like

    assert _id_like(frames, roles) == []  # … and the declared time is judged as a time


def test_the_dates_runs_are_not_counted_without_an_identifier(monkeypatch):
    import leakage_checks.identifiers as identifiers

    def refuse(*args):
        raise AssertionError("the dates' runs were counted")

    monkeypatch.setattr(identifiers, "_time_runs", refuse)
    rng = np.random.default_rng(9)
    X = pd.DataFrame({"x": rng.normal(size=500)})
    frames, roles = shuffled_split(X, (rng.random(500) < 0.5).astype(int), 9)
    assert not run_one(frames, roles, "identifiers").failed
    ids = X.assign(ref=np.arange(500) * 2)
    frames, roles = shuffled_split(ids, (rng.random(500) < 0.5).astype(int), 9)
    assert run_one(frames, roles, "identifiers").failed  # with one, they are
