"""Leaks through two columns: the difference or ratio of two numbers (amount billed minus
amount paid, a closing date minus an opening date) that gives the outcome away while each
column alone says little. Screened on a sample by rank statistics, the strongest pairs then
scored out of fold and searched for a subset where the outcome is certain."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from leakage_checks.finding import SEVERITY_RANK, Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.single_feature import univariate_scores
from leakage_checks.speech import _, number
from leakage_checks.subsets import leaf_subsets, subset_finding
from leakage_checks.util import days, is_number, sample_rows

SCREEN_ROWS = 5_000
MAX_COLUMNS = 40
TOP = 5
MIN_CLASS_ROWS = 30  # rows of each class for a score gain to be judged


def _numbers(X: pd.DataFrame, features: list[str]) -> dict[str, tuple[np.ndarray, bool]]:
    """Numeric and date inputs as floats (dates as days), with whether each is a date; at most
    `MAX_COLUMNS`, those with the most distinct values first."""
    out = {}
    for c in features:
        col = X[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            out[c] = (days(col).to_numpy(dtype="float64"), True)
        elif is_number(col) and col.nunique() > 2:
            out[c] = (col.to_numpy(dtype="float64", na_value=np.nan), False)
    ranked = sorted(out, key=lambda c: -len(np.unique(out[c][0][np.isfinite(out[c][0])])))
    return {c: out[c] for c in ranked[:MAX_COLUMNS]}


def _screen(values: np.ndarray, y: np.ndarray, task: str) -> float:
    """A fast, fit-free strength of one column: symmetric rank AUC (the best class against the
    rest for several classes) or |Spearman ρ| for a number."""
    v = np.where(np.isfinite(values), values, np.nan)
    if np.isnan(v).all():
        return 0.0
    v = np.where(np.isnan(v), np.nanmedian(v), v)
    r = rankdata(v)
    if task == "regression":
        ry = rankdata(y)
        c = np.corrcoef(r, ry)[0, 1]
        return float(abs(c)) if np.isfinite(c) else 0.0
    best = 0.0
    for k in np.unique(y) if task != "binary" else [1]:
        pos = y == k
        n1, n0 = pos.sum(), (~pos).sum()
        if n1 == 0 or n0 == 0:
            continue
        auc = (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
        best = max(best, auc, 1 - auc)
    return float(best)


def _derived(cols: dict[str, tuple[np.ndarray, bool]]):
    for (a, (va, da)), (b, (vb, db)) in combinations(cols.items(), 2):
        if da != db:
            continue
        yield f"{a} − {b}", (a, b), va - vb
        if not da:
            with np.errstate(divide="ignore", invalid="ignore"):
                yield f"{a} / {b}", (a, b), np.where(vb != 0, va / vb, np.nan)


@register(
    "column_pairs",
    N_("Does the difference or ratio of two columns give the outcome away, though neither does?"),
)
def column_pairs(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    X, ys = sample_rows(
        frames.X_train[roles.features],
        frames.y_train,
        int(settings["model_check_max_rows"]),
        roles.seed,
    )
    cols = _numbers(X, roles.features)
    if len(cols) < 2:
        raise NotApplicable(_("fewer than two numeric or date inputs"))
    y = ys.to_numpy()
    screen = np.random.default_rng(roles.seed).permutation(len(y))[:SCREEN_ROWS]
    single = {c: _screen(v[screen], y[screen], roles.task) for c, (v, _) in cols.items()}
    gains = [
        (_screen(v[screen], y[screen], roles.task) - max(single[p] for p in pair), name, pair, v)
        for name, pair, v in _derived(cols)
    ]
    top = sorted(gains, key=lambda g: -g[0])[:TOP]
    key = "r2" if roles.task == "regression" else "auc"
    crit, warn = (
        settings[f"single_feature_{key}_critical"],
        settings[f"single_feature_{key}_warning"],
    )
    out, seen = [], set()
    # out-of-fold scores of a few dozen rows of a class move by more than the gain looked for
    enough = roles.task == "regression" or np.bincount(y.astype(int)).min() >= MIN_CLASS_ROWS
    for _unused, name, (a, b), v in top:
        if (a, b) in seen or _already_a_column(v[screen], cols, (a, b), screen):
            continue
        frame = pd.DataFrame({name: v, a: cols[a][0], b: cols[b][0]}, index=X.index)
        scores = univariate_scores(frame, ys, roles.task, roles.seed)
        value, alone = scores.get(name, 0.0), max(scores.get(a, 0.0), scores.get(b, 0.0))
        gain = value - alone
        scored = None
        if gain >= settings["pair_gain"] and value >= warn and enough:
            declared = {a, b} <= set(roles.known_at_prediction)
            scored = _score_finding(
                name, (a, b), value, alone, value >= crit, key, len(y), declared
            )
        # a score short of the critical level leaves the band where the outcome is certain to
        # judge (a salary negotiated up for part of those who accepted: an AUC of 0.8, and a
        # band of ratios above 1.05 all of one class)
        banded = None
        if roles.task != "regression" and (scored is None or scored.severity != "critical"):
            banded = _band_finding(frame, name, (a, b), y.astype(int), frames, roles, settings)
        chosen = [f for f in (scored, banded) if f is not None]
        if chosen:
            seen.add((a, b))
            out.append(min(chosen, key=lambda f: SEVERITY_RANK[f.severity]))
    return out


def _band_finding(frame, name, pair, y, frames, roles, settings) -> Finding | None:
    """The finding of a band of the derived column where the outcome is certain, or None."""
    found = _certain_band(frame, name, pair, y, settings, roles.seed)
    if found is None:
        return None
    subset, words, sides = found
    context = (frames, roles, settings)
    return subset_finding(
        "column_pairs", subset, words, list(pair), len(y), len(sides) < 2, context
    )


def _already_a_column(derived: np.ndarray, cols, pair, rows: np.ndarray) -> bool:
    """Whether another input already holds the derived column (a debt-to-income ratio beside
    debt and income): ranked alike, Spearman's ρ 0.99 or more. Its judgement is that column's,
    not the pair's."""
    ranked = rankdata(np.where(np.isfinite(derived), derived, np.nanmedian(derived)))
    for c, (values, _date) in cols.items():
        if c in pair:
            continue
        v = values[rows]
        other = rankdata(np.where(np.isfinite(v), v, np.nanmedian(v)))
        rho = np.corrcoef(ranked, other)[0, 1]
        if np.isfinite(rho) and abs(rho) >= 0.99:
            return True
    return False


