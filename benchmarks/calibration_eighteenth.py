"""The eighteenth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (37,000 and up). Other domains and shapes than
every family before it: a fine-art auction house's lots left unsold (bought in), a city
council's parking penalty notices cancelled on appeal, a housebuilder's new homes failing the
pre-handover inspection with a serious defect, a 3D-printing bureau's print jobs failing during
the build and a professional rugby club's match appearances ending with an injury — null
families of realistic shapes with the honest confusers consultants meet in such extracts, and
leaks planted in a lot extract, a notice extract, a home extract, a print-job extract and an
appearance extract by generators of their own, each graded by three strengths.

The seventeenth generation (benchmarks/calibration_seventeenth.py) is the kept-aside set of the
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


# -- a fine-art auction house's lots ------------------------------------------------------------
DEPARTMENTS = ["old_masters", "modern", "furniture", "jewellery", "watches", "wine", "books"]
DEPT_SHARES = [0.12, 0.18, 0.16, 0.16, 0.12, 0.14, 0.12]
DEPT_EFFECT = np.array([0.4, 0.1, 0.5, -0.2, -0.4, -0.5, 0.2])
SALE_TYPES = ["evening_live", "day_live", "online_timed"]
PROVENANCE_WORDS = [
    "private",
    "collection",
    "by",
    "descent",
    "acquired",
    "from",
    "the",
    "artist",
    "estate",
    "exhibited",
    "literature",
    "gallery",
]


def _lots(n: int, seed: int):
    """Lots offered over three years: a lot number, the consignor (dealers and estates consign
    again and again: their columns repeat), the sale's start, the department, the sale type,
    the day the catalogue went online (three to four weeks before the sale), the low estimate
    and the high estimate (half as much again, rounded as the catalogue rounds), the reserve as a percentage of the low estimate (100 at most: the house's rule),
    the specialist's 1-5 condition grade, the catalogue's illustration, the lot's position in
    the sale, times offered before (zero for most), online watchers a week before the sale
    (zero for many), the provenance line written for the catalogue and a third-party
    guarantee; the log-odds of a lot bought in and those the rule settles (a guaranteed lot is
    always sold, to the guarantor at the least)."""
    rng = np.random.default_rng(seed)
    people = max(30, int(n / 6))
    consignor = _codes(rng, people, n, 1.2)
    greed = rng.normal(0, 0.6, people)
    dept = rng.choice(len(DEPARTMENTS), n, p=DEPT_SHARES)
    sale_type = rng.choice(3, n, p=[0.15, 0.45, 0.4])
    low = np.round(np.exp(rng.normal(7.5 + 1.2 * (sale_type == 0), 1.1, n)), -1).clip(100)
    high = np.round(low * 1.5, -1)
    reserve = np.minimum(np.round(rng.normal(80 + 10 * greed[consignor], 10, n)), 100)
    condition = np.clip(np.round(rng.normal(3.6, 0.9, n)), 1, 5).astype(int)
    illustrated = _some(n, 0.3 + 0.5 * (sale_type == 0), rng)
    position = rng.integers(1, 400, n)
    offered = np.where(_some(n, 0.85, rng), 0, rng.integers(1, 4, n))
    watchers = np.where(_some(n, 0.3, rng), 0, rng.negative_binomial(2, 0.12, n))
    guaranteed = (sale_type == 0) & _some(n, 0.25, rng)
    sale = _on("2022-01-10", rng.integers(0, 156, n) * 7 * 1_440 + 10 * 60 + 60 * sale_type, "min")
    published = rng.integers(21, 29, n)
    z = (
        DEPT_EFFECT[dept]
        + 0.04 * (reserve - 80)
        + 0.6 * greed[consignor]
        - 0.35 * (condition - 3)
        - 0.3 * illustrated
        + 0.0015 * position
        + 0.5 * np.log1p(offered)
        - 0.35 * np.log1p(watchers)
        + 0.2 * (sale_type == 2)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "lot_no": _refs(rng, "LOT", n),
            "consignor": text([f"CN{k:05d}" for k in consignor]),
            "sale_starts_at": sale,
            "department": text(_pick(DEPARTMENTS, dept)),
            "sale_type": text(_pick(SALE_TYPES, sale_type)),
            "catalogue_online_on": sale.normalize() - pd.to_timedelta(published, unit="D"),
            "low_estimate": low,
            "high_estimate": high,
            "reserve_pct_of_low": reserve,
            "condition_1_5": condition,
            "illustrated": _yes(illustrated),
            "lot_position": position,
            "times_offered_before": offered,
            "online_watchers": watchers,
            "provenance": text(_prose(rng, [PROVENANCE_WORDS] * n, rng.integers(3, 8, n))),
            "guaranteed": _yes(guaranteed),
        }
    )
    return frame, z, guaranteed, rng


def _bought_in(z, guaranteed, rng) -> np.ndarray:
    """Bought in, unsold (about 26%); never when guaranteed."""
    return np.where(guaranteed, 0, outcome(z, 0.29, rng))


LOT_INPUTS = ("lot_no", "consignor", "sale_starts_at")


def lot_bought_in(n: int, seed: int) -> Case:
    """Bought in; split in time on the sale's start, the same consignors on both sides."""
    frame, z, guaranteed, rng = _lots(n, seed)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    return Case(
        "lot_bought_in",
        frame,
        _bought_in(z, guaranteed, rng),
        "binary",
        feats,
        split="time",
        time="sale_starts_at",
        ids=["lot_no"],
    )


def consignor_bought_in(n: int, seed: int) -> Case:
    """Bought in; split by consignor (a consignor's lots together)."""
    frame, z, guaranteed, rng = _lots(n, seed)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    return Case(
        "consignor_bought_in",
        frame,
        _bought_in(z, guaranteed, rng),
        "binary",
        feats,
        split="group",
        group="consignor",
        ids=["lot_no"],
    )


# -- a city council's parking penalty notices under appeal --------------------------------------
CONTRAVENTIONS = ["01", "02", "12", "16", "21", "30", "40", "47", "62", "99"]
CONTRA_SHARES = [0.2, 0.08, 0.2, 0.1, 0.05, 0.12, 0.07, 0.04, 0.1, 0.04]
CONTRA_EFFECT = np.array([0.0, 0.3, -0.2, 0.1, 0.5, 0.2, 0.6, -0.3, 0.4, -0.5])
INSTANT = np.array([False, True, False, False, True, False, True, True, False, True])
ZONES = ["city_centre", "university", "hospital", "seafront", "north_residents", "retail_park"]
GROUNDS = [
    "i",
    "was",
    "loading",
    "the",
    "sign",
    "unclear",
    "machine",
    "not",
    "working",
    "permit",
    "displayed",
    "only",
    "minutes",
    "bay",
    "markings",
    "faded",
    "visitor",
]


def _notices(n: int, seed: int):
    """Penalty notices appealed over two years: the notice number, the vehicle (a few vans and
    commuters are ticketed again and again), the minute issued, the civil enforcement officer,
    the contravention code as the national list writes it, the zone, the higher or lower
    charge, the minutes observed before issue (zero for the instant contraventions), photos
    taken, days from issue to the appeal (28 at most: the window), a blue badge noted by the
    officer, the pay machine's fault log that day, the bay signage's 1-5 audit grade of the
    last survey, the vehicle's earlier notices (zero for most) and the motorist's grounds as
    written on the form; the log-odds of a cancellation and those the rule settles (a blue
    badge holder with the badge on the floor, photographed, is cancelled as policy)."""
    rng = np.random.default_rng(seed)
    cars = max(40, int(n / 1.3))
    vehicle = _codes(rng, cars, n, 1.0)
    officers = max(8, int(n / 120))
    officer = _codes(rng, officers, n, 0.5)
    lenient = rng.normal(0, 0.4, officers)
    code = rng.choice(len(CONTRAVENTIONS), n, p=CONTRA_SHARES)
    zone = rng.choice(len(ZONES), n)
    higher = np.isin(code, [1, 2, 4, 6, 7, 9]) | _some(n, 0.05, rng)
    observed = np.where(INSTANT[code], 0, np.round(rng.gamma(2, 3, n)) + 5)
    photos = np.clip(rng.poisson(3.5, n), 0, 8)
    days = np.minimum(np.round(rng.gamma(1.6, 6, n)), 28)
    badge = _some(n, 0.05, rng)
    fault = _some(n, 0.06, rng)
    signage = np.clip(np.round(rng.normal(3.5, 1, n)), 1, 5).astype(int)
    earlier = np.where(_some(n, 0.8, rng), 0, rng.integers(1, 6, n))
    issued = _on("2023-01-01", rng.integers(0, 730 * 24, n) * 60 + rng.integers(0, 60, n), "min")
    z = (
        CONTRA_EFFECT[code]
        + 1.2 * lenient[officer]
        - 0.12 * photos
        + 0.9 * fault
        - 0.35 * (signage - 3)
        - 0.3 * np.log1p(earlier)
        - 0.02 * days
        - 0.03 * observed
        + 0.3 * (zone == 2)
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "pcn_no": _refs(rng, "BX", n),
            "vehicle": text([f"V{k:06d}" for k in vehicle]),
            "issued_at": issued,
            "officer": text([f"CEO{k:03d}" for k in officer]),
            "contravention": text(_pick(CONTRAVENTIONS, code)),
            "zone": text(_pick(ZONES, zone)),
            "charge_band": text(np.where(higher, "higher", "lower")),
            "minutes_observed": observed,
            "photos": photos,
            "days_to_appeal": days,
            "blue_badge_noted": _yes(badge),
            "machine_fault_logged": _yes(fault),
            "signage_grade_1_5": signage,
            "earlier_notices": earlier,
            "grounds": text(_prose(rng, [GROUNDS] * n, rng.integers(4, 12, n))),
        }
    )
    ruled = badge & (photos >= 2)
    return frame, z, ruled, rng


