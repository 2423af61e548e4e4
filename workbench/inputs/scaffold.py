"""`workbench init`: write the inferred contract (`inference`) and a spec as commented YAML a
consultant edits, with how the file is read (`detection`)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.errors import BadInput
from workbench.inputs.detection import Detected
from workbench.inputs.inference import infer_contract, infer_task
from workbench.inputs.metrics import DEFAULT_METRICS, METRICS

DEFAULT_THRESHOLDS = {"roc_auc": 0.75, "r2": 0.5}
DEFAULT_FAIRNESS_BOUND = "0.10"  # the decision's default when a spec agrees none


CONTRACT_HEADER = """\
# Data contract for {dataset}, inferred by `workbench init` from {data_file}
# ({rows} rows). Review every column: the inference sees values, not meaning.
#
# Per column:
#   type                 integer | float | string | category | boolean | datetime
#   role                 feature | target | id | group | time | text | exclude
#                        (only `feature` columns are model inputs; `text` is free text)
#   format               datetime columns written as text: how (e.g. "%d.%m.%Y")
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
    dataset: str,
    columns: dict[str, dict],
    frame: pd.DataFrame,
    data_file: str,
    reading: list[str] = (),
    header: str = CONTRACT_HEADER,
) -> str:
    """The contract as commented YAML: every column with what `init` decided and why, and (in
    the header) how the file was read."""
    lines = [header.format(dataset=dataset, data_file=data_file, rows=len(frame))]
    if reading:
        lines[0] = lines[0].replace(
            "\ndataset:", "\n# Read as: " + "; ".join(reading) + ".\ndataset:", 1
        )
    for name, spec in columns.items():
        col = frame[name]
        note = f"{int(col.nunique()):,} distinct, {int(col.isna().sum()):,} missing"
        if spec.get("why"):
            note += " — " + "; ".join(spec["why"])
        lines.append(f"  {_key(name)}:  # {note}")
        for key in CONTRACT_KEYS:
            value = spec.get(key, CONTRACT_DEFAULTS.get(key))
            if value is None or (spec.get("pii") and key in ("min", "max", "allowed")):
                continue  # never a personal value in a file that travels with every run
            lines.append(f"    {key}: {_scalar(value)}")
        if header is CONTRACT_HEADER:  # a forecast's inputs say when they are known by their role
            lines.append("    known_at_prediction: true")
    return "\n".join(lines) + "\n"


CONTRACT_KEYS = ["type", "format", "role", "nullable", "unique", "min", "max", "allowed", "pii"]
CONTRACT_KEYS += ["sensitive"]
CONTRACT_DEFAULTS = {"role": "feature", "unique": False, "pii": False, "sensitive": False}


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


@dataclass
class Scaffolded:
    """What `init` wrote and decided: the two files, each column's entry (with its "why"),
    the task, and how the file is read (what, value, how it was chosen)."""

    spec_path: Path
    contract_path: Path
    columns: dict[str, dict]
    task: str
    positive: str | None
    reading: list[tuple[str, str, str]] = field(default_factory=list)
    series: list[tuple[str, str]] = field(default_factory=list)  # forecast studies: what init found


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
    detected: Detected | None = None,
    sql: dict | None = None,
) -> Scaffolded:
    """Write the spec and contract for `frame`, read from the file `data_path` (as `detected`
    found it, when given) or, with `data_path=None`, from the query `sql` ({query, url_env,
    limit, label})."""
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
        dates=detected.dates if detected else None,
    )
    kind, positive = _task(frame[target], target, task, data_file)
    for p in (spec_path, contract_path):
        p.parent.mkdir(parents=True, exist_ok=True)
    source_name = data_path.name if data_path else sql["label"]
    reading = [
        f"{what} {value} ({how})" for what, value, how in (detected.facts if detected else [])
    ]
    contract_path.write_text(
        contract_yaml(name, columns, frame, source_name, reading), encoding="utf-8"
    )
    data_lines = (
        file_lines(os.path.relpath(data_path, spec_path.parent), detected)
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
    return Scaffolded(
        spec_path, contract_path, columns, kind, positive, detected.facts if detected else []
    )


def _task(y: pd.Series, target: str, task: str | None, data_file: str) -> tuple[str, str | None]:
    """The task (given, or inferred from the target) and, for a binary one, the positive class
    (the rarer value)."""
    kind = task or infer_task(y)
    if kind != "binary":
        return kind, None
    counts = y.astype("str").where(y.notna()).value_counts()
    if len(counts) != 2:
        raise BadInput(
            f"a binary task needs a target with 2 values; '{target}' has {len(counts)}",
            file=data_file,
            field="--task",
            fix="use --task multiclass or --task regression",
        )
    return kind, str(counts.idxmin())


def file_lines(relative: str, detected: Detected | None) -> list[str]:
    """The spec's data lines for a file: its path and how to read it (what `init` found)."""
    lines = [f"  path: {_scalar(relative)}  # relative to this file"]
    if detected is None:
        return lines
    o = detected.options
    found = [
        ("csv_delimiter", o.delimiter if o.delimiter not in (None, ",") else None, ""),
        ("encoding", o.encoding, ""),
        ("sheet", o.sheet, "  # the workbook's sheet"),
        ("decimal", o.decimal if o.decimal != "." else None, "  # numbers like 1.234,56"),
        ("thousands", o.thousands, ""),
        ("dayfirst", True if o.dayfirst else None, "  # 08.07.2021 is the 8th of July"),
        ("date_format", o.date_format, "  # dates with no format of their own in the contract"),
    ]
    return lines + [f"  {k}: {_scalar(v)}{note}" for k, v, note in found if v is not None]


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
