"""A leak confined to one category's rows: in one region, one product, one branch, a field is
written after the outcome (a status review run only there), while elsewhere it holds an
ordinary value over the same range. Over all rows the column looks ordinary; within that
category's rows it gives the outcome away.

A segment's AUC is an estimate from its own rows, and a dozen positives make it a wide one:
the gap to the AUC elsewhere must be large (`segment_gap`) and also beyond chance. The test
takes the AUC elsewhere as what the segment would show without a leak and asks how far its own
AUC lies above it, in standard errors (Hanley and McNeil's, at that AUC, for the segment's
counts of each class and for the other rows'), with the p-value multiplied by the number of
segments and columns compared (Bonferroni)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.tree import DecisionTreeClassifier

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import register
from leakage_checks.speech import _, count, ngettext, number
from leakage_checks.util import days, is_number, symmetric_auc, training_sample

MAX_LEVELS = 20  # a category with more levels is not a segment of the business
MAX_CATEGORIES = 10
MIN_CLASS_ROWS = 10  # rows of each class a segment needs for its AUC to mean anything


def segments(X: pd.DataFrame, features: list[str], min_rows: int) -> list[tuple[str, str]]:
    """(column, level) of the categories' levels with at least `min_rows` rows, for categories
    of 2 to 20 levels (the fewest levels first, at most 10 categories)."""
    cats = []
    for c in features:
        col = X[c]
        if is_number(col) or pd.api.types.is_datetime64_any_dtype(col):
            continue
        levels = col.nunique(dropna=True)
        if 2 <= levels <= MAX_LEVELS:
            cats.append((levels, c))
    out = []
    for _unused, c in sorted(cats)[:MAX_CATEGORIES]:
        counts = X[c].astype("str").value_counts()
        out += [(c, str(level)) for level in counts[counts >= min_rows].index]
    return out


def _numbers(X: pd.DataFrame, features: list[str]) -> dict[str, np.ndarray]:
    out = {}
    for c in features:
        col = X[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[c] = days(col).to_numpy(dtype="float64")
        elif is_number(col) and col.nunique() > 2:
            out[c] = col.to_numpy(dtype="float64", na_value=np.nan)
    return out


def _auc(y: np.ndarray, x: np.ndarray) -> float:
    keep = np.isfinite(x)
    y, x = y[keep], x[keep]
    if min((y == 1).sum(), (y == 0).sum()) < MIN_CLASS_ROWS:
        return float("nan")
    return symmetric_auc(y, x)


def auc_variance(auc: float, positives: int, negatives: int) -> float:
    """Hanley and McNeil's (1982) variance of an AUC estimated from this many rows of each
    class, when the true AUC is `auc`."""
    q1, q2 = auc / (2 - auc), 2 * auc**2 / (1 + auc)
    spread = auc * (1 - auc) + (positives - 1) * (q1 - auc**2) + (negatives - 1) * (q2 - auc**2)
    return float(spread / max(positives * negatives, 1))


def gap_p_value(y_in: np.ndarray, y_out: np.ndarray, auc_in: float, auc_out: float) -> float:
    """One-sided p-value of a segment's AUC this far above the AUC elsewhere, were the column
    as strong in the segment as elsewhere (both variances at the AUC elsewhere)."""
    base = auc_out if np.isfinite(auc_out) else 0.5
    var = auc_variance(base, int(y_in.sum()), int((1 - y_in).sum()))
    if np.isfinite(auc_out):
        var += auc_variance(base, int(y_out.sum()), int((1 - y_out).sum()))
    return float(stats.norm.sf((auc_in - base) / np.sqrt(max(var, 1e-12))))


@register(
    "segment_leaks",
    "Does a column give the outcome away within one category's rows, though not elsewhere?",
)
def segment_leaks(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task != "binary":
        raise NotApplicable(_("a segment's separation is judged for yes/no outcomes"))
    X, ys = training_sample(frames, roles, settings)
    y = ys.to_numpy().astype(int)
    min_rows = max(100, int(settings["segment_min_share"] * len(X)))
    where = segments(X, roles.features, min_rows)
    numbers = _numbers(X, roles.features)
    if not where or not numbers:
        raise NotApplicable(
            _("no category with a level of {n} rows or more, or no numeric input").format(
                n=count(min_rows)
            )
        )
    candidates, compared = {}, 0
    for cat, level in where:
        inside = (X[cat].astype("str") == level).to_numpy()
        for col, x in numbers.items():
            auc_in = _auc(y[inside], x[inside])
            if not np.isfinite(auc_in):
                continue
            compared += 1
            if auc_in < settings["segment_auc_critical"]:
                continue
            auc_out = _auc(y[~inside], x[~inside])
            if np.isfinite(auc_out) and auc_in - auc_out < settings["segment_gap"]:
                continue  # as strong elsewhere: single_feature's to judge, not a segment's
            keep = np.isfinite(x)
            p = gap_p_value(y[inside & keep], y[~inside & keep], auc_in, auc_out)
            candidates[(col, cat, level)] = (auc_in, auc_out, int(inside.sum()), p)
    found: dict[str, tuple] = {}
    for (col, cat, level), (auc_in, auc_out, rows, p) in candidates.items():
        p = min(1.0, p * compared)  # every segment and column compared
        if p >= settings["segment_p_value"]:
            continue  # a gap this size is chance in a segment this small
        inside = (X[cat].astype("str") == level).to_numpy()
        if _rule_everywhere(numbers[col], y, inside, settings):
            continue
        if col not in found or auc_in > found[col][2]:
            found[col] = (cat, level, auc_in, auc_out, rows, p)
    return [_finding(col, *f) for col, f in found.items()]


MIN_BEYOND = 10  # rows elsewhere beyond the segment's cut for the rule to be compared


def _rule_everywhere(x: np.ndarray, y: np.ndarray, inside: np.ndarray, settings: dict) -> bool:
    """Whether the segment's decisive values decide elsewhere too: the cut of `x` that best
    separates the segment's classes (one split of a tree), the side of it that holds the
    segment's rarer class, and that class's share on that side in the segment and in the other
    rows. A rule of the whole business (three failed payments end nearly every membership)
    gives the outcome away in a segment whose other outcomes are rare (prepaid members, who
    seldom lapse otherwise) and looks ordinary where many lapse for other reasons — but beyond
    the cut the other rows are as certain. A field written after the outcome in one segment
    leaves the same values mixed elsewhere, or holds values found nowhere else. The rarer class
    is the segment's, so that the answer does not depend on which class is coded 1."""
    keep = np.isfinite(x)
    rows_in, rows_out = inside & keep, ~inside & keep
    rare = int(y[rows_in].mean() > 0.5) ^ 1  # the segment's rarer class
    tree = DecisionTreeClassifier(max_depth=1, min_samples_leaf=MIN_CLASS_ROWS // 2)
    tree.fit(x[rows_in].reshape(-1, 1), y[rows_in])
    if tree.tree_.node_count < 3:
        return False
    cut = tree.tree_.threshold[0]
    left, right = (tree.tree_.value[k][0] / tree.tree_.value[k][0].sum() for k in (1, 2))
    beyond = (x > cut) if right[rare] >= left[rare] else (x <= cut)
    if (rows_out & beyond).sum() < MIN_BEYOND or not (rows_in & beyond).any():
        return False
    rate_in = (y[rows_in & beyond] == rare).mean()
    rate_out = (y[rows_out & beyond] == rare).mean()
    return bool(rate_out >= rate_in - settings["segment_rule_gap"])


def _finding(col: str, cat: str, level: str, auc_in: float, auc_out: float, rows: int, p: float):
    elsewhere = (
        _("AUC {auc}").format(auc=number(auc_out, 2))
        if np.isfinite(auc_out)
        else _("too few rows to tell")
    )
    return Finding(
        check="segment_leaks",
        severity="critical",
        columns=[col, cat],
        evidence={
            "auc_within_segment": round(auc_in, 4),
            "auc_elsewhere": round(auc_out, 4),
            "segment_rows": rows,
            "p_value": float(f"{p:.3g}"),
        },
        message=ngettext(
            "Among the {rows} training row where '{category}' is '{level}', '{column}' gives the "
            "outcome away (AUC {auc}); elsewhere it does not ({elsewhere}). A field this decisive "
            "in one category only is usually written after the outcome there (a review or "
            "status kept by one branch or product).",
            "Among the {rows} training rows where '{category}' is '{level}', '{column}' gives the "
            "outcome away (AUC {auc}); elsewhere it does not ({elsewhere}). A field this decisive "
            "in one category only is usually written after the outcome there (a review or "
            "status kept by one branch or product).",
            rows,
        ).format(
            rows=count(rows),
            category=cat,
            level=level,
            column=col,
            auc=number(auc_in, 3),
            elsewhere=elsewhere,
        ),
        fix=_(
            "Ask how '{column}' is recorded for '{level}' rows. If it is written after the "
            "outcome there, clear those values or mark the column known_at: after_outcome."
        ).format(column=col, level=level),
    )
