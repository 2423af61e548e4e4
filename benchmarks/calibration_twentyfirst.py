"""The twentyfirst generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (43,000 and up). Other domains and shapes than
every family before it: a pawnbroker's pledges forfeited (not redeemed by the end of the loan),
a seed merchant's seed lots failing the germination test, a self-storage company's units sold
at a lien sale after unpaid rent, a mountain rescue team's call-outs ending with a helicopter
evacuation and a wedding venue's bookings postponed by the couple — null families of realistic
shapes with the honest confusers consultants meet in such extracts, and leaks planted in a
pledge extract, a seed-lot extract, a storage extract, a call-out extract and a wedding extract
by generators of their own, each graded by three strengths.

The twentieth generation (benchmarks/calibration_twentieth.py) is the kept-aside set of the
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


def _hit(case: Case, share: float, rng) -> np.ndarray:
    """This share of the rows whose outcome is yes."""
    return (case.y == 1) & _some(case.rows, share, rng)


# -- a pawnbroker's pledges ---------------------------------------------------------------------
ITEMS = [
    "gold_ring", "gold_chain", "diamond_ring", "watch", "phone", "laptop", "games_console",
    "power_tools", "musical_instrument",
]  # fmt: skip
ITEM_EFFECT = np.array([-0.6, -0.5, -0.3, 0.0, 0.9, 0.6, 1.0, 0.7, 0.3])
ITEM_VALUE = np.array([280.0, 450.0, 900.0, 600.0, 320.0, 420.0, 180.0, 220.0, 500.0])
SCHEMES = ["standard_6m", "standard_3m", "bridge_28d"]
SHOPS = ["high_street", "market_square", "retail_park", "station_road", "old_town", "docks"]
APPRAISAL_WORDS = [
    "hallmarked", "tested", "acid", "scratches", "light", "wear", "boxed", "charger", "included",
    "screen", "intact", "serial", "checked", "clasp", "worn", "stone", "loose", "working", "order",
    "battery", "good", "minor", "dents", "case", "original", "receipt", "papers", "polished",
]  # fmt: skip


def _pledges(n: int, seed: int):
    """Pledges taken over three years: the ticket, the customer (regulars pledge again and
    again), the shop, the day pledged, the item's kind, its gold purity in carats (blank for
    items with no gold), the appraiser's 1-5 condition grade, the valuation and the loan, the
    monthly interest rate, the scheme, the customer's earlier pledges redeemed and forfeited
    (zero for many), the customer's age, the appraiser's note written at the counter; the
    log-odds of forfeiting and those the rule settles (a 28-day bridge loan is taken by traders
    between two pay days and nearly always redeemed)."""
    rng = np.random.default_rng(seed)
    customers = max(40, int(n / 3))
    customer = _codes(rng, customers, n, 0.6)
    steady = rng.normal(0, 0.8, customers)
    shop = rng.choice(len(SHOPS), n, p=[0.28, 0.2, 0.17, 0.15, 0.12, 0.08])
    item = rng.choice(len(ITEMS), n, p=[0.2, 0.14, 0.08, 0.12, 0.14, 0.1, 0.08, 0.08, 0.06])
    gold = np.isin(item, [0, 1, 2])
    carat = np.where(gold, rng.choice([9.0, 14.0, 18.0, 22.0], n, p=[0.45, 0.2, 0.3, 0.05]), np.nan)
    condition = np.clip(np.round(rng.normal(3.3, 0.9, n)), 1, 5).astype(int)
    valuation = np.round(
        ITEM_VALUE[item] * rng.lognormal(0, 0.5, n) * (1 + 0.1 * (condition - 3)), -1
    ).clip(20)
    loan = np.round(valuation * rng.uniform(0.4, 0.7, n), 0)
    scheme = rng.choice(len(SCHEMES), n, p=[0.6, 0.28, 0.12])
    rate = np.round(np.where(loan > 500, 3.5, 5.5) + 1.5 * (scheme == 2) + rng.normal(0, 0.3, n), 2)
    redeemed = np.where(_some(n, 0.4, rng), 0, rng.poisson(3, n))
    forfeited = np.where(_some(n, 0.8, rng), 0, rng.integers(1, 4, n))
    age = np.clip(np.round(rng.normal(38, 12, n)), 18, 85).astype(int)
    z = (
        ITEM_EFFECT[item]
        - 0.8 * steady[customer]
        - 0.5 * (condition - 3)
        + 0.3 * np.log(loan / 100)
        + 0.08 * (rate - 4.5)
        - 0.2 * np.log1p(redeemed)
        + 0.8 * np.log1p(forfeited)
        - 0.012 * (age - 38)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "ticket_no": _refs(rng, "PT", n),
            "customer": text([f"C{k:06d}" for k in customer]),
            "shop": text(_pick(SHOPS, shop)),
            "pledged_on": _on("2021-02-01", rng.integers(0, 1_095, n)),
            "item_type": text(_pick(ITEMS, item)),
            "gold_carat": carat,
            "condition_1_5": condition,
            "valuation": valuation,
            "loan_amount": loan,
            "interest_pct_month": rate,
            "scheme": text(_pick(SCHEMES, scheme)),
            "earlier_redeemed": redeemed,
            "earlier_forfeited": forfeited,
            "customer_age": age,
            "appraiser_note": text(_prose(rng, [APPRAISAL_WORDS] * n, rng.integers(2, 8, n))),
        }
    )
    return frame, z, scheme == 2, rng


def _forfeit(z, ruled, rng) -> np.ndarray:
    """Forfeited (about 25%); a bridge loan nearly never."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.28, rng))


