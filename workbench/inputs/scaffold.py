"""`workbench init`: write the inferred contract (`inference`) and a spec as commented YAML a
consultant edits, with how the file is read (`detection`)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from workbench.errors import BadInput
from workbench.inputs.detection import Detected
from workbench.inputs.inference import infer_contract, infer_task
from workbench.inputs.metrics import DEFAULT_METRICS, METRICS
from workbench.inputs.reader_language import Proposal, propose_language
from workbench.inputs.timing import Strength, strongest_columns

DEFAULT_THRESHOLDS = {"roc_auc": 0.75, "r2": 0.5, "f1_macro": 0.6}
# A triage study (free text routed to one of several teams) is judged by macro F1: every team
# counts the same however few its cases, and "right first time" (accuracy) is reported beside.
TRIAGE_METRICS = ("f1_macro", ["accuracy", "balanced_accuracy", "roc_auc", "log_loss"])
DEFAULT_FAIRNESS_BOUND = "0.10"  # the decision's default when a spec agrees none


CONTRACT_HEADER = """\
# Data contract for {dataset}, inferred by `workbench init` from {data_file}
# ({rows} rows). Review every column: the inference sees values, not meaning.
#
# Per column:
#   type                 integer | float | string | category | boolean | datetime
#   role                 feature | target | id | group | time | text | exclude
#                        (`feature` and `text` columns are model inputs; `text` is free text,
#                        read as words, its e-mail addresses, phones, IBANs and names masked)
#   format               datetime columns written as text: how (e.g. "%d.%m.%Y")
#   nullable             may the column be missing?   unique: must every value differ?
#   min / max            allowed range (numbers, or dates as YYYY-MM-DD)
#   allowed              the complete list of allowed values (categories)
#   pii                  personal data: never a model input, never shown in any output
#   sensitive            a protected attribute (age, sex, ...): used for fairness analysis,
#                        not as a model input
#   known_at             when the value becomes known: before_decision | at_decision |
#                        after_outcome | unknown. after_outcome (e.g. "days late", "collections
#                        status") leaks the answer: the column is kept out of every model. A
#                        strong column left unknown gets the score without it on page one.
#                        Ask the data owner, the strongest columns first (marked below).
dataset: {dataset}
columns:"""


def contract_yaml(
    dataset: str,
    columns: dict[str, dict],
    frame: pd.DataFrame,
    data_file: str,
    reading: list[str] = (),
    strong: dict[str, str] | None = None,
    header: str = CONTRACT_HEADER,
) -> str:
    """The contract as commented YAML: every column with what `init` decided and why, and (in
    the header) how the file was read; `strong` marks the strongest columns with their score
    alone, whose timing matters most."""
    strong = strong or {}
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
        if name in strong:
            note += f" — alone predicts the target with {strong[name]}: when is it known?"
        lines.append(f"  {_key(name)}:  # {note}")
        for key in CONTRACT_KEYS:
            value = spec.get(key, CONTRACT_DEFAULTS.get(key))
            if value is None or (spec.get("pii") and key in ("min", "max", "allowed")):
                continue  # never a personal value in a file that travels with every run
            lines.append(f"    {key}: {_scalar(value)}")
        if header is CONTRACT_HEADER:  # a forecast's inputs say when they are known by their role
            lines.append(f"    known_at: {spec.get('known_at', 'unknown')}")
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
    language: Proposal | None = None,
    text_inputs: list[str] = (),
) -> str:
    triage = bool(text_inputs) and task == "multiclass"
    primary, secondary = TRIAGE_METRICS if triage else DEFAULT_METRICS[task]
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
        *_report_lines(language or Proposal("en")),
        *_routing(triage),
        "profile: standard  # quick | standard | thorough: sets the budgets together",
        "tuning:",
        *_family(text_inputs),
        *_trials_line(text_inputs),
        "  # minutes: 1.5  # the search's wall time; whichever budget runs out first",
        "seed: 42",
        "# Answers to the reviewer's checklist that only a person can give, by item id (the",
        "# report's REFORMS table names every open id; docs/reviewer-checklist.md):",
        "# reviewer_notes:",
        '#   reforms.study_goals.population: "Who the claim is about, e.g. personal-loan applicants"',
        '#   reforms.data_quality.source: "Where the extract comes from, when, and how outcomes were recorded"',
    ]
    return "\n".join(lines) + "\n"


def _report_lines(language: Proposal) -> list[str]:
    """The report block: its language, with why `init` proposes it."""
    why = (
        f"proposed: the file writes {', '.join(language.because)}"
        if language.because
        else "de for a German report"
    )
    return ["report:", f"  language: {language.language}  # en | de; {why}"]


def _family(text_inputs: list[str]) -> list[str]:
    if not text_inputs:
        return ["  family: xgboost"]
    return [
        "  family: linear  # TF-IDF words with logistic regression: on free text it usually beats",
        "  # trees, which read the text reduced to a few dimensions; the search tunes both the",
        "  # model and how the text is read (n-grams, minimum document frequency)",
    ]


def _trials_line(text_inputs: list[str]) -> list[str]:
    if not text_inputs:
        return ["  # trials: 30  # the profile's budget; uncomment to choose your own"]
    return [
        "  # trials: 30  # the profile's budget (4 when the search reads the text of a sample of",
        "  # the training rows: each trial reads it anew); uncomment to choose your own",
    ]


def _routing(triage: bool) -> list[str]:
    """A triage study's routing costs, scaffolded commented out: only the client can say them."""
    if not triage:
        return []
    return [
        "# What a case routed to the wrong team costs, agreed with the client: the report then",
        "# prices the model against today's routing (everything to the default queue, or the",
        "# keyword rule) in money and hours a month. Classes are the target's values.",
        "# routing:",
        "#   cases_per_month: 4000",
        "#   minutes_to_reroute: 12  # a person's time to send a misrouted case on",
        "#   misroute_cost: 9.5  # what one misrouted case costs (any pair not listed below)",
        "#   costs:  # per pair: actual team -> the team it was wrongly sent to -> cost",
        "#     billing: {technical: 25.0}",
        "#   review_minutes: 3  # a person routing a case the model is unsure of",
        "#   currency: EUR",
        "#   today: keyword_rule  # keyword_rule | default_queue: what page one compares with",
    ]


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
    the task, how the file is read (what, value, how it was chosen), and the strongest
    columns with their scores alone (when `init` asked about their timing)."""

    spec_path: Path
    contract_path: Path
    columns: dict[str, dict]
    task: str
    positive: str | None
    reading: list[tuple[str, str, str]] = field(default_factory=list)
    language: Proposal = field(default_factory=lambda: Proposal("en"))
    strong: list[Strength] = field(default_factory=list)
    series: list[tuple[str, str]] = field(default_factory=list)  # forecast studies: what init found


# asked with the strongest columns and the answers given up front; returns every answer
AskTiming = Callable[[list[Strength], dict[str, str]], dict[str, str]]


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
    timing: dict[str, str] | None = None,
    ask: AskTiming | None = None,
    text: list[str] = (),
) -> Scaffolded:
    """Write the spec and contract for `frame`, read from the file `data_path` (as `detected`
    found it, when given) or, with `data_path=None`, from the query `sql` ({query, url_env,
    limit, label}). `timing` says when columns become known ({column: known_at}); with `ask`,
    the strongest candidate inputs are scored on their own and `ask` is asked about them
    (every other column stays `unknown`)."""
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
        text=list(text),
    )
    kind, positive = _task(frame[target], target, task, data_file)
    strong = _ask_timing(frame, target, kind, positive, columns, dict(timing or {}), ask)
    text_inputs = [c for c, s in columns.items() if s.get("role") == "text" and not s.get("pii")]
    for p in (spec_path, contract_path):
        p.parent.mkdir(parents=True, exist_ok=True)
    source_name = data_path.name if data_path else sql["label"]
    reading = [
        f"{what} {value} ({how})" for what, value, how in (detected.facts if detected else [])
    ]
    contract_path.write_text(
        contract_yaml(
            name, columns, frame, source_name, reading, {s.column: s.words for s in strong}
        ),
        encoding="utf-8",
    )
    data_lines = (
        file_lines(os.path.relpath(data_path, spec_path.parent), detected)
        if data_path
        else sql_lines(sql)
    )
    language = propose_language(detected)
    spec_text = spec_yaml(
        name,
        target,
        kind,
        positive,
        data_lines,
        os.path.relpath(contract_path, spec_path.parent),
        time_column,
        group_column,
        list(sensitive),
        language,
        text_inputs,
    )
    spec_path.write_text(spec_text, encoding="utf-8")
    return Scaffolded(
        spec_path,
        contract_path,
        columns,
        kind,
        positive,
        detected.facts if detected else [],
        language,
        strong,
    )


def _ask_timing(
    frame: pd.DataFrame,
    target: str,
    kind: str,
    positive: str | None,
    columns: dict[str, dict],
    answers: dict[str, str],
    ask: AskTiming | None,
) -> list[Strength]:
    """Set each column's `known_at` from the answers (given, or `ask`ed about the strongest
    candidate inputs); returns the strongest columns when asked."""
    strong = []
    if ask is not None:
        candidates = [
            c
            for c, spec in columns.items()
            if spec.get("role", "feature") == "feature"
            and not spec.get("pii")
            and not spec.get("sensitive")
        ]
        strong = strongest_columns(frame, target, kind, positive, candidates)
        answers = ask(strong, answers)
    for col, when in answers.items():
        if col == target and when == "after_outcome":
            raise BadInput(
                f"'{target}' is the target: it is the outcome, not an input recorded after it",
                field="--known-at",
                fix=f"drop the --known-at answer for '{target}'",
            )
        columns[col]["known_at"] = when
    return strong


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
