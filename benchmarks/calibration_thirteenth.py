"""The thirteenth generation of the leakage calibration, kept aside: written and committed
before it was first run, with seeds of its own (27,000 and up). Other domains and shapes than
every family before it: a tax authority's audits that find tax underpaid, a software company's
code changes reverted within a week, a port's import containers held by customs, a broadband
provider's repair visits followed by a repeat fault within 30 days and a mobile game's players
making a first purchase within 14 days of the install — null families with honest confusers (an
audit opened on a third-party data mismatch that nearly always finds tax underpaid, an emergency
change merged without review that is reverted far more often, a trusted trader's container that
is nearly never held, a cabinet whose upgrade is pending that nearly always faults again, a
player with parental controls on who can never buy; a 1-10 risk score at selection, a risk band
A-E as ordinal text, an engineer's 1-4 grade, a line test's 0-10 score before the visit and a
device price band as ordinal text; a risk score, a failed line test and the first day's sessions
as honest strong signals; years trading capped where the records begin, an author's months
capped at the version-control migration, test coverage capped at 100%, days at sea capped at
the manifest's 60, minutes on site capped at the job timer's 240 and the first day's minutes
capped at the session log's 600; earlier adjustments, late filings, review comments, CI
retries, earlier holds, manifest amendments, faults in a year, friends invited and ad views zero
for most; deductions blank for those who do not itemise, coverage blank for repositories with no
coverage tool, a sync speed blank for dead lines, an age band blank for guest accounts; repeat
taxpayers, authors, importers, lines and countries under time and group splits; the selection
reason, a change's title, the goods description and the fault report written before the
outcome) — and leaks planted in an audit extract, a change extract, a container extract, a
repair extract and a player extract by generators of their own: an audit's status that records
the assessment or the appeal, the liability on the account beside the tax declared (a leak
across two columns), a compliance rating recomputed when the audit closed, commits on a branch
counted with the revert and its fixes, a team's revert share over the whole extract in whole
percent (the team code kept), a change record's last update locked by the revert while the
others are rewritten nightly, hours a container was tracked until the hold or the report's
cut-off, an officer's scan score after the examination at one terminal only, a delivery order
blank while the hold stands among honest blanks, a closure note overwritten at the re-opening, a
ticket number from the re-open queue's own range, the sync speed at the extract's date beside
the speed before the visit, second-week ads zeroed by the purchase among honest zeros for those
who stopped playing, a campaign's payer share over the whole extract as a word (the campaign
kept), and payers repeated once per purchase by a join before the export.

The twelfth generation (benchmarks/calibration_twelfth.py) is the kept-aside set of the round
in which this one was written; this one is for the round after.
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


def _zeros(rng, n: int, share_zero: float, mean) -> np.ndarray:
    """A count that is zero for about this share, Poisson (at least one) otherwise."""
    return np.where(rng.random(n) < share_zero, 0, 1 + rng.poisson(mean, n)).astype(int)


def _prose(rng, pools: list[list[str]], k) -> list[str]:
    """Short notes: for each row, a few words from its pool, shuffled."""
    return [
        " ".join(rng.permutation(rng.choice(pool, int(m))))
        for pool, m in zip(pools, k, strict=True)
    ]


# -- a tax authority's audits -------------------------------------------------------------------
SECTORS = ["construction", "retail", "hospitality", "transport", "professional", "property"]
SECTORS += ["manufacturing", "personal_services"]
SECTOR_EFFECT = {"construction": 0.5, "hospitality": 0.6, "personal_services": 0.4}
SECTOR_EFFECT |= {"manufacturing": -0.3, "professional": -0.2}
REASONS = ["random_enquiry", "risk_model", "third_party_mismatch", "sector_campaign", "referral"]
REASON_WORDS = {
    "random_enquiry": ["random", "selection", "programme", "routine", "check", "return"],
    "risk_model": ["risk", "model", "flagged", "expenses", "ratio", "outlier", "return"],
    "third_party_mismatch": ["bank", "interest", "card", "takings", "platform", "data", "report"],
    "sector_campaign": ["campaign", "sector", "cash", "wages", "subcontractor", "review"],
    "referral": ["referral", "member", "public", "information", "letter", "received"],
}


def _audits(n: int, seed: int):
    """Audits opened in 2023 and 2024: an audit reference, the taxpayer (some audited more than
    once), the day opened, the sector, the turnover declared, a cash business, years trading
    (capped at 25: the records begin there), the selection reason and its note, the risk
    model's 1-10 score at selection (an honest strong signal), earlier adjustments and late
    filings in three years (zero for most), an agent filing, VAT registration, the deductions'
    share of turnover (blank for those who do not itemise); the log-odds of tax underpaid and
    the third-party mismatches (nearly all underpaid)."""
    rng = np.random.default_rng(seed)
    payers = max(30, int(n / 1.4))
    taxpayer = rng.choice(payers, n)
    trait = rng.normal(0, 0.8, payers)[taxpayer]
    sector = np.array(SECTORS)[rng.choice(len(SECTORS), n)]
    turnover = np.round(rng.lognormal(11.6, 1.1, n), -2)
    cash = rng.random(n) < 0.2 + 0.35 * np.isin(sector, ["hospitality", "personal_services"])
    years = np.minimum(np.round(rng.exponential(9, n)), 25).astype(int)
    reason = rng.choice(len(REASONS), n, p=[0.2, 0.35, 0.1, 0.2, 0.15])
    names = np.array(REASONS)[reason]
    risk = np.clip(
        np.round(5 + 1.4 * trait + 1.2 * (names == "risk_model") + rng.normal(0, 1.5, n)), 1, 10
    )
    prior = _zeros(rng, n, 0.78 - 0.1 * (trait > 0.5), 0.6)
    late = _zeros(rng, n, 0.7, 1.0)
    agent = rng.random(n) < 0.65
    vat = (turnover > 90_000) | (rng.random(n) < 0.15)
    deductions = np.round(np.clip(rng.beta(2, 6, n) + 0.05 * trait, 0, 0.95), 3)
    deductions = np.where(rng.random(n) < 0.3, np.nan, deductions)
    day = rng.integers(0, 730, n)
    sector_z = np.array([SECTOR_EFFECT.get(s, 0.0) for s in sector])
    z = (
        0.7 * trait
        + 0.35 * (risk - 5)
        + sector_z
        + 0.6 * cash
        + 0.35 * np.minimum(prior, 3)
        + 0.15 * np.minimum(late, 4)
        - 0.3 * agent
        - 0.1 * np.log(turnover / 1e5)
        + 0.5 * (names == "referral")
        - 0.4 * (names == "random_enquiry")
    )
    mismatch = names == "third_party_mismatch"
    note = _prose(rng, [REASON_WORDS[r] for r in names], rng.integers(3, 7, n))
    frame = pd.DataFrame(
        {
            "audit_ref": text([f"AUD{k:07d}" for k in rng.permutation(n) + 1_200_000]),
            "taxpayer": text([f"UTR{k:06d}" for k in taxpayer]),
            "opened_on": _on("2023-01-02", day),
            "sector": text(sector),
            "turnover": turnover,
            "cash_business": cash,
            "years_trading": years,
            "selection_reason": text(names),
            "selection_note": text(note),
            "risk_score_1_10": risk.astype(int),
            "prior_adjustments_3y": prior,
            "late_filings_3y": late,
            "agent_filed": agent,
            "vat_registered": vat,
            "deductions_share": deductions,
        }
    )
    return frame, z, mismatch, rng


def _underpaid(z, mismatch, rng) -> np.ndarray:
    y = outcome(z, 0.33, rng)
    return np.where(mismatch, (rng.random(len(z)) < 0.95).astype(int), y)


AUDIT_INPUTS = ("audit_ref", "taxpayer", "opened_on")


def audit_underpaid(n: int, seed: int) -> Case:
    """Tax found underpaid (about 40%); split in time on the day opened, repeat taxpayers on
    both sides, the audit reference declared an id."""
    frame, z, mismatch, rng = _audits(n, seed)
    feats = [c for c in frame.columns if c not in AUDIT_INPUTS]
    return Case(
        "audit_underpaid",
        frame,
        _underpaid(z, mismatch, rng),
        "binary",
        feats,
        split="time",
        time="opened_on",
        ids=["audit_ref"],
    )


def audit_yield(n: int, seed: int) -> Case:
    """The tax found, in whole pounds on a log scale (log10 of one plus it: zero for most),
    split in groups of taxpayers."""
    frame, z, mismatch, rng = _audits(n, seed)
    y = _underpaid(z, mismatch, rng)
    amount = y * np.round(frame["turnover"].to_numpy() * rng.lognormal(-3.2 + 0.3 * z, 0.8))
    feats = [c for c in frame.columns if c not in AUDIT_INPUTS]
    return Case(
        "audit_yield",
        frame,
        np.round(np.log10(1 + amount), 3),
        "regression",
        feats,
        split="group",
        group="taxpayer",
        ids=["audit_ref"],
    )


# -- a software company's code changes ----------------------------------------------------------
REPOS = ["payments", "web_frontend", "mobile_app", "search", "data_pipeline", "auth"]
REPO_EFFECT = {"payments": 0.4, "mobile_app": 0.3, "auth": 0.2, "data_pipeline": -0.2}
NO_COVERAGE = {"mobile_app", "data_pipeline"}
TITLE_WORDS = ["fix", "add", "refactor", "bump", "update", "remove", "config", "flag", "api"]
TITLE_WORDS += ["test", "cache", "timeout", "migration", "logging", "ui", "copy", "retry"]


def _changes(n: int, seed: int):
    """Changes merged in 2024: a change number, the author (some with many changes), the minute
    merged, the repository, lines added and deleted, files changed, reviewers, review comments
    and CI retries (zero for most), test coverage of the touched code in % (capped at 100, blank
    for repositories with no coverage tool), the author's months at the company (capped at 48:
    the version-control migration), an emergency change merged without review, a feature flag,
    a change's title; the log-odds of a revert and the emergency changes."""
    rng = np.random.default_rng(seed)
    authors = max(15, n // 25)
    author = _codes(rng, authors, n, 1.0)
    care = rng.normal(0, 0.6, authors)[author]
    repo = np.array(REPOS)[rng.choice(len(REPOS), n, p=[0.18, 0.25, 0.17, 0.12, 0.18, 0.1])]
    added = np.round(rng.lognormal(3.5, 1.4, n)).astype(int)
    deleted = np.round(added * rng.beta(1, 3, n)).astype(int)
    files = np.clip(1 + rng.poisson(np.log1p(added)), 1, 80)
    emergency = rng.random(n) < 0.04
    reviewers = np.where(emergency, 0, 1 + rng.poisson(0.6, n))
    comments = np.where(reviewers > 0, _zeros(rng, n, 0.55, 2.0), 0)
    retries = _zeros(rng, n, 0.8, 0.5)
    coverage = np.minimum(np.round(rng.normal(72 + 8 * care, 18, n), 1), 100.0)
    coverage = np.where(np.isin(repo, list(NO_COVERAGE)), np.nan, np.maximum(coverage, 0))
    months = np.minimum(np.round(rng.exponential(20, authors)), 48).astype(int)[author]
    flagged = rng.random(n) < 0.3
    minute = np.sort(rng.integers(0, 366 * 24 * 60, n))
    k = rng.integers(2, 6, n)
    title = _prose(rng, [TITLE_WORDS] * n, k)
    repo_z = np.array([REPO_EFFECT.get(r, 0.0) for r in repo])
    z = (
        -0.9 * care
        + repo_z
        + 0.35 * np.log1p(added) / 2
        + 0.08 * np.minimum(files, 20)
        + 0.3 * np.minimum(retries, 3)
        - 0.25 * np.minimum(reviewers, 3)
        - 0.012 * np.nan_to_num(coverage, nan=60) / 1
        - 0.4 * flagged
        - 0.015 * months
    )
    frame = pd.DataFrame(
        {
            "change_no": np.arange(40_001, 40_001 + n),
            "author": text([f"dev_{a:03d}" for a in author]),
            "merged_at": _on("2024-01-01", minute, "min"),
            "repository": text(repo),
            "lines_added": added,
            "lines_deleted": deleted,
            "files_changed": files,
            "reviewers": reviewers,
            "review_comments": comments,
            "ci_retries": retries,
            "test_coverage_pct": coverage,
            "author_months": months,
            "emergency_change": emergency,
            "behind_feature_flag": flagged,
            "title": text(title),
        }
    )
    return frame, z, emergency, rng


def _reverted(z, emergency, rng) -> np.ndarray:
    y = outcome(z, 0.08, rng)
    return np.where(emergency, (rng.random(len(z)) < 0.45).astype(int), y)


CHANGE_INPUTS = ("change_no", "author", "merged_at")


def change_reverted(n: int, seed: int) -> Case:
    """Reverted within a week (about a tenth), split in groups of authors."""
    frame, z, emergency, rng = _changes(n, seed)
    feats = [c for c in frame.columns if c not in CHANGE_INPUTS]
    return Case(
        "change_reverted",
        frame,
        _reverted(z, emergency, rng),
        "binary",
        feats,
        split="group",
        group="author",
        ids=["change_no"],
    )


def change_reverted_time(n: int, seed: int) -> Case:
    """Reverted within a week; split in time on the minute merged, the author an input (repeat
    authors on both sides), the change number (in merge order) declared an id."""
    frame, z, emergency, rng = _changes(n, seed)
    feats = [c for c in frame.columns if c not in ("change_no", "merged_at")]
    return Case(
        "change_reverted_time",
        frame,
        _reverted(z, emergency, rng),
        "binary",
        feats,
        split="time",
        time="merged_at",
        ids=["change_no"],
    )


# -- a port's import containers -----------------------------------------------------------------
ORIGINS = ["CN", "VN", "IN", "TR", "US", "BR", "MA", "TH", "BD", "AE", "ZA", "CO"]
ORIGIN_EFFECT = {"CO": 0.9, "MA": 0.6, "AE": 0.4, "US": -0.5, "VN": -0.1}
CHAPTERS = ["textiles", "electronics", "machinery", "foodstuffs", "furniture", "chemicals"]
CHAPTERS += ["footwear", "toys", "tobacco"]
CHAPTER_EFFECT = {"tobacco": 1.2, "footwear": 0.4, "foodstuffs": 0.3, "machinery": -0.3}
GOODS = {
    "textiles": ["cotton", "shirts", "knitted", "garments", "polyester", "fabric", "rolls"],
    "electronics": ["phone", "accessories", "cables", "chargers", "led", "panels", "boards"],
    "machinery": ["pump", "parts", "compressor", "spare", "valves", "bearings", "motor"],
    "foodstuffs": ["frozen", "fruit", "rice", "spices", "canned", "tuna", "juice"],
    "furniture": ["flat", "pack", "chairs", "tables", "wooden", "sofa", "frames"],
    "chemicals": ["resin", "drums", "paint", "solvent", "additives", "pigment", "bags"],
    "footwear": ["trainers", "sports", "shoes", "leather", "boots", "soles", "pairs"],
    "toys": ["plastic", "toys", "dolls", "puzzles", "games", "plush", "cartons"],
    "tobacco": ["leaf", "hookah", "molasses", "cartons", "rolling", "paper", "filters"],
}
TERMINALS = ["north_quay", "south_quay", "river_berth", "inland_depot"]
RISK_BANDS = ["A", "B", "C", "D", "E"]


def _containers(n: int, seed: int):
    """Containers discharged in 2024: a container number, the importer (a few import many), the
    day discharged, the terminal, the origin, the goods' chapter and description, the declared
    value and gross weight, the value per kilo, days at sea (capped at the manifest's 60),
    earlier holds of the importer and manifest amendments (zero for most), the targeting
    system's risk band A-E before arrival (ordinal text), a trusted trader (authorised
    operator), a transhipment; the log-odds of a hold and the trusted traders."""
    rng = np.random.default_rng(seed)
    importers = max(25, n // 9)
    importer = _codes(rng, importers, n, 1.3)
    shady = rng.normal(0, 0.7, importers)[importer]
    trusted = (rng.random(importers) < 0.25)[importer]
    origin = np.array(ORIGINS)[
        rng.choice(len(ORIGINS), n, p=np.r_[0.3, 0.1, 0.1, 0.08, 0.08, [0.34 / 7] * 7])
    ]
    chapter = np.array(CHAPTERS)[
        rng.choice(len(CHAPTERS), n, p=[0.16, 0.16, 0.14, 0.12, 0.12, 0.1, 0.08, 0.09, 0.03])
    ]
    weight = np.round(rng.lognormal(9.2, 0.6, n))
    value = np.round(weight * rng.lognormal(1.6, 0.9, n) * (1 + 2 * (chapter == "electronics")), 2)
    per_kg = np.round(value / weight, 2)
    sea = np.minimum(np.round(rng.gamma(6, 4, n)), 60).astype(int)
    holds = _zeros(rng, n, np.where(shady > 0.6, 0.5, 0.88), 0.7)
    amendments = _zeros(rng, n, 0.75, 0.6)
    tranship = rng.random(n) < 0.22
    origin_z = np.array([ORIGIN_EFFECT.get(o, 0.0) for o in origin])
    chapter_z = np.array([CHAPTER_EFFECT.get(c, 0.0) for c in chapter])
    band_z = 0.8 * shady + 0.6 * origin_z + 0.5 * chapter_z + rng.normal(0, 0.6, n)
    band = np.array(RISK_BANDS)[np.digitize(band_z, [-0.9, -0.3, 0.4, 1.1])]
    z = (
        0.8 * shady
        + origin_z
        + chapter_z
        + 0.4 * (np.digitize(band_z, [-0.9, -0.3, 0.4, 1.1]) - 2)
        + 0.4 * np.minimum(holds, 3)
        + 0.3 * np.minimum(amendments, 3)
        + 0.4 * tranship
        - 0.35 * np.log(np.maximum(per_kg, 0.2))
    )
    frame = pd.DataFrame(
        {
            "container_no": text(
                [
                    f"{p}U{k:07d}"
                    for p, k in zip(
                        rng.choice(["MSC", "MAE", "CMA", "HLX"], n),
                        rng.choice(10**7, n, replace=False),
                        strict=True,
                    )
                ]
            ),
            "importer": text([f"EORI{k:06d}" for k in importer]),
            "discharged_on": _on("2024-01-01", rng.integers(0, 366, n)),
            "terminal": text(np.array(TERMINALS)[rng.choice(4, n, p=[0.35, 0.3, 0.2, 0.15])]),
            "origin": text(origin),
            "chapter": text(chapter),
            "goods_description": text(
                _prose(rng, [GOODS[c] for c in chapter], rng.integers(2, 6, n))
            ),
            "declared_value": value,
            "gross_weight_kg": weight,
            "value_per_kg": per_kg,
            "days_at_sea": sea,
            "importer_prior_holds": holds,
            "manifest_amendments": amendments,
            "risk_band": text(band),
            "trusted_trader": trusted,
            "transhipment": tranship,
        }
    )
    return frame, z, trusted, rng


def _held(z, trusted, rng) -> np.ndarray:
    y = outcome(z, 0.1, rng)
    return np.where(trusted, (rng.random(len(z)) < 0.01).astype(int), y)


CONTAINER_INPUTS = ("container_no", "importer", "discharged_on")


def container_held(n: int, seed: int) -> Case:
    """Held for examination (about 8%), split in groups of importers."""
    frame, z, trusted, rng = _containers(n, seed)
    feats = [c for c in frame.columns if c not in CONTAINER_INPUTS]
    return Case(
        "container_held",
        frame,
        _held(z, trusted, rng),
        "binary",
        feats,
        split="group",
        group="importer",
        ids=["container_no"],
    )


def dwell_days(n: int, seed: int) -> Case:
    """Days from discharge to gate-out (1 to 30: the terminal's storage report stops there),
    longer for the riskier (documents checked) and for the held; split at random, the importer kept as an input."""
    frame, z, trusted, rng = _containers(n, seed)
    held = _held(z, trusted, rng)
    pace = np.exp(0.9 + 0.35 * np.clip(z - np.median(z), -2, 3))
    days = np.round(pace * rng.gamma(6, 1 / 6, len(z)) + held * rng.gamma(4, 3, len(z)) + 0.5)
    feats = [c for c in frame.columns if c not in ("container_no", "discharged_on")]
    return Case(
        "dwell_days",
        frame,
        np.clip(days, 1, 30),
        "regression",
        feats,
        split="random",
        ids=["container_no"],
    )


# -- a broadband provider's repair visits -------------------------------------------------------
FAULTS = ["no_sync", "slow_speed", "intermittent", "noisy_line", "router", "wiring_internal"]
FAULT_EFFECT = {"intermittent": 0.8, "noisy_line": 0.5, "router": -0.6, "wiring_internal": -0.3}
REPORT_WORDS = {
    "no_sync": ["no", "internet", "lights", "red", "router", "dead", "since", "morning"],
    "slow_speed": ["slow", "speed", "buffering", "evenings", "test", "mbps", "low"],
    "intermittent": ["drops", "keeps", "dropping", "connection", "every", "hour", "rain"],
    "noisy_line": ["crackling", "phone", "noise", "line", "hum", "when", "wet"],
    "router": ["router", "reboots", "wifi", "light", "flashing", "orange", "reset"],
    "wiring_internal": ["socket", "extension", "cable", "damaged", "moved", "wall", "plug"],
}


def _repairs(n: int, seed: int):
    """Repair visits in 2023 and 2024: a job number, the line (some visited more than once),
    the day visited, the exchange area, the fault reported and its wording, copper or fibre to
    the cabinet, the line's length in metres, the line test's 0-10 score before the visit (an
    honest strong signal), the sync speed before the visit (blank for dead lines), faults on the
    line in the last year (zero for most), the engineer's grade 1-4, minutes on site (capped at
    the job timer's 240), a wet week, a cabinet upgrade pending; the log-odds of a repeat fault
    and the lines whose cabinet upgrade is pending (nearly all fault again)."""
    rng = np.random.default_rng(seed)
    lines = max(30, int(n / 1.3))
    line = rng.choice(lines, n)
    weak = rng.normal(0, 0.7, lines)[line]
    area = _codes(rng, 18, n, 0.5)
    fault = np.array(FAULTS)[rng.choice(len(FAULTS), n, p=[0.2, 0.25, 0.2, 0.1, 0.15, 0.1])]
    copper = rng.random(n) < 0.45
    length = np.round(rng.lognormal(6.3 + 0.4 * copper, 0.5, n))
    test = np.clip(
        np.round(6 - 1.6 * weak - 2.5 * (fault == "no_sync") + rng.normal(0, 1.4, n)), 0, 10
    )
    sync = np.round(
        np.where(copper, 60, 300) * np.exp(-length / 3000) * rng.lognormal(0, 0.25, n), 1
    )
    sync = np.where(fault == "no_sync", np.nan, sync)
    faults = _zeros(rng, n, np.where(weak > 0.5, 0.45, 0.8), 0.8)
    grade = rng.choice([1, 2, 3, 4], n, p=[0.15, 0.35, 0.35, 0.15])
    minutes = np.minimum(np.round(rng.gamma(3, 30, n) + 20 * (fault == "wiring_internal")), 240)
    wet = rng.random(n) < 0.3
    pending = (rng.random(lines) < 0.03)[line]
    fault_z = np.array([FAULT_EFFECT.get(f, 0.0) for f in fault])
    z = (
        0.8 * weak
        - 0.28 * (test - 6)
        + fault_z
        + 0.3 * copper
        + 0.3 * np.minimum(faults, 4)
        - 0.2 * (grade - 2.5)
        + 0.35 * wet * copper
        + 0.2 * (length > 1500)
    )
    frame = pd.DataFrame(
        {
            "job_no": rng.permutation(n) + 7_000_000,
            "line_id": text([f"LN{k:07d}" for k in line]),
            "visited_on": _on("2023-01-01", rng.integers(0, 730, n)),
            "exchange_area": text([f"area_{a:02d}" for a in area]),
            "fault_reported": text(fault),
            "fault_report": text(
                _prose(rng, [REPORT_WORDS[f] for f in fault], rng.integers(3, 7, n))
            ),
            "copper_to_cabinet": copper,
            "line_length_m": length,
            "line_test_0_10": test.astype(int),
            "sync_mbps_before": sync,
            "faults_12m": faults,
            "engineer_grade": grade,
            "minutes_on_site": minutes,
            "wet_week": wet,
            "cabinet_upgrade_pending": pending,
        }
    )
    return frame, z, pending, rng


def _repeat(z, pending, rng) -> np.ndarray:
    y = outcome(z, 0.15, rng)
    return np.where(pending, (rng.random(len(z)) < 0.93).astype(int), y)


REPAIR_INPUTS = ("job_no", "line_id", "visited_on")


def repeat_fault(n: int, seed: int) -> Case:
    """A repeat fault within 30 days (about a sixth); split in time on the day visited, repeat
    lines on both sides, the job number declared an id."""
    frame, z, pending, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    return Case(
        "repeat_fault",
        frame,
        _repeat(z, pending, rng),
        "binary",
        feats,
        split="time",
        time="visited_on",
        ids=["job_no"],
    )


def repeat_fault_lines(n: int, seed: int) -> Case:
    """A repeat fault within 30 days; split in groups of lines."""
    frame, z, pending, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    return Case(
        "repeat_fault_lines",
        frame,
        _repeat(z, pending, rng),
        "binary",
        feats,
        split="group",
        group="line_id",
        ids=["job_no"],
    )


# -- a mobile game's players --------------------------------------------------------------------
COUNTRIES = ["US", "DE", "JP", "BR", "IN", "GB", "FR", "KR", "MX", "ID"]
COUNTRY_EFFECT = {"US": 0.6, "JP": 0.9, "KR": 0.7, "IN": -1.0, "ID": -0.8, "BR": -0.4}
ACQUISITION = ["organic", "paid_social", "paid_search", "rewarded_ads", "cross_promo"]
ACQ_EFFECT = {"rewarded_ads": -0.8, "cross_promo": 0.4, "paid_search": 0.2}
PRICE_BANDS = ["budget", "mid", "upper_mid", "flagship"]
AGE_BANDS = ["13-17", "18-24", "25-34", "35-44", "45+"]


def _players(n: int, seed: int):
    """Players who installed in spring 2025: a player id, the day installed, the country, the
    platform, the acquisition channel, the device's price band (ordinal text), an age band
    (blank for guest accounts, not asked), sessions and minutes on the first day (minutes capped
    at the session log's 600; sessions an honest strong signal), the level reached on the first
    day, the tutorial completed, friends invited and ads viewed on the first day (zero for
    most), parental controls on (no purchase possible); the log-odds of a purchase and the
    players with parental controls."""
    rng = np.random.default_rng(seed)
    country = np.array(COUNTRIES)[
        rng.choice(len(COUNTRIES), n, p=[0.22, 0.08, 0.08, 0.12, 0.14, 0.07, 0.06, 0.05, 0.08, 0.1])
    ]
    ios = rng.random(n) < np.where(np.isin(country, ["US", "JP", "GB"]), 0.55, 0.25)
    acq = np.array(ACQUISITION)[rng.choice(len(ACQUISITION), n, p=[0.35, 0.25, 0.1, 0.2, 0.1])]
    price = np.clip(rng.integers(0, 4, n) + ios, 0, 3)
    guest = rng.random(n) < 0.4
    age = np.array(AGE_BANDS)[rng.choice(5, n, p=[0.12, 0.3, 0.3, 0.18, 0.1])]
    engaged = rng.normal(0, 1, n)
    sessions = 1 + rng.poisson(np.exp(0.8 + 0.5 * engaged))
    minutes = np.minimum(np.round(sessions * rng.gamma(3, 4 + 2 * (engaged > 0), n)), 600)
    level = np.clip(np.round(2 + 0.25 * minutes**0.8 + rng.normal(0, 2, n)), 1, 60).astype(int)
    tutorial = rng.random(n) < 1 / (1 + np.exp(-(1 + engaged)))
    friends = _zeros(rng, n, 0.88, 0.8)
    ads = np.where(acq == "rewarded_ads", rng.poisson(6, n), _zeros(rng, n, 0.7, 2.0))
    parental = (age == "13-17") & (rng.random(n) < 0.5) | (rng.random(n) < 0.02)
    country_z = np.array([COUNTRY_EFFECT.get(c, 0.0) for c in country])
    acq_z = np.array([ACQ_EFFECT.get(a, 0.0) for a in acq])
    z = (
        0.9 * engaged
        + country_z
        + acq_z
        + 0.5 * ios
        + 0.35 * price
        + 0.6 * tutorial
        + 0.25 * np.minimum(friends, 3)
        - 0.04 * np.minimum(ads, 15)
        + 0.2 * (age == "25-34")
        + 0.2 * (age == "35-44")
    )
    frame = pd.DataFrame(
        {
            "player_id": text([f"p{k:09x}" for k in rng.choice(16**9, n, replace=False)]),
            "installed_on": _on("2025-03-01", rng.integers(0, 92, n)),
            "country": text(country),
            "platform": text(np.where(ios, "ios", "android")),
            "acquisition": text(acq),
            "device_price_band": text(np.array(PRICE_BANDS)[price]),
            "age_band": pd.Series(np.where(guest, None, age), dtype="object"),
            "sessions_day1": sessions,
            "minutes_day1": minutes,
            "level_day1": level,
            "tutorial_completed": tutorial,
            "friends_invited": friends,
            "ads_viewed_day1": ads,
            "parental_controls": parental,
        }
    )
    return frame, z, parental, rng


def _payer(z, parental, rng) -> np.ndarray:
    y = outcome(z, 0.05, rng)
    return np.where(parental, 0, y)


PLAYER_INPUTS = ("player_id", "installed_on")


def first_purchase(n: int, seed: int) -> Case:
    """A first purchase within 14 days (about 5%), split stratified, the player id declared."""
    frame, z, parental, rng = _players(n, seed)
    feats = [c for c in frame.columns if c not in PLAYER_INPUTS]
    return Case(
        "first_purchase", frame, _payer(z, parental, rng), "binary", feats, ids=["player_id"]
    )


def first_purchase_countries(n: int, seed: int) -> Case:
    """A first purchase within 14 days; split in groups of countries (a soft launch's
    question: does it carry to markets not yet open?)."""
    frame, z, parental, rng = _players(n, seed)
    feats = [c for c in frame.columns if c not in PLAYER_INPUTS]
    return Case(
        "first_purchase_countries",
        frame,
        _payer(z, parental, rng),
        "binary",
        feats,
        split="group",
        group="country",
        ids=["player_id"],
    )


NULL_FAMILIES = {
    "audit_underpaid": audit_underpaid,
    "audit_yield": audit_yield,
    "change_reverted": change_reverted,
    "change_reverted_time": change_reverted_time,
    "container_held": container_held,
    "dwell_days": dwell_days,
    "repeat_fault": repeat_fault,
    "repeat_fault_lines": repeat_fault_lines,
    "first_purchase": first_purchase,
    "first_purchase_countries": first_purchase_countries,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 27) % 6], so consecutive seeds take all six
NULL_SIZES = (700, 1_100, 1_600, 2_400, 3_400, 5_000)
NULL_MIN_SIZE = {
    "first_purchase": 2_400,
    "first_purchase_countries": 2_400,
    "change_reverted": 1_100,
    "container_held": 1_100,
}


# -- the extracts leaks are planted in ----------------------------------------------------------
def audits(n: int, seed: int) -> Case:
    """Audits that found tax underpaid (about 40%), split stratified, the day opened declared."""
    frame, z, mismatch, rng = _audits(n, seed)
    feats = [c for c in frame.columns if c not in AUDIT_INPUTS]
    y = _underpaid(z, mismatch, rng)
    return Case("audits", frame, y, "binary", feats, time="opened_on", ids=["audit_ref"])


def changes(n: int, seed: int) -> Case:
    """Changes reverted within a week (about a tenth), split stratified, the minute merged
    declared (and an input: the hour and weekday of a merge matter)."""
    frame, z, emergency, rng = _changes(n, seed)
    feats = [c for c in frame.columns if c not in ("change_no", "author")]
    y = _reverted(z, emergency, rng)
    return Case("changes", frame, y, "binary", feats, time="merged_at", ids=["change_no"])


def containers(n: int, seed: int) -> Case:
    """Containers held (about 8%), split stratified, the day discharged declared."""
    frame, z, trusted, rng = _containers(n, seed)
    feats = [c for c in frame.columns if c not in CONTAINER_INPUTS]
    y = _held(z, trusted, rng)
    return Case("containers", frame, y, "binary", feats, time="discharged_on", ids=["container_no"])


def repairs(n: int, seed: int) -> Case:
    """Repair visits with a repeat fault (about a sixth), split stratified, the day visited
    declared."""
    frame, z, pending, rng = _repairs(n, seed)
    feats = [c for c in frame.columns if c not in REPAIR_INPUTS]
    y = _repeat(z, pending, rng)
    return Case("repairs", frame, y, "binary", feats, time="visited_on", ids=["job_no"])


def players(n: int, seed: int) -> Case:
    """Players with a first purchase (about 5%), split stratified, the day installed declared."""
    frame, z, parental, rng = _players(n, seed)
    feats = [c for c in frame.columns if c not in PLAYER_INPUTS]
    y = _payer(z, parental, rng)
    return Case("players", frame, y, "binary", feats, time="installed_on", ids=["player_id"])


# -- leaks in the audit extract -----------------------------------------------------------------
def case_status(case: Case, share: float, rng) -> Case:
    """'case_status': the audit's status at the extract's date. For this share of the audits
    that found tax underpaid, 'assessment_issued', 'appeal_lodged' or 'time_to_pay_agreed';
    for every other audit its routine stages ('closed', 'closed_advice_given', 'open',
    'awaiting_records'), an appeal lodged for 1% of them (against the audit's conduct)."""
    n = case.rows
    after = rng.choice(
        ["assessment_issued", "appeal_lodged", "time_to_pay_agreed"], n, p=[0.6, 0.25, 0.15]
    )
    routine = rng.choice(
        ["closed", "closed_advice_given", "open", "awaiting_records"], n, p=[0.4, 0.2, 0.25, 0.15]
    )
    routine = np.where(_some(n, 0.01, rng), "appeal_lodged", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"case_status": text(value)})


