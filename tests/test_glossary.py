"""Glossary from the abbreviation list: corrections, uniqueness, MyST output, table terms."""

import pandas as pd
import pytest

from exobone.compute import glossary
from exobone.data.load import load
from exobone.render import markdown
from exobone.render.escape import escape_myst


def abbreviations(rows: list[tuple]) -> pd.DataFrame:
    """A handmade abbreviations frame: (abbr_id, term, definition, status)."""
    frame = pd.DataFrame(rows, columns=["abbr_id", "term", "definition", "status"])
    return frame.assign(source_line=frame["abbr_id"] + 100, note="")


def test_entries_only_sorted_case_insensitively():
    terms = glossary.glossary_from_abbreviations(
        abbreviations(
            [
                (1, "VEGF", "Vascular endothelial growth factor", "entry"),
                (2, "Bel 2", "B coll lymphoma", "ocr_debris"),
                (3, "ALP", "Alkaline phosphatase", "entry"),
                (4, "nSMase2", "neutral sphingomyelinase 2", "entry"),
                (5, " BMSCs ", "Bone marrow stem cells ", "entry"),
            ]
        )
    )
    assert terms["term"].tolist() == ["ALP", "BMSCs", "nSMase2", "VEGF"]
    assert terms["definition"].tolist()[1] == "Bone marrow stem cells"
    assert terms.columns.tolist() == ["term", "definition", "abbr_id", "source_line"]


def test_duplicate_terms_are_named():
    frame = abbreviations(
        [
            (1, "PS", "Phosphatidylserine", "entry"),
            (2, "Ps", "Something else", "entry"),
            (3, "OA", "Osteoarthritis", "entry"),
            (4, "OA", "Osteoarthritis", "entry"),
            (5, "PS", "debris copy", "ocr_debris"),
        ]
    )
    with pytest.raises(glossary.GlossaryError, match=r"duplicate glossary terms: OA, PS, Ps$"):
        glossary.glossary_from_abbreviations(frame)


def test_entries_without_term_or_definition_are_refused():
    frame = abbreviations([(1, "", "Human cells", "entry"), (2, "OA", "", "entry")])
    with pytest.raises(glossary.GlossaryError, match="abbr_id 1, 2"):
        glossary.glossary_from_abbreviations(frame)


def test_markdown_is_a_glossary_block_with_one_entry_per_term():
    terms = pd.DataFrame(
        {"term": ["b2", "A1", "c*"], "definition": ["second", "first", "x_y [z] $5"]}
    )
    text = markdown.glossary_markdown(terms)
    assert text == (
        "```{glossary}\nA1\n   first\n\nb2\n   second\n\nc\\*\n   x\\_y \\[z\\] \\$5\n```\n"
    )


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("HIF-1α", True, "HIF-1α"),
        ("poly(lactic-co-glycolic acid)", False, "poly(lactic-co-glycolic acid)"),
        ("a : b", True, "a \\: b"),
        (":opt", True, "\\:opt"),
        ("- not a list", False, "\\- not a list"),
        ("1. not a list", False, "1\\. not a list"),
        ("# no heading", False, "\\# no heading"),
        ("use `code` <b>", False, "use \\`code\\` \\<b\\>"),
        ("two\n lines", False, "two lines"),
    ],
)
def test_escape_myst(text, term, expected):
    assert escape_myst(text, term=term) == expected


def table_rows(cells: list[str]) -> pd.DataFrame:
    """Handmade table_rows: one row per cargo_function text."""
    n = len(cells)
    return pd.DataFrame(
        {
            "row_id": [f"T1-{i:02d}" for i in range(1, n + 1)],
            "table_no": [1] * n,
            "position": list(range(1, n + 1)),
            "cell_source": ["ucMSC"] * n,
            "exosome_cargo": ["miR-21-5p"] * n,
            "cargo_function": cells,
            "role_in_bone": ["Promotes osteogenesis of BMSCs."] * n,
        }
    )


def test_table_terms_finds_abbreviations_only():
    rows = table_rows(
        [
            "Activate the PI3K/Akt and Erk1/2 pathways.",
            "Inhibit H₂O₂-mediated death, TNF-α-induced loss and M1-to-M2 switch (SOST, DKK2)",
            "Multiple differentially expressed microRNAs (DE-miRNA)",
        ]
    )
    assert glossary.table_terms(rows).values.tolist() == [
        ["ucMSC", "T1-01"],
        ["miR", "T1-01"],
        ["PI3K", "T1-01"],
        ["BMSCs", "T1-01"],
        ["TNF-α", "T1-02"],
        ["M1", "T1-02"],
        ["M2", "T1-02"],
        ["SOST", "T1-02"],
        ["DKK2", "T1-02"],
        ["DE-miRNA", "T1-03"],
    ]


def test_undefined_table_terms_allows_variants_and_compound_parts():
    rows = table_rows(["BMP2 and RUNX-2 via ERK; LncRNA-MALAT1 and SOST", "M1-to-M2 and IL-6"])
    undefined = glossary.undefined_table_terms(
        rows,
        glossary=["BMP-2", "RUNX2", "Erk", "BMSCs", "ucMSC-Exos", "M1-Exos", "M2-Exos"],
        missing=["miR", "LncRNA", "MALAT1"],
    )
    assert undefined.values.tolist() == [["SOST", "T1-01"], ["IL-6", "T1-02"]]


