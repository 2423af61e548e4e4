"""What a column is, from its values: the inference `workbench init` writes into a new contract
(type, role, ranges, allowed values, personal data, free text, identifiers), each decision with
the reason it was made, in words."""

from __future__ import annotations

import re

import pandas as pd

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.detection import date_columns
from workbench.inputs.formats import DateFormat, parse_dates
from workbench.inputs.personal_data import free_text, mask_column, masks_in_words, personal_data

ID_NAMES = re.compile(r"(^|_)(id|key|uuid|guid|rownames|index)$", re.I)


def infer_task(y: pd.Series) -> str:
    distinct = y.nunique(dropna=True)
    if distinct == 2:
        return "binary"
    if pd.api.types.is_float_dtype(y) and distinct > 20:
        return "regression"
    if pd.api.types.is_numeric_dtype(y) and distinct > 20:
        return "regression"
    return "multiclass"


def infer_column(name: str, col: pd.Series, n: int, dates: DateFormat | None = None) -> dict:
    """Type, role hints and checks for one column, from its values (`dates`: the format its
    text dates were found in). The key "why" says, in words, what was decided and why."""
    present = col.dropna()
    spec: dict = {}
    why: list[str] = []
    distinct = int(present.nunique())
    if pd.api.types.is_bool_dtype(col):
        spec["type"] = "boolean"
    elif pd.api.types.is_numeric_dtype(col):
        integral = len(present) and bool((present.astype("float64") % 1 == 0).all())
        spec["type"] = "integer" if pd.api.types.is_integer_dtype(col) or integral else "float"
        if len(present):
            lo, hi = present.min(), present.max()
            spec["min"], spec["max"] = _plain(lo), _plain(hi)
    elif pd.api.types.is_datetime64_any_dtype(col) or dates is not None:
        spec["type"] = "datetime"
        if dates is not None:
            spec["format"] = dates.formats[0] if len(dates.formats) == 1 else list(dates.formats)
            why.append(dates.label)
        parsed = col if dates is None else parse_dates(col, dates.formats, dayfirst=False)
        parsed = pd.to_datetime(parsed, errors="coerce") if dates is None else parsed
        if parsed.notna().any():
            spec["min"], spec["max"] = str(parsed.min().date()), str(parsed.max().date())
    else:
        _infer_text(name, col, present, n, distinct, spec, why)
    spec["nullable"] = bool(col.isna().any())
    id_like = (
        distinct == len(present) == n
        and spec["type"] in ("integer", "string")
        and spec.get("role") is None
        and (ID_NAMES.search(name) or spec["type"] == "string" or _consecutive(present))
    )
    if id_like:
        spec["role"], spec["unique"] = "id", True
        spec.pop("min", None), spec.pop("max", None)
        why.append("every value different: an identifier, not a model input")
    elif distinct == 0 and spec.get("role") is None:
        spec["role"] = "exclude"
        why.append("every value missing: nothing to learn from, not a model input")
    spec["why"] = why
    return spec


TEXT_INPUT = "free text: a model input, read as words and character n-grams fitted inside each fold"


def text_input(col: pd.Series, spec: dict, why: list[str], reason: str) -> None:
    """Make `col` a free-text model input, saying why and what personal data inside it will be
    masked before anything is stored."""
    spec["type"], spec["role"] = "string", "text"
    why.append(reason)
    _, found = mask_column(col.dropna().astype("str"))
    if found:
        why.append(
            f"personal data inside it is masked before anything is stored ({masks_in_words(found)})"
        )


