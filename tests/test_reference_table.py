"""The references as one searchable table, on handmade frames: who, when, where the review
cites each one, and links back to the rows, findings and figures of this book built on it."""

import pandas as pd
from bs4 import BeautifulSoup

from exobone.compute.cited_in import reference_finder
from exobone.render.reference_table import COLUMNS, place_links, references_table
from tests.test_interactive import _rows

REFS = pd.DataFrame(
    {
        "ref_id": pd.array([1, 2, 3], dtype="Int64"),
        "authors": ["Kang MY, Huang CC", "Li A", "Wu B, Zhou C"],
        "has_et_al": pd.array([True, False, pd.NA], dtype="boolean"),
        "title": ["Bone <b>regeneration</b>", "A chapter", "Untitled"],
        "journal": ["Bone", "", "J X"],
        "book_title": ["", "Exosomes in health", ""],
        "year": pd.array([2020, 2019, pd.NA], dtype="Int64"),
    }
)
CITATIONS = pd.DataFrame(
    {
        "ref_id": [1, 1, 1, 2],
        "source_line": [120, 40, 130, 60],
        "section": ["Macrophages", "Table 1", "Macrophages", "Overview"],
    }
)
PLACES = pd.DataFrame(
    {
        "ref_id": [1, 1, 1, 2],
        "kind": ["table row", "table row", "finding", "Fig. 1b"],
        "place": ["T1-01", "T1-02", "F-T1-01", "Fig. 1b"],
        "page": [
            "notebooks/01_review_tables",
            "notebooks/01_review_tables",
            "notebooks/03_evidence_by_source",
            "notebooks/06_figure1",
        ],
    }
)


def test_one_row_per_reference_with_where_the_review_cites_it_in_its_order():
    finder = reference_finder(REFS, CITATIONS, PLACES)
    assert finder.to_dict("records") == [
        {
            "ref_id": 1,
            "authors": "Kang MY, Huang CC et al.",
            "year": "2020",
            "title": "Bone <b>regeneration</b>",
            "journal": "Bone",
            "cited_in_review": "Table 1; Macrophages",
            "n_places": 3,
        },
        {
            "ref_id": 2,
            "authors": "Li A",
            "year": "2019",
            "title": "A chapter",
            "journal": "Exosomes in health",
            "cited_in_review": "Overview",
            "n_places": 1,
        },
        {
            "ref_id": 3,
            "authors": "Wu B, Zhou C",
            "year": "",
            "title": "Untitled",
            "journal": "J X",
            "cited_in_review": "",
            "n_places": 0,
        },
    ]


def test_places_link_to_their_rows_findings_and_figures():
    soup = BeautifulSoup(place_links(PLACES[PLACES["ref_id"] == 1]), "html.parser")
    assert [(a.get_text(), a["href"]) for a in soup.find_all("a")] == [
        ("T1-01", "01_review_tables.html#row-t1-01"),
        ("T1-02", "01_review_tables.html#row-t1-02"),
        ("F-T1-01", "03_evidence_by_source.html#finding-f-t1-01"),
    ]
    assert soup.get_text() == "table rows T1-01, T1-02 · finding F-T1-01"
    figure = BeautifulSoup(place_links(PLACES[PLACES["ref_id"] == 2]), "html.parser")
    assert [(a.get_text(), a["href"]) for a in figure.find_all("a")] == [
        ("Fig. 1b", "06_figure1.html")
    ]


def test_the_table_links_titles_to_the_bibliography_and_escapes_them():
    rows = _rows(references_table(reference_finder(REFS, CITATIONS, PLACES), PLACES))
    assert len(rows) == 3 and all(len(r) == len(COLUMNS) for r in rows)
    title = BeautifulSoup(rows[0][3], "html.parser").a
    assert title["href"] == "../book/references.html#cite-ref001"
    assert title.get_text() == "Bone <b>regeneration</b>"  # shown as text, not bold
    assert "<b>" not in rows[0][3]
    sections = BeautifulSoup(rows[0][5], "html.parser").find_all("button")
    assert [b["data-value"] for b in sections] == ["Table 1", "Macrophages"]
    assert rows[2][6] == ""  # cited nowhere in this book
