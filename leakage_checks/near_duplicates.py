"""Near-duplicates across the split: rows equal after rounding numbers and normalising text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from leakage_checks.duplicates import row_hashes
from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import register


def normalise(frame: pd.DataFrame, digits: int) -> pd.DataFrame:
    """Numbers rounded to `digits` significant digits, text lower-cased with spaces collapsed,
    dates to the day."""
    out = {}
    for name, col in frame.items():
        if pd.api.types.is_bool_dtype(col):
            out[name] = col.astype("float64")
        elif pd.api.types.is_numeric_dtype(col) and not isinstance(col.dtype, pd.CategoricalDtype):
            v = col.astype("float64").to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                mag = np.where(v == 0, 0, np.floor(np.log10(np.abs(v))))
                scale = 10.0 ** (digits - 1 - np.nan_to_num(mag))
                out[name] = np.round(v * scale) / scale
        elif pd.api.types.is_datetime64_any_dtype(col):
            out[name] = col.dt.floor("D")
        else:
            text = col.astype("str").str.lower().str.strip().str.replace(r"\s+", " ", regex=True)
            out[name] = text.where(col.notna())
    return pd.DataFrame(out, index=frame.index)


@register("near_duplicates", "Do test rows nearly repeat training rows (rounding, case, spacing)?")
def near_duplicates(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    cols = roles.features
    if not cols or len(frames.X_test) == 0:
        return []
    digits = int(settings["near_duplicate_digits"])
    exact_train = row_hashes(frames.X_train[cols])
    exact_test = row_hashes(frames.X_test[cols])
    near_train = row_hashes(normalise(frames.X_train[cols], digits))
    near_test = row_hashes(normalise(frames.X_test[cols], digits))
    near_only = np.isin(near_test, near_train) & ~np.isin(exact_test, exact_train)
    share = float(near_only.mean())
    if share < settings["near_duplicates_warning"]:
        return []
    return [
        Finding(
            check="near_duplicates",
            severity="warning",
            columns=[],
            evidence={
                "share_test_rows": round(share, 4),
                "rows": int(near_only.sum()),
                "significant_digits": digits,
            },
            message=(
                f"{share:.1%} of test rows match a training row once numbers are rounded to "
                f"{digits} significant digits and text is normalised, without being exact copies: "
                "the same records entered twice, with small differences."
            ),
            fix="De-duplicate records with a normalised key before splitting, or split by the entity.",
        )
    ]
