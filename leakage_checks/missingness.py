"""Columns whose missingness pattern or sentinel values encode the outcome: a field filled
in (or left empty) because of what happened, even when nobody marked it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.util import score

SENTINELS = (-1, -99, -999, -9999, 0, 99, 999, 9999, 99999)


@register(
    "missingness_signal",
    "Does whether a value is missing (or a placeholder) give away the outcome?",
)
def missingness_signal(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    X, y = frames.X_train, frames.y_train.to_numpy()
    warn, crit = settings["missingness_warning"], settings["missingness_critical"]
    out = []
    for col in roles.features:
        indicators = {"missing": X[col].isna().to_numpy()}
        if pd.api.types.is_numeric_dtype(X[col]) and not pd.api.types.is_bool_dtype(X[col]):
            v = X[col].to_numpy(dtype="float64", na_value=np.nan)
            for s in SENTINELS:
                hit = v == s
                if 0.01 <= hit.mean() <= 0.99 and s != 0:
                    indicators[f"value {s}"] = hit
        for label, flag in indicators.items():
            share = float(flag.mean())
            if not 0.01 <= share <= 0.99:
                continue
            value = _indicator_score(flag, y, roles.task)
            if value < warn:
                continue
            severity = "critical" if value >= crit else "warning"
            out.append(
                Finding(
                    check="missingness_signal",
                    severity=severity,
                    columns=[col],
                    evidence={
                        "score": round(value, 4),
                        "share_of_rows": round(share, 4),
                        "threshold": crit if severity == "critical" else warn,
                    },
                    message=(
                        f"Whether '{col}' is {label} ({share:.0%} of rows) on its own predicts the "
                        f"outcome (score {value:.2f}): the field is probably filled in, or left "
                        "empty, because of what happened — after the moment of prediction."
                    ),
                    fix=(
                        f"Ask the data owner when '{col}' is recorded. If only after the outcome, mark it "
                        "known_at_prediction: false; if a placeholder, declare it as missing."
                    ),
                )
            )
    return out


def _indicator_score(flag: np.ndarray, y: np.ndarray, task: str) -> float:
    """AUC of a yes/no indicator (symmetric), or for regression the share of variance explained."""
    f = flag.astype("float64")
    if task == "regression":
        return score(y, np.where(flag, y[flag].mean(), y[~flag].mean()), task)
    if task == "binary":
        auc = score(y, f, task)
        return max(auc, 1 - auc)
    best = 0.0
    for k in np.unique(y):
        auc = score((y == k).astype(int), f, "binary")
        best = max(best, auc, 1 - auc)
    return best
