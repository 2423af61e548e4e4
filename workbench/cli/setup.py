"""Setting a study up: `workbench init` scaffolds a spec and contract, `validate` checks them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from workbench.cli.common import TaskKind, app, handled, out
from workbench.errors import EXIT_CHECK_FAILED


@app.command()
@handled
def init(
    data: Annotated[Path, typer.Argument(help="CSV or Parquet file to study.")],
    target: Annotated[str, typer.Option("--target", help="The column to predict.")],
    name: Annotated[
        str | None, typer.Option(help="Experiment name (default: the file's name).")
    ] = None,
    task: Annotated[
        TaskKind | None, typer.Option(help="Inferred from the target when omitted.")
    ] = None,
    time_column: Annotated[str | None, typer.Option(help="Date column: split by time.")] = None,
    group_column: Annotated[
        str | None, typer.Option(help="Entity column: keep its rows together.")
    ] = None,
    sensitive: Annotated[
        list[str] | None, typer.Option(help="Protected attribute (repeatable).")
    ] = None,
    pii: Annotated[
        list[str] | None, typer.Option(help="Personal-data column (repeatable).")
    ] = None,
    directory: Annotated[
        Path, typer.Option("--dir", help="Project folder for experiments/ and data_contracts/.")
    ] = Path("."),
    delimiter: Annotated[
        str | None, typer.Option(help="CSV column separator when not a comma.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding when not UTF-8.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing spec and contract.")] = False,
):
    """Infer a data contract from DATA and write a spec and contract to edit."""
    import re

    from workbench.data import read_raw
    from workbench.scaffold import scaffold

    data = data.expanduser().resolve()
    frame = read_raw(data, delimiter, encoding)
    name = name or re.sub(r"[^A-Za-z0-9_.-]+", "_", data.stem).strip("_") or "experiment"
    spec_path, contract_path = scaffold(
        data,
        frame,
        target,
        name=name,
        task=task.value if task else None,
        out_dir=directory.expanduser().resolve(),
        time_column=time_column,
        group_column=group_column,
        sensitive=sensitive or [],
        pii=pii or [],
        force=force,
        delimiter=delimiter,
        encoding=encoding,
    )
    out.print(f"Wrote [bold]{spec_path}[/] and [bold]{contract_path}[/].")
    out.print(
        "Review both (the question, the acceptance criteria, each column's role), then run:\n"
        f"  workbench run {spec_path}"
    )


@app.command()
@handled
def validate(spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML).")]):
    """Check the spec, its contract and its data; print a table of violations."""
    from workbench.context import load_context
    from workbench.preflight import check_data

    ctx = load_context(spec)
    checked = check_data(ctx)
    if checked.unmentioned:
        out.print(
            f"[yellow]Warning:[/] columns in the data that the contract does not mention "
            f"(they will be ignored): {', '.join(checked.unmentioned)}",
            highlight=False,
        )
    if not checked.violations:
        out.print(
            f"[green]OK[/]: {len(checked.typed):,} rows of {ctx.loaded.data_path.name} meet the "
            f"contract {ctx.loaded.contract_path.name}; the spec is valid and the study can run."
        )
        return
    _violations_table(checked.violations)
    raise typer.Exit(EXIT_CHECK_FAILED)


def _violations_table(problems) -> None:
    table = Table(title="Contract violations", show_lines=False)
    for col in ["column", "check", "failing values", "examples"]:
        table.add_column(col)
    for v in problems:
        table.add_row(v.column, v.check, f"{v.failures:,}", ", ".join(v.examples))
    out.print(table)
