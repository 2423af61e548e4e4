"""Fairness and robustness criteria from the assurance stage: judged only when the spec bounds
them; otherwise they are reported, not judged."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision.risks import UNBOUNDED_GAP
from workbench.store.assurance_results import AssuranceResult
from workbench.store.judgements import Criterion
from workbench.wording import interval


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
    roadmap += _unbounded_gap(a, spec)
    return criteria, reasons, roadmap


def _unbounded_gap(a: AssuranceResult, spec: Spec) -> list[str]:
    """A clear gap between groups with no bound agreed: not a verdict, but a conversation to
    have before building (the summary lists it as a risk)."""
    w = a.fairness.worst
    eo = w.equalized_odds_difference if w else None
    if spec.acceptance.max_fairness_disparity is not None or eo is None:
        return []
    if eo.ci_low <= UNBOUNDED_GAP:
        return []
    return [
        f"Agree with the client how large a gap between the groups of {w.attribute} is "
        f"acceptable (set acceptance.max_fairness_disparity): the model's equalized-odds "
        f"difference is {interval(eo)}, "
        f"worst for '{w.worst_group}'."
    ] + [
        t
        for m in a.fairness.mitigation
        if m.attribute == w.attribute and (t := _mitigation_option(m))
    ]


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
    span = interval(eo)
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
