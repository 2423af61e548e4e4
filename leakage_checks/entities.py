"""The same entity (customer, patient, device) on both sides of the split."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, number, pct
from leakage_checks.split_sensitivity import (
    beyond_noise,
    enough_rows,
    group_gap,
    random_split_score,
)
from leakage_checks.util import sample_rows

ID_NAME = re.compile(
    r"(^|[_\s-])(id|key|code|number|no|nr|account|customer|client|patient|user|device)$", re.I
)
PAIRS = 4_000  # pairs of rows compared to judge whether a code's rows are one entity's records


def is_free_text(col: pd.Series) -> bool:
    """Sentences rather than codes: three words or 25 characters on average."""
    text = col.dropna().astype("str").head(2_000)
    if text.empty:
        return False
    return bool(text.str.split().str.len().mean() >= 3 or text.str.len().mean() >= 25)


def key_figure(codes: np.ndarray, column: pd.Series) -> bool:
    """Whether a column describes the key rather than the row: one value per key (on 95% of the
    rows of keys with two rows or more), and either the key written another way (as many values
    as 90% of the keys: its name, its code in another system) or a figure computed per key (a
    number with fractions: its rate, its average). Rows sharing an employer share its rate
    whoever they are: agreeing on it says which key a row has, not that two rows are one
    entity's records."""
    values = pd.factorize(column, use_na_sentinel=False)[0]
    pairs = pd.DataFrame({"key": codes, "value": values})[codes >= 0]
    per_key = pairs.groupby("key")["value"].agg(["nunique", "size"])
    repeated = per_key[per_key["size"] > 1]
    if repeated.empty:
        return False
    one_value = float(repeated.loc[repeated["nunique"] == 1, "size"].sum() / repeated["size"].sum())
    if one_value < 0.95:
        return False
    if pairs["value"].nunique() >= 0.9 * len(per_key):
        return True
    if not pd.api.types.is_float_dtype(column):
        return False
    numbers = column.dropna().to_numpy(dtype="float64")
    return bool(len(numbers)) and bool((numbers != np.round(numbers)).mean() >= 0.5)


def resemblance(frame: pd.DataFrame, key: str, seed: int) -> float:
    """How much rows sharing a value of `key` agree on the other columns, from chance (0) to
    identical (1): per column, (agreement within a value - agreement of random pairs) /
    (1 - agreement of random pairs), averaged over columns on which random rows mostly differ
    and that describe the row rather than the key (`key_figure`: a key's rate or name agrees
    within every key, whoever the rows are). An entity's records share its attributes; an
    employer's rows are different people."""
    rng = np.random.default_rng(seed)
    codes = pd.factorize(frame[key])[0]
    order = np.argsort(codes, kind="stable")
    same = (codes[order][1:] == codes[order][:-1]) & (codes[order][1:] >= 0)
    first, second = order[:-1][same], order[1:][same]
    if len(first) == 0:
        return 0.0
    pick = rng.choice(len(first), min(len(first), PAIRS), replace=False)
    first, second = first[pick], second[pick]
    rand_a, rand_b = rng.integers(0, len(frame), (2, PAIRS))
    values = []
    for name in frame.columns:
        if name == key:
            continue
        col = pd.factorize(frame[name], use_na_sentinel=False)[0]
        chance = float((col[rand_a] == col[rand_b]).mean())
        if chance > 0.9 or key_figure(codes, frame[name]):
            continue
        within = float((col[first] == col[second]).mean())
        values.append((within - chance) / (1 - chance))
    return float(np.mean(values)) if values else 0.0


def entity_candidates(
    frame: pd.DataFrame, exclude: set[str], settings: dict, seed: int = 0
) -> list[str]:
    """Columns that look like an undeclared entity key: codes (text that is not free text, or
    integers named like an id) with many distinct values — at least `entity_min_distinct_share`
    of rows and 20 — that repeat, between `entity_min_rows_per_value` and
    `entity_max_rows_per_value` rows each, on rows that resemble each other as one entity's
    records do (`entity_min_resemblance`). Integer measurements (age, amount) repeat too but
    are not entities, hence the name test; a category such as an employer repeats on rows of
    different people, hence the resemblance."""
    out = []
    n = len(frame)
    sample = frame.sample(min(n, 20_000), random_state=seed) if n > 20_000 else frame
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
        if not (
            distinct / n >= settings["entity_min_distinct_share"]
            and settings["entity_min_rows_per_value"]
            <= per_value
            <= settings["entity_max_rows_per_value"]
        ):
            continue
        if is_free_text(col):
            continue
        if resemblance(sample, name, seed) >= settings["entity_min_resemblance"]:
            out.append(name)
    return out


