"""The text checks: words that give the label away, text written after the outcome, and texts
copied across the split, each against honest tickets whose topical words legitimately predict
the team; and free text reaching the checks from the contract's `text` role."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from text_families import (
    TEXT,
    TextCase,
    label_tag,
    make_null,
    resolution_code,
    resolution_note,
    split_case,
)
from tickets import Style, Writer, outcome_labels

from leakage_checks import Roles, SplitFrames, run_all
from leakage_checks.free_text import class_words, text_columns

TEXT_CHECKS = ["label_words", "post_outcome_text", "text_copies"]


def checks(frames, roles, **settings):
    return {r.name: r for r in run_all(frames, roles, settings, only=TEXT_CHECKS)}


def tickets(n=900, seed=3, **style):
    """An honest ticket extract of 7 teams whose topical words tell the team moderately (unless
    told otherwise), as the checks see it."""
    style = replace(make_null("topical", 10, seed).style, **{"strength": 0.45, **style})
    writer = Writer(style, seed)
    texts, _, recorded = writer.tickets(n)
    y, classes = outcome_labels(writer, recorded)
    frame = pd.DataFrame({TEXT: pd.Series(texts, dtype="str"), "channel": "email"})
    return TextCase("topical", frame, y, classes, style, np.zeros(n, dtype=bool))


def planted(case, leak, share=0.4, seed=1):
    hit = np.random.default_rng(seed).random(case.rows) < share
    frame = case.frame.copy()
    frame[TEXT] = pd.Series(leak(case, hit, random.Random(seed)), dtype="str")
    return replace(case, frame=frame)


def test_honest_topical_words_raise_nothing_however_strong():
    for strength in (0.3, 0.9):  # 'printer' tells the team a little, or almost always
        case = tickets(strength=strength, spread=0.05, noise=0.03)
        frames, roles = split_case(case, 0)
        runs = checks(frames, roles)
        assert {n: r.status for n, r in runs.items()} == dict.fromkeys(TEXT_CHECKS, "passed")


def test_the_labels_own_name_in_the_text_is_critical_and_named():
    case = tickets()
    frames, roles = split_case(planted(case, label_tag, seed=2), 0)
    finding = checks(frames, roles)["label_words"].findings[0]
    assert finding.severity == "critical" and finding.columns == [TEXT]
    assert finding.evidence["label_own_words"] >= 1
    assert 0.3 < finding.evidence["share_test_rows"] < 0.5
    assert "the label's own words" in finding.message
    own = {w for w in class_words(case.classes)}
    assert any(w in finding.message.lower() for w in own)


@pytest.mark.parametrize("seed", [0, 1, 4])  # a status line, a prefix, an alphanumeric code
def test_resolution_codes_are_critical(seed):
    frames, roles = split_case(planted(tickets(), resolution_code, seed=seed), 0)
    finding = checks(frames, roles)["label_words"].findings[0]
    assert finding.severity == "critical", finding
    assert finding.evidence["impurity"] < 0.02


def test_resolution_notes_at_the_end_are_text_written_after_the_outcome():
    case = planted(tickets(), resolution_note, share=0.3)
    frames, roles = split_case(case, 0)
    late = checks(frames, roles)["post_outcome_text"].findings[0]
    assert late.severity == "critical" and late.columns == [TEXT]
    assert late.evidence["share_in_last_third"] > 0.9
    assert late.evidence["typical_share_in_last_third"] < 0.5
    # the same notes at the start of the text are no longer late text
    moved = case.frame[TEXT].str.split("\n\n").map(lambda p: "\n\n".join(p[::-1]))
    frames, roles = split_case(replace(case, frame=case.frame.assign(**{TEXT: moved})), 0)
    assert checks(frames, roles)["post_outcome_text"].status == "passed"


def copies_across(frames, share, rnd, same_label=True):
    k = round(share * len(frames.X_test))
    X_test, y_test = frames.X_test.copy(), frames.y_test.copy()
    for t, s in zip(
        rnd.sample(range(len(X_test)), k), rnd.sample(range(len(frames.X_train)), k), strict=True
    ):
        X_test.iloc[t, 0] = "Re: " + frames.X_train[TEXT].iloc[s]
        label = frames.y_train.iloc[s]
        y_test.iloc[t] = label if same_label else (label + 1) % (frames.y_train.max() + 1)
    return replace(frames, X_test=X_test, y_test=y_test)


def test_copies_across_the_split_with_their_label_are_critical():
    frames, roles = split_case(tickets(), 0)
    leaky = copies_across(frames, 0.3, random.Random(0))
    finding = checks(leaky, roles)["text_copies"].findings[0]
    assert finding.severity == "critical"
    assert finding.evidence["excess_over_chance"] > 0.1  # short texts hold too few rare triples
    assert finding.evidence["share_training_rows_copying_training"] < 0.01
    # copies whose outcome differs from their twin's carry no answer: label noise, not a leak
    other = copies_across(frames, 0.3, random.Random(0), same_label=False)
    assert checks(other, roles)["text_copies"].status == "passed"


def test_templates_shared_by_every_team_are_no_copies():
    case = make_null("templates", 800, 1)  # a portal wrapper around 60% of the tickets
    assert case.frame[TEXT].str.contains("self-service portal").mean() > 0.4
    frames, roles = split_case(case, 0)
    assert checks(frames, roles)["text_copies"].status == "passed"


def test_free_text_is_found_whether_declared_or_not():
    case = tickets(n=300)
    frames, roles = split_case(case, 0)
    assert text_columns(frames, roles) == [TEXT]  # declared
    undeclared = replace(roles, text_columns=[])
    assert text_columns(frames, undeclared) == [TEXT]  # an input that reads as prose
    # a category or a short code is not prose
    X = frames.X_train.assign(code=[f"A{i % 7}" for i in range(len(frames.X_train))])
    assert "code" not in text_columns(replace(frames, X_train=X), undeclared)
    assert text_columns(frames, replace(undeclared, features=["channel"])) == []


def test_without_free_text_or_classes_the_checks_say_why():
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200)})
    y = pd.Series((X.a > 0).astype(int))
    frames = SplitFrames(X.iloc[:150], X.iloc[150:], y.iloc[:150], y.iloc[150:])
    runs = checks(frames, Roles(task="binary", features=["a", "b"]))
    assert {r.status for r in runs.values()} == {"not_applicable"}
    assert all("no free-text input" in r.not_applicable for r in runs.values())
    case = tickets(n=400)
    frames, roles = split_case(case, 0)
    numbers = replace(frames, y_train=frames.y_train * 1.5, y_test=frames.y_test * 1.5)
    runs = checks(numbers, replace(roles, task="regression"))
    assert "outcome is a number" in runs["label_words"].not_applicable
    assert runs["text_copies"].status == "passed"  # copies are judged for numbers too


def test_settings_move_the_thresholds():
    frames, roles = split_case(planted(tickets(), label_tag, share=0.25, seed=2), 0)
    assert checks(frames, roles)["label_words"].status == "critical"
    lenient = checks(frames, roles, label_words_critical=0.5)["label_words"]
    assert lenient.status == "warning"
    assert checks(frames, roles, label_word_p_value=1e-300)["label_words"].status == "passed"


def test_the_stage_gives_the_checks_the_contracts_text_columns(tmp_path):
    from conftest import make_project
    from workbench.inputs.context import load_context
    from workbench.stages.leakage import leakage_roles

    writer = Writer(Style(teams=4, strength=0.4, sign_off=0.0), 5)
    texts, _, recorded = writer.tickets(800)
    y, classes = outcome_labels(writer, recorded)
    rnd = random.Random(0)
    texts = [
        f"{t}\nAssigned group: {classes[k]}" if rnd.random() < 0.3 else t
        for t, k in zip(texts, y, strict=True)
    ]
    frame = pd.DataFrame(
        {
            "description": pd.Series(texts, dtype="str"),
            "priority": np.random.default_rng(0).integers(1, 4, len(texts)),
            "team": [classes[k] for k in y],
        }
    )
    ctx = load_context(make_project(tmp_path, frame, "team"))
    assert ctx.contract.columns["description"].role == "text"  # what init says of free text
    roles = leakage_roles(ctx.spec, ctx.contract, classes)
    assert roles.text_columns == ["description"]
    X = frame.drop(columns="team")
    frames = SplitFrames(X.iloc[:600], X.iloc[600:], pd.Series(y[:600]), pd.Series(y[600:]))
    runs = checks(frames, roles)
    found = runs["label_words"].findings[0]
    assert found.severity == "critical" and found.columns == ["description"]
    assert "'assigned group'" in found.message.lower() or "label's own words" in found.message
    # a text column the contract marks as known only after the outcome is no model input, and
    # the declared_post_outcome check speaks for it
    ctx.contract.columns["description"].known_at = "after_outcome"
    assert leakage_roles(ctx.spec, ctx.contract, classes).text_columns == []