PLEDGE_INPUTS = ("ticket_no", "customer", "pledged_on")


def pledge_forfeit(n: int, seed: int) -> Case:
    """Forfeited; split in time on the day pledged, the same customers on both sides."""
    frame, z, ruled, rng = _pledges(n, seed)
    feats = [c for c in frame.columns if c not in PLEDGE_INPUTS]
    y = _forfeit(z, ruled, rng)
    return Case(
        "pledge_forfeit", frame, y, "binary", feats, split="time", time="pledged_on",
        ids=["ticket_no"],
    )  # fmt: skip


def customer_forfeit(n: int, seed: int) -> Case:
    """Forfeited; split by customer (a customer's pledges together)."""
    frame, z, ruled, rng = _pledges(n, seed)
    feats = [c for c in frame.columns if c not in PLEDGE_INPUTS]
    y = _forfeit(z, ruled, rng)
    return Case(
        "customer_forfeit", frame, y, "binary", feats, split="group", group="customer",
        ids=["ticket_no"],
    )  # fmt: skip


# -- a seed merchant's seed lots ----------------------------------------------------------------
SPECIES = [
    "tomato", "lettuce", "carrot", "onion", "parsnip", "pepper", "sweet_pea", "sunflower",
    "wildflower_mix",
]  # fmt: skip
SPECIES_EFFECT = np.array([-0.4, 0.0, 0.3, 0.4, 0.9, 0.2, -0.1, -0.5, 0.7])
TREATMENTS = ["raw", "primed", "pelleted", "organic_raw"]
TREATMENT_EFFECT = np.array([0.0, -0.3, 0.2, 0.3])
RECEIPT_WORDS = [
    "sample", "drawn", "from", "sacks", "bulk", "bin", "cleaned", "twice", "chaff", "some",
    "weed", "seed", "noted", "dry", "cool", "store", "bagged", "on", "receipt", "grower",
    "labelled", "bin", "damp", "corner", "husk", "split", "small", "even", "size",
]  # fmt: skip


def _lots(n: int, seed: int):
    """Seed lots tested over three seasons: the lot, the grower (each supplies many lots), the
    day the test was sown, the species, the treatment, the harvest's age in months (capped at the
    36 the stock system keeps), the moisture content, the accelerated-ageing vigour score 1-9
    (blank when the lot was too small to run it), the tetrazolium viability (blank unless asked
    for), the lot's weight, the cleaning passes, the note written at the sample's receipt, the
    merchant's own trial-ground lots; the log-odds of failing the test and those the rule
    settles (a lot grown on the merchant's own trial ground, dried in its own kiln, nearly
    always passes)."""
    rng = np.random.default_rng(seed)
    growers = max(15, int(n / 50))
    grower = _codes(rng, growers, n, 0.7)
    care = rng.normal(0, 0.6, growers)
    species = rng.choice(len(SPECIES), n, p=[0.16, 0.14, 0.13, 0.12, 0.08, 0.1, 0.09, 0.1, 0.08])
    treat = rng.choice(len(TREATMENTS), n, p=[0.5, 0.2, 0.15, 0.15])
    age = np.minimum(rng.gamma(2, 7, n).astype(int) + 2, 36)
    moisture = np.round(rng.normal(7.5, 1.2, n), 1)
    vigour = np.clip(np.round(rng.normal(6 + care[grower] - 0.05 * age, 1.5, n)), 1, 9)
    vigour = np.where(_some(n, 0.2, rng), np.nan, vigour)
    tz = np.round(np.clip(rng.normal(88 + 6 * care[grower] - 0.3 * age, 6, n), 40, 100), 0)
    tz = np.where(_some(n, 0.7, rng), np.nan, tz)
    weight = np.round(rng.lognormal(3.5, 1.1, n), 1)
    passes = rng.choice([1, 2, 3, 4], n, p=[0.45, 0.35, 0.15, 0.05])
    own = _some(n, 0.07, rng)
    z = (
        SPECIES_EFFECT[species]
        + TREATMENT_EFFECT[treat]
        - 0.9 * care[grower]
        + 0.05 * (age - 14)
        + 0.3 * (moisture - 7.5)
        - 0.25 * np.nan_to_num(vigour - 6)
        - 0.04 * np.nan_to_num(tz - 85)
        + 0.1 * (passes - 1)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "lot_no": _refs(rng, "LOT", n),
            "grower": text([f"G{k:03d}" for k in grower]),
            "test_sown_on": _on("2021-08-02", rng.integers(0, 1_000, n)),
            "species": text(_pick(SPECIES, species)),
            "treatment": text(_pick(TREATMENTS, treat)),
            "harvest_age_months": age,
            "moisture_pct": moisture,
            "vigour_1_9": vigour,
            "tz_viability_pct": tz,
            "lot_kg": weight,
            "cleaning_passes": passes,
            "receipt_note": text(_prose(rng, [RECEIPT_WORDS] * n, rng.integers(3, 9, n))),
            "own_trial_ground": _yes(own),
        }
    )
    return frame, z, own, rng


