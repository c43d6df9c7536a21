"""The book's recurring figure types, drawn one way (matplotlib/seaborn, deterministic).

Each function draws on a given (or new) Axes and returns it; the notebook ends the cell with
``plt.show()``. The data a figure plots is its input frame, saved separately with
``exobone.figures.save_figure_data``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

BENEFICIAL, HARMFUL, UNCLEAR = "tab:green", "tab:red", "tab:gray"


def _axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def count_heatmap(
    table: pd.DataFrame,
    xlabel: str,
    ylabel: str,
    cmap: str = "Blues",
    label: str = "findings",
    ax=None,
):
    """Counts as annotated heat cells, zeros shown (a count of 0 is a visible gap)."""
    height = max(3.0, 0.32 * table.shape[0] + 1.5)
    width = max(6.0, 0.55 * table.shape[1] + 3.0)
    ax = _axes(ax, (width, height))
    sns.heatmap(
        table.astype("float64"),
        annot=True,
        fmt=".0f",
        cmap=cmap,
        cbar_kws={"label": label},
        linewidths=0.5,
        linecolor="lightgray",
        ax=ax,
    )
    ax.set(xlabel=xlabel, ylabel=ylabel)
    return ax


def diverging_bars(
    frame: pd.DataFrame,
    label: str,
    beneficial: str = "n_beneficial",
    harmful: str = "n_harmful",
    xlabel: str = "← harmful to bone    finding × effect pairs    beneficial to bone →",
    ax=None,
):
    """One row per ``label``: beneficial counts to the right, harmful to the left, in the
    frame's order (top to bottom)."""
    ax = _axes(ax, (8, max(3.0, 0.25 * len(frame) + 1.0)))
    y = range(len(frame))[::-1]
    ax.barh(list(y), frame[beneficial].to_numpy(), color=BENEFICIAL, label="beneficial")
    ax.barh(list(y), -frame[harmful].to_numpy(), color=HARMFUL, label="harmful")
    ax.set_yticks(list(y), frame[label].tolist())
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set(xlabel=xlabel, ylabel="")
    ax.legend(loc="lower right")
    return ax


def network_positions(graph, layer_key: str = "layer") -> dict:
    """Columns by layer (left to right), nodes sorted by name within a column (top to
    bottom), evenly spaced: the same graph always gets the same picture."""
    layers: dict = {}
    for node, data in graph.nodes(data=True):
        layers.setdefault(data[layer_key], []).append(node)
    pos = {}
    for x, layer in enumerate(sorted(layers)):
        nodes = sorted(layers[layer], key=str)
        for i, node in enumerate(nodes):
            pos[node] = (float(x), 1.0 - (i + 0.5) / len(nodes))
    return pos


def draw_network(graph, layer_names: list[str], ax=None):
    """A layered network: edge width ~ weight, node colour by layer, labels without prefixes."""
    import networkx as nx

    pos = network_positions(graph)
    ax = _axes(ax, (12, 16))
    nx.draw_networkx_edges(
        graph,
        pos,
        width=[graph[u][v]["weight"] * 0.6 for u, v in graph.edges],
        alpha=0.35,
        arrows=False,
        ax=ax,
    )
    nodes = sorted(graph.nodes, key=str)
    nx.draw_networkx_nodes(
        graph,
        pos,
        nodelist=nodes,
        node_size=40,
        node_color=[graph.nodes[n]["layer"] for n in nodes],
        cmap="viridis",
        ax=ax,
    )
    for node in nodes:
        x, y = pos[node]
        ax.text(x + 0.03, y, str(node).split(":")[-1], fontsize=7, va="center")
    for x, name in enumerate(layer_names):
        ax.text(x, 1.02, name, ha="center", fontsize=10, weight="bold")
    ax.set_xlim(-0.2, len(layer_names) - 0.3)
    ax.set_axis_off()
    return ax
