"""REFORMS answers the run can give about modelling (module 5), leakage (6) and metrics (7),
from the results files and the leakage model info sheet."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.judge.checklist.answers_data import Answer
from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import split_words
from workbench.language import _, ngettext, pgettext
from workbench.store.judgements import LeakageItem
from workbench.wording import count, interval, number, pct, plain, times


def _label(metric: str) -> str:
    return METRICS[metric].title if metric in METRICS else metric


def models(x: ChecklistInputs) -> Answer | None:
    parts, sources = [], []
    if x.baselines is not None:
        zoo = "; ".join(f"{m.name} ({m.description})" for m in x.baselines.models)
        parts.append(_("Baselines: {models}.").format(models=zoo))
        sources.append("baselines.json")
    if x.tuning is not None:
        t = x.tuning
        parts.append(
            ngettext(
                "Tuned: {family}, {n} configuration tried ({pruned} more stopped early).",
                "Tuned: {family}, {n} configurations tried ({pruned} more stopped early).",
                t.trials_completed,
            ).format(family=t.family, n=count(t.trials_completed), pruned=count(t.trials_pruned))
        )
        sources.append("tuning.json")
    if not parts:
        return None
    parts.append(
        _("Reported: the tuned model ({candidate}) against the best baseline ({baseline}).").format(
            candidate=x.evaluation.candidate.name, baseline=x.evaluation.baseline.name
        )
    )
    return Answer(" ".join(parts), [*sources, "evaluation.json"])


def evaluation_method(x: ChecklistInputs) -> Answer:
    s, ev = x.leakage.split, x.evaluation
    folds = (
        _("forward-chained in time")
        if s.strategy == "time"
        else _("the same folds for every model")
    )
    cv = ev.cv_rows if ev.cv_rows is not None and ev.cv_rows < s.train_rows else None
    inside = (
        _(
            "a sample of {sample} of the {train} training rows, drawn within each fold and class "
            "(the final models learned from all of them)"
        ).format(sample=count(cv), train=count(s.train_rows))
        if cv
        else _("the {train} training rows").format(train=count(s.train_rows))
    )
    return Answer(
        _(
            "A {split} held out {test} rows ({share}); baselines and tuning were scored by "
            "{k}-fold cross-validation inside {inside} ({folds}). The holdout was scored {times}, "
            "at the end, with {resamples} bootstrap resamples for its intervals."
        ).format(
            split=split_words(s),
            test=count(s.test_rows),
            share=pct(s.test_share, 0),
            k=s.cv_folds,
            inside=inside,
            folds=folds,
            times=times(ev.holdout_scored),
            resamples=count(ev.bootstrap_resamples),
        ),
        ["leakage.json", "evaluation.json"],
    )


def selection(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None or x.tuning is None:
        return None
    b, t = x.baselines, x.tuning
    best = next(m for m in b.models if m.name == b.best)
    return Answer(
        _(
            "The comparison model is the baseline with the best mean cross-validated {metric} "
            "({best}, {best_score}); the candidate is the {family} configuration with the best "
            "cross-validated score of the tuning study ({tuned}). The holdout played no part in "
            "either choice."
        ).format(
            metric=_label(b.metric),
            best=b.best,
            best_score=number(best.mean),
            family=t.family,
            tuned=number(t.cv.mean),
        ),
        ["baselines.json", "tuning.json"],
    )


def _param(v: object) -> str:
    return plain(float(f"{v:.4g}")) if isinstance(v, float) else str(v)


def hyperparameters(x: ChecklistInputs) -> Answer | None:
    t = x.tuning
    if t is None:
        return None
    params = ", ".join(f"{k} = {_param(v)}" for k, v in t.params.items())
    top = max(t.importances, key=t.importances.get) if t.importances else None
    budget = _("trial budget") if t.stopped_by == "trials" else _("time budget")
    text = _(
        "Optuna (TPE sampler, seeded; median pruner) searched {family}: {completed} of "
        "{requested} configurations finished, {pruned} pruned, ended by the {budget}. Chosen: "
        "{params}. Cross-validated {metric} {default} with default settings, {tuned} tuned."
    ).format(
        family=t.family,
        completed=count(t.trials_completed),
        requested=count(t.trials_requested),
        pruned=count(t.trials_pruned),
        budget=budget,
        params=params,
        metric=_label(x.evaluation.metric),
        default=number(t.default_cv.mean),
        tuned=number(t.cv.mean),
    )
    if top:
        text += " " + _("The most influential parameter was {parameter}.").format(parameter=top)
    guard = x.verdicts.overfitting if x.verdicts is not None else None
    if guard is not None:
        text += " " + _("Overfitting guard: {verdict} (gap {gap}).").format(
            verdict=_overfitting(guard.verdict), gap=interval(guard.gap)
        )
        return Answer(text, ["tuning.json", "verdicts.json"])
    text += " " + _("Train-minus-validation gap {gap}.").format(gap=number(t.overfitting.gap))
    return Answer(text, ["tuning.json"])


def _overfitting(verdict: str) -> str:
    return {
        "ok": pgettext("overfitting", "ok"),
        "watch": pgettext("overfitting", "watch"),
        "overfit": pgettext("overfitting", "overfit"),
    }.get(verdict, verdict)


def baselines(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None:
        return None
    ev = x.evaluation
    zoo = ", ".join(f"{m.name} {number(m.mean)}" for m in x.baselines.models)
    return Answer(
        _(
            "From no model to a strong off-the-shelf one, cross-validated {metric}: {models}. On "
            "the holdout the candidate's lift over the best baseline ({baseline}) is {lift} "
            "(paired bootstrap)."
        ).format(
            metric=_label(ev.metric), models=zoo, baseline=ev.baseline.name, lift=interval(ev.lift)
        ),
        ["baselines.json", "evaluation.json"],
    )


def _from_sheet(items: list[LeakageItem]) -> Answer:
    parts = []
    for i in items:
        if i.verdict == "concern":
            part = _("{code} {title} — CONCERN: {concern}")
        elif i.verdict == "addressed":
            part = _("{code} {title} — addressed")
        else:
            part = _("{code} {title} — not applicable")
        parts.append(part.format(code=i.code, title=i.title, concern=i.concern))
    return Answer(
        _("From the leakage model info sheet: {items}.").format(items="; ".join(parts)),
        ["leakage.json", "evaluation.json", "data.json"],
    )


def leakage_answers(sheet: list[LeakageItem]) -> dict:
    """Module 6 answered from the leakage model info sheet's verdicts."""
    by = {i.id: i for i in sheet}
    pick = {
        "reforms.leakage.train_only": [
            "leakage.no_test_set",
            "leakage.preprocessing",
            "leakage.feature_selection",
        ],
        "reforms.leakage.dependencies": ["leakage.duplicates", "leakage.non_independence"],
        "reforms.leakage.features_legitimate": ["leakage.illegitimate_features"],
    }
    return {
        rid: (lambda x, ids=ids: _from_sheet([by[i] for i in ids])) for rid, ids in pick.items()
    }


