"""The fourteenth generation of the leakage calibration, kept aside: written and committed before
it was first run, with seeds of its own (29,000 and up). Other domains and shapes than every
family before it: a scientific journal's manuscripts accepted, a blood service's donors deferred
for low haemoglobin at a session, a solar installer's quotes signed within 60 days, a council's
newly planted street trees found dead at the two-year survey and an animal rescue's adopted dogs
returned within 90 days — null families with honest confusers (an invited commentary that is
nearly always accepted and a manuscript flagged out of scope that nearly never is, a donor
deferred at the last session and back within six months who is nearly always deferred again, a
survey deposit after which nearly every household signs, a tree in soil cells that nearly never
dies, a trial foster-to-adopt placement that nearly never comes back; an editor's 1-5 fit score
at triage, a surveyor's 0-10 shading score, a planting gang's 1-5 soil compaction score, a
behaviour assessment's 1-5 at intake and stock sizes and home ages as ordinal text; the
haemoglobin at the last donation, a donor's iron tablets and a dog's earlier returns as honest
strong signals; a similarity report capped at 100%, days since the last donation capped at the
two years the system keeps, hours since a meal capped at 12, days to a quote capped where
enquiries close, days in kennels capped at the kennel record's year, days to a first decision
capped where the editor-in-chief decides and minutes to bleed capped where a donation is
stopped; earlier papers in the journal, health questions answered yes, rival quotes mentioned,
first-summer waterings without a contract and vandalism reports zero for most; an h-index blank
where no profile was matched, the haemoglobin blank for first-timers, a battery blank for quotes
without one, an annual bill not given, a soil pH blank for streets not sampled and a weight
blank for dogs not weighed; the same donors at several sessions under a split in time, repeat
authors, households and dogs, a street's trees under a group split; a cover letter, a surveyor's
note and an intake note written before the outcome) — and leaks planted in a manuscript extract,
a session extract, a quote extract, a tree extract and an adoption extract by generators of
their own: the files on record counted with the revisions and proofs of the accepted, the words
in the latest file beside the words submitted (a leak across two columns), row numbers from a
migration in which production loaded its accepted manuscripts last, a session's deferral share
over the whole extract to three places (the session code kept), sessions exported twice from a
tablet and the central system with the weight re-keyed, the volume in the bag zeroed for the
deferred among honest zeros for donations not started, a sales stage that records the contract,
a quote closed by hand on the day it was signed while the others wait for the housekeeping run,
installation visits counted in one region's rows only, trees whose survey had not fallen due
counted alive (right-censored), a nursery batch's death share over the whole extract as a letter
(the batch code kept), a girth at the survey blank for trees felled dead among honest blanks,
the aftercare note with the return's words, an aftercare officer's settling-in score from the
90-day call and days with the adopter until the return or the follow-up call.

The thirteenth generation (benchmarks/calibration_thirteenth.py) is the kept-aside set of the
round in which this one was written; this one is for the round after and is not registered
yet.
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


def _yes(flags) -> pd.Series:
    return text(np.where(flags, "yes", "no"))


# -- a scientific journal's editorial office ----------------------------------------------------
ARTICLE_TYPES = ["research", "review", "short_communication", "methods", "invited_commentary"]
ARTICLE_SHARES = [0.6, 0.12, 0.15, 0.08, 0.05]
ARTICLE_EFFECT = np.array([0.0, 0.35, -0.3, 0.15, 0.0])
INVITED = 4
SUBJECTS = ["ecology", "genetics", "microbiology", "neuroscience", "physiology", "plant_science"]
SUBJECTS += ["evolution", "cell_biology"]
SUBJECT_SHARES = [0.16, 0.14, 0.14, 0.12, 0.1, 0.12, 0.1, 0.12]
SUBJECT_EFFECT = np.array([0.1, -0.2, 0.0, -0.3, 0.2, 0.25, 0.1, -0.15])
AUTHOR_REGIONS = ["europe", "north_america", "east_asia", "south_asia", "latin_america"]
AUTHOR_REGIONS += ["africa", "oceania"]
REGION_SHARES = [0.32, 0.2, 0.24, 0.1, 0.06, 0.04, 0.04]
COVER_WORDS = ["we", "submit", "novel", "findings", "first", "evidence", "dataset", "model"]
COVER_WORDS += ["field", "study", "experiment", "mechanism", "broad", "interest", "readers"]
COVER_WORDS += ["suggest", "reviewers", "conflict", "none", "previously", "preprint", "posted"]


def _manuscripts(n: int, seed: int):
    """Manuscripts submitted to a journal in 2023 and 2024: a manuscript number, the
    corresponding author (a few submit many: their columns repeat), the day submitted, the
    article type (an invited commentary is nearly always accepted), the subject, the author's
    region, the handling editor's 1-5 fit score at triage, the editor's scope flag (out of scope:
    desk-rejected, nearly never accepted), the similarity report in percent (100 at most),
    words, figures, references, the author's earlier papers in the journal (zero for most), the
    author's h-index (blank where no profile was matched), a preprint posted, a data statement,
    reviewers suggested, and the cover letter (written at submission); the log-odds of
    acceptance, the invited and the out of scope."""
    rng = np.random.default_rng(seed)
    authors = max(40, int(n / 1.4))
    who = _codes(rng, authors, n, 0.9)
    standing = rng.normal(0, 1, authors)
    talent = standing[who]
    quality = rng.normal(0, 1, n)
    kind = rng.choice(5, n, p=ARTICLE_SHARES)
    subject = rng.choice(8, n, p=SUBJECT_SHARES)
    region = rng.choice(7, authors, p=REGION_SHARES)[who]
    fit = np.clip(np.round(3.2 + 0.6 * quality + 0.3 * talent + rng.normal(0, 0.8, n)), 1, 5)
    scope = (kind != INVITED) & (rng.random(n) < np.where(fit <= 2, 0.3, 0.03))
    similarity = np.minimum(np.round(rng.gamma(2.2, 7, n) + 25 * (rng.random(n) < 0.03)), 100)
    words = np.round(
        np.where(kind == 2, rng.normal(3_000, 500, n), rng.normal(6_800, 1_600, n)), -1
    )
    words = np.maximum(words, 1_200).astype(int)
    figures = np.clip(rng.poisson(np.where(kind == 2, 2, 5)), 0, 14)
    references = np.clip(np.round(rng.gamma(4, np.where(kind == 1, 40, 13))), 5, 400).astype(int)
    earlier = np.where(rng.random(authors) < 0.75, 0, 1 + rng.poisson(1.2, authors))[who]
    h_index = np.round(rng.gamma(2, 6, authors) + 3 * np.maximum(standing, 0)).astype(float)[who]
    no_profile = (rng.random(authors) < 0.22)[who]
    preprint = rng.random(n) < 0.3
    data_statement = rng.random(n) < 0.7
    suggested = rng.choice(6, n, p=[0.2, 0.08, 0.12, 0.35, 0.1, 0.15])
    z = (
        0.9 * quality
        + 0.45 * talent
        + 0.4 * (fit - 3)
        + ARTICLE_EFFECT[kind]
        + SUBJECT_EFFECT[subject]
        + 0.25 * np.minimum(earlier, 3)
        + 0.2 * preprint
        + 0.25 * data_statement
        - 0.04 * np.maximum(similarity - 25, 0)
        + np.array([0.1, 0.15, -0.1, -0.3, -0.2, -0.3, 0.1])[region]
    )
    cover = _prose(rng, [COVER_WORDS] * n, rng.integers(5, 11, n))
    day = rng.integers(0, 728, n)
    serial = rng.choice(99_999, n, replace=False)
    frame = pd.DataFrame(
        {
            "ms_no": text(
                [f"JB-{2023 + d // 364}-{k:05d}" for d, k in zip(day, serial, strict=True)]
            ),
            "corresponding_author": text([f"A{k:06d}" for k in who]),
            "submitted_on": _on("2023-01-02", day),
            "article_type": text(np.array(ARTICLE_TYPES)[kind]),
            "subject": text(np.array(SUBJECTS)[subject]),
            "author_region": text(np.array(AUTHOR_REGIONS)[region]),
            "editor_fit_1_5": fit.astype(int),
            "scope_flag": text(np.where(scope, "out_of_scope", "in_scope")),
            "similarity_pct": similarity.astype(int),
            "words": words,
            "figures": figures,
            "references": references,
            "earlier_papers_here": earlier,
            "author_h_index": np.where(no_profile, np.nan, h_index),
            "preprint": _yes(preprint),
            "data_statement": _yes(data_statement),
            "reviewers_suggested": suggested,
            "cover_letter": text(cover),
        }
    )
    return frame, z, kind == INVITED, scope, rng


def _accepted(z, invited, scope, rng, rate: float = 0.22) -> np.ndarray:
    """Accepted (about `rate`): 95% of the invited commentaries, 1% of those flagged out of
    scope (an appeal upheld)."""
    y = _ruled(outcome(z, rate, rng), invited, 0.95, rng)
    return _spared(y, scope, 0.01, rng)


MS_INPUTS = ("ms_no", "corresponding_author", "submitted_on")


def manuscript_accepted(n: int, seed: int) -> Case:
    """Accepted in the end (about a quarter); split in time on the day submitted, repeat authors on
    both sides, the manuscript number declared an id."""
    frame, z, invited, scope, rng = _manuscripts(n, seed)
    feats = [c for c in frame.columns if c not in MS_INPUTS]
    return Case(
        "manuscript_accepted",
        frame,
        _accepted(z, invited, scope, rng),
        "binary",
        feats,
        split="time",
        time="submitted_on",
        ids=["ms_no"],
    )


def days_to_first_decision(n: int, seed: int) -> Case:
    """Days from submission to the first decision, 1 to 90 (the editor-in-chief decides any
    manuscript still out for review at 90: a pile there): a few days for a desk rejection or an
    invited piece, weeks for a review, longer for long papers, reviews and some subjects; split
    at random."""
    frame, _, invited, scope, rng = _manuscripts(n, seed)
    desk = scope | ((frame["editor_fit_1_5"].to_numpy() <= 2) & _some(n, 0.35, rng))
    subject = frame["subject"].to_numpy()
    slow = np.isin(subject, ["neuroscience", "ecology"])
    review = rng.gamma(5, 5 + 0.0009 * frame["words"].to_numpy() + 4 * slow, n)
    review = review * np.where(frame["article_type"].to_numpy() == "review", 1.3, 1.0)
    days = np.where(desk, rng.integers(1, 12, n), np.round(review))
    days = np.where(invited, rng.integers(3, 25, n), days)
    days = np.clip(days, 1, 90).astype(int)
    feats = [c for c in frame.columns if c not in MS_INPUTS]
    return Case(
        "days_to_first_decision", frame, days, "regression", feats, split="random", ids=["ms_no"]
    )


# -- a blood service's donation sessions --------------------------------------------------------
VENUE_KINDS = ["donor_centre", "town_hall", "mobile_unit", "workplace", "university"]
BLOOD_GROUPS = ["O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-"]
BLOOD_SHARES = [0.35, 0.3, 0.08, 0.02, 0.13, 0.08, 0.03, 0.01]


def _donor_rows(donors: int, visits: int, seed: int):
    """Sessions at which donors of a blood service attended from 2023 on: each donor seen at
    `visits` sessions (one: a cross-section), 12 to 36 weeks apart. The donor's sex, age, blood
    group, weight, donations to date (zero for a first-timer), days since the last donation (730
    for first-timers and those who came back after a long gap: the system keeps two years), the
    haemoglobin at the last donation in g/l (blank for first-timers: an honest strong signal),
    the previous session's low-haemoglobin flag (deferred then and back within six months:
    nearly always deferred again), iron tablets taken, the health questions answered yes (zero
    for most), hours since the last meal (12 at most), the venue (several kinds; the donor
    centres confirm a low finger-prick with a venous sample) and the session's code. Returns
    the frame, the haemoglobin today, its cut-off, the flagged and the generator."""
    rng = np.random.default_rng(seed)
    female = rng.random(donors) < 0.52
    age0 = np.clip(np.round(rng.gamma(5, 8, donors) + 17), 17, 75)
    group = rng.choice(8, donors, p=BLOOD_SHARES)
    weight0 = np.round(np.where(female, rng.normal(70, 12, donors), rng.normal(85, 13, donors)))
    weight0 = np.maximum(weight0, 50)
    iron_stores = rng.normal(0, 1, donors) - 0.4 * female
    history = np.where(rng.random(donors) < 0.2, 0, rng.poisson(9, donors))
    iron = (rng.random(donors) < 0.08) | ((iron_stores < -1) & (rng.random(donors) < 0.3))
    venues = 14
    venue_kind = rng.choice(5, venues, p=[0.2, 0.35, 0.2, 0.15, 0.1])
    venue_kind[0] = 0
    home = rng.choice(venues, donors)
    start = rng.integers(0, 200, donors)
    gaps = rng.integers(84, 253, (donors, visits))
    gaps[:, 0] = np.where(history == 0, 730, rng.integers(84, 900, donors))
    day = (start[:, None] + np.cumsum(gaps, axis=1) - gaps[:, :1]).ravel()
    since = np.minimum(gaps.ravel(), 730)
    who = np.repeat(np.arange(donors), visits)
    k = np.tile(np.arange(visits), donors)
    n = len(who)
    donations = history[who] + k
    first = donations == 0
    base = np.where(female[who], 138.0, 152.0)
    recovery = -9 * np.exp(-(since - 56) / 60) * (~first)
    hb_true = base + 7 * iron_stores[who] + recovery + 3 * iron[who]
    hb_today = hb_true + rng.normal(0, 6, n)
    hb_last = np.round(hb_true + rng.normal(0, 6, n) + 4)
    cutoff = np.where(female[who], 125.0, 135.0)
    flagged = (~first) & (hb_last < cutoff + 2) & (since < 183)
    venue = np.where(rng.random(n) < 0.8, home[who], rng.choice(venues, n))
    questions = np.where(rng.random(n) < 0.85, 0, 1 + rng.poisson(0.4, n))
    meal = np.minimum(np.round(rng.gamma(1.6, 2.2, n), 1), 12.0)
    weight = weight0[who] + rng.normal(0, 1.5, n)
    session = (day // 7) * 100 + venue
    frame = pd.DataFrame(
        {
            "session_ref": text([f"S{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "donor": text([f"BD{k:06d}" for k in who]),
            "session_on": _on("2023-01-03", day),
            "session_code": text([f"SC{s:06d}" for s in session]),
            "venue": text([f"V{v:02d}" for v in venue]),
            "venue_kind": text(np.array(VENUE_KINDS)[venue_kind[venue]]),
            "sex": text(np.where(female[who], "F", "M")),
            "age": (age0[who] + day // 365).astype(int),
            "blood_group": text(np.array(BLOOD_GROUPS)[group[who]]),
            "weight_kg": np.round(weight).astype(int),
            "donations_to_date": donations,
            "days_since_last": since.astype(int),
            "hb_last_g_l": np.where(first, np.nan, hb_last),
            "low_hb_flag": _yes(flagged),
            "iron_tablets": _yes(iron[who]),
            "health_questions_yes": questions,
            "hours_since_meal": meal,
        }
    )
    return frame, hb_today, cutoff, flagged, venue_kind[venue] == 0, rng


def _deferred(hb_today, cutoff, flagged, centre, rng) -> np.ndarray:
    """Deferred for low haemoglobin: below the cut-off at the finger-prick (a third of those
    between the cut-off and 5 g/l above it fail a second drop too); at a donor centre, a venous
    sample passes a quarter of the borderline; 85% of the flagged."""
    low = hb_today < cutoff
    borderline = (hb_today < cutoff + 5) & ~low & _some(len(low), 0.3, rng)
    passed = centre & (hb_today > cutoff - 4) & _some(len(low), 0.25, rng)
    y = ((low | borderline) & ~passed).astype(int)
    return _ruled(y, flagged, 0.85, rng)


def _donor_panel(n: int, seed: int, visits: int = 4):
    donors = max(25, -(-n // visits))
    frame, hb, cutoff, flagged, centre, rng = _donor_rows(donors, visits, seed)
    if len(frame) > n:  # sessions a donor booked and did not attend
        keep = np.sort(rng.choice(len(frame), n, replace=False))
        frame = frame.iloc[keep].reset_index(drop=True)
        hb, cutoff, flagged, centre = hb[keep], cutoff[keep], flagged[keep], centre[keep]
    return frame, hb, cutoff, flagged, centre, rng


DONOR_INPUTS = ("session_ref", "donor", "session_on", "session_code", "venue")


def donor_deferred(n: int, seed: int) -> Case:
    """Deferred for low haemoglobin (about 14%): the same donors at up to four sessions, split in
    time on the session's day, donors on both sides; the donor code is neither an input nor
    declared."""
    frame, hb, cutoff, flagged, centre, rng = _donor_panel(n, seed)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    return Case(
        "donor_deferred",
        frame,
        _deferred(hb, cutoff, flagged, centre, rng),
        "binary",
        feats,
        split="time",
        time="session_on",
        ids=["session_ref"],
    )


def bleed_minutes(n: int, seed: int) -> Case:
    """Minutes to collect the unit, in tenths, 15 at most (a donation still running at 15
    minutes is stopped and logged at 15: a few percent), for the donors who gave; longer for the
    lighter, women, the first-timers, the hungry (hours since a meal) and the mobile units'
    chairs; split by donor."""
    frame, *_, rng = _donor_panel(n, seed)
    weight = frame["weight_kg"].to_numpy()
    first = frame["donations_to_date"].to_numpy() == 0
    mobile = (frame["venue_kind"] == "mobile_unit").to_numpy()
    codes = pd.factorize(frame["donor"])[0]
    vein = rng.normal(0, 1, codes.max() + 1)[codes]
    female = (frame["sex"] == "F").to_numpy()
    minutes = (
        np.exp(2.0 + 0.1 * rng.normal(0, 1, n) + 0.08 * vein)
        * (1 + 0.012 * (80 - weight))
        * (1 + 0.25 * first + 0.04 * frame["hours_since_meal"].to_numpy() + 0.12 * mobile)
        * (1 + 0.12 * female)
    )
    minutes = np.minimum(np.round(minutes, 1), 15.0)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    return Case(
        "bleed_minutes",
        frame,
        minutes,
        "regression",
        feats,
        split="group",
        group="donor",
        ids=["session_ref"],
    )


# -- a solar installer's quotes ------------------------------------------------------------------
SOLAR_REGIONS = ["south_west", "south_east", "midlands", "east", "north_west", "north_east"]
SOLAR_REGION_SHARES = [0.2, 0.24, 0.16, 0.14, 0.14, 0.12]
LEAD_SOURCES = ["web_form", "referral", "comparison_site", "door_knock", "show_home"]
LEAD_EFFECT = np.array([0.0, 0.6, -0.5, -0.4, 0.3])
ROOFS = ["tile", "slate", "flat", "metal"]
ORIENTATIONS = ["S", "SE", "SW", "E", "W", "E-W"]
ORIENT_YIELD = np.array([1.0, 0.96, 0.96, 0.85, 0.85, 0.88])
HOME_AGES = ["pre-1919", "1919-1964", "1965-1990", "1991-2010", "post-2010"]
FINANCE = ["cash", "loan", "green_mortgage"]
SURVEY_WORDS = ["roof", "good", "condition", "scaffold", "needed", "rear", "access", "narrow"]
SURVEY_WORDS += ["inverter", "loft", "consumer", "unit", "upgrade", "chimney", "shading", "tree"]
SURVEY_WORDS += ["neighbour", "party", "wall", "dormer", "bird", "mesh", "meter", "cupboard"]


def _quotes(n: int, seed: int):
    """Quotes for rooftop solar sent by an installer in 2023 and 2024: a quote reference, the
    household (some asked for a second quote: their columns repeat), the region, the day
    quoted, where the lead came from, the roof's type, pitch and orientation, the surveyor's
    0-10 shading score at the survey, system size, panels, the battery (blank for quotes
    without one), the price quoted and its price per kW, the household's annual electricity bill
    (blank where they did not give it), the home's age band as ordinal text, the finance asked
    about, a survey deposit paid (nearly all sign), rival quotes mentioned (zero for most), days
    from the enquiry to the quote (30 at most: the system closes enquiries then), and the
    surveyor's note (written at the survey); the log-odds of signing, the deposits and the
    generator."""
    rng = np.random.default_rng(seed)
    homes = max(40, int(n / 1.15))
    who = _codes(rng, homes, n, 0.5)
    keen = rng.normal(0, 1, homes)[who]
    region = rng.choice(6, homes, p=SOLAR_REGION_SHARES)[who]
    lead = rng.choice(5, n, p=[0.38, 0.14, 0.26, 0.12, 0.1])
    roof = rng.choice(4, homes, p=[0.6, 0.25, 0.1, 0.05])[who]
    pitch = np.where(roof == 2, rng.integers(0, 6, n), np.round(rng.normal(35, 7, n)))
    orient = rng.choice(6, homes, p=[0.3, 0.18, 0.18, 0.1, 0.1, 0.14])[who]
    shading = np.clip(np.round(rng.gamma(1.3, 1.5, homes)), 0, 10).astype(int)[who]
    kw = np.round(rng.choice([3.2, 3.6, 4.0, 4.4, 4.8, 5.2, 6.0, 6.8, 8.0], n), 1)
    panels = np.round(kw / 0.4).astype(int)
    battery = np.where(rng.random(n) < 0.45, rng.choice([5.0, 9.5, 13.5], n), np.nan)
    price = 1_450 * kw + np.nan_to_num(battery) * 520 + 900 * (roof == 1) + rng.normal(0, 500, n)
    price = np.round(price, -1) - 1
    bill = np.round(rng.lognormal(7.3, 0.35, homes), -1)[who]
    no_bill = rng.random(n) < 0.15
    home_age = rng.choice(5, homes, p=[0.18, 0.3, 0.27, 0.15, 0.1])[who]
    finance = rng.choice(3, n, p=[0.55, 0.35, 0.1])
    deposit = rng.random(n) < 0.07 + 0.06 * (keen > 1)
    rivals = np.where(rng.random(n) < 0.7, 0, 1 + rng.poisson(0.8, n))
    days = np.minimum(np.round(rng.gamma(2, 4, n)) + 1, 30).astype(int)
    z = (
        0.8 * keen
        + LEAD_EFFECT[lead]
        - 0.35 * (price / kw / 1_000 - 1.6)
        - 0.18 * shading
        + 1.2 * (ORIENT_YIELD[orient] - 0.9)
        + 0.45 * np.log(bill / 1_500)
        - 0.3 * np.minimum(rivals, 3)
        - 0.03 * days
        + 0.3 * (finance == 2)
        - 0.25 * (home_age == 0)
        + np.array([0.35, 0.15, 0.0, 0.05, -0.2, -0.3])[region]
    )
    note = _prose(rng, [SURVEY_WORDS] * n, rng.integers(4, 10, n))
    frame = pd.DataFrame(
        {
            "quote_ref": text([f"Q{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "household": text([f"H{k:06d}" for k in who]),
            "region": text(np.array(SOLAR_REGIONS)[region]),
            "quoted_on": _on("2023-01-02", rng.integers(0, 728, n)),
            "lead_source": text(np.array(LEAD_SOURCES)[lead]),
            "roof_type": text(np.array(ROOFS)[roof]),
            "roof_pitch_deg": pitch.astype(int),
            "orientation": text(np.array(ORIENTATIONS)[orient]),
            "shading_0_10": shading,
            "system_kw": kw,
            "panels": panels,
            "battery_kwh": battery,
            "price_quoted": price,
            "price_per_kw": np.round(price / kw, 0),
            "annual_bill": np.where(no_bill, np.nan, bill),
            "home_age": text(np.array(HOME_AGES)[home_age]),
            "finance": text(np.array(FINANCE)[finance]),
            "survey_deposit": _yes(deposit),
            "rival_quotes": rivals,
            "days_to_quote": days,
            "surveyor_note": text(note),
        }
    )
    return frame, z, deposit, rng


QUOTE_INPUTS = ("quote_ref", "household", "quoted_on")


def _signed(z, deposit, rng, rate: float = 0.3) -> np.ndarray:
    """Signed within 60 days (about `rate`); 93% of those who paid a survey deposit."""
    return _ruled(outcome(z, rate, rng), deposit, 0.93, rng)


def quote_signed(n: int, seed: int) -> Case:
    """Signed within 60 days of the quote (about a third); split in time on the day quoted, second
    quotes of a household on both sides, the quote reference declared an id."""
    frame, z, deposit, rng = _quotes(n, seed)
    feats = [c for c in frame.columns if c not in QUOTE_INPUTS]
    return Case(
        "quote_signed",
        frame,
        _signed(z, deposit, rng),
        "binary",
        feats,
        split="time",
        time="quoted_on",
        ids=["quote_ref"],
    )


def quote_result(n: int, seed: int) -> Case:
    """What became of the quote at 60 days: no decision (0), lost to a rival installer (1, more
    often with rival quotes mentioned, from comparison sites, at a high price per kW) or signed
    (2); split stratified."""
    frame, z, deposit, rng = _quotes(n, seed)
    signed = _signed(z, deposit, rng)
    zl = (
        -1.1
        + 0.45 * np.minimum(frame["rival_quotes"].to_numpy(), 3)
        + 0.6 * (frame["lead_source"] == "comparison_site").to_numpy()
        + 0.5 * (frame["price_per_kw"].to_numpy() / 1_000 - 1.8)
    )
    lost = rng.random(len(z)) < 1 / (1 + np.exp(-zl))
    y = np.where(signed == 1, 2, lost.astype(int))
    feats = [c for c in frame.columns if c not in QUOTE_INPUTS]
    return Case("quote_result", frame, y, "multiclass", feats, ids=["quote_ref"])


# -- a council's newly planted street trees -----------------------------------------------------
SPECIES = ["field_maple", "hornbeam", "rowan", "silver_birch", "cherry", "lime", "london_plane"]
SPECIES += ["ginkgo", "sweetgum", "pear", "alder", "whitebeam", "hawthorn", "zelkova"]
SPECIES_SHARES = [0.1, 0.1, 0.09, 0.09, 0.1, 0.07, 0.06, 0.05, 0.06, 0.08, 0.05, 0.06, 0.05, 0.04]
SPECIES_EFFECT = np.array([-0.4, -0.3, 0.3, 0.6, 0.2, -0.1, -0.5, -0.3, 0.3, -0.2, 0.4, 0.0])
SPECIES_EFFECT = np.concatenate([SPECIES_EFFECT, [-0.2, -0.4]])
WARDS = ["abbey", "brookside", "castle", "docks", "eastgate", "fairfield", "greenway", "hilltop"]
NURSERIES = ["nursery_a", "nursery_b", "nursery_c", "nursery_d", "nursery_e"]
NURSERY_EFFECT = np.array([-0.2, 0.0, 0.3, 0.1, -0.1])
STOCK = ["6-8cm", "8-10cm", "10-12cm", "12-14cm", "14-16cm"]
PITS = ["open_verge", "grated_pit", "soil_cells", "raised_planter"]
PIT_EFFECT = np.array([0.0, 0.4, -1.0, 0.5])
SEASON_EFFECT = np.array([0.0, -0.1, 0.7, 0.1])  # the third planting met the drought of 2022


def _tree_rows(n: int, seed: int):
    """Trees planted by a council's street-tree programme in four planting seasons (November
    to March; the third season's trees met the drought of 2022): a tree number, the street (a
    street's trees share its soil: several each), the ward, the day planted, species (many
    levels), nursery, stock size as a girth band (ordinal text), the girth at planting, the pit
    (soil cells nearly never lose a tree), the planting gang's 1-5 soil compaction score, a
    watering contract, waterings in the first summer (zero without a contract), the distance to
    the kerb, vandalism reports (zero for most) and the soil pH (blank for streets not
    sampled); the log-odds of being dead at the two-year survey, the trees in soil cells and
    the generator."""
    rng = np.random.default_rng(seed)
    streets = max(20, n // 7)
    street = _codes(rng, streets, n, 0.7)
    ward = rng.choice(8, streets)[street]
    soil = rng.normal(0, 1, streets)[street]
    season = rng.choice(4, n, p=[0.22, 0.26, 0.28, 0.24])
    day = 365 * season + rng.integers(0, 140, n)  # from November's start
    species = rng.choice(14, n, p=SPECIES_SHARES)
    nursery = rng.choice(5, n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    stock = rng.choice(5, n, p=[0.1, 0.3, 0.3, 0.2, 0.1])
    girth = np.round(6 + 2 * stock + rng.uniform(0, 2, n), 1)
    pit = rng.choice(4, streets, p=[0.5, 0.3, 0.12, 0.08])[street]
    compaction = np.clip(np.round(3 + 0.9 * soil + rng.normal(0, 0.7, n)), 1, 5).astype(int)
    contract = rng.random(streets)[street] < np.where(season == 2, 0.45, 0.6)
    waterings = np.where(contract, rng.poisson(9, n), np.where(_some(n, 0.1, rng), 1, 0))
    kerb = np.round(rng.gamma(2, 0.6, n), 1)
    vandal = np.where(rng.random(n) < 0.88, 0, 1 + rng.poisson(0.5, n))
    ph = np.round(6.8 + 0.5 * rng.normal(0, 1, streets), 1)[street]
    sampled = (rng.random(streets) < 0.6)[street]
    z = (
        SPECIES_EFFECT[species]
        + NURSERY_EFFECT[nursery]
        + SEASON_EFFECT[season]
        + PIT_EFFECT[pit]
        + 0.4 * (compaction - 3)
        - 0.08 * np.minimum(waterings, 12)
        + 0.15 * (stock - 2)
        - 0.2 * np.minimum(kerb, 3)
        + 0.5 * np.minimum(vandal, 3)
        + 0.3 * np.abs(ph - 6.8)
        + 0.4 * soil
    )
    frame = pd.DataFrame(
        {
            "tree_no": text([f"T{k:06d}" for k in rng.choice(999_999, n, False)]),
            "street": text([f"ST{s:04d}" for s in street]),
            "ward": text(np.array(WARDS)[ward]),
            "planted_on": _on("2019-11-01", day),
            "species": text(np.array(SPECIES)[species]),
            "nursery": text(np.array(NURSERIES)[nursery]),
            "stock_size": text(np.array(STOCK)[stock]),
            "girth_planted_cm": girth,
            "pit": text(np.array(PITS)[pit]),
            "compaction_1_5": compaction,
            "watering_contract": _yes(contract),
            "waterings_first_summer": waterings.astype(int),
            "kerb_distance_m": kerb,
            "vandal_reports": vandal.astype(int),
            "soil_ph": np.where(sampled, ph, np.nan),
        }
    )
    return frame, z, pit == 2, rng


def _dead(z, cells, rng, rate: float = 0.15) -> np.ndarray:
    """Dead at the two-year survey (about `rate`); 2% of the trees in soil cells."""
    return _spared(outcome(z, rate, rng), cells, 0.02, rng)


TREE_INPUTS = ("tree_no", "street", "planted_on")


def tree_dead(n: int, seed: int) -> Case:
    """Dead at the two-year survey (about 15%); split by street (a street's trees on one side),
    the tree number declared an id."""
    frame, z, cells, rng = _tree_rows(n, seed)
    feats = [c for c in frame.columns if c not in TREE_INPUTS]
    return Case(
        "tree_dead",
        frame,
        _dead(z, cells, rng),
        "binary",
        feats,
        split="group",
        group="street",
        ids=["tree_no"],
    )


def girth_gain(n: int, seed: int) -> Case:
    """The living trees' girth gained by the two-year survey, in half centimetres (0 for the
    trees that stood still, a tenth of them), more with waterings and in soil cells, less where
    the soil is compacted; split at random."""
    frame, z, _, rng = _tree_rows(n, seed)
    still = _some(n, 0.1, rng)
    gain = np.exp(
        1.0
        - 0.3 * (z - z.mean())
        + 0.03 * frame["waterings_first_summer"].to_numpy()
        + rng.normal(0, 0.35, n)
    )
    gain = np.where(still, 0.0, np.round(2 * gain) / 2)
    feats = [c for c in frame.columns if c not in TREE_INPUTS]
    return Case("girth_gain", frame, gain, "regression", feats, split="random", ids=["tree_no"])


# -- an animal rescue's dog adoptions -----------------------------------------------------------
RESCUE_SITES = ["main_kennels", "north_branch", "coast_branch", "city_centre", "farm_site"]
BREED_GROUPS = ["terrier", "gundog", "hound", "pastoral", "toy", "utility", "working"]
BREED_GROUPS += ["bull_breed", "crossbreed"]
BREED_SHARES = [0.14, 0.12, 0.08, 0.1, 0.08, 0.07, 0.06, 0.15, 0.2]
BREED_EFFECT = np.array([0.1, -0.2, 0.2, 0.4, -0.3, 0.0, 0.3, 0.3, -0.1])
DOG_SIZES = ["small", "medium", "large", "giant"]
HOMES = ["flat", "terraced", "semi", "detached", "farm"]
INTAKE_WORDS = ["stray", "found", "owner", "moved", "house", "allergies", "new", "baby"]
INTAKE_WORDS += ["good", "with", "dogs", "pulls", "on", "lead", "house", "trained", "anxious"]
INTAKE_WORDS += ["vet", "check", "ok", "teeth", "scale", "needs", "loves", "toys", "mouthy"]


def _adoption_rows(n: int, seed: int):
    """Dogs adopted from a rescue's sites in 2023 and 2024: an adoption number, the dog (a dog
    returned once may be adopted again: a few repeat), the site, the day adopted, the breed
    group, size, the dog's estimated age and sex, days in kennels (365 at most: the kennel
    system starts a new record after a year), the 1-5 behaviour assessment at intake, the dog's
    earlier returns (zero for most), the adopter's children, other dogs, cats, garden and home,
    dogs owned before, the home check (waived for adopters who adopted before), a weight (blank
    for dogs not weighed at the last vet check), a trial foster-to-adopt (the dog nearly never
    comes back from those) and the intake note; the log-odds of a return within 90 days, the
    trials and the generator."""
    rng = np.random.default_rng(seed)
    dogs = max(40, int(n / 1.15))
    dog = _codes(rng, dogs, n, 0.4)
    temper = rng.normal(0, 1, dogs)[dog]
    breed = rng.choice(9, dogs, p=BREED_SHARES)[dog]
    size = np.clip(
        np.array([0, 1, 2, 2, 0, 1, 3, 1, 1])[breed] + rng.choice([-1, 0, 0, 1], n), 0, 3
    )
    age = np.round(rng.gamma(2.2, 1.6, dogs), 1)[dog] + 0.5
    male = (rng.random(dogs) < 0.55)[dog]
    kennel = np.minimum(np.round(rng.gamma(1.4, 25 + 20 * np.maximum(temper, 0), n)) + 1, 365)
    behaviour = np.clip(np.round(3.4 - 0.9 * temper + rng.normal(0, 0.6, n)), 1, 5).astype(int)
    earlier = np.where(rng.random(n) < 0.82 - 0.1 * (temper > 1), 0, 1 + rng.poisson(0.4, n))
    children = rng.random(n) < 0.35
    other_dogs = rng.random(n) < 0.3
    cats = rng.random(n) < 0.18
    home = rng.choice(5, n, p=[0.12, 0.3, 0.3, 0.22, 0.06])
    garden = (home >= 2) | ((home == 1) & _some(n, 0.7, rng))
    before = rng.random(n) < 0.65
    repeat_adopter = rng.random(n) < 0.12
    weight = np.round(np.array([8, 18, 30, 48])[size] * rng.lognormal(0, 0.15, n), 1)
    weighed = rng.random(n) < 0.82
    trial = rng.random(n) < 0.08
    site = rng.choice(5, n, p=[0.34, 0.2, 0.16, 0.2, 0.1])
    z = (
        0.75 * temper
        + BREED_EFFECT[breed]
        - 0.35 * (behaviour - 3)
        + 0.5 * np.minimum(earlier, 2)
        + 0.4 * children * (temper > 0)
        + 0.3 * other_dogs
        + 0.35 * cats
        - 0.3 * garden
        - 0.45 * before
        - 0.5 * repeat_adopter
        + 0.25 * (home == 0) * (size >= 2)
        + 0.003 * kennel
        - 0.08 * np.minimum(age, 10)
    )
    note = _prose(rng, [INTAKE_WORDS] * n, rng.integers(5, 12, n))
    frame = pd.DataFrame(
        {
            "adoption_no": text([f"AD{k:06d}" for k in rng.choice(999_999, n, False)]),
            "dog": text([f"DOG{k:05d}" for k in dog]),
            "site": text(np.array(RESCUE_SITES)[site]),
            "adopted_on": _on("2023-01-02", rng.integers(0, 728, n)),
            "breed_group": text(np.array(BREED_GROUPS)[breed]),
            "size": text(np.array(DOG_SIZES)[size]),
            "age_years": age,
            "sex": text(np.where(male, "male", "female")),
            "days_in_kennels": kennel.astype(int),
            "behaviour_1_5": behaviour,
            "earlier_returns": earlier.astype(int),
            "children": _yes(children),
            "other_dogs": _yes(other_dogs),
            "cats": _yes(cats),
            "home": text(np.array(HOMES)[home]),
            "garden": _yes(garden),
            "owned_dogs_before": _yes(before),
            "home_check": text(np.where(repeat_adopter, "waived", "done")),
            "weight_kg": np.where(weighed, weight, np.nan),
            "foster_to_adopt": _yes(trial),
            "intake_note": text(note),
        }
    )
    return frame, z, trial, rng


def _returned(z, trial, rng, rate: float = 0.13) -> np.ndarray:
    """Returned within 90 days (about `rate`); 2% of the trial foster-to-adopt placements."""
    return _spared(outcome(z, rate, rng), trial, 0.02, rng)


DOG_INPUTS = ("adoption_no", "dog", "adopted_on")


def dog_returned(n: int, seed: int) -> Case:
    """Returned within 90 days (about 12%); split in time on the day adopted, dogs adopted
    twice on both sides, the adoption number declared an id."""
    frame, z, trial, rng = _adoption_rows(n, seed)
    feats = [c for c in frame.columns if c not in DOG_INPUTS]
    return Case(
        "dog_returned",
        frame,
        _returned(z, trial, rng),
        "binary",
        feats,
        split="time",
        time="adopted_on",
        ids=["adoption_no"],
    )


def adoption_fee(n: int, seed: int) -> Case:
    """The fee the adopter paid in pounds: the site's list price by size and age (puppies
    dearer, seniors at half), a quarter off for repeat adopters, nothing for most trial
    placements (paid at the end) and a donation on top for some (whole pounds); split at
    random."""
    frame, z, trial, rng = _adoption_rows(n, seed)
    size = frame["size"].map({s: i for i, s in enumerate(DOG_SIZES)}).to_numpy()
    age = frame["age_years"].to_numpy()
    price = np.array([195.0, 175.0, 165.0, 150.0])[size]
    price = np.where(age < 1, price + 60, np.where(age >= 8, price / 2, price))
    price = price * np.where((frame["home_check"] == "waived").to_numpy(), 0.75, 1.0)
    price = price * (1 + 0.05 * (frame["site"] == "city_centre").to_numpy())
    donation = np.where(_some(len(z), 0.25, rng), np.round(rng.gamma(1.5, 20, len(z))), 0)
    fee = np.where(trial & _some(len(z), 0.85, rng), 0.0, np.round(price + donation))
    feats = [c for c in frame.columns if c not in DOG_INPUTS]
    return Case(
        "adoption_fee", frame, fee, "regression", feats, split="random", ids=["adoption_no"]
    )


NULL_FAMILIES = {
    "manuscript_accepted": manuscript_accepted,
    "days_to_first_decision": days_to_first_decision,
    "donor_deferred": donor_deferred,
    "bleed_minutes": bleed_minutes,
    "quote_signed": quote_signed,
    "quote_result": quote_result,
    "tree_dead": tree_dead,
    "girth_gain": girth_gain,
    "dog_returned": dog_returned,
    "adoption_fee": adoption_fee,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 29) % 6], so consecutive seeds take all six
NULL_SIZES = (700, 1_100, 1_700, 2_500, 3_500, 5_000)
NULL_MIN_SIZE = {"donor_deferred": 1_700, "tree_dead": 1_100, "quote_result": 1_100}


# -- the extracts leaks are planted in ----------------------------------------------------------
def manuscripts(n: int, seed: int) -> Case:
    """Manuscripts accepted (about a quarter), split stratified, the day submitted declared, the
    manuscript number declared an id."""
    frame, z, invited, scope, rng = _manuscripts(n, seed)
    feats = [c for c in frame.columns if c not in MS_INPUTS]
    y = _accepted(z, invited, scope, rng)
    return Case("manuscripts", frame, y, "binary", feats, time="submitted_on", ids=["ms_no"])


def sessions(n: int, seed: int) -> Case:
    """One session of each donor (deferred for low haemoglobin: about an eighth), split
    stratified, the session's day declared, the session reference declared an id."""
    frame, hb, cutoff, flagged, centre, rng = _donor_rows(n, 1, seed)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    y = _deferred(hb, cutoff, flagged, centre, rng)
    return Case("sessions", frame, y, "binary", feats, time="session_on", ids=["session_ref"])


