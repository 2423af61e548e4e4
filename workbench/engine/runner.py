"""Running a study: the stage notebooks executed in order with papermill into the run
directory, then the decision and the report. Finished stages are skipped on `--resume`."""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.engine.kernel import SharedClientManager, StageKernel, stage_engine
from workbench.errors import BadInput, did_you_mean
from workbench.store.layout import JUDGEMENTS, STAGE_NAMES, STAGES, Stage, stages_for
from workbench.store.run_directory import Run, environment_facts, now_iso
from workbench.store.study_runs import SITE_FOLDER

if TYPE_CHECKING:
    from workbench.inputs.context import Context

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@dataclass
class Outcome:
    run: Run
    html: Path | None  # None when the run was asked for no report (a verify re-run)
    pdf: Path | None
    recommendation: str
    contract_violations: int
    site: Path | None = None  # the study site's page, refreshed when the run finished
    site_problem: str | None = None  # why the site could not be refreshed (the run stands)


class StageFailed(Exception):
    """A stage notebook raised: the executed notebook keeps the failing cell."""

    def __init__(self, stage: Stage, notebook: Path, cell: str, error: str) -> None:
        self.stage, self.notebook, self.cell, self.error = stage, notebook, cell, error
        super().__init__(
            f"stage '{stage.name}' failed in the cell starting '{cell}': {error}. "
            f"The executed notebook with the failing cell is {notebook}. "
            "Fix the cause, then re-run with --resume: finished stages are kept."
        )


def default_run_dir(ctx: Context) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return ctx.loaded.project_dir / "runs" / ctx.spec.name / stamp


def start_run(ctx: Context, run_dir: Path | None, resume: bool, stage: str | None) -> Run:
    """Open (or create) the run directory, refusing to overwrite a finished run by accident."""
    if stage is not None and stage not in STAGE_NAMES:
        raise BadInput(
            f"unknown stage '{stage}'.{did_you_mean(stage, STAGE_NAMES)} "
            f"Stages: {', '.join(STAGE_NAMES)}",
            field="--stage",
        )
    run = Run(run_dir or default_run_dir(ctx))
    run.refuse_if_in_use()  # before anything else: a run just begun has no manifest yet
    exists = run.manifest_path.exists()
    if exists and not resume and stage is None:
        raise BadInput(
            "the run directory already holds a run",
            file=str(run.dir),
            fix="add --resume to continue it, or choose another --run-dir",
        )
    if (resume or stage) and not exists:
        raise BadInput(
            "there is no run to resume in this directory",
            file=str(run.dir),
            fix="start it without --resume (or check the path)",
        )
    run.acquire()
    run.create()
    spec_hash = ctx.loaded.spec_hash()
    if exists:
        recorded = run.manifest().get("spec_hash")
        if recorded and recorded != spec_hash:
            run.release()
            raise BadInput(
                "the spec changed since this run began, so its finished stages no longer match it",
                file=str(ctx.loaded.path),
                fix="start a new run (without --resume), or restore the spec",
            )
        # the same study; only reviewer notes (or comments) may differ: keep the latest
        shutil.copyfile(ctx.loaded.path, run.dir / "inputs" / "spec.yaml")
    else:
        inputs = run.dir / "inputs"
        inputs.mkdir(exist_ok=True)
        shutil.copyfile(ctx.loaded.path, inputs / "spec.yaml")
        shutil.copyfile(ctx.loaded.contract_path, inputs / "contract.yaml")
        run.update_manifest(
            experiment=ctx.spec.name,
            spec_file=str(ctx.loaded.path),
            spec_hash=spec_hash,
            seed=ctx.spec.seed,
            started_at=now_iso(),
            environment=environment_facts(ctx.loaded.project_dir),
            holdout_scored=0,
            completed_stages=[],
        )
    return run


def run_study(
    spec_path: str | Path,
    run_dir: Path | None = None,
    resume: bool = False,
    stage: str | None = None,
    on_stage: Callable[[Stage, str], None] | None = None,
    kernel: StageKernel | None = None,
    site: bool = True,
    report: bool = True,
) -> Outcome:
    """Run the study. `kernel`: a stage kernel the caller started before its own imports (the
    CLI does); the run's wall time counts from its start. `site`: refresh the study's site
    (`runs/<experiment>/site/`) when the run has finished. `report`: render the report (a
    verify re-run, compared by its results alone, renders none)."""
    # the kernel starts and imports the stage libraries while this process reads the spec
    with kernel or StageKernel() as kernel:
        # pandas and pydantic, not scikit-learn: the kernel imports that meanwhile
        from workbench.inputs.admission import admit
        from workbench.inputs.context import load_context

        ctx = load_context(spec_path)
        if not resume and stage is None:  # refused data leaves no run directory behind
            admit(ctx)
        run = start_run(ctx, run_dir, resume, stage)
        try:
            kernel.use_run_dir(run.dir)
            ran = _run_stages(ctx, run, stage, on_stage, kernel, trend=site and has_trend(ctx, run))
            kernel.close()  # its memory is not needed for the report
            return finish(ctx, run, kernel.started, ran, site, report)
        finally:
            run.release()


