"""What the checklist reads: the results of one run, and helpers that turn its leakage checks
into evidence (a finding's own words and numbers, or what a check that passed has shown)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from leakage_checks import DEFAULT_SETTINGS
from workbench.store.judgements import Evidence
from workbench.store.layout import RunResults
from workbench.store.results import (
    CheckRow,
    FindingRow,
)

SERIOUS = ("critical", "warning")
NOT_APPLICABLE = "not applicable: "  # how the evidence of a check that could not run begins

# What a check that ran without a finding has shown, with the thresholds it used.
PASSED = {
    "shared_rows": "test rows repeat a training row's model inputs no more often than training "
    "rows repeat each other (no significant excess of {shared_rows_warning:.0%} of the test "
    "part or more)",
    "near_duplicates": "test rows come close to a training row (numbers rounded to "
    "{near_duplicate_digits:g} significant digits and text normalised, or within "
    "{near_copy_distance:g} of each column's spread) no more often than training rows come that "
    "close to each other",
    "entity_overlap": "no declared group and no undeclared entity key (a text code or an id-like "
    "integer whose values repeat {entity_min_rows_per_value:g} to "
    "{entity_max_rows_per_value:g} times, on rows that resemble each other as one entity's "
    "records do) is shared by {entity_overlap_warning:.0%} or more of test rows",
    "split_sensitivity": "the score holds (no gap of {split_gap_warning:g} or more, "
    "{split_gap_z:g} standard errors clear of zero) when the split respects the group or date "
    "column",
    "time_order": "no test row of a time split is dated before the end of training, no later "
    "date's distance from the prediction time predicts the outcome, and the outcome shows no "
    "drift over time",
    "right_censoring": "the outcome rate of the newest tenth of rows is not below "
    "{censoring_ratio_warning:.0%} of the earlier rate",
    "declared_post_outcome": "no column of the contract is declared unknown at prediction time",
    "single_feature": "no model input alone predicts the outcome with {single} or more (out of "
    "fold, training rows)",
    "column_pairs": "no difference or ratio of two numeric inputs predicts the outcome with "
    "{single} or more beyond its better column, nor marks rows where the outcome is certain",
    "pure_subsets": "no leaf of a depth-3 tree holds {subset_min_share:.0%} of rows or more with "
    "{subset_purity:.0%} of one class out of fold beside rows where that class is not certain",
    "label_proxies": "no input's categories map one-to-one to the outcome "
    "({proxy_purity_critical:.0%} "
    "purity) and no input's name contains the target's name",
    "missingness_signal": "no input's missingness or placeholder value predicts the outcome with "
    "a score of {missingness_warning:g} or more, or marks rows where the outcome is certain",
    "number_formats": "no input's number format (whole numbers, decimals) predicts the outcome "
    "with a score of {format_warning:g} or more, or marks rows where the outcome is certain",
    "target_lookup": "no depth-3 rule and no table of one or two coarse inputs reproduces the "
    "outcome out of fold",
    "importance_dominance": "no single input carries {dominance_share:.0%} or more of the model's "
    "signal above chance (drop-column refit)",
    "identifiers": "neither the row order nor an id-like column predicts the outcome",
    "conflicting_labels": "fewer than {conflicting_labels_info:.1%} of rows share their inputs "
    "with a row of another outcome",
    "batch_prediction": "pipeline self-test: the linear and gradient-boosting pipelines predict "
    "each row the same alone as in a batch",
    "shuffled_labels": "pipeline self-test: with the outcome shuffled, no fold scores above "
    "chance beyond its permutation null",
    "train_test_distinguishable": "a model cannot tell training rows from test rows (AUC below "
    "{adversarial_warning:g})",
}


# The same for the forecast checks (leakage_checks.series).
SERIES_PASSED = {
    "holdout_in_training": "every series' holdout periods come after all its training periods, "
    "and none is also a training period",
    "repeated_periods": "the extract holds one row per series and period",
    "after_extract_end": "no row is dated after the extract's last period",
    "look_ahead": "no input, as the models read it, tells far more about the target's surprises "
    "than what is known at the forecast origin (gain in explained share below "
    "{look_ahead_warning:.0%})",
    "whole_series": "no input constant within each series knows the holdout's level beyond what "
    "the training periods show (partial correlation below {whole_series_warning:.2f})",
}


@dataclass
class ChecklistInputs(RunResults):
    """The results files of one run, as loaded models, with the run's manifest, spec and
    contract as written (plain mappings). Baselines, tuning and assurance may be absent in
    older runs."""

    manifest: dict = field(default_factory=dict)
    spec: dict = field(default_factory=dict)
    contract: dict = field(default_factory=dict)

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
        return row.not_applicable_because or "the check could not run on this data"

    def passed_text(self, check: str) -> str:
        if check in SERIES_PASSED:
            return SERIES_PASSED[check].format(**self.settings)
        single = "R² " if self.data.task == "regression" else "AUC "
        key = "r2" if self.data.task == "regression" else "auc"
        single += f"{self.settings[f'single_feature_{key}_warning']:g}"
        return PASSED[check].format(**self.settings, single=single)

    def check_evidence(self, check: str, findings: list[FindingRow] | None = None) -> Evidence:
        """The evidence of one check: its findings' words and numbers, what passing showed, or
        that it did not run."""
        source = f"leakage.json: {check}"
        if not self.ran(check):
            return Evidence(source=source, detail="did not run in this run")
        why = self.not_applicable(check)
        if why is not None:
            return Evidence(source=source, detail=f"{NOT_APPLICABLE}{why}")
        found = self.findings(check, serious_only=False) if findings is None else findings
        if not found:
            return Evidence(source=source, detail=f"passed: {self.passed_text(check)}")
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
            detail=" ".join(f"{f.severity.capitalize()}: {f.message}" for f in found),
            columns=sorted({c for f in found for c in f.columns}),
            numbers=numbers,
        )

    @property
    def excluded(self) -> dict[str, str]:
        """Columns kept out of the model, with the reason the data stage gave."""
        return {p.name: p.excluded_because or "" for p in self.data.profile if not p.used_by_model}
