"""A forecast study's roadmap items, risks and limitations, from its results: what would settle
an open criterion, intervals that cover less than they promise, series the forecast does worse
on than seasonal naive, a forecast that runs high or low, and what the study cannot tell."""

from __future__ import annotations

import math

from workbench.inputs.metrics import METRICS
from workbench.inputs.period_words import unit_name, unit_names
from workbench.inputs.spec import Spec
from workbench.judge.decision.criteria import Performance, rows_to_settle
from workbench.judge.decision.risks import assess_risks
from workbench.language import _, ngettext
from workbench.store.judgements import Criterion, Risk, Verdicts
from workbench.store.layout import FinishedRun
from workbench.wording import (
    count,
    decimal_digits,
    level,
    money,
    names,
    number,
    pct,
    plain,
)

NAIVE = "seasonal_naive"
WORSE_SHARE = 0.25  # a quarter of the series forecast worse than seasonal naive is worth a step
BIAS = 0.02  # a forecast running 2% of volume high or low, beyond chance, is worth correcting


def _series_worse(results: FinishedRun) -> tuple[list[str], int]:
    scores = {s.model: s.scores for s in results.evaluation.forecast.by_series}
    cand, naive = scores["candidate"], scores[NAIVE]
    worse = [k for k, v in cand.items() if k in naive and v > naive[k]]
    return worse, len(cand)


def _closest(results: FinishedRun):
    """When no model beat seasonal naive clearly: the one nearest to it, if its backtest lift
    was positive but its interval reached zero (more evidence may show it)."""
    c = results.candidate
    if c is None or c.closest is None:
        return None
    near = next((m for m in c.contenders if m.model == c.closest), None)
    return (
        near if near is not None and near.verdict == "uncertain" and near.lift.value > 0 else None
    )


def forecast_roadmap(results: FinishedRun, perf: list[Performance]) -> list[str]:
    ev, data = results.evaluation, results.data.forecast
    out = []
    for p in perf:
        if p.verdict == "uncertain":
            out.append(_settle(p, results))
    short = [iv for iv in ev.forecast.intervals if iv.coverage.ci_high < iv.level]
    if short:
        iv = short[0]
        out.append(
            _(
                "Widen the prediction intervals before they set safety stock or staffing: the "
                "{level} interval covered {got} of the holdout's actuals (95% interval {low} "
                "to {high}). More backtest windows give them more errors to learn from."
            ).format(
                level=pct(iv.level, 0),
                got=pct(iv.coverage.value),
                low=pct(iv.coverage.ci_low),
                high=pct(iv.coverage.ci_high),
            )
        )
    closest = _closest(results)
    if closest is not None:
        out.append(
            _(
                "Run the study again with more history or more series before deciding against "
                "a model: {model} came closest to beating seasonal naive on the backtest (lift "
                "{lift}, {level} interval {low} to {high}), too close to tell from chance."
            ).format(
                model=closest.label,
                lift=number(closest.lift.value),
                level=level(results.tuning.forecast.lift_level),
                low=number(closest.lift.ci_low),
                high=number(closest.lift.ci_high),
            )
        )
    worse, n = _series_worse(results)
    if n and len(worse) / n >= WORSE_SHARE:
        out.append(
            ngettext(
                "Review the {k} series the forecast does worse on than seasonal naive ({shown}): "
                "keep the planner's method there until they are understood.",
                "Review the {k} series the forecast does worse on than seasonal naive ({shown}): "
                "keep the planner's method there until they are understood.",
                len(worse),
            ).format(k=count(len(worse)), shown=names(worse, 4))
        )
    bias = ev.candidate.secondary.get("bias")
    if bias is not None and abs(bias.value) >= BIAS and (bias.ci_low > 0 or bias.ci_high < 0):
        words = _("high") if bias.value > 0 else _("low")
        out.append(
            _(
                "Correct the forecast's bias: it runs {direction} by {share} of volume on the "
                "holdout (95% interval {low} to {high})."
            ).format(
                direction=words,
                share=pct(abs(bias.value)),
                low=pct(bias.ci_low),
                high=pct(bias.ci_high),
            )
        )
    if data.left_out_count:
        out.append(
            ngettext(
                "Plan the {k} series too short for this study ({shown}) another way — seasonal "
                "naive until it has the history the study needs.",
                "Plan the {k} series too short for this study ({shown}) another way — seasonal "
                "naive until they have the history the study needs.",
                data.left_out_count,
            ).format(k=count(data.left_out_count), shown=names(list(data.left_out), 4))
        )
    return out


def _settle(p: Performance, results: FinishedRun) -> str:
    ev, data = results.evaluation, results.data.forecast
    n = ev.forecast.scored_periods
    need = rows_to_settle(p.interval, p.threshold, n)
    if need is None or need > 20 * n:
        return _(
            "Revisit with the client whether {bar} is the right bar for the {what}: the "
            "estimate sits on it."
        ).format(bar=plain(p.threshold), what=p.what)
    more = max(1, math.ceil((need - n) / max(data.studied, 1)))
    return ngettext(
        "Score the forecast again when {k} more {unit} of actuals has arrived for every series "
        "(about {need} series-periods would settle the {what}; the holdout has {n}), or add "
        "series to the study.",
        "Score the forecast again when {k} more {units} of actuals have arrived for every "
        "series (about {need} series-periods would settle the {what}; the holdout has {n}), or "
        "add series to the study.",
        more,
    ).format(
        k=count(more),
        unit=unit_name(data.unit),
        units=unit_names(data.unit),
        need=count(need),
        what=p.what,
        n=count(n),
    )


