"""The twentythird generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (47,000 and up). Other domains and shapes than
every family before it: a craft brewery's batches poured away, a canal boat hire firm's hires
ending with the damage deposit kept, a sawmill's log loads downgraded at grading, a bakery's
wholesale orders with loaves returned unsold and a ski hire shop's skis coming back damaged —
null families of realistic shapes with the honest confusers consultants meet in such extracts,
and leaks planted in an extract of each domain by generators of their own, each graded by three
strengths.

The twentysecond generation (benchmarks/calibration_twentysecond.py) is the kept-aside set of
the round in which this one was written; this one is for a later round and is not registered
yet.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets, unit: str = "D") -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit=unit)


def _some(n: int, share, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, spread: float = 0.8) -> np.ndarray:
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _ruled(y, who, share: float, rng) -> np.ndarray:
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _prose(rng, pool, n: int, lo: int = 2, hi: int = 8) -> pd.Series:
    k = rng.integers(lo, hi, n)
    return text([" ".join(rng.choice(pool, int(m))) for m in k])


def _yes(flags) -> pd.Series:
    return text(np.where(flags, "yes", "no"))


def _pick(names, index) -> np.ndarray:
    return np.array(names, dtype=object)[index]


def _refs(rng, prefix: str, m: int) -> pd.Series:
    return text([f"{prefix}{k}" for k in rng.choice(9_000_000, m, replace=False) + 10**6])


def _hit(case: Case, share: float, rng) -> np.ndarray:
    return (case.y == 1) & _some(case.rows, share, rng)


# -- a craft brewery's batches -------------------------------------------------------------------
STYLES = ["pale_ale", "ipa", "stout", "porter", "lager", "sour", "wheat"]
STYLE_EFFECT = np.array([-0.3, 0.1, -0.4, -0.3, 0.3, 1.1, 0.2])
YEASTS = ["house_ale", "us05", "kveik", "lager_w34", "brett_blend"]
YEAST_EFFECT = np.array([-0.4, 0.0, -0.2, 0.3, 1.0])
BREW_WORDS = [
    "mash", "temp", "ok", "sparge", "slow", "hops", "late", "dry", "hopped", "pitched",
    "cool", "warm", "fv3", "fv5", "new", "malt", "lot", "gravity", "on", "target", "cip",
    "done", "valve", "checked", "brewer", "sam", "jo",
]  # fmt: skip


def _batches(n: int, seed: int):
    """Batches brewed over three years: the batch number, the brewer, the day brewed, style,
    yeast, fermenter, original gravity, the yeast generation (repitched 1-10), the mash pH, the
    cellar's cleaning score 0-10 the week before, days since the fermenter's last deep clean
    (capped at 60), honest blanks in the dissolved-oxygen reading, the brewer's note; sours in
    the old wooden foeder are nearly always poured away (a business rule)."""
    rng = np.random.default_rng(seed)
    style = rng.choice(len(STYLES), n, p=[0.25, 0.2, 0.1, 0.08, 0.17, 0.1, 0.1])
    yeast = rng.choice(len(YEASTS), n, p=[0.35, 0.25, 0.15, 0.15, 0.1])
    brewer = _codes(rng, 9, n, 0.5)
    skill = rng.normal(0, 0.4, 9)
    fermenter = rng.integers(1, 9, n)
    gravity = np.round(rng.normal(1.052, 0.008, n), 3)
    generation = rng.integers(1, 11, n)
    ph = np.round(rng.normal(5.35, 0.12, n), 2)
    clean = np.clip(np.round(rng.normal(7.5, 1.5, n)), 0, 10).astype(int)
    since = np.minimum(rng.exponential(18, n).astype(int), 60)
    oxygen = np.round(rng.gamma(2, 0.05, n), 3)
    oxygen = np.where(_some(n, 0.2, rng), np.nan, oxygen)
    foeder = (style == 5) & _some(n, 0.3, rng)
    z = (
        STYLE_EFFECT[style]
        + YEAST_EFFECT[yeast]
        + 0.12 * (generation - 5)
        + 3.0 * np.abs(ph - 5.35)
        - 0.3 * (clean - 7.5)
        + 0.025 * since
        + 4.0 * np.nan_to_num(oxygen - 0.1)
        - skill[brewer]
        + 20 * (gravity - 1.052)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "batch_no": _refs(rng, "B", n),
            "brewer": text([f"BR{k}" for k in brewer]),
            "brewed_on": _on("2022-01-03", rng.integers(0, 1_095, n)),
            "style": text(_pick(STYLES, style)),
            "yeast": text(_pick(YEASTS, yeast)),
            "fermenter": text([f"FV{k}" for k in fermenter]),
            "original_gravity": gravity,
            "yeast_generation": generation,
            "mash_ph": ph,
            "cellar_clean_score_0_10": clean,
            "days_since_deep_clean": since,
            "dissolved_oxygen_ppm": oxygen,
            "in_wooden_foeder": _yes(foeder),
            "brew_note": _prose(rng, BREW_WORDS, n),
        }
    )
    return frame, z, foeder, rng


def _poured(z, ruled, rng):
    """Poured away (about 12%); 92% of the foeder sours."""
    return _ruled(outcome(z, 0.12, rng), ruled, 0.92, rng)


BATCH_INPUTS = ("batch_no", "brewer", "brewed_on")


def batch_poured(n: int, seed: int) -> Case:
    """Poured away; split by brewer."""
    frame, z, ruled, rng = _batches(n, seed)
    feats = [c for c in frame.columns if c not in BATCH_INPUTS]
    return Case(
        "batch_poured", frame, _poured(z, ruled, rng), "binary", feats, split="group",
        group="brewer", ids=["batch_no"],
    )  # fmt: skip


def batch_poured_later(n: int, seed: int) -> Case:
    """Poured away; split in time on the day brewed."""
    frame, z, ruled, rng = _batches(n, seed)
    feats = [c for c in frame.columns if c not in BATCH_INPUTS]
    return Case(
        "batch_poured_later", frame, _poured(z, ruled, rng), "binary", feats, split="time",
        time="brewed_on", ids=["batch_no"],
    )  # fmt: skip


# -- a canal boat hire firm's hires --------------------------------------------------------------
BASES = ["wharf_north", "lock_17", "junction", "basin"]
BASE_EFFECT = np.array([0.0, 0.5, -0.2, 0.2])
BOATS = ["narrowboat_45", "narrowboat_58", "narrowboat_70", "widebeam"]
BOAT_EFFECT = np.array([-0.4, 0.0, 0.5, 0.3])
HIRE_WORDS = [
    "first", "time", "returning", "family", "dog", "stag", "party", "anniversary", "kids",
    "experienced", "boater", "asked", "about", "locks", "tunnel", "route", "ring", "slow",
]  # fmt: skip


def _hires(n: int, seed: int):
    """Hires over three seasons: the hire number, the customer (repeat hirers), the day the
    hire starts, the base, the boat, nights, crew size, a dog aboard, the hirer's experience
    0-5 self-rated at booking, previous hires (zero for most), the handover instructor's
    confidence 1-5 before setting off, the booking note; stag parties on the longest boats
    lose their deposit nearly always (a rule)."""
    rng = np.random.default_rng(seed)
    customers = max(30, int(n * 0.7))
    customer = _codes(rng, customers, n, 0.5)
    careless = rng.normal(0, 0.6, customers)
    base = rng.choice(4, n, p=[0.35, 0.25, 0.25, 0.15])
    boat = rng.choice(4, n, p=[0.25, 0.35, 0.25, 0.15])
    nights = rng.choice([3, 4, 7, 10, 14], n, p=[0.3, 0.3, 0.3, 0.05, 0.05])
    crew = rng.integers(2, 9, n)
    dog = _some(n, 0.25, rng)
    experience = rng.integers(0, 6, n)
    previous = np.where(_some(n, 0.7, rng), 0, rng.poisson(2, n) + 1)
    confidence = np.clip(np.round(3.2 + 0.3 * (experience - 2.5) + rng.normal(0, 0.8, n)), 1, 5)
    stag = (boat == 2) & _some(n, 0.08, rng)
    z = (
        BASE_EFFECT[base]
        + BOAT_EFFECT[boat]
        + 0.08 * nights
        + 0.12 * (crew - 4)
        + 0.4 * dog
        - 0.2 * experience
        - 0.25 * np.minimum(previous, 4)
        - 0.45 * (confidence - 3)
        + careless[customer]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "hire_no": _refs(rng, "H", n),
            "customer": text([f"C{k:05d}" for k in customer]),
            "starts_on": _on("2022-03-25", rng.integers(0, 210, n) + 365 * rng.integers(0, 3, n)),
            "base": text(_pick(BASES, base)),
            "boat_class": text(_pick(BOATS, boat)),
            "nights": nights,
            "crew": crew,
            "dog_aboard": _yes(dog),
            "experience_0_5": experience,
            "previous_hires": previous,
            "handover_confidence_1_5": confidence,
            "stag_party": _yes(stag),
            "booking_note": _prose(rng, HIRE_WORDS, n, 0, 6),
        }
    )
    return frame, z, stag, rng


def _kept(z, ruled, rng):
    """Deposit kept (about 18%); 90% of the stag parties on 70-foot boats."""
    return _ruled(outcome(z, 0.18, rng), ruled, 0.9, rng)


HIRE_INPUTS = ("hire_no", "customer", "starts_on")


def deposit_kept(n: int, seed: int) -> Case:
    """Deposit kept; split by customer."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "deposit_kept", frame, _kept(z, ruled, rng), "binary", feats, split="group",
        group="customer", ids=["hire_no"],
    )  # fmt: skip


