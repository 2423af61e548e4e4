"""The confirmation check after the search: the shortlist, its time budget, and the choice it
makes when the training part is larger than the search's sample."""

from __future__ import annotations

import dataclasses
import json
import time

import numpy as np
import optuna
import pytest

import synth
from baselines import ColumnRoles
from conftest import staged_run
from workbench.inputs import profiles
from workbench.science import confirmation
from workbench.store.results import ConfirmedTrial

BEFORE_TUNING = ["data", "leakage", "baselines"]
DIST = {"depth": optuna.distributions.IntDistribution(1, 9)}


def study_with(values: dict[int, float], direction: str = "maximize", defaults_depth: int = 6):
    """Trials with param depth -> value; the trial at `defaults_depth` is marked as defaults."""
    study = optuna.create_study(direction=direction)
    for depth, value in values.items():
        attrs = {"start": "defaults"} if depth == defaults_depth else {}
        study.add_trial(
            optuna.trial.create_trial(
                params={"depth": depth}, distributions=DIST, value=value, user_attrs=attrs
            )
        )
    return study


def depths(trials) -> list[int]:
    return [t.params["depth"] for t in trials]


def shortlist(study, top, greater_is_better=True):
    return depths(confirmation.shortlist(study.get_trials(deepcopy=False), top, greater_is_better))


def test_the_shortlist_is_the_best_then_the_defaults_then_the_next_best():
    study = study_with({6: 0.60, 1: 0.70, 2: 0.90, 3: 0.80, 4: 0.75})
    study.add_trial(  # the same parameters as the best: scored once, not twice
        optuna.trial.create_trial(params={"depth": 2}, distributions=DIST, value=0.85)
    )
    # the defaults in the first batch of two (which always runs), never counted in `top`
    assert shortlist(study, 3) == [2, 6, 3, 4]
    assert shortlist(study, 1) == [2, 6]
    # defaults better than every other trial: they are the search's best, and come first
    assert shortlist(study_with({6: 0.95, 1: 0.70, 2: 0.90}), 2) == [6, 2, 1]
    # defaults tied with the best: the earlier trial is the search's best (as when choosing)
    assert shortlist(study_with({6: 0.9, 1: 0.9, 2: 0.8}), 2) == [6, 1, 2]
    # no defaults trial (random forests have none): just the best
    assert shortlist(study_with({1: 0.7, 2: 0.9, 3: 0.8}, defaults_depth=0), 2) == [2, 3]


def test_the_shortlist_follows_the_metrics_direction():
    study = study_with({6: 0.6, 1: 0.1, 2: 0.3, 3: 0.2}, direction="minimize")
    assert shortlist(study, 2, greater_is_better=False) == [1, 6, 3]


def checked(*scores: float) -> list[ConfirmedTrial]:
    return [
        ConfirmedTrial(trial=i, defaults=False, cv_mean=0.5, score=s) for i, s in enumerate(scores)
    ]


def test_the_check_chooses_by_the_metrics_direction_first_of_equals_never_nan():
    assert confirmation.choose(checked(0.70, 0.72, 0.71), greater_is_better=True) == 1
    assert confirmation.choose(checked(0.30, 0.20, 0.25), greater_is_better=False) == 1
    assert confirmation.choose(checked(0.7, 0.8, 0.8), greater_is_better=True) == 1  # a tie
    nan = float("nan")
    assert confirmation.choose(checked(nan, 0.6, nan), greater_is_better=True) == 1
    assert confirmation.choose(checked(nan, 0.6, 0.4), greater_is_better=False) == 2


def test_no_check_on_a_sample_less_than_twice_the_searchs():
    """One fold of a barely larger sample would judge more noisily than the search's own
    cross-validation: the check needs at least MIN_GAIN times the search's rows."""
    from types import SimpleNamespace

    from workbench.inputs.metrics import METRICS
    from workbench.science.modeling import Prepared

    n_train = 300
    part = np.array(["train"] * n_train + ["test"] * 100, dtype=object)
    prep = Prepared(None, None, None, [], part, np.zeros(n_train, int), ColumnRoles())
    study = study_with({6: 0.6, 1: 0.7, 2: 0.9})
    trials = study.get_trials(deepcopy=False)

    def spec(cv_rows, confirm_rows):
        budget = SimpleNamespace(cv_rows=cv_rows, confirm_rows=confirm_rows, confirm_top=2)
        return SimpleNamespace(budget=budget, primary_metric=METRICS["roc_auc"])

    assert confirmation.confirm(prep, trials, spec(151, 10_000)) is None  # 300 < 2 x 151
    assert confirmation.confirm(prep, trials, spec(100, 199)) is None  # its cap: 199 < 200


