"""Everything the report template reads, built from the results files and the manifest only."""

from __future__ import annotations

import math
from typing import Any

import yaml

from workbench.checklist.report import checklist_context
from workbench.metrics import METRICS
from workbench.report.production import production_context
from workbench.results import (
    AssuranceResult,
    BaselinesResult,
    DataResult,
    Decision,
    EvaluationResult,
    LeakageResult,
    TuningResult,
)
from workbench.run import Run

REC_LABELS = {
    "build": "Build",
    "build_with_conditions": "Build with conditions",
    "do_not_build": "Do not build",
    "inconclusive": "Inconclusive",
}
TASK_WORDS = {
    "binary": "a yes/no outcome",
    "multiclass": "one of several classes",
    "regression": "a number",
}


def report_context(run: Run) -> dict[str, Any]:
    spec = yaml.safe_load((run.dir / "inputs" / "spec.yaml").read_text())
    evaluation = run.load_result("evaluation", EvaluationResult)
    metric = METRICS[evaluation.metric]
    manifest = run.manifest()
    manifest.setdefault("stage_seconds", {})
    decision = run.load_result("decision", Decision)
    baselines = run.load_result("baselines", BaselinesResult)
    return {
        "spec": spec,
        "manifest": manifest,
        "run_name": f"{run.dir.parent.name}/{run.dir.name}",
        "data": run.load_result("data", DataResult),
        "leakage": run.load_result("leakage", LeakageResult),
        "baselines": baselines,
        "tuning": run.load_result("tuning", TuningResult),
        "evaluation": evaluation,
        "decision": decision,
        "rec_label": REC_LABELS[decision.recommendation],
        "metric_label": metric.label,
        "task_words": TASK_WORDS[spec["task"]["kind"]],
        "holdout_table": holdout_table(evaluation),
        "secondary_cv_table": secondary_cv_table(baselines),
        "assurance": run.load_result("assurance", AssuranceResult)
        if run.has_result("assurance")
        else None,
        "checklist": checklist_context(run),
        "production": production_context(run),
    }


def holdout_table(ev: EvaluationResult) -> str:
    names = list(ev.candidate.secondary)
    head = (
        f"| Model | {METRICS[ev.metric].label} | 95% interval | "
        + " | ".join(METRICS[m].label for m in names)
        + " |"
    )
    rule = "|:----------------|-------:|:------------|" + "-----------:|" * len(names)
    rows = []
    for r in (ev.candidate, ev.baseline):
        cells = [f"{r.name} ({r.role})", num(r.primary.value), ci(r.primary)]
        cells += [f"{num(r.secondary[m].value)} ({ci(r.secondary[m])})" for m in names]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


def secondary_cv_table(baselines: BaselinesResult) -> str:
    names = list(baselines.models[0].secondary_spread) if baselines.models else []
    if not names:
        return ""
    head = "| Baseline | " + " | ".join(METRICS[m].label for m in names) + " |"
    rule = "|:-----------|" + "------------:|" * len(names)
    rows = []
    for b in baselines.models:
        cells = [
            f"{num(b.secondary[m])} ({num(b.secondary_spread[m][1])} to {num(b.secondary_spread[m][2])})"
            for m in names
            if m in b.secondary_spread
        ]
        rows.append(f"| {b.name} | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


# -- filters ------------------------------------------------------------------------------------
def num(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, (bool, str)):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if not math.isfinite(v):
            return "—"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        if v != 0 and abs(v) < 0.001:
            return f"{v:.2e}"
        return f"{v:.3f}"
    return str(v)


def ci(obj: Any) -> str:
    lo, hi = getattr(obj, "ci_low", None), getattr(obj, "ci_high", None)
    if lo is None or hi is None:
        return "—"
    return f"{num(lo)} to {num(hi)}"


def pct(v: float) -> str:
    return f"{100 * v:.1f}%" if v else "0%"


def thousands(v: Any) -> str:
    return f"{int(v):,}"


def escape_md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def money(value: float | None, currency: str = "EUR") -> str:
    if value is None:
        return "—"
    return f"{value:,.0f} {currency}"


def records_table(rows: list[dict[str, str]]) -> str:
    """A list of flat dicts as a pipe table (first row's keys as the header)."""
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "|".join(":------" for _ in keys) + "|"]
    lines += ["| " + " | ".join(escape_md(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def when(iso: str | None) -> str:
    """'2026-11-26T12:11:22+00:00' as '26 November 2026, 12:11 UTC'."""
    from datetime import datetime

    if not iso:
        return ""
    t = datetime.fromisoformat(iso)
    return f"{t.day} {t:%B %Y, %H:%M} UTC"


FILTERS = {
    "num": num,
    "ci": ci,
    "pct": pct,
    "thousands": thousands,
    "escape_md": escape_md,
    "when": when,
    "money": money,
    "records_table": records_table,
}
