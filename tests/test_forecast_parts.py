"""The parts of a forecast study, on small data: periods as clients write them, the frequency,
the metrics against utilsforecast's, MAPE's refusal, conformal quantiles, the cost of errors,
the judge's choice of the candidate on the backtest, and `init`'s bad-input errors (with nothing written)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import series_synth

from workbench.errors import BadInput
from workbench.inputs.periods import period_format
from workbench.inputs.series_facts import (
    detect_frequency,
    fitting_windows,
    needed_length,
    series_facts,
    series_ids,
)
from workbench.science import conformal
from workbench.science.forecast_holdout import error_cost
from workbench.science.forecast_scores import by_group, mape_refusal, metric_of


@pytest.mark.parametrize(
    ("values", "fmt", "first"),
    [
        (["2024-03", "2024-04"], "%Y-%m", "2024-03-01"),
        (["2024 Q1", "2024 Q2"], "%Y Q%q", "2024-01-01"),
        (["2024Q3", "2024Q4"], "%Y Q%q", "2024-07-01"),
        (["2024 W06", "2024 W07"], "%G W%V", "2024-02-05"),
        (["1939 Jan", "1939 Feb"], "%Y %b", "1939-01-01"),
        ([2019, 2020], "%Y", "2019-01-01"),
    ],
)
def test_periods_as_clients_write_them(values, fmt, first):
    from workbench.inputs.formats import parse_dates

    shape = period_format(pd.Series(values))
    assert shape is not None and shape.format == fmt
    parsed = parse_dates(pd.Series(values), [shape.format], dayfirst=False)
    assert parsed.iloc[0] == pd.Timestamp(first)


@pytest.mark.parametrize(
    ("freq", "alias"),
    [("30min", "30min"), ("h", "h"), ("D", "D"), ("W-WED", "W-WED"), ("MS", "MS"), ("ME", "MS")],
)
def test_frequency_from_half_hourly_to_monthly(freq, alias):
    dates = pd.Series(np.tile(pd.date_range("2023-01-04", periods=30, freq=freq), 2))
    ids = pd.Series(np.repeat(["a", "b"], 30))
    assert detect_frequency(ids, dates, "x.csv", "t").alias == alias


def test_quarterly_and_yearly_frequency():
    q = pd.Series(pd.date_range("2001-01-01", periods=20, freq="QS"))
    y = pd.Series(pd.date_range("2001-01-01", periods=20, freq="YS"))
    ids = pd.Series(["a"] * 20)
    assert detect_frequency(ids, q, "x", "t").alias == "QS"
    assert detect_frequency(ids, y, "x", "t").alias == "YS"


def test_uneven_dates_are_bad_input_naming_the_column():
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-04", "2024-01-12", "2024-02-20"]))
    with pytest.raises(BadInput) as err:
        detect_frequency(pd.Series(["a"] * 4), dates, "x.csv", "when")
    assert "when" in str(err.value) and "--frequency" in str(err.value)


def test_series_facts_find_gaps_repeats_and_the_extract_end():
    frame = series_synth.monthly_panel(n_series=3, months=24, zero_series=False)
    frame["month"] = pd.to_datetime(frame["month"])
    frame = frame.drop(index=[5, 6])  # two months missing inside R1
    frame = pd.concat([frame, frame.iloc[[10]]])  # a repeated period
    late = frame.iloc[[-1]].assign(month=pd.Timestamp("2021-06-01"))  # one row months ahead
    frame = pd.concat([frame, late], ignore_index=True)
    ids = series_ids(frame, ["region"])
    from workbench.inputs.series_facts import Frequency

    facts = series_facts(frame, ids, "month", Frequency("MS"))
    assert facts.gap_periods == 2 + 5 and facts.duplicates == 1
    assert facts.extract_end == pd.Timestamp("2020-12-01") and facts.after_end == 1


def test_what_a_series_needs():
    assert needed_length(3, 2, 12) == 9 + 13
    assert fitting_windows(40, 3, 12, 3) == 3
    assert fitting_windows(18, 3, 12, 3) == 0


def _frame(y, f, scale, series):
    return pd.DataFrame(
        {"unique_id": series, "y": y, "model": f, "scale": scale, "unit": series, "step": 1}
    )


def test_metrics_agree_with_utilsforecast():
    from utilsforecast.losses import mase, wape

    rng = np.random.default_rng(0)
    train = pd.DataFrame(
        {
            "unique_id": np.repeat(["a", "b"], 30),
            "ds": np.tile(np.arange(30), 2),
            "y": rng.normal(50, 10, 60),
        }
    )
    test = pd.DataFrame(
        {
            "unique_id": np.repeat(["a", "b"], 4),
            "ds": np.tile(np.arange(30, 34), 2),
            "y": rng.normal(50, 10, 8),
            "model": rng.normal(50, 10, 8),
        }
    )
    m = 4
    scale = train.groupby("unique_id")["y"].apply(lambda s: s.diff(m).abs().mean())
    frame = test.assign(scale=test["unique_id"].map(scale), unit=test["unique_id"])
    theirs = mase(test, ["model"], seasonality=m, train_df=train)["model"].mean()
    assert metric_of(frame, "model", "mase") == pytest.approx(theirs)
    theirs_wape = wape(test, ["model"])["model"]
    ours = by_group(frame, "model", "wape", "unique_id")
    assert ours["a"] == pytest.approx(theirs_wape.iloc[0], rel=1e-6)


def test_mape_is_refused_with_the_reason_and_wape_offered():
    assert mape_refusal(np.array([3.0, 4.0]), "demand") is None
    why = mape_refusal(np.array([3.0, 0.0, 0.0]), "demand")
    assert "2 actual values of 'demand' are zero" in why and "WAPE" in why
    frame = _frame(np.array([0.0, 2.0]), np.array([1.0, 2.0]), np.ones(2), ["a", "a"])
    assert np.isnan(metric_of(frame, "model", "mape"))


def test_mape_as_primary_is_bad_input_before_a_run(tmp_path):
    from workbench.inputs.context import load_context
    from workbench.science.preflight import check_data

    spec = _forecast_project(tmp_path, edits={"primary: mase": "primary: mape"})
    with pytest.raises(BadInput) as err:
        check_data(load_context(spec))
    assert err.value.field == "metrics.primary" and "wape" in err.value.fix


def test_conformal_quantile_is_the_finite_sample_one():
    scores = np.arange(1, 101, dtype=float)
    frame = pd.DataFrame(
        {"y": scores, "m": np.zeros(100), "scale": np.ones(100), "step": np.ones(100, int)}
    )
    q = conformal.quantiles(frame, "m", 1, 0.8)
    assert q[0] == 81.0  # the ceil(101 x 0.8) = 81st smallest
    assert conformal.per_step(frame, 1)


def test_error_costs_price_each_direction():
    cost = error_cost(np.array([10.0, 10.0, 10.0]), np.array([12.0, 7.0, 10.0]), 2.0, 5.0)
    assert cost.tolist() == [4.0, 15.0, 0.0]


def _forecast_project(tmp_path, edits=None, frame=None, **init):
    from workbench.inputs.forecast_scaffold import scaffold_forecast

    frame = series_synth.monthly_panel() if frame is None else frame
    data = tmp_path / "demand.csv"
    frame.to_csv(data, index=False)
    from workbench.inputs.detection import detect

    detected = detect(data)
    made = scaffold_forecast(
        data,
        detected.frame,
        init.pop("target", "demand"),
        name="demand",
        out_dir=tmp_path,
        time_column=init.pop("time_column", "month"),
        series_columns=init.pop("series_columns", ["region"]),
        horizon=init.pop("horizon", 3),
        frequency=None,
        backtest_windows=None,
        pii=[],
        force=False,
        detected=detected,
    )
    text = made.spec_path.read_text()
    for old, new in (edits or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    made.spec_path.write_text(text)
    return made.spec_path


@pytest.mark.parametrize(
    ("init", "field", "words"),
    [
        ({"time_column": "kind"}, "--time-column", "does not read as dates"),
        ({"series_columns": ["store"]}, "--series-column", "not a column"),
        ({"horizon": 30}, "--horizon", "longer than the data allows"),
        ({"target": "kind"}, "--target", "holds text"),
    ],
)
def test_init_refuses_bad_input_and_writes_nothing(tmp_path, init, field, words):
    with pytest.raises(BadInput) as err:
        _forecast_project(tmp_path, **init)
    assert err.value.field == field and words in str(err.value)
    assert str(tmp_path / "demand.csv") in str(err.value)
    assert not (tmp_path / "experiments").exists() and not (tmp_path / "data_contracts").exists()


def test_init_reads_period_strings_and_calendar_columns(tmp_path):
    frame = series_synth.monthly_panel(period_strings=True)
    frame["month_of_year"] = pd.to_datetime(frame["month"]).dt.month
    spec = _forecast_project(tmp_path, frame=frame)
    import yaml

    contract = yaml.safe_load((tmp_path / "data_contracts" / "demand.yaml").read_text())
    assert contract["columns"]["month"]["format"] == "%Y-%m"
    assert contract["columns"]["month_of_year"]["role"] == "known_in_advance"
    assert "frequency: MS" in spec.read_text()


def _backtest(n_series: int, factors: dict[str, list[float]], seed: int = 0) -> pd.DataFrame:
    """A backtest of 3 windows of 4 periods on `n_series` series: seasonal naive off by one
    scale unit up or down at random, each other model's errors the same times its factor on
    that series (below 1: better on it), in the columns a scored backtest has."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_series):
        for w in (1, 2, 3):
            e = rng.choice([-1.0, 1.0], 4)
            row = {"unique_id": f"s{s}", "window": w, "y": np.zeros(4), "scale": 1.0}
            row |= {"unit": f"s{s}", "seasonal_naive": e}
            row |= {m: e * f[s % len(f)] for m, f in factors.items()}
            rows.append(pd.DataFrame(row))
    return pd.concat(rows, ignore_index=True)