def _run_stages(
    ctx: Context, run: Run, only: str | None, on_stage, kernel: StageKernel, trend: bool = True
) -> list[str]:
    """Run the stages still to do (or `only`); return the names of those run. `trend`: the
    site will draw its figure when the run ends (see `preload_finish`)."""
    done = set(run.manifest().get("completed_stages", []))
    ran: list[str] = []
    stages = stages_for(ctx.spec.task.kind)
    if only is not None and only not in [s.name for s in stages]:
        raise BadInput(
            f"stage '{only}' is not a stage of {ctx.spec.task.kind} studies",
            field="--stage",
            fix=f"choose one of {', '.join(s.name for s in stages)}",
        )
    for st in stages:
        if only is not None:
            if st.name != only:
                continue
            missing = [s for s in STAGE_NAMES[: STAGE_NAMES.index(only)] if s not in done]
            if missing:
                raise BadInput(
                    f"stage '{only}' needs the results of {', '.join(missing)} first",
                    file=str(run.dir),
                    fix="run the whole study (without --stage) first",
                )
        elif st.name in done and run.has_result(st.name):
            if on_stage:
                on_stage(st, "kept")
            continue
        if on_stage:
            on_stage(st, "running", run)
        seconds = execute_notebook(st, ctx, run, kernel)
        kernel.end_side_process()  # what the stage left in the worker's memory is returned
        if not ran:
            preload_finish(figures=trend)
        done.add(st.name)
        ran.append(st.name)
        run.update_manifest(
            stage_seconds={st.name: round(seconds, 2)},
            completed_stages=[s for s in STAGE_NAMES if s in done],
        )
        if on_stage:
            on_stage(st, "done")
    return ran


def has_trend(ctx: Context, run: Run) -> bool:
    """Whether the study has a finished run besides this one: then the site it refreshes at the
    end draws the runs' scores (a first run has no trend to draw)."""
    from workbench.store.study_runs import study_runs

    folder = ctx.loaded.project_dir / "runs" / ctx.spec.name
    if not folder.is_dir():
        return False
    return any(r.dir != run.dir and r.has_result("decision") for r in study_runs(folder))


def preload_finish(figures: bool = True) -> None:
    """Import, in a thread of this process, what the finished run needs here: Optuna (the
    tuning progress bar), the judge, the report and, with `figures`, the site's figure library
    (matplotlib: a second of processor time, spared when the site draws no figure).
    This process only waits while the kernel runs the stages, so on a second core the imports
    cost the run nothing instead of a second at its end. Started once the first stage has run,
    so papermill (which the main thread imports then) is in; a module two threads ask for at
    once is imported once, the other waiting (Python's import locks)."""

    def imports() -> None:
        import importlib

        for name in ("optuna", "workbench.judge", "workbench.report", "workbench.site.figure"):
            try:
                importlib.import_module(name)
            except Exception:  # imported again where it is used, and failing there, loudly
                return
        if figures:
            with contextlib.suppress(Exception):
                importlib.import_module("workbench.science.figures")

    threading.Thread(target=imports, name="finish-imports", daemon=True).start()


def execute_notebook(st: Stage, ctx: Context, run: Run, kernel: StageKernel) -> float:
    # papermill is imported on the first stage, not with this module: the run's own process
    # reads the spec and starts the kernel first
    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    km, kc = kernel.ready()

    out = run.notebooks / st.notebook
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS / st.notebook),
            str(out),
            parameters={"spec_path": str(ctx.loaded.path), "run_dir": str(run.dir)},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            cwd=str(run.dir),
            km=SharedClientManager(km, kc),
            engine_name=stage_engine(),
        )
    except PapermillExecutionError as exc:
        if exc.ename in ("BadInput", "RunLocked"):
            raise BadInput.reraised(exc.evalue) from None
        raise StageFailed(st, out, _first_line(exc.source), f"{exc.ename}: {exc.evalue}") from None
    except DeadKernelError:
        raise StageFailed(
            st,
            out,
            _first_line(_running_cell(out)),
            "the stage's kernel died (it was killed, most often for want of memory: "
            "the spec's `profile: quick` needs less)",
        ) from None
    return time.perf_counter() - start


def _first_line(source: str | None) -> str:
    return next((ln for ln in (source or "").splitlines() if ln.strip()), "").strip()[:80]


def _running_cell(notebook: Path) -> str:
    """The source of the cell a stage was running when its kernel died ('' if unknown)."""
    import nbformat

    with contextlib.suppress(OSError, ValueError):
        for cell in nbformat.read(notebook, as_version=4).cells:
            if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
                return cell.source
    return ""


