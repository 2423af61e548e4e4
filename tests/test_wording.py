"""The one formatter: numbers, intervals, shares, counts and money as people write them."""

from __future__ import annotations

from types import SimpleNamespace

from workbench.wording import MINUS, count, interval, money, number, pct, span


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


def test_intervals_shares_counts_and_money():
    iv = SimpleNamespace(value=0.812, ci_low=0.79, ci_high=0.8301)
    assert interval(iv) == "0.812 (95% interval 0.790 to 0.830)"
    assert span(-0.02, 0.015) == f"{MINUS}0.020 to 0.015"
    assert pct(0.1234) == "12.3%" and pct(0) == "0%" and pct(-0.05) == f"{MINUS}5.0%"
    assert count(4454.0) == "4,454"
    assert money(-36_812.4) == f"{MINUS}36,812 EUR" and money(None) == "—"
