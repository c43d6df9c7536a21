"""Tests for exobone.references: handmade entries and the review's real list."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from exobone.parse.references import (
    COLUMNS,
    parse_entry,
    parse_reference_list,
    split_entries,
    to_bibtex,
    to_csv_text,
)

ROOT = Path(__file__).resolve().parents[1]
REVIEW = ROOT / "data" / "source" / "review.txt"
CSV = ROOT / "data" / "generated" / "references.csv"
BIB = ROOT / "book" / "generated" / "references.bib"

# --- handmade entries (invented, not taken from the review) -----------------

ART_A = "Doe JA, Roe B. A made-up title on widgets. J Fake Sci. 2001;12:34-9."
ART_B = "Poe C, Moe D, et al. Second invented paper. Imag Res. 2005;3(2):e101."
ART_C = "Quux Z. Third paper about gadgets. Fict Lett. 2010;7:1-2."
CHAPTER = (
    "Smith AB, Jones C. Gadgets in theory. In: Brown D, Green E, editors. "
    "Handbook of made-up things, vol. 4. Springfield: Pretend Press; 1999. p. 10–20."
)


def test_merged_bullet_holds_two_numbered_entries():
    entries = split_entries([f"- 1. {ART_A} 2. {ART_B}", f"- 3. {ART_C}"], first_line=10)
    assert [e.ref_id for e in entries] == [1, 2, 3]
    assert [e.text for e in entries] == [ART_A, ART_B, ART_C]
    assert [e.source_line for e in entries] == [10, 10, 11]
    assert all(e.number_in_text == "explicit" for e in entries)


def test_mid_entry_number_is_a_checkpoint_and_removed():
    lines = [
        f"- 1. {ART_A}",
        "- Poe C, Moe D, et al. Second invented 2. paper. Imag Res. 2005;3(2):e101.",
        "- Quux Z. Third paper about gad-3. gets. Fict Lett. 2010;7:1-2.",
    ]
    entries = split_entries(lines)
    assert entries[1].text == ART_B
    assert entries[1].number_position == "mid"
    assert entries[2].text == "Quux Z. Third paper about gad-gets. Fict Lett. 2010;7:1-2."
    assert entries[2].number_in_text == "explicit"


def test_unnumbered_entries_are_inferred():
    entries = split_entries([f"- 1. {ART_A}", f"- {ART_C}"])
    assert entries[1].ref_id == 2
    assert entries[1].number_in_text == "inferred"
    assert entries[1].number_position == ""


def test_continuation_line_and_blank_lines_join_the_entry():
    lines = [
        "- 1. Quux Z. Third paper about",
        "",
        "gadgets. Fict Lett. 2010;7:1-2.",
        "",
        f"- {ART_A}",
    ]
    entries = split_entries(lines, first_line=100)
    assert [e.text for e in entries] == [ART_C, ART_A]
    assert [e.source_line for e in entries] == [100, 104]


def test_checkpoint_mismatch_raises_with_number_and_line():
    lines = [f"- 1. {ART_A}", f"- {ART_B}", f"- 4. {ART_C}"]
    with pytest.raises(ValueError, match=r"checkpoint 4 .*line 7"):
        split_entries(lines, first_line=5)


def test_mid_entry_mismatch_raises():
    lines = [f"- 1. {ART_A}", "- Quux Z. Third 9. paper. Fict Lett. 2010;7:1-2."]
    with pytest.raises(ValueError, match="checkpoint 9"):
        split_entries(lines)


def test_parse_article_fields():
    fields = parse_entry(ART_B)
    assert fields["entry_type"] == "article"
    assert fields["authors"] == "Poe C, Moe D"
    assert fields["has_et_al"] is True
    assert fields["first_author_surname"] == "Poe"
    assert fields["title"] == "Second invented paper"
    assert fields["journal"] == "Imag Res"
    assert (fields["year"], fields["volume"], fields["issue"]) == (2005, "3", "2")
    assert fields["pages"] == "e101"
    assert fields["book_title"] == fields["editors"] == ""


def test_parse_article_title_with_question_mark_and_particle_surname():
    fields = parse_entry("van Dyke Q, Li X. Is it real? Or not. Fake Rev. 2020;1:5.")
    assert fields["first_author_surname"] == "van Dyke"
    assert fields["title"] == "Is it real? Or not"
    assert fields["journal"] == "Fake Rev"


def test_parse_book_chapter():
    fields = parse_entry(CHAPTER)
    assert fields["entry_type"] == "incollection"
    assert fields["title"] == "Gadgets in theory"
    assert fields["editors"] == "Brown D, Green E"
    assert fields["book_title"] == "Handbook of made-up things"
    assert fields["volume"] == "4"
    assert fields["place"] == "Springfield"
    assert fields["publisher"] == "Pretend Press"
    assert fields["year"] == 1999
    assert fields["pages"] == "10–20"
    assert fields["journal"] == ""


def test_unparseable_entry_raises():
    with pytest.raises(ValueError):
        parse_entry("Just some words without structure")


def test_bibtex_escapes_specials_and_skips_empty_fields():
    df = pd.DataFrame(
        [
            {
                **parse_entry("Doe JA. 50% of R&D {is} #1. J Fake Sci. 2001;12:34-9."),
                "ref_id": 7,
            }
        ]
    )
    bib = to_bibtex(df)
    assert bib.startswith("@article{ref007,")
    assert r"50\% of R\&D \{is\} \#1" in bib
    assert "number_in_review = {7}" in bib
    assert "booktitle" not in bib and "number =" not in bib


# --- the review's real reference list ---------------------------------------


@pytest.fixture(scope="module")
def text() -> str:
    return REVIEW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def refs(text) -> pd.DataFrame:
    return parse_reference_list(text)


def explicit_numbers(text: str) -> dict[int, int]:
    """Numbers printed in the reference block -> their 1-based line (own regex)."""
    lines = text.splitlines()
    start = lines.index("#### References")
    found: dict[int, int] = {}
    for lineno in range(start + 2, len(lines) + 1):
        line = lines[lineno - 1]
        if line.startswith("#"):
            break
        lead = re.match(r"-\s(\d+)\.\s", line)
        if lead:
            found[int(lead.group(1))] = lineno
        # a second entry after a finished one: ". 2. Surname XY,"
        for m in re.finditer(r"\.\s(\d+)\.\s(?=[A-Z][a-z]+\s[A-Z]+,)", line):
            found[int(m.group(1))] = lineno
        # a stray number before a lower-case word: "word-6. secreted"
        for m in re.finditer(r"[a-z][\s-](\d+)\.\s[a-z]", line):
            found[int(m.group(1))] = lineno
    return found


def test_real_list_has_213_contiguous_rows(refs):
    assert list(refs.columns) == COLUMNS
    assert refs["ref_id"].tolist() == list(range(1, 214))


def test_every_explicit_number_lands_at_its_number(text, refs):
    found = explicit_numbers(text)
    assert len(found) >= 80
    assert {2, 6, 8, 157, 213} <= set(found)
    by_id = refs.set_index("ref_id")
    for number, line in found.items():
        assert by_id.loc[number, "number_in_text"] == "explicit", number
        assert by_id.loc[number, "source_line"] == line, number
    assert set(refs.loc[refs["number_in_text"] == "explicit", "ref_id"]) == set(found)


def test_years_in_range(refs):
    assert refs["year"].notna().all()
    assert refs["year"].between(1950, 2024).all()


def test_required_fields_filled(refs):
    for column in ["authors", "first_author_surname", "title", "pages", "raw"]:
        assert (refs[column] != "").all(), column
    articles = refs[refs["entry_type"] == "article"]
    assert (articles["journal"] != "").all()
    assert (articles["volume"] != "").all()


def test_author_lists_look_like_surname_initials(refs):
    """Every author is 'Surname INITIALS'; ref 13's 'Buzas El' is an OCR doubt."""
    odd = {}
    for ref_id, authors in zip(refs["ref_id"], refs["authors"], strict=True):
        for name in authors.split(", "):
            if not re.fullmatch(r"\S.*\s[A-Z]{1,4}(-[A-Z])?", name):
                odd[ref_id] = name
    assert odd == {13: "Buzas El"}