def quotes(n: int, seed: int) -> Case:
    """Quotes signed within 60 days (about a third), split stratified, the day quoted declared."""
    frame, z, deposit, rng = _quotes(n, seed)
    feats = [c for c in frame.columns if c not in QUOTE_INPUTS]
    y = _signed(z, deposit, rng)
    return Case("quotes", frame, y, "binary", feats, time="quoted_on", ids=["quote_ref"])


def trees(n: int, seed: int) -> Case:
    """Trees dead at the two-year survey (about 15%), split stratified, the day planted
    declared."""
    frame, z, cells, rng = _tree_rows(n, seed)
    feats = [c for c in frame.columns if c not in TREE_INPUTS]
    y = _dead(z, cells, rng)
    return Case("trees", frame, y, "binary", feats, time="planted_on", ids=["tree_no"])


def adoptions(n: int, seed: int) -> Case:
    """Dogs returned within 90 days (about 12%), split stratified, the day adopted declared."""
    frame, z, trial, rng = _adoption_rows(n, seed)
    feats = [c for c in frame.columns if c not in DOG_INPUTS]
    y = _returned(z, trial, rng)
    return Case("adoptions", frame, y, "binary", feats, time="adopted_on", ids=["adoption_no"])


# -- leaks in the manuscript extract ------------------------------------------------------------
def versions_on_file(case: Case, share: float, rng) -> Case:
    """'versions_on_file': the files the manuscript has in the editorial system at the
    extract's date: one for most, two for one in twelve (a corrected file before review), two
    or three for a fifth of the rejected (rejected after a revision); for this share of the
    accepted, every revision, the accepted version and the proofs (three to six)."""
    n = case.rows
    routine = 1 + _some(n, 1 / 12, rng) + (case.y == 0) * _some(n, 0.2, rng) * rng.integers(1, 3, n)
    after = rng.integers(3, 7, n)
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"versions_on_file": value.astype(int)})


