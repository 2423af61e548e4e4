"""Fairness and robustness criteria from the assurance stage's measurements and the verdicts
on them (`results/verdicts.json`).

Fairness is judged whenever the contract marks a column sensitive and the outcome is yes/no:
against the spec's bound, or against 0.10 when none was agreed (and the roadmap asks for one).
Every sensitive column whose gap is beyond chance is raised, not only the widest; a group too
small to judge is never passed over: it is listed with its counts and observed rates, the
criterion is "not shown within the bound" (a condition), and the roadmap asks for the cases
that would let it be judged. Robustness is judged when the spec bounds the drop."""

from __future__ import annotations

from workbench.inputs.spec import Spec
from workbench.judge.intervals import judge
from workbench.judge.verdicts.fairness_verdict import ABOVE, RAISED, UNRESOLVED
from workbench.language import _
from workbench.science.fairness_groups import MIN_CASES
from workbench.store.assurance_results import AssuranceResult, Disparity, FairnessResult
from workbench.store.judgements import Criterion, FairnessVerdict, SmallGroup, Verdicts
from workbench.wording import count, interval, number, pct

SHOWN = 3  # small groups named one by one in a sentence; the rest counted (all in the report)


def assurance_criteria(
    a: AssuranceResult | None, verdicts: Verdicts, spec: Spec
) -> tuple[list, list, list]:
    """Criteria, reasons and roadmap items from the assurance stage and its verdicts."""
    if a is None:
        return [], [], []
    criteria, reasons, roadmap = [], [], []
    for part in (
        _fairness_criterion(a.fairness, verdicts.fairness),
        _robustness_criterion(a, verdicts, spec),
    ):
        if part is not None:
            criteria.append(part[0])
            reasons += part[1]
            roadmap += part[2]
    return criteria, reasons, roadmap


def raised(fr: FairnessResult, fv: FairnessVerdict) -> list[Disparity]:
    """Every sensitive column whose gap is beyond chance and may exceed the bound, widest
    first."""
    found = [d for d in fr.disparities if fv.status(d.attribute) in RAISED]
    return sorted(found, key=lambda d: -d.equalized_odds_difference.value)


def _fairness_criterion(fr: FairnessResult, fv: FairnessVerdict | None):
    if fv is None or fv.verdict not in ("pass", "fail", "uncertain") or fv.bound is None:
        return None
    bound, up = fv.bound, raised(fr, fv)
    shown = up[0] if up else fr.worst
    eo = shown.equalized_odds_difference if shown else None
    agreed = "" if fv.bound_agreed else ", the default: no bound agreed"
    crit = Criterion(
        name=f"Equalized-odds difference between the groups of each sensitive column "
        f"(at most {bound:g}{agreed})",
        threshold=bound,
        observed=eo.value if eo else None,
        ci_low=eo.ci_low if eo else None,
        ci_high=eo.ci_high if eo else None,
        verdict=fv.verdict,
        evidence=f"Fairness section: {', '.join(fr.attributes)}; intervals against "
        f"{fr.permutations:,} shuffles of the group labels",
    )
    reasons, roadmap = [], []
    for d in up:
        reasons.append(_raised_reason(d, bound, fv.status(d.attribute)))
        roadmap.append(
            f"Close the fairness gap for '{d.worst_group}' ({d.attribute}) before deployment: "
            "check the quality of that group's labels, how much data it has, and what signal "
            "the model lacks for it."
        )
        roadmap += [_mitigation_option(m) for m in fr.mitigation if m.attribute == d.attribute]
    unresolved = [d for d in fr.disparities if fv.status(d.attribute) == UNRESOLVED]
    unclear = [d for d in unresolved if not _within(d, bound)]  # the gap itself is unclear
    if unclear:
        names = ", ".join(d.attribute for d in unclear)
        reasons.append(
            f"Fairness for {names} cannot be judged on this holdout: "
            + "; ".join(_unresolved(d) for d in unclear)
            + f". Its groups are too small to show whether the gap stays within {bound:g} "
            "(Fairness section)."
        )
    small = fv.small_groups
    if small:
        reasons.append(_small_reason(small, bound))
        roadmap.append(_small_todo(small))
    elif unclear:
        roadmap.append(
            f"Check the equalized-odds difference for {names} on more labelled rows of its "
            "smaller groups before deployment, and monitor it in production."
        )
    if not fv.bound_agreed and fv.verdict != "pass":
        roadmap.append(
            "Agree with the client how large a gap between groups is acceptable (set "
            f"acceptance.max_fairness_disparity): this study judged against {bound:g}, a common "
            "default."
        )
    return crit, reasons, [t for t in roadmap if t]