def test_free_text_checks_on_twice_the_searchs_sample():
    """Every fit of the check reads its texts anew: a study with free text checks on MIN_GAIN
    times the search's sample, and says the profile's rows it would have used; without text,
    or when the profile's rows are below that anyway, nothing is capped."""
    from types import SimpleNamespace

    budget = SimpleNamespace(cv_rows=20_000, confirm_rows=200_000)
    assert confirmation.check_rows(budget, 75_000, text=True) == (40_000, True)
    assert confirmation.check_rows(budget, 75_000, text=False) == (75_000, False)
    assert confirmation.check_rows(budget, 30_000, text=True) == (30_000, False)
    small = SimpleNamespace(cv_rows=20_000, confirm_rows=35_000)
    assert confirmation.check_rows(small, 75_000, text=True) == (35_000, False)


def fake(seconds: float):
    def one(n: int) -> ConfirmedTrial:
        time.sleep(seconds)
        return ConfirmedTrial(trial=n, defaults=False, cv_mean=0.5, score=0.5)

    return one


def test_the_check_stops_before_a_batch_that_would_overrun_its_budget(monkeypatch):
    monkeypatch.setattr(confirmation, "cores", lambda: 2)
    scored, stopped = confirmation._in_batches(list(range(6)), fake(0.2), time.time() + 0.3)
    assert stopped == "time" and [c.trial for c in scored] == [0, 1]  # the first batch always
    scored, stopped = confirmation._in_batches(list(range(5)), fake(0.0), time.time() + 60)
    assert stopped == "candidates" and [c.trial for c in scored] == [0, 1, 2, 3, 4]
    # one core: the first batch still holds the search's best and the defaults
    monkeypatch.setattr(confirmation, "cores", lambda: 1)
    scored, stopped = confirmation._in_batches(list(range(4)), fake(0.2), time.time() + 0.1)
    assert stopped == "time" and [c.trial for c in scored] == [0, 1]


@pytest.fixture
def small_sample(monkeypatch):
    """The standard profile with a search sample smaller than the test's training part."""
    standard = dataclasses.replace(
        profiles.PROFILES["standard"], cv_rows=120, confirm_rows=10_000, confirm_top=2
    )
    monkeypatch.setitem(profiles.PROFILES, "standard", standard)
    return standard


def test_the_check_chooses_the_configuration_that_wins_on_more_rows(
    tmp_path, small_sample, monkeypatch
):
    """The check's scores decide: here (one core, so candidates are scored in order) each
    candidate scores better than the one before, so the last of the shortlist wins over the
    search's own best, and its parameters become the tuned ones."""
    real = confirmation.fold_score
    seen: dict = {"calls": 0}

    def reversed_scores(model, prep, fit_rows, val_rows, task, metrics, **kw):
        real(model, prep, fit_rows, val_rows, task, metrics, **kw)  # the real fit, for its rows
        seen["rows"] = (len(fit_rows), len(val_rows), len(prep.train))
        seen["calls"] += 1
        return {metrics[0]: 0.5 + seen["calls"] / 100}

    monkeypatch.setattr(confirmation, "cores", lambda: 1)
    monkeypatch.setattr(confirmation, "fold_score", reversed_scores)
    frame = synth.applicants(400)
    edits = {"trials: 4": "trials: 6"}
    _, run = staged_run(tmp_path, frame, "status", [*BEFORE_TUNING, "tuning"], edits=edits)
    result = json.loads((run.results / "tuning.json").read_text())
    check = result["confirmation"]
    assert check is not None and check["stopped_by"] == "candidates" and not check["not_scored"]
    fit, val, train = seen["rows"]
    assert (check["fit_rows"], check["validation_rows"]) == (fit, val)
    assert fit + val == train > small_sample.cv_rows  # every training row, one fold held out
    cands = check["candidates"]
    # the search's best first, the defaults once, and the next best
    assert cands[0]["trial"] == check["search_best"]
    assert sum(c["defaults"] for c in cands) == 1
    assert len(cands) == 3  # confirm_top=2 besides the defaults
    others = [c["cv_mean"] for c in cands if not c["defaults"]]
    assert others == sorted(others, reverse=True)
    assert [c["score"] for c in cands] == [0.51, 0.52, 0.53][: len(cands)]
    assert check["chosen"] == cands[-1]["trial"] != check["search_best"]
    from workbench.store.tuning_study import open_storage, storage_url

    study = optuna.load_study(study_name=None, storage=open_storage(storage_url(run.dir)[0]))
    chosen = next(t for t in study.trials if t.number == check["chosen"])
    assert result["params"] == chosen.params
    assert result["cv"]["mean"] == pytest.approx(chosen.value, abs=1e-6)
    assert "confirmed on" in result["cv"]["description"]
    manifest = json.loads((run.dir / "manifest.json").read_text())
    assert isinstance(manifest["stage_details"]["tuning"]["confirmation_seconds"], float)


def test_no_check_when_the_search_saw_every_training_row(tmp_path):
    _, run = staged_run(tmp_path, synth.applicants(300), "status", [*BEFORE_TUNING, "tuning"])
    result = json.loads((run.results / "tuning.json").read_text())
    assert result["confirmation"] is None
    assert "confirmed" not in result["cv"]["description"]


