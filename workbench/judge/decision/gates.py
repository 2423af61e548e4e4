"""The criteria that are not scores: leakage, the holdout discipline, the data contract and
the latency budget. Each returns what it found so the rules can weigh it."""

from __future__ import annotations

from workbench.judge.decision.criteria import Notes, count_criterion
from workbench.store.results import DataResult, EvaluationResult, LeakageResult
from workbench.wording import times


def leakage_gate(leak: LeakageResult, notes: Notes) -> tuple[list, list]:
    """Critical findings block the build; warnings become conditions."""
    critical = [f for f in leak.findings if f.severity == "critical"]
    warnings = [f for f in leak.findings if f.severity == "warning"]
    notes.criteria.append(
        count_criterion(
            "No critical leakage finding",
            0,
            len(critical),
            not critical,
            f"Leakage section: {len(leak.checks)} checks, {len(critical)} critical, "
            f"{len(warnings)} warnings",
        )
    )
    for f in critical:
        cols = _columns(f)
        notes.reasons.append(
            f"Critical leakage ({f.check}) in {cols}: {f.message} (Leakage section.)"
        )
        notes.roadmap.append(f"Fix the leak in {cols}: {f.fix}")
    return critical, warnings


def process_gate(ev: EvaluationResult, notes: Notes) -> bool:
    """The holdout was scored once and every model prepares its data inside its pipeline."""
    ok = ev.holdout_scored == 1 and all(
        steps and steps[0].startswith("prepare") for steps in ev.pipelines.values()
    )
    notes.criteria.append(
        count_criterion(
            "Holdout scored once, preprocessing inside the pipeline",
            1,
            ev.holdout_scored,
            ok,
            f"Leakage section (process): the test part was scored {times(ev.holdout_scored)}",
        )
    )
    return ok


def contract_gate(data: DataResult, notes: Notes) -> bool:
    notes.criteria.append(
        count_criterion(
            "Data meets its contract",
            0,
            len(data.violations),
            not data.violations,
            f"Data section: {sum(v.failures for v in data.violations)} failing values "
            f"in {len(data.violations)} checks",
        )
    )
    return not data.violations


def explain_conditions(warnings, process_ok: bool, ev, data: DataResult, notes: Notes) -> None:
    """Reasons and roadmap items for what makes a build conditional."""
    for f in warnings:
        cols = _columns(f)
        notes.reasons.append(f"Leakage warning ({f.check}) in {cols}: {f.message}")
        notes.roadmap.append(f"Resolve the leakage warning in {cols}: {f.fix}")
    if not process_ok:
        notes.reasons.append(
            f"The test part was scored {ev.holdout_scored} times in this run: after the first "
            "look, the holdout score is no longer an unbiased estimate (Leakage section, process)."
        )
        notes.roadmap.append(
            "Confirm the result on fresh data the study has never scored, or start a new run."
        )
    if data.violations:
        cols = ", ".join(sorted({v.column for v in data.violations}))
        notes.reasons.append(f"The data breaks its contract in {cols} (Data section).")
        notes.roadmap.append(
            f"Agree with the data owner how {cols} should look, and fix the extract or "
            "the contract."
        )


def latency_gate(budget: float | None, p95: float | None, notes: Notes) -> bool:
    """The latency budget, when the spec sets one: a condition, not a blocker (serving can be
    engineered), judged on the measured 95th percentile per row. Returns True when exceeded."""
    if budget is None or p95 is None:
        return False
    slow = p95 > budget
    notes.criteria.append(
        count_criterion(
            f"Prediction latency per row (p95), at most {budget:g} ms",
            budget,
            p95,
            not slow,
            "Baselines section: measured on this machine, one row at a time",
        )
    )
    if slow:
        notes.reasons.append(
            f"One prediction takes {p95:.1f} ms (95th percentile), over the {budget:g} ms budget."
        )
        notes.roadmap.append(
            "Bring prediction latency under budget: fewer or shallower trees, batching, or "
            "a compiled model server; measure on the production hardware."
        )
    return slow


def _columns(finding) -> str:
    return ", ".join(f"'{c}'" for c in finding.columns) or "the split"
