"""The verdicts on what the stages measured: whether the tuned model overfits
(`overfit`), whether each robustness test's drop stays within the agreed one
(`robustness_verdict`), and whether each sensitive column's gap is shown within the fairness
bound (`fairness_verdict`). The tuning and assurance stages measure, with intervals; these
judge the intervals with the one rule of `workbench.judge.intervals`, and the run saves them
as `results/verdicts.json`, which the decision, the readiness list and the report read."""

from __future__ import annotations

from workbench.inputs.spec import Spec
from workbench.judge.verdicts.fairness_verdict import fairness_verdict
from workbench.judge.verdicts.overfit import forecast_overfitting_verdict, overfitting_verdict
from workbench.judge.verdicts.robustness_verdict import robustness_verdict
from workbench.store.judgements import Verdicts
from workbench.store.layout import FinishedRun


def judge_measurements(results: FinishedRun, spec: Spec) -> Verdicts:
    """The verdicts on a run's measurements, against the spec's bounds."""
    acc, a, t = spec.acceptance, results.assurance, results.tuning
    return Verdicts(
        overfitting=None
        if t is None
        else forecast_overfitting_verdict(t.overfitting)
        if spec.task.kind == "forecast"
        else overfitting_verdict(t.overfitting),
        robustness=None if a is None else robustness_verdict(a.robustness, acc.max_robustness_drop),
        fairness=None if a is None else fairness_verdict(a.fairness, acc.max_fairness_disparity),
    )


__all__ = ["fairness_verdict", "judge_measurements", "overfitting_verdict", "robustness_verdict"]
