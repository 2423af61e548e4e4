"""The checklist as the report shows it (`results/checklist.json`, saved when the run was
judged): markdown tables and text that read well in the HTML and the typst PDF."""

from __future__ import annotations

import re
from typing import Any

from workbench.store.judgements import Checklist, LeakageItem, ReformsItem

VERDICTS = {"addressed": "addressed", "concern": "**CONCERN**", "not_applicable": "not applicable"}
STATUS = {"evidence": "Evidence", "consultant": "Consultant", "open": "**Open**"}
# typst only (HTML ignores it): cells ragged-right, and the table may break across pages
RAGGED_OPEN = (
    "```{=typst}\n#[#set par(justify: false)\n#show figure: set block(breakable: true)\n```"
)
RAGGED_CLOSE = "```{=typst}\n]\n```"
_SPECIAL = re.compile(r"([\\*_|$@<>\[\]#~^])")


def md(text: str | None) -> str:
    """Plain text for a markdown table cell or paragraph: markdown's special characters escaped
    outside `code spans`, table pipes escaped everywhere, line breaks flattened."""
    if not text:
        return ""
    parts = str(text).replace("\n", " ").split("`")
    out = []
    for i, part in enumerate(parts):
        out.append(part.replace("|", "\\|") if i % 2 else _SPECIAL.sub(r"\\\1", part))
    if len(parts) % 2 == 0:  # an unmatched backtick: keep it literal
        out[-1] = "\\`" + out[-1]
    return "`".join(out)


def pipe_table(header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A pipe table whose column widths follow `widths` (relative): pandoc sizes wrapped columns
    by the dashes under the header, in HTML and typst alike. In the PDF its cells are set
    ragged-right (justified narrow cells open wide gaps between words) and a long table
    continues on the next page."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":" + "-" * w for w in widths) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n\n".join([RAGGED_OPEN, "\n".join(lines), RAGGED_CLOSE])


def sheet_table(items: list[LeakageItem]) -> str:
    rows = [[i.code, md(i.title), md(i.question), VERDICTS[i.verdict]] for i in items]
    return pipe_table(
        ["", "Leakage type", "The reviewer's question", "Verdict"], rows, [5, 24, 52, 14]
    )


def _answer(item: ReformsItem) -> str:
    if item.status == "evidence":
        text = md(item.answer) + f" *Source: {md(', '.join(item.sources))}.*"
    elif item.status == "consultant":
        text = md(item.consultant_note) + " *(the consultant)*"
    else:
        text = f"Answer with `{item.id}` in the spec's `reviewer_notes`."
        if item.context:
            text += f" The run can offer: {md(item.context)}"
    if item.status == "evidence" and item.consultant_note:
        text += f" **Consultant:** {md(item.consultant_note)}"
    return text


def reforms_table(items: list[ReformsItem]) -> str:
    """All items in one table, each module opening with a row of its own (no heading is left
    alone at the foot of a PDF page)."""
    rows, seen = [], []
    for item in items:
        if item.module not in seen:
            seen.append(item.module)
            rows.append(["", f"**{len(seen)}. {md(item.module)}**", "", ""])
        rows.append([item.number, md(item.question), STATUS[item.status], _answer(item)])
    return pipe_table(["", "Question", "Status", "Answer"], rows, [4, 24, 12, 60])


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