def test_no_layout_artefacts_left_in_raw(refs):
    assert not refs["raw"].str.contains(r"\\_|_ |/ |\s\d{1,3}\.\s[a-z]").any()
    assert not refs["raw"].str.match(r"\d+\.\s").any()


def test_spot_checks(refs):
    r = refs.set_index("ref_id")
    assert (r.loc[1, "first_author_surname"], r.loc[1, "year"]) == ("Hunter", 2019)
    assert r.loc[1, "pages"] == "1745-59"
    assert r.loc[2, "first_author_surname"] == "Meng"
    assert r.loc[6, "title"].startswith("Adipose-secreted exosomes")
    assert r.loc[8, "title"] == "Exosomes: composition, biogenesis and function"
    assert r.loc[10, ["volume", "issue", "pages"]].tolist() == ["17", "50", "e2101741"]
    assert (r.loc[16, "year"], r.loc[16, "journal"]) == (1983, "Cell")
    assert r.loc[17, "entry_type"] == "incollection"
    assert r.loc[17, "editors"] == "Schekman R, Lehmann R"
    assert r.loc[17, "book_title"] == "Annual review of cell and developmental biology"
    assert r.loc[55, "publisher"] == "Elsevier Academic Press Inc"
    assert r.loc[157, "title"].endswith(
        "stem cells repair critical-sized bone defects "
        "through enhanced angiogenesis and osteogenesis "
        "in osteoporotic rats"
    )
    assert r.loc[157, "source_line"] == 612
    assert r.loc[172, "title"].endswith("proven or not?")
    assert r.loc[193, "title"].startswith("Exosomal hsa_circ_0006859 ")
    assert (r.loc[213, "first_author_surname"], r.loc[213, "journal"]) == ("He", "Theranostics")
    counts = refs["entry_type"].value_counts().to_dict()
    assert counts == {"article": 209, "incollection": 4}


