"""The same entity (customer, patient, device) on both sides of the split."""

from __future__ import annotations

import re

import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register

ID_NAME = re.compile(
    r"(^|[_\s-])(id|key|code|number|no|nr|account|customer|client|patient|user|device)$", re.I
)


def entity_candidates(frame: pd.DataFrame, exclude: set[str], settings: dict) -> list[str]:
    """Columns that look like an undeclared entity key: codes (text, or integers named like an
    id) with many distinct values — at least `entity_min_distinct_share` of rows and 20 — that
    repeat, between `entity_min_rows_per_value` and `entity_max_rows_per_value` rows each.
    Integer measurements (age, amount) repeat too but are not entities, hence the name test."""
    out = []
    n = len(frame)
    for name, col in frame.items():
        if name in exclude or pd.api.types.is_float_dtype(col) or pd.api.types.is_bool_dtype(col):
            continue
        if pd.api.types.is_datetime64_any_dtype(col):
            continue
        if pd.api.types.is_integer_dtype(col) and not ID_NAME.search(str(name)):
            continue
        distinct = col.nunique(dropna=True)
        if distinct < 20:
            continue
        per_value = col.notna().sum() / distinct
        if (
            distinct / n >= settings["entity_min_distinct_share"]
            and settings["entity_min_rows_per_value"]
            <= per_value
            <= settings["entity_max_rows_per_value"]
        ):
            out.append(name)
    return out


@register(
    "entity_overlap",
    "Does the same entity (customer, patient, ...) appear in both the training and test parts?",
)
def entity_overlap(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    findings = []
    grouped_by = roles.group_column if roles.split_strategy == "group" else None
    columns = list(frames.X_train.columns)
    declared = [c for c in [roles.group_column] if c and c in columns and c != grouped_by]
    undeclared = entity_candidates(
        pd.concat([frames.X_train, frames.X_test]),
        {*declared, *(c for c in [grouped_by] if c)},
        settings,
    )
    for col in [*declared, *undeclared]:
        train_keys = set(frames.X_train[col].dropna().astype("str"))
        test = frames.X_test[col].astype("str").where(frames.X_test[col].notna())
        shared = test.isin(train_keys).to_numpy()
        share = float(shared.mean())
        if share < settings["entity_overlap_warning"]:
            continue
        is_declared = col in declared
        findings.append(
            Finding(
                check="entity_overlap",
                severity="critical"
                if is_declared and share >= settings["entity_overlap_critical"]
                else "warning",
                columns=[col],
                evidence={
                    "share_test_rows_with_entity_in_train": round(share, 4),
                    "distinct_values": int(
                        frames.X_train[col].nunique() + frames.X_test[col].nunique()
                    ),
                    "mean_rows_per_value": round(
                        float(len(frames.X_train) + len(frames.X_test))
                        / max(1, pd.concat([frames.X_train[col], frames.X_test[col]]).nunique()),
                        2,
                    ),
                },
                message=(
                    f"{share:.0%} of test rows share their '{col}' with training rows. "
                    + (
                        "It is the declared group column, but the split did not keep groups together:"
                        if is_declared
                        else f"'{col}' looks like an entity key (many distinct values that repeat):"
                    )
                    + " the model can recognise the entity instead of learning the pattern, so the "
                    "holdout overstates how it will do on new entities."
                ),
                fix=(
                    f"If '{col}' identifies an entity, declare it (role: group in the contract, "
                    f"split.strategy: group and split.group_column: {col} in the spec) and re-run."
                ),
            )
        )
    return findings
