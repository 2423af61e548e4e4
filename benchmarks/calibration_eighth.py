"""The eighth generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (17,000 and up). Other domains and shapes than every family
before it: a company's employees at the annual review, an electricity utility's meters, a
wholesaler's invoices to business customers, a university's admissions and a dairy's production
batches — null families with honest confusers (a performance rating of 1 and a refused contract
renewal as near-deterministic business rules, an entrance exam below 50 that never gets an offer,
an interview's 1-10 score whose 9 and 10 nearly always do, a customer's 1-10 credit grade, months
since the last promotion capped at the HR system's start, a meter's age capped at the asset
register's, days to pay capped where collections take over, kWh readings of zero for vacant
premises, overtime and rework zero for most, a reading's drop against last year as an honest
strong signal, last year's late share of the customer, a seal found broken as an honest
one-sided step, direct debits that are never late, prepaid invoices, a customer's many invoices
with customer columns that repeat, coarse batch rows that repeat by chance) — and leaks planted
in an employee extract, a meter extract, an invoice extract and a batch extract by generators of
their own: noisy copies in an ordinal rating and in a count, a status in a text and in an
integer column, a lookup counted (not averaged) over the whole extract, an encoding in whole
percent, a badge's last use after the exit, days to the exit or the extract's date, a reading
zeroed after the inspection among honest zeros, a back-billing seen only beside the metered
figure (a leak across two columns), payment terms rewritten to prepayment after the late
payment (an honest level of the column), a self-reading blanked among honest blanks, invoices
exported a second time and appended, and a credit desk's note confined to one region.

The seventh generation (benchmarks/calibration_seventh.py) was looked at once its results were
known; it is a tuning set now.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets) -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit="D")


def _some(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, spread: float = 0.8) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (log-normal weights)."""
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _blank(values, share: float, rng) -> np.ndarray:
    """Text values with this share left blank."""
    values = np.asarray(values, dtype=object)
    return np.where(rng.random(len(values)) < share, None, values)


# -- a company's employees at the annual review -------------------------------------------------
DEPARTMENTS = ["sales", "engineering", "operations", "finance", "service", "marketing", "legal"]
EDUCATION = ["vocational", "bachelor", "master", "doctorate"]
REVIEWS, EXTRACT = "2023-01-02", pd.Timestamp("2024-03-31")  # reviews in Q1 2023


