"""HTML for the book's hand-laid tables: one table helper and the tables built with it.

Cells are given as *already safe* HTML fragments: every value from data passes
:func:`exobone.render.escape.escape_html` first (the helpers here do that), and only generated
markup (citation links, erratum marks) is added around escaped text.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from exobone.compute.review_tables import ReviewTable
from exobone.render.escape import escape_html as esc

ERRATA_PAGE = "12_errata.html"
BIBLIOGRAPHY_PAGE = "../book/references.html"


def html_table(
    header: list[str],
    rows: list[tuple[dict[str, str], list[str]]],
    *,
    attrs: dict[str, str] | None = None,
    caption: str = "",
) -> str:
    """A ``<table>``: ``header`` (plain text, escaped here), ``rows`` as (row attributes,
    cell HTML fragments), table ``attrs`` and an optional caption (an HTML fragment)."""

    def attributes(values: dict[str, str] | None) -> str:
        return "".join(f' {k}="{esc(v)}"' for k, v in (values or {}).items())

    head = "".join(f"<th>{esc(c)}</th>" for c in header)
    body = "".join(
        f"<tr{attributes(row_attrs)}>" + "".join(cells) + "</tr>" for row_attrs, cells in rows
    )
    caption_html = f"<caption>{caption}</caption>" if caption else ""
    return (
        f"<table{attributes(attrs)}>{caption_html}<thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def td(fragment: str, **attrs: str) -> str:
    """One ``<td>`` around an HTML fragment (attributes escaped)."""
    extra = "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())
    return f"<td{extra}>{fragment}</td>"


# --- any frame ---------------------------------------------------------------------------


def _cell_text(value) -> str:
    """A value as a reader reads it: missing is empty, a flag is yes/no, 3.0 is 3."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return f"{value:g}"
    return str(value)


#: column names of the frames the chapters show, as a reader reads them (a name not listed is
#: shown as it is); the data dictionary keeps the field names
HEADERS = {
    "added": "Added",
    "added_by": "Added by",
    "added_on": "Added on",
    "aspect": "Aspect",
    "cargo_id": "Cargo",
    "claim": "Claim",
    "compartment": "Compartment",
    "condition": "Condition",
    "corrections": "Corrections",
    "direction": "Direction",
    "evidence": "Evidence",
    "fields": "Fields",
    "finding_id": "Finding",
    "findings": "Findings",
    "fluid": "Fluid",
    "from": "From",
    "kind": "Kind",
    "line": "Review line",
    "lineage group": "Lineage",
    "lineage_group": "Lineage",
    "locator": "Locator",
    "marker": "Marker",
    "measure": "Measure",
    "n_beneficial_findings": "Findings good for bone",
    "n_findings": "Findings",
    "n_harmful_findings": "Findings harmful to bone",
    "n_sources": "Sources (n)",
    "narrative": "From the text",
    "narrative_finding_id": "Text finding",
    "note": "Note",
    "opposite_valence": "Opposite effects",
    "osteogenesis_pairs": "Osteogenesis pairs",
    "pathway_id": "Pathway",
    "ref_id": "Reference",
    "single_study": "Single-study sources",
    "source_id": "Source",
    "source_label": "Source",
    "sources": "Sources",
    "table": "From tables",
    "table_finding_id": "Table finding",
    "table_says": "Table says",
    "text_says": "Text says",
    "to": "To",
    "to_fields": "To fields",
    "total": "Total",
    "use": "Use",
    "verdict": "Verdict",
    "where": "Where",
}


