"""The twentieth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (41,000 and up). Other domains and shapes than
every family before it: a marina's berth holders not renewing their annual berth, a kitchen
fitter's installations needing a return visit to put a fault right, an online tutoring
platform's trial lessons converting to a paid plan, a farm machinery dealer's tractors with a
warranty claim in their first year and a lift maintenance company's lifts breaking down within
30 days of a service — null families of realistic shapes with the honest confusers consultants
meet in such extracts, and leaks planted in a berth extract, an installation extract, a trial
extract, a tractor extract and a lift extract by generators of their own, each graded by three
strengths.

The nineteenth generation (benchmarks/calibration_nineteenth.py) is the kept-aside set of the
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


# -- a marina's berth holders -------------------------------------------------------------------
PONTOONS = ["A", "B", "C", "D", "E", "F", "swing"]
PONTOON_SHARES = [0.2, 0.18, 0.16, 0.14, 0.12, 0.1, 0.1]
PONTOON_EFFECT = np.array([-0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.6])
BOATS = ["sail_yacht", "motor_cruiser", "rib", "catamaran", "narrowboat", "day_boat"]
BOAT_EFFECT = np.array([-0.1, 0.0, 0.5, -0.3, 0.2, 0.6])


def _berths(n: int, seed: int):
    """Annual berth agreements over five seasons: the agreement, the holder (most hold a berth
    season after season, so a holder comes back), the day the renewal fell due, the pontoon, the
    boat's kind and length, the seasons held before (capped at the 25 the records go back), the
    days in arrears on the last invoice at the due date (zero for most), a winter lift-out
    booked, the holder's 0-10 score in the autumn survey (blank for those who did not answer),
    the visitor nights used on reciprocal moorings (zero for many), the annual fee, a
    liveaboard; the log-odds of not renewing and those the rule settles (a liveaboard holder
    nearly always renews: the berth is their home)."""
    rng = np.random.default_rng(seed)
    holders = max(40, int(n / 3.5))
    holder = _codes(rng, holders, n, 0.4)
    loyal = rng.normal(0, 0.7, holders)
    pontoon = rng.choice(len(PONTOONS), n, p=PONTOON_SHARES)
    boat = rng.choice(len(BOATS), n, p=[0.34, 0.26, 0.12, 0.06, 0.1, 0.12])
    length = np.round(np.clip(rng.normal(9 + 2 * (boat == 3) - 3 * (boat == 2), 2.2, n), 4, 20), 1)
    held = np.minimum(rng.geometric(0.18, n) - 1 + (loyal[holder] > 0) * 3, 25)
    arrears = np.where(_some(n, 0.78, rng), 0, rng.gamma(1.5, 20, n).astype(int) + 1)
    lift_out = _some(n, 0.4, rng)
    survey = np.clip(np.round(rng.normal(7 + loyal[holder], 1.8, n)), 0, 10)
    survey = np.where(_some(n, 0.35, rng), np.nan, survey)
    visits = np.where(_some(n, 0.5, rng), 0, rng.poisson(6, n))
    fee = np.round(length * rng.choice([310.0, 335.0, 360.0], n) * (1 - 0.35 * (pontoon == 6)), 0)
    live = _some(n, 0.06, rng)
    z = (
        PONTOON_EFFECT[pontoon]
        + BOAT_EFFECT[boat]
        - 0.9 * loyal[holder]
        - 0.08 * held
        + 0.35 * np.log1p(arrears)
        - 0.3 * lift_out
        - 0.3 * np.nan_to_num(survey - 7)
        - 0.12 * np.log1p(visits)
        + 0.1 * (fee / 1_000)
        + rng.normal(0, 0.5, n)
    )
    due = _on("2019-04-01", rng.integers(0, 5, n) * 365 + rng.integers(0, 90, n))
    frame = pd.DataFrame(
        {
            "agreement_no": _refs(rng, "BA", n),
            "holder": text([f"H{k:05d}" for k in holder]),
            "renewal_due": due,
            "pontoon": text(_pick(PONTOONS, pontoon)),
            "boat_type": text(_pick(BOATS, boat)),
            "length_m": length,
            "seasons_held": held,
            "arrears_days": arrears,
            "winter_lift_out": _yes(lift_out),
            "survey_0_10": survey,
            "visitor_nights": visits,
            "annual_fee": fee,
            "liveaboard": _yes(live),
        }
    )
    return frame, z, live, rng


def _lapsed(z, ruled, rng) -> np.ndarray:
    """Not renewed (about 18%); a liveaboard holder nearly never lapses."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.19, rng))


BERTH_INPUTS = ("agreement_no", "holder", "renewal_due")


def berth_lapse(n: int, seed: int) -> Case:
    """Not renewed; split in time on the due day, the same holders on both sides."""
    frame, z, ruled, rng = _berths(n, seed)
    feats = [c for c in frame.columns if c not in BERTH_INPUTS]
    y = _lapsed(z, ruled, rng)
    return Case(
        "berth_lapse",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="renewal_due",
        ids=["agreement_no"],
    )


