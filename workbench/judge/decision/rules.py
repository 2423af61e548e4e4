"""The written rules (docs/decision-rules.md) that turn the judged
criteria into one recommendation."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision.assurance_criteria import assurance_criteria
from workbench.judge.decision.criteria import (
    Notes,
    explain_performance,
    judge,
    performance,
    performance_criteria,
)
from workbench.judge.decision.gates import (
    contract_gate,
    explain_conditions,
    latency_gate,
    leakage_gate,
    process_gate,
)
from workbench.judge.decision.limitations import limitations
from workbench.judge.decision.reviewer import reviewer_roadmap
from workbench.judge.decision.risks import assess_risks
from workbench.judge.readiness import assess
from workbench.store.judgements import TO_BUILD, Decision
from workbench.store.layout import RunResults
from workbench.store.results import EvaluationResult
from workbench.wording import interval


def decide(results: RunResults, spec: Spec) -> Decision:
    """The recommendation, from the run's results and the spec's acceptance criteria. Reads the
    saved checklist and readiness on `results` when they are there (the judge sets them
    first); without a readiness it judges one (a unit test's results)."""
    ev = results.evaluation
    notes = Notes()
    perf = performance(ev, spec.primary_threshold, spec.acceptance.min_lift_over_baseline)
    notes.criteria += performance_criteria(ev, perf)[:2]
    critical, warnings = leakage_gate(results.leakage, notes)
    process_ok = process_gate(ev, notes)
    contract_ok = contract_gate(results.data, notes)
    notes.criteria += performance_criteria(ev, perf)[2:]  # the expected value, after the gates
    explain_performance(perf, ev, notes)
    explain_conditions(warnings, process_ok, ev, results.data, notes)
    lc = ev.learning_curve
    if lc is not None and lc.verdict == "more data is still helping":
        notes.roadmap.append(f"Collect more labelled data: {lc.explanation}")
    slow = latency_gate(spec.acceptance.max_latency_ms, results.latency_p95_ms, notes)
    extra, why, todo = assurance_criteria(results.assurance, spec)
    notes.criteria += extra
    notes.reasons += why
    notes.roadmap += todo

    baseline_v = judge(ev.baseline.primary, spec.primary_threshold, _higher(ev))
    lift_v = next(p.verdict for p in perf if p.kind == "lift")
    # a failed lift over a baseline that itself clears the bar is a choice of model, not a
    # verdict against building one: build the simpler model
    simpler = lift_v == "fail" and not critical and baseline_v == "pass"
    verdicts = [p.verdict for p in perf if not (simpler and p.kind == "lift")]
    conditional = (
        warnings
        or not contract_ok
        or not process_ok
        or slow
        or any(c.verdict != "pass" for c in extra)
        or simpler
    )
    rec = recommend(bool(critical), verdicts, bool(conditional))
    if rec != "build" and not critical and lift_v != "pass" and baseline_v == "pass":
        notes.roadmap.append(_simpler_option(ev, spec.primary_threshold))
    homework = []  # the checklists' open items: after the client's next steps, grouped
    if rec in TO_BUILD:  # the production path, and what the engineering track owes
        readiness = results.readiness or assess(results, spec)
        notes.roadmap += readiness.path.lines()
        homework.append(readiness.summary())
    homework += reviewer_roadmap(results.checklist)
    return Decision(
        recommendation=rec,
        headline=headline(rec, spec, critical, ev.baseline.name if simpler else None),
        reasons=notes.reasons,
        criteria=notes.criteria,
        roadmap=notes.roadmap,
        homework=homework,
        risks=assess_risks(results, notes.criteria),
        limitations=limitations(results, spec),
    )


def recommend(critical: bool, verdicts: list[str], conditional: bool) -> str:
    """Rules 1–5 of the module docstring, in order."""
    if critical or "fail" in verdicts:
        return "do_not_build"
    if "uncertain" in verdicts:
        return "inconclusive"
    return "build_with_conditions" if conditional else "build"


def _higher(ev: EvaluationResult) -> bool:
    return METRICS[ev.metric].greater_is_better


def _simpler_option(ev: EvaluationResult, threshold: float) -> str:
    b = ev.baseline.primary
    return (
        f"The simpler {ev.baseline.name} baseline already reaches {METRICS[ev.metric].label} "
        f"{interval(b)}, clear of the agreed "
        f"{threshold:g}: building the simpler model is an option to discuss with the client."
    )


def headline(rec: str, spec: Spec, critical, simpler: str | None = None) -> str:
    q = spec.question.rstrip("?. ")
    if simpler and rec == "build_with_conditions":
        return (
            f"Yes, with a simpler model — the {simpler} baseline meets the agreed criteria for "
            f'"{q}"; the tuned model adds nothing measurable over it.'
        )
    return {
        "build": f"Yes — the evidence supports building a model for: {q}.",
        "build_with_conditions": f'Yes, with conditions — a model for "{q}" meets the agreed '
        "criteria, but the conditions below must be met first.",
        "do_not_build": (
            f"No — do not build yet: a leak in the data makes the scores untrustworthy "
            f"({', '.join(c for f in critical for c in f.columns) or 'see below'})."
            if critical
            else f"No — the evidence does not support building a model for: {q}."
        ),
        "inconclusive": f'Not yet known — the data cannot yet show whether a model for "{q}" '
        "meets the agreed criteria.",
    }[rec]
