"""What a forecast study's long data says about its series before any model: how often they are
measured (from half-hourly to yearly), their season lengths, the periods missing inside a series
(gaps), the rows that repeat a series' period, the series too short for the study, and the last
period the extract covers. `workbench init` states these facts, the data stage records them.

The grid: monthly, quarterly and yearly periods are read as the period's first day whatever day
the extract writes ("2024-03-31" and "2024-03-01" are both March 2024); days, weeks, hours and
half-hours as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.errors import BadInput

SERIES_ID = "unique_id"
ONE_SERIES = "all"  # the name of the only series when the data has no series column


@dataclass(frozen=True)
class Unit:
    name: str  # half-hour | hour | day | business day | week | month | quarter | year
    plural: str
    seasons: tuple[int, ...]  # season lengths, the one seasonal naive repeats first
    per_month: float  # periods in an average month
    default_horizon: int  # what init proposes: a day, a week, a quarter, half a year ahead
    period: str | None  # pandas period alias the dates are snapped to (None: kept as they are)


UNITS = {
    "30min": Unit("half-hour", "half-hours", (48, 336), 1461.0, 48, None),
    "h": Unit("hour", "hours", (24, 168), 730.5, 24, None),
    "D": Unit("day", "days", (7, 365), 30.44, 7, None),
    "B": Unit("business day", "business days", (5,), 21.7, 5, None),
    "W": Unit("week", "weeks", (52,), 4.345, 13, None),
    "MS": Unit("month", "months", (12,), 1.0, 6, "M"),
    "QS": Unit("quarter", "quarters", (4,), 1 / 3, 4, "Q"),
    "YS": Unit("year", "years", (1,), 1 / 12, 2, "Y"),
}


@dataclass(frozen=True)
class Frequency:
    """How often the series are measured: the pandas offset alias of the grid (e.g. "W-MON",
    "MS"), and its unit (`UNITS`)."""

    alias: str

    @property
    def key(self) -> str:
        return self.alias.split("-")[0] if self.alias.startswith("W-") else self.alias

    @property
    def unit(self) -> Unit:
        return UNITS[self.key]

    def snap(self, dates: pd.Series) -> pd.Series:
        """Dates on the grid: months, quarters and years as their first day."""
        period = self.unit.period
        if period is None:
            return dates
        return dates.dt.to_period(period).dt.start_time.astype("datetime64[ns]")


STEPS = {"30min": pd.Timedelta(minutes=30), "h": pd.Timedelta(hours=1), "D": pd.Timedelta(days=1)}
MONTHS = {"MS": 1, "QS": 3, "YS": 12}


def periods_between(freq: Frequency, first: pd.Series, last: pd.Series) -> pd.Series:
    """How many periods of the grid run from `first` to `last`, both included (dates on the
    grid), computed at once for every series."""
    key = freq.key
    if key in MONTHS:
        months = (last.dt.year - first.dt.year) * 12 + (last.dt.month - first.dt.month)
        return (months // MONTHS[key] + 1).astype(int)
    if key == "B":
        days = np.busday_count(
            first.values.astype("datetime64[D]"), last.values.astype("datetime64[D]")
        )
        return pd.Series(days + 1, index=first.index).astype(int)
    step = pd.Timedelta(weeks=1) if key == "W" else STEPS[key]
    return ((last - first) // step + 1).astype(int)


def grid(freq: Frequency, first: pd.Series, counts: pd.Series) -> pd.DataFrame:
    """Every period of each series' grid: `unique_id` (the index of `first`) and `ds`, from its
    first date, `counts` periods long — computed at once for every series."""
    n = counts.to_numpy(int)
    ids = np.repeat(first.index.to_numpy(), n)
    k = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    start = np.repeat(first.to_numpy(dtype="datetime64[ns]"), n)
    key = freq.key
    if key in MONTHS:
        s = pd.DatetimeIndex(start)
        month = (s.year * 12 + s.month - 1).to_numpy() + k * MONTHS[key]
        ds = pd.to_datetime(pd.DataFrame({"year": month // 12, "month": month % 12 + 1, "day": 1}))
    elif key == "B":
        ds = pd.Series(np.busday_offset(start.astype("datetime64[D]"), k).astype("datetime64[ns]"))
    else:
        step = pd.Timedelta(weeks=1) if key == "W" else STEPS[key]
        ds = pd.Series(start + k * step.to_timedelta64())
    return pd.DataFrame({SERIES_ID: ids, "ds": ds.to_numpy(dtype="datetime64[ns]")})


def frequency_of(alias: str) -> Frequency:
    """A spec's `forecast.frequency`, checked."""
    freq = Frequency(alias)
    if freq.key not in UNITS or (alias.startswith("W-") and alias[2:] not in WEEKDAYS):
        raise ValueError(
            f"forecast.frequency '{alias}' is not one the workbench reads; use one of 30min, h, "
            "D, B, W-MON (… W-SUN), MS, QS, YS"
        )
    return freq


WEEKDAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]


def series_ids(frame: pd.DataFrame, series_columns: list[str]) -> pd.Series:
    """One name per row for the series it belongs to: its series columns' values joined by
    ' | ', or ONE_SERIES when the data holds one series."""
    if not series_columns:
        return pd.Series(ONE_SERIES, index=frame.index, dtype="str")
    parts = [frame[c].astype("str").where(frame[c].notna(), "(missing)") for c in series_columns]
    out = parts[0]
    for p in parts[1:]:
        out = out + " | " + p
    return out.astype("str")


def detect_frequency(ids: pd.Series, dates: pd.Series, origin: str, column: str) -> Frequency:
    """The grid the dates lie on, from the most common step between a series' consecutive
    dates; `BadInput` when no grid from half-hourly to yearly fits."""
    frame = pd.DataFrame({"id": ids.to_numpy(), "ds": dates.to_numpy()}).dropna()
    frame = frame.drop_duplicates().sort_values(["id", "ds"])
    steps = frame.groupby("id")["ds"].diff().dropna()
    if steps.empty:
        raise BadInput(
            f"no series has two dates in '{column}': the frequency cannot be told",
            file=origin,
            field=column,
            fix="check --time-column and --series-column: each series needs many periods",
        )
    minutes = steps.dt.total_seconds() / 60
    mode = float(minutes.round().mode().iloc[0])
    ds = frame["ds"]
    if mode == 30:
        return Frequency("30min")
    if mode == 60:
        return Frequency("h")
    day = 24 * 60
    if mode == day:
        weekend = ds.dt.day_of_week >= 5
        three = (minutes.round() == 3 * day).any()
        return Frequency("B" if not weekend.any() and three else "D")
    if mode == 7 * day:
        weekdays = ds.dt.day_of_week.unique()
        if len(weekdays) == 1:
            return Frequency("W-" + WEEKDAYS[int(weekdays[0])])
    if 28 * day <= mode <= 31 * day:
        return Frequency("MS")
    if 89 * day <= mode <= 92 * day:
        return Frequency("QS")
    if 365 * day <= mode <= 366 * day:
        return Frequency("YS")
    shown = ", ".join(_step_words(m) for m in minutes.round().value_counts().index[:3])
    raise BadInput(
        f"the dates in '{column}' are not evenly spaced within a series (most common steps: "
        f"{shown}), so no frequency from half-hourly to yearly fits",
        file=origin,
        field=column,
        fix="give the frequency with --frequency (e.g. D, W-MON, MS), or aggregate the extract "
        "to one row per series and period",
    )


def _step_words(minutes: float) -> str:
    if minutes < 60 * 24:
        return f"{minutes:g} minutes"
    return f"{minutes / (60 * 24):g} days"


