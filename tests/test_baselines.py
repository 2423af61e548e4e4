from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import cross_val_score

from baselines import BASELINES, ColumnRoles, build


def messy(n=300, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "num": rng.normal(size=n),
            "text": pd.Series(rng.choice(["a", "b", "c"], n), dtype="str"),
            "many": pd.Series([f"level{i}" for i in rng.integers(0, 400, n)], dtype="str"),
            "when": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 900, n), unit="D"),
            "constant": 1.0,
            "flag": rng.random(n) < 0.3,
            "cat": pd.Categorical(rng.choice(["x", "y"], n)),
            # pandas' nullable types with gaps, as Excel files and databases give them
            "checked": pd.Series(rng.random(n) < 0.5, dtype="boolean"),
            "count": pd.Series(rng.integers(0, 9, n), dtype="Int64"),
        }
    )
    # free text: a few words tied to the number, the rest filler; some rows with none
    words = np.where(frame["num"] > 0, "refund invoice charge", "login error crash")
    filler = rng.choice(["please help", "thanks a lot", "hello team", "as discussed"], n)
    frame["note"] = pd.Series([f"{w} {f}" for w, f in zip(words, filler, strict=True)], dtype="str")
    frame.loc[::8, "note"] = None
    frame.loc[::6, ["checked", "count"]] = pd.NA
    frame.loc[::5, "num"] = np.nan
    frame.loc[::7, "text"] = None
    frame.loc[::11, "when"] = pd.NaT
    return frame


@pytest.mark.parametrize(
    "name, task",
    [
        (n, t)
        for n, b in BASELINES.items()
        for t in ("binary", "multiclass", "regression")
        if t in b.tasks
    ],
)
def test_every_baseline_fits_messy_frames(name, task):
    X = messy()
    rng = np.random.default_rng(1)
    signal = X["num"].fillna(0) + (X["text"] == "a")
    if task == "regression":
        y = signal + rng.normal(0, 0.3, len(X))
    elif task == "binary":
        y = (signal + rng.normal(0, 0.3, len(X)) > 0.3).astype(int)
    else:
        y = np.digitize(signal + rng.normal(0, 0.3, len(X)), [0.0, 0.8])
    roles = ColumnRoles.from_frame(X, text=["note"])
    assert roles.datetime == ["when"] and "text" in roles.categorical and "flag" in roles.numeric
    assert {"checked", "count"} <= set(roles.numeric) and roles.text == ["note"]
    assert BASELINES[name].applies(roles, task)
    model = build(name, roles, task, seed=0).fit(X, y)
    pred = model.predict(X.iloc[:20])
    assert len(pred) == 20
    if task != "regression":
        assert model.predict_proba(X.iloc[:5]).shape[1] == len(np.unique(y))


def test_unknown_categories_at_prediction_time_do_not_break():
    X = messy()
    y = (X["num"].fillna(0) > 0).astype(int)
    model = build("linear", ColumnRoles.from_frame(X), "binary", 0).fit(X, y)
    new = X.iloc[:3].copy()
    new["text"] = ["never", "seen", "before"]
    assert model.predict_proba(new).shape == (3, 2)


def test_real_signal_beats_dummy_and_rule_is_a_single_split():
    X = messy(600)
    y = (X["num"].fillna(0) > 0).astype(int)
    roles = ColumnRoles.from_frame(X)
    dummy = cross_val_score(
        build("dummy", roles, "binary", 0), X, y, cv=3, scoring="roc_auc"
    ).mean()
    linear = cross_val_score(
        build("linear", roles, "binary", 0), X, y, cv=3, scoring="roc_auc"
    ).mean()
    assert dummy == pytest.approx(0.5) and linear > 0.75
    rule = build("rule", roles, "binary", 0).fit(X, y)
    assert rule.named_steps["model"].get_depth() == 1


@pytest.mark.parametrize("family", ["hist_gradient_boosting", "random_forest", "xgboost"])
def test_a_number_never_filled_in_the_fitted_rows_is_read_as_nothing(family):
    # a field the system added after the training period: no value among the rows fitted on,
    # values later; a date likewise
    from baselines.families import family_pipeline

    rng = np.random.default_rng(0)
    n = 300
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "added_later": np.nan,
            "checked_on": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
        }
    )
    y = (X["a"] > 0).astype(int).to_numpy()
    model = family_pipeline(family, {}, ColumnRoles.from_frame(X), "binary", 0).fit(X, y)
    later = X.assign(added_later=5.0, checked_on=pd.Timestamp("2024-05-01"))
    assert np.allclose(model.predict_proba(later), model.predict_proba(X))
    assert model.score(X, y) > 0.9
