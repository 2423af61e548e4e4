"""The table of mistakes a consultant makes, each through the CLI: exit code 2, no traceback,
a message naming the file and the field or column, and the raw data untouched."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import synth
from conftest import make_project
from workbench.cli import app

SPEC, CONTRACT, DATA = "experiments/study.yaml", "data_contracts/study.yaml", "data/study.csv"


def edit(path: str, old: str, new: str, count: int = 1):
    def apply(root: Path):
        p = root / path
        text = p.read_text()
        assert old in text, (path, old)
        p.write_text(text.replace(old, new, count))

    return apply


def edit_last(path: str, old: str, new: str):
    def apply(root: Path):
        p = root / path
        head, sep, tail = p.read_text().rpartition(old)
        assert sep, (path, old)
        p.write_text(head + new + tail)

    return apply


def append(path: str, text: str):
    return lambda root: (root / path).write_text((root / path).read_text() + text)


def write(path: str, content: bytes | str):
    def apply(root: Path):
        p = root / path
        p.write_bytes(content if isinstance(content, bytes) else content.encode())

    return apply


def frame_edit(fn):
    def apply(root: Path):
        frame = pd.read_csv(root / DATA)
        fn(frame).to_csv(root / DATA, index=False)

    return apply


def parquet_corrupt(root: Path):
    p = root / "data" / "study.parquet"
    pd.read_csv(root / DATA).to_parquet(p)
    p.write_bytes(p.read_bytes()[:300])
    edit(SPEC, "study.csv", "study.parquet")(root)


def dir_as_data(root: Path):
    (root / DATA).unlink()
    (root / DATA).mkdir()


CASES = [
    # the spec
    (
        "spec not YAML",
        write(SPEC, "name: [unclosed\n"),
        ["study.yaml", "not valid YAML", "at line"],
    ),
    ("spec not a mapping", write(SPEC, "- a\n- b\n"), ["study.yaml", "YAML mapping"]),
    ("spec empty", write(SPEC, ""), ["study.yaml", "empty"]),
    ("unknown key", append(SPEC, "sede: 3\n"), ["'sede'", "Did you mean 'seed'"]),
    (
        "misspelled nested key",
        edit(SPEC, "test_size:", "test_sise:"),
        ["split.test_sise", "Did you mean 'test_size'"],
    ),
    ("wrong type", edit(SPEC, "trials: 4", "trials: lots"), ["tuning.trials", "integer"]),
    (
        "test size out of range",
        edit(SPEC, "test_size: 0.25", "test_size: 0.8"),
        ["split.test_size", "0.5"],
    ),
    ("too few folds", edit(SPEC, "cv_folds: 3", "cv_folds: 1"), ["split.cv_folds"]),
    ("zero trials", edit(SPEC, "trials: 4", "trials: 0"), ["tuning.trials"]),
    ("zero minutes", edit(SPEC, "minutes: 2", "minutes: 0"), ["tuning.minutes"]),
    (
        "threshold missing",
        edit(SPEC, "  min_primary_score: 0.75", ""),
        ["min_primary_score is required"],
    ),
    (
        "metric for another task",
        edit(SPEC, "primary: roc_auc", "primary: r2"),
        ["'r2' does not fit a binary task"],
    ),
    (
        "unknown metric",
        edit(SPEC, "primary: roc_auc", "primary: auc"),
        ["unknown metric 'auc'", "Did you mean 'roc_auc'"],
    ),
    (
        "group split without column",
        edit(SPEC, "strategy: stratified", "strategy: group"),
        ["split", "group_column"],
    ),
    (
        "time split without column",
        edit(SPEC, "strategy: stratified", "strategy: time"),
        ["split", "time_column"],
    ),
    (
        "data file missing",
        edit(SPEC, "study.csv", "stdy.csv"),
        ["data.path", "stdy.csv", "does not exist"],
    ),
    (
        "contract missing",
        edit(SPEC, "data_contracts/study.yaml", "data_contracts/nope.yaml"),
        ["data.contract", "nope.yaml"],
    ),
    ("data path is a folder", dir_as_data, ["data.path", "directory"]),
    (
        "target not in contract",
        edit(SPEC, "target: status", "target: statuss"),
        ["task.target", "statuss", "Did you mean 'status'"],
    ),
    (
        "group column unknown",
        edit(SPEC, "strategy: stratified", "strategy: group\n  group_column: branch"),
        ["split.group_column", "branch"],
    ),
    (
        "time column not a date",
        edit(SPEC, "strategy: stratified", "strategy: time\n  time_column: income"),
        ["columns.income.type", "datetime"],
    ),
    (
        "unknown leakage setting",
        append(SPEC, "leakage: {shared_row_warning: 0.1}\n"),
        ["shared_row_warning", "Did you mean 'shared_rows_warning'"],
    ),
    (
        "unknown tuning parameter",
        edit(SPEC, "family: xgboost", "family: xgboost\n  space: {max_dept: 3}"),
        ["max_dept", "Did you mean 'max_depth'"],
    ),
    (
        "positive class absent",
        edit(SPEC, "positive_class: bad", "positive_class: defaulted"),
        ["task.positive_class", "defaulted"],
    ),
    # the contract
    (
        "unknown type",
        edit(CONTRACT, "type: category", "type: categorical"),
        ["columns.", "categorical", "Did you mean 'category'"],
    ),
    (
        "min above max",
        edit(CONTRACT, "    min: 18\n", "    min: 500\n"),
        ["columns.age", "greater than max"],
    ),
    (
        "two targets",
        append(CONTRACT, "  extra_target:\n    type: float\n    role: target\n"),
        ["role 'target'"],
    ),
    ("target marked PII", edit_last(CONTRACT, "pii: false", "pii: true"), ["cannot be PII"]),
    (
        "target unknown at prediction",
        edit_last(CONTRACT, "known_at: unknown", "known_at: after_outcome"),
        ["known_at"],
    ),
    (
        "a key given twice",
        edit(CONTRACT, "    role: target\n", "    role: target\n    role: feature\n"),
        ["'role' appears twice", "line"],
    ),
    (
        "column the data lacks",
        append(CONTRACT, "  branch_code:\n    type: category\n"),
        ["branch_code", "lacks"],
    ),
    (
        "misspelled column key",
        edit(CONTRACT, "    role: feature\n", "    rol: feature\n"),
        ["rol", "Did you mean 'role'"],
    ),
    # the data
    ("empty file", write(DATA, b""), ["study.csv", "empty"]),
    (
        "header only",
        write(DATA, "application_id,income,debt,job,age,region,applied_on,status\n"),
        ["study.csv", "no rows"],
    ),
    ("ragged rows", append(DATA, "1,2,3,4,5,6,7,8,9,10\n"), ["study.csv", "number of fields"]),
    (
        "wrong delimiter",
        lambda r: (r / DATA).write_text((r / DATA).read_text().replace(",", ";")),
        ["csv_delimiter", "';'"],
    ),
    (
        "not UTF-8",
        lambda r: (r / DATA).write_bytes(
            (r / DATA).read_bytes().replace(b"north", "n\u00f6rth".encode("cp1252"))
        ),
        ["data.encoding: cp1252"],
    ),
    (
        "duplicate column names",
        lambda r: (r / DATA).write_text((r / DATA).read_text().replace("debt,job", "debt,debt", 1)),
        ["debt", "more than once"],
    ),
    ("corrupt parquet", parquet_corrupt, ["study.parquet", "Parquet"]),
    (
        "constant target",
        frame_edit(lambda f: f.assign(status="good")),
        ["task.target", "single value"],
    ),
    (
        "target entirely missing",
        frame_edit(lambda f: f.assign(status=None)),
        ["task.target", "missing in every row"],
    ),
    (
        "a model input missing in every row",
        frame_edit(lambda f: f.assign(debt=None)),
        ["columns.debt.role", "'debt' is missing in every row", "role: exclude"],
    ),
    (
        "continuous target for classification",
        lambda r: (
            frame_edit(lambda f: f.assign(status=f["income"] / 7.0))(r),
            edit(
                CONTRACT,
                "    type: category\n    role: target",
                "    type: float\n    role: target",
            )(r),
            edit(CONTRACT, "    allowed: [bad, good]\n", "")(r),
        ),
        ["task.kind", "continuous"],
    ),
    (
        "text target for regression",
        lambda r: (
            edit(SPEC, "kind: binary", "kind: regression")(r),
            edit(SPEC, "  positive_class: bad  # the outcome the model should flag\n", "")(r),
            edit(SPEC, "min_primary_score: 0.75", "min_primary_score: 0.3")(r),
            edit(SPEC, "primary: roc_auc", "primary: r2")(r),
            edit(
                SPEC, "secondary: [average_precision, brier, balanced_accuracy]", "secondary: [mae]"
            )(r),
        ),
        ["task.kind", "text"],
    ),
    (
        "fewer rows than the split needs",
        frame_edit(lambda f: f.head(12)),
        ["split.cv_folds", "rows"],
    ),
    (
        "class too small to stratify",
        frame_edit(lambda f: f.assign(status=["bad"] * 3 + ["good"] * (len(f) - 3))),
        ["split.strategy", "'bad' has 3 rows"],
    ),
    (
        "dates that do not parse",
        lambda r: (
            frame_edit(
                lambda f: f.assign(applied_on=["soon", "later", *list(f["applied_on"][2:])])
            )(r),
            edit(SPEC, "strategy: stratified", "strategy: time\n  time_column: applied_on")(r),
        ),
        ["applied_on", "2 values", "'soon'", "'later'"],
    ),
]


@pytest.fixture
def base_project(tmp_path):
    make_project(tmp_path, synth.applicants(120), "status", time_column=None)
    return tmp_path


@pytest.mark.parametrize("mutate, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_table(base_project, mutate, words):
    mutate(base_project)
    data_before = {p: p.read_bytes() for p in (base_project / "data").iterdir() if p.is_file()}
    result = CliRunner().invoke(app, ["validate", str(base_project / SPEC)])
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    for w in words:
        assert w in output, (w, output)
    assert "Fix:" in output
    assert {p: p.read_bytes() for p in data_before} == data_before  # raw data untouched
    assert not (base_project / "runs").exists()  # nothing written


def test_the_table_is_large_enough():
    assert len(CASES) >= 30


def test_a_threshold_outside_the_metric_range_is_refused(base_project):
    edit(SPEC, "min_primary_score: 0.75", "min_primary_score: 1.5")(base_project)
    result = CliRunner().invoke(app, ["validate", str(base_project / SPEC)])
    assert result.exit_code == 2 and "lies between 0 and 1" in result.output
