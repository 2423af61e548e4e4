"""The production path, in sentences built from this run's evidence: the pipeline to ship, the
inputs to watch and their reference statistics, when to retrain, what to roll back to, and
which cases a person should decide. The roadmap, READINESS.md and the report all show these
same sentences (they come from one `assess` call)."""

from __future__ import annotations

from workbench.judge.readiness.evidence import Evidence
from workbench.language import _, ngettext
from workbench.science.drift import PSI_DRIFTED, PSI_MODERATE
from workbench.store.judgements import ProductionPath
from workbench.store.production_results import ReviewBand
from workbench.wording import (
    count,
    describe_reference,
    interval,
    listing,
    names,
    number,
    pct,
    plain,
)
from workbench.wording import short_number as _num


def pipeline_sentence(e: Evidence) -> str:
    if e.simpler_suffices:  # the decision recommends the simpler model: ship that one
        steps = " → ".join(e.ev.pipelines.get("baseline", [])) or _("its pipeline")
        return _(
            "Pipeline: the simpler {baseline} baseline meets the bar, so it is the model to "
            "ship ({steps}): `workbench promote` packages it as baseline.skops beside the tuned "
            "model (model.skops); score.py scores with either (`--model baseline.skops`) after "
            "checking rows against contract.yaml. Adopt the tuned model only if the client "
            "values what it adds."
        ).format(baseline=e.ev.baseline.name, steps=steps)
    p = e.production
    if p is None:
        steps = " → ".join(e.ev.pipelines.get("candidate", [])) or _("see the Leakage section")
        return _(
            "Pipeline: promote the {model} with `workbench promote` ({steps}); score.py scores "
            "rows checked against contract.yaml, train.py refits config.yaml."
        ).format(model=e.ev.candidate.name, steps=steps)
    parts = " → ".join(f"{c.step} ({c.kind}: {c.detail})" for c in p.components)
    return ngettext(
        "Pipeline: promote the tuned {family} with `workbench promote` — {steps}. It was tuned "
        "over {n} trial (cross-validated {metric} {tuned}, against {default} with default "
        "settings). In production, score.py scores rows after checking them against "
        "contract.yaml, and train.py refits config.yaml on newly labelled rows.",
        "Pipeline: promote the tuned {family} with `workbench promote` — {steps}. It was tuned "
        "over {n} trials (cross-validated {metric} {tuned}, against {default} with default "
        "settings). In production, score.py scores rows after checking them against "
        "contract.yaml, and train.py refits config.yaml on newly labelled rows.",
        p.trials_completed,
    ).format(
        family=p.family.replace("_", " "),
        steps=parts,
        n=count(p.trials_completed),
        metric=e.label,
        tuned=number(p.tuned_cv),
        default=number(p.default_cv),
    )


def monitoring_sentence(e: Evidence) -> str:
    values = {
        "moderate": plain(PSI_MODERATE),
        "drifted": plain(PSI_DRIFTED),
        "n": count(len(e.features)),
    }
    plan = e.monitoring
    if plan is None:
        return _(
            "Monitoring: this run has no assurance stage to single inputs out, so watch all {n} "
            "inputs against reference_stats.json in the promotion package; compute each one's "
            "population stability index (PSI) on every scoring batch with `workbench drift`: "
            "{moderate} to {drifted} is a warning to check the upstream source, above {drifted} "
            "a retraining trigger. Check every batch against contract.yaml."
        ).format(**values)
    if not plan.watched:
        return _(
            "Monitoring: no input stood out, so watch all {n} inputs against "
            "reference_stats.json in the promotion package; compute each one's population "
            "stability index (PSI) on every scoring batch with `workbench drift`: {moderate} to "
            "{drifted} is a warning to check the upstream source, above {drifted} a retraining "
            "trigger. Check every batch against contract.yaml."
        ).format(**values)
    watched = "; ".join(
        f"{w.feature} ({listing([r.split(':')[0] for r in w.reasons])}: "
        f"{describe_reference(w.reference)})"
        for w in plan.watched
    )
    notes = "".join(f" {n}" for n in plan.notes)
    return (
        ngettext(
            "Monitoring: watch {watched_n} input against its reference statistics on "
            "{computed_on} — {watched}; compute each one's population stability index (PSI) on "
            "every scoring batch with `workbench drift`: {moderate} to {drifted} is a warning to "
            "check the upstream source, above {drifted} a retraining trigger.",
            "Monitoring: watch {watched_n} inputs against their reference statistics on "
            "{computed_on} — {watched}; compute each one's population stability index (PSI) on "
            "every scoring batch with `workbench drift`: {moderate} to {drifted} is a warning to "
            "check the upstream source, above {drifted} a retraining trigger.",
            len(plan.watched),
        ).format(
            watched_n=count(len(plan.watched)),
            computed_on=plan.computed_on,
            watched=watched,
            **values,
        )
        + notes
        + _fragile(e, plan)
        + " "
        + _("Check every batch against contract.yaml.")
    )


def _fragile(e: Evidence, plan) -> str:
    """The inputs whose damage alone drops the score beyond the agreed bound, when the plan
    does not watch them already."""
    rv = e.verdicts.robustness
    shown = {w.feature for w in plan.watched}
    extra = [f for f in (rv.fragile_inputs if rv else []) if f not in shown]
    if not extra:
        return ""
    return " " + _(
        "Watch {inputs} as well: damaged alone, each drops the score beyond the agreed "
        "{bound} (their reference statistics are in reference_stats.json)."
    ).format(inputs=names(extra), bound=plain(rv.bound))


