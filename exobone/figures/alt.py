"""Alt text built from the data a figure draws: counts, extremes, top labels and axes.

:func:`describe` takes the drawing function and the very arguments it is drawn with, and
returns a sentence or two a screen-reader user can rely on: every number and every label in it
comes from the data, so it changes when the data or an analysis setting changes (a typed alt
string would keep saying "40 sources" after a source is added). ``what`` names the rows in
plain words ("sources"); it is the only text a caller gives.

Why this module is long: one describer per kind of figure, so that a chart and its description
change together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import networkx as nx
import pandas as pd

from exobone.figures import biogenesis, charts, diagrams

TOP = 3  # how many of the largest rows or cells a description names


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _listing(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, what: str) -> str:
    """'1 source', '3 sources' (a one-word plural loses its s for one)."""
    if n == 1 and what.endswith("s") and " " not in what:
        what = what[:-1]
    return f"{n} {what}"


def _num(value) -> str:
    value = float(value)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _largest(values: pd.Series, n: int = TOP) -> str:
    """'A (5), B (4) and C (4)': the ``n`` largest values with their labels (stable order)."""
    top = values[values > 0].sort_values(ascending=False, kind="stable").head(n)
    return _listing([f"{_one_line(label)} ({_num(v)})" for label, v in top.items()])


def bars(frame: pd.DataFrame, label: str, value: str, xlabel: str, what: str = "rows", **kw):
    """A horizontal bar chart (:func:`charts.grouped_bars`)."""
    values = frame.set_index(frame[label].map(_one_line))[value].astype("float64")
    text = f"Horizontal bar chart of {_one_line(xlabel).lower()} for {len(frame)} {what}"
    group = kw.get("group")
    if group:
        text += f" in {frame[group].nunique()} groups ({_listing(list(frame[group].unique()))})"
    text += f"; the longest bars: {_largest(values)}"
    low = values.min()
    n_low = int((values == low).sum())
    if n_low > 1:
        text += f"; {_count(n_low, what)} {'has' if n_low == 1 else 'have'} {_num(low)}"
    return text + "."


def sections(per_section: pd.DataFrame, what: str = "sections", **_):
    """References per section (:func:`charts.section_bars`)."""
    return bars(per_section, "section", "n_refs", "distinct references cited", what)


def years(frame: pd.DataFrame, what: str = "references", **_):
    """References per year (:func:`charts.year_histogram`)."""
    counts = frame.set_index("year")["n_refs"]
    peak = counts.max()
    peak_years = [str(y) for y in counts.index[counts == peak]]
    each = " each" if len(peak_years) > 1 else ""
    return (
        f"Column chart of {int(counts.sum())} {what} by year of publication, from "
        f"{counts.index.min()} to {counts.index.max()}; the most in {_listing(peak_years)} "
        f"({_num(peak)}{each}), {int(counts[counts.index < counts.idxmax()].sum())} before."
    )


def heatmap(table: pd.DataFrame, xlabel: str, ylabel: str, what: str = "rows", **kw):
    """A heat map of counts (:func:`charts.count_heatmap`)."""
    table = table.rename(index=_one_line, columns=_one_line)
    cells = table.stack()
    blank = int((cells == 0).sum())
    unit = kw.get("label", "findings")
    columns = _one_line(xlabel).lower() or "columns"
    text = (
        f"Heat map of {unit}: {table.shape[0]} {what} (rows) by {table.shape[1]} columns"
        f" ({columns});"
        f" {blank} of {cells.size} cells are blank"
    )
    largest = cells.sort_values(ascending=False, kind="stable").head(TOP)
    named = [f"{r} × {c} ({_num(v)})" for (r, c), v in largest.items() if v > 0]
    if named:
        text += f"; the largest cells: {_listing(named)}"
    text += f"; the columns with the most {unit}: {_largest(table.sum(axis=0))}"
    return text + "."


def stacked(table: pd.DataFrame, xlabel: str, what: str = "rows", **kw):
    """Stacked bars (:func:`charts.stacked_bars`): segment totals and the longest rows."""
    legend = kw.get("legend") or {}
    totals = table.sum(axis=0).rename(index=lambda c: legend.get(c, c))
    return (
        f"Stacked horizontal bars of {_one_line(xlabel).lower()} for {len(table)} {what}; "
        f"in all: {_largest(totals, len(totals))}; the longest bars: "
        f"{_largest(table.sum(axis=1))}."
    )


def diverging(frame: pd.DataFrame, label: str, what: str = "rows", **kw):
    """Beneficial against harmful counts per row (:func:`charts.diverging_bars`)."""
    good, bad = kw.get("beneficial", "n_beneficial"), kw.get("harmful", "n_harmful")
    rows = frame.set_index(frame[label].map(_one_line))
    harmful = rows.loc[rows[bad] > 0, bad]
    worse = rows.index[rows[bad] > rows[good]]
    text = (
        f"Diverging bar chart for {len(frame)} {what}: {_num(rows[good].sum())} beneficial "
        f"pairs to the right, {_num(rows[bad].sum())} harmful to the left; "
        f"{_count(len(harmful), what)} {'has' if len(harmful) == 1 else 'have'} harmful bars,"
        f" the longest {_largest(harmful)}"
    )
    if len(worse):
        text += f"; more harmful than beneficial: {_listing(list(worse))}"
    return text + "."


def direction(counts: pd.DataFrame, what: str = "groups", **_):
    """Beneficial, harmful and unclear counts per row (:func:`charts.direction_bars`)."""
    parts = []
    for name, row in counts.iterrows():
        total = row[["n_beneficial", "n_harmful", "n_unclear"]].sum()
        share = f"{row['n_beneficial'] / total:.0%}" if total else "none"
        parts.append(
            f"{_one_line(name)}: {_num(row['n_beneficial'])} beneficial, "
            f"{_num(row['n_harmful'])} harmful, {_num(row['n_unclear'])} unclear "
            f"({share} beneficial)"
        )
    return f"Stacked horizontal bars for {len(counts)} {what}. " + "; ".join(parts) + "."


def status(comparison: pd.DataFrame, what: str = "statuses", **_):
    """Trials per status, described and stated (:func:`charts.draw_status_chart`)."""
    parts = [
        f"{_one_line(r.status)} {r.trials_described} described, {r.trials_stated} stated"
        for r in comparison.itertuples(index=False)
    ]
    return (
        f"Horizontal bar chart of {len(comparison)} {what}; bars count the trials described,"
        f" a diamond marks the count stated: " + "; ".join(parts) + "."
    )


def network(paths: pd.DataFrame, source_labels, pathway_labels, effect_labels, *_, **kw):
    """Source -> pathway -> effect (:func:`diagrams.pathway_network`)."""
    per_source = paths.groupby("source_id")["pathway_id"].nunique()
    per_effect = paths.groupby("effect_id")["n_findings"].sum()
    beneficial = paths.loc[paths["bone_valence"] == 1, "n_findings"].sum()
    return (
        f"Layered diagram from left to right: {paths['source_id'].nunique()} sources, each "
        f"framed by its compartment, linked to the {paths['pathway_id'].nunique()} signalling "
        f"pathways their findings name, with arrows on to {paths['effect_id'].nunique()} "
        f"effects on bone; {_num(beneficial)} of {_num(paths['n_findings'].sum())} "
        f"findings on the arrows are beneficial for bone (blue). The most pathways: "
        f"{_largest(per_source.rename(index=source_labels))}; the effects most arrows reach:"
        f" {_largest(per_effect.rename(index=effect_labels))}."
    )


def composition(members: pd.DataFrame, **_):
    """The components of exosomes (:func:`diagrams.draw_composition`)."""
    from exobone.compute.review_figures import CLASS_LABELS

    parts = []
    for cls, label in CLASS_LABELS.items():
        group = members[members["component_class"] == cls]
        if group.empty:
            continue
        text = f"{label}: {len(group)}, such as {_listing(list(group['member'].head(TOP)))}"
        subgroups = [s for s in group["subgroup"].unique() if s]
        if subgroups:
            text += f", in {len(subgroups)} groups ({_listing(subgroups)})"
        marked = list(group.loc[group["named_as_marker"], "member"])
        if marked:
            text += f"; marker proteins: {_listing(marked)}"
        parts.append(text)
    return f"{len(parts)} panels side by side. " + ". ".join(parts) + "."


def biogenesis_steps(graph: nx.DiGraph, **_):
    """Exosome biogenesis (:func:`biogenesis.biogenesis_diagram`)."""
    stages = []
    for stage in biogenesis.STAGES:
        steps = [graph.nodes[n]["label"] for n in graph if graph.nodes[n]["stage"] == stage]
        if steps:
            stages.append(f"stage {stage}: {_listing([_one_line(s) for s in steps])}")
    regulated = sorted(
        ((len(d["regulators"]), _one_line(d["label"])) for _, _, d in graph.edges(data=True)),
        reverse=True,
    )
    top = [f"{label} ({n} regulators)" for n, label in regulated[:2] if n]
    return (
        f"Flow diagram from top to bottom in {len(stages)} stage bands with "
        f"{graph.number_of_nodes()} boxes and {graph.number_of_edges()} arrows; "
        + "; ".join(stages)
        + (f". The most regulated transitions: {_listing(top)}." if top else ".")
    )


def entities(names, relations: pd.DataFrame, **_):
    """Files and foreign keys (:func:`diagrams.entity_diagram`)."""
    links = relations.loc[relations["from"] != relations["to"], ["from", "to"]]
    links = links.drop_duplicates()
    return (
        f"Diagram of {len(list(names))} data files as boxes, laid out from left to right, "
        f"with {len(links)} arrows, one from each file to a file it references through a "
        f"foreign key; the files most referenced: {_largest(links['to'].value_counts())}."
    )


#: the describer of each drawing function
DESCRIBERS: Mapping[Callable, Callable] = {
    charts.grouped_bars: bars,
    charts.section_bars: sections,
    charts.year_histogram: years,
    charts.count_heatmap: heatmap,
    charts.stacked_bars: stacked,
    charts.diverging_bars: diverging,
    charts.direction_bars: direction,
    charts.draw_status_chart: status,
    diagrams.pathway_network: network,
    diagrams.draw_composition: composition,
    biogenesis.biogenesis_diagram: biogenesis_steps,
    diagrams.entity_diagram: entities,
}


def describe(chart: Callable, *args, what: str | None = None, **kwargs) -> str:
    """Alt text for ``chart(*args, **kwargs)``, built from the same arguments."""
    if chart not in DESCRIBERS:
        raise ValueError(f"no describer for {getattr(chart, '__name__', chart)}: add one here")
    extra = {"what": what} if what else {}
    return DESCRIBERS[chart](*args, **extra, **kwargs)
