"""The calibration's tables in markdown: false alarms per check on null data, detection per
planted leak and strength, and the statement about leaks that move the holdout score."""

from __future__ import annotations

import numpy as np

CRITICAL_TARGET, WARNING_TARGET, POWER_TARGET, MOVE = 0.01, 0.05, 0.95, 0.05


def pct(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.1%})" if n else "—"


def render_null(records: list[dict], checks: list[str]) -> str:
    n = len(records)
    rows = sorted(r["rows"] for r in records)
    tasks = {
        t: sum(r["task"] == t for r in records) for t in ("binary", "multiclass", "regression")
    }
    lines = [
        f"### Null data: false alarms ({n} data sets)",
        "",
        f"{len({r['family'] for r in records})} families of real shapes, {rows[0]:,} to "
        f"{rows[-1]:,} rows (median {int(np.median(rows)):,}); "
        + ", ".join(f"{k} {t}" for t, k in tasks.items())
        + "; splits as a consultant would choose them (stratified, random, group, time). Rates "
        "are over all null data sets; a check that could not run counts as silent.",
        "",
        "| check | not applicable | warning or critical | critical | target met |",
        "|---|---|---|---|---|",
    ]
    for check in sorted(checks):
        status = [r["status"].get(check, "not_applicable") for r in records]
        na = sum(s == "not_applicable" for s in status)
        warn = sum(s in ("warning", "critical") for s in status)
        crit = sum(s == "critical" for s in status)
        met = crit / n <= CRITICAL_TARGET and warn / n <= WARNING_TARGET
        lines.append(
            f"| `{check}` | {na} | {pct(warn, n)} | {pct(crit, n)} | {'yes' if met else '**no**'} |"
        )
    any_warn = sum(any(s in ("warning", "critical") for s in r["status"].values()) for r in records)
    any_crit = sum(any(s == "critical" for s in r["status"].values()) for r in records)
    lines += [
        f"| any check | | {pct(any_warn, n)} | {pct(any_crit, n)} | |",
        "",
        "| family | data sets | rows | with a warning | with a critical finding | raised by |",
        "|---|---|---|---|---|---|",
    ]
    for family in dict.fromkeys(r["family"] for r in records):
        mine = [r for r in records if r["family"] == family]
        sizes = sorted(r["rows"] for r in mine)
        warn = sum(any(f["severity"] == "warning" for f in r["found"]) for r in mine)
        crit = sum(any(f["severity"] == "critical" for f in r["found"]) for r in mine)
        by = sorted({f["check"] for r in mine for f in r["found"]})
        span = f"{sizes[0]:,}" if sizes[0] == sizes[-1] else f"{sizes[0]:,}–{sizes[-1]:,}"
        lines.append(
            f"| {family} | {len(mine)} | {span} | {warn} | {crit} | {', '.join(by) or '—'} |"
        )
    seconds = [r["seconds"] for r in records]
    lines += [
        "",
        f"Battery time per data set: median {np.median(seconds):.1f} s, largest {max(seconds):.1f} s.",
    ]
    return "\n".join(lines)


def _move(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{np.median(values):+.3f} ({min(values):+.3f} to {max(values):+.3f})"


def render_planted(records: list[dict], strengths: dict, what: dict) -> str:
    lines = [
        f"### Planted leaks: detection ({len(records)} data sets)",
        "",
        "Each leak planted in an honest credit extract (1,000, 2,500 or 6,000 rows, 25% "
        "positives, holdout AUC about 0.75 without the leak), stratified split. *Move*: the "
        "holdout AUC of a default gradient-boosting model with the leak minus without it, on "
        "the same holdout rows and labels (without the planted columns; for censored outcomes "
        "without the date whose recency carries them; for copied rows with the original test "
        "part); median and range. *Named*: a critical finding names the planted column (for copied rows "
        "and censored outcomes: comes from the check that measures them).",
        "",
        "| leak | strength | data sets | move | critical | critical, named | warning or critical |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, levels in strengths.items():
        for level in levels:
            mine = [r for r in records if r["kind"] == kind and r["strength"] == level]
            if not mine:
                continue
            n = len(mine)
            moves = [r["move"] for r in mine if r["move"] is not None]
            crit = sum(r["critical"] for r in mine)
            named = sum(r["critical_named"] for r in mine)
            warn = sum(bool(r["found"]) for r in mine)
            lines.append(
                f"| {kind} | {level:g} | {n} | {_move(moves)} | {pct(crit, n)} | {pct(named, n)} "
                f"| {pct(warn, n)} |"
            )
    lines += ["", "What each leak plants, and what its strength is:", ""]
    lines += [f"- *{kind}*: {words}" for kind, words in what.items()]
    big = [r for r in records if r["move"] is not None and r["move"] >= MOVE]
    crit = sum(r["critical"] for r in big)
    named = sum(r["critical_named"] for r in big)
    met = bool(big) and crit / len(big) >= POWER_TARGET
    lines += [
        "",
        f"**Leaks that move the holdout score by {MOVE} or more: critical in {pct(crit, len(big))}"
        f"** (target {POWER_TARGET:.0%}: {'met' if met else 'not met'}); a critical finding "
        f"naming the leak in {pct(named, len(big))}.",
    ]
    lines += ["", *_by_check(records, strengths)]
    missed = [r for r in big if not r["critical"]]
    if missed:
        lines += ["", "Missed (moved the score by 0.05 or more, no critical finding):", ""]
        for r in missed[:12]:
            seen = ", ".join(f"{f['check']} ({f['severity']})" for f in r["found"]) or "nothing"
            lines.append(
                f"- {r['kind']} {r['strength']:g}, {r['rows']:,} rows, seed {r['seed']}: move "
                f"{r['move']:+.3f}; found {seen}"
            )
    return "\n".join(lines)


def _by_check(records: list[dict], strengths: dict) -> list[str]:
    """Which checks raise the critical findings, per leak (share of its data sets, all
    strengths): the power of each check on each kind of leak."""
    checks = sorted(
        {f["check"] for r in records for f in r["found"] if f["severity"] == "critical"}
    )
    if not checks:
        return []
    lines = [
        "Critical findings by check (share of each leak's data sets, all strengths together):",
        "",
        "| leak | " + " | ".join(f"`{c}`" for c in checks) + " |",
        "|---|" + "---|" * len(checks),
    ]
    for kind in strengths:
        mine = [r for r in records if r["kind"] == kind]
        if not mine:
            continue
        cells = []
        for c in checks:
            k = sum(
                any(f["check"] == c and f["severity"] == "critical" for f in r["found"])
                for r in mine
            )
            cells.append(f"{k / len(mine):.0%}" if k else "·")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines
