"""The study site: every run of a study on one static page. Unit tests of what it says (spec
changes, the holdout ledger in words, which runs belong to a study), and the real thing: the
shared finished study plus a second run of it on a changed extract and spec — with markup
planted in the question, a column name and values —, opened in a headless browser (every link
resolves, no console error, no request elsewhere, no planted markup live) and printed to PDF."""

from __future__ import annotations

import base64
import json
import re
import shutil
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlparse

import numpy as np
import pytest
from test_cli import cli

from conftest import FAST_TUNING
from workbench.site.history import run_looks, shown, spec_changes
from workbench.store.holdout_ledger import Ledger, Look
from workbench.store.study_runs import study_runs

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="Chromium and chromium-driver (Debian packages) needed"
)
PLANTED_COLUMN = '<img src=x onerror="window.planted=1">'
PLANTED_VALUE = "<script>window.planted=2</script>"
PLANTED_QUESTION = "Will <b id='planted'>they</b> repay?"


# -- what the site says ---------------------------------------------------------------------------
def test_spec_changes_name_each_field_that_differs():
    before = {"acceptance": {"min_primary_score": 0.8}, "tuning": {"trials": 25}, "seed": 42}
    after = {
        "acceptance": {"min_primary_score": 0.85},
        "tuning": {},
        "profile": "quick",
        "seed": 42,
    }
    assert spec_changes(before, after) == [
        "Spec: acceptance.min_primary_score changed from 0.8 to 0.85.",
        "Spec: profile set to quick.",
        "Spec: tuning.trials removed (it was 25).",
    ]
    assert spec_changes(after, after) == []
    assert shown("x" * 200).endswith("…") and len(shown("x" * 200)) == 80
    assert shown([1, "a"]) == "1, a" and shown(None) == "—"


def look(run: str, score: float, key: str = "k1", repeats: int | None = None) -> Look:
    return Look(
        key=key,
        run=run,
        scored_at="2026-12-01T10:00:00+00:00",
        spec_hash="s",
        metric="roc_auc",
        score=score,
        data_fingerprint="f" * 64,
        split={"strategy": "stratified", "test_size": 0.25},
        seed=42,
        repeats=repeats,
    )


def test_each_run_says_which_look_at_which_holdout_it_was(tmp_path):
    ledger = Ledger(
        experiment="credit",
        looks=[
            look("a", 0.81),
            look("b", 0.83),
            look("a/verify/x", 0.81, repeats=0),
            look("c", 0.7, key="k2"),
        ],
    )
    said = run_looks(ledger, tmp_path)
    assert said[tmp_path / "a"] == "Look 1 at holdout 1: its first."
    assert said[tmp_path / "b"] == "Look 2 at holdout 1; it scored 0.810 before."
    assert said[tmp_path / "a" / "verify" / "x"].startswith("Repeats look 1 at holdout 1")
    assert said[tmp_path / "c"] == "Look 1 at holdout 2: its first."


def test_the_runs_of_a_study_leave_out_verify_reruns_and_take_runs_the_ledger_names(tmp_path):
    study, elsewhere = tmp_path / "runs" / "credit", tmp_path / "other" / "first"
    for path, started in [
        (study / "20261202-100000", "2026-12-02"),
        (study / "20261201-100000", "2026-12-01"),
        (study / "20261201-100000" / "verify" / "20261203-100000", "2026-12-03"),
        (elsewhere, "2026-11-30"),
    ]:
        path.mkdir(parents=True)
        (path / "manifest.json").write_text(json.dumps({"started_at": started}))
    (study / "site").mkdir()  # the site itself is no run
    ledger = Ledger(experiment="credit", looks=[look(str(elsewhere), 0.8)])
    (study / "holdout-ledger.json").write_text(ledger.model_dump_json())
    assert [r.dir for r in study_runs(study)] == [
        elsewhere,
        study / "20261201-100000",
        study / "20261202-100000",
    ]


