"""REFORMS answers a forecast study gives in its own terms, where the tabular answers speak of
rows, folds and pipelines: the sample (series and periods), what was left out, how the data was
transformed, the models, the backtest, the choice of the candidate, the tuning, the baselines,
the uncertainty and the tests."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.inputs.period_words import seasonal_words, unit_name
from workbench.judge.checklist.answers_data import Answer
from workbench.judge.checklist.facts import ChecklistInputs
from workbench.language import _
from workbench.wording import count, interval, names, number


def _label(metric: str) -> str:
    return METRICS[metric].label if metric in METRICS else metric


def sample_size(x: ChecklistInputs) -> Answer:
    d, f = x.data, x.data.forecast
    return Answer(
        _(
            "{rows} rows: {series} series of {unit} periods ({low} to {high} periods each, "
            "median {median}), of which {studied} long enough for the study; {train} "
            "series-periods before the holdout, {test} in it."
        ).format(
            rows=count(d.rows),
            series=count(f.series),
            unit=unit_name(f.unit),
            low=count(f.periods_min),
            high=count(f.periods_max),
            median=count(round(f.periods_median)),
            studied=count(f.studied),
            train=count(x.leakage.split.train_rows),
            test=count(x.leakage.split.test_rows),
        ),
        ["data.json", "leakage.json"],
    )


def exclusions(x: ChecklistInputs) -> Answer:
    f = x.data.forecast
    parts = []
    if f.left_out_count:
        parts.append(
            _("{k} series too short for the study were left out ({shown}).").format(
                k=count(f.left_out_count), shown=names(list(f.left_out), 5)
            )
        )
    if f.duplicate_rows:
        parts.append(
            _("{k} rows repeating a series' period were dropped (the last kept).").format(
                k=count(f.duplicate_rows)
            )
        )
    if f.gap_periods:
        parts.append(
            _("{k} periods missing inside {s} series were filled and never scored.").format(
                k=count(f.gap_periods), s=count(f.gap_series)
            )
        )
    kept_out = {c: why for c, why in x.excluded.items() if c != x.data.target}
    if kept_out:
        parts.append(
            _("Columns not read as inputs: {cols}.").format(
                cols="; ".join(f"'{c}' — {why}" for c, why in kept_out.items())
            )
        )
    return Answer(" ".join(parts) or _("No row or series was left out."), ["data.json"])


def transformations(x: ChecklistInputs) -> Answer:
    f = x.data.forecast
    return Answer(
        _(
            "The raw file is read and each value converted to the contract's type; the series "
            "are put on a {freq} grid ({fill}). The global model's lags, rolling means and "
            "scaling are computed inside the forecaster from each series' history before the "
            "forecast origin; observed inputs are read only lagged by {h} periods."
        ).format(
            freq=f.frequency,
            fill=_("gaps interpolated") if f.gap_fill == "interpolate" else _("gaps as zero"),
            h=f.horizon,
        ),
        ["data.json", "evaluation.json"],
    )


def models(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None or x.tuning is None:
        return None
    zoo = "; ".join(f"{m.name} ({m.description})" for m in x.baselines.models)
    return Answer(
        _(
            "Statistical baselines fitted per series: {zoo}. A global XGBoost model over every "
            "series (mlforecast), {n} configurations tried. Reported: the candidate ({cand}) "
            "against seasonal naive, the planner's stand-in."
        ).format(zoo=zoo, n=x.tuning.trials_completed, cand=x.evaluation.candidate.name),
        ["baselines.json", "tuning.json", "evaluation.json"],
    )


def evaluation_method(x: ChecklistInputs) -> Answer:
    fs, ev = x.leakage.forecast, x.evaluation
    return Answer(
        _(
            "A rolling-origin backtest: {k} windows of {h} periods before the holdout, each "
            "forecast by models fitted on the periods before it; the holdout is the last {h} "
            "periods of every series, scored once at the end, its intervals from {b} resamples "
            "of {what}."
        ).format(
            k=len([w for w in fs.windows if w.window]),
            h=fs.horizon,
            b=count(ev.bootstrap_resamples),
            what=ev.resampled,
        ),
        ["leakage.json", "evaluation.json"],
    )


def selection(x: ChecklistInputs) -> Answer | None:
    if x.candidate is None:
        return None
    return Answer(
        " ".join(
            [
                x.candidate.rule_words,
                x.candidate.reason,
                _("The holdout played no part in the choice."),
            ]
        ),
        ["baselines.json", "tuning.json", "candidate.json"],
    )


def hyperparameters(x: ChecklistInputs) -> Answer | None:
    t = x.tuning
    if t is None or t.forecast is None:
        return None
    return Answer(
        _(
            "Optuna (TPE sampler, seeded; median pruner after each backtest window) searched "
            "the global model's lags, rolling means, scaling, calendar and XGBoost's "
            "parameters: {done} of {asked} configurations finished, {pruned} pruned. Backtest "
            "{label} {default} with the defaults, {tuned} tuned."
        ).format(
            done=count(t.trials_completed),
            asked=count(t.trials_requested),
            pruned=count(t.trials_pruned),
            label=_label(x.evaluation.metric),
            default=number(t.default_cv.mean),
            tuned=number(t.cv.mean),
        ),
        ["tuning.json"],
    )


def baselines(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None:
        return None
    ev = x.evaluation
    zoo = ", ".join(f"{m.name} {m.mean:.3f}" for m in x.baselines.models)
    return Answer(
        _(
            "Backtest {label}: {zoo}. On the holdout the candidate's lift over seasonal naive "
            "is {lift} (paired bootstrap)."
        ).format(label=_label(ev.metric), zoo=zoo, lift=interval(ev.lift)),
        ["baselines.json", "evaluation.json"],
    )


def uncertainty(x: ChecklistInputs) -> Answer:
    ev = x.evaluation
    return Answer(
        _(
            "Every holdout score carries a 95% percentile-bootstrap interval ({b} resamples of "
            "{what}, seeded); the lift over seasonal naive is paired on the same resamples; "
            "prediction intervals come from the backtest's errors and their holdout coverage is "
            "measured. Candidate {label} {iv}."
        ).format(
            b=count(ev.bootstrap_resamples),
            what=ev.resampled,
            label=_label(ev.metric),
            iv=interval(ev.candidate.primary),
        ),
        ["evaluation.json"],
    )


def statistical_tests(x: ChecklistInputs) -> Answer:
    return Answer(
        _(
            "No significance test decides anything: each acceptance criterion passes only when "
            "its whole 95% bootstrap interval clears the threshold. Resampling whole series "
            "keeps each series' periods together, since they are not independent draws."
        ),
        ["evaluation.json"],
    )


ANSWERS = {
    "reforms.data_quality.sample_size": sample_size,
    "reforms.preprocessing.exclusions": exclusions,
    "reforms.preprocessing.transformations": transformations,
    "reforms.modelling.models": models,
    "reforms.modelling.evaluation_method": evaluation_method,
    "reforms.modelling.selection": selection,
    "reforms.modelling.hyperparameters": hyperparameters,
    "reforms.modelling.baselines": baselines,
    "reforms.metrics.uncertainty": uncertainty,
    "reforms.metrics.statistical_tests": statistical_tests,
}


# -- what the run can offer towards the items only a person can answer ---------------------------
def why_ml(x: ChecklistInputs) -> str | None:
    if x.baselines is None:
        return None
    ev = x.evaluation
    return _(
        "What the planner does today is stood for by seasonal naive ({words}): {naive} on "
        "the holdout against {cand} for the candidate ({name}); the simplest statistical "
        "models are on the Baselines table."
    ).format(
        words=seasonal_words(x.data.forecast.unit, x.data.forecast.season),
        naive=number(ev.baseline.primary.value),
        cand=number(ev.candidate.primary.value),
        name=ev.candidate.name,
    )


def model_choice(x: ChecklistInputs) -> str | None:
    if x.tuning is None:
        return None
    return _(
        "Statistical models fitted per series against one global gradient-boosted model over "
        "every series; the candidate is whichever wins the backtest."
    )


def external_validity(x: ChecklistInputs) -> str | None:
    if x.baselines is None or x.tuning is None:
        return None
    folds = ", ".join(number(v) for v in x.tuning.cv.fold_scores)
    return _(
        "Internal evidence only (one extract): the tuned global model's error per backtest "
        "window was {folds}, and on the holdout {hold}."
    ).format(folds=folds, hold=number(x.evaluation.candidate.primary.value))


def limits(x: ChecklistInputs) -> str | None:
    scores = {s.model: s.scores for s in x.evaluation.forecast.by_series}
    cand, naive = scores.get("candidate", {}), scores.get("seasonal_naive", {})
    worse = [k for k, v in cand.items() if k in naive and v > naive[k]]
    return _(
        "On the holdout the candidate does worse than seasonal naive on {k} of {n} series."
    ).format(k=count(len(worse)), n=count(len(cand)))


CONTEXTS = {
    "reforms.study_goals.why_ml": why_ml,
    "reforms.modelling.model_choice": model_choice,
    "reforms.generalisability.external_validity": external_validity,
    "reforms.generalisability.limits": limits,
}
