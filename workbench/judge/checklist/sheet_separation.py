"""Leakage types L1.1–L1.4: a clean separation of training and test data — a test set kept
apart, pre-processing and feature selection learned on training rows only, no duplicates
across the split."""

from __future__ import annotations

import re

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import (
    concerns_from,
    make_item,
    names,
    not_run,
    split_evidence,
    split_words,
)
from workbench.language import _, ngettext
from workbench.store.judgements import Evidence, LeakageItem
from workbench.wording import count, pct, times

SELECTOR = re.compile(r"select|rfe|variancethreshold|kbest|percentile|frommodel|boruta", re.I)


# -- L1.1 ----------------------------------------------------------------------------------------
def no_test_set(x: ChecklistInputs) -> LeakageItem:
    s, ev = x.leakage.split, x.evaluation
    scored = max(ev.holdout_scored, int(x.manifest.get("holdout_scored") or 0))
    done = _(
        "A {split} set aside {test} rows ({share}) before any model was built. Baselines and "
        "tuning used {folds}-fold cross-validation inside the {train} training rows only; the "
        "holdout was scored in the evaluation stage."
    ).format(
        split=split_words(s),
        test=count(s.test_rows),
        share=pct(s.test_share, 0),
        folds=s.cv_folds,
        train=count(s.train_rows),
    )
    evidence = [
        split_evidence(x),
        Evidence(
            source="evaluation.json: holdout_scored",
            detail=_("the test part was scored {times} in this run, on {rows} rows").format(
                times=times(scored), rows=count(ev.test_rows)
            ),
            numbers={"holdout_scored": scored, "test_rows": ev.test_rows},
        ),
    ]
    if x.tuning is not None:
        check = x.tuning.confirmation
        folds = len(x.tuning.cv.fold_scores)
        detail = (
            _(
                "the tuned configuration was chosen on {folds} cross-validation folds of the "
                "training part, then confirmed on {fit} training rows scored on {validation} "
                "others of the training part"
            ).format(
                folds=folds, fit=count(check.fit_rows), validation=count(check.validation_rows)
            )
            if check
            else _(
                "the tuned configuration was chosen on {folds} cross-validation folds of the "
                "training part"
            ).format(folds=folds)
        )
        evidence.append(
            Evidence(source="tuning.json: cv" + (", confirmation" if check else ""), detail=detail)
        )
    concerns = []
    if s.test_rows == 0 or ev.test_rows == 0:
        concerns.append(_("There is no test part: every score comes from rows the model saw."))
    elif ev.test_rows != s.test_rows:
        concerns.append(
            _(
                "The evaluation scored {scored} rows but the split set aside {kept}: the scored "
                "rows are not the part the split kept apart."
            ).format(scored=count(ev.test_rows), kept=count(s.test_rows))
        )
    elif scored > 1:
        concerns.append(
            _(
                "The test part was scored {n} times in this run (evaluation.json "
                "holdout_scored): whatever changed between the scorings was chosen with the "
                "holdout in view, so it is no longer an untouched test."
            ).format(n=count(scored))
        )
    return make_item(x, "leakage.no_test_set", done, evidence, concerns)


# -- L1.2 ----------------------------------------------------------------------------------------
def pipeline_steps(pipes: dict[str, list[str]]) -> str:
    """Each model's pipeline, `candidate: prepare → model; baseline: …`."""
    return "; ".join(f"{role}: {' → '.join(steps)}" for role, steps in pipes.items())


def _pipelines_evidence(x: ChecklistInputs) -> Evidence:
    pipes = x.evaluation.pipelines
    return Evidence(
        source="evaluation.json: pipelines",
        detail=pipeline_steps(pipes) if pipes else _("no pipeline steps recorded"),
    )


