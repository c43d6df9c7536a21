"""Figures 1b and 2, the network and the data model from data, on handmade frames."""

import html
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from exobone.compute import review_figures  # noqa: E402
from exobone.figures import biogenesis, diagrams, style, svg  # noqa: E402
from exobone.render import markdown  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- Fig. 1b --------------------------------------------------------------------------------

COMPOSITION = pd.DataFrame(
    {
        "component_class": ["protein", "lipid", "nucleic_acid", "protein", "lipid", "protein"],
        "member": ["CD9", "ceramide", "miRNA", "Alix", "Cholesterol", "CD63"],
        "subgroup": ["tetraspanin", "", "RNA", "MVB formation", "", "tetraspanin"],
        "named_as_marker": pd.array([False, False, False, True, False, True], dtype="boolean"),
        "source_line": [49, 47, 53, 49, 47, 41],
    }
)


def test_composition_members_groups_by_class_then_subgroup():
    members = review_figures.composition_members(COMPOSITION)
    assert members["class_label"].tolist() == [
        "Lipids",
        "Lipids",
        "Proteins",
        "Proteins",
        "Proteins",
        "Nucleic acids",
    ]
    assert members["member"].tolist() == ["ceramide", "Cholesterol", "Alix", "CD63", "CD9", "miRNA"]
    assert members["subgroup"].tolist() == [
        "",
        "",
        "MVB formation",
        "tetraspanin",
        "tetraspanin",
        "RNA",
    ]
    assert members["position"].tolist() == [0, 1, 0, 1, 2, 0]
    assert members["named_as_marker"].tolist() == [False, False, True, True, False, False]


def test_class_counts_in_review_order():
    counts = review_figures.class_counts(review_figures.composition_members(COMPOSITION))
    assert counts.to_dict() == {"Lipids": 2, "Proteins": 3, "Nucleic acids": 1}
    assert list(counts.index) == ["Lipids", "Proteins", "Nucleic acids"]


def test_unknown_component_class_is_refused():
    bad = COMPOSITION.assign(component_class=["sugar", *COMPOSITION["component_class"][1:]])
    with pytest.raises(ValueError, match="sugar"):
        review_figures.composition_members(bad)


def test_draw_composition_lists_every_member_in_its_class_panel():
    members = review_figures.composition_members(COMPOSITION)
    fig = diagrams.draw_composition(members)
    assert len(fig.axes) == 3
    for ax, cls in zip(fig.axes, ["lipid", "protein", "nucleic_acid"], strict=True):
        shown = [t.get_text() for t in ax.texts if t.get_gid() == f"member:{cls}"]
        assert shown == members.loc[members["component_class"] == cls, "member"].tolist()


# --- Fig. 2 ---------------------------------------------------------------------------------

STEPS = pd.DataFrame(
    {
        "step_id": ["membrane", "early", "late", "bin", "bin_end", "out"],
        "label": ["Membrane", "Early", "Late", "Bin", "Bin end", "Out"],
        "stage": ["I", "I", "II", "III", "III", "IV"],
        "kind": ["compartment", "compartment", "compartment", "compartment", "outcome", "outcome"],
        "source_line": [1, 1, 1, 1, 1, 1],
    }
)
EDGES = pd.DataFrame(
    {
        "from_step": ["membrane", "early", "late", "bin", "late"],
        "to_step": ["early", "late", "bin", "bin_end", "out"],
        "stage": ["I", "II", "III", "III", "IV"],
        "label": ["in", "mature", "to bin", "degrade", "leave"],
        "source_line": [1, 1, 1, 1, 1],
    }
)
REGULATORS = pd.DataFrame(
    {
        "from_step": ["late", "late", "early"],
        "to_step": ["out", "out", "late"],
        "regulator": ["Rab", "SNARE", "ESCRT"],
        "role": ["", "", ""],
        "source_line": [1, 1, 1],
    }
)


def test_graph_has_the_steps_and_transitions():
    graph = review_figures.biogenesis_graph(STEPS, EDGES, REGULATORS)
    assert sorted(graph.nodes) == sorted(STEPS["step_id"])
    assert sorted(graph.edges) == sorted(zip(EDGES["from_step"], EDGES["to_step"], strict=True))
    assert graph.nodes["bin_end"]["kind"] == "outcome"
    assert graph.edges["late", "bin"]["label"] == "to bin"
    assert graph.edges["late", "out"]["regulators"] == ["Rab", "SNARE"]
    assert graph.edges["early", "late"]["regulators"] == ["ESCRT"]
    assert graph.edges["membrane", "early"]["regulators"] == []