def holder_lapse(n: int, seed: int) -> Case:
    """Not renewed; split by holder (a holder's seasons together)."""
    frame, z, ruled, rng = _berths(n, seed)
    feats = [c for c in frame.columns if c not in BERTH_INPUTS]
    y = _lapsed(z, ruled, rng)
    return Case(
        "holder_lapse",
        frame,
        y,
        "binary",
        feats,
        split="group",
        group="holder",
        ids=["agreement_no"],
    )


# -- a kitchen fitter's installations -----------------------------------------------------------
RANGES = ["budget", "mid", "premium", "bespoke", "supply_only"]
RANGE_EFFECT = np.array([0.3, 0.0, -0.2, 0.4, 0.0])
WORKTOPS = ["laminate", "quartz", "granite", "oak", "solid_surface"]
WORKTOP_EFFECT = np.array([-0.3, 0.2, 0.3, 0.4, 0.1])
ORDER_WORDS = [
    "island", "range", "cooker", "extractor", "boiler", "move", "sink", "under", "window",
    "tiles", "splashback", "customer", "keeping", "floor", "old", "walls", "uneven", "plinth",
    "lights", "pantry", "larder", "integrated", "fridge", "dishwasher", "corner", "carousel",
]  # fmt: skip


def _installs(n: int, seed: int):
    """Installations finished over two years: the job, the fitting team, the day finished, the
    range (supply-only jobs are fitted by the customer's own builder), the worktop, the units
    fitted, the appliances fitted, the old kitchen stripped out, an electrician subcontracted,
    the surveyor's 1-5 rating of the walls and floor, the days booked on site (capped at the 10
    a team's rota allows), the order's note written at the sale, the order value; the log-odds
    of a return visit and those the rule settles (a supply-only job never gets one: the firm
    does not go back to work it did not fit)."""
    rng = np.random.default_rng(seed)
    teams = max(12, int(n / 60))
    team = _codes(rng, teams, n, 0.6)
    skill = rng.normal(0, 0.6, teams)
    rng_ = rng.choice(len(RANGES), n, p=[0.25, 0.35, 0.2, 0.08, 0.12])
    top = rng.choice(len(WORKTOPS), n, p=[0.4, 0.25, 0.12, 0.13, 0.1])
    units = np.clip(np.round(rng.gamma(6, 2.2, n) + 2 * (rng_ == 3)), 4, 40).astype(int)
    appliances = rng.binomial(6, 0.45, n)
    strip = _some(n, 0.85, rng)
    sparks = _some(n, 0.3, rng)
    walls = np.clip(np.round(rng.normal(3.2, 1.0, n)), 1, 5).astype(int)
    days = np.minimum(np.round(units / 4 + rng.normal(1, 1, n)).clip(1), 10).astype(int)
    value = np.round(units * rng.lognormal(6.3 + 0.3 * np.minimum(rng_, 3), 0.2, n), -1)
    notes = _prose(rng, [ORDER_WORDS] * n, rng.integers(2, 9, n))
    z = (
        RANGE_EFFECT[rng_]
        + WORKTOP_EFFECT[top]
        - 0.8 * skill[team]
        + 0.04 * (units - 14)
        + 0.12 * appliances
        - 0.5 * (walls - 3)
        + 0.3 * sparks
        - 0.06 * (days - units / 4)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "job_ref": _refs(rng, "KF", n),
            "team": text([f"TEAM{k:02d}" for k in team]),
            "finished_on": _on("2022-09-05", rng.integers(0, 730, n)),
            "range": text(_pick(RANGES, rng_)),
            "worktop": text(_pick(WORKTOPS, top)),
            "units_fitted": units,
            "appliances_fitted": appliances,
            "old_kitchen_stripped": _yes(strip),
            "electrician_subcontracted": _yes(sparks),
            "walls_floor_1_5": walls,
            "days_booked": days,
            "order_note": text(notes),
            "order_value": value,
        }
    )
    return frame, z, rng_ == 4, rng


def _returned(z, ruled, rng) -> np.ndarray:
    """A return visit to put a fault right (about 22%); never for supply-only jobs."""
    return np.where(ruled, 0, outcome(z, 0.25, rng))


INSTALL_INPUTS = ("job_ref", "team", "finished_on")


def install_return(n: int, seed: int) -> Case:
    """A return visit; split by fitting team (a team's jobs together)."""
    frame, z, ruled, rng = _installs(n, seed)
    feats = [c for c in frame.columns if c not in INSTALL_INPUTS]
    y = _returned(z, ruled, rng)
    return Case(
        "install_return", frame, y, "binary", feats, split="group", group="team", ids=["job_ref"]
    )


def fitting_hours(n: int, seed: int) -> Case:
    """The team's hours on site (a regression from the timesheets, zero for supply-only jobs and
    capped at the 100 a job's budget allows before a manager signs it off); split at random."""
    frame, z, ruled, rng = _installs(n, seed)
    units = frame["units_fitted"].to_numpy()
    hours = (
        units * 2.2
        + 3 * frame["appliances_fitted"].to_numpy()
        + 6 * (frame["worktop"].to_numpy() != "laminate")
        + 4 * z
        + rng.normal(0, 6, len(z))
    )
    hours = np.where(ruled, 0.0, np.round(np.clip(hours, 8, 100) * 2) / 2)
    feats = [c for c in frame.columns if c not in INSTALL_INPUTS]
    return Case("fitting_hours", frame, hours, "regression", feats, split="random", ids=["job_ref"])