def _failed(z, ruled, rng) -> np.ndarray:
    """Failed the germination test (about 20%); an own-ground lot nearly never."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.22, rng))


LOT_INPUTS = ("lot_no", "grower", "test_sown_on")


def lot_fail(n: int, seed: int) -> Case:
    """Failed; split by grower (a grower's lots together)."""
    frame, z, ruled, rng = _lots(n, seed)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    y = _failed(z, ruled, rng)
    return Case(
        "lot_fail", frame, y, "binary", feats, split="group", group="grower", ids=["lot_no"]
    )


def germination_pct(n: int, seed: int) -> Case:
    """The share of seeds that germinated (a regression, capped at 100, many lots at 95 and
    above); split at random."""
    frame, z, ruled, rng = _lots(n, seed)
    pct = 92 - 7 * z + rng.normal(0, 4, len(z))
    pct = np.where(ruled, np.maximum(pct, 90), pct)
    pct = np.round(np.clip(pct, 0, 100), 0)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    return Case("germination_pct", frame, pct, "regression", feats, split="random", ids=["lot_no"])


# -- a self-storage company's units -------------------------------------------------------------
SITES = ["riverside", "northgate", "airport_road", "canal_wharf", "hillside", "eastfield"]
SITE_EFFECT = np.array([0.0, 0.3, -0.2, 0.2, -0.3, 0.4])
SIZES_SQFT = np.array([10, 25, 50, 75, 100, 150, 200])
SIZE_EFFECT = np.array([0.5, 0.3, 0.1, 0.0, -0.1, -0.2, -0.3])
FOUND_VIA = ["walk_in", "web", "comparison_site", "removal_firm", "student_deal"]
FOUND_EFFECT = np.array([0.0, 0.1, 0.3, -0.2, 0.5])


def _units(n: int, seed: int):
    """Unit accounts at the arrears review over three years: the account, the customer (some rent
    several units, and come back), the site, the review day, the unit's size, climate control,
    how the customer found the site, the months rented (capped at the 120 the system shows),
    the months in arrears at the review (zero for most), the credit band 1-5 given at move-in,
    the insured value (blank for those with their own cover), autopay, the monthly rent, a
    business account with a guarantor; the log-odds of a lien sale and those the rule settles
    (a guaranteed business account is paid by the guarantor before a lien, nearly always)."""
    rng = np.random.default_rng(seed)
    customers = max(40, int(n / 1.5))
    customer = _codes(rng, customers, n, 0.5)
    thrift = rng.normal(0, 0.7, customers)
    site = rng.choice(len(SITES), n, p=[0.22, 0.2, 0.18, 0.15, 0.13, 0.12])
    size = rng.choice(len(SIZES_SQFT), n, p=[0.1, 0.2, 0.25, 0.15, 0.15, 0.1, 0.05])
    climate = _some(n, 0.3, rng)
    found = rng.choice(len(FOUND_VIA), n, p=[0.25, 0.35, 0.2, 0.1, 0.1])
    months = np.minimum(rng.geometric(0.06, n), 120)
    arrears = np.where(_some(n, 0.7, rng), 0, rng.integers(1, 5, n))
    band = np.clip(np.round(rng.normal(3 + thrift[customer], 1.0, n)), 1, 5).astype(int)
    insured = np.round(rng.choice([1_000.0, 2_500.0, 5_000.0, 10_000.0], n), 0)
    insured = np.where(_some(n, 0.35, rng), np.nan, insured)
    autopay = _some(n, 0.55, rng)
    rent = np.round(SIZES_SQFT[size] * rng.uniform(1.4, 1.9, n) * (1 + 0.25 * climate) + 15, 0)
    guaranteed = _some(n, 0.08, rng)
    z = (
        SITE_EFFECT[site]
        + SIZE_EFFECT[size]
        + FOUND_EFFECT[found]
        - 0.7 * thrift[customer]
        - 0.2 * np.log(months)
        + 0.45 * arrears
        - 0.35 * (band - 3)
        - 0.5 * autopay
        + 0.2 * np.isnan(insured)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "account_ref": _refs(rng, "SU", n),
            "customer": text([f"K{k:06d}" for k in customer]),
            "reviewed_on": _on("2021-01-04", rng.integers(0, 1_095, n)),
            "site": text(_pick(SITES, site)),
            "unit_sqft": SIZES_SQFT[size],
            "climate_controlled": _yes(climate),
            "found_via": text(_pick(FOUND_VIA, found)),
            "months_rented": months,
            "months_in_arrears": arrears,
            "credit_band_1_5": band,
            "insured_value": insured,
            "autopay": _yes(autopay),
            "monthly_rent": rent,
            "guaranteed_business": _yes(guaranteed),
        }
    )
    return frame, z, guaranteed, rng


def _lien(z, ruled, rng) -> np.ndarray:
    """A lien sale within 120 days of the review (about 14%); a guaranteed account nearly never."""
    return np.where(ruled & _some(len(z), 0.98, rng), 0, outcome(z, 0.16, rng))


UNIT_INPUTS = ("account_ref", "customer", "reviewed_on")


def unit_lien(n: int, seed: int) -> Case:
    """A lien sale; split in time on the review day, the same customers on both sides."""
    frame, z, ruled, rng = _units(n, seed)
    feats = [c for c in frame.columns if c not in UNIT_INPUTS]
    y = _lien(z, ruled, rng)
    return Case(
        "unit_lien", frame, y, "binary", feats, split="time", time="reviewed_on",
        ids=["account_ref"],
    )  # fmt: skip


def site_lien(n: int, seed: int) -> Case:
    """A lien sale; split by site (six sites, a site's units together), the site not an input."""
    frame, z, ruled, rng = _units(n, seed)
    feats = [c for c in frame.columns if c not in (*UNIT_INPUTS, "site")]
    y = _lien(z, ruled, rng)
    return Case(
        "site_lien", frame, y, "binary", feats, split="group", group="site", ids=["account_ref"]
    )


