"""The leakage model info sheet of a forecast study: the same eight types of Kapoor & Narayanan,
answered from a forecast's own evidence — the holdout is the last periods of every series, the
backtest forecasts each window from its own origin, the inputs are placed in time by the
contract, and the forecast checks look for what would break that."""

from __future__ import annotations

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import concerns_from, make_item, not_run
from workbench.language import _
from workbench.store.judgements import Evidence, LeakageItem


def _backtest(x: ChecklistInputs) -> Evidence:
    fs = x.leakage.forecast
    windows = [w for w in fs.windows if w.window > 0]
    hold = next(w for w in fs.windows if w.window == 0)
    return Evidence(
        source="leakage.json: forecast.windows",
        detail=_(
            "{k} backtest windows of {h} periods each forecast from their own origin (the first "
            "from {o1} to {o2}); the holdout, the last {h} periods of every series, from "
            "{first} to {last}"
        ).format(
            k=len(windows),
            h=fs.horizon,
            o1=windows[0].origin_first if windows else "—",
            o2=windows[0].origin_last if windows else "—",
            first=hold.first,
            last=hold.last,
        ),
        numbers={"windows": len(windows), "horizon": fs.horizon, "series": fs.series},
    )


def _inputs(x: ChecklistInputs) -> Evidence:
    inputs = x.data.forecast.inputs
    return Evidence(
        source="data.json: forecast.inputs",
        detail=_(
            "known in advance (read at the period forecast): {known}; observed (read only "
            "lagged by the horizon): {observed}; static: {static}"
        ).format(
            known=", ".join(inputs.get("known_in_advance", [])) or _("none"),
            observed=", ".join(inputs.get("observed", [])) or _("none"),
            static=", ".join(inputs.get("static", [])) or _("none"),
        ),
    )


def no_test_set(x: ChecklistInputs) -> LeakageItem:
    ev = x.evaluation
    scored = max(ev.holdout_scored, int(x.manifest.get("holdout_scored") or 0))
    done = _(
        "The last {h} periods of every series were set aside before any model was built; the "
        "baselines were compared and the global model tuned on backtest windows before them; "
        "the holdout was forecast and scored once, in the evaluation stage."
    ).format(h=x.leakage.forecast.horizon)
    evidence = [
        _backtest(x),
        Evidence(
            source="evaluation.json: holdout_scored",
            detail=_(
                "the holdout was scored {n} time(s) in this run, on {p} series-periods"
            ).format(n=scored, p=ev.test_rows),
            numbers={"holdout_scored": scored, "test_rows": ev.test_rows},
        ),
    ]
    concerns = []
    if scored > 1:
        concerns.append(
            _(
                "The holdout was scored {n} times in this run: whatever changed between the "
                "scorings was chosen with the holdout in view."
            ).format(n=scored)
        )
    return make_item(x, "leakage.no_test_set", done, evidence, concerns)


def preprocessing(x: ChecklistInputs) -> LeakageItem:
    done = _(
        "The global model's lags, rolling means and scaling are computed inside the forecaster "
        "from each series' history before the forecast origin, refitted for every backtest "
        "window; the statistical models are fitted on each series' own history before the "
        "origin. Gaps are filled series by series, from their neighbours."
    )
    checks = ("whole_series",)
    evidence = [_backtest(x), *(x.check_evidence(c) for c in checks)]
    raised, concerns, columns = concerns_from(x, checks)
    return make_item(x, "leakage.preprocessing", done, evidence, concerns, columns, raised)


def feature_selection(x: ChecklistInputs) -> LeakageItem:
    done = _(
        "The global model's features (lags, windows, calendar) and parameters were chosen on "
        "the backtest windows alone, and the candidate — seasonal naive unless the global model "
        "or a statistical one beat it clearly there — by the backtest too; the holdout played "
        "no part."
    )
    evidence = [_backtest(x)]
    if x.candidate is not None:
        evidence.append(Evidence(source="candidate.json: reason", detail=x.candidate.reason))
    return make_item(x, "leakage.feature_selection", done, evidence)


def duplicates(x: ChecklistInputs) -> LeakageItem:
    checks = ("repeated_periods", "holdout_in_training")
    done = _(
        "Each series keeps one row per period (the last of any repeats); its holdout periods "
        "come after all its training periods."
    )
    evidence = [x.check_evidence(c) for c in checks]
    raised, concerns, columns = concerns_from(x, checks)
    concerns += not_run(x, checks)
    return make_item(x, "leakage.duplicates", done, evidence, concerns, columns, raised)


def illegitimate_features(x: ChecklistInputs) -> LeakageItem:
    checks = ("look_ahead",)
    done = _(
        "Every input has a place in time in the contract: known in advance (read at the period "
        "forecast), observed (read only lagged by the horizon, so its value is known at every "
        "origin) or static. The look-ahead check compares what each input read at its own "
        "period tells about the target with what it tells lagged by the horizon."
    )
    evidence = [_inputs(x), *(x.check_evidence(c) for c in checks)]
    raised, concerns, columns = concerns_from(x, checks)
    concerns += not_run(x, checks)
    return make_item(x, "leakage.illegitimate_features", done, evidence, concerns, columns, raised)


def temporal(x: ChecklistInputs) -> LeakageItem:
    checks = ("holdout_in_training", "after_extract_end")
    done = _(
        "The holdout is the last periods of every series, later than everything the models "
        "learned from; each backtest window is forecast by models fitted on the periods before "
        "it, recursively, so no feature reads an actual after the forecast origin."
    )
    evidence = [_backtest(x), *(x.check_evidence(c) for c in checks)]
    raised, concerns, columns = concerns_from(x, checks)
    concerns += not_run(x, checks)
    return make_item(x, "leakage.temporal", done, evidence, concerns, columns, raised)


def non_independence(x: ChecklistInputs) -> LeakageItem:
    return make_item(
        x,
        "leakage.non_independence",
        _("A forecast is made for the same series it learned from: its later periods."),
        [_backtest(x)],
        not_applicable=_(
            "every series is on both sides of the split by design — the question is whether "
            "its later periods were kept apart (temporal leakage, L3.1)"
        ),
    )


def sampling_bias(x: ChecklistInputs) -> LeakageItem:
    return make_item(
        x,
        "leakage.sampling_bias",
        _("The holdout holds every series studied, over the same last periods."),
        [_backtest(x)],
        not_applicable=_(
            "the holdout is not drawn from the rows: it is the last periods of every series"
        ),
    )


FORECAST_BUILDERS = [
    no_test_set,
    preprocessing,
    feature_selection,
    duplicates,
    illegitimate_features,
    temporal,
    non_independence,
    sampling_bias,
]
