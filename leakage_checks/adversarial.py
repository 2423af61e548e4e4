"""Train/test distinguishability (adversarial validation): if a classifier can tell training
rows from test rows, the holdout is not the population the claim is about."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.single_feature import univariate_scores
from leakage_checks.speech import _, number
from leakage_checks.util import quick_model, sample_rows, score


@register("train_test_distinguishable", N_("Can a model tell training rows from test rows?"))
def train_test_distinguishable(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    feats = [c for c in roles.features if c != roles.time_column]
    if not feats or len(frames.X_test) < 20:
        raise NotApplicable(_("there are no model inputs or fewer than 20 test rows"))
    limit = int(settings["model_check_max_rows"]) // 2
    tr, _unused = sample_rows(frames.X_train[feats], frames.y_train, limit, roles.seed)
    te, _unused = sample_rows(frames.X_test[feats], frames.y_test, limit, roles.seed + 1)
    X = pd.concat([tr, te], ignore_index=True)
    is_test = pd.Series(np.r_[np.zeros(len(tr), int), np.ones(len(te), int)])
    model = quick_model(X, "binary", roles.seed)
    proba = cross_val_predict(
        model,
        X,
        is_test,
        cv=StratifiedKFold(3, shuffle=True, random_state=roles.seed),
        method="predict_proba",
    )
    auc = score(is_test.to_numpy(), proba, "binary")
    if auc < settings["adversarial_warning"]:
        return []
    per_feature = univariate_scores(X, is_test, "binary", roles.seed)
    top = [c for c, _ in sorted(per_feature.items(), key=lambda kv: -kv[1])[:3]]
    # a time split is meant to differ (drift); a group split holds other entities, whose
    # attributes differ by design: both are information, not a flaw of the holdout
    expected = roles.split_strategy in ("time", "group")
    return [
        Finding(
            check="train_test_distinguishable",
            severity="info" if expected else "warning",
            columns=top,
            evidence={"auc": round(auc, 4), **{f"auc_{c}": round(per_feature[c], 4) for c in top}},
            message=(
                _(
                    "A model tells training rows from test rows with AUC {auc}, mostly through "
                    "{columns}. With a time split some difference is expected: it is the drift "
                    "the model will meet."
                )
                if roles.split_strategy == "time"
                else _(
                    "A model tells training rows from test rows with AUC {auc}, mostly through "
                    "{columns}. With a group split the test part holds other entities, whose "
                    "attributes differ: it is the variety of entities the model will meet."
                )
                if expected
                else _(
                    "A model tells training rows from test rows with AUC {auc}, mostly through "
                    "{columns}. The holdout differs from the data the model learned from, so its "
                    "score is a less certain guide to the population the claim is about."
                )
            ).format(auc=number(auc, 2), columns=", ".join(top)),
            fix=(
                _(
                    "Compare the parts on the named features; if the difference is real drift, treat the "
                    "holdout score as uncertain and monitor those features after deployment."
                )
            ),
        )
    ]