def _cancelled(z, ruled, rng) -> np.ndarray:
    """Cancelled on appeal (about 30%); 95% of badge holders photographed."""
    return _ruled(outcome(z, 0.28, rng), ruled, 0.95, rng)


PCN_INPUTS = ("pcn_no", "vehicle", "issued_at", "officer")


def pcn_cancelled(n: int, seed: int) -> Case:
    """Cancelled; split by officer (an officer's notices together)."""
    frame, z, ruled, rng = _notices(n, seed)
    feats = [c for c in frame.columns if c not in PCN_INPUTS]
    return Case(
        "pcn_cancelled",
        frame,
        _cancelled(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="officer",
        ids=["pcn_no"],
    )


def days_to_decision(n: int, seed: int) -> Case:
    """Days from the appeal to the council's decision, 56 at most (after that it is cancelled
    by default, so the team decides first), longer after holidays, for the hospital zone, when
    the pay machine's log must be fetched, for a blue badge and with few photos; split in time
    on the minute issued."""
    frame, _z, _ruled, rng = _notices(n, seed)
    month = frame["issued_at"].dt.month.to_numpy()
    base = (
        10
        + 8 * np.isin(month, [8, 12])
        + 6 * (frame["zone"] == "hospital").to_numpy()
        + 12 * (frame["machine_fault_logged"] == "yes").to_numpy()
        + 5 * (frame["blue_badge_noted"] == "yes").to_numpy()
        + 2.5 * np.maximum(5 - frame["photos"].to_numpy(), 0)
    )
    value = np.minimum(np.round(base * rng.lognormal(0, 0.3, n)), 56).astype(int)
    feats = [c for c in frame.columns if c not in PCN_INPUTS]
    return Case(
        "days_to_decision",
        frame,
        value,
        "regression",
        feats,
        split="time",
        time="issued_at",
        ids=["pcn_no"],
    )


# -- a housebuilder's new homes at the pre-handover inspection ----------------------------------
HOUSE_TYPES = ["apartment", "terrace", "semi", "detached", "bungalow", "townhouse"]
TYPE_SHARES = [0.22, 0.2, 0.25, 0.18, 0.05, 0.1]
TYPE_EFFECT = np.array([0.2, -0.1, 0.0, 0.2, -0.3, 0.4])
PLASTERERS = ["wallcraft", "smooth_ltd", "dryline_co", "in_house", "k_and_s", "apex"]
PLASTERER_EFFECT = np.array([0.0, 0.5, -0.2, -0.4, 0.3, 0.1])


def _homes(n: int, seed: int):
    """New homes finished over three years: the plot, the site (many plots per site: its
    columns repeat), the day the build was signed off complete, the house type, the bedrooms,
    the floor area, timber frame or masonry, the plastering subcontractor, the weeks the build
    took (52 at most: the programme's limit before the plot is re-planned), the site manager's
    years, the pre-plaster quality audit's 0-10 score, weather days lost (zero for many), the
    warranty body's key-stage score (blank where the site was not sampled), a show home and
    the plot's number on the site; the log-odds of a serious defect and those the rule settles
    (a plot completed in the last fortnight of the half-year, on a site whose manager is in
    his first year, nearly always fails)."""
    rng = np.random.default_rng(seed)
    sites = max(8, int(n / 60))
    site = _codes(rng, sites, n, 0.6)
    site_quality = rng.normal(0, 0.6, sites)
    manager_years = rng.integers(0, 25, sites)
    sampled = _some(sites, 0.5, rng)
    htype = rng.choice(len(HOUSE_TYPES), n, p=TYPE_SHARES)
    beds = np.clip(np.array([2, 3, 3, 4, 2, 4])[htype] + rng.integers(-1, 2, n), 1, 5)
    area = np.round(28 + 22 * beds + rng.normal(0, 8, n))
    timber = _some(n, 0.3, rng)
    plasterer = rng.choice(len(PLASTERERS), n)
    weeks = np.minimum(np.round(rng.gamma(9, 3.2, n)), 52)
    audit = np.clip(np.round(7 + site_quality[site] + rng.normal(0, 1.4, n)), 0, 10)
    weather = np.where(_some(n, 0.45, rng), 0, rng.poisson(4, n))
    warranty = np.where(sampled[site], np.clip(np.round(rng.normal(78, 9, n)), 40, 100), np.nan)
    show = _some(n, 0.02, rng)
    completed = _on("2022-01-03", rng.integers(0, 1_095, n))
    month, day = np.asarray(completed.month), np.asarray(completed.day)
    rush = np.isin(month, [6, 12]) & (day >= 17)
    z = (
        TYPE_EFFECT[htype]
        - 0.8 * site_quality[site]
        - 0.3 * (audit - 7)
        + PLASTERER_EFFECT[plasterer]
        + 0.2 * timber
        - 0.03 * (weeks - 28)
        + 0.06 * weather
        - 0.02 * manager_years[site]
        + 0.5 * rush
        - 0.8 * show
        + rng.normal(0, 0.5, n)
    )
    z = 1.4 * z  # the builder's records explain much of it
    frame = pd.DataFrame(
        {
            "plot_id": _refs(rng, "PL", n),
            "site": text([f"SITE{k:03d}" for k in site]),
            "completed_on": completed,
            "house_type": text(_pick(HOUSE_TYPES, htype)),
            "bedrooms": beds,
            "floor_area_m2": area,
            "timber_frame": _yes(timber),
            "plasterer": text(_pick(PLASTERERS, plasterer)),
            "build_weeks": weeks,
            "manager_years": manager_years[site],
            "pre_plaster_audit_0_10": audit.astype(int),
            "weather_days_lost": weather,
            "warranty_stage_score": warranty,
            "show_home": _yes(show),
            "plot_number": rng.integers(1, 250, n),
        }
    )
    ruled = rush & (manager_years[site] == 0)
    return frame, z, ruled, rng


def _defective(z, ruled, rng) -> np.ndarray:
    """A serious defect found before the handover (about 15%); 90% of the rushed plots of new
    managers."""
    return _ruled(outcome(z, 0.14, rng), ruled, 0.9, rng)


HOME_INPUTS = ("plot_id", "site", "completed_on")


def home_defect(n: int, seed: int) -> Case:
    """A serious defect; split by site (a site's plots together)."""
    frame, z, ruled, rng = _homes(n, seed)
    feats = [c for c in frame.columns if c not in HOME_INPUTS]
    return Case(
        "home_defect",
        frame,
        _defective(z, ruled, rng),
        "binary",
        feats,
        split="group",
        group="site",
        ids=["plot_id"],
    )


def home_defect_later(n: int, seed: int) -> Case:
    """A serious defect; split in time on the day signed off, the same sites on both sides."""
    frame, z, ruled, rng = _homes(n, seed)
    feats = [c for c in frame.columns if c not in HOME_INPUTS]
    return Case(
        "home_defect_later",
        frame,
        _defective(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="completed_on",
        ids=["plot_id"],
    )


# -- a 3D-printing bureau's print jobs ----------------------------------------------------------
TECHNOLOGIES = ["fdm", "sla", "sls", "mjf"]
TECH_EFFECT = np.array([0.3, 0.2, -0.3, -0.4])
MATERIALS = {
    "fdm": ["pla", "petg", "abs", "nylon_cf"],
    "sla": ["standard_resin", "tough_resin", "castable"],
    "sls": ["pa12", "pa11"],
    "mjf": ["pa12", "tpu"],
}
PRINTERS_PER_TECH = 4
FILE_WORDS = ["bracket", "housing", "v2", "final", "lid", "gear", "mount", "clip", "rev", "proto"]


def _jobs(n: int, seed: int):
    """Print jobs over two years: the job number, the customer (engineering firms reprint the
    same parts: their columns repeat), the minute queued, the printer, its technology, the
    material, the layer height in microns, the part's height and volume, supports generated,
    the estimated build hours (72 at most: the queue splits longer jobs), the nozzle's hours
    since its change (blank but for the filament printers), the room's humidity, the
    operator's 1-3 certification level, a mesh repaired by the slicer, a reorder of a file
    printed before and the file's name; the log-odds of a failed build and those the rule
    settles (a resin part with an overhang the slicer left unsupported nearly always fails)."""
    rng = np.random.default_rng(seed)
    customers = max(30, int(n / 8))
    customer = _codes(rng, customers, n, 1.0)
    tech = rng.choice(4, n, p=[0.4, 0.25, 0.2, 0.15])
    printer = tech * PRINTERS_PER_TECH + rng.integers(0, PRINTERS_PER_TECH, n)
    printer_wear = rng.normal(0, 0.4, 4 * PRINTERS_PER_TECH)
    material = np.array(
        [
            MATERIALS[TECHNOLOGIES[t]][rng.integers(0, len(MATERIALS[TECHNOLOGIES[t]]))]
            for t in tech
        ],
        dtype=object,
    )
    layer = np.where(tech == 0, rng.choice([100, 150, 200, 300], n), rng.choice([50, 100], n))
    height = np.round(rng.gamma(2, 30, n), 1)
    volume = np.round(rng.gamma(1.5, 40, n), 1)
    supports = np.where(tech >= 2, False, _some(n, 0.7, rng))
    hours = np.minimum(np.round(height * (120 / layer) * 0.06 + volume * 0.03 + 0.5, 1), 72.0)
    nozzle = np.where(tech == 0, np.round(rng.gamma(2, 120, n)), np.nan)
    humidity = np.round(rng.normal(45, 9, n))
    level = rng.choice([1, 2, 3], n, p=[0.3, 0.45, 0.25])
    repaired = _some(n, 0.15, rng)
    reorder = _some(n, 0.3, rng)
    queued = _on("2023-01-01", rng.integers(0, 730 * 1_440, n), "min")
    unsupported = (tech == 1) & ~supports & _some(n, 0.2, rng)
    z = (
        TECH_EFFECT[tech]
        + printer_wear[printer]
        + 0.03 * hours
        + 0.015 * height
        + 0.002 * np.nan_to_num(nozzle, nan=0.0)
        + 0.03 * (humidity - 45) * (tech == 0)
        - 0.35 * (level - 2)
        + 0.6 * repaired
        - 0.7 * reorder
        + 0.3 * (material == "nylon_cf")
        + rng.normal(0, 0.5, n)
    )
    frame = pd.DataFrame(
        {
            "job_no": _refs(rng, "J", n),
            "customer": text([f"CU{k:04d}" for k in customer]),
            "queued_at": queued,
            "printer": text([f"P{k:02d}" for k in printer]),
            "technology": text(_pick(TECHNOLOGIES, tech)),
            "material": text(material),
            "layer_um": layer,
            "part_height_mm": height,
            "part_volume_cm3": volume,
            "supports": _yes(supports),
            "est_build_hours": hours,
            "nozzle_hours": nozzle,
            "humidity_pct": humidity,
            "operator_level": level,
            "mesh_repaired": _yes(repaired),
            "reorder": _yes(reorder),
            "file_name": text(_prose(rng, [FILE_WORDS] * n, rng.integers(1, 4, n))),
            "overhang_flag": _yes(unsupported | ((tech == 1) & _some(n, 0.05, rng))),
        }
    )
    return frame, z, unsupported, rng


def _failed(z, ruled, rng) -> np.ndarray:
    """The build failed (about 14%); 93% of unsupported resin overhangs."""
    return _ruled(outcome(z, 0.12, rng), ruled, 0.93, rng)


JOB_INPUTS = ("job_no", "customer", "queued_at")


def job_failed(n: int, seed: int) -> Case:
    """Failed; split in time on the minute queued, repeat customers on both sides."""
    frame, z, ruled, rng = _jobs(n, seed)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    return Case(
        "job_failed",
        frame,
        _failed(z, ruled, rng),
        "binary",
        feats,
        split="time",
        time="queued_at",
        ids=["job_no"],
    )


def build_hours(n: int, seed: int) -> Case:
    """The hours the build ran on the jobs that finished, close to the estimate (the estimate
    is capped, the run is not); split by customer."""
    frame, z, ruled, rng = _jobs(n, seed)
    keep = _failed(z, ruled, rng) == 0
    frame = frame[keep].reset_index(drop=True)
    height = frame["part_height_mm"].to_numpy()
    layer = frame["layer_um"].to_numpy()
    full = height * (120 / layer) * 0.06 + frame["part_volume_cm3"].to_numpy() * 0.03 + 0.5
    value = np.round(full * rng.lognormal(0, 0.12, len(frame)), 1)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    return Case(
        "build_hours",
        frame,
        value,
        "regression",
        feats,
        split="group",
        group="customer",
        ids=["job_no"],
    )


# -- a professional rugby club's match appearances ----------------------------------------------
POSITIONS = [
    "prop",
    "hooker",
    "lock",
    "flanker",
    "number_8",
    "scrum_half",
    "fly_half",
    "centre",
    "wing",
    "full_back",
]
POSITION_EFFECT = np.array([0.2, 0.1, 0.1, 0.4, 0.3, -0.2, -0.1, 0.3, 0.0, -0.1])
COMPETITIONS = ["league", "european_cup", "domestic_cup", "friendly"]
PITCHES = ["grass", "hybrid", "artificial"]


def _appearances(n: int, seed: int):
    """Match appearances over four seasons: an appearance id, the player (a squad of about
    sixty: each plays many times, his columns repeat), the kick-off, the position, the age,
    starting or on the bench, the training load of the last seven days (capped at 1,200 by the
    monitoring software), high-speed metres in the last match, days since the last match (five
    at the least), injuries in the last 12 months (zero for most), the morning's 1-10 wellness
    questionnaire, the pitch, the competition, the opponent's league position, a first match
    back from an injury and a protected-minutes plan; the log-odds of an injury and those the
    rule settles (a player on the protected-minutes plan plays 20 minutes off the bench and is
    nearly never injured)."""
    rng = np.random.default_rng(seed)
    squad = 60
    player = _codes(rng, squad, n, 0.5)
    fragile = rng.normal(0, 0.5, squad)
    position = rng.integers(0, len(POSITIONS), squad)
    born = rng.uniform(19, 35, squad)
    kickoff = _on(
        "2020-09-05",
        rng.integers(0, 4, n) * 52 * 7 * 1_440
        + rng.integers(0, 36, n) * 7 * 1_440
        + rng.choice([13 * 60, 15 * 60, 19 * 60 + 45], n),
        "min",
    )
    season = np.asarray(kickoff.year) + (np.asarray(kickoff.month) >= 8) - 2021
    age = np.round(born[player] + season + rng.uniform(0, 1, n), 1)
    starting = _some(n, 0.62, rng)
    load = np.minimum(np.round(rng.normal(850, 180, n)), 1_200)
    hsm = np.round(rng.gamma(4, 60 + 40 * starting, n))
    rest = 5 + rng.poisson(2.5, n)
    earlier = np.where(_some(n, 0.75, rng), 0, rng.integers(1, 4, n))
    wellness = np.clip(np.round(rng.normal(7, 1.3, n)), 1, 10).astype(int)
    pitch = rng.choice(3, n, p=[0.55, 0.3, 0.15])
    comp = rng.choice(4, n, p=[0.6, 0.18, 0.14, 0.08])
    opponent = rng.integers(1, 13, n)
    back = _some(n, 0.08, rng)
    protected = ~starting & _some(n, 0.12, rng)
    z = (
        POSITION_EFFECT[position[player]]
        + 0.8 * fragile[player]
        + 0.6 * starting
        + 0.003 * (load - 850)
        - 0.15 * (rest - 7)
        + 0.35 * np.log1p(earlier)
        - 0.3 * (wellness - 7)
        + 0.3 * (pitch == 2)
        - 0.5 * (comp == 3)
        - 0.04 * (opponent - 6)
        + 0.5 * back
        + 0.04 * (age - 27)
        + rng.normal(0, 0.4, n)
    )
    frame = pd.DataFrame(
        {
            "appearance_id": _refs(rng, "A", n),
            "player": text([f"PLY{k:03d}" for k in player]),
            "kickoff_at": kickoff,
            "position": text(_pick(POSITIONS, position[player])),
            "age": age,
            "starting": _yes(starting),
            "training_load_7d": load,
            "last_match_hs_metres": hsm,
            "days_rest": rest,
            "injuries_12m": earlier,
            "wellness_1_10": wellness,
            "pitch": text(_pick(PITCHES, pitch)),
            "competition": text(_pick(COMPETITIONS, comp)),
            "opponent_position": opponent,
            "first_back_from_injury": _yes(back),
            "protected_minutes": _yes(protected),
        }
    )
    return frame, z, protected, rng


def _injured(z, protected, rng) -> np.ndarray:
    """An injury in the match (about 11%); 1% of those on protected minutes."""
    return np.where(protected, (rng.random(len(z)) < 0.01).astype(int), outcome(z, 0.12, rng))


APPEARANCE_INPUTS = ("appearance_id", "player", "kickoff_at")


def appearance_injury(n: int, seed: int) -> Case:
    """Injured; split in time on the kick-off, the same players on both sides."""
    frame, z, protected, rng = _appearances(n, seed)
    feats = [c for c in frame.columns if c not in APPEARANCE_INPUTS]
    return Case(
        "appearance_injury",
        frame,
        _injured(z, protected, rng),
        "binary",
        feats,
        split="time",
        time="kickoff_at",
        ids=["appearance_id"],
    )


def match_hs_metres(n: int, seed: int) -> Case:
    """High-speed metres the GPS unit recorded in the match (backs and starters more, a
    heavy pitch less); split by player."""
    frame, _z, _p, rng = _appearances(n, seed)
    starting = (frame["starting"] == "yes").to_numpy()
    backs = frame["position"].isin(["wing", "full_back", "centre", "scrum_half"]).to_numpy()
    base = 120 + 180 * starting + 150 * backs + 0.2 * frame["last_match_hs_metres"].to_numpy()
    value = np.round(base * rng.lognormal(0, 0.3, n))
    feats = [c for c in frame.columns if c not in APPEARANCE_INPUTS]
    return Case(
        "match_hs_metres",
        frame,
        value,
        "regression",
        feats,
        split="group",
        group="player",
        ids=["appearance_id"],
    )


NULL_FAMILIES = {
    "lot_bought_in": lot_bought_in,
    "consignor_bought_in": consignor_bought_in,
    "pcn_cancelled": pcn_cancelled,
    "days_to_decision": days_to_decision,
    "home_defect": home_defect,
    "home_defect_later": home_defect_later,
    "job_failed": job_failed,
    "build_hours": build_hours,
    "appearance_injury": appearance_injury,
    "match_hs_metres": match_hs_metres,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 37) % 6], so consecutive seeds take all six
NULL_SIZES = (800, 1_200, 1_800, 2_600, 3_600, 5_000)
NULL_MIN_SIZE = {"home_defect": 1_200, "pcn_cancelled": 1_200, "appearance_injury": 1_200}


# -- the extracts leaks are planted in ----------------------------------------------------------
def lots(n: int, seed: int) -> Case:
    """Lots bought in, split stratified, the sale's start declared."""
    frame, z, guaranteed, rng = _lots(n, seed)
    feats = [c for c in frame.columns if c not in LOT_INPUTS]
    y = _bought_in(z, guaranteed, rng)
    return Case("auction_lots", frame, y, "binary", feats, time="sale_starts_at", ids=["lot_no"])


def notices(n: int, seed: int) -> Case:
    """Notices cancelled on appeal, split stratified, the minute issued declared."""
    frame, z, ruled, rng = _notices(n, seed)
    feats = [c for c in frame.columns if c not in PCN_INPUTS]
    y = _cancelled(z, ruled, rng)
    return Case("penalty_notices", frame, y, "binary", feats, time="issued_at", ids=["pcn_no"])


def homes(n: int, seed: int) -> Case:
    """Homes with a serious defect, split stratified, the day signed off declared."""
    frame, z, ruled, rng = _homes(n, seed)
    feats = [c for c in frame.columns if c not in HOME_INPUTS]
    y = _defective(z, ruled, rng)
    return Case("new_homes", frame, y, "binary", feats, time="completed_on", ids=["plot_id"])


def jobs(n: int, seed: int) -> Case:
    """Print jobs failed, split stratified, the minute queued declared."""
    frame, z, ruled, rng = _jobs(n, seed)
    feats = [c for c in frame.columns if c not in JOB_INPUTS]
    y = _failed(z, ruled, rng)
    return Case("print_jobs", frame, y, "binary", feats, time="queued_at", ids=["job_no"])


def appearances(n: int, seed: int) -> Case:
    """Appearances ending with an injury, split stratified, the kick-off declared."""
    frame, z, protected, rng = _appearances(n, seed)
    feats = [c for c in frame.columns if c not in APPEARANCE_INPUTS]
    y = _injured(z, protected, rng)
    return Case(
        "match_appearances", frame, y, "binary", feats, time="kickoff_at", ids=["appearance_id"]
    )


# -- leaks in the lot extract -------------------------------------------------------------------
SHELVES = [f"{a}{b}" for a in "ABCDEF" for b in range(1, 10)]


def store_location(case: Case, share: float, rng) -> Case:
    """'store_location' at the extract's date: a shelf in the saleroom's store (A1 to F9) for
    most lots, 'conservation' for 5% (sent to the restorer before the sale) and 'photo_studio'
    for 2%; 'vendor_collection' or 'next_sale_hold' for this share of the bought-in lots."""
    n = case.rows
    shelf = np.array(SHELVES, dtype=object)[rng.integers(0, len(SHELVES), n)]
    honest = np.where(
        _some(n, 0.05, rng), "conservation", np.where(_some(n, 0.02, rng), "photo_studio", shelf)
    )
    after = np.where(_some(n, 0.6, rng), "vendor_collection", "next_sale_hold")
    value = np.where((case.y == 1) & _some(n, share, rng), after, honest)
    return add_columns(case, {"store_location": text(value)})


def catalogue_edited(case: Case, share: float, rng) -> Case:
    """'catalogue_last_edited': the day the lot's catalogue entry was last edited, 1 to 30 days
    before the sale for most (proofs, corrections after it went online), and 3 to 40 days after
    it for this share of the bought-in lots (the estimate revised for the re-offer)."""
    n = case.rows
    sale = case.frame["sale_starts_at"].dt.normalize()
    before = rng.integers(1, 31, n)
    after = rng.integers(3, 41, n)
    revised = (case.y == 1) & _some(n, share, rng)
    offset = np.where(revised, after, -before)
    return add_columns(case, {"catalogue_last_edited": sale + pd.to_timedelta(offset, unit="D")})


RATE_BANDS = np.array(["under_10", "10_to_20", "20_to_30", "30_to_40", "40_to_50", "over_50"])


def specialist_band(case: Case, rows_per_key: float, rng) -> Case:
    """'specialist' (the cataloguer) kept among the inputs beside 'specialist_unsold_band': the
    specialist's bought-in share over the whole extract (the row's own lot counted), written as
    the management report's band in words; about this many lots per specialist."""
    keys = max(2, int(case.rows / rows_per_key))
    who = _codes(rng, keys, case.rows, 0.7)
    rate = pd.Series(case.y.astype(float)).groupby(who).transform("mean").to_numpy()
    band = RATE_BANDS[np.minimum((rate * 10).astype(int), 5)]
    frame = case.frame.copy()
    frame["specialist"] = text([f"SP{k:03d}" for k in who])
    frame["specialist_unsold_band"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "specialist", "specialist_unsold_band"],
        leak=["specialist_unsold_band"],
    )


