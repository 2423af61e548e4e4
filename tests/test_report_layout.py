"""The PDF as a reader sees it: no word printed over another, a stakeholder part of at most
eight pages, and a page one that says the recommendation, the money and the workload with every
term of the trade explained on the page."""

from __future__ import annotations

import re

import pdfplumber
import pytest

import synth
from conftest import staged_run
from workbench.report.glossary import TERMS, terms_in

APPENDIX = "Technical appendix"
MAX_STAKEHOLDER_PAGES = 8
# kerned into their neighbours by design (a full stop under a closing quote)
PUNCTUATION = set(".,;:'\"\u2018\u2019\u201c\u201d\u200b")


def overlaps(pdf_path, share: float = 0.3) -> list[tuple[int, str, str, int, int]]:
    """Glyphs printed over glyphs, page by page: (page, glyph, glyph, x, y) for each two
    characters whose boxes overlap by more than `share` of the narrower one across and half the
    lower one down. Characters, not words: pdfplumber merges letters that interleave (a word
    run into the next column) into one garbled word, whose box overlaps nothing."""
    found = []
    with pdfplumber.open(pdf_path) as doc:
        for number, page in enumerate(doc.pages, start=1):
            chars = [c for c in page.chars if c["text"] not in PUNCTUATION and c["text"].strip()]
            chars.sort(key=lambda c: c["x0"])
            for i, a in enumerate(chars):
                for b in chars[i + 1 :]:
                    if b["x0"] >= a["x1"]:
                        break
                    across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    narrow = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
                    low = min(a["bottom"] - a["top"], b["bottom"] - b["top"])
                    if across > share * narrow and down > 0.5 * low:
                        found.append(
                            (number, a["text"], b["text"], round(a["x0"]), round(a["top"]))
                        )
    return found


def page_texts(pdf_path) -> list[str]:
    with pdfplumber.open(pdf_path) as doc:
        return [(p.extract_text() or "").replace("\u200b", "") for p in doc.pages]


def flat(text: str) -> str:
    """One line, straight quotes (typst sets them curly)."""
    return re.sub(r"\s+", " ", text).replace("\u2019", "'").replace("\u2018", "'")


def test_the_overlap_check_finds_words_printed_over_words(tmp_path):
    """The check can fail: text placed over text is found; the same words side by side are not."""
    import typst

    src = tmp_path / "over.typ"
    src.write_text(
        "#set page(width: 10cm, height: 4cm)\n"
        "#place(dx: 1cm, dy: 1cm)[hist_gradient_boosting]\n"
        "#place(dx: 2cm, dy: 1cm)[description]\n"
        "#place(dx: 1cm, dy: 2.5cm)[side] #place(dx: 3cm, dy: 2.5cm)[by side]\n"
    )
    (tmp_path / "over.pdf").write_bytes(typst.compile(str(src)))
    found = overlaps(tmp_path / "over.pdf")
    assert found and all(p == 1 for p, *_ in found)
    # all on the first line: "side" and "by side" on the second do not touch
    assert len({y for *_, y in found}) == 1


def long_names_frame(n: int = 400):
    """Column names and category values far longer than a table cell."""
    frame = synth.applicants(n).drop(columns=["applied_on"])
    frame = frame.rename(
        columns={
            "income": "monthly_household_income_after_tax_as_declared_by_the_applicant",
            "debt": "OutstandingConsumerDebtAtOtherLendersIncludingCreditCards",
            "job": "employment_situation_at_the_time_of_the_application",
        }
    )
    long_values = {
        "fixed": "permanent_full_time_contract_with_current_employer",
        "freelance": "SelfEmployedOrFreelanceWithRegisteredBusinessAndEmployees",
        "partime": "part time contract with one or more employers at the same time",
        "others": "other_or_unknown_employment_situation_not_listed_above_x",
    }
    col = "employment_situation_at_the_time_of_the_application"
    frame[col] = frame[col].map(long_values)
    frame["region"] = frame["region"].map(lambda r: f"{r}_region_of_the_national_branch_network")
    return frame


@pytest.fixture(scope="module")
def long_names_run(tmp_path_factory):
    from workbench.judge import pass_judgement
    from workbench.report import render

    root = tmp_path_factory.mktemp("long")
    stages = ["data", "leakage", "baselines", "tuning", "evaluation", "assurance"]
    _, run = staged_run(root, long_names_frame(), "status", stages, sensitive=["region"])
    pass_judgement(run)
    return render(run)


def test_no_word_overlaps_another_with_long_names_and_values(long_names_run):
    _, pdf = long_names_run
    assert overlaps(pdf) == []
    text = flat(" ".join(page_texts(pdf))).replace(" ", "")
    # the long identifiers are all there, wrapped at their underscores or capitals, not cut
    for name in [
        "monthly_household_income_after_tax_as_declared_by_the_applicant",
        "OutstandingConsumerDebtAtOtherLendersIncludingCreditCards",
        "permanent_full_time_contract_with_current_employer",
    ]:
        assert name in text, name


@pytest.mark.slow
def test_no_word_overlaps_another_in_a_study_report(finished_run):
    assert overlaps(finished_run.run_dir / "report.pdf") == []


def stakeholder_pages(pages: list[str]) -> int:
    """How many pages come before the technical appendix's own page."""
    starts = [i for i, text in enumerate(pages) if text.lstrip().startswith(APPENDIX)]
    assert starts, "the technical appendix does not open a page"
    return starts[0]


def test_page_one_and_the_stakeholder_part(long_names_run):
    _, pdf = long_names_run
    check_the_stakeholder_part(pdf)


@pytest.mark.slow
def test_page_one_and_the_stakeholder_part_of_a_study(finished_run):
    check_the_stakeholder_part(finished_run.run_dir / "report.pdf")


def check_the_stakeholder_part(pdf) -> None:
    pages = page_texts(pdf)
    assert 1 <= stakeholder_pages(pages) <= MAX_STAKEHOLDER_PAGES
    one = flat(pages[0])
    assert "Recommendation:" in one
    assert ":::" not in one and "{." not in one  # the callout is typeset, not printed as markup
    # the money a month against the status quo, or why it could not be priced
    assert re.search(r"Money\. (Today, .* a month .* a month better|Not estimated)", one), one
    assert re.search(r"Workload\. .*flag .*catch .*false alarm", one), one
    assert "Next steps." in one
    # every term of the trade on page one is explained on page one
    for term in terms_in(one):
        assert flat(TERMS[term]) in one, term


def test_each_term_is_explained_once_where_it_first_appears():
    from workbench.report.glossary import Glossary

    g = Glossary()
    first = g.note("The ROC AUC is 0.85; the paired bootstrap of the lift over the baseline.")
    assert "*ROC AUC*:" in first and "*paired bootstrap*:" in first and "*lift*:" in first
    assert "*bootstrap*:" not in first  # inside "paired bootstrap"
    # the lift's explanation speaks of a baseline: explained in the same note
    assert "*baseline*:" in first
    assert g.note("ROC AUC again, and the lift") == ""
    assert "*SHAP*:" in g.note("SHAP values")
    assert terms_in("rOC aUC") == ["ROC AUC"]  # case aside
    assert terms_in("a holdout-based figure") == []  # part of a longer word
