"""The evidence gap map in a real browser: cells list the findings the data give them, filters
change the counts in place, a gap says so, the keyboard reaches and opens cells, the view
survives in the address, and a hostile label stays text.

Expected findings are computed here from the CSVs (pandas), not from the map's own JSON.
"""

import pandas as pd
import pytest

from exobone.compute.labels import PROCESS_GROUP_LABELS
from exobone.data.load import load
from tests.test_browser import SCREENSHOTS, base_url, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
MAP = "notebooks/14_evidence_map.html"


def _source_label(source_id: str) -> str:
    sources = load("sources")
    return sources.loc[sources["source_id"] == source_id, "label"].item()


def _effect_cell(source_id: str, group: str, models: set[str] | None = None) -> set[str]:
    """Findings of a source with an effect of a group that helps or harms bone, from the CSVs."""
    effects = load("finding_effects").merge(load("effects"), on="effect_id")
    found = effects.merge(load("findings"), on="finding_id")
    found = found[(found["source_id"] == source_id) & (found["process_group"] == group)]
    ids = set(found["finding_id"])
    if models is not None:
        m = load("finding_models")
        ids &= set(m.loc[m["model_system_id"].isin(models), "finding_id"])
    return ids


def _family_cell(source_id: str, family_id: str) -> set[str]:
    links = load("finding_pathways").merge(load("pathways"), on="pathway_id")
    links = links.merge(load("findings"), on="finding_id")
    return set(
        links.loc[
            (links["source_id"] == source_id) & (links["family_id"] == family_id), "finding_id"
        ]
    )


def _refs(ids: set[str]) -> int:
    refs = load("finding_refs")
    return refs.loc[refs["finding_id"].isin(ids), "ref_id"].nunique()


def _open(page, base_url, fragment=""):  # noqa: F811
    page.goto("about:blank")  # a new document each time, not only a new address fragment
    page.goto(f"{base_url}/{MAP}{fragment}")
    page.wait_for_selector(".gap-map[data-ready=true]", timeout=10_000)


def _cell(page, row: str, column: str):  # noqa: F811
    return page.locator(f'.gm-cellbutton[aria-label^="{row} × {column}:"]')


def _listed(page) -> list[str]:  # noqa: F811
    return page.locator(".gm-cell-list tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.finding)"
    )


@pytest.mark.parametrize(
    "source_id,group",
    [
        ("bmsc", "osteogenesis"),
        ("m2_macrophage", "osteogenesis"),
        ("osteoclast", "bone_resorption"),
        ("adipocyte", "immune_modulation"),
    ],
)
def test_a_cell_lists_exactly_its_findings(page, base_url, source_id, group):  # noqa: F811
    _open(page, base_url)
    expected = _effect_cell(source_id, group)
    assert expected, "pick a non-empty cell"
    row, column = _source_label(source_id), PROCESS_GROUP_LABELS[group]
    cell = _cell(page, row, column)
    label = cell.get_attribute("aria-label")
    n, refs = len(expected), _refs(expected)
    assert f"{refs} reference{'s' * (refs != 1)}, {n} finding{'s' * (n != 1)}" in label
    assert cell.inner_text().strip() == str(n)
    cell.click()
    assert sorted(_listed(page)) == sorted(expected)
    assert page.locator(".gm-cell-title").inner_text().startswith(f"{row} × {column}: {n} finding")


def test_the_pathway_family_axis_gathers_the_wnt_branches(page, base_url):  # noqa: F811
    _open(page, base_url, "#map&axis=family")
    expected = _family_cell("amsc", "wnt_family")
    assert {"F-T4-05"} <= expected  # recorded as 'Wnt (branch not stated)'
    _cell(page, _source_label("amsc"), "Wnt family (any branch)").click()
    assert sorted(_listed(page)) == sorted(expected)


def test_two_filters_change_the_counts_in_place(page, base_url):  # noqa: F811
    _open(page, base_url)
    row, column = _source_label("bmsc"), PROCESS_GROUP_LABELS["osteogenesis"]
    page.select_option(".gm-controls select[name=model]", "in_vitro")
    expected = _effect_cell("bmsc", "osteogenesis", {"in_vitro"})
    assert 0 < len(expected) < len(_effect_cell("bmsc", "osteogenesis"))
    assert _cell(page, row, column).inner_text().strip() == str(len(expected))
    page.select_option(".gm-controls select[name=compartment]", "non_bone_outside_bm")
    assert page.locator(f'.gm-cellbutton[aria-label^="{row} ×"]').count() == 0
    outside = set(load("sources").query("compartment == 'non_bone_outside_bm'")["label"])
    shown = set(page.locator(".gm-table tbody th[scope=row]").all_inner_texts())
    assert shown == outside
    assert "model=in_vitro" in page.url and "compartment=non_bone_outside_bm" in page.url
    # the address alone restores the view
    _open(page, base_url, "#map&model=in_vitro&cell=bmsc~osteogenesis")
    assert sorted(_listed(page)) == sorted(expected)


