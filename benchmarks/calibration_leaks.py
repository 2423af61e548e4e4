"""Planted leaks for the calibration of the leakage checks, each graded by a strength, on a
credit extract with an honest signal (holdout AUC about 0.75).

A column leak adds columns to the case before the split; a row leak changes the test part
after it (copies of training rows). `plant` returns the leaky case, the split's inputs, and
the holdout score of a default model with and without the leak: how much the leak moves it.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_shapes import Case, applicant, dates, outcome, split_case, text

from leakage_checks.util import predictions, quick_model, score

# kind -> strengths (the share of rows, of positives, or of the test part the leak reaches)
STRENGTHS: dict[str, tuple[float, ...]] = {
    "copy": (1.0, 0.5, 0.25, 0.1),
    "pair": (1.0, 0.5, 0.25, 0.1),
    "category": (1.0, 0.5, 0.25, 0.1),
    "missingness": (1.0, 0.5, 0.25, 0.1),
    "near_copies": (0.5, 0.25, 0.1),
    "exact_copies": (0.5, 0.25, 0.1),
    "ids_sorted": (1.0, 0.5, 0.25),
    "post_outcome_date": (1.0, 0.5, 0.25),
    "right_censoring": (0.3, 0.2, 0.1),
    "number_format": (1.0, 0.5, 0.25),
    "lookup": (1.0, 0.99, 0.95),
}
WHAT = {
    "copy": "a field that records the outcome, in this share of rows",
    "pair": "two amounts whose difference records the outcome, in this share of rows",
    "category": "a status whose levels record the outcome, in this share of rows",
    "missingness": "a field filled in only for this share of the positives",
    "near_copies": "this share of the test part: training rows with 1% noise on each number",
    "exact_copies": "this share of the test part: exact copies of training rows",
    "ids_sorted": "ids (role id) handed out in outcome order for this share of rows",
    "post_outcome_date": "a closing date set by the outcome, in this share of rows",
    "right_censoring": "the newest share of the period loses its late positives",
    "number_format": "whole numbers for this share of the positives, cents for the rest",
    "lookup": "the outcome replaced by a rule of two inputs, followed by this share of rows",
}
SIZES = (1_000, 2_500, 6_000)


def base(n: int, seed: int) -> Case:
    """The honest extract every leak is planted in: income, debt, age, job, region, a loan
    amount with cents, and the application date (declared time, also an input)."""
    rng = np.random.default_rng(seed)
    income, debt, job, age, z = applicant(rng, n)
    frame = pd.DataFrame(
        {
            "income": income,
            "debt": debt,
            "job": text(job),
            "age": age,
            "region": text(rng.choice(["north", "south", "east", "west"], n)),
            "amount": np.round(rng.lognormal(8.5, 0.6, n), 2),
            "applied_on": dates(rng, n, "2019-01-01", 1_100),
        }
    )
    return Case(
        "planted", frame, outcome(z, 0.25, rng), "binary", list(frame.columns), time="applied_on"
    )


def _leaked_rows(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def copy(case: Case, share: float, rng) -> Case:
    """'review_score': 90-100 for positives and 0-10 for negatives where it was updated after
    the outcome; elsewhere the score given at application (20-80)."""
    n, y = case.rows, case.y
    hit = _leaked_rows(n, share, rng)
    value = np.where(y == 1, rng.uniform(90, 100, n), rng.uniform(0, 10, n))
    value = np.where(hit, value, rng.uniform(20, 80, n))
    return _add(case, {"review_score": np.round(value, 1)})


def pair(case: Case, share: float, rng) -> Case:
    """'billed' and 'paid': the unpaid difference is large for positives and zero for
    negatives where the account was settled; elsewhere a small running balance."""
    n, y = case.rows, case.y
    billed = np.round(rng.lognormal(7, 0.8, n), 2)
    hit = _leaked_rows(n, share, rng)
    owed = np.where(y == 1, billed * rng.uniform(0.6, 1.0, n), 0.0)
    owed = np.where(hit, owed, billed * rng.uniform(0.05, 0.4, n))
    return _add(case, {"billed": billed, "paid": np.round(billed - owed, 2)})


def category_leak(case: Case, share: float, rng) -> Case:
    """'account_status': 'charged off' or 'paid off' where updated after the outcome; one of
    four ordinary statuses elsewhere."""
    n, y = case.rows, case.y
    hit = _leaked_rows(n, share, rng)
    ordinary = rng.choice(["current", "active", "review", "renewed"], n)
    status = np.where(hit, np.where(y == 1, "charged off", "paid off"), ordinary)
    return _add(case, {"account_status": text(status)})


def missingness(case: Case, share: float, rng) -> Case:
    """'recovery_amount': filled in only for the positives that went to collections."""
    n, y = case.rows, case.y
    filled = (y == 1) & (rng.random(n) < share)
    value = np.where(filled, np.round(rng.lognormal(6, 1, n), 2), np.nan)
    return _add(case, {"recovery_amount": value})


def ids_sorted(case: Case, share: float, rng) -> Case:
    """'loan_id' (role id, not an input), numbered in outcome order for a share of rows; the
    file sorted by it."""
    n, y = case.rows, case.y
    hit = _leaked_rows(n, share, rng)
    key = np.where(hit, y + rng.random(n), 2 * rng.random(n))
    order = np.argsort(key, kind="stable")
    frame = case.frame.iloc[order].reset_index(drop=True)
    frame.insert(0, "loan_id", np.arange(500_000, 500_000 + n))
    return replace(case, frame=frame, y=case.y[order], ids=["loan_id"], leak=["loan_id"])


def post_outcome_date(case: Case, share: float, rng) -> Case:
    """'closed_on': for a share of rows, the day the account closed — at default for
    positives (1 to 9 months in), at the end of the term for the others; empty elsewhere."""
    n, y = case.rows, case.y
    applied = case.frame["applied_on"]
    lag = np.where(
        y == 1, rng.integers(30, 270, n), rng.choice([365, 730, 1095], n) + rng.integers(-5, 5, n)
    )
    closed = applied + pd.to_timedelta(lag, unit="D")
    closed = closed.where(_leaked_rows(n, share, rng))
    return _add(case, {"closed_on": closed})


def right_censoring(case: Case, share: float, rng) -> Case:
    """Outcomes arrive up to a year after application; the extract is taken at the end of the
    period, so positives of the newest `share` of the period are still recorded as negatives
    (the newer, the more of them)."""
    t = case.frame["applied_on"]
    span = (t.max() - t.min()).days
    age = (t.max() - t).dt.days.to_numpy()
    window = share * span
    lost = (case.y == 1) & (rng.random(case.rows) < np.clip(1 - age / window, 0, 1))
    return replace(case, y=np.where(lost, 0, case.y), leak=["applied_on"])


def number_format(case: Case, share: float, rng) -> Case:
    """'monthly_costs' recorded in whole numbers for a share of the positives (another source),
    with cents for everyone else; the value itself says nothing."""
    n, y = case.rows, case.y
    costs = rng.lognormal(6, 0.5, n)
    whole = (y == 1) & (rng.random(n) < share)
    return _add(
        case, {"monthly_costs": np.where(whole, np.round(costs), np.round(costs, 2) + 0.01)}
    )


def lookup(case: Case, share: float, rng) -> Case:
    """The outcome replaced by a rule of income and job (followed by `share` of the rows)."""
    income = case.frame["income"].fillna(case.frame["income"].median()).to_numpy()
    job = case.frame["job"].astype("str").to_numpy()
    rule = (
        (income < np.quantile(income, 0.3)) | ((job != "fixed") & (income < np.median(income)))
    ).astype(int)
    flip = rng.random(case.rows) >= share
    return replace(case, y=np.where(flip, 1 - rule, rule), leak=["income", "job"])


COLUMN_LEAKS = {
    "copy": copy,
    "pair": pair,
    "category": category_leak,
    "missingness": missingness,
    "ids_sorted": ids_sorted,
    "post_outcome_date": post_outcome_date,
    "right_censoring": right_censoring,
    "number_format": number_format,
    "lookup": lookup,
}


def _add(case: Case, columns: dict) -> Case:
    frame = case.frame.copy()
    for name, values in columns.items():
        frame[name] = values
    return replace(case, frame=frame, features=[*case.features, *columns], leak=list(columns))


def _copy_rows(frames, share: float, noise: float, rng):
    """Replace `share` of the test rows by training rows, each number moved by `noise` of its
    column's spread."""
    k = round(share * len(frames.X_test))
    targets = rng.choice(len(frames.X_test), k, replace=False)
    sources = rng.choice(len(frames.X_train), k, replace=False)
    X_test, y_test = frames.X_test.copy(), frames.y_test.copy()
    copied = frames.X_train.iloc[sources].copy()
    if noise:
        for c in copied.columns:
            col = copied[c]
            if pd.api.types.is_float_dtype(col):
                spread = frames.X_train[c].std()
                copied[c] = col + rng.normal(0, noise * spread, k)
    for j, c in enumerate(X_test.columns):
        X_test.iloc[targets, j] = copied[c].to_numpy()
    y_test.iloc[targets] = frames.y_train.iloc[sources].to_numpy()
    return replace(frames, X_test=X_test, y_test=y_test)


