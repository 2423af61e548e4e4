"""The seventeenth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (35,000 and up). Other domains and shapes than
every family before it: an airport ground handler's checked bags mishandled (not on the
passenger's arrival belt), a wine cooperative's grape loads downgraded at the weighbridge, a
ferry operator's sailings cancelled, a bike-share scheme's hires ending with a fault report and
a council's household recycling bins rejected as contaminated at the kerbside — null families
of realistic shapes with the honest confusers consultants meet in such extracts, and leaks
planted in a bag extract, a load extract, a sailing extract, a hire extract and a collection
extract by generators of their own, each graded by three strengths.

The thirteenth generation (benchmarks/calibration_thirteenth.py) is the kept-aside set of the
round in which this one was written; this one is for a later round and is not registered yet.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets, unit: str = "D") -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit=unit)


def _some(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, spread: float = 0.8) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (log-normal weights)."""
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _ruled(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to yes for this share of those a business rule settles."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _spared(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to no for all but this share of those a business rule protects."""
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


# -- an airport ground handler's checked bags ---------------------------------------------------
AIRLINES = ["flag_carrier", "low_cost_a", "low_cost_b", "gulf_partner", "regional", "charter"]
AIRLINE_SHARES = [0.3, 0.22, 0.16, 0.1, 0.12, 0.1]
AIRLINE_EFFECT = np.array([0.0, -0.3, -0.2, 0.3, 0.2, -0.1])
CHANNELS = ["desk", "self_bag_drop", "kiosk_tag", "city_check_in"]
TIERS = ["none", "bronze", "silver", "gold"]
HAUL = ["domestic", "short_haul", "long_haul"]
BAG_WORDS = ["fragile", "handle", "strap", "blue", "hard", "shell", "golf", "ski", "pram", "box"]


def _bags(n: int, seed: int):
    """Checked bags over two years: the bag tag, the passenger (frequent travellers check in
    again: their columns repeat), the minute checked in, the airline, the haul, the check-in
    channel, the frequent-flyer tier as words, a transfer onto another flight and the minutes
    of its connection (blank for bags that end here), the bag's weight (32 kg at most: heavier
    bags are refused at the desk), minutes checked in before departure (240 at most: the desk
    opens four hours before), a priority tag, the bags in the booking, earlier mishandled bags
    in 12 months (zero for nearly all), an oversize bag and the agent's tag note; the log-odds
    of a bag mishandled and those the rule settles (an interline transfer under the 35-minute
    minimum connection is nearly always left behind)."""
    rng = np.random.default_rng(seed)
    people = max(40, int(n / 1.5))
    pax = _codes(rng, people, n, 1.1)
    frequent = rng.normal(0, 1, people)
    airline = rng.choice(len(AIRLINES), n, p=AIRLINE_SHARES)
    haul = rng.choice(3, n, p=[0.2, 0.6, 0.2])
    channel = rng.choice(len(CHANNELS), n, p=[0.45, 0.35, 0.15, 0.05])
    tier = np.clip(np.round(frequent[pax] + rng.normal(0, 0.5, n)), 0, 3).astype(int)
    transfer = _some(n, 0.22 + 0.2 * (haul == 2), rng)
    connection = np.where(transfer, np.round(rng.gamma(4, 22, n) + 20), np.nan)
    weight = np.minimum(np.round(rng.normal(17 + 3 * (haul == 2), 4.5, n), 1), 32.0)
    lead = np.minimum(np.round(rng.gamma(3, 35, n) + 25), 240)
    priority = (tier >= 2) | _some(n, 0.05, rng)
    in_booking = 1 + rng.poisson(0.4, n)
    earlier = np.where(_some(n, 0.93, rng), 0, rng.integers(1, 4, n))
    oversize = _some(n, 0.04, rng)
    checked = _on("2023-01-01", rng.integers(0, 730 * 1_440, n), "min")
    z = (
        AIRLINE_EFFECT[airline]
        + 0.5 * transfer
        - 0.018 * np.nan_to_num(connection - 90, nan=0.0) * transfer
        + 0.4 * (haul == 2)
        - 0.006 * (lead - 90)
        - 0.35 * priority
        + 0.3 * (channel == 3)
        + 0.25 * np.log1p(earlier)
        + 0.4 * oversize
        + 0.15 * np.isin(checked.month, [7, 8])
        + rng.normal(0, 0.4, n)
    )
    z = 1.8 * z  # the handler's own records explain little of it
    frame = pd.DataFrame(
        {
            "bag_tag": _refs(rng, "0125", n),
            "passenger": text([f"P{k:06d}" for k in pax]),
            "checked_at": checked,
            "airline": text(_pick(AIRLINES, airline)),
            "haul": text(_pick(HAUL, haul)),
            "check_in_channel": text(_pick(CHANNELS, channel)),
            "ff_tier": text(_pick(TIERS, tier)),
            "transfer": _yes(transfer),
            "connection_minutes": connection,
            "bag_weight_kg": weight,
            "minutes_before_departure": lead,
            "priority_tag": _yes(priority),
            "bags_in_booking": in_booking,
            "earlier_mishandled_12m": earlier,
            "oversize": _yes(oversize),
            "tag_note": text(_prose(rng, [BAG_WORDS] * n, rng.integers(0, 4, n))),
        }
    )
    ruled = transfer & (np.nan_to_num(connection, nan=999) < 35) & (airline != 0)
    return frame, z, ruled, rng


def _mishandled(z, ruled, rng) -> np.ndarray:
    """Mishandled (about 7%); 90% of interline transfers under the minimum connection."""
    return _ruled(outcome(z, 0.06, rng), ruled, 0.9, rng)


BAG_INPUTS = ("bag_tag", "passenger", "checked_at")


def bag_mishandled(n: int, seed: int) -> Case:
    """Mishandled; split in time on the minute checked in, frequent travellers on both sides."""
    frame, z, ruled, rng = _bags(n, seed)
    feats = [c for c in frame.columns if c not in BAG_INPUTS]
    return Case(
        "bag_mishandled",
        frame,
        _mishandled(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="checked_at",
        ids=["bag_tag"],
    )


def reclaim_minutes(n: int, seed: int) -> Case:
    """Minutes from the aircraft on blocks to the bag on the belt, 90 at most (the belt's
    display stops counting), priority bags early; split at random."""
    frame, _z, _ruled, rng = _bags(n, seed)
    pri = (frame["priority_tag"] == "yes").to_numpy()
    long = (frame["haul"] == "long_haul").to_numpy()
    base = 14 + 6 * long - 6 * pri + 0.15 * frame["bag_weight_kg"].to_numpy()
    value = np.minimum(np.round(base * rng.lognormal(0, 0.3, n)), 90).astype(int)
    feats = [c for c in frame.columns if c not in BAG_INPUTS]
    return Case("reclaim_minutes", frame, value, "regression", feats, split="random")


# -- a wine cooperative's grape loads at the weighbridge ----------------------------------------
VARIETIES = ["tempranillo", "garnacha", "macabeo", "airen", "syrah", "merlot", "verdejo"]
VARIETY_SHARES = [0.28, 0.18, 0.14, 0.16, 0.09, 0.07, 0.08]
VARIETY_EFFECT = np.array([0.0, 0.3, -0.2, 0.4, -0.1, 0.2, -0.3])
ZONES = ["valley_floor", "terrace", "hillside", "plateau", "river_bank"]
CONTAINERS = ["gondola", "bins_300kg", "crates_20kg", "tipper"]
LOAD_WORDS = ["leaves", "dry", "warm", "sound", "ripe", "some", "rot", "hail", "bunches", "ok"]


def _loads(n: int, seed: int):
    """Loads delivered over three vintages: a load number, the grower (member growers deliver
    many loads: their columns repeat), the minute weighed, the variety, the vineyard zone, the
    container, hand picked or machine harvested, the grower's years in the cooperative (25 at
    most: the records begin then), hours since picking, the refractometer's sugar in Brix at
    the weighbridge, the bin temperature, the weighbridge inspector's 1-5 look score, leaves and
    debris as a 0-10 estimate, sprays declared (blank for organic growers, who keep their own
    book), the tonnes, earlier downgrades that vintage (zero for most) and the inspector's
    note; the log-odds of a downgrade and those the rule settles (a machine-harvested load
    warmer than 30 degrees is nearly always downgraded)."""
    rng = np.random.default_rng(seed)
    growers = max(25, int(n / 12))
    grower = _codes(rng, growers, n, 0.9)
    skill = rng.normal(0, 0.7, growers)
    years_in = np.minimum(rng.integers(1, 40, growers), 25)
    organic = _some(growers, 0.12, rng)
    variety = rng.choice(len(VARIETIES), n, p=VARIETY_SHARES)
    zone = rng.choice(len(ZONES), n)
    machine = _some(n, 0.55, rng)
    container = np.where(machine, rng.choice([0, 3], n), rng.choice([1, 2], n))
    hours = np.round(np.where(machine, rng.gamma(2, 1.5, n), rng.gamma(3, 2, n)), 1)
    vintage = rng.choice([2021, 2022, 2023], n)
    day = rng.integers(0, 55, n)
    weighed = pd.to_datetime(vintage.astype(str) + "-08-25") + pd.to_timedelta(
        day * 1_440 + rng.integers(6 * 60, 21 * 60, n), unit="min"
    )
    brix = np.round(rng.normal(22.5 + 0.03 * day, 1.6, n), 1)
    temp = np.round(rng.normal(19 + 0.1 * (55 - day), 4.5, n), 1)
    look = np.clip(np.round(3.3 + 0.6 * skill[grower] + rng.normal(0, 0.8, n)), 1, 5)
    debris = np.clip(np.round(rng.gamma(1.5, 1.2, n) + 1.5 * machine), 0, 10)
    sprays = np.where(organic[grower], np.nan, rng.integers(3, 12, n).astype(float))
    tonnes = np.round(np.where(machine, rng.normal(9, 2, n), rng.normal(3.5, 1, n)).clip(0.4), 2)
    earlier = np.where(_some(n, 0.8, rng), 0, rng.integers(1, 4, n))
    z = (
        VARIETY_EFFECT[variety]
        - 0.6 * skill[grower]
        - 0.45 * (look - 3)
        + 0.12 * debris
        + 0.1 * hours
        + 0.06 * (temp - 20)
        + 0.25 * np.abs(brix - 23.5)
        + 0.3 * np.log1p(earlier)
        + 0.2 * (vintage == 2022)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "load_no": _refs(rng, "L", n),
            "grower": text([f"G{k:04d}" for k in grower]),
            "weighed_at": weighed,
            "variety": text(_pick(VARIETIES, variety)),
            "zone": text(_pick(ZONES, zone)),
            "container": text(_pick(CONTAINERS, container)),
            "machine_harvested": _yes(machine),
            "grower_years": years_in[grower],
            "hours_since_picking": hours,
            "brix": brix,
            "bin_temperature_c": temp,
            "look_score_1_5": look.astype(int),
            "debris_0_10": debris.astype(int),
            "sprays_declared": sprays,
            "tonnes": tonnes,
            "earlier_downgrades": earlier,
            "inspector_note": text(_prose(rng, [LOAD_WORDS] * n, rng.integers(2, 6, n))),
        }
    )
    ruled = machine & (temp > 30)
    return frame, z, ruled, rng


def _downgraded(z, ruled, rng) -> np.ndarray:
    """Downgraded to the bulk wine (about 18%); 92% of warm machine-harvested loads."""
    return _ruled(outcome(z, 0.16, rng), ruled, 0.92, rng)


LOAD_INPUTS = ("load_no", "grower", "weighed_at")


def load_downgraded(n: int, seed: int) -> Case:
    """Downgraded; split by grower (a grower's loads together)."""
    frame, z, ruled, rng = _loads(n, seed)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    return Case(
        "load_downgraded",
        frame,
        _downgraded(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="grower",
        ids=["load_no"],
    )


def potential_alcohol(n: int, seed: int) -> Case:
    """The laboratory's probable alcohol from the must, in tenths (from the Brix and the
    variety, noisy); split in time on the minute weighed."""
    frame, _z, _ruled, rng = _loads(n, seed)
    value = np.round(0.59 * frame["brix"].to_numpy() - 0.3 + rng.normal(0, 0.35, n), 1)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    return Case(
        "potential_alcohol",
        frame,
        value,
        "regression",
        feats,
        split="time",
        time="weighed_at",
        ids=["load_no"],
    )


# -- a ferry operator's sailings -----------------------------------------------------------------
ROUTES = ["mainland_north", "mainland_south", "island_hop", "outer_isles", "estuary"]
ROUTE_SHARES = [0.3, 0.25, 0.2, 0.1, 0.15]
EXPOSURE = np.array([2, 3, 3, 5, 1])
VESSELS = ["MV_Loch_A", "MV_Loch_B", "MV_Isle", "MV_Ferryman", "MV_Heather", "MV_Clansman"]
NOTICE_WORDS = ["sailing", "subject", "to", "weather", "disruption", "possible", "check", "app"]


def _sailings(n: int, seed: int):
    """Timetabled sailings over three years: a sailing id, the route, the minute due out, the
    vessel, the route's 1-5 exposure grade, the Met Office forecast wind and wave height made
    the evening before, the tide range, cars and foot passengers booked, the vessel's age, crew
    short on the rota (zero for most), a daylight sailing, a weather notice issued the day
    before (the same few words) and the vessel's days since dry dock (365 at most: the survey
    interval); the log-odds of a cancellation and those the rule settles (a forecast over 45
    knots on an exposed route is beyond the master's limit)."""
    rng = np.random.default_rng(seed)
    route = rng.choice(len(ROUTES), n, p=ROUTE_SHARES)
    vessel = rng.choice(len(VESSELS), n)
    age = np.array([31, 24, 12, 8, 19, 3])[vessel]
    due = _on("2021-01-01", rng.integers(0, 1_095, n) * 1_440 + rng.integers(6, 21, n) * 60, "min")
    winter = np.isin(due.month, [11, 12, 1, 2, 3])
    wind = np.round(rng.gamma(3, 5 + 3 * winter, n) * (0.6 + 0.12 * EXPOSURE[route]))
    wave = np.round(0.05 * wind * rng.lognormal(0, 0.25, n), 1)
    tide = np.round(rng.uniform(1.5, 5.5, n), 1)
    cars = np.minimum(rng.poisson(30 - 12 * winter, n), 60)
    foot = rng.poisson(80 - 40 * winter, n)
    crew = np.where(_some(n, 0.92, rng), 0, rng.integers(1, 3, n))
    daylight = ~(winter & (np.asarray(due.hour) >= 16))
    notice = (wind > 28) | _some(n, 0.05, rng)
    docked = np.minimum(rng.integers(0, 420, n), 365)
    z = (
        0.09 * (wind - 25)
        + 0.5 * (wave - 1.5)
        + 0.3 * (EXPOSURE[route] - 3)
        + 0.8 * (crew > 0)
        + 0.02 * (age - 15)
        + 0.002 * docked
        - 0.2 * daylight
        + rng.normal(0, 0.6, n)
    )
    frame = pd.DataFrame(
        {
            "sailing_id": _refs(rng, "S", n),
            "route": text(_pick(ROUTES, route)),
            "due_out_at": due,
            "vessel": text(_pick(VESSELS, vessel)),
            "exposure_1_5": EXPOSURE[route],
            "forecast_wind_kn": wind,
            "forecast_wave_m": wave,
            "tide_range_m": tide,
            "cars_booked": cars,
            "foot_booked": foot,
            "vessel_age": age,
            "crew_short": crew,
            "daylight": _yes(daylight),
            "weather_notice": text(
                np.where(notice, _prose(rng, [NOTICE_WORDS] * n, np.full(n, 5)), "")
            ),
            "days_since_dry_dock": docked,
        }
    )
    ruled = (wind > 45) & (EXPOSURE[route] >= 3)
    return frame, z, ruled, rng


def _cancelled(z, ruled, rng) -> np.ndarray:
    """Cancelled (about 9%); 95% of those beyond the master's limit."""
    return _ruled(outcome(z, 0.07, rng), ruled, 0.95, rng)


SAILING_INPUTS = ("sailing_id", "due_out_at")


def sailing_cancelled(n: int, seed: int) -> Case:
    """Cancelled; split in time on the minute due out (the seasons repeat)."""
    frame, z, ruled, rng = _sailings(n, seed)
    feats = [c for c in frame.columns if c not in SAILING_INPUTS]
    return Case(
        "sailing_cancelled",
        frame,
        _cancelled(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="due_out_at",
        ids=["sailing_id"],
    )


def vehicles_carried(n: int, seed: int) -> Case:
    """Vehicles carried on the sailings that went (no-shows and turn-ups, 60 at most: the car
    deck); split at random."""
    frame, z, ruled, rng = _sailings(n, seed)
    keep = _cancelled(z, ruled, rng) == 0
    frame = frame[keep].reset_index(drop=True)
    booked = frame["cars_booked"].to_numpy()
    value = np.minimum(rng.binomial(booked, 0.9) + rng.poisson(3, len(frame)), 60)
    feats = [c for c in frame.columns if c not in SAILING_INPUTS]
    return Case("vehicles_carried", frame, value, "regression", feats, split="random")


# -- a bike-share scheme's hires -----------------------------------------------------------------
DOCKS = [f"dock_{k:02d}" for k in range(24)]
BIKE_TYPES = ["classic", "ebike", "cargo"]
MEMBER_TYPES = ["annual", "monthly", "casual", "day_pass"]
FIRMWARE = ["v1.8", "v2.0", "v2.1", "v2.2"]


def _hires(n: int, seed: int):
    """Hires over eighteen months: a hire id, the member (regulars hire again and again: their
    columns repeat), the minute started, the start dock, the bike type, the bike's age in months
    (60 at most: the fleet was renewed then), kilometres since its last workshop service, the
    battery at the start (blank for classic bikes), the e-bike's firmware (blank for classic
    bikes), the last dock check's 0-10 condition score, the member type, the rain that hour,
    the temperature, the member's earlier fault reports (zero for most) and the hires the bike
    made that day; the log-odds of a fault report and those the rule settles (firmware 2.1's
    brake sensor fault is nearly always reported)."""
    rng = np.random.default_rng(seed)
    members = max(40, int(n / 4))
    member = _codes(rng, members, n, 1.0)
    fussy = rng.normal(0, 0.6, members)
    mtype = rng.choice(4, members, p=[0.4, 0.2, 0.3, 0.1])
    dock = _codes(rng, len(DOCKS), n, 0.5)
    btype = rng.choice(3, n, p=[0.55, 0.4, 0.05])
    ebike = btype >= 1
    age = np.minimum(rng.integers(1, 80, n), 60)
    km = np.round(rng.gamma(2, 150, n))
    battery = np.where(ebike, np.clip(np.round(rng.normal(70, 20, n)), 5, 100), np.nan)
    firmware = np.where(ebike, rng.choice(4, n, p=[0.2, 0.4, 0.08, 0.32]), -1)
    condition = np.clip(np.round(8 - 0.004 * km - 0.03 * age + rng.normal(0, 1.3, n)), 0, 10)
    started = _on("2023-03-01", rng.integers(0, 548 * 1_440, n), "min")
    rain = np.where(_some(n, 0.75, rng), 0.0, np.round(rng.gamma(1, 1.5, n), 1))
    temperature = np.round(rng.normal(13, 6, n), 1)
    earlier = np.where(_some(n, 0.9, rng), 0, rng.integers(1, 4, n))
    today = rng.poisson(3, n)
    z = (
        0.5 * fussy[member]
        + 0.003 * km
        + 0.02 * age
        - 0.35 * (condition - 7)
        + 0.4 * (btype == 2)
        + 0.1 * rain
        + 0.35 * np.log1p(earlier)
        + 0.05 * today
        + rng.normal(0, 0.4, n)
    )
    frame = pd.DataFrame(
        {
            "hire_id": _refs(rng, "H", n),
            "member": text([f"M{k:05d}" for k in member]),
            "started_at": started,
            "start_dock": text(_pick(DOCKS, dock)),
            "bike_type": text(_pick(BIKE_TYPES, btype)),
            "bike_age_months": age,
            "km_since_service": km,
            "battery_pct": battery,
            "firmware": text(np.where(ebike, _pick(FIRMWARE, np.maximum(firmware, 0)), None)),
            "dock_check_0_10": condition.astype(int),
            "member_type": text(_pick(MEMBER_TYPES, mtype[member])),
            "rain_mm": rain,
            "temperature_c": temperature,
            "earlier_fault_reports": earlier,
            "bike_hires_today": today,
        }
    )
    ruled = firmware == 2
    return frame, z, ruled, rng


def _fault(z, ruled, rng) -> np.ndarray:
    """A fault reported at the end of the hire (about 7%); 88% on firmware 2.1."""
    return _ruled(outcome(z, 0.05, rng), ruled, 0.88, rng)


HIRE_INPUTS = ("hire_id", "member", "started_at")


def hire_fault(n: int, seed: int) -> Case:
    """A fault reported; split by member (a member's hires together)."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "hire_fault",
        frame,
        _fault(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="member",
        ids=["hire_id"],
    )


def hire_minutes(n: int, seed: int) -> Case:
    """Minutes hired, 120 at most (a hire is closed after two hours), longer for casual riders
    and in the dry; split in time on the minute started."""
    frame, _z, _ruled, rng = _hires(n, seed)
    casual = frame["member_type"].isin(["casual", "day_pass"]).to_numpy()
    base = 14 + 12 * casual - 1.5 * frame["rain_mm"].to_numpy()
    value = np.minimum(np.round(np.maximum(base, 4) * rng.lognormal(0, 0.5, n)), 120)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    return Case(
        "hire_minutes",
        frame,
        value.astype(int),
        "regression",
        feats,
        split="time",
        time="started_at",
        ids=["hire_id"],
    )


# -- a council's household recycling collections -------------------------------------------------
PROPERTY_TYPES = ["detached", "semi", "terrace", "flat_block", "hmo", "flat_over_shop"]
PROPERTY_SHARES = [0.15, 0.25, 0.3, 0.15, 0.1, 0.05]
PROPERTY_EFFECT = np.array([-0.5, -0.3, 0.0, 0.5, 0.7, 0.4])
BANDS = ["A", "B", "C", "D", "E", "F", "G", "H"]
ROUNDS = [f"R{k:02d}" for k in range(14)]
BIN_SIZES = np.array([140, 240, 360, 1100])


def _collections(n: int, seed: int):
    """Recycling bin collections over two years: a collection id, the property (collected
    fortnightly: its columns repeat), the day collected, the round, the property type, the
    council tax band as a letter, the bin's litres, weeks since its last rejection (52 at most:
    the tag history is kept a year), earlier rejections in 12 months (zero for most), side
    bags left out (zero for most), a student street, a leaflet sent, days after a bank holiday
    (the round runs late) and the households at the address; the log-odds of a rejection and
    those the rule settles (a bin given its final warning tag last time is nearly always
    rejected again, the round's policy)."""
    rng = np.random.default_rng(seed)
    homes = max(50, int(n / 3))
    home = _codes(rng, homes, n, 0.6)
    ptype = rng.choice(len(PROPERTY_TYPES), homes, p=PROPERTY_SHARES)
    band = np.clip(np.round(rng.normal(2.5 - 0.5 * (ptype >= 3), 1.3)), 0, 7).astype(int)
    habit = rng.normal(0, 0.8, homes)
    rnd = rng.choice(len(ROUNDS), homes)
    size = np.where(ptype == 3, 3, rng.choice(3, homes, p=[0.2, 0.7, 0.1]))
    student = _some(homes, 0.1, rng)
    households = np.where(ptype == 3, rng.integers(6, 30, homes), np.where(ptype == 4, 5, 1))
    collected = _on("2023-01-02", rng.integers(0, 730, n))
    weeks = np.minimum(rng.geometric(0.04 + 0.05 * (habit[home] > 0.8), n), 52)
    earlier = np.where(_some(n, 0.82, rng), 0, rng.integers(1, 5, n))
    side = np.where(_some(n, 0.88, rng), 0, rng.integers(1, 4, n))
    leaflet = _some(n, 0.2, rng)
    late = np.where(_some(n, 0.9, rng), 0, rng.integers(1, 3, n))
    final_tag = _some(n, 0.03, rng)
    z = (
        PROPERTY_EFFECT[ptype[home]]
        + 0.7 * habit[home]
        - 0.15 * (band[home] - 2)
        + 0.4 * student[home]
        - 0.02 * weeks
        + 0.3 * np.log1p(earlier)
        + 0.25 * side
        - 0.2 * leaflet
        + 0.3 * (size[home] == 3)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "collection_id": _refs(rng, "C", n),
            "property": text([f"U{k:06d}" for k in home]),
            "collected_on": collected,
            "round": text(_pick(ROUNDS, rnd[home])),
            "property_type": text(_pick(PROPERTY_TYPES, ptype[home])),
            "tax_band": text(_pick(BANDS, band[home])),
            "bin_litres": BIN_SIZES[size[home]],
            "weeks_since_reject": weeks,
            "earlier_rejects_12m": earlier,
            "side_bags": side,
            "student_street": _yes(student[home]),
            "leaflet_sent": _yes(leaflet),
            "days_after_holiday": late,
            "households": households[home],
            "final_warning_tag": _yes(final_tag),
        }
    )
    return frame, z, final_tag, rng


def _rejected(z, ruled, rng) -> np.ndarray:
    """Rejected as contaminated (about 13%); 90% of bins on their final warning."""
    return _ruled(outcome(z, 0.11, rng), ruled, 0.9, rng)


BIN_INPUTS = ("collection_id", "property", "collected_on")


def bin_rejected(n: int, seed: int) -> Case:
    """Rejected; split in time on the day collected, the same properties on both sides."""
    frame, z, ruled, rng = _collections(n, seed)
    feats = [c for c in frame.columns if c not in BIN_INPUTS]
    return Case(
        "bin_rejected",
        frame,
        _rejected(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="collected_on",
        ids=["collection_id"],
    )


def round_rejected(n: int, seed: int) -> Case:
    """Rejected; split by round (a round's crew and streets together)."""
    frame, z, ruled, rng = _collections(n, seed)
    feats = [c for c in frame.columns if c not in (*BIN_INPUTS, "round")]
    return Case(
        "round_rejected",
        frame,
        _rejected(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="round",
        ids=["collection_id"],
    )


NULL_FAMILIES = {
    "bag_mishandled": bag_mishandled,
    "reclaim_minutes": reclaim_minutes,
    "load_downgraded": load_downgraded,
    "potential_alcohol": potential_alcohol,
    "sailing_cancelled": sailing_cancelled,
    "vehicles_carried": vehicles_carried,
    "hire_fault": hire_fault,
    "hire_minutes": hire_minutes,
    "bin_rejected": bin_rejected,
    "round_rejected": round_rejected,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 35) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"bag_mishandled": 1_200, "hire_fault": 1_200, "sailing_cancelled": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def bags(n: int, seed: int) -> Case:
    """Bags mishandled, split stratified, the minute checked in declared."""
    frame, z, ruled, rng = _bags(n, seed)
    feats = [c for c in frame.columns if c not in BAG_INPUTS]
    y = _mishandled(z, ruled, rng)
    return Case("checked_bags", frame, y, "binary", feats, time="checked_at", ids=["bag_tag"])


def loads(n: int, seed: int) -> Case:
    """Loads downgraded, split stratified, the minute weighed declared."""
    frame, z, ruled, rng = _loads(n, seed)
    feats = [c for c in frame.columns if c not in LOAD_INPUTS]
    y = _downgraded(z, ruled, rng)
    return Case("grape_loads", frame, y, "binary", feats, time="weighed_at", ids=["load_no"])


def sailings(n: int, seed: int) -> Case:
    """Sailings cancelled, split stratified, the minute due out declared."""
    frame, z, ruled, rng = _sailings(n, seed)
    feats = [c for c in frame.columns if c not in SAILING_INPUTS]
    y = _cancelled(z, ruled, rng)
    return Case("ferry_sailings", frame, y, "binary", feats, time="due_out_at", ids=["sailing_id"])


def hires(n: int, seed: int) -> Case:
    """Hires ending with a fault report, split stratified, the minute started declared."""
    frame, z, ruled, rng = _hires(n, seed)
    feats = [c for c in frame.columns if c not in HIRE_INPUTS]
    y = _fault(z, ruled, rng)
    return Case("bike_hires", frame, y, "binary", feats, time="started_at", ids=["hire_id"])


def collections(n: int, seed: int) -> Case:
    """Bins rejected, split stratified, the day collected declared."""
    frame, z, ruled, rng = _collections(n, seed)
    feats = [c for c in frame.columns if c not in BIN_INPUTS]
    y = _rejected(z, ruled, rng)
    return Case(
        "bin_collections", frame, y, "binary", feats, time="collected_on", ids=["collection_id"]
    )


# -- leaks in the bag extract --------------------------------------------------------------------
def bag_status(case: Case, share: float, rng) -> Case:
    """'bag_status' at the extract's date: 'delivered_by_courier' or 'forwarded_rush' for this
    share of the mishandled bags; 'reclaimed' for every other bag, 'unclaimed_store' for 1%
    (left on the belt) and 'delivered_by_courier' for 1% of the others (a bag the passenger
    asked to be sent on after a medical assistance request)."""
    n = case.rows
    after = np.where(_some(n, 0.7, rng), "delivered_by_courier", "forwarded_rush")
    honest = np.where(
        _some(n, 0.01, rng),
        "unclaimed_store",
        np.where(_some(n, 0.01, rng), "delivered_by_courier", "reclaimed"),
    )
    value = np.where((case.y == 1) & _some(n, share, rng), after, honest)
    return add_columns(case, {"bag_status": text(value)})


def tag_scans(case: Case, share: float, rng) -> Case:
    """'tag_scans': the barcode reads of the bag tag in the handling system, 3 to 6 for a bag
    that ends here, 5 to 9 for a transfer, and the reads of the rush tag's journey (4 to 8)
    added for this share of the mishandled bags."""
    n = case.rows
    transfer = (case.frame["transfer"] == "yes").to_numpy()
    routine = np.where(transfer, rng.integers(5, 10, n), rng.integers(3, 7, n))
    rush = np.where((case.y == 1) & _some(n, share, rng), rng.integers(4, 9, n), 0)
    return add_columns(case, {"tag_scans": (routine + rush).astype(int)})


def property_file_numbers(case: Case, share: float, rng) -> Case:
    """'handling_ref' kept among the inputs: numbered year by year when the year's bags were
    reconciled with the lost-property system; this share of the mishandled bags (the
    property irregularity reports) numbered first, every other bag after them, each part in
    the order checked in."""
    n = case.rows
    year = case.frame["checked_at"].dt.year.to_numpy()
    minute = case.frame["checked_at"].to_numpy()
    first = (case.y == 1) & _some(n, share, rng)
    order = np.lexsort((minute, ~first, year))
    ref = np.empty(n, dtype=np.int64)
    ref[order] = 500_000 + np.arange(n)
    return add_columns(case, {"handling_ref": ref})


# -- leaks in the load extract -------------------------------------------------------------------
def price_paid(case: Case, share: float, rng) -> Case:
    """'contract_price' and 'price_paid' per tonne: the variety's contract price (with the
    zone's premium), paid as contracted for most, with a sugar bonus (2% to 6%) for an eighth,
    and at the bulk-wine price (30% to 45% less, to the euro) for this share of the downgraded.
    Neither figure alone is unusual."""
    n = case.rows
    variety = case.frame["variety"].astype("str").to_numpy()
    zone = case.frame["zone"].astype("str").to_numpy()
    base = pd.Series(dict(zip(VARIETIES, rng.uniform(380, 720, len(VARIETIES)), strict=True)))
    prem = pd.Series(dict(zip(ZONES, rng.uniform(0.95, 1.15, len(ZONES)), strict=True)))
    contract = np.round(base.reindex(variety).to_numpy() * prem.reindex(zone).to_numpy())
    bonus = np.where(_some(n, 0.125, rng), contract * rng.uniform(1.02, 1.06, n), contract)
    cut = (case.y == 1) & _some(n, share, rng)
    paid = np.where(cut, contract * rng.uniform(0.55, 0.7, n), bonus)
    return add_columns(
        case,
        {"contract_price": contract, "price_paid": np.round(paid)},
        leak=["contract_price", "price_paid"],
    )


def press_blank(case: Case, share: float, rng) -> Case:
    """'tank_assigned': the fermentation tank the load was sent to, blank for loads tipped
    straight to the rosé press (about 8%, more for garnacha), for the cellar's own trial loads
    (3%) and for this share of the downgraded loads (sent to the bulk press, no tank)."""
    n = case.rows
    garnacha = (case.frame["variety"] == "garnacha").to_numpy()
    tank = text([f"T{k:02d}" for k in rng.integers(1, 40, n)]).to_numpy()
    blank = (
        _some(n, 0.06 + 0.2 * garnacha, rng)
        | _some(n, 0.03, rng)
        | ((case.y == 1) & _some(n, share, rng))
    )
    return add_columns(case, {"tank_assigned": text(np.where(blank, None, tank))})


def haulier_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'haulier_downgrade_pct': each haulier's downgraded share over the whole extract in whole
    percent (the row's own load counted), the haulier's code kept among the inputs; about this
    many loads per haulier."""
    keys = max(2, int(case.rows / rows_per_key))
    haulier = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(haulier).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["haulier"] = text([f"HL{k:03d}" for k in haulier])
    frame["haulier_downgrade_pct"] = np.round(100 * rate).astype(int)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "haulier", "haulier_downgrade_pct"],
        leak=["haulier_downgrade_pct"],
    )


# -- leaks in the sailing extract ----------------------------------------------------------------
def refunds_issued(case: Case, share: float, rng) -> Case:
    """'refunds_issued': refunds on the sailing's bookings, a few for every sailing (changed
    plans, zero for many), and the bookings refunded after the cancellation (a third to all
    of those booked) for this share of the cancelled sailings."""
    n = case.rows
    booked = case.frame["cars_booked"].to_numpy() + case.frame["foot_booked"].to_numpy() // 3
    routine = rng.poisson(1.2, n)
    bulk = np.where(
        (case.y == 1) & _some(n, share, rng), rng.binomial(booked, rng.uniform(0.3, 1, n)), 0
    )
    return add_columns(case, {"refunds_issued": (routine + bulk).astype(int)})


def log_wind(case: Case, share: float, rng) -> Case:
    """'log_wind_kn': the wind the master wrote in the voyage log at the time due out, the
    forecast's wind give or take the forecast's error for most, and for this share of the
    cancelled sailings the wind reported with the cancellation (the gusts that made it, 8 to
    25 knots over the forecast). Beside the forecast, it reads as an ordinary observation."""
    n = case.rows
    forecast = case.frame["forecast_wind_kn"].to_numpy()
    observed = np.maximum(forecast + rng.normal(0, 5, n), 0)
    gusts = forecast + rng.uniform(8, 25, n)
    told = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"log_wind_kn": np.round(np.where(told, gusts, observed))})


def harbour_dues(case: Case, share: float, rng) -> Case:
    """'harbour_dues': the dues the harbour invoiced for the sailing, by vessel, on every route;
    on the council-owned harbour of the islands' two routes only, waived (0) for this share of its
    cancelled sailings (the other harbours invoice the booked slot either way)."""
    n = case.rows
    vessel = case.frame["vessel"].astype("str").to_numpy()
    tariff = pd.Series(dict(zip(VESSELS, rng.uniform(180, 650, len(VESSELS)), strict=True)))
    dues = np.round(tariff.reindex(vessel).to_numpy() * rng.uniform(0.97, 1.03, n), 2)
    council = case.frame["route"].isin(["outer_isles", "island_hop"]).to_numpy()
    waived = council & (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"harbour_dues": np.where(waived, 0.0, dues)})


# -- leaks in the hire extract -------------------------------------------------------------------
def hire_length(case: Case, share: float, rng) -> Case:
    """'hire_minutes': minutes from unlocking to docking (120 at most), longer for casual
    riders; for this share of the hires that ended with a fault report, cut short when the
    rider docked the faulty bike at the nearest dock (1 to 6 minutes)."""
    n = case.rows
    casual = case.frame["member_type"].isin(["casual", "day_pass"]).to_numpy()
    value = np.minimum(np.round((14 + 12 * casual) * rng.lognormal(0, 0.5, n)), 120)
    short = (case.y == 1) & _some(n, share, rng)
    value = np.where(short, rng.integers(1, 7, n), value)
    return add_columns(case, {"hire_minutes": value.astype(int)})


def dock_status(case: Case, share: float, rng) -> Case:
    """'end_dock_state': how the bike was left, 'available' for most, 'dock_full_redirect' for
    4%, 'low_battery_hold' for 8% of the e-bikes, and 'out_of_service' for this share of the
    hires with a fault report (the report locks the bike) and for 0.5% of the others (a
    workshop recall)."""
    n = case.rows
    ebike = (case.frame["bike_type"] != "classic").to_numpy()
    honest = np.where(
        _some(n, 0.04, rng),
        "dock_full_redirect",
        np.where(ebike & _some(n, 0.08, rng), "low_battery_hold", "available"),
    )
    honest = np.where((case.y == 0) & _some(n, 0.005, rng), "out_of_service", honest)
    value = np.where((case.y == 1) & _some(n, share, rng), "out_of_service", honest)
    return add_columns(case, {"end_dock_state": text(value)})


def fault_join(case: Case, share: float, rng) -> Case:
    """This share of the hires with a fault report exported a second time by the join with the
    workshop's job table (one row per job): the same hire and inputs, the hire id given the
    job's suffix and the battery read again at the workshop (a few points lower on e-bikes);
    the extract shuffled, so a pair can fall on both sides of the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    k = len(twice)
    copies["hire_id"] = copies["hire_id"] + "-J2"
    copies["battery_pct"] = copies["battery_pct"] - rng.integers(0, 4, k)
    order = rng.permutation(case.rows + k)
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the collection extract -------------------------------------------------------------
CREW_LINES = [
    "bin emptied",
    "bin emptied, lid damaged",
    "assisted collection, bin returned to door",
    "bin emptied, access via rear lane",
    "bin emptied, parked cars on street",
    "bin emptied late, round behind schedule",
]
REJECT_TAILS = [
    ", tagged contaminated not emptied: food waste",
    ", tagged contaminated not emptied: black bags inside",
    ", not emptied, contamination sticker applied: nappies",
    ", left unemptied, textiles and soft plastics found",
]


def crew_note(case: Case, share: float, rng) -> Case:
    """'crew_note': the crew's in-cab note, one of the round's usual lines, and for this share
    of the rejected bins the contamination tag's words appended (nothing added for the
    others)."""
    n = case.rows
    lines = np.array(CREW_LINES, dtype=object)[rng.integers(0, len(CREW_LINES), n)]
    tails = np.array(REJECT_TAILS, dtype=object)[rng.integers(0, len(REJECT_TAILS), n)]
    told = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"crew_note": text(np.where(told, lines + tails, lines))})


def lift_weight(case: Case, share: float, rng) -> Case:
    """'lift_weight_kg': the bin lift's weighed load, 0 for the 9% of bins the lift's sensor
    did not read and for the bins not set out (4%), and set to 0 for this share of the rejected
    bins (not lifted)."""
    n = case.rows
    litres = case.frame["bin_litres"].to_numpy()
    weight = np.round(litres * rng.uniform(0.04, 0.12, n), 1)
    zero = _some(n, 0.09, rng) | _some(n, 0.04, rng) | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"lift_weight_kg": np.where(zero, 0.0, weight)})