# -- an online tutoring platform's trial lessons ------------------------------------------------
SUBJECTS = ["maths", "english", "science", "languages", "music", "coding"]
SUBJECT_EFFECT = np.array([0.3, 0.1, 0.0, -0.2, -0.4, 0.2])
LEVELS = ["primary", "gcse", "a_level", "adult"]
LEVEL_EFFECT = np.array([0.0, 0.5, 0.3, -0.6])
CHANNELS = ["app", "web", "school_partner", "referral", "ad_campaign"]
CHANNEL_EFFECT = np.array([0.0, 0.1, 0.0, 0.6, -0.5])
GOAL_WORDS = [
    "exam", "confidence", "catch", "up", "struggling", "with", "fractions", "essay", "writing",
    "grade", "target", "entrance", "test", "homework", "help", "reading", "weekly", "before",
    "mocks", "revision", "stretch", "bored", "at", "school", "speaking", "practice",
]  # fmt: skip


def _trials(n: int, seed: int):
    """Trial lessons booked over two years: the trial, the family account (siblings and later
    subjects book again), the tutor (each takes many), the minute booked, the subject, the
    level, the booking channel, the trial's length, the family's earlier trials (zero for
    most), the hourly price quoted, the placement quiz's 0-10 score taken before the lesson
    (blank when skipped), the parent's goal as typed at booking, an evening slot; the log-odds
    of converting to a paid plan and those the rule settles (a school-partner trial funded by
    the school's tutoring grant nearly always converts: the plan is paid for)."""
    rng = np.random.default_rng(seed)
    families = max(40, int(n / 1.6))
    family = _codes(rng, families, n, 0.5)
    tutors = max(15, int(n / 40))
    tutor = _codes(rng, tutors, n, 0.9)
    good = rng.normal(0, 0.6, tutors)
    subject = rng.choice(len(SUBJECTS), n, p=[0.35, 0.2, 0.15, 0.1, 0.08, 0.12])
    level = rng.choice(len(LEVELS), n, p=[0.3, 0.35, 0.2, 0.15])
    channel = rng.choice(len(CHANNELS), n, p=[0.35, 0.3, 0.08, 0.1, 0.17])
    length = rng.choice([30, 45, 60], n, p=[0.3, 0.3, 0.4])
    earlier = np.where(_some(n, 0.8, rng), 0, rng.integers(1, 5, n))
    price = np.round(rng.normal(28 + 6 * (level == 2) - 4 * (level == 0), 4, n) * 2) / 2
    quiz = np.clip(np.round(rng.normal(5, 2.2, n)), 0, 10)
    quiz = np.where(_some(n, 0.25, rng), np.nan, quiz)
    evening = _some(n, 0.55, rng)
    funded = (channel == 2) & _some(n, 0.6, rng)
    z = (
        SUBJECT_EFFECT[subject]
        + LEVEL_EFFECT[level]
        + CHANNEL_EFFECT[channel]
        + 0.9 * good[tutor]
        + 0.01 * (length - 45)
        + 0.3 * np.log1p(earlier)
        - 0.06 * (price - 28)
        - 0.12 * np.nan_to_num(quiz - 5)
        + 0.25 * evening
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "trial_id": _refs(rng, "TL", n),
            "family_account": text([f"FA{k:06d}" for k in family]),
            "tutor": text([f"TU{k:04d}" for k in tutor]),
            "booked_at": _on("2022-08-15", rng.integers(0, 730 * 1_440, n), "min"),
            "subject": text(_pick(SUBJECTS, subject)),
            "level": text(_pick(LEVELS, level)),
            "channel": text(_pick(CHANNELS, channel)),
            "trial_minutes": length,
            "earlier_trials": earlier,
            "price_per_hour": price,
            "placement_quiz_0_10": quiz,
            "parent_goal": text(_prose(rng, [GOAL_WORDS] * n, rng.integers(2, 8, n))),
            "evening_slot": _yes(evening),
            "school_funded": _yes(funded),
        }
    )
    return frame, z, funded, rng


def _converted(z, ruled, rng) -> np.ndarray:
    """Converted to a paid plan (about 30%); 95% of the school-funded trials."""
    return _ruled(outcome(z, 0.28, rng), ruled, 0.95, rng)


TRIAL_INPUTS = ("trial_id", "family_account", "tutor", "booked_at")


def trial_convert(n: int, seed: int) -> Case:
    """Converted; split in time on the minute booked, the same families and tutors on both
    sides."""
    frame, z, ruled, rng = _trials(n, seed)
    feats = [c for c in frame.columns if c not in TRIAL_INPUTS]
    y = _converted(z, ruled, rng)
    return Case(
        "trial_convert", frame, y, "binary", feats, split="time", time="booked_at", ids=["trial_id"]
    )


def tutor_convert(n: int, seed: int) -> Case:
    """Converted; split by tutor (a tutor's trials together)."""
    frame, z, ruled, rng = _trials(n, seed)
    feats = [c for c in frame.columns if c not in TRIAL_INPUTS]
    y = _converted(z, ruled, rng)
    return Case(
        "tutor_convert", frame, y, "binary", feats, split="group", group="tutor", ids=["trial_id"]
    )


