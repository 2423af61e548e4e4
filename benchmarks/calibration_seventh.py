"""The seventh generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (13,000 and up). Other domains and shapes than every family
before it: an online retailer's returns, a bank's card transactions, a hospital's outpatient
appointments and a parcel carrier's deliveries — null families with honest confusers (a
free-shipping threshold that makes returns a step, a 1-5 fit rating and a 0-10 pain score as
ordinal scores, a tenure capped at 60 months, days since the last order capped at the 365-day
look-back and longer for those who return, foreign transactions zero for most cards, an IP on a
blocklist as an honest one-sided step, a count of transactions in the last 24 hours, lead times
from 0 upwards, delays of zero for most parcels) — and leaks planted in an orders extract, a
card extract, an appointments extract and a deliveries extract by generators of their own: noisy
copies, a status level written for one class, target encodings over the whole extract, a
timestamp moved by the outcome, figures changed for part of one class (a basket netted of its
refund, a credit limit cut after the fraud, reminder calls made after the missed appointment), a
reading zeroed for part of one class among honest zeros, parcels scanned twice before the split,
follow-up durations (days on the book until the fraud or the extract's date; a return window's
end written for every order kept) and a leak confined to one hub.

The sixth generation (benchmarks/calibration_sixth.py) was looked at once its results were
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


def _codes(rng, keys: int, n: int, concentration: float = 1.0) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (Dirichlet weights)."""
    return rng.choice(keys, n, p=rng.dirichlet(np.full(keys, concentration)))


# -- an online retailer's orders ----------------------------------------------------------------
CATEGORIES = ["shoes", "dresses", "shirts", "trousers", "electronics", "home", "toys"]


def _orders(n: int, seed: int):
    """Orders: the category, the basket value with cents, items in the basket, a discount step
    (0, 10, 20 or 30%), free shipping from 50 (a step), the customer's tenure in months (capped
    at 60: the loyalty scheme's start), returns in the last 90 days, days since the previous
    order (capped at the 365-day look-back; the new and the lapsed at the cap), the last fit
    rating 1-5 (blank for new customers), the payment method, the promised delivery days; and
    the log-odds of a return."""
    rng = np.random.default_rng(seed)
    cat = rng.choice(len(CATEGORIES), n, p=[0.18, 0.16, 0.16, 0.12, 0.14, 0.14, 0.10])
    clothing = cat <= 3
    items = 1 + rng.poisson(np.where(clothing, 1.4, 0.5))
    basket = np.round(items * rng.lognormal(np.where(cat == 4, 4.4, 3.3), 0.5), 2)
    discount = rng.choice([0, 10, 20, 30], n, p=[0.55, 0.2, 0.15, 0.1])
    free_ship = basket >= 50
    tenure = np.minimum(np.round(rng.exponential(22, n)), 60).astype(int)
    habit = rng.normal(0, 1, n)
    returns_90d = rng.poisson(np.exp(-1.0 + 0.7 * habit + 0.3 * clothing))
    since = np.minimum(np.round(rng.exponential(np.exp(3.4 + 0.3 * habit))), 365)
    since = np.where(tenure == 0, 365, since).astype(int)
    fit = np.clip(np.round(3.4 - 0.6 * habit + rng.normal(0, 0.8, n)), 1, 5)
    fit = np.where(tenure == 0, np.nan, fit)
    payment = rng.choice(["card", "invoice", "wallet"], n, p=[0.5, 0.3, 0.2])
    promised = rng.choice([1, 2, 3, 5], n, p=[0.2, 0.4, 0.3, 0.1])
    z = (
        0.7 * habit
        + 1.1 * clothing
        + 0.25 * (items - 1)
        + 0.015 * discount
        + 0.5 * free_ship
        + 0.35 * np.minimum(returns_90d, 4)
        + 0.002 * since
        - 0.25 * np.nan_to_num(fit - 3)
        + 0.4 * (payment == "invoice")
    )
    frame = pd.DataFrame(
        {
            "ordered_on": _on("2023-03-01", rng.integers(0, 540, n)),
            "category": text(np.array(CATEGORIES)[cat]),
            "basket_value": basket,
            "items": items,
            "discount_pct": discount,
            "tenure_months": tenure,
            "returns_90d": returns_90d,
            "days_since_last_order": since,
            "last_fit_rating_1_5": fit,
            "payment": text(payment),
            "promised_days": promised,
        }
    )
    return frame, z, rng


