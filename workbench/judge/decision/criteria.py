"""The acceptance criteria a run is judged on, each from its confidence interval, and the
reasons and roadmap items each verdict brings."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workbench.inputs.metrics import METRICS
from workbench.judge.intervals import judge
from workbench.language import _, ngettext
from workbench.store.judgements import Criterion
from workbench.store.results import EvaluationResult, Interval
from workbench.wording import count, interval, money, pct, plain

SETTLE_FACTOR = 20  # beyond 20x the holdout, "collect more data" is not a realistic plan
MAX_TEST_SHARE = 0.5  # the largest holdout share a spec allows (split.test_size)


@dataclass
class Notes:
    """What the judging collects, in the order the report shows it."""

    criteria: list[Criterion] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    roadmap: list[str] = field(default_factory=list)


@dataclass
class Performance:
    """A criterion on a measured quantity: primary score, the lift over no model (chance), the
    lift over the best baseline, or the expected value."""

    kind: str  # primary | chance | lift | value
    verdict: str
    interval: Interval
    threshold: float
    what: str


def rows_to_settle(iv: Interval, threshold: float, n: int) -> int | None:
    """Holdout rows at which the interval would no longer straddle the threshold, assuming its
    width shrinks with the square root of the sample and the point estimate holds."""
    gap = abs(iv.value - threshold)
    half = (iv.ci_high - iv.ci_low) / 2
    if gap == 0 or not math.isfinite(half) or half / gap > 1e6:  # on the threshold
        return None
    return math.ceil(n * (half / gap) ** 2)


def interval_criterion(
    name: str, iv: Interval, threshold: float, verdict: str, evidence: str, kind: str | None = None
):
    return Criterion(
        kind=kind,
        name=name,
        threshold=threshold,
        observed=iv.value,
        ci_low=iv.ci_low,
        ci_high=iv.ci_high,
        verdict=verdict,
        evidence=evidence,
    )


def count_criterion(
    name: str, threshold: float, observed: float, ok: bool, evidence: str, kind: str | None = None
):
    return Criterion(
        kind=kind,
        name=name,
        threshold=threshold,
        observed=observed,
        ci_low=None,
        ci_high=None,
        verdict="pass" if ok else "fail",
        evidence=evidence,
    )


def performance(ev: EvaluationResult, threshold: float, lift_min: float) -> list[Performance]:
    """The primary score, the lift over the dummy (no model: it must lie above zero), the lift
    over the best baseline and, when the spec values the decisions, the expected value."""
    metric = METRICS[ev.metric]
    perf = [
        Performance(
            "primary",
            judge(ev.candidate.primary, threshold, metric.greater_is_better),
            ev.candidate.primary,
            threshold,
            metric.label,
        )
    ]
    if ev.over_dummy is not None:
        perf.append(
            Performance(
                "chance",
                judge(ev.over_dummy, 0.0, True, strict=True),
                ev.over_dummy,
                0.0,
                _("lift in {metric} over no model (the best rule that uses no input)").format(
                    metric=metric.label
                ),
            )
        )
    perf.append(
        Performance(
            "lift",
            judge(ev.lift, lift_min, True),
            ev.lift,
            lift_min,
            _("lift in {metric} over {baseline}").format(
                metric=metric.title, baseline=ev.baseline.name
            ),
        )
    )
    value = ev.business
    if value is not None and value.min_monthly_value is not None:
        perf.append(
            Performance(
                "value",
                judge(value.candidate_monthly, value.min_monthly_value, True),
                value.candidate_monthly,
                value.min_monthly_value,
                _("expected value per month ({currency})").format(currency=value.currency),
            )
        )
    return perf


def performance_criteria(ev: EvaluationResult, perf: list[Performance]) -> dict[str, Criterion]:
    """The criterion of each performance kind, by kind."""
    metric = METRICS[ev.metric]
    out = {}
    for p in perf:
        if p.kind == "primary":
            name = (
                _("{metric} of the candidate model (at least {bar})")
                if metric.greater_is_better
                else _("{metric} of the candidate model (at most {bar})")
            ).format(metric=metric.title, bar=plain(p.threshold))
            evidence = ngettext(
                "Holdout evaluation: {model} on {n} test row",
                "Holdout evaluation: {model} on {n} test rows",
                ev.test_rows,
            ).format(model=ev.candidate.name, n=count(ev.test_rows))
        elif p.kind == "chance":
            name = _(
                "Better than no model: lift in {metric} over the best rule that uses no input, "
                "above 0"
            ).format(metric=metric.title)
            evidence = _(
                "Holdout evaluation: paired bootstrap of the difference from the best rule that "
                "uses no input in each resample (on the whole holdout {rule}: {metric} {score})"
            ).format(rule=_dummy_words(ev), metric=metric.title, score=interval(ev.dummy.primary))
        elif p.kind == "lift":
            name = _("Lift over the best baseline ({baseline}), at least {bar}").format(
                baseline=ev.baseline.name, bar=plain(p.threshold)
            )
            evidence = _(
                "Holdout evaluation: paired bootstrap of the difference in {metric}"
            ).format(metric=metric.title)
        else:  # the report's table shows a criterion of kind `value` as money
            name = _("Expected value per month, at least {amount}").format(
                amount=money(p.threshold, ev.business.currency)
            )
            evidence = _("Holdout section: costs and values applied at the chosen threshold")
        out[p.kind] = interval_criterion(
            name, p.interval, p.threshold, p.verdict, evidence, kind=p.kind
        )
    return out


def _dummy_words(ev: EvaluationResult) -> str:
    """The rule without inputs that scored best (runs before it was chosen among several
    named their one dummy "dummy": what that dummy predicted, as the metric sees it)."""
    if ev.dummy is not None and ev.dummy.name != "dummy":
        return ev.dummy.name
    needs = METRICS[ev.metric].needs
    if needs == "value":
        return _("the training part's mean for every case")
    if needs == "label":
        return _("the majority class for every case")
    return _("the training part's class shares for every case")


def explain_performance(
    perf: list[Performance], ev: EvaluationResult, data_rows: int, notes: Notes
) -> None:
    """A reason per performance criterion except the lift over the best baseline (the rules
    word it with the choice of model) and, where one falls short, what to do about it."""
    for p in perf:
        if p.kind == "lift":
            continue
        span = interval(p.interval, 0 if p.kind == "value" else 3)
        if p.verdict == "fail":
            notes.reasons.append(_short_of(p, ev, span))
        elif p.verdict == "uncertain":
            more, todo = settle(p, ev.test_rows, data_rows)
            words = (
                _(
                    "The {what} is {span}: the interval straddles zero, so the data cannot yet "
                    "say whether the criterion is met.{more} (Holdout section.)"
                )
                if p.kind == "chance"
                else _(
                    "The {what} is {span}: the interval straddles the agreed {bar}, so the data "
                    "cannot yet say whether the criterion is met.{more} (Holdout section.)"
                )
            )
            notes.reasons.append(
                words.format(what=p.what, span=span, bar=plain(p.threshold), more=more)
            )
            notes.roadmap.append(todo)
        elif p.kind == "chance":
            notes.reasons.append(
                _(
                    "The model does better than no model at all: its {what} is {span}, above "
                    "zero (Holdout section)."
                ).format(what=p.what, span=span)
            )
        else:
            notes.reasons.append(
                _("The {what} is {span}, clear of the agreed {bar} (Holdout section).").format(
                    what=p.what, span=span, bar=plain(p.threshold)
                )
            )


def _short_of(p: Performance, ev: EvaluationResult, span: str) -> str:
    if p.kind != "chance":
        return _("The {what} is {span}, short of the agreed {bar} (Holdout section).").format(
            what=p.what, span=span, bar=plain(p.threshold)
        )
    return _(
        "The model does no better than no model at all: its {metric} is {score} against "
        "{reference} for the best rule that uses no input, {rule} (lift {lift}). A bar that a "
        "rule without inputs meets says nothing about signal: agree with the client a bar "
        "above that rule's score (Holdout section)."
    ).format(
        metric=METRICS[ev.metric].title,
        score=interval(ev.candidate.primary),
        reference=interval(ev.dummy.primary),
        rule=_dummy_words(ev),
        lift=span,
    )


def settle(p: Performance, n: int, data_rows: int) -> tuple[str, str]:
    """What would settle an uncertain criterion, never asking for more rows than the extract
    holds: a larger holdout when half the extract could give it, else fresh labelled cases."""
    need = rows_to_settle(p.interval, p.threshold, n)
    values = dict(
        what=p.what,
        bar=plain(p.threshold),
        need=count(need),
        share=pct(need / data_rows, 0) if need is not None else "",
        rows=count(data_rows),
        now=count(n),
    )
    if need is None or need > SETTLE_FACTOR * n:
        return (
            " "
            + _(
                "The estimate sits almost exactly on the threshold: more data alone is unlikely "
                "to settle it."
            ),
            _(
                "Revisit with the client whether {bar} is the right bar for the {what}: the "
                "estimate sits on it."
            ).format(**values),
        )
    if need <= MAX_TEST_SHARE * data_rows:
        return (
            " "
            + _(
                "A holdout of about {need} rows ({share} of this extract's {rows}; now {now}) "
                "would settle it."
            ).format(**values),
            _(
                "Settle the {what} on a holdout of about {need} rows: labelled cases the study "
                "has never scored, or a new study with a larger split.test_size."
            ).format(**values),
        )
    return (
        " "
        + _(
            "Settling it takes a holdout of about {need} rows (now {now}), more than this "
            "extract's {rows} rows can give."
        ).format(**values),
        _(
            "Collect about {need} fresh labelled cases and score the model on them to settle the "
            "{what}; this extract ({rows} rows) cannot."
        ).format(**values),
    )
