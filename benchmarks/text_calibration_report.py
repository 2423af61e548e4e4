"""The text checks' calibration in tables: false alarms per check and per family on null data,
detection per planted leak and strength, each for the tuning and the kept-aside families, with
one-sided 95% bounds; and the records as a compact CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from results_file import RESULTS, write_between
from scipy import stats

HERE = Path(__file__).parent
START, END = "<!-- calibration-text:start -->", "<!-- calibration-text:end -->"
CRITICAL_TARGET, WARNING_TARGET, POWER_TARGET, MOVE = 0.01, 0.05, 0.95, 0.05
GROUPS = ("tuning", "kept_aside")
GROUP_NAME = {"tuning": "tuning", "kept_aside": "kept aside"}


def upper(k: int, n: int) -> float:
    """One-sided 95% upper bound of a rate (Clopper-Pearson)."""
    return 1.0 if k >= n else float(stats.beta.ppf(0.95, k + 1, n - k))


def lower(k: int, n: int) -> float:
    """One-sided 95% lower bound of a rate (Clopper-Pearson)."""
    return 0.0 if k == 0 else float(stats.beta.ppf(0.05, k, n - k + 1))


def rate(k: int, n: int, bound: str = "upper") -> str:
    if not n:
        return "—"
    b = upper(k, n) if bound == "upper" else lower(k, n)
    sign = "≤" if bound == "upper" else "≥"
    return f"{k}/{n} ({k / n:.1%}; {sign} {b:.1%})"


def _serious(record: dict, check: str | None, levels: tuple[str, ...]) -> bool:
    return any(
        f["severity"] in levels and (check is None or f["check"] == check) for f in record["found"]
    )


def render_null(records: list[dict], checks: list[str]) -> str:
    lines = [
        f"### Null data: false alarms ({len(records)} data sets)",
        "",
        "Rates with their one-sided 95% upper bound; 'could not run' counts the data sets where "
        "the check said why it could not run (not counted as silent).",
        "",
        "| check | families | data sets | could not run | warning or critical | critical | "
        "target met |",
        "|---|---|---|---|---|---|---|",
    ]
    for check in [*checks, None]:
        for group in GROUPS:
            mine = [r for r in records if r["group"] == group]
            if not mine:
                continue
            n = len(mine)
            na = (
                sum(r["status"].get(c, "") == "not_applicable" for r in mine for c in checks)
                if (check is None)
                else sum(r["status"].get(check) == "not_applicable" for r in mine)
            )
            warn = sum(_serious(r, check, ("warning", "critical")) for r in mine)
            crit = sum(_serious(r, check, ("critical",)) for r in mine)
            met = crit / n <= CRITICAL_TARGET and warn / n <= WARNING_TARGET
            name = f"`{check}`" if check else "any text check"
            lines.append(
                f"| {name} | {GROUP_NAME[group]} | {n} | {na} | {rate(warn, n)} | "
                f"{rate(crit, n)} | {'yes' if met else '**no**'} |"
            )
    lines += [
        "",
        "| family | group | data sets | rows | classes | with a warning | with a critical "
        "finding | raised by |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for family in dict.fromkeys(r["family"] for r in records):
        mine = [r for r in records if r["family"] == family]
        sizes = sorted(r["rows"] for r in mine)
        classes = sorted(r["classes"] for r in mine)
        warn = sum(_serious(r, None, ("warning",)) for r in mine)
        crit = sum(_serious(r, None, ("critical",)) for r in mine)
        by = sorted({f["check"] for r in mine for f in r["found"]})
        lines.append(
            f"| {family} | {GROUP_NAME[mine[0]['group']]} | {len(mine)} | {sizes[0]:,}–"
            f"{sizes[-1]:,} | {classes[0]}–{classes[-1]} | {warn} | {crit} | "
            f"{', '.join(by) or '—'} |"
        )
    return "\n".join(lines)


def _median(values: list[float]) -> str:
    return f"{np.median(values):+.3f}" if values else "—"


def render_planted(records: list[dict], checks: list[str]) -> str:
    lines = [
        f"### Planted leaks: detection ({len(records)} data sets)",
        "",
        "Move: the holdout ROC AUC of TF-IDF + logistic regression with the leak minus without "
        "it (median). Critical and named: a text check's critical finding names the text "
        "column. By check: data sets where that check was critical.",
        "",
        "| leak | share | group | data sets | move | moves ≥ 0.05 | critical and named | "
        "of those moving ≥ 0.05 | " + " | ".join(f"`{c}`" for c in checks) + " |",
        "|---|---|---|---|---|---|---|---|" + "---|" * len(checks),
    ]
    keys = dict.fromkeys((r["kind"], r["strength"]) for r in records)
    for kind, strength in keys:
        for group in GROUPS:
            mine = [
                r
                for r in records
                if r["kind"] == kind and r["strength"] == strength and r["group"] == group
            ]
            if not mine:
                continue
            big = [r for r in mine if r["move"] >= MOVE]
            by = [sum(_serious(r, c, ("critical",)) for r in mine) for c in checks]
            lines.append(
                f"| {kind} | {strength:g} | {GROUP_NAME[group]} | {len(mine)} | "
                f"{_median([r['move'] for r in mine])} | {len(big)} | "
                f"{sum(r['critical_named'] for r in mine)}/{len(mine)} | "
                f"{sum(r['critical_named'] for r in big)}/{len(big)} | "
                + " | ".join(str(b) for b in by)
                + " |"
            )
    lines += [
        "",
        "| group | all planted: critical and named | moving the holdout by ≥ 0.05: "
        "critical and named | target met |",
        "|---|---|---|---|",
    ]
    for group in GROUPS:
        mine = [r for r in records if r["group"] == group]
        if not mine:
            continue
        big = [r for r in mine if r["move"] >= MOVE]
        k = sum(r["critical_named"] for r in big)
        met = bool(big) and k / len(big) >= POWER_TARGET
        found = sum(r["critical_named"] for r in mine)
        lines.append(
            f"| {GROUP_NAME[group]} | {rate(found, len(mine), 'lower')} | "
            f"{rate(k, len(big), 'lower')} | {'yes' if met else '**no**'} |"
        )
    na = {c: sum(r["status"].get(c) == "not_applicable" for r in records) for c in checks}
    lines += [
        "",
        "Could not run on planted data: "
        + ", ".join(f"`{c}` {k}" for c, k in na.items())
        + " (of "
        + f"{len(records)}).",
    ]
    return "\n".join(lines)


def render(null: list[dict], planted: list[dict], command: str, checks: list[str]) -> str:
    parts = [
        "## Text checks: calibration (`benchmarks/calibration_text.py`)",
        "",
        f"Made by `{command}` (one process, one thread); records in `runs/calibration_text/`, "
        "one line per data set in `benchmarks/calibration_text.csv`. Thresholds were set on the "
        "tuning families and frozen before the kept-aside families ran. Targets on the "
        "kept-aside families: on null data a text check critical in at most 1% of data sets "
        "and warning in at most 5%; at least 95% of the planted leaks that move the holdout by "
        "0.05 or more critical and named.",
        "",
    ]
    if null:
        parts += [render_null(null, checks), ""]
    if planted:
        parts += [render_planted(planted, checks), ""]
    if null or planted:
        seconds = [r["seconds"] for r in [*null, *planted]]
        parts += [
            f"Text checks' time per data set: median {np.median(seconds):.2f} s, largest "
            f"{max(seconds):.1f} s.",
            "",
        ]
    return "\n".join(parts)


def write_results(section: str, path: Path = RESULTS) -> None:
    """Put the section between this benchmark's markers of RESULTS.md (appended the first
    time)."""
    write_between(section, START, END, path)


STATUS = {
    "passed": "ok",
    "not_applicable": "na",
    "info": "info",
    "warning": "warn",
    "critical": "crit",
}


def write_csv(
    rounds: dict[str, tuple[list[dict], list[dict]]],
    checks: list[str],
    path: Path = HERE / "calibration_text.csv",
) -> None:
    """One line per data set: its round, what it was, each text check's status, the move, the
    verdict."""
    fields = ["round", "part", "group", "family", "kind", "strength", "rows", "classes", "seed",
              *checks, "critical_named", "move", "seconds"]  # fmt: skip
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for name, (null, planted) in rounds.items():
            for part, records in (("null", null), ("planted", planted)):
                for r in records:
                    writer.writerow(
                        {
                            "round": name,
                            "part": part,
                            "group": r["group"],
                            "family": r.get("family") or r.get("base"),
                            "kind": r.get("kind", ""),
                            "strength": r.get("strength", ""),
                            "rows": r["rows"],
                            "classes": r["classes"],
                            "seed": r["seed"],
                            **{c: STATUS.get(r["status"].get(c, ""), "") for c in checks},
                            "critical_named": int(r.get("critical_named", False)),
                            "move": r.get("move", ""),
                            "seconds": r["seconds"],
                        }
                    )
