"""The kept-aside families: written before the thresholds were frozen, run for the first time
after. Other shapes than the tuning families (grades, a laboratory panel, a rules engine,
employers' past rates, routine record updates, repeat orders, capped bureau scores, claim
costs, product choice) and leaks planted in another extract (a telecom customer base, not the
credit extract the tuning leaks live in), with generators of their own.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, employers, separation
from calibration_shapes import Case, category, dates, effect, outcome, text


# -- null families: honest shapes the tuning families do not have ---------------------------
def grades(n: int, seed: int) -> Case:
    """Exam results: grades 1 (best) to 6 in four subjects, attendance, a course; passing is
    certain with the best grades and climbs grade by grade."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(0, 1, n)
    cols = {
        f"grade_{s}": np.clip(np.round(3.5 - 1.3 * (ability + rng.normal(0, 0.7, n))), 1, 6)
        for s in ("maths", "language", "science", "history")
    }
    frame = pd.DataFrame({k: v.astype(int) for k, v in cols.items()})
    frame["attendance"] = np.round(np.clip(rng.beta(8, 2, n) + 0.03 * ability, 0, 1), 2)
    frame["course"] = text(category(rng, n, 5, "course"))
    y = outcome(2.2 * ability + 2 * (frame["attendance"].to_numpy() - 0.8), 0.7, rng)
    return Case("grades", frame, y, "binary", list(frame.columns))


def lab_panel(n: int, seed: int) -> Case:
    """A laboratory panel: six measurements (one as strong as AUC 0.9 alone, sharing the
    patient's condition with the others), age and sex; a diagnosis."""
    rng = np.random.default_rng(seed)
    condition = rng.normal(0, 1, n)
    age = rng.integers(20, 90, n)
    frame = pd.DataFrame(
        {
            "age": age,
            "sex": text(rng.choice(["f", "m"], n)),
            "crp": np.round(np.exp(1.2 + 0.9 * condition + rng.normal(0, 0.4, n)), 1),
            "wbc": np.round(7 + 1.5 * condition + rng.normal(0, 1.2, n), 1),
            "albumin": np.round(40 - 2.5 * condition + rng.normal(0, 3, n), 1),
            "sodium": np.round(rng.normal(140, 3, n)),
            "ferritin": np.round(np.exp(rng.normal(4.5, 0.8, n)), 0),
            "heart_rate": np.round(75 + 6 * condition + rng.normal(0, 9, n)),
        }
    )
    y = outcome(2.6 * condition + 0.01 * (age - 55), 0.3, rng)
    return Case("lab_panel", frame, y, "binary", list(frame.columns))


def rules_engine(n: int, seed: int) -> Case:
    """Insurance claims referred for review: claims above 20,000 on policies younger than a
    year are referred by rule (99.5%); the rest by an adjuster's judgement."""
    rng = np.random.default_rng(seed)
    amount = np.round(rng.lognormal(8.5, 1.0, n), 2)
    policy_years = np.round(rng.exponential(4, n), 1)
    prior = rng.poisson(0.5, n)
    z = 0.4 * (np.log(amount) - 8.5) + 0.5 * prior - 0.1 * policy_years
    y = outcome(z, 0.15, rng)
    rule = (amount > 20_000) & (policy_years < 1)
    y = np.where(rule, (rng.random(n) < 0.995).astype(int), y)
    frame = pd.DataFrame(
        {
            "claim_amount": amount,
            "policy_years": policy_years,
            "prior_claims": prior,
            "channel": text(category(rng, n, 3, "channel")),
        }
    )
    return Case("rules_engine", frame, y, "binary", list(frame.columns))


def employer_history(n: int, seed: int) -> Case:
    """Borrowers with their employer (raw id kept) and the employer's default rate in last
    year's book: a key-level figure computed without these rows."""
    rng = np.random.default_rng(seed)
    emp = employers(rng, n, 8.0)
    true_rate = 1 / (1 + np.exp(-rng.normal(-1.4, 0.7, emp.max() + 1)))
    last_year = np.clip(true_rate + rng.normal(0, 0.05, len(true_rate)), 0, 1)
    income = np.round(rng.lognormal(7.9, 0.45, n), -1)
    z = 2.5 * (true_rate[emp] - 0.2) - 0.8 * (np.log(income) - 7.9) / 0.45
    frame = pd.DataFrame(
        {
            "employer": text([f"EMP{e:05d}" for e in emp]),
            "employer_rate_last_year": np.round(last_year[emp], 3),
            "income": income,
            "age": rng.integers(18, 70, n),
        }
    )
    return Case("employer_history", frame, outcome(z, 0.2, rng), "binary", list(frame.columns))


