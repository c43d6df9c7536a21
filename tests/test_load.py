"""Bad input stops the build with file, row, column and value; no row is dropped."""

import re

import pytest

from exobone.data.load import DataValidationError, check_errata, load, validate
from tests.conftest import edit_line


def error_of(data_dir, name="table_rows") -> str:
    with pytest.raises(DataValidationError) as err:
        load(name, data_dir)
    return str(err.value)


def test_real_package_is_valid():
    validate()


def test_missing_column_names_file_and_column(data_copy):
    path = data_copy / "review" / "table_rows.csv"
    text = path.read_text(encoding="utf-8").split("\n")
    # drop the 'cargo_function' column (the 6th) from every line
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(text))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:5] + r[6:] for r in rows if r])
    path.write_text(out.getvalue(), encoding="utf-8")
    message = error_of(data_copy)
    assert "data/review/table_rows.csv, row 1 (header)" in message
    assert "'cargo_function'" in message


def test_unknown_table_number_names_row_column_value(data_copy):
    edit_line(data_copy / "review" / "table_rows.csv", 3, "T1-02,1,2,", "T1-02,7,2,")
    message = error_of(data_copy)
    assert re.search(r"data/review/table_rows\.csv, row 3, column 'table_no', value '7'", message)
    assert re.search(
        r"data/review/table_rows\.csv, row 3, column table_no, value '7': unknown key", message
    )


def test_non_integer_reference(data_copy):
    edit_line(data_copy / "review" / "table_row_refs.csv", 4, ",65", ",65a")
    message = error_of(data_copy, "table_row_refs")
    assert "data/review/table_row_refs.csv, row 4, column 'ref_id', value '65a'" in message
    assert "integer" in message


def test_duplicate_key(data_copy):
    edit_line(data_copy / "review" / "table_rows.csv", 5, "T1-04,1,4,", "T1-03,1,4,")
    message = error_of(data_copy)
    assert (
        "data/review/table_rows.csv, row 5, column row_id, value 'T1-03': duplicate key" in message
    )


def test_reference_to_unknown_table_row(data_copy):
    edit_line(data_copy / "review" / "table_row_refs.csv", 2, "T1-01,", "T9-01,")
    message = error_of(data_copy, "table_row_refs")
    assert (
        "data/review/table_row_refs.csv, row 2, column row_id, value 'T9-01': unknown key"
        in message
    )


def test_every_problem_is_reported_not_only_the_first(data_copy):
    edit_line(data_copy / "review" / "table_row_refs.csv", 4, ",65", ",65a")
    edit_line(data_copy / "review" / "table_row_refs.csv", 6, ",67", ",x")
    message = error_of(data_copy, "table_row_refs")
    assert "row 4, column 'ref_id', value '65a'" in message
    assert "row 6, column 'ref_id', value 'x'" in message


def test_blank_line_is_an_error_not_a_dropped_row(data_copy):
    path = data_copy / "review" / "table_rows.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[:10] + [""] + lines[10:]), encoding="utf-8")
    with pytest.raises(DataValidationError, match="table_rows.csv"):
        load("table_rows", data_copy)


def test_load_returns_every_record_typed():
    rows = load("table_rows")
    assert len(rows) == 54
    assert str(rows["table_no"].dtype) == "Int64"
    assert rows["row_id"].is_unique


def test_erratum_that_misses_its_cell_is_an_error(data_copy):
    edit_line(data_copy / "errata.csv", 4, ",Wht4,Wnt4,", ",Wht5,Wnt4,")
    with pytest.raises(DataValidationError) as err:
        check_errata(data_copy)
    assert "data/errata.csv, row 4 (E003), column 'published', value 'Wht5': occurs 0 times" in str(
        err.value
    )


def test_erratum_for_unknown_record_is_an_error(data_copy):
    edit_line(data_copy / "errata.csv", 4, ",T3-01,", ",T3-99,")
    with pytest.raises(
        DataValidationError, match=r"row 4 \(E003\), column 'record_id', value 'T3-99'"
    ):
        check_errata(data_copy)
