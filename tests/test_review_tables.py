"""Facts about the review's Tables 1-5, checked against the review text read independently."""

import re

import pytest

from exobone.compute.review_tables import review_table
from exobone.data import paths
from exobone.data.load import apply_errata, check_errata, load

HEADER = "Cell Source\tExosome Cargo\tCargo Function\tRole in Bone"


def tables_in_text() -> dict[int, list[tuple[int, list[str]]]]:
    """Tables as they stand in the review text: after each header line (in order = table
    number), the consecutive lines of five tab-separated cells ending in a [reference]."""
    lines = paths.SOURCE_TEXT.read_text(encoding="utf-8").split("\n")
    tables, number = {}, 0
    for i, line in enumerate(lines):
        if line.startswith(HEADER):
            number += 1
            rows = []
            for j in range(i + 1, len(lines)):
                cells = lines[j].split("\t")
                if len(cells) != 5 or not re.fullmatch(r"\[[\d,\s–-]+\]", cells[4].strip()):
                    break
                rows.append((j + 1, cells))
            tables[number] = rows
    return tables


def loose(text: str) -> str:
    """Text without the layout a transcription may normalise: spaces, hyphens, TeX/HTML markup."""
    for markup, char in [("$\\beta$", "β"), ("$\\alpha$", "α"), ("$H_2O_2$", "H₂O₂")]:
        text = text.replace(markup, char)
    text = text.replace("<sup>c-</sup>", "c⁻")
    return re.sub(r"[\s\-]", "", text)


TEXT_TABLES = tables_in_text()
ROWS = load("table_rows")


def test_review_text_has_five_tables_of_54_rows():
    assert {n: len(rows) for n, rows in TEXT_TABLES.items()} == {1: 17, 2: 8, 3: 10, 4: 7, 5: 12}


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_row_count_matches_the_review_text(number):
    assert (ROWS["table_no"] == number).sum() == len(TEXT_TABLES[number])
    assert len(review_table(number).frame) == len(TEXT_TABLES[number])


# first and last row of each table as read from the review by a person:
# (source, cargo, reference) exactly as printed
FIRST_LAST = {
    1: [("BMSC", "-", 63), ("Osteocytes", "miR-218", 79)],
    2: [("M2 macrophage", "miR-378a", 87), ("M1 macrophage", "miR-98", 97)],
    3: [("ucMSC", "Wht4", 120), ("ucMSC", "miR-365a-5p", 128)],
    4: [("AMSC", "-", 136), ("AMSC", "_", 143)],
    5: [("EPC", "miR-126", 152), ("hESC", "miR-302c", 163)],
}


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_first_and_last_rows(number):
    refs = load("table_row_refs")
    rows = ROWS[ROWS["table_no"] == number].sort_values("position")
    for (source, cargo, ref), (_, row) in zip(
        FIRST_LAST[number], [next(rows.iterrows()), list(rows.iterrows())[-1]], strict=True
    ):
        assert (row["cell_source"], row["exosome_cargo"]) == (source, cargo)
        assert refs.loc[refs["row_id"] == row["row_id"], "ref_id"].tolist() == [ref]


def test_every_cell_is_the_published_text_up_to_layout():
    """Transcription only normalised layout; any other change must be an erratum."""
    for number, text_rows in TEXT_TABLES.items():
        rows = ROWS[ROWS["table_no"] == number].sort_values("position")
        assert rows["source_line"].tolist() == [line for line, _ in text_rows]
        for (_, row), (line, cells) in zip(rows.iterrows(), text_rows, strict=True):
            ours = [
                row[c] for c in ["cell_source", "exosome_cargo", "cargo_function", "role_in_bone"]
            ]
            assert [loose(v) for v in ours] == [loose(c) for c in cells[:4]], f"line {line}"


def test_references_match_the_reference_column():
    refs = load("table_row_refs")
    for number, text_rows in TEXT_TABLES.items():
        rows = ROWS[ROWS["table_no"] == number].sort_values("position")
        for row_id, (line, cells) in zip(rows["row_id"], text_rows, strict=True):
            printed = sorted(int(n) for n in re.findall(r"\d+", cells[4]))
            assert sorted(refs.loc[refs["row_id"] == row_id, "ref_id"]) == printed, f"line {line}"


def test_every_erratum_applies_to_exactly_one_cell():
    errata = check_errata()  # raises if an entry matches 0 or 2+ times
    assert len(errata) > 0
    assert (errata["published"] != errata["corrected"]).all()


@pytest.mark.parametrize(
    "row_id, column, published, corrected",
    [
        ("T3-01", "exosome_cargo", "Wht4", "Wnt4"),
        ("T5-01", "cargo_function", "SPEED1", "SPRED1"),
        ("T5-10", "cargo_function", "RUNT2", "RUNX2"),
        ("T1-09", "cargo_function", "Inhibite", "Inhibit"),
    ],
)
def test_known_garbles_are_corrected_and_recoverable(row_id, column, published, corrected):
    raw = ROWS.set_index("row_id").loc[row_id, column]
    fixed, applied = apply_errata(ROWS, "table_rows")
    shown = fixed.set_index("row_id").loc[row_id, column]

    def has_word(word, text):
        return re.search(rf"\b{re.escape(word)}\b", text) is not None

    assert has_word(published, raw) and not has_word(corrected, raw)
    assert has_word(corrected, shown) and not has_word(published, shown)
    assert ((applied["record_id"] == row_id) & (applied["published"] == published)).sum() == 1


def test_rebuilt_table_has_review_columns_and_marks_corrections():
    table = review_table(3)
    assert list(table.frame.columns) == [
        "Cell Source",
        "Exosome Cargo",
        "Cargo Function",
        "Role in Bone Metabolism",
        "Reference",
    ]
    assert review_table(1).frame.columns[3] == "Role in Bone"
    assert table.frame.loc[0, "Exosome Cargo"] == "Wnt4"
    assert table.corrections.loc[0, ["row_id", "column"]].tolist() == ["T3-01", "Exosome Cargo"]


def test_captions_as_in_the_review():
    assert review_table(1).title == "Table 1 Effects of bone-derived exosomes on bone"
    assert review_table(2).caption == "Effects of macrophages-derived exosomes on bone"
    raw = load("review_tables").set_index("table_no").loc[2, "caption"]
    assert raw == "Effects of of macrophages-derived exosomes on bone"


def test_rebuilt_rows_are_the_csv_rows_in_order():
    for number in range(1, 6):
        table = review_table(number)
        rows = ROWS[ROWS["table_no"] == number].sort_values("position")
        assert table.row_ids == rows["row_id"].tolist()
