"""What the fifth kept-aside generation showed, fixed once it became a tuning set: a segment's
AUC judged on a dozen positives (a false alarm), exact copies among coarse rows, a window written
as its end for every case without the event, a field filled for part of one class. The
generators are the calibration's (benchmarks/calibration_fifth.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_fifth as fifth
from calibration_shapes import split_case

from leakage_checks import run_all


def check(case, seed, name, **settings):
    frames, roles, _, _ = split_case(case, seed)
    [run] = run_all(frames, roles, settings=settings, only=[name])
    return run


def test_a_segment_auc_on_a_dozen_positives_is_judged_against_chance():
    # a loan book's 183 rows of one state, 11 charge-offs: late payments reach AUC 0.956 there
    # against 0.80 elsewhere, which a segment this small does by chance
    case = fifth.loan_servicing(2000, 11027)
    assert check(case, 11027, "segment_leaks").status == "passed"
    [f] = check(case, 11027, "segment_leaks", segment_p_value=2.0).findings
    assert f.columns == ["times_30_late_12m", "state"] and f.evidence["p_value"] == 1.0


def test_exact_copies_among_coarse_rows_are_copies():
    # encounters of twelve counts and codes, 15% exported twice: no column or pair is rare
    # enough to bound chance, their near neighbours are
    clean = fifth.encounters(3000, 5)
    case = fifth.migrated_twice(clean, 0.15, np.random.default_rng(12))
    [f] = check(case, 5, "shared_rows").findings
    assert f.severity == "critical" and f.evidence["chance_share_at_most"] < 0.02
    assert "agree on every column but" in f.message
    # the same extract without the copies: nothing repeats
    assert check(clean, 5, "shared_rows").status == "passed"
