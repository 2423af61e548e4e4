"""The twelfth generation of the leakage calibration, kept aside: written and committed before
it was first run, with seeds of its own (25,000 and up). Other domains and shapes than every
family before it: a wind farm operator's turbines with a gearbox fault in the coming month, a
used-car dealer group's cars sold within 30 days of listing, a pharmacy chain's prescriptions
left uncollected, a magistrates' court's defendants failing to appear and a running-event
organiser's entrants not starting their race — null families with honest confusers (a
direct-drive turbine that has no gearbox to fail, a car marked for sale to the trade that is
nearly always gone within the week, a prescription delivered by the driver that is nearly
never left, a defendant produced from custody who nearly always appears, a marathon bib not
collected at the expo by a runner who then nearly never starts; an inspection's 1-5 grade at
the year's start, a car's 1-5 grade at intake, a runner's 1-10 fitness at entry and age bands
as ordinal text; vibration in the last month, the price against the trade guide, a defendant's
earlier failures to appear and no fixed abode as honest strong signals; hours since the service
capped where the counter stops, months of test left capped at 12, days since the last
collection capped at the year the system keeps, days from charge to hearing capped at the six
months a summary charge allows, entry days capped where entries open, a month's downtime capped
at its hours, days to sell capped at the auction's 90, a finish time capped where the course
closes; alarms, curtailment, earlier uncollected prescriptions, earlier failures, earlier
finishes zero for most; an oil temperature blank for turbines with no gearbox oil, a service
history blank for imports, a distance blank for patients and defendants with no address
matched, a predicted time blank for first-timers; the same turbines exported as monthly
snapshots in which only a few fields move, under a split in time; coarse prescription rows
that repeat exactly by nature; repeat defendants, patients, runners and car models; a car's
advert, a dispensing note and a charge's wording written before the outcome) — and leaks
planted in a turbine extract, a car extract, a prescription extract, a hearing extract and an
entry extract by generators of their own: work orders counted with those of the gearbox
exchange for part of the faulted turbines, an inspection ticket held open until the exchange
was done, one site's availability recomputed over the month after, the price now beside the
price listed (the 30-day cut of the unsold: a leak across two columns), a model variant's
sold share over the whole extract as words (the variant kept), listings exported again after
being re-posted with the photos amended and the listing day moved, the charge taken at the
till zeroed for uncollected items among the exempt's honest zeros, the dispensary's
returned-to-stock note on the bag, a collect-by date whose later prescriptions had not had the
time to be left (right-censored), a case status at the extract's date that records the
warrant, a liaison officer's risk score written after the hearing, file numbers given when the
warrant files were re-registered, a club's non-start share over the whole extract in percent
(the club code kept), days an entry was live until the runner withdrew, and a start wave blank
for runners who withdrew before waves were allocated among honest blanks.

The eleventh generation (benchmarks/calibration_eleventh.py) is the kept-aside set of this
round; this one is for the next and is not registered yet.
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


# -- a wind farm operator's turbines ------------------------------------------------------------
SITES = ["moor_ridge", "estuary", "north_hill", "coastal_flats", "long_valley", "forest_edge"]
SITE_SHARES = [0.16, 0.26, 0.16, 0.16, 0.14, 0.12]
SITE_WIND = np.array([7.8, 8.4, 7.2, 8.9, 6.4, 6.9])
TURBINE_MODELS = ["AX90-2.0", "AX100-2.5", "BW112-3.3", "DD115-3.0"]
MODEL_KW = np.array([2000, 2500, 3300, 3000])
MODEL_HUB = np.array([80, 95, 94, 105])
DIRECT_DRIVE = 3  # the model index with no gearbox


def _turbine_rows(turbines: int, months: int, seed: int):
    """Snapshots of a wind farm operator's turbines on the first of a month in 2023 and 2024:
    each turbine is seen in `months` consecutive months (one: a cross-section). Static: the
    turbine, the site, the model and its drive (direct drive: no gearbox), rated power, hub
    height, the year commissioned; the inspection's 1-5 grade, given each January; moving from
    one snapshot to the next: the turbine's age in months, hours since the last service (the
    counter stops at 5,000), the last month's mean wind speed, vibration at the main shaft (an
    honest strong signal: a worn gearbox vibrates), the gearbox oil temperature (blank for the
    direct-drive turbines, which have no gearbox oil), alarms in the last month and hours
    curtailed by the grid operator (zero for most). Returns the frame, the log-odds of a
    gearbox fault in the coming month, the direct-drive turbines and the generator."""
    rng = np.random.default_rng(seed)
    site = rng.choice(len(SITES), turbines, p=SITE_SHARES)
    model = rng.choice(4, turbines, p=[0.3, 0.3, 0.22, 0.18])
    commissioned = rng.integers(2008, 2022, turbines)
    worn = rng.normal(0, 1, turbines)
    phase = rng.integers(0, 6, turbines)
    late_service = rng.random(turbines) < 0.15
    first = rng.integers(0, 24 - months + 1, turbines)
    t_index = (first[:, None] + np.arange(months)[None, :]).ravel()
    who = np.repeat(np.arange(turbines), months)
    n = len(who)
    # the degradation: a walk per turbine, pulled towards its own wear
    walk = np.zeros((turbines, months))
    state = 0.6 * worn + rng.normal(0, 0.6, turbines)
    for m in range(months):
        state = 0.8 * state + 0.2 * worn + rng.normal(0, 0.45, turbines)
        walk[:, m] = state
    d = walk.ravel()
    year = 2023 + t_index // 12
    grade_noise = rng.normal(0, 0.7, (turbines, 2))
    grade = np.clip(np.round(3.4 - 0.7 * worn[who] + grade_noise[who, year - 2023]), 1, 5)
    since = (t_index + phase[who]) % (6 + 3 * late_service[who])
    hours = np.minimum(since * 730 + rng.integers(0, 700, n), 5_000)
    season = np.cos(2 * np.pi * (t_index % 12) / 12)
    wind = np.round(SITE_WIND[site[who]] + 1.3 * season + rng.normal(0, 0.7, n), 1)
    geared = model[who] != DIRECT_DRIVE
    vibration = np.round(np.maximum(1.8 + 0.75 * d + 0.12 * wind + rng.normal(0, 0.45, n), 0.3), 2)
    oil = np.round(52 + 2.5 * d + 0.9 * wind + rng.normal(0, 2.5, n), 1)
    alarms = np.where(rng.random(n) < 0.72, 0, rng.poisson(np.exp(0.2 + 0.45 * d)))
    curtailed = np.where(
        (site[who] == 3) & (rng.random(n) < 0.45), np.round(rng.gamma(1.5, 14, n)), 0
    ).astype(int)
    age = (t_index + 12 * (2023 - commissioned[who])).astype(int)
    z = (
        1.1 * d
        + 0.35 * np.minimum(alarms, 4)
        + 0.035 * age / 12
        + 0.12 * hours / 730
        - 0.25 * (grade - 3)
        + 0.12 * (wind - 7.5)
        + 0.3 * (model[who] == 0)
    )
    frame = pd.DataFrame(
        {
            "turbine_id": text([f"WTG-{k:04d}" for k in who]),
            "snapshot_month": pd.to_datetime(
                [f"{2023 + t // 12}-{t % 12 + 1:02d}-01" for t in t_index]
            ),
            "site": text(np.array(SITES)[site[who]]),
            "model": text(np.array(TURBINE_MODELS)[model[who]]),
            "drive": text(np.where(geared, "geared", "direct_drive")),
            "rated_kw": MODEL_KW[model[who]],
            "hub_height_m": MODEL_HUB[model[who]],
            "commissioned_year": commissioned[who],
            "inspection_grade_1_5": grade.astype(int),
            "age_months": age,
            "hours_since_service": hours.astype(int),
            "mean_wind_ms": wind,
            "vibration_mm_s": vibration,
            "gearbox_oil_c": np.where(geared, oil, np.nan),
            "alarms_last_month": alarms.astype(int),
            "curtailed_hours": curtailed,
        }
    )
    return frame, z, ~geared, rng


def _fault(z, direct, rng, rate: float = 0.07) -> np.ndarray:
    """A gearbox fault in the coming month (about `rate`); 1% of the direct-drive turbines
    (their main bearing logged under the gearbox code)."""
    return _spared(outcome(z, rate, rng), direct, 0.01, rng)


def _panel(n: int, seed: int, months: int = 12):
    turbines = max(20, -(-n // months))
    frame, z, direct, rng = _turbine_rows(turbines, months, seed)
    if len(frame) > n:  # snapshots missing from the export (a communication outage)
        keep = np.sort(rng.choice(len(frame), n, replace=False))
        frame, z, direct = frame.iloc[keep].reset_index(drop=True), z[keep], direct[keep]
    return frame, z, direct, rng


TURBINE_INPUTS = ("turbine_id", "snapshot_month")


def turbine_fault(n: int, seed: int) -> Case:
    """A gearbox fault in the month after the snapshot (about 7%): the same turbines exported
    each month for a year (only age, hours since service, wind, vibration, oil temperature,
    alarms and curtailment move), split in time on the snapshot's month; the turbine code is
    neither an input nor declared."""
    frame, z, direct, rng = _panel(n, seed)
    feats = [c for c in frame.columns if c not in TURBINE_INPUTS]
    return Case(
        "turbine_fault",
        frame,
        _fault(z, direct, rng),
        "binary",
        feats,
        split="time",
        time="snapshot_month",
    )


def downtime_hours(n: int, seed: int) -> Case:
    """Hours the turbine stood still in the month after the snapshot, whole hours, 744 at most
    (a month's hours): zero for about half, a few hours for a routine stop, weeks for a
    gearbox exchange; monthly snapshots of the same turbines, split in time."""
    frame, z, direct, rng = _panel(n, seed)
    fault = _fault(z, direct, rng, 0.06)
    lift = np.exp(0.5 * (z - z.mean()))
    routine = np.where(rng.random(n) < 0.3 * lift, np.round(rng.gamma(1.4, 9 * lift, n)), 0)
    service = (frame["hours_since_service"].to_numpy() < 730) * rng.integers(6, 14, n)
    exchange = np.round(rng.gamma(3, 130, n))
    hours = np.minimum(routine + service + fault * exchange, 744).astype(int)
    feats = [c for c in frame.columns if c not in TURBINE_INPUTS]
    return Case(
        "downtime_hours",
        frame,
        hours,
        "regression",
        feats,
        split="time",
        time="snapshot_month",
    )


# -- a used-car dealer group's listings ---------------------------------------------------------
CAR_MODELS = ["hatch_s", "hatch_m", "saloon_m", "estate_m", "suv_s", "suv_m", "suv_l", "mpv"]
CAR_MODELS += ["coupe", "pickup", "city_car", "hatch_ev", "suv_ev", "saloon_l"]
CAR_MODEL_SHARES = [0.14, 0.12, 0.08, 0.06, 0.13, 0.11, 0.05, 0.04, 0.02, 0.02, 0.1, 0.05]
CAR_MODEL_SHARES += [0.04, 0.04]
CAR_MODEL_PRICE = np.array([9, 12, 14, 13, 15, 19, 28, 11, 17, 22, 7, 18, 27, 24]) * 1_000.0
CAR_MODEL_EFFECT = np.array([0.4, 0.3, -0.2, 0.0, 0.5, 0.3, -0.2, -0.5, -0.6, -0.3, 0.4])
CAR_MODEL_EFFECT = np.concatenate([CAR_MODEL_EFFECT, [-0.4, -0.1, -0.5]])
FUELS = ["petrol", "diesel", "hybrid", "electric"]
COLOURS = ["black", "white", "grey", "silver", "blue", "red", "green", "orange"]
CAR_BRANCHES = ["north_road", "ring_road", "retail_park", "city", "airport_way"]
SOURCES = ["part_exchange", "auction", "lease_return", "fleet"]
HISTORY = ["full", "part", "none"]
ADVERT_WORDS = ["one", "owner", "low", "mileage", "bluetooth", "sat", "nav", "parking"]
ADVERT_WORDS += ["sensors", "heated", "seats", "alloys", "warranty", "finance", "available"]
ADVERT_WORDS += ["cruise", "control", "panoramic", "roof", "tow", "bar", "ulez", "compliant"]


def _cars(n: int, seed: int):
    """Cars listed by a dealer group in 2023 and 2024: a stock number, the branch, the day
    listed, the model (some models listed often: their columns repeat), the car's age in
    years, the mileage (to the nearest hundred), fuel, colour, the listed price (ending in 95
    or 50), the price against the trade guide in percent (an honest strong signal), photos in
    the advert, previous owners, the service history (blank for imports: the form has no
    answer for a foreign history), months of test left (12 at most, as a new test runs), where
    the car came from, the intake inspection's 1-5 grade, marked for sale to the trade (nearly
    all gone within the week), the advert's headline; days to sell (90 at most: an unsold car
    goes to auction then) and the log-odds behind them."""
    rng = np.random.default_rng(seed)
    model = rng.choice(len(CAR_MODELS), n, p=CAR_MODEL_SHARES)
    age = np.clip(np.round(rng.gamma(2.4, 2.0, n)), 1, 15).astype(int)
    miles = np.round(np.maximum(age * rng.normal(8_500, 2_800, n), 1_500), -2)
    fuel = np.where(np.isin(model, [11, 12]), 3, rng.choice(3, n, p=[0.58, 0.3, 0.12]))
    condition = rng.normal(0, 1, n)
    grade = np.clip(np.round(3.2 + 0.8 * condition + rng.normal(0, 0.6, n)), 1, 5)
    value = CAR_MODEL_PRICE[model] * 0.86**age * np.exp(-0.004 * (miles / 1_000 - 8 * age))
    value = value * (1 + 0.05 * condition)
    vs_guide = np.round(100 * rng.lognormal(0.02, 0.06, n), 1)
    price = np.maximum(np.round(value * vs_guide / 100 / 100) * 100 - 5, 995.0)
    price = np.where(rng.random(n) < 0.3, price - 45, price)
    photos = np.where(rng.random(n) < 0.06, 0, np.clip(rng.poisson(22, n), 5, 40))
    owners = np.clip(1 + rng.poisson(0.35 * age), 1, 8)
    source = rng.choice(4, n, p=[0.45, 0.3, 0.15, 0.1])
    imported = rng.random(n) < 0.05
    history = rng.choice(3, n, p=[0.55, 0.3, 0.15])
    test_left = np.where(age < 3, 12, np.minimum(rng.integers(0, 13, n), 12))
    trade = (age >= 9) & (rng.random(n) < 0.35)
    branch = rng.choice(len(CAR_BRANCHES), n, p=[0.26, 0.22, 0.2, 0.18, 0.14])
    day = rng.integers(0, 728, n)
    spring = np.isin(((day // 30) % 12), [2, 3, 8])
    colour = rng.choice(len(COLOURS), n, p=[0.2, 0.18, 0.2, 0.14, 0.12, 0.08, 0.05, 0.03])
    z = (
        -0.09 * (vs_guide - 100)
        + CAR_MODEL_EFFECT[model]
        + 0.3 * (grade - 3)
        - 0.12 * np.maximum(age - 6, 0)
        + 0.4 * (photos >= 15)
        - 1.0 * (photos == 0)
        - 0.4 * (history == 2)
        + 0.35 * spring
        + 0.05 * test_left
        - 0.25 * (colour >= 5)
        + 0.2 * (branch == 2)
    )
    days = np.round(np.exp(3.75 - 0.6 * z + rng.normal(0, 0.5, n)))
    days = np.where(trade & (rng.random(n) < 0.97), rng.integers(1, 8, n), days)
    days = np.clip(days, 1, 90).astype(int)
    headline = _prose(rng, [ADVERT_WORDS] * n, rng.integers(3, 9, n))
    frame = pd.DataFrame(
        {
            "stock_no": text([f"SK{k:06d}" for k in rng.choice(999_999, n, False)]),
            "branch": text(np.array(CAR_BRANCHES)[branch]),
            "listed_on": _on("2023-01-02", day),
            "model": text(np.array(CAR_MODELS)[model]),
            "age_years": age,
            "mileage": miles.astype(int),
            "fuel": text(np.array(FUELS)[fuel]),
            "colour": text(np.array(COLOURS)[colour]),
            "price_listed": price,
            "price_vs_guide_pct": vs_guide,
            "photos": photos,
            "previous_owners": owners,
            "service_history": text(
                np.where(imported, None, np.array(HISTORY, dtype=object)[history])
            ),
            "test_months_left": test_left,
            "source": text(np.array(SOURCES)[source]),
            "intake_grade_1_5": grade.astype(int),
            "trade_sale": text(np.where(trade, "yes", "no")),
            "advert_headline": text(headline),
        }
    )
    return frame, days, z, rng


CAR_INPUTS = ("stock_no", "listed_on")


def car_sold(n: int, seed: int) -> Case:
    """Sold within 30 days of listing (about 55%; nearly all cars marked for the trade); split
    in time on the day listed, models repeating across it, the stock number declared an id."""
    frame, days, _, _ = _cars(n, seed)
    feats = [c for c in frame.columns if c not in CAR_INPUTS]
    return Case(
        "car_sold",
        frame,
        (days <= 30).astype(int),
        "binary",
        feats,
        split="time",
        time="listed_on",
        ids=["stock_no"],
    )


def days_to_sell(n: int, seed: int) -> Case:
    """Days from listing to sale, 1 to 90 (the unsold go to auction at 90, a pile there)."""
    frame, days, _, _ = _cars(n, seed)
    feats = [c for c in frame.columns if c not in CAR_INPUTS]
    return Case("days_to_sell", frame, days, "regression", feats, split="random", ids=["stock_no"])


# -- a pharmacy chain's prescriptions -----------------------------------------------------------
PHARMACIES = ["high_street", "health_centre", "supermarket", "village", "station"]
DRUG_GROUPS = ["analgesic", "antibiotic", "statin", "inhaler", "antidepressant"]
DRUG_GROUPS += ["dermatology", "contraceptive", "antihypertensive"]
DRUG_SHARES = [0.12, 0.12, 0.16, 0.1, 0.12, 0.1, 0.08, 0.2]
DRUG_EFFECT = np.array([0.5, 0.2, -0.3, -0.2, 0.1, 0.7, 0.3, -0.4])
AGE_BANDS = ["0-15", "16-29", "30-44", "45-59", "60-74", "75+"]
AGE_EFFECT = np.array([-0.2, 0.6, 0.4, 0.0, -0.4, -0.6])
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]


def prescription_uncollected(n: int, seed: int) -> Case:
    """Prescriptions left uncollected after 14 days (about 12%), in coarse columns only: the
    pharmacy, the drug group, the patient's age band, exempt from charges, repeat or acute,
    items (1 to 4), the weekday it was ready, delivered by the driver (nearly never left), text
    alerts; rows repeat exactly by nature. Split stratified."""
    rng = np.random.default_rng(seed)
    pharmacy = rng.choice(5, n, p=[0.3, 0.25, 0.2, 0.1, 0.15])
    drug = rng.choice(8, n, p=DRUG_SHARES)
    band = rng.choice(6, n, p=[0.06, 0.12, 0.17, 0.22, 0.24, 0.19])
    exempt = (band == 0) | (band >= 4) | (rng.random(n) < 0.3)
    repeat = rng.random(n) < np.where(np.isin(drug, [2, 3, 4, 7]), 0.85, 0.25)
    items = np.clip(1 + rng.poisson(np.where(repeat, 0.9, 0.25)), 1, 4)
    weekday = rng.choice(6, n, p=[0.2, 0.18, 0.18, 0.18, 0.18, 0.08])
    delivered = (band >= 4) & (rng.random(n) < 0.3) | (rng.random(n) < 0.04)
    alerts = rng.random(n) < 0.55
    z = (
        DRUG_EFFECT[drug]
        + AGE_EFFECT[band]
        + 0.7 * ~exempt
        - 0.4 * repeat
        - 0.15 * (items - 1)
        - 0.45 * alerts
        + 0.3 * (weekday == 5)
        + np.array([0.0, -0.2, 0.4, 0.2, -0.3])[pharmacy]
    )
    y = _spared(outcome(z, 0.12, rng), delivered, 0.01, rng)
    frame = pd.DataFrame(
        {
            "pharmacy": text(np.array(PHARMACIES)[pharmacy]),
            "drug_group": text(np.array(DRUG_GROUPS)[drug]),
            "age_band": text(np.array(AGE_BANDS)[band]),
            "exempt": text(np.where(exempt, "yes", "no")),
            "prescription_type": text(np.where(repeat, "repeat", "acute")),
            "items": items,
            "ready_weekday": text(np.array(WEEKDAYS)[weekday]),
            "delivery": text(np.where(delivered, "yes", "no")),
            "text_alerts": text(np.where(alerts, "yes", "no")),
        }
    )
    return Case("prescription_uncollected", frame, y, "binary", list(frame.columns))


DISPENSING_WORDS = ["take", "with", "food", "owing", "balance", "tomorrow", "brand", "switch"]
DISPENSING_WORDS += ["split", "pack", "fridge", "item", "check", "dose", "changed", "new"]
DISPENSING_WORDS += ["patient", "counselled", "interaction", "query", "gp", "surgery", "ok"]


def _prescriptions(n: int, seed: int):
    """Prescriptions dispensed by a pharmacy chain in 2023 and 2024: a prescription number, the
    patient (a few collect many: their columns repeat), the pharmacy, the day it was ready, the
    drug group, items, the patient's age, exempt from charges, repeat or acute, delivered by
    the driver (nearly never left), text alerts, the distance from home (blank where the
    address was not matched), earlier prescriptions left uncollected (zero for most), days
    since the patient's last collection (365 at most: the system keeps a year; 365 for new
    patients), part of it owed, the dispensing note (written when it was made up); days to
    collection (0 to 14: 14 is left uncollected and returned to stock) and its log-odds."""
    rng = np.random.default_rng(seed)
    patients = max(40, int(n / 1.6))
    who = _codes(rng, patients, n, 1.0)
    careless = rng.normal(0, 1, patients)[who]
    pharmacy = rng.choice(5, n, p=[0.3, 0.25, 0.2, 0.1, 0.15])
    drug = rng.choice(8, n, p=DRUG_SHARES)
    age = np.clip(np.round(rng.normal(52, 21, patients)), 1, 98).astype(int)[who]
    exempt = (age < 16) | (age >= 60) | (rng.random(patients) < 0.3)[who]
    repeat = rng.random(n) < np.where(np.isin(drug, [2, 3, 4, 7]), 0.85, 0.25)
    items = np.clip(1 + rng.poisson(np.where(repeat, 0.9, 0.25)), 1, 5)
    delivered = ((age >= 70) & (rng.random(patients) < 0.3)[who]) | (rng.random(n) < 0.03)
    alerts = (rng.random(patients) < 0.55)[who]
    distance = np.round(rng.lognormal(0.4, 0.8, patients), 1)[who]
    unmatched = (rng.random(patients) < 0.08)[who]
    earlier = np.where(rng.random(n) < 0.82, 0, 1 + rng.poisson(0.5 + 0.5 * (careless > 0)))
    since = np.where(
        rng.random(n) < 0.12, 365, np.minimum(np.round(rng.exponential(40, n)) + 1, 365)
    ).astype(int)
    owing = rng.random(n) < 0.07
    z = (
        0.45 * careless
        + DRUG_EFFECT[drug]
        + 0.6 * ~exempt
        - 0.4 * repeat
        - 0.4 * alerts
        + 0.35 * np.minimum(earlier, 3)
        + 0.25 * np.log1p(np.nan_to_num(distance))
        + 0.003 * since
        - 0.012 * (age - 50)
        + 0.3 * owing
        + np.array([0.0, -0.2, 0.4, 0.2, -0.3])[pharmacy]
    )
    z = np.where(delivered, z - 6, z)
    quick = np.round(rng.gamma(3, np.exp(0.2 + 0.45 * z) / 3))
    left = outcome(1.5 * z, 0.1, rng) == 1
    days = np.where(left, 14, np.minimum(quick, 13)).astype(int)
    frame = pd.DataFrame(
        {
            "prescription_no": text([f"RX{k:08d}" for k in rng.choice(99_999_999, n, False)]),
            "patient": text([f"P{k:06d}" for k in who]),
            "pharmacy": text(np.array(PHARMACIES)[pharmacy]),
            "ready_on": _on("2023-01-02", rng.integers(0, 728, n)),
            "drug_group": text(np.array(DRUG_GROUPS)[drug]),
            "items": items,
            "age": age,
            "exempt": text(np.where(exempt, "yes", "no")),
            "prescription_type": text(np.where(repeat, "repeat", "acute")),
            "delivery": text(np.where(delivered, "yes", "no")),
            "text_alerts": text(np.where(alerts, "yes", "no")),
            "distance_km": np.where(unmatched, np.nan, distance),
            "earlier_uncollected": earlier,
            "days_since_last_collection": since,
            "part_owed": text(np.where(owing, "yes", "no")),
            "dispensing_note": text(_prose(rng, [DISPENSING_WORDS] * n, rng.integers(3, 8, n))),
        }
    )
    return frame, days, rng


RX_INPUTS = ("prescription_no", "patient", "ready_on")


def days_to_collect(n: int, seed: int) -> Case:
    """Days from ready to collected, 0 to 14 (14: left and returned to stock, about a tenth);
    split at random, the prescription number declared an id."""
    frame, days, _ = _prescriptions(n, seed)
    feats = [c for c in frame.columns if c not in RX_INPUTS]
    return Case(
        "days_to_collect",
        frame,
        days,
        "regression",
        feats,
        split="random",
        ids=["prescription_no"],
    )


# -- a magistrates' court's hearings ------------------------------------------------------------
COURTS = ["central", "riverside", "northgate", "eastfield", "harbour_road", "west_vale"]
OFFENCES = ["theft", "motoring", "public_order", "criminal_damage", "drugs_possession"]
OFFENCES += ["assault", "fraud", "breach_of_order"]
OFFENCE_SHARES = [0.2, 0.22, 0.12, 0.08, 0.1, 0.12, 0.06, 0.1]
OFFENCE_EFFECT = np.array([0.4, -0.3, 0.3, 0.2, 0.5, -0.1, -0.4, 0.6])
BROUGHT = ["postal_requisition", "police_bail", "summons", "custody"]
CHARGE_WORDS = {
    "theft": ["stole", "goods", "shop", "value", "belonging", "to", "another", "retail"],
    "motoring": ["drove", "vehicle", "road", "without", "insurance", "speed", "licence"],
    "public_order": ["used", "threatening", "words", "behaviour", "distress", "public", "place"],
    "criminal_damage": ["damaged", "property", "window", "vehicle", "without", "lawful", "excuse"],
    "drugs_possession": ["had", "in", "possession", "controlled", "drug", "class", "b", "a"],
    "assault": ["assaulted", "by", "beating", "emergency", "worker", "common", "assault"],
    "fraud": ["dishonestly", "made", "false", "representation", "gain", "card", "account"],
    "breach_of_order": ["failed", "comply", "requirements", "community", "order", "curfew"],
}


def _hearings(n: int, seed: int):
    """First hearings listed at a magistrates' court in 2023 and 2024: a hearing reference, the
    defendant (a few appear many times: their columns repeat), the court, the day listed, the
    offence, how the defendant was brought (produced from custody: nearly always there), days
    from charge to hearing (182 at most: a summary charge must be laid within six months), the
    defendant's age, earlier failures to appear (an honest strong signal, zero for most),
    earlier convictions (zero for many), a solicitor on record, a text reminder sent, the
    distance from home to court (blank for those of no fixed abode, who fail to appear more
    often), an interpreter needed, the morning or afternoon list, the charge as worded on the
    charge sheet; the log-odds of a failure to appear and those in custody."""
    rng = np.random.default_rng(seed)
    people = max(40, int(n / 1.3))
    who = _codes(rng, people, n, 0.9)
    chaos = rng.normal(0, 1, people)[who]
    age = np.clip(np.round(rng.gamma(4, 8, people) + 16), 18, 85).astype(int)[who]
    nfa = (rng.random(people) < 0.06)[who]
    offence = rng.choice(len(OFFENCES), n, p=OFFENCE_SHARES)
    brought = rng.choice(4, n, p=[0.38, 0.27, 0.2, 0.15])
    brought = np.where((offence == 1) & (brought == 3), 0, brought)
    custody = brought == 3
    days = np.where(custody, rng.integers(0, 3, n), np.round(rng.gamma(2, 22, n)))
    days = np.minimum(days, 182).astype(int)
    prior_fta = np.where(rng.random(n) < 0.8, 0, 1 + rng.poisson(np.exp(0.3 * chaos)))
    convictions = np.where(rng.random(n) < 0.45, 0, rng.poisson(np.exp(1 + 0.4 * chaos)))
    solicitor = rng.random(n) < 0.6 + 0.3 * custody
    reminder = rng.random(n) < 0.5
    distance = np.round(rng.lognormal(1.8, 0.7, people), 1)[who]
    interpreter = rng.random(n) < 0.06
    slot = rng.random(n) < 0.6
    z = (
        0.7 * chaos
        + OFFENCE_EFFECT[offence]
        + 0.55 * np.minimum(prior_fta, 4)
        + 0.08 * np.minimum(convictions, 10)
        + 0.008 * days
        - 0.3 * solicitor
        - 0.45 * reminder
        + 1.2 * nfa
        + 0.25 * np.log1p(distance)
        - 0.025 * (age - 30)
        + 0.4 * (brought == 0)
        + 0.2 * ~slot
    )
    wording = _prose(rng, [CHARGE_WORDS[OFFENCES[o]] for o in offence], rng.integers(5, 10, n))
    frame = pd.DataFrame(
        {
            "hearing_ref": text([f"HR{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "defendant": text([f"D{k:06d}" for k in who]),
            "court": text(np.array(COURTS)[rng.choice(6, n, p=[0.25, 0.2, 0.15, 0.15, 0.15, 0.1])]),
            "listed_on": _on("2023-01-03", rng.integers(0, 728, n)),
            "offence": text(np.array(OFFENCES)[offence]),
            "brought_by": text(np.array(BROUGHT)[brought]),
            "days_charge_to_hearing": days,
            "age": age,
            "earlier_fta": prior_fta,
            "earlier_convictions": convictions,
            "solicitor": text(np.where(solicitor, "yes", "no")),
            "text_reminder": text(np.where(reminder, "yes", "no")),
            "distance_km": np.where(nfa, np.nan, distance),
            "interpreter": text(np.where(interpreter, "yes", "no")),
            "list_slot": text(np.where(slot, "morning", "afternoon")),
            "charge_wording": text(wording),
        }
    )
    return frame, z, custody, rng


def _fta(z, custody, rng) -> np.ndarray:
    """Failed to appear (about 12%); 1% of those produced from custody (a van that broke down)."""
    return _spared(outcome(z, 0.12, rng), custody, 0.01, rng)


HEARING_INPUTS = ("hearing_ref", "defendant", "listed_on")


def court_fta(n: int, seed: int) -> Case:
    """Failed to appear; split in time on the day listed, repeat defendants on both sides, the
    hearing reference declared an id."""
    frame, z, custody, rng = _hearings(n, seed)
    feats = [c for c in frame.columns if c not in HEARING_INPUTS]
    return Case(
        "court_fta",
        frame,
        _fta(z, custody, rng),
        "binary",
        feats,
        split="time",
        time="listed_on",
        ids=["hearing_ref"],
    )


def hearing_result(n: int, seed: int) -> Case:
    """The first hearing's result: effective (0), adjourned (1, more often with an interpreter,
    a solicitor asking for time or a long charge-to-hearing wait) or failed to appear (2);
    split stratified."""
    frame, z, custody, rng = _hearings(n, seed)
    fta = _fta(z, custody, rng)
    za = (
        -0.9
        + 0.9 * (frame["interpreter"] == "yes").to_numpy()
        + 0.4 * (frame["solicitor"] == "yes").to_numpy()
        + 0.004 * frame["days_charge_to_hearing"].to_numpy()
        + 0.5 * np.isin(frame["offence"].to_numpy(), ["assault", "fraud"])
    )
    adjourned = rng.random(len(z)) < 1 / (1 + np.exp(-za))
    y = np.where(fta == 1, 2, adjourned.astype(int))
    feats = [c for c in frame.columns if c not in HEARING_INPUTS]
    return Case("hearing_result", frame, y, "multiclass", feats, ids=["hearing_ref"])


# -- a running-event organiser's entries --------------------------------------------------------
RACES = ["marathon", "half_marathon", "10k"]
RACE_DAYS = {
    "marathon": ["2023-04-23", "2024-04-21"],
    "half_marathon": ["2023-03-12", "2023-10-08", "2024-03-10", "2024-10-06"],
    "10k": ["2023-06-18", "2023-09-17", "2024-06-16", "2024-09-15"],
}
RACE_FEE = np.array([62.0, 38.5, 24.0])
RUNNER_BANDS = ["18-29", "30-39", "40-49", "50-59", "60+"]
ENTRY_ROUTES = ["open", "ballot", "charity", "club_place"]


def _entries(n: int, seed: int):
    """Entries to an organiser's races in 2023 and 2024: an entry number, the runner (some
    enter several races: their columns repeat), the race and its day, the day entered (up to a
    year before: entries open then), days from entry to race (365 at most), the age band, sex,
    a club (unattached for most), the entry route (a charity place carries a fundraising
    pledge), the fee paid with pence (discounted for club members), earlier finishes with the
    organiser (zero for most), the predicted finish in minutes (blank for those who gave none:
    most first-timers), a 1-10 fitness the runner gave at entry, the distance travelled,
    deferred from last year, the bib (posted for the shorter races; collected at the
    marathon's expo, and a runner who did not collect it nearly never starts); the log-odds of
    not starting and the marathon bibs not collected."""
    rng = np.random.default_rng(seed)
    runners = max(40, int(n / 1.25))
    who = _codes(rng, runners, n, 0.7)
    drift = rng.normal(0, 1, runners)[who]
    band = rng.choice(5, runners, p=[0.2, 0.28, 0.26, 0.17, 0.09])[who]
    female = (rng.random(runners) < 0.45)[who]
    clubs = max(8, n // 40)
    member = (rng.random(runners) < 0.3)[who]
    club = np.where(member, _codes(rng, clubs, runners, 0.9)[who], -1)
    race = rng.choice(3, n, p=[0.3, 0.4, 0.3])
    race_on = pd.to_datetime(
        [
            RACE_DAYS[RACES[r]][k % len(RACE_DAYS[RACES[r]])]
            for r, k in zip(race, rng.integers(0, 4, n), strict=True)
        ]
    )
    lead = np.minimum(np.round(rng.gamma(1.3, 70 + 60 * (race == 0), n)) + 1, 365).astype(int)
    route = rng.choice(4, n, p=[0.5, 0.2, 0.15, 0.15])
    route = np.where((race != 0) & (route == 1), 0, route)
    fee = np.round(RACE_FEE[race] * np.where(member, 0.9, 1.0) + np.where(route == 2, 0, 1.5), 2)
    finishes = np.where(rng.random(n) < 0.62, 0, 1 + rng.poisson(1.5, n))
    fitness = np.clip(np.round(6 + 1.3 * rng.normal(0, 1, n) - 0.4 * drift), 1, 10).astype(int)
    distance_base = np.array([42.2, 21.1, 10.0])[race]
    pace = 5.6 + 0.25 * band - 0.25 * (fitness - 6) + 0.5 * female + rng.normal(0, 0.5, n)
    predicted = np.round(distance_base * pace)
    gave = rng.random(n) < np.where(finishes > 0, 0.9, 0.35)
    travel = np.round(rng.lognormal(2.6, 1.1, runners), 0)[who]
    deferred = rng.random(n) < 0.06
    z = (
        0.6 * drift
        + 1.2 * lead / 365
        - 0.7 * (route == 2)
        - 0.3 * member
        - 0.3 * np.minimum(finishes, 3)
        - 0.2 * (fitness - 6)
        + 0.5 * deferred
        + 0.2 * np.log1p(travel / 50)
        + 0.4 * (race == 0)
        - 0.3 * (race == 2)
        + 0.15 * (band == 0)
    )
    y0 = outcome(z, 0.15, rng)
    marathon = race == 0
    uncollected = marathon & (((y0 == 1) & (rng.random(n) < 0.6)) | (rng.random(n) < 0.01))
    bib = np.where(marathon, np.where(uncollected, "not_collected", "collected"), "posted")
    frame = pd.DataFrame(
        {
            "entry_no": text([f"E{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "runner": text([f"R{k:06d}" for k in who]),
            "race": text(np.array(RACES)[race]),
            "race_on": race_on,
            "entered_on": race_on - pd.to_timedelta(lead, unit="D"),
            "lead_days": lead,
            "age_band": text(np.array(RUNNER_BANDS)[band]),
            "sex": text(np.where(female, "F", "M")),
            "club": text(np.where(member, [f"club_{c:03d}" for c in club], "unattached")),
            "entry_route": text(np.array(ENTRY_ROUTES)[route]),
            "fee_paid": fee,
            "earlier_finishes": finishes,
            "predicted_finish_min": np.where(gave, predicted, np.nan),
            "fitness_1_10": fitness,
            "travel_km": travel,
            "deferred_entry": text(np.where(deferred, "yes", "no")),
            "bib": text(bib),
        }
    )
    return frame, y0, uncollected, rng


def _dns(y0, uncollected, rng) -> np.ndarray:
    """Did not start (about 15%); 96% of the marathon bibs not collected."""
    return _ruled(y0, uncollected, 0.96, rng)


ENTRY_INPUTS = ("entry_no", "runner", "race_on", "entered_on")


def race_dns(n: int, seed: int) -> Case:
    """Did not start; split by runner (a runner's entries on one side), the entry number
    declared an id."""
    frame, y0, uncollected, rng = _entries(n, seed)
    feats = [c for c in frame.columns if c not in ENTRY_INPUTS]
    return Case(
        "race_dns",
        frame,
        _dns(y0, uncollected, rng),
        "binary",
        feats,
        split="group",
        group="runner",
        ids=["entry_no"],
    )


def finish_minutes(n: int, seed: int) -> Case:
    """A half marathon's finishers: minutes to the line, 210 at most (the course closes after
    three and a half hours and the sweep bus records the rest at 210: a few run-walkers), from
    the entry's columns and the weekly training distance the runner gave at entry; split at
    random."""
    rng = np.random.default_rng(seed)
    band = rng.choice(5, n, p=[0.2, 0.28, 0.26, 0.17, 0.09])
    female = rng.random(n) < 0.45
    fitness = np.clip(np.round(6 + 1.4 * rng.normal(0, 1, n)), 1, 10).astype(int)
    weekly = np.round(np.maximum(rng.gamma(3, 9, n) + 4 * (fitness - 6), 0))
    finishes = np.where(rng.random(n) < 0.55, 0, 1 + rng.poisson(2, n))
    member = rng.random(n) < 0.3
    ability = rng.normal(0, 0.09, n) + np.log(1.55) * (rng.random(n) < 0.06)  # run-walkers
    minutes = (
        21.1
        * (6.1 + 0.22 * band + 0.55 * female - 0.18 * (fitness - 6) - 0.02 * weekly - 0.25 * member)
        * np.exp(ability)
    )
    predicted = np.round(minutes * rng.lognormal(-0.02, 0.05, n))
    gave = rng.random(n) < np.where(finishes > 0, 0.9, 0.35)
    heat = rng.choice([0.0, 0.04], n, p=[0.5, 0.5])  # the spring race or the autumn one
    actual = np.minimum(np.round(minutes * np.exp(heat + rng.normal(0, 0.04, n))), 210)
    frame = pd.DataFrame(
        {
            "entry_no": text([f"E{k:07d}" for k in rng.choice(9_999_999, n, False)]),
            "race_edition": text(np.where(heat > 0, "autumn", "spring")),
            "age_band": text(np.array(RUNNER_BANDS)[band]),
            "sex": text(np.where(female, "F", "M")),
            "club_member": text(np.where(member, "yes", "no")),
            "earlier_finishes": finishes,
            "predicted_finish_min": np.where(gave, predicted, np.nan),
            "fitness_1_10": fitness,
            "weekly_km": weekly.astype(int),
        }
    )
    feats = [c for c in frame.columns if c != "entry_no"]
    return Case(
        "finish_minutes",
        frame,
        actual.astype(int),
        "regression",
        feats,
        split="random",
        ids=["entry_no"],
    )


NULL_FAMILIES = {
    "turbine_fault": turbine_fault,
    "downtime_hours": downtime_hours,
    "car_sold": car_sold,
    "days_to_sell": days_to_sell,
    "prescription_uncollected": prescription_uncollected,
    "days_to_collect": days_to_collect,
    "court_fta": court_fta,
    "hearing_result": hearing_result,
    "race_dns": race_dns,
    "finish_minutes": finish_minutes,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 25) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_200)
NULL_MIN_SIZE = {"turbine_fault": 1_800, "court_fta": 1_200, "hearing_result": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def turbines(n: int, seed: int) -> Case:
    """One snapshot of each turbine, at a month of its own (a gearbox fault in the coming
    month for about a tenth), split stratified, the snapshot's month declared, the turbine
    code declared an id."""
    frame, z, direct, rng = _turbine_rows(n, 1, seed)
    feats = [c for c in frame.columns if c not in TURBINE_INPUTS]
    y = _fault(z, direct, rng, 0.1)
    return Case("turbines", frame, y, "binary", feats, time="snapshot_month", ids=["turbine_id"])


def cars(n: int, seed: int) -> Case:
    """Cars sold within 30 days (about 55%), split stratified, the day listed declared."""
    frame, days, _, _ = _cars(n, seed)
    feats = [c for c in frame.columns if c not in CAR_INPUTS]
    y = (days <= 30).astype(int)
    return Case("cars", frame, y, "binary", feats, time="listed_on", ids=["stock_no"])


def prescriptions(n: int, seed: int) -> Case:
    """Prescriptions left uncollected (about a tenth), split stratified, the day ready
    declared."""
    frame, days, _ = _prescriptions(n, seed)
    feats = [c for c in frame.columns if c not in RX_INPUTS]
    y = (days == 14).astype(int)
    return Case(
        "prescriptions", frame, y, "binary", feats, time="ready_on", ids=["prescription_no"]
    )


def hearings(n: int, seed: int) -> Case:
    """Failures to appear (about 12%), split stratified, the day listed declared."""
    frame, z, custody, rng = _hearings(n, seed)
    feats = [c for c in frame.columns if c not in HEARING_INPUTS]
    y = _fta(z, custody, rng)
    return Case("hearings", frame, y, "binary", feats, time="listed_on", ids=["hearing_ref"])


def entries(n: int, seed: int) -> Case:
    """Entrants who did not start (about 15%), split stratified, the day entered declared."""
    frame, y0, uncollected, rng = _entries(n, seed)
    feats = [c for c in frame.columns if c not in ENTRY_INPUTS]
    y = _dns(y0, uncollected, rng)
    return Case("entries", frame, y, "binary", feats, time="entered_on", ids=["entry_no"])


# -- leaks in the turbine extract ---------------------------------------------------------------
def work_orders(case: Case, share: float, rng) -> Case:
    """'work_orders': work orders in the turbine's log counted by a report whose window runs
    from the snapshot to the extract's date: the routine ones (inspections, resets after
    alarms, the service when it fell due) and, for this share of the turbines with a gearbox
    fault, the exchange's own orders (crane, gearbox swap, oil flush, recommissioning: two to
    six). The other faulted turbines' exchange fell after the report's window."""
    n = case.rows
    alarms = case.frame["alarms_last_month"].to_numpy()
    due = case.frame["hours_since_service"].to_numpy() > 4_000
    routine = rng.poisson(0.8 + 0.5 * np.minimum(alarms, 4)) + due
    exchange = rng.integers(2, 7, n)
    value = routine + np.where((case.y == 1) & _some(n, share, rng), exchange, 0)
    return add_columns(case, {"work_orders": value.astype(int)})


def ticket_closed(case: Case, share: float, rng) -> Case:
    """'inspection_ticket_closed_on': the day the month's inspection ticket was closed. Most
    within three weeks of the snapshot, one in twelve held open a month or two waiting for a
    part; for this share of the turbines with a gearbox fault, held open until the exchange was
    done (two to eight months)."""
    n = case.rows
    routine = np.where(_some(n, 1 / 12, rng), rng.integers(25, 65, n), rng.integers(1, 22, n))
    held = rng.integers(60, 241, n)
    lag = np.where((case.y == 1) & _some(n, share, rng), held, routine)
    closed = case.frame["snapshot_month"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"inspection_ticket_closed_on": closed.to_numpy()})


def site_availability(case: Case, share: float, rng) -> Case:
    """'availability_pct': the share of the month the turbine was available, to one place. At
    every site but the estuary, the month before the snapshot (about 97%, lower after
    alarms). The estuary's data office re-ran its report after the month that followed for this
    share of its rows: the turbines with a gearbox fault then show the exchange's weeks down
    (40% to 90%)."""
    n = case.rows
    alarms = np.minimum(case.frame["alarms_last_month"].to_numpy(), 5)
    honest = 100 - rng.gamma(1.2, 1.6 + 2.5 * alarms, n)
    honest = np.clip(honest, 30, 100)
    estuary = (case.frame["site"] == "estuary").to_numpy()
    down = rng.uniform(40, 90, n)
    rerun = estuary & _some(n, share, rng)
    value = np.where(rerun & (case.y == 1), down, honest)
    return add_columns(case, {"availability_pct": np.round(value, 1)})


# -- leaks in the car extract -------------------------------------------------------------------
def price_now(case: Case, share: float, rng) -> Case:
    """'price_now': the advert's price at the extract's date, beside the price listed. One car
    in six had a cut in its first weeks (1% to 3%: a competitor nearby); for this share of the
    cars not sold within 30 days, the day-30 cut of the group's pricing rule as well (4% to 9%,
    to end in 95). Neither price tells much alone."""
    n = case.rows
    listed = case.frame["price_listed"].to_numpy()
    early = np.where(_some(n, 1 / 6, rng), rng.uniform(0.01, 0.03, n), 0.0)
    rule = np.where((case.y == 0) & _some(n, share, rng), rng.uniform(0.04, 0.09, n), 0.0)
    cut = listed * (1 - early - rule)
    now = np.where(early + rule > 0, np.round(cut / 100) * 100 - 5, listed)
    return add_columns(case, {"price_now": np.maximum(now, 495.0)})


def variant_band(case: Case, rows_per_key: float, rng) -> Case:
    """'variant_demand': each model variant's share of cars sold within 30 days over the whole
    extract (the row's own included) as a word ('very_low', 'low', 'medium', 'high',
    'very_high'), the variant code (about this many cars a variant) kept beside it."""
    keys = max(2, int(case.rows / rows_per_key))
    variant = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(variant).transform("mean").to_numpy()
    words = np.array(["very_low", "low", "medium", "high", "very_high"])
    band = words[np.digitize(rate, [0.2, 0.4, 0.6, 0.8])]
    frame = case.frame.copy()
    frame["variant"] = text([f"VAR{v:05d}" for v in variant])
    frame["variant_demand"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "variant_demand"],
        leak=["variant_demand"],
    )


def relisted_copies(case: Case, share: float, rng) -> Case:
    """This share of the listings exported a second time after the advert was re-posted: the
    same stock number and car, the day listed moved on by one to six days and the photos
    amended (four to ten added, or the count as re-uploaded), appended to the extract: each
    pair can fall on both sides of the split."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    m = len(twice)
    copies["listed_on"] = copies["listed_on"] + pd.to_timedelta(rng.integers(1, 7, m), unit="D")
    photos = copies["photos"].to_numpy()
    copies["photos"] = np.minimum(
        np.where(rng.random(m) < 0.7, photos + rng.integers(4, 11, m), rng.integers(12, 30, m)),
        40,
    )
    frame = pd.concat([case.frame, copies], ignore_index=True)
    y = np.concatenate([case.y, case.y[twice]])
    return replace(case, frame=frame, y=y, leak=[])


