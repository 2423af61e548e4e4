"""A target that is a simple lookup of a few inputs: a depth-3 rule, or the cells of one or two
coarse columns, reproduce it out of fold. Either the label was set from the inputs by a rule
(a model then learns the rule, not the outcome) or an input is recorded from the outcome; an
audit of public benchmark data sets found both."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, number, pct
from leakage_checks.subsets import tree_matrix
from leakage_checks.util import training_sample

MAX_LEVELS = 30  # columns with at most this many values can form a lookup table
MAX_TABLE_COLUMNS = 20


def _agreement(y: np.ndarray, pred: np.ndarray, task: str) -> float:
    if task == "regression":
        sst = ((y - y.mean()) ** 2).sum()
        return float(1 - ((y - pred) ** 2).sum() / sst) if sst > 0 else 0.0
    return float((y == pred).mean())


def _rule(M: pd.DataFrame, y: np.ndarray, task: str, seed: int) -> tuple[float, list[int]]:
    """Out-of-fold agreement of a depth-3 tree, and the matrix columns it splits on (fitted on
    all rows)."""
    if task == "regression":
        tree = DecisionTreeRegressor(max_depth=3, min_samples_leaf=5, random_state=seed)
        cv = KFold(3, shuffle=True, random_state=seed)
    else:
        tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=5, random_state=seed)
        cv = StratifiedKFold(3, shuffle=True, random_state=seed)
    pred = cross_val_predict(tree, M.to_numpy(), y, cv=cv)
    used = tree.fit(M.to_numpy(), y).tree_.feature
    return _agreement(y, pred, task), sorted({int(f) for f in used if f >= 0})


def _cells(X: pd.DataFrame, cols: tuple[str, ...], y: np.ndarray, task: str, seed: int) -> float:
    """Out-of-fold agreement of a lookup table over the cells of `cols` (two halves)."""
    key = pd.Series(pd.factorize(pd.MultiIndex.from_frame(X[list(cols)].astype("str")))[0])
    half = np.random.default_rng(seed).random(len(y)) < 0.5
    pred = np.empty(len(y), dtype="float64")
    fallback = y.mean() if task == "regression" else np.bincount(y.astype(int)).argmax()
    for learn in (half, ~half):
        frame = pd.DataFrame({"k": key[learn].to_numpy(), "y": y[learn]})
        if task == "regression":
            table = frame.groupby("k")["y"].mean()
        else:
            table = frame.groupby("k")["y"].agg(lambda s: s.value_counts().index[0])
        pred[~learn] = key[~learn].map(table).fillna(fallback).to_numpy()
    return _agreement(y, pred, task)


def _is_lookup(value: float, y: np.ndarray, task: str, settings: dict) -> bool:
    if task == "regression":
        return value >= settings["lookup_accuracy"]
    guess_error = 1 - np.bincount(y.astype(int)).max() / len(y)
    return (
        value >= settings["lookup_accuracy"]
        and 1 - value <= (1 - settings["lookup_error_reduction"]) * guess_error
    )


@register("target_lookup", N_("Is the outcome a simple lookup of a few inputs?"))
def target_lookup(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features:
        raise NotApplicable(_("there are no model inputs"))
    X, ys = training_sample(frames, roles, settings)
    y = ys.to_numpy()
    if len(y) < 30:
        raise NotApplicable(
            _("{n} training rows; a lookup needs 30 to be seen out of fold").format(n=count(len(y)))
        )
    M, source = tree_matrix(X, max(5, int(0.005 * len(X))))
    found: tuple[float, list[str], str] | None = None
    if M.shape[1]:
        value, used = _rule(M, y, roles.task, roles.seed)
        if _is_lookup(value, y, roles.task, settings):
            cols = list(dict.fromkeys(source[M.columns[i]][0] for i in used))
            found = (value, cols, "rule")
    if found is None:
        coarse = [c for c in roles.features if 1 < X[c].nunique() <= MAX_LEVELS][:MAX_TABLE_COLUMNS]
        for cols in [*((c,) for c in coarse), *combinations(coarse, 2)]:
            value = _cells(X, cols, y, roles.task, roles.seed)
            if _is_lookup(value, y, roles.task, settings):
                found = (value, list(cols), "table")
                break
    if found is None:
        return []
    value, cols, how = found
    return [
        Finding(
            check="target_lookup",
            severity="warning",
            columns=cols,
            evidence={"agreement": round(value, 4), "rows_used": len(y), "inputs": len(cols)},
            message=_lookup_words(how, roles.task == "regression").format(
                columns=", ".join(repr(c) for c in cols),
                value=number(value, 3) if roles.task == "regression" else pct(value),
            ),
            fix=(
                _(
                    "Ask how the outcome is recorded. If a rule sets it, the rule is the answer and "
                    "the study needs the real outcome; if an input follows from the outcome, mark it "
                    "known_at_prediction: false in the contract."
                )
            ),
        )
    ]


def _lookup_words(how: str, regression: bool) -> str:
    """The finding's sentence: how the outcome is reproduced (a rule, a table) and how well."""
    return {
        ("rule", True): _(
            "The outcome is a lookup of {columns}: a rule of depth 3 reproduces it out of fold "
            "(R² {value}). Either the label was set from these inputs by a rule — then a model "
            "learns the rule, not the outcome the question is about — or one of them is recorded "
            "from the outcome."
        ),
        ("rule", False): _(
            "The outcome is a lookup of {columns}: a rule of depth 3 reproduces it out of fold "
            "({value} of rows). Either the label was set from these inputs by a rule — then a "
            "model learns the rule, not the outcome the question is about — or one of them is "
            "recorded from the outcome."
        ),
        ("table", True): _(
            "The outcome is a lookup of {columns}: a table of their values reproduces it out of "
            "fold (R² {value}). Either the label was set from these inputs by a rule — then a "
            "model learns the rule, not the outcome the question is about — or one of them is "
            "recorded from the outcome."
        ),
        ("table", False): _(
            "The outcome is a lookup of {columns}: a table of their values reproduces it out of "
            "fold ({value} of rows). Either the label was set from these inputs by a rule — then "
            "a model learns the rule, not the outcome the question is about — or one of them is "
            "recorded from the outcome."
        ),
    }[how, regression]
