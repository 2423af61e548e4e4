"""A category's levels that are all of one class, taken together. A status written after the
outcome often spreads it over several levels ('breakdown' and 'emergency repair', 'lost' and
'won back'), each too small for a subset of its own; together they are one. The levels are
chosen on one half of the rows and judged on the other, so a level pure by chance in a few
rows does not stay pure."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from leakage_checks.certainty import Subset, certain_subset
from leakage_checks.speech import _
from leakage_checks.util import is_number

SHOWN = 5  # levels named in the finding's words


def level_text(col: pd.Series) -> np.ndarray | None:
    """A category's values as text (missing as '(missing)'), or None for numbers, dates and
    yes/no columns, which have no levels to group."""
    if (
        is_number(col)
        or pd.api.types.is_datetime64_any_dtype(col)
        or pd.api.types.is_bool_dtype(col)
    ):
        return None
    return col.astype("str").where(col.notna(), "(missing)").to_numpy()


def pure_levels(text: np.ndarray, y: np.ndarray, least: int) -> dict[int, list[str]]:
    """Per class, the levels whose rows (at least `least` of them) are all of that class, when
    there are two or more such levels (one level alone is a leaf of the one-column tree)."""
    table = pd.crosstab(text, y)
    table = table[table.sum(axis=1) >= least]
    out = {}
    for label in table.columns:
        levels = table.index[table[label] == table.sum(axis=1)].tolist()
        if len(levels) >= 2:
            out[int(label)] = sorted(levels)
    return out


def level_groups(
    X: pd.DataFrame, y: np.ndarray, settings: dict, parts: list, jump: float
) -> Iterator[tuple[Subset, str, list[str]]]:
    """For each category and each half of the rows: the levels all of one class in that half
    (`subset_group_min_rows` rows each), judged on the other half against the column's other
    rows (`certain_subset`, with `jump`). Yields (Subset, words, [column])."""
    least = int(settings["subset_group_min_rows"])
    for name, col in X.items():
        text = level_text(col)
        if text is None:
            continue
        for fit, judge in parts:
            for label, levels in pure_levels(text[fit], y[fit], least).items():
                inside = np.isin(text[judge], levels)
                found = certain_subset(inside, ~inside, y[judge], settings, len(y), jump=jump)
                if found is None or found.label != label:
                    continue
                chosen = int(np.isin(text[fit], levels).sum())  # all of `label` there
                found.fit_counts = (chosen, chosen)
                found.levels = tuple(levels)
                found.missing = "(missing)" in levels
                shown = ", ".join(f"'{v}'" for v in levels[:SHOWN])
                if len(levels) > SHOWN:
                    shown = _("{levels} and {n} more").format(levels=shown, n=len(levels) - SHOWN)
                words = _("'{column}' is one of {levels}").format(column=name, levels=shown)
                yield found, words, [name]
