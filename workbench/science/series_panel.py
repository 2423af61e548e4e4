"""The modelling view of a forecast run: the long panel every forecast stage starts from.

One row per series and period on a regular grid (`unique_id`, `ds`, `y`): periods a series
skips are inserted and filled (interpolated, or zero), marked `filled` and never scored; a
series' repeated period keeps its last row. Series too short for the study are left out, with
the reason. The last `horizon` periods of every series are the holdout (`part` "test"); before
them, `windows` backtest windows of `horizon` periods each (`window` 1 … K, 0 outside them).

The inputs, by time role: known-in-advance columns as they are (their future values are
known), observed columns only lagged by the horizon (`<name>_lag<H>`: at any forecast origin
the value `horizon` periods before the forecast period is already known), static columns as
the series' attribute. Text categories become integer codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from workbench.inputs.context import Context
from workbench.inputs.files import read_snapshot
from workbench.inputs.series_facts import (
    SERIES_ID,
    Frequency,
    frequency_of,
    grid,
    needed_length,
    periods_between,
    series_ids,
)
from workbench.language import _
from workbench.store.run_directory import Run

PANEL_KEYS = [SERIES_ID, "ds"]


@dataclass
class Panel:
    frame: pd.DataFrame  # sorted by series and period
    freq: Frequency
    horizon: int
    windows: int
    season: int
    seasons: list[int]
    target: str
    known: list[str] = field(default_factory=list)  # model columns, by time role
    observed: list[str] = field(default_factory=list)
    static: list[str] = field(default_factory=list)
    left_out: dict[str, str] = field(default_factory=dict)  # series -> why
    duplicates: int = 0

    @property
    def inputs(self) -> list[str]:
        return [*self.known, *self.observed, *self.static]

    @property
    def train(self) -> pd.DataFrame:
        return self.frame[self.frame["part"] == "train"]

    @property
    def test(self) -> pd.DataFrame:
        return self.frame[self.frame["part"] == "test"]

    @property
    def series(self) -> list[str]:
        return self.frame[SERIES_ID].unique().tolist()

    def model_frame(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """`unique_id`, `ds`, `y` and the model's inputs of `rows` (default: every row)."""
        rows = self.frame if rows is None else rows
        return rows[[*PANEL_KEYS, "y", *self.inputs]].reset_index(drop=True)


def observed_name(column: str, horizon: int) -> str:
    return f"{column}_lag{horizon}"


def build_panel(frame: pd.DataFrame, ctx: Context, lag_observed: bool = True) -> Panel:
    """The panel of a typed frame (the snapshot), by the spec's forecast block. With
    `lag_observed=False` observed inputs stay at their own period (what the leakage checks
    compare the lagged ones with)."""
    spec, contract = ctx.spec, ctx.contract
    fc = spec.forecast
    freq = frequency_of(fc.frequency)
    roles = contract.forecast_inputs()
    ids = series_ids(frame, fc.series_columns)
    raw = pd.DataFrame(
        {
            SERIES_ID: ids.to_numpy(),
            "ds": freq.snap(frame[fc.time_column]).to_numpy(),
            "y": pd.to_numeric(frame[spec.task.target], errors="coerce").to_numpy(float),
        }
    )
    inputs = [c for role in roles.values() for c in role if c in frame.columns]
    for c in inputs:
        raw[c] = _numeric(frame[c]).to_numpy()
    raw = raw[raw["ds"].notna()]
    raw = _trim(raw.sort_values(PANEL_KEYS, kind="stable"))
    dup = raw.duplicated(PANEL_KEYS, keep="last")
    raw = raw[~dup].sort_values(PANEL_KEYS, kind="stable").reset_index(drop=True)
    panel = Panel(
        frame=raw,
        freq=freq,
        horizon=fc.horizon,
        windows=fc.backtest_windows,
        season=fc.season,
        seasons=list(fc.season_lengths),
        target=spec.task.target,
        duplicates=int(dup.sum()),
    )
    _regularise(panel, fc.gaps)
    _leave_out_short(panel)
    _assign_parts(panel)
    _place_inputs(panel, roles, lag_observed)
    return panel


def _trim(raw: pd.DataFrame) -> pd.DataFrame:
    """Each series from its first to its last actual: periods before a series starts or after
    it ends are not gaps to fill."""
    known = raw["y"].notna()
    g = known.groupby(raw[SERIES_ID], sort=False)
    started = g.cummax()
    running = known[::-1].groupby(raw[SERIES_ID][::-1], sort=False).cummax()[::-1]
    return raw[started & running]


def _numeric(col: pd.Series) -> pd.Series:
    """An input as numbers: booleans as 0/1, text categories as integer codes (missing: NaN)."""
    if pd.api.types.is_bool_dtype(col) or str(col.dtype) == "boolean":
        return col.astype("float64")
    if pd.api.types.is_numeric_dtype(col):
        return col.astype("float64")
    if pd.api.types.is_datetime64_any_dtype(col):
        return (col - pd.Timestamp("1970-01-01")).dt.days.astype("float64")
    codes = pd.Categorical(col.astype("str").where(col.notna())).codes.astype("float64")
    return pd.Series(np.where(codes < 0, np.nan, codes), index=col.index)


