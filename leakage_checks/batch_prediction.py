"""Batch vs single-row prediction: a row's prediction must not depend on the other rows
scored with it (a pipeline using batch statistics at prediction time leaks)."""

from __future__ import annotations

import numpy as np

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.util import predictions, sample_rows


def batch_gap(model, X, task: str, rows: int = 25) -> float:
    """Largest absolute difference between predicting `rows` rows together and one at a time."""
    subset = X.iloc[:rows]
    batch = np.asarray(predictions(model, subset, task), dtype=float)
    single = np.vstack(
        [
            np.asarray(predictions(model, subset.iloc[[i]], task), dtype=float).reshape(1, -1)
            for i in range(len(subset))
        ]
    )
    return float(np.max(np.abs(batch.reshape(len(subset), -1) - single)))


@register("batch_prediction", "Is a row's prediction the same alone as in a batch?")
def batch_prediction(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    from baselines import BASELINES, ColumnRoles, build

    if not roles.features or len(frames.X_test) == 0:
        return []
    X, y = sample_rows(frames.X_train[roles.features], frames.y_train, 2000, roles.seed)
    cols = ColumnRoles.from_frame(X)
    out = []
    for name in [n for n in ("linear", "hist_gradient_boosting") if n in BASELINES]:
        model = build(name, cols, roles.task, roles.seed).fit(X, y.to_numpy())
        gap = batch_gap(model, frames.X_test[roles.features], roles.task)
        if gap > 1e-9:
            out.append(
                Finding(
                    check="batch_prediction",
                    severity="critical",
                    columns=[],
                    evidence={"max_difference": gap},
                    message=(
                        f"The {name} pipeline predicts differently for a row scored alone than in a "
                        f"batch (largest difference {gap:.3g}): it uses statistics of the batch at "
                        "prediction time."
                    ),
                    fix="Make every transform learn its statistics in fit() and only apply them in transform().",
                )
            )
    return out
