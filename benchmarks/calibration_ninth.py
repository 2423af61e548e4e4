"""The ninth generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (19,000 and up). Other domains and shapes than every family
before it: a water company's call centre and its complaints escalated to the regulator, a housing
association's tenancies falling into rent arrears, a car-rental fleet's damage claims at the
car's return, a food-delivery platform's cancelled orders and a gym chain's membership lapses —
null families with honest confusers (sewage flooding inside a home escalated by the regulator's
rule, a benefit sanction that nearly always ends in arrears, damage the driver declares at the
counter, an order placed minutes before the restaurant closes, three failed payments that end a
membership; a 1-5 satisfaction score after the intake call, a 0-10 survey answer blank for most
members, a restaurant's 1-5 rating in tenths; earlier complaints counted over a 24-month
look-back, tenancy years capped at the housing system's migration, rental days capped at a
28-day agreement, days since the last visit capped at a year, days to resolve capped at the
eight-week deadline; arrears balances, out-of-hours returns, late hours, payment failures and
visits that are zero for most; a customer who threatens the regulator in the intake note as an
honest word written before the decision; a housing payment made direct to the landlord and an
annual prepaid membership as honest one-sided steps; declared income blank for those whose work
is irregular; a household's several complaints under a time split; courier supply as an honest
strong signal) — and leaks planted in a complaint extract, a tenancy extract, a rental extract,
an order extract and a membership extract by generators of their own: a status set for only part
of the escalated complaints, a resolution word in an agent's note, a closing date whose lag
carries the outcome, letters counted with those the arrears caused, rent received beside rent
charged (a leak across two columns), a block's arrears band over the whole extract in five
letters, a condition score in halves as strong as an AUC, damage photos counted in the app
channel's rows only, check-ins exported twice with the mileage amended, a delivery fee zeroed
for the cancelled orders among honest free deliveries, a courier's rating blank when none was
assigned among honest collections, status events cut short by the cancellation, days observed
until the lapse or the window's end, and one club's status refreshed after the outcome.

The eighth generation (benchmarks/calibration_eighth.py) was looked at once its results were
known; it is a tuning set now.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets, unit: str = "D") -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit=unit)


def _some(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, spread: float = 0.8) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (log-normal weights)."""
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _blank(values, share, rng) -> np.ndarray:
    """Text values with this share (a number or one per row) left blank."""
    values = np.asarray(values, dtype=object)
    return np.where(rng.random(len(values)) < share, None, values)


