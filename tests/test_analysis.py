"""exobone.compute.summaries, .network and .claims on handmade frames and expected results."""

import pandas as pd
import pytest

from exobone.compute import claims as claims_module
from exobone.compute import network
from exobone.compute import summaries as analysis
from exobone.compute.evidence import effects_long

FINDINGS = pd.DataFrame(
    {
        "finding_id": ["F1", "F2", "F3", "F4"],
        "source_id": ["a", "a", "b", "c"],
        "disease_id": ["op", "", "op", "oa"],
    }
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c", "z"],
        "label": ["A", "B", "C", "Z"],
        "lineage_group": ["g1", "g1", "g2", "g2"],
        "compartment": ["bone", "bone", "non", "non"],
    }
)
REFS = pd.DataFrame({"finding_id": ["F1", "F2", "F2", "F3", "F4"], "ref_id": [1, 1, 2, 3, 3]})
# F1 has two pathways; F2 lists p1 twice; F4 only p3
PATHWAYS = pd.DataFrame(
    {
        "finding_id": ["F1", "F1", "F2", "F2", "F3", "F4"],
        "pathway_id": ["p1", "p2", "p1", "p1", "p1", "p3"],
    }
)


def test_findings_per_source_keeps_sources_without_findings():
    got = analysis.findings_per_source(FINDINGS, SOURCES, REFS)
    assert got["source_id"].tolist() == ["a", "b", "c", "z"]  # tie b/c broken by name
    assert got["n_findings"].tolist() == [2, 1, 1, 0]
    assert got["n_refs"].tolist() == [2, 1, 1, 0]  # a: refs 1 and 2, ref 1 counted once
    assert got["single_study"].tolist() == [False, True, True, False]
    assert got["compartment"].tolist() == ["bone", "bone", "non", "non"]


