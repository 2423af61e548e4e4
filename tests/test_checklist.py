"""The reviewer's checklist: the leakage model info sheet and the REFORMS items, built from
results objects alone — each verdict path on synthetic results, and the three cases of the
issue on real leakage-check findings from small frames."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from leakage_checks import Roles, SplitFrames, run_all
from test_leakage_battery import leaning_customers, with_customers
from workbench.errors import BadInput
from workbench.judge.checklist import ChecklistInputs, build_checklist, checklist_from
from workbench.judge.decision.reviewer import reviewer_roadmap
from workbench.report.checklist_tables import md, pipe_table
from workbench.store.results import (
    CheckRow,
    ColumnProfile,
    DataResult,
    EvaluationResult,
    FindingRow,
    HoldoutScore,
    Interval,
    LeakageResult,
    SplitSummary,
)
from workbench.store.run_directory import Run

ALL_CHECKS = [
    "declared_post_outcome",
    "shared_rows",
    "near_duplicates",
    "entity_overlap",
    "time_order",
    "right_censoring",
    "single_feature",
    "column_pairs",
    "pure_subsets",
    "missingness_signal",
    "number_formats",
    "target_lookup",
    "identifiers",
    "label_proxies",
    "conflicting_labels",
    "importance_dominance",
    "split_sensitivity",
    "shuffled_labels",
    "train_test_distinguishable",
    "batch_prediction",
]
PIPES = {
    "candidate": ["prepare: ColumnTransformer", "model: XGBClassifier"],
    "baseline": ["prepare: ColumnTransformer", "model: LogisticRegression"],
}


@pytest.fixture(autouse=True)
def one_thread():
    # model-based checks fit small models: one native thread keeps them fast on shared cores
    with threadpool_limits(limits=1):
        yield


# -- synthetic results ----------------------------------------------------------------------------
def finding(check, severity="warning", columns=(), message="m", **evidence):
    return FindingRow(
        check=check,
        severity=severity,
        columns=list(columns),
        evidence=evidence or {"x": 1.0},
        message=message,
        fix="f",
    )


def profile(name, type_="float", role="feature", used=True, why=None, distinct=10):
    return ColumnProfile(
        name=name,
        type=type_,
        role=role,
        missing_share=0.0,
        distinct=distinct,
        used_by_model=used,
        excluded_because=why,
    )


def inputs(
    findings=(),
    ran=ALL_CHECKS,
    split=None,
    columns=None,
    pipelines=PIPES,
    scored=1,
    spec=None,
    manifest=None,
):
    columns = columns or [profile("a"), profile("b"), profile("c", "category")]
    columns = [profile("y", "category", "target", False, "the target", 2), *columns]
    findings = list(findings)
    checks = [
        CheckRow(
            name=c,
            question="?",
            status=next((f.severity for f in findings if f.check == c), "passed"),
            findings=sum(f.check == c for f in findings),
        )
        for c in ran
    ]
    iv = Interval(value=0.8, ci_low=0.75, ci_high=0.85)
    return ChecklistInputs(
        data=DataResult(
            rows=1000,
            columns=len(columns),
            data_file="extract.csv",
            fingerprint="ab" * 32,
            target="y",
            task="binary",
            classes=["no", "yes"],
            class_counts={"no": 700, "yes": 300},
            duplicate_rows=0,
            violations=[],
            unmentioned_columns=[],
            profile=columns,
            features=[p.name for p in columns if p.used_by_model],
            figures=[],
        ),
        leakage=LeakageResult(
            split=split
            or SplitSummary(
                strategy="stratified", train_rows=750, test_rows=250, cv_folds=5, test_share=0.25
            ),
            findings=findings,
            checks=checks,
            figures=[],
        ),
        evaluation=EvaluationResult(
            metric="roc_auc",
            greater_is_better=True,
            test_rows=250,
            bootstrap_resamples=1000,
            candidate=HoldoutScore(name="tuned xgboost", role="candidate", primary=iv),
            baseline=HoldoutScore(name="linear", role="baseline", primary=iv),
            lift=Interval(value=0.01, ci_low=-0.01, ci_high=0.03),
            holdout_scored=scored,
            pipelines=pipelines,
            figures=[],
        ),
        manifest=manifest
        if manifest is not None
        else {
            "spec_hash": "c" * 64,
            "seed": 42,
            "holdout_scored": scored,
            "completed_stages": ["data", "leakage", "baselines", "tuning", "evaluation"],
            "environment": {"git_revision": "d" * 40, "python": "3.11.7", "packages": {}},
        },
        spec=spec or {"question": "Q?", "decision": "D", "acceptance": {"min_primary_score": 0.7}},
    )


def sheet(x):
    return {i.id: i for i in checklist_from(x).leakage_sheet}


def assert_addressed_with_evidence(items):
    for i in items:
        if i.verdict == "addressed":
            shown = [e for e in i.evidence if e.detail != "did not run in this run"]
            assert shown, f"{i.id} addressed without evidence"


# -- verdict paths ----------------------------------------------------------------------------------
def test_clean_results_have_no_concern_and_every_addressed_item_carries_evidence():
    items = sheet(inputs())
    assert [i.verdict for i in items.values()].count("concern") == 0
    assert items["leakage.temporal"].verdict == "not_applicable"
    assert "no date column" in items["leakage.temporal"].not_applicable_because
    assert_addressed_with_evidence(items.values())
    sources = {e.source for e in items["leakage.duplicates"].evidence}
    assert {"leakage.json: shared_rows", "leakage.json: near_duplicates"} <= sources
    passed = items["leakage.duplicates"].evidence[0].detail
    assert passed.startswith("passed:") and "2%" in passed  # the threshold it used


def test_holdout_scored_twice_or_missing_test_rows_is_a_concern():
    item = sheet(inputs(scored=2))["leakage.no_test_set"]
    assert item.verdict == "concern" and "scored 2 times" in item.concern
    x = inputs()
    x.evaluation.test_rows = 0
    x.leakage.split.test_rows = 0
    assert "no test part" in sheet(x)["leakage.no_test_set"].concern


def test_preprocessing_outside_the_pipeline_or_a_batch_leak_is_a_concern():
    pipes = {"candidate": ["scale: StandardScaler", "model: LogisticRegression"]}
    item = sheet(inputs(pipelines=pipes))["leakage.preprocessing"]
    assert item.verdict == "concern" and "candidate pipeline" in item.concern
    batch = finding("batch_prediction", "critical", message="uses statistics of the batch")
    item = sheet(inputs([batch]))["leakage.preprocessing"]
    assert item.raised_by == ["batch_prediction"] and "statistics of the batch" in item.concern
    # no record of the pipelines: nothing shows where preprocessing was fitted
    assert sheet(inputs(pipelines={}))["leakage.preprocessing"].verdict == "concern"


def test_feature_selection_inside_the_pipeline_is_addressed_and_unrecorded_pipelines_are_not():
    pipes = {"candidate": ["prepare: ColumnTransformer", "select: SelectKBest", "model: X"]}
    item = sheet(inputs(pipelines=pipes))["leakage.feature_selection"]
    assert item.verdict == "addressed"
    assert any("SelectKBest" in e.detail and "refitted" in e.detail for e in item.evidence)
    item = sheet(inputs())["leakage.feature_selection"]
    assert any(e.detail == "no pipeline step selects features" for e in item.evidence)
    assert sheet(inputs(pipelines={}))["leakage.feature_selection"].verdict == "concern"


def test_duplicates_across_the_split_and_a_check_that_did_not_run():
    shared = finding("shared_rows", message="12.0% of test rows ...", share_features_in_train=0.12)
    item = sheet(inputs([shared]))["leakage.duplicates"]
    assert item.verdict == "concern" and "shared_rows (warning)" in item.concern
    assert item.evidence[0].numbers == {"share_features_in_train": 0.12}
    ran = [c for c in ALL_CHECKS if c not in ("shared_rows", "near_duplicates")]
    item = sheet(inputs(ran=ran))["leakage.duplicates"]
    assert item.verdict == "concern" and "did not run" in item.concern


def test_illegitimate_features_declared_kept_out_proxy_and_row_order():
    cols = [
        profile("a"),
        profile("closed_on", "datetime", used=False, why="not known at prediction time"),
    ]
    info = finding("declared_post_outcome", "info", ["closed_on"])
    item = sheet(inputs([info], columns=cols))["leakage.illegitimate_features"]
    assert item.verdict == "addressed"
    assert any("closed_on" in e.columns for e in item.evidence)
    proxy = finding("label_proxies", "critical", ["branch_code"], "a relabelled copy")
    item = sheet(inputs([proxy]))["leakage.illegitimate_features"]
    assert item.verdict == "concern" and item.columns == ["branch_code"]
    # the file's row order tracking the outcome is not a model input
    order = finding("identifiers", "warning", [], "The row order in the file predicts ...")
    assert sheet(inputs([order]))["leakage.illegitimate_features"].verdict == "addressed"


def test_temporal_paths():
    dated = [profile("a"), profile("applied_on", "datetime")]
    by_time = SplitSummary(
        strategy="time",
        train_rows=750,
        test_rows=250,
        cv_folds=5,
        test_share=0.25,
        time_column="applied_on",
    )
    item = sheet(inputs(split=by_time, columns=dated))["leakage.temporal"]
    assert item.verdict == "addressed" and "latest 250 rows" in item.what_was_done
    item = sheet(inputs(columns=dated))["leakage.temporal"]
    assert item.verdict == "concern" and item.columns == ["applied_on"]
    assert "split.time_column: applied_on" in item.concern
    assert any(e.columns == ["applied_on"] and "model inputs" in e.detail for e in item.evidence)
    random_dated = by_time.model_copy(update={"strategy": "random"})
    overlap = finding(
        "time_order", "warning", ["applied_on"], share_test_rows_before_training_end=0.7
    )
    item = sheet(inputs([overlap], split=random_dated, columns=dated))["leakage.temporal"]
    assert item.raised_by == ["time_order"]
    # a post-outcome date belongs to illegitimate features, not to temporal leakage
    late = finding(
        "time_order", "critical", ["closed_on"], share_rows_dated_after_prediction_time=0.9
    )
    items = sheet(inputs([late], split=by_time, columns=dated))
    assert items["leakage.temporal"].verdict == "addressed"
    assert items["leakage.illegitimate_features"].columns == ["closed_on"]


def test_non_independence_grouped_split_and_shared_entities():
    grouped = SplitSummary(
        strategy="group",
        train_rows=750,
        test_rows=250,
        cv_folds=5,
        test_share=0.25,
        group_column="customer",
    )
    item = sheet(inputs(split=grouped))["leakage.non_independence"]
    assert item.verdict == "addressed" and "'customer' on one side" in item.what_was_done
    shared = finding("entity_overlap", "warning", ["customer_ref"])
    gap = finding("split_sensitivity", "warning", ["member"], score_group_split=0.6, gap=0.2)
    item = sheet(inputs([shared, gap]))["leakage.non_independence"]
    assert item.verdict == "concern" and item.columns == ["customer_ref", "member"]


def test_sampling_bias_warning_is_a_concern_but_drift_across_a_time_split_is_not():
    warn = finding("train_test_distinguishable", "warning", ["b"], auc=0.81)
    item = sheet(inputs([warn]))["leakage.sampling_bias"]
    assert item.verdict == "concern" and item.columns == ["b"]
    info = finding("train_test_distinguishable", "info", ["b"], auc=0.81)
    item = sheet(inputs([info]))["leakage.sampling_bias"]
    assert item.verdict == "addressed" and item.evidence[1].numbers == {"auc": 0.81}


# -- REFORMS ----------------------------------------------------------------------------------------
def test_reforms_counts_notes_and_what_stays_open():
    c = checklist_from(inputs())
    assert len(c.reforms) == 32 and len({i.id for i in c.reforms}) == 32
    assert c.counts.evidence + c.counts.consultant + c.counts.open == 32
    person = [i.id for i in c.reforms if i.status == "open"]
    assert "reforms.study_goals.population" in person
    assert c.item("reforms.reproducibility.dataset").status == "evidence"
    assert "abababababababab" in c.item("reforms.reproducibility.dataset").answer
    notes = {
        "reforms.study_goals.population": "Applicants for personal loans in 2025.",
        "reforms.metrics.metrics": "AUC is what the credit team reads.",
        "leakage.temporal": "Scored on the same quarter only.",
    }
    spec = {"question": "Q?", "decision": "D", "reviewer_notes": notes}
    c2 = checklist_from(inputs(spec=spec))
    item = c2.item("reforms.study_goals.population")
    assert item.status == "consultant" and item.consultant_note == notes[item.id]
    metrics = c2.item("reforms.metrics.metrics")
    assert metrics.status == "evidence" and metrics.consultant_note == notes[metrics.id]
    assert c2.item("leakage.temporal").consultant_note == notes["leakage.temporal"]
    assert c2.counts.consultant == c.counts.consultant + 1
    assert c2.counts.open == c.counts.open - 1


def test_reforms_code_item_is_open_for_uncommitted_code_and_leakage_items_follow_the_sheet():
    dirty = {"environment": {"git_revision": "d" * 40 + "+dirty"}, "spec_hash": "c" * 64}
    c = checklist_from(inputs(manifest=dirty))
    assert c.item("reforms.reproducibility.code").status == "open"
    shared = finding("shared_rows", message="12% of test rows repeat")
    c = checklist_from(inputs([shared]))
    answer = c.item("reforms.leakage.dependencies").answer
    assert "CONCERN" in answer and "12% of test rows repeat" in answer


def test_roadmap_names_open_items_by_id_and_unraised_concerns_once():
    c = checklist_from(inputs())
    lines = reviewer_roadmap(c)
    assert any("`reforms.study_goals.population`" in line for line in lines)
    assert all("reviewer_notes" in line for line in lines)
    modules = {i.module for i in c.open_items}
    assert len(lines) == len(modules)
    dated = checklist_from(inputs(columns=[profile("a"), profile("applied_on", "datetime")]))
    assert any("temporal leakage" in line for line in reviewer_roadmap(dated))
    raised = checklist_from(inputs([finding("shared_rows")]))
    assert not any("duplicates" in line for line in reviewer_roadmap(raised))
    assert reviewer_roadmap(None) == []


def test_decide_groups_the_reviewer_lines_last_as_homework():
    """The client's next steps make the roadmap; the checklists' homework follows, grouped:
    the production-readiness tally first, then the reviewer's lines."""
    from test_decision import SPEC, results

    res = results()
    res.checklist = checklist_from(inputs())
    d = __import__("workbench.judge.decision", fromlist=["decide"]).decide(res, SPEC)
    lines = reviewer_roadmap(res.checklist)
    assert lines and d.homework[-len(lines) :] == lines
    assert not any(line in d.roadmap for line in lines)
    assert d.homework[0].startswith("Production readiness by")


