"""The flat findings table: one row per finding, errata applied, every column documented."""

import csv
import json

import pytest

from exobone.compute.flat import SEPARATOR, findings_flat, flat_dictionary
from exobone.data import paths


@pytest.fixture(scope="module")
def flat():
    return findings_flat().set_index("finding_id", drop=False)


def _finding_ids_in_file():
    with (paths.DATA_DIR / "evidence" / "findings.csv").open(encoding="utf-8", newline="") as f:
        return [row["finding_id"] for row in csv.DictReader(f)]


def test_one_row_per_finding_in_file_order(flat):
    assert list(flat["finding_id"]) == _finding_ids_in_file()


def test_link_tables_are_folded_in_file_order(flat):
    # read by hand from data/evidence/finding_*.csv
    row = flat.loc["F-T1-01"]
    assert row["pathway_ids"] == "bmp_smad; hif1a_vegf"
    assert row["pathways"] == "BMP/Smad signalling (up); HIF-1α/VEGF signalling (up)"
    assert row["effect_ids"] == "osteogenesis; angiogenesis; bone_repair"
    assert row["ref_ids"] == "63"
    assert flat.loc["F-N023", "ref_ids"] == "94; 95; 96"
    assert flat.loc["F-N071", "ref_ids"] == "154; 164"
    assert flat.loc["F-T1-05", "targets"].startswith("OCN (up)")


def test_source_labels_and_hierarchy(flat):
    assert flat.loc["F-N033", "source"] == "Mature dendritic cell"
    assert flat.loc["F-N033", "source_parent"] == "Dendritic cell"
    assert flat.loc["F-N032", "source_parent"] == ""
    assert flat.loc["F-T1-01", "compartment"] == "Bone-derived"


def test_errata_are_applied(flat):
    # E059: Col-292 -> Col-2; E063: NF-KB -> NF-κB; E057: SPEED1 -> SPRED1
    assert "Col-2" in flat.loc["F-N023", "review_terms"].split(SEPARATOR)
    assert "Col-292" not in flat.loc["F-N023", "review_terms"]
    assert "NF-κB" in flat.loc["F-N100", "review_terms"].split(SEPARATOR)
    assert "SPRED1" in flat.loc["F-T5-01", "review_terms"].split(SEPARATOR)
    assert "SPEED1" not in " ".join(flat["review_terms"])


def test_every_column_is_documented(flat):
    dictionary = flat_dictionary()
    assert list(dictionary["column"]) == list(flat.columns)
    assert (dictionary["description"].str.len() > 10).all()


def test_a_column_added_to_findings_flows_through(data_copy):
    """Issue 13 adds a column to findings.csv: it must reach the export, documented."""
    path = data_copy / "evidence" / "findings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",evidence_kind"] + [line + ",review" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    schema_path = data_copy / "schemas" / "findings.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"].append(
        {"name": "evidence_kind", "type": "string", "description": "Review or added evidence."}
    )
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    flat = findings_flat(data_copy)
    assert set(flat["evidence_kind"]) == {"review"}
    dictionary = flat_dictionary(data_copy).set_index("column")
    assert dictionary.loc["evidence_kind", "description"] == "Review or added evidence."


def test_a_value_containing_the_separator_is_an_error(data_copy):
    path = data_copy / "vocab" / "targets.csv"
    text = path.read_text(encoding="utf-8")
    assert "SPRY2,SPRY2,gene" in text
    path.write_text(text.replace("SPRY2,SPRY2,gene", "SPRY2,SPRY2; sprouty 2,gene"), "utf-8")
    # refused when the data are loaded, before the table is built: nothing is joined ambiguously
    with pytest.raises(
        ValueError,
        match=r"data/vocab/targets.csv, row \d+, column 'label', "
        r"value 'SPRY2; sprouty 2': holds '; '",
    ):
        findings_flat(data_copy)


def test_cited_in_names_table_rows_findings_and_figures():
    from exobone.compute.cited_in import cited_in

    places = cited_in()
    ref63 = places[places["ref_id"] == 63]
    # data/review/table_row_refs.csv: T1-01 cites 63; finding_refs: F-T1-01 and F-N001 cite it
    assert ("table row", "T1-01") in set(zip(ref63["kind"], ref63["place"], strict=True))
    assert {"F-T1-01", "F-N001"} <= set(ref63.loc[ref63["kind"] == "finding", "place"])
    ref40 = places[places["ref_id"] == 40]  # biogenesis_regulator_refs: ESCRT cites 40
    assert list(ref40.loc[ref40["kind"] == "Fig. 2", "place"]) == ["Fig. 2"]
    assert not places.duplicated().any()
