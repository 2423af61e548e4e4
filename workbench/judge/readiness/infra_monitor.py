"""The ML Test Score's tests for ML infrastructure and for monitoring, judged on a run's
evidence (see data_model.py for the form of each verdict)."""

from __future__ import annotations

from workbench.judge.intervals import judge
from workbench.judge.readiness.data_model import Verdict, owed, provided
from workbench.judge.readiness.evidence import Evidence
from workbench.language import _, ngettext
from workbench.store.judgements import ProductionPath
from workbench.wording import checks_counted, count, names, number, plain, times


# -- ML infrastructure ----------------------------------------------------------------------------
def reproducible(e: Evidence, path: ProductionPath) -> Verdict:
    text = _(
        "One seed ({seed}) drives the split, folds, search and models; train.py refits "
        "config.yaml, and score.py is built to reproduce the run's holdout predictions "
        "(predictions/holdout.parquet) from the same rows; `workbench verify` re-runs the study "
        "and compares every results file."
    ).format(seed=e.spec.seed)
    if e.assurance is not None:
        s = e.assurance.robustness.seeds
        text += " " + _(
            "Refitted with {n} seeds, the holdout {metric} spreads by {spread}."
        ).format(n=len(s.seeds), metric=e.label, spread=number(s.spread))
    return provided(text)


def unit_tested(e: Evidence, path: ProductionPath) -> Verdict:
    step = (
        _(
            "In the engineering repository, test that train.py trains on a few hundred of the "
            "study's rows and that score.py returns one row per input, every prediction a "
            "finite number."
        )
        if e.spec.task.kind == "regression"
        else _(
            "In the engineering repository, test that train.py trains on a few hundred of the "
            "study's rows and that score.py returns one row per input, probabilities in [0, 1] "
            "summing to 1 per row."
        )
    )
    return owed(
        _(
            "The workbench's own tests build and check every model family; the promoted "
            "configuration has no test of its own yet."
        ),
        step,
    )


def integration_tested(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        _(
            "score.py is built to reproduce the run's holdout predictions "
            "(predictions/holdout.parquet) from the holdout rows; no test in the engineering "
            "repository checks it yet."
        ),
        _(
            "Test the production path end to end — extract, contract check, score.py, decision "
            "— on the {rows} holdout rows, asserting the run's saved predictions."
        ).format(rows=count(e.ev.test_rows)),
    )


def validated_before_serving(e: Evidence, path: ProductionPath) -> Verdict:
    lift = e.spec.acceptance.min_lift_over_baseline
    cleared = e.clears(e.ev.candidate.primary) == "pass" and judge(e.ev.lift, lift, True) == "pass"
    found = (
        _(
            "This model cleared the agreed {metric} and lift over the baseline on a holdout "
            "scored {times}."
        ).format(metric=e.label, times=times(e.ev.holdout_scored))
        if cleared
        else _("This model has not yet cleared both the agreed score and the lift on the holdout.")
    )
    step = (
        _(
            "Gate every retrained model on freshly held-out labelled cases with the same "
            "criteria — {metric} at least {bar} and a lift over {baseline} of at least {lift} on "
            "the interval — before it replaces the serving model."
        )
        if e.higher
        else _(
            "Gate every retrained model on freshly held-out labelled cases with the same "
            "criteria — {metric} at most {bar} and a lift over {baseline} of at least {lift} on "
            "the interval — before it replaces the serving model."
        )
    )
    return owed(
        found,
        step.format(
            metric=e.label, bar=plain(e.threshold), baseline=e.ev.baseline.name, lift=plain(lift)
        ),
    )


def debuggable(e: Evidence, path: ProductionPath) -> Verdict:
    if e.assurance is None:
        return owed(
            _("No explanations were computed."), _("Re-run with the assurance stage (SHAP).")
        )
    x = e.assurance.explanations
    values = {
        "cases": ", ".join(_case(loc.kind) for loc in x.local),
        "agreement": number(x.fold_rank_mean, 2) if x.fold_rank_mean is not None else "",
    }
    if x.method == "tree":
        text = (
            _(
                "SHAP (exact, tree) explains any single prediction by its inputs; the report "
                "explains the {cases} holdout cases; refitted per fold, the input ranking agrees "
                "at a rank correlation of {agreement}."
            )
            if x.fold_rank_mean is not None
            else _(
                "SHAP (exact, tree) explains any single prediction by its inputs; the report "
                "explains the {cases} holdout cases."
            )
        )
    else:
        text = (
            _(
                "SHAP (sampled) explains any single prediction by its inputs; the report "
                "explains the {cases} holdout cases; refitted per fold, the input ranking agrees "
                "at a rank correlation of {agreement}."
            )
            if x.fold_rank_mean is not None
            else _(
                "SHAP (sampled) explains any single prediction by its inputs; the report "
                "explains the {cases} holdout cases."
            )
        )
    return provided(text.format(**values))


def _case(kind: str) -> str:
    return {
        "highest risk": _("highest risk"),
        "lowest risk": _("lowest risk"),
        "most uncertain": _("most uncertain"),
    }.get(kind, kind)


def canaried(e: Evidence, path: ProductionPath) -> Verdict:
    n = e.cases_per_month
    step = (
        _(
            "Shadow-score the live feed beside the current process (about {n} cases, one month) "
            "before switching: the score distribution's PSI against the holdout's should stay "
            "under 0.1 and the decisions should match what the holdout promised."
        )
        if n
        else _(
            "Shadow-score the live feed beside the current process before switching: the score "
            "distribution's PSI against the holdout's should stay under 0.1 and the decisions "
            "should match what the holdout promised."
        )
    )
    return owed(
        _("The model has only been scored offline."),
        step.format(n=count(round(n)) if n else ""),
    )