def _employees(n: int, seed: int):
    """Employees at the annual review (January to March 2023): a unique employee id, the
    business unit, department, job level 1-7, age, tenure in years, months since the last
    promotion (capped at 60: the HR system's records start five years back), the review's 1-5
    rating, overtime hours last month (zero for most), the salary (steps of 100) and its ratio
    to the band's midpoint, commute in km, remote days a week, the engagement survey's 1-10
    (blank for a quarter), education (blank for some), the contract and, for fixed terms, the
    renewal decision, manager changes in two years, training hours; the log-odds of leaving,
    and who a business rule settles (a rating of 1, a refused renewal)."""
    rng = np.random.default_rng(seed)
    units = max(10, n // 100)
    unit = _codes(rng, units, n)
    dept = rng.choice(len(DEPARTMENTS), n, p=[0.2, 0.22, 0.2, 0.1, 0.14, 0.08, 0.06])
    level = np.clip(np.round(rng.gamma(2.2, 1.1, n)), 1, 7).astype(int)
    age = np.clip(np.round(rng.normal(36, 9, n) + 2 * level), 20, 66).astype(int)
    tenure = np.round(np.minimum(rng.exponential(6, n), age - 19), 1)
    since_promo = np.minimum(np.round(rng.exponential(26, n)), 60).astype(int)
    rating = rng.choice([1, 2, 3, 4, 5], n, p=[0.02, 0.12, 0.5, 0.27, 0.09])
    overtime = np.where(rng.random(n) < 0.6, 0, np.round(rng.gamma(1.5, 8, n))).astype(int)
    compa = np.round(np.clip(rng.normal(1.0, 0.1, n), 0.7, 1.35), 2)
    salary = np.round(31_000 * 1.28 ** (level - 1) * compa * (1 + 0.1 * (dept == 1)) / 100) * 100
    commute = np.round(rng.lognormal(2.4, 0.8, n), 1)
    remote = rng.choice(6, n, p=[0.25, 0.1, 0.25, 0.25, 0.1, 0.05])
    mood = rng.normal(0, 1, n)
    engagement = np.clip(np.round(6.5 + 1.4 * mood + rng.normal(0, 1, n)), 1, 10)
    fixed = rng.random(n) < 0.14
    refused = fixed & (rng.random(n) < 0.35)
    managers = rng.poisson(0.6, n)
    z = (
        -0.55 * mood
        + 0.02 * np.minimum(overtime, 40)
        + 0.012 * since_promo
        - 2.0 * (compa - 1.0)
        - 0.08 * np.minimum(tenure, 15)
        + 0.015 * np.minimum(commute, 80)
        - 0.03 * (age - 40)
        - 0.1 * remote
        + 0.25 * np.minimum(managers, 3)
        + np.select([rating == 2, rating == 4, rating == 5], [0.6, -0.3, -0.2])
        + np.select([dept == 4, dept == 0, dept == 6], [0.45, 0.3, -0.3])
        + rng.normal(0, 0.35, units)[unit]
    )
    frame = pd.DataFrame(
        {
            "employee_id": text([f"E{e}" for e in rng.choice(900_000, n, replace=False) + 10**5]),
            "business_unit": text([f"BU{u:03d}" for u in unit]),
            "review_on": _on(REVIEWS, rng.integers(0, 89, n)),
            "department": text(np.array(DEPARTMENTS)[dept]),
            "job_level": level,
            "age": age,
            "tenure_years": tenure,
            "months_since_promotion": since_promo,
            "performance_rating_1_5": rating,
            "overtime_hours_last_month": overtime,
            "salary": salary,
            "compa_ratio": compa,
            "commute_km": commute,
            "remote_days_per_week": remote,
            "engagement_1_10": np.where(rng.random(n) < 0.25, np.nan, engagement),
            "education": text(
                _blank(rng.choice(EDUCATION, n, p=[0.3, 0.42, 0.24, 0.04]), 0.08, rng)
            ),
            "contract": text(np.where(fixed, "fixed_term", "permanent")),
            "renewal": text(np.where(fixed, np.where(refused, "refused", "approved"), None)),
            "manager_changes_2y": managers,
            "training_hours_year": np.where(rng.random(n) < 0.3, 0, np.round(rng.gamma(2, 10, n))),
        }
    )
    return frame, z, (rating == 1, refused), mood, rng


def _leaving(z, rules, rate: float, rng) -> np.ndarray:
    """Left within a year of the review: 85% of those rated 1 (an improvement plan), 96% of the
    refused renewals (the contract ends), about `rate` of the others."""
    low, refused = rules
    y = outcome(z, rate, rng)
    y = np.where(low, (rng.random(len(z)) < 0.85).astype(int), y)
    return np.where(refused, (rng.random(len(z)) < 0.96).astype(int), y)


def employee_attrition(n: int, seed: int) -> Case:
    """Left within a year of the review (about 17%); split by business unit."""
    frame, z, rules, _, rng = _employees(n, seed)
    feats = [c for c in frame.columns if c not in ("employee_id", "business_unit", "review_on")]
    return Case(
        "employee_attrition",
        frame,
        _leaving(z, rules, 0.11, rng),
        "binary",
        feats,
        split="group",
        group="business_unit",
        ids=["employee_id"],
    )


def absence_days(n: int, seed: int) -> Case:
    """Days off sick in the year after the review (a count, zero for about a quarter)."""
    frame, _, _, mood, rng = _employees(n, seed)
    older = (frame["age"] >= 50).to_numpy()
    service = (frame["department"] == "service").to_numpy()
    overtime = frame["overtime_hours_last_month"].to_numpy()
    mean = np.exp(1.5 + 0.3 * older + 0.25 * service + 0.015 * overtime - 0.2 * mood)
    days = rng.poisson(mean * rng.gamma(0.7, 1 / 0.7, n))
    feats = [c for c in frame.columns if c not in ("employee_id", "business_unit", "review_on")]
    return Case(
        "absence_days", frame, days, "regression", feats, split="random", ids=["employee_id"]
    )


# -- an electricity utility's meters ------------------------------------------------------------
DISTRICT_SHARES = [0.06, 0.08, 0.05, 0.09, 0.07, 0.07, 0.24, 0.08, 0.06, 0.07, 0.05, 0.08]
TARIFFS = ["domestic", "domestic_night", "small_business"]
METER_TYPES = ["mechanical", "digital", "smart"]


def _meters(n: int, seed: int):
    """Meters at the last scheduled read: district, tariff, meter type, its age in years (capped at 25: the asset register starts in 1999),
    occupants registered (blank for businesses), kWh last month (0 for vacant premises, about
    one in eleven), kWh in the same month last year, the change against it in percent (blank
    where it read 0; an honest strong signal, since a bypass lowers the reading before anyone
    inspects), kWh over the last 12 months, estimated reads in 12 months (no access), a seal
    found broken at the last routine check (an honest one-sided step), arrears with cents (zero
    for most), app use and self-readings; whether an inspection found tampering (a bypass,
    found nine times in ten), each premise's usual kWh and whether it stands vacant."""
    rng = np.random.default_rng(seed)
    district = rng.choice(len(DISTRICT_SHARES), n, p=DISTRICT_SHARES)
    tariff = rng.choice(3, n, p=[0.62, 0.23, 0.15])
    kind = rng.choice(3, n, p=[0.4, 0.35, 0.25])
    age = np.minimum(np.round(rng.gamma(3, 3 + 3 * (kind == 0))), 25).astype(int)
    business = tariff == 2
    occupants = np.where(business, np.nan, 1 + rng.poisson(1.3, n))
    usual = rng.lognormal(np.log(240) + 0.25 * np.log(np.nan_to_num(occupants, nan=2)), 0.5)
    usual = usual * np.where(business, 2.5, 1.0)
    arrears = np.where(rng.random(n) < 0.75, 0.0, np.round(rng.lognormal(5, 1.1, n), 2))
    z = (
        0.5 * (kind == 0)
        + 0.04 * (age - 10)
        + 0.3 * np.log1p(arrears / 100)
        + 0.35 * (tariff == 1)
        - 0.4 * business
        + rng.normal(0, 0.3, len(DISTRICT_SHARES))[district]
        + rng.normal(0, 0.5, n)
    )
    bypass = outcome(z, 0.08, rng).astype(bool)
    found = bypass & (rng.random(n) < 0.9)
    intensity = np.clip(0.3 + 0.12 * z + rng.normal(0, 0.15, n), 0.05, 0.9) * bypass
    dip = np.where(~bypass & (rng.random(n) < 0.07), rng.uniform(0.1, 0.7, n), 0.0)
    vacant = rng.random(n) < 0.09
    now = np.where(vacant, 0, np.round(usual * rng.lognormal(0, 0.2, n) * (1 - intensity - dip)))
    before = np.where(rng.random(n) < 0.06, 0, np.round(usual * rng.lognormal(0, 0.2, n)))
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(before > 0, np.round(100 * (now / before - 1), 1), np.nan)
    year = np.round(12 * usual * rng.lognormal(0, 0.08, n) * (1 - 0.5 * intensity))
    year = np.where(vacant, np.round(usual * rng.uniform(0, 6, n)), year)
    seal = np.where(bypass, rng.random(n) < 0.1, rng.random(n) < 0.0008)
    app = rng.random(n) < np.where(business, 0.6, 0.4)
    frame = pd.DataFrame(
        {
            "read_on": _on("2024-01-01", rng.integers(0, 366, n)),
            "district": text([f"D{d + 1:02d}" for d in district]),
            "tariff": text(np.array(TARIFFS)[tariff]),
            "meter_type": text(np.array(METER_TYPES)[kind]),
            "meter_age_years": age,
            "occupants": occupants,
            "kwh_last_month": now.astype(int),
            "kwh_same_month_last_year": before.astype(int),
            "change_vs_last_year_pct": change,
            "kwh_12m": year.astype(int),
            "estimated_reads_12m": rng.poisson(0.7 + 1.0 * bypass, n),
            "seal_broken_last_check": text(np.where(seal, "yes", "no")),
            "arrears": arrears,
            "app_user": text(np.where(app, "yes", "no")),
            "self_readings_12m": np.where(app, rng.poisson(4, n), 0),
        }
    )
    return frame, found.astype(int), usual, vacant, rng


def meter_tampering(n: int, seed: int) -> Case:
    """Tampering found at the inspection (about 7%); split in time on the read day."""
    frame, found, _, _, _ = _meters(n, seed)
    feats = [c for c in frame.columns if c != "read_on"]
    return Case("meter_tampering", frame, found, "binary", feats, split="time", time="read_on")


def consumption_next_quarter(n: int, seed: int) -> Case:
    """kWh billed in the next quarter (whole kWh, skewed; zero for premises that stay or fall
    vacant)."""
    frame, found, usual, vacant, rng = _meters(n, seed)
    empty = np.where(vacant, rng.random(n) < 0.75, rng.random(n) < 0.03)
    value = np.where(empty, 0, np.round(3 * usual * rng.lognormal(0, 0.15, n) * (1 + 0.1 * found)))
    feats = [c for c in frame.columns if c != "read_on"]
    return Case("consumption_next_quarter", frame, value, "regression", feats, split="random")


# -- a wholesaler's invoices to business customers ----------------------------------------------
INDUSTRIES = ["construction", "retail", "hospitality", "manufacturing", "healthcare", "logistics"]
SLOW_PAYERS = {"construction": 0.4, "hospitality": 0.5, "healthcare": -0.3}
SIZES = ["micro", "small", "medium", "large"]
REGIONS = ["south", "north", "west", "east", "central"]


def _customers(rng, n: int) -> dict:
    """Customer columns (one value per customer, repeated on each of its invoices)."""
    customers = max(40, n // 7)
    c = rng.normal(0, 1, customers)
    size = rng.choice(4, customers, p=[0.3, 0.35, 0.25, 0.1])
    years = np.minimum(np.round(rng.exponential(6, customers), 1), 15.0)
    earlier = rng.poisson(3 + 4 * size)
    late_before = rng.binomial(earlier, 1 / (1 + np.exp(-(c - 1.2))))
    with np.errstate(divide="ignore", invalid="ignore"):
        before = np.where(
            (years >= 1) & (earlier > 0), np.round(100 * late_before / earlier), np.nan
        )
    return {
        "index": _codes(rng, customers, n, 1.2),
        "c": c,
        "size": size,
        "years": years,
        "grade": np.clip(np.round(4 + 1.8 * c + rng.normal(0, 1, customers)), 1, 10).astype(int),
        "late_before_pct": before,
        "industry": _blank(rng.choice(INDUSTRIES, customers), 0.05, rng),
        "debit": rng.random(customers) < np.where(size <= 1, 0.25, 0.08),
        "region": rng.choice(REGIONS, customers, p=[0.3, 0.2, 0.2, 0.15, 0.15]),
    }


def _invoices(n: int, seed: int):
    """Invoices: the customer (a code; a few customers have many invoices), its industry (blank
    for some), sales region (the south the largest), size band, 1-10 credit grade (10 the worst), years as a customer (capped at 15:
    the ledger's records begin in 2009), its share of invoices paid late the year before (blank
    for new customers); the invoice's date, amount with cents, lines, payment terms (0 is
    prepayment, asked of new customers with a poor grade: never late), direct debit (collected
    on the due day: never late), a purchase-order reference, disputed lines, the currency and
    the sales rep; and the log-odds of paying late, with who cannot be late."""
    rng = np.random.default_rng(seed)
    cust = _customers(rng, n)
    i = cust["index"]
    size, c, years = cust["size"][i], cust["c"][i], cust["years"][i]
    amount = np.round(rng.lognormal(6.3 + 0.7 * size, 1.1), 2)
    terms = rng.choice([14, 30, 60, 90], n, p=[0.2, 0.5, 0.2, 0.1])
    terms = np.where(size >= 2, np.maximum(terms, 30), terms)
    prepaid = (years < 1) & (cust["grade"][i] >= 7) | (rng.random(n) < 0.01)
    debit = cust["debit"][i] & ~prepaid
    po = rng.random(n) < 0.7 + 0.07 * size
    disputed = np.where(rng.random(n) < 0.9, 0, 1 + rng.poisson(0.8, n))
    industry = cust["industry"][i]
    z = (
        1.1 * c
        + 0.2 * np.log(amount / 1000)
        + 0.35 * ~po
        + 0.7 * (disputed > 0)
        + 0.006 * terms
        - 0.05 * years
        + np.array([SLOW_PAYERS.get(x, 0.0) for x in industry])
    )
    method = np.where(debit, "direct_debit", rng.choice(["transfer", "cheque"], n, p=[0.9, 0.1]))
    frame = pd.DataFrame(
        {
            "customer_id": text([f"C{k:05d}" for k in i]),
            "industry": text(industry),
            "region": text(cust["region"][i]),
            "customer_size": text(np.array(SIZES)[size]),
            "credit_grade_1_10": cust["grade"][i],
            "years_as_customer": years,
            "late_share_last_year_pct": cust["late_before_pct"][i],
            "issued_on": _on("2023-01-01", rng.integers(0, 540, n)),
            "amount": amount,
            "lines": 1 + rng.poisson(3, n),
            "payment_terms_days": np.where(prepaid, 0, terms),
            "payment_method": text(method),
            "po_reference": text(np.where(po, "yes", "no")),
            "disputed_lines": disputed,
            "currency": text(
                rng.choice(["EUR", "GBP", "USD", "CHF"], n, p=[0.85, 0.07, 0.05, 0.03])
            ),
            "sales_rep": text([f"rep_{r:02d}" for r in rng.integers(0, 20, n)]),
        }
    )
    return frame, z, prepaid | debit, rng


def _late(z, cannot, rate: float, rng) -> np.ndarray:
    return np.where(cannot, 0, outcome(z, rate, rng))


def invoice_paid_late(n: int, seed: int) -> Case:
    """Paid more than five days after the due date (about 20%); split in time on the invoice
    date, the customer's code among the inputs."""
    frame, z, cannot, rng = _invoices(n, seed)
    feats = [c for c in frame.columns if c != "issued_on"]
    y = _late(z, cannot, 0.27, rng)
    return Case("invoice_paid_late", frame, y, "binary", feats, split="time", time="issued_on")


def _days_to_pay(frame: pd.DataFrame, z, cannot, rng) -> np.ndarray:
    """Days from the invoice to its payment: around the terms for most, weeks beyond them for
    the late, the terms exactly for direct debits, 0 for prepayment; 120 at most (collections
    take over and the ledger stops counting)."""
    n = len(frame)
    terms = frame["payment_terms_days"].to_numpy()
    late = _late(z, cannot, 0.27, rng).astype(bool)
    days = terms * rng.uniform(0.4, 1.05, n) + np.where(
        late, rng.gamma(1.5, 12 + 8 * np.clip(z, 0, 3)), 0
    )
    days = np.where(frame["payment_method"] == "direct_debit", terms, days)
    return np.minimum(np.round(days), 120).astype(int)


def days_to_pay(n: int, seed: int) -> Case:
    """Days from the invoice to its payment (whole days, capped at 120)."""
    frame, z, cannot, rng = _invoices(n, seed)
    feats = [c for c in frame.columns if c != "issued_on"]
    value = _days_to_pay(frame, z, cannot, rng)
    return Case("days_to_pay", frame, value, "regression", feats, split="random")


def payment_band(n: int, seed: int) -> Case:
    """Early (five days or more before the due date), on time, 1-30 days late, later (four
    classes)."""
    frame, z, cannot, rng = _invoices(n, seed)
    past_due = _days_to_pay(frame, z, cannot, rng) - frame["payment_terms_days"].to_numpy()
    y = np.digitize(past_due, [-5, 6, 31])
    feats = [c for c in frame.columns if c != "issued_on"]
    return Case("payment_band", frame, y, "multiclass", feats)


# -- a university's admissions ------------------------------------------------------------------
PROGRAMMES = ["medicine", "law", "computer_science", "economics", "history", "biology"]
SELECTIVE = {"medicine": -1.5, "law": -0.9, "computer_science": -0.4, "history": 0.6}
INTERVIEWED = ("medicine", "law")


def admission_offer(n: int, seed: int) -> Case:
    """Applications to a university's programmes: the programme, an entrance exam 0-100 (below
    50, no offer: the university's rule; a handful on appeal), the school's grade point
    average 0-4, the interview's 1-10 score (medicine and law only, for those with 50 or more:
    9 and 10 get an offer unless the file is incomplete), an essay scored 1-5, home, EU or
    international, days before the deadline (most in its last week), first in the family at
    university, references 1-3, the application date; an offer made to over a third. Split
    stratified."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(0, 1, n)
    programme = np.array(PROGRAMMES)[rng.choice(6, n, p=[0.22, 0.18, 0.2, 0.18, 0.1, 0.12])]
    exam = np.clip(np.round(62 + 14 * ability + rng.normal(0, 8, n)), 0, 100).astype(int)
    gpa = np.clip(np.round(3.0 + 0.45 * ability + rng.normal(0, 0.35, n), 2), 0, 4)
    invited = np.isin(programme, INTERVIEWED) & (exam >= 50)
    interview = np.clip(np.round(5.5 + 1.6 * ability + rng.normal(0, 1.3, n)), 1, 10)
    essay = np.clip(np.round(3 + 0.6 * ability + rng.normal(0, 0.9, n)), 1, 5).astype(int)
    origin = rng.choice(["home", "eu", "international"], n, p=[0.7, 0.18, 0.12])
    early = np.round(rng.exponential(9, n)).astype(int)
    z = (
        2.0 * ability
        + 0.5 * (gpa - 3)
        + 0.25 * (essay - 3)
        + np.array([SELECTIVE.get(p, 0.0) for p in programme])
        + np.where(invited, 0.6 * (interview - 6), 0)
        + 0.01 * early
        - 0.3 * (origin == "international")
    )
    y = outcome(z, 0.38, rng)
    y = np.where(invited & (interview >= 9), (rng.random(n) < 0.96).astype(int), y)
    y = np.where(exam < 50, (rng.random(n) < 0.005).astype(int), y)
    frame = pd.DataFrame(
        {
            "applied_on": _on("2024-06-15", -early),
            "programme": text(programme),
            "entrance_exam": exam,
            "grade_point_average": gpa,
            "interview_1_10": np.where(invited, interview, np.nan),
            "essay_1_5": essay,
            "origin": text(origin),
            "days_before_deadline": early,
            "first_generation": text(np.where(rng.random(n) < 0.28, "yes", "no")),
            "references": rng.choice([1, 2, 3], n, p=[0.15, 0.6, 0.25]),
        }
    )
    feats = [c for c in frame.columns if c != "applied_on"]
    return Case("admission_offer", frame, y, "binary", feats)


# -- a dairy's production batches ---------------------------------------------------------------
PRODUCTS = ["plain_yogurt", "greek_yogurt", "fruit_yogurt", "kefir", "quark", "skyr"]
CUPS = {"plain_yogurt": 500, "greek_yogurt": 150, "fruit_yogurt": 125, "kefir": 500}


def _batches(n: int, seed: int):
    """Batches, every input coarse (rows repeat by chance): the filling line, shift, product,
    milk supplier, pasteurisation setpoint (72, 75 or 78 °C), the culture lot's age as a band,
    the cup size (set by the product, mostly), hours since the tank's cleaning as a band, the
    humidity band, the operator's experience, minutes of rework (zero for most, steps of 5);
    and the log-odds of a rejection at quality control."""
    rng = np.random.default_rng(seed)
    product = rng.choice(len(PRODUCTS), n, p=[0.26, 0.2, 0.24, 0.1, 0.1, 0.1])
    names = np.array(PRODUCTS)[product]
    cup = np.array([CUPS.get(p, 250) for p in names])
    cup = np.where(rng.random(n) < 0.05, rng.choice([125, 150, 500], n), cup)
    line = rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])
    shift = rng.choice(["early", "late", "night"], n, p=[0.4, 0.38, 0.22])
    supplier = rng.choice(5, n, p=[0.5, 0.25, 0.12, 0.08, 0.05])
    setpoint = rng.choice([72, 75, 78], n, p=[0.1, 0.8, 0.1])
    culture = rng.choice(3, n, p=[0.65, 0.28, 0.07])
    cleaned = rng.choice(3, n, p=[0.6, 0.3, 0.1])
    humidity = rng.choice(3, n, p=[0.15, 0.75, 0.1])
    experience = rng.choice(["new", "trained", "senior"], n, p=[0.1, 0.7, 0.2])
    rework = np.where(rng.random(n) < 0.85, 0, 5 * (1 + rng.poisson(1.5, n)))
    z = (
        0.6 * (setpoint == 72)
        + 0.5 * culture
        + 0.45 * cleaned
        + 0.4 * (humidity == 2)
        + 0.4 * (shift == "night")
        + 0.5 * (experience == "new")
        + 0.3 * (supplier == 4)
        + 0.02 * rework
        + 0.35 * (product == 2)
        + rng.normal(0, 0.25, 4)[line]
    )
    frame = pd.DataFrame(
        {
            "line": text([f"L{k + 1}" for k in line]),
            "shift": text(shift),
            "product": text(names),
            "milk_supplier": text([f"S{s + 1}" for s in supplier]),
            "pasteurisation_c": setpoint,
            "culture_age": text(np.array(["fresh", "1-7 days", "8-14 days"])[culture]),
            "cup_g": cup,
            "since_cleaning": text(np.array(["0-8 h", "8-24 h", "over 24 h"])[cleaned]),
            "humidity": text(np.array(["low", "normal", "high"])[humidity]),
            "operator_experience": text(experience),
            "rework_minutes": rework,
        }
    )
    return frame, z, rng


def batch_rejected(n: int, seed: int) -> Case:
    """Rejected at quality control (about 8%); split stratified."""
    frame, z, rng = _batches(n, seed)
    return Case("batch_rejected", frame, outcome(z, 0.08, rng), "binary", list(frame.columns))


def batch_grade(n: int, seed: int) -> Case:
    """Graded A, B or C at release (three classes, A for most)."""
    frame, z, rng = _batches(n, seed)
    y = np.digitize(z + rng.logistic(0, 0.7, n), [1.6, 2.6])
    return Case("batch_grade", frame, y, "multiclass", list(frame.columns))


NULL_FAMILIES = {
    "employee_attrition": employee_attrition,
    "absence_days": absence_days,
    "meter_tampering": meter_tampering,
    "consumption_next_quarter": consumption_next_quarter,
    "invoice_paid_late": invoice_paid_late,
    "days_to_pay": days_to_pay,
    "payment_band": payment_band,
    "admission_offer": admission_offer,
    "batch_rejected": batch_rejected,
    "batch_grade": batch_grade,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 17) % 6], so consecutive seeds take all six
NULL_SIZES = (500, 900, 1_300, 2_000, 2_800, 4_200)
NULL_MIN_SIZE = {"employee_attrition": 1_000, "meter_tampering": 1_300, "batch_rejected": 900}


# -- the extracts leaks are planted in ----------------------------------------------------------
def employees(n: int, seed: int) -> Case:
    """Employees leaving within a year of the review (about 17%), split stratified, the review
    date declared, the employee id declared an id."""
    frame, z, rules, _, rng = _employees(n, seed)
    feats = [c for c in frame.columns if c not in ("employee_id", "review_on")]
    y = _leaving(z, rules, 0.11, rng)
    return Case("employees", frame, y, "binary", feats, time="review_on", ids=["employee_id"])


def meters(n: int, seed: int) -> Case:
    """Meters with tampering found (about 7%), split stratified, the read day declared."""
    frame, found, _, _, _ = _meters(n, seed)
    feats = [c for c in frame.columns if c != "read_on"]
    return Case("meters", frame, found, "binary", feats, time="read_on")


def invoices(n: int, seed: int) -> Case:
    """Invoices paid late (about 21%), split stratified, the invoice date declared."""
    frame, z, cannot, rng = _invoices(n, seed)
    feats = [c for c in frame.columns if c != "issued_on"]
    return Case("invoices", frame, _late(z, cannot, 0.27, rng), "binary", feats, time="issued_on")


def batches(n: int, seed: int) -> Case:
    """Batches rejected at quality control (about 10%), split stratified."""
    frame, z, rng = _batches(n, seed)
    return Case("batches", frame, outcome(z, 0.1, rng), "binary", list(frame.columns))


# -- leaks in the employee extract --------------------------------------------------------------
def flight_risk(case: Case, auc: float, rng) -> Case:
    """'flight_risk_1_5': the manager's flight-risk rating entered at the mid-year check-in,
    after the resignations were handed in: the outcome plus noise as strong as this AUC, cut
    into five levels."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(case, {"flight_risk_1_5": 1 + np.digitize(value, [-0.8, 0.0, 0.8, 1.6])})


def offboarding_case(case: Case, share: float, rng) -> Case:
    """'hr_case': the open HR case at the extract's date: 'exit interview', 'final pay run' or
    'notice period' for this share of the leavers; for everyone else 'none', 'parental leave',
    'secondment', or (1%: a resignation withdrawn) 'notice period'."""
    n = case.rows
    after = rng.choice(["exit interview", "final pay run", "notice period"], n, p=[0.5, 0.3, 0.2])
    routine = rng.choice(
        ["none", "parental leave", "secondment", "notice period"], n, p=[0.9, 0.05, 0.04, 0.01]
    )
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"hr_case": text(value)})


