"""Split sensitivity: the same model scored with the spec's split and with a group- or
time-respecting split of the training part; a gap well beyond the scores' own noise is
evidence of leakage."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, number
from leakage_checks.util import (
    predictions,
    quick_model,
    sample_rows,
    score,
    score_se,
    time_reference,
)


def _score(X, y, train, test, task, seed) -> tuple[float, float]:
    """Score of a model fitted on `train`, on `test`, and its standard error."""
    model = quick_model(X, task, seed).fit(X.iloc[train], y[train])
    pred = np.asarray(predictions(model, X.iloc[test], task))
    return score(y[test], pred, task), score_se(y[test], pred, task, seed)


def random_split_score(feats: pd.DataFrame, y: np.ndarray, task: str, seed: int):
    """Score (and its standard error) of the model on a random 70/30 split of the rows."""
    pos = np.arange(len(feats))
    strat = y if task != "regression" else None
    tr, te = train_test_split(pos, test_size=0.3, random_state=seed, stratify=strat)
    return _score(feats, y, tr, te, task, seed)


def enough_rows(y: np.ndarray, task: str) -> bool:
    """Rows enough to compare two splits: 60, and 10 of each class."""
    if len(y) < 60:
        return False
    return task == "regression" or np.bincount(y.astype(int)).min() >= 10


def beyond_noise(gap: float, z: float, settings: dict) -> bool:
    """A score gap large enough to matter (`split_gap_warning`) and beyond the scores' noise
    (`split_gap_z` standard errors)."""
    return gap >= settings["split_gap_warning"] and z >= settings["split_gap_z"]


def _gap(specified: tuple[float, float], feats, y, train, test, task, seed):
    """The score of a split that respects groups or time, and how far the specified split's
    score lies above it in standard errors (None when its test part lacks a class)."""
    if task != "regression" and len(np.unique(y[test])) < 2:
        return None
    respecting, se_alt = _score(feats, y, train, test, task, seed)
    se = np.hypot(specified[1], se_alt)
    return respecting, float((specified[0] - respecting) / se) if np.isfinite(se) else 0.0


def group_gap(feats, y, groups, task: str, seed: int, specified: tuple[float, float]):
    """The score of a split that keeps each group's rows together, and how far the `specified`
    split's score (and standard error) lies above it in standard errors."""
    pos = np.arange(len(feats))
    split = GroupShuffleSplit(1, test_size=0.3, random_state=seed)
    train, test = next(split.split(pos, groups=groups))
    return _gap(specified, feats, y, train, test, task, seed)


def _time_gap(feats, y, dates: pd.Series, task: str, seed: int, specified):
    """As `group_gap`, with the newest 30% of the dated rows as the test part."""
    known = dates.notna().to_numpy()
    pos = np.arange(len(feats))[known]
    order = pos[np.argsort(pd.to_datetime(dates[known]).to_numpy(), kind="stable")]
    cut = int(len(order) * 0.7)
    return _gap(specified, feats, y, order[:cut], order[cut:], task, seed)


def _alternatives(frames: SplitFrames, roles: Roles) -> list[tuple[str, str]]:
    out = []
    if roles.group_column and roles.split_strategy != "group":
        out.append(("group", roles.group_column))
    t, _unused = time_reference(frames, roles)
    if t and roles.split_strategy != "time":
        out.append(("time", t))
    return out


@register("split_sensitivity", N_("Does the score hold when the split respects groups or time?"))
def split_sensitivity(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    alternatives = _alternatives(frames, roles)
    if not alternatives or not roles.features:
        raise NotApplicable(
            "no group or date column to split by other than the split already used"
            if roles.features
            else "there are no model inputs"
        )
    cols = [*roles.features, *{c for _, c in alternatives}]
    X, ys = sample_rows(
        frames.X_train[list(dict.fromkeys(cols))],
        frames.y_train,
        int(settings["model_check_max_rows"]),
        roles.seed,
    )
    y = ys.to_numpy()
    if not enough_rows(y, roles.task):
        raise NotApplicable(_("too few training rows (or rows of a class) to compare two splits"))
    feats = X[roles.features]
    specified = random_split_score(feats, y, roles.task, roles.seed)
    as_specified = specified[0]
    out = []
    for kind, col in alternatives:
        gap = (
            group_gap(feats, y, X[col].astype("str").to_numpy(), roles.task, roles.seed, specified)
            if kind == "group"
            else _time_gap(feats, y, X[col], roles.task, roles.seed, specified)
        )
        if gap is None:
            continue
        respecting, z = gap
        gap = as_specified - respecting
        if not beyond_noise(gap, z, settings):
            continue
        out.append(
            Finding(
                check="split_sensitivity",
                severity="critical" if gap >= settings["split_gap_critical"] else "warning",
                columns=[col],
                evidence={
                    "score_spec_split": round(as_specified, 4),
                    f"score_{kind}_split": round(respecting, 4),
                    "gap": round(gap, 4),
                    "gap_in_standard_errors": round(float(z), 2),
                },
                message=_(
                    "The model scores {score} with a {strategy} split but {respecting} when the "
                    "split respects '{column}' ({kind}), a gap of {z} standard errors: the "
                    "spec's split lets the model profit from what it will not have in production."
                ).format(
                    score=number(as_specified, 3),
                    strategy=roles.split_strategy,
                    respecting=number(respecting, 3),
                    column=col,
                    kind=kind,
                    z=number(float(z), 1),
                ),
                fix=_("Use split.strategy: {kind} with split.{kind}_column: {column}.").format(
                    kind=kind, column=col
                ),
            )
        )
    return out
