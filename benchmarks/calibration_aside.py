"""The kept-aside families of the leakage calibration: written before the thresholds were frozen
and run for the first time after, with seeds of their own (9,000 and up). Other shapes than
every family the thresholds were set on: a clinical trial, a marketplace, insurance claims, and
machines' sensor readings — null families with nothing planted, and leaks planted in a claims
extract and in a maintenance extract by generators of their own.

The earlier kept-aside families (benchmarks/calibration_kept.py) were looked at once their
results were known; they are tuning families now.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _logistic(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _days(start: str, offsets) -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit="D")


# -- null families ------------------------------------------------------------------------------
def trial_response(n: int, seed: int) -> Case:
    """A randomised trial: arm, twelve sites, age, sex, body mass, a baseline severity score
    (0 to 40), C-reactive protein, days since diagnosis, prior therapies; response at week 12.
    The treatment works mostly for patients with high CRP (an honest interaction), longer
    disease responds less, the sites differ a little. Enrolment date: the declared time."""
    rng = np.random.default_rng(seed)
    arm = rng.choice(["placebo", "active"], n)
    site = rng.integers(0, 12, n)
    age = rng.integers(18, 86, n)
    crp = np.round(rng.lognormal(1.6, 0.9, n), 1)
    severity = np.clip(np.round(rng.normal(22, 7, n)), 0, 40).astype(int)
    since = np.round(rng.gamma(1.6, 700, n)).astype(int)
    prior = rng.poisson(1.1, n)
    active = arm == "active"
    z = (
        active * (0.4 + 0.9 * (np.log(crp) - 1.6))
        - 0.05 * (severity - 22)
        - 0.25 * np.log1p(since / 365)
        - 0.3 * prior
        + rng.normal(0, 0.3, 12)[site]
    )
    frame = pd.DataFrame(
        {
            "enrolled_on": _days("2021-03-01", rng.integers(0, 700, n)),
            "arm": text(arm),
            "site": text([f"site_{s:02d}" for s in site]),
            "age": age,
            "sex": text(rng.choice(["female", "male"], n)),
            "bmi": np.round(rng.normal(27, 4.5, n), 1),
            "severity_score": severity,
            "crp_mg_l": crp,
            "days_since_diagnosis": since,
            "prior_therapies": prior,
        }
    )
    feats = [c for c in frame.columns if c != "enrolled_on"]
    return Case("trial_response", frame, outcome(z, 0.4, rng), "binary", feats, time="enrolled_on")


def trial_safety(n: int, seed: int) -> Case:
    """The worst adverse event grade in a trial (none, mild, moderate, severe): dose level,
    age, kidney function (eGFR, capped at 120 by the laboratory), other medicines, weight."""
    rng = np.random.default_rng(seed)
    dose = rng.choice([10, 20, 40, 80], n)
    age = rng.integers(18, 86, n)
    egfr = np.clip(np.round(rng.normal(95 - 0.5 * (age - 50), 18)), 15, 120).astype(int)
    meds = rng.poisson(2.0, n)
    z = 0.6 * np.log2(dose / 10) + 0.02 * (age - 50) - 0.02 * (egfr - 90) + 0.15 * meds
    y = np.digitize(z + rng.logistic(0, 1, n), [0.8, 2.2, 3.6])
    frame = pd.DataFrame(
        {
            "dose_mg": dose,
            "age": age,
            "egfr": egfr,
            "other_medicines": meds,
            "weight_kg": np.round(rng.normal(78, 14, n), 1),
        }
    )
    return Case("trial_safety", frame, y, "multiclass", list(frame.columns))


def marketplace_listings(n: int, seed: int) -> Case:
    """Listings on a marketplace: the seller (declared group, split by it), the category, the
    price with cents (against the category's typical price), photos, words of description,
    days to ship, the seller's rating and listings so far; sold within 30 days."""
    rng = np.random.default_rng(seed)
    sellers = max(20, n // 12)
    seller = rng.choice(sellers, n, p=(w := rng.pareto(1.2, sellers) + 1) / w.sum())
    rating = np.round(np.clip(rng.normal(4.3, 0.4, sellers), 1, 5), 2)
    listed = rng.integers(1, 2_000, sellers)
    category = rng.integers(0, 15, n)
    typical = np.exp(rng.normal(3.5, 0.9, 15))
    relative = rng.lognormal(0, 0.35, n)
    photos = rng.poisson(4, n)
    words = rng.gamma(2, 40, n).astype(int)
    ship = rng.integers(1, 11, n)
    z = (
        -1.6 * np.log(relative)
        + 0.12 * np.minimum(photos, 8)
        + 0.9 * (rating[seller] - 4.3)
        - 0.08 * ship
        + 0.002 * np.minimum(words, 200)
    )
    frame = pd.DataFrame(
        {
            "seller_id": text([f"S{s:05d}" for s in seller]),
            "category": text([f"cat_{c:02d}" for c in category]),
            "price": np.round(typical[category] * relative, 2),
            "photos": photos,
            "description_words": words,
            "ship_days": ship,
            "seller_rating": rating[seller],
            "seller_listings": listed[seller],
        }
    )
    feats = [c for c in frame.columns if c != "seller_id"]
    return Case(
        "marketplace_listings",
        frame,
        outcome(z, 0.45, rng),
        "binary",
        feats,
        split="group",
        group="seller_id",
    )


def marketplace_returns(n: int, seed: int) -> Case:
    """Orders and whether they come back: the buyer (raw id kept), the share of the buyer's
    earlier orders returned (as of each order: an honest history, none for a first order),
    the order's number for the buyer, size category, price, a discount; dated orders, split in
    time."""
    rng = np.random.default_rng(seed)
    buyers = max(20, n // 6)
    buyer = rng.choice(buyers, n)
    habit = rng.beta(1.5, 6, buyers)
    when = np.sort(rng.integers(0, 720, n))
    order = rng.permutation(n)
    buyer, when = buyer[order], np.sort(when)
    kind = rng.choice(["shoes", "dress", "trousers", "shirt", "accessory"], n)
    price = np.round(rng.lognormal(3.6, 0.6, n), 2)
    discount = rng.choice([0, 0, 0, 10, 20, 30], n)
    base = {"shoes": 0.6, "dress": 0.8, "trousers": 0.4, "shirt": 0.1, "accessory": -1.2}
    z = 3.0 * (habit[buyer] - 0.2) + np.vectorize(base.get)(kind) + 0.01 * discount
    y = outcome(z, 0.25, rng)
    frame = pd.DataFrame({"buyer": buyer, "y": y})
    earlier = frame.groupby("buyer").cumcount()
    returned = frame.groupby("buyer")["y"].cumsum() - frame["y"]
    history = np.where(earlier > 0, returned / earlier.clip(lower=1), np.nan)
    frame = pd.DataFrame(
        {
            "ordered_on": _days("2022-01-01", when),
            "buyer_id": text([f"B{b:06d}" for b in buyer]),
            "order_number": (earlier + 1).to_numpy(),
            "buyer_return_share": np.round(history, 3),
            "item": text(kind),
            "price": price,
            "discount_pct": discount,
        }
    )
    feats = [c for c in frame.columns if c != "ordered_on"]
    return Case("marketplace_returns", frame, y, "binary", feats, split="time", time="ordered_on")


def claims_fraud(n: int, seed: int) -> Case:
    """Motor claims as they are reported: policy type, vehicle age, driver age, the claimed
    amount with cents, days between the incident and the report (fraud is reported later),
    a police report, witnesses, region, incident date as an input; the report date is the
    declared time. Referred as fraud after investigation (about 8%)."""
    rng = np.random.default_rng(seed)
    incident = rng.integers(0, 900, n)
    delay = np.round(rng.gamma(1.3, 6, n)).astype(int)
    amount = np.round(rng.lognormal(7.6, 0.9, n), 2)
    police = rng.random(n) < 0.55
    witnesses = rng.poisson(0.8, n)
    vehicle_age = rng.integers(0, 20, n)
    z = (
        0.05 * delay
        + 0.5 * (np.log(amount) - 7.6)
        - 0.9 * police
        - 0.4 * witnesses
        + 0.04 * vehicle_age
    )
    frame = pd.DataFrame(
        {
            "reported_on": _days("2021-01-01", incident + delay),
            "incident_on": _days("2021-01-01", incident),
            "policy_type": text(rng.choice(["third_party", "partial", "comprehensive"], n)),
            "vehicle_age": vehicle_age,
            "driver_age": rng.integers(18, 90, n),
            "claimed_amount": amount,
            "days_to_report": delay,
            "police_report": text(np.where(police, "yes", "no")),
            "witnesses": witnesses,
            "region": text(rng.choice([f"region_{i}" for i in range(9)], n)),
        }
    )
    feats = [c for c in frame.columns if c != "reported_on"]
    return Case("claims_fraud", frame, outcome(z, 0.08, rng), "binary", feats, time="reported_on")


def repair_cost(n: int, seed: int) -> Case:
    """The cost of a repair (a number): the make (30), parts to replace, the assessor's labour
    hours estimate, the region's hourly labour rate (a figure per region), the vehicle's age."""
    rng = np.random.default_rng(seed)
    make = rng.integers(0, 30, n)
    region = rng.integers(0, 10, n)
    rate = np.round(rng.uniform(55, 120, 10), 2)
    parts = rng.poisson(3, n)
    hours = np.round(rng.gamma(2.5, 3, n), 1)
    part_price = np.exp(rng.normal(5, 0.5, 30))
    cost = (parts * part_price[make] + hours * rate[region]) * np.exp(rng.normal(0, 0.2, n))
    frame = pd.DataFrame(
        {
            "make": text([f"make_{m:02d}" for m in make]),
            "parts": parts,
            "labour_hours_estimate": hours,
            "region_labour_rate": rate[region],
            "vehicle_age": rng.integers(0, 20, n),
        }
    )
    return Case(
        "repair_cost", frame, np.round(cost, 2), "regression", list(frame.columns), split="random"
    )


def sensor_failures(n: int, seed: int) -> Case:
    """Daily readings of machines: model (8), temperature, vibration, pressure, hours since the
    last service (services every 2,000 hours), machine age, alarms in the last week; a failure
    in the next 7 days (about 10%). Reading date: the declared time, split in time."""
    rng = np.random.default_rng(seed)
    model = rng.integers(0, 8, n)
    hours = rng.integers(0, 2_000, n)
    vibration = np.round(rng.lognormal(0.5, 0.4, n) * (1 + hours / 4_000), 3)
    temp = np.round(rng.normal(68, 6, n) + 3 * np.log(vibration), 1)
    alarms = rng.poisson(0.3 + 0.5 * (vibration > 2.5), n)
    z = (
        1.6 * (np.log(vibration) - 0.5)
        + 0.0006 * hours
        + 0.4 * alarms
        + 0.05 * (temp - 68)
        + rng.normal(0, 0.4, 8)[model]
    )
    frame = pd.DataFrame(
        {
            "read_on": _days("2023-01-01", np.sort(rng.integers(0, 500, n))),
            "model": text([f"M{m}" for m in model]),
            "temperature_c": temp,
            "vibration_rms": vibration,
            "pressure_bar": np.round(rng.normal(6, 0.4, n), 2),
            "hours_since_service": hours,
            "machine_age_years": np.round(rng.uniform(0, 15, n), 1),
            "alarms_last_week": alarms,
        }
    )
    feats = [c for c in frame.columns if c != "read_on"]
    return Case(
        "sensor_failures",
        frame,
        outcome(z, 0.1, rng),
        "binary",
        feats,
        split="time",
        time="read_on",
    )


def energy_use(n: int, seed: int) -> Case:
    """A machine's energy use in a shift (a number): load, temperature, model, hours since
    service, speed setting (1 to 5)."""
    rng = np.random.default_rng(seed)
    model = rng.integers(0, 8, n)
    load = rng.uniform(0.2, 1.0, n)
    speed = rng.integers(1, 6, n)
    hours = rng.integers(0, 2_000, n)
    kwh = (40 + 80 * load * speed / 3) * (1 + hours / 10_000) * rng.lognormal(0, 0.1, 8)[model]
    frame = pd.DataFrame(
        {
            "model": text([f"M{m}" for m in model]),
            "load": np.round(load, 3),
            "speed_setting": speed,
            "hours_since_service": hours,
            "ambient_c": np.round(rng.normal(22, 5, n), 1),
        }
    )
    y = np.round(kwh * rng.lognormal(0, 0.08, n), 2)
    return Case("energy_use", frame, y, "regression", list(frame.columns), split="random")


NULL_FAMILIES = {
    "trial_response": trial_response,
    "trial_safety": trial_safety,
    "marketplace_listings": marketplace_listings,
    "marketplace_returns": marketplace_returns,
    "claims_fraud": claims_fraud,
    "repair_cost": repair_cost,
    "sensor_failures": sensor_failures,
    "energy_use": energy_use,
}
NULL_SIZES = (400, 800, 1_500, 3_000, 6_000, 10_000)
NULL_MIN_SIZE = {"marketplace_listings": 1_000, "claims_fraud": 1_000, "sensor_failures": 1_000}


# -- the extracts leaks are planted in ----------------------------------------------------------
def claims(n: int, seed: int) -> Case:
    """Motor claims with a fraud referral (about 15%, AUC about 0.75 from the inputs): the
    claims_fraud columns, a garage (about 25 claims each), the report date declared."""
    rng = np.random.default_rng(seed)
    case = claims_fraud(n, seed)
    y = outcome(
        0.05 * case.frame["days_to_report"].to_numpy()
        + 0.6 * (np.log(case.frame["claimed_amount"].to_numpy()) - 7.6)
        - 1.0 * (case.frame["police_report"].to_numpy() == "yes")
        - 0.5 * case.frame["witnesses"].to_numpy(),
        0.15,
        rng,
    )
    return replace(case, y=y)


def maintenance(n: int, seed: int) -> Case:
    """Machines' readings with a failure in the next 7 days (about 12%): the sensor_failures
    columns, a machine id (about 40 readings each), the reading date declared; a stratified
    split."""
    rng = np.random.default_rng(seed)
    case = sensor_failures(n, seed)
    machine = rng.integers(0, max(2, n // 40), n)
    frame = case.frame.assign(machine=text([f"MC{m:04d}" for m in machine]))
    y = outcome(
        1.8 * (np.log(frame["vibration_rms"].to_numpy()) - 0.5)
        + 0.0008 * frame["hours_since_service"].to_numpy()
        + 0.5 * frame["alarms_last_week"].to_numpy(),
        0.12,
        rng,
    )
    return replace(case, frame=frame, y=y, split="stratified", ids=["machine"])


def _hit(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


# -- leaks in the claims extract ---------------------------------------------------------------
def investigator_score(case: Case, auc: float, rng) -> Case:
    """'investigator_score': the investigator's fraud score written at the end of the
    investigation — the outcome plus normal noise on a 0-100 scale, as strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(case, {"investigator_score": np.clip(np.round(50 + 15 * value), 0, 100)})


def settlement(case: Case, share: float, rng) -> Case:
    """'settled_amount': for this share of claims, what was paid once they were decided (nothing
    for fraud, 70-100% of the claim otherwise); for the rest an advance of 20-60% of the claim,
    paid on report."""
    n, claimed = case.rows, case.frame["claimed_amount"].to_numpy()
    decided = np.where(case.y == 1, 0.0, claimed * rng.uniform(0.7, 1.0, n))
    advance = claimed * rng.uniform(0.2, 0.6, n)
    paid = np.where(_hit(n, share, rng), decided, advance)
    return add_columns(case, {"settled_amount": np.round(paid, 2)})


def closing_date(case: Case, share: float, rng) -> Case:
    """'file_closed_on': for this share of claims the day the file was closed — fraud
    investigations run 60-240 days, ordinary claims 5-60 — otherwise a day of the routine
    archive run, 5-240 days after the report."""
    n = case.rows
    decided = np.where(case.y == 1, rng.integers(60, 240, n), rng.integers(5, 60, n))
    lag = np.where(_hit(n, share, rng), decided, rng.integers(5, 240, n))
    closed = case.frame["reported_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"file_closed_on": closed})


def investigator_assigned(case: Case, share: float, rng) -> Case:
    """'investigator': an investigator's code, filled in only for this share of the fraud
    referrals (empty for every other claim)."""
    filled = (case.y == 1) & _hit(case.rows, share, rng)
    codes = np.array([f"INV{i:02d}" for i in rng.integers(0, 12, case.rows)], dtype=object)
    return add_columns(case, {"investigator": text(np.where(filled, codes, None))})


def garage_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'garage_fraud_rate': each garage's fraud rate over the whole extract, blended with the
    overall rate by a weight that grows with the garage's claims (1 / (1 + e^-(n - 5) / 2)),
    the garage code kept."""
    keys = max(2, int(case.rows / rows_per_key))
    garage = rng.choice(keys, case.rows, p=(w := rng.gamma(0.8, 1, keys) + 0.05) / w.sum())
    y = pd.Series(case.y.astype(float))
    mean = y.groupby(garage).transform("mean").to_numpy()
    size = y.groupby(garage).transform("size").to_numpy()
    weight = _logistic((size - 5) / 2)
    rate = weight * mean + (1 - weight) * y.mean()
    return add_columns(
        case,
        {"garage": text([f"G{g:04d}" for g in garage]), "garage_fraud_rate": np.round(rate, 3)},
        leak=["garage_fraud_rate"],
    )


# -- leaks in the maintenance extract ----------------------------------------------------------
def breakdown_ticket(case: Case, share: float, rng) -> Case:
    """'ticket_type': for this share of readings, the type of the ticket the week's events
    opened ('breakdown' or 'emergency repair' for failures, 'inspection' for the others);
    elsewhere 'none' or 'routine'."""
    n = case.rows
    after = np.where(
        case.y == 1,
        rng.choice(["breakdown", "emergency repair"], n),
        rng.choice(["inspection", "none"], n, p=[0.3, 0.7]),
    )
    value = np.where(_hit(n, share, rng), after, rng.choice(["none", "routine"], n, p=[0.8, 0.2]))
    return add_columns(case, {"ticket_type": text(value)})


def hours_monitored(case: Case, share: float, rng) -> Case:
    """'hours_monitored': for this share of readings, hours from the reading until the failure
    or until the monitoring window closed (the extract's date, readings spread over 500 days);
    for the rest the standard 168-hour window."""
    n = case.rows
    read = case.frame["read_on"]
    window = ((read.max() + pd.Timedelta(days=7)) - read).dt.total_seconds().to_numpy() / 3600
    to_failure = np.minimum(rng.gamma(1.2, 50, n) + 1, window - 1)
    value = np.where(case.y == 1, to_failure, window)
    return add_columns(
        case, {"hours_monitored": np.round(np.where(_hit(n, share, rng), value, 168.0))}
    )


def gateway_retries(case: Case, share: float, rng) -> Case:
    """A gateway's retries: this share of the readings logged twice (exact copies) before the
    extract was taken, the extract in reading order."""
    twice = np.flatnonzero(_hit(case.rows, share, rng))
    rows = np.sort(np.concatenate([np.arange(case.rows), twice]), kind="stable")
    frame = case.frame.iloc[rows].reset_index(drop=True)
    return replace(case, frame=frame, y=case.y[rows], leak=[])


def model_assessment(case: Case, share: float, rng) -> Case:
    """'technician_rating' (0 to 100): for this share of the M3 and M5 machines' readings
    (a quarter of them), a rating the technician wrote after the week (failures 0-15, the
    others 60-100); elsewhere the rating from the last inspection, 0 to 100."""
    n = case.rows
    models = case.frame["model"].astype("str").isin(["M3", "M5"]).to_numpy()
    after = np.where(case.y == 1, rng.uniform(0, 15, n), rng.uniform(60, 100, n))
    value = np.where(models & _hit(n, share, rng), after, rng.uniform(0, 100, n))
    return add_columns(case, {"technician_rating": np.round(value)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "investigator_score": (investigator_score, (0.97, 0.93, 0.88), claims),
    "settlement": (settlement, (0.5, 0.25, 0.1), claims),
    "closing_date": (closing_date, (1.0, 0.5, 0.25), claims),
    "investigator_assigned": (investigator_assigned, (0.6, 0.3, 0.15), claims),
    "garage_rate": (garage_rate, (3.0, 8.0, 20.0), claims),
    "breakdown_ticket": (breakdown_ticket, (0.5, 0.25, 0.1), maintenance),
    "hours_monitored": (hours_monitored, (1.0, 0.5, 0.25), maintenance),
    "gateway_retries": (gateway_retries, (0.25, 0.12, 0.06), maintenance),
    "model_assessment": (model_assessment, (1.0, 0.6, 0.3), maintenance),
}
PLANTED_WHAT = {
    "investigator_score": "an investigator's score written after the outcome: the outcome plus "
    "noise, as strong as this AUC",
    "settlement": "the amount paid once the claim was decided (nothing for fraud), in this share "
    "of rows (an advance elsewhere)",
    "closing_date": "a file's closing date set by the outcome in this share of rows (a routine "
    "archive date elsewhere)",
    "investigator_assigned": "an investigator's code filled in only for this share of the fraud "
    "referrals",
    "garage_rate": "each garage's fraud rate over the whole extract, blended with the overall "
    "rate by the garage's size; about this many claims per garage",
    "breakdown_ticket": "a ticket type the outcome set, in this share of rows",
    "hours_monitored": "hours until the failure or the end of monitoring, in this share of rows "
    "(a standard window elsewhere)",
    "gateway_retries": "this share of the readings logged twice before the extract was taken",
    "model_assessment": "a technician's rating written after the outcome for this share of two "
    "machine models' readings (0 to 100 elsewhere)",
}
PLANTED_SIZES = (1_200, 3_000, 7_000)
