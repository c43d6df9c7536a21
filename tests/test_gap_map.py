"""The evidence gap map's data (handmade frames) and its HTML (escaping, hostile labels)."""

import json
import re

import pandas as pd

from exobone.compute.gap_map import direction_of, gap_map_data, map_payload
from exobone.figures import style
from exobone.render.gap_map import gap_map_html, inline_json

HOSTILE = '</script><script>alert("x")</script><!-- & \u2028'


def test_direction_of_a_set_of_bone_valences():
    assert direction_of([1, 1, 0]) == "good"
    assert direction_of([-1]) == "bad"
    assert direction_of([1, -1]) == "mixed"
    assert direction_of([0, 0]) == "none"
    assert direction_of([]) == "none"


def _tables() -> dict[str, pd.DataFrame]:
    """Two sources in two compartments, three findings, one reference each (F2 and F3 share)."""
    f = pd.DataFrame(
        {
            "finding_id": ["F1", "F2", "F3"],
            "source_id": ["a", "a", "b"],
            "evidence": ["review", "review", "added"],
            "claim": ["one", "two", HOSTILE],
            "source_line": [10, 11, None],
            "locator": ["", "", "Fig. 2"],
            "disease_id": ["", "op", ""],
        }
    )
    return {
        "findings": f,
        "sources": pd.DataFrame(
            {"source_id": ["b", "a"], "label": ["Source B", HOSTILE], "compartment": ["c2", "c1"]}
        ),
        "compartments": pd.DataFrame(
            {"compartment_id": ["c1", "c2"], "label": ["First", "Second"], "position": [1, 2]}
        ),
        "effects": pd.DataFrame(
            {
                "effect_id": ["ost", "ocl", "x"],
                "process_group": ["osteogenesis", "bone_resorption", "other"],
                "bone_benefit_if_up": [1, -1, 0],
            }
        ),
        "finding_effects": pd.DataFrame(
            {
                "finding_id": ["F1", "F2", "F2", "F3"],
                "effect_id": ["ost", "ost", "ocl", "x"],
                "direction": ["up", "down", "up", "up"],
            }
        ),
        "pathways": pd.DataFrame({"pathway_id": ["wnt_bc"], "family_id": ["wnt_f"]}),
        "pathway_families": pd.DataFrame(
            {"family_id": ["wnt_f"], "label": ["Wnt family"], "position": [1]}
        ),
        "finding_pathways": pd.DataFrame({"finding_id": ["F1"], "pathway_id": ["wnt_bc"]}),
        "diseases": pd.DataFrame({"disease_id": ["op"], "label": ["Osteoporosis"]}),
        "cargos": pd.DataFrame(
            {
                "cargo_id": ["miR-1-3p", "unspecified"],
                "cargo_type": ["miRNA", "unspecified"],
                "cargo_group": ["miR-1", "unspecified"],
                "arm": ["3p", None],
            }
        ),
        "finding_cargos": pd.DataFrame(
            {
                "finding_id": ["F1", "F2", "F3"],
                "cargo_id": ["miR-1-3p", "unspecified", "unspecified"],
            }
        ),
        "cargo_types": pd.DataFrame(
            {"cargo_type": ["miRNA", "unspecified"], "label": ["MicroRNA", "Not named"]}
        ),
        "model_systems": pd.DataFrame(
            {"model_system_id": ["animal", "unspecified"], "label": ["Animal model", "Not stated"]}
        ),
        "species": pd.DataFrame(
            {"species_id": ["rat", "unspecified"], "label": ["Rat", "Not stated"]}
        ),
        "finding_models": pd.DataFrame(
            {
                "finding_id": ["F1", "F2", "F3"],
                "model_system_id": ["animal", "unspecified", "unspecified"],
                "species_id": ["rat", "unspecified", "unspecified"],
            }
        ),
        "references": pd.DataFrame(
            {
                "ref_id": [7, 8],
                "first_author_surname": ["Li", "Wu"],
                "year": [2020, None],
                "title": ["T7", "T8"],
            }
        ),
        "added_references": pd.DataFrame(
            {"ref_id": ["A1"], "authors": ["Roe J, Doe K"], "year": [2025], "title": ["TA"]}
        ),
        "finding_refs": pd.DataFrame({"finding_id": ["F1", "F2"], "ref_id": [7, 7]}),
        "finding_added_refs": pd.DataFrame({"finding_id": ["F3"], "ref_id": ["A1"]}),
    }


NO_CONFLICTS = pd.DataFrame(columns=["kind", "by", "key", "subject", "for", "against"])