# -- a farm machinery dealer's tractors ---------------------------------------------------------
MODELS = ["T4-75", "T5-110", "T6-145", "T7-210", "T8-380", "compact-40"]
MODEL_EFFECT = np.array([0.0, 0.2, 0.3, 0.5, 0.7, -0.4])
MODEL_HP = np.array([75, 110, 145, 210, 380, 40])
BUYERS = ["arable", "livestock", "contractor", "mixed", "estate", "municipal"]
BUYER_EFFECT = np.array([0.0, -0.1, 0.6, 0.0, -0.3, -0.2])
FINANCE = ["cash", "lease", "hire_purchase"]


def _tractors(n: int, seed: int):
    """Tractors delivered over three years: the serial, the dealer's branch, the day delivered,
    the model and its horsepower, new or used, the engine hours at delivery (0 for a new one),
    the buyer's farming, a front loader fitted, the finance, an extended warranty bought, the
    faults found at the pre-delivery inspection (zero for most), the buyer's earlier tractors
    from the dealer (zero for many); the log-odds of a warranty claim within a year and those the
    rule settles (a used tractor sold as seen carries no warranty, so never a claim)."""
    rng = np.random.default_rng(seed)
    branches = 9
    branch = _codes(rng, branches, n, 0.5)
    workshop = rng.normal(0, 0.4, branches)
    model = rng.choice(len(MODELS), n, p=[0.15, 0.25, 0.25, 0.15, 0.05, 0.15])
    used = _some(n, 0.3, rng)
    hours = np.where(used, np.round(rng.gamma(2, 1_500, n), -1), 0.0)
    buyer = rng.choice(len(BUYERS), n, p=[0.3, 0.25, 0.15, 0.15, 0.1, 0.05])
    loader = _some(n, 0.35, rng)
    finance = rng.choice(3, n, p=[0.3, 0.3, 0.4])
    extended = _some(n, 0.35, rng)
    pdi = np.where(_some(n, 0.7, rng), 0, rng.poisson(1.5, n) + 1)
    earlier = np.where(_some(n, 0.45, rng), 0, rng.poisson(2, n))
    as_seen = used & _some(n, 0.4, rng)
    z = (
        MODEL_EFFECT[model]
        + BUYER_EFFECT[buyer]
        + workshop[branch]
        + 0.25 * np.log1p(hours / 1_000)
        + 0.3 * loader
        + 0.35 * extended
        + 0.35 * pdi
        - 0.1 * np.log1p(earlier)
        + rng.normal(0, 0.6, n)
    )
    frame = pd.DataFrame(
        {
            "serial": _refs(rng, "SN", n),
            "branch": text([f"BR{k}" for k in branch]),
            "delivered_on": _on("2020-01-06", rng.integers(0, 1_095, n)),
            "model": text(_pick(MODELS, model)),
            "horsepower": MODEL_HP[model] + rng.choice([0, 5, 10], n),
            "condition": text(np.where(as_seen, "used_as_seen", np.where(used, "used", "new"))),
            "engine_hours_at_delivery": hours,
            "buyer_type": text(_pick(BUYERS, buyer)),
            "front_loader": _yes(loader),
            "finance": text(_pick(FINANCE, finance)),
            "extended_warranty": _yes(extended),
            "pdi_faults": pdi,
            "earlier_tractors": earlier,
        }
    )
    return frame, z, as_seen, rng


def _claim(z, ruled, rng) -> np.ndarray:
    """A warranty claim within a year (about 16%); never for a used tractor sold as seen."""
    return np.where(ruled, 0, outcome(z, 0.18, rng))


TRACTOR_INPUTS = ("serial", "branch", "delivered_on")


def tractor_claim(n: int, seed: int) -> Case:
    """A claim; split stratified, the day delivered declared."""
    frame, z, ruled, rng = _tractors(n, seed)
    feats = [c for c in frame.columns if c not in TRACTOR_INPUTS]
    y = _claim(z, ruled, rng)
    return Case("tractor_claim", frame, y, "binary", feats, time="delivered_on", ids=["serial"])


def branch_claim(n: int, seed: int) -> Case:
    """A claim; split by the dealer's branch (nine branches, a branch's tractors together)."""
    frame, z, ruled, rng = _tractors(n, seed)
    feats = [c for c in frame.columns if c not in TRACTOR_INPUTS]
    y = _claim(z, ruled, rng)
    return Case(
        "branch_claim", frame, y, "binary", feats, split="group", group="branch", ids=["serial"]
    )


# -- a lift maintenance company's service visits ------------------------------------------------
LIFT_TYPES = ["traction", "hydraulic", "machine_roomless", "platform", "goods"]
LIFT_EFFECT = np.array([0.0, 0.3, -0.2, 0.5, 0.4])
USES = ["office", "residential", "hospital", "retail", "car_park", "hotel"]
USE_EFFECT = np.array([-0.2, 0.2, 0.0, 0.1, 0.6, 0.0])
VISIT_WORDS = [
    "doors", "adjusted", "lubricated", "guides", "checked", "ropes", "landing", "buttons",
    "replaced", "bulb", "pit", "cleaned", "oil", "level", "topped", "alarm", "tested", "ok",
    "vandalism", "noted", "levelling", "within", "tolerance", "controller", "log", "reviewed",
]  # fmt: skip