# -- a mountain rescue team's call-outs ---------------------------------------------------------
TERRAIN = ["crag", "ridge", "gully", "moorland", "forest_track", "river_gorge", "summit_plateau"]
TERRAIN_EFFECT = np.array([0.6, 0.4, 0.5, -0.3, -0.8, 0.3, 0.2])
ACTIVITIES = ["hillwalking", "climbing", "scrambling", "mountain_biking", "trail_running"]
ACTIVITY_EFFECT = np.array([0.0, 0.4, 0.3, 0.2, -0.2])
INJURIES = ["lower_leg", "upper_body", "head", "spinal_suspected", "medical", "lost", "exhausted"]
INJURY_EFFECT = np.array([0.3, -0.2, 0.8, 0.0, 0.5, -2.5, -1.5])
CALLER_WORDS = [
    "fallen", "path", "can't", "walk", "ankle", "cold", "wet", "dark", "soon", "party", "of",
    "four", "near", "cairn", "phone", "battery", "low", "bleeding", "knee", "mist", "down",
    "steep", "ground", "lost", "way", "shaking", "dizzy", "friend", "stayed",
]  # fmt: skip


def _callouts(n: int, seed: int):
    """Call-outs over three years: the incident, the team's sector, the minute the team was
    paged, the terrain, the casualty's activity, the injury the caller reported (a suspected
    spinal injury is a rule of its own), the caller's 0-10 pain score (blank when nobody is hurt),
    the casualties, the height (capped at the range's summit, 1,085 m), the km from the nearest
    road (zero at roadside crags), the wind at the nearest station, dark at the page, the cloud
    base (the station reports 1,500 m for anything higher), the caller's words as the control
    typed them; the log-odds of a helicopter evacuation and those the rule settles."""
    rng = np.random.default_rng(seed)
    sectors = 7
    sector = _codes(rng, sectors, n, 0.4)
    remote = rng.normal(0, 0.4, sectors)
    terrain = rng.choice(len(TERRAIN), n, p=[0.14, 0.16, 0.1, 0.22, 0.16, 0.08, 0.14])
    activity = rng.choice(len(ACTIVITIES), n, p=[0.55, 0.12, 0.13, 0.1, 0.1])
    injury = rng.choice(len(INJURIES), n, p=[0.32, 0.12, 0.07, 0.05, 0.12, 0.18, 0.14])
    unhurt = np.isin(injury, [5, 6])
    pain = np.clip(np.round(rng.normal(5.5, 2.2, n)), 0, 10)
    pain = np.where(unhurt, np.nan, pain)
    casualties = np.where(_some(n, 0.85, rng), 1, rng.integers(2, 5, n))
    height = np.minimum(np.round(rng.gamma(5, 130, n), -1), 1_085)
    km = np.where((terrain == 0) & _some(n, 0.5, rng), 0.0, np.round(rng.gamma(2, 1.6, n), 1))
    wind = np.round(rng.gamma(3, 6, n), 0)
    dark = _some(n, 0.35, rng)
    cloud = np.minimum(np.round(rng.gamma(3, 350, n), -1), 1_500)
    z = (
        TERRAIN_EFFECT[terrain]
        + ACTIVITY_EFFECT[activity]
        + INJURY_EFFECT[injury]
        + remote[sector]
        + 0.12 * np.nan_to_num(pain - 5.5)
        + 0.3 * (casualties > 1)
        + 0.0012 * (height - 600)
        + 0.2 * km
        - 0.04 * (wind - 18)
        - 0.5 * dark
        + 0.0006 * (cloud - 1_000)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "incident_no": _refs(rng, "MR", n),
            "sector": text([f"sector_{k}" for k in sector]),
            "paged_at": _on("2021-03-01", rng.integers(0, 1_095 * 1_440, n), "min"),
            "terrain": text(_pick(TERRAIN, terrain)),
            "activity": text(_pick(ACTIVITIES, activity)),
            "reported_injury": text(_pick(INJURIES, injury)),
            "caller_pain_0_10": pain,
            "casualties": casualties,
            "height_m": height,
            "km_from_road": km,
            "wind_mph": wind,
            "dark_at_page": _yes(dark),
            "cloud_base_m": cloud,
            "caller_words": text(_prose(rng, [CALLER_WORDS] * n, rng.integers(3, 10, n))),
        }
    )
    return frame, z, injury == 3, rng


def _airlifted(z, ruled, rng) -> np.ndarray:
    """Evacuated by helicopter (about 25%); 92% of the suspected spinal injuries."""
    return _ruled(outcome(z, 0.24, rng), ruled, 0.92, rng)


CALLOUT_INPUTS = ("incident_no", "sector", "paged_at")


def callout_airlift(n: int, seed: int) -> Case:
    """Evacuated by helicopter; split stratified, the minute paged declared."""
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    y = _airlifted(z, ruled, rng)
    return Case("callout_airlift", frame, y, "binary", feats, time="paged_at", ids=["incident_no"])


def callout_airlift_later(n: int, seed: int) -> Case:
    """Evacuated by helicopter; split in time on the minute paged."""
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    y = _airlifted(z, ruled, rng)
    return Case(
        "callout_airlift_later", frame, y, "binary", feats, split="time", time="paged_at",
        ids=["incident_no"],
    )  # fmt: skip


# -- a wedding venue's bookings -----------------------------------------------------------------
PACKAGES = ["ceremony_only", "day", "day_and_evening", "weekend_exclusive"]
PACKAGE_EFFECT = np.array([0.2, 0.0, -0.1, -0.4])
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY_EFFECT = np.array([0.3, 0.3, 0.2, 0.1, 0.0, -0.2, 0.1])
ENQUIRY_WORDS = [
    "we", "love", "the", "barn", "garden", "ceremony", "outdoors", "if", "dry", "small",
    "intimate", "big", "family", "evening", "band", "dog", "allowed", "vegan", "menu", "abroad",
    "guests", "flying", "in", "budget", "flexible", "date", "summer", "late", "afternoon",
]  # fmt: skip


