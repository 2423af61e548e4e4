"""The hand-off package: what `promote` writes, that its scripts reproduce the run's model,
and that personal data stays out of it. Most tests use a small fake run directory (written
from the results models and a quickly fitted pipeline) instead of a real study."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

import synth
from baselines import ColumnRoles, build
from baselines.families import xgboost_model
from baselines.preprocess import pipeline, tree_preprocessor
from workbench.errors import BadInput
from workbench.handoff.promotion import promote
from workbench.inputs.context import load_run_context
from workbench.inputs.contract import load_contract
from workbench.inputs.files import coerce, write_snapshot
from workbench.judge.readiness import assess
from workbench.science.drift import OTHER, reference_stats
from workbench.store.judgements import Criterion, Decision
from workbench.store.layout import FinishedRun
from workbench.store.model_files import load_model, save_model
from workbench.store.results import (
    CheckRow,
    DataResult,
    EvaluationResult,
    FindingRow,
    HoldoutScore,
    Interval,
    LeakageResult,
    ModelCV,
    Overfitting,
    SplitSummary,
    TuningResult,
    ViolationRow,
)
from workbench.store.run_directory import Run

PACKAGE = [
    "config.yaml",
    "model.skops",
    "baseline.skops",
    "READINESS.md",
    "readiness.json",
    "contract.yaml",
    "reference_stats.json",
    "MODEL_CARD.md",
    "train.py",
    "score.py",
]
CONTRACT = {
    "dataset": "applicants",
    "columns": {
        "application_id": {"type": "integer", "role": "id", "unique": True},
        "income": {"type": "float", "min": 0},
        "debt": {"type": "float"},
        "job": {"type": "category"},
        "age": {"type": "integer", "sensitive": True},
        "region": {"type": "category"},
        "applied_on": {"type": "datetime"},
        "email": {"type": "string", "pii": True, "role": "exclude"},
        "status": {"type": "category", "role": "target", "allowed": ["bad", "good"]},
    },
}
SPEC = {
    "name": "fake",
    "question": "Can we flag applicants who will default?",
    "decision": "Whether to route flagged applications to an underwriter.",
    "data": {"path": "../data/fake.csv", "contract": "../data_contracts/fake.yaml"},
    "task": {"kind": "binary", "target": "status", "positive_class": "bad"},
    "acceptance": {"min_primary_score": 0.7},
    "seed": 7,
}
PARAMS = {"n_estimators": 25, "max_depth": 3, "learning_rate": 0.2}


def with_emails(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["email"] = [f"applicant{i}@client-bank.com" for i in range(len(out))]
    return out


def iv(value: float) -> Interval:
    return Interval(value=value, ci_low=round(value - 0.05, 6), ci_high=round(value + 0.05, 6))


def _results(run: Run, features: list[str], rows: int, test_rows: int) -> None:
    data = DataResult(
        rows=rows,
        columns=len(CONTRACT["columns"]),
        data_file="fake.csv",
        fingerprint="f" * 64,
        target="status",
        task="binary",
        classes=["good", "bad"],
        duplicate_rows=0,
        violations=[],
        unmentioned_columns=[],
        profile=[],
        features=features,
        figures=[],
    )
    findings = [
        FindingRow(
            check="near_duplicates",
            severity="warning",
            columns=["income"],
            evidence={"share": 0.02},
            message="2% of test rows nearly repeat training rows.",
            fix="Deduplicate the extract.",
        ),
        FindingRow(
            check="conflicting_labels",
            severity="info",
            columns=[],
            evidence={},
            message="Some identical inputs have different outcomes.",
            fix="None needed.",
        ),
    ]
    leakage = LeakageResult(
        split=SplitSummary(
            strategy="stratified",
            train_rows=rows - test_rows,
            test_rows=test_rows,
            cv_folds=3,
            test_share=test_rows / rows,
        ),
        findings=findings,
        checks=[CheckRow(name="near_duplicates", question="?", status="warning", findings=1)],
        figures=[],
    )
    evaluation = EvaluationResult(
        metric="roc_auc",
        greater_is_better=True,
        test_rows=test_rows,
        bootstrap_resamples=1000,
        candidate=HoldoutScore(
            name="tuned xgboost", role="candidate", primary=iv(0.81), secondary={"brier": iv(0.15)}
        ),
        baseline=HoldoutScore(
            name="logistic", role="baseline", primary=iv(0.77), secondary={"brier": iv(0.17)}
        ),
        lift=iv(0.04),
        holdout_scored=1,
        pipelines={"candidate": ["prepare: ColumnTransformer", "model: XGBClassifier"]},
        figures=[],
    )
    decision = Decision(
        recommendation="build_with_conditions",
        headline="Build, once the near duplicates are explained.",
        reasons=["ROC AUC 0.81 [0.76, 0.86] clears 0.70 (Evaluation section)."],
        criteria=[
            Criterion(
                name="primary",
                threshold=0.7,
                observed=0.81,
                ci_low=0.76,
                ci_high=0.86,
                verdict="pass",
                evidence="Evaluation",
            )
        ],
        roadmap=["Explain the near duplicates."],
    )
    for name, result in [
        ("data", data),
        ("leakage", leakage),
        ("evaluation", evaluation),
        ("decision", decision),
    ]:
        run.save_result(name, result)
    cv = ModelCV(
        name="xgboost", description="tuned", fold_scores=[0.8, 0.82, 0.81], mean=0.81,
        std=0.01, ci_low=0.78, ci_high=0.84,
    )  # fmt: skip
    tuning = TuningResult(
        family="xgboost", params=PARAMS, cv=cv, default_cv=cv, trials_requested=4,
        trials_completed=4, trials_pruned=0, study_name="fake", storage="sqlite:///fake.db",
        stopped_by="trials", importances={}, figures=[],
        overfitting=Overfitting(train_mean=0.9, validation_mean=0.81, gap=0.09, fold_std=0.01),
    )  # fmt: skip
    run.save_result("tuning", tuning)


def fake_run(root: Path, frame: pd.DataFrame | None = None) -> Path:
    """A finished-looking run directory for the applicants data (with a planted e-mail column):
    inputs, snapshot, split, results, manifest and a fitted candidate. Returns its path."""
    frame = with_emails(synth.applicants(400, seed=3) if frame is None else frame)
    run = Run(root / "run")
    run.create()
    (run.dir / "inputs").mkdir()
    (run.dir / "inputs" / "spec.yaml").write_text(yaml.safe_dump(SPEC))
    (run.dir / "inputs" / "contract.yaml").write_text(yaml.safe_dump(CONTRACT, sort_keys=False))
    contract = load_contract(run.dir / "inputs" / "contract.yaml")
    typed, _ = coerce(frame, contract)
    write_snapshot(typed, run.snapshot)
    rng = np.random.default_rng(0)
    part = np.where(rng.random(len(typed)) < 0.25, "test", "train")
    fold = np.where(part == "train", np.arange(len(typed)) % 3, -1)
    pd.DataFrame({"part": part, "fold": fold}).to_parquet(run.split_file, index=False)
    features = contract.model_features()
    X, y = typed[features], (typed["status"] == "bad").to_numpy(dtype="int64")
    model = pipeline(
        tree_preprocessor(ColumnRoles.from_frame(X)), xgboost_model("binary", 7, **PARAMS)
    )
    model.fit(X[part == "train"], y[part == "train"])
    save_model(model, run.dir / "models" / "candidate.skops")
    baseline = build("linear", ColumnRoles.from_frame(X), "binary", 7)
    save_model(
        baseline.fit(X[part == "train"], y[part == "train"]), run.dir / "models" / "baseline.skops"
    )
    _results(run, features, len(typed), int((part == "test").sum()))
    run.update_manifest(
        experiment="fake",
        spec_hash="s" * 64,
        seed=7,
        holdout_scored=1,
        data={"file": "fake.csv", "fingerprint": "f" * 64, "rows": len(typed)},
    )
    judge_readiness(run)
    return run.dir


def judge_readiness(run: Run) -> None:
    """Save the readiness a finished run saves when it is judged (the fake's decision is
    hand-made, so the readiness is judged alone, with that recommendation)."""
    results = FinishedRun.read(run)
    spec = load_run_context(run).spec
    run.save_result("readiness", assess(results, spec, results.decision.recommendation))


@pytest.fixture
def run_dir(tmp_path) -> Path:
    return fake_run(tmp_path)


def raw_rows(run_dir: Path, which: str) -> pd.DataFrame:
    """The raw rows (as a client would send them) of one part of the fake run's split."""
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    frame = with_emails(synth.applicants(400, seed=3))
    return frame.loc[part == which].reset_index(drop=True)


