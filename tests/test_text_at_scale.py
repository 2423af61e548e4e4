"""What keeps a text study of 100,000 tickets within its memory and CPU budget
(`benchmarks/text_scale.py --study`, figures in `benchmarks/RESULTS.md`), on small data: the
linear text models read and fit in single precision with one stacked copy of the weights, a
solver that reaches the penalised optimum at least as closely as the one it replaced, and the
second text baseline taking the readings the first one left in the text memory."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

import baselines.text
import synth
from baselines import ColumnRoles, build, text_memory
from baselines.families import logistic_regression
from baselines.preprocess import linear_preprocessor
from baselines.text import TextSettings, side_by_side
from workbench.science import fit_cache
from workbench.science.cross_validation import cross_validate
from workbench.science.modeling import Prepared
from workbench.stages.baselines import walks_backward


@pytest.fixture(autouse=True)
def fresh_memory():
    fit_cache.clear()
    yield
    fit_cache.clear()


@pytest.fixture(scope="module")
def tickets():
    frame = synth.tickets(400, seed=3)
    frame["description"] = frame["description"].replace("\\N", np.nan).astype("str")
    y = pd.factorize(frame.pop("team"), sort=True)[0]
    X = frame.drop(columns=["ticket_id"])
    return X, y, ColumnRoles.from_frame(X, text=["description"])


def test_linear_text_models_read_and_fit_in_single_precision(tickets):
    X, y, cols = tickets
    assert cols.tabular  # the text beside other columns: these are made single precision too
    for name in ("linear", "tfidf_logistic"):
        model = build(name, cols, "multiclass", 0)
        prepared = model.named_steps["prepare"].fit_transform(X, y)
        assert sp.issparse(prepared) and prepared.dtype == np.float32, name
        solver = model.named_steps["model"]
        assert solver.solver == "newton-cg", name  # no random step: a refit is the same model
        solver.fit(prepared, y)
        assert solver.coef_.dtype == np.float32  # fitted on the weights as they are, no copy
    tabular = cols.without(cols.text)
    plain = build("linear", tabular, "multiclass", 0)
    assert plain.named_steps["model"].solver == "lbfgs"  # without text, as before
    assert plain.named_steps["prepare"].fit_transform(X, y).dtype == np.float64


def test_the_text_weights_are_stacked_once(tickets, monkeypatch):
    """The memory preparing the rows takes beyond the texts' readings (remembered first, as the
    text memory holds them), in units of one single-precision copy of the prepared weights.
    Before: about 3 for the text alone (scipy's stacking of words and characters, then a
    double-precision copy, then the column stacking's copy of it) and 5 with other columns;
    now the stacked rows once (with the other columns, the text's own stack beside them)."""
    monkeypatch.setattr(baselines.text, "ROWS_AT_ONCE", 64)  # small data: small scratch too
    X, y, cols = tickets
    big, yy = pd.concat([X] * 3, ignore_index=True), np.tile(y, 3)
    for roles, most in ((ColumnRoles(text=["description"]), 1.6), (cols, 2.6)):
        pre = linear_preprocessor(roles, TextSettings(min_df=1))
        text_memory.clear()
        clone(pre).fit_transform(big, yy)  # the readings, remembered
        tracemalloc.start()
        try:
            out = clone(pre).fit_transform(big, yy)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert out.dtype == np.float32
        assert peak < most * (out.data.nbytes + out.indices.nbytes + out.indptr.nbytes)


def test_side_by_side_is_scipys_stacking(monkeypatch):
    monkeypatch.setattr(baselines.text, "ROWS_AT_ONCE", 7)
    rng = np.random.default_rng(0)
    blocks = [
        sp.random(50, w, density=d, format="csr", dtype=np.float32, random_state=rng)
        for w, d in ((30, 0.2), (1, 1.0), (200, 0.05), (5, 0.0))
    ]
    ours, theirs = side_by_side(blocks), sp.hstack(blocks, format="csr")
    assert ours.dtype == np.float32 and ours.shape == theirs.shape
    for a in ("data", "indices", "indptr"):
        np.testing.assert_array_equal(getattr(ours, a), getattr(theirs, a))


def test_the_text_solver_reaches_the_optimum_at_least_as_closely_as_lbfgs(tickets):
    X, y, _ = tickets
    words = ColumnRoles(text=["description"])
    Xt = linear_preprocessor(words, TextSettings()).fit_transform(X, y)
    exact = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(Xt.astype(np.float64), y)
    truth = exact.predict_proba(Xt.astype(np.float64))
    used = logistic_regression(words, 0, C=1.0).fit(Xt, y)
    before = LogisticRegression(C=1.0, max_iter=2000).fit(Xt.astype(np.float64), y)
    now_off = np.abs(used.predict_proba(Xt) - truth).mean()
    before_off = np.abs(before.predict_proba(Xt.astype(np.float64)) - truth).mean()
    assert now_off <= before_off, (now_off, before_off)


def prepared(X, y, cols) -> Prepared:
    n = len(X)
    part = np.where(np.arange(n) < int(n * 0.75), "train", "test").astype(object)
    fold = np.arange(int(n * 0.75)) % 5
    return Prepared(X, X, y, ["a", "b", "c", "d"], part, fold, cols)


class Spec:
    seed = 0

    class metrics:
        primary, secondary = "f1_macro", ["balanced_accuracy"]

    class split:
        strategy = "stratified"

    class task:
        kind = "multiclass"


def test_a_cross_validation_walked_backward_scores_the_same(tickets):
    prep = prepared(*tickets)
    model = build("tfidf_logistic", prep.columns, "multiclass", 0)
    forward = cross_validate(model, prep, Spec, "x", "")
    fit_cache.clear()
    seen = []
    backward = cross_validate(
        model, prep, Spec, "x", "", backward=True, on_fitted=lambda m, s, n: seen.append(m)
    )
    assert backward == forward and len(seen) == 5


def test_the_second_text_baseline_takes_the_readings_the_first_left(tickets, monkeypatch):
    """Five folds' readings that do not fit the text memory: walking the folds back, the
    second text baseline finds the readings of four folds; walking forward, each reading it
    asks for was just pushed out (the least recently used go first)."""
    prep = prepared(*tickets)
    order = ["dummy", "linear", "keyword_rule", "tfidf_logistic"]
    assert walks_backward(order, prep, Spec) == {"tfidf_logistic"}

    def cv(name: str, backward: bool = False):
        model = build(name, prep.columns, "multiclass", 0)
        return cross_validate(model, prep, Spec, name, "", backward=backward, keep=False)

    def second_reads(backward: bool) -> dict:
        fit_cache.clear()
        cv("linear")
        text_memory.tally()
        cv("tfidf_logistic", backward)
        return text_memory.tally()

    cv("linear")
    held = text_memory.FEATURES._bytes  # what the five folds' readings weigh
    small = text_memory.Memory(budget=int(held * 0.85))  # four folds and a bit
    monkeypatch.setattr(text_memory, "FEATURES", small)
    monkeypatch.setattr(baselines.text, "FEATURES", small)
    forward, backward = second_reads(False), second_reads(True)
    # four folds more: their fits' weights and their validation rows', words and characters
    assert backward["remembered"] >= forward["remembered"] + 4 * 2
    assert backward["made"] < forward["made"]


def test_after_the_search_the_text_memory_keeps_nothing_new(tickets):
    from workbench.stages import TEXT_HELD_BACK

    assert set(TEXT_HELD_BACK) == {"evaluation", "assurance"}
    X, y, _ = tickets
    model = build("tfidf_logistic", ColumnRoles(text=["description"]), "multiclass", 0)
    text_memory.clear()
    with text_memory.held_back():
        held = clone(model).fit(X, y).predict_proba(X)
        assert text_memory.FEATURES._bytes == 0 and not text_memory.FEATURES._items
    assert text_memory.FEATURES.keeping  # kept again once the stage is done
    kept = clone(model).fit(X, y).predict_proba(X)
    assert text_memory.FEATURES._bytes > 0
    np.testing.assert_array_equal(held, kept)  # the same model whether kept or not


def test_a_search_over_free_text_on_a_sample_ends_at_the_text_trial_budget(tmp_path, monkeypatch):
    """With free text on a sample of the training part and no `tuning.trials` in the spec, the
    search stops at the profile's `text_trials` however long its time budget, and the result
    says so (a spec's own `tuning.trials` wins: tests/test_scale_levers.py)."""
    import dataclasses
    import json

    from conftest import staged_run
    from workbench.inputs import profiles

    small = dataclasses.replace(
        profiles.PROFILES["quick"], cv_rows=60, confirm_rows=60, text_trials=2
    )
    monkeypatch.setitem(profiles.PROFILES, "quick", small)
    frame = synth.tickets(120, seed=5)
    edits = {
        "# trials: 30": "# trials: 30",  # left out: the profile's budget
        "# minutes: 1.5": "minutes: 30",
        "profile: standard": "profile: quick",
        "cv_folds: 5": "cv_folds: 2",
    }
    # the baselines the tuning stage reads (the linear family at its defaults), not the zoo
    monkeypatch.setattr(
        "workbench.stages.baselines.applicable", lambda columns, task: ["dummy", "linear"]
    )
    stages = ["data", "leakage", "baselines", "tuning"]
    _, run = staged_run(tmp_path, frame, "team", stages, edits=edits)
    tuning = json.loads((run.results / "tuning.json").read_text())
    assert tuning["stopped_by"] == "trials" and tuning["trials_set_for_text"]
    assert tuning["trials_requested"] == 2 and tuning["profile_trials"] == small.trials
    assert tuning["trials_completed"] + tuning["trials_pruned"] == 2