def deposit_kept_later(n: int, seed: int) -> Case:
    """Deposit kept; split in time (repeat hirers on both sides)."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "deposit_kept_later", frame, _kept(z, ruled, rng), "binary", feats, split="time",
        time="starts_on", ids=["hire_no"],
    )  # fmt: skip


# -- a sawmill's log loads -----------------------------------------------------------------------
SPECIES = ["sitka", "larch", "douglas_fir", "scots_pine", "norway_spruce"]
SPECIES_EFFECT = np.array([0.0, 0.4, -0.3, 0.5, 0.1])
FORESTS = [f"forest_{k}" for k in range(14)]


def _loads(n: int, seed: int):
    """Log loads delivered: the ticket, the haulier, the day weighed, species, forest, tonnes,
    mean top diameter, the harvester's stem-straightness score 1-5, days felled before
    delivery (capped at 90), a windblow flag, the forester's pre-harvest quality class A-D."""
    rng = np.random.default_rng(seed)
    species = rng.choice(5, n, p=[0.4, 0.15, 0.15, 0.15, 0.15])
    forest = _codes(rng, 14, n, 0.6)
    site = rng.normal(0, 0.5, 14)
    haulier = rng.integers(0, 6, n)
    tonnes = np.round(rng.normal(27, 2.5, n), 1)
    diameter = np.round(rng.gamma(9, 2.6, n), 1)
    straight = rng.choice([1, 2, 3, 4, 5], n, p=[0.05, 0.15, 0.35, 0.3, 0.15])
    felled = np.minimum(rng.exponential(25, n).astype(int), 90)
    windblow = _some(n, 0.12, rng)
    cls = np.clip(np.round(1.5 - 0.6 * (straight - 3) + site[forest] + rng.normal(0, 0.7, n)), 0, 3)
    z = (
        SPECIES_EFFECT[species]
        + site[forest]
        - 0.7 * (straight - 3)
        + 0.02 * felled
        + 1.2 * windblow
        - 0.05 * (diameter - 23)
        + 0.4 * (cls - 1.5)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "ticket_no": _refs(rng, "T", n),
            "haulier": text([f"haulier_{k}" for k in haulier]),
            "weighed_on": _on("2021-06-01", rng.integers(0, 1_000, n)),
            "species": text(_pick(SPECIES, species)),
            "forest": text(_pick(FORESTS, forest)),
            "tonnes": tonnes,
            "top_diameter_cm": diameter,
            "straightness_1_5": straight,
            "days_since_felled": felled,
            "windblow": _yes(windblow),
            "pre_harvest_class": text(_pick(["A", "B", "C", "D"], cls.astype(int))),
        }
    )
    return frame, z, rng


