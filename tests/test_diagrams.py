"""Figures 1b and 2 from data: grouping, graph, layout and drawing, on handmade frames."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from exobone.compute import figure_data  # noqa: E402
from exobone.figures import biogenesis, diagrams  # noqa: E402
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
    members = figure_data.composition_members(COMPOSITION)
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
    counts = figure_data.class_counts(figure_data.composition_members(COMPOSITION))
    assert counts.to_dict() == {"Lipids": 2, "Proteins": 3, "Nucleic acids": 1}
    assert list(counts.index) == ["Lipids", "Proteins", "Nucleic acids"]


def test_unknown_component_class_is_refused():
    bad = COMPOSITION.assign(component_class=["sugar", *COMPOSITION["component_class"][1:]])
    with pytest.raises(ValueError, match="sugar"):
        figure_data.composition_members(bad)


def test_draw_composition_lists_every_member_in_its_class_panel():
    members = figure_data.composition_members(COMPOSITION)
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
    graph = figure_data.biogenesis_graph(STEPS, EDGES, REGULATORS)
    assert sorted(graph.nodes) == sorted(STEPS["step_id"])
    assert sorted(graph.edges) == sorted(zip(EDGES["from_step"], EDGES["to_step"], strict=True))
    assert graph.nodes["bin_end"]["kind"] == "outcome"
    assert graph.edges["late", "bin"]["label"] == "to bin"
    assert graph.edges["late", "out"]["regulators"] == ["Rab", "SNARE"]
    assert graph.edges["early", "late"]["regulators"] == ["ESCRT"]
    assert graph.edges["membrane", "early"]["regulators"] == []


def test_graph_refuses_unknown_steps_and_regulators_off_any_transition():
    with pytest.raises(ValueError, match="nowhere"):
        figure_data.biogenesis_graph(
            STEPS, pd.concat([EDGES, EDGES.iloc[:1].assign(to_step="nowhere")])
        )
    stray = REGULATORS.assign(to_step=["bin_end", "out", "late"])
    with pytest.raises(ValueError, match="late -> bin_end"):
        figure_data.biogenesis_graph(STEPS, EDGES, stray)


def test_layout_orders_stages_left_to_right():
    graph = figure_data.biogenesis_graph(STEPS, EDGES)
    pos = biogenesis.biogenesis_layout(graph, STEPS)
    assert pos == {
        "membrane": (0.0, 1.0),  # stage I has two steps on the main path: stacked
        "early": (0.0, 0.0),
        "late": (1.0, 0.0),
        "bin": (2.0, -1.0),  # first branch below, one row per step away from the main path
        "bin_end": (2.0, -2.0),
        "out": (3.0, 0.0),
    }
    stage_x = {
        s: [pos[n][0] for n in STEPS.loc[STEPS["stage"] == s, "step_id"]]
        for s in "I II III IV".split()
    }
    for left, right in [("I", "II"), ("II", "III"), ("III", "IV")]:
        assert max(stage_x[left]) < min(stage_x[right])


def test_main_path_follows_the_latest_stage():
    graph = figure_data.biogenesis_graph(STEPS, EDGES)
    assert figure_data.main_path(graph, STEPS) == ["membrane", "early", "late", "out"]


def test_second_branch_goes_above_the_main_path():
    steps = pd.concat(
        [
            STEPS,
            pd.DataFrame(
                [
                    {
                        "step_id": "side",
                        "label": "Side",
                        "stage": "III",
                        "kind": "compartment",
                        "source_line": 1,
                    }
                ]
            ),
        ]
    )
    edges = pd.concat(
        [
            EDGES,
            pd.DataFrame(
                [
                    {
                        "from_step": "late",
                        "to_step": "side",
                        "stage": "III",
                        "label": "x",
                        "source_line": 1,
                    }
                ]
            ),
        ]
    )
    pos = biogenesis.biogenesis_layout(figure_data.biogenesis_graph(steps, edges), steps)
    assert pos["bin"] == (2.0, -1.0) and pos["side"] == (2.0, 1.0)


def test_figure_data_has_one_row_per_transition_and_regulator():
    graph = figure_data.biogenesis_graph(STEPS, EDGES, REGULATORS)
    data = biogenesis.biogenesis_figure_data(graph, biogenesis.biogenesis_layout(graph, STEPS))
    assert len(data) == 6  # 5 transitions, one of them with 2 regulators
    assert data[["from_step", "to_step", "regulator"]].values.tolist() == [
        ["membrane", "early", ""],
        ["early", "late", "ESCRT"],
        ["late", "bin", ""],
        ["bin", "bin_end", ""],
        ["late", "out", "Rab"],
        ["late", "out", "SNARE"],
    ]


def test_clip_and_crossing_helpers():
    box = (-1.0, -0.5, 1.0, 0.5)
    assert biogenesis.clip_to_box((0.0, 0.0), (4.0, 0.0), box) == (1.0, 0.0)
    assert biogenesis.clip_to_box((0.0, 0.0), (0.0, -3.0), box) == (0.0, -0.5)
    assert biogenesis.crosses(((-2.0, 0.0), (2.0, 0.0)), box)
    assert not biogenesis.crosses(((-2.0, 1.0), (2.0, 1.0)), box)
    assert biogenesis.overlaps(box, (0.5, 0.0, 3.0, 1.0))
    assert not biogenesis.overlaps(box, (1.1, 0.0, 3.0, 1.0))


def test_the_review_figure_1b_keeps_its_text_inside_the_panels():
    from exobone.data.load import load

    fig = diagrams.draw_composition(figure_data.composition_members(load("exosome_composition")))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        panel = ax.patches[0].get_window_extent(renderer)
        for text in ax.texts:
            extent = text.get_window_extent(renderer)
            assert panel.x0 <= extent.x0 and extent.x1 <= panel.x1, text.get_text()
            assert panel.y0 <= extent.y0 and extent.y1 <= panel.y1, text.get_text()


def test_every_regulator_is_drawn_on_its_transition():
    graph = figure_data.biogenesis_graph(STEPS, EDGES, REGULATORS)
    fig = biogenesis.draw_biogenesis(graph, biogenesis.biogenesis_layout(graph, STEPS))
    texts = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}
    for row in REGULATORS.itertuples():
        lists = {gid: text for gid, text in texts.items() if row.regulator in text.split("\n")}
        assert list(lists) == [f"regulators:{row.from_step}->{row.to_step}"]
    assert texts["regulators:late->out"] == "Regulators (2)\nRab\nSNARE"
    # every step, transition label and stage is drawn once
    assert {g for g in texts if g.startswith("step:")} == {f"step:{s}" for s in STEPS["step_id"]}
    assert {g for g in texts if g.startswith("transition:")} == {
        f"transition:{a}->{b}" for a, b in zip(EDGES["from_step"], EDGES["to_step"], strict=True)
    }
    assert {g for g in texts if g.startswith("stage:")} == {
        "stage:I",
        "stage:II",
        "stage:III",
        "stage:IV",
    }
    assert "regulators:membrane->early" not in texts


def _label_clashes(fig) -> list[tuple[str, str]]:
    """Pairs of drawn texts (by gid) whose boxes overlap: labels against steps and labels."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    extents = {
        t.get_gid(): (t.get_bbox_patch() or t).get_window_extent(renderer)
        for t in fig.axes[0].texts
        if t.get_gid()
    }
    boxes = {g: e for g, e in extents.items() if g.split(":")[0] in {"step", "transition"}}
    labels = [g for g in boxes if g.startswith("transition:")]
    return [
        (a, b)
        for a in labels
        for b in boxes
        if b != a and not (b in labels and b < a) and boxes[a].overlaps(boxes[b])
    ]


