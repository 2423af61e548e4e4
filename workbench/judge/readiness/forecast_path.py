"""The production path of a forecast study, in sentences built from its evidence: the
forecaster to ship and what it reads, how its forecasts are checked against the actuals as they
arrive, when to refit, what to fall back to (seasonal naive, the planner's method), and which
forecasts a planner should look at."""

from __future__ import annotations

from workbench.inputs.period_words import seasonal_words, unit_name, unit_names
from workbench.judge.readiness.evidence import Evidence
from workbench.language import _
from workbench.store.judgements import ProductionPath
from workbench.wording import interval, pct, plain


def forecast_production_path(e: Evidence) -> ProductionPath:
    ev, d = e.ev, e.results.data.forecast
    fe = ev.forecast
    model = ev.candidate.name
    inputs = [c for cols in d.inputs.values() for c in cols]
    reads = (
        _("the history of '{target}' and {inputs}").format(
            target=e.results.data.target, inputs=", ".join(f"'{c}'" for c in inputs)
        )
        if inputs
        else _("the history of '{target}'").format(target=e.results.data.target)
    )
    pipeline = _(
        "Pipeline: promote the {model} with `workbench promote`: forecast.py reads {reads} and "
        "writes the next {h} {units} of every series with 80% and 95% intervals; the global "
        "model is saved as XGBoost's own JSON with its features, statistical models refit on "
        "the latest history each time."
    ).format(model=model, reads=reads, h=d.horizon, units=unit_names(d.unit))
    monitoring = _(
        "Monitoring: as actuals arrive, compare them with the forecasts made for them using "
        "`workbench drift` — each series' error against the holdout's ({label} {iv}) and shifts "
        "in its level; check every new extract against contract.yaml."
    ).format(label=e.label, iv=interval(ev.candidate.primary))
    retraining = _(
        "Retraining trigger: refit on the latest history every {unit} (the statistical models "
        "do so by design); retune the global model when its {label} over the last {h} {units} "
        "rises above the agreed {bar}, or when a series' level shifts."
    ).format(
        unit=unit_name(d.unit),
        label=e.label,
        h=d.horizon,
        units=unit_names(d.unit),
        bar=plain(e.threshold),
    )
    rollback = _(
        "Rollback: seasonal naive ({words}) needs nothing but the history and scored {label} "
        "{iv} on the same holdout; forecast.py writes it beside the candidate's forecast, so "
        "the planner's method is always one column away."
    ).format(
        words=seasonal_words(d.unit, d.season), label=e.label, iv=interval(ev.baseline.primary)
    )
    covered = next((iv for iv in fe.intervals if iv.level == 0.8), None)
    review = (
        _(
            "Human in the loop: a planner reviews the series whose actuals leave the 80% "
            "interval (on the holdout {share} of actuals stayed inside it) and those the drift "
            "check flags for a level shift, before the forecast drives an order or a rota."
        ).format(share=pct(covered.coverage.value))
        if covered
        else _(
            "Human in the loop: a planner reviews the series the drift check flags before the "
            "forecast drives an order or a rota."
        )
    )
    return ProductionPath(
        pipeline=pipeline,
        monitoring=monitoring,
        retraining=retraining,
        rollback=rollback,
        review=review,
    )