LOAD_INPUTS = ("ticket_no", "haulier", "weighed_on")


def load_downgraded(n: int, seed: int) -> Case:
    """Downgraded (about 30%); split by forest (a strong honest place effect)."""
    frame, z, rng = _loads(n, seed)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    return Case(
        "load_downgraded", frame, outcome(z, 0.3, rng), "binary", feats, split="group",
        group="forest", ids=["ticket_no"],
    )  # fmt: skip


def load_downgraded_later(n: int, seed: int) -> Case:
    """Downgraded; split in time on the day weighed."""
    frame, z, rng = _loads(n, seed)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    return Case(
        "load_downgraded_later", frame, outcome(z, 0.3, rng), "binary", feats, split="time",
        time="weighed_on", ids=["ticket_no"],
    )  # fmt: skip


# -- a bakery's wholesale orders -----------------------------------------------------------------
OUTLETS = ["cafe", "farm_shop", "deli", "pub", "school", "corner_shop"]
OUTLET_EFFECT = np.array([-0.2, 0.3, 0.0, 0.4, -0.8, 0.5])
BAKE_WORDS = [
    "sourdough", "rye", "seeded", "white", "bloomer", "extra", "market", "day", "holiday",
    "standing", "order", "trial", "new", "line", "same", "as", "last",
]  # fmt: skip


