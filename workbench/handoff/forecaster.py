"""Forecasting after a forecast study: the promoted forecaster — the tuned global model as
XGBoost's own JSON with its features, or the statistical model that won, refitted per series —
reads the latest history and writes the next `horizon` periods of every series with their 80%
and 95% intervals, seasonal naive beside them.

The history is the extract's format (the contract's columns). Rows dated after a series' last
actual, with the target empty, carry the known-in-advance inputs of the periods to forecast
(planned promotions, set prices); observed inputs are read lagged by the horizon as in the
study, static ones as the series' attribute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from workbench.errors import BadInput
from workbench.inputs.context import Context, context_from_copies
from workbench.inputs.series_facts import SERIES_ID, frequency_of, series_ids
from workbench.science import global_model as gm
from workbench.science import statistical_models as stats
from workbench.science.series_panel import Panel, build_panel, origins

NAIVE = "seasonal_naive"


@dataclass
class Forecaster:
    ctx: Context
    candidate: str  # "global" or a statistical model's name
    params: dict[str, Any]  # the global model's tuned parameters
    quantiles: dict[str, list[float]]  # level -> conformal quantile per horizon step
    model_path: Path  # the global model, XGBoost's JSON
    features: list[str]  # the global model's features, in the order it was fitted on


def open_forecaster(source: Path) -> Forecaster:
    """The forecaster of a hand-off package (`workbench promote`) or of a finished run."""
    source = Path(source).expanduser().resolve()
    if (source / "forecast_config.yaml").exists():
        config = yaml.safe_load((source / "forecast_config.yaml").read_text())
        ctx = context_from_copies(source / "spec.yaml", source / "contract.yaml")
        model_dir = source / "forecaster"
    elif (source / "results" / "evaluation.json").exists():
        config = _run_config(source)
        ctx = context_from_copies(
            source / "inputs" / "spec.yaml", source / "inputs" / "contract.yaml"
        )
        model_dir = source / "models"
    else:
        raise BadInput(
            "neither a forecast study's run directory nor its hand-off package",
            file=str(source),
            fix="give a finished run of a forecast study, or the folder `workbench promote` wrote",
        )
    if ctx.spec.task.kind != "forecast":
        raise BadInput(
            f"the study is a {ctx.spec.task.kind} study, not a forecast",
            file=str(source),
            fix="use `workbench drift` and score.py of a tabular study's package instead",
        )
    features = json.loads((model_dir / "global_features.json").read_text())["features"]
    return Forecaster(
        ctx=ctx,
        candidate=config["candidate"],
        params=config["params"],
        quantiles=config["interval_quantiles"],
        model_path=model_dir / "global_xgboost.json",
        features=features,
    )


def _run_config(run_dir: Path) -> dict[str, Any]:
    tuning = json.loads((run_dir / "results" / "tuning.json").read_text())
    evaluation = json.loads((run_dir / "results" / "evaluation.json").read_text())
    return {
        "candidate": evaluation["forecast"]["candidate"],
        "params": tuning["params"],
        "interval_quantiles": evaluation["forecast"]["interval_quantiles"],
    }


def read_history(fc: Forecaster, path: Path) -> tuple[pd.DataFrame, list[str]]:
    """The history file, read in the extract's format and typed by the contract."""
    from workbench.inputs.files import read_rows

    columns = [c for c, s in fc.ctx.contract.columns.items() if not s.pii and s.role != "exclude"]
    options = fc.ctx.spec.data.read_options() if fc.ctx.spec.data.path else None
    reading = (
        {} if options is None else {k: getattr(options, k) for k in options.__dataclass_fields__}
    )
    return read_rows(Path(path), fc.ctx.loaded.contract_path, columns, **reading)


