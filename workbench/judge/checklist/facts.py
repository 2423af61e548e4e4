"""What the checklist reads: the results of one run, and helpers that turn its leakage checks
into evidence (a finding's own words and numbers, or what a check that passed has shown)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from leakage_checks import DEFAULT_SETTINGS
from workbench.language import N_, _
from workbench.store.judgements import Evidence
from workbench.store.layout import FinishedRun
from workbench.store.results import (
    CheckRow,
    FindingRow,
)
from workbench.wording import pct, plain

SERIOUS = ("critical", "warning")
# how the evidence of a check that did not run, or could not, reads (`shown` tells them apart)
DID_NOT_RUN = N_("did not run in this run")
NOT_APPLICABLE = N_("not applicable: {why}")


def passed(what: str) -> str:
    """The evidence of a check that passed: what it showed."""
    return _("passed: {what}").format(what=what)


def shown(detail: str) -> bool:
    """Whether evidence shows something (the check ran and could run)."""
    if detail == _(DID_NOT_RUN):
        return False
    head = _(NOT_APPLICABLE).split("{why}")[0]
    return not detail.startswith(head)


# What a check that ran without a finding has shown, with the thresholds it used (each
# placeholder a leakage setting, written as `plain_settings` writes it).
PASSED = {
    "shared_rows": N_(
        "test rows repeat a training row's model inputs no more often than training rows "
        "repeat each other (no significant excess of {shared_rows_warning} of the test part or "
        "more)"
    ),
    "near_duplicates": N_(
        "test rows come close to a training row (numbers rounded to {near_duplicate_digits} "
        "significant digits and text normalised, or within {near_copy_distance} of each "
        "column's spread) no more often than training rows come that close to each other"
    ),
    "entity_overlap": N_(
        "no declared group and no undeclared entity key (a text code or an id-like integer "
        "whose values repeat {entity_min_rows_per_value} to {entity_max_rows_per_value} times, "
        "on rows that resemble each other as one entity's records do) is shared by "
        "{entity_overlap_warning} or more of test rows"
    ),
    "split_sensitivity": N_(
        "the score holds (no gap of {split_gap_warning} or more, {split_gap_z} standard errors "
        "clear of zero) when the split respects the group or date column"
    ),
    "time_order": N_(
        "no test row of a time split is dated before the end of training, no later date's "
        "distance from the prediction time predicts the outcome, and the outcome shows no drift "
        "over time"
    ),
    "right_censoring": N_(
        "the outcome rate of the newest tenth of rows is not below {censoring_ratio_warning} of "
        "the earlier rate"
    ),
    "declared_post_outcome": N_("no column of the contract is declared unknown at prediction time"),
    "single_feature": N_(
        "no model input alone predicts the outcome with {single} or more (out of fold, "
        "training rows)"
    ),
    "column_pairs": N_(
        "no difference or ratio of two numeric inputs predicts the outcome with {single} or "
        "more beyond its better column, nor marks rows where the outcome is certain"
    ),
    "pure_subsets": N_(
        "no leaf of a depth-3 tree holds {subset_min_share} of rows or more with "
        "{subset_purity} of one class out of fold beside rows where that class is not certain"
    ),
    "label_proxies": N_(
        "no input's categories map one-to-one to the outcome ({proxy_purity_critical} purity) "
        "and no input's name contains the target's name"
    ),
    "missingness_signal": N_(
        "no input's missingness or placeholder value predicts the outcome with a score of "
        "{missingness_warning} or more, or marks rows where the outcome is certain"
    ),
    "number_formats": N_(
        "no input's number format (whole numbers, decimals) predicts the outcome with a score "
        "of {format_warning} or more, or marks rows where the outcome is certain"
    ),
    "target_lookup": N_(
        "no depth-3 rule and no table of one or two coarse inputs reproduces the outcome out of "
        "fold"
    ),
    "importance_dominance": N_(
        "no single input carries {dominance_share} or more of the model's signal above chance "
        "(drop-column refit)"
    ),
    "identifiers": N_("neither the row order nor an id-like column predicts the outcome"),
    "conflicting_labels": N_(
        "fewer than {conflicting_labels_info} of rows share their inputs with a row of another "
        "outcome"
    ),
    "batch_prediction": N_(
        "pipeline self-test: the linear and gradient-boosting pipelines predict each row the "
        "same alone as in a batch"
    ),
    "shuffled_labels": N_(
        "pipeline self-test: with the outcome shuffled, no fold scores above chance beyond its "
        "permutation null"
    ),
    "train_test_distinguishable": N_(
        "a model cannot tell training rows from test rows (AUC below {adversarial_warning})"
    ),
    "label_words": N_(
        "no word or two-word phrase of a free-text input keeps to one class far more purely "
        "than the text's honest topical words do (at most {label_word_ratio} of their "
        "impurity, and {label_word_max_impurity} of an unrelated word's)"
    ),
    "post_outcome_text": N_(
        "no words that tell the class gather at the end of a free-text input "
        "({late_text_share} of their rows or more in its last third)"
    ),
    "text_copies": N_(
        "fewer than {text_copies_warning} of the test texts copy a training text of the same "
        "outcome (rare word triples {text_copy_containment} contained), or no more often than "
        "chance would pair them"
    ),
}
# the settings PASSED writes as percentages (with this many decimals); the others as numbers
PERCENT_SETTINGS = {
    "shared_rows_warning": 0,
    "entity_overlap_warning": 0,
    "censoring_ratio_warning": 0,
    "subset_min_share": 0,
    "subset_purity": 0,
    "proxy_purity_critical": 0,
    "dominance_share": 0,
    "conflicting_labels_info": 1,
    "label_word_ratio": 0,
    "late_text_share": 0,
    "text_copies_warning": 0,
    "text_copy_containment": 0,
    "look_ahead_warning": 0,
}


def plain_settings(settings: dict[str, float]) -> dict[str, str]:
    """The leakage settings as a sentence writes them, in the reader's language."""
    return {
        k: pct(v, PERCENT_SETTINGS[k]) if k in PERCENT_SETTINGS else plain(v)
        for k, v in settings.items()
    }


