"""Fig. 2 of the review redrawn from data: the biogenesis of exosomes as a flow diagram.

``biogenesis_graph`` (in :mod:`exobone.compute.figure_data`) -> ``biogenesis_layout`` ->
``draw_biogenesis``: stages I-V from left to right, each transition labelled, regulators listed
on their transition. Positions are computed (the same data always gives the same picture).

Why this module is long: it places boxes, arrows and labels by hand (greedy label placement
with overlap checks). A layout engine (Graphviz) would replace most of it.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from exobone.compute.figure_data import STAGES, main_path
from exobone.figures.style import KIND_COLOURS

# --- Fig. 2: biogenesis --------------------------------------------------------------------


def biogenesis_layout(graph: nx.DiGraph, steps: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Fixed positions (x, y) for every step: one column per stage, I-V from left to right.

    x: the rank of the step's stage among the stages that have steps. y: the main path
    (:func:`main_path`) runs along y = 0; where it has several steps in one stage, the last
    one sits on the line and the earlier ones stack above it. Each remaining branch (a
    connected group of other steps, taken in the order of their first step in ``steps``) goes
    alternately below and above the line; a step sits as many rows away from the line as it
    is steps away from the main path, moved further out if that place is taken.
    """
    order = {s: i for i, s in enumerate(steps["step_id"])}
    missing = sorted(set(graph) - set(order))
    if missing:
        raise ValueError(f"steps missing from the steps frame: {', '.join(missing)}")
    present = [s for s in STAGES if any(graph.nodes[n]["stage"] == s for n in graph)]
    x = {n: present.index(graph.nodes[n]["stage"]) for n in graph}
    spine = main_path(graph, steps)
    y: dict[str, int] = {}
    for stage in present:
        on_line = [n for n in spine if graph.nodes[n]["stage"] == stage]
        for k, n in enumerate(reversed(on_line)):
            y[n] = k
    taken = {(x[n], y[n]) for n in spine}
    distance = nx.multi_source_dijkstra_path_length(graph.to_undirected(as_view=True), set(spine))
    rest = graph.subgraph([n for n in graph if n not in y])
    branches = sorted(nx.weakly_connected_components(rest), key=lambda c: min(order[n] for n in c))
    for i, branch in enumerate(branches):
        sign = -1 if i % 2 == 0 else 1
        for n in sorted(branch, key=lambda n: (distance.get(n, 1), order[n])):
            level = distance.get(n, 1)
            while (x[n], sign * level) in taken:
                level += 1
            y[n] = sign * level
            taken.add((x[n], y[n]))
    return {n: (float(x[n]), float(y[n])) for n in sorted(graph, key=order.__getitem__)}


def _regulator_anchor(u: tuple[float, float], v: tuple[float, float], xs: list[float]) -> float:
    """x of the point on edge u->v where its regulator list hangs: the middle of the last gap
    between columns that no other node occupies (so the leader line crosses no branch)."""
    lo, hi = sorted((u[0], v[0]))
    inner = sorted({x for x in xs if lo < x < hi})
    cuts = [lo, *inner, hi]
    return (cuts[-2] + cuts[-1]) / 2


def biogenesis_figure_data(
    graph: nx.DiGraph, positions: dict[str, tuple[float, float]]
) -> pd.DataFrame:
    """The plotted data of Fig. 2: one row per transition and regulator (a transition without
    regulators has one row with an empty regulator), with both steps' labels and positions."""
    records = []
    for u, v, data in graph.edges(data=True):
        for regulator in data["regulators"] or [""]:
            records.append(
                {
                    "stage": data["stage"],
                    "from_step": u,
                    "to_step": v,
                    "from_x": positions[u][0],
                    "from_y": positions[u][1],
                    "to_x": positions[v][0],
                    "to_y": positions[v][1],
                    "transition": data["label"],
                    "regulator": regulator,
                }
            )
    frame = pd.DataFrame.from_records(records)
    frame["_stage"] = frame["stage"].map(STAGES.index)
    frame = frame.sort_values(["_stage", "from_x", "from_y", "to_x", "to_y"], kind="stable")
    return frame.drop(columns="_stage").reset_index(drop=True)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in data units


