"""The fifteenth generation of the leakage calibration, kept aside: written and committed before
it was first run, with seeds of its own (31,000 and up). Other domains and shapes than every
family before it: a motoring organisation's breakdown call-outs that end in a tow, a driving-test
centre's candidates passing the practical test, a beekeepers' association's hives lost over the
winter, an estate agency's agreed sales that fall through before completion and a translation
agency's jobs sent back by the client for rework — null families of realistic shapes with the
honest confusers consultants meet in such extracts, and leaks planted in a call-out extract, a
test extract, a hive extract, a sales extract and a job extract by generators of their own,
each graded by three strengths.

The fourteenth generation (benchmarks/calibration_fourteenth.py) is written for the round after
the thirteenth's; this one is for the round after that and is not registered yet.
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


# -- a motoring organisation's breakdown call-outs ---------------------------------------------
REGIONS = ["scotland", "north", "midlands", "wales", "east", "london", "south_east", "south_west"]
REGION_SHARES = [0.09, 0.17, 0.15, 0.06, 0.11, 0.14, 0.16, 0.12]
MAKES = ["ford", "vauxhall", "volkswagen", "toyota", "nissan", "bmw", "audi", "peugeot", "kia"]
MAKES += ["hyundai", "mercedes", "renault", "tesla", "other"]
MAKE_SHARES = [0.13, 0.11, 0.12, 0.09, 0.07, 0.07, 0.06, 0.06, 0.06, 0.05, 0.05, 0.05, 0.02, 0.06]
FAULTS = ["battery", "flat_tyre", "engine", "electrical", "clutch_gearbox", "cooling", "fuel"]
FAULTS += ["keys", "accident", "out_of_charge"]
FAULT_SHARES = [0.27, 0.16, 0.13, 0.1, 0.06, 0.06, 0.06, 0.08, 0.05, 0.03]
FAULT_EFFECT = np.array([-1.3, -0.5, 0.9, 0.1, 1.7, 0.6, -0.2, -2.6, 1.6, 0.0])
LOCATIONS = ["home", "street", "car_park", "roadside", "motorway_hard_shoulder", "live_lane"]
LOCATION_EFFECT = np.array([-0.4, 0.0, -0.1, 0.3, 0.7, 0.0])
COVERS = ["roadside", "national", "onward_travel"]
FUELS = ["petrol", "diesel", "hybrid", "electric"]
CALLER_WORDS = {
    "battery": ["wont", "start", "clicking", "dashboard", "dead", "cold", "morning", "lights"],
    "flat_tyre": ["tyre", "flat", "puncture", "nail", "no", "spare", "wheel", "locking", "nut"],
    "engine": ["engine", "noise", "knocking", "smoke", "power", "loss", "limp", "mode"],
    "electrical": ["warning", "lights", "flickering", "alternator", "dashboard", "windows"],
    "clutch_gearbox": ["clutch", "pedal", "floor", "gears", "grinding", "stuck", "neutral"],
    "cooling": ["overheating", "steam", "coolant", "temperature", "gauge", "leaking"],
    "fuel": ["wrong", "fuel", "diesel", "petrol", "ran", "out", "empty", "tank"],
    "keys": ["keys", "locked", "inside", "car", "lost", "fob", "not", "working"],
    "accident": ["collision", "bumper", "damage", "hit", "kerb", "wheel", "bent", "other"],
    "out_of_charge": ["battery", "zero", "range", "charger", "not", "working", "miles"],
}
EXTRA_WORDS = ["children", "in", "car", "elderly", "passenger", "dark", "raining", "busy", "road"]


def _callouts(n: int, seed: int):
    """Breakdown call-outs (2023 and 2024): a call reference, the member (a few call often: the
    member's columns repeat on each call), the minute of the call, the region, the vehicle's
    make, fuel and age in years (20 at most: older registrations are keyed as 20), the odometer
    in miles (blank when the caller did not know), the fault the caller reported, where the car
    stands, the cover level, years a member (15 at most: the membership system's records begin
    in 2009), call-outs in the last 12 months (zero for most), a warning light on (blank when
    not asked), the call handler's 0-10 fix-at-the-roadside score from the triage script, the
    arrival time quoted (180 minutes at most: the dispatch screen's scale), passengers, a
    caravan or trailer, and the caller's description as typed by the handler; the log-odds of a
    tow and the cars the rules settle (a live motorway lane is always cleared by recovery, an
    electric car out of charge is nearly always taken to a charger)."""
    rng = np.random.default_rng(seed)
    members = max(50, int(n / 1.4))
    m = _codes(rng, members, n, 0.9)
    region = rng.choice(len(REGIONS), members, p=REGION_SHARES)[m]
    make = rng.choice(len(MAKES), members, p=MAKE_SHARES)[m]
    fuel = rng.choice(4, members, p=[0.55, 0.3, 0.1, 0.05])[m]
    fuel = np.where(make == 12, 3, fuel)
    age = np.minimum(np.round(rng.gamma(2.6, 3.2, members)), 20).astype(int)[m]
    odometer = np.round(age * rng.lognormal(np.log(8_500), 0.35, n) + rng.integers(0, 3_000, n))
    years = np.minimum(np.round(rng.exponential(7, members), 1), 15.0)[m]
    cover = rng.choice(3, members, p=[0.45, 0.35, 0.2])[m]
    fault = rng.choice(len(FAULTS), n, p=FAULT_SHARES)
    fault = np.where((fuel != 3) & (fault == 9), 0, fault)
    fault = np.where((fuel == 3) & (fault == 6), 9, fault)
    location = rng.choice(len(LOCATIONS), n, p=[0.38, 0.22, 0.15, 0.15, 0.085, 0.015])
    called = _on("2023-01-01", rng.integers(0, 730 * 24 * 60, n), "min")
    hour = called.hour.to_numpy()
    night = (hour >= 22) | (hour < 6)
    winter = np.isin(called.month.to_numpy(), [12, 1, 2])
    fault = np.where(winter & (fault == 5) & _some(n, 0.5, rng), 0, fault)
    earlier = np.where(rng.random(n) < 0.68, 0, 1 + rng.poisson(0.7 + 0.05 * age, n))
    light_asked = ~np.isin(fault, [1, 7]) & _some(n, 0.8, rng)
    light = (rng.random(n) < np.where(np.isin(fault, [2, 3, 5]), 0.7, 0.2)) & light_asked
    caravan = _some(n, 0.04, rng)
    z = (
        FAULT_EFFECT[fault]
        + LOCATION_EFFECT[location]
        + 0.07 * age
        + 0.25 * np.log1p(earlier)
        + 0.5 * light
        + 0.6 * caravan
        + 0.3 * night
        + 0.15 * (cover == 2)
        + rng.normal(0, 0.25, len(REGIONS))[region]
        + rng.normal(0, 0.5, n)
    )
    fixability = np.clip(np.round(6 - 1.3 * FAULT_EFFECT[fault] + rng.normal(0, 1.6, n)), 0, 10)
    eta = np.minimum(5 * np.round(rng.gamma(3, 14 + 10 * night, n) / 5) + 10, 180).astype(int)
    pools = [CALLER_WORDS[FAULTS[f]] for f in fault]
    notes = _prose(rng, pools, rng.integers(3, 7, n))
    notes = [
        f"{note} {' '.join(rng.choice(EXTRA_WORDS, 2))}" if extra else note
        for note, extra in zip(notes, _some(n, 0.15, rng), strict=True)
    ]
    frame = pd.DataFrame(
        {
            "call_ref": text([f"BD{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "member": text([f"MB{k:06d}" for k in m]),
            "called_at": called,
            "region": text(_pick(REGIONS, region)),
            "make": text(_pick(MAKES, make)),
            "fuel": text(_pick(FUELS, fuel)),
            "vehicle_age_years": age,
            "odometer_miles": np.where(_some(n, 0.3, rng), np.nan, odometer),
            "fault_reported": text(_pick(FAULTS, fault)),
            "location": text(_pick(LOCATIONS, location)),
            "cover": text(_pick(COVERS, cover)),
            "years_a_member": years,
            "callouts_12m": earlier,
            "warning_light": text(np.where(light_asked, np.where(light, "yes", "no"), None)),
            "fixability_0_10": fixability.astype(int),
            "eta_quoted_min": eta,
            "passengers": rng.choice(5, n, p=[0.45, 0.3, 0.13, 0.08, 0.04]),
            "towing_caravan": _yes(caravan),
            "caller_note": text(notes),
        }
    )
    ruled = (location == 5) | ((fault == 9) & _some(n, 0.9, rng))
    return frame, z, ruled, fault, rng


def _towed(z, ruled, rng) -> np.ndarray:
    """Towed to a garage, home or a charger (about 30%); 97% of those a rule settles."""
    return _ruled(outcome(z, 0.28, rng), ruled, 0.97, rng)


CALLOUT_INPUTS = ("call_ref", "member", "called_at")


def callout_towed(n: int, seed: int) -> Case:
    """Towed (about 30%); split in time on the call, members' columns repeating across it."""
    frame, z, ruled, _, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    return Case(
        "callout_towed",
        frame,
        _towed(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="called_at",
        ids=["call_ref"],
    )


def minutes_on_scene(n: int, seed: int) -> Case:
    """Minutes the patrol spent at the car, whole minutes, 120 at most (the job timer asks the
    patrol to call in and closes the job's clock): longer for tows and engine faults."""
    frame, z, ruled, fault, rng = _callouts(n, seed)
    towed = _towed(z, ruled, rng)
    base = np.array([18, 25, 40, 35, 30, 30, 45, 12, 35, 20])[fault]
    minutes = np.minimum(np.round(base * rng.lognormal(0, 0.45, n) + 22 * towed), 120)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    return Case(
        "minutes_on_scene",
        frame,
        minutes.astype(int),
        "regression",
        feats,
        split="random",
        ids=["call_ref"],
    )


# -- a driving-test centre network's practical tests -------------------------------------------
CENTRE_KINDS = ["city", "town", "rural", "suburban"]
TRANSMISSIONS = ["manual", "automatic"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]
SLOTS = np.array([7 * 60 + 30, 8 * 60 + 40, 9 * 60 + 47, 11 * 60 + 4, 13 * 60, 14 * 60 + 7])
SLOTS = np.concatenate([SLOTS, [15 * 60 + 14]])
SLOT_EFFECT = np.array([0.15, -0.25, 0.0, 0.05, 0.0, -0.2, -0.15])


def _tests(n: int, seed: int):
    """Practical driving tests (2023 and 2024): a booking reference, the candidate (a failed
    candidate books again: their columns repeat on each attempt), the test's slot, the centre
    and its kind, the examiner, the candidate's age, hours of lessons and of private practice as
    declared at booking (private practice not asked by the online form: blank for many), the
    instructor (blank for those learning with family only), the instructor's 1-5 mock-test grade
    (blank without an instructor or a mock; a 1 is 'not ready' and nearly always fails), the
    theory test's scores (43-50 and 44-75: only those who passed may book), months since the
    theory test (24 at most: the certificate expires), the attempt's number, the transmission,
    the candidate's own car, the weekday; the tests, the log-odds of a pass and the attempt."""
    rng = np.random.default_rng(seed)
    centres = 24
    people = int(n / 1.15)
    centre = _codes(rng, centres, people, 0.5)
    kind = rng.choice(4, centres, p=[0.35, 0.3, 0.15, 0.2])
    examiner = centre * 5 + rng.integers(0, 5, people)
    skill = rng.normal(0, 1, people)
    age = np.clip(np.round(17 + rng.exponential(5, people)), 17, 72).astype(int)
    lessons = np.round(np.clip(rng.gamma(4, 10, people) + 4 * skill, 2, 150) / 2) * 2
    private = np.round(np.clip(rng.gamma(1.5, 12, people), 0, 200))
    taught = rng.random(people) < 0.88
    theory = np.clip(np.round(47 + 1.2 * skill + rng.normal(0, 1.4, people)), 43, 50)
    hazard = np.clip(np.round(60 + 5 * skill + rng.normal(0, 6, people)), 44, 75)
    auto = rng.random(people) < 0.2 + 0.1 * (age > 30)
    own = rng.random(people) < 0.25
    start = rng.integers(0, 700, people)
    theory_lag = rng.integers(20, 700, people)
    day = start.copy()
    alive = np.ones(people, bool)
    centre_eff = rng.normal(0, 0.35, centres)
    examiner_eff = rng.normal(0, 0.25, centres * 5)
    tests = []
    for a in range(1, 6):
        s = rng.integers(0, len(SLOTS), people)
        mock = np.clip(np.round(3.2 + 1.1 * skill + 0.3 * a + rng.normal(0, 0.7, people)), 1, 5)
        z = (
            1.1 * skill
            + 0.01 * np.minimum(lessons, 80)
            + 0.004 * np.minimum(private, 100)
            - 0.015 * (age - 25)
            + 0.25 * (a - 1)
            + 0.3 * auto
            + centre_eff[centre]
            + examiner_eff[examiner]
            + SLOT_EFFECT[s]
            + np.where(kind[centre] == 2, 0.4, 0.0)
        )
        p = 1 / (1 + np.exp(-(z - 0.2)))
        y = (rng.random(people) < p).astype(int)
        y = np.where(taught & (mock == 1) & _some(people, 0.96, rng), 0, y)
        lag = np.minimum(day - start + theory_lag, 9_999)
        tests.append(
            pd.DataFrame(
                {
                    "person": np.flatnonzero(alive),
                    "day": day[alive],
                    "slot": s[alive],
                    "attempt": a,
                    "mock": mock[alive],
                    "lag": lag[alive],
                    "z": z[alive],
                    "y": y[alive],
                }
            )
        )
        gap = rng.integers(25, 110, people)
        alive = alive & (y == 0) & (rng.random(people) < 0.82)
        day = day + gap
        if not alive.any():
            break
    t = pd.concat(tests, ignore_index=True)
    t = t[t["day"] < 730].sort_values(["day", "slot"], kind="stable").head(n)
    t = t.reset_index(drop=True)
    n = len(t)
    p = t["person"].to_numpy()
    months = np.minimum(np.floor(t["lag"].to_numpy() / 30.4), 24).astype(int)
    has_mock = taught[p] & _some(n, 0.75, rng)
    instructors = max(20, people // 14)
    instructor = _codes(rng, instructors, people, 0.9)
    at = (
        pd.Timestamp("2023-01-02")
        + pd.to_timedelta(t["day"].to_numpy(), unit="D")
        + pd.to_timedelta(SLOTS[t["slot"].to_numpy()], unit="min")
    )
    frame = pd.DataFrame(
        {
            "booking_ref": text([f"DT{k}" for k in rng.choice(90_000_000, n, replace=False)]),
            "candidate": text([f"C{k:07d}" for k in p + 4_000_000]),
            "test_at": at,
            "centre": text([f"TC{c:02d}" for c in centre[p]]),
            "centre_kind": text(_pick(CENTRE_KINDS, kind[centre[p]])),
            "examiner": text([f"EX{e:03d}" for e in examiner[p]]),
            "weekday": text(_pick(WEEKDAYS, np.minimum(at.dayofweek.to_numpy(), 5))),
            "age": age[p],
            "lesson_hours": np.where(_some(n, 0.08, rng), np.nan, lessons[p]),
            "private_practice_hours": np.where(_some(n, 0.45, rng), np.nan, private[p]),
            "instructor": text(
                np.where(
                    taught[p],
                    _pick([f"ADI{i:04d}" for i in range(instructors)], instructor[p]),
                    None,
                )
            ),
            "mock_grade_1_5": np.where(has_mock, t["mock"].to_numpy(), np.nan),
            "theory_score_50": theory[p].astype(int),
            "hazard_score_75": hazard[p].astype(int),
            "months_since_theory": months,
            "attempt_no": t["attempt"].to_numpy(),
            "transmission": text(_pick(TRANSMISSIONS, auto[p].astype(int))),
            "own_car": _yes(own[p]),
        }
    )
    return frame, t["y"].to_numpy(), t["z"].to_numpy(), skill[p], rng


TEST_INPUTS = ("booking_ref", "candidate", "test_at")


def test_passed(n: int, seed: int) -> Case:
    """Passed (about 48%); split in time on the test's slot, a candidate's earlier attempts in
    training and the later ones in the holdout."""
    frame, y, _, _, _ = _tests(n, seed)
    feats = [c for c in frame.columns if c not in TEST_INPUTS]
    return Case(
        "test_passed",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="test_at",
        ids=["booking_ref"],
    )


def driving_faults(n: int, seed: int) -> Case:
    """Driving faults marked on the sheet (a count: zero for a few, a long tail), split by
    centre."""
    frame, y, _, skill, rng = _tests(n, seed)
    count = rng.poisson(np.exp(1.9 - 0.35 * skill - 0.5 * y + rng.normal(0, 0.3, len(y))))
    feats = [c for c in frame.columns if c not in (*TEST_INPUTS, "centre")]
    return Case(
        "driving_faults",
        frame,
        count,
        "regression",
        feats,
        split="group",
        group="centre",
        ids=["booking_ref"],
    )


# -- a beekeepers' association's hives going into winter ---------------------------------------
DISTRICTS = ["north_dales", "vale", "coast", "city", "forest", "moor", "river"]
HIVE_TYPES = ["national", "national_14x12", "langstroth", "poly_national", "top_bar", "warre"]
HIVE_TYPES += ["nucleus"]
HIVE_SHARES = [0.42, 0.12, 0.1, 0.12, 0.06, 0.04, 0.14]
HIVE_TARE = np.array([22.0, 25.0, 24.0, 12.0, 30.0, 20.0, 9.0])
ORIGINS = ["own_split", "caught_swarm", "bought_nucleus", "package", "overwintered"]
QUEEN_AGES = ["this_year", "one_year", "two_years", "three_plus", "unknown"]
TREATMENTS = ["none", "oxalic", "formic", "thymol", "amitraz"]
FORAGE = ["mixed", "arable", "urban", "heather", "orchard"]
AUTUMN_WORDS = ["queenright", "calm", "brood", "stores", "good", "capped", "pollen", "eggs"]
AUTUMN_WORDS += ["fed", "fondant", "mouse", "guard", "on", "wasps", "heavy", "light"]
WORRY_WORDS = ["chalkbrood", "few", "bees", "no", "eggs", "seen", "deformed", "wings", "patchy"]


def _hives(n: int, seed: int):
    """Members' hives at the autumn check (2021 to 2024, one row a hive a winter): a hive id,
    the apiary (the group a beekeeper's hives share) and its beekeeper, the district, the
    winter, the hive type (a nucleus box on few frames), the colony's origin, the queen's age
    as words, queenright at the last inspection (a queenless colony nearly never survives), the
    frames of bees and the stores in kg, the hive's weight on the scale, the mite drop a day
    (zero for many, blank without a varroa board), the varroa treatment and its day (blank
    without one), syrup fed in litres (zero for many), the keeper's years (30 at most: the
    association's register begins in 1994), inspections in the season, swarmed in the season,
    the forage, the altitude, the association inspector's 1-5 autumn strength and the keeper's
    note at the last inspection; the log-odds of a loss and the colonies a rule settles."""
    rng = np.random.default_rng(seed)
    apiaries = max(25, n // 6)
    a = _codes(rng, apiaries, n, 0.7)
    keepers = max(15, int(apiaries / 1.4))
    keeper = rng.integers(0, keepers, apiaries)
    district = rng.choice(len(DISTRICTS), apiaries, p=[0.3, 0.16, 0.13, 0.12, 0.11, 0.09, 0.09])
    forage = rng.choice(len(FORAGE), apiaries, p=[0.4, 0.2, 0.2, 0.1, 0.1])
    altitude = np.round(rng.gamma(2, 90, apiaries) + 160 * (district == 5))
    skill_k = rng.normal(0, 1, keepers)
    years_k = np.minimum(np.round(rng.exponential(7, keepers)), 30).astype(int)
    kind = rng.choice(len(HIVE_TYPES), n, p=HIVE_SHARES)
    frames = np.clip(np.round(rng.normal(np.where(kind == 6, 4, 8), 2.0, n)), 1, 12)
    frames = np.where(kind == 6, np.minimum(frames, 5), frames)
    stores = np.round(np.clip(rng.normal(14 + 1.2 * frames - 6 * (kind == 6), 5, n), 1, 35), 1)
    weight = np.round(HIVE_TARE[kind] + stores + 0.25 * frames + rng.normal(0, 1.5, n), 1)
    origin = rng.choice(len(ORIGINS), n, p=[0.3, 0.15, 0.15, 0.05, 0.35])
    queen = rng.choice(len(QUEEN_AGES), n, p=[0.35, 0.3, 0.15, 0.07, 0.13])
    queenless = _some(n, 0.045, rng)
    treatment = rng.choice(len(TREATMENTS), n, p=[0.14, 0.38, 0.14, 0.2, 0.14])
    treated_day = np.where(treatment == 0, -1, rng.integers(200, 320, n))
    mites = np.where(
        rng.random(n) < 0.35, 0, np.round(rng.lognormal(0.6 + 0.6 * (treatment == 0), 0.9, n), 1)
    )
    board = _some(n, 0.7, rng)
    syrup = np.where(rng.random(n) < 0.45, 0.0, np.round(rng.gamma(2, 4, n), 1))
    winter = rng.integers(2021, 2025, n)
    apiary_eff = rng.normal(0, 0.35, apiaries)
    winter_eff = np.array([0.0, 0.4, -0.2, 0.2])[winter - 2021]
    z = (
        -0.3 * (frames - 8)
        - 0.09 * (stores - 16)
        + 0.35 * np.log1p(mites)
        + 0.6 * (treatment == 0)
        + 0.25 * (treated_day > 280)
        + 0.35 * (queen == 3)
        + 0.25 * (origin == 1)
        - 0.35 * skill_k[keeper[a]]
        - 0.012 * years_k[keeper[a]]
        + 0.002 * altitude[a]
        + 0.4 * (forage[a] == 1)
        + apiary_eff[a]
        + winter_eff
        + rng.normal(0, 0.4, n)
    )
    strength = np.clip(np.round(3 + 0.3 * (frames - 8) - 0.35 * z + rng.normal(0, 0.6, n)), 1, 5)
    worried = z + rng.normal(0, 1, n) > 1.4
    pools = [WORRY_WORDS + AUTUMN_WORDS if w else AUTUMN_WORDS for w in worried]
    notes = _prose(rng, pools, rng.integers(3, 8, n))
    frame = pd.DataFrame(
        {
            "hive_id": text([f"H{k}" for k in rng.choice(900_000, n, replace=False) + 10**5]),
            "apiary": text([f"AP{k:04d}" for k in a]),
            "beekeeper": text([f"BK{k:04d}" for k in keeper[a]]),
            "district": text(_pick(DISTRICTS, district[a])),
            "winter": text([f"{w}-{w + 1 - 2000}" for w in winter]),
            "hive_type": text(_pick(HIVE_TYPES, kind)),
            "origin": text(_pick(ORIGINS, origin)),
            "queen_age": text(_pick(QUEEN_AGES, queen)),
            "queenright": _yes(~queenless),
            "frames_of_bees": frames.astype(int),
            "stores_kg": stores,
            "hive_weight_kg": weight,
            "mite_drop_per_day": np.where(board, mites, np.nan),
            "varroa_treatment": text(_pick(TREATMENTS, treatment)),
            "treated_on": pd.Series(
                pd.to_datetime(winter.astype(str)) + pd.to_timedelta(treated_day, unit="D")
            ).where(treated_day >= 0),
            "syrup_litres": syrup,
            "keeper_years": years_k[keeper[a]],
            "inspections_season": rng.poisson(7 + 2 * skill_k[keeper[a]].clip(-2, 2)),
            "swarmed": _yes(_some(n, 0.12, rng)),
            "forage": text(_pick(FORAGE, forage[a])),
            "altitude_m": altitude[a].astype(int),
            "autumn_strength_1_5": strength.astype(int),
            "autumn_note": text(notes),
        }
    )
    ruled = queenless | ((kind == 6) & (frames < 4))
    return frame, z, ruled, frames, rng


def _lost(z, ruled, rng) -> np.ndarray:
    """Dead or gone by the spring (about 22%); 92% of the queenless and tiny nuclei."""
    return _ruled(outcome(z, 0.2, rng), ruled, 0.92, rng)


HIVE_INPUTS = ("hive_id", "apiary", "beekeeper")


def hive_lost(n: int, seed: int) -> Case:
    """Lost over the winter; split by apiary, the keeper's columns shared across apiaries."""
    frame, z, ruled, _, rng = _hives(n, seed)
    feats = [c for c in frame.columns if c not in HIVE_INPUTS]
    return Case(
        "hive_lost",
        frame,
        _lost(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="apiary",
        ids=["hive_id"],
    )


def honey_harvest(n: int, seed: int) -> Case:
    """Honey taken the next summer from the hives that survived, kg to one decimal: zero for
    the colonies left unsupered to build up (many), a long tail otherwise."""
    frame, z, ruled, frames, rng = _hives(n, seed)
    alive = _lost(z, ruled, rng) == 0
    frame, frames, z = frame[alive].reset_index(drop=True), frames[alive], z[alive]
    m = len(frame)
    supered = rng.random(m) < 1 / (1 + np.exp(-(0.5 * (frames - 6) - 0.6 * z)))
    forage = frame["forage"].map({"heather": 1.4, "orchard": 1.2, "arable": 1.3}).fillna(1.0)
    mean = 2.6 * frames * forage.to_numpy() * np.exp(-0.3 * z)
    kg = np.where(supered, np.round(rng.gamma(5, mean / 5), 1), 0.0)
    feats = [c for c in frame.columns if c not in HIVE_INPUTS]
    return Case("honey_harvest", frame, kg, "regression", feats, split="random", ids=["hive_id"])


# -- an estate agency's agreed sales -----------------------------------------------------------
BRANCHES = ["high_street", "old_town", "riverside", "northgate", "westfield", "harbour"]
BRANCHES += ["lettings_hub", "village", "new_homes"]
PROPERTY_TYPES = ["flat", "terraced", "semi", "detached", "bungalow", "maisonette"]
TENURES = ["freehold", "leasehold", "share_of_freehold"]
POSITIONS = ["first_time", "chain_sold", "chain_not_on_market", "cash", "investor", "relocating"]
POSITION_EFFECT = np.array([0.0, 0.4, 1.6, -0.8, -0.3, 0.3])
EPC = ["A", "B", "C", "D", "E", "F", "G"]
PACKAGES = ["standard", "fixed_fee_upfront"]
NEGOTIATOR_WORDS = ["buyer", "keen", "viewed", "twice", "offer", "accepted", "asking", "price"]
NEGOTIATOR_WORDS += ["chain", "solicitor", "instructed", "mortgage", "broker", "survey"]
NEGOTIATOR_WORDS += ["booked", "vendor", "happy", "moving", "schools", "garden", "parking"]
DOUBT_WORDS = ["nervous", "first", "time", "needs", "sale", "of", "own", "valuation", "risk"]


def _sales(n: int, seed: int):
    """Sales agreed (sale agreed subject to contract, 2022 to 2024) and followed for six months:
    a sale reference, the branch, the day agreed, the property's type, tenure and years left on
    a lease (blank for freeholds; 999 for the long ones), bedrooms, the EPC band (A-G, ordinal as
    letters), the asking and the agreed price, days on the market before the offer (365 at most:
    the portal feed restarts a listing after a year), viewings and offers, the buyer's position,
    a mortgage agreed in principle and the deposit (blank for cash buyers), the chain below
    (zero for most), a probate sale, the agency's panel solicitor, the fee package, proof of
    funds checked (cash buyers with it nearly never withdraw), the target day to exchange set at
    agreement and the negotiator's note written at agreement; the log-odds of a fall-through."""
    rng = np.random.default_rng(seed)
    branch = rng.choice(len(BRANCHES), n, p=[0.16, 0.12, 0.12, 0.12, 0.12, 0.1, 0.06, 0.1, 0.1])
    kind = rng.choice(len(PROPERTY_TYPES), n, p=[0.24, 0.25, 0.22, 0.14, 0.08, 0.07])
    flat = np.isin(kind, [0, 5])
    tenure = np.where(flat, rng.choice([1, 2], n, p=[0.85, 0.15]), (rng.random(n) < 0.04) * 1)
    lease = np.where(
        tenure == 1,
        np.where(rng.random(n) < 0.25, 999, np.round(rng.uniform(55, 140, n))),
        np.nan,
    )
    beds = np.clip(rng.poisson(np.where(flat, 1.2, 2.4), n) + (kind == 3), 1, 6)
    asking = np.round(np.exp(rng.normal(12.2 + 0.18 * beds - 0.2 * flat, 0.28)) / 5_000) * 5_000
    ratio = np.clip(rng.normal(0.97, 0.035, n), 0.82, 1.12)
    agreed = np.round(asking * ratio / 500) * 500
    market = np.minimum(np.round(rng.lognormal(3.6, 0.8, n)), 365).astype(int)
    viewings = 1 + rng.poisson(np.clip(9 - 0.02 * market, 1, 12))
    offers = 1 + rng.binomial(viewings, 0.12)
    position = rng.choice(len(POSITIONS), n, p=[0.32, 0.27, 0.1, 0.14, 0.09, 0.08])
    cash = np.isin(position, [3, 4]) & (rng.random(n) < np.where(position == 3, 1.0, 0.6))
    mip = np.where(cash, None, np.where(rng.random(n) < 0.82, "yes", "no"))
    deposit = np.where(cash, np.nan, np.round(np.clip(rng.gamma(2.5, 5, n), 5, 60)))
    deposit = np.where((position == 0) & ~cash, np.minimum(deposit, 25), deposit)
    chain = np.where(np.isin(position, [1, 2, 5]), 1 + rng.poisson(0.9, n), 0)
    epc = np.clip(np.round(rng.normal(3.1, 1.0, n)), 0, 6).astype(int)
    probate = _some(n, 0.06, rng)
    panel = _some(n, 0.45, rng)
    package = (rng.random(n) < 0.14).astype(int)
    proof = cash & _some(n, 0.6, rng)
    day = rng.integers(0, 1_000, n)
    z = (
        POSITION_EFFECT[position]
        + 0.25 * np.log1p(chain)
        + 0.8 * (mip == "no")
        - 0.02 * np.nan_to_num(deposit - 15)
        + 5 * (ratio - 0.97)
        + 0.5 * (np.nan_to_num(lease, nan=999) < 80)
        + 0.35 * probate
        - 0.3 * panel
        + 0.12 * (epc - 3)
        + 0.002 * (market - 40)
        - 0.1 * np.log(offers)
        + rng.normal(0, 0.2, len(BRANCHES))[branch]
        + rng.normal(0, 0.4, n)
    )
    doubt = z + rng.normal(0, 1, n) > 1.3
    pools = [DOUBT_WORDS + NEGOTIATOR_WORDS if d else NEGOTIATOR_WORDS for d in doubt]
    frame = pd.DataFrame(
        {
            "sale_ref": text([f"SA{k}" for k in rng.choice(900_000, n, replace=False) + 10**5]),
            "branch": text(_pick(BRANCHES, branch)),
            "agreed_on": _on("2022-01-03", day),
            "property_type": text(_pick(PROPERTY_TYPES, kind)),
            "tenure": text(_pick(TENURES, tenure)),
            "lease_years_left": lease,
            "bedrooms": beds,
            "epc_band": text(_pick(EPC, epc)),
            "asking_price": asking,
            "agreed_price": agreed,
            "days_on_market": market,
            "viewings": viewings,
            "offers": offers,
            "buyer_position": text(_pick(POSITIONS, position)),
            "mortgage_in_principle": text(mip),
            "deposit_pct": deposit,
            "chain_below": chain,
            "probate": _yes(probate),
            "panel_solicitor": _yes(panel),
            "fee_package": text(_pick(PACKAGES, package)),
            "proof_of_funds": _yes(proof),
            "target_exchange_on": _on("2022-01-03", day + rng.integers(8, 15, n) * 7),
            "negotiator_note": text(_prose(rng, pools, rng.integers(4, 9, n))),
        }
    )
    return frame, z, proof, rng


def _fall_through(z, proof, rng) -> np.ndarray:
    """Fell through within six months (about 26%); 3% of cash buyers with proof of funds."""
    return _spared(outcome(z, 0.26, rng), proof, 0.03, rng)


SALE_INPUTS = ("sale_ref", "agreed_on")


def sale_fell_through(n: int, seed: int) -> Case:
    """Fell through; split stratified, the day agreed declared, the target day an input."""
    frame, z, proof, rng = _sales(n, seed)
    feats = [c for c in frame.columns if c not in SALE_INPUTS]
    return Case(
        "sale_fell_through",
        frame,
        _fall_through(z, proof, rng),
        "binary",
        feats,
        time="agreed_on",
        ids=["sale_ref"],
    )


def sale_result(n: int, seed: int) -> Case:
    """Completed within 16 weeks, completed later, or fell through (three classes)."""
    frame, z, proof, rng = _sales(n, seed)
    fell = _fall_through(z, proof, rng)
    weeks = rng.gamma(6, 2.4, n) * np.exp(0.15 * z) + 2 * frame["chain_below"].to_numpy()
    y = np.where(fell == 1, 2, (weeks > 16).astype(int))
    feats = [c for c in frame.columns if c not in SALE_INPUTS]
    return Case("sale_result", frame, y, "multiclass", feats, time="agreed_on", ids=["sale_ref"])


# -- a translation agency's jobs ---------------------------------------------------------------
SECTORS = ["legal", "pharma", "marketing", "software", "finance", "public", "publishing"]
SECTOR_EFFECT = np.array([0.1, 0.3, 0.6, -0.2, 0.0, -0.3, 0.2])
PAIRS = ["en-de", "en-fr", "en-es", "de-en", "fr-en", "en-it", "en-nl", "en-pl", "en-ja"]
PAIRS += ["en-zh", "en-ko", "en-ar", "en-pt_br", "ja-en", "en-tr", "en-sv"]
PAIR_SHARES = np.array([14, 12, 10, 9, 7, 7, 5, 5, 5, 5, 3, 3, 5, 4, 3, 3], float)
PAIR_EFFECT = np.array([0, 0, 0, -0.1, -0.1, 0, 0, 0.1, 0.5, 0.4, 0.4, 0.4, 0.1, 0.3, 0.2, 0])
FORMATS = ["docx", "xlsx", "pdf_text", "pdf_scanned", "indesign", "html", "xliff"]
FORMAT_EFFECT = np.array([0.0, 0.1, 0.2, 0.6, 0.3, 0.2, -0.2])
BRIEF_WORDS = ["please", "translate", "attached", "for", "website", "contract", "manual"]
BRIEF_WORDS += ["launch", "deadline", "use", "glossary", "previous", "tone", "formal", "update"]
BRIEF_WORDS += ["urgent", "press", "release", "leaflet", "terms", "conditions", "labels"]


def _jobs(n: int, seed: int):
    """Translation jobs ordered in 2023 and 2024: a job number, the client (repeat clients: its
    columns repeat on each job) and its sector, the order's minute, the language pair (many
    levels), the words, the translation memory's match (0 for new clients and new content), the
    days given (20 at most: the portal's calendar) and the words a day they ask for, the
    translator, their years (25 at most:
    the vendor database began in 1999) and whether the target is their native language, a
    second-linguist review, the client's in-country review loop (its reviewers nearly always
    send changes back: a second round is part of the contract), the source file's format, a
    style guide (blank where none was sent), the client's 1-5 rating of its previous job
    (blank for a first job), the client's earlier jobs and earlier reworks (zero for most), the
    price a word in pence and the client's brief; the log-odds of a rework."""
    rng = np.random.default_rng(seed)
    clients = max(30, n // 9)
    c = _codes(rng, clients, n, 1.2)
    sector = rng.choice(len(SECTORS), clients, p=[0.18, 0.12, 0.2, 0.2, 0.12, 0.1, 0.08])
    fussy = rng.normal(0, 0.6, clients)
    loop = rng.random(clients) < 0.07
    guide = rng.random(clients) < 0.4
    pair = rng.choice(len(PAIRS), n, p=PAIR_SHARES / PAIR_SHARES.sum())
    words = np.round(np.exp(rng.normal(7.3, 1.0, n)) + 50).astype(int)
    ordered = _on("2023-01-02", rng.integers(0, 730 * 24 * 60, n), "min")
    order = np.argsort(ordered.to_numpy(), kind="stable")
    seen = np.zeros(n, int)
    seen[order] = pd.Series(c[order]).groupby(c[order]).cumcount().to_numpy()
    earlier = np.minimum(seen + rng.poisson(2, clients)[c] * (rng.random(clients) < 0.5)[c], 200)
    reworks = rng.binomial(earlier, np.clip(0.08 + 0.08 * fussy[c], 0.01, 0.4))
    memory = np.where(
        (earlier == 0) | (rng.random(n) < 0.3), 0, np.round(rng.beta(2, 2, n) * 100)
    ).astype(int)
    days = np.minimum(np.maximum(1, np.round(words / 2_000 * rng.lognormal(0.3, 0.5, n))), 20)
    translators = max(15, n // 30)
    t = _codes(rng, translators, n, 0.7)
    t_years = np.minimum(np.round(rng.exponential(8, translators)), 25).astype(int)
    t_skill = rng.normal(0, 0.4, translators)
    native = rng.random(translators) < 0.85
    review = _some(n, 0.55, rng)
    fmt = rng.choice(len(FORMATS), n, p=[0.45, 0.1, 0.12, 0.06, 0.07, 0.08, 0.12])
    pressure = words / np.maximum(days, 1) / 2_500
    rating = np.clip(np.round(4.1 - 0.8 * fussy[c] + rng.normal(0, 0.7, n)), 1, 5)
    z = (
        SECTOR_EFFECT[sector[c]]
        + PAIR_EFFECT[pair]
        + FORMAT_EFFECT[fmt]
        + fussy[c]
        + 0.5 * np.log1p(np.minimum(pressure, 4))
        + 0.2 * np.log(words / 1_500)
        - 0.005 * memory
        - 0.5 * review
        - t_skill[t]
        - 0.6 * native[t]
        - 0.02 * t_years[t]
        + 0.3 * np.log1p(reworks)
        - 0.3 * guide[c]
        + rng.normal(0, 0.4, n)
    )
    price = np.round(8 + 3 * (PAIR_EFFECT[pair] > 0.2) + 2 * (sector[c] == 0) + rng.normal(0, 1, n))
    frame = pd.DataFrame(
        {
            "job_no": text([f"J{k}" for k in rng.choice(900_000, n, replace=False) + 10**5]),
            "client": text([f"CL{k:04d}" for k in c]),
            "sector": text(_pick(SECTORS, sector[c])),
            "ordered_at": ordered,
            "language_pair": text(_pick(PAIRS, pair)),
            "words": words,
            "memory_match_pct": memory,
            "days_given": days.astype(int),
            "words_a_day_needed": np.round(words / days).astype(int),
            "translator": text([f"TR{k:03d}" for k in t]),
            "translator_years": t_years[t],
            "native_target": _yes(native[t]),
            "second_linguist": _yes(review),
            "in_country_review": _yes(loop[c]),
            "source_format": text(_pick(FORMATS, fmt)),
            "style_guide": text(np.where(guide[c], "yes", None)),
            "last_job_rating_1_5": np.where(earlier == 0, np.nan, rating),
            "client_earlier_jobs": earlier,
            "client_earlier_reworks": reworks,
            "price_pence_per_word": np.clip(price, 5, 20),
            "client_brief": text(_prose(rng, [BRIEF_WORDS] * n, rng.integers(4, 10, n))),
        }
    )
    return frame, z, loop[c], pressure, rng


def _reworked(z, loop, rng) -> np.ndarray:
    """Sent back for rework within the acceptance window (about 16%); 88% of the jobs under a
    client's in-country review loop."""
    return _ruled(outcome(z, 0.14, rng), loop, 0.88, rng)


JOB_INPUTS = ("job_no", "ordered_at")


def job_reworked(n: int, seed: int) -> Case:
    """Reworked; split in time on the order, the client's columns repeating across the split."""
    frame, z, loop, _, rng = _jobs(n, seed)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    return Case(
        "job_reworked",
        frame,
        _reworked(z, loop, rng),
        "binary",
        feats,
        split="time",
        time="ordered_at",
        ids=["job_no"],
    )


def days_late(n: int, seed: int) -> Case:
    """Working days the delivery came after the deadline: zero for most, a few days for some,
    10 at most (a job ten days late is taken back and reassigned, its lateness no longer kept)."""
    frame, z, _, pressure, rng = _jobs(n, seed)
    scanned = (frame["source_format"] == "pdf_scanned").to_numpy()
    push = 0.6 + 3.4 * np.log(np.maximum(pressure, 0.05)) + 0.15 * z + 1.2 * scanned
    late = rng.random(n) < 1 / (1 + np.exp(-push))
    value = np.where(late, np.round(rng.gamma(4, 0.2 + 0.8 * np.minimum(pressure, 3))) + 1, 0)
    value = np.minimum(value, 10)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    return Case("days_late", frame, value, "regression", feats, split="random", ids=["job_no"])


NULL_FAMILIES = {
    "callout_towed": callout_towed,
    "minutes_on_scene": minutes_on_scene,
    "test_passed": test_passed,
    "driving_faults": driving_faults,
    "hive_lost": hive_lost,
    "honey_harvest": honey_harvest,
    "sale_fell_through": sale_fell_through,
    "sale_result": sale_result,
    "job_reworked": job_reworked,
    "days_late": days_late,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 31) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"hive_lost": 1_200, "job_reworked": 1_200, "honey_harvest": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def callouts(n: int, seed: int) -> Case:
    """Call-outs towed, split stratified, the call's minute declared."""
    frame, z, ruled, _, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    y = _towed(z, ruled, rng)
    return Case("callouts", frame, y, "binary", feats, time="called_at", ids=["call_ref"])


def tests(n: int, seed: int) -> Case:
    """Practical tests passed, split stratified, the slot declared."""
    frame, y, _, _, _ = _tests(n, seed)
    feats = [c for c in frame.columns if c not in TEST_INPUTS]
    return Case("driving_tests", frame, y, "binary", feats, time="test_at", ids=["booking_ref"])


def hives(n: int, seed: int) -> Case:
    """Hives lost over the winter, split stratified."""
    frame, z, ruled, _, rng = _hives(n, seed)
    feats = [c for c in frame.columns if c not in HIVE_INPUTS]
    return Case("hives", frame, _lost(z, ruled, rng), "binary", feats, ids=["hive_id"])


def sales(n: int, seed: int) -> Case:
    """Agreed sales that fell through, split stratified, the day agreed declared."""
    frame, z, proof, rng = _sales(n, seed)
    feats = [c for c in frame.columns if c not in SALE_INPUTS]
    y = _fall_through(z, proof, rng)
    return Case("agreed_sales", frame, y, "binary", feats, time="agreed_on", ids=["sale_ref"])


def jobs(n: int, seed: int) -> Case:
    """Translation jobs reworked, split stratified, the order's minute declared."""
    frame, z, loop, _, rng = _jobs(n, seed)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    y = _reworked(z, loop, rng)
    return Case("translation_jobs", frame, y, "binary", feats, time="ordered_at", ids=["job_no"])


# -- leaks in the call-out extract --------------------------------------------------------------
def recovery_legs(case: Case, share: float, rng) -> Case:
    """This share of the towed call-outs exported a second time as the recovery leg: the same
    member, car and answers under a new call reference, the minute of the truck's dispatch 20
    to 90 minutes after the call and the recovery's own arrival time quoted; the extract
    shuffled, so a pair can fall on both sides of the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    k = len(twice)
    copies["call_ref"] = text([f"RC{v}" for v in rng.choice(9_000_000, k, replace=False) + 10**6])
    copies["called_at"] = copies["called_at"] + pd.to_timedelta(rng.integers(20, 91, k), "min")
    copies["eta_quoted_min"] = np.minimum(5 * rng.integers(8, 37, k), 180)
    order = rng.permutation(case.rows + k)
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


def vehicles_sent(case: Case, share: float, rng) -> Case:
    """'vehicles_dispatched' as the job closed: the patrol, a second patrol for a few jobs (one
    diverted to a priority call, a van sent for a heavy car), and the recovery truck (a second
    one for some caravans) for this share of the towed call-outs."""
    n = case.rows
    caravan = (case.frame["towing_caravan"] == "yes").to_numpy()
    routine = 1 + _some(n, 0.09, rng)
    truck = ((case.y == 1) & _some(n, share, rng)) * (1 + (caravan & _some(n, 0.5, rng)))
    return add_columns(case, {"vehicles_dispatched": (routine + truck).astype(int)})


def job_numbers(case: Case, share: float, rng) -> Case:
    """'job_no' kept among the inputs: numbered in the order of the calls, except this share of
    the towed call-outs, numbered again from the recovery contractor's block when the job was
    handed over (in the order of their calls too)."""
    n = case.rows
    order = np.argsort(case.frame["called_at"].to_numpy(), kind="stable")
    back = np.argsort(order)
    handed = (case.y == 1) & _some(n, share, rng)
    own = 4_100_000 + np.cumsum(rng.integers(1, 4, n))[back]
    moved = 7_300_000 + np.cumsum(handed[order] * rng.integers(1, 3, n))[back]
    return add_columns(case, {"job_no": np.where(handed, moved, own)})


# -- leaks in the test extract ------------------------------------------------------------------
def faults_marked(case: Case, auc: float, rng) -> Case:
    """'driving_faults_marked': the minor faults the examiner marked on the sheet, written
    during the test that the outcome is decided by: fewer for a pass, as strong as this AUC."""
    value = separation(auc) * (1 - case.y) + rng.normal(0, 1, case.rows)
    return add_columns(case, {"driving_faults_marked": np.maximum(np.round(5 + 2.4 * value), 0)})


def instructor_record(case: Case, rows_per_key: float, rng) -> Case:
    """'instructor_record': each instructor's passes over the whole extract as words ('7 of
    11'), the row's own test counted, the instructor's code kept; blank without an instructor;
    about this many tests per instructor."""
    frame = case.frame.copy()
    taught = frame["instructor"].notna().to_numpy()
    keys = max(2, int(taught.sum() / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.6)
    y = pd.Series(case.y)
    passes_t = y[taught].groupby(code[taught]).sum().reindex(range(keys), fill_value=0)
    taken_t = y[taught].groupby(code[taught]).size().reindex(range(keys), fill_value=0)
    passes, taken = passes_t.to_numpy()[code], taken_t.to_numpy()[code]
    record = np.array([f"{p} of {t}" for p, t in zip(passes, taken, strict=True)], dtype=object)
    frame["instructor"] = text(np.where(taught, [f"ADI{k:04d}" for k in code], None))
    frame["instructor_record"] = text(np.where(taught, record, None))
    return replace(
        case,
        frame=frame,
        features=[*case.features, "instructor_record"],
        leak=["instructor_record"],
    )


def licence_status(case: Case, share: float, rng) -> Case:
    """'licence_status' at the extract's date: 'full' for this share of those who passed (the
    licensing agency's update came through); 'provisional' or 'provisional_renewed' for
    everyone else, and 'full' for 1% of the others (passed a later test elsewhere)."""
    n = case.rows
    routine = rng.choice(["provisional", "provisional_renewed"], n, p=[0.85, 0.15])
    full = ((case.y == 1) & _some(n, share, rng)) | ((case.y == 0) & _some(n, 0.01, rng))
    return add_columns(case, {"licence_status": text(np.where(full, "full", routine))})


# -- leaks in the hive extract ------------------------------------------------------------------
def brood_blank(case: Case, share: float, rng) -> Case:
    """'brood_frames_april': frames with brood at the April inspection, blank where the apiary
    was not inspected by the middle of April (about a third, by weather and keeper) and for
    this share of the lost colonies (a dead-out: nothing to count, left blank)."""
    n = case.rows
    frames = case.frame["frames_of_bees"].to_numpy()
    value = np.clip(np.round(0.55 * frames + rng.normal(0, 1.3, n)), 1, 9)
    apiary = case.frame["apiary"].astype("str").to_numpy()
    skipped = pd.Series(rng.random(len(set(apiary))) < 0.33, index=sorted(set(apiary)))
    blank = skipped.reindex(apiary).to_numpy() | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"brood_frames_april": np.where(blank, np.nan, value)})


def spring_weight(case: Case, share: float, rng) -> Case:
    """'hive_weight_feb_kg': the hive on the scale in February, beside its autumn weight: a
    living colony eats 7 to 16 kg of its stores, while this share of the lost ones, dead early
    in the winter, lost 1 to 5 kg (a few robbed out lost more). Neither weight alone is out of
    the ordinary: hive bodies differ by 20 kg."""
    n = case.rows
    autumn = case.frame["hive_weight_kg"].to_numpy()
    eaten = rng.uniform(7, 16, n)
    early = (case.y == 1) & _some(n, share, rng)
    dead = np.where(_some(n, 0.12, rng), rng.uniform(14, 24, n), rng.uniform(1, 5, n))
    weight = np.round(np.maximum(autumn - np.where(early, dead, eaten), 5), 1)
    return add_columns(case, {"hive_weight_feb_kg": weight})


def district_strength(case: Case, share: float, rng) -> Case:
    """'last_visit_strength_1_5': the association inspector's latest strength score. In the
    north dales (under a third of the hives), for this share of their rows, the spring visit
    after the winter (1 for a dead-out, 2 to 5 for the living); elsewhere the autumn score,
    the same as 'autumn_strength_1_5'."""
    n = case.rows
    dales = (case.frame["district"] == "north_dales").to_numpy()
    autumn = case.frame["autumn_strength_1_5"].to_numpy()
    spring = np.where(case.y == 1, 1, rng.choice([2, 3, 4, 5], n, p=[0.1, 0.4, 0.35, 0.15]))
    value = np.where(dales & _some(n, share, rng), spring, autumn)
    return add_columns(case, {"last_visit_strength_1_5": value.astype(int)})


# -- leaks in the sales extract -----------------------------------------------------------------
EXTRACT_ON = pd.Timestamp("2024-10-01")


def censored_sales(case: Case, share: float, rng) -> Case:
    """Sales followed until the extract's date (1 October 2024), not for their whole course:
    this share of the sales was agreed in its last year, and those whose fall-through (two
    weeks to a year after agreement, most in the first six months) came after the
    extract's date are still live in it, counted as going through. The target day to exchange
    (8 to 14 weeks after agreement) is an input; the day agreed is the declared time."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(7, 366, n), rng.integers(366, 1_100, n))
    agreed = EXTRACT_ON - pd.to_timedelta(back, unit="D")
    fall = np.minimum(14 + np.round(rng.gamma(1.8, 70, n)), 365)
    y = np.where((case.y == 1) & (fall > back), 0, case.y)
    frame = case.frame.copy()
    frame["agreed_on"] = agreed
    frame["target_exchange_on"] = agreed + pd.to_timedelta(rng.integers(8, 15, n) * 7, unit="D")
    return replace(case, frame=frame, y=y, leak=["target_exchange_on"])


def commission_zeroed(case: Case, share: float, rng) -> Case:
    """'commission_due' in pounds and pence: the branch's rate (1% to 1.5% plus VAT) of the
    agreed price, filled in at agreement; 0 for the fixed fees paid upfront (about a seventh)
    and set to 0 by the branch's administrator for this share of the fallen-through sales."""
    n = case.rows
    branch = case.frame["branch"].astype("str").to_numpy()
    rate = pd.Series(rng.choice([0.01, 0.0125, 0.015], len(BRANCHES)), index=BRANCHES)
    due = np.round(case.frame["agreed_price"].to_numpy() * rate[branch].to_numpy() * 1.2, 2)
    upfront = (case.frame["fee_package"] == "fixed_fee_upfront").to_numpy()
    zeroed = upfront | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"commission_due": np.where(zeroed, 0.0, due)})


def record_touched(case: Case, share: float, rng) -> Case:
    """'last_updated_on': the day the sale's record was last changed. For this share of the
    fallen-through sales, the day it was marked fallen through (one to sixteen weeks after
    agreement); for every other sale, completion's paperwork 12 to 26 weeks after agreement,
    or a routine edit any day in the ten months after it (a fifth)."""
    n = case.rows
    completion = rng.integers(84, 183, n)
    edit = rng.integers(0, 300, n)
    routine = np.where(_some(n, 0.2, rng), edit, completion)
    fell = rng.integers(7, 113, n)
    lag = np.where((case.y == 1) & _some(n, share, rng), fell, routine)
    touched = case.frame["agreed_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"last_updated_on": touched.to_numpy()})


# -- leaks in the job extract -------------------------------------------------------------------
def client_rework_pct(case: Case, rows_per_key: float, rng) -> Case:
    """'client_rework_pct': each client's rework share over the whole extract in whole percent
    (the row's own job counted), the client's code kept; about this many jobs per client."""
    keys = max(2, int(case.rows / rows_per_key))
    client = _codes(rng, keys, case.rows, 0.9)
    rate = pd.Series(case.y.astype(float)).groupby(client).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["client"] = text([f"CL{k:04d}" for k in client])
    frame["client_rework_pct"] = np.round(100 * rate).astype(int)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "client_rework_pct"],
        leak=["client_rework_pct"],
    )


PM_LINES = [
    "files delivered via the client portal",
    "delivered on time, invoice raised",
    "tm updated after delivery",
    "glossary terms added to the termbase",
    "qa check passed, final files sent",
    "po number received, invoice raised",
    "formatting checked against the source",
    "client confirmed receipt",
    "delivered early, tm cleaned",
    "translator and reviewer files merged",
    "bilingual file archived",
    "delivered, awaiting po",
]
REWORK_LINES = [
    "client returned comments, revised version redelivered",
    "second round: corrections from client reviewer implemented",
    "rework requested by client, translator revised and redelivered",
    "client feedback on terminology, changes made and resent",
    "complaint about style, sections retranslated and redelivered",
]


def pm_note(case: Case, share: float, rng) -> Case:
    """'pm_note': the project manager's note on the job, from the office's usual lines (they
    repeat); for this share of the reworked jobs a line about the rework appended after it (a
    line about client comments that needed no change after 2% of the others)."""
    n = case.rows
    lines = np.array(PM_LINES, dtype=object)[rng.integers(0, len(PM_LINES), n)]
    rework = np.array(REWORK_LINES, dtype=object)[rng.integers(0, len(REWORK_LINES), n)]
    reworked = (case.y == 1) & _some(n, share, rng)
    thanked = (case.y == 0) & _some(n, 0.02, rng)
    value = np.where(
        reworked,
        lines + "; " + rework,
        np.where(thanked, lines + "; client comments received, no change needed", lines),
    )
    return add_columns(case, {"pm_note": text(value)})


def acceptance_clock(case: Case, share: float, rng) -> Case:
    """'days_on_acceptance_clock': days from the delivery until the client's acceptance window
    closed (14, 30 or 45 days by the client's contract), or, for this share of the reworked
    jobs, until the client asked for the rework (mostly in the first week)."""
    n = case.rows
    client = case.frame["client"].astype("str").to_numpy()
    names = sorted(set(client))
    window = pd.Series(rng.choice([14, 30, 45], len(names), p=[0.3, 0.5, 0.2]), index=names)
    days = window.reindex(client).to_numpy()
    asked = np.minimum(1 + np.round(rng.exponential(5, n)), days - 1)
    value = np.where((case.y == 1) & _some(n, share, rng), asked, days)
    return add_columns(case, {"days_on_acceptance_clock": value.astype(int)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "recovery_legs": (recovery_legs, (0.6, 0.3, 0.12), callouts),
    "vehicles_sent": (vehicles_sent, (1.0, 0.5, 0.25), callouts),
    "job_numbers": (job_numbers, (1.0, 0.4, 0.1), callouts),
    "faults_marked": (faults_marked, (0.95, 0.8, 0.68), tests),
    "instructor_record": (instructor_record, (2.5, 5.0, 10.0), tests),
    "licence_status": (licence_status, (0.8, 0.3, 0.1), tests),
    "brood_blank": (brood_blank, (1.0, 0.6, 0.3), hives),
    "spring_weight": (spring_weight, (1.0, 0.6, 0.3), hives),
    "district_strength": (district_strength, (1.0, 0.6, 0.35), hives),
    "censored_sales": (censored_sales, (0.5, 0.3, 0.15), sales),
    "commission_zeroed": (commission_zeroed, (1.0, 0.4, 0.15), sales),
    "record_touched": (record_touched, (1.0, 0.5, 0.25), sales),
    "client_rework_pct": (client_rework_pct, (3.0, 8.0, 20.0), jobs),
    "pm_note": (pm_note, (0.8, 0.4, 0.2), jobs),
    "acceptance_clock": (acceptance_clock, (1.0, 0.4, 0.12), jobs),
}
PLANTED_WHAT = {
    "recovery_legs": "this share of the towed call-outs exported a second time as the recovery "
    "leg (new reference, dispatch minutes later, the recovery's arrival time), before the split",
    "vehicles_sent": "vehicles dispatched, the recovery truck counted for this share of the "
    "towed call-outs",
    "job_numbers": "a job number kept as an input, from the recovery contractor's block for "
    "this share of the towed call-outs (in call order elsewhere)",
    "faults_marked": "the minor faults marked on the test sheet, as strong as this AUC",
    "instructor_record": "each instructor's passes over the whole extract as words ('7 of 11'), "
    "the instructor code kept; about this many tests per instructor",
    "licence_status": "the licence status at the extract's date, 'full' for this share of those "
    "who passed",
    "brood_blank": "brood frames at the April inspection blank for this share of the lost "
    "colonies (blank honestly for apiaries not yet inspected)",
    "spring_weight": "the hive's February weight beside its autumn weight, little of the stores "
    "eaten for this share of the lost colonies (a leak across two columns)",
    "district_strength": "the inspector's latest strength score from the spring visit in this "
    "share of one district's rows (the autumn score elsewhere)",
    "censored_sales": "this share of the sales agreed in the extract's last year, later "
    "fall-throughs counted as going through (right-censored); the target exchange day an input",
    "commission_zeroed": "the commission due zeroed for this share of the fallen-through sales "
    "(honestly 0 for fixed fees paid upfront)",
    "record_touched": "the record's last update on the day the sale was marked fallen through "
    "for this share of them, completion or routine edits for the others",
    "client_rework_pct": "each client's rework share over the whole extract in whole percent, "
    "the client code kept; about this many jobs per client",
    "pm_note": "a rework line appended to the project manager's note for this share of the "
    "reworked jobs",
    "acceptance_clock": "days on the acceptance clock, ended by the rework request for this "
    "share of the reworked jobs, the client's full window for the others",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "recovery_legs": {"near_duplicates", "shared_rows"},
    "vehicles_sent": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "job_numbers": {"identifiers", "single_feature", "pure_subsets"},
    "faults_marked": {"outcome_copy", "single_feature", "pure_subsets"},
    "instructor_record": {"target_encoding"},
    "licence_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "brood_blank": {"missingness_signal"},
    "spring_weight": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "district_strength": {"segment_leaks"},
    "censored_sales": {"right_censoring"},
    "commission_zeroed": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "record_touched": {"time_order"},
    "client_rework_pct": {"target_encoding"},
    "pm_note": {"post_outcome_text", "label_words", "pure_subsets", "label_proxies"},
    "acceptance_clock": {"follow_up_duration", "pure_subsets", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"recovery_legs"}
ROW_LEAK_CHECKS = {
    "recovery_legs": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "censored_sales": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
