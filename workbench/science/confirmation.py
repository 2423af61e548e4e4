"""The confirmation check: the last rung of a successive-halving ladder over training rows.

The search scores every configuration by cross-validation on the profile's sample (`cv_rows`).
Which settings win depends on how many rows the model learns from: on 20,000 rows shallow,
strongly regularised trees win; on a million, deeper ones do. When the training part holds at
least twice the sample, the search's best few configurations and the library's defaults are fitted
once more on a larger sample (`confirm_rows`, drawn within the same folds and classes) and
scored on its last fold, which none of them learned from; the best of them is the tuned
configuration. The holdout plays no part.

A study that reads free text checks on twice the search's sample (`MIN_GAIN` x `cv_rows`), not
on the profile's `confirm_rows`: every fit of the check reads its texts anew (nothing the search
read is on those rows) and a linear model's weights grow with the vocabulary, so on 100,000
tickets two fits on 60,000 rows took longer than the whole search and most of the study's
memory. The result says so (`capped_for_text`), and so does the report.

The check has its own wall-time budget (`confirm_minutes`): the search's best and the defaults
are scored first (that batch always runs), then the rest best-first, as many at once as there
are cores (each model on one thread); a batch that would not finish in time is not started.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import ThreadPoolExecutor

import optuna

from baselines.models import cores
from workbench.science import fit_cache
from workbench.science.cross_validation import fold_score
from workbench.science.modeling import Prepared
from workbench.science.search import build_model, full_params
from workbench.science.splits import cv_splits
from workbench.store.results import Confirmation, ConfirmedTrial

# the check runs only when its sample is at least this many times the search's: one fold of a
# barely larger sample would be a noisier judge than the search's own cross-validation
MIN_GAIN = 2


def search_order(greater_is_better: bool):
    """The search's ranking of its trials as a sort key: best value first, ties to the earlier
    trial. The search's best is the first in this order, with or without the check."""
    sign = 1 if greater_is_better else -1
    return lambda t: (-sign * t.value, t.number)


def shortlist(
    complete: list[optuna.trial.FrozenTrial], top: int, greater_is_better: bool
) -> list[optuna.trial.FrozenTrial]:
    """The search's best trial, then the defaults' trial (so the first batch, which always
    runs, holds both), then the next best, up to `top` distinct non-default configurations."""
    order = search_order(greater_is_better)
    out, seen, defaults = [], set(), None
    for t in sorted(complete, key=order):
        key = _key(t)
        if key in seen:
            continue
        seen.add(key)
        if is_defaults(t):
            defaults = t
        elif len(out) < top:
            out.append(t)
    if defaults is None:
        return out
    if not out or order(defaults) < order(out[0]):
        return [defaults, *out]
    return [out[0], defaults, *out[1:]]


def is_defaults(trial: optuna.trial.FrozenTrial) -> bool:
    return trial.user_attrs.get("start") == "defaults"


def _key(trial: optuna.trial.FrozenTrial) -> tuple:
    return tuple(sorted(trial.params.items()))


def confirm(full: Prepared, complete: list, spec, on_start=None) -> Confirmation | None:
    """Score the search's shortlist (from its `complete` trials) on a larger sample and say
    which wins; None when that sample would not be at least MIN_GAIN times the search's, or
    there is nothing to choose between. `on_start(text)` hears what the check will do."""
    budget, metric = spec.budget, spec.primary_metric
    rows, capped = check_rows(budget, len(full.train), bool(full.columns.text))
    if rows < MIN_GAIN * budget.cv_rows:
        return None
    candidates = shortlist(complete, budget.confirm_top, metric.greater_is_better)
    if len(candidates) < 2:
        return None
    fit_cache.forget_rows()  # the search's rows and text readings: none serves these rows
    view = full.sampled(rows, spec.seed)
    fit, val = cv_splits(view.fold, spec.split.strategy)[-1]
    fit_rows, val_rows = view.train[fit], view.train[val]
    # a trial that repeats the defaults' parameters is the defaults, whatever its number
    default_keys = {_key(t) for t in complete if is_defaults(t)}
    if on_start is not None:
        on_start(f"checking the {len(candidates)} best on {len(fit_rows):,} rows")

    def one(trial: optuna.trial.FrozenTrial) -> ConfirmedTrial:
        model = build_model(
            spec.tuning.family, full_params(spec, trial.params), view, spec.task.kind, spec.seed
        )
        scores = fold_score(model, view, fit_rows, val_rows, spec.task.kind, [metric.name])
        return ConfirmedTrial(
            trial=trial.number,
            defaults=_key(trial) in default_keys,
            cv_mean=round(float(trial.value), 6),
            score=round(scores[metric.name], 6),
        )

    deadline = time.time() + budget.confirm_minutes * 60
    scored, stopped_by = _in_batches(candidates, one, deadline)
    return Confirmation(
        fit_rows=len(fit_rows),
        validation_rows=len(val_rows),
        candidates=scored,
        chosen=choose(scored, metric.greater_is_better),
        search_best=candidates[0].number,  # the shortlist starts with the search's best
        stopped_by=stopped_by,
        not_scored=len(candidates) - len(scored),
        capped_for_text=capped,
        profile_rows=min(len(full.train), budget.confirm_rows) if capped else None,
    )


def check_rows(budget, train_rows: int, text: bool) -> tuple[int, bool]:
    """How many training rows the check samples, and whether free text capped them at
    MIN_GAIN times the search's sample (below the profile's `confirm_rows` and the training
    part)."""
    rows = min(train_rows, budget.confirm_rows)
    cap = MIN_GAIN * budget.cv_rows
    if text and rows > cap:
        return cap, True
    return rows, False


def choose(scored: list[ConfirmedTrial], greater_is_better: bool) -> int:
    """The trial with the best check score; on a tie the earlier (the search's better); a
    score that could not be computed (NaN) never wins."""
    sign = 1 if greater_is_better else -1

    def rank(c: ConfirmedTrial) -> float:
        return sign * c.score if math.isfinite(c.score) else -math.inf

    return max(scored, key=rank).trial  # max keeps the first of equals


def _in_batches(candidates, score_one, deadline: float) -> tuple[list[ConfirmedTrial], str]:
    """Score candidates in order, as many at once as there are cores (threads: each model
    fits on one thread and releases the GIL), stopping before a batch that would end after
    `deadline` (its length judged by the previous batch). The first batch, which always
    runs, holds at least two: the search's best and the defaults, even on one core."""
    workers = max(1, min(cores(), len(candidates)))
    first = max(2, workers)
    batches = [candidates[:first]] + [
        candidates[i : i + workers] for i in range(first, len(candidates), workers)
    ]
    scored: list[ConfirmedTrial] = []
    last = 0.0
    with ThreadPoolExecutor(workers, initializer=_one_native_thread) as pool:
        for batch in batches:
            if scored and time.time() + last > deadline:
                return scored, "time"
            began = time.time()
            scored.extend(pool.map(score_one, batch))
            last = time.time() - began
    return scored, "candidates"


def _one_native_thread() -> None:
    """Native thread pools (OpenMP, BLAS) limited to one thread in this pool thread: limits
    set by the stage apply per thread, and a new thread starts with every core."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
