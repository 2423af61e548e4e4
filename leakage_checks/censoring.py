"""Right-censoring: the newest rows have not had time to reach their outcome, so the outcome
rate collapses in the latest period (an audit of public benchmark data found it in extracts
taken before late outcomes were recorded)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, ngettext, pct, significant
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
        raise NotApplicable(_(NO_DATES))
    y = frames.y_train
    if roles.task == "multiclass" or (roles.task == "regression" and float(y.min()) < 0):
        raise NotApplicable(
            _("censoring lowers a yes/no outcome's rate or a count's mean; this outcome is neither")
        )
    dated = pd.concat([frames.X_train[t], frames.X_test[t]])
    if dated.nunique() < PERIODS:
        raise NotApplicable(
            _("'{column}' holds fewer than {n} different dates").format(column=t, n=count(PERIODS))
        )
    frame = _periods(frames, t)
    new_rate, old_rate, p = _compare(frame, roles.task)
    per_period = len(frame) / PERIODS
    if roles.task == "binary" and old_rate * per_period < 10:
        expected = round(old_rate * per_period)
        raise NotApplicable(
            ngettext(
                "about {n} outcome is expected per tenth of the rows by '{column}': too few to "
                "see a collapse in the newest",
                "about {n} outcomes are expected per tenth of the rows by '{column}': too few to "
                "see a collapse in the newest",
                expected,
            ).format(n=count(expected), column=t)
        )
    if old_rate <= 0:
        return []
    ratio = new_rate / old_rate
    if p >= settings["censoring_p_value"] or ratio > settings["censoring_ratio_warning"]:
        return []
    since = frame.loc[frame["period"] == PERIODS - 1, "t"].min()
    sentence = _message(roles.task == "binary", declared)
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
            message=sentence.format(
                since=f"{since:%Y-%m-%d}",
                column=t,
                new=significant(new_rate, 3),
                old=significant(old_rate, 3),
                share=pct(ratio, 0),
                p=significant(p, 2),
            ),
            fix=(
                _(
                    "Ask when an outcome is final; keep only rows old enough for their outcome "
                    "window to have closed, or label the newest rows when their outcomes are in."
                )
            ),
        )
    ]


def _message(rate: bool, declared: bool) -> str:
    """The finding's sentence: of an outcome rate or a mean outcome, by the declared time column
    or by the earliest date of most rows."""
    if rate and declared:
        return _(
            "The outcome rate of the newest tenth of rows (from {since} by '{column}') is {new}, "
            "against {old} before ({share} of it, p = {p}): late outcomes are probably not "
            "recorded yet. A model learns that recent cases end well, and recent holdout rows are "
            "scored on unfinished outcomes."
        )
    if rate:
        return _(
            "The outcome rate of the newest tenth of rows (from {since} by '{column}', the "
            "earliest date of most rows) is {new}, against {old} before ({share} of it, "
            "p = {p}): late outcomes are probably not recorded yet. A model learns that recent "
            "cases end well, and recent holdout rows are scored on unfinished outcomes."
        )
    if declared:
        return _(
            "The mean outcome of the newest tenth of rows (from {since} by '{column}') is {new}, "
            "against {old} before ({share} of it, p = {p}): late outcomes are probably not "
            "recorded yet. A model learns that recent cases end well, and recent holdout rows are "
            "scored on unfinished outcomes."
        )
    return _(
        "The mean outcome of the newest tenth of rows (from {since} by '{column}', the earliest "
        "date of most rows) is {new}, against {old} before ({share} of it, p = {p}): late "
        "outcomes are probably not recorded yet. A model learns that recent cases end well, and "
        "recent holdout rows are scored on unfinished outcomes."
    )
