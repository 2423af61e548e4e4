"""Reproducibility and comparison: `workbench verify` re-runs a study from its manifest and
reports every difference in its results; `workbench compare` puts runs side by side and warns
when they scored the same holdout.

A verify re-run scores the run's holdout again. The study's holdout ledger records it, but as
a repeat — the same spec giving the same score teaches nothing new — so it is not another look,
and its results (the holdout's look count included) stay identical to the run's
(`workbench.store.holdout_ledger`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from workbench.engine.runner import run_study
from workbench.errors import BadInput
from workbench.inputs.context import load_context
from workbench.inputs.source import seed_rerun, snapshot_problem
from workbench.inputs.yamlio import flatten
from workbench.store.layout import FinishedRun, comparable
from workbench.store.run_directory import Run


class Verification(BaseModel):
    run: str
    rerun: str | None
    data_unchanged: bool
    data_problem: str | None
    data_note: str | None = None  # how the re-run got its rows, when not from the data file
    identical: list[str]
    different: dict[str, list[str]]  # results file -> the fields that differ

    @property
    def ok(self) -> bool:
        return self.data_unchanged and not self.different


def verify(run_dir: Path, on_stage=None) -> Verification:
    """Check the data still has the run's fingerprint, re-run the study into
    RUN_DIR/verify/<time> (a SQL source from the run's snapshot, never the database), and
    compare every results file field by field (leaving out the fields that measure the
    machine: a model's latency and size). The re-run renders no report: its results are the
    comparison, and the run's own report stands."""
    run = Run(run_dir)
    manifest = run.manifest()
    if not manifest.get("completed_stages") or not run.has_result("decision"):
        raise BadInput(
            "this is not a finished run (no decision)",
            file=str(run.dir),
            fix="finish it with `workbench run SPEC --run-dir RUN_DIR --resume`",
        )
    spec_path = Path(manifest.get("spec_file", ""))
    if not spec_path.is_file():
        raise BadInput(
            f"the run's spec is no longer at {spec_path}",
            file=str(run.manifest_path),
            field="spec_file",
            fix="restore the spec at that path to re-run the study",
        )
    ctx = load_context(spec_path)
    problem = snapshot_problem(ctx.loaded, run, manifest.get("data", {}).get("fingerprint"))
    if problem:
        return Verification(
            run=str(run.dir),
            rerun=None,
            data_unchanged=False,
            data_problem=problem,
            identical=[],
            different={},
        )
    target = run.dir / "verify" / datetime.now().strftime("%Y%m%d-%H%M%S")
    note = seed_rerun(ctx.loaded, run, target)
    # a check, not a step: no site refreshed, no report rendered
    run_study(spec_path, run_dir=target, on_stage=on_stage, site=False, report=False)
    identical, different = [], {}
    again = FinishedRun.read(target).results
    for name, result in sorted(FinishedRun.read(run).results.items()):
        other = again.get(name)
        fields = _differences(comparable(result), comparable(other)) if other else ["(missing)"]
        if fields:
            different[f"{name}.json"] = fields
        else:
            identical.append(f"{name}.json")
    return Verification(
        run=str(run.dir),
        rerun=str(target),
        data_unchanged=True,
        data_problem=None,
        data_note=note,
        identical=identical,
        different=different,
    )


def _differences(a: Any, b: Any, prefix: str = "") -> list[str]:
    """Dotted paths of the leaves where two JSON documents differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            out += _differences(a.get(key), b.get(key), f"{prefix}{key}.")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += _differences(x, y, f"{prefix}{i}.")
        return out
    return [] if a == b else [prefix.rstrip(".") or "(value)"]


def compare(run_dirs: list[Path]) -> dict[str, Any]:
    """Criteria, scores, recommendation and what changed in spec or data, per run; and a
    warning for every set of runs that scored the same holdout."""
    rows = []
    for d in run_dirs:
        run = Run(d)
        if not run.has_result("decision"):
            raise BadInput(
                "this is not a finished run (no results/decision.json)",
                file=str(run.dir),
                fix="pass finished run directories",
            )
        results = FinishedRun.read(run)
        ev, decision = results.evaluation, results.decision
        manifest, spec = results.manifest, results.spec
        rows.append(
            {
                "run": f"{run.dir.parent.name}/{run.dir.name}",
                "recommendation": decision.recommendation,
                "criteria": {c.name: c.verdict for c in decision.criteria},
                "metric": ev.metric,
                "candidate": ev.candidate.primary.model_dump(),
                "baseline": ev.baseline.primary.model_dump(),
                "lift": ev.lift.model_dump(),
                "holdout": holdout_of(ev.holdout_key, manifest, spec),
                "holdout_looks": ev.holdout_looks,
                "data_fingerprint": manifest.get("data", {}).get("fingerprint", "")[:16],
                "spec": flatten(spec),
            }
        )
    first = rows[0]["spec"]
    for row in rows:
        keys = sorted(set(first) | set(row["spec"]))
        row["spec_changes"] = {
            k: [first.get(k), row["spec"].get(k)]
            for k in keys
            if first.get(k) != row["spec"].get(k)
        }
        row["data_changed"] = row["data_fingerprint"] != rows[0]["data_fingerprint"]
    return {"runs": rows, "warnings": shared_holdouts(rows)}


def holdout_of(key: str | None, manifest: dict, spec: dict) -> str:
    """The holdout a run scored: its key in the study's ledger or, for a run made before the
    ledger, the data, the split settings and the seed that determine it."""
    if key:
        return key
    split = spec.get("split") or {}
    parts = [
        spec.get("name"),
        manifest.get("data", {}).get("fingerprint"),
        *(split.get(k) for k in ("strategy", "test_size", "group_column", "time_column")),
        spec.get("seed", 42),
    ]
    return "settings:" + "|".join(str(p) for p in parts)


def shared_holdouts(rows: list[dict]) -> list[str]:
    """One warning per holdout that more than one of the runs scored."""
    by_holdout: dict[str, list[str]] = {}
    for row in rows:
        by_holdout.setdefault(row["holdout"], []).append(row["run"])
    return [
        f"{', '.join(runs[:-1])} and {runs[-1]} scored the same holdout (the same data and test "
        "rows): their holdout scores are not independent, and choosing the better of them makes "
        "its score optimistic. Confirm the choice on labelled data none of them has scored."
        for runs in by_holdout.values()
        if len(runs) > 1
    ]