# -- leaks in the prescription extract ----------------------------------------------------------
def charge_taken(case: Case, share: float, rng) -> Case:
    """'charge_taken': the prescription charge in pounds as the till recorded it: 0 for exempt
    patients and deliveries on a prepayment certificate (honest zeros), 9.90 an item for the
    others; set to 0 when the item was returned to stock for this share of the uncollected
    (nothing was paid), the others keeping the charge raised at dispensing."""
    n = case.rows
    exempt = (case.frame["exempt"] == "yes").to_numpy()
    prepaid = (case.frame["delivery"] == "yes").to_numpy() & _some(n, 0.4, rng)
    charge = np.round(9.9 * case.frame["items"].to_numpy(), 2)
    zeroed = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"charge_taken": np.where(exempt | prepaid | zeroed, 0.0, charge)})


BAG_ROUTINE = [
    "bag checked and filed alphabetically",
    "fridge item stored separately, label on bag",
    "second check by pharmacist done",
    "owing slip attached for balance",
    "patient asked for large print label",
    "filed on shelf b, text sent",
    "controlled drug, cd register entry made",
    "patient rang to ask if ready, told yes",
]
BAG_RETURNED = [
    "returned to stock after 14 days, claim reversed",
    "not collected, items returned to stock",
    "rts day 14, patient not contacted, surgery told",
    "uncollected bag cleared, stock put back",
]


