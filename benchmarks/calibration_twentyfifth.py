"""The twentyfifth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (51,000 and up). Other domains and shapes than
every family before it: an escape-room venue's bookings where the team fails to get out in
time, a dry cleaner's garments damaged in cleaning, a mushroom farm's growing-room flushes lost
to green mould, a recording studio's sessions running over the booked hours and a pet-sitting
agency's home sits ending with a complaint from the owner — null families of realistic shapes
with the honest confusers consultants meet in such extracts, and leaks planted in an extract
of each domain by generators of their own, each graded by three strengths.

The twentyfourth generation (benchmarks/calibration_twentyfourth.py) is the kept-aside set of
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


# -- an escape-room venue's bookings ------------------------------------------------------------
ROOMS = ["pharaoh", "submarine", "asylum", "heist", "wizard_school", "space_station"]
ROOM_EFFECT = np.array([-0.6, 0.0, 0.9, 0.4, -0.3, 1.2])
ROOM_DIFFICULTY = np.array([2, 3, 5, 4, 2, 5])
BOOKERS = ["website", "phone", "voucher", "corporate", "walk_in"]


def _bookings(n: int, seed: int):
    """Games over two and a half years: the booking, the lead booker (friends come back for
    other rooms), the slot, room, the room's difficulty 1-5 (the venue's own published score),
    team size, the youngest player's age, how the game was booked, rooms the lead booker had
    played before anywhere (zero for most), the hints the team chose (0 none, 1 on request,
    2 pushed), the language; children-only teams of two or three in the two hardest rooms
    nearly always fail (the venue warns them)."""
    rng = np.random.default_rng(seed)
    leaders = max(40, int(n * 0.7))
    leader = _codes(rng, leaders, n, 0.5)
    wits = rng.normal(0, 0.6, leaders)
    room = rng.choice(6, n, p=[0.2, 0.2, 0.15, 0.15, 0.15, 0.15])
    size = rng.choice([2, 3, 4, 5, 6, 7, 8], n, p=[0.2, 0.2, 0.25, 0.15, 0.1, 0.06, 0.04])
    kids = _some(n, 0.12, rng)
    youngest = np.where(kids, rng.integers(9, 14, n), rng.integers(16, 45, n))
    booked = rng.choice(5, n, p=[0.5, 0.15, 0.15, 0.12, 0.08])
    before = np.where(_some(n, 0.6, rng), 0, rng.geometric(0.3, n))
    hints = rng.choice([0, 1, 2], n, p=[0.2, 0.6, 0.2])
    english = _some(n, 0.85, rng)
    minute = rng.integers(0, 912 * 24 * 60, n)
    hour = 10 + (minute // 60) % 12
    ruled = kids & (size <= 3) & (ROOM_DIFFICULTY[room] == 5)
    z = 1.4 * (
        ROOM_EFFECT[room]
        - 0.25 * np.abs(size - 5)
        - 0.2 * np.minimum(before, 6)
        - 0.35 * (hints - 1)
        + 0.5 * ~english
        + 0.3 * (booked == 3)
        + 0.02 * (hour - 15)
        - wits[leader]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "booking_ref": _refs(rng, "ER", n),
            "lead_booker": text([f"LB{k:05d}" for k in leader]),
            "slot_start": _on("2022-03-01 00:00", minute - minute % 60, "min"),
            "room": text(_pick(ROOMS, room)),
            "difficulty_1_5": ROOM_DIFFICULTY[room],
            "team_size": size,
            "youngest_age": youngest,
            "booked_via": text(_pick(BOOKERS, booked)),
            "rooms_played_before": before,
            "hint_mode": hints,
            "language": text(np.where(english, "english", "other")),
            "slot_hour": hour,
        }
    )
    return frame, z, ruled, rng


def _failed(z, ruled, rng):
    """Failed to get out (about 38%); 95% of the young small teams in the hardest rooms."""
    return _ruled(outcome(z, 0.38, rng), ruled, 0.95, rng)


BOOKING_INPUTS = ("booking_ref", "lead_booker", "slot_start")


def escape_failed(n: int, seed: int) -> Case:
    """Failed; split by lead booker."""
    frame, z, ruled, rng = _bookings(n, seed)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    return Case(
        "escape_failed", frame, _failed(z, ruled, rng), "binary", feats, split="group",
        group="lead_booker", ids=["booking_ref"],
    )  # fmt: skip


def escape_failed_later(n: int, seed: int) -> Case:
    """Failed; split in time on the slot (returning bookers on both sides)."""
    frame, z, ruled, rng = _bookings(n, seed)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    return Case(
        "escape_failed_later", frame, _failed(z, ruled, rng), "binary", feats, split="time",
        time="slot_start", ids=["booking_ref"],
    )  # fmt: skip


# -- a dry cleaner's garments -------------------------------------------------------------------
GARMENTS = ["suit", "shirt", "silk_blouse", "wool_coat", "leather_jacket", "evening_dress",
            "curtains", "duvet"]  # fmt: skip
GARMENT_EFFECT = np.array([-0.4, -1.0, 0.8, 0.1, 1.1, 0.7, 0.3, -0.2])
BRANCHES = ["high_street", "station", "retail_park", "village"]
STAINS = ["none", "food", "wine", "oil", "ink", "unknown"]
STAIN_EFFECT = np.array([-0.5, 0.0, 0.3, 0.6, 0.9, 0.4])
COUNTER_WORDS = [
    "loose", "button", "check", "lining", "hem", "marked", "customer", "says", "old", "stain",
    "press", "only", "no", "starch", "fold", "hang", "fragile", "beads", "sequins", "pocket",
    "tissue", "found", "returned", "urgent", "wedding", "saturday",
]  # fmt: skip


def _garments(n: int, seed: int):
    """Items taken in over three years: the ticket, the customer (regulars bring many items),
    the day, branch, garment, the stain declared, the care label (blank where cut out), the
    garment's age in years as the customer gave it (blank when not asked), the price, express
    service, the items on the same ticket, the counter note; leather with no care label and an
    oil stain is nearly always damaged (the counter staff say so)."""
    rng = np.random.default_rng(seed)
    customers = max(40, int(n * 0.35))
    customer = _codes(rng, customers, n, 0.9)
    garment = rng.choice(8, n, p=[0.2, 0.25, 0.1, 0.12, 0.05, 0.1, 0.08, 0.1])
    branch = rng.choice(4, n, p=[0.35, 0.3, 0.25, 0.1])
    stain = rng.choice(6, n, p=[0.45, 0.15, 0.1, 0.1, 0.05, 0.15])
    label = rng.choice(["dry_clean", "professional_wet", "do_not_clean"], n, p=[0.8, 0.15, 0.05])
    label = np.where(_some(n, 0.15, rng), None, label)
    age = np.round(rng.gamma(2, 2.5, n), 0)
    age = np.where(_some(n, 0.3, rng), np.nan, age)
    base_price = np.array([14, 4, 9, 16, 35, 22, 30, 25])[garment]
    express = _some(n, 0.2, rng)
    price = np.round(base_price * (1 + 0.5 * express) * rng.uniform(0.95, 1.1, n), 2)
    items = rng.geometric(0.35, n)
    ruled = (garment == 4) & (stain == 3) & pd.isna(label)
    z = 1.3 * (
        GARMENT_EFFECT[garment]
        + STAIN_EFFECT[stain]
        + 0.9 * pd.isna(label)
        + 1.2 * (label == "do_not_clean")
        + 0.08 * np.nan_to_num(age - 5)
        + 0.4 * express
        + 0.3 * (branch == 3)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "ticket": _refs(rng, "DC", n),
            "customer": text([f"C{k:05d}" for k in customer]),
            "taken_in_on": _on("2022-01-04", rng.integers(0, 1_090, n)),
            "branch": text(_pick(BRANCHES, branch)),
            "garment": text(_pick(GARMENTS, garment)),
            "stain_declared": text(_pick(STAINS, stain)),
            "care_label": pd.Series(label, dtype="object"),
            "garment_age_years": age,
            "price": price,
            "express": _yes(express),
            "items_on_ticket": items,
            "counter_note": _prose(rng, COUNTER_WORDS, n, 0, 6),
        }
    )
    return frame, z, ruled, rng


def _damaged(z, ruled, rng):
    """Damaged (about 10%); 92% of the unlabelled oily leather."""
    return _ruled(outcome(z, 0.1, rng), ruled, 0.92, rng)


GARMENT_INPUTS = ("ticket", "customer", "taken_in_on")


def garment_damaged(n: int, seed: int) -> Case:
    """Damaged; split stratified (regular customers on both sides)."""
    frame, z, ruled, rng = _garments(n, seed)
    feats = [c for c in frame.columns if c not in GARMENT_INPUTS]
    return Case("garment_damaged", frame, _damaged(z, ruled, rng), "binary", feats, ids=["ticket"])


def garment_damaged_by_customer(n: int, seed: int) -> Case:
    """Damaged; split by customer."""
    frame, z, ruled, rng = _garments(n, seed)
    feats = [c for c in frame.columns if c not in GARMENT_INPUTS]
    return Case(
        "garment_damaged_by_customer", frame, _damaged(z, ruled, rng), "binary", feats,
        split="group", group="customer", ids=["ticket"],
    )  # fmt: skip


# -- a mushroom farm's flushes ------------------------------------------------------------------
SUPPLIERS = ["compost_north", "compost_west", "own_yard", "phase3_import"]
SUPPLIER_EFFECT = np.array([0.0, 0.4, 0.8, -0.5])
STRAINS = ["white_a15", "white_u1", "chestnut", "portobello"]


def _flushes(n: int, seed: int):
    """Flushes over four years: the flush, the growing room (24 rooms), the day spawned, the
    compost supplier, strain, flush number 1-3, casing depth in mm, the peak pasteurisation
    temperature, mean CO2 in ppm (blank when the sensor was down), air changes an hour, the
    hygiene audit score 0-10 the week before, the pickers' team; a third flush on the own-yard
    compost after an audit under 4 is nearly always lost (the growers know it)."""
    rng = np.random.default_rng(seed)
    room = rng.integers(0, 24, n)
    damp = rng.normal(0, 0.4, 24)
    supplier = rng.choice(4, n, p=[0.35, 0.25, 0.25, 0.15])
    strain = rng.choice(4, n, p=[0.45, 0.25, 0.2, 0.1])
    flush = rng.choice([1, 2, 3], n, p=[0.4, 0.35, 0.25])
    casing = np.round(rng.normal(45, 6, n), 0)
    pasteur = np.round(rng.normal(58.5, 1.2, n), 1)
    co2 = np.round(rng.normal(1_200, 250, n), -1)
    co2 = np.where(_some(n, 0.1, rng), np.nan, co2)
    air = np.round(rng.uniform(2, 8, n), 1)
    audit = np.clip(np.round(rng.normal(7, 1.8, n)), 0, 10).astype(int)
    team = rng.choice(["A", "B", "C"], n)
    ruled = (flush == 3) & (supplier == 2) & (audit < 4)
    z = 1.5 * (
        SUPPLIER_EFFECT[supplier]
        + 0.5 * (flush - 2)
        + 0.3 * (strain == 2)
        - 0.02 * (casing - 45)
        - 0.35 * (pasteur - 58.5)
        + 0.0012 * np.nan_to_num(co2 - 1_200)
        - 0.12 * (air - 5)
        - 0.25 * (audit - 7)
        + damp[room]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "flush_id": _refs(rng, "FL", n),
            "growing_room": text([f"R{k + 1:02d}" for k in room]),
            "spawned_on": _on("2020-06-01", rng.integers(0, 1_450, n)),
            "supplier": text(_pick(SUPPLIERS, supplier)),
            "strain": text(_pick(STRAINS, strain)),
            "flush_no": flush,
            "casing_mm": casing,
            "pasteurisation_peak_c": pasteur,
            "co2_ppm": co2,
            "air_changes_hr": air,
            "audit_score_0_10": audit,
            "picking_team": text(team),
        }
    )
    return frame, z, ruled, rng


def _mould(z, ruled, rng):
    """Lost to mould (about 18%); 93% of the third own-yard flushes after a poor audit."""
    return _ruled(outcome(z, 0.18, rng), ruled, 0.93, rng)


FLUSH_INPUTS = ("flush_id", "growing_room", "spawned_on")


def flush_lost(n: int, seed: int) -> Case:
    """Lost; split by growing room (24 groups, each with its own damp)."""
    frame, z, ruled, rng = _flushes(n, seed)
    feats = [c for c in frame.columns if c not in FLUSH_INPUTS]
    return Case(
        "flush_lost", frame, _mould(z, ruled, rng), "binary", feats, split="group",
        group="growing_room", ids=["flush_id"],
    )  # fmt: skip


def flush_lost_later(n: int, seed: int) -> Case:
    """Lost; split in time on the day spawned."""
    frame, z, ruled, rng = _flushes(n, seed)
    feats = [c for c in frame.columns if c not in FLUSH_INPUTS]
    return Case(
        "flush_lost_later", frame, _mould(z, ruled, rng), "binary", feats, split="time",
        time="spawned_on", ids=["flush_id"],
    )  # fmt: skip


# -- a recording studio's sessions --------------------------------------------------------------
SESSION_KINDS = ["tracking_band", "vocals", "mixing", "mastering", "orchestral", "podcast"]
KIND_EFFECT = np.array([0.6, 0.0, 0.4, -1.0, 1.0, -0.8])
STUDIO_ROOMS = ["live_room", "booth_1", "booth_2", "mix_suite"]
PREP_WORDS = [
    "demo", "sent", "click", "track", "ready", "charts", "printed", "drummer", "new", "songs",
    "three", "five", "tight", "loose", "rehearsed", "label", "deadline", "references", "stems",
    "bounced", "tuning", "check", "guest", "singer", "bring", "own", "amps",
]  # fmt: skip


def _sessions(n: int, seed: int):
    """Sessions over three years: the session, the client act (bands come back), the engineer,
    the day, session kind, the room, hours booked, players, songs planned, the client's
    earlier sessions here (zero for most), demo sent beforehand, the prep 0-10 the engineer
    gave the act at the pre-production call, the prep note; orchestral tracking with more than
    twelve players in a four-hour booking nearly always runs over (the studio quotes for it)."""
    rng = np.random.default_rng(seed)
    acts = max(30, int(n * 0.3))
    act = _codes(rng, acts, n, 0.7)
    sloppy = rng.normal(0, 0.5, acts)
    engineer = rng.integers(0, 6, n)
    pace = rng.normal(0, 0.3, 6)
    kind = rng.choice(6, n, p=[0.3, 0.2, 0.2, 0.1, 0.08, 0.12])
    room = np.where(np.isin(kind, [0, 4]), 0, rng.integers(1, 4, n))
    hours = rng.choice([3, 4, 6, 8, 10], n, p=[0.15, 0.3, 0.2, 0.25, 0.1])
    players = np.where(
        kind == 4, rng.integers(6, 30, n), np.where(kind == 0, rng.integers(2, 7, n), 1)
    )
    songs = np.maximum(1, np.round(hours * rng.uniform(0.2, 0.8, n))).astype(int)
    earlier = np.where(_some(n, 0.55, rng), 0, rng.poisson(3, n) + 1)
    demo = _some(n, 0.6, rng)
    prep = np.clip(np.round(rng.normal(6, 2, n)), 0, 10).astype(int)
    ruled = (kind == 4) & (players > 12) & (hours == 4)
    z = 1.3 * (
        KIND_EFFECT[kind]
        + 0.5 * (songs / hours - 0.5)
        + 0.03 * players
        - 0.15 * np.minimum(earlier, 5)
        - 0.4 * demo
        - 0.2 * (prep - 6)
        + sloppy[act]
        + pace[engineer]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "session_id": _refs(rng, "SS", n),
            "act": text([f"ACT{k:04d}" for k in act]),
            "engineer": text([f"eng_{k}" for k in engineer]),
            "session_day": _on("2022-09-05", rng.integers(0, 1_100, n)),
            "session_kind": text(_pick(SESSION_KINDS, kind)),
            "room": text(_pick(STUDIO_ROOMS, room)),
            "hours_booked": hours,
            "players": players,
            "songs_planned": songs,
            "earlier_sessions": earlier,
            "demo_sent": _yes(demo),
            "prep_0_10": prep,
            "prep_note": _prose(rng, PREP_WORDS, n, 0, 8),
        }
    )
    return frame, z, ruled, rng


def _overran(z, ruled, rng):
    """Ran over (about 30%); 94% of the large orchestral four-hour bookings."""
    return _ruled(outcome(z, 0.3, rng), ruled, 0.94, rng)


SESSION_INPUTS = ("session_id", "act", "session_day")


def session_overran(n: int, seed: int) -> Case:
    """Ran over; split by act."""
    frame, z, ruled, rng = _sessions(n, seed)
    feats = [c for c in frame.columns if c not in SESSION_INPUTS]
    return Case(
        "session_overran", frame, _overran(z, ruled, rng), "binary", feats, split="group",
        group="act", ids=["session_id"],
    )  # fmt: skip


def session_overran_later(n: int, seed: int) -> Case:
    """Ran over; split in time (returning acts on both sides)."""
    frame, z, ruled, rng = _sessions(n, seed)
    feats = [c for c in frame.columns if c not in SESSION_INPUTS]
    return Case(
        "session_overran_later", frame, _overran(z, ruled, rng), "binary", feats,
        split="time", time="session_day", ids=["session_id"],
    )  # fmt: skip


# -- a pet-sitting agency's home sits -----------------------------------------------------------
PETS = ["cat", "dog", "two_dogs", "cats_and_dog", "small_animals", "horse_and_dog"]
PET_EFFECT = np.array([-0.6, 0.1, 0.5, 0.6, -0.4, 0.9])
REGIONS = ["city", "suburbs", "market_town", "rural"]


def _sits(n: int, seed: int):
    """Sits over three years: the sit, the owner (regulars book every holiday), the sitter,
    the first night, the region, nights, the pets, medication to give, a meet-and-greet done,
    the sitter's star rating 1-5 before the sit (blank for new sitters), the sitter's earlier
    sits (zero for new ones), the owner's special instructions in pages; a first sit by a new
    sitter for a pet on medication without a meet-and-greet nearly always ends in a complaint
    (the agency's rule of thumb)."""
    rng = np.random.default_rng(seed)
    owners = max(40, int(n * 0.4))
    owner = _codes(rng, owners, n, 0.6)
    fussy = rng.normal(0, 0.6, owners)
    sitters = max(15, int(n / 25))
    sitter = _codes(rng, sitters, n, 0.8)
    stars = np.round(np.clip(rng.normal(4.3, 0.5, sitters), 1, 5), 1)
    done = rng.poisson(20, sitters) * (rng.random(sitters) < 0.8)
    pets = rng.choice(6, n, p=[0.3, 0.3, 0.12, 0.1, 0.1, 0.08])
    region = rng.choice(4, owners, p=[0.35, 0.3, 0.2, 0.15])[owner]
    nights = np.minimum(rng.geometric(0.15, n), 28)
    meds = _some(n, 0.2, rng)
    meet = _some(n, 0.7, rng)
    pages = rng.choice([0, 1, 2, 3, 4], n, p=[0.2, 0.35, 0.25, 0.12, 0.08])
    new = done[sitter] == 0
    ruled = new & meds & ~meet
    z = 1.4 * (
        PET_EFFECT[pets]
        + 0.04 * nights
        + 0.5 * meds
        - 0.5 * meet
        - 0.8 * (np.where(new, 4.3, stars[sitter]) - 4.3)
        + 0.5 * new
        + 0.15 * pages
        + 0.3 * (region == 3)
        + fussy[owner]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "sit_ref": _refs(rng, "PS", n),
            "owner": text([f"OW{k:05d}" for k in owner]),
            "sitter": text([f"ST{k:03d}" for k in sitter]),
            "first_night": _on("2022-04-01", rng.integers(0, 1_080, n)),
            "region": text(_pick(REGIONS, region)),
            "nights": nights,
            "pets": text(_pick(PETS, pets)),
            "medication": _yes(meds),
            "meet_and_greet": _yes(meet),
            "sitter_stars": np.where(new, np.nan, stars[sitter]),
            "sitter_sits_done": done[sitter],
            "instruction_pages": pages,
        }
    )
    return frame, z, ruled, rng


