"""The look-ahead input: one the models read at a period whose value there tells far more about
the target's surprise — its change from a forecast made a horizon earlier — than what is known
at the forecast origin does (the same input a horizon earlier, or the target's own change then). A measurement of the period itself (the same day's temperature, the
month's shipped units, the quarter's occupancy) is known only once the period is over; read at
the period it forecasts, it lends the forecast an answer it will not have.

Each input is compared as the models read it — known-in-advance inputs at their own period,
observed ones lagged by the horizon (a future value stored in its row is caught there) — with
what the origin already knows. Both the target and the
input are taken as changes over the seasonal lag a forecast made a horizon ahead can use
(`k`, the smallest multiple of the season at least the horizon), standardised within each
series, so that a level, a trend or a season shared by both says nothing. A calendar fact
changes by nothing over a season and cannot be flagged. Training periods only: the holdout is
not looked at.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable
from leakage_checks.registry import N_
from leakage_checks.series.series_frames import SeriesFrames, SeriesRoles
from leakage_checks.series.series_registry import register_series
from leakage_checks.speech import _, pct


def seasonal_lag(horizon: int, season: int) -> int:
    """The lag of the latest same-season value known a horizon before the period."""
    if season <= 1:
        return horizon
    return season * math.ceil(horizon / season)


def _standardised_change(values: pd.Series, ids: pd.Series, k: int) -> pd.Series:
    change = values - values.groupby(ids, sort=False).shift(k)
    by = change.groupby(ids, sort=False)
    spread = by.transform("std")
    return (change - by.transform("mean")) / spread.where(spread > 0)


def _r2(a: pd.Series, b: pd.Series) -> tuple[float, int]:
    ok = a.notna() & b.notna() & np.isfinite(a) & np.isfinite(b)
    n = int(ok.sum())
    if n < 3 or a[ok].std() == 0 or b[ok].std() == 0:
        return float("nan"), n
    return float(np.corrcoef(a[ok], b[ok])[0, 1] ** 2), n


def _partial_r2(a: pd.Series, b: pd.Series, known: list[pd.Series]) -> float:
    """The squared correlation of `a` and `b` once what `known` explains is taken out of both
    (least squares on the rows where all are present)."""
    frame = pd.concat([a.rename("a"), b.rename("b"), *known], axis=1)
    frame = frame.replace([np.inf, -np.inf], np.nan).dropna()
    if len(frame) < 3:
        return float("nan")
    z = np.column_stack([np.ones(len(frame)), frame.iloc[:, 2:].to_numpy(float)])

    def residual(v: np.ndarray) -> np.ndarray:
        beta, *_ = np.linalg.lstsq(z, v, rcond=None)
        return v - z @ beta

    ra, rb = residual(frame["a"].to_numpy(float)), residual(frame["b"].to_numpy(float))
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1] ** 2)


def input_signal(frames: SeriesFrames, roles: SeriesRoles, column: str) -> dict[str, float]:
    """What `column` as the models read it tells about the target's surprise: in all (`r2_as_
    read`) and beyond what is known at the forecast origin (`gain`: the partial share once the
    same input a horizon earlier and the target's own change a horizon earlier are taken out)."""
    p = frames.panel
    train = p[(p["part"] == "train")].reset_index(drop=True)
    ids = train["unique_id"]
    k = seasonal_lag(roles.horizon, roles.season)
    target = _standardised_change(train["y"].astype(float), ids, k)
    surprise = target.where(~train["filled"].astype(bool))
    change = _standardised_change(pd.to_numeric(train[column], errors="coerce"), ids, k)
    read = 0 if column not in roles.observed else roles.horizon
    as_read = change.groupby(ids, sort=False).shift(read)
    r2_read, n = _r2(surprise, as_read)
    known = [
        change.groupby(ids, sort=False).shift(read + roles.horizon).rename("input_earlier"),
        target.groupby(ids, sort=False).shift(roles.horizon).rename("target_earlier"),
    ]
    return {"r2_as_read": r2_read, "gain": _partial_r2(surprise, as_read, known), "rows": float(n)}


@register_series(
    "look_ahead",
    N_(
        "Does an input the models read at a period tell far more about the target there than its "
        "value a horizon earlier (a measurement only known once the period is over)?"
    ),
)
def check(frames: SeriesFrames, roles: SeriesRoles, settings: dict) -> list[Finding]:
    columns = [*roles.known_in_advance, *roles.observed]
    if not columns:
        raise NotApplicable(_("no input varies in time: the models read only the target's history"))
    out = []
    for column in columns:
        ev = input_signal(frames, roles, column)
        if ev["rows"] < settings["look_ahead_min_rows"] or not np.isfinite(ev["gain"]):
            continue
        gain = ev["gain"]
        # an observed input is read lagged, so it is known at the origin by its role: only a
        # value stored ahead of its period (the next periods' bookings) explains nearly all
        kind = "look_ahead_observed" if column in roles.observed else "look_ahead"
        severity = (
            "critical"
            if gain >= settings[f"{kind}_critical"]
            else "warning"
            if gain >= settings[f"{kind}_warning"]
            else None
        )
        if severity is None:
            continue
        confirmed = column in roles.confirmed_known
        if confirmed:
            severity = "info"
        out.append(
            Finding(
                check="look_ahead",
                severity=severity,
                columns=[column],
                evidence=ev,
                message=_look_ahead_message(column in roles.observed, confirmed).format(
                    column=column,
                    share=pct(gain, 0),
                    target=roles.target_name,
                    all=pct(ev["r2_as_read"], 0),
                ),
                fix=_(
                    "declare it known in advance if it truly is (set before the period: a "
                    "planned promotion, an agreed price — and list it in forecast.confirmed_known), "
                    "or let it be lagged (role: observed)"
                ),
            )
        )
    return out


def _look_ahead_message(observed: bool, confirmed: bool) -> str:
    """The finding's sentence: the input read lagged by the horizon or at the period it
    forecasts, confirmed set ahead by the client or not."""
    if observed and confirmed:
        return _(
            "'{column}', read lagged by the horizon, explains {share} of the surprises in "
            "'{target}' (its changes from a forecast made a horizon earlier) beyond what is known "
            "at the forecast origin (its own value and the target's a horizon earlier; {all} in "
            "all): a value of the period itself, known only once the period is over, lends the "
            "forecast an answer it will not have (the client confirms it is set ahead)."
        )
    if observed:
        return _(
            "'{column}', read lagged by the horizon, explains {share} of the surprises in "
            "'{target}' (its changes from a forecast made a horizon earlier) beyond what is known "
            "at the forecast origin (its own value and the target's a horizon earlier; {all} in "
            "all): a value of the period itself, known only once the period is over, lends the "
            "forecast an answer it will not have."
        )
    if confirmed:
        return _(
            "'{column}', read at the period it forecasts, explains {share} of the surprises in "
            "'{target}' (its changes from a forecast made a horizon earlier) beyond what is known "
            "at the forecast origin (its own value and the target's a horizon earlier; {all} in "
            "all): a value of the period itself, known only once the period is over, lends the "
            "forecast an answer it will not have (the client confirms it is set ahead)."
        )
    return _(
        "'{column}', read at the period it forecasts, explains {share} of the surprises in "
        "'{target}' (its changes from a forecast made a horizon earlier) beyond what is known at "
        "the forecast origin (its own value and the target's a horizon earlier; {all} in all): a "
        "value of the period itself, known only once the period is over, lends the forecast an "
        "answer it will not have."
    )
