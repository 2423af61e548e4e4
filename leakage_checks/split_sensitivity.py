"""Split sensitivity: the same model scored with the spec's split and with a group- or
time-respecting split of the training part; a large gap is evidence of leakage."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit, train_test_split

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.util import predictions, quick_model, sample_rows, score


def _score(X, y, train, test, task, seed) -> float:
    model = quick_model(X, task, seed).fit(X.iloc[train], y[train])
    return score(y[test], predictions(model, X.iloc[test], task), task)


@register("split_sensitivity", "Does the score hold when the split respects groups or time?")
def split_sensitivity(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    alternatives = []
    if roles.group_column and roles.split_strategy != "group":
        alternatives.append(("group", roles.group_column))
    if roles.time_column and roles.split_strategy != "time":
        alternatives.append(("time", roles.time_column))
    if not alternatives or not roles.features:
        return []
    cols = [*roles.features, *{c for _, c in alternatives}]
    X, ys = sample_rows(
        frames.X_train[list(dict.fromkeys(cols))],
        frames.y_train,
        int(settings["model_check_max_rows"]),
        roles.seed,
    )
    y = ys.to_numpy()
    feats = X[roles.features]
    pos = np.arange(len(X))
    strat = y if roles.task != "regression" else None
    tr, te = train_test_split(pos, test_size=0.3, random_state=roles.seed, stratify=strat)
    as_specified = _score(feats, y, tr, te, roles.task, roles.seed)
    out = []
    for kind, col in alternatives:
        if kind == "group":
            g = X[col].astype("str").to_numpy()
            tr2, te2 = next(
                GroupShuffleSplit(1, test_size=0.3, random_state=roles.seed).split(pos, groups=g)
            )
        else:
            order = np.argsort(pd.to_datetime(X[col]).to_numpy(), kind="stable")
            cut = int(len(order) * 0.7)
            tr2, te2 = order[:cut], order[cut:]
        if roles.task != "regression" and len(np.unique(y[te2])) < 2:
            continue
        respecting = _score(feats, y, tr2, te2, roles.task, roles.seed)
        gap = as_specified - respecting
        if gap < settings["split_gap_warning"]:
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
                },
                message=(
                    f"The model scores {as_specified:.3f} with a {roles.split_strategy} split but "
                    f"{respecting:.3f} when the split respects '{col}' ({kind}): the spec's split "
                    "lets the model profit from what it will not have in production."
                ),
                fix=f"Use split.strategy: {kind} with split.{kind}_column: {col}.",
            )
        )
    return out
