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


def test_the_repository_address_is_one_setting_shown_on_the_introduction_and_in_the_readme():
    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["sphinx"]["config"]["exobone_repository_url"]
    assert re.match(r"https?://", url)
    intro = _soup("book/intro.html")
    assert url in [a.get("href") for a in intro.select("article a")]
    assert f"git clone {url}" in intro.get_text()
    assert "@REPOSITORY_URL@" not in str(intro)
    assert url in (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
