"""Time: the test period must come after the training period; no date may lie after the
moment of prediction; a random split on data whose outcome drifts over time misleads."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register


@register(
    "time_order",
    "Is the test period after the training period, and no date after the prediction point?",
)
def time_order(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    t = roles.time_column
    findings = []
    if t and t in frames.X_train.columns:
        findings += _overlap(frames, roles, t)
        findings += _late_dates(frames, roles, t, settings)
        if roles.split_strategy != "time":
            findings += _drift(frames, roles, t, settings)
    return findings


def _overlap(frames: SplitFrames, roles: Roles, t: str) -> list[Finding]:
    train_t, test_t = frames.X_train[t].dropna(), frames.X_test[t].dropna()
    if train_t.empty or test_t.empty:
        return []
    inside = float((test_t < train_t.max()).mean())
    if inside == 0:
        return []
    return [
        Finding(
            check="time_order",
            severity="warning",
            columns=[t],
            evidence={
                "share_test_rows_before_training_end": round(inside, 4),
                "train_end_days": float((train_t.max() - pd.Timestamp("1970-01-01")).days),
                "test_start_days": float((test_t.min() - pd.Timestamp("1970-01-01")).days),
            },
            message=(
                f"{inside:.0%} of test rows are dated before the last training row "
                f"(by '{t}'): the model is tested on the past it was trained around, not on the "
                "future it will face."
            ),
            fix=f"Use split.strategy: time with split.time_column: {t}.",
        )
    ]


def _late_dates(frames: SplitFrames, roles: Roles, t: str, settings: dict) -> list[Finding]:
    """Other date columns that fall after the row's own prediction time: recorded later."""
    both = pd.concat([frames.X_train, frames.X_test])
    out = []
    for col in both.columns:
        if (
            col == t
            or not pd.api.types.is_datetime64_any_dtype(both[col])
            or col not in roles.features
        ):
            continue
        valid = both[col].notna() & both[t].notna()
        if not valid.any():
            continue
        after = float((both.loc[valid, col] > both.loc[valid, t]).mean())
        if after >= settings["late_dates_warning"]:
            out.append(
                Finding(
                    check="time_order",
                    severity="critical" if after >= 0.5 else "warning",
                    columns=[col],
                    evidence={"share_rows_dated_after_prediction_time": round(after, 4)},
                    message=(
                        f"'{col}' lies after the prediction time ('{t}') in {after:.0%} of rows: it "
                        "was recorded after the moment the model would be used."
                    ),
                    fix=(
                        f"Mark '{col}' known_at_prediction: false in the contract, or replace it with "
                        "a value known at prediction time."
                    ),
                )
            )
    return out


def _drift(frames: SplitFrames, roles: Roles, t: str, settings: dict) -> list[Finding]:
    """Outcome rate by time period (five equal-count periods): a significant trend means a
    random split mixes regimes the model will not see together in production."""
    if roles.task == "multiclass":
        return []
    frame = pd.DataFrame({"t": frames.X_train[t], "y": frames.y_train.to_numpy()}).dropna()
    if len(frame) < 100:
        return []
    periods = pd.qcut(frame["t"].rank(method="first"), 5, labels=False)
    rates = frame.groupby(periods)["y"].mean()
    rho, p = stats.spearmanr(np.arange(len(rates)), rates.to_numpy())
    if roles.task == "binary":
        table = pd.crosstab(periods, frame["y"])
        p = stats.chi2_contingency(table)[1] if table.shape[1] > 1 else 1.0
    spread = float(rates.max() - rates.min())
    if p >= settings["drift_p_value"] or abs(rho) < 0.8:
        return []
    what = "outcome rate" if roles.task == "binary" else "mean outcome"
    return [
        Finding(
            check="time_order",
            severity="warning",
            columns=[t],
            evidence={
                "p_value": float(p),
                "spearman_trend": round(float(rho), 3),
                "first_period": round(float(rates.iloc[0]), 4),
                "last_period": round(float(rates.iloc[-1]), 4),
                "spread": round(spread, 4),
            },
            message=(
                f"The {what} drifts over time (from {rates.iloc[0]:.3g} in the earliest fifth of "
                f"rows to {rates.iloc[-1]:.3g} in the latest, by '{t}'), but the split is "
                f"{roles.split_strategy}: the holdout mixes periods, so its score is not the score "
                "on the next period."
            ),
            fix=f"Use split.strategy: time with split.time_column: {t}, and read the score per period.",
        )
    ]
