"""Scoring models: cross-validation on the training part's shared folds, and predictions in
the form each metric needs."""

from __future__ import annotations

import time

import numpy as np
from sklearn.base import clone

from workbench.inputs.metrics import METRICS, score
from workbench.science.modeling import Prepared
from workbench.science.resampling import mean_interval
from workbench.science.splits import cv_splits
from workbench.store.results import ModelCV


def predict(model, X, task: str) -> np.ndarray:
    """Class probabilities (n, k) for classification, values for regression."""
    if task == "regression":
        return np.asarray(model.predict(X), dtype="float64")
    return np.asarray(model.predict_proba(X), dtype="float64")


def fold_score(
    model,
    prep: Prepared,
    train_rows: np.ndarray,
    val_rows: np.ndarray,
    task: str,
    metric_names: list[str],
    with_train: bool = False,
    on_fitted=None,
) -> dict[str, float]:
    """Fit a fresh copy on `train_rows` and score it on `val_rows` (positions in prep.X); with
    `with_train`, also the primary metric on the rows it was fitted on (key "train").
    `on_fitted(model, fit_seconds, fit_rows)` sees the fitted copy (the baselines measure
    their costs on it rather than fitting again)."""
    start = time.perf_counter()
    fitted = clone(model).fit(prep.X.iloc[train_rows], prep.y[train_rows])
    if on_fitted is not None:
        on_fitted(fitted, time.perf_counter() - start, len(train_rows))
    k = len(prep.classes)
    pred = predict_full(fitted, prep.X.iloc[val_rows], task, k)
    out = {m: score(METRICS[m], prep.y[val_rows], pred) for m in metric_names}
    if with_train:
        seen = predict_full(fitted, prep.X.iloc[train_rows], task, k)
        out["train"] = score(METRICS[metric_names[0]], prep.y[train_rows], seen)
    return out


def predict_full(model, X, task: str, k: int) -> np.ndarray:
    """Like `predict`, with probabilities over all k classes (classification) even when the
    model's training rows lacked a class."""
    pred = predict(model, X, task)
    return pred if task == "regression" else _full_proba(model, pred, k)


def _full_proba(model, proba: np.ndarray, k: int) -> np.ndarray:
    """Probabilities over all k classes even when a fold's training rows lacked one."""
    seen = list(model.classes_)
    if len(seen) == k:
        return proba
    full = np.zeros((len(proba), k))
    full[:, seen] = proba
    return full


def cross_validate(
    model,
    prep: Prepared,
    spec,
    name: str,
    description: str,
    on_fold=None,
    with_train: bool = False,
    on_fitted=None,
) -> ModelCV:
    """Score `model` on every CV fold of the training part. `on_fold(i, running_mean)` lets a
    caller (tuning) prune; it may raise to stop. With `with_train`, the secondary scores also
    hold "train": the mean primary score on the rows each fold's model was fitted on.
    `on_fitted` is passed to `fold_score` for every fold."""
    primary, secondary = spec.metrics.primary, list(spec.metrics.secondary)
    train = prep.train
    scores: dict[str, list[float]] = {m: [] for m in [primary, *secondary]}
    for i, (tr, va) in enumerate(cv_splits(prep.fold, spec.split.strategy)):
        result = fold_score(
            model,
            prep,
            train[tr],
            train[va],
            spec.task.kind,
            [primary, *secondary],
            with_train=with_train,
            on_fitted=on_fitted,
        )
        for m, v in result.items():
            scores.setdefault(m, []).append(v)
        if on_fold is not None:
            on_fold(i, float(np.mean(scores[primary])))
    result = summarise(
        name,
        description,
        scores[primary],
        {m: float(np.nanmean(v)) for m, v in scores.items() if m != primary},
    )
    if with_train:
        result.train_fold_scores = [round(float(v), 6) for v in scores["train"]]
    for m, values in scores.items():
        if m != primary and m != "train":
            v = np.asarray(values, dtype=float)
            lo, hi = mean_interval(v)
            sd = float(v.std(ddof=1)) if len(v) > 1 else 0.0
            result.secondary_spread[m] = [round(sd, 6), round(lo, 6), round(hi, 6)]
    return result


def summarise(
    name: str, description: str, fold_scores: list[float], secondary: dict[str, float]
) -> ModelCV:
    lo, hi = mean_interval(fold_scores)
    arr = np.asarray(fold_scores, dtype=float)
    return ModelCV(
        name=name,
        description=description,
        fold_scores=[round(float(v), 6) for v in arr],
        mean=round(float(arr.mean()), 6),
        std=round(float(arr.std(ddof=1)) if len(arr) > 1 else 0.0, 6),
        ci_low=round(lo, 6),
        ci_high=round(hi, 6),
        secondary={k: round(v, 6) for k, v in secondary.items()},
    )
