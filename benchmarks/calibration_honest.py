"""Null families with honest steps (tuning families): signals that are not smooth sigmoids, so
that a check resting on smoothness meets what real data holds. A business rule that settles a
few cases, ordinal scores whose top values are pure, a bureau score as strong as a leak, the
same customers exported month after month with only their tenure moving. Nothing is planted:
every warning or critical finding on them is a false alarm."""

from __future__ import annotations

import numpy as np
import pandas as pd
from calibration_shapes import Case, applicant, category, dates, effect, outcome, text


def credit_frame(rng, n: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The honest credit columns (income, debt, job, age, region, application date) and the
    log-odds of default they give."""
    income, debt, job, age, z = applicant(rng, n)
    frame = pd.DataFrame(
        {
            "income": income,
            "debt": debt,
            "job": text(job),
            "age": age,
            "region": text(category(rng, n, 4, "region")),
            "applied_on": dates(rng, n, "2020-01-01", 900),
        }
    )
    return frame, z


def honest_step(n: int, seed: int) -> Case:
    """Two prior defaults or more: 99.5% default (a fact of the business, recorded before the
    application); otherwise the honest signal, a prior default raising the risk."""
    rng = np.random.default_rng(seed)
    frame, z = credit_frame(rng, n)
    prior = rng.poisson(0.3, n)
    y = outcome(z + 0.8 * np.minimum(prior, 1), 0.25, rng)
    settled = prior >= 2
    y = np.where(settled, (rng.random(n) < 0.995).astype(int), y)
    frame["prior_defaults"] = prior
    feats = [c for c in frame.columns if c != "applied_on"]
    return Case("honest_step", frame, y, "binary", feats, time="applied_on")


def business_rule(n: int, seed: int) -> Case:
    """Declined applications: a debt-to-income ratio above 0.6 is declined 99.7% of the time
    by rule; below it, the honest signal decides."""
    rng = np.random.default_rng(seed)
    frame, z = credit_frame(rng, n)
    ratio = frame["debt"] / frame["income"] / 2
    y = outcome(z, 0.2, rng)
    y = np.where(ratio > 0.6, (rng.random(n) < 0.997).astype(int), y)
    frame["debt_to_income"] = np.round(ratio, 3)
    return Case("business_rule", frame, y, "binary", list(frame.columns), time="applied_on")


def ordinal_scores(n: int, seed: int) -> Case:
    """A diagnostic table: nine 1-to-10 scores read by a pathologist, each a noisy view of the
    case's severity; the higher scores come only with malignant cases (as in a well-known
    699-row biopsy table)."""
    rng = np.random.default_rng(seed)
    malignant = (rng.random(n) < 0.35).astype(int)
    severity = np.where(malignant == 1, rng.normal(1.5, 1.0, n), rng.normal(-1.5, 0.6, n))
    cols = {}
    for j in range(1, 10):
        view = severity + rng.normal(0, 0.8, n)
        cols[f"score_{j}"] = np.clip(np.round(3 + 2.2 * view), 1, 10).astype(int)
    frame = pd.DataFrame(cols)
    return Case("ordinal_scores", frame, malignant, "binary", list(frame.columns))


def bureau_score(n: int, seed: int) -> Case:
    """A credit bureau's score (AUC 0.93 to 0.97 on its own): the applicant's risk as the bureau
    sees it, computed from the same income and debt the extract holds plus their history."""
    rng = np.random.default_rng(seed)
    frame, z = credit_frame(rng, n)
    history = rng.normal(0, 2.0, n)
    risk = z + history
    y = outcome(2.5 * risk, 0.25, rng)
    frame["bureau_score"] = np.round(600 - 40 * (risk + rng.normal(0, 0.25, n)))
    return Case("bureau_score", frame, y, "binary", list(frame.columns), time="applied_on")


def segment_effect(n: int, seed: int) -> Case:
    """A signal in one segment only: data usage drives churn on the prepaid plan (AUC about 0.8
    there) and not at all on the contracts, where it spans the same values; age, tenure and
    region matter everywhere."""
    rng = np.random.default_rng(seed)
    plan = rng.choice(["prepaid", "contract_12", "contract_24"], n, p=[0.45, 0.35, 0.2])
    usage = rng.gamma(2.0, 2.5, n)
    age = rng.integers(18, 80, n)
    tenure = rng.integers(0, 60, n)
    region = category(rng, n, 5, "region")
    prepaid = plan == "prepaid"
    z = (
        np.where(prepaid, 2.2 * (np.log1p(usage) - 1.6) / 0.45, 0.0)
        - 0.02 * (age - 45)
        - 0.03 * (tenure - 30)
        + effect(rng, pd.factorize(region)[0], 0.3)
        + 0.5 * prepaid
    )
    frame = pd.DataFrame(
        {
            "plan": text(plan),
            "data_usage_gb": np.round(usage, 2),
            "age": age,
            "tenure_months": tenure,
            "region": text(region),
        }
    )
    return Case("segment_effect", frame, outcome(z, 0.3, rng), "binary", list(frame.columns))


RECORDS = [
    "two or more defaults",
    "one default",
    "late payments",
    "no history",
    "clean",
    "paid off early",
]


def credit_record_text(n: int, seed: int) -> Case:
    """An honest credit record written as text, known at the application, certain at both
    ends: 'two or more defaults' default 99.5% of the time, 'paid off early' 0.5% (even seeds)
    or 2% (odd seeds); the levels between raise or lower the honest signal. 10% positives
    (seeds whose last digit is below 5) or 25%."""
    rng = np.random.default_rng(seed)
    frame, z = credit_frame(rng, n)
    record = rng.choice(len(RECORDS), n, p=[0.04, 0.08, 0.12, 0.2, 0.44, 0.12])
    y = outcome(
        z + np.array([0.0, 1.0, 0.6, 0.2, -0.3, 0.0])[record], 0.1 if seed % 10 < 5 else 0.25, rng
    )
    y = np.where(record == 0, (rng.random(n) < 0.995).astype(int), y)
    early = 0.005 if seed % 2 == 0 else 0.02
    y = np.where(record == 5, (rng.random(n) < early).astype(int), y)
    frame["credit_record"] = text(np.array(RECORDS)[record])
    feats = [c for c in frame.columns if c != "applied_on"]
    return Case("credit_record_text", frame, y, "binary", feats, time="applied_on")


def monthly_snapshots(n: int, seed: int) -> Case:
    """The same customers exported once a month for a year (n / 10 customers, about n rows, each from
    the month they joined the extract): plan, region, age, monthly charges with cents and the
    number of lines stay the same, tenure grows by one a month; the outcome (leaving within the
    next month) follows the customer's propensity and tenure. Split in time, as a consultant
    would: later months' rows repeat their customer's earlier rows in every input but tenure,
    honestly (the same customers will be scored again next month)."""
    rng = np.random.default_rng(seed)
    customers = max(20, n // 10)
    first = rng.integers(0, 4, customers)
    months = [np.arange(f, 12) for f in first]
    who = np.concatenate([np.full(len(m), c) for c, m in enumerate(months)])
    month = np.concatenate(months)
    plan = rng.choice(["prepaid", "contract_12", "contract_24"], customers, p=[0.4, 0.4, 0.2])
    region = category(rng, customers, 6, "region")
    age = rng.integers(18, 85, customers)
    charges = np.round(rng.gamma(4.0, 12.0, customers) + 9.99, 2)
    lines = 1 + rng.poisson(0.4, customers)
    joined = rng.integers(0, 72, customers)
    propensity = rng.normal(0, 1, customers) + 0.6 * (plan == "prepaid")
    tenure = joined[who] + month
    z = propensity[who] - 0.02 * tenure + 0.01 * (charges[who] - 50)
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{c:06d}" for c in who],
            "snapshot_month": pd.Timestamp("2025-01-01") + pd.to_timedelta(month * 30, unit="D"),
            "plan": text(plan[who]),
            "region": text(region[who]),
            "age": age[who],
            "monthly_charges": charges[who],
            "lines": lines[who],
            "tenure_months": tenure,
        }
    )
    feats = ["plan", "region", "age", "monthly_charges", "lines", "tenure_months"]
    return Case(
        "monthly_snapshots",
        frame,
        outcome(z, 0.08, rng),
        "binary",
        feats,
        split="time",
        time="snapshot_month",
        ids=["customer_id"],
    )


FAMILIES = {
    "monthly_snapshots": monthly_snapshots,
    "credit_record_text": credit_record_text,
    "honest_step": honest_step,
    "business_rule": business_rule,
    "ordinal_scores": ordinal_scores,
    "bureau_score": bureau_score,
    "segment_effect": segment_effect,
}
