"""Columns whose missingness pattern or placeholder values encode the outcome: a field filled
in (or left empty) because of what happened, even when nobody marked it. Judged two ways: how
well the indicator alone separates the outcome (AUC), and whether the rows it marks hold one
class with certainty (a field filled for only a quarter of the positives)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from leakage_checks.certainty import certain_subset
from leakage_checks.finding import Finding, Roles, SplitFrames, gravest
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, number, pct, significant
from leakage_checks.subsets import class_word
from leakage_checks.util import is_number, score

SENTINELS = (-1, -99, -999, -9999, 99, 999, 9999, 99999)


def _flag_auc(flag: np.ndarray, positive: np.ndarray) -> float:
    """AUC of a yes/no score against a yes/no outcome, from the 2x2 counts (ties count half),
    whichever direction."""
    n1 = int(positive.sum())
    n0 = len(positive) - n1
    if n1 == 0 or n0 == 0:
        return 0.5
    tpr = np.count_nonzero(flag & positive) / n1
    fpr = np.count_nonzero(flag & ~positive) / n0
    auc = 0.5 + (tpr - fpr) / 2
    return float(max(auc, 1 - auc))


def indicator_score(flag: np.ndarray, y: np.ndarray, task: str) -> float:
    """AUC of a yes/no indicator (symmetric; for several classes the best class against the
    rest), or for regression the share of variance explained."""
    if task == "regression":
        return score(y, np.where(flag, y[flag].mean(), y[~flag].mean()), task)
    if task == "binary":
        return _flag_auc(flag, y == 1)
    return max(_flag_auc(flag, y == k) for k in np.unique(y))


def indicator_p_value(flag: np.ndarray, y: np.ndarray, task: str) -> float:
    """How likely an association this strong is by chance: Fisher's exact test of the indicator
    against each class (the smallest p, times the number of classes), or Mann-Whitney's for a
    number."""
    if task == "regression":
        return float(stats.mannwhitneyu(y[flag], y[~flag]).pvalue)
    classes = np.unique(y)
    best = 1.0
    for k in classes if len(classes) > 2 else classes[-1:]:
        table = [
            [np.count_nonzero(~flag & (y != k)), np.count_nonzero(~flag & (y == k))],
            [np.count_nonzero(flag & (y != k)), np.count_nonzero(flag & (y == k))],
        ]
        best = min(best, float(stats.fisher_exact(table)[1]))
    return min(1.0, best * (len(classes) if len(classes) > 2 else 1))


def judge_indicator(flag: np.ndarray, y: np.ndarray, task: str, settings: dict, prefix: str):
    """The severity an indicator earns (None: nothing to report), its AUC, and the certain
    subset it marks if any (the flagged rows, or the others)."""
    share = float(flag.mean())
    if not 0.001 <= share <= 0.999:
        return None, 0.0, None
    value = indicator_score(flag, y, task)
    severity = (
        "critical"
        if value >= settings[f"{prefix}_critical"]
        else "warning"
        if value >= settings[f"{prefix}_warning"]
        else None
    )
    if severity and indicator_p_value(flag, y, task) >= settings["indicator_p_value"]:
        severity = None  # a handful of rows of a rare class: no evidence either way
    subset = None
    if task != "regression":
        for side in (flag, ~flag):
            found = certain_subset(side, ~side, y, settings, len(y))
            if found and (subset is None or found.class_share > subset.class_share):
                subset = found
    if subset is not None and gravest(subset.severity, severity) != severity:
        severity = subset.severity
    return severity, value, subset


def one_class_always(flag: np.ndarray, y: np.ndarray, task: str, settings: dict, tries: int):
    """The outcome whose rows are (nearly) never flagged, or (nearly) always, while the other
    rows are flagged, or not, often enough that chance cannot explain it: a field left blank
    for every case of one outcome and filled for many of the others (a fee taken on the day,
    which nobody came to pay) is written because of the outcome — an honest optional field is
    blank for some cases of each. Yes/no outcomes only: among several classes a field that
    applies to some classes only (a vehicle's registration on motor claims, none on home
    claims) is blank for every case of the others by design. Returns (outcome, flagged: whether
    its rows are all flagged, its rows' share in that state, the other rows' share in it,
    p-value times `tries`) or None."""
    if task != "binary":
        return None
    tolerance, others = (
        settings["missingness_class_tolerance"],
        settings["missingness_class_others"],
    )
    for label in np.unique(y):
        mine = y == label
        if mine.sum() < settings["missingness_class_min_rows"]:
            continue
        for flagged, state in ((True, flag), (False, ~flag)):
            here, there = float(state[mine].mean()), float(state[~mine].mean())
            if here < 1 - tolerance or there > 1 - others:
                continue
            table = [
                [int(state[mine].sum()), int((~state[mine]).sum())],
                [int(state[~mine].sum()), int((~state[~mine]).sum())],
            ]
            p = min(1.0, float(stats.fisher_exact(table, alternative="greater")[1]) * tries)
            if p < settings["missingness_class_p_value"]:
                return label, flagged, here, there, p
    return None


def indicators(col: pd.Series) -> dict[str, np.ndarray]:
    """Missing, and each placeholder value that marks at least 1% of rows."""
    out = {"missing": col.isna().to_numpy()}
    if is_number(col):
        v = col.to_numpy(dtype="float64", na_value=np.nan)
        for s in SENTINELS:
            hit = v == s
            if 0.01 <= hit.mean() <= 0.99:
                out[f"value {s}"] = hit
    return out


def _indicator_words(col: str, label: str, share: float, value: float) -> str:
    """Whether a value is missing, or a placeholder, gives the outcome away: the sentence."""
    if label == "missing":
        return _(
            "Whether '{column}' is missing ({share} of rows) gives the outcome away (score "
            "{score})."
        ).format(column=col, share=pct(share, 0), score=number(value, 2))
    return _(
        "Whether '{column}' is value {value} ({share} of rows) gives the outcome away (score "
        "{score})."
    ).format(
        column=col, value=label.removeprefix("value "), share=pct(share, 0), score=number(value, 2)
    )


def subset_words(subset, classes: list[str] = ()) -> str:
    if subset is None:
        return ""
    return " " + _(
        "On one side {purity} of rows are {label} ({share} of all such rows), against {other} "
        "on the other."
    ).format(
        purity=pct(subset.purity, 1),
        label=class_word(subset.label, classes),
        share=pct(subset.class_share, 0),
        other=pct(subset.neighbour_rate, 0),
    )


@register(
    "missingness_signal",
    N_("Does whether a value is missing (or a placeholder) give away the outcome?"),
)
def missingness_signal(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    X, y = frames.X_train, frames.y_train.to_numpy()
    out = []
    tries = 4 * len(roles.features)  # each column's blanks: either outcome, either way
    for col in roles.features:
        for label, flag in indicators(X[col]).items():
            severity, value, subset = judge_indicator(flag, y, roles.task, settings, "missingness")
            if severity != "critical":
                always = one_class_always(flag, y, roles.task, settings, tries)
                if always is not None:
                    out.append(_always_finding(col, label, always, roles))
                    continue
            if severity is None:
                continue
            share = float(flag.mean())
            evidence = {"score": round(value, 4), "share_of_rows": round(share, 4)}
            if subset is not None:
                evidence |= {
                    "purity": round(subset.purity, 4),
                    "share_of_class": round(subset.class_share, 4),
                    "p_value": float(f"{subset.p_value:.3g}"),
                }
            out.append(
                Finding(
                    check="missingness_signal",
                    severity=severity,
                    columns=[col],
                    evidence=evidence,
                    message=(
                        _indicator_words(col, label, share, value)
                        + subset_words(subset, roles.classes)
                        + " "
                        + _(
                            "The field is probably filled in, or left empty, because of what "
                            "happened — after the moment of prediction."
                        )
                    ),
                    fix=_(
                        "Ask the data owner when '{column}' is recorded. If only after the "
                        "outcome, mark it known_at_prediction: false; if a placeholder, declare "
                        "it as missing."
                    ).format(column=col),
                )
            )
    return out


def _always_finding(col: str, label: str, always, roles: Roles) -> Finding:
    outcome, flagged, here, there, p = always
    state = (
        (_("missing") if flagged else _("filled in"))
        if label == "missing"
        else (_("value {value}") if flagged else _("other than {value}")).format(
            value=label.removeprefix("value ")
        )
    )
    return Finding(
        check="missingness_signal",
        severity="critical",
        columns=[col],
        evidence={
            "share_of_class_in_state": round(here, 4),
            "share_of_other_rows_in_state": round(there, 4),
            "p_value": float(f"{p:.3g}"),
        },
        message=_(
            "'{column}' is {state} for {here} of rows whose outcome is {outcome}, against {there} "
            "of the other rows (p = {p}). An optional field is blank for some cases of each "
            "outcome; one left blank, or filled in, for every case of one outcome is written "
            "because of it — after the moment of prediction."
        ).format(
            column=col,
            state=state,
            here=pct(here, 1),
            outcome=class_word(outcome, roles.classes),
            there=pct(there, 1),
            p=significant(p),
        ),
        fix=_(
            "Ask the data owner when '{column}' is recorded. If only after the outcome, mark it "
            "known_at: after_outcome in the contract."
        ).format(column=col),
    )