# -- leaks in the notice extract ----------------------------------------------------------------
def amount_paid(case: Case, share: float, rng) -> Case:
    """'amount_paid': what the motorist has paid so far, 0 for the 35% who wait for the
    decision, the discounted half charge for 40% and the full charge for the rest; set to 0 for
    this share of the cancelled notices (the payment refunded)."""
    n = case.rows
    charge = np.where(case.frame["charge_band"] == "higher", 70.0, 50.0)
    paid = np.where(_some(n, 0.35, rng), 0.0, np.where(_some(n, 0.62, rng), charge / 2, charge))
    refunded = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"amount_paid": np.where(refunded, 0.0, paid)})


EXTRACT_AT = pd.Timestamp("2024-12-31")


def pending_censored(case: Case, share: float, rng) -> Case:
    """Appeals followed until the extract's date (31 December 2024): this share of them lodged
    in its last 56 days, and a cancellation decided (5 to 56 days after the appeal) after the
    extract's date counts as none, the appeal still open. The day the appeal was lodged is an
    input; the minute issued is the declared time."""
    n = case.rows
    recent = _some(n, share, rng)
    back = np.where(recent, rng.integers(1, 57, n), rng.integers(57, 700, n))
    lodged = EXTRACT_AT - pd.to_timedelta(back, unit="D")
    decided = np.minimum(5 + rng.gamma(1.5, 12, n), 56)
    y = np.where((case.y == 1) & (decided > back), 0, case.y)
    days = case.frame["days_to_appeal"].to_numpy()
    frame = case.frame.copy()
    frame["issued_at"] = (
        lodged
        - pd.to_timedelta(days, unit="D")
        - pd.to_timedelta(rng.integers(0, 1_440, n), unit="min")
    )
    frame["appeal_lodged_on"] = lodged
    return replace(
        case,
        frame=frame,
        y=y,
        features=[*case.features, "appeal_lodged_on"],
        leak=["appeal_lodged_on"],
    )


