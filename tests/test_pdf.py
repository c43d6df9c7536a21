"""The book as one PDF (build: needs the built book; `python -m exobone pdf` is run if the PDF is
not up to date). pdfinfo, pdftotext and pdffonts come from Debian's poppler-utils."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from exobone.data import paths
from exobone.publish import pdf, pdf_document
from tests.test_book import rendered_tables

A4_WIDTH, A4_HEIGHT = 595.3, 842.0


def _poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def book_pdf() -> Path:
    assert (paths.BUILD_HTML / "book" / "intro.html").is_file(), "build the book first: make book"
    subprocess.run([sys.executable, "-m", "exobone", "pdf"], check=True)
    return paths.BUILD_PDF / pdf.PDF_NAME


@pytest.fixture(scope="module")
def text(book_pdf) -> str:
    return " ".join(_poppler("pdftotext", str(book_pdf), "-").split())


def _chapter_titles() -> list[str]:
    titles = []
    for item in pdf_document.book_plan(paths.BUILD_HTML):
        soup = BeautifulSoup((paths.BUILD_HTML / item["path"]).read_text("utf-8"), "html.parser")
        titles.append(soup.select_one("article h1").get_text().replace("#", "").strip())
    return titles


@pytest.mark.build
def test_pdfinfo_shows_pages_the_title_and_a_tagged_pdf(book_pdf):
    info = dict(
        line.split(":", 1)
        for line in _poppler("pdfinfo", str(book_pdf)).splitlines()
        if ":" in line
    )
    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text("utf-8"))
    assert info["Title"].strip() == config["title"]
    assert int(info["Pages"]) > 50 and info["Tagged"].strip() == "yes"
    assert book_pdf.stat().st_size < 15e6


@pytest.mark.build
def test_the_text_holds_every_chapter_every_table_and_figure_and_each_row(text):
    for title in _chapter_titles():
        assert " ".join(title.split()) in text, title
    for name in [f"Table {n}" for n in range(1, 6)] + [f"Figure {n}" for n in range(1, 4)]:
        assert name in text
    tables = rendered_tables(paths.BUILD_HTML / "notebooks" / "01_review_tables.html")
    rows = [row for number in sorted(tables) for row in tables[number]]
    assert len(rows) == 54
    for row in rows:
        assert " ".join(row[0].split()) in text, row


@pytest.mark.build
def test_title_page_has_version_and_dates_and_no_placeholder_address(book_pdf, text):
    first = _poppler("pdftotext", "-f", "1", "-l", "1", str(book_pdf), "-")
    assert "Version 1.0.0, released" in first and "printed from the HTML book on" in first
    assert "REPLACE-WITH" not in text and "@REPOSITORY_URL@" not in text
    assert "example.org" not in text


@pytest.mark.build
def test_interactive_tables_print_in_full_and_code_stays_hidden(text):
    findings = (paths.DATA_DIR / "evidence" / "findings.csv").read_text("utf-8").splitlines()
    ids = [line.split(",", 1)[0] for line in findings[1:]]
    assert f"Printed in full ({len(ids)} rows)" in text
    assert all(finding in text for finding in ids)
    assert "notebooks/04_findings_table.html" in text
    assert "Hide code cell source" not in text and "import " not in text


@pytest.mark.build
def test_every_font_is_embedded_and_figures_are_vector(book_pdf):
    fonts = _poppler("pdffonts", str(book_pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    images = _poppler("pdfimages", "-list", str(book_pdf)).splitlines()[2:]
    assert images == []  # every figure is drawn as vectors, none as a picture


@pytest.mark.build
def test_outline_has_the_parts_and_one_entry_per_chapter_in_book_order(book_pdf):
    from pypdf import PdfReader

    outline = PdfReader(book_pdf).outline
    plan, titles = pdf_document.book_plan(paths.BUILD_HTML), _chapter_titles()
    parts = list(dict.fromkeys(item["part"] for item in plan if item["part"]))
    top = [entry.title for entry in outline if not isinstance(entry, list)]
    assert top == [titles[0], *parts]
    chapters = [
        child.title
        for i, entry in enumerate(outline)
        if isinstance(entry, list) and outline[i - 1].title in parts
        for child in entry
        if not isinstance(child, list)
    ]
    assert chapters == titles[1:]


@pytest.mark.build
def test_no_page_is_wider_than_a4_and_no_word_runs_past_the_right_margin(book_pdf):
    boxes = _poppler("pdftotext", "-bbox", str(book_pdf), "-")
    for number, page in enumerate(boxes.split("<page ")[1:], start=1):
        width, height = (
            float(x) for x in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups()
        )
        assert width <= A4_WIDTH and height <= A4_HEIGHT + 1, number
        right = [
            float(x) for x in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', page)
        ]
        assert max(right, default=0) <= width - 30, f"page {number}: text in the right margin"


def test_the_pdf_is_stale_when_a_built_page_or_the_pdf_changes_and_fresh_otherwise(tmp_path):
    from exobone.pipeline import book, freshness

    page = tmp_path / "_build" / "html" / "book" / "intro.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>one</p>", "utf-8")
    (tmp_path / "_config.yml").write_text("title: t\n")
    out = tmp_path / "_build" / "pdf" / pdf.PDF_NAME
    assert book.pdf_reasons(tmp_path)[1] == ["never built here (no record)"]
    out.parent.mkdir(parents=True)
    out.write_bytes(b"%PDF-1.7")
    freshness.write_record(
        tmp_path, "pdf", book.pdf_reasons(tmp_path)[0], freshness.digest(b"%PDF-1.7")
    )
    assert book.pdf_reasons(tmp_path)[1] == []
    page.write_text("<p>two</p>", "utf-8")
    assert book.pdf_reasons(tmp_path)[1] == ["_build/html/book/intro.html changed"]
    page.write_text("<p>one</p>", "utf-8")
    out.write_bytes(b"")  # a truncated PDF
    assert book.pdf_reasons(tmp_path)[1] == ["the output was changed or damaged since it was made"]


def test_book_order_and_parts_come_from_the_built_navigation(tmp_path):
    nav = (
        '<nav class="bd-docs-nav"><ul><li class="toctree-l1"><a class="reference internal" '
        'href="#">Home</a></li></ul><p class="caption"><span>Part A</span></p><ul>'
        '<li class="toctree-l1"><a class="reference internal" href="../notebooks/01_x.html">X</a>'
        '</li><li class="toctree-l1"><a class="reference internal" href="data.html">D</a></li>'
        '</ul><p class="caption"><span>Part B</span></p><ul><li class="toctree-l1">'
        '<a class="reference internal" href="references.html">R</a></li></ul></nav>'
    )
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.html").write_text(nav, "utf-8")
    assert pdf_document.book_plan(tmp_path) == [
        {"path": "book/intro.html", "part": ""},
        {"path": "notebooks/01_x.html", "part": "Part A"},
        {"path": "book/data.html", "part": "Part A"},
        {"path": "book/references.html", "part": "Part B"},
    ]


def test_the_title_page_names_the_repository_only_when_one_is_set():
    facts = {
        "title": "A <book>",
        "author": "Team",
        "version": "1.2.3",
        "released": "2026-01-02",
        "built": "2026-02-03",
        "repository": "",
        "base": "",
    }
    page = pdf_document._title_page(facts)
    assert "A &lt;book&gt;" in page and "Version 1.2.3, released 2026-01-02" in page
    assert "href" not in page and "Source" not in page
    url = "https://git.example.net/team/book"
    page = pdf_document._title_page({**facts, "repository": url})
    assert f'Source: <a href="{url}">{url}</a>' in page
