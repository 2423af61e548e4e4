"""The ML Test Score's tests for ML infrastructure and for monitoring, judged on a run's
evidence (see data_model.py for the form of each verdict)."""

from __future__ import annotations

from workbench.judge.intervals import judge
from workbench.judge.readiness.data_model import Verdict, owed, provided
from workbench.judge.readiness.evidence import Evidence
from workbench.store.judgements import ProductionPath
from workbench.wording import names, plural, times


# -- ML infrastructure ----------------------------------------------------------------------------
def reproducible(e: Evidence, path: ProductionPath) -> Verdict:
    seeds = "" if e.assurance is None else _seed_sentence(e)
    return provided(
        f"One seed ({e.spec.seed}) drives the split, folds, search and models; train.py refits "
        "config.yaml, and score.py is built to reproduce the run's holdout predictions "
        "(predictions/holdout.parquet) from the same rows; "
        f"`workbench verify` re-runs the study and compares every results file.{seeds}"
    )


def _seed_sentence(e: Evidence) -> str:
    s = e.assurance.robustness.seeds
    return f" Refitted with {len(s.seeds)} seeds, the holdout {e.label} spreads by {s.spread:.3f}."


def unit_tested(e: Evidence, path: ProductionPath) -> Verdict:
    out = "probabilities in [0, 1] summing to 1 per row" if e.spec.task.kind != "regression" else ""
    return owed(
        "The workbench's own tests build and check every model family; the promoted "
        "configuration has no test of its own yet.",
        "In the engineering repository, test that train.py trains on a few hundred of the "
        "study's rows and that score.py returns one row per input"
        + (f", {out}." if out else ", every prediction a finite number."),
    )


def integration_tested(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        "score.py is built to reproduce the run's holdout predictions "
        "(predictions/holdout.parquet) from the holdout rows; no test in the engineering "
        "repository checks it yet.",
        f"Test the production path end to end — extract, contract check, score.py, decision — "
        f"on the {e.ev.test_rows:,} holdout rows, asserting the run's saved predictions.",
    )


def validated_before_serving(e: Evidence, path: ProductionPath) -> Verdict:
    lift = e.spec.acceptance.min_lift_over_baseline
    side = "at least" if e.higher else "at most"
    return owed(
        f"This model cleared the agreed {e.label} and lift over the baseline on a holdout scored "
        f"{times(e.ev.holdout_scored)}."
        if e.clears(e.ev.candidate.primary) == "pass" and judge(e.ev.lift, lift, True) == "pass"
        else "This model has not yet cleared both the agreed score and the lift on the holdout.",
        f"Gate every retrained model on freshly held-out labelled cases with the same criteria "
        f"— {e.label} {side} {e.threshold:g} and a lift over {e.ev.baseline.name} of at least "
        f"{lift:g} on the interval — before it replaces the serving model.",
    )


def debuggable(e: Evidence, path: ProductionPath) -> Verdict:
    if e.assurance is None:
        return owed("No explanations were computed.", "Re-run with the assurance stage (SHAP).")
    x = e.assurance.explanations
    agree = (
        f"; refitted per fold, the input ranking agrees at a rank correlation of "
        f"{x.fold_rank_mean:.2f}"
        if x.fold_rank_mean is not None
        else ""
    )
    kinds = ", ".join(loc.kind for loc in x.local)
    return provided(
        f"SHAP ({'exact, tree' if x.method == 'tree' else 'sampled'}) explains any single "
        f"prediction by its inputs; the report explains the {kinds} holdout cases{agree}."
    )


def canaried(e: Evidence, path: ProductionPath) -> Verdict:
    n = e.cases_per_month
    volume = f" (about {n:,.0f} cases, one month)" if n else ""
    return owed(
        "The model has only been scored offline.",
        f"Shadow-score the live feed beside the current process{volume} before switching: the "
        "score distribution's PSI against the holdout's should stay under 0.1 and the "
        "decisions should match what the holdout promised.",
    )


def rollback(e: Evidence, path: ProductionPath) -> Verdict:
    if e.clears(e.ev.baseline.primary) == "pass":
        return provided(path.rollback)
    return owed(
        path.rollback,
        "Keep the current manual process running as the fallback, and agree with the client "
        "how quickly it can take the cases back.",
    )