def order_returned(n: int, seed: int) -> Case:
    """Returned within 30 days (about 20%); split in time on the order date."""
    frame, z, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c != "ordered_on"]
    return Case(
        "order_returned",
        frame,
        outcome(z, 0.2, rng),
        "binary",
        feats,
        split="time",
        time="ordered_on",
    )


def items_returned(n: int, seed: int) -> Case:
    """How many of the basket's items come back (a count, zero for most orders)."""
    frame, z, rng = _orders(n, seed)
    p = 1 / (1 + np.exp(-(z - 2.0)))
    back = rng.binomial(frame["items"].to_numpy(), np.clip(p, 0, 1))
    feats = [c for c in frame.columns if c != "ordered_on"]
    return Case("items_returned", frame, back, "regression", feats, split="random")


# -- a bank's card transactions -----------------------------------------------------------------
MERCHANTS = ["grocery", "fuel", "travel", "electronics", "restaurants", "online_retail", "cash"]


def _cards(n: int, seed: int):
    """Card transactions at authorisation: amount with cents, merchant category, hour, channel
    (chip, contactless, online), distance from home (0 for most card-present ones), foreign
    transactions in the last 30 days (zero for most cards), transactions in the last 24 hours,
    card age in days, the credit limit (steps of 500), whether the IP was on a blocklist (an
    honest one-sided step: almost all fraud), the issuing branch; and the log-odds of fraud."""
    rng = np.random.default_rng(seed)
    merchant = rng.choice(len(MERCHANTS), n, p=[0.3, 0.12, 0.06, 0.08, 0.2, 0.18, 0.06])
    channel = rng.choice(["chip", "contactless", "online"], n, p=[0.35, 0.4, 0.25])
    online = channel == "online"
    amount = np.round(rng.lognormal(3.2 + 0.5 * (merchant == 2) + 0.6 * (merchant == 3), 0.9), 2)
    distance = np.where(
        online | (rng.random(n) < 0.6), 0.0, np.round(rng.lognormal(1.5, 1.2, n), 1)
    )
    foreign = np.where(rng.random(n) < 0.8, 0, rng.poisson(2.5, n))
    last_24h = rng.poisson(2.0, n)
    card_age = rng.integers(10, 3_000, n)
    limit = 500 * rng.integers(2, 21, n)
    hour = rng.integers(0, 24, n)
    blocklist = online & (rng.random(n) < 0.004)
    z = (
        0.45 * (np.log(amount) - 3.3)
        + 0.9 * online
        + 0.25 * np.log1p(distance)
        + 0.25 * np.minimum(foreign, 5)
        + 0.18 * np.minimum(last_24h, 10)
        - 0.3 * np.log(card_age / 365)
        + 0.5 * ((hour <= 4) | (hour >= 23))
        + 0.5 * (merchant == 3)
    )
    frame = pd.DataFrame(
        {
            "authorised_on": _on("2024-01-01", rng.integers(0, 365, n)),
            "amount": amount,
            "merchant_category": text(np.array(MERCHANTS)[merchant]),
            "hour": hour,
            "channel": text(channel),
            "distance_from_home_km": distance,
            "foreign_tx_30d": foreign,
            "tx_last_24h": last_24h,
            "card_age_days": card_age,
            "credit_limit": limit,
            "ip_on_blocklist": text(np.where(blocklist, "yes", "no")),
            "branch": text(rng.choice([f"BR{i:02d}" for i in range(12)], n)),
        }
    )
    return frame, z, blocklist, rng


def card_fraud(n: int, seed: int) -> Case:
    """Confirmed fraud (about 5%; 98% where the IP was on a blocklist); split in time on the
    authorisation day."""
    frame, z, blocklist, rng = _cards(n, seed)
    y = np.where(blocklist, (rng.random(n) < 0.98).astype(int), outcome(z, 0.05, rng))
    feats = [c for c in frame.columns if c != "authorised_on"]
    return Case("card_fraud", frame, y, "binary", feats, split="time", time="authorised_on")


