"""The judge: every judgement of a finished run, made once, from its results files.

Lives here: `verdicts/` (overfitting, robustness and fairness judged on what the stages
measured), `checklist/` (the reviewer's leakage model info sheet and REFORMS checklist),
`readiness/` (the ML Test Score items and the production path), `decision/` (each acceptance
criterion judged on its interval, then the written rules that give one recommendation),
`candidate` (a forecast study's candidate, judged on the backtest during the run: the tuning
notebook calls it before the holdout is scored), and `intervals` (the one rule that says whether
an interval clears a bar).

May import: `workbench.store`, `workbench.inputs` (the spec), `workbench.science` (its
constants), the two libraries. Imports no stage, no report, no engine.

`pass_judgement(run)` makes them in a fixed order — verdicts, checklist, readiness, decision —
and saves each as a results file; the report, `promote`, `compare` and `verify` read those
files. Their sentences are written in the spec's `report.language`, once, here: the report
shows them as they were saved.
"""

from __future__ import annotations

from workbench.inputs.context import load_run_context
from workbench.judge.checklist import checklist_from, load_inputs
from workbench.judge.decision import decide
from workbench.judge.readiness import assess
from workbench.judge.verdicts import judge_measurements
from workbench.language import use_language
from workbench.store.layout import FinishedRun
from workbench.store.run_directory import Run


def pass_judgement(run: Run) -> FinishedRun:
    """Judge the finished stages of `run` and write `results/verdicts.json`,
    `results/checklist.json`, `results/readiness.json` and `results/decision.json`; return
    every result, judgements included. The spec is the run's own copy (`inputs/spec.yaml`); the
    judgements are written in its report language."""
    spec = load_run_context(run).spec
    results = FinishedRun.read(run, judgements=False)
    with use_language(spec.report.language):
        results.verdicts = judge_measurements(results, spec)
        run.save_result("verdicts", results.verdicts)
        results.checklist = checklist_from(load_inputs(results))
        run.save_result("checklist", results.checklist)
        results.readiness = assess(results, spec)
        results.decision = decide(results, spec)
    results.readiness.recommendation = results.decision.recommendation
    run.save_result("readiness", results.readiness)
    run.save_result("decision", results.decision)
    return results


__all__ = ["pass_judgement"]
