"""Scoring models: cross-validation on the training part's shared folds, and predictions in
the form each metric needs."""

from __future__ import annotations

from contextlib import closing

import numpy as np

from workbench.inputs.metrics import METRICS, score
from workbench.science import fit_cache
from workbench.science.modeling import Prepared
from workbench.science.resampling import mean_interval
from workbench.science.splits import cv_splits
from workbench.science.threads import fits_at_once, in_order
from workbench.store.results import ModelCV


def predict(model, X, task: str) -> np.ndarray:
    """Class probabilities (n, k) for classification, values for regression."""
    method = "predict" if task == "regression" else "predict_proba"
    return np.asarray(fit_cache.predict(model, X, method), dtype="float64")


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
    scores, fitted = _fold(model, prep, train_rows, val_rows, task, metric_names, with_train)
    if on_fitted is not None:
        on_fitted(fitted.model, fitted.seconds, len(train_rows))
    return scores


def _fold(model, prep: Prepared, train_rows, val_rows, task, metric_names, with_train, keep=True):
    """One fold's scores and its fit (made once per process: `fit_cache`; kept there unless
    `keep` is False)."""
    fitted = fit_cache.fit(model, prep.X, prep.y, train_rows, keep=keep)
    pred = predict_rows(fitted.model, prep, val_rows, task)
    out = {m: score(METRICS[m], prep.y[val_rows], pred) for m in metric_names}
    if with_train:
        seen = predict_rows(fitted.model, prep, train_rows, task)
        out["train"] = score(METRICS[metric_names[0]], prep.y[train_rows], seen)
    return out, fitted


def fit_on(model, prep: Prepared, rows: np.ndarray):
    """`model` fitted on the rows at positions `rows` of prep.X (made once per process)."""
    return fit_cache.fit(model, prep.X, prep.y, rows).model


def predict_rows(model, prep: Prepared, rows: np.ndarray, task: str) -> np.ndarray:
    """`predict_full` on the rows at positions `rows` of prep.X (what a model from `fit_on`
    makes of them is remembered)."""
    method = "predict" if task == "regression" else "predict_proba"
    pred = np.asarray(fit_cache.predict(model, prep.X, method, rows), dtype="float64")
    return pred if task == "regression" else _full_proba(model, pred, len(prep.classes))


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
    keep: bool = True,
    backward: bool = False,
) -> ModelCV:
    """Score `model` on every CV fold of the training part, as many folds at a time as the
    cores allow (`threads`; the scores do not depend on it). `on_fold(i, running_mean)` lets
    a caller (tuning) prune, fold by fold in order; it may raise to stop, and folds not yet
    started are not. With `with_train`, the secondary scores also hold "train": the mean
    primary score on the rows each fold's model was fitted on. `on_fitted` sees each fold's
    fitted model in the order they are fitted, as in `fold_score`. `keep=False`: the fold fits
    are not kept for the process (nothing will ask for them again). `backward`: the folds are
    fitted last first (the scores are the same, and kept in fold order): a model reading the
    same texts as the one cross-validated just before it then first asks for the readings
    that one made last, which the text memory still holds."""
    primary = spec.metrics.primary
    folds = cv_splits(prep.fold, spec.split.strategy)
    order = list(range(len(folds)))[::-1] if backward else list(range(len(folds)))
    by_fold: dict[int, dict[str, float]] = {}

    def one(i):
        return fold_fit(model, prep, spec, folds[i], with_train, keep)

    with closing(in_order(one, order, fits_at_once(model))) as done:
        for i, (result, fitted) in zip(order, done, strict=True):
            if on_fitted is not None:
                on_fitted(fitted.model, fitted.seconds, len(folds[i][0]))
            by_fold[i] = result
            if on_fold is not None:
                on_fold(len(by_fold) - 1, float(np.mean([r[primary] for r in by_fold.values()])))
    scores: dict[str, list[float]] = {}
    for i in sorted(by_fold):
        for m, v in by_fold[i].items():
            scores.setdefault(m, []).append(v)
    return combine(name, description, scores, spec)


def fold_fit(model, prep: Prepared, spec, fold, with_train: bool = False, keep: bool = True):
    """One CV fold (train, validation positions in the training part): its scores by metric
    (with "train" when asked) and its fit."""
    tr, va = fold
    metrics = [spec.metrics.primary, *spec.metrics.secondary]
    return _fold(
        model, prep, prep.train[tr], prep.train[va], spec.task.kind, metrics, with_train, keep
    )


def combine(name: str, description: str, scores: dict[str, list[float]], spec) -> ModelCV:
    """The cross-validated result from each metric's fold scores (in fold order)."""
    primary = spec.metrics.primary
    result = summarise(
        name,
        description,
        scores[primary],
        {m: float(np.nanmean(v)) for m, v in scores.items() if m != primary},
    )
    if "train" in scores:
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
