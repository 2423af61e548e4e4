"""Leakage types L2 and L3.1–L3.3: legitimate features, and a test set drawn from the
distribution the claim is about — later in time, other entities, the same population."""

from __future__ import annotations

from workbench.inputs.contract import NOT_KNOWN_AT_PREDICTION
from workbench.judge.checklist.facts import ChecklistInputs, passed
from workbench.judge.checklist.sheet_common import (
    COLUMN_CHECKS,
    concerns_from,
    is_late_date,
    make_item,
    names,
    not_run,
    split_evidence,
    split_words,
)
from workbench.language import _, ngettext
from workbench.store.judgements import Evidence, LeakageItem
from workbench.store.results import FindingRow
from workbench.wording import count, number


# -- L2 ------------------------------------------------------------------------------------------
def _declared_late(x: ChecklistInputs) -> list[Evidence]:
    late = [c for c, why in x.excluded.items() if why == _(NOT_KNOWN_AT_PREDICTION)]
    if not late:
        return []  # declared_post_outcome's own evidence says so
    return [
        Evidence(
            source="data.json: profile",
            detail=_(
                "declared in the contract as recorded after the outcome "
                "(known_at: after_outcome) and kept out of every model: {columns}"
            ).format(columns=names(late)),
            columns=late,
        )
    ]


def illegitimate_features(x: ChecklistInputs) -> LeakageItem:
    features = set(x.data.features)
    dated = bool(_dates(x))

    def keep(f: FindingRow) -> bool:  # id-like inputs only; row order is not a model input
        return f.check != "identifiers" or any(c in features for c in f.columns)

    checks = (*COLUMN_CHECKS, "identifiers", *(["time_order"] if dated else []))
    raised, concerns, columns = concerns_from(
        x, checks, lambda f: keep(f) and (f.check != "time_order" or is_late_date(f))
    )
    done = _(
        "The contract says which columns are known when the prediction is made; those that are "
        "not were kept out of every model. Every model input was then tested for the answer in "
        "disguise: too predictive on its own (single_feature) or with another column as a "
        "difference or ratio (column_pairs), a subset of rows where the outcome is certain "
        "(pure_subsets), categories that map one-to-one to the outcome or a name containing the "
        "target's (label_proxies), missingness or a number format that gives the outcome away "
        "(missingness_signal, number_formats), an outcome that is a lookup of a few inputs "
        "(target_lookup), one input carrying the model (importance_dominance), words in free "
        "text that give the label away or were written after the outcome (label_words, "
        "post_outcome_text), id-like inputs that track the outcome (identifiers)."
    )
    if dated:
        done = _(
            "The contract says which columns are known when the prediction is made; those that "
            "are not were kept out of every model. Every model input was then tested for the "
            "answer in disguise: too predictive on its own (single_feature) or with another "
            "column as a difference or ratio (column_pairs), a subset of rows where the outcome "
            "is certain (pure_subsets), categories that map one-to-one to the outcome or a name "
            "containing the target's (label_proxies), missingness or a number format that gives "
            "the outcome away (missingness_signal, number_formats), an outcome that is a lookup "
            "of a few inputs (target_lookup), one input carrying the model "
            "(importance_dominance), words in free text that give the label away or were "
            "written after the outcome (label_words, post_outcome_text), id-like inputs that "
            "track the outcome (identifiers), and "
            "date inputs later than the prediction time whose distance from it predicts the "
            "outcome (time_order)."
        )
    evidence = [*_declared_late(x), *(x.check_evidence(c) for c in COLUMN_CHECKS)]
    ids = [f for f in x.findings("identifiers") if keep(f)]
    evidence.append(
        x.check_evidence("identifiers", ids)
        if ids or not x.ran("identifiers")
        else Evidence(
            source="leakage.json: identifiers",
            detail=passed(_("no id-like model input predicts the outcome")),
        )
    )
    if dated:
        late = [f for f in x.findings("time_order", serious_only=False) if is_late_date(f)]
        evidence.append(
            x.check_evidence("time_order", late)
            if late or not x.ran("time_order")
            else Evidence(
                source="leakage.json: time_order",
                detail=passed(
                    _(
                        "no date input lies after the prediction time with a distance from it "
                        "that predicts the outcome"
                    )
                ),
            )
        )
    concerns = not_run(x, COLUMN_CHECKS) + concerns
    return make_item(x, "leakage.illegitimate_features", done, evidence, concerns, columns, raised)


