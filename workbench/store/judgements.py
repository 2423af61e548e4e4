"""The shape of the judgements a finished run saves: `results/verdicts.json` (the verdicts on
the stages' measurements: overfitting, robustness, fairness), `results/checklist.json` (the
reviewer's checklist), `results/readiness.json` (production readiness and the production path)
and `results/decision.json` (the recommendation). They are made once, in that order, when the
run finishes (`workbench.judge`); the report, `promote`, `compare` and `verify` read them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from workbench.language import N_, _, pgettext
from workbench.store.results import Interval

# English, marked for the catalog: shown with `_(label)` in the reader's language
RECOMMENDATION_LABELS = {
    "build": N_("Build"),
    "build_with_conditions": N_("Build with conditions"),
    "do_not_build": N_("Do not build"),
    "inconclusive": N_("Inconclusive"),
}
TO_BUILD = ("build", "build_with_conditions")  # the recommendations that lead to production


# -- the verdicts on the stages' measurements ----------------------------------------------------
TestVerdict = Literal["pass", "fail", "uncertain", "not_judged"]
GapStatus = Literal["within", "above", "gap", "unresolved"]


class OverfittingVerdict(BaseModel):
    """The tuned model's score on the rows it learned from against new folds."""

    verdict: Literal["ok", "watch", "overfit"]
    gap: Interval  # train minus validation, sign-adjusted; interval over the folds' gaps
    explanation: str


class RobustnessVerdict(BaseModel):
    """Each robustness test's drop judged against the agreed drop."""

    bound: float | None  # acceptance.max_robustness_drop; None: reported, not judged
    tests: list[TestVerdict]  # one per test, in the order of results/assurance.json
    verdict: TestVerdict  # fail if any test fails, uncertain if any may, else pass
    failures: list[str]  # one sentence per failed test
    fragile_inputs: list[str] = Field(default_factory=list)  # damaged alone, beyond the bound


class SmallGroup(BaseModel):
    """A group (or a cell of a pair of columns) too small for its gap to be judged: its counts
    and what it lacks (yes/no outcomes: MIN_CASES positives and as many negatives)."""

    attribute: str
    group: str
    rows: int
    positives: int | None = None
    negatives: int | None = None
    caught: int | None = None  # actual positives the model flags
    false_alarms: int | None = None  # actual negatives the model flags
    more_positives: int = 0  # the positives and negatives it lacks to be judged
    more_negatives: int = 0
    more_rows: int | None = None  # about how many more rows of the group, at its own shares


class GapVerdict(BaseModel):
    """One sensitive column (or pair) against the bound."""

    attribute: str
    status: GapStatus | None  # None: fewer than two groups, nothing to compare
    small_groups: list[SmallGroup] = Field(default_factory=list)


class FairnessVerdict(BaseModel):
    verdict: Literal["pass", "fail", "uncertain", "report", "not_applicable"]
    bound: float | None  # the equalized-odds difference allowed (binary outcomes)
    bound_agreed: bool = True  # False: the spec set none, so the default was used
    attributes: list[GapVerdict] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def status(self, attribute: str) -> str | None:
        return next((a.status for a in self.attributes if a.attribute == attribute), None)

    @property
    def small_groups(self) -> list[SmallGroup]:
        return [g for a in self.attributes for g in a.small_groups]


class Verdicts(BaseModel):
    """The verdicts on what the tuning and assurance stages measured (their results files keep
    the measurements); absent parts: the run has no such stage."""

    overfitting: OverfittingVerdict | None = None
    robustness: RobustnessVerdict | None = None
    fairness: FairnessVerdict | None = None


# -- the decision -------------------------------------------------------------------------------
Verdict = Literal["pass", "fail", "uncertain"]
Recommendation = Literal["build", "build_with_conditions", "do_not_build", "inconclusive"]


class Criterion(BaseModel):
    name: str
    threshold: int | float | None
    observed: int | float | None
    ci_low: float | None
    ci_high: float | None
    verdict: Verdict
    evidence: str  # where in the report, in words
    # what it judges (primary, chance, lift, value, leakage, process, contract, latency,
    # fairness, robustness): the code tells criteria apart by it, whatever the report's language
    kind: str | None = None


class Risk(BaseModel):
    title: str  # the risk in a stakeholder's words
    detail: str  # what it means, with the number behind it
    evidence: str  # where in the report
    weight: int  # how much it matters; the executive summary shows the three heaviest


class Decision(BaseModel):
    recommendation: Recommendation
    headline: str
    reasons: list[str]
    criteria: list[Criterion]
    roadmap: list[str]  # the client's next steps (and, to build, the production path)
    # the checklists' homework, after the roadmap: what the ML Test Score and the reviewer's
    # checklist (REFORMS, the leakage model info sheet) still ask of the study or of engineering
    homework: list[str] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)  # heaviest first
    limitations: list[str] = Field(default_factory=list)


# -- the reviewer's checklist: leakage model info sheet and REFORMS ------------------------------
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


# -- production readiness: the ML Test Score and the production path -----------------------------
RUBRIC = N_("the ML Test Score (Breck et al., 2017)")
SECTIONS = {
    "data": N_("Features and data"),
    "model": N_("Model development"),
    "infra": N_("ML infrastructure"),
    "monitor": N_("Monitoring"),
}


class ProductionPath(BaseModel):
    pipeline: str
    monitoring: str
    retraining: str
    rollback: str
    review: str

    def lines(self) -> list[str]:
        return [self.pipeline, self.monitoring, self.retraining, self.rollback, self.review]


class ReadinessItem(BaseModel):
    id: str  # stable: data-1 … monitor-7, the rubric's own numbering
    section: str
    test: str
    status: Literal["provided", "owed"]
    evidence: str  # what this run shows
    next_step: str | None = None  # owed items: what engineering does next

    @property
    def label(self) -> str:
        """`Data 1` … `Monitor 7`, in the reader's language."""
        kind, n = self.id.split("-")
        section = {
            "data": pgettext("ML Test Score", "Data"),
            "model": pgettext("ML Test Score", "Model"),
            "infra": pgettext("ML Test Score", "Infra"),
            "monitor": pgettext("ML Test Score", "Monitor"),
        }.get(kind, kind.capitalize())
        return f"{section} {n}"


class Readiness(BaseModel):
    rubric: str
    experiment: str
    recommendation: str | None
    path: ProductionPath
    items: list[ReadinessItem]

    def owed(self) -> list[ReadinessItem]:
        return [i for i in self.items if i.status == "owed"]

    def provided(self) -> list[ReadinessItem]:
        return [i for i in self.items if i.status == "provided"]

    def summary(self) -> str:
        """One roadmap line: what the engineering track still owes, by the rubric's ids."""
        owed = self.owed()
        return _(
            "Production readiness by {rubric}: this study provides {provided} of its {total} "
            "tests; the engineering track owes {owed} — {items} — each with its next step in "
            "the promotion package's READINESS.md."
        ).format(
            rubric=_(RUBRIC),
            provided=len(self.provided()),
            total=len(self.items),
            owed=len(owed),
            items=", ".join(i.label for i in owed),
        )
