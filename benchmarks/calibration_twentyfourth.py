"""The twentyfourth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (49,000 and up). Other domains and shapes than
every family before it: a tattoo studio's pieces needing a touch-up session, a chimney sweep's
visits finding a blocked flue, an inshore trawler fleet's trips landing below break-even, a
glasshouse tomato grower's bays hit by blight and a locksmith's emergency call-outs ending
with the lock drilled out — null families of realistic shapes with the honest confusers
consultants meet in such extracts, and leaks planted in an extract of each domain by
generators of their own, each graded by three strengths.

The twentythird generation (benchmarks/calibration_twentythird.py) is the kept-aside set of
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


# -- a tattoo studio's pieces --------------------------------------------------------------------
PLACEMENTS = ["forearm", "upper_arm", "back", "calf", "ribs", "hand", "finger", "foot"]
PLACEMENT_EFFECT = np.array([-0.3, -0.4, -0.2, -0.1, 0.4, 1.0, 0.0, 0.9])
INK_STYLES = ["blackwork", "fine_line", "traditional", "realism", "watercolour", "lettering"]
INK_EFFECT = np.array([-0.4, 0.6, -0.3, 0.1, 0.7, 0.2])
CONSULT_WORDS = [
    "wants", "bold", "lines", "small", "script", "cover", "up", "first", "piece", "matching",
    "friend", "reference", "photo", "sent", "deposit", "paid", "colour", "black", "grey",
    "healed", "well", "last", "time", "sensitive", "skin", "asked", "about", "aftercare",
]  # fmt: skip


def _pieces(n: int, seed: int):
    """Pieces tattooed over three years: the booking, the client (repeat clients), the artist,
    the day, placement, style, size in square cm, hours in the chair, colour used, the skin
    type 1-6 noted at consultation, the client's earlier pieces at the studio (zero for most),
    the artist's years of experience, the consultation note; finger pieces in fine line are
    nearly always touched up (a rule the studio quotes for)."""
    rng = np.random.default_rng(seed)
    clients = max(40, int(n * 0.65))
    client = _codes(rng, clients, n, 0.6)
    heal = rng.normal(0, 0.5, clients)
    artist = _codes(rng, 7, n, 0.4)
    years = np.array([2, 4, 6, 9, 12, 15, 20])[rng.permutation(7)]
    place = rng.choice(8, n, p=[0.22, 0.18, 0.1, 0.12, 0.1, 0.1, 0.08, 0.1])
    style = rng.choice(6, n, p=[0.25, 0.2, 0.2, 0.15, 0.1, 0.1])
    size = np.round(rng.lognormal(3.6, 0.8, n), 0)
    hours = np.clip(np.round(size / 40 + rng.gamma(2, 0.5, n), 1), 0.5, 8)
    colour = _some(n, 0.35, rng) | (style == 4)
    skin = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.1, 0.3, 0.25, 0.15, 0.12, 0.08])
    earlier = np.where(_some(n, 0.65, rng), 0, rng.poisson(2, n) + 1)
    ruled = (place == 6) & (style == 1)
    z = 1.6 * (
        PLACEMENT_EFFECT[place]
        + INK_EFFECT[style]
        + 0.5 * colour
        - 0.05 * years[artist]
        + 0.15 * (skin - 3)
        - 0.12 * np.minimum(earlier, 4)
        + 0.1 * hours
        + heal[client]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "booking_no": _refs(rng, "K", n),
            "client": text([f"CL{k:05d}" for k in client]),
            "artist": text([f"artist_{k}" for k in artist]),
            "tattooed_on": _on("2022-02-01", rng.integers(0, 1_050, n)),
            "placement": text(_pick(PLACEMENTS, place)),
            "style": text(_pick(INK_STYLES, style)),
            "size_cm2": size,
            "hours_in_chair": hours,
            "colour_used": _yes(colour),
            "skin_type_1_6": skin,
            "earlier_pieces": earlier,
            "artist_years": years[artist],
            "consult_note": _prose(rng, CONSULT_WORDS, n, 1, 9),
        }
    )
    return frame, z, ruled, rng


def _touched(z, ruled, rng):
    """Touched up (about 22%); 93% of the fine-line finger pieces."""
    return _ruled(outcome(z, 0.22, rng), ruled, 0.93, rng)


PIECE_INPUTS = ("booking_no", "client", "tattooed_on")


def piece_touched_up(n: int, seed: int) -> Case:
    """Touched up; split by client."""
    frame, z, ruled, rng = _pieces(n, seed)
    feats = [c for c in frame.columns if c not in PIECE_INPUTS]
    return Case(
        "piece_touched_up", frame, _touched(z, ruled, rng), "binary", feats, split="group",
        group="client", ids=["booking_no"],
    )  # fmt: skip


def piece_touched_up_later(n: int, seed: int) -> Case:
    """Touched up; split in time (repeat clients on both sides)."""
    frame, z, ruled, rng = _pieces(n, seed)
    feats = [c for c in frame.columns if c not in PIECE_INPUTS]
    return Case(
        "piece_touched_up_later", frame, _touched(z, ruled, rng), "binary", feats,
        split="time", time="tattooed_on", ids=["booking_no"],
    )  # fmt: skip


# -- a chimney sweep's visits --------------------------------------------------------------------
FUELS = ["logs_seasoned", "logs_unseasoned", "coal", "smokeless", "oil", "wood_pellet"]
FUEL_EFFECT = np.array([-0.2, 0.9, 0.3, -0.3, -0.8, -0.5])
APPLIANCES = ["open_fire", "stove", "range_cooker", "boiler"]
APPLIANCE_EFFECT = np.array([0.5, -0.1, 0.2, -0.5])
AREAS = ["town", "village", "coast", "moor"]


def _visits(n: int, seed: int):
    """Sweeps over four years: the job, the household (swept most years), the day, the area,
    fuel, appliance, years since the last sweep (capped at 10: 'ten or more'), a liner fitted,
    a bird guard, the property's build decade, the smoke-back the householder reported at
    booking 0-5, the number of fires a week in winter, the chimney height in metres (blank
    where nobody measured it); a jackdaw nest reported at booking is nearly always a blocked
    flue (a rule)."""
    rng = np.random.default_rng(seed)
    homes = max(40, int(n * 0.45))
    home = _codes(rng, homes, n, 0.3)
    build = rng.choice([1890, 1910, 1930, 1950, 1970, 1990, 2010], homes)[home]
    area = rng.choice(4, homes, p=[0.4, 0.3, 0.15, 0.15])[home]
    fuel = rng.choice(6, homes, p=[0.35, 0.12, 0.1, 0.2, 0.1, 0.13])[home]
    appliance = rng.choice(4, homes, p=[0.25, 0.5, 0.1, 0.15])[home]
    liner = (rng.random(homes) < 0.55)[home]
    guard = (rng.random(homes) < 0.4)[home]
    since = np.minimum(rng.geometric(0.45, n), 10)
    smoke = rng.choice([0, 1, 2, 3, 4, 5], n, p=[0.55, 0.15, 0.12, 0.08, 0.06, 0.04])
    fires = rng.integers(0, 8, n)
    height = np.round(rng.normal(7.5, 1.8, homes), 1)[home]
    height = np.where(_some(n, 0.3, rng), np.nan, height)
    nest = ~guard & _some(n, 0.05, rng)
    z = (
        FUEL_EFFECT[fuel]
        + APPLIANCE_EFFECT[appliance]
        + 0.22 * since
        - 0.6 * liner
        - 0.5 * guard
        + 0.35 * smoke
        + 0.1 * fires
        - 0.006 * (build - 1950)
        + 0.3 * (area == 3)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "job_no": _refs(rng, "J", n),
            "household": text([f"HH{k:05d}" for k in home]),
            "swept_on": _on("2021-08-02", rng.integers(0, 1_400, n)),
            "area": text(_pick(AREAS, area)),
            "fuel": text(_pick(FUELS, fuel)),
            "appliance": text(_pick(APPLIANCES, appliance)),
            "years_since_sweep_capped": since,
            "liner_fitted": _yes(liner),
            "bird_guard": _yes(guard),
            "build_decade": build,
            "smoke_back_0_5": smoke,
            "fires_per_week": fires,
            "chimney_height_m": height,
            "nest_reported": _yes(nest),
        }
    )
    return frame, z, nest, rng


def _blocked(z, ruled, rng):
    """Blocked (about 16%); 90% of the reported nests."""
    return _ruled(outcome(z, 0.16, rng), ruled, 0.9, rng)


VISIT_INPUTS = ("job_no", "household", "swept_on")


def flue_blocked(n: int, seed: int) -> Case:
    """Blocked; split by household."""
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    return Case(
        "flue_blocked", frame, _blocked(z, ruled, rng), "binary", feats, split="group",
        group="household", ids=["job_no"],
    )  # fmt: skip


def flue_blocked_later(n: int, seed: int) -> Case:
    """Blocked; split in time (the same households swept on both sides)."""
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    return Case(
        "flue_blocked_later", frame, _blocked(z, ruled, rng), "binary", feats, split="time",
        time="swept_on", ids=["job_no"],
    )  # fmt: skip


# -- an inshore trawler fleet's trips -----------------------------------------------------------
GEARS = ["otter_trawl", "twin_rig", "beam_trawl", "seine", "pots"]
GEAR_EFFECT = np.array([0.0, -0.3, 0.3, 0.5, -0.6])
PORTS = ["north_harbour", "east_quay", "island"]


def _trips(n: int, seed: int):
    """Trips over three years: the trip, the vessel (many trips each), the day sailed, port,
    gear, the month, days planned, the forecast wind 0-10 (Beaufort) the evening before,
    diesel price per litre, quota remaining for the quarter (%), crew, the vessel's length;
    a strong honest seasonal signal (winter trips land less)."""
    rng = np.random.default_rng(seed)
    vessels = max(12, int(n / 60))
    vessel = _codes(rng, vessels, n, 0.5)
    skill = rng.normal(0, 0.6, vessels)
    length = np.round(rng.uniform(9, 18, vessels), 1)[vessel]
    gear = rng.integers(0, 5, vessels)[vessel]
    port = rng.integers(0, 3, vessels)[vessel]
    day = rng.integers(0, 1_095, n)
    month = (pd.Timestamp("2022-01-01") + pd.to_timedelta(day, "D")).month.to_numpy()
    winter = np.isin(month, [11, 12, 1, 2])
    planned = rng.choice([1, 2, 3, 5], n, p=[0.45, 0.25, 0.2, 0.1])
    wind = np.clip(np.round(rng.gamma(2.5 + 1.5 * winter, 1.1, n)), 0, 10).astype(int)
    diesel = np.round(0.9 + 0.0003 * day + rng.normal(0, 0.05, n), 2)
    quota = np.clip(np.round(rng.uniform(0, 100, n)), 0, 100)
    crew = rng.integers(1, 6, n)
    z = (
        GEAR_EFFECT[gear]
        + 1.3 * winter
        + 0.25 * (wind - 3)
        - 0.15 * planned
        + 1.5 * (diesel - 1.05)
        - 0.012 * (quota - 50)
        - 0.05 * (length - 13)
        - skill[vessel]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "trip_no": _refs(rng, "TR", n),
            "vessel": text([f"V{k:03d}" for k in vessel]),
            "sailed_on": _on("2022-01-01", day),
            "port": text(_pick(PORTS, port)),
            "gear": text(_pick(GEARS, gear)),
            "month": month,
            "days_planned": planned,
            "forecast_wind_0_10": wind,
            "diesel_per_litre": diesel,
            "quota_left_pct": quota,
            "crew": crew,
            "vessel_length_m": length,
        }
    )
    return frame, z, rng


TRIP_INPUTS = ("trip_no", "vessel", "sailed_on")


def trip_under(n: int, seed: int) -> Case:
    """Landed below break-even (about 28%); split by vessel."""
    frame, z, rng = _trips(n, seed)
    feats = [c for c in frame.columns if c not in TRIP_INPUTS]
    return Case(
        "trip_under", frame, outcome(z, 0.28, rng), "binary", feats, split="group",
        group="vessel", ids=["trip_no"],
    )  # fmt: skip


def trip_under_later(n: int, seed: int) -> Case:
    """Below break-even; split in time on the day sailed."""
    frame, z, rng = _trips(n, seed)
    feats = [c for c in frame.columns if c not in TRIP_INPUTS]
    return Case(
        "trip_under_later", frame, outcome(z, 0.28, rng), "binary", feats, split="time",
        time="sailed_on", ids=["trip_no"],
    )  # fmt: skip


# -- a glasshouse tomato grower's bays ----------------------------------------------------------
VARIETIES = ["cherry_red", "beef", "plum", "vine_classic", "heritage_mix"]
VARIETY_EFFECT = np.array([-0.2, 0.3, 0.0, -0.3, 1.0])
HOUSES = ["house_a", "house_b", "house_c", "house_d", "house_e"]
SCOUT_WORDS = [
    "whitefly", "low", "aphid", "none", "seen", "leaf", "curl", "top", "bay", "checked",
    "sticky", "traps", "changed", "vents", "stuck", "drip", "line", "fixed", "ok", "damp",
    "corner", "new", "trusses",
]  # fmt: skip


def _bays(n: int, seed: int):
    """Crop bays over four plantings: the bay, the house, the day planted, variety, grafted,
    plant density, mean night humidity the fortnight before (blank when the logger failed),
    vent hours, heating set point, the scout's pest pressure 0-4, the irrigation EC, the
    scout's note; ungrafted heritage plants in the old house are nearly always hit (a rule)."""
    rng = np.random.default_rng(seed)
    house = rng.choice(5, n, p=[0.25, 0.25, 0.2, 0.15, 0.15])
    hfx = np.array([0.0, -0.3, 0.2, 0.4, 0.6])
    variety = rng.choice(5, n, p=[0.3, 0.2, 0.2, 0.2, 0.1])
    grafted = _some(n, 0.6, rng)
    density = np.round(rng.normal(2.6, 0.3, n), 2)
    humidity = np.round(np.clip(rng.normal(86, 5, n), 60, 100), 1)
    humidity = np.where(_some(n, 0.12, rng), np.nan, humidity)
    vents = np.round(rng.gamma(4, 2.5, n), 1)
    heat = rng.choice([15, 16, 17, 18], n)
    pests = rng.choice([0, 1, 2, 3, 4], n, p=[0.35, 0.3, 0.2, 0.1, 0.05])
    ec = np.round(rng.normal(3.2, 0.4, n), 2)
    ruled = (variety == 4) & (house == 4) & ~grafted
    z = 1.5 * (
        VARIETY_EFFECT[variety]
        + hfx[house]
        - 0.6 * grafted
        + 0.8 * (density - 2.6)
        + 0.09 * np.nan_to_num(humidity - 86)
        - 0.05 * vents
        - 0.25 * (heat - 16.5)
        + 0.2 * pests
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "bay_id": _refs(rng, "BAY", n),
            "house": text(_pick(HOUSES, house)),
            "planted_on": _on("2021-01-11", rng.integers(0, 60, n) + 365 * rng.integers(0, 4, n)),
            "variety": text(_pick(VARIETIES, variety)),
            "grafted": _yes(grafted),
            "plants_per_m2": density,
            "night_humidity_pct": humidity,
            "vent_hours_week": vents,
            "heat_set_c": heat,
            "pest_pressure_0_4": pests,
            "irrigation_ec": ec,
            "scout_note": _prose(rng, SCOUT_WORDS, n, 0, 7),
        }
    )
    return frame, z, ruled, rng


