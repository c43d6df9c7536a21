"""Tests for exobone.bibliometrics: handmade frames with handmade expected values, then the data."""

from __future__ import annotations

import pandas as pd
import pytest

from exobone.compute import bibliometrics as bm
from exobone.data.load import load
from exobone.figures.style import wrapped
from exobone.parse.citations import refs_cited_in_data, review_citations
from exobone.render.markdown import refs_by_section_markdown

# --- handmade frames (invented references) ----------------------------------------------------


@pytest.fixture
def refs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ref_id": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="Int64"),
            "entry_type": ["article"] * 5 + ["incollection", "article"],
            "journal": ["J A", "J B", "J A", "J C", "J B", "", "J D"],
            "year": pd.array([2000, 2003, 2003, 2019, 2023, 2018, None], dtype="Int64"),
            "volume": ["1", "2", "", "4", "5", "", "7"],
            "issue": ["", "2", "", "", "", "", ""],
        }
    )


def test_year_distribution_fills_the_gaps_and_drops_the_yearless_row(refs):
    got = bm.year_distribution(refs)
    assert got["year"].tolist() == list(range(2000, 2024))
    counts = dict(zip(got["year"], got["n_refs"], strict=True))
    assert counts[2000] == 1 and counts[2001] == 0 and counts[2003] == 2
    assert counts[2018] == 1 and counts[2019] == 1 and counts[2023] == 1
    assert got["n_refs"].sum() == 6


def test_year_distribution_without_fill(refs):
    got = bm.year_distribution(refs, fill=False)
    assert got.to_dict("list") == {
        "year": [2000, 2003, 2018, 2019, 2023],
        "n_refs": [1, 2, 1, 1, 1],
    }


def test_year_range_and_median_age_ignore_the_yearless_row(refs):
    assert bm.year_range(refs) == (2000, 2023)
    # ages at 2024: 24, 21, 21, 5, 1, 6 -> sorted 1, 5, 6, 21, 21, 24 -> median (6 + 21) / 2
    assert bm.median_age(refs) == 13.5
    # ages at 2030: 30, 27, 27, 11, 7, 12 -> median (12 + 27) / 2
    assert bm.median_age(refs, publication_year=2030) == 19.5


def test_citations_per_section_in_review_order():
    citations = pd.DataFrame(
        {
            "ref_id": [5, 1, 2, 1, 3, 3],
            "source_line": [10, 20, 20, 21, 30, 31],
            "section": ["Intro", "Methods", "Methods", "Methods", "Intro again", "Intro again"],
        }
    )
    got = bm.citations_per_section(citations.iloc[::-1])  # input order must not matter
    assert got.to_dict("list") == {
        "section": ["Intro", "Methods", "Intro again"],
        "first_line": [10, 20, 30],
        "n_citations": [1, 3, 2],
        "n_refs": [1, 2, 1],
    }


def test_top_journals_sorts_by_count_then_name_and_keeps_ties(refs):
    # J A 2, J B 2, J C 1, J D 1; the chapter (empty journal) is not counted
    assert bm.top_journals(refs, 1).to_dict("list") == {
        "journal": ["J A", "J B"],
        "n_refs": [2, 2],
    }
    assert bm.top_journals(refs, 3).to_dict("list") == {
        "journal": ["J A", "J B", "J C", "J D"],
        "n_refs": [2, 2, 1, 1],
    }
    assert bm.top_journals(refs, 10)["journal"].tolist() == ["J A", "J B", "J C", "J D"]


def test_recent_share_by_table(refs):
    table_refs = pd.DataFrame(
        {
            "row_id": ["T1-01", "T1-02", "T1-03", "T1-04", "T2-01", "T2-02", "T2-03"],
            "ref_id": [1, 4, 4, 5, 2, 7, 6],
        }
    )
    got = bm.recent_share_by_table(refs, table_refs)
    # Table 1: refs 1 (2000), 4 (2019), 5 (2023); ref 4 counted once -> 2 of 3 recent
    # Table 2: refs 2 (2003), 7 (no year), 6 (2018) -> 0 of 2 with a year
    assert got[["table_no", "n_refs", "n_recent", "n_without_year"]].to_dict("list") == {
        "table_no": [1, 2],
        "n_refs": [3, 3],
        "n_recent": [2, 0],
        "n_without_year": [0, 1],
    }
    assert got["share_recent"].tolist() == pytest.approx([2 / 3, 0.0])
    # the window is inclusive at both ends: 2018-2019 catches refs 4 and 6
    wider = bm.recent_share_by_table(refs, table_refs, since=2018, until=2019)
    assert wider["n_recent"].tolist() == [1, 1]


def test_recent_share_is_missing_when_no_reference_has_a_year(refs):
    got = bm.recent_share_by_table(refs, pd.DataFrame({"row_id": ["T3-01"], "ref_id": [7]}))
    assert got["n_without_year"].tolist() == [1]
    assert got["share_recent"].isna().all()


def test_citation_coverage_statuses():
    got = bm.citation_coverage([4, 1, 2, 3], in_data={1, 4}, in_prose={1, 2})
    assert got.to_dict("list") == {
        "ref_id": [1, 2, 3, 4],
        "in_data": [True, False, False, True],
        "in_prose": [True, True, False, False],
        "status": [
            "cited in data",
            "cited only in prose",
            "not cited in the body",
            "cited in data",
        ],
    }


