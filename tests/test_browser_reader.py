"""A reader on any screen (issue 24), in a real browser at 390, 900 and 1280 px with touch:
the sidebars open and close by tap and by keyboard and lead to a chapter; interactive tables fit
their column; figures fit a phone's screen and open full size; the book's search finds findings
with an excerpt. Screenshots for the note go to _build/shots/.
"""

import shutil

import pandas as pd
import pytest

from exobone.data import paths
from tests.test_browser import CHROMIUM_ARGS, base_url  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

WIDTHS = [390, 900, 1280]
SHOTS = paths.PROJECT_ROOT / "_build" / "shots"
CHAPTER = "notebooks/04_findings_table.html"
NAV_LINK = f'nav.bd-docs-nav a[href$="{CHAPTER.split("/")[1]}"]'


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def tab(browser, request):
    """A page at one width, with a touch screen (so a tap is a tap)."""
    context = browser.new_context(viewport={"width": request.param, "height": 800}, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors, page.width = errors, request.param
    yield page
    context.close()


def shot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{page.width}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5_000


def on_screen(page, selector: str) -> bool:
    """The first element matching ``selector`` is shown and lies inside the window."""
    return page.evaluate(
        """(selector) => {
          const el = document.querySelector(selector);
          if (!el || !el.checkVisibility({ visibilityProperty: true })) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth
            && r.top < window.innerHeight;
        }""",
        selector,
    )


def visible_toggle(page, kind: str):
    toggles = page.locator(f".{kind}-toggle").filter(visible=True)
    assert toggles.count() == 1, f"{toggles.count()} visible {kind} toggles"
    return toggles.first


# --- 1. navigation --------------------------------------------------------------------------


def test_the_chapter_list_opens_and_closes_by_tap_and_leads_to_a_chapter(tab, base_url):  # noqa: F811
    tab.goto(f"{base_url}/book/intro.html")
    tab.wait_for_load_state("load")
    toggle = visible_toggle(tab, "primary")
    shown_at_first = on_screen(tab, NAV_LINK)
    assert shown_at_first == (tab.width >= 1200)  # a drawer below 1200 px, a sidebar above
    toggle.tap()
    tab.wait_for_timeout(400)
    assert on_screen(tab, NAV_LINK) != shown_at_first
    if shown_at_first:  # wide: the tap hid the sidebar; a second tap brings it back
        toggle.tap()
        tab.wait_for_timeout(400)
        assert on_screen(tab, NAV_LINK)
    shot(tab, "intro-drawer-open")
    tab.locator(NAV_LINK).filter(visible=True).first.tap()
    tab.wait_for_url(f"**/{CHAPTER}")
    assert tab.errors == []


def test_the_chapter_list_opens_and_closes_by_keyboard(tab, base_url):  # noqa: F811
    tab.goto(f"{base_url}/book/intro.html")
    tab.wait_for_load_state("load")
    toggle = visible_toggle(tab, "primary")
    shown_at_first = on_screen(tab, NAV_LINK)
    toggle.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(400)
    assert on_screen(tab, NAV_LINK) != shown_at_first
    tab.keyboard.press("Escape" if not shown_at_first else "Enter")
    if shown_at_first:  # the toggle still has the focus: Enter again
        tab.wait_for_timeout(400)
        assert on_screen(tab, NAV_LINK)
    else:
        tab.wait_for_timeout(400)
        assert not on_screen(tab, NAV_LINK)
        assert tab.evaluate("document.activeElement.classList.contains('primary-toggle')")
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(400)
    tab.locator(NAV_LINK).filter(visible=True).first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/{CHAPTER}")


def test_the_page_contents_open_by_tap_and_keyboard_and_lead_to_a_section(tab, base_url):  # noqa: F811
    tab.goto(f"{base_url}/notebooks/03_evidence_by_source.html")
    tab.wait_for_load_state("load")
    toc_link = "nav#pst-page-toc-nav a.nav-link"
    if tab.width >= 1200:  # the contents are beside the text, no toggle needed
        assert on_screen(tab, toc_link)
    else:
        assert not on_screen(tab, toc_link)
        toggle = visible_toggle(tab, "secondary")
        toggle.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(400)
        assert on_screen(tab, toc_link)
        tab.keyboard.press("Escape")
        tab.wait_for_timeout(400)
        assert not on_screen(tab, toc_link)
        toggle.tap()
        tab.wait_for_timeout(400)
        assert on_screen(tab, toc_link)
    link = tab.locator(toc_link).filter(visible=True).first
    href = link.get_attribute("href")
    link.tap()
    tab.wait_for_timeout(400)
    assert tab.url.endswith(href)


# --- 2. tables that fit ---------------------------------------------------------------------

TABLE_PAGES = [
    "notebooks/02_bibliometrics.html",
    "notebooks/04_findings_table.html",
    "notebooks/11_data_model.html",
    "notebooks/12_errata.html",
    "notebooks/13_glossary.html",
]

#: every interactive table drawn: (id, its column's width, the table's width)
TABLE_WIDTHS = """() => [...document.querySelectorAll("div.interactive-table")].map((box) => {
  const table = box.querySelector("table.dataTable");
  return [table ? table.id : "(not drawn)", box.clientWidth, table ? table.offsetWidth : -1];
})"""


def _findings(tab, base_url):  # noqa: F811
    tab.goto(f"{base_url}/{CHAPTER}")
    tab.wait_for_selector("#findings-table tbody tr td")
    return tab.locator("#findings-table > tbody > tr:not(.dt-details-row)")


def _show_all_rows(tab):
    tab.select_option("#findings-table-wrapper select.dt-input", "1000")
    tab.wait_for_timeout(300)


def test_every_interactive_table_fits_its_column(tab, base_url):  # noqa: F811
    too_wide, drawn = [], 0
    for path in TABLE_PAGES:
        tab.goto(f"{base_url}/{path}")
        tab.wait_for_selector("table.dataTable tbody tr td")
        tab.wait_for_timeout(300)
        for table_id, room, width in tab.evaluate(TABLE_WIDTHS):
            drawn += width > 0
            if width < 0 or width > room + 1:
                too_wide.append(f"{path} #{table_id}: {width} px in {room} px")
        wide = tab.evaluate("document.documentElement.scrollWidth")
        if wide > tab.width:
            too_wide.append(f"{path}: the page is {wide} px wide")
    assert drawn >= len(TABLE_PAGES)
    assert too_wide == []
    assert tab.errors == []


def test_tables_draw_from_disk_with_the_one_shared_bundle(tab):
    """Opened from file:// (no server): the page's classic script loads the bundle, which no
    page or notebook holds inline."""
    for path in TABLE_PAGES:
        tab.goto(f"{paths.BUILD_HTML.as_uri()}/{path}")
        tab.wait_for_selector("table.dataTable tbody tr td")
        scripts = tab.evaluate(
            "[...document.scripts].map(s => s.src.split('/').pop().split('?')[0]).filter(Boolean)"
        )
        assert "itables-2.9.1.js" in scripts
        assert "dt_src_b64" not in tab.content()
    assert tab.errors == []


def test_the_data_pages_tables_use_the_pages_width(tab, base_url):  # noqa: F811
    if tab.width < 1280:
        pytest.skip("on a narrower screen a wide static table scrolls inside its box")
    tab.goto(f"{base_url}/book/data.html")
    tab.wait_for_load_state("load")
    cut = tab.evaluate(
        """() => [...document.querySelectorAll("article table")]
             .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1)
             .map((t) => t.querySelector("th").textContent)"""
    )
    assert cut == []


def test_a_findings_row_shows_its_hidden_columns_one_tap_away(tab, base_url):  # noqa: F811
    rows = _findings(tab, base_url)
    headings = tab.locator("#findings-table thead tr:first-child th").all_inner_texts()
    assert headings[:2] == ["Finding", "Source"]  # the key columns stay at every width
    if tab.width >= 1280:
        assert {"Cargo", "Pathway", "Effect (direction, cell)"} <= set(headings)
    shot(tab, "findings", full_page=False)
    details = rows.first.locator("button.dt-details")
    if len(headings) == 11:  # nothing hidden: no button needed
        assert not details.is_visible()
        return
    details.tap()
    child = tab.locator("#findings-table tr.dt-details-row").first
    shown = child.locator("dt").all_inner_texts()
    assert set(shown) | set(headings) >= {"Finding in our words", "References", "Review line"}
    box = tab.evaluate("document.querySelector('#findings-table-wrapper').clientWidth")
    assert child.evaluate("row => row.scrollWidth") <= box + 1  # readable without scrolling
    assert details.get_attribute("aria-expanded") == "true"
    child.scroll_into_view_if_needed()
    shot(tab, "findings-row-open")
    details.tap()
    assert tab.locator("#findings-table tr.dt-details-row").count() == 0


def test_a_click_on_a_heading_sorts_and_filters_sit_under_the_headings(tab, base_url):  # noqa: F811
    rows = _findings(tab, base_url)
    _show_all_rows(tab)
    ids = sorted(_ids(rows))
    assert _ids(rows) != ids  # the table opens in the data's order, not sorted by id
    heading = tab.locator("#findings-table thead tr:first-child th").first
    assert heading.inner_text() == "Finding"
    heading.click()  # on the heading's text, not on a small arrow
    tab.wait_for_timeout(300)
    assert _ids(rows) == ids
    heading.click()
    tab.wait_for_timeout(300)
    assert _ids(rows) == ids[::-1]
    box = tab.locator("#findings-table thead tr.dt-filters input").first
    first_row = rows.first.bounding_box()
    assert heading.bounding_box()["y"] < box.bounding_box()["y"] < first_row["y"]
    box.fill("F-T2-0")
    tab.wait_for_timeout(300)
    expected = [i for i in ids if i.startswith("F-T2-0")]
    assert len(expected) >= 5
    assert sorted(_ids(rows)) == expected


def test_the_direction_filter_shows_the_findings_with_an_effect_in_that_direction(tab, base_url):  # noqa: F811
    rows = _findings(tab, base_url)
    _show_all_rows(tab)
    effects = pd.read_csv(paths.DATA_DIR / "evidence" / "finding_effects.csv", dtype=str)
    for direction in ("down", "up"):
        tab.select_option("#findings-table-wrapper select.dt-choice", label=direction)
        tab.wait_for_timeout(300)
        expected = effects.loc[effects["direction"] == direction, "finding_id"].unique()
        assert len(expected) >= 10
        assert sorted(_ids(rows)) == sorted(expected)


def test_the_tables_search_finds_greek_letters_spelled_in_latin(tab, base_url):  # noqa: F811
    rows = _findings(tab, base_url)
    _show_all_rows(tab)
    found = {}
    for query in ("β-catenin", "beta-catenin", "κB", "kappaB"):
        tab.fill("#findings-table-wrapper .dt-search input", query)
        tab.wait_for_timeout(300)
        found[query] = sorted(_ids(rows))
    assert len(found["β-catenin"]) >= 5 and len(found["κB"]) >= 1
    assert found["beta-catenin"] == found["β-catenin"]
    assert found["kappaB"] == found["κB"]


def _ids(rows) -> list[str]:
    return [
        t.strip().split()[-1]
        for t in rows.evaluate_all("rows => rows.map(r => r.cells[0].innerText)")
        if t.strip()
    ]


# --- 3. figures that fit --------------------------------------------------------------------

FIGURE_PAGES = [
    "notebooks/02_bibliometrics.html",
    "notebooks/03_evidence_by_source.html",
    "notebooks/05_analysis_by_source_and_pathway.html",
    "notebooks/06_figure1.html",
    "notebooks/07_figure2.html",
    "notebooks/08_figure3.html",
    "notebooks/09_clinical_trials.html",
    "notebooks/11_data_model.html",
]


def test_every_figure_fits_the_screen_and_opens_full_size(tab, base_url):  # noqa: F811
    too_wide, figures = [], 0
    for path in FIGURE_PAGES:
        tab.goto(f"{base_url}/{path}")
        tab.wait_for_load_state("load")
        for right, label in tab.evaluate(
            """() => [...document.querySelectorAll(
                   'article svg[role="img"], article svg[role="group"]')].map((svg) =>
                 [svg.getBoundingClientRect().right, svg.nextElementSibling?.textContent])"""
        ):
            figures += 1
            if right > tab.width or label != "Open full size":
                too_wide.append(f"{path}: right edge {right:.0f} px, then {label!r}")
    assert figures >= 16
    assert too_wide == []
    tab.goto(f"{base_url}/notebooks/08_figure3.html")
    tab.wait_for_load_state("load")
    shot(tab, "figure3", full_page=True)
    svg = tab.locator('article svg[role="img"]').first
    shown = svg.bounding_box()["width"]
    tab.locator("button.figure-full-size", has_text="Open full size").first.tap()
    zoomed = tab.locator("dialog.figure-zoom svg")
    assert zoomed.bounding_box()["width"] >= min(shown, float(svg.get_attribute("width"))) - 1
    full = zoomed.bounding_box()["width"]
    tab.locator("dialog.figure-zoom button", has_text="Zoom in").tap()
    tab.wait_for_timeout(100)
    assert zoomed.bounding_box()["width"] > full * 1.4
    tab.keyboard.press("Escape")
    # the dialog is removed when its close event fires, after the key press returns
    tab.locator("dialog.figure-zoom").wait_for(state="detached", timeout=5_000)
    assert tab.locator("dialog.figure-zoom").count() == 0


# --- 4. search that finds findings ----------------------------------------------------------


def _search_from_intro(tab, base: str, query: str):
    tab.goto(f"{base}/book/intro.html")
    tab.wait_for_load_state("load")
    buttons = tab.locator(".search-button, .search-button-field").filter(visible=True)
    assert buttons.count() == 1, f"{buttons.count()} search boxes at {tab.width} px"
    buttons.first.tap()
    box = tab.locator("#pst-search-dialog input[name=q]")
    box.fill(query)
    box.press("Enter")
    tab.wait_for_url("**/search.html?q=*")
    tab.wait_for_selector("#search-results ul.search li")
    tab.wait_for_function(
        "() => document.querySelector('#search-results').textContent.includes('Search finished')"
        " || document.querySelectorAll('#search-results p.context').length > 0"
    )
    tab.wait_for_timeout(500)
    return tab.locator("#search-results ul.search li")


@pytest.mark.parametrize("query", ["Wnt", "miR-21", "beta-catenin", "kappaB"])
@pytest.mark.parametrize("served", [True, False], ids=["server", "file"])
def test_the_books_search_finds_the_findings_page_with_an_excerpt(tab, base_url, query, served):  # noqa: F811
    base = base_url if served else paths.BUILD_HTML.as_uri()
    hits = _search_from_intro(tab, base, query)
    findings = hits.filter(has=tab.locator(f'a[href*="{CHAPTER.split("/")[1]}"]'))
    assert findings.count() == 1, hits.all_inner_texts()
    excerpt = findings.locator("p.context")
    word = query.split("-")[0].lower()
    assert word in excerpt.inner_text().lower()
    if query == "Wnt" and served:
        shot(tab, "search-wnt")
