"""Copies of records judged against chance: records exported twice with a field or two amended
in between (test rows equal to a training row in every input but one or two, against what the
other inputs' values let chance repeat — copies made before the split sit on both sides alike,
so training rows repeat each other as often and cannot be the reference), and exact copies of
one outcome's records.

A job copied by another system for the cases with a claim is copied for one outcome only: its
copies may be few among all test rows and many among that outcome's, where they move the score
most. So the repeats are judged over all test rows and within each outcome's rows (test rows of
one outcome repeating a training row of the same outcome, against what chance repeats among
that outcome's training rows)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from leakage_checks.finding import SEVERITY_RANK, Finding, Roles, SplitFrames, mildest
from leakage_checks.repeats import (
    chance_bound,
    column_hashes,
    judge_chance,
    judge_excess,
    row_hashes,
    weighted_cells,
)
from leakage_checks.speech import _, pct, significant

MIN_INPUTS_BUT_ONE = 4  # inputs a row must have for "all but one" to say much
AMENDED_CANDIDATES = 3  # of the single inputs, and of the pairs, those leaving the most rows
PAIRED_INPUTS = 6  # the inputs of most distinct values, whose pairs are left out too


@dataclass(frozen=True)
class Repeats:
    """Test rows equal to a training row in every input but `left_out`, among the test rows of
    `outcome` (None: all of them), with `within` the training rows equal to another training row
    so (asked under a split in time or by group only) and `reference` the training rows chance
    is bounded on."""

    left_out: tuple[str, ...]
    outcome: object
    across: np.ndarray
    within: np.ndarray | None
    reference: np.ndarray


def _left_out(frames: SplitFrames, cols: list[str]) -> list[tuple[str, ...]]:
    """Single inputs, and pairs among the `PAIRED_INPUTS` inputs of most distinct values (two
    fields amended: a re-measured amount and an edited note), when enough inputs remain."""
    singles = [(c,) for c in cols]
    if len(cols) < MIN_INPUTS_BUT_ONE + 1:
        return singles
    fine = sorted(cols, key=lambda c: -frames.X_train[c].nunique())[:PAIRED_INPUTS]
    return singles + list(combinations(fine, 2))


def _repeats(frames: SplitFrames, roles: Roles) -> tuple[list[Repeats], int]:
    """The candidate repeats (`Repeats`) of the inputs, and the pairs, leaving the most rows
    (`AMENDED_CANDIDATES` of each), over all test rows and within each outcome's rows; with the
    number of input sets tried (the p-values' multiplier).

    Several inputs are judged, not only the one leaving the most rows: leaving out a coarse
    input leaves many rows equal in fine ones by chance and copies alike, leaving out a fine
    one (an amount) leaves coarse inputs that match everywhere and say nothing."""
    cols = list(roles.features)
    n = len(frames.X_train)
    if len(cols) < MIN_INPUTS_BUT_ONE or n < 2:
        return [], 0
    weighted, rows = weighted_cells(
        column_hashes(pd.concat([frames.X_train[cols], frames.X_test[cols]]))
    )
    exact = pd.Series(rows[n:]).isin(rows[:n]).to_numpy()
    sets = _left_out(frames, cols)
    keys, counts = {}, {}
    with np.errstate(over="ignore"):
        for left in sets:
            key = rows - weighted[:, [cols.index(c) for c in left]].sum(axis=1, dtype=np.uint64)
            across = pd.Series(key[n:]).isin(key[:n]).to_numpy() & ~exact
            if across.any():
                keys[left], counts[left] = key, int(across.sum())
    chosen = [
        left
        for size in (1, 2)
        for left in sorted((k for k in counts if len(k) == size), key=lambda k: -counts[k])[
            :AMENDED_CANDIDATES
        ]
    ]
    everyone = np.ones(n, dtype=bool)
    groups = [(None, np.ones(len(rows) - n, dtype=bool), everyone), *_outcomes(frames, roles)]
    timed = roles.split_strategy in ("time", "group")
    exact_within = pd.Series(rows[:n]).duplicated(keep=False).to_numpy() if timed else None
    out = []
    for left in chosen:
        train_key, test_key = keys[left][:n], keys[left][n:]
        for outcome, test_rows, train_rows in groups:
            found = pd.Series(test_key[test_rows]).isin(train_key[train_rows]).to_numpy()
            across = found & ~exact[test_rows]
            within = None
            if timed:
                mine = pd.Series(train_key[train_rows]).duplicated(keep=False).to_numpy()
                within = mine & ~exact_within[train_rows]
            out.append(Repeats(left, outcome, across, within, train_rows))
    return out, len(sets) * len(groups)


def _judged(frames, roles, settings, repeats: Repeats, tries: int):
    """The excess of the repeats over what chance repeats in the other inputs (among the
    reference training rows), its p-value (times the number of input sets and outcomes tried)
    and severity.

    Under a split in time or by group the parts are made to differ, and the same entities'
    later records repeat their earlier ones in every input but the one that moves (a monthly
    snapshot's tenure): there the rows must also repeat training rows more often than training
    rows repeat each other so, as `shared_rows` asks of exact repeats. Copies made before such a
    split sit in the training part as well and are not told from snapshots."""
    across = repeats.across
    if len(across) == 0 or across.mean() < settings["shared_rows_warning"]:
        return None  # too few such rows to report, whatever chance repeats
    rest = frames.X_train.loc[
        repeats.reference, [c for c in roles.features if c not in repeats.left_out]
    ]
    chance = chance_bound(rest, roles.seed)[0]
    excess, p, severity = judge_chance(across, chance, settings)
    p = min(1.0, p * tries)
    if severity is not None and repeats.within is not None:
        w_excess, w_p, w_severity = judge_excess(
            across, repeats.within, settings, "near_duplicates"
        )
        p = max(p, min(1.0, w_p * tries))
        severity = mildest(severity, w_severity)
        excess = min(excess, w_excess)
    if severity is None or p >= settings["repeat_p_value"]:
        return None
    return excess, p, severity, chance


def amended(frames: SplitFrames, roles: Roles, settings: dict) -> Finding | None:
    """The finding of records exported twice with one or two inputs amended, or None."""
    candidates, tries = _repeats(frames, roles)
    judged = []
    for repeats in candidates:
        verdict = _judged(frames, roles, settings, repeats, tries)
        if verdict is not None:
            judged.append((repeats, verdict))
    if not judged:
        return None
    # the most severe, then the repeats chance explains least; the finding names no column:
    # the copies are the leak, not the amended inputs (the leak-free score must not drop them)
    repeats, (excess, p, severity, chance) = min(
        judged,
        key=lambda item: (
            SEVERITY_RANK[item[1][2]],
            item[1][1],
            item[0].outcome is not None,  # over all test rows, when that is as clear
            -item[1][0],
        ),
    )
    share = float(repeats.across.mean())
    return Finding(
        check="near_duplicates",
        severity=severity,
        columns=[],
        evidence={
            "share_test_rows": round(share, 4),
            "chance_share_at_most": round(chance, 4),
            "excess_over_chance": round(excess, 4),
            "p_value": float(f"{p:.3g}"),
            "inputs_left_out": len(repeats.left_out),
        },
        message=_message(repeats, share, chance, excess, p),
        fix=_(
            "Find out why records were exported more than once (a record amended and exported "
            "again, two systems' extracts appended). Keep one version of each record — the "
            "one as it stood at the prediction time — before splitting, or split by the record's "
            "entity."
        ),
    )


def _message(repeats: Repeats, share, chance, excess, p) -> str:
    inputs = (
        _("'{first}' and '{second}'").format(first=repeats.left_out[0], second=repeats.left_out[1])
        if len(repeats.left_out) == 2
        else f"'{repeats.left_out[0]}'"
    )
    among = (
        _("test rows")
        if repeats.outcome is None
        else _("test rows of outcome '{outcome}'").format(outcome=repeats.outcome)
    )
    return _(
        "{share} of {among} repeat a training row in every input but {inputs}, though chance "
        "can repeat at most {chance} of such rows in the other inputs: the same records exported "
        "twice, with {inputs} amended in between. {excess} of them are copies of records (p = "
        "{p}), scored as rows the model was trained on."
    ).format(
        share=pct(share, 1),
        among=among,
        inputs=inputs,
        chance=pct(chance, 1),
        excess=pct(excess, 1),
        p=significant(p),
    )


def _outcomes(frames: SplitFrames, roles: Roles):
    """Each outcome of a classification task with its test rows and its training rows."""
    if roles.task == "regression":
        return []
    y_train, y_test = frames.y_train.to_numpy(), frames.y_test.to_numpy()
    return [(c, y_test == c, y_train == c) for c in pd.unique(y_test)]


def one_outcome_copies(frames: SplitFrames, roles: Roles, settings: dict):
    """Test rows of one outcome repeating a training row of the same outcome exactly, judged
    against what chance repeats among that outcome's training rows (and, under a split in time
    or by group, against how often they repeat each other): copies of one outcome's records,
    few among all test rows and many among that outcome's. Returns (outcome, share of its test
    rows, chance, excess, p-value times the number of outcomes, severity) for the clearest, or
    None."""
    cols = roles.features
    train, test = row_hashes(frames.X_train[cols]), row_hashes(frames.X_test[cols])
    outcomes = _outcomes(frames, roles)
    found = []
    for outcome, test_rows, train_rows in outcomes:
        across = pd.Series(test[test_rows]).isin(train[train_rows]).to_numpy()
        if len(across) == 0 or across.mean() < settings["shared_rows_warning"]:
            continue
        chance = chance_bound(frames.X_train.loc[train_rows, cols], roles.seed)[0]
        excess, p, severity = judge_chance(across, chance, settings)
        p = min(1.0, p * len(outcomes))
        if severity is not None and roles.split_strategy in ("time", "group"):
            within = pd.Series(train[train_rows]).duplicated(keep=False).to_numpy()
            w_excess, w_p, w_severity = judge_excess(across, within, settings, "shared_rows")
            p, severity = max(p, min(1.0, w_p * len(outcomes))), mildest(severity, w_severity)
            excess = min(excess, w_excess)
        if severity is not None and p < settings["repeat_p_value"]:
            found.append((outcome, float(across.mean()), chance, excess, p, severity))
    return min(found, key=lambda f: (SEVERITY_RANK[f[5]], f[4]), default=None)
