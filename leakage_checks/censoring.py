"""Right-censoring: the newest rows have not had time to reach their outcome, so the outcome
rate collapses in the latest period (an audit of public benchmark data found it in extracts
taken before late outcomes were recorded)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _
from leakage_checks.util import NO_DATES, excess_p_value, time_reference

PERIODS = 10


def _periods(frames: SplitFrames, t: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "t": pd.concat([frames.X_train[t], frames.X_test[t]]).to_numpy(),
            "y": np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()]),
        }
    ).dropna()
    frame["period"] = pd.qcut(frame["t"].rank(method="first"), PERIODS, labels=False)
    return frame


def _compare(frame: pd.DataFrame, task: str) -> tuple[float, float, float]:
    """The newest period's outcome rate (mean), the earlier periods' (all but the two newest,
    so that a gradual censoring does not hide in the reference), and the one-sided p-value
    that the newest is lower."""
    new = frame.loc[frame["period"] == PERIODS - 1, "y"].to_numpy(dtype="float64")
    old = frame.loc[frame["period"] < PERIODS - 2, "y"].to_numpy(dtype="float64")
    if task == "binary":
        p = excess_p_value(int(old.sum()), len(old), int(new.sum()), len(new))
    else:
        p = float(stats.mannwhitneyu(new, old, alternative="less").pvalue)
    return float(new.mean()), float(old.mean()), p


@register(
    "right_censoring",
    N_(
        "Does the outcome rate collapse in the newest period, as when late outcomes are not yet in?"
    ),
)
def right_censoring(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    t, declared = time_reference(frames, roles)
    if t is None:
        raise NotApplicable(NO_DATES)
    y = frames.y_train
    if roles.task == "multiclass" or (roles.task == "regression" and float(y.min()) < 0):
        raise NotApplicable(
            _("censoring lowers a yes/no outcome's rate or a count's mean; this outcome is neither")
        )
    dated = pd.concat([frames.X_train[t], frames.X_test[t]])
    if dated.nunique() < PERIODS:
        raise NotApplicable(f"'{t}' holds fewer than {PERIODS} different dates")
    frame = _periods(frames, t)
    new_rate, old_rate, p = _compare(frame, roles.task)
    per_period = len(frame) / PERIODS
    if roles.task == "binary" and old_rate * per_period < 10:
        raise NotApplicable(
            f"about {old_rate * per_period:.0f} outcomes are expected per tenth of the rows by "
            f"'{t}': too few to see a collapse in the newest"
        )
    if old_rate <= 0:
        return []
    ratio = new_rate / old_rate
    if p >= settings["censoring_p_value"] or ratio > settings["censoring_ratio_warning"]:
        return []
    since = frame.loc[frame["period"] == PERIODS - 1, "t"].min()
    what = "outcome rate" if roles.task == "binary" else "mean outcome"
    return [
        Finding(
            check="right_censoring",
            severity="critical" if ratio <= settings["censoring_ratio_critical"] else "warning",
            columns=[t],
            evidence={
                "newest_period": round(new_rate, 4),
                "earlier_periods": round(old_rate, 4),
                "ratio": round(ratio, 4),
                "p_value": float(f"{p:.3g}"),
                "rows_per_period": round(per_period),
            },
            message=(
                f"The {what} of the newest tenth of rows (from {since:%Y-%m-%d} by '{t}'"
                + ("" if declared else ", the earliest date of most rows")
                + f") is {new_rate:.3g}, against {old_rate:.3g} before ({ratio:.0%} of it, "
                f"p = {p:.2g}): late outcomes are probably not recorded yet. A model learns that "
                "recent cases end well, and recent holdout rows are scored on unfinished outcomes."
            ),
            fix=(
                _(
                    "Ask when an outcome is final; keep only rows old enough for their outcome "
                    "window to have closed, or label the newest rows when their outcomes are in."
                )
            ),
        )
    ]