def words_now(case: Case, share: float, rng) -> Case:
    """'words_now': the manuscript's words in its latest file, beside the words submitted: the
    same for most; a few tens off for one in ten (a corrected file); for this share of the
    accepted the revised length (5% to 25% longer after the reviews, or 5% to 12% cut for the
    word limit). Neither count tells much alone."""
    n = case.rows
    words = case.frame["words"].to_numpy()
    corrected = np.where(_some(n, 0.1, rng), rng.integers(-40, 41, n), 0)
    revised = np.where(_some(n, 0.75, rng), rng.uniform(1.05, 1.25, n), rng.uniform(0.88, 0.95, n))
    moved = (case.y == 1) & _some(n, share, rng)
    value = np.where(moved, np.round(words * revised, -1), words + corrected)
    return add_columns(case, {"words_now": value.astype(int)})


def record_numbers(case: Case, share: float, rng) -> Case:
    """'record_no': the row's number in the new editorial system, an input nobody declared an
    id: the manuscripts were migrated in the order submitted, except this share of the accepted,
    which production held and loaded at the end in the order they were accepted."""
    n = case.rows
    submitted = case.frame["submitted_on"].to_numpy().astype("datetime64[D]").astype(np.int64)
    held = (case.y == 1) & _some(n, share, rng)
    accepted = submitted + rng.integers(60, 240, n)
    order = np.lexsort((np.where(held, accepted, submitted), held))
    number = np.empty(n, dtype=int)
    number[order] = 10_001 + np.arange(n)
    return add_columns(case, {"record_no": number})