def liability_on_file(case: Case, share: float, rng) -> Case:
    """'tax_declared' and 'tax_on_file': the tax the return declared (about a fifth of a tenth
    of turnover, in pounds and pence) and the liability on the taxpayer's account at the
    extract's date: raised by the audit's assessment (8% to 60%) for this share of those found
    underpaid; for everyone else the declared figure, reduced for 4% (a repayment claimed in an
    amended return) and raised a little for 3% (late-filing interest)."""
    n = case.rows
    declared = np.round(case.frame["turnover"].to_numpy() * rng.uniform(0.02, 0.12, n), 2)
    honest = np.select(
        [_some(n, 0.04, rng), _some(n, 0.03, rng)],
        [-rng.uniform(0.05, 0.3, n), rng.uniform(0.005, 0.03, n)],
        0.0,
    )
    change = np.where((case.y == 1) & _some(n, share, rng), rng.uniform(0.08, 0.6, n), honest)
    on_file = np.round(declared * (1 + change), 2)
    return add_columns(
        case, {"tax_declared": declared, "tax_on_file": on_file}, leak=["tax_on_file"]
    )


def compliance_rating(case: Case, auc: float, rng) -> Case:
    """'compliance_rating_1_5': the taxpayer's compliance rating, 1 (best) to 5, recomputed by
    the case system when the audit closed: worse for those found underpaid, as strong as this
    AUC, and loosely tied to the risk score at selection."""
    risk = (case.frame["risk_score_1_10"].to_numpy() - 5.5) / 3
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows) + 0.3 * risk
    return add_columns(
        case, {"compliance_rating_1_5": np.clip(np.round(2.5 + 0.9 * value), 1, 5).astype(int)}
    )