def _choose(frame: pd.DataFrame, labels: dict[str, str]):
    """The tuning stage's measurement of the contenders, then the judge's rule on it."""
    from workbench.judge.candidate import choose
    from workbench.science.backtest_scores import contenders, unit_plan
    from workbench.store.forecast_results import ForecastTuning

    plan = unit_plan(frame, 1000, 0)
    naive, found, level = contenders(frame, labels, "mase", plan, "seasonal_naive")
    tuning = ForecastTuning(
        config={},
        features=[],
        importances={},
        global_cv={},
        naive_backtest=naive,
        contenders=found,
        lift_level=level,
        resampled=plan.what,
        units=len(plan.units),
    )
    return choose(tuning), {c.model: c for c in found}


def test_a_model_that_wins_the_backtest_by_chance_leaves_seasonal_naive_the_candidate():
    # 8 series: the model is far better on some, far worse on others, a little better overall
    frame = _backtest(8, {"auto_ets": [0.55, 1.4, 0.6, 1.35]})
    choice, measured = _choose(frame, {"auto_ets": "AutoETS"})
    ets = measured["auto_ets"]
    assert ets.backtest < metric_of(frame, "seasonal_naive", "mase")  # it won the backtest
    assert ets.lift.ci_low < 0 < ets.lift.ci_high  # by an amount chance could give
    assert choice.candidate == "seasonal_naive" and choice.rule == "no_clear_lift"
    assert choice.closest == "auto_ets" and choice.contenders[0].verdict == "uncertain"
    assert "Seasonal naive stays the candidate" in choice.reason and "AutoETS" in choice.reason
    assert "unless a model beats it clearly on the backtest" in choice.rule_words


