"""The rendered HTML report opened in a real headless browser (Debian's Chromium and its
driver, installed by `python3 dev.py test`): no console errors, every figure loads, nothing is
fetched from outside the file (it must open from an e-mail attachment)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="Chromium and chromium-driver (Debian packages) needed"
)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument("--window-size=1280,2000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def inspect_page(driver, path: Path) -> dict:
    """Open the file as a reader would and collect what a reader would notice."""
    driver.get(path.resolve().as_uri())
    driver.execute_script(
        "return Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))"
    )
    images = driver.execute_script(
        "return Array.from(document.images).map(i => "
        "({src: i.getAttribute('src').slice(0, 40), ok: i.complete && i.naturalWidth > 0}))"
    )
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    return {
        "errors": [e for e in driver.get_log("browser") if e["level"] == "SEVERE"],
        "images": images,
        "external": [r for r in resources if re.match(r"https?:", r)],
        "title": driver.title,
        "recommendation": driver.execute_script(
            "const e = document.querySelector('.recommendation'); return e ? e.innerText : ''"
        ),
        "headings": driver.execute_script(
            "return Array.from(document.querySelectorAll('h2')).map(h => h.innerText)"
        ),
    }


@pytest.mark.slow
def test_report_opens_cleanly_in_a_headless_browser(finished_run, browser):
    page = inspect_page(browser, finished_run.run_dir / "report.html")
    assert page["errors"] == []
    assert page["external"] == []
    assert len(page["images"]) >= 8, page["images"]  # ROC, PR, calibration, SHAP, ...
    broken = [i["src"] for i in page["images"] if not i["ok"]]
    assert broken == []
    assert all(i["src"].startswith("data:image/") for i in page["images"])  # embedded
    assert page["recommendation"].startswith("Recommendation:")
    for section in ("Summary", "Risks and limitations", "Roadmap", "Holdout evaluation"):
        assert any(h.strip().endswith(section) for h in page["headings"]), page["headings"]


@pytest.mark.slow
def test_the_browser_check_sees_a_broken_figure_and_a_failing_script(
    finished_run, browser, tmp_path
):
    """The check above can fail: a figure that is not embedded and a script error are caught."""
    html = (finished_run.run_dir / "report.html").read_text()
    first = re.search(r'src="(data:image/[^"]+)"', html).group(1)
    html = html.replace(first, "figures/not-there.png", 1)
    html = html.replace("</body>", "<script>undefinedFunction();</script></body>", 1)
    broken = tmp_path / "report.html"
    broken.write_text(html)
    page = inspect_page(browser, broken)
    assert any(not i["ok"] for i in page["images"])
    assert any("undefinedFunction" in e["message"] for e in page["errors"])
