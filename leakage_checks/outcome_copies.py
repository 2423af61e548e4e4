"""A noisy copy of the outcome: a column as strong as a leak, which carries the outcome and
nothing else about the case. An honest measurement of the case (a bureau score, a lab value)
shares what the other inputs know: among rows with the same outcome it still moves with what
they predict. A copy of the outcome — an assessment written once the outcome was known, plus
noise — is screened off by the outcome: given the outcome, it is unrelated to every other
input. Where the other inputs predict too little, or too few rows of a class exist, the data
cannot tell the two apart, and the check says nothing (the contract's `known_at` asks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.speech import _, count, number
from leakage_checks.subsets import class_word
from leakage_checks.util import (
    binary_auc,
    days,
    is_number,
    quick_model,
    sample_rows,
    symmetric_auc,
)

Z = 2.576  # two-sided 1%: a within-class correlation this many standard errors from 0 is real
MAX_COLUMNS = 3  # the strongest columns judged (a model of the other inputs each)
MAX_ROWS = 10_000  # enough to see a correlation of 0.1 in a class of 7% of the rows


def _as_number(col: pd.Series) -> np.ndarray | None:
    if pd.api.types.is_datetime64_any_dtype(col):
        return days(col).to_numpy(dtype="float64")
    if is_number(col):
        return col.to_numpy(dtype="float64", na_value=np.nan)
    return None


def others_predict(X: pd.DataFrame, y: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold probability of the outcome from `X` (three folds, the quick model)."""
    model = quick_model(X, "binary", seed)
    cv = StratifiedKFold(3, shuffle=True, random_state=seed)
    return cross_val_predict(model, X, y, cv=cv, method="predict_proba")[:, 1]


def within_class(x: np.ndarray, p: np.ndarray, y: np.ndarray) -> list[tuple[float, int]]:
    """Spearman's correlation of `x` with `p` among the rows of each class, and their count."""
    out = []
    for k in (0, 1):
        rows = (y == k) & np.isfinite(x)
        varies = rows.sum() > 3 and np.ptp(x[rows]) > 0 and np.ptp(p[rows]) > 0
        rho = stats.spearmanr(x[rows], p[rows])[0] if varies else np.nan  # constant: unrelated
        out.append((float(rho) if np.isfinite(rho) else 0.0, int(rows.sum())))
    return out


@register(
    "outcome_copy",
    "Does a column as strong as a leak carry the outcome and nothing the other inputs know?",
)
def outcome_copy(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task != "binary":
        raise NotApplicable(
            _("a copy of the outcome screened off by it is judged for yes/no outcomes")
        )
    X = pd.concat([frames.X_train[roles.features], frames.X_test[roles.features]])
    y_all = pd.Series(np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()]))
    X, ys = sample_rows(X.reset_index(drop=True), y_all, MAX_ROWS, roles.seed)
    y = ys.to_numpy().astype(int)
    if np.bincount(y, minlength=2).min() < 30 or len(roles.features) < 2:
        raise NotApplicable(_("fewer than two inputs, or fewer than 30 rows of a class"))
    strong = {}
    for col in roles.features:
        x = _as_number(X[col])
        if x is None or np.isfinite(x).sum() < 60 or len(np.unique(y[np.isfinite(x)])) < 2:
            continue
        auc = symmetric_auc(y[np.isfinite(x)], x[np.isfinite(x)])
        if auc >= settings["copy_auc"]:
            strong[col] = (x, auc)
    out = []
    strongest = sorted(strong.items(), key=lambda kv: -kv[1][1])[:MAX_COLUMNS]
    for col, (x, auc) in strongest:
        found = _screened_off(X.drop(columns=col), x, auc, y, roles, settings)
        if found is not None:
            out.append(_finding(col, auc, *found, roles))
    return out


def _screened_off(others: pd.DataFrame, x, auc, y, roles: Roles, settings: dict):
    """(AUC of the other inputs, the correlations per class) when the outcome screens `x` off
    from the other inputs and the data has the power to tell; else None."""
    p = others_predict(others, y, roles.seed)
    others_auc = binary_auc(y, p)
    if others_auc < settings["copy_others_auc"]:
        return None  # the other inputs know too little: nothing to share
    sign = 1.0 if binary_auc(y, np.nan_to_num(x, nan=np.nanmedian(x))) >= 0.5 else -1.0
    per_class = within_class(sign * x, p, y)
    largest = max(n for _, n in per_class)
    if Z / np.sqrt(largest - 3) > settings["copy_max_correlation"]:
        return None  # too few rows to see a correlation of `copy_max_correlation`
    for rho, n in per_class:
        if n >= 30 and abs(np.arctanh(np.clip(rho, -0.999, 0.999))) * np.sqrt(n - 3) >= Z:
            return None  # it moves with the other inputs in a class: a measurement of the case
    return others_auc, per_class


def _finding(col: str, auc: float, others_auc: float, per_class, roles: Roles) -> Finding:
    (rho0, n0), (rho1, n1) = per_class[0], per_class[1]
    return Finding(
        check="outcome_copy",
        severity="critical",
        columns=[col],
        evidence={
            "auc": round(auc, 4),
            "auc_other_inputs": round(others_auc, 4),
            "correlation_within_class_0": round(per_class[0][0], 4),
            "correlation_within_class_1": round(per_class[1][0], 4),
            "rows_class_0": per_class[0][1],
            "rows_class_1": per_class[1][1],
        },
        message=_(
            "'{column}' predicts the outcome with AUC {auc} on its own, yet among rows with the "
            "same outcome it is unrelated to what the other inputs predict (rank correlation "
            "{rho0} among {n0} {class0} rows and {rho1} among {n1} {class1} rows; the other "
            "inputs reach AUC {others}): it carries the outcome and nothing else about the case, "
            "as a noisy copy of the outcome does. An honest measurement of the case this strong "
            "moves with the other inputs."
        ).format(
            column=col,
            auc=number(auc, 3),
            rho0=_signed(rho0),
            n0=count(n0),
            class0=class_word(0, roles.classes),
            rho1=_signed(rho1),
            n1=count(n1),
            class1=class_word(1, roles.classes),
            others=number(others_auc, 2),
        ),
        fix=_(
            "Ask when and how '{column}' is recorded. If it is written once the outcome is known "
            "(an assessment, a review, a status score), mark it known_at: after_outcome."
        ).format(column=col),
    )


def _signed(rho: float) -> str:
    """A correlation with its sign: `+0.12`."""
    return ("+" if rho > 0 else "") + number(rho, 2)