def badge_last_used(case: Case, share: float, rng) -> Case:
    """'badge_last_used_on': for this share of the leavers their last day (5 to 364 days after
    the review); for everyone else a recent day before the extract's date (the remote-working
    later: up to four months back)."""
    n = case.rows
    review = case.frame["review_on"]
    last_day = review + pd.to_timedelta(np.clip(np.round(rng.gamma(2, 70, n)), 5, 364), unit="D")
    remote = case.frame["remote_days_per_week"].to_numpy()
    back = np.minimum(np.round(rng.exponential(3 + 12 * remote)), 120)
    recent = EXTRACT - pd.to_timedelta(back, unit="D")
    left = (case.y == 1) & _some(n, share, rng)
    when = pd.Series(np.where(left, last_day.to_numpy(), recent.to_numpy()))
    return add_columns(case, {"badge_last_used_on": when.to_numpy()})


def team_leavers(case: Case, rows_per_key: float, rng) -> Case:
    """'team_leavers': how many of the team's members left, counted over the whole extract (the
    row's own departure included), the team code kept; about this many employees per team."""
    keys = max(2, int(case.rows / rows_per_key))
    team = _codes(rng, keys, case.rows, 0.6)
    count = pd.Series(case.y).groupby(team).transform("sum").to_numpy()
    return add_columns(
        case,
        {"team": text([f"T{t:04d}" for t in team]), "team_leavers": count},
        leak=["team_leavers"],
    )


