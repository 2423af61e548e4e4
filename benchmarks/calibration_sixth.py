"""The sixth generation of the leakage calibration, kept aside: written and committed before it
was first run, with seeds of its own (12,000 and up). Other domains and shapes than every family
before it: a software company's subscriptions, a school's attendance and dropouts, an insurer's
claims and a plant's equipment maintenance — null families with honest confusers (a days-since
count capped at the look-back, an attendance rate capped at 100%, German 1-6 school grades, a
time to report a claim that runs from 0 upwards, a runtime counter that resets at each service
and bunches below the service interval, a police report missing for small claims, free-tier
accounts whose usage rows are all zero and repeat exactly, a grade written as a text band) —
and leaks planted in a subscription extract, a claims extract and a maintenance extract by
generators of their own, several in the spirit of the fifth generation's misses (an amount the
outcome changes for part of one class, a field filled for part of one class and routinely for a
few of the other, copies among coarse rows, a window that the outcome cuts short, a count or
reading changed for part of one class, an assessment as strong as a given AUC).

The fifth generation (benchmarks/calibration_fifth.py) was looked at once its results were
known; it is a tuning set now.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets) -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit="D")


def _some(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, concentration: float = 1.0) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (Dirichlet weights)."""
    return rng.choice(keys, n, p=rng.dirichlet(np.full(keys, concentration)))


# -- a software company's subscriptions ---------------------------------------------------------
PLANS = ["free", "starter", "team", "business", "enterprise"]


def _accounts(n: int, seed: int):
    """Accounts on their snapshot week: plan (a free tier with no usage for many), seats, active
    users in the last 30 days, days since anyone logged in (capped at the 90-day look-back),
    support tickets, a 0-10 recommendation score from the last in-app survey (answered before
    the snapshot, blank for a third), monthly or annual billing, months to renewal, the
    country, the sales channel; and the log-odds of cancelling in the next 60 days."""
    rng = np.random.default_rng(seed)
    plan = rng.choice(len(PLANS), n, p=[0.3, 0.25, 0.25, 0.15, 0.05])
    health = rng.normal(0, 1, n) + 0.25 * plan
    seats = np.where(plan == 0, 1, np.ceil(rng.lognormal(0.6 + 0.8 * plan, 0.7))).astype(int)
    idle = (plan == 0) & (rng.random(n) < 0.55)  # free accounts nobody uses: all zero
    active = np.where(idle, 0, rng.binomial(seats, 1 / (1 + np.exp(-(0.3 + 0.9 * health)))))
    quiet = np.round(rng.exponential(np.exp(1.6 - 0.9 * health)))
    since = np.where(active > 0, np.minimum(quiet, 29), np.minimum(30 + quiet * 3, 90))
    since = np.where(idle, 90, since).astype(int)
    tickets = np.where(idle, 0, rng.poisson(np.exp(-0.8 + 0.35 * plan - 0.2 * health)))
    nps = np.clip(np.round(rng.normal(7 + 1.3 * health, 1.8)), 0, 10)
    nps = np.where((rng.random(n) < 0.35) | idle, np.nan, nps)
    annual = (plan >= 2) & (rng.random(n) < 0.55)
    renewal = np.where(annual, rng.integers(0, 12, n), 0)
    z = (
        -0.8 * health
        - 0.4 * np.log1p(active)
        + 0.015 * since
        + 0.15 * np.minimum(tickets, 5)
        - 0.9 * annual
        + 0.6 * (annual & (renewal <= 1))
        - 0.4 * (plan == 0)
    )
    frame = pd.DataFrame(
        {
            "snapshot_week": _on("2023-01-02", 7 * rng.integers(0, 78, n)),
            "account_id": text([f"AC{seed % 89:02d}-{i:06d}" for i in rng.permutation(n)]),
            "plan": text(np.array(PLANS)[plan]),
            "seats": seats,
            "active_users_30d": active,
            "days_since_login": since,
            "tickets_90d": tickets,
            "recommend_0_10": nps,
            "billing": text(np.where(annual, "annual", "monthly")),
            "months_to_renewal": renewal,
            "country": text(rng.choice(["DE", "FR", "NL", "AT", "CH", "PL", "SE"], n)),
            "channel": text(rng.choice(["self_serve", "sales", "partner"], n, p=[0.6, 0.3, 0.1])),
        }
    )
    return frame, z, idle, rng