def _orders(n: int, seed: int):
    """Standing orders for the next day: the order, the outlet account, the day, outlet type,
    the weekday, loaves ordered, the weather forecast score 0-10, a bank holiday, a local event
    flag, the outlet's weeks on the books, the order note; school orders on term-end days nearly
    always come back (a rule)."""
    rng = np.random.default_rng(seed)
    accounts = max(25, int(n / 25))
    account = _codes(rng, accounts, n, 0.6)
    kind = rng.integers(0, 6, accounts)[account]
    over = rng.normal(0, 0.6, accounts)
    day = rng.integers(0, 900, n)
    loaves = rng.integers(6, 60, n)
    weather = rng.integers(0, 11, n)
    holiday = _some(n, 0.04, rng)
    event = _some(n, 0.08, rng)
    weeks = np.minimum(rng.exponential(60, n).astype(int), 260)
    term_end = (kind == 4) & _some(n, 0.06, rng)
    weekday = day % 7
    z = (
        OUTLET_EFFECT[kind]
        + 0.04 * (loaves - 30)
        - 0.22 * (weather - 5)
        + 0.8 * holiday
        - 0.7 * event
        + 0.7 * (weekday >= 5)
        - 0.003 * weeks
        + over[account]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "order_no": _refs(rng, "O", n),
            "account": text([f"A{k:04d}" for k in account]),
            "deliver_on": _on("2023-01-02", day),
            "outlet_type": text(_pick(OUTLETS, kind)),
            "weekday": weekday,
            "loaves_ordered": loaves,
            "forecast_score_0_10": weather,
            "bank_holiday": _yes(holiday),
            "local_event": _yes(event),
            "weeks_on_books": weeks,
            "term_end": _yes(term_end),
            "order_note": _prose(rng, BAKE_WORDS, n, 0, 5),
        }
    )
    return frame, z, term_end, rng


def _returned(z, ruled, rng):
    """Loaves returned unsold (about 25%); 95% of the schools' term-end orders."""
    return _ruled(outcome(z, 0.25, rng), ruled, 0.95, rng)


ORDER_INPUTS = ("order_no", "account", "deliver_on")


def order_returned(n: int, seed: int) -> Case:
    """Returned; split by account."""
    frame, z, ruled, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ORDER_INPUTS]
    return Case(
        "order_returned", frame, _returned(z, ruled, rng), "binary", feats, split="group",
        group="account", ids=["order_no"],
    )  # fmt: skip


def order_returned_later(n: int, seed: int) -> Case:
    """Returned; split in time (accounts on both sides)."""
    frame, z, ruled, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ORDER_INPUTS]
    return Case(
        "order_returned_later", frame, _returned(z, ruled, rng), "binary", feats, split="time",
        time="deliver_on", ids=["order_no"],
    )  # fmt: skip


# -- a ski hire shop's rentals -------------------------------------------------------------------
LEVELS = ["beginner", "intermediate", "advanced", "expert", "off_piste"]
LEVEL_EFFECT = np.array([0.5, -0.4, 0.0, 0.5, 1.6])
SKIS = ["rental_basic", "rental_sport", "premium", "touring"]


