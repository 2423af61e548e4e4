"""Everything the report template reads, built from the results files and the manifest only."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from workbench.inputs.metrics import METRICS
from workbench.language import LANGUAGES, N_, _, current
from workbench.report.checklist_tables import checklist_context
from workbench.report.escaping import Markdown, escape, text_with_code
from workbench.report.forecast_contents import forecast_context
from workbench.report.glossary import Glossary
from workbench.report.labels import verdict, word
from workbench.report.production_section import production_context
from workbench.report.triage_section import data_text_context, triage_context, words_context
from workbench.store.judgements import RECOMMENDATION_LABELS, TO_BUILD
from workbench.store.layout import JUDGEMENTS, FinishedRun
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
    "binary": N_("a yes/no outcome"),
    "multiclass": N_("one of several classes"),
    "regression": N_("a number"),
    "forecast": N_("a number, period by period"),
}


def report_context(run: Run) -> dict[str, Any]:
    """The template's values: the run's results and saved judgements, its spec as written and
    its manifest. Raises FileNotFoundError when a judgement was never saved (a run made before
    judgements were files: `workbench report` judges it once first)."""
    results = FinishedRun.read(run)
    unjudged = [n for n in JUDGEMENTS if getattr(results, n) is None]
    if unjudged:
        raise FileNotFoundError(f"{run.dir} has no saved {', '.join(unjudged)}")
    spec = results.spec
    evaluation, decision = results.evaluation, results.decision
    manifest = results.manifest
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
        "language": current(),
        "language_name": LANGUAGES[current()],
        "rec_label": _(RECOMMENDATION_LABELS[decision.recommendation]),
        # a class name for the callout, from the fixed set of recommendations (not data)
        "rec_class": Markdown("rec-" + decision.recommendation.replace("_", "-")),
        "metric_label": METRICS[evaluation.metric].title,
        "task_words": _(TASK_WORDS[spec["task"]["kind"]]),
        "holdout_table": holdout_table(evaluation),
        "secondary_labels": [METRICS[m].title for m in evaluation.candidate.secondary],
        "secondary_cv_table": secondary_cv_table(results.baselines),
        "assurance": results.assurance,
        "verdicts": results.verdicts,
        "checklist": checklist_context(results.checklist),
        "production": production_context(results),
        "to_build": decision.recommendation in TO_BUILD,
        "triage": triage_context(results, table),
        "words": words_context(results, table),
        "data_text": data_text_context(results.data),
        "forecast": forecast_context(results),
    }


def holdout_table(ev: EvaluationResult) -> Markdown:
    names = list(ev.candidate.secondary)
    header = [_("Model"), METRICS[ev.metric].title, _("95% interval")]
    header += [METRICS[m].title for m in names]
    rows = []
    for r in (ev.candidate, ev.baseline):
        name = _("{name} ({role})").format(name=r.name, role=word(r.role, "model_role"))
        cells = [escape(name), escape(number(r.primary.value)), escape(ci(r.primary))]
        cells += [escape(f"{number(r.secondary[m].value)} ({ci(r.secondary[m])})") for m in names]
        rows.append(cells)
    return table([escape(h) for h in header], rows, right=range(1, len(header)))


def secondary_cv_table(baselines: BaselinesResult) -> Markdown:
    names = list(baselines.models[0].secondary_spread) if baselines.models else []
    if not names:
        return Markdown("")
    rows = []
    for b in baselines.models:
        cells = [
            escape(
                f"{number(b.secondary[m])} "
                f"({span(b.secondary_spread[m][1], b.secondary_spread[m][2])})"
            )
            for m in names
            if m in b.secondary_spread
        ]
        rows.append([escape(b.name), *cells])
    return table([escape(_("Baseline")), *(escape(METRICS[m].title) for m in names)], rows)


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
    # the first two rows are what happened and what the model said; the rest are its inputs
    said = {keys[0]: word(keys[0], "worst_errors"), keys[1]: word(keys[1], "worst_errors")}
    body = [[f"*{escape(said.get(k, k))}*", *(escape(r.get(k, "")) for r in rows)] for k in keys]
    return table(header, body)


# -- filters: the one formatter (workbench.wording), escaping ----------------------------------
RATES = {  # the rates fairness compares by group (fairlearn's names)
    "selection_rate": N_("selection rate"),
    "true_positive_rate": N_("true positive rate"),
    "false_positive_rate": N_("false positive rate"),
    "precision": N_("precision"),
}


def metric_name(key: str) -> str:
    """A metric's name as people read it, in their language: the registry's label or a rate's
    name, else the key in words."""
    if key in METRICS:
        return METRICS[key].title
    return _(RATES[key]) if key in RATES else key.replace("_", " ")


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


def money_span(iv, currency: str = "EUR") -> str:
    """The ends of an interval of money: `−1,200 EUR to 3,400 EUR`."""
    if iv is None or iv.ci_low is None or iv.ci_high is None:
        return MISSING
    return _("{low} to {high}").format(
        low=money(iv.ci_low, currency), high=money(iv.ci_high, currency)
    )


def count_span(iv) -> str:
    """The ends of an interval of counts: `120 to 180`."""
    if iv is None or iv.ci_low is None or iv.ci_high is None:
        return MISSING
    return _("{low} to {high}").format(low=count(iv.ci_low), high=count(iv.ci_high))


def pct_span(iv) -> str:
    """The ends of an interval of shares: `12.0% to 15.5%`."""
    if iv is None or iv.ci_low is None or iv.ci_high is None:
        return MISSING
    return _("{low} to {high}").format(low=pct(iv.ci_low), high=pct(iv.ci_high))


def numbers(values) -> str:
    """A list of numbers in a sentence: `0.812, 0.815, 0.809`."""
    return ", ".join(number(v) for v in values)


def class_counts(counts: dict[str, int]) -> Markdown:
    """Outcome classes with their counts: `*good* 3,200, *bad* 1,254` (the classes escaped)."""
    return Markdown(", ".join(f"*{escape(c)}* {count(n)}" for c, n in counts.items()))


def pipelines(pipes: dict[str, list[str]]) -> str:
    """Each model's pipeline steps: `candidate: prepare → model; baseline: …`."""
    return "; ".join(
        f"{word(role, 'model_role')}: {' → '.join(steps)}" for role, steps in pipes.items()
    )


def stage_times(seconds: dict[str, float]) -> str:
    """How long each stage took: `data 1.2 s, leakage 3.4 s`."""
    return ", ".join(
        _("{stage} {seconds} s").format(stage=name, seconds=number(s, 1))
        for name, s in seconds.items()
    )


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
    "money_span": money_span,
    "count_span": count_span,
    "pct_span": pct_span,
    "numbers": numbers,
    "class_counts": class_counts,
    "pipelines": pipelines,
    "stage_times": stage_times,
    "word": word,
    "verdict": verdict,
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
