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
    if len(y) < 60 or (roles.task != "regression" and np.bincount(y.astype(int)).min() < 10):
        raise NotApplicable(_("too few training rows (or rows of a class) to compare two splits"))
    feats = X[roles.features]
    pos = np.arange(len(X))
    strat = y if roles.task != "regression" else None
    tr, te = train_test_split(pos, test_size=0.3, random_state=roles.seed, stratify=strat)
    as_specified, se_spec = _score(feats, y, tr, te, roles.task, roles.seed)
    out = []
    for kind, col in alternatives:
        if kind == "group":
            g = X[col].astype("str").to_numpy()
            tr2, te2 = next(
                GroupShuffleSplit(1, test_size=0.3, random_state=roles.seed).split(pos, groups=g)
            )
        else:
            known = X[col].notna().to_numpy()
            order = pos[known][np.argsort(pd.to_datetime(X[col][known]).to_numpy(), kind="stable")]
            cut = int(len(order) * 0.7)
            tr2, te2 = order[:cut], order[cut:]
        if roles.task != "regression" and len(np.unique(y[te2])) < 2:
            continue
        respecting, se_alt = _score(feats, y, tr2, te2, roles.task, roles.seed)
        gap = as_specified - respecting
        z = gap / np.hypot(se_spec, se_alt) if np.isfinite(se_spec + se_alt) else 0.0
        if gap < settings["split_gap_warning"] or z < settings["split_gap_z"]:
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