def _complained(z, ruled, rng):
    """A complaint (about 14%); 90% of the first unmet sits with medication by new sitters."""
    return _ruled(outcome(z, 0.14, rng), ruled, 0.9, rng)


SIT_INPUTS = ("sit_ref", "owner", "sitter", "first_night")


def sit_complaint(n: int, seed: int) -> Case:
    """A complaint; split by owner."""
    frame, z, ruled, rng = _sits(n, seed)
    feats = [c for c in frame.columns if c not in SIT_INPUTS]
    return Case(
        "sit_complaint", frame, _complained(z, ruled, rng), "binary", feats, split="group",
        group="owner", ids=["sit_ref"],
    )  # fmt: skip


def sit_complaint_later(n: int, seed: int) -> Case:
    """A complaint; split in time on the first night (regular owners on both sides)."""
    frame, z, ruled, rng = _sits(n, seed)
    feats = [c for c in frame.columns if c not in SIT_INPUTS]
    return Case(
        "sit_complaint_later", frame, _complained(z, ruled, rng), "binary", feats,
        split="time", time="first_night", ids=["sit_ref"],
    )  # fmt: skip


NULL_FAMILIES = {
    "escape_failed": escape_failed,
    "escape_failed_later": escape_failed_later,
    "garment_damaged": garment_damaged,
    "garment_damaged_by_customer": garment_damaged_by_customer,
    "flush_lost": flush_lost,
    "flush_lost_later": flush_lost_later,
    "session_overran": session_overran,
    "session_overran_later": session_overran_later,
    "sit_complaint": sit_complaint,
    "sit_complaint_later": sit_complaint_later,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 51) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {
    "garment_damaged": 1_200,
    "garment_damaged_by_customer": 1_200,
    "flush_lost": 1_200,
}


