from __future__ import annotations

import json
import time

import optuna
import pytest

import synth
from baselines import family_pipeline as build_model
from conftest import staged_run
from workbench.inputs.search_spaces import SPACES, Param, space_for
from workbench.inputs.spec import Tuning
from workbench.store.layout import MODELS, comparable

BEFORE_TUNING = ["data", "leakage", "baselines"]


def test_space_overrides_fix_narrow_and_replace():
    space = space_for(
        "xgboost",
        "binary",
        {
            "max_depth": 3,
            "learning_rate": {"low": 0.05, "high": 0.1},
            "booster_hint": {"choices": ["a"]},
        },
    )
    assert space["max_depth"] == 3
    assert space["learning_rate"] == Param("float", 0.05, 0.1, log=True)
    assert space["booster_hint"].choices == ("a",)
    assert "alpha" not in space_for("linear", "binary", {}) and "C" not in space_for(
        "linear", "regression", {}
    )


def test_spec_refuses_unknown_or_inverted_parameters():
    with pytest.raises(ValueError, match="Did you mean 'max_depth'"):
        Tuning(family="xgboost", space={"max_dept": 3})
    with pytest.raises(ValueError, match=r"low .* greater than high"):
        Tuning(family="random_forest", space={"max_depth": {"low": 9, "high": 3}})


@pytest.mark.parametrize("family", list(SPACES))
def test_every_family_builds_from_sampled_parameters(family):
    from baselines import ColumnRoles

    frame = synth.applicants(200)
    X, y = frame.drop(columns=["status"]), (frame["status"] == "bad").astype(int)
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
    trial = study.ask()
    from workbench.inputs.search_spaces import suggest

    params = suggest(trial, space_for(family, "binary", {}))
    model = build_model(family, params, ColumnRoles.from_frame(X), "binary", 0).fit(X, y)
    assert model.predict_proba(X.iloc[:3]).shape == (3, 2)


def test_same_seed_gives_same_best_parameters_and_identical_results(tmp_path):
    frame = synth.applicants(300)
    edits = {"trials: 4": "trials: 6"}
    _ctx, run_a = staged_run(
        tmp_path, frame, "status", [*BEFORE_TUNING, "tuning"], "a", edits=edits
    )
    _, run_b = staged_run(tmp_path, frame, "status", [*BEFORE_TUNING, "tuning"], "b")
    a = json.loads((run_a.results / "tuning.json").read_text())
    b = json.loads((run_b.results / "tuning.json").read_text())
    assert a["params"] == b["params"] and a["trials_completed"] + a["trials_pruned"] == 6
    for name in [*BEFORE_TUNING, "tuning"]:  # all but the fields that measure the machine
        same = [comparable(r.load_result(name, MODELS[name])) for r in (run_a, run_b)]
        assert same[0] == same[1], name
    guard = a["overfitting"]  # measured: the gap with its interval over the folds
    assert guard["gap_ci_low"] <= guard["gap"] <= guard["gap_ci_high"]
    assert "verdict" not in guard  # the verdict is the judge's (results/verdicts.json)
    assert a["default_cv"]["name"] == "xgboost"
    import optuna

    from workbench.inputs.search_spaces import DEFAULTS
    from workbench.store.tuning_study import open_storage, storage_url

    study = optuna.load_study(study_name=None, storage=open_storage(storage_url(run_a.dir)[0]))
    first = min(study.trials, key=lambda t: t.number)
    assert first.params == DEFAULTS["xgboost"] and first.user_attrs["start"] == "defaults"


def test_the_first_trial_is_the_librarys_defaults_clipped_into_the_space():
    from workbench.inputs.search_spaces import DEFAULTS, default_trial, space_for

    space = space_for("xgboost", "binary", {})
    assert default_trial("xgboost", space) == DEFAULTS["xgboost"]
    narrowed = space_for(
        "xgboost", "binary", {"max_depth": {"low": 2, "high": 4}, "subsample": 0.8}
    )
    first = default_trial("xgboost", narrowed)
    assert first["max_depth"] == 4  # clipped into the spec's range
    assert "subsample" not in first  # fixed by the spec: not a searched parameter
    hgb = default_trial("hist_gradient_boosting", space_for("hist_gradient_boosting", "binary", {}))
    assert hgb["l2_regularization"] == pytest.approx(1e-4)  # the range's edge, not 0
    assert default_trial("linear", space_for("linear", "regression", {})) == {"alpha": 1.0}
    assert default_trial("random_forest", space_for("random_forest", "binary", {})) == {}