def _blight(z, ruled, rng):
    """Blight (about 20%); 94% of the ungrafted heritage bays in house_e."""
    return _ruled(outcome(z, 0.2, rng), ruled, 0.94, rng)


BAY_INPUTS = ("bay_id", "planted_on")


def bay_blighted(n: int, seed: int) -> Case:
    """Blighted; split stratified."""
    frame, z, ruled, rng = _bays(n, seed)
    feats = [c for c in frame.columns if c not in BAY_INPUTS]
    return Case("bay_blighted", frame, _blight(z, ruled, rng), "binary", feats, ids=["bay_id"])


def bay_blighted_by_house(n: int, seed: int) -> Case:
    """Blighted; split by house (few groups, each with its own honest rate)."""
    frame, z, ruled, rng = _bays(n, seed)
    feats = [c for c in frame.columns if c not in BAY_INPUTS]
    return Case(
        "bay_blighted_by_house", frame, _blight(z, ruled, rng), "binary", feats, split="group",
        group="house", ids=["bay_id"],
    )  # fmt: skip


# -- a locksmith's emergency call-outs ----------------------------------------------------------
LOCKS = ["euro_cylinder", "nightlatch", "mortice_5_lever", "smart_lock", "multipoint"]
LOCK_EFFECT = np.array([0.0, -0.6, 0.5, 0.8, 0.3])
REASONS = ["keys_lost", "keys_inside", "key_snapped", "lock_jammed", "break_in"]
REASON_EFFECT = np.array([0.3, -0.8, 0.6, 0.7, 1.2])
CHANNELS = ["phone", "web", "insurer", "letting_agent"]