def test_graph_refuses_unknown_steps_and_regulators_off_any_transition():
    with pytest.raises(ValueError, match="nowhere"):
        review_figures.biogenesis_graph(
            STEPS, pd.concat([EDGES, EDGES.iloc[:1].assign(to_step="nowhere")])
        )
    stray = REGULATORS.assign(to_step=["bin_end", "out", "late"])
    with pytest.raises(ValueError, match="late -> bin_end"):
        review_figures.biogenesis_graph(STEPS, EDGES, stray)


def test_main_path_follows_the_latest_stage():
    graph = review_figures.biogenesis_graph(STEPS, EDGES)
    assert review_figures.main_path(graph, STEPS) == ["membrane", "early", "late", "out"]


def test_figure_data_has_one_row_per_transition_and_regulator():
    graph = review_figures.biogenesis_graph(STEPS, EDGES, REGULATORS)
    data = biogenesis.biogenesis_figure_data(graph)
    assert len(data) == 6  # 5 transitions, one of them with 2 regulators
    assert data[["from_step", "to_step", "regulator"]].values.tolist() == [
        ["membrane", "early", ""],
        ["early", "late", "ESCRT"],
        ["late", "bin", ""],
        ["bin", "bin_end", ""],
        ["late", "out", "Rab"],
        ["late", "out", "SNARE"],
    ]
    assert data.loc[4, ["from_label", "to_label", "transition"]].tolist() == [
        "Late",
        "Out",
        "leave",
    ]


def _texts(svg_markup: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg_markup)]


def _text_y(svg_markup: str, text: str) -> float:
    match = re.search(r'<text[^>]*\by="([-\d.]+)"[^>]*>' + re.escape(text) + "</text>", svg_markup)
    return float(match.group(1))


def test_fig2_draws_every_step_transition_regulator_and_stage_top_to_bottom():
    graph = review_figures.biogenesis_graph(STEPS, EDGES, REGULATORS)
    drawn = svg.inline(biogenesis.biogenesis_diagram(graph), "Fig. 2").svg
    texts = _texts(drawn)
    for text in [*STEPS["label"], *EDGES["label"], "Rab", "SNARE", "ESCRT"]:
        assert text in texts, text
    assert texts.count("Regulators (2)") == 1 and texts.count("Regulators (1)") == 1
    stages = [_text_y(drawn, f"Stage {s}") for s in ("I", "II", "III", "IV")]
    assert stages == sorted(stages)  # y grows downwards: stage I on top
    assert "Stage V" not in texts  # no step in stage V


def test_text_from_data_reaches_dot_as_text_not_as_markup():
    steps = STEPS.assign(label=STEPS["label"].where(STEPS["step_id"] != "out", "<b>x</b> \\N"))
    graph = review_figures.biogenesis_graph(steps, EDGES)
    drawn = svg.inline(biogenesis.biogenesis_diagram(graph), "Fig. 2").svg
    assert "<b>x</b> \\N" in _texts(drawn)  # shown as typed: no HTML label, no node name


def test_diagrams_are_svg_with_text_and_the_same_bytes_every_time():
    graph = review_figures.biogenesis_graph(STEPS, EDGES, REGULATORS)
    first = svg.inline(biogenesis.biogenesis_diagram(graph), "Fig. 2").svg
    second = svg.inline(biogenesis.biogenesis_diagram(graph), "Fig. 2").svg
    assert first == second
    assert first.startswith("<svg") and 'aria-label="Fig. 2"' in first
    composition = review_figures.composition_members(COMPOSITION)
    one = svg.inline(diagrams.draw_composition(composition), "1b").svg
    two = svg.inline(diagrams.draw_composition(composition), "1b").svg
    assert one == two and "Cholesterol" in _texts(one)


def test_entity_diagram_has_a_box_per_file_and_an_arrow_per_foreign_key():
    relations = pd.DataFrame(
        {"from": ["findings", "finding_refs", "sources"], "to": ["sources", "findings", "sources"]}
    )
    graph = diagrams.entity_diagram(["sources", "findings", "finding_refs", "trials"], relations)
    drawn = svg.inline(graph, "model").svg
    assert sorted(_texts(drawn)) == ["finding_refs", "findings", "sources", "trials"]
    assert drawn.count('class="edge"') == 2  # the self-reference of sources is left out