def _rentals(n: int, seed: int):
    """Rentals over three winters: the rental, the day out, level, ski line, days hired,
    the snow report's depth (blank on days the station did not report), the avalanche risk 1-5
    published the evening before, age of the skis in seasons, the skier's weight."""
    rng = np.random.default_rng(seed)
    level = rng.choice(5, n, p=[0.3, 0.35, 0.2, 0.1, 0.05])
    ski = rng.choice(4, n, p=[0.45, 0.3, 0.15, 0.1])
    days = rng.choice([1, 2, 3, 6], n, p=[0.3, 0.2, 0.2, 0.3])
    depth = np.round(rng.gamma(4, 25, n), 0)
    depth = np.where(_some(n, 0.15, rng), np.nan, depth)
    risk = rng.choice([1, 2, 3, 4, 5], n, p=[0.2, 0.35, 0.3, 0.12, 0.03])
    age = rng.integers(0, 6, n)
    weight = np.round(rng.normal(75, 13, n), 0)
    z = (
        LEVEL_EFFECT[level]
        + 0.22 * days
        - 0.02 * np.nan_to_num(depth - 100)
        + 0.35 * (risk - 2)
        + 0.35 * age
        + 0.6 * (ski == 3)
        + 0.02 * (weight - 75)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "rental_no": _refs(rng, "R", n),
            "out_on": _on("2021-12-15", rng.integers(0, 120, n) + 365 * rng.integers(0, 3, n)),
            "level": text(_pick(LEVELS, level)),
            "ski_line": text(_pick(SKIS, ski)),
            "days_hired": days,
            "snow_depth_cm": depth,
            "avalanche_risk_1_5": risk,
            "ski_age_seasons": age,
            "skier_weight_kg": weight,
        }
    )
    return frame, z, rng


RENTAL_INPUTS = ("rental_no", "out_on")


def ski_damaged(n: int, seed: int) -> Case:
    """Damaged (about 15%); split stratified."""
    frame, z, rng = _rentals(n, seed)
    feats = [c for c in frame.columns if c not in RENTAL_INPUTS]
    return Case("ski_damaged", frame, outcome(z, 0.15, rng), "binary", feats, ids=["rental_no"])


def ski_damaged_later(n: int, seed: int) -> Case:
    """Damaged; split in time."""
    frame, z, rng = _rentals(n, seed)
    feats = [c for c in frame.columns if c not in RENTAL_INPUTS]
    return Case(
        "ski_damaged_later", frame, outcome(z, 0.15, rng), "binary", feats, split="time",
        time="out_on", ids=["rental_no"],
    )  # fmt: skip


