"""The `forecast` block of a spec (`task.kind: forecast`): which column orders the periods, which
columns name a series, how often the series are measured, how far ahead to forecast, how many
backtest windows the models are chosen on, and what an error costs the client.

A forecast study splits by time itself: the holdout is the last `horizon` periods of every
series, and before it `backtest_windows` windows of `horizon` periods each are forecast from
their own origin (a rolling-origin backtest) to choose and tune the models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from workbench.inputs.series_facts import frequency_of

# the statistical baselines a forecast study can fit, per series (statsforecast)
FORECAST_BASELINES = (
    "naive",
    "seasonal_naive",
    "window_average",
    "auto_ets",
    "auto_theta",
    "auto_arima",
)
DEFAULT_FORECAST_BASELINES = [b for b in FORECAST_BASELINES if b != "auto_arima"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ForecastCosts(_Strict):
    """What a forecast error costs, per unit of the target: each unit forecast above the actual
    (stock held, staff idle) and each unit below it (a lost sale, overtime)."""

    over_forecast: float = Field(
        ge=0, description="Cost of each unit forecast above the actual (stock held, staff idle)."
    )
    under_forecast: float = Field(
        ge=0, description="Cost of each unit forecast below the actual (a lost sale, overtime)."
    )
    currency: str = "EUR"
    over_means: str | None = Field(
        None,
        description="What a forecast too high costs, in the client's words (e.g. 'overstock').",
    )
    under_means: str | None = Field(
        None,
        description="What a forecast too low costs, in the client's words (e.g. 'stock-outs').",
    )
    min_monthly_value: float | None = Field(
        None,
        description="The saving a month against seasonal naive the forecast must reach "
        "(acceptance).",
    )

    @model_validator(mode="after")
    def _priced(self) -> ForecastCosts:
        if self.over_forecast == 0 and self.under_forecast == 0:
            raise ValueError(
                "forecast.costs prices neither kind of error (both costs are 0); give the cost "
                "of a unit forecast too high and of a unit forecast too low, or remove costs"
            )
        return self


class ForecastSettings(_Strict):
    time_column: str = Field(min_length=1, description="The column that dates each period.")
    series_columns: list[str] = Field(
        default_factory=list,
        description="The columns that name a series (e.g. store and item); none for one series.",
    )
    frequency: str = Field(
        description="How often the series are measured, as a pandas offset: 30min, h, D, B, "
        "W-MON … W-SUN, MS (months), QS (quarters), YS (years). `workbench init` detects it."
    )
    horizon: int = Field(ge=1, le=10_000, description="How many periods ahead to forecast.")
    season_lengths: list[int] = Field(
        default_factory=list,
        description="Season lengths in periods, the one seasonal naive repeats first (e.g. 52 "
        "for weekly data); default: the frequency's (7 and 365 for days, 52 for weeks, 12 for "
        "months).",
    )
    backtest_windows: int = Field(
        3,
        ge=1,
        le=50,
        description="Windows of `horizon` periods, before the holdout, that the models are "
        "chosen and tuned on (a rolling-origin backtest).",
    )
    gaps: Literal["interpolate", "zero"] = Field(
        "interpolate",
        description="A period missing inside a series: interpolated, or zero (when a missing "
        "period means nothing happened, e.g. no sale). Filled periods are never scored.",
    )
    extract_end: date | None = Field(
        None,
        description="The last period the extract covers; rows dated later are flagged (a "
        "planned value in the target is not an actual). `workbench init` writes it.",
    )
    baselines: list[str] = Field(
        default_factory=lambda: list(DEFAULT_FORECAST_BASELINES),
        description="Statistical baselines fitted per series: naive, seasonal_naive, "
        "window_average, auto_ets, auto_theta, auto_arima (slow on long seasons).",
    )
    confirmed_known: list[str] = Field(
        default_factory=list,
        description="Known-in-advance inputs the client confirms are set before their period "
        "(a promotion calendar, agreed prices): the look-ahead check reports them as "
        "information instead of a warning.",
    )
    units: str | None = Field(
        None, description="What the target counts, in words (e.g. 'pizzas', 'calls')."
    )
    costs: ForecastCosts | None = Field(None, description="What a forecast error costs.")
    engine: Literal["local", "dask"] = Field(
        "local",
        description="Where the models are fitted: this machine, or a Dask cluster (the address "
        "in the environment variable named by dask_address_env; a local cluster when unset).",
    )
    dask_address_env: str | None = Field(
        None, description="The environment variable holding the Dask scheduler's address."
    )

    @model_validator(mode="after")
    def _checked(self) -> ForecastSettings:
        frequency_of(self.frequency)
        if self.time_column in self.series_columns:
            raise ValueError(
                f"forecast.time_column '{self.time_column}' is also a series column; a series is "
                "named by other columns than its dates"
            )
        if len(set(self.series_columns)) < len(self.series_columns):
            raise ValueError("forecast.series_columns names a column twice")
        unknown = [b for b in self.baselines if b not in FORECAST_BASELINES]
        if unknown:
            raise ValueError(
                f"forecast.baselines: '{unknown[0]}' is not a forecast baseline; use "
                f"{', '.join(FORECAST_BASELINES)}"
            )
        if "seasonal_naive" not in self.baselines:
            self.baselines = ["seasonal_naive", *self.baselines]  # the planner's stand-in
        if any(m < 1 for m in self.season_lengths):
            raise ValueError("forecast.season_lengths must be whole periods, 1 or more")
        if not self.season_lengths:
            self.season_lengths = list(frequency_of(self.frequency).unit.seasons)
        return self

    @property
    def season(self) -> int:
        """The season seasonal naive repeats (and MASE is scaled by)."""
        return self.season_lengths[0]