def test_source_pathway_matrix_counts_each_finding_once_per_pathway():
    got = analysis.source_pathway_matrix(FINDINGS, PATHWAYS, order="alpha")
    expected = pd.DataFrame(
        [[2, 1, 0], [1, 0, 0], [0, 0, 1]],
        index=pd.Index(["a", "b", "c"], name="source_id"),
        columns=pd.Index(["p1", "p2", "p3"], name="pathway_id"),
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_cluster_order_sorts_columns_by_total_and_rows_by_main_pathway():
    got = analysis.source_pathway_matrix(FINDINGS, PATHWAYS, order="cluster")
    assert got.columns.tolist() == ["p1", "p2", "p3"]  # totals 3, 1, 1; tie p2/p3 by name
    assert got.index.tolist() == ["a", "b", "c"]  # a, b peak at p1 (a larger); c at p3
    with pytest.raises(ValueError, match="order"):
        analysis.source_pathway_matrix(FINDINGS, PATHWAYS, order="random")


def test_recurring_and_unique_pathways():
    matrix = analysis.source_pathway_matrix(FINDINGS, PATHWAYS)
    rec = analysis.recurring_pathways(matrix)
    assert rec.to_dict("records") == [
        {"pathway_id": "p1", "n_sources": 2, "n_findings": 3, "sources": "a, b"}
    ]
    uni = analysis.unique_pathways(matrix)
    assert uni.to_dict("records") == [
        {"pathway_id": "p2", "source_id": "a", "n_findings": 1},
        {"pathway_id": "p3", "source_id": "c", "n_findings": 1},
    ]
    assert len(analysis.recurring_pathways(matrix, min_sources=3)) == 0


CARGOS = pd.DataFrame(
    {
        "cargo_id": ["m1", "m2", "prot", "unspecified"],
        "cargo_type": ["miRNA", "miRNA", "protein", "unspecified"],
    }
)
FINDING_CARGOS = pd.DataFrame(
    {
        "finding_id": ["F1", "F1", "F1", "F2", "F3", "F4", "F4"],
        "cargo_id": ["m1", "m1", "prot", "unspecified", "m1", "m2", "unspecified"],
    }
)
# F1 beneficial, F3 harmful, F4 both at once
EFFECTS_LONG = pd.DataFrame(
    {
        "finding_id": ["F1", "F1", "F1", "F2", "F3", "F4", "F4"],
        "effect_id": ["ost", "ost", "ocl", "ost", "ost", "ost", "ocl"],
        "source_id": ["a", "a", "a", "a", "b", "c", "c"],
        "compartment": ["bone", "bone", "bone", "bone", "bone", "non", "non"],
        "bone_valence": [1, 1, 1, 0, -1, 1, -1],
    }
)


def test_cargo_types_per_source_counts_duplicate_links_once():
    got = analysis.cargo_types_per_source(FINDINGS, FINDING_CARGOS, CARGOS)
    expected = pd.DataFrame(
        [[1, 1, 1], [1, 1, 0], [1, 0, 0]],
        index=pd.Index(["a", "c", "b"], name="source_id"),
        columns=pd.Index(["miRNA", "unspecified", "protein"], name="cargo_type"),
    )
    # a: m1 once (listed twice), prot, unspecified; totals a=3, c=2, b=1
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_recurring_cargos_flags_opposite_valence_in_different_findings():
    got = analysis.recurring_cargos(FINDINGS, FINDING_CARGOS, EFFECTS_LONG)
    assert got.to_dict("records") == [
        {
            "cargo_id": "m1",
            "sources": "a, b",
            "n_sources": 2,
            "n_findings": 2,
            "n_beneficial_findings": 1,
            "n_harmful_findings": 1,
            "opposite_valence": True,
        }
    ]
    # one finding that is both beneficial and harmful is not "opposite in different findings"
    one = analysis.recurring_cargos(FINDINGS, FINDING_CARGOS, EFFECTS_LONG, min_sources=1)
    assert one.set_index("cargo_id")["opposite_valence"].to_dict() == {
        "m1": True,
        "m2": False,
        "prot": False,
    }


def test_direction_by_source_counts_each_finding_effect_once():
    got = analysis.direction_by_source(EFFECTS_LONG)
    assert got.to_dict("records") == [
        # a: F1 ost (twice -> once) + F1 ocl beneficial, F2 unclear
        {
            "source_id": "a",
            "n_beneficial": 2,
            "n_harmful": 0,
            "n_unclear": 1,
            "net": 2,
            "n_findings": 2,
        },
        {
            "source_id": "c",
            "n_beneficial": 1,
            "n_harmful": 1,
            "n_unclear": 0,
            "net": 0,
            "n_findings": 1,
        },
        {
            "source_id": "b",
            "n_beneficial": 0,
            "n_harmful": 1,
            "n_unclear": 0,
            "net": -1,
            "n_findings": 1,
        },
    ]


def test_conflicting_valence_of_one_finding_effect_is_unclear():
    frame = pd.DataFrame(
        {
            "finding_id": ["F1", "F1"],
            "effect_id": ["e", "e"],
            "source_id": ["a", "a"],
            "bone_valence": [1, -1],
        }
    )
    got = analysis.direction_by_source(frame).iloc[0]
    assert (got["n_beneficial"], got["n_harmful"], got["n_unclear"]) == (0, 0, 1)


def test_valence_of_up_and_down_on_a_harmful_effect():
    """In the review's data: M1 exosomes (miR-98) raise osteoclastogenesis -> harmful;
    M2 exosomes (IL-10 mRNA) lower osteoclastogenesis -> beneficial (Table 2, lines 126, 129)."""
    frame = effects_long().set_index(["finding_id", "effect_id"])
    assert frame.loc[("F-T2-08", "osteoclastogenesis"), "direction"] == "up"
    assert frame.loc[("F-T2-08", "osteoclastogenesis"), "bone_valence"] == -1
    assert frame.loc[("F-T2-05", "osteoclastogenesis"), "direction"] == "down"
    assert frame.loc[("F-T2-05", "osteoclastogenesis"), "bone_valence"] == 1


def test_compare_compartments_side_by_side():
    got = analysis.compare_compartments(EFFECTS_LONG, ["non", "bone", "other"])
    assert got.columns.tolist() == ["non", "bone", "other"]
    assert got["bone"].to_dict() == {
        "n_sources": 2,
        "n_findings": 3,
        "n_beneficial": 2,
        "n_harmful": 1,
        "n_unclear": 1,
        "net": 1,
        "share_beneficial": 0.5,
    }
    assert got["non"]["share_beneficial"] == 0.5
    assert (got["other"] == 0).all()


def test_evidence_map_keeps_zero_cells_and_universes():
    got = analysis.evidence_map(FINDINGS, "disease_id", row_universe=["a", "b", "c", "z"])
    expected = pd.DataFrame(
        [[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 0]],
        index=pd.Index(["a", "b", "c", "z"], name="source_id"),
        columns=pd.Index(["op", "not stated", "oa"], name="disease_id"),
    )
    # columns by total (op 2, then the tie "not stated"/oa by name); rows by total then name;
    # z has no finding and stays as a row of zeros
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_evidence_map_counts_a_finding_once_per_cell():
    frame = EFFECTS_LONG.assign(process_group=["o", "o", "r", "o", "o", "o", "r"])
    got = analysis.evidence_map(frame, "process_group")
    assert got.loc["a", "o"] == 2  # F1 (twice) and F2
    assert got.loc["b", "r"] == 0


def test_network_edges_skip_missing_layers_and_weight_by_findings():
    cargos = pd.DataFrame({"finding_id": ["F1", "F1", "F3"], "cargo_id": ["m1", "m1", "m1"]})
    targets = pd.DataFrame({"finding_id": ["F1"], "target_id": ["T"]})
    pathways = pd.DataFrame({"finding_id": ["F3"], "pathway_id": ["p"]})
    effects = pd.DataFrame({"finding_id": ["F1", "F2", "F3"], "effect_id": ["e", "e", "e"]})
    got = network.network_edges(FINDINGS.iloc[:3], cargos, targets, pathways, effects)
    assert got.to_dict("records") == [
        {
            "from_layer": "source",
            "from_node": "source:a",
            "to_layer": "cargo",
            "to_node": "cargo:m1",
            "weight": 1,
        },
        {
            "from_layer": "source",
            "from_node": "source:b",
            "to_layer": "cargo",
            "to_node": "cargo:m1",
            "weight": 1,
        },
        {
            "from_layer": "source",
            "from_node": "source:a",
            "to_layer": "effect",
            "to_node": "effect:e",
            "weight": 1,
        },
        {
            "from_layer": "cargo",
            "from_node": "cargo:m1",
            "to_layer": "mechanism",
            "to_node": "mechanism:pathway:p",
            "weight": 1,
        },
        {
            "from_layer": "cargo",
            "from_node": "cargo:m1",
            "to_layer": "mechanism",
            "to_node": "mechanism:target:T",
            "weight": 1,
        },
        {
            "from_layer": "mechanism",
            "from_node": "mechanism:pathway:p",
            "to_layer": "effect",
            "to_node": "effect:e",
            "weight": 1,
        },
        {
            "from_layer": "mechanism",
            "from_node": "mechanism:target:T",
            "to_layer": "effect",
            "to_node": "effect:e",
            "weight": 1,
        },
    ]


def _osteo(rows):
    return pd.DataFrame(
        rows, columns=["finding_id", "effect_id", "source_id", "bone_valence"]
    ).assign(process_group="osteogenesis")


def test_comparative_claims_verdicts():
    claims = pd.DataFrame(
        {
            "claim": ["x harms, y helps", "x better than y"],
            "source_line": [1, 2],
            "first_source_id": ["x", "x"],
            "second_source_id": ["y", "y"],
            "kind": ["opposite", "better"],
        }
    )
    supports = _osteo([["F1", "e", "x", -1], ["F2", "e", "y", 1]])
    got = claims_module.comparative_claims(supports, claims)
    assert got["verdict"].tolist() == ["supports", "cannot test"]
    assert got.loc[0, "osteogenesis_pairs"] == "x: 0 up / 1 down; y: 1 up / 0 down"
    contradicts = _osteo([["F1", "e", "x", 1], ["F2", "e", "y", 1]])
    assert claims_module.comparative_claims(contradicts, claims)["verdict"][0] == "contradicts"
    mixed = _osteo([["F1", "e", "x", 1], ["F3", "e", "x", -1], ["F2", "e", "y", 1]])
    assert claims_module.comparative_claims(mixed, claims)["verdict"][0] == "mixed"
    absent = _osteo([["F2", "e", "y", 1]])
    assert claims_module.comparative_claims(absent, claims)["verdict"][0] == "cannot test"


def test_network_graph_nodes_sorted_by_layer_then_name():
    edges = pd.DataFrame(
        {
            "from_layer": ["source", "source", "cargo"],
            "from_node": ["source:b", "source:a", "cargo:m"],
            "to_layer": ["cargo", "cargo", "effect"],
            "to_node": ["cargo:m", "cargo:m", "effect:e"],
            "weight": [1, 2, 3],
        }
    )
    graph = network.network_graph(edges)
    assert list(graph.nodes) == ["source:a", "source:b", "cargo:m", "effect:e"]
    assert graph.nodes["effect:e"]["layer"] == 3
    assert graph["source:a"]["cargo:m"]["weight"] == 2


def test_pathway_paths_link_each_source_pathway_and_effect_once_per_finding():
    effects = pd.DataFrame(
        {
            "finding_id": ["F1", "F1", "F2", "F3", "F9"],
            "effect_id": ["ost", "ocl", "ost", "ost", "ost"],
            "direction": ["up", "down", "up", "down", "up"],
            "bone_valence": [1, 1, 1, -1, 1],
        }
    )
    got = network.pathway_paths(FINDINGS, PATHWAYS, effects)
    assert got.to_dict("records") == [
        # a: F1 (p1, p2) and F2 (p1, listed twice) raise ost; F1 lowers ocl
        {"source_id": "a", "pathway_id": "p1", "effect_id": "ocl", "change": "down",
         "bone_valence": 1, "n_findings": 1},
        {"source_id": "a", "pathway_id": "p1", "effect_id": "ost", "change": "up",
         "bone_valence": 1, "n_findings": 2},
        {"source_id": "a", "pathway_id": "p2", "effect_id": "ocl", "change": "down",
         "bone_valence": 1, "n_findings": 1},
        {"source_id": "a", "pathway_id": "p2", "effect_id": "ost", "change": "up",
         "bone_valence": 1, "n_findings": 1},
        {"source_id": "b", "pathway_id": "p1", "effect_id": "ost", "change": "down",
         "bone_valence": -1, "n_findings": 1},
    ]  # fmt: skip
    # F4 (source c, pathway p3) reports no effect; F9 names no pathway: neither appears


def test_pathway_spread_adds_up_whatever_the_threshold():
    matrix = pd.DataFrame(
        {"wnt": [1, 2, 1], "bmp": [0, 1, 1], "mapk": [0, 0, 3]}, index=["s1", "s2", "s3"]
    )
    assert analysis.pathway_spread(matrix, 2) == {
        "n_pathways": 3,
        "n_recurring": 2,
        "n_fewer": 1,
        "n_unique": 1,
    }
    assert analysis.pathway_spread(matrix, 3) == {
        "n_pathways": 3,
        "n_recurring": 1,
        "n_fewer": 2,
        "n_unique": 1,
    }


def test_findings_by_lineage_sums_sources_findings_and_single_studies():
    per_source = pd.DataFrame(
        {
            "source_id": ["a", "b", "c"],
            "compartment": ["x", "x", "y"],
            "lineage_group": ["l1", "l1", "l2"],
            "n_findings": [3, 1, 2],
            "single_study": [False, True, True],
        }
    )
    out = analysis.findings_by_lineage(per_source)
    assert out.to_dict("records") == [
        {"compartment": "x", "lineage_group": "l1", "sources": 2, "findings": 4, "single_study": 1},
        {"compartment": "y", "lineage_group": "l2", "sources": 1, "findings": 2, "single_study": 1},
    ]
