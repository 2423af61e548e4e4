"""The decision of a forecast study: the same four recommendations by the same rules
(docs/decision-rules.md), on the criteria a forecast is judged by.

What differs from the other tasks:

- the primary criterion is an error (MASE by default, or WAPE, …): the candidate's must stay at
  most the agreed bar, judged on its interval;
- the lift over seasonal naive — the planner's stand-in — is required, not a choice of model: a
  forecast that does not beat copying the last season forward is not worth building, however
  good its error looks; the lift must lie above the agreed margin (strictly above zero when the
  margin is zero);
- with priced errors and an agreed minimum, the saving a month against seasonal naive is judged
  on its interval;
- there is no "build the simpler model instead": a statistical model that wins the backtest is
  itself the candidate.
"""

from __future__ import annotations

from workbench.inputs import period_words
from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision.criteria import Notes, Performance, interval_criterion
from workbench.judge.decision.forecast_notes import (
    forecast_limitations,
    forecast_risks,
    forecast_roadmap,
)
from workbench.judge.decision.gates import (
    contract_gate,
    explain_conditions,
    leakage_gate,
    process_gate,
    rescored,
)
from workbench.judge.decision.reviewer import reviewer_roadmap
from workbench.judge.decision.rules import recommend
from workbench.judge.intervals import judge
from workbench.judge.readiness import assess
from workbench.language import _
from workbench.store.judgements import TO_BUILD, Decision
from workbench.store.layout import FinishedRun
from workbench.wording import count, interval, money, pct, plain

NAIVE = "seasonal_naive"


def decide_forecast(results: FinishedRun, spec: Spec) -> Decision:
    ev = results.evaluation
    notes = Notes()
    perf = _performance(results, spec)
    notes.criteria += [_criterion(p, results) for p in perf if p.kind != "value"]
    critical, warnings = leakage_gate(results.leakage, notes)
    process_ok = process_gate(ev, notes)
    contract_ok = contract_gate(results.data, notes)
    notes.criteria += [_criterion(p, results) for p in perf if p.kind == "value"]
    notes.reasons += [_reason(p, results) for p in perf]
    said = any(p.kind == "lift" and p.verdict == "fail" for p in perf) and _planner_kept(results)
    if results.candidate is not None and not said:  # which rule picked the candidate, and why
        notes.reasons.append(results.candidate.reason + " " + _("(Tuning section)"))
    explain_conditions(warnings, process_ok, ev, results.data, notes)
    notes.roadmap += forecast_roadmap(results, perf)
    others = bool(warnings or not contract_ok or not process_ok)
    rec = recommend(bool(critical), [p.verdict for p in perf], others)
    homework = []
    if rec in TO_BUILD:
        readiness = results.readiness or assess(results, spec)
        notes.roadmap += readiness.path.lines()
        homework.append(readiness.summary())
    homework += reviewer_roadmap(results.checklist)
    return Decision(
        recommendation=rec,
        headline=headline(rec, spec, results, critical),
        reasons=notes.reasons,
        criteria=notes.criteria,
        roadmap=notes.roadmap,
        homework=homework,
        risks=forecast_risks(results, notes.criteria),
        limitations=forecast_limitations(results, spec),
    )


def _performance(results: FinishedRun, spec: Spec) -> list[Performance]:
    ev = results.evaluation
    label = METRICS[ev.metric].title
    bar, margin = spec.primary_threshold, spec.acceptance.min_lift_over_baseline
    fd = results.data.forecast
    words = period_words.seasonal_words(fd.unit, fd.season)
    perf = [
        Performance(
            "primary", judge(ev.candidate.primary, bar, False), ev.candidate.primary, bar, label
        ),
        Performance(
            "lift",
            judge(ev.lift, margin, True, strict=margin == 0),
            ev.lift,
            margin,
            _("lift in {label} over seasonal naive ({words})").format(label=label, words=words),
        ),
    ]
    value = ev.forecast.value
    if value is not None and value.min_monthly_value is not None:
        perf.append(
            Performance(
                "value",
                judge(value.saving_per_month, value.min_monthly_value, True),
                value.saving_per_month,
                value.min_monthly_value,
                _("saving a month against seasonal naive ({currency})").format(
                    currency=value.currency
                ),
            )
        )
    return perf


def _criterion(p: Performance, results: FinishedRun):
    ev = results.evaluation
    label = METRICS[ev.metric].title
    periods = ev.forecast.scored_periods
    if p.kind == "primary":
        name = _("{label} of the candidate forecast (at most {bar})").format(
            label=label, bar=plain(p.threshold)
        )
        evidence = _("Holdout evaluation: {model} on {n} series-periods").format(
            model=ev.candidate.name, n=count(periods)
        )
    elif p.kind == "lift":
        name = _("Better than seasonal naive: lift in {label} above {bar}").format(
            label=label, bar=plain(p.threshold)
        )
        evidence = _("Holdout evaluation: paired bootstrap of the difference in {label}").format(
            label=label
        )
    else:
        name = _("Saving a month against seasonal naive, at least {amount}").format(
            amount=money(p.threshold, ev.forecast.value.currency)
        )
        evidence = _("Holdout section: the agreed cost of each unit forecast too high or too low")
    return interval_criterion(name, p.interval, p.threshold, p.verdict, evidence, kind=p.kind)


