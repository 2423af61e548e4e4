"""The sixteenth generation of the leakage calibration, kept aside: written and committed before
it was first run, with seeds of its own (33,000 and up). Other domains and shapes than every
family before it: a fire and rescue service's automatic fire alarm calls at which the crews find
a real fire, a hospital laboratory's blood samples rejected at reception, a research funder's
grant applications funded, a distribution centre's orders shipped with a picking error and a bus
operator's vehicles failing their annual roadworthiness test at the first presentation — null
families of realistic shapes with the honest confusers consultants meet in such extracts, and
leaks planted in an alarm-call extract, a sample extract, an application extract, an order
extract and a bus-test extract by generators of their own, each graded by three strengths.

The fourteenth generation (benchmarks/calibration_fourteenth.py) is the kept-aside set of the
round in which this one was written; this one may join it or wait for a later round, and is not
registered yet.
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


def _sigmoid(z) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


# -- a fire and rescue service's automatic fire alarm calls -------------------------------------
STATIONS = ["central", "northgate", "riverside", "east_hill", "westmoor", "harbour", "airport"]
STATIONS += ["valley"]
PREMISES_TYPES = ["care_home", "hospital", "school", "office", "sheltered_flats", "hotel"]
PREMISES_TYPES += ["factory", "shop", "student_halls", "telecare_home"]
PREMISES_SHARES = [0.13, 0.07, 0.1, 0.12, 0.11, 0.07, 0.09, 0.1, 0.12, 0.09]
PREMISES_EFFECT = np.array([0.1, -0.7, -0.4, -0.5, 0.3, -0.2, 0.8, 0.4, -1.0, 0.7])
SLEEPING = np.array([1, 1, 0, 0, 1, 1, 0, 0, 1, 1], bool)
DETECTORS = ["optical_smoke", "ionisation", "heat", "multi_sensor", "beam", "call_point"]
DETECTOR_EFFECT = np.array([0.0, -0.2, 0.7, 0.3, 0.2, -0.5])
SOURCES = ["alarm_centre", "occupier", "public_999", "telecare"]
CALL_WORDS = ["alarm", "sounding", "panel", "zone", "kitchen", "toaster", "steam", "shower"]
CALL_WORDS += ["contractor", "testing", "no", "smell", "evacuated", "staff", "investigating"]
CALL_WORDS += ["reset", "fault", "corridor", "bedroom", "floor", "second", "ground", "unknown"]
SMOKE_WORDS = ["smoke", "seen", "smell", "burning", "hazy", "fumes", "plastic"]


def _alarms(n: int, seed: int):
    """Calls from automatic fire alarms (2022 to 2024): an incident number, the premises (many
    call again and again: their columns repeat on each call), the call's minute, the station
    area, the premises' type, its alarm system's age (25 years at most: the register of systems
    began in 1999) and detector type, the floors, a sleeping risk, who called (an alarm centre,
    the occupier, a passer-by on 999, a telecare centre), whether the caller confirmed smoke or
    fire when challenged (blank where nobody was there to ask: confirmed calls are nearly always
    real), false alarms from the premises in the last 12 months (zero for many, dozens for a
    few), the fire safety audit's 1-5 grade (blank for premises never audited), pumps sent by
    the predetermined attendance, minutes for the first pump to arrive (30 at most: the
    attendance clock stops there), and the control room's note of the call; the log-odds of a
    real fire and those the challenge settles."""
    rng = np.random.default_rng(seed)
    premises = max(40, n // 4)
    p = _codes(rng, premises, n, 1.1)
    ptype = rng.choice(len(PREMISES_TYPES), premises, p=PREMISES_SHARES)
    station = rng.choice(len(STATIONS), premises, p=[0.2, 0.14, 0.14, 0.12, 0.1, 0.1, 0.08, 0.12])
    system_age = np.minimum(np.round(rng.gamma(2.2, 5, premises)), 25).astype(int)
    detector = rng.choice(len(DETECTORS), premises, p=[0.42, 0.12, 0.14, 0.18, 0.06, 0.08])
    floors = np.clip(np.round(rng.lognormal(0.8, 0.6, premises)), 1, 22).astype(int)
    floors = np.where(ptype == 9, 1, floors)
    proneness = rng.lognormal(0, 1.0, premises) * np.where(np.isin(ptype, [0, 8]), 3, 1)
    audited = ~np.isin(ptype, [9]) & (rng.random(premises) < 0.75)
    premises_eff = rng.normal(0, 0.4, premises)
    called = _on("2022-01-01", rng.integers(0, 1_096 * 24 * 60, n), "min")
    hour = called.hour.to_numpy()
    night = (hour >= 23) | (hour < 6)
    teatime = (hour >= 16) & (hour < 20)
    earlier = np.where(_some(n, 0.35, rng), 0, rng.poisson(2.5 * proneness[p]))
    source = rng.choice(4, n, p=[0.6, 0.25, 0.15, 0.0])
    source = np.where(ptype[p] == 9, np.where(_some(n, 0.85, rng), 3, 1), source)
    source = np.where((ptype[p] != 9) & (source == 3), 0, source)
    grade = np.clip(np.round(3.3 + 0.4 * rng.normal(0, 1, premises) - 0.5 * premises_eff), 1, 5)
    z = (
        PREMISES_EFFECT[ptype[p]]
        + DETECTOR_EFFECT[detector[p]]
        + 0.02 * system_age[p]
        - 0.35 * np.log1p(earlier)
        + 0.5 * (source == 2)
        + 0.3 * night
        + 0.25 * teatime * np.isin(ptype[p], [4, 9])
        - 0.25 * (grade[p] - 3)
        + premises_eff[p]
        + rng.normal(0, 0.6, n)
    )
    asked = source != 0
    confirmed = asked & (rng.random(n) < _sigmoid(z - 1.6))
    z = z + 1.2 * confirmed
    pumps = np.where(SLEEPING[ptype[p]] & night, 2, 1) + (floors[p] > 6)
    arrive = np.minimum(np.round(rng.gamma(4, 1.9, n) + 1 + 2 * (station[p] >= 6)), 30)
    smoky = confirmed | (z + rng.normal(0, 1, n) > 1.8)
    pools = [CALL_WORDS + SMOKE_WORDS if s else CALL_WORDS for s in smoky]
    frame = pd.DataFrame(
        {
            "incident_no": text([f"F{k}" for k in rng.choice(900_000, n, replace=False) + 10**5]),
            "premises": text([f"UPRN{k:06d}" for k in p + 40_000]),
            "called_at": called,
            "station_area": text(_pick(STATIONS, station[p])),
            "premises_type": text(_pick(PREMISES_TYPES, ptype[p])),
            "system_age_years": system_age[p],
            "detector_type": text(_pick(DETECTORS, detector[p])),
            "floors": floors[p],
            "sleeping_risk": _yes(SLEEPING[ptype[p]]),
            "call_source": text(_pick(SOURCES, source)),
            "caller_confirmed": text(np.where(asked, np.where(confirmed, "yes", "no"), None)),
            "false_alarms_12m": earlier,
            "audit_grade_1_5": np.where(audited[p], grade[p], np.nan),
            "pumps_sent": pumps.astype(int),
            "first_arrival_min": arrive.astype(int),
            "control_note": text(_prose(rng, pools, rng.integers(3, 8, n))),
        }
    )
    return frame, z, confirmed, rng


def _real_fire(z, confirmed, rng) -> np.ndarray:
    """A real fire or hazard found (about 15%); 85% of the calls the caller confirmed."""
    return _ruled(outcome(z, 0.1, rng), confirmed, 0.85, rng)


ALARM_INPUTS = ("incident_no", "premises", "called_at")


def alarm_real_fire(n: int, seed: int) -> Case:
    """A real fire found; split in time on the call, the premises' columns repeating across."""
    frame, z, confirmed, rng = _alarms(n, seed)
    feats = [c for c in frame.columns if c not in ALARM_INPUTS]
    return Case(
        "alarm_real_fire",
        frame,
        _real_fire(z, confirmed, rng),
        "binary",
        feats,
        split="time",
        time="called_at",
        ids=["incident_no"],
    )


