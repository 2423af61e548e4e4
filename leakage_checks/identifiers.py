"""Identifiers and row order that predict the outcome: a file sorted by outcome, or ids
handed out in a way that tracks it (e.g. a new numbering range for defaulted accounts)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.util import score


def _order_score(x: np.ndarray, y: np.ndarray, task: str) -> float:
    """How well the rank of `x` alone predicts the outcome, in ten ordered blocks (so that
    ids or positions are judged by where they lie, not memorised one by one)."""
    ranks = pd.Series(x).rank(method="first").to_numpy()
    block = np.floor((ranks - 1) / len(ranks) * 10).astype(int)
    if task == "regression":
        means = pd.Series(y).groupby(block).transform("mean").to_numpy()
        return score(y, means, task)
    if task == "binary":
        rate = pd.Series(y).groupby(block).transform("mean").to_numpy()
        auc = score(y, rate, "binary")
        return max(auc, 1 - auc)
    onehot = pd.get_dummies(pd.Series(y)).to_numpy(dtype=float)
    shares = pd.DataFrame(onehot).groupby(block).transform("mean").to_numpy()
    return score(y, shares, task)


def _id_like(frames: SplitFrames, roles: Roles) -> list[str]:
    both = pd.concat([frames.X_train, frames.X_test])
    out = list(c for c in roles.id_columns if c in both.columns)
    for col in both.columns:
        if col in out:
            continue
        s = both[col]
        if pd.api.types.is_integer_dtype(s) and s.is_unique and len(s) > 50:
            diffs = np.diff(np.sort(s.to_numpy()))
            if (diffs == 1).mean() > 0.9:
                out.append(col)
    return out


@register(
    "identifiers", "Do identifiers, or the order of the rows in the file, predict the outcome?"
)
def identifiers(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    y = frames.y_train.to_numpy()
    warn = (
        settings["identifier_warning"]
        if roles.task != "regression"
        else settings["identifier_r2_warning"]
    )
    out = []
    candidates = {"row order in the file": np.asarray(frames.X_train.index, dtype="float64")}
    for col in _id_like(frames, roles):
        values = frames.X_train[col]
        if pd.api.types.is_numeric_dtype(values):
            candidates[col] = values.to_numpy(dtype="float64", na_value=np.nan)
        else:
            candidates[col] = values.astype("str").rank(method="dense").to_numpy()
    for name, x in candidates.items():
        ok = np.isfinite(x)
        if ok.sum() < 50:
            continue
        value = _order_score(x[ok], y[ok], roles.task)
        if value < warn:
            continue
        is_order = name == "row order in the file"
        out.append(
            Finding(
                check="identifiers",
                severity="warning",
                columns=[] if is_order else [name],
                evidence={"score": round(value, 4), "threshold": warn},
                message=(
                    (
                        f"The {name} predicts the outcome (score {value:.2f}): the extract is sorted "
                        "in a way that tracks the outcome."
                        if is_order
                        else f"The identifier '{name}' predicts the outcome (score {value:.2f}) by where "
                        "its values fall: ids were assigned in a way that tracks the outcome."
                    )
                    + " Any model or split that sees this order learns something it will not "
                    "have in production."
                ),
                fix=(
                    "Ask how the extract was ordered and keep ids out of the model (role: id). "
                    "Shuffled and grouped splits are safe from row order; a model must never read it."
                ),
            )
        )
    return out
