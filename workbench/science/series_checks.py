"""What must hold before a forecast study can run on its data: the dates lie on the spec's
grid, some series are long enough for the holdout and the backtest, and the primary metric is
defined on the actuals. Each failure is bad input naming the file, the field and the fix;
`workbench validate`, `workbench run` and the data stage share these checks."""

from __future__ import annotations

import pandas as pd

from workbench.errors import BadInput
from workbench.inputs.context import Context
from workbench.inputs.series_facts import (
    detect_frequency,
    fitting_windows,
    frequency_of,
    needed_length,
    series_ids,
)
from workbench.science.forecast_scores import mape_refusal
from workbench.science.series_panel import Panel, build_panel


def check_series(ctx: Context, typed: pd.DataFrame, origin: str) -> Panel:
    """The study's panel, once the data is known to support it."""
    spec, sfile = ctx.spec, ctx.spec_file
    fc = spec.forecast
    dates = typed[fc.time_column]
    ids = series_ids(typed, fc.series_columns)
    found = detect_frequency(ids, dates, origin, fc.time_column)
    wanted = frequency_of(fc.frequency)
    if found.key != wanted.key or (found.alias != wanted.alias and wanted.key == "W"):
        raise BadInput(
            f"the dates in '{fc.time_column}' are {found.unit.plural} apart ({found.alias}), "
            f"but the spec says forecast.frequency {fc.frequency}",
            file=sfile,
            field="forecast.frequency",
            fix=f"set forecast.frequency: {found.alias}",
        )
    panel = build_panel(typed, ctx)
    if not len(panel.frame):
        _too_short(ctx, typed, ids, found)
    if spec.metrics.primary == "mape":
        refusal = mape_refusal(panel.frame.loc[~panel.frame["filled"], "y"], spec.task.target)
        if refusal:
            raise BadInput(
                refusal.replace(" is reported instead", " can be the primary metric instead"),
                file=sfile,
                field="metrics.primary",
                fix="set metrics.primary: wape (and keep mape out of metrics.secondary)",
            )
    return panel


def _too_short(ctx: Context, typed: pd.DataFrame, ids: pd.Series, freq) -> None:
    fc = ctx.spec.forecast
    snapped = freq.snap(typed[fc.time_column])
    longest = int(pd.DataFrame({"id": ids, "ds": snapped}).groupby("id")["ds"].nunique().max())
    need = needed_length(fc.horizon, fc.backtest_windows, fc.season)
    windows = fitting_windows(longest, fc.horizon, fc.season, fc.backtest_windows)
    if windows >= 1:
        fix = f"set forecast.backtest_windows: {windows}, or a shorter forecast.horizon"
        field = "forecast.backtest_windows"
    else:
        most = max(0, (longest - fc.season - 1) // (fc.backtest_windows + 1))
        fix = (
            f"set forecast.horizon to at most {most}"
            if most >= 1
            else "collect a longer history: no horizon fits a season of history and a backtest"
        )
        field = "forecast.horizon"
    raise BadInput(
        f"no series is long enough for the study: the longest has {longest} "
        f"{freq.unit.plural}, and a holdout of {fc.horizon}, {fc.backtest_windows} backtest "
        f"windows of {fc.horizon} and a season of history ({fc.season}) before them need {need}",
        file=ctx.spec_file,
        field=field,
        fix=fix,
    )
