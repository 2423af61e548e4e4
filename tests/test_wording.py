"""The one formatter: numbers, intervals, shares, counts and money as people write them."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from workbench.language import use_language
from workbench.wording import (
    MINUS,
    count,
    interval,
    lower_first,
    money,
    number,
    pct,
    plural,
    short_number,
    span,
    times,
    value,
    when,
)


def test_numbers_have_no_scientific_notation_and_a_true_minus():
    assert number(0.81234) == "0.812"
    assert number(0.000134) == "0.000134"
    assert number(-0.02) == f"{MINUS}0.020"
    assert number(-0.0001, 3) == f"{MINUS}0.000100"  # three significant digits
    assert number(-0.0004 + 0.0004) == "0.000"
    assert number(23540.7) == "23,541"
    assert number(-105_700.0) == f"{MINUS}105,700"
    assert number(131) == "131" and number(None) == "—" and number(float("nan")) == "—"
    assert "e" not in number(1.34e-04) and "e" not in number(2.354e04)
    assert number(0.00001, 0) == "0" and number(0.7, 0) == "1"  # no decimals asked: none shown


def test_intervals_shares_counts_and_money():
    iv = SimpleNamespace(value=0.812, ci_low=0.79, ci_high=0.8301)
    assert interval(iv) == "0.812 (95% interval 0.790 to 0.830)"
    assert span(-0.02, 0.015) == f"{MINUS}0.020 to 0.015"
    assert pct(0.1234) == "12.3%" and pct(0) == "0%" and pct(-0.05) == f"{MINUS}5.0%"
    assert count(4454.0) == "4,454"
    assert money(-36_812.4) == f"{MINUS}36,812 EUR" and money(None) == "—"


def test_counts_dates_plurals_and_names_for_people():
    assert times(1) == "once" and times(2) == "twice" and times(5) == "5 times"
    assert plural(1, "check") == "1 check" and plural(3, "check") == "3 checks"
    assert plural(1_200, "row is a duplicate", "rows are duplicates") == "1,200 rows are duplicates"
    assert lower_first("ROC AUC of the candidate") == "ROC AUC of the candidate"
    assert lower_first("R2 of the model") == "R2 of the model"
    assert lower_first("Lift over the baseline") == "lift over the baseline"
    with use_language("de"):  # German nouns keep their capital in mid-sentence
        assert lower_first("Datenlecks und Prüfstichprobe") == "Datenlecks und Prüfstichprobe"
    assert when("2026-03-01T00:00:00") == "1 March 2026"
    assert when("2026-11-26T12:11:22+00:00") == "26 November 2026, 12:11 UTC"


def test_cell_values_without_trailing_zeros_midnights_or_exponents():
    assert value(131.0) == "131" and value(152_700.0) == "152,700" and value(7) == "7"
    assert value(pd.Timestamp("2024-05-01")) == "2024-05-01"
    assert value(pd.Timestamp("2024-05-01 13:45")) == "2024-05-01 13:45"
    assert value(float("nan")) == "missing" and value(None) == "missing"
    assert value(0.000134) == "0.000134" and value(-2.5) == f"{MINUS}2.50"
    assert "e" not in short_number(2.354e-05) and short_number(23_540.0) == "23,540"
