"""What the run can offer towards the REFORMS items only a person can answer: facts to start
from, never the answer itself."""

from __future__ import annotations

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.store.judgements import LeakageItem
from workbench.wording import span


def population(x: ChecklistInputs) -> str | None:
    q, d = x.spec.get("question"), x.spec.get("decision")
    if not q:
        return None
    return f'The spec asks "{q}" to inform "{d}"; the data is {x.data.rows:,} rows of ' + (
        f"'{x.data.data_file}'."
    )


def why_ml(x: ChecklistInputs) -> str | None:
    if x.baselines is None:
        return None
    by = {m.name: m for m in x.baselines.models}
    simple = [by[n] for n in ("dummy", "rule") if n in by]
    ev = x.evaluation
    parts = [f"{m.name} {m.mean:.3f}" for m in simple]
    return (
        f"Simple approaches, cross-validated: {', '.join(parts) or 'none recorded'}; the best "
        f"baseline {ev.baseline.name} {ev.baseline.primary.value:.3f} and the tuned model "
        f"{ev.candidate.primary.value:.3f} on the holdout (lift {ev.lift.value:.3f}, 95% "
        f"interval {span(ev.lift.ci_low, ev.lift.ci_high)})."
    )


def source(x: ChecklistInputs) -> str:
    about = x.contract.get("description")
    sql = getattr(x.data, "sql", None)
    if sql is not None:
        where = f"{sql.database or sql.dialect} on {sql.host or 'localhost'}"
        return (
            f"The rows came from a SQL query on {where} (URL from ${sql.url_env}), frozen as "
            f"{sql.snapshot} (sha256 {x.data.fingerprint[:16]}…)"
            + (f"; the contract's description: {about}" if about else ".")
        )
    return f"The run knows the file '{x.data.data_file}' (sha256 {x.data.fingerprint[:16]}…)" + (
        f" and the contract's description: {about}" if about else ", not where it came from."
    )


def representative(x: ChecklistInputs, sheet: list[LeakageItem]) -> str:
    item = next(i for i in sheet if i.id == "leakage.sampling_bias")
    verdict = "a concern" if item.verdict == "concern" else item.verdict.replace("_", " ")
    return (
        f"Within the extract, sampling bias between training and test rows (L3.3) is {verdict}; "
        "whether the extract represents the population is outside what the data can show."
    )


def model_choice(x: ChecklistInputs) -> str | None:
    if x.tuning is None:
        return None
    return (
        f"The spec chose the {x.tuning.family} family for tuning; the baselines span no model, "
        "a one-split rule, a linear model and tree ensembles with default settings."
    )


def external_validity(x: ChecklistInputs) -> str | None:
    if x.assurance is None:
        return None
    rob = x.assurance.robustness
    parts = [
        f"refits with {len(rob.seeds.seeds)} seeds spread {rob.seeds.spread:.3f} in "
        f"{x.evaluation.metric}"
    ]
    scored = [w for w in rob.time_windows if w.score is not None]
    if scored:
        parts.append(
            f"per period the score runs {min(w.score for w in scored):.3f} to "
            f"{max(w.score for w in scored):.3f}"
        )
    return "Internal evidence only (one extract): " + "; ".join(parts) + "."


def limits(x: ChecklistInputs) -> str | None:
    if x.assurance is None:
        return None
    rob, fair = x.assurance.robustness, x.assurance.fairness
    judged = None if x.verdicts is None else x.verdicts.robustness
    parts = [] if judged is None else list(judged.failures[:3])
    if rob.weakest_slices:
        w = rob.weakest_slices[0]
        parts.append(
            f"weakest slice {w.feature} = {w.group} ({w.rows:,} rows, score {w.score:.3f})"
        )
    if fair.worst is not None:
        parts.append(f"widest fairness gap for {fair.worst.attribute}: {fair.worst.gap}")
    return ("From the assurance stage: " + "; ".join(parts) + ".") if parts else None


CONTEXTS = {
    "reforms.study_goals.population": population,
    "reforms.study_goals.why_ml": why_ml,
    "reforms.data_quality.source": source,
    "reforms.modelling.model_choice": model_choice,
    "reforms.generalisability.external_validity": external_validity,
    "reforms.generalisability.limits": limits,
}
