"""The verdict calibration's families kept aside: shapes unlike the development families, written
before their first run and run only once every threshold they test was frozen (the fairness
verdict's level and minimum group, the interval rule, the rules without inputs, the calendar
units and the autocorrelation's blocks). Their rates are the calibration's holdout score.

What is new in them: fair and unfair models that are fitted, not drawn (a logistic model on
inputs independent of the sensitive columns); a gap in false alarms rather than in hits; a gap
only where two columns meet; small groups of any kind; no signal judged on every other metric a
spec allows, regression included, with predictions drawn at random (not exactly independent);
outcomes that drift from day to day (one row a day, autocorrelated), weekly timestamps, groups
of very unequal size; real signal under a day effect, and across several classes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from verdict_families import null_flags, record
from verdict_scoring import (
    N_BOOT,
    beats_no_model,
    builds,
    chance,
    decision,
    evaluation,
    fairness_verdict,
    spec_for,
)

from workbench.inputs.spec import Split, chance_level
from workbench.judge.verdicts.fairness_verdict import ABOVE, GAP
from workbench.science.bootstrap_units import resamples_for, split_resamples


def _logistic(x):
    return 1 / (1 + np.exp(-x))


def _people(rng, n: int) -> pd.DataFrame:
    """Sensitive columns as a client's extract has them: an age (grouped in quartiles by the
    workbench), a sex, and a region whose last group is rare (2%)."""
    regions = ["north", "south", "east", "west", "islands"]
    return pd.DataFrame(
        {
            "age": rng.integers(18, 80, n),
            "sex": rng.choice(["F", "M"], n),
            "region": rng.choice(regions, n, p=[0.35, 0.3, 0.2, 0.13, 0.02]),
        }
    )


def fitted_fair_model(count: int, seed: int) -> list[dict]:
    """A fair model fitted, not drawn: a logistic regression on two inputs that do not depend
    on the sensitive columns, scored on a fresh holdout of 2,000 to 12,000 rows; its gaps
    between groups are chance. Every fairness verdict on it is a false alarm or a pass."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([2000, 4000, 8000, 12_000]))
        x = rng.normal(size=(2 * n, 2))
        y = (rng.random(2 * n) < _logistic(1.2 * x[:, 0] - 0.8 * x[:, 1] - 1)).astype(int)
        model = LogisticRegression().fit(x[:n], y[:n])
        scores = model.predict_proba(x[n:])[:, 1]
        verdict = fairness_verdict(y[n:], scores, _people(rng, n), seed + i)[1]
        ran = any(a.status is not None for a in verdict.attributes)
        out.append(record("fitted_fair_model", i, n, "ran" if ran else "could_not_run",
                          **null_flags(verdict)))  # fmt: skip
    return out


def false_alarm_gap(count: int, seed: int, n: int = 4000) -> list[dict]:
    """A gap in false alarms, not in hits: one of two groups' negatives are flagged 0.2 more
    often (the development families only ever lower a group's hits)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        group = rng.choice(["a", "b"], n, p=[0.6, 0.4])
        y = (rng.random(n) < 0.3).astype(int)
        fpr = np.where(group == "b", 0.3, 0.1)
        flag = rng.random(n) < np.where(y == 1, 0.8, fpr)
        scores = np.where(flag, rng.uniform(0.5, 1, n), rng.uniform(0, 0.5, n))
        verdict = fairness_verdict(y, scores, pd.DataFrame({"group": group}), seed + i)[1]
        out.append(record("false_alarm_gap", i, n, raised=verdict.status("group") in (ABOVE, GAP)))
    return out


def intersection_gap(count: int, seed: int, n: int = 12_000) -> list[dict]:
    """A gap only where two columns meet: women over 60 have their positives flagged 0.4 less
    often; sex alone and age alone show only a diluted gap. Whether any column or pair is
    raised, and whether the pair is."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        people = _people(rng, n)[["age", "sex"]]
        y = (rng.random(n) < 0.3).astype(int)
        hit = np.where((people["sex"] == "F") & (people["age"] > 60), 0.4, 0.8)
        flag = rng.random(n) < np.where(y == 1, hit, 0.1)
        scores = np.where(flag, rng.uniform(0.5, 1, n), rng.uniform(0, 0.5, n))
        verdict = fairness_verdict(y, scores, people, seed + i)[1]
        up = [a.attribute for a in verdict.attributes if a.status in (ABOVE, GAP)]
        out.append(record("intersection_gap", i, n, raised=bool(up), pair_raised="age × sex" in up))
    return out


