"""Batch vs single-row prediction, a self-test of the modelling pipeline: a row's prediction
must not depend on the other rows scored with it (a pipeline using batch statistics at
prediction time leaks). The numerical noise floor is measured, not assumed: the same batch
scored in another order."""

from __future__ import annotations

import numpy as np

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, significant
from leakage_checks.util import predictions, sample_rows

ROWS = 25


def batch_gap(model, X, task: str, rows: int = ROWS, seed: int = 0) -> tuple[float, float]:
    """Largest absolute difference between predicting `rows` rows together and one at a time,
    and the largest difference between predicting them together in two orders (the noise of
    floating-point arithmetic, which no pipeline can avoid)."""
    subset = X.iloc[:rows]
    batch = np.asarray(predictions(model, subset, task), dtype=float).reshape(len(subset), -1)
    order = np.random.default_rng(seed).permutation(len(subset))
    shuffled = np.asarray(predictions(model, subset.iloc[order], task), dtype=float)
    reordered = np.empty_like(batch)
    reordered[order] = shuffled.reshape(len(subset), -1)
    single = np.vstack(
        [
            np.asarray(predictions(model, subset.iloc[[i]], task), dtype=float).reshape(1, -1)
            for i in range(len(subset))
        ]
    )
    return float(np.max(np.abs(batch - single))), float(np.max(np.abs(batch - reordered)))


@register(
    "batch_prediction",
    N_("Pipeline self-test: is a row's prediction the same alone as in a batch?"),
)
def batch_prediction(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    from baselines import BASELINES, ColumnRoles, build

    if not roles.features or len(frames.X_test) < 2:
        raise NotApplicable(_("there are no model inputs or fewer than 2 test rows"))
    X, y = sample_rows(frames.X_train[roles.features], frames.y_train, 2000, roles.seed)
    if roles.task != "regression" and y.nunique() < 2:
        raise NotApplicable(_("the training rows hold a single class"))
    cols = ColumnRoles.from_frame(X)
    out = []
    for name in [n for n in ("linear", "hist_gradient_boosting") if n in BASELINES]:
        model = build(name, cols, roles.task, roles.seed).fit(X, y.to_numpy())
        gap, noise = batch_gap(model, frames.X_test[roles.features], roles.task, seed=roles.seed)
        if gap <= max(1e-9, 100 * noise):
            continue
        out.append(
            Finding(
                check="batch_prediction",
                severity="critical",
                columns=[],
                evidence={"max_difference": gap, "noise_floor": noise, "rows_scored": ROWS},
                message=_(
                    "A test of the modelling pipeline, not of the data: the {name} pipeline "
                    "predicts differently for a row scored alone than in a batch (largest "
                    "difference {gap}, where scoring the batch in another order differs by "
                    "{noise}): it uses statistics of the batch at prediction time."
                ).format(name=name, gap=significant(gap, 3), noise=significant(noise, 3)),
                fix=_(
                    "Make every transform learn its statistics in fit() and only apply them in transform()."
                ),
            )
        )
    return out