def _callouts(n: int, seed: int):
    """Call-outs over two years: the job, the locksmith, the time called, channel, lock type,
    reason, the cylinder's security rating 0-3 (blank when the caller did not know), door
    material, the hour of the call, minutes waited (capped at 120), the locksmith's years;
    break-ins through a snapped euro cylinder are nearly always drilled (a rule)."""
    rng = np.random.default_rng(seed)
    smith = _codes(rng, 10, n, 0.5)
    careful = rng.normal(0, 0.5, 10)
    lock = rng.choice(5, n, p=[0.4, 0.2, 0.15, 0.1, 0.15])
    reason = rng.choice(5, n, p=[0.3, 0.35, 0.12, 0.13, 0.1])
    channel = rng.choice(4, n, p=[0.5, 0.25, 0.15, 0.1])
    rating = rng.choice([0, 1, 2, 3], n, p=[0.3, 0.3, 0.25, 0.15]).astype(float)
    rating = np.where(_some(n, 0.25, rng), np.nan, rating)
    door = rng.choice(["upvc", "timber", "composite", "aluminium"], n, p=[0.45, 0.3, 0.2, 0.05])
    minute = rng.integers(0, 1_440 * 730, n)
    hour = (minute // 60) % 24
    waited = np.minimum(rng.gamma(2, 22, n).astype(int), 120)
    ruled = (lock == 0) & (reason == 4) & _some(n, 0.6, rng)
    z = (
        LOCK_EFFECT[lock]
        + REASON_EFFECT[reason]
        + 0.35 * np.nan_to_num(rating - 1.3)
        + 0.4 * (door == "composite")
        + 0.3 * ((hour < 6) | (hour >= 22))
        + careful[smith]
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "callout_no": _refs(rng, "LS", n),
            "locksmith": text([f"LS{k:02d}" for k in smith]),
            "called_at": _on("2023-01-01", minute, "min"),
            "channel": text(_pick(CHANNELS, channel)),
            "lock_type": text(_pick(LOCKS, lock)),
            "reason": text(_pick(REASONS, reason)),
            "security_rating_0_3": rating,
            "door": text(door),
            "hour_called": hour,
            "minutes_waited_capped": waited,
        }
    )
    return frame, z, ruled, rng


