"""The forecast candidate's rule as a statistical test: how often it takes a model that is no
better than seasonal naive (null backtests), and how often it takes a model that is (planted
ones), with the workbench's own measurement (`science.backtest_scores.contenders`, the paired
bootstrap over whole series, or whole windows of each series below five series) and the judge's
own rule (`judge.candidate.choose`).

    uv run python benchmarks/candidate_rule.py [--sims 300] [--series 4 20 50]

A synthetic backtest: 3 windows of 4 periods on each series, five contenders beside seasonal
naive. Every window has a level error every model shares part of (forecast errors within a
window move together), each model's error is correlated with seasonal naive's (rho 0.7), and
each model is better on some series and worse on others (a per-series factor, spread 0.15):
under the null every contender's expected error equals seasonal naive's; planted, one contender's
error is 10% or 20% smaller on average. "Taken" is the rule choosing a model other than seasonal
naive; "right" is choosing the planted one. The old rule (the lowest backtest error, if below
seasonal naive's) is measured on the same backtests for comparison.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.judge.candidate import choose
from workbench.science.backtest_scores import candidate_lifts, unit_plan
from workbench.store.forecast_results import ForecastTuning

MODELS = {f"m{j}": f"model {j}" for j in range(5)}
WINDOWS, HORIZON, RHO, SPREAD = 3, 4, 0.7, 0.15


def _window_error(rng) -> np.ndarray:
    level = rng.normal(0, 1)
    return level + 0.3 * rng.normal(0, 0.5, HORIZON).cumsum() + rng.normal(0, 0.6, HORIZON)


def backtest(rng, n_series: int, better: float) -> pd.DataFrame:
    """A scored backtest frame (`y`, `scale`, `unit`, one column per model: its forecast)."""
    rows = []
    few = n_series < 5
    for s in range(n_series):
        advantage = rng.normal(0, SPREAD, len(MODELS))
        advantage[0] += better  # planted: model 0 better on average
        for w in range(1, WINDOWS + 1):
            naive = _window_error(rng)
            row = {"y": np.zeros(HORIZON), "scale": 1.0, "seasonal_naive": naive}
            row["unit"] = f"{s} #{w}" if few else str(s)
            for j, m in enumerate(MODELS):
                own = RHO * naive + np.sqrt(1 - RHO**2) * _window_error(rng)
                row[m] = own * np.exp(-advantage[j])
            rows.append(pd.DataFrame(row))
    return pd.concat(rows, ignore_index=True)


def one(rng, n_series: int, better: float, seed: int) -> tuple[str, str]:
    """The new rule's choice and the old rule's, on one backtest."""
    frame = backtest(rng, n_series, better)
    plan = unit_plan(frame, 1000, seed)
    lifts = candidate_lifts(frame, MODELS, "mase", plan, "seasonal_naive")
    tuning = ForecastTuning(config={}, features=[], importances={}, global_cv={}, **lifts)
    lowest = min(lifts["contenders"], key=lambda c: c.backtest)
    old = lowest.model if lowest.backtest < lifts["naive_backtest"] else "seasonal_naive"
    return choose(tuning).candidate, old


def family(n_series: int, better: float, sims: int) -> dict:
    rng = np.random.default_rng(1000 * n_series + round(better * 100))
    new = old = new_right = old_right = 0
    for i in range(sims):
        chosen, before = one(rng, n_series, better, i)
        new += chosen != "seasonal_naive"
        old += before != "seasonal_naive"
        new_right += chosen == "m0"
        old_right += before == "m0"
    return {
        "series": n_series,
        "better": better,
        "sims": sims,
        "taken": round(new / sims, 3),
        "right": round(new_right / sims, 3),
        "old_rule_taken": round(old / sims, 3),
        "old_rule_right": round(old_right / sims, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sims", type=int, default=300)
    ap.add_argument("--series", type=int, nargs="+", default=[4, 20, 50])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "candidate_rule.json")
    args = ap.parse_args()
    rows = []
    for n in args.series:
        for better in (0.0, 0.10, 0.20):
            rows.append(family(n, better, args.sims))
            print(json.dumps(rows[-1]), flush=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
