"""The review's references as one interactive table, with links back to where they are cited.

Each reference links to its entry in the bibliography (its title) and to every table row,
finding and figure of this book that cites it; the sections and tables of the review that cite
it, and its journal, are buttons that show every reference sharing them.
"""

from __future__ import annotations

import pandas as pd

from exobone.render.escape import escape_html as esc
from exobone.render.html import bibliography_href, row_anchor
from exobone.render.interactive import interactive_table
from exobone.render.markdown import finding_anchor

#: the anchor on its page of each kind of place that can cite a reference (None: the page)
ANCHORS = {"table row": row_anchor, "finding": finding_anchor}

#: reference_finder column -> heading shown, in the order shown
COLUMNS = {
    "ref_id": "No.",
    "authors": "Authors",
    "year": "Year",
    "title": "Title",
    "journal": "Journal or book",
    "cited_in_review": "Cited in the review",
    "cited_in_book": "Cited in this book",
}


def place_links(places: pd.DataFrame, pages_dir: str = "notebooks") -> str:
    """Links to the places of one reference (rows of :func:`cited_in.cited_in`), from a page in
    ``pages_dir``: 'table rows T1-01, T1-02 · findings F-T1-01 · Fig. 1b'."""
    parts = []
    for kind, rows in places.groupby("kind", sort=False):
        anchor = ANCHORS.get(kind)
        links = []
        for row in rows.itertuples(index=False):
            page = row.page.removeprefix(f"{pages_dir}/") + ".html"
            href = page + (f"#{anchor(row.place)}" if anchor else "")
            links.append(f'<a href="{esc(href)}">{esc(row.place)}</a>')
        if anchor:
            plural = "s" if len(links) > 1 else ""
            parts.append(f"{esc(kind)}{plural} " + ", ".join(links))
        else:
            parts.append(", ".join(links))
    return " · ".join(parts)


def references_table(finder: pd.DataFrame, places: pd.DataFrame) -> str:
    """The interactive table of :func:`cited_in.reference_finder` rows, ``places`` giving the
    "cited in this book" links; for a page in ``notebooks/``."""
    frame = finder.copy()
    by_ref = dict(tuple(places.groupby("ref_id")))
    frame["cited_in_book"] = frame["ref_id"].map(
        lambda i: place_links(by_ref[i]) if i in by_ref else ""
    )
    frame["title"] = [
        f'<a href="{bibliography_href(i)}">{esc(title)}</a>'
        for i, title in zip(frame["ref_id"], frame["title"], strict=True)
    ]
    frame = frame[list(COLUMNS)].rename(columns=COLUMNS)
    return interactive_table(
        frame,
        "references-table",
        html_columns=("Title", "Cited in this book"),
        filter_columns=("Journal or book", "Cited in the review"),
    )
