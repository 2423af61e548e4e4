"""What the twenty-first kept-aside generation showed, fixed once it became a tuning set:

- a supplier's failure rate over the whole extract with each lot's own outcome left out (a
  leave-one-out encoding) takes one value per outcome within each supplier, and beside the
  supplier code tells every row's outcome: critical, as the rate with the own outcome in is;
- an injury type the contract dates before the decision, whose levels settle the outcome on
  both sides (a suspected spinal injury always flown out), is a question for the contract, not
  a critical finding, where nothing else points after the outcome.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_twentyfirst as twentyfirst
from calibration_shapes import split_case
from case_check import check


def test_a_leave_one_out_rate_over_the_whole_extract_is_a_critical_target_encoding():
    plant, _strengths, base = twentyfirst.PLANTED["grower_history"]
    honest = base(3_000, 43_500)
    for rows_per_key in (30.0, 6.0):
        leaky = plant(honest, rows_per_key, np.random.default_rng(43_507))
        found = check(leaky, 43_500, "target_encoding").findings
        assert [(f.severity, f.columns) for f in found] == [
            ("critical", ["supplier_fail_rate", "supplier_code"])
        ]
        assert found[0].evidence["share_of_rows_holding_the_left_out_rate"] > 0.95
        assert "leave-one-out" in found[0].message


def test_an_earlier_rate_of_each_key_is_no_leave_one_out_encoding():
    # each supplier's failed share in an earlier season's lots: the same suppliers, other lots
    plant, _strengths, base = twentyfirst.PLANTED["grower_history"]
    honest = base(3_000, 43_501)
    leaky = plant(honest, 12.0, np.random.default_rng(43_508))
    code = leaky.frame["supplier_code"].astype("str")
    rng = np.random.default_rng(9)
    true_rate = code.map(pd.Series(rng.uniform(0.05, 0.4, code.nunique()), code.unique()))
    earlier = rng.binomial(12, true_rate.to_numpy()) / 12  # twelve earlier lots each
    y = (rng.random(len(code)) < true_rate.to_numpy()).astype(int)
    frame = leaky.frame.assign(supplier_fail_rate=np.round(earlier, 3))
    case = replace(leaky, frame=frame, y=y, leak=[])
    assert check(case, 43_501, "target_encoding").status != "critical"


def test_an_injury_type_dated_before_the_decision_settling_both_outcomes_is_information():
    case = twentyfirst.NULL_FAMILIES["callout_airlift"](800, 43_019)
    _frames, roles, _a, _b = split_case(case, 43_019)
    assert "reported_injury" in roles.known_at_prediction
    [f] = [
        f for f in check(case, 43_019, "pure_subsets").findings if f.columns == ["reported_injury"]
    ]
    assert f.severity == "info" and "Both outcomes are certain" in f.message
    # the same column, its timing unknown: the two-sided certainty is critical
    roles.known_at_prediction.remove("reported_injury")
    [undated] = [
        f
        for f in check(case, 43_019, "pure_subsets", roles=roles).findings
        if f.columns == ["reported_injury"]
    ]
    assert undated.severity == "critical"
