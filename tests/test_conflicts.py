"""Disagreements in direction: handmade frames, handmade expected rows; then the data."""

import pandas as pd

from exobone.compute.conflicts import (
    cargo_groups,
    conflict_table,
    conflicts,
    effect_conflicts,
    opposed,
    pathway_conflicts,
)

FINDINGS = pd.DataFrame(
    {"finding_id": ["F1", "F2", "F3", "F4"], "source_id": ["bmsc", "bmsc", "bmsc", "serum"]}
)
EFFECTS = pd.DataFrame(
    {
        "effect_id": ["osteogenesis", "adipogenesis", "osteoclastogenesis", "differentiation"],
        "process_group": ["osteogenesis", "adipogenesis", "bone_resorption", "other"],
        "bone_benefit_if_up": [1, -1, -1, 0],
    }
)
GROUPS = pd.DataFrame(
    {
        "finding_id": ["F1", "F2", "F3", "F4"],
        "cargo_group": ["miR-19b", "unspecified", "x", "miR-19b"],
    }
)


def test_opposed_lists_groups_with_both_signs_only():
    signed = pd.DataFrame(
        {
            "finding_id": ["A", "B", "C", "D"],
            "by": ["source"] * 4,
            "key": ["k", "k", "k", "j"],
            "subject": ["s", "s", "s", "s"],
            "sign": [1, -1, 1, 1],
        }
    )
    assert opposed(signed, "effect").values.tolist() == [
        ["effect", "source", "k", "s", "A; C", "B"]
    ]


def test_opposite_effects_on_bone_in_one_effect_group_by_source_and_by_cargo_group():
    finding_effects = pd.DataFrame(
        {
            "finding_id": ["F1", "F2", "F3", "F3", "F4"],
            "effect_id": [
                "osteogenesis",
                "osteogenesis",
                "differentiation",
                "osteoclastogenesis",
                "osteogenesis",
            ],
            "direction": ["up", "down", "down", "up", "down"],
        }
    )
    found = effect_conflicts(FINDINGS, finding_effects, EFFECTS, GROUPS)
    # bmsc: F1 raises osteogenesis, F2 lowers it; F3's differentiation has no value for bone
    # and its osteoclastogenesis is another group; miR-19b: F1 (bmsc) against F4 (serum)
    assert found.values.tolist() == [
        ["effect", "cargo", "miR-19b", "osteogenesis", "F1", "F4"],
        ["effect", "source", "bmsc", "osteogenesis", "F1", "F2"],
    ]


def test_a_lowered_inhibitor_raises_its_pathway_against_a_finding_that_lowers_it():
    pathways = pd.DataFrame(
        {"pathway_id": ["wnt", "wnt_bc", "mapk"], "family_id": ["wnt_f", "wnt_f", "mapk_f"]}
    )
    finding_pathways = pd.DataFrame(
        {"finding_id": ["F2", "F3"], "pathway_id": ["wnt_bc", "mapk"], "direction": ["down", "up"]}
    )
    targets = pd.DataFrame(
        {"finding_id": ["F1", "F3"], "target_id": ["SOST", "SOST"], "direction": ["down", "down"]}
    )
    inhibitors = pd.DataFrame({"target_id": ["SOST"], "pathway_id": ["wnt"]})
    found = pathway_conflicts(FINDINGS, finding_pathways, targets, pathways, inhibitors, GROUPS)
    # F1 and F3 lower SOST (Wnt raised), F2 lowers Wnt/β-catenin: one Wnt-family conflict
    assert found.values.tolist() == [["pathway", "source", "bmsc", "wnt_f", "F1; F3", "F2"]]


def test_cargo_groups_join_the_arms():
    links = pd.DataFrame({"finding_id": ["F1", "F2"], "cargo_id": ["miR-19b", "miR-19b-3p"]})
    cargos = pd.DataFrame(
        {"cargo_id": ["miR-19b", "miR-19b-3p"], "cargo_group": ["miR-19b", "miR-19b"]}
    )
    assert cargo_groups(links, cargos)["cargo_group"].tolist() == ["miR-19b", "miR-19b"]


def test_the_review_disagrees_on_mir_31a_and_mir_34a():
    found = conflicts().set_index(["kind", "by", "key", "subject"])
    # miR-31a-5p in BMSC exosomes: [80] among bone-forming miRNAs, [72] against osteogenesis
    assert found.loc[("effect", "cargo", "miR-31a", "osteogenesis"), "against"] == "F-T1-10"
    # miR-34a in adipose exosomes: against M2 polarisation [109], against M1 in osteolysis [111]
    assert found.loc[("effect", "cargo", "miR-34a", "immune_modulation")].tolist() == [
        "F-N038",
        "F-N036",
    ]


def test_the_conflict_table_shows_labels_and_both_sides():
    found = pd.DataFrame(
        [
            ["effect", "source", "bmsc", "osteogenesis", "F1", "F2"],
            ["pathway", "cargo", "miR-19b", "wnt_f", "F3", "F4"],
        ],
        columns=["kind", "by", "key", "subject", "for", "against"],
    )
    labels = {
        "sources": {"bmsc": "BMSC"},
        "process_groups": {"osteogenesis": "Osteogenesis"},
        "pathway_families": {"wnt_f": "Wnt family"},
    }
    table = conflict_table(found, labels)
    assert table.values.tolist() == [
        ["effect on bone", "source: BMSC", "Osteogenesis", "F1", "F2"],
        ["pathway direction", "cargo: miR-19b", "Wnt family", "F3", "F4"],
    ]
