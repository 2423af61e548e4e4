"""The leakage model info sheet: the eight leakage types of Kapoor & Narayanan (Patterns, 2023),
each answered from this run's split, checks and pipelines. A type is `addressed` only with
evidence from this run; a `concern` says what and where; `not_applicable` says why."""

from __future__ import annotations

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.sheet_common import names
from workbench.judge.checklist.sheet_distribution import (
    illegitimate_features,
    non_independence,
    sampling_bias,
    temporal,
)
from workbench.judge.checklist.sheet_forecast import FORECAST_BUILDERS
from workbench.judge.checklist.sheet_separation import (
    duplicates,
    feature_selection,
    no_test_set,
    preprocessing,
)
from workbench.store.judgements import LeakageItem

BUILDERS = [
    no_test_set,
    preprocessing,
    feature_selection,
    duplicates,
    illegitimate_features,
    temporal,
    non_independence,
    sampling_bias,
]


def leakage_sheet(x: ChecklistInputs) -> list[LeakageItem]:
    """The eight leakage types, in the taxonomy's order, each with its verdict and evidence
    (a forecast study's answered from its own evidence: `sheet_forecast`)."""
    builders = FORECAST_BUILDERS if x.data.task == "forecast" else BUILDERS
    return [build(x) for build in builders]


__all__ = ["BUILDERS", "leakage_sheet", "names"]
