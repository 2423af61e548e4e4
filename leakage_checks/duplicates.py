"""Rows shared by the training and test parts (exact repeats, by hashing), judged two ways:
against the rate at which training rows repeat each other (copies that reached the test part
in particular), and against what the columns' cardinality lets chance repeat (records copied
throughout the extract: `repeats.chance_bound`). Coarse inputs repeat by nature. Copies of one
outcome's records, few among all test rows, are judged among that outcome's rows too
(`copies.one_outcome_copies`)."""

from __future__ import annotations

import numpy as np

from leakage_checks.copies import one_outcome_copies
from leakage_checks.finding import (
    SEVERITY_RANK,
    Finding,
    NotApplicable,
    Roles,
    SplitFrames,
    gravest,
)
from leakage_checks.registry import N_, register
from leakage_checks.repeats import (
    chance_bound,
    judge_chance,
    judge_excess,
    repeat_shares,
    row_hashes,
)
from leakage_checks.speech import _, pct, significant
from leakage_checks.subsets import class_word


@register(
    "shared_rows",
    N_(
        "Do test rows repeat training rows more often than chance, or than training rows "
        "repeat each other?"
    ),
)
def shared_rows(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = roles.features
    if not cols or len(frames.X_test) == 0 or len(frames.X_train) < 2:
        raise NotApplicable(_("there are no model inputs or no rows on one side of the split"))
    train, test = row_hashes(frames.X_train[cols]), row_hashes(frames.X_test[cols])
    overall = _all_rows(frames, roles, settings, *repeat_shares(train, test))
    if overall is not None and overall.severity == "critical":
        return [overall]
    # copies of one outcome's records, judged among its rows, however few among all rows
    one = one_outcome_copies(frames, roles, settings, np.concatenate([train, test]))
    if (
        one is not None
        and SEVERITY_RANK[one[1].severity]
        < SEVERITY_RANK[None if overall is None else overall.severity]
    ):
        return [_one_outcome(*one, roles)]
    return [] if overall is None else [overall]


def _all_rows(frames, roles, settings, across, within) -> Finding | None:
    """The finding of test rows repeating training rows, all rows together (None: under 1% of
    them repeat one)."""
    cols = roles.features
    train_xy = row_hashes(frames.X_train[cols].assign(__y=frames.y_train.to_numpy()))
    test_xy = row_hashes(frames.X_test[cols].assign(__y=frames.y_test.to_numpy()))
    across_xy, _unused = repeat_shares(train_xy, test_xy)
    share_x, share_w = float(across.mean()), float(within.mean())
    evidence = {
        "test_rows": len(across),
        "share_test_rows_repeating_training": round(share_x, 4),
        "share_training_rows_repeating_training": round(share_w, 4),
        "share_features_and_target_in_train": round(float(across_xy.mean()), 4),
    }
    if share_x < 0.01:
        return None
    excess, p, severity = judge_excess(across, within, settings, "shared_rows")
    # parts made to differ (later rows, other groups) may repeat each other more than training
    # rows do, honestly: there only chance's bound judges
    drifted = severity is not None and roles.split_strategy in ("time", "group")
    if drifted:
        severity = None
    chance, columns, shared = chance_bound(frames.X_train[cols], roles.seed)
    c_excess, c_p, c_severity = judge_chance(across, chance, settings)
    evidence["chance_share_at_most"] = round(chance, 4)
    if c_severity is not None and gravest(c_severity, severity) == c_severity:
        evidence |= {"excess_over_chance": round(c_excess, 4), "p_value": float(f"{c_p:.3g}")}
        if shared is None:
            return _completed(share_x, chance, columns, c_excess, c_p, c_severity, evidence)
        evidence["distinct_records_sharing_their_value"] = round(shared, 4)
        return _copied(share_x, chance, columns, shared, c_excess, c_p, c_severity, evidence)
    evidence |= {"excess_over_chance": round(excess, 4), "p_value": float(f"{p:.3g}")}
    if drifted:
        return _drifted(share_x, share_w, chance, evidence)
    if severity is not None:
        return _concentrated(share_x, share_w, excess, p, severity, evidence)
    return _coarse(share_x, share_w, chance, evidence)


def _coarse(share, within, chance, evidence) -> Finding:
    return Finding(
        check="shared_rows",
        severity="info",
        columns=[],
        evidence=evidence,
        message=_(
            "{share} of test rows have the same model inputs as a training row, about as "
            "often as training rows repeat each other ({within}) and within what the "
            "columns' values let chance repeat (up to {chance}): the inputs are coarse. New "
            "rows will repeat training rows as often."
        ).format(share=pct(share), within=pct(within), chance=pct(chance)),
        fix=_(
            "Nothing to fix for the split. If the repeats are duplicated records rather "
            "than coarse inputs, remove them before splitting (the data audit counts them)."
        ),
    )


def _copied(share, chance, columns, shared, excess, p, severity, evidence) -> Finding:
    message = (
        _(
            "{share} of test rows repeat a training row exactly, though chance can repeat at "
            "most {chance} of rows: only {shared} of the distinct records share their value of "
            "'{column}' with another, and a row repeats another only if every value does. "
            "{excess} of the holdout are copies of records (p = {p}), scored as rows the model "
            "was trained on."
        )
        if len(columns) == 1
        else _(
            "{share} of test rows repeat a training row exactly, though chance can repeat at "
            "most {chance} of rows: only {shared} of the distinct records share their values of "
            "both '{column}' and '{other}' with another, and a row repeats another only if every "
            "value does. {excess} of the holdout are copies of records (p = {p}), scored as rows "
            "the model was trained on."
        )
    )
    return Finding(
        check="shared_rows",
        severity=severity,
        columns=[],
        evidence=evidence,
        message=message.format(
            share=pct(share),
            chance=pct(chance),
            shared=pct(shared),
            column=columns[0] if columns else "",
            other=columns[1] if len(columns) > 1 else "",
            excess=pct(excess),
            p=significant(p),
        ),
        fix=_copies_fix(),
    )


def _completed(share, chance, columns, excess, p, severity, evidence) -> Finding:
    return Finding(
        check="shared_rows",
        severity=severity,
        columns=[],
        evidence=evidence,
        message=_(
            "{share} of test rows repeat a training row exactly, though chance can repeat at "
            "most about {chance} of rows: training rows that agree on every column but "
            "'{column}' and '{other}' seldom agree on both, as copies of a record always do. "
            "{excess} of the holdout are copies of records (p = {p}), scored as rows the model "
            "was trained on."
        ).format(
            share=pct(share),
            chance=pct(chance),
            column=columns[0],
            other=columns[1],
            excess=pct(excess),
            p=significant(p),
        ),
        fix=_copies_fix(),
    )


def _drifted(share, within, chance, evidence) -> Finding:
    return Finding(
        check="shared_rows",
        severity="info",
        columns=[],
        evidence=evidence,
        message=_(
            "{share} of test rows have the same model inputs as a training row, more often than "
            "training rows repeat each other ({within}), but within what the columns' values let "
            "chance repeat (up to {chance}). The split is in time or by group, so the test part "
            "may hold more of the common rows (accounts nobody uses, empty records) than the "
            "training part without any copying."
        ).format(share=pct(share), within=pct(within), chance=pct(chance)),
        fix=_(
            "Nothing to fix for the split. If the repeats are duplicated records rather than "
            "common rows, remove them before splitting (the data audit counts them)."
        ),
    )


def _copies_fix() -> str:
    """What to do about copies of records that chance cannot explain (one sentence for both
    ways of bounding chance)."""
    return _(
        "Find out why records appear more than once (an extract appended to itself, a record "
        "exported from two systems, several rows per entity). Remove the copies before "
        "splitting, or declare the entity as the group column and split by it."
    )


def _concentrated(share, within, excess, p, severity, evidence) -> Finding:
    return Finding(
        check="shared_rows",
        severity=severity,
        columns=[],
        evidence=evidence,
        message=_(
            "{share} of test rows have the same model inputs as a training row, where training "
            "rows repeat each other only {within} of the time: {excess} of the holdout are "
            "copies beyond chance (p = {p}). Their score measures how well the model remembers "
            "rows it was trained on."
        ).format(share=pct(share), within=pct(within), excess=pct(excess), p=significant(p)),
        fix=(
            _(
                "Find out how the copies reached the test part (records entered twice, an "
                "extract appended to itself, several rows per entity). Remove true duplicates "
                "before splitting, or declare the entity as the group column and split by it."
            )
        ),
    )


def _one_outcome(repeats, verdict, roles: Roles) -> Finding:
    share = float(repeats.across.mean())
    return Finding(
        check="shared_rows",
        severity=verdict.severity,
        columns=[],
        evidence={
            "share_test_rows_repeating_training": round(repeats.share_all, 4),
            "share_of_outcome_test_rows_repeating": round(share, 4),
            "chance_share_at_most": round(verdict.chance, 4),
            "excess_over_chance": round(verdict.excess, 4),
            "p_value": float(f"{verdict.p:.3g}"),
        },
        message=_(
            "{share} of test rows whose outcome is {outcome} repeat a training row of the same "
            "outcome exactly, though chance can repeat at most {chance} of that outcome's rows "
            "({all} of all test rows repeat a training row): records of this outcome copied — a "
            "second export, a join that fans out. {excess} of them are copies (p = {p}), scored "
            "as rows the model was trained on, and they weigh on the score as that outcome's "
            "rows do."
        ).format(
            share=pct(share),
            outcome=class_word(repeats.group.outcome, roles.classes),
            chance=pct(verdict.chance),
            all=pct(repeats.share_all),
            excess=pct(verdict.excess),
            p=significant(verdict.p),
        ),
        fix=_copies_fix(),
    )
