"""Every chart of the book, drawn one way (matplotlib/seaborn, deterministic).

Each function draws on a given (or new) Axes and returns it (or the Figure); the notebook ends
the cell with ``plt.show()``. The data a chart plots is its input frame, saved separately with
``exobone.data.derived.save_figure_data``. Colours come from :mod:`exobone.figures.style`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from exobone.figures.style import (
    BENEFICIAL,
    DIRECTION_COLOURS,
    HARMFUL,
    SINGLE,
    TRIALS_DESCRIBED,
    TRIALS_STATED,
    wrapped,
)


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


def year_histogram(years: pd.DataFrame, ax=None):
    """References per publication year (``year_distribution``), one bar per year."""
    ax = _axes(ax, (8, 3.5))
    sns.histplot(years, x="year", weights="n_refs", discrete=True, ax=ax)
    ax.set(xlabel="Year of publication", ylabel="References")
    sns.despine(ax=ax)
    return ax


def section_bars(per_section: pd.DataFrame, ax=None):
    """Distinct references cited per section (``citations_per_section``), in review order."""
    ax = _axes(ax, (7.5, 9.5))
    labels = wrapped(per_section["section"], 45)
    sns.barplot(x=per_section["n_refs"], y=labels, color=SINGLE, ax=ax)
    ax.set(xlabel="Distinct references cited", ylabel="")
    sns.despine(ax=ax)
    return ax


def category_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    hue: str,
    xlabel: str,
    legend_title: str | None,
    figsize: tuple[float, float] = (8, 9),
    ylabel: str = "",
    legend_fontsize=None,
    ax=None,
):
    """One horizontal bar per row (frame order), coloured by ``hue``."""
    ax = _axes(ax, figsize)
    sns.barplot(frame, y=label, x=value, hue=hue, dodge=False, ax=ax)
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.legend(title=legend_title, loc="lower right", fontsize=legend_fontsize)
    return ax


def stacked_bars(table: pd.DataFrame, xlabel: str, legend_title: str | None, ax=None):
    """Counts per row (top to bottom in the table's order), one stacked segment per column."""
    ax = _axes(ax, (8, 10))
    table.iloc[::-1].plot.barh(
        stacked=True, ax=ax, color=sns.color_palette("tab10", table.shape[1]), width=0.8
    )
    ax.set(xlabel=xlabel, ylabel="source")
    ax.legend(title=legend_title, loc="lower right", fontsize="small")
    return ax


def direction_bars(counts: pd.DataFrame, ax=None):
    """Beneficial, harmful and unclear counts per row, stacked (columns n_beneficial,
    n_harmful, n_unclear; rows labelled by the index)."""
    ax = _axes(ax, (8, 3.5))
    counts.plot.barh(stacked=True, color=DIRECTION_COLOURS, ax=ax)
    ax.set(xlabel="finding × effect pairs", ylabel="")
    ax.legend(["beneficial", "harmful", "unclear"], loc="lower right")
    return ax


def draw_status_chart(comparison: pd.DataFrame, width: float = 7.0):
    """Horizontal bars: trials per status as described one by one (trials.csv), with a marker
    at the count the review states for that status (trial_search.csv)."""
    frame = comparison.iloc[::-1]  # first status on top
    fig, ax = plt.subplots(figsize=(width, 0.55 * len(frame) + 1.1))
    bars = ax.barh(
        frame["status"],
        frame["trials_described"],
        color=TRIALS_DESCRIBED,
        height=0.6,
        label="trials described in the review's text",
    )
    ax.bar_label(bars, label_type="center", color="white", fontsize=10, fontweight="bold")
    ax.scatter(
        frame["trials_stated"],
        frame["status"],
        marker="D",
        s=36,
        color=TRIALS_STATED,
        zorder=3,
        label="count stated in the review's summary",
    )
    top = max(frame["trials_described"].max(), frame["trials_stated"].max())
    ax.set_xlim(0, top + 1)
    ax.set_xticks(range(0, int(top) + 2))
    ax.set_xlabel("Bone-related trials")
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles[::-1],
        labels[::-1],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=2,
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    return fig
