"""The global model of a forecast study: one XGBoost regressor over every series, built with
mlforecast from the series' own past (lags and rolling statistics), the calendar, and the
inputs the contract places in time (known-in-advance columns as they are, observed columns
lagged by the horizon, static attributes of the series).

It forecasts recursively: the second period ahead reads the first period's forecast where it
needs the value one period back, so no feature ever reads an actual after the forecast origin.
Each backtest window is fitted on the periods before it only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.inputs.forecast_space import FEATURE_SPACE
from workbench.science.series_panel import PANEL_KEYS, Panel

CALENDAR = {
    "half-hour": ["hour", "day_of_week"],
    "hour": ["hour", "day_of_week"],
    "day": ["day_of_week", "month"],
    "business day": ["day_of_week", "month"],
    "week": ["week", "month"],
    "month": ["month"],
    "quarter": ["quarter"],
    "year": [],
}


@dataclass
class GlobalConfig:
    """One configuration of the global model: its features and XGBoost's parameters."""

    lags: list[int]
    windows: dict[int, list[tuple[str, int]]]  # lag -> [(statistic, window size)]
    target_transform: str
    calendar: list[str]
    xgb: dict[str, Any]

    def describe(self) -> dict[str, Any]:
        """The configuration as plain data (results, the promotion package)."""
        return {
            "lags": self.lags,
            "rolling_means": {str(k): [w for _, w in v] for k, v in self.windows.items()},
            "target_transform": self.target_transform,
            "calendar": self.calendar,
            "xgboost": self.xgb,
        }


def config_from(params: dict[str, Any], panel: Panel) -> GlobalConfig:
    """A trial's parameters made concrete for the panel's season and frequency."""
    m, seasons = panel.season, panel.seasons
    lags = {
        "recent": [1, 2, 3, 4],
        "seasonal": sorted({1, 2, *(s for s in seasons if s > 1)}),
        "full_season": (
            list(range(1, m + 1)) if m <= 24 else sorted({1, 2, 3, 4, m - 1, m, m + 1})
        ),
    }[params.get("lags", "seasonal")]
    window = {
        "none": {},
        "recent": {1: [("mean", 4)]},
        "season": {1: [("mean", 4)] + ([("mean", m)] if m > 4 else [])},
    }[params.get("windows", "season")]
    calendar = CALENDAR[panel.freq.unit.name] if params.get("calendar", True) else []
    xgb = {k: v for k, v in params.items() if k not in FEATURE_SPACE}
    return GlobalConfig(lags, window, params.get("target_transform", "scale"), calendar, xgb)


def forecaster(config: GlobalConfig, panel: Panel, seed: int):
    """An unfitted MLForecast with one XGBoost model (one thread) for `config`."""
    import xgboost
    from mlforecast import MLForecast
    from mlforecast.lag_transforms import RollingMean
    from mlforecast.target_transforms import Differences, LocalStandardScaler

    transforms = {
        "none": None,
        "scale": [LocalStandardScaler()],
        "difference": [Differences([1]), LocalStandardScaler()],
    }[config.target_transform]
    lag_transforms = {
        lag: [RollingMean(window_size=w, min_samples=1) for _, w in stats]
        for lag, stats in config.windows.items()
    }
    model = xgboost.XGBRegressor(
        **config.xgb, n_jobs=1, random_state=seed, tree_method="hist", verbosity=0
    )
    return MLForecast(
        models={"global": model},
        freq=panel.freq.alias,
        lags=config.lags or None,
        lag_transforms=lag_transforms or None,
        date_features=config.calendar or None,
        target_transforms=transforms,
        num_threads=1,
    )