# -- spec ---------------------------------------------------------------------------------------------
def spec_file(tmp_path, notes: str) -> object:
    p = tmp_path / "s.yaml"
    p.write_text(
        "name: s\nquestion: q\ndecision: d\ndata: {path: a.csv, contract: c.yaml}\n"
        "task: {kind: binary, target: y}\nacceptance: {min_primary_score: 0.7}\n" + notes
    )
    return p


def test_unknown_or_empty_reviewer_note_is_refused_with_file_field_and_suggestion(tmp_path):
    from workbench.inputs.spec import load_spec

    p = spec_file(tmp_path, "reviewer_notes:\n  reforms.study_goal.population: x\n")
    with pytest.raises(BadInput) as e:
        load_spec(p, check_paths=False)
    assert e.value.file == str(p) and e.value.field == "reviewer_notes"
    assert "Did you mean 'reforms.study_goals.population'?" in str(e.value)
    p = spec_file(tmp_path, "reviewer_notes:\n  leakage.temporal: '  '\n")
    with pytest.raises(BadInput, match="empty"):
        load_spec(p, check_paths=False)


def test_reviewer_notes_change_no_spec_hash(tmp_path):
    from workbench.inputs.spec import load_spec

    plain = load_spec(spec_file(tmp_path, ""), check_paths=False).spec_hash()
    noted = spec_file(tmp_path, "reviewer_notes:\n  leakage.temporal: same quarter\n")
    loaded = load_spec(noted, check_paths=False)
    assert loaded.spec.reviewer_notes == {"leakage.temporal": "same quarter"}
    assert loaded.spec_hash() == plain


