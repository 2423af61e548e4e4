"""The shape of every results file: what each stage writes to `results/<stage>.json`.

The judgements and the report read these models and nothing else. Values that vary between
identical runs live in the manifest (timings, timestamps, host names) or in fields marked
`measured` (a model's latency and size, which the decision judges), so two runs with the
same spec, data and seed write the same results, field for field, but for those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from workbench.store.forecast_results import (
    ForecastBaselines,
    ForecastData,
    ForecastEvaluation,
    ForecastSplit,
    ForecastTuning,
)
from workbench.store.production_results import ProductionEvidence
from workbench.store.run_directory import SOURCE_SNAPSHOT
from workbench.store.triage_results import TriageResult
from workbench.store.values import Figure, Interval


class SqlSourceFacts(BaseModel):
    """What a report may say about a query's rows: no credentials, nothing that varies
    between two reads of the same rows (so results files stay byte-identical)."""

    query: str
    url_env: str
    dialect: str
    host: str | None
    port: int | None
    database: str | None
    limit: int | None
    limit_reached: bool
    sample_fraction: float | None
    sample_seed: int | None
    rows: int
    snapshot: str = SOURCE_SNAPSHOT
    fingerprint: str  # sha256 of the snapshot file

    @property
    def label(self) -> str:
        """A short name of the rows, for sentences such as '4,000 rows of …'."""
        if self.dialect == "sqlite":
            return f"SQL query on {Path(self.database or 'memory').name}"
        where = self.host or "localhost"
        return f"SQL query on {self.database or self.dialect} ({where})"


class ViolationRow(BaseModel):
    column: str
    check: str
    failures: int
    examples: list[str]


class ColumnProfile(BaseModel):
    name: str
    type: str
    role: str
    missing_share: float | None  # None: personal data, kept out of the run unprofiled
    distinct: int | None
    pii: bool = False
    sensitive: bool = False
    used_by_model: bool = False
    excluded_because: str | None = None


class ExportDebris(BaseModel):
    """What reading the extract cleared from it, per column (`workbench.inputs.export_debris`):
    null markers read as missing (marker -> cells), control characters removed, values whose
    broken encoding was repaired, characters lost before the export (�)."""

    markers: dict[str, dict[str, int]] = Field(default_factory=dict)
    control_characters: dict[str, int] = Field(default_factory=dict)
    repaired_values: dict[str, int] = Field(default_factory=dict)
    lost_characters: dict[str, int] = Field(default_factory=dict)

    @property
    def any(self) -> bool:
        return bool(
            self.markers or self.control_characters or self.repaired_values or self.lost_characters
        )


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
    text_inputs: list[str] = Field(default_factory=list)  # free-text model inputs
    # personal data masked inside free text before anything was stored: column -> kind -> count
    text_masks: dict[str, dict[str, int]] = Field(default_factory=dict)
    export_debris: ExportDebris = Field(default_factory=ExportDebris)
    forecast: ForecastData | None = None  # forecast studies: the series


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
    status: Literal["passed", "critical", "warning", "info", "not_applicable"]
    findings: int
    not_applicable_because: str | None = None  # why the check could not run on this data


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
    forecast: ForecastSplit | None = None  # forecast studies: the backtest windows and holdout


def measured(description: str):
    """A field that measures this machine (seconds, milliseconds, bytes): it differs between
    two runs of the same study, so `verify` leaves it out of its comparison."""
    return Field(default=None, description=description, json_schema_extra={"measured": True})


class ModelCosts(BaseModel):
    """What a fitted model costs to run on the machine that ran the study."""

    fit_seconds: float
    fit_rows: int
    latency_rows: int  # single-row predictions timed
    latency_ms_p50: float
    latency_ms_p95: float
    size_kb: float  # the skops file


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
    # tuning: the primary score on the rows each fold's model was fitted on, fold by fold
    train_fold_scores: list[float] = Field(default_factory=list)
    costs: ModelCosts | None = measured("the last fold's fitted copy: fit time, latency, size")


class BaselinesResult(BaseModel):
    metric: str
    greater_is_better: bool
    models: list[ModelCV]
    best: str
    figures: list[Figure]
    cv_rows: int | None = None  # training rows the cross-validation saw (the profile's sample)
    train_rows: int | None = None  # all training rows (the final models are fitted on these)
    forecast: ForecastBaselines | None = None  # forecast studies: per series


class Overfitting(BaseModel):
    """The tuned model on the rows it learned from against new folds (measured; the verdict is
    the judge's, in results/verdicts.json)."""

    train_mean: float  # primary score on the rows each fold's model was fitted on
    validation_mean: float
    gap: float  # train minus validation, sign-adjusted so positive = better on training rows
    fold_std: float
    # a t-interval over the folds' own gaps (None: a run made before it was measured)
    gap_ci_low: float | None = None
    gap_ci_high: float | None = None


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
    # free text capped the check's sample at twice the search's, below the profile's rows
    # (`profile_rows`, the lesser of the profile's confirm_rows and the training part's rows)
    capped_for_text: bool = False
    profile_rows: int | None = None


class TuningResult(BaseModel):
    family: str
    params: dict[str, float | int | str | bool | None]
    cv: ModelCV
    default_cv: ModelCV
    trials_requested: int
    # free text on a sample of the training part set the trial budget (the profile's
    # `text_trials`), below the profile's own `profile_trials`
    trials_set_for_text: bool = False
    profile_trials: int | None = None
    trials_completed: int
    trials_pruned: int
    study_name: str
    storage: str  # "journal:tuning/study.journal" relative to the run dir, never credentials
    stopped_by: Literal["trials", "time"]
    importances: dict[str, float]  # share of the score's variation due to each parameter (fANOVA)
    overfitting: Overfitting
    figures: list[Figure]
    confirmation: Confirmation | None = None  # None: the training part was under 2 x the sample
    forecast: ForecastTuning | None = None  # forecast studies: features, the candidate's choice


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
    # acting on the candidate's flags, all in (the status quo's value plus the gain), 95% interval
    candidate_total_monthly: Interval | None = None
    min_monthly_value: float | None = None


class Workload(BaseModel):
    """What acting on the candidate's flags means in cases (binary tasks), at the operating
    threshold, on the holdout: shares with 95% bootstrap intervals (the same resamples as the
    scores), and per month when the spec gives the cases a month."""

    positive: str  # the class the model flags (the encoded class 1)
    threshold: float  # a case is flagged when its probability of `positive` is at least this
    positive_share: float  # share of holdout cases that are actually positive
    flagged_share: Interval  # share of all cases the model flags
    caught_share: Interval | None  # share of the actual positives it flags (recall); None: none
    precision: (
        Interval | None
    )  # share of the flagged cases that are actually positive; None: none flagged
    false_alarm_share: Interval  # share of all cases flagged but actually negative
    missed_share: Interval  # share of all cases actually positive but not flagged
    cases_per_month: float | None = None
    flagged_per_month: Interval | None = None
    false_alarms_per_month: Interval | None = None
    missed_per_month: Interval | None = None
    positives_per_month: float | None = None


class LearningCurve(BaseModel):
    train_sizes: list[int]  # rows the model was fitted on (per fold, mean)
    scores: list[float]  # mean validation score at each size
    stds: list[float]
    verdict: Literal["more data is still helping", "plateau", "not measured at full size"]
    explanation: str


class LeakFreeScore(BaseModel):
    """The candidate cross-validated without some columns (training part only; the holdout is
    not touched): what the model can do without them — the columns a critical leakage finding
    names, or (`timing_free`) also the columns a warning names whose timing is unknown."""

    columns: list[str]  # the suspects left out
    unknown_timing: list[str] = []  # of those, the columns whose timing the contract leaves open
    features_left: int
    cv: ModelCV | None  # None when no feature is left
    cv_rows: int


class EvaluationResult(BaseModel):
    metric: str
    greater_is_better: bool
    test_rows: int
    bootstrap_resamples: int
    candidate: HoldoutScore
    baseline: HoldoutScore
    lift: Interval  # candidate minus baseline, sign-adjusted so positive = better
    holdout_scored: int  # how many times this run has scored the test part (must be 1)
    # no model: the best rule that uses no input (`workbench.science.no_model`; its name says
    # which) on the holdout, and the candidate's paired lift over the best rule in each resample
    dummy: HoldoutScore | None = None
    over_dummy: Interval | None = None
    resampled: str = "single rows"  # what the bootstrap resamples: rows, groups, time blocks
    holdout_key: str | None = None  # the holdout's identity in the study's ledger
    # the project's holdout ledger: distinct scorings sharing rows with this holdout (this one
    # included), the candidate's score at the earlier ones, the share of this holdout's rows
    # they scored and their runs
    holdout_looks: int = 1
    earlier_looks: list[float] = Field(default_factory=list)
    holdout_seen_share: float = 0.0
    holdout_seen_in: list[str] = Field(default_factory=list)
    leak_free: LeakFreeScore | None = None  # without the columns a critical finding names
    # without the columns a leakage warning names whose timing the contract leaves unknown (and
    # without a critical finding's columns): how much of the result rests on them
    timing_free: LeakFreeScore | None = None
    pipelines: dict[
        str, list[str]
    ]  # model -> its steps: all preprocessing fitted inside the pipeline
    threshold: float | None = None  # binary: the cut-off behind the confusion matrix
    threshold_reason: str | None = None
    confusion: list[list[int]] | None = None  # rows = actual class, columns = predicted
    calibration: list[list[float]] | None = None  # binary: [mean predicted, observed rate, rows]
    business: BusinessValue | None = None
    workload: Workload | None = None  # binary: cases flagged, positives caught, false alarms
    learning_curve: LearningCurve | None = None
    worst_errors: list[dict[str, str]] = Field(default_factory=list)  # features only, never PII
    worst_errors_left_out: list[str] = Field(default_factory=list)  # inputs too many to show
    production: ProductionEvidence | None = None  # pipeline parts, review band (hand-off)
    triage: TriageResult | None = None  # several classes routed to teams: right first time
    figures: list[Figure]
    cv_rows: int | None = None  # training rows behind the learning curve and OOF threshold
    costs: ModelCosts | None = measured("the candidate fitted on the training part")
    forecast: ForecastEvaluation | None = None  # forecast studies: by step, by series, value
