from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.errors import BadInput
from workbench.inputs.spec import Spec
from workbench.science.splits import cv_splits, make_split


def spec(**split) -> Spec:
    return Spec.model_validate(
        {
            "name": "t",
            "question": "q",
            "decision": "d",
            "data": {"path": "x.csv", "contract": "c.yaml"},
            "task": {"kind": "binary", "target": "y"},
            "split": split,
            "acceptance": {"min_primary_score": 0.6},
            "seed": 3,
        }
    )


@pytest.fixture
def frame():
    rng = np.random.default_rng(0)
    n = 600
    return pd.DataFrame(
        {
            "g": rng.integers(0, 60, n).astype(str),
            "t": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.permutation(n), unit="D"),
        }
    ), (rng.random(n) < 0.2).astype(int)


def test_stratified_split_keeps_class_share_and_folds_cover_training(frame):
    X, y = frame
    s = make_split(X, y, spec(strategy="stratified", test_size=0.25, cv_folds=4), "spec.yaml")
    test = s["part"].eq("test").to_numpy()
    assert abs(test.mean() - 0.25) < 0.01
    assert abs(y[test].mean() - y[~test].mean()) < 0.02
    assert set(s.loc[~test, "fold"]) == {0, 1, 2, 3} and set(s.loc[test, "fold"]) == {-1}


def test_group_split_never_shares_a_group(frame):
    X, y = frame
    s = make_split(X, y, spec(strategy="group", group_column="g", cv_folds=3), "spec.yaml")
    test = s["part"].eq("test").to_numpy()
    assert not set(X.g[test]) & set(X.g[~test])
    train_groups = X.g[~test].to_numpy()
    fold = s.loc[~test, "fold"].to_numpy()
    for tr, va in cv_splits(fold, "group"):
        assert not set(train_groups[tr]) & set(train_groups[va])


def test_time_split_tests_on_the_latest_rows_and_folds_chain_forward(frame):
    X, y = frame
    s = make_split(X, y, spec(strategy="time", time_column="t", cv_folds=4), "spec.yaml")
    test = s["part"].eq("test").to_numpy()
    assert X.t[test].min() > X.t[~test].max()
    times = X.t[~test].to_numpy()
    splits = cv_splits(s.loc[~test, "fold"].to_numpy(), "time")
    assert len(splits) == 3
    for tr, va in splits:
        assert times[tr].max() < times[va].min()


def test_split_is_deterministic_for_a_seed(frame):
    X, y = frame
    a = make_split(X, y, spec(), "spec.yaml")
    b = make_split(X, y, spec(), "spec.yaml")
    pd.testing.assert_frame_equal(a, b)


def test_too_few_rows_and_tiny_class_are_bad_input(frame):
    X, y = frame
    with pytest.raises(BadInput, match="fewer than"):
        make_split(X.iloc[:10], y[:10], spec(), "spec.yaml")
    y2 = np.zeros(len(X), dtype=int)
    y2[:3] = 1
    with pytest.raises(BadInput, match="class '1' has 3 rows") as info:
        make_split(X, y2, spec(cv_folds=5), "spec.yaml")
    assert info.value.field == "split.strategy"