def subscription_churn(n: int, seed: int) -> Case:
    """Cancelled within 60 days (about 15%); split in time on the snapshot week, the account id
    declared."""
    frame, z, _, rng = _accounts(n, seed)
    feats = [c for c in frame.columns if c not in ("snapshot_week", "account_id")]
    return Case(
        "subscription_churn",
        frame,
        outcome(z, 0.15, rng),
        "binary",
        feats,
        split="time",
        time="snapshot_week",
        ids=["account_id"],
    )


def free_tier_upgrade(n: int, seed: int) -> Case:
    """Whether an account upgrades to a paid plan within 60 days (about 8%), from usage alone:
    no account id, so the free accounts nobody uses are rows of zeros that repeat exactly, as
    such an extract does."""
    frame, _z, idle, rng = _accounts(n, seed)
    frame = frame.drop(columns=["account_id", "snapshot_week", "recommend_0_10"])
    lift = (
        0.5 * np.log1p(frame["active_users_30d"].to_numpy())
        - 0.01 * frame["days_since_login"].to_numpy()
    )
    y = outcome(lift + 0.2 * rng.normal(0, 1, n) - 1.5 * idle, 0.08, rng)
    return Case("free_tier_upgrade", frame, y, "binary", list(frame.columns))


def seats_next_quarter(n: int, seed: int) -> Case:
    """Seats paid for next quarter (a whole number): this quarter's seats, grown with use."""
    frame, z, _, rng = _accounts(n, seed)
    seats = frame["seats"].to_numpy()
    use = frame["active_users_30d"].to_numpy() / np.maximum(seats, 1)
    nxt = np.maximum(
        0, np.round(seats * np.exp(0.3 * (use - 0.5) - 0.1 * z + rng.normal(0, 0.2, n)))
    )
    feats = [c for c in frame.columns if c not in ("snapshot_week", "account_id")]
    return Case("seats_next_quarter", frame, nxt.astype(int), "regression", feats, split="random")


# -- a school's attendance ----------------------------------------------------------------------
GRADE_BANDS = {1: "very good", 2: "good", 3: "satisfactory", 4: "sufficient", 5: "poor", 6: "fail"}