def routine_updates(n: int, seed: int) -> Case:
    """A customer file with its creation date (declared time), a 'modified_on' and a
    'last_contact_on' touched by routine work after it, unrelated to the outcome."""
    rng = np.random.default_rng(seed)
    created = dates(rng, n, "2020-01-01", 800)
    usage = rng.gamma(2, 30, n)
    plan = category(rng, n, 4, "plan")
    z = 0.02 * (usage - 60) + effect(rng, pd.factorize(plan)[0], 0.5)
    frame = pd.DataFrame(
        {
            "created_on": created,
            "modified_on": created + pd.to_timedelta(rng.integers(0, 600, n), unit="D"),
            "last_contact_on": created + pd.to_timedelta(rng.integers(1, 400, n), unit="D"),
            "usage": np.round(usage, 1),
            "plan": text(plan),
        }
    )
    feats = [c for c in frame.columns if c != "created_on"]
    split = "time" if seed % 2 else "stratified"
    return Case(
        "routine_updates", frame, outcome(z, 0.25, rng), "binary", feats, split, time="created_on"
    )


CATALOGUE = np.round(np.random.default_rng(99).lognormal(3.5, 0.8, 30), 2)


def orders(n: int, seed: int) -> Case:
    """Web orders: the product (30, each at its catalogue price), quantity, channel, region; a
    return. Identical orders recur by nature: the price follows the product."""
    rng = np.random.default_rng(seed)
    product = rng.choice(30, n, p=np.arange(30, 0, -1) / np.arange(30, 0, -1).sum())
    quantity = rng.choice([1, 1, 1, 2, 2, 3, 5], n)
    channel = category(rng, n, 3, "channel", p=[0.6, 0.3, 0.1])
    z = effect(rng, product, 0.7) + 0.2 * quantity + (channel == "channel_2") * 0.5
    frame = pd.DataFrame(
        {
            "product": text([f"P{p:02d}" for p in product]),
            "unit_price": CATALOGUE[product],
            "quantity": quantity,
            "channel": text(channel),
            "region": text(category(rng, n, 4, "region")),
        }
    )
    return Case("orders", frame, outcome(z, 0.12, rng), "binary", list(frame.columns))


def capped_scores(n: int, seed: int) -> Case:
    """A bureau score capped at 850 (good payers pile up at the cap), credit utilisation and
    months on the bureau's file at application (thin files default more)."""
    rng = np.random.default_rng(seed)
    risk = rng.normal(0, 1, n)
    score = np.clip(np.round(720 - 70 * risk + rng.normal(0, 45, n)), 300, 850)
    months = np.round(rng.gamma(2.5, 30, n) * np.exp(-0.25 * risk))
    frame = pd.DataFrame(
        {
            "bureau_score": score.astype(int),
            "utilisation": np.round(np.clip(0.35 + 0.15 * risk + rng.normal(0, 0.2, n), 0, 1), 2),
            "months_on_file": months.astype(int),
            "product": text(category(rng, n, 3, "product")),
        }
    )
    return Case(
        "capped_scores", frame, outcome(1.8 * risk, 0.1, rng), "binary", list(frame.columns)
    )


def claims_cost(n: int, seed: int) -> Case:
    """The cost of a claim (a number): vehicle value, driver age, region, a repair estimate made
    at notification (strong and honest)."""
    rng = np.random.default_rng(seed)
    value = rng.lognormal(9.8, 0.5, n)
    severity = rng.gamma(2, 0.25, n)
    cost = value * severity * np.exp(rng.normal(0, 0.25, n))
    frame = pd.DataFrame(
        {
            "vehicle_value": np.round(value, -1),
            "driver_age": rng.integers(18, 85, n),
            "region": text(category(rng, n, 8, "region")),
            "repair_estimate": np.round(value * severity * np.exp(rng.normal(0, 0.35, n)), -1),
        }
    )
    return Case(
        "claims_cost", frame, np.round(cost, 2), "regression", list(frame.columns), split="random"
    )


def product_choice(n: int, seed: int) -> Case:
    """Which of four tariffs a customer picks, from usage, age and region."""
    rng = np.random.default_rng(seed)
    usage = rng.gamma(2, 40, n)
    age = rng.integers(18, 80, n)
    region = rng.integers(0, 6, n)
    logits = (
        np.column_stack(
            [
                np.zeros(n),
                0.02 * (usage - 80),
                -0.03 * (age - 45),
                0.01 * (usage - 80) + 0.02 * (age - 45),
            ]
        )
        + rng.normal(0, 0.5, (6, 4))[region]
    )
    y = (logits + rng.gumbel(size=(n, 4))).argmax(axis=1)
    frame = pd.DataFrame(
        {"usage": np.round(usage, 1), "age": age, "region": text([f"r{r}" for r in region])}
    )
    return Case("product_choice", frame, y, "multiclass", list(frame.columns))


