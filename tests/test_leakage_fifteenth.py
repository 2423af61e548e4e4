"""What the fifteenth kept-aside generation showed, fixed once it became a tuning set: a repeated
customer under a random split called a warning though recognising it adds nothing to the score,
and a line about the outcome appended to notes picked from a list (too many distinct notes for
any one of them to be a pure subset) missed. The generators are the calibration's
(benchmarks/calibration_fifteenth.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import calibration_fifteenth as fifteenth
from case_check import check

from leakage_checks import run_all
from leakage_checks.finding import Roles, SplitFrames


def test_a_repeated_member_whose_rows_add_nothing_is_stated_not_warned_about():
    # breakdown call-outs: members call again, split at random; the minutes on scene owe
    # nothing to the member beyond the call's own inputs
    run = check(fifteenth.minutes_on_scene(1_200, 31_000), 31_000, "entity_overlap")
    assert run.status == "info", [(f.severity, f.evidence) for f in run.findings]
    [finding] = run.findings
    assert finding.columns == ["member"]
    assert "score_kept_together" in finding.evidence


def test_a_line_appended_to_notes_picked_from_a_list_is_found():
    plant, _, base = fifteenth.PLANTED["pm_note"]
    case = plant(base(1_500, 31_500), 0.4, np.random.default_rng(31_507))
    run = check(case, 31_500, "label_words")
    assert run.status == "critical" and run.findings[0].columns == ["pm_note"]


def _notes(pure_level: bool, appended: bool, n: int = 3_000, seed: int = 3):
    """Notes picked from twelve lines; the outcome follows an honest input. With `pure_level`,
    one line is used for positives only (an honest category: a rule the office applies); with
    `appended`, a line about the outcome is added to a third of the positives' notes."""
    rng = np.random.default_rng(seed)
    names = [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
        "kilo",
        "lima",
    ]
    lines = np.array([f"routine step {w} checked and filed" for w in names])
    x = rng.normal(size=n)
    y = (x + rng.normal(0, 1, n) > 0.8).astype(int)
    note = lines[rng.integers(0, 11, n)].astype(object)
    if pure_level:
        note[(y == 1) & (rng.random(n) < 0.3)] = lines[11]
    if appended:
        extra = (y == 1) & (rng.random(n) < 0.3)
        note[extra] = note[extra] + "; client complained, redone and resent"
    X = pd.DataFrame({"x": x, "note": pd.Series(note, dtype="str")})
    cut = int(n * 0.75)
    frames = SplitFrames(
        X.iloc[:cut], X.iloc[cut:], pd.Series(y[:cut]), pd.Series(y[cut:]).reset_index(drop=True)
    )
    return frames, Roles(task="binary", features=["x", "note"], seed=0)


def test_one_pure_note_is_a_category_level_and_not_a_giveaway_word():
    frames, roles = _notes(pure_level=True, appended=False)
    [run] = run_all(frames, roles, only=["label_words"])
    assert run.status == "passed", [f.message for f in run.findings]
    frames, roles = _notes(pure_level=True, appended=True)
    [run] = run_all(frames, roles, only=["label_words"])
    assert run.status == "critical" and run.findings[0].columns == ["note"]
    assert "resent" in run.findings[0].message and "lima" not in run.findings[0].message