def _message(kind: str) -> tuple[str, str]:
    """What a finding says and asks, by kind: a declared group split apart, an undeclared
    entity returning after a split in time, one whose rows lift the score when split apart, one
    whose rows do not, and one with too few rows to tell."""
    declare = _(
        "If '{column}' identifies an entity, declare it (role: group in the contract, "
        "split.strategy: group and split.group_column: {column} in the spec) and re-run."
    )
    looks = _(
        "{share} of test rows share their '{column}' with training rows. '{column}' looks like "
        "an entity key (its values repeat on rows that resemble each other, as one entity's "
        "records do)."
    )
    if kind == "later":
        return _(
            "{share} of test rows share their '{column}' with earlier training rows. '{column}' "
            "looks like an entity key, and the split is in time: the holdout's entities came "
            "back after the training period, as existing customers do once the model is in use, "
            "so the holdout measures what the model will meet. Only if the model must serve new "
            "entities alone does it overstate the score."
        ), _(
            "Nothing to change if the model will serve the entities it has already seen. If it "
            "must serve new entities alone, declare '{column}' (role: group in the contract, "
            "split.strategy: group and split.group_column: {column} in the spec) and re-run."
        )
    if kind == "declared":
        return _(
            "{share} of test rows share their '{column}' with training rows. It is the declared "
            "group column, but the split did not keep groups together: the model can recognise "
            "the entity instead of learning the pattern, so the holdout overstates how it will "
            "do on new entities."
        ), declare
    if kind == "unmeasured":
        return looks + " " + _(
            "The model can recognise the entity instead of learning the pattern, so the holdout "
            "may overstate how it will do on new entities."
        ), declare
    if kind == "lifts":
        return looks + " " + _(
            "Within the training rows, a model scores {random} on a random split and {kept} when "
            "each '{column}' keeps its rows on one side: it recognises the entity instead of "
            "learning the pattern, so the holdout overstates how it will do on new entities."
        ), declare
    return looks + " " + _(
        "Within the training rows, a model scores {random} on a random split and {kept} when "
        "each '{column}' keeps its rows on one side, too close to matter: recognising the entity "
        "adds little that the other inputs do not say, and the holdout's score stands."
    ), _(
        "Nothing to change. If the model must serve new entities alone, declaring '{column}' "
        "as the group column keeps its rows together in the split."
    )


def _lift(frames: SplitFrames, roles: Roles, col: str, settings: dict):
    """The training rows' score on a random split and on a split that keeps `col`'s rows
    together, and whether the gap is beyond the scores' noise (None when there are too few rows
    or rows of a class to tell)."""
    cols = list(dict.fromkeys([*roles.features, col]))
    limit = int(settings["model_check_max_rows"])
    rows, y = sample_rows(frames.X_train[cols], frames.y_train, limit, roles.seed)
    y = y.to_numpy()
    if not roles.features or not enough_rows(y, roles.task):
        return None
    X, groups = rows[roles.features], rows[col].astype("str").to_numpy()
    specified = random_split_score(X, y, roles.task, roles.seed)
    gap = group_gap(X, y, groups, roles.task, roles.seed, specified)
    if gap is None:
        return None
    kept, z = gap
    return specified[0], kept, beyond_noise(specified[0] - kept, z, settings)


def _finding(frames, roles, col: str, share: float, declared: bool, settings: dict):
    both = pd.concat([frames.X_train[col], frames.X_test[col]])
    evidence = {
        "share_test_rows_with_entity_in_train": round(share, 4),
        "distinct_values": int(both.nunique()),
        "mean_rows_per_value": round(float(len(both)) / max(1, both.nunique()), 2),
    }
    lift = None
    if declared:
        kind = "declared"
    elif roles.split_strategy == "time":
        kind = "later"
    else:
        lift = _lift(frames, roles, col, settings)
        kind = "unmeasured" if lift is None else "lifts" if lift[2] else "holds"
    fill = {"share": pct(share, 0), "column": col}
    if lift is not None:
        evidence |= {
            "score_random_split": round(lift[0], 4),
            "score_kept_together": round(lift[1], 4),
        }
        fill |= {"random": number(lift[0], 3), "kept": number(lift[1], 3)}
    critical = declared and share >= settings["entity_overlap_critical"]
    severity = "critical" if critical else "info" if kind in ("later", "holds") else "warning"
    message, fix = _message(kind)
    return Finding(
        check="entity_overlap",
        severity=severity,
        columns=[col],
        evidence=evidence,
        message=message.format(**fill),
        fix=fix.format(**fill),
    )


@register(
    "entity_overlap",
    N_("Does the same entity (customer, patient, ...) appear in both the training and test parts?"),
)
def entity_overlap(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    """An entity's rows on both sides of the split. A declared group split apart is a warning
    (critical when half the holdout is known entities). An undeclared entity returning after a
    split in time is what the model will meet in use: stated. Under any other split, an
    undeclared entity is a warning when a split that keeps its rows together scores lower
    beyond the noise (or when there are too few rows to tell), and stated otherwise."""
    findings = []
    grouped_by = roles.group_column if roles.split_strategy == "group" else None
    columns = list(frames.X_train.columns)
    declared = [c for c in [roles.group_column] if c and c in columns and c != grouped_by]
    undeclared = entity_candidates(
        pd.concat([frames.X_train, frames.X_test]),
        {*declared, *(c for c in [grouped_by] if c)},
        settings,
        roles.seed,
    )
    for col in [*declared, *undeclared]:
        train_keys = set(frames.X_train[col].dropna().astype("str"))
        test = frames.X_test[col].astype("str").where(frames.X_test[col].notna())
        share = float(test.isin(train_keys).to_numpy().mean())
        if share >= settings["entity_overlap_warning"]:
            findings.append(_finding(frames, roles, col, share, col in declared, settings))
    return findings