def _dates(x: ChecklistInputs) -> list[str]:
    return [p.name for p in x.data.profile if p.type == "datetime" and p.name != x.data.target]


# -- L3.1 ----------------------------------------------------------------------------------------
def _time_windows(x: ChecklistInputs) -> list[Evidence]:
    rob = x.assurance.robustness if x.assurance is not None else None
    if rob is None or not rob.time_windows:
        return []
    scores = ", ".join(f"{w.window} {number(w.score)}" for w in rob.time_windows)
    return [
        Evidence(
            source="assurance.json: robustness.time_windows",
            detail=_("the holdout scored period by period (by '{column}'): {scores}").format(
                column=rob.time_column, scores=scores
            ),
        )
    ]


def _no_time(x: ChecklistInputs) -> LeakageItem:
    why = _(
        "The data has no date column and the contract declares no time role, so the rows carry "
        "no order in time that a split could respect or break. Whether they were collected over "
        "a period in which the outcome changed is for the consultant to say (REFORMS 3a)."
    )
    evidence = Evidence(
        source="data.json: profile",
        detail=_("no column of type datetime and no column with role 'time'"),
    )
    return make_item(
        x, "leakage.temporal", _("Nothing to order by time."), [evidence], not_applicable=why
    )


def _temporal_finding(f: FindingRow) -> bool:
    return (
        (f.check == "time_order" and not is_late_date(f))
        or f.check == "right_censoring"
        or "score_time_split" in f.evidence
    )


def _time_order_evidence(x: ChecklistInputs) -> list[Evidence]:
    s = x.leakage.split
    ordered = [f for f in x.findings("time_order", serious_only=False) if _temporal_finding(f)]
    out = [x.check_evidence("right_censoring")]
    if ordered or not x.ran("time_order") or not s.time_column:
        return [x.check_evidence("time_order", ordered), *out]
    what = (
        _("no test row is dated before the end of training by '{column}'")
        if s.strategy == "time"
        else _(
            "no test row is dated before the end of training by '{column}', and the outcome "
            "shows no drift over time"
        )
    )
    return [
        Evidence(
            source="leakage.json: time_order",
            detail=passed(what.format(column=s.time_column)),
        ),
        *out,
    ]


def _date_columns(x: ChecklistInputs, dates: list[str]) -> list[Evidence]:
    if not dates:
        return []
    used = [p.name for p in x.data.profile if p.name in dates and p.used_by_model]
    detail = (
        _("date columns: {dates}; model inputs among them: {used}").format(
            dates=names(dates), used=names(used)
        )
        if used
        else _("date columns: {dates}; none is a model input").format(dates=names(dates))
    )
    return [Evidence(source="data.json: profile", detail=detail, columns=dates)]


def temporal(x: ChecklistInputs) -> LeakageItem:
    s = x.leakage.split
    declared = s.time_column or next((p.name for p in x.data.profile if p.role == "time"), None)
    dates = _dates(x)
    if not declared and not dates:
        return _no_time(x)
    raised, concerns, columns = concerns_from(
        x, ("time_order", "right_censoring", "split_sensitivity"), _temporal_finding
    )
    evidence = [split_evidence(x), *_time_order_evidence(x), *_time_windows(x)]
    evidence += _date_columns(x, dates)
    if s.strategy == "time":
        done = _(
            "The split is by time: the latest {rows} rows by '{column}' are the holdout, and the "
            "cross-validation folds inside the training part chain forward (each fold scored by "
            "a model trained on earlier rows only)."
        ).format(rows=count(s.test_rows), column=s.time_column)
    elif s.time_column:
        done = _(
            "The split is not by time ({split}); '{column}' was checked for test rows dated "
            "inside the training period, for an outcome that drifts over time or collapses in "
            "the newest period (right-censoring), and for a score that falls under a time split."
        ).format(split=split_words(s), column=s.time_column)
    else:
        done = (
            _(
                "The split is not by time ({split}), and the spec declares no time column. The "
                "time checks ordered the rows by the contract's time column '{column}': for an "
                "outcome that drifts or collapses in the newest period, and for a score that "
                "falls under a time split."
            ).format(split=split_words(s), column=declared)
            if declared
            else _(
                "The split is not by time ({split}), and the spec declares no time column. The "
                "time checks ordered the rows by the earliest date: for an outcome that drifts "
                "or collapses in the newest period, and for a score that falls under a time "
                "split."
            ).format(split=split_words(s))
        )
        if not concerns:
            columns = [declared] if declared else dates
            concerns.append(
                ngettext(
                    "{columns} is a date, but the split ignores time ({split}) and no check "
                    "compared periods. If the model will score cases later than those it learned "
                    "from, use split.strategy: time with split.time_column: {first}.",
                    "{columns} are dates, but the split ignores time ({split}) and no check "
                    "compared periods. If the model will score cases later than those it learned "
                    "from, use split.strategy: time with split.time_column: {first}.",
                    len(columns),
                ).format(columns=names(columns), split=split_words(s), first=columns[0])
            )
    return make_item(x, "leakage.temporal", done, evidence, concerns, columns, raised)


