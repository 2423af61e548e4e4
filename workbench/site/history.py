"""What the study site says: one entry per run of the study — when it ran, what changed
against the run before (spec fields, the data's fingerprint, the columns), its recommendation,
its primary score and value a month with their intervals, its look at the holdout — and the
holdout ledger in plain words. Read from each run's results files, manifest and spec copy,
through the store; nothing is recomputed and nothing judged.

Every sentence goes through `workbench.language._` and every number through
`workbench.wording`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.inputs.metrics import METRICS
from workbench.inputs.yamlio import flatten
from workbench.language import _, ngettext
from workbench.store.holdout_ledger import Ledger, Look, seen_before, study_ledger
from workbench.store.layout import STAGE_NAMES, FinishedRun
from workbench.store.results import Interval
from workbench.store.run_directory import Run
from workbench.store.study_runs import spec_copy, study_runs
from workbench.wording import (
    MISSING,
    count,
    interval,
    money,
    names,
    number,
    pct,
    value,
    when,
)

SHOWN_CHARS = 80  # a spec value longer than this is cut in the list of changes
FINGERPRINT_CHARS = 12


@dataclass
class RunEntry:
    number: int  # 1 for the study's first run
    name: str  # the run directory's name
    path: Path  # the run directory
    slug: str  # its folder on the site (runs/<slug>/)
    when: str
    finished: bool
    recommendation: str | None  # the decision's code (build, ...), None when unfinished
    status: str  # the recommendation in words, or why there is none
    headline: str
    score: str
    score_interval: Interval | None
    bar: float | None  # the acceptance bar on the primary score
    value: str
    value_interval: Interval | None
    currency: str
    looks: str
    changes: list[str]
    report: str | None = None  # the copied report's path on the site
    pdf: str | None = None


@dataclass
class HoldoutEntry:
    title: str
    summary: str
    looks: list[str] = field(default_factory=list)


@dataclass
class StudyHistory:
    experiment: str
    question: str
    decision: str
    metric: str  # the primary metric's label
    runs: list[RunEntry]
    holdouts: list[HoldoutEntry]
    latest: str  # the latest recommendation, in a sentence


def read_history(folder: Path) -> StudyHistory:
    """The history of the study whose run directories and ledger are in `folder`."""
    runs = study_runs(folder)
    specs = [spec_copy(r) for r in runs]
    experiment = next((s.get("name") for s in reversed(specs) if s.get("name")), folder.name)
    results = [_results(r) for r in runs]
    slugs = _slugs(runs)
    ledger = study_ledger(folder, experiment)
    looked = run_looks(ledger, folder)
    entries = []
    for i, run in enumerate(runs):
        before = (runs[i - 1], specs[i - 1], results[i - 1]) if i else None
        entry = _entry(i + 1, run, specs[i], results[i], slugs[run.dir], before)
        entry.looks = looked.get(run.dir, entry.looks)
        entries.append(entry)
    latest_spec = specs[-1] if specs else {}
    metric = METRICS.get(str(flatten(latest_spec).get("metrics.primary", "")))
    return StudyHistory(
        experiment=str(experiment),
        question=str(latest_spec.get("question", "")),
        decision=str(latest_spec.get("decision", "")),
        metric=metric.label if metric else MISSING,
        runs=entries,
        holdouts=holdout_entries(ledger, _seen(folder, ledger)),
        latest=_latest(entries),
    )


def recommendation_words(code: str) -> str:
    return {
        "build": _("Build"),
        "build_with_conditions": _("Build with conditions"),
        "do_not_build": _("Do not build"),
        "inconclusive": _("Inconclusive"),
    }[code]


def _results(run: Run) -> FinishedRun | None:
    try:
        return FinishedRun.read(run)
    except (FileNotFoundError, ValueError):  # unfinished, or written by an older version
        return None


def _slugs(runs: list[Run]) -> dict[Path, str]:
    """Each run's folder name on the site: its directory's name, made unique."""
    out, taken = {}, set()
    for run in runs:
        slug, n = run.dir.name, 2
        while slug in taken:
            slug, n = f"{run.dir.name}-{n}", n + 1
        taken.add(slug)
        out[run.dir] = slug
    return out


def _entry(n, run: Run, spec, results: FinishedRun | None, slug: str, before) -> RunEntry:
    manifest = run.manifest()
    finished = results is not None and results.decision is not None
    ev = results.evaluation if results is not None else None
    business = ev.business if ev is not None else None
    metric = METRICS.get(ev.metric) if ev is not None else None
    bar = (spec.get("acceptance") or {}).get("min_primary_score")
    return RunEntry(
        number=n,
        name=run.dir.name,
        path=run.dir,
        slug=slug,
        when=when(manifest.get("finished_at") or manifest.get("started_at")),
        finished=finished,
        recommendation=results.decision.recommendation if finished else None,
        status=(
            recommendation_words(results.decision.recommendation)
            if finished
            else _unfinished(manifest)
        ),
        headline=results.decision.headline if finished else "",
        score=(
            _("{metric} {score}").format(metric=metric.label, score=interval(ev.candidate.primary))
            if ev is not None and metric is not None
            else MISSING
        ),
        score_interval=ev.candidate.primary if ev is not None else None,
        bar=bar if isinstance(bar, int | float) else None,
        value=_monthly(business) if business is not None else MISSING,
        value_interval=business.candidate_monthly if business is not None else None,
        currency=business.currency if business is not None else "",
        looks=_looks(ev) if ev is not None else MISSING,
        changes=_changes(run, spec, results, before),
    )


def _unfinished(manifest: dict) -> str:
    done = [s for s in STAGE_NAMES if s in manifest.get("completed_stages", [])]
    if not done:
        return _("Did not finish: no stage completed.")
    return _("Did not finish: stopped after the {stage} stage.").format(stage=done[-1])


def _monthly(business) -> str:
    iv, cur = business.candidate_monthly, business.currency
    return _("{value} a month better than today (95% interval {low} to {high})").format(
        value=money(iv.value, cur), low=money(iv.ci_low, cur), high=money(iv.ci_high, cur)
    )


def run_looks(ledger: Ledger, folder: Path) -> dict[Path, str]:
    """For each run the ledger names, its (last) look in words: which look at which holdout
    (numbered as in the ledger's section), or the look it repeats."""
    holdouts = list(dict.fromkeys(look.key for look in ledger.looks))
    out = {}
    for index, look in enumerate(ledger.looks):
        distinct = _distinct(ledger, look.key)
        h = count(holdouts.index(look.key) + 1)
        if look.repeats is not None and look.repeats in distinct:
            said = _(
                "Repeats look {n} at holdout {h} (the same spec and the same score): not a new "
                "look."
            ).format(n=count(distinct.index(look.repeats) + 1), h=h)
        else:
            n = distinct.index(index) + 1
            earlier = [number(ledger.looks[i].score) for i in distinct[: n - 1]]
            said = (
                _("Look 1 at holdout {h}: its first.").format(h=h)
                if n == 1
                else _("Look {n} at holdout {h}; it scored {scores} before.").format(
                    n=count(n), h=h, scores=", ".join(earlier)
                )
            )
        out[(folder / look.run).resolve()] = said
    return out


def _looks(ev) -> str:
    if ev.holdout_looks <= 1:
        return _("First look at this holdout.")
    earlier = ", ".join(number(s) for s in ev.earlier_looks)
    return ngettext(
        "Look {n} at this holdout; the earlier look scored {scores}.",
        "Look {n} at this holdout; the earlier looks scored {scores}.",
        len(ev.earlier_looks),
    ).format(n=count(ev.holdout_looks), scores=earlier)


def _changes(run: Run, spec: dict, results: FinishedRun | None, before) -> list[str]:
    """What changed against the run before: spec fields, the data, the columns."""
    if before is None:
        return [_("The study's first run.")]
    prev_run, prev_spec, prev_results = before
    out = spec_changes(prev_spec, spec)
    out += data_changes(prev_run, run)
    if results is not None and prev_results is not None:
        out += column_changes(prev_results, results)
    return out or [_("Nothing changed: the same spec, data and columns as the run before.")]


def spec_changes(before: dict, after: dict) -> list[str]:
    """One sentence per spec field that differs (dotted names: `acceptance.min_primary_score`)."""
    old, new = flatten(before), flatten(after)
    out = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        if key not in old:
            out.append(_("Spec: {field} set to {after}.").format(field=key, after=shown(new[key])))
        elif key not in new:
            out.append(
                _("Spec: {field} removed (it was {before}).").format(
                    field=key, before=shown(old[key])
                )
            )
        else:
            out.append(
                _("Spec: {field} changed from {before} to {after}.").format(
                    field=key, before=shown(old[key]), after=shown(new[key])
                )
            )
    return out


def data_changes(before: Run, after: Run) -> list[str]:
    old = (before.manifest().get("data") or {}).get("fingerprint")
    new = (after.manifest().get("data") or {}).get("fingerprint")
    if not old or not new or old == new:
        return []
    return [
        _("Data: a different extract (fingerprint {before} before, {after} now).").format(
            before=old[:FINGERPRINT_CHARS], after=new[:FINGERPRINT_CHARS]
        )
    ]


def column_changes(before: FinishedRun, after: FinishedRun) -> list[str]:
    """Columns added or removed, and columns whose role changed, from the data results."""
    old = {c.name: c.role for c in before.data.profile}
    new = {c.name: c.role for c in after.data.profile}
    out = []
    added = [c for c in new if c not in old]
    removed = [c for c in old if c not in new]
    if added:
        out.append(_("Columns added: {columns}.").format(columns=names(added)))
    if removed:
        out.append(_("Columns removed: {columns}.").format(columns=names(removed)))
    for name in new:
        if name in old and old[name] != new[name]:
            out.append(
                _("Column {column}: its role changed from {before} to {after}.").format(
                    column=name, before=old[name], after=new[name]
                )
            )
    return out


def shown(v: Any) -> str:
    """A spec value in a sentence: numbers and dates as people read them, lists joined, long
    text cut."""
    if isinstance(v, list | tuple):
        text = ", ".join(value(x) for x in v) or MISSING
    elif v is None:
        text = MISSING
    else:
        text = value(v)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _seen(folder: Path, ledger: Ledger) -> dict[int, float]:
    """Per look of the study's ledger, the share of its rows earlier looks had scored (a new
    seed or test size, another experiment over the same rows)."""
    by_run = {
        (folder.parent / run).resolve(): share
        for run, share in seen_before(folder.parent, ledger.experiment).items()
    }
    return {
        i: by_run.get((folder / look.run).resolve(), 0.0) for i, look in enumerate(ledger.looks)
    }


def holdout_entries(ledger: Ledger, seen: dict[int, float] | None = None) -> list[HoldoutEntry]:
    """The ledger in plain words: each holdout, how often it was looked at, and every look
    (with the share of its rows earlier looks had scored, from `seen`)."""
    seen = seen or {}
    keys = list(dict.fromkeys(look.key for look in ledger.looks))
    out = []
    for i, key in enumerate(keys):
        looks = [(j, look) for j, look in enumerate(ledger.looks) if look.key == key]
        first = looks[0][1]
        distinct = [j for j, look in looks if look.repeats is None]
        share = first.split.get("test_size")
        out.append(
            HoldoutEntry(
                title=_(
                    "Holdout {n}: the test rows of data {fingerprint}, {strategy} split, "
                    "{share} held out, seed {seed}"
                ).format(
                    n=count(i + 1),
                    fingerprint=first.data_fingerprint[:FINGERPRINT_CHARS],
                    strategy=first.split.get("strategy") or MISSING,
                    share=_percent(share),
                    seed=first.seed,
                ),
                summary=ngettext(
                    "Looked at once: its score is an honest estimate for new data.",
                    "Looked at {n} times: a choice made between these runs was made with "
                    "this holdout in view, so the best of its scores is optimistic.",
                    len(distinct),
                ).format(n=count(len(distinct))),
                looks=[_look(j, look, distinct, ledger, seen.get(j, 0.0)) for j, look in looks],
            )
        )
    return out


def _distinct(ledger: Ledger, key: str) -> list[int]:
    """The looks at holdout `key` (the same rows by their positions) that were not repeats."""
    return [i for i in ledger.distinct() if ledger.looks[i].key == key]


def _look(index: int, look: Look, distinct: list[int], ledger: Ledger, seen: float = 0.0) -> str:
    said = _said(index, look, distinct)
    if seen > 0 and look.repeats is None:
        said += " " + _(
            "{share} of its rows had been scored by earlier looks (another seed, test size or "
            "experiment over the same rows): its score is optimistic."
        ).format(share=pct(seen, 0))
    return said


def _said(index: int, look: Look, distinct: list[int]) -> str:
    metric = METRICS.get(look.metric)
    said = {
        "when": when(look.scored_at),
        "run": shown_run(look.run),
        "metric": metric.label if metric else look.metric,
        "score": number(look.score),
    }
    if look.repeats is not None:
        repeated = distinct.index(look.repeats) + 1 if look.repeats in distinct else MISSING
        return _(
            "{when}: run {run} scored {metric} {score} again, repeating look {n} (the same spec "
            "and the same score): not counted as another look."
        ).format(n=repeated, **said)
    n = distinct.index(index) + 1
    if n == 1:
        return _("{when}: run {run} scored {metric} {score}, the first look.").format(**said)
    return _("{when}: run {run} scored {metric} {score}, look {n} at this holdout.").format(
        n=count(n), **said
    )


def shown_run(recorded: str) -> str:
    """A run as the ledger names it: its path beside the ledger, or only its folder's name
    when it lives elsewhere (a published page names no folder of the consultant's machine)."""
    return Path(recorded).name if Path(recorded).is_absolute() else recorded


def _percent(share) -> str:
    return pct(share, 0) if isinstance(share, int | float) else MISSING


def _latest(entries: list[RunEntry]) -> str:
    done = [e for e in entries if e.finished]
    if not done:
        return _("No run of this study has finished yet.")
    e = done[-1]
    return _("Latest recommendation (run {n}, {when}): {status}.").format(
        n=count(e.number), when=e.when, status=e.status
    )
