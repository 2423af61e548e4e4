"""The ML Test Score's tests for features and data, and for model development, judged on a
run's evidence. Each returns (status, evidence, next step): `provided` when the discovery run
already gives engineering what the test asks, `owed` with the concrete next step otherwise."""

from __future__ import annotations

from workbench.judge.readiness.evidence import Evidence
from workbench.wording import interval, names, pct, plural, span

Verdict = tuple[str, str, str | None]
NEGLIGIBLE = 0.01  # an input carrying under 1% of the total mean |SHAP| adds nothing to keep


def provided(evidence: str) -> Verdict:
    return "provided", evidence, None


def owed(evidence: str, next_step: str) -> Verdict:
    return "owed", evidence, next_step


# -- features and data ----------------------------------------------------------------------------
def schema(e: Evidence) -> Verdict:
    d = e.results.data
    found = (
        f"contract.yaml declares the type, range, allowed values and nullability of the "
        f"{d.columns} columns; the study data was checked against it"
    )
    if not d.violations:
        return provided(found + " and met it.")
    cols = names(sorted({v.column for v in d.violations}))
    return owed(
        found + f" and broke it in {plural(len(d.violations), 'check')} ({cols}).",
        f"Fix the violations in {cols} at the source, or amend contract.yaml with the data "
        "owner; then check every production batch against it before scoring.",
    )


def beneficial(e: Evidence) -> Verdict:
    if e.assurance is None:
        return owed(
            "This run has no SHAP importances (no assurance stage).",
            "Re-run the study with the assurance stage to see which inputs carry no signal.",
        )
    imp = e.assurance.explanations.importance
    total = sum(imp.values()) or 1.0
    share = {f: imp.get(f, 0.0) / total for f in e.features}
    weak = sorted((f for f, s in share.items() if s < NEGLIGIBLE), key=lambda f: share[f])
    if not weak:
        low = min(share, key=share.get) if share else None
        tail = f" (the least: {low}, {pct(share[low])})" if low else ""
        return provided(
            f"Each of the {len(e.features)} inputs carries at least {pct(NEGLIGIBLE)} of the "
            f"total mean |SHAP value|{tail}."
        )
    return owed(
        f"{len(weak)} of {len(e.features)} inputs carry under {pct(NEGLIGIBLE)} of the total "
        f"mean |SHAP value|: {names(weak)}.",
        f"Re-run the study without {names(weak)} and drop {'it' if len(weak) == 1 else 'them'} "
        "if the score holds: every input is a feed to build, monitor and keep.",
    )


def feature_cost(e: Evidence) -> Verdict:
    return owed(
        f"The model reads {len(e.features)} inputs ({names(e.features)}); the study measured "
        "the whole pipeline's latency, not what each input costs to obtain.",
        "For each input, record its source system, how fresh it is at prediction time and "
        "what it costs to keep; drop any whose cost outweighs its SHAP importance.",
    )


def meta_requirements(e: Evidence) -> Verdict:
    used = [c for c in e.pii + e.sensitive if c in e.features]
    if used:
        return owed(
            f"Columns marked PII or sensitive are model inputs: {names(used)}.",
            f"Remove {names(used)} from the inputs, or record the client's written reason to "
            "use them, before engineering starts.",
        )
    if not e.pii and not e.sensitive:
        return owed(
            "The contract marks no column PII or sensitive.",
            f"Confirm with the client's data-protection officer that none of the "
            f"{len(e.features)} inputs is personal or protected data; mark any in contract.yaml.",
        )
    kept = "; ".join(
        part
        for part in (
            f"PII: {names(e.pii)}" if e.pii else "",
            f"sensitive: {names(e.sensitive)}" if e.sensitive else "",
        )
        if part
    )
    return provided(f"The contract keeps PII and sensitive columns out of the inputs ({kept}).")


def privacy(e: Evidence) -> Verdict:
    kept = (
        f"the study kept the PII columns ({names(e.pii)}) out of every report, figure, log and "
        "the promotion package"
        if e.pii
        else "no column is marked PII"
    )
    return owed(
        f"In discovery {kept}; model files are skops, never pickle.",
        "Give the production feed and the prediction log the client's access controls and "
        "retention period; log predictions by case id, never with personal data.",
    )


def new_features(e: Evidence) -> Verdict:
    return provided(
        "train.py builds the pipeline from config.yaml's feature list and kinds: a new input "
        "is a contract entry and a config line, no code; `workbench run` re-runs the whole "
        "study with it and `workbench compare` sets the two runs side by side."
    )


def _batch_said(batch) -> str:
    """What the batch-prediction self-test showed, or why it could not run."""
    if batch.status == "not_applicable":
        why = batch.not_applicable_because
        return "could not run" + (f" ({why})" if why else "")
    return {
        "passed": "passed (a row scored alone equals its score in a batch)",
        "critical": "failed (a row scored alone differs from its score in a batch)",
        "warning": "raised a warning (a row scored alone may differ from its score in a batch)",
    }.get(batch.status, batch.status)


def feature_code(e: Evidence) -> Verdict:
    steps = " → ".join(e.ev.pipelines.get("candidate", []))
    batch = next((c for c in e.results.leakage.checks if c.name == "batch_prediction"), None)
    check = f"; the batch_prediction check {_batch_said(batch)}" if batch else ""
    return owed(
        f"All preprocessing is inside the pipeline ({steps}), fitted on training rows only{check}.",
        f"Unit-test the production extraction that builds the {len(e.features)} inputs: on a "
        "sample of the study's rows it must reproduce the snapshot's values and types.",
    )


