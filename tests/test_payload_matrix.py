"""Untrusted data in a built book: every hostile value is shown as text, none runs (slow).

One temporary copy of the project gets every payload of ``tests/payloads.py`` into every free
text field of every resource (derived from the schemas: string fields without allowed values,
pattern or format that are no key), spread over different rows, each cell tagged with a marker.
The notebooks are executed and the book is built strictly once; then every page is searched:
no script, event handler, ``javascript:`` URL or file of the build machine may appear, and
wherever a marker appears the whole value must be on the page exactly as it is in the CSV.
"""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exobone.data import paths
from exobone.data.checks import FORMULA_START, LIST_SEPARATOR, NO_LIST_SEPARATOR
from exobone.data.schema import resources
from tests.hostile import MUST_SHOW, OUTSIDE_FILE, PARTIAL, read_records
from tests.payloads import PAYLOADS
from tests.workspace import serve_html


def _pages(html: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(html).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(html.rglob("*.html"))
    }


def _visible(soup: BeautifulSoup) -> str:
    """The page's text on one line; a newline inside a cell, which a data frame shows as the
    two characters backslash and n, counts as whitespace."""
    main = soup.select_one("main") or soup
    return " ".join(main.get_text("").replace("\\n", " ").split())


@pytest.mark.build
def test_matrix_covers_every_payload_in_every_free_text_field(hostile_book):
    _, cells = hostile_book
    fields = {(name, field) for name, field, _ in cells.values()}
    assert len(PAYLOADS) >= 15
    assert MUST_SHOW <= fields
    schemas = {name: r["schema"] for name, r in resources(paths.DATA_DIR).items()}
    for name, field in fields:
        texts = "\n".join(t for n, f, t in cells.values() if (n, f) == (name, field))
        spec = next(f for f in schemas[name]["fields"] if f["name"] == field)
        # a field the flat table joins refuses the separator: only those payloads are spared
        spared = {p for p in PAYLOADS if spec.get(NO_LIST_SEPARATOR) and LIST_SEPARATOR in p}
        assert [p for p in PAYLOADS if p not in texts and p not in spared] == [], (name, field)


@pytest.mark.build
def test_no_payload_runs_and_no_outside_file_appears(hostile_book):
    html, _ = hostile_book
    outside = (
        OUTSIDE_FILE.read_text(encoding="utf-8").split("\n")[0] if OUTSIDE_FILE.exists() else ""
    )
    found = []
    for name, soup in _pages(html).items():
        for script in soup.find_all("script"):
            if script.get("type") == "application/json":  # data, never run: it must not end
                if "<" in (script.string or ""):  # its element early (the map's JSON)
                    found.append(f"{name}: '<' inside a JSON data block")
                continue
            if "alert(" in (script.string or ""):
                found.append(f"{name}: script {script.string[:60]!r}")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if attr.lower().startswith("on") and "alert(" in value:
                    found.append(f"{name}: <{tag.name} {attr}>")
                if value.strip().lower().startswith("javascript:"):
                    found.append(f"{name}: <{tag.name} {attr}={value[:40]!r}>")
        if tag_with_text(soup, "b", "role") or tag_with_text(soup, "a", "click"):
            found.append(f"{name}: raw HTML from data became an element")
        if outside and outside in soup.get_text():
            found.append(f"{name}: shows {OUTSIDE_FILE}")
    assert found == []


def tag_with_text(soup: BeautifulSoup, name: str, text: str) -> bool:
    return any(t.get_text() == text for t in soup.find_all(name))


@pytest.mark.build
def test_every_value_that_reaches_a_page_is_shown_literally(hostile_book):
    html, cells = hostile_book
    pages = {name: _visible(soup) for name, soup in _pages(html).items()}
    shown: set[tuple[str, str]] = set()
    wrong = []
    for marker, (name, field, text) in cells.items():
        expected = " ".join(text.split())
        for page, body in pages.items():
            if marker not in body:
                continue
            shown.add((name, field))
            partial = {(page, name), (page, "*")} & set(PARTIAL)
            if expected not in body and not partial:
                wrong.append(f"{page}: {name}.{field} ({marker})")
    assert wrong == []
    assert sorted(MUST_SHOW - shown) == []


@pytest.mark.build
def test_downloadable_files_hold_no_formula(hostile_book):
    html, _ = hostile_book
    downloads = sorted(html.rglob("*.csv"))
    assert downloads
    for path in downloads:
        for record in read_records(path):
            assert not [c for c in record if c.startswith(FORMULA_START)], path


@pytest.mark.browser
def test_no_dialog_opens_on_any_page(hostile_book):
    from playwright.sync_api import sync_playwright

    html, cells = hostile_book
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")

    pages = [p.relative_to(html).as_posix() for p in sorted(html.rglob("*.html"))]
    pages = [p for p in pages if not p.startswith(("_static", "genindex", "search"))]
    dialogs: list[str] = []
    with serve_html(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--disable-background-networking", "--disable-component-update"],
        )
        tab = browser.new_page()
        tab.on("dialog", lambda d: (dialogs.append(f"{tab.url}: {d.message}"), d.dismiss()))
        for page in pages:
            tab.goto(f"{base}/{page}", wait_until="load")
            tab.wait_for_timeout(200)
        browser.close()
    assert len(pages) >= 10
    assert dialogs == []
