"""The nineteenth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (39,000 and up). Other domains and shapes than
every family before it: a concert promoter's shows selling out, a removal firm's house moves
ending with a damage claim, a dental laboratory's crowns sent back to be remade, a golf club's
tee-time bookings where nobody turns up and a software company's bug bounty reports accepted as
valid — null families of realistic shapes with the honest confusers consultants meet in such
extracts, and leaks planted in a show extract, a move extract, a crown extract, a tee-time
extract and a report extract by generators of their own, each graded by three strengths.

The eighteenth generation (benchmarks/calibration_eighteenth.py) is the kept-aside set of the
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


# -- a concert promoter's shows -----------------------------------------------------------------
VENUES = ["club", "theatre", "ballroom", "academy", "arena", "festival_tent"]
VENUE_SHARES = [0.3, 0.2, 0.15, 0.2, 0.08, 0.07]
VENUE_CAPACITY = np.array([250, 900, 1_600, 2_300, 9_000, 4_000])
VENUE_EFFECT = np.array([0.5, 0.2, 0.0, -0.1, -0.6, -0.3])
GENRES = ["indie", "metal", "hip_hop", "pop", "folk", "electronic", "comedy", "jazz"]
GENRE_EFFECT = np.array([0.2, 0.3, 0.1, 0.4, -0.2, 0.0, 0.3, -0.5])


def _shows(n: int, seed: int):
    """Shows put on sale over three years: the show, the artist (most tour more than once), the
    minute tickets went on sale, the venue's kind and capacity, the genre, the face price, the
    fan-club presale sign-ups (zero for many), the artist's earlier sell-outs, the days between
    on-sale and the show (capped at the 180 the ticketing contract allows), a weekend show, a
    support act announced, the booker's 1-5 demand rating at the offer; the log-odds of a sell-out
    and those the rule settles (a club show with a fan-club presale nearly always sells out)."""
    rng = np.random.default_rng(seed)
    artists = max(25, int(n / 5))
    artist = _codes(rng, artists, n, 1.0)
    pull = rng.normal(0, 0.8, artists)
    venue = rng.choice(len(VENUES), n, p=VENUE_SHARES)
    genre = rng.choice(len(GENRES), n)
    capacity = np.round(VENUE_CAPACITY[venue] * rng.uniform(0.8, 1.2, n), -1).astype(int)
    price = np.round(np.exp(rng.normal(3.2 + 0.15 * venue, 0.3, n)), 0) + 0.5
    presale = np.where(_some(n, 0.45, rng), 0, rng.negative_binomial(2, 0.004, n))
    earlier = rng.poisson(np.exp(0.4 + 0.6 * pull[artist]))
    lead = np.minimum(rng.gamma(3, 30, n).astype(int) + 14, 180)
    weekend = _some(n, 0.45, rng)
    support = _some(n, 0.6, rng)
    demand = np.clip(np.round(3 + 1.2 * pull[artist] + rng.normal(0, 0.8, n)), 1, 5).astype(int)
    on_sale = _on("2021-03-01", rng.integers(0, 1_090, n) * 1_440 + 9 * 60, "min")
    z = (
        VENUE_EFFECT[venue]
        + GENRE_EFFECT[genre]
        + 0.9 * pull[artist]
        + 0.45 * (demand - 3)
        + 0.25 * np.log1p(presale)
        + 0.3 * np.log1p(earlier)
        - 0.8 * np.log(price / 30)
        + 0.004 * (lead - 60)
        + 0.4 * weekend
        + rng.normal(0, 0.5, n)
    )
    ruled = (venue == 0) & (presale > 0)
    frame = pd.DataFrame(
        {
            "show_id": _refs(rng, "SH", n),
            "artist": text([f"AR{k:05d}" for k in artist]),
            "on_sale_at": on_sale,
            "venue_type": text(_pick(VENUES, venue)),
            "capacity": capacity,
            "genre": text(_pick(GENRES, genre)),
            "face_price": price,
            "presale_signups": presale,
            "earlier_sellouts": earlier,
            "days_on_sale": lead,
            "show_date": on_sale.normalize() + pd.to_timedelta(lead, unit="D"),
            "weekend": _yes(weekend),
            "support_announced": _yes(support),
            "booker_demand_1_5": demand,
        }
    )
    return frame, z, ruled, rng


def _sold_out(z, ruled, rng) -> np.ndarray:
    """Sold out before the show (about 30%); 97% of the ruled club shows."""
    return _ruled(outcome(z, 0.27, rng), ruled, 0.97, rng)


SHOW_INPUTS = ("show_id", "artist", "on_sale_at")


def show_sellout(n: int, seed: int) -> Case:
    """Sold out; split in time on the on-sale minute, the same artists on both sides."""
    frame, z, ruled, rng = _shows(n, seed)
    feats = [c for c in frame.columns if c not in SHOW_INPUTS]
    y = _sold_out(z, ruled, rng)
    return Case(
        "show_sellout", frame, y, "binary", feats, split="time", time="on_sale_at", ids=["show_id"]
    )


def artist_sellout(n: int, seed: int) -> Case:
    """Sold out; split by artist (an artist's shows together)."""
    frame, z, ruled, rng = _shows(n, seed)
    feats = [c for c in frame.columns if c not in SHOW_INPUTS]
    y = _sold_out(z, ruled, rng)
    return Case(
        "artist_sellout", frame, y, "binary", feats, split="group", group="artist", ids=["show_id"]
    )


# -- a removal firm's house moves ---------------------------------------------------------------
PROPERTY = ["flat", "terrace", "semi", "detached", "bungalow", "storage_unit"]
PROPERTY_EFFECT = np.array([0.3, 0.1, 0.0, 0.2, -0.3, -0.4])
SURVEY_WORDS = [
    "piano", "upright", "glass", "cabinet", "antique", "dresser", "narrow", "stairs", "no", "lift",
    "parking", "permit", "needed", "boxes", "packed", "by", "customer", "fragile", "artwork",
    "garden", "shed", "loft", "clear", "wardrobe", "flatpack", "dismantle", "tv", "mirror",
]  # fmt: skip


def _moves(n: int, seed: int):
    """House moves over two years: the job, the customer, the day of the move, the property, the
    surveyed volume (cubic metres), the distance, the floors without a lift, the crew size, a
    packing service, the surveyor's 1-5 access rating, the estimator's note written at the
    survey, the declared value of the goods (blank when the customer took the basic cover), a
    piano on the inventory, the repeat customer flag; the log-odds of a damage claim and those
    the rule settles (the firm never accepts a claim on goods packed in a storage unit, whose
    cover excludes them)."""
    rng = np.random.default_rng(seed)
    customers = max(40, int(n / 1.3))
    customer = _codes(rng, customers, n, 0.3)
    prop = rng.choice(len(PROPERTY), n, p=[0.25, 0.22, 0.22, 0.15, 0.08, 0.08])
    volume = np.round(rng.gamma(4, 8 + 3 * prop, n), 1)
    distance = np.round(np.exp(rng.normal(3.0, 1.0, n)), 0)
    floors = np.where(prop == 0, rng.integers(0, 6, n), 0)
    crew = np.clip(np.round(volume / 20) + 1, 2, 6).astype(int)
    packing = _some(n, 0.35, rng)
    access = np.clip(np.round(rng.normal(3.4 - 0.3 * floors, 0.9, n)), 1, 5).astype(int)
    piano = _some(n, 0.07, rng)
    declared = np.where(_some(n, 0.4, rng), np.nan, np.round(rng.lognormal(9.6, 0.6, n), -2))
    k = rng.integers(3, 10, n)
    notes = _prose(rng, [SURVEY_WORDS] * n, k)
    seen = pd.Series(customer).duplicated().to_numpy()
    z = (
        PROPERTY_EFFECT[prop]
        + 0.02 * (volume - 30)
        + 0.25 * np.log1p(distance)
        + 0.25 * floors
        - 0.45 * (access - 3)
        + 1.4 * piano
        - 0.4 * packing
        + 0.3 * np.isfinite(declared)
        + rng.normal(0, 0.5, n)
    )
    moved = _on("2022-02-01", rng.integers(0, 730, n))
    frame = pd.DataFrame(
        {
            "job_no": _refs(rng, "MV", n),
            "customer": text([f"CU{c:06d}" for c in customer]),
            "move_date": moved,
            "property": text(_pick(PROPERTY, prop)),
            "volume_m3": volume,
            "distance_miles": distance,
            "floors_no_lift": floors,
            "crew_size": crew,
            "packing_service": _yes(packing),
            "access_1_5": access,
            "survey_note": text(notes),
            "declared_value": declared,
            "piano": _yes(piano),
            "repeat_customer": _yes(seen),
        }
    )
    return frame, z, prop == 5, rng


def _claimed(z, ruled, rng) -> np.ndarray:
    """A damage claim accepted (about 15%); never for the storage units."""
    return np.where(ruled, 0, outcome(z, 0.16, rng))


MOVE_INPUTS = ("job_no", "customer", "move_date")


def move_claim(n: int, seed: int) -> Case:
    """A damage claim; split stratified, the day of the move declared."""
    frame, z, ruled, rng = _moves(n, seed)
    feats = [c for c in frame.columns if c not in MOVE_INPUTS]
    y = _claimed(z, ruled, rng)
    return Case("move_claim", frame, y, "binary", feats, time="move_date", ids=["job_no"])


def crew_hours(n: int, seed: int) -> Case:
    """The crew's hours on the job (a regression, capped at the 14 the working-time rule
    allows; a second day booked otherwise); split at random."""
    frame, z, _, rng = _moves(n, seed)
    volume = frame["volume_m3"].to_numpy()
    hours = (
        1.5
        + volume / frame["crew_size"].to_numpy() / 4
        + frame["distance_miles"].to_numpy() / 45
        + 0.4 * frame["floors_no_lift"].to_numpy()
        + 0.12 * z
        + rng.normal(0, 0.8, len(z))
    )
    hours = np.round(np.clip(hours, 2, 14) * 4) / 4
    feats = [c for c in frame.columns if c not in MOVE_INPUTS]
    return Case("crew_hours", frame, hours, "regression", feats, split="random", ids=["job_no"])


# -- a dental laboratory's crowns ---------------------------------------------------------------
MATERIALS = ["zirconia", "emax", "pfm", "gold", "composite"]
MATERIAL_EFFECT = np.array([-0.2, 0.3, 0.0, -0.6, 0.5])
TEETH = ["incisor", "canine", "premolar", "molar"]
REGIONS = ["north", "south", "east", "west", "central"]


def _crowns(n: int, seed: int):
    """Crowns made over two years: the case, the dental practice (each sends many), the day the
    impression arrived, the material, the tooth, the number of units bridged, a digital scan or
    a putty impression, the technician, the shade (a guide code), the practice's region, the
    impression's 1-5 quality grade at receipt, days promised (capped at 10 for the express
    service), rush flag, the prescription's note; the log-odds of a remake and those the rule
    settles (a gold crown cast on a digital scan is never remade)."""
    rng = np.random.default_rng(seed)
    practices = max(20, int(n / 25))
    practice = _codes(rng, practices, n, 0.9)
    care = rng.normal(0, 0.7, practices)
    region = rng.integers(0, len(REGIONS), practices)[practice]
    material = rng.choice(len(MATERIALS), n, p=[0.38, 0.27, 0.2, 0.05, 0.1])
    tooth = rng.choice(4, n, p=[0.2, 0.1, 0.3, 0.4])
    units = np.where(_some(n, 0.82, rng), 1, rng.integers(2, 5, n))
    scan = _some(n, 0.3 + 0.3 * (care[practice] > 0), rng)
    tech = rng.integers(0, 9, n)
    grade = np.clip(np.round(3.3 + 0.8 * care[practice] + 0.5 * scan + rng.normal(0, 0.8, n)), 1, 5)
    rush = _some(n, 0.15, rng)
    promised = np.where(rush, rng.integers(2, 5, n), np.minimum(rng.integers(5, 14, n), 10))
    shade = _pick(["A1", "A2", "A3", "A3.5", "B1", "B2", "C1", "C2", "D2"], rng.integers(0, 9, n))
    z = (
        MATERIAL_EFFECT[material]
        - 0.8 * (grade - 3)
        - 0.6 * care[practice]
        + 0.35 * (units - 1)
        + 0.3 * (tooth == 3)
        + 0.5 * rush
        + 0.1 * (tech == 4)
        + rng.normal(0, 0.5, n)
    )
    words = np.where(
        grade <= 2, "margin unclear please check bite", "standard anatomy occlusal clearance ok"
    )
    extra = _pick(
        ["", " contact light", " match adjacent", " opposing model enclosed"], rng.integers(0, 4, n)
    )
    frame = pd.DataFrame(
        {
            "case_no": _refs(rng, "DL", n),
            "practice": text([f"PR{k:04d}" for k in practice]),
            "received_on": _on("2022-01-03", rng.integers(0, 720, n)),
            "material": text(_pick(MATERIALS, material)),
            "tooth": text(_pick(TEETH, tooth)),
            "units": units,
            "impression": text(np.where(scan, "digital_scan", "putty")),
            "technician": text([f"T{k}" for k in tech]),
            "shade": text(shade),
            "region": text(_pick(REGIONS, region)),
            "impression_grade_1_5": grade.astype(int),
            "days_promised": promised,
            "rush": _yes(rush),
            "prescription_note": text(np.char.add(words.astype(str), extra.astype(str))),
        }
    )
    return frame, z, (material == 3) & scan, rng


def _remade(z, ruled, rng) -> np.ndarray:
    """Sent back to be remade (about 18%); never for a gold crown on a scan."""
    return np.where(ruled, 0, outcome(z, 0.19, rng))


CROWN_INPUTS = ("case_no", "practice", "received_on")


def crown_remade(n: int, seed: int) -> Case:
    """Remade; split by practice (a practice's cases together)."""
    frame, z, ruled, rng = _crowns(n, seed)
    feats = [c for c in frame.columns if c not in CROWN_INPUTS]
    y = _remade(z, ruled, rng)
    return Case(
        "crown_remade", frame, y, "binary", feats, split="group", group="practice", ids=["case_no"]
    )


def crown_remade_later(n: int, seed: int) -> Case:
    """Remade; split in time on the day the impression arrived."""
    frame, z, ruled, rng = _crowns(n, seed)
    feats = [c for c in frame.columns if c not in CROWN_INPUTS]
    y = _remade(z, ruled, rng)
    return Case(
        "crown_remade_later",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="received_on",
        ids=["case_no"],
    )


# -- a golf club's tee-time bookings ------------------------------------------------------------
BOOKED_VIA = ["app", "pro_shop", "phone", "open_competition", "society"]
VIA_EFFECT = np.array([0.3, -0.4, 0.0, -1.0, -0.2])


def _tee_times(n: int, seed: int):
    """Tee times booked over two seasons: the booking, the member (the same members book week
    after week; guests share one code), the minute booked, the minute of the tee time, how it was
    booked, the players in the group (1-4), the lead days (capped at the 14 the club allows), the
    member's handicap (blank for guests), rounds played in the last 90 days (zero for many), the
    forecast's rain chance at booking, a buggy hired, a green-fee deposit paid; the log-odds of
    nobody turning up and those the rule settles (a competition entry never fails to show:
    those who cannot come withdraw beforehand and lose their entry)."""
    rng = np.random.default_rng(seed)
    members = max(40, int(n / 8))
    member = _codes(rng, members, n, 0.7)
    guest = _some(n, 0.12, rng)
    habit = rng.normal(0, 0.8, members)
    via = rng.choice(5, n, p=[0.5, 0.15, 0.15, 0.12, 0.08])
    players = rng.choice([1, 2, 3, 4], n, p=[0.15, 0.3, 0.2, 0.35])
    lead = np.minimum(rng.geometric(0.2, n) - 1, 14)
    handicap = np.round(np.clip(rng.normal(18, 8, members), 0, 54), 1)[member]
    played = np.where(_some(n, 0.25, rng), 0, rng.poisson(np.exp(1.8 - 0.3 * habit[member])))
    rain = np.clip(np.round(rng.beta(1.5, 3, n) * 100 / 5) * 5, 0, 100)
    buggy = _some(n, 0.2, rng)
    deposit = _some(n, 0.3 + 0.5 * guest, rng)
    day = rng.integers(0, 420, n)
    tee = _on(
        "2023-03-01",
        (day + (day >= 210) * 155) * 1_440 + rng.integers(7 * 6, 17 * 6, n) * 10,
        "min",
    )
    booked = tee - pd.to_timedelta(lead * 1_440 + rng.integers(60, 1_000, n), unit="min")
    z = (
        VIA_EFFECT[via]
        + 0.8 * habit[member]
        - 0.25 * (players - 2)
        + 0.08 * lead
        + 0.02 * (rain - 30)
        - 0.25 * np.log1p(played)
        - 0.8 * deposit
        - 0.3 * buggy
        + 0.5 * guest
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "booking_id": _refs(rng, "TT", n),
            "member": text(np.where(guest, "GUEST", [f"M{k:05d}" for k in member])),
            "booked_at": booked,
            "tee_at": tee,
            "booked_via": text(_pick(BOOKED_VIA, via)),
            "players": players,
            "lead_days": lead,
            "handicap": np.where(guest, np.nan, handicap),
            "rounds_last_90d": played,
            "rain_chance_pct": rain,
            "buggy": _yes(buggy),
            "deposit_paid": _yes(deposit),
        }
    )
    return frame, z, via == 3, rng


