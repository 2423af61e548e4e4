"""Stage 2 of a forecast study, splits and leakage: the holdout (the last `horizon` periods of
every series) and the rolling-origin backtest before it, persisted, and the forecast leakage
checks run on them."""

from __future__ import annotations

import pandas as pd

from leakage_checks.finding import SEVERITY_RANK
from leakage_checks.series import SeriesFrames, SeriesRoles, run_series_checks
from workbench.inputs.context import Context
from workbench.inputs.files import read_snapshot
from workbench.inputs.series_facts import SERIES_ID, frequency_of, series_ids
from workbench.language import _
from workbench.science import figures
from workbench.science.series_panel import Panel, build_panel
from workbench.store.forecast_results import BacktestWindow, ForecastSplit
from workbench.store.results import CheckRow, Figure, FindingRow, LeakageResult, SplitSummary
from workbench.store.run_directory import Run
from workbench.wording import lend_voice_to_checks

lend_voice_to_checks()  # the checks word their findings in the run's language


def run_forecast_split(ctx: Context, run: Run) -> LeakageResult:
    spec = ctx.spec
    typed = read_snapshot(run.snapshot)
    panel = build_panel(typed, ctx)
    split = panel.frame[[SERIES_ID, "ds", "part", "window", "filled"]]
    tmp = run.split_file.with_suffix(".tmp")
    split.to_parquet(tmp, index=False)
    tmp.replace(run.split_file)

    runs = run_series_checks(
        series_frames(typed, panel, ctx), series_roles(ctx, panel), spec.leakage
    )
    run.update_manifest(
        stage_details={"leakage": {"check_seconds": {r.name: r.seconds for r in runs}}}
    )
    findings = [FindingRow(**f.to_dict()) for r in runs for f in r.findings]
    findings.sort(key=lambda f: SEVERITY_RANK[f.severity])
    train, test = panel.train, panel.test
    result = LeakageResult(
        split=SplitSummary(
            strategy="rolling_origin",
            train_rows=len(train),
            test_rows=len(test),
            cv_folds=panel.windows,
            test_share=round(len(test) / max(len(panel.frame), 1), 4),
            time_column=spec.forecast.time_column,
        ),
        findings=findings,
        checks=[
            CheckRow(
                name=r.name,
                question=r.question,
                status=r.status,
                findings=len(r.findings),
                not_applicable_because=r.not_applicable,
            )
            for r in runs
        ],
        figures=[],
        forecast=ForecastSplit(
            horizon=panel.horizon,
            windows=backtest_windows(panel),
            series=panel.frame[SERIES_ID].nunique(),
            filled_in_test=int(test["filled"].sum()),
        ),
    )
    result.figures = [_windows_figure(panel, run)]
    return result


def series_frames(typed: pd.DataFrame, panel: Panel, ctx: Context) -> SeriesFrames:
    """The checks' view: the panel with every input at its own period, and the extract's rows
    (series and period) as read."""
    fc = ctx.spec.forecast
    freq = frequency_of(fc.frequency)
    extract = pd.DataFrame(
        {
            SERIES_ID: series_ids(typed, fc.series_columns).to_numpy(),
            "ds": freq.snap(typed[fc.time_column]).to_numpy(),
            "y": pd.to_numeric(typed[ctx.spec.task.target], errors="coerce").to_numpy(float),
        }
    )
    roles = ctx.contract.forecast_inputs()
    unlagged = build_panel(typed, ctx, lag_observed=False).frame
    cols = [c for r in roles.values() for c in r if c in unlagged]
    frame = panel.frame[[SERIES_ID, "ds", "y", "part", "window", "filled"]].merge(
        unlagged[[SERIES_ID, "ds", *cols]], on=[SERIES_ID, "ds"], how="left"
    )
    return SeriesFrames(panel=frame, extract=extract)


def series_roles(ctx: Context, panel: Panel) -> SeriesRoles:
    fc, roles = ctx.spec.forecast, ctx.contract.forecast_inputs()
    return SeriesRoles(
        horizon=panel.horizon,
        season=panel.season,
        frequency=fc.frequency,
        known_in_advance=roles["known_in_advance"],
        observed=roles["observed"],
        static=roles["static"],
        confirmed_known=list(fc.confirmed_known),
        extract_end=pd.Timestamp(fc.extract_end) if fc.extract_end else None,
        target_name=ctx.spec.task.target,
        seed=ctx.spec.seed,
    )


def backtest_windows(panel: Panel) -> list[BacktestWindow]:
    """Each backtest window (oldest first), then the holdout (window 0): its origins and
    periods over the series."""
    f = panel.frame
    block = f["window"].where(f["part"] == "train", 0)
    out = []
    for k in [*range(1, panel.windows + 1), 0]:
        rows = f[(block == k) & ((f["part"] == "test") if k == 0 else (f["window"] == k))]
        first = rows.groupby(SERIES_ID, sort=False).head(1)
        origins = f.loc[first.index - 1, "ds"]
        out.append(
            BacktestWindow(
                window=k,
                origin_first=_day(origins.min()),
                origin_last=_day(origins.max()),
                first=_day(rows["ds"].min()),
                last=_day(rows["ds"].max()),
                rows=len(rows),
            )
        )
    return out


def _day(t) -> str:
    t = pd.Timestamp(t)
    return f"{t:%Y-%m-%d}" if t == t.normalize() else f"{t:%Y-%m-%d %H:%M}"


def _windows_figure(panel: Panel, run: Run) -> Figure:
    """The backtest windows and the holdout of the longest series, on its timeline."""
    f = panel.frame
    longest = f.groupby(SERIES_ID, sort=False).size().idxmax()
    s = f[f[SERIES_ID] == longest]
    fig, ax = figures.new(6.5, 2.6)
    ax.plot(s["ds"], s["y"], color=figures.MUTED, lw=1)
    for k in range(1, panel.windows + 1):
        w = s[(s["window"] == k) & (s["part"] == "train")]
        ax.axvspan(w["ds"].min(), w["ds"].max(), color=figures.ACCENT, alpha=0.12 + 0.05 * k, lw=0)
    t = s[s["part"] == "test"]
    ax.axvspan(t["ds"].min(), t["ds"].max(), color=figures.WARN, alpha=0.3, lw=0)
    ax.set_title(_("Backtest windows and holdout"), loc="left")
    return Figure(
        path=run.save_figure(fig, "split_windows"),
        caption=_(
            "Series '{series}': the {k} backtest windows (blue, each forecast from the period "
            "before it, to choose and tune the models) and the holdout (orange, the last {h} "
            "periods, scored once at the end)."
        ).format(series=longest, k=panel.windows, h=panel.horizon),
    )
