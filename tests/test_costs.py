"""What a model costs: latency on a bounded number of rows, and fit times that say on how
many rows they were measured; the baselines' costs come from a fold they already fitted."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

import synth
from conftest import staged_run
from workbench.science import costs
from workbench.science.modeling import prepare
from workbench.science.splits import cv_splits
from workbench.store.results import BaselinesResult


class Slow:
    """A fitted model whose single-row prediction takes `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def predict_proba(self, X):
        time.sleep(self.seconds)
        return np.tile([0.5, 0.5], (len(X), 1))


def test_latency_is_timed_on_100_rows_or_fewer_for_a_slow_pipeline(monkeypatch):
    X = pd.DataFrame({"a": np.arange(300.0)})
    fast = costs.measure_fitted(Slow(0.0), 1.234, 240, X, "binary")
    assert fast.latency_rows == 100 and fast.fit_rows == 240 and fast.fit_seconds == 1.234
    monkeypatch.setattr(costs, "LATENCY_BUDGET_S", 0.05)
    slow = costs.measure_fitted(Slow(0.01), 1.0, 240, X, "binary")
    assert slow.latency_rows == costs.LATENCY_MIN_ROWS
    assert slow.latency_ms_p50 >= 10
    monkeypatch.setattr(costs, "LATENCY_BUDGET_S", 10.0)  # a budget given wins (the baselines')
    short = costs.measure_fitted(Slow(0.01), 1.0, 240, X, "binary", budget_s=0.05)
    assert short.latency_rows == costs.LATENCY_MIN_ROWS


def test_baseline_costs_are_measured_on_the_last_fold_without_another_fit(tmp_path):
    ctx, run = staged_run(
        tmp_path, synth.applicants(400), "status", ["data", "leakage", "baselines"]
    )
    result = run.load_result("baselines", BaselinesResult)
    prep = prepare(ctx, run).sampled(ctx.spec.budget.cv_rows, ctx.spec.seed)
    last_fold_rows = len(cv_splits(prep.fold, ctx.spec.split.strategy)[-1][0])
    assert all(m.costs is not None for m in result.models)
    for m in result.models:
        assert m.costs.fit_rows == last_fold_rows < result.cv_rows, m.name
        assert m.costs.latency_rows > 0 and m.costs.size_kb > 0
