"""A figure changed for part of one class: an honest number (active users, an invoice, the
charges of a stay) that the outcome changed for some of its rows — read a month later for those
who left, netted of the refund for those who cancelled. Its values stay ordinary, so no range of
them is certain, and it still moves with the other inputs; but the changed rows no longer fit
what the other inputs say the number should be. Where the number departs far from that, the
outcome is certain, and right next to it, it is not.

The check predicts each number from the other inputs (a straight line on the log scale for
counts and amounts, fitted on one half of the rows and applied to the other) and looks at the
residual as `pure_subsets` looks at a column: a band at one end where one class is certain,
judged on the other half against the rows next to it in value. A finding needs the number alone
to be certain nowhere (`pure_subsets` speaks of those) and the band to be certain beyond what a
steep honest signal gives: an honest input the outcome follows closely climbs to certainty
through its neighbouring values, in its residual too."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count
from leakage_checks.subsets import (
    class_word,
    halves,
    leaf_subsets,
    subset_evidence,
    subset_words,
)
from leakage_checks.util import binomial_tail, days, is_number, training_sample

MIN_DISTINCT = 20  # a figure takes many values; scores and small counts are judged as columns
MAX_ROWS = 6_000
MAX_LEVELS = 30
RIDGE = 1.0


def _as_numbers(col: pd.Series) -> np.ndarray | None:
    if pd.api.types.is_datetime64_any_dtype(col):
        return days(col).to_numpy(dtype="float64")
    if is_number(col) or pd.api.types.is_bool_dtype(col):
        return col.to_numpy(dtype="float64", na_value=np.nan)
    return None


def scale(x: np.ndarray) -> np.ndarray:
    """Counts and amounts (never negative) on the log scale, other numbers as they are."""
    finite = x[np.isfinite(x)]
    if len(finite) and finite.min() >= 0:
        return np.log1p(x - finite.min())
    return x


def design(X: pd.DataFrame) -> np.ndarray:
    """The inputs as a matrix for a straight line: numbers scaled (`scale`) and standardised,
    missing values at the median with a column saying they were missing, categories one column
    per level (the most frequent 30, the first left out), and a constant."""
    columns = [np.ones(len(X))]
    for _name, col in X.items():
        values = _as_numbers(col)
        if values is None:
            text = col.astype("str").where(col.notna(), "(missing)")
            for level in text.value_counts().index[1:MAX_LEVELS]:
                columns.append((text == level).to_numpy(dtype="float64"))
            continue
        missing = ~np.isfinite(values)
        if missing.all():
            continue
        if missing.any():
            columns.append(missing.astype("float64"))
            values = np.where(missing, np.nanmedian(values), values)
        values = scale(values)
        spread = values.std()
        if spread > 0:
            columns.append((values - values.mean()) / spread)
    return np.column_stack(columns)


def residual(x: np.ndarray, others: np.ndarray, parts) -> np.ndarray:
    """`x` less its prediction from `others` (ridge regression), each half predicted by a line
    fitted on the other half."""
    out = np.full(len(x), np.nan)
    for fit, judge in parts:
        rows = fit[np.isfinite(x[fit])]
        a = others[rows]
        coef = np.linalg.solve(a.T @ a + RIDGE * np.eye(a.shape[1]), a.T @ x[rows])
        out[judge] = x[judge] - others[judge] @ coef
    return out


def certain(values: np.ndarray, y: np.ndarray, settings: dict, seed: int, parts, label: str):
    """The strongest certain band of one number (`leaf_subsets` on it alone), or None."""
    frame = pd.DataFrame({label: values})
    best = None
    for found, words, _columns in leaf_subsets(
        frame, y, settings, seed, {label: (label, None)}, depth=2, parts=parts
    ):
        if found.full(settings["subset_jump"]) and (
            best is None or found.class_share > best[0].class_share
        ):
            best = (found, words)
    return best


@register(
    "changed_figures",
    N_(
        "Is the outcome certain where a number departs from what the other inputs predict, "
        "though no value of it is certain on its own?"
    ),
)
def changed_figures(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task != "binary":
        raise NotApplicable(
            _("a figure changed for part of one class is judged for yes/no outcomes")
        )
    X, ys = training_sample(frames, roles, {**settings, "model_check_max_rows": MAX_ROWS})
    X = X.reset_index(drop=True)
    y = ys.to_numpy().astype(int)
    figures = [c for c in roles.features if is_number(X[c]) and X[c].nunique() >= MIN_DISTINCT]
    if len(roles.features) < 2 or not figures or np.bincount(y, minlength=2).min() < 30:
        raise NotApplicable(
            _(
                "no numeric input with {n} distinct values or more, or fewer than 30 rows of a class"
            ).format(n=count(MIN_DISTINCT))
        )
    parts = halves(y, roles.seed)
    out = []
    for col in figures:
        x = scale(X[col].to_numpy(dtype="float64", na_value=np.nan))
        keep = np.isfinite(x)
        if keep.sum() < 200 or certain(x, y, settings, roles.seed, parts, col) is not None:
            continue  # too few values, or certain on its own: a subset of the column itself
        others = design(X.drop(columns=[col]))
        r = residual(np.where(keep, x, np.nan), others, parts)
        r = np.where(keep, r, np.nan)
        found = certain(r, y, settings, roles.seed, parts, col)
        if found is not None and _level_of(found[0], X.drop(columns=[col]), y, parts, settings):
            continue  # the band is one category's rows, certain without the figure
        if found is not None and ("≤" in found[1]) != (">" in found[1]):
            # a band at one end of the residual: below (≤ only) or above (> only)
            out.append(_finding(col, found[0], "≤" in found[1], roles, len(y)))
    return sorted(out, key=lambda f: (f.severity != "critical", -f.evidence["share_of_class"]))


BAND_IN_LEVEL = 0.8  # the share of the band's rows in one level that makes it that level's
MIN_LEVEL_ROWS = 10  # the level's other rows needed to tell its rate


def _level_of(found, others: pd.DataFrame, y: np.ndarray, parts, settings: dict) -> bool:
    """Whether the band is one category level's rows whose certainty the level explains: the
    band holds most of the level's rows (in the half it was judged on), or is no purer than
    the level's other rows there let chance make it (binomial, `figure_level_p_value`). A fee
    of 0 for listed-building consents, which are nearly always decided late, departs far below
    what the other inputs predict for those rows only where the straight line does not quite
    reach 0 — the certainty is the level's (`pure_subsets` judges it), not the figure's. A
    figure changed for part of one class leaves the level's other rows as mixed as before."""
    band = np.zeros(len(y), dtype=bool)
    band[found.positions] = True
    half = np.zeros(len(y), dtype=bool)
    half[next(judge for _fit, judge in parts if np.isin(found.positions[0], judge))] = True
    hits = int((y[band] == found.label).sum())
    for _name, col in others.items():
        if _as_numbers(col) is not None:
            continue
        values = col.astype("str").where(col.notna(), "(missing)").to_numpy()
        level = pd.Series(values[band]).value_counts().index[0]
        if (values[band] == level).sum() < BAND_IN_LEVEL * band.sum():
            continue
        of_level = half & (values == level)
        if band.sum() >= BAND_IN_LEVEL * of_level.sum():
            return True  # the band is the level's rows
        rest = of_level & ~band
        if rest.sum() < MIN_LEVEL_ROWS:
            continue
        rate = min(float((y[rest] == found.label).mean()), 1 - 1e-9)
        if binomial_tail(hits, int(band.sum()), rate) >= settings["figure_level_p_value"]:
            return True
    return False