def test_resume_takes_up_new_reviewer_notes_but_refuses_other_changes(tmp_path, applicants):
    from conftest import make_project
    from workbench.engine.runner import start_run
    from workbench.inputs.context import load_context

    spec = make_project(tmp_path, applicants, "status")
    run = start_run(load_context(spec), tmp_path / "run", resume=False, stage=None)
    run.release()
    spec.write_text(spec.read_text() + "reviewer_notes:\n  leakage.temporal: same quarter\n")
    start_run(load_context(spec), tmp_path / "run", resume=True, stage=None).release()
    assert "same quarter" in (tmp_path / "run" / "inputs" / "spec.yaml").read_text()
    spec.write_text(spec.read_text().replace("seed: 42", "seed: 7"))
    with pytest.raises(BadInput, match="spec changed"):
        start_run(load_context(spec), tmp_path / "run", resume=True, stage=None)


# -- report helpers ------------------------------------------------------------------------------------
def test_markdown_cells_escape_outside_code_and_tables_size_their_columns():
    assert md("a|b *c* `x_y|z` d_e") == "a\\|b \\*c\\* `x_y\\|z` d\\_e"
    table = pipe_table(["A", "B"], [["1", "2"]])
    # no widths from dashes (the renderers size columns to their content), no raw typst
    assert table.splitlines()[1] == "|:---|:---|" and "{=typst}" not in table


