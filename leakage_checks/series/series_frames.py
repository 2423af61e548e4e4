"""What the forecast checks read: the panel of the study (one row per series and period, on the
grid, with its part: training or holdout), the extract's rows as read (before repeated periods
were dropped), and each input's declared place in time."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Thresholds, each with the reason for its value; a spec's `leakage` block may override any.
# The false-alarm rates and the power they give are measured by
# benchmarks/calibration_forecast.py on null and planted series.
SERIES_SETTINGS: dict[str, float] = {
    # Repeated periods: any repeat with a different value is reported (a warning: which row is
    # the actual cannot be told); repeats that agree are information.
    "repeated_periods_warning": 0.0,
    # Look-ahead: the share of the target's surprises (its changes from a forecast made a
    # horizon earlier, within series) an input explains as the models read it, beyond what is
    # known at the forecast origin (partial squared correlation). Fixed by
    # benchmarks/calibration_forecast.py --fit on its fitting null families (seed 0, 100 data
    # sets each: the 95th and 99th percentiles of a data set's worst input, rounded up): an
    # input the models read at its own period, unconfirmed, that explains 2% of the surprises
    # beyond the origin is a leak until the client confirms it is set ahead.
    "look_ahead_warning": 0.01,
    "look_ahead_critical": 0.02,
    # The same for an observed input, read lagged by the horizon: known at the origin by its
    # role, so only a value stored ahead of its period is a leak; slow measured drivers (a
    # drought) legitimately explain up to about 15% lagged.
    "look_ahead_observed_warning": 0.15,
    "look_ahead_observed_critical": 0.17,
    "look_ahead_min_rows": 60,
    # Whole-series attributes: partial correlation (levels) of an attribute constant within each
    # series with the backtest windows' level given the earlier level, across at least 10
    # series; an attribute of size alone stays under 0.5, an average over every period near 1.
    "whole_series_warning": 0.49,
    "whole_series_critical": 0.63,
    "whole_series_min_series": 10,
}


@dataclass
class SeriesFrames:
    """`panel`: `unique_id`, `ds`, `y`, `part` ("train" | "test"), `filled` (a period the
    extract lacked), and every input column as numbers at its own period (not lagged).
    `extract`: `unique_id`, `ds` and `y` of every row as read, repeats included."""

    panel: pd.DataFrame
    extract: pd.DataFrame


@dataclass
class SeriesRoles:
    horizon: int
    season: int
    frequency: str
    known_in_advance: list[str] = field(default_factory=list)
    observed: list[str] = field(default_factory=list)
    static: list[str] = field(default_factory=list)
    confirmed_known: list[str] = field(default_factory=list)  # planned, as the consultant says
    extract_end: pd.Timestamp | None = None
    target_name: str = "y"
    seed: int = 0
