"""Pathway families, miRNA arms and pathway inhibitors in the vocabularies, checked on the data."""

import re

from exobone.compute.flat import findings_flat
from exobone.data.load import load
from exobone.parse.citations import review_lines


def test_a_pathway_family_shares_one_kegg_map_with_its_pathways():
    pathways = load("pathways").merge(load("pathway_families"), on="family_id", suffixes=("", "_f"))
    assert (pathways["kegg_map"] == pathways["kegg_map_f"]).all()
    wnt = set(pathways.loc[pathways["family_id"] == "wnt_family", "pathway_id"])
    assert wnt == {"wnt", "wnt_beta_catenin"}


def test_the_wnt_family_finds_the_findings_recorded_without_a_branch():
    flat = findings_flat().set_index("finding_id")
    wnt = flat[flat["pathway_families"].str.contains("Wnt family", regex=False)]
    # AMSC miR-130a-3p [141] and hESC [168] are recorded under 'Wnt (branch not stated)'
    assert {"F-T4-05", "F-N085"} <= set(wnt.index)
    assert "Wnt/β-catenin signalling" not in flat.loc["F-T4-05", "pathways"]


def test_mirna_arms_are_grouped_under_one_cargo_with_the_arm_as_named():
    cargos = load("cargos").set_index("cargo_id")
    mirnas = cargos[cargos["cargo_type"] == "miRNA"]
    for cargo_id, row in mirnas.iterrows():
        m = re.fullmatch(r"((?:miR|let)-[0-9a-z]+)(?:-(3p|5p))?", cargo_id)
        if m:  # a named miRNA: its group is the name without the arm
            assert (row["cargo_group"], row["arm"]) == (m.group(1), m.group(2) or "not_stated")
    for a, b in [
        ("miR-19b", "miR-19b-3p"),
        ("miR-146a", "miR-146a-5p"),
        ("miR-21", "miR-21-5p"),
        ("miR-214", "miR-214-3p"),
    ]:
        assert cargos.loc[a, "cargo_group"] == cargos.loc[b, "cargo_group"] == a


def test_an_inhibitor_is_one_the_review_calls_so_on_its_line():
    lines = review_lines()
    for row in load("pathway_inhibitors").itertuples():
        assert row.review_term in lines[row.source_line - 1]
        assert row.target_id in row.review_term
