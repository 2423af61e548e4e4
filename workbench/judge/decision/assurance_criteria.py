"""Fairness and robustness criteria from the assurance stage, each judged on its interval.

Fairness is judged whenever the contract marks a column sensitive and the outcome is yes/no:
against the spec's bound, or against 0.10 when none was agreed (and the roadmap asks for one).
Every sensitive column whose gap is beyond chance is raised, not only the widest. Robustness is
judged when the spec bounds the drop."""

from __future__ import annotations

from workbench.inputs.spec import Spec
from workbench.judge.intervals import judge
from workbench.store.assurance_results import AssuranceResult, Disparity, FairnessResult
from workbench.store.judgements import Criterion
from workbench.wording import interval, number


def assurance_criteria(a: AssuranceResult | None, spec: Spec) -> tuple[list, list, list]:
    """Criteria, reasons and roadmap items from the assurance stage."""
    if a is None:
        return [], [], []
    criteria, reasons, roadmap = [], [], []
    for part in (_fairness_criterion(a.fairness), _robustness_criterion(a, spec)):
        if part is not None:
            criteria.append(part[0])
            reasons += part[1]
            roadmap += part[2]
    return criteria, reasons, roadmap


def _fairness_criterion(fr: FairnessResult):
    if fr.verdict not in ("pass", "fail", "uncertain") or fr.max_disparity is None:
        return None
    bound = fr.max_disparity
    shown = fr.raised[0] if fr.raised else fr.worst
    eo = shown.equalized_odds_difference if shown else None
    agreed = "" if fr.bound_agreed else ", the default: no bound agreed"
    crit = Criterion(
        name=f"Equalized-odds difference between the groups of each sensitive column "
        f"(at most {bound:g}{agreed})",
        threshold=bound,
        observed=eo.value if eo else None,
        ci_low=eo.ci_low if eo else None,
        ci_high=eo.ci_high if eo else None,
        verdict=fr.verdict,
        evidence=f"Fairness section: {', '.join(fr.attributes)}; intervals against "
        f"{fr.permutations:,} shuffles of the group labels",
    )
    reasons, roadmap = [], []
    for d in fr.raised:
        reasons.append(_raised_reason(d, bound))
        roadmap.append(
            f"Close the fairness gap for '{d.worst_group}' ({d.attribute}) before deployment: "
            "check the quality of that group's labels, how much data it has, and what signal "
            "the model lacks for it."
        )
        roadmap += [_mitigation_option(m) for m in fr.mitigation if m.attribute == d.attribute]
    unresolved = [d for d in fr.disparities if d.status == "unresolved"]
    if unresolved:
        names = ", ".join(d.attribute for d in unresolved)
        reasons.append(
            f"Fairness for {names} cannot be judged on this holdout: "
            + "; ".join(_unresolved(d) for d in unresolved)
            + f". Its groups are too small to show whether the gap stays within {bound:g} "
            "(Fairness section)."
        )
        roadmap.append(
            f"Check the equalized-odds difference for {names} on more labelled rows of its "
            "smaller groups before deployment, and monitor it in production."
        )
    if not fr.bound_agreed and fr.verdict != "pass":
        roadmap.append(
            "Agree with the client how large a gap between groups is acceptable (set "
            f"acceptance.max_fairness_disparity): this study judged against {bound:g}, a common "
            "default."
        )
    return crit, reasons, [t for t in roadmap if t]


def _raised_reason(d: Disparity, bound: float) -> str:
    span = interval(d.equalized_odds_difference)
    if d.status == "above":
        return (
            f"Fairness: the model serves group '{d.worst_group}' of {d.attribute} worse: {d.gap}. "
            f"The equalized-odds difference is {span}, above {bound:g} (chance alone gives gaps "
            f"up to {number(d.chance_gap)} with these groups; Fairness section)."
        )
    return (
        f"Fairness: {d.attribute} shows a gap beyond chance — {d.gap}; the equalized-odds "
        f"difference is {span} (chance alone gives up to {number(d.chance_gap)}), so a gap "
        f"above {bound:g} for '{d.worst_group}' cannot be ruled out (Fairness section)."
    )