def preprocessing(x: ChecklistInputs) -> LeakageItem:
    pipes = x.evaluation.pipelines
    done = _(
        "Every model is a scikit-learn pipeline whose first step, `prepare`, learns imputation, "
        "encoding and scaling from the rows it is fitted on: within each cross-validation fold, "
        "and on the training part alone for the holdout. Before that, the data stage only "
        "converted each value to the contract's type, value by value, using no statistic of "
        "the data."
    )
    checks = ("batch_prediction", "shuffled_labels")
    evidence = [_pipelines_evidence(x), *(x.check_evidence(c) for c in checks)]
    raised, concerns, _columns = concerns_from(x, checks)
    if not pipes:
        concerns.insert(
            0,
            _(
                "evaluation.json records no pipeline steps, so this run cannot show where "
                "pre-processing was fitted."
            ),
        )
    outside = [
        role for role, steps in pipes.items() if not steps or not steps[0].startswith("prepare")
    ]
    if outside:
        concerns.insert(
            0,
            ngettext(
                "The {roles} pipeline does not start with the in-pipeline `prepare` step: its "
                "inputs may have been transformed outside the pipeline, on all rows.",
                "The {roles} pipelines do not start with the in-pipeline `prepare` step: their "
                "inputs may have been transformed outside the pipeline, on all rows.",
                len(outside),
            ).format(roles=", ".join(outside)),
        )
    return make_item(x, "leakage.preprocessing", done, evidence, concerns, raised=raised)


# -- L1.3 ----------------------------------------------------------------------------------------
def feature_selection(x: ChecklistInputs) -> LeakageItem:
    d, pipes = x.data, x.evaluation.pipelines
    kept_out = {c: why for c, why in x.excluded.items() if c != d.target}
    done = _(
        "The model's inputs are the columns the data contract declares as features known at "
        "prediction time (not PII, not sensitive): a declaration made before modelling, not a "
        "choice made from the data. The checks that judge columns one by one (single_feature, "
        "missingness_signal, label_proxies, importance_dominance) read training rows only."
    )
    inputs = ngettext(
        "{n} model input, as the contract declares it: {names}",
        "{n} model inputs, as the contract declares them: {names}",
        len(d.features),
    ).format(n=count(len(d.features)), names=names(d.features))
    detail = (
        _("{inputs}; kept out: {columns}").format(
            inputs=inputs,
            columns=", ".join(f"'{c}' — {why}" for c, why in kept_out.items()),
        )
        if kept_out
        else inputs
    )
    evidence = [Evidence(source="data.json: features", detail=detail, columns=d.features)]
    concerns = []
    if pipes:
        selectors = [f"{r}: {s}" for r, steps in pipes.items() for s in steps if SELECTOR.search(s)]
        evidence.append(
            Evidence(
                source="evaluation.json: pipelines",
                detail=_("no pipeline step selects features")
                if not selectors
                else _(
                    "feature selection is a pipeline step ({steps}), so it is refitted on each "
                    "training part and never sees the test rows"
                ).format(steps="; ".join(selectors)),
            )
        )
    else:
        concerns.append(
            _(
                "evaluation.json records no pipeline steps, so this run cannot show that no step "
                "chose features on all the rows."
            )
        )
    if x.tuning is not None:
        evidence.append(
            Evidence(
                source="tuning.json: params",
                detail=_(
                    "tuning searched hyperparameters of {family} only ({params}), by "
                    "cross-validation on the training part"
                ).format(family=x.tuning.family, params=", ".join(x.tuning.params)),
            )
        )
    return make_item(x, "leakage.feature_selection", done, evidence, concerns)


# -- L1.4 ----------------------------------------------------------------------------------------
def duplicates(x: ChecklistInputs) -> LeakageItem:
    checks = ("shared_rows", "near_duplicates", "text_copies")
    done = _(
        "Every test row was hashed and compared with the training rows on the model's inputs: "
        "exactly, and after normalising (numbers rounded, text lower-cased and trimmed, dates "
        "to the day); free text was compared by the rare word triples it shares with training "
        "texts of the same outcome (text_copies)."
    )
    evidence = [x.check_evidence(c) for c in checks]
    evidence.append(
        Evidence(
            source="data.json: duplicate_rows",
            detail=ngettext(
                "{n} row of the file repeats another row in every column",
                "{n} rows of the file repeat another row in every column",
                x.data.duplicate_rows,
            ).format(n=count(x.data.duplicate_rows)),
            numbers={"duplicate_rows": x.data.duplicate_rows},
        )
    )
    raised, concerns, columns = concerns_from(x, checks)
    concerns = not_run(x, checks) + concerns
    return make_item(x, "leakage.duplicates", done, evidence, concerns, columns, raised)
