"""What the report says about a triage study, in the operations manager's words: page one's
"8 in 10 cases reach the right team first time, against 5 in 10 with today's keyword rule; 140
hours a month less re-routing", the table of ways to route, and for the reviewer the teams'
precision and recall, the confusion between teams, the keyword rule's words and the words that
push each team. Also what the data audit did to free text (personal data masked, export debris
cleared). Built from the results files only; every value from the data is escaped here.
"""

from __future__ import annotations

from typing import Any

from workbench.language import _, ngettext
from workbench.report.escaping import Markdown, escape
from workbench.report.labels import word
from workbench.store.layout import FinishedRun
from workbench.store.results import DataResult
from workbench.store.triage_results import TriageResult
from workbench.wording import count, money, number, pct

MAX_CONFUSION_CLASSES = 12  # a wider table does not fit a page: the figure shows it


def triage_context(results: FinishedRun, table) -> dict[str, Any] | None:
    """The template's triage values, or None when the study routes nothing; `table` makes a
    pipe table of escaped cells (`workbench.report.contents.table`)."""
    tri = results.evaluation.triage
    if tri is None:
        return None
    outcomes = {o.role: o for o in tri.outcomes}
    return {
        "headline": Markdown(" ".join(_headline(tri))),
        "money": Markdown(_money(tri)) if tri.currency else None,
        "review": Markdown(_review_sentence(tri)) if _proposed(tri) else None,
        "today_name": escape(_today_name(tri)),
        "routing_table": _routing_table(tri, outcomes, table),
        "teams_table": _teams_table(tri, table),
        "confusion_table": _confusion_table(tri, results.evaluation.confusion, table),
        "keywords_table": _keywords_table(tri, table) if tri.keywords else None,
        "default_queue": escape(tri.default_queue),
        "priced_pairs": tri.priced_pairs,
    }


def words_context(results: FinishedRun, table) -> list[dict[str, Any]]:
    """The words behind the predictions, per free-text input (any task)."""
    words = results.assurance.words if results.assurance else []
    return [_words(w, table) for w in words]


def _share_pair(a: float, b: float) -> tuple[str, str, str]:
    """Two shares as "8 in 10" and "5 in 10", or in 100 when tenths would make them equal."""
    base = 10 if round(a * 10) != round(b * 10) else 100
    return count(round(a * base)), count(round(b * base)), count(base)


def _today_name(tri: TriageResult) -> str:
    if tri.today == "keyword_rule":
        return _("today's keyword rule")
    return _("everything sent to the default queue ({queue})").format(queue=tri.default_queue)


def _headline(tri: TriageResult) -> list[str]:
    mine = next(o for o in tri.outcomes if o.role == "candidate")
    today = next(o for o in tri.outcomes if o.role == tri.today)
    model, other, of = _share_pair(mine.right_first_time.value, today.right_first_time.value)
    out = [
        _(
            "**{model} in {of} cases reach the right team first time** with the model, against "
            "{other} in {of} with {today}."
        ).format(model=model, other=other, of=of, today=escape(_today_name(tri)))
    ]
    versus = next((c for c in tri.comparisons if c.against == tri.today), None)
    if versus is not None and versus.hours_saved_per_month is not None:
        h = versus.hours_saved_per_month
        sentence = (
            _("That is **{hours} hours a month less re-routing** (95% interval {low} to {high}).")
            if h.value >= 0
            else _(
                "That is **{hours} hours a month more re-routing** (95% interval {low} to {high})."
            )
        )
        out.append(
            sentence.format(hours=count(abs(h.value)), low=count(h.ci_low), high=count(h.ci_high))
        )
    elif tri.cases_per_month is None or tri.minutes_to_reroute is None:
        out.append(
            _(
                "The hours of re-routing this saves are not estimated: the spec's `routing` "
                "block gives no cases a month or minutes per re-route."
            )
        )
    return out