def test_sections_of_lists_each_section_once_per_reference_in_review_order():
    citations = pd.DataFrame(
        {
            "ref_id": [9, 2, 2, 2, 5],
            "source_line": [5, 12, 14, 30, 31],
            "section": ["Intro", "Body", "Body", "End", "End"],
        }
    )
    got = bm.sections_of(citations, [2, 5])
    assert got.to_dict("list") == {
        "section": ["Body", "End", "End"],
        "first_line": [12, 30, 30],
        "ref_id": [2, 2, 5],
    }


def test_empty_cells_and_counts(refs):
    cells = bm.empty_cells(refs)
    assert cells.to_dict("records") == [
        {"ref_id": 6, "column": "journal"},
        {"ref_id": 7, "column": "year"},
        {"ref_id": 3, "column": "volume"},
        {"ref_id": 6, "column": "volume"},
        *[{"ref_id": i, "column": "issue"} for i in (1, 3, 4, 5, 6, 7)],
    ]
    counts = bm.empty_counts(refs).set_index("column")
    assert counts.loc["issue"].tolist() == [6, 5, 1]  # n_empty, article, incollection
    assert counts.loc["year"].tolist() == [1, 1, 0]
    assert counts.loc["ref_id"].tolist() == [0, 0, 0]
    assert list(counts.columns) == ["n_empty", "n_empty_article", "n_empty_incollection"]


@pytest.mark.parametrize(
    ("ids", "text"),
    [
        ([], ""),
        ([4], "4"),
        ([1, 2], "1, 2"),
        ([3, 1, 2, 5, 8, 7, 9, 10], "1–3, 5, 7–10"),
        ([1, 1, 2, 3], "1–3"),
    ],
)
def test_id_ranges(ids, text):
    assert bm.id_ranges(ids) == text


# --- the review ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_refs() -> pd.DataFrame:
    return load("references")


def test_real_year_range_and_median_age(real_refs):
    assert bm.year_range(real_refs) == (1983, 2023)  # ref 16 (1983) is the oldest
    assert real_refs.loc[real_refs["ref_id"] == 16, "year"].item() == 1983
    assert bm.median_age(real_refs) == 5.0
    assert bm.year_distribution(real_refs)["n_refs"].sum() == 213


def test_real_top_journal_is_stem_cell_res_ther(real_refs):
    top = bm.top_journals(real_refs, 1)
    assert top.to_dict("list") == {"journal": ["Stem Cell Res Ther"], "n_refs": [9]}


def test_real_coverage_puts_every_reference_in_one_status(real_refs):
    cov = bm.citation_coverage(
        real_refs["ref_id"], refs_cited_in_data(), review_citations()["ref_id"]
    )
    assert len(cov) == 213 and set(cov["status"]) <= set(bm.COVERAGE_STATUSES)
    # every reference is cited somewhere: ref 124 only by Table 3, all others in the prose
    assert (cov["status"] != "not cited in the body").all()
    assert cov.loc[cov["ref_id"] == 124, ["in_data", "in_prose"]].values.tolist() == [[True, False]]


def test_real_recent_share_table_2_is_all_recent(real_refs):
    shares = bm.recent_share_by_table(real_refs, load("table_row_refs")).set_index("table_no")
    assert shares.loc[2, "n_refs"] == 7  # [87] is cited by two rows of Table 2
    assert shares.loc[2, "share_recent"] == 1.0


def test_recent_share_and_its_display(refs):
    # years 2000, 2003, 2003, 2019, 2023, 2018 (and one missing): 2 of 6 in 2019-2023
    assert bm.recent_share(refs) == pytest.approx(2 / 6)
    shares = pd.DataFrame(
        {
            "table_no": [1, 2],
            "n_refs": [3, 4],
            "n_recent": [2, 0],
            "n_without_year": [0, 4],
            "share_recent": pd.array([2 / 3, None], dtype="Float64"),
        }
    )
    shown = bm.recent_share_display(shares)
    assert list(shown.columns) == [
        "References",
        "Published 2019–2023",
        "Without a year",
        "Share (%)",
    ]
    assert shown.index.tolist() == ["Table 1", "Table 2"]
    assert shown["Share (%)"].tolist()[0] == 67 and pd.isna(shown["Share (%)"].tolist()[1])


def test_refs_by_section_markdown_keeps_review_order():
    sections = pd.DataFrame(
        {"section": ["Body", "End", "End"], "first_line": [12, 30, 30], "ref_id": [2, 5, 2]}
    )
    assert refs_by_section_markdown(sections) == (
        "| Section | Number | References |\n"
        "| :-- | --: | :-- |\n"
        "| Body | 1 | {cite}`ref002` |\n"
        "| End | 2 | {cite}`ref002,ref005` |"
    )


def test_wrapped():
    assert wrapped(["short", "a longer label here"], width=8) == [
        "short",
        "a longer\nlabel\nhere",
    ]


def test_wrapped_breaks_only_at_spaces():
    assert wrapped(["cord-derived cells"], width=6) == ["cord-derived\ncells"]