def school_dropout(n: int, seed: int) -> Case:
    """Students of several schools (declared group: split by school): year group, attendance
    rate in percent with one decimal (capped at 100: a fifth attend every day), unexcused
    absences, German grades 1 (best) to 6 in maths and German as whole numbers, the overall
    grade written as a text band ('satisfactory'), distance to school, free meals, a sibling
    who left school early (an honest, strong step); left school before the exams (about 9%)."""
    rng = np.random.default_rng(seed)
    schools = max(6, n // 120)
    school = _codes(rng, schools, n, 2.0)
    engaged = rng.normal(0, 1, n) + rng.normal(0, 0.4, schools)[school]
    attendance = np.minimum(100.0, np.round(100 - rng.gamma(1.2, 3 * np.exp(-0.7 * engaged)), 1))
    attendance = np.where(rng.random(n) < 0.2 / (1 + np.exp(-engaged)), 100.0, attendance)
    absences = rng.poisson(np.exp(0.8 - 0.8 * engaged))
    maths = np.clip(np.round(3.2 - 0.9 * engaged + rng.normal(0, 0.9, n)), 1, 6).astype(int)
    german = np.clip(np.round(3.0 - 0.7 * engaged + rng.normal(0, 0.9, n)), 1, 6).astype(int)
    overall = np.clip(np.round((maths + german) / 2 + rng.normal(0, 0.3, n)), 1, 6).astype(int)
    sibling = rng.random(n) < 0.05
    meals = rng.random(n) < 0.25
    z = (
        -1.0 * engaged
        + 0.5 * (overall >= 5)
        + 0.05 * np.minimum(absences, 20)
        + 0.3 * meals
        + 2.5 * sibling
    )
    frame = pd.DataFrame(
        {
            "school": text([f"school_{s:03d}" for s in school]),
            "year_group": rng.integers(7, 11, n),
            "attendance_pct": attendance,
            "unexcused_absences": absences,
            "grade_maths": maths,
            "grade_german": german,
            "overall_band": text([GRADE_BANDS[g] for g in overall]),
            "distance_km": np.round(rng.gamma(2, 2.5, n), 1),
            "free_meals": text(np.where(meals, "yes", "no")),
            "sibling_left_early": text(np.where(sibling, "yes", "no")),
        }
    )
    feats = [c for c in frame.columns if c != "school"]
    return Case(
        "school_dropout",
        frame,
        outcome(z, 0.09, rng),
        "binary",
        feats,
        split="group",
        group="school",
    )


def attendance_next_term(n: int, seed: int) -> Case:
    """The same students' attendance band next term (three classes: 'regular', 'irregular',
    'persistent absence') from this term's record, the school as an input."""
    case = school_dropout(n, seed)
    rng = np.random.default_rng(seed + 1)
    frame = case.frame
    score = (
        -0.08 * (frame["attendance_pct"].to_numpy() - 95)
        + 0.1 * frame["unexcused_absences"].to_numpy()
        + rng.logistic(0, 0.8, n)
    )
    y = np.digitize(score, [0.8, 2.2])
    return Case("attendance_next_term", frame, y, "multiclass", list(frame.columns))


# -- an insurer's claims ------------------------------------------------------------------------
def _claims(n: int, seed: int):
    """Motor and home claims: line, amount claimed with cents, days from the incident to the
    report (0 upwards, most within a week), policy age in days, earlier claims on the policy,
    whether a police report was filed (blank for most small claims), the repair shop, the
    region, the hour of the incident; and the log-odds of the claim being found fraudulent."""
    rng = np.random.default_rng(seed)
    line = rng.choice(["motor", "home"], n, p=[0.65, 0.35])
    amount = np.round(rng.lognormal(np.where(line == "motor", 7.6, 7.9), 0.9), 2)
    report_days = np.round(rng.exponential(4, n) * rng.choice([1, 1, 1, 5], n)).astype(int)
    policy_days = rng.integers(5, 3_650, n)
    prior = rng.poisson(0.4, n)
    big = amount > 3_000
    police = np.where(big | (rng.random(n) < 0.1), np.where(rng.random(n) < 0.8, "yes", "no"), None)
    shops = 60
    shop = _codes(rng, shops, n, 0.7)
    hour = rng.integers(0, 24, n)
    z = (
        0.5 * (np.log(amount) - 7.7)
        + 0.06 * np.minimum(report_days, 30)
        - 0.35 * np.log(policy_days / 365)
        + 0.3 * prior
        + 0.6 * (police == "no")
        + rng.normal(0, 0.5, shops)[shop]
        + 0.4 * ((hour < 5) | (hour > 22))
    )
    frame = pd.DataFrame(
        {
            "reported_on": _on("2021-06-01", rng.integers(0, 900, n)),
            "line": text(line),
            "amount_claimed": amount,
            "days_to_report": report_days,
            "policy_age_days": policy_days,
            "prior_claims": prior,
            "police_report": text(police),
            "repair_shop": text([f"shop_{s:03d}" for s in shop]),
            "region": text(rng.choice([f"region_{i:02d}" for i in range(9)], n)),
            "incident_hour": hour,
        }
    )
    return frame, z, rng


def claim_fraud(n: int, seed: int) -> Case:
    """Found fraudulent after investigation (about 6%); split in time on the report date."""
    frame, z, rng = _claims(n, seed)
    feats = [c for c in frame.columns if c != "reported_on"]
    return Case(
        "claim_fraud",
        frame,
        outcome(z, 0.06, rng),
        "binary",
        feats,
        split="time",
        time="reported_on",
    )


def claim_payout(n: int, seed: int) -> Case:
    """The amount paid (with cents): most of the claimed amount, less for suspicious claims."""
    frame, z, rng = _claims(n, seed)
    paid = frame["amount_claimed"].to_numpy() * np.clip(
        rng.beta(8, 2, n) - 0.05 * np.clip(z, 0, 3), 0, 1
    )
    feats = [c for c in frame.columns if c != "reported_on"]
    return Case("claim_payout", frame, np.round(paid, 2), "regression", feats, split="random")


# -- a plant's equipment ------------------------------------------------------------------------
SERVICE_HOURS = 2_000


def _machines(n: int, seed: int):
    """Daily snapshots of pumps and compressors: model, site, age in years, run hours since the
    last service (a counter that resets at each service and runs up to the 2,000-hour interval:
    many machines near it), vibration and bearing temperature, load, error codes in the last
    week (zero for most), the last service's kind written as text; and the log-odds of a
    failure within 14 days."""
    rng = np.random.default_rng(seed)
    models = 8
    model = _codes(rng, models, n, 3.0)
    wear = rng.normal(0, 1, n)
    hours = np.minimum(np.round(rng.uniform(0, 1, n) ** 0.6 * SERVICE_HOURS), SERVICE_HOURS)
    overdue = rng.random(n) < 0.06
    hours = np.where(overdue, SERVICE_HOURS, hours).astype(int)  # counter stops at the interval
    vibration = np.round(rng.lognormal(0.5 + 0.25 * wear + 0.0002 * hours, 0.3), 3)
    temperature = np.round(rng.normal(62 + 4 * wear, 5), 1)
    load = np.round(rng.beta(5, 2, n) * 100, 1)
    errors = rng.poisson(np.exp(-2.2 + 0.7 * wear))
    service = rng.choice(
        ["routine", "bearing change", "seal change", "overhaul"], n, p=[0.7, 0.12, 0.12, 0.06]
    )
    z = (
        0.9 * wear
        + 0.0008 * hours
        + 0.5 * overdue
        + 0.3 * np.minimum(errors, 4)
        + 0.01 * (load - 70)
        - 0.6 * (service == "overhaul")
        + rng.normal(0, 0.3, models)[model]
    )
    frame = pd.DataFrame(
        {
            "snapshot_on": _on("2022-01-01", rng.integers(0, 700, n)),
            "model": text([f"model_{m}" for m in model]),
            "site": text(rng.choice([f"site_{i:02d}" for i in range(7)], n)),
            "age_years": np.round(rng.gamma(3, 2.5, n), 1),
            "hours_since_service": hours,
            "vibration_mm_s": vibration,
            "bearing_temp_c": temperature,
            "load_pct": load,
            "error_codes_7d": errors,
            "last_service": text(service),
        }
    )
    return frame, z, rng


def equipment_failure(n: int, seed: int) -> Case:
    """Failed within 14 days (about 7%); split in time on the snapshot day."""
    frame, z, rng = _machines(n, seed)
    feats = [c for c in frame.columns if c != "snapshot_on"]
    return Case(
        "equipment_failure",
        frame,
        outcome(z, 0.07, rng),
        "binary",
        feats,
        split="time",
        time="snapshot_on",
    )


def downtime_hours(n: int, seed: int) -> Case:
    """Hours of downtime next month (a number with one decimal, zero for most machines)."""
    frame, z, rng = _machines(n, seed)
    down = np.where(rng.random(n) < 1 / (1 + np.exp(-(z - 1.5))), rng.gamma(2, 6, n), 0.0)
    feats = [c for c in frame.columns if c != "snapshot_on"]
    return Case("downtime_hours", frame, np.round(down, 1), "regression", feats, split="random")


NULL_FAMILIES = {
    "subscription_churn": subscription_churn,
    "free_tier_upgrade": free_tier_upgrade,
    "seats_next_quarter": seats_next_quarter,
    "school_dropout": school_dropout,
    "attendance_next_term": attendance_next_term,
    "claim_fraud": claim_fraud,
    "claim_payout": claim_payout,
    "equipment_failure": equipment_failure,
    "downtime_hours": downtime_hours,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 12) % 6], so consecutive seeds take all six