def metrics(x: ChecklistInputs) -> Answer:
    ev = x.evaluation
    acceptance = x.spec.get("acceptance") or {}
    bar = acceptance.get("min_primary_score", acceptance.get("max_primary_error"))
    secondary = ", ".join(_label(m) for m in ev.candidate.secondary) or _("none")
    text = _(
        "Primary: {metric}, which chose every model and is judged against the threshold agreed "
        "with the client in the spec ({bar}); secondary: {secondary}."
    ).format(
        metric=_label(ev.metric),
        bar=plain(bar) if isinstance(bar, int | float) else bar,
        secondary=secondary,
    )
    if ev.business:
        text += " " + _("Business value per month ({currency}) from the agreed costs.").format(
            currency=ev.business.currency
        )
    return Answer(text, ["evaluation.json", "inputs/spec.yaml"])


def uncertainty(x: ChecklistInputs) -> Answer:
    ev = x.evaluation
    return Answer(
        _(
            "Every holdout score carries a 95% percentile-bootstrap interval ({resamples} "
            "resamples of the test rows, seeded); the lift over the baseline is a paired "
            "bootstrap on the same resamples; cross-validated scores carry an interval over the "
            "folds; fairness metrics 200 resamples per group. Candidate {metric} {score}."
        ).format(
            resamples=count(ev.bootstrap_resamples),
            metric=_label(ev.metric),
            score=interval(ev.candidate.primary),
        ),
        ["evaluation.json", "baselines.json"],
    )


def statistical_tests(x: ChecklistInputs) -> Answer:
    timed = x.leakage.split.time_column is not None
    text = _(
        "No significance test decides anything: each acceptance criterion passes only when its "
        "whole 95% bootstrap interval clears the threshold. The bootstrap assumes the test rows "
        "are independent draws — see non-independence (L3.2) in the leakage sheet."
    )
    if timed:
        text += " " + _(
            "The time_order check tests outcome drift over five periods with a χ² test "
            "(p < {p} and a monotone trend)."
        ).format(p=plain(x.settings["drift_p_value"]))
    return Answer(text, ["evaluation.json", "leakage.json"])


ANSWERS = {
    "reforms.modelling.models": models,
    "reforms.modelling.evaluation_method": evaluation_method,
    "reforms.modelling.selection": selection,
    "reforms.modelling.hyperparameters": hyperparameters,
    "reforms.modelling.baselines": baselines,
    "reforms.metrics.metrics": metrics,
    "reforms.metrics.uncertainty": uncertainty,
    "reforms.metrics.statistical_tests": statistical_tests,
}
