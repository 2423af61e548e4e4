"""Errors the workbench reports to people, and the exit codes they map to.

A `BadInput` is the user's to fix: it names the file, the field or column, what was found and
what to do, and the CLI prints it as one paragraph with exit code 2. Anything else escaping a
command is a bug: its traceback goes to the run's `logs/` and the exit code is 3.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class WorkbenchError(Exception):
    """Base class for errors the workbench explains itself."""

    exit_code = EXIT_INTERNAL


class BadInput(WorkbenchError):
    """Input the user must fix: a spec, a contract, a data file or a command-line option."""

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.field = field
        self.fix = fix
        super().__init__(self.paragraph())

    @classmethod
    def reraised(cls, paragraph: str) -> BadInput:
        """A BadInput raised elsewhere (a stage's kernel), passed on with its paragraph as it
        was written: one prefix, not two."""
        exc = cls(paragraph)
        exc.args = (paragraph,)
        exc.paragraph = lambda: paragraph  # type: ignore[method-assign]
        return exc

    def __str__(self) -> str:
        return self.paragraph()

    def paragraph(self) -> str:
        where = []
        if self.file:
            where.append(f"in {self.file}")
        if self.field:
            where.append(f"at '{self.field}'")
        head = ("Bad input " + ", ".join(where) + ": ") if where else "Bad input: "
        problem = self.problem.rstrip(".")
        text = head + problem + ("" if problem.endswith(("?", "!")) else ".")
        if self.fix:
            text += " Fix: " + self.fix.rstrip(".") + "."
        return text


class CheckFailed(WorkbenchError):
    """The run finished but a check the user asked for failed (exit code 1)."""

    exit_code = EXIT_CHECK_FAILED


class DataRefused(WorkbenchError):
    """The data does not convert to the contract's types: the run does not start (exit 1).
    `violations` holds the table to show."""

    exit_code = EXIT_CHECK_FAILED

    def __init__(self, problem: str, violations: list) -> None:
        self.violations = violations
        super().__init__(problem)


class RunLocked(BadInput):
    """Another live process is writing into the run directory."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' Did you mean 'x'?' suffix when a close match exists, else an empty string."""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" Did you mean '{match[0]}'?" if match else ""
