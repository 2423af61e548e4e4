"""The ML Test Score items a forecast study answers in its own terms (where the tabular answers
speak of rows, SHAP, PSI and score.py): what the backtest, the series, the prediction intervals
and the forecast hand-off give engineering, and what is still owed. Each returns (status,
evidence, next step)."""

from __future__ import annotations

from workbench.inputs.period_words import unit_name, unit_names
from workbench.judge.readiness.evidence import Evidence
from workbench.language import _
from workbench.store.judgements import ProductionPath
from workbench.wording import count, interval, number, pct

Item = tuple[str, str, str | None]


def _f(e: Evidence):
    return e.ev.forecast, e.results.data.forecast


def _data(e: Evidence):
    return e.results.data.forecast


def beneficial(e: Evidence, path: ProductionPath) -> Item:
    t = e.results.tuning
    if t is None or t.forecast is None or not t.forecast.importances:
        return (
            "owed",
            _("No importance of the global model's features was measured."),
            _("Refit the global model and read XGBoost's gain per feature."),
        )
    top = ", ".join(f"{k} {pct(v, 0)}" for k, v in list(t.forecast.importances.items())[:5])
    return (
        "owed",
        _("Share of the global model's gain by feature: {top}.").format(top=top),
        _("Drop each input with no gain and re-run the backtest: keep it only if the error rises."),
    )


def feature_cost(e: Evidence, path: ProductionPath) -> Item:
    d = _data(e)
    inputs = [c for cols in d.inputs.values() for c in cols]
    return (
        "owed",
        _("The forecast reads the target's history and {n} inputs ({names}).").format(
            n=len(inputs), names=", ".join(inputs) or _("none")
        ),
        _(
            "For each input, record where it comes from and when it is known: a known-in-advance "
            "input must be available for every forecast period, an observed one by the origin."
        ),
    )


def new_features(e: Evidence, path: ProductionPath) -> Item:
    return (
        "provided",
        _(
            "A new input is a contract entry with its time role (known in advance, observed or "
            "static); `workbench run` re-runs the backtest and the holdout with it."
        ),
        None,
    )


def feature_code(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _(
            "Lags, rolling means and the calendar are computed by mlforecast inside the "
            "forecaster; the extract's own columns are only converted to the contract's types."
        ),
        _(
            "Unit-test the production extraction: on the study's series it must reproduce the "
            "snapshot's values, one row per series and period."
        ),
    )


def offline_online(e: Evidence, path: ProductionPath) -> Item:
    fe, d = _f(e)
    return (
        "owed",
        _("Offline only: {label} {iv} on the holdout's {n} series-periods.").format(
            label=e.label, iv=interval(e.ev.candidate.primary), n=count(fe.scored_periods)
        ),
        _(
            "For the first {h} {units} in use, keep each forecast and compare it with the "
            "actuals as they arrive (`workbench drift`): the live {label} should fall within "
            "the holdout's interval."
        ).format(h=d.horizon, units=unit_names(d.unit), label=e.label),
    )


def staleness(e: Evidence, path: ProductionPath) -> Item:
    fe, d = _f(e)
    steps = fe.by_step.get("candidate", {}).get(e.ev.metric, [])
    if not steps:
        return "owed", _("The error by horizon step was not measured."), None
    return (
        "provided",
        _(
            "The error by how far ahead the forecast is made ({label}): {first} one {unit} "
            "ahead, {last} {h} {units} ahead (Holdout section, error by horizon step)."
        ).format(
            label=e.label,
            first=number(steps[0]),
            last=number(steps[-1]),
            unit=unit_name(d.unit),
            h=len(steps),
            units=unit_names(d.unit),
        ),
        None,
    )


def slices(e: Evidence, path: ProductionPath) -> Item:
    fe, _d = _f(e)
    scores = {s.model: s.scores for s in fe.by_series}
    cand, naive = scores.get("candidate", {}), scores.get("seasonal_naive", {})
    worse = [k for k, v in cand.items() if k in naive and v > naive[k]]
    return (
        "provided" if cand else "owed",
        _(
            "Every series is scored on its own (Holdout section, by series): the candidate does "
            "worse than seasonal naive on {k} of {n}."
        ).format(k=count(len(worse)), n=count(len(cand))),
        None,
    )


def inclusion(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _("A forecast of volumes makes no decision about a person; no fairness test applies."),
        _("Confirm with the client that no series stands for a group of people to be protected."),
    )


