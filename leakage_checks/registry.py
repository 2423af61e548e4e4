"""The registry of leakage checks and the runner that times each one."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from leakage_checks.finding import DEFAULT_SETTINGS, Finding, Roles, SplitFrames

Check = Callable[[SplitFrames, Roles, dict], list[Finding]]


@dataclass(frozen=True)
class RegisteredCheck:
    name: str
    question: str  # what the check asks, in plain words
    fn: Check


@dataclass
class CheckRun:
    name: str
    question: str
    seconds: float
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        """passed, or the worst severity it found."""
        for level in ("critical", "warning", "info"):
            if any(f.severity == level for f in self.findings):
                return level
        return "passed"


CHECKS: dict[str, RegisteredCheck] = {}


def register(name: str, question: str):
    def wrap(fn: Check) -> Check:
        CHECKS[name] = RegisteredCheck(name, question, fn)
        return fn

    return wrap


def run_all(
    frames: SplitFrames, roles: Roles, settings: dict | None = None, only: list[str] | None = None
) -> list[CheckRun]:
    """Run every registered check (or those in `only`), timing each."""
    merged = {**DEFAULT_SETTINGS, **(settings or {})}
    runs = []
    for name, check in CHECKS.items():
        if only is not None and name not in only:
            continue
        start = time.perf_counter()
        findings = check.fn(frames, roles, merged)
        runs.append(CheckRun(name, check.question, round(time.perf_counter() - start, 3), findings))
    return runs
