"""The criteria that are not scores: leakage (with the score the candidate keeps without the
suspect columns), the holdout discipline in the run and across the study, the data contract
and the latency budget. Each returns what it found so the rules can weigh it."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.judge.decision.criteria import Notes, count_criterion
from workbench.judge.intervals import judge
from workbench.language import _, ngettext
from workbench.store.results import DataResult, EvaluationResult, Interval, LeakageResult
from workbench.wording import (
    checks_counted,
    count,
    decimal_digits,
    failing_values_counted,
    interval,
    names,
    number,
    pct,
    plain,
    times,
)


def leakage_gate(leak: LeakageResult, notes: Notes) -> tuple[list, list]:
    """Critical findings block the build; warnings become conditions."""
    critical = [f for f in leak.findings if f.severity == "critical"]
    warnings = [f for f in leak.findings if f.severity == "warning"]
    notes.criteria.append(
        count_criterion(
            _("No critical leakage finding"),
            0,
            len(critical),
            not critical,
            ngettext(
                "Leakage section: {checks}, {critical} critical, {n} warning",
                "Leakage section: {checks}, {critical} critical, {n} warnings",
                len(warnings),
            ).format(
                checks=checks_counted(len(leak.checks)),
                critical=count(len(critical)),
                n=count(len(warnings)),
            ),
            kind="leakage",
        )
    )
    for f in critical:
        cols = _columns(f)
        notes.reasons.append(
            _("Critical leakage ({check}) in {columns}: {finding} (Leakage section.)").format(
                check=f.check, columns=cols, finding=f.message
            )
        )
        notes.roadmap.append(_("Fix the leak in {columns}: {fix}").format(columns=cols, fix=f.fix))
    return critical, [f for f in warnings if not covered(f, critical)]


def covered(finding, critical) -> bool:
    """A warning about columns that critical findings already name: the leak's own step says
    what to do with them, so the warning is no reason, risk or step of its own."""
    named = {c for f in critical for c in f.columns}
    return bool(finding.columns) and set(finding.columns) <= named


def process_gate(ev: EvaluationResult, notes: Notes) -> bool:
    """The holdout was scored once — in this run, and in the whole study by its holdout
    ledger — and every model prepares its data inside its pipeline."""
    ok = (
        ev.holdout_scored == 1
        and ev.holdout_looks == 1
        and all(steps and steps[0].startswith("prepare") for steps in ev.pipelines.values())
    )
    notes.criteria.append(
        count_criterion(
            _("Holdout scored once, preprocessing inside the pipeline"),
            1,
            max(ev.holdout_scored, ev.holdout_looks),
            ok,
            ngettext(
                "Leakage section (process): the test part was scored {times} in this run; the "
                "project's holdout ledger counts {n} look at its rows",
                "Leakage section (process): the test part was scored {times} in this run; the "
                "project's holdout ledger counts {n} looks at its rows",
                ev.holdout_looks,
            ).format(times=times(ev.holdout_scored), n=count(ev.holdout_looks)),
            kind="process",
        )
    )
    return ok


def rescored(ev: EvaluationResult) -> str | None:
    """Page one's sentence when earlier runs scored this holdout's rows, else None: how many
    times when they scored all of them, else which share and in which runs."""
    if ev.holdout_looks <= 1:
        return None
    if ev.holdout_seen_share >= 1.0 or not ev.holdout_seen_in:
        return ngettext(
            "This holdout has been scored {n} time in this study; the best of those scores is "
            "optimistic.",
            "This holdout has been scored {n} times in this study; the best of those scores is "
            "optimistic.",
            ev.holdout_looks,
        ).format(n=count(ev.holdout_looks))
    runs = ev.holdout_seen_in
    return ngettext(
        "{share} of this holdout was scored before, in run {runs}; its score is optimistic.",
        "{share} of this holdout was scored before, in runs {runs}; its score is optimistic.",
        len(runs),
    ).format(share=pct(ev.holdout_seen_share, 0), runs=names(runs, 4))


def contract_gate(data: DataResult, notes: Notes) -> bool:
    notes.criteria.append(
        count_criterion(
            _("Data meets its contract"),
            0,
            len(data.violations),
            not data.violations,
            _("Data section: {failures} in {checks}").format(
                failures=failing_values_counted(sum(v.failures for v in data.violations)),
                checks=checks_counted(len(data.violations)),
            ),
            kind="contract",
        )
    )
    return not data.violations


def explain_conditions(warnings, process_ok: bool, ev, data: DataResult, notes: Notes) -> None:
    """Reasons and roadmap items for what makes a build conditional."""
    for f in warnings:
        cols = _columns(f)
        notes.reasons.append(
            _("Leakage warning ({check}) in {columns}: {finding}").format(
                check=f.check, columns=cols, finding=f.message
            )
        )
        notes.roadmap.append(
            _("Resolve the leakage warning in {columns}: {fix}").format(columns=cols, fix=f.fix)
        )
    if ev.holdout_scored > 1:
        notes.reasons.append(
            _(
                "The test part was scored {n} times in this run: after the first look, the "
                "holdout score is no longer an unbiased estimate (Leakage section, process)."
            ).format(n=count(ev.holdout_scored))
        )
    if ev.holdout_looks > 1:
        earlier = ", ".join(number(v) for v in ev.earlier_looks)
        notes.reasons.append(
            rescored(ev)
            + " "
            + _(
                "The project's holdout ledger records {n} distinct scorings of these test rows "
                "(the candidate's {metric} at the earlier ones: {earlier}; now {now}): whatever "
                "changed between the runs was chosen with the holdout in view (Leakage section, "
                "process)."
            ).format(
                n=count(ev.holdout_looks),
                metric=METRICS[ev.metric].title,
                earlier=earlier,
                now=number(ev.candidate.primary.value),
            )
        )
    if not process_ok:
        notes.roadmap.append(
            _("Confirm the result on fresh labelled data that no run of this study has scored.")
        )
    if data.violations:
        cols = ", ".join(sorted({v.column for v in data.violations}))
        notes.reasons.append(
            _("The data breaks its contract in {columns} (Data section).").format(columns=cols)
        )
        notes.roadmap.append(
            _(
                "Agree with the data owner how {columns} should look, and fix the extract or "
                "the contract."
            ).format(columns=cols)
        )


def latency_gate(budget: float | None, p95: float | None, notes: Notes) -> bool:
    """The latency budget, when the spec sets one: a condition, not a blocker (serving can be
    engineered), judged on the measured 95th percentile per row. Returns True when exceeded."""
    if budget is None or p95 is None:
        return False
    slow = p95 > budget
    notes.criteria.append(
        count_criterion(
            _("Prediction latency per row (p95), at most {budget} ms").format(budget=plain(budget)),
            budget,
            p95,
            not slow,
            _("Baselines section: measured on this machine, one row at a time"),
            kind="latency",
        )
    )
    if slow:
        notes.reasons.append(
            _(
                "One prediction takes {p95} ms (95th percentile), over the {budget} ms budget."
            ).format(p95=decimal_digits(p95, 1), budget=plain(budget))
        )
        notes.roadmap.append(
            _(
                "Bring prediction latency under budget: fewer or shallower trees, batching, or "
                "a compiled model server; measure on the production hardware."
            )
        )
    return slow


def _columns(finding) -> str:
    return ", ".join(f"'{c}'" for c in finding.columns) or _("the split")


def timing_free(ev: EvaluationResult, threshold: float) -> str | None:
    """Page one's sentence on the candidate cross-validated without the strong columns whose
    timing the contract leaves unknown: how much of the result rests on them."""
    tf = ev.timing_free
    if tf is None:
        return None
    unknown = ", ".join(f"'{c}'" for c in tf.unknown_timing)
    n = len(tf.unknown_timing)
    if tf.cv is None:
        return ngettext(
            "When {columns} becomes known is not stated in the contract, and a leakage warning "
            "names it; without it no input is left to learn from.",
            "When {columns} become known is not stated in the contract, and leakage warnings "
            "name them; without them no input is left to learn from.",
            n,
        ).format(columns=unknown)
    metric = METRICS[ev.metric]
    iv = Interval(value=tf.cv.mean, ci_low=tf.cv.ci_low, ci_high=tf.cv.ci_high)
    verdict = judge(iv, threshold, metric.greater_is_better)
    singular, many = {
        "pass": (
            "When {columns} becomes known is not stated in the contract, and a leakage warning "
            "names it: without it, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it would still clear the agreed {threshold}.",
            "When {columns} become known is not stated in the contract, and leakage warnings "
            "name them: without them, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it would still clear the agreed {threshold}.",
        ),
        "fail": (
            "When {columns} becomes known is not stated in the contract, and a leakage warning "
            "names it: without it, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it would not clear the agreed {threshold}.",
            "When {columns} become known is not stated in the contract, and leakage warnings "
            "name them: without them, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it would not clear the agreed {threshold}.",
        ),
        "uncertain": (
            "When {columns} becomes known is not stated in the contract, and a leakage warning "
            "names it: without it, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it may or may not clear the agreed {threshold}.",
            "When {columns} become known is not stated in the contract, and leakage warnings "
            "name them: without them, the tuned model's cross-validated {metric} on the training "
            "part is {score}, and it may or may not clear the agreed {threshold}.",
        ),
    }[verdict]
    return ngettext(singular, many, n).format(
        columns=unknown, metric=metric.title, score=interval(iv), threshold=number(threshold)
    )


def leak_free(ev: EvaluationResult, threshold: float) -> str | None:
    """Page one's sentence on the candidate cross-validated without the columns a critical
    finding names: its score, and whether it would clear the bar."""
    lf = ev.leak_free
    if lf is None:
        return None
    cols = ", ".join(f"'{c}'" for c in lf.columns)
    if lf.cv is None:
        return _("Without {columns} no input is left to learn from.").format(columns=cols)
    metric = METRICS[ev.metric]
    iv = Interval(value=lf.cv.mean, ci_low=lf.cv.ci_low, ci_high=lf.cv.ci_high)
    verdict = judge(iv, threshold, metric.greater_is_better)
    words = {
        "pass": _(
            "Without {columns}, the tuned model's cross-validated {metric} on the training part "
            "is {score}: it would clear the agreed {bar}."
        ),
        "fail": _(
            "Without {columns}, the tuned model's cross-validated {metric} on the training part "
            "is {score}: it would not clear the agreed {bar}."
        ),
        "uncertain": _(
            "Without {columns}, the tuned model's cross-validated {metric} on the training part "
            "is {score}: it may or may not clear the agreed {bar}."
        ),
    }[verdict]
    return words.format(columns=cols, metric=metric.title, score=interval(iv), bar=plain(threshold))