def days_to_exit(case: Case, share: float, rng) -> Case:
    """'days_after_review': days from the review to the exit for this share of the leavers
    (most within months), to the extract's date for everyone else (a year and up to three
    months: bunched at the top)."""
    n = case.rows
    to_extract = (EXTRACT - case.frame["review_on"]).dt.days.to_numpy()
    to_exit = np.clip(np.round(rng.gamma(2, 70, n)), 5, 364)
    value = np.where((case.y == 1) & _some(n, share, rng), to_exit, to_extract)
    return add_columns(case, {"days_after_review": value.astype(int)})


# -- leaks in the meter extract -----------------------------------------------------------------
def kwh_zeroed(case: Case, share: float, rng) -> Case:
    """'kwh_last_month' read after the inspection: 0 for this share of the meters found
    tampered (the supply cut off), as it honestly is for vacant premises."""
    now = case.frame["kwh_last_month"].to_numpy()
    frame = case.frame.copy()
    frame["kwh_last_month"] = np.where((case.y == 1) & _some(case.rows, share, rng), 0, now)
    return replace(case, frame=frame, leak=["kwh_last_month"])


def rebilled(case: Case, share: float, rng) -> Case:
    """'billed_kwh_12m' beside the metered 'kwh_12m': 1.5 to 3 times the metered figure for
    this share of the meters found tampered (the stolen energy billed back), within 10% of it
    elsewhere (estimates and corrections). Neither column alone is out of the ordinary."""
    n = case.rows
    metered = case.frame["kwh_12m"].to_numpy()
    factor = np.where((case.y == 1) & _some(n, share, rng), rng.uniform(1.5, 3, n), 1.0)
    factor = factor * rng.uniform(0.9, 1.1, n)
    return add_columns(case, {"billed_kwh_12m": np.round(metered * factor).astype(int)})