def fit_and_forecast(
    config: GlobalConfig,
    panel: Panel,
    train: pd.DataFrame,
    future: pd.DataFrame,
    seed: int,
    fitted: bool = False,
    client=None,
) -> tuple[Any, np.ndarray]:
    """Fit on `train` (panel rows), forecast the rows of `future` (the next periods of the same
    series, with their inputs): the fitted forecaster and the forecasts in `future`'s order.
    `fitted`: keep the in-sample one-period-ahead forecasts (`forecast_fitted_values`). With a
    Dask `client`, XGBoost is trained on the cluster (the features computed here)."""
    mlf = forecaster(config, panel, seed)
    data = panel.model_frame(train)
    if client is None:
        mlf.fit(data, static_features=list(panel.static), dropna=True, fitted=fitted)
        return mlf, _predict(mlf, panel, future)
    from workbench.science.dask_engine import train_xgboost

    X, y = mlf.preprocess(data, static_features=list(panel.static), dropna=True, return_X_y=True)
    mlf.models_ = {"global": train_xgboost(client, X, y, {**config.xgb, "n_jobs": 1}, seed)}
    return mlf, _predict(mlf, panel, future)


def forecast_with(
    model, config: GlobalConfig, panel: Panel, train: pd.DataFrame, future: pd.DataFrame
) -> tuple[Any, np.ndarray]:
    """A fitted XGBoost model (the hand-off's) forecasting `future` from the history `train`:
    the features are computed from the history as when it was fitted, nothing is refitted."""
    mlf = forecaster(config, panel, seed=0)
    mlf.preprocess(panel.model_frame(train), static_features=list(panel.static), dropna=True)
    mlf.models_ = {"global": model}
    return mlf, _predict(mlf, panel, future)


def _predict(mlf, panel: Panel, future: pd.DataFrame) -> np.ndarray:
    h = int(future.groupby("unique_id").size().max())
    dynamic = [*panel.known, *panel.observed]
    x_df = panel.model_frame(future)[[*PANEL_KEYS, *dynamic]] if dynamic else None
    pred = mlf.predict(h=h, X_df=x_df)
    merged = future[PANEL_KEYS].merge(pred, on=PANEL_KEYS, how="left")
    return merged["global"].to_numpy(float)


def backtest(
    config: GlobalConfig,
    panel: Panel,
    seed: int,
    on_window: Callable[[int, pd.DataFrame], None] | None = None,
    fitted: bool = False,
    client=None,
) -> tuple[pd.DataFrame, Any]:
    """The model refitted before each backtest window and forecasting it: `unique_id`, `ds`,
    `window`, `y` and `global`, and the last window's fitted forecaster (with its in-sample
    forecasts when `fitted`). `on_window(k, forecasts so far)` after each window."""
    out, mlf = [], None
    for k in range(1, panel.windows + 1):
        last = fitted and k == panel.windows and client is None
        mlf, forecasts = window_forecast(config, panel, k, seed, last, client)
        out.append(forecasts)
        if on_window is not None:
            on_window(k, pd.concat(out, ignore_index=True))
    return pd.concat(out, ignore_index=True), mlf


def window_forecast(
    config: GlobalConfig, panel: Panel, k: int, seed: int, fitted: bool = False, client=None
) -> tuple[Any, pd.DataFrame]:
    """Backtest window `k`: the model fitted on the periods before it and forecasting it. The
    fitted forecaster, and the forecasts (`unique_id`, `ds`, `window`, `y`, `global`)."""
    f = panel.frame
    train = f[(f["part"] == "train") & (f["window"] < k)]
    valid = f[(f["part"] == "train") & (f["window"] == k)]
    mlf, pred = fit_and_forecast(config, panel, train, valid, seed, fitted, client)
    return mlf, valid[[*PANEL_KEYS, "window", "y"]].assign(**{"global": pred})


def importances(mlf) -> dict[str, float]:
    """The fitted global model's share of gain per feature, largest first."""
    model = mlf.models_["global"]
    gains = model.get_booster().get_score(importance_type="total_gain")
    total = sum(gains.values()) or 1.0
    ranked = sorted(gains.items(), key=lambda kv: -kv[1])
    return {k: round(v / total, 4) for k, v in ranked}
