"""The production path, in sentences built from this run's evidence: the pipeline to ship, the
inputs to watch and their reference statistics, when to retrain, what to roll back to, and
which cases a person should decide. The roadmap, READINESS.md and the report all show these
same sentences (they come from one `assess` call)."""

from __future__ import annotations

from workbench.judge.readiness.evidence import Evidence
from workbench.language import _
from workbench.science.drift import PSI_DRIFTED, PSI_MODERATE
from workbench.store.judgements import ProductionPath
from workbench.store.production_results import ReviewBand
from workbench.wording import describe_reference, interval, names, pct
from workbench.wording import short_number as _num


def pipeline_sentence(e: Evidence) -> str:
    if e.simpler_suffices:  # the decision recommends the simpler model: ship that one
        steps = " → ".join(e.ev.pipelines.get("baseline", [])) or "its pipeline"
        return (
            f"Pipeline: the simpler {e.ev.baseline.name} baseline meets the bar, so it is the "
            f"model to ship ({steps}): `workbench promote` packages it as baseline.skops beside "
            "the tuned model (model.skops); score.py scores with either (`--model "
            "baseline.skops`) after checking rows against contract.yaml. Adopt the tuned model "
            "only if the client values what it adds."
        )
    p = e.production
    if p is None:
        steps = " → ".join(e.ev.pipelines.get("candidate", [])) or "see the Leakage section"
        return (
            f"Pipeline: promote the {e.ev.candidate.name} with `workbench promote` ({steps}); "
            "score.py scores rows checked against contract.yaml, train.py refits config.yaml."
        )
    parts = " → ".join(f"{c.step} ({c.kind}: {c.detail})" for c in p.components)
    return (
        f"Pipeline: promote the tuned {p.family.replace('_', ' ')} with `workbench promote` — "
        f"{parts}. It was tuned over {p.trials_completed} trials (cross-validated {e.label} "
        f"{p.tuned_cv:.3f}, against {p.default_cv:.3f} with default settings). In production, "
        "score.py scores rows after checking them against contract.yaml, and train.py refits "
        "config.yaml on newly labelled rows."
    )


def monitoring_sentence(e: Evidence) -> str:
    psi = (
        f"compute each one's population stability index (PSI) on every scoring batch with "
        f"`workbench drift`: {PSI_MODERATE:g} to {PSI_DRIFTED:g} is a warning to check the "
        f"upstream source, above {PSI_DRIFTED:g} a retraining trigger"
    )
    plan = e.monitoring
    if plan is None or not plan.watched:
        why = (
            "no input stood out" if plan else "this run has no assurance stage to single inputs out"
        )
        return (
            f"Monitoring: {why}, so watch all "
            f"{len(e.features)} inputs against reference_stats.json in the promotion package; "
            f"{psi}. Check every batch against contract.yaml."
        )
    watched = "; ".join(
        f"{w.feature} ({' and '.join(r.split(':')[0] for r in w.reasons)}: "
        f"{describe_reference(w.reference)})"
        for w in plan.watched
    )
    notes = "".join(f" {n}" for n in plan.notes)
    return (
        f"Monitoring: watch {len(plan.watched)} inputs against their reference statistics on "
        f"{plan.computed_on} — {watched}; {psi}.{notes}{_fragile(e, plan)} Check every batch "
        "against contract.yaml."
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
        "{bound:g} (their reference statistics are in reference_stats.json)."
    ).format(inputs=names(extra), bound=rv.bound)


def retraining_sentence(e: Evidence) -> str:
    iv, n = e.ev.candidate.primary, e.ev.test_rows
    half = (iv.ci_high - iv.ci_low) / 2
    side = "falls below" if e.higher else "rises above"
    return (
        f"Retraining trigger: record the outcome of every scored case; retrain with train.py "
        f"on the latest labelled rows when {e.label} on the latest {n:,} labelled cases (the "
        f"holdout's size, which measured it to ±{half:.3f}) {side} the agreed {e.threshold:g} "
        f"— it is {interval(iv)} on the holdout — or when a watched input's PSI exceeds "
        f"{PSI_DRIFTED:g} (dates aside). A retrained model replaces the serving one only after passing the "
        "same acceptance criteria."
    )


def rollback_sentence(e: Evidence) -> str:
    b = e.ev.baseline
    steps = " → ".join(e.ev.pipelines.get("baseline", []))
    head = (
        f"Rollback: keep the best baseline, {b.name}, deployable beside the model — on the same "
        f"holdout it scored {e.label} {interval(b.primary)}"
        f"{'; its pipeline: ' + steps if steps else ''}. The promotion package holds it as "
        "baseline.skops (`python score.py --model baseline.skops`)."
    )
    verdict = e.clears(b.primary)
    if verdict == "pass":
        return head + f" It clears the agreed {e.threshold:g} on its own, so it is a safe fallback."
    return head + (
        f" It does not itself clear the agreed {e.threshold:g} "
        f"({'its interval straddles it' if verdict == 'uncertain' else 'it falls short'}), so "
        "rolling back to it is a stop-gap: keep the current process ready as the real fallback."
    )


def review_sentence(e: Evidence) -> str:
    band = e.production.review if e.production else None
    if band is None:
        return (
            "Human in the loop: this run predates the review band (a new run of the study "
            "measures it); until then, send the cases scored nearest the threshold to a person."
        )
    if band.task == "regression":
        q = band.abs_error_quantiles
        return (
            f"Human in the loop: {band.note} On the holdout, a prediction ± {_num(q.get('90%'))} "
            f"covers 90% of cases (± {_num(q.get('50%'))} covers half)."
        )
    return _band_sentence(band, e.cases_per_month)


def proposed_option(band: ReviewBand):
    return next((o for o in band.options if o.target_share == band.proposed), None)


def _band_sentence(band: ReviewBand, per_month: float | None) -> str:
    o = proposed_option(band)
    if o is None:
        return "Human in the loop: the holdout was too small to size a review band."
    where = (
        f"the cases scored between {o.low:.3f} and {o.high:.3f} (around the threshold "
        f"{band.threshold:.3f})"
        if band.task == "binary"
        else f"the cases whose top-class probability is at most {o.high:.3f}"
    )
    volume = f", about {o.share * per_month:,.0f} a month" if per_month else ""
    others = "; ".join(
        f"routing {pct(x.share)} leaves the model {pct(x.error_out.value)} wrong on the rest"
        for x in band.options
        if x is not o
    )
    return (
        f"Human in the loop: send {where} — {pct(o.share)} of holdout cases{volume} — to a "
        f"person. Inside that band the model's decisions are wrong {pct(o.error_in.value)} of "
        f"the time (95% interval {pct(o.error_in.ci_low)} to {pct(o.error_in.ci_high)}), against "
        f"{pct(o.error_out.value)} ({pct(o.error_out.ci_low)} to {pct(o.error_out.ci_high)}) on "
        f"the cases it decides alone and {pct(band.error_all.value)} overall. Other workloads: "
        f"{others}."
    )


def production_path(e: Evidence) -> ProductionPath:
    return ProductionPath(
        pipeline=pipeline_sentence(e),
        monitoring=monitoring_sentence(e),
        retraining=retraining_sentence(e),
        rollback=rollback_sentence(e),
        review=review_sentence(e),
    )