def _weddings(n: int, seed: int):
    """Bookings taken over three years: the booking, the coordinator who sold it, the day
    booked, the package, the weekday, the months ahead (capped at the 24 the diary opens), the
    guests expected, the deposit paid, the coordinator's 1-5 note of the show-round, the
    overseas guests expected (zero for most), wedding insurance, the dietary requests (blank for
    many), the couple's enquiry as they typed it, a date already moved once; the log-odds of
    postponing and those the rule settles (a date moved once cannot be moved again under the
    contract, so nearly never is)."""
    rng = np.random.default_rng(seed)
    coordinators = max(8, int(n / 120))
    coordinator = _codes(rng, coordinators, n, 0.6)
    pitch = rng.normal(0, 0.4, coordinators)
    package = rng.choice(len(PACKAGES), n, p=[0.12, 0.3, 0.45, 0.13])
    day = rng.choice(7, n, p=[0.04, 0.04, 0.06, 0.1, 0.24, 0.42, 0.1])
    ahead = np.minimum(rng.gamma(3, 4, n).astype(int) + 1, 24)
    guests = np.clip(np.round(rng.normal(85 + 30 * (package >= 2), 30, n)), 12, 220).astype(int)
    deposit = rng.choice([500, 1_000, 1_500, 2_500], n, p=[0.3, 0.4, 0.2, 0.1])
    showround = np.clip(np.round(rng.normal(3.6, 0.9, n)), 1, 5).astype(int)
    overseas = np.where(_some(n, 0.75, rng), 0, rng.integers(1, 40, n))
    insured = _some(n, 0.3, rng)
    dietary = np.where(_some(n, 0.55, rng), np.nan, rng.integers(1, 15, n).astype(float))
    moved = _some(n, 0.07, rng)
    z = (
        PACKAGE_EFFECT[package]
        + DAY_EFFECT[day]
        + pitch[coordinator]
        + 0.06 * (ahead - 12)
        - 0.003 * (guests - 100)
        - 0.0004 * (deposit - 1_000)
        - 0.6 * (showround - 3.6)
        + 0.45 * np.log1p(overseas)
        - 0.3 * insured
        + rng.normal(0, 0.55, n)
    )
    frame = pd.DataFrame(
        {
            "booking_ref": _refs(rng, "WV", n),
            "coordinator": text([f"coord_{k:02d}" for k in coordinator]),
            "booked_on": _on("2021-06-01", rng.integers(0, 1_095, n)),
            "package": text(_pick(PACKAGES, package)),
            "weekday": text(_pick(WEEKDAYS, day)),
            "months_ahead": ahead,
            "guests_expected": guests,
            "deposit_paid": deposit,
            "showround_1_5": showround,
            "overseas_guests": overseas,
            "wedding_insurance": _yes(insured),
            "dietary_requests": dietary,
            "enquiry_text": text(_prose(rng, [ENQUIRY_WORDS] * n, rng.integers(4, 12, n))),
            "date_moved_before": _yes(moved),
        }
    )
    return frame, z, moved, rng


def _postponed(z, ruled, rng) -> np.ndarray:
    """Postponed by the couple (about 18%); nearly never a date moved once already."""
    return np.where(ruled & _some(len(z), 0.97, rng), 0, outcome(z, 0.2, rng))


WEDDING_INPUTS = ("booking_ref", "coordinator", "booked_on")


def wedding_postponed(n: int, seed: int) -> Case:
    """Postponed; split in time on the day booked."""
    frame, z, ruled, rng = _weddings(n, seed)
    feats = [c for c in frame.columns if c not in WEDDING_INPUTS]
    y = _postponed(z, ruled, rng)
    return Case(
        "wedding_postponed", frame, y, "binary", feats, split="time", time="booked_on",
        ids=["booking_ref"],
    )  # fmt: skip


def coordinator_postponed(n: int, seed: int) -> Case:
    """Postponed; split by coordinator (a coordinator's bookings together)."""
    frame, z, ruled, rng = _weddings(n, seed)
    feats = [c for c in frame.columns if c not in WEDDING_INPUTS]
    y = _postponed(z, ruled, rng)
    return Case(
        "coordinator_postponed", frame, y, "binary", feats, split="group", group="coordinator",
        ids=["booking_ref"],
    )  # fmt: skip


NULL_FAMILIES = {
    "pledge_forfeit": pledge_forfeit,
    "customer_forfeit": customer_forfeit,
    "lot_fail": lot_fail,
    "germination_pct": germination_pct,
    "unit_lien": unit_lien,
    "site_lien": site_lien,
    "callout_airlift": callout_airlift,
    "callout_airlift_later": callout_airlift_later,
    "wedding_postponed": wedding_postponed,
    "coordinator_postponed": coordinator_postponed,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 43) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"lot_fail": 1_200, "site_lien": 1_200, "coordinator_postponed": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def pledges(n: int, seed: int) -> Case:
    """Pledges forfeited, split stratified, the day pledged declared."""
    frame, z, ruled, rng = _pledges(n, seed)
    feats = [c for c in frame.columns if c not in PLEDGE_INPUTS]
    y = _forfeit(z, ruled, rng)
    return Case("pawn_pledges", frame, y, "binary", feats, time="pledged_on", ids=["ticket_no"])


def lots(n: int, seed: int) -> Case:
    """Seed lots failing the test, split stratified, the day sown declared."""
    frame, z, ruled, rng = _lots(n, seed)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    y = _failed(z, ruled, rng)
    return Case("seed_lots", frame, y, "binary", feats, time="test_sown_on", ids=["lot_no"])


