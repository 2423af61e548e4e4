"""Stage 4 of a forecast study, tuning: the global model's features and XGBoost's parameters
searched with Optuna on the backtest windows (each trial refitted before each window, the
windows of two trials side by side on the cores; a trial that falls behind is pruned after a
window), in a study stored in the run directory so an interrupted search resumes. The stage
then measures every contender for the candidate — the tuned global model and each statistical
model — against seasonal naive on the backtest: its error, and its lift over seasonal naive
with an interval. Which of them becomes the candidate is the judge's rule
(`workbench.judge.candidate`), applied to these measurements before the holdout is scored."""

from __future__ import annotations

import numpy as np
import optuna
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.inputs.context import Context
from workbench.inputs.forecast_space import forecast_defaults, forecast_space
from workbench.inputs.series_facts import SERIES_ID
from workbench.language import N_, _
from workbench.science import figures
from workbench.science import global_model as gm
from workbench.science.backtest_scores import candidate_lifts, scoring_frame, unit_plan
from workbench.science.dask_engine import dask_client, describe
from workbench.science.forecast_scores import by_group
from workbench.science.forecast_search import ForecastSearch
from workbench.science.search import (
    FINISHED,
    close_abandoned,
    open_study,
    optimize,
    parameter_importances,
    publish_budgets,
)
from workbench.science.series_panel import Panel, load_panel, season_scale
from workbench.stages.forecast_baselines import BACKTEST_BASELINES, save_frame
from workbench.store.forecast_results import ForecastTuning, SeriesScores
from workbench.store.results import BaselinesResult, Figure, ModelCV, Overfitting, TuningResult
from workbench.store.run_directory import Run
from workbench.store.tuning_study import (
    shown_storage,
    storage_url,
    study_name_for,
)

BACKTEST_GLOBAL = "predictions/backtest_global.parquet"
NAIVE = "seasonal_naive"  # the planner's stand-in, every contender's yardstick
GLOBAL_LABEL = N_("global model")  # shown with _(GLOBAL_LABEL)


def run_forecast_tuning(ctx: Context, run: Run, on_progress=None) -> TuningResult:
    spec = ctx.spec
    panel = load_panel(ctx, run)
    study, shown, deadline = _open(ctx, run)
    with dask_client(spec.forecast) as client:
        search = ForecastSearch(panel, spec, _(GLOBAL_LABEL), _describe(), client)
        stopped_by = optimize(
            study,
            search,
            spec.tuning.trials,
            deadline,
            on_trial=(lambda n: on_progress(n, spec.tuning.trials)) if on_progress else None,
        )
        result = _result(ctx, run, panel, study, shown, stopped_by, client, search)
    return result


def _result(ctx, run, panel, study, shown, stopped_by, client, search) -> TuningResult:
    spec = ctx.spec
    trials = sorted(study.get_trials(deepcopy=False, states=FINISHED), key=lambda t: t.number)
    complete = [t for t in trials if t.state == optuna.trial.TrialState.COMPLETE]
    if not complete:
        raise WorkbenchError(
            "no tuning trial finished: every configuration of the global model failed or was "
            "pruned. The tuning notebook in the run directory's notebooks/ folder shows the "
            "first error."
        )
    best = min(complete, key=lambda t: (t.value, t.number))
    defaults = next((t for t in complete if t.user_attrs.get("start") == "defaults"), best)
    params = {**forecast_defaults(forecast_space(spec.tuning.space)), **best.params}
    config = gm.config_from(params, panel)
    kept = search.kept(best.number)
    if kept is not None:  # the search kept the best trial's backtest: nothing is refitted
        forecasts, fitted = kept.forecasts, kept.fitted
    else:  # the best trial ran in an earlier session (a resumed search) or on another worker
        forecasts, fitted = gm.backtest(config, panel, spec.seed, fitted=True, client=client)
    if fitted is None:  # the overfitting guard reads a local fit's in-sample forecasts
        f = panel.frame
        last = f[(f["part"] == "train") & (f["window"] < panel.windows)]
        fitted, _forecast = gm.fit_and_forecast(
            config,
            panel,
            last,
            f[(f["part"] == "train") & (f["window"] == panel.windows)],
            spec.seed,
            fitted=True,
        )
    save_frame(run, BACKTEST_GLOBAL, forecasts)
    frame = scoring_frame(forecasts, panel)
    cv = ModelCV(**{**best.user_attrs["cv"], "name": _("tuned global model")})
    default_cv = ModelCV(**{**defaults.user_attrs["cv"], "name": _("global model (defaults)")})
    baselines = run.load_result("baselines", BaselinesResult)
    lifts = _contenders(run, panel, spec, forecasts, baselines)
    details = {"storage": shown, "study": study.study_name, **describe(client)}
    run.update_manifest(stage_details={"tuning": details})
    result = TuningResult(
        family="xgboost",
        params=params,
        cv=cv,
        default_cv=default_cv,
        trials_requested=spec.tuning.trials,
        trials_completed=len(complete),
        trials_pruned=len(trials) - len(complete),
        study_name=study.study_name,
        storage=shown,
        stopped_by=stopped_by,
        importances=parameter_importances(study, spec.seed),
        overfitting=_overfitting(fitted, panel, cv),
        figures=[],
        forecast=ForecastTuning(
            config=config.describe(),
            features=list(fitted.ts.features_order_),
            importances=gm.importances(fitted),
            global_cv=cv.model_dump(),
            **lifts,
            by_series=[
                SeriesScores(
                    model="global",
                    scores=by_group(frame, "global", spec.metrics.primary, SERIES_ID),
                )
            ],
        ),
    )
    result.figures = [_history(complete, spec.primary_metric.label, run)]
    return result


