"""Words in free text that give the label away: the label's own name ("[Billing] ...",
"assigned group: Billing") and codes only one class ever carries ("refund issued", "RMA
created"), told apart from the honest words of a topic ("printer", "invoice") by how pure they
are: a customer's word follows a team most of the time, a label written into the text always."""

from __future__ import annotations

import numpy as np

from leakage_checks.finding import Finding, Roles, SplitFrames
from leakage_checks.free_text import (
    WordTable,
    class_words,
    quoted,
    readable,
    telling,
    text_and_phrase_columns,
    values_spanned,
    word_table,
)
from leakage_checks.registry import register
from leakage_checks.speech import _, count, ngettext, pct


def giveaways(table: WordTable, settings: dict) -> np.ndarray:
    """The terms that tell their class far more purely than the data's honest words: at most
    `label_word_ratio` of the honest ceiling's impurity and at most `label_word_max_impurity`,
    significantly (`label_word_p_value`)."""
    t = telling(table, settings)
    low = t.impurity <= np.minimum(
        settings["label_word_ratio"] * t.ceiling, settings["label_word_max_impurity"]
    )
    return np.flatnonzero(low & (t.p_value < settings["label_word_p_value"]))


def shown_terms(table: WordTable, terms: np.ndarray, limit: int = 8) -> list[str]:
    """The terms a reader should see, most rows first, leaving out a word or phrase that
    occurs in exactly the rows of one already shown."""
    order = terms[np.argsort(-table.rows[terms], kind="stable")]
    seen, shown = set(), []
    for j in order:
        rows = table.in_rows[:, j].indices.tobytes()
        if rows in seen:
            continue
        seen.add(rows)
        shown.append(str(table.terms[j]))
        if len(shown) == limit:
            break
    return shown


def coverage(table: WordTable, terms: np.ndarray, matrix=None) -> tuple[float, float]:
    """Share of all rows and of the test rows that hold one of `terms`."""
    m = table.in_rows if matrix is None else matrix
    hit = np.asarray(m[:, terms].sum(axis=1)).ravel() > 0
    return float(hit.mean()), float(hit[table.is_test].mean()) if table.is_test.any() else 0.0


def _finding(table, terms, column, roles, settings, severity, share_test, share_all):
    names = class_words(roles.classes)
    own = [
        str(table.terms[j])
        for j in terms
        if any(names.get(w) == table.home[j] for w in str(table.terms[j]).split())
    ]
    shown = shown_terms(table, terms)
    impurity = table.others[terms].sum() / table.rows[terms].sum()
    first = shown[0]
    j = int(terms[list(map(str, table.terms[terms])).index(first)])
    label = roles.classes[table.home[j]] if table.home[j] < len(roles.classes) else table.home[j]
    named = (
        _("Among them the label's own words: {words}.").format(words=quoted(own, 3))
        if own
        else _("They read as codes or tags written by whoever closed the case.")
    )
    return Finding(
        check="label_words",
        severity=severity,
        columns=[column],
        evidence={
            "terms": len(terms),
            "label_own_words": len(own),
            "share_test_rows": round(share_test, 4),
            "share_rows": round(share_all, 4),
            "impurity": round(float(impurity), 4),
            "rows_read": len(table.y),
        },
        message=" ".join(
            [
                ngettext(
                    "In '{column}', {n} word or phrase occurs almost only in rows of one class, "
                    "far more purely than the text's honest words: {terms} ('{first}': {rows} "
                    "rows, {others} of another class than '{label}').",
                    "In '{column}', {n} words or phrases occur almost only in rows of one class, "
                    "far more purely than the text's honest words: {terms} ('{first}': {rows} "
                    "rows, {others} of another class than '{label}').",
                    len(terms),
                ).format(
                    column=column,
                    n=count(len(terms)),
                    terms=quoted(shown),
                    first=readable(first),
                    rows=count(table.rows[j]),
                    others=count(table.others[j]),
                    label=label,
                ),
                named,
                _(
                    "They appear in {share} of the test rows, whose class the model can read off "
                    "the text instead of predicting it."
                ).format(share=pct(share_test, 1)),
            ]
        ),
        fix=_(
            "Find out where these words enter '{column}': a category, team or status written "
            "into the text, a resolution code, an export that appends the case's fields. Remove "
            "them from the text (or cut the text at the moment the prediction is made) and "
            "re-run. If the customer writes them before the case is routed (a category picked "
            "on a form), they are honest: say why in the spec's reviewer_notes under "
            "leakage.illegitimate_features, and keep them."
        ).format(column=column),
    )


@register(
    "label_words",
    "Do words in a free-text input give the outcome away (the label's own name, codes that "
    "only one class ever carries)?",
)
def label_words(frames: SplitFrames, roles: Roles, settings: dict) -> list[Finding]:
    """Words that tell a class far more purely than the text's honest words. In a column of
    repeated phrases (notes from a list), only words found in several of its phrases: a line
    added to many different notes, not one phrase that happens to be pure, which is a category
    level and judged as one."""
    columns, phrases = text_and_phrase_columns(frames, roles)
    out = []
    for column in [*columns, *phrases]:
        table = word_table(frames, column, settings, roles.seed)
        terms = giveaways(table, settings)
        if column in phrases:
            terms = terms[values_spanned(table)[terms] >= settings["phrase_word_min_values"]]
        if len(terms) == 0:
            continue
        share_all, share_test = coverage(table, terms)
        if share_test >= settings["label_words_critical"]:
            severity = "critical"
        elif share_test >= settings["label_words_warning"]:
            severity = "warning"
        else:
            severity = "info"
        out.append(_finding(table, terms, column, roles, settings, severity, share_test, share_all))
    return out
