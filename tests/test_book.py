"""The built book: every table row rendered, and never stale (slow: builds the book)."""

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exobone.data import paths
from exobone.data.load import apply_errata, load

pytestmark = pytest.mark.build


def rendered_tables(html_file: Path) -> dict[int, list[list[str]]]:
    """Table number -> rows of cell texts (erratum marks removed), from the built HTML."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    out = {}
    for table in soup.select("table.review-table"):
        for mark in table.select("sup.erratum-mark"):
            mark.decompose()
        number = int(table["id"].removeprefix("table-"))
        out[number] = [
            [td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")
        ]
    return out


def test_rendered_rows_equal_the_csv_rows():
    page = paths.BUILD_HTML / "notebooks" / "01_review_tables.html"
    assert page.is_file(), "build the book first: make book"
    tables = rendered_tables(page)
    rows, _ = apply_errata(load("table_rows"), "table_rows")
    refs = load("table_row_refs")
    assert sorted(tables) == [1, 2, 3, 4, 5]
    for number, rendered in tables.items():
        expected = rows[rows["table_no"] == number].sort_values("position")
        assert len(rendered) == len(expected)
        for cells, (_, row) in zip(rendered, expected.iterrows(), strict=True):
            ids = sorted(refs.loc[refs["row_id"] == row["row_id"], "ref_id"])
            assert cells == [
                row["cell_source"],
                row["exosome_cargo"],
                row["cargo_function"],
                row["role_in_bone"],
                "[" + ", ".join(map(str, ids)) + "]",
            ]


def test_editing_a_csv_changes_the_rebuilt_book(hostile_book):
    """The hostile copy (tests/hostile.py) edited table_rows.csv; the book rebuilt by `make
    book`'s steps shows each new cell in its row instead of the old one."""
    html, cells = hostile_book
    records = list(csv.reader(paths.DATA_DIR.joinpath("review", "table_rows.csv").open()))
    column = records[0].index("cargo_function")
    page = BeautifulSoup(
        (html / "notebooks" / "01_review_tables.html").read_text(encoding="utf-8"), "html.parser"
    )
    edited = [
        (records[int(marker[-3:])], text)
        for marker, (name, field, text) in cells.items()
        if (name, field) == ("table_rows", "cargo_function")
    ]
    assert len(edited) > 20
    for record, text in edited:
        row = page.select_one(f'tr[data-row-id="{record[0]}"]')
        shown = " ".join(row.find_all("td")[2].get_text().split())  # the cargo function column
        assert shown == " ".join(text.split()) != record[column]


def test_bibliography_lists_213_references_in_the_review_order():
    page = paths.BUILD_HTML / "book" / "references.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    entries = soup.select("div.citation")
    labels = [e.select_one("span.label").get_text(strip=True) for e in entries]
    assert labels == [f"[{n}]" for n in range(1, 214)]
    assert [e["id"] for e in entries] == [f"cite-ref{n:03d}" for n in range(1, 214)]
    refs = load("references").set_index("ref_id")
    # spot check: the entry text carries the first author and year of the CSV row
    for n in (1, 16, 17, 157, 213):
        text = entries[n - 1].get_text(" ", strip=True)
        assert refs.loc[n, "first_author_surname"] in text and str(refs.loc[n, "year"]) in text


def test_table_reference_links_resolve_to_bibliography_entries():
    page = paths.BUILD_HTML / "notebooks" / "01_review_tables.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    bib = BeautifulSoup(
        (paths.BUILD_HTML / "book" / "references.html").read_text(encoding="utf-8"), "html.parser"
    )
    ids = {e["id"] for e in bib.select("div.citation")}
    links = soup.select("table.review-table a.ref-link")
    assert len(links) == len(load("table_row_refs"))
    for a in links:
        target = a["href"].split("#")[1]
        assert target in ids and target == f"cite-ref{int(a.get_text()):03d}"


def test_figures_carry_the_review_numbers_not_automatic_ones():
    html = (paths.BUILD_HTML / "notebooks" / "06_figure1.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    captions = [c.get_text(" ", strip=True) for c in soup.select("figcaption")]
    assert [c.split(" ", 2)[:2] for c in captions] == [
        ["Fig.", "1a"],
        ["Fig.", "1b"],
        ["Fig.", "1c"],
    ]
    assert soup.select("span.caption-number") == []


def test_abbreviations_in_the_evidence_chapter_link_to_the_glossary():
    page = paths.BUILD_HTML / "notebooks" / "03_evidence_by_source.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    glossary = BeautifulSoup(
        (paths.BUILD_HTML / "notebooks" / "13_glossary.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    ids = {dt.get("id") for dt in glossary.select("dl.glossary dt")}
    links = soup.select('a[href^="13_glossary.html#term-"]')
    assert len(links) > 20
    assert {a["href"].split("#")[1] for a in links} <= ids


def test_numbers_on_the_introduction_page_come_from_the_data():
    soup = BeautifulSoup(
        (paths.BUILD_HTML / "book" / "intro.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = " ".join(soup.select_one("article").get_text(" ").split())
    tables, rows = len(load("review_tables")), len(load("table_rows"))
    assert f"{tables} tables of {rows} rows" in text
    assert f"list of {len(load('references'))} references" in text
    assert f"this book holds {len(load('findings'))} in all" in text


@pytest.mark.build
def test_make_book_prints_no_warning_to_ignore_and_ends_with_a_summary(hostile_book):
    """`make book` run as the "Add a study" chapter says, in the hostile copy: no known-harmless
    warning reaches the reader, and the last line says what ran, why, and where the book is."""
    from tests.hostile import COMMAND_LOG

    html, _ = hostile_book
    log = (html.parent / COMMAND_LOG).read_text(encoding="utf-8")
    make_book = log[log.index("$ make book") :]
    assert "without encryption" not in log
    assert "will overwrite data" not in log
    assert "WARNING" not in make_book
    last = make_book.strip().splitlines()[-1]
    assert re.fullmatch(
        r"book: \d+ notebooks? executed \(.*changed.*\); site built \(.+\); "
        r"\d+\.\d s; open .*_build/html/index\.html",
        last,
    ), last
