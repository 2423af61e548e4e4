"""The calibration of the text checks in miniature (benchmarks/calibration_text.py, fixed seeds):
null ticket extracts raise nothing, planted leaks that move the holdout score are critical and
named, and the tables state the targets per group of families. The full harness, with its
rates, is in benchmarks/RESULTS.md."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from calibration_text import checks, named, plant
from text_calibration_report import render, write_csv
from text_families import make_null, split_case

NULLS = [
    ("topical", 1_500, 4),  # honest topical words, strong
    ("many_classes", 800, 0),  # 15 teams, the purest honest word of a weak class stands out
    ("templates", 800, 1),  # a portal's wrapper around 60% of the tickets, every team
    ("appended_field", 800, 3),  # an honest field at the end: the device the customer picked
]
PLANTED = [
    ("label_tag", 0.5, "topical", 800, 0),
    ("resolution_code", 0.5, "topical", 800, 0),
    ("resolution_note", 0.5, "topical", 800, 0),
    ("copies", 0.5, "topical", 800, 0),
    ("replies", 0.5, "topical", 800, 0),
]


@pytest.fixture(autouse=True)
def one_thread():
    with threadpool_limits(limits=1):
        yield


@pytest.mark.parametrize(("family", "size", "seed"), NULLS, ids=[n[0] for n in NULLS])
def test_null_ticket_extracts_raise_no_alarm(family, size, seed):
    frames, roles = split_case(make_null(family, size, seed), seed)
    status, found, _ = checks(frames, roles, battery=False)
    assert found == [], found
    assert set(status.values()) <= {"passed", "info"}


@pytest.mark.parametrize("case", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_text_leak_that_moves_the_holdout_is_critical_and_named(case):
    kind, strength, base, size, seed = case
    frames, roles, with_leak, without = plant(kind, strength, base, size, seed)
    assert with_leak - without >= 0.05  # the leak matters: the target's premise
    _, found, _ = checks(frames, roles, battery=False)
    assert named(found), found


def record(part: str, group: str, **fields) -> dict:
    common = {"rows": 1000, "classes": 6, "seed": 1, "seconds": 0.5, "group": group}
    if part == "null":
        return {"family": "topical", "status": {"label_words": "passed"}, "found": [], **common,
                **fields}  # fmt: skip
    return {"kind": "label_tag", "strength": 0.5, "base": "topical", "move": 0.1, "found": [],
            "status": {"label_words": "critical"}, "critical_named": True, **common, **fields}  # fmt: skip


def test_the_tables_report_tuning_and_kept_aside_families_with_bounds(tmp_path):
    loud = [{"check": "label_words", "severity": "critical", "columns": ["description"]}]
    null = [record("null", "tuning") for _ in range(50)]
    null += [record("null", "kept_aside") for _ in range(49)]
    null.append(record("null", "kept_aside", found=loud, status={"label_words": "critical"}))
    planted = [record("planted", "kept_aside") for _ in range(19)]
    planted.append(record("planted", "kept_aside", critical_named=False, found=[]))
    planted.append(record("planted", "kept_aside", move=0.01, critical_named=False))
    text = render(null, planted, "cmd", ["label_words"])
    assert "| `label_words` | tuning | 50 | 0 | 0/50 (0.0%; ≤ 5.8%) |" in text
    # one critical in 50 kept-aside null sets: 2%, above the 1% target
    assert "| `label_words` | kept aside | 50 | 0 | 1/50 (2.0%; ≤ 9.1%) | 1/50 (2.0%; ≤ 9.1%) " \
           "| **no** |" in text  # fmt: skip
    # 19 of the 20 leaks that move the holdout found: 95%, the target; the one that moves
    # nothing counts among all planted sets only
    assert "| kept aside | 19/21 (90.5%; ≥ 72.9%) | 19/20 (95.0%; ≥ 78.4%) | yes |" in text
    path = tmp_path / "records.csv"
    write_csv({"1": (null, planted), "2": (null[:3], [])}, ["label_words"], path)
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + 100 + 21 + 3
    assert lines[0].startswith("round,part,group,family,kind,strength,rows,classes,seed,label")
    assert lines[-1].startswith("2,null,tuning,topical,,,1000,6,1,ok,")
