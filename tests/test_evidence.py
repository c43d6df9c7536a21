"""The evidence base: mapping functions on handmade input, integrity facts on the real data."""

import pandas as pd
import pytest

from exobone.compute import evidence
from exobone.data import paths
from exobone.data.load import DataValidationError, load
from tests.conftest import edit_line

SYNONYMS = pd.DataFrame(
    {
        "review_term": ["Wnt/β-catenin", "HIF-1α/VEGF", "HIF-1α/VEGF", "PI3K/Akt"],
        "pathway_id": ["wnt", "hif1", "vegf", "pi3k_akt"],
    }
)


def test_map_terms_is_case_and_space_insensitive():
    out = evidence.map_terms(["wnt/β-catenin ", "PI3K/Akt"], SYNONYMS, "pathway_id")
    assert out.values.tolist() == [["wnt/β-catenin ", "wnt"], ["PI3K/Akt", "pi3k_akt"]]


def test_compound_term_maps_to_each_pathway():
    out = evidence.map_terms(["HIF-1α/VEGF"], SYNONYMS, "pathway_id")
    assert out["pathway_id"].tolist() == ["hif1", "vegf"]


def test_unknown_terms_are_named():
    with pytest.raises(evidence.UnknownTermError, match="'Hedgehog'.*'Notch'"):
        evidence.map_terms(["Wnt/β-catenin", "Hedgehog", "Notch"], SYNONYMS, "pathway_id")


def test_ancestors_and_cycles():
    sources = pd.DataFrame(
        {"source_id": ["m2", "macrophage", "immune"], "parent_id": ["macrophage", "immune", ""]}
    )
    assert evidence.ancestors("m2", sources) == ["m2", "macrophage", "immune"]
    assert evidence.ancestors("immune", sources) == ["immune"]
    looped = sources.assign(parent_id=["macrophage", "m2", ""])
    with pytest.raises(ValueError, match="cycle"):
        evidence.ancestors("m2", looped)


# --- the real evidence base ----------------------------------------------------------------

FINDINGS = load("findings")


def test_every_table_row_is_a_finding_with_the_same_references():
    table = FINDINGS[FINDINGS["origin"] == "table"]
    assert table.groupby(table["table_row_id"].str[1])["finding_id"].count().to_dict() == {
        "1": 17,
        "2": 8,
        "3": 10,
        "4": 7,
        "5": 12,
    }
    refs = load("finding_refs")
    row_refs = load("table_row_refs")
    for f in table.itertuples(index=False):
        ours = sorted(refs.loc[refs["finding_id"] == f.finding_id, "ref_id"])
        assert ours == sorted(row_refs.loc[row_refs["row_id"] == f.table_row_id, "ref_id"])


def test_every_vocabulary_term_is_used():
    assert evidence.unused_vocabulary().empty


def test_the_eight_cited_statements_of_lines_189_to_280_are_findings():
    # (line, reference) pairs the review cites for a statement on bone or diagnosis
    refs = load("finding_refs").merge(FINDINGS, on="finding_id")
    pairs = set(zip(refs["source_line"].astype(int), refs["ref_id"].astype(int), strict=True))
    wanted = {(189, 119), (214, 139), (278, 192), (278, 196)}
    wanted |= {(280, n) for n in (197, 198, 199, 200)}
    assert wanted <= pairs


def test_blood_exosome_markers_are_biomarker_findings():
    markers = load("finding_markers").merge(FINDINGS, on="finding_id")
    assert set(markers["kind"]) == {"biomarker"}
    # line 280: miR-642a-3p [197], lncRNAs [198], four surface proteins [199] in plasma
    # exosomes for osteoporosis; fewer circulating exosomes in femoral head necrosis [200]
    plasma = markers[markers["body_fluid"] == "plasma"]
    assert set(plasma["condition_id"]) == {"osteoporosis"}
    assert {"miR-642a-3p", "PCBP2", "AARS", "PSMB9", "VSIR"} <= set(plasma["marker"])
    level = markers[markers["marker_kind"] == "exosome_level"]
    assert level[["condition_id", "direction", "source_line"]].values.tolist() == [
        ["onfh", "down", 280]
    ]


def test_attribution_doubts_are_data():
    uncited = FINDINGS.loc[FINDINGS["sentence_uncited"], "finding_id"].tolist()
    inferred = FINDINGS.loc[FINDINGS["vesicle_inferred"], "finding_id"].tolist()
    assert uncited == ["F-N017", "F-N100"]
    assert inferred == ["F-N034", "F-N082"]
    # the sentences name no vesicle: "monocytes can promote ..." and "scaffolds ... hDPSCs"
    lines = paths.SOURCE_TEXT.read_text(encoding="utf-8").split("\n")
    assert "monocytes can promote osteogenic differentiation" in lines[149 - 1]


def test_narrative_findings_come_from_the_narrative_sections():
    narrative = FINDINGS[FINDINGS["origin"] == "narrative"]
    assert len(narrative) > 0
    assert narrative["source_line"].between(100, 295).all()
    assert (narrative["table_row_id"] == "").all()


def test_direction_gives_bone_valence():
    long = evidence.effects_long()
    row = long[
        (long["finding_id"] == "F-T1-09") & (long["effect_id"] == "osteogenic_differentiation")
    ]
    assert row[["direction", "bone_valence"]].values.tolist() == [["down", -1]]
    row = long[(long["finding_id"] == "F-T1-10") & (long["effect_id"] == "osteoclastogenesis")]
    assert row[["direction", "bone_valence"]].values.tolist() == [["up", -1]]


def test_finding_with_unknown_source_fails_validation(data_copy):
    edit_line(
        data_copy / "evidence" / "findings.csv",
        3,
        "F-T1-02,review,table,T1-02,bmsc,",
        "F-T1-02,review,table,T1-02,martian_cell,",
    )
    with pytest.raises(DataValidationError) as err:
        load("findings", data_copy)
    assert (
        "data/evidence/findings.csv, row 3, column source_id, value 'martian_cell': unknown key"
        in str(err.value)
    )


def test_finding_with_unknown_pathway_fails_validation(data_copy):
    edit_line(
        data_copy / "evidence" / "finding_pathways.csv", 2, "F-T1-01,bmp_smad,", "F-T1-01,bmp_smud,"
    )
    with pytest.raises(DataValidationError) as err:
        load("finding_pathways", data_copy)
    where = "data/evidence/finding_pathways.csv, row 2, column pathway_id"
    assert f"{where}, value 'bmp_smud': unknown key" in str(err.value)


def test_every_pathway_term_of_the_findings_maps_through_the_synonym_table():
    links = load("finding_pathways")
    mapped = evidence.map_terms(
        links["review_term"].unique(), load("pathway_synonyms"), "pathway_id"
    )
    pairs = set(zip(mapped["review_term"], mapped["pathway_id"], strict=True))
    missing = [
        (r.finding_id, r.review_term, r.pathway_id)
        for r in links.itertuples(index=False)
        if (r.review_term, r.pathway_id) not in pairs
    ]
    assert missing == []


def test_markers_are_listed_once_per_marker_with_their_uses():
    markers = evidence.markers_with_findings().set_index(["finding_id", "marker"])
    # [199]: four surface proteins; [197]: one miRNA, both "to help predict and diagnose"
    assert markers.loc["F-N118"].index.tolist() == ["AARS", "PCBP2", "PSMB9", "VSIR"]
    row = markers.loc[("F-N116", "miR-642a-3p")]
    assert (row["use"], row["fluid"], row["where"]) == (
        "diagnostic, predictive",
        "plasma",
        "line 280",
    )
