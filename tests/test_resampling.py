"""The weighted bootstrap gives the values the metric gives on the resampled rows."""

import numpy as np
import pytest

from workbench.inputs.metrics import METRICS, as_needed
from workbench.science import resampling
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
