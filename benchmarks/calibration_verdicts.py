"""Calibration of the workbench's verdicts: how often the fairness verdict, the decision rules and
the bootstrap's units raise an alarm on generated holdouts where there is nothing to find, and
how often they find what was planted.

    uv run python benchmarks/calibration_verdicts.py [--quick] [--seed 0]
    uv run python benchmarks/calibration_verdicts.py --from benchmarks/calibration_verdicts.csv

Every holdout is made from scratch and judged with the workbench's own code
(`verdict_scoring`). The families come in two parts, as a model's data would:

- development (`verdict_families`): the families the verdicts were built and their thresholds
  set on — their rates are training scores;
- kept aside (`verdict_families_aside`): shapes unlike them, written before their first run and
  run only once every threshold was frozen — the calibration's holdout score.

Each holdout is one record (its family, index, rows, whether the verdict could run, and 0/1
flags of what it said); `--write` keeps them in `benchmarks/calibration_verdicts.csv`, from
which every figure of the tables can be recomputed (`--from`). A rate is given with its exact
one-sided 95% bound (Clopper–Pearson: the upper bound for a false-alarm rate, the lower for a
power), over every holdout of its family; holdouts the verdict could not run on are counted
apart, never as silent. Targets (docs/decision-rules.md): on null data no critical verdict in
more than 1% of holdouts nor a warning in more than 5%; a planted effect found in at least 95%.
`run(quick, seed)` returns the records, `render(results)` the markdown.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import verdict_families as dev  # noqa: E402
import verdict_families_aside as aside  # noqa: E402
from verdict_scoring import decision, evaluation, spec_for  # noqa: E402,F401  (used by the tests)

CRITICAL, WARNING, ONE_SIDE, POWER = 0.01, 0.05, 0.025, 0.95
RECORDS = HERE / "calibration_verdicts.csv"


@dataclass(frozen=True)
class Family:
    name: str
    part: str  # development | kept aside
    draw: object  # (count, seed) -> records
    count: tuple[int, int]  # holdouts in a quick run, in a full one
    offset: int  # added to the run's seed: every family draws from its own


DEVELOPMENT, KEPT_ASIDE = "development", "kept aside"
FAMILIES = [
    Family("fairness_null", DEVELOPMENT, dev.fairness_null, (200, 600), 0),
    *[
        Family(
            f"fairness_power_{n}",
            DEVELOPMENT,
            lambda c, s, n=n: dev.fairness_power(c, s, n),
            (40, 200),
            1,
        )
        for n in (1000, 2000, 5000)
    ],
    Family("fairness_both", DEVELOPMENT, dev.fairness_both, (40, 200), 2),
    Family("fairness_shown_fair", DEVELOPMENT, dev.fairness_shown_fair, (20, 100), 7),
    Family("small_group_never_served", DEVELOPMENT, dev.small_group_never_served, (40, 200), 8),
    Family("decisions_null", DEVELOPMENT, dev.decisions_null, (200, 600), 3),
    Family("always_yes", DEVELOPMENT, dev.always_yes, (200, 600), 9),
    Family("decisions_no_lift", DEVELOPMENT, dev.decisions_no_lift, (80, 400), 4),
    Family("clustered_null", DEVELOPMENT, dev.clustered_null, (80, 400), 5),
    Family("day_effect_null", DEVELOPMENT, dev.day_effect_null, (200, 600), 10),
    *[
        Family(
            f"decisions_power_{n}",
            DEVELOPMENT,
            lambda c, s, n=n: dev.decisions_power(c, s, n),
            (40, 200),
            6,
        )
        for n in (1000, 3000)
    ],
    Family("fitted_fair_model", KEPT_ASIDE, aside.fitted_fair_model, (200, 600), 1000),
    Family("false_alarm_gap", KEPT_ASIDE, aside.false_alarm_gap, (40, 200), 1001),
    Family("intersection_gap", KEPT_ASIDE, aside.intersection_gap, (40, 200), 1002),
    Family("small_groups_any", KEPT_ASIDE, aside.small_groups_any, (200, 600), 1003),
    Family("no_signal_other_metrics", KEPT_ASIDE, aside.no_signal_other_metrics, (200, 600), 1004),
    Family("no_signal_regression", KEPT_ASIDE, aside.no_signal_regression, (200, 600), 1005),
    # run first as a kept-aside family; its 10.5% changed the block-length rule, so it is a
    # development family now, and two new kept-aside families test the rule that replaced it
    Family("drifting_days", DEVELOPMENT, aside.drifting_days, (200, 600), 1006),
    Family("regime_switches", KEPT_ASIDE, aside.regime_switches, (200, 600), 1011),
    Family("random_seasons", KEPT_ASIDE, aside.random_seasons, (200, 600), 1012),
    Family("weekly_stamps", KEPT_ASIDE, aside.weekly_stamps, (200, 600), 1007),
    Family("unequal_customers", KEPT_ASIDE, aside.unequal_customers, (200, 600), 1008),
    Family("signal_with_day_effect", KEPT_ASIDE, aside.signal_with_day_effect, (40, 200), 1009),
    Family("signal_several_classes", KEPT_ASIDE, aside.signal_several_classes, (40, 200), 1010),
]


@dataclass(frozen=True)
class Measure:
    """One line of the tables: a flag of a family's records against its target."""

    family: str
    flag: str
    verdict: str  # Fairness | Decision | Intervals
    data: str
    measured: str
    target: float | None  # None: information
    at_most: bool = True  # a false-alarm rate (at most) or a power (at least)
    nominal: float | None = None  # what the interval's level alone gives, shown beside