CASE_LINES = [
    "appeal received, photos reviewed",
    "appeal received, no further evidence",
    "evidence requested from motorist",
    "photos reviewed, officer notes checked",
    "permit records checked",
    "appeal received by email",
]
CLOSE_CODES = ["CNX-GRD", "CNX-DISC", "CNX-PRC", "CNX-EVD"]


def case_note(case: Case, share: float, rng) -> Case:
    """'case_note': the appeals officer's note, one of the team's usual lines, and for this
    share of the cancelled notices the cancellation's closing code written before it (as the
    case system prefixes the note when the case is closed)."""
    n = case.rows
    lines = np.array(CASE_LINES, dtype=object)[rng.integers(0, len(CASE_LINES), n)]
    codes = np.array(CLOSE_CODES, dtype=object)[rng.integers(0, len(CLOSE_CODES), n)]
    closed = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"case_note": text(np.where(closed, codes + " " + lines, lines))})


# -- leaks in the home extract ------------------------------------------------------------------
def snag_items(case: Case, share: float, rng) -> Case:
    """'snag_items': the items on the plot's snagging list, a handful for every home (more for
    larger ones), and the remedial works' items (8 to 25) added for this share of the homes with
    a serious defect."""
    n = case.rows
    beds = case.frame["bedrooms"].to_numpy()
    routine = rng.poisson(4 + 2 * beds, n)
    remedial = np.where((case.y == 1) & _some(n, share, rng), rng.integers(8, 26, n), 0)
    return add_columns(case, {"snag_items": (routine + remedial).astype(int)})