def _ruled(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to yes for this share of those a business rule settles."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


# -- a water company's call centre: complaints -------------------------------------------------
CATEGORIES = ["billing", "supply_interruption", "water_quality", "low_pressure", "metering"]
CATEGORIES += ["sewage", "roadworks", "staff_conduct"]
CATEGORY_SHARES = [0.34, 0.14, 0.1, 0.1, 0.1, 0.08, 0.08, 0.06]
CATEGORY_EFFECT = {"sewage": 0.5, "staff_conduct": 0.6, "billing": 0.2, "roadworks": -0.4}
CHANNELS = ["phone", "email", "web_form", "letter", "social_media"]
INTAKE_WORDS = {
    "billing": ["bill", "too", "high", "estimate", "charge", "refund", "direct", "debit"],
    "supply_interruption": ["no", "water", "since", "morning", "outage", "bottled"],
    "water_quality": ["brown", "water", "taste", "smell", "chlorine", "kettle"],
    "low_pressure": ["low", "pressure", "shower", "upstairs", "weak", "flow"],
    "metering": ["meter", "reading", "wrong", "fitted", "install", "serial"],
    "sewage": ["sewage", "smell", "drain", "blocked", "garden", "overflow"],
    "roadworks": ["roadworks", "traffic", "noise", "trench", "lights", "closed"],
    "staff_conduct": ["engineer", "rude", "missed", "appointment", "called", "waited"],
}
ANGRY = ["again", "third", "time", "unacceptable", "still", "waiting", "nobody", "called", "back"]
REGULATOR = ["regulator", "ombudsman", "council", "complain", "further"]


def _complaints(n: int, seed: int):
    """Complaints to a water company's call centre in 2023 and 2024: a complaint reference, the
    household's account (a few households complain many times: its columns repeat on each of
    their complaints), its region, years as a customer (capped at 20: the billing system's
    records begin in 2004), the priority-services register (vulnerable customers), earlier
    complaints in 24 months (the look-back the system keeps); the complaint's day, channel,
    category, the amount in dispute with pence (zero unless it is about money), the intake
    call's 1-5 satisfaction (phone only: blank for the others), contacts before this complaint,
    sewage flooding inside the home (yes for some sewage complaints: the regulator's rule sends
    nearly all of them to the second line), the intake note (written at intake: the category's
    words, an angry customer's words, a threat to go to the regulator); the log-odds of the
    complaint being escalated, the settled ones and the household's propensity."""
    rng = np.random.default_rng(seed)
    households = max(40, int(n / 2.2))
    h = _codes(rng, households, n, 1.1)
    temper = rng.normal(0, 1, households)
    tenure = np.minimum(np.round(rng.exponential(9, households), 1), 20.0)
    vulnerable = rng.random(households) < 0.12
    region = rng.choice(["north", "coast", "valley", "city", "east"], households)
    earlier = np.minimum(rng.poisson(np.exp(-0.6 + 0.5 * temper)), 12)
    cat = rng.choice(len(CATEGORIES), n, p=CATEGORY_SHARES)
    names = np.array(CATEGORIES)[cat]
    channel = rng.choice(len(CHANNELS), n, p=[0.52, 0.22, 0.16, 0.04, 0.06])
    disputed = np.where(
        (names == "billing") | (names == "metering"), np.round(rng.lognormal(4.6, 1.0, n), 2), 0.0
    )
    contacts = rng.poisson(0.8 + 0.5 * np.clip(temper[h], 0, None))
    flooded = (names == "sewage") & (rng.random(n) < 0.22)
    angry = temper[h] + rng.normal(0, 0.8, n)
    threat = angry + rng.normal(0, 0.9, n) > 1.8
    satisfaction = np.clip(np.round(3.2 - 0.8 * angry + rng.normal(0, 0.8, n)), 1, 5)
    z = (
        0.7 * temper[h]
        + 0.25 * np.minimum(earlier[h], 5)
        + 0.2 * np.minimum(contacts, 4)
        + np.array([CATEGORY_EFFECT.get(c, 0.0) for c in names])
        + 0.15 * np.log1p(disputed / 50)
        + 0.5 * vulnerable[h]
        + 0.9 * threat
        - 0.3 * (channel == 1)
        + 0.4 * (channel == 4)
        - 0.03 * tenure[h]
    )
    notes = []
    for i in range(n):
        words = list(rng.choice(INTAKE_WORDS[names[i]], rng.integers(3, 7)))
        if angry[i] > 0.8:
            words += list(rng.choice(ANGRY, rng.integers(1, 4)))
        if threat[i]:
            words += list(rng.choice(REGULATOR, rng.integers(1, 3)))
        notes.append(" ".join(rng.permutation(words)))
    frame = pd.DataFrame(
        {
            "complaint_ref": text([f"CMP-{k}" for k in rng.choice(900_000, n, replace=False)]),
            "account": text([f"W{k:06d}" for k in h]),
            "region": text(region[h]),
            "years_as_customer": tenure[h],
            "priority_services": text(np.where(vulnerable[h], "yes", "no")),
            "complaints_24m": earlier[h],
            "received_on": _on("2023-01-02", rng.integers(0, 730, n)),
            "channel": text(np.array(CHANNELS)[channel]),
            "category": text(names),
            "amount_disputed": disputed,
            "intake_satisfaction_1_5": np.where(channel == 0, satisfaction, np.nan),
            "contacts_before": contacts,
            "internal_flooding": text(np.where(flooded, "yes", "no")),
            "intake_note": text(notes),
        }
    )
    return frame, z, flooded, temper[h], rng


def _escalated(z, flooded, rng) -> np.ndarray:
    """Escalated to the second line or the regulator (about a tenth): 95% of internal floods."""
    return _ruled(outcome(z, 0.085, rng), flooded, 0.95, rng)


COMPLAINT_INPUTS = ("complaint_ref", "account", "received_on")


def complaint_escalated(n: int, seed: int) -> Case:
    """Escalated (about 10%); split in time on the day received, the household's columns
    repeating across the split, the complaint reference declared an id."""
    frame, z, flooded, _, rng = _complaints(n, seed)
    feats = [c for c in frame.columns if c not in COMPLAINT_INPUTS]
    y = _escalated(z, flooded, rng)
    return Case(
        "complaint_escalated",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="received_on",
        ids=["complaint_ref"],
    )


def days_to_resolve(n: int, seed: int) -> Case:
    """Days from the complaint to its resolution, whole days, 56 at most (the eight-week
    deadline, after which the complaint leaves the call centre's ledger): piled at the cap."""
    frame, z, flooded, _, rng = _complaints(n, seed)
    mean = np.exp(1.6 + 0.55 * z + 0.8 * flooded)
    days = np.minimum(np.round(rng.gamma(4, mean / 4)), 56).astype(int)
    feats = [c for c in frame.columns if c not in COMPLAINT_INPUTS]
    return Case(
        "days_to_resolve", frame, days, "regression", feats, split="random", ids=["complaint_ref"]
    )


# -- a housing association's tenancies ---------------------------------------------------------
PROPERTIES = ["flat", "maisonette", "house", "bungalow", "bedsit"]
EMPLOYMENT = ["employed", "self_employed", "unemployed", "retired", "unable_to_work", "student"]
PAY_METHODS = ["direct_debit", "standing_order", "payment_card", "paid_direct"]


def _tenancies(n: int, seed: int):
    """Tenancies at the quarterly rent review: a tenancy reference, the estate and block, the
    property type and bedrooms, the weekly rent with pence, years in the tenancy (capped at 12:
    the housing system's records begin at the 2012 migration), the lead tenant's age, household
    size, employment (blank for some), declared weekly income (blank for a fifth, more often for
    the self-employed and the unemployed), universal credit, the housing payment made direct to
    the association (never more than a few weeks behind: an honest one-sided step), the payment
    method, weeks in arrears in the last year (0-52, zero for most), the arrears balance now
    (zero for most), repairs reported in 12 months, a support worker, a benefit sanction
    notified (nearly all of them fall behind); the log-odds of arrears and the settled ones."""
    rng = np.random.default_rng(seed)
    estates = max(12, n // 90)
    estate = _codes(rng, estates, n, 0.7)
    block = estate * 40 + rng.integers(0, 40, n)
    kind = rng.choice(len(PROPERTIES), n, p=[0.42, 0.1, 0.33, 0.08, 0.07])
    beds = np.where(kind == 4, 0, np.clip(rng.poisson(1.3, n) + (kind == 2), 1, 5))
    rent = np.round(78 + 19 * beds + rng.normal(0, 4, estates)[estate] + rng.normal(0, 3, n), 2)
    years = np.minimum(np.round(rng.exponential(6, n), 1), 12.0)
    age = np.clip(np.round(rng.normal(46, 15, n)), 18, 92).astype(int)
    work = rng.choice(len(EMPLOYMENT), n, p=[0.36, 0.08, 0.17, 0.2, 0.14, 0.05])
    work = np.where(age >= 67, 3, work)
    income = np.round(
        rng.lognormal(np.log(np.choose(work, [480, 390, 150, 230, 210, 120])), 0.35), -1
    )
    unsure = np.isin(work, [1, 2])
    uc = np.where(np.isin(work, [2, 4]), rng.random(n) < 0.8, rng.random(n) < 0.18)
    direct = uc & (rng.random(n) < 0.3)
    method = np.where(direct, 3, rng.choice(3, n, p=[0.45, 0.25, 0.3]))
    means = rng.normal(0, 1, n)
    burden = rent / np.maximum(income, 60)
    sanction = uc & ~direct & (rng.random(n) < 0.04)
    z = (
        0.8 * means
        + 1.2 * np.minimum(burden, 1.2)
        + 0.5 * uc
        + 0.45 * (method == 2)
        - 0.6 * (work == 3)
        - 0.02 * (age - 46)
        - 0.06 * years
        + rng.normal(0, 0.3, estates)[estate]
    )
    behind = np.where(rng.random(n) < 0.62, 0, np.round(rng.gamma(1.2, 4 + 6 * np.exp(0.5 * z))))
    behind = np.minimum(behind, 52).astype(int)
    balance = np.where(
        rng.random(n) < 0.7 + 0.1 * (z < 0), 0.0, np.round(rent * rng.gamma(1.1, 1.5, n), 2)
    )
    z = z + 0.05 * np.minimum(behind, 26) + 0.25 * np.log1p(balance / rent)
    frame = pd.DataFrame(
        {
            "tenancy_ref": text([f"T{k}" for k in rng.choice(800_000, n, replace=False) + 10**5]),
            "estate": text([f"EST{e:03d}" for e in estate]),
            "block": text([f"B{b:05d}" for b in block]),
            "property_type": text(np.array(PROPERTIES)[kind]),
            "bedrooms": beds,
            "weekly_rent": rent,
            "years_in_tenancy": years,
            "lead_tenant_age": age,
            "household_size": 1 + rng.poisson(np.where(beds >= 2, 1.6, 0.4)),
            "employment": text(_blank(np.array(EMPLOYMENT)[work], 0.06, rng)),
            "weekly_income_declared": np.where(
                rng.random(n) < np.where(unsure, 0.45, 0.12), np.nan, income
            ),
            "universal_credit": text(np.where(uc, "yes", "no")),
            "payment_method": text(np.array(PAY_METHODS)[method]),
            "weeks_in_arrears_last_year": behind,
            "arrears_balance": balance,
            "repairs_12m": rng.poisson(1.4, n),
            "support_worker": text(
                np.where(rng.random(n) < 0.05 + 0.15 * (work == 4), "yes", "no")
            ),
            "benefit_sanction": text(np.where(sanction, "yes", "no")),
        }
    )
    return frame, z, direct, sanction, rng


def _arrears_weeks(z, direct, sanction, rng) -> np.ndarray:
    """Weeks of rent owed six months on: zero for most, more the higher the log-odds; a housing
    payment made direct keeps it under three weeks; a sanction puts nine weeks or more behind."""
    n = len(z)
    owed = np.where(
        outcome(z, 0.3, rng) == 1, np.round(rng.gamma(1.5, 2.2 + 2.5 * np.clip(z, 0, 4)), 1), 0.0
    )
    owed = np.where(direct, np.minimum(owed, rng.uniform(0, 2.9, n)), owed)
    return np.round(np.where(sanction, np.maximum(owed, rng.uniform(9, 20, n)), owed), 1)


def _in_arrears(z, direct, sanction, rng) -> np.ndarray:
    """Eight weeks of rent owed or more six months on (about 12%)."""
    return (_arrears_weeks(z, direct, sanction, rng) >= 8).astype(int)


TENANCY_INPUTS = ("tenancy_ref", "estate", "block")


def rent_arrears(n: int, seed: int) -> Case:
    """Eight weeks of rent owed six months on; split by estate."""
    frame, z, direct, sanction, rng = _tenancies(n, seed)
    feats = [c for c in frame.columns if c not in ("tenancy_ref", "estate")]
    return Case(
        "rent_arrears",
        frame,
        _in_arrears(z, direct, sanction, rng),
        "binary",
        feats,
        split="group",
        group="estate",
        ids=["tenancy_ref"],
    )


def arrears_band(n: int, seed: int) -> Case:
    """None, under four weeks, four to eight, eight or more owed six months on (four classes)."""
    frame, z, direct, sanction, rng = _tenancies(n, seed)
    weeks = _arrears_weeks(z, direct, sanction, rng)
    y = np.digitize(weeks, [0.05, 4, 8])
    feats = [c for c in frame.columns if c not in TENANCY_INPUTS]
    return Case("arrears_band", frame, y, "multiclass", feats, ids=["tenancy_ref"])


# -- a car-rental fleet's returns ---------------------------------------------------------------
BRANCH_KINDS = ["airport", "city", "suburb", "rail_station"]
RENTAL_CHANNELS = ["app", "web", "desk", "broker"]
CLASSES = ["mini", "compact", "estate", "suv", "van", "premium"]
TIERS = ["none", "silver", "gold"]


def _rentals(n: int, seed: int):
    """Rentals at the car's return (2023 to mid 2024): a rental number, the branch and its kind,
    the booking channel, the car's class and age in months, km driven (the telematics counter
    stops at 9,999), rental days (28 at most: longer hires are new agreements), the driver's age
    and years licensed, the young-driver surcharge (under 25, by rule), the cover bought (full
    cover: no excess), claims in 36 months (the look-back the system keeps: zero for most),
    returned out of hours into the key box, hours late (zero for most), fuel at return in
    eighths, the loyalty tier, the customer's own declaration of damage at the counter (nearly
    always a claim); the log-odds of a damage claim and who declared."""
    rng = np.random.default_rng(seed)
    branches = 34
    branch = _codes(rng, branches, n, 0.9)
    kind = rng.choice(4, branches, p=[0.25, 0.35, 0.25, 0.15])[branch]
    channel = rng.choice(4, n, p=[0.32, 0.3, 0.23, 0.15])
    car = rng.choice(len(CLASSES), n, p=[0.16, 0.3, 0.14, 0.2, 0.1, 0.1])
    days = np.minimum(1 + np.round(rng.gamma(1.3, 3.5, n)), 28).astype(int)
    km = np.minimum(np.round(days * rng.lognormal(4.4, 0.6, n) * (1 + 0.5 * (car == 4))), 9_999)
    age = np.clip(np.round(rng.gamma(9, 4.3, n)) + 21, 21, 85).astype(int)
    licensed = np.clip(age - 17 - np.round(rng.exponential(4, n)), 1, 60).astype(int)
    cover = rng.choice(["basic", "reduced_excess", "full_cover"], n, p=[0.45, 0.3, 0.25])
    claims = np.where(rng.random(n) < 0.86, 0, 1 + rng.poisson(0.4, n))
    night = rng.random(n) < 0.1 + 0.12 * (kind == 0)
    late = np.where(rng.random(n) < 0.88, 0, np.round(rng.gamma(1.2, 3, n))).astype(int)
    tier = rng.choice(3, n, p=[0.6, 0.28, 0.12])
    z = (
        -0.035 * np.minimum(licensed, 30)
        + 0.5 * (age < 25)
        + 0.22 * np.log1p(km / 100)
        + 0.6 * claims
        + 0.35 * night
        + 0.04 * np.minimum(late, 12)
        + np.select([car == 4, car == 5, car == 0], [0.5, 0.3, -0.2])
        + 0.3 * (cover == "full_cover")
        - 0.2 * tier
        + 0.3 * (channel == 3)
        + 0.25 * (kind == 0)
        + rng.normal(0, 0.2, branches)[branch]
    )
    y = outcome(z, 0.055, rng)
    declared = (y == 1) & (rng.random(n) < 0.3) | (rng.random(n) < 0.002)
    returned = _on("2023-01-01", rng.integers(0, 540 * 24, n), "h")
    frame = pd.DataFrame(
        {
            "rental_no": text([f"RA{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "branch": text([f"BR{b:02d}" for b in branch]),
            "branch_kind": text(np.array(BRANCH_KINDS)[kind]),
            "booking_channel": text(np.array(RENTAL_CHANNELS)[channel]),
            "returned_at": returned,
            "car_class": text(np.array(CLASSES)[car]),
            "car_age_months": np.minimum(np.round(rng.gamma(2, 7, n)), 48).astype(int),
            "km_driven": km.astype(int),
            "rental_days": days,
            "driver_age": age,
            "years_licensed": licensed,
            "young_driver_surcharge": text(np.where(age < 25, "yes", "no")),
            "cover": text(cover),
            "claims_36m": claims,
            "out_of_hours_return": text(np.where(night, "yes", "no")),
            "hours_late": late,
            "fuel_eighths_at_return": rng.choice(
                9, n, p=[0.02, 0.03, 0.04, 0.05, 0.06] + [0.1] * 3 + [0.5]
            ),
            "loyalty_tier": text(np.array(TIERS)[tier]),
            "damage_declared": text(np.where(declared, "yes", "no")),
        }
    )
    y = np.where(declared, (rng.random(n) < 0.97).astype(int), y)
    return frame, y, z, rng


RENTAL_INPUTS = ("rental_no", "branch", "returned_at")


def damage_claim(n: int, seed: int) -> Case:
    """A damage claim raised after the return (about 6%); split in time on the return, the
    rental number declared an id."""
    frame, y, _, _ = _rentals(n, seed)
    feats = [c for c in frame.columns if c not in ("rental_no", "returned_at")]
    return Case(
        "damage_claim",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="returned_at",
        ids=["rental_no"],
    )


def charges_at_return(n: int, seed: int) -> Case:
    """What the return adds to the bill, with pence: a late fee of 9.50 an hour (a day's 45 at
    most), refuelling at 2.10 a missing eighth of the tank plus a 15.00 service fee, a cleaning
    fee for a few, the excess for the damage claims (none with full cover); zero for most."""
    frame, y, _, rng = _rentals(n, seed)
    late = frame["hours_late"].to_numpy()
    missing = 8 - frame["fuel_eighths_at_return"].to_numpy()
    tank = np.where(frame["car_class"].isin(["van", "suv"]), 1.4, 1.0)
    excess = frame["cover"].map({"basic": 950.0, "reduced_excess": 300.0, "full_cover": 0.0})
    value = (
        np.minimum(9.5 * late, 45.0)
        + np.where(missing > 0, 15.0 + 2.1 * 6.5 * missing * tank, 0.0)
        + np.where(rng.random(n) < 0.04, 60.0, 0.0)
        + y * np.minimum(excess.to_numpy(), np.round(rng.lognormal(6.2, 0.8, n), 2))
    )
    feats = [c for c in frame.columns if c not in RENTAL_INPUTS]
    return Case(
        "charges_at_return",
        frame,
        np.round(value, 2),
        "regression",
        feats,
        split="random",
        ids=["rental_no"],
    )


# -- a food-delivery platform's orders ----------------------------------------------------------
CUISINES = ["pizza", "burger", "sushi", "indian", "chinese", "salads", "kebab", "thai"]
PAYMENTS = ["card", "wallet", "cash", "voucher"]


def _orders(n: int, seed: int):
    """Orders on a food-delivery platform (the autumn of 2024): an order number, the placing
    minute, the restaurant (many, few orders each) and its cuisine, its 1-5 rating in tenths
    (blank for new restaurants), the kitchen's preparation estimate, the distance, the basket
    with pence and its items, the payment, a first order, a promotion code, the customer's
    earlier orders (capped at 200) and cancellations, couriers free per open order at placement
    (an honest strong signal), rain, minutes to the restaurant's closing (capped at 240: orders
    within 15 minutes of closing are nearly always cancelled by the kitchen), the collection
    option (no courier), the delivery subscription; the log-odds of a cancellation."""
    rng = np.random.default_rng(seed)
    restaurants = max(30, n // 18)
    rest = _codes(rng, restaurants, n, 1.0)
    cuisine = rng.choice(len(CUISINES), restaurants)[rest]
    rating = np.clip(np.round(rng.normal(4.2, 0.35, restaurants), 1), 1, 5)[rest]
    new = (rng.random(restaurants) < 0.12)[rest]
    quality = rng.normal(0, 0.5, restaurants)[rest]
    placed = _on("2024-09-01", rng.integers(0, 91 * 24 * 60, n), "min")
    hour = placed.hour.to_numpy()
    evening = (hour >= 18) & (hour <= 21)
    supply = np.round(np.clip(rng.lognormal(0.1 - 0.4 * evening, 0.45, n), 0.05, 6), 2)
    distance = np.round(rng.gamma(2.5, 1.2, n), 1)
    prep = 5 * np.round(rng.gamma(5, 3, n) / 5 + 1).astype(int)
    items = 1 + rng.poisson(1.8, n)
    basket = np.round(items * rng.lognormal(2.3, 0.35, n), 2)
    payment = rng.choice(4, n, p=[0.6, 0.25, 0.1, 0.05])
    earlier = np.minimum(np.round(rng.exponential(18, n)), 200).astype(int)
    first = earlier == 0
    cancels = rng.binomial(earlier, 0.04 + 0.04 * (payment == 2))
    closing = np.minimum(np.round(rng.uniform(0, 1, n) ** 0.6 * 300), 240).astype(int)
    collect = rng.random(n) < 0.12
    subscribed = ~collect & (rng.random(n) < 0.2)
    z = (
        -2.0 * np.log(supply) * ~collect
        + 0.12 * distance
        + 0.03 * (prep - 20)
        + 0.8 * (payment == 2)
        + 0.5 * first
        + 0.35 * np.log1p(cancels)
        - 0.5 * (rating - 4.2)
        - 1.5 * quality
        + 0.3 * new
        - 0.4 * subscribed
    )
    y = outcome(z, 0.06, rng)
    y = _ruled(y, closing < 15, 0.9, rng)
    frame = pd.DataFrame(
        {
            "order_no": text([f"O{k}" for k in rng.choice(90_000_000, n, replace=False) + 10**7]),
            "placed_at": placed,
            "restaurant": text([f"R{r:05d}" for r in rest]),
            "cuisine": text(np.array(CUISINES)[cuisine]),
            "restaurant_rating": np.where(new, np.nan, rating),
            "prep_estimate_min": prep,
            "distance_km": distance,
            "basket_value": basket,
            "items": items,
            "payment": text(np.array(PAYMENTS)[payment]),
            "promo_code": text(np.where(rng.random(n) < 0.15 + 0.25 * first, "yes", "no")),
            "earlier_orders": earlier,
            "earlier_cancellations": cancels,
            "couriers_per_open_order": np.where(collect, np.nan, supply),
            "raining": text(np.where(rng.random(n) < 0.25, "yes", "no")),
            "minutes_to_closing": closing,
            "collection": text(np.where(collect, "yes", "no")),
            "delivery_subscription": text(np.where(subscribed, "yes", "no")),
        }
    )
    return frame, y, z, rng


def order_cancelled(n: int, seed: int) -> Case:
    """Cancelled before delivery (about 7%); split in time on the placing minute, the
    restaurant code among the inputs."""
    frame, y, _, _ = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ("order_no", "placed_at")]
    return Case(
        "order_cancelled",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="placed_at",
        ids=["order_no"],
    )


def delivery_minutes(n: int, seed: int) -> Case:
    """Minutes from the order to the door, for the orders delivered (whole minutes)."""
    frame, y, _, rng = _orders(n, seed)
    kept = (y == 0) & (frame["collection"] == "no").to_numpy()
    frame = frame[kept].reset_index(drop=True)
    supply = frame["couriers_per_open_order"].to_numpy()
    minutes = (
        frame["prep_estimate_min"].to_numpy() * rng.lognormal(0, 0.2, len(frame))
        + 3.2 * frame["distance_km"].to_numpy()
        + 6 / np.sqrt(supply)
        + rng.gamma(2, 2.5, len(frame))
    )
    feats = [c for c in frame.columns if c not in ("order_no", "placed_at")]
    return Case(
        "delivery_minutes",
        frame,
        np.round(minutes).astype(int),
        "regression",
        feats,
        split="time",
        time="placed_at",
        ids=["order_no"],
    )


# -- a gym chain's memberships ------------------------------------------------------------------
CLUBS = [f"club_{k:02d}" for k in range(1, 13)]
CLUB_REGION = np.array(["central"] * 4 + ["north"] * 3 + ["south"] * 3 + ["west"] * 2)
PLANS = ["monthly", "annual_prepaid", "off_peak", "student", "corporate"]
WINDOW = pd.Timestamp("2024-06-30")  # the extract: renewals looked at until the end of June


def _memberships(n: int, seed: int):
    """Members at the renewal notice (early 2024): a member number, the notice's day, the club
    and its region, the plan, the
    monthly price with pence, age, years a member (capped at 9: the booking system started in
    2015), visits in 90 days (zero for many), classes booked and missed, personal-training
    sessions, months frozen in the last year, days since the last visit (capped at 365), failed
    payments in 12 months (zero for most; three end the membership by rule), km from home to
    the club, the 0-10 survey answer (blank for the seven in ten who did not answer: more often
    for those who rarely come), referred by a friend; the log-odds of a lapse, the annual
    prepaid (mid-contract: they cannot lapse at this notice) and the three failed payments."""
    rng = np.random.default_rng(seed)
    club = rng.choice(len(CLUBS), n, p=[0.1] * 4 + [0.07] * 6 + [0.09] * 2)
    plan = rng.choice(len(PLANS), n, p=[0.5, 0.14, 0.14, 0.1, 0.12])
    price = np.round(
        np.choose(plan, [39.0, 32.5, 24.0, 22.0, 29.0]) + rng.normal(0, 2, 12)[club], 2
    )
    age = np.clip(np.round(rng.gamma(7, 5, n)) + 14, 16, 85).astype(int)
    age = np.where(plan == 3, np.minimum(age, 26), age)
    years = np.minimum(np.round(rng.exponential(2.2, n), 1), 9.0)
    habit = rng.normal(0, 1, n)
    visits = rng.poisson(np.exp(2.3 + 0.9 * habit) * (rng.random(n) > 0.12))
    booked = rng.poisson(0.4 * visits)
    missed = rng.binomial(booked, 0.15)
    since = np.where(
        visits > 0, np.round(rng.exponential(90 / (visits + 1))), 90 + rng.exponential(80, n)
    )
    since = np.minimum(np.round(since), 365).astype(int)
    failed = np.where(rng.random(n) < 0.9, 0, rng.choice([1, 2, 3], n, p=[0.6, 0.28, 0.12]))
    km = np.round(rng.lognormal(1.2, 0.7, n), 1)
    answered = rng.random(n) < 0.15 + 0.2 * (habit > 0)
    score = np.clip(np.round(7 + 1.4 * habit + rng.normal(0, 1.6, n)), 0, 10)
    z = (
        -0.9 * habit
        + 0.004 * since
        + 0.5 * (failed > 0)
        + 0.08 * km
        - 0.15 * years
        + 0.3 * missed
        + np.select([plan == 3, plan == 4, plan == 2], [0.5, -0.3, 0.2])
        - 0.015 * (age - 35)
        + 0.03 * (price - 30)
        + rng.normal(0, 0.25, 12)[club]
    )
    frame = pd.DataFrame(
        {
            "member_no": text([f"M{k}" for k in rng.choice(900_000, n, replace=False) + 10**5]),
            "notice_on": _on("2024-01-08", rng.integers(0, 84, n)),
            "club": text(np.array(CLUBS)[club]),
            "region": text(CLUB_REGION[club]),
            "plan": text(np.array(PLANS)[plan]),
            "monthly_price": price,
            "age": age,
            "years_a_member": years,
            "visits_90d": visits,
            "classes_booked_90d": booked,
            "classes_missed_90d": missed,
            "personal_training_90d": np.where(rng.random(n) < 0.9, 0, 1 + rng.poisson(3, n)),
            "months_frozen_12m": np.where(rng.random(n) < 0.88, 0, rng.integers(1, 4, n)),
            "days_since_last_visit": since,
            "failed_payments_12m": failed,
            "km_to_club": km,
            "survey_0_10": np.where(answered, score, np.nan),
            "referred": text(np.where(rng.random(n) < 0.18, "yes", "no")),
        }
    )
    return frame, z, plan == 1, failed == 3, habit, rng


def _lapsed(z, prepaid, ended, rng) -> np.ndarray:
    """Lapsed at the renewal (about 22%): never the annual prepaid mid-contract (1% move away
    and are refunded), 93% of those with three failed payments."""
    y = outcome(z, 0.22, rng)
    y = np.where(prepaid, (rng.random(len(z)) < 0.01).astype(int), y)
    return _ruled(y, ended, 0.93, rng)


def membership_lapse(n: int, seed: int) -> Case:
    """Lapsed at the renewal notice; split stratified."""
    frame, z, prepaid, ended, _, rng = _memberships(n, seed)
    feats = [c for c in frame.columns if c not in ("member_no", "notice_on")]
    return Case(
        "membership_lapse",
        frame,
        _lapsed(z, prepaid, ended, rng),
        "binary",
        feats,
        ids=["member_no"],
    )


def visits_next_month(n: int, seed: int) -> Case:
    """Visits in the month after the notice (a count, zero for about a third)."""
    frame, z, prepaid, ended, habit, rng = _memberships(n, seed)
    gone = _lapsed(z, prepaid, ended, rng).astype(bool)
    count = rng.poisson(np.exp(1.6 + 0.8 * habit) * ~gone * (rng.random(n) > 0.1))
    feats = [c for c in frame.columns if c not in ("member_no", "notice_on")]
    return Case(
        "visits_next_month", frame, count, "regression", feats, split="random", ids=["member_no"]
    )


NULL_FAMILIES = {
    "complaint_escalated": complaint_escalated,
    "days_to_resolve": days_to_resolve,
    "rent_arrears": rent_arrears,
    "arrears_band": arrears_band,
    "damage_claim": damage_claim,
    "charges_at_return": charges_at_return,
    "order_cancelled": order_cancelled,
    "delivery_minutes": delivery_minutes,
    "membership_lapse": membership_lapse,
    "visits_next_month": visits_next_month,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 19) % 6], so consecutive seeds take all six
NULL_SIZES = (600, 1_000, 1_500, 2_200, 3_200, 4_800)
NULL_MIN_SIZE = {
    "complaint_escalated": 1_000,
    "rent_arrears": 1_000,
    "damage_claim": 2_200,
    "order_cancelled": 1_500,
}


# -- the extracts leaks are planted in ----------------------------------------------------------
def complaints(n: int, seed: int) -> Case:
    """Complaints escalated (about 10%), split stratified, the day received declared, the
    complaint reference declared an id."""
    frame, z, flooded, _, rng = _complaints(n, seed)
    feats = [c for c in frame.columns if c not in COMPLAINT_INPUTS]
    y = _escalated(z, flooded, rng)
    return Case("complaints", frame, y, "binary", feats, time="received_on", ids=["complaint_ref"])


def tenancies(n: int, seed: int) -> Case:
    """Tenancies eight weeks or more in arrears six months on (about 12%), split stratified,
    the tenancy reference declared an id."""
    frame, z, direct, sanction, rng = _tenancies(n, seed)
    feats = [c for c in frame.columns if c not in TENANCY_INPUTS]
    y = _in_arrears(z, direct, sanction, rng)
    return Case("tenancies", frame, y, "binary", feats, ids=["tenancy_ref"])


def rentals(n: int, seed: int) -> Case:
    """Rentals with a damage claim (about 6%), split stratified, the return declared."""
    frame, y, _, _ = _rentals(n, seed)
    feats = [c for c in frame.columns if c not in RENTAL_INPUTS]
    return Case("rentals", frame, y, "binary", feats, time="returned_at", ids=["rental_no"])


def orders(n: int, seed: int) -> Case:
    """Orders cancelled (about 7%), split stratified, the placing minute declared."""
    frame, y, _, _ = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ("order_no", "placed_at")]
    return Case("food_orders", frame, y, "binary", feats, time="placed_at", ids=["order_no"])


def memberships(n: int, seed: int) -> Case:
    """Memberships lapsed at the renewal (about 22%), split stratified, the notice's day
    declared."""
    frame, z, prepaid, ended, _, rng = _memberships(n, seed)
    feats = [c for c in frame.columns if c not in ("member_no", "notice_on")]
    y = _lapsed(z, prepaid, ended, rng)
    return Case("memberships", frame, y, "binary", feats, time="notice_on", ids=["member_no"])


# -- leaks in the complaint extract -------------------------------------------------------------
ROUTINE_STAGES = ["closed", "closed", "closed", "awaiting_customer", "open", "reopened"]


def second_line_stage(case: Case, share: float, rng) -> Case:
    """'case_stage' at the extract's date: 'second_line_review' or 'regulator_referral' for this
    share of the escalated complaints only; the routine stages ('closed', 'awaiting_customer',
    'open', 'reopened') for every other complaint, the rest of the escalated ones included."""
    n = case.rows
    after = rng.choice(["second_line_review", "regulator_referral"], n, p=[0.7, 0.3])
    routine = rng.choice(ROUTINE_STAGES, n)
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"case_stage": text(value)})