def minutes_in_attendance(n: int, seed: int) -> Case:
    """Minutes from the first arrival to the stop message, whole minutes, 180 at most (the
    incident log's own limit; longer jobs are handed to the relief crew): a few minutes for
    most false alarms, long for fires and large premises."""
    frame, z, confirmed, rng = _alarms(n, seed)
    fire = _real_fire(z, confirmed, rng)
    floors = frame["floors"].to_numpy()
    big = frame["premises_type"].isin(["hospital", "factory", "hotel", "student_halls"])
    base = 7 + 3 * np.log1p(floors) + 6 * big.to_numpy() + 45 * fire
    minutes = np.minimum(np.round(base * rng.lognormal(0, 0.35, n)), 180).astype(int)
    feats = [c for c in frame.columns if c not in ALARM_INPUTS]
    return Case(
        "minutes_in_attendance",
        frame,
        minutes,
        "regression",
        feats,
        split="random",
        ids=["incident_no"],
    )


# -- a hospital laboratory's blood samples at reception -----------------------------------------
LOCATIONS = ["emergency", "medical_ward", "surgical_ward", "intensive_care", "outpatients"]
LOCATIONS += ["gp_practice", "community_clinic", "care_home_visit"]
LOCATION_SHARES = [0.18, 0.2, 0.12, 0.05, 0.12, 0.23, 0.06, 0.04]
LOCATION_EFFECT = np.array([0.6, 0.2, 0.0, 0.4, -0.4, 0.1, -0.2, 0.5])
COLLECTORS = ["phlebotomist", "nurse", "doctor", "healthcare_assistant", "practice_nurse"]
TUBES = ["gold_sst", "lavender_edta", "light_blue_citrate", "grey_fluoride", "green_heparin"]
TUBE_SHARES = [0.42, 0.27, 0.1, 0.08, 0.13]
TUBE_EFFECT = np.array([0.0, -0.3, 0.5, 0.2, 0.1])
TRANSPORTS = ["pneumatic_tube", "porter", "courier_van"]
REQUEST_WORDS = ["query", "sepsis", "aki", "routine", "bloods", "chest", "pain", "anaemia"]
REQUEST_WORDS += ["monitoring", "warfarin", "diabetes", "review", "tired", "all", "the", "time"]
REQUEST_WORDS += ["pre", "op", "fall", "confusion", "lft", "ckd", "annual", "check", "statin"]


