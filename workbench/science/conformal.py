"""Prediction intervals for forecasts from the backtest's errors (split conformal): at each
horizon step, the error of the backtest's forecasts relative to their series' scale gives the
quantile that covers the wanted share; the holdout's interval is its forecast plus or minus
that quantile times the series' scale at the holdout's origin. Their coverage on the holdout
is then measured, not assumed.

Each step needs `MIN_POINTS` backtest errors to have a quantile of its own; with fewer, every
step shares one quantile of all the backtest's errors.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

LEVELS = (0.8, 0.95)
MIN_POINTS = 40


def quantiles(backtest: pd.DataFrame, model: str, horizon: int, level: float) -> np.ndarray:
    """The conformal quantile of the scaled absolute error per horizon step (1 … `horizon`)."""
    ok = backtest["scale"].gt(0) & backtest[model].notna()
    score = (backtest.loc[ok, "y"] - backtest.loc[ok, model]).abs() / backtest.loc[ok, "scale"]
    steps = backtest.loc[ok, "step"]
    pooled = _quantile(score.to_numpy(), level)
    out = np.full(horizon, pooled)
    for h in range(1, horizon + 1):
        at = score[steps == h].to_numpy()
        if len(at) >= MIN_POINTS:
            out[h - 1] = _quantile(at, level)
    return out


def per_step(backtest: pd.DataFrame, horizon: int) -> bool:
    """Whether every step had enough backtest errors for a quantile of its own."""
    counts = backtest.groupby("step").size().reindex(range(1, horizon + 1), fill_value=0)
    return bool((counts >= MIN_POINTS).all())


def _quantile(scores: np.ndarray, level: float) -> float:
    """The finite-sample conformal quantile: the ceil((n + 1) level)-th smallest score."""
    n = len(scores)
    if n == 0:
        return float("nan")
    k = min(n, math.ceil((n + 1) * level))
    return float(np.sort(scores)[k - 1])


def bounds(
    frame: pd.DataFrame, model: str, q: np.ndarray, non_negative: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds for the forecasts in `frame` (with `step` and `scale`)."""
    half = q[frame["step"].to_numpy() - 1] * frame["scale"].fillna(0).to_numpy()
    centre = frame[model].to_numpy(float)
    lo, hi = centre - half, centre + half
    if non_negative:
        lo = np.maximum(lo, 0.0)
    return lo, hi