def test_the_progress_watcher_never_creates_the_studys_storage(tmp_path):
    """Opening an Optuna storage creates its tables; the CLI's progress watcher doing so while
    the stage's kernel does raced it ("table … already exists"). It waits for a complete one."""
    import optuna

    from workbench.engine.progress import storage_ready

    db = tmp_path / "study.db"
    url = f"sqlite:///{db}"
    assert not storage_ready(url) and not db.exists()  # no file is created by asking
    db.touch()
    assert not storage_ready(url)  # an empty file: the kernel is still creating the schema
    optuna.create_study(study_name="s", storage=url)
    assert storage_ready(url)


def test_the_runs_own_study_is_a_journal_file_and_a_run_made_before_keeps_its_sqlite(tmp_path):
    import optuna

    from workbench.engine.progress import storage_ready
    from workbench.store.tuning_study import open_storage, shown_storage, storage_url

    url, shared = storage_url(tmp_path)
    journal = tmp_path / "tuning" / "study.journal"
    assert url == f"journal:///{journal}" and not shared
    assert shown_storage(url, shared, tmp_path) == "journal:tuning/study.journal"
    assert not storage_ready(url) and not journal.exists()  # the watcher waits for the stage
    study = optuna.create_study(study_name="s", storage=open_storage(url))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    assert storage_ready(url)
    again = optuna.load_study(study_name="s", storage=open_storage(url))  # another process's view
    assert [t.value for t in again.trials] == [t.value for t in study.trials]
    old = tmp_path / "old"
    (old / "tuning").mkdir(parents=True)
    optuna.create_study(study_name="s", storage=f"sqlite:///{old / 'tuning' / 'study.db'}")
    assert storage_url(old)[0] == f"sqlite:///{old / 'tuning' / 'study.db'}"  # resumes in it
    assert shown_storage(storage_url(old)[0], False, old) == "sqlite:tuning/study.db"


def test_a_journal_cut_off_by_a_kill_is_mended_before_the_stage_reopens_it(tmp_path):
    """A process killed while appending leaves its lock file and half a line; reopened as it
    was, the log waits 30 s for the lock and then cannot be read past the half line."""
    import optuna

    from workbench.science.search import open_study
    from workbench.store.tuning_study import journal_url, open_storage

    url = journal_url(tmp_path / "study.journal")
    study = open_study("s", url, seed=0, greater_is_better=True)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)
    whole, first = (tmp_path / "study.journal").read_bytes(), [t.value for t in study.trials]
    with (tmp_path / "study.journal").open("ab") as f:
        f.write(b'{"op_code":5,"worker_id":"w","trial_id":3,"sta')  # cut off mid-entry
    (tmp_path / "study.journal.lock").symlink_to(tmp_path / "gone")  # the killed writer's lock
    started = time.perf_counter()
    resumed = open_study("s", url, seed=0, greater_is_better=True)
    resumed.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    assert time.perf_counter() - started < 10  # not the lock's 30-second grace period
    assert (tmp_path / "study.journal").read_bytes().startswith(whole)
    values = [t.value for t in optuna.load_study(study_name="s", storage=open_storage(url)).trials]
    assert len(values) == 5 and values[:3] == first


def test_a_search_resumed_later_gets_the_minutes_it_had_left_not_a_deadline_long_past(tmp_path):
    """The time budget counts the seconds the finished trials took (side by side once), not
    the wall clock since the first session: a study cut off yesterday still has its minutes."""
    import datetime as dt

    import optuna

    from workbench.science.search import open_study, search_deadline
    from workbench.store.tuning_study import journal_url

    study = open_study("s", journal_url(tmp_path / "study.journal"), 0, True)
    study.set_user_attr("deadline", time.time() - 86_400)  # yesterday's session, cut off
    yesterday = dt.datetime.now() - dt.timedelta(days=1)
    for start, seconds in [(0, 60), (30, 60), (600, 30)]:  # two side by side, one later
        began = yesterday + dt.timedelta(seconds=start)
        study.add_trial(
            optuna.trial.FrozenTrial(
                number=0,
                trial_id=0,
                state=optuna.trial.TrialState.COMPLETE,
                value=0.5,
                datetime_start=began,
                datetime_complete=began + dt.timedelta(seconds=seconds),
                params={},
                distributions={},
                user_attrs={},
                system_attrs={},
                intermediate_values={},
            )
        )
    spent = 90 + 30  # 0-90 s (the pair, once) and 600-630 s
    left = search_deadline(study, minutes=5) - time.time()
    assert 5 * 60 - spent - 5 < left <= 5 * 60 - spent
    assert search_deadline(study, minutes=1) <= time.time()  # a spent budget stays spent
