"""Where the book cites each of the review's references: table rows, findings, figures.

Each place comes from a link table of the data (table_row_refs, finding_refs,
exosome_composition_refs, biogenesis_regulator_refs), so the bibliography can link every entry
back to the rows, findings and figures that cite it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import load

#: (link table, what the place is, its page in the book, column naming the place or None)
PLACES = [
    ("table_row_refs", "table row", "notebooks/01_review_tables", "row_id"),
    ("finding_refs", "finding", "notebooks/03_evidence_by_source", "finding_id"),
    ("exosome_composition_refs", "Fig. 1b", "notebooks/06_figure1", None),
    ("biogenesis_regulator_refs", "Fig. 2", "notebooks/07_figure2", None),
]


def cited_in(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per (reference, place): ref_id, kind, place (a row or finding id, or the
    figure), page (the book page, without .html). Figures count once per reference; rows are
    sorted by reference, then in the order of PLACES, then by place."""
    parts = []
    for rank, (table, kind, page, column) in enumerate(PLACES):
        links = load(table, data_dir)
        place = links[column] if column else pd.Series(kind, index=links.index)
        parts.append(
            pd.DataFrame(
                {
                    "ref_id": links["ref_id"].astype(int),
                    "kind": kind,
                    "place": place.astype(str),
                    "page": page,
                    "_rank": rank,
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True).drop_duplicates()
    frame = frame.sort_values(["ref_id", "_rank", "place"], kind="stable")
    return frame.drop(columns="_rank").reset_index(drop=True)


def reference_finder(
    refs: pd.DataFrame, citations: pd.DataFrame, places: pd.DataFrame
) -> pd.DataFrame:
    """One row per reference, to search: ``ref_id``, ``authors`` (as the list prints them, with
    "et al." where it cuts them short), ``year`` ("" where the list gives none), ``title``,
    ``journal`` (or the book a chapter is in), ``cited_in_review`` (the sections and tables
    that cite it, '; '-joined in the order the review first cites it there) and ``n_places``
    (how many rows, findings and figures of this book cite it).

    ``refs``: the reference list (``load("references")``); ``citations``: ref_id, source_line,
    section of every citation in the text and in Tables 1-5; ``places``: :func:`cited_in`.
    """
    order = citations.sort_values(["source_line", "section"], kind="stable")
    where = (
        order.drop_duplicates(["ref_id", "section"])
        .groupby("ref_id", sort=False)["section"]
        .agg("; ".join)
    )
    counts = places.groupby("ref_id").size()
    ids = refs["ref_id"].astype(int)
    et_al = refs["has_et_al"].fillna(False).astype(bool)
    return pd.DataFrame(
        {
            "ref_id": ids,
            "authors": refs["authors"].where(~et_al, refs["authors"] + " et al."),
            "year": refs["year"].astype("string").fillna(""),
            "title": refs["title"],
            "journal": refs["journal"].where(refs["journal"] != "", refs["book_title"]),
            "cited_in_review": ids.map(where).fillna(""),
            "n_places": ids.map(counts).fillna(0).astype(int),
        }
    ).reset_index(drop=True)