NULL_FAMILIES = {
    "grades": grades,
    "lab_panel": lab_panel,
    "rules_engine": rules_engine,
    "employer_history": employer_history,
    "routine_updates": routine_updates,
    "orders": orders,
    "capped_scores": capped_scores,
    "claims_cost": claims_cost,
    "product_choice": product_choice,
}
NULL_SIZES = (300, 800, 1_500, 3_000, 6_000, 12_000)
NULL_MIN_SIZE = {"rules_engine": 1_500, "employer_history": 1_500, "capped_scores": 1_500}


# -- planted leaks in a telecom customer base --------------------------------------------------
def telecom(n: int, seed: int) -> Case:
    """Customers on the day of the churn prediction: tenure, monthly charges with cents, the
    contract, how they pay, support calls, region, the sign-up date (declared time); churn in
    the next quarter, AUC about 0.75 from these."""
    rng = np.random.default_rng(seed)
    contract = rng.choice(["monthly", "one_year", "two_year"], n, p=[0.55, 0.25, 0.2])
    tenure = rng.integers(0, 72, n)
    charges = np.round(rng.uniform(18, 118, n), 2)
    calls = rng.poisson(1.2, n)
    z = (
        np.where(contract == "monthly", 0.9, np.where(contract == "one_year", -0.3, -1.0))
        - 0.02 * tenure
        + 0.012 * (charges - 65)
        + 0.3 * calls
    )
    signed = pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 1_000, n), unit="D")
    frame = pd.DataFrame(
        {
            "tenure_months": tenure,
            "monthly_charges": charges,
            "contract": text(contract),
            "payment": text(rng.choice(["card", "transfer", "cheque"], n)),
            "support_calls": calls,
            "region": text(rng.choice(["alpine", "coast", "capital", "plains"], n)),
            "signed_on": signed,
        }
    )
    return Case(
        "telecom", frame, outcome(z, 0.27, rng), "binary", list(frame.columns), time="signed_on"
    )


