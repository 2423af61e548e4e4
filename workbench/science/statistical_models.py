"""The statistical baselines of a forecast study, each fitted on every series by itself with
statsforecast: naive, seasonal naive (the planner's stand-in: the same period one season
earlier), the average of the last season, AutoETS, AutoTheta and, on request, AutoARIMA.

statsforecast compiles parts of its models with numba on first use; `NIXTLA_NUMBA_CACHE` keeps
the compiled code on disk, so only the first run on a machine pays for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial

import pandas as pd

from workbench.language import _

os.environ.setdefault("NIXTLA_NUMBA_CACHE", "1")  # before statsforecast is imported
ETS_MAX_SEASON = 24  # as R's ets: longer seasons are modelled without a seasonal component
SERIES_PER_JOB = 25  # series that pay for a fitting process of their own


@dataclass(frozen=True)
class StatisticalModel:
    name: str
    label: str  # as the report names it
    description: str


def catalogue(season: int, horizon: int, seasonal_words: str) -> dict[str, StatisticalModel]:
    """Every statistical baseline with its words, for a study's season and horizon."""
    window = season if season > 1 else horizon
    ets = (
        _("exponential smoothing (error, trend and season chosen per series by AIC)")
        if 1 < season <= ETS_MAX_SEASON
        else _("exponential smoothing without a season (error and trend chosen per series)")
    )
    out = [
        StatisticalModel("naive", _("naive"), _("the last actual, repeated")),
        StatisticalModel(
            "seasonal_naive",
            _("seasonal naive"),
            _("{words}: what a planner copies forward").format(words=seasonal_words),
        ),
        StatisticalModel(
            "window_average",
            _("window average"),
            _("the mean of the last {n} periods").format(n=window),
        ),
        StatisticalModel("auto_ets", _("AutoETS"), ets),
        StatisticalModel(
            "auto_theta", _("AutoTheta"), _("the Theta method, its variant chosen per series")
        ),
        StatisticalModel(
            "auto_arima", _("AutoARIMA"), _("ARIMA, its orders chosen per series by AICc")
        ),
    ]
    return {m.name: m for m in out}


def _model(name: str, season: int, horizon: int):
    from statsforecast.models import (
        AutoARIMA,
        AutoETS,
        AutoTheta,
        Naive,
        SeasonalNaive,
        WindowAverage,
    )

    if name == "naive":
        return Naive(alias=name)
    if name == "seasonal_naive":
        return SeasonalNaive(season_length=season, alias=name)
    if name == "window_average":
        return WindowAverage(window_size=season if season > 1 else horizon, alias=name)
    if name == "auto_ets":
        m = season if season <= ETS_MAX_SEASON else 1
        return AutoETS(season_length=m, alias=name)
    if name == "auto_theta":
        return AutoTheta(season_length=season, alias=name)
    if name == "auto_arima":
        return AutoARIMA(season_length=season, alias=name)
    raise KeyError(name)


def _forecaster(names: list[str], season: int, horizon: int, freq: str, n_jobs: int):
    from statsforecast import StatsForecast
    from statsforecast.models import SeasonalNaive

    return StatsForecast(
        models=[_model(n, season, horizon) for n in names],
        freq=freq,
        n_jobs=n_jobs,
        # a model that cannot be fitted on a series forecasts it as seasonal naive does
        fallback_model=SeasonalNaive(season_length=season),
    )


def jobs_for(series: int) -> int:
    """Processes for fitting: one per 25 series (AutoETS and AutoTheta take about a tenth of a
    second a series over a backtest, a process starts in well under one), at most one per
    core."""
    from baselines.models import cores

    return max(1, min(cores(), series // SERIES_PER_JOB))


def backtest(
    history: pd.DataFrame,
    names: list[str],
    season: int,
    horizon: int,
    windows: int,
    freq: str,
    client=None,
) -> pd.DataFrame:
    """Forecasts of each model for the last `windows` windows of `horizon` periods of every
    series of `history` (`unique_id`, `ds`, `y`), each from its own origin: `unique_id`, `ds`,
    `cutoff`, `y` and one column per model. With a Dask `client`, its workers fit chunks of
    series."""
    jobs = 1 if client is not None else jobs_for(history["unique_id"].nunique())
    run = partial(
        _backtest_part,
        names=names,
        season=season,
        horizon=horizon,
        windows=windows,
        freq=freq,
        jobs=jobs,
    )
    return _on(client, history, run)


def forecast(
    history: pd.DataFrame, names: list[str], season: int, horizon: int, freq: str, client=None
) -> pd.DataFrame:
    """Each model fitted on every series of `history` and forecasting the next `horizon`
    periods: `unique_id`, `ds` and one column per model (on a Dask `client`'s workers when
    given)."""
    jobs = 1 if client is not None else jobs_for(history["unique_id"].nunique())
    run = partial(_forecast_part, names=names, season=season, horizon=horizon, freq=freq, jobs=jobs)
    return _on(client, history, run)


def _backtest_part(part, *, names, season, horizon, windows, freq, jobs) -> pd.DataFrame:
    sf = _forecaster(names, season, horizon, freq, jobs)
    out = sf.cross_validation(
        df=part[["unique_id", "ds", "y"]], h=horizon, n_windows=windows, step_size=horizon
    )
    return out.reset_index(drop=True)


def _forecast_part(part, *, names, season, horizon, freq, jobs) -> pd.DataFrame:
    sf = _forecaster(names, season, horizon, freq, jobs)
    return sf.forecast(df=part[["unique_id", "ds", "y"]], h=horizon).reset_index(drop=True)


def _on(client, history: pd.DataFrame, run) -> pd.DataFrame:
    if client is None:
        return run(history)
    from workbench.science.dask_engine import map_series

    return map_series(client, history, run)
