"""Leakage checks: one module per mechanism, a registry that runs them all, a `Finding` type.

Checks take plain pandas objects (`SplitFrames`, `Roles`) and settings, and return findings;
this package does not import `workbench`.
"""

from leakage_checks import declared as _declared  # noqa: F401  (registers the checks)
from leakage_checks import duplicates as _duplicates  # noqa: F401
from leakage_checks import single_feature as _single_feature  # noqa: F401
from leakage_checks.finding import DEFAULT_SETTINGS, Finding, Roles, SplitFrames
from leakage_checks.registry import CHECKS, CheckRun, run_all

__all__ = ["CHECKS", "DEFAULT_SETTINGS", "CheckRun", "Finding", "Roles", "SplitFrames", "run_all"]