def clip_to_box(centre: tuple[float, float], towards: tuple[float, float], box: Box):
    """Point where the segment from ``centre`` (inside ``box``) towards ``towards`` leaves
    the box: arrows start and end on the edge of the step boxes, not under them."""
    (cx, cy), (px, py) = centre, towards
    dx, dy = px - cx, py - cy
    limits = []
    if dx:
        limits.append(((box[2] if dx > 0 else box[0]) - cx) / dx)
    if dy:
        limits.append(((box[3] if dy > 0 else box[1]) - cy) / dy)
    t = min([lim for lim in limits if lim >= 0], default=0.0)
    return cx + t * dx, cy + t * dy


def overlaps(a: Box, b: Box, margin: float = 0.0) -> bool:
    """True if two boxes overlap (or come closer than ``margin``)."""
    return not (
        a[2] + margin <= b[0]
        or b[2] + margin <= a[0]
        or a[3] + margin <= b[1]
        or b[3] + margin <= a[1]
    )


def crosses(segment: tuple[tuple[float, float], tuple[float, float]], box: Box) -> bool:
    """True if a line segment passes through a box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def label_candidates(
    u: tuple[float, float], v: tuple[float, float], box_u: Box, box_v: Box, gap: float
) -> list[tuple[float, float, str, str, bool]]:
    """Positions (x, y, horizontal alignment, vertical alignment, on the arrow?) to try, in
    order, for the label of u -> v.

    Between neighbouring columns on one row the label goes just above both boxes (below them
    for a row under the main path); beside a vertical arrow it goes right (or left) of both
    boxes. Otherwise it goes on the arrow (halfway first, then nearer either end), and failing
    that beside the arrow, on the side the arrow leans away from.
    """
    (x0, y0), (x1, y1) = u, v
    out: list[tuple[float, float, str, str, bool]] = []
    if y0 == y1 and abs(x1 - x0) <= 1:
        above = (max(box_u[3], box_v[3]) + gap, "bottom")
        below = (min(box_u[1], box_v[1]) - gap, "top")
        first, second = (below, above) if y0 < 0 else (above, below)
        out.append(((x0 + x1) / 2, first[0], "center", first[1], False))
        out.append(((x0 + x1) / 2, second[0], "center", second[1], False))
    if x0 == x1:  # vertical: beside both boxes, right first
        mid = (y0 + y1) / 2
        out.append((max(box_u[2], box_v[2]) + gap, mid, "left", "center", False))
        out.append((min(box_u[0], box_v[0]) - gap, mid, "right", "center", False))
    ts = (0.5, 0.4, 0.6, 0.3, 0.7)
    out += [(x0 + t * (x1 - x0), y0 + t * (y1 - y0), "center", "center", True) for t in ts]
    falling = (y1 - y0) * (x1 - x0) < 0
    for t in ts:
        x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
        if falling:  # free corners: upper right and lower left
            out += [(x + gap, y + gap, "left", "bottom", False)]
            out += [(x - gap, y - gap, "right", "top", False)]
        else:  # upper left and lower right
            out += [(x - gap, y + gap, "right", "bottom", False)]
            out += [(x + gap, y - gap, "left", "top", False)]
    return out


FONT_PT = {"step": 8.0, "transition": 7.5, "regulator": 8.0}
LABEL_WRAP = 18  # characters per line of a transition label


def _label_priority(u: tuple[float, float], v: tuple[float, float]) -> tuple[int, float, float]:
    """Order in which transition labels claim space: arrows along a row between neighbouring
    columns first (their place is fixed), then longer rows, vertical arrows, slanted ones."""
    (x0, y0), (x1, y1) = u, v
    if y0 == y1:
        kind = 0 if abs(x1 - x0) <= 1 else 1
    else:
        kind = 2 if x0 == x1 else 3
    return kind, min(x0, x1), min(y0, y1)


def draw_biogenesis(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    col_width: float = 1.4,
    row_height: float = 0.95,
) -> Figure:
    """Fig. 2 as a flow diagram: shaded stage columns I-V, one box per step, one arrow per
    transition with its label, and under the diagram the regulators of each transition that
    has any, listed in a box hung from a point on that transition's arrow.

    ``col_width`` and ``row_height`` are the inches per layout unit. Labels are placed at the
    first candidate position (:func:`label_candidates`) where they overlap no step box and no
    other label. Text artists carry a gid: ``stage:<stage>``, ``step:<id>``,
    ``transition:<from>-><to>`` and ``regulators:<from>-><to>``.

    Why this function is long: it places labels by hand (see the module docstring); a
    layout engine would replace most of it.
    """
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    regulated = [(u, v) for u, v, d in graph.edges(data=True) if d["regulators"]]
    longest = max((len(graph.edges[e]["regulators"]) for e in regulated), default=0)
    line_in = FONT_PT["regulator"] * 1.3 / 72  # inches per line of the regulator lists
    box_top = min(ys) - 0.75
    reg_height = ((longest + 1) * line_in + 0.25) / row_height if regulated else 0.0
    bottom = box_top - reg_height - 0.1
    top = max(ys) + 1.0
    fig, ax = plt.subplots(
        figsize=((max(xs) - min(xs) + 1) * col_width, (top - bottom) * row_height)
    )
    fig.subplots_adjust(left=0.0, right=1.0, top=1.0, bottom=0.0)
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(bottom, top)
    ax.axis("off")
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()

    def extent(artist) -> Box:
        patch = artist.get_bbox_patch()
        if patch is not None:
            artist.update_bbox_position_size(renderer)  # lay out the box around the text
        bb = (patch or artist).get_window_extent(renderer)
        (ax0, ay0), (ax1, ay1) = to_data.transform([(bb.x0, bb.y0), (bb.x1, bb.y1)])
        return ax0, ay0, ax1, ay1

    for i, stage in enumerate(STAGES):  # stage columns
        cols = [positions[n][0] for n in graph if graph.nodes[n]["stage"] == stage]
        if not cols:
            continue
        left, right = min(cols) - 0.5, max(cols) + 0.5
        ax.axvspan(left, right, color="#efefef" if i % 2 == 0 else "#fafafa", zorder=0, lw=0)
        ax.text(
            (left + right) / 2,
            top - 0.3,
            f"Stage {stage}",
            ha="center",
            va="center",
            fontsize=10,
            fontweight="bold",
            gid=f"stage:{stage}",
        )

    boxes: dict[str, Box] = {}
    for n, (x, y) in positions.items():  # steps
        node = graph.nodes[n]
        text = ax.text(
            x,
            y,
            _wrap(node["label"], 16),
            ha="center",
            va="center",
            fontsize=FONT_PT["step"],
            zorder=3,
            gid=f"step:{n}",
            bbox={
                "boxstyle": "round,pad=0.4",
                "fc": KIND_COLOURS[node["kind"]],
                "ec": "#444444",
                "lw": 0.9,
            },
        )
        boxes[n] = extent(text)

    arrows = {}
    for u, v in graph.edges:  # transitions
        start = clip_to_box(positions[u], positions[v], boxes[u])
        end = clip_to_box(positions[v], positions[u], boxes[v])
        arrows[u, v] = (start, end)
        ax.annotate(
            "",
            xy=end,
            xytext=start,
            zorder=2,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#333333",
                "lw": 1.1,
                "shrinkA": 1,
                "shrinkB": 1,
                "mutation_scale": 12,
            },
        )
    anchors = {}
    for u, v in regulated:  # where each regulator list hangs from its arrow
        (x0, y0), (x1, y1) = positions[u], positions[v]
        anchor = _regulator_anchor((x0, y0), (x1, y1), xs)
        y_edge = y0 + (anchor - x0) / (x1 - x0) * (y1 - y0) if x1 != x0 else (y0 + y1) / 2
        anchors[u, v] = (anchor, y_edge)
    leaders = [((x, y), (x, box_top)) for x, y in anchors.values()]

    gap = 0.06
    frame_box = (min(xs) - 0.5, bottom, max(xs) + 0.5, top - 0.55)  # inside the stage bands

    def place_labels(edge_order):
        """Place labels in this order; returns (artists, edges that found no place)."""
        placed: list[Box] = []
        artists, failed = [], []
        for u, v in edge_order:
            text = _wrap(graph.edges[u, v]["label"], LABEL_WRAP)
            for x, y, ha, va, on_arrow in label_candidates(
                positions[u], positions[v], boxes[u], boxes[v], gap
            ):
                label = ax.text(
                    x,
                    y,
                    text,
                    ha=ha,
                    va=va,
                    fontsize=FONT_PT["transition"],
                    style="italic",
                    zorder=4,
                    gid=f"transition:{u}->{v}",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                )
                where = extent(label)
                lines = [seg for e, seg in arrows.items() if not (on_arrow and e == (u, v))]
                inside = (
                    where[0] >= frame_box[0]
                    and where[2] <= frame_box[2]
                    and where[1] >= frame_box[1]
                    and where[3] <= frame_box[3]
                )
                clash = any(overlaps(where, b, 0.02) for b in [*boxes.values(), *placed]) or any(
                    crosses(seg, where) for seg in [*lines, *leaders]
                )
                if inside and not clash:
                    placed.append(where)
                    artists.append(label)
                    break
                label.remove()
            else:
                failed.append((u, v))
        return artists, failed

    # greedy placement; arrows whose label found no place go first in the next round, until
    # every label has a place or an order repeats; the round with the fewest misses is kept
    order = sorted(graph.edges, key=lambda e: _label_priority(positions[e[0]], positions[e[1]]))
    rounds: list[tuple[list, list]] = []
    while order not in [r[0] for r in rounds]:
        artists, failed = place_labels(order)
        rounds.append((order, failed))
        if not failed:
            break
        for artist in artists:
            artist.remove()
        order = failed + [e for e in order if e not in failed]
    best_order, failed = min(rounds, key=lambda r: len(r[1]))
    if failed:  # the kept round's labels were removed: place them again
        place_labels(best_order)
    notes: list[tuple[int, str]] = []
    for u, v in failed:  # no room anywhere: a numbered mark on the arrow, the text in a note
        number = len(notes) + 1
        (x0, y0), (x1, y1) = arrows[u, v]
        ax.text(
            x0 + (x1 - x0) / 3,  # a third of the way: the middle may hold a regulator dot
            y0 + (y1 - y0) / 3,
            str(number),
            ha="center",
            va="center",
            fontsize=FONT_PT["transition"],
            fontweight="bold",
            zorder=5,
            gid=f"mark:{u}->{v}",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "#333333", "lw": 0.8},
        )
        notes.append((number, graph.edges[u, v]["label"]))
    if notes:
        note_text = "\n".join(f"({n}) {t}" for n, t in notes)
        note_top = bottom - 0.05
        note = ax.text(
            min(xs) - 0.45,
            note_top,
            note_text,
            ha="left",
            va="top",
            fontsize=FONT_PT["transition"],
            style="italic",
            gid="transition-notes",
        )
        height = note_top - extent(note)[1] + 0.1
        ax.set_ylim(bottom - height, top)  # same inches per unit: placed labels stay valid
        fig.set_size_inches(fig.get_size_inches()[0], (top - bottom + height) * row_height)

    for u, v in regulated:  # regulator lists, hung under their transition
        anchor, y_edge = anchors[u, v]
        names = graph.edges[u, v]["regulators"]
        ax.plot(
            [anchor, anchor], [y_edge, box_top], ls=(0, (2, 2)), color="#8a6a2b", lw=0.9, zorder=1
        )
        ax.plot([anchor], [y_edge], marker="o", ms=4.5, color="#8a6a2b", zorder=5)
        ax.text(
            anchor,
            box_top,
            f"Regulators ({len(names)})\n" + "\n".join(names),
            ha="center",
            va="top",
            multialignment="left",
            fontsize=FONT_PT["regulator"],
            linespacing=1.3,
            zorder=4,
            gid=f"regulators:{u}->{v}",
            bbox={"boxstyle": "round,pad=0.45", "fc": "#fff7e6", "ec": "#b07d2b", "lw": 0.8},
        )
    return fig