def _finding(col: str, found, below: bool, roles: Roles, examined: int) -> Finding:
    message = (
        _(
            "Where '{column}' lies far below what the other inputs predict for it, the outcome "
            "is {what} in {purity} of rows ({rows} rows, {share} of all {what} rows), against "
            "{neighbours} in the rows next to them, though no range of '{column}' alone is "
            "certain: its values there are ordinary, only their relation to the other inputs "
            "is broken — as when a figure is changed for part of one class once the outcome is "
            "known (read later, netted of a refund, corrected after a review)."
        )
        if below
        else _(
            "Where '{column}' lies far above what the other inputs predict for it, the outcome "
            "is {what} in {purity} of rows ({rows} rows, {share} of all {what} rows), against "
            "{neighbours} in the rows next to them, though no range of '{column}' alone is "
            "certain: its values there are ordinary, only their relation to the other inputs "
            "is broken — as when a figure is changed for part of one class once the outcome is "
            "known (a later charge added, a count read later)."
        )
    )
    what = class_word(found.label, roles.classes)
    return Finding(
        check="changed_figures",
        severity=found.severity,
        columns=[col],
        evidence={**subset_evidence(found, examined), "below_prediction": float(below)},
        message=message.format(column=col, **subset_words(found, what)),
        fix=_(
            "Ask when '{column}' is read for these rows. If it was read or corrected after the "
            "outcome for some of them, take it from the extract of the prediction date, or mark "
            "it known_at: after_outcome in the contract."
        ).format(column=col),
    )
