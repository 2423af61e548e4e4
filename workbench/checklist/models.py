"""The shape of `results/checklist.json`: the leakage model info sheet and the REFORMS
methodology checklist, each item answered from this run's results or left to the consultant."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

LeakageVerdict = Literal["addressed", "concern", "not_applicable"]
# evidence: this run's results answer it; consultant: answered in the spec's reviewer_notes;
# open: neither yet (it goes into the roadmap)
ReformsStatus = Literal["evidence", "consultant", "open"]


class Evidence(BaseModel):
    source: str  # the results file and the part of it: "leakage.json: shared_rows"
    detail: str  # what it shows, in words and numbers
    columns: list[str] = Field(default_factory=list)
    numbers: dict[str, float] = Field(default_factory=dict)


class LeakageItem(BaseModel):
    id: str  # stable key, e.g. "leakage.duplicates" (also a reviewer_notes key)
    code: str  # the type's place in Kapoor & Narayanan's taxonomy, e.g. "L1.4"
    title: str
    question: str  # the reviewer's question, in plain words
    what_was_done: str  # what this run did about it
    evidence: list[Evidence]
    verdict: LeakageVerdict
    concern: str | None = None  # what, and where, when the verdict is "concern"
    not_applicable_because: str | None = None
    columns: list[str] = Field(default_factory=list)  # the columns a concern names
    raised_by: list[str] = Field(default_factory=list)  # checks with a warning or critical finding
    consultant_note: str | None = None


class ReformsItem(BaseModel):
    id: str  # stable key, e.g. "reforms.study_goals.population" (a reviewer_notes key)
    module: str  # e.g. "Study goals"
    number: str  # the item's number in REFORMS, e.g. "1a"
    question: str
    status: ReformsStatus
    answer: str | None = None  # the run's answer, from its results
    sources: list[str] = Field(default_factory=list)  # the files the answer comes from
    context: str | None = None  # what the run can offer towards an answer only a person can give
    consultant_note: str | None = None  # from the spec's reviewer_notes


class ReformsCounts(BaseModel):
    evidence: int
    consultant: int
    open: int


class Checklist(BaseModel):
    leakage_sheet: list[LeakageItem]
    reforms: list[ReformsItem]
    counts: ReformsCounts
    sources: list[str]  # the files of the run this checklist was built from

    def item(self, item_id: str) -> LeakageItem | ReformsItem:
        """One item by its id (a leakage type or a REFORMS item)."""
        for item in [*self.leakage_sheet, *self.reforms]:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    @property
    def concerns(self) -> list[LeakageItem]:
        return [i for i in self.leakage_sheet if i.verdict == "concern"]

    @property
    def open_items(self) -> list[ReformsItem]:
        return [i for i in self.reforms if i.status == "open"]
