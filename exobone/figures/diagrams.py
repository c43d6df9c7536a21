"""Diagrams: Figures 1b and 2 of the review redrawn from data, and the data model's diagram.

The frames and graphs come from :mod:`exobone.compute.figure_data`; here they get positions and
are drawn (matplotlib, fixed computed positions: the same data always gives the same picture).

- Fig. 1b: ``composition_members`` -> ``draw_composition`` (one panel per component class,
  members grouped by the subgroup the review puts them in, marker proteins flagged).
- Fig. 2: ``biogenesis_graph`` -> ``biogenesis_layout`` -> ``draw_biogenesis`` (a flow diagram,
  stages I-V from left to right, each transition labelled, regulators listed on their transition).
- The data model: ``draw_entity_diagram`` (resources as boxes, foreign keys as arrows).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from exobone.compute.figure_data import CLASS_LABELS
from exobone.figures.style import CLASS_COLOURS

MARKER_SYMBOL = "\u25cf"  # filled circle in front of marker proteins


# --- Fig. 1b: composition -----------------------------------------------------------------


def _panel_lines(group: pd.DataFrame) -> list[tuple[str, str, bool]]:
    """(kind, text, marker) lines of one class panel, in drawing order: 'heading' lines for
    subgroups, 'member' lines for members (marker: named as an exosome marker protein)."""
    lines: list[tuple[str, str, bool]] = []
    for subgroup, members in group.groupby("subgroup", sort=False):
        if subgroup:
            lines.append(("heading", subgroup[0].upper() + subgroup[1:], False))
        for row in members.itertuples(index=False):
            lines.append(("member", row.member, bool(row.named_as_marker)))
    return lines


def draw_composition(members: pd.DataFrame, width: float = 7.4) -> Figure:
    """Fig. 1b as three side-by-side panels, one per component class, listing the members.

    ``members`` is the output of :func:`composition_members`. Members the review calls exosome
    marker proteins carry a filled circle.
    """
    classes = [c for c in CLASS_LABELS if c in set(members["component_class"])]
    panels = {c: _panel_lines(members[members["component_class"] == c]) for c in classes}
    n_lines = max(len(lines) for lines in panels.values())
    line_h = 0.24  # inches per text line
    height = 1.15 + line_h * (n_lines + 1)
    fig, axes = plt.subplots(1, len(classes), figsize=(width, height), squeeze=False)
    for ax, cls in zip(axes[0], classes, strict=True):
        ax.set_xlim(0, 1)
        ax.set_ylim(0, height)
        ax.axis("off")
        ax.add_patch(
            FancyBboxPatch(
                (0.03, 0.3),
                0.94,
                height - 0.45,
                boxstyle="round,pad=0.0,rounding_size=0.04",
                fc=CLASS_COLOURS[cls],
                ec="#555555",
                lw=0.8,
                mutation_aspect=height,
            )
        )
        n = int((members["component_class"] == cls).sum())
        ax.text(
            0.5,
            height - 0.42,
            f"{CLASS_LABELS[cls]} ({n})",
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
        )
        y = height - 0.85
        for kind, text, marker in panels[cls]:
            if kind == "heading":
                y -= 0.06
                ax.text(0.07, y, text, ha="left", va="center", fontsize=8.5, style="italic")
            else:
                if marker:
                    ax.text(0.085, y, MARKER_SYMBOL, ha="left", va="center", fontsize=8)
                ax.text(0.15, y, text, ha="left", va="center", fontsize=9.5, gid=f"member:{cls}")
            y -= line_h
    fig.text(
        0.5,
        0.02,
        f"{MARKER_SYMBOL} named by the review as an exosome marker protein",
        ha="center",
        va="bottom",
        fontsize=8.5,
    )
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.06, wspace=0.04)
    return fig


# --- the data model ----------------------------------------------------------------------


def draw_entity_diagram(names: list[str], relations: pd.DataFrame, ax=None):
    """Resources as boxes, foreign keys as arrows; deterministic layered layout (no randomness):
    a resource's layer is the length of its longest chain of references to other resources.

    ``names``: every resource; ``relations``: ``exobone.data.schema.relations()``.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(names))
    graph.add_edges_from(
        (row["from"], row["to"]) for _, row in relations.iterrows() if row["from"] != row["to"]
    )
    layer = {}
    for node in reversed(list(nx.topological_sort(graph))):
        layer[node] = 1 + max((layer[t] for t in graph.successors(node)), default=-1)
    by_layer: dict[int, list[str]] = {}
    for node in sorted(graph.nodes):
        by_layer.setdefault(layer[node], []).append(node)
    pos = {
        node: (lay, -i + (len(nodes) - 1) / 2)
        for lay, nodes in by_layer.items()
        for i, node in enumerate(nodes)
    }
    height = max(len(nodes) for nodes in by_layer.values())
    if ax is None:
        _, ax = plt.subplots(figsize=(3.2 * (len(by_layer) + 1), 0.45 * height + 1.5))
    nx.draw_networkx_edges(
        graph, pos, ax=ax, arrows=True, arrowstyle="-|>", edge_color="#777777", node_size=2500
    )
    for node, (x, y) in pos.items():
        ax.text(
            x, y, node, ha="center", va="center", fontsize=8,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "#eef3f8", "edgecolor": "#4a6f8a"},
        )  # fmt: skip
    ax.set_xlim(-0.7, max(by_layer) + 0.7)
    ax.axis("off")
    return ax
