"""Setting a study up: `workbench init` scaffolds a spec and contract, `validate` checks them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from workbench.cli.common import TaskKind, app, handled, out
from workbench.errors import EXIT_CHECK_FAILED, BadInput


@app.command()
@handled
def init(
    target: Annotated[str, typer.Option("--target", help="The column to predict.")],
    data: Annotated[
        Path | None, typer.Argument(help="CSV or Parquet file to study (or give --sql).")
    ] = None,
    sql: Annotated[
        str | None, typer.Option("--sql", help="Or: a SELECT on a database (with --url-env).")
    ] = None,
    url_env: Annotated[
        str | None,
        typer.Option("--url-env", help="Environment variable holding the database URL."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="--sql: read at most this many rows (kept in the spec).")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Experiment name (default: the file's or table's name).")
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
    """Infer a data contract from DATA (or the rows of --sql) and write a spec and contract."""
    import re

    from workbench.inputs.scaffold import scaffold

    if sql is not None or url_env is not None:
        frame, block = _query_rows(data, sql, url_env, limit, delimiter, encoding)
        data, stem = None, block["table"]
    else:
        data, frame = _file_rows(data, limit, delimiter, encoding)
        block, stem = None, data.stem
    name = name or re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_") or "experiment"
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
        sql=block,
    )
    out.print(f"Wrote [bold]{spec_path}[/] and [bold]{contract_path}[/].")
    out.print(
        "Review both (the question, the acceptance criteria, each column's role), then run:\n"
        f"  workbench run {spec_path}"
    )


def _file_rows(data, limit, delimiter, encoding):
    from workbench.inputs.files import read_raw

    if data is None:
        raise BadInput(
            "give the data to study: a CSV or Parquet file, or --sql with --url-env",
            field="DATA",
            fix="e.g. `workbench init extract.csv --target defaulted`",
        )
    if limit is not None:
        raise BadInput("--limit applies to --sql", field="--limit", fix="drop --limit")
    data = data.expanduser().resolve()
    return data, read_raw(data, delimiter, encoding)


def _query_rows(data, query, url_env, limit, delimiter, encoding):
    """The rows `workbench init --sql` infers the contract from, and the spec's sql block."""
    from pydantic import ValidationError

    from workbench.inputs.source import read_query_rows
    from workbench.inputs.spec import SqlQuery

    if data is not None or delimiter or encoding:
        raise BadInput(
            "give either a data file or --sql, not both (--delimiter and --encoding are for files)",
            field="--sql",
            fix="drop the file argument to read from the database",
        )
    if not query or not url_env:
        missing = "--url-env" if query else "--sql"
        raise BadInput(
            f"{missing} is missing: a query needs both --sql and --url-env",
            field=missing,
            fix="e.g. --sql 'SELECT * FROM applications' --url-env CLIENT_DB_URL, with the "
            "URL exported in CLIENT_DB_URL",
        )
    try:
        sql = SqlQuery(query=query, url_env=url_env, limit=limit)
    except ValidationError as exc:
        problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise BadInput(problem, field="--sql / --url-env / --limit") from None
    frame, label = read_query_rows(sql)
    block = {"query": query, "url_env": url_env, "limit": limit, "label": label}
    return frame, {**block, "table": _table_name(query)}


def _table_name(query: str) -> str:
    import re

    match = re.search(r"\bfrom\s+([A-Za-z0-9_.\"]+)", query, re.IGNORECASE)
    return match.group(1).replace('"', "").split(".")[-1] if match else "query"


@app.command()
@handled
def validate(spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML).")]):
    """Check the spec, its contract and its data; print a table of violations."""
    from workbench.inputs.context import load_context
    from workbench.science.preflight import check_data

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
            f"[green]OK[/]: {len(checked.typed):,} rows of {checked.source.label} meet the "
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
