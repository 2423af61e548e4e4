"""What every command shares: the Typer app, the consoles, and the error handling that turns
a `BadInput` into one paragraph and exit code 2, a failed check into exit code 1, and anything
unexpected into one paragraph pointing at the logged traceback (exit 3)."""

from __future__ import annotations

import functools
import os
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from workbench.errors import EXIT_INTERNAL, WorkbenchError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Discovery workbench: from a question, data and acceptance criteria to an "
    "evidenced build / do-not-build recommendation.",
)
out = Console()
err = Console(stderr=True)


class TaskKind(StrEnum):
    binary = "binary"
    multiclass = "multiclass"
    regression = "regression"
    forecast = "forecast"


def handled(fn):
    """Map errors to exit codes and one-paragraph messages; never show a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except WorkbenchError as exc:
            if getattr(exc, "violations", None):
                violations_table(exc.violations, err)
            err.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # a bug: keep the traceback for the developers
            from workbench.engine.runner import StageFailed

            if isinstance(exc, StageFailed):
                err.print(f"[bold red]Stage failed:[/] {exc}", highlight=False, soft_wrap=True)
                raise typer.Exit(EXIT_INTERNAL) from None
            log = _log_traceback(kwargs.get("run_dir") or kwargs.get("run_path"))
            err.print(
                f"[bold red]Internal error:[/] {type(exc).__name__}: {str(exc)[:300]}. This is "
                f"a bug in the workbench, not in your input. The full traceback is in {log}; "
                "please attach it to a bug report.",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


def _log_traceback(run_dir: Path | None) -> Path:
    base = (
        Path(run_dir) / "logs"
        if run_dir and Path(run_dir).exists()
        else Path(tempfile.gettempdir())
    )
    base.mkdir(parents=True, exist_ok=True)
    path = base / f"workbench-error-{os.getpid()}.log"
    path.write_text(traceback.format_exc())
    return path


def violations_table(problems, console: Console = out) -> None:
    """Contract violations as a table: column, check, how many values fail, examples."""
    from rich.table import Table

    table = Table(title="Contract violations", show_lines=False)
    for col in ["column", "check", "failing values", "examples"]:
        table.add_column(col)
    for v in problems:
        table.add_row(v.column, v.check, f"{v.failures:,}", ", ".join(v.examples))
    console.print(table)