NULL_SIZES = (600, 900, 1_300, 2_000, 3_000, 4_500)
NULL_MIN_SIZE = {"school_dropout": 1_000, "attendance_next_term": 1_000, "claim_fraud": 1_600}


# -- the extracts leaks are planted in ----------------------------------------------------------
def accounts(n: int, seed: int) -> Case:
    """The accounts with cancelling within 60 days (about 15%), split stratified, the account id
    left out, the snapshot week declared."""
    case = subscription_churn(n, seed)
    frame = case.frame.drop(columns=["account_id"])
    return replace(case, family="accounts", frame=frame, split="stratified", ids=[])


def claims(n: int, seed: int) -> Case:
    """Claims with fraud found (about 8%), split stratified, the report date declared."""
    frame, z, rng = _claims(n, seed)
    feats = [c for c in frame.columns if c != "reported_on"]
    return Case("claims", frame, outcome(z, 0.08, rng), "binary", feats, time="reported_on")


def machines(n: int, seed: int) -> Case:
    """Machines with a failure within 14 days (about 9%), split stratified."""
    frame, z, rng = _machines(n, seed)
    feats = [c for c in frame.columns if c != "snapshot_on"]
    return Case("machines", frame, outcome(z, 0.09, rng), "binary", feats, time="snapshot_on")


