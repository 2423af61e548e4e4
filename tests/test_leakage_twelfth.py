"""What the twelfth kept-aside generation showed, fixed once it became a tuning set: an encoding
of a key kept in the extract but not read by the model, an honest column the contract marks
known taken for a copy of the outcome, an honest outcome drifting along a date nobody declared
called a warning, and blanks the outcome made among honest blanks missed. The generators are
the calibration's (benchmarks/calibration_twelfth.py)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_twelfth as twelfth
from calibration_shapes import split_case
from case_check import check

from leakage_checks.encodings import out_of_order
from leakage_checks.finding import gravest, mildest
from leakage_checks.outcome_copies import beyond
from leakage_checks.util import symmetric_auc


def planted(kind: str, strength: float, rows: int, seed: int):
    plant, _, base = twelfth.PLANTED[kind]
    return plant(base(rows, seed), strength, np.random.default_rng(seed))


def test_an_encoding_of_a_key_the_model_does_not_read_is_found():
    # each model variant's sold share over the whole extract, as words; the variant code is in
    # the extract but no input, so keys were not looked for there (0 of 9 sets found)
    case = planted("variant_band", 8.0, 3000, 25002)
    assert "variant" not in case.features and "variant" in case.frame.columns
    [f] = check(case, 25002, "target_encoding").findings
    assert f.severity == "critical" and f.columns == ["variant_demand", "variant"]
    # without the code in the extract nothing tells the encoding from a band of the model
    case.frame = case.frame.drop(columns=["variant"])
    assert check(case, 25002, "target_encoding").findings == []


def test_a_column_the_contract_marks_known_is_never_a_critical_copy():
    # the asking price against the trade guide: an honest cause of its own that the data made
    # look like a copy of the outcome in one set of 40 (critical before)
    case = twelfth.car_sold(1800, 25023)
    _frames, roles, _, _ = split_case(case, 25023)
    assert "price_vs_guide_pct" in roles.known_at_prediction
    [f] = check(case, 25023, "outcome_copy").findings
    assert f.severity == "info" and f.columns == ["price_vs_guide_pct"]
    assert "The contract marks 'price_vs_guide_pct' known" in f.message
    # nobody stated its timing: what the data shows stands
    unknown = replace(
        roles,
        known_at_prediction=[c for c in roles.known_at_prediction if c != "price_vs_guide_pct"],
        unknown_timing=["price_vs_guide_pct"],
    )
    [f] = check(case, 25023, "outcome_copy", roles=unknown).findings
    assert f.severity == "critical"


def test_an_outcome_drifting_along_a_date_nobody_declared_is_a_statement():
    # runners who enter early fail to start more often: the rate falls along the entry date
    # (a warning in 6 of 40 null sets before), though no time was declared
    case = twelfth.race_dns(5200, 25002)
    _frames, roles, _, _ = split_case(case, 25002)
    assert roles.time_column is None
    drift = [f for f in check(case, 25002, "time_order").findings if "drifts" in f.message]
    assert [f.severity for f in drift] == ["info"]
    # the same date declared as the time, and the split still by runner: a warning
    declared = replace(roles, time_column="entered_on")
    drift = [
        f
        for f in check(case, 25002, "time_order", roles=declared).findings
        if "drifts" in f.message
    ]
    assert [f.severity for f in drift] == ["warning"]


def test_blanks_the_outcome_made_among_honest_blanks_are_a_copy():
    # the start wave: blank for the 10k, for late entries (both known to the other inputs) and
    # for those who withdrew before the allocation; the honest blanks move with the inputs,
    # so whether it was blank was not screened off by the outcome (1 of 9 sets found)
    for strength in (1.0, 0.6):
        case = planted("start_wave", strength, 3000, 25002)
        [f] = check(case, 25002, "outcome_copy").findings
        assert f.severity == "critical" and f.columns == ["start_wave"]
        assert f.evidence["beyond_what_other_inputs_say"] == 1.0
        assert "beyond what the other inputs say of it" in f.message
    # the same extract without the leak: the predicted finish is blank for most first-timers
    # and the start wave for the 10k and late entries, honestly
    clean = twelfth.entries(3000, 25002)
    assert clean.frame["predicted_finish_min"].isna().mean() > 0.1
    assert check(clean, 25002, "outcome_copy").findings == []


def test_each_keys_band_is_its_most_common_one():
    # a key's band is its modal value (the lowest of a tie), counted for all keys at once; keys
    # of four rows, bands mostly the key's own, ties common
    rng = np.random.default_rng(3)
    keys = rng.integers(0, 500, 2000)
    band = np.where(rng.random(2000) < 0.6, keys % 4, rng.integers(0, 4, 2000))
    y = (rng.random(2000) < 0.2 + 0.15 * (keys % 4)).astype(float)
    table = pd.DataFrame({"k": keys, "b": band})
    counts = table.groupby(["k", "b"]).size().groupby(level=0)
    assert (counts.max() == counts.nlargest(2).groupby(level=0).min()).sum() > 50  # ties
    modal = table.groupby("k")["b"].agg(lambda b: b.mode()[0])
    assert out_of_order(keys, band, y) == out_of_order(keys, modal[keys].to_numpy(), y)
    first = table.groupby("k")["b"].first()
    assert out_of_order(keys, band, y) != out_of_order(keys, first[keys].to_numpy(), y)


def test_severities_are_ordered_once():
    assert gravest("info", "critical", "warning") == "critical"
    assert gravest(None, "info") == "info"
    assert mildest("critical", "warning") == "warning"
    assert mildest("warning", None) is None


def test_an_input_empty_in_one_class_does_not_stop_the_blanks_being_judged():
    # a field filled in for some withdrawn runners only, empty in every other row: the model of
    # the start wave's blanks learnt among those who started cannot be fitted on it (a gradient
    # boosting model stops on an input with no value), and is fitted without it there
    case = planted("start_wave", 1.0, 3000, 25002)
    X = case.frame[case.features].reset_index(drop=True)
    y = case.y.astype(int)
    others = X.drop(columns=["start_wave"]).assign(
        withdrawal_fee=np.where((y == 1) & (np.arange(len(y)) % 2 == 0), 12.5, np.nan)
    )
    flag = X["start_wave"].notna().to_numpy(dtype="float64")
    rests = beyond(others, flag, y, 25002)
    assert set(rests) == {0}  # learnt among those who started; all others withdrew blank
    assert np.isfinite(rests[0]).all()
    assert symmetric_auc(y, rests[0]) > 0.9