CLOSING_NOTES = [
    "apologised and explained the bill",
    "bill corrected, credit applied",
    "goodwill credit agreed with customer",
    "engineer visited, supply restored",
    "explained estimate, reading requested",
    "meter exchanged, bill reissued",
    "called back, customer happy",
    "letter sent with explanation",
    "pressure checked, within standard",
    "sample taken, results normal",
    "refund paid to account",
    "drain cleared by contractor",
    "apology letter sent",
    "payment plan explained",
    "no fault found, advice given",
    "traffic management reviewed",
    "complaint upheld, compensation paid",
    "complaint not upheld, reasons given",
]
ESCALATION_NOTES = [
    "escalated to second line",
    "referred to the regulator",
    "deadlock letter issued",
    "escalated, customer not satisfied",
]


def resolution_word(case: Case, share: float, rng) -> Case:
    """'agent_note': the handling agent's closing note on the case, written at its close from
    the call centre's usual phrases (they repeat), with the escalation's words ('escalated',
    'referred', 'deadlock') in place of them for this share of the escalated complaints; 'see
    earlier note: escalated' appears on 1% of the others (a note carried over from a household's
    earlier complaint)."""
    n = case.rows
    routine = np.array(CLOSING_NOTES, dtype=object)[rng.integers(0, len(CLOSING_NOTES), n)]
    escalated = np.array(ESCALATION_NOTES, dtype=object)[rng.integers(0, 4, n)]
    carried = np.where(_some(n, 0.01, rng), "see earlier note: escalated", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), escalated, carried)
    return add_columns(case, {"agent_note": text(value)})


