"""The built book: every table row rendered, and never stale (slow: builds the book)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exobone.data import paths
from exobone.data.errata import apply_errata
from exobone.data.load import load
from tests.conftest import edit_line

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


def _copy_project(target: Path) -> None:
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=paths.PROJECT_ROOT, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, tracked):
        src = paths.PROJECT_ROOT / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)


def test_editing_a_csv_changes_the_rebuilt_book(tmp_path):
    """Build a copy, edit a cell of table_rows.csv, build again (`make book`'s command): the
    new value is shown, only the chapters reading the file ran, and the output stays quiet."""
    project = tmp_path / "project"
    _copy_project(project)
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    book = [sys.executable, "-m", "exobone.build.book", "--root", str(project)]
    first = subprocess.run(book, cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.splitlines()[-1].startswith("book: 0 notebooks executed; ")
    edit_line(
        project / "data" / "review" / "table_rows.csv", 2, "BMSC,-,Activate", "BMSC,-,Zzedited"
    )
    second = subprocess.run(book, cwd=project, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stdout + second.stderr
    output = second.stdout + second.stderr
    assert "will overwrite data" not in output
    assert "without encryption" not in output
    # the review tables, evidence, errata and glossary chapters read table_rows.csv
    assert re.fullmatch(
        r"book: 4 notebooks executed \(01_review_tables, 03_evidence_by_source, 10_errata, "
        r"11_glossary: data/review/table_rows\.csv changed\); "
        r"[1-9]\d* pages written; \d+\.\d s; open .*_build/html/index\.html",
        second.stdout.splitlines()[-1],
    )
    html = (project / "_build" / "html" / "notebooks" / "01_review_tables.html").read_text(
        encoding="utf-8"
    )
    assert "Zzedited the BMP-2/Smad1/RUNX2" in html
    assert "Activate the BMP-2/Smad1/RUNX2" not in html


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
    html = (paths.BUILD_HTML / "notebooks" / "05_figure1.html").read_text(encoding="utf-8")
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
        (paths.BUILD_HTML / "notebooks" / "11_glossary.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    ids = {dt.get("id") for dt in glossary.select("dl.glossary dt")}
    links = soup.select('a[href^="11_glossary.html#term-"]')
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