def small_groups_any(count: int, seed: int) -> list[dict]:
    """Small groups of any kind beside large fair ones: a rare group of 30 to 400 rows with 1
    to 19 positives, flagged at a random rate. It can never be shown within the bound: whether
    the verdict passes all the same."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        big = int(rng.choice([3000, 8000]))
        rare = int(rng.integers(30, 400))
        group = np.repeat(["x", "y", "rare"], [big, big, rare])
        y = (rng.random(len(group)) < 0.3).astype(int)
        r = np.flatnonzero(group == "rare")
        y[r] = 0
        y[r[: int(rng.integers(1, 20))]] = 1
        hit = np.where(group == "rare", rng.uniform(0, 1), 0.8)
        flag = rng.random(len(y)) < np.where(y == 1, hit, 0.1)
        scores = np.where(flag, 0.9, 0.1)
        verdict = fairness_verdict(y, scores, pd.DataFrame({"group": group}), seed + i)[1]
        out.append(record("small_groups_any", i, len(y), passed=verdict.verdict == "pass"))
    return out


BINARY_METRICS = ["f1", "balanced_accuracy", "average_precision", "log_loss", "brier", "f1_macro"]


def _bar(rng, metric: str, task: str) -> float:
    from workbench.inputs.metrics import METRICS

    if not METRICS[metric].greater_is_better:
        return float(rng.uniform(0.05, 2.0))
    low = chance_level(metric, task)
    return float(rng.uniform(0.05 if low is None else low + 0.02, 0.95))


def no_signal_other_metrics(count: int, seed: int) -> list[dict]:
    """No signal, judged on every other metric a yes/no spec allows: random scores, any
    positive share from 5% to 60%, 300 to 3,000 rows, a bar drawn at random. Whether the
    candidate "beats no model", and whether it is built."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([300, 1000, 3000]))
        metric = BINARY_METRICS[i % len(BINARY_METRICS)]
        y = (rng.random(n) < rng.uniform(0.05, 0.6)).astype(int)
        y_train = (rng.random(3 * n) < y.mean() + rng.normal(0, 0.02)).astype(int)
        shape = rng.choice(["uniform", "beta", "constant-ish"])
        p = {"uniform": rng.random(n), "beta": rng.beta(0.5, 2, n),
             "constant-ish": np.clip(0.9 + rng.normal(0, 0.01, n), 0, 1)}[shape]  # fmt: skip
        d = decision(y, {"candidate": p, "baseline": rng.random(n)}, spec_for(metric, _bar(rng, metric, "binary")),
                     resamples_for(N_BOOT, seed + i, n=n), y_train=y_train)  # fmt: skip
        state = chance(d)
        out.append(record("no_signal_other_metrics", i, n,
                          "could_not_run" if state == "could_not_run" else "ran",
                          chance_passed=state == "pass", build=builds(d)))  # fmt: skip
    return out


def no_signal_regression(count: int, seed: int) -> list[dict]:
    """No signal on a number: predictions drawn around the training mean, unrelated to the
    outcome (skewed outcomes too), judged by R², MAE, RMSE or MAPE."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([300, 1000, 3000]))
        metric = ["r2", "mae", "rmse", "mape"][i % 4]
        y_all = rng.lognormal(3, rng.uniform(0.2, 1.0), 4 * n)
        y, y_train = y_all[:n], y_all[n:]
        p = y_train.mean() + rng.normal(0, y_train.std() * rng.uniform(0.05, 0.5), n)
        bar = _bar(rng, metric, "regression") * (1 if metric in ("r2", "mape") else y.std())
        d = decision(y, {"candidate": p, "baseline": np.full(n, y_train.mean())},
                     spec_for(metric, bar, task="regression"),
                     resamples_for(N_BOOT, seed + i, n=n), y_train=y_train)  # fmt: skip
        out.append(record("no_signal_regression", i, n, chance_passed=chance(d) == "pass",
                          build=builds(d)))  # fmt: skip
    return out


def _time_null(family: str, i: int, seed: int, frame, y, p) -> dict:
    split = Split(strategy="time", time_column="at")
    idx = split_resamples(split, frame, np.arange(len(y)), N_BOOT, seed + i, y=y, score=p)
    ev = evaluation(y, {"candidate": p, "baseline": p}, spec_for("roc_auc", 0.51), idx)
    return record(family, i, len(y), chance_passed=beats_no_model(ev), blocks=idx.length > 1)


def drifting_days(count: int, seed: int, days: int = 400) -> list[dict]:
    """One row a day for 400 days, the outcome's level and the scores' level each drifting as
    an autocorrelated series (independently: no signal). Days are rows here: only the
    autocorrelation's blocks keep neighbouring days together."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        u, v = np.zeros(days), np.zeros(days)
        for t in range(1, days):
            u[t] = 0.95 * u[t - 1] + rng.normal(0, 0.35)
            v[t] = 0.95 * v[t - 1] + rng.normal(0, 0.35)
        y = (rng.random(days) < _logistic(u - 0.5)).astype(int)
        p = _logistic(v + rng.normal(0, 0.3, days))
        frame = pd.DataFrame({"at": pd.date_range("2024-01-01", periods=days, freq="D")})
        out.append(_time_null("drifting_days", i, seed, frame, y, p))
    return out


