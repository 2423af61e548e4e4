"""The calibration's per-data-set records as compact rows: one per data set, enough to
recompute every figure of the tables (benchmarks/calibration_records.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = [
    "set",  # tuning | kept_aside
    "part",  # null | planted
    "family",  # the null family or the planted leak
    "strength",  # the leak's strength (empty for null data)
    "rows",
    "seed",
    "task",
    "split",
    "move",  # holdout score with the leak minus without (empty: not measurable)
    "critical",  # checks with a critical finding, ';'-separated
    "warning",  # checks whose worst finding is a warning
    "info_timing",  # checks whose information would be a warning were the timing unknown
    "not_applicable",  # checks that could not run on this data (or stopped on an error)
    "named",  # planted: a critical finding names the leak (1/0)
    "expected_could_not_run",  # planted: every check meant for this leak could not run (1/0)
    "asked",  # planted: init asks when a planted column becomes known (1/0; empty: not recorded)
    "seconds",
    "checks_version",  # a hash of leakage_checks/*.py when the record was made
]


def _join(items) -> str:
    return ";".join(sorted(set(items)))


def to_row(record: dict) -> dict:
    part = "planted" if "kind" in record else "null"
    status = record["status"]
    found = record["found"]
    critical = [f["check"] for f in found if f["severity"] == "critical"]
    warning = [f["check"] for f in found if f["severity"] == "warning"]
    info = [f["check"] for f in found if f["severity"] == "info"]
    na = [c for c, s in status.items() if s in ("not_applicable", "failed")]
    expected = set(record.get("expected_checks", []))
    row = {
        "set": record.get("set", "tuning"),
        "part": part,
        "family": record["kind"] if part == "planted" else record["family"],
        "strength": record.get("strength"),
        "rows": record["rows"],
        "seed": record["seed"],
        "task": record.get("task", "binary"),
        "split": record.get("split", "stratified"),
        "move": record.get("move"),
        "critical": _join(critical),
        "warning": _join(c for c in warning if c not in critical),
        "info_timing": _join(c for c in info if c not in critical and c not in warning),
        "not_applicable": _join(na),
        "named": int(record["critical_named"]) if part == "planted" else None,
        "expected_could_not_run": int(bool(expected) and expected <= set(na))
        if part == "planted"
        else None,
        "asked": int(record["asked"]) if part == "planted" and "asked" in record else None,
        "seconds": record["seconds"],
        "checks_version": record.get("checks_version", ""),
    }
    return row


def to_rows(records: list[dict]) -> list[dict]:
    return [to_row(r) for r in records]


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    """The rows as written, numbers read back as numbers."""
    if not path.exists():
        return []
    rows = []
    with path.open() as src:
        for row in csv.DictReader(src):
            for key in ("rows", "seed"):
                row[key] = int(row[key])
            for key in ("strength", "move", "seconds"):
                row[key] = float(row[key]) if row[key] != "" else None
            for key in ("named", "expected_could_not_run", "asked"):
                row[key] = int(row[key]) if row.get(key, "") != "" else None
            rows.append(row)
    return rows


def checks_of(row: dict, key: str) -> set[str]:
    return set(row[key].split(";")) - {""} if row[key] else set()
