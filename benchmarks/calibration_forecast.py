"""Calibration of the forecast leakage checks (`leakage_checks/series/`): their false-alarm rate
on null panels (inputs placed in time as they truly are) and their power on planted look-ahead
panels, with the thresholds fixed on some families and the rates measured on families kept
aside, as a model's holdout.

    uv run python benchmarks/calibration_forecast.py [--per-family 40] [--seed 0] [--fit]

`--fit` chooses the thresholds on the fitting families (the smallest that keep the null
families' critical findings at or under 1% and warnings at or under 5%) and prints them;
without it the script measures the thresholds in `SERIES_SETTINGS` on every family. A planted
leak "moves the holdout" by how much a simple forecast (seasonal naive corrected by a least-
squares fit on the input) improves its holdout MASE when it reads the input as the study does,
against the input placed correctly in time; power is reported over leaks that move it by 0.05
or more, and over all planted cases.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leakage_checks.series import SERIES_SETTINGS, SeriesFrames, SeriesRoles, run_series_checks
from leakage_checks.series.look_ahead import seasonal_lag

MOVE = 0.05  # a leak that moves the holdout's MASE by this much must be caught
warnings.filterwarnings("ignore", category=RuntimeWarning)  # logs of zero levels in the proxy


@dataclass
class Case:
    family: str
    kind: str  # null | planted
    frames: SeriesFrames
    roles: SeriesRoles
    leak: str | None  # the planted column
    move: float = 0.0  # holdout MASE gained by reading the leak as the study does


# -- a panel ----------------------------------------------------------------------------------
def panel(rng, n_series: int, periods: int, season: int, horizon: int, windows: int = 3):
    """Seasonal series with trends, level shifts and AR(1) noise: unique_id, ds, y, part,
    window, filled; and the pieces the families add inputs from."""
    t = np.arange(periods)
    rows = []
    for s in range(n_series):
        level = rng.lognormal(4, 1)
        amp = rng.uniform(0, 0.4)
        trend = rng.normal(0, 0.003)
        phase = rng.uniform(0, 2 * np.pi)
        noise = np.zeros(periods)
        e = rng.normal(0, rng.uniform(0.04, 0.15), periods)
        for i in range(1, periods):
            noise[i] = 0.5 * noise[i - 1] + e[i]
        base = level * (1 + amp * np.sin(2 * np.pi * t / max(season, 2) + phase) + trend * t)
        rows.append(
            pd.DataFrame(
                {
                    "unique_id": f"s{s}",
                    "ds": t,
                    "base": base,
                    "noise": noise * level,
                    "level": level,
                }
            )
        )
    p = pd.concat(rows, ignore_index=True)
    from_end = p.groupby("unique_id").cumcount(ascending=False).to_numpy()
    p["part"] = np.where(from_end < horizon, "test", "train")
    block = from_end // horizon
    p["window"] = np.where((block >= 1) & (block <= windows), windows + 1 - block, 0)
    p["filled"] = False
    return p


def finish(p: pd.DataFrame, y: np.ndarray, inputs: list[str]) -> SeriesFrames:
    p = p.assign(y=np.maximum(y, 0.0))
    return SeriesFrames(
        panel=p[["unique_id", "ds", "y", "part", "window", "filled", *inputs]],
        extract=p[["unique_id", "ds", "y"]],
    )


def ar1(rng, n: int, phi: float = 0.8) -> np.ndarray:
    x = np.zeros(n)
    e = rng.normal(0, 1, n)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + e[i]
    return x


def _shape(rng):
    season, horizon = [(12, 6), (12, 3), (4, 4), (7, 7), (52, 13), (1, 3)][rng.integers(0, 6)]
    periods = int(rng.integers(3, 6) * max(season, 12) + 4 * horizon + season)
    return int(rng.integers(8, 60)), periods, season, horizon


def roles_for(season, horizon, known=(), observed=(), static=(), confirmed=(), seed=0):
    return SeriesRoles(
        horizon=horizon,
        season=season,
        frequency="MS",
        known_in_advance=list(known),
        observed=list(observed),
        static=list(static),
        confirmed_known=list(confirmed),
        target_name="y",
        seed=seed,
    )


# -- null families: every input where it truly is in time --------------------------------------
def null_calendar(rng):
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["season_position"] = p["ds"] % max(m, 1)
    p["other_measure"] = rng.normal(0, 1, len(p))
    y = (p["base"] + p["noise"]).to_numpy()
    return finish(p, y, ["season_position", "other_measure"]), roles_for(
        m, h, known=["season_position"], observed=["other_measure"]
    )


def null_planned(rng):
    """A planned promotion the client confirms (any effect), a known-in-advance input with no
    effect (an event calendar that does not move demand), and a measured driver declared
    observed (read lagged, as it should be)."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["promo"] = (rng.random(len(p)) < 0.15).astype(float)
    p["events"] = (rng.random(len(p)) < 0.1).astype(float)
    p["temperature"] = ar1(rng, len(p))
    lift = rng.uniform(0, 0.5)
    drive = 0.1 * p["temperature"] * rng.uniform(0, 1)
    y = (p["base"] * (1 + lift * p["promo"] + drive) + p["noise"]).to_numpy()
    roles = roles_for(
        m, h, known=["promo", "events"], observed=["temperature"], confirmed=["promo"]
    )
    return finish(p, y, ["promo", "events", "temperature"]), roles


