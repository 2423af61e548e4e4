"""`workbench drift` for a forecast study: the actuals that arrived after the study's extract
compared with what the forecaster forecast for them from the extract, series by series.

- **Error drift**: more of a series' new actuals fall outside its 95% prediction interval than
  chance allows (a binomial test at 1%: under the study's errors about 5% fall outside), or
  its error in MASE is more than twice the holdout's.
- **Level shift**: the series' errors keep one sign and, on average, leave its 80% interval
  (a sign test at 1%): the series has moved to another level the forecast has not followed.

Each test has a false-alarm rate of at most 1% per series when the study's errors still hold;
the report names the series and the exit code is 1 when any has drifted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel

from workbench.errors import BadInput
from workbench.handoff.forecaster import forecast_ahead, open_forecaster, read_history
from workbench.inputs.series_facts import frequency_of, series_ids
from workbench.language import _
from workbench.store.results import Interval
from workbench.wording import count, number

P_VALUE = 0.01
ERROR_FACTOR = 2.0  # a series' new MASE more than twice the holdout's


class SeriesDrift(BaseModel):
    series: str
    periods: int  # new actuals compared with their forecasts
    error: float  # MASE of the forecasts on them
    outside_95: float  # share of the new actuals outside the 95% interval
    mean_error: float  # mean of (forecast − actual) / the series' scale: above zero runs high
    verdict: Literal["ok", "error drift", "level shift"]
    why: str = ""


class ForecastDriftReport(BaseModel):
    reference: str
    new_data: str
    as_of: str  # the last period the forecasts were made from
    horizon: int
    metric: str
    holdout_error: Interval | None  # the candidate's MASE on the study's holdout
    new_error: float  # MASE over every series' new actuals
    series: list[SeriesDrift]
    drifted: list[str]
    thresholds: dict[str, float]
    warnings: list[str]


def forecast_drift(source: Path, new_data: Path) -> ForecastDriftReport:
    fc = open_forecaster(source)
    ctx, fs = fc.ctx, fc.ctx.spec.forecast
    typed, warnings = read_history(fc, new_data)
    freq = frequency_of(fs.frequency)
    target = ctx.spec.task.target
    ends = _series_ends(source)
    ids = series_ids(typed, fs.series_columns)
    typed = typed[ids.isin(ends.index).to_numpy()]  # series the study forecast
    ids = series_ids(typed, fs.series_columns)
    dates = freq.snap(typed[fs.time_column])
    end = ids.map(ends).to_numpy()
    after = (dates > end).to_numpy()
    known = typed.copy()
    known.loc[after, target] = np.nan  # the forecasts see the study's periods, not what came
    span = (dates <= pd.Series(end, index=dates.index) + _span(freq, fs.horizon)).to_numpy()
    forecasts = forecast_ahead(fc, known[span], str(new_data))
    actual = pd.DataFrame(
        {
            "series": ids.to_numpy(),
            "period": dates.to_numpy(),
            "actual": pd.to_numeric(typed[target], errors="coerce").to_numpy(float),
        }
    )
    actual = actual[after & actual["actual"].notna().to_numpy()]
    both = forecasts.merge(actual, on=["series", "period"])
    as_of = ends.max()
    if both.empty:
        raise BadInput(
            "no actual dated after the study's last periods in the new data",
            file=str(new_data),
            fix="give an extract that holds the periods after the study's, with their actuals",
        )
    scale = _scales(known[~after], ctx, freq)
    both["scale"] = both["series"].map(scale).replace(0, np.nan)
    holdout, q80 = _reference(source)
    rows = [_series(name, g, holdout, q80) for name, g in both.groupby("series", sort=True)]
    new_error = float(np.nanmean(np.abs(both["forecast"] - both["actual"]) / both["scale"]))
    return ForecastDriftReport(
        reference=str(source),
        new_data=str(new_data),
        as_of=f"{as_of:%Y-%m-%d}",
        horizon=fs.horizon,
        metric="mase",
        holdout_error=holdout,
        new_error=round(new_error, 6),
        series=rows,
        drifted=[r.series for r in rows if r.verdict != "ok"],
        thresholds={"p_value": P_VALUE, "error_factor": ERROR_FACTOR},
        warnings=warnings,
    )


def _span(freq, horizon: int):
    return pd.tseries.frequencies.to_offset(freq.alias) * horizon


def _series_ends(source: Path) -> pd.Series:
    """Each series' last period in the study (its holdout's end): forecasts start after it."""
    source = Path(source)
    if (source / "forecaster" / "series_ends.csv").exists():
        ends = pd.read_csv(source / "forecaster" / "series_ends.csv", dtype={"series": str})
    else:
        ends = pd.read_parquet(
            source / "predictions" / "holdout.parquet", columns=["series", "period"]
        )
        ends = ends.groupby("series", as_index=False)["period"].max()
    return pd.to_datetime(ends.set_index("series")["period"])


def _scales(history: pd.DataFrame, ctx, freq) -> dict[str, float]:
    fs = ctx.spec.forecast
    h = pd.DataFrame(
        {
            "series": series_ids(history, fs.series_columns).to_numpy(),
            "ds": freq.snap(history[fs.time_column]).to_numpy(),
            "y": pd.to_numeric(history[ctx.spec.task.target], errors="coerce").to_numpy(float),
        }
    ).sort_values(["series", "ds"])
    change = (h["y"] - h.groupby("series")["y"].shift(fs.season)).abs()
    return change.groupby(h["series"]).mean().to_dict()


def _reference(source: Path) -> tuple[Interval | None, float]:
    """The candidate's holdout MASE and the mean 80% quantile (in scale units), from the run's
    evaluation or the package's forecast_config.yaml."""
    import json

    import yaml

    source = Path(source)
    if (source / "forecast_config.yaml").exists():
        config = yaml.safe_load((source / "forecast_config.yaml").read_text())
        holdout = Interval(**config["holdout"]["candidate"])
        q = config["interval_quantiles"].get("0.8", [1.0])
    else:
        ev = json.loads((source / "results" / "evaluation.json").read_text())
        holdout = Interval(**ev["candidate"]["primary"])
        q = ev["forecast"]["interval_quantiles"].get("0.8", [1.0])
    return holdout, float(np.mean(q))