def app_reading_blank(case: Case, share: float, rng) -> Case:
    """'last_app_reading_kwh': the customer's last self-reading in the app, blank for those
    without the app (about 55%) and for this share of the meters found tampered (the account
    moved to inspector readings); near last month's kWh elsewhere."""
    n = case.rows
    kwh = case.frame["kwh_last_month"].to_numpy()
    has_app = (case.frame["app_user"] == "yes").to_numpy()
    moved = (case.y == 1) & _some(n, share, rng)
    value = np.where(has_app & ~moved, np.round(kwh * rng.uniform(0.9, 1.1, n)), np.nan)
    return add_columns(case, {"last_app_reading_kwh": value})


# -- leaks in the invoice extract ---------------------------------------------------------------
def dunning_level(case: Case, share: float, rng) -> Case:
    """'dunning_level' at the extract's date (0 to 3): 1, 2 or 3 for this share of the late
    invoices (the reminders sent after the due date); 0 elsewhere, 1 for 3% of those paid on
    time (a reminder that crossed the payment)."""
    n = case.rows
    reminded = rng.choice([1, 2, 3], n, p=[0.45, 0.35, 0.2])
    crossed = ((case.y == 0) & _some(n, 0.03, rng)).astype(int)
    value = np.where((case.y == 1) & _some(n, share, rng), reminded, crossed)
    return add_columns(case, {"dunning_level": value})


