"""What the twenty-second and twenty-third kept-aside generations showed, fixed once they became
tuning sets: an identifier handed out in date order whose numbers, for rows of one outcome,
come weeks after their dates (a works order numbered at the re-repair, an invoice numbered
after the credit) is a number given after the outcome — critical, naming the identifier, not
only a gap between the split's scores. Honest lags spread over every row: a booking number
given weeks before the stay, or invoices numbered late for a tenth of the rows whatever their
outcome, make no certain subset.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_sets
from case_check import check, run_one, shuffled_split


def test_works_orders_numbered_at_the_re_repair_are_critical_and_named():
    _clean, case = calibration_sets.SETS["tuning"].leaky("works_orders", 1.0, 1_500, 45_500)
    run = check(case, 45_500, "identifiers")
    [finding] = [f for f in run.findings if f.columns == ["works_order_no"]]
    assert finding.severity == "critical", finding.evidence
    assert finding.evidence["purity"] == 1.0
    assert "numbered in the order of 'repaired_on'" in finding.message


def _numbered(day: np.ndarray, given: np.ndarray, y: np.ndarray, seed: int):
    """Numbers handed out in the order of the day they were `given`, beside the row's day."""
    number = np.empty(len(day), dtype=np.int64)
    number[np.argsort(given + np.random.default_rng(seed).random(len(day)))] = 10_000 + np.arange(
        len(day)
    )
    when = pd.Timestamp("2023-01-01") + pd.to_timedelta(day, unit="D")
    frame = pd.DataFrame(
        {"number": number, "day": when, "x": np.random.default_rng(seed).normal(size=len(day))}
    )
    return shuffled_split(frame, y, seed, time_column="day")


def test_an_invoice_numbered_after_the_credit_for_returned_orders_is_critical():
    rng = np.random.default_rng(5)
    n = 2_000
    day = np.sort(rng.integers(0, 600, n))
    y = (rng.random(n) < 0.2).astype(int)
    late = (y == 1) & (rng.random(n) < 0.6)
    given = day + np.where(late, rng.integers(20, 90, n), 0)
    run = run_one(*_numbered(day, given, y, 5), "identifiers")
    assert run.status == "critical" and run.findings[0].columns == ["number"]


def test_honest_lags_spread_over_every_row_are_no_late_numbering():
    rng = np.random.default_rng(6)
    n = 2_000
    # a booking number given at booking, 0 to 200 days before the stay: the lead time honestly
    # predicts cancellation, and the number alone tells the lead time
    stay = np.sort(rng.integers(200, 900, n))
    lead = rng.integers(0, 200, n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(lead - 100) / 25))).astype(int)
    assert not _late(run_one(*_numbered(stay, stay - lead, y, 6), "identifiers"))
    # invoices numbered weeks late for a tenth of the orders, whatever their outcome
    y = (rng.random(n) < 0.2).astype(int)
    given = stay + np.where(rng.random(n) < 0.1, rng.integers(20, 90, n), 0)
    assert not _late(run_one(*_numbered(stay, given, y, 7), "identifiers"))
    # the same late numbers for the returned orders only are found: the test can fail
    given = stay + np.where((y == 1) & (rng.random(n) < 0.5), rng.integers(20, 90, n), 0)
    assert _late(run_one(*_numbered(stay, given, y, 7), "identifiers"))


def _late(run) -> bool:
    """Whether the run found rows numbered late, whatever its severity."""
    return any("rows_numbered_late" in f.evidence for f in run.findings)
