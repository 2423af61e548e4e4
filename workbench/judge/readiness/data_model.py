"""The ML Test Score's tests for features and data, and for model development, judged on a
run's evidence. Each returns (status, evidence, next step): `provided` when the discovery run
already gives engineering what the test asks, `owed` with the concrete next step otherwise."""

from __future__ import annotations

from workbench.judge.readiness.evidence import Evidence
from workbench.language import _, ngettext, pgettext
from workbench.wording import (
    checks_counted,
    count,
    interval,
    money,
    names,
    number,
    pct,
    plain,
    span,
)

Verdict = tuple[str, str, str | None]
NEGLIGIBLE = 0.01  # an input carrying under 1% of the total mean |SHAP| adds nothing to keep


def provided(evidence: str) -> Verdict:
    return "provided", evidence, None


def owed(evidence: str, next_step: str) -> Verdict:
    return "owed", evidence, next_step


# -- features and data ----------------------------------------------------------------------------
def schema(e: Evidence) -> Verdict:
    d = e.results.data
    if not d.violations:
        return provided(
            _(
                "contract.yaml declares the type, range, allowed values and nullability of the "
                "{n} columns; the study data was checked against it and met it."
            ).format(n=count(d.columns))
        )
    cols = names(sorted({v.column for v in d.violations}))
    return owed(
        ngettext(
            "contract.yaml declares the type, range, allowed values and nullability of the {n} "
            "column; the study data was checked against it and broke it in {checks} ({columns}).",
            "contract.yaml declares the type, range, allowed values and nullability of the {n} "
            "columns; the study data was checked against it and broke it in {checks} "
            "({columns}).",
            d.columns,
        ).format(n=count(d.columns), checks=checks_counted(len(d.violations)), columns=cols),
        _(
            "Fix the violations in {columns} at the source, or amend contract.yaml with the data "
            "owner; then check every production batch against it before scoring."
        ).format(columns=cols),
    )


def beneficial(e: Evidence) -> Verdict:
    if e.assurance is None:
        return owed(
            _("This run has no SHAP importances (no assurance stage)."),
            _("Re-run the study with the assurance stage to see which inputs carry no signal."),
        )
    imp = e.assurance.explanations.importance
    total = sum(imp.values()) or 1.0
    share = {f: imp.get(f, 0.0) / total for f in e.features}
    weak = sorted((f for f, s in share.items() if s < NEGLIGIBLE), key=lambda f: share[f])
    if not weak:
        low = min(share, key=share.get) if share else None
        if low is None:
            return provided(
                _(
                    "Each of the {n} inputs carries at least {share} of the total mean |SHAP "
                    "value|."
                ).format(n=count(len(e.features)), share=pct(NEGLIGIBLE))
            )
        return provided(
            _(
                "Each of the {n} inputs carries at least {share} of the total mean |SHAP value| "
                "(the least: {least}, {least_share})."
            ).format(
                n=count(len(e.features)),
                share=pct(NEGLIGIBLE),
                least=low,
                least_share=pct(share[low]),
            )
        )
    return owed(
        ngettext(
            "{n} of {total} inputs carries under {share} of the total mean |SHAP value|: "
            "{columns}.",
            "{n} of {total} inputs carry under {share} of the total mean |SHAP value|: {columns}.",
            len(weak),
        ).format(
            n=count(len(weak)),
            total=count(len(e.features)),
            share=pct(NEGLIGIBLE),
            columns=names(weak),
        ),
        ngettext(
            "Re-run the study without {columns} and drop it if the score holds: every input is "
            "a feed to build, monitor and keep.",
            "Re-run the study without {columns} and drop them if the score holds: every input "
            "is a feed to build, monitor and keep.",
            len(weak),
        ).format(columns=names(weak)),
    )


def feature_cost(e: Evidence) -> Verdict:
    return owed(
        _(
            "The model reads {n} inputs ({columns}); the study measured the whole pipeline's "
            "latency, not what each input costs to obtain."
        ).format(n=count(len(e.features)), columns=names(e.features)),
        _(
            "For each input, record its source system, how fresh it is at prediction time and "
            "what it costs to keep; drop any whose cost outweighs its SHAP importance."
        ),
    )


def meta_requirements(e: Evidence) -> Verdict:
    used = [c for c in e.pii + e.sensitive if c in e.features]
    if used:
        return owed(
            _("Columns marked PII or sensitive are model inputs: {columns}.").format(
                columns=names(used)
            ),
            _(
                "Remove {columns} from the inputs, or record the client's written reason to use "
                "them, before engineering starts."
            ).format(columns=names(used)),
        )
    if not e.pii and not e.sensitive:
        return owed(
            _("The contract marks no column PII or sensitive."),
            _(
                "Confirm with the client's data-protection officer that none of the {n} inputs "
                "is personal or protected data; mark any in contract.yaml."
            ).format(n=count(len(e.features))),
        )
    kept = "; ".join(
        part
        for part in (
            _("PII: {columns}").format(columns=names(e.pii)) if e.pii else "",
            _("sensitive: {columns}").format(columns=names(e.sensitive)) if e.sensitive else "",
        )
        if part
    )
    return provided(
        _("The contract keeps PII and sensitive columns out of the inputs ({columns}).").format(
            columns=kept
        )
    )


