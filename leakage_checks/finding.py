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