def write_run(tmp_path, x: ChecklistInputs) -> Run:
    run = Run(tmp_path / "older")
    for name in ("data", "leakage", "evaluation"):
        run.save_result(name, getattr(x, name))
    (run.dir / "inputs").mkdir()
    (run.dir / "inputs" / "spec.yaml").write_text("name: s\nseed: 3\n")
    return run


def test_a_checklist_is_built_from_the_results_a_run_holds(tmp_path):
    run = write_run(tmp_path, inputs())
    c = build_checklist(run.dir)
    assert len(c.leakage_sheet) == 8
    assert not run.has_result("checklist")  # building writes nothing: the judge saves it
    assert "results/baselines.json" not in c.sources  # what the run holds, nothing more
    (run.results / "evaluation.json").unlink()
    with pytest.raises(FileNotFoundError, match="evaluation"):
        build_checklist(run.dir)


# -- the three cases, on real leakage-check findings -----------------------------------------
def base(n=800, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "c": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
        }
    )
    y = pd.Series(((X.a + 0.8 * X.b + rng.normal(0, 1, n)) > 0.3).astype(int))
    return X, y


def random_split(X, y, seed=0, test=0.25):
    idx = np.random.default_rng(seed).permutation(len(X))
    cut = int(len(X) * (1 - test))
    tr, te = np.sort(idx[:cut]), np.sort(idx[cut:])
    return SplitFrames(
        X.iloc[tr], X.iloc[te], y.iloc[tr].reset_index(drop=True), y.iloc[te].reset_index(drop=True)
    )


