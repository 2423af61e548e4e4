"""The holdout of a forecast study scored once: every model in every metric with its interval,
the paired lift of one model over another, scores by horizon step and by series, the cost of
the errors at the agreed prices, and the coverage of prediction intervals.

Intervals resample whole series. With fewer than `MIN_SERIES_UNITS` series they resample whole
windows of each series instead — the backtest windows and the holdout together — and are moved
to sit around the holdout's value (the spread of a window's error, centred on the holdout's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.inputs.series_facts import SERIES_ID
from workbench.language import _
from workbench.science.forecast_scores import (
    Resamples,
    as_interval,
    by_group,
    metric_of,
    resample_units,
    resampled,
)
from workbench.store.results import Interval


@dataclass
class HoldoutScorer:
    holdout: pd.DataFrame  # scored rows of the holdout (window 0)
    pooled: pd.DataFrame | None  # backtest and holdout rows, when whole windows are resampled
    plan: Resamples

    @property
    def windows(self) -> bool:
        return self.pooled is not None

    @property
    def sample(self) -> pd.DataFrame:
        return self.pooled if self.pooled is not None else self.holdout

    def score(self, model: str, metric: str) -> Interval:
        value = metric_of(self.holdout, model, metric)
        samples = resampled(self.sample, model, metric, self.plan)
        centre = metric_of(self.pooled, model, metric) if self.windows else None
        return as_interval(value, samples, centre)

    def lift(self, model: str, over: str, metric: str) -> Interval:
        """`over`'s error minus `model`'s (positive: `model` is better), paired."""
        value = metric_of(self.holdout, over, metric) - metric_of(self.holdout, model, metric)
        samples = resampled(self.sample, over, metric, self.plan) - resampled(
            self.sample, model, metric, self.plan
        )
        centre = (
            metric_of(self.pooled, over, metric) - metric_of(self.pooled, model, metric)
            if self.windows
            else None
        )
        return as_interval(value, samples, centre)

    def by_step(self, model: str, metric: str) -> list[float]:
        steps = by_group(self.holdout, model, metric, "step")
        return [steps[k] for k in sorted(steps, key=int)]

    def by_series(self, model: str, metric: str) -> dict[str, float]:
        return by_group(self.holdout, model, metric, SERIES_ID)

    def ratio(self, per_point: str, series: int) -> Interval:
        """The mean of a per-point column over the points scored, times `series`: a quantity per
        period over all series (e.g. the cost of the errors), with its interval."""
        return _ratio(self.holdout, self.sample, per_point, self.plan, series, self.windows)


def scorer(holdout: pd.DataFrame, backtest: pd.DataFrame | None, n_boot: int, seed: int):
    """A scorer resampling whole series, or (with `backtest` given: few series) whole windows."""
    pooled = None if backtest is None else pd.concat([backtest, holdout], ignore_index=True)
    sample = holdout if pooled is None else pooled
    units = sorted(sample["unit"].unique().tolist())
    what = _("whole series") if pooled is None else _("whole windows of each series")
    return HoldoutScorer(holdout, pooled, resample_units(units, n_boot, seed, what))


def _ratio(
    holdout: pd.DataFrame,
    sample: pd.DataFrame,
    column: str,
    plan: Resamples,
    series: int,
    shift: bool,
) -> Interval:
    def ratio_of(frame: pd.DataFrame) -> float:
        return float(frame[column].sum() / max(len(frame), 1) * series)

    table = sample.groupby("unit")[column].agg(["sum", "size"]).reindex(plan.units, fill_value=0)
    boot = (plan.weights @ table["sum"].to_numpy()) / np.maximum(
        plan.weights @ table["size"].to_numpy(), 1
    )
    value = ratio_of(holdout)
    return as_interval(value, boot * series, ratio_of(sample) if shift else None)


def error_cost(y: np.ndarray, f: np.ndarray, over: float, under: float) -> np.ndarray:
    """What each forecast's error costs: `over` per unit forecast too high, `under` per unit too
    low."""
    e = np.asarray(f, float) - np.asarray(y, float)
    return np.where(e > 0, over * e, -under * e)
