"""The shape of every results file: what each stage writes to `results/<stage>.json`.

The decision and the report read these models and nothing else. Values that vary between
identical runs (timings, timestamps, host names) live in the manifest, never here, so two
runs with the same spec, data and seed write byte-identical results.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from workbench.production_results import MonitoringPlan, ProductionEvidence
from workbench.source import SqlSourceFacts


class Figure(BaseModel):
    path: str  # relative to the run directory
    caption: str


class Interval(BaseModel):
    value: float
    ci_low: float
    ci_high: float


class ViolationRow(BaseModel):
    column: str
    check: str
    failures: int
    examples: list[str]


class ColumnProfile(BaseModel):
    name: str
    type: str
    role: str
    missing_share: float
    distinct: int
    pii: bool = False
    sensitive: bool = False
    used_by_model: bool = False
    excluded_because: str | None = None


class DataResult(BaseModel):
    rows: int
    columns: int
    data_file: str
    fingerprint: str
    target: str
    task: str
    classes: list[str] = Field(default_factory=list)  # encoded order: class i is label i
    class_counts: dict[str, int] = Field(default_factory=dict)
    target_summary: dict[str, float] = Field(default_factory=dict)  # regression
    duplicate_rows: int
    violations: list[ViolationRow]
    unmentioned_columns: list[str]
    profile: list[ColumnProfile]
    features: list[str]
    figures: list[Figure]
    sql: SqlSourceFacts | None = None  # the query, when the rows came from a database


class FindingRow(BaseModel):
    check: str
    severity: Literal["critical", "warning", "info"]
    columns: list[str]
    evidence: dict[str, float]
    message: str
    fix: str


class CheckRow(BaseModel):
    name: str
    question: str
    status: Literal["passed", "critical", "warning", "info"]
    findings: int


class SplitSummary(BaseModel):
    strategy: str
    train_rows: int
    test_rows: int
    cv_folds: int
    test_share: float
    group_column: str | None = None
    time_column: str | None = None


class LeakageResult(BaseModel):
    split: SplitSummary
    findings: list[FindingRow]
    checks: list[CheckRow]
    figures: list[Figure]


class ModelCV(BaseModel):
    name: str
    description: str
    fold_scores: list[float]
    mean: float
    std: float
    ci_low: float
    ci_high: float
    secondary: dict[str, float] = Field(default_factory=dict)  # mean over folds
    secondary_spread: dict[str, list[float]] = Field(default_factory=dict)  # [sd, ci_low, ci_high]


class BaselinesResult(BaseModel):
    metric: str
    greater_is_better: bool
    models: list[ModelCV]
    best: str
    figures: list[Figure]
    cv_rows: int | None = None  # training rows the cross-validation saw (the profile's sample)
    train_rows: int | None = None  # all training rows (the final models are fitted on these)


class Overfitting(BaseModel):
    train_mean: float  # primary score on the rows each fold's model was fitted on
    validation_mean: float
    gap: float  # train minus validation, sign-adjusted so positive = better on training rows
    fold_std: float
    verdict: Literal["ok", "watch", "overfit"]
    explanation: str


class ConfirmedTrial(BaseModel):
    trial: int  # the Optuna trial's number
    defaults: bool  # the library's defaults (the study's first trial)
    cv_mean: float  # cross-validated on the search's sample
    score: float  # fitted on the check's training rows, scored on its validation rows


class Confirmation(BaseModel):
    """The search's best configurations scored again on more training rows (one larger fold);
    the best of them is the tuned configuration. Its wall time is in the manifest (results
    hold no timings: `verify` compares them field by field)."""

    fit_rows: int
    validation_rows: int
    candidates: list[ConfirmedTrial]  # in the search's order (best cross-validated first)
    chosen: int  # trial number
    search_best: int  # the trial the search alone would have chosen
    stopped_by: Literal["candidates", "time"]
    not_scored: int  # candidates the check's time budget left out


class TuningResult(BaseModel):
    family: str
    params: dict[str, float | int | str | bool | None]
    cv: ModelCV
    default_cv: ModelCV
    trials_requested: int
    trials_completed: int
    trials_pruned: int
    study_name: str
    storage: str  # "sqlite:///tuning/study.db" relative to the run dir, never credentials
    stopped_by: Literal["trials", "time"]
    importances: dict[str, float]  # share of the score's variation due to each parameter (fANOVA)
    overfitting: Overfitting
    figures: list[Figure]
    confirmation: Confirmation | None = None  # None: the training part was under 2 x the sample


class HoldoutScore(BaseModel):
    name: str
    role: Literal["candidate", "baseline"]
    primary: Interval
    secondary: dict[str, Interval] = Field(default_factory=dict)


class BusinessValue(BaseModel):
    currency: str
    cases_per_month: float
    candidate_threshold: float  # chosen on out-of-fold training predictions, never the holdout
    baseline_threshold: float
    candidate_monthly: Interval  # value per month over the status quo, on the holdout, 95% interval
    baseline_monthly: Interval
    act_on_none_monthly: float  # the status quo's own value per month: no case flagged
    min_monthly_value: float | None = None


class LearningCurve(BaseModel):
    train_sizes: list[int]  # rows the model was fitted on (per fold, mean)
    scores: list[float]  # mean validation score at each size
    stds: list[float]
    verdict: Literal["more data is still helping", "plateau", "not measured at full size"]
    explanation: str


class EvaluationResult(BaseModel):
    metric: str
    greater_is_better: bool
    test_rows: int
    bootstrap_resamples: int
    candidate: HoldoutScore
    baseline: HoldoutScore
    lift: Interval  # candidate minus baseline, sign-adjusted so positive = better
    holdout_scored: int  # how many times this run has scored the test part (must be 1)
    pipelines: dict[
        str, list[str]
    ]  # model -> its steps: all preprocessing fitted inside the pipeline
    threshold: float | None = None  # binary: the cut-off behind the confusion matrix
    threshold_reason: str | None = None
    confusion: list[list[int]] | None = None  # rows = actual class, columns = predicted
    calibration: list[list[float]] | None = None  # binary: [mean predicted, observed rate, rows]
    business: BusinessValue | None = None
    learning_curve: LearningCurve | None = None
    worst_errors: list[dict[str, str]] = Field(default_factory=list)  # features only, never PII
    production: ProductionEvidence | None = None  # pipeline parts, review band (hand-off)
    figures: list[Figure]
    cv_rows: int | None = None  # training rows behind the learning curve and OOF threshold


Verdict = Literal["pass", "fail", "uncertain"]
Recommendation = Literal["build", "build_with_conditions", "do_not_build", "inconclusive"]


class Criterion(BaseModel):
    name: str
    threshold: int | float | None
    observed: int | float | None
    ci_low: float | None
    ci_high: float | None
    verdict: Verdict
    evidence: str  # where in the report, in words


class Risk(BaseModel):
    title: str  # the risk in a stakeholder's words
    detail: str  # what it means, with the number behind it
    evidence: str  # where in the report
    weight: int  # how much it matters; the executive summary shows the three heaviest


class Decision(BaseModel):
    recommendation: Recommendation
    headline: str
    reasons: list[str]
    criteria: list[Criterion]
    roadmap: list[str]
    risks: list[Risk] = Field(default_factory=list)  # heaviest first
    limitations: list[str] = Field(default_factory=list)


# -- stage 6, assurance: robustness, fairness and explanations ---------------------------------
class RobustnessTest(BaseModel):
    test: str  # noise | missing | unseen_category | dropped_feature | one_feature_noise
    setting: str  # in words: "0.25 × std", "10% of values", "income"
    feature: str | None = None
    score: float | None
    drop: float | None  # clean minus perturbed score, sign-adjusted so positive = worse
    verdict: Literal["pass", "fail", "report"]


class SeedStability(BaseModel):
    seeds: list[int]
    scores: list[float]
    spread: float  # best minus worst holdout score across the seeds
    train_rows: int  # rows each refit learned from (the training part, sampled)
    note: str


class WindowScore(BaseModel):
    window: str
    rows: int
    score: float | None  # None when the window is too small or cannot be scored
    drop: float | None


class SliceScore(BaseModel):
    feature: str
    group: str
    rows: int
    score: float
    drop: float  # versus the whole sample, sign-adjusted so positive = worse


class RobustnessResult(BaseModel):
    metric: str
    greater_is_better: bool
    sample_rows: int  # holdout rows the tests ran on (sampled to at most 20,000)
    clean_score: float
    max_drop: float | None  # acceptance.max_robustness_drop; None = report only
    tests: list[RobustnessTest]
    worst_noise_feature: str | None  # the single feature whose noise hurts most
    seeds: SeedStability
    time_column: str | None = None
    time_windows: list[WindowScore] = Field(default_factory=list)
    weakest_slices: list[SliceScore] = Field(default_factory=list)
    failures: list[str] = Field(default_factory=list)  # plain sentences, one per failed test


class GroupMetrics(BaseModel):
    attribute: str  # a sensitive column, or "a × b" for an intersection
    group: str
    rows: int
    too_small: bool  # fewer than 30 rows: shown, never judged
    metrics: dict[str, Interval | None]  # value with a 95% bootstrap interval


class Disparity(BaseModel):
    attribute: str
    demographic_parity_difference: float | None
    demographic_parity_ratio: float | None
    equalized_odds_difference: Interval | None
    equalized_odds_ratio: float | None
    worst_group: str | None  # the group at the disadvantaged end of the widest gap
    gap: str  # the widest gap, in words


class MitigationTradeoff(BaseModel):
    attribute: str
    metric: str
    score_before: float | None
    score_after: float | None
    disparity_before: float | None  # equalized-odds difference on the holdout
    disparity_after: float | None
    note: str


class FairnessResult(BaseModel):
    task: str
    attributes: list[str]
    test_rows: int
    threshold: float | None  # decision threshold on the positive-class probability (binary)
    threshold_note: str
    max_disparity: float | None  # acceptance.max_fairness_disparity; None = report only
    groups: list[GroupMetrics]
    disparities: list[Disparity]
    mitigation: list[MitigationTradeoff]
    notes: list[str] = Field(default_factory=list)
    verdict: Literal["pass", "fail", "uncertain", "report", "not_applicable"]
    worst: Disparity | None = None  # the attribute with the widest equalized-odds gap


class Contribution(BaseModel):
    feature: str
    value: str  # the row's value; PII columns masked
    contribution: float  # SHAP value, in the model's output units


class LocalExplanation(BaseModel):
    kind: str  # highest risk | lowest risk | most uncertain
    prediction: float
    contributions: list[Contribution]


class ExplanationResult(BaseModel):
    method: str  # "tree" (exact, shap.TreeExplainer) or "sampled" (shap.Explainer + masker)
    output: str  # what a SHAP value adds up to, in words
    explained_rows: int
    background_rows: int | None
    importance: dict[str, float]  # mean |SHAP| per input column, largest first
    local: list[LocalExplanation]
    fold_rank_correlations: list[float]  # Spearman correlation of importances, per fold pair
    fold_rank_mean: float | None
    fold_train_rows: int | None  # rows each fold's refit learned from (sampled)


class AssuranceResult(BaseModel):
    robustness: RobustnessResult
    fairness: FairnessResult
    explanations: ExplanationResult
    monitoring: MonitoringPlan | None = None  # features to watch in production, reference stats
    figures: list[Figure]
