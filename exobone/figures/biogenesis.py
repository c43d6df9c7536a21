"""Fig. 2 of the review redrawn from data: the biogenesis of exosomes as a flow diagram.

``biogenesis_graph`` (in :mod:`exobone.compute.review_figures`) -> ``biogenesis_diagram``: stages
I-V as columns from left to right, one box per step, one arrow per transition with its label,
and the regulators of a transition listed in a box hung from a dot on its arrow. Graphviz
``dot`` places everything (no hand-written layout).
"""

from __future__ import annotations

import graphviz
import networkx as nx
import pandas as pd

from exobone.compute.review_figures import STAGES
from exobone.figures.diagrams import digraph, label
from exobone.figures.style import FONT_PT, INK, LINE, PALE

REGULATOR_INK = INK  # leader lines and dots of the regulator lists


def biogenesis_figure_data(graph: nx.DiGraph) -> pd.DataFrame:
    """The plotted data of Fig. 2: one row per transition and regulator (a transition without
    regulators has one row with an empty regulator), with both steps' labels, in stage order."""
    records = []
    for u, v, data in graph.edges(data=True):
        for regulator in data["regulators"] or [""]:
            records.append(
                {
                    "stage": data["stage"],
                    "from_step": u,
                    "to_step": v,
                    "from_label": graph.nodes[u]["label"],
                    "to_label": graph.nodes[v]["label"],
                    "transition": data["label"],
                    "regulator": regulator,
                }
            )
    frame = pd.DataFrame.from_records(records)
    frame["_stage"] = frame["stage"].map(STAGES.index)
    frame = frame.sort_values("_stage", kind="stable")
    return frame.drop(columns="_stage").reset_index(drop=True)


def biogenesis_diagram(graph: nx.DiGraph) -> graphviz.Digraph:
    """Fig. 2 as a Graphviz graph: a cluster per stage (``Stage I`` ... ``Stage V``), a box
    per step (rounded: a compartment; plain with a bold outline: an outcome), an arrow per
    transition labelled with the review's wording, and under a regulated transition a dot on
    its arrow with a dashed line to the list of its regulators."""
    dot = digraph("biogenesis", rankdir="TB", ranksep="0.3", nodesep="0.3", newrank="true")
    wrap = 18
    for stage in STAGES:
        steps = [n for n in graph if graph.nodes[n]["stage"] == stage]
        if not steps:
            continue
        with dot.subgraph(name=f"cluster_{stage}") as cluster:
            cluster.attr(
                label=f"Stage {stage}",
                style="filled",
                fillcolor=PALE,
                color=PALE,
                fontsize=f"{FONT_PT['title']:g}",
            )
            for n in steps:
                outcome = graph.nodes[n]["kind"] == "outcome"
                cluster.node(
                    n,
                    label(graph.nodes[n]["label"], 16),
                    style="filled" if outcome else "rounded,filled",
                    fillcolor="white",
                    penwidth="1.8" if outcome else "1",
                    color=INK if outcome else LINE,
                )
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        text = label(data["label"], wrap)
        if not data["regulators"]:
            dot.edge(u, v, label=text, fontsize=f"{FONT_PT['small']:g}")
            continue
        hub, box = f"hub{i}", f"regulators{i}"
        dot.node(hub, "", shape="point", width="0.08", color=REGULATOR_INK)
        dot.edge(u, hub, label=text, fontsize=f"{FONT_PT['small']:g}", arrowhead="none")
        dot.edge(hub, v)
        names = data["regulators"]
        dot.node(
            box,
            label("\n".join([f"Regulators ({len(names)})", *names]), align="left"),
            shape="box",
            style="filled",
            fillcolor="white",
            color=REGULATOR_INK,
            fontsize=f"{FONT_PT['small']:g}",
        )
        dot.edge(
            hub, box, style="dashed", arrowhead="none", color=REGULATOR_INK, constraint="false"
        )
        with dot.subgraph() as same:
            same.attr(rank="same")
            same.node(hub)
            same.node(box)
    return dot
