"""How the verdict calibration scores a generated holdout: with the workbench's own code, as
the evaluation stage, the fairness stage and the judge do, from prediction arrays (no model is
fitted: the scores are drawn with a known quality, so the truth is known)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.inputs.metrics import METRICS
from workbench.inputs.spec import Spec
from workbench.judge.decision import decide
from workbench.judge.intervals import judge
from workbench.judge.verdicts import fairness_verdict as judge_fairness
from workbench.science import fairness
from workbench.science.holdout_scores import score_holdout
from workbench.science.no_model import rules
from workbench.store.layout import FinishedRun
from workbench.store.results import DataResult, EvaluationResult, LeakageResult, SplitSummary

N_BOOT = 300  # bootstrap resamples behind each interval (the `quick` profile uses 500)


def fairness_verdict(y, scores, sensitive, seed, bound: float = 0.1):
    """The fairness stage's measurements of a holdout and the judge's verdict on them."""
    result = fairness.assess(
        (sensitive, sensitive.iloc[:0]),
        (y, np.column_stack([1 - scores, scores])),
        "binary",
        seed=seed,
    )
    return result, judge_fairness(result, bound)


def scores_with(rng, y, auc: float, shared=None, weight: float = 0.0):
    """Positive-class probabilities whose ROC AUC is about `auc` (a normal shift of
    sqrt(2)·Φ⁻¹(auc) between the classes), optionally sharing part of their noise."""
    from scipy.stats import norm

    noise = rng.normal(size=len(y))
    if shared is not None:
        noise = np.sqrt(1 - weight**2) * noise + weight * shared
    z = np.sqrt(2) * norm.ppf(auc) * y + noise
    return 1 / (1 + np.exp(-z))


def spec_for(metric: str, bar: float, lift: float = 0.01, task: str = "binary") -> Spec:
    """A spec judging `metric` against `bar` (a least score, or a most error)."""
    kind = "min_primary_score" if METRICS[metric].greater_is_better else "max_primary_error"
    return Spec.model_validate(
        {
            "name": "calibration",
            "question": "Can we flag the cases?",
            "decision": "Whether to build",
            "data": {"path": "x.csv", "contract": "c.yaml"},
            "task": {"kind": task, "target": "y"},
            "metrics": {"primary": metric, "secondary": []},
            "acceptance": {kind: bar, "min_lift_over_baseline": lift},
        }
    )


def as_predictions(p: np.ndarray, task: str) -> np.ndarray:
    """Positive-class probabilities as the two-column array the stage scores (other tasks'
    predictions as they are)."""
    return np.column_stack([1 - p, p]) if task == "binary" and p.ndim == 1 else p


def evaluation(y, preds: dict, spec: Spec, idx, y_train=None, seed: int = 0) -> EvaluationResult:
    """The evaluation stage's scoring of a holdout: the candidate and the baseline with their
    intervals, the lift between them, and the candidate against the best rule that uses no
    input (`y_train`: the training part's outcomes; the holdout's own by default)."""
    task = spec.task.kind
    metric = spec.primary_metric
    preds = {r: as_predictions(p, task) for r, p in preds.items() if r != "dummy"}
    classes = [] if task == "regression" else [str(c) for c in range(preds["candidate"].shape[1])]
    scored = score_holdout(y, preds, [metric.name], idx)
    no_model = rules(metric, task, y if y_train is None else y_train, y, classes, seed)
    reference, over_reference = scored.best_rule("candidate", no_model, idx)
    return EvaluationResult(
        metric=metric.name,
        greater_is_better=metric.greater_is_better,
        test_rows=len(y),
        bootstrap_resamples=len(idx),
        candidate=scored.holdout("candidate", "tuned model"),
        baseline=scored.holdout("baseline", "linear"),
        lift=scored.lift("candidate", "baseline"),
        holdout_scored=1,
        pipelines={"candidate": ["prepare: ColumnTransformer", "model: M"]},
        dummy=reference,
        over_dummy=over_reference,
        resampled=idx.describe(),
        figures=[],
    )


def decision(y, preds: dict, spec: Spec, idx, rows: int | None = None, y_train=None):
    """The recommendation for a holdout scored with the evaluation stage's code."""
    ev = evaluation(y, preds, spec, idx, y_train)
    return decide(run_results(ev, rows, spec.task.kind), spec)


def run_results(ev: EvaluationResult, rows: int | None = None, task: str = "binary"):
    """The results a decision reads, around one evaluation: clean data, no leakage finding."""
    n = ev.test_rows
    return FinishedRun(
        data=DataResult(
            rows=rows or 4 * n, columns=3, data_file="generated", fingerprint="0" * 64,
            target="y", task=task, duplicate_rows=0, violations=[], unmentioned_columns=[],
            profile=[], features=[], figures=[],
        ),
        leakage=LeakageResult(
            split=SplitSummary(strategy="stratified", train_rows=3 * n, test_rows=n, cv_folds=5,
                               test_share=0.25),
            findings=[], checks=[], figures=[],
        ),
        evaluation=ev,
    )  # fmt: skip


def builds(d) -> bool:
    """The rules recommend building a model (with or without conditions)."""
    return d.recommendation in ("build", "build_with_conditions")


def passed(d, criterion: str) -> bool:
    """The criterion whose name begins with `criterion` passed."""
    return any(c.name.startswith(criterion) and c.verdict == "pass" for c in d.criteria)


def chance(d) -> str:
    """The verdict of "better than no model" ("could not run" when its interval is not a
    number: a holdout the metric cannot score)."""
    c = next((c for c in d.criteria if c.name.startswith("Better than no model")), None)
    if c is None or c.ci_low is None or not np.isfinite(c.ci_low):
        return "could_not_run"
    return c.verdict


def beats_no_model(ev: EvaluationResult) -> bool:
    """The candidate's lift over the best rule without inputs lies above zero."""
    return judge(ev.over_dummy, 0.0, True, strict=True) == "pass"
