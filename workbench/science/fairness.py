"""Fairness of a model's holdout predictions across the groups of each sensitive column (and
pairs of them), with fairlearn: per-group metrics with bootstrap intervals, disparity
measures, and what fairlearn's `ThresholdOptimizer` would trade for a smaller gap.

Sensitive columns are never model inputs: they are read from the snapshot for the same rows.
Numeric ones (age) are grouped into quartiles. Groups under 30 rows are shown, flagged "too
small to judge", and left out of every disparity measure. Nothing here changes the model.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    demographic_parity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
)
from scipy.stats import rankdata
from sklearn.metrics import accuracy_score, mean_absolute_error

from workbench.store.assurance_results import Disparity, FairnessResult, GroupMetrics
from workbench.store.results import Interval

MIN_ROWS = 30
N_BOOT = 200
THRESHOLD = 0.5
THRESHOLD_NOTE = (
    "A row is flagged when the model's probability for the positive class is at least 0.5: "
    "the study has not chosen an operating threshold, so the default is used."
)
CHOSEN_NOTE = "A row is flagged with the evaluation stage's operating threshold: {reason}."
MISSING = "missing"


def quartile_edges(column: pd.Series) -> np.ndarray | None:
    """Quartile edges of a numeric column (open at both ends), or None for categories and
    numbers with four values or fewer."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return None
    if column.nunique() <= 4:
        return None
    inner = np.unique(
        np.nanquantile(column.to_numpy(dtype="float64", na_value=np.nan), [0.25, 0.5, 0.75])
    )
    return np.concatenate([[-np.inf], inner, [np.inf]])


def group_labels(column: pd.Series, edges: np.ndarray | None) -> pd.Series:
    """One text label per row: the value, or the quartile bin for numbers; missing as 'missing'."""
    s = column.reset_index(drop=True)
    if edges is None:
        return s.astype("str").where(s.notna(), MISSING).rename(column.name)
    bins = pd.cut(s.astype("float64"), edges)
    names = [f"Q{i + 1}: {_bin_name(b, edges)}" for i, b in enumerate(bins.cat.categories)]
    text = bins.cat.rename_categories(names).astype("str")
    return text.where(s.notna(), MISSING).rename(column.name)


def _bin_name(b: pd.Interval, edges: np.ndarray) -> str:
    if b.left == edges[0]:
        return f"up to {b.right:g}"
    if b.right == edges[-1]:
        return f"above {b.left:g}"
    return f"{b.left:g} to {b.right:g}"


def attributes(test: pd.DataFrame, train: pd.DataFrame, columns: list[str]):
    """{attribute: (test labels, train labels)} for each sensitive column, then each pair whose
    every group has at least MIN_ROWS holdout rows."""
    out = {}
    for c in columns:
        edges = quartile_edges(test[c])
        out[c] = (group_labels(test[c], edges), group_labels(train[c], edges))
    for a, b in itertools.combinations(columns, 2):
        te = (out[a][0] + " & " + out[b][0]).rename(f"{a} × {b}")
        if te.value_counts().min() >= MIN_ROWS:
            tr = (out[a][1] + " & " + out[b][1]).rename(f"{a} × {b}")
            out[f"{a} × {b}"] = (te, tr)
    return out