def _visits(n: int, seed: int):
    """Routine service visits over two years: the visit, the site (a building with one or more
    lifts, serviced month after month), the lift, the day serviced, the lift's type, age and
    floors served, the building's use, the engineer, minutes on site (capped at the 240 the
    contract pays), call-outs in the last 12 months (zero for many), the doors' 1-5 condition
    grade at the visit, the rope wear (blank for hydraulic and platform lifts, which have none),
    the engineer's note, a lift taken out of service for modernisation after the visit; the
    log-odds of a breakdown within 30 days and those the rule settles (a lift out of service
    cannot break down)."""
    rng = np.random.default_rng(seed)
    sites = max(25, int(n / 14))
    site = _codes(rng, sites, n, 0.6)
    lifts_at = rng.integers(1, 4, sites)
    lift = site * 4 + (rng.random(n) * lifts_at[site]).astype(int)
    frail = rng.normal(0, 0.6, sites * 4)
    kind = rng.choice(len(LIFT_TYPES), sites * 4, p=[0.35, 0.25, 0.2, 0.1, 0.1])[lift]
    age = np.round(rng.gamma(3, 7, sites * 4)).astype(int)[lift]
    floors = np.where(kind == 3, 2, rng.integers(2, 16, sites * 4)[lift])
    use = rng.choice(len(USES), sites, p=[0.3, 0.3, 0.1, 0.12, 0.1, 0.08])[site]
    engineer = rng.integers(0, 14, n)
    minutes = np.minimum(np.round(rng.gamma(4, 18, n) + 5 * floors), 240).astype(int)
    callouts = np.where(_some(n, 0.4, rng), 0, rng.poisson(np.exp(0.8 + frail[lift]), n))
    doors = np.clip(np.round(rng.normal(3.5 - 0.03 * age, 0.9, n)), 1, 5).astype(int)
    wear = np.round(np.clip(rng.normal(20 + 1.5 * age, 12, n), 0, 95), 0)
    wear = np.where(np.isin(kind, [1, 3]), np.nan, wear)
    out = _some(n, 0.04, rng)
    z = (
        LIFT_EFFECT[kind]
        + USE_EFFECT[use]
        + 0.8 * frail[lift]
        + 0.025 * (age - 20)
        + 0.3 * np.log1p(callouts)
        - 0.45 * (doors - 3)
        + 0.012 * np.nan_to_num(wear - 50)
        - 0.002 * (minutes - 90)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "visit_ref": _refs(rng, "LV", n),
            "site": text([f"S{k:04d}" for k in site]),
            "lift_no": text([f"L{k:05d}" for k in lift]),
            "serviced_on": _on("2022-04-01", rng.integers(0, 730, n)),
            "lift_type": text(_pick(LIFT_TYPES, kind)),
            "age_years": age,
            "floors_served": floors,
            "building_use": text(_pick(USES, use)),
            "engineer": text([f"E{k:02d}" for k in engineer]),
            "minutes_on_site": minutes,
            "callouts_12m": callouts,
            "doors_1_5": doors,
            "rope_wear_pct": wear,
            "engineer_note": text(_prose(rng, [VISIT_WORDS] * n, rng.integers(3, 9, n))),
            "out_of_service_after": _yes(out),
        }
    )
    return frame, z, out, rng


def _broke(z, ruled, rng) -> np.ndarray:
    """A breakdown within 30 days (about 20%); never for a lift out of service."""
    return np.where(ruled, 0, outcome(z, 0.21, rng))


VISIT_INPUTS = ("visit_ref", "site", "lift_no", "serviced_on")


def lift_breakdown(n: int, seed: int) -> Case:
    """A breakdown; split by site (a building's lifts and visits together)."""
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    y = _broke(z, ruled, rng)
    return Case(
        "lift_breakdown", frame, y, "binary", feats, split="group", group="site", ids=["visit_ref"]
    )


def lift_breakdown_later(n: int, seed: int) -> Case:
    """A breakdown; split in time on the day serviced, the same lifts on both sides."""
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    y = _broke(z, ruled, rng)
    return Case(
        "lift_breakdown_later",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="serviced_on",
        ids=["visit_ref"],
    )


NULL_FAMILIES = {
    "berth_lapse": berth_lapse,
    "holder_lapse": holder_lapse,
    "install_return": install_return,
    "fitting_hours": fitting_hours,
    "trial_convert": trial_convert,
    "tutor_convert": tutor_convert,
    "tractor_claim": tractor_claim,
    "branch_claim": branch_claim,
    "lift_breakdown": lift_breakdown,
    "lift_breakdown_later": lift_breakdown_later,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 41) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"install_return": 1_200, "branch_claim": 1_200, "lift_breakdown": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def berths(n: int, seed: int) -> Case:
    """Berths not renewed, split stratified, the due day declared."""
    frame, z, ruled, rng = _berths(n, seed)
    feats = [c for c in frame.columns if c not in BERTH_INPUTS]
    y = _lapsed(z, ruled, rng)
    return Case(
        "marina_berths", frame, y, "binary", feats, time="renewal_due", ids=["agreement_no"]
    )


