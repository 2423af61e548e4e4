"""The REFORMS checklist (Kapoor et al., Science Advances, 2024): each of its 32 items answered
from the run where the run knows, from the spec's `reviewer_notes` where only a person knows,
and otherwise left open (and put on the roadmap)."""

from __future__ import annotations

from workbench.inputs.checklist_items import REFORMS, ReformsEntry
from workbench.judge.checklist import answers_data, answers_forecast, answers_model, hints
from workbench.judge.checklist.facts import ChecklistInputs
from workbench.language import _
from workbench.store.judgements import LeakageItem, ReformsCounts, ReformsItem


def reforms_items(x: ChecklistInputs, sheet: list[LeakageItem]) -> list[ReformsItem]:
    answers = {
        **answers_data.ANSWERS,
        **answers_model.ANSWERS,
        **(answers_forecast.ANSWERS if x.data.task == "forecast" else {}),
        **answers_model.leakage_answers(sheet),
    }
    return [_item(entry, x, sheet, answers) for entry in REFORMS]


def _item(entry: ReformsEntry, x: ChecklistInputs, sheet, answers: dict) -> ReformsItem:
    note = x.notes.get(entry.id)
    answer = answers[entry.id](x) if entry.who == "run" else None
    if entry.id == "reforms.data_quality.representative":
        context = hints.representative(x, sheet)
    else:
        contexts = {
            **hints.CONTEXTS,
            **(answers_forecast.CONTEXTS if x.data.task == "forecast" else {}),
        }
        context = contexts[entry.id](x) if entry.id in contexts else None
    status = "evidence" if answer is not None else "consultant" if note else "open"
    return ReformsItem(
        id=entry.id,
        module=_(entry.module),
        number=entry.number,
        question=_(entry.question),
        status=status,
        answer=answer.text if answer is not None else None,
        sources=answer.sources if answer is not None else [],
        context=context,
        consultant_note=note,
    )


def count(items: list[ReformsItem]) -> ReformsCounts:
    return ReformsCounts(
        evidence=sum(i.status == "evidence" for i in items),
        consultant=sum(i.status == "consultant" for i in items),
        open=sum(i.status == "open" for i in items),
    )