# -- leaks in the subscription extract ----------------------------------------------------------
def cancellation_reason(case: Case, share: float, rng) -> Case:
    """'exit_reason': the reason picked in the cancellation flow, for this share of those who
    cancelled; for 3% of the others the answer to a routine 'what could we do better' prompt
    (the same list of reasons); blank elsewhere."""
    n = case.rows
    reasons = np.array(["price", "missing feature", "switched tool", "team left", "other"])
    picked = reasons[rng.integers(0, len(reasons), n)]
    filled = np.where(case.y == 1, _some(n, share, rng), _some(n, 0.03, rng))
    return add_columns(case, {"exit_reason": text(np.where(filled, picked, None))})


def logins_after_notice(case: Case, share: float, rng) -> Case:
    """'active_users_30d' read a month later for this share of the accounts that cancelled
    (most of their users gone: a tenth of them left); the snapshot's count elsewhere."""
    n = case.rows
    now = case.frame["active_users_30d"].to_numpy()
    later = rng.binomial(now, 0.1)
    frame = case.frame.copy()
    frame["active_users_30d"] = np.where((case.y == 1) & _some(n, share, rng), later, now)
    return replace(case, frame=frame, leak=["active_users_30d"])


def invoice_net(case: Case, share: float, rng) -> Case:
    """'invoiced_net': the quarter's invoice (seats times the plan's price, with cents) less
    the refund paid on cancelling, for this share of the accounts that cancelled."""
    n = case.rows
    price = {"free": 0, "starter": 9, "team": 19, "business": 39, "enterprise": 79}
    per_seat = case.frame["plan"].map(price).to_numpy(dtype="float64")
    gross = 3 * per_seat * case.frame["seats"].to_numpy() * rng.uniform(0.85, 1.0, n)
    refund = gross * rng.uniform(0.3, 0.9, n)
    net = gross - np.where((case.y == 1) & _some(n, share, rng), refund, 0.0)
    return add_columns(case, {"invoiced_net": np.round(net, 2)})


def reseller_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'reseller_churn_rate': each reseller's cancellation rate over the whole extract (own
    outcome included), the reseller code kept; about this many accounts per reseller."""
    keys = max(2, int(case.rows / rows_per_key))
    reseller = _codes(rng, keys, case.rows, 1.5)
    rate = pd.Series(case.y.astype(float)).groupby(reseller).transform("mean").to_numpy()
    return add_columns(
        case,
        {"reseller": text([f"RS{r:04d}" for r in reseller]), "reseller_churn_rate": rate.round(4)},
        leak=["reseller_churn_rate"],
    )


# -- leaks in the claims extract ----------------------------------------------------------------
def days_to_settle(case: Case, share: float, rng) -> Case:
    """'days_to_settle': genuine claims settle within 5 to 40 days; this share of the fraudulent
    ones were held until the 90-day review and are written 90 (the others as genuine)."""
    n = case.rows
    usual = np.round(rng.gamma(4, 4, n) + 5).clip(5, 89)
    held = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"days_to_settle": np.where(held, 90, usual).astype(int)})


def adjuster_rating(case: Case, auc: float, rng) -> Case:
    """'adjuster_suspicion_1_5': the adjuster's rating after the investigation, 1 to 5, the
    outcome plus noise as strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(
        case, {"adjuster_suspicion_1_5": np.clip(np.round(2 + 0.9 * value), 1, 5).astype(int)}
    )


