"""The calibration's tables in markdown, from the per-data-set rows: false alarms per check on
null data and detection per planted leak, the tuning and the kept-aside families side by side,
with 95% bounds, and "could not run" counted apart from "silent"."""

from __future__ import annotations

import numpy as np
from calibration_records import checks_of
from scipy.stats import beta

CRITICAL_TARGET, WARNING_TARGET, POWER_TARGET, MOVE = 0.01, 0.05, 0.95, 0.05
SETS = ("tuning", "kept_aside")
SET_WORDS = {"tuning": "tuning", "kept_aside": "kept aside"}


def upper(k: int, n: int) -> float:
    """One-sided 95% upper bound of a rate of k in n (Clopper-Pearson)."""
    return 1.0 if n == 0 or k >= n else float(beta.ppf(0.95, k + 1, n - k))


def lower(k: int, n: int) -> float:
    """One-sided 95% lower bound of a rate of k in n (Clopper-Pearson)."""
    return 0.0 if n == 0 or k == 0 else float(beta.ppf(0.05, k, n - k + 1))


def pct(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.1%})" if n else "—"


def status(row: dict, check: str) -> str:
    if check in checks_of(row, "critical"):
        return "critical"
    if check in checks_of(row, "warning"):
        return "warning"
    if check in checks_of(row, "not_applicable"):
        return "not_applicable"
    return "passed"


def _sets(rows):
    return [s for s in SETS if any(r["set"] == s for r in rows)]


def render_null(rows: list[dict], checks: list[str]) -> str:
    sets = _sets(rows)
    lines = ["### Null data: false alarms", ""]
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        sizes = sorted(r["rows"] for r in mine)
        tasks = {
            t: sum(r["task"] == t for r in mine) for t in ("binary", "multiclass", "regression")
        }
        lines.append(
            f"- *{SET_WORDS[s]}*: {len(mine)} data sets from {len({r['family'] for r in mine})} "
            f"families, {sizes[0]:,} to {sizes[-1]:,} rows (median {int(np.median(sizes)):,}); "
            + ", ".join(f"{k} {t}" for t, k in tasks.items())
            + "."
        )
    lines += [
        "",
        "Columns are declared known by the decision, as a consultant does who answers `workbench "
        "init`'s question; a strong honest column or an honest step then draws information, "
        "where with its timing left unknown it draws a warning (the question the data cannot "
        "answer: counted below). A check that could not run is counted apart, not as silent.",
        "",
        _summary(rows, sets),
        "",
        "| check | "
        + " | ".join(
            f"{SET_WORDS[s]}: could not run | {SET_WORDS[s]}: warning or "
            f"critical | {SET_WORDS[s]}: critical"
            for s in sets
        )
        + " |",
        "|---|" + "---|---|---|" * len(sets),
    ]
    for check in sorted(checks):
        cells = []
        for s in sets:
            mine = [r for r in rows if r["set"] == s]
            st = [status(r, check) for r in mine]
            na = sum(x == "not_applicable" for x in st)
            warn = sum(x in ("warning", "critical") for x in st)
            crit = sum(x == "critical" for x in st)
            cells += [str(na), pct(warn, len(mine)), pct(crit, len(mine))]
        lines.append(f"| `{check}` | " + " | ".join(cells) + " |")
    lines += ["", *_families(rows, sets)]
    seconds = [r["seconds"] for r in rows]
    lines += [
        "",
        f"Battery time per data set: median {np.median(seconds):.1f} s, largest "
        f"{max(seconds):.1f} s (a shared machine).",
    ]
    return "\n".join(lines)


def _summary(rows, sets) -> str:
    lines = [
        "| set | data sets | any warning or critical (95% upper bound) | any critical (95% upper "
        "bound) | target met | a warning, were the timing unknown |",
        "|---|---|---|---|---|---|",
    ]
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        n = len(mine)
        warn = sum(bool(r["critical"] or r["warning"]) for r in mine)
        crit = sum(bool(r["critical"]) for r in mine)
        timing = sum(bool(r["critical"] or r["warning"] or r["info_timing"]) for r in mine)
        wu, cu = upper(warn, n), upper(crit, n)
        met = warn / n <= WARNING_TARGET and crit / n <= CRITICAL_TARGET
        bound = wu <= WARNING_TARGET and cu <= CRITICAL_TARGET
        verdict = (
            "yes, bounds too"
            if met and bound
            else "yes; the bound is above it"
            if met
            else "**no**"
        )
        lines.append(
            f"| {SET_WORDS[s]} | {n} | {pct(warn, n)}, ≤ {wu:.1%} | {pct(crit, n)}, ≤ {cu:.1%} | "
            f"{verdict} | {pct(timing, n)} |"
        )
    return "\n".join(lines)