def rollback(e: Evidence, path: ProductionPath) -> Verdict:
    if e.clears(e.ev.baseline.primary) == "pass":
        return provided(path.rollback)
    return owed(
        path.rollback,
        _(
            "Keep the current manual process running as the fallback, and agree with the client "
            "how quickly it can take the cases back."
        ),
    )


# -- monitoring -----------------------------------------------------------------------------------
def dependencies(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        _(
            "The manifest records every package version the study ran with, and config.yaml the "
            "data fingerprint."
        ),
        _(
            "Pin the serving environment to the study's versions (uv.lock) and make a batch that "
            "fails contract.yaml stop scoring and notify the data owner."
        ),
    )


def invariants(e: Evidence, path: ProductionPath) -> Verdict:
    d = e.results.data
    found = (
        _(
            "contract.yaml holds the invariants of the {n} columns; the study data met it. "
            "score.py coerces new rows to the contract's types and warns about values that do "
            "not fit."
        ).format(n=count(d.columns))
        if not d.violations
        else ngettext(
            "contract.yaml holds the invariants of the {n} column; the study data broke it in "
            "{checks}. score.py coerces new rows to the contract's types and warns about "
            "values that do not fit.",
            "contract.yaml holds the invariants of the {n} columns; the study data broke it in "
            "{checks}. score.py coerces new rows to the contract's types and warns about "
            "values that do not fit.",
            d.columns,
        ).format(n=count(d.columns), checks=checks_counted(len(d.violations)))
    )
    return owed(
        found,
        _(
            "Run the contract check on every production batch and turn score.py's warnings into "
            "alerts with the share of rows affected."
        ),
    )


def skew(e: Evidence, path: ProductionPath) -> Verdict:
    plan = e.monitoring
    text = _(
        "Serving runs the same fitted pipeline as the study (score.py reproduces its holdout "
        "predictions); reference_stats.json describes every input on the training part for "
        "`workbench drift`."
    )
    if plan and plan.watched:
        text += " " + _("The watched inputs: {columns}.").format(
            columns=names([w.feature for w in plan.watched])
        )
    return provided(text)


def stale(e: Evidence, path: ProductionPath) -> Verdict:
    windows = [] if e.assurance is None else e.assurance.robustness.time_windows
    scored = [w for w in windows if w.drop is not None]
    worst = max(scored, key=lambda w: w.drop) if scored else None
    if worst is None:
        return owed(
            _("The study could not measure how the model ages (no time column)."),
            _(
                "Record each serving model's training date; until its decay is measured (Model "
                "4), retrain on each quarter's labelled cases, and at once when the retraining "
                "trigger fires (Monitor 7)."
            ),
        )
    return owed(
        _("Across the holdout's time windows the score drops at most {drop} ({window}).").format(
            drop=number(worst.drop), window=worst.window
        ),
        _(
            "Record each serving model's training date and retrain at least as often as that "
            "decay allows before it would cross the agreed threshold, and at once when the "
            "retraining trigger fires (Monitor 7)."
        ),
    )


def numerically_stable(e: Evidence, path: ProductionPath) -> Verdict:
    rob = None if e.assurance is None else e.assurance.robustness
    judged = e.verdicts.robustness
    if rob and judged is not None and judged.bound is not None:
        found = _(
            "Robustness: {failed} of {tests} damage tests exceeded the agreed drop; seed spread "
            "{spread}."
        ).format(
            failed=count(len(judged.failures)),
            tests=count(len(rob.tests)),
            spread=number(rob.seeds.spread),
        )
    elif rob:
        found = _("Seed spread {spread} of the holdout {metric}.").format(
            spread=number(rob.seeds.spread), metric=e.label
        )
    else:
        found = _("No robustness test ran.")
    return owed(
        found,
        _(
            "Alert on missing or infinite scores and on probabilities outside [0, 1]; compare "
            "each batch's score distribution with the holdout's (PSI above 0.25 stops automatic "
            "decisions)."
        ),
    )


def performance(e: Evidence, path: ProductionPath) -> Verdict:
    p95, budget = e.results.latency_p95_ms, e.spec.acceptance.max_latency_ms
    if p95 is None:
        return owed(
            _("Latency was not measured in this run."),
            _(
                "Measure the 95th percentile of one row's prediction time on the production "
                "hardware and alert when it grows."
            ),
        )
    # no figure here: a measurement differs between two runs of one study, and readiness.json
    # must not (the figure is in evaluation.json's costs and the report's costs table)
    if budget is not None and p95 > budget:
        return owed(
            _(
                "The 95th percentile of one row's prediction time was measured on the study "
                "machine (the report's costs table), over the agreed {budget} ms."
            ).format(budget=plain(budget)),
            _(
                "Bring latency under budget (fewer or shallower trees, batching, a compiled "
                "model server) and measure on the production hardware."
            ),
        )
    if budget is not None:
        return provided(
            _(
                "The 95th percentile of one row's prediction time was measured on the study "
                "machine (the report's costs table), within the agreed {budget} ms."
            ).format(budget=plain(budget))
        )
    return provided(
        _(
            "The 95th percentile of one row's prediction time was measured on the study machine "
            "(the report's costs table)."
        )
    )


def quality(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        _("Quality is known on the holdout only: {metric} {score} on {rows} rows.").format(
            metric=e.label, score=number(e.ev.candidate.primary.value), rows=count(e.ev.test_rows)
        ),
        path.retraining,
    )