def privacy(e: Evidence) -> Verdict:
    found = (
        _(
            "In discovery the study kept the PII columns ({columns}) out of every report, "
            "figure, log and the promotion package; model files are skops, never pickle."
        ).format(columns=names(e.pii))
        if e.pii
        else _("In discovery no column is marked PII; model files are skops, never pickle.")
    )
    return owed(
        found,
        _(
            "Give the production feed and the prediction log the client's access controls and "
            "retention period; log predictions by case id, never with personal data."
        ),
    )


def new_features(e: Evidence) -> Verdict:
    return provided(
        _(
            "train.py builds the pipeline from config.yaml's feature list and kinds: a new input "
            "is a contract entry and a config line, no code; `workbench run` re-runs the whole "
            "study with it and `workbench compare` sets the two runs side by side."
        )
    )


def _batch_said(batch) -> str:
    """What the batch-prediction self-test showed, or why it could not run."""
    if batch.status == "not_applicable":
        why = batch.not_applicable_because
        if why:
            return _("the batch_prediction check could not run ({why})").format(why=why)
        return _("the batch_prediction check could not run")
    return {
        "passed": _(
            "the batch_prediction check passed (a row scored alone equals its score in a batch)"
        ),
        "critical": _(
            "the batch_prediction check failed (a row scored alone differs from its score in a "
            "batch)"
        ),
        "warning": _(
            "the batch_prediction check raised a warning (a row scored alone may differ from "
            "its score in a batch)"
        ),
    }.get(batch.status, batch.status)


def feature_code(e: Evidence) -> Verdict:
    steps = " → ".join(e.ev.pipelines.get("candidate", []))
    batch = next((c for c in e.results.leakage.checks if c.name == "batch_prediction"), None)
    found = (
        _(
            "All preprocessing is inside the pipeline ({steps}), fitted on training rows only; "
            "{check}."
        ).format(steps=steps, check=_batch_said(batch))
        if batch
        else _(
            "All preprocessing is inside the pipeline ({steps}), fitted on training rows only."
        ).format(steps=steps)
    )
    return owed(
        found,
        _(
            "Unit-test the production extraction that builds the {n} inputs: on a sample of the "
            "study's rows it must reproduce the snapshot's values and types."
        ).format(n=count(len(e.features))),
    )


# -- model development ----------------------------------------------------------------------------
def specs_reviewed(e: Evidence) -> Verdict:
    return provided(
        _(
            "The experiment spec (question, acceptance criteria agreed with the client, tuning "
            "budget, seed {seed}) and config.yaml are plain files to review and version; the "
            "manifest records the spec hash and the code revision."
        ).format(seed=e.spec.seed)
    )


def offline_online(e: Evidence) -> Verdict:
    iv = e.ev.candidate.primary
    b = e.ev.business
    values = {
        "metric": e.label,
        "score": interval(iv),
        "rows": count(e.ev.test_rows),
        "value": money(b.candidate_monthly.value, b.currency) if b else "",
        "low_to_high": span(iv.ci_low, iv.ci_high),
    }
    if b:
        return owed(
            _(
                "Offline only: {metric} {score} on {rows} holdout rows and an expected {value} a "
                "month over the status quo."
            ).format(**values),
            _(
                "In a shadow period, log every score with its case id and join the outcomes as "
                "they arrive: the live {metric} should fall within {low_to_high} and the "
                "realised value near the expected one."
            ).format(**values),
        )
    return owed(
        _("Offline only: {metric} {score} on {rows} holdout rows.").format(**values),
        _(
            "In a shadow period, log every score with its case id and join the outcomes as they "
            "arrive: the live {metric} should fall within {low_to_high}."
        ).format(**values),
    )


def _overfitting(verdict: str) -> str:
    return {
        "ok": pgettext("overfitting", "ok"),
        "watch": pgettext("overfitting", "watch"),
        "overfit": pgettext("overfitting", "overfit"),
    }.get(verdict, verdict)


def tuned(e: Evidence) -> Verdict:
    p = e.production
    if p is None:
        return provided(_("Tuned with Optuna on the training part (Tuning section)."))
    guard = e.verdicts.overfitting
    found = ngettext(
        "{n} Optuna trial of {family}: cross-validated {metric} {tuned} against {default} with "
        "default settings; overfitting guard: {guard}.",
        "{n} Optuna trials of {family}: cross-validated {metric} {tuned} against {default} with "
        "default settings; overfitting guard: {guard}.",
        p.trials_completed,
    ).format(
        n=count(p.trials_completed),
        family=p.family.replace("_", " "),
        metric=e.label,
        tuned=number(p.tuned_cv),
        default=number(p.default_cv),
        guard=_overfitting(guard.verdict) if guard else _("not judged"),
    )
    if guard is not None and guard.verdict == "overfit":
        return owed(
            found,
            _(
                "Constrain the search (shallower trees, stronger regularisation) and re-run the "
                "tuning stage: the tuned model fits its training rows far better than new ones."
            ),
        )
    return provided(found)