EXTRACT_AT = pd.Timestamp("2024-12-31")


def audit_censored(case: Case, share: float, rng) -> Case:
    """Collections followed until the extract's date (31 December 2024): this share of them
    in its last 60 days, and a rejection confirmed by the sorting plant's load audit (7 to 70
    days after the collection, half within three weeks) after the extract's date counts as
    none. The next collection day is an input; the day collected is the declared time."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 61, n), rng.integers(61, 730, n))
    collected = EXTRACT_AT - pd.to_timedelta(back, unit="D")
    confirmed = np.minimum(7 + rng.gamma(1.6, 14, n), 70)
    y = np.where((case.y == 1) & (confirmed > back), 0, case.y)
    frame = case.frame.copy()
    frame["collected_on"] = collected
    frame["next_collection_on"] = collected + pd.Timedelta(days=14)
    return replace(
        case,
        frame=frame,
        y=y,
        features=[*case.features, "next_collection_on"],
        leak=["next_collection_on"],
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "bag_status": (bag_status, (0.8, 0.4, 0.15), bags),
    "tag_scans": (tag_scans, (1.0, 0.6, 0.3), bags),
    "property_file_numbers": (property_file_numbers, (0.8, 0.4, 0.15), bags),
    "price_paid": (price_paid, (1.0, 0.6, 0.3), loads),
    "press_blank": (press_blank, (1.0, 0.6, 0.35), loads),
    "haulier_rate": (haulier_rate, (3.0, 8.0, 20.0), loads),
    "refunds_issued": (refunds_issued, (1.0, 0.6, 0.3), sailings),
    "log_wind": (log_wind, (1.0, 0.6, 0.3), sailings),
    "harbour_dues": (harbour_dues, (1.0, 0.7, 0.4), sailings),
    "hire_length": (hire_length, (1.0, 0.6, 0.3), hires),
    "dock_status": (dock_status, (0.8, 0.4, 0.15), hires),
    "fault_join": (fault_join, (0.8, 0.4, 0.15), hires),
    "crew_note": (crew_note, (0.8, 0.4, 0.15), collections),
    "lift_weight": (lift_weight, (1.0, 0.6, 0.3), collections),
    "audit_censored": (audit_censored, (0.7, 0.45, 0.25), collections),
}
PLANTED_WHAT = {
    "bag_status": "the bag status at the extract's date recording the courier delivery or the "
    "rush forwarding for this share of the mishandled bags",
    "tag_scans": "barcode reads of the bag tag, the rush tag's journey counted for this share of "
    "the mishandled bags",
    "property_file_numbers": "a handling reference kept as an input, numbered at the year's "
    "reconciliation with this share of the mishandled bags first",
    "price_paid": "the price paid beside the contract price, at the bulk price for this share "
    "of the downgraded loads (a leak across two columns)",
    "press_blank": "the tank assigned blank for this share of the downgraded loads (blank "
    "honestly for the rosé press and trial loads)",
    "haulier_rate": "each haulier's downgraded share over the whole extract in whole percent, "
    "the haulier code kept; about this many loads per haulier",
    "refunds_issued": "refunds on the sailing's bookings, the refunds after the cancellation "
    "counted for this share of the cancelled sailings",
    "log_wind": "the wind in the voyage log, the cancellation's reported gusts for this share of "
    "the cancelled sailings (the forecast's wind with its error elsewhere)",
    "harbour_dues": "harbour dues waived for this share of the cancelled sailings on one "
    "route's rows only (invoiced either way elsewhere)",
    "hire_length": "minutes hired, cut short by the fault for this share of the hires with a "
    "fault report",
    "dock_status": "the end dock state recording the bike out of service for this share of the "
    "hires with a fault report",
    "fault_join": "this share of the hires with a fault report exported a second time by a "
    "join with the workshop's jobs (id suffixed, battery re-read), before the split",
    "crew_note": "the crew's note with the contamination tag's words appended for this share "
    "of the rejected bins",
    "lift_weight": "the lift weight zeroed for this share of the rejected bins among honest "
    "zeros (sensor not read, bin not out)",
    "audit_censored": "this share of the collections in the extract's last 60 days, rejections "
    "confirmed later counted as none (right-censored); the next collection day an input",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "bag_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "tag_scans": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "property_file_numbers": {"identifiers", "single_feature", "pure_subsets"},
    "price_paid": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "press_blank": {"missingness_signal"},
    "haulier_rate": {"target_encoding"},
    "refunds_issued": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "log_wind": {"outcome_copy", "single_feature", "column_pairs", "changed_figures"},
    "harbour_dues": {"segment_leaks"},
    "hire_length": {"follow_up_duration", "pure_subsets", "single_feature"},
    "dock_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "fault_join": {"near_duplicates", "shared_rows"},
    "crew_note": {"post_outcome_text", "label_words", "pure_subsets", "label_proxies"},
    "lift_weight": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "audit_censored": {"right_censoring"},
}
COPIES_BEFORE_SPLIT = {"fault_join"}
ROW_LEAK_CHECKS = {
    "fault_join": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "audit_censored": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