def _money(tri: TriageResult) -> str:
    versus = next((c for c in tri.comparisons if c.against == tri.today), None)
    if versus is None or versus.value_per_month is None:
        return ""
    v, cur = versus.value_per_month, tri.currency
    sentence = (
        _(
            "At the agreed cost of a wrong route, the model saves **{value} a month** against "
            "{today} (95% interval {low} to {high})."
        )
        if v.value >= 0
        else _(
            "At the agreed cost of a wrong route, the model costs **{value} a month more** than "
            "{today} (95% interval of the saving {low} to {high})."
        )
    )
    return sentence.format(
        value=money(abs(v.value), cur),
        today=escape(_today_name(tri)),
        low=money(v.ci_low, cur),
        high=money(v.ci_high, cur),
    )


def _proposed(tri: TriageResult):
    return next((r for r in tri.review if abs(r.share - (tri.proposed_review or 0)) < 0.05), None)


def _review_sentence(tri: TriageResult) -> str:
    r = _proposed(tri)
    rft = r.right_first_time
    if r.cases_per_month is not None and r.person_hours_per_month is not None:
        return _(
            "**A person for the unsure cases.** If a person routed the {share} of cases the "
            "model is least sure of ({cases} a month, about {hours} hours of their time), "
            "{right} of all cases would reach the right team first time ({low} to {high}), "
            "if the person routes them right."
        ).format(
            share=pct(r.share, 0),
            cases=count(r.cases_per_month),
            hours=count(r.person_hours_per_month),
            right=pct(rft.value, 0),
            low=pct(rft.ci_low, 0),
            high=pct(rft.ci_high, 0),
        )
    return _(
        "**A person for the unsure cases.** If a person routed the {share} of cases the model "
        "is least sure of, {right} of all cases would reach the right team first time ({low} "
        "to {high}), if the person routes them right."
    ).format(
        share=pct(r.share, 0),
        right=pct(rft.value, 0),
        low=pct(rft.ci_low, 0),
        high=pct(rft.ci_high, 0),
    )


def _span_text(s, fmt) -> str:
    if s is None:
        return "—"
    return f"{fmt(s.value)} ({_('{low} to {high}').format(low=fmt(s.ci_low), high=fmt(s.ci_high))})"


def _routing_table(tri: TriageResult, outcomes, table) -> Markdown:
    cur = tri.currency
    header = [_("Routing"), _("Right first time (95% interval)"), _("Misrouted a month")]
    header += [_("Re-routing hours a month")]
    header += [_("Cost a month")] if cur else []
    rows = []
    for o in tri.outcomes:
        label = escape(_("{name} (today)").format(name=o.name) if o.role == tri.today else o.name)
        cells = [
            f"**{label}**" if o.role == "candidate" else label,
            _span_text(o.right_first_time, lambda v: pct(v, 0)),
            _span_text(o.misrouted_per_month, count),
            _span_text(o.rerouting_hours_per_month, count),
        ]
        if cur:
            cells.append(_span_text(o.cost_per_month, lambda v: money(v, cur)))
        rows.append(cells)
    for r in tri.review:
        label = _("the model, a person routing the {share} it is least sure of").format(
            share=pct(r.share, 0)
        )
        cells = [
            escape(label),
            _span_text(r.right_first_time, lambda v: pct(v, 0)),
            _span_text(r.misrouted_per_month, count),
            _span_text(r.rerouting_hours_per_month, count),
        ]
        if cur:
            cells.append("")
        rows.append(cells)
    return table([escape(h) for h in header], rows)


def _teams_table(tri: TriageResult, table) -> Markdown:
    header = [_("Team"), _("Holdout cases"), _("Routed there")]
    header += [_("Precision"), _("Recall"), _("F1")]
    rows = [
        [
            escape(t.name),
            count(t.cases),
            count(t.routed),
            _span_text(t.precision, number),
            _span_text(t.recall, number),
            _span_text(t.f1, number),
        ]
        for t in tri.teams
    ]
    return table([escape(h) for h in header], rows, right=(1, 2))