# The same for the forecast checks (leakage_checks.series).
SERIES_PASSED = {
    "holdout_in_training": N_(
        "every series' holdout periods come after all its training periods, and none is also a "
        "training period"
    ),
    "repeated_periods": N_("the extract holds one row per series and period"),
    "after_extract_end": N_("no row is dated after the extract's last period"),
    "look_ahead": N_(
        "no input, as the models read it, tells far more about the target's surprises than what "
        "is known at the forecast origin (gain in explained share below {look_ahead_warning})"
    ),
    "whole_series": N_(
        "no input constant within each series knows the holdout's level beyond what the "
        "training periods show (partial correlation below {whole_series_warning})"
    ),
}


@dataclass
class ChecklistInputs(FinishedRun):
    """A finished run as the checklist reads it: its results, manifest, spec and contract,
    with what the checklist asks of them. Baselines, tuning and assurance may be absent in
    older runs."""

    @property
    def notes(self) -> dict[str, str]:
        return dict(self.spec.get("reviewer_notes") or {})

    @cached_property
    def settings(self) -> dict[str, float]:
        if self.data.task == "forecast":
            from leakage_checks.series import SERIES_SETTINGS

            return {**SERIES_SETTINGS, **(self.spec.get("leakage") or {})}
        return {**DEFAULT_SETTINGS, **(self.spec.get("leakage") or {})}

    @cached_property
    def checks(self) -> dict[str, CheckRow]:
        return {c.name: c for c in self.leakage.checks}

    def findings(self, check: str, serious_only: bool = True) -> list[FindingRow]:
        return [
            f
            for f in self.leakage.findings
            if f.check == check and (f.severity in SERIOUS or not serious_only)
        ]

    def ran(self, check: str) -> bool:
        return check in self.checks

    def not_applicable(self, check: str) -> str | None:
        """Why a check could not run on this run's data (None when it ran, or did not run)."""
        row = self.checks.get(check)
        if row is None or row.status != "not_applicable":
            return None
        return row.not_applicable_because or _("the check could not run on this data")

    def passed_text(self, check: str) -> str:
        if check in SERIES_PASSED:
            return _(SERIES_PASSED[check]).format(**plain_settings(self.settings))
        key = "r2" if self.data.task == "regression" else "auc"
        bar = plain(self.settings[f"single_feature_{key}_warning"])
        single = (_("R² {bar}") if key == "r2" else _("AUC {bar}")).format(bar=bar)
        return _(PASSED[check]).format(**plain_settings(self.settings), single=single)

    def check_evidence(self, check: str, findings: list[FindingRow] | None = None) -> Evidence:
        """The evidence of one check: its findings' words and numbers, what passing showed, or
        that it did not run."""
        source = f"leakage.json: {check}"
        if not self.ran(check):
            return Evidence(source=source, detail=_(DID_NOT_RUN))
        why = self.not_applicable(check)
        if why is not None:
            return Evidence(source=source, detail=_(NOT_APPLICABLE).format(why=why))
        found = self.findings(check, serious_only=False) if findings is None else findings
        if not found:
            return Evidence(source=source, detail=passed(self.passed_text(check)))
        numbers: dict[str, float] = {}
        for f in found:
            numbers.update(
                {
                    f"{k}[{','.join(f.columns)}]" if len(found) > 1 else k: v
                    for k, v in f.evidence.items()
                }
            )
        return Evidence(
            source=source,
            detail=" ".join(
                (
                    _("Critical: {message}")
                    if f.severity == "critical"
                    else _("Warning: {message}")
                    if f.severity == "warning"
                    else _("Info: {message}")
                ).format(message=f.message)
                for f in found
            ),
            columns=sorted({c for f in found for c in f.columns}),
            numbers=numbers,
        )

    @property
    def excluded(self) -> dict[str, str]:
        """Columns kept out of the model, with the reason the data stage gave."""
        return {p.name: p.excluded_because or "" for p in self.data.profile if not p.used_by_model}