def _open(ctx: Context, run: Run) -> tuple[optuna.Study, str, float]:
    """The run's study, created or resumed; a new one starts from the defaults."""
    spec = ctx.spec
    storage, shared = storage_url(run.dir)
    shown = shown_storage(storage, shared, run.dir)
    name = study_name_for(spec.name, "forecast-xgboost", run.dir, shared)
    study = open_study(name, storage, spec.seed, greater_is_better=False)
    if not shared:
        close_abandoned(study)
    first = forecast_defaults(forecast_space(spec.tuning.space))
    deadline = publish_budgets(
        study, run.dir, ctx.spec_file, spec.tuning.trials, spec.tuning.minutes, first
    )
    return study, shown, deadline


def _describe() -> str:
    return _(
        "one XGBoost model over every series: the series' recent and seasonal lags, rolling "
        "means, the calendar and the inputs placed in time"
    )


def _contenders(run: Run, panel: Panel, spec, forecasts: pd.DataFrame, baselines):
    """Every model that could be the candidate — the tuned global model, then each statistical
    model but seasonal naive — against seasonal naive on the backtest (resampled as the
    baselines' intervals are), as `ForecastTuning`'s fields (`candidate_lifts`)."""
    stat = pd.read_parquet(run.dir / BACKTEST_BASELINES).drop(columns=["cutoff"])
    glob = forecasts[[SERIES_ID, "ds", "global"]]
    frame = scoring_frame(stat.merge(glob, on=[SERIES_ID, "ds"], how="left"), panel)
    plan = unit_plan(frame, spec.budget.bootstrap, spec.seed)
    labels = {"global": _("tuned global model")}
    labels |= {k: v for k, v in baselines.forecast.labels.items() if k != NAIVE}
    return candidate_lifts(frame, labels, spec.metrics.primary, plan, NAIVE)


def _overfitting(fitted, panel: Panel, cv: ModelCV) -> Overfitting:
    """The last backtest fit's one-period-ahead error on its own training periods against its
    error on the window after them (the judge's verdict on them: `judge.verdicts.overfit`)."""
    train = fitted.forecast_fitted_values()
    scale = season_scale(panel).groupby(panel.frame[SERIES_ID]).last().rename("scale")
    frame = train.merge(panel.frame[[SERIES_ID, "ds", "filled"]], on=[SERIES_ID, "ds"])
    frame = frame[~frame["filled"]].join(scale, on=SERIES_ID)
    in_sample = float(np.nanmean(np.abs(frame["global"] - frame["y"]) / frame["scale"]))
    return Overfitting(
        train_mean=round(in_sample, 6),
        validation_mean=cv.mean,
        gap=round(cv.mean - in_sample, 6),
        fold_std=cv.std,
    )


def _history(done, label: str, run: Run) -> Figure:
    fig, ax = figures.new(6.5, 3.0)
    x = [t.number for t in done]
    v = np.array([t.value for t in done])
    ax.scatter(x, v, s=14, color=figures.MUTED, label=_("trial (backtest)"))
    ax.step(x, np.minimum.accumulate(v), where="post", color=figures.ACCENT, label=_("best so far"))
    ax.legend(frameon=False)
    ax.set_xlabel(_("trial"))
    ax.set_ylabel(label)
    ax.set_title(_("Tuning history of the global model"), loc="left")
    return Figure(
        path=run.save_figure(fig, "tuning_history"),
        caption=_(
            "Each dot is one configuration of the global model scored on the backtest windows; "
            "the line is the best found so far. Pruned trials are not shown."
        ),
    )