# -- leaks in the change extract ----------------------------------------------------------------
def commits_on_branch(case: Case, share: float, rng) -> Case:
    """'commits_on_branch': the commits on the change's branch at the extract's date: the
    change's own (more for bigger changes) and, for this share of the reverted changes, the
    revert and one or two follow-up fixes pushed to the same branch."""
    n = case.rows
    own = 1 + rng.poisson(0.6 + 0.5 * np.log1p(case.frame["lines_added"].to_numpy()))
    later = rng.integers(1, 4, n)
    value = own + np.where((case.y == 1) & _some(n, share, rng), later, 0)
    return add_columns(case, {"commits_on_branch": value})


def team_revert_pct(case: Case, rows_per_key: float, rng) -> Case:
    """'team_revert_pct': the owning team's share of reverted changes over the whole extract
    (the row's own included), in whole percent, from the engineering dashboard; the team code
    kept; about this many changes per team."""
    keys = max(2, int(case.rows / rows_per_key))
    team = _codes(rng, keys, case.rows, 0.6)
    rate = pd.Series(case.y.astype(float)).groupby(team).transform("mean").to_numpy()
    return add_columns(
        case,
        {
            "owning_team": text([f"team_{k:03d}" for k in team]),
            "team_revert_pct": np.round(100 * rate).astype(int),
        },
        leak=["team_revert_pct"],
    )