def _hit(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def status_copy(case: Case, share: float, rng) -> Case:
    """'retention_status': for this share of customers a status the retention team set after
    the quarter ('lost', 'won back' or 'saved' for churners vs 'renewed' for the rest);
    elsewhere 'none' or 'contacted'."""
    n, y = case.rows, case.y
    after = np.where(
        y == 1, rng.choice(["lost", "won back"], n, p=[0.8, 0.2]), rng.choice(["renewed"], n)
    )
    value = np.where(_hit(n, share, rng), after, rng.choice(["none", "contacted"], n))
    return add_columns(case, {"retention_status": text(value)})


def noisy_assessment(case: Case, auc: float, rng) -> Case:
    """'agent_score': an agent's rating after the quarter, the outcome plus logistic noise."""
    shift = separation(auc) * np.pi / np.sqrt(3)  # logistic noise of scale 1: sd pi/sqrt(3)
    value = shift * case.y + rng.logistic(0, 1, case.rows)
    return add_columns(case, {"agent_score": np.round(3 + value, 2)})


def branch_leak(case: Case, share: float, rng) -> Case:
    """'exit_survey_score' (0 to 10): filled in after the quarter by this share of the monthly
    contracts' customers (churners answer 0 to 2, the others 8 to 10); elsewhere the
    satisfaction score from the last survey, anywhere from 0 to 10."""
    n, y = case.rows, case.y
    monthly = case.frame["contract"].astype("str").to_numpy() == "monthly"
    after = np.where(y == 1, rng.uniform(0, 2, n), rng.uniform(8, 10, n))
    value = np.where(monthly & _hit(n, share, rng), after, rng.uniform(0, 10, n))
    return add_columns(case, {"exit_survey_score": np.round(value, 1)})


def smoothed_encoding(case: Case, rows_per_key: float, rng) -> Case:
    """'dealer_churn_rate': each dealer's churn rate over the whole extract, smoothed towards
    the overall rate (10 pseudo-rows), the raw dealer code kept."""
    dealer = employers(rng, case.rows, rows_per_key)
    y = pd.Series(case.y.astype(float))
    sums = y.groupby(dealer).transform("sum").to_numpy()
    counts = y.groupby(dealer).transform("count").to_numpy()
    rate = (sums + 10 * y.mean()) / (counts + 10)
    return add_columns(
        case,
        {"dealer": text([f"D{d:04d}" for d in dealer]), "dealer_churn_rate": np.round(rate, 4)},
        leak=["dealer_churn_rate"],
    )


def touched_dates(case: Case, share: float, rng) -> Case:
    """'modified_at': the record's last change — at the churn (within the quarter after the
    prediction) for this share of rows, at a routine review any time in the next year
    otherwise; plus an unnamed 'event_date' on the same days."""
    n, y = case.rows, case.y
    at_churn = np.where(y == 1, rng.integers(1, 90, n), rng.integers(90, 365, n))
    lag = np.where(_hit(n, share, rng), at_churn, rng.integers(1, 365, n))
    when = case.frame["signed_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"modified_at": when, "event_date": when})


def reexport(case: Case, share: float, rng) -> Case:
    """A batch of this share of the records exported again and appended (exact copies)."""
    twice = np.flatnonzero(_hit(case.rows, share, rng))
    rows = np.concatenate([np.arange(case.rows), twice])
    rows = rows[rng.permutation(len(rows))]
    return replace(case, frame=case.frame.iloc[rows].reset_index(drop=True), y=case.y[rows])


def observation_window(case: Case, share: float, rng) -> Case:
    """'days_active': for this share of customers, the days from the sign-up to the churn, or
    to the extract's date (the end of observation) for those who stayed; the contract's
    minimum term elsewhere."""
    n, y = case.rows, case.y
    signed = case.frame["signed_on"]
    censored = ((signed.max() + pd.Timedelta(days=60)) - signed).dt.days.to_numpy()
    to_churn = np.minimum(rng.weibull(1.3, n) * 240 + 5, censored - 1)
    active = np.where(y == 1, to_churn, censored)
    minimum = np.where(case.frame["contract"].astype("str") == "two_year", 730, 365)
    value = np.where(_hit(n, share, rng), active, minimum)
    return add_columns(case, {"days_active": np.round(value).astype(int)})


def collections_missing(case: Case, share: float, rng) -> Case:
    """'final_bill_disputed_amount': filled in only for this share of the churners."""
    filled = (case.y == 1) & _hit(case.rows, share, rng)
    value = np.where(filled, np.round(rng.gamma(2, 40, case.rows), 2), np.nan)
    return add_columns(case, {"final_bill_disputed_amount": value})


def billing_pair(case: Case, share: float, rng) -> Case:
    """'billed_last_quarter' and 'collected_last_quarter': for this share of customers the
    quarter after the prediction, where churners left unpaid bills; elsewhere last quarter's
    small arrears."""
    n, y = case.rows, case.y
    billed = np.round(case.frame["monthly_charges"].to_numpy() * 3 * rng.uniform(0.9, 1.1, n), 2)
    unpaid = np.where(y == 1, billed * rng.uniform(0.5, 1.0, n), 0.0)
    unpaid = np.where(_hit(n, share, rng), unpaid, billed * rng.uniform(0, 0.3, n))
    return add_columns(
        case,
        {"billed_last_quarter": billed, "collected_last_quarter": np.round(billed - unpaid, 2)},
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths)
    "status_copy": (status_copy, (0.5, 0.25, 0.1)),
    "noisy_assessment": (noisy_assessment, (0.98, 0.95, 0.9)),
    "branch_leak": (branch_leak, (1.0, 0.5, 0.25)),
    "smoothed_encoding": (smoothed_encoding, (2.0, 5.0, 15.0)),
    "touched_dates": (touched_dates, (1.0, 0.5, 0.25)),
    "reexport": (reexport, (0.3, 0.15, 0.08)),
    "observation_window": (observation_window, (1.0, 0.5, 0.25)),
    "collections_missing": (collections_missing, (0.5, 0.25, 0.1)),
    "billing_pair": (billing_pair, (0.5, 0.25, 0.1)),
}
PLANTED_WHAT = {
    "status_copy": "a status set after the outcome, in this share of rows",
    "noisy_assessment": "the outcome plus logistic noise, as strong as this AUC",
    "branch_leak": "a survey score written after the outcome for this share of one contract "
    "type's customers (0 to 10 elsewhere)",
    "smoothed_encoding": "a smoothed per-dealer rate over the whole extract; about this many "
    "rows per dealer",
    "touched_dates": "a record's last change set by the outcome in this share of rows (a named "
    "and an unnamed date)",
    "reexport": "this share of the records exported again, before the split",
    "observation_window": "days until the churn or the end of observation, in this share of rows",
    "collections_missing": "a field filled in only for this share of the churners",
    "billing_pair": "billed and collected amounts of the quarter after, in this share of rows",
}
PLANTED_SIZES = (1_500, 3_000, 8_000)
