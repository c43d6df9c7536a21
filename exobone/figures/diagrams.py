"""Diagrams: Figure 1b of the review redrawn from data, the evidence network, the data model.

Layered diagrams are laid out by Graphviz ``dot`` (Debian's ``graphviz``, driven through the
``graphviz`` Python package): the functions build a graph and return it, ``svg.inline`` renders
it. Text from data passes :func:`label` (backslashes and ``<...>`` lose their meaning to DOT).

- Fig. 1b: ``composition_members`` -> ``draw_composition`` (matplotlib: one panel per
  component class, members grouped by the subgroup the review puts them in).
- The network: ``pathway_network`` (source -> pathway -> effect, edges coloured by direction).
- The data model: ``entity_diagram`` (resources as boxes, foreign keys as arrows).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import graphviz
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from exobone.compute.review_figures import CLASS_LABELS
from exobone.figures.style import (
    COMPARTMENT,
    DIRECTION,
    FONT_FAMILY,
    FONT_PT,
    INK,
    LINE,
    MAX_WIDTH_IN,
    PALE,
    ink_on,
    wrapped,
)

MARKER_SYMBOL = "\u25cf"  # filled circle in front of marker proteins


# --- Graphviz helpers -----------------------------------------------------------------------


def _dot_text(line: str) -> str:
    # dot reads '&...;' in any label as an entity: '&' itself must be written '&amp;'
    return graphviz.escape(line.replace("&", "&amp;"))


def label(text: str, width: int | None = None, align: str = "center") -> str:
    """DOT label text from data: each line escaped (a backslash, ``<...>`` or an entity such
    as ``&lt;`` in the data is shown, not interpreted), wrapped at ``width`` characters, lines
    joined by DOT's line breaks (``\\n`` centred, ``\\l`` left-aligned)."""
    lines = wrapped([text], width)[0].split("\n") if width else str(text).split("\n")
    if align == "left":
        body = "".join(_dot_text(line) + "\\l" for line in lines)
    else:
        body = "\\n".join(_dot_text(line) for line in lines)
    return graphviz.nohtml(body)


def digraph(name: str, rankdir: str = "LR", **graph_attr) -> graphviz.Digraph:
    """A Digraph in the book's style (font, sizes, neutral lines), deterministic output."""
    font = {"fontname": FONT_FAMILY, "fontsize": f"{FONT_PT['normal']:g}", "fontcolor": INK}
    return graphviz.Digraph(
        name,
        graph_attr={
            "rankdir": rankdir,
            "bgcolor": "white",
            "pad": "0.05",
            "nodesep": "0.12",
            "ranksep": "0.45",
            **font,
            **graph_attr,
        },
        node_attr={
            "shape": "box",
            "style": "rounded",
            "color": LINE,
            "margin": "0.08,0.04",
            **font,
        },
        edge_attr={"color": LINE, "arrowsize": "0.7", **font},
    )


# --- the evidence network -------------------------------------------------------------------


def _compartment_cluster(graph, comp, comp_label, sources, paths, source_labels, pathway_labels):
    """One compartment's frame of :func:`pathway_network`: its sources, each with its own
    pathway boxes."""
    with graph.subgraph(name=f"cluster_{comp}") as cluster:
        cluster.attr(
            label=label(comp_label, 40),
            labeljust="l",
            style="rounded",
            color=COMPARTMENT[comp],
            penwidth="1.5",
            fontsize=f"{FONT_PT['small']:g}",
        )
        fill = COMPARTMENT[comp]
        for s in sources:
            cluster.node(
                f"s_{s}",
                label(source_labels.get(s, s), 22),
                style="rounded,filled",
                fillcolor=fill,
                fontcolor=ink_on(fill),
            )
            mine = sorted(
                set(paths.loc[paths["source_id"] == s, "pathway_id"]),
                key=lambda p: str(pathway_labels.get(p, p)),
            )
            for p in mine:
                cluster.node(
                    f"p_{s}_{p}",
                    label(pathway_labels.get(p, p), 22),
                    style="rounded,filled",
                    fillcolor=PALE,
                )
                cluster.edge(f"s_{s}", f"p_{s}_{p}", arrowhead="none")