def bag_note(case: Case, share: float, rng) -> Case:
    """'bag_note': the dispensary's note on the bag as the system holds it at the extract's
    date: a routine phrase; for this share of the uncollected, the note written when the bag
    was cleared (returned to stock, claim reversed)."""
    n = case.rows
    routine = np.array(BAG_ROUTINE, dtype=object)[rng.integers(0, len(BAG_ROUTINE), n)]
    cleared = np.array(BAG_RETURNED, dtype=object)[rng.integers(0, len(BAG_RETURNED), n)]
    note = np.where((case.y == 1) & _some(n, share, rng), cleared, routine)
    return add_columns(case, {"bag_note": text(note)})


def collect_by(case: Case, share: float, rng) -> Case:
    """'collect_by': the date printed on the bag, 14 days after it was ready. The extract was
    taken on the day after which this share of the collect-by dates fall: a prescription not yet
    at its collect-by date cannot yet be counted uncollected, and the extract counts it as
    collected (right-censored)."""
    by = case.frame["ready_on"] + pd.Timedelta(days=14)
    extract = by.quantile(1 - share)
    y = np.where((by > extract).to_numpy(), 0, case.y)
    leaky = add_columns(case, {"collect_by": by.to_numpy()})
    return replace(leaky, y=y)


# -- leaks in the hearing extract ---------------------------------------------------------------
def case_status(case: Case, share: float, rng) -> Case:
    """'case_status': the case's status at the extract's date: 'warrant_issued' or
    'warrant_executed' for this share of the failures to appear; otherwise the status the case
    reached ('adjourned', 'concluded', 'sent_to_crown_court', 'awaiting_sentence',
    'part_heard'), and 'warrant_issued' for 2% of the others (a warrant for a breach of bail
    later in the case)."""
    n = case.rows
    warrant = rng.choice(["warrant_issued", "warrant_executed"], n, p=[0.55, 0.45])
    routine = rng.choice(
        ["adjourned", "concluded", "sent_to_crown_court", "awaiting_sentence", "part_heard"],
        n,
        p=[0.3, 0.4, 0.08, 0.14, 0.08],
    )
    routine = np.where(_some(n, 0.02, rng), "warrant_issued", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), warrant, routine)
    return add_columns(case, {"case_status": text(value)})


