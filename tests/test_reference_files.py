"""The review's references for reference managers: .bib and .ris with the same entries and keys,
and the references a page cites read from that page (links, packed interactive rows)."""

import pandas as pd
import pybtex.database
import rispy

from exobone.data.load import load
from exobone.parse.references import to_bibtex
from exobone.publish.reference_files import to_ris, write_reference_files
from exobone.render.interactive import packed_rows
from exobone.sphinxext.references import _numbers_in_html


def test_ris_and_bib_hold_the_213_references_with_the_same_keys():
    frame = load("references")
    ris = rispy.loads(to_ris(frame))
    bib = pybtex.database.parse_string(to_bibtex(frame), "bibtex")
    assert len(ris) == 213 and len(bib.entries) == 213
    assert [e["id"] for e in ris] == list(bib.entries.keys())
    assert ris[0]["id"] == "ref001" and ris[-1]["id"] == "ref213"


def _two_rows() -> pd.DataFrame:
    row = dict.fromkeys(
        ["journal", "book_title", "editors", "publisher", "place", "volume", "issue"], ""
    )
    return pd.DataFrame(
        [
            {
                **row,
                "ref_id": 2,
                "entry_type": "incollection",
                "authors": "Colombo M, Thery C",
                "has_et_al": True,
                "title": "Biogenesis of\nexosomes",
                "book_title": "Annu Rev",
                "editors": "Schekman R",
                "publisher": "Annual Reviews",
                "place": "Palo Alto",
                "year": 2014,
                "pages": "255–89",
                "source_line": 466,
            },
            {
                **row,
                "ref_id": 1,
                "entry_type": "article",
                "authors": "Hunter DJ",
                "has_et_al": False,
                "title": "Osteoarthritis",
                "journal": "Lancet",
                "year": 2019,
                "volume": "393",
                "pages": "1745-59",
                "source_line": 450,
            },
        ]
    )


def test_ris_entries_keep_what_the_review_prints_and_nothing_more():
    first, second = rispy.loads(to_ris(_two_rows()))
    assert first == {
        "type_of_reference": "JOUR",
        "id": "ref001",
        "authors": ["Hunter, DJ"],
        "title": "Osteoarthritis",
        "journal_name": "Lancet",
        "year": "2019",
        "volume": "393",
        "start_page": "1745-59",
        "notes": ["Reference 1 of Wang et al. 2024 (line 450 of its text)"],
    }
    assert second["type_of_reference"] == "CHAP" and second["title"] == "Biogenesis of exosomes"
    assert second["secondary_title"] == "Annu Rev" and second["secondary_authors"] == [
        "Schekman, R"
    ]
    assert second["notes"][0].endswith("(et al.)") and "end_page" not in second


def test_a_page_file_holds_only_the_references_that_page_cites(tmp_path):
    written = write_reference_files(tmp_path, {"notebooks/01_x": [63, 1], "book/intro": [5]})
    bib = pybtex.database.parse_file(written["01_x.bib"])
    assert list(bib.entries) == ["ref001", "ref063"]
    assert list(pybtex.database.parse_file(written["intro.bib"]).entries) == ["ref005"]
    assert len(rispy.loads(written["references.ris"].read_text(encoding="utf-8"))) == 213


def test_cited_references_are_found_in_links_and_in_packed_table_rows():
    rows = '[["a", "[<a href=\\"../book/references.html#cite-ref063\\">63</a>]"]]'
    html = (
        '<p><a href="../book/references.html#cite-ref007">7</a></p>'
        f'<table data-rows="{packed_rows(rows)}"></table>'
        '<a href="#cite-ref0099">not a reference number</a>'
    )
    assert _numbers_in_html(html) == {7, 63}
