"""Untrusted data: validation refuses what the book cannot show honestly, before any kernel
starts, with one short line per problem (file, row, column, shortened value, reason)."""

import csv
import io
import json
import re

import pytest

from exobone.data.validate import DataValidationError, validate

SOURCES = ("vocab", "sources.csv")
FINDINGS = ("evidence", "findings.csv")


def set_cell(data_dir, parts, row: int, column: str, value: str) -> None:
    """Write ``value`` into ``column`` of ``row`` (as counted in the file, header = 1)."""
    path = data_dir.joinpath(*parts)
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    records[row - 1][records[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def problems(data_dir) -> list[str]:
    """The lines of the validation error (the first line is the count)."""
    with pytest.raises(DataValidationError) as err:
        validate(data_dir)
    lines = str(err.value).split("\n")
    assert re.fullmatch(r"\d+ problem\(s\) in the data package:", lines[0])
    return lines[1:]


def only_problem(data_dir) -> str:
    lines = problems(data_dir)
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://example.org","x")',
        "+1+2",
        "@SUM(A1)",
        "\tindented",
        "-cmd",
    ],
)
def test_formula_like_cell_is_refused(data_copy, value):
    set_cell(data_copy, SOURCES, 3, "label", value)
    line = only_problem(data_copy)
    assert line.startswith("data/vocab/sources.csv, row 3, column 'label', value ")
    assert "formula" in line


@pytest.mark.parametrize(
    ("value", "code"), [("a\x00b", "U+0000"), ("a\x1bb", "U+001B"), ("a\rb", "U+000D")]
)
def test_control_character_is_refused(data_copy, value, code):
    set_cell(data_copy, FINDINGS, 4, "claim", value)
    line = only_problem(data_copy)
    assert line.startswith("data/evidence/findings.csv, row 4, column 'claim'")
    assert f"control character {code}" in line


@pytest.mark.parametrize("value", ["    {cite}`ref001`", "trailing ", "\u00a0nbsp"])
def test_leading_or_trailing_whitespace_is_refused(data_copy, value):
    set_cell(data_copy, FINDINGS, 5, "claim", value)
    line = only_problem(data_copy)
    assert line.startswith("data/evidence/findings.csv, row 5, column 'claim'")
    assert line.endswith("leading or trailing whitespace")


def test_stray_quote_is_refused_not_dropped(data_copy):
    path = data_copy.joinpath(*SOURCES)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace(",Osteoclast,", ',"Osteo" clast,', 1)
    assert '"Osteo" clast' in lines[3]
    path.write_text("\n".join(lines), encoding="utf-8")
    line = only_problem(data_copy)
    assert line.startswith("data/vocab/sources.csv, row 4: not well-formed CSV")


def test_a_value_the_flat_table_joins_must_not_hold_its_separator(data_copy):
    # pathway labels are joined with '; ' in findings_flat.csv: 'a; b' would read as two
    set_cell(data_copy, ("vocab", "pathways.csv"), 2, "label", "Wnt; beta-catenin")
    line = only_problem(data_copy)
    assert line.startswith("data/vocab/pathways.csv, row 2, column 'label', value ")
    assert "separates values in findings_flat.csv" in line
    set_cell(data_copy, ("vocab", "pathways.csv"), 2, "label", "Wnt;beta-catenin")
    validate(data_copy)  # a semicolon without the space is kept as written


def test_latin1_byte_is_reported_at_its_row_in_its_file_only(data_copy):
    path = data_copy.joinpath(*SOURCES)
    data = path.read_bytes().split(b"\n")
    assert data[2].startswith(b"osteoblast,Osteoblast,")
    data[2] = data[2].replace(b"Osteoblast,", b"Ost\xe9oblast,", 1)
    path.write_bytes(b"\n".join(data))
    line = only_problem(data_copy)
    assert line == (
        "data/vocab/sources.csv, row 3, column 'label': byte 0xe9 is not UTF-8 "
        "(save the file as UTF-8)"
    )


def test_source_line_beyond_the_review_text_is_refused(data_copy):
    set_cell(data_copy, ("review", "table_rows.csv"), 2, "source_line", "9999")
    line = only_problem(data_copy)
    assert line == (
        "data/review/table_rows.csv, row 2, column 'source_line', value '9999': "
        "not a line of data/source/review.txt (it has 677 lines)"
    )


