"""The forecast leakage checks: a look-ahead input planted and caught (critical, named, with
the fix), the same input placed correctly left alone, a confirmed plan reported as
information, an attribute computed over the whole series caught, repeated periods and rows
after the extract's end found — on the checks' own inputs and through the leakage stage."""

from __future__ import annotations

import numpy as np
import pandas as pd
import series_synth

from leakage_checks.series import SeriesFrames, SeriesRoles, run_series_checks


def _panel(seed=0, n_series=12, periods=60, horizon=3, windows=3):
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_series):
        t = np.arange(periods)
        temperature = np.zeros(periods)
        for i in range(1, periods):
            temperature[i] = 0.7 * temperature[i - 1] + rng.normal()
        level = 50.0 * (s + 1)
        y = level * (1 + 0.3 * np.sin(2 * np.pi * t / 12) + 0.15 * temperature)
        y = y + rng.normal(0, 0.05 * level, periods)
        rows.append(
            pd.DataFrame(
                {"unique_id": f"s{s}", "ds": t, "y": y, "temperature": temperature, "size": level}
            )
        )
    p = pd.concat(rows, ignore_index=True)
    from_end = p.groupby("unique_id").cumcount(ascending=False).to_numpy()
    p["part"] = np.where(from_end < horizon, "test", "train")
    block = from_end // horizon
    p["window"] = np.where((block >= 1) & (block <= windows), windows + 1 - block, 0)
    p["filled"] = False
    return SeriesFrames(panel=p, extract=p[["unique_id", "ds", "y"]].copy())


def _roles(**kw):
    return SeriesRoles(horizon=3, season=12, frequency="MS", target_name="y", **kw)


def _findings(frames, roles, check):
    return [f for r in run_series_checks(frames, roles) for f in r.findings if f.check == check]


def test_a_same_period_measurement_read_at_its_period_is_critical_and_named():
    found = _findings(_panel(), _roles(known_in_advance=["temperature"]), "look_ahead")
    assert [f.severity for f in found] == ["critical"] and found[0].columns == ["temperature"]
    assert "declare it known in advance if it truly is" in found[0].fix
    assert "or let it be lagged" in found[0].fix
    assert found[0].evidence["gain"] >= 0.5


def test_the_same_measurement_lagged_by_the_horizon_is_left_alone():
    assert _findings(_panel(), _roles(observed=["temperature"]), "look_ahead") == []


def test_a_plan_the_client_confirms_is_information():
    roles = _roles(known_in_advance=["temperature"], confirmed_known=["temperature"])
    assert [f.severity for f in _findings(_panel(), roles, "look_ahead")] == ["info"]


def test_an_attribute_computed_over_the_whole_series_is_caught():
    frames = _panel(n_series=30)
    p = frames.panel
    rng = np.random.default_rng(1)
    p["y"] = p["y"] * (
        1 + p["ds"] * p["unique_id"].map({f"s{i}": rng.normal(0, 0.01) for i in range(30)})
    )
    p["average"] = p.groupby("unique_id")["y"].transform("mean")
    found = _findings(frames, _roles(static=["average", "size"]), "whole_series")
    assert [f.columns for f in found] == [["average"]]  # size goes with the level, not with its end


def test_repeated_periods_and_rows_after_the_extract_end():
    frames = _panel()
    extract = frames.extract
    extract = pd.concat([extract, extract.iloc[[5]].assign(y=-1.0)], ignore_index=True)
    late = extract.iloc[[0]].assign(ds=99)
    frames.extract = pd.concat([extract, late], ignore_index=True)
    roles = _roles()
    repeated = _findings(frames, roles, "repeated_periods")
    assert repeated[0].severity == "warning" and repeated[0].evidence["differing_periods"] == 1
    after = _findings(frames, roles, "after_extract_end")
    assert after[0].evidence["rows_after_end"] == 1


def _stages(spec, root, names):
    """A run directory with the forecast study's `names` stages run in this process."""
    from workbench.engine.runner import start_run
    from workbench.inputs.context import load_context
    from workbench.judge.candidate import choose_candidate
    from workbench.stages import run_and_save

    ctx = load_context(spec)
    run = start_run(ctx, root / "run", resume=False, stage=None)
    try:
        for name in names:
            run_and_save(name, ctx, run)
            if name == "tuning":  # as the tuning notebook does: a forecast's candidate
                choose_candidate(run)
    finally:
        run.release()
    return run


def test_the_leakage_stage_runs_the_forecast_checks(tmp_path):
    """Through the stage: a planted same-period column declared known in advance is a critical
    finding of the run's leakage results, named with its fix."""
    frame = series_synth.monthly_panel(n_series=8, months=48, zero_series=False)
    rng = np.random.default_rng(3)
    frame["footfall"] = frame["demand"] * rng.lognormal(0, 0.05, len(frame))  # the month's own
    from test_forecast_parts import _forecast_project

    spec = _forecast_project(tmp_path, frame=frame)
    contract = tmp_path / "data_contracts" / "demand.yaml"
    text = contract.read_text()
    head, tail = text.split("  footfall:", 1)
    contract.write_text(
        head + "  footfall:" + tail.replace("role: observed", "role: known_in_advance", 1)
    )
    run = _stages(spec, tmp_path, ["data", "leakage"])
    from workbench.store.results import LeakageResult

    leak = run.load_result("leakage", LeakageResult)
    critical = [f for f in leak.findings if f.severity == "critical"]
    assert [f.columns for f in critical] == [["footfall"]] and critical[0].check == "look_ahead"
    assert {c.name for c in leak.checks} >= {"look_ahead", "whole_series", "holdout_in_training"}


def test_init_declares_numbers_observed_so_nothing_leaks_by_default(tmp_path):
    from test_forecast_parts import _forecast_project

    frame = series_synth.monthly_panel(n_series=8, months=48, zero_series=False)
    frame["footfall"] = frame["demand"] * 1.01
    spec = _forecast_project(tmp_path, frame=frame)
    contract = (tmp_path / "data_contracts" / "demand.yaml").read_text()
    assert "role: observed" in contract.split("  footfall:", 1)[1]
    run = _stages(spec, tmp_path, ["data", "leakage"])
    from workbench.store.results import LeakageResult

    leak = run.load_result("leakage", LeakageResult)
    assert not [f for f in leak.findings if f.check == "look_ahead" and f.severity != "info"]