def test_an_empty_cell_is_a_gap_in_the_reviews_evidence(page, base_url):  # noqa: F811
    _open(page, base_url)
    assert not _effect_cell("osteocyte", "angiogenesis")
    cell = _cell(page, _source_label("osteocyte"), PROCESS_GROUP_LABELS["angiogenesis"])
    assert cell.get_attribute("aria-label").endswith("no findings, a gap in the review's evidence")
    cell.click()
    assert "gap in the review's evidence" in page.locator(".gm-cell-summary").inner_text()
    assert page.locator(".gm-cell-list tr").count() == 0


def test_the_keyboard_reaches_and_opens_every_cell(page, base_url):  # noqa: F811
    _open(page, base_url)
    buttons = page.locator(".gm-cellbutton")
    assert buttons.evaluate_all("bs => bs.filter(b => b.tabIndex === 0).length") == 1
    page.locator(".gm-cellbutton[tabindex='0']").focus()
    n_rows = page.locator(".gm-table tbody tr:has(.gm-cellbutton)").count()
    n_cols = page.locator(".gm-table thead th").count() - 1
    seen = set()
    for _row in range(n_rows):
        page.keyboard.press("Home")
        for _col in range(n_cols):
            seen.add(page.evaluate("document.activeElement.dataset.key"))
            page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowDown")
    assert len(seen) == buttons.count() == n_rows * n_cols
    page.keyboard.press("Enter")
    assert page.locator(".gm-cell-title").inner_text() != "Choose a cell"


def test_the_cells_findings_download_as_csv(page, base_url):  # noqa: F811
    _open(page, base_url, "#map&cell=bmsc~osteogenesis")
    with page.expect_download() as info:
        page.click(".gm-download")
    table = pd.read_csv(info.value.path(), dtype=str)
    assert sorted(table["Finding"]) == sorted(_effect_cell("bmsc", "osteogenesis"))
    assert {"Claim", "Model system", "Species", "References", "Where in the review"} <= set(
        table.columns
    )


def _shot(page, name: str, at: str = ".gm-controls"):  # noqa: F811
    """The map (from ``at``) as a reader sees it in the window (not the full page)."""
    page.locator(at).evaluate("e => e.scrollIntoView({block: 'start'})")
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def test_screenshots_at_1280_and_390(page, base_url):  # noqa: F811
    _open(page, base_url, "#map&cell=bmsc~osteogenesis")
    assert _shot(page, "evidence-map-1280").stat().st_size > 10_000
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, base_url, "#map&cell=bmsc~osteogenesis")
    frame = page.locator(".gm-frame")
    # the map scrolls inside its frame; the page itself does not scroll sideways
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert _shot(page, "evidence-map-390", at=".gm-status").stat().st_size > 10_000
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_heat_map_count_opens_its_cell_of_the_map_and_the_map_links_back(page, base_url):  # noqa: F811
    page.goto("about:blank")
    page.goto(f"{base_url}/notebooks/05_analysis_by_source_and_pathway.html")
    link = page.locator('svg a[*|href$="cell=amsc~wnt_family"]').first
    link.click()
    page.wait_for_selector(".gap-map[data-ready=true]")
    assert page.locator(".gm-controls select[name=axis]").input_value() == "family"
    assert sorted(_listed(page)) == sorted(_family_cell("amsc", "wnt_family"))
    back = page.locator("article a[href*='05_analysis_by_source_and_pathway']").first
    assert back.count() == 1


def test_the_map_works_from_a_downloaded_copy_with_no_network(page):  # noqa: F811
    from exobone.data import paths

    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto("about:blank")
    url = (paths.BUILD_HTML / MAP).as_uri() + "#map&axis=disease&cell=blood~osteoporosis"
    page.goto(url)
    page.wait_for_selector(".gap-map[data-ready=true]", timeout=10_000)
    assert page.locator(".gm-cell-list tbody tr").count() > 0
    assert [u for u in asked if not u.startswith(("file:", "data:", "blob:", "about:"))] == []


def test_the_findings_table_filters_by_model_system(page, base_url):  # noqa: F811
    page.goto("about:blank")
    page.goto(f"{base_url}/notebooks/04_findings_table.html")
    page.wait_for_selector("#findings-table tbody tr td", timeout=10_000)
    page.select_option("#findings-table-wrapper select:not(.dt-choice)", "1000")  # page length
    models = load("finding_models")
    animal = set(models.loc[models["model_system_id"] == "animal", "finding_id"])
    button = page.locator("#findings-table button.dt-filter", has_text="Animal model").first
    if not button.is_visible():  # the column is hidden at this width: it is in the row's ▸
        first = models.loc[models["model_system_id"] == "animal", "finding_id"].iloc[0]
        row = page.locator("#findings-table tbody tr", has_text=first).first
        row.locator("button.dt-details").click()
    button.click()
    page.wait_for_timeout(300)
    rows = page.locator("#findings-table tbody tr:not(.dt-details-row)")
    shown = {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())}
    assert shown == animal


def test_the_pathway_family_filter_keeps_that_familys_findings_on_any_axis(page, base_url):  # noqa: F811
    _open(page, base_url, "#map&family=wnt_family&cell=bmsc~osteogenesis")
    expected = _effect_cell("bmsc", "osteogenesis") & _family_cell("bmsc", "wnt_family")
    assert expected
    assert sorted(_listed(page)) == sorted(expected)