# -- the real site, in a browser ---------------------------------------------------------------
def test_a_site_drafted_beside_the_report_is_written_and_a_failed_draft_is_said(tmp_path):
    from concurrent.futures import Future

    from workbench.engine.runner import draft_site_beside, refresh_site

    folder = tmp_path / "runs" / "study"  # a study with no run yet: a page that says so
    page, problem = refresh_site(folder, draft_site_beside(folder))
    assert problem is None and page == folder / "site" / "index.html" and page.is_file()
    failed: Future = Future()
    failed.set_exception(OSError("the disk is full"))
    page, problem = refresh_site(folder, failed)  # the run stands; the site's problem is said
    assert page is None and "OSError: the disk is full" in problem
    assert "the disk is full" in (folder / "site-error.log").read_text()


@pytest.fixture(scope="module")
def study(finished_run):
    """The shared finished study (run 1, which wrote the site when it finished) and a second
    run on a changed extract — a column added, with markup in its name and values — and a
    changed spec: markup in the question, a higher bar. Run with --no-site; the site is then
    written by `workbench site`."""
    root = finished_run.root
    frame = finished_run.frame.copy()
    frame[PLANTED_COLUMN] = np.where(np.arange(len(frame)) % 3 == 0, PLANTED_VALUE, "plain")
    data = root / "extract_v2.csv"
    frame.to_csv(data, index=False)
    init = cli(
        *["init", data, "--target", "status", "--name", "credit_v2", "--sensitive", "age"],
        *["--dir", root],
    )
    assert init.returncode == 0, init.stderr
    spec = root / "experiments" / "credit_v2.yaml"
    text = spec.read_text()
    for old, new in FAST_TUNING.items():
        text = text.replace(old, new)
    text = text.replace("name: credit_v2", "name: credit")  # the same study
    text = re.sub(r"^question: .*$", f'question: "{PLANTED_QUESTION}"', text, flags=re.M)
    text = re.sub(r"min_primary_score: [0-9.]+", "min_primary_score: 0.9", text)
    spec.write_text(text)
    folder = root / "runs" / "credit"
    site = folder / "site" / "index.html"
    after_first = site.read_text()
    done = cli("run", spec, "--no-site")
    assert done.returncode in (0, 1), done.stderr + done.stdout
    unchanged = site.read_text() == after_first
    made = cli("site", folder)
    assert made.returncode == 0, made.stderr
    return SimpleNamespace(
        folder=folder,
        site=site,
        first=finished_run.run_dir,
        second=sorted(p for p in folder.iterdir() if p.name.startswith("2"))[-1],
        after_first=after_first,
        unchanged_by_no_site=unchanged,
        said=made.stdout,
    )


@pytest.mark.slow
def test_the_site_shows_both_runs_and_what_changed(study):
    assert "(2 runs)" in study.said
    assert study.unchanged_by_no_site  # --no-site left the site as the first run wrote it
    assert study.first.name in study.after_first and study.second.name not in study.after_first
    assert "score_and_value.svg" not in study.after_first  # one run is no trend: no figure yet
    html = study.site.read_text()
    assert study.first.name in html and study.second.name in html
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    assert "Spec: acceptance.min_primary_score changed from 0.75 to 0.9." in text
    assert "Spec: data.path changed from" in text and "extract_v2.csv" in text
    assert "Data: a different extract" in text
    assert f"Columns added: {PLANTED_COLUMN}." in text
    assert PLANTED_COLUMN not in html and PLANTED_QUESTION not in html  # escaped, never markup
    assert "The study's first run." in text
    assert text.count("Look 1 at holdout") == 2  # new data: a new holdout, looked at once
    for section in ("Runs", "Scores across runs", "The holdout ledger"):
        assert f"<h2>{section}</h2>" in html
    assert (study.folder / "site" / "score_and_value.svg").read_bytes().startswith(b"<?xml")


