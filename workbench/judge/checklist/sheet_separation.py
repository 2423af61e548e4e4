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
)
from workbench.store.judgements import Evidence, LeakageItem
from workbench.wording import times

SELECTOR = re.compile(r"select|rfe|variancethreshold|kbest|percentile|frommodel|boruta", re.I)


# -- L1.1 ----------------------------------------------------------------------------------------
def no_test_set(x: ChecklistInputs) -> LeakageItem:
    s, ev = x.leakage.split, x.evaluation
    scored = max(ev.holdout_scored, int(x.manifest.get("holdout_scored") or 0))
    done = (
        f"A {s.strategy} split set aside {s.test_rows:,} rows ({s.test_share:.0%}) before any "
        f"model was built. Baselines and tuning used {s.cv_folds}-fold cross-validation inside "
        f"the {s.train_rows:,} training rows only; the holdout was scored in the evaluation stage."
    )
    evidence = [
        split_evidence(x),
        Evidence(
            source="evaluation.json: holdout_scored",
            detail=f"the test part was scored {times(scored)} in this run, on {ev.test_rows:,} "
            "rows",
            numbers={"holdout_scored": scored, "test_rows": ev.test_rows},
        ),
    ]
    if x.tuning is not None:
        check = x.tuning.confirmation
        evidence.append(
            Evidence(
                source="tuning.json: cv" + (", confirmation" if check else ""),
                detail=f"the tuned configuration was chosen on {len(x.tuning.cv.fold_scores)} "
                "cross-validation folds of the training part"
                + (
                    f", then confirmed on {check.fit_rows:,} training rows scored on "
                    f"{check.validation_rows:,} others of the training part"
                    if check
                    else ""
                ),
            )
        )
    concerns = []
    if s.test_rows == 0 or ev.test_rows == 0:
        concerns.append("There is no test part: every score comes from rows the model saw.")
    elif ev.test_rows != s.test_rows:
        concerns.append(
            f"The evaluation scored {ev.test_rows:,} rows but the split set aside "
            f"{s.test_rows:,}: the scored rows are not the part the split kept apart."
        )
    elif scored > 1:
        concerns.append(
            f"The test part was scored {scored} times in this run (evaluation.json "
            "holdout_scored): whatever changed between the scorings was chosen with the holdout "
            "in view, so it is no longer an untouched test."
        )
    return make_item(x, "leakage.no_test_set", done, evidence, concerns)


# -- L1.2 ----------------------------------------------------------------------------------------
def _pipelines_evidence(x: ChecklistInputs) -> Evidence:
    pipes = x.evaluation.pipelines
    return Evidence(
        source="evaluation.json: pipelines",
        detail="; ".join(f"{role}: {' → '.join(steps)}" for role, steps in pipes.items())
        if pipes
        else "no pipeline steps recorded",
    )


def preprocessing(x: ChecklistInputs) -> LeakageItem:
    pipes = x.evaluation.pipelines
    done = (
        "Every model is a scikit-learn pipeline whose first step, `prepare`, learns imputation, "
        "encoding and scaling from the rows it is fitted on: within each cross-validation fold, "
        "and on the training part alone for the holdout. Before that, the data stage only "
        "converted each value to the contract's type, value by value, using no statistic of "
        "the data."
    )
    checks = ("batch_prediction", "shuffled_labels")
    evidence = [_pipelines_evidence(x), *(x.check_evidence(c) for c in checks)]
    raised, concerns, _ = concerns_from(x, checks)
    if not pipes:
        concerns.insert(
            0,
            "evaluation.json records no pipeline steps, so this run cannot show where "
            "pre-processing was fitted.",
        )
    outside = [
        role for role, steps in pipes.items() if not steps or not steps[0].startswith("prepare")
    ]
    if outside:
        concerns.insert(
            0,
            f"The {', '.join(outside)} pipeline does not start with the in-pipeline `prepare` "
            "step: its inputs may have been transformed outside the pipeline, on all rows.",
        )
    return make_item(x, "leakage.preprocessing", done, evidence, concerns, raised=raised)


# -- L1.3 ----------------------------------------------------------------------------------------
def feature_selection(x: ChecklistInputs) -> LeakageItem:
    d, pipes = x.data, x.evaluation.pipelines
    kept_out = {c: why for c, why in x.excluded.items() if c != d.target}
    done = (
        "The model's inputs are the columns the data contract declares as features known at "
        "prediction time (not PII, not sensitive): a declaration made before modelling, not a "
        "choice made from the data. The checks that judge columns one by one (single_feature, "
        "missingness_signal, label_proxies, importance_dominance) read training rows only."
    )
    detail = f"{len(d.features)} model inputs, as the contract declares them: {names(d.features)}"
    if kept_out:
        detail += "; kept out: " + ", ".join(f"'{c}' — {why}" for c, why in kept_out.items())
    evidence = [Evidence(source="data.json: features", detail=detail, columns=d.features)]
    concerns = []
    if pipes:
        selectors = [f"{r}: {s}" for r, steps in pipes.items() for s in steps if SELECTOR.search(s)]
        evidence.append(
            Evidence(
                source="evaluation.json: pipelines",
                detail="no pipeline step selects features"
                if not selectors
                else f"feature selection is a pipeline step ({'; '.join(selectors)}), so it is "
                "refitted on each training part and never sees the test rows",
            )
        )
    else:
        concerns.append(
            "evaluation.json records no pipeline steps, so this run cannot show that no step "
            "chose features on all the rows."
        )
    if x.tuning is not None:
        evidence.append(
            Evidence(
                source="tuning.json: params",
                detail=f"tuning searched hyperparameters of {x.tuning.family} only "
                f"({', '.join(x.tuning.params)}), by cross-validation on the training part",
            )
        )
    return make_item(x, "leakage.feature_selection", done, evidence, concerns)


# -- L1.4 ----------------------------------------------------------------------------------------
def duplicates(x: ChecklistInputs) -> LeakageItem:
    checks = ("shared_rows", "near_duplicates", "text_copies")
    done = (
        "Every test row was hashed and compared with the training rows on the model's inputs: "
        "exactly, and after normalising (numbers rounded, text lower-cased and trimmed, dates "
        "to the day); free text was compared by the rare word triples it shares with training "
        "texts of the same outcome (text_copies)."
    )
    evidence = [x.check_evidence(c) for c in checks]
    evidence.append(
        Evidence(
            source="data.json: duplicate_rows",
            detail=f"{x.data.duplicate_rows:,} rows of the file repeat another row in every column",
            numbers={"duplicate_rows": x.data.duplicate_rows},
        )
    )
    raised, concerns, columns = concerns_from(x, checks)
    concerns = not_run(x, checks) + concerns
    return make_item(x, "leakage.duplicates", done, evidence, concerns, columns, raised)