def _confusion_table(tri: TriageResult, confusion, table) -> Markdown | None:
    if confusion is None or len(tri.classes) > MAX_CONFUSION_CLASSES:
        return None
    header = [_("Right team ↓ / routed to →"), *tri.classes]
    rows = [
        [f"*{escape(c)}*", *(f"**{count(v)}**" if i == j else count(v) for j, v in enumerate(row))]
        for i, (c, row) in enumerate(zip(tri.classes, confusion, strict=True))
    ]
    return table([escape(h) for h in header], rows, right=range(1, len(header)))


def _keywords_table(tri: TriageResult, table) -> Markdown:
    rows = [
        [escape(team), escape(", ".join(words)) if words else escape(_("(no telling word)"))]
        for team, words in tri.keywords.items()
    ]
    return table([escape(_("Team")), escape(_("Keywords"))], rows)


def _signed(v: float) -> str:
    return ("+" if v > 0 else "") + number(v)


def _pushes(items) -> str:
    return ", ".join(f"{escape(w.word)} ({_signed(w.push)})" for w in items)


def _words(w, table) -> dict[str, Any]:
    rows = [
        [escape(o.outcome), _pushes(o.words) if o.words else escape(_("(none stands out)"))]
        for o in w.outcomes
    ]
    cases = []
    for c in w.cases:
        cases.append(
            {
                "kind": escape("; ".join(word(k, "case") for k in c.kind.split("; "))),
                "line": Markdown(
                    _("predicted *{predicted}* ({score}), actually *{actual}*: “{excerpt}”").format(
                        predicted=escape(c.predicted),
                        score=number(c.score, 2),
                        actual=escape(c.actual),
                        excerpt=escape(c.excerpt),
                    )
                ),
                "for": Markdown(_pushes(c.words_for)) if c.words_for else None,
                "against": Markdown(_pushes(c.words_against)) if c.words_against else None,
            }
        )
    return {
        "column": escape(w.column),
        "texts": w.explained_texts,
        "table": table([escape(_("Outcome")), escape(_("Words that push towards it"))], rows),
        "cases": cases,
    }


def data_text_context(data: DataResult) -> dict[str, Any]:
    """What the data audit did to free text and to the export's debris, in sentences."""
    from workbench.inputs.personal_data import masks_in_words

    masks = [
        _("In '{column}': {found}.").format(column=escape(c), found=escape(masks_in_words(found)))
        for c, found in data.text_masks.items()
    ]
    debris = data.export_debris
    lines = []
    for col, found in debris.markers.items():
        shown = ", ".join(f"{count(n)} × {escape(m)}" for m, n in found.items())
        lines.append(
            _("'{column}': {markers} read as missing.").format(column=escape(col), markers=shown)
        )
    for col, n in debris.control_characters.items():
        lines.append(
            ngettext(
                "'{column}': {n} control character removed.",
                "'{column}': {n} control characters removed.",
                n,
            ).format(column=escape(col), n=count(n))
        )
    for col, n in debris.repaired_values.items():
        lines.append(
            ngettext(
                "'{column}': {n} value with a broken encoding repaired.",
                "'{column}': {n} values with a broken encoding repaired.",
                n,
            ).format(column=escape(col), n=count(n))
        )
    for col, n in debris.lost_characters.items():
        lines.append(
            ngettext(
                "'{column}': {n} character was lost before the export (shown as �).",
                "'{column}': {n} characters were lost before the export (shown as �).",
                n,
            ).format(column=escape(col), n=count(n))
        )
    return {
        "text_inputs": [escape(c) for c in data.text_inputs],
        "masks": [Markdown(m) for m in masks],
        "debris": [Markdown(x) for x in lines],
    }
