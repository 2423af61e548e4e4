"""Copies of records judged against chance: records exported twice with a field or two amended
in between (test rows equal to a training row in every input but one or two, against what the
other inputs' values let chance repeat — copies made before the split sit on both sides alike,
so training rows repeat each other as often and cannot be the reference), and exact copies of
one outcome's records.

A job copied by another system for the cases with a claim is copied for one outcome only: its
copies may be few among all test rows and many among that outcome's, where they move the score
most. So the repeats are judged over all test rows and within each outcome's rows (test rows of
one outcome repeating a training row of the same outcome, against what chance repeats among
that outcome's training rows) — an outcome with enough rows to bound chance on, and whose rows
repeat more often than all rows do."""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

import numpy as np
import pandas as pd

from leakage_checks.finding import SEVERITY_RANK, Finding, Roles, SplitFrames, mildest
from leakage_checks.repeats import (
    chance_bound,
    column_hashes,
    judge_chance,
    judge_excess,
    weighted_cells,
)
from leakage_checks.speech import _, pct, significant
from leakage_checks.subsets import class_word

MIN_INPUTS_BUT_ONE = 4  # inputs a row must have for "all but one" to say much
AMENDED_CANDIDATES = 3  # of the single inputs, and of the pairs, those leaving the most rows
PAIRED_INPUTS = 6  # the inputs of most distinct values, whose pairs are left out too
OUTCOME_MIN_TRAIN = 50  # an outcome's training rows, to bound chance on
OUTCOME_MIN_TEST = 20  # an outcome's test rows, to count its repeats on


class Group(NamedTuple):
    """The test and training rows judged together: one outcome's (`outcome`), or all of them
    (`outcome` None)."""

    outcome: object
    test_rows: np.ndarray
    train_rows: np.ndarray


class Verdict(NamedTuple):
    excess: float  # the share of the group's test rows beyond chance
    p: float  # times the number of tries
    severity: str
    chance: float  # the share chance can repeat at most


class Repeats(NamedTuple):
    """Test rows of `group` equal to a training row of the same group in every input but
    `left_out` (none: exactly), the share of all test rows that are (`share_all`), and the
    training rows equal to another so (`within`: asked under a split in time or by group only)."""

    left_out: tuple[str, ...]
    group: Group
    across: np.ndarray
    share_all: float
    within: np.ndarray | None


def groups(frames: SplitFrames, roles: Roles) -> list[Group]:
    """All rows, then each outcome of a classification task with `OUTCOME_MIN_TRAIN` training
    rows and `OUTCOME_MIN_TEST` test rows or more."""
    everyone = Group(None, np.ones(len(frames.X_test), bool), np.ones(len(frames.X_train), bool))
    if roles.task == "regression":
        return [everyone]
    y_train, y_test = frames.y_train.to_numpy(), frames.y_test.to_numpy()
    return [everyone] + [
        Group(c, y_test == c, y_train == c)
        for c in pd.unique(y_test)
        if (y_train == c).sum() >= OUTCOME_MIN_TRAIN and (y_test == c).sum() >= OUTCOME_MIN_TEST
    ]


def against_chance(repeats: Repeats, reference: pd.DataFrame, tries: int, settings, seed):
    """The excess of the repeats over what chance repeats among the `reference` rows (the
    group's training rows, in the inputs compared), its p-value times `tries`, and severity; or
    None when there is nothing to report.

    Under a split in time or by group (`within` given) the parts are made to differ, and the
    same entities' later records repeat their earlier ones in every input but the one that moves
    (a monthly snapshot's tenure): there the rows must also repeat training rows more often than
    training rows repeat each other so, as `shared_rows` asks of exact repeats. Copies made
    before such a split sit in the training part as well and are not told from snapshots."""
    across = repeats.across
    if len(across) == 0 or across.mean() < settings["shared_rows_warning"]:
        return None  # too few such rows to report, whatever chance repeats
    if repeats.group.outcome is not None and across.mean() <= repeats.share_all:
        return None  # no more repeats among this outcome's rows than among all
    chance = chance_bound(reference, seed)[0]
    excess, p, severity = judge_chance(across, chance, settings)
    p = min(1.0, p * tries)
    if severity is not None and repeats.within is not None:
        prefix = "near_duplicates" if repeats.left_out else "shared_rows"
        w_excess, w_p, w_severity = judge_excess(across, repeats.within, settings, prefix)
        p, severity = max(p, min(1.0, w_p * tries)), mildest(severity, w_severity)
        excess = min(excess, w_excess)
    if severity is None or p >= settings["repeat_p_value"]:
        return None
    return Verdict(excess, p, severity, chance)