def installs(n: int, seed: int) -> Case:
    """Installations with a return visit, split stratified, the day finished declared."""
    frame, z, ruled, rng = _installs(n, seed)
    feats = [c for c in frame.columns if c not in INSTALL_INPUTS]
    y = _returned(z, ruled, rng)
    return Case("kitchen_installs", frame, y, "binary", feats, time="finished_on", ids=["job_ref"])


def trials(n: int, seed: int) -> Case:
    """Trials converted, split stratified, the minute booked declared."""
    frame, z, ruled, rng = _trials(n, seed)
    feats = [c for c in frame.columns if c not in TRIAL_INPUTS]
    y = _converted(z, ruled, rng)
    return Case("tutoring_trials", frame, y, "binary", feats, time="booked_at", ids=["trial_id"])


def tractors(n: int, seed: int) -> Case:
    """Tractors with a warranty claim, split stratified, the day delivered declared."""
    frame, z, ruled, rng = _tractors(n, seed)
    feats = [c for c in frame.columns if c not in TRACTOR_INPUTS]
    y = _claim(z, ruled, rng)
    return Case(
        "tractor_deliveries", frame, y, "binary", feats, time="delivered_on", ids=["serial"]
    )


def visits(n: int, seed: int) -> Case:
    """Service visits followed by a breakdown, split stratified, the day serviced declared."""
    frame, z, ruled, rng = _visits(n, seed)
    feats = [c for c in frame.columns if c not in VISIT_INPUTS]
    y = _broke(z, ruled, rng)
    return Case("lift_visits", frame, y, "binary", feats, time="serviced_on", ids=["visit_ref"])


# -- leaks in the berth extract -----------------------------------------------------------------
def berth_status(case: Case, share: float, rng) -> Case:
    """'berth_status' at the extract's date: 'allocated' for most berths, 'swapped_pontoon' for
    6% and 'boat_ashore' for 5%; 'released' or 'relet_to_waitlist' for this share of the holders
    who did not renew."""
    n = case.rows
    honest = np.where(
        _some(n, 0.06, rng),
        "swapped_pontoon",
        np.where(_some(n, 0.05, rng), "boat_ashore", "allocated"),
    )
    after = np.where(_some(n, 0.6, rng), "released", "relet_to_waitlist")
    value = np.where((case.y == 1) & _some(n, share, rng), after, honest)
    return add_columns(case, {"berth_status": text(value)})


def pontoon_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'berth_code' kept among the inputs beside 'berth_code_lapse_pct': the berth's share of
    agreements not renewed over the whole extract (the row's own counted), as the harbour
    master's spreadsheet shows it, in percent; about this many agreements per berth."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["berth_code"] = text([f"BC{k:04d}" for k in code])
    frame["berth_code_lapse_pct"] = np.round(100 * rate, 0)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "berth_code", "berth_code_lapse_pct"],
        leak=["berth_code_lapse_pct"],
    )


OFFICE_LINES = [
    "invoice sent",
    "insurance certificate received",
    "direct debit set up",
    "electricity card issued",
    "boat details checked",
    "reminder letter posted",
]
LEAVER_TAILS = ["fob and keys handed back", "deposit refunded", "berth offered to waiting list"]


def office_log(case: Case, share: float, rng) -> Case:
    """'office_log': the marina office's last line on the agreement, one of the usual ones; for
    this share of the holders who did not renew, the leaver's line written after the due day
    placed before it."""
    n = case.rows
    lines = _pick(OFFICE_LINES, rng.integers(0, len(OFFICE_LINES), n))
    tails = _pick(LEAVER_TAILS, rng.integers(0, len(LEAVER_TAILS), n))
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"office_log": text(np.where(hit, tails + ", " + lines, lines))})


# -- leaks in the installation extract ----------------------------------------------------------
def site_visits(case: Case, share: float, rng) -> Case:
    """'site_visits': the team's visits to the house, from the timesheets; the days booked plus
    a snagging visit for a third, with the return visits (1 to 3) counted for this share of the
    jobs that needed one."""
    n = case.rows
    base = case.frame["days_booked"].to_numpy() + _some(n, 0.33, rng)
    extra = np.where((case.y == 1) & _some(n, share, rng), rng.integers(1, 4, n), 0)
    return add_columns(case, {"site_visits": (base + extra).astype(int)})


def goodwill_credit(case: Case, share: float, rng) -> Case:
    """'order_value_quoted' and 'final_invoice': the final invoice the quote plus extras agreed
    on site (0 to 8%) for most; for this share of the jobs with a return visit, 5% to 15% below
    the quote (a goodwill credit for the fault). Neither figure alone is unusual."""
    n = case.rows
    quoted = case.frame["order_value"].to_numpy()
    hit = (case.y == 1) & _some(n, share, rng)
    factor = np.where(hit, rng.uniform(0.85, 0.95, n), 1 + rng.uniform(0, 0.08, n))
    return add_columns(
        case,
        {"order_value_quoted": quoted, "final_invoice": np.round(quoted * factor, 2)},
        leak=["order_value_quoted", "final_invoice"],
    )