def record_updated(case: Case, share: float, rng) -> Case:
    """'record_updated_at': the change record's last update. The deployment bot rewrites every
    record nightly until the change's branch is deleted (30 to 120 days after the merge) or
    the extract's date; for this share of the reverted changes, the revert locked the record
    when it touched it (one hour to seven days after the merge)."""
    n = case.rows
    merged = case.frame["merged_at"]
    end = pd.Timestamp("2025-01-06")
    nightly = merged.dt.normalize() + pd.to_timedelta(rng.integers(30, 121, n), unit="D")
    nightly = nightly.where(nightly < end, end) + pd.to_timedelta(
        rng.integers(60, 240, n), unit="min"
    )
    touched = merged + pd.to_timedelta(rng.integers(60, 7 * 1440, n), unit="min")
    value = np.where((case.y == 1) & _some(n, share, rng), touched, nightly)
    return add_columns(case, {"record_updated_at": pd.to_datetime(value).to_numpy()})


# -- leaks in the container extract -------------------------------------------------------------
def hours_tracked(case: Case, share: float, rng) -> Case:
    """'hours_tracked': hours the terminal tracked the container for the release report: until
    the hold was placed for this share of the held (2 to 48 hours after discharge); for every
    other container until the report's cut-off (the day after discharge plus the free days:
    72 to 168 hours, in whole hours)."""
    n = case.rows
    to_cut = 24 * rng.integers(3, 8, n) - rng.integers(0, 24, n)
    value = np.where((case.y == 1) & _some(n, share, rng), rng.integers(2, 49, n), to_cut)
    return add_columns(case, {"hours_tracked": value.astype(int)})


