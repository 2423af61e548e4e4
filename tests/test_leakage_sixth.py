"""What the sixth kept-aside generation showed, fixed once it became a tuning set: an honest
days-since count capped at its look-back taken for a follow-up, a row's own count that moves
with its key taken for a target encoding, common rows more frequent late in time taken for
copies. The generators are the calibration's (benchmarks/calibration_sixth.py)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_honest as honest
import calibration_sixth as sixth
from calibration_shapes import Case, split_case
from case_check import check

from leakage_checks import run_all
from leakage_checks.duplicates import _completed, _copied, _copies_fix
from leakage_checks.util import symmetric_auc


def test_an_honest_days_since_count_capped_at_its_look_back_is_no_follow_up():
    # days since anyone logged in, at most 90: those who cancel run to the cap, the others
    # pile up early; its name says it is a duration, which no longer excuses the class with
    # the event running to the cap (critical in 22 of 38 sets before)
    case = sixth.subscription_churn(1500, 1)
    frame = case.frame
    churned = case.y == 1
    assert np.median(frame["days_since_login"][churned]) > np.median(
        frame["days_since_login"][~churned]
    )
    assert check(case, 1, "follow_up_duration").status == "passed"


def test_a_count_that_moves_with_its_key_is_no_target_encoding():
    # next quarter's seats: active users follow the seats (a key of many values) and the seats
    # next quarter follow both; active users vary within each number of seats
    case = sixth.seats_next_quarter(1500, 73001)
    assert check(case, 73001, "target_encoding").findings == []
    [f] = check(case, 73001, "target_encoding", encoding_one_value=0.0).findings
    assert f.columns == ["active_users_30d", "seats"]
    assert f.evidence["share_of_rows_holding_their_keys_value"] < 0.95
    # each reseller's rate over the whole extract holds one value per reseller: still critical
    leaky = sixth.reseller_rate(sixth.accounts(1500, 74000), 8.0, np.random.default_rng(74007))
    [f] = check(leaky, 74000, "target_encoding").findings
    assert f.severity == "critical" and f.columns == ["reseller_churn_rate", "reseller"]
    assert f.evidence["share_of_rows_holding_their_keys_value"] == 1.0


def test_common_rows_more_frequent_late_in_time_are_no_copies():
    # free accounts nobody uses are identical rows, more of them in the later (test) weeks:
    # 20.9% of test rows repeat a training row against 13.1% within training, all within
    # what chance repeats in such coarse rows
    run = check(sixth.subscription_churn(1300, 12034), 12034, "shared_rows")
    [f] = run.findings
    assert f.severity == "info" and "split is in time or by group" in f.message
    assert f.evidence["share_test_rows_repeating_training"] > 0.2
    assert f.evidence["share_training_rows_repeating_training"] < 0.14
    # the same parts said to be a random split: training rows are then a fair reference for
    # the test rows, and the excess over their repeats is judged as before
    frames, roles, _, _ = split_case(sixth.subscription_churn(1300, 12034), 12034)
    assert roles.split_strategy == "time"
    [run] = run_all(frames, replace(roles, split_strategy="random"), only=["shared_rows"])
    [f] = run.findings
    assert f.severity == "critical" and "copies beyond chance" in f.message


def test_copies_told_either_way_share_one_fix():
    evidence = {"test_rows": 100}
    a = _completed(0.3, 0.01, ("a", "b"), 0.29, 1e-9, "critical", dict(evidence))
    b = _copied(0.3, 0.01, ("a",), 0.05, 0.29, 1e-9, "critical", dict(evidence))
    assert a.fix == b.fix == _copies_fix()
    assert "Remove the copies before splitting" in a.fix


def test_an_honest_two_sided_text_record_needs_an_exact_second_side():
    # 'two or more defaults' (99.5% default) and 'paid off early' (2% default) at 25%
    # positives: the majority class can jump 0.2 on a level that holds 2% of the other class,
    # which made the record two-sided and critical
    case = honest.credit_record_text(6000, 73017)
    assert check(case, 73017, "pure_subsets").status != "critical"
    # the record's timing left unknown (a column the contract dates before the decision is
    # information whatever its sides): the looser side rule makes it two-sided and critical
    _frames, roles, _a, _b = split_case(case, 73017)
    roles = replace(
        roles, known_at_prediction=[c for c in roles.known_at_prediction if c != "credit_record"]
    )
    assert check(case, 73017, "pure_subsets", roles=roles).status != "critical"
    [f] = check(case, 73017, "pure_subsets", roles=roles, subset_side_purity=0.0).findings
    assert f.severity == "critical" and f.columns == ["credit_record"]


def test_a_figure_netted_for_part_of_one_class_departs_from_the_other_inputs():
    # the quarter's invoice less the refund for 60% of those who cancelled: ordinary amounts,
    # but far below what the plan and the seats say the invoice is
    clean = sixth.accounts(1500, 74000)
    case = sixth.invoice_net(clean, 0.6, np.random.default_rng(74007))
    [f] = check(case, 74000, "changed_figures").findings
    assert f.severity == "critical" and f.columns == ["invoiced_net"]
    assert f.evidence["below_prediction"] == 1.0 and f.evidence["purity"] >= 0.99
    assert "far below what the other inputs predict" in f.message
    # the honest extract: the invoice follows the plan and the seats for everyone
    honest_invoice = sixth.invoice_net(clean, 0.0, np.random.default_rng(74007))
    assert check(honest_invoice, 74000, "changed_figures").status == "passed"


def test_a_reading_zeroed_for_part_of_one_class_among_honest_zeros_is_a_copy():
    # vibration read after the failure for half the failed machines: 0, as it is, honestly,
    # for the 5% idle that day — no value of it is certain, but whether it reads 0 is
    # unrelated to the other inputs among machines of one outcome
    clean = sixth.machines(3000, 74001)
    case = sixth.flatlined_sensor(clean, 0.5, np.random.default_rng(74008))
    [f] = check(case, 74001, "outcome_copy").findings
    assert f.columns == ["vibration_mm_s"] and f.evidence["whether_zero"] == 1.0
    assert "is 0 because of the outcome" in f.message
    assert check(case, 74001, "pure_subsets").findings == []  # no range of it is certain


def test_honest_zeros_that_the_other_inputs_explain_are_no_copy():
    # a reading that is 0 when a machine ran less than half the day, which the hours run say:
    # zeros as strong as the leak above, but they move with the other inputs among machines
    # of one outcome
    rng = np.random.default_rng(5)
    n = 3000
    load, age = rng.normal(size=n), rng.normal(size=n)
    hours = np.round(np.clip(12 + 6 * load + rng.normal(0, 1, n), 0, 24), 1)
    reading = np.where(hours < 12, 0.0, np.round(np.exp(0.3 * load + rng.normal(0, 0.3, n)), 3))
    y = (rng.random(n) < 1 / (1 + np.exp(-(-1 + 2.5 * load + 0.8 * age)))).astype(int)
    frame = pd.DataFrame({"hours_run": hours, "age": np.round(age, 2), "reading": reading})
    case = Case("idle_machines", frame, y, "binary", list(frame.columns))
    x = frame["reading"].to_numpy()
    assert symmetric_auc(y, (x == 0).astype(float)) >= 0.70  # judged for its zeros
    assert check(case, 5, "outcome_copy").findings == []
