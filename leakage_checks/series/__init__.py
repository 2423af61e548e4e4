"""Leakage checks for forecast studies: one module per mechanism, run on the series as the
study holds them (`SeriesFrames`) with what the contract says about each input's place in
time (`SeriesRoles`). Like the tabular checks, they take plain pandas objects and return
`Finding`s; `run_series_checks` runs them all and times each.

- `holdout_overlap`: a holdout period of a series also in its training part;
- `repeated_periods`: rows repeating a series' period in the extract;
- `after_extract_end`: rows dated after the extract's last period;
- `look_ahead`: an input read at the period it forecasts whose same-period value tells far
  more about the target's surprises than its value a horizon earlier (a measurement of the
  period itself, only known once it is over);
- `whole_series`: an input constant within each series that knows the holdout's level beyond
  what the training periods show (an attribute computed over the whole series).
"""

from leakage_checks.series.series_frames import (
    SERIES_SETTINGS,
    SeriesFrames,
    SeriesRoles,
)
from leakage_checks.series.series_registry import SERIES_CHECKS, run_series_checks

__all__ = ["SERIES_CHECKS", "SERIES_SETTINGS", "SeriesFrames", "SeriesRoles", "run_series_checks"]