def _families(rows, sets) -> list[str]:
    lines = [
        "| set | family | data sets | rows | with a warning | with a critical finding | raised by "
        "| a warning, were the timing unknown |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        for family in dict.fromkeys(r["family"] for r in mine):
            fam = [r for r in mine if r["family"] == family]
            sizes = sorted(r["rows"] for r in fam)
            warn = sum(bool(r["warning"]) and not r["critical"] for r in fam)
            crit = sum(bool(r["critical"]) for r in fam)
            timing = sum(bool(r["info_timing"]) for r in fam)
            by = sorted(
                {c for r in fam for c in checks_of(r, "critical") | checks_of(r, "warning")}
            )
            span = f"{sizes[0]:,}" if sizes[0] == sizes[-1] else f"{sizes[0]:,}–{sizes[-1]:,}"
            lines.append(
                f"| {SET_WORDS[s]} | {family} | {len(fam)} | {span} | {warn} | {crit} | "
                f"{', '.join(by) or '—'} | {timing} |"
            )
    return lines


def _move(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{np.median(values):+.3f} ({min(values):+.3f} to {max(values):+.3f})"


def _outcome(row: dict) -> str:
    """What the battery did with a planted data set."""
    if row["named"]:
        return "critical, named"
    if row["critical"]:
        return "critical, not named"
    if row["warning"]:
        return "warning only"
    if row["expected_could_not_run"]:
        return "could not run"
    return "silent"


def render_planted(rows: list[dict], what: dict | None = None) -> str:
    from calibration_sets import WHAT

    what = what or WHAT
    sets = _sets(rows)
    lines = [
        "### Planted leaks: detection",
        "",
        "The first tuning leaks are planted in an honest credit extract (25% positives, "
        "holdout AUC about 0.75 without the leak); each later generation's leaks in the "
        "extracts of its own domains (named above for the kept-aside one), built by its own "
        "generators. Tuning sets have 1,000, 2,500 or 6,000 rows (a run with one data set per "
        "leak and strength: 1,000), kept-aside sets 1,500, 3,000 or 6,000. "
        "*Move*: the holdout AUC of a default gradient-boosting model with the leak minus "
        "without it, on the same holdout rows and labels (without the planted columns; for "
        "censored outcomes without the date whose recency carries them; for rows copied into "
        "the test part with the original test part; for records exported twice, the extract "
        "without the copies, split alike). *Named*: a critical finding names a planted column "
        "(for copied rows and censored outcomes: comes from the check that measures them). "
        "*Could not run*: every check meant for the leak could not run on the data; *silent*: "
        "they ran and found nothing.",
        "",
        "| set | planted data sets | critical and named, all | moved the holdout by 0.05 or more "
        "| critical and named, of those (95% lower bound) | target met | the others: critical not "
        "named / warning only / silent / could not run |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        big = _movers(mine, s)
        named_all = sum(bool(r["named"]) for r in mine)
        named_big = sum(bool(r["named"]) for r in big)
        rest = [_outcome(r) for r in mine if not r["named"]]
        counts = " / ".join(
            str(rest.count(k))
            for k in ("critical, not named", "warning only", "silent", "could not run")
        )
        met = bool(big) and named_big / len(big) >= POWER_TARGET
        lines.append(
            f"| {SET_WORDS[s]} | {len(mine)} | {pct(named_all, len(mine))} | {len(big)} | "
            f"{pct(named_big, len(big))} (≥ {lower(named_big, len(big)):.1%}) | "
            f"{'yes' if met else '**no**'} | {counts} |"
        )
    lines += _answered(rows, sets)
    lines += [
        "",
        "| set | leak | strength | data sets | move | critical, named | warning or critical | "
        "could not run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in sets:
        mine = [r for r in rows if r["set"] == s]
        for kind in dict.fromkeys(r["family"] for r in mine):
            levels = dict.fromkeys(r["strength"] for r in mine if r["family"] == kind)
            for level in levels:
                cell = [r for r in mine if r["family"] == kind and r["strength"] == level]
                n = len(cell)
                moves = [r["move"] for r in cell if r["move"] is not None]
                named = sum(bool(r["named"]) for r in cell)
                warn = sum(bool(r["critical"] or r["warning"]) for r in cell)
                na = sum(bool(r["expected_could_not_run"]) for r in cell)
                lines.append(
                    f"| {SET_WORDS[s]} | {kind} | {level:g} | {n} | {_move(moves)} | "
                    f"{pct(named, n)} | {pct(warn, n)} | {na} |"
                )
    lines += ["", "What each leak plants, and what its strength is:", ""]
    kinds = dict.fromkeys(r["family"] for r in rows)
    lines += [f"- *{kind}*: {what.get(kind, '')}" for kind in kinds]
    lines += ["", *_by_check(rows), "", *_missed(rows, sets)]
    return "\n".join(lines)


def _movers(rows: list[dict], set_name: str) -> list[dict]:
    """The set's planted data sets whose leak moved the holdout score by `MOVE` or more."""
    return [r for r in rows if r["set"] == set_name and r["move"] is not None and r["move"] >= MOVE]


def _answered(rows: list[dict], sets: list[str]) -> list[str]:
    """Power with the contract's question answered: a leak that moved the holdout is caught
    when a critical finding names it, or when `init` asks the data owner when its column
    becomes known (it is among the strongest columns on their own) — answered truthfully,
    after the outcome, the column is excluded before any model sees it. Only data sets whose
    record says whether it was asked."""
    out = []
    for s in sets:
        big = [r for r in _movers(rows, s) if r.get("asked") is not None]
        if not big:
            continue
        named = sum(bool(r["named"]) for r in big)
        asked = sum(bool(r["asked"]) for r in big)
        either = sum(bool(r["named"] or r["asked"]) for r in big)
        met = either / len(big) >= POWER_TARGET
        out.append(
            f"| {SET_WORDS[s]} | {len(big)} | {pct(named, len(big))} | {pct(asked, len(big))} "
            f"| {pct(either, len(big))} (≥ {lower(either, len(big)):.1%}) | "
            f"{'yes' if met else '**no**'} |"
        )
    if not out:
        return []
    return [
        "",
        "The same leaks with the contract's question answered: `init` prints the strongest "
        "columns on their own with their scores and asks the data owner when each becomes "
        "known; a planted column among them, dated truthfully after the outcome, is excluded "
        "before any model sees it. *Caught*: critical and named, or asked. The data alone "
        "gives the figure above; this one is what the sprint's first conversation adds.",
        "",
        "| set | moved the holdout by 0.05 or more | critical and named | asked by `init` | "
        "caught (95% lower bound) | target met |",
        "|---|---|---|---|---|---|",
        *out,
    ]


def _by_check(rows: list[dict]) -> list[str]:
    """Which checks raise the critical findings, per leak (share of its data sets, all
    strengths): the power of each check on each kind of leak."""
    checks = sorted({c for r in rows for c in checks_of(r, "critical")})
    if not checks:
        return []
    lines = [
        "Critical findings by check (share of each leak's data sets, all strengths together):",
        "",
        "| leak | " + " | ".join(f"`{c}`" for c in checks) + " |",
        "|---|" + "---|" * len(checks),
    ]
    for kind in dict.fromkeys(r["family"] for r in rows):
        mine = [r for r in rows if r["family"] == kind]
        cells = []
        for c in checks:
            k = sum(c in checks_of(r, "critical") for r in mine)
            cells.append(f"{k / len(mine):.0%}" if k else "·")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def _missed(rows, sets) -> list[str]:
    lines = []
    for s in sets:
        big = [r for r in _movers(rows, s) if not r["named"]]
        if not big:
            continue
        lines += [
            f"Missed, {SET_WORDS[s]} (moved the score by 0.05 or more, no critical finding "
            "naming the leak):",
            "",
        ]
        for r in big[:15]:
            seen = ", ".join(
                f"{c} ({lvl})" for lvl in ("critical", "warning") for c in sorted(checks_of(r, lvl))
            )
            lines.append(
                f"- {r['family']} {r['strength']:g}, {r['rows']:,} rows, seed {r['seed']}: move "
                f"{r['move']:+.3f}; {_outcome(r)}" + (f" ({seen})" if seen else "")
            )
        if len(big) > 15:
            lines.append(f"- … and {len(big) - 15} more (in the CSV)")
        lines.append("")
    return lines
