"""What the leakage sheet's items share: the taxonomy, turning findings into concerns, and the
rule that a type is `addressed` only with evidence from this run."""

from __future__ import annotations

from collections.abc import Callable

from workbench.inputs.checklist_items import LEAKAGE_TYPES
from workbench.judge.checklist.facts import ChecklistInputs, shown
from workbench.language import _, ngettext
from workbench.store.judgements import Evidence, LeakageItem
from workbench.store.results import FindingRow
from workbench.wording import count, pct

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
    """Column names in quotes, the first `limit` of them and how many more."""
    listed = ", ".join(f"'{c}'" for c in columns[:limit])
    if len(columns) <= limit:
        return listed
    more = len(columns) - limit
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
        names=listed, n=count(more)
    )


def is_late_date(f: FindingRow) -> bool:
    return f.check == "time_order" and LATE_DATE in f.evidence


def concerns_from(
    x: ChecklistInputs, checks: tuple[str, ...], keep: Callable[[FindingRow], bool] = bool
) -> tuple[list[str], list[str], list[str]]:
    """The checks with a warning or critical finding (that `keep` accepts), one sentence per
    finding naming its check, severity and columns, and the columns they name."""
    found = [f for c in checks for f in x.findings(c) if keep(f)]
    sentences = [_concern(f) for f in found]
    columns = list(dict.fromkeys(c for f in found for c in f.columns))
    return list(dict.fromkeys(f.check for f in found)), sentences, columns


def _concern(f: FindingRow) -> str:
    """One finding as a concern: its check, severity and columns, and its message."""
    critical = f.severity == "critical"
    if f.columns:
        text = (
            _("{check} (critical: {columns}) — {message}")
            if critical
            else _("{check} (warning: {columns}) — {message}")
        )
    else:
        text = (
            _("{check} (critical) — {message}") if critical else _("{check} (warning) — {message}")
        )
    return text.format(check=f.check, columns=", ".join(f.columns), message=f.message)


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
    speaking = [e for e in evidence if shown(e.detail)]
    if not concerns and not not_applicable and not speaking:
        concerns = [_("No check of this run speaks to it: it is not shown either way.")]
    verdict = "concern" if concerns else "not_applicable" if not_applicable else "addressed"
    return LeakageItem(
        id=t.id,
        code=t.code,
        title=_(t.title),
        question=_(t.question),
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
    return [
        ngettext(
            "The check {checks} did not run in this run, so nothing shows it.",
            "The checks {checks} did not run in this run, so nothing shows it.",
            len(checks),
        ).format(checks=", ".join(checks))
    ]


def split_words(s) -> str:
    """A split in words: `stratified split`, `group split by 'customer'`."""
    if s.strategy == "group":
        return _("group split by '{column}'").format(column=s.group_column)
    if s.strategy == "time":
        return _("time split by '{column}'").format(column=s.time_column)
    if s.strategy == "random":
        return _("random split")
    if s.strategy == "stratified":
        return _("stratified split")
    return _("{strategy} split").format(strategy=s.strategy)


def split_evidence(x: ChecklistInputs) -> Evidence:
    s = x.leakage.split
    return Evidence(
        source="leakage.json: split",
        detail=_(
            "{split}: {train} training rows, {test} test rows ({share}), {folds} "
            "cross-validation folds inside the training part"
        ).format(
            split=split_words(s),
            train=count(s.train_rows),
            test=count(s.test_rows),
            share=pct(s.test_share, 0),
            folds=s.cv_folds,
        ),
        numbers={"train_rows": s.train_rows, "test_rows": s.test_rows, "test_share": s.test_share},
    )