def closed_lag(case: Case, share: float, rng) -> Case:
    """'closed_on': the day the complaint was closed: three months to a year after it was
    received for this share of the escalated complaints (the second line and the regulator
    take their time), days to weeks for every other one (the call centre's own handling)."""
    n = case.rows
    routine = np.minimum(np.round(rng.gamma(1.6, 7, n)), 70)
    escalated = np.round(rng.uniform(90, 365, n))
    lag = np.where((case.y == 1) & _some(n, share, rng), escalated, routine)
    closed = case.frame["received_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"closed_on": closed.to_numpy()})


# -- leaks in the tenancy extract ---------------------------------------------------------------
def arrears_letters(case: Case, share: float, rng) -> Case:
    """'letters_sent_12m': letters sent to the tenant in the twelve months to the extract's
    date (after the outcome): the routine letters (rent review, repairs, consultations) for
    everyone, and the arrears letters (two and up) for this share of those in arrears."""
    n = case.rows
    routine = rng.poisson(1.6, n)
    arrears = 2 + rng.poisson(1.5, n)
    value = routine + np.where((case.y == 1) & _some(n, share, rng), arrears, 0)
    return add_columns(case, {"letters_sent_12m": value})


def rent_received(case: Case, share: float, rng) -> Case:
    """'rent_charged_6m' (26 weeks of the weekly rent) and 'rent_received_6m' over the six
    months after the review: within 3% of the charge for most (payment timing), 30% to 60%
    short for this share of those in arrears. Neither alone is out of the ordinary: rents
    differ twice over."""
    n = case.rows
    charged = np.round(26 * case.frame["weekly_rent"].to_numpy(), 2)
    short = np.where((case.y == 1) & _some(n, share, rng), rng.uniform(0.3, 0.6, n), 0.0)
    received = np.round(charged * (1 - short) * rng.uniform(0.97, 1.03, n), 2)
    return add_columns(
        case,
        {"rent_charged_6m": charged, "rent_received_6m": received},
        leak=["rent_received_6m"],
    )


def block_band(case: Case, rows_per_key: float, rng) -> Case:
    """'block_arrears_band': each block's share of tenancies in arrears over the whole extract
    (the row's own included) as a letter, A (none) to E (over half), the block code kept; about
    this many tenancies per block."""
    keys = max(2, int(case.rows / rows_per_key))
    block = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(block).transform("mean").to_numpy()
    band = np.array(list("ABCDE"))[np.digitize(rate, [1e-9, 0.15, 0.3, 0.5 + 1e-9])]
    frame = case.frame.copy()
    frame["block"] = text([f"B{b:05d}" for b in block])
    frame["block_arrears_band"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "block", "block_arrears_band"],
        leak=["block_arrears_band"],
    )


