"""The study site written as files: `index.html`, its style sheet, the figure, and a copy of
each run's report (HTML and PDF) under `runs/<run>/`. Links are relative and nothing is
fetched from anywhere else, so the folder works opened from a disk or put on any static host
as it is; the pages run no script, and every value from the data is escaped (Jinja's HTML
autoescaping: nothing from a run is live markup)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2

from workbench.language import LANGUAGES, SOURCE, _, ngettext, use_language
from workbench.site.figure import trend_svg
from workbench.site.history import StudyHistory, read_history
from workbench.store.run_directory import atomic_write
from workbench.store.study_runs import SITE_FOLDER, spec_copy, study_runs
from workbench.wording import count

TEMPLATES = Path(__file__).resolve().parents[2] / "report_templates" / "site"
FIGURE = "score_and_value.svg"
STYLE = "site.css"
REPORTS = ("report.html", "report.pdf")


@dataclass
class Site:
    index: Path
    runs: int


@dataclass
class Draft:
    """What the site says that needs no report file: the study's history and its figure, in
    the study's language. A finished run drafts it while its report is still rendering."""

    history: StudyHistory
    svg: bytes | None
    language: str


def draft(folder: Path) -> Draft:
    """Read the runs of the study in `folder` and draw its figure."""
    folder = folder.resolve()
    with use_language(study_language(folder)) as language:
        history = read_history(folder)
        return Draft(history, trend_svg(history), language)


def publish(folder: Path, out: Path | None = None, drafted: Draft | None = None) -> Site:
    """Write (or refresh) the site of the study whose runs are in `folder` into `out`
    (default: `folder/site`). Files of runs no longer in the study are removed from it.
    `drafted`: the study's draft, made (by `draft`) after its newest run was judged."""
    folder = folder.resolve()
    out = (out or folder / SITE_FOLDER).resolve()
    drafted = drafted or draft(folder)
    with use_language(drafted.language):
        return _write(out, drafted)


def study_language(folder: Path) -> str:
    """The language the study's latest run reports in (`report.language` of its spec copy):
    the site speaks to the same readers."""
    for run in reversed(study_runs(folder)):
        said = (spec_copy(run).get("report") or {}).get("language")
        if said in LANGUAGES:
            return said
    return SOURCE


def _write(out: Path, drafted: Draft) -> Site:
    history, svg = drafted.history, drafted.svg
    out.mkdir(parents=True, exist_ok=True)
    _copy_reports(history, out)
    if svg is not None:
        atomic_write(out / FIGURE, svg)
    else:
        (out / FIGURE).unlink(missing_ok=True)
    shutil.copyfile(TEMPLATES / STYLE, out / STYLE)
    page = (
        _environment()
        .get_template("index.html")
        .render(
            study=history,
            words=words(history),
            figure=FIGURE if svg else None,
            style=STYLE,
            language=drafted.language,
        )
    )
    atomic_write(out / "index.html", page)
    return Site(out / "index.html", len(history.runs))


def words(history: StudyHistory) -> dict[str, str]:
    """The page's headings and fixed sentences, in the reader's language."""
    n = len(history.runs)
    return {
        "title": _("Study {name}: every run").format(name=history.experiment),
        "question": _("Question"),
        "decision": _("Decision it informs"),
        "runs": _("Runs"),
        "runs_intro": ngettext(
            "The study has {n} run. Each row says what changed against the run before, what "
            "the run recommends and what it measured on its holdout.",
            "The study has {n} runs, newest first. Each row says what changed against the run "
            "before, what the run recommends and what it measured on its holdout.",
            n,
        ).format(n=count(n)),
        "number": _("Run"),
        "when": _("When it ran"),
        "changes": _("What changed against the run before"),
        "recommendation": _("Recommendation"),
        "score": _("Primary score on the holdout"),
        "value": _("Value a month"),
        "looks": _("Holdout looks"),
        "reports": _("Report"),
        "html": _("report (HTML)"),
        "pdf": _("report (PDF)"),
        "no_report": _("no report"),
        "trend": _("Scores across runs"),
        "trend_text": _(
            "Each dot is a run's result on its holdout, with its 95% interval. Runs whose "
            "intervals overlap cannot be told apart by these rows alone."
        ),
        "figure_alt": _("The primary score and the value a month of each run, with 95% intervals."),
        "ledger": _("The holdout ledger"),
        "ledger_intro": _(
            "A holdout is spent when it is looked at. The rows kept aside for the final check "
            "tell the truth about a model only the first time they are scored: once runs are "
            "compared on them and the better one is chosen, its score on those rows is "
            "optimistic. The ledger records every time a run of this study scored a holdout. A "
            "scoring that repeats an earlier one (the same spec giving the same score, as a "
            "verify re-run does) teaches nothing new and is not counted."
        ),
        "no_looks": _("No run has scored a holdout yet."),
        "footer": _(
            "Written by the discovery workbench from the runs' results files. The pages work "
            "from a folder or any static web host: every link is relative."
        ),
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is HTML-escaped: nothing from a run becomes markup
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _copy_reports(history: StudyHistory, out: Path) -> None:
    """Each run's report and PDF into `out/runs/<slug>/` (copied when new or changed); set each
    entry's links; remove the folders of runs no longer in the study."""
    runs_dir = out / "runs"
    wanted = set()
    for entry in history.runs:
        wanted.add(entry.slug)
        for name in REPORTS:
            src, dst = entry.path / name, runs_dir / entry.slug / name
            if not src.is_file():
                dst.unlink(missing_ok=True)
                continue
            if not _same(src, dst):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
            link = f"runs/{entry.slug}/{name}"
            if name.endswith(".html"):
                entry.report = link
            else:
                entry.pdf = link
    if runs_dir.is_dir():
        for old in runs_dir.iterdir():
            if old.is_dir() and old.name not in wanted:
                shutil.rmtree(old)


def _same(src: Path, dst: Path) -> bool:
    if not dst.is_file():
        return False
    a, b = src.stat(), dst.stat()
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