def test_the_report_says_what_the_check_did(finished_run, tmp_path):
    """The report's Method and Tuning sections, filled from a finished run whose tuning result
    carries a check that overruled the search."""
    import shutil

    from workbench.report.render import fill, template_dir
    from workbench.store.run_directory import Run

    run_dir = tmp_path / "run"
    shutil.copytree(finished_run.run_dir, run_dir)
    tuning_file = run_dir / "results" / "tuning.json"
    tuning = json.loads(tuning_file.read_text())
    row = {"defaults": False}
    tuning["confirmation"] = {
        "fit_rows": 160_000,
        "validation_rows": 40_000,
        "candidates": [
            {**row, "trial": 15, "cv_mean": 0.7352, "score": 0.7390},
            {**row, "trial": 11, "cv_mean": 0.7335, "score": 0.7418},
            {**row, "trial": 0, "defaults": True, "cv_mean": 0.6860, "score": 0.7239},
        ],
        "chosen": 11,
        "search_best": 15,
        "stopped_by": "time",
        "not_scored": 2,
    }
    tuning_file.write_text(json.dumps(tuning))
    baselines_file = run_dir / "results" / "baselines.json"
    baselines = json.loads(baselines_file.read_text())
    baselines["cv_rows"], baselines["train_rows"] = 20_000, 750_000
    baselines_file.write_text(json.dumps(baselines))

    text = fill(Run(run_dir), template_dir()).read_text()
    # a sentence may sit on one line of the filled document or several: read it as words
    assert "compared on a larger sample of 200,000 training rows" in " ".join(text.split())
    tuning_section = text[text.index("## Tuning") : text.index("## Holdout evaluation")]
    assert "**Confirmed on more rows.**" in tuning_section
    assert "its 2 best configurations and the library's defaults" in tuning_section
    assert "Trial 11 scored best on the larger sample" in tuning_section
    assert "the search's own choice, trial 15" in tuning_section
    assert "| 11 | 0.7335 | 0.7418 | yes |" in tuning_section
    assert "| 0 (defaults) | 0.6860 | 0.7239 |  |" in tuning_section  # 4 places: close calls
    assert "before 2 more of the search's best were scored" in tuning_section

    # the check agreed with the search; no defaults trial (random forests have none)
    tuning["confirmation"].update(
        candidates=tuning["confirmation"]["candidates"][:2],
        chosen=15,
        stopped_by="candidates",
        not_scored=0,
    )
    tuning_file.write_text(json.dumps(tuning))
    text = fill(Run(run_dir), template_dir()).read_text()
    tuning_section = text[text.index("## Tuning") : text.index("## Holdout evaluation")]
    assert "The search's own choice, trial 15, also scored best" in tuning_section
    assert "its 2 best configurations were fitted once more" in " ".join(tuning_section.split())
    assert "defaults" not in tuning_section.split("**Confirmed on more rows.**")[1].split("|")[0]
    assert "time budget" not in tuning_section
    assert "reads the free text anew" not in tuning_section

    # free text capped the check's sample: the report says at what and instead of what
    tuning["confirmation"].update(capped_for_text=True, profile_rows=750_000)
    tuning_file.write_text(json.dumps(tuning))
    text = fill(Run(run_dir), template_dir()).read_text()
    tuning_section = " ".join(
        text[text.index("## Tuning") : text.index("## Holdout evaluation")].split()
    )
    assert (
        "Every fit of this check reads the free text anew, so it sampled twice the search's rows "
        "(200,000 training rows) rather than the 750,000 the run profile allows"
    ) in tuning_section
    assert "reads the free text of each fold anew" not in tuning_section

    # free text on a sample set the search's trial budget: the report says which, and why
    tuning.update(trials_requested=4, trials_set_for_text=True, profile_trials=30)
    tuning_file.write_text(json.dumps(tuning))
    text = " ".join(fill(Run(run_dir), template_dir()).read_text().split())
    assert (
        "Every trial reads the free text of each fold anew, so on a sample of the training part "
        "the search's budget was 4 trials rather than the 30 the run profile allows"
    ) in text


def test_the_notebook_shows_the_checks_candidates_as_a_table():
    from workbench.stages.display import _tables

    fields = {
        "family": "xgboost",
        "importances": {"max_depth": 0.4},
        "figures": [{"path": "figures/tuning_history.png", "caption": "c"}],
        "confirmation": {"fit_rows": 160_000, "candidates": [{"trial": 11, "score": 0.74}]},
        "criteria": [{"name": "roc_auc", "verdict": "met"}],
    }
    assert list(_tables(fields)) == [
        ("confirmation: candidates", [{"trial": 11, "score": 0.74}]),
        ("criteria", [{"name": "roc_auc", "verdict": "met"}]),
    ]
    assert list(_tables({"confirmation": None})) == []