def _regularise(panel: Panel, gaps: str) -> None:
    """Every series on its grid from its first to its last period; inserted periods and
    missing actuals filled and marked."""
    raw = panel.frame
    span = raw.groupby(SERIES_ID, sort=False)["ds"].agg(["min", "max"])
    periods = grid(panel.freq, span["min"], periods_between(panel.freq, span["min"], span["max"]))
    full = periods.merge(raw, on=PANEL_KEYS, how="left")
    full = full.sort_values(PANEL_KEYS, kind="stable").reset_index(drop=True)
    full["filled"] = full["y"].isna()
    if gaps == "zero":
        full["y"] = full["y"].fillna(0.0)
    else:  # each series starts and ends on an actual: interpolating the stacked series at once
        full["y"] = full["y"].interpolate()  # never reaches across a series' boundary
    others = [c for c in full.columns if c not in (*PANEL_KEYS, "y", "filled")]
    if others:
        full[others] = full.groupby(SERIES_ID, sort=False)[others].ffill()
    panel.frame = full


def _leave_out_short(panel: Panel) -> None:
    need = needed_length(panel.horizon, panel.windows, panel.season)
    sizes = panel.frame.groupby(SERIES_ID, sort=False).size()
    short = sizes[sizes < need]
    for name, n in short.items():
        panel.left_out[str(name)] = _(
            "{n} periods, fewer than the {need} the study needs (a holdout and {k} backtest "
            "windows of {h}, and a season of history before them)"
        ).format(n=n, need=need, k=panel.windows, h=panel.horizon)
    empty = panel.frame.groupby(SERIES_ID, sort=False)["filled"].all()
    for name in empty[empty].index:
        panel.left_out[str(name)] = _("no actual value at all")
    if panel.left_out:
        keep = ~panel.frame[SERIES_ID].isin(list(panel.left_out))
        panel.frame = panel.frame[keep].reset_index(drop=True)


def _assign_parts(panel: Panel) -> None:
    """Holdout: the last `horizon` periods of every series; window k: the k-th block of
    `horizon` periods of the backtest, oldest first."""
    f, h, k = panel.frame, panel.horizon, panel.windows
    from_end = f.groupby(SERIES_ID, sort=False).cumcount(ascending=False).to_numpy()
    f["part"] = np.where(from_end < h, "test", "train")
    block = from_end // h  # 0: the holdout, 1: the last backtest window, …
    f["window"] = np.where((block >= 1) & (block <= k), k + 1 - block, 0).astype(int)


def _place_inputs(panel: Panel, roles: dict[str, list[str]], lag_observed: bool) -> None:
    f, h = panel.frame, panel.horizon
    panel.known = [c for c in roles["known_in_advance"] if c in f]
    panel.static = [c for c in roles["static"] if c in f]
    for c in panel.static:  # an attribute of the series: its first known value everywhere
        f[c] = f.groupby(SERIES_ID, sort=False)[c].transform("first")
    for c in [c for c in roles["observed"] if c in f]:
        if not lag_observed:
            panel.observed.append(c)
            continue
        name = observed_name(c, h)
        f[name] = f.groupby(SERIES_ID, sort=False)[c].shift(h)
        panel.observed.append(name)
        del f[c]


def season_scale(panel: Panel) -> pd.Series:
    """Per row: the mean absolute change over one season of the series up to and including
    that row (the scale of MASE for a forecast made from that row as origin); NaN before a
    full season."""
    f, m = panel.frame, panel.season
    g = f.groupby(SERIES_ID, sort=False)["y"]
    change = (f["y"] - g.shift(m)).abs()
    total = change.fillna(0.0).groupby(f[SERIES_ID], sort=False).cumsum()
    n = change.notna().astype(float).groupby(f[SERIES_ID], sort=False).cumsum()
    return (total / n.where(n > 0)).rename("scale")


def origins(panel: Panel) -> pd.DataFrame:
    """One row per series and window (0: the holdout): the origin (the last period before the
    window) and the MASE scale at it."""
    f = panel.frame.assign(scale=season_scale(panel))
    f["block"] = np.where(f["part"] == "test", 0, np.where(f["window"] > 0, f["window"], -1))
    rows = []
    for w in [0, *range(1, panel.windows + 1)]:
        first_of = f[(f["block"] == w)].groupby(SERIES_ID, sort=False).head(1)
        before = f.loc[first_of.index - 1]
        rows.append(
            pd.DataFrame(
                {
                    SERIES_ID: before[SERIES_ID].to_numpy(),
                    "window": w,
                    "cutoff": before["ds"].to_numpy(),
                    "scale": before["scale"].to_numpy(),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def load_panel(ctx: Context, run: Run) -> Panel:
    """The panel of a run, from its snapshot."""
    return build_panel(read_snapshot(run.snapshot), ctx)
