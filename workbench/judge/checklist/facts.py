"""What the checklist reads: the results of one run, and helpers that turn its leakage checks
into evidence (a finding's own words and numbers, or what a check that passed has shown)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from leakage_checks import DEFAULT_SETTINGS
from workbench.store.assurance_results import AssuranceResult
from workbench.store.judgements import Evidence
from workbench.store.results import (
    BaselinesResult,
    CheckRow,
    DataResult,
    EvaluationResult,
    FindingRow,
    LeakageResult,
    TuningResult,
)

SERIOUS = ("critical", "warning")

# What a check that ran without a finding has shown, with the thresholds it used.
PASSED = {
    "shared_rows": "fewer than {shared_rows_warning:.0%} of test rows repeat a training row's "
    "model inputs exactly",
    "near_duplicates": "fewer than {near_duplicates_warning:.0%} of test rows match a training "
    "row once numbers are rounded to {near_duplicate_digits:g} significant digits and text is "
    "normalised",
    "entity_overlap": "no declared group and no undeclared entity key (a text code or an id-like "
    "integer whose values repeat {entity_min_rows_per_value:g} to "
    "{entity_max_rows_per_value:g} times) is shared by {entity_overlap_warning:.0%} or more of "
    "test rows",
    "split_sensitivity": "the score holds (gap below {split_gap_warning:g}) when the split "
    "respects the declared group or time column",
    "time_order": "no test row is dated before the end of training, no date input lies after "
    "the prediction time, and the outcome shows no drift over time",
    "declared_post_outcome": "no column of the contract is declared unknown at prediction time",
    "single_feature": "no model input alone predicts the outcome with {single} or more (out of "
    "fold, training rows)",
    "label_proxies": "no input's categories map one-to-one to the outcome "
    "({proxy_purity_critical:.0%} "
    "purity) and no input's name contains the target's name",
    "missingness_signal": "no input's missingness or placeholder value predicts the outcome with "
    "a score of {missingness_warning:g} or more",
    "importance_dominance": "no single input carries {dominance_share:.0%} or more of the model's "
    "signal above chance (drop-column refit)",
    "identifiers": "neither the row order nor an id-like column predicts the outcome",
    "batch_prediction": "the linear and gradient-boosting pipelines predict each row the same "
    "alone as in a batch",
    "shuffled_labels": "with the outcome shuffled, the pipeline scores within "
    "{shuffled_warning:g} of chance",
    "train_test_distinguishable": "a model cannot tell training rows from test rows (AUC below "
    "{adversarial_warning:g})",
}


@dataclass
class ChecklistInputs:
    """The results files of one run, as loaded models, with the run's spec and contract as
    written (plain mappings). Baselines, tuning and assurance may be absent in older runs."""

    data: DataResult
    leakage: LeakageResult
    evaluation: EvaluationResult
    baselines: BaselinesResult | None = None
    tuning: TuningResult | None = None
    assurance: AssuranceResult | None = None
    manifest: dict = field(default_factory=dict)
    spec: dict = field(default_factory=dict)
    contract: dict = field(default_factory=dict)

    @property
    def notes(self) -> dict[str, str]:
        return dict(self.spec.get("reviewer_notes") or {})

    @cached_property
    def settings(self) -> dict[str, float]:
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

    def passed_text(self, check: str) -> str:
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