def disputed_amount(n: int, seed: int) -> Case:
    """The amount disputed by the cardholder within 60 days (with cents; zero for most)."""
    frame, z, _, rng = _cards(n, seed)
    disputed = rng.random(n) < 1 / (1 + np.exp(-(z - 2.5)))
    value = np.where(disputed, frame["amount"].to_numpy() * rng.uniform(0.3, 1.0, n), 0.0)
    feats = [c for c in frame.columns if c != "authorised_on"]
    return Case("disputed_amount", frame, np.round(value, 2), "regression", feats, split="random")


# -- a hospital's outpatient appointments -------------------------------------------------------
SPECIALTIES = ["cardiology", "dermatology", "orthopaedics", "psychiatry", "ophthalmology", "ent"]


def _appointments(n: int, seed: int):
    """Appointments: the clinic (declared group), specialty, the patient's age, the lead time in
    days (0 upwards, most within three weeks), earlier no-shows (a count), an SMS reminder sent,
    the distance in km, the weekday, a first visit or a follow-up, a 0-10 pain score from the
    referral, patient-portal logins in the last 30 days (zero for many, the older most), the
    insurance; and the log-odds of not showing up."""
    rng = np.random.default_rng(seed)
    clinics = max(8, n // 150)
    clinic = _codes(rng, clinics, n, 2.0)
    specialty = rng.choice(len(SPECIALTIES), n)
    age = np.clip(np.round(rng.normal(52, 19, n)), 18, 95).astype(int)
    lead = np.round(rng.gamma(1.2, 12, n)).astype(int)
    earlier = rng.poisson(np.exp(-1.3 + 0.4 * rng.normal(0, 1, n)))
    sms = rng.random(n) < 0.7
    distance = np.round(rng.gamma(2, 6, n), 1)
    weekday = rng.choice(["Mon", "Tue", "Wed", "Thu", "Fri"], n)
    first = rng.random(n) < 0.35
    pain = np.clip(np.round(rng.normal(4.5, 2.2, n)), 0, 10).astype(int)
    logins = np.where(rng.random(n) < np.clip((age - 20) / 80, 0.1, 0.9), 0, rng.poisson(3, n))
    insurance = rng.choice(["statutory", "private", "self_pay"], n, p=[0.8, 0.15, 0.05])
    z = (
        0.035 * np.minimum(lead, 60)
        + 0.5 * np.minimum(earlier, 4)
        - 0.5 * sms
        + 0.02 * distance
        - 0.015 * (age - 50)
        + 0.3 * first
        - 0.08 * pain
        - 0.1 * np.minimum(logins, 5)
        + 0.7 * (insurance == "self_pay")
        + 0.4 * (specialty == 3)
        + rng.normal(0, 0.3, clinics)[clinic]
    )
    frame = pd.DataFrame(
        {
            "clinic": text([f"clinic_{c:03d}" for c in clinic]),
            "booked_on": _on("2023-09-01", rng.integers(0, 400, n)),
            "specialty": text(np.array(SPECIALTIES)[specialty]),
            "age": age,
            "lead_days": lead,
            "earlier_no_shows": earlier,
            "sms_reminder": text(np.where(sms, "yes", "no")),
            "distance_km": distance,
            "weekday": text(weekday),
            "first_visit": text(np.where(first, "yes", "no")),
            "pain_0_10": pain,
            "portal_logins_30d": logins,
            "insurance": text(insurance),
        }
    )
    return frame, z, rng


def no_show(n: int, seed: int) -> Case:
    """Did not come (about 18%); split by clinic."""
    frame, z, rng = _appointments(n, seed)
    feats = [c for c in frame.columns if c not in ("clinic", "booked_on")]
    return Case(
        "no_show", frame, outcome(z, 0.18, rng), "binary", feats, split="group", group="clinic"
    )


def wait_minutes(n: int, seed: int) -> Case:
    """Minutes in the waiting room (whole minutes, more at busy specialties and first visits)."""
    frame, z, rng = _appointments(n, seed)
    busy = frame["specialty"].isin(["orthopaedics", "ophthalmology"]).to_numpy()
    first = (frame["first_visit"] == "yes").to_numpy()
    wait = rng.gamma(2, 8 + 6 * busy + 4 * first + 0.5 * np.clip(z, -3, 3))
    feats = [c for c in frame.columns if c not in ("clinic", "booked_on")]
    return Case("wait_minutes", frame, np.round(wait), "regression", feats, split="random")


# -- a parcel carrier's deliveries --------------------------------------------------------------
SERVICES = ["economy", "standard", "express"]


def _deliveries(n: int, seed: int):
    """Parcels: the hub, service level, distance in km, weight in kg, stops on the driver's route,
    the hub's load that day in percent (capped at 100), the weather, the promised days (1-5),
    whether a signature is needed, the sender's parcels that month; and the log-odds of arriving
    late."""
    rng = np.random.default_rng(seed)
    hubs = 10
    hub = _codes(rng, hubs, n, 3.0)
    service = rng.choice(3, n, p=[0.35, 0.5, 0.15])
    distance = np.round(rng.gamma(2.2, 120, n), 1)
    weight = np.round(rng.lognormal(0.8, 0.8, n), 2)
    stops = rng.poisson(95, n)
    load = np.minimum(100.0, np.round(rng.normal(78, 14, n), 1))
    weather = rng.choice(["dry", "rain", "snow", "storm"], n, p=[0.6, 0.28, 0.08, 0.04])
    promised = np.clip(3 - service + rng.integers(0, 3, n), 1, 5)
    signature = rng.random(n) < 0.2
    sender = np.round(rng.lognormal(4, 1.5, n)).astype(int)
    z = (
        0.004 * distance
        + 0.04 * (load - 78)
        + 0.012 * (stops - 95)
        + np.select([weather == "rain", weather == "snow", weather == "storm"], [0.3, 1.0, 1.4])
        + 0.5 * (service == 2)
        - 0.25 * promised
        + 0.3 * signature
        + 0.1 * np.log(weight)
        + rng.normal(0, 0.35, hubs)[hub]
    )
    frame = pd.DataFrame(
        {
            "shipped_on": _on("2024-02-01", rng.integers(0, 300, n)),
            "hub": text([f"hub_{h:02d}" for h in hub]),
            "service": text(np.array(SERVICES)[service]),
            "distance_km": distance,
            "weight_kg": weight,
            "route_stops": stops,
            "hub_load_pct": load,
            "weather": text(weather),
            "promised_days": promised,
            "signature": text(np.where(signature, "yes", "no")),
            "sender_parcels_month": sender,
        }
    )
    return frame, z, rng


def delivered_late(n: int, seed: int) -> Case:
    """Arrived after the promised day (about 15%); split at random."""
    frame, z, rng = _deliveries(n, seed)
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case("delivered_late", frame, outcome(z, 0.15, rng), "binary", feats, split="random")


def delay_hours(n: int, seed: int) -> Case:
    """Hours past the promised time (zero for most parcels, one decimal)."""
    frame, z, rng = _deliveries(n, seed)
    late = rng.random(n) < 1 / (1 + np.exp(-(z - 1.7)))
    feats = [c for c in frame.columns if c != "shipped_on"]
    value = np.where(late, rng.gamma(1.5, 10 + 4 * np.clip(z, 0, 4)), 0.0)
    return Case("delay_hours", frame, np.round(value, 1), "regression", feats, split="random")


def delivery_band(n: int, seed: int) -> Case:
    """Early, on time or late (three classes)."""
    frame, z, rng = _deliveries(n, seed)
    y = np.digitize(z + rng.logistic(0, 0.9, n), [-1.2, 1.6])
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case("delivery_band", frame, y, "multiclass", feats)


NULL_FAMILIES = {
    "order_returned": order_returned,
    "items_returned": items_returned,
    "card_fraud": card_fraud,
    "disputed_amount": disputed_amount,
    "no_show": no_show,
    "wait_minutes": wait_minutes,
    "delivered_late": delivered_late,
    "delay_hours": delay_hours,
    "delivery_band": delivery_band,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 13) % 6], so consecutive seeds take all six
