"""Conflicting labels: identical inputs with different outcomes, and repeated labelled rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.duplicates import row_hashes
from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register


@register("conflicting_labels", "Do identical inputs come with different outcomes?")
def conflicting_labels(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    if not roles.features or roles.task == "regression":
        return []
    X = pd.concat([frames.X_train[roles.features], frames.X_test[roles.features]])
    y = np.concatenate([frames.y_train.to_numpy(), frames.y_test.to_numpy()])
    keys = row_hashes(X)
    frame = pd.DataFrame({"k": keys, "y": y})
    groups = frame.groupby("k")["y"]
    repeated = groups.transform("size") > 1
    conflicting = groups.transform("nunique") > 1
    share_conflict = float(conflicting.mean())
    share_repeat = float(repeated.mean())
    if share_conflict < settings["conflicting_labels_info"]:
        return []
    severity = "warning" if share_conflict >= settings["conflicting_labels_warning"] else "info"
    return [
        Finding(
            check="conflicting_labels",
            severity=severity,
            columns=[],
            evidence={
                "share_rows_conflicting": round(share_conflict, 4),
                "share_rows_repeated": round(share_repeat, 4),
                "rows_conflicting": int(conflicting.sum()),
            },
            message=(
                f"{share_conflict:.1%} of rows have the same inputs as another row but a different "
                "outcome: either the inputs miss what decides the outcome, or labels are noisy. "
                "No model can be right on both rows of such a pair."
            ),
            fix=(
                "Check with the data owner whether these are data-entry errors or genuinely "
                "indistinguishable cases; report the score ceiling they impose."
            ),
        )
    ]
