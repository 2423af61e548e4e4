"""The confirmation check: the last rung of a successive-halving ladder over training rows.

The search scores every configuration by cross-validation on the profile's sample (`cv_rows`).
Which settings win depends on how many rows the model learns from: on 20,000 rows shallow,
strongly regularised trees win; on a million, deeper ones do. When the training part is larger
than the sample, the search's best few configurations and the library's defaults are fitted
once more on a larger sample (`confirm_rows`, drawn within the same folds and classes) and
scored on its last fold, which none of them learned from; the best of them is the tuned
configuration. The holdout plays no part.

The check has its own wall-time budget (`confirm_minutes`): candidates are scored best-first,
as many at once as there are cores (each model on one thread), and a batch that would not
finish in time is not started. The first batch always runs.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import optuna

from baselines.models import cores
from workbench.evaluation import fold_score
from workbench.modeling import Prepared
from workbench.results import Confirmation, ConfirmedTrial
from workbench.splits import cv_splits
from workbench.tuning import build_model, full_params

PROGRESS_ATTR = "confirming"  # what the check is doing, for the progress bar


def shortlist(
    study: optuna.Study, top: int, greater_is_better: bool
) -> list[optuna.trial.FrozenTrial]:
    """The `top` best complete trials with distinct parameters, best first, then the defaults'
    trial when it is not among them."""
    sign = 1 if greater_is_better else -1
    complete = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
    ranked = sorted(complete, key=lambda t: (-sign * t.value, t.number))
    out, seen = [], set()
    for t in ranked:
        key = tuple(sorted(t.params.items()))
        if key in seen:
            continue
        seen.add(key)
        if len(out) < top or t.user_attrs.get("start") == "defaults":
            out.append(t)
    return out


def confirm(full: Prepared, study: optuna.Study, spec) -> Confirmation | None:
    """Score the search's shortlist on a larger sample and say which wins; None when the
    search already saw every training row or there is nothing to choose between."""
    budget, metric = spec.budget, spec.primary_metric
    if len(full.train) <= budget.cv_rows:
        return None
    candidates = shortlist(study, budget.confirm_top, metric.greater_is_better)
    if len(candidates) < 2:
        return None
    view = full.sampled(budget.confirm_rows, spec.seed)
    fit, val = cv_splits(view.fold, spec.split.strategy)[-1]
    fit_rows, val_rows = view.train[fit], view.train[val]
    study.set_user_attr(
        PROGRESS_ATTR, f"checking the {len(candidates)} best on {len(fit_rows):,} rows"
    )

    def one(trial: optuna.trial.FrozenTrial) -> ConfirmedTrial:
        model = build_model(
            spec.tuning.family, full_params(spec, trial.params), view, spec.task.kind, spec.seed
        )
        scores = fold_score(model, view, fit_rows, val_rows, spec.task.kind, [metric.name])
        return ConfirmedTrial(
            trial=trial.number,
            defaults=trial.user_attrs.get("start") == "defaults",
            cv_mean=round(float(trial.value), 6),
            score=round(scores[metric.name], 6),
        )

    scored, stopped_by = _in_batches(candidates, one, time.time() + budget.confirm_minutes * 60)
    sign = 1 if metric.greater_is_better else -1
    best = max(scored, key=lambda c: sign * c.score)  # ties: the first, the search's better
    study.set_user_attr(PROGRESS_ATTR, "")
    return Confirmation(
        fit_rows=len(fit_rows),
        validation_rows=len(val_rows),
        candidates=scored,
        chosen=best.trial,
        search_best=candidates[0].number,
        stopped_by=stopped_by,
        not_scored=len(candidates) - len(scored),
    )


def _in_batches(candidates, score_one, deadline: float) -> tuple[list[ConfirmedTrial], str]:
    """Score candidates in order, as many at once as there are cores (threads: each model
    fits on one thread and releases the GIL), stopping before a batch that would end after
    `deadline` (its length judged by the previous batch)."""
    workers = max(1, min(cores(), len(candidates)))
    scored: list[ConfirmedTrial] = []
    last = 0.0
    with ThreadPoolExecutor(workers) as pool:
        for i in range(0, len(candidates), workers):
            if scored and time.time() + last > deadline:
                return scored, "time"
            began = time.time()
            scored.extend(pool.map(score_one, candidates[i : i + workers]))
            last = time.time() - began
    return scored, "candidates"
