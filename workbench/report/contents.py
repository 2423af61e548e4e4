"""Everything the report template reads, built from the results files and the manifest only."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import yaml

from workbench.inputs.metrics import METRICS
from workbench.report.checklist_tables import checklist_context
from workbench.report.escaping import Markdown, escape, text_with_code
from workbench.report.forecast_contents import forecast_context
from workbench.report.glossary import Glossary
from workbench.report.production_section import production_context
from workbench.store.judgements import RECOMMENDATION_LABELS, TO_BUILD
from workbench.store.layout import JUDGEMENTS, load_results
from workbench.store.results import BaselinesResult, EvaluationResult
from workbench.store.run_directory import Run
from workbench.wording import (
    MISSING,
    ci,
    count,
    lower_first,
    money,
    number,
    pct,
    plural,
    span,
    times,
    upper_first,
    value,
    when,
)

TASK_WORDS = {
    "binary": "a yes/no outcome",
    "multiclass": "one of several classes",
    "regression": "a number",
    "forecast": "a number, period by period",
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
        "business": evaluation.business,
        "work": evaluation.workload,
        "decision": decision,
        "glossary": Glossary(),
        "rec_label": RECOMMENDATION_LABELS[decision.recommendation],
        # a class name for the callout, from the fixed set of recommendations (not data)
        "rec_class": Markdown("rec-" + decision.recommendation.replace("_", "-")),
        "metric_label": METRICS[evaluation.metric].label,
        "task_words": TASK_WORDS[spec["task"]["kind"]],
        "holdout_table": holdout_table(evaluation),
        "secondary_labels": [METRICS[m].label for m in evaluation.candidate.secondary],
        "secondary_cv_table": secondary_cv_table(results.baselines),
        "assurance": results.assurance,
        "checklist": checklist_context(results.checklist),
        "production": production_context(results),
        "to_build": decision.recommendation in TO_BUILD,
        "forecast": forecast_context(results),
    }


def holdout_table(ev: EvaluationResult) -> Markdown:
    names = list(ev.candidate.secondary)
    header = ["Model", METRICS[ev.metric].label, "95% interval"]
    header += [METRICS[m].label for m in names]
    rows = []
    for r in (ev.candidate, ev.baseline):
        cells = [escape(f"{r.name} ({r.role})"), number(r.primary.value), ci(r.primary)]
        cells += [f"{number(r.secondary[m].value)} ({ci(r.secondary[m])})" for m in names]
        rows.append(cells)
    return table([escape(h) for h in header], rows, right=range(1, len(header)))


def secondary_cv_table(baselines: BaselinesResult) -> Markdown:
    names = list(baselines.models[0].secondary_spread) if baselines.models else []
    if not names:
        return Markdown("")
    rows = []
    for b in baselines.models:
        cells = [
            f"{number(b.secondary[m])} ({span(b.secondary_spread[m][1], b.secondary_spread[m][2])})"
            for m in names
            if m in b.secondary_spread
        ]
        rows.append([escape(b.name), *cells])
    return table(["Baseline", *(escape(METRICS[m].label) for m in names)], rows)


def table(header: list[str], rows: list[list[str]], right=()) -> Markdown:
    """A pipe table of cells already escaped, columns sized to their content by the renderers;
    the columns in `right` (numbers) right-aligned."""
    right = set(right)
    rule = "|" + "|".join("---:" if i in right else ":---" for i in range(len(header))) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(str(c) for c in cells) + " |" for cells in rows]
    return Markdown("\n".join(lines))


def worst_errors_table(rows: list[dict[str, str]]) -> Markdown:
    """The worst errors turned on their side: one column per case, one row per model input (a
    row of a dozen inputs would not fit across a page)."""
    if not rows:
        return Markdown("")
    keys = list(rows[0])
    header = ["", *(str(i) for i in range(1, len(rows) + 1))]
    body = [[f"*{escape(k)}*", *(escape(r.get(k, "")) for r in rows)] for k in keys]
    return table(header, body)


# -- filters: the one formatter (workbench.wording), escaping ----------------------------------
def metric_name(key: str) -> str:
    """A metric's name as people read it: the registry's label, else the key in words."""
    return METRICS[key].label if key in METRICS else key.replace("_", " ")


def meta(text: str) -> Markdown:
    """A value of the document's YAML front matter: single-quoted (no YAML escapes), escaped
    for markdown (pandoc reads front-matter strings as markdown)."""
    return Markdown("'" + escape(text).replace("'", "''") + "'")


def code(text: object) -> Markdown:
    """A code span holding `text` as it is: fenced by more backticks than it contains."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


def code_block(text: str, language: str = "") -> Markdown:
    """A fenced code block holding `text` as it is: fenced by more backticks than any run in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markdown(f"{fence}{language}\n{text.rstrip()}\n{fence}")


def url(path: str) -> Markdown:
    """A figure's path in the run directory as a link target: nothing but safe characters."""
    return Markdown(quote(path, safe="/._-"))


def signed(v: float | None) -> str:
    """A contribution with its sign: `+0.123`, `−0.045`."""
    return MISSING if v is None else ("+" if v > 0 else "") + number(v)


def kilobytes(kb: float | None) -> str:
    return MISSING if kb is None else count(round(kb))


FILTERS = {
    "num": number,
    "ci": ci,
    "pct": pct,
    "thousands": count,
    "escape_md": escape,
    "text": text_with_code,
    "when": when,
    "money": money,
    "times": times,
    "plural": plural,
    "value": value,
    "kilobytes": kilobytes,
    "meta": meta,
    "code": code,
    "code_block": code_block,
    "url": url,
    "signed": signed,
    "lower_first": lower_first,
    "upper_first": upper_first,
    "metric_name": metric_name,
    "worst_errors_table": worst_errors_table,
}