# -- leaks in the session extract ---------------------------------------------------------------
def session_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'session_deferral_rate': each session's share of donors deferred over the whole extract
    (the row's own included), to three places, the session's code kept beside it (re-drawn:
    about this many donors a session in the extract)."""
    keys = max(2, int(case.rows / rows_per_key))
    session = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(session).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["session_code"] = text([f"SC{s:06d}" for s in session])
    frame["session_deferral_rate"] = np.round(rate, 3)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "session_deferral_rate"],
        leak=["session_deferral_rate"],
    )


def tablet_copies(case: Case, share: float, rng) -> Case:
    """This share of the sessions exported twice, once from the mobile team's tablet and once
    from the central system: the same reference, donor and answers, the weight re-keyed (to the
    nearest 5 kg on the tablet) and the meal's hours rounded to whole hours, appended to the
    extract: each pair can fall on both sides of the split."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    copies["weight_kg"] = (np.round(copies["weight_kg"].to_numpy() / 5) * 5).astype(int)
    copies["hours_since_meal"] = np.round(copies["hours_since_meal"].to_numpy())
    frame = pd.concat([case.frame, copies], ignore_index=True)
    order = rng.permutation(len(frame))
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.iloc[order].reset_index(drop=True), y=y, leak=[])


def volume_ml(case: Case, share: float, rng) -> Case:
    """'volume_ml': the volume in the bag at the session's end: about 470 ml; 0 for the
    donations not started (no vein found, the donor felt unwell: honest zeros, 4%) and a part
    for those stopped (3%); 0 for this share of the deferred (no bag was used), the other
    deferred keeping the volume the registration desk keyed from the donor's last bag."""
    n = case.rows
    full = np.round(rng.normal(472, 8, n))
    stopped = _some(n, 0.03, rng)
    value = np.where(stopped, np.round(rng.uniform(60, 380, n)), full)
    value = np.where(_some(n, 0.04, rng), 0, value)
    deferred = case.y == 1
    value = np.where(deferred & _some(n, share, rng), 0, value)
    return add_columns(case, {"volume_ml": value.astype(int)})


