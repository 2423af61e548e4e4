"""The checklist as the report shows it (`results/checklist.json`, saved when the run was
judged): markdown tables and text that read well in the HTML and the typst PDF."""

from __future__ import annotations

from typing import Any

from workbench.language import _
from workbench.report.escaping import Markdown, text_with_code
from workbench.report.labels import word
from workbench.store.judgements import Checklist, LeakageItem, ReformsItem

VERDICTS = ("addressed", "concern", "not_applicable")
md = text_with_code  # the checklist's sentences name ids and columns in `code spans`


def pipe_table(header: list[str], rows: list[list[str]]) -> Markdown:
    """A pipe table of cells already escaped; the renderers size its columns to their content
    (and in the PDF its cells are ragged-right, and a long table continues on the next page)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":---" for _cell in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return Markdown("\n".join(lines))


def sheet_table(items: list[LeakageItem]) -> str:
    rows = [
        [md(i.code), md(i.title), md(i.question), word(i.verdict, "sheet_table")] for i in items
    ]
    header = ["", _("Leakage type"), _("The reviewer's question"), _("Verdict")]
    return pipe_table([md(h) for h in header], rows)


def _answer(item: ReformsItem) -> Markdown:
    # the sentences around a saved answer are the report's own, in markdown; what goes into
    # them (answers, notes, sources: saved text) is escaped first
    if item.status == "evidence":
        text = (
            md(item.answer)
            + " "
            + _("*Source: {sources}.*").format(sources=md(", ".join(item.sources)))
        )
    elif item.status == "consultant":
        text = md(item.consultant_note) + " " + _("*(the consultant)*")
    else:
        text = md(_("Answer with `{id}` in the spec's `reviewer_notes`.").format(id=item.id))
        if item.context:
            text += " " + _("The run can offer: {context}").format(context=md(item.context))
    if item.status == "evidence" and item.consultant_note:
        text += " " + _("**Consultant:** {note}").format(note=md(item.consultant_note))
    return Markdown(text)


def reforms_table(items: list[ReformsItem]) -> str:
    """All items in one table, each module opening with a row of its own (no heading is left
    alone at the foot of a PDF page)."""
    rows, seen = [], []
    for item in items:
        if item.module not in seen:
            seen.append(item.module)
            rows.append(["", f"**{len(seen)}. {md(item.module)}**", "", ""])
        rows.append(
            [md(item.number), md(item.question), word(item.status, "reforms_status"), _answer(item)]
        )
    header = ["", _("Question"), _("Status"), _("Answer")]
    return pipe_table([md(h) for h in header], rows)


def checklist_context(checklist: Checklist) -> dict[str, Any]:
    """What the report's leakage-sheet and REFORMS sections read."""
    verdicts = [i.verdict for i in checklist.leakage_sheet]
    return {
        "sheet": checklist.leakage_sheet,
        "sheet_table": sheet_table(checklist.leakage_sheet),
        "sheet_counts": {v: verdicts.count(v) for v in VERDICTS},
        "reforms_table": reforms_table(checklist.reforms),
        "counts": checklist.counts,
        "total": len(checklist.reforms),
        "md": md,
    }