def forecast_ahead(fc: Forecaster, typed: pd.DataFrame, origin: str) -> pd.DataFrame:
    """The next horizon of every series of `typed` (the history, typed by the contract), from
    each series' last actual: `series`, `period`, `step`, `forecast`, the intervals' bounds
    (`lo80`, `hi80`, `lo95`, `hi95`) and `seasonal_naive`."""
    panel = _panel_with_future(fc.ctx, typed, origin)
    history, future = panel.train, panel.test
    out = future[[SERIES_ID, "ds"]].reset_index(drop=True)
    names = list(dict.fromkeys([NAIVE, *([fc.candidate] if fc.candidate != "global" else [])]))
    stat = stats.forecast(history, names, panel.season, panel.horizon, panel.freq.alias)
    out = out.merge(stat, on=[SERIES_ID, "ds"], how="left")
    if fc.candidate == "global":
        out["forecast"] = _global(fc, panel, history, future)
    else:
        out["forecast"] = out[fc.candidate]
    out["step"] = out.groupby(SERIES_ID).cumcount() + 1
    scale = origins(panel).query("window == 0").set_index(SERIES_ID)["scale"].fillna(0.0)
    half_unit = out[SERIES_ID].map(scale).to_numpy()
    non_negative = bool((history["y"] >= 0).all())
    for level, q in fc.quantiles.items():
        q = np.asarray(q, dtype=float)
        half = q[np.minimum(out["step"].to_numpy(), len(q)) - 1] * half_unit
        pct = round(float(level) * 100)
        lo = out["forecast"] - half
        out[f"lo{pct}"] = np.maximum(lo, 0.0) if non_negative else lo
        out[f"hi{pct}"] = out["forecast"] + half
    keep = ["series", "period", "step", "forecast", *[c for c in out if c[:2] in ("lo", "hi")]]
    out = out.rename(columns={SERIES_ID: "series", "ds": "period"})
    return out[[*keep, NAIVE]]


def _global(fc: Forecaster, panel: Panel, history: pd.DataFrame, future: pd.DataFrame):
    import xgboost

    model = xgboost.XGBRegressor()
    model.load_model(str(fc.model_path))
    config = gm.config_from(fc.params, panel)
    mlf, pred = gm.forecast_with(model, config, panel, history, future)
    if list(mlf.ts.features_order_) != fc.features:
        raise BadInput(
            "the history's inputs do not give the features the model was fitted on "
            f"({', '.join(mlf.ts.features_order_)} against {', '.join(fc.features)})",
            file=str(fc.model_path),
            fix="give the history with the study's columns, as the contract lists them",
        )
    return pred


def _panel_with_future(ctx: Context, typed: pd.DataFrame, origin: str) -> Panel:
    """The study's panel of the history with, as its last `horizon` periods (its "holdout"),
    the periods to forecast: the rows dated after a series' last actual (their known-in-advance
    inputs), and new rows where the history has none."""
    fc, target = ctx.spec.forecast, ctx.spec.task.target
    freq = frequency_of(fc.frequency)
    offset = pd.tseries.frequencies.to_offset(freq.alias)
    time = fc.time_column
    frame = typed.copy()
    frame[time] = freq.snap(frame[time])
    frame["_id"] = series_ids(frame, fc.series_columns).to_numpy()
    last = frame.loc[frame[target].notna()].groupby("_id")[time].max()
    if last.empty:
        raise BadInput(
            "the history holds no actual", file=origin, fix="give the extract with its actuals"
        )
    ends = frame["_id"].map(last)
    history = frame[frame[time] <= ends]
    grid = pd.DataFrame(
        {
            "_id": np.repeat(last.index.to_numpy(), fc.horizon),
            time: np.concatenate(
                [pd.date_range(end + offset, periods=fc.horizon, freq=offset) for end in last]
            ),
        }
    )
    given = frame[frame[time] > ends].drop_duplicates(["_id", time], keep="last")
    future = grid.merge(given, on=["_id", time], how="left")
    template = history.groupby("_id").tail(1).set_index("_id")
    roles = ctx.contract.forecast_inputs()
    for col in [*fc.series_columns, *roles["static"]]:
        if col in future:
            future[col] = future[col].fillna(future["_id"].map(template[col]))
    _require_known(ctx, future, origin)
    future[target] = 0.0  # a placeholder: these periods are forecast, never scored
    both = pd.concat([history, future], ignore_index=True).drop(columns=["_id"])
    forecast = fc.model_copy(update={"backtest_windows": 0})  # no backtest: all history trains
    loaded = ctx.loaded.model_copy(
        update={"spec": ctx.spec.model_copy(update={"forecast": forecast})}
    )
    return build_panel(both, Context(loaded=loaded, contract=ctx.contract))


def _require_known(ctx: Context, future: pd.DataFrame, origin: str) -> None:
    known = [c for c in ctx.contract.forecast_inputs()["known_in_advance"] if c in future]
    missing = {c: int(future[c].isna().sum()) for c in known if future[c].isna().any()}
    if missing:
        c, n = next(iter(missing.items()))
        h = ctx.spec.forecast.horizon
        raise BadInput(
            f"'{c}' is known in advance but {n} of the periods to forecast have no value for it",
            file=origin,
            field=c,
            fix=f"add rows for the next {h} periods of every series, dated after its last actual, "
            f"with the target empty and '{c}' filled in",
        )