def test_pathway_network_colours_arrows_by_direction_and_marks_decreases_with_a_bar():
    paths = pd.DataFrame(
        {
            "source_id": ["s1", "s1", "s2"],
            "pathway_id": ["p1", "p1", "p1"],
            "effect_id": ["e1", "e2", "e1"],
            "change": ["up", "down", "up"],
            "bone_valence": [1, 1, -1],
            "n_findings": [2, 1, 1],
        }
    )
    graph = diagrams.pathway_network(
        paths,
        {"s1": "Source one", "s2": "Source two"},
        {"p1": "Pathway"},
        {"e1": "Effect one", "e2": "Effect two"},
        {"s1": "bone_derived", "s2": "non_bone_outside_bm"},
        {"bone_derived": "Bone-derived", "non_bone_outside_bm": "Outside"},
    )
    source = graph.source
    # each source its own pathway box: s1's and s2's Pathway are two nodes
    assert "s_s1 -> p_s1_p1" in source and "s_s2 -> p_s2_p1" in source
    assert f'p_s1_p1 -> e_e1 [arrowhead=normal color="{style.BENEFICIAL}" penwidth=1.6]' in source
    assert f'p_s1_p1 -> e_e2 [arrowhead=tee color="{style.BENEFICIAL}" penwidth=1]' in source
    assert f'p_s2_p1 -> e_e1 [arrowhead=normal color="{style.HARMFUL}" penwidth=1]' in source
    assert f'fillcolor="{style.COMPARTMENT["bone_derived"]}"' in source
    texts = _texts(svg.inline(graph, "network").svg)
    for text in ["Source one", "Source two", "Effect one", "Effect two", "Outside"]:
        assert texts.count(text) == 1, text
    assert texts.count("Pathway") == 2


def test_the_review_figure_1b_keeps_its_text_inside_the_panels():
    from exobone.data.load import load

    fig = diagrams.draw_composition(review_figures.composition_members(load("exosome_composition")))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        panel = ax.patches[0].get_window_extent(renderer)
        for text in ax.texts:
            extent = text.get_window_extent(renderer)
            assert panel.x0 <= extent.x0 and extent.x1 <= panel.x1, text.get_text()
            assert panel.y0 <= extent.y0 and extent.y1 <= panel.y1, text.get_text()


def test_citation_markdown():
    members = review_figures.composition_members(COMPOSITION)
    refs = pd.DataFrame(
        {
            "component_class": ["lipid", "protein", "protein"],
            "member": ["ceramide", "CD9", "CD63"],
            "ref_id": [20, 17, 8],
        }
    )
    assert markdown.composition_citations_markdown(members, refs, review_figures.CLASS_LABELS) == (
        "- **Lipids**: 2 members; cited: {cite}`ref020`\n"
        "- **Proteins**: 3 members, 2 named as marker proteins; cited: {cite}`ref008,ref017`\n"
        "- **Nucleic acids**: 1 member; no reference cited\n"
    )
    graph = review_figures.biogenesis_graph(STEPS, EDGES, REGULATORS)
    reg_refs = pd.DataFrame(
        {"from_step": ["late"], "to_step": ["out"], "regulator": ["Rab"], "ref_id": [58]}
    )
    text = markdown.regulators_markdown(graph, REGULATORS.assign(role=["a|b", "c", "d"]), reg_refs)
    assert text.count("| Regulator |") == 2  # two transitions have regulators
    assert "**Stage II: Early → Late** (mature)" in text
    assert "| Rab | a\\|b | 1 | {cite}`ref058` |" in text
    assert "| SNARE | c | 1 |  |" in text


def test_a_missing_dot_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    graph = diagrams.entity_diagram(["a"], pd.DataFrame({"from": [], "to": []}))
    with pytest.raises(RuntimeError, match="Graphviz's `dot` is not installed: run `make"):
        svg.inline(graph, "model")


def test_dot_labels_show_entities_and_markup_from_data_as_written():
    import graphviz

    graph = graphviz.Digraph()
    graph.node("a", diagrams.label("x &lt;b&gt; & <i>y</i> \\ z"))
    svg = graph.pipe(format="svg").decode()
    [text] = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    assert html.unescape(text) == "x &lt;b&gt; & <i>y</i> \\ z"