def null_static(rng):
    """Static attributes that go with a series' size and, loosely, with its growth, as real
    ones do (a store's floor space; a "new store" flag)."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    y = (p["base"] + p["noise"]).to_numpy()
    ids = p["unique_id"]
    per = p.groupby("unique_id")["level"].first()
    size = per * np.exp(rng.normal(0, 0.3, len(per)))
    growth = p.groupby("unique_id")["base"].agg(lambda b: b.iloc[-1] / b.iloc[0])
    noisy = np.log(growth) + rng.normal(0, np.log(growth).std() + 1e-9, len(growth))
    p["size"] = ids.map(size)
    p["segment"] = ids.map((noisy > np.median(noisy)).astype(float))
    return finish(p, y, ["size", "segment"]), roles_for(m, h, static=["size", "segment"])


def null_confirmed(rng):
    """A strong planned promotion the client confirms is set ahead."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["promo"] = (rng.random(len(p)) < 0.2).astype(float)
    y = (p["base"] * (1 + rng.uniform(0.2, 0.6) * p["promo"]) + p["noise"]).to_numpy()
    return finish(p, y, ["promo"]), roles_for(m, h, known=["promo"], confirmed=["promo"])


def null_lagged(rng):
    """A strong measured driver and a measurement of the target itself, both declared observed:
    read lagged by the horizon, as they should be."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["temperature"] = ar1(rng, len(p), rng.uniform(0.3, 0.9))
    y = (p["base"] * (1 + rng.uniform(0.05, 0.3) * p["temperature"]) + p["noise"]).to_numpy()
    p["shipped"] = np.maximum(y, 0) * np.exp(rng.normal(0, rng.uniform(0.02, 0.3), len(p)))
    return finish(p, y, ["temperature", "shipped"]), roles_for(
        m, h, observed=["temperature", "shipped"]
    )


def null_persistent(rng):
    """Slow, strong measured drivers (a drought, a heat wave) declared observed: their lagged
    values still say much about the target, legitimately."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["drought"] = ar1(rng, len(p), rng.uniform(0.9, 0.98))
    y = (p["base"] * (1 + rng.uniform(0.1, 0.3) * p["drought"]) + p["noise"]).to_numpy()
    return finish(p, y, ["drought"]), roles_for(m, h, observed=["drought"])


