"""The tenth generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (21,000 and up). Other domains and shapes than every family
before it: a council's planning applications decided late, a recruitment agency's candidates
accepting an offer, a hotel group's bookings cancelled, a mobile operator's SIM swaps that turn
out to be fraud and a vet practice's pets missing their booster vaccination — null families
with honest confusers (a listed-building consent that is nearly always decided late by the
heritage consultation's rule, a candidate who has already resigned and nearly always accepts, a
non-refundable deposit that is nearly never cancelled, a swap confirmed by a code sent to the
old SIM that is nearly never fraud, a pet on a health plan booked in automatically; a 1-5
completeness score at validation, a 1-5 interview score and a recruiter's 0-10 rating at
screening, a 0-10 owner survey blank for most; a caseload at allocation and a password reset in
the last day as honest strong signals; lead days capped where the booking engine opens, account
ages capped at the billing system's migration, days in process capped where the tracking system
archives, weeks to a decision capped at the monitoring return's 26, weeks late capped where the
course restarts; objections, competing offers, earlier cancellations, swaps in a year and missed
boosters zero for most; a current salary the candidate would not give, the store distance blank
for requests made by phone or online, a weight blank for pets not weighed in the year; repeat
developers, candidates, guests, subscribers and owners; an application's description, a
recruiter's screening note and an agent's request note written before the decision) — and leaks
planted in a planning extract, an offer extract, a booking extract, a swap extract and a
vaccination extract by generators of their own: a decision date whose lag carries the outcome, a
case log counting the deadline-breach reminders, a case officer's late share over the whole
extract (the officer code kept), a hiring manager's debrief score written after the answer,
offers exported twice from two recruiters' pipelines with the notice amended, the salary in the
contract beside the salary offered (a leak across two columns), an online agency's commission
zeroed for cancelled bookings among honest zeros elsewhere, bookings whose later arrivals had not
had the time to cancel (right-censored), a record number assigned after the cancelled bookings
were appended to the file, a back office's note on the swap written after the fraud, the new
SIM's first attach blank because the line was barred among honest blanks, hours a line was
active until it was barred or the extract's date, a reminder workflow's stage that reaches its
last letter for the missed, days since the last visit counted at the extract's date in one
branch only, and a breed's miss share over the whole extract as a label (the breed kept).

The ninth generation (benchmarks/calibration_ninth.py) was looked at once its results were
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


def _ruled(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to yes for this share of those a business rule settles."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _spared(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to no for all but this share of those a business rule protects."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _prose(rng, pools: list[list[str]], k) -> list[str]:
    """Short notes: for each row, a few words from its pool, shuffled."""
    return [
        " ".join(rng.permutation(rng.choice(pool, int(m))))
        for pool, m in zip(pools, k, strict=True)
    ]


# -- a council's planning applications ----------------------------------------------------------
APP_TYPES = ["householder", "change_of_use", "minor_dwellings", "major_dwellings"]
APP_TYPES += ["listed_building", "advertisement", "tree_works", "commercial"]
APP_SHARES = [0.42, 0.1, 0.12, 0.03, 0.05, 0.07, 0.11, 0.1]
APP_EFFECT = {"major_dwellings": 0.9, "commercial": 0.4, "change_of_use": 0.3, "tree_works": -0.6}
APP_FEE = {"householder": 258.0, "change_of_use": 578.0, "minor_dwellings": 578.0}
APP_FEE |= {"major_dwellings": 578.0, "listed_building": 0.0, "advertisement": 165.0}
APP_FEE |= {"tree_works": 0.0, "commercial": 1156.0}
APP_WORDS = {
    "householder": ["single", "storey", "rear", "extension", "loft", "dormer", "porch", "garage"],
    "change_of_use": ["change", "of", "use", "from", "office", "to", "residential", "shop"],
    "minor_dwellings": ["erection", "of", "two", "dwellings", "demolition", "bungalow", "plot"],
    "major_dwellings": ["residential", "development", "units", "access", "road", "landscaping"],
    "listed_building": ["listed", "building", "consent", "replacement", "windows", "repairs"],
    "advertisement": ["illuminated", "fascia", "sign", "hanging", "advertisement", "totem"],
    "tree_works": ["crown", "reduction", "fell", "oak", "ash", "tree", "preservation", "order"],
    "commercial": ["warehouse", "unit", "extension", "car", "park", "industrial", "retail"],
}
WARDS = [f"ward_{k:02d}" for k in range(1, 15)]


def _permits(n: int, seed: int):
    """Planning applications validated in 2023 and 2024: an application reference, the ward,
    the agent (none for a fifth: householders applying themselves; a few agents submit many),
    the day validated, the type of application, dwellings proposed (zero unless it builds
    homes), the fee with pence (none for listed-building consents and tree works), the site's
    area (blank for advertisements and tree works: the form does not ask), a conservation area, objections received by the end of the 21-day consultation (zero
    for most), consultees required, pre-application advice, the validation officer's 1-5 score
    of the documents' completeness, the case officer's caseload at allocation (an honest strong
    signal), the statutory weeks (13 for major developments, 8 otherwise), the description (as
    submitted); the log-odds of a late decision, the listed-building consents (the heritage
    consultation makes nearly all of them late) and the agents' quality."""
    rng = np.random.default_rng(seed)
    agents = max(20, n // 14)
    has_agent = rng.random(n) < 0.8
    agent = _codes(rng, agents, n, 1.2)
    agent_quality = rng.normal(0, 0.6, agents)[agent] * has_agent
    ward = rng.choice(len(WARDS), n)
    kind = rng.choice(len(APP_TYPES), n, p=APP_SHARES)
    names = np.array(APP_TYPES)[kind]
    dwellings = np.select(
        [names == "minor_dwellings", names == "major_dwellings"],
        [rng.integers(1, 10, n), 10 + np.round(rng.lognormal(3, 0.8, n))],
        0,
    ).astype(int)
    base_fee = np.array([APP_FEE[a] for a in names])
    fee = np.round(np.where(dwellings > 0, base_fee * np.maximum(dwellings, 1), base_fee), 2)
    fee = np.minimum(fee, 96_000.0)
    area = np.round(rng.lognormal(5.6 + 1.8 * (names == "major_dwellings"), 0.9, n))
    conservation = rng.random(n) < 0.14 + 0.5 * (names == "listed_building")
    objections = np.where(
        rng.random(n) < 0.68, 0, rng.poisson(2 + 8 * (names == "major_dwellings"))
    )
    consultees = np.clip(rng.poisson(1 + 3 * (names == "major_dwellings") + conservation), 0, 9)
    pre_app = rng.random(n) < 0.12 + 0.5 * (names == "major_dwellings")
    completeness = np.clip(np.round(3.4 + 0.8 * agent_quality + rng.normal(0, 0.9, n)), 1, 5)
    day = rng.integers(0, 728, n)
    load = rng.normal(0, 1, 8)[day // 91]  # the quarter's backlog
    caseload = np.clip(np.round(24 + 8 * load + rng.normal(0, 7, n)), 4, 70).astype(int)
    listed = names == "listed_building"
    z = (
        0.06 * (caseload - 24)
        + np.array([APP_EFFECT.get(a, 0.0) for a in names])
        + 0.25 * np.log1p(objections)
        + 0.2 * consultees
        + 0.4 * conservation
        - 0.5 * pre_app
        - 0.35 * (completeness - 3)
        - 0.5 * agent_quality
    )
    words = _prose(rng, [APP_WORDS[a] for a in names], rng.integers(4, 8, n))
    frame = pd.DataFrame(
        {
            "application_ref": text([f"PA/{k:06d}" for k in rng.choice(999_999, n, False)]),
            "ward": text(np.array(WARDS)[ward]),
            "agent": text(np.where(has_agent, [f"AG{a:04d}" for a in agent], "none")),
            "validated_on": _on("2023-01-03", day),
            "application_type": text(names),
            "dwellings": dwellings,
            "fee_paid": fee,
            "site_area_m2": np.where(np.isin(names, ["advertisement", "tree_works"]), np.nan, area),
            "conservation_area": text(np.where(conservation, "yes", "no")),
            "objections_21d": objections,
            "consultees_required": consultees,
            "pre_application_advice": text(np.where(pre_app, "yes", "no")),
            "completeness_1_5": completeness.astype(int),
            "officer_caseload": caseload,
            "statutory_weeks": np.where(names == "major_dwellings", 13, 8),
            "description": text(words),
        }
    )
    return frame, z, listed, rng


def _weeks_to_decision(frame, z, listed, rng) -> np.ndarray:
    """Weeks from validation to the decision, whole weeks, 26 at most (the monitoring return
    stops counting there): most within the statutory weeks, later the higher the log-odds;
    listed-building consents wait for the heritage consultation (nine weeks and more, mostly)."""
    limit = frame["statutory_weeks"].to_numpy()
    weeks = np.round(limit * rng.lognormal(-0.45 + 0.3 * z, 0.35))
    heritage = np.where(rng.random(len(z)) < 0.92, rng.integers(9, 24, len(z)), 7)
    weeks = np.where(listed, np.maximum(weeks, heritage), weeks)
    return np.clip(weeks, 2, 26).astype(int)


def _late(frame, z, listed, rng) -> np.ndarray:
    """Decided after the statutory weeks (about a fifth; nearly all listed-building consents)."""
    weeks = _weeks_to_decision(frame, z, listed, rng)
    return (weeks > frame["statutory_weeks"].to_numpy()).astype(int)


PERMIT_INPUTS = ("application_ref", "validated_on")


def permit_late(n: int, seed: int) -> Case:
    """Decided late; split in time on the day validated, the agents' columns repeating across
    the split, the application reference declared an id."""
    frame, z, listed, rng = _permits(n, seed)
    feats = [c for c in frame.columns if c not in PERMIT_INPUTS]
    return Case(
        "permit_late",
        frame,
        _late(frame, z, listed, rng),
        "binary",
        feats,
        split="time",
        time="validated_on",
        ids=["application_ref"],
    )


def weeks_to_decision(n: int, seed: int) -> Case:
    """Weeks from validation to the decision (2 to 26, piled at the statutory eight)."""
    frame, z, listed, rng = _permits(n, seed)
    feats = [c for c in frame.columns if c not in PERMIT_INPUTS]
    return Case(
        "weeks_to_decision",
        frame,
        _weeks_to_decision(frame, z, listed, rng),
        "regression",
        feats,
        split="random",
        ids=["application_ref"],
    )


# -- a recruitment agency's offers --------------------------------------------------------------
ROLES = ["software", "finance", "sales", "operations", "hr", "engineering", "marketing"]
LEVELS = ["junior", "mid", "senior", "lead", "director"]
LEVEL_PAY = np.array([30_000, 45_000, 62_000, 80_000, 110_000])
SOURCES = ["job_board", "linkedin", "referral", "headhunted", "returning"]
SCREEN_WORDS = ["keen", "relocating", "commute", "flexible", "hybrid", "salary", "growth"]
SCREEN_WORDS += ["team", "notice", "counter", "offer", "interviewing", "elsewhere", "family"]
SCREEN_WORDS += ["career", "change", "contract", "permanent", "benefits", "pension", "bonus"]


def _offers(n: int, seed: int):
    """Offers made to the agency's candidates in 2023 and 2024: an offer reference, the
    candidate (some receive two or three offers: their columns repeat), the client, the
    recruiter, the day offered, the role family and level, the salary offered (to the nearest
    500), the current salary (blank for a quarter: the candidate would not say; more often for
    the senior), notice in weeks, interview rounds, the panel's 1-5 interview score, the
    recruiter's 0-10 rating of the candidate's interest at screening, remote work, relocation,
    other processes declared (zero for most), days in process (capped at 120: the tracking
    system archives after four months), the source, already resigned (nearly all of them
    accept), the screening note; the log-odds of an acceptance."""
    rng = np.random.default_rng(seed)
    people = max(30, int(n / 1.3))
    who = _codes(rng, people, n, 0.5)
    keen = rng.normal(0, 1, people)[who]
    clients = max(15, n // 25)
    client = _codes(rng, clients, n, 1.0)
    appeal = rng.normal(0, 0.5, clients)[client]
    level = rng.choice(5, people, p=[0.22, 0.34, 0.26, 0.12, 0.06])[who]
    role = rng.choice(len(ROLES), people)[who]
    current = np.round(LEVEL_PAY[level] * rng.lognormal(0, 0.15, n), -2)
    raise_ = rng.normal(0.1, 0.08, n)
    offered = np.round(current * (1 + raise_) / 500) * 500
    hidden = rng.random(n) < 0.18 + 0.06 * level
    notice = rng.choice([0, 1, 4, 4, 8, 12, 13], n)
    rounds = np.clip(1 + rng.poisson(1.2 + 0.4 * level), 1, 6)
    interview = np.clip(np.round(3.3 + 0.6 * rng.normal(0, 1, n) + 0.3 * keen), 1, 5)
    rating = np.clip(np.round(6 + 1.6 * keen + rng.normal(0, 1.4, n)), 0, 10)
    other = np.where(rng.random(n) < 0.6, 0, 1 + rng.poisson(0.8, n))
    days = np.minimum(np.round(rng.gamma(3, 9 + 3 * rounds)), 120).astype(int)
    source = rng.choice(len(SOURCES), n, p=[0.34, 0.3, 0.14, 0.14, 0.08])
    resigned = rng.random(n) < 0.08
    remote = rng.choice(["onsite", "hybrid", "remote"], n, p=[0.3, 0.55, 0.15])
    relocate = rng.random(n) < 0.1
    z = (
        0.8 * keen
        + 6 * np.clip(raise_, -0.1, 0.35)
        - 0.45 * np.log1p(other)
        - 0.05 * notice
        - 0.008 * days
        + 0.3 * (interview - 3)
        + 0.6 * appeal
        + 0.5 * (source == 2)
        + 0.3 * (remote == "remote")
        - 0.7 * relocate
    )
    pools = [SCREEN_WORDS] * n
    frame = pd.DataFrame(
        {
            "offer_ref": text([f"OF{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "candidate": text([f"C{k:06d}" for k in who]),
            "client": text([f"CL{k:04d}" for k in client]),
            "recruiter": text([f"rec_{k:02d}" for k in rng.integers(1, 13, n)]),
            "offered_on": _on("2023-01-02", rng.integers(0, 728, n)),
            "role_family": text(np.array(ROLES)[role]),
            "level": text(np.array(LEVELS)[level]),
            "salary_offered": offered,
            "current_salary": np.where(hidden, np.nan, current),
            "notice_weeks": notice,
            "interview_rounds": rounds,
            "interview_score_1_5": interview.astype(int),
            "interest_rating_0_10": rating.astype(int),
            "work_pattern": text(remote),
            "relocation": text(np.where(relocate, "yes", "no")),
            "other_processes": other,
            "days_in_process": days,
            "source": text(np.array(SOURCES)[source]),
            "already_resigned": text(np.where(resigned, "yes", "no")),
            "screening_note": text(_prose(rng, pools, rng.integers(5, 11, n))),
        }
    )
    return frame, z, resigned, rng


def _accepted(z, resigned, rng) -> np.ndarray:
    """Accepted (about 60%); 96% of those already resigned."""
    return _ruled(outcome(z, 0.58, rng), resigned, 0.96, rng)


OFFER_INPUTS = ("offer_ref", "candidate", "offered_on")


def offer_accepted(n: int, seed: int) -> Case:
    """Accepted; split by candidate (a candidate's offers on one side), the client code among
    the inputs, the offer reference declared an id."""
    frame, z, resigned, rng = _offers(n, seed)
    feats = [c for c in frame.columns if c not in OFFER_INPUTS]
    return Case(
        "offer_accepted",
        frame,
        _accepted(z, resigned, rng),
        "binary",
        feats,
        split="group",
        group="candidate",
        ids=["offer_ref"],
    )


def days_to_answer(n: int, seed: int) -> Case:
    """Working days from the offer to the candidate's answer (0 to 10: an offer lapses after
    ten working days): zero for about a third (an answer on the day), longer for those in other
    processes, with a long notice or a relocation."""
    frame, z, resigned, rng = _offers(n, seed)
    other = np.minimum(frame["other_processes"].to_numpy(), 4)
    slow = 0.6 + 0.9 * other + 0.12 * frame["notice_weeks"].to_numpy()
    slow = slow + 1.5 * (frame["relocation"] == "yes").to_numpy()
    on_the_day = rng.random(n) < 1 / (1 + np.exp(-(z - 0.6 * other + 2 * resigned - 0.4)))
    wait = np.where(on_the_day, 0, np.round(rng.gamma(2.5, slow / 2.5)))
    feats = [c for c in frame.columns if c not in OFFER_INPUTS]
    return Case(
        "days_to_answer",
        frame,
        np.minimum(wait, 10).astype(int),
        "regression",
        feats,
        split="random",
        ids=["offer_ref"],
    )


# -- a hotel group's bookings -------------------------------------------------------------------
HOTELS = ["city_centre", "airport", "seafront", "old_town", "business_park", "lakeside"]
BOOKING_CHANNELS = ["direct_web", "phone", "online_agency", "corporate", "tour_operator"]
ROOMS = ["standard", "double", "twin", "family", "suite"]
BOARDS = ["room_only", "breakfast", "half_board"]
DEPOSITS = ["none", "partial", "non_refundable"]


def _bookings(n: int, seed: int):
    """Bookings made in 2023 and 2024: a booking number, the guest (a few guests book many
    times: their earlier stays and cancellations repeat), the hotel, the channel, the day
    booked, lead days (capped at 365: the booking engine opens a year ahead), the arrival's
    month and weekday, nights, adults and children, the room and the board, the rate a night
    with pence, the deposit (non-refundable bookings are nearly never cancelled), earlier
    stays and cancellations (zero for most), special requests, parking, the loyalty programme;
    the log-odds of a cancellation and the non-refundable."""
    rng = np.random.default_rng(seed)
    guests = max(40, int(n / 1.35))
    guest = _codes(rng, guests, n, 1.3)
    fickle = rng.normal(0, 1, guests)[guest]
    hotel = rng.choice(len(HOTELS), n, p=[0.26, 0.14, 0.18, 0.16, 0.14, 0.12])
    channel = rng.choice(len(BOOKING_CHANNELS), n, p=[0.3, 0.08, 0.38, 0.14, 0.1])
    lead = np.minimum(np.round(rng.gamma(0.9, 60, n)), 365).astype(int)
    booked = pd.Series(_on("2023-01-01", rng.integers(0, 700, n)))
    arrival = booked + pd.to_timedelta(lead, unit="D")
    nights = np.clip(1 + rng.poisson(1.4 + 2 * (hotel == 2)), 1, 14)
    adults = np.clip(1 + rng.poisson(0.8, n), 1, 4)
    children = np.where(rng.random(n) < 0.8, 0, rng.integers(1, 4, n))
    room = np.where(children > 0, 3, rng.choice(5, n, p=[0.3, 0.35, 0.2, 0.05, 0.1]))
    rate = np.round(
        np.choose(room, [79, 96, 92, 138, 210]) * rng.lognormal(0, 0.18, n) + 20 * (hotel == 0),
        2,
    )
    deposit = rng.choice(3, n, p=[0.62, 0.24, 0.14])
    deposit = np.where(channel == 3, 0, deposit)
    stays = np.where(rng.random(n) < 0.75, 0, rng.poisson(2.5, n))
    earlier = np.where(rng.random(n) < 0.85, 0, 1 + rng.poisson(0.6 + 0.4 * (fickle > 0)))
    requests = np.where(rng.random(n) < 0.55, 0, rng.poisson(1.3, n) + 1)
    z = (
        0.7 * fickle
        + 0.35 * np.log1p(lead)
        + 0.5 * (channel == 2)
        - 0.6 * (channel == 3)
        + 0.3 * (channel == 4)
        + 0.45 * np.minimum(earlier, 4)
        - 0.2 * np.minimum(stays, 5)
        - 0.25 * requests
        - 0.3 * (deposit == 1)
        + 0.004 * (rate - 100)
        + 0.2 * (hotel == 1)
    )
    frame = pd.DataFrame(
        {
            "booking_no": text([f"BK{k:08d}" for k in rng.choice(99_999_999, n, False)]),
            "guest": text([f"G{k:06d}" for k in guest]),
            "hotel": text(np.array(HOTELS)[hotel]),
            "channel": text(np.array(BOOKING_CHANNELS)[channel]),
            "booked_on": booked,
            "lead_days": lead,
            "arrival_month": arrival.dt.month.to_numpy(),
            "arrival_weekday": text(arrival.dt.day_name().str[:3].to_numpy()),
            "nights": nights,
            "adults": adults,
            "children": children,
            "room_type": text(np.array(ROOMS)[room]),
            "board": text(rng.choice(BOARDS, n, p=[0.35, 0.5, 0.15])),
            "rate_per_night": rate,
            "deposit": text(np.array(DEPOSITS)[deposit]),
            "earlier_stays": stays,
            "earlier_cancellations": earlier,
            "special_requests": requests,
            "parking": text(np.where(rng.random(n) < 0.2, "yes", "no")),
            "loyalty_member": text(np.where(rng.random(n) < 0.15 + 0.2 * (stays > 0), "yes", "no")),
        }
    )
    return frame, z, deposit == 2, rng


def _booking_outcome(z, prepaid, rng) -> np.ndarray:
    """Stayed (0), cancelled (1, about a fifth; 2% of the non-refundable) or a no-show (2,
    about 4%)."""
    cancelled = _spared(outcome(z, 0.26, rng), prepaid, 0.02, rng)
    noshow = (cancelled == 0) & (outcome(0.5 * z, 0.045, rng) == 1)
    return np.where(noshow, 2, cancelled)


BOOKING_INPUTS = ("booking_no", "guest", "booked_on")


def booking_cancelled(n: int, seed: int) -> Case:
    """Cancelled; split in time on the day booked, returning guests' columns on both sides."""
    frame, z, prepaid, rng = _bookings(n, seed)
    y = (_booking_outcome(z, prepaid, rng) == 1).astype(int)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    return Case(
        "booking_cancelled",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="booked_on",
        ids=["booking_no"],
    )


def booking_outcome(n: int, seed: int) -> Case:
    """Stayed, cancelled or a no-show (three classes); split stratified."""
    frame, z, prepaid, rng = _bookings(n, seed)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    y = _booking_outcome(z, prepaid, rng)
    return Case("booking_outcome", frame, y, "multiclass", feats, ids=["booking_no"])


# -- a mobile operator's SIM swaps --------------------------------------------------------------
SWAP_CHANNELS = ["store", "call_centre", "online", "dealer"]
ID_CHECKS = ["document_scan", "security_questions", "code_to_old_sim", "store_id_check"]
REQUEST_WORDS = ["phone", "lost", "stolen", "broken", "screen", "new", "handset", "esim"]
REQUEST_WORDS += ["upgrade", "travel", "abroad", "urgent", "today", "water", "damage", "nano"]
REQUEST_WORDS += ["card", "size", "replacement", "customer", "says", "needs", "working"]


def _swaps(n: int, seed: int):
    """SIM swap requests in 2024: a request id, the subscriber's number (a few ask several
    times), the minute requested, the channel, the plan, the account's age in months (capped at
    120: the billing system's migration), the device's age, a number ported in within 90 days,
    a password reset in the 24 hours before (an honest strong signal), swaps in 12 months (zero
    for most), the identity check (a code sent to the old SIM: fraudsters nearly never pass it),
    the hour, km from the store to the billing address (blank unless in a store or a dealer's),
    a banking app linked to the number, the monthly spend with pence, the agent's months in the
    job (blank online), the agent's note at the request; the log-odds of fraud and the swaps
    confirmed on the old SIM."""
    rng = np.random.default_rng(seed)
    subscribers = max(40, int(n / 1.15))
    sub = _codes(rng, subscribers, n, 0.6)
    channel = rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])
    check = np.select(
        [channel == 2, channel == 1],
        [rng.choice([1, 2], n, p=[0.4, 0.6]), rng.choice([1, 2], n, p=[0.7, 0.3])],
        rng.choice([0, 3], n, p=[0.6, 0.4]),
    )
    postpaid = (rng.random(subscribers) < 0.6)[sub]
    age = np.minimum(np.round(rng.exponential(40, subscribers)), 120).astype(int)[sub]
    reset = rng.random(n) < 0.05
    ported = (rng.random(subscribers) < 0.04)[sub]
    swaps = np.where(rng.random(n) < 0.85, 0, 1 + rng.poisson(0.5, n))
    at = _on("2024-01-01", rng.integers(0, 366 * 24 * 60, n), "min")
    hour = at.hour.to_numpy()
    in_person = np.isin(channel, [0, 3])
    km = np.where(
        in_person, np.round(rng.lognormal(1.6 + 0.4 * (rng.random(n) < 0.1), 0.9), 1), np.nan
    )
    banking = (rng.random(subscribers) < 0.55)[sub]
    z = (
        1.6 * reset
        + 1.0 * ported
        - 0.012 * age
        + 0.35 * np.minimum(swaps, 3)
        + 0.6 * (channel == 3)
        + 0.4 * (channel == 2)
        + 0.5 * ((hour < 7) | (hour > 21))
        + 0.6 * banking
        - 0.5 * postpaid
        + 0.25 * np.log1p(np.nan_to_num(km, nan=0.0)) * in_person
    )
    frame = pd.DataFrame(
        {
            "request_id": text([f"SW{k:08d}" for k in rng.choice(99_999_999, n, False)]),
            "subscriber": text([f"07{k:09d}" for k in sub * 7919 + 100_000]),
            "requested_at": at,
            "channel": text(np.array(SWAP_CHANNELS)[channel]),
            "plan": text(np.where(postpaid, "postpaid", "prepaid")),
            "account_age_months": age,
            "device_age_months": np.minimum(np.round(rng.gamma(2, 9, n)), 60).astype(int),
            "ported_in_90d": text(np.where(ported, "yes", "no")),
            "password_reset_24h": text(np.where(reset, "yes", "no")),
            "swaps_12m": swaps,
            "id_check": text(np.array(ID_CHECKS)[check]),
            "hour": hour,
            "km_store_to_address": km,
            "banking_app_linked": text(np.where(banking, "yes", "no")),
            "monthly_spend": np.round(
                np.where(postpaid, rng.lognormal(3.3, 0.4, n), rng.lognormal(2.3, 0.6, n)), 2
            ),
            "agent_months": np.where(channel == 2, np.nan, np.round(rng.exponential(20, n) + 1)),
            "request_note": text(_prose(rng, [REQUEST_WORDS] * n, rng.integers(4, 9, n))),
        }
    )
    return frame, z, check == 2, rng


def _fraud(z, confirmed, rng) -> np.ndarray:
    """Fraud (about 6%): 0.3% of the swaps confirmed by a code to the old SIM."""
    return _spared(outcome(z, 0.075, rng), confirmed, 0.003, rng)


SWAP_INPUTS = ("request_id", "subscriber", "requested_at")


def swap_fraud(n: int, seed: int) -> Case:
    """Fraud; split in time on the minute requested, the request id declared an id."""
    frame, z, confirmed, rng = _swaps(n, seed)
    feats = [c for c in frame.columns if c not in SWAP_INPUTS]
    return Case(
        "swap_fraud",
        frame,
        _fraud(z, confirmed, rng),
        "binary",
        feats,
        split="time",
        time="requested_at",
        ids=["request_id"],
    )


def handling_minutes(n: int, seed: int) -> Case:
    """Minutes the request took to handle, whole minutes, 45 at most (the contact system closes
    a request it has held that long): online requests take one or two."""
    frame, _, _, rng = _swaps(n, seed)
    channel = frame["channel"].to_numpy()
    minutes = np.select(
        [channel == "online", channel == "call_centre"],
        [rng.integers(1, 3, n), np.round(rng.gamma(3, 3, n))],
        np.round(rng.gamma(2.5, 6, n) + 2 * (frame["id_check"] == "document_scan")),
    )
    minutes = minutes + np.round(rng.exponential(2, n) * (frame["password_reset_24h"] == "yes"))
    feats = [c for c in frame.columns if c not in SWAP_INPUTS]
    return Case(
        "handling_minutes",
        frame,
        np.minimum(minutes, 45).astype(int),
        "regression",
        feats,
        split="random",
        ids=["request_id"],
    )


# -- a vet practice's booster vaccinations ------------------------------------------------------
BRANCHES = ["harbour", "high_street", "meadow", "station", "westfield"]
SPECIES = ["dog", "cat", "rabbit"]
BREEDS = {"dog": 40, "cat": 14, "rabbit": 6}
REMINDERS = ["sms", "email", "post", "none"]


def _boosters(n: int, seed: int):
    """Pets due a booster in 2024: a pet id, the owner (a household with several pets repeats
    its columns), the branch, the day due, the species and breed, age in years, neutered,
    microchipped, the health plan (its boosters booked in automatically: nearly never missed),
    the reminder channel (none without consent), km to the branch, boosters missed before (zero
    for most), visits in 12 months (zero for many), insured, the last weight (blank for pets
    not weighed in the year), the owner's 0-10 survey answer (blank for four in five); the
    log-odds of a missed booster and the plan members."""
    rng = np.random.default_rng(seed)
    owners = max(40, int(n / 1.5))
    owner = _codes(rng, owners, n, 0.5)
    care = rng.normal(0, 1, owners)[owner]
    branch = rng.choice(5, owners, p=[0.24, 0.22, 0.2, 0.18, 0.16])[owner]
    species = rng.choice(3, n, p=[0.58, 0.36, 0.06])
    breed = np.array([rng.integers(0, BREEDS[SPECIES[s]]) for s in species])
    age = np.round(rng.gamma(2.2, 2.6, n) + 1.0, 1)
    plan = (rng.random(owners) < 0.3)[owner] & (rng.random(n) < 0.9)
    reminder = rng.choice(4, owners, p=[0.45, 0.3, 0.15, 0.1])[owner]
    km = np.round(rng.lognormal(1.2, 0.7, owners), 1)[owner]
    missed_before = np.where(rng.random(n) < 0.8, 0, 1 + rng.poisson(0.4 + 0.4 * (care < 0)))
    visits = rng.poisson(np.exp(0.2 + 0.4 * care) * (1 + 0.3 * (age > 9)))
    weighed = visits > 0
    weight = np.select(
        [species == 0, species == 1],
        [rng.lognormal(2.9, 0.5, n), rng.lognormal(1.45, 0.2, n)],
        rng.lognormal(0.7, 0.25, n),
    )
    answered = rng.random(n) < 0.12 + 0.12 * (care > 0)
    survey = np.clip(np.round(7.5 + 1.2 * care + rng.normal(0, 1.5, n)), 0, 10)
    insured = rng.random(n) < 0.2 + 0.3 * (species == 0)
    z = (
        -0.9 * care
        + 0.6 * np.minimum(missed_before, 3)
        - 0.25 * np.minimum(visits, 4)
        + 0.12 * km
        + 0.7 * (reminder == 3)
        - 0.3 * (reminder == 0)
        + 0.35 * (species == 1)
        + 0.5 * (species == 2)
        + 0.06 * (age - 6)
        - 0.3 * insured
    )
    frame = pd.DataFrame(
        {
            "pet_id": text([f"P{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "owner": text([f"OWN{k:06d}" for k in owner]),
            "branch": text(np.array(BRANCHES)[branch]),
            "due_on": _on("2024-01-01", rng.integers(0, 300, n)),
            "species": text(np.array(SPECIES)[species]),
            "breed": text([f"{SPECIES[s]}_{b:02d}" for s, b in zip(species, breed, strict=True)]),
            "age_years": age,
            "neutered": text(np.where(rng.random(n) < 0.7, "yes", "no")),
            "microchipped": text(np.where(rng.random(n) < 0.88, "yes", "no")),
            "health_plan": text(np.where(plan, "yes", "no")),
            "reminder_channel": text(np.array(REMINDERS)[reminder]),
            "km_to_branch": km,
            "boosters_missed_before": missed_before,
            "visits_12m": visits,
            "insured": text(np.where(insured, "yes", "no")),
            "last_weight_kg": np.where(weighed, np.round(weight, 1), np.nan),
            "owner_survey_0_10": np.where(answered, survey, np.nan),
        }
    )
    return frame, z, plan, care, rng


def _weeks_late(z, plan, rng) -> np.ndarray:
    """Weeks after the due day the booster was given, 0 for on time, 12 for a booster not
    given within twelve weeks (the course restarts); missed = more than four weeks (about a
    fifth; 2% of the plan members); the prompter the owner, the sooner."""
    n = len(z)
    missed = _spared(outcome(z, 0.26, rng), plan, 0.02, rng)
    prompt = 1 / (1 + np.exp(2 * z + 0.2))
    on_time = np.where(rng.random(n) < prompt, 0, rng.integers(1, 5, n))
    lost = 1 / (1 + np.exp(-(2 * z + 0.6)))
    late = np.where(rng.random(n) < lost, 12, rng.integers(5, 12, n))
    return np.where(missed == 1, late, on_time)


BOOSTER_INPUTS = ("pet_id", "owner", "due_on")


def booster_missed(n: int, seed: int) -> Case:
    """Missed (more than four weeks late); split by owner, the pet id declared an id."""
    frame, z, plan, _, rng = _boosters(n, seed)
    y = (_weeks_late(z, plan, rng) > 4).astype(int)
    feats = [c for c in frame.columns if c not in BOOSTER_INPUTS]
    return Case(
        "booster_missed", frame, y, "binary", feats, split="group", group="owner", ids=["pet_id"]
    )


def weeks_late(n: int, seed: int) -> Case:
    """Weeks late (0 to 12: zero for about a third, a sixth piled at 12)."""
    frame, z, plan, _, rng = _boosters(n, seed)
    feats = [c for c in frame.columns if c not in BOOSTER_INPUTS]
    return Case(
        "weeks_late",
        frame,
        _weeks_late(z, plan, rng),
        "regression",
        feats,
        split="random",
        ids=["pet_id"],
    )


NULL_FAMILIES = {
    "permit_late": permit_late,
    "weeks_to_decision": weeks_to_decision,
    "offer_accepted": offer_accepted,
    "days_to_answer": days_to_answer,
    "booking_cancelled": booking_cancelled,
    "booking_outcome": booking_outcome,
    "swap_fraud": swap_fraud,
    "handling_minutes": handling_minutes,
    "booster_missed": booster_missed,
    "weeks_late": weeks_late,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 21) % 6], so consecutive seeds take all six
NULL_SIZES = (700, 1_100, 1_600, 2_400, 3_400, 5_000)
NULL_MIN_SIZE = {"swap_fraud": 2_400, "permit_late": 1_100, "booking_outcome": 1_100}


# -- the extracts leaks are planted in ----------------------------------------------------------
def permits(n: int, seed: int) -> Case:
    """Applications decided late (about a fifth), split stratified, the day validated
    declared, the application reference declared an id."""
    frame, z, listed, rng = _permits(n, seed)
    feats = [c for c in frame.columns if c not in PERMIT_INPUTS]
    y = _late(frame, z, listed, rng)
    return Case("permits", frame, y, "binary", feats, time="validated_on", ids=["application_ref"])


def offers(n: int, seed: int) -> Case:
    """Offers accepted (about 60%), split stratified, the day offered declared."""
    frame, z, resigned, rng = _offers(n, seed)
    feats = [c for c in frame.columns if c not in OFFER_INPUTS]
    y = _accepted(z, resigned, rng)
    return Case("offers", frame, y, "binary", feats, time="offered_on", ids=["offer_ref"])


def bookings(n: int, seed: int) -> Case:
    """Bookings cancelled (about a fifth), split stratified, the day booked declared."""
    frame, z, prepaid, rng = _bookings(n, seed)
    feats = [c for c in frame.columns if c not in BOOKING_INPUTS]
    y = (_booking_outcome(z, prepaid, rng) == 1).astype(int)
    return Case("bookings", frame, y, "binary", feats, time="booked_on", ids=["booking_no"])


def swaps(n: int, seed: int) -> Case:
    """SIM swaps that were fraud (about 6%), split stratified, the minute requested declared."""
    frame, z, confirmed, rng = _swaps(n, seed)
    feats = [c for c in frame.columns if c not in SWAP_INPUTS]
    y = _fraud(z, confirmed, rng)
    return Case("sim_swaps", frame, y, "binary", feats, time="requested_at", ids=["request_id"])


def boosters(n: int, seed: int) -> Case:
    """Boosters missed (about a fifth), split stratified, the day due declared."""
    frame, z, plan, _, rng = _boosters(n, seed)
    feats = [c for c in frame.columns if c not in BOOSTER_INPUTS]
    y = (_weeks_late(z, plan, rng) > 4).astype(int)
    return Case("boosters", frame, y, "binary", feats, time="due_on", ids=["pet_id"])


# -- leaks in the planning extract --------------------------------------------------------------
def decision_issued(case: Case, share: float, rng) -> Case:
    """'decision_issued_on': the day the decision notice went out. For this share of the late
    applications, after the statutory weeks (two weeks to eight months past them); for every
    other application within them, sooner when few consultees were asked."""
    n = case.rows
    limit = 7 * case.frame["statutory_weeks"].to_numpy()
    consultees = case.frame["consultees_required"].to_numpy()
    within = np.minimum(np.round(limit * rng.beta(4 + consultees, 2, n)), limit)
    after = limit + rng.integers(14, 240, n)
    lag = np.where((case.y == 1) & _some(n, share, rng), after, within)
    issued = case.frame["validated_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"decision_issued_on": issued.to_numpy()})


def case_log(case: Case, share: float, rng) -> Case:
    """'case_log_entries': entries in the application's log at the extract's date: the routine
    ones (validation, consultations, site visit, report: more with more consultees and
    objections) and, for this share of the late applications, the system's weekly reminders
    once the statutory weeks had passed (one to ten)."""
    n = case.rows
    routine = (
        3
        + rng.poisson(1 + 1.3 * case.frame["consultees_required"].to_numpy())
        + np.minimum(case.frame["objections_21d"].to_numpy(), 6)
    )
    reminders = rng.integers(1, 11, n)
    value = routine + np.where((case.y == 1) & _some(n, share, rng), reminders, 0)
    return add_columns(case, {"case_log_entries": value})


def officer_share(case: Case, rows_per_key: float, rng) -> Case:
    """'officer_late_share': the case officer's share of late decisions over the whole extract
    (the row's own included), to three places, the officer code kept; about this many
    applications per officer."""
    keys = max(2, int(case.rows / rows_per_key))
    officer = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(officer).transform("mean").to_numpy()
    return add_columns(
        case,
        {
            "case_officer": text([f"OFF{k:04d}" for k in officer]),
            "officer_late_share": np.round(rate, 3),
        },
        leak=["officer_late_share"],
    )


# -- leaks in the offer extract -----------------------------------------------------------------
def debrief_score(case: Case, auc: float, rng) -> Case:
    """'debrief_score_1_10': the hiring manager's score of the candidate, whole numbers 1 to
    10, entered at the debrief after the candidate's answer: higher for those who accepted, as
    strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    score = np.clip(np.round(5 + 1.5 * value), 1, 10).astype(int)
    return add_columns(case, {"debrief_score_1_10": score})


def pipeline_copies(case: Case, share: float, rng) -> Case:
    """This share of the offers exported a second time from another recruiter's pipeline (the
    same offer reference, the recruiter changed, the notice re-keyed as the candidate gave it
    the second time for a third of them), appended to the extract: each pair can fall on both
    sides of the split."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    copies["recruiter"] = text([f"rec_{k:02d}" for k in rng.integers(1, 13, len(twice))])
    rekeyed = rng.random(len(twice)) < 0.33
    notice = copies["notice_weeks"].to_numpy()
    copies["notice_weeks"] = np.where(rekeyed, rng.choice([1, 4, 8, 12], len(twice)), notice)
    frame = pd.concat([case.frame, copies], ignore_index=True)
    y = np.concatenate([case.y, case.y[twice]])
    return replace(case, frame=frame, y=y, leak=[])


def contract_salary(case: Case, share: float, rng) -> Case:
    """'salary_in_contract': for this share of the accepted offers, the salary negotiated up
    before the contract was signed (3% to 10% over the offer, to the nearest 500); for every
    other offer the figure as offered, revised by 2% to 5% either way for one in ten (an offer
    revised before the answer). The salary offered is already an input: neither is out of the
    ordinary alone."""
    n = case.rows
    offered = case.frame["salary_offered"].to_numpy()
    revised = np.where(_some(n, 0.1, rng), rng.uniform(0.02, 0.05, n) * rng.choice([-1, 1], n), 0)
    uplift = np.where((case.y == 1) & _some(n, share, rng), rng.uniform(0.03, 0.1, n), revised)
    return add_columns(case, {"salary_in_contract": np.round(offered * (1 + uplift) / 500) * 500})


# -- leaks in the booking extract ---------------------------------------------------------------
def agency_commission(case: Case, share: float, rng) -> Case:
    """'agency_commission': the commission the online agency invoiced, with pence: 0 for every
    booking made through another channel; 15% to 18% of the stay's value for the agency's
    bookings, refreshed to 0 once cancelled for this share of its cancelled bookings (no
    commission on a cancellation; the others still carry the commission as booked)."""
    n = case.rows
    agency = (case.frame["channel"] == "online_agency").to_numpy()
    value = case.frame["rate_per_night"].to_numpy() * case.frame["nights"].to_numpy()
    commission = np.round(value * rng.uniform(0.15, 0.18, n), 2)
    refreshed = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"agency_commission": np.where(agency & ~refreshed, commission, 0.0)})


def censored_arrivals(case: Case, share: float, rng) -> Case:
    """'arrival_on': the day of arrival, with the extract taken on the day after which this
    share of the arrivals fall: a booking arriving later had had only part of its lead time to
    be cancelled, and its cancellation is recorded with that chance only (the rest are counted
    as stays: right-censored)."""
    booked = case.frame["booked_on"]
    arrival = booked + pd.to_timedelta(case.frame["lead_days"].to_numpy(), unit="D")
    extract = arrival.quantile(1 - share)
    lead = np.maximum(case.frame["lead_days"].to_numpy(), 1)
    elapsed = np.clip((extract - booked).dt.days.to_numpy() / lead, 0, 1)
    later = (arrival > extract).to_numpy()
    seen = ~later | (rng.random(case.rows) < elapsed)
    y = np.where(seen, case.y, 0)
    leaky = add_columns(case, {"arrival_on": arrival.to_numpy()})
    return replace(leaky, y=y)


def record_numbers(case: Case, share: float, rng) -> Case:
    """'record_no': the row's number in the file, an input nobody declared an id. The file is
    the booking system's live table in the order of the day booked, with this share of the
    cancelled bookings archived and appended after it (in the same order): their numbers are
    the last."""
    n = case.rows
    archived = (case.y == 1) & _some(n, share, rng)
    booked = case.frame["booked_on"].to_numpy()
    order = np.lexsort((booked, archived))
    number = np.empty(n, dtype=int)
    number[order] = np.arange(1, n + 1)
    return add_columns(case, {"record_no": number})


# -- leaks in the swap extract ------------------------------------------------------------------
ROUTINE_BACK = [
    "new sim activated, customer confirmed service working",
    "esim profile downloaded, customer confirmed by text",
    "sim posted to billing address, activation confirmed",
    "store confirmed identity documents were checked",
    "courier delivered replacement sim, signed for",
    "customer called to confirm new handset is working",
    "no further action needed, request closed",
    "number ported settings checked, data working",
    "sent welcome text for the new sim",
    "routine check for fraud, nothing found, closed",
]
FRAUD_BACK = [
    "real customer reported no service, swap reversed, line barred",
    "account holder denied the request, sim cancelled, fraud case opened",
    "bank alerted us, line barred, police reference taken",
    "victim called from another phone, swap reversed, fraud team informed",
]


SIGN_OFFS = ["", "", ", customer told by text"]


def back_office_note(case: Case, share: float, rng) -> Case:
    """'back_office_note': the back office's note on the swap, written days after it, from its
    usual phrases (one mentions a routine fraud check), some with a sign-off; for this share of
    the frauds the fraud team's phrases instead (reversed, barred, a fraud case opened)."""
    n = case.rows
    routine = np.array(ROUTINE_BACK, dtype=object)[rng.integers(0, len(ROUTINE_BACK), n)]
    fraud = np.array(FRAUD_BACK, dtype=object)[rng.integers(0, len(FRAUD_BACK), n)]
    chosen = np.where((case.y == 1) & _some(n, share, rng), fraud, routine)
    sign = np.array(SIGN_OFFS, dtype=object)[rng.integers(0, len(SIGN_OFFS), n)]
    return add_columns(case, {"back_office_note": text(chosen + sign)})


def first_attach(case: Case, share: float, rng) -> Case:
    """'minutes_to_first_attach': minutes from the swap to the new SIM's first registration on
    the network, blank when it had not registered by the extract's date (about a tenth: SIMs
    posted or never inserted) and for this share of the frauds (the line barred before the SIM
    was used); otherwise unrelated to the outcome."""
    n = case.rows
    minutes = np.round(rng.lognormal(2.5, 1.4, n))
    unused = _some(n, 0.1, rng) | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"minutes_to_first_attach": np.where(unused, np.nan, minutes)})