# -- model development ----------------------------------------------------------------------------
def specs_reviewed(e: Evidence) -> Verdict:
    return provided(
        f"The experiment spec (question, acceptance criteria agreed with the client, tuning "
        f"budget, seed {e.spec.seed}) and config.yaml are plain files to review and version; "
        "the manifest records the spec hash and the code revision."
    )


def offline_online(e: Evidence) -> Verdict:
    iv = e.ev.candidate.primary
    b = e.ev.business
    value = (
        f" and an expected {b.candidate_monthly.value:,.0f} {b.currency} a month over the status quo"
        if b
        else ""
    )
    return owed(
        f"Offline only: {e.label} {interval(iv)} on {e.ev.test_rows:,} holdout rows{value}.",
        f"In a shadow period, log every score with its case id and join the outcomes as they "
        f"arrive: the live {e.label} should fall within {span(iv.ci_low, iv.ci_high)}"
        + (" and the realised value near the expected one." if b else "."),
    )


def tuned(e: Evidence) -> Verdict:
    p = e.production
    if p is None:
        return provided("Tuned with Optuna on the training part (Tuning section).")
    guard = e.verdicts.overfitting
    found = (
        f"{p.trials_completed} Optuna trials of {p.family.replace('_', ' ')}: cross-validated "
        f"{e.label} {p.tuned_cv:.3f} against {p.default_cv:.3f} with default settings"
        + (f"; overfitting guard: {guard.verdict}." if guard else ".")
    )
    if guard is not None and guard.verdict == "overfit":
        return owed(
            found,
            "Constrain the search (shallower trees, stronger regularisation) and re-run the "
            "tuning stage: the tuned model fits its training rows far better than new ones.",
        )
    return provided(found)


def staleness(e: Evidence) -> Verdict:
    windows = [] if e.assurance is None else e.assurance.robustness.time_windows
    scored = [w for w in windows if w.score is not None]
    if len(scored) >= 2:
        first, last = scored[0], scored[-1]
        col = e.assurance.robustness.time_column
        return provided(
            f"Over time ({col}), the holdout {e.label} went from {first.score:.3f} "
            f"({first.window}) to {last.score:.3f} ({last.window}) across {len(scored)} windows."
        )
    return owed(
        "The data has no usable time column, so how fast the model ages is unknown.",
        f"Keep each scored case's date with its outcome and measure {e.label} by month; until "
        "the decay is known, retrain on each quarter's labelled cases.",
    )


def simpler(e: Evidence) -> Verdict:
    lift, b = e.ev.lift, e.ev.baseline.name
    if lift.ci_low > 0:
        return provided(
            f"The tuned model beats the best baseline ({b}) by {interval(lift)}, paired bootstrap."
        )
    return owed(
        f"The tuned model is not measurably better than {b}: lift {interval(lift)}.",
        f"Ship {b} unless the client values what the tuned model adds, or collect more labelled "
        "cases until the lift's interval settles.",
    )


def slices(e: Evidence) -> Verdict:
    found = [] if e.assurance is None else e.assurance.robustness.weakest_slices
    if not found:
        return owed(
            "No slice of the data was scored on its own.",
            "Re-run with the assurance stage, which scores the weakest slices of each input.",
        )
    w = found[0]
    where = f"{w.feature} = {w.group} ({w.rows:,} rows) scores {e.label} {w.score:.3f}"
    if e.beyond(w.score):
        return owed(
            f"The weakest slice, {where}, beyond the agreed {e.threshold:g}.",
            f"Agree with the client whether cases with {w.feature} = {w.group} go to a person "
            "(see the review band) or wait for more labelled data.",
        )
    return provided(f"The weakest slice tested, {where}, still within the agreed {e.threshold:g}.")


def inclusion(e: Evidence) -> Verdict:
    if e.assurance is None:
        return owed("No fairness test ran.", "Re-run the study with the assurance stage.")
    f, fv = e.assurance.fairness, e.verdicts.fairness
    gap = f.worst.gap if f.worst else "no gap could be measured"
    if not f.attributes or fv is None:
        return owed(
            "No sensitive column was declared, so no group was compared.",
            "Ask the client which protected attributes matter here and mark them "
            "`sensitive: true` in contract.yaml (they stay out of the inputs).",
        )
    agreed = "agreed" if fv.bound_agreed else "default (not yet agreed)"
    if fv.verdict == "pass":
        return provided(f"Within the {agreed} equalized-odds bound {fv.bound:g}: {gap}.")
    if fv.verdict in ("report", "not_applicable"):
        why = (
            "No bound was agreed"
            if fv.bound is None
            else "The agreed equalized-odds bound applies to yes/no outcomes only"
        )
        return owed(
            f"{why}; the widest gap between groups of {names(f.attributes)}: {gap}.",
            "Agree with the client how large a gap between groups is acceptable "
            "(acceptance.max_fairness_disparity in the spec) before the model serves.",
        )
    step = (
        "Collect more cases of the smaller groups: the interval straddles the bound, or a group "
        "is too small to judge."
        if fv.verdict == "uncertain"
        else "Evaluate the group-threshold remedy in the Fairness section with the client, "
        "or change the decision process for the disadvantaged group."
    )
    return owed(f"Against the {agreed} bound {fv.bound:g}: {gap}.", step)