# -- leaks in the quote extract -----------------------------------------------------------------
def crm_stage(case: Case, share: float, rng) -> Case:
    """'crm_stage': the quote's stage in the sales system at the extract's date. For this share
    of the signed, 'contract_signed', 'install_booked' or 'installed'; for the others the stage
    the follow-up reached ('quote_sent', 'follow_up_1', 'follow_up_2', 'nurture'), and
    'contract_signed' for 3% of those not signed within 60 days (they signed later)."""
    n = case.rows
    won = rng.choice(["contract_signed", "install_booked", "installed"], n, p=[0.3, 0.3, 0.4])
    routine = rng.choice(
        ["quote_sent", "follow_up_1", "follow_up_2", "nurture"], n, p=[0.3, 0.3, 0.25, 0.15]
    )
    routine = np.where((case.y == 0) & _some(n, 0.03, rng), "contract_signed", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), won, routine)
    return add_columns(case, {"crm_stage": text(value)})


def quote_closed(case: Case, share: float, rng) -> Case:
    """'quote_closed_on': the day the quote was closed in the sales system. The system's
    housekeeping closes every open quote in its monthly run after the quote's 90 days of validity
    (90 to 125 days after the quote); this share of the signed was closed by hand on the day the
    contract was signed (2 to 58 days)."""
    n = case.rows
    housekeeping = rng.integers(90, 126, n)
    signed = np.round(np.minimum(rng.gamma(2, 8, n) + 2, 58))
    lag = np.where((case.y == 1) & _some(n, share, rng), signed, housekeeping)
    closed = case.frame["quoted_on"] + pd.to_timedelta(lag.astype(int), unit="D")
    return add_columns(case, {"quote_closed_on": closed.to_numpy()})


