"""Stage 1 of a forecast study, data audit: the data stage's checks and snapshot, and the
series as found — their frequency and seasons, their lengths, gaps, repeated periods and the
series too short for the study."""

from __future__ import annotations

import pandas as pd

from workbench.inputs import files as data_io
from workbench.inputs.context import Context
from workbench.inputs.series_facts import (
    SERIES_ID,
    frequency_of,
    seasonal_words,
    series_facts,
    series_ids,
)
from workbench.language import _
from workbench.science import figures
from workbench.science.preflight import check_data
from workbench.science.series_panel import Panel
from workbench.store.forecast_results import ForecastData
from workbench.store.results import ColumnProfile, DataResult, Figure, ViolationRow
from workbench.store.run_directory import Run

NAMED = 50  # series named in a results list at most


def run_forecast_data(ctx: Context, run: Run) -> DataResult:
    spec = ctx.spec
    run.snapshot.parent.mkdir(parents=True, exist_ok=True)
    checked = check_data(ctx, run)
    typed, panel, source = checked.typed, checked.panel, checked.source
    data_io.write_snapshot(typed, run.snapshot)
    run.update_manifest(
        data={**source.manifest_facts(), "rows": len(typed), "snapshot": "data/snapshot.parquet"}
    )
    inputs = ctx.contract.forecast_inputs()
    features = [c for cols in inputs.values() for c in cols if c in typed.columns]
    y = typed[spec.task.target].dropna().astype("float64")
    result = DataResult(
        rows=len(typed),
        columns=len(ctx.contract.columns),
        data_file=source.label,
        fingerprint=source.fingerprint(),
        sql=source.sql.facts if source.sql else None,
        target=spec.task.target,
        task="forecast",
        target_summary={
            "mean": float(y.mean()),
            "std": float(y.std()),
            "min": float(y.min()),
            "median": float(y.median()),
            "max": float(y.max()),
        },
        duplicate_rows=int(typed.duplicated().sum()),
        violations=[ViolationRow(**v.model_dump()) for v in checked.violations],
        unmentioned_columns=checked.unmentioned,
        profile=_profile(typed, ctx, features),
        features=features,
        figures=[],
        forecast=series_summary(typed, ctx, panel),
    )
    result.figures = [_total_figure(panel, result, run)]
    return result


def series_summary(typed: pd.DataFrame, ctx: Context, panel: Panel) -> ForecastData:
    """The series as found in the data, and those the study keeps."""
    fc = ctx.spec.forecast
    freq = frequency_of(fc.frequency)
    ids = series_ids(typed, fc.series_columns)
    facts = series_facts(typed, ids, fc.time_column, freq, ctx.spec.task.target)
    left = dict(list(panel.left_out.items())[:NAMED])
    end = pd.Timestamp(fc.extract_end) if fc.extract_end else facts.extract_end
    actual = panel.frame.loc[~panel.frame["filled"], "y"]
    return ForecastData(
        time_column=fc.time_column,
        series_columns=list(fc.series_columns),
        frequency=freq.alias,
        unit=freq.unit.name,
        unit_plural=freq.unit.plural,
        season=fc.season,
        seasons=list(fc.season_lengths),
        seasonal_words=seasonal_words(freq, fc.season),
        horizon=fc.horizon,
        backtest_windows=fc.backtest_windows,
        series=facts.series,
        studied=panel.frame[SERIES_ID].nunique(),
        left_out=left,
        left_out_count=len(panel.left_out),
        periods_min=int(facts.lengths.min()),
        periods_median=float(facts.lengths.median()),
        periods_max=int(facts.lengths.max()),
        first=_date(facts.first),
        last=_date(facts.last),
        extract_end=_date(end),
        after_end=int((freq.snap(typed[fc.time_column]) > end).sum()),
        gap_periods=facts.gap_periods,
        gap_series=len(facts.gaps),
        gap_fill=fc.gaps,
        duplicate_rows=facts.duplicates,
        duplicate_series=facts.duplicate_series[:10],
        zero_actuals=int((actual == 0).sum()),
        inputs={
            "known_in_advance": list(panel.known),
            "observed": list(panel.observed),
            "static": list(panel.static),
        },
        units=fc.units,
    )


def _date(t: pd.Timestamp) -> str:
    t = pd.Timestamp(t)
    return f"{t:%Y-%m-%d}" if t == t.normalize() else f"{t:%Y-%m-%d %H:%M}"


def _profile(frame: pd.DataFrame, ctx: Context, features: list[str]) -> list[ColumnProfile]:
    fc = ctx.spec.forecast
    out = []
    for name, col in ctx.contract.columns.items():
        reason = None
        if name not in features:
            reason = {
                "target": _("the series' values to forecast"),
                "time": _("the time column: orders the periods"),
                "series": _("names a series"),
            }.get(col.role) or (
                _("personal data (kept out of the run)")
                if col.pii
                else _("role '{role}'").format(role=col.role)
            )
        role = col.role
        if role == "observed":
            role = _("observed (lagged by {h})").format(h=fc.horizon)
        out.append(
            ColumnProfile(
                name=name,
                type=col.type,
                role=role,
                missing_share=round(float(frame[name].isna().mean()), 4) if name in frame else None,
                distinct=int(frame[name].nunique(dropna=True)) if name in frame else None,
                pii=col.pii,
                sensitive=col.sensitive,
                used_by_model=name in features,
                excluded_because=reason,
            )
        )
    return out


def _total_figure(panel: Panel, result: DataResult, run: Run) -> Figure:
    f = panel.frame
    total = f.groupby("ds")["y"].sum()
    fig, ax = figures.new(6.5, 2.8)
    ax.plot(total.index, total.to_numpy(), color=figures.ACCENT, lw=1.2)
    start = f.loc[f["part"] == "test", "ds"].min()
    if pd.notna(start):
        ax.axvspan(start, f["ds"].max(), color=figures.WARN, alpha=0.15, lw=0)
    ax.set_title(_("{target}, all series together").format(target=result.target), loc="left")
    ax.set_ylabel(result.target)
    n = int(f[SERIES_ID].nunique())
    return Figure(
        path=run.save_figure(fig, "data_total"),
        caption=_(
            "The sum of '{target}' over the {n} series the study keeps, period by period; the "
            "shaded end is the holdout (the last {h} periods of every series)."
        ).format(target=result.target, n=n, h=panel.horizon),
    )