# -- L3.2 ----------------------------------------------------------------------------------------
def non_independence(x: ChecklistInputs) -> LeakageItem:
    s = x.leakage.split
    grouped = s.strategy == "group"

    def dependent(f: FindingRow) -> bool:
        return f.check == "entity_overlap" or "score_group_split" in f.evidence

    raised, concerns, columns = concerns_from(x, ("entity_overlap", "split_sensitivity"), dependent)
    if grouped:
        done = _(
            "The split keeps each value of '{column}' on one side: all rows of an entity are in "
            "the training part or all in the test part, and the cross-validation folds are "
            "grouped the same way. Every column was also searched for undeclared entity keys "
            "(text codes, or integers named like an id, whose values repeat) shared by training "
            "and test rows."
        ).format(column=s.group_column)
    elif s.group_column:
        done = _(
            "The split goes row by row ({split}). The declared group column '{column}' was "
            "checked for values on both sides, and the score compared with a split that keeps "
            "its groups together. Every column was also searched for undeclared entity keys "
            "(text codes, or integers named like an id, whose values repeat) shared by training "
            "and test rows."
        ).format(split=split_words(s), column=s.group_column)
    else:
        done = _(
            "The split goes row by row ({split}). No group column is declared. Every column was "
            "also searched for undeclared entity keys (text codes, or integers named like an "
            "id, whose values repeat) shared by training and test rows."
        ).format(split=split_words(s))
    evidence = [split_evidence(x), x.check_evidence("entity_overlap")]
    if s.group_column and not grouped:
        gap = [f for f in x.findings("split_sensitivity", serious_only=False) if dependent(f)]
        evidence.append(
            x.check_evidence("split_sensitivity", gap)
            if gap or not x.ran("split_sensitivity")
            else Evidence(
                source="leakage.json: split_sensitivity",
                detail=passed(
                    _("the score holds when the split keeps '{column}' together").format(
                        column=s.group_column
                    )
                ),
            )
        )
    for p in x.data.profile:
        if p.role == "id" and p.distinct == x.data.rows:
            evidence.append(
                Evidence(
                    source="data.json: profile",
                    detail=_("'{column}' (role id) is unique on every row: one row per id").format(
                        column=p.name
                    ),
                )
            )
    concerns = not_run(x, ("entity_overlap",)) + concerns
    return make_item(x, "leakage.non_independence", done, evidence, concerns, columns, raised)


# -- L3.3 ----------------------------------------------------------------------------------------
def sampling_bias(x: ChecklistInputs) -> LeakageItem:
    s, check = x.leakage.split, "train_test_distinguishable"
    done = (
        _(
            "A model was trained to tell training rows from test rows (adversarial validation): "
            "if it can, the holdout was drawn differently from the data the model learned from. "
            "The split is stratified, so both parts share the outcome mix. Whether the extract "
            "as a whole represents the population the claim is about is the consultant's to say "
            "(REFORMS 3g)."
        )
        if s.strategy == "stratified"
        else _(
            "A model was trained to tell training rows from test rows (adversarial validation): "
            "if it can, the holdout was drawn differently from the data the model learned from. "
            "Whether the extract as a whole represents the population the claim is about is the "
            "consultant's to say (REFORMS 3g)."
        )
    )
    evidence = [split_evidence(x), x.check_evidence(check)]
    raised, concerns, columns = concerns_from(x, (check,))
    concerns = not_run(x, (check,)) + concerns
    return make_item(x, "leakage.sampling_bias", done, evidence, concerns, columns, raised)