def null_prices(rng):
    """Prices set ahead, changed now and then, with a small effect on demand."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    steps = rng.random(len(p)) < 0.05
    p["price"] = 10 * np.exp(np.cumsum(np.where(steps, rng.normal(0, 0.1, len(p)), 0.0)))
    p["holiday"] = (rng.random(len(p)) < 0.05).astype(float)
    elasticity = rng.uniform(0, 1.5)
    y = (p["base"] * (p["price"] / 10) ** (-elasticity) + p["noise"]).to_numpy()
    roles = roles_for(m, h, known=["price", "holiday"], confirmed=["price"])
    return finish(p, y, ["price", "holiday"]), roles


def asks_planned(rng):
    """A planned promotion declared known in advance but not confirmed: the check asks about
    it once its effect matters (not a false alarm: it cannot tell a plan from a measurement)."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["promo"] = (rng.random(len(p)) < 0.15).astype(float)
    lift = rng.uniform(0, 0.5)
    y = (p["base"] * (1 + lift * p["promo"]) + p["noise"]).to_numpy()
    return finish(p, y, ["promo"]), roles_for(m, h, known=["promo"])


# -- planted look-ahead families -------------------------------------------------------------
def planted_driver(rng):
    """A measured driver (the same period's temperature) declared known in advance."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    p["temperature"] = ar1(rng, len(p), rng.uniform(0.3, 0.9))
    b = rng.uniform(0.02, 0.3)
    y = (p["base"] * (1 + b * p["temperature"]) + p["noise"]).to_numpy()
    return finish(p, y, ["temperature"]), roles_for(m, h, known=["temperature"]), "temperature", 0


def planted_consequence(rng):
    """A measurement of the target itself (units shipped; the month's revenue) declared known
    in advance."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    y = (p["base"] + p["noise"]).to_numpy()
    noise = rng.uniform(0.02, 0.5)
    price = rng.lognormal(2, 0.2) * np.exp(rng.normal(0, 0.02, len(p)))
    p["shipped"] = y * price * np.exp(rng.normal(0, noise, len(p)))
    return finish(p, y, ["shipped"]), roles_for(m, h, known=["shipped"]), "shipped", 0


def planted_future(rng):
    """The next horizon's target stored in the row, declared observed (lagged, it is the
    period's own value)."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    y = (p["base"] + p["noise"]).to_numpy()
    future = pd.Series(y).groupby(p["unique_id"]).shift(-h).to_numpy()
    p["booked_ahead"] = future * np.exp(rng.normal(0, rng.uniform(0.02, 0.3), len(p)))
    out = finish(p, y, ["booked_ahead"]), roles_for(m, h, observed=["booked_ahead"])
    return *out, "booked_ahead", h


def planted_centered(rng):
    """A smoothed target over the period and its neighbours, declared known in advance."""
    s, n, m, h = _shape(rng)
    p = panel(rng, s, n, m, h)
    y = (p["base"] + p["noise"]).to_numpy()
    ys = pd.Series(y)
    p["smoothed"] = ys.groupby(p["unique_id"]).transform(
        lambda v: v.rolling(3, center=True, min_periods=1).mean()
    )
    return finish(p, y, ["smoothed"]), roles_for(m, h, known=["smoothed"]), "smoothed", 1


def planted_whole(rng):
    """A series' average over every period, the holdout's included, as a static attribute."""
    s, n, m, h = _shape(rng)
    p = panel(rng, max(s, 12), n, m, h)
    y = (p["base"] + p["noise"]).to_numpy()
    p["average"] = pd.Series(np.maximum(y, 0.0)).groupby(p["unique_id"]).transform("mean")
    return finish(p, y, ["average"]), roles_for(m, h, static=["average"]), "average", None


NULL_FIT = {  # the families the thresholds are read from
    "calendar": null_calendar,
    "planned": null_planned,
    "static": null_static,
    "lagged": null_lagged,
    "persistent": null_persistent,
}
NULL_KEPT = {"prices": null_prices, "confirmed": null_confirmed}  # measured only
ASKS = {"unconfirmed_promo": asks_planned}  # what the check asks about, not false alarms
PLANTED_FIT = {"driver": planted_driver, "consequence": planted_consequence}
PLANTED_KEPT = {"future": planted_future, "centered": planted_centered, "whole": planted_whole}


# -- how far a leak moves the holdout -----------------------------------------------------------
def holdout_move(frames: SeriesFrames, roles: SeriesRoles, column: str, truth: int | None) -> float:
    """MASE on the holdout of seasonal naive corrected by least squares on the input as the
    study reads it, minus the same with the input where it truly is in time. `truth`: how many
    periods after its row the value is known (0: once its period is over); None: never (an
    attribute computed over the whole series, which the correct forecast does without)."""
    p = frames.panel.copy()
    ids = p["unique_id"]
    k = seasonal_lag(roles.horizon, roles.season)
    g = p.groupby("unique_id")
    p["naive"] = g["y"].shift(k)
    scale = (p["y"] - g["y"].shift(roles.season)).abs().where(p["part"] == "train")
    p["scale"] = scale.groupby(ids).transform("mean")
    x = pd.to_numeric(p[column], errors="coerce")

    def change(lag: int) -> pd.Series:
        return x.groupby(ids).shift(lag) - x.groupby(ids).shift(lag + k)

    if truth is None:  # a static level: the leak corrects the naive forecast's level
        early = p["y"].where(p["window"] == 0).groupby(ids).transform("mean")
        p["as_read"] = np.log(x / early.where(early > 0))
        p["correct"] = 0.0
    else:
        read = roles.horizon if column in roles.observed else 0
        p["as_read"] = change(read)
        p["correct"] = change(max(read, truth + roles.horizon))
    return _mase(p, "correct") - _mase(p, "as_read")


def _mase(p: pd.DataFrame, feature: str) -> float:
    d = p.dropna(subset=["naive", "scale", "y"])
    d = d.assign(f=d[feature].replace([np.inf, -np.inf], np.nan).fillna(0.0), r=d["y"] - d["naive"])
    train = d[d["part"] == "train"]
    a = np.column_stack([np.ones(len(train)), train["f"], train["f"] * train["naive"]])
    beta, *_ = np.linalg.lstsq(a, train["r"], rcond=None)
    test = d[d["part"] == "test"]
    pred = test["naive"] + beta[0] + beta[1] * test["f"] + beta[2] * test["f"] * test["naive"]
    return float(np.mean(np.abs(test["y"] - pred) / test["scale"].where(test["scale"] > 0)))


# -- running ----------------------------------------------------------------------------------
def make_cases(per_family: int, seed: int) -> list[Case]:
    rng = np.random.default_rng(seed)
    cases = []
    for family, make in {**NULL_FIT, **NULL_KEPT, **ASKS}.items():
        for _ in range(per_family):
            frames, roles = make(rng)
            cases.append(Case(family, "null", frames, roles, None))
    for family, make in {**PLANTED_FIT, **PLANTED_KEPT}.items():
        for _ in range(per_family):
            frames, roles, leak, truth = make(rng)
            case = Case(family, "planted", frames, roles, leak)
            case.move = holdout_move(frames, roles, leak, truth)
            cases.append(case)
    return cases


def findings(case: Case, settings: dict) -> list:
    runs = run_series_checks(case.frames, case.roles, settings)
    return [f for r in runs for f in r.findings if f.check in ("look_ahead", "whole_series")]


def rates(cases: list[Case], settings: dict) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for family in dict.fromkeys(c.family for c in cases):
        group = [c for c in cases if c.family == family]
        found = [findings(c, settings) for c in group]
        if group[0].kind == "null":
            out[family] = {
                "cases": len(group),
                "critical": np.mean([any(f.severity == "critical" for f in fs) for fs in found]),
                "warning": np.mean(
                    [any(f.severity in ("critical", "warning") for f in fs) for fs in found]
                ),
            }
            continue
        named = [
            any(f.severity == "critical" and c.leak in f.columns for f in fs)
            for c, fs in zip(group, found, strict=True)
        ]
        moved = [c.move >= MOVE for c in group]
        caught_moved = [n for n, m in zip(named, moved, strict=True) if m]
        out[family] = {
            "cases": len(group),
            "moving": int(sum(moved)),
            "critical_named_moving": float(np.mean(caught_moved)) if caught_moved else float("nan"),
            "critical_named_all": float(np.mean(named)),
            "flagged_all": float(
                np.mean(
                    [
                        any(
                            f.severity in ("critical", "warning") and c.leak in f.columns
                            for f in fs
                        )
                        for c, fs in zip(group, found, strict=True)
                    ]
                )
            ),
        }
    return out


def worst(case: Case) -> tuple[float, float, float]:
    """The data set's largest look-ahead gain (known-in-advance inputs, observed ones) and
    whole-series partial correlation."""
    from leakage_checks.series.look_ahead import input_signal
    from leakage_checks.series.whole_series import _levels, partial_correlation

    known, observed, partials = [0.0], [0.0], [0.0]
    for col in [*case.roles.known_in_advance, *case.roles.observed]:
        if col in case.roles.confirmed_known:
            continue
        gain = input_signal(case.frames, case.roles, col)["gain"]
        if math.isfinite(gain):
            (observed if col in case.roles.observed else known).append(gain)
    p = case.frames.panel
    for col in case.roles.static:
        r = partial_correlation(pd.to_numeric(p.groupby("unique_id")[col].first()), _levels(p))
        if math.isfinite(r):
            partials.append(r)
    return max(known), max(observed), max(partials)


CHECKS = [
    ("look_ahead_warning", "look_ahead_critical"),
    ("look_ahead_observed_warning", "look_ahead_observed_critical"),
    ("whole_series_warning", "whole_series_critical"),
]


def fit(cases: list[Case]) -> dict[str, float]:
    """Thresholds from the fitting null families alone: for each check, warnings from the
    highest of the families' 95th percentiles of a data set's worst value, critical findings
    from the highest 99th percentile, each rounded up to 0.01 (so every fitting family stays at
    or under 5% and 1%)."""
    settings = dict(SERIES_SETTINGS)

    def up(v: float) -> float:
        return float(math.ceil(v * 100) / 100)

    worst_by = {f: [worst(c) for c in cases if c.family == f] for f in NULL_FIT}
    for i, (warn, crit) in enumerate(CHECKS):
        q95 = max(np.quantile([w[i] for w in ws], 0.95) for ws in worst_by.values())
        q99 = max(np.quantile([w[i] for w in ws], 0.99) for ws in worst_by.values())
        settings[warn] = max(up(q95), 0.01)
        settings[crit] = max(up(q99), settings[warn] + 0.01)
    return settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-family", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fit", action="store_true")
    args = ap.parse_args()
    start = time.perf_counter()
    cases = make_cases(args.per_family, args.seed)
    settings = fit(cases) if args.fit else dict(SERIES_SETTINGS)
    if args.fit:
        print("fitted:", {k: settings[k] for pair in CHECKS for k in pair})
    table = rates(cases, settings)
    for family, r in table.items():
        print(family, {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()})
    planted = [c for c in cases if c.kind == "planted"]
    found = {id(c): findings(c, settings) for c in planted}
    moving = [c for c in planted if c.move >= MOVE]
    caught = [
        any(f.severity == "critical" and c.leak in f.columns for f in found[id(c)]) for c in moving
    ]
    allc = [
        any(f.severity == "critical" and c.leak in f.columns for f in found[id(c)]) for c in planted
    ]
    print(
        f"planted: {len(planted)}; moving the holdout by {MOVE}: {len(moving)}, critical and named "
        f"{np.mean(caught):.1%}; over all planted {np.mean(allc):.1%}; {time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
