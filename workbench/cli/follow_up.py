"""After a study: `workbench promote | drift | verify | compare | site`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from workbench.cli.common import app, err, handled, out
from workbench.errors import EXIT_CHECK_FAILED, BadInput


@app.command()
@handled
def promote(
    run_path: Annotated[Path, typer.Argument(metavar="RUN_DIR", help="A finished run directory.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Package folder (default RUN_DIR/promotion).")
    ] = None,
    mlflow_uri: Annotated[
        str | None,
        typer.Option(
            "--mlflow",
            metavar="URI",
            help="Also log the run and register its model on this MLflow tracking server "
            "(e.g. sqlite:///mlflow.db or https://mlflow.example.com; needs the mlflow extra).",
        ),
    ] = None,
    model_name: Annotated[
        str | None,
        typer.Option("--model-name", help="Registered model name (default: the experiment's)."),
    ] = None,
):
    """Write the hand-off package: config, model, rollback baseline, contract, reference stats,
    model card, readiness list, train.py and score.py; with --mlflow, also log it to MLflow."""
    from workbench.handoff.forecast_drift import is_forecast_source
    from workbench.handoff.promotion import promote as write_package

    if mlflow_uri and is_forecast_source(run_path):
        raise BadInput(
            "the MLflow hand-off is for tabular studies; a forecast study's forecaster is its "
            "package (forecast_config.yaml, the model's JSON, forecast.py)",
            field="--mlflow",
            fix="promote without --mlflow and register the package's files yourself",
        )
    if mlflow_uri:  # a missing install or an unreachable server fails before anything is written
        from workbench.handoff.tracking import check

        check(mlflow_uri)
    package = write_package(run_path, out_dir or Path(run_path) / "promotion")
    out.print(f"Hand-off package: {package}", highlight=False, soft_wrap=True)
    if mlflow_uri:
        from workbench.handoff.tracking import track

        t = track(run_path, package, mlflow_uri, model=model_name)
        out.print(
            f"Logged to MLflow at {t.tracking_uri}: run {t.run_id}; model {t.model_uri}",
            highlight=False,
            soft_wrap=True,
        )


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
    feature has drifted. For a forecast study: the new actuals against the forecasts made for
    them, series by series (error drift, level shifts)."""
    from workbench.handoff.drift_check import drift_report, drift_table
    from workbench.handoff.forecast_drift import is_forecast_source
    from workbench.store.run_directory import atomic_write

    if is_forecast_source(run_path):
        _forecast_drift(run_path, new_data, out_file)
        return
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


def _forecast_drift(run_path: Path, new_data: Path, out_file: Path | None) -> None:
    from workbench.handoff.forecast_drift import forecast_drift
    from workbench.store.run_directory import atomic_write

    result = forecast_drift(run_path, new_data)
    path = out_file or Path(run_path) / "drift" / "forecast_drift.json"
    atomic_write(path, result.model_dump_json(indent=2) + "\n")
    for w in result.warnings:
        err.print(f"[yellow]Warning:[/] {w}", highlight=False, soft_wrap=True)
    table = Table(title=f"Forecasts from {result.as_of} against the new actuals")
    for col in ("series", "periods", "MASE", "outside 95%", "mean error", "verdict"):
        table.add_column(col)
    for r in result.series:
        style = "" if r.verdict == "ok" else "[bold red]"
        table.add_row(
            r.series,
            str(r.periods),
            f"{r.error:.3f}",
            f"{r.outside_95:.0%}",
            f"{r.mean_error:+.2f}",
            f"{style}{r.verdict}{'[/]' if style else ''}" + (f": {r.why}" if r.why else ""),
        )
    out.print(table)
    held = result.holdout_error
    out.print(
        f"MASE over the new actuals {result.new_error:.3f}"
        + (
            f"; on the study's holdout {held.value:.3f} ({held.ci_low:.3f} to {held.ci_high:.3f})"
            if held
            else ""
        )
        + f". Drift report: {path}",
        highlight=False,
        soft_wrap=True,
    )
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
    from workbench.engine.verify import verify as check

    result = check(run_path)
    if not result.data_unchanged:
        err.print(
            f"[bold red]Not reproducible:[/] {result.data_problem}. The run cannot be "
            "reproduced from this data; restore the original file or start a new run.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_CHECK_FAILED)
    if result.data_note:
        out.print(f"Data: {result.data_note}.", highlight=False, soft_wrap=True)
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
    the data (relative to the first run); warn when runs scored the same holdout."""
    from workbench.engine.verify import compare as side_by_side
    from workbench.store.judgements import RECOMMENDATION_LABELS as REC_LABELS
    from workbench.store.run_directory import atomic_write, to_json

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
    table.add_row("holdout scored (study)", *[f"{r['holdout_looks']}×" for r in runs])
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
    for warning in result["warnings"]:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False, soft_wrap=True)
    if json_out:
        atomic_write(json_out, to_json(result))


def _iv(iv: dict) -> str:
    from workbench.store.results import Interval
    from workbench.wording import interval

    return interval(Interval.model_validate(iv))


@app.command()
@handled
def site(
    study: Annotated[
        Path,
        typer.Argument(
            metavar="STUDY_DIR",
            help="A study's folder of runs (runs/<experiment>), or a run in it.",
        ),
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Site folder (default STUDY_DIR/site).")
    ] = None,
):
    """Write the study's site: every run on one static page (what changed, recommendation,
    scores and value with intervals, the holdout ledger) with each run's report; it works from
    a folder or any static web host."""
    from workbench.site import publish
    from workbench.store.study_runs import study_runs

    folder = study.expanduser().resolve()
    if (folder / "manifest.json").is_file():  # a run directory: its study is the folder above
        folder = folder.parent
    if not folder.is_dir() or not study_runs(folder):
        raise BadInput(
            "this folder holds no run of a study",
            file=str(folder),
            fix="pass the folder of a study's runs, e.g. runs/credit_demo",
        )
    made = publish(folder, out_dir.expanduser().resolve() if out_dir else None)
    out.print(
        f"Study site: {made.index} ({made.runs} run{'s' if made.runs != 1 else ''})",
        highlight=False,
        soft_wrap=True,
    )
