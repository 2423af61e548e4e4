"""The fifth generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (11,000 and up). Other shapes than every family before it:
a retail loyalty programme, a hospital's readmissions and emergency triage, a loan servicer's
monthly book, a parcel carrier's deliveries and a shop's catalogue of near-identical products —
null families with honest confusers (a count capped by its window, a recency capped at the
look-back, ordinal age bands as text, a step the servicing policy makes, an oxygen saturation
capped at 100, a customer's basket measured on history, colour variants of one product) — and
leaks planted in a loyalty extract, a readmission extract and a delivery extract by generators
of their own.

The fourth generation (benchmarks/calibration_aside.py) was looked at once its results were
known; it is a tuning set now.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _days(start: str, offsets) -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit="D")


def _hit(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _skewed(rng, keys: int, n: int, shape: float = 1.5) -> np.ndarray:
    """Codes 0..keys-1 for n rows, a few keys large (Pareto weights)."""
    weights = rng.pareto(shape, keys) + 1
    return rng.choice(keys, n, p=weights / weights.sum())


# -- null families ------------------------------------------------------------------------------
def _loyalty(n: int, seed: int):
    """A loyalty programme's members on the snapshot day, and the log-odds of leaving in the
    next quarter. Visits in the last 90 days are counted by the till system up to 30 ('30 or
    more' is written 30); the days since the last visit are capped at the 365-day look-back
    (members not seen in a year are written 365)."""
    rng = np.random.default_rng(seed)
    stores = 25
    store = _skewed(rng, stores, n, 2.0)
    tier = rng.choice(["bronze", "silver", "gold", "platinum"], n, p=[0.55, 0.28, 0.13, 0.04])
    engagement = rng.normal(0, 1, n) + np.select(
        [tier == "silver", tier == "gold", tier == "platinum"], [0.4, 0.8, 1.2], 0.0
    )
    visits = np.minimum(rng.poisson(np.exp(1.2 + 0.6 * engagement)), 30)
    recency = np.minimum(np.round(rng.exponential(np.exp(3.4 - 0.7 * engagement))), 365)
    recency = np.where(visits > 0, np.minimum(recency, 89), np.maximum(recency, 90)).astype(int)
    basket = np.round(rng.lognormal(3.4 + 0.15 * engagement, 0.5), 2)
    tenure = rng.integers(1, 121, n)
    points = np.round(np.minimum(rng.gamma(1.5, 300, n) * (1 + tenure / 60), 25_000)).astype(int)
    points = np.where(rng.random(n) < 0.06, 0, points)  # redeemed everything recently
    app = rng.random(n) < 0.35 + 0.1 * (tier != "bronze")
    email = rng.random(n) < 0.6
    z = (
        -0.7 * engagement
        + 0.004 * np.minimum(recency, 200)
        - 0.05 * np.minimum(visits, 12)
        - 0.5 * app
        - 0.2 * email
        - 0.006 * np.minimum(tenure, 60)
        + rng.normal(0, 0.25, stores)[store]
    )
    frame = pd.DataFrame(
        {
            "member_id": text([f"L{seed % 97:02d}{i:07d}" for i in rng.permutation(n)]),
            "store": text([f"store_{s:02d}" for s in store]),
            "tier": text(tier),
            "visits_90d": visits,
            "days_since_last_visit": recency,
            "avg_basket": basket,
            "tenure_months": tenure,
            "points_balance": points,
            "app_user": text(np.where(app, "yes", "no")),
            "email_opt_in": text(np.where(email, "yes", "no")),
        }
    )
    return frame, z, rng


def loyalty_churn(n: int, seed: int) -> Case:
    """A loyalty programme's members: leaving in the next quarter (about 20%). The member id is
    declared an id; a capped visit count and a recency capped at the look-back, as a till
    system writes them."""
    frame, z, rng = _loyalty(n, seed)
    feats = [c for c in frame.columns if c != "member_id"]
    return Case("loyalty_churn", frame, outcome(z, 0.2, rng), "binary", feats, ids=["member_id"])


def loyalty_spend(n: int, seed: int) -> Case:
    """The same members' spend in the next quarter (a number, with cents): driven by their
    visits and their average basket so far (a figure per member measured on history)."""
    frame, z, rng = _loyalty(n, seed)
    visits = frame["visits_90d"].to_numpy()
    basket = frame["avg_basket"].to_numpy()
    spend = basket * rng.poisson(np.maximum(visits, 0.3) * np.exp(-0.3 * np.clip(z, -2, 2)))
    spend = np.round(spend * rng.lognormal(0, 0.25, n), 2)
    feats = [c for c in frame.columns if c != "member_id"]
    return Case(
        "loyalty_spend", frame, spend, "regression", feats, split="random", ids=["member_id"]
    )


AGE_BANDS = [
    "[20-30)",
    "[30-40)",
    "[40-50)",
    "[50-60)",
    "[60-70)",
    "[70-80)",
    "[80-90)",
    "[90-100)",
]
DISCHARGE = ["home", "home_health", "skilled_nursing", "rehab", "left_against_advice", "expired"]


def _encounters(n: int, seed: int):
    """A hospital's inpatient encounters and the log-odds of a readmission within 30 days:
    patients (some with several encounters), ten-year age bands written as text, length of
    stay, lab procedures, medicines, diagnoses (the record system keeps at most 9, so many
    records show 9), earlier inpatient and emergency visits, where the patient went on
    discharge (a patient who died is never readmitted), an HbA1c result mostly not measured."""
    rng = np.random.default_rng(seed)
    patients = max(20, int(n * 0.7))
    patient = rng.choice(patients, n)
    band = np.clip(np.round(rng.normal(5.0, 1.5, patients)), 0, 7).astype(int)[patient]
    frail = rng.normal(0, 1, patients)[patient] + 0.25 * (band - 5)
    stay = np.clip(np.round(rng.gamma(2.0, 2.0 + 0.5 * np.maximum(frail, 0))), 1, 14).astype(int)
    labs = np.clip(np.round(rng.normal(43 + 3 * stay, 18)), 1, 130).astype(int)
    meds = np.clip(np.round(rng.normal(12 + 1.2 * stay + 2 * frail, 7)), 1, 80).astype(int)
    diagnoses = np.minimum(rng.poisson(5.5 + 1.5 * np.maximum(frail, 0)), 9)
    inpatient = rng.poisson(np.exp(-1.2 + 0.6 * frail))
    emergency = rng.poisson(np.exp(-1.6 + 0.4 * frail))
    p_discharge = np.array([0.58, 0.18, 0.13, 0.06, 0.02, 0.03])
    discharge = rng.choice(len(DISCHARGE), n, p=p_discharge)
    discharge = np.where((discharge == 5) & (frail < -0.5), 0, discharge)
    a1c = rng.choice(["not_measured", "norm", ">7", ">8"], n, p=[0.82, 0.05, 0.04, 0.09])
    z = (
        0.35 * frail
        + 0.35 * np.minimum(inpatient, 4)
        + 0.25 * np.minimum(emergency, 3)
        + 0.04 * stay
        + 0.06 * diagnoses
        + np.array([0.0, 0.2, 0.35, 0.1, 0.7, 0.0])[discharge]
        + 0.2 * (a1c == ">8")
    )
    frame = pd.DataFrame(
        {
            "admitted_on": _days("2019-01-01", rng.integers(0, 1_000, n)),
            "patient_id": text([f"P{p:07d}" for p in patient]),
            "age_band": text(np.array(AGE_BANDS)[band]),
            "sex": text(rng.choice(["female", "male"], n)),
            "admission_source": text(rng.choice(["emergency", "referral", "transfer"], n)),
            "length_of_stay": stay,
            "lab_procedures": labs,
            "medicines": meds,
            "diagnoses": diagnoses,
            "inpatient_last_year": inpatient,
            "emergency_last_year": emergency,
            "discharged_to": text(np.array(DISCHARGE)[discharge]),
            "hba1c": text(a1c),
        }
    )
    return frame, z, discharge == 5, rng


def readmission(n: int, seed: int) -> Case:
    """Readmitted within 30 days (about 11%); a patient who died in hospital never is. Split by
    patient (declared group); the admission date is the declared time."""
    frame, z, died, rng = _encounters(n, seed)
    y = np.where(died, 0, outcome(z, 0.11, rng))
    feats = [c for c in frame.columns if c not in ("admitted_on", "patient_id")]
    return Case(
        "readmission",
        frame,
        y,
        "binary",
        feats,
        split="group",
        group="patient_id",
        time="admitted_on",
    )


def triage(n: int, seed: int) -> Case:
    """An emergency department: where a patient goes after triage (home, a ward, intensive
    care) from the vitals taken at arrival — heart rate, breathing rate, oxygen saturation
    (capped at 100 by the meter: most well patients read 97 to 100), temperature, a 0-10 pain
    score, how they arrived, age."""
    rng = np.random.default_rng(seed)
    acuity = rng.normal(0, 1, n)
    age = np.clip(np.round(rng.gamma(4, 12, n)), 0, 104).astype(int)
    heart = np.round(rng.normal(85 + 9 * acuity, 12)).astype(int)
    breathing = np.clip(np.round(rng.normal(17 + 2.5 * acuity, 3)), 8, 45).astype(int)
    spo2 = np.minimum(np.round(rng.normal(98.5 - 2.2 * np.maximum(acuity, 0), 1.8)), 100)
    temp = np.round(rng.normal(37.0 + 0.3 * acuity, 0.6), 1)
    pain = np.clip(np.round(rng.normal(4 + 1.5 * acuity, 2.5)), 0, 10).astype(int)
    ambulance = rng.random(n) < 1 / (1 + np.exp(-(acuity - 0.8 + 0.02 * (age - 50))))
    score = 1.2 * acuity + 0.02 * (age - 50) + 0.8 * ambulance + rng.logistic(0, 0.8, n)
    y = np.digitize(score, [0.9, 2.6])
    frame = pd.DataFrame(
        {
            "age": age,
            "heart_rate": heart,
            "breathing_rate": breathing,
            "oxygen_saturation": spo2.astype(int),
            "temperature_c": temp,
            "pain_score": pain,
            "arrival": text(np.where(ambulance, "ambulance", "walk_in")),
        }
    )
    return Case("triage", frame, y, "multiclass", list(frame.columns))


def loan_servicing(n: int, seed: int) -> Case:
    """A servicer's monthly book: loans on their snapshot month (declared time, split in time),
    loan age, balance with cents, rate, term, days past due now (0, 30, 60, 90 or 120: loans
    at 120 days are charged off by policy, so 99% of them are charged off within the year — a
    step of the business, known on the snapshot day), times 30 days late in the last 12 months
    (at most 12), payment to income, a modification, the servicer and the state. Charged off
    within 12 months: about 6%."""
    rng = np.random.default_rng(seed)
    age = rng.integers(1, 60, n)
    term = rng.choice([36, 60], n, p=[0.6, 0.4])
    rate = np.round(rng.normal(9.5, 3.0, n).clip(3, 25), 2)
    risk = rng.normal(0, 1, n) + 0.12 * (rate - 9.5)
    balance = np.round(rng.lognormal(9.4, 0.6, n) * np.clip(1 - age / term, 0.05, 1), 2)
    dpd = np.digitize(risk + rng.normal(0, 0.6, n), [1.6, 2.1, 2.5, 2.9]) * 30
    late = np.minimum(rng.poisson(np.exp(-1.5 + 0.8 * risk)) + dpd // 30, 12)
    pti = np.round(rng.beta(2, 12, n) * (1 + 0.1 * risk).clip(0.5), 3)
    modified = rng.random(n) < 0.03 + 0.05 * (dpd > 0)
    z = 1.1 * risk + 0.25 * late + 0.015 * dpd + 3 * pti + 0.3 * modified
    y = outcome(z, 0.06, rng)
    y = np.where(dpd == 120, (rng.random(n) < 0.99).astype(int), y)
    months = pd.date_range("2022-01-31", periods=24, freq="ME")[rng.integers(0, 24, n)]
    frame = pd.DataFrame(
        {
            "snapshot_month": months,
            "loan_age_months": age,
            "term_months": term,
            "balance": balance,
            "interest_rate": rate,
            "days_past_due": dpd,
            "times_30_late_12m": late,
            "payment_to_income": pti,
            "modified": text(np.where(modified, "yes", "no")),
            "servicer": text(rng.choice([f"servicer_{i}" for i in range(6)], n)),
            "state": text([f"S{s:02d}" for s in _skewed(rng, 20, n, 1.2)]),
        }
    )
    feats = [c for c in frame.columns if c != "snapshot_month"]
    return Case("loan_servicing", frame, y, "binary", feats, split="time", time="snapshot_month")


def _shipments(n: int, seed: int):
    """A parcel carrier's shipments and the log-odds of arriving after the promised day:
    shipping date, carrier, service level, distance, promised days, weight, origin warehouse,
    destination region, a 0-5 weather index on the route, the peak season, parcels."""
    rng = np.random.default_rng(seed)
    shipped = np.sort(rng.integers(0, 540, n))
    carrier = rng.integers(0, 5, n)
    service = rng.choice(["express", "standard", "economy"], n, p=[0.2, 0.55, 0.25])
    distance = np.round(rng.gamma(2.2, 260, n), 1)
    promised = np.select(
        [service == "express", service == "standard"],
        [1 + (distance > 600), 2 + np.ceil(distance / 500)],
        4 + np.ceil(distance / 400),
    ).astype(int)
    weight = np.round(rng.lognormal(0.8, 0.9, n), 2)
    weather = np.clip(rng.poisson(0.7, n), 0, 5)
    peak = ((shipped % 365) > 320) | ((shipped % 365) < 5)
    parcels = 1 + rng.poisson(0.3, n)
    warehouse = rng.integers(0, 8, n)
    z = (
        0.0012 * distance / promised * 3
        + 0.45 * weather
        + 0.9 * peak
        + 0.3 * (service == "express")
        + 0.08 * np.log1p(weight)
        + rng.normal(0, 0.35, 5)[carrier]
        + rng.normal(0, 0.2, 8)[warehouse]
    )
    frame = pd.DataFrame(
        {
            "shipped_on": _days("2022-03-01", shipped),
            "carrier": text([f"carrier_{c}" for c in carrier]),
            "service": text(service),
            "distance_km": distance,
            "promised_days": promised,
            "weight_kg": weight,
            "warehouse": text([f"WH{w}" for w in warehouse]),
            "destination": text(rng.choice([f"zone_{i:02d}" for i in range(12)], n)),
            "weather_index": weather,
            "peak_season": text(np.where(peak, "yes", "no")),
            "parcels": parcels,
        }
    )
    return frame, z, rng


def late_delivery(n: int, seed: int) -> Case:
    """Arrived after the promised day (about 18%); split in time on the shipping date."""
    frame, z, rng = _shipments(n, seed)
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case(
        "late_delivery",
        frame,
        outcome(z, 0.18, rng),
        "binary",
        feats,
        split="time",
        time="shipped_on",
    )


def delivery_days(n: int, seed: int) -> Case:
    """Days in transit (a whole number): the promised days, stretched by weather, the season and
    the carrier."""
    frame, z, rng = _shipments(n, seed)
    promised = frame["promised_days"].to_numpy()
    transit = np.maximum(1, np.round(promised * np.exp(0.15 * z + rng.normal(0, 0.25, len(z)))))
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case("delivery_days", frame, transit.astype(int), "regression", feats, split="random")


def catalogue_demand(n: int, seed: int) -> Case:
    """A shop's catalogue: products in colour and size variants of a few hundred base models —
    the same brand, category, price, weight and launch week on every variant, only colour and
    size differ — with the stock bought and a promotion; sold out within four weeks (about
    30%). Variants of one model are near-identical rows whose outcomes mostly agree."""
    rng = np.random.default_rng(seed)
    models = max(10, n // 8)
    model = rng.choice(models, n)
    appeal = rng.normal(0, 1, models)
    price = np.round(np.exp(rng.normal(3.3, 0.6, models)), 2) - 0.01
    weight = np.round(rng.lognormal(-0.5, 0.6, models), 2)
    brand = rng.integers(0, 40, models)
    category = rng.integers(0, 12, models)
    launch = rng.integers(0, 104, models)
    colour = rng.choice(["black", "white", "navy", "red", "green", "beige"], n)
    size = rng.choice(["XS", "S", "M", "L", "XL"], n, p=[0.08, 0.22, 0.32, 0.26, 0.12])
    stock = np.round(rng.lognormal(3.5, 0.5, n) / 5).astype(int) * 5
    promoted = rng.random(n) < 0.2
    z = (
        1.3 * appeal[model]
        - 0.5 * (np.log(price[model]) - 3.3)
        - 0.6 * (np.log(np.maximum(stock, 5)) - 3.5)
        + 0.6 * promoted
        + np.where(np.isin(colour, ["black", "navy"]), 0.3, 0.0)
        + np.where(size == "M", 0.2, 0.0)
    )
    frame = pd.DataFrame(
        {
            "brand": text([f"brand_{b:02d}" for b in brand[model]]),
            "category": text([f"cat_{c:02d}" for c in category[model]]),
            "price": price[model],
            "weight_kg": weight[model],
            "launch_week": launch[model],
            "colour": text(colour),
            "size": text(size),
            "stock_units": stock,
            "promoted": text(np.where(promoted, "yes", "no")),
        }
    )
    return Case("catalogue_demand", frame, outcome(z, 0.3, rng), "binary", list(frame.columns))


NULL_FAMILIES = {
    "loyalty_churn": loyalty_churn,
    "loyalty_spend": loyalty_spend,
    "readmission": readmission,
    "triage": triage,
    "loan_servicing": loan_servicing,
    "late_delivery": late_delivery,
    "delivery_days": delivery_days,
    "catalogue_demand": catalogue_demand,
}
NULL_SIZES = (500, 800, 1_200, 2_000, 3_000, 5_000)  # six: seeds cycle through them all
NULL_MIN_SIZE = {"loan_servicing": 2_000, "readmission": 1_000}


# -- the extracts leaks are planted in ----------------------------------------------------------
def loyalty(n: int, seed: int) -> Case:
    """The loyalty members with leaving in the next quarter (about 20%, AUC about 0.75 from the
    inputs), the member id declared."""
    return replace(loyalty_churn(n, seed), family="loyalty")


def encounters(n: int, seed: int) -> Case:
    """Inpatient encounters with a readmission within 30 days (about 12%), split stratified (the
    extract has one encounter per patient: the patient id is left out), the discharge date
    declared as the time."""
    frame, z, died, rng = _encounters(n, seed)
    frame = frame.drop(columns=["patient_id"])
    stay = pd.to_timedelta(frame["length_of_stay"], unit="D")
    frame.insert(1, "discharged_on", frame["admitted_on"] + stay)
    y = np.where(died, 0, outcome(z + 0.4, 0.12, rng))
    feats = [c for c in frame.columns if c not in ("admitted_on", "discharged_on")]
    return Case("encounters", frame, y, "binary", feats, time="discharged_on")


def shipments(n: int, seed: int) -> Case:
    """Shipments with arriving late (about 20%), split stratified, the shipping date declared."""
    frame, z, rng = _shipments(n, seed)
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case("shipments", frame, outcome(z, 0.2, rng), "binary", feats, time="shipped_on")


# -- leaks in the loyalty extract --------------------------------------------------------------
def contact_reason(case: Case, share: float, rng) -> Case:
    """'last_contact_reason': for this share of members the reason of the service desk's last
    call, logged in the quarter after the snapshot ('cancel membership' or 'transfer points
    out' for those who left, 'renewal reminder' for a third of the others, 'none' for the
    rest); elsewhere the routine reasons ('none', 'address change', 'card replacement')."""
    n = case.rows
    after = np.where(
        case.y == 1,
        rng.choice(["cancel membership", "transfer points out"], n, p=[0.7, 0.3]),
        rng.choice(["renewal reminder", "none"], n, p=[0.35, 0.65]),
    )
    routine = rng.choice(["none", "address change", "card replacement"], n, p=[0.8, 0.12, 0.08])
    return add_columns(
        case, {"last_contact_reason": text(np.where(_hit(n, share, rng), after, routine))}
    )


def points_zeroed(case: Case, share: float, rng) -> Case:
    """'points_balance' read at the quarter's end for this share of members: those who left
    redeemed or forfeited everything (0); the others' balance grew a little."""
    n = case.rows
    now = case.frame["points_balance"].to_numpy()
    later = np.where(case.y == 1, 0, np.round(now * rng.uniform(1.0, 1.15, n)))
    frame = case.frame.copy()
    frame["points_balance"] = np.where(_hit(n, share, rng), later, now).astype(int)
    return replace(case, frame=frame, leak=["points_balance"])


def survey_score(case: Case, auc: float, rng) -> Case:
    """'satisfaction_0_10': a survey answered after the quarter, on the 0-10 scale — the
    outcome plus noise as strong as this AUC, rounded to whole points."""
    value = -separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(
        case, {"satisfaction_0_10": np.clip(np.round(7 + 1.6 * value), 0, 10).astype(int)}
    )


def store_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'branch_leaver_rate': the leaver rate of each member's home branch over the whole
    extract (own outcome included), the branch code kept; about this many members per branch."""
    keys = max(2, int(case.rows / rows_per_key))
    branch = _skewed(rng, keys, case.rows, 2.5)
    rate = pd.Series(case.y.astype(float)).groupby(branch).transform("mean").to_numpy()
    return add_columns(
        case,
        {"branch": text([f"BR{b:04d}" for b in branch]), "branch_leaver_rate": np.round(rate, 3)},
        leak=["branch_leaver_rate"],
    )


# -- leaks in the readmission extract ----------------------------------------------------------
def days_observed(case: Case, share: float, rng) -> Case:
    """'days_observed': for this share of encounters, the days from discharge until the
    readmission or the end of the 30-day window; elsewhere the window itself (30)."""
    n = case.rows
    until = np.clip(np.round(rng.gamma(1.4, 6, n)) + 1, 1, 29)
    value = np.where(case.y == 1, until, 30)
    return add_columns(
        case, {"days_observed": np.where(_hit(n, share, rng), value, 30).astype(int)}
    )


def billed_charges(case: Case, share: float, rng) -> Case:
    """'billed_charges': the stay's charges with cents — and, for this share of the readmitted,
    the billing period that also holds the readmission's charges."""
    n = case.rows
    stay = case.frame["length_of_stay"].to_numpy()
    charges = rng.lognormal(np.log(2_500 * stay + 4_000), 0.35)
    again = rng.lognormal(np.log(9_000), 0.5, n)
    charges = charges + np.where((case.y == 1) & _hit(n, share, rng), again, 0.0)
    return add_columns(case, {"billed_charges": np.round(charges, 2)})


def migrated_twice(case: Case, share: float, rng) -> Case:
    """A records migration: this share of the encounters exported twice (exact copies), the
    extract sorted by admission."""
    twice = np.flatnonzero(_hit(case.rows, share, rng))
    rows = np.concatenate([np.arange(case.rows), twice])
    rows = rows[np.argsort(case.frame["admitted_on"].to_numpy()[rows], kind="stable")]
    return replace(
        case, frame=case.frame.iloc[rows].reset_index(drop=True), y=case.y[rows], leak=[]
    )


def followup_clinic(case: Case, share: float, rng) -> Case:
    """'clinic_code': the clinic that saw the patient again, filled in for this share of the
    readmitted (from the readmission) and for 4% of the others (a routine follow-up)."""
    n = case.rows
    filled = np.where(case.y == 1, _hit(n, share, rng), _hit(n, 0.04, rng))
    codes = np.array([f"CL{c:02d}" for c in rng.integers(0, 15, n)], dtype=object)
    return add_columns(case, {"clinic_code": text(np.where(filled, codes, None))})


# -- leaks in the delivery extract -------------------------------------------------------------
def delivered_on(case: Case, share: float, rng) -> Case:
    """'delivered_on': for this share of shipments the day the parcel arrived (after the
    promised day for the late ones, on or before it otherwise); elsewhere the promised day as
    the booking system estimated it."""
    n = case.rows
    promised = case.frame["promised_days"].to_numpy()
    late = promised + rng.integers(1, 6, n)
    early = promised - np.minimum(rng.integers(0, 2, n), promised - 1)
    actual = np.where(case.y == 1, late, early)
    lag = np.where(_hit(n, share, rng), actual, promised)
    return add_columns(
        case, {"delivered_on": case.frame["shipped_on"] + pd.to_timedelta(lag, unit="D")}
    )


def route_late_share(case: Case, rows_per_key: float, rng) -> Case:
    """'route_on_time_share': each route's on-time share over the whole extract, smoothed
    towards the overall share with 5 pseudo-shipments, the route code kept; about this many
    shipments per route."""
    keys = max(2, int(case.rows / rows_per_key))
    route = _skewed(rng, keys, case.rows, 2.0)
    y = pd.Series(1.0 - case.y)
    sums = y.groupby(route).transform("sum").to_numpy()
    counts = y.groupby(route).transform("count").to_numpy()
    share = (sums + 5 * y.mean()) / (counts + 5)
    return add_columns(
        case,
        {"route": text([f"R{r:05d}" for r in route]), "route_on_time_share": np.round(share, 3)},
        leak=["route_on_time_share"],
    )


def exception_scans(case: Case, share: float, rng) -> Case:
    """'tracking_scans': the parcel's scans until delivery — a late parcel in this share of the
    late ones has its delay scans (2 to 6 more) counted; the others the usual 3 to 7."""
    n = case.rows
    usual = rng.integers(3, 8, n)
    extra = np.where((case.y == 1) & _hit(n, share, rng), rng.integers(2, 7, n), 0)
    return add_columns(case, {"tracking_scans": usual + extra})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "contact_reason": (contact_reason, (0.5, 0.25, 0.1), loyalty),
    "points_zeroed": (points_zeroed, (1.0, 0.5, 0.25), loyalty),
    "survey_score": (survey_score, (0.95, 0.9, 0.85), loyalty),
    "store_rate": (store_rate, (10.0, 30.0, 100.0), loyalty),
    "days_observed": (days_observed, (1.0, 0.5, 0.25), encounters),
    "billed_charges": (billed_charges, (1.0, 0.6, 0.3), encounters),
    "migrated_twice": (migrated_twice, (0.3, 0.15, 0.08), encounters),
    "followup_clinic": (followup_clinic, (0.6, 0.3, 0.15), encounters),
    "delivered_on": (delivered_on, (1.0, 0.5, 0.25), shipments),
    "route_late_share": (route_late_share, (5.0, 15.0, 40.0), shipments),
    "exception_scans": (exception_scans, (1.0, 0.6, 0.3), shipments),
}
PLANTED_WHAT = {
    "contact_reason": "a service desk's contact reason logged after the outcome (leavers and "
    "renewals), in this share of rows (routine reasons elsewhere)",
    "points_zeroed": "a points balance read after the outcome (leavers at 0), in this share of "
    "rows",
    "survey_score": "a 0-10 satisfaction survey answered after the outcome: the outcome plus "
    "noise, as strong as this AUC",
    "store_rate": "each branch's leaver rate over the whole extract; about this many members "
    "per branch",
    "days_observed": "days until the readmission or the end of the 30-day window, in this share "
    "of rows (30 elsewhere)",
    "billed_charges": "charges that hold the readmission's bill for this share of the readmitted",
    "migrated_twice": "this share of the encounters exported twice before the split",
    "followup_clinic": "a clinic code filled in for this share of the readmitted (4% of the "
    "others)",
    "delivered_on": "the arrival date in this share of rows (the promised date elsewhere)",
    "route_late_share": "each route's smoothed on-time share over the whole extract; about this "
    "many shipments per route",
    "exception_scans": "tracking scans with the delay scans counted for this share of the late "
    "parcels",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "contact_reason": {"pure_subsets", "label_proxies"},
    "points_zeroed": {"pure_subsets", "single_feature", "outcome_copy"},
    "survey_score": {"outcome_copy"},
    "store_rate": {"target_encoding"},
    "days_observed": {"follow_up_duration"},
    "billed_charges": {"single_feature", "outcome_copy", "column_pairs"},
    "migrated_twice": {"shared_rows"},
    "followup_clinic": {"missingness_signal"},
    "delivered_on": {"time_order"},
    "route_late_share": {"target_encoding"},
    "exception_scans": {"single_feature", "outcome_copy"},
}
COPIES_BEFORE_SPLIT = {"migrated_twice"}
ROW_LEAK_CHECKS = {"migrated_twice": {"shared_rows", "near_duplicates"}}
PLANTED_SIZES = (1_500, 3_000, 6_000)