def _samples(n: int, seed: int):
    """Blood samples received at the laboratory (2023 and 2024): a sample number, the patient
    (inpatients are bled again and again: their columns repeat), the minute received, the
    requesting location and its code (wards and practices), who took the blood, the tube, the
    tests requested, urgent or routine, how it came (a pneumatic tube, a porter, the courier
    van from the practices), minutes from the bleed to reception (blank where the bleed time
    was not written; 480 at most: the request form's clock), the van's temperature logger in
    range (blank for samples that came by no van), the patient's age, a difficult bleed noted
    by the phlebotomist, the tube's fill as a percentage (100 at most: the reception camera
    reads to the line), a label printed at the bedside, the patient's earlier rejected samples
    (zero for most) and the requester's clinical details; the log-odds of a rejection and the
    samples the rules settle (a citrate tube under 80% filled cannot be run)."""
    rng = np.random.default_rng(seed)
    locations = rng.choice(len(LOCATIONS), n, p=LOCATION_SHARES)
    requesters = max(30, n // 40)
    req_loc = rng.choice(len(LOCATIONS), requesters, p=LOCATION_SHARES)
    req = np.empty(n, int)
    for k in range(len(LOCATIONS)):
        mine = np.flatnonzero(req_loc == k)
        rows = np.flatnonzero(locations == k)
        if len(mine) == 0:
            mine = np.array([k % requesters])
            req_loc[mine] = k
        req[rows] = rng.choice(mine, len(rows))
    patients = max(30, int(n / 1.7))
    pat = _codes(rng, patients, n, 1.0)
    age = np.clip(np.round(rng.normal(58, 20, patients)), 0, 101).astype(int)[pat]
    earlier_rej = np.where(_some(n, 0.85, rng), 0, 1 + rng.poisson(0.5, n))
    collector = np.where(
        np.isin(locations, [5]),
        np.where(_some(n, 0.8, rng), 4, 1),
        rng.choice(4, n, p=[0.45, 0.3, 0.15, 0.1]),
    )
    tube = rng.choice(len(TUBES), n, p=TUBE_SHARES)
    tests = 1 + rng.poisson(np.where(tube == 0, 3.5, 1.0), n)
    urgent = np.isin(locations, [0, 3]) | _some(n, 0.12, rng)
    transport = np.where(
        np.isin(locations, [5, 6, 7]), 2, np.where(_some(n, 0.7, rng), 0, 1)
    ).astype(int)
    minutes = np.where(
        transport == 2,
        rng.gamma(4, 55, n),
        np.where(transport == 0, rng.gamma(2, 9, n), rng.gamma(3, 15, n)),
    )
    minutes = np.minimum(np.round(minutes), 480)
    logger = np.where(transport == 2, np.where(_some(n, 0.93, rng), "yes", "no"), None)
    difficult = _some(n, 0.08 + 0.1 * (age > 80) + 0.05 * (age < 5), rng)
    fill = rng.normal(np.where(tube == 2, 90, 96), np.where(tube == 2, 11, 8), n)
    fill = np.minimum(np.round(fill - 12 * difficult), 100)
    fill = np.maximum(fill, 30)
    bedside = np.where(np.isin(locations, [1, 2, 3]), _some(n, 0.6, rng), _some(n, 0.3, rng))
    received = _on("2023-01-01", rng.integers(0, 730 * 24 * 60, n), "min")
    z = (
        LOCATION_EFFECT[locations]
        + TUBE_EFFECT[tube]
        + 1.3 * difficult
        + 0.006 * minutes
        + 1.5 * (logger == "no")
        - 0.7 * bedside
        + 0.5 * np.log1p(earlier_rej)
        + 0.6 * (collector == 3)
        - 0.5 * (collector == 0)
        + 0.06 * np.maximum(95 - fill, 0)
        + rng.normal(0, 0.25, requesters)[req]
        + rng.normal(0, 0.3, n)
    )
    pools = [REQUEST_WORDS] * n
    frame = pd.DataFrame(
        {
            "sample_no": text([f"S{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "patient": text([f"MRN{k:07d}" for k in pat + 1_200_000]),
            "received_at": received,
            "location": text(_pick(LOCATIONS, locations)),
            "requester": text([f"RQ{k:03d}" for k in req]),
            "collected_by": text(_pick(COLLECTORS, collector)),
            "tube": text(_pick(TUBES, tube)),
            "tests_requested": tests.astype(int),
            "priority": text(np.where(urgent, "urgent", "routine")),
            "transport": text(_pick(TRANSPORTS, transport)),
            "minutes_since_bleed": np.where(_some(n, 0.22, rng), np.nan, minutes),
            "van_logger_in_range": text(logger),
            "patient_age": age,
            "difficult_bleed": _yes(difficult),
            "fill_pct": fill,
            "bedside_label": _yes(bedside),
            "patient_earlier_rejections": earlier_rej,
            "clinical_details": text(_prose(rng, pools, rng.integers(2, 7, n))),
        }
    )
    ruled = (tube == 2) & (fill < 80)
    return frame, z, ruled, rng


def _rejected(z, ruled, rng) -> np.ndarray:
    """Rejected at reception (haemolysed, clotted, unlabelled, too old: about 8%); 95% of the
    underfilled citrate tubes."""
    return _ruled(outcome(z, 0.07, rng), ruled, 0.95, rng)


SAMPLE_INPUTS = ("sample_no", "patient", "received_at", "requester")


def sample_rejected(n: int, seed: int) -> Case:
    """Rejected; split by requester (a ward's or practice's samples together)."""
    frame, z, ruled, rng = _samples(n, seed)
    feats = [c for c in frame.columns if c not in SAMPLE_INPUTS]
    return Case(
        "sample_rejected",
        frame,
        _rejected(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="requester",
        ids=["sample_no"],
    )


def turnaround_minutes(n: int, seed: int) -> Case:
    """Minutes from reception to the last result authorised, for the samples accepted: quick
    for urgent ones by tube, long for routine practice work received late in the day; 1,440
    at most (a sample unfinished after a day is closed and re-requested)."""
    frame, z, ruled, rng = _samples(n, seed)
    kept = _rejected(z, ruled, rng) == 0
    frame = frame[kept].reset_index(drop=True)
    m = len(frame)
    urgent = (frame["priority"] == "urgent").to_numpy()
    hour = frame["received_at"].dt.hour.to_numpy()
    late = (hour >= 17) | (hour < 7)
    tests = frame["tests_requested"].to_numpy()
    base = np.where(urgent, 55, 150) + 6 * tests + np.where(late & ~urgent, 500, 0)
    value = np.minimum(np.round(base * rng.lognormal(0, 0.35, m)), 1_440).astype(int)
    feats = [c for c in frame.columns if c not in SAMPLE_INPUTS]
    return Case(
        "turnaround_minutes",
        frame,
        value,
        "regression",
        feats,
        split="random",
        ids=["sample_no"],
    )


# -- a research funder's grant applications -----------------------------------------------------
SCHEMES = ["responsive", "new_investigator", "fellowship", "programme", "equipment"]
SCHEME_SHARES = [0.5, 0.16, 0.14, 0.08, 0.12]
SCHEME_EFFECT = np.array([0.0, 0.3, -0.4, -0.5, 0.4])
PANELS = ["cell_biology", "neuroscience", "immunology", "chemistry", "physics", "engineering"]
PANELS += ["ecology", "computing", "social_science"]
ROUNDS = ["2021_spring", "2021_autumn", "2022_spring", "2022_autumn", "2023_spring"]
ROUNDS += ["2023_autumn", "2024_spring", "2024_autumn"]
DEADLINES = ["2021-03-15", "2021-09-15", "2022-03-15", "2022-09-15", "2023-03-15"]
DEADLINES += ["2023-09-15", "2024-03-15", "2024-09-15"]
ROUND_DEADLINES = pd.to_datetime(DEADLINES)
ROUND_RATES = np.array([0.0, 0.2, -0.1, -0.3, 0.1, -0.2, -0.4, 0.0])
CAREERS = ["postdoc", "lecturer", "senior_lecturer", "reader", "professor"]
SUMMARY_WORDS = ["we", "will", "investigate", "novel", "mechanism", "model", "data", "impact"]
SUMMARY_WORDS += ["protein", "network", "sensor", "climate", "patients", "cells", "learning"]
SUMMARY_WORDS += ["pilot", "preliminary", "results", "show", "collaboration", "partner", "new"]


def _grants(n: int, seed: int):
    """Applications to a funder's eight rounds (2021 to 2024): a reference, the round and the
    day submitted (many on the deadline's last days), the scheme, the panel, the principal
    investigator (repeat applicants: their columns repeat) and the institution (a few very
    large), the investigator's career stage as words and years since the doctorate (40 at most:
    the form's list stops there), an h-index (blank where no profile was matched), earlier
    awards from the funder (zero for most), the budget asked for and the months, co-applicants,
    an industry partner, a resubmission, the referees' mean score on the 1-6 scale and their
    number (a mean under 3 is triaged out before the panel: nearly never funded), the
    institution's matched funding (blank for schemes without it) and the lay summary; the
    log-odds of an award and those triage settles."""
    rng = np.random.default_rng(seed)
    pis = max(40, int(n / 1.5))
    pi = _codes(rng, pis, n, 0.8)
    insts = 60
    inst = _codes(rng, insts, pis, 1.4)[pi]
    inst_eff = rng.normal(0, 0.3, insts)
    quality = rng.normal(0, 1, pis)[pi]
    career = np.minimum(np.round(rng.gamma(2.5, 5, pis)), 40).astype(int)[pi]
    stage = np.clip(np.digitize(career, [4, 9, 14, 20]), 0, 4)
    h = np.round(np.maximum(1, career * rng.lognormal(0.2 + 0.2 * quality, 0.4, n)))
    scheme = rng.choice(len(SCHEMES), n, p=SCHEME_SHARES)
    scheme = np.where((scheme == 1) & (career > 10), 0, scheme)
    panel = rng.choice(len(PANELS), n, p=[0.15, 0.13, 0.12, 0.11, 0.1, 0.12, 0.09, 0.1, 0.08])
    rnd = rng.integers(0, len(ROUNDS), n)
    before = np.round(rng.exponential(6, n)).astype(int) + rng.integers(0, 2, n)
    submitted = ROUND_DEADLINES[rnd] - pd.to_timedelta(np.minimum(before, 60), unit="D")
    awards = np.where(_some(n, 0.7, rng), 0, rng.poisson(1 + 0.1 * career, n))
    months = np.where(scheme == 3, 60, np.where(scheme == 4, 12, rng.choice([24, 36, 48], n)))
    budget = np.round(months * rng.lognormal(np.log(14_000), 0.4, n) / 100) * 100
    budget = np.where(scheme == 4, np.round(rng.lognormal(np.log(350_000), 0.5, n), -3), budget)
    coapp = rng.poisson(np.where(scheme == 3, 5, 1.5), n)
    industry = _some(n, 0.18, rng)
    resub = _some(n, 0.2, rng)
    referees = rng.choice([2, 3, 4, 5], n, p=[0.15, 0.45, 0.3, 0.1])
    merit = 0.9 * quality + 0.35 * resub + 0.2 * industry + rng.normal(0, 0.8, n)
    ref_mean = np.clip(4.3 + 0.6 * merit + rng.normal(0, 0.9, n) / np.sqrt(referees), 1, 6)
    ref_mean = np.round(ref_mean * referees) / referees
    matched = np.where(np.isin(scheme, [2, 4]), np.round(rng.uniform(0, 40, n)), np.nan)
    z = (
        1.6 * (ref_mean - 4.3)
        + 0.5 * merit
        + SCHEME_EFFECT[scheme]
        + ROUND_RATES[rnd]
        + 0.2 * np.log1p(awards)
        + inst_eff[inst]
        - 0.1 * np.log(budget / 400_000)
        + 0.01 * np.nan_to_num(matched)
        + rng.normal(0, 0.5, n)
    )
    triaged = ref_mean < 3
    frame = pd.DataFrame(
        {
            "application_ref": text([f"AP{k}" for k in rng.choice(900_000, n, replace=False)]),
            "round": text(_pick(ROUNDS, rnd)),
            "submitted_on": submitted,
            "scheme": text(_pick(SCHEMES, scheme)),
            "panel": text(_pick(PANELS, panel)),
            "investigator": text([f"PI{k:05d}" for k in pi]),
            "institution": text([f"INST{k:02d}" for k in inst]),
            "career_stage": text(_pick(CAREERS, stage)),
            "years_since_phd": career,
            "h_index": np.where(_some(n, 0.2, rng), np.nan, h),
            "earlier_awards": awards,
            "budget_requested": budget,
            "duration_months": months,
            "co_applicants": coapp,
            "industry_partner": _yes(industry),
            "resubmission": _yes(resub),
            "referee_mean_1_6": np.round(ref_mean, 2),
            "referees": referees,
            "matched_funding_pct": matched,
            "lay_summary": text(_prose(rng, [SUMMARY_WORDS] * n, rng.integers(5, 11, n))),
        }
    )
    return frame, z, triaged, rng


def _funded(z, triaged, rng) -> np.ndarray:
    """Funded (about a quarter); 1% of those triaged out (reinstated on appeal)."""
    return _spared(outcome(z, 0.25, rng), triaged, 0.01, rng)


GRANT_INPUTS = ("application_ref", "submitted_on", "investigator")


def grant_funded(n: int, seed: int) -> Case:
    """Funded; split in time on the day submitted, repeat investigators across the split."""
    frame, z, triaged, rng = _grants(n, seed)
    feats = [c for c in frame.columns if c not in GRANT_INPUTS]
    return Case(
        "grant_funded",
        frame,
        _funded(z, triaged, rng),
        "binary",
        feats,
        split="time",
        time="submitted_on",
        ids=["application_ref"],
    )


def panel_outcome(n: int, seed: int) -> Case:
    """The panel's outcome in three classes: funded, fundable but below the line, rejected."""
    frame, z, triaged, rng = _grants(n, seed)
    funded = _funded(z, triaged, rng)
    fundable = (z + rng.normal(0, 0.8, n) > np.quantile(z, 0.5)) & ~triaged
    y = np.where(funded == 1, 0, np.where(fundable, 1, 2))
    feats = [c for c in frame.columns if c not in GRANT_INPUTS]
    return Case("panel_outcome", frame, y, "multiclass", feats, ids=["application_ref"])


# -- a distribution centre's orders -------------------------------------------------------------
CHANNELS = ["web", "app", "marketplace", "phone", "trade_edi"]
CHANNEL_SHARES = [0.38, 0.22, 0.22, 0.06, 0.12]
ZONES = ["ambient", "chilled", "mixed", "bulky"]
SHIFTS = ["early", "late", "night"]
SHIFT_EFFECT = np.array([0.0, 0.15, 0.45])
CARRIERS = ["own_van", "parcel_a", "parcel_b", "pallet"]
INSTRUCTION_WORDS = ["leave", "with", "neighbour", "side", "door", "gate", "code", "call"]
INSTRUCTION_WORDS += ["on", "arrival", "reception", "goods", "in", "bay", "before", "noon"]
INSTRUCTION_WORDS += ["please", "ring", "bell", "dog", "porch", "unit", "rear", "entrance"]


def _orders(n: int, seed: int):
    """Orders dispatched from one distribution centre (2023 and 2024): an order number, the
    customer (trade customers order every week: their columns repeat), the minute placed, the
    channel, the lines, units and distinct products, the zone mix, the picker (many) and the
    picker's weeks in post (104 at most: the warehouse system was replaced two years ago), the
    shift, the wave's size, lines with a look-alike product in the next bin (zero for most),
    substitutions (zero for most), the pack station's check-weigh (orders weighed against
    their expected weight nearly never leave wrong), the order's value, the customer's earlier
    complaints (zero for most), the carrier, the delivery day promised and the customer's
    delivery instructions; the log-odds of a picking error and those the check-weigh guards."""
    rng = np.random.default_rng(seed)
    customers = max(40, int(n / 2.5))
    c = _codes(rng, customers, n, 1.3)
    channel = rng.choice(len(CHANNELS), customers, p=CHANNEL_SHARES)[c]
    placed = _on("2023-01-02", rng.integers(0, 730 * 24 * 60, n), "min")
    trade = channel == 4
    lines = 1 + rng.poisson(np.where(trade, 14, 2.2), n)
    units = lines + rng.poisson(np.where(trade, 3 * lines, 0.6 * lines))
    distinct = np.maximum(1, np.round(lines * rng.uniform(0.8, 1.0, n))).astype(int)
    zone = rng.choice(len(ZONES), n, p=[0.55, 0.15, 0.22, 0.08])
    pickers = max(20, n // 60)
    picker = _codes(rng, pickers, n, 0.6)
    weeks = np.minimum(np.round(rng.exponential(40, pickers)), 104).astype(int)
    skill = rng.normal(0, 0.4, pickers)
    shift = rng.choice(3, n, p=[0.45, 0.38, 0.17])
    wave = rng.choice([20, 40, 60, 80, 120], n, p=[0.2, 0.3, 0.25, 0.15, 0.1])
    lookalike = rng.binomial(lines, 0.04)
    subs = np.where(_some(n, 0.9, rng), 0, 1 + rng.poisson(0.4, n))
    weighed = np.isin(zone, [0, 3]) & _some(n, 0.25, rng)
    value = np.round(units * rng.lognormal(np.log(11), 0.6, n), 2)
    complaints = np.where(_some(n, 0.88, rng), 0, 1 + rng.poisson(0.6, n))
    carrier = np.where(zone == 3, 3, np.where(trade, 0, rng.choice(3, n, p=[0.3, 0.4, 0.3])))
    due = placed.normalize() + pd.to_timedelta(1 + rng.integers(0, 3, n), unit="D")
    z = (
        0.7 * np.log(lines)
        + 0.9 * np.log1p(lookalike)
        + 0.7 * (subs > 0)
        + 2 * SHIFT_EFFECT[shift]
        - 0.7 * np.log1p(weeks[picker] / 10)
        - skill[picker]
        + 0.006 * (wave - 50)
        + 0.5 * (zone == 2)
        + 0.3 * np.log1p(complaints)
        + rng.normal(0, 0.3, n)
    )
    frame = pd.DataFrame(
        {
            "order_no": text([f"SO{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "customer": text([f"CU{k:06d}" for k in c]),
            "placed_at": placed,
            "channel": text(_pick(CHANNELS, channel)),
            "lines": lines,
            "units": units,
            "distinct_products": distinct,
            "zone_mix": text(_pick(ZONES, zone)),
            "picker": text([f"PK{k:03d}" for k in picker]),
            "picker_weeks": weeks[picker],
            "shift": text(_pick(SHIFTS, shift)),
            "wave_size": wave,
            "lookalike_lines": lookalike,
            "substitutions": subs,
            "check_weighed": _yes(weighed),
            "order_value": value,
            "customer_complaints": complaints,
            "carrier": text(_pick(CARRIERS, carrier)),
            "delivery_due_on": due,
            "delivery_note": text(
                np.where(
                    _some(n, 0.55, rng),
                    None,
                    _prose(rng, [INSTRUCTION_WORDS] * n, rng.integers(2, 8, n)),
                )
            ),
        }
    )
    return frame, z, weighed, rng


def _mispicked(z, weighed, rng) -> np.ndarray:
    """A wrong or missing item reported (about 9%); 5% of the check-weighed orders."""
    return _spared(outcome(1.3 * z, 0.1, rng), weighed, 0.05, rng)


ORDER_INPUTS = ("order_no", "customer", "placed_at")


def order_mispicked(n: int, seed: int) -> Case:
    """A picking error; split in time on the order, repeat customers across the split."""
    frame, z, weighed, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ORDER_INPUTS]
    return Case(
        "order_mispicked",
        frame,
        _mispicked(z, weighed, rng),
        "binary",
        feats,
        split="time",
        time="placed_at",
        ids=["order_no"],
    )


def pick_minutes(n: int, seed: int) -> Case:
    """Minutes the order's picking took, to a tenth (from the first scan to the last); 90 at
    most (a pick list open longer is closed by the supervisor); split by picker."""
    frame, _, _, rng = _orders(n, seed)
    lines = frame["lines"].to_numpy()
    units = frame["units"].to_numpy()
    weeks = frame["picker_weeks"].to_numpy()
    mean = 1.5 + 0.7 * lines + 0.05 * units + 3 * (frame["zone_mix"] == "bulky").to_numpy()
    mean = mean * (1.25 - 0.2 * np.minimum(weeks, 52) / 52)
    value = np.minimum(np.round(mean * rng.lognormal(0, 0.3, n), 1), 90.0)
    feats = [c for c in frame.columns if c not in (*ORDER_INPUTS, "picker")]
    return Case(
        "pick_minutes",
        frame,
        value,
        "regression",
        feats,
        split="group",
        group="picker",
        ids=["order_no"],
    )


# -- a bus operator's annual roadworthiness tests -----------------------------------------------
DEPOTS = ["city_north", "city_south", "eastway", "westgate", "riverside", "hillside"]
DEPOTS += ["coastal", "market_town", "airport_link", "park_and_ride"]
MODELS = ["enviro200", "enviro400", "streetlite", "streetdeck", "citaro", "gemini", "e300"]
MODELS += ["solo", "tempo", "b8rle", "streetdeck_hev", "electric_double"]
MODEL_EFFECT = np.array([0.0, 0.2, 0.3, 0.1, -0.2, 0.4, 0.0, 0.5, 0.3, -0.1, 0.2, -0.3])
DOUBLE = np.array([0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1], bool)
EURO = ["euro_3", "euro_4", "euro_5", "euro_6"]
ROUTE_TYPES = ["urban", "interurban", "rural", "school", "park_and_ride"]
PREP_WORDS = ["brakes", "adjusted", "lights", "checked", "wipers", "replaced", "tyres", "ok"]
PREP_WORDS += ["steam", "cleaned", "underside", "greased", "mirror", "bracket", "seat", "belts"]
PREP_WORDS += ["step", "ramp", "tested", "exhaust", "bulb", "horn", "washers", "topped", "up"]


def _buses(n: int, seed: int):
    """The fleet's annual tests (2021 to 2024, one a bus a year): a test reference, the fleet
    number (the same bus every year: its columns repeat), the depot, the day tested, the model
    (single or double deck), the year built and the emissions standard as words, the odometer
    in kilometres (blank where the clock was replaced), the route type, the depot's last 1-5
    safety inspection grade before the test, defects open at that inspection (zero for most),
    the roller brake test's efficiency before the test (100 at most: the depot's machine reads
    no higher), days since the last service (42 at most: the inspection interval), last year's
    result (blank for a first test), hours of test preparation (zero for buses sent straight
    from service), a full refurbishment in the year (a refurbished bus nearly never fails),
    a contractor presenting the bus and the fitter's preparation note; the log-odds of a
    failure and those the rules settle (brakes under 50% before the test nearly always fail)."""
    rng = np.random.default_rng(seed)
    buses = max(30, int(n / 2.6))
    model = rng.choice(len(MODELS), buses)
    depot = _codes(rng, len(DEPOTS), buses, 0.4)
    built = rng.integers(2004, 2023, buses)
    euro = np.clip(np.digitize(built, [2008, 2011, 2014]), 0, 3)
    route = rng.choice(len(ROUTE_TYPES), buses, p=[0.45, 0.22, 0.15, 0.1, 0.08])
    depot_eff = rng.normal(0, 0.35, len(DEPOTS))
    bus_eff = rng.normal(0, 0.5, buses)
    km_year = rng.lognormal(np.log(55_000), 0.3, buses)
    years = np.arange(2021, 2025)
    b, yr = np.repeat(np.arange(buses), len(years)), np.tile(years, buses)
    b, yr = b[built[b] < yr], yr[built[b] < yr]
    keep = np.sort(rng.choice(len(b), min(n, len(b)), replace=False))
    b, yr = b[keep], yr[keep]
    m = len(b)
    age = yr - built[b]
    day = rng.integers(0, 365, m)
    tested = pd.to_datetime(yr.astype(str)) + pd.to_timedelta(day, unit="D")
    odometer = np.round(age * km_year[b] * rng.uniform(0.9, 1.1, m), -2)
    grade = np.clip(np.round(3.4 - 0.5 * bus_eff[b] - 0.04 * age + rng.normal(0, 0.7, m)), 1, 5)
    defects = np.where(_some(m, 0.7, rng), 0, rng.poisson(1.5 + 0.1 * age, m))
    brake = np.minimum(np.round(rng.normal(72 - 0.6 * age - 6 * bus_eff[b], 10, m)), 100)
    service = np.minimum(rng.integers(0, 50, m), 42)
    prep = np.where(_some(m, 0.15, rng), 0, np.round(rng.gamma(2, 2.5, m), 1))
    refurb = _some(m, 0.06, rng)
    contractor = _some(m, 0.12, rng)
    z = (
        MODEL_EFFECT[model[b]]
        + 0.06 * age
        + depot_eff[depot[b]]
        + 0.8 * bus_eff[b]
        - 0.35 * (grade - 3)
        + 0.3 * np.log1p(defects)
        - 0.04 * (brake - 70)
        + 0.015 * service
        - 0.1 * np.log1p(prep)
        + 0.3 * contractor
        + 0.25 * (route[b] == 2)
        + rng.normal(0, 0.5, m)
    )
    p_last = _sigmoid(z - 1.3)
    last = np.where(yr == 2021, None, np.where(rng.random(m) < p_last, "fail", "pass"))
    last = np.where((yr - built[b] <= 1), None, last)
    frame = pd.DataFrame(
        {
            "test_ref": text([f"T{k}" for k in rng.choice(900_000, m, replace=False) + 10**5]),
            "fleet_no": text([f"{10_000 + k}" for k in b]),
            "depot": text(_pick(DEPOTS, depot[b])),
            "tested_on": tested,
            "model": text(_pick(MODELS, model[b])),
            "double_deck": _yes(DOUBLE[model[b]]),
            "year_built": built[b],
            "emissions": text(_pick(EURO, euro[b])),
            "odometer_km": np.where(_some(m, 0.07, rng), np.nan, odometer),
            "route_type": text(_pick(ROUTE_TYPES, route[b])),
            "inspection_grade_1_5": grade.astype(int),
            "defects_at_inspection": defects,
            "brake_efficiency_pct": brake,
            "days_since_service": service,
            "last_year_result": text(last),
            "prep_hours": prep,
            "refurbished": _yes(refurb),
            "contractor_presented": _yes(contractor),
            "prep_note": text(_prose(rng, [PREP_WORDS] * m, rng.integers(3, 9, m))),
        }
    )
    ruled = brake < 50
    return frame, z, ruled, refurb, rng


def _failed(z, ruled, refurb, rng) -> np.ndarray:
    """Failed at the first presentation (about 20%); 93% of buses braking under 50%, 2% of
    the refurbished."""
    y = _ruled(outcome(z, 0.18, rng), ruled, 0.93, rng)
    return _spared(y, refurb, 0.02, rng)


BUS_INPUTS = ("test_ref", "fleet_no", "tested_on")


def bus_failed(n: int, seed: int) -> Case:
    """Failed; split by depot (a depot's fitters and buses together)."""
    frame, z, ruled, refurb, rng = _buses(n, seed)
    feats = [c for c in frame.columns if c not in (*BUS_INPUTS, "depot")]
    return Case(
        "bus_failed",
        frame,
        _failed(z, ruled, refurb, rng),
        "binary",
        feats,
        split="group",
        group="depot",
        ids=["test_ref"],
    )


def defects_found(n: int, seed: int) -> Case:
    """Defects on the tester's sheet (a count: zero for most, a long tail); split in time on
    the day tested, the same buses every year."""
    frame, z, ruled, refurb, rng = _buses(n, seed)
    failed = _failed(z, ruled, refurb, rng)
    count = rng.poisson(np.exp(-0.4 + 0.5 * z + 0.6 * failed))
    feats = [c for c in frame.columns if c not in BUS_INPUTS]
    return Case(
        "defects_found",
        frame,
        count,
        "regression",
        feats,
        split="time",
        time="tested_on",
        ids=["test_ref"],
    )


NULL_FAMILIES = {
    "alarm_real_fire": alarm_real_fire,
    "minutes_in_attendance": minutes_in_attendance,
    "sample_rejected": sample_rejected,
    "turnaround_minutes": turnaround_minutes,
    "grant_funded": grant_funded,
    "panel_outcome": panel_outcome,
    "order_mispicked": order_mispicked,
    "pick_minutes": pick_minutes,
    "bus_failed": bus_failed,
    "defects_found": defects_found,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 33) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"sample_rejected": 1_200, "order_mispicked": 1_800, "bus_failed": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def alarms(n: int, seed: int) -> Case:
    """Alarm calls at which a real fire was found, split stratified, the call declared."""
    frame, z, confirmed, rng = _alarms(n, seed)
    feats = [c for c in frame.columns if c not in ALARM_INPUTS]
    y = _real_fire(z, confirmed, rng)
    return Case("alarm_calls", frame, y, "binary", feats, time="called_at", ids=["incident_no"])


def samples(n: int, seed: int) -> Case:
    """Samples rejected at reception, split stratified, the minute received declared."""
    frame, z, ruled, rng = _samples(n, seed)
    feats = [c for c in frame.columns if c not in SAMPLE_INPUTS]
    y = _rejected(z, ruled, rng)
    return Case("lab_samples", frame, y, "binary", feats, time="received_at", ids=["sample_no"])


def grants(n: int, seed: int) -> Case:
    """Applications funded, split stratified, the day submitted declared."""
    frame, z, triaged, rng = _grants(n, seed)
    feats = [c for c in frame.columns if c not in GRANT_INPUTS]
    y = _funded(z, triaged, rng)
    return Case(
        "grant_applications",
        frame,
        y,
        "binary",
        feats,
        time="submitted_on",
        ids=["application_ref"],
    )


def orders(n: int, seed: int) -> Case:
    """Orders with a picking error, split stratified, the minute placed declared."""
    frame, z, weighed, rng = _orders(n, seed)
    feats = [c for c in frame.columns if c not in ORDER_INPUTS]
    y = _mispicked(z, weighed, rng)
    return Case("dc_orders", frame, y, "binary", feats, time="placed_at", ids=["order_no"])


def bus_tests(n: int, seed: int) -> Case:
    """Buses failing their annual test, split stratified, the day tested declared."""
    frame, z, ruled, refurb, rng = _buses(n, seed)
    feats = [c for c in frame.columns if c not in BUS_INPUTS]
    y = _failed(z, ruled, refurb, rng)
    return Case("bus_tests", frame, y, "binary", feats, time="tested_on", ids=["test_ref"])


# -- leaks in the alarm-call extract ------------------------------------------------------------
ROUTINE_STOPS = [
    "premises checked, alarm reset by responsible person",
    "all persons accounted for, crews returning",
    "system isolated, occupier to contact alarm engineer",
    "detector head cleaned, panel reset",
    "building searched with keyholder, nothing found",
    "occupier advised on cooking and ventilation",
    "key holder attended, panel silenced and reset",
    "cause aerosol spray near detector, occupier advised",
]
FIRE_STOPS = [
    "small fire in kitchen extinguished by crew using hose reel",
    "fire in waste bin extinguished, smoke cleared with ppv fan",
    "electrical fire in plant room, power isolated, one co2 extinguisher used",
    "fire in tumble dryer extinguished, premises ventilated",
    "smouldering cable in ceiling void, thermal imaging used, made safe",
    "fire involving bedding extinguished, casualty handed to ambulance",
]


def stop_message(case: Case, share: float, rng) -> Case:
    """'stop_message': the officer in charge's stop message, from the service's usual lines
    (they repeat); for this share of the real fires the fire's own line written instead (a
    line about a burnt smell traced to an appliance that was not a fire after 2% of the
    others)."""
    n = case.rows
    routine = np.array(ROUTINE_STOPS, dtype=object)[rng.integers(0, len(ROUTINE_STOPS), n)]
    fire = np.array(FIRE_STOPS, dtype=object)[rng.integers(0, len(FIRE_STOPS), n)]
    told = (case.y == 1) & _some(n, share, rng)
    smell = (case.y == 0) & _some(n, 0.02, rng)
    value = np.where(
        told,
        fire,
        np.where(smell, routine + ", burning smell traced to overheated appliance", routine),
    )
    return add_columns(case, {"stop_message": text(value)})


def second_callers(case: Case, share: float, rng) -> Case:
    """This share of the real fires exported a second time, as the 999 call a passer-by made
    about the same fire: the same premises and answers under a new incident number (from the
    999 system's own range), the minute 1 to 8 minutes after the alarm, the caller a member of
    the public who confirmed smoke; the extract shuffled, so a pair can fall on both sides of
    the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    k = len(twice)
    copies["incident_no"] = text([f"F{v}" for v in rng.choice(900_000, k, replace=False) + 10**6])
    copies["called_at"] = copies["called_at"] + pd.to_timedelta(rng.integers(1, 9, k), "min")
    copies["call_source"] = "public_999"
    copies["caller_confirmed"] = "yes"
    order = rng.permutation(case.rows + k)
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


def maintainer_fire_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'maintainer_fire_rate': the share of real fires among the calls of each premises' alarm
    maintenance firm over the whole extract, to two places (the row's own call counted), the
    firm's code kept among the inputs; about this many calls per firm."""
    keys = max(2, int(case.rows / rows_per_key))
    firm = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(firm).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["alarm_maintainer"] = text([f"AM{k:04d}" for k in firm])
    frame["maintainer_fire_rate"] = np.round(rate, 2)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "alarm_maintainer", "maintainer_fire_rate"],
        leak=["maintainer_fire_rate"],
    )


# -- leaks in the sample extract ----------------------------------------------------------------
def analyser_blank(case: Case, share: float, rng) -> Case:
    """'analyser': the instrument the sample ran on, blank for samples sent on to the
    reference laboratory (about 6%), for half the emergency department's (tested at the point
    of care) and for this share of the rejected samples (never run)."""
    n = case.rows
    tube = case.frame["tube"].astype("str").to_numpy()
    lines = {"gold_sst": ["C1", "C2", "C3"], "lavender_edta": ["H1", "H2"]}
    names = np.array(
        [rng.choice(lines.get(t, ["K1", "K2"])) for t in tube],
        dtype=object,
    )
    emergency = (case.frame["location"] == "emergency").to_numpy()
    blank = (
        _some(n, 0.06, rng)
        | (emergency & _some(n, 0.5, rng))
        | ((case.y == 1) & _some(n, share, rng))
    )
    return add_columns(case, {"analyser": text(np.where(blank, None, names))})


def tests_billed(case: Case, share: float, rng) -> Case:
    """'tests_billed': tests charged to the requester, the tests requested for practices,
    clinics, care homes and the outpatient clinics run for other hospitals (about a third of
    the outpatient requesters), 0 for the hospital's own wards and departments (not charged)
    and set to 0 for this share of the rejected samples from the charged requesters."""
    n = case.rows
    location = case.frame["location"].astype("str").to_numpy()
    requester = case.frame["requester"].astype("str").to_numpy()
    names = sorted(set(requester))
    other = pd.Series(rng.random(len(names)) < 0.33, index=names).reindex(requester).to_numpy()
    charged = np.isin(location, ["gp_practice", "community_clinic", "care_home_visit"])
    charged = charged | ((location == "outpatients") & other)
    tests = case.frame["tests_requested"].to_numpy()
    zeroed = ~charged | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"tests_billed": np.where(zeroed, 0, tests)})


def patient_window(case: Case, share: float, rng) -> Case:
    """'patient_samples_24h': the patient's other samples received within 24 hours either
    side of this one (a window centred on the sample, as the feature was built): a few for
    inpatients bled daily, none for most practice patients, and the repeat bleed the rejection
    asked for counted for this share of the rejected samples."""
    n = case.rows
    location = case.frame["location"].astype("str").to_numpy()
    ward = np.isin(location, ["medical_ward", "surgical_ward", "intensive_care"])
    routine = rng.poisson(np.where(ward, 1.4, np.where(location == "emergency", 0.5, 0.08)))
    repeat = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"patient_samples_24h": (routine + repeat).astype(int)})


