"""The built book's links from data: bibliography back-links, repository address (build)."""

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from exobone.compute.cited_in import cited_in
from exobone.data import paths

pytestmark = pytest.mark.build


def _soup(rel: str) -> BeautifulSoup:
    page = paths.BUILD_HTML / rel
    assert page.is_file(), "build the book first: make book"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_every_bibliography_entry_links_back_to_each_place_that_cites_it():
    soup = _soup("book/references.html")
    places = cited_in()
    targets: dict[str, BeautifulSoup] = {}
    for ref_id, group in places.groupby("ref_id"):
        entry = soup.select_one(f"div.citation#cite-ref{ref_id:03d}")
        links = entry.select("p.cited-in a")
        assert sorted(a.get_text() for a in links) == sorted(group["place"]), ref_id
        for a in links:
            page, _, anchor = a["href"].partition("#")
            rel = str(Path("book", page).resolve().relative_to(Path("book").resolve().parent))
            if rel not in targets:
                targets[rel] = _soup(rel)
            if anchor:
                assert targets[rel].find(id=anchor) is not None, a["href"]


def test_the_repository_address_is_one_setting_and_no_page_shows_a_placeholder():
    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["sphinx"]["config"]["exobone_repository_url"]
    assert url == "" or re.match(r"https?://", url)
    assert "example.org" not in url and "REPLACE" not in url
    for page in paths.BUILD_HTML.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "@REPOSITORY_URL@" not in text and "REPLACE-WITH" not in text, page
    intro = _soup("book/intro.html")
    if url:
        assert url in [a.get("href") for a in intro.select("article a")]
        assert f"git clone {url}" in intro.get_text()
    else:
        assert "git clone" not in intro.get_text()
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "git clone REPOSITORY-ADDRESS" in readme and "example.org" not in readme


def test_the_introduction_shows_how_to_cite_the_book_and_the_review_from_citation_cff():
    from exobone.publish import citation

    cff = citation.read_citation()
    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["sphinx"]["config"]["exobone_repository_url"]
    intro = _soup("book/intro.html")
    section = intro.find(id="how-to-cite")
    text = " ".join(section.get_text().split())
    assert citation.book_citation(cff, url) in text
    assert citation.review_citation(cff) in text
    assert "Journal and DOI: not given in the review" in text
    bibtex = section.select_one("div.highlight-bibtex").get_text()
    assert bibtex.strip() == citation.book_bibtex(cff, url).strip()
    link = section.find("a", string="CITATION.cff")
    assert (paths.BUILD_HTML / "book" / link["href"]).resolve().read_text(encoding="utf-8") == (
        paths.CITATION_FILE.read_text(encoding="utf-8")
    )


def test_reference_files_are_linked_from_the_references_and_data_pages():
    import pybtex.database
    import rispy

    refs = _soup("book/references.html")
    links = {
        a.get_text(): a["href"] for a in refs.select("#for-your-reference-manager a.download-link")
    }
    assert {"references.bib", "references.ris", "01_review_tables.bib"} <= set(links)
    ris = (paths.BUILD_HTML / "book" / links["references.ris"]).resolve()
    bib = (paths.BUILD_HTML / "book" / links["references.bib"]).resolve()
    entries = rispy.loads(ris.read_text(encoding="utf-8"))
    keys = list(pybtex.database.parse_file(bib).entries)
    assert len(entries) == 213 and [e["id"] for e in entries] == keys
    # Table 1-5 rows cite 54 rows' references: the chapter's file holds exactly those
    from exobone.data.load import load

    row_refs = sorted(set(load("table_row_refs")["ref_id"].astype(int)))
    chapter = (paths.BUILD_HTML / "book" / links["01_review_tables.bib"]).resolve()
    assert list(pybtex.database.parse_file(chapter).entries) == [f"ref{n:03d}" for n in row_refs]
    data_links = [a["href"] for a in _soup("book/data.html").select("a.download-link")]
    assert "../downloads/references/references.ris" in data_links
