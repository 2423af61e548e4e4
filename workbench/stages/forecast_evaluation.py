"""Stage 5 of a forecast study, holdout evaluation: every model fitted on the training part and
forecasting the last `horizon` periods of every series, scored once — each metric with its
interval, by horizon step and by series — against seasonal naive, the planner's stand-in; the
candidate's prediction intervals from the backtest's errors with their holdout coverage; what
the errors cost at the agreed prices; the look recorded in the study's holdout ledger."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.inputs.context import Context
from workbench.inputs.series_facts import SERIES_ID
from workbench.language import _
from workbench.science import conformal
from workbench.science import global_model as gm
from workbench.science import statistical_models as stats
from workbench.science.backtest_scores import scoring_frame
from workbench.science.dask_engine import dask_client, describe
from workbench.science.forecast_holdout import HoldoutScorer, error_cost, scorer
from workbench.science.forecast_scores import MIN_SERIES_UNITS, mape_refusal
from workbench.science.series_panel import Panel, load_panel
from workbench.stages.forecast_baselines import (
    BACKTEST_BASELINES,
    HOLDOUT_BASELINES,
    save_frame,
)
from workbench.stages.forecast_figures import forecast_figures
from workbench.stages.forecast_tuning import BACKTEST_GLOBAL, GLOBAL_LABEL
from workbench.stages.holdout_looks import record_holdout_scored, record_look
from workbench.store.forecast_results import (
    CandidateChoice,
    ForecastEvaluation,
    ForecastValue,
    PredictionInterval,
    SeriesScores,
)
from workbench.store.results import (
    BaselinesResult,
    EvaluationResult,
    HoldoutScore,
    TuningResult,
)
from workbench.store.run_directory import Run, atomic_write

NAIVE = "seasonal_naive"
SHOWN_AT_RANDOM = 3


def run_forecast_evaluation(ctx: Context, run: Run) -> EvaluationResult:
    spec = ctx.spec
    panel = load_panel(ctx, run)
    tuning = run.load_result("tuning", TuningResult)
    baselines = run.load_result("baselines", BaselinesResult)
    candidate = _candidate(run)
    labels = {**baselines.forecast.labels, "global": _(GLOBAL_LABEL)}
    holdout = _forecast_holdout(ctx, run, panel, tuning)
    holdout["candidate"] = holdout[candidate]
    scored = record_holdout_scored(run)

    frame = scoring_frame(holdout, panel)
    backtest = _backtest(run, panel, candidate)
    few = panel.frame[SERIES_ID].nunique() < MIN_SERIES_UNITS
    n_boot = spec.budget.resamples(len(frame))
    sc = scorer(frame, backtest if few else None, n_boot, spec.seed)
    metrics, refused = _metrics(spec, frame)
    primary = spec.metrics.primary
    models = ["candidate", *[m for m in labels if m in holdout]]
    cand_name = _("tuned global model") if candidate == "global" else labels[candidate]
    intervals, bands, method = _intervals(frame, backtest, panel, spec)
    _save_predictions(run, holdout, frame, bands, labels)
    result = EvaluationResult(
        metric=primary,
        greater_is_better=False,
        test_rows=len(frame),
        bootstrap_resamples=n_boot,
        candidate=_holdout_score(sc, "candidate", cand_name, "candidate", metrics),
        baseline=_holdout_score(sc, NAIVE, labels[NAIVE], "baseline", metrics),
        lift=sc.lift("candidate", NAIVE, primary),
        holdout_scored=scored,
        resampled=_resampled(sc),
        pipelines=_pipelines(candidate, tuning),
        figures=[],
        forecast=ForecastEvaluation(
            candidate=candidate,
            labels={**labels, "candidate": cand_name},
            scores={m: {k: sc.score(m, k) for k in metrics} for m in models},
            by_step={
                m: {k: sc.by_step(m, k) for k in dict.fromkeys([primary, "wape"])} for m in models
            },
            by_series=[SeriesScores(model=m, scores=sc.by_series(m, primary)) for m in models],
            volume={
                str(k): round(float(v), 6) for k, v in frame.groupby(SERIES_ID)["y"].sum().items()
            },
            mape_refused=refused,
            intervals=intervals,
            interval_method=method,
            interval_quantiles={
                str(level): [round(float(v), 6) for v in q] for level, q in bands.items()
            },
            value=_value(sc, frame, panel, spec),
            units=len(sc.plan.units),
            shown_series=_shown(frame, spec.seed),
            scored_periods=len(frame),
        ),
    )
    _record_look(ctx, run, panel, result)
    result.figures = forecast_figures(result, panel, holdout, bands, run, spec)
    return result


def _candidate(run: Run) -> str:
    """The model the judge chose on the backtest (`results/candidate.json`, written once the
    tuning stage had finished)."""
    if not run.has_result("candidate"):
        raise WorkbenchError(
            "the forecast's candidate has not been chosen: results/candidate.json is missing. "
            "It is written at the end of the tuning notebook (04_tuning.ipynb); run the study "
            "with `workbench run`, or run that notebook before this one."
        )
    return run.load_result("candidate", CandidateChoice).candidate


def _forecast_holdout(ctx: Context, run: Run, panel: Panel, tuning: TuningResult):
    """Every statistical model's holdout forecasts (the baselines stage's fits on the training
    part) and the tuned global model fitted on the training part, forecasting the holdout; the
    global model saved (XGBoost's own JSON, and its features)."""
    spec = ctx.spec
    config = gm.config_from(tuning.params, panel)
    with dask_client(spec.forecast) as client:
        stat = _statistical(run, panel, spec, client)
        mlf, glob = gm.fit_and_forecast(
            config, panel, panel.train, panel.test, spec.seed, client=client
        )
        run.update_manifest(stage_details={"evaluation": describe(client)})
    models = run.dir / "models"
    models.mkdir(parents=True, exist_ok=True)
    mlf.models_["global"].save_model(str(models / "global_xgboost.json"))
    features = {"config": config.describe(), "features": list(mlf.ts.features_order_)}
    atomic_write(models / "global_features.json", json.dumps(features, indent=2) + "\n")
    test = panel.test[[SERIES_ID, "ds", "y"]].reset_index(drop=True)
    return test.merge(stat, on=[SERIES_ID, "ds"], how="left").assign(**{"global": glob})


def _statistical(run: Run, panel: Panel, spec, client) -> pd.DataFrame:
    """The statistical models' holdout forecasts, as the baselines stage saved them (fitted
    here only for a run whose baselines an earlier version made)."""
    saved = run.dir / HOLDOUT_BASELINES
    if saved.exists():
        return pd.read_parquet(saved)
    history = panel.train[[SERIES_ID, "ds", "y"]]
    names = list(spec.forecast.baselines)
    return stats.forecast(history, names, panel.season, panel.horizon, panel.freq.alias, client)


def _backtest(run: Run, panel: Panel, candidate: str) -> pd.DataFrame:
    """The backtest's forecasts of every model (the candidate's under `candidate` too)."""
    stat = pd.read_parquet(run.dir / BACKTEST_BASELINES)
    glob = pd.read_parquet(run.dir / BACKTEST_GLOBAL)[[SERIES_ID, "ds", "global"]]
    both = stat.drop(columns=["cutoff"]).merge(glob, on=[SERIES_ID, "ds"], how="left")
    both["candidate"] = both[candidate]
    return scoring_frame(both, panel)


def _metrics(spec, frame: pd.DataFrame) -> tuple[list[str], str | None]:
    """The metrics scored: the spec's, MAPE left out (with the reason) where an actual is 0."""
    names = [spec.metrics.primary, *spec.metrics.secondary]
    refused = mape_refusal(frame["y"].to_numpy(), spec.task.target) if "mape" in names else None
    if refused:
        names = [m for m in names if m != "mape"]
        if "wape" not in names:
            names.append("wape")
    return names, refused


def _holdout_score(sc: HoldoutScorer, model: str, name: str, role: str, metrics: list[str]):
    ivs = {m: sc.score(model, m) for m in metrics}
    return HoldoutScore(
        name=name,
        role=role,
        primary=ivs[metrics[0]],
        secondary={m: ivs[m] for m in metrics[1:]},
    )


def _resampled(sc: HoldoutScorer) -> str:
    if sc.windows:
        return _("whole windows of each series (the backtest's and the holdout's)")
    return _("whole series")


def _pipelines(candidate: str, tuning: TuningResult) -> dict[str, list[str]]:
    """How each model prepares its inputs: the global model's features come from each series'
    history before the forecast origin, computed inside the forecaster."""
    # the steps by their code names, as a pipeline's are (`prepare`, `model`): the judge's
    # process criterion reads them, whatever the report's language
    stat = [
        "prepare: "
        + _("nothing beyond each series' own history before the origin (statsforecast)"),
        "model: " + _("fitted per series"),
    ]
    glob = [
        "prepare: "
        + _(
            "lags, rolling means, calendar and the inputs placed in time, from each series' "
            "history before the origin (mlforecast)"
        ),
        "model: " + _("XGBoost over every series, forecasting recursively"),
    ]
    return {"candidate": glob if candidate == "global" else stat, "baseline": stat}


def _intervals(frame: pd.DataFrame, backtest: pd.DataFrame, panel: Panel, spec):
    """The candidate's conformal intervals on the holdout, their coverage, and the bounds."""
    non_negative = bool((panel.frame["y"] >= 0).all())
    out, bands = [], {}
    n_boot = min(spec.budget.bootstrap, 500)
    units = frame.assign(inside=0.0)
    for level in conformal.LEVELS:
        q = conformal.quantiles(backtest, "candidate", panel.horizon, level)
        lo, hi = conformal.bounds(frame, "candidate", q, non_negative)
        bands[level] = q
        units["inside"] = ((frame["y"] >= lo) & (frame["y"] <= hi)).astype(float)
        covered = scorer(units, None, n_boot, spec.seed).ratio("inside", 1)
        out.append(
            PredictionInterval(
                level=level,
                coverage=covered,
                mean_width=round(float(np.mean(hi - lo)), 6),
                periods=len(frame),
            )
        )
    method = (
        _("per horizon step, from the backtest's errors at that step")
        if conformal.per_step(backtest, panel.horizon)
        else _("one for all horizon steps, from all the backtest's errors (too few per step)")
    )
    return out, bands, method


def _value(sc: HoldoutScorer, frame: pd.DataFrame, panel: Panel, spec) -> ForecastValue | None:
    costs = spec.forecast.costs
    if costs is None:
        return None
    series = panel.frame[SERIES_ID].nunique()
    sample = sc.sample
    for model in ("candidate", NAIVE):
        for f in {id(frame): frame, id(sample): sample}.values():
            f[f"cost_{model}"] = error_cost(
                f["y"], f[model], costs.over_forecast, costs.under_forecast
            )
    for f in {id(frame): frame, id(sample): sample}.values():
        f["saving"] = f[f"cost_{NAIVE}"] - f["cost_candidate"]
    per_month = panel.freq.unit.per_month
    saving = sc.ratio("saving", series)
    return ForecastValue(
        currency=costs.currency,
        over_forecast=costs.over_forecast,
        under_forecast=costs.under_forecast,
        periods_per_month=per_month,
        over_means=costs.over_means,
        under_means=costs.under_means,
        candidate_per_period=sc.ratio("cost_candidate", series),
        baseline_per_period=sc.ratio(f"cost_{NAIVE}", series),
        saving_per_period=saving,
        saving_per_month=saving.model_copy(
            update={
                "value": round(saving.value * per_month, 2),
                "ci_low": round(saving.ci_low * per_month, 2),
                "ci_high": round(saving.ci_high * per_month, 2),
            }
        ),
        min_monthly_value=costs.min_monthly_value,
    )


def _shown(frame: pd.DataFrame, seed: int) -> list[str]:
    """The series the report draws: the largest by holdout volume, then three at random."""
    volume = frame.groupby(SERIES_ID)["y"].sum().sort_values(ascending=False)
    rest = volume.index[1:].tolist()
    rng = np.random.default_rng(seed)
    drawn = rng.choice(rest, size=min(SHOWN_AT_RANDOM, len(rest)), replace=False).tolist()
    return [str(volume.index[0]), *map(str, drawn)]


def _save_predictions(run: Run, holdout: pd.DataFrame, frame, bands, labels) -> None:
    """`predictions/holdout.parquet`: one row per series and holdout period — the actual, the
    candidate's forecast with its intervals, each other model's forecast."""
    out = holdout.rename(columns={SERIES_ID: "series", "ds": "period", "y": "actual"})
    models = [m for m in labels if m in out and m != "candidate"]
    out = out[["series", "period", "actual", "candidate", *models]].copy()
    steps = frame[[SERIES_ID, "ds", "step", "scale"]].rename(
        columns={SERIES_ID: "series", "ds": "period"}
    )
    out = out.merge(steps, on=["series", "period"], how="left")
    out["scored"] = out["step"].notna()
    out["step"] = out.groupby("series").cumcount() + 1
    for level, q in bands.items():
        half = q[out["step"].to_numpy() - 1] * out["scale"].fillna(0).to_numpy()
        pct = round(level * 100)
        out[f"candidate_lo{pct}"] = out["candidate"] - half
        out[f"candidate_hi{pct}"] = out["candidate"] + half
    save_frame(run, "predictions/holdout.parquet", out.drop(columns=["scale"]))


def _record_look(ctx: Context, run: Run, panel: Panel, result: EvaluationResult) -> None:
    """The holdout's scoring in the project's ledger, like every study's: the periods it
    scored known by each series, period and actual."""
    record_look(
        ctx,
        run,
        result,
        scored=panel.frame[[SERIES_ID, "ds", "y"]],
        test_rows=np.flatnonzero(panel.frame["part"].to_numpy() == "test"),
        split={
            "strategy": "rolling_origin",
            "test_size": float(panel.horizon),
            "group_column": None,
            "time_column": ctx.spec.forecast.time_column,
        },
    )