def ship_to_late_pct(case: Case, rows_per_key: float, rng) -> Case:
    """'ship_to_late_pct': each delivery address's share of invoices paid late over the whole
    extract, in whole percent (the row's own invoice included), the address code kept; about
    this many invoices per address."""
    keys = max(2, int(case.rows / rows_per_key))
    site = _codes(rng, keys, case.rows, 0.9)
    pct = np.round(100 * pd.Series(case.y.astype(float)).groupby(site).transform("mean"))
    return add_columns(
        case,
        {"ship_to": text([f"A{s:05d}" for s in site]), "ship_to_late_pct": pct.astype(int)},
        leak=["ship_to_late_pct"],
    )


def south_desk(case: Case, share: float, rng) -> Case:
    """'credit_note': in the south region (nearly a third of the invoices), for this share of
    its invoices, the note its credit desk wrote once the invoice was settled ('reminded',
    'payment plan' or 'legal' for the late ones, 'paid' or 'no action' for the others);
    elsewhere the credit controller's routine note at issue, any of the five, unrelated to the
    outcome."""
    n = case.rows
    south = (case.frame["region"] == "south").to_numpy()
    late = rng.choice(["reminded", "payment plan", "legal"], n, p=[0.6, 0.3, 0.1])
    fine = rng.choice(["paid", "no action"], n, p=[0.7, 0.3])
    routine = rng.choice(
        ["no action", "paid", "reminded", "payment plan", "legal"],
        n,
        p=[0.55, 0.25, 0.12, 0.05, 0.03],
    )
    value = np.where(south & _some(n, share, rng), np.where(case.y == 1, late, fine), routine)
    return add_columns(case, {"credit_note": text(value)})