def _reason(p: Performance, results: FinishedRun) -> str:
    span = interval(p.interval, 0 if p.kind == "value" else 3)
    if p.verdict == "pass":
        return _("The {what} is {span}, clear of the agreed {bar} (Holdout section).").format(
            what=p.what, span=span, bar=plain(p.threshold)
        )
    if p.verdict == "fail":
        if p.kind == "lift" and _planner_kept(results):
            return (
                results.candidate.reason
                + " "
                + _(
                    "The candidate is therefore seasonal naive itself — what the planner does "
                    "today — and there is no lift to build on: a model is not worth building on "
                    "this evidence (Tuning section)."
                )
            )
        if p.kind == "lift":
            return _(
                "The forecast does not beat seasonal naive by the agreed margin: its {what} is "
                "{span}, short of {bar}. Copying the last season forward does as well, so a "
                "model is not worth building on this evidence (Holdout section)."
            ).format(what=p.what, span=span, bar=plain(p.threshold))
        return _("The {what} is {span}, short of the agreed {bar} (Holdout section).").format(
            what=p.what, span=span, bar=plain(p.threshold)
        )
    return _(
        "The {what} is {span}: the interval straddles the agreed {bar}, so this holdout cannot "
        "yet say whether the criterion is met (Holdout section)."
    ).format(what=p.what, span=span, bar=plain(p.threshold))


def _planner_kept(results: FinishedRun) -> bool:
    """The judge kept seasonal naive as the candidate: no model beat it clearly."""
    c = results.candidate
    return c is not None and c.candidate == NAIVE


def headline(rec: str, spec: Spec, results: FinishedRun, critical) -> str:
    """Page one's sentences: the recommendation, then in the planner's words how far off the
    forecast would be against what they do today, and what that is worth."""
    ev = results.evaluation
    q = spec.question.rstrip("?. ")
    text = {
        "build": _("Yes — the evidence supports building the forecast."),
        "build_with_conditions": _(
            "Yes, with conditions — the forecast meets the agreed criteria, but the conditions "
            "below must be met first."
        ),
        "do_not_build": (
            _(
                "No — do not build yet: a leak in the data makes the scores untrustworthy ({cols})."
            ).format(cols=", ".join(c for f in critical for c in f.columns) or _("see below"))
            if critical
            else _("No — the evidence does not support building a forecast for: {q}.").format(q=q)
        ),
        "inconclusive": _(
            'Not yet known — this holdout cannot yet show whether a forecast for "{q}" meets the '
            "agreed criteria."
        ).format(q=q),
    }[rec]
    extra = [planner_words(results), money_words(results), rescored(ev)]
    return " ".join([text, *[e for e in extra if e]])


def planner_words(results: FinishedRun) -> str:
    """How far off the forecast would be, against seasonal naive, as a planner says it."""
    ev, d = results.evaluation, results.data.forecast
    cand = ev.candidate.secondary.get("wape") or ev.candidate.primary
    base = ev.baseline.secondary.get("wape") or ev.baseline.primary
    words = period_words.seasonal_words(d.unit, d.season)
    values = {"c": pct(cand.value), "b": pct(base.value), "words": words}
    if d.horizon == 1:
        text = _(
            "Next {unit}'s forecast would be off by {c} of volume, against {b} with {words}."
        ).format(unit=period_words.unit_name(d.unit), **values)
    else:
        text = _(
            "Forecasts for the next {h} {units} would be off by {c} of volume, against {b} with "
            "{words}."
        ).format(h=count(d.horizon), units=period_words.unit_names(d.unit), **values)
    if "wape" in ev.candidate.secondary and cand.value > base.value and ev.lift.value > 0:
        text += " " + _(
            "By share of volume, which the largest series dominate, it is no better; by {label}, "
            "which weighs every series alike, it is."
        ).format(label=METRICS[ev.metric].title)
    return text


def money_words(results: FinishedRun) -> str | None:
    """What the better forecast saves per period, at the agreed prices."""
    value, d = results.evaluation.forecast.value, results.data.forecast
    if value is None:
        return None
    amount = money(abs(value.saving_per_period.value), value.currency)
    unit = period_words.unit_name(d.unit)
    if value.saving_per_period.value < 0:
        return _("At the agreed prices it would cost about {amount} a {unit} more.").format(
            amount=amount, unit=unit
        )
    if value.over_means and value.under_means:
        return _("That is about {amount} a {unit} less in {under} and {over}.").format(
            amount=amount, unit=unit, under=value.under_means, over=value.over_means
        )
    return _("That is about {amount} a {unit} less in the cost of forecast errors.").format(
        amount=amount, unit=unit
    )
