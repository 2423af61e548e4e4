"""The registry of the forecast checks and the runner that times each one (the tabular
registry's `CheckRun`, so both kinds of check report alike)."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import import_module

from leakage_checks.finding import Finding, NotApplicable
from leakage_checks.registry import CheckRun, RegisteredCheck
from leakage_checks.series.series_frames import SERIES_SETTINGS, SeriesFrames, SeriesRoles

SeriesCheck = Callable[[SeriesFrames, SeriesRoles, dict], list[Finding]]
SERIES_CHECKS: dict[str, RegisteredCheck] = {}
MODULES = ("holdout_overlap", "repeated_periods", "after_extract_end", "look_ahead", "whole_series")


def register_series(name: str, question: str):
    def wrap(fn: SeriesCheck) -> SeriesCheck:
        SERIES_CHECKS[name] = RegisteredCheck(name, question, fn)
        return fn

    return wrap


def run_series_checks(
    frames: SeriesFrames, roles: SeriesRoles, settings: dict | None = None
) -> list[CheckRun]:
    """Run every forecast check, timing each; one that cannot run says why."""
    for module in MODULES:
        import_module(f"leakage_checks.series.{module}")
    merged = {**SERIES_SETTINGS, **(settings or {})}
    runs = []
    for name, check in SERIES_CHECKS.items():
        start = time.perf_counter()
        try:
            findings, why = check.fn(frames, roles, merged), None
        except NotApplicable as reason:
            findings, why = [], str(reason)
        runs.append(
            CheckRun(name, check.question, round(time.perf_counter() - start, 3), findings, why)
        )
    return runs