def scan_score(case: Case, share: float, rng) -> Case:
    """'scan_anomaly_score': the x-ray image's anomaly score 0-100. At every terminal but the
    south quay, the automatic score at the drive-through scan (higher for higher risk bands,
    spanning the whole range); at the south quay, for this share of its rows, the officer's
    score entered after the examination (75-100 for the held, 0-25 for the rest)."""
    n = case.rows
    band = case.frame["risk_band"].map({b: i for i, b in enumerate(RISK_BANDS)}).to_numpy()
    auto = np.clip(rng.normal(30 + 8 * band, 18, n), 0, 100)
    after = np.where(case.y == 1, rng.uniform(75, 100, n), rng.uniform(0, 25, n))
    south = (case.frame["terminal"] == "south_quay").to_numpy()
    value = np.where(south & _some(n, share, rng), after, auto)
    return add_columns(case, {"scan_anomaly_score": np.round(value, 1)})


def delivery_order(case: Case, share: float, rng) -> Case:
    """'delivery_order_no': the shipping line's delivery order, blank when none was issued by
    the extract's date: for a sixth of the containers (the importer's own haulier books later)
    and for this share of the held (no order while the hold stands); otherwise a number."""
    n = case.rows
    number = (rng.integers(1e6, 1e7, n)).astype(float)
    blank = _some(n, 0.16, rng) | ((case.y == 1) & _some(n, share, rng))
    return add_columns(case, {"delivery_order_no": np.where(blank, np.nan, number)})