# -- monitoring -----------------------------------------------------------------------------------
def dependencies(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        "The manifest records every package version the study ran with, and config.yaml the "
        "data fingerprint.",
        "Pin the serving environment to the study's versions (uv.lock) and make a batch that "
        "fails contract.yaml stop scoring and notify the data owner.",
    )


def invariants(e: Evidence, path: ProductionPath) -> Verdict:
    d = e.results.data
    state = (
        "the study data met it"
        if not d.violations
        else f"the study data broke it in {plural(len(d.violations), 'check')}"
    )
    return owed(
        f"contract.yaml holds the invariants of the {d.columns} columns; {state}. score.py "
        "coerces new rows to the contract's types and warns about values that do not fit.",
        "Run the contract check on every production batch and turn score.py's warnings into "
        "alerts with the share of rows affected.",
    )


def skew(e: Evidence, path: ProductionPath) -> Verdict:
    plan = e.monitoring
    watched = (
        f" The watched inputs: {names([w.feature for w in plan.watched])}."
        if plan and plan.watched
        else ""
    )
    return provided(
        "Serving runs the same fitted pipeline as the study (score.py reproduces its holdout "
        "predictions); reference_stats.json describes every input on the training part for "
        f"`workbench drift`.{watched}"
    )


def stale(e: Evidence, path: ProductionPath) -> Verdict:
    windows = [] if e.assurance is None else e.assurance.robustness.time_windows
    scored = [w for w in windows if w.drop is not None]
    worst = max(scored, key=lambda w: w.drop) if scored else None
    if worst is None:
        return owed(
            "The study could not measure how the model ages (no time column).",
            "Record each serving model's training date; until its decay is measured (Model 4), "
            "retrain on each quarter's labelled cases, and at once when the retraining trigger "
            "fires (Monitor 7).",
        )
    return owed(
        f"Across the holdout's time windows the score drops at most {worst.drop:.3f} "
        f"({worst.window}).",
        "Record each serving model's training date and retrain at least as often as that "
        "decay allows before it would cross the agreed threshold, and at once when the "
        "retraining trigger fires (Monitor 7).",
    )


def numerically_stable(e: Evidence, path: ProductionPath) -> Verdict:
    rob = None if e.assurance is None else e.assurance.robustness
    judged = e.verdicts.robustness
    found = (
        f"Robustness: {len(judged.failures)} of {len(rob.tests)} damage tests exceeded the "
        f"agreed drop; seed spread {rob.seeds.spread:.3f}."
        if rob and judged is not None and judged.bound is not None
        else f"Seed spread {rob.seeds.spread:.3f} of the holdout {e.label}."
        if rob
        else "No robustness test ran."
    )
    return owed(
        found,
        "Alert on missing or infinite scores and on probabilities outside [0, 1]; compare "
        "each batch's score distribution with the holdout's (PSI above 0.25 stops automatic "
        "decisions).",
    )


def performance(e: Evidence, path: ProductionPath) -> Verdict:
    p95, budget = e.results.latency_p95_ms, e.spec.acceptance.max_latency_ms
    if p95 is None:
        return owed(
            "Latency was not measured in this run.",
            "Measure the 95th percentile of one row's prediction time on the production "
            "hardware and alert when it grows.",
        )
    # no figure here: a measurement differs between two runs of one study, and readiness.json
    # must not (the figure is in evaluation.json's costs and the report's costs table)
    found = (
        "The 95th percentile of one row's prediction time was measured on the study machine "
        "(the report's costs table)"
    )
    if budget is not None and p95 > budget:
        return owed(
            found + f", over the agreed {budget:g} ms.",
            "Bring latency under budget (fewer or shallower trees, batching, a compiled "
            "model server) and measure on the production hardware.",
        )
    within = f", within the agreed {budget:g} ms" if budget is not None else ""
    return provided(found + within + ".")


def quality(e: Evidence, path: ProductionPath) -> Verdict:
    return owed(
        "Quality is known on the holdout only: "
        f"{e.label} {e.ev.candidate.primary.value:.3f} on {e.ev.test_rows:,} rows.",
        path.retraining,
    )
