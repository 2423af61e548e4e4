"""An input computed over the whole series: an attribute constant within each series (a
series' average, its total, its share of the year) that knows where the series went in its
last periods beyond what its earlier periods show. Computed over every period, the holdout's
included, it lends the forecast the level it is asked to forecast.

Across series, the input's partial correlation with the level of the backtest windows (the
training part's last periods), given the level before them: an attribute of the series that
merely goes with its size correlates with both alike. Training periods only: the holdout is not
looked at.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable
from leakage_checks.registry import N_
from leakage_checks.series.series_frames import SeriesFrames, SeriesRoles
from leakage_checks.series.series_registry import register_series
from leakage_checks.speech import _, count, number


def _levels(panel: pd.DataFrame) -> pd.DataFrame:
    train = panel[(panel["part"] == "train") & ~panel["filled"].astype(bool)]
    late = train["window"] > 0
    early = train[~late].groupby("unique_id")["y"].mean()
    recent = train[late].groupby("unique_id")["y"].mean()
    return pd.DataFrame({"early": early, "recent": recent}).dropna()


def partial_correlation(x: pd.Series, levels: pd.DataFrame) -> float:
    """x's correlation with the recent level once the early level is taken out of both. An
    average or a total over the whole series is, nearly exactly, a positive blend of both
    levels: its partial correlation is close to 1. An attribute tied to a series' size alone
    (its floor space) goes with the early level as much as the recent one, or the other way."""
    data = pd.concat([x.rename("x"), levels], axis=1).dropna()
    if len(data) < 4 or data["x"].std() == 0:
        return float("nan")
    z = np.column_stack([np.ones(len(data)), data["early"].to_numpy()])

    def residual(v: np.ndarray) -> np.ndarray:
        beta, *_ = np.linalg.lstsq(z, v, rcond=None)
        return v - z @ beta

    a, b = residual(data["x"].to_numpy(float)), residual(data["recent"].to_numpy(float))
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


@register_series(
    "whole_series",
    N_(
        "Does an attribute constant within each series know the series' latest level beyond what "
        "its earlier periods show (computed over the whole series)?"
    ),
)
def check(frames: SeriesFrames, roles: SeriesRoles, settings: dict) -> list[Finding]:
    p = frames.panel
    inputs = [*roles.static, *roles.known_in_advance, *roles.observed]
    constant = [c for c in inputs if (p.groupby("unique_id")[c].nunique(dropna=True) <= 1).all()]
    if not constant:
        raise NotApplicable(_("no input is constant within each series"))
    levels = _levels(p)
    if len(levels) < settings["whole_series_min_series"]:
        raise NotApplicable(
            _("{n} series: too few to tell an attribute from a level computed over them").format(
                n=count(len(levels))
            )
        )
    out = []
    for c in constant:
        x = pd.to_numeric(p.groupby("unique_id")[c].first(), errors="coerce")
        r = partial_correlation(x, levels)
        if not np.isfinite(r):
            continue
        severity = (
            "critical"
            if r >= settings["whole_series_critical"]
            else "warning"
            if r >= settings["whole_series_warning"]
            else None
        )
        if severity is None:
            continue
        out.append(
            Finding(
                check="whole_series",
                severity=severity,
                columns=[c],
                evidence={"partial_correlation": r, "series": float(len(levels))},
                message=_(
                    "'{column}' is constant within each series but follows the level of its "
                    "latest periods beyond what its earlier ones show (partial correlation "
                    "{r} over {n} series): it looks computed over the whole series, the periods "
                    "it is asked to forecast included."
                ).format(column=c, r=number(r, 2), n=count(len(levels))),
                fix=_(
                    "compute it from the periods before the forecast origin only (or drop it; "
                    "role: exclude)"
                ),
            )
        )
    return out