def script(package: Path, name: str, *args) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, name, *map(str, args)],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done


def package_text(package: Path) -> str:
    """Everything in the package as text, the model file's archive members included."""
    texts = []
    for p in package.rglob("*"):
        if p.suffix == ".skops":
            with zipfile.ZipFile(p) as z:
                texts += [z.read(n).decode("latin-1") for n in z.namelist()]
        elif p.is_file():
            texts.append(p.read_bytes().decode("latin-1"))
    return "\n".join(texts)


def test_promote_writes_the_winning_configuration_as_data(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    assert sorted(p.name for p in package.iterdir()) == sorted(PACKAGE)
    config = yaml.safe_load((package / "config.yaml").read_text())
    assert config["model"] == {"family": "xgboost", "params": PARAMS}
    assert (config["task"], config["target"], config["positive_class"]) == (
        "binary",
        "status",
        "bad",
    )
    assert config["classes"] == ["good", "bad"]
    assert config["features"] == ["income", "debt", "job", "region", "applied_on"]
    assert config["columns"] == {
        "numeric": ["income", "debt"],
        "categorical": ["job", "region"],
        "datetime": ["applied_on"],
        "high_cardinality": [],
        "text": [],
    }
    assert config["preprocessing"] == ["prepare: ColumnTransformer", "model: XGBClassifier"]
    assert (config["seed"], config["spec_hash"], config["data_fingerprint"]) == (
        7,
        "s" * 64,
        "f" * 64,
    )
    model = run_dir / "models" / "candidate.skops"
    assert (package / "model.skops").read_bytes() == model.read_bytes()
    contract = run_dir / "inputs" / "contract.yaml"
    assert (package / "contract.yaml").read_text() == contract.read_text()


def test_reference_stats_describe_the_training_rows(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    stats = json.loads((package / "reference_stats.json").read_text())
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"]
    train = pd.read_parquet(run_dir / "data" / "snapshot.parquet").loc[part.eq("train").to_numpy()]
    assert stats["rows"] == len(train)
    assert set(stats["features"]) == {"income", "debt", "job", "region", "applied_on"}
    income = stats["features"]["income"]
    assert len(income["edges"]) == 11 and len(income["shares"]) == 10
    assert sum(income["shares"]) == pytest.approx(1.0, abs=1e-5)
    assert income["missing_share"] == pytest.approx(train["income"].isna().mean(), abs=1e-6)
    assert income["mean"] == pytest.approx(train["income"].mean())
    assert income["min"] == train["income"].min() and income["max"] == train["income"].max()
    job = stats["features"]["job"]
    assert set(job["shares"]) == set(train["job"].dropna().astype(str))
    assert sum(job["shares"].values()) == pytest.approx(1.0, abs=1e-5)
    assert stats["features"]["applied_on"]["unit"] == "days since 1970-01-01"


def test_reference_stats_pool_rare_categories_and_skip_pii(tmp_path):
    (tmp_path / "c.yaml").write_text(
        yaml.safe_dump(
            {
                "dataset": "d",
                "columns": {
                    "code": {"type": "category"},
                    "small": {"type": "integer"},
                    "email": {"type": "string", "pii": True},
                },
            }
        )
    )
    contract = load_contract(tmp_path / "c.yaml")
    frame = pd.DataFrame(
        {
            "code": [f"c{i:03d}" for i in range(60)] * 2 + ["c000"] * 10,
            "small": [0, 1, 2] * 43 + [2],
            "email": ["a@b.com"] * 130,
        }
    )
    stats = reference_stats(frame, contract, ["code", "small", "email"])["features"]
    assert "email" not in stats
    assert len(stats["code"]) and len(stats["code"]["shares"]) == 51
    assert stats["code"]["shares"]["c000"] == pytest.approx(12 / 130, abs=1e-6)
    assert stats["code"]["shares"][OTHER] == pytest.approx(20 / 130, abs=1e-6)
    assert stats["code"]["distinct"] == 60
    # three distinct values: the quantile edges collapse to them, and the bins with them
    assert stats["small"]["edges"] == [0.0, 1.0, 2.0]
    assert sum(stats["small"]["shares"]) == pytest.approx(1.0)


def test_model_card_tells_use_data_metrics_decision_and_limitations(run_dir, tmp_path):
    card = (promote(run_dir, tmp_path / "pkg") / "MODEL_CARD.md").read_text()
    assert SPEC["question"] in card and SPEC["decision"] in card
    assert "f" * 64 in card and "400 rows" in card
    assert "0.810 (95% interval 0.760 to 0.860)" in card  # primary with its interval
    assert "brier" in card and "0.150 (95% interval 0.100 to 0.200)" in card
    assert "build with conditions" in card and "clears 0.70 (Evaluation section)" in card
    assert card.index("**warning**") < card.index("**info**")
    assert "near_duplicates" in card and "Deduplicate the extract." in card
    assert "python score.py" in card and "python train.py" in card


def test_package_holds_no_personal_data(run_dir, tmp_path):
    text = package_text(promote(run_dir, tmp_path / "pkg"))
    assert "@client-bank.com" not in text
    stats = json.loads((tmp_path / "pkg" / "reference_stats.json").read_text())
    assert "email" not in stats["features"]


def test_scripts_score_and_retrain_like_the_run(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    test, train = raw_rows(run_dir, "test"), raw_rows(run_dir, "train")
    test.drop(columns=["status"]).to_csv(tmp_path / "new.csv", index=False)
    train.to_parquet(tmp_path / "train.parquet", index=False)
    candidate = load_model(run_dir / "models" / "candidate.skops")
    snapshot = pd.read_parquet(run_dir / "data" / "snapshot.parquet")
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    expected = candidate.predict_proba(snapshot.loc[part == "test", candidate.feature_names_in_])

    script(package, "score.py", "--data", tmp_path / "new.csv", "--out", tmp_path / "p.csv")
    scored = pd.read_csv(tmp_path / "p.csv")
    assert list(scored.columns) == ["p_good", "p_bad"]
    np.testing.assert_allclose(scored.to_numpy(), expected, rtol=0, atol=1e-9)

    script(package, "train.py", "--data", tmp_path / "train.parquet", "--out", tmp_path / "m.skops")
    script(
        package,
        "score.py",
        "--data",
        tmp_path / "new.csv",
        "--model",
        tmp_path / "m.skops",
        "--out",
        tmp_path / "q.csv",
    )
    np.testing.assert_allclose(pd.read_csv(tmp_path / "q.csv").to_numpy(), expected, atol=1e-9)


def test_rollback_baseline_scores_with_score_py(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    raw_rows(run_dir, "test").drop(columns=["status"]).to_csv(tmp_path / "new.csv", index=False)
    baseline = load_model(run_dir / "models" / "baseline.skops")
    snapshot = pd.read_parquet(run_dir / "data" / "snapshot.parquet")
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    expected = baseline.predict_proba(snapshot.loc[part == "test", baseline.feature_names_in_])
    args = [
        "--data",
        tmp_path / "new.csv",
        "--model",
        "baseline.skops",
        "--out",
        tmp_path / "b.csv",
    ]
    script(package, "score.py", *args)
    np.testing.assert_allclose(pd.read_csv(tmp_path / "b.csv").to_numpy(), expected, atol=1e-9)


def weaker_evidence(run_dir: Path) -> None:
    """The same fake run, but its data broke the contract and its best baseline does not
    clear the agreed 0.7 on its own."""
    run = Run(run_dir)
    data = run.load_result("data", DataResult)
    data.violations = [ViolationRow(column="income", check="min", failures=3, examples=["-1"])]
    run.save_result("data", data)
    ev = run.load_result("evaluation", EvaluationResult)
    ev.baseline.primary = Interval(value=0.69, ci_low=0.64, ci_high=0.74)
    run.save_result("evaluation", ev)
    judge_readiness(run)  # judged again on the changed results, as a new run would be


def test_readiness_list_is_generated_from_the_run(run_dir, tmp_path):
    """Two runs whose evidence differs get different readiness lists, item by item."""
    other = fake_run(tmp_path / "other")
    weaker_evidence(other)
    a = json.loads((promote(run_dir, tmp_path / "a") / "readiness.json").read_text())
    b = json.loads((promote(other, tmp_path / "b") / "readiness.json").read_text())
    ids = [i["id"] for i in a["items"]]
    assert ids == [f"{s}-{n}" for s in ("data", "model", "infra", "monitor") for n in range(1, 8)]
    assert [i["id"] for i in b["items"]] == ids
    status = lambda r: {i["id"]: i["status"] for i in r["items"]}  # noqa: E731
    changed = {k for k in ids if status(a)[k] != status(b)[k]}
    assert changed == {"data-1", "infra-7"}
    assert (status(a)["data-1"], status(b)["data-1"]) == ("provided", "owed")
    assert (status(a)["infra-7"], status(b)["infra-7"]) == ("provided", "owed")
    for item in a["items"] + b["items"]:
        assert item["evidence"]
        assert (item["status"] == "owed") == bool(item["next_step"])
    b_infra7 = next(i for i in b["items"] if i["id"] == "infra-7")
    assert "0.690" in b_infra7["evidence"] and "stop-gap" in b_infra7["evidence"]
    assert "income" in next(i for i in b["items"] if i["id"] == "data-1")["evidence"]

    md_a = (tmp_path / "a" / "READINESS.md").read_text()
    md_b = (tmp_path / "b" / "READINESS.md").read_text()
    assert "- [x] **Infra 7 — Serving models can be rolled back**" in md_a
    assert "- [ ] **Infra 7 — Serving models can be rolled back**" in md_b
    assert md_a.count("- [x]") == sum(v == "provided" for v in status(a).values())
    assert md_b.count("*Next step:*") == sum(v == "owed" for v in status(b).values())
    # the production path in the package is the decision's own sentences, from the same items
    assert a["path"]["rollback"] in md_a and "logistic" in a["path"]["rollback"]


def test_score_names_missing_columns(run_dir, tmp_path):
    package = promote(run_dir, tmp_path / "pkg")
    raw_rows(run_dir, "test").drop(columns=["debt"]).to_csv(tmp_path / "new.csv", index=False)
    done = subprocess.run(
        [sys.executable, "score.py", "--data", tmp_path / "new.csv", "--out", tmp_path / "p.csv"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0 and "debt" in done.stderr and "Traceback" not in done.stderr


def test_promote_refuses_an_unfinished_run(run_dir, tmp_path):
    (run_dir / "results" / "decision.json").unlink()
    with pytest.raises(BadInput, match=r"results/decision\.json") as err:
        promote(run_dir, tmp_path / "pkg")
    assert "--resume" in str(err.value)
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "promote", run_dir, "--out", tmp_path / "pkg"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert "results/decision.json" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "pkg").exists()


def test_cli_promote_defaults_into_the_run(run_dir):
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "promote", run_dir],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (run_dir / "promotion").iterdir()) == sorted(PACKAGE)


@pytest.mark.slow
def test_real_run_promotes_a_package_that_reproduces_it(finished_run, tmp_path):
    run_dir, package = finished_run.run_dir, tmp_path / "package"
    cli = [sys.executable, "-m", "workbench"]
    done = subprocess.run(
        [*cli, "promote", run_dir, "--out", package], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in package.iterdir()) == sorted(PACKAGE)

    frame = pd.read_csv(finished_run.data)  # the client's file, as read
    part = pd.read_parquet(run_dir / "data" / "split.parquet")["part"].to_numpy()
    holdout = pd.read_parquet(run_dir / "predictions" / "holdout.parquet")
    frame.loc[part == "test"].to_csv(tmp_path / "test.csv", index=False)
    frame.loc[part == "train"].to_csv(tmp_path / "train.csv", index=False)
    expected = holdout[[c for c in holdout.columns if c.startswith("candidate_p")]].to_numpy()
    assert (holdout["row"].to_numpy() == np.flatnonzero(part == "test")).all()

    script(package, "score.py", "--data", tmp_path / "test.csv", "--out", tmp_path / "p.csv")
    np.testing.assert_allclose(pd.read_csv(tmp_path / "p.csv").to_numpy(), expected, atol=1e-9)
    script(package, "train.py", "--data", tmp_path / "train.csv", "--out", tmp_path / "m.skops")
    script(
        package,
        "score.py",
        "--data",
        tmp_path / "test.csv",
        "--model",
        tmp_path / "m.skops",
        "--out",
        tmp_path / "q.csv",
    )
    np.testing.assert_allclose(pd.read_csv(tmp_path / "q.csv").to_numpy(), expected, atol=1e-9)
    assert "@client-bank.com" not in package_text(package)

    # the rollback: the package's baseline reproduces the evaluation stage's baseline scores
    rollback = holdout[[c for c in holdout.columns if c.startswith("baseline_p")]].to_numpy()
    args = [
        "--data",
        tmp_path / "test.csv",
        "--model",
        "baseline.skops",
        "--out",
        tmp_path / "b.csv",
    ]
    script(package, "score.py", *args)
    np.testing.assert_allclose(pd.read_csv(tmp_path / "b.csv").to_numpy(), rollback, atol=1e-9)
    readiness = json.loads((package / "readiness.json").read_text())
    assert len(readiness["items"]) == 28
    watched = json.loads((run_dir / "results" / "assurance.json").read_text())["monitoring"]
    skew = next(i for i in readiness["items"] if i["id"] == "monitor-3")
    assert all(w["feature"] in skew["evidence"] for w in watched["watched"])