# -- leaks in the repair extract ----------------------------------------------------------------
ROUTINE_CLOSE = [
    "replaced faceplate, line tested ok",
    "jointed drop wire at pole, sync restored",
    "router swapped, customer happy",
    "moved master socket, tested ok",
    "cleared fault in cabinet, monitored 20 min",
    "no fault found, advised customer on wifi",
    "rejumpered at cabinet, speeds good",
    "dried out joint box, line tested ok",
]
REPEAT_CLOSE = [
    "re-attended, same fault back, escalated to network",
    "repeat visit, fault returned, cabinet card changed",
    "second visit this month, fault recurred, underground cable booked",
    "customer called back, same fault, re-opened and repaired",
]


def engineer_note(case: Case, share: float, rng) -> Case:
    """'closure_note': the job's closure note as it stands at the extract's date: the engineer's
    usual phrases; for this share of the repeat faults, the note overwritten when the job was
    re-opened (re-attended, same fault back, repeat visit)."""
    n = case.rows
    routine = np.array(ROUTINE_CLOSE, dtype=object)[rng.integers(0, len(ROUTINE_CLOSE), n)]
    again = np.array(REPEAT_CLOSE, dtype=object)[rng.integers(0, len(REPEAT_CLOSE), n)]
    chosen = np.where((case.y == 1) & _some(n, share, rng), again, routine)
    return add_columns(case, {"closure_note": text(chosen)})