def reproducible(e: Evidence, path: ProductionPath) -> Item:
    return (
        "provided",
        _(
            "One seed ({seed}) drives the backtest, the search and the models; `workbench "
            "verify` re-runs the study and compares every results file."
        ).format(seed=e.spec.seed),
        None,
    )


def unit_tested(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _("The workbench's own tests build and check the forecasters; forecast.py has no test."),
        _(
            "In the engineering repository, test that forecast.py writes one row per series and period ahead."
        ),
    )


def integration_tested(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _("forecast.py is built to forecast from the history as the study's extract holds it."),
        _(
            "Test the production path end to end on the study's history: extract, contract "
            "check, forecast.py, the forecasts' shape and intervals."
        ),
    )


def debuggable(e: Evidence, path: ProductionPath) -> Item:
    t = e.results.tuning
    has = t is not None and t.forecast is not None and bool(t.forecast.importances)
    return (
        "provided" if has else "owed",
        _(
            "The global model's gain per feature is in the Tuning section; every series' forecast against its actuals can be drawn from predictions/holdout.parquet."
        )
        if has
        else _("No explanation of the forecasts was computed."),
        None if has else _("Read XGBoost's gain per feature on the refitted global model."),
    )


def canaried(e: Evidence, path: ProductionPath) -> Item:
    d = _data(e)
    return (
        "owed",
        _("The forecast has only been scored offline."),
        _(
            "Run it beside the planner's current method for {h} {units}, comparing both with "
            "the actuals before switching."
        ).format(h=d.horizon, units=unit_names(d.unit)),
    )


def invariants(e: Evidence, path: ProductionPath) -> Item:
    d = _data(e)
    return (
        "owed",
        _(
            "contract.yaml holds the columns' invariants; the study found {gaps} missing periods "
            "and {dups} repeated ones."
        ).format(gaps=count(d.gap_periods), dups=count(d.duplicate_rows)),
        _(
            "Check every new extract against contract.yaml, and alert on missing or repeated "
            "periods before forecasting."
        ),
    )


def skew(e: Evidence, path: ProductionPath) -> Item:
    return (
        "provided",
        _(
            "forecast.py computes the global model's features with the same mlforecast "
            "configuration as the study (models/global_features.json)."
        ),
        None,
    )


def stale(e: Evidence, path: ProductionPath) -> Item:
    d = _data(e)
    return (
        "owed",
        _("The forecast refits on the latest history; its error grows with the horizon (Model 4)."),
        _(
            "Refit every {unit}; retune the global model when the drift check flags error drift."
        ).format(unit=unit_name(d.unit)),
    )


def numerically_stable(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _("No check on the forecasts' values runs in production yet."),
        _(
            "Alert on missing, infinite or negative forecasts of a quantity that cannot be negative."
        ),
    )


def performance(e: Evidence, path: ProductionPath) -> Item:
    return (
        "owed",
        _(
            "The study's stage times are in the manifest; forecasting time in production was not measured."
        ),
        _("Measure how long forecast.py takes for every series on the production hardware."),
    )


def quality(e: Evidence, path: ProductionPath) -> Item:
    fe = e.ev.forecast
    covered = next((iv for iv in fe.intervals if iv.level == 0.8), None)
    return (
        "owed",
        (
            _(
                "Quality is known on the holdout only: {label} {v}; the 80% interval covered {c}."
            ).format(
                label=e.label,
                v=number(e.ev.candidate.primary.value),
                c=pct(covered.coverage.value),
            )
            if covered
            else _("Quality is known on the holdout only: {label} {v}.").format(
                label=e.label, v=number(e.ev.candidate.primary.value)
            )
        ),
        path.retraining,
    )


FORECAST_TESTS = {
    "data-2": beneficial,
    "data-3": feature_cost,
    "data-6": new_features,
    "data-7": feature_code,
    "model-2": offline_online,
    "model-4": staleness,
    "model-6": slices,
    "model-7": inclusion,
    "infra-1": reproducible,
    "infra-2": unit_tested,
    "infra-3": integration_tested,
    "infra-5": debuggable,
    "infra-6": canaried,
    "monitor-2": invariants,
    "monitor-3": skew,
    "monitor-4": stale,
    "monitor-5": numerically_stable,
    "monitor-6": performance,
    "monitor-7": quality,
}
