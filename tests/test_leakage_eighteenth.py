"""What the seventeenth and eighteenth kept-aside generations showed, fixed once they became
tuning sets: a reference numbered year by year with part of one class first (lost-property
reports before the year's other bags, injury files before the season's other appearances) is
no ordering the ten blocks of the whole range can see — along the number, each class sits in
blocks within each year. Honest numbers handed out in time order, where the outcome comes in
spells (a storm's cancelled sailings), group the classes as the dates do, and stay clean."""

from __future__ import annotations

import numpy as np
import pandas as pd
from case_check import run_one, shuffled_split

from leakage_checks.identifiers import runs_ratio


def _frames(ref: np.ndarray, day: np.ndarray, y: np.ndarray, x: np.ndarray, seed: int):
    day = pd.Timestamp("2022-01-01") + pd.to_timedelta(day, unit="D")
    return shuffled_split(pd.DataFrame({"ref": ref, "day": day, "x": x}), y, seed)


def _cases(n: int, seed: int):
    rng = np.random.default_rng(seed)
    day = np.sort(rng.integers(0, 3 * 365, n))
    x = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(x - 1.5)))).astype(int)
    return rng, day, x, y


def test_numbers_given_year_by_year_to_part_of_one_class_first_are_critical():
    rng, day, x, y = _cases(3_000, 1)
    first = (y == 1) & (rng.random(len(y)) < 0.4)
    year = day // 365
    order = np.lexsort((day, ~first, year))  # each year: the reports first, then the rest
    ref = np.empty(len(y), dtype=np.int64)
    ref[order] = 500_000 + np.arange(len(y))
    run = run_one(*_frames(ref, day, y, x, 1), "identifiers")
    [finding] = [f for f in run.findings if f.columns == ["ref"]]
    assert finding.severity == "critical", finding.evidence
    assert finding.evidence["runs_ratio"] < 0.8 < finding.evidence["runs_ratio_along_dates"]


def test_numbers_in_time_order_where_the_outcome_comes_in_spells_are_clean():
    rng, day, x, _ = _cases(3_000, 2)
    storm = rng.random(3 * 365) < 0.08  # a stormy day cancels most sailings
    y = np.where(storm[day], rng.random(len(day)) < 0.9, rng.random(len(day)) < 0.05)
    ref = 100_000 + np.arange(len(day))  # numbered as the sailings were scheduled
    run = run_one(*_frames(ref, day, y.astype(int), x, 2), "identifiers")
    assert not [f for f in run.findings if f.columns == ["ref"]], run.findings
    # the grouping is there, along the dates as along the number
    assert runs_ratio(day.astype(float), y.astype(int), 0)[0] < 0.8


def test_runs_in_a_random_order_are_as_many_as_chance_gives():
    rng = np.random.default_rng(3)
    y = (rng.random(5_000) < 0.2).astype(int)
    ratio, p = runs_ratio(rng.permutation(5_000).astype(float), y, 0)
    assert 0.95 < ratio < 1.05 and p > 0.001