def checklist_of(frames: SplitFrames, roles: Roles, strategy="stratified", group=None):
    runs = run_all(frames, roles)
    findings = [FindingRow(**f.to_dict()) for r in runs for f in r.findings]
    x = inputs(
        findings,
        ran=[r.name for r in runs],
        split=SplitSummary(
            strategy=strategy,
            train_rows=len(frames.X_train),
            test_rows=len(frames.X_test),
            cv_folds=5,
            test_share=0.25,
            group_column=group,
        ),
        columns=[
            profile(c, "float" if c in ("a", "b") else "category", used=c in roles.features)
            for c in frames.X_train.columns
        ],
    )
    x.evaluation.test_rows = len(frames.X_test)  # the evaluation scores the split's test part
    return {i.id: i for i in checklist_from(x).leakage_sheet}


def test_done_when_planted_post_outcome_column_is_an_illegitimate_feature_concern():
    X, y = base()
    rng = np.random.default_rng(3)
    X["collections_status"] = pd.Series(
        np.where(y == 1, "in collections", "current"), dtype="str"
    ).where(rng.random(len(X)) > 0.02, "current")
    items = checklist_of(
        random_split(X, y), Roles(task="binary", features=list(X.columns), target_name="default")
    )
    item = items["leakage.illegitimate_features"]
    assert item.verdict == "concern"
    assert "collections_status" in item.columns and "collections_status" in item.concern


def test_done_when_repeated_entities_split_at_random_are_a_non_independence_concern():
    # an entity's records: a code that repeats on rows sharing the customer's attributes (a
    # code repeating on unrelated rows is a category, like an employer: issue 18), and each
    # customer's own leaning, which a model recognises through those attributes
    X, y = leaning_customers(base(n=1600)[0])
    roles = Roles(task="binary", features=list(X.columns), target_name="default")
    item = checklist_of(random_split(X, y), roles, "random")["leakage.non_independence"]
    assert item.verdict == "concern"
    assert item.columns == ["customer_ref"] and "customer_ref" in item.concern


