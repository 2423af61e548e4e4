"""`workbench init`: infer a data contract from the data and write it, with a spec, as
commented YAML a consultant edits."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pandas as pd

from workbench.errors import BadInput, did_you_mean
from workbench.inputs.metrics import DEFAULT_METRICS, METRICS

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
DATE_LIKE = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?|^\d{1,2}/\d{1,2}/\d{2,4}$"
)
ID_NAMES = re.compile(r"(^|_)(id|key|uuid|guid|rownames|index)$", re.I)
DEFAULT_THRESHOLDS = {"roc_auc": 0.75, "r2": 0.5}
DEFAULT_FAIRNESS_BOUND = "0.10"  # the decision's default when a spec agrees none


def infer_task(y: pd.Series) -> str:
    distinct = y.nunique(dropna=True)
    if distinct == 2:
        return "binary"
    if pd.api.types.is_float_dtype(y) and distinct > 20:
        return "regression"
    if pd.api.types.is_numeric_dtype(y) and distinct > 20:
        return "regression"
    return "multiclass"


def infer_column(name: str, col: pd.Series, n: int) -> dict:
    """Type, role hints and checks for one column, from its values."""
    present = col.dropna()
    sample = present.sample(min(len(present), 2000), random_state=0) if len(present) else present
    spec: dict = {}
    distinct = int(present.nunique())
    if pd.api.types.is_bool_dtype(col):
        spec["type"] = "boolean"
    elif pd.api.types.is_numeric_dtype(col):
        integral = len(present) and bool((present.astype("float64") % 1 == 0).all())
        spec["type"] = "integer" if pd.api.types.is_integer_dtype(col) or integral else "float"
        if len(present):
            lo, hi = present.min(), present.max()
            spec["min"], spec["max"] = _plain(lo), _plain(hi)
    elif pd.api.types.is_datetime64_any_dtype(col) or _looks_like_dates(sample):
        spec["type"] = "datetime"
        parsed = pd.to_datetime(present.astype("str"), errors="coerce", format="mixed")
        if parsed.notna().any():
            spec["min"], spec["max"] = str(parsed.min().date()), str(parsed.max().date())
    else:
        text = sample.astype("str")
        if len(text) and (
            text.str.match(EMAIL).mean() > 0.5
            or (
                text.str.match(PHONE).mean() > 0.8
                and text.str.contains(r"\d{3}").mean() > 0.8
                and not pd.api.types.is_numeric_dtype(col)
            )
        ):
            spec["pii"] = True
        if distinct <= max(20, min(200, n // 20)) and not spec.get("pii"):
            spec["type"] = "category"
            if distinct <= 50:
                spec["allowed"] = sorted(map(str, present.unique()))
        else:
            spec["type"] = "string"
    spec["nullable"] = bool(col.isna().any())
    id_like = (
        distinct == len(present) == n
        and spec["type"] in ("integer", "string")
        and (ID_NAMES.search(name) or spec["type"] == "string" or _consecutive(present))
    )
    if id_like:
        spec["role"], spec["unique"] = "id", True
        spec.pop("min", None), spec.pop("max", None)
    if spec.get("pii"):
        spec["role"] = "exclude"
    return spec


def _looks_like_dates(sample: pd.Series) -> bool:
    if len(sample) == 0 or pd.api.types.is_numeric_dtype(sample):
        return False
    return bool(sample.astype("str").str.match(DATE_LIKE).mean() > 0.9)


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
) -> dict[str, dict]:
    cols = list(map(str, frame.columns))
    named = [
        ("--target", target),
        ("--time-column", time_column),
        ("--group-column", group_column),
        *[("--sensitive", s) for s in sensitive],
        *[("--pii", p) for p in pii],
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
        spec = infer_column(name, frame[name], len(frame))
        if name == target:
            spec["role"] = "target"
            spec.pop("unique", None)
            spec.pop("pii", None)
        elif name == time_column:
            spec["role"] = "time"
            if spec["type"] != "datetime":
                spec["type"] = "datetime"
        elif name == group_column:
            spec["role"], spec["unique"] = "group", False
        if name in sensitive:
            spec["sensitive"] = True
        if name in pii:
            spec["pii"], spec["role"] = True, "exclude"
        out[name] = spec
    return out


CONTRACT_HEADER = """\
# Data contract for {dataset}, inferred by `workbench init` from {data_file}
# ({rows} rows). Review every column: the inference sees values, not meaning.
#
# Per column:
#   type                 integer | float | string | category | boolean | datetime
#   role                 feature | target | id | group | time | exclude
#                        (only `feature` columns are model inputs)
#   nullable             may the column be missing?   unique: must every value differ?
#   min / max            allowed range (numbers, or dates as YYYY-MM-DD)
#   allowed              the complete list of allowed values (categories)
#   pii                  personal data: never a model input, never shown in any output
#   sensitive            a protected attribute (age, sex, ...): used for fairness analysis,
#                        not as a model input
#   known_at_prediction  false when the value is only recorded after the moment the prediction
#                        is made (e.g. "days late", "collections status"): such a column leaks
#                        the answer and is kept out of every model
dataset: {dataset}
columns:"""


def contract_yaml(
    dataset: str, columns: dict[str, dict], frame: pd.DataFrame, data_file: str
) -> str:
    lines = [CONTRACT_HEADER.format(dataset=dataset, data_file=data_file, rows=len(frame))]
    for name, spec in columns.items():
        col = frame[name]
        missing = int(col.isna().sum())
        note = f"{int(col.nunique())} distinct, {missing} missing"
        if spec.get("pii"):
            note += " — looks like personal data (PII): kept out of the model and of every output"
        elif spec.get("role") == "id":
            note += " — looks like an identifier: not a model input"
        lines.append(f"  {_key(name)}:  # {note}")
        for key in [
            "type",
            "role",
            "nullable",
            "unique",
            "min",
            "max",
            "allowed",
            "pii",
            "sensitive",
        ]:
            default = {"role": "feature", "unique": False, "pii": False, "sensitive": False}.get(
                key
            )
            value = spec.get(key, default)
            if value is None:
                continue
            lines.append(f"    {key}: {_scalar(value)}")
        lines.append("    known_at_prediction: true")
    return "\n".join(lines) + "\n"


def spec_yaml(
    name: str,
    target: str,
    task: str,
    positive: str | None,
    data_lines: list[str],
    contract_rel: str,
    time_column: str | None,
    group_column: str | None,
    sensitive: list[str] = (),
) -> str:
    primary, secondary = DEFAULT_METRICS[task]
    strategy = (
        "time"
        if time_column
        else "group"
        if group_column
        else "stratified"
        if task != "regression"
        else "random"
    )
    metric = METRICS[primary]
    threshold = DEFAULT_THRESHOLDS[primary]
    lines = [
        f"# Experiment spec for '{name}', written by `workbench init`. Edit the question, the",
        "# decision and the acceptance criteria with the client before the first run: the",
        "# recommendation is judged against them. Every key is described in docs/reference/spec.md.",
        f"name: {name}",
        'question: "Can we predict '
        + target
        + " well enough to act on it?\"  # in the client's words",
        'decision: "Whether to invest in building and deploying a model for this."  # what the answer informs',
        "data:",
        *data_lines,
        f"  contract: {_scalar(contract_rel)}",
        "task:",
        f"  kind: {task}  # binary | multiclass | regression",
        f"  target: {_scalar(target)}",
    ]
    if positive is not None:
        lines.append(f"  positive_class: {_scalar(positive)}  # the outcome the model should flag")
    lines += [
        "split:",
        f"  strategy: {strategy}  # random | stratified | group | time",
        "  test_size: 0.25  # share of rows held out and scored once, at the end",
        "  cv_folds: 5  # cross-validation folds inside the training part",
    ]
    if group_column:
        lines.append(f"  group_column: {_scalar(group_column)}")
    if time_column:
        lines.append(f"  time_column: {_scalar(time_column)}")
    lines += [
        "metrics:",
        f"  primary: {primary}  # {metric.label}",
        f"  secondary: [{', '.join(m for m in secondary)}]",
        "acceptance:  # agree these with the client up front",
        f"  min_primary_score: {threshold}  # the least {metric.label} worth acting on",
        "  min_lift_over_baseline: 0.01  # how much better than the best simple baseline",
        *_fairness_bound(task, sensitive),
        "profile: standard  # quick | standard | thorough: sets the budgets together",
        "tuning:",
        "  family: xgboost",
        "  # trials: 30  # the profile's budget; uncomment to choose your own",
        "  # minutes: 1.5  # the search's wall time; whichever budget runs out first",
        "seed: 42",
        "# Answers to the reviewer's checklist that only a person can give, by item id (the",
        "# report's REFORMS table names every open id; docs/reviewer-checklist.md):",
        "# reviewer_notes:",
        '#   reforms.study_goals.population: "Who the claim is about, e.g. personal-loan applicants"',
        '#   reforms.data_quality.source: "Where the extract comes from, when, and how outcomes were recorded"',
    ]
    return "\n".join(lines) + "\n"


def _fairness_bound(task: str, sensitive: list[str]) -> list[str]:
    """The fairness bound for the sensitive columns, scaffolded as the score bar is: a common
    default the consultant agrees with the client (yes/no outcomes only)."""
    if not sensitive or task != "binary":
        return []
    return [
        f"  max_fairness_disparity: {DEFAULT_FAIRNESS_BOUND}  # the widest equalized-odds "
        f"difference between groups of {', '.join(sensitive)}: to agree with the client",
    ]


def _key(name: str) -> str:
    return (
        name
        if re.match(r"^[A-Za-z_][A-Za-z0-9_ .-]*$", name) and name.strip() == name
        else json.dumps(name)
    )


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    text = str(value)
    if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", text) and text.lower() not in YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def scaffold(
    data_path: Path | None,
    frame: pd.DataFrame,
    target: str,
    *,
    name: str,
    task: str | None,
    out_dir: Path,
    time_column: str | None,
    group_column: str | None,
    sensitive: list[str],
    pii: list[str],
    force: bool,
    delimiter: str | None = None,
    encoding: str | None = None,
    sql: dict | None = None,
) -> tuple[Path, Path]:
    """Write the spec and contract for `frame`, read from the file `data_path` or, with
    `data_path=None`, from the query `sql` ({query, url_env, limit, label})."""
    data_file = str(data_path) if data_path else sql["label"]
    spec_path = out_dir / "experiments" / f"{name}.yaml"
    contract_path = out_dir / "data_contracts" / f"{name}.yaml"
    for p in (spec_path, contract_path):
        if p.exists() and not force:
            raise BadInput(
                "the file already exists",
                file=str(p),
                fix="pass --force to overwrite it, or choose another --name",
            )
    columns = infer_contract(
        frame,
        target,
        time_column=time_column,
        group_column=group_column,
        sensitive=list(sensitive),
        pii=list(pii),
        data_file=data_file,
    )
    kind = task or infer_task(frame[target])
    positive = None
    if kind == "binary":
        counts = frame[target].astype("str").where(frame[target].notna()).value_counts()
        if len(counts) != 2:
            raise BadInput(
                f"a binary task needs a target with 2 values; '{target}' has {len(counts)}",
                file=data_file,
                field="--task",
                fix="use --task multiclass or --task regression",
            )
        positive = str(counts.idxmin())
    for p in (spec_path, contract_path):
        p.parent.mkdir(parents=True, exist_ok=True)
    source_name = data_path.name if data_path else sql["label"]
    contract_path.write_text(contract_yaml(name, columns, frame, source_name), encoding="utf-8")
    data_lines = (
        file_lines(os.path.relpath(data_path, spec_path.parent), delimiter, encoding)
        if data_path
        else sql_lines(sql)
    )
    text = spec_yaml(
        name,
        target,
        kind,
        positive,
        data_lines,
        os.path.relpath(contract_path, spec_path.parent),
        time_column,
        group_column,
        list(sensitive),
    )
    spec_path.write_text(text, encoding="utf-8")
    return spec_path, contract_path


def file_lines(relative: str, delimiter: str | None, encoding: str | None) -> list[str]:
    """The spec's data lines for a file."""
    lines = [f"  path: {_scalar(relative)}  # relative to this file"]
    options = [("csv_delimiter", delimiter), ("encoding", encoding)]
    return lines + [f"  {k}: {_scalar(v)}" for k, v in options if v]


def sql_lines(sql: dict) -> list[str]:
    """The spec's `data.sql` block for a query, commented."""
    query = sql["query"].strip()
    lines = ["  sql:  # read from a database; the URL comes from the environment, never this file"]
    if "\n" in query:
        lines += ["    query: |-", *[f"      {ln}".rstrip() for ln in query.splitlines()]]
    else:
        lines.append(f"    query: {_scalar(query)}")
    lines.append(f"    url_env: {sql['url_env']}  # the environment variable holding the URL")
    limit = sql.get("limit")
    lines.append(
        f"    {'' if limit else '# '}limit: {limit or 100000}  # at most this many rows: "
        "the first the query returns (ORDER BY makes them repeatable)"
    )
    lines += [
        "    # sample_fraction: 0.1  # PostgreSQL: a repeatable random share of the rows (by seed)",
        "    chunk_rows: 50000  # rows per round trip",
    ]
    return lines