def test_committed_csv_equals_fresh_parse(refs):
    committed = pd.read_csv(CSV, dtype=str, keep_default_na=False)
    fresh = pd.read_csv(io.StringIO(to_csv_text(refs)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(committed, fresh)


def test_committed_bib_equals_fresh_bibtex(refs):
    bib = BIB.read_text(encoding="utf-8")
    assert bib == to_bibtex(refs)
    assert bib.count("\n@") + bib.startswith("@") == 213


def rebuild(row: pd.Series) -> str:
    """Reassemble an entry from its parsed fields (Vancouver punctuation)."""
    head = row["authors"] + (", et al" if row["has_et_al"] else "") + ". "
    title = row["title"] + ("" if row["title"].endswith("?") else ".")
    if row["entry_type"] == "incollection":
        role = "editors" if "," in row["editors"] else "editor"
        vol = f", vol. {row['volume']}" if row["volume"] else ""
        return (
            f"{head}{title} In: {row['editors']}, {role}. {row['book_title']}{vol}. "
            f"{row['place']}: {row['publisher']}; {row['year']}. p. {row['pages']}."
        )
    issue = f"({row['issue']})" if row["issue"] else ""
    return f"{head}{title} {row['journal']}. {row['year']};{row['volume']}{issue}:{row['pages']}."


def test_fields_reassemble_to_the_raw_entry(refs):
    """Parsing loses nothing; ref 117 prints 'YEAR;VOL;PAGES' (';' for ':')."""
    differ = [r["ref_id"] for _, r in refs.iterrows() if rebuild(r) != r["raw"]]
    assert differ == [117]


def test_each_entry_starts_on_its_source_line(text, refs):
    lines = text.splitlines()
    for _, r in refs.iterrows():
        line = lines[r["source_line"] - 1]
        assert line.startswith("- "), r["ref_id"]
        assert r["raw"][:25] in line, r["ref_id"]


def test_regenerating_the_generated_files_changes_nothing(capsys):
    from exobone.curate import generate

    assert generate.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert all(p.is_file() for p in generate.generated_files())
