"""Helpers the checks share: sampling, quick model scores, plain-number formatting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import r2_score, roc_auc_score


def sample_rows(
    X: pd.DataFrame, y: pd.Series, limit: int, seed: int
) -> tuple[pd.DataFrame, pd.Series]:
    """At most `limit` rows, drawn without replacement, in their original order."""
    if len(X) <= limit:
        return X, y
    rows = np.sort(np.random.default_rng(seed).choice(len(X), limit, replace=False))
    return X.iloc[rows], y.iloc[rows]


def training_sample(frames, roles, settings: dict) -> tuple[pd.DataFrame, pd.Series]:
    """The model features and target of at most `model_check_max_rows` training rows: what the
    checks that fit models learn from."""
    limit = int(settings["model_check_max_rows"])
    return sample_rows(frames.X_train[roles.features], frames.y_train, limit, roles.seed)


def score(y: np.ndarray, pred: np.ndarray, task: str) -> float:
    """AUC for classification (macro one-vs-rest for multiclass), R² for regression."""
    if task == "regression":
        return float(r2_score(y, np.ravel(pred)))
    if task == "binary" or (pred.ndim == 2 and pred.shape[1] == 2):
        p = pred[:, -1] if pred.ndim == 2 else pred
        return float(roc_auc_score(y, p))
    return float(
        roc_auc_score(y, pred, multi_class="ovr", average="macro", labels=np.arange(pred.shape[1]))
    )


def symmetric_auc(y: np.ndarray, x: np.ndarray) -> float:
    """How well a single number separates a binary outcome, whichever direction: max(AUC, 1-AUC)."""
    auc = roc_auc_score(y, x)
    return float(max(auc, 1 - auc))


def predictions(model, X: pd.DataFrame, task: str) -> np.ndarray:
    return model.predict(X) if task == "regression" else model.predict_proba(X)


def quick_model(X: pd.DataFrame, task: str, seed: int):
    """A fast, strong default model (HistGradientBoosting through the baseline zoo)."""
    from baselines import ColumnRoles, build

    return build("hist_gradient_boosting", ColumnRoles.from_frame(X), task, seed)


def chance(task: str) -> float:
    return 0.0 if task == "regression" else 0.5


def metric_name(task: str) -> str:
    return "r2" if task == "regression" else "auc"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")