def units(n: int, seed: int) -> Case:
    """Storage units sold at a lien sale, split stratified, the review day declared."""
    frame, z, ruled, rng = _units(n, seed)
    feats = [c for c in frame.columns if c not in UNIT_INPUTS]
    y = _lien(z, ruled, rng)
    return Case("storage_units", frame, y, "binary", feats, time="reviewed_on", ids=["account_ref"])


def callouts(n: int, seed: int) -> Case:
    """Call-outs ending with a helicopter, split stratified, the minute paged declared."""
    frame, z, ruled, rng = _callouts(n, seed)
    feats = [c for c in frame.columns if c not in CALLOUT_INPUTS]
    y = _airlifted(z, ruled, rng)
    return Case("rescue_callouts", frame, y, "binary", feats, time="paged_at", ids=["incident_no"])


def weddings(n: int, seed: int) -> Case:
    """Wedding bookings postponed, split stratified, the day booked declared."""
    frame, z, ruled, rng = _weddings(n, seed)
    feats = [c for c in frame.columns if c not in WEDDING_INPUTS]
    y = _postponed(z, ruled, rng)
    return Case(
        "wedding_bookings", frame, y, "binary", feats, time="booked_on", ids=["booking_ref"]
    )


# -- leaks in the pledge extract ----------------------------------------------------------------
def item_location(case: Case, share: float, rng) -> Case:
    """'item_location' at the extract's date: 'vault' for most items, 'repair_bench' for 5% and
    'awaiting_collection' for 8%; 'sales_floor' or 'sent_to_auction' for this share of the
    forfeited pledges."""
    n = case.rows
    honest = np.where(
        _some(n, 0.05, rng),
        "repair_bench",
        np.where(_some(n, 0.08, rng), "awaiting_collection", "vault"),
    )
    after = np.where(_some(n, 0.55, rng), "sales_floor", "sent_to_auction")
    return add_columns(
        case, {"item_location": text(np.where(_hit(case, share, rng), after, honest))}
    )


def balance_owed(case: Case, share: float, rng) -> Case:
    """'balance_owed' beside the loan: what the customer owed at the extract, between nothing
    and the loan plus 12% for most (part-payments and interest); for this share of the forfeited
    pledges the loan plus the whole term's interest and the sale fee, 18% to 35% above it.
    Neither figure alone is unusual."""
    n = case.rows
    loan = case.frame["loan_amount"].to_numpy()
    factor = np.where(_hit(case, share, rng), rng.uniform(1.18, 1.35, n), rng.uniform(0, 1.12, n))
    return add_columns(
        case,
        {"loan_principal": loan, "balance_owed": np.round(loan * factor, 2)},
        leak=["loan_principal", "balance_owed"],
    )


def restocked_copies(case: Case, share: float, rng) -> Case:
    """This share of the forfeited pledges exported a second time by the retail stock system
    (the forfeited item entered as stock with the pledge's fields), under a new ticket number
    and with the valuation replaced by the shop's price; the extract shuffled, so a pair can fall
    on both sides of the split."""
    twice = np.flatnonzero(_hit(case, share, rng))
    copies = case.frame.iloc[twice].copy()
    copies["ticket_no"] = _refs(rng, "ST", len(twice)).to_numpy()
    copies["valuation"] = np.round(
        copies["valuation"].to_numpy() * rng.uniform(1.1, 1.5, len(twice)), -1
    )
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


# -- leaks in the seed-lot extract --------------------------------------------------------------
def days_to_result(case: Case, share: float, rng) -> Case:
    """'days_to_result': days from sowing the test to the signed result, the species' test
    length (7 to 28 days) and up to 4 for the lab's queue for most; for this share of the lots
    that failed, 14 to 35 more (the retest the rules ask for before a fail is signed)."""
    n = case.rows
    length = case.frame["species"].map(
        {"lettuce": 7, "tomato": 14, "pepper": 14, "sunflower": 10, "sweet_pea": 8,
         "onion": 12, "carrot": 14, "parsnip": 28, "wildflower_mix": 21}
    ).to_numpy()  # fmt: skip
    extra = np.where(_hit(case, share, rng), rng.integers(14, 36, n), 0)
    return add_columns(case, {"days_to_result": length + rng.integers(0, 5, n) + extra})


LAB_LINES = [
    "counts taken at first and final count",
    "normal seedlings only counted",
    "abnormal seedlings noted",
    "sand substrate used",
    "paper substrate used",
    "prechill applied",
    "light given eight hours",
]
FAIL_TAILS = [
    "lot withdrawn from sale",
    "grower informed and lot quarantined",
    "relabelled for bird seed",
    "credit note raised to grower",
]


def lab_remarks(case: Case, share: float, rng) -> Case:
    """'lab_remarks': one or two of the analyst's usual lines; for this share of the lots that
    failed, the line written when the fail was acted on added at the end."""
    n = case.rows
    first = _pick(LAB_LINES, rng.integers(0, len(LAB_LINES), n))
    second = _pick(LAB_LINES, rng.integers(0, len(LAB_LINES), n))
    lines = np.where(_some(n, 0.5, rng), first + ", " + second, first)
    tails = _pick(FAIL_TAILS, rng.integers(0, len(FAIL_TAILS), n))
    value = np.where(_hit(case, share, rng), lines + ", " + tails, lines)
    return add_columns(case, {"lab_remarks": text(value)})


