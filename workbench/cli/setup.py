"""Setting a study up: `workbench init` scaffolds a spec and contract, `validate` checks them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from workbench.cli.common import TaskKind, app, handled, out, violations_table
from workbench.errors import EXIT_CHECK_FAILED, BadInput


@app.command()
@handled
def init(
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            help="The column to predict (forecasts: found by itself when one column holds numbers).",
        ),
    ] = None,
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
    time_column: Annotated[
        str | None, typer.Option(help="Date column: split by time (forecasts: dates each period).")
    ] = None,
    series_column: Annotated[
        list[str] | None,
        typer.Option(help="Forecasts: a column that names a series (repeatable)."),
    ] = None,
    horizon: Annotated[
        int | None, typer.Option(help="Forecasts: periods ahead (default: by the frequency).")
    ] = None,
    frequency: Annotated[
        str | None,
        typer.Option(help="Forecasts: the frequency, e.g. D, W-MON, MS (found by itself)."),
    ] = None,
    backtest_windows: Annotated[
        int | None, typer.Option(help="Forecasts: backtest windows (default 3, as many as fit).")
    ] = None,
    group_column: Annotated[
        str | None, typer.Option(help="Entity column: keep its rows together.")
    ] = None,
    sensitive: Annotated[
        list[str] | None, typer.Option(help="Protected attribute (repeatable).")
    ] = None,
    pii: Annotated[
        list[str] | None, typer.Option(help="Personal-data column (repeatable).")
    ] = None,
    text: Annotated[
        list[str] | None,
        typer.Option(help="Free-text column, read as words by the models (repeatable)."),
    ] = None,
    directory: Annotated[
        Path, typer.Option("--dir", help="Project folder for experiments/ and data_contracts/.")
    ] = Path("."),
    delimiter: Annotated[
        str | None, typer.Option(help="CSV column separator (found by itself when omitted).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding (found by itself when omitted).")
    ] = None,
    decimal: Annotated[
        str | None, typer.Option(help="Decimal separator of numbers: '.' or ',' (found).")
    ] = None,
    thousands: Annotated[
        str | None, typer.Option(help="Thousands separator: '.', ',', ' ' or \"'\" (found).")
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(help="Date format, e.g. '%d/%m/%Y', when the dates cannot tell."),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="Excel: the sheet to read (default: the one with the target column)."),
    ] = None,
    known_at: Annotated[
        list[str] | None,
        typer.Option(
            "--known-at",
            help="COLUMN=WHEN: when a column becomes known (before_decision, at_decision, "
            "after_outcome, unknown; or before, at, after). Repeatable.",
        ),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Ask when the strongest columns become known (default: in a terminal).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing spec and contract.")] = False,
):
    """Infer a data contract from DATA (or the rows of --sql) and write a spec and contract.
    Shows the strongest columns with their scores on their own, and asks when each becomes
    known (in a terminal; else they stay `unknown` unless --known-at says)."""
    import re
    import sys

    from workbench.inputs.export_debris import repairs_remembered
    from workbench.inputs.personal_data import masks_remembered
    from workbench.inputs.scaffold import scaffold
    from workbench.inputs.timing import parse_known_at

    reading = {
        "delimiter": delimiter,
        "encoding": encoding,
        "decimal": decimal,
        "thousands": thousands,
        "date_format": date_format,
        "sheet": sheet,
    }
    # the file is read twice (to detect its format, then to check the data as a run will
    # read it) and its free text masked twice (to say what will be masked, then in that
    # check): the second time takes the first one's encoding repairs and masks
    with masks_remembered(), repairs_remembered():
        detected = None
        if sql is not None or url_env is not None:
            frame, block = _query_rows(data, sql, url_env, limit, reading)
            data, stem = None, block["table"]
        else:
            data, detected = _file_rows(data, limit, reading, target)
            frame, block, stem = detected.frame, None, data.stem
        name = name or re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_") or "experiment"
        out_dir = directory.expanduser().resolve()
        previous = _existing(out_dir, name) if force else {}
        timing = parse_known_at(known_at or [], [str(c) for c in frame.columns])
        interactive = sys.stdin.isatty() if ask is None else ask
        forecast_only = {
            "--series-column": series_column,
            "--horizon": horizon,
            "--frequency": frequency,
            "--backtest-windows": backtest_windows,
        }
        if task is not None and task.value == "forecast":
            from workbench.inputs.forecast_scaffold import scaffold_forecast

            made = scaffold_forecast(
                data,
                frame,
                target,
                name=name,
                out_dir=out_dir,
                time_column=time_column,
                series_columns=series_column or [],
                horizon=horizon,
                frequency=frequency,
                backtest_windows=backtest_windows,
                pii=pii or [],
                force=force,
                detected=detected,
                sql=block,
            )
            _finish_init(made, previous, data)
            return
        given = [k for k, v in forecast_only.items() if v]
        if given:
            raise BadInput(
                f"{given[0]} applies to forecast studies",
                field=given[0],
                fix="add --task forecast, or drop the option",
            )
        if target is None:
            raise BadInput(
                "give the column to predict",
                field="--target",
                fix="e.g. `workbench init extract.csv --target defaulted`",
            )
        made = scaffold(
            data,
            frame,
            target,
            name=name,
            task=task.value if task else None,
            out_dir=out_dir,
            time_column=time_column,
            group_column=group_column,
            sensitive=sensitive or [],
            pii=pii or [],
            force=force,
            detected=detected,
            sql=block,
            timing=timing,
            ask=lambda strong, answers: _ask_timing(strong, answers, interactive),
            text=text or [],
        )
        _finish_init(made, previous, data)


def _finish_init(made, previous: dict[Path, bytes], data: Path | None) -> None:
    _refuse_what_run_would(made, previous, data)
    _decisions_table(made)
    if made.language.language == "de":
        out.print(
            "Report language: [bold]de[/] (German), proposed because the file writes "
            f"{', '.join(made.language.because)}. Set report.language: en in the spec for an "
            "English report."
        )
    out.print(f"Wrote [bold]{made.spec_path}[/] and [bold]{made.contract_path}[/].")
    out.print(
        "Review both (the question, the acceptance criteria, each column's role), then run:\n"
        f"  workbench run {made.spec_path}"
    )


def _file_rows(data, limit, reading: dict, target: str):
    from workbench.inputs.detection import detect

    if data is None:
        raise BadInput(
            "give the data to study: a CSV, Excel or Parquet file, or --sql with --url-env",
            field="DATA",
            fix="e.g. `workbench init extract.csv --target defaulted`",
        )
    if limit is not None:
        raise BadInput("--limit applies to --sql", field="--limit", fix="drop --limit")
    data = data.expanduser().resolve()
    if reading["decimal"] not in (None, ".", ","):
        raise BadInput(
            f"--decimal '{reading['decimal']}' is not a decimal separator",
            field="--decimal",
            fix="use '.' or ','",
        )
    sheet = reading["sheet"]
    if sheet is not None and sheet.isdigit():
        reading = {**reading, "sheet": int(sheet)}
    return data, detect(data, target=target, **reading)


def _existing(out_dir: Path, name: str) -> dict[Path, bytes]:
    """The spec and contract `--force` is about to overwrite, to restore on a refusal."""
    paths = [out_dir / "experiments" / f"{name}.yaml", out_dir / "data_contracts" / f"{name}.yaml"]
    return {p: p.read_bytes() for p in paths if p.exists()}


def _refuse_what_run_would(made, previous: dict[Path, bytes], data: Path | None) -> None:
    """Check the written spec, contract and data as `validate` and `run` will; on a problem,
    take the files back (restoring what --force replaced) and say it in `init`'s words."""
    from workbench.inputs.context import load_context
    from workbench.science.preflight import check_data

    try:
        check_data(load_context(made.spec_path))
    except BadInput as exc:
        for p in (made.spec_path, made.contract_path):
            if p in previous:
                p.write_bytes(previous[p])
            else:
                p.unlink(missing_ok=True)
        options = {
            "task.target": "--target",
            "task.kind": "--task",
            "split.time_column": "--time-column",
            "forecast.horizon": "--horizon",
            "forecast.frequency": "--frequency",
            "forecast.backtest_windows": "--backtest-windows",
            "forecast.time_column": "--time-column",
        }
        field = options.get(exc.field or "", exc.field)
        raise BadInput(
            exc.problem + " (nothing was written)",
            file=str(data) if data else exc.file,
            field=field,
            fix=exc.fix,
        ) from None