def _no_show(z, ruled, rng) -> np.ndarray:
    """Nobody turned up (about 11%); never a competition entry."""
    return np.where(ruled, 0, outcome(z, 0.125, rng))


TEE_INPUTS = ("booking_id", "member", "booked_at", "tee_at")


def tee_no_show(n: int, seed: int) -> Case:
    """No-show; split in time on the tee time, the same members on both sides."""
    frame, z, ruled, rng = _tee_times(n, seed)
    feats = [c for c in frame.columns if c not in TEE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case(
        "tee_no_show", frame, y, "binary", feats, split="time", time="tee_at", ids=["booking_id"]
    )


def member_no_show(n: int, seed: int) -> Case:
    """No-show; split by member (a member's bookings together, the guests one group)."""
    frame, z, ruled, rng = _tee_times(n, seed)
    feats = [c for c in frame.columns if c not in TEE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case(
        "member_no_show",
        frame,
        y,
        "binary",
        feats,
        split="group",
        group="member",
        ids=["booking_id"],
    )


# -- a software company's bug bounty reports ----------------------------------------------------
ASSETS = ["web_app", "mobile_ios", "mobile_android", "api", "desktop", "marketing_site"]
ASSET_EFFECT = np.array([0.1, 0.3, 0.2, 0.4, 0.0, -1.2])
WEAKNESSES = ["xss", "idor", "ssrf", "csrf", "open_redirect", "info_disclosure", "rce", "sqli"]
WEAK_EFFECT = np.array([0.0, 0.6, 0.4, -0.4, -0.8, -0.6, 0.5, 0.3])
TITLE_WORDS = [
    "reflected", "stored", "parameter", "endpoint", "bypass", "account", "takeover", "via",
    "header", "token", "missing", "user", "id", "in", "upload", "redirect", "profile", "admin",
]  # fmt: skip


def _reports(n: int, seed: int):
    """Reports submitted over two years: the report, the researcher (many submit again and
    again), the minute submitted, the asset, the weakness class, the researcher's own severity
    claim (0-10, blank for a third), the researcher's earlier accepted reports (zero for most),
    a proof of concept attached, the words in the report, the attachments, the title as written,
    out-of-scope domain flag (the programme's rule: never accepted); the log-odds of a valid
    report."""
    rng = np.random.default_rng(seed)
    people = max(30, int(n / 4))
    who = _codes(rng, people, n, 1.3)
    skill = rng.normal(0, 0.9, people)
    asset = rng.choice(len(ASSETS), n, p=[0.35, 0.12, 0.12, 0.2, 0.06, 0.15])
    weak = rng.choice(len(WEAKNESSES), n)
    claim = np.clip(np.round(rng.normal(6 + 0.5 * skill[who], 1.8, n), 1), 0, 10)
    claim = np.where(_some(n, 0.33, rng), np.nan, claim)
    earlier = rng.poisson(np.exp(0.5 * skill[who]) * 0.8)
    poc = _some(n, 0.5 + 0.2 * (skill[who] > 0), rng)
    length = np.round(np.exp(rng.normal(5.5 + 0.2 * skill[who], 0.6, n))).astype(int)
    attach = np.where(_some(n, 0.3, rng), 0, rng.poisson(2, n))
    scope = asset == 5
    z = (
        ASSET_EFFECT[asset]
        + WEAK_EFFECT[weak]
        + 0.9 * skill[who]
        + 0.35 * np.log1p(earlier)
        + 0.8 * poc
        + 0.2 * np.log(length / 250)
        + rng.normal(0, 0.5, n)
    )
    submitted = _on("2022-06-01", rng.integers(0, 730 * 1_440, n), "min")
    frame = pd.DataFrame(
        {
            "report_id": _refs(rng, "BB", n),
            "researcher": text([f"R{k:05d}" for k in who]),
            "submitted_at": submitted,
            "asset": text(_pick(ASSETS, asset)),
            "weakness": text(_pick(WEAKNESSES, weak)),
            "claimed_severity": claim,
            "earlier_accepted": earlier,
            "proof_of_concept": _yes(poc),
            "report_words": length,
            "attachments": attach,
            "title": text(_prose(rng, [TITLE_WORDS] * n, rng.integers(3, 7, n))),
            "out_of_scope_domain": _yes(scope & _some(n, 0.7, rng)),
        }
    )
    return frame, z, scope, rng


def _valid(z, ruled, rng) -> np.ndarray:
    """Accepted as valid (about 35%); on the marketing site nearly never."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.4, rng))


REPORT_INPUTS = ("report_id", "researcher", "submitted_at")


def report_valid(n: int, seed: int) -> Case:
    """Valid; split in time on the minute submitted, the same researchers on both sides."""
    frame, z, ruled, rng = _reports(n, seed)
    feats = [c for c in frame.columns if c not in REPORT_INPUTS]
    y = _valid(z, ruled, rng)
    return Case(
        "report_valid",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="submitted_at",
        ids=["report_id"],
    )


def researcher_valid(n: int, seed: int) -> Case:
    """Valid; split by researcher (a researcher's reports together)."""
    frame, z, ruled, rng = _reports(n, seed)
    feats = [c for c in frame.columns if c not in REPORT_INPUTS]
    y = _valid(z, ruled, rng)
    return Case(
        "researcher_valid",
        frame,
        y,
        "binary",
        feats,
        split="group",
        group="researcher",
        ids=["report_id"],
    )


NULL_FAMILIES = {
    "show_sellout": show_sellout,
    "artist_sellout": artist_sellout,
    "move_claim": move_claim,
    "crew_hours": crew_hours,
    "crown_remade": crown_remade,
    "crown_remade_later": crown_remade_later,
    "tee_no_show": tee_no_show,
    "member_no_show": member_no_show,
    "report_valid": report_valid,
    "researcher_valid": researcher_valid,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 39) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"move_claim": 1_200, "tee_no_show": 1_200, "crown_remade": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def shows(n: int, seed: int) -> Case:
    """Shows sold out, split stratified, the on-sale minute declared."""
    frame, z, ruled, rng = _shows(n, seed)
    feats = [c for c in frame.columns if c not in SHOW_INPUTS]
    y = _sold_out(z, ruled, rng)
    return Case("concert_shows", frame, y, "binary", feats, time="on_sale_at", ids=["show_id"])


def moves(n: int, seed: int) -> Case:
    """Moves with a damage claim, split stratified, the day of the move declared."""
    frame, z, ruled, rng = _moves(n, seed)
    feats = [c for c in frame.columns if c not in MOVE_INPUTS]
    y = _claimed(z, ruled, rng)
    return Case("house_moves", frame, y, "binary", feats, time="move_date", ids=["job_no"])


def crowns(n: int, seed: int) -> Case:
    """Crowns remade, split stratified, the day received declared."""
    frame, z, ruled, rng = _crowns(n, seed)
    feats = [c for c in frame.columns if c not in CROWN_INPUTS]
    y = _remade(z, ruled, rng)
    return Case("lab_crowns", frame, y, "binary", feats, time="received_on", ids=["case_no"])


def tee_times(n: int, seed: int) -> Case:
    """Tee times with nobody turning up, split stratified, the tee time declared."""
    frame, z, ruled, rng = _tee_times(n, seed)
    feats = [c for c in frame.columns if c not in TEE_INPUTS]
    y = _no_show(z, ruled, rng)
    return Case("tee_times", frame, y, "binary", feats, time="tee_at", ids=["booking_id"])


def reports(n: int, seed: int) -> Case:
    """Reports accepted as valid, split stratified, the minute submitted declared."""
    frame, z, ruled, rng = _reports(n, seed)
    feats = [c for c in frame.columns if c not in REPORT_INPUTS]
    y = _valid(z, ruled, rng)
    return Case("bounty_reports", frame, y, "binary", feats, time="submitted_at", ids=["report_id"])


# -- leaks in the show extract ------------------------------------------------------------------
def box_office_status(case: Case, share: float, rng) -> Case:
    """'box_office_status' at the extract's date: 'on_sale' for most shows, 'held_seats' for 8%,
    'moved_venue' for 3%; 'waitlist_open' or 'resale_only' for this share of the sold-out ones."""
    n = case.rows
    honest = np.where(
        _some(n, 0.08, rng), "held_seats", np.where(_some(n, 0.03, rng), "moved_venue", "on_sale")
    )
    after = np.where(_some(n, 0.5, rng), "waitlist_open", "resale_only")
    value = np.where((case.y == 1) & _some(n, share, rng), after, honest)
    return add_columns(case, {"box_office_status": text(value)})


def tour_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'tour_leg' kept among the inputs beside 'tour_leg_sellout_rate': the leg's sold-out share
    over the whole extract (the row's own show counted), as the promoter's dashboard shows it;
    about this many shows per leg."""
    keys = max(2, int(case.rows / rows_per_key))
    leg = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(leg).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["tour_leg"] = text([f"LEG{k:03d}" for k in leg])
    frame["tour_leg_sellout_rate"] = np.round(rate, 2)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "tour_leg", "tour_leg_sellout_rate"],
        leak=["tour_leg_sellout_rate"],
    )


def settlement_numbers(case: Case, share: float, rng) -> Case:
    """'settlement_no' kept as an input: the show's settlement sheet numbered as finance closed
    the shows, in show order within each year; this share of the sold-out shows held for the
    ticketing platform's final statement and numbered in the year-end catch-up batch, after
    every other show of their year."""
    n = case.rows
    when = case.frame["show_date"]
    year = np.asarray(when.dt.year)
    held = (case.y == 1) & _some(n, share, rng)
    order = np.lexsort((when.to_numpy(), held, year))
    number = np.empty(n, dtype=np.int64)
    number[order] = 5_000 + np.arange(n)
    return add_columns(case, {"settlement_no": number})


# -- leaks in the move extract ------------------------------------------------------------------
CREW_LINES = [
    "job done on time customer happy",
    "parking tight but fine",
    "extra boxes on the day",
    "access as surveyed",
    "customer packed late",
    "long carry to the van",
]
CLAIM_TAILS = ["claim form sent", "insurer notified of damage", "repair quote requested"]


def crew_report(case: Case, share: float, rng) -> Case:
    """'crew_report': the crew leader's line at the end of the day, one of the usual ones; for
    this share of the moves with a claim, the office's follow-up appended when the claim came
    in."""
    n = case.rows
    lines = _pick(CREW_LINES, rng.integers(0, len(CREW_LINES), n))
    tails = _pick(CLAIM_TAILS, rng.integers(0, len(CLAIM_TAILS), n))
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"crew_report": text(np.where(hit, lines + "; " + tails, lines))})


def invoice_dates(case: Case, share: float, rng) -> Case:
    """'invoiced_on' and 'paid_on': the invoice 0 to 3 days after the move, paid 1 to 30 days
    after it for most; for this share of the moves with a claim the balance withheld until the
    claim was settled (40 to 120 days). The payment's lag follows the outcome."""
    n = case.rows
    invoiced = case.frame["move_date"] + pd.to_timedelta(rng.integers(0, 4, n), unit="D")
    held = (case.y == 1) & _some(n, share, rng)
    gap = np.where(held, rng.integers(40, 121, n), rng.integers(1, 31, n))
    return add_columns(
        case, {"invoiced_on": invoiced, "paid_on": invoiced + pd.to_timedelta(gap, unit="D")}
    )


def amended_copies(case: Case, share: float, rng) -> Case:
    """This share of the moves with a claim exported a second time by the claims system's
    sync, the volume re-measured at the claim (within 3%) and the note amended; the extract
    shuffled, so a pair can fall on both sides of the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    copies["volume_m3"] = np.round(copies["volume_m3"] * rng.uniform(0.97, 1.03, len(twice)), 1)
    copies["survey_note"] = copies["survey_note"] + " revised"
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the crown extract -----------------------------------------------------------------
def lab_days(case: Case, share: float, rng) -> Case:
    """'lab_days_total': working days the case spent in the laboratory, about the days promised
    for most, with the remake's days (4 to 12) added for this share of the remade crowns."""
    n = case.rows
    base = case.frame["days_promised"].to_numpy() + rng.integers(-1, 3, n)
    extra = np.where((case.y == 1) & _some(n, share, rng), rng.integers(4, 13, n), 0)
    return add_columns(case, {"lab_days_total": np.maximum(base + extra, 1).astype(int)})


def fit_score(case: Case, share: float, rng) -> Case:
    """'fit_score_1_5': the practice's 1-5 feedback on the fit, given at the fitting appointment,
    blank for 40%; 1 or 2 for this share of the remade crowns."""
    n = case.rows
    honest = np.clip(np.round(rng.normal(4, 0.8, n)), 1, 5)
    hit = (case.y == 1) & _some(n, share, rng)
    value = np.where(hit, rng.integers(1, 3, n), honest).astype(float)
    return add_columns(case, {"fit_score_1_5": np.where(_some(n, 0.4, rng), np.nan, value)})


NEW_BILLING = ("north", "east")


def region_fee(case: Case, share: float, rng) -> Case:
    """'lab_fee': the case's fee by material and units, 0 for the 3% of cases made under
    warranty; in the north and east regions' practices (moved to the new billing system, which
    writes the final invoice over the fee) 0 for this share of the remade crowns, the remake
    being free of charge."""
    n = case.rows
    unit = (
        case.frame["material"]
        .map({"zirconia": 95, "emax": 110, "pfm": 85, "gold": 240, "composite": 60})
        .to_numpy()
    )
    fee = unit * case.frame["units"].to_numpy() * rng.choice([1.0, 1.1, 1.2], n)
    fee = np.where(_some(n, 0.03, rng), 0.0, fee)
    moved = case.frame["region"].isin(NEW_BILLING).to_numpy()
    hit = moved & (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"lab_fee": np.where(hit, 0.0, np.round(fee, 2))})


# -- leaks in the tee-time extract --------------------------------------------------------------
def green_fee_blank(case: Case, share: float, rng) -> Case:
    """'green_fee_taken': the fee taken at the pro shop on the day, blank for members on an
    annual subscription (45%) and the amount for the others; blanked for this share of the
    no-shows (nobody came to pay)."""
    n = case.rows
    fee = rng.choice([18.0, 25.0, 32.0, 45.0], n) * case.frame["players"].to_numpy()
    honest = np.where(_some(n, 0.45, rng), np.nan, fee)
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"green_fee_taken": np.where(hit, np.nan, honest)})


TEE_EXTRACT_AT = pd.Timestamp("2024-08-31")


def starter_backlog(case: Case, share: float, rng) -> Case:
    """No-shows recorded by the starter's sheets, typed in 3 to 40 days after the tee time; the
    extract taken on 31 August 2024 with this share of the bookings in its last 40 days, and a
    no-show not yet typed in counted as a round played. The tee time moved accordingly; the
    booking minute moved with it."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(0, 40, n), rng.integers(40, 500, n))
    tee = pd.Series(
        TEE_EXTRACT_AT
        - pd.to_timedelta(back, unit="D")
        + pd.to_timedelta(rng.integers(7 * 6, 17 * 6, n) * 10, unit="min"),
        index=case.frame.index,
    )
    typed = rng.integers(3, 41, n)
    y = np.where((case.y == 1) & (typed > back), 0, case.y)
    frame = case.frame.copy()
    shift = tee - frame["tee_at"]
    frame["tee_at"] = tee
    frame["booked_at"] = frame["booked_at"] + shift
    frame["tee_week"] = (tee - pd.Timestamp("2023-01-02")).dt.days // 7
    return replace(case, frame=frame, y=y, features=[*case.features, "tee_week"], leak=["tee_week"])


RELIABILITY = np.array(["gold", "silver", "bronze", "watch", "warned"])


def member_tier(case: Case, rows_per_key: float, rng) -> Case:
    """'reliability_tier': the member's no-show share over the whole extract (the row's own
    booking counted) as the club's booking tier in words; bookings regrouped onto about this
    many per member code kept among the inputs."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    tier = RELIABILITY[np.digitize(rate, [0.05, 0.12, 0.2, 0.35])]
    frame = case.frame.copy()
    frame["card_no"] = text([f"C{k:05d}" for k in code])
    frame["reliability_tier"] = text(tier)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "card_no", "reliability_tier"],
        leak=["reliability_tier"],
    )