def grower_history(case: Case, rows_per_key: float, rng) -> Case:
    """'supplier_code' kept among the inputs beside 'supplier_fail_rate': the supplier's share of
    failed lots over the whole extract, the row's own lot left out (leave-one-out, as a data
    scientist's pipeline computed it), rounded to three places; about this many lots per
    supplier code."""
    keys = max(2, int(case.rows / rows_per_key))
    code = _codes(rng, keys, case.rows, 0.5)
    y = pd.Series(case.y.astype(float))
    total = y.groupby(code).transform("sum").to_numpy()
    count = y.groupby(code).transform("count").to_numpy()
    rate = np.where(count > 1, (total - case.y) / np.maximum(count - 1, 1), np.nan)
    frame = case.frame.copy()
    frame["supplier_code"] = text([f"SP{k:04d}" for k in code])
    frame["supplier_fail_rate"] = np.round(rate, 3)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "supplier_code", "supplier_fail_rate"],
        leak=["supplier_fail_rate"],
    )


# -- leaks in the storage extract ---------------------------------------------------------------
def gate_entries(case: Case, share: float, rng) -> Case:
    """'gate_entries_90d': the customer's gate-code entries in the 90 days after the review, zero
    for the 40% who never came and 1 to 30 otherwise; zero for this share of the units sold at a
    lien sale (the code was blocked when the lien began)."""
    n = case.rows
    honest = np.where(_some(n, 0.4, rng), 0, rng.geometric(0.12, n).clip(1, 30))
    return add_columns(case, {"gate_entries_90d": np.where(_hit(case, share, rng), 0, honest)})


def ledger_numbers(case: Case, share: float, rng) -> Case:
    """'ledger_no' kept as an input: the accounts ledger's number, given in the order of the
    review day; for this share of the units sold at a lien sale the ledger reopened at the sale
    and numbered after every other, in the order of the sales."""
    n = case.rows
    moved = _hit(case, share, rng)
    order = np.lexsort((case.frame["reviewed_on"].to_numpy(), moved))
    number = np.empty(n, dtype=np.int64)
    number[order] = 51_000 + np.arange(n) * 2 + rng.integers(0, 2, n)
    return add_columns(case, {"ledger_no": number})


def site_payment(case: Case, share: float, rng) -> Case:
    """'last_payment_method': card, direct debit, cash or bank transfer; at the northgate site
    only (whose manager posts the sale's proceeds as a payment) 'lien_proceeds' for this share
    of its units sold at a lien sale."""
    n = case.rows
    honest = rng.choice(
        ["card", "direct_debit", "cash", "bank_transfer"], n, p=[0.4, 0.35, 0.1, 0.15]
    )
    one = (case.frame["site"] == "northgate").to_numpy()
    value = np.where(one & _hit(case, share, rng), "lien_proceeds", honest)
    return add_columns(case, {"last_payment_method": text(value)})


# -- leaks in the call-out extract --------------------------------------------------------------
def report_severity(case: Case, share: float, rng) -> Case:
    """'casualty_severity_1_5': the team leader's severity grade in the incident report written
    after the call-out, from the casualty's state as found; 4 or 5 for this share of those
    evacuated by helicopter (the grade written to justify the aircraft)."""
    n = case.rows
    honest = np.clip(np.round(rng.normal(2.6, 1.0, n)), 1, 5)
    value = np.where(_hit(case, share, rng), rng.integers(4, 6, n), honest).astype(int)
    return add_columns(case, {"casualty_severity_1_5": value})


def minutes_deployed(case: Case, share: float, rng) -> Case:
    """'minutes_deployed': from the page to the team's stand-down, 90 to 600 (capped at 600, the
    control's log closes a long shout at ten hours) for most; for this share of those evacuated,
    the stand-down soon after the aircraft left, 35 to 120 minutes."""
    n = case.rows
    honest = np.minimum(np.round(90 + rng.gamma(2.5, 70, n)), 600)
    value = np.where(_hit(case, share, rng), rng.integers(35, 121, n), honest).astype(int)
    return add_columns(case, {"minutes_deployed": value})


def agencies_logged(case: Case, share: float, rng) -> Case:
    """'agencies_logged': the other services in the incident log, the police always and an
    ambulance for some (1 or 2), a third for 10% (the coastguard at a river gorge, a landowner);
    2 more for this share of those evacuated (the aircraft's cell and the receiving hospital)."""
    n = case.rows
    honest = 1 + _some(n, 0.45, rng) + _some(n, 0.1, rng)
    return add_columns(case, {"agencies_logged": honest + 2 * _hit(case, share, rng)})


# -- leaks in the wedding extract ---------------------------------------------------------------
def contract_dates(case: Case, share: float, rng) -> Case:
    """'final_numbers_due' and 'contract_amended_on': the final numbers due six weeks before the
    wedding and the contract last amended 0 to 40 days around that (the final numbers) for most;
    for this share of the postponed weddings, amended 4 to 12 months before the final numbers
    were due (the new date written in). Neither date alone is unusual."""
    n = case.rows
    wedding = case.frame["booked_on"] + pd.to_timedelta(
        case.frame["months_ahead"].to_numpy() * 30 + rng.integers(0, 30, n), unit="D"
    )
    due = wedding - pd.Timedelta(days=42)
    hit = _hit(case, share, rng)
    back = np.where(hit, rng.integers(120, 366, n), rng.integers(-10, 31, n))
    amended = due - pd.to_timedelta(back, unit="D")
    amended = amended.where(amended > case.frame["booked_on"], case.frame["booked_on"])
    return add_columns(case, {"final_numbers_due": due, "contract_amended_on": amended})


WEDDING_EXTRACT_AT = pd.Timestamp("2024-05-31")


