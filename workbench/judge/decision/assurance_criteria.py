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
from workbench.wording import count, decimal_digits, interval, number, pct, plain

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
    name = (
        _("Equalized-odds difference between the groups of each sensitive column (at most {bound})")
        if fv.bound_agreed
        else _(
            "Equalized-odds difference between the groups of each sensitive column (at most "
            "{bound}, the default: no bound agreed)"
        )
    )
    crit = Criterion(
        kind="fairness",
        name=name.format(bound=plain(bound)),
        threshold=bound,
        observed=eo.value if eo else None,
        ci_low=eo.ci_low if eo else None,
        ci_high=eo.ci_high if eo else None,
        verdict=fv.verdict,
        evidence=_(
            "Fairness section: {columns}; intervals against {n} shuffles of the group labels"
        ).format(columns=", ".join(fr.attributes), n=count(fr.permutations)),
    )
    reasons, roadmap = [], []
    for d in up:
        reasons.append(_raised_reason(d, bound, fv.status(d.attribute)))
        roadmap.append(
            _(
                "Close the fairness gap for '{group}' ({attribute}) before deployment: check the "
                "quality of that group's labels, how much data it has, and what signal the model "
                "lacks for it."
            ).format(group=d.worst_group, attribute=d.attribute)
        )
        roadmap += [_mitigation_option(m) for m in fr.mitigation if m.attribute == d.attribute]
    unresolved = [d for d in fr.disparities if fv.status(d.attribute) == UNRESOLVED]
    unclear = [d for d in unresolved if not _within(d, bound)]  # the gap itself is unclear
    if unclear:
        names = ", ".join(d.attribute for d in unclear)
        reasons.append(
            _(
                "Fairness for {columns} cannot be judged on this holdout: {why}. Its groups are "
                "too small to show whether the gap stays within {bound} (Fairness section)."
            ).format(
                columns=names, why="; ".join(_unresolved(d) for d in unclear), bound=plain(bound)
            )
        )
    small = fv.small_groups
    if small:
        reasons.append(_small_reason(small, bound))
        roadmap.append(_small_todo(small))
    elif unclear:
        roadmap.append(
            _(
                "Check the equalized-odds difference for {columns} on more labelled rows of its "
                "smaller groups before deployment, and monitor it in production."
            ).format(columns=names)
        )
    if not fv.bound_agreed and fv.verdict != "pass":
        roadmap.append(
            _(
                "Agree with the client how large a gap between groups is acceptable (set "
                "acceptance.max_fairness_disparity): this study judged against {bound}, a common "
                "default."
            ).format(bound=plain(bound))
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
    values = {
        "bound": plain(bound),
        "n": count(len(small)),
        "cases": count(MIN_CASES),
        "listed": listed,
    }
    if len(small) == 1:
        text = _(
            "Fairness is not shown within {bound} for a group too small to judge (fewer than "
            "{cases} actual positives or {cases} negatives), left out of the gap: {listed} "
            "(Fairness section)."
        )
    elif len(small) <= SHOWN:
        text = _(
            "Fairness is not shown within {bound} for {n} groups too small to judge (fewer "
            "than {cases} actual positives or {cases} negatives), left out of the gap: {listed} "
            "(Fairness section)."
        )
    else:
        values["more"] = count(len(small) - SHOWN)
        text = _(
            "Fairness is not shown within {bound} for {n} groups too small to judge (fewer "
            "than {cases} actual positives or {cases} negatives), left out of the gap: {listed}; "
            "and {more} more (Fairness section)."
        )
    return text.format(**values)


def _small_todo(small: list[SmallGroup]) -> str:
    """The labelled cases that would let each small group be judged."""
    values = {"cases": count(MIN_CASES), "listed": "; ".join(_lacks(g) for g in small[:SHOWN])}
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
    values = dict(
        group=d.worst_group,
        attribute=d.attribute,
        gap=d.gap,
        span=span,
        bound=plain(bound),
        chance=number(d.chance_gap),
    )
    if status == ABOVE:
        return _(
            "Fairness: the model serves group '{group}' of {attribute} worse: {gap}. The "
            "equalized-odds difference is {span}, above {bound} (chance alone gives gaps up to "
            "{chance} with these groups; Fairness section)."
        ).format(**values)
    return _(
        "Fairness: {attribute} shows a gap beyond chance — {gap}; the equalized-odds difference "
        "is {span} (chance alone gives up to {chance}), so a gap above {bound} for '{group}' "
        "cannot be ruled out (Fairness section)."
    ).format(**values)


def _unresolved(d: Disparity) -> str:
    eo = d.equalized_odds_difference
    if eo is None:
        return _("{attribute} has fewer than two groups large enough to judge").format(
            attribute=d.attribute
        )
    return _(
        "{attribute}'s equalized-odds difference is {value}, within what chance gives with its "
        "groups ({chance})"
    ).format(attribute=d.attribute, value=number(eo.value), chance=number(d.chance_gap))


def _mitigation_option(m) -> str:
    if m.disparity_after is None or m.score_after is None:
        return ""
    return _(
        "Option (not applied): group-specific decision thresholds (fairlearn's "
        "ThresholdOptimizer, equalized odds, fitted on out-of-fold training scores) would move "
        "the equalized-odds difference of the holdout's decisions for {attribute} from {before} "
        "to {after} and their balanced accuracy from {score_before} to {score_after}, at the "
        "same operating point; each decision would then read the person's {attribute}, which "
        "needs a legal review."
    ).format(
        attribute=m.attribute,
        before=number(m.disparity_before),
        after=number(m.disparity_after),
        score_before=number(m.score_before),
        score_after=number(m.score_after),
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
        kind="robustness",
        name=_("Largest score drop under the robustness tests (at most {bound})").format(
            bound=plain(bound)
        ),
        threshold=bound,
        observed=worst.drop if worst else None,
        ci_low=iv.ci_low if iv else None,
        ci_high=iv.ci_high if iv else None,
        verdict="fail" if failed else "uncertain" if unsure else "pass",
        evidence=_(
            "Robustness section: {tests} tests on {rows} holdout rows, each drop with a paired "
            "bootstrap interval"
        ).format(tests=count(len(rob.tests)), rows=count(rob.sample_rows)),
    )
    if not failed and not unsure:
        return crit, [], []
    if not failed:
        named = "; ".join(
            _("{setting} (drop {drop})").format(setting=t.setting, drop=interval(t.drop_interval))
            for t in unsure[:3]
        )
        return (
            crit,
            [
                _(
                    "Robustness: {k} of {n} tests may lose more than the agreed {bound} — their "
                    "intervals straddle it: {named} (Robustness section)."
                ).format(
                    k=count(len(unsure)), n=count(len(judged)), bound=plain(bound), named=named
                )
            ],
            [
                _(
                    "Test the model on more holdout rows for the robustness cases it may not "
                    "survive, and monitor those inputs in production."
                )
            ],
        )
    named = "; ".join(
        _("{setting} (drop {drop})").format(setting=t.setting, drop=decimal_digits(t.drop, 3))
        for t in failed[:3]
    )
    values = dict(
        k=count(len(failed)),
        n=count(len(judged)),
        bound=plain(bound),
        named=named,
        feature=rob.worst_noise_feature,
        setting=failed[0].setting,
    )
    if rob.worst_noise_feature:
        why = _(
            "Robustness: {k} of {n} tests lose more than the agreed {bound} of the score, their "
            "whole interval beyond it; the worst: {named}. Of the single inputs, noise on "
            "'{feature}' hurts most. (Robustness section.)"
        )
        todo = _(
            "Harden the model where it breaks ({setting}): add data-quality checks on the inputs "
            "it depends on (above all '{feature}'), monitor them in production, or retrain with "
            "noisy and missing values in the training data."
        )
    else:
        why = _(
            "Robustness: {k} of {n} tests lose more than the agreed {bound} of the score, their "
            "whole interval beyond it; the worst: {named}. (Robustness section.)"
        )
        todo = _(
            "Harden the model where it breaks ({setting}): add data-quality checks on the inputs "
            "it depends on, monitor them in production, or retrain with noisy and missing values "
            "in the training data."
        )
    return crit, [why.format(**values)], [todo.format(**values)]