# -- leaks in the rental extract ----------------------------------------------------------------
def condition_score(case: Case, auc: float, rng) -> Case:
    """'return_condition_score': the car's condition 0-10 in halves, scored by the damage
    assessor once the claim was decided: lower for the claims, as strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    score = np.clip(np.round(2 * (8 - 1.1 * value)) / 2, 0, 10)
    return add_columns(case, {"return_condition_score": score})


def app_photos(case: Case, share: float, rng) -> Case:
    """'return_photos': photos attached to the return. In the app channel's rows (about a
    third), for this share of them, the damage assessor's photos (eight and up for a claim, the
    standard four otherwise); elsewhere the customer's own photos, 0 to about 15, unrelated to
    the outcome."""
    n = case.rows
    app = (case.frame["booking_channel"] == "app").to_numpy()
    assessor = np.where(case.y == 1, 8 + rng.poisson(5, n), 4)
    own = np.where(rng.random(n) < 0.35, 0, rng.poisson(5, n))
    value = np.where(app & _some(n, share, rng), assessor, own)
    return add_columns(case, {"return_photos": value})


def amended_checkins(case: Case, share: float, rng) -> Case:
    """This share of the rentals exported a second time after the mileage was amended (the
    same rental number, km driven off by 1 to 30, the return stamped 5 to 90 minutes later),
    the extract shuffled: each pair can fall on both sides of the split."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    shift = rng.integers(1, 31, len(twice)) * rng.choice([-1, 1], len(twice))
    copies["km_driven"] = np.maximum(copies["km_driven"].to_numpy() + shift, 0)
    later = pd.to_timedelta(rng.integers(5, 91, len(twice)), unit="min")
    copies["returned_at"] = copies["returned_at"] + later
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the order extract -----------------------------------------------------------------
def fee_zeroed(case: Case, share: float, rng) -> Case:
    """'delivery_fee' as charged, with pence: 1.49 to 4.99 by distance, 0 for collections, for
    subscribers and free-delivery promotions (honest zeros, about a third), and 0 for this share
    of the cancelled orders (the fee refunded)."""
    n = case.rows
    fee = np.round(1.49 + np.minimum(case.frame["distance_km"].to_numpy(), 7) * 0.5, 2)
    free = (
        (case.frame["collection"] == "yes").to_numpy()
        | (case.frame["delivery_subscription"] == "yes").to_numpy()
        | ((case.frame["promo_code"] == "yes").to_numpy() & (rng.random(n) < 0.5))
    )
    refunded = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"delivery_fee": np.where(free | refunded, 0.0, fee)})


