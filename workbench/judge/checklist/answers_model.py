"""REFORMS answers the run can give about modelling (module 5), leakage (6) and metrics (7),
from the results files and the leakage model info sheet."""

from __future__ import annotations

from workbench.inputs.metrics import METRICS
from workbench.judge.checklist.answers_data import Answer
from workbench.judge.checklist.facts import ChecklistInputs
from workbench.store.judgements import LeakageItem
from workbench.wording import interval, times


def _label(metric: str) -> str:
    return METRICS[metric].label if metric in METRICS else metric


def models(x: ChecklistInputs) -> Answer | None:
    parts, sources = [], []
    if x.baselines is not None:
        zoo = "; ".join(f"{m.name} ({m.description})" for m in x.baselines.models)
        parts.append(f"Baselines: {zoo}.")
        sources.append("baselines.json")
    if x.tuning is not None:
        t = x.tuning
        parts.append(
            f"Tuned: {t.family}, {t.trials_completed} configurations tried "
            f"({t.trials_pruned} more stopped early)."
        )
        sources.append("tuning.json")
    if not parts:
        return None
    parts.append(
        f"Reported: the tuned model ({x.evaluation.candidate.name}) against the best baseline "
        f"({x.evaluation.baseline.name})."
    )
    return Answer(" ".join(parts), [*sources, "evaluation.json"])


def evaluation_method(x: ChecklistInputs) -> Answer:
    s, ev = x.leakage.split, x.evaluation
    by = {"group": f" by '{s.group_column}'", "time": f" by '{s.time_column}'"}.get(s.strategy, "")
    folds = "forward-chained in time" if s.strategy == "time" else "the same folds for every model"
    cv = ev.cv_rows if ev.cv_rows is not None and ev.cv_rows < s.train_rows else None
    inside = (
        f"a sample of {cv:,} of the {s.train_rows:,} training rows, drawn within each fold and "
        "class (the final models learned from all of them)"
        if cv
        else f"the {s.train_rows:,} training rows"
    )
    return Answer(
        f"A {s.strategy} split{by} held out {s.test_rows:,} rows ({s.test_share:.0%}); "
        f"baselines and tuning were scored by {s.cv_folds}-fold cross-validation inside "
        f"{inside} ({folds}). "
        f"The holdout was scored {times(ev.holdout_scored)}, at the end, with "
        f"{ev.bootstrap_resamples:,} bootstrap resamples for its intervals.",
        ["leakage.json", "evaluation.json"],
    )


def selection(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None or x.tuning is None:
        return None
    b, t = x.baselines, x.tuning
    best = next(m for m in b.models if m.name == b.best)
    return Answer(
        f"The comparison model is the baseline with the best mean cross-validated "
        f"{_label(b.metric)} ({b.best}, {best.mean:.3f}); the candidate is the {t.family} "
        f"configuration with the best cross-validated score of the tuning study "
        f"({t.cv.mean:.3f}). The holdout played no part in either choice.",
        ["baselines.json", "tuning.json"],
    )


def hyperparameters(x: ChecklistInputs) -> Answer | None:
    t = x.tuning
    if t is None:
        return None
    params = ", ".join(
        f"{k} = {v:.4g}" if isinstance(v, float) else f"{k} = {v}" for k, v in t.params.items()
    )
    top = max(t.importances, key=t.importances.get) if t.importances else None
    return Answer(
        f"Optuna (TPE sampler, seeded; median pruner) searched {t.family}: "
        f"{t.trials_completed} of {t.trials_requested} configurations finished, "
        f"{t.trials_pruned} pruned, ended by the {t.stopped_by} budget. Chosen: {params}. "
        f"Cross-validated {_label(x.evaluation.metric)} {t.default_cv.mean:.3f} with default "
        f"settings, {t.cv.mean:.3f} tuned"
        + (f"; the most influential parameter was {top}." if top else ".")
        + (
            f" Overfitting guard: {x.verdicts.overfitting.verdict} (gap "
            f"{interval(x.verdicts.overfitting.gap)})."
            if x.verdicts is not None and x.verdicts.overfitting is not None
            else f" Train-minus-validation gap {t.overfitting.gap:.3f}."
        ),
        ["tuning.json", "verdicts.json"] if x.verdicts is not None else ["tuning.json"],
    )


def baselines(x: ChecklistInputs) -> Answer | None:
    if x.baselines is None:
        return None
    ev = x.evaluation
    zoo = ", ".join(f"{m.name} {m.mean:.3f}" for m in x.baselines.models)
    return Answer(
        f"From no model to a strong off-the-shelf one, cross-validated {_label(ev.metric)}: "
        f"{zoo}. On the holdout the candidate's lift over the best baseline "
        f"({ev.baseline.name}) is {interval(ev.lift)} (paired bootstrap).",
        ["baselines.json", "evaluation.json"],
    )


def _from_sheet(items: list[LeakageItem]) -> Answer:
    parts = []
    for i in items:
        verdict = i.verdict.replace("_", " ")
        if i.verdict == "concern":
            verdict = f"CONCERN: {i.concern}"
        parts.append(f"{i.code} {i.title.lower()} — {verdict}")
    return Answer(
        "From the leakage model info sheet: " + "; ".join(parts) + ".",
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
    secondary = ", ".join(_label(m) for m in ev.candidate.secondary) or "none"
    return Answer(
        f"Primary: {_label(ev.metric)}, which chose every model and is judged against the "
        f"threshold agreed with the client in the spec ({bar}); secondary: {secondary}."
        + (
            f" Business value per month ({ev.business.currency}) from the agreed costs."
            if ev.business
            else ""
        ),
        ["evaluation.json", "inputs/spec.yaml"],
    )


def uncertainty(x: ChecklistInputs) -> Answer:
    ev = x.evaluation
    return Answer(
        "Every holdout score carries a 95% percentile-bootstrap interval "
        f"({ev.bootstrap_resamples:,} "
        "resamples of the test rows, seeded); the lift over the baseline is a paired bootstrap on "
        "the same resamples; cross-validated scores carry an interval over the folds; fairness "
        f"metrics 200 resamples per group. Candidate {_label(ev.metric)} "
        f"{interval(ev.candidate.primary)}.",
        ["evaluation.json", "baselines.json"],
    )


def statistical_tests(x: ChecklistInputs) -> Answer:
    timed = x.leakage.split.time_column is not None
    return Answer(
        "No significance test decides anything: each acceptance criterion passes only when its "
        "whole 95% bootstrap interval clears the threshold. The bootstrap assumes the test rows "
        "are independent draws — see non-independence (L3.2) in the leakage sheet."
        + (
            f" The time_order check tests outcome drift over five periods with a χ² test "
            f"(p < {x.settings['drift_p_value']:g} and a monotone trend)."
            if timed
            else ""
        ),
        ["evaluation.json", "leakage.json"],
    )


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