def test_done_when_repeated_entities_that_lift_nothing_are_addressed_with_the_measure():
    # the same repeated customers, the outcome owing nothing to them beyond the inputs: the
    # score holds when they are kept together, and the item says so
    X, y = base()
    X = with_customers(X)
    roles = Roles(task="binary", features=list(X.columns), target_name="default")
    item = checklist_of(random_split(X, y), roles, "random")["leakage.non_independence"]
    assert item.verdict == "addressed"
    details = " ".join(e.detail for e in item.evidence)
    assert "customer_ref" in details and "stands" in details


def test_done_when_clean_data_split_properly_has_no_concern_and_evidence_everywhere():
    X, y = base()
    X = with_customers(X)
    groups = X["customer_ref"].to_numpy()
    test = np.isin(groups, np.unique(groups)[::4])
    frames = SplitFrames(
        X[~test], X[test], y[~test].reset_index(drop=True), y[test].reset_index(drop=True)
    )
    roles = Roles(
        task="binary",
        features=["a", "b", "c"],
        group_column="customer_ref",
        split_strategy="group",
        target_name="default",
    )
    items = checklist_of(frames, roles, "group", "customer_ref")
    assert {i.id: i.verdict for i in items.values() if i.verdict == "concern"} == {}
    assert_addressed_with_evidence(items.values())
    assert items["leakage.non_independence"].verdict == "addressed"
    checked = {e.source for i in items.values() for e in i.evidence}
    assert "leakage.json: train_test_distinguishable" in checked


# -- one real study ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_finished_run_writes_checklist_json_and_the_report_shows_both_sections(finished_run):
    run_dir = finished_run.run_dir
    raw = json.loads((run_dir / "results" / "checklist.json").read_text())
    assert len(raw["leakage_sheet"]) == 8 and len(raw["reforms"]) == 32
    html = (run_dir / "report.html").read_text()
    assert "Leakage model info sheet" in html and "Methodology checklist" in html
    # the study's data has a date ('applied_on') but a stratified split: a concern, in the report
    temporal = next(i for i in raw["leakage_sheet"] if i["id"] == "leakage.temporal")
    assert temporal["verdict"] == "concern" and temporal["columns"] == ["applied_on"]
    assert "split.time\\_column: applied\\_on" in (run_dir / "report.qmd").read_text()
    decision = json.loads((run_dir / "results" / "decision.json").read_text())
    assert any("reviewer_notes" in line for line in decision["homework"])
    assert not any("reviewer_notes" in line for line in decision["roadmap"])
    assert "applicant0@client-bank.com" not in json.dumps(raw)  # PII never by value


def test_the_scaffolded_example_notes_are_valid_once_uncommented(tmp_path, applicants):
    from conftest import make_project
    from workbench.inputs.spec import load_spec

    spec = make_project(tmp_path, applicants, "status")
    text = spec.read_text()
    assert "# reviewer_notes:" in text
    spec.write_text(
        text.replace("# reviewer_notes:", "reviewer_notes:").replace("#   reforms.", "  reforms.")
    )
    notes = load_spec(spec).spec.reviewer_notes
    assert set(notes) == {"reforms.study_goals.population", "reforms.data_quality.source"}


def test_report_table_shows_status_ids_to_answer_and_the_consultants_words():
    from workbench.report.checklist_tables import reforms_table, sheet_table

    notes = {"reforms.study_goals.population": "Loan applicants | 2025"}
    c = checklist_from(inputs(spec={"question": "Q?", "decision": "D", "reviewer_notes": notes}))
    table = reforms_table(c.reforms)
    assert "| 1a | Who or what is the claim about (the population)? | Consultant |" in table
    assert "Loan applicants \\| 2025 *(the consultant)*" in table
    assert "Answer with `reforms.study_goals.why_ml` in the spec's `reviewer_notes`." in table
    assert "**1. Study goals**" in table and "**8. Generalisability and limitations**" in table
    dated = checklist_from(inputs(columns=[profile("a"), profile("applied_on", "datetime")]))
    assert "| L3.1 | Temporal leakage |" in sheet_table(dated.leakage_sheet)
    assert "**CONCERN**" in sheet_table(dated.leakage_sheet)