def terms_rewritten(case: Case, share: float, rng) -> Case:
    """'payment_terms_days' read from the customer's record after the outcome: 0 (prepayment)
    for this share of the late invoices (the customer moved to prepayment), as it honestly is
    for new customers with a poor grade, who are never late."""
    terms = case.frame["payment_terms_days"].to_numpy()
    frame = case.frame.copy()
    frame["payment_terms_days"] = np.where((case.y == 1) & _some(case.rows, share, rng), 0, terms)
    return replace(case, frame=frame, leak=["payment_terms_days"])


def second_export(case: Case, share: float, rng) -> Case:
    """This share of the invoices exported a second time (exact copies, amounts with cents
    included) and appended after the first export, unshuffled."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    rows = np.concatenate([np.arange(case.rows), twice])
    return replace(
        case, frame=case.frame.iloc[rows].reset_index(drop=True), y=case.y[rows], leak=[]
    )


# -- leaks in the batch extract -----------------------------------------------------------------
def audit_defects(case: Case, mean: float, rng) -> Case:
    """'audit_defects': defects counted by the release audit, done once the batch's rejection
    was known: on average this many for the rejected batches, 0.5 for the others (a count)."""
    value = rng.poisson(np.where(case.y == 1, mean, 0.5))
    return add_columns(case, {"audit_defects": value})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "flight_risk": (flight_risk, (0.95, 0.82, 0.7), employees),
    "offboarding_case": (offboarding_case, (0.6, 0.3, 0.15), employees),
    "badge_last_used": (badge_last_used, (1.0, 0.5, 0.25), employees),
    "team_leavers": (team_leavers, (3.0, 8.0, 20.0), employees),
    "days_to_exit": (days_to_exit, (1.0, 0.5, 0.25), employees),
    "kwh_zeroed": (kwh_zeroed, (1.0, 0.5, 0.25), meters),
    "rebilled": (rebilled, (1.0, 0.6, 0.35), meters),
    "app_reading_blank": (app_reading_blank, (1.0, 0.7, 0.45), meters),
    "dunning_level": (dunning_level, (0.6, 0.35, 0.25), invoices),
    "ship_to_late_pct": (ship_to_late_pct, (3.0, 6.0, 12.0), invoices),
    "south_desk": (south_desk, (1.0, 0.65, 0.45), invoices),
    "terms_rewritten": (terms_rewritten, (1.0, 0.5, 0.25), invoices),
    "second_export": (second_export, (0.4, 0.22, 0.12), invoices),
    "audit_defects": (audit_defects, (3.0, 1.3, 0.8), batches),
}
PLANTED_WHAT = {
    "flight_risk": "a manager's 1-5 flight-risk rating entered after the resignations, as strong "
    "as this AUC",
    "offboarding_case": "the open HR case at the extract's date ('exit interview', 'final pay "
    "run', 'notice period') for this share of the leavers",
    "badge_last_used": "the badge's last use on the leaver's last day for this share of the "
    "leavers, a recent day for everyone else",
    "team_leavers": "how many of the team left, counted over the whole extract (own departure "
    "included), the team code kept; about this many employees per team",
    "days_to_exit": "days from the review to the exit for this share of the leavers, to the "
    "extract's date for everyone else",
    "kwh_zeroed": "last month's kWh read as 0 after the supply was cut, for this share of the "
    "meters found tampered (vacant premises honestly read 0)",
    "rebilled": "the billed kWh beside the metered kWh, 1.5 to 3 times it for this share of the "
    "meters found tampered",
    "app_reading_blank": "the last app self-reading blanked for this share of the meters found "
    "tampered (blank honestly for those without the app)",
    "dunning_level": "the dunning level 1-3 for this share of the late invoices (1 for 3% of the "
    "others)",
    "ship_to_late_pct": "each delivery address's late share over the whole extract in whole "
    "percent, the address kept; about this many invoices per address",
    "south_desk": "a credit desk's note written once the invoice was settled, in one region, for "
    "this share of its invoices (a routine note elsewhere)",
    "terms_rewritten": "payment terms rewritten to prepayment (0) after the late payment, for "
    "this share of the late invoices (new customers honestly prepay)",
    "second_export": "this share of the invoices exported a second time and appended, before "
    "the split",
    "audit_defects": "defects counted by the release audit once the rejection was known; on "
    "average this many for the rejected batches, 0.5 for the others",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "flight_risk": {"outcome_copy", "single_feature", "pure_subsets"},
    "offboarding_case": {"pure_subsets", "label_proxies", "outcome_copy"},
    "badge_last_used": {"time_order"},
    "team_leavers": {"target_encoding"},
    "days_to_exit": {"follow_up_duration", "pure_subsets"},
    "kwh_zeroed": {"changed_figures", "outcome_copy", "pure_subsets", "missingness_signal"},
    "rebilled": {"column_pairs", "changed_figures", "pure_subsets", "single_feature"},
    "app_reading_blank": {"missingness_signal"},
    "dunning_level": {"pure_subsets", "label_proxies", "outcome_copy", "single_feature"},
    "ship_to_late_pct": {"target_encoding"},
    "south_desk": {"segment_leaks"},
    "terms_rewritten": {"changed_figures", "pure_subsets", "single_feature", "outcome_copy"},
    "second_export": {"shared_rows"},
    "audit_defects": {"outcome_copy", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"second_export"}
ROW_LEAK_CHECKS = {"second_export": {"shared_rows", "near_duplicates"}}
PLANTED_SIZES = (1_400, 2_800, 5_600)
