"""When each column becomes known: what the data cannot tell, the contract asks.

`workbench init` scores every candidate input on its own (out of fold, the leakage checks'
`univariate_scores`), shows the strongest with their scores, and asks when each becomes known
(`known_at` in the contract: before the decision, at the decision, after the outcome, or
unknown). A strong column whose timing stays unknown gets the score without it on page one.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.errors import BadInput

KNOWN_AT = ("before_decision", "at_decision", "after_outcome", "unknown")
# what a person may type for each value
SHORT = {"before": "before_decision", "at": "at_decision", "after": "after_outcome"}
STRONGEST = 5  # columns asked about, the strongest first
MIN_SCORE = {"AUC": 0.6, "R²": 0.05}  # weaker than this alone: nothing to ask about
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Strength:
    """A column's score on its own: AUC (classes) or R² (a number), out of fold."""

    column: str
    score: float
    metric: str

    @property
    def words(self) -> str:
        return f"{self.metric} {self.score:.2f}"


def known_at_value(text: str, field: str = "--known-at") -> str:
    """A `known_at` value from what a person typed (the full value or before / at / after)."""
    value = SHORT.get(text.strip().lower(), text.strip().lower())
    if value not in KNOWN_AT:
        raise BadInput(
            f"'{text}' is no time a column becomes known",
            field=field,
            fix=f"use one of {', '.join(KNOWN_AT)} (or before, at, after)",
        )
    return value


def parse_known_at(items: list[str], columns: list[str]) -> dict[str, str]:
    """`COL=WHEN` options as {column: known_at}; the column must be in the data."""
    out = {}
    for item in items:
        name, sep, when = item.rpartition("=")
        if not sep or not name:
            raise BadInput(
                f"'{item}' is not COLUMN=WHEN",
                field="--known-at",
                fix="e.g. --known-at bureau_score=at_decision",
            )
        if name not in columns:
            raise BadInput(
                f"'{name}' is not a column of the data",
                field="--known-at",
                fix=f"name one of: {', '.join(map(str, columns[:30]))}",
            )
        out[name] = known_at_value(when)
    return out


def encoded_target(y: pd.Series, task: str, positive: str | None) -> pd.Series:
    """The target as the leakage checks read it: 0/1, class codes, or numbers."""
    if task == "regression":
        return pd.to_numeric(y, errors="coerce")
    if task == "binary":
        return (y.astype("str") == str(positive)).astype(int)
    return pd.Series(pd.factorize(y.astype("str"), sort=True)[0], index=y.index)


def strongest_columns(
    frame: pd.DataFrame, target: str, task: str, positive: str | None, candidates: list[str]
) -> list[Strength]:
    """The `STRONGEST` candidates that predict the target best on their own (at most 20,000
    rows with a known target), above `MIN_SCORE`, the strongest first."""
    from leakage_checks.single_feature import univariate_scores

    known = frame[frame[target].notna()]
    if len(known) > MAX_ROWS:
        known = known.sample(MAX_ROWS, random_state=0)
    y = encoded_target(known[target], task, positive)
    if y.nunique() < 2 or (task != "regression" and y.value_counts().min() < 3):
        return []
    cols = [c for c in candidates if c in known.columns]
    metric = "R²" if task == "regression" else "AUC"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = univariate_scores(known[cols], y.reset_index(drop=True), task, 0)
    ranked = sorted(
        (Strength(c, round(float(v), 4), metric) for c, v in scores.items() if np.isfinite(v)),
        key=lambda s: -s.score,
    )
    return [s for s in ranked if s.score >= MIN_SCORE[metric]][:STRONGEST]
