"""The levers that keep a large study affordable: run profiles, the cross-validation sample,
bootstrap resamples drawn in blocks, and forests with bounded trees."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

import synth
from baselines import ColumnRoles
from baselines.forest import BoundedForestClassifier
from workbench.errors import BadInput
from workbench.inputs.metrics import METRICS
from workbench.inputs.profiles import MIN_RESAMPLES, PROFILES
from workbench.inputs.spec import Spec
from workbench.science.modeling import Prepared
from workbench.science.resampling import Resamples, bootstrap_scores

BASE = {
    "name": "t",
    "question": "q",
    "decision": "d",
    "data": {"path": "x.csv", "contract": "c.yaml"},
    "task": {"kind": "binary", "target": "y"},
    "acceptance": {"min_primary_score": 0.7},
}


def prepared(n: int = 10_000, folds: int = 5, positive_share: float = 0.2) -> Prepared:
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=n)})
    y = (rng.random(n) < positive_share).astype(np.int64)
    part = np.where(np.arange(n) % 4 == 0, "test", "train").astype(object)
    fold = rng.integers(0, folds, (part == "train").sum())
    return Prepared(X, X, y, ["no", "yes"], part, fold, ColumnRoles.from_frame(X))


def test_the_profile_sets_the_tuning_budget_unless_the_spec_does():
    assert Spec.model_validate(BASE).tuning.trials == PROFILES["standard"].trials
    quick = Spec.model_validate({**BASE, "profile": "quick"})
    assert (quick.tuning.trials, quick.tuning.minutes) == (12, 1.0)
    mine = Spec.model_validate({**BASE, "profile": "quick", "tuning": {"minutes": 9}})
    assert (mine.tuning.trials, mine.tuning.minutes) == (12, 9)
    assert mine.budget.cv_rows == PROFILES["quick"].cv_rows


def test_a_search_over_free_text_on_a_sample_has_the_profiles_text_trial_budget():
    """Each trial reads every fold's text anew: on a sample of the training part the search
    over free text takes the profile's `text_trials`; a spec that sets its trials keeps them,
    and a search without text, or on every training row, keeps the profile's trials."""
    standard = Spec.model_validate(BASE)
    text_trials = PROFILES["standard"].text_trials
    assert text_trials < PROFILES["standard"].trials
    assert standard.search_trials(text=True, sampled=True) == (text_trials, True)
    assert standard.search_trials(text=False, sampled=True) == (30, False)
    assert standard.search_trials(text=True, sampled=False) == (30, False)
    mine = Spec.model_validate({**BASE, "tuning": {"trials": 30}})
    assert mine.search_trials(text=True, sampled=True) == (30, False)
    few = Spec.model_validate({**BASE, "tuning": {"trials": 2}})
    assert few.search_trials(text=True, sampled=True) == (2, False)
    thorough = Spec.model_validate({**BASE, "profile": "thorough"})
    assert thorough.search_trials(True, True) == (PROFILES["thorough"].text_trials, True)


def test_an_unknown_profile_is_refused_with_the_choices(tmp_path):
    from workbench.inputs.spec import load_spec

    spec = tmp_path / "s.yaml"
    spec.write_text(
        "name: t\nquestion: q\ndecision: d\nprofile: fast\n"
        "data: {path: x.csv, contract: c.yaml}\ntask: {kind: binary, target: y}\n"
        "acceptance: {min_primary_score: 0.7}\n"
    )
    with pytest.raises(BadInput) as err:
        load_spec(spec, check_paths=False)
    text = str(err.value)
    assert "profile" in text and "'quick'" in text and "s.yaml" in text


def test_the_cv_sample_keeps_fold_and_class_shares_and_leaves_the_test_part():
    prep = prepared()
    small = prep.sampled(2_000, seed=1)
    assert len(small.train) == pytest.approx(2_000, abs=10)
    assert np.array_equal(small.test, prep.test)
    assert len(small.fold) == len(small.train)
    for f in range(5):
        share = (small.fold == f).mean()
        assert share == pytest.approx((prep.fold == f).mean(), abs=0.01)
    assert small.y[small.train].mean() == pytest.approx(prep.y[prep.train].mean(), abs=0.01)
    # each sampled row keeps its own fold
    position = {row: i for i, row in enumerate(prep.train)}
    assert all(prep.fold[position[r]] == f for r, f in zip(small.train, small.fold, strict=True))
    again = prep.sampled(2_000, seed=1)
    assert np.array_equal(again.train, small.train)  # workers draw the same rows
    assert not np.array_equal(prep.sampled(2_000, seed=2).train, small.train)


def test_no_sample_when_the_training_part_fits_the_budget():
    prep = prepared(1_000)
    assert prep.sampled(5_000, seed=1) is prep
    assert prep.sampled(None, seed=1) is prep


def test_resamples_are_the_same_on_every_pass_and_match_one_draw():
    r = Resamples(1_000, 300, seed=3, block_cells=7_000)  # blocks of 7 resamples
    assert r.block == 7 and len(r) == 300
    first, second = np.array(list(r)), np.array(list(r))
    assert np.array_equal(first, second)
    assert np.array_equal(first, np.random.default_rng(3).integers(0, 1_000, size=(300, 1_000)))


