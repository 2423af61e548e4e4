"""Are the groups of each sensitive column treated alike? Each column's equalized-odds gap judged
on its interval against the bound, and never "pass" while a group the gap could not include —
one too small to judge, or a cell of a pair of columns — is left unjudged.

A column's status against the bound (`bound`: the spec's `acceptance.max_fairness_disparity`,
or DEFAULT_BOUND when none was agreed):

- `above`: the whole interval of the gap lies above the bound;
- `within`: all of it lies within the bound, and every group of the column was large enough to
  enter the gap;
- `gap`: a gap beyond chance (its interval clears zero) that may exceed the bound;
- `unresolved`: nothing beyond chance, but the holdout cannot show the gap within the bound —
  its interval reaches past the bound, or a group was too small to judge (its counts and
  observed rates are listed, with the cases it lacks).

The verdict: fail when a column lies above the bound, uncertain ("not shown within the bound")
when any column has a gap or is unresolved, pass only when every column is shown within it.
"""

from __future__ import annotations

import math

from workbench.judge.intervals import judge
from workbench.language import _
from workbench.science.fairness_groups import MIN_CASES
from workbench.store.assurance_results import Disparity, FairnessResult, GroupMetrics
from workbench.store.judgements import FairnessVerdict, GapVerdict, SmallGroup
from workbench.wording import plain

DEFAULT_BOUND = 0.10  # the equalized-odds difference judged against when the spec agrees none
WITHIN, ABOVE, GAP, UNRESOLVED = "within", "above", "gap", "unresolved"
RAISED = (ABOVE, GAP)  # the statuses that say a group is served worse


def fairness_verdict(fr: FairnessResult, agreed: float | None) -> FairnessVerdict:
    """The verdict on the fairness stage's measurements against the agreed bound (None: the
    default, for yes/no outcomes)."""
    if not fr.attributes:
        return FairnessVerdict(
            verdict="not_applicable", bound=agreed, bound_agreed=agreed is not None
        )
    if fr.task != "binary":
        notes = []
        if agreed is not None:
            notes.append(
                _(
                    "acceptance.max_fairness_disparity is an equalized-odds difference, defined "
                    "for yes/no outcomes only: for this task the gaps are reported, not judged."
                )
            )
        return FairnessVerdict(
            verdict="not_applicable" if agreed is not None else "report",
            bound=agreed,
            bound_agreed=agreed is not None,
            notes=notes,
        )
    bound = DEFAULT_BOUND if agreed is None else agreed
    columns = [_column(d, fr.groups, bound) for d in fr.disparities]
    found = {c.status for c in columns}
    verdict = "fail" if ABOVE in found else "uncertain" if found & {GAP, UNRESOLVED} else "pass"
    notes = []
    if agreed is None:
        notes.append(
            _(
                "No bound was agreed (acceptance.max_fairness_disparity): the gaps are judged "
                "against {bound}, a common default; agree the bound with the client."
            ).format(bound=plain(DEFAULT_BOUND))
        )
    return FairnessVerdict(
        verdict=verdict,
        bound=bound,
        bound_agreed=agreed is not None,
        attributes=columns,
        notes=notes,
    )


def gap_status(d: Disparity, bound: float) -> str | None:
    """A column's gap against the bound, on its interval (None: nothing was compared)."""
    eo = d.equalized_odds_difference
    if eo is None:
        return UNRESOLVED if d.groups >= 2 else None
    verdict = judge(eo, bound, greater_is_better=False)
    if verdict == "pass":
        return WITHIN
    if verdict == "fail":
        return ABOVE
    return GAP if judge(eo, 0.0, True, strict=True) == "pass" else UNRESOLVED


def _column(d: Disparity, groups: list[GroupMetrics], bound: float) -> GapVerdict:
    small = [_small(g) for g in groups if g.attribute == d.attribute and g.too_small]
    status = gap_status(d, bound)
    if status == WITHIN and small:  # shown within the bound for the groups it could include
        status = UNRESOLVED
    return GapVerdict(attribute=d.attribute, status=status, small_groups=small)


def _small(g: GroupMetrics) -> SmallGroup:
    """A group too small to judge, with what it lacks: MIN_CASES positives and negatives, and
    about how many more rows of the group that takes at its own share of positives."""
    pos, neg = g.positives or 0, g.negatives or 0
    more_pos, more_neg = max(0, MIN_CASES - pos), max(0, MIN_CASES - neg)
    rows = None
    needs = [(more_pos, pos), (more_neg, neg)]
    if all(have > 0 for need, have in needs if need):
        rows = max((math.ceil(need * g.rows / have) for need, have in needs if need), default=0)
    return SmallGroup(
        attribute=g.attribute,
        group=g.group,
        rows=g.rows,
        positives=g.positives,
        negatives=g.negatives,
        caught=g.caught,
        false_alarms=g.false_alarms,
        more_positives=more_pos,
        more_negatives=more_neg,
        more_rows=rows,
    )