def hours_active(case: Case, share: float, rng) -> Case:
    """'hours_active': hours from the swap until the line was barred for this share of the
    frauds (one to three days), until the extract's date (the year's end) for every other swap,
    at most 720 (the 30 days the fraud report looks at)."""
    n = case.rows
    to_end = (pd.Timestamp("2025-01-01") - case.frame["requested_at"]).dt.total_seconds()
    to_end = np.minimum(np.floor(to_end.to_numpy() / 3600), 720)
    barred = rng.integers(1, 73, n)
    value = np.where((case.y == 1) & _some(n, share, rng), barred, to_end)
    return add_columns(case, {"hours_active": value.astype(int)})


# -- leaks in the vaccination extract -----------------------------------------------------------
def reminder_stage(case: Case, share: float, rng) -> Case:
    """'reminder_stage': the reminder workflow's stage at the extract's date: 'final_letter' or
    'course_restart_due' for this share of the missed boosters; for every other pet the stage
    the booster was given at ('first_reminder', 'second_reminder', 'booked', 'none'), and the
    final letter for 2% of those given late within the four weeks."""
    n = case.rows
    last = rng.choice(["final_letter", "course_restart_due"], n, p=[0.6, 0.4])
    routine = rng.choice(["first_reminder", "second_reminder", "booked", "none"], n)
    routine = np.where(_some(n, 0.02, rng), "final_letter", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), last, routine)
    return add_columns(case, {"reminder_stage": text(value)})