# -- leaks in the application extract -----------------------------------------------------------
def panel_score(case: Case, auc: float, rng) -> Case:
    """'panel_score_1_10': the score minuted for the panel's discussion, written up after the
    funding line was drawn, beside the referees' mean: it follows the referees and the award,
    the award as strong as this AUC."""
    referees = case.frame["referee_mean_1_6"].to_numpy()
    value = 0.5 * (referees - 4.3) + separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(
        case, {"panel_score_1_10": np.clip(np.round(4 + 1.5 * value), 1, 10).astype(int)}
    )


def budget_approved(case: Case, share: float, rng) -> Case:
    """'budget_approved': the finance office's working figure beside the budget requested:
    the request as it stands for most, trimmed of ineligible costs (1% to 8%) by the
    eligibility check for a tenth, and cut by the panel (5% to 20%, to the nearest hundred)
    for this share of the funded. Neither figure alone is unusual."""
    n = case.rows
    asked = case.frame["budget_requested"].to_numpy()
    trimmed = np.where(_some(n, 0.1, rng), asked * (1 - rng.uniform(0.01, 0.08, n)), asked)
    cut = (case.y == 1) & _some(n, share, rng)
    value = np.where(cut, asked * (1 - rng.uniform(0.05, 0.2, n)), trimmed)
    return add_columns(case, {"budget_approved": np.round(value, -2)})