def staleness(e: Evidence) -> Verdict:
    windows = [] if e.assurance is None else e.assurance.robustness.time_windows
    scored = [w for w in windows if w.score is not None]
    if len(scored) >= 2:
        first, last = scored[0], scored[-1]
        return provided(
            _(
                "Over time ({column}), the holdout {metric} went from {first} ({first_window}) "
                "to {last} ({last_window}) across {n} windows."
            ).format(
                column=e.assurance.robustness.time_column,
                metric=e.label,
                first=number(first.score),
                first_window=first.window,
                last=number(last.score),
                last_window=last.window,
                n=count(len(scored)),
            )
        )
    return owed(
        _("The data has no usable time column, so how fast the model ages is unknown."),
        _(
            "Keep each scored case's date with its outcome and measure {metric} by month; until "
            "the decay is known, retrain on each quarter's labelled cases."
        ).format(metric=e.label),
    )


def simpler(e: Evidence) -> Verdict:
    lift, b = e.ev.lift, e.ev.baseline.name
    if lift.ci_low > 0:
        return provided(
            _(
                "The tuned model beats the best baseline ({baseline}) by {lift}, paired bootstrap."
            ).format(baseline=b, lift=interval(lift))
        )
    return owed(
        _("The tuned model is not measurably better than {baseline}: lift {lift}.").format(
            baseline=b, lift=interval(lift)
        ),
        _(
            "Ship {baseline} unless the client values what the tuned model adds, or collect "
            "more labelled cases until the lift's interval settles."
        ).format(baseline=b),
    )


def slices(e: Evidence) -> Verdict:
    found = [] if e.assurance is None else e.assurance.robustness.weakest_slices
    if not found:
        return owed(
            _("No slice of the data was scored on its own."),
            _("Re-run with the assurance stage, which scores the weakest slices of each input."),
        )
    w = found[0]
    values = {
        "column": w.feature,
        "group": w.group,
        "rows": count(w.rows),
        "metric": e.label,
        "score": number(w.score),
        "bar": plain(e.threshold),
    }
    if e.beyond(w.score):
        return owed(
            _(
                "The weakest slice, {column} = {group} ({rows} rows) scores {metric} {score}, "
                "beyond the agreed {bar}."
            ).format(**values),
            _(
                "Agree with the client whether cases with {column} = {group} go to a person (see "
                "the review band) or wait for more labelled data."
            ).format(**values),
        )
    return provided(
        _(
            "The weakest slice tested, {column} = {group} ({rows} rows) scores {metric} {score}, "
            "still within the agreed {bar}."
        ).format(**values)
    )


def inclusion(e: Evidence) -> Verdict:
    if e.assurance is None:
        return owed(_("No fairness test ran."), _("Re-run the study with the assurance stage."))
    f, fv = e.assurance.fairness, e.verdicts.fairness
    gap = f.worst.gap if f.worst else _("no gap could be measured")
    if not f.attributes or fv is None:
        return owed(
            _("No sensitive column was declared, so no group was compared."),
            _(
                "Ask the client which protected attributes matter here and mark them "
                "`sensitive: true` in contract.yaml (they stay out of the inputs)."
            ),
        )
    bound = plain(fv.bound) if fv.bound is not None else ""
    if fv.verdict == "pass":
        text = (
            _("Within the agreed equalized-odds bound {bound}: {gap}.")
            if fv.bound_agreed
            else _("Within the default (not yet agreed) equalized-odds bound {bound}: {gap}.")
        )
        return provided(text.format(bound=bound, gap=gap))
    if fv.verdict in ("report", "not_applicable"):
        text = (
            _("No bound was agreed; the widest gap between groups of {columns}: {gap}.")
            if fv.bound is None
            else _(
                "The agreed equalized-odds bound applies to yes/no outcomes only; the widest "
                "gap between groups of {columns}: {gap}."
            )
        )
        return owed(
            text.format(columns=names(f.attributes), gap=gap),
            _(
                "Agree with the client how large a gap between groups is acceptable "
                "(acceptance.max_fairness_disparity in the spec) before the model serves."
            ),
        )
    step = (
        _(
            "Collect more cases of the smaller groups: the interval straddles the bound, or a "
            "group is too small to judge."
        )
        if fv.verdict == "uncertain"
        else _(
            "Evaluate the group-threshold remedy in the Fairness section with the client, or "
            "change the decision process for the disadvantaged group."
        )
    )
    text = (
        _("Against the agreed bound {bound}: {gap}.")
        if fv.bound_agreed
        else _("Against the default (not yet agreed) bound {bound}: {gap}.")
    )
    return owed(text.format(bound=bound, gap=gap), step)