def keys_released(case: Case, share: float, rng) -> Case:
    """'inspection_on' and 'keys_released_on': the pre-handover inspection 1 to 10 days after
    sign-off and the keys released to the sales team 2 to 12 days after the inspection for
    most; for this share of the homes with a serious defect the keys held back until the
    remedial work is signed off (25 to 80 days). Neither date alone is unusual."""
    n = case.rows
    done = case.frame["completed_on"]
    inspection = done + pd.to_timedelta(rng.integers(1, 11, n), unit="D")
    held = (case.y == 1) & _some(n, share, rng)
    gap = np.where(held, rng.integers(25, 81, n), rng.integers(2, 13, n))
    released = inspection + pd.to_timedelta(gap, unit="D")
    return add_columns(case, {"inspection_on": inspection, "keys_released_on": released})


def buyer_survey(case: Case, share: float, rng) -> Case:
    """'buyer_survey_0_10': the buyer's answer to the eight-week survey (would you recommend
    us), blank for the 55% who do not answer; lower by 3 to 6 points for this share of the homes
    with a serious defect (answered after the delayed handover)."""
    n = case.rows
    score = np.clip(np.round(rng.normal(7.5, 1.6, n)), 0, 10)
    hit = (case.y == 1) & _some(n, share, rng)
    score = np.where(hit, np.clip(score - rng.integers(3, 7, n), 0, 10), score)
    answered = _some(n, 0.45 + 0.2 * hit, rng)
    return add_columns(case, {"buyer_survey_0_10": np.where(answered, score, np.nan)})


