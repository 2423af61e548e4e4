"""A forecast study end to end through the command line, on a small monthly panel: `init
--task forecast`, then `run`. One finished run is shared by every assertion (module-scoped)."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import pandas as pd
import pytest
import series_synth
import yaml

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "workbench"]


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    root = tmp_path_factory.mktemp("forecast")
    later = series_synth.monthly_panel(months=46)  # six more months arrive after the study
    frame = later[pd.to_datetime(later["month"]) < pd.Timestamp("2022-05-01")]
    data = root / "demand.csv"
    frame.to_csv(data, index=False)
    before = data.read_bytes()
    init = subprocess.run(
        [
            *CLI,
            "init",
            str(data),
            "--task",
            "forecast",
            "--target",
            "demand",
            "--time-column",
            "month",
            "--series-column",
            "region",
            "--horizon",
            "3",
            "--dir",
            str(root),
            "--name",
            "demand",
        ],
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr + init.stdout
    spec_path = root / "experiments" / "demand.yaml"
    spec = yaml.safe_load(spec_path.read_text())
    spec["profile"] = "quick"
    spec["tuning"] = {"family": "xgboost", "trials": 3, "minutes": 2}
    spec["forecast"]["backtest_windows"] = 2
    spec["forecast"]["confirmed_known"] = ["promo"]  # the client's promotion calendar
    spec["forecast"]["costs"] = {
        "over_forecast": 2.0,
        "under_forecast": 5.0,
        "currency": "EUR",
        "over_means": "overstock",
        "under_means": "lost sales",
    }
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    contract_path = root / "data_contracts" / "demand.yaml"
    contract = yaml.safe_load(contract_path.read_text())
    contract["columns"]["promo"]["role"] = "known_in_advance"  # planned ahead, as the client says
    contract_path.write_text(yaml.safe_dump(contract, sort_keys=False))
    run_dir = root / "runs" / "first"
    done = subprocess.run(
        [*CLI, "run", str(spec_path), "--run-dir", str(run_dir)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    results = {p.stem: json.loads(p.read_text()) for p in (run_dir / "results").glob("*.json")}
    return SimpleNamespace(
        root=root,
        data=data,
        before=before,
        init=init,
        run_dir=run_dir,
        done=done,
        results=results,
        later=later,
    )


def test_init_states_the_series_and_places_inputs_in_time(study):
    said = study.init.stdout
    for fact in ("months (MS)", "12 months", "3 of", "MAPE"):
        assert fact in said, fact
    contract = yaml.safe_load((study.root / "data_contracts" / "demand.yaml").read_text())
    roles = {c: v["role"] for c, v in contract["columns"].items()}
    assert roles["region"] == "series" and roles["month"] == "time"
    assert roles["rainfall"] == "observed"  # a number varying within a series: lagged
    assert roles["kind"] == "static"
    spec = yaml.safe_load((study.root / "experiments" / "demand.yaml").read_text())
    assert "mape" not in spec["metrics"]["secondary"]  # R5 has zero actuals
    assert study.data.read_bytes() == study.before  # the raw data is never modified


def test_a_confirmed_plan_is_no_leak(study):
    leak = study.results["leakage"]
    found = [f for f in leak["findings"] if f["check"] == "look_ahead"]
    assert [f["severity"] for f in found] in ([], ["info"])
    assert not [f for f in leak["findings"] if f["severity"] == "critical"]


def test_the_stages_ran_and_assurance_does_not_apply(study):
    manifest = json.loads((study.run_dir / "manifest.json").read_text())
    assert manifest["completed_stages"] == ["data", "leakage", "baselines", "tuning", "evaluation"]
    assert "assurance" not in study.results
    assert {"checklist", "readiness", "decision"} <= set(study.results)


def test_holdout_scored_once_and_recorded_in_the_ledger(study):
    ev = study.results["evaluation"]
    assert ev["holdout_scored"] == 1 and ev["holdout_looks"] == 1
    ledger = json.loads((study.root / "runs" / "holdout-ledger.json").read_text())
    assert [look["key"] for look in ledger["looks"]] == [ev["holdout_key"]]


def test_holdout_predictions_hold_every_series_and_model(study):
    p = pd.read_parquet(study.run_dir / "predictions" / "holdout.parquet")
    for col in ("series", "period", "actual", "candidate", "seasonal_naive", "auto_ets", "global"):
        assert col in p.columns, col
    assert sorted(p["series"].unique()) == [f"R{i}" for i in range(1, 6)]
    assert p.groupby("series").size().eq(3).all()  # the last 3 months of every series
    assert (p["candidate_lo80"] <= p["candidate"]).all() and (
        p["candidate"] <= p["candidate_hi95"]
    ).all()
    assert p["period"].max() == pd.Timestamp("2022-04-01")


def test_mape_is_refused_where_actuals_are_zero(study):
    fe = study.results["evaluation"]["forecast"]
    # init left MAPE out; a spec that asks for it is told why and gets WAPE (unit-tested too)
    assert "mape" not in fe["scores"]["candidate"]
    assert "wape" in fe["scores"]["candidate"]


def test_the_candidate_is_seasonal_naive_unless_a_model_beat_it_clearly(study):
    choice, tuning = study.results["candidate"], study.results["tuning"]["forecast"]
    assert [c["model"] for c in choice["contenders"]] == [c["model"] for c in tuning["contenders"]]
    clear = [c for c in choice["contenders"] if c["lift"]["ci_low"] > 0]
    if clear:
        best = min(clear, key=lambda c: c["backtest"])
        assert choice["candidate"] == best["model"] and choice["rule"] == "clear_lift"
        assert best["backtest"] < tuning["naive_backtest"]
    else:
        assert choice["candidate"] == "seasonal_naive" and choice["rule"] == "no_clear_lift"
    assert study.results["evaluation"]["forecast"]["candidate"] == choice["candidate"]
    assert choice["reason"] in " ".join(study.results["decision"]["reasons"])


def test_the_decision_judges_the_forecast_against_seasonal_naive(study):
    d = study.results["decision"]
    names = [c["name"] for c in d["criteria"]]
    assert any(n.startswith("MASE of the candidate forecast") for n in names)
    assert any(n.startswith("Better than seasonal naive") for n in names)
    assert "of volume, against" in d["headline"] and "the same month last year" in d["headline"]
    saving = study.results["evaluation"]["forecast"]["value"]["saving_per_period"]["value"]
    said = "EUR a month less in lost sales and overstock" if saving >= 0 else "EUR a month more"
    assert said in d["headline"]


def test_the_report_speaks_the_planners_words(study):
    qmd = (study.run_dir / "report.qmd").read_text()
    assert "of volume, against" in qmd
    assert "lost sales and overstock" in qmd
    assert "Every baseline per series" in qmd
    assert "Backtest windows" in qmd or "window 1" in qmd
    for fig in ("forecast_series.png", "forecast_by_step.png", "split_windows.png"):
        assert (study.run_dir / "figures" / fig).exists(), fig
    assert (study.run_dir / "report.pdf").stat().st_size > 10_000


@pytest.fixture(scope="module")
def package(study):
    out = study.root / "package"
    done = subprocess.run(
        [*CLI, "promote", str(study.run_dir), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return out


def test_promote_writes_the_forecaster_as_data(package):
    for name in (
        "forecast_config.yaml",
        "spec.yaml",
        "contract.yaml",
        "forecast.py",
        "MODEL_CARD.md",
        "READINESS.md",
        "forecaster/global_xgboost.json",
    ):
        assert (package / name).exists(), name
    assert not list(package.rglob("*.pkl")) and not list(package.rglob("*.pickle"))
    config = yaml.safe_load((package / "forecast_config.yaml").read_text())
    assert config["horizon"] == 3 and set(config["interval_quantiles"]) == {"0.8", "0.95"}


def test_forecast_py_writes_the_next_horizon_of_every_series(study, package, tmp_path):
    history = study.later.copy()
    months = pd.to_datetime(history["month"])
    history = history[months < pd.Timestamp("2022-05-01")]
    future = history.groupby("region").tail(1).copy()
    rows = []
    for k in range(1, 4):  # the planned promotions of the next three months, target empty
        ahead = future.assign(
            month=(pd.to_datetime(future["month"]) + pd.DateOffset(months=k)).dt.strftime(
                "%Y-%m-%d"
            ),
            demand=None,
            promo=1 if k == 2 else 0,
        )
        rows.append(ahead)
    path = tmp_path / "history.csv"
    pd.concat([history, *rows]).to_csv(path, index=False)
    out = tmp_path / "forecasts.csv"
    done = subprocess.run(
        [sys.executable, str(package / "forecast.py"), "--history", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    f = pd.read_csv(out)
    assert f.groupby("series").size().eq(3).all() and f["series"].nunique() == 5
    assert (f["lo95"] <= f["lo80"]).all() and (f["lo80"] <= f["forecast"]).all()
    assert (f["forecast"] <= f["hi80"]).all() and (f["hi80"] <= f["hi95"]).all()
    assert set(f["period"]) == {"2022-05-01", "2022-06-01", "2022-07-01"}


def test_forecast_py_asks_for_known_in_advance_inputs(study, package, tmp_path):
    path = tmp_path / "history.csv"
    study.later[pd.to_datetime(study.later["month"]) < pd.Timestamp("2022-05-01")].to_csv(
        path, index=False
    )
    done = subprocess.run(
        [
            sys.executable,
            str(package / "forecast.py"),
            "--history",
            str(path),
            "--out",
            str(tmp_path / "f.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "'promo' is known in advance" in done.stderr


def test_drift_names_the_series_whose_level_moved(study, package, tmp_path):
    new = study.later.copy()
    moved = (new["region"] == "R2") & (pd.to_datetime(new["month"]) >= pd.Timestamp("2022-05-01"))
    new.loc[moved, "demand"] = new.loc[moved, "demand"] * 1.8
    path = tmp_path / "new_extract.csv"
    new.to_csv(path, index=False)
    done = subprocess.run(
        [*CLI, "drift", str(package), str(path), "--out", str(tmp_path / "drift.json")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr + done.stdout
    report = json.loads((tmp_path / "drift.json").read_text())
    assert report["drifted"] == ["R2"]
    assert {r["series"] for r in report["series"]} == {f"R{i}" for i in range(1, 6)}
