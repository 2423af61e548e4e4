"""Leaks in a subset of rows: a region where the outcome is certain — a leaf of a shallow tree,
out of fold — right next to rows where it is not. A field that records the outcome for some
rows (a status updated after the fact, an amount filled in only for defaulters) leaves such a
region; a strong but honest signal climbs gradually, so its neighbouring rows are nearly as
pure. Also the shared judgement of any subset (a missing value, a placeholder, a format)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier

from leakage_checks.certainty import Subset, certain_subset
from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.levels import level_groups
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, count, ngettext, pct, significant
from leakage_checks.util import (
    after_outcome_value_words,
    after_outcome_words,
    days,
    is_number,
    share_after_prediction,
    training_sample,
)

MAX_LEVELS = 30  # categories one-hot encoded per column, the most frequent first


def tree_matrix(X: pd.DataFrame, min_rows: int) -> tuple[pd.DataFrame, dict[str, tuple]]:
    """The columns as numbers a tree can split: numbers and dates as they are (missing values
    kept, the tree routes them), categories one-hot by level (levels on at least `min_rows`
    rows, and a level for missing). Returns the matrix and, per matrix column, its source
    column and the level (None for a number)."""
    out, source = {}, {}
    for name, col in X.items():
        if pd.api.types.is_datetime64_any_dtype(col):
            out[name], source[name] = days(col).to_numpy(), (name, None)
        elif is_number(col) or pd.api.types.is_bool_dtype(col):
            out[name] = col.to_numpy(dtype="float64", na_value=np.nan)
            source[name] = (name, None)
        else:
            text = col.astype("str").where(col.notna(), "(missing)")
            counts = text.value_counts()
            for level in counts[counts >= min_rows].index[:MAX_LEVELS]:
                key = f"{name}={level}"
                out[key], source[key] = (text == level).to_numpy(dtype="float64"), (name, level)
    return pd.DataFrame(out, index=X.index), source


def _steps(tree, node_path: list[int], names: list[str], source: dict):
    """Each split on the way to a leaf: (matrix column, source column, level or None, whether
    the way goes left, the split's node)."""
    t = tree.tree_
    for parent, child in itertools.pairwise(node_path):
        key = names[t.feature[parent]]
        col, level = source[key]
        yield key, col, level, child == t.children_left[parent], parent


def describe(
    tree, node_path: list[int], names: list[str], source: dict, gaps: set[str]
) -> tuple[str, list[str]]:
    """The conditions on the way to a leaf, in words, and the source columns they read
    (`gaps`: the matrix columns with missing values, whose side of each split is said)."""
    t = tree.tree_
    words, columns = [], []
    for key, col, level, left, parent in _steps(tree, node_path, names, source):
        missing = key in gaps and bool(t.missing_go_to_left[parent]) == left
        if level is not None:
            said = _("'{column}' is not '{level}'") if left else _("'{column}' is '{level}'")
            words.append(said.format(column=col, level=level))
        elif not np.isfinite(t.threshold[parent]):  # the split parts missing values from all
            said = _("'{column}' is missing") if missing else _("'{column}' is filled in")
            words.append(said.format(column=col))
        else:
            if missing:
                said = (
                    _("'{column}' ≤ {value} or missing")
                    if left
                    else _("'{column}' > {value} or missing")
                )
            else:
                said = "'{column}' ≤ {value}" if left else "'{column}' > {value}"
            words.append(said.format(column=col, value=significant(t.threshold[parent], 4)))
        columns.append(col)
    where = words[0] if words else ""
    for word in words[1:]:
        where = _("{conditions} and {condition}").format(conditions=where, condition=word)
    return where, list(dict.fromkeys(reversed(columns)))


def levels_on(
    tree, node_path: list[int], names: list[str], source: dict, rows: np.ndarray
) -> tuple[tuple[str, ...], bool]:
    """The category levels the rows on the way to a leaf have ("'status' is 'closed'"; not
    those they lack), and whether the way turns on missing values (`rows`: the subset's rows of
    the matrix): a split parts a number's missing values from all its values (either side), a
    number's missing values go this way and the subset holds some, or a category's level for
    missing is asked. A tree sends a number's blanks to one side even where the rows it was
    fitted on had none: that alone is no turn on missing values."""
    t, levels, missing = tree.tree_, [], False
    for key, _col, level, left, parent in _steps(tree, node_path, names, source):
        if level is not None:
            levels += [] if left else [level]
            missing = missing or level == "(missing)"
        elif not np.isfinite(t.threshold[parent]):
            missing = True
        elif bool(t.missing_go_to_left[parent]) == left:
            missing = missing or bool(np.isnan(rows[:, names.index(key)]).any())
    return tuple(levels), missing


ZERO_APART_LEVELS = 10  # values besides 0 an amount holds (fewer: a flag or a few codes)


def zero_apart(column: np.ndarray, inside: np.ndarray) -> bool:
    """Whether the rows `inside` all read 0 in an amount whose other values start far above 0
    (above 1, and at least a tenth of their median): a figure cleared, as a blank is, not the
    low end of a count or a balance that runs down to 0."""
    here = column[inside]
    if not len(here) or not (here == 0).all():
        return False
    rest = column[np.isfinite(column) & (column != 0)]
    if len(np.unique(rest)) < ZERO_APART_LEVELS:
        return False  # a flag or a few codes, not an amount
    return rest.min() > 1 and rest.min() >= 0.1 * np.median(rest)


def zeroed_on(tree, node_path: list[int], names: list[str], source: dict, values, inside) -> bool:
    """Whether the way to a leaf reads a number whose subset rows (`inside`, a mask over the
    rows of the matrix `values`) are all 0, standing apart from its other values (`zero_apart`;
    a date at day 0, 1 January 1970, is a cleared date)."""
    return any(
        level is None and zero_apart(values[:, names.index(key)], inside)
        for key, _col, level, _left, _parent in _steps(tree, node_path, names, source)
    )


def _paths(tree) -> dict[int, list[int]]:
    t, paths, stack = tree.tree_, {}, [(0, [0])]
    while stack:
        node, path = stack.pop()
        if t.children_left[node] == -1:
            paths[node] = path
            continue
        stack += [(t.children_left[node], [*path, t.children_left[node]])]
        stack += [(t.children_right[node], [*path, t.children_right[node]])]
    return paths


def adjacent_rate(inside: np.ndarray, values: np.ndarray, y: np.ndarray, label: int) -> float:
    """The class's share among the rows nearest in value to a subset of a number, outside it
    (a quarter as many as the subset holds, at least 20, whole tied values included): an honest
    signal climbs through its neighbouring values, a recorded outcome jumps next to them."""
    outside = ~inside & np.isfinite(values)
    if not np.isfinite(values[inside]).any() or not outside.any():
        return float("nan")
    lo, hi = np.nanmin(values[inside]), np.nanmax(values[inside])
    v = values[outside]
    gap = np.where(v < lo, lo - v, np.where(v > hi, v - hi, 0.0))
    k = min(len(gap), max(20, int(np.ceil(0.25 * inside.sum()))))
    near = gap <= np.sort(gap)[k - 1]
    return float((y[outside][near] == label).mean())


def opposite_end(
    inside: np.ndarray, values: np.ndarray, y: np.ndarray, label: int, jump: float
) -> int | None:
    """Another class certain at the other end of a number whose subset sits at one end: the
    values from that end, whole values at a time, all of one class other than `label` — at
    least 5 rows, `jump` purer than the rows next to them in value, and a run that the class's
    rate in those rows makes a 1-in-1,000 chance (an honest signal is nearly as pure next door)."""
    finite = np.isfinite(values)
    if not (finite & inside).any():
        return None
    lo, hi = np.nanmin(values[inside]), np.nanmax(values[inside])
    top, bottom = hi >= np.nanmax(values[finite]), lo <= np.nanmin(values[finite])
    if top == bottom:
        return None  # a middle band, or the whole range
    rows = finite & ~inside
    key = -values[rows] if bottom else values[rows]  # from the other end inwards
    order = np.argsort(key, kind="stable")
    key, c = key[order], y[rows][order]
    if not len(c) or c[0] == label:
        return None
    mixed = np.flatnonzero(c != c[0])
    run = int(mixed[0]) if len(mixed) else len(c)
    run = int(np.searchsorted(key, key[run])) if run < len(c) else run  # whole values only
    if run < 5 or run >= len(c):
        return None
    beyond = c[run : run + max(20, run // 2)]
    near = float((beyond == c[0]).mean())
    if 1 - near < jump or max(near, 1e-12) ** run >= 1e-3:
        return None
    return int(c[0])


def halves(y: np.ndarray, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Two halves of the rows, each class split evenly: one fits, the other judges."""
    return list(StratifiedKFold(2, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


def leaf_subsets(
    M: pd.DataFrame,
    y: np.ndarray,
    settings: dict,
    seed: int,
    source: dict,
    depth: int = 3,
    parts: list | None = None,
    jump: float | None = None,
):
    """Fit a tree of `depth` on one half of the rows and judge each leaf on the other half
    against its sibling — and, for a number alone, against the rows next to it in value: a
    certainty reached gradually is no subset; then the halves swap. Yields (Subset, words,
    columns). `jump` replaces `subset_jump` for both comparisons."""
    jump = settings["subset_jump"] if jump is None else jump
    n = len(M)
    min_leaf = max(10, int(settings["subset_min_share"] * n / 2))
    values, names = M.to_numpy(), list(M.columns)
    gaps = set(M.columns[M.isna().any().to_numpy()])
    number = M.shape[1] == 1 and source[names[0]][1] is None
    for fit, judge in parts or halves(y, seed):
        tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=min_leaf, random_state=seed)
        tree.fit(values[fit], y[fit])
        reached = tree.decision_path(values[judge]).toarray().astype(bool)
        for leaf, path in _paths(tree).items():
            if len(path) < 2:
                continue
            parent = path[-2]
            t = tree.tree_
            sibling = (
                t.children_right[parent]
                if t.children_left[parent] == leaf
                else t.children_left[parent]
            )
            found = certain_subset(
                reached[:, leaf],
                reached[:, sibling],
                y[judge],
                settings,
                n,
                strict=depth > 2,
                jump=jump,
            )
            if found is not None and number and found.purity < settings["subset_number_purity"]:
                continue  # an honest score's end level, nearly certain
            if found is not None and number:
                near = adjacent_rate(reached[:, leaf], values[judge, 0], y[judge], found.label)
                if found.purity - near < jump:
                    continue  # the class grows certain through the values next to it
                found.adjacent_rate = near
                found.opposite = opposite_end(
                    reached[:, leaf], values[judge, 0], y[judge], found.label, jump
                )
            if found is not None:
                share = t.value[leaf, 0] / t.value[leaf, 0].sum()
                fitted = int(t.n_node_samples[leaf])
                hits = round(share[list(tree.classes_).index(found.label)] * fitted)
                found.fit_counts = (hits, fitted)
                words, columns = describe(tree, path, names, source, gaps)
                found.positions = judge[reached[:, leaf]]
                inside = values[found.positions].astype("float64")
                found.levels, found.missing = levels_on(tree, path, names, source, inside)
                mask = np.zeros(n, dtype=bool)
                mask[found.positions] = True
                found.zeroed = zeroed_on(tree, path, names, source, values, mask)
                yield found, words, columns


def subset_finding(
    check: str,
    found: Subset,
    where: str,
    columns: list[str],
    examined: int,
    one_sided: bool,
    context: tuple,
) -> Finding:
    """The finding for a subset of `columns` found by `check`, in `context` (frames, roles,
    settings). A warning whatever the share of its class when only one outcome is certain in
    its columns (`one_sided`: it may be an honest step) and nothing points after the outcome
    (`points_after_outcome`). Information when the contract says its columns are known by the
    decision and nothing points after the outcome, one-sided or not: honest rules can settle
    the outcome on both sides of a column (a spinal injury always flown out, a sprain never),
    and the data cannot date it against the contract."""
    frames, roles, settings = context
    after = points_after_outcome(found, columns, frames, roles, settings)
    step = one_sided and not after
    declared = set(columns) <= set(roles.known_at_prediction) and not after
    classes = roles.classes
    what = class_word(found.label, classes)
    severity = "info" if declared else "warning" if step else found.severity
    return Finding(
        check=check,
        severity=severity,
        columns=columns,
        evidence=subset_evidence(found, examined),
        message=_subset_message(step, declared).format(where=where, **subset_words(found, what)),
        fix=ngettext(
            "Ask when {columns} is recorded for these rows. If after the outcome, mark the "
            "column known_at_prediction: false in the contract (or clear the values written "
            "later).",
            "Ask when {columns} are recorded for these rows. If after the outcome, mark the "
            "column known_at_prediction: false in the contract (or clear the values written "
            "later).",
            len(columns),
        ).format(columns=", ".join(repr(c) for c in columns)),
    )


def subset_evidence(found, examined: int) -> dict:
    """A certain subset's evidence as a finding keeps it: its rows, how pure, against what
    beside it, how much of its class, how unlikely by chance, and the training rows examined
    (sampled beyond model_check_max_rows)."""
    return {
        "rows": found.rows,
        "purity": round(found.purity, 4),
        "neighbour_rate": round(found.neighbour_rate, 4),
        "share_of_class": round(found.class_share, 4),
        "p_value": float(f"{found.p_value:.3g}"),
        "rows_examined": examined,
    }


def subset_words(found, what: str) -> dict[str, str]:
    """The figures a certain subset's message shows, formatted for the reader."""
    return {
        "what": what,
        "purity": pct(found.purity, 1),
        "rows": count(found.rows),
        "share": pct(found.class_share, 0),
        "neighbours": pct(found.neighbour_rate, 0),
    }


def class_word(label: int, classes: list[str] = ()) -> str:
    """A class in words: its name when the caller gave the names, else its code."""
    if label < len(classes):
        return f"'{classes[label]}'"
    return _("class {label}").format(label=label)


@register(
    "pure_subsets",
    N_("Is the outcome certain in a subset of rows, right next to rows where it is not?"),
)
def pure_subsets(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if roles.task == "regression":
        raise NotApplicable(_("a subset where the outcome is certain is defined for classes"))
    if not roles.features:
        raise NotApplicable(_("there are no model inputs"))
    X, ys = training_sample(frames, roles, settings)
    y = ys.to_numpy().astype(int)
    if np.bincount(y).min() < 2 or len(y) < 40:
        raise NotApplicable(_("too few training rows of some class to split in halves"))
    M, source = tree_matrix(X, max(10, int(settings["subset_min_share"] * len(X))))
    if M.shape[1] == 0:
        raise NotApplicable(_("no model input can be split"))
    parts = halves(y, roles.seed)
    # each column alone (a depth-2 tree finds a pure band at either end, or a pure level),
    # then all together (a depth-3 tree finds a subset defined by two or three columns), then
    # each category's levels that are all of one class, together (levels each too small)
    scans = [(M[[c]], 2) for c in M.columns] + [(M, 3)]
    best: dict[tuple, tuple] = {}
    sides: dict[tuple, set[int]] = {}  # the classes certain somewhere in these columns
    side_jump = settings["subset_side_jump"]
    candidates = itertools.chain(
        (
            found
            for matrix, depth in scans
            for found in leaf_subsets(
                matrix, y, settings, roles.seed, source, depth, parts, jump=side_jump
            )
        ),
        level_groups(X, y, settings, parts, jump=side_jump),
    )
    side_purity = settings["subset_side_purity"]
    for found, words, columns in candidates:
        key = tuple(columns)
        # a subset that stands on its own is a side; one reached with the smaller jump only
        # when every row of it is of its class (an honest level can hold a few of the other)
        side = found.full(settings["subset_jump"]) or found.purity >= side_purity
        sides.setdefault(key, set()).update(
            ({found.label} if side else set())
            | ({found.opposite} if found.opposite is not None else set())
        )
        if not found.full(settings["subset_jump"]):
            continue  # certain, but reached with too small a jump to stand on its own
        if key not in best or found.class_share > best[key][0].class_share:
            best[key] = (found, words, columns)
    ordered = sorted(best.values(), key=lambda f: (f[0].severity != "critical", -f[0].class_share))
    out = []
    for f, w, c in ordered[:3]:
        one_sided = len(sides[tuple(c)]) < 2
        context = (frames, roles, settings)
        out.append(subset_finding("pure_subsets", f, w, c, len(y), one_sided, context))
    return out


def points_after_outcome(found, columns: list[str], frames, roles, settings: dict) -> bool:
    """Evidence besides the certainty (`found`, a Subset) that the columns are written after
    the outcome: the subset is reached through missing values, or a date column lies after the
    prediction time; or — when the subset is certain over both halves of the rows, the one that
    chose it and the one that judged it (`Subset.certain_over_both_halves`) — it reads an amount
    cleared to 0 (`zero_apart`), a column's name says so ('status', 'closed', 'days_late'), or
    a category level its rows have does ('final pay run', 'paid'). A field written from the
    outcome is certain everywhere; an honest rule certain in one half by chance ('final warning
    tag': nine in ten rejected) is not in the other."""
    if found.missing:
        return True
    certain = found.certain_over_both_halves(settings)
    if certain and found.zeroed:
        return True
    if certain and any(after_outcome_words(c) for c in columns):
        return True
    if certain and any(after_outcome_value_words(level) for level in found.levels):
        return True
    late = settings["late_dates_warning"]
    return any(share_after_prediction(frames, roles, c) >= late for c in columns)


def _subset_message(step: bool, declared: bool) -> str:
    """The finding's sentences: a certainty that arrives all at once, and for a one-sided step
    what may make it honest."""
    if not step and declared:
        return _(
            "Where {where}, the outcome is {what} in {purity} of rows ({rows} rows, {share} of "
            "all {what} rows), against {neighbours} in the rows next to them: a certainty that "
            "arrives all at once, as when a field records the outcome for some rows, not as an "
            "honest signal builds up. Both outcomes are certain in parts of these columns, and "
            "nothing else — their timing, their missing values, their names — says they are "
            "recorded after the outcome; the contract says they are known by the decision. "
            "Honest rules can settle an outcome on both sides; check that the contract dates "
            "the columns right."
        )
    if not step:
        return _(
            "Where {where}, the outcome is {what} in {purity} of rows ({rows} rows, {share} of "
            "all {what} rows), against {neighbours} in the rows next to them: a certainty that "
            "arrives all at once, as when a field records the outcome for some rows, not as an "
            "honest signal builds up."
        )
    if declared:
        return _(
            "Where {where}, the outcome is {what} in {purity} of rows ({rows} rows, {share} of "
            "all {what} rows), against {neighbours} in the rows next to them: a certainty that "
            "arrives all at once, as when a field records the outcome for some rows, not as an "
            "honest signal builds up. Only one outcome is ever certain here, and nothing else — "
            "the columns' timing, their missing values, their names — says they are recorded "
            "after the outcome: it may be an honest step, such as a business rule or a settled "
            "fact, and the contract says the columns are known by the decision."
        )
    return _(
        "Where {where}, the outcome is {what} in {purity} of rows ({rows} rows, {share} of all "
        "{what} rows), against {neighbours} in the rows next to them: a certainty that arrives "
        "all at once, as when a field records the outcome for some rows, not as an honest signal "
        "builds up. Only one outcome is ever certain here, and nothing else — the columns' "
        "timing, their missing values, their names — says they are recorded after the outcome: "
        "it may be an honest step, such as a business rule or a settled fact; the contract does "
        "not say when the columns become known."
    )