def regime_switches(count: int, seed: int, days: int = 500) -> list[dict]:
    """One row a day for 500 days; the outcome's rate and, apart, the scores' level switch
    between two regimes that last about a month (a Markov chain each): steps, not a drift.
    No signal."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):

        def regimes():
            state, path = int(rng.integers(0, 2)), []
            for _ in range(days):
                state = 1 - state if rng.random() < 1 / 30 else state
                path.append(state)
            return np.array(path)

        y = (rng.random(days) < np.where(regimes() == 1, 0.55, 0.2)).astype(int)
        p = _logistic(1.5 * regimes() + rng.normal(0, 0.5, days))
        frame = pd.DataFrame({"at": pd.date_range("2023-01-01", periods=days, freq="D")})
        out.append(_time_null("regime_switches", i, seed, frame, y, p))
    return out


def random_seasons(count: int, seed: int, days: int = 730, per_day: int = 2) -> list[dict]:
    """Two years, two rows a day: the outcome's rate follows a season of random length (60 to
    365 days) and phase, the scores another, apart: over one holdout they may move together by
    chance, over many they do not. No signal."""
    rng = np.random.default_rng(seed)
    t = np.repeat(np.arange(days), per_day)

    def wave() -> np.ndarray:
        return np.sin(2 * np.pi * t / rng.uniform(60, 365) + rng.uniform(0, 2 * np.pi))

    out = []
    for i in range(count):
        y = (rng.random(len(t)) < 0.3 + 0.15 * wave()).astype(int)
        p = _logistic(wave() + rng.normal(0, 0.5, len(t)))
        stamps = pd.Timestamp("2023-01-01") + pd.to_timedelta(t, "D")
        out.append(_time_null("random_seasons", i, seed, pd.DataFrame({"at": stamps}), y, p))
    return out


def weekly_stamps(count: int, seed: int, weeks: int = 40, per_week: int = 40) -> list[dict]:
    """An extract stamped by week (every row of a week on its Monday), a week effect in the
    outcome and in the scores, no signal: the units are weeks."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        week = np.repeat(np.arange(weeks), per_week)
        u, v = rng.normal(size=weeks), rng.normal(size=weeks)
        y = (rng.random(len(week)) < _logistic(1.2 * u[week] - 0.5)).astype(int)
        p = _logistic(1.2 * v[week] + rng.normal(0, 0.3, len(week)))
        mondays = pd.date_range("2024-01-01", periods=weeks, freq="W-MON")
        out.append(_time_null("weekly_stamps", i, seed, pd.DataFrame({"at": mondays[week]}), y, p))
    return out


def unequal_customers(count: int, seed: int, customers: int = 150) -> list[dict]:
    """A group split whose customers hold very different numbers of rows (Zipf: a few hold
    hundreds, most a handful), a customer effect in the outcome and in the scores, no signal."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        size = np.minimum(rng.zipf(1.6, customers), 400)
        groups = np.repeat(np.arange(customers), size)
        u, v = rng.normal(size=customers), rng.normal(size=customers)
        y = (rng.random(len(groups)) < _logistic(1.5 * u[groups] - 1)).astype(int)
        p = _logistic(1.5 * v[groups] + rng.normal(0, 0.3, len(groups)))
        idx = resamples_for(N_BOOT, seed + i, groups=groups)
        ev = evaluation(y, {"candidate": p, "baseline": p}, spec_for("roc_auc", 0.51), idx)
        out.append(record("unequal_customers", i, len(y), chance_passed=beats_no_model(ev)))
    return out


def signal_with_day_effect(count: int, seed: int, days: int = 30, per_day: int = 50) -> list[dict]:
    """Real signal under a time split with a day effect: scores that carry the outcome (ROC
    AUC about 0.8 within a day) plus a day effect of their own, a bar of 0.65. Whether the
    rules still say build when whole days are drawn."""
    rng = np.random.default_rng(seed)
    split, out = Split(strategy="time", time_column="at"), []
    for i in range(count):
        day = np.repeat(np.arange(days), per_day)
        u, v = rng.normal(size=days), rng.normal(size=days)
        y = (rng.random(len(day)) < _logistic(0.8 * u[day] - 1)).astype(int)
        p = _logistic(1.7 * y + 0.5 * v[day] + rng.normal(0, 1, len(day)))
        stamps = pd.Timestamp("2025-03-03") + pd.to_timedelta(day, "D")
        frame = pd.DataFrame({"at": stamps})
        idx = split_resamples(split, frame, np.arange(len(y)), N_BOOT, seed + i, y=y, score=p)
        d = decision(y, {"candidate": p, "baseline": p}, spec_for("roc_auc", 0.65), idx)
        out.append(record("signal_with_day_effect", i, len(y), build=builds(d)))
    return out


def signal_several_classes(count: int, seed: int, n: int = 3000) -> list[dict]:
    """Real signal across three classes, judged by macro F1 against a bar of 0.5: class
    probabilities that favour the true class."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        y = rng.choice(3, n, p=[0.5, 0.3, 0.2])
        logits = rng.normal(size=(n, 3))
        logits[np.arange(n), y] += 2.0
        proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        d = decision(y, {"candidate": proba, "baseline": proba}, spec_for("f1_macro", 0.5,
                     task="multiclass"), resamples_for(N_BOOT, seed + i, n=n))  # fmt: skip
        out.append(record("signal_several_classes", i, n, build=builds(d)))
    return out