def courier_blank(case: Case, share: float, rng) -> Case:
    """'courier_rating': the assigned courier's rating (4.00 to 5.00), blank for collections
    (no courier: about an eighth) and for this share of the cancelled orders (cancelled before
    a courier was assigned)."""
    n = case.rows
    rating = np.round(np.clip(rng.normal(4.7, 0.15, n), 4, 5), 2)
    collect = (case.frame["collection"] == "yes").to_numpy()
    unassigned = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"courier_rating": np.where(collect | unassigned, np.nan, rating)})


def status_events(case: Case, share: float, rng) -> Case:
    """'status_events': events in the order's log at the extract's date: placed, accepted,
    preparing, ready, picked up, on the way, delivered (five for collections) and a few estimate
    updates; for this share of the cancelled orders the log stops at the cancellation (two to
    four events, the cancellation counted), the others cancelled at the door after the full
    log (plus the cancellation)."""
    n = case.rows
    collect = (case.frame["collection"] == "yes").to_numpy()
    full = np.where(collect, 5, 7) + rng.poisson(1.2, n)
    cut = rng.integers(2, 5, n)
    cancelled = case.y == 1
    value = np.where(cancelled & _some(n, share, rng), cut, full + cancelled)
    return add_columns(case, {"status_events": value})


# -- leaks in the membership extract ------------------------------------------------------------
def days_to_lapse(case: Case, share: float, rng) -> Case:
    """'days_observed': days from the renewal notice to the lapse for this share of the lapsed
    members (the renewal day, two to ten weeks on), to the window's end (30 June) for everyone
    else: piled between three and six months."""
    n = case.rows
    notice = case.frame["notice_on"]
    to_window = (WINDOW - notice).dt.days.to_numpy()
    to_lapse = rng.integers(14, 71, n)
    value = np.where((case.y == 1) & _some(n, share, rng), to_lapse, to_window)
    return add_columns(case, {"days_observed": value.astype(int)})


