"""After a build, the edits that left the book stale before (issue 20, 21) reach every page and
download on the next `make book` (slow: rebuilds the hostile copy once)."""

import io
import re
import zipfile

import openpyxl
import pytest
from bs4 import BeautifulSoup

from tests.never_stale import DESCRIPTION_MARK, HAND_EDITED, PLANTED, README_MARK

pytestmark = pytest.mark.build


def test_an_edited_column_description_reaches_the_data_page(rebuilt_book):
    html, _ = rebuilt_book
    page = BeautifulSoup((html / "book" / "data.html").read_text("utf-8"), "html.parser")
    columns = page.select_one("section#flat-columns")
    assert DESCRIPTION_MARK in " ".join(columns.get_text().split())


def test_an_edited_column_description_reaches_the_workbook(rebuilt_book):
    html, _ = rebuilt_book
    book = openpyxl.load_workbook(html / "downloads" / "findings_flat.xlsx")
    cells = [c.value for row in book["data dictionary"].iter_rows() for c in row]
    assert DESCRIPTION_MARK in cells


def test_a_line_added_to_the_data_readme_reaches_the_zip(rebuilt_book):
    html, _ = rebuilt_book
    data = (html / "downloads" / "exobone-evidence-data.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        readme = zf.read("exobone-evidence-data/README.md").decode("utf-8")
    assert README_MARK in readme


def test_an_output_edited_by_hand_is_executed_again_before_the_book_uses_it(rebuilt_book):
    html, log = rebuilt_book
    stem = HAND_EDITED.split("/")[-1].removesuffix(".ipynb")
    assert re.search(rf"{stem}[^;]*: its stored outputs differ", log), log
    page = (html / "notebooks" / f"{stem}.html").read_text("utf-8")
    assert "qzplanted" not in page
    assert PLANTED.strip() not in page


def test_the_summary_names_what_the_site_was_built_for(rebuilt_book):
    _, log = rebuilt_book
    last = log.strip().splitlines()[-1]
    # the findings-table chapter imports the export's column descriptions; the site is built
    # because files it is made from changed (the first one named, in path order)
    assert "04_findings_table: exobone/compute/flat.py changed" in last, last
    assert re.search(r"; site built \(data/README\.md changed and \d+ more\); ", last), last