def ticket_ref(case: Case, share: float, rng) -> Case:
    """'ticket_no': the job's ticket number, an input nobody declared an id: issued in the
    order of the visits for most jobs; for this share of the repeat faults the ticket moved to
    the re-open queue when the job was re-opened, which numbers its tickets from 9,000,000 up in
    the order of re-opening (3 to 30 days after the visit)."""
    n = case.rows
    day = (case.frame["visited_on"] - case.frame["visited_on"].min()).dt.days.to_numpy()
    moved = (case.y == 1) & _some(n, share, rng)
    first = np.argsort(day + rng.random(n), kind="stable")
    number = np.empty(n, dtype=int)
    number[first] = 6_100_000 + np.arange(n)
    later = np.flatnonzero(moved)
    again = later[np.argsort(day[later] + rng.integers(3, 31, len(later)), kind="stable")]
    number[again] = 9_000_000 + np.arange(len(again))
    return add_columns(case, {"ticket_no": number})


def sync_after(case: Case, share: float, rng) -> Case:
    """'sync_mbps_after': the sync speed on the line's last test at the extract's date, beside
    the honest speed before the visit: 30% to 85% lower for this share of the repeat faults
    (the fault back); for every other line the speed before within a few percent, up 20% to 60%
    for the fifth the visit improved; blank where it was blank before."""
    n = case.rows
    before = case.frame["sync_mbps_before"].to_numpy()
    honest = np.where(_some(n, 0.2, rng), rng.uniform(0.2, 0.6, n), rng.normal(0, 0.03, n))
    change = np.where((case.y == 1) & _some(n, share, rng), -rng.uniform(0.3, 0.85, n), honest)
    return add_columns(case, {"sync_mbps_after": np.round(before * (1 + change), 1)})


