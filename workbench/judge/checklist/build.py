"""`build_checklist(run)`: the leakage model info sheet and the REFORMS checklist of one run,
built from its results files, manifest and inputs alone (no model, no data)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from workbench.judge.checklist.facts import ChecklistInputs
from workbench.judge.checklist.leakage_sheet import leakage_sheet
from workbench.judge.checklist.reforms import count, reforms_items
from workbench.store.judgements import Checklist
from workbench.store.layout import NEEDED, FinishedRun
from workbench.store.run_directory import Run

OPTIONAL = ("baselines", "tuning", "assurance")


def checklist_from(x: ChecklistInputs) -> Checklist:
    """The checklist of results already loaded (a pure function: unit-testable without a run)."""
    sheet = leakage_sheet(x)
    items = reforms_items(x, sheet)
    sources = [f"results/{n}.json" for n in NEEDED]
    sources += [f"results/{n}.json" for n in OPTIONAL if getattr(x, n) is not None]
    sources += [
        p
        for p, v in (
            ("manifest.json", x.manifest),
            ("inputs/spec.yaml", x.spec),
            ("inputs/contract.yaml", x.contract),
        )
        if v
    ]
    return Checklist(leakage_sheet=sheet, reforms=items, counts=count(items), sources=sources)


def load_inputs(run: Run | FinishedRun) -> ChecklistInputs:
    """What a checklist reads: a finished run's results, manifest, spec and contract (read
    here from a run directory, or already read). Raises FileNotFoundError when a needed
    results file is absent."""
    r = run if isinstance(run, FinishedRun) else FinishedRun.read(run)
    return ChecklistInputs(**{f.name: getattr(r, f.name) for f in fields(FinishedRun)})


def build_checklist(run: Run | str | Path) -> Checklist:
    """The reviewer's checklist of a run: for each of the eight leakage types of Kapoor &
    Narayanan (2023) a verdict with this run's evidence, and the 32 REFORMS items answered from
    the results, from the spec's `reviewer_notes`, or left open.

    `run` is a run directory (or a `Run`); the data, leakage and evaluation results must exist.
    Nothing is recomputed: the checklist reads results files only. In a notebook::

        from workbench.judge.checklist import build_checklist
        c = build_checklist("runs/credit_demo/20261126-150444")
        [(i.title, i.verdict) for i in c.leakage_sheet], c.counts
    """
    run = run if isinstance(run, Run) else Run(run)
    return checklist_from(load_inputs(run))
