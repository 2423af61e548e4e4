"""Nothing in the report runs: markup planted in the data — column names, category values, free
text, group names — reaches the HTML and the PDF as text, never as an element, a handler or a
typst instruction."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pdfplumber
import pytest
import yaml

import synth
from conftest import make_project, staged_run
from workbench.report.escaping import escape, text_with_code
from workbench.report.render import READER, _pandoc
from workbench.store.results import DataResult

SCRIPT = "<script>alert(1)</script>"
SVG = "<svg onload=alert(1)>"
TYPST = "#set page(fill: red) *bold* $x$ @ref ]"
PIPES = "a | b || c"
NASTY = [SCRIPT, SVG, "</table>", TYPST, PIPES, "[x](javascript:alert(1))", "`y`{=html}"]

# names and values as a client's extract could hold them
INCOME = f"income {SCRIPT}"
DEBT = f"debt {TYPST} {PIPES}"
JOB = f"job {SVG}"
NOTE = "note </table> #set"
JOB_VALUES = [SVG, "</table>", "#set text(red)", "*x* $y$ @z ] | w"]
REGION_VALUES = ["<b onmouseover=alert(1)>north</b>", "#south", "east | west", "$x$ @y"]


class Live(HTMLParser):
    """Collects what a browser would act on: elements and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src") and value and value.lower().startswith("javascript:"):
                self.links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def live(html: str) -> Live:
    parser = Live()
    parser.feed(html)
    return parser


def squeezed(text: str) -> str:
    """Text without whitespace and zero-width break opportunities: a value wrapped across lines
    of a table cell reads the same."""
    return re.sub(r"[\s\u200b\u00a0]", "", text)


def planted_frame(n: int = 400):
    frame = synth.applicants(n)
    frame = frame.rename(columns={"income": INCOME, "debt": DEBT, "job": JOB})
    frame[JOB] = [JOB_VALUES[i % 4] if v is not None else None for i, v in enumerate(frame[JOB])]
    frame["region"] = [REGION_VALUES[i % 4] for i in range(len(frame))]
    frame[NOTE] = [f"{NASTY[i % len(NASTY)]} note {i % 3}" for i in range(len(frame))]
    return frame.drop(columns=["applied_on"])


def test_escaping_keeps_the_characters_and_what_a_line_may_not_start_with():
    assert escape("a_b *c* <d> #e $f$ @g | h") == "a\\_b \\*c\\* \\<d\\> \\#e \\$f\\$ \\@g \\| h"
    assert escape("1. first") == "1\\. first" and escape("10.5%") == "10.5%"
    assert escape("- item") == "\\- item" and escape("===") == "\\==="
    assert escape("two\nlines\tand  tabs") == "two lines and tabs"
    assert escape(" — as it must be") == " — as it must be"  # spaces around a value are kept
    assert text_with_code("answer `a_b|c` here") == "answer `a_b\\|c` here"
    assert text_with_code("an odd ` backtick_x") == "an odd \\` backtick\\_x"
    assert escape(escape("*x*")) == "\\*x\\*"  # escaped once, whatever passes it on


def test_escaped_text_is_text_in_html():
    """The escaping itself, through the reader the report uses: every planted string comes out
    as text, with no element or handler, whether escaped plainly or as a sentence with code."""
    body = "\n\n".join(
        f"{escape(s)}\n\n| {escape(s)} | {text_with_code(s)} |\n|:--|:--|\n| x | y |" for s in NASTY
    )
    out = subprocess.run(
        [_pandoc(), "--from", READER, "--to", "html5"],
        input=body,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page = live(out)
    assert {"script", "svg", "b", "a"}.isdisjoint(page.tags), page.tags
    assert page.handlers == [] and page.links == []
    text = squeezed("".join(page.text))
    for s in NASTY:
        assert squeezed(s) in text, s


def test_the_reader_makes_no_raw_html_even_unescaped():
    """The second wall: written straight into the document, raw HTML, raw blocks and spans
    with handlers still come out as text or lose their handlers."""
    raw = f"{SVG} `x`{{=html}} [a]{{onclick=alert(1)}}\n\n```{{=html}}\n{SCRIPT}\n```\n"
    out = subprocess.run(
        [_pandoc(), "--from", READER, "--to", "html5", "--lua-filter", str(filter_path())],
        input=raw,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page = live(out)
    assert "script" not in page.tags and "svg" not in page.tags
    assert page.handlers == []


def filter_path():
    from workbench.report.render import CODE_TEMPLATES, FILTER

    return CODE_TEMPLATES / FILTER


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory):
    """A study of data with markup in its column names, category values, free text and the
    groups of a sensitive column, judged and rendered."""
    from workbench.judge import pass_judgement
    from workbench.report import render

    root = tmp_path_factory.mktemp("planted")
    frame = planted_frame()
    make_project(root, frame, "status", sensitive=["region"])
    # two of the job's values broken out of the contract: they become violation examples
    contract = root / "data_contracts" / "study.yaml"
    spec = yaml.safe_load(contract.read_text())
    spec["columns"][JOB]["allowed"] = JOB_VALUES[2:]
    contract.write_text(yaml.safe_dump(spec, allow_unicode=True))
    stages = ["data", "leakage", "baselines", "tuning", "evaluation", "assurance"]
    _, run = staged_run(root, frame, "status", stages)
    pass_judgement(run)
    html, pdf = render(run)
    return run, html, pdf


def test_planted_markup_stays_text_in_the_html(planted_run):
    run, html, _ = planted_run
    violations = run.load_result("data", DataResult).violations
    assert {SVG, "</table>"} <= {e for v in violations for e in v.examples}  # planted there too
    page = live(html.read_text())
    assert "script" not in page.tags and "svg" not in page.tags and "b" not in page.tags
    assert page.handlers == [] and page.links == []
    text = squeezed("".join(page.text))
    for planted in [INCOME, JOB, DEBT, SVG, "</table>", "#set text(red)", REGION_VALUES[0]]:
        assert squeezed(planted) in text, planted
    # and the tables kept their shape: no cell was split by a planted pipe
    assert html.read_text().count("<table") == html.read_text().count("</table>")


def test_planted_markup_is_visible_text_in_the_pdf(planted_run):
    _, _, pdf = planted_run
    with pdfplumber.open(pdf) as doc:
        text = squeezed("".join(page.extract_text() or "" for page in doc.pages))
    for planted in [INCOME, JOB, DEBT, SVG, "</table>", "#set text(red)", REGION_VALUES[0]]:
        assert squeezed(planted) in text, planted