@dataclass
class SeriesFacts:
    """The facts `init` states and the data stage records, for one frequency and horizon."""

    frequency: Frequency
    series: int
    rows: int
    first: pd.Timestamp
    last: pd.Timestamp
    lengths: pd.Series  # periods from each series' first to last date, by series
    gaps: pd.Series  # missing periods inside each series, by series (only those with gaps)
    duplicates: int  # rows repeating a series' period (beyond the first)
    duplicate_series: list[str]
    extract_end: pd.Timestamp  # the last period at least half the series reach
    after_end: int  # rows dated after extract_end
    seasons: list[int] = field(default_factory=list)  # season lengths the data is long enough for

    @property
    def gap_periods(self) -> int:
        return int(self.gaps.sum())


def series_facts(
    frame: pd.DataFrame,
    ids: pd.Series,
    time_column: str,
    freq: Frequency,
    target: str | None = None,
):
    """The facts of the series in `frame` (typed: the time column a datetime) on `freq`'s grid.
    With `target`, a series runs from its first to its last actual, and a period whose actual
    is missing counts as a gap."""
    ds = freq.snap(frame[time_column])
    panel = pd.DataFrame({"id": ids.to_numpy(), "ds": ds.to_numpy()})
    if target is not None:
        panel["y"] = pd.to_numeric(frame[target], errors="coerce").to_numpy()
    panel = panel.dropna(subset=["ds"]).sort_values(["id", "ds"], kind="stable")
    if target is not None:
        known = panel["y"].notna()
        started = known.groupby(panel["id"]).cummax()
        running = known[::-1].groupby(panel["id"][::-1]).cummax()[::-1]
        panel = panel[started & running]
    dup = panel.duplicated(["id", "ds"])
    unique = panel[~dup]
    if target is not None:
        unique = unique[unique["y"].notna()]
    span = unique.groupby("id")["ds"].agg(["min", "max", "count"])
    lengths = periods_between(freq, span["min"], span["max"])
    gaps = (lengths - span["count"]).astype(int)
    ends = span["max"].sort_values(ascending=False)  # the latest period half the series reach
    extract_end = ends.iloc[(len(ends) + 1) // 2 - 1] if len(ends) else pd.NaT
    longest = int(lengths.max()) if len(lengths) else 0
    seasons = [m for m in freq.unit.seasons if m == 1 or longest >= 2 * m]
    return SeriesFacts(
        frequency=freq,
        series=len(span),
        rows=len(panel),
        first=unique["ds"].min(),
        last=unique["ds"].max(),
        lengths=lengths,
        gaps=gaps[gaps > 0],
        duplicates=int(dup.sum()),
        duplicate_series=sorted(panel.loc[dup, "id"].unique().tolist()),
        extract_end=extract_end,
        after_end=int((unique["ds"] > extract_end).sum()),
        seasons=seasons or [1],
    )


def needed_length(horizon: int, windows: int, season: int) -> int:
    """Periods a series needs to take part in a study: the holdout, the backtest windows, and
    before the first backtest origin one full season and one period (so that seasonal naive and
    the scale of MASE exist), never fewer than two horizons."""
    return (windows + 1) * horizon + max(season + 1, 2 * horizon)


def usable(lengths: pd.Series, horizon: int, windows: int, season: int) -> pd.Series:
    """The series long enough for the study, by series."""
    return lengths >= needed_length(horizon, windows, season)


def fitting_windows(longest: int, horizon: int, season: int, wanted: int) -> int:
    """The most backtest windows (at most `wanted`) the longest series can hold: 0 when it
    cannot hold even one."""
    room = longest - horizon - max(season + 1, 2 * horizon)
    return int(max(0, min(wanted, room // horizon)))


def seasonal_words(freq: Frequency, season: int) -> str:
    """What seasonal naive repeats, as a planner says it ("last year's same week"), in the
    reader's language (`period_words`: a sentence shown later asks there again)."""
    from workbench.inputs.period_words import seasonal_words as words

    return words(freq.unit.name, season)