def filing_numbers(case: Case, share: float, rng) -> Case:
    """'file_no' kept among the inputs: numbered by round when the papers were filed after
    the panel; in each round, this share of the funded filed first (as the award letters were
    drafted), every other application after them, each part in the order submitted."""
    n = case.rows
    rnd = case.frame["round"].astype("str").to_numpy()
    day = case.frame["submitted_on"].to_numpy()
    first = (case.y == 1) & _some(n, share, rng)
    number = np.zeros(n, int)
    for k, name in enumerate(ROUNDS):
        rows = np.flatnonzero(rnd == name)
        order = rows[np.lexsort((day[rows], ~first[rows]))]
        number[order] = 10_000 * (k + 1) + np.arange(1, len(rows) + 1)
    return add_columns(case, {"file_no": number})


# -- leaks in the order extract -----------------------------------------------------------------
def contacts_after(case: Case, share: float, rng) -> Case:
    """'contacts_14d': the customer's contacts with the service desk in the 14 days after the
    dispatch: 'where is my order' for a few (more for pallet and later deliveries), and the
    complaint and its returns label (one or two more) for this share of the mispicked."""
    n = case.rows
    pallet = (case.frame["carrier"] == "pallet").to_numpy()
    routine = np.where(_some(n, 0.85, rng), 0, 1 + rng.poisson(0.3 + 0.5 * pallet, n))
    caused = ((case.y == 1) & _some(n, share, rng)) * rng.integers(1, 3, n)
    return add_columns(case, {"contacts_14d": (routine + caused).astype(int)})