# -- leaks in the print-job extract -------------------------------------------------------------
def material_used(case: Case, share: float, rng) -> Case:
    """'material_quoted_g' and 'material_used_g': the slicer's material estimate and what the
    printer logged as used, within a few percent of it for most, and stopped at 10% to 70% of it
    for this share of the failed builds (the job aborted). Neither figure alone is unusual."""
    n = case.rows
    volume = case.frame["part_volume_cm3"].to_numpy()
    quoted = np.round(volume * rng.uniform(1.0, 1.4, n) * rng.uniform(1.1, 1.3, n), 1)
    used = quoted * rng.uniform(0.96, 1.05, n)
    stopped = (case.y == 1) & _some(n, share, rng)
    used = np.where(stopped, quoted * rng.uniform(0.1, 0.7, n), used)
    return add_columns(
        case,
        {"material_quoted_g": quoted, "material_used_g": np.round(used, 1)},
        leak=["material_quoted_g", "material_used_g"],
    )


def failure_log_copies(case: Case, share: float, rng) -> Case:
    """This share of the failed jobs exported a second time, row for row, by the append of
    the failure log's monthly export to the job list (the same job number and inputs); the
    extract shuffled, so a pair can fall on both sides of the split."""
    twice = np.flatnonzero((case.y == 1) & _some(case.rows, share, rng))
    copies = case.frame.iloc[twice].copy()
    order = rng.permutation(case.rows + len(twice))
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