def test_drawn_labels_do_not_overlap_step_boxes_or_each_other():
    graph = figure_data.biogenesis_graph(STEPS, EDGES, REGULATORS)
    fig = biogenesis.draw_biogenesis(graph, biogenesis.biogenesis_layout(graph, STEPS))
    assert _label_clashes(fig) == []


def test_the_review_figure_2_has_no_overlapping_labels():
    from exobone.data.load import load

    steps = load("biogenesis_steps")
    graph = figure_data.biogenesis_graph(
        steps, load("biogenesis_edges"), load("biogenesis_regulators")
    )
    fig = biogenesis.draw_biogenesis(graph, biogenesis.biogenesis_layout(graph, steps))
    assert _label_clashes(fig) == []


def test_review_figure_2_labels_every_transition_on_the_drawing():
    from exobone.data.load import load

    steps = load("biogenesis_steps")
    edges = load("biogenesis_edges")
    graph = figure_data.biogenesis_graph(steps, edges, load("biogenesis_regulators"))
    fig = biogenesis.draw_biogenesis(graph, biogenesis.biogenesis_layout(graph, steps))
    gids = [t.get_gid() or "" for t in fig.axes[0].texts]
    assert sorted(g for g in gids if g.startswith("transition:")) == sorted(
        f"transition:{a}->{b}" for a, b in zip(edges["from_step"], edges["to_step"], strict=True)
    )
    assert not [g for g in gids if g.startswith("mark:") or g == "transition-notes"]


def test_a_label_without_room_becomes_a_numbered_note():
    edges = EDGES.assign(label=EDGES["label"].where(EDGES["to_step"] != "out", "word " * 150))
    graph = figure_data.biogenesis_graph(STEPS, edges)
    fig = biogenesis.draw_biogenesis(graph, biogenesis.biogenesis_layout(graph, STEPS))
    texts = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}
    assert texts["mark:late->out"] == "1"
    assert texts["transition-notes"].startswith("(1) word word")
    assert "transition:late->out" not in texts
    assert "transition:late->bin" in texts


def test_citation_markdown():
    members = figure_data.composition_members(COMPOSITION)
    refs = pd.DataFrame(
        {
            "component_class": ["lipid", "protein", "protein"],
            "member": ["ceramide", "CD9", "CD63"],
            "ref_id": [20, 17, 8],
        }
    )
    assert markdown.composition_citations_markdown(members, refs, figure_data.CLASS_LABELS) == (
        "- **Lipids**: 2 members; cited: {cite}`ref020`\n"
        "- **Proteins**: 3 members, 2 named as marker proteins; cited: {cite}`ref008,ref017`\n"
        "- **Nucleic acids**: 1 member; no reference cited\n"
    )
    graph = figure_data.biogenesis_graph(STEPS, EDGES, REGULATORS)
    reg_refs = pd.DataFrame(
        {"from_step": ["late"], "to_step": ["out"], "regulator": ["Rab"], "ref_id": [58]}
    )
    text = markdown.regulators_markdown(graph, REGULATORS.assign(role=["a|b", "c", "d"]), reg_refs)
    assert text.count("| Regulator |") == 2  # two transitions have regulators
    assert "**Stage II: Early → Late** (mature)" in text
    assert "| Rab | a\\|b | 1 | {cite}`ref058` |" in text
    assert "| SNARE | c | 1 |  |" in text