def _unresolved(d: Disparity) -> str:
    eo = d.equalized_odds_difference
    if eo is None:
        return f"{d.attribute} has fewer than two groups large enough to judge"
    return (
        f"{d.attribute}'s equalized-odds difference is {number(eo.value)}, within what chance "
        f"gives with its groups ({number(d.chance_gap)})"
    )


def _mitigation_option(m) -> str:
    if m.disparity_after is None or m.score_after is None:
        return ""
    return (
        "Option (not applied): group-specific decision thresholds (fairlearn's "
        f"ThresholdOptimizer, equalized odds, fitted on out-of-fold training scores) would move "
        f"the equalized-odds difference of the holdout's decisions for {m.attribute} from "
        f"{number(m.disparity_before)} to {number(m.disparity_after)} and their balanced "
        f"accuracy from {number(m.score_before)} to {number(m.score_after)}, at the same "
        f"operating point; each decision would then read the person's {m.attribute}, which needs "
        "a legal review."
    )


def _robustness_criterion(a: AssuranceResult, spec: Spec):
    rob, bound = a.robustness, spec.acceptance.max_robustness_drop
    if bound is None:
        return None
    judged = [t for t in rob.tests if t.drop is not None]
    verdicts = {t.test + t.setting: _drop_verdict(t, bound) for t in judged}
    worst = max(judged, key=lambda t: t.drop, default=None)
    failed = sorted(
        (t for t in judged if verdicts[t.test + t.setting] == "fail"), key=lambda t: -t.drop
    )
    unsure = [t for t in judged if verdicts[t.test + t.setting] == "uncertain"]
    iv = worst.drop_interval if worst else None
    crit = Criterion(
        name=f"Largest score drop under the robustness tests (at most {bound:g})",
        threshold=bound,
        observed=worst.drop if worst else None,
        ci_low=iv.ci_low if iv else None,
        ci_high=iv.ci_high if iv else None,
        verdict="fail" if failed else "uncertain" if unsure else "pass",
        evidence=f"Robustness section: {len(rob.tests)} tests on {rob.sample_rows:,} holdout "
        "rows, each drop with a paired bootstrap interval",
    )
    if not failed and not unsure:
        return crit, [], []
    if not failed:
        named = "; ".join(f"{t.setting} (drop {interval(t.drop_interval)})" for t in unsure[:3])
        return (
            crit,
            [
                f"Robustness: {len(unsure)} of {len(judged)} tests may lose more than the agreed "
                f"{bound:g} — their intervals straddle it: {named} (Robustness section)."
            ],
            [
                "Test the model on more holdout rows for the robustness cases it may not survive, "
                "and monitor those inputs in production."
            ],
        )
    named = "; ".join(f"{t.setting} (drop {t.drop:.3f})" for t in failed[:3])
    why = (
        f"Robustness: {len(failed)} of {len(judged)} tests lose more than the agreed {bound:g} "
        f"of the score, their whole interval beyond it; the worst: {named}."
    )
    if rob.worst_noise_feature:
        why += f" Of the single inputs, noise on '{rob.worst_noise_feature}' hurts most."
    todo = (
        f"Harden the model where it breaks ({failed[0].setting}): add data-quality checks on "
        f"the inputs it depends on{_feature(rob.worst_noise_feature)}, monitor them in "
        "production, or retrain with noisy and missing values in the training data."
    )
    return crit, [why + " (Robustness section.)"], [todo]


def _drop_verdict(t, bound: float) -> str:
    """A drop judged on its interval (a drop is an error: lower is better)."""
    if t.drop_interval is None:
        return "fail" if t.drop > bound else "pass"
    return judge(t.drop_interval, bound, greater_is_better=False)


def _feature(name: str | None) -> str:
    return f" (above all '{name}')" if name else ""
