from __future__ import annotations

import pytest

from workbench.errors import BadInput
from workbench.inputs.spec import load_spec

GOOD = """\
name: s1
question: "Can we predict churn?"
decision: "Whether to fund a retention model."
data: {path: d.csv, contract: c.yaml}
task: {kind: binary, target: y, positive_class: "1"}
split: {strategy: stratified, test_size: 0.2, cv_folds: 4}
acceptance: {min_primary_score: 0.7, min_lift_over_baseline: 0.01}
tuning: {trials: 5, minutes: 1}
seed: 7
"""


def write(tmp_path, text: str):
    (tmp_path / "d.csv").write_text("y,x\n1,2\n")
    (tmp_path / "c.yaml").write_text("dataset: d\ncolumns: {y: {type: integer}}\n")
    p = tmp_path / "spec.yaml"
    p.write_text(text)
    return p


def test_valid_spec_loads_with_defaults_and_resolved_paths(tmp_path):
    loaded = load_spec(write(tmp_path, GOOD))
    s = loaded.spec
    assert s.metrics.primary == "roc_auc"
    assert "average_precision" in s.metrics.secondary
    assert s.split.cv_folds == 4 and s.seed == 7
    assert loaded.data_path == (tmp_path / "d.csv").resolve()
    assert s.primary_threshold == 0.7
    assert len(loaded.spec_hash()) == 64


def test_a_bar_just_above_chance_or_with_a_data_dependent_chance_is_accepted(tmp_path):
    assert load_spec(write(tmp_path, GOOD.replace("0.7,", "0.51,"))).spec.primary_threshold == 0.51
    # accuracy's chance level is the majority class's share: the dummy criterion judges it
    text = GOOD.replace("0.7,", "0.3,") + "metrics: {primary: accuracy}\n"
    assert load_spec(write(tmp_path, text)).spec.primary_threshold == 0.3
    multiclass = GOOD.replace(
        'kind: binary, target: y, positive_class: "1"', "kind: multiclass, target: y"
    )
    text = multiclass.replace("0.7,", "0.4,") + "metrics: {primary: balanced_accuracy}\n"
    assert load_spec(write(tmp_path, text)).spec.primary_threshold == 0.4  # chance 1/k


def test_regression_defaults_to_random_split_and_error_metric_needs_max(tmp_path):
    text = GOOD.replace(
        'kind: binary, target: y, positive_class: "1"', "kind: regression, target: y"
    )
    text = text.replace("min_primary_score: 0.7", "max_primary_error: 3.0")
    text += "metrics: {primary: rmse}\n"
    s = load_spec(write(tmp_path, text)).spec
    assert s.split.strategy == "random"
    assert s.primary_threshold == 3.0 and not s.primary_metric.greater_is_better


@pytest.mark.parametrize(
    "text, field, words",
    [
        (GOOD.replace("seed: 7", "seeed: 7"), "seeed", "Did you mean 'seed'"),
        (
            GOOD.replace("test_size: 0.2", "test_sise: 0.2"),
            "split.test_sise",
            "Did you mean 'test_size'",
        ),
        (
            GOOD.replace("test_size: 0.2", "test_size: 0.9"),
            "split.test_size",
            "less than or equal to 0.5",
        ),
        (
            GOOD.replace("cv_folds: 4", "cv_folds: 1"),
            "split.cv_folds",
            "greater than or equal to 2",
        ),
        (GOOD.replace("trials: 5", "trials: many"), "tuning.trials", "valid integer"),
        (GOOD.replace("minutes: 1", "minutes: 0"), "tuning.minutes", "greater than 0"),
        (GOOD + "metrics: {primary: r2}\n", "(top level)", "does not fit a binary task"),
        (GOOD + "metrics: {primary: auc}\n", "(top level)", "Did you mean 'roc_auc'"),
        (GOOD.replace("strategy: stratified", "strategy: group"), "split", "group_column"),
        (GOOD.replace("strategy: stratified", "strategy: time"), "split", "time_column"),
        (
            GOOD.replace("min_primary_score: 0.7, ", ""),
            "(top level)",
            "min_primary_score is required",
        ),
        (GOOD.replace("kind: binary", "kind: binomial"), "task.kind", "binary"),
        (
            GOOD.replace("min_primary_score: 0.7", "min_primary_score: 0.5"),
            "(top level)",
            "at or below chance: a model with no signal at all scores 0.5 ROC AUC",
        ),
        (
            GOOD.replace("min_primary_score: 0.7", "min_primary_score: 0.45")
            + "metrics: {primary: balanced_accuracy}\n",
            "(top level)",
            "at or below chance",
        ),
        (
            GOOD.replace(
                'kind: binary, target: y, positive_class: "1"', "kind: regression, target: y"
            )
            .replace("min_primary_score: 0.7", "min_primary_score: 0.0")
            .replace("strategy: stratified", "strategy: random"),
            "(top level)",
            "scores 0 R²",
        ),
        (GOOD.replace("name: s1\n", ""), "name", "required"),
    ],
)
def test_bad_spec_names_field_and_fix(tmp_path, text, field, words):
    with pytest.raises(BadInput) as info:
        load_spec(write(tmp_path, text))
    message = str(info.value)
    assert info.value.field == field
    assert words in message
    assert "spec.yaml" in message and "Fix:" in message


@pytest.mark.parametrize(
    "text, words",
    [
        ("name: [unclosed\n", "not valid YAML at line"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("", "it is empty"),
    ],
)
def test_unparseable_spec(tmp_path, text, words):
    with pytest.raises(BadInput, match=words):
        load_spec(write(tmp_path, text))


def test_missing_data_file_and_spec(tmp_path):
    p = write(tmp_path, GOOD.replace("path: d.csv", "path: nope.csv"))
    with pytest.raises(BadInput) as info:
        load_spec(p)
    assert info.value.field == "data.path" and "nope.csv" in str(info.value)
    with pytest.raises(BadInput, match="does not exist"):
        load_spec(tmp_path / "absent.yaml")


def test_leakage_thresholds_can_be_overridden_and_typos_are_caught(tmp_path):
    s = load_spec(write(tmp_path, GOOD + "leakage: {single_feature_auc_critical: 0.995}\n")).spec
    assert s.leakage == {"single_feature_auc_critical": 0.995}
    with pytest.raises(BadInput, match="Did you mean 'single_feature_auc_critical'"):
        load_spec(write(tmp_path, GOOD + "leakage: {single_feature_auc_critcal: 0.995}\n"))
    # a setting an older spec may hold, since retired, is accepted and does nothing
    old = "leakage: {conflicting_labels_warning: 0.05, shared_rows_warning: 0.02}\n"
    assert load_spec(write(tmp_path, GOOD + old)).spec.leakage == {"shared_rows_warning": 0.02}
