"""Label proxies: categories that map (almost) one-to-one to the outcome, and columns whose
name contains the target's name."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.registry import N_, register
from leakage_checks.speech import _, pct


def purity(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    """Share of rows whose category's majority outcome is their own outcome, counting only
    categories seen at least twice; and the share of rows those categories cover."""
    codes = pd.factorize(x, use_na_sentinel=False)[0]  # missing is a category of its own
    labels = pd.factorize(y)[0]
    per_category = np.bincount(codes)
    kept = per_category[codes] >= 2
    if not kept.any():
        return 0.0, 0.0
    table = np.zeros((per_category.size, labels.max() + 1), dtype=np.int64)
    np.add.at(table, (codes[kept], labels[kept]), 1)
    return float(table.max(axis=1).sum() / kept.sum()), float(kept.mean())


@register(
    "label_proxies",
    N_("Does a category map one-to-one to the outcome, or a column carry the target's name?"),
)
def label_proxies(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    out = []
    X, y = frames.X_train, frames.y_train
    if roles.task != "regression":
        base = float(y.value_counts(normalize=True).max())
        for col in roles.features:
            s = X[col]
            if pd.api.types.is_numeric_dtype(s) and not isinstance(s.dtype, pd.CategoricalDtype):
                continue
            if s.nunique() < 2 or s.nunique() > len(s) / 2:
                continue
            p, coverage = purity(s, y)
            if p >= settings["proxy_purity_critical"] and coverage >= 0.5 and base < 0.95:
                out.append(
                    Finding(
                        check="label_proxies",
                        severity="critical",
                        columns=[col],
                        evidence={
                            "purity": round(p, 4),
                            "coverage": round(coverage, 4),
                            "majority_class_share": round(base, 4),
                        },
                        message=_(
                            "Each category of '{column}' almost always comes with one outcome "
                            "({share} of rows follow their category's majority, where guessing "
                            "the most common outcome gets {base}): it is a relabelled copy of the "
                            "target."
                        ).format(column=col, share=pct(p, 1), base=pct(base, 0)),
                        fix=_(
                            "Find out what '{column}' records; if it is set from the outcome, "
                            "exclude it."
                        ).format(column=col),
                    )
                )
    if roles.target_name:
        stem = re.sub(r"[^a-z0-9]", "", roles.target_name.lower())
        for col in roles.features:
            if len(stem) >= 3 and stem in re.sub(r"[^a-z0-9]", "", col.lower()):
                out.append(
                    Finding(
                        check="label_proxies",
                        severity="warning",
                        columns=[col],
                        evidence={"name_match": 1.0},
                        message=_(
                            "The column name '{column}' contains the target's name "
                            "('{target}'): it may be derived from the outcome."
                        ).format(column=col, target=roles.target_name),
                        fix=_(
                            "Confirm how '{column}' is computed and that it is known at "
                            "prediction time."
                        ).format(column=col),
                    )
                )
    return out
