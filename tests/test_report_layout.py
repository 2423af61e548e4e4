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


def overlaps(pdf_path, tolerance: float = 0.5) -> list[tuple[int, str, str]]:
    """Pairs of words whose boxes overlap by more than `tolerance` points both across and down,
    page by page: (page number, word, word)."""
    found = []
    with pdfplumber.open(pdf_path) as doc:
        for number, page in enumerate(doc.pages, start=1):
            words = [w for w in page.extract_words(use_text_flow=False) if w["text"].strip()]
            words.sort(key=lambda w: w["x0"])
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    if b["x0"] >= a["x1"] - tolerance:
                        break
                    across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    if across > tolerance and down > tolerance:
                        found.append((number, a["text"], b["text"]))
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
    assert found and all(p == 1 for p, _, _ in found)
    assert {"hist_gradient_boosting", "description"} == {w for _, a, b in found for w in (a, b)}


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
    # the money a month against the status quo, or why it could not be priced
    assert re.search(r"Money\. (Today, .* a month .* a month better|Not estimated)", one), one
    assert re.search(r"Workload\. .*flag .*catch .*false alarm", one), one
    assert "Next steps." in one
    # every term of the trade on page one is explained on page one
    for term in terms_in(one):
        assert flat(TERMS[term]) in one, term