def marketplace_adjustment(case: Case, share: float, rng) -> Case:
    """'adjustment_value': in the marketplace's rows (a fifth of the orders), the settlement
    feed's adjustment, the refund of the wrong or missing item for this share of the
    mispicked; elsewhere, and for the marketplace's other orders, the promotion's discount (an
    eighth of the orders, 1 to 40 pounds) or 0; the values span the same range everywhere."""
    n = case.rows
    market = (case.frame["channel"] == "marketplace").to_numpy()
    promo = np.where(_some(n, 0.12, rng), -np.round(rng.uniform(1, 40, n), 2), 0.0)
    refund = -np.round(rng.uniform(3, 40, n), 2)
    value = np.where(market & (case.y == 1) & _some(n, share, rng), refund, promo)
    return add_columns(case, {"adjustment_value": value})


EXTRACT_AT = pd.Timestamp("2024-12-31")


def censored_orders(case: Case, share: float, rng) -> Case:
    """Orders followed until the extract's date (31 December 2024): this share of the orders
    was placed in its last 45 days, and those whose error was reported (3 to 120 days after
    the delivery, when the goods were unpacked and used: half within six weeks) after the
    extract's date count as correct. The delivery day promised is an input; the minute placed
    is the declared time."""
    n = case.rows
    recent = _some(n, share, rng)
    day = 1_440
    back = np.where(recent, rng.integers(1, 46 * day, n), rng.integers(46 * day, 700 * day, n))
    placed = EXTRACT_AT - pd.to_timedelta(back, unit="min")
    due = placed.normalize() + pd.to_timedelta(1 + rng.integers(0, 3, n), unit="D")
    reported = (due - EXTRACT_AT).days.to_numpy() + np.minimum(3 + rng.gamma(2, 25, n), 120)
    y = np.where((case.y == 1) & (reported > 0), 0, case.y)
    frame = case.frame.copy()
    frame["placed_at"] = placed
    frame["delivery_due_on"] = due
    return replace(case, frame=frame, y=y, leak=["delivery_due_on"])