def _infer_text(name, col, present, n, distinct, spec, why) -> None:
    """A text column: personal data, free text, a category or a string."""
    pii = personal_data(name, col)
    if pii is None and free_text(col):
        text_input(col, spec, why, TEXT_INPUT + " (long, many distinct words)")
        return
    if pii is not None:
        spec["type"], spec["pii"], spec["role"] = "string", True, "exclude"
        why.append(f"personal data ({pii}): never a model input, never in the run directory")
        return
    if distinct <= max(20, min(200, n // 20)):
        spec["type"] = "category"
        if distinct <= 50:
            spec["allowed"] = sorted(map(str, present.unique()))
    else:
        spec["type"] = "string"
        if distinct < len(present):
            why.append(
                f"{distinct:,} categories: encoded inside the pipeline by target statistics "
                "(cross-fitted), not one by one"
            )


def _consecutive(values: pd.Series) -> bool:
    v = pd.to_numeric(values, errors="coerce").dropna().sort_values().to_numpy()
    return len(v) > 1 and bool(((v[1:] - v[:-1]) == 1).mean() > 0.95)


def _plain(v):
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def infer_contract(
    frame: pd.DataFrame,
    target: str,
    *,
    time_column: str | None = None,
    group_column: str | None = None,
    sensitive: list[str] = (),
    pii: list[str] = (),
    data_file: str = "DATA",
    dates: dict[str, DateFormat] | None = None,
    text: list[str] = (),
) -> dict[str, dict]:
    """Every column's contract entry (`dates`: the text date columns and their formats, as
    `workbench init` detected them; found here when not given; `text`: the columns declared
    free text)."""
    cols = list(map(str, frame.columns))
    dates = date_columns(frame, None, data_file) if dates is None else dates
    named = [
        ("--target", target),
        ("--time-column", time_column),
        ("--group-column", group_column),
        *[("--sensitive", s) for s in sensitive],
        *[("--pii", p) for p in pii],
        *[("--text", t) for t in text],
    ]
    for option, col in named:
        if col is not None and col not in cols:
            raise BadInput(
                f"{option} names '{col}', which is not a column of the data.{did_you_mean(col, cols)}",
                file=data_file,
                field=option,
                fix=f"use one of: {', '.join(cols[:30])}",
            )
    out = {}
    for name in cols:
        spec = infer_column(name, frame[name], len(frame), dates.get(name))
        why = spec["why"]
        if name == target:
            spec["role"] = "target"
            spec.pop("unique", None)
            spec.pop("pii", None)
            if spec["type"] == "string" and frame[name].nunique() <= 50:
                spec["type"] = "category"
            why[:] = ["the outcome to predict (--target)"]
        elif name == time_column:
            spec["role"] = "time"
            spec["type"] = "datetime"
            why.append("the time column (--time-column): the split follows it")
        elif name == group_column:
            spec["role"], spec["unique"] = "group", False
            why.append(
                "the group column (--group-column): its rows stay together"
                + ("; kept in the run only as a keyed hash" if spec.get("pii") else "")
            )
        elif spec["type"] == "datetime" and spec.get("role", "feature") == "feature":
            why.append("a date: the model reads its year, month and weekday")
        if name in sensitive:
            spec["sensitive"] = True
            why.append("sensitive (--sensitive): judged for fairness, not a model input")
        if name in pii and name != group_column:
            spec["pii"], spec["role"] = True, "exclude"
            why[:] = ["personal data (--pii): never a model input, never in the run directory"]
        elif name in pii:
            spec["pii"] = True
        if name in text and name not in (target, time_column, group_column, *pii):
            _declared_text(name, frame[name], spec, data_file)
        out[name] = spec
    _main_evidence(out)
    return out


def _declared_text(name: str, col: pd.Series, spec: dict, data_file: str) -> None:
    """A column the consultant declared free text (--text): a model input read as words."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        raise BadInput(
            f"--text names '{name}', which holds {'numbers' if pd.api.types.is_numeric_dtype(col) else 'dates'}, not text",
            file=data_file,
            field="--text",
            fix="name a column of written text (a description, a message, a note)",
        )
    for key in ("allowed", "unique", "min", "max"):
        spec.pop(key, None)
    spec.pop("pii", None)
    spec["why"] = []
    text_input(col, spec, spec["why"], TEXT_INPUT + " (--text)")


def _main_evidence(columns: dict[str, dict]) -> None:
    """Say so when free text is the study's main evidence: no other column is a model input."""
    inputs = [
        c
        for c, s in columns.items()
        if s.get("role", "feature") in ("feature", "text")
        and not s.get("pii")
        and not s.get("sensitive")
    ]
    text = [c for c in inputs if columns[c].get("role") == "text"]
    if text and len(text) == len(inputs):
        for c in text:
            columns[c]["why"].append("the main evidence: no other column is a model input")
