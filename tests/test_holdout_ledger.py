"""The project's holdout ledger: every scoring recorded with the identities of the rows it
scored, repeats not counted as new looks, an overlap with rows already looked at counted
whatever the seed, test size, experiment name or export, the count a run reports fixed once
made, and safe when runs finish at the same moment."""

from __future__ import annotations

import json
import multiprocessing

import numpy as np

from workbench.store.holdout_ledger import LEDGER_FILE, Look, holdout_key, read_ledger, record


def look(run: str, score: float, spec_hash: str = "a", key: str = "k") -> Look:
    return Look(
        key=key, run=run, experiment="credit", scored_at="2026-11-30T12:00:00+00:00", spec_hash=spec_hash,
        metric="roc_auc", score=score, data_fingerprint="f" * 64,
        split={"strategy": "stratified", "test_size": 0.25, "group_column": None,
               "time_column": None}, seed=42,
    )  # fmt: skip


def test_each_new_look_counts_and_says_the_earlier_scores(tmp_path):
    first = record(tmp_path, look("r1", 0.81))
    assert (first.looks, first.earlier_scores) == (1, [])
    second = record(tmp_path, look("r2", 0.83, spec_hash="b"))  # the bar was moved
    third = record(tmp_path, look("r3", 0.82, spec_hash="c"))
    assert (second.looks, third.looks) == (2, 3)
    assert third.earlier_scores == [0.81, 0.83]
    saved = json.loads((tmp_path / LEDGER_FILE).read_text())
    assert [k["run"] for k in saved["looks"]] == [
        "r1",
        "r2",
        "r3",
    ]


def test_a_repeat_is_recorded_but_reports_the_look_it_repeats(tmp_path):
    """A verify re-run (same spec, same score) must write the same results as its run, even
    after later runs looked at the holdout again."""
    record(tmp_path, look("r1", 0.81))
    record(tmp_path, look("r2", 0.83, spec_hash="b"))
    again = record(tmp_path, look("r1/verify/t", 0.81))
    assert (again.looks, again.earlier_scores) == (1, [])
    ledger = read_ledger(tmp_path)
    assert len(ledger.looks) == 3 and ledger.looks[2].repeats == 0
    # the same spec scoring differently (another code revision, a time budget) is a new look
    assert record(tmp_path, look("r4", 0.86)).looks == 3


def test_another_holdout_is_counted_apart(tmp_path):
    record(tmp_path, look("r1", 0.81))
    assert record(tmp_path, look("r2", 0.7, key="other")).looks == 1


def test_the_key_is_the_experiment_the_data_and_the_holdout_rows():
    rows = np.array([3, 8, 12])
    key = holdout_key("credit", "f" * 64, rows)
    assert key == holdout_key("credit", "f" * 64, rows.copy())
    assert key != holdout_key("credit", "f" * 64, np.array([3, 8, 13]))
    assert key != holdout_key("credit", "e" * 64, rows)
    assert key != holdout_key("churn", "f" * 64, rows)


def _record_many(args) -> list[int]:
    folder, worker = args
    return [record(folder, look(f"w{worker}-{i}", 0.5 + worker / 100 + i / 1000,
                                          spec_hash=f"{worker}-{i}")).looks
            for i in range(10)]  # fmt: skip


def test_runs_finishing_together_each_add_their_look(tmp_path):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        counts = pool.map(_record_many, [(tmp_path, w) for w in range(4)])
    ledger = read_ledger(tmp_path)
    assert len(ledger.looks) == 40  # none lost to a concurrent write
    assert sorted(c for per in counts for c in per) == list(range(1, 41))  # each count once


def test_compare_warns_once_per_holdout_that_runs_share():
    from workbench.engine.verify import holdout_of, shared_holdouts

    rows = [
        {"run": "credit/a", "holdout": "k1"},
        {"run": "credit/b", "holdout": "k1"},
        {"run": "credit/c", "holdout": "k2"},
        {"run": "credit/d", "holdout": "k1"},
    ]
    (warning,) = shared_holdouts(rows)
    assert warning.startswith("credit/a, credit/b and credit/d scored the same holdout")
    assert shared_holdouts(rows[2:3]) == []
    # a run made before the ledger: known by its data, split settings and seed
    old = {"name": "credit", "split": {"strategy": "stratified", "test_size": 0.25}, "seed": 7}
    manifest = {"data": {"fingerprint": "f" * 64}}
    assert holdout_of(None, manifest, old) == holdout_of(None, manifest, dict(old))
    assert holdout_of(None, manifest, old) != holdout_of(None, manifest, {**old, "seed": 8})
    assert holdout_of("k1", manifest, old) == "k1"


def test_the_same_analysis_on_the_same_rows_under_another_name_is_a_repeat(tmp_path):
    """The study reported in German (or renamed) scores the same rows with the same analysis
    and the same score: nothing new was learned, so no new look; another score is one."""
    ids = np.arange(100, dtype=np.uint64)
    record(tmp_path, look("credit/r1", 0.81, key="credit-key"), ids)
    german = record(tmp_path, look("kredit/r1", 0.81, key="kredit-key"), ids[::-1])
    assert (german.looks, german.earlier_scores) == (1, [])
    assert read_ledger(tmp_path).looks[1].repeats == 0
    other = record(tmp_path, look("kredit/r2", 0.84, key="kredit-key"), ids)
    assert other.looks == 2 and other.seen_share == 1.0


def test_the_ledger_hash_leaves_out_what_changes_no_score(tmp_path):
    from conftest import make_project
    from synth import applicants
    from workbench.inputs.spec import load_spec

    spec = make_project(tmp_path, applicants(60), "status")
    text = spec.read_text()
    german = spec.with_name("kredit.yaml")
    german.write_text(
        text.replace("name: ", "name: kredit_", 1).replace("language: en", "language: de")
    )
    assert "language: de" in german.read_text()
    moved = spec.with_name("moved.yaml")
    moved.write_text(text.replace("seed: 42", "seed: 7"))
    a, b, c = (load_spec(p) for p in (spec, german, moved))
    assert a.analysis_hash() == b.analysis_hash() and a.spec_hash() != b.spec_hash()
    assert a.analysis_hash() != c.analysis_hash()
