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
