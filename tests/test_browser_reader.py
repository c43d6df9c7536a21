"""A reader on any screen (issue 24), in a real browser at 390, 900 and 1280 px with touch:
the sidebars open and close by tap and by keyboard and lead to a chapter; interactive tables fit
their column; figures fit a phone's screen and open full size; the book's search finds findings
with an excerpt. Screenshots for the note go to _build/shots/.
"""

import shutil

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
    else:
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