def branch_recency(case: Case, share: float, rng) -> Case:
    """'days_since_last_visit': days since the pet's last visit, counted at the due day (from
    its visits in the year: up to 730, the records kept) in every branch but the harbour one,
    whose system, for this share of its rows, counted them at the extract's date three months
    after: a week to eleven weeks for the pets given their booster, the days at the due day
    plus 90 for those who missed it."""
    n = case.rows
    visits = case.frame["visits_12m"].to_numpy()
    at_due = np.where(
        visits > 0, rng.integers(1, 366, n) / (1 + 0.5 * visits), rng.integers(366, 731, n)
    )
    at_due = np.round(at_due).astype(int)
    harbour = (case.frame["branch"] == "harbour").to_numpy()
    at_extract = np.where(case.y == 1, np.minimum(at_due + 90, 730), rng.integers(7, 78, n))
    value = np.where(harbour & _some(n, share, rng), at_extract, at_due)
    return add_columns(case, {"days_since_last_visit": value})


def breed_band(case: Case, rows_per_key: float, rng) -> Case:
    """'breed_miss_band': each breed's share of missed boosters over the whole extract (the
    row's own included) as a word ('never', 'rare', 'usual', 'often', 'mostly'), the breed code
    (regenerated, about this many pets a breed) kept."""
    keys = max(2, int(case.rows / rows_per_key))
    breed = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(breed).transform("mean").to_numpy()
    words = np.array(["never", "rare", "usual", "often", "mostly"])
    band = words[np.digitize(rate, [1e-9, 0.15, 0.35, 0.6])]
    frame = case.frame.copy()
    frame["breed"] = text([f"breed_{b:04d}" for b in breed])
    frame["breed_miss_band"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "breed_miss_band"],
        leak=["breed_miss_band"],
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "decision_issued": (decision_issued, (1.0, 0.7, 0.45), permits),
    "case_log": (case_log, (1.0, 0.5, 0.25), permits),
    "officer_share": (officer_share, (3.0, 6.0, 12.0), permits),
    "debrief_score": (debrief_score, (0.95, 0.85, 0.75), offers),
    "pipeline_copies": (pipeline_copies, (0.4, 0.25, 0.12), offers),
    "contract_salary": (contract_salary, (1.0, 0.6, 0.3), offers),
    "agency_commission": (agency_commission, (1.0, 0.6, 0.3), bookings),
    "censored_arrivals": (censored_arrivals, (0.45, 0.3, 0.2), bookings),
    "record_numbers": (record_numbers, (1.0, 0.6, 0.3), bookings),
    "back_office_note": (back_office_note, (0.9, 0.65, 0.4), swaps),
    "first_attach": (first_attach, (1.0, 0.6, 0.35), swaps),
    "hours_active": (hours_active, (1.0, 0.5, 0.25), swaps),
    "reminder_stage": (reminder_stage, (0.8, 0.4, 0.2), boosters),
    "branch_recency": (branch_recency, (1.0, 0.7, 0.45), boosters),
    "breed_band": (breed_band, (3.0, 8.0, 16.0), boosters),
}
PLANTED_WHAT = {
    "decision_issued": "the day the decision notice went out: past the statutory weeks for this "
    "share of the late applications, within them for every other one",
    "case_log": "entries in the application's log, the weekly deadline reminders counted for "
    "this share of the late applications",
    "officer_share": "each case officer's late share over the whole extract, the officer code "
    "kept; about this many applications per officer",
    "debrief_score": "the hiring manager's 1-10 debrief score, entered after the candidate's "
    "answer, as strong as this AUC",
    "pipeline_copies": "this share of the offers exported a second time from another "
    "recruiter's pipeline, the notice re-keyed for a third of them, before the split",
    "contract_salary": "the salary in the contract beside the salary offered, negotiated up "
    "for this share of the accepted offers (a few others revised either way)",
    "agency_commission": "the online agency's commission refreshed to 0 for this share of its "
    "cancelled bookings (0 honestly for every other channel)",
    "censored_arrivals": "the arrival day, the extract taken before this share of the "
    "arrivals: their later cancellations not yet recorded",
    "record_numbers": "the row's number in the file, with this share of the cancelled bookings "
    "archived and appended at its end",
    "back_office_note": "the fraud team's words (reversed, barred, fraud case) in the back "
    "office's note for this share of the frauds",
    "first_attach": "minutes to the new SIM's first registration blank for this share of the "
    "frauds (the line barred), blank honestly for a tenth",
    "hours_active": "hours a line was active until it was barred for this share of the frauds, "
    "until the extract's date for everyone else",
    "reminder_stage": "the reminder workflow's last stages for this share of the missed "
    "boosters (the final letter for 2% of the others)",
    "branch_recency": "days since the last visit counted at the extract's date in this share "
    "of one branch's rows (at the due day elsewhere)",
    "breed_band": "each breed's miss share over the whole extract as a word, the breed code "
    "kept; about this many pets a breed",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "decision_issued": {"time_order"},
    "case_log": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "officer_share": {"target_encoding"},
    "debrief_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "pipeline_copies": {"near_duplicates", "shared_rows"},
    "contract_salary": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "agency_commission": {
        "segment_leaks",
        "changed_figures",
        "pure_subsets",
        "single_feature",
        "outcome_copy",
    },
    "censored_arrivals": {"right_censoring"},
    "record_numbers": {"identifiers"},
    "back_office_note": {
        "pure_subsets",
        "label_proxies",
        "outcome_copy",
        "label_words",
        "post_outcome_text",
    },
    "first_attach": {"missingness_signal"},
    "hours_active": {"follow_up_duration", "pure_subsets"},
    "reminder_stage": {"pure_subsets", "label_proxies", "outcome_copy"},
    "branch_recency": {"segment_leaks"},
    "breed_band": {"target_encoding"},
}
COPIES_BEFORE_SPLIT = {"pipeline_copies"}
ROW_LEAK_CHECKS = {
    "pipeline_copies": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date): left out when the generation was written, added after its
    # run with both scorings reported
    "censored_arrivals": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
