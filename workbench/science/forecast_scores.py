"""Forecast errors: every metric of a forecast study from the forecasts of each model, pooled
over the series and periods scored, by horizon step and by series, with bootstrap intervals that
resample whole series (or, with fewer than `MIN_SERIES_UNITS` series, whole windows of one
series: the backtest windows and the holdout).

Each metric is a ratio of sums over the points scored, so one pass gives each unit's sums and a
resample is a weighted sum of them:

- MASE: absolute error divided by the series' scale (the mean absolute change over one season
  of its history before the forecast origin), averaged over the points;
- WAPE: absolute error over absolute actual (the error as a share of volume);
- sMAPE: 2 |error| / (|actual| + |forecast|), averaged; RMSE and MAE;
- bias: (forecast − actual) over absolute actual (positive: forecasts run high);
- MAPE: |error| / |actual|, averaged — refused when an actual is zero.

A frame of forecasts has the columns `unique_id`, `ds`, `y` (the actual), `scale`, `step` (1 …
horizon), `unit` (what a resample draws) and one column per model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.language import ngettext
from workbench.science.resampling import interval
from workbench.store.results import Interval
from workbench.wording import count

MIN_SERIES_UNITS = 5  # fewer series than this: resample whole windows of each series
PARTS = ("n", "n_scaled", "scaled", "abs_e", "sq_e", "abs_y", "e", "smape", "ape", "zero_y")


def point_parts(y: np.ndarray, f: np.ndarray, scale: np.ndarray) -> dict[str, np.ndarray]:
    """Each point's share of every sum (NaN forecasts count nowhere)."""
    ok = np.isfinite(f) & np.isfinite(y)
    e = np.where(ok, f - y, 0.0)
    ae = np.abs(e)
    scaled_ok = ok & np.isfinite(scale) & (scale > 0)
    both = np.abs(y) + np.abs(f)
    smape = np.where(ok & (both > 0), 2 * ae / np.where(both > 0, both, 1.0), 0.0)
    nonzero = ok & (y != 0)
    return {
        "n": ok.astype(float),
        "n_scaled": scaled_ok.astype(float),
        "scaled": np.where(scaled_ok, ae / np.where(scaled_ok, scale, 1.0), 0.0),
        "abs_e": ae,
        "sq_e": e * e,
        "abs_y": np.where(ok, np.abs(y), 0.0),
        "e": e,
        "smape": smape,
        "ape": np.where(nonzero, ae / np.where(nonzero, np.abs(y), 1.0), 0.0),
        "zero_y": (ok & (y == 0)).astype(float),
    }


def value_of(metric: str, s: dict[str, np.ndarray | float]) -> np.ndarray | float:
    """A metric from sums (scalars, or arrays of resampled sums)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric == "mase":
            return np.divide(s["scaled"], s["n_scaled"])
        if metric == "wape":
            return np.divide(s["abs_e"], s["abs_y"])
        if metric == "smape":
            return np.divide(s["smape"], s["n"])
        if metric == "rmse":
            return np.sqrt(np.divide(s["sq_e"], s["n"]))
        if metric == "mae":
            return np.divide(s["abs_e"], s["n"])
        if metric == "bias":
            return np.divide(s["e"], s["abs_y"])
        if metric == "mape":
            return np.where(np.asarray(s["zero_y"]) > 0, np.nan, np.divide(s["ape"], s["n"]))
    raise KeyError(metric)


def sums_by(frame: pd.DataFrame, model: str, key: str | list[str]) -> pd.DataFrame:
    """Each group's sums (one row per value of `key`) for one model's forecasts."""
    parts = point_parts(
        frame["y"].to_numpy(float), frame[model].to_numpy(float), frame["scale"].to_numpy(float)
    )
    table = pd.DataFrame(parts, index=frame.index)
    keys = [key] if isinstance(key, str) else key
    return table.groupby([frame[k] for k in keys], sort=True).sum()


def metric_of(frame: pd.DataFrame, model: str, metric: str) -> float:
    parts = point_parts(
        frame["y"].to_numpy(float), frame[model].to_numpy(float), frame["scale"].to_numpy(float)
    )
    return float(value_of(metric, {k: v.sum() for k, v in parts.items()}))


def by_group(frame: pd.DataFrame, model: str, metric: str, key: str) -> dict[str, float]:
    """One model's metric per value of `key` (a step, a series, a window)."""
    sums = sums_by(frame, model, key)
    values = value_of(metric, {k: sums[k].to_numpy() for k in PARTS})
    return {str(k): round(float(v), 6) for k, v in zip(sums.index, values, strict=True)}


@dataclass
class Resamples:
    """Bootstrap weights over units: row b says how often each unit is drawn in resample b."""

    units: list[str]
    weights: np.ndarray  # resamples × units
    what: str  # in words: "whole series" / "whole windows of each series"


def resample_units(units: list[str], n_boot: int, seed: int, what: str) -> Resamples:
    rng = np.random.default_rng(seed)
    k = len(units)
    draws = rng.integers(0, k, size=(n_boot, k))
    weights = np.zeros((n_boot, k))
    rows = np.repeat(np.arange(n_boot), k)
    np.add.at(weights, (rows, draws.ravel()), 1.0)
    return Resamples(list(units), weights, what)


def resampled(frame: pd.DataFrame, model: str, metric: str, plan: Resamples) -> np.ndarray:
    """The metric on every resample of `plan`'s units."""
    sums = sums_by(frame, model, "unit").reindex(plan.units, fill_value=0.0)
    boot = {k: plan.weights @ sums[k].to_numpy() for k in PARTS}
    return np.asarray(value_of(metric, boot), dtype=float)


def as_interval(
    value: float, samples: np.ndarray, centre: float | None = None, level: float = 0.95
) -> Interval:
    """`value` with the percentile interval of `samples` (95% unless `level` says otherwise);
    with `centre` (the samples' own full-data value), the interval is moved to sit around
    `value` (windows of the backtest and the holdout resampled together, the holdout's value
    reported)."""
    lo, hi = interval(samples, level)
    if centre is not None and np.isfinite(centre):
        lo, hi = value + (lo - centre), value + (hi - centre)
    return Interval(value=round(value, 6), ci_low=round(lo, 6), ci_high=round(hi, 6))


def lift_samples(
    frame: pd.DataFrame, model: str, over: str, metric: str, plan: Resamples
) -> np.ndarray:
    """`over`'s error minus `model`'s on every resample (positive: `model` is better)."""
    return resampled(frame, over, metric, plan) - resampled(frame, model, metric, plan)


def mape_refusal(actuals: np.ndarray, target: str) -> str | None:
    """Why MAPE cannot be scored on these actuals, or None when it can."""
    zeros = int((np.asarray(actuals) == 0).sum())
    if zeros == 0:
        return None
    return ngettext(
        "MAPE divides each error by its actual, and {n} actual value of '{target}' is zero: it "
        "is undefined. WAPE (the error as a share of the total volume) is reported instead.",
        "MAPE divides each error by its actual, and {n} actual values of '{target}' are zero: "
        "it is undefined. WAPE (the error as a share of the total volume) is reported instead.",
        zeros,
    ).format(n=count(zeros), target=target)
