"""Every chart of the book, drawn one way (matplotlib, deterministic).

Each function draws on a given (or new) Axes and returns it (or the Figure); the notebook shows
it with ``exobone.figures.svg.inline(ax, alt=...)``. The data a chart plots is its input frame,
saved separately with ``exobone.data.derived.save_figure_data``. Labels arrive as the reader
should see them (vocabulary labels, mapped in the notebook); colours and font sizes come from
:mod:`exobone.figures.style`. Figures are at most ``MAX_WIDTH_IN`` wide, so that they are shown
unscaled in the book's text column.

Why this module is long: every chart of the book is here, one function each, so that a change
of colour, size or label rule is made once for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from exobone.figures.style import (
    BENEFICIAL,
    CARGO,
    DIRECTION,
    DIRECTION_LABELS,
    FONT_PT,
    HARMFUL,
    INK,
    LINE,
    MAX_WIDTH_IN,
    SINGLE,
    TRIALS_DESCRIBED,
    TRIALS_STATED,
    count_greys,
    ink_on,
    wrapped,
)

ROW_IN = 0.24  # inches per bar row (a 9 pt label is 0.125 in high)


def _axes(ax, figsize):
    if ax is None:  # constrained: labels stay inside the figure, the axes give way
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _count_axis(ax, top: float) -> None:
    """Whole-number ticks on the value axis of a count chart."""
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlim(0, top * 1.08 + 0.5)


def count_colours(n_max: int):
    """(colormap, norm) with one grey step per whole count 1..n_max (0 is never coloured)."""
    n_max = max(int(n_max), 1)
    return ListedColormap(count_greys(n_max)), BoundaryNorm(np.arange(0.5, n_max + 1.5), n_max)


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _heat_cells(table: pd.DataFrame, links, order_by_totals: bool):
    """The table and its cells' links (an array of the table's shape), ordered by totals
    (largest first, ties in the table's order) when asked."""
    hrefs = np.full(table.shape, "", dtype=object) if links is None else links.to_numpy()
    if hrefs.shape != table.shape:
        raise ValueError(f"links are {hrefs.shape}, the table {table.shape}")
    if order_by_totals:
        rows = np.argsort(-table.sum(axis=1).to_numpy(), kind="stable")
        cols = np.argsort(-table.sum(axis=0).to_numpy(), kind="stable")
        table, hrefs = table.iloc[rows, cols], hrefs[np.ix_(rows, cols)]
    return table, hrefs


def count_heatmap(
    table: pd.DataFrame,
    xlabel: str,
    ylabel: str,
    label: str = "findings",
    order_by_totals: bool = False,
    ax=None,
    links: pd.DataFrame | None = None,
):
    """Counts as heat cells: zeros left blank, one grey step per whole count, the count
    printed in each non-empty cell, labels on one line each, column labels at 45 degrees.

    ``order_by_totals``: rows and columns by their totals, largest first (ties keep the
    table's order); otherwise the table's own order (e.g. a clustered matrix).
    ``links``: a frame of the table's shape (cell by cell, by position) holding the address
    each count links to in the SVG ('' for none), e.g. the cell of the evidence map.
    """
    table, hrefs = _heat_cells(
        table.rename(index=_one_line, columns=_one_line), links, order_by_totals
    )
    values = table.to_numpy(dtype="float64")
    n_rows, n_cols = values.shape
    cell = 0.26
    if ax is None:
        label_in = 0.075 * max(len(s) for s in map(str, table.index)) + 0.3
        width = min(MAX_WIDTH_IN, label_in + cell * n_cols + 1.0)
        height = cell * n_rows + 0.06 * max(len(s) for s in map(str, table.columns)) + 0.8
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    cmap, norm = count_colours(values.max())
    shown = np.ma.masked_equal(values, 0)
    mesh = ax.pcolormesh(shown, cmap=cmap, norm=norm, edgecolors="white", linewidth=1)
    for (i, j), v in np.ndenumerate(values):
        if v:
            ink = ink_on(cmap(norm(v)))
            text = ax.text(j + 0.5, i + 0.5, f"{v:.0f}", ha="center", va="center", color=ink)
            if hrefs[i, j]:
                text.set_url(hrefs[i, j])
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_aspect("equal")
    ax.set_xticks(np.arange(n_cols) + 0.5, [str(c) for c in table.columns])
    ax.set_yticks(np.arange(n_rows) + 0.5, [str(r) for r in table.index])
    ax.tick_params(axis="x", rotation=45, length=0)
    ax.tick_params(axis="y", length=0)
    for tick in ax.get_xticklabels():
        tick.set_ha("right")
        tick.set_rotation_mode("anchor")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.grid(False)
    steps = int(values.max())
    bar = ax.figure.colorbar(
        mesh, ax=ax, shrink=min(1.0, 4 / max(n_rows, 1) + 0.25), aspect=12, pad=0.02
    )
    bar.set_ticks(range(1, steps + 1, max(1, steps // 6)))
    bar.set_label(f"{label} (blank: none)")
    bar.outline.set_visible(False)
    return ax


def diverging_bars(
    frame: pd.DataFrame,
    label: str,
    beneficial: str = "n_beneficial",
    harmful: str = "n_harmful",
    xlabel: str = "← harmful to bone     finding × effect pairs     beneficial to bone →",
    ax=None,
):
    """One row per ``label``: beneficial counts to the right, harmful to the left, in the
    frame's order (top to bottom)."""
    ax = _axes(ax, (MAX_WIDTH_IN, max(3.0, ROW_IN * len(frame) + 1.0)))
    y = range(len(frame))[::-1]
    ax.barh(list(y), frame[beneficial].to_numpy(), color=BENEFICIAL, label="beneficial")
    ax.barh(list(y), -frame[harmful].to_numpy(), color=HARMFUL, label="harmful")
    ax.set_yticks(list(y), frame[label].tolist())
    ax.set_ylim(-0.6, len(frame) - 0.4)
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
    ax.set(xlabel=xlabel, ylabel="")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(
        handles=[
            Patch(color=BENEFICIAL, label=DIRECTION_LABELS["beneficial"]),
            Patch(color=HARMFUL, label=DIRECTION_LABELS["harmful"]),
        ],
        loc="lower right",
        frameon=False,
    )
    return ax


def _bar_rows(frame, label, value, colour, colours, group) -> list:
    """(kind, text, value, colour) of each row of :func:`grouped_bars`: 'heading' rows for
    groups, 'bar' rows for records."""
    if group is not None:
        first = {g: i for i, g in reversed(list(enumerate(frame[group])))}
        frame = frame.iloc[np.argsort(frame[group].map(first).to_numpy(), kind="stable")]
    rows: list[tuple[str, str, float | None, str | None]] = []  # kind, text, value, colour
    previous = object()
    for record in frame.to_dict("records"):
        if group is not None and record[group] != previous:
            rows.append(("heading", str(record[group]), None, None))
            previous = record[group]
        fill = colours[record[colour]] if colours is not None else (colour or SINGLE)
        rows.append(("bar", str(record[label]), float(record[value]), fill))
    return rows


def grouped_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    xlabel: str,
    colour: str | None = None,
    colours: Mapping[str, str] | None = None,
    legend: Mapping[str, str] | None = None,
    group: str | None = None,
    ax=None,
):
    """One horizontal bar per row (frame order, top to bottom), its count printed at its end.

    Colour: ``colour`` for every bar, or the bar's value in column ``colour`` looked up in
    ``colours`` (``legend`` names those values). ``group``: a column whose runs of equal
    values get a bold heading row above them; rows are brought together under the group
    they belong to, groups in the order they first appear (the order within a group is kept).
    """
    rows = _bar_rows(frame, label, value, colour, colours, group)
    # each row as tall as its label: one unit per row, 0.8 more per extra line of text
    heights = [1 + 0.8 * text.count("\n") for _, text, _, _ in rows]
    ax = _axes(ax, (MAX_WIDTH_IN, ROW_IN * sum(heights) + 1.0))
    tops = np.cumsum([0, *heights[:-1]])
    y = sum(heights) - tops - np.array(heights) / 2
    bars_y = [yy for yy, r in zip(y, rows, strict=True) if r[0] == "bar"]
    bar_rows = [r for r in rows if r[0] == "bar"]
    bars = ax.barh(
        bars_y,
        [r[2] for r in bar_rows],
        color=[r[3] for r in bar_rows],
        edgecolor=LINE,
        linewidth=0.4,
        height=0.7,
    )
    ax.bar_label(bars, fmt="%.0f", padding=3, fontsize=FONT_PT["small"], color=INK)
    ax.set_yticks(y, [r[1] for r in rows])
    for tick, r in zip(ax.get_yticklabels(), rows, strict=True):
        if r[0] == "heading":
            tick.set_fontweight("bold")
            tick.set_color(INK)
            tick.set_fontsize(FONT_PT["normal"])
    ax.set_ylim(-0.1, sum(heights) + 0.1)
    _count_axis(ax, max(r[2] for r in bar_rows))
    ax.set(xlabel=xlabel, ylabel="")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if legend:
        ax.legend(
            handles=[
                Patch(facecolor=colours[k], edgecolor=LINE, label=v) for k, v in legend.items()
            ],
            loc="lower right",
            frameon=False,
        )
    return ax


def year_histogram(years: pd.DataFrame, ax=None):
    """References per publication year (``year_distribution``), one bar per year."""
    ax = _axes(ax, (MAX_WIDTH_IN, 3.2))
    ax.bar(years["year"], years["n_refs"], width=0.85, color=SINGLE)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set(xlabel="Year of publication", ylabel="References")
    return ax


def section_bars(per_section: pd.DataFrame, ax=None):
    """Distinct references cited per section (``citations_per_section``), in review order."""
    frame = per_section.assign(section=wrapped(per_section["section"], 44))
    return grouped_bars(frame, "section", "n_refs", "Distinct references cited", ax=ax)


def stacked_bars(
    table: pd.DataFrame,
    xlabel: str,
    colours: Mapping[str, str] = CARGO,
    legend: Mapping[str, str] | None = None,
    legend_title: str | None = None,
    ax=None,
):
    """Counts per row (top to bottom in the table's order), one stacked segment per column,
    coloured by ``colours[column]``; ``legend`` maps columns to the names in the legend."""
    ax = _axes(ax, (MAX_WIDTH_IN, ROW_IN * len(table) + 1.6))
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for column in table.columns:
        values = table[column].to_numpy(dtype="float64")
        ax.barh(
            y,
            values,
            left=left,
            height=0.75,
            color=colours[column],
            edgecolor=LINE,
            linewidth=0.4,
            label=(legend or {}).get(column, str(column)),
        )
        left += values
    ax.set_yticks(y, [str(i) for i in table.index])
    ax.set_ylim(-0.6, len(table) - 0.4)
    _count_axis(ax, left.max())
    ax.set(xlabel=xlabel, ylabel="")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(title=legend_title, loc="lower right", frameon=False)
    return ax


def direction_bars(counts: pd.DataFrame, ax=None):
    """Beneficial, harmful and unclear counts per row, stacked (columns n_beneficial,
    n_harmful, n_unclear; rows labelled by the index, top to bottom)."""
    frame = counts.iloc[::-1]
    ax = _axes(ax, (MAX_WIDTH_IN, 0.5 * len(frame) + 1.6))
    left = np.zeros(len(frame))
    for key in ("beneficial", "harmful", "unclear"):
        values = frame[f"n_{key}"].to_numpy(dtype="float64")
        bars = ax.barh(
            wrapped(frame.index, 30),
            values,
            left=left,
            color=DIRECTION[key],
            label=DIRECTION_LABELS[key],
            height=0.6,
        )
        ax.bar_label(
            bars,
            labels=[f"{v:.0f}" if v >= 8 else "" for v in values],
            label_type="center",
            color="white" if key != "unclear" else INK,
            fontsize=FONT_PT["small"],
        )
        left += values
    _count_axis(ax, left.max())
    ax.set(xlabel="finding × effect pairs", ylabel="")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False)
    return ax


def draw_status_chart(comparison: pd.DataFrame, width: float = MAX_WIDTH_IN):
    """Horizontal bars: trials per status as described one by one (trials.csv), with a marker
    at the count the review states for that status (trial_search.csv)."""
    frame = comparison.iloc[::-1]  # first status on top
    fig, ax = plt.subplots(figsize=(width, 0.55 * len(frame) + 1.2))
    bars = ax.barh(
        frame["status"],
        frame["trials_described"],
        color=TRIALS_DESCRIBED,
        height=0.6,
        label="trials described in the review's text",
    )
    ax.bar_label(bars, label_type="center", color="white", fontweight="bold")
    ax.scatter(
        frame["trials_stated"],
        frame["status"],
        marker="D",
        s=40,
        facecolor="white",
        edgecolor=TRIALS_STATED,
        linewidth=1.5,
        zorder=3,
        label="count stated in the review's summary",
    )
    top = max(frame["trials_described"].max(), frame["trials_stated"].max())
    ax.set_xlim(0, top + 1)
    ax.set_xticks(range(0, int(top) + 2))
    ax.set_xlabel("Bone-related trials")
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles[::-1],
        labels[::-1],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=1,
        frameon=False,
    )
    fig.tight_layout()
    return fig