def test_a_model_that_beats_seasonal_naive_clearly_is_the_candidate():
    # the global model leads the backtest by chance; AutoTheta is better on every series
    frame = _backtest(12, {"global": [0.3, 1.45, 0.3, 1.25], "auto_theta": [0.85], "naive": [1.3]})
    labels = {"global": "tuned global model", "auto_theta": "AutoTheta", "naive": "naive"}
    choice, measured = _choose(frame, labels)
    assert measured["global"].backtest < measured["auto_theta"].backtest
    assert choice.candidate == "auto_theta" and choice.rule == "clear_lift"
    verdicts = {c.model: c.verdict for c in choice.contenders}
    assert verdicts == {"global": "uncertain", "auto_theta": "pass", "naive": "fail"}
    assert choice.reason.startswith("AutoTheta is the candidate: it beats seasonal naive clearly")
    assert "Tuned global model had a lower backtest error" in choice.reason
    assert measured["naive"].lift.ci_high < 0
    # the intervals hold together over the three contenders: each a 98.3% interval
    assert "98.3% interval" in choice.rule_words and "the 3 models compared" in choice.rule_words


def test_the_forecast_demo_is_real_data_its_spec_accepts(tmp_path):
    """`workbench demo --forecast`'s data and spec: the Texas markets as long monthly data with
    periods written 2000-01, valid for its spec and contract (the demo's run itself is the
    benchmark's business, not a test's)."""
    import shutil
    from pathlib import Path

    from workbench.inputs.context import load_context
    from workbench.inputs.demo import write_forecast_demo_data
    from workbench.science.preflight import check_data

    root = Path(__file__).resolve().parents[1]
    for folder, name in (
        ("experiments", "housing_demo.yaml"),
        ("data_contracts", "housing_demo.yaml"),
    ):
        (tmp_path / folder).mkdir()
        shutil.copy(root / folder / name, tmp_path / folder / name)
    data = write_forecast_demo_data(tmp_path / "data" / "txhousing.csv")
    frame = pd.read_csv(data)
    assert frame["city"].nunique() == 46 and frame["month"].iloc[0] == "2000-01"
    checked = check_data(load_context(tmp_path / "experiments" / "housing_demo.yaml"))
    assert not checked.violations and checked.panel.frame["unique_id"].nunique() == 46
    assert checked.panel.frame["filled"].sum() > 0  # months without a figure, filled not scored
    assert checked.panel.observed == [
        f"{c}_lag6" for c in ("volume", "median", "listings", "inventory")
    ]
