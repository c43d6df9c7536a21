"""The built book in a real browser (Debian's chromium driven by Playwright)."""

import shutil
from pathlib import Path

import pytest

from exobone.data import paths
from tests.workspace import serve_html

pytestmark = pytest.mark.browser

SCREENSHOTS = paths.PROJECT_ROOT / "_build" / "screenshots"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def base_url():
    if not (paths.BUILD_HTML / "index.html").is_file():
        pytest.fail("no built book: run `make book` first")

    with serve_html(paths.BUILD_HTML) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.errors = errors
        yield tab
        browser.close()


def shot(page, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_index_opens_on_the_introduction(page, base_url):
    page.goto(f"{base_url}/index.html")
    heading = page.locator("article h1")
    assert "executable evidence book" in heading.inner_text()
    assert shot(page, "intro").stat().st_size > 10_000


def test_tables_chapter_shows_five_tables_with_captions_and_rows(page, base_url):
    page.goto(f"{base_url}/notebooks/01_review_tables.html")
    tables = page.locator("table.review-table")
    assert tables.count() == 5
    captions = [tables.nth(i).locator("caption").inner_text() for i in range(5)]
    assert captions[0].startswith("Table 1 Effects of bone-derived exosomes on bone")
    assert captions[1].startswith("Table 2 Effects of macrophages-derived exosomes on bone")
    rows = [tables.nth(i).locator("tbody tr").count() for i in range(5)]
    assert rows == [17, 8, 10, 7, 12]
    assert tables.nth(0).locator("tbody tr").first.locator("td").first.is_visible()
    shot(page, "review_tables")
    assert page.errors == []


def test_erratum_mark_leads_to_its_erratum(page, base_url):
    page.goto(f"{base_url}/notebooks/01_review_tables.html")
    mark = page.locator('table#table-3 tr[data-row-id="T3-01"] sup.erratum-mark a')
    assert mark.get_attribute("title") == "Corrected; published: Wht4"
    mark.click()
    page.wait_for_load_state()
    assert page.url.endswith("12_errata.html#e003")
    row = page.locator("tr#e003")
    assert "Wht4" in row.inner_text() and "Wnt4" in row.inner_text()
    shot(page, "errata")


def test_data_files_are_downloadable(page, base_url):
    page.goto(f"{base_url}/notebooks/01_review_tables.html")
    link = page.locator("a.download", has_text="table_rows.csv").first
    href = link.get_attribute("href")
    response = page.request.get(f"{base_url}/notebooks/{href}")
    assert response.ok
    assert response.text().splitlines()[0].startswith("row_id,table_no,position")