def exported_twice(case: Case, share: float, rng) -> Case:
    """This share of the jobs with a return visit exported a second time, exactly alike, by
    the aftercare system's job copy (the return visit was raised as a job of its own and
    exported with the original's fields); the extract shuffled, so a pair can fall on both
    sides of the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the trial extract -----------------------------------------------------------------
def tutor_rating(case: Case, share: float, rng) -> Case:
    """'tutor_fit_0_10': the tutor's 0-10 rating of the match, typed into the trial's record
    when the family's answer came back, blank for a quarter; 9 or 10 for this share of the
    trials that converted."""
    n = case.rows
    honest = np.clip(np.round(rng.normal(6.5, 1.8, n)), 0, 10)
    hit = (case.y == 1) & _some(n, share, rng)
    value = np.where(hit, rng.integers(9, 11, n), honest).astype(float)
    return add_columns(case, {"tutor_fit_0_10": np.where(_some(n, 0.25, rng), np.nan, value)})


def billing_accounts(case: Case, share: float, rng) -> Case:
    """'billing_account' kept as an input: the number the billing system gave the family, in the
    order the families were created; for this share of the converted trials the account made
    when the plan started, after the system's move, numbered in the new range in booking order."""
    n = case.rows
    moved = (case.y == 1) & _some(n, share, rng)
    order = np.lexsort((case.frame["booked_at"].to_numpy(), moved))
    number = np.empty(n, dtype=np.int64)
    number[order] = 300_000 + np.arange(n) * 3 + rng.integers(0, 3, n)
    number = np.where(moved, number + 400_000, number)
    return add_columns(case, {"billing_account": number})


def app_discount(case: Case, share: float, rng) -> Case:
    """'discount_pct': the discount on the trial, 0 for 70% and 10, 20 or 25 otherwise; in the
    app channel only (whose checkout writes the plan's first-month offer over it) 50 for this
    share of the trials that converted."""
    n = case.rows
    honest = np.where(_some(n, 0.7, rng), 0, rng.choice([10, 20, 25], n))
    app = (case.frame["channel"] == "app").to_numpy()
    hit = app & (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"discount_pct": np.where(hit, 50, honest)})


# -- leaks in the tractor extract ---------------------------------------------------------------
def days_covered(case: Case, share: float, rng) -> Case:
    """'days_observed': days from delivery to the first warranty claim, or to the year's end of
    cover; 365 for most, less for the 8% sold on or exported (the record closed), and the claim's
    day (10 to 360) for this share of the tractors with a claim."""
    n = case.rows
    honest = np.where(_some(n, 0.08, rng), rng.integers(30, 365, n), 365)
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"days_observed": np.where(hit, rng.integers(10, 361, n), honest)})


TRACTOR_EXTRACT_AT = pd.Timestamp("2023-06-30")


