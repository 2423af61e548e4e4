"""The written rules (docs/decision-rules.md) that turn the judged
criteria into one recommendation."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision.assurance_criteria import assurance_criteria
from workbench.judge.decision.criteria import (
    Notes,
    Performance,
    explain_performance,
    judge,
    performance,
    performance_criteria,
)
from workbench.judge.decision.gates import (
    contract_gate,
    explain_conditions,
    latency_gate,
    leak_free,
    leakage_gate,
    process_gate,
    rescored,
    timing_free,
)
from workbench.judge.decision.limitations import limitations
from workbench.judge.decision.reviewer import reviewer_roadmap
from workbench.judge.decision.risks import assess_risks
from workbench.judge.readiness import assess
from workbench.judge.verdicts import judge_measurements
from workbench.language import _
from workbench.store.judgements import TO_BUILD, Decision, Verdicts
from workbench.store.layout import FinishedRun
from workbench.store.results import EvaluationResult
from workbench.wording import interval, money, plain

BARS = ("primary", "chance", "value")  # the criteria that say whether any model is good enough


def decide(results: FinishedRun, spec: Spec) -> Decision:
    """The recommendation, from the run's results and the spec's acceptance criteria. Reads the
    saved checklist and readiness on `results` when they are there (the judge sets them
    first); without a readiness it judges one (a unit test's results)."""
    ev = results.evaluation
    notes = Notes()
    perf = performance(ev, spec.primary_threshold, spec.acceptance.min_lift_over_baseline)
    by_kind = {p.kind: p for p in perf}
    crits = performance_criteria(ev, perf)
    notes.criteria += [crits[k] for k in ("primary", "chance", "lift") if k in crits]
    critical, warnings = leakage_gate(results.leakage, notes)
    process_ok = process_gate(ev, notes)
    contract_ok = contract_gate(results.data, notes)
    notes.criteria += [crits["value"]] if "value" in crits else []  # after the gates
    explain_performance(perf, ev, results.data.rows, notes)
    baseline_v = judge(ev.baseline.primary, spec.primary_threshold, _higher(ev))
    choice = model_choice(by_kind, baseline_v)
    notes.reasons.append(_lift_reason(by_kind["lift"], ev, choice, baseline_v))
    explain_conditions(warnings, process_ok, ev, results.data, notes)
    lc = ev.learning_curve
    if lc is not None and lc.verdict == "more data is still helping":
        notes.roadmap.append(
            _("Collect more labelled data: {explanation}").format(explanation=lc.explanation)
        )
    slow = latency_gate(spec.acceptance.max_latency_ms, results.latency_p95_ms, notes)
    # the verdicts the judge saved first, or judged here for results without them
    judged = results.verdicts or judge_measurements(results, spec)
    extra = _assurance(results, judged, spec, notes)

    verdicts = [p.verdict for p in perf if p.kind in BARS]
    others = bool(
        warnings
        or not contract_ok
        or not process_ok
        or slow
        or any(c.verdict != "pass" for c in extra)
    )  # conditions besides the choice of model
    rec = recommend(bool(critical), verdicts, others or choice in CHOICES_WITH_CONDITIONS)
    if choice in CHOICES_WITH_CONDITIONS and not critical:
        notes.roadmap.append(_model_option(ev, spec, choice))
    homework = []  # the checklists' open items: after the client's next steps, grouped
    if rec in TO_BUILD:  # the production path, and what the engineering track owes
        readiness = results.readiness or assess(results, spec)
        notes.roadmap += readiness.path.lines()
        homework.append(readiness.summary())
    homework += reviewer_roadmap(results.checklist)
    return Decision(
        recommendation=rec,
        headline=headline(rec, spec, critical, ev, choice, others),
        reasons=notes.reasons,
        criteria=notes.criteria,
        roadmap=notes.roadmap,
        homework=homework,
        risks=assess_risks(results, notes.criteria, judged),
        limitations=limitations(results, spec),
    )


def _assurance(results: FinishedRun, verdicts: Verdicts, spec: Spec, notes: Notes) -> list:
    """The fairness and robustness criteria, their reasons and roadmap items, noted."""
    extra, why, todo = assurance_criteria(results.assurance, verdicts, spec)
    notes.criteria += extra
    notes.reasons += why
    notes.roadmap += todo
    return extra


def model_choice(perf: dict[str, Performance], baseline_verdict: str) -> str:
    """What the lift over the best baseline says about which model to build — never whether
    to build one: `tuned` (it clears the agreed lift), `simpler` (it does not, and the baseline
    itself clears the bar), `unsettled` (its lift straddles the agreed one while the baseline
    does not clear the bar) or `short` (it falls short of the agreed lift while the baseline
    does not clear the bar, or may not). Every choice but `tuned` is a condition."""
    lift = perf["lift"].verdict
    if lift == "pass":
        return "tuned"
    if baseline_verdict == "pass":
        return "simpler"
    return "short" if lift == "fail" else "unsettled"


CHOICES_WITH_CONDITIONS = ("simpler", "unsettled", "short")
RANK = {"do_not_build": 0, "inconclusive": 1, "build_with_conditions": 2, "build": 3}


def recommend(critical: bool, verdicts: list[str], conditional: bool) -> str:
    """Rules 1–5 of docs/decision-rules.md, in order: `verdicts` are the bars (primary score,
    better than no model, expected value). Monotone: a verdict moving from fail to uncertain
    to pass, or one condition or critical finding fewer, never lowers the recommendation's
    `RANK`."""
    if critical or "fail" in verdicts:
        return "do_not_build"
    if "uncertain" in verdicts:
        return "inconclusive"
    return "build_with_conditions" if conditional else "build"


def _higher(ev: EvaluationResult) -> bool:
    return METRICS[ev.metric].greater_is_better


def _lift_reason(p: Performance, ev: EvaluationResult, choice: str, baseline: str) -> str:
    span = interval(p.interval)
    values = dict(
        what=p.what,
        span=span,
        bar=plain(p.threshold),
        baseline=ev.baseline.name,
        metric=METRICS[ev.metric].title,
        score=interval(ev.baseline.primary),
    )
    if p.verdict == "pass":
        return _("The {what} is {span}, clear of the agreed {bar} (Holdout section).").format(
            **values
        )
    short = p.verdict == "fail"
    if choice == "simpler":
        words = (
            _(
                "The {what} is {span}, short of the agreed {bar}: the simpler {baseline} "
                "baseline already clears the bar ({metric} {score}), so it can be built instead "
                "(Holdout section)."
            )
            if short
            else _(
                "The {what} is {span}, straddling the agreed {bar}: the simpler {baseline} "
                "baseline already clears the bar ({metric} {score}), so it can be built instead "
                "(Holdout section)."
            )
        )
    elif choice == "unsettled":
        words = (
            _(
                "The {what} is {span}, short of the agreed {bar}: the tuned model clears the "
                "bar, the {baseline} baseline ({score}) may not, and whether the tuned model "
                "beats it by the agreed margin is not settled (Holdout section)."
            )
            if short
            else _(
                "The {what} is {span}, straddling the agreed {bar}: the tuned model clears the "
                "bar, the {baseline} baseline ({score}) may not, and whether the tuned model "
                "beats it by the agreed margin is not settled (Holdout section)."
            )
        )
    elif choice == "short":
        words = {
            (True, True): _(
                "The {what} is {span}, short of the agreed {bar}: the tuned model adds less "
                "than the agreed margin over the {baseline} baseline ({score}), which does not "
                "clear the bar itself. The margin decides which model to build, not whether to "
                "build one (Holdout section)."
            ),
            (True, False): _(
                "The {what} is {span}, short of the agreed {bar}: the tuned model adds less "
                "than the agreed margin over the {baseline} baseline ({score}), which may not "
                "clear the bar itself. The margin decides which model to build, not whether to "
                "build one (Holdout section)."
            ),
            (False, True): _(
                "The {what} is {span}, straddling the agreed {bar}: the tuned model adds less "
                "than the agreed margin over the {baseline} baseline ({score}), which does not "
                "clear the bar itself. The margin decides which model to build, not whether to "
                "build one (Holdout section)."
            ),
            (False, False): _(
                "The {what} is {span}, straddling the agreed {bar}: the tuned model adds less "
                "than the agreed margin over the {baseline} baseline ({score}), which may not "
                "clear the bar itself. The margin decides which model to build, not whether to "
                "build one (Holdout section)."
            ),
        }[short, baseline == "fail"]
    else:
        words = (
            _("The {what} is {span}, short of the agreed {bar} (Holdout section).")
            if short
            else _("The {what} is {span}, straddling the agreed {bar} (Holdout section).")
        )
    return words.format(**values)


def _model_option(ev: EvaluationResult, spec: Spec, choice: str) -> str:
    b, threshold = ev.baseline.primary, spec.primary_threshold
    if choice == "short":
        return _(
            "Agree with the client whether the tuned model is worth its complexity: it clears "
            "the agreed {bar} and the {baseline} baseline ({score}) does not, or may not, but "
            "its margin over that baseline ({lift}) is less than the agreed "
            "{margin}."
        ).format(
            bar=plain(threshold),
            baseline=ev.baseline.name,
            score=interval(b),
            lift=interval(ev.lift),
            margin=plain(spec.acceptance.min_lift_over_baseline),
        )
    if choice == "simpler":
        words = (
            _(
                "Build the simpler {baseline} baseline, which already reaches {metric} {score}, "
                "clear of the agreed {bar}; the tuned model adds a lift in {metric} of {lift}. "
                "Agree with the client whether that is worth its extra complexity."
            )
            if ev.business is None
            else _(
                "Build the simpler {baseline} baseline, which already reaches {metric} {score}, "
                "clear of the agreed {bar}; the tuned model adds a lift in {metric} of {lift}, "
                "and {value} a month against {baseline_value} for the {baseline} baseline. "
                "Agree with the client whether that is worth its extra complexity."
            )
        )
        return words.format(bar=plain(threshold), score=interval(b), **_adds(ev))
    return _(
        "Agree with the client whether the tuned model's margin over the {baseline} "
        "baseline ({lift}) is enough, or settle it on fresh labelled data."
    ).format(baseline=ev.baseline.name, lift=interval(ev.lift))


def _adds(ev: EvaluationResult) -> dict[str, str]:
    """The values of what the tuned model adds over the best baseline: the lift and, when the
    spec prices the decisions, the value per month of each."""
    b = ev.business
    return dict(
        baseline=ev.baseline.name,
        metric=METRICS[ev.metric].title,
        lift=interval(ev.lift),
        value=money(b.candidate_monthly.value, b.currency) if b else "",
        baseline_value=money(b.baseline_monthly.value, b.currency) if b else "",
    )


def headline(
    rec: str,
    spec: Spec,
    critical,
    ev: EvaluationResult,
    choice: str = "tuned",
    others: bool = False,
) -> str:
    """Page one's sentence: the recommendation in the stakeholder's words, with the score
    without a leak's suspects and the holdout's earlier looks when there are any."""
    q = spec.question.rstrip("?. ")
    if rec == "build":
        text = _("Yes — the evidence supports building a model for: {question}.")
    elif rec == "build_with_conditions":
        text = _(
            'Yes, with conditions — a model for "{question}" meets the agreed criteria, but the '
            "conditions below must be met first."
        )
    elif rec == "do_not_build" and critical:
        text = _(
            "No — do not build yet: a leak in the data makes the scores untrustworthy ({columns})."
        )
    elif rec == "do_not_build":
        text = _("No — the evidence does not support building a model for: {question}.")
    else:
        text = _(
            'Not yet known — the data cannot yet show whether a model for "{question}" meets '
            "the agreed criteria."
        )
    if rec == "build_with_conditions" and choice == "simpler":
        text = (
            _(
                'Yes, with conditions: the simpler model meets the bar — for "{question}" the '
                "{baseline} baseline reaches {metric} {score}, clear of the agreed {bar}; the "
                "tuned model adds a lift in {metric} of {lift}."
            )
            if ev.business is None
            else _(
                'Yes, with conditions: the simpler model meets the bar — for "{question}" the '
                "{baseline} baseline reaches {metric} {score}, clear of the agreed {bar}; the "
                "tuned model adds a lift in {metric} of {lift}, and {value} a month against "
                "{baseline_value} for the {baseline} baseline."
            )
        )
    elif rec == "build_with_conditions" and choice == "unsettled":
        text = _(
            'Yes, with conditions — the tuned model meets the agreed bar for "{question}", but '
            "its margin over the simpler {baseline} baseline is not settled."
        )
    elif rec == "build_with_conditions" and choice == "short":
        text = _(
            'Yes, with conditions — the tuned model meets the agreed bar for "{question}", but '
            "it adds less than the agreed margin over the simpler {baseline} baseline, which "
            "does not clearly meet the bar itself."
        )
    columns = ", ".join(c for f in critical for c in f.columns) if critical else ""
    text = text.format(
        question=q,
        columns=columns or _("see below"),
        score=interval(ev.baseline.primary),
        bar=plain(spec.primary_threshold),
        **_adds(ev),
    )
    if rec == "build_with_conditions" and choice in CHOICES_WITH_CONDITIONS and others:
        text += " " + _("The other conditions below must be met first.")
    extra = [
        leak_free(ev, spec.primary_threshold) if critical else None,
        timing_free(ev, spec.primary_threshold),
        rescored(ev),
    ]
    return " ".join([text, *[e for e in extra if e]])
