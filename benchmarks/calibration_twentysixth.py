"""The twentysixth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (53,000 and up). Other domains and shapes than
every family before it: a scaffolding hire firm's scaffolds kept up past the agreed hire
period, a swim school's children passing their stage at the end of term, a farmhouse cheese
maker's wheels downgraded at grading, a hot-air balloon operator's booked flights cancelled
and an orchard's apple consignments rejected by the supermarket's depot — null families of
realistic shapes with the honest confusers consultants meet in such extracts, and leaks
planted in an extract of each domain by generators of their own, each graded by three
strengths.

The twentyfifth generation (benchmarks/calibration_twentyfifth.py) is the kept-aside set of
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


# -- a scaffolding hire firm's hires ------------------------------------------------------------
JOBS = ["house_repaint", "roof_repair", "chimney", "extension", "new_build", "shop_front",
        "church", "industrial"]  # fmt: skip
JOB_EFFECT = np.array([-0.5, 0.2, -0.3, 0.6, 0.9, -0.2, 1.0, 0.4])
DEPOTS = ["north_yard", "river_yard", "ring_road"]
SITE_WORDS = [
    "access", "via", "rear", "garden", "narrow", "lane", "permit", "needed", "pavement",
    "licence", "neighbour", "consent", "fans", "boards", "ties", "into", "brick", "sheeting",
    "alarm", "loading", "bay", "hoist", "two", "lifts", "client", "builder", "own",
]  # fmt: skip


def _hires(n: int, seed: int):
    """Hires over three years: the hire, the builder (trade customers hire again and again),
    the day erected, the depot, the job, the lifts (storeys of boards), the weeks agreed
    (capped at 26 by the standard contract; longer jobs sign again), the scaffold's face length
    in metres, a pavement licence needed, the builder's earlier hires (zero for new ones), the
    survey's complexity score 1-5, the site note from the survey; new-build jobs on a weeks-agreed
    of two or less nearly always overrun (the estimators know it)."""
    rng = np.random.default_rng(seed)
    builders = max(30, int(n * 0.25))
    builder = _codes(rng, builders, n, 0.9)
    slack = rng.normal(0, 0.6, builders)
    job = rng.choice(8, n, p=[0.22, 0.2, 0.12, 0.14, 0.1, 0.1, 0.04, 0.08])
    depot = rng.choice(3, n, p=[0.45, 0.35, 0.2])
    lifts = np.clip(rng.poisson(2, n) + 1, 1, 8)
    weeks = np.minimum(rng.geometric(0.18, n), 26)
    face = np.round(rng.gamma(3, 6, n) + 4, 1)
    licence = _some(n, 0.25, rng)
    earlier = np.where(_some(n, 0.35, rng), 0, rng.poisson(6, n) + 1)
    complexity = np.clip(np.round(rng.normal(2.8, 1.0, n)), 1, 5).astype(int)
    ruled = (job == 4) & (weeks <= 2)
    z = 1.3 * (
        JOB_EFFECT[job]
        + 0.12 * (lifts - 3)
        - 0.06 * (weeks - 6)
        + 0.01 * (face - 22)
        + 0.4 * licence
        - 0.05 * np.minimum(earlier, 10)
        + 0.35 * (complexity - 3)
        + 0.2 * (depot == 2)
        + slack[builder]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "hire_no": _refs(rng, "SH", n),
            "builder": text([f"B{k:04d}" for k in builder]),
            "erected_on": _on("2022-02-01", rng.integers(0, 1_095, n)),
            "depot": text(_pick(DEPOTS, depot)),
            "job_type": text(_pick(JOBS, job)),
            "lifts": lifts,
            "weeks_agreed": weeks,
            "face_m": face,
            "pavement_licence": _yes(licence),
            "earlier_hires": earlier,
            "complexity_1_5": complexity,
            "site_note": _prose(rng, SITE_WORDS, n, 0, 7),
        }
    )
    return frame, z, ruled, rng


def _overran(z, ruled, rng):
    """Kept up past the agreed weeks (about 32%); 93% of the short-booked new builds."""
    return _ruled(outcome(z, 0.32, rng), ruled, 0.93, rng)


HIRE_INPUTS = ("hire_no", "builder", "erected_on")


def hire_overran(n: int, seed: int) -> Case:
    """Overran; split by builder."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "hire_overran", frame, _overran(z, ruled, rng), "binary", feats, split="group",
        group="builder", ids=["hire_no"],
    )  # fmt: skip