def _lift_risk(c: Criterion, results: FinishedRun) -> Risk:
    """The lift over seasonal naive not shown: no model beat it clearly on the backtest (the
    candidate is seasonal naive itself), or the candidate's holdout lift falls short."""
    choice = results.candidate
    if choice is not None and choice.candidate == NAIVE:
        return Risk(
            title=_("No model beats what the planner does today clearly"),
            detail=choice.reason,
            evidence=_("Tuning section, how the candidate was chosen"),
            weight=50,
        )
    title = (
        _("The forecast does not beat seasonal naive by the agreed margin")
        if c.verdict == "fail"
        else _("The forecast may not beat seasonal naive by the agreed margin")
    )
    detail = _("Observed {value} (95% interval {low} to {high}).").format(
        value=number(c.observed), low=number(c.ci_low), high=number(c.ci_high)
    )
    return Risk(title=title, detail=detail, evidence=c.evidence, weight=50)


def forecast_risks(results: FinishedRun, criteria: list[Criterion]) -> list[Risk]:
    """The risks every study shares (leaks, the holdout's looks, criteria not passed) and a
    forecast's own."""
    ev = results.evaluation
    # a forecast has no assurance stage: no robustness or fairness verdicts; its lift is over
    # seasonal naive, named below
    others = [c for c in criteria if c.kind != "lift"]
    found = assess_risks(results, others, results.verdicts or Verdicts())
    lift = next((c for c in criteria if c.kind == "lift" and c.verdict != "pass"), None)
    if lift is not None:
        found.append(_lift_risk(lift, results))
    for iv in ev.forecast.intervals:
        if iv.coverage.ci_high < iv.level:
            found.append(
                Risk(
                    title=_("Its prediction intervals are too narrow"),
                    detail=_(
                        "The {level} interval covered {got} of the holdout's actuals: plans "
                        "built on it would be caught out more often than they expect."
                    ).format(level=pct(iv.level, 0), got=pct(iv.coverage.value)),
                    evidence=_("Holdout section, prediction intervals"),
                    weight=45,
                )
            )
            break
    worse, n = _series_worse(results)
    if n and len(worse) / n >= WORSE_SHARE:
        found.append(
            Risk(
                title=_("It does worse than seasonal naive on many series"),
                detail=_("{k} of {n} series are forecast worse than by seasonal naive.").format(
                    k=count(len(worse)), n=count(n)
                ),
                evidence=_("Holdout section, by series"),
                weight=40,
            )
        )
    return sorted(found, key=lambda r: -r.weight)


def forecast_limitations(results: FinishedRun, spec: Spec) -> list[str]:
    ev, d, data = results.evaluation, results.data.forecast, results.data
    p = ev.candidate.primary
    label = METRICS[ev.metric].title
    out = [
        _(
            "Everything rests on one extract ({file}: {s} series from {first} to {last}): the "
            "study says nothing about series unlike these, and takes the recorded values of "
            "'{target}' as what was needed — sales capped by stock-outs understate demand."
        ).format(
            file=data.data_file,
            s=count(d.series),
            first=d.first,
            last=d.last,
            target=data.target,
        ),
        ngettext(
            "The holdout is the last {h} {unit} of every series ({n} series-periods), so "
            "{label} is known to within {low} to {high} (the bootstrap resampled {what}); it "
            "covers one stretch of time: a season unlike it may go better or worse.",
            "The holdout is the last {h} {units} of every series ({n} series-periods), so "
            "{label} is known to within {low} to {high} (the bootstrap resampled {what}); it "
            "covers one stretch of time: a season unlike it may go better or worse.",
            d.horizon,
        ).format(
            h=count(d.horizon),
            unit=unit_name(d.unit),
            units=unit_names(d.unit),
            n=count(ev.forecast.scored_periods),
            label=label,
            low=number(p.ci_low),
            high=number(p.ci_high),
            what=ev.resampled,
        ),
    ]
    if d.left_out_count:
        out.append(
            ngettext(
                "{k} series was too short for the study and is not forecast here.",
                "{k} series were too short for the study and are not forecast here.",
                d.left_out_count,
            ).format(k=count(d.left_out_count))
        )
    if d.gap_periods:
        out.append(
            _(
                "{k} periods missing inside {s} series were filled ({how}) to fit the models; "
                "they were never scored."
            ).format(
                k=count(d.gap_periods),
                s=count(d.gap_series),
                how=_("interpolated") if d.gap_fill == "interpolate" else _("as zero"),
            )
        )
    known = d.inputs.get("known_in_advance", [])
    if known:
        out.append(
            _(
                "The forecast reads {cols} for the periods it forecasts, as the extract records "
                "them: it assumes they are known that far ahead, and plans changed after the "
                "forecast is made will make it worse."
            ).format(cols=", ".join(f"'{c}'" for c in known))
        )
    value = ev.forecast.value
    if value is not None:
        words = (
            _(
                "The money assumes the agreed costs — {over} for each unit forecast too high, {under} for each unit too low."
            )
            if d.unit == "month"
            else _(
                "The money assumes the agreed costs — {over} for each unit forecast too high, "
                "{under} for each unit too low — and {per} {units} a month."
            )
        )
        out.append(
            words.format(
                over=money(value.over_forecast, value.currency),
                under=money(value.under_forecast, value.currency),
                per=decimal_digits(value.periods_per_month, 2),
                units=unit_names(d.unit),
            )
        )
    return out
