"""The groups of a sensitive column and how the model treats each: labels (numbers in
quartiles), which groups are large enough to judge, and per-group rates from fairlearn's
`MetricFrame` with 95% intervals.

For yes/no outcomes a group enters a gap only when it holds at least MIN_CASES actual
positives and as many negatives (a rate from a dozen cases says little); smaller groups — and
cells of a pair of columns — are shown with their counts, flagged "too small to judge", and
left out of the gap, which then cannot show the bound holds for them (the judge says so). A
rate computed from fewer than MIN_CELL cases is not shown in the group table.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from workbench.inputs.metrics import METRICS
from workbench.language import N_, _
from workbench.science.resampling import bootstrap_indices, bootstrap_means, bootstrap_scores
from workbench.store.assurance_results import GroupMetrics
from workbench.store.results import Interval
from workbench.wording import plain

MIN_ROWS = 30  # regression and multiclass: a group is judged with this many holdout rows
MIN_CASES = 20  # yes/no outcomes: a group is judged with this many positives and negatives
MIN_CELL = 10  # a rate from fewer cases than this is suppressed
N_BOOT = 200
MISSING = N_("missing")  # the group of rows with no value


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
        return s.astype("str").where(s.notna(), _(MISSING)).rename(column.name)
    bins = pd.cut(s.astype("float64"), edges)
    names = [f"Q{i + 1}: {_bin_name(b, edges)}" for i, b in enumerate(bins.cat.categories)]
    text = bins.cat.rename_categories(names).astype("str")
    return text.where(s.notna(), _(MISSING)).rename(column.name)


def _bin_name(b: pd.Interval, edges: np.ndarray) -> str:
    if b.left == edges[0]:
        return _("up to {high}").format(high=plain(b.right))
    if b.right == edges[-1]:
        return _("above {low}").format(low=plain(b.left))
    return _("{low} to {high}").format(low=plain(b.left), high=plain(b.right))


def judged_rows(labels: pd.Series, y: np.ndarray, task: str) -> np.ndarray:
    """Rows whose group is large enough to judge: MIN_CASES positives and negatives (binary),
    MIN_ROWS rows otherwise."""
    labels = labels.reset_index(drop=True)
    if task != "binary":
        return (labels.map(labels.value_counts()) >= MIN_ROWS).to_numpy()
    y = pd.Series(np.asarray(y), index=labels.index)
    pos = y.groupby(labels).transform("sum")
    neg = y.groupby(labels).transform("size") - pos
    return ((pos >= MIN_CASES) & (neg >= MIN_CASES)).to_numpy()


def attributes(test: pd.DataFrame, train: pd.DataFrame, columns: list[str]):
    """{attribute: (test labels, train labels)} for each sensitive column, then each pair of
    them (its cells: one group of each), small cells included."""
    out = {}
    for c in columns:
        edges = quartile_edges(test[c])
        out[c] = (group_labels(test[c], edges), group_labels(train[c], edges))
    for a, b in itertools.combinations(columns, 2):
        te = (out[a][0] + " & " + out[b][0]).rename(f"{a} × {b}")
        tr = (out[a][1] + " & " + out[b][1]).rename(f"{a} × {b}")
        out[f"{a} × {b}"] = (te, tr)
    return out


def as_interval(value, lo, hi) -> Interval | None:
    if value is None or not np.isfinite(value):
        return None
    lo = lo if np.isfinite(lo) else value
    hi = hi if np.isfinite(hi) else value
    return Interval(
        value=round(float(value), 6), ci_low=round(float(lo), 6), ci_high=round(float(hi), 6)
    )


Z95 = 1.959963984540054  # the normal quantile of a 95% interval


def _share(k: int, n: int) -> Interval | None:
    """A share with its 95% Wilson interval (scipy's `binomtest(k, n).proportion_ci(method=
    "wilson")`, in closed form: binomtest also computes a p-value, milliseconds a group);
    None below MIN_CELL cases."""
    if n < MIN_CELL:
        return None
    centre = (k + Z95**2 / 2) / (n + Z95**2)
    half = Z95 / (n + Z95**2) * np.sqrt(k * (n - k) / n + Z95**2 / 4)
    return as_interval(k / n, max(0.0, centre - half), min(1.0, centre + half))


def by_group(metrics: dict, y, pred, labels: pd.Series) -> pd.DataFrame:
    from fairlearn.metrics import MetricFrame  # here: the judge reads this module's constants

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return MetricFrame(
            metrics=metrics, y_true=y, y_pred=pred, sensitive_features=labels
        ).by_group


def decision_rates(labels: pd.Series, y, yhat) -> pd.DataFrame:
    """The selection rate and the true and false positive rates per group, as fairlearn defines
    them (`selection_rate`, `true_positive_rate`, `false_positive_rate`; the tests hold them
    equal), counted in one pass: a pair of sensitive columns has dozens of cells, and a
    MetricFrame costs most of a second per column there. The group table and the disparities
    read the same frame; a rate without cases to divide by is NaN."""
    codes, groups = pd.factorize(pd.Series(labels).reset_index(drop=True), sort=True)
    k, positive, flagged = len(groups), np.asarray(y) == 1, np.asarray(yhat) == 1

    def per_group(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask], minlength=k).astype(float)

    rows, pos = per_group(np.ones(len(codes), dtype=bool)), per_group(positive)
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame(
            {
                "selection_rate": per_group(flagged) / rows,
                "tpr": per_group(positive & flagged) / np.where(pos > 0, pos, np.nan),
                "fpr": per_group(~positive & flagged) / np.where(rows > pos, rows - pos, np.nan),
            },
            index=pd.Index(groups, name=labels.name),
        )


def group_table(
    labels: pd.Series, y, p, task: str, threshold: float, seed: int, rates=None
) -> list[GroupMetrics]:
    """Per group: fairlearn's rates (binary: selection rate, true and false positive rates,
    precision, with Wilson intervals; ROC AUC with a bootstrap one, for the groups of one
    column — a pair's cells show the rates), or its mean absolute error and mean prediction
    (regression), or accuracy (multiclass), with bootstrap intervals. `rates`:
    `decision_rates` already computed for these labels."""
    y, p = np.asarray(y), np.asarray(p)
    judged = judged_rows(labels, y, task)
    groups = labels.reset_index(drop=True).groupby(labels.to_numpy(), sort=True).groups
    if task == "binary":
        yhat = (p >= threshold).astype(int)
        rates = decision_rates(labels, y, yhat) if rates is None else rates
    out, name = [], str(labels.name)
    for i, (group, rows) in enumerate(groups.items()):
        rows = np.asarray(rows)
        if task == "binary":
            metrics = _binary_metrics(
                y[rows], p[rows], yhat[rows], rates.loc[group], seed + i, auc=" × " not in name
            )
            pos, tp = int(y[rows].sum()), int((y[rows] * yhat[rows]).sum())
            extra = {
                "positives": pos,
                "negatives": len(rows) - pos,
                "caught": tp,
                "false_alarms": int(yhat[rows].sum()) - tp,
            }
        else:
            metrics, extra = _other_metrics(y[rows], p[rows], task, seed + i), {}
        out.append(
            GroupMetrics(
                attribute=str(labels.name),
                group=str(group),
                rows=len(rows),
                too_small=not bool(judged[rows[0]]),
                metrics=metrics,
                **extra,
            )
        )
    return out


def _binary_metrics(
    y, p, yhat, fairlearn_rates, seed: int, auc: bool = True
) -> dict[str, Interval | None]:
    pos, neg, flagged = int(y.sum()), int((1 - y).sum()), int(yhat.sum())
    tp = int((y * yhat).sum())
    shares = {
        "selection_rate": _share(flagged, len(y)),
        "true_positive_rate": _share(tp, pos),
        "false_positive_rate": _share(flagged - tp, neg),
        "precision": _share(tp, flagged),
    }
    # the values are fairlearn's; the Wilson intervals come from the same counts
    for name, key in [("selection_rate", "selection_rate"), ("true_positive_rate", "tpr"),
                      ("false_positive_rate", "fpr")]:  # fmt: skip
        iv = shares[name]
        if iv is not None:
            iv.value = round(float(fairlearn_rates[key]), 6)
    shares["roc_auc"] = None
    if auc and min(pos, neg) >= MIN_CELL:
        metric = METRICS["roc_auc"]
        boots = bootstrap_scores(metric, y, p, bootstrap_indices(len(y), N_BOOT, seed))
        lo, hi = np.nanquantile(boots, [0.025, 0.975])
        shares["roc_auc"] = as_interval(metric.fn(y, p), lo, hi)
    return shares


def _other_metrics(y, p, task: str, seed: int) -> dict[str, Interval | None]:
    if len(y) < MIN_CELL:
        names = ["mean_absolute_error", "mean_prediction"] if task == "regression" else ["accuracy"]
        return dict.fromkeys(names)
    from fairlearn.metrics import mean_prediction
    from sklearn.metrics import accuracy_score, mean_absolute_error

    idx = bootstrap_indices(len(y), N_BOOT, seed)
    if task == "regression":
        values = {
            "mean_absolute_error": (mean_absolute_error(y, p), bootstrap_means(np.abs(y - p), idx)),
            "mean_prediction": (float(mean_prediction(y, p)), bootstrap_means(p, idx)),
        }
    else:
        values = {"accuracy": (accuracy_score(y, p), bootstrap_means(y == p, idx))}
    return {
        m: as_interval(v, *np.nanquantile(boots, [0.025, 0.975]))
        for m, (v, boots) in values.items()
    }