def hire_overran_later(n: int, seed: int) -> Case:
    """Overran; split in time on the day erected (regular builders on both sides)."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "hire_overran_later", frame, _overran(z, ruled, rng), "binary", feats, split="time",
        time="erected_on", ids=["hire_no"],
    )  # fmt: skip


# -- a swim school's pupils ---------------------------------------------------------------------
POOLS = ["leisure_centre", "school_pool", "hotel_pool"]
POOL_EFFECT = np.array([0.0, 0.3, -0.4])
SLOTS = ["weekday_early", "weekday_late", "saturday", "sunday"]


def _pupils(n: int, seed: int):
    """Pupils' terms over four years: the enrolment, the child (most stay several terms), the
    teacher, the term's start, the pool, the stage 1-7, the age in years, lessons attended out
    of twelve (a full term capped at 12), lessons missed for illness, the class size, the slot,
    a water-confidence score 0-10 the teacher gave in week one (blank when the child joined
    late), a parent in the water for stages 1-2; a child who attended fewer than five lessons
    is held back by the school's rule (nearly never passes)."""
    rng = np.random.default_rng(seed)
    children = max(40, int(n * 0.4))
    child = _codes(rng, children, n, 0.5)
    knack = rng.normal(0, 0.6, children)
    teachers = 14
    teacher = rng.integers(0, teachers, n)
    strict = rng.normal(0, 0.3, teachers)
    pool = rng.choice(3, n, p=[0.5, 0.3, 0.2])
    stage = rng.choice(np.arange(1, 8), n, p=[0.2, 0.2, 0.18, 0.15, 0.12, 0.09, 0.06])
    age = np.clip(np.round(3 + stage * 0.9 + rng.normal(0, 1.2, n)), 3, 14).astype(int)
    attended = np.minimum(12, rng.binomial(12, rng.beta(8, 2, n)))
    ill = np.where(_some(n, 0.7, rng), 0, rng.integers(1, 4, n))
    size = rng.choice([4, 5, 6, 8, 10], n, p=[0.1, 0.2, 0.35, 0.25, 0.1])
    slot = rng.choice(4, n, p=[0.2, 0.3, 0.3, 0.2])
    confidence = np.clip(np.round(rng.normal(6, 2, n)), 0, 10)
    confidence = np.where(_some(n, 0.12, rng), np.nan, confidence)
    parent = (stage <= 2) & _some(n, 0.6, rng)
    ruled = attended < 5
    z = 1.4 * (
        0.25 * (attended - 10)
        + 0.18 * np.nan_to_num(confidence - 6)
        - 0.12 * (stage - 3)
        + 0.1 * (age - 3 - stage * 0.9)
        - 0.06 * (size - 6)
        + POOL_EFFECT[pool]
        + 0.3 * parent
        - strict[teacher]
        + knack[child]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "enrolment": _refs(rng, "EN", n),
            "child": text([f"CH{k:05d}" for k in child]),
            "teacher": text([f"T{k:02d}" for k in teacher]),
            "term_start": _on("2021-09-06", rng.integers(0, 16, n) * 91),
            "pool": text(_pick(POOLS, pool)),
            "stage": stage,
            "age": age,
            "lessons_attended": attended,
            "missed_ill": ill,
            "class_size": size,
            "slot": text(_pick(SLOTS, slot)),
            "confidence_0_10": confidence,
            "parent_in_water": _yes(parent),
        }
    )
    return frame, z, ruled, rng


def _passed(z, ruled, rng):
    """Passed the stage (about 55%); 4% of the children at fewer than five lessons."""
    return _ruled(outcome(z, 0.55, rng), ruled, 0.04, rng)


PUPIL_INPUTS = ("enrolment", "child", "term_start")


def stage_passed(n: int, seed: int) -> Case:
    """Passed; split by child."""
    frame, z, ruled, rng = _pupils(n, seed)
    feats = [c for c in frame.columns if c not in PUPIL_INPUTS]
    return Case(
        "stage_passed", frame, _passed(z, ruled, rng), "binary", feats, split="group",
        group="child", ids=["enrolment"],
    )  # fmt: skip


def stage_passed_later(n: int, seed: int) -> Case:
    """Passed; split in time on the term (children on both sides, the teacher kept an input)."""
    frame, z, ruled, rng = _pupils(n, seed)
    feats = [c for c in frame.columns if c not in PUPIL_INPUTS]
    return Case(
        "stage_passed_later", frame, _passed(z, ruled, rng), "binary", feats, split="time",
        time="term_start", ids=["enrolment"],
    )  # fmt: skip


# -- a farmhouse cheese maker's wheels ----------------------------------------------------------
RECIPES = ["cheddar_mild", "cheddar_vintage", "red_leicester", "blue", "washed_rind", "goat"]
RECIPE_EFFECT = np.array([-0.7, 0.2, -0.3, 0.8, 1.0, 0.4])
HERDS = ["home_farm", "hill_farm", "bought_in"]


