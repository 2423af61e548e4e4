"""The shape of every results file: what each stage writes to `results/<stage>.json`.

The decision and the report read these models and nothing else. Values that vary between
identical runs (timings, timestamps, host names) live in the manifest, never here, so two
runs with the same spec, data and seed write byte-identical results.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


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


class BaselinesResult(BaseModel):
    metric: str
    greater_is_better: bool
    models: list[ModelCV]
    best: str
    figures: list[Figure]


class Overfitting(BaseModel):
    train_mean: float  # primary score on the rows each fold's model was fitted on
    validation_mean: float
    gap: float  # train minus validation, sign-adjusted so positive = better on training rows
    fold_std: float
    verdict: Literal["ok", "watch", "overfit"]
    explanation: str


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


class HoldoutScore(BaseModel):
    name: str
    role: Literal["candidate", "baseline"]
    primary: Interval
    secondary: dict[str, Interval] = Field(default_factory=dict)


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
    figures: list[Figure]


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


class Decision(BaseModel):
    recommendation: Recommendation
    headline: str
    reasons: list[str]
    criteria: list[Criterion]
    roadmap: list[str]