def _repeats_of(keys: np.ndarray, n: int, left_out, exact, timed, judged: list[Group]):
    """`Repeats` of each group, for row keys made without the inputs `left_out` (`exact`: the
    test rows equal to a training row in every input, which are not counted; None when
    `left_out` is empty)."""
    train, test = keys[:n], keys[n:]
    out, share_all = [], None
    for group in judged:
        across = pd.Series(test[group.test_rows]).isin(train[group.train_rows]).to_numpy()
        if exact is not None:
            across = across & ~exact[group.test_rows]
        share_all = float(across.mean()) if group.outcome is None else share_all
        within = None
        if timed:
            within = pd.Series(train[group.train_rows]).duplicated(keep=False).to_numpy()
        out.append(Repeats(left_out, group, across, share_all, within))
    return out


def _left_out(frames: SplitFrames, cols: list[str]) -> list[tuple[str, ...]]:
    """Single inputs, and pairs among the `PAIRED_INPUTS` inputs of most distinct values (two
    fields amended: a re-measured amount and an edited note), when enough inputs remain."""
    singles = [(c,) for c in cols]
    if len(cols) < MIN_INPUTS_BUT_ONE + 1:
        return singles
    fine = sorted(cols, key=lambda c: -frames.X_train[c].nunique())[:PAIRED_INPUTS]
    return singles + list(combinations(fine, 2))


def _chosen(rows, weighted, n, exact, cols, sets) -> list[tuple[str, ...]]:
    """Of the single inputs and of the pairs, the `AMENDED_CANDIDATES` whose leaving out leaves
    the most test rows equal to a training row (and not equal in all inputs).

    Several are judged, not only the one leaving the most rows: leaving out a coarse input
    leaves many rows equal in fine ones by chance and copies alike, leaving out a fine one (an
    amount) leaves coarse inputs that match everywhere and say nothing."""
    counts = {}
    for left in sets:
        key = _without(rows, weighted, cols, left)
        counts[left] = int((pd.Series(key[n:]).isin(key[:n]).to_numpy() & ~exact).sum())
    return [
        left
        for size in (1, 2)
        for left in sorted(
            (k for k in counts if len(k) == size and counts[k]), key=lambda k: -counts[k]
        )[:AMENDED_CANDIDATES]
    ]


def _without(rows: np.ndarray, weighted: np.ndarray, cols: list[str], left) -> np.ndarray:
    """Row keys without the inputs `left` (their weighted cells taken away; sums wrap around)."""
    with np.errstate(over="ignore"):
        return rows - weighted[:, [cols.index(c) for c in left]].sum(axis=1, dtype=np.uint64)


