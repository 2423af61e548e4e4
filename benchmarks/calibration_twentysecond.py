"""The twentysecond generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (45,000 and up). Other domains and shapes than
every family before it: a suckler herd's heifers needing help at their first calving, a taxi
firm's pre-booked fares where nobody is at the pickup, an allotment society's plots given up at
the year's end, a university's doctoral students submitting their thesis late and a highway
authority's pothole repairs failing within six months — null families of realistic shapes with
the honest confusers consultants meet in such extracts, and leaks planted in a heifer extract,
a fare extract, a tenancy extract, a student extract and a repair extract by generators of
their own, each graded by three strengths.

The twentyfirst generation (benchmarks/calibration_twentyfirst.py) is the kept-aside set of
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
    """Codes 0..keys-1 for n rows, unequal in size (log-normal weights)."""
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _ruled(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to yes for this share of those a business rule settles."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _prose(rng, pools, k) -> list[str]:
    """Short notes: for each row, a few words from its pool, shuffled."""
    return [
        " ".join(rng.permutation(rng.choice(pool, int(m))))
        for pool, m in zip(pools, k, strict=True)
    ]


def _yes(flags) -> pd.Series:
    return text(np.where(flags, "yes", "no"))


def _pick(names, index) -> np.ndarray:
    return np.array(names, dtype=object)[index]


def _refs(rng, prefix: str, m: int) -> pd.Series:
    return text([f"{prefix}{k}" for k in rng.choice(9_000_000, m, replace=False) + 10**6])


def _hit(case: Case, share: float, rng) -> np.ndarray:
    """This share of the rows whose outcome is yes."""
    return (case.y == 1) & _some(case.rows, share, rng)


# -- a suckler herd's heifers at first calving ---------------------------------------------------
BREEDS = ["angus_x", "hereford_x", "limousin_x", "simmental_x", "charolais_x", "luing"]
BREED_EFFECT = np.array([-0.5, -0.3, 0.3, 0.1, 0.5, -0.6])
SIRE_BREEDS = ["angus", "hereford", "limousin", "charolais", "british_blue"]
SIRE_EFFECT = np.array([-0.6, -0.3, 0.3, 0.6, 0.4])
HERD_WORDS = [
    "bulling", "seen", "served", "twice", "scanned", "in", "calf", "fit", "good", "shape",
    "lame", "last", "winter", "wormed", "flighty", "quiet", "handles", "well", "on", "silage",
    "outwintered", "kale", "bought", "home", "bred", "tag", "replaced", "check", "feet",
]  # fmt: skip


def _heifers(n: int, seed: int):
    """Heifers due to calve for the first time over three seasons: the animal's tag, the farm
    (a vet practice's clients, many heifers each), the due day, her breed, the sire's breed, the
    sire's calving-ease figure (blank for home-bred bulls with no proof), her age at calving in
    months, her weight and body condition 1-5 at the pre-calving check, the pelvic area (measured
    on some farms only, blank elsewhere), twins scanned, the earlier calvings in the herd that
    year (zero early in the season), the stockman's note at the check; the log-odds of an
    assisted calving and those the rule settles (a heifer booked for an elective caesarean,
    carrying a double-muscled calf, is nearly always assisted)."""
    rng = np.random.default_rng(seed)
    farms = max(12, int(n / 60))
    farm = _codes(rng, farms, n, 0.7)
    skill = rng.normal(0, 0.5, farms)
    measures = _some(farms, 0.4, rng)
    breed = rng.choice(len(BREEDS), n, p=[0.25, 0.15, 0.25, 0.15, 0.1, 0.1])
    sire = rng.choice(len(SIRE_BREEDS), n, p=[0.3, 0.15, 0.25, 0.15, 0.15])
    ease = np.round(rng.normal(5 - 3 * SIRE_EFFECT[sire], 2.5, n), 1)
    ease = np.where(_some(n, 0.25, rng), np.nan, ease)
    age = np.clip(np.round(rng.normal(26, 3, n)), 21, 36).astype(int)
    weight = np.round(rng.normal(520 + 6 * (age - 26), 45, n), 0)
    condition = np.clip(np.round(rng.normal(3.0, 0.7, n) * 2) / 2, 1, 5)
    pelvic = np.round(rng.normal(150 + 1.2 * (age - 26) + 0.05 * (weight - 520), 12, n), 0)
    pelvic = np.where(measures[farm], pelvic, np.nan)
    twins = _some(n, 0.03, rng)
    earlier = np.where(_some(n, 0.3, rng), 0, rng.poisson(14, n))
    caesar = _some(n, 0.04, rng)
    z = (
        BREED_EFFECT[breed]
        + SIRE_EFFECT[sire]
        - 0.12 * np.nan_to_num(ease - 5)
        - 0.08 * (age - 26)
        - 0.004 * (weight - 520)
        + 0.5 * np.abs(condition - 3)
        - 0.03 * np.nan_to_num(pelvic - 150)
        + 0.9 * twins
        - 0.6 * skill[farm]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "tag_no": text([f"UK{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "farm": text([f"F{k:03d}" for k in farm]),
            "due_on": _on("2021-01-15", rng.integers(0, 1_095, n)),
            "breed": text(_pick(BREEDS, breed)),
            "sire_breed": text(_pick(SIRE_BREEDS, sire)),
            "sire_calving_ease": ease,
            "age_months": age,
            "weight_kg": weight,
            "body_condition_1_5": condition,
            "pelvic_area_cm2": pelvic,
            "twins_scanned": _yes(twins),
            "herd_calvings_so_far": earlier,
            "stockman_note": text(_prose(rng, [HERD_WORDS] * n, rng.integers(2, 9, n))),
            "elective_caesarean": _yes(caesar),
        }
    )
    return frame, z, caesar, rng


def _assisted(z, ruled, rng) -> np.ndarray:
    """An assisted calving (about 22%); 95% of the elective caesareans."""
    return _ruled(outcome(z, 0.2, rng), ruled, 0.95, rng)


HEIFER_INPUTS = ("tag_no", "farm", "due_on")


def heifer_assisted(n: int, seed: int) -> Case:
    """Assisted; split by farm (a farm's heifers together)."""
    frame, z, ruled, rng = _heifers(n, seed)
    feats = [c for c in frame.columns if c not in HEIFER_INPUTS]
    y = _assisted(z, ruled, rng)
    return Case(
        "heifer_assisted", frame, y, "binary", feats, split="group", group="farm", ids=["tag_no"]
    )


def heifer_assisted_later(n: int, seed: int) -> Case:
    """Assisted; split in time on the due day."""
    frame, z, ruled, rng = _heifers(n, seed)
    feats = [c for c in frame.columns if c not in HEIFER_INPUTS]
    y = _assisted(z, ruled, rng)
    return Case(
        "heifer_assisted_later", frame, y, "binary", feats, split="time", time="due_on",
        ids=["tag_no"],
    )  # fmt: skip


# -- a taxi firm's pre-booked fares ----------------------------------------------------------------
PICKUPS = ["home", "station", "hospital", "pub_or_club", "airport", "hotel", "school"]
PICKUP_EFFECT = np.array([-0.3, 0.2, -0.4, 0.9, -0.6, 0.1, -0.5])
CHANNELS = ["phone", "app", "website", "account"]
CHANNEL_EFFECT = np.array([0.0, 0.3, 0.4, -0.7])
BOOKING_WORDS = [
    "please", "ring", "on", "arrival", "two", "cases", "wheelchair", "child", "seat", "back",
    "door", "flat", "b", "buzzer", "broken", "wait", "outside", "shop", "meet", "by", "the",
    "clock", "return", "later", "large", "party", "dog", "quiet", "card", "payment",
]  # fmt: skip


def _fares(n: int, seed: int):
    """Pre-booked fares over three years: the booking, the customer (regulars book again and
    again; a phone number or an app login), the minute booked, the pickup place, the channel,
    the lead time in minutes (capped at the 10,080 the dispatch system takes), the hour of the
    pickup, the passengers, the quoted fare, the customer's earlier fares and earlier no-shows
    (zero for most), the customer's app rating 1-5 (blank for phone bookings), the booking note,
    a fare booked by a hospital's patient-transport desk; the log-odds of nobody being there
    and those the rule settles (the transport desk's fares are escorted, nearly never missed)."""
    rng = np.random.default_rng(seed)
    customers = max(50, int(n / 2.5))
    customer = _codes(rng, customers, n, 0.9)
    flaky = rng.normal(0, 0.7, customers)
    pickup = rng.choice(len(PICKUPS), n, p=[0.35, 0.15, 0.08, 0.14, 0.1, 0.1, 0.08])
    channel = rng.choice(len(CHANNELS), n, p=[0.35, 0.35, 0.15, 0.15])
    lead = np.minimum(np.round(rng.lognormal(5.2, 1.4, n)), 10_080).astype(int)
    weights = np.r_[[1] * 6, [3] * 4, [2] * 6, [4] * 4, [5] * 4].astype(float)
    hour = rng.choice(24, n, p=weights / weights.sum())
    riders = np.where(_some(n, 0.7, rng), 1, rng.integers(2, 7, n))
    fare = np.round(rng.gamma(2.5, 6, n) + 4.5 + 35 * (pickup == 4), 2)
    past = np.where(_some(n, 0.25, rng), 0, rng.geometric(0.08, n))
    noshows = np.where(_some(n, 0.85, rng), 0, rng.integers(1, 5, n))
    rating = np.clip(np.round(rng.normal(4.4 - 0.3 * flaky[customer], 0.6, n)), 1, 5)
    rating = np.where(channel == 1, rating, np.nan)
    desk = _some(n, 0.05, rng)
    night = (hour >= 22) | (hour < 4)
    z = (
        PICKUP_EFFECT[pickup]
        + CHANNEL_EFFECT[channel]
        + 0.7 * flaky[customer]
        + 0.18 * np.log1p(lead)
        + 0.6 * night
        - 0.1 * (riders - 1)
        - 0.1 * np.log1p(past)
        + 0.5 * noshows
        - 0.3 * np.nan_to_num(rating - 4.4)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "booking_ref": _refs(rng, "TX", n),
            "customer": text([f"P{k:06d}" for k in customer]),
            "booked_at": _on("2021-04-01", rng.integers(0, 1_095 * 1_440, n), "min"),
            "pickup_place": text(_pick(PICKUPS, pickup)),
            "channel": text(_pick(CHANNELS, channel)),
            "lead_minutes": lead,
            "pickup_hour": hour,
            "passengers": riders,
            "quoted_fare": fare,
            "earlier_fares": past,
            "earlier_no_shows": noshows,
            "app_rating_1_5": rating,
            "booking_note": text(_prose(rng, [BOOKING_WORDS] * n, rng.integers(0, 7, n))),
            "transport_desk": _yes(desk),
        }
    )
    return frame, z, desk, rng


def _no_show(z, ruled, rng) -> np.ndarray:
    """Nobody at the pickup (about 12%); a transport-desk fare nearly never."""
    return np.where(ruled & _some(len(z), 0.98, rng), 0, outcome(z, 0.13, rng))


FARE_INPUTS = ("booking_ref", "customer", "booked_at")


def fare_no_show(n: int, seed: int) -> Case:
    """No-show; split in time on the minute booked, the same customers on both sides."""
    frame, z, ruled, rng = _fares(n, seed)
    feats = [c for c in frame.columns if c not in FARE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case(
        "fare_no_show", frame, y, "binary", feats, split="time", time="booked_at",
        ids=["booking_ref"],
    )  # fmt: skip


def customer_no_show(n: int, seed: int) -> Case:
    """No-show; split by customer (a customer's fares together)."""
    frame, z, ruled, rng = _fares(n, seed)
    feats = [c for c in frame.columns if c not in FARE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case(
        "customer_no_show", frame, y, "binary", feats, split="group", group="customer",
        ids=["booking_ref"],
    )  # fmt: skip


# -- an allotment society's plot tenancies ---------------------------------------------------------
ALLOT_SITES = ["mill_lane", "church_field", "railway_side", "brook_meadow", "top_road"]
ALLOT_SITE_EFFECT = np.array([0.0, -0.3, 0.4, 0.2, -0.1])
PLOT_SIZES = ["quarter", "half", "full"]
SIZE_RISK = np.array([-0.3, 0.0, 0.4])
SPRING_WORDS = [
    "dug", "over", "beds", "shed", "roof", "leaking", "asked", "about", "manure", "water",
    "butt", "brambles", "back", "corner", "cleared", "potatoes", "in", "greenhouse", "glass",
    "cracked", "new", "path", "compost", "bays", "fruit", "cage", "netting", "seedlings",
]  # fmt: skip


def _tenancies(n: int, seed: int):
    """Plot tenancies at the spring walk-round over four years: the tenancy, the site, the day of
    the walk-round, the plot's size, the years held (capped at 25, the register's start), the
    tenant's age (blank on the older forms), the distance from home (km), the walk-round's cultivation grade 1-5, the
    non-cultivation letters this year (zero for most), a water trough beside the plot, the
    tenant's volunteer hours last year (zero for many), a joint tenancy, the warden's note at the
    walk-round, a committee member; the log-odds of giving the plot up at the year's end and
    those the rule settles (a committee member nearly never gives a plot up)."""
    rng = np.random.default_rng(seed)
    site = rng.choice(len(ALLOT_SITES), n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    size = rng.choice(len(PLOT_SIZES), n, p=[0.25, 0.5, 0.25])
    years = np.minimum(rng.geometric(0.14, n) - 1, 25)
    age = np.clip(np.round(rng.normal(55, 14, n)), 20, 90).astype(int)
    km = np.round(rng.gamma(2, 1.3, n), 1)
    grade = np.clip(np.round(rng.normal(3.4 + 0.03 * years, 1.0, n)), 1, 5).astype(int)
    letters = np.where(grade <= 2, rng.poisson(1.2, n), rng.poisson(0.1, n))
    trough = _some(n, 0.4, rng)
    hours = np.where(_some(n, 0.6, rng), 0, rng.integers(2, 40, n))
    joint = _some(n, 0.25, rng)
    committee = _some(n, 0.06, rng)
    z = (
        ALLOT_SITE_EFFECT[site]
        + SIZE_RISK[size]
        - 0.08 * years
        + 0.015 * (age - 55) ** 2 / 10
        + 0.15 * km
        - 0.5 * (grade - 3.4)
        + 0.45 * letters
        - 0.2 * trough
        - 0.02 * hours
        - 0.3 * joint
        + rng.normal(0, 0.6, n)
    )
    frame = pd.DataFrame(
        {
            "tenancy_no": _refs(rng, "AL", n),
            "site": text(_pick(ALLOT_SITES, site)),
            "walk_round_on": _on(
                "2021-04-10", rng.integers(0, 40, n) + 365 * rng.integers(0, 4, n)
            ),
            "plot_size": text(_pick(PLOT_SIZES, size)),
            "years_held": years,
            "tenant_age": np.where(_some(n, 0.08, rng), np.nan, age),
            "km_from_home": km,
            "cultivation_1_5": grade,
            "letters_this_year": letters,
            "water_trough": _yes(trough),
            "volunteer_hours": hours,
            "joint_tenancy": _yes(joint),
            "warden_note": text(_prose(rng, [SPRING_WORDS] * n, rng.integers(3, 10, n))),
            "committee_member": _yes(committee),
        }
    )
    return frame, z, committee, rng


def _given_up(z, ruled, rng) -> np.ndarray:
    """Given up at the year's end (about 15%); a committee member nearly never."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.16, rng))


TENANCY_INPUTS = ("tenancy_no", "walk_round_on")


def plot_given_up(n: int, seed: int) -> Case:
    """Given up; split stratified, the walk-round day declared."""
    frame, z, ruled, rng = _tenancies(n, seed)
    feats = [c for c in frame.columns if c not in TENANCY_INPUTS]
    y = _given_up(z, ruled, rng)
    return Case(
        "plot_given_up", frame, y, "binary", feats, time="walk_round_on", ids=["tenancy_no"]
    )


def site_given_up(n: int, seed: int) -> Case:
    """Given up; split by site (five sites, a site's plots together), the site not an input."""
    frame, z, ruled, rng = _tenancies(n, seed)
    feats = [c for c in frame.columns if c not in (*TENANCY_INPUTS, "site")]
    y = _given_up(z, ruled, rng)
    return Case(
        "site_given_up", frame, y, "binary", feats, split="group", group="site",
        ids=["tenancy_no"],
    )  # fmt: skip


# -- a university's doctoral students ------------------------------------------------------------
FACULTIES = ["physics", "chemistry", "biosciences", "engineering", "history", "economics", "law"]
FACULTY_EFFECT = np.array([-0.2, -0.3, 0.0, 0.1, 0.6, 0.3, 0.5])
FUNDING = ["council_studentship", "industry", "self_funded", "overseas_government"]
FUNDING_EFFECT = np.array([-0.3, 0.0, 0.7, -0.2])


def _students(n: int, seed: int):
    """Doctoral students at the first-year review over five intakes: the student, the lead
    supervisor (a few students each), the day registered, the faculty, the funding, part time,
    the master's mark (blank for those admitted from a first degree), the first-year review's
    1-5 progress grade, the supervisor's completions so far (zero for new supervisors), the
    teaching hours a week (zero for many, capped at the 6 the rules allow), the age at entry,
    a thesis by publication (papers stapled together, nearly always on time); the log-odds of
    submitting late and those the rule settles."""
    rng = np.random.default_rng(seed)
    supervisors = max(20, int(n / 6))
    supervisor = _codes(rng, supervisors, n, 0.5)
    style = rng.normal(0, 0.6, supervisors)
    completions = rng.poisson(4, supervisors)
    faculty = rng.choice(len(FACULTIES), n, p=[0.16, 0.16, 0.2, 0.18, 0.1, 0.1, 0.1])
    funding = rng.choice(len(FUNDING), n, p=[0.45, 0.15, 0.25, 0.15])
    part = _some(n, 0.12 + 0.3 * (funding == 2), rng)
    masters = np.round(rng.normal(68, 6, n), 0)
    masters = np.where(_some(n, 0.35, rng), np.nan, masters)
    review = np.clip(np.round(rng.normal(3.5 - 0.5 * style[supervisor], 0.9, n)), 1, 5)
    teaching = np.where(_some(n, 0.5, rng), 0, np.minimum(rng.integers(1, 9, n), 6))
    age = np.clip(np.round(rng.gamma(3, 3, n) + 21), 21, 60).astype(int)
    papers = _some(n, 0.06, rng)
    z = (
        FACULTY_EFFECT[faculty]
        + FUNDING_EFFECT[funding]
        + 0.8 * part
        - 0.04 * np.nan_to_num(masters - 68)
        - 0.6 * (review - 3.5)
        + 0.6 * style[supervisor]
        - 0.1 * np.minimum(completions[supervisor], 6)
        + 0.12 * teaching
        + 0.02 * (age - 28)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "student_no": _refs(rng, "R", n),
            "supervisor": text([f"S{k:04d}" for k in supervisor]),
            "registered_on": _on(
                "2017-10-01", 365 * rng.integers(0, 5, n) + rng.integers(0, 60, n)
            ),
            "faculty": text(_pick(FACULTIES, faculty)),
            "funding": text(_pick(FUNDING, funding)),
            "part_time": _yes(part),
            "masters_mark": masters,
            "first_year_review_1_5": review,
            "supervisor_completions": completions[supervisor],
            "teaching_hours_week": teaching,
            "age_at_entry": age,
            "thesis_by_publication": _yes(papers),
        }
    )
    return frame, z, papers, rng


def _late(z, ruled, rng) -> np.ndarray:
    """Submitted after the registration period (about 30%); by publication nearly never."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.32, rng))


STUDENT_INPUTS = ("student_no", "supervisor", "registered_on")


def thesis_late(n: int, seed: int) -> Case:
    """Late; split by supervisor (a supervisor's students together)."""
    frame, z, ruled, rng = _students(n, seed)
    feats = [c for c in frame.columns if c not in STUDENT_INPUTS]
    y = _late(z, ruled, rng)
    return Case(
        "thesis_late", frame, y, "binary", feats, split="group", group="supervisor",
        ids=["student_no"],
    )  # fmt: skip


def months_to_submit(n: int, seed: int) -> Case:
    """Months from registration to submission (a regression, 30 to 60, capped where the
    registration lapses, many at 48 as the funding ends); split at random."""
    frame, z, ruled, rng = _students(n, seed)
    months = 44 + 6 * z + rng.normal(0, 4, len(z))
    months = np.where((months > 45) & (months < 49) & _some(len(z), 0.6, rng), 48, months)
    months = np.where(ruled, np.minimum(months, 44), months)
    months = np.round(np.clip(months, 30, 60), 0)
    feats = [c for c in frame.columns if c not in STUDENT_INPUTS]
    return Case(
        "months_to_submit", frame, months, "regression", feats, split="random",
        ids=["student_no"],
    )  # fmt: skip


# -- a highway authority's pothole repairs --------------------------------------------------------
ROAD_CLASSES = ["a_road", "b_road", "c_road", "unclassified", "cycleway"]
ROAD_EFFECT = np.array([0.4, 0.2, 0.0, -0.1, -0.6])
METHODS = ["cold_lay", "hot_lay_patch", "spray_injection", "machine_inlay"]
METHOD_EFFECT = np.array([1.0, 0.0, 0.4, -1.5])
DEFECT_WORDS = [
    "edge", "of", "carriageway", "near", "gully", "wheel", "track", "cracking", "around",
    "ironwork", "manhole", "cover", "bus", "stop", "deep", "standing", "water", "crazing",
    "patched", "before", "outside", "number", "junction", "bend", "verge", "overrun", "loose",
]  # fmt: skip


def _repairs(n: int, seed: int):
    """Pothole repairs over three years: the defect, the repair gang, the day repaired, the
    road's class, the repair method, the depth and area of the hole, the traffic count (vehicles
    a day, blank for unsurveyed lanes), the road's condition index 0-100 at the last survey, the
    earlier repairs within 20 m (zero for most), the air temperature at the repair, rain on the
    day, the inspector's words at the defect's report; the log-odds of the repair failing
    (the pothole open again) within six months."""
    rng = np.random.default_rng(seed)
    gangs = 9
    gang = _codes(rng, gangs, n, 0.4)
    care = rng.normal(0, 0.35, gangs)
    road = rng.choice(len(ROAD_CLASSES), n, p=[0.2, 0.2, 0.25, 0.3, 0.05])
    method = rng.choice(len(METHODS), n, p=[0.3, 0.4, 0.2, 0.1])
    depth = np.round(rng.gamma(4, 12, n) + 20, 0)
    area = np.round(rng.lognormal(-0.6, 0.7, n), 2)
    traffic = np.round(rng.lognormal(7.5 + 0.8 * (road == 0) - 0.5 * (road >= 3), 0.8, n), -1)
    traffic = np.where((road >= 3) & _some(n, 0.6, rng), np.nan, traffic)
    index = np.clip(np.round(rng.normal(62, 16, n)), 0, 100).astype(int)
    earlier = np.where(_some(n, 0.7, rng), 0, rng.integers(1, 7, n))
    day = rng.integers(0, 1_095, n)
    temperature = np.round(10 - 7 * np.cos(2 * np.pi * (day - 15) / 365) + rng.normal(0, 3, n), 0)
    rain = _some(n, 0.3, rng)
    z = (
        ROAD_EFFECT[road]
        + METHOD_EFFECT[method]
        - care[gang]
        + 0.012 * (depth - 68)
        + 0.3 * np.log(area / 0.6)
        + 0.2 * np.nan_to_num(np.log(traffic) - 7.5)
        - 0.02 * (index - 62)
        + 0.2 * earlier
        - 0.04 * (temperature - 10)
        + 0.4 * rain
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "defect_ref": _refs(rng, "PH", n),
            "gang": text([f"gang_{k}" for k in gang]),
            "repaired_on": _on("2021-01-01", day),
            "road_class": text(_pick(ROAD_CLASSES, road)),
            "repair_method": text(_pick(METHODS, method)),
            "depth_mm": depth,
            "area_m2": area,
            "vehicles_per_day": traffic,
            "condition_index": index,
            "repairs_within_20m": earlier,
            "air_temp_c": temperature,
            "rain_on_day": _yes(rain),
            "inspector_words": text(_prose(rng, [DEFECT_WORDS] * n, rng.integers(2, 8, n))),
        }
    )
    return frame, z, rng


def _reopened(z, rng) -> np.ndarray:
    """Open again within six months (about 20%)."""
    return outcome(z, 0.2, rng)


REPAIR_INPUTS = ("defect_ref", "gang", "repaired_on")


def repair_failed(n: int, seed: int) -> Case:
    """Failed; split in time on the day repaired."""
    frame, z, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    return Case(
        "repair_failed", frame, _reopened(z, rng), "binary", feats, split="time",
        time="repaired_on", ids=["defect_ref"],
    )  # fmt: skip


def gang_failed(n: int, seed: int) -> Case:
    """Failed; split by gang (nine gangs, a gang's repairs together), the gang not an input."""
    frame, z, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    return Case(
        "gang_failed", frame, _reopened(z, rng), "binary", feats, split="group", group="gang",
        ids=["defect_ref"],
    )  # fmt: skip


NULL_FAMILIES = {
    "heifer_assisted": heifer_assisted,
    "heifer_assisted_later": heifer_assisted_later,
    "fare_no_show": fare_no_show,
    "customer_no_show": customer_no_show,
    "plot_given_up": plot_given_up,
    "site_given_up": site_given_up,
    "thesis_late": thesis_late,
    "months_to_submit": months_to_submit,
    "repair_failed": repair_failed,
    "gang_failed": gang_failed,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 45) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"heifer_assisted": 1_200, "site_given_up": 1_200, "gang_failed": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def heifers(n: int, seed: int) -> Case:
    """Heifers assisted at calving, split stratified, the due day declared."""
    frame, z, ruled, rng = _heifers(n, seed)
    feats = [c for c in frame.columns if c not in HEIFER_INPUTS]
    y = _assisted(z, ruled, rng)
    return Case("heifer_calvings", frame, y, "binary", feats, time="due_on", ids=["tag_no"])


def fares(n: int, seed: int) -> Case:
    """Fares where nobody came, split stratified, the minute booked declared."""
    frame, z, ruled, rng = _fares(n, seed)
    feats = [c for c in frame.columns if c not in FARE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case("taxi_fares", frame, y, "binary", feats, time="booked_at", ids=["booking_ref"])


def tenancies(n: int, seed: int) -> Case:
    """Plots given up, split stratified, the walk-round day declared."""
    frame, z, ruled, rng = _tenancies(n, seed)
    feats = [c for c in frame.columns if c not in TENANCY_INPUTS]
    y = _given_up(z, ruled, rng)
    return Case(
        "allotment_tenancies", frame, y, "binary", feats, time="walk_round_on",
        ids=["tenancy_no"],
    )  # fmt: skip


def students(n: int, seed: int) -> Case:
    """Theses submitted late, split stratified, the day registered declared."""
    frame, z, ruled, rng = _students(n, seed)
    feats = [c for c in frame.columns if c not in STUDENT_INPUTS]
    y = _late(z, ruled, rng)
    return Case(
        "doctoral_students", frame, y, "binary", feats, time="registered_on", ids=["student_no"]
    )


def repairs(n: int, seed: int) -> Case:
    """Pothole repairs failing, split stratified, the day repaired declared."""
    frame, z, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    return Case(
        "pothole_repairs", frame, _reopened(z, rng), "binary", feats, time="repaired_on",
        ids=["defect_ref"],
    )  # fmt: skip


# -- leaks in the heifer extract ----------------------------------------------------------------
def calf_weight(case: Case, share: float, rng) -> Case:
    """'calf_birth_weight_kg': weighed on the day it was born, 28 to 50 kg by the sire's breed;
    for this share of the assisted calvings a calf 6 to 14 kg heavier (the big calf that needed
    the pull, weighed after)."""
    n = case.rows
    by_sire = case.frame["sire_breed"].map(
        {"angus": 34.0, "hereford": 36.0, "limousin": 39.0, "charolais": 42.0, "british_blue": 41.0}
    ).to_numpy()  # fmt: skip
    extra = np.where(_hit(case, share, rng), rng.uniform(6, 14, n), 0)
    value = np.round(np.clip(by_sire + rng.normal(0, 3.5, n) + extra, 22, 65), 1)
    return add_columns(case, {"calf_birth_weight_kg": value})


def vet_charges(case: Case, share: float, rng) -> Case:
    """'vet_charges_month': the farm's vet charges for the heifer in her calving month, zero
    for 75% and a routine visit (25 to 120) otherwise; a calving call-out (180 to 650) for this
    share of the assisted calvings."""
    n = case.rows
    honest = np.where(_some(n, 0.75, rng), 0.0, np.round(rng.uniform(25, 120, n), 2))
    callout = np.round(rng.uniform(180, 650, n), 2)
    return add_columns(
        case, {"vet_charges_month": np.where(_hit(case, share, rng), callout, honest)}
    )


def sire_band(case: Case, rows_per_key: float, rng) -> Case:
    """'sire_id' kept among the inputs beside 'sire_ease_band': the breed society's band for the
    bull, computed by the herd's adviser over the whole extract from his heifers' assisted
    share, the row's own calving included ('easy' under 15%, 'moderate' to 30%, 'difficult'
    above); about this many heifers per bull."""
    keys = max(2, int(case.rows / rows_per_key))
    sire = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(sire).transform("mean").to_numpy()
    band = np.where(rate < 0.15, "easy", np.where(rate <= 0.3, "moderate", "difficult"))
    frame = case.frame.copy()
    frame["sire_id"] = text([f"BULL{k:04d}" for k in sire])
    frame["sire_ease_band"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "sire_id", "sire_ease_band"],
        leak=["sire_ease_band"],
    )


# -- leaks in the fare extract ------------------------------------------------------------------
def fare_charged(case: Case, share: float, rng) -> Case:
    """'amount_charged' beside the quoted fare: the quote less a discount or plus waiting time
    and a tip, 0.9 to 1.25 of it, for most; for this share of the no-shows the wasted-journey
    charge alone, 0.25 to 0.5 of the quote. Neither figure alone is unusual."""
    n = case.rows
    quote = case.frame["quoted_fare"].to_numpy()
    factor = np.where(_hit(case, share, rng), rng.uniform(0.25, 0.5, n), rng.uniform(0.9, 1.25, n))
    return add_columns(
        case,
        {"fare_quoted": quote, "amount_charged": np.round(quote * factor, 2)},
        leak=["fare_quoted", "amount_charged"],
    )


DRIVER_LINES = [
    "picked up on time",
    "passenger waiting outside",
    "luggage loaded",
    "paid by card",
    "paid cash",
    "traffic on ring road",
    "dropped at main entrance",
]
NO_SHOW_LINES = [
    "waited ten minutes no answer",
    "rang twice no reply",
    "nobody at address",
    "customer not at pickup",
]


def driver_log(case: Case, share: float, rng) -> Case:
    """'driver_log': one or two of the driver's usual lines in the order they were typed; for
    this share of the no-shows a line about waiting in vain, written first, before the line for
    the next job."""
    n = case.rows
    first = _pick(DRIVER_LINES, rng.integers(0, len(DRIVER_LINES), n))
    second = _pick(DRIVER_LINES, rng.integers(0, len(DRIVER_LINES), n))
    lines = np.where(_some(n, 0.6, rng), first + "; " + second, first)
    tells = _pick(NO_SHOW_LINES, rng.integers(0, len(NO_SHOW_LINES), n))
    value = np.where(_hit(case, share, rng), tells + "; " + second, lines)
    return add_columns(case, {"driver_log": text(value)})


def rebooked_copies(case: Case, share: float, rng) -> Case:
    """This share of the no-shows exported twice, exactly: the dispatch system's nightly job
    wrote the missed fares to the extract again when it copied them to the lost-revenue list;
    the extract shuffled, so a pair can fall on both sides of the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, case.frame.iloc[twice]], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the tenancy extract ---------------------------------------------------------------
def autumn_grade(case: Case, share: float, rng) -> Case:
    """'autumn_grade_1_5': the warden's cultivation grade at the autumn walk-round, near the
    spring grade for most; 1 for this share of the plots given up (walked round after the
    tenant had stopped coming)."""
    n = case.rows
    spring = case.frame["cultivation_1_5"].to_numpy()
    honest = np.clip(spring + rng.choice([-1, 0, 0, 1], n), 1, 5)
    return add_columns(
        case, {"autumn_grade_1_5": np.where(_hit(case, share, rng), 1, honest).astype(int)}
    )


def site_deposit(case: Case, share: float, rng) -> Case:
    """'key_deposit_held': 25 for most, zero for the 12% on a concession; at the mill_lane
    site only (whose treasurer refunds the deposit on the notice) zero for this share of its
    plots given up."""
    n = case.rows
    honest = np.where(_some(n, 0.12, rng), 0, 25)
    one = (case.frame["site"] == "mill_lane").to_numpy()
    return add_columns(
        case, {"key_deposit_held": np.where(one & _hit(case, share, rng), 0, honest)}
    )


def record_touched(case: Case, share: float, rng) -> Case:
    """'record_updated_on': the day the tenancy's record was last changed, any day in the 10
    months after the walk-round for most (a new phone number, the rent paid); for this share
    of the plots given up, 1 to 5 weeks after the year's end (the notice keyed in)."""
    n = case.rows
    walk = case.frame["walk_round_on"]
    year_end = pd.to_datetime(walk.dt.year.astype(str) + "-12-31")
    routine = walk + pd.to_timedelta(rng.integers(1, 300, n), unit="D")
    notice = year_end + pd.to_timedelta(rng.integers(7, 36, n), unit="D")
    value = routine.where(~_hit(case, share, rng), notice)
    return add_columns(case, {"record_updated_on": value})


# -- leaks in the student extract ---------------------------------------------------------------
def months_supervised(case: Case, share: float, rng) -> Case:
    """'supervision_months_logged': months of supervision in the student record, 36 to 48 (the
    funded period, logged as it ran, fewer for those who submitted early) for most; for this
    share of those who submitted late, the writing-up months logged too, 49 to 70."""
    n = case.rows
    honest = rng.integers(36, 49, n)
    return add_columns(
        case,
        {
            "supervision_months_logged": np.where(
                _hit(case, share, rng), rng.integers(49, 71, n), honest
            )
        },
    )


def thesis_words(case: Case, share: float, rng) -> Case:
    """'thesis_word_count': the word count the student gave at submission, blank for the 35%
    whose records came over from the old system without it; blank for this share of those late
    (not submitted when the extract was taken)."""
    n = case.rows
    honest = np.round(rng.normal(80_000, 14_000, n), -2)
    honest = np.where(_some(n, 0.35, rng), np.nan, honest)
    return add_columns(
        case, {"thesis_word_count": np.where(_hit(case, share, rng), np.nan, honest)}
    )


def supervisor_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'supervisor_late_share': each lead supervisor's share of late theses over the whole
    extract, the row's own student included, as the graduate school's dashboard shows it, beside
    the supervisor's code; the codes drawn afresh so that about this many students have each."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["supervisor"] = text([f"S{k:04d}" for k in code])
    frame["supervisor_late_share"] = np.round(rate, 2)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "supervisor", "supervisor_late_share"],
        leak=["supervisor_late_share"],
    )


# -- leaks in the repair extract ----------------------------------------------------------------
REPAIR_EXTRACT_AT = pd.Timestamp("2024-01-05")


def recent_repairs(case: Case, share: float, rng) -> Case:
    """Failures counted up to the extract's day (5 January 2024), the hole opening again 5 to
    180 days after the repair: this share of the repairs made in the extract's last 5 months,
    a failure still to come counted as none. The day repaired moved accordingly, and the days
    from the repair to the extract an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 150, n), rng.integers(150, 1_095, n))
    repaired = pd.Series(
        REPAIR_EXTRACT_AT - pd.to_timedelta(back, unit="D"), index=case.frame.index
    )
    opened_after = rng.integers(5, 181, n)
    y = np.where((case.y == 1) & (opened_after > back), 0, case.y)
    frame = case.frame.copy()
    frame["repaired_on"] = repaired
    frame["days_since_repair"] = back
    return replace(
        case,
        frame=frame,
        y=y,
        features=[*case.features, "days_since_repair"],
        leak=["days_since_repair"],
    )


def defect_status(case: Case, share: float, rng) -> Case:
    """'defect_status' at the extract: 'closed' for most, 'closed_awaiting_lining' for 10% and
    'monitor' for 6%; 're_raised' or 'passed_to_resurfacing' for this share of the repairs that
    failed."""
    n = case.rows
    honest = np.where(
        _some(n, 0.1, rng),
        "closed_awaiting_lining",
        np.where(_some(n, 0.06, rng), "monitor", "closed"),
    )
    after = np.where(_some(n, 0.6, rng), "re_raised", "passed_to_resurfacing")
    return add_columns(
        case, {"defect_status": text(np.where(_hit(case, share, rng), after, honest))}
    )


def works_orders(case: Case, share: float, rng) -> Case:
    """'works_order_no' kept as an input: the contractor's works order, numbered in the order
    of the job's last visit, the repair's own day for most; for this share of the repairs that
    failed the order reused for the re-repair, 10 to 180 days later, and renumbered then."""
    n = case.rows
    day = (case.frame["repaired_on"] - pd.Timestamp("2021-01-01")).dt.days.to_numpy()
    last = day + np.where(_hit(case, share, rng), rng.integers(10, 181, n), 0)
    number = np.empty(n, dtype=np.int64)
    number[np.argsort(last + rng.random(n), kind="stable")] = (
        700_000 + np.arange(n) * 3 + rng.integers(0, 3, n)
    )
    return add_columns(case, {"works_order_no": number})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "calf_weight": (calf_weight, (1.0, 0.6, 0.3), heifers),
    "vet_charges": (vet_charges, (1.0, 0.6, 0.3), heifers),
    "sire_band": (sire_band, (4.0, 8.0, 16.0), heifers),
    "fare_charged": (fare_charged, (1.0, 0.6, 0.3), fares),
    "driver_log": (driver_log, (0.8, 0.4, 0.15), fares),
    "rebooked_copies": (rebooked_copies, (0.8, 0.4, 0.2), fares),
    "autumn_grade": (autumn_grade, (1.0, 0.6, 0.3), tenancies),
    "site_deposit": (site_deposit, (1.0, 0.75, 0.5), tenancies),
    "record_touched": (record_touched, (1.0, 0.6, 0.3), tenancies),
    "months_supervised": (months_supervised, (1.0, 0.6, 0.3), students),
    "thesis_words": (thesis_words, (1.0, 0.7, 0.4), students),
    "supervisor_rate": (supervisor_rate, (3.0, 6.0, 12.0), students),
    "recent_repairs": (recent_repairs, (0.6, 0.4, 0.2), repairs),
    "defect_status": (defect_status, (0.8, 0.4, 0.15), repairs),
    "works_orders": (works_orders, (1.0, 0.6, 0.3), repairs),
}
PLANTED_WHAT = {
    "calf_weight": "the calf's birth weight weighed after the calving, heavier for this share "
    "of the assisted calvings",
    "vet_charges": "the vet's charges in the calving month, a calving call-out for this share "
    "of the assisted calvings, among honest zeros and routine visits",
    "sire_band": "each bull's ease band from its heifers' assisted share over the whole "
    "extract, the row's own included, as labels, the bull's id kept; about this many per bull",
    "fare_charged": "the quoted fare beside the amount charged, a fraction of it for this share "
    "of the no-shows (a leak across two figures)",
    "driver_log": "the driver's log with a line about waiting in vain written first for this "
    "share of the no-shows",
    "rebooked_copies": "this share of the no-shows exported twice as exact copies, before the "
    "split",
    "autumn_grade": "the warden's autumn grade written after the notice, 1 for this share of "
    "the plots given up",
    "site_deposit": "the key deposit held, zeroed at one site only for this share of its plots "
    "given up, among honest zeros",
    "record_touched": "the day the record was last changed, just after the year's end for this "
    "share of the plots given up",
    "months_supervised": "months of supervision logged, the writing-up months included for "
    "this share of the late theses (a duration the outcome lengthens)",
    "thesis_words": "the thesis word count blanked for this share of the late theses, among "
    "honest blanks",
    "supervisor_rate": "each supervisor's late share over the whole extract, the row's own "
    "included, the code kept; about this many students per code",
    "recent_repairs": "this share of the repairs made in the extract's last 5 months, failures "
    "still to come counted as none (right-censored); the days since the repair an input",
    "defect_status": "the defect's status at the extract, re-raised or passed to resurfacing "
    "only for this share of the failed repairs",
    "works_orders": "a works order number kept as an input, numbered at the re-repair for this "
    "share of the failed repairs",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "calf_weight": {"outcome_copy", "single_feature", "changed_figures"},
    "vet_charges": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "sire_band": {"target_encoding", "label_proxies", "pure_subsets", "single_feature"},
    "fare_charged": {"column_pairs"},
    "driver_log": {"label_words", "post_outcome_text", "pure_subsets", "label_proxies"},
    "rebooked_copies": {"shared_rows", "near_duplicates"},
    "autumn_grade": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "site_deposit": {"segment_leaks", "pure_subsets"},
    "record_touched": {"time_order", "single_feature", "pure_subsets"},
    "months_supervised": {"follow_up_duration", "single_feature", "pure_subsets"},
    "thesis_words": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "supervisor_rate": {"target_encoding", "single_feature"},
    "recent_repairs": {"right_censoring"},
    "defect_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "works_orders": {"identifiers", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"rebooked_copies"}
ROW_LEAK_CHECKS = {
    "rebooked_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "recent_repairs": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
