"""Fits made once per process. A study fits the same model on the same rows more than once:
every tuning trial and every tree baseline prepares a fold's rows the same way (the
preprocessing does not depend on the model's settings), and the tuned configuration is fitted
on each fold by the search, by the threshold search, by the learning curve at full size, by the
fairness remedy and by the explanations' fold refits. Here each such fit is made once and
handed out again; so are the prepared rows a fitted preprocessing turns out.

A fit is known by what determines it: the estimator's class and parameters and the rows'
values (index included) and labels: the digest of a frame (computed once per frame object)
and the positions of the rows in it. Every model the workbench fits is seeded and fits on one
thread, so a remembered fit is the fit that would be made again: results files are the same
with or without this cache. Fitted models handed out are shared: callers predict with them and
never change them. Memory is bounded (least recently used out first). Thread-safe.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

import joblib
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.pipeline import Pipeline

from baselines.memory import BoundedMemory, give_back, size_of

BUDGET_BYTES = 384 * 2**20  # prepared rows held at once, per process
MODELS = 32  # fitted models held at once: a search fits many that are never asked for again


@dataclass(frozen=True)
class Fit:
    model: Any  # the fitted estimator (a pipeline: its preprocessing may be shared)
    seconds: float  # what fitting it took, remembered parts included at their own cost


_rows = BoundedMemory(BUDGET_BYTES, limit=1024)
_models = BoundedMemory(BUDGET_BYTES, limit=MODELS)
# a pipeline fitted here (by id, with a weak reference to it) -> its fitted preprocessing and
# that preprocessing's key: predicting with it reuses rows the preprocessing has turned out
_shared: dict[int, tuple[weakref.ref, Pipeline, str]] = {}
_shared_lock = threading.Lock()


def fit(
    model, X: pd.DataFrame, y: np.ndarray, rows: np.ndarray | None = None, keep: bool = True
) -> Fit:
    """`model` (fitted or not: only its settings count) fitted on the rows at positions `rows`
    of `X` and `y` (all of them when None): fitted here once, then the same fit again. A
    pipeline's preprocessing is fitted once for any final estimator, and the final estimator
    on the rows it turned out. Give the whole frame and the positions where there are some:
    a frame is then digested once, not every slice of it. `keep=False`: a fit nothing will
    ask for again (a baseline the search does not repeat) is handed out but not kept."""
    where = _where(X, y, rows)
    key = joblib.hash((settings(model), where))
    found = _models.get(key)
    if found is not None:
        return found
    X, y = (X, y) if rows is None else (X.iloc[rows], np.asarray(y)[rows])
    start = time.perf_counter()
    if isinstance(model, Pipeline) and len(model.steps) > 1:
        pre_key = joblib.hash((settings(model[:-1]), where))
        pre, Xt, pre_seconds = _prepared(model[:-1], X, y, pre_key)
        start = time.perf_counter() - pre_seconds
        name, last = model.steps[-1]
        fitted = Pipeline([*pre.steps, (name, clone(last).fit(Xt, y))])
        with _shared_lock:
            _shared[id(fitted)] = (weakref.ref(fitted), pre, pre_key)
        weakref.finalize(fitted, _forget, id(fitted))
    else:
        fitted = clone(model).fit(X, y)
    result = Fit(fitted, time.perf_counter() - start)
    if keep:
        _models.put(key, result)
    return result


def predict(fitted, X: pd.DataFrame, method: str, rows: np.ndarray | None = None) -> np.ndarray:
    """`fitted.<method>` (predict, predict_proba) on the rows at positions `rows` of `X` (all
    when None). For a pipeline made by `fit`, what its preprocessing turns those rows into is
    remembered: every trial of a search predicts the same validation rows through the same
    fitted preprocessing."""
    with _shared_lock:
        ref, pre, pre_key = _shared.get(id(fitted), (None, None, ""))
    chosen = X if rows is None else X.iloc[rows]
    if ref is None or ref() is not fitted:
        return getattr(fitted, method)(chosen)
    key = joblib.hash((pre_key, _where(X, None, rows)))
    Xt = _rows.get(key)
    if Xt is None:
        Xt = pre.transform(chosen)
        _rows.put(key, Xt, _size(Xt))
    return getattr(fitted.steps[-1][1], method)(Xt)


def clear() -> None:
    """Forget every fit, and every text read (tests; a process that moves on to other data)."""
    forget_rows()
    _models.clear()
    with _shared_lock:
        _digests.clear()


def keep_only(model) -> None:
    """Forget every remembered fit but those of `model`'s settings (on any rows), the prepared
    rows and the text readings too: once tuning has chosen, only the tuned configuration's
    fold fits serve the later stages (the threshold, the learning curve at full size, the
    explanations), and the baselines' and the other trials' fits only hold memory."""
    wanted = settings(model)
    with _models._lock:
        kept = [(k, v) for k, v in _models._items.items() if settings(v[0].model) == wanted]
    _models.clear()
    for key, (fitted, size) in kept:
        _models.put(key, fitted, size)
    forget_rows()


def forget_rows() -> None:
    """Forget the prepared rows and the text readings, keep the fits, and give the memory back
    to the system: once a stage is done (the next one prepares its own rows, and a fit it
    shares is handed out without them), or before fits on other rows than the search's."""
    from baselines import text_memory

    _rows.clear()
    text_memory.clear()
    give_back()