def inspect_site(driver, index: Path) -> dict:
    """Open the page as a reader would; every link and resource it names, resolved."""
    driver.get(index.resolve().as_uri())
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href], img[src], link[href]'))"
        ".map(e => e.getAttribute('href') || e.getAttribute('src'))"
    )
    images = driver.execute_script(
        "return Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)"
    )
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    return {
        "errors": [e for e in driver.get_log("browser") if e["level"] == "SEVERE"],
        "links": links,
        "missing": [
            link
            for link in links
            if urlparse(link).scheme or not (index.parent / unquote(link)).is_file()
        ],
        "images": images,
        "external": [r for r in resources if not r.startswith("file:")],
        "scripts": driver.execute_script("return document.scripts.length"),
        "planted": driver.execute_script(
            "return [window.planted, document.getElementById('planted')]"
        ),
        "text": driver.execute_script("return document.body.innerText"),
    }


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@needs_browser
@pytest.mark.slow
def test_the_site_opens_cleanly_and_every_link_resolves(study, browser):
    page = inspect_site(browser, study.site)
    assert page["errors"] == [] and page["external"] == []
    assert page["missing"] == []
    assert all(page["images"]) and len(page["images"]) == 1
    assert page["scripts"] == 0
    assert page["planted"] == [None, None]  # the planted markup is shown, never run
    assert PLANTED_QUESTION in page["text"] and PLANTED_COLUMN in page["text"]
    reports = [link for link in page["links"] if link.endswith(".html")]
    pdfs = [link for link in page["links"] if link.endswith(".pdf")]
    assert len(reports) == 2 and len(pdfs) == 2
    for link in pdfs:
        assert (study.site.parent / link).read_bytes()[:5] == b"%PDF-"
    for link in reports:  # each linked report opens, from the site's copy
        browser.get((study.site.parent / link).resolve().as_uri())
        assert browser.execute_script("return document.querySelector('.recommendation') !== null")
        assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


@needs_browser
@pytest.mark.slow
def test_the_site_prints(study, browser):
    import io

    import pdfplumber

    browser.get(study.site.resolve().as_uri())
    pdf = base64.b64decode(browser.print_page())
    assert pdf[:5] == b"%PDF-"
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join((p.extract_text() or "") for p in doc.pages)
    text = " ".join(text.split())
    for expected in (
        study.first.name,
        study.second.name,
        "What changed against the",  # a column's heading (it wraps in print)
        "The holdout ledger",
        "acceptance.min_primary_score",
        f"runs/{study.second.name}/report.pdf",  # a printed link says where it points
    ):
        assert expected in text, expected


@needs_browser
@pytest.mark.slow
def test_the_site_check_sees_a_broken_link_a_script_and_a_request_elsewhere(
    study, browser, tmp_path
):
    """The check above can fail."""
    copy = tmp_path / "site"
    shutil.copytree(study.site.parent, copy)
    html = (copy / "index.html").read_text()
    html = html.replace('href="runs/', 'href="gone/', 1)
    html = html.replace("</body>", "<script>undefinedFunction();</script></body>")
    html = html.replace(
        "</head>", '<link rel="stylesheet" href="https://example.com/x.css"></head>'
    )
    (copy / "index.html").write_text(html)
    page = inspect_site(browser, copy / "index.html")
    assert any(link.startswith("gone/") for link in page["missing"])
    assert "https://example.com/x.css" in page["missing"]
    assert page["scripts"] == 1
    assert any("undefinedFunction" in e["message"] for e in page["errors"])


def test_the_site_figure_library_is_loaded_only_when_the_study_has_a_trend(tmp_path):
    """A study's first run draws no figure on its site: its process does not import matplotlib
    for it (a second of processor time in every first run)."""
    from types import SimpleNamespace

    from workbench.engine.runner import has_trend
    from workbench.store.run_directory import Run

    ctx = SimpleNamespace(
        loaded=SimpleNamespace(project_dir=tmp_path), spec=SimpleNamespace(name="s")
    )
    folder = tmp_path / "runs" / "s"
    this = Run(folder / "2")
    assert not has_trend(ctx, this)  # no folder yet
    for name, finished in (("1", False), ("2", True)):
        (folder / name / "results").mkdir(parents=True)
        (folder / name / "manifest.json").write_text(json.dumps({"started_at": name}))
        if finished:
            (folder / name / "results" / "decision.json").write_text("{}")
    assert not has_trend(ctx, this)  # the other run never finished; this one does not count
    (folder / "1" / "results" / "decision.json").write_text("{}")
    assert has_trend(ctx, this)