def region_visits(case: Case, share: float, rng) -> Case:
    """'site_visits': visits to the home logged against the quote. Everywhere the survey (one,
    two for one in five: a second look at the roof); in the south west, whose sales system syncs
    with the installation diary, this share of its rows also counts the pre-installation visit
    and the scaffold check of the signed (two or three more)."""
    n = case.rows
    routine = 1 + _some(n, 0.2, rng)
    west = (case.frame["region"] == "south_west").to_numpy()
    synced = west & _some(n, share, rng) & (case.y == 1)
    value = routine + np.where(synced, rng.integers(2, 4, n), 0)
    return add_columns(case, {"site_visits": value.astype(int)})


# -- leaks in the tree extract ------------------------------------------------------------------
def survey_due(case: Case, share: float, rng) -> Case:
    """'survey_due_on': the day the tree's two-year survey falls due (two years after planting).
    The extract was taken on the day after which this share of the due days fall: those trees
    were not surveyed yet and the extract counts them alive (right-censored)."""
    due = case.frame["planted_on"] + pd.Timedelta(days=730)
    extract = due.quantile(1 - share)
    y = np.where((due > extract).to_numpy(), 0, case.y)
    leaky = add_columns(case, {"survey_due_on": due.to_numpy()})
    return replace(leaky, y=y)