def _series(name: str, g: pd.DataFrame, holdout: Interval | None, q80: float) -> SeriesDrift:
    from scipy.stats import binomtest

    n = len(g)
    err = (g["forecast"] - g["actual"]) / g["scale"]
    mase = float(np.nanmean(err.abs()))
    outside = int(((g["actual"] < g["lo95"]) | (g["actual"] > g["hi95"])).sum())
    p_outside = binomtest(outside, n, 0.05, alternative="greater").pvalue if n else 1.0
    signs = int((err > 0).sum())
    p_sign = binomtest(signs, n, 0.5).pvalue if n else 1.0
    mean_error = float(np.nanmean(err))
    verdict, why = "ok", ""
    if p_sign < P_VALUE and abs(mean_error) > q80:
        verdict = "level shift"
        why = _("its {n} errors all lean one way, by {m} of its scale on average").format(
            n=count(n), m=number(mean_error, 2)
        )
    elif p_outside < P_VALUE or (holdout and mase > ERROR_FACTOR * holdout.value):
        verdict = "error drift"
        why = _("{k} of {n} new actuals outside the 95% interval; MASE {e}").format(
            k=count(outside), n=count(n), e=number(mase, 2)
        )
    return SeriesDrift(
        series=str(name),
        periods=n,
        error=round(mase, 6),
        outside_95=round(outside / n, 6) if n else 0.0,
        mean_error=round(mean_error, 6),
        verdict=verdict,
        why=why,
    )


def is_forecast_source(source: Path) -> bool:
    """Whether `workbench drift`'s first argument is a forecast study's run or package."""
    import yaml

    source = Path(source).expanduser().resolve()
    if (source / "forecast_config.yaml").exists():
        return True
    spec = source / "inputs" / "spec.yaml"
    if not spec.exists():
        return False
    return (yaml.safe_load(spec.read_text()) or {}).get("task", {}).get("kind") == "forecast"
