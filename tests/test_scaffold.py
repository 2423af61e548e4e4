from __future__ import annotations

import pandas as pd

import synth
from workbench.inputs.context import load_context
from workbench.inputs.inference import infer_contract, infer_task


def test_infer_contract_types_roles_and_pii():
    frame = synth.applicants(200)
    frame["email"] = [f"user{i}@example.com" for i in range(len(frame))]
    cols = infer_contract(frame, "status", sensitive=["age"])
    assert cols["application_id"]["role"] == "id" and cols["application_id"]["unique"]
    assert cols["income"]["type"] in ("integer", "float") and cols["income"]["nullable"]
    assert cols["job"]["type"] == "category" and "fixed" in cols["job"]["allowed"]
    assert cols["applied_on"]["type"] == "datetime"
    assert cols["email"]["pii"] and cols["email"]["role"] == "exclude"
    assert cols["status"]["role"] == "target" and cols["age"]["sensitive"]


def test_infer_task():
    assert infer_task(pd.Series(["a", "b", "a"])) == "binary"
    assert infer_task(pd.Series(["a", "b", "c"])) == "multiclass"
    assert infer_task(pd.Series([0.1 * i for i in range(100)])) == "regression"


def test_written_spec_and_contract_load_and_agree(tmp_path):
    from conftest import make_project

    spec = make_project(tmp_path, synth.applicants(200), "status", sensitive=["age"])
    ctx = load_context(spec)
    assert ctx.spec.task.kind == "binary" and ctx.spec.task.positive_class == "bad"
    assert "age" not in ctx.contract.model_features()
    assert "application_id" not in ctx.contract.model_features()
    text = (tmp_path / "data_contracts" / "study.yaml").read_text()
    assert "known_at_prediction" in text and "# " in text  # commented for the consultant
    # --sensitive scaffolds a fairness bound, as the score bar is, to agree with the client
    assert ctx.spec.acceptance.max_fairness_disparity == 0.1
    assert "groups of age: to agree with the client" in spec.read_text()


def test_no_fairness_bound_without_a_sensitive_column(tmp_path):
    from conftest import make_project

    spec = make_project(tmp_path, synth.applicants(200), "status")
    assert load_context(spec).spec.acceptance.max_fairness_disparity is None
    assert "max_fairness_disparity" not in spec.read_text()


def test_a_column_missing_in_every_row_is_no_model_input(tmp_path):
    import numpy as np

    from workbench.inputs.inference import infer_contract

    frame = synth.applicants(100).assign(empty=np.nan)
    spec = infer_contract(frame, "status")["empty"]
    assert spec["role"] == "exclude" and "every value missing" in spec["why"][0]
