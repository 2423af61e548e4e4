"""Stage 3 of a forecast study, baselines: every statistical model fitted on each series by
itself (statsforecast) and forecasting the backtest windows from their own origins, on the
training part only. Seasonal naive — the same period one season earlier — stands for what the
planner does today.

The same models, fitted once more on the whole training part, forecast the holdout's periods
here too (`predictions/holdout_baselines.parquet`: the forecasts alone, no actual is read): the
evaluation scores them and fits nothing statistical itself. The fitting processes start while
the stage kernel is still small, before the tuning has grown it."""

from __future__ import annotations

import io
import time

import pandas as pd

from workbench.inputs.context import Context
from workbench.inputs.series_facts import SERIES_ID
from workbench.language import _
from workbench.science import figures
from workbench.science import statistical_models as stats
from workbench.science.backtest_scores import model_cv, scoring_frame, unit_plan
from workbench.science.dask_engine import dask_client, describe
from workbench.science.forecast_scores import by_group
from workbench.science.series_panel import Panel, load_panel
from workbench.store.forecast_results import ForecastBaselines, SeriesScores
from workbench.store.results import BaselinesResult, Figure
from workbench.store.run_directory import Run, atomic_write

BACKTEST_BASELINES = "predictions/backtest_baselines.parquet"
# each statistical model fitted on the whole training part, forecasting the holdout's periods
HOLDOUT_BASELINES = "predictions/holdout_baselines.parquet"


def run_forecast_baselines(ctx: Context, run: Run, on_progress=None) -> BaselinesResult:
    spec = ctx.spec
    panel = load_panel(ctx, run)
    names = list(spec.forecast.baselines)
    words = catalogue(ctx, panel)
    start = time.perf_counter()
    history = panel.train[[SERIES_ID, "ds", "y"]]
    with dask_client(spec.forecast) as client:
        bt = stats.backtest(
            history, names, panel.season, panel.horizon, panel.windows, panel.freq.alias, client
        )
        seconds = round(time.perf_counter() - start, 2)
        ahead = stats.forecast(
            history, names, panel.season, panel.horizon, panel.freq.alias, client
        )
        on = describe(client)
    holdout_seconds = round(time.perf_counter() - start - seconds, 2)
    run.update_manifest(
        stage_details={
            "baselines": {
                "backtest_seconds": seconds,
                "holdout_fit_seconds": holdout_seconds,
                **on,
            }
        }
    )
    save_frame(run, BACKTEST_BASELINES, bt)
    save_frame(run, HOLDOUT_BASELINES, ahead)
    if on_progress:
        on_progress(1, 1)
    frame = scoring_frame(bt, panel)
    plan = unit_plan(frame, spec.budget.bootstrap, spec.seed)
    metric = spec.metrics.primary
    models = [
        model_cv(
            frame,
            n,
            metric,
            spec.metrics.secondary,
            words[n].label,
            words[n].description,
            plan,
        )
        for n in names
    ]
    best = min(models, key=lambda m: m.mean)
    by_series = [SeriesScores(model=n, scores=by_group(frame, n, metric, SERIES_ID)) for n in names]
    result = BaselinesResult(
        metric=metric,
        greater_is_better=False,
        models=models,
        best=best.name,
        figures=[],
        cv_rows=len(frame),
        train_rows=len(panel.train),
        forecast=ForecastBaselines(
            labels={n: words[n].label for n in names},
            season=panel.season,
            by_series=by_series,
            wins=_wins(by_series),
            fit_note=_(
                "Each model is fitted on every series by itself (statsforecast) and refitted "
                "at each of the {k} backtest origins, then once more on the whole training part "
                "to forecast the holdout (scored only in the evaluation); where a model cannot "
                "be fitted on a series, that series is forecast by seasonal naive."
            ).format(k=panel.windows),
        ),
    )
    result.figures = [_figure(result, spec.primary_metric.label, run)]
    return result


def catalogue(ctx: Context, panel: Panel) -> dict[str, stats.StatisticalModel]:
    from workbench.inputs.series_facts import seasonal_words

    return stats.catalogue(panel.season, panel.horizon, seasonal_words(panel.freq, panel.season))


def _wins(by_series: list[SeriesScores]) -> dict[str, int]:
    """How many series each model forecasts best (ties to the first listed)."""
    table = pd.DataFrame({s.model: s.scores for s in by_series})
    best = table.idxmin(axis=1).dropna()
    return {s.model: int((best == s.model).sum()) for s in by_series}


def save_frame(run: Run, relative: str, frame: pd.DataFrame) -> None:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    atomic_write(run.dir / relative, buf.getvalue())


def _figure(result: BaselinesResult, label: str, run: Run) -> Figure:
    ordered = sorted(result.models, key=lambda m: m.mean)
    colors = [figures.ACCENT if m.name == result.best else figures.MUTED for m in ordered]
    errors = [[m.mean - m.ci_low for m in ordered], [m.ci_high - m.mean for m in ordered]]
    fig, _ax = figures.barh(
        [m.name for m in ordered],
        [m.mean for m in ordered],
        _("Baselines on the backtest: {label}").format(label=label),
        label,
        colors=colors,
        errors=errors,
    )
    return Figure(
        path=run.save_figure(fig, "baselines_backtest"),
        caption=_(
            "Each statistical model's {label} over the backtest windows of the training part "
            "(lower is better), with 95% intervals; the best is highlighted."
        ).format(label=label),
    )
