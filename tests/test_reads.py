"""The loaders record what they read; the build turns those records into input keys."""

import pytest

from exobone.data import reads, schema
from exobone.data.load import apply_errata, check_errata, load
from exobone.parse import citations
from exobone.pipeline import freshness as deps


@pytest.fixture(autouse=True)
def fresh_record():
    reads.clear()
    yield
    reads.clear()


def test_loading_a_resource_records_it_and_not_the_whole_description(data_copy):
    load("trials", data_copy)
    assert reads.recorded() == [["resource", str(data_copy.resolve()), "trials"]]


def test_reading_the_schemas_records_the_description(data_copy):
    schema.relations(data_copy)
    assert reads.recorded() == [["description", str(data_copy.resolve()), ""]]


def test_parsing_the_review_text_records_the_file(data_copy):
    citations.review_citations(data_copy / "source" / "review.txt")
    assert reads.recorded() == [["file", str((data_copy / "source" / "review.txt").resolve()), ""]]


def test_reading_errata_records_errata_only_and_applying_them_records_the_corrected_file(
    data_copy,
):
    # validation proves every erratum applies, so the errata page depends on errata.csv alone
    check_errata(data_copy)
    assert reads.recorded() == [["resource", str(data_copy.resolve()), "errata"]]
    reads.clear()
    apply_errata(load("review_tables", data_copy), "review_tables", data_copy)
    assert all(kind == "resource" for kind, _, _ in reads.recorded())
    assert sorted(name for _, _, name in reads.recorded()) == ["errata", "review_tables"]


def test_a_resource_is_its_csv_its_schema_and_its_entry(data_copy):
    root = data_copy.parent
    keys = deps.input_keys([["resource", str(data_copy), "trials"]], [], root)
    assert keys == [
        "data/datapackage.json#trials",
        "data/review/trials.csv",
        "data/schemas/trials.schema.json",
    ]


def test_the_description_is_datapackage_json_and_every_schema(data_copy):
    root = data_copy.parent
    keys = deps.input_keys([["description", str(data_copy), ""]], [], root)
    schemas = sorted(f"data/schemas/{p.name}" for p in (data_copy / "schemas").glob("*.json"))
    assert keys == ["data/datapackage.json", *schemas]
    assert len(schemas) == len(schema.descriptor(data_copy)["resources"])  # one per file


def test_modules_outside_the_project_are_not_inputs(data_copy, tmp_path):
    root = data_copy.parent
    inside = root / "exobone" / "compute" / "trials.py"
    outside = tmp_path.parent / "elsewhere" / "exobone" / "x.py"
    assert deps.input_keys([], [str(inside), str(outside)], root) == ["exobone/compute/trials.py"]


def test_an_input_that_is_gone_is_reported_as_gone(data_copy):
    root = data_copy.parent
    assert deps.input_digest("data/review/nothing.csv", root) == deps.MISSING
    assert deps.input_digest("data/datapackage.json#nothing", root) == deps.MISSING
    assert deps.input_digest("data/datapackage.json#trials", root) != deps.MISSING


def test_validating_records_nothing(data_copy):
    from exobone.data.validate import validate

    validate(data_copy)  # a fresh copy: no stamp, so the package is really validated
    assert reads.recorded() == []