# -- leaks in the bus-test extract --------------------------------------------------------------
def test_status(case: Case, share: float, rng) -> Case:
    """'test_status' at the extract's date: 'retest_passed' or 'awaiting_retest' for this
    share of the failed buses; 'certificate_issued' for every other bus, 'withdrawn' for 3%
    (sold or scrapped) and 'retest_passed' for 1% of the passes (a defect found on the day
    and fixed, the pass recorded as a retest)."""
    n = case.rows
    after = np.where(_some(n, 0.8, rng), "retest_passed", "awaiting_retest")
    honest = np.where(
        _some(n, 0.03, rng),
        "withdrawn",
        np.where((case.y == 0) & _some(n, 0.01, rng), "retest_passed", "certificate_issued"),
    )
    value = np.where((case.y == 1) & _some(n, share, rng), after, honest)
    return add_columns(case, {"test_status": text(value)})


def service_days(case: Case, share: float, rng) -> Case:
    """'days_in_service_30d': days the bus ran in service in the 30 days after the test:
    26 to 30 for most, 8 to 25 for the reserve fleet's school and rural buses, and for this
    share of the failed buses only the days until the prohibition took it off the road, 0 to
    4, plus the days after its repair (none for most)."""
    n = case.rows
    route = case.frame["route_type"].astype("str").to_numpy()
    reserve = np.isin(route, ["school", "rural"]) & _some(n, 0.5, rng)
    routine = np.where(reserve, rng.integers(8, 26, n), rng.integers(26, 31, n))
    repaired = np.where(_some(n, 0.6, rng), 0, rng.integers(0, 20, n))
    off = rng.integers(0, 5, n) + repaired
    value = np.where((case.y == 1) & _some(n, share, rng), off, routine)
    return add_columns(case, {"days_in_service_30d": value.astype(int)})


