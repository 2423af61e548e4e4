"""Roadmap lines from the reviewer's checklist: the REFORMS items still open (one line per
module, naming the `reviewer_notes` ids to answer) and the leakage types of concern that no
leakage finding already puts in the decision."""

from __future__ import annotations

from workbench.store.judgements import Checklist, ReformsItem
from workbench.wording import lower_first


def reviewer_roadmap(checklist: Checklist | None) -> list[str]:
    if checklist is None:
        return []
    lines = [
        f"Leakage model info sheet, {i.code} {lower_first(i.title)}: {i.concern}"
        for i in checklist.concerns
        if not i.raised_by  # a finding behind it is already a reason or condition
    ]
    modules: dict[str, list[ReformsItem]] = {}
    for item in checklist.open_items:
        modules.setdefault(item.module, []).append(item)
    for module, items in modules.items():
        asks = "; ".join(f"{i.number} {lower_first(i.question)} (`{i.id}`)" for i in items)
        lines.append(
            f"Reviewer checklist, {module.lower()} (REFORMS): answer under `reviewer_notes` in the "
            f"spec — {asks}"
        )
    return lines
