"""Fill the Quarto template from the results and render it: `quarto render` when Quarto is
installed, otherwise pandoc (from the pypandoc-binary wheel) for HTML and typst for PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import jinja2

from workbench.language import use_language
from workbench.report import sentences
from workbench.report.contents import FILTERS, report_context
from workbench.report.escaping import finalize
from workbench.store.run_directory import Run, atomic_write, read_mapping

CODE_TEMPLATES = Path(__file__).resolve().parents[2] / "report_templates"
TEMPLATE = "experiment_report.qmd"
STYLE = "report_style.css"
FILTER = "report_filter.lua"


def template_dir(project_dir: Path | None = None) -> Path:
    """The project's own `report_templates/` when it has the template, else the workbench's."""
    if project_dir and (project_dir / "report_templates" / TEMPLATE).exists():
        return project_dir / "report_templates"
    return CODE_TEMPLATES


# The filled document is read as pandoc markdown without the extensions through which text
# could become live markup: raw HTML, raw blocks and inlines (`{=html}`), TeX, spans with
# attributes, HTML spans and divs, citations and TeX maths. Quarto reads it the same way
# (`from:` in the template's front matter).
READER = (
    "markdown-raw_html-raw_attribute-raw_tex-bracketed_spans-native_spans-native_divs"
    "-markdown_in_html_blocks-citations-tex_math_dollars"
)


def environment(templates: Path = CODE_TEMPLATES) -> jinja2.Environment:
    """The template's Jinja environment: every `{{ value }}` is escaped for markdown unless the
    report built it as markdown itself (`escaping`), so no value from the data can become
    markup; the filters are the one formatter's (`wording`); the sentences come from the
    message catalog of the reader's language (`sentences`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([templates, CODE_TEMPLATES]),  # sections fall back
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=finalize,
        extensions=["jinja2.ext.i18n"],
        # compiled templates kept between runs (a per-user folder in the temporary directory,
        # checked against each template's source): compiling them took a third of the report
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    sentences.install(env)
    env.filters.update(FILTERS)
    return env


def report_language(run: Run) -> str:
    """The language the run's spec asks its report in (`report.language`; English when the
    spec says none)."""
    report = read_mapping(run.dir / "inputs" / "spec.yaml").get("report") or {}
    return report.get("language") or "en"


def fill(run: Run, templates: Path) -> Path:
    text = environment(templates).get_template(TEMPLATE).render(**report_context(run))
    qmd = run.dir / "report.qmd"
    atomic_write(qmd, text)
    for name in (STYLE, FILTER):
        shutil.copyfile(templates / name, run.dir / name)
    return qmd


def render(
    run: Run, project_dir: Path | None = None, engine: str | None = None
) -> tuple[Path, Path]:
    """Write report.qmd, report.html and report.pdf into the run directory; return the last two.
    `engine` forces "quarto" or "pandoc"; by default Quarto is used when it is on PATH. The
    report is written in the language of the run's spec."""
    with use_language(report_language(run)) as language:
        qmd = fill(run, template_dir(project_dir))
    engine = engine or ("quarto" if shutil.which("quarto") else "pandoc")
    if engine == "quarto":
        _run(["quarto", "render", qmd.name], run.dir)
    else:  # two independent conversions (pandoc and typst run outside Python): side by side
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = [
                pool.submit(convert, qmd, run.dir, language)
                for convert in (_pandoc_html, _pandoc_typst_pdf)
            ]
            for job in jobs:
                job.result()
    html, pdf = run.dir / "report.html", run.dir / "report.pdf"
    for p in (html, pdf):
        if not p.exists():
            raise RuntimeError(f"rendering finished but {p.name} was not written")
    return html, pdf


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _run(cmd: list[str], cwd: Path) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{Path(cmd[0]).name} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}"
        )


def _pandoc_to(qmd: Path, cwd: Path, fmt: str, output: str, language: str, *options: str) -> None:
    """Convert the filled document with the bundled pandoc and the report's Lua filter, in
    `language` (the HTML's `lang`, the PDF's hyphenation and quotation marks)."""
    _run(
        [
            _pandoc(),
            qmd.name,
            "--from",
            READER,
            # never widths from a pipe table's dashes: every column is sized to its content
            "--columns=100000",
            "--lua-filter",
            FILTER,
            "--to",
            fmt,
            "--standalone",
            "--metadata",
            f"lang={language}",
            *options,
            "--output",
            output,
        ],
        cwd,
    )


def _pandoc_html(qmd: Path, cwd: Path, language: str = "en") -> None:
    tmp = cwd / ".report.html.tmp"
    _pandoc_to(
        qmd,
        cwd,
        "html5",
        tmp.name,
        language,
        "--embed-resources",
        "--toc",
        "--toc-depth=2",
        "--css",
        STYLE,
    )
    tmp.replace(cwd / "report.html")


def _pandoc_typst_pdf(qmd: Path, cwd: Path, language: str = "en") -> None:
    import typst

    typ = cwd / "report.typ"
    _pandoc_to(
        qmd,
        cwd,
        "typst",
        typ.name,
        language,
        "--variable",
        "papersize=a4",
        "--variable",
        "margin.x=2cm",
        "--variable",
        "margin.y=2cm",
        "--variable",
        "fontsize=10pt",
    )
    # typst's own fonts only (the report's Libertinus and DejaVu Sans Mono are bundled with
    # it): the same PDF on every machine, and no scan of the system's fonts (0.1 s)
    options = {"root": str(cwd), "ignore_system_fonts": True}
    try:
        pdf = typst.compile(str(typ), **options)
    except typst.TypstError as error:
        # the PDF's accessibility tags (headings, tables, reading order for screen readers)
        # can stop on an internal error of typst's own on some layouts (a table's page break
        # in a particular place): the report is then written without them, not lost
        if "internal error" not in str(error):
            raise
        pdf = typst.compile(str(typ), **options, pdf_tags=False)
    atomic_write(cwd / "report.pdf", pdf)