NULL_SIZES = (700, 1_000, 1_500, 2_200, 3_200, 4_800)
NULL_MIN_SIZE = {"card_fraud": 2_000, "no_show": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def orders(n: int, seed: int) -> Case:
    """Orders with a return within 30 days (about 20%), split stratified, the order date
    declared."""
    frame, z, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c != "ordered_on"]
    return Case("orders", frame, outcome(z, 0.2, rng), "binary", feats, time="ordered_on")


def cards(n: int, seed: int) -> Case:
    """Card transactions with fraud (about 7%), split stratified, the authorisation day
    declared."""
    frame, z, _, rng = _cards(n, seed)
    feats = [c for c in frame.columns if c != "authorised_on"]
    return Case("cards", frame, outcome(z, 0.07, rng), "binary", feats, time="authorised_on")


def appointments(n: int, seed: int) -> Case:
    """Appointments with no-shows (about 18%), split stratified, the clinic left out."""
    frame, z, rng = _appointments(n, seed)
    frame = frame.drop(columns=["clinic"])
    feats = [c for c in frame.columns if c != "booked_on"]
    return Case("appointments", frame, outcome(z, 0.18, rng), "binary", feats, time="booked_on")


def deliveries(n: int, seed: int) -> Case:
    """Parcels arriving late (about 15%), split stratified, the shipping day declared."""
    frame, z, rng = _deliveries(n, seed)
    feats = [c for c in frame.columns if c != "shipped_on"]
    return Case("deliveries", frame, outcome(z, 0.15, rng), "binary", feats, time="shipped_on")