def portal_resubmits(case: Case, share: float, rng) -> Case:
    """A broker portal that submitted this share of the claims twice (exact copies), the extract
    sorted by report date."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    rows = np.concatenate([np.arange(case.rows), twice])
    rows = rows[np.argsort(case.frame["reported_on"].to_numpy()[rows], kind="stable")]
    return replace(
        case, frame=case.frame.iloc[rows].reset_index(drop=True), y=case.y[rows], leak=[]
    )


def recovered_amount(case: Case, share: float, rng) -> Case:
    """'amount_claimed' as corrected after the investigation: for this share of the fraudulent
    claims the inflated part was struck off (40% to 90% less); the claimed amount elsewhere."""
    n = case.rows
    now = case.frame["amount_claimed"].to_numpy()
    cut = (case.y == 1) & _some(n, share, rng)
    frame = case.frame.copy()
    frame["amount_claimed"] = np.round(np.where(cut, now * rng.uniform(0.1, 0.6, n), now), 2)
    return replace(case, frame=frame, leak=["amount_claimed"])


# -- leaks in the maintenance extract -----------------------------------------------------------
def repair_cost(case: Case, share: float, rng) -> Case:
    """'maintenance_cost_qtr': the quarter's maintenance cost with cents (routine, growing with
    age) — with the failure's repair added for this share of the failed machines."""
    n = case.rows
    age = case.frame["age_years"].to_numpy()
    routine = rng.lognormal(np.log(400 + 60 * age), 0.45)
    repair = rng.lognormal(np.log(1_800), 0.6, n)
    cost = routine + np.where((case.y == 1) & _some(n, share, rng), repair, 0.0)
    return add_columns(case, {"maintenance_cost_qtr": np.round(cost, 2)})


def flatlined_sensor(case: Case, share: float, rng) -> Case:
    """'vibration_mm_s' read after the failure for this share of the failed machines: the sensor
    of a stopped machine reads 0 — as it does, honestly, for the 5% of machines idle that day."""
    n = case.rows
    now = case.frame["vibration_mm_s"].to_numpy()
    idle = _some(n, 0.05, rng)
    stopped = (case.y == 1) & _some(n, share, rng)
    frame = case.frame.copy()
    frame["vibration_mm_s"] = np.where(idle | stopped, 0.0, now)
    return replace(case, frame=frame, leak=["vibration_mm_s"])


def work_order(case: Case, share: float, rng) -> Case:
    """'work_order_priority': the priority of the work order opened for the machine, 'urgent'
    or 'high' for this share of the failed machines; 'normal' for 5% of the others (planned
    work); blank elsewhere."""
    n = case.rows
    urgent = rng.choice(["urgent", "high"], n, p=[0.6, 0.4])
    value = np.where(
        case.y == 1,
        np.where(_some(n, share, rng), urgent, None),
        np.where(_some(n, 0.05, rng), "normal", None),
    )
    return add_columns(case, {"work_order_priority": text(value)})


