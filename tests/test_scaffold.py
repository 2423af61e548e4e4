from __future__ import annotations

import numpy as np
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
    assert "known_at: unknown" in text and "# " in text  # commented for the consultant
    assert ctx.contract.unknown_timing == list(ctx.contract.columns)  # nobody was asked
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


def test_init_asks_when_the_strongest_columns_become_known(tmp_path):
    from conftest import make_project

    frame = synth.applicants(400)
    rng = np.random.default_rng(0)
    bad = (frame["status"] == "bad").to_numpy()
    frame["bureau_score"] = np.round(600 - 80 * bad + rng.normal(0, 30, len(frame)))
    frame["settlement_code"] = np.where(bad, 9.0, 1.0) + rng.normal(0, 0.5, len(frame))
    asked = {}

    def ask(strong, answers):
        asked.update({s.column: s for s in strong})
        assert answers == {"income": "before_decision"}  # given up front (--known-at)
        return {**answers, "bureau_score": "at_decision", "settlement_code": "after_outcome"}

    spec = make_project(tmp_path, frame, "status", timing={"income": "before_decision"}, ask=ask)
    # the strongest first, each with its score alone; the target, ids and PII are never asked
    assert list(asked)[:2] == ["settlement_code", "bureau_score"]
    assert asked["settlement_code"].metric == "AUC" and asked["settlement_code"].score > 0.95
    assert len(asked) <= 5 and not {"status", "application_id"} & set(asked)
    contract = load_context(spec).contract
    known = {c: s.known_at for c, s in contract.columns.items()}
    assert known["settlement_code"] == "after_outcome" and known["bureau_score"] == "at_decision"
    assert known["income"] == "before_decision" and known["debt"] == "unknown"
    # recorded after the outcome: kept out of every model
    assert "settlement_code" not in contract.model_features()
    assert "bureau_score" in contract.model_features()
    text = (tmp_path / "data_contracts" / "study.yaml").read_text()
    assert f"alone predicts the target with {asked['bureau_score'].words}" in text


def test_init_from_the_command_line_shows_the_strongest_columns_and_takes_known_at(tmp_path):
    from typer.testing import CliRunner

    from workbench.cli.common import app

    frame = synth.applicants(300)
    frame["bureau_score"] = np.where(frame["status"] == "bad", 500.0, 650.0) + np.arange(300) % 7
    data = tmp_path / "extract.csv"
    frame.to_csv(data, index=False)
    args = ["init", str(data), "--target", "status", "--dir", str(tmp_path), "--no-ask"]
    done = CliRunner().invoke(app, [*args, "--known-at", "income=before"])
    assert done.exit_code == 0, done.output
    assert "strongest columns on their own" in done.output and "bureau_score" in done.output
    assert "AUC 1.00" in done.output and "left 'unknown'" in done.output
    contract = load_context(tmp_path / "experiments" / "extract.yaml").contract
    assert contract.columns["income"].known_at == "before_decision"
    assert contract.columns["bureau_score"].known_at == "unknown"
    wrong = CliRunner().invoke(app, [*args, "--force", "--known-at", "incme=after"])
    assert wrong.exit_code == 2 and "--known-at" in wrong.output and "incme" in wrong.output
    wrong = CliRunner().invoke(app, [*args, "--force", "--known-at", "income=later"])
    assert wrong.exit_code == 2 and "before_decision" in wrong.output