# -- leaks in the orders extract ----------------------------------------------------------------
def basket_net(case: Case, share: float, rng) -> Case:
    """'basket_value' as the finance extract holds it: net of the refund for this share of the
    returned orders (the returned items' value struck off, 30% to 100% of it)."""
    n = case.rows
    now = case.frame["basket_value"].to_numpy()
    refunded = (case.y == 1) & _some(n, share, rng)
    frame = case.frame.copy()
    frame["basket_value"] = np.round(np.where(refunded, now * rng.uniform(0.0, 0.7, n), now), 2)
    return replace(case, frame=frame, leak=["basket_value"])


def return_window(case: Case, share: float, rng) -> Case:
    """'days_open': days from the order until the return arrived (1 to 29) for this share of the
    returned orders, 30 (the window's end) for every order kept and the other returns."""
    n = case.rows
    arrived = np.clip(np.round(rng.gamma(2.5, 4, n)), 1, 29)
    value = np.where((case.y == 1) & _some(n, share, rng), arrived, 30).astype(int)
    return add_columns(case, {"days_open": value})


def last_touched(case: Case, share: float, rng) -> Case:
    """'record_updated_on': for this share of orders the day the order was last changed because
    of its outcome (the refund, 5 to 40 days after the order; the window's close, 31 to 45 days,
    for the kept ones); a routine change 0 to 60 days after the order elsewhere."""
    n = case.rows
    at_outcome = np.where(case.y == 1, rng.integers(5, 41, n), rng.integers(31, 46, n))
    lag = np.where(_some(n, share, rng), at_outcome, rng.integers(0, 61, n))
    when = case.frame["ordered_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"record_updated_on": when})


# -- leaks in the card extract ------------------------------------------------------------------
def analyst_score(case: Case, auc: float, rng) -> Case:
    """'analyst_risk_score': a fraud analyst's 0-100 score written at the chargeback review, the
    outcome plus noise as strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(case, {"analyst_risk_score": np.clip(np.round(40 + 15 * value), 0, 100)})


def card_status(case: Case, share: float, rng) -> Case:
    """'card_status' read at the extract's date: 'blocked - fraud' or 'reissued' for this share
    of the fraud cases; 'active' elsewhere, 'expired' or 'lost' for a few of the others."""
    n = case.rows
    after = rng.choice(["blocked - fraud", "reissued"], n, p=[0.6, 0.4])
    routine = rng.choice(["active", "expired", "lost"], n, p=[0.94, 0.04, 0.02])
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"card_status": text(value)})


def limit_cut(case: Case, share: float, rng) -> Case:
    """'credit_limit' read after the fraud: cut to 500 or 1,000 for this share of the fraud
    cases (the bank's response); the limit at authorisation elsewhere (500 to 10,000)."""
    n = case.rows
    now = case.frame["credit_limit"].to_numpy()
    cut = (case.y == 1) & _some(n, share, rng)
    frame = case.frame.copy()
    frame["credit_limit"] = np.where(cut, np.minimum(now, 500 * rng.integers(1, 3, n)), now)
    return replace(case, frame=frame, leak=["credit_limit"])


def days_on_book(case: Case, share: float, rng) -> Case:
    """'days_on_book': days from the card's monitoring start until the fraud (most within weeks)
    for this share of the fraud cases, until the extract's date elsewhere (started at any time
    in the two years before it: spread from 30 to 730 days)."""
    n = case.rows
    to_extract = rng.integers(30, 731, n)
    to_fraud = np.clip(np.round(rng.exponential(60, n)), 1, 729)
    value = np.where((case.y == 1) & _some(n, share, rng), to_fraud, to_extract)
    return add_columns(case, {"days_on_book": value.astype(int)})


# -- leaks in the appointments extract ----------------------------------------------------------
def doctor_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'doctor_no_show_rate': each doctor's no-show rate over the whole extract, smoothed towards
    the overall rate with 3 pseudo-appointments, the doctor code kept; about this many
    appointments per doctor."""
    keys = max(2, int(case.rows / rows_per_key))
    doctor = _codes(rng, keys, case.rows, 2.0)
    y = pd.Series(case.y.astype(float))
    sums = y.groupby(doctor).transform("sum").to_numpy()
    counts = y.groupby(doctor).transform("count").to_numpy()
    rate = (sums + 3 * y.mean()) / (counts + 3)
    return add_columns(
        case,
        {"doctor": text([f"DR{d:04d}" for d in doctor]), "doctor_no_show_rate": rate.round(3)},
        leak=["doctor_no_show_rate"],
    )


def reminder_calls(case: Case, share: float, rng) -> Case:
    """'reminder_calls': calls to the patient in the appointment's month (0 to 2, routine); for
    this share of the no-shows the calls after the missed appointment added (2 to 5 more)."""
    n = case.rows
    routine = rng.binomial(2, 0.3, n)
    after = rng.integers(2, 6, n)
    calls = routine + np.where((case.y == 1) & _some(n, share, rng), after, 0)
    return add_columns(case, {"reminder_calls": calls})


def portal_archived(case: Case, share: float, rng) -> Case:
    """'portal_logins_30d' read after the appointment: 0 for this share of the no-shows (their
    portal account archived after the missed appointment), as it is honestly for the many who
    never log in."""
    n = case.rows
    now = case.frame["portal_logins_30d"].to_numpy()
    frame = case.frame.copy()
    frame["portal_logins_30d"] = np.where((case.y == 1) & _some(n, share, rng), 0, now)
    return replace(case, frame=frame, leak=["portal_logins_30d"])


# -- leaks in the deliveries extract ------------------------------------------------------------
def rescanned(case: Case, share: float, rng) -> Case:
    """A sorting centre's scanner that sent this share of the parcels twice (exact copies), the
    extract in shipping order."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    rows = np.concatenate([np.arange(case.rows), twice])
    rows = rows[np.argsort(case.frame["shipped_on"].to_numpy()[rows], kind="stable")]
    return replace(
        case, frame=case.frame.iloc[rows].reset_index(drop=True), y=case.y[rows], leak=[]
    )


def hub_exceptions(case: Case, share: float, rng) -> Case:
    """'exception_minutes': minutes of exception handling logged for the parcel — at hub_03,
    for this share of its parcels, logged once the delivery closed (40 to 120 for the late ones,
    0 to 15 for the others); elsewhere the sorting's routine minutes (0 to 120, any parcel)."""
    n = case.rows
    hub = case.frame["hub"].astype("str").to_numpy() == "hub_03"
    routine = np.round(rng.gamma(1.5, 18, n)).clip(0, 120)
    after = np.where(case.y == 1, rng.uniform(40, 120, n), rng.uniform(0, 15, n))
    value = np.where(hub & _some(n, share, rng), np.round(after), routine)
    return add_columns(case, {"exception_minutes": value})


def courier_notes(case: Case, share: float, rng) -> Case:
    """'courier_flag': a flag the courier set on the parcel: 'customer not home' or 'address
    problem' for this share of the late parcels, 'fragile' or 'left with neighbour' for a few
    of the others, blank elsewhere."""
    n = case.rows
    late = rng.choice(["customer not home", "address problem"], n, p=[0.6, 0.4])
    routine = rng.choice(["fragile", "left with neighbour"], n)
    value = np.where(
        case.y == 1,
        np.where(_some(n, share, rng), late, None),
        np.where(_some(n, 0.04, rng), routine, None),
    )
    return add_columns(case, {"courier_flag": text(value)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "basket_net": (basket_net, (1.0, 0.5, 0.25), orders),
    "return_window": (return_window, (1.0, 0.5, 0.25), orders),
    "last_touched": (last_touched, (1.0, 0.5, 0.25), orders),
    "analyst_score": (analyst_score, (0.95, 0.9, 0.85), cards),
    "card_status": (card_status, (0.6, 0.3, 0.15), cards),
    "limit_cut": (limit_cut, (1.0, 0.5, 0.25), cards),
    "days_on_book": (days_on_book, (1.0, 0.5, 0.25), cards),
    "doctor_rate": (doctor_rate, (6.0, 20.0, 60.0), appointments),
    "reminder_calls": (reminder_calls, (1.0, 0.5, 0.25), appointments),
    "portal_archived": (portal_archived, (1.0, 0.5, 0.25), appointments),
    "rescanned": (rescanned, (0.3, 0.15, 0.08), deliveries),
    "hub_exceptions": (hub_exceptions, (1.0, 0.6, 0.3), deliveries),
    "courier_notes": (courier_notes, (0.6, 0.3, 0.15), deliveries),
}
PLANTED_WHAT = {
    "basket_net": "the basket's value net of the refund for this share of the returned orders",
    "return_window": "days until the return arrived for this share of the returned orders, the "
    "window's end (30) for every other order",
    "last_touched": "the day the order was last changed because of its outcome, for this share "
    "of orders (a routine change elsewhere)",
    "analyst_score": "a fraud analyst's 0-100 score written at the chargeback review, as strong "
    "as this AUC",
    "card_status": "the card's status at the extract's date ('blocked - fraud', 'reissued') for "
    "this share of the fraud cases",
    "limit_cut": "the credit limit cut to 500 or 1,000 after the fraud, for this share of the "
    "fraud cases",
    "days_on_book": "days until the fraud for this share of the fraud cases, until the "
    "extract's date elsewhere",
    "doctor_rate": "each doctor's no-show rate over the whole extract, smoothed; about this many "
    "appointments per doctor",
    "reminder_calls": "calls after the missed appointment added to the routine reminder calls, "
    "for this share of the no-shows",
    "portal_archived": "portal logins read as 0 after the account was archived, for this share "
    "of the no-shows (many patients honestly never log in)",
    "rescanned": "this share of the parcels sent twice by a scanner before the split",
    "hub_exceptions": "exception minutes logged after the delivery closed at one hub, for this "
    "share of its parcels",
    "courier_notes": "a courier's flag for this share of the late parcels (4% of the others "
    "have a routine flag)",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "basket_net": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "return_window": {"follow_up_duration", "pure_subsets"},
    "last_touched": {"time_order"},
    "analyst_score": {"outcome_copy", "single_feature"},
    "card_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "limit_cut": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "days_on_book": {"follow_up_duration", "pure_subsets"},
    "doctor_rate": {"target_encoding"},
    "reminder_calls": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "portal_archived": {"changed_figures", "outcome_copy", "pure_subsets", "missingness_signal"},
    "rescanned": {"shared_rows"},
    "hub_exceptions": {"segment_leaks"},
    "courier_notes": {"missingness_signal", "outcome_copy", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"rescanned"}
ROW_LEAK_CHECKS = {"rescanned": {"shared_rows", "near_duplicates"}}
PLANTED_SIZES = (1_500, 3_000, 6_000)
