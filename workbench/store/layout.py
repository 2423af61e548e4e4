"""What a finished run directory holds, and the one reader of it.

The stages are listed here once, in order, each with its notebook, its title and the model of
its results file; the judgements follow, in the order they are made. Everything that reads a
finished run — the judge, the report, `promote`, `compare`, `verify`, tracking, drift — reads
it as a `FinishedRun` and never names a results file by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from workbench.store.assurance_results import AssuranceResult
from workbench.store.forecast_results import CandidateChoice
from workbench.store.judgements import Checklist, Decision, Readiness, Verdicts
from workbench.store.results import (
    BaselinesResult,
    DataResult,
    EvaluationResult,
    LeakageResult,
    TuningResult,
)
from workbench.store.run_directory import Run, read_mapping

TASKS = ("binary", "multiclass", "regression", "forecast")
TABULAR = ("binary", "multiclass", "regression")


class Stage(NamedTuple):
    name: str  # results/<name>.json
    notebook: str  # notebooks/<notebook>, in the project and, executed, in the run directory
    title: str
    model: type[BaseModel]
    tasks: tuple[str, ...] = TASKS  # the tasks whose studies run it


STAGES = (
    Stage("data", "01_data_audit.ipynb", "Data audit", DataResult),
    Stage("leakage", "02_splits_leakage.ipynb", "Splits and leakage checks", LeakageResult),
    Stage("baselines", "03_baselines.ipynb", "Baselines", BaselinesResult),
    Stage("tuning", "04_tuning.ipynb", "Tuning", TuningResult),
    Stage("evaluation", "05_evaluation.ipynb", "Holdout evaluation", EvaluationResult),
    # a forecast's evidence by series, horizon step and backtest window is in its evaluation
    Stage(
        "assurance",
        "06_assurance.ipynb",
        "Robustness, fairness and explanations",
        AssuranceResult,
        TABULAR,
    ),
)
STAGE_NAMES = [s.name for s in STAGES]


def stages_for(task: str) -> tuple[Stage, ...]:
    """The stages a study of `task` runs, in order."""
    return tuple(s for s in STAGES if task in s.tasks)


# a judgement made during the run, before the holdout is scored: a forecast study's candidate
# (`workbench.judge.candidate`, called by the tuning notebook), which the evaluation scores
DURING_RUN: dict[str, type[BaseModel]] = {"candidate": CandidateChoice}
# the judgements of the finished run, in the order `workbench.judge` makes them: each may read
# those before it
JUDGEMENTS: dict[str, type[BaseModel]] = {
    "verdicts": Verdicts,
    "checklist": Checklist,
    "readiness": Readiness,
    "decision": Decision,
}
MODELS: dict[str, type[BaseModel]] = {
    **{s.name: s.model for s in STAGES},
    **DURING_RUN,
    **JUDGEMENTS,
}
NEEDED = ("data", "leakage", "evaluation")  # what a run must hold to be judged at all


@dataclass
class FinishedRun:
    """One run as everything after its stages reads it: its results files as their models (a
    stage or judgement the run lacks is None), and its manifest, spec and contract as written
    (plain mappings: `inputs/spec.yaml` and `inputs/contract.yaml`, the run's own copies).
    The judge, the report, the hand-off and `verify` read a run through it and never name a
    results file by hand. A unit test builds one from results models alone."""

    data: DataResult
    leakage: LeakageResult
    evaluation: EvaluationResult
    baselines: BaselinesResult | None = None
    tuning: TuningResult | None = None
    assurance: AssuranceResult | None = None
    candidate: CandidateChoice | None = None
    verdicts: Verdicts | None = None
    checklist: Checklist | None = None
    readiness: Readiness | None = None
    decision: Decision | None = None
    dir: Path | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    spec: dict[str, Any] = field(default_factory=dict)
    contract: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, run: Run | str | Path, judgements: bool = True) -> FinishedRun:
        """Every results file of `run` as its model, with its manifest, spec and contract.
        Raises FileNotFoundError naming the files a run must hold (data, leakage, evaluation)
        when one is absent; `judgements=False` leaves the saved judgements unread (the judge,
        about to make them again)."""
        run = run if isinstance(run, Run) else Run(run)
        missing = [n for n in NEEDED if not run.has_result(n)]
        if missing:
            raise FileNotFoundError(f"{run.dir} has no results for {', '.join(missing)}")
        names = [n for n in MODELS if judgements or n not in JUDGEMENTS]
        found = {n: run.load_result(n, MODELS[n]) for n in names if run.has_result(n)}
        return cls(
            **found,
            dir=run.dir,
            manifest=run.manifest(),
            spec=read_mapping(run.dir / "inputs" / "spec.yaml"),
            contract=read_mapping(run.dir / "inputs" / "contract.yaml"),
        )

    @property
    def results(self) -> dict[str, BaseModel]:
        """The results files this run holds, by name (stages, then judgements)."""
        return {n: getattr(self, n) for n in MODELS if getattr(self, n) is not None}

    @property
    def latency_p95_ms(self) -> float | None:
        """The candidate's measured prediction latency per row (95th percentile)."""
        costs = self.evaluation.costs
        return None if costs is None else costs.latency_ms_p95


def comparable(result: BaseModel) -> Any:
    """A results model as plain data without its `measured` fields (latency, sizes: they
    differ between two runs of the same study), for `verify`'s field-by-field comparison."""
    return _strip(result)


def _strip(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {
            name: _strip(getattr(value, name))
            for name, field in type(value).model_fields.items()
            if not (field.json_schema_extra or {}).get("measured")
        }
    if isinstance(value, list | tuple):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