def site_inspection(case: Case, share: float, rng) -> Case:
    """'condition_score_0_100': at one site the inspection is done after the fact for this share
    of its machines (85-100 for failed ones, 0-40 otherwise, as the inspector found them);
    elsewhere, and for the site's other machines, a routine score over 0-100 that follows the
    vibration."""
    n = case.rows
    site = case.frame["site"].astype("str").to_numpy() == "site_03"
    vib = case.frame["vibration_mm_s"].to_numpy()
    routine = np.clip(50 + 25 * (np.log(vib) - 0.6) + rng.normal(0, 20, n), 0, 100)
    after = np.where(case.y == 1, rng.uniform(85, 100, n), rng.uniform(0, 40, n))
    value = np.where(site & _some(n, share, rng), after, routine)
    return add_columns(case, {"condition_score_0_100": np.round(value, 1)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "cancellation_reason": (cancellation_reason, (0.6, 0.3, 0.15), accounts),
    "logins_after_notice": (logins_after_notice, (1.0, 0.5, 0.25), accounts),
    "invoice_net": (invoice_net, (1.0, 0.6, 0.3), accounts),
    "reseller_rate": (reseller_rate, (8.0, 25.0, 80.0), accounts),
    "days_to_settle": (days_to_settle, (1.0, 0.5, 0.25), claims),
    "adjuster_rating": (adjuster_rating, (0.95, 0.9, 0.85), claims),
    "portal_resubmits": (portal_resubmits, (0.3, 0.15, 0.08), claims),
    "recovered_amount": (recovered_amount, (1.0, 0.5, 0.25), claims),
    "repair_cost": (repair_cost, (1.0, 0.6, 0.3), machines),
    "flatlined_sensor": (flatlined_sensor, (1.0, 0.5, 0.25), machines),
    "work_order": (work_order, (0.6, 0.3, 0.15), machines),
    "site_inspection": (site_inspection, (1.0, 0.6, 0.3), machines),
}
PLANTED_WHAT = {
    "cancellation_reason": "a reason picked in the cancellation flow, for this share of those "
    "who cancelled (3% of the others answer a routine prompt)",
    "logins_after_notice": "active users read a month later for this share of those who cancelled",
    "invoice_net": "the quarter's invoice less the refund on cancelling, for this share of those "
    "who cancelled",
    "reseller_rate": "each reseller's cancellation rate over the whole extract; about this many "
    "accounts per reseller",
    "days_to_settle": "days to settle: this share of the fraudulent claims held to the 90-day "
    "review (genuine ones settle in 5 to 40 days)",
    "adjuster_rating": "an adjuster's 1-5 suspicion rating after the investigation, as strong "
    "as this AUC",
    "portal_resubmits": "this share of the claims submitted twice before the split",
    "recovered_amount": "the claimed amount corrected after the investigation for this share of "
    "the fraudulent claims",
    "repair_cost": "the quarter's maintenance cost with the failure's repair, for this share of "
    "the failed machines",
    "flatlined_sensor": "a vibration reading of 0 after the failure for this share of the "
    "failed machines (idle machines read 0 too)",
    "work_order": "a work order's priority for this share of the failed machines (5% of the "
    "others have planned work)",
    "site_inspection": "an inspection score written after the outcome at one site, for this "
    "share of its machines",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "cancellation_reason": {"missingness_signal", "outcome_copy", "pure_subsets"},
    "logins_after_notice": {"changed_figures", "pure_subsets", "single_feature", "outcome_copy"},
    "invoice_net": {"changed_figures", "single_feature", "outcome_copy", "column_pairs"},
    "reseller_rate": {"target_encoding"},
    "days_to_settle": {"pure_subsets", "follow_up_duration"},
    "adjuster_rating": {"outcome_copy"},
    "portal_resubmits": {"shared_rows"},
    "recovered_amount": {"changed_figures", "pure_subsets", "column_pairs", "outcome_copy"},
    "repair_cost": {"changed_figures", "single_feature", "outcome_copy", "column_pairs"},
    "flatlined_sensor": {"changed_figures", "pure_subsets", "missingness_signal", "outcome_copy"},
    "work_order": {"missingness_signal", "outcome_copy", "pure_subsets"},
    "site_inspection": {"segment_leaks"},
}
COPIES_BEFORE_SPLIT = {"portal_resubmits"}
ROW_LEAK_CHECKS = {"portal_resubmits": {"shared_rows", "near_duplicates"}}
PLANTED_SIZES = (1_500, 3_000, 6_000)