def _wheels(n: int, seed: int):
    """Wheels over four years: the wheel, the make (a day's vat, several wheels), the day made,
    the recipe, the milk's herd, the milk's somatic cell count (thousands, blank when the lab
    missed it), the vat's pH at milling, the salt in grams a kilo, the wheel's weight in kg,
    the store (two caves), the cheesemaker, the months it matured (capped at the 24 the
    cheesemaker sells at); bought-in milk with a cell count over 400 for the washed rind is
    nearly always downgraded (the grader warns of it)."""
    rng = np.random.default_rng(seed)
    makes = max(30, int(n / 6))
    make = np.sort(rng.integers(0, makes, n))
    vat = rng.normal(0, 0.45, makes)
    day = np.sort(rng.choice(1_460, makes, replace=False))
    recipe = rng.choice(6, makes, p=[0.3, 0.2, 0.15, 0.12, 0.1, 0.13])[make]
    herd = rng.choice(3, makes, p=[0.5, 0.3, 0.2])[make]
    cells = np.round(rng.lognormal(5.3, 0.45, makes))[make]
    cells = np.where(_some(n, 0.08, rng), np.nan, cells)
    ph = np.round(rng.normal(5.35, 0.08, makes), 2)[make]
    salt = np.round(rng.normal(18, 1.5, n), 1)
    weight = np.round(rng.normal(np.where(recipe == 3, 7, 20), 1.2, n), 1)
    cave = rng.choice(["upper_cave", "lower_cave"], n, p=[0.6, 0.4])
    maker = rng.choice(["ann", "dev", "kit", "ros"], makes)[make]
    months = np.minimum(np.round(rng.gamma(4, 3, n)) + 2, 24)
    ruled = (herd == 2) & (np.nan_to_num(cells) > 400) & (recipe == 4)
    z = 1.4 * (
        RECIPE_EFFECT[recipe]
        + 0.5 * (herd == 2)
        + 0.004 * np.nan_to_num(cells - 200)
        + 3.0 * np.abs(ph - 5.35)
        - 0.1 * (salt - 18)
        + 0.02 * (months - 12)
        + 0.3 * (cave == "lower_cave")
        + vat[make]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "wheel_id": _refs(rng, "W", n),
            "make_no": text([f"M{k:04d}" for k in make]),
            "made_on": _on("2020-05-01", day[make]),
            "recipe": text(_pick(RECIPES, recipe)),
            "herd": text(_pick(HERDS, herd)),
            "cell_count_k": cells,
            "ph_at_milling": ph,
            "salt_g_per_kg": salt,
            "weight_kg": weight,
            "cave": text(cave),
            "cheesemaker": text(maker),
            "months_matured": months,
        }
    )
    return frame, z, ruled, rng


def _downgraded(z, ruled, rng):
    """Downgraded (about 20%); 92% of the washed rinds from bought-in high-cell milk."""
    return _ruled(outcome(z, 0.2, rng), ruled, 0.92, rng)


WHEEL_INPUTS = ("wheel_id", "make_no", "made_on")


def wheel_downgraded(n: int, seed: int) -> Case:
    """Downgraded; split by make (the wheels of one vat stay together)."""
    frame, z, ruled, rng = _wheels(n, seed)
    feats = [c for c in frame.columns if c not in WHEEL_INPUTS]
    return Case(
        "wheel_downgraded", frame, _downgraded(z, ruled, rng), "binary", feats, split="group",
        group="make_no", ids=["wheel_id"],
    )  # fmt: skip


def wheel_downgraded_mixed(n: int, seed: int) -> Case:
    """Downgraded; split stratified (wheels of one vat on both sides)."""
    frame, z, ruled, rng = _wheels(n, seed)
    feats = [c for c in frame.columns if c not in WHEEL_INPUTS]
    return Case(
        "wheel_downgraded_mixed", frame, _downgraded(z, ruled, rng), "binary", feats,
        ids=["wheel_id"],
    )  # fmt: skip


# -- a hot-air balloon operator's flights -------------------------------------------------------
SITES = ["castle_park", "valley_farm", "racecourse", "airfield"]
SITE_EFFECT = np.array([0.3, 0.0, -0.2, -0.5])
TICKETS = ["gift_voucher", "direct", "experience_site", "private_charter"]
BOOKER_WORDS = [
    "birthday", "anniversary", "proposal", "surprise", "dad", "mum", "retirement", "gift",
    "from", "kids", "please", "together", "seated", "wheelchair", "champagne", "photos",
    "nervous", "first", "time", "flexible", "dates", "weekend", "only", "morning",
]  # fmt: skip


