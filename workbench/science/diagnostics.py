"""What the holdout evaluation adds to the scores: the decision threshold and its confusion
matrix, calibration, the business value, the learning curve and the worst errors. Thresholds
and the learning curve come from the training part only."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.metrics import confusion_matrix

from workbench.inputs.metrics import score
from workbench.science import business as biz
from workbench.science.cross_validation import predict_full
from workbench.science.modeling import Prepared
from workbench.science.splits import cv_splits
from workbench.store.results import BusinessValue, Interval, LearningCurve

CURVE_SHARES = (0.2, 0.4, 0.6, 0.8, 1.0)


def threshold_and_value(
    models: dict, prep: Prepared, spec, y: np.ndarray, preds: dict, idx: np.ndarray
) -> tuple[float, str, BusinessValue | None]:
    """Binary tasks: the cut-off that maximises expected value on out-of-fold training
    predictions when the spec prices the outcomes (else 0.5), and the value it earns."""
    b = spec.business
    if b is None:
        return 0.5, "0.5 on the predicted probability (the spec gives no costs or values)", None
    cut = {}
    for role, model in models.items():
        rows, p = biz.oof_positive_scores(model, prep, spec.split.strategy)
        cut[role] = biz.best_threshold(prep.y[prep.train][rows], p, b)
    value = {role: biz.monthly_value(y, preds[role][:, 1], cut[role], b, idx) for role in models}
    none = biz.value_per_case(y, np.zeros(len(y), bool), b) * b.cases_per_month
    iv = {
        r: Interval(value=round(v[0], 2), ci_low=round(v[1], 2), ci_high=round(v[2], 2))
        for r, v in value.items()
    }
    result = BusinessValue(
        currency=b.currency,
        cases_per_month=b.cases_per_month,
        candidate_threshold=cut["candidate"],
        baseline_threshold=cut["baseline"],
        candidate_monthly=iv["candidate"],
        baseline_monthly=iv["baseline"],
        act_on_none_monthly=round(none, 2),
        min_monthly_value=b.min_monthly_value,
    )
    reason = (
        f"{cut['candidate']:.2f}: the cut-off that maximises the expected value per case on "
        "out-of-fold predictions of the training part, given the spec's costs and values"
    )
    return cut["candidate"], reason, result


def confusion(
    y: np.ndarray, pred: np.ndarray, task: str, threshold: float | None, k: int
) -> list[list[int]] | None:
    if task == "regression":
        return None
    labels = (pred[:, 1] >= threshold).astype(int) if task == "binary" else pred.argmax(axis=1)
    return confusion_matrix(y, labels, labels=list(range(k))).tolist()


def calibration(y: np.ndarray, pred: np.ndarray, task: str) -> list[list[float]] | None:
    """Reliability curve (binary): mean predicted probability against the observed rate, in
    ten equal-count bins: [mean predicted, observed rate, rows] per bin."""
    if task != "binary":
        return None
    import pandas as pd

    p = pred[:, 1]
    bins = pd.qcut(p, 10, labels=False, duplicates="drop")
    frame = pd.DataFrame({"bin": bins, "p": p, "y": y}).groupby("bin")
    table = frame.agg(p=("p", "mean"), y=("y", "mean"), n=("y", "size"))
    return [[round(float(r.p), 4), round(float(r.y), 4), int(r.n)] for r in table.itertuples()]


def learning_curve(
    model, prep: Prepared, spec, total_train_rows: int | None = None
) -> LearningCurve:
    """Cross-validated score when each fold's model sees 20% ... 100% of its training rows.
    `prep` may be the profile's sample of a larger training part (`total_train_rows`): a curve
    still rising within the sample then says nothing about data beyond what the final model,
    fitted on every row, already had."""
    metric = spec.primary_metric
    train = prep.train
    rng = np.random.default_rng(spec.seed)
    folds = cv_splits(prep.fold, spec.split.strategy)[:3]  # three folds bound the cost on big data
    sizes, means, stds = [], [], []
    for share in CURVE_SHARES:
        values, used = [], []
        for tr, va in folds:
            sub = (
                np.sort(rng.choice(tr, max(20, int(len(tr) * share)), replace=False))
                if share < 1
                else tr
            )
            fitted = clone(model).fit(prep.X.iloc[train[sub]], prep.y[train[sub]])
            p = predict_full(fitted, prep.X.iloc[train[va]], spec.task.kind, len(prep.classes))
            values.append(score(metric, prep.y[train[va]], p))
            used.append(len(sub))
        sizes.append(int(np.mean(used)))
        means.append(round(float(np.mean(values)), 6))
        stds.append(round(float(np.std(values)), 6))
    sign = 1 if metric.greater_is_better else -1
    gain = sign * (means[-1] - means[-2])
    helping = gain > max(0.005, stds[-1] / 2)
    verdict = "more data is still helping" if helping else "plateau"
    total = total_train_rows or len(train)
    if helping and total > len(train):
        return LearningCurve(
            train_sizes=sizes,
            scores=means,
            stds=stds,
            verdict="not measured at full size",
            explanation=f"On the cross-validation sample ({len(train):,} of {total:,} training "
            f"rows), going from {sizes[-2]:,} to {sizes[-1]:,} rows still improved the "
            f"{metric.label} by {gain:.3f}. The final model learned from all {total:,} rows, "
            "far beyond the curve, so it cannot tell whether yet more data would help; a "
            "`thorough` run samples more rows.",
        )
    words = (
        f"Going from {sizes[-2]:,} to {sizes[-1]:,} training rows still improved the "
        f"{metric.label} by {gain:.3f}: collecting more labelled data is likely to pay off."
        if helping
        else f"The {metric.label} barely moves over the last training-size steps ({gain:+.3f}): more "
        "rows of the same data are unlikely to help much; better features would."
    )
    return LearningCurve(
        train_sizes=sizes, scores=means, stds=stds, verdict=verdict, explanation=words
    )


def worst_errors(
    prep: Prepared, test: np.ndarray, y: np.ndarray, pred: np.ndarray, task: str, n: int = 8
) -> list[dict[str, str]]:
    """The holdout rows the candidate gets most wrong, with their model features (model
    features are never PII: the contract keeps PII out of them)."""
    if task == "regression":
        loss = np.abs(y - pred)
        shown = [f"{v:.4g}" for v in pred]
    else:
        loss = -np.log(np.clip(pred[np.arange(len(y)), y], 1e-12, 1))
        shown = [f"{prep.classes[int(np.argmax(p))]} ({np.max(p):.2f})" for p in pred]
    order = np.argsort(-loss, kind="stable")[:n]
    rows = []
    for i in order:
        features = prep.X.iloc[test[i]]
        actual = f"{y[i]:.4g}" if task == "regression" else prep.classes[int(y[i])]
        rows.append(
            {
                "actual": actual,
                "predicted": shown[i],
                **{c: _short(features[c]) for c in prep.X.columns[:8]},
            }
        )
    return rows


def _short(value) -> str:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return text[:24]