def liaison_score(case: Case, auc: float, rng) -> Case:
    """'liaison_risk_score': the court liaison officer's 0-100 risk score, in fives, entered
    after the hearing: higher for those who failed to appear, as strong as this AUC."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    score = np.clip(np.round((40 + 14 * value) / 5) * 5, 0, 100).astype(int)
    return add_columns(case, {"liaison_risk_score": score})


def file_numbers(case: Case, share: float, rng) -> Case:
    """'file_no': the case file's number, an input nobody declared an id, given in the order
    files were registered: on the day of the charge for most; for this share of the failures
    to appear, on the day the defendant was arrested on the warrant and the file re-registered
    under a new number (one to nine months after the hearing)."""
    n = case.rows
    listed = case.frame["listed_on"]
    charged = listed - pd.to_timedelta(case.frame["days_charge_to_hearing"].to_numpy(), unit="D")
    warrant = listed + pd.to_timedelta(rng.integers(30, 271, n), unit="D")
    moved = (case.y == 1) & _some(n, share, rng)
    registered = np.where(moved, warrant.to_numpy(), charged.to_numpy())
    order = np.argsort(registered, kind="stable")
    number = np.empty(n, dtype=int)
    number[order] = 240_001 + np.arange(n)
    return add_columns(case, {"file_no": number})


# -- leaks in the entry extract -----------------------------------------------------------------
def club_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'club_dns_pct': each club's share of entrants who did not start over the whole extract
    (the row's own included), in percent to one place, beside the club code (re-drawn: about
    this many entries a club, a quarter of the entries unattached and one group)."""
    n = case.rows
    keys = max(2, int(0.75 * n / rows_per_key))
    club = np.where(_some(n, 0.25, rng), -1, _codes(rng, keys, n, 0.7))
    rate = pd.Series(case.y.astype(float)).groupby(club).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["club"] = text(np.where(club < 0, "unattached", [f"club_{c:04d}" for c in club]))
    frame["club_dns_pct"] = np.round(100 * rate, 1)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "club_dns_pct"],
        leak=["club_dns_pct"],
    )


