from __future__ import annotations

import pandas as pd
import pytest

from workbench.errors import BadInput
from workbench.inputs.contract import MASK, Contract, load_contract, validate_frame


def contract_file(tmp_path, body: str):
    p = tmp_path / "c.yaml"
    p.write_text("dataset: t\ncolumns:\n" + body)
    return p


def test_roles_and_model_features(tmp_path):
    c = load_contract(
        contract_file(
            tmp_path,
            """\
  id: {type: integer, role: id, unique: true}
  y: {type: category, role: target}
  a: {type: float}
  late: {type: float, known_at_prediction: false}
  email: {type: string, pii: true, role: exclude}
  sex: {type: category, sensitive: true}
""",
        )
    )
    assert c.target == "y"
    assert c.model_features() == ["a"]
    assert c.model_features(use_sensitive=True) == ["a", "sex"]
    assert c.not_known_at_prediction == ["late"] and c.pii_columns == ["email"]


@pytest.mark.parametrize(
    "body, field, words",
    [
        ("  a: {type: integr}\n", "columns.a.type", "Did you mean 'integer'"),
        ("  a: {type: float, min: 5, max: 1}\n", "columns.a", "greater than max"),
        (
            "  a: {type: float, role: target}\n  b: {type: float, role: target}\n",
            "(top level)",
            "2 columns have role 'target'",
        ),
        ("  a: {type: float, role: target, pii: true}\n", "columns.a", "target cannot be PII"),
        (
            "  a: {type: float, role: target, known_at_prediction: false}\n",
            "columns.a",
            "known_at_prediction",
        ),
        ("  a: {type: float, rol: feature}\n", "columns.a.rol", "Did you mean 'role'"),
        ("  a: {type: float, role: label}\n", "columns.a.role", "feature"),
    ],
)
def test_bad_contract(tmp_path, body, field, words):
    with pytest.raises(BadInput) as info:
        load_contract(contract_file(tmp_path, body))
    assert info.value.field == field
    assert words in str(info.value)


def test_validate_frame_reports_each_violation_and_masks_pii():
    c = Contract.model_validate(
        {
            "dataset": "t",
            "columns": {
                "age": {"type": "integer", "min": 18, "max": 99, "nullable": False},
                "job": {"type": "category", "allowed": ["a", "b"]},
                "email": {"type": "string", "pii": True, "unique": True, "role": "exclude"},
            },
        }
    )
    frame = pd.DataFrame(
        {
            "age": [17.0, 30, None],
            "job": ["a", "zz", None],
            "email": ["x@y.com", "x@y.com", "q@r.org"],
        }
    )
    found = {(v.column, v.check): v for v in validate_frame(frame, c)}
    assert found[("age", "below min 18")].failures == 1
    assert found[("age", "missing values not allowed")].failures == 1
    assert found[("job", "value not in allowed list")].examples == ["zz"]
    pii = found[("email", "values must be unique")]
    assert pii.examples == [MASK]
    assert "x@y.com" not in repr(list(found.values()))


def test_when_a_column_becomes_known_and_older_contracts(tmp_path):
    c = load_contract(
        contract_file(
            tmp_path,
            """\
  y: {type: category, role: target}
  form: {type: float, known_at: before_decision}
  score: {type: float, known_at: at_decision}
  arrears: {type: float, known_at: after_outcome}
  notes: {type: float}
  old_yes: {type: float, known_at_prediction: true}
  old_no: {type: float, known_at_prediction: false}
""",
        )
    )
    # an older contract's boolean reads as at the decision / after the outcome
    assert c.columns["old_yes"].known_at == "at_decision"
    assert c.not_known_at_prediction == ["arrears", "old_no"]
    assert c.declared_known == ["form", "score", "old_yes"]
    assert c.unknown_timing == ["y", "notes"]  # nobody said: unknown, still a model input
    assert c.model_features() == ["form", "score", "notes", "old_yes"]
    with pytest.raises(BadInput) as info:
        load_contract(
            contract_file(
                tmp_path, "  a: {type: float, known_at: at_decision, known_at_prediction: false}\n"
            )
        )
    assert "contradicts" in str(info.value) and info.value.field == "columns.a"
    with pytest.raises(BadInput) as info:
        load_contract(contract_file(tmp_path, "  a: {type: float, known_at: later}\n"))
    assert "after_outcome" in str(info.value)
