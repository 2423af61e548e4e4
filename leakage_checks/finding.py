"""What checks read (`SplitFrames`, `Roles`, settings) and what they return (`Finding`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

Severity = Literal["critical", "warning", "info"]

# Thresholds, each with the reason for its value; a spec may override any of them.
DEFAULT_SETTINGS: dict[str, float] = {
    # Share of test rows whose features (and target) also appear in training. Real tabular data
    # with few, coarse columns repeats rows by nature, so a small share is only worth a warning;
    # a quarter of the test set seen in training means the holdout mostly measures memory.
    "shared_rows_warning": 0.01,
    "shared_rows_critical": 0.25,
    # Out-of-fold score of one feature on its own. AUC 0.99 (R² 0.98) from a single column is
    # almost never a real-world signal: it is the answer, copied or recorded after the fact.
    # From 0.90 (R² 0.80) a column is strong enough that someone should confirm it is known
    # when the prediction is made (deepchecks' default alarm is a predictive power score of 0.8).
    "single_feature_auc_critical": 0.99,
    "single_feature_auc_warning": 0.90,
    "single_feature_r2_critical": 0.98,
    "single_feature_r2_warning": 0.80,
    # Rows used to score single features: enough for a stable AUC, bounded for 1M-row data.
    "single_feature_max_rows": 50_000,
    # Near-duplicates: numbers compared at 4 significant digits (what survives re-export
    # through a spreadsheet); a 1% share is worth a look.
    "near_duplicate_digits": 4,
    "near_duplicates_warning": 0.01,
    # Entity keys nobody declared: at least 1% of rows are distinct values, and each value
    # repeats on average 1.5 to 50 times (row ids are unique; categories repeat far more).
    "entity_min_distinct_share": 0.01,
    "entity_min_rows_per_value": 1.5,
    "entity_max_rows_per_value": 50,
    # Share of test rows whose entity also appears in training: 5% starts to inflate scores;
    # half the holdout made of known entities makes it a test of memory (declared groups).
    "entity_overlap_warning": 0.05,
    "entity_overlap_critical": 0.5,
    # A date column later than the row's prediction time in 1% of rows is suspicious.
    "late_dates_warning": 0.01,
    # Outcome drift over five time periods: significant at 0.1% with a monotone trend.
    "drift_p_value": 0.001,
    # Missingness (or a placeholder value) alone predicting the outcome: AUC 0.80 is far beyond
    # what missing-at-random produces; 0.95 means the field is filled in because of the outcome.
    "missingness_warning": 0.80,
    "missingness_critical": 0.95,
    # Row order / ids in ten blocks predicting the outcome: AUC 0.65 (R² 0.10) is a sorted extract.
    "identifier_warning": 0.65,
    "identifier_r2_warning": 0.10,
    # A category whose majority outcome is right for 99% of rows is a relabelled target.
    "proxy_purity_critical": 0.99,
    # Identical inputs with different outcomes: reported from 0.5% of rows, a warning from 5%.
    "conflicting_labels_info": 0.005,
    "conflicting_labels_warning": 0.05,
    # Rows used by checks that fit models: enough for stable scores, bounded for large data.
    "model_check_max_rows": 20_000,
    # Dropping one feature loses at least 70% of the model's signal above chance.
    "dominance_share": 0.7,
    # Score gap between the spec's split and a group/time-respecting split (AUC or R² units).
    "split_gap_warning": 0.05,
    "split_gap_critical": 0.15,
    # Shuffled labels: any excess over chance beyond fold noise (0.03 AUC / R²) is suspicious.
    "shuffled_warning": 0.03,
    "shuffled_critical": 0.10,
    # Adversarial validation: AUC 0.70 means the parts differ in a way a model readily finds.
    "adversarial_warning": 0.70,
}


@dataclass
class SplitFrames:
    """The training and test parts: features (all candidate columns) and the encoded target."""

    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series


@dataclass
class Roles:
    """What the data contract and spec say about the columns."""

    task: str  # binary | multiclass | regression
    features: list[str]  # the columns a model reads
    id_columns: list[str] = field(default_factory=list)
    group_column: str | None = None
    time_column: str | None = None
    not_known_at_prediction: list[str] = field(default_factory=list)
    split_strategy: str = "random"
    seed: int = 0
    target_name: str | None = None


@dataclass
class Finding:
    check: str
    severity: Severity
    columns: list[str]
    evidence: dict[str, float]
    message: str
    fix: str

    def to_dict(self) -> dict:
        return asdict(self)
