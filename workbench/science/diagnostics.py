"""What the holdout evaluation adds to the scores: the decision threshold and its confusion
matrix, calibration, the business value, the learning curve and the worst errors. Thresholds
and the learning curve come from the training part only."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix

from workbench.inputs.metrics import score
from workbench.language import _
from workbench.science import business as biz
from workbench.science.cross_validation import fit_on, predict_rows
from workbench.science.modeling import Prepared
from workbench.science.resampling import bootstrap_means, interval
from workbench.science.splits import cv_splits
from workbench.science.threads import fits_at_once, in_order
from workbench.store.results import BusinessValue, Interval, LearningCurve, Workload
from workbench.wording import count, number
from workbench.wording import value as shown_value

CURVE_SHARES = (0.2, 0.4, 0.6, 0.8, 1.0)


def threshold_and_value(
    models: dict, prep: Prepared, spec, y: np.ndarray, preds: dict, idx: np.ndarray
) -> tuple[float, str, BusinessValue | None]:
    """Binary tasks: the cut-off that maximises expected value on out-of-fold training
    predictions when the spec prices the outcomes (else 0.5), and the value it earns."""
    b = spec.business
    if b is None:
        return (
            0.5,
            _("0.5 on the predicted probability (the spec gives no costs or values)"),
            None,
        )
    cut = {}
    for role, model in models.items():
        rows, p = biz.oof_positive_scores(model, prep, spec.split.strategy)
        cut[role] = biz.best_threshold(prep.y[prep.train][rows], p, b)
    value = {role: biz.monthly_value(y, preds[role][:, 1], cut[role], b, idx) for role in models}
    none = biz.value_per_case(y, np.zeros(len(y), bool), b) * b.cases_per_month
    total = biz.row_values(y, preds["candidate"][:, 1] >= cut["candidate"], b) * b.cases_per_month
    total_lo, total_hi = interval(bootstrap_means(total, idx))
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
        candidate_total_monthly=Interval(
            value=round(float(total.mean()), 2),
            ci_low=round(total_lo, 2),
            ci_high=round(total_hi, 2),
        ),
        min_monthly_value=b.min_monthly_value,
    )
    reason = _(
        "{threshold}: the cut-off that maximises the expected value per case on "
        "out-of-fold predictions of the training part, given the spec's costs and values"
    ).format(threshold=number(cut["candidate"], 2))
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
    fits = [  # the rows each fit sees, drawn in a fixed order (share by share, fold by fold)
        (
            np.sort(rng.choice(tr, max(20, int(len(tr) * share)), replace=False))
            if share < 1
            else tr,
            va,
        )
        for share in CURVE_SHARES
        for tr, va in folds
    ]

    def one(rows) -> float:
        sub, va = rows
        p = predict_rows(fit_on(model, prep, train[sub]), prep, train[va], spec.task.kind)
        return score(metric, prep.y[train[va]], p)

    scored = list(in_order(one, fits, fits_at_once(model)))
    sizes, means, stds = [], [], []
    for i in range(len(CURVE_SHARES)):
        values = scored[i * len(folds) : (i + 1) * len(folds)]
        used = [len(sub) for sub, _ in fits[i * len(folds) : (i + 1) * len(folds)]]
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
            explanation=_(
                "On the cross-validation sample ({sample} of {total} training rows), going from "
                "{before} to {after} rows still improved the {metric} by {gain}. The final model "
                "learned from all {total} rows, far beyond the curve, so it cannot tell whether "
                "yet more data would help; a `thorough` run samples more rows."
            ).format(
                sample=count(len(train)),
                total=count(total),
                before=count(sizes[-2]),
                after=count(sizes[-1]),
                metric=metric.title,
                gain=number(gain),
            ),
        )
    words = (
        _(
            "Going from {before} to {after} training rows still improved the {metric} by "
            "{gain}: collecting more labelled data is likely to pay off."
        ).format(
            before=count(sizes[-2]), after=count(sizes[-1]), metric=metric.title, gain=number(gain)
        )
        if helping
        else _(
            "The {metric} barely moves over the last training-size steps ({gain}): more rows of "
            "the same data are unlikely to help much; better features would."
        ).format(metric=metric.title, gain=("+" if gain > 0 else "") + number(gain))
    )
    return LearningCurve(
        train_sizes=sizes, scores=means, stds=stds, verdict=verdict, explanation=words
    )


def workload(
    y: np.ndarray,
    p_positive: np.ndarray,
    threshold: float,
    idx,
    positive: str,
    cases_per_month: float | None = None,
) -> Workload:
    """What acting on the flags means in cases (binary): a case is flagged when its probability
    of the positive class is at least `threshold`. Shares of the holdout with bootstrap
    intervals over the resamples `idx` (the scores' own), and per month at `cases_per_month`."""
    flag, pos = p_positive >= threshold, np.asarray(y) == 1
    parts = {
        "flagged": flag,
        "hit": flag & pos,
        "false_alarm": flag & ~pos,
        "missed": ~flag & pos,
        "positive": pos,
    }
    point = {k: float(v.mean()) for k, v in parts.items()}
    boots = {k: bootstrap_means(v, idx) for k, v in parts.items()}
    with np.errstate(invalid="ignore", divide="ignore"):
        caught = boots["hit"] / boots["positive"]
        precise = boots["hit"] / boots["flagged"]

    def iv(value: float, samples: np.ndarray, scale: float = 1.0) -> Interval | None:
        if not np.isfinite(value):  # a share of nothing: no case flagged, or no positive
            return None
        lo, hi = interval(samples)
        return Interval(
            value=round(value * scale, 6), ci_low=round(lo * scale, 6), ci_high=round(hi * scale, 6)
        )

    def ratio(num: str, den: str) -> float:
        return point[num] / point[den] if point[den] else float("nan")

    share = {k: iv(point[k], boots[k]) for k in ("flagged", "false_alarm", "missed")}
    result = Workload(
        positive=positive,
        threshold=threshold,
        positive_share=round(point["positive"], 6),
        flagged_share=share["flagged"],
        caught_share=iv(ratio("hit", "positive"), caught),
        precision=iv(ratio("hit", "flagged"), precise),
        false_alarm_share=share["false_alarm"],
        missed_share=share["missed"],
    )
    if cases_per_month:
        m = float(cases_per_month)
        result.cases_per_month = m
        result.positives_per_month = round(point["positive"] * m, 2)
        result.flagged_per_month = iv(point["flagged"], boots["flagged"], m)
        result.false_alarms_per_month = iv(point["false_alarm"], boots["false_alarm"], m)
        result.missed_per_month = iv(point["missed"], boots["missed"], m)
    return result


MAX_SHOWN_INPUTS = 40  # the worst-errors table names any further inputs instead of showing them
MAX_VALUE_CHARS = 24


def worst_errors(
    prep: Prepared, test: np.ndarray, y: np.ndarray, pred: np.ndarray, task: str, n: int = 8
) -> tuple[list[dict[str, str]], list[str]]:
    """The holdout rows the candidate gets most wrong, with every model input (model inputs are
    never PII: the contract keeps PII out of them) up to MAX_SHOWN_INPUTS; returns the rows and
    the names of the inputs left out."""
    if task == "regression":
        loss = np.abs(y - pred)
        shown = [shown_value(float(v)) for v in pred]
    else:
        loss = -np.log(np.clip(pred[np.arange(len(y)), y], 1e-12, 1))
        shown = [f"{prep.classes[int(np.argmax(p))]} ({number(np.max(p), 2)})" for p in pred]
    order = np.argsort(-loss, kind="stable")[:n]
    inputs = [str(c) for c in prep.X.columns]
    kept = inputs[:MAX_SHOWN_INPUTS]
    rows = []
    for i in order:
        features = prep.X.iloc[test[i]]
        actual = shown_value(float(y[i])) if task == "regression" else prep.classes[int(y[i])]
        rows.append(
            {
                "actual": actual,
                "predicted": shown[i],
                **{c: _short(features[c]) for c in kept},
            }
        )
    return rows, inputs[MAX_SHOWN_INPUTS:]


def _short(v) -> str:
    text = shown_value(v)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"