def _within(d: Disparity, bound: float) -> bool:
    """The gap of the groups large enough to judge lies within the bound."""
    eo = d.equalized_odds_difference
    return eo is not None and judge(eo, bound, greater_is_better=False) == "pass"


def _rate(k: int | None, n: int | None) -> str:
    """`k of n (share)`: an observed rate with the counts it comes from."""
    if not n:
        return _("{k} of {n}").format(k=count(k), n=count(n))
    return _("{k} of {n} ({share})").format(k=count(k), n=count(n), share=pct(k / n))


def _small_reason(small: list[SmallGroup], bound: float) -> str:
    """The groups too small to judge, each with its counts and observed rates."""
    listed = "; ".join(
        _(
            "'{group}' ({attribute}): {rows} rows, actual positives flagged {caught}, actual "
            "negatives flagged {alarms}"
        ).format(
            group=g.group,
            attribute=g.attribute,
            rows=count(g.rows),
            caught=_rate(g.caught, g.positives),
            alarms=_rate(g.false_alarms, g.negatives),
        )
        for g in small[:SHOWN]
    )
    values = {"bound": bound, "n": count(len(small)), "cases": MIN_CASES, "listed": listed}
    if len(small) == 1:
        text = _(
            "Fairness is not shown within {bound:g} for a group too small to judge (fewer than "
            "{cases} actual positives or {cases} negatives), left out of the gap: {listed} "
            "(Fairness section)."
        )
    elif len(small) <= SHOWN:
        text = _(
            "Fairness is not shown within {bound:g} for {n} groups too small to judge (fewer "
            "than {cases} actual positives or {cases} negatives), left out of the gap: {listed} "
            "(Fairness section)."
        )
    else:
        values["more"] = count(len(small) - SHOWN)
        text = _(
            "Fairness is not shown within {bound:g} for {n} groups too small to judge (fewer "
            "than {cases} actual positives or {cases} negatives), left out of the gap: {listed}; "
            "and {more} more (Fairness section)."
        )
    return text.format(**values)


def _small_todo(small: list[SmallGroup]) -> str:
    """The labelled cases that would let each small group be judged."""
    values = {"cases": MIN_CASES, "listed": "; ".join(_lacks(g) for g in small[:SHOWN])}
    if len(small) <= SHOWN:
        text = _(
            "Before deployment, collect labelled cases of the groups too small to judge — "
            "{cases} actual positives and {cases} negatives each — and compare how the model treats "
            "the groups again: {listed}."
        )
    else:
        values["more"] = count(len(small) - SHOWN)
        text = _(
            "Before deployment, collect labelled cases of the groups too small to judge — "
            "{cases} actual positives and {cases} negatives each — and compare how the model treats "
            "the groups again: {listed}; and {more} more groups (Fairness section)."
        )
    return text.format(**values)


def _lacks(g: SmallGroup) -> str:
    """What one small group lacks to be judged, whole sentences for each case."""
    p, n, rows = g.more_positives > 0, g.more_negatives > 0, bool(g.more_rows)
    if p and n:
        text = (
            _(
                "'{group}' ({attribute}) lacks {p} positives and {n} negatives, about {rows} "
                "more rows of it at its own shares"
            )
            if rows
            else _("'{group}' ({attribute}) lacks {p} positives and {n} negatives")
        )
    elif p:
        text = (
            _(
                "'{group}' ({attribute}) lacks {p} positives, about {rows} more rows of it at "
                "its own share of positives"
            )
            if rows
            else _("'{group}' ({attribute}) lacks {p} positives")
        )
    else:
        text = (
            _(
                "'{group}' ({attribute}) lacks {n} negatives, about {rows} more rows of it at "
                "its own share of negatives"
            )
            if rows
            else _("'{group}' ({attribute}) lacks {n} negatives")
        )
    return text.format(
        group=g.group,
        attribute=g.attribute,
        p=count(g.more_positives),
        n=count(g.more_negatives),
        rows=count(g.more_rows),
    )


def _raised_reason(d: Disparity, bound: float, status: str | None) -> str:
    span = interval(d.equalized_odds_difference)
    if status == ABOVE:
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


def _robustness_criterion(a: AssuranceResult, verdicts: Verdicts, spec: Spec):
    rob, rv, bound = a.robustness, verdicts.robustness, spec.acceptance.max_robustness_drop
    if bound is None or rv is None:
        return None
    judged = [(t, v) for t, v in zip(rob.tests, rv.tests, strict=True) if v != "not_judged"]
    worst = max((t for t, _v in judged), key=lambda t: t.drop, default=None)
    failed = sorted((t for t, v in judged if v == "fail"), key=lambda t: -t.drop)
    unsure = [t for t, v in judged if v == "uncertain"]
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


def _feature(name: str | None) -> str:
    return f" (above all '{name}')" if name else ""
