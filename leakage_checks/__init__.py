"""Leakage checks: one module per mechanism, a registry that runs them all, a `Finding` type.

Checks take plain pandas objects (`SplitFrames`, `Roles`) and settings, and return findings;
this package does not import `workbench`.
"""

# importing the modules registers the checks, in the order they run
from leakage_checks import (  # noqa: F401
    adversarial,
    batch_prediction,
    conflicts,
    declared,
    duplicates,
    entities,
    identifiers,
    importance,
    missingness,
    near_duplicates,
    proxies,
    shuffled_labels,
    single_feature,
    split_sensitivity,
    time_order,
)
from leakage_checks.finding import DEFAULT_SETTINGS, Finding, Roles, SplitFrames
from leakage_checks.registry import CHECKS, CheckRun, run_all

__all__ = ["CHECKS", "DEFAULT_SETTINGS", "CheckRun", "Finding", "Roles", "SplitFrames", "run_all"]
