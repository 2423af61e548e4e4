"""Triage as an operations manager reads it: a model that routes each case (a ticket, a claim,
an incident) to one of several teams, measured the way the team is — how many cases reach the
right team first time, how many hours of re-routing and how much money the wrong routes cost a
month — against today's routing: everything to the default queue, or the keyword rule a team
without machine learning would write. Per team, the model's precision and recall; and the
human-in-the-loop band: a person routes the cases the model is least sure of.

Everything is measured on the holdout predictions the evaluation stage already made, with 95%
intervals from the scores' own resamples (paired: the same resamples score every way of
routing, so the differences are tighter than the scores).
"""

from __future__ import annotations

import numpy as np

from workbench.language import _
from workbench.science.production_evidence import BAND_SHARES, PROPOSED_SHARE, proportion
from workbench.science.resampling import bootstrap_column_means, interval
from workbench.store.triage_results import (
    Comparison,
    ReviewOption,
    RoutingOutcome,
    Span,
    TeamScores,
    TriageResult,
)

ROLES = ("candidate", "keyword_rule", "default_queue")


def span(value: float, samples: np.ndarray, scale: float = 1.0, digits: int = 6) -> Span:
    lo, hi = interval(np.asarray(samples, dtype=np.float64))
    return Span(
        value=round(float(value) * scale, digits),
        ci_low=round(lo * scale, digits),
        ci_high=round(hi * scale, digits),
    )


class _Columns:
    """Per-row quantities whose means the bootstrap estimates, all in one matrix."""

    def __init__(self):
        self.names: list[str] = []
        self.values: list[np.ndarray] = []

    def add(self, name: str, per_row: np.ndarray) -> None:
        self.names.append(name)
        self.values.append(np.asarray(per_row, dtype=np.float64))

    def resampled(self, idx) -> dict[str, tuple[float, np.ndarray]]:
        """name -> (mean on the holdout, means on the resamples)."""
        matrix = np.column_stack(self.values)
        boots = bootstrap_column_means(matrix, idx)
        return {n: (float(matrix[:, j].mean()), boots[:, j]) for j, n in enumerate(self.names)}


def cost_matrix(classes: list[str], routing) -> np.ndarray | None:
    """What routing a case of class a to class r costs (a x r); None when nothing is priced.
    Pairs the spec leaves without a cost (and no misroute_cost) count as free."""
    if routing is None or not routing.priced:
        return None
    return np.array([[routing.cost(a, r) or 0.0 for r in classes] for a in classes])


def route_names(classes: list[str], default_queue: int) -> dict[str, str]:
    return {
        "candidate": _("the model"),
        "keyword_rule": _("the keyword rule"),
        "default_queue": _("everything to {queue}").format(queue=classes[default_queue]),
    }


def triage(
    y: np.ndarray,
    routed: dict[str, np.ndarray],
    proba: np.ndarray,
    classes: list[str],
    default_queue: int,
    routing,
    idx,
    keywords: dict[str, list[str]] | None = None,
) -> TriageResult:
    """The triage evidence. `routed`: each way of routing's class per holdout case (the model
    as "candidate", and "keyword_rule" and "default_queue" where there are); `proba` the
    model's class probabilities; `routing` the spec's routing block (or None); `idx` the
    scores' resamples."""
    y = np.asarray(y)
    k, n = len(classes), len(y)
    costs = cost_matrix(classes, routing)
    cols = _Columns()
    for role, labels in routed.items():
        cols.add(f"{role}:right", labels == y)
        if costs is not None:
            cols.add(f"{role}:cost", costs[y, labels])
    mine = routed["candidate"]
    for c in range(k):
        cols.add(f"tp:{c}", (y == c) & (mine == c))
        cols.add(f"true:{c}", y == c)
        cols.add(f"routed:{c}", mine == c)
    top, wrong = proba.max(axis=1), mine != y
    bands = {}
    for share in BAND_SHARES:
        cut = float(np.sort(top)[max(1, int(np.ceil(share * n))) - 1])
        inside = top <= cut
        bands[share] = inside
        cols.add(f"review:{share}", ~(wrong & ~inside))
    found = cols.resampled(idx)
    month = routing.cases_per_month if routing is not None else None
    minutes = routing.minutes_to_reroute if routing is not None else None
    names = route_names(classes, default_queue)
    outcomes = [_outcome(role, names[role], found, month, minutes, costs) for role in routed]
    today = _today(routing, routed)
    return TriageResult(
        classes=list(classes),
        default_queue=classes[default_queue],
        today=today,
        test_rows=n,
        teams=[_team(c, classes[c], found, n) for c in range(k)],
        outcomes=outcomes,
        comparisons=[
            _compare(other, found, month, minutes, costs)
            for other in routed
            if other != "candidate"
        ],
        review=[
            _review(share, bands[share], wrong, found, routing, month, minutes)
            for share in BAND_SHARES
        ],
        proposed_review=PROPOSED_SHARE,
        keywords=keywords or {},
        cases_per_month=month,
        minutes_to_reroute=minutes,
        review_minutes=routing.review_minutes if routing is not None else None,
        currency=routing.currency if costs is not None else None,
        priced_pairs=sum(len(r) for r in routing.costs.values()) if routing is not None else 0,
    )


