"""What the fourteenth and sixteenth kept-aside generations showed, fixed once they became
tuning sets: a sales system's stage at the extract's date, which records the signed contract for
most of the signed quotes, taken for an honest step (its name did not say it is written after
the outcome, as 'status' does). The generators are the calibration's
(benchmarks/calibration_fourteenth.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_fourteenth as fourteenth
from calibration_shapes import split_case

from leakage_checks import run_all
from leakage_checks.util import after_outcome_value_words, after_outcome_words


def test_a_stage_recorded_at_the_extract_date_is_critical():
    plant, _, base = fourteenth.PLANTED["crm_stage"]
    case = plant(base(1_500, 33_500), 0.8, np.random.default_rng(33_507))
    frames, roles, _, _ = split_case(case, 33_500)
    [run] = run_all(frames, roles, only=["pure_subsets"])
    assert run.status == "critical", [(f.severity, f.columns) for f in run.findings]
    assert any(f.columns == ["crm_stage"] for f in run.findings if f.severity == "critical")


def test_stage_in_a_name_points_after_the_outcome_but_not_in_a_value():
    assert after_outcome_words("crm_stage") == ["stage"]
    assert after_outcome_words("previous_stage") == []  # placed before the case
    assert after_outcome_value_words("stage IV") == []  # a tumour's stage at diagnosis
