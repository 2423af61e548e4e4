"""The holdout ledger counts rows, not positions: a fresh split of rows already scored — a new
seed, another test size, another experiment name, the extract exported again — says which share
of its holdout was scored before and where, while the identical re-run stays a repeat; the
identities it keeps tell rows apart without holding their values."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from test_holdout_ledger import look

import synth
from test_decision import SPEC, results
from workbench.judge.decision import decide
from workbench.store.holdout_ledger import (
    LEDGER_FILE,
    ROWS_FOLDER,
    holdout_key,
    identity_key,
    read_ledger,
    record,
    row_identities,
)


def scoring(folder, frame, run, score, *, seed=42, test_size=0.25, experiment="credit",
            spec_hash=None):  # fmt: skip
    """A run's look at the holdout a stratified split of `frame` gives, recorded with the
    identities of its rows, as the evaluation stage records it."""
    y = frame["status"].to_numpy()
    _, test = train_test_split(
        np.arange(len(frame)), test_size=test_size, random_state=seed, stratify=y
    )
    ids = row_identities(frame, identity_key(folder))[test]
    entry = look(run, score, spec_hash or f"{experiment}-{seed}-{test_size}")
    entry = entry.model_copy(
        update={"experiment": experiment, "key": holdout_key(experiment, "f" * 64, test)}
    )
    return record(folder, entry, ids)


def test_a_re_split_of_rows_already_scored_counts_their_share(tmp_path):
    """The issue's probes: a new seed, a test_size of 0.26, another experiment name and the
    extract exported again each counted as a first look. Now each says which share of its
    holdout was scored before, and where."""
    frame = synth.applicants(2000)
    first = scoring(tmp_path, frame, "credit/a", 0.80)
    assert (first.looks, first.seen_share, first.seen_in) == (1, 0.0, [])
    seed = scoring(tmp_path, frame, "credit/b", 0.82, seed=7)  # a fresh split: 1 in 4 seen
    assert seed.looks == 2 and 0.18 < seed.seen_share < 0.32 and seed.seen_in == ["credit/a"]
    size = scoring(tmp_path, frame, "credit/c", 0.81, test_size=0.26)
    assert size.looks == 3 and size.seen_share > 0.93  # 0.26 holds the 0.25 holdout and more
    assert size.seen_in == ["credit/a", "credit/b"] and size.earlier_scores == [0.80, 0.82]
    renamed = scoring(tmp_path, frame, "scoring/a", 0.80, experiment="scoring")
    assert renamed.seen_share == 1.0 and "credit/a" in renamed.seen_in
    exported = frame.sample(frac=1.0, random_state=3).reset_index(drop=True)  # another order
    again = scoring(tmp_path / "fresh", exported, "x", 0.8)  # a ledger of its own
    assert again.looks == 1
    shuffled = row_identities(exported, identity_key(tmp_path))
    assert set(shuffled) == set(row_identities(frame, identity_key(tmp_path)))


def test_the_identical_re_run_stays_a_repeat(tmp_path):
    frame = synth.applicants(800)
    scoring(tmp_path, frame, "credit/a", 0.80)
    scoring(tmp_path, frame, "credit/b", 0.83, seed=7)
    rerun = scoring(tmp_path, frame, "credit/a/verify/t", 0.80)  # same spec, rows and score
    assert (rerun.looks, rerun.seen_share, rerun.seen_in) == (1, 0.0, [])
    assert read_ledger(tmp_path).looks[-1].repeats == 0


def test_a_row_is_known_by_its_values_and_which_copy_it_is_never_by_its_values_in_clear(tmp_path):
    frame = pd.DataFrame({"email": ["ann@x.org", "bo@y.org", "ann@x.org"], "status": [1, 0, 1]})
    key = identity_key(tmp_path)
    ids = row_identities(frame, key)
    assert ids.dtype == np.uint64 and len(set(ids)) == 3  # two identical rows stay two rows
    assert (row_identities(frame.iloc[[2, 1, 0]], key) == ids[[0, 1, 2]]).all()  # copies in order
    assert row_identities(frame, "0" * 16)[0] != ids[0]  # keyed: another ledger, other ids
    record(tmp_path, look("r", 0.8), ids)
    stored = [p.read_bytes() for p in (tmp_path / ROWS_FOLDER).iterdir()]
    text = (tmp_path / LEDGER_FILE).read_text()
    assert stored and not any(b"ann@x.org" in b for b in stored) and "ann@x.org" not in text


def test_an_older_experiment_ledger_still_counts_its_looks(tmp_path):
    """runs/<experiment>/holdout-ledger.json of older versions: the same positions count."""
    old = tmp_path / "credit"
    record(old, look("credit/old", 0.79, key="k1"))
    now = record(tmp_path, look("credit/new", 0.81, spec_hash="b", key="k1"), legacy=old)
    assert (now.looks, now.earlier_scores, now.seen_share) == (2, [0.79], 1.0)
    elsewhere = record(tmp_path, look("credit/other", 0.8, spec_hash="c", key="k2"), legacy=old)
    assert elsewhere.looks == 1


def test_page_one_says_which_share_was_scored_before_and_where():
    r = results(looks=3, earlier=(0.83, 0.84))
    r.evaluation.holdout_seen_share, r.evaluation.holdout_seen_in = 0.63, ["credit/a", "credit/b"]
    d = decide(r, SPEC)
    assert (
        "63% of this holdout was scored before, in runs credit/a, credit/b; its score is "
        "optimistic." in d.headline
    )
    assert d.recommendation == "build_with_conditions"