def site_check(case: Case, share: float, rng) -> Case:
    """'file_check_score': the pre-print file check's 0-100 score on every job; on the resin
    printers' jobs only, overwritten for this share of them by the post-build inspection's
    score (0 to 20 for a failed build, 80 to 100 for a good one) when the resin room's tablet
    synchronised. No value alone gives the outcome away."""
    n = case.rows
    resin = (case.frame["technology"] == "sla").to_numpy()
    honest = np.clip(np.round(rng.normal(70, 15, n)), 0, 100)
    after = np.where(case.y == 1, rng.integers(0, 21, n), rng.integers(80, 101, n))
    hit = resin & _some(n, share, rng)
    return add_columns(case, {"file_check_score": np.where(hit, after, honest)})


# -- leaks in the appearance extract ------------------------------------------------------------
def minutes_played(case: Case, share: float, rng) -> Case:
    """'minutes_played': 80 for most starters (50 to 79 for the third replaced on tactics),
    5 to 40 for replacements; ended by the injury (1 to 75 for starters, 1 to 20 on the bench)
    for this share of the injured."""
    n = case.rows
    starting = (case.frame["starting"] == "yes").to_numpy()
    honest = np.where(
        starting,
        np.where(_some(n, 0.35, rng), rng.integers(50, 80, n), 80),
        rng.integers(5, 41, n),
    )
    cut = np.where(starting, rng.integers(1, 76, n), rng.integers(1, 21, n))
    ended = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"minutes_played": np.where(ended, cut, honest).astype(int)})