def _ask_timing(strong, answers: dict[str, str], interactive: bool) -> dict[str, str]:
    """Show the strongest columns with their scores alone and, in a terminal, ask when each
    becomes known; the answers given with --known-at stand."""
    import click

    from workbench.inputs.timing import KNOWN_AT, SHORT

    if not strong:
        return answers
    table = Table(title="The strongest columns on their own: when does each become known?")
    for col in ["column", "score alone (out of fold)", "known_at"]:
        table.add_column(col)
    for s in strong:
        table.add_row(s.column, s.words, answers.get(s.column, "?" if interactive else "unknown"))
    out.print(table)
    out.print(
        "A column recorded after the outcome leaks the answer and is kept out of every "
        "model; a strong column of unknown timing gets the score without it on page one."
    )
    answers = dict(answers)
    choices = click.Choice([*KNOWN_AT, *SHORT], case_sensitive=False)
    for s in strong:
        if s.column in answers:
            continue
        if not interactive:
            answers[s.column] = "unknown"
            continue
        said = typer.prompt(
            f"When is '{s.column}' known? before / at (the decision) / after (the outcome) / "
            "unknown",
            default="unknown",
            type=choices,
        )
        answers[s.column] = SHORT.get(said.lower(), said.lower())
    if not interactive:
        out.print(
            "Their timing is left 'unknown': ask the data owner and set known_at in the "
            "contract (or pass --known-at COLUMN=WHEN)."
        )
    return answers