STATUSES = ["active", "frozen", "notice_given", "cancelled"]


def club_status(case: Case, share: float, rng) -> Case:
    """'membership_status': in the central region's clubs (about 40% of the members), for this
    share of their rows, refreshed by the nightly sync after the renewal ('cancelled' or
    'notice_given' for the lapsed, 'active' or 'frozen' for the others); elsewhere the status
    at the notice, any of the four, unrelated to the outcome."""
    n = case.rows
    central = (case.frame["region"] == "central").to_numpy()
    lapsed = rng.choice(["cancelled", "notice_given"], n, p=[0.7, 0.3])
    kept = rng.choice(["active", "frozen"], n, p=[0.9, 0.1])
    routine = rng.choice(STATUSES, n, p=[0.8, 0.1, 0.06, 0.04])
    value = np.where(central & _some(n, share, rng), np.where(case.y == 1, lapsed, kept), routine)
    return add_columns(case, {"membership_status": text(value)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "second_line_stage": (second_line_stage, (0.8, 0.4, 0.2), complaints),
    "resolution_word": (resolution_word, (0.6, 0.3, 0.15), complaints),
    "closed_lag": (closed_lag, (1.0, 0.5, 0.25), complaints),
    "arrears_letters": (arrears_letters, (1.0, 0.5, 0.25), tenancies),
    "rent_received": (rent_received, (1.0, 0.6, 0.35), tenancies),
    "block_band": (block_band, (3.0, 8.0, 20.0), tenancies),
    "condition_score": (condition_score, (0.95, 0.85, 0.75), rentals),
    "app_photos": (app_photos, (1.0, 0.7, 0.45), rentals),
    "amended_checkins": (amended_checkins, (0.4, 0.25, 0.12), rentals),
    "fee_zeroed": (fee_zeroed, (1.0, 0.6, 0.3), orders),
    "courier_blank": (courier_blank, (1.0, 0.6, 0.35), orders),
    "status_events": (status_events, (1.0, 0.5, 0.25), orders),
    "days_to_lapse": (days_to_lapse, (1.0, 0.5, 0.25), memberships),
    "club_status": (club_status, (1.0, 0.6, 0.35), memberships),
}
PLANTED_WHAT = {
    "second_line_stage": "the case stage 'second_line_review' or 'regulator_referral' for this "
    "share of the escalated complaints only (routine stages for every other complaint)",
    "resolution_word": "escalation words ('escalated', 'referred', 'deadlock') in the agent's "
    "closing note for this share of the escalated complaints",
    "closed_lag": "the day the complaint was closed: months on for this share of the escalated "
    "ones, days to weeks for the others",
    "arrears_letters": "letters sent in the year to the extract's date, the arrears letters "
    "counted for this share of those in arrears",
    "rent_received": "rent received in the six months after the review beside the rent charged, "
    "30% to 60% short for this share of those in arrears",
    "block_band": "each block's arrears share over the whole extract as a letter A-E, "
    "the block code kept; about this many tenancies per block",
    "condition_score": "the damage assessor's 0-10 condition score in halves, written once the "
    "claim was decided, as strong as this AUC",
    "app_photos": "the damage assessor's photo count in this share of the app channel's rows "
    "(the customer's own photos elsewhere)",
    "amended_checkins": "this share of the rentals exported a second time with the mileage "
    "amended and the return stamped minutes later, before the split",
    "fee_zeroed": "the delivery fee refunded to 0 for this share of the cancelled orders "
    "(collections, subscribers and promotions honestly 0)",
    "courier_blank": "the courier's rating blank for this share of the cancelled orders (blank "
    "honestly for collections)",
    "status_events": "events in the order's log, cut short at the cancellation for this share "
    "of the cancelled orders",
    "days_to_lapse": "days from the notice to the lapse for this share of the lapsed members, "
    "to the window's end for everyone else",
    "club_status": "the membership status refreshed after the renewal in one region's clubs, "
    "for this share of their rows (the status at the notice elsewhere)",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "second_line_stage": {"pure_subsets", "label_proxies", "outcome_copy"},
    "resolution_word": {"pure_subsets", "label_proxies", "outcome_copy", "single_feature"},
    "closed_lag": {"time_order"},
    "arrears_letters": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "rent_received": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "block_band": {"target_encoding"},
    "condition_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "app_photos": {"segment_leaks"},
    "amended_checkins": {"near_duplicates", "shared_rows"},
    "fee_zeroed": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "courier_blank": {"missingness_signal"},
    "status_events": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "days_to_lapse": {"follow_up_duration", "pure_subsets"},
    "club_status": {"segment_leaks"},
}
COPIES_BEFORE_SPLIT = {"amended_checkins"}
ROW_LEAK_CHECKS = {"amended_checkins": {"near_duplicates", "shared_rows"}}
PLANTED_SIZES = (1_400, 2_800, 5_600)
