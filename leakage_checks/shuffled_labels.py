"""Shuffled-label self-test of the modelling pipeline: re-run with the outcome permuted, its
out-of-fold score must be what chance gives. Chance is measured, not assumed: the same
out-of-fold predictions paired with the labels at random (a permutation null), so small data's
wide spread of scores is not mistaken for a leak."""

from __future__ import annotations

import numpy as np
from scipy import stats
from scipy.stats import rankdata
from sklearn.model_selection import KFold, StratifiedKFold

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, number, significant
from leakage_checks.util import chance, predictions, quick_model, training_sample

PERMUTATIONS = 300


def _auc_rows(ranks: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """AUC of one score (given as ranks) against each row of a 0/1 label matrix."""
    pos = labels.sum(axis=1)
    neg = labels.shape[1] - pos
    with np.errstate(invalid="ignore", divide="ignore"):
        return ((labels * ranks).sum(axis=1) - pos * (pos + 1) / 2) / (pos * neg)


def fold_scores(y: np.ndarray, pred: np.ndarray, task: str, draws: np.ndarray) -> np.ndarray:
    """The score of `pred` against each row of `draws` (the labels, permuted): AUC (macro
    one-vs-rest for several classes) or R²."""
    if task == "regression":
        sst = ((y - y.mean()) ** 2).sum()
        return 1 - ((draws - np.ravel(pred)) ** 2).sum(axis=1) / sst
    pred = pred.reshape(len(y), -1)
    if task == "binary":
        return _auc_rows(rankdata(pred[:, -1]), (draws == 1).astype(float))
    per_class = [
        _auc_rows(rankdata(pred[:, k]), (draws == k).astype(float)) for k in range(pred.shape[1])
    ]
    return np.nanmean(np.vstack(per_class), axis=0)


def self_test(model_for, X, y: np.ndarray, task: str, seed: int) -> list[tuple[float, float]]:
    """Fit the pipeline on three folds of permuted labels; per fold, the out-of-fold score and
    its one-sided p-value under the permutation null of that fold (the fold's labels permuted
    against its fixed predictions: exact, whatever the data). The folds share rows, so their
    scores are correlated: each is tested on its own, never averaged against a null that
    assumes them independent."""
    rng = np.random.default_rng(seed)
    y_perm = rng.permutation(y)
    cv = (
        KFold(3, shuffle=True, random_state=seed)
        if task == "regression"
        else StratifiedKFold(3, shuffle=True, random_state=seed)
    )
    out = []
    for tr, va in cv.split(X, y_perm):
        model = model_for(X, task, seed).fit(X.iloc[tr], y_perm[tr])
        pred = np.asarray(predictions(model, X.iloc[va], task), dtype=float)
        labels = y_perm[va]
        observed = float(fold_scores(labels, pred, task, labels[None, :])[0])
        null = fold_scores(
            labels, pred, task, np.vstack([rng.permutation(labels) for _ in range(PERMUTATIONS)])
        )
        sd = float(np.nanstd(null))
        p = float(stats.norm.sf((observed - np.nanmean(null)) / sd)) if sd > 0 else 1.0
        out.append((observed, p))
    return out


@register(
    "shuffled_labels",
    N_("Pipeline self-test: with the outcome shuffled, does the pipeline score at chance?"),
)
def shuffled_labels(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features:
        raise NotApplicable(_("there are no model inputs"))
    X, y = training_sample(frames, roles, settings)
    y = y.to_numpy()
    min_rows = int(settings["shuffled_min_rows"])
    if len(X) < min_rows:
        raise NotApplicable(
            _("{n} training rows; the self-test needs {needed}").format(
                n=count(len(X)), needed=count(min_rows)
            )
        )
    if roles.task != "regression" and np.bincount(y.astype(int)).min() < 10:
        raise NotApplicable(_("a class has fewer than 10 training rows; the self-test needs 10"))
    folds = self_test(quick_model, X, y, roles.task, roles.seed)
    observed, p = min(folds, key=lambda f: f[1])
    p = min(1.0, p * len(folds))  # Bonferroni over the folds
    mean = float(np.mean([f[0] for f in folds]))
    base = chance(roles.task)
    excess = observed - base
    if p < settings["shuffled_p_critical"] and excess >= settings["shuffled_critical"]:
        severity = "critical"
    elif p < settings["shuffled_p_warning"] and excess >= settings["shuffled_warning"]:
        severity = "warning"
    else:
        return []
    return [
        Finding(
            check="shuffled_labels",
            severity=severity,
            columns=[],
            evidence={
                "score_with_shuffled_labels": round(mean, 4),
                "score_of_the_most_extreme_fold": round(observed, 4),
                "chance": base,
                "excess_over_chance": round(excess, 4),
                "p_value": float(f"{p:.3g}"),
                "rows_used": len(X),
            },
            message=_(
                "A test of the modelling pipeline, not of the data: with the outcome shuffled at "
                "random the pipeline still scores {observed} on one of three folds (mean "
                "{mean}), where chance is {chance} (p = {p} against the same predictions paired "
                "with the labels at random). Something in the pipeline sees the held-out labels: "
                "a transform fitted outside the folds, or state kept from one fit to the next."
            ).format(
                observed=number(observed, 3),
                mean=number(mean, 3),
                chance=number(base, 1),
                p=significant(p),
            ),
            fix=(
                _(
                    "Fit every transform inside the pipeline, and make sure no model, encoder or "
                    "cache keeps anything from an earlier fit."
                )
            ),
        )
    ]