def pathway_network(
    paths: pd.DataFrame,
    source_labels: Mapping[str, str],
    pathway_labels: Mapping[str, str],
    effect_labels: Mapping[str, str],
    compartment_of: Mapping[str, str],
    compartment_labels: Mapping[str, str],
) -> graphviz.Digraph:
    """Source -> pathway -> effect, laid out left to right by ``dot``, so that a reader can
    follow one source to its pathways and on to the effects its findings report.

    ``paths`` is ``network.pathway_paths(...)``: one row per source, pathway, effect, change
    (up/down) and bone valence, with n_findings. Each source gets its own pathway boxes (a
    pathway two sources name appears once for each), and the sources of a compartment and
    their pathways sit in one frame of the compartment's colour. Effects are shared. An arrow
    from a pathway to an effect is as thick as its number of findings, coloured by the
    direction for bone (beneficial, harmful, unclear), and ends in an arrowhead where the
    effect goes up and in a bar (inhibition) where it goes down.
    """
    graph = digraph("pathways", ranksep="0.5", nodesep="0.08", newrank="true")
    valence = {1: "beneficial", -1: "harmful", 0: "unclear"}
    for comp, comp_label in compartment_labels.items():
        sources = sorted(
            {s for s in paths["source_id"] if compartment_of.get(s) == comp},
            key=lambda s: str(source_labels.get(s, s)),
        )
        if not sources:
            continue
        _compartment_cluster(graph, comp, comp_label, sources, paths, source_labels, pathway_labels)
    for e in sorted(set(paths["effect_id"]), key=lambda e: str(effect_labels.get(e, e))):
        graph.node(f"e_{e}", label(effect_labels.get(e, e), 24), shape="plaintext")
    for row in paths.itertuples(index=False):
        graph.edge(
            f"p_{row.source_id}_{row.pathway_id}",
            f"e_{row.effect_id}",
            color=DIRECTION[valence[int(row.bone_valence)]],
            penwidth=f"{1.0 + 0.6 * (row.n_findings - 1):g}",
            arrowhead="normal" if row.change == "up" else "tee",
        )
    return graph


# --- Fig. 1b: composition -----------------------------------------------------------------


def _panel_lines(group: pd.DataFrame) -> list[tuple[str, str, bool]]:
    """(kind, text, marker) lines of one class panel, in drawing order: 'heading' lines for
    subgroups, 'member' lines for members (marker: named as an exosome marker protein)."""
    lines: list[tuple[str, str, bool]] = []
    for subgroup, members in group.groupby("subgroup", sort=False):
        if subgroup:  # as written in the data (italic); a long heading takes two lines
            for part in wrapped([subgroup], 24)[0].split("\n"):
                lines.append(("heading", part, False))
        for row in members.itertuples(index=False):
            lines.append(("member", row.member, bool(row.named_as_marker)))
    return lines


def _panel_text(ax, panel_lines, cls: str, y: float, line_h: float) -> None:
    """The lines of one panel of :func:`draw_composition`, top to bottom from ``y``."""
    for kind, text, marker in panel_lines:
        if kind == "heading":
            y -= 0.06
            ax.text(
                0.07, y, text, ha="left", va="center", fontsize=FONT_PT["small"], style="italic"
            )
        else:
            if marker:
                ax.text(0.065, y, MARKER_SYMBOL, ha="left", va="center", fontsize=FONT_PT["small"])
            ax.text(
                0.14,
                y,
                text,
                ha="left",
                va="center",
                fontsize=FONT_PT["small"],
                gid=f"member:{cls}",
            )
        y -= line_h


def draw_composition(members: pd.DataFrame, width: float = MAX_WIDTH_IN) -> Figure:
    """Fig. 1b as three side-by-side panels, one per component class, listing the members.

    ``members`` is the output of :func:`composition_members`. Members the review calls exosome
    marker proteins carry a filled circle.
    """
    classes = [c for c in CLASS_LABELS if c in set(members["component_class"])]
    panels = {c: _panel_lines(members[members["component_class"] == c]) for c in classes}
    n_lines = max(len(lines) for lines in panels.values())
    line_h = 0.25  # inches per text line
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
                fc=PALE,
                ec=LINE,
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
            fontsize=FONT_PT["title"],
            fontweight="bold",
        )
        _panel_text(ax, panels[cls], cls, height - 0.85, line_h)
    fig.text(
        0.5,
        0.02,
        f"{MARKER_SYMBOL} named by the review as an exosome marker protein",
        ha="center",
        va="bottom",
        fontsize=FONT_PT["small"],
    )
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.06, wspace=0.04)
    return fig


# --- the data model ----------------------------------------------------------------------


def entity_diagram(names: Iterable[str], relations: pd.DataFrame) -> graphviz.Digraph:
    """Resources as boxes, foreign keys as arrows (from the referencing file to the file it
    references), laid out left to right by ``dot``; a self-reference is left out.

    ``names``: every resource; ``relations``: ``exobone.data.schema.relations()``.
    """
    graph = digraph("datamodel", ranksep="0.3", nodesep="0.08")
    for name in sorted(names):
        graph.node(name, label(name), style="rounded,filled", fillcolor=PALE)
    pairs = sorted(
        {(row["from"], row["to"]) for _, row in relations.iterrows() if row["from"] != row["to"]}
    )
    for a, b in pairs:
        graph.edge(a, b)
    return graph
