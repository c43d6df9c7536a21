"""Tests for exobone.citations: handmade lines, then facts checked by reading review.txt."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from exobone.data import paths
from exobone.data.load import load
from exobone.parse.citations import (
    expand,
    heading_text,
    parse_citations,
    refs_cited_in_data,
    resources_citing,
    review_citations,
    review_suspicious_brackets,
    suspicious_brackets,
    table_citations,
)
from exobone.render.markdown import cite

# --- handmade lines (invented text) ----------------------------------------------------------

HANDMADE = [
    "# A made-up title",  # 1
    "",  # 2
    "#### **First part**",  # 3
    "Widgets spin [3]. Gadgets too [1, 2] and more [4-6].",  # 4
    "Cell Source\tCargo\tReference",  # 5: tab-separated table line, skipped
    "Widget\t-\t[99]",  # 6: table row, skipped
    "#### Table 7 A caption that is a heading",  # 7: not a section
    "The first part goes on [7–9, 12] and [3].",  # 8
    "### Second *part*",  # 9
    "Repeated [5, 5] and [10 – 11] and [20;21] and [ 22 ].",  # 10
    "#### Abbreviations",  # 11
    "ABC [13] is skipped here",  # 12: abbreviation list, skipped
    "#### **Merged heading** Middle one *Deepest one*",  # 13
    "Text of the deepest [14], not a citation [a] or [x2].",  # 14
    "#### References",  # 15: end of the body
    "- 1. Doe J. Title [15]. J Fake. 2001;1:1-2.",  # 16: after the body, ignored
]


def expected(rows: list[tuple[int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=["ref_id", "source_line", "section"]).astype(
        {"ref_id": "int64", "source_line": "int64", "section": "str"}
    )


def test_parse_handmade_lines():
    got = parse_citations(HANDMADE)
    want = expected(
        [
            (1, 4, "First part"),
            (2, 4, "First part"),
            (3, 4, "First part"),
            (4, 4, "First part"),
            (5, 4, "First part"),
            (6, 4, "First part"),
            (3, 8, "First part"),
            (7, 8, "First part"),
            (8, 8, "First part"),
            (9, 8, "First part"),
            (12, 8, "First part"),
            (5, 10, "Second part"),
            (10, 10, "Second part"),
            (11, 10, "Second part"),
            (20, 10, "Second part"),
            (21, 10, "Second part"),
            (22, 10, "Second part"),
            (14, 14, "Deepest one"),
        ]
    )
    pd.testing.assert_frame_equal(got, want)


def test_first_line_offsets_line_numbers_and_text_before_a_heading_has_no_section():
    got = parse_citations(["Before any heading [2].", "## H", "After [1]."], first_line=100)
    pd.testing.assert_frame_equal(got, expected([(2, 100, ""), (1, 102, "H")]))


def test_no_citation_gives_an_empty_frame_with_the_columns():
    got = parse_citations(["## H", "nothing cited"])
    assert list(got.columns) == ["ref_id", "source_line", "section"] and got.empty


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        ("16", [16]),
        ("17, 18", [17, 18]),
        ("37-39", [37, 38, 39]),
        ("87–91", [87, 88, 89, 90, 91]),
        ("6, 11, 17, 36", [6, 11, 17, 36]),
        ("24, 27–29", [24, 27, 28, 29]),
        ("5 — 6", [5, 6]),
    ],
)
def test_expand(body, ids):
    assert expand(body) == ids


def test_backward_range_is_an_error_naming_the_line():
    with pytest.raises(ValueError, match="line 7"):
        parse_citations(["## H"] * 6 + ["bad [39-37]"])


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("#### **Overview of things**", "Overview of things"),
        ("### Plain  heading ", "Plain heading"),
        ("#### **A** B *C (c-d)*", "C (c-d)"),
        ("#### **A** *B* continues", "B continues"),
        ("### Effects of *in vivo* work", "Effects of in vivo work"),
        ("not a heading", None),
        ("#hashtag", None),
    ],
)
def test_heading_text(line, text):
    assert heading_text(line) == text


def test_suspicious_brackets_finds_numbered_brackets_that_are_not_citations():
    got = suspicious_brackets(["## H", "ok [1] bad [1O] and [x2] but [a] is fine", "\t[l2]"])
    assert got.to_dict("records") == [
        {"source_line": 2, "text": "[1O]"},
        {"source_line": 2, "text": "[x2]"},
    ]


# --- the real review (facts checked by reading data/source/review.txt) ------------------------


@pytest.fixture(scope="module")
def cites() -> pd.DataFrame:
    return review_citations()


@pytest.fixture(scope="module")
def text_lines() -> list[str]:
    return paths.SOURCE_TEXT.read_text(encoding="utf-8").split("\n")


def test_citation_of_16_is_in_overview_of_exosomes_on_line_41(cites):
    rows = cites[cites["ref_id"] == 16]
    assert rows.to_dict("records") == [
        {"ref_id": 16, "source_line": 41, "section": "Overview of exosomes"},
        {"ref_id": 16, "source_line": 314, "section": "Summary and outlook"},
    ]


def test_range_87_to_91_expands_to_five_refs_on_line_137(cites, text_lines):
    assert "[87–91]" in text_lines[137 - 1]
    on_137 = cites[cites["source_line"] == 137]
    assert set(range(87, 92)) <= set(on_137["ref_id"])
    assert set(on_137["section"]) == {"Exosomes derived from macrophages"}


def test_hyphen_and_en_dash_ranges_on_lines_57_63_318(cites):
    # line 57: [24–26] [24, 27–29] [26] [24] [30] [25, 31]; 24 and 26 appear more than once
    assert cites.loc[cites["source_line"] == 57, "ref_id"].tolist() == list(range(24, 32))
    # line 63: [35] [6, 11, 17, 36] [37-39]
    assert cites.loc[cites["source_line"] == 63, "ref_id"].tolist() == [
        6,
        11,
        17,
        35,
        36,
        37,
        38,
        39,
    ]
    # line 318: [24, 27-29] [211]
    assert cites.loc[cites["source_line"] == 318, "ref_id"].tolist() == [24, 27, 28, 29, 211]


def test_text_after_a_table_continues_the_section_before_it(cites):
    # line 94 continues the biogenesis text that Table 1 (heading on line 73) interrupts
    assert set(cites.loc[cites["source_line"] == 94, "section"]) == {"Biogenesis of exosomes"}
    assert set(cites.loc[cites["source_line"] == 94, "ref_id"]) >= {52, 53}


def test_merged_heading_on_line_185_gives_the_ucmsc_section(cites):
    section = "Exosomes derived from umbilical cord-derived mesenchymal stem cells (ucMSC-exos)"
    assert set(cites.loc[cites["source_line"].between(186, 209), "section"]) == {section}


def test_body_only_no_table_rows_no_reference_list(cites):
    assert cites["source_line"].max() < 330  # nothing from the abbreviations or the list
    table_lines = set(range(76, 93)) | set(range(122, 130)) | set(range(166, 176))
    table_lines |= set(range(192, 199)) | set(range(229, 241))
    assert not set(cites["source_line"]) & table_lines


def test_every_reference_is_cited_in_the_body_or_a_table(cites):
    prose = set(cites["ref_id"])
    tables = set(table_citations()["ref_id"])
    assert prose | tables == set(range(1, 214))
    assert set(range(1, 214)) - prose == {124}  # cited only by Table 3 (line 168)


def test_every_numbered_bracket_in_the_body_is_a_citation():
    assert review_suspicious_brackets().empty


def test_table_citations_match_the_review_table_lines(text_lines):
    tc = table_citations()
    assert len(tc) == 54  # one reference per table row; T2-01 and T2-07 both cite [87]
    assert tc[tc["ref_id"] == 87].to_dict("records") == [
        {"ref_id": 87, "source_line": 122, "section": "Table 2"},
        {"ref_id": 87, "source_line": 128, "section": "Table 2"},
    ]
    for row in tc.itertuples(index=False):
        assert f"[{row.ref_id}]" in text_lines[row.source_line - 1]


def test_refs_cited_in_data_reads_every_resource_with_a_ref_id_column():
    names = resources_citing()
    assert "references" not in names
    assert {"table_row_refs", "exosome_composition_refs", "biogenesis_regulator_refs"} <= set(names)
    cited = refs_cited_in_data()
    for name in names:
        assert set(load(name)["ref_id"].dropna().astype(int)) <= cited
    assert 124 in cited and 63 in cited


def test_every_ref_id_cited_in_data_exists_in_the_reference_list():
    known = set(load("references")["ref_id"].astype(int))
    assert refs_cited_in_data() <= known
    # also CSVs under data/ that are not (yet) resources of the package
    for path in sorted(paths.DATA_DIR.rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if path.name == "references.csv" or not rows or "ref_id" not in rows[0]:
            continue
        ids = {int(r["ref_id"]) for r in rows if r["ref_id"] != ""}
        assert ids <= known, f"{path.relative_to(paths.DATA_DIR)}: {sorted(ids - known)}"


def test_cite_is_ascending_once_each_with_review_keys():
    assert cite([92, 87, 92]) == "{cite}`ref087,ref092`"
    assert cite([5]) == "{cite}`ref005`"
    assert cite([]) == ""