def frame_table(frame: pd.DataFrame) -> str:
    """A frame as a table with one header row: the index levels first, as row headers headed by
    their names, then the columns (names in :data:`HEADERS` shown as words); a default 0, 1,
    2, ... index is left out; values escaped.

    pandas' own display puts the index names on a second header row and leaves the cells above
    them blank, which screen readers announce as empty headers; here every header has a name
    (a nameless index level or column is refused: name it, e.g. ``frame.rename_axis("Table")``).
    """
    if isinstance(frame.columns, pd.MultiIndex):
        raise ValueError("frame_table shows one header row: flatten the columns first")
    default = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    keys = [] if default else list(frame.index.names)
    header = [*keys, *frame.columns]
    if any(name is None or str(name).strip() == "" for name in header):
        raise ValueError(
            f"every header needs a name (index {keys}, columns {list(frame.columns)}): "
            "name the index with rename_axis and the columns with rename"
        )
    head = "".join(f'<th scope="col">{esc(HEADERS.get(name, str(name)))}</th>' for name in header)
    rows = []
    for values in (frame if default else frame.reset_index()).itertuples(index=False):
        cells = [
            f'<th scope="row">{esc(_cell_text(v))}</th>'
            if i < len(keys)
            else f"<td>{esc(_cell_text(v))}</td>"
            for i, v in enumerate(values)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="dataframe frame-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# --- errata ------------------------------------------------------------------------------


def errata_table(errata: pd.DataFrame) -> str:
    """The errata as an HTML table, one row per erratum with an anchor (e.g. #e003) that
    marked cells link to: where (file, record, column), published, corrected, kind, evidence
    (with the supporting line of the review, if any)."""
    rows = []
    for e in errata.itertuples(index=False):
        line = "" if pd.isna(e.evidence_line) else f" (review line {int(e.evidence_line)})"
        where = f"<code>{esc(e.file)}</code><br>{esc(e.record_id)} · {esc(e.column)}"
        published = esc(e.published) if e.published else "<em>(empty)</em>"
        cells = [esc(e.erratum_id), where, published, esc(e.corrected), esc(e.kind)]
        cells.append(esc(e.evidence) + esc(line))
        rows.append(({"id": e.erratum_id.lower()}, [td(c) for c in cells]))
    header = ["Erratum", "Where", "Published", "Corrected", "Kind", "Evidence"]
    return html_table(header, rows, attrs={"class": "errata-table", "id": "errata-table"})


# --- the review's Tables 1-5 ---------------------------------------------------------------


def erratum_mark(erratum_id: str, published: str) -> str:
    """A superscript link to an erratum, the published text in its tooltip."""
    shown = published if published else "(empty)"
    return (
        f'<sup class="erratum-mark"><a href="{ERRATA_PAGE}#{esc(erratum_id.lower())}" '
        f'title="Corrected; published: {esc(shown)}">{esc(erratum_id)}</a></sup>'
    )


def bibliography_href(ref_id: int) -> str:
    """The link to a reference's entry in the bibliography, from a page in ``notebooks/``."""
    return f"{BIBLIOGRAPHY_PAGE}#cite-ref{int(ref_id):03d}"


def citation_links(ref_ids: list[int], notes: dict[int, str] | None = None) -> str:
    """'[63]' or '[87, 92]' with each number linked to its entry in the bibliography (and the
    reference's short description as the link's tooltip)."""
    notes = notes or {}
    links = (
        f'<a class="ref-link" href="{bibliography_href(i)}"'
        f' title="{esc(notes.get(i, ""))}">{int(i)}</a>'
        for i in ref_ids
    )
    return "[" + ", ".join(links) + "]"


def row_anchor(row_id: str) -> str:
    """The id of a table row on the tables page (``row-t3-01``): the bibliography links here."""
    return "row-" + str(row_id).lower()


def review_table(table: ReviewTable) -> str:
    """HTML of a rebuilt table: caption, header, one <tr> per row; corrected cells are marked
    with a link to their erratum (the published value is in the link's title)."""
    marks: dict[tuple[str, str], list[str]] = {}
    for fix in table.corrections.itertuples(index=False):
        marks.setdefault((fix.row_id, fix.column), []).append(
            erratum_mark(fix.erratum_id, fix.published)
        )
    caption_marks = "".join(
        erratum_mark(f.erratum_id, f.published)
        for f in table.caption_corrections.itertuples(index=False)
    )
    rows = []
    for row_id, refs, values in zip(
        table.row_ids, table.ref_ids, table.frame.itertuples(index=False), strict=True
    ):
        cells = [
            td(esc(v) + "".join(marks.get((row_id, col), [])))
            for col, v in zip(table.frame.columns[:-1], values[:-1], strict=True)
        ]
        cells.append(td(citation_links(refs, table.ref_notes)))
        rows.append(({"data-row-id": row_id, "id": row_anchor(row_id)}, cells))
    caption = f"<strong>Table {table.number}</strong> {esc(table.caption)}{caption_marks}"
    return html_table(
        list(table.frame.columns),
        rows,
        attrs={"class": "review-table", "id": f"table-{table.number}"},
        caption=caption,
    )


# --- clinical trials -----------------------------------------------------------------------


def trials_table(table: pd.DataFrame, wide: str = "Aim") -> str:
    """A ``trials_table`` frame as an HTML table (class ``evidence-table``).

    Each trial takes two rows: its short fields side by side (``<tr data-trial="N">``), then
    the long ``wide`` column on a row of its own across the table, so the table fits a page.
    """
    short = [c for c in table.columns if c != wide]
    rows = []
    for record in table.to_dict("records"):
        cells = [td(esc(record[c])) for c in short]
        rows.append(({"data-trial": str(int(record[short[0]]))}, cells))
        wide_cell = f"<em>{esc(wide)}:</em> {esc(record[wide])}"
        rows.append(({"class": f"trial-{wide.lower()}"}, [td(wide_cell, colspan=str(len(short)))]))
    return html_table(short, rows, attrs={"class": "evidence-table trials-table"})
