"""A single feature that predicts the target (almost) perfectly on its own."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.preprocessing import TargetEncoder
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, number
from leakage_checks.util import symmetric_auc


def univariate_scores(X: pd.DataFrame, y: pd.Series, task: str, seed: int) -> dict[str, float]:
    """Out-of-fold score of each column alone: AUC (macro one-vs-rest for multiclass) for
    classification, R² for regression. Numbers and dates go through a small tree, categories
    through cross-fitted target encoding."""
    classify = task != "regression"
    cv = (
        StratifiedKFold(3, shuffle=True, random_state=seed)
        if classify
        else KFold(3, shuffle=True, random_state=seed)
    )
    yv = y.to_numpy()
    out = {}
    for col in X.columns:
        x = X[col]
        if x.nunique(dropna=True) < 2:
            continue
        if pd.api.types.is_datetime64_any_dtype(x):
            x = (x - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
        if pd.api.types.is_bool_dtype(x):
            x = x.astype("float64")
        if pd.api.types.is_numeric_dtype(x) and not isinstance(x.dtype, pd.CategoricalDtype):
            leaf = max(5, len(x) // 200)
            tree = (
                DecisionTreeClassifier(max_leaf_nodes=32, min_samples_leaf=leaf, random_state=seed)
                if classify
                else DecisionTreeRegressor(
                    max_leaf_nodes=32, min_samples_leaf=leaf, random_state=seed
                )
            )
            method = "predict_proba" if classify else "predict"
            pred = cross_val_predict(tree, x.to_frame().astype("float64"), yv, cv=cv, method=method)
        else:
            text = x.astype("object").where(x.notna(), "__missing__").astype(str).to_frame()
            enc = TargetEncoder(
                target_type="continuous"
                if not classify
                else ("binary" if task == "binary" else "multiclass"),
                cv=cv,
            )
            pred = enc.fit_transform(text, yv)
        out[col] = _score(yv, pred, task)
    return out


def _score(y: np.ndarray, pred: np.ndarray, task: str) -> float:
    if task == "regression":
        return float(r2_score(y, np.ravel(pred)))
    if task == "binary":
        p = pred[:, -1] if pred.ndim == 2 else pred
        return symmetric_auc(y, p)
    p = np.clip(pred, 1e-12, None)  # encodings per class are estimates: make them proper shares
    return float(
        roc_auc_score(y, p / p.sum(axis=1, keepdims=True), multi_class="ovr", average="macro")
    )


@register("single_feature", N_("Does one column on its own predict the target almost perfectly?"))
def single_feature(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features:
        raise NotApplicable(_("there are no model inputs"))
    X, y = frames.X_train[roles.features], frames.y_train
    limit = int(settings["single_feature_max_rows"])
    sampled = len(X) > limit
    if sampled:
        rows = np.random.default_rng(roles.seed).choice(len(X), limit, replace=False)
        X, y = X.iloc[np.sort(rows)], y.iloc[np.sort(rows)]
    scores = univariate_scores(X, y, roles.task, roles.seed)
    key = "r2" if roles.task == "regression" else "auc"
    crit, warn = (
        settings[f"single_feature_{key}_critical"],
        settings[f"single_feature_{key}_warning"],
    )
    label = "R²" if key == "r2" else "AUC"
    findings = []
    for col, value in sorted(scores.items(), key=lambda kv: -kv[1]):
        if value < warn:
            continue
        critical = value >= crit
        # strong but declared known by the decision: the question a warning would ask is answered
        declared = not critical and col in roles.known_at_prediction
        findings.append(
            Finding(
                check="single_feature",
                severity="critical" if critical else "info" if declared else "warning",
                columns=[col],
                evidence={
                    key: round(value, 4),
                    "threshold": crit if critical else warn,
                    "rows_scored": len(X),
                },
                message=(
                    _(
                        "'{column}' alone predicts the target with {score} {value} (out of fold, "
                        "on training data). A single column this predictive is almost always the "
                        "answer in disguise: a copy of the target or a field filled in after the "
                        "outcome."
                    )
                    if critical
                    else _(
                        "'{column}' alone predicts the target with {score} {value} (out of fold, "
                        "on training data). That is unusually strong for one column; the "
                        "contract says it is known by the time of the decision."
                    )
                    if declared
                    else _(
                        "'{column}' alone predicts the target with {score} {value} (out of fold, "
                        "on training data). That is unusually strong for one column, and the "
                        "contract does not say when it becomes known."
                    )
                ).format(column=col, score=label, value=number(value, 3)),
                fix=(
                    _(
                        "Nothing to do if the contract's timing is right; the score without it "
                        "is worth knowing."
                    )
                    if declared
                    else _(
                        "Confirm with the data owner when '{column}' is recorded, and say so in "
                        "the contract: known_at: before_decision or at_decision; if it is only "
                        "known after the outcome, known_at: after_outcome (it is then kept out of "
                        "every model)."
                    ).format(column=col)
                ),
            )
        )
    return findings
