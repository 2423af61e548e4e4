"""What the run can offer towards the REFORMS items only a person can answer: facts to start
from, never the answer itself."""

from __future__ import annotations

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.language import _
from workbench.store.judgements import LeakageItem
from workbench.wording import count, number, span


def population(x: ChecklistInputs) -> str | None:
    q, d = x.spec.get("question"), x.spec.get("decision")
    if not q:
        return None
    return _(
        'The spec asks "{question}" to inform "{decision}"; the data is {rows} rows of \'{file}\'.'
    ).format(question=q, decision=d, rows=count(x.data.rows), file=x.data.data_file)


def why_ml(x: ChecklistInputs) -> str | None:
    if x.baselines is None:
        return None
    by = {m.name: m for m in x.baselines.models}
    simple = [by[n] for n in ("dummy", "rule") if n in by]
    ev = x.evaluation
    parts = [f"{m.name} {number(m.mean)}" for m in simple]
    return _(
        "Simple approaches, cross-validated: {simple}; the best baseline {baseline} "
        "{baseline_score} and the tuned model {tuned} on the holdout (lift {lift}, 95% interval "
        "{low_to_high})."
    ).format(
        simple=", ".join(parts) or _("none recorded"),
        baseline=ev.baseline.name,
        baseline_score=number(ev.baseline.primary.value),
        tuned=number(ev.candidate.primary.value),
        lift=number(ev.lift.value),
        low_to_high=span(ev.lift.ci_low, ev.lift.ci_high),
    )


def source(x: ChecklistInputs) -> str:
    about = x.contract.get("description")
    sql = getattr(x.data, "sql", None)
    if sql is not None:
        values = {
            "database": sql.database or sql.dialect,
            "host": sql.host or "localhost",
            "variable": sql.url_env,
            "snapshot": sql.snapshot,
            "fingerprint": x.data.fingerprint[:16],
            "about": about,
        }
        return (
            _(
                "The rows came from a SQL query on {database} on {host} (URL from ${variable}), "
                "frozen as {snapshot} (sha256 {fingerprint}…); the contract's description: "
                "{about}"
            )
            if about
            else _(
                "The rows came from a SQL query on {database} on {host} (URL from ${variable}), "
                "frozen as {snapshot} (sha256 {fingerprint}…)."
            )
        ).format(**values)
    values = {"file": x.data.data_file, "fingerprint": x.data.fingerprint[:16], "about": about}
    return (
        _(
            "The run knows the file '{file}' (sha256 {fingerprint}…) and the contract's "
            "description: {about}"
        )
        if about
        else _("The run knows the file '{file}' (sha256 {fingerprint}…), not where it came from.")
    ).format(**values)


def representative(x: ChecklistInputs, sheet: list[LeakageItem]) -> str:
    item = next(i for i in sheet if i.id == "leakage.sampling_bias")
    if item.verdict == "concern":
        return _(
            "Within the extract, sampling bias between training and test rows (L3.3) is a "
            "concern; whether the extract represents the population is outside what the data "
            "can show."
        )
    if item.verdict == "addressed":
        return _(
            "Within the extract, sampling bias between training and test rows (L3.3) is "
            "addressed; whether the extract represents the population is outside what the data "
            "can show."
        )
    return _(
        "Within the extract, sampling bias between training and test rows (L3.3) is not "
        "applicable; whether the extract represents the population is outside what the data can "
        "show."
    )


def model_choice(x: ChecklistInputs) -> str | None:
    if x.tuning is None:
        return None
    return _(
        "The spec chose the {family} family for tuning; the baselines span no model, a one-split "
        "rule, a linear model and tree ensembles with default settings."
    ).format(family=x.tuning.family)


def external_validity(x: ChecklistInputs) -> str | None:
    if x.assurance is None:
        return None
    rob = x.assurance.robustness
    parts = [
        _("refits with {n} seeds spread {spread} in {metric}").format(
            n=len(rob.seeds.seeds), spread=number(rob.seeds.spread), metric=x.evaluation.metric
        )
    ]
    scored = [w for w in rob.time_windows if w.score is not None]
    if scored:
        parts.append(
            _("per period the score runs {low} to {high}").format(
                low=number(min(w.score for w in scored)), high=number(max(w.score for w in scored))
            )
        )
    return _("Internal evidence only (one extract): {evidence}.").format(evidence="; ".join(parts))


def limits(x: ChecklistInputs) -> str | None:
    if x.assurance is None:
        return None
    rob, fair = x.assurance.robustness, x.assurance.fairness
    judged = None if x.verdicts is None else x.verdicts.robustness
    parts = [] if judged is None else list(judged.failures[:3])
    if rob.weakest_slices:
        w = rob.weakest_slices[0]
        parts.append(
            _("weakest slice {column} = {group} ({rows} rows, score {score})").format(
                column=w.feature, group=w.group, rows=count(w.rows), score=number(w.score)
            )
        )
    if fair.worst is not None:
        parts.append(
            _("widest fairness gap for {column}: {gap}").format(
                column=fair.worst.attribute, gap=fair.worst.gap
            )
        )
    if not parts:
        return None
    return _("From the assurance stage: {evidence}.").format(evidence="; ".join(parts))


CONTEXTS = {
    "reforms.study_goals.population": population,
    "reforms.study_goals.why_ml": why_ml,
    "reforms.data_quality.source": source,
    "reforms.modelling.model_choice": model_choice,
    "reforms.generalisability.external_validity": external_validity,
    "reforms.generalisability.limits": limits,
}