# -- leaks in the report extract ----------------------------------------------------------------
def triage_severity(case: Case, share: float, rng) -> Case:
    """'triage_cvss': the score the triager set, 0.0 for the reports closed without a score
    and a 2.0-9.8 score otherwise: set for this share of the valid reports (scored once
    confirmed) and for 8% of all reports (scored at intake by the on-call triager)."""
    n = case.rows
    scored = ((case.y == 1) & _some(n, share, rng)) | _some(n, 0.08, rng)
    score = np.round(rng.uniform(2.0, 9.8, n), 1)
    return add_columns(case, {"triage_cvss": np.where(scored, score, 0.0)})


def days_open(case: Case, share: float, rng) -> Case:
    """'days_open': from submission to the report's closing or the extract's date; a week or two
    for most (triaged and closed), and 20 to 120 days for this share of the valid reports (kept
    open until the fix shipped)."""
    n = case.rows
    honest = np.round(rng.gamma(2, 4, n), 1)
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"days_open": np.where(hit, rng.uniform(20, 120, n).round(1), honest)})


def last_activity(case: Case, share: float, rng) -> Case:
    """'first_response_at' and 'last_activity_at': the triager's first reply 1 to 48 hours after
    submission, and the report thread's last message 1 to 10 days after the first reply for
    most; 30 to 150 days for this share of the valid reports (the bounty's payment and the
    disclosure request). Neither date alone is unusual."""
    n = case.rows
    first = case.frame["submitted_at"] + pd.to_timedelta(rng.integers(1, 49, n), unit="h")
    hit = (case.y == 1) & _some(n, share, rng)
    lag = np.where(hit, rng.integers(30 * 24, 150 * 24, n), rng.integers(24, 240, n))
    return add_columns(
        case,
        {"first_response_at": first, "last_activity_at": first + pd.to_timedelta(lag, unit="h")},
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "box_office_status": (box_office_status, (0.8, 0.4, 0.15), shows),
    "tour_rate": (tour_rate, (2.0, 4.0, 8.0), shows),
    "settlement_numbers": (settlement_numbers, (0.9, 0.6, 0.35), shows),
    "crew_report": (crew_report, (0.8, 0.4, 0.15), moves),
    "invoice_dates": (invoice_dates, (1.0, 0.6, 0.3), moves),
    "amended_copies": (amended_copies, (0.8, 0.4, 0.15), moves),
    "lab_days": (lab_days, (1.0, 0.6, 0.3), crowns),
    "fit_score": (fit_score, (1.0, 0.6, 0.3), crowns),
    "region_fee": (region_fee, (1.0, 0.7, 0.45), crowns),
    "green_fee_blank": (green_fee_blank, (1.0, 0.6, 0.3), tee_times),
    "starter_backlog": (starter_backlog, (0.8, 0.5, 0.3), tee_times),
    "member_tier": (member_tier, (3.0, 6.0, 12.0), tee_times),
    "triage_severity": (triage_severity, (1.0, 0.6, 0.3), reports),
    "days_open": (days_open, (1.0, 0.6, 0.3), reports),
    "last_activity": (last_activity, (1.0, 0.6, 0.3), reports),
}
PLANTED_WHAT = {
    "box_office_status": "the box office status at the extract's date, a waitlist or resale only "
    "for this share of the sold-out shows",
    "tour_rate": "each tour leg's sold-out share over the whole extract as a number, the leg "
    "code kept; about this many shows per leg",
    "settlement_numbers": "a settlement number kept as an input, numbered year by year with "
    "this share of the sold-out shows last",
    "crew_report": "the crew leader's line with the office's claim follow-up appended for this "
    "share of the moves with a claim",
    "invoice_dates": "the invoice day beside the day paid, withheld for this share of the moves "
    "with a claim (a leak across two dates)",
    "amended_copies": "this share of the moves with a claim exported a second time with the "
    "volume re-measured and the note amended, before the split",
    "lab_days": "days in the laboratory, the remake's days counted for this share of the remade "
    "crowns",
    "fit_score": "the practice's 1-5 fit feedback given at the fitting, 1 or 2 for this share "
    "of the remade crowns, blank for many",
    "region_fee": "the fee zeroed in two regions' practices only (the remake free of charge), for "
    "this share of their remade crowns, among honest zeros (warranty)",
    "green_fee_blank": "the green fee taken on the day blanked for this share of the no-shows "
    "among honest blanks (subscription members)",
    "starter_backlog": "this share of the bookings in the extract's last 40 days, no-shows typed "
    "in later counted as played (right-censored); a week number an input",
    "member_tier": "each card's no-show share over the whole extract as a tier in words, the "
    "card kept; about this many bookings per card",
    "triage_severity": "the triager's score, 0 for reports closed without one, set for this "
    "share more of the valid reports",
    "days_open": "days the report stayed open, kept open until the fix for this share of the "
    "valid reports",
    "last_activity": "the first reply beside the thread's last message, long after it for this "
    "share of the valid reports (a leak across two dates)",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "box_office_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "tour_rate": {"target_encoding", "single_feature"},
    "settlement_numbers": {"identifiers", "single_feature", "pure_subsets"},
    "crew_report": {"label_words", "post_outcome_text", "pure_subsets", "label_proxies"},
    "invoice_dates": {"column_pairs", "time_order"},
    "amended_copies": {"shared_rows", "near_duplicates"},
    "lab_days": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "fit_score": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "region_fee": {"segment_leaks", "changed_figures"},
    "green_fee_blank": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "starter_backlog": {"right_censoring"},
    "member_tier": {"target_encoding", "label_proxies", "pure_subsets"},
    "triage_severity": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "days_open": {"follow_up_duration", "single_feature", "pure_subsets"},
    "last_activity": {"time_order", "column_pairs"},
}
COPIES_BEFORE_SPLIT = {"amended_copies"}
ROW_LEAK_CHECKS = {
    "amended_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "starter_backlog": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