def finish(
    ctx: Context, run: Run, started: float, ran: list[str], site: bool = True, report: bool = True
) -> Outcome:
    """Decision, report and the manifest's closing facts. The orchestration share is the part
    of this invocation's wall time (from the kernel's start to the report written) not spent
    inside the computation of a stage it ran (`ran`; stages kept on --resume count for
    neither): kernel start, imports, notebook I/O, results files, decision and rendering."""
    # imported here, not at the top: the run's own process reads the spec and starts the
    # kernel without the judge's and the report's imports (the leakage checks' settings,
    # jinja2), which only the finished run needs
    from workbench.judge import pass_judgement
    from workbench.report import render

    finish_start = time.perf_counter()
    results = pass_judgement(run)
    t0 = time.perf_counter()
    run.update_manifest(finished_at=now_iso())
    folder = ctx.loaded.project_dir / "runs" / ctx.spec.name
    drafting = draft_site_beside(folder) if site else None  # needs no report: drawn meanwhile
    html, pdf = render(run, ctx.loaded.project_dir) if report else (None, None)
    render_s = time.perf_counter() - t0
    page, problem = refresh_site(folder, drafting) if site else (None, None)
    site_s = time.perf_counter() - t0 - render_s
    manifest = run.manifest()
    compute = sum(manifest.get("stage_compute_seconds", {}).get(name, 0.0) for name in ran)
    notebooks = sum(manifest.get("stage_seconds", {}).get(name, 0.0) for name in ran) - compute
    decision_s = t0 - finish_start
    wall = time.perf_counter() - started
    overhead = max(0.0, wall - compute)
    run.update_manifest(
        report_seconds=round(render_s, 2),
        wall_seconds=round(wall, 2),
        orchestration_share=round(overhead / wall, 4),
        # where the time outside the stages' computations went
        orchestration_seconds={
            "start": round(overhead - notebooks - decision_s - render_s - site_s, 2),
            "notebooks": round(notebooks, 2),
            "decision": round(decision_s, 2),
            "report": round(render_s, 2),
            "site": round(site_s, 2),
        },
    )
    outcome = Outcome(run, html, pdf, results.decision.recommendation, len(results.data.violations))
    outcome.site, outcome.site_problem = page, problem
    return outcome


def draft_site_beside(folder: Path) -> Future:
    """Start drafting the study's site (its runs read, its figure drawn) in a thread of this
    process, while the report renders in pandoc and typst: the draft needs the run's results,
    not its report."""

    def drafted():
        from workbench.site import draft

        # a run started elsewhere (--run-dir) still belongs to its study: the site is written
        # in the study's folder, which the ledger (in runs/) no longer creates
        folder.mkdir(parents=True, exist_ok=True)
        return draft(folder)

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-draft")
    try:
        return pool.submit(drafted)
    finally:
        pool.shutdown(wait=False)  # the draft runs on; the pool takes nothing more


def refresh_site(folder: Path, drafting: Future | None = None) -> tuple[Path | None, str | None]:
    """Write the study's site again (from `drafting`'s draft when there is one): its page, or
    why it could not be written. A finished run is not undone by a site that fails: the
    problem is said, the traceback logged in the study's folder, and `workbench site` writes
    it again."""
    from workbench.site import publish

    try:
        drafted = drafting.result() if drafting is not None else None
        folder.mkdir(parents=True, exist_ok=True)
        return publish(folder, drafted=drafted).index, None
    except Exception as exc:  # the run's own results and report are written and stand
        import traceback

        log = folder / "site-error.log"
        with contextlib.suppress(OSError):
            log.write_text(traceback.format_exc())
        return None, f"{type(exc).__name__}: {exc} (traceback in {log})"


def rerender(run_dir: Path) -> tuple[Path, Path]:
    """The report of a finished run, rendered again from its results files. A run judged by a
    version that did not save every judgement is judged once first (its stage results are
    untouched); otherwise nothing is recomputed."""
    from workbench.judge import pass_judgement  # deferred as in `finish`
    from workbench.report import render

    run = Run(run_dir)
    missing = [s.name for s in STAGES if not run.has_result(s.name) and s.name != "assurance"]
    if missing or not (run.dir / "inputs" / "spec.yaml").exists():
        raise BadInput(
            f"this is not a finished run: results missing for {', '.join(missing) or 'inputs'}",
            file=str(run.dir),
            fix="finish it with `workbench run SPEC --run-dir ... --resume`",
        )
    if not all(run.has_result(name) for name in JUDGEMENTS):
        pass_judgement(run)
    pages = render(run)
    if (run.dir.parent / SITE_FOLDER).is_dir():  # the study's site shows this report: refresh it
        refresh_site(run.dir.parent)
    return pages
