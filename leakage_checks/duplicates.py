"""Rows shared by the training and test parts (exact repeats, by hashing), judged against the
rate at which training rows repeat each other: coarse inputs repeat by nature."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.util import excess_p_value


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row, independent of the index."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def with_target(hashes: np.ndarray, y: pd.Series) -> np.ndarray:
    """Row hashes that also tell the outcome apart."""
    return hashes ^ pd.util.hash_array(y.to_numpy())


def repeat_shares(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each test row, whether its key is among the training keys; for each training row,
    whether its key occurs on another training row (the chance rate: what a new row drawn from
    the same population finds in the training part, measured without crossing the split)."""
    keys = pd.Series(train)
    return pd.Series(test).isin(keys).to_numpy(), keys.duplicated(keep=False).to_numpy()


def judge_excess(across: np.ndarray, within: np.ndarray, settings: dict, prefix: str):
    """The excess of repeats across the split over chance, its p-value and its severity (None
    when it is neither large nor significant enough to report)."""
    share_a, share_w = float(across.mean()), float(within.mean())
    excess = share_a - share_w
    p = excess_p_value(int(across.sum()), len(across), int(within.sum()), len(within))
    if p >= settings["repeat_p_value"] or excess < settings[f"{prefix}_warning"]:
        return excess, p, None
    return excess, p, "critical" if excess >= settings[f"{prefix}_critical"] else "warning"


@register(
    "shared_rows",
    N_("Do test rows repeat training rows more often than training rows repeat each other?"),
)
def shared_rows(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = roles.features
    if not cols or len(frames.X_test) == 0 or len(frames.X_train) < 2:
        raise NotApplicable("there are no model inputs or no rows on one side of the split")
    across, within = repeat_shares(
        row_hashes(frames.X_train[cols]), row_hashes(frames.X_test[cols])
    )
    train_xy = row_hashes(frames.X_train[cols].assign(__y=frames.y_train.to_numpy()))
    test_xy = row_hashes(frames.X_test[cols].assign(__y=frames.y_test.to_numpy()))
    across_xy, _ = repeat_shares(train_xy, test_xy)
    excess, p, severity = judge_excess(across, within, settings, "shared_rows")
    share_x, share_w = float(across.mean()), float(within.mean())
    evidence = {
        "test_rows": len(across),
        "share_test_rows_repeating_training": round(share_x, 4),
        "share_training_rows_repeating_training": round(share_w, 4),
        "excess_over_chance": round(excess, 4),
        "p_value": float(f"{p:.3g}"),
        "share_features_and_target_in_train": round(float(across_xy.mean()), 4),
    }
    if severity is None:
        if share_x < 0.01:
            return []
        return [
            Finding(
                check="shared_rows",
                severity="info",
                columns=[],
                evidence=evidence,
                message=(
                    f"{share_x:.1%} of test rows have the same model inputs as a training row, "
                    f"about as often as training rows repeat each other ({share_w:.1%}): the "
                    "inputs are coarse, or records repeat throughout the data, not across the "
                    "split in particular. New rows will repeat training rows as often."
                ),
                fix=(
                    "Nothing to fix for the split. If the repeats are duplicated records rather "
                    "than coarse inputs, remove them before splitting (the data audit counts them)."
                ),
            )
        ]
    return [
        Finding(
            check="shared_rows",
            severity=severity,
            columns=[],
            evidence=evidence,
            message=(
                f"{share_x:.1%} of test rows have the same model inputs as a training row, "
                f"where training rows repeat each other only {share_w:.1%} of the time: "
                f"{excess:.1%} of the holdout are copies beyond chance (p = {p:.2g}). Their "
                "score measures how well the model remembers rows it was trained on."
            ),
            fix=(
                "Find out how the copies reached the test part (records entered twice, an "
                "extract appended to itself, several rows per entity). Remove true duplicates "
                "before splitting, or declare the entity as the group column and split by it."
            ),
        )
    ]
