"""From results to a recommendation: each acceptance criterion judged on its confidence
interval, then written rules (README, "How the recommendation is decided").

Rules, in order:
1. A critical leakage finding → `do_not_build` (until the named leak is fixed).
2. A performance criterion (primary score, lift over the best baseline) whose whole interval
   is on the wrong side of its threshold → `do_not_build`.
3. A performance criterion whose interval straddles its threshold → `inconclusive`, with the
   holdout size that would settle it.
4. Otherwise, any condition (leakage warnings, contract violations, a holdout scored more than
   once, a fairness gap or a robustness drop beyond the spec's bound) → `build_with_conditions`.
5. Otherwise → `build`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.metrics import METRICS
from workbench.results import (
    AssuranceResult,
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
    assurance: AssuranceResult | None = None  # stage 6; absent in runs made before it existed


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
    extra, why, todo = assurance_criteria(results.assurance, spec)
    criteria += extra
    reasons += why
    roadmap += todo
    assurance_ok = all(c.verdict == "pass" for c in extra)
    # a failed lift over a baseline that itself clears the bar is a choice of model, not a
    # verdict against building one: build the simpler model
    simpler = (
        lift_v == "fail"
        and not critical
        and judge(ev.baseline.primary, threshold, metric.greater_is_better) == "pass"
    )
    verdicts = [p[1] for p in perf if not (simpler and p[0] == "lift")]
    if critical or "fail" in verdicts:
        rec = "do_not_build"
    elif "uncertain" in verdicts:
        rec = "inconclusive"
    elif warnings or data.violations or not process_ok or slow or not assurance_ok or simpler:
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
        headline=_headline(rec, spec, critical, ev.baseline.name if simpler else None),
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


def _headline(rec: str, spec: Spec, critical, simpler: str | None = None) -> str:
    q = spec.question.rstrip("?. ")
    if simpler and rec == "build_with_conditions":
        return (
            f"Yes, with a simpler model — the {simpler} baseline meets the agreed criteria for "
            f'"{q}"; the tuned model adds nothing measurable over it.'
        )
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


def assurance_criteria(a: AssuranceResult | None, spec: Spec) -> tuple[list, list, list]:
    """Criteria, reasons and roadmap items from the assurance stage: fairness and robustness
    are judged only when the spec bounds them; otherwise they are reported, not judged."""
    if a is None:
        return [], [], []
    criteria, reasons, roadmap = [], [], []
    for part in (_fairness_criterion(a, spec), _robustness_criterion(a, spec)):
        if part is not None:
            criteria.append(part[0])
            reasons += part[1]
            roadmap += part[2]
    return criteria, reasons, roadmap


def _fairness_criterion(a: AssuranceResult, spec: Spec):
    fr, bound = a.fairness, spec.acceptance.max_fairness_disparity
    if bound is None or fr.verdict not in ("pass", "fail", "uncertain"):
        return None
    w = fr.worst
    eo = w.equalized_odds_difference if w else None
    crit = Criterion(
        name=f"Equalized-odds difference between groups of a sensitive column (at most {bound:g})",
        threshold=bound,
        observed=eo.value if eo else None,
        ci_low=eo.ci_low if eo else None,
        ci_high=eo.ci_high if eo else None,
        verdict=fr.verdict,
        evidence=f"Fairness section: {', '.join(fr.attributes) or 'no sensitive column'}",
    )
    if fr.verdict == "pass" or w is None or eo is None:
        return crit, [], []
    span = f"{eo.value:.3f} (95% interval {eo.ci_low:.3f} to {eo.ci_high:.3f})"
    if fr.verdict == "fail":
        why = (
            f"Fairness: the model serves group '{w.worst_group}' of {w.attribute} worse: {w.gap}. "
            f"The equalized-odds difference is {span}, above the agreed {bound:g} (Fairness section)."
        )
        todo = [
            f"Close the fairness gap for '{w.worst_group}' ({w.attribute}) before deployment: "
            "check the quality of that group's labels, how much data it has, and what signal "
            "the model lacks for it."
        ]
    else:
        why = (
            f"Fairness: the equalized-odds difference for {w.attribute} is {span}; its interval "
            f"reaches past the agreed {bound:g}, so a gap for '{w.worst_group}' cannot be ruled "
            "out (Fairness section)."
        )
        todo = [f"Collect more labelled rows for the groups of {w.attribute} to settle the gap."]
    todo += [_mitigation_option(m) for m in fr.mitigation if m.attribute == w.attribute]
    return crit, [why], [t for t in todo if t]


def _mitigation_option(m) -> str:
    if m.disparity_after is None or m.score_after is None:
        return ""
    return (
        "Option (not applied): group-specific decision thresholds (fairlearn's "
        f"ThresholdOptimizer, equalized odds) would move the equalized-odds difference for "
        f"{m.attribute} from {m.disparity_before:.3f} to {m.disparity_after:.3f} and the "
        f"{METRICS[m.metric].label} from {m.score_before:.3f} to {m.score_after:.3f} on the "
        "holdout; it needs the sensitive attribute at prediction time and a legal review."
    )


def _robustness_criterion(a: AssuranceResult, spec: Spec):
    rob, bound = a.robustness, spec.acceptance.max_robustness_drop
    if bound is None:
        return None
    judged = [t for t in rob.tests if t.drop is not None]
    worst = max(judged, key=lambda t: t.drop, default=None)
    failed = sorted((t for t in judged if t.verdict == "fail"), key=lambda t: -t.drop)
    crit = Criterion(
        name=f"Largest score drop under the robustness tests (at most {bound:g})",
        threshold=bound,
        observed=worst.drop if worst else None,
        ci_low=None,
        ci_high=None,
        verdict="fail" if failed else "pass",
        evidence=f"Robustness section: {len(rob.tests)} tests on {rob.sample_rows:,} holdout rows",
    )
    if not failed:
        return crit, [], []
    named = "; ".join(f"{t.setting} (drop {t.drop:.3f})" for t in failed[:3])
    why = (
        f"Robustness: {len(failed)} of {len(judged)} tests lose more than the agreed {bound:g} "
        f"of {METRICS[rob.metric].label}; the worst: {named}."
    )
    if rob.worst_noise_feature:
        why += f" Of the single inputs, noise on '{rob.worst_noise_feature}' hurts most."
    todo = (
        f"Harden the model where it breaks ({failed[0].setting}): add data-quality checks on "
        f"the inputs it depends on{_feature(rob.worst_noise_feature)}, monitor them in "
        "production, or retrain with noisy and missing values in the training data."
    )
    return crit, [why + " (Robustness section.)"], [todo]


def _feature(name: str | None) -> str:
    return f" (above all '{name}')" if name else ""
