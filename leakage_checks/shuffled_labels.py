"""Shuffled-label control: the modelling pipeline re-run with permuted labels must score at
chance; above chance means something in the pipeline itself leaks."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import KFold, StratifiedKFold

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.util import chance, predictions, quick_model, score, training_sample


@register(
    "shuffled_labels", "With the outcome shuffled, does the pipeline score at chance, as it must?"
)
def shuffled_labels(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features:
        return []
    X, y = training_sample(frames, roles, settings)
    rng = np.random.default_rng(roles.seed)
    y_perm = rng.permutation(y.to_numpy())
    cv = (
        KFold(3, shuffle=True, random_state=roles.seed)
        if roles.task == "regression"
        else StratifiedKFold(3, shuffle=True, random_state=roles.seed)
    )
    scores = []
    for tr, va in cv.split(X, y_perm):
        model = quick_model(X, roles.task, roles.seed).fit(X.iloc[tr], y_perm[tr])
        scores.append(score(y_perm[va], predictions(model, X.iloc[va], roles.task), roles.task))
    mean, base = float(np.mean(scores)), chance(roles.task)
    excess = mean - base
    if excess < settings["shuffled_warning"]:
        return []
    return [
        Finding(
            check="shuffled_labels",
            severity="critical" if excess >= settings["shuffled_critical"] else "warning",
            columns=[],
            evidence={
                "score_with_shuffled_labels": round(mean, 4),
                "chance": base,
                "excess_over_chance": round(excess, 4),
                "rows_used": len(X),
            },
            message=(
                f"With the outcome shuffled at random the pipeline still scores {mean:.3f} (chance is "
                f"{base:g}): something other than the inputs' relation to the outcome is being "
                "learned — row order, duplicates spanning folds, or preprocessing that sees the labels."
            ),
            fix="Look for duplicated rows, a sorted extract, or a transform fitted outside the pipeline.",
        )
    ]
