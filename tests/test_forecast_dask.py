"""The Dask path of a forecast study (`forecast.engine: dask`): the baselines, the global
model's tuning and its final fit run on a local Dask cluster — the test starts the cluster and
hands its address to the study through the environment, as a real cluster's would be — and the
statistical models' forecasts equal the local path's."""

from __future__ import annotations

import pytest
import series_synth

pytestmark = pytest.mark.slow


def test_baselines_and_the_global_model_run_on_a_dask_cluster(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster
    from test_forecast_leakage import _stages
    from test_forecast_parts import _forecast_project

    from workbench.store.results import BaselinesResult, EvaluationResult

    frame = series_synth.monthly_panel(n_series=4, months=36, zero_series=False)
    spec = _forecast_project(
        tmp_path,
        frame=frame,
        edits={
            "profile: standard": "profile: quick",
            "  # trials: 30  # the profile's budget; uncomment to choose your own": "  trials: 1",
            "  # units: pieces": "  engine: dask\n  dask_address_env: TEST_DASK_SCHEDULER\n  # units: pieces",
            "backtest_windows: 3": "backtest_windows: 2",
        },
    )
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        monkeypatch.setenv("TEST_DASK_SCHEDULER", cluster.scheduler_address)
        run = _stages(spec, tmp_path, ["data", "leakage", "baselines", "tuning", "evaluation"])
        ran = set(cluster.scheduler.task_prefixes)
        del client
    assert {"backtest_part", "forecast_part"} <= ran  # statistical models on chunks of series
    assert "frompandas" in ran  # the global model's features shipped to the workers for XGBoost
    details = run.manifest()["stage_details"]
    for stage in ("baselines", "tuning", "evaluation"):
        assert details[stage]["engine"] == "dask" and details[stage]["workers"] == 2, stage
    ev = run.load_result("evaluation", EvaluationResult)
    assert ev.forecast is not None and (run.dir / "models" / "global_xgboost.json").exists()

    local_spec = spec.parent / "local.yaml"
    local_spec.write_text(
        spec.read_text().replace("  engine: dask\n", "").replace("name: demand", "name: local")
    )
    local = _stages(local_spec, tmp_path / "local", ["data", "leakage", "baselines"])
    dask_b = run.load_result("baselines", BaselinesResult)
    local_b = local.load_result("baselines", BaselinesResult)
    assert [m.mean for m in dask_b.models] == [m.mean for m in local_b.models]