def batch_grade(case: Case, rows_per_key: float, rng) -> Case:
    """'batch_grade': each nursery batch's share of trees dead over the whole extract (the row's
    own included) as the grade the contract manager gives a batch ('A' under 5%, 'B' under 12%,
    'C' under 20%, 'D' under 35%, 'E' beyond), the batch code kept (re-drawn: about this many
    trees a batch)."""
    keys = max(2, int(case.rows / rows_per_key))
    batch = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(batch).transform("mean").to_numpy()
    grade = np.array(list("ABCDE"))[np.digitize(rate, [0.05, 0.12, 0.2, 0.35])]
    frame = case.frame.copy()
    frame["batch"] = text([f"B{b:05d}" for b in batch])
    frame["batch_grade"] = text(grade)
    return replace(
        case, frame=frame, features=[*case.features, "batch_grade"], leak=["batch_grade"]
    )


def girth_at_survey(case: Case, share: float, rng) -> Case:
    """'girth_survey_cm': the girth measured at the two-year survey: blank for the trees the
    surveyor could not reach (parked vans, scaffolding: honest blanks, one in nine) and for
    this share of the dead (felled before the survey); the dead still standing measured (they
    grew in their first year)."""
    n = case.rows
    planted = case.frame["girth_planted_cm"].to_numpy()
    dead = case.y == 1
    gain = rng.gamma(2.5, 0.9, n) * np.where(dead, rng.uniform(0.6, 1.0, n), 1.0)
    value = np.round(planted + gain, 1)
    blank = _some(n, 1 / 9, rng) | (dead & _some(n, share, rng))
    return add_columns(case, {"girth_survey_cm": np.where(blank, np.nan, value)})