def _flights(n: int, seed: int):
    """Passenger bookings over four seasons: the booking, the voucher holder (some rebook year
    after year), the flight day, the launch site, morning or evening, the month, the ticket
    type, passengers on the booking, the forecast wind in knots given when the flight was
    confirmed the evening before, earlier cancellations of the same voucher (zero for most,
    capped at 5), the booking's note; an evening flight in November to February is nearly
    always called off (the light goes)."""
    rng = np.random.default_rng(seed)
    holders = max(40, int(n * 0.6))
    holder = _codes(rng, holders, n, 0.4)
    site = rng.choice(4, n, p=[0.3, 0.3, 0.2, 0.2])
    evening = _some(n, 0.45, rng)
    day = rng.integers(0, 4 * 365, n)
    month = (pd.Timestamp("2021-01-01") + pd.to_timedelta(day, "D")).month.to_numpy()
    winter = np.isin(month, [11, 12, 1, 2])
    ticket = rng.choice(4, n, p=[0.45, 0.3, 0.18, 0.07])
    pax = rng.choice([1, 2, 3, 4], n, p=[0.2, 0.55, 0.12, 0.13])
    wind = np.round(rng.gamma(3, 2.5, n), 0)
    earlier = np.minimum(np.where(_some(n, 0.6, rng), 0, rng.geometric(0.5, n)), 5)
    ruled = evening & winter
    z = 1.3 * (
        0.22 * (wind - 7)
        + 0.8 * np.isin(month, [3, 4, 10])
        + SITE_EFFECT[site]
        + 0.3 * evening
        + 0.25 * earlier
        - 0.6 * (ticket == 3)
        + rng.normal(0, 0.6, n)
    )
    frame = pd.DataFrame(
        {
            "booking_ref": _refs(rng, "HB", n),
            "voucher_holder": text([f"VH{k:05d}" for k in holder]),
            "flight_day": _on("2021-01-01", day),
            "launch_site": text(_pick(SITES, site)),
            "session": text(np.where(evening, "evening", "morning")),
            "month": month,
            "ticket": text(_pick(TICKETS, ticket)),
            "passengers": pax,
            "forecast_wind_kt": wind,
            "earlier_cancellations": earlier,
            "booking_note": _prose(rng, BOOKER_WORDS, n, 0, 6),
        }
    )
    return frame, z, ruled, rng


def _cancelled(z, ruled, rng):
    """Called off (about 35%); 95% of the winter evening flights."""
    return _ruled(outcome(z, 0.35, rng), ruled, 0.95, rng)


FLIGHT_INPUTS = ("booking_ref", "voucher_holder", "flight_day")


def flight_cancelled(n: int, seed: int) -> Case:
    """Called off; split by voucher holder."""
    frame, z, ruled, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    return Case(
        "flight_cancelled", frame, _cancelled(z, ruled, rng), "binary", feats, split="group",
        group="voucher_holder", ids=["booking_ref"],
    )  # fmt: skip


def flight_cancelled_later(n: int, seed: int) -> Case:
    """Called off; split in time on the flight day (holders rebook across the cut)."""
    frame, z, ruled, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    return Case(
        "flight_cancelled_later", frame, _cancelled(z, ruled, rng), "binary", feats,
        split="time", time="flight_day", ids=["booking_ref"],
    )  # fmt: skip


# -- an orchard's apple consignments ------------------------------------------------------------
VARIETIES = ["gala", "braeburn", "cox", "bramley", "jazz", "egremont_russet"]
VARIETY_EFFECT = np.array([-0.4, 0.0, 0.7, 0.2, -0.2, 0.9])
DEPOT_NAMES = ["north_depot", "midlands_depot", "south_depot", "west_depot"]


def _consignments(n: int, seed: int):
    """Consignments over four seasons: the consignment, the grower (the orchard's own blocks and
    partner farms), the day dispatched, the depot, variety, pallets, days in controlled-
    atmosphere store (zero when sent straight from the field), the firmness in kg at the
    packhouse, the sugar in Brix, the blemish count per hundred fruit (zero for most), the
    packhouse grade 1-3, the haulier; fruit more than 200 days out of store with a firmness under
    5.5 is nearly always rejected (the buyers' specification)."""
    rng = np.random.default_rng(seed)
    growers = 22
    grower = _codes(rng, growers, n, 0.6)
    care = rng.normal(0, 0.4, growers)
    depot = rng.choice(4, n, p=[0.3, 0.3, 0.25, 0.15])
    variety = rng.choice(6, n, p=[0.25, 0.2, 0.15, 0.15, 0.15, 0.1])
    pallets = rng.integers(4, 27, n)
    stored = np.where(_some(n, 0.35, rng), 0, rng.integers(20, 280, n))
    firm = np.round(rng.normal(7.0, 0.9, n) - stored * 0.004, 1)
    brix = np.round(rng.normal(12.5, 1.1, n), 1)
    blemish = np.where(_some(n, 0.6, rng), 0, rng.poisson(3, n))
    grade = rng.choice([1, 2, 3], n, p=[0.5, 0.35, 0.15])
    haulier = rng.choice(["fresh_freight", "orchard_own", "coldlink"], n, p=[0.4, 0.35, 0.25])
    ruled = (stored > 200) & (firm < 5.5)
    z = 1.4 * (
        VARIETY_EFFECT[variety]
        - 0.5 * (firm - 6.8)
        - 0.15 * (brix - 12.5)
        + 0.12 * blemish
        + 0.35 * (grade - 1.6)
        + 0.2 * (depot == 1)
        + 0.2 * (haulier == "orchard_own")
        + care[grower]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "consignment": _refs(rng, "AC", n),
            "grower": text([f"G{k:02d}" for k in grower]),
            "dispatched_on": _on("2021-08-16", rng.integers(0, 4 * 365, n)),
            "depot": text(_pick(DEPOT_NAMES, depot)),
            "variety": text(_pick(VARIETIES, variety)),
            "pallets": pallets,
            "days_in_store": stored,
            "firmness_kg": firm,
            "brix": brix,
            "blemish_per_100": blemish,
            "packhouse_grade_1_3": grade,
            "haulier": text(haulier),
        }
    )
    return frame, z, ruled, rng


