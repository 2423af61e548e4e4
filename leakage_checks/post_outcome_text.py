"""Text written after the outcome: a resolution note or a closing code appended to what the
customer wrote. Its words tell the class and sit at the end of the text, where the honest words
of a topic do not gather: they are spread over the whole text."""

from __future__ import annotations

import numpy as np
from scipy import stats

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.free_text import (
    WordTable,
    classification_text,
    quoted,
    telling,
    word_table,
)
from leakage_checks.label_words import coverage, shown_terms
from leakage_checks.registry import register
from leakage_checks.speech import _, count, ngettext, pct


def late_terms(table: WordTable, settings: dict) -> tuple[np.ndarray, float]:
    """Terms that tell the class at least as purely as the data's purest honest words and sit
    in the last third of the text in `late_text_share` of their rows or more, significantly more
    often than words do there; and that typical share (the median over the terms)."""
    t = telling(table, settings)
    in_thirds = table.by_third.sum(axis=1)
    late = table.by_third[:, 2] / np.maximum(in_thirds, 1)
    typical = float(np.median(late[in_thirds > 0])) if (in_thirds > 0).any() else 1 / 3
    base = max(0.5, typical)
    p_late = stats.binom.sf(table.by_third[:, 2] - 1, in_thirds, base)
    alpha = settings["late_text_p_value"]
    pure = (t.impurity <= t.ceiling) & (t.p_value < alpha)
    gathered = (late >= settings["late_text_share"]) & (p_late < alpha)
    return np.flatnonzero(pure & gathered), typical


@register(
    "post_outcome_text",
    "Does the end of a free-text input tell the outcome in words the rest of the text does not "
    "use (a resolution note or closing code written after the fact)?",
)
def post_outcome_text(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    out = []
    for column in classification_text(frames, roles):
        table = word_table(frames, column, settings, roles.seed)
        terms, typical = late_terms(table, settings)
        if len(terms) == 0:
            continue
        share_all, share_test = coverage(table, terms, table.in_last)
        if share_test >= settings["late_text_critical"]:
            severity = "critical"
        elif share_test >= settings["late_text_warning"]:
            severity = "warning"
        else:
            severity = "info"
        shown = shown_terms(table, terms)
        late_share = table.by_third[terms, 2].sum() / table.by_third[terms].sum()
        impurity = table.others[terms].sum() / table.rows[terms].sum()
        out.append(
            Finding(
                check="post_outcome_text",
                severity=severity,
                columns=[column],
                evidence={
                    "terms": len(terms),
                    "share_test_rows": round(share_test, 4),
                    "share_rows": round(share_all, 4),
                    "share_in_last_third": round(float(late_share), 4),
                    "typical_share_in_last_third": round(typical, 4),
                    "impurity": round(float(impurity), 4),
                    "rows_read": len(table.y),
                },
                message=ngettext(
                    "In '{column}', {n} word or phrase that tells the class sits at the end of "
                    "the text: {terms}. {late} of its occurrences are in the last third of a "
                    "text, where the typical word is found {typical} of the time; {share} of the "
                    "test rows end with it. Text that ends this way reads like a note added when "
                    "the case was closed: the model learns the outcome from it, and new cases "
                    "will not have it.",
                    "In '{column}', {n} words or phrases that tell the class sit at the end of "
                    "the text: {terms}. {late} of their occurrences are in the last third of a "
                    "text, where the typical word is found {typical} of the time; {share} of the "
                    "test rows end with them. Text that ends this way reads like a note added "
                    "when the case was closed: the model learns the outcome from it, and new "
                    "cases will not have it.",
                    len(terms),
                ).format(
                    column=column,
                    n=count(len(terms)),
                    terms=quoted(shown),
                    late=pct(float(late_share), 0),
                    typical=pct(typical, 0),
                    share=pct(share_test, 1),
                ),
                fix=_(
                    "Keep only what '{column}' held when the prediction is made: cut the "
                    "resolution notes, status lines and codes appended to it (export the text "
                    "as first written, or drop everything after the line that introduces the "
                    "notes), and re-run. If the end of the text is written before the case is "
                    "routed (a form field the customer fills in), say why in the spec's "
                    "reviewer_notes under leakage.illegitimate_features, and keep it."
                ).format(column=column),
            )
        )
    return out
