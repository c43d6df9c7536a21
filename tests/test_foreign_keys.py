"""Foreign keys are checked on the records already read (exobone.data.foreign_keys), not by
Frictionless re-reading each referenced table per key: same answers, one set per table."""

import json
import re

import pytest

from exobone.data import foreign_keys
from exobone.data.validate import DataValidationError, validate
from tests.test_validate import set_cell

PARENTS = {
    "fields": [{"name": "id", "type": "integer"}, {"name": "name"}],
    "primaryKey": ["id"],
}
CHILDREN = {
    "fields": [{"name": "parent"}, {"name": "kind"}, {"name": "up"}],
    "foreignKeys": [
        {"fields": ["parent"], "reference": {"resource": "parents", "fields": ["id"]}},
        {"fields": ["up"], "reference": {"resource": "", "fields": ["kind"]}},
    ],
}


def check(parents: list[list[str]], children: list[list[str]]) -> list[str]:
    tables = {
        "parents": ("p.csv", PARENTS, [["id", "name"], *parents]),
        "children": ("c.csv", CHILDREN | {"fields": CHILDREN["fields"]}, children),
    }
    # the children's "parent" column is compared as the parents' integer id
    tables["children"][1]["fields"][0]["type"] = "integer"
    return foreign_keys.problems(tables).get("children", [])


def test_a_key_found_is_no_problem_and_an_unknown_one_names_file_row_column_value():
    found = check(
        [["1", "a"], ["2", "b"]], [["parent", "kind", "up"], ["2", "x", ""], ["3", "y", ""]]
    )
    assert found == ["c.csv, row 3, column parent, value '3': unknown key"]


def test_integers_compare_as_numbers_and_a_missing_key_points_nowhere():
    rows = [["parent", "kind", "up"], ["07", "x", ""], ["", "y", "x"], ["", "z", "w"]]
    found = check([["7", "a"]], rows)
    assert found == ["c.csv, row 4, column up, value 'w': unknown key"]  # self reference


def test_a_cell_the_type_check_refuses_is_not_also_an_unknown_key():
    assert check([["1", "a"]], [["parent", "kind", "up"], ["1a", "x", ""]]) == []


def test_multi_field_keys_compare_whole_and_a_partly_missing_key_is_checked():
    schema = {
        "fields": [{"name": "a"}, {"name": "b"}],
        "foreignKeys": [
            {"fields": ["a", "b"], "reference": {"resource": "pairs", "fields": ["a", "b"]}}
        ],
    }
    tables = {
        "pairs": ("pairs.csv", {"fields": schema["fields"]}, [["a", "b"], ["x", "1"], ["y", ""]]),
        "uses": ("uses.csv", schema, [["a", "b"], ["x", "1"], ["x", "2"], ["y", ""], ["z", ""]]),
    }
    assert foreign_keys.problems(tables) == {
        "uses": [
            "uses.csv, row 3, column a, b, value 'x', '2': unknown key",
            "uses.csv, row 5, column a, b, value 'z', '': unknown key",
        ]
    }


BREAKS = [  # (file, row, column, value): each points nowhere, except the last two
    (("evidence", "findings.csv"), 3, "source_id", "martian_cell"),
    (("evidence", "finding_refs.csv"), 4, "ref_id", "999"),
    (("evidence", "finding_pathways.csv"), 2, "review_term", "BMP-9/Smad"),
    (("vocab", "sources.csv"), 5, "parent_id", "no_such_parent"),
    (("review", "biogenesis_regulator_refs.csv"), 2, "regulator", "ESCRT-9"),
    (("evidence", "finding_refs.csv"), 5, "ref_id", "066"),  # found: 66
    (("vocab", "sources.csv"), 6, "parent_id", "bmsc"),  # found
]


def frictionless_foreign_key_errors(data_dir) -> set[tuple[str, int]]:
    """(file, row) of every foreign-key error Frictionless itself reports on the package."""
    from frictionless import Package

    report = Package(str(data_dir / "datapackage.json")).validate()
    paths = {
        r["name"]: r["path"]
        for r in json.loads((data_dir / "datapackage.json").read_text())["resources"]
    }
    return {
        (f"data/{paths[task.name]}", error.row_number)
        for task in report.tasks
        for error in task.errors
        if error.type == "foreign-key"
    }


def test_validate_reports_the_same_rows_as_frictionless_own_foreign_key_check(data_copy):
    for parts, row, column, value in BREAKS:
        set_cell(data_copy, parts, row, column, value)
    expected = frictionless_foreign_key_errors(data_copy)
    assert len(expected) == 5  # the breaks really break, and "066" finds reference 66
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    ours = {
        (m.group(1), int(m.group(2)))
        for m in re.finditer(r"^(data/\S+), row (\d+), .*: unknown key$", str(err.value), re.M)
    }
    assert ours == expected


def test_an_invalid_schema_is_named_by_its_own_file(data_copy):
    path = data_copy / "schemas" / "sources.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][0]["type"] = "colour"
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(DataValidationError) as err:
        validate(data_copy)
    assert "data/schemas/sources.schema.json: not a valid Table Schema" in str(err.value)
    assert "datapackage.json" not in str(err.value)