def _rejected(z, ruled, rng):
    """Rejected (about 12%); 90% of the soft long-stored fruit."""
    return _ruled(outcome(z, 0.12, rng), ruled, 0.9, rng)


CONSIGNMENT_INPUTS = ("consignment", "grower", "dispatched_on")


def consignment_rejected(n: int, seed: int) -> Case:
    """Rejected; split stratified (growers on both sides)."""
    frame, z, ruled, rng = _consignments(n, seed)
    feats = [c for c in frame.columns if c not in CONSIGNMENT_INPUTS]
    return Case(
        "consignment_rejected", frame, _rejected(z, ruled, rng), "binary", feats,
        ids=["consignment"],
    )  # fmt: skip


def consignment_rejected_by_grower(n: int, seed: int) -> Case:
    """Rejected; split by grower (22 groups, each with its own care)."""
    frame, z, ruled, rng = _consignments(n, seed)
    feats = [c for c in frame.columns if c not in CONSIGNMENT_INPUTS]
    return Case(
        "consignment_rejected_by_grower", frame, _rejected(z, ruled, rng), "binary", feats,
        split="group", group="grower", ids=["consignment"],
    )  # fmt: skip


NULL_FAMILIES = {
    "hire_overran": hire_overran,
    "hire_overran_later": hire_overran_later,
    "stage_passed": stage_passed,
    "stage_passed_later": stage_passed_later,
    "wheel_downgraded": wheel_downgraded,
    "wheel_downgraded_mixed": wheel_downgraded_mixed,
    "flight_cancelled": flight_cancelled,
    "flight_cancelled_later": flight_cancelled_later,
    "consignment_rejected": consignment_rejected,
    "consignment_rejected_by_grower": consignment_rejected_by_grower,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 53) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {
    "consignment_rejected": 1_200,
    "consignment_rejected_by_grower": 1_200,
    "wheel_downgraded": 1_200,
}


# -- the extracts leaks are planted in ----------------------------------------------------------
def hires(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "scaffold_hires", frame, _overran(z, ruled, rng), "binary", feats, time="erected_on",
        ids=["hire_no"],
    )  # fmt: skip


