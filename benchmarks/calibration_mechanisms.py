"""Leaks of ordinary shapes, planted in the honest credit extract of `calibration_leaks.base`
(tuning families: the issue's probes are instances of them): a noisy copy of the outcome, a
leak in one category's rows, a target encoding computed over the whole extract, a timestamp
the outcome moves, records exported twice, and a follow-up that the outcome ends.

Each takes the clean case, a strength and a random generator, and returns the leaky case (the
planted columns in `leak`); `copied_records` changes the rows before the split instead.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_shapes import Case, text
from scipy.stats import norm


def add_columns(case: Case, columns: dict, leak: list[str] | None = None) -> Case:
    """The case with `columns` added as model inputs; `leak` of them planted (all by default)."""
    frame = case.frame.copy()
    for name, values in columns.items():
        frame[name] = values
    return replace(
        case,
        frame=frame,
        features=[*case.features, *columns],
        leak=list(columns) if leak is None else leak,
    )


def separation(auc: float) -> float:
    """The shift between two unit normals whose AUC is `auc`."""
    return float(np.sqrt(2) * norm.ppf(auc))


def noisy_copy(case: Case, auc: float, rng) -> Case:
    """'assessment_score': the outcome plus normal noise, as strong as `auc` on every row,
    unrelated to the applicant once the outcome is known (an assessment written after it)."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(case, {"assessment_score": np.round(50 + 10 * value, 1)})


def segment_leak(case: Case, share: float, rng) -> Case:
    """'review_score' recorded after the outcome in this share of the north region's rows (90
    to 100 for positives, 0 to 10 for the others); elsewhere a score given at application
    that spans the same 0 to 100, so no value alone gives the outcome away."""
    n, y = case.rows, case.y
    north = case.frame["region"].astype("str").to_numpy() == "north"
    hit = north & (rng.random(n) < share)
    after = np.where(y == 1, rng.uniform(90, 100, n), rng.uniform(0, 10, n))
    value = np.where(hit, after, rng.uniform(0, 100, n))
    return add_columns(case, {"review_score": np.round(value, 1)})


def employers(rng, n: int, rows_per_key: float) -> np.ndarray:
    """Employer codes, about `rows_per_key` rows each (unequal: a few large employers)."""
    keys = max(2, int(n / rows_per_key))
    weights = rng.pareto(1.5, keys) + 1
    return rng.choice(keys, n, p=weights / weights.sum())


def target_encoding(case: Case, rows_per_key: float, rng) -> Case:
    """The raw employer id kept beside 'employer_default_rate': each employer's share of
    defaults over the whole extract, the row's own outcome included (computed before the
    split). Employers have about `rows_per_key` rows: the fewer, the more each row's own
    outcome shows in the rate."""
    emp = employers(rng, case.rows, rows_per_key)
    rate = pd.Series(case.y).groupby(emp).transform("mean").to_numpy()
    codes = text([f"E{e:05d}" for e in emp])
    return add_columns(
        case,
        {"employer_id": codes, "employer_default_rate": np.round(rate, 4)},
        leak=["employer_default_rate"],
    )


def updated_timestamp(case: Case, share: float, rng) -> Case:
    """'last_updated': for this share of the rows, the day the record was last touched because
    of the outcome (a default 1 to 9 months in; the loan's end for the others); for the rest a
    routine update any time in the two years after the application."""
    n, y = case.rows, case.y
    applied = case.frame["applied_on"]
    at_outcome = np.where(y == 1, rng.integers(30, 270, n), rng.integers(300, 730, n))
    routine = rng.integers(0, 730, n)
    lag = np.where(rng.random(n) < share, at_outcome, routine)
    return add_columns(case, {"last_updated": applied + pd.to_timedelta(lag, unit="D")})


def follow_up(case: Case, share: float, rng) -> Case:
    """'days_observed': for this share of the loans, the days from the application to the
    default, or to the extract's date for the loans that did not default (the end of
    observation, after up to three years); for the others the planned term in days, set at
    application."""
    n, y = case.rows, case.y
    applied = case.frame["applied_on"]
    extract = applied.max() + pd.Timedelta(days=30)
    censored = (extract - applied).dt.days.to_numpy()
    to_default = np.minimum(rng.exponential(180, n) + 15, censored - 1)
    observed = np.where(y == 1, to_default, censored)
    term = rng.choice([365, 730, 1095], n)
    days = np.where(rng.random(n) < share, observed, term)
    return add_columns(case, {"days_observed": np.round(days).astype(int)})


def copy_records(case: Case, share: float, rng) -> Case:
    """This share of the records exported twice (exact copies, continuous inputs included),
    the extract shuffled."""
    twice = np.flatnonzero(rng.random(case.rows) < share)
    rows = rng.permutation(np.concatenate([np.arange(case.rows), twice]))
    frame = case.frame.iloc[rows].reset_index(drop=True)
    return replace(case, frame=frame, y=case.y[rows], leak=[])


STRENGTHS: dict[str, tuple[float, ...]] = {
    "noisy_copy": (0.99, 0.95, 0.9),
    "segment_leak": (1.0, 0.5, 0.25),
    "target_encoding": (2.0, 5.0, 20.0),
    "updated_timestamp": (1.0, 0.5, 0.25),
    "follow_up": (1.0, 0.5, 0.25),
    "copied_records": (0.35, 0.2, 0.1),
}
WHAT = {
    "noisy_copy": "the outcome plus normal noise on every row, as strong as this AUC",
    "segment_leak": "a field recording the outcome in this share of one region's rows (a quarter "
    "of the data), spanning the same values as elsewhere",
    "target_encoding": "each employer's default rate over the whole extract (own outcome "
    "included) beside the raw employer id; about this many rows per employer",
    "updated_timestamp": "'last_updated' set by the outcome in this share of rows, routine "
    "updates elsewhere",
    "follow_up": "days from application to default or to the end of observation, in this share "
    "of rows (the planned term elsewhere)",
    "copied_records": "this share of the records exported twice, before the split",
}
KINDS = {
    "noisy_copy": noisy_copy,
    "segment_leak": segment_leak,
    "target_encoding": target_encoding,
    "updated_timestamp": updated_timestamp,
    "follow_up": follow_up,
    "copied_records": copy_records,
}