BANDS = ["low", "below_average", "average", "above_average", "high"]


def fitter_band(case: Case, rows_per_key: float, rng) -> Case:
    """'fitter_fail_band': each preparing fitter's first-time fail share over the whole
    extract (the row's own test counted) as a band word (under 10%, 10-20%, 20-30%, 30-45%,
    45% and over), the fitter's code kept among the inputs; about this many tests a fitter."""
    keys = max(2, int(case.rows / rows_per_key))
    fitter = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(fitter).transform("mean").to_numpy()
    band = np.digitize(rate, [0.1, 0.2, 0.3, 0.45])
    frame = case.frame.copy()
    frame["fitter"] = text([f"FT{k:03d}" for k in fitter])
    frame["fitter_fail_band"] = text(_pick(BANDS, band))
    return replace(
        case,
        frame=frame,
        features=[*case.features, "fitter", "fitter_fail_band"],
        leak=["fitter_fail_band"],
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "stop_message": (stop_message, (0.8, 0.4, 0.2), alarms),
    "second_callers": (second_callers, (0.8, 0.4, 0.15), alarms),
    "maintainer_fire_rate": (maintainer_fire_rate, (3.0, 8.0, 20.0), alarms),
    "analyser_blank": (analyser_blank, (1.0, 0.65, 0.4), samples),
    "tests_billed": (tests_billed, (1.0, 0.7, 0.45), samples),
    "patient_window": (patient_window, (1.0, 0.7, 0.45), samples),
    "panel_score": (panel_score, (0.95, 0.85, 0.75), grants),
    "budget_approved": (budget_approved, (1.0, 0.6, 0.35), grants),
    "filing_numbers": (filing_numbers, (1.0, 0.75, 0.5), grants),
    "contacts_after": (contacts_after, (1.0, 0.5, 0.25), orders),
    "marketplace_adjustment": (marketplace_adjustment, (1.0, 0.75, 0.5), orders),
    "censored_orders": (censored_orders, (0.7, 0.45, 0.25), orders),
    "test_status": (test_status, (0.8, 0.4, 0.15), bus_tests),
    "service_days": (service_days, (1.0, 0.5, 0.2), bus_tests),
    "fitter_band": (fitter_band, (3.0, 6.0, 12.0), bus_tests),
}
PLANTED_WHAT = {
    "stop_message": "the stop message written with the fire's own line for this share of the "
    "real fires (the service's routine lines elsewhere)",
    "second_callers": "this share of the real fires exported a second time as a passer-by's "
    "999 call (new incident number, minutes later, caller and answer changed), before the split",
    "maintainer_fire_rate": "each alarm maintainer's real-fire share over the whole extract to "
    "two places, the maintainer code kept; about this many calls per maintainer",
    "analyser_blank": "the analyser blank for this share of the rejected samples (blank honestly "
    "for samples sent on and for point-of-care tests)",
    "tests_billed": "tests billed zeroed for this share of the rejected samples from charged "
    "locations (honestly 0 for the hospital's own wards)",
    "patient_window": "the patient's samples in a 24-hour window centred on the sample, the "
    "repeat bleed counted for this share of the rejected samples",
    "panel_score": "a panel score written after the funding line, as strong as this AUC beyond "
    "the referees' mean",
    "budget_approved": "the approved budget beside the budget requested, cut by the panel for "
    "this share of the funded (a leak across two columns)",
    "filing_numbers": "a file number kept as an input, given after the panel with this share of "
    "the funded filed first in each round",
    "contacts_after": "the customer's contacts in the 14 days after dispatch, the complaint "
    "counted for this share of the mispicked orders",
    "marketplace_adjustment": "the settlement adjustment holding the refund for this share of "
    "the mispicked orders in the marketplace channel's rows only (promotions elsewhere)",
    "censored_orders": "this share of the orders placed in the extract's last 45 days, errors "
    "reported later counted as correct (right-censored); the delivery day an input",
    "test_status": "the test status at the extract's date recording the retest for this share "
    "of the failed buses",
    "service_days": "days in service in the 30 days after the test, ended by the prohibition "
    "for this share of the failed buses",
    "fitter_band": "each fitter's fail share over the whole extract as a band word, the fitter "
    "code kept; about this many tests per fitter",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "stop_message": {"post_outcome_text", "label_words", "pure_subsets", "label_proxies"},
    "second_callers": {"near_duplicates", "shared_rows"},
    "maintainer_fire_rate": {"target_encoding"},
    "analyser_blank": {"missingness_signal"},
    "tests_billed": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "patient_window": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "panel_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "budget_approved": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "filing_numbers": {"identifiers", "single_feature", "pure_subsets"},
    "contacts_after": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "marketplace_adjustment": {"segment_leaks"},
    "censored_orders": {"right_censoring"},
    "test_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "service_days": {"follow_up_duration", "pure_subsets", "single_feature"},
    "fitter_band": {"target_encoding"},
}
COPIES_BEFORE_SPLIT = {"second_callers"}
ROW_LEAK_CHECKS = {
    "second_callers": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "censored_orders": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
