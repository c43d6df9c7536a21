"""Figures 1a, 1c and 3 are counts over non-bone-derived findings: handmade frames in, handmade
counts out."""

import pandas as pd

from exobone.compute import review_figures as rf

PER_SOURCE = pd.DataFrame(
    {
        "source_id": ["bmsc", "m2", "ucmsc", "schwann", "amsc", "platelet"],
        "label": ["BMSC", "M2", "ucMSC", "Schwann", "AMSC", "Platelet"],
        "lineage_group": ["bone_cells", "immune", "stem_cells", "nerve", "stem_cells", "blood"],
        "compartment": [
            "bone_derived",
            "non_bone_bm_microenvironment",
            "non_bone_outside_bm",
            "non_bone_outside_bm",
            "non_bone_outside_bm",
            "non_bone_outside_bm",
        ],
        "n_findings": [9, 2, 3, 1, 3, 0],
    }
)


def test_main_sources_drops_bone_derived_and_empty_and_orders_by_lineage():
    out = rf.main_sources(PER_SOURCE)
    # immune before stem cells before nerve; within stem cells a tie on 3 is broken by label
    assert out["source_id"].tolist() == ["m2", "amsc", "ucmsc", "schwann"]
    assert out["n_findings"].tolist() == [2, 3, 3, 1]


EFFECTS = pd.DataFrame(
    {
        "finding_id": ["F1", "F1", "F1", "F2", "F3", "F4", "F5"],
        "source_id": ["m2", "m2", "m2", "ucmsc", "bmsc", "m1", "ucmsc"],
        "compartment": [
            "non_bone_bm_microenvironment",
            "non_bone_bm_microenvironment",
            "non_bone_bm_microenvironment",
            "non_bone_outside_bm",
            "bone_derived",
            "non_bone_bm_microenvironment",
            "non_bone_outside_bm",
        ],
        # F1 records osteogenic differentiation for two target cells: counted once
        "effect_id": ["ost", "ost", "angio", "ost", "ost", "ocl", "angio"],
        "effect_label": ["Osteo", "Osteo", "Angio", "Osteo", "Osteo", "Osteoclast", "Angio"],
        "process_group": ["osteogenesis", "osteogenesis", "angiogenesis", "osteogenesis",
                          "osteogenesis", "bone_resorption", "angiogenesis"],
        "bone_valence": [1, 1, 1, 1, 1, -1, 1],
        "disease_id": ["fracture", "fracture", "fracture", "", "fracture", "osteoporosis", "oa"],
    }
)  # fmt: skip


def test_positive_effects_count_distinct_non_bone_findings():
    out = rf.positive_effects(EFFECTS)
    # F3 is bone-derived, F4 harmful: neither counts; ties (2 and 2) ordered by label
    assert out[["effect_id", "n_findings", "n_sources"]].values.tolist() == [
        ["angio", 2, 2],
        ["ost", 2, 2],
    ]
    assert rf.positive_effects(EFFECTS, min_findings=3).empty


def test_disease_functions_keeps_zero_cells_and_needs_a_disease():
    diseases = pd.DataFrame(
        {"disease_id": ["fracture", "oa", "osteoporosis"], "label": ["Fracture", "OA", "OP"]}
    )
    out = rf.disease_functions(EFFECTS, diseases, groups=["angiogenesis", "osteogenesis"])
    assert out.to_dict() == {
        "angiogenesis": {"Fracture": 1, "OA": 1},
        "osteogenesis": {"Fracture": 1, "OA": 0},
    }


def test_biogenesis_counts_boxes_arrows_and_regulators():
    steps = pd.DataFrame(
        {
            "step_id": ["a", "b", "c"],
            "label": ["A", "B", "C"],
            "stage": ["I", "II", "III"],
            "kind": ["compartment"] * 3,
        }
    )
    edges = pd.DataFrame(
        {"from_step": ["a", "b"], "to_step": ["b", "c"], "stage": ["I", "II"], "label": ["x", "y"]}
    )
    regulators = pd.DataFrame(
        {"from_step": ["a", "a", "a"], "to_step": ["b", "b", "b"], "regulator": ["R1", "R2", "R3"]}
    )
    graph = rf.biogenesis_graph(steps, edges, regulators)
    assert rf.biogenesis_counts(graph) == {
        "n_steps": 3,
        "n_transitions": 2,
        "n_regulators": 3,
        "n_regulated": 1,
    }
