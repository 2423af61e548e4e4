"""The candidate of a forecast study, chosen on the backtest before the holdout is scored: the
judge's rule applied to what the tuning stage measured (each contender's backtest error and its
lift over seasonal naive, with an interval), saved as `results/candidate.json` for the
evaluation to score.

The rule, as a careful forecaster applies it: seasonal naive — what the planner does today —
stays the candidate unless a model beats it clearly on the backtest, that is, unless the
interval of its lift over seasonal naive lies wholly above zero (`intervals.judge`, strict). The
intervals are 95% for the contenders together (each at 1 − 5%/k for k contenders), so that a
model no better than seasonal naive is taken about one time in twenty at most, however many
models compete. Of the models that clear the bar, the one with the lowest backtest error is the
candidate. A model that wins the backtest by an amount chance could give is not taken: on four
series the backtest's order between AutoETS and seasonal naive reversed on the holdout
(benchmarks/RESULTS.md, "Forecast quality on real series").

The tuning notebook calls `choose_candidate(run)` once the tuning stage has saved its result,
so the choice is made in the run as in a notebook opened by hand, and never after the holdout
was looked at.
"""

from __future__ import annotations

from workbench.inputs.context import load_run_context
from workbench.judge.intervals import judge
from workbench.language import _, ngettext, use_language
from workbench.store.forecast_results import (
    CandidateChoice,
    Contender,
    ForecastTuning,
    JudgedContender,
)
from workbench.store.results import TuningResult
from workbench.store.run_directory import Run
from workbench.wording import count, level, number, upper_first

NAIVE = "seasonal_naive"
CLEAR, NONE_CLEAR = "clear_lift", "no_clear_lift"


def choose_candidate(run: Run) -> CandidateChoice | None:
    """Judge the candidate of the forecast study in `run` from its tuning result and save it
    (`results/candidate.json`); None for the other tasks, which have no such choice."""
    if not run.has_result("tuning"):
        return None
    tuning = run.load_result("tuning", TuningResult)
    if tuning.forecast is None:
        return None
    with use_language(load_run_context(run).spec.report.language):  # the report's, as the judge's
        choice = choose(tuning.forecast)
    run.save_result("candidate", choice)
    return choice


def choose(f: ForecastTuning) -> CandidateChoice:
    """The candidate by the rule, from the tuning stage's measurements (`results/tuning.json`:
    `forecast`), with every contender's verdict and the reason in words."""
    judged = [
        JudgedContender(**c.model_dump(), verdict=judge(c.lift, 0.0, True, strict=True))
        for c in f.contenders
    ]
    clear = [c for c in judged if c.verdict == "pass"]
    rule = rule_words(f)
    if clear:
        best = min(clear, key=lambda c: c.backtest)  # ties: the first listed
        return CandidateChoice(
            candidate=best.model,
            label=best.label,
            rule=CLEAR,
            rule_words=rule,
            reason=_chosen(best, judged, f),
            contenders=judged,
        )
    closest = max(judged, key=lambda c: c.lift.value) if judged else None
    return CandidateChoice(
        candidate=NAIVE,
        label=_("seasonal naive"),
        rule=NONE_CLEAR,
        rule_words=rule,
        reason=_kept(closest, f),
        contenders=judged,
        closest=closest.model if closest is not None else None,
    )


def rule_words(f: ForecastTuning) -> str:
    k = len(f.contenders)
    return ngettext(
        "The rule: seasonal naive, what the planner does today, stays the candidate unless a "
        "model beats it clearly on the backtest, that is, unless the {level} interval of its "
        "lift over seasonal naive (seasonal naive's error minus its own, resampled by {what}) "
        "lies wholly above zero. Of the models that clear it, the one with the lowest backtest "
        "error is the candidate.",
        "The rule: seasonal naive, what the planner does today, stays the candidate unless a "
        "model beats it clearly on the backtest, that is, unless the {level} interval of its "
        "lift over seasonal naive (seasonal naive's error minus its own, resampled by {what}) "
        "lies wholly above zero; the intervals of the {k} models compared hold together 95% of "
        "the time, so chance alone rarely picks a model. Of the models that clear it, the one "
        "with the lowest backtest error is the candidate.",
        k,
    ).format(level=level(f.lift_level), what=f.resampled, k=count(k))


def _chosen(best: JudgedContender, judged: list[JudgedContender], f: ForecastTuning) -> str:
    text = _(
        "{model} is the candidate: it beats seasonal naive clearly on the backtest (error {value} "
        "against {naive}; lift {lift}, {level} interval {low} to {high}), and it has the lowest "
        "backtest error of the models that do."
    ).format(
        model=upper_first(best.label),
        value=number(best.backtest),
        naive=number(f.naive_backtest),
        lift=number(best.lift.value),
        level=level(f.lift_level),
        low=number(best.lift.ci_low),
        high=number(best.lift.ci_high),
    )
    lower = [c for c in judged if c.backtest < best.backtest]
    if lower:
        other = min(lower, key=lambda c: c.backtest)
        text += " " + _(
            "{model} had a lower backtest error ({value}), but the interval of its lift over "
            "seasonal naive ({low} to {high}) does not lie above zero: its lead may be chance."
        ).format(
            model=upper_first(other.label),
            value=number(other.backtest),
            low=number(other.lift.ci_low),
            high=number(other.lift.ci_high),
        )
    return text


def _kept(closest: Contender | None, f: ForecastTuning) -> str:
    if closest is None or closest.lift.value <= 0:
        return _(
            "Seasonal naive stays the candidate: no model had a lower backtest error than "
            "seasonal naive ({naive})."
        ).format(naive=number(f.naive_backtest))
    return _(
        "Seasonal naive stays the candidate: no model beats it clearly on the backtest. The "
        "closest, {model}, had an error of {value} against seasonal naive's {naive}, but the "
        "{level} interval of its lift ({low} to {high}) reaches zero: a lead this size can "
        "come from chance on this backtest ({units} units resampled: {what})."
    ).format(
        model=closest.label,
        value=number(closest.backtest),
        naive=number(f.naive_backtest),
        level=level(f.lift_level),
        low=number(closest.lift.ci_low),
        high=number(closest.lift.ci_high),
        units=count(f.units),
        what=f.resampled,
    )