def test_changed_review_text_is_refused(data_copy):
    path = data_copy / "source" / "review.txt"
    path.write_text("\n".join(path.read_text(encoding="utf-8").split("\n")[:300]), "utf-8")
    line = problems(data_copy)[0]
    assert line.startswith("data/source/review.txt: SHA-256 ")
    assert "data/source/review.txt.sha256" in line


def test_resource_without_rows_is_refused(data_copy):
    path = data_copy.joinpath(*SOURCES)
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    line = only_problem(data_copy)
    assert (
        line == "data/vocab/sources.csv: no rows, only a header (this resource must not be empty)"
    )


def test_erratum_matching_no_cell_is_refused_by_validate(data_copy):
    set_cell(data_copy, ("errata.csv",), 4, "published", "Wht5")
    line = only_problem(data_copy)
    assert line.startswith("data/errata.csv, row 4 (E003), column 'published', value 'Wht5'")
    assert "occurs 0 times" in line


def test_erratum_matching_two_places_is_refused(data_copy):
    # published text that occurs twice in its cell would be corrected in the wrong place
    path = data_copy / "errata.csv"
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = records[0]
    e = dict(zip(header, records[3], strict=True))
    assert e["file"] == "review/table_rows.csv"
    rows = list(
        csv.reader(io.StringIO((data_copy / e["file"]).read_text(encoding="utf-8"), newline=""))
    )
    row = next(i for i, r in enumerate(rows, 1) if r[0] == e["record_id"])
    cell = rows[row - 1][rows[0].index(e["column"])]
    set_cell(data_copy, ("review", "table_rows.csv"), row, e["column"], cell + " " + e["published"])
    line = only_problem(data_copy)
    assert "occurs 2 times" in line


def test_over_long_value_is_shortened_in_the_message(data_copy):
    set_cell(data_copy, FINDINGS, 6, "claim", "=" + "x" * 100_000)
    line = only_problem(data_copy)
    assert "(100001 characters)" in line
    assert len(line) < 300


def test_at_most_ten_problems_are_printed_with_the_count_of_the_rest(data_copy):
    for row in range(2, 16):
        set_cell(data_copy, FINDINGS, row, "claim", f"@{row}")
    lines = problems(data_copy)
    assert len(lines) == 11
    assert lines[-1] == "... and 4 more problem(s) not shown"
    assert all(line.startswith("data/evidence/findings.csv, row ") for line in lines[:10])


def test_malformed_datapackage_is_one_line_with_its_position(data_copy):
    path = data_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert re.fullmatch(
        r"data/datapackage\.json, line \d+, column \d+: not valid JSON \(.+\)", str(err.value)
    )


def test_missing_schema_file_is_one_line(data_copy):
    (data_copy / "schemas" / "sources.schema.json").unlink()
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert str(err.value) == "data/schemas/sources.schema.json: file not found"


def test_malformed_schema_is_one_line_with_its_position(data_copy):
    path = data_copy / "schemas" / "sources.schema.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert re.fullmatch(
        r"data/schemas/sources\.schema\.json, line \d+, column \d+: not valid JSON \(.+\)",
        str(err.value),
    )


def test_resource_without_a_schema_is_one_line(data_copy):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["resources"][1]["schema"]
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert str(err.value) == "data/datapackage.json, resource 2: no 'schema'"


def test_execute_refuses_a_stray_erratum_once_before_any_kernel(tmp_path, capsys):
    import shutil

    from exobone.data import paths
    from exobone.pipeline import execute

    for part in ["data", "exobone", "notebooks"]:
        shutil.copytree(
            paths.PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__")
        )
    set_cell(tmp_path / "data", ("errata.csv",), 4, "published", "Wht5")
    before = {p: p.read_bytes() for p in (tmp_path / "notebooks").glob("*.ipynb")}
    assert execute.main(["--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("data/errata.csv, row 4 (E003), column 'published', value 'Wht5'") == 1
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in before} == before  # no notebook was executed


def test_placeholders_negative_numbers_newlines_benign_text_and_allowed_empty_files_pass(
    data_copy,
):
    accepted = ["-", "-1", "-2.5", "first line\nsecond line", "p < 0.05 & $5 *not* | `x` _y_ 50%"]
    for row, value in enumerate(accepted, 2):
        set_cell(data_copy, FINDINGS, row, "claim", value)
    path = data_copy / "evidence" / "consistency.csv"  # "x-may-be-empty": true
    path.write_text(path.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    validate(data_copy)