def test_the_payload_places_each_finding_in_its_cells_with_its_direction_for_bone():
    payload = map_payload(_tables(), NO_CONFLICTS)
    by_id = {f["id"]: f for f in payload["findings"]}
    assert by_id["F1"]["cols"] == {
        "effect": {"osteogenesis": "good"},
        "family": {"wnt_f": "good"},
        "disease": {},
    }
    # F2 lowers osteogenesis and raises resorption: bad in both groups, bad overall
    assert by_id["F2"]["cols"]["effect"] == {"osteogenesis": "bad", "bone_resorption": "bad"}
    assert by_id["F2"]["cols"]["disease"] == {"op": "bad"}
    assert by_id["F3"]["bone"] == "none" and by_id["F3"]["where"] == "Fig. 2"
    assert by_id["F1"]["models"] == ["animal"] and by_id["F1"]["species"] == ["rat"]
    assert by_id["F1"]["cargos"] == ["miR-1-3p (3p arm)"] and by_id["F2"]["cargos"] == []
    assert by_id["F3"]["refs"] == ["A1"] and payload["refs"]["A1"]["author"] == "Roe"
    assert sorted(payload["refs"]) == ["7", "A1"]  # only references a finding cites
    # rows: compartments in order, then the vocabulary's order
    assert [r["id"] for r in payload["rows"]] == ["a", "b"]
    assert [c["id"] for c in payload["axes"]["effect"]["columns"]] == [
        "osteogenesis",
        "bone_resorption",
        "other",
    ]


def test_conflicts_within_a_source_are_placed_on_the_map_and_cargo_ones_are_not():
    found = pd.DataFrame(
        [
            ["effect", "source", "a", "osteogenesis", "F1", "F2"],
            ["effect", "cargo", "miR-1", "osteogenesis", "F1", "F2"],
        ],
        columns=NO_CONFLICTS.columns,
    )
    assert map_payload(_tables(), found)["conflicts"] == [
        {"axis": "effect", "row": "a", "col": "osteogenesis", "for": ["F1"], "against": ["F2"]}
    ]


def test_inline_json_cannot_end_its_script_element_and_reads_back_unchanged():
    text = inline_json({"label": HOSTILE})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": HOSTILE}


def test_the_html_escapes_hostile_labels_everywhere():
    payload = map_payload(_tables(), NO_CONFLICTS)
    payload["filters"]["model"][0]["label"] = HOSTILE
    html = gap_map_html(payload, style.GAP_MAP, map_id="m")
    # exactly the two script elements the map writes: the data and the code
    assert len(re.findall(r"<script\b", html)) == 2
    assert html.count("</script>") == 2
    assert "<script>alert" not in html and "<!--" not in html
    assert "&lt;/script&gt;" in html  # the hostile option label, escaped


def test_the_real_payload_counts_every_finding_once():
    payload = gap_map_data()
    ids = [f["id"] for f in payload["findings"]]
    assert len(ids) == len(set(ids)) == len(pd.read_csv("data/evidence/findings.csv"))


def test_heatmap_links_point_at_the_maps_cell_and_skip_zeros_and_not_stated():
    from exobone.render.gap_map import heatmap_links

    matrix = pd.DataFrame(
        {"wnt_beta_catenin": [1, 0], "not stated": [2, 3]}, index=["bmsc", "amsc"]
    )
    links = heatmap_links(matrix, "family", {"wnt_beta_catenin": "wnt_family"})
    assert links.values.tolist() == [
        ["14_evidence_map.html#map&axis=family&cell=bmsc~wnt_family", ""],
        ["", ""],
    ]


def test_a_heatmap_count_is_a_link_in_the_svg():
    from exobone.figures import charts, svg

    table = pd.DataFrame({"A": [1, 0], "B": [2, 1]}, index=["r1", "r2"])
    links = pd.DataFrame({"A": ["a1.html", ""], "B": ["b1.html", "b2.html"]}, index=table.index)
    linked = re.compile(r'<a xlink:href="([^"]+)">\s*<text[^>]*>(\d)</text>')
    for by_totals in (False, True):  # reordered by totals, each count keeps its own link
        drawn = svg.inline(
            charts.count_heatmap(table, "x", "y", order_by_totals=by_totals, links=links).figure,
            alt="t",
        ).html
        assert sorted(linked.findall(drawn)) == [
            ("a1.html", "1"),
            ("b1.html", "2"),
            ("b2.html", "1"),
        ]
        assert 'role="group"' in drawn and "_blank" not in drawn
