"""Scoring forecasts of a panel: each forecast row given its MASE scale (the series' history up
to the window's origin), its horizon step and the unit a bootstrap draws; each model's backtest
summarised as a `ModelCV` (one score per window, the pooled score with its interval)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.inputs.series_facts import SERIES_ID
from workbench.language import _
from workbench.science.forecast_scores import (
    MIN_SERIES_UNITS,
    Resamples,
    as_interval,
    by_group,
    lift_samples,
    metric_of,
    resample_units,
    resampled,
)
from workbench.science.resampling import interval
from workbench.science.series_panel import Panel, origins
from workbench.store.forecast_results import Contender
from workbench.store.results import Interval, ModelCV


def scoring_frame(forecasts: pd.DataFrame, panel: Panel) -> pd.DataFrame:
    """`forecasts` (`unique_id`, `ds`, `y` and model columns, for backtest windows or the
    holdout) with `window` (0: the holdout), `scale`, `step` and `unit`, filled periods left
    out."""
    keys = panel.frame[[SERIES_ID, "ds", "part", "window", "filled"]]
    f = forecasts.drop(columns=[c for c in ("window", "cutoff") if c in forecasts]).merge(
        keys, on=[SERIES_ID, "ds"], how="left"
    )
    f["window"] = np.where(f["part"] == "test", 0, f["window"]).astype(int)
    f = f.merge(origins(panel)[[SERIES_ID, "window", "scale"]], on=[SERIES_ID, "window"])
    f = f.sort_values([SERIES_ID, "window", "ds"], kind="stable").reset_index(drop=True)
    f["step"] = f.groupby([SERIES_ID, "window"], sort=False).cumcount() + 1
    few = panel.frame[SERIES_ID].nunique() < MIN_SERIES_UNITS
    f["unit"] = f[SERIES_ID].astype(str) + " #" + f["window"].astype(str) if few else f[SERIES_ID]
    return f[~f["filled"].astype(bool)].drop(columns=["part", "filled"]).reset_index(drop=True)


def unit_plan(frame: pd.DataFrame, n_boot: int, seed: int) -> Resamples:
    units = sorted(frame["unit"].unique().tolist())
    windows = frame["unit"].str.contains(" #").any()
    what = _("whole windows of each series") if windows else _("whole series")
    return resample_units(units, n_boot, seed, what)


def model_cv(
    frame: pd.DataFrame,
    model: str,
    metric: str,
    secondary: list[str],
    name: str,
    description: str,
    plan: Resamples,
) -> ModelCV:
    """One model's backtest: its score per window, pooled over the windows with the interval of
    the bootstrap over `plan`'s units, and its secondary metrics (pooled)."""
    per_window = by_group(frame, model, metric, "window")
    value = metric_of(frame, model, metric)
    lo, hi = interval(resampled(frame, model, metric, plan))
    folds = [per_window[k] for k in sorted(per_window, key=int)]
    spread = float(np.std(folds, ddof=1)) if len(folds) > 1 else 0.0
    return ModelCV(
        name=name,
        description=description,
        fold_scores=[round(v, 6) for v in folds],
        mean=round(value, 6),
        std=round(spread, 6),
        ci_low=round(lo, 6),
        ci_high=round(hi, 6),
        secondary={
            m: round(metric_of(frame, model, m), 6)
            for m in secondary
            if m != metric and np.isfinite(metric_of(frame, model, m))
        },
    )


def backtest_lift(
    frame: pd.DataFrame, model: str, over: str, metric: str, plan: Resamples, level: float = 0.95
) -> Interval:
    """`over`'s pooled backtest error minus `model`'s (positive: `model` is better), with the
    percentile interval (at `level`) of the paired resamples of `plan`'s units: both models'
    errors on the same resampled series or windows."""
    value = metric_of(frame, over, metric) - metric_of(frame, model, metric)
    return as_interval(value, lift_samples(frame, model, over, metric, plan), level=level)


def shared_level(comparisons: int, family: float = 0.95) -> float:
    """The level of each of `comparisons` intervals so that all of them hold together with
    probability `family` at least (Bonferroni): with five models each compared with seasonal
    naive, 99% each for 95% together."""
    return 1 - (1 - family) / max(comparisons, 1)


def contenders(
    frame: pd.DataFrame, labels: dict[str, str], metric: str, plan: Resamples, naive: str
) -> tuple[float, list[Contender], float]:
    """Each model of `labels` (a column of `frame`) as a contender against `naive` on the
    backtest: its pooled error and its paired lift over `naive`, the intervals at a level
    shared over the contenders (`shared_level`) so that they hold together. Returns `naive`'s
    own error, the contenders and that level."""
    level = shared_level(len(labels))
    out = [
        Contender(
            model=m,
            label=label,
            backtest=round(metric_of(frame, m, metric), 6),
            lift=backtest_lift(frame, m, naive, metric, plan, level),
        )
        for m, label in labels.items()
    ]
    return round(metric_of(frame, naive, metric), 6), out, level


def candidate_lifts(
    frame: pd.DataFrame, labels: dict[str, str], metric: str, plan: Resamples, naive: str
) -> dict:
    """What the judge chooses the candidate from (`ForecastTuning`'s fields): `naive`'s
    backtest error, every contender against it (`contenders`), the level of their intervals,
    and what the intervals resampled and how many units."""
    naive_error, found, level = contenders(frame, labels, metric, plan, naive)
    return {
        "naive_backtest": naive_error,
        "contenders": found,
        "lift_level": round(level, 6),
        "resampled": plan.what,
        "units": len(plan.units),
    }
