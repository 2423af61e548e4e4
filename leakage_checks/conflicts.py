"""Conflicting labels: identical inputs with different outcomes. Label noise, or inputs that
miss what decides the outcome: it bounds the score a model can reach, and is reported as
information about the data, not as a leak."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.repeats import row_hashes
from leakage_checks.speech import _, pct


@register("conflicting_labels", N_("Do identical inputs come with different outcomes?"))
def conflicting_labels(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features:
        raise NotApplicable(_("there are no model inputs"))
    if roles.task == "regression":
        raise NotApplicable(_("a numeric outcome has no conflicting labels to count"))
    X = pd.concat([frames.X_train[roles.features], frames.X_test[roles.features]])
    y = np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()])
    frame = pd.DataFrame({"k": row_hashes(X), "y": y})
    groups = frame.groupby("k")["y"]
    repeated = groups.transform("size") > 1
    conflicting = groups.transform("nunique") > 1
    share_conflict = float(conflicting.mean())
    if share_conflict < settings["conflicting_labels_info"]:
        return []
    # the best any model can do on these rows: the majority outcome of each set of twins
    majority = frame[conflicting].groupby("k")["y"].agg(lambda s: s.value_counts().iloc[0]).sum()
    ceiling = 1 - (conflicting.sum() - majority) / len(frame)
    return [
        Finding(
            check="conflicting_labels",
            severity="info",
            columns=[],
            evidence={
                "share_rows_conflicting": round(share_conflict, 4),
                "share_rows_repeated": round(float(repeated.mean()), 4),
                "rows_conflicting": int(conflicting.sum()),
                "accuracy_ceiling": round(float(ceiling), 4),
            },
            message=_(
                "{share} of rows have the same inputs as another row but a different outcome: "
                "the inputs do not decide the outcome on their own (coarse inputs, or noisy "
                "labels). No model can be right on both rows of such a pair; accuracy cannot "
                "exceed {ceiling}. This is not a leak."
            ).format(share=pct(share_conflict), ceiling=pct(ceiling)),
            fix=(
                _(
                    "If the conflicts are data-entry errors, ask the data owner to correct them; "
                    "otherwise read the scores against this ceiling."
                )
            ),
        )
    ]
