"""Rows shared by the training and test parts (exact duplicates, by hashing)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row, independent of the index."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


@register("shared_rows", "Do test rows also appear, identically, in the training part?")
def shared_rows(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = roles.features
    if not cols or len(frames.X_test) == 0:
        return []
    train_x = row_hashes(frames.X_train[cols])
    test_x = row_hashes(frames.X_test[cols])
    train_xy = row_hashes(frames.X_train[cols].assign(__y=frames.y_train.to_numpy()))
    test_xy = row_hashes(frames.X_test[cols].assign(__y=frames.y_test.to_numpy()))
    share_x = float(np.isin(test_x, train_x).mean())
    share_xy = float(np.isin(test_xy, train_xy).mean())
    if share_x < settings["shared_rows_warning"]:
        return []
    severity = "critical" if share_xy >= settings["shared_rows_critical"] else "warning"
    n = len(test_x)
    return [
        Finding(
            check="shared_rows",
            severity=severity,
            columns=[],
            evidence={
                "test_rows": n,
                "share_features_in_train": round(share_x, 4),
                "share_features_and_target_in_train": round(share_xy, 4),
                "rows_features_and_target_in_train": round(share_xy * n),
            },
            message=(
                f"{share_x:.1%} of test rows have the same feature values as a training row "
                f"({share_xy:.1%} with the same outcome too). The holdout score partly measures "
                "how well the model remembers rows it was trained on."
            ),
            fix=(
                "Find out why rows repeat (duplicated records, several rows per entity). Remove true "
                "duplicates before splitting, or declare the entity as the group column and split by it."
            ),
        )
    ]