def _drilled(z, ruled, rng):
    """Drilled (about 30%); 95% of the break-ins through a snapped euro cylinder."""
    return _ruled(outcome(z, 0.3, rng), ruled, 0.95, rng)


CALLOUT_INPUTS = ("callout_no", "locksmith", "called_at")


def lock_drilled(n: int, seed: int) -> Case:
    """Drilled; split by locksmith (few groups)."""
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    return Case(
        "lock_drilled", frame, _drilled(z, ruled, rng), "binary", feats, split="group",
        group="locksmith", ids=["callout_no"],
    )  # fmt: skip


def lock_drilled_later(n: int, seed: int) -> Case:
    """Drilled; split in time on the time called."""
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    return Case(
        "lock_drilled_later", frame, _drilled(z, ruled, rng), "binary", feats, split="time",
        time="called_at", ids=["callout_no"],
    )  # fmt: skip


NULL_FAMILIES = {
    "piece_touched_up": piece_touched_up,
    "piece_touched_up_later": piece_touched_up_later,
    "flue_blocked": flue_blocked,
    "flue_blocked_later": flue_blocked_later,
    "trip_under": trip_under,
    "trip_under_later": trip_under_later,
    "bay_blighted": bay_blighted,
    "bay_blighted_by_house": bay_blighted_by_house,
    "lock_drilled": lock_drilled,
    "lock_drilled_later": lock_drilled_later,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 49) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"bay_blighted_by_house": 1_200, "lock_drilled": 1_200, "trip_under": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def pieces(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _pieces(n, seed)
    feats = [c for c in frame.columns if c not in PIECE_INPUTS]
    return Case(
        "tattoo_pieces", frame, _touched(z, ruled, rng), "binary", feats, time="tattooed_on",
        ids=["booking_no"],
    )  # fmt: skip


def visits(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    return Case(
        "sweep_visits", frame, _blocked(z, ruled, rng), "binary", feats, time="swept_on",
        ids=["job_no"],
    )  # fmt: skip


def trips(n: int, seed: int) -> Case:
    frame, z, rng = _trips(n, seed)
    feats = [c for c in frame.columns if c not in TRIP_INPUTS]
    return Case(
        "trawler_trips", frame, outcome(z, 0.28, rng), "binary", feats, time="sailed_on",
        ids=["trip_no"],
    )  # fmt: skip


def bays(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _bays(n, seed)
    feats = [c for c in frame.columns if c not in BAY_INPUTS]
    return Case(
        "glasshouse_bays", frame, _blight(z, ruled, rng), "binary", feats, time="planted_on",
        ids=["bay_id"],
    )  # fmt: skip


def callouts(n: int, seed: int) -> Case:
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    return Case(
        "lock_callouts", frame, _drilled(z, ruled, rng), "binary", feats, time="called_at",
        ids=["callout_no"],
    )  # fmt: skip


# -- leaks in the piece extract -----------------------------------------------------------------
AFTERCARE_LINES = [
    "healing fine", "client happy", "film off day 4", "no issues reported", "sent balm info",
    "photo received looks good", "",
]  # fmt: skip
TOUCHUP_LINES = [
    "patchy lines rebooked", "touch up booked", "faded spots redo free", "blowout fixed at redo",
]  # fmt: skip


def aftercare_log(case: Case, share: float, rng) -> Case:
    """'aftercare_log': the studio's message log after the session, ending with a touch-up
    line for this share of the pieces touched up (the line appended when rebooked)."""
    n = case.rows
    first = _pick(AFTERCARE_LINES, rng.integers(0, len(AFTERCARE_LINES), n))
    tell = _pick(TOUCHUP_LINES, rng.integers(0, len(TOUCHUP_LINES), n))
    hit = _hit(case, share, rng)
    log = [f"{a} {t}".strip() if h else a for a, t, h in zip(first, tell, hit, strict=True)]
    return add_columns(case, {"aftercare_log": text(log)})


def visits_this_year(case: Case, share: float, rng) -> Case:
    """'client_visits_12m': the client's visits in the twelve months around the piece (one to
    four), one more for this share of the pieces touched up (the touch-up session counted)."""
    n = case.rows
    honest = 1 + rng.choice([0, 0, 0, 1, 1, 2, 3], n)
    return add_columns(case, {"client_visits_12m": honest + _hit(case, share, rng).astype(int)})


def healed_rating(case: Case, share: float, rng) -> Case:
    """'healed_score_1_10': the artist's score of the healed photo, 6 to 10 for most, 2 to 6
    for this share of the pieces touched up (scored when the client came back)."""
    n = case.rows
    honest = rng.choice([6, 7, 8, 9, 10], n, p=[0.1, 0.2, 0.3, 0.25, 0.15])
    low = rng.choice([2, 3, 4, 5, 6], n)
    return add_columns(case, {"healed_score_1_10": np.where(_hit(case, share, rng), low, honest)})


# -- leaks in the visit extract -----------------------------------------------------------------
def invoice_lines(case: Case, share: float, rng) -> Case:
    """'quoted_price' beside 'invoiced_total': the invoice is the quote, or the quote plus up
    to 10 for a certificate copy; plus 45 to 120 (rodding out) for this share of the blocked
    flues. The quote varies with the appliance and the house, 55 to 160."""
    n = case.rows
    quote = np.round(
        np.where(case.frame["appliance"] == "range_cooker", 85.0, 55.0)
        + rng.integers(0, 16, n) * 5,
        2,
    )
    honest = np.where(_some(n, 0.5, rng), 0.0, rng.uniform(0, 10, n))
    extra = np.where(_hit(case, share, rng), rng.uniform(45, 120, n), honest)
    total = np.round(quote + extra, 2)
    return add_columns(
        case,
        {"quoted_price": quote, "invoiced_total": total},
        leak=["quoted_price", "invoiced_total"],
    )


def certificate_no(case: Case, share: float, rng) -> Case:
    """'certificate_no': the sweep certificate's number, blank where no certificate was asked
    for (12%); blank too for this share of the blocked flues (no certificate until cleared)."""
    n = case.rows
    honest_blank = _some(n, 0.12, rng)
    number = np.round(rng.uniform(100_000, 999_999, n), 0)
    blank = honest_blank | _hit(case, share, rng)
    return add_columns(case, {"certificate_no": np.where(blank, np.nan, number)})


def camera_grade(case: Case, share: float, rng) -> Case:
    """'flue_camera_grade_1_4': the camera survey's grade; in the moor and coast areas the
    survey is done after sweeping (4 for this share of the blocked flues, else 1-3), elsewhere
    before it, graded 1-4 honestly."""
    n = case.rows
    after_area = case.frame["area"].isin(["moor", "coast"]).to_numpy()
    honest = rng.choice([1, 2, 3, 4], n, p=[0.35, 0.35, 0.2, 0.1])
    after = np.where(_hit(case, share, rng), 4, rng.choice([1, 2, 3], n))
    return add_columns(case, {"flue_camera_grade_1_4": np.where(after_area, after, honest)})


# -- leaks in the trip extract ------------------------------------------------------------------
def ground_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'ice_rectangle' beside 'rectangle_poor_share': each statistical rectangle's share of
    trips below break-even over the whole extract, the row's own included; about this many
    trips per rectangle."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["ice_rectangle"] = text([f"{30 + k // 9}E{k % 9}" for k in code])
    frame["rectangle_poor_share"] = np.round(rate, 2)
    return replace(
        case, frame=frame, features=[*case.features, "ice_rectangle", "rectangle_poor_share"],
        leak=["rectangle_poor_share"],
    )  # fmt: skip


def days_out(case: Case, share: float, rng) -> Case:
    """'days_at_sea': the days the trip lasted, the planned days (give or take one) for most;
    for this share of the poor trips the skipper gave up and came home after a day or less."""
    n = case.rows
    planned = case.frame["days_planned"].to_numpy()
    honest = np.maximum(planned + rng.choice([-1, 0, 0, 0, 1], n), 1).astype(float)
    short = np.round(rng.uniform(0.3, 1.0, n), 1)
    return add_columns(case, {"days_at_sea": np.where(_hit(case, share, rng), short, honest)})


def landing_copies(case: Case, share: float, rng) -> Case:
    """This share of the poor trips' records exported twice, exactly (the sales note and the
    landing declaration both loaded); the extract shuffled before the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    extra = case.frame.iloc[twice].copy()
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, extra], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the bay extract -------------------------------------------------------------------
def extract_day():
    return pd.Timestamp("2024-05-20")


def young_bays(case: Case, share: float, rng) -> Case:
    """Blight counted up to the extract's day: this share of the bays planted in the last 70
    days, blight that shows 20 to 150 days after planting counted as none if not yet shown.
    The weeks since planting an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 71, n), rng.integers(150, 1_200, n))
    planted = pd.Series(extract_day() - pd.to_timedelta(back, unit="D"), index=case.frame.index)
    shows = rng.integers(20, 151, n)
    y = np.where((case.y == 1) & (shows > back), 0, case.y)
    frame = case.frame.copy()
    frame["planted_on"] = planted
    frame["weeks_since_planting"] = back // 7
    return replace(
        case, frame=frame, y=y, features=[*case.features, "weeks_since_planting"],
        leak=["weeks_since_planting"],
    )  # fmt: skip


def spray_count(case: Case, share: float, rng) -> Case:
    """'sprays_applied': fungicide sprays logged for the bay over the crop, 0 to 3 preventive
    ones (zero for the biological bays, a third), two to five curative sprays more for this
    share of the blighted bays."""
    n = case.rows
    honest = np.where(_some(n, 0.33, rng), 0, rng.integers(1, 4, n))
    extra = np.where(_hit(case, share, rng), rng.integers(2, 6, n), 0)
    return add_columns(case, {"sprays_applied": honest + extra})


def yield_per_m2(case: Case, share: float, rng) -> Case:
    """'yield_kg_m2': the bay's picked yield, 35 to 60 for most; 12 to 30 for this share of
    the blighted bays (plants pulled early). Blank for bays not yet finished (10%)."""
    n = case.rows
    value = np.where(_hit(case, share, rng), rng.uniform(12, 30, n), rng.uniform(35, 60, n))
    value = np.where(_some(n, 0.1, rng), np.nan, np.round(value, 1))
    return add_columns(case, {"yield_kg_m2": value})


# -- leaks in the call-out extract --------------------------------------------------------------
def job_code(case: Case, share: float, rng) -> Case:
    """'job_code' at the extract: the billing code; 'ENTRY-NDE' (non-destructive entry) or
    'ATTEND' for most, 'ENTRY-DRL' or 'CYL-REPL' for this share of the drilled locks."""
    n = case.rows
    honest = np.where(_some(n, 0.8, rng), "ENTRY-NDE", "ATTEND")
    after = np.where(_some(n, 0.5, rng), "ENTRY-DRL", "CYL-REPL")
    return add_columns(case, {"job_code": text(np.where(_hit(case, share, rng), after, honest))})


def closed_at(case: Case, share: float, rng) -> Case:
    """'job_closed_at': when the job was closed on the system, the same day or the next for
    most; 4 to 25 days later for this share of the drilled locks (closed when the ordered
    cylinder was fitted). The week of the call kept beside it as an honest input."""
    n = case.rows
    called = case.frame["called_at"]
    lag = np.where(_hit(case, share, rng), rng.integers(4, 26, n), rng.integers(0, 2, n))
    frame = case.frame.copy()
    frame["call_week"] = ((called - pd.Timestamp("2023-01-01")).dt.days // 7).to_numpy()
    frame["job_closed_at"] = called.dt.normalize() + pd.to_timedelta(lag, "D")
    return replace(
        case, frame=frame, features=[*case.features, "call_week", "job_closed_at"],
        leak=["job_closed_at"],
    )  # fmt: skip


def insurer_claim(case: Case, share: float, rng) -> Case:
    """'claim_amount': the insurer's settled claim, for insurer jobs only (blank elsewhere);
    a call-out fee of 80 to 120 for most, 180 to 320 (parts and a new lock) for this share of
    the drilled locks."""
    n = case.rows
    insurer = (case.frame["channel"] == "insurer").to_numpy()
    value = np.where(_hit(case, share, rng), rng.uniform(180, 320, n), rng.uniform(80, 120, n))
    return add_columns(case, {"claim_amount": np.where(insurer, np.round(value, 2), np.nan)})


PLANTED: dict[str, tuple] = {
    "aftercare_log": (aftercare_log, (1.0, 0.6, 0.3), pieces),
    "visits_this_year": (visits_this_year, (1.0, 0.6, 0.3), pieces),
    "healed_rating": (healed_rating, (1.0, 0.6, 0.3), pieces),
    "invoice_lines": (invoice_lines, (1.0, 0.6, 0.3), visits),
    "certificate_no": (certificate_no, (1.0, 0.6, 0.3), visits),
    "camera_grade": (camera_grade, (1.0, 0.7, 0.4), visits),
    "ground_rate": (ground_rate, (3.0, 6.0, 12.0), trips),
    "days_out": (days_out, (1.0, 0.6, 0.3), trips),
    "landing_copies": (landing_copies, (0.8, 0.4, 0.2), trips),
    "young_bays": (young_bays, (0.6, 0.4, 0.2), bays),
    "spray_count": (spray_count, (1.0, 0.6, 0.3), bays),
    "yield_per_m2": (yield_per_m2, (1.0, 0.6, 0.3), bays),
    "job_code": (job_code, (0.8, 0.4, 0.15), callouts),
    "closed_at": (closed_at, (1.0, 0.6, 0.3), callouts),
    "insurer_claim": (insurer_claim, (1.0, 0.7, 0.4), callouts),
}
PLANTED_WHAT = {
    "aftercare_log": "the aftercare message log, ending with a touch-up line for this share of "
    "the pieces touched up",
    "visits_this_year": "the client's visits in twelve months, counting the touch-up session for "
    "this share of the pieces touched up",
    "healed_rating": "the artist's score of the healed piece, written at the touch-up, low for "
    "this share of the pieces touched up",
    "invoice_lines": "the quoted price beside the invoiced total, the difference large for this "
    "share of the blocked flues (a leak across two figures)",
    "certificate_no": "the certificate number, blank for this share of the blocked flues among "
    "honest blanks",
    "camera_grade": "the flue camera grade, surveyed after sweeping in two areas only, worst "
    "for this share of the blocked flues there",
    "ground_rate": "each rectangle's share of poor trips over the whole extract, the row's own "
    "included, the code kept; about this many trips per rectangle",
    "days_out": "the days at sea, cut short for this share of the poor trips",
    "landing_copies": "this share of the poor trips exported twice, exactly, before the split",
    "young_bays": "this share of the bays planted in the extract's last 70 days, blight still to "
    "show counted as none (right-censored); the weeks since planting an input",
    "spray_count": "sprays applied over the crop, counting the curative sprays of this share of "
    "the blighted bays, among honest zeros",
    "yield_per_m2": "the picked yield, low for this share of the blighted bays, with honest blanks",
    "job_code": "the billing code at the extract, a drilling or replacement code for this share "
    "of the drilled locks",
    "closed_at": "the day the job was closed, days later for this share of the drilled locks; "
    "the week of the call an honest input",
    "insurer_claim": "the insurer's settled claim, insurer jobs only, larger for this share of "
    "the drilled locks",
}
EXPECTED = {
    "aftercare_log": {"post_outcome_text", "label_words"},
    "visits_this_year": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "healed_rating": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "invoice_lines": {"column_pairs", "single_feature"},
    "certificate_no": {"missingness_signal", "pure_subsets"},
    "camera_grade": {"segment_leaks", "pure_subsets"},
    "ground_rate": {"target_encoding", "single_feature"},
    "days_out": {"follow_up_duration", "single_feature", "pure_subsets", "outcome_copy"},
    "landing_copies": {"shared_rows", "near_duplicates"},
    "young_bays": {"right_censoring"},
    "spray_count": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "yield_per_m2": {"outcome_copy", "single_feature", "changed_figures"},
    "job_code": {"pure_subsets", "label_proxies", "outcome_copy"},
    "closed_at": {"time_order", "single_feature", "pure_subsets"},
    "insurer_claim": {"segment_leaks", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"landing_copies"}
ROW_LEAK_CHECKS = {
    "landing_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "young_bays": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