def unit_rate(case: Case, rows_per_key: float, rng) -> Case:
    """'unit_injury_rate': the injured share of each conditioning group's appearances over the
    whole extract (the row's own outcome counted), the group's code kept among the inputs;
    about this many appearances per group."""
    keys = max(2, int(case.rows / rows_per_key))
    group = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(group).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["conditioning_group"] = text([f"CG{k:03d}" for k in group])
    frame["unit_injury_rate"] = np.round(rate, 3)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "conditioning_group", "unit_injury_rate"],
        leak=["unit_injury_rate"],
    )


def gps_file_numbers(case: Case, share: float, rng) -> Case:
    """'gps_file_no' kept among the inputs: the GPS units' files numbered season by season when
    the sports scientist archived them; this share of the appearances with an injury held back
    for the medical review and archived (so numbered) after every other file of the season, each
    part in kick-off order."""
    n = case.rows
    kick = case.frame["kickoff_at"]
    season = np.asarray(kick.dt.year) + (np.asarray(kick.dt.month) >= 8)
    held = (case.y == 1) & _some(n, share, rng)
    order = np.lexsort((kick.to_numpy(), held, season))
    number = np.empty(n, dtype=np.int64)
    number[order] = 20_000 + np.arange(n)
    return add_columns(case, {"gps_file_no": number})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "store_location": (store_location, (0.8, 0.4, 0.15), lots),
    "catalogue_edited": (catalogue_edited, (1.0, 0.6, 0.3), lots),
    "specialist_band": (specialist_band, (3.0, 6.0, 12.0), lots),
    "amount_paid": (amount_paid, (1.0, 0.6, 0.3), notices),
    "pending_censored": (pending_censored, (0.8, 0.5, 0.3), notices),
    "case_note": (case_note, (0.8, 0.4, 0.15), notices),
    "snag_items": (snag_items, (1.0, 0.6, 0.3), homes),
    "keys_released": (keys_released, (1.0, 0.7, 0.4), homes),
    "buyer_survey": (buyer_survey, (1.0, 0.6, 0.3), homes),
    "material_used": (material_used, (1.0, 0.6, 0.3), jobs),
    "failure_log_copies": (failure_log_copies, (0.8, 0.4, 0.15), jobs),
    "site_check": (site_check, (1.0, 0.7, 0.45), jobs),
    "minutes_played": (minutes_played, (1.0, 0.6, 0.3), appearances),
    "unit_rate": (unit_rate, (3.0, 8.0, 20.0), appearances),
    "gps_file_numbers": (gps_file_numbers, (0.8, 0.4, 0.15), appearances),
}
PLANTED_WHAT = {
    "store_location": "the lot's store location at the extract's date, the vendor collection or "
    "the next sale's hold for this share of the bought-in lots",
    "catalogue_edited": "the day the catalogue entry was last edited, after the sale for this "
    "share of the bought-in lots (before it elsewhere)",
    "specialist_band": "each specialist's bought-in share over the whole extract as a band in "
    "words, the specialist code kept; about this many lots per specialist",
    "amount_paid": "the amount paid set to 0 for this share of the cancelled notices (refunded) "
    "among honest zeros (waiting for the decision)",
    "pending_censored": "this share of the appeals lodged in the extract's last 56 days, "
    "cancellations decided later counted as none (right-censored); the day lodged an input",
    "case_note": "the appeals officer's note with the cancellation's closing code before it for "
    "this share of the cancelled notices",
    "snag_items": "items on the snagging list, the remedial works counted for this share of the "
    "homes with a serious defect",
    "keys_released": "the inspection day beside the keys' release, held back for this share of "
    "the homes with a serious defect (a leak across two dates)",
    "buyer_survey": "the buyer's 0-10 survey answer after the handover, lower for this share "
    "of the homes with a serious defect, blank for most",
    "material_used": "the material used beside the slicer's estimate, stopped short for this "
    "share of the failed builds (a leak across two columns)",
    "failure_log_copies": "this share of the failed jobs exported a second time row for row by "
    "the failure log's append, before the split",
    "site_check": "the file check score overwritten by the post-build inspection on the resin "
    "printers' rows only, for this share of them",
    "minutes_played": "minutes played, ended by the injury for this share of the injured",
    "unit_rate": "each conditioning group's injured share over the whole extract, the group "
    "code kept; about this many appearances per group",
    "gps_file_numbers": "a GPS file number kept as an input, numbered each season with this "
    "share of the injured appearances last",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "store_location": {"pure_subsets", "label_proxies", "outcome_copy"},
    "catalogue_edited": {"time_order"},
    "specialist_band": {"target_encoding", "label_proxies", "pure_subsets"},
    "amount_paid": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
    "pending_censored": {"right_censoring"},
    "case_note": {"label_words", "post_outcome_text", "pure_subsets", "label_proxies"},
    "snag_items": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "keys_released": {"column_pairs", "time_order"},
    "buyer_survey": {"outcome_copy", "single_feature", "changed_figures"},
    "material_used": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "failure_log_copies": {"shared_rows", "near_duplicates"},
    "site_check": {"segment_leaks"},
    "minutes_played": {"follow_up_duration", "pure_subsets", "single_feature"},
    "unit_rate": {"target_encoding"},
    "gps_file_numbers": {"identifiers", "single_feature", "pure_subsets"},
}
COPIES_BEFORE_SPLIT = {"failure_log_copies"}
ROW_LEAK_CHECKS = {
    "failure_log_copies": {"shared_rows", "near_duplicates"},
    # outcomes not yet observed are found by the check that measures them (it names the time
    # column, not the added date)
    "pending_censored": {"right_censoring"},
}
PLANTED_SIZES = (1_500, 3_000, 6_000)