def _today(routing, routed: dict) -> str:
    wanted = routing.today if routing is not None else "keyword_rule"
    return wanted if wanted in routed else "default_queue"


def _outcome(role, name, found, month, minutes, costs) -> RoutingOutcome:
    right, right_boot = found[f"{role}:right"]
    out = RoutingOutcome(role=role, name=name, right_first_time=span(right, right_boot))
    if month is not None:
        out.misrouted_per_month = span(1 - right, 1 - right_boot, month, 2)
        if minutes is not None:
            out.rerouting_hours_per_month = span(1 - right, 1 - right_boot, month * minutes / 60, 2)
        if costs is not None:
            cost, cost_boot = found[f"{role}:cost"]
            out.cost_per_month = span(cost, cost_boot, month, 2)
    return out


def _compare(other, found, month, minutes, costs) -> Comparison:
    mine, mine_boot = found["candidate:right"]
    theirs, theirs_boot = found[f"{other}:right"]
    gain, gain_boot = mine - theirs, mine_boot - theirs_boot
    out = Comparison(against=other, right_first_time_gain=span(gain, gain_boot))
    if month is not None and minutes is not None:
        out.hours_saved_per_month = span(gain, gain_boot, month * minutes / 60, 2)
    if month is not None and costs is not None:
        cost, cost_boot = found["candidate:cost"]
        before, before_boot = found[f"{other}:cost"]
        out.value_per_month = span(before - cost, before_boot - cost_boot, month, 2)
    return out


def _team(c: int, name: str, found, n: int) -> TeamScores:
    tp, tp_boot = found[f"tp:{c}"]
    true, true_boot = found[f"true:{c}"]
    routed, routed_boot = found[f"routed:{c}"]
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = span(tp / routed, tp_boot / routed_boot) if routed else None
        recall = span(tp / true, tp_boot / true_boot) if true else None
        f1 = (
            span(2 * tp / (true + routed), 2 * tp_boot / (true_boot + routed_boot))
            if true + routed
            else None
        )
    return TeamScores(
        name=name,
        cases=round(true * n),
        routed=round(routed * n),
        precision=precision,
        recall=recall,
        f1=f1,
    )


def _review(share, inside, wrong, found, routing, month, minutes) -> ReviewOption:
    right, right_boot = found[f"review:{share}"]
    actual = float(inside.mean())
    out = ReviewOption(
        share=round(actual, 6),
        model_error=proportion(wrong[~inside]),
        right_first_time=span(right, right_boot),
    )
    if month is not None:
        out.cases_per_month = round(actual * month, 2)
        if routing.review_minutes is not None:
            out.person_hours_per_month = round(actual * month * routing.review_minutes / 60, 2)
        out.misrouted_per_month = span(1 - right, 1 - right_boot, month, 2)
        if minutes is not None:
            out.rerouting_hours_per_month = span(1 - right, 1 - right_boot, month * minutes / 60, 2)
    return out