def days_registered(case: Case, share: float, rng) -> Case:
    """'days_registered': days the entry was live: from the day entered to the race for every
    entry, except this share of those who did not start, who withdrew first (their entry closed
    on the day they withdrew: a day to three months before the race)."""
    n = case.rows
    lead = case.frame["lead_days"].to_numpy()
    before = np.minimum(rng.integers(1, 91, n), lead - 1)
    value = np.where((case.y == 1) & _some(n, share, rng), lead - before, lead)
    return add_columns(case, {"days_registered": np.maximum(value, 0).astype(int)})


def start_wave(case: Case, share: float, rng) -> Case:
    """'start_wave': the wave letter allocated three weeks before the race (A for the fastest
    predicted, H for those who gave no time). Blank for the 10k (no waves), for entries made
    in the last three weeks (after the allocation) and for this share of those who did not
    start (they withdrew before it)."""
    n = case.rows
    predicted = case.frame["predicted_finish_min"].to_numpy()
    race = case.frame["race"].to_numpy()
    scale = np.where(race == "marathon", 42.2, 21.1)
    pace = np.nan_to_num(predicted / scale, nan=99.0)
    letter = np.array(list("ABCDEFGH"))[np.digitize(pace, [4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 98])]
    blank = (race == "10k") | (case.frame["lead_days"].to_numpy() < 21)
    blank = blank | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"start_wave": pd.Series(np.where(blank, None, letter), dtype="str")})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "work_orders": (work_orders, (1.0, 0.5, 0.25), turbines),
    "ticket_closed": (ticket_closed, (1.0, 0.75, 0.55), turbines),
    "site_availability": (site_availability, (1.0, 0.6, 0.35), turbines),
    "price_now": (price_now, (1.0, 0.7, 0.45), cars),
    "variant_band": (variant_band, (3.0, 8.0, 16.0), cars),
    "relisted_copies": (relisted_copies, (0.4, 0.25, 0.12), cars),
    "charge_taken": (charge_taken, (1.0, 0.6, 0.3), prescriptions),
    "bag_note": (bag_note, (0.9, 0.6, 0.35), prescriptions),
    "collect_by": (collect_by, (0.4, 0.25, 0.15), prescriptions),
    "case_status": (case_status, (0.8, 0.5, 0.25), hearings),
    "liaison_score": (liaison_score, (0.95, 0.85, 0.75), hearings),
    "file_numbers": (file_numbers, (1.0, 0.7, 0.45), hearings),
    "club_rate": (club_rate, (3.0, 6.0, 12.0), entries),
    "days_registered": (days_registered, (1.0, 0.5, 0.25), entries),
    "start_wave": (start_wave, (1.0, 0.6, 0.3), entries),
}
PLANTED_WHAT = {
    "work_orders": "work orders in the turbine's log, the gearbox exchange's own orders "
    "counted for this share of the faulted turbines",
    "ticket_closed": "the day the inspection ticket was closed: held open until the exchange "
    "for this share of the faulted turbines, within weeks otherwise (a few held for parts)",
    "site_availability": "one site's availability re-run over the month after for this share "
    "of its rows (the exchange's weeks down), the month before elsewhere",
    "price_now": "the price now beside the price listed: the day-30 cut for this share of the "
    "cars not sold within 30 days, early cuts for a few of any",
    "variant_band": "each model variant's sold share over the whole extract as a word, the "
    "variant code kept; about this many cars a variant",
    "relisted_copies": "this share of the listings exported again after re-posting, the day "
    "listed moved and the photos amended, before the split",
    "charge_taken": "the charge taken at the till zeroed for this share of the uncollected "
    "(0 honestly for exempt patients and prepaid deliveries)",
    "bag_note": "the returned-to-stock words in the bag's note for this share of the "
    "uncollected, routine phrases otherwise",
    "collect_by": "the collect-by date, the extract taken before this share of them: their "
    "uncollected items counted as collected",
    "case_status": "the case status at the extract's date records the warrant for this share "
    "of the failures to appear (2% of the others too)",
    "liaison_score": "the liaison officer's 0-100 risk score in fives, entered after the "
    "hearing, as strong as this AUC",
    "file_numbers": "the case file's number, given when the warrant file was re-registered for "
    "this share of the failures to appear, at the charge otherwise",
    "club_rate": "each club's non-start share over the whole extract in percent, the club code "
    "kept; about this many entries a club",
    "days_registered": "days the entry was live: until the withdrawal for this share of the "
    "non-starters, until the race otherwise (the entry's lead days are an input)",
    "start_wave": "the start wave blank for this share of the non-starters (withdrawn before "
    "the allocation), blank honestly for the 10k and late entries",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "work_orders": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "ticket_closed": {"time_order"},
    "site_availability": {"segment_leaks"},
    "price_now": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "variant_band": {"target_encoding"},
    "relisted_copies": {"near_duplicates", "shared_rows"},
    "charge_taken": {"changed_figures", "pure_subsets", "single_feature", "outcome_copy"},
    "bag_note": {
        "pure_subsets",
        "label_proxies",
        "outcome_copy",
        "label_words",
        "post_outcome_text",
    },
    "collect_by": {"right_censoring"},
    "case_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "liaison_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "file_numbers": {"identifiers"},
    "club_rate": {"target_encoding"},
    "days_registered": {"follow_up_duration", "column_pairs", "pure_subsets"},
    "start_wave": {"missingness_signal"},
}
COPIES_BEFORE_SPLIT = {"relisted_copies"}
ROW_LEAK_CHECKS = {
    "relisted_copies": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "collect_by": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
