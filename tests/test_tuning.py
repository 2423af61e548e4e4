from __future__ import annotations

import json

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

    study = optuna.load_study(
        study_name=None, storage=f"sqlite:///{run_a.dir / 'tuning' / 'study.db'}"
    )
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
