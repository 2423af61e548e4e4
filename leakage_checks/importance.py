"""Importance dominance: one feature carrying most of the model's signal, confirmed by a
drop-column test (the score collapses without it)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, number, pct
from leakage_checks.util import chance, predictions, quick_model, score, training_sample


def _fit_score(X_tr, y_tr, X_va, y_va, task, seed) -> tuple[object, float]:
    model = quick_model(X_tr, task, seed).fit(X_tr, y_tr)
    return model, score(y_va, predictions(model, X_va, task), task)


def most_important(pipeline, X: pd.DataFrame, y: np.ndarray, roles: Roles) -> str:
    """The input whose permutation costs the fitted pipeline the most score, on a bounded
    sample. Its inputs are prepared once and permuted as the model sees them (a date's parts
    together), so that preparing the rows is not repeated for every permutation."""
    prepare, model = pipeline.named_steps["prepare"], pipeline.named_steps["model"]
    Xt = prepare.transform(X)
    names = list(prepare.get_feature_names_out())
    scoring = {"regression": "r2", "binary": "roc_auc"}.get(roles.task, "roc_auc_ovr")
    imp = permutation_importance(
        model, Xt, y, scoring=scoring, n_repeats=2, random_state=roles.seed
    ).importances_mean
    cols = list(X.columns)

    def source(name: str) -> str:  # "num__income" -> income, "date__opened_on_year" -> opened_on
        bare = name.split("__", 1)[-1]
        return bare if bare in cols else max((c for c in cols if bare.startswith(f"{c}_")), key=len)

    per_input = dict.fromkeys(cols, 0.0)
    for name, value in zip(names, imp, strict=True):
        per_input[source(name)] += value
    return max(per_input, key=per_input.get)


@register("importance_dominance", N_("Does one feature carry most of the model's signal?"))
def importance_dominance(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if len(roles.features) < 2:
        raise NotApplicable(_("fewer than two model inputs: nothing for one of them to dominate"))
    X, y = training_sample(frames, roles, settings)
    strat = y if roles.task != "regression" else None
    X_tr, X_va, y_tr, y_va = train_test_split(
        X, y.to_numpy(), test_size=0.3, random_state=roles.seed, stratify=strat
    )
    model, full = _fit_score(X_tr, y_tr, X_va, y_va, roles.task, roles.seed)
    base = chance(roles.task)
    if full - base < 0.05:
        raise NotApplicable(
            _(
                "the model scores {score} on held-out training rows, within 0.05 of chance: "
                "there is no signal for one input to dominate"
            ).format(score=number(full, 3))
        )
    top = most_important(model, *_at_most(X_va, y_va, 2_000, strat is not None, roles.seed), roles)
    keep = [c for c in roles.features if c != top]
    _unused, without = _fit_score(X_tr[keep], y_tr, X_va[keep], y_va, roles.task, roles.seed)
    lost = (full - without) / (full - base)
    if lost < settings["dominance_share"]:
        return []
    # one input carrying the model is common and honest (a card balance predicting default);
    # carrying a near-perfect model (single_feature's critical level) is a leak's signature
    key = "r2" if roles.task == "regression" else "auc"
    strong = full >= settings[f"single_feature_{key}_critical"]
    return [
        Finding(
            check="importance_dominance",
            severity="warning" if strong else "info",
            columns=[top],
            evidence={
                "score_with": round(full, 4),
                "score_without": round(without, 4),
                "share_of_signal_lost": round(float(lost), 4),
                "rows_used": len(X),
            },
            message=(
                _(
                    "Without '{column}' the model's score falls from {score} to {without}: this "
                    "one column carries {share} of what the model learns above chance. A "
                    "near-perfect model resting on one input is how a leak looks. If it is not "
                    "available, or not yet known, when predictions are made, the model is worth "
                    "little."
                )
                if strong
                else _(
                    "Without '{column}' the model's score falls from {score} to {without}: this "
                    "one column carries {share} of what the model learns above chance. Many "
                    "honest models rest on one strong input. If it is not available, or not yet "
                    "known, when predictions are made, the model is worth little."
                )
            ).format(
                column=top, score=number(full, 3), without=number(without, 3), share=pct(lost, 0)
            ),
            fix=_(
                "Confirm that '{column}' is recorded before the prediction is needed, and will be "
                "in production; if not, mark it known_at_prediction: false."
            ).format(column=top),
        )
    ]


def _at_most(X, y, rows: int, stratified: bool, seed: int):
    """At most `rows` of the held-out rows, drawn with every class kept (a rare class cut off
    by taking the first rows would leave a column of the scores without its class)."""
    if len(X) <= rows:
        return X, y
    if stratified and pd.Series(y).value_counts().min() < 2:
        return X, y  # a class held by one row: every row, so that it stays
    X_keep, _unused, y_keep, _unused = train_test_split(
        X, y, train_size=rows, random_state=seed, stratify=y if stratified else None
    )
    return X_keep, y_keep
