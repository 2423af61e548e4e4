"""The weighted bootstrap gives the values the metric gives on the resampled rows."""

import warnings

import numpy as np
import pandas as pd
import pytest

from workbench.inputs.metrics import METRICS, as_needed
from workbench.science import resampling
from workbench.science.bootstrap_units import (
    autocorrelation_length,
    resamples_for,
    split_resamples,
)
from workbench.science.resampling import bootstrap_indices, bootstrap_scores, scores_per_copy


def _data(task: str, n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    if task == "regression":
        y = rng.normal(size=n)
        return y, y + rng.normal(scale=0.5, size=n).round(1)  # rounded: tied predictions
    k = 2 if task == "binary" else 4
    y = rng.integers(0, k, size=n)
    raw = rng.random((n, k)).round(2) + np.eye(k)[y] * 0.3  # rounded: many tied scores
    return y, raw / raw.sum(axis=1, keepdims=True)


CASES = [
    (task, name)
    for task in ("binary", "multiclass", "regression")
    for name, m in METRICS.items()
    if task in m.tasks
]


@pytest.mark.parametrize("task,name", CASES)
@pytest.mark.parametrize("n", [12, 300])
def test_weighted_bootstrap_matches_the_loop(task, name, n):
    """Small n makes resamples that miss a class (NaN in both); ties in every score."""
    y, pred = _data(task, n, seed=n)
    metric = METRICS[name]
    idx = bootstrap_indices(n, 60, seed=3)
    fast = resampling.weighted_bootstrap(name, y, as_needed(metric, pred), idx)
    assert fast is not None, f"{name} has no weighted form"
    slow = scores_per_copy(metric, y, as_needed(metric, pred), idx)
    np.testing.assert_array_equal(np.isnan(fast), np.isnan(slow))
    np.testing.assert_allclose(fast[~np.isnan(fast)], slow[~np.isnan(slow)], rtol=1e-9, atol=1e-12)
    assert np.isfinite(fast).sum() > 30  # the comparison covered real values


def test_blocks_and_sub_blocks_give_the_same_resamples(monkeypatch):
    """Splitting the resamples into blocks (memory) must not change which resamples are used."""
    y, pred = _data("binary", 500)
    metric = METRICS["roc_auc"]
    whole = bootstrap_scores(metric, y, pred, bootstrap_indices(500, 40, seed=1))
    monkeypatch.setattr(resampling, "SUB_BLOCK_CELLS", 1_000)  # two resamples per sub-block
    idx = bootstrap_indices(500, 40, seed=1)
    idx.block = 7
    np.testing.assert_allclose(bootstrap_scores(metric, y, pred, idx), whole, rtol=1e-12)


def test_a_metric_without_weighted_form_falls_back_to_the_loop(monkeypatch):
    y, pred = _data("binary", 200)
    metric = METRICS["brier"]
    idx = bootstrap_indices(200, 20, seed=2)
    fast = bootstrap_scores(metric, y, pred, idx)
    monkeypatch.delitem(resampling._WEIGHTED, "brier")
    assert resampling.weighted_bootstrap("brier", y, pred, idx) is None
    np.testing.assert_allclose(bootstrap_scores(metric, y, pred, idx), fast, rtol=1e-9)


def test_bootstrap_means_match_the_mean_of_each_resample():
    values = np.random.default_rng(4).normal(size=150)
    idx = bootstrap_indices(150, 25, seed=5)
    expected = [values[rows].mean() for rows in idx]
    np.testing.assert_allclose(resampling.bootstrap_means(values, idx), expected, rtol=1e-12)


# -- what the bootstrap resamples: rows, whole groups, blocks in time order ---------------------
def test_a_group_bootstrap_draws_whole_groups():
    groups = np.repeat(np.arange(8), [1, 2, 3, 4, 5, 6, 7, 8])  # 36 rows in 8 groups
    plan = resamples_for(50, seed=0, groups=groups)
    assert plan.kind == "groups" and "8 groups" in plan.describe()
    for counts in np.concatenate(list(plan.counts())):
        per_group = pd.Series(counts).groupby(groups).agg(["min", "max"])
        assert (per_group["min"] == per_group["max"]).all()  # a group drawn k times: k each
        drawn = pd.Series(counts).groupby(groups).first()
        assert drawn.sum() == 8  # as many groups as there are, with replacement


def test_a_block_bootstrap_draws_runs_of_consecutive_rows_in_time_order():
    """Times that make fewer than MIN_UNITS calendar units (hours of three days): circular
    blocks of consecutive rows in time order."""
    rng = np.random.default_rng(1)
    hours = pd.to_timedelta(rng.permutation(64), "h")
    times = pd.Series(pd.to_datetime("2024-01-01") + hours)
    plan = resamples_for(30, seed=2, times=times)
    assert plan.kind == "blocks" and plan.length == 4  # 64^(1/3): nothing set it
    order = np.argsort(times.to_numpy())
    expected_total = np.ceil(64 / 4) * 4
    rng_again = np.random.default_rng(2)
    for counts in np.concatenate(list(plan.counts())):
        starts = rng_again.integers(0, 64, size=16)
        by_hand = np.zeros(64)
        for s in starts:
            by_hand[order[(s + np.arange(4)) % 64]] += 1  # 4 consecutive hours, wrapping round
        np.testing.assert_array_equal(counts, by_hand)
        assert counts.sum() == expected_total


def test_the_time_is_resampled_in_the_finest_calendar_unit_the_data_spans():
    start = pd.Timestamp("2024-01-01")
    days = pd.Series(start + pd.to_timedelta(np.repeat(np.arange(30), 5) * 24 + 9, "h"))
    plan = resamples_for(20, 0, times=days)
    assert plan.kind == "time units" and plan.units == 30 and plan.length == 1
    assert plan.describe() == "whole days (30 days, every row of a day drawn together)"
    for counts in np.concatenate(list(plan.counts())):  # a day's five rows drawn together
        assert (pd.Series(counts).groupby(np.arange(150) // 5).nunique() == 1).all()
    months = pd.Series(pd.date_range("2020-01-01", periods=40, freq="MS")).repeat(3)
    plan = resamples_for(5, 0, times=months)  # one date a month: the data knows months
    assert (plan.unit, plan.units) == ("month", 40) and plan.describe().startswith("whole months")
    weeks = pd.Series(pd.date_range("2020-01-06", periods=13, freq="W-MON")).repeat(3)
    assert (resamples_for(5, 0, times=weeks).unit, resamples_for(5, 0, times=weeks).units) == (
        "week",
        13,
    )
    ten = pd.Series(start + pd.to_timedelta(np.arange(10), "D")).repeat(5)  # 10 days: too few
    assert resamples_for(5, 0, times=ten).kind == "blocks"
    periods = pd.Series(np.repeat(np.arange(202301, 202313), 4))  # plain numbers: their values
    plan = resamples_for(5, 0, times=periods)
    assert (plan.kind, plan.units) == ("time units", 12)


def test_the_autocorrelation_sets_how_many_consecutive_units_a_block_holds():
    rng = np.random.default_rng(3)
    assert autocorrelation_length(rng.normal(size=200)) == 1  # independent neighbours
    ar = np.zeros(200)
    for t in range(1, 200):
        ar[t] = 0.9 * ar[t - 1] + rng.normal()
    assert autocorrelation_length(ar) > 3
    # days whose outcome drifts slowly: blocks of several consecutive days
    day = np.repeat(np.arange(60), 20)
    level = np.repeat(np.sin(np.arange(60) / 6), 20)
    y = (rng.random(1200) < 0.5 + 0.4 * level).astype(int)
    times = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(day, "D"))
    plan = resamples_for(20, 0, times=times, y=y)
    assert plan.kind == "time units" and plan.length > 1
    assert plan.describe().startswith(f"blocks of {plan.length} consecutive days (60 days")
    for counts in np.concatenate(list(plan.counts())):
        assert (pd.Series(counts).groupby(day).nunique() == 1).all()


@pytest.mark.parametrize("kind", ["groups", "times"])
def test_the_counts_bootstrap_gives_the_metric_of_each_resampled_copy(kind):
    """Group and block resamples hold varying numbers of rows: the weighted metrics still
    match the metric recomputed on each copy."""
    rng = np.random.default_rng(4)
    n = 240
    y = rng.integers(0, 2, n)
    pred = np.clip(0.3 * y + rng.random(n), 0, 1).round(2)
    plan = resamples_for(
        40,
        3,
        **({"groups": rng.integers(0, 25, n)} if kind == "groups" else {"times": rng.random(n)}),
    )
    for name in ("roc_auc", "accuracy", "brier", "average_precision", "f1"):
        metric = METRICS[name]
        p = as_needed(metric, np.column_stack([1 - pred, pred]))
        fast = resampling.weighted_bootstrap(name, y, p, plan)
        np.testing.assert_allclose(fast, scores_per_copy(metric, y, p, plan), rtol=1e-9)
    means = resampling.bootstrap_means(pred, plan)
    np.testing.assert_allclose(means, [pred[rows].mean() for rows in plan], rtol=1e-12)


def test_clustered_rows_get_a_wider_interval_from_the_group_bootstrap():
    """Rows of one customer share their score: resampling rows pretends they are independent."""
    rng = np.random.default_rng(0)
    groups = rng.integers(0, 20, 2000)
    values = rng.normal(size=20)[groups] + rng.normal(0, 0.1, 2000)
    width = {}
    for kind, plan in [
        ("rows", resamples_for(400, 1, n=2000)),
        ("groups", resamples_for(400, 1, groups=groups)),
    ]:
        lo, hi = resampling.interval(resampling.bootstrap_means(values, plan))
        width[kind] = hi - lo
    assert width["groups"] > 5 * width["rows"]


def test_the_split_decides_what_is_resampled():
    from workbench.inputs.spec import Split

    frame = pd.DataFrame(
        {"customer": np.repeat(np.arange(10), 4), "day": pd.date_range("2024-01-01", periods=40)}
    )
    rows = np.arange(20, 40)
    by = {
        "group": Split(strategy="group", group_column="customer"),
        "time": Split(strategy="time", time_column="day"),
        "stratified": Split(),
    }
    plans = {k: split_resamples(s, frame, rows, 10, 0) for k, s in by.items()}
    assert plans["group"].kind == "groups" and plans["group"].units == 5  # customers 5-9
    assert plans["time"].kind == "time units" and plans["time"].n == 20  # 20 days: whole days
    assert plans["stratified"].kind == "rows" and plans["stratified"].describe() == "single rows"


@pytest.mark.parametrize("seed", range(6))
def test_the_metrics_auc_from_ranks_is_scikit_learns(seed):
    """The spec's ROC AUC for two classes, from ranks, is scikit-learn's to the last digit:
    ties half, the greater label positive, labels of any kind; one class as there."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]
    p = np.round(rng.random(n), int(rng.integers(1, 4)))  # coarse: many ties
    auc = METRICS["roc_auc"]
    assert auc.fn(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert auc.fn(y, np.column_stack([1 - p, p])) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    words = np.where(y == 1, "yes", "no")  # 'yes' sorts after 'no': positive, as in scikit-learn
    assert auc.fn(words, p) == pytest.approx(roc_auc_score(words, p), abs=1e-12)
    with warnings.catch_warnings():  # one class: scikit-learn's answer (not defined), as there
        warnings.simplefilter("ignore")
        one = np.zeros(n, dtype=int)
        assert np.isnan(auc.fn(one, p)) and np.isnan(roc_auc_score(one, p))
