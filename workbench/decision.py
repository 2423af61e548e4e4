"""From results to a recommendation: each acceptance criterion judged on its confidence
interval, then written rules (README, "How the recommendation is decided").

Rules, in order:
1. A critical leakage finding → `do_not_build` (until the named leak is fixed).
2. A performance criterion (primary score, lift over the best baseline) whose whole interval
   is on the wrong side of its threshold → `do_not_build`.
3. A performance criterion whose interval straddles its threshold → `inconclusive`, with the
   holdout size that would settle it.
4. Otherwise, any condition (leakage warnings, contract violations, a holdout scored more than
   once) → `build_with_conditions`.
5. Otherwise → `build`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.metrics import METRICS
from workbench.results import (
    Criterion,
    DataResult,
    Decision,
    EvaluationResult,
    Interval,
    LeakageResult,
)
from workbench.spec import Spec

SETTLE_FACTOR = 20  # beyond 20x the holdout, "collect more data" is not a realistic plan


@dataclass
class RunResults:
    data: DataResult
    leakage: LeakageResult
    evaluation: EvaluationResult
    latency_p95_ms: float | None = None  # measured, so from the manifest, not a results file


def judge(iv: Interval, threshold: float, greater_is_better: bool) -> str:
    """pass when the whole interval clears the threshold, fail when none of it does."""
    lo, hi = (iv.ci_low, iv.ci_high) if greater_is_better else (-iv.ci_high, -iv.ci_low)
    t = threshold if greater_is_better else -threshold
    if lo >= t:
        return "pass"
    if hi < t:
        return "fail"
    return "uncertain"


def rows_to_settle(iv: Interval, threshold: float, n: int) -> int | None:
    """Holdout rows at which the interval would no longer straddle the threshold, assuming its
    width shrinks with the square root of the sample and the point estimate holds."""
    gap = abs(iv.value - threshold)
    half = (iv.ci_high - iv.ci_low) / 2
    if gap == 0 or not math.isfinite(half):
        return None
    return math.ceil(n * (half / gap) ** 2)


def decide(results: RunResults, spec: Spec) -> Decision:
    ev, leak, data = results.evaluation, results.leakage, results.data
    metric = METRICS[ev.metric]
    label, n = metric.label, ev.test_rows
    threshold = spec.primary_threshold
    lift_min = spec.acceptance.min_lift_over_baseline
    primary_v = judge(ev.candidate.primary, threshold, metric.greater_is_better)
    lift_v = judge(ev.lift, lift_min, True)
    critical = [f for f in leak.findings if f.severity == "critical"]
    process_ok = ev.holdout_scored == 1 and all(
        steps and steps[0].startswith("prepare") for steps in ev.pipelines.values()
    )
    warnings = [f for f in leak.findings if f.severity == "warning"]
    bound = "at least" if metric.greater_is_better else "at most"
    criteria = [
        Criterion(
            name=f"{label} of the candidate model ({bound} {threshold:g})",
            threshold=threshold,
            observed=ev.candidate.primary.value,
            ci_low=ev.candidate.primary.ci_low,
            ci_high=ev.candidate.primary.ci_high,
            verdict=primary_v,
            evidence=f"Holdout evaluation: {ev.candidate.name} on {n} test rows",
        ),
        Criterion(
            name=f"Lift over the best baseline ({ev.baseline.name}), at least {lift_min:g}",
            threshold=lift_min,
            observed=ev.lift.value,
            ci_low=ev.lift.ci_low,
            ci_high=ev.lift.ci_high,
            verdict=lift_v,
            evidence="Holdout evaluation: paired bootstrap of the difference in " + label,
        ),
        Criterion(
            name="No critical leakage finding",
            threshold=0,
            observed=len(critical),
            ci_low=None,
            ci_high=None,
            verdict="fail" if critical else "pass",
            evidence=f"Leakage section: {len(leak.checks)} checks, {len(critical)} critical, "
            f"{len(warnings)} warnings",
        ),
        Criterion(
            name="Holdout scored once, preprocessing inside the pipeline",
            threshold=1,
            observed=ev.holdout_scored,
            ci_low=None,
            ci_high=None,
            verdict="pass" if process_ok else "fail",
            evidence=f"Leakage section (process): the test part was scored {ev.holdout_scored} time(s)",
        ),
        Criterion(
            name="Data meets its contract",
            threshold=0,
            observed=len(data.violations),
            ci_low=None,
            ci_high=None,
            verdict="fail" if data.violations else "pass",
            evidence=f"Data section: {sum(v.failures for v in data.violations)} failing values "
            f"in {len(data.violations)} checks",
        ),
    ]
    reasons: list[str] = []
    roadmap: list[str] = []
    for f in critical:
        cols = ", ".join(f"'{c}'" for c in f.columns) or "the split"
        reasons.append(f"Critical leakage ({f.check}) in {cols}: {f.message} (Leakage section.)")
        roadmap.append(f"Fix the leak in {cols}: {f.fix}")
    perf = [
        ("primary", primary_v, ev.candidate.primary, threshold, label),
        ("lift", lift_v, ev.lift, lift_min, f"lift in {label} over {ev.baseline.name}"),
    ]
    money = ev.business
    if money is not None and money.min_monthly_value is not None:
        value_v = judge(money.candidate_monthly, money.min_monthly_value, True)
        perf.append(
            (
                "value",
                value_v,
                money.candidate_monthly,
                money.min_monthly_value,
                f"expected value per month ({money.currency})",
            )
        )
        criteria.append(
            Criterion(
                name=f"Expected value per month, at least {money.min_monthly_value:,.0f} {money.currency}",
                threshold=money.min_monthly_value,
                observed=money.candidate_monthly.value,
                ci_low=money.candidate_monthly.ci_low,
                ci_high=money.candidate_monthly.ci_high,
                verdict=value_v,
                evidence="Holdout section: costs and values applied at the chosen threshold",
            )
        )
    for kind, verdict, iv, thr, what in perf:
        fmt = ",.0f" if kind == "value" else ".3f"
        span = f"{iv.value:{fmt}} (95% interval {iv.ci_low:{fmt}} to {iv.ci_high:{fmt}})"
        if verdict == "fail":
            reasons.append(f"The {what} is {span}, short of the agreed {thr:g} (Holdout section).")
            if kind == "lift":
                roadmap.append(
                    f"The simple baseline ({ev.baseline.name}) does as well as the tuned "
                    "model: if it meets the need, deploy the simpler one."
                )
        elif verdict == "uncertain":
            need = rows_to_settle(iv, thr, n)
            if need is not None and need <= SETTLE_FACTOR * n:
                more = f" About {need:,} holdout rows (now {n:,}) would settle it."
                todo = (
                    f"Collect more labelled data to settle the {what} (about {need:,} test rows)."
                )
            else:
                more = (
                    " The estimate sits almost exactly on the threshold: more data alone "
                    "is unlikely to settle it."
                )
                todo = (
                    f"Revisit with the client whether {thr:g} is the right bar for the {what}: "
                    "the estimate sits on it."
                )
            reasons.append(
                f"The {what} is {span}: the interval straddles the agreed {thr:g}, so the "
                f"data cannot yet say whether the criterion is met.{more} (Holdout section.)"
            )
            roadmap.append(todo)
        else:
            reasons.append(f"The {what} is {span}, clear of the agreed {thr:g} (Holdout section).")
    for f in warnings:
        cols = ", ".join(f"'{c}'" for c in f.columns) or "the split"
        reasons.append(f"Leakage warning ({f.check}) in {cols}: {f.message}")
        roadmap.append(f"Resolve the leakage warning in {cols}: {f.fix}")
    if not process_ok:
        reasons.append(
            f"The test part was scored {ev.holdout_scored} times in this run: after the first look, "
            "the holdout score is no longer an unbiased estimate (Leakage section, process)."
        )
        roadmap.append(
            "Confirm the result on fresh data the study has never scored, or start a new run."
        )
    if data.violations:
        cols = ", ".join(sorted({v.column for v in data.violations}))
        reasons.append(f"The data breaks its contract in {cols} (Data section).")
        roadmap.append(
            f"Agree with the data owner how {cols} should look, and fix the extract or "
            "the contract."
        )

    if ev.learning_curve is not None and ev.learning_curve.verdict == "more data is still helping":
        roadmap.append(f"Collect more labelled data: {ev.learning_curve.explanation}")
    slow = _latency(results, spec, criteria, reasons, roadmap)
    verdicts = [p[1] for p in perf]
    if critical or "fail" in verdicts:
        rec = "do_not_build"
    elif "uncertain" in verdicts:
        rec = "inconclusive"
    elif warnings or data.violations or not process_ok or slow:
        rec = "build_with_conditions"
    else:
        rec = "build"
    if rec != "build" and not critical and lift_v != "pass":
        base_v = judge(ev.baseline.primary, threshold, metric.greater_is_better)
        if base_v == "pass":
            roadmap.append(
                f"The simpler {ev.baseline.name} baseline already reaches {label} "
                f"{ev.baseline.primary.value:.3f} (95% interval {ev.baseline.primary.ci_low:.3f} to "
                f"{ev.baseline.primary.ci_high:.3f}), clear of the agreed {threshold:g}: building "
                "the simpler model is an option to discuss with the client."
            )
    roadmap += production_path(rec, ev)
    return Decision(
        recommendation=rec,
        headline=_headline(rec, spec, critical),
        reasons=reasons,
        criteria=criteria,
        roadmap=roadmap,
    )


def _latency(results: RunResults, spec: Spec, criteria, reasons, roadmap) -> bool:
    """The latency budget, when the spec sets one: a condition, not a blocker (serving can be
    engineered), judged on the measured 95th percentile per row. Returns True when exceeded."""
    budget, p95 = spec.acceptance.max_latency_ms, results.latency_p95_ms
    if budget is None or p95 is None:
        return False
    slow = p95 > budget
    criteria.append(
        Criterion(
            name=f"Prediction latency per row (p95), at most {budget:g} ms",
            threshold=budget,
            observed=p95,
            ci_low=None,
            ci_high=None,
            verdict="fail" if slow else "pass",
            evidence="Baselines section: measured on this machine, one row at a time",
        )
    )
    if slow:
        reasons.append(
            f"One prediction takes {p95:.1f} ms (95th percentile), over the {budget:g} ms budget."
        )
        roadmap.append(
            "Bring prediction latency under budget: fewer or shallower trees, batching, or "
            "a compiled model server; measure on the production hardware."
        )
    return slow


def production_path(rec: str, ev: EvaluationResult) -> list[str]:
    if rec not in ("build", "build_with_conditions"):
        return []
    return [
        f"Promote the tuned configuration ({ev.candidate.name}) with `workbench promote`: the "
        "pipeline, its contract and reference statistics go to the engineering team.",
        "Monitor the model's inputs for drift against the reference statistics, and its "
        f"{ev.metric} on newly labelled cases; retrain when it falls below the agreed threshold.",
        f"Keep the best baseline ({ev.baseline.name}) deployable as the rollback.",
    ]


def _headline(rec: str, spec: Spec, critical) -> str:
    q = spec.question.rstrip("?. ")
    return {
        "build": f"Yes — the evidence supports building a model for: {q}.",
        "build_with_conditions": f'Yes, with conditions — a model for "{q}" meets the agreed '
        "criteria, but the conditions below must be met first.",
        "do_not_build": (
            f"No — do not build yet: a leak in the data makes the scores untrustworthy "
            f"({', '.join(c for f in critical for c in f.columns) or 'see below'})."
            if critical
            else f"No — the evidence does not support building a model for: {q}."
        ),
        "inconclusive": f'Not yet known — the data cannot yet show whether a model for "{q}" '
        "meets the agreed criteria.",
    }[rec]
