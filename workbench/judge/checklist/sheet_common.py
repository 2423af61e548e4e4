"""What the leakage sheet's items share: the taxonomy, turning findings into concerns, and the
rule that a type is `addressed` only with evidence from this run."""

from __future__ import annotations

from collections.abc import Callable

from workbench.inputs.checklist_items import LEAKAGE_TYPES
from workbench.judge.checklist.facts import NOT_APPLICABLE, ChecklistInputs
from workbench.store.judgements import Evidence, LeakageItem
from workbench.store.results import FindingRow

TYPES = {t.id: t for t in LEAKAGE_TYPES}
LATE_DATE = "share_rows_dated_after_prediction_time"  # time_order's post-outcome date finding
COLUMN_CHECKS = (
    "declared_post_outcome",
    "label_proxies",
    "single_feature",
    "column_pairs",
    "pure_subsets",
    "missingness_signal",
    "number_formats",
    "target_lookup",
    "importance_dominance",
    "label_words",
    "post_outcome_text",
)


def names(columns: list[str], limit: int = 12) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")


def is_late_date(f: FindingRow) -> bool:
    return f.check == "time_order" and LATE_DATE in f.evidence


def concerns_from(
    x: ChecklistInputs, checks: tuple[str, ...], keep: Callable[[FindingRow], bool] = bool
) -> tuple[list[str], list[str], list[str]]:
    """The checks with a warning or critical finding (that `keep` accepts), one sentence per
    finding naming its check, severity and columns, and the columns they name."""
    found = [f for c in checks for f in x.findings(c) if keep(f)]
    sentences = [f"{f.check} ({_where(f)}) — {f.message}" for f in found]
    columns = list(dict.fromkeys(c for f in found for c in f.columns))
    return list(dict.fromkeys(f.check for f in found)), sentences, columns


def _where(f: FindingRow) -> str:
    return f.severity + (": " + ", ".join(f.columns) if f.columns else "")


def make_item(
    x: ChecklistInputs,
    type_id: str,
    done: str,
    evidence: list[Evidence],
    concerns: list[str] = (),
    columns: list[str] = (),
    raised: list[str] = (),
    not_applicable: str | None = None,
) -> LeakageItem:
    t = TYPES[type_id]
    concerns = list(concerns)
    shown = [
        e
        for e in evidence
        if e.detail != "did not run in this run" and not e.detail.startswith(NOT_APPLICABLE)
    ]
    if not concerns and not not_applicable and not shown:
        concerns = ["No check of this run speaks to it: it is not shown either way."]
    verdict = "concern" if concerns else "not_applicable" if not_applicable else "addressed"
    return LeakageItem(
        id=t.id,
        code=t.code,
        title=t.title,
        question=t.question,
        what_was_done=done,
        evidence=evidence,
        verdict=verdict,
        concern=" ".join(concerns) or None,
        not_applicable_because=not_applicable if verdict == "not_applicable" else None,
        columns=list(columns),
        raised_by=list(raised),
        consultant_note=x.notes.get(t.id),
    )


def not_run(x: ChecklistInputs, checks: tuple[str, ...]) -> list[str]:
    if any(x.ran(c) for c in checks):
        return []
    which = "check" if len(checks) == 1 else "checks"
    return [f"The {which} {', '.join(checks)} did not run in this run, so nothing shows it."]


def split_evidence(x: ChecklistInputs) -> Evidence:
    s = x.leakage.split
    by = f" by '{s.group_column}'" if s.strategy == "group" else ""
    by = f" by '{s.time_column}'" if s.strategy == "time" else by
    return Evidence(
        source="leakage.json: split",
        detail=f"{s.strategy} split{by}: {s.train_rows:,} training rows, {s.test_rows:,} test "
        f"rows ({s.test_share:.0%}), {s.cv_folds} cross-validation folds inside the training part",
        numbers={"train_rows": s.train_rows, "test_rows": s.test_rows, "test_share": s.test_share},
    )
