"""Roadmap lines from the reviewer's checklist: the REFORMS items still open (one line per
module, naming the `reviewer_notes` ids to answer) and the leakage types of concern that no
leakage finding already puts in the decision."""

from __future__ import annotations

from workbench.language import _
from workbench.store.judgements import Checklist, ReformsItem
from workbench.wording import lower_first


def reviewer_roadmap(checklist: Checklist | None) -> list[str]:
    if checklist is None:
        return []
    lines = [
        _("Leakage model info sheet, {code} {title}: {concern}").format(
            code=i.code, title=lower_first(i.title), concern=i.concern
        )
        for i in checklist.concerns
        if not i.raised_by  # a finding behind it is already a reason or condition
    ]
    modules: dict[str, list[ReformsItem]] = {}
    for item in checklist.open_items:
        modules.setdefault(item.module, []).append(item)
    for module, items in modules.items():
        asks = "; ".join(f"{i.number} {lower_first(i.question)} (`{i.id}`)" for i in items)
        lines.append(
            _(
                "Reviewer checklist, {module} (REFORMS): answer under `reviewer_notes` in the "
                "spec — {asks}"
            ).format(module=lower_first(module), asks=asks)
        )
    return lines