def amended(frames: SplitFrames, roles: Roles, settings: dict) -> Finding | None:
    """The finding of records exported twice with one or two inputs amended, or None: of the
    input sets chosen (`_chosen`) and the groups (`groups`), the most severe, then the one chance
    explains least, all rows before one outcome's when as clear. It names no column: the copies
    are the leak, not the amended inputs (the leak-free score must not drop them)."""
    cols = list(roles.features)
    n = len(frames.X_train)
    if len(cols) < MIN_INPUTS_BUT_ONE or n < 2:
        return None
    weighted, rows = weighted_cells(
        column_hashes(pd.concat([frames.X_train[cols], frames.X_test[cols]]))
    )
    exact = pd.Series(rows[n:]).isin(rows[:n]).to_numpy()
    sets = _left_out(frames, cols)
    judged, timed = groups(frames, roles), roles.split_strategy in ("time", "group")
    tries = len(sets) * len(judged)
    found = []
    for left in _chosen(rows, weighted, n, exact, cols, sets):
        key = _without(rows, weighted, cols, left)
        for repeats in _repeats_of(key, n, left, exact, timed, judged):
            others = [c for c in cols if c not in left]
            reference = frames.X_train.loc[repeats.group.train_rows, others]
            verdict = against_chance(repeats, reference, tries, settings, roles.seed)
            if verdict is not None:
                found.append((repeats, verdict))
    if not found:
        return None
    repeats, verdict = min(
        found,
        key=lambda f: (
            SEVERITY_RANK[f[1].severity],
            f[1].p,
            f[0].group.outcome is not None,
            -f[1].excess,
        ),
    )
    return _amended_finding(repeats, verdict, roles)


def one_outcome_copies(frames: SplitFrames, roles: Roles, settings, hashes) -> tuple | None:
    """Test rows of one outcome repeating a training row of the same outcome exactly, judged
    against what chance repeats among that outcome's training rows (`against_chance`): copies of
    one outcome's records, few among all test rows and many among that outcome's. `hashes`: the
    rows' hashes, training rows first. Returns the clearest (`Repeats`, `Verdict`), or None."""
    judged = groups(frames, roles)
    n = len(frames.X_train)
    timed = roles.split_strategy in ("time", "group")
    found = []
    for repeats in _repeats_of(hashes, n, (), None, timed, judged)[1:]:
        reference = frames.X_train.loc[repeats.group.train_rows, roles.features]
        verdict = against_chance(repeats, reference, len(judged), settings, roles.seed)
        if verdict is not None:
            found.append((repeats, verdict))
    return min(found, key=lambda f: (SEVERITY_RANK[f[1].severity], f[1].p), default=None)


def _amended_finding(repeats: Repeats, verdict: Verdict, roles: Roles) -> Finding:
    share = float(repeats.across.mean())
    one = repeats.group.outcome is not None
    left = repeats.left_out
    inputs = (
        _("'{first}' and '{second}'").format(first=left[0], second=left[1])
        if len(left) == 2
        else f"'{left[0]}'"
    )
    values = {
        "share": pct(share, 1),
        "inputs": inputs,
        "chance": pct(verdict.chance, 1),
        "excess": pct(verdict.excess, 1),
        "p": significant(verdict.p),
    }
    if one:
        message = _(
            "{share} of test rows whose outcome is {outcome} repeat a training row of the same "
            "outcome in every input but {inputs}, though chance can repeat at most {chance} of "
            "that outcome's rows in the other inputs ({all} of all test rows repeat a training "
            "row so): records of this outcome exported twice, with {inputs} amended in between. "
            "{excess} of them are copies (p = {p}), scored as rows the model was trained on."
        ).format(
            **values,
            outcome=class_word(repeats.group.outcome, roles.classes),
            all=pct(repeats.share_all, 1),
        )
    else:
        message = _(
            "{share} of test rows repeat a training row in every input but {inputs}, though "
            "chance can repeat at most {chance} of rows in the other inputs: the same records "
            "exported twice, with {inputs} amended in between. {excess} of the holdout are "
            "copies of records (p = {p}), scored as rows the model was trained on."
        ).format(**values)
    return Finding(
        check="near_duplicates",
        severity=verdict.severity,
        columns=[],
        evidence={
            "share_test_rows": round(repeats.share_all, 4),
            **({"share_of_outcome_test_rows": round(share, 4)} if one else {}),
            "chance_share_at_most": round(verdict.chance, 4),
            "excess_over_chance": round(verdict.excess, 4),
            "p_value": float(f"{verdict.p:.3g}"),
            "inputs_left_out": len(left),
        },
        message=message,
        fix=_(
            "Find out why records were exported more than once (a record amended and exported "
            "again, two systems' extracts appended). Keep one version of each record — the "
            "one as it stood at the prediction time — before splitting, or split by the record's "
            "entity."
        ),
    )
