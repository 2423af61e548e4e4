"""Number formats that differ by class: whole numbers for one class and decimals for another,
or two decimals against four. Rows assembled from different sources per outcome (or filled in
differently once the outcome was known) carry that history in their digits; an audit of public
benchmark data sets found it more than once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.missingness import indicator_p_value, judge_indicator, subset_words
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, ngettext, number, pct
from leakage_checks.util import sample_rows

MAX_DECIMALS = 6
MAX_ROWS = 200_000


def decimals(v: np.ndarray) -> np.ndarray:
    """Digits after the decimal point each value needs (0 to 6; 7 for more)."""
    out = np.full(len(v), MAX_DECIMALS + 1)
    for k in range(MAX_DECIMALS, -1, -1):
        scaled = v * 10.0**k
        whole = np.abs(scaled - np.round(scaled)) <= 1e-6 + 1e-12 * np.abs(scaled)
        out[whole] = k
    return out


def _written(col: pd.Series) -> np.ndarray:
    """The rows whose value says how it was written: present, not zero, and not a value shared
    by 1% of rows or more (a zero balance, a cap, a placeholder is a value, whose meaning the
    subset and missingness checks judge, not a format)."""
    counts = col.value_counts(dropna=True)
    common = counts.index[counts >= max(2, 0.01 * len(col))]
    return (col.notna() & (col != 0) & ~col.isin(common)).to_numpy()


def _lopsided(flag: np.ndarray, y: np.ndarray, task: str, settings: dict) -> bool:
    """A format far more common in one class than in the others (odds ratio beyond
    `format_odds_ratio` either way, significant at `indicator_p_value`): a partial difference
    of formats, short of separating the classes."""
    if task == "regression" or indicator_p_value(flag, y, task) >= settings["indicator_p_value"]:
        return False
    for k in np.unique(y):
        a, b = np.count_nonzero(~flag & (y != k)), np.count_nonzero(~flag & (y == k))
        c, d = np.count_nonzero(flag & (y != k)), np.count_nonzero(flag & (y == k))
        ratio = ((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5))
        if max(ratio, 1 / ratio) >= settings["format_odds_ratio"]:
            return True
    return False


def _words(col: str, d: int, share: float, value: float) -> str:
    """Whether a value is written with `d` decimals gives the outcome away: the sentence."""
    if d == 0:
        text = _(
            "Whether a value of '{column}' is a whole number ({share} of its values) gives the "
            "outcome away (score {score})."
        )
    elif d > MAX_DECIMALS:
        text = _(
            "Whether a value of '{column}' is written with more than {n} decimals ({share} of "
            "its values) gives the outcome away (score {score})."
        )
        d = MAX_DECIMALS
    else:
        text = ngettext(
            "Whether a value of '{column}' is written with {n} decimal ({share} of its values) "
            "gives the outcome away (score {score}).",
            "Whether a value of '{column}' is written with {n} decimals ({share} of its values) "
            "gives the outcome away (score {score}).",
            d,
        )
    return text.format(column=col, n=count(d), share=pct(share, 0), score=number(value, 2))


@register(
    "number_formats",
    N_("Do numbers look different by class (whole numbers for one, decimals for another)?"),
)
def number_formats(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    X, ys = sample_rows(frames.X_train, frames.y_train, MAX_ROWS, roles.seed)
    floats = [c for c in roles.features if pd.api.types.is_float_dtype(X[c])]
    checked, out = 0, []
    for col in floats:
        present = _written(X[col])
        v = X[col].to_numpy(dtype="float64", na_value=np.nan)[present]
        if len(v) < 20:
            continue
        dec = decimals(v)
        levels, counts = np.unique(dec, return_counts=True)
        levels = levels[counts >= 0.01 * len(v)]  # formats of at least 1% of the values
        if len(levels) < 2:
            continue
        checked += 1
        y = ys.to_numpy()[present]
        best = None
        for d in levels:
            severity, value, subset = judge_indicator(dec == d, y, roles.task, settings, "format")
            if severity is None and _lopsided(dec == d, y, roles.task, settings):
                severity = "warning"
            if severity and (best is None or (severity, -value) < (best[0], -best[1])):
                best = (severity, value, subset, int(d), float((dec == d).mean()))
        if best is None:
            continue
        severity, value, subset, d, share = best
        evidence = {"score": round(value, 4), "share_of_rows": round(share, 4), "decimals": d}
        if subset is not None:
            evidence |= {
                "purity": round(subset.purity, 4),
                "share_of_class": round(subset.class_share, 4),
            }
        out.append(
            Finding(
                check="number_formats",
                severity=severity,
                columns=[col],
                evidence=evidence,
                message=(
                    _words(col, d, share, value)
                    + subset_words(subset, roles.classes)
                    + " "
                    + _(
                        "The rows of each outcome were probably recorded or assembled "
                        "differently: the format tells the outcome, and other traces may too."
                    )
                ),
                fix=_(
                    "Ask how '{column}' was filled in for each outcome (sources merged per class, "
                    "imputation or rounding after the fact); make the formats alike before "
                    "modelling, and check what else differs."
                ).format(column=col),
            )
        )
    if checked == 0:
        raise NotApplicable(_("no decimal input column mixes number formats"))
    return out