def late_bookings(case: Case, share: float, rng) -> Case:
    """Postponements counted up to the extract's day (31 May 2024), the couple asking 20 to 540
    days after booking: this share of the bookings taken in the extract's last 16 months, a
    postponement still to come counted as none. The day booked moved accordingly, and the
    booking's quarter number an input."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(0, 480, n), rng.integers(480, 1_095, n))
    booked = pd.Series(WEDDING_EXTRACT_AT - pd.to_timedelta(back, unit="D"), index=case.frame.index)
    asked_after = rng.integers(20, 541, n)
    y = np.where((case.y == 1) & (asked_after > back), 0, case.y)
    frame = case.frame.copy()
    frame["booked_on"] = booked
    frame["booking_quarter"] = (booked.dt.year - 2021) * 4 + (booked.dt.month - 1) // 3
    return replace(
        case,
        frame=frame,
        y=y,
        features=[*case.features, "booking_quarter"],
        leak=["booking_quarter"],
    )


def final_guests(case: Case, share: float, rng) -> Case:
    """'final_guest_count': the numbers the couple confirmed, blank for the 30% whose deadline
    had not come by the extract and within 15% of the guests expected otherwise; blank for this
    share of the postponed weddings (the numbers never came for the old date)."""
    n = case.rows
    expected = case.frame["guests_expected"].to_numpy()
    honest = np.round(expected * rng.uniform(0.85, 1.1, n)).astype(float)
    honest = np.where(_some(n, 0.3, rng), np.nan, honest)
    return add_columns(
        case, {"final_guest_count": np.where(_hit(case, share, rng), np.nan, honest)}
    )


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "item_location": (item_location, (0.8, 0.4, 0.15), pledges),
    "balance_owed": (balance_owed, (1.0, 0.6, 0.3), pledges),
    "restocked_copies": (restocked_copies, (0.6, 0.3, 0.15), pledges),
    "days_to_result": (days_to_result, (1.0, 0.6, 0.3), lots),
    "lab_remarks": (lab_remarks, (0.8, 0.4, 0.15), lots),
    "grower_history": (grower_history, (30.0, 12.0, 6.0), lots),
    "gate_entries": (gate_entries, (1.0, 0.75, 0.5), units),
    "ledger_numbers": (ledger_numbers, (0.6, 0.35, 0.2), units),
    "site_payment": (site_payment, (1.0, 0.7, 0.45), units),
    "report_severity": (report_severity, (1.0, 0.6, 0.3), callouts),
    "minutes_deployed": (minutes_deployed, (1.0, 0.6, 0.3), callouts),
    "agencies_logged": (agencies_logged, (1.0, 0.6, 0.3), callouts),
    "contract_dates": (contract_dates, (1.0, 0.8, 0.6), weddings),
    "late_bookings": (late_bookings, (0.9, 0.6, 0.3), weddings),
    "final_guests": (final_guests, (1.0, 0.7, 0.4), weddings),
}
PLANTED_WHAT = {
    "item_location": "the item's location at the extract's date, on the sales floor or sent to "
    "auction only for this share of the forfeited pledges",
    "balance_owed": "the loan beside the balance owed, above the loan plus 18% for this share of "
    "the forfeited pledges (a leak across two figures)",
    "restocked_copies": "this share of the forfeited pledges exported a second time as stock, a "
    "new ticket and the valuation amended, before the split",
    "days_to_result": "days from sowing to the signed result, a retest added for this share of "
    "the lots that failed",
    "lab_remarks": "the analyst's remarks with the line written when the fail was acted on at "
    "the end for this share of the failed lots",
    "grower_history": "each supplier code's failed share over the whole extract, the row's own "
    "left out, the code kept; about this many lots per code",
    "gate_entries": "gate entries in the 90 days after the review, zeroed for this share of the "
    "units sold at a lien sale, among honest zeros",
    "ledger_numbers": "a ledger number kept as an input, this share of the lien sales numbered "
    "after every other",
    "site_payment": "the last payment method, a lien's proceeds at one site only for this share "
    "of its units sold, among honest levels",
    "report_severity": "the team leader's 1-5 severity grade written after the call-out, 4 or 5 "
    "for this share of those evacuated by helicopter",
    "minutes_deployed": "minutes from the page to the stand-down, ended soon after the aircraft "
    "left for this share of those evacuated",
    "agencies_logged": "the other services in the incident log, the aircraft's and the "
    "hospital's counted for this share of those evacuated",
    "contract_dates": "the final numbers' due day beside the contract's last amendment, months "
    "before it for this share of the postponed weddings (a leak across two dates)",
    "late_bookings": "this share of the bookings taken in the extract's last 16 months, "
    "postponements still to come counted as none (right-censored); a quarter number an input",
    "final_guests": "the final guest count blanked for this share of the postponed weddings, "
    "among honest blanks",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "item_location": {"pure_subsets", "label_proxies", "outcome_copy"},
    "balance_owed": {"column_pairs"},
    "restocked_copies": {"shared_rows", "near_duplicates"},
    "days_to_result": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "lab_remarks": {"label_words", "post_outcome_text", "pure_subsets", "label_proxies"},
    "grower_history": {"target_encoding", "single_feature"},
    "gate_entries": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "ledger_numbers": {"identifiers", "single_feature", "pure_subsets"},
    "site_payment": {"segment_leaks", "pure_subsets", "label_proxies"},
    "report_severity": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "minutes_deployed": {"follow_up_duration", "single_feature", "pure_subsets"},
    "agencies_logged": {"changed_figures", "outcome_copy", "single_feature", "pure_subsets"},
    "contract_dates": {"time_order", "column_pairs"},
    "late_bookings": {"right_censoring"},
    "final_guests": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"restocked_copies"}
ROW_LEAK_CHECKS = {
    "restocked_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added column)
    "late_bookings": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
