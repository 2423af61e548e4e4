"""Everything the report template reads, built from the results files and the manifest only."""

from __future__ import annotations

from typing import Any

import yaml

from workbench.inputs.metrics import METRICS
from workbench.report.checklist_tables import checklist_context
from workbench.report.production_section import production_context
from workbench.store.judgements import RECOMMENDATION_LABELS
from workbench.store.layout import JUDGEMENTS, load_results
from workbench.store.results import BaselinesResult, EvaluationResult
from workbench.store.run_directory import Run
from workbench.wording import ci, count, money, number, pct, when

TASK_WORDS = {
    "binary": "a yes/no outcome",
    "multiclass": "one of several classes",
    "regression": "a number",
}


def report_context(run: Run) -> dict[str, Any]:
    """The template's values: the run's results and saved judgements, its spec as written and
    its manifest. Raises FileNotFoundError when a judgement was never saved (a run made before
    judgements were files: `workbench report` judges it once first)."""
    results = load_results(run)
    unjudged = [n for n in JUDGEMENTS if getattr(results, n) is None]
    if unjudged:
        raise FileNotFoundError(f"{run.dir} has no saved {', '.join(unjudged)}")
    spec = yaml.safe_load((run.dir / "inputs" / "spec.yaml").read_text())
    evaluation, decision = results.evaluation, results.decision
    manifest = run.manifest()
    manifest.setdefault("stage_seconds", {})
    return {
        "spec": spec,
        "manifest": manifest,
        "run_name": f"{run.dir.parent.name}/{run.dir.name}",
        "data": results.data,
        "leakage": results.leakage,
        "baselines": results.baselines,
        "tuning": results.tuning,
        "evaluation": evaluation,
        "decision": decision,
        "rec_label": RECOMMENDATION_LABELS[decision.recommendation],
        "metric_label": METRICS[evaluation.metric].label,
        "task_words": TASK_WORDS[spec["task"]["kind"]],
        "holdout_table": holdout_table(evaluation),
        "secondary_cv_table": secondary_cv_table(results.baselines),
        "assurance": results.assurance,
        "checklist": checklist_context(results.checklist),
        "production": production_context(results),
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
        cells = [f"{r.name} ({r.role})", number(r.primary.value), ci(r.primary)]
        cells += [f"{number(r.secondary[m].value)} ({ci(r.secondary[m])})" for m in names]
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
            f"{number(b.secondary[m])} ({number(b.secondary_spread[m][1])} to {number(b.secondary_spread[m][2])})"
            for m in names
            if m in b.secondary_spread
        ]
        rows.append(f"| {b.name} | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])


# -- filters: the one formatter (workbench.wording), and markdown helpers ------------------------
def escape_md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def records_table(rows: list[dict[str, str]]) -> str:
    """A list of flat dicts as a pipe table (first row's keys as the header)."""
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "|".join(":------" for _ in keys) + "|"]
    lines += ["| " + " | ".join(escape_md(r.get(k, "")) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


FILTERS = {
    "num": number,
    "ci": ci,
    "pct": pct,
    "thousands": count,
    "escape_md": escape_md,
    "when": when,
    "money": money,
    "records_table": records_table,
}
