from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from leakage_checks import CHECKS, Roles, SplitFrames, run_all


def frames(n=1200, seed=0, task="binary"):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "c": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
        }
    )
    z = X.a + 0.8 * X.b + 0.5 * (X.c == "x") + rng.normal(0, 1, n)
    y = pd.Series(z if task == "regression" else (z > 0).astype(int))
    cut = int(n * 0.75)
    return X, y, cut


def split(X, y, cut):
    return SplitFrames(X.iloc[:cut], X.iloc[cut:], y.iloc[:cut], y.iloc[cut:])


def test_clean_data_raises_nothing_and_says_which_checks_could_not_run():
    X, y, cut = frames()
    runs = run_all(split(X, y, cut), Roles(task="binary", features=list(X.columns)))
    assert {r.name for r in runs} == set(CHECKS)
    assert all(r.status in ("passed", "not_applicable") for r in runs), [
        (r.name, r.findings) for r in runs
    ]
    # no date, no group, no number written in mixed formats, no free text, no key: those checks
    # say so, with why
    skipped = {r.name: r.not_applicable for r in runs if r.status == "not_applicable"}
    assert set(skipped) == {
        "time_order",
        "right_censoring",
        "split_sensitivity",
        "number_formats",
        "label_words",
        "post_outcome_text",
        "text_copies",
        "target_encoding",
    }
    assert "no date column" in skipped["time_order"]
    assert all(why and not r.findings for r in runs if (why := skipped.get(r.name)))


@pytest.mark.parametrize("task", ["binary", "regression"])
def test_target_copy_is_critical_and_named(task):
    X, y, cut = frames(task=task)
    X["copy"] = y * 2.0 + 1
    if task == "binary":
        X["proxy"] = pd.Series(np.where(y > 0, "yes", "no"), dtype="str")
    else:  # a recoded, banded copy of the outcome
        X["proxy"] = pd.qcut(y, 60, labels=False).map(lambda b: f"band {b}")
    runs = {
        r.name: r for r in run_all(split(X, y, cut), Roles(task=task, features=list(X.columns)))
    }
    crit = [f for f in runs["single_feature"].findings if f.severity == "critical"]
    assert {"copy", "proxy"} <= {c for f in crit for c in f.columns}
    assert all(f.evidence["auc" if task == "binary" else "r2"] >= 0.98 for f in crit)
    assert "a" not in {c for f in crit for c in f.columns}


def test_strong_but_imperfect_feature_is_a_warning():
    rng = np.random.default_rng(3)
    n = 2000
    y = pd.Series((rng.random(n) < 0.5).astype(int))
    X = pd.DataFrame({"strong": y + rng.normal(0, 0.35, n), "noise": rng.normal(size=n)})
    f = run_all(
        split(X, y, 1500),
        Roles(task="binary", features=["strong", "noise"]),
        only=["single_feature"],
    )[0].findings
    assert [x.severity for x in f] == ["warning"] and f[0].columns == ["strong"]
    assert 0.9 <= f[0].evidence["auc"] < 0.99


def test_rows_copied_into_the_test_part_are_found():
    X, y, cut = frames()
    X.iloc[cut : cut + 200] = X.iloc[:200].to_numpy()
    y.iloc[cut : cut + 200] = y.iloc[:200].to_numpy()
    f = run_all(
        split(X, y, cut), Roles(task="binary", features=list(X.columns)), only=["shared_rows"]
    )[0]
    assert f.status == "critical"
    assert f.findings[0].evidence["share_features_and_target_in_train"] == pytest.approx(
        200 / 300, abs=0.01
    )


def test_declared_post_outcome_columns_are_reported():
    X, y, cut = frames()
    roles = Roles(task="binary", features=["a", "b"], not_known_at_prediction=["c"])
    f = run_all(split(X, y, cut), roles, only=["declared_post_outcome"])[0].findings
    assert f[0].severity == "info" and f[0].columns == ["c"]
    roles.features.append("c")
    f = run_all(split(X, y, cut), roles, only=["declared_post_outcome"])[0].findings
    assert f[0].severity == "critical"


def test_settings_override_thresholds():
    X, y, cut = frames()
    runs = run_all(
        split(X, y, cut),
        Roles(task="binary", features=["a"]),
        settings={"single_feature_auc_warning": 0.55},
        only=["single_feature"],
    )
    assert runs[0].findings and runs[0].findings[0].columns == ["a"]


def test_the_stage_runs_the_long_checks_first_and_reports_in_the_checks_order(tmp_path):
    import synth
    from conftest import staged_run
    from workbench.stages.leakage import LONG_CHECKS
    from workbench.store.results import LeakageResult

    assert set(LONG_CHECKS) <= set(CHECKS)  # a renamed check would silently run last
    _ctx, run = staged_run(tmp_path, synth.applicants(300), "status", ["data", "leakage"])
    result = run.load_result("leakage", LeakageResult)
    assert [c.name for c in result.checks] == list(CHECKS)
    assert result.figures and (run.dir / result.figures[0].path).exists()