def holdout_score(frames, roles) -> float:
    """The holdout score of a default gradient-boosting model on the case's inputs."""
    X_tr, X_te = frames.X_train[roles.features], frames.X_test[roles.features]
    model = quick_model(X_tr, roles.task, 0).fit(X_tr, frames.y_train.to_numpy())
    return score(frames.y_test.to_numpy(), predictions(model, X_te, roles.task), roles.task)


def plant(kind: str, strength: float, size: int, seed: int):
    """The leaky case split for the checks, and the holdout score with and without the leak:
    without the planted columns (censored outcomes: without the date, whose recency carries
    them; copied rows: with the original test part), both on the same holdout rows and labels.
    None for the lookup, which changes the question itself."""
    rng = np.random.default_rng(seed + 7)
    clean = base(size, seed)
    if kind in ("near_copies", "exact_copies"):
        frames, roles, _, _ = split_case(clean, seed)
        leaky = _copy_rows(frames, strength, 0.01 if kind == "near_copies" else 0.0, rng)
        return leaky, roles, holdout_score(leaky, roles), holdout_score(frames, roles), []
    case = COLUMN_LEAKS[kind](clean, strength, rng)
    frames, roles, _, _ = split_case(case, seed)
    with_leak = holdout_score(frames, roles)
    if kind == "lookup":
        return frames, roles, with_leak, None, case.leak
    if kind == "ids_sorted":
        return frames, roles, with_leak, with_leak, case.leak  # the id is no model input
    honest_roles = replace(roles, features=[c for c in roles.features if c not in case.leak])
    return frames, roles, with_leak, holdout_score(frames, honest_roles), case.leak


def planted_cases(reps: int, seed: int = 0):
    """(kind, strength, size, seed) of every planted data set: `reps` per kind and strength,
    sizes cycled through `SIZES`."""
    for kind, strengths in STRENGTHS.items():
        for strength in strengths:
            for i in range(reps):
                yield kind, strength, SIZES[i % len(SIZES)], seed * 1_000 + 500 + i
