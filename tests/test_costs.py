"""What a model costs: latency on a bounded number of rows, and fit times that say on how
many rows they were measured; the baselines' costs come from a fold they already fitted."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

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
    fewer = costs.measure_fitted(Slow(0.01), 1.0, 240, X, "binary", budget_s=0.01, min_rows=5)
    assert fewer.latency_rows == 5  # the baselines': context, not judged


def test_the_size_is_the_skops_file_s_and_a_saved_file_is_not_written_again(tmp_path, monkeypatch):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    X = pd.DataFrame({"a": np.arange(60.0), "b": np.arange(60.0) % 7})
    model = LogisticRegression().fit(X, np.arange(60) % 2)
    measured = costs.measure_fitted(model, 1.0, 60, X, "binary")
    assert measured.size_kb == round(len(sio.dumps(model)) / 1024, 1) > 0
    path = tmp_path / "model.skops"
    sio.dump(model, path)
    monkeypatch.setattr(sio, "dumps", lambda _: pytest.fail("the saved file was written again"))
    given = costs.measure_fitted(model, 1.0, 60, X, "binary", file_bytes=path.stat().st_size)
    assert given.size_kb == measured.size_kb


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
        assert m.costs.latency_rows >= costs.BASELINE_LATENCY_MIN_ROWS and m.costs.size_kb > 0


def test_the_candidate_s_size_is_its_saved_file_s(finished_run):
    from workbench.store.results import EvaluationResult

    run_dir = finished_run.run_dir
    result = EvaluationResult.model_validate_json(
        (run_dir / "results" / "evaluation.json").read_text()
    )
    saved = (run_dir / "models" / "candidate.skops").stat().st_size
    assert result.costs.size_kb == round(saved / 1024, 1) > 0
    assert result.costs.latency_rows >= costs.LATENCY_MIN_ROWS


def test_a_model_this_process_saved_is_read_back_without_skops_until_its_file_changes(
    tmp_path, monkeypatch
):
    """The assurance stage reads the candidate the evaluation saved: the kernel hands back the
    model it kept (skops, whose import takes seconds, is not needed), never a stale one."""
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    from workbench.store.model_files import keep, load_model, write_model

    X = pd.DataFrame({"a": np.arange(60.0), "b": np.arange(60.0) % 7})
    model = LogisticRegression().fit(X, np.arange(60) % 2)
    path = tmp_path / "models" / "candidate.skops"
    assert write_model((model, path)) == path.stat().st_size > 0
    keep(model, path)
    with monkeypatch.context() as m:
        m.setattr(sio, "load", lambda *a, **k: pytest.fail("the kept model was read again"))
        assert load_model(path) is model
    other = LogisticRegression(C=0.01).fit(X, np.arange(60) % 2)
    write_model((other, path))  # the file changed since: it is read
    again = load_model(path)
    assert again is not model and again.C == 0.01