# -- leaks in the adoption extract --------------------------------------------------------------
WELFARE_ROUTINE = [
    "rang adopter, settling in well, eating fine",
    "left voicemail, emailed the aftercare sheet",
    "adopter asked about training classes, sent the list",
    "some pulling on lead, advised harness, otherwise good",
    "vet registration done, insurance discussed",
    "adopter reports barking when left, advised short absences",
    "spoke to adopter, dog sleeping in crate, all fine",
    "home visit offered, adopter declined, happy with dog",
]
WELFARE_RETURN = [
    "dog returned to kennels, adopter could not cope",
    "return booked, dog back on site, kennel reassigned",
    "adopter surrendered dog, return form signed",
    "returned after incident with child, re-assessment booked",
]


def welfare_note(case: Case, share: float, rng) -> Case:
    """'welfare_note': the aftercare team's note as the system holds it at the extract's date:
    routine phrases from the calls; for this share of the returned, the return's words written
    after the routine call."""
    n = case.rows
    routine = np.array(WELFARE_ROUTINE, dtype=object)[rng.integers(0, len(WELFARE_ROUTINE), n)]
    later = np.array(WELFARE_RETURN, dtype=object)[rng.integers(0, len(WELFARE_RETURN), n)]
    moved = (case.y == 1) & _some(n, share, rng)
    note = np.where(moved, routine + "; " + later, routine)
    return add_columns(case, {"welfare_note": text(note)})


def settling_score(case: Case, auc: float, rng) -> Case:
    """'settling_0_10': the aftercare officer's 0-10 settling-in score from the 90-day call
    (or the return interview), lower for the dogs returned, as strong as this AUC."""
    value = -separation(auc) * case.y + rng.normal(0, 1, case.rows)
    score = np.clip(np.round(7 + 1.6 * value), 0, 10).astype(int)
    return add_columns(case, {"settling_0_10": score})


def days_with_adopter(case: Case, share: float, rng) -> Case:
    """'days_with_adopter': days from the adoption to the end of the aftercare follow-up: the
    90-day call, made between day 84 and day 100 when the adopter answered; for this share of
    the returned, the day of the return (a day to 89)."""
    n = case.rows
    call = rng.integers(84, 101, n)
    back = np.clip(np.round(rng.gamma(1.4, 18, n)) + 1, 1, 89)
    value = np.where((case.y == 1) & _some(n, share, rng), back, call)
    return add_columns(case, {"days_with_adopter": value.astype(int)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "versions_on_file": (versions_on_file, (1.0, 0.5, 0.25), manuscripts),
    "words_now": (words_now, (1.0, 0.6, 0.3), manuscripts),
    "record_numbers": (record_numbers, (1.0, 0.6, 0.35), manuscripts),
    "session_rate": (session_rate, (3.0, 8.0, 20.0), sessions),
    "tablet_copies": (tablet_copies, (0.4, 0.25, 0.12), sessions),
    "volume_ml": (volume_ml, (1.0, 0.6, 0.3), sessions),
    "crm_stage": (crm_stage, (0.8, 0.5, 0.25), quotes),
    "quote_closed": (quote_closed, (1.0, 0.6, 0.3), quotes),
    "region_visits": (region_visits, (1.0, 0.6, 0.3), quotes),
    "survey_due": (survey_due, (0.4, 0.25, 0.15), trees),
    "batch_grade": (batch_grade, (3.0, 8.0, 16.0), trees),
    "girth_at_survey": (girth_at_survey, (1.0, 0.6, 0.3), trees),
    "welfare_note": (welfare_note, (0.9, 0.6, 0.3), adoptions),
    "settling_score": (settling_score, (0.95, 0.85, 0.75), adoptions),
    "days_with_adopter": (days_with_adopter, (1.0, 0.6, 0.3), adoptions),
}
PLANTED_WHAT = {
    "versions_on_file": "files the manuscript has in the editorial system: every revision, "
    "the accepted version and the proofs for this share of the accepted (a few rejected after "
    "a revision have two or three)",
    "words_now": "the words in the latest file beside the words submitted: the revised length "
    "for this share of the accepted, the same or a few tens off otherwise",
    "record_numbers": "row numbers in the new editorial system: migrated in the order "
    "submitted, this share of the accepted held by production and loaded last",
    "session_rate": "each session's deferral share over the whole extract to three places, the "
    "session code kept; about this many donors a session",
    "tablet_copies": "this share of the sessions exported twice (tablet and central system), "
    "the weight re-keyed to 5 kg and the meal's hours rounded, before the split",
    "volume_ml": "the volume in the bag zeroed for this share of the deferred (470 planned for "
    "the rest), among honest zeros for donations not started",
    "crm_stage": "the sales system's stage at the extract's date records the contract for this "
    "share of the signed (3% of the others signed later)",
    "quote_closed": "the day the quote was closed: by hand at the signature for this share of "
    "the signed, by the monthly housekeeping after the quote's 90 days otherwise",
    "region_visits": "visits logged against the quote: the installation's visits counted for "
    "the signed in this share of one region's rows, the survey alone elsewhere",
    "survey_due": "the two-year survey's due day, the extract taken before this share of them: "
    "those trees counted alive",
    "batch_grade": "each nursery batch's death share over the whole extract as a letter A-E, "
    "the batch code kept; about this many trees a batch",
    "girth_at_survey": "the girth at the two-year survey blank for this share of the dead "
    "(felled first), blank honestly for one tree in nine not reached",
    "welfare_note": "the aftercare note with the return's words written after the routine call "
    "for this share of the returned",
    "settling_score": "the aftercare officer's 0-10 settling-in score from the 90-day call, "
    "as strong as this AUC",
    "days_with_adopter": "days to the end of the follow-up: the return for this share of the "
    "returned, the 90-day call (day 84 to 100) otherwise",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "versions_on_file": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "words_now": {"column_pairs", "changed_figures"},
    "record_numbers": {"identifiers"},
    "session_rate": {"target_encoding"},
    "tablet_copies": {"near_duplicates", "shared_rows"},
    "volume_ml": {"changed_figures", "pure_subsets", "single_feature", "outcome_copy"},
    "crm_stage": {"pure_subsets", "label_proxies", "outcome_copy"},
    "quote_closed": {"time_order"},
    "region_visits": {"segment_leaks"},
    "survey_due": {"right_censoring"},
    "batch_grade": {"target_encoding"},
    "girth_at_survey": {"missingness_signal"},
    "welfare_note": {
        "pure_subsets",
        "label_proxies",
        "outcome_copy",
        "label_words",
        "post_outcome_text",
    },
    "settling_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "days_with_adopter": {"follow_up_duration", "pure_subsets", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"tablet_copies"}
ROW_LEAK_CHECKS = {
    "tablet_copies": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "survey_due": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
