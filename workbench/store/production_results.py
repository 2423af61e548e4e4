"""The shape of the production evidence a run records for the hand-off to engineering: the
winning pipeline's components and the human-review band (evaluation stage), and the features
to watch for drift with their reference statistics (assurance stage).

Kept apart from `workbench.store.results` (which imports these models) so that module stays small.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Proportion(BaseModel):
    """A share of cases with its 95% Wilson interval."""

    value: float
    ci_low: float
    ci_high: float
    count: int
    rows: int


class PipelineComponent(BaseModel):
    step: str  # the pipeline step's name
    kind: str  # its class
    detail: str  # what it does, in words: its parts and the columns they take


class BandOption(BaseModel):
    """One possible review band: the cases a person would decide instead of the model."""

    target_share: float  # the share of cases the band was sized to hold
    share: float  # the share of holdout cases inside it (ties can make it a little larger)
    low: float  # band edges on the score the band is defined on
    high: float
    rows_in: int
    error_in: Proportion  # error rate of the model's own decisions inside the band
    error_out: Proportion  # ... and on the cases it would decide alone


class ReviewBand(BaseModel):
    """Where the model is unsure: binary tasks, scores near the decision threshold;
    multiclass, a low top-class probability; regression has no per-case band (see `note`)."""

    task: str
    score: str  # what the band is defined on, in words
    threshold: float | None  # binary: the decision threshold the band surrounds
    method: str  # how the band was found, in words (for the report)
    error_all: Proportion | None  # error rate of the model's decisions on the whole holdout
    options: list[BandOption] = Field(default_factory=list)
    proposed: float | None = None  # target_share of the option the production path proposes
    abs_error_quantiles: dict[str, float] = Field(default_factory=dict)  # regression: "90%" -> e
    note: str = ""


class ProductionEvidence(BaseModel):
    """Written by the evaluation stage, from the fitted models and the one holdout scoring."""

    components: list[PipelineComponent]  # the candidate's pipeline, outermost step first
    baseline_components: list[PipelineComponent]  # the rollback model's
    family: str
    params: dict[str, float | int | str | bool | None]
    trials_completed: int
    tuned_cv: float  # cross-validated primary score: tuned, and with default settings
    default_cv: float
    review: ReviewBand | None = None


class WatchedFeature(BaseModel):
    feature: str
    reasons: list[str]  # why it is watched, in words
    shap_rank: int | None = None  # 1 = the input that moves predictions most
    shap_importance: float | None = None  # mean |SHAP value|
    robustness_drop: float | None = None  # worst score drop of a test damaging this input alone
    reference: dict[str, Any]  # drift.reference_stats entry: bins/shares, mean, sd, quantiles


class MonitoringPlan(BaseModel):
    """Written by the assurance stage: what to watch in production and what it looked like on
    the training part. PSI thresholds are the drift monitor's (workbench/drift.py)."""

    computed_on: str
    rows: int
    psi_moderate: float
    psi_drifted: float
    watched: list[WatchedFeature]
    notes: list[str] = Field(default_factory=list)
