"""Leakage checks: one module per mechanism, a registry that runs them all, a `Finding` type.

Checks take plain pandas objects (`SplitFrames`, `Roles`) and settings, and return findings;
this package does not import `workbench`. The check modules (and scikit-learn, which several
use) load on first use of `CHECKS`, `CheckRun` or `run_all`: reading a spec needs only the
settings.
"""

from importlib import import_module

from leakage_checks.finding import DEFAULT_SETTINGS, Finding, NotApplicable, Roles, SplitFrames

# importing the modules registers the checks, in the order they run
CHECK_MODULES = (
    "adversarial",
    "batch_prediction",
    "censoring",
    "changed_figures",
    "conflicts",
    "declared",
    "duplicates",
    "durations",
    "encodings",
    "entities",
    "formats",
    "identifiers",
    "importance",
    "label_words",
    "lookup",
    "missingness",
    "near_duplicates",
    "outcome_copies",
    "pairs",
    "post_outcome_text",
    "proxies",
    "segments",
    "shuffled_labels",
    "single_feature",
    "split_sensitivity",
    "subsets",
    "text_copies",
    "time_order",
)
_REGISTRY_NAMES = ("CHECKS", "CheckRun", "run_all")


def __getattr__(name: str):
    if name in _REGISTRY_NAMES:
        for module in CHECK_MODULES:
            import_module(f"leakage_checks.{module}")
        registry = import_module("leakage_checks.registry")
        return getattr(registry, name)
    raise AttributeError(f"module 'leakage_checks' has no attribute '{name}'")


__all__ = [
    "CHECKS",
    "DEFAULT_SETTINGS",
    "CheckRun",
    "Finding",
    "NotApplicable",
    "Roles",
    "SplitFrames",
    "run_all",
]