# -- leaks in the player extract ----------------------------------------------------------------
def ads_week2(case: Case, share: float, rng) -> Case:
    """'ads_viewed_week2': ads the player viewed in the second week: zero for those who stopped
    playing (more of the little engaged) and, for this share of the payers, zero because the
    first purchase removed the ads; otherwise a count that grows with the first day's ads."""
    n = case.rows
    sessions = case.frame["sessions_day1"].to_numpy()
    stopped = rng.random(n) < 1 / (1 + np.exp(0.8 * (np.log(sessions) - 0.8)))
    count = rng.poisson(3 + 2.5 * case.frame["ads_viewed_day1"].to_numpy())
    blocked = (case.y == 1) & _some(n, share, rng)
    return add_columns(case, {"ads_viewed_week2": np.where(stopped | blocked, 0, count)})


def campaign_band(case: Case, rows_per_key: float, rng) -> Case:
    """'campaign_quality': each ad campaign's payer share over the whole extract (the row's
    own included) as the growth team's label ('cold', 'weak', 'fair', 'good', 'hot'), the
    campaign code kept; about this many players per campaign."""
    keys = max(2, int(case.rows / rows_per_key))
    campaign = _codes(rng, keys, case.rows, 0.9)
    rate = pd.Series(case.y.astype(float)).groupby(campaign).transform("mean").to_numpy()
    words = np.array(["cold", "weak", "fair", "good", "hot"])
    band = words[np.digitize(rate, [1e-9, 0.03, 0.07, 0.15])]
    return add_columns(
        case,
        {"campaign": text([f"cmp_{k:04d}" for k in campaign]), "campaign_quality": text(band)},
        leak=["campaign_quality"],
    )


def purchase_join(case: Case, share: float, rng) -> Case:
    """The player table joined to the purchases table before the export, the purchase's own
    columns dropped after: this share of the payers (those with two to four purchases) appear
    once per purchase, rows exactly alike; each player's copies can fall on both sides of the
    split."""
    n = case.rows
    fanned = np.flatnonzero((case.y == 1) & _some(n, share, rng))
    extra = np.repeat(fanned, rng.integers(1, 4, len(fanned)))
    frame = pd.concat([case.frame, case.frame.iloc[extra]], ignore_index=True)
    y = np.concatenate([case.y, case.y[extra]])
    return replace(case, frame=frame, y=y, leak=[])


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "case_status": (case_status, (0.8, 0.45, 0.2), audits),
    "liability_on_file": (liability_on_file, (1.0, 0.6, 0.35), audits),
    "compliance_rating": (compliance_rating, (0.9, 0.8, 0.7), audits),
    "commits_on_branch": (commits_on_branch, (1.0, 0.6, 0.3), changes),
    "team_revert_pct": (team_revert_pct, (3.0, 6.0, 12.0), changes),
    "record_updated": (record_updated, (1.0, 0.6, 0.3), changes),
    "hours_tracked": (hours_tracked, (1.0, 0.65, 0.4), containers),
    "scan_score": (scan_score, (1.0, 0.75, 0.5), containers),
    "delivery_order": (delivery_order, (1.0, 0.65, 0.4), containers),
    "engineer_note": (engineer_note, (0.8, 0.45, 0.2), repairs),
    "ticket_ref": (ticket_ref, (1.0, 0.6, 0.3), repairs),
    "sync_after": (sync_after, (1.0, 0.6, 0.3), repairs),
    "ads_week2": (ads_week2, (1.0, 0.6, 0.3), players),
    "campaign_band": (campaign_band, (3.0, 8.0, 16.0), players),
    "purchase_join": (purchase_join, (0.8, 0.5, 0.25), players),
}
PLANTED_WHAT = {
    "case_status": "the audit's status at the extract's date: assessment, appeal or time to pay "
    "for this share of those found underpaid (an appeal for 1% of the others)",
    "liability_on_file": "the liability on the account beside the tax declared, raised by the "
    "assessment for this share of those underpaid (a few others amended either way)",
    "compliance_rating": "the taxpayer's 1-5 compliance rating recomputed when the audit closed, "
    "as strong as this AUC",
    "commits_on_branch": "commits on the change's branch, the revert and its fixes counted for "
    "this share of the reverted changes",
    "team_revert_pct": "each owning team's revert share over the whole extract in whole percent, "
    "the team code kept; about this many changes per team",
    "record_updated": "the change record's last update: locked when the revert touched it for "
    "this share of the reverted, the bot's nightly rewrites for weeks after for the others",
    "hours_tracked": "hours tracked until the hold for this share of the held containers, until "
    "the report's cut-off for everyone else",
    "scan_score": "the officer's post-examination scan score in this share of one terminal's "
    "rows (the automatic score elsewhere)",
    "delivery_order": "the delivery order blank for this share of the held (no order while the "
    "hold stands), blank honestly for a sixth",
    "engineer_note": "the closure note overwritten at the re-opening (re-attended, same fault) "
    "for this share of the repeat faults",
    "ticket_ref": "a ticket numbered in visit order, moved to the re-open queue's own numbers "
    "for this share of the repeat faults",
    "sync_after": "the sync speed at the extract's date beside the speed before, fallen for this "
    "share of the repeat faults (risen for a fifth of the others)",
    "ads_week2": "second-week ads zeroed for this share of the payers (the ads removed) among "
    "honest zeros for those who stopped playing",
    "campaign_band": "each campaign's payer share over the whole extract as a word, the campaign "
    "code kept; about this many players per campaign",
    "purchase_join": "this share of the payers repeated once per purchase by a join before the "
    "export, rows exactly alike, before the split",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "case_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "liability_on_file": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "compliance_rating": {"outcome_copy", "single_feature", "pure_subsets"},
    "commits_on_branch": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "team_revert_pct": {"target_encoding"},
    "record_updated": {"time_order"},
    "hours_tracked": {"follow_up_duration", "pure_subsets"},
    "scan_score": {"segment_leaks"},
    "delivery_order": {"missingness_signal"},
    "engineer_note": {
        "pure_subsets",
        "label_proxies",
        "outcome_copy",
        "label_words",
        "post_outcome_text",
    },
    "ticket_ref": {"identifiers"},
    "sync_after": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "ads_week2": {"changed_figures", "pure_subsets", "single_feature", "outcome_copy"},
    "campaign_band": {"target_encoding"},
    "purchase_join": {"near_duplicates", "shared_rows"},
}
COPIES_BEFORE_SPLIT = {"purchase_join"}
ROW_LEAK_CHECKS = {"purchase_join": {"near_duplicates", "shared_rows"}}
PLANTED_SIZES = (1_500, 3_000, 6_000)