def _certain_band(frame: pd.DataFrame, name: str, pair, y, settings: dict, seed: int):
    """A band of the derived column where the outcome is certain (out of fold, beside rows
    where it is not): the band holding most of its class, its words, and the classes certain
    in some band. When a column alone already has such a subset (pure_subsets' finding), only
    a derived column where both outcomes are certain, each in a band of its own, says more."""
    source = {c: (c, None) for c in frame.columns}
    alone = any(
        next(leaf_subsets(frame[[col]], y, settings, seed, source, 2), None) is not None
        for col in pair
    )
    side_jump = settings["subset_side_jump"]
    bands = [
        b
        for b in leaf_subsets(frame[[name]], y, settings, seed, source, 2, jump=side_jump)
        if not one_cell(frame.iloc[b[0].positions][list(pair)])
    ]
    full = [b for b in bands if b[0].full(settings["subset_jump"])]
    if not full:
        return None
    found, words, _unused = max(full, key=lambda b: b[0].class_share)
    sides = {b[0].label for b in bands} | {b[0].opposite for b in bands} - {None}
    if alone and len(sides) < 2:
        return None
    return found, words, sides


def one_cell(rows: pd.DataFrame) -> bool:
    """Whether a band's rows nearly all share one pair of values (90% or more): the records of
    one entity (a customer's many invoices agree on its years and its last year's share), or a
    cell of the two columns, which the columns judged together show; not a figure derived from
    the two that no column shows alone."""
    if rows.empty:
        return False
    return bool(rows.value_counts(dropna=False).iloc[0] >= 0.9 * len(rows))


def _score_finding(name, pair, value, alone, critical, key, rows, declared) -> Finding:
    """Critical from the single column's critical level; below it a warning — or information
    when the contract says both columns are known by the decision (the question a warning would
    ask is answered, as for a single column)."""
    label = "R²" if key == "r2" else "AUC"
    answered = declared and not critical
    if critical:
        message = _(
            "'{name}' predicts the outcome with {label} {score} (out of fold, training rows), "
            "where the better of the two columns alone reaches {alone}: together they carry "
            "the answer — one of them is probably recorded after the outcome."
        )
    elif answered:
        message = _(
            "'{name}' predicts the outcome with {label} {score} (out of fold, training rows), "
            "where the better of the two columns alone reaches {alone}: together they are "
            "unusually strong; the contract says both are known by the time of the decision."
        )
    else:
        message = _(
            "'{name}' predicts the outcome with {label} {score} (out of fold, training rows), "
            "where the better of the two columns alone reaches {alone}: together they are "
            "unusually strong; someone should confirm both are known at prediction."
        )
    return Finding(
        check="column_pairs",
        severity="critical" if critical else "info" if answered else "warning",
        columns=list(pair),
        evidence={
            key: round(value, 4),
            f"{key}_better_column_alone": round(alone, 4),
            "rows_scored": rows,
        },
        message=message.format(
            name=name, label=label, score=number(value, 3), alone=number(alone, 3)
        ),
        fix=_(
            "Ask when '{first}' and '{second}' are recorded. If one is only known after the "
            "outcome, mark it known_at_prediction: false in the contract."
        ).format(first=pair[0], second=pair[1]),
    )