def test_bootstrap_scores_work_on_lazy_resamples():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 500)
    p = np.clip(y * 0.3 + rng.random(500) * 0.7, 0, 1)
    proba = np.column_stack([1 - p, p])
    scores = bootstrap_scores(METRICS["roc_auc"], y, proba, Resamples(500, 50, seed=0))
    assert scores.shape == (50,) and np.isfinite(scores).all() and scores.std() > 0


def test_large_holdouts_get_fewer_resamples_never_below_the_floor():
    standard = PROFILES["standard"]
    assert standard.resamples(1_000) == standard.bootstrap
    assert standard.resamples(250_000) == MIN_RESAMPLES
    assert MIN_RESAMPLES < standard.resamples(100_000) < standard.bootstrap


def test_forest_trees_are_bounded_on_large_data_only(monkeypatch):
    import baselines.forest as forest

    monkeypatch.setattr(forest, "MAX_TREE_ROWS", 300)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(2_000, 3)), rng.integers(0, 2, 2_000)
    big = BoundedForestClassifier(n_estimators=3, random_state=0).fit(X, y)
    assert big.max_samples is None  # the parameter is left as given
    assert max(t.tree_.weighted_n_node_samples[0] for t in big.estimators_) == 300
    small = BoundedForestClassifier(n_estimators=3, random_state=0).fit(X[:200], y[:200])
    assert small.estimators_[0].tree_.weighted_n_node_samples[0] == 200  # a full bootstrap


def test_a_threaded_forest_predicts_the_same_bits_every_time():
    """Trees grow in threads, but summing their outputs in threads depends on which thread
    finishes first; `workbench verify` compares re-runs exactly, so prediction is on one
    thread (and the forest keeps the thread count it was given for the next fit)."""
    from baselines.forest import BoundedForestRegressor

    rng = np.random.default_rng(0)
    X = rng.normal(size=(3_000, 8))
    y = (X[:, 0] + rng.normal(size=3_000) > 0).astype(int)
    for model, predict in (
        (
            BoundedForestClassifier(
                n_estimators=60, min_samples_leaf=2, n_jobs=4, random_state=0
            ).fit(X, y),
            "predict_proba",
        ),
        (
            BoundedForestRegressor(
                n_estimators=60, min_samples_leaf=2, n_jobs=4, random_state=0
            ).fit(X, X[:, 0]),
            "predict",
        ),
    ):
        first = getattr(model, predict)(X)
        assert all(np.array_equal(first, getattr(model, predict)(X)) for _ in range(15))
        assert model.n_jobs == 4


def test_a_bounded_forest_round_trips_through_the_safe_model_file(tmp_path):
    from baselines import family_pipeline as build_model
    from workbench.store.model_files import load_model, save_model

    frame = synth.applicants(300)
    X, y = frame.drop(columns="status"), (frame["status"] == "bad").astype(int)
    model = build_model(
        "random_forest", {"n_estimators": 5}, ColumnRoles.from_frame(X), "binary", 0
    ).fit(X, y)
    save_model(model, tmp_path / "m.skops")
    assert not (set(sio.get_untrusted_types(file=tmp_path / "m.skops")) - _trusted())
    again = load_model(tmp_path / "m.skops")
    assert np.allclose(again.predict_proba(X), model.predict_proba(X))


def _trusted() -> set[str]:
    from workbench.store.model_files import TRUSTED

    return TRUSTED


def test_the_snapshot_narrows_whole_numbers_and_keeps_floats_exact():
    from workbench.inputs.contract import ColumnSpec
    from workbench.inputs.files import _coerce_column as convert
    from workbench.inputs.formats import ReadOptions

    def _coerce_column(values, kind):
        return convert(values, ColumnSpec(type=kind), ReadOptions())

    small, _ = _coerce_column(pd.Series(["1", "2", "300"]), "integer")
    assert small.dtype == "int32"
    huge, _ = _coerce_column(pd.Series([1, 2**40]), "integer")
    assert huge.dtype == "int64" and huge.iloc[1] == 2**40
    gaps, _ = _coerce_column(pd.Series([1, None, 3]), "integer")
    assert gaps.dtype == "float64"
    floats, _ = _coerce_column(pd.Series([0.1, 2.5]), "float")
    assert floats.dtype == "float64" and floats.iloc[0] == 0.1
    cats, _ = _coerce_column(pd.Series(["a", None, "b"]), "category")
    assert cats.dtype == "category" and cats.isna().sum() == 1


def test_a_learning_curve_on_a_sample_does_not_ask_for_more_data(monkeypatch):
    from sklearn.dummy import DummyClassifier

    import workbench.science.diagnostics as diagnostics

    calls = iter(range(100))
    # five training sizes × three folds, the score rising with the size
    monkeypatch.setattr(diagnostics, "score", lambda metric, y, p: 0.6 + next(calls) // 3 * 0.05)
    spec = Spec.model_validate(BASE)
    prep = prepared(2_000)
    whole = diagnostics.learning_curve(DummyClassifier(), prep, spec, len(prep.train))
    assert whole.verdict == "more data is still helping"
    calls = iter(range(100))
    sampled = diagnostics.learning_curve(DummyClassifier(), prep, spec, 600_000)
    assert sampled.verdict == "not measured at full size"
    assert "600,000" in sampled.explanation and "1,500 of 600,000" in sampled.explanation