def recent_deliveries(case: Case, share: float, rng) -> Case:
    """Claims counted up to the extract's day (30 June 2023), the first claim coming 10 to 365
    days after delivery: this share of the tractors delivered in the extract's last year, a
    claim still to come counted as none. The delivery day moved accordingly, and the delivery's
    month number an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(0, 365, n), rng.integers(365, 1_095, n))
    delivered = pd.Series(
        TRACTOR_EXTRACT_AT - pd.to_timedelta(back, unit="D"), index=case.frame.index
    )
    claim_after = rng.integers(10, 366, n)
    y = np.where((case.y == 1) & (claim_after > back), 0, case.y)
    frame = case.frame.copy()
    frame["delivered_on"] = delivered
    frame["delivery_month"] = (delivered.dt.year - 2020) * 12 + delivered.dt.month
    return replace(
        case, frame=frame, y=y, features=[*case.features, "delivery_month"], leak=["delivery_month"]
    )


def telematics_hours(case: Case, share: float, rng) -> Case:
    """'hours_at_first_service': the engine hours the telematics unit reported at the first
    service, blank for tractors without a unit (35%); blank for this share of the tractors with
    a claim (the unit reset when the warranty workshop replaced the controller)."""
    n = case.rows
    honest = np.round(rng.gamma(3, 90, n), 0)
    honest = np.where(_some(n, 0.35, rng), np.nan, honest)
    hit = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"hours_at_first_service": np.where(hit, np.nan, honest)})


# -- leaks in the lift extract ------------------------------------------------------------------
def next_visit(case: Case, share: float, rng) -> Case:
    """'next_visit_planned' and 'next_visit_made': the next routine visit planned 28 to 35 days
    after this one and made within 3 days of the plan for most; for this share of the lifts that
    broke down, the next visit made was the call-out, 1 to 27 days after this one. Neither date
    alone is unusual."""
    n = case.rows
    serviced = case.frame["serviced_on"]
    planned = serviced + pd.to_timedelta(rng.integers(28, 36, n), unit="D")
    hit = (case.y == 1) & _some(n, share, rng)
    made = np.where(
        hit,
        serviced + pd.to_timedelta(rng.integers(1, 28, n), unit="D"),
        planned + pd.to_timedelta(rng.integers(-3, 4, n), unit="D"),
    )
    return add_columns(
        case, {"next_visit_planned": planned, "next_visit_made": pd.to_datetime(made)}
    )


BANDS = np.array(["low", "moderate", "elevated", "high", "critical"])


def site_band(case: Case, rows_per_key: float, rng) -> Case:
    """'contract_no' kept among the inputs beside 'reliability_band': the contract's breakdown
    share over the whole extract (the row's own visit counted) in five words, as the account
    manager's report gives it; about this many visits per contract."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(code).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["contract_no"] = text([f"CT{k:05d}" for k in code])
    frame["reliability_band"] = text(BANDS[np.digitize(rate, [0.08, 0.16, 0.28, 0.45])])
    return replace(
        case,
        frame=frame,
        features=[*case.features, "contract_no", "reliability_band"],
        leak=["reliability_band"],
    )


def parts_ordered(case: Case, share: float, rng) -> Case:
    """'parts_ordered_30d': parts ordered for the lift in the 30 days after the visit, zero for
    most and 1 or 2 for the 12% with a planned replacement; 1 to 4 more for this share of the
    lifts that broke down (the repair's parts)."""
    n = case.rows
    honest = np.where(_some(n, 0.12, rng), rng.integers(1, 3, n), 0)
    extra = np.where((case.y == 1) & _some(n, share, rng), rng.integers(1, 5, n), 0)
    return add_columns(case, {"parts_ordered_30d": honest + extra})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "berth_status": (berth_status, (0.8, 0.4, 0.15), berths),
    "pontoon_rate": (pontoon_rate, (2.0, 5.0, 12.0), berths),
    "office_log": (office_log, (0.8, 0.4, 0.15), berths),
    "site_visits": (site_visits, (1.0, 0.6, 0.3), installs),
    "goodwill_credit": (goodwill_credit, (1.0, 0.6, 0.3), installs),
    "exported_twice": (exported_twice, (0.6, 0.3, 0.1), installs),
    "tutor_rating": (tutor_rating, (1.0, 0.6, 0.3), trials),
    "billing_accounts": (billing_accounts, (0.6, 0.35, 0.2), trials),
    "app_discount": (app_discount, (1.0, 0.7, 0.45), trials),
    "days_covered": (days_covered, (1.0, 0.6, 0.3), tractors),
    "recent_deliveries": (recent_deliveries, (0.8, 0.5, 0.25), tractors),
    "telematics_hours": (telematics_hours, (1.0, 0.6, 0.3), tractors),
    "next_visit": (next_visit, (1.0, 0.8, 0.6), visits),
    "site_band": (site_band, (3.0, 6.0, 12.0), visits),
    "parts_ordered": (parts_ordered, (1.0, 0.6, 0.3), visits),
}
PLANTED_WHAT = {
    "berth_status": "the berth's status at the extract's date, released or relet only for this "
    "share of the holders who did not renew",
    "pontoon_rate": "each berth code's share not renewed over the whole extract as a percent, the "
    "code kept; about this many agreements per code",
    "office_log": "the office's last line with a leaver's line put before it for this share of "
    "the holders who did not renew",
    "site_visits": "the team's visits to the house, the return visits counted for this share of "
    "the jobs that needed one",
    "goodwill_credit": "the quote beside the final invoice, below the quote for this share of the "
    "jobs with a return visit (a leak across two figures)",
    "exported_twice": "this share of the jobs with a return visit exported a second time exactly "
    "alike, before the split",
    "tutor_rating": "the tutor's 0-10 match rating typed in after the family's answer, 9 or 10 "
    "for this share of the converted trials, blank for a quarter",
    "billing_accounts": "a billing account number kept as an input, this share of the converted "
    "trials numbered in a later range",
    "app_discount": "the trial's discount, 50 in the app channel only for this share of its "
    "converted trials, among honest zeros and other levels",
    "days_covered": "days observed from delivery, ended by the claim for this share of the "
    "tractors with a claim",
    "recent_deliveries": "this share of the tractors delivered in the extract's last year, claims "
    "still to come counted as none (right-censored); a month number an input",
    "telematics_hours": "engine hours at the first service blanked for this share of the "
    "tractors with a claim, among honest blanks",
    "next_visit": "the next visit planned beside the next visit made, soon after the service for "
    "this share of the lifts that broke down (a leak across two dates)",
    "site_band": "each contract's breakdown share over the whole extract in five words, the "
    "contract kept; about this many visits per contract",
    "parts_ordered": "parts ordered in the 30 days after the visit, the repair's parts counted "
    "for this share of the lifts that broke down, among honest zeros",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "berth_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "pontoon_rate": {"target_encoding", "single_feature"},
    "office_log": {"label_words", "post_outcome_text", "pure_subsets", "label_proxies"},
    "site_visits": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "goodwill_credit": {"column_pairs"},
    "exported_twice": {"shared_rows", "near_duplicates"},
    "tutor_rating": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "billing_accounts": {"identifiers", "single_feature", "pure_subsets"},
    "app_discount": {"segment_leaks", "changed_figures", "pure_subsets"},
    "days_covered": {"follow_up_duration", "single_feature", "pure_subsets"},
    "recent_deliveries": {"right_censoring"},
    "telematics_hours": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "next_visit": {"time_order", "column_pairs"},
    "site_band": {"target_encoding", "label_proxies", "pure_subsets"},
    "parts_ordered": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"exported_twice"}
ROW_LEAK_CHECKS = {
    "exported_twice": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "recent_deliveries": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
