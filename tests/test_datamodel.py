"""The data model is read from the schemas: checked on a handmade two-file package."""

import json

import pytest

from exobone.data import schema as datamodel


@pytest.fixture
def tiny_package(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "a.csv").write_text("a_id,label\n1,x\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("b_id,a_id\nb1,1\n", encoding="utf-8")
    schemas = {
        "a": {
            "fields": [
                {"name": "a_id", "type": "integer", "constraints": {"required": True}},
                {"name": "label", "type": "string", "constraints": {"enum": ["x", "y"]}},
            ],
            "primaryKey": ["a_id"],
        },
        "b": {
            "fields": [
                {"name": "b_id", "type": "string", "description": "id of b"},
                {"name": "a_id", "type": "integer"},
            ],
            "primaryKey": "b_id",
            "foreignKeys": [{"fields": "a_id", "reference": {"resource": "a", "fields": "a_id"}}],
        },
    }
    for name, schema in schemas.items():
        (tmp_path / "schemas" / f"{name}.schema.json").write_text(json.dumps(schema))
    package = {
        "resources": [
            {"name": n, "path": f"{n}.csv", "schema": f"schemas/{n}.schema.json"} for n in "ab"
        ]
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    return tmp_path


def test_column_dictionary(tiny_package):
    cols = datamodel.column_dictionary(tiny_package)
    assert cols[["file", "column"]].values.tolist() == [
        ["a.csv", "a_id"],
        ["a.csv", "label"],
        ["b.csv", "b_id"],
        ["b.csv", "a_id"],
    ]
    assert cols["key"].tolist() == ["primary", "", "primary", ""]
    assert cols["references"].tolist() == ["", "", "", "a"]
    assert cols["allowed values"].tolist() == ["", "x, y", "", ""]
    assert cols["required"].tolist() == [True, False, False, False]


def test_relations(tiny_package):
    rel = datamodel.relations(tiny_package)
    assert rel.values.tolist() == [["b", "a_id", "a", "a_id"]]


def test_real_package_links_citations_to_the_reference_list():
    rel = datamodel.relations()
    assert ((rel["from"] == "table_row_refs") & (rel["to"] == "references")).any()