def rates(y: np.ndarray, p: np.ndarray, task: str, threshold: float) -> dict[str, np.ndarray]:
    """Per-group metrics on 2-D arrays (one bootstrap resample per row of `y` and `p`):
    positive-class probability for binary, predicted class for multiclass, value for
    regression. NaN where a resample lacks the rows a metric needs."""
    y, p = np.asarray(y, dtype="float64"), np.asarray(p, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        if task == "regression":
            return {"mean_absolute_error": np.abs(y - p).mean(1), "mean_prediction": p.mean(1)}
        if task == "multiclass":
            return {"accuracy": (y == p).mean(1)}
        flag = (p >= threshold).astype("float64")
        pos, neg = y.sum(1), (1 - y).sum(1)
        tp, fp = (y * flag).sum(1), ((1 - y) * flag).sum(1)
        ranks = rankdata(p, axis=1)
        auc = ((ranks * y).sum(1) - pos * (pos + 1) / 2) / (pos * neg)
        return {
            "selection_rate": flag.mean(1),
            "true_positive_rate": tp / pos,
            "false_positive_rate": fp / neg,
            "precision": tp / (tp + fp),
            "roc_auc": np.where((pos > 0) & (neg > 0), auc, np.nan),
        }


def metric_functions(task: str, threshold: float) -> dict:
    """The same metrics as functions of (y, prediction), for fairlearn's MetricFrame."""
    names = rates(np.zeros((1, 2)), np.zeros((1, 2)), task, threshold)
    return {
        m: (lambda y, p, m=m: float(rates(y[None, :], p[None, :], task, threshold)[m][0]))
        for m in names
    }


def bootstrap(y, p, task: str, threshold: float, rng) -> dict[str, tuple[float, float]]:
    """95% interval per metric from N_BOOT resamples of one group's prediction arrays, drawn
    in chunks so memory stays bounded on large holdouts."""
    n = len(y)
    chunk = max(1, min(N_BOOT, 4_000_000 // max(n, 1)))
    samples: dict[str, list] = {}
    for start in range(0, N_BOOT, chunk):
        idx = rng.integers(0, n, size=(min(chunk, N_BOOT - start), n))
        for m, v in rates(y[idx], p[idx], task, threshold).items():
            samples.setdefault(m, []).append(v)
    out = {}
    for m, parts in samples.items():
        v = np.concatenate(parts)
        v = v[np.isfinite(v)]
        out[m] = (
            (float(np.quantile(v, 0.025)), float(np.quantile(v, 0.975)))
            if len(v)
            else (np.nan, np.nan)
        )
    return out


def _interval(value, lo, hi) -> Interval | None:
    if value is None or not np.isfinite(value):
        return None
    lo = lo if np.isfinite(lo) else value
    hi = hi if np.isfinite(hi) else value
    return Interval(
        value=round(float(value), 6), ci_low=round(float(lo), 6), ci_high=round(float(hi), 6)
    )


def group_table(
    labels: pd.Series, y, p, task: str, threshold: float, seed: int
) -> list[GroupMetrics]:
    """A fairlearn MetricFrame per attribute, with 95% intervals from N_BOOT resamples of each
    group's prediction arrays (seeded)."""
    y, p = np.asarray(y), np.asarray(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mf = MetricFrame(
            metrics=metric_functions(task, threshold), y_true=y, y_pred=p, sensitive_features=labels
        )
    groups = labels.groupby(labels, sort=True).groups
    rng = np.random.default_rng(seed)
    out = []
    for group in mf.by_group.index:
        rows = np.asarray(groups[group])
        row = mf.by_group.loc[group]
        ci = bootstrap(y[rows], p[rows], task, threshold, rng)
        out.append(
            GroupMetrics(
                attribute=str(labels.name),
                group=str(group),
                rows=len(rows),
                too_small=bool(len(rows) < MIN_ROWS),
                metrics={m: _interval(row[m], *ci[m]) for m in row.index},
            )
        )
    return out


def _rates(y: np.ndarray, yhat: np.ndarray, codes: np.ndarray, k: int):
    pos = np.bincount(codes, weights=y, minlength=k)
    neg = np.bincount(codes, weights=1 - y, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        tpr = np.bincount(codes, weights=y * yhat, minlength=k) / pos
        fpr = np.bincount(codes, weights=(1 - y) * yhat, minlength=k) / neg
    return tpr, fpr


def eo_interval(y, yhat, labels: pd.Series, seed: int) -> tuple[float, float]:
    """95% bootstrap interval of the equalized-odds difference (rows resampled together)."""
    codes, names = pd.factorize(labels)
    y, yhat = np.asarray(y, dtype="float64"), np.asarray(yhat, dtype="float64")
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(N_BOOT):
        idx = rng.integers(0, len(y), len(y))
        tpr, fpr = _rates(y[idx], yhat[idx], codes[idx], len(names))
        values.append(max(np.nanmax(tpr) - np.nanmin(tpr), np.nanmax(fpr) - np.nanmin(fpr)))
    return float(np.nanquantile(values, 0.025)), float(np.nanquantile(values, 0.975))


def widest_gap(y, yhat, labels: pd.Series) -> tuple[str, str]:
    """The disadvantaged group of the wider of the TPR and FPR gaps, and the gap in words."""
    codes, names = pd.factorize(labels)
    tpr, fpr = _rates(np.asarray(y, "float64"), np.asarray(yhat, "float64"), codes, len(names))
    if np.nanmax(tpr) - np.nanmin(tpr) >= np.nanmax(fpr) - np.nanmin(fpr):
        lo, hi = int(np.nanargmin(tpr)), int(np.nanargmax(tpr))
        return str(names[lo]), (
            f"the model catches {tpr[lo]:.0%} of actual positives in '{names[lo]}' against "
            f"{tpr[hi]:.0%} in '{names[hi]}' (true positive rate gap {tpr[hi] - tpr[lo]:.3f})"
        )
    hi, lo = int(np.nanargmax(fpr)), int(np.nanargmin(fpr))
    return str(names[hi]), (
        f"the model wrongly flags {fpr[hi]:.0%} of actual negatives in '{names[hi]}' against "
        f"{fpr[lo]:.0%} in '{names[lo]}' (false positive rate gap {fpr[hi] - fpr[lo]:.3f})"
    )


def judged_rows(labels: pd.Series) -> np.ndarray:
    counts = labels.map(labels.value_counts())
    return (counts >= MIN_ROWS).to_numpy()


def disparity(labels: pd.Series, y, p, task: str, threshold: float, seed: int) -> Disparity:
    """fairlearn's disparity measures on the groups large enough to judge."""
    keep = judged_rows(labels)
    name = str(labels.name)
    lab, yk, pk = labels[keep].reset_index(drop=True), np.asarray(y)[keep], np.asarray(p)[keep]
    if lab.nunique() < 2:
        return Disparity(
            attribute=name, demographic_parity_difference=None, demographic_parity_ratio=None,
            equalized_odds_difference=None, equalized_odds_ratio=None, worst_group=None,
            gap=f"fewer than two groups with {MIN_ROWS} rows or more: nothing to compare",
        )  # fmt: skip
    if task != "binary":
        return _error_gap(name, lab, yk, pk, task)
    yhat = (pk >= threshold).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kw = {"sensitive_features": lab}
        dpd, dpr = (
            demographic_parity_difference(yk, yhat, **kw),
            demographic_parity_ratio(yk, yhat, **kw),
        )
        eod, eor = equalized_odds_difference(yk, yhat, **kw), equalized_odds_ratio(yk, yhat, **kw)
    worst, gap = widest_gap(yk, yhat, lab)
    return Disparity(
        attribute=name,
        demographic_parity_difference=_round(dpd),
        demographic_parity_ratio=_round(dpr),
        equalized_odds_difference=_interval(eod, *eo_interval(yk, yhat, lab, seed)),
        equalized_odds_ratio=_round(eor),
        worst_group=worst,
        gap=gap,
    )


def _error_gap(name: str, labels: pd.Series, y, p, task: str) -> Disparity:
    """Regression and multiclass: the gap in error (MAE) or accuracy between groups."""
    by = {}
    for g, rows in labels.groupby(labels, sort=True).groups.items():
        idx = np.asarray(rows)
        if task == "regression":
            by[g] = mean_absolute_error(y[idx], p[idx])
        else:
            by[g] = accuracy_score(y[idx], p[idx])
    worst = max(by, key=by.get) if task == "regression" else min(by, key=by.get)
    best = min(by, key=by.get) if task == "regression" else max(by, key=by.get)
    what = "mean absolute error" if task == "regression" else "accuracy"
    return Disparity(
        attribute=name, demographic_parity_difference=None, demographic_parity_ratio=None,
        equalized_odds_difference=None, equalized_odds_ratio=None, worst_group=str(worst),
        gap=f"{what} {by[worst]:.3f} in '{worst}' against {by[best]:.3f} in '{best}'",
    )  # fmt: skip


def _round(v) -> float | None:
    return round(float(v), 6) if v is not None and np.isfinite(v) else None


def verdict(worst: Disparity | None, max_disparity: float | None, task: str) -> str:
    """fail when the widest equalized-odds gap exceeds the allowed one; uncertain when only its
    interval reaches past it; pass otherwise."""
    if task != "binary":
        return "not_applicable" if max_disparity is not None else "report"
    if max_disparity is None:
        return "report"
    if worst is None or worst.equalized_odds_difference is None:
        return "pass"
    eo = worst.equalized_odds_difference
    if eo.value > max_disparity:
        return "fail"
    return "uncertain" if eo.ci_high > max_disparity else "pass"


def assess(
    sensitive: tuple[pd.DataFrame, pd.DataFrame],
    test: tuple[np.ndarray, np.ndarray],
    task: str,
    *,
    seed: int,
    max_disparity: float | None = None,
    threshold: float | None = None,
    threshold_reason: str | None = None,
) -> FairnessResult:
    """`sensitive`: the sensitive columns for the holdout rows and for the training rows;
    `test`: holdout encoded labels and predictions (class probabilities or values);
    `threshold`: the operating threshold the study chose, if any (else 0.5, and the result
    says so). The result's `mitigation` is left empty: `mitigation.tradeoffs` fills it."""
    s_test, s_train = sensitive
    y_test, pred = test
    if s_test.shape[1] == 0:
        return not_assessed(task, len(y_test), max_disparity)
    y_test = np.asarray(y_test)
    p = positive_scores(pred, task)
    attrs = attributes(s_test, s_train, list(s_test.columns))
    cut = THRESHOLD if threshold is None else threshold
    note = THRESHOLD_NOTE
    if threshold is not None:
        reason = threshold_reason or f"at least {threshold:.3g} on the positive-class probability"
        note = CHOSEN_NOTE.format(reason=reason)

    groups, disparities = [], []
    for lab_test, _ in attrs.values():
        groups += group_table(lab_test, y_test, p, task, cut, seed)
        disparities.append(disparity(lab_test, y_test, p, task, cut, seed))
    worst = _worst(disparities)
    notes = _notes(groups, task, max_disparity)
    return FairnessResult(
        task=task,
        attributes=list(attrs),
        test_rows=len(y_test),
        threshold=cut if task == "binary" else None,
        threshold_note=note if task == "binary" else "",
        max_disparity=max_disparity,
        groups=groups,
        disparities=disparities,
        mitigation=[],
        notes=notes,
        verdict=verdict(worst, max_disparity, task),
        worst=worst,
    )


def positive_scores(pred: np.ndarray, task: str) -> np.ndarray:
    """What the group rates read: the positive class's probability (binary), the predicted
    class (multiclass) or the value (regression)."""
    if task == "binary":
        return pred[:, 1]
    return pred.argmax(axis=1) if task == "multiclass" else pred


def _worst(disparities: list[Disparity]) -> Disparity | None:
    judged = [d for d in disparities if d.equalized_odds_difference is not None]
    return max(judged, key=lambda d: d.equalized_odds_difference.value) if judged else None


def _notes(groups: list[GroupMetrics], task: str, max_disparity: float | None) -> list[str]:
    notes = []
    small = [g for g in groups if g.too_small]
    if small:
        shown = ", ".join(f"'{g.group}' ({g.attribute}, {g.rows} rows)" for g in small[:8])
        notes.append(f"Too small to judge (fewer than {MIN_ROWS} holdout rows): {shown}.")
    if task != "binary" and max_disparity is not None:
        notes.append(
            "acceptance.max_fairness_disparity is an equalized-odds difference, defined for "
            "yes/no outcomes only: for this task the gaps are reported, not judged."
        )
    return notes


def not_assessed(task: str, rows: int, max_disparity: float | None) -> FairnessResult:
    """The result when the contract marks no column as sensitive."""
    return FairnessResult(
        task=task,
        attributes=[],
        test_rows=rows,
        threshold=None,
        threshold_note="",
        max_disparity=max_disparity,
        groups=[],
        disparities=[],
        mitigation=[],
        notes=[
            "The data contract marks no column as sensitive, so fairness was not assessed: "
            "mark protected attributes (age, sex, ...) with `sensitive: true`."
        ],
        verdict="not_applicable",
    )