MEASURES = [
    Measure("fairness_null", "critical", "Fairness", "fair models (300–20,000 rows, 2–8 groups of unequal size and base rate, 1–50% positives, 1–3 sensitive columns and their pairs)", "critical: a gap above 0.10", CRITICAL),
    Measure("fairness_null", "warning", "Fairness", "same", "warning: a gap beyond chance that may exceed 0.10", WARNING),
    Measure("fairness_null", "unresolved", "Fairness", "same", "cannot tell: not shown within 0.10 (groups too small)", None),
    Measure("fairness_null", "passed", "Fairness", "same", "pass: every gap shown within 0.10", None),
    *[m for n in (1000, 2000, 5000) for m in (
        Measure(f"fairness_power_{n}", "raised", "Fairness", f"a real gap of 0.28, {n:,} rows, 30% positives, 3 groups", "gap raised", POWER, False),
        Measure(f"fairness_power_{n}", "fair_raised", "Fairness", "same, a second sensitive column without a gap", "raised", WARNING),
    )],
    Measure("fairness_both", "both", "Fairness", "real gaps of 0.28 and 0.35 in two columns, 4,000 rows", "both raised", POWER, False),
    Measure("fairness_shown_fair", "passed", "Fairness", "fair models, 20,000 rows, 2 groups, 30% positives", "pass: every gap shown within 0.10", POWER, False),
    Measure("small_group_never_served", "passed", "Fairness", "the issue's probe: two groups of 10,000 served alike, a third of 1,000 rows with 5–19 positives never flagged", "pass (the small group passed over)", CRITICAL),
    Measure("decisions_null", "build", "Decision", "no signal (200–3,000 rows; ROC AUC bar 0.6/0.7, or accuracy 0.85 at a 90–98% majority class)", "build or build with conditions", CRITICAL),
    Measure("decisions_null", "tuned_claimed", "Decision", "same", "lift over the baseline passed (both models noise)", WARNING),
    Measure("decisions_null", "inconclusive", "Decision", "same", "inconclusive (a bar straddled)", None),
    Measure("always_yes", "chance_passed", "Decision", "the issue's probe: F1 against a bar of 0.30, 30% positives, a model that says yes to everyone or scores at random", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("always_yes", "build", "Decision", "same", "build or build with conditions", CRITICAL),
    Measure("decisions_no_lift", "tuned_claimed", "Decision", "a tuned model no better than the baseline", "lift over the baseline passed", WARNING),
    Measure("clustered_null", "rows_bootstrap", "Intervals", "no signal, 1,500 rows of 30 clustered customers; rows drawn one by one (the workbench before)", "better than no model passed", None),
    Measure("clustered_null", "group_bootstrap", "Intervals", "same, whole customers drawn (a group split)", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("day_effect_null", "row_blocks", "Intervals", "the issue's probe: no signal, 1,500 rows, 50 a day for 30 days, a day effect; blocks of n^(1/3) rows (the workbench before)", "better than no model passed", None),
    Measure("day_effect_null", "calendar_units", "Intervals", "same, the data's time drawn (whole days)", "better than no model passed", WARNING, nominal=ONE_SIDE),
    *[m for n in (1000, 3000) for m in (
        Measure(f"decisions_power_{n}", "build", "Decision", f"real signal: ROC AUC 0.85 (baseline 0.78) against a bar of 0.70, {n:,} rows", "build or build with conditions", POWER, False),
        Measure(f"decisions_power_{n}", "lift_found", "Decision", f"a real lift of 0.07 (0.85 over 0.78), agreed lift 0.01, {n:,} rows", "lift over the baseline passed", POWER, False),
    )],
    Measure("fitted_fair_model", "critical", "Fairness", "a fair model fitted (logistic, inputs independent of age, sex and a region with a 2% group), 2,000–12,000 rows, the columns and their pairs", "critical: a gap above 0.10", CRITICAL),
    Measure("fitted_fair_model", "warning", "Fairness", "same", "warning: a gap beyond chance that may exceed 0.10", WARNING),
    Measure("fitted_fair_model", "unresolved", "Fairness", "same", "cannot tell: not shown within 0.10", None),
    Measure("fitted_fair_model", "passed", "Fairness", "same", "pass: every gap shown within 0.10", None),
    Measure("false_alarm_gap", "raised", "Fairness", "a gap of 0.20 in false alarms (not hits), 4,000 rows, 2 groups", "gap raised", POWER, False),
    Measure("intersection_gap", "raised", "Fairness", "a gap of 0.40 in hits only for women over 60, 12,000 rows", "a column or pair raised", POWER, False),
    Measure("intersection_gap", "pair_raised", "Fairness", "same", "the pair age × sex raised", None),
    Measure("small_groups_any", "passed", "Fairness", "a rare group of 30–400 rows with 1–19 positives flagged at any rate, beside two large fair groups", "pass (the small group passed over)", CRITICAL),
    Measure("no_signal_other_metrics", "chance_passed", "Decision", "no signal on F1, balanced accuracy, average precision, log loss, Brier, macro F1; random scores of three shapes, 5–60% positives, 300–3,000 rows, random bars", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("no_signal_other_metrics", "build", "Decision", "same", "build or build with conditions", CRITICAL),
    Measure("no_signal_regression", "chance_passed", "Decision", "no signal on a number (R², MAE, RMSE, MAPE; skewed outcomes), predictions around the training mean", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("no_signal_regression", "build", "Decision", "same", "build or build with conditions", CRITICAL),
    Measure("drifting_days", "chance_passed", "Intervals", "no signal, one row a day for 400 days, outcome and scores drifting (autocorrelated) apart", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("drifting_days", "blocks", "Intervals", "same", "blocks of several days set by the autocorrelation", None),
    Measure("regime_switches", "chance_passed", "Intervals", "no signal, one row a day for 500 days, outcome and scores each switching between two regimes of about a month, apart", "better than no model passed", WARNING),
    Measure("regime_switches", "blocks", "Intervals", "same", "blocks of several days set by the autocorrelation", None),
    Measure("random_seasons", "chance_passed", "Intervals", "no signal, two years, two rows a day, outcome and scores each following a season of random length and phase, apart", "better than no model passed", WARNING),
    Measure("random_seasons", "blocks", "Intervals", "same", "blocks of several days set by the autocorrelation", None),
    Measure("weekly_stamps", "chance_passed", "Intervals", "no signal, 40 weeks stamped on their Monday, 40 rows a week, a week effect", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("unequal_customers", "chance_passed", "Intervals", "no signal, 150 customers of Zipf sizes (1–400 rows), a customer effect, group split", "better than no model passed", WARNING, nominal=ONE_SIDE),
    Measure("signal_with_day_effect", "build", "Decision", "real signal (ROC AUC about 0.8 within a day) with a day effect, 1,500 rows of 30 days, bar 0.65, whole days drawn", "build or build with conditions", POWER, False),
    Measure("signal_several_classes", "build", "Decision", "real signal across three classes (50/30/20%), macro F1 against 0.5, 3,000 rows", "build or build with conditions", POWER, False),
]  # fmt: skip


def run(quick: bool = False, seed: int = 0, parts=(DEVELOPMENT, KEPT_ASIDE)) -> dict:
    """Every family's records; `quick` with fewer holdouts (never fewer than 200 null ones)."""
    start, records = time.perf_counter(), []
    for f in FAMILIES:
        if f.part not in parts:
            continue
        began = time.perf_counter()
        found = f.draw(f.count[0 if quick else 1], seed + f.offset)
        for r in found:
            records.append({"part": f.part, "seed": seed + f.offset, **r, "family": f.name})
        print(f"[verdicts] {f.name}: {len(found)} in {time.perf_counter() - began:.0f} s",
              file=sys.stderr, flush=True)  # fmt: skip
    return {"quick": quick, "seed": seed, "seconds": round(time.perf_counter() - start, 1),
            "records": records}  # fmt: skip


# -- records ------------------------------------------------------------------------------------
HEAD = ["part", "family", "seed", "data_set", "rows", "status"]


def write_records(records: list[dict], path: Path = RECORDS) -> None:
    flags = sorted({k for r in records for k in r} - set(HEAD))
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, [*HEAD, *flags], restval="")
        writer.writeheader()
        writer.writerows(records)


def read_records(path: Path = RECORDS) -> list[dict]:
    with path.open(newline="") as src:
        return [
            {k: (int(v) if v.lstrip("-").isdigit() else v) for k, v in row.items() if v != ""}
            for row in csv.DictReader(src)
        ]


# -- bounds and tables --------------------------------------------------------------------------
def bound(k: int, n: int, upper: bool = True) -> float:
    """The exact one-sided 95% bound of a rate of k in n (Clopper–Pearson): 0 of 200 has an
    upper bound of 1.5%."""
    from scipy.stats import beta

    if upper:
        return 1.0 if k >= n else float(beta.ppf(0.95, k + 1, n - k))
    return 0.0 if k <= 0 else float(beta.ppf(0.05, k, n - k + 1))


def _pct(v: float) -> str:
    return f"{v:.1%}"


def _line(m: Measure, rows: list[dict]) -> tuple:
    ran = [r for r in rows if r.get("status", "ran") == "ran"]
    k, n, skipped = sum(int(r.get(m.flag, 0)) for r in ran), len(ran), len(rows) - len(ran)
    rate = f"{_pct(k / n) if n else '—'} ({k}/{n})"
    if m.target is None:
        return (m.verdict, m.data, m.measured, rate, "—", "information", "—", skipped)
    b = bound(k, n, upper=m.at_most) if n else float("nan")
    ok_rate = (k / n <= m.target) if m.at_most else (k / n >= m.target)
    ok_bound = (b <= m.target) if m.at_most else (b >= m.target)
    sign = "≤" if m.at_most else "≥"
    met = ("yes" if ok_rate else "**no**") + (", bound too" if ok_bound else ", not the bound")
    target = f"{sign} {m.target:.1%}".replace(".0%", "%")
    if m.nominal is not None:
        target += f" (nominal {m.nominal:.1%})"
    return (m.verdict, m.data, m.measured, rate, _pct(b), target, met, skipped)


def table(records: list[dict], part: str) -> str:
    by_family: dict[str, list[dict]] = {}
    for r in records:
        if r["part"] == part:
            by_family.setdefault(r["family"], []).append(r)
    lines = [
        "| Verdict | Data | Measured | Rate | 95% bound | Target | Met | Could not run |",
        "|:--|:--|:--|--:|--:|:--|:--|--:|",
    ]
    for m in MEASURES:
        if any(m.flag in r for r in by_family.get(m.family, [])):
            cells = _line(m, by_family[m.family])
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def render(results: dict) -> str:
    """The figures as two markdown tables, development families and families kept aside."""
    records = results["records"]
    mode = "quick" if results["quick"] else "full"
    parts = []
    for part, title in ((DEVELOPMENT, "Development families (the thresholds were set on these)"),
                        (KEPT_ASIDE, "Families kept aside (run once, after the thresholds were frozen)")):  # fmt: skip
        if any(r["part"] == part for r in records):
            parts += [f"#### {title}", "", table(records, part), ""]
    took = (
        "recomputed from the records" if results["seconds"] is None else f"{results['seconds']:,} s"
    )
    parts.append(
        f"Seed {results['seed']}, {mode} run, {len(records):,} holdouts, {took}. Rates over "
        "every holdout of the family; the bound is the exact "
        "one-sided 95% bound (upper for a false-alarm rate, lower for a power); holdouts the "
        "verdict could not run on are counted apart."
    )
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer holdouts (200 null ones)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--part", choices=["all", "development", "aside"], default="all")
    parser.add_argument("--write", action="store_true", help=f"keep the records in {RECORDS.name}")
    parser.add_argument("--from", dest="source", type=Path, help="tables from kept records")
    args = parser.parse_args()
    if args.source:  # the figures again, from the records alone
        results = {"quick": args.quick, "seed": args.seed, "seconds": None,
                   "records": read_records(args.source)}  # fmt: skip
    else:
        parts = {"all": (DEVELOPMENT, KEPT_ASIDE), "development": (DEVELOPMENT,),
                 "aside": (KEPT_ASIDE,)}[args.part]  # fmt: skip
        results = run(quick=args.quick, seed=args.seed, parts=parts)
        if args.write:
            write_records(results["records"])
    print(render(results))


if __name__ == "__main__":
    main()