def retraining_sentence(e: Evidence) -> str:
    iv, n = e.ev.candidate.primary, e.ev.test_rows
    half = (iv.ci_high - iv.ci_low) / 2
    text = (
        _(
            "Retraining trigger: record the outcome of every scored case; retrain with train.py "
            "on the latest labelled rows when {metric} on the latest {n} labelled cases (the "
            "holdout's size, which measured it to ±{half}) falls below the agreed {bar} — it is "
            "{score} on the holdout — or when a watched input's PSI exceeds {drifted} (dates "
            "aside). A retrained model replaces the serving one only after passing the same "
            "acceptance criteria."
        )
        if e.higher
        else _(
            "Retraining trigger: record the outcome of every scored case; retrain with train.py "
            "on the latest labelled rows when {metric} on the latest {n} labelled cases (the "
            "holdout's size, which measured it to ±{half}) rises above the agreed {bar} — it is "
            "{score} on the holdout — or when a watched input's PSI exceeds {drifted} (dates "
            "aside). A retrained model replaces the serving one only after passing the same "
            "acceptance criteria."
        )
    )
    return text.format(
        metric=e.label,
        n=count(n),
        half=number(half),
        bar=plain(e.threshold),
        score=interval(iv),
        drifted=plain(PSI_DRIFTED),
    )


def rollback_sentence(e: Evidence) -> str:
    b = e.ev.baseline
    steps = " → ".join(e.ev.pipelines.get("baseline", []))
    values = {
        "baseline": b.name,
        "metric": e.label,
        "score": interval(b.primary),
        "steps": steps,
        "bar": plain(e.threshold),
    }
    head = (
        _(
            "Rollback: keep the best baseline, {baseline}, deployable beside the model — on the "
            "same holdout it scored {metric} {score}; its pipeline: {steps}. The promotion "
            "package holds it as baseline.skops (`python score.py --model baseline.skops`)."
        )
        if steps
        else _(
            "Rollback: keep the best baseline, {baseline}, deployable beside the model — on the "
            "same holdout it scored {metric} {score}. The promotion package holds it as "
            "baseline.skops (`python score.py --model baseline.skops`)."
        )
    )
    verdict = e.clears(b.primary)
    if verdict == "pass":
        tail = _("It clears the agreed {bar} on its own, so it is a safe fallback.")
    elif verdict == "uncertain":
        tail = _(
            "It does not itself clear the agreed {bar} (its interval straddles it), so rolling "
            "back to it is a stop-gap: keep the current process ready as the real fallback."
        )
    else:
        tail = _(
            "It does not itself clear the agreed {bar} (it falls short), so rolling back to it "
            "is a stop-gap: keep the current process ready as the real fallback."
        )
    return head.format(**values) + " " + tail.format(**values)


def review_sentence(e: Evidence) -> str:
    band = e.production.review if e.production else None
    if band is None:
        return _(
            "Human in the loop: this run predates the review band (a new run of the study "
            "measures it); until then, send the cases scored nearest the threshold to a person."
        )
    if band.task == "regression":
        q = band.abs_error_quantiles
        return _(
            "Human in the loop: {note} On the holdout, a prediction ± {p90} covers 90% of cases "
            "(± {p50} covers half)."
        ).format(note=band.note, p90=_num(q.get("90%")), p50=_num(q.get("50%")))
    return _band_sentence(band, e.cases_per_month)


def proposed_option(band: ReviewBand):
    return next((o for o in band.options if o.target_share == band.proposed), None)


def _band_sentence(band: ReviewBand, per_month: float | None) -> str:
    o = proposed_option(band)
    if o is None:
        return _("Human in the loop: the holdout was too small to size a review band.")
    where = (
        _("the cases scored between {low} and {high} (around the threshold {threshold})")
        if band.task == "binary"
        else _("the cases whose top-class probability is at most {high}")
    ).format(low=number(o.low), high=number(o.high), threshold=number(band.threshold))
    others = "; ".join(
        _("routing {share} leaves the model {wrong} wrong on the rest").format(
            share=pct(x.share), wrong=pct(x.error_out.value)
        )
        for x in band.options
        if x is not o
    )
    text = (
        _(
            "Human in the loop: send {where} — {share} of holdout cases, about {volume} a month "
            "— to a person."
        )
        if per_month
        else _("Human in the loop: send {where} — {share} of holdout cases — to a person.")
    ).format(
        where=where,
        share=pct(o.share),
        volume=count(round(o.share * per_month)) if per_month else "",
    )
    text += " " + _(
        "Inside that band the model's decisions are wrong {inside} of the time (95% interval "
        "{inside_low} to {inside_high}), against {outside} ({outside_low} to {outside_high}) on "
        "the cases it decides alone and {overall} overall."
    ).format(
        inside=pct(o.error_in.value),
        inside_low=pct(o.error_in.ci_low),
        inside_high=pct(o.error_in.ci_high),
        outside=pct(o.error_out.value),
        outside_low=pct(o.error_out.ci_low),
        outside_high=pct(o.error_out.ci_high),
        overall=pct(band.error_all.value),
    )
    if others:
        text += " " + _("Other workloads: {others}.").format(others=others)
    return text


def production_path(e: Evidence) -> ProductionPath:
    return ProductionPath(
        pipeline=pipeline_sentence(e),
        monitoring=monitoring_sentence(e),
        retraining=retraining_sentence(e),
        rollback=rollback_sentence(e),
        review=review_sentence(e),
    )
