"""The acceptance criteria a run is judged on, each from its confidence interval, and the
reasons and roadmap items each verdict brings."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workbench.inputs.metrics import METRICS
from workbench.judge.intervals import judge
from workbench.store.judgements import Criterion
from workbench.store.results import EvaluationResult, Interval
from workbench.wording import interval

SETTLE_FACTOR = 20  # beyond 20x the holdout, "collect more data" is not a realistic plan


@dataclass
class Notes:
    """What the judging collects, in the order the report shows it."""

    criteria: list[Criterion] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    roadmap: list[str] = field(default_factory=list)


@dataclass
class Performance:
    """A criterion on a measured quantity: primary score, lift or expected value."""

    kind: str
    verdict: str
    interval: Interval
    threshold: float
    what: str


def rows_to_settle(iv: Interval, threshold: float, n: int) -> int | None:
    """Holdout rows at which the interval would no longer straddle the threshold, assuming its
    width shrinks with the square root of the sample and the point estimate holds."""
    gap = abs(iv.value - threshold)
    half = (iv.ci_high - iv.ci_low) / 2
    if gap == 0 or not math.isfinite(half):
        return None
    return math.ceil(n * (half / gap) ** 2)


def interval_criterion(name: str, iv: Interval, threshold: float, verdict: str, evidence: str):
    return Criterion(
        name=name,
        threshold=threshold,
        observed=iv.value,
        ci_low=iv.ci_low,
        ci_high=iv.ci_high,
        verdict=verdict,
        evidence=evidence,
    )


def count_criterion(name: str, threshold: float, observed: float, ok: bool, evidence: str):
    return Criterion(
        name=name,
        threshold=threshold,
        observed=observed,
        ci_low=None,
        ci_high=None,
        verdict="pass" if ok else "fail",
        evidence=evidence,
    )


def performance(ev: EvaluationResult, threshold: float, lift_min: float) -> list[Performance]:
    """The primary score, the lift over the best baseline and, when the spec values the
    decisions, the expected value per month."""
    metric = METRICS[ev.metric]
    perf = [
        Performance(
            "primary",
            judge(ev.candidate.primary, threshold, metric.greater_is_better),
            ev.candidate.primary,
            threshold,
            metric.label,
        ),
        Performance(
            "lift",
            judge(ev.lift, lift_min, True),
            ev.lift,
            lift_min,
            f"lift in {metric.label} over {ev.baseline.name}",
        ),
    ]
    money = ev.business
    if money is not None and money.min_monthly_value is not None:
        perf.append(
            Performance(
                "value",
                judge(money.candidate_monthly, money.min_monthly_value, True),
                money.candidate_monthly,
                money.min_monthly_value,
                f"expected value per month ({money.currency})",
            )
        )
    return perf


def performance_criteria(ev: EvaluationResult, perf: list[Performance]) -> list[Criterion]:
    metric = METRICS[ev.metric]
    bound = "at least" if metric.greater_is_better else "at most"
    by_kind = {p.kind: p for p in perf}
    p, lift = by_kind["primary"], by_kind["lift"]
    out = [
        interval_criterion(
            f"{metric.label} of the candidate model ({bound} {p.threshold:g})",
            p.interval,
            p.threshold,
            p.verdict,
            f"Holdout evaluation: {ev.candidate.name} on {ev.test_rows} test rows",
        ),
        interval_criterion(
            f"Lift over the best baseline ({ev.baseline.name}), at least {lift.threshold:g}",
            lift.interval,
            lift.threshold,
            lift.verdict,
            "Holdout evaluation: paired bootstrap of the difference in " + metric.label,
        ),
    ]
    if "value" in by_kind:
        v, money = by_kind["value"], ev.business
        out.append(
            interval_criterion(
                f"Expected value per month, at least {v.threshold:,.0f} {money.currency}",
                v.interval,
                v.threshold,
                v.verdict,
                "Holdout section: costs and values applied at the chosen threshold",
            )
        )
    return out


def explain_performance(perf: list[Performance], ev: EvaluationResult, notes: Notes) -> None:
    """A reason per performance criterion and, where it falls short, what to do about it."""
    n = ev.test_rows
    for p in perf:
        span = interval(p.interval, 0 if p.kind == "value" else 3)
        if p.verdict == "fail":
            notes.reasons.append(
                f"The {p.what} is {span}, short of the agreed {p.threshold:g} (Holdout section)."
            )
            if p.kind == "lift":
                notes.roadmap.append(
                    f"The simple baseline ({ev.baseline.name}) does as well as the tuned "
                    "model: if it meets the need, deploy the simpler one."
                )
        elif p.verdict == "uncertain":
            more, todo = _settle(p, n)
            notes.reasons.append(
                f"The {p.what} is {span}: the interval straddles the agreed {p.threshold:g}, so "
                f"the data cannot yet say whether the criterion is met.{more} (Holdout section.)"
            )
            notes.roadmap.append(todo)
        else:
            notes.reasons.append(
                f"The {p.what} is {span}, clear of the agreed {p.threshold:g} (Holdout section)."
            )


def _settle(p: Performance, n: int) -> tuple[str, str]:
    need = rows_to_settle(p.interval, p.threshold, n)
    if need is not None and need <= SETTLE_FACTOR * n:
        return (
            f" About {need:,} holdout rows (now {n:,}) would settle it.",
            f"Collect more labelled data to settle the {p.what} (about {need:,} test rows).",
        )
    return (
        " The estimate sits almost exactly on the threshold: more data alone is unlikely to "
        "settle it.",
        f"Revisit with the client whether {p.threshold:g} is the right bar for the {p.what}: "
        "the estimate sits on it.",
    )