def settings(estimator) -> Any:
    """What determines an estimator's fit, as plain data: its class and its parameters, nested
    estimators included (the same for a fitted estimator and an unfitted copy of it)."""
    if isinstance(estimator, BaseEstimator):
        params = estimator.get_params(deep=False)
        return (
            f"{type(estimator).__module__}.{type(estimator).__qualname__}",
            sorted((k, settings(v)) for k, v in params.items()),
        )
    if isinstance(estimator, list | tuple):
        return [settings(v) for v in estimator]
    if isinstance(estimator, dict):
        return sorted((str(k), settings(v)) for k, v in estimator.items())
    if callable(estimator) and hasattr(estimator, "__qualname__"):
        return f"{getattr(estimator, '__module__', '')}.{estimator.__qualname__}"
    if isinstance(estimator, str | int | float | bool | type(None) | np.ndarray | np.generic):
        return estimator
    return repr(estimator)  # e.g. a splitter: its repr names its parameters


def _prepared(pre: Pipeline, X: pd.DataFrame, y: np.ndarray, key: str):
    """The preprocessing fitted on `X`, `y`, the rows it turned out for fitting, and the seconds
    that took."""
    found = _rows.get(key)
    if found is None:
        start = time.perf_counter()
        fitted = clone(pre)
        Xt = fitted.fit_transform(X, y)  # as a pipeline fits it (target encoders cross-fit)
        found = (fitted, Xt, time.perf_counter() - start)
        _rows.put(key, found, _size(Xt))
    return found


def _where(X, y, rows) -> str:
    """The identity of some rows: the digests of the frame and the labels, and the positions."""
    positions = None if rows is None else np.asarray(rows, dtype=np.int64)
    return joblib.hash((_digest(X), None if y is None else _digest(y), positions))


# digests of the frames and arrays seen, by object (checked by a weak reference: an id can be
# reused once its object is gone); a stage's frame is digested once, however often it is used
_digests: dict[int, tuple[weakref.ref, str]] = {}


def _digest(value) -> str:
    with _shared_lock:
        ref, digest = _digests.get(id(value), (None, ""))
    if ref is not None and ref() is value:
        return digest
    digest = joblib.hash(value)
    try:
        ref = weakref.ref(value)
    except TypeError:  # not weakly referable: digested again next time
        return digest
    with _shared_lock:
        if len(_digests) > 4096:
            _digests.clear()
        _digests[id(value)] = (ref, digest)
    return digest


def _size(value) -> int:
    """What prepared rows weigh (sparse ones too: a fold's text weights are over 100 MB, and
    counted as nothing they were kept by the thousand)."""
    return size_of(value) or 1


def _forget(ident: int) -> None:
    with _shared_lock:
        _shared.pop(ident, None)
