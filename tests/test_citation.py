"""CITATION.cff: valid (cffconvert), the same version as the data package, the review cited
with what its text gives and nothing more; the citations the book shows are made from it."""

import json
import re
import subprocess

import pybtex.database
import pytest

from exobone.data import paths
from exobone.publish import citation

CFFCONVERT = paths.PROJECT_ROOT / ".venv-cite" / "bin" / "cffconvert"


@pytest.fixture(scope="module")
def cff():
    return citation.read_citation()


def test_cffconvert_validates_the_citation_file():
    if not CFFCONVERT.is_file():
        pytest.fail("cffconvert lives in its own environment: run make cite-check first")
    run = subprocess.run(
        [str(CFFCONVERT), "--validate", "-i", str(paths.CITATION_FILE)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "valid according to schema version 1.2.0" in run.stdout


def test_an_invalid_citation_file_is_refused(tmp_path):
    if not CFFCONVERT.is_file():
        pytest.fail("cffconvert lives in its own environment: run make cite-check first")
    bad = tmp_path / "CITATION.cff"
    text = paths.CITATION_FILE.read_text(encoding="utf-8")
    bad.write_text(text.replace('date-released: "', 'date-released: "released '), "utf-8")
    run = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(bad)], capture_output=True)
    assert run.returncode != 0


def test_the_book_and_its_data_package_carry_one_version(cff):
    package = json.loads((paths.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
    assert str(cff["version"]) == package["version"]


def test_code_and_data_licences_are_both_named(cff):
    assert cff["license"] == ["MIT", "CC-BY-4.0"]


def test_the_review_is_cited_with_the_authors_and_dates_its_text_gives(cff):
    lines = paths.SOURCE_TEXT.read_text(encoding="utf-8").splitlines()
    byline = re.sub(r"<sup>.*?</sup>", "", lines[6]).replace(" and ", ", ")
    names = [n.strip() for n in byline.split(",")]
    review = citation.review(cff)
    assert [f"{a['given-names']} {a['family-names']}" for a in review["authors"]] == names
    assert lines[4] == f"# {review['title']}"
    assert "Published online: 25 January 2024" in lines[445]
    assert review["date-published"] == "2024-01-25" and review["year"] == 2024


def test_journal_and_doi_of_the_review_stay_empty_and_are_named_as_missing(cff):
    review = citation.review(cff)
    assert "journal" not in review and "doi" not in review
    assert citation.review_missing(cff) == ["Journal", "DOI"]
    text = citation.review_citation(cff)
    assert text.startswith("Wang P, Shao W, Li Z, Wang B, Lv X, Huang Y, Feng Y. Non-bone")
    assert "doi" not in text.lower()


def test_a_journal_and_doi_once_known_enter_the_review_citation():
    cff = {
        "references": [
            {
                "authors": [{"family-names": "Doe", "given-names": "Jane Ann"}],
                "title": "A title",
                "year": 2020,
                "journal": "J Test",
                "doi": "10.1/x",
            }
        ]
    }
    assert citation.review_citation(cff) == "Doe JA. A title. J Test. 2020. doi:10.1/x"
    assert citation.review_missing(cff) == []


def test_the_book_bibtex_parses_and_has_the_address_only_when_one_is_set(cff):
    plain = pybtex.database.parse_string(citation.book_bibtex(cff), "bibtex")
    ((key, entry),) = plain.entries.items()
    assert key == f"exobone-book-{cff['version']}" and entry.type == "misc"
    assert entry.fields["version"] == str(cff["version"]) and "url" not in entry.fields
    assert [str(p) for p in entry.persons["author"]] == ["{Evidence-book team}"]
    url = "https://git.example.net/team/book"
    with_url = pybtex.database.parse_string(citation.book_bibtex(cff, url), "bibtex")
    assert with_url.entries[key].fields["url"] == url
    assert citation.book_citation(cff, url).endswith(f"(version {cff['version']}). {url}")
    assert "http" not in citation.book_citation(cff)