def _decisions_table(made) -> None:
    """What `init` decided, column by column, and how it reads the file."""
    if made.reading:
        table = Table(title="How the file is read", show_header=True)
        for col in ["", "value", "how"]:
            table.add_column(col)
        for what, value, how in made.reading:
            table.add_row(what, value, how)
        out.print(table)
    if made.series:
        table = Table(title="The series", show_header=True)
        for col in ["", "found"]:
            table.add_column(col, overflow="fold")
        for what, found in made.series:
            table.add_row(what, found)
        out.print(table)
    table = Table(title=f"What init decided ({made.task} task)")
    for col in ["column", "type", "role", "decision"]:
        table.add_column(col, overflow="fold")
    for name, spec in made.columns.items():
        role = spec.get("role", "feature").replace("_", " ") + (" (PII)" if spec.get("pii") else "")
        if spec.get("known_at") == "after_outcome" and role == "feature":
            role = "feature, after the outcome (kept out of every model)"
        if spec.get("sensitive") and role == "feature":
            role = "sensitive"  # judged for fairness, left out of the model's inputs
        table.add_row(name, spec["type"], role, "; ".join(spec.get("why", [])) or "model input")
    out.print(table)


def _query_rows(data, query, url_env, limit, reading: dict):
    """The rows `workbench init --sql` infers the contract from, and the spec's sql block."""
    from pydantic import ValidationError

    from workbench.inputs.source import read_query_rows
    from workbench.inputs.spec import SqlQuery

    if data is not None or any(v is not None for v in reading.values()):
        raise BadInput(
            "give either a data file or --sql, not both (--delimiter, --encoding, --decimal, "
            "--thousands, --date-format and --sheet are for files)",
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
    for warning in checked.warnings:
        out.print(f"[yellow]Warning:[/] {warning}.", highlight=False)
    if not checked.violations:
        out.print(
            f"[green]OK[/]: {len(checked.typed):,} rows of {checked.source.label} meet the "
            f"contract {ctx.loaded.contract_path.name}; the spec is valid and the study can run."
        )
        return
    violations_table(checked.violations)
    raise typer.Exit(EXIT_CHECK_FAILED)