# -- the extracts leaks are planted in ----------------------------------------------------------
def bookings(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _bookings(n, seed)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    return Case(
        "escape_bookings", frame, _failed(z, ruled, rng), "binary", feats, time="slot_start",
        ids=["booking_ref"],
    )  # fmt: skip


def garments(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _garments(n, seed)
    feats = [c for c in frame.columns if c not in GARMENT_INPUTS]
    return Case(
        "cleaner_garments", frame, _damaged(z, ruled, rng), "binary", feats, time="taken_in_on",
        ids=["ticket"],
    )  # fmt: skip


def flushes(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _flushes(n, seed)
    feats = [c for c in frame.columns if c not in FLUSH_INPUTS]
    return Case(
        "mushroom_flushes", frame, _mould(z, ruled, rng), "binary", feats, time="spawned_on",
        ids=["flush_id"],
    )  # fmt: skip


def sessions(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _sessions(n, seed)
    feats = [c for c in frame.columns if c not in SESSION_INPUTS]
    return Case(
        "studio_sessions", frame, _overran(z, ruled, rng), "binary", feats, time="session_day",
        ids=["session_id"],
    )  # fmt: skip


def sits(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _sits(n, seed)
    feats = [c for c in frame.columns if c not in SIT_INPUTS]
    return Case(
        "pet_sits", frame, _complained(z, ruled, rng), "binary", feats, time="first_night",
        ids=["sit_ref"],
    )  # fmt: skip


# -- leaks in the booking extract ---------------------------------------------------------------
def minutes_in_room(case: Case, share: float, rng) -> Case:
    """'minutes_in_room': the game's length on the room's clock, which stops at 60; teams that
    got out took 30 to 60 minutes (a few right at the buzzer), and this share of the failed
    teams show the full 60 (the others' clock exported as an escape time by the old till)."""
    n = case.rows
    honest = np.minimum(np.round(rng.normal(49, 7, n)), 60)
    return add_columns(case, {"minutes_in_room": np.where(_hit(case, share, rng), 60.0, honest)})


PHOTO_LINES = ["team photo", "birthday team", "hen party", "work social", "family day", ""]
PHOTO_TELLS = ["so close next time", "nearly had it", "beaten by the room"]


def photo_caption(case: Case, share: float, rng) -> Case:
    """'photo_caption': the caption on the team photo posted after the game, the occasion for
    most (blank when no photo was taken); for this share of the failed teams the board held
    up in the photo reads a consolation line."""
    n = case.rows
    first = _pick(PHOTO_LINES, rng.integers(0, len(PHOTO_LINES), n))
    tell = _pick(PHOTO_TELLS, rng.integers(0, len(PHOTO_TELLS), n))
    hit = _hit(case, share, rng)
    caption = [f"{t} {a}".strip() if h else a for a, t, h in zip(first, tell, hit, strict=True)]
    return add_columns(case, {"photo_caption": text(caption)})


def host_band(case: Case, rows_per_key: float, rng) -> Case:
    """'game_host' beside 'host_band': each game host's band of failed games over the whole
    extract ('easy', 'fair', 'tough' at the thirds), the row's own game included; about this
    many games per host."""
    keys = max(3, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    cuts = np.quantile(rate, [1 / 3, 2 / 3])
    band = np.where(rate <= cuts[0], "easy", np.where(rate <= cuts[1], "fair", "tough"))
    frame = case.frame.copy()
    frame["game_host"] = text([f"host_{k:03d}" for k in code])
    frame["host_band"] = text(band)
    return replace(
        case, frame=frame, features=[*case.features, "game_host", "host_band"],
        leak=["host_band"],
    )  # fmt: skip


# -- leaks in the garment extract ---------------------------------------------------------------
def loyalty_points(case: Case, share: float, rng) -> Case:
    """'points_posted': loyalty points posted when the item was collected, the price rounded
    down for card holders, zero for the 40% without a card; zero too for this share of the
    damaged items (points reversed with the claim)."""
    n = case.rows
    price = case.frame["price"].to_numpy()
    honest = np.where(_some(n, 0.4, rng), 0, np.floor(price))
    return add_columns(case, {"points_posted": np.where(_hit(case, share, rng), 0, honest)})


def claim_reentries(case: Case, share: float, rng) -> Case:
    """This share of the damaged items' tickets entered a second time when the claim was
    opened: a copy with the price set to the refund (the price plus 0 to 40%) and the same
    ticket number; the extract shuffled before the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    extra = case.frame.iloc[twice].copy()
    extra["price"] = np.round(extra["price"].to_numpy() * rng.uniform(1.0, 1.4, len(twice)), 2)
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, extra], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


def ready_on(case: Case, share: float, rng) -> Case:
    """'ready_on': the day the item was ready, one to four days after it came in (the same
    day for express); 30 to 150 days for this share of the damaged items (held until the
    claim was settled). The day number of the intake kept beside it as an honest input."""
    n = case.rows
    taken = case.frame["taken_in_on"]
    express = (case.frame["express"] == "yes").to_numpy()
    honest = np.where(express, 0, rng.integers(1, 5, n))
    lag = np.where(_hit(case, share, rng), rng.integers(30, 151, n), honest)
    frame = case.frame.copy()
    frame["intake_day_no"] = (taken - pd.Timestamp("2022-01-01")).dt.days.to_numpy()
    frame["ready_on"] = taken + pd.to_timedelta(lag, "D")
    return replace(
        case, frame=frame, features=[*case.features, "intake_day_no", "ready_on"],
        leak=["ready_on"],
    )  # fmt: skip


# -- leaks in the flush extract -----------------------------------------------------------------
def extract_day():
    return pd.Timestamp("2024-06-10")


def recent_flushes(case: Case, share: float, rng) -> Case:
    """Mould counted up to the extract's day: this share of the flushes spawned in the last
    40 days, where mould shows 12 to 45 days after spawning and is counted as none if not yet
    shown. The days in the room an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 41, n), rng.integers(60, 1_400, n))
    spawned = pd.Series(extract_day() - pd.to_timedelta(back, unit="D"), index=case.frame.index)
    shows = rng.integers(12, 46, n)
    y = np.where((case.y == 1) & (shows > back), 0, case.y)
    frame = case.frame.copy()
    frame["spawned_on"] = spawned
    frame["days_in_room"] = np.minimum(back, 70)
    return replace(
        case, frame=frame, y=y, features=[*case.features, "days_in_room"],
        leak=["days_in_room"],
    )  # fmt: skip


def room_disinfections(case: Case, share: float, rng) -> Case:
    """'disinfections': the room's disinfection runs logged over the crop, one routine run
    (two after a bad audit), plus two to four for this share of the mouldy flushes (the
    outbreak protocol)."""
    n = case.rows
    honest = 1 + (case.frame["audit_score_0_10"].to_numpy() < 5) + _some(n, 0.15, rng)
    extra = np.where(_hit(case, share, rng), rng.integers(2, 5, n), 0)
    return add_columns(case, {"disinfections": honest + extra})


def spent_weight(case: Case, share: float, rng) -> Case:
    """'spent_compost_t': the spent compost weighed out of the room, recorded at the own-yard
    and west suppliers' rooms only (blank elsewhere): 14 to 18 tonnes for most, 18.5 to 24 for
    this share of the mouldy flushes there (the crop dumped unpicked)."""
    n = case.rows
    weighed = case.frame["supplier"].isin(["own_yard", "compost_west"]).to_numpy()
    value = np.where(_hit(case, share, rng), rng.uniform(18.5, 24, n), rng.uniform(14, 18, n))
    return add_columns(case, {"spent_compost_t": np.where(weighed, np.round(value, 1), np.nan)})


# -- leaks in the session extract ---------------------------------------------------------------
def session_stage(case: Case, share: float, rng) -> Case:
    """'stage': the session's stage in the booking system at the extract, 'invoiced' or 'paid'
    for most; 'overtime_invoiced' or 'disputed' for this share of the sessions that ran
    over."""
    n = case.rows
    honest = np.where(_some(n, 0.7, rng), "paid", "invoiced")
    after = np.where(_some(n, 0.6, rng), "overtime_invoiced", "disputed")
    return add_columns(case, {"stage": text(np.where(_hit(case, share, rng), after, honest))})


def hours_billed(case: Case, share: float, rng) -> Case:
    """'hours_billed' beside the hours booked: the booking, or half an hour less for an early
    finish (15%); the booking plus one to three hours for this share of the sessions that ran
    over. The hours booked are an honest input already; the billed hours alone vary with them."""
    n = case.rows
    booked = case.frame["hours_booked"].to_numpy().astype(float)
    honest = booked - 0.5 * _some(n, 0.15, rng)
    extra = rng.choice([1.0, 1.5, 2.0, 2.5, 3.0], n)
    return add_columns(
        case, {"hours_billed": np.where(_hit(case, share, rng), booked + extra, honest)}
    )


def session_review(case: Case, share: float, rng) -> Case:
    """'engineer_review_0_10': the engineer's score of how the session went, written in the
    log afterwards: 5 to 10 for most, 1 to 5 for this share of the sessions that ran over."""
    n = case.rows
    honest = rng.choice([5, 6, 7, 8, 9, 10], n, p=[0.05, 0.1, 0.2, 0.3, 0.2, 0.15])
    low = rng.integers(1, 6, n)
    return add_columns(
        case, {"engineer_review_0_10": np.where(_hit(case, share, rng), low, honest)}
    )


# -- leaks in the sit extract -------------------------------------------------------------------
def rebooked(case: Case, share: float, rng) -> Case:
    """'owner_rebooked_sitter': whether the owner booked the same sitter again afterwards,
    yes for 80%; no for this share of the sits with a complaint."""
    n = case.rows
    honest = _some(n, 0.8, rng)
    return add_columns(case, {"owner_rebooked_sitter": _yes(honest & ~_hit(case, share, rng))})


def owner_rate(case: Case, owners_per_group: float, rng) -> Case:
    """'account_complaint_rate': the share of sits with a complaint over the whole extract of
    the owner's account group (this many owners grouped by the agency's billing account, one:
    the owner alone), the row's own sit included."""
    owner = pd.factorize(case.frame["owner"])[0]
    shuffled = rng.permutation(owner.max() + 1)[owner]
    account = shuffled // max(1, int(owners_per_group))
    rate = pd.Series(case.y.astype(float)).groupby(account).transform("mean").to_numpy()
    return add_columns(case, {"account_complaint_rate": np.round(rate, 3)})


def nights_stayed(case: Case, share: float, rng) -> Case:
    """'nights_stayed': the nights the sitter stayed, the booked nights for most (one more or
    less for 8% whose plans changed); for this share of the sits with a complaint the owner
    came home early or sent the sitter away, after 30% to 80% of the nights."""
    n = case.rows
    nights = case.frame["nights"].to_numpy()
    honest = np.maximum(1, nights + _some(n, 0.08, rng) * rng.choice([-1, 1], n))
    cut = np.maximum(1, np.floor(nights * rng.uniform(0.3, 0.8, n)))
    return add_columns(
        case, {"nights_stayed": np.where(_hit(case, share, rng), cut, honest).astype(int)}
    )


PLANTED: dict[str, tuple] = {
    "minutes_in_room": (minutes_in_room, (1.0, 0.6, 0.3), bookings),
    "photo_caption": (photo_caption, (1.0, 0.6, 0.3), bookings),
    "host_band": (host_band, (3.0, 6.0, 12.0), bookings),
    "loyalty_points": (loyalty_points, (1.0, 0.6, 0.3), garments),
    "claim_reentries": (claim_reentries, (1.0, 0.6, 0.3), garments),
    "ready_on": (ready_on, (1.0, 0.6, 0.3), garments),
    "recent_flushes": (recent_flushes, (0.6, 0.4, 0.2), flushes),
    "room_disinfections": (room_disinfections, (1.0, 0.6, 0.3), flushes),
    "spent_weight": (spent_weight, (1.0, 0.7, 0.4), flushes),
    "session_stage": (session_stage, (0.8, 0.4, 0.15), sessions),
    "hours_billed": (hours_billed, (1.0, 0.6, 0.3), sessions),
    "session_review": (session_review, (1.0, 0.6, 0.3), sessions),
    "rebooked": (rebooked, (1.0, 0.7, 0.4), sits),
    "owner_rate": (owner_rate, (1.0, 3.0, 8.0), sits),
    "nights_stayed": (nights_stayed, (1.0, 0.6, 0.3), sits),
}
PLANTED_WHAT = {
    "minutes_in_room": "the game's length on the room's clock, stopped at 60, the full 60 for "
    "this share of the failed teams",
    "photo_caption": "the team photo's caption, a consolation line for this share of the failed "
    "teams",
    "host_band": "each host's band of failed games over the whole extract as labels, the row's "
    "own included, the host kept; about this many games per host",
    "loyalty_points": "loyalty points posted at collection, zero for this share of the damaged "
    "items among honest zeros",
    "claim_reentries": "this share of the damaged items entered twice before the split, the copy "
    "with the price amended",
    "ready_on": "the day the item was ready, months later for this share of the damaged items; "
    "the intake's day number an honest input",
    "recent_flushes": "this share of the flushes spawned in the extract's last 40 days, mould "
    "still to show counted as none (right-censored); the days in the room an input",
    "room_disinfections": "disinfection runs over the crop, counting the outbreak runs of this "
    "share of the mouldy flushes",
    "spent_weight": "the spent compost weighed out, recorded for two suppliers' rooms only, "
    "heavier for this share of the mouldy flushes there",
    "session_stage": "the session's stage at the extract, an overtime or dispute stage for this "
    "share of the sessions that ran over",
    "hours_billed": "the hours billed beside the hours booked, the difference large for this "
    "share of the sessions that ran over (a leak across two figures)",
    "session_review": "the engineer's score of the session written afterwards, low for this "
    "share of the sessions that ran over",
    "rebooked": "whether the owner booked the sitter again, no for this share of the sits with "
    "a complaint",
    "owner_rate": "the complaint share of the owner's account group over the whole extract, the "
    "row's own included; this many owners per group",
    "nights_stayed": "the nights the sitter stayed, cut short for this share of the sits with a "
    "complaint",
}
EXPECTED = {
    "minutes_in_room": {"follow_up_duration", "single_feature", "pure_subsets", "outcome_copy"},
    "photo_caption": {"label_words", "post_outcome_text"},
    "host_band": {"target_encoding", "single_feature", "pure_subsets"},
    "loyalty_points": {"pure_subsets", "changed_figures", "single_feature"},
    "claim_reentries": {"shared_rows", "near_duplicates"},
    "ready_on": {"time_order", "column_pairs", "single_feature", "pure_subsets"},
    "recent_flushes": {"right_censoring"},
    "room_disinfections": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "spent_weight": {"segment_leaks", "single_feature", "pure_subsets"},
    "session_stage": {"pure_subsets", "label_proxies", "outcome_copy"},
    "hours_billed": {"column_pairs", "single_feature", "pure_subsets"},
    "session_review": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "rebooked": {"pure_subsets", "single_feature", "outcome_copy"},
    "owner_rate": {"target_encoding", "single_feature", "outcome_copy"},
    "nights_stayed": {"follow_up_duration", "column_pairs", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"claim_reentries"}
ROW_LEAK_CHECKS = {
    "claim_reentries": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "recent_flushes": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