# --- the review's data ----------------------------------------------------------------------


def test_review_glossary_has_no_duplicates_and_every_repair():
    terms = glossary.glossary_terms()
    assert not terms["term"].str.casefold().duplicated().any()
    listed = set(terms["term"])
    assert {"BMP-2", "HIF-1α", "Bcl-2", "PI3K", "HPDLSCs", "SANFH", "β-TCP"} <= listed
    assert not {"DIVIP-2", "DCI-2", "HIE-1a", "Bel 2", "ECOT", "M1 Ever", "FD-LI"} & listed
    assert "Hyaluronic acid" in terms["definition"].tolist()
    # every entry row made it, every debris row was dropped
    abbreviations_csv = load("abbreviations")
    assert len(terms) == int((abbreviations_csv["status"] == "entry").sum())


def test_every_abbreviation_erratum_is_applied():
    repairs = glossary.glossary_repairs()
    errata = load("errata")
    mine = errata[errata["file"] == "review/abbreviations.csv"]
    assert repairs["erratum_id"].tolist() == mine["erratum_id"].tolist()
    terms = glossary.glossary_terms()
    definitions = dict(zip(terms["term"], terms["definition"], strict=True))
    for fix in repairs.itertuples():
        cell = fix.term if fix.column == "term" else definitions[fix.term]
        assert fix.corrected in cell, fix.erratum_id


def test_review_glossary_markdown_has_one_entry_per_term():
    terms = glossary.glossary_terms()
    text = markdown.glossary_markdown(terms)
    lines = text.splitlines()
    assert lines[0] == "```{glossary}" and lines[-1] == "```"
    term_lines = [ln for ln in lines[1:-1] if ln and not ln.startswith("   ")]
    definition_lines = [ln for ln in lines[1:-1] if ln.startswith("   ")]
    assert len(term_lines) == len(definition_lines) == len(terms)
    assert term_lines == sorted(term_lines, key=str.casefold)


def test_curated_missing_list_matches_the_tables():
    rows = glossary.table_rows_corrected()
    terms = glossary.glossary_terms()
    missing = load("abbreviations_missing")
    # nothing abbreviation-like in the tables escapes both lists
    assert glossary.undefined_table_terms(rows, terms["term"], missing["term"]).empty
    # every listed missing term is used in a table and is really not in the glossary
    text = " ".join(rows[glossary.TABLE_COLUMNS].astype(str).agg(" ".join, axis=1))
    assert [t for t in missing["term"] if t not in text] == []
    # ... and none of them is covered by the glossary (with its variants)
    only_missing = table_rows([" ".join(missing["term"])]).assign(
        cell_source="-", exosome_cargo="-", role_in_bone="-"
    )
    flagged = set(glossary.undefined_table_terms(only_missing, terms["term"], [])["term"])
    assert {t for t in missing["term"] if glossary.is_abbreviation(t)} <= flagged


def test_lookalikes_names_greek_and_cyrillic_letters():
    assert glossary.lookalikes("ΤCΡ") == "Greek Τ, Ρ"
    assert glossary.lookalikes("РІЗК") == "Cyrillic Р, І, З, К"
    assert glossary.lookalikes("к В") == "Cyrillic к, В"
    assert glossary.lookalikes("HIE-1a") == ""
    assert glossary.lookalikes("") == ""


def test_review_repairs_name_the_lookalike_letters():
    repairs = glossary.glossary_repairs().set_index("erratum_id")
    assert repairs.loc["E055", "lookalikes"] == "Greek Τ, Ρ"
    assert repairs.loc["E023", "lookalikes"] == "Cyrillic Н, А"
    assert repairs.loc["E016", "lookalikes"] == ""


@pytest.mark.build
def test_built_glossary_is_a_sphinx_glossary_with_one_entry_per_term():
    from bs4 import BeautifulSoup

    from exobone.data import paths

    page = paths.BUILD_HTML / "notebooks" / "13_glossary.html"
    assert page.is_file(), "build the book first: make book"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    glossaries = soup.select("dl.glossary")
    assert len(glossaries) == 1
    entries = glossaries[0].find_all("dt", recursive=False)
    terms = glossary.glossary_terms()
    assert len(entries) == len(terms)
    assert all(dt.get("id", "").startswith("term-") for dt in entries)
    shown = [dt.get_text().rstrip("#").strip() for dt in entries]
    assert shown == terms["term"].tolist()


def test_link_terms_wraps_whole_words_only():
    terms = ["PI", "PI3K", "OA", "TNF-α", "Ras", "Erk"]
    text = "PI3K/Akt in OA; TNF-α up; OAT and PIN are not terms; SPRED1/Ras/Erk"
    assert markdown.link_terms(text, terms) == (
        "{term}`PI3K`/Akt in {term}`OA`; {term}`TNF-α` up; OAT and PIN are not terms; "
        "SPRED1/Ras/{term}`Erk`"
    )
    assert markdown.link_terms("Ras", ["Ras"], skip=()) == "{term}`Ras`"
    assert markdown.link_terms("no terms", []) == "no terms"