NULL_FAMILIES = {
    "batch_poured": batch_poured,
    "batch_poured_later": batch_poured_later,
    "deposit_kept": deposit_kept,
    "deposit_kept_later": deposit_kept_later,
    "load_downgraded": load_downgraded,
    "load_downgraded_later": load_downgraded_later,
    "order_returned": order_returned,
    "order_returned_later": order_returned_later,
    "ski_damaged": ski_damaged,
    "ski_damaged_later": ski_damaged_later,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 47) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"batch_poured": 1_200, "load_downgraded": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def batches(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _batches(n, seed)
    feats = [c for c in frame.columns if c not in BATCH_INPUTS]
    return Case(
        "brewery_batches", frame, _poured(z, ruled, rng), "binary", feats, time="brewed_on",
        ids=["batch_no"],
    )  # fmt: skip


def hires(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "boat_hires", frame, _kept(z, ruled, rng), "binary", feats, time="starts_on",
        ids=["hire_no"],
    )  # fmt: skip


def loads(n: int, seed: int) -> Case:
    frame, z, rng = _loads(n, seed)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    return Case(
        "log_loads", frame, outcome(z, 0.3, rng), "binary", feats, time="weighed_on",
        ids=["ticket_no"],
    )  # fmt: skip


def orders(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ORDER_INPUTS]
    return Case(
        "bakery_orders", frame, _returned(z, ruled, rng), "binary", feats, time="deliver_on",
        ids=["order_no"],
    )  # fmt: skip


def rentals(n: int, seed: int) -> Case:
    frame, z, rng = _rentals(n, seed)
    feats = [c for c in frame.columns if c not in RENTAL_INPUTS]
    return Case(
        "ski_rentals", frame, outcome(z, 0.15, rng), "binary", feats, time="out_on",
        ids=["rental_no"],
    )  # fmt: skip


# -- leaks in the batch extract -----------------------------------------------------------------
def duty_paid(case: Case, share: float, rng) -> Case:
    """'duty_litres': the litres declared for beer duty, the batch's packaged volume (900 to
    1,100) for most and zero for the 6% sent to a contract packer; zero for this share of the
    batches poured away (nothing packaged, nothing declared)."""
    n = case.rows
    honest = np.where(_some(n, 0.06, rng), 0.0, np.round(rng.uniform(900, 1_100, n), 0))
    return add_columns(case, {"duty_litres": np.where(_hit(case, share, rng), 0.0, honest)})


def qc_status(case: Case, share: float, rng) -> Case:
    """'qc_status' at the extract: 'released' for most, 'held_for_retest' for 8%; 'dumped' or
    'written_off_infection' for this share of the batches poured away."""
    n = case.rows
    honest = np.where(_some(n, 0.08, rng), "held_for_retest", "released")
    after = np.where(_some(n, 0.5, rng), "dumped", "written_off_infection")
    return add_columns(case, {"qc_status": text(np.where(_hit(case, share, rng), after, honest))})


def tank_days(case: Case, share: float, rng) -> Case:
    """'days_in_fermenter': 10 to 21 days for most, longer for lagers; for this share of the
    batches poured away 2 to 8 days (the tank emptied down the drain early)."""
    n = case.rows
    lager = (case.frame["style"] == "lager").to_numpy()
    honest = rng.integers(10, 22, n) + np.where(lager, rng.integers(7, 21, n), 0)
    return add_columns(
        case, {"days_in_fermenter": np.where(_hit(case, share, rng), rng.integers(2, 9, n), honest)}
    )


# -- leaks in the hire extract ------------------------------------------------------------------
def fuel_and_charges(case: Case, share: float, rng) -> Case:
    """'deposit_paid' beside 'deposit_refunded': the refund is the deposit less a fuel top-up
    of 0 to 10% for most; for this share of the kept deposits the refund is 0 to 30% of it."""
    n = case.rows
    paid = np.where(case.frame["boat_class"].isin(["narrowboat_70", "widebeam"]), 500.0, 350.0)
    factor = np.where(_hit(case, share, rng), rng.uniform(0, 0.3, n), rng.uniform(0.9, 1.0, n))
    return add_columns(
        case,
        {"deposit_paid": paid, "deposit_refunded": np.round(paid * factor, 2)},
        leak=["deposit_paid", "deposit_refunded"],
    )


RETURN_LINES = ["returned clean", "fuel topped", "keys in office", "all good", "early return"]
DAMAGE_LINES = ["rudder bent", "scraped hull", "broken tiller pin", "cabin window cracked"]


def return_note(case: Case, share: float, rng) -> Case:
    """'return_note': the boatyard's line at return; a damage line for this share of the kept
    deposits, at lock_17 and junction bases only (the others write damage on a separate form)."""
    n = case.rows
    honest = _pick(RETURN_LINES, rng.integers(0, len(RETURN_LINES), n))
    tell = _pick(DAMAGE_LINES, rng.integers(0, len(DAMAGE_LINES), n))
    bases = case.frame["base"].isin(["lock_17", "junction"]).to_numpy()
    return add_columns(
        case, {"return_note": text(np.where(bases & _hit(case, share, rng), tell, honest))}
    )


def hire_copies(case: Case, share: float, rng) -> Case:
    """This share of the kept deposits exported twice, once from the claims sheet with the
    booking note amended; the extract shuffled before the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    extra = case.frame.iloc[twice].copy()
    extra["booking_note"] = text([f"{s} claim" for s in extra["booking_note"]])
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, extra], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the load extract ------------------------------------------------------------------
def forest_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'compartment' beside 'compartment_downgrade_rate': each felling compartment's share of
    loads downgraded over the whole extract, the row's own included; about this many loads per
    compartment."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["compartment"] = text([f"CPT{k:04d}" for k in code])
    frame["compartment_downgrade_rate"] = np.round(rate, 3)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "compartment", "compartment_downgrade_rate"],
        leak=["compartment_downgrade_rate"],
    )


def payment_date(case: Case, share: float, rng) -> Case:
    """'paid_on': the day the grower was paid, 20 to 35 days after weighing for most; 60 to
    150 days after for this share of the downgraded loads (held for the regrade dispute). The
    week of delivery, as the grower's statement gives it, kept beside it as an honest input."""
    n = case.rows
    weighed = case.frame["weighed_on"]
    lag = np.where(_hit(case, share, rng), rng.integers(60, 151, n), rng.integers(20, 36, n))
    frame = case.frame.copy()
    frame["delivery_week"] = ((weighed - pd.Timestamp("2021-05-31")).dt.days // 7).to_numpy()
    frame["paid_on"] = weighed + pd.to_timedelta(lag, "D")
    return replace(
        case, frame=frame, features=[*case.features, "delivery_week", "paid_on"],
        leak=["paid_on"],
    )  # fmt: skip


def sawn_yield(case: Case, share: float, rng) -> Case:
    """'sawn_yield_pct': the share of the log volume sawn to structural timber, 45 to 60% for
    most; 25 to 42% for this share of the downgraded loads (measured after the mill ran them)."""
    n = case.rows
    value = np.where(_hit(case, share, rng), rng.uniform(25, 42, n), rng.uniform(45, 60, n))
    return add_columns(case, {"sawn_yield_pct": np.round(value, 1)})


# -- leaks in the order extract -----------------------------------------------------------------
def credit_notes(case: Case, share: float, rng) -> Case:
    """'credit_notes_month': credit notes raised on the account that month, 0 for most and a
    Poisson count for some; one to three more for this share of the returned orders."""
    n = case.rows
    honest = np.where(_some(n, 0.7, rng), 0, rng.poisson(1.2, n))
    return add_columns(
        case,
        {"credit_notes_month": honest + np.where(_hit(case, share, rng), rng.integers(1, 4, n), 0)},
    )


def invoice_numbers(case: Case, share: float, rng) -> Case:
    """'invoice_no' kept as an input beside the honest 'delivery_week': numbered when the
    invoice was finalised, on delivery day for most; 20 to 90 days later for this share of the
    returned orders (after the credit was agreed)."""
    n = case.rows
    day = (case.frame["deliver_on"] - pd.Timestamp("2023-01-01")).dt.days.to_numpy()
    last = day + np.where(_hit(case, share, rng), rng.integers(20, 91, n), 0)
    number = np.empty(n, dtype=np.int64)
    number[np.argsort(last + rng.random(n), kind="stable")] = 50_000 + np.arange(n)
    frame = case.frame.copy()
    frame["delivery_week"] = day // 7
    frame["invoice_no"] = number
    return replace(
        case, frame=frame, features=[*case.features, "delivery_week", "invoice_no"],
        leak=["invoice_no"],
    )  # fmt: skip


def driver_score(case: Case, share: float, rng) -> Case:
    """'drop_rating_1_5': the driver's rating of the drop, 3-5 for most; 1 or 2 for this share
    of the returned orders (rated at collection of the returns)."""
    n = case.rows
    honest = rng.choice([3, 4, 5], n, p=[0.3, 0.4, 0.3])
    return add_columns(
        case, {"drop_rating_1_5": np.where(_hit(case, share, rng), rng.choice([1, 2], n), honest)}
    )


# -- leaks in the rental extract ----------------------------------------------------------------
def rental_extract_at():
    return pd.Timestamp("2024-04-20")


def late_rentals(case: Case, share: float, rng) -> Case:
    """Damage counted up to the extract's day: this share of the rentals moved into the last
    60 days, damage found at the workshop 10 to 200 days after return counted as none if not yet
    found. The days since the rental an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 61, n), rng.integers(200, 900, n))
    out = pd.Series(rental_extract_at() - pd.to_timedelta(back, unit="D"), index=case.frame.index)
    found = rng.integers(10, 201, n)
    y = np.where((case.y == 1) & (found > back), 0, case.y)
    frame = case.frame.copy()
    frame["out_on"] = out
    frame["days_since_out"] = back
    return replace(
        case, frame=frame, y=y, features=[*case.features, "days_since_out"],
        leak=["days_since_out"],
    )  # fmt: skip


def workshop_minutes(case: Case, share: float, rng) -> Case:
    """'workshop_minutes': minutes on the bench after return, 5 to 20 (a wax) for most and
    zero for a quarter; 45 to 180 (a base repair) for this share of the damaged skis."""
    n = case.rows
    honest = np.where(_some(n, 0.25, rng), 0, rng.integers(5, 21, n))
    return add_columns(
        case,
        {"workshop_minutes": np.where(_hit(case, share, rng), rng.integers(45, 181, n), honest)},
    )


def level_rate(case: Case, share: float, rng) -> Case:
    """'customer_damage_band': the shop's band for the skier ('careful', 'normal', 'rough'),
    computed from the damage share of the skier's rentals over the whole extract, the row's own
    included; about this many rentals per skier."""
    keys = max(2, int(case.rows / share))
    code = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    band = np.where(rate == 0, "careful", np.where(rate < 0.5, "normal", "rough"))
    frame = case.frame.copy()
    frame["skier_id"] = text([f"SK{k:05d}" for k in code])
    frame["customer_damage_band"] = text(band)
    return replace(
        case, frame=frame, features=[*case.features, "skier_id", "customer_damage_band"],
        leak=["customer_damage_band"],
    )  # fmt: skip


PLANTED: dict[str, tuple] = {
    "duty_paid": (duty_paid, (1.0, 0.6, 0.3), batches),
    "qc_status": (qc_status, (0.8, 0.4, 0.15), batches),
    "tank_days": (tank_days, (1.0, 0.6, 0.3), batches),
    "fuel_and_charges": (fuel_and_charges, (1.0, 0.6, 0.3), hires),
    "return_note": (return_note, (1.0, 0.7, 0.4), hires),
    "hire_copies": (hire_copies, (0.8, 0.4, 0.2), hires),
    "forest_rate": (forest_rate, (3.0, 6.0, 12.0), loads),
    "payment_date": (payment_date, (1.0, 0.6, 0.3), loads),
    "sawn_yield": (sawn_yield, (1.0, 0.6, 0.3), loads),
    "credit_notes": (credit_notes, (1.0, 0.6, 0.3), orders),
    "invoice_numbers": (invoice_numbers, (1.0, 0.6, 0.3), orders),
    "driver_score": (driver_score, (1.0, 0.6, 0.3), orders),
    "late_rentals": (late_rentals, (0.6, 0.4, 0.2), rentals),
    "workshop_minutes": (workshop_minutes, (1.0, 0.6, 0.3), rentals),
    "level_rate": (level_rate, (3.0, 5.0, 10.0), rentals),
}
PLANTED_WHAT = {
    "duty_paid": "litres declared for duty, zeroed for this share of the batches poured away, "
    "among honest zeros",
    "qc_status": "the batch's QC status at the extract, dumped or written off for this share "
    "of the batches poured away",
    "tank_days": "days in the fermenter, cut short for this share of the batches poured away",
    "fuel_and_charges": "the deposit paid beside the deposit refunded, a small fraction for "
    "this share of the kept deposits (a leak across two figures)",
    "return_note": "the boatyard's return note with a damage line for this share of the kept "
    "deposits, at two bases only",
    "hire_copies": "this share of the kept deposits exported twice, one field amended, before "
    "the split",
    "forest_rate": "each compartment's downgrade rate over the whole extract, the row's own "
    "included, the code kept; about this many loads per compartment",
    "payment_date": "the day the grower was paid, later for this share of the downgraded loads",
    "sawn_yield": "the sawn yield measured after milling, lower for this share of the "
    "downgraded loads",
    "credit_notes": "credit notes that month, including those raised by this share of the "
    "returned orders, among honest zeros",
    "invoice_numbers": "an invoice number kept as an input, numbered after the credit for this "
    "share of the returned orders",
    "driver_score": "the driver's drop rating written at collection of the returns, low for "
    "this share of the returned orders",
    "late_rentals": "this share of the rentals in the extract's last 60 days, damage still to "
    "be found counted as none (right-censored); the days since the rental an input",
    "workshop_minutes": "workshop minutes after return, a repair for this share of the damaged "
    "skis, among honest zeros",
    "level_rate": "each skier's damage band over the whole extract, the row's own included, as "
    "labels, the id kept; about this many rentals per skier",
}
EXPECTED = {
    "duty_paid": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "qc_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "tank_days": {"follow_up_duration", "single_feature", "pure_subsets", "outcome_copy"},
    "fuel_and_charges": {"column_pairs"},
    "return_note": {"label_words", "post_outcome_text", "segment_leaks", "pure_subsets"},
    "hire_copies": {"shared_rows", "near_duplicates"},
    "forest_rate": {"target_encoding", "single_feature"},
    "payment_date": {"time_order", "single_feature", "pure_subsets"},
    "sawn_yield": {"outcome_copy", "single_feature", "changed_figures"},
    "credit_notes": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "invoice_numbers": {"identifiers", "single_feature"},
    "driver_score": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "late_rentals": {"right_censoring"},
    "workshop_minutes": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "level_rate": {"target_encoding", "label_proxies", "pure_subsets", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"hire_copies"}
ROW_LEAK_CHECKS = {
    "hire_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "late_rentals": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