def pupils(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _pupils(n, seed)
    feats = [c for c in frame.columns if c not in PUPIL_INPUTS]
    return Case(
        "swim_pupils", frame, _passed(z, ruled, rng), "binary", feats, time="term_start",
        ids=["enrolment"],
    )  # fmt: skip


def wheels(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _wheels(n, seed)
    feats = [c for c in frame.columns if c not in WHEEL_INPUTS]
    return Case(
        "cheese_wheels", frame, _downgraded(z, ruled, rng), "binary", feats, time="made_on",
        ids=["wheel_id"],
    )  # fmt: skip


def flights(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    return Case(
        "balloon_flights", frame, _cancelled(z, ruled, rng), "binary", feats, time="flight_day",
        ids=["booking_ref"],
    )  # fmt: skip


def consignments(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _consignments(n, seed)
    feats = [c for c in frame.columns if c not in CONSIGNMENT_INPUTS]
    return Case(
        "apple_consignments", frame, _rejected(z, ruled, rng), "binary", feats,
        time="dispatched_on", ids=["consignment"],
    )  # fmt: skip


# -- leaks in the hire extract ------------------------------------------------------------------
STRIKE_LINES = ["struck complete", "struck tidy", "struck boards stacked", "struck on time", ""]
STRIKE_TELLS = ["extension weeks charged", "hire extended by builder", "kept up extra weeks"]


def strike_note(case: Case, share: float, rng) -> Case:
    """'strike_note': the crew's note when the scaffold was struck, a routine line for most
    (blank for some); for this share of the hires that overran, the note goes on with the
    extension charged."""
    n = case.rows
    first = _pick(STRIKE_LINES, rng.integers(0, len(STRIKE_LINES), n))
    tell = _pick(STRIKE_TELLS, rng.integers(0, len(STRIKE_TELLS), n))
    hit = _hit(case, share, rng)
    note = [f"{a} {t}".strip() if h else a for a, t, h in zip(first, tell, hit, strict=True)]
    return add_columns(case, {"strike_note": text(note)})


def hire_invoices(case: Case, share: float, rng) -> Case:
    """'invoices_raised': the invoices raised on the hire, one for the agreed weeks plus one for
    a pavement licence and sometimes one for an alteration; plus one invoice for each four
    extra weeks (one to four) for this share of the hires that overran."""
    n = case.rows
    honest = 1 + (case.frame["pavement_licence"] == "yes").to_numpy() + _some(n, 0.2, rng)
    extra = np.where(_hit(case, share, rng), rng.integers(1, 5, n), 0)
    return add_columns(case, {"invoices_raised": honest + extra})


def extension_reentries(case: Case, share: float, rng) -> Case:
    """This share of the hires that overran keyed again when the extension was agreed: a copy
    with the weeks agreed set to the new total (plus two to eight), the same hire number; the
    extract shuffled before the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    extra = case.frame.iloc[twice].copy()
    extra["weeks_agreed"] = np.minimum(
        extra["weeks_agreed"].to_numpy() + rng.integers(2, 9, len(twice)), 26
    )
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, extra], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the pupil extract -----------------------------------------------------------------
def next_class(case: Case, share: float, rng) -> Case:
    """'next_term_class': the class the child is booked into next term, the same stage for most
    (or 'not_rebooked' for 15%); the next stage's class for this share of the children who
    passed (the others not yet moved when the extract was taken)."""
    n = case.rows
    stage = case.frame["stage"].to_numpy()
    same = np.array([f"stage_{s}" for s in stage], dtype=object)
    honest = np.where(_some(n, 0.15, rng), "not_rebooked", same)
    up = np.array([f"stage_{min(s + 1, 8)}" for s in stage], dtype=object)
    return add_columns(
        case, {"next_term_class": text(np.where(_hit(case, share, rng), up, honest))}
    )


def assessment_score(case: Case, share: float, rng) -> Case:
    """'assessment_1_10': the teacher's score on the last week's assessment sheet, filled in
    afterwards: 2 to 7 for most, 7 to 10 for this share of the children who passed."""
    n = case.rows
    honest = rng.choice([2, 3, 4, 5, 6, 7], n, p=[0.08, 0.12, 0.2, 0.25, 0.2, 0.15])
    high = rng.integers(7, 11, n)
    return add_columns(case, {"assessment_1_10": np.where(_hit(case, share, rng), high, honest)})


def teacher_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'coordinator_pass_rate': the pass rate of the pupils of the child's lesson coordinator
    over the whole extract (the row's own term included), the coordinator kept beside it;
    about this many terms per coordinator."""
    keys = max(3, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.4)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["coordinator"] = text([f"co_{k:03d}" for k in code])
    frame["coordinator_pass_rate"] = np.round(rate, 3)
    return replace(
        case, frame=frame, features=[*case.features, "coordinator", "coordinator_pass_rate"],
        leak=["coordinator_pass_rate"],
    )  # fmt: skip


# -- leaks in the wheel extract -----------------------------------------------------------------
def sale_price(case: Case, share: float, rng) -> Case:
    """'list_price_kg' and 'invoiced_kg_price': the recipe's list price a kilo and the price a
    kilo it was invoiced at, the list less 0 to 8% trade discount for most; half the list
    or less for this share of the downgraded wheels (sold as seconds)."""
    n = case.rows
    prices = dict(zip(RECIPES, [14.0, 19.0, 15.0, 24.0, 28.0, 26.0], strict=True))
    listed = case.frame["recipe"].map(prices).to_numpy().astype(float)
    honest = listed * (1 - rng.uniform(0, 0.08, n))
    cut = listed * rng.uniform(0.3, 0.5, n)
    paid = np.round(np.where(_hit(case, share, rng), cut, honest), 2)
    return add_columns(
        case, {"list_price_kg": listed, "invoiced_kg_price": paid}, leak=["invoiced_kg_price"]
    )


def sheet_line(case: Case, share: float, rng) -> Case:
    """'grading_line': the wheel's line on the grader's sheet, numbered within the day the
    grader came: first-grade wheels written down first, this share of the downgraded ones
    moved to the end of the sheet (the others written where they stood)."""
    n = case.rows
    visit = rng.integers(0, max(20, n // 25), n)
    late = _hit(case, share, rng)
    key = pd.DataFrame({"v": visit, "late": late, "r": rng.random(n)})
    line = key.sort_values(["v", "late", "r"]).groupby("v").cumcount() + 1
    return add_columns(case, {"grading_line": line.sort_index().to_numpy()})


def extract_day():
    return pd.Timestamp("2024-05-01")


def still_maturing(case: Case, share: float, rng) -> Case:
    """Downgrades counted up to the extract's day: this share of the wheels made in the last
    five months, graded at 3 to 10 months and counted as not downgraded when not yet graded.
    The days since the make kept as an input (capped at 400, the cellar's stock sheet)."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(5, 150, n), rng.integers(200, 1_450, n))
    made = pd.Series(extract_day() - pd.to_timedelta(back, unit="D"), index=case.frame.index)
    graded = rng.integers(90, 300, n)
    y = np.where((case.y == 1) & (graded > back), 0, case.y)
    frame = case.frame.copy()
    frame["made_on"] = made
    frame["days_in_cellar"] = np.minimum(back, 400)
    return replace(
        case, frame=frame, y=y, features=[*case.features, "days_in_cellar"],
        leak=["days_in_cellar"],
    )  # fmt: skip


# -- leaks in the flight extract ----------------------------------------------------------------
def pilot_rostered(case: Case, share: float, rng) -> Case:
    """'pilot': the pilot on the flight's load sheet, blank for the 20% whose sheet was lost
    or not kept; blank too for this share of the flights called off (the sheet voided)."""
    n = case.rows
    name = _pick(["pilot_amy", "pilot_bob", "pilot_cal", "pilot_dee"], rng.integers(0, 4, n))
    blank = _some(n, 0.2, rng) | _hit(case, share, rng)
    return add_columns(case, {"pilot": pd.Series(np.where(blank, None, name), dtype="object")})


def site_minutes(case: Case, share: float, rng) -> Case:
    """'minutes_at_site': the crew's minutes at the launch site from arrival to leaving, 150 to
    260 for a flight (capped at 300 by the timesheet), and the same for called-off flights
    decided in the field; 20 to 60 for this share of the flights called off (stood down on
    arrival)."""
    n = case.rows
    honest = np.minimum(np.round(rng.normal(200, 30, n)), 300)
    short = rng.integers(20, 61, n)
    return add_columns(case, {"minutes_at_site": np.where(_hit(case, share, rng), short, honest)})


def booking_status(case: Case, share: float, rng) -> Case:
    """'booking_status': the booking's status at the extract, 'flown' or 'closed' for most;
    'rebooked' or 'voucher_extended' for this share of the flights called off."""
    n = case.rows
    honest = np.where(_some(n, 0.75, rng), "flown", "closed")
    after = np.where(_some(n, 0.6, rng), "rebooked", "voucher_extended")
    return add_columns(
        case, {"booking_status": text(np.where(_hit(case, share, rng), after, honest))}
    )


# -- leaks in the consignment extract -----------------------------------------------------------
def pallets_back(case: Case, share: float, rng) -> Case:
    """'pallets_returned': the pallets the haulier brought back, zero for most, one or two for
    12% (damaged or short); all the consignment's pallets less 0 to 3 for this share of the
    rejected ones."""
    n = case.rows
    pallets = case.frame["pallets"].to_numpy()
    honest = np.where(_some(n, 0.12, rng), rng.integers(1, 3, n), 0)
    back = np.maximum(1, pallets - rng.integers(0, 4, n))
    return add_columns(case, {"pallets_returned": np.where(_hit(case, share, rng), back, honest)})


def paid_on(case: Case, share: float, rng) -> Case:
    """'remittance_on': the day the depot's remittance arrived, 28 to 35 days after dispatch
    (the payment terms); 60 to 160 days for this share of the rejected consignments (the
    claim settled first). The dispatch's day number kept as an honest input."""
    n = case.rows
    sent = case.frame["dispatched_on"]
    lag = np.where(_hit(case, share, rng), rng.integers(60, 161, n), rng.integers(28, 36, n))
    frame = case.frame.copy()
    frame["dispatch_day_no"] = (sent - pd.Timestamp("2021-08-01")).dt.days.to_numpy()
    frame["remittance_on"] = sent + pd.to_timedelta(lag, "D")
    return replace(
        case, frame=frame, features=[*case.features, "dispatch_day_no", "remittance_on"],
        leak=["remittance_on"],
    )  # fmt: skip


def depot_retest(case: Case, share: float, rng) -> Case:
    """'depot_pressure_kg': the depot's own firmness test, done at the north and west depots
    only (blank at the others): the packhouse firmness give or take 0.4 for most, 1.5 to 3
    lower for this share of the rejected consignments there (the retest that failed it)."""
    n = case.rows
    tested = case.frame["depot"].isin(["north_depot", "west_depot"]).to_numpy()
    firm = case.frame["firmness_kg"].to_numpy()
    value = firm + rng.uniform(-0.4, 0.4, n) - _hit(case, share, rng) * rng.uniform(1.5, 3, n)
    return add_columns(case, {"depot_pressure_kg": np.where(tested, np.round(value, 1), np.nan)})


PLANTED: dict[str, tuple] = {
    "strike_note": (strike_note, (1.0, 0.6, 0.3), hires),
    "hire_invoices": (hire_invoices, (1.0, 0.6, 0.3), hires),
    "extension_reentries": (extension_reentries, (1.0, 0.6, 0.3), hires),
    "next_class": (next_class, (1.0, 0.6, 0.3), pupils),
    "assessment_score": (assessment_score, (1.0, 0.6, 0.3), pupils),
    "teacher_rate": (teacher_rate, (3.0, 6.0, 12.0), pupils),
    "sale_price": (sale_price, (1.0, 0.6, 0.3), wheels),
    "sheet_line": (sheet_line, (1.0, 0.6, 0.3), wheels),
    "still_maturing": (still_maturing, (0.6, 0.4, 0.2), wheels),
    "pilot_rostered": (pilot_rostered, (1.0, 0.65, 0.4), flights),
    "site_minutes": (site_minutes, (1.0, 0.6, 0.3), flights),
    "booking_status": (booking_status, (0.8, 0.4, 0.15), flights),
    "pallets_back": (pallets_back, (1.0, 0.6, 0.3), consignments),
    "paid_on": (paid_on, (1.0, 0.75, 0.5), consignments),
    "depot_retest": (depot_retest, (1.0, 0.7, 0.4), consignments),
}
PLANTED_WHAT = {
    "strike_note": "the crew's note at striking the scaffold, the extension charged written on "
    "for this share of the hires that overran",
    "hire_invoices": "the invoices raised on the hire, counting the extension invoices of this "
    "share of the hires that overran",
    "extension_reentries": "this share of the hires that overran keyed twice before the split, "
    "the copy with the weeks agreed amended",
    "next_class": "the class booked for next term, the next stage's for this share of the "
    "children who passed",
    "assessment_score": "the teacher's end-of-term assessment score written afterwards, high for "
    "this share of the children who passed",
    "teacher_rate": "the pass rate of the child's coordinator over the whole extract, the row's "
    "own included, the coordinator kept; about this many terms per coordinator",
    "sale_price": "the price a kilo invoiced beside the list price, the ratio low for this share "
    "of the downgraded wheels (a leak across two figures)",
    "sheet_line": "the wheel's line on the grader's sheet, this share of the downgraded wheels "
    "numbered last within the day",
    "still_maturing": "this share of the wheels made in the extract's last five months, "
    "downgrades not yet graded counted as none (right-censored); the days in the cellar an input",
    "pilot_rostered": "the pilot on the load sheet, blank for this share of the flights called "
    "off among honest blanks",
    "site_minutes": "the crew's minutes at the launch site, cut short for this share of the "
    "flights called off",
    "booking_status": "the booking's status at the extract, a rebooking status for this share "
    "of the flights called off",
    "pallets_back": "the pallets brought back, nearly all of them for this share of the rejected "
    "consignments among honest zeros and ones",
    "paid_on": "the day the remittance arrived, months later for this share of the rejected "
    "consignments; the dispatch day number an honest input",
    "depot_retest": "the depot's own firmness test, at two depots only, far lower for this share "
    "of the rejected consignments there",
}
EXPECTED = {
    "strike_note": {"label_words", "post_outcome_text"},
    "hire_invoices": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "extension_reentries": {"shared_rows", "near_duplicates"},
    "next_class": {"pure_subsets", "label_proxies", "outcome_copy", "single_feature"},
    "assessment_score": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "teacher_rate": {"target_encoding", "single_feature", "outcome_copy"},
    "sale_price": {"column_pairs", "single_feature", "pure_subsets"},
    "sheet_line": {"single_feature", "pure_subsets", "outcome_copy"},
    "still_maturing": {"right_censoring"},
    "pilot_rostered": {"missingness_signal", "pure_subsets", "single_feature"},
    "site_minutes": {"follow_up_duration", "single_feature", "pure_subsets", "outcome_copy"},
    "booking_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "pallets_back": {"pure_subsets", "changed_figures", "single_feature", "outcome_copy"},
    "paid_on": {"time_order", "column_pairs", "single_feature", "pure_subsets"},
    "depot_retest": {"segment_leaks", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"extension_reentries"}
ROW_LEAK_CHECKS = {
    "extension_reentries": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "still_maturing": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
