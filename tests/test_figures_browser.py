"""Every figure on every page, measured in the browser at a 1280 px window: inline SVG, no text
smaller than 11 px as displayed, no two labels overlapping, no label clipped.

The sizes come from the SVG's own text boxes as Chromium lays them out (see tests/svg_text.py).
A table of the smallest text per figure is written to _build/figure-text-sizes.csv.
"""

import csv

import pytest

from exobone.data import paths
from exobone.figures.style import MIN_TEXT_PX
from tests.svg_text import MEASURE_JS, problems
from tests.test_browser import base_url, page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

REPORT = paths.PROJECT_ROOT / "_build" / "figure-text-sizes.csv"


def book_pages() -> list[str]:
    html = paths.BUILD_HTML
    return sorted(
        str(p.relative_to(html))
        for folder in ("book", "notebooks")
        for p in (html / folder).glob("*.html")
    )


def test_every_figure_is_svg_readable_at_1280_px_without_overlaps(page, base_url):  # noqa: F811
    pages = book_pages()
    assert len(pages) >= 10, pages
    page.set_viewport_size({"width": 1280, "height": 900})
    found, rows = [], []
    for name in pages:
        page.goto(f"{base_url}/{name}")
        page.wait_for_load_state("load")
        for figure in page.evaluate(MEASURE_JS):
            found += [f"{name}: {p}" for p in problems(figure, MIN_TEXT_PX)]
            sizes = [t["size"] for t in figure.get("texts", [])]
            rows.append([name, figure["id"], f"{min(sizes):.1f}" if sizes else "", len(sizes)])
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    with REPORT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["page", "figure", "smallest_text_px", "n_texts"])
        writer.writerows(rows)
    assert len(rows) >= 16, rows  # the book's figures (2 + 7 + 3 + 1 + 1 + 1 + 1)
    assert all(r[3] > 0 for r in rows), [r for r in rows if r[3] == 0]
    assert found == []
