"""The registry of leakage checks and the runner that times each one."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from leakage_checks.finding import DEFAULT_SETTINGS, Finding, NotApplicable, Roles, SplitFrames
from leakage_checks.speech import _

Check = Callable[[SplitFrames, Roles, dict], list[Finding]]


def N_(message: str) -> str:
    """Mark a check's question for a message catalog: the library speaks English; a caller
    that speaks another language (the workbench's report) translates the marked text."""
    return message


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
    not_applicable: str | None = None  # why the check could not run on this data
    failed: bool = False  # it stopped on an error of its own, said in `not_applicable`

    @property
    def status(self) -> str:
        """not_applicable, passed, or the worst severity it found."""
        if self.not_applicable is not None:
            return "not_applicable"
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
    """Run every registered check (or those in `only`), timing each. A check that cannot run
    on this data raises `NotApplicable`, and its run says why instead of passing. A check that
    stops on an error of its own is reported as not run, with the error, so that one check's
    defect leaves the others' answers and the study standing."""
    merged = {**DEFAULT_SETTINGS, **(settings or {})}
    runs = []
    for name, check in CHECKS.items():
        if only is not None and name not in only:
            continue
        start = time.perf_counter()
        failed = False
        try:
            findings, why = check.fn(frames, roles, merged), None
        except NotApplicable as reason:
            findings, why = [], str(reason)
        except Exception as error:
            failed, findings = True, []
            why = _(
                "the check stopped on an error of its own ({error}), so its question is "
                "unanswered on this data; the other checks ran"
            ).format(error=f"{type(error).__name__}: {error}")
        seconds = round(time.perf_counter() - start, 3)
        runs.append(CheckRun(name, check.question, seconds, findings, why, failed))
    return runs
