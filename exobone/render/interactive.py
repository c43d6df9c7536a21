"""Interactive tables (search, sort, a filter box per column) with itables, offline.

:func:`interactive_table` turns a frame into the HTML of one itables table. The page must
also show the output of ``itables.init_notebook_mode(connected=False)`` (a notebook cell tagged
``remove-input``): it embeds the DataTables bundle, so no table needs a network.

Two departures from ``itables.show``, both for pages that must stay small and fast with many
rows: the rows travel gzip-compressed (base64 inside the page, unpacked by the browser's
``DecompressionStream`` only when the table is drawn, with ``deferRender`` so only the visible
page of rows is ever turned into HTML), and there is no second, static copy of the table.
The page still works from ``file://``: nothing is fetched.

The page needs no init cell and no notebook stores the DataTables bundle: see
:mod:`exobone.render.table_script` for where the bundle comes from, the search boxes under the
headings, and how a table fits its column (least important columns hidden, one tap away in a
row's child row). A cell with a Greek letter also holds its Latin spelling, hidden, so the
table's search finds "beta-catenin" as well as "β-catenin".

Text from data is escaped here (:func:`exobone.render.escape.escape_html`); only generated
markup (links, filter buttons) is added around escaped text. A cell of a *filter column* is a
button per value: one click filters the table on that value (its siblings), e.g. every finding
of the same source or pathway.
"""

from __future__ import annotations

import base64
import gzip
import json
import re

import pandas as pd
from itables.javascript import get_itable_arguments

from exobone.render import table_script
from exobone.render.escape import escape_html as esc
from exobone.render.html import citation_links
from exobone.render.search_text import with_latin_spelling

ITABLES_READY = "_itables_2_9_1"  # the promise itables' offline init puts on window
ITABLES_READY_EVENT = "itables-2.9.1-ready"
_ID = re.compile(r"[a-z][a-z0-9-]*")


def filter_buttons(values: str, column: int, separator: str = "; ") -> str:
    """HTML for a cell of a filter column: each value (``separator``-joined) as a button that
    filters column ``column`` on it."""
    if not isinstance(values, str) or not values:
        return ""
    return ", ".join(
        f'<button type="button" class="dt-filter" data-col="{column}" data-value="{esc(v)}"'
        f' title="Show every row with {esc(v)}">{esc(v)}</button>'
        for v in values.split(separator)
    )


def packed_rows(rows_json: str) -> str:
    """The rows' JSON gzip-compressed (no time stamp, so the same rows give the same text) and
    base64-encoded."""
    return base64.b64encode(gzip.compress(rows_json.encode("utf-8"), mtime=0)).decode("ascii")


def _shown_cells(frame: pd.DataFrame, html_columns, filter_columns) -> pd.DataFrame:
    """Every cell of ``frame`` as HTML: escaped text, filter buttons, or the caller's safe
    fragment (``html_columns``); headers escaped."""
    columns = list(frame.columns)
    cells = {}
    for i, name in enumerate(columns):
        values = frame[name].astype("string").fillna("")
        if name in html_columns:
            shown_values = values
        elif name in filter_columns:
            shown_values = values.map(lambda v, i=i: filter_buttons(v, i))
        else:
            shown_values = values.map(esc)
        cells[name] = [
            shown + _hidden_latin(value) for shown, value in zip(shown_values, values, strict=True)
        ]
    shown = pd.DataFrame(cells, index=range(len(frame)))
    shown.columns = [esc(c) for c in columns]
    return shown


def _hidden_latin(text: str) -> str:
    """The Latin spelling of a text with Greek letters, hidden (for the table's search), or ''."""
    latin = with_latin_spelling(text)
    return f"<span hidden> {esc(latin)}</span>" if latin != text else ""


def _itable_arguments(shown: pd.DataFrame, table_id: str, caption: str, page_length: int):
    """The DataTables options of one table (search, sort, column filters, deferred drawing)."""
    return get_itable_arguments(
        shown,
        caption=esc(caption) if caption else None,
        table_id=table_id,
        allow_html=True,
        showIndex=False,
        maxBytes=0,
        maxColumns=0,
        column_filters=False,
        classes=["display", "compact"],
        style={"width": "100%", "caption-side": "top"},
        deferRender=True,
        pageLength=page_length,
        lengthMenu=[10, 25, 100, 1000],
        autoWidth=False,
        order=[],
        layout={
            "topStart": "pageLength",
            "topEnd": "search",
            "bottomStart": "info",
            "bottomEnd": "paging",
        },
        text_in_header_can_be_selected=False,
    )


def interactive_table(
    frame: pd.DataFrame,
    table_id: str,
    *,
    html_columns: tuple[str, ...] = (),
    filter_columns: tuple[str, ...] = (),
    caption: str = "",
    page_length: int = 10,
    priorities: dict[str, int] | None = None,
    choice_filters: dict[str, tuple[str, dict[str, str]]] | None = None,
) -> str:
    """One interactive table of ``frame`` (every column shown as text; no index).

    ``html_columns`` hold HTML fragments already made safe by the caller (escaped data plus
    generated links); every other cell is escaped here. ``filter_columns`` are shown as a
    button per '; '-separated value that filters the table on it. ``caption`` is plain text.
    ``priorities`` (heading -> number) say which columns hide first when the table does not fit
    (highest first; 0 never; the first column and unnamed columns: by position).
    ``choice_filters`` (heading -> (label, {choice: regular expression})) add a ``<select>``
    above the table that filters that column.
    """
    if not _ID.fullmatch(table_id):
        raise ValueError(f"table id {table_id!r}: use lower-case letters, digits and -")
    shown = _shown_cells(frame, html_columns, filter_columns)
    args = _itable_arguments(shown, table_id, caption, page_length)
    rows_json = args.pop("data_json")
    args["classes"] = ["display", "compact"]  # the ITable class wants a list
    headings = list(shown.columns)
    args["table_html"] = table_script.header_html(headings)
    args["titleRow"] = 0  # the headings' row names the columns; the search boxes' row does not
    for key in ("dt_url", "connected", "display_logo_when_loading"):
        args.pop(key, None)  # how itables would load itself: the page's init cell does that
    for key in ("keys_to_be_evaluated", "columnDefs"):
        if key in args:  # every cell is text: no JavaScript travels in the arguments
            raise ValueError(f"unexpected itables argument {key!r} for table {table_id}")
    script = table_script.ITABLE_SCRIPT % {
        "helpers": table_script.helpers(ITABLES_READY, ITABLES_READY_EVENT),
        "id": table_id,
        "args": json.dumps(args, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"),
        "priorities": json.dumps(_priorities(list(frame.columns), priorities or {})),
    }
    choices = "".join(
        table_script.choice_filter(headings, heading, label, options)
        for heading, (label, options) in (choice_filters or {}).items()
    )
    return (
        f'<div class="interactive-table" id="{table_id}-wrapper">{choices}'
        f'<table id="{table_id}" class="display compact" data-rows="{packed_rows(rows_json)}">'
        f"</table>{script}</div>"
    )


def _priorities(columns: list[str], given: dict[str, int]) -> list[int]:
    """Per column, how soon it hides when the table is too wide (0: never; the first column
    never hides, so every row keeps its ▸ button)."""
    unknown = set(given) - set(columns)
    if unknown:
        raise ValueError(f"priorities for columns the table does not have: {sorted(unknown)}")
    return [0 if i == 0 else given.get(c, i) for i, c in enumerate(columns)]


# --- the book's interactive tables ---------------------------------------------------------

#: findings_flat column -> heading shown, in the order shown
FINDINGS_COLUMNS = {
    "finding_id": "Finding",
    "source": "Source",
    "compartment": "Compartment",
    "cargos": "Cargo",
    "pathways": "Pathway",
    "targets": "Target",
    "effects": "Effect (direction, cell)",
    "disease": "Disease or model",
    "claim": "Finding in our words",
    "ref_ids": "References",
    "source_line": "Review line",
}


#: which findings columns hide first when the table does not fit (highest first): the source,
#: effect, cargo and pathway stay longest; the long sentence and the bookkeeping go first
FINDINGS_PRIORITIES = {
    "source": 1,
    "effects": 2,
    "cargos": 3,
    "pathways": 4,
    "disease": 5,
    "targets": 6,
    "claim": 7,
    "compartment": 8,
    "ref_ids": 9,
    "source_line": 10,
}


def effect_directions(effects: pd.Series) -> list[str]:
    """The directions that occur in a findings_flat ``effects`` column, sorted."""
    found = (_DIRECTION.search(v) for e in effects.fillna("") for v in e.split("; "))
    return sorted({m.group(1) for m in found if m})


def direction_filter(heading: str, directions: list[str]) -> dict:
    """A "Direction of effect" choice filter on the column ``heading`` (``choice_filters``)."""
    return {
        heading: (
            "Direction of effect",
            {d: rf"\({re.escape(d)}(, in [^;]*)?\)(;|\s|$)" for d in directions},
        )
    }


def findings_table(flat: pd.DataFrame) -> str:
    """The findings as one interactive table (a ``findings_flat`` frame in): source and
    pathway as filter buttons, references linked to the bibliography."""
    frame = flat[list(FINDINGS_COLUMNS)].copy()
    frame["pathways"] = frame["pathways"].map(_without_direction)
    frame["ref_ids"] = frame["ref_ids"].map(
        lambda ids: citation_links([int(i) for i in ids.split("; ")]) if ids else ""
    )
    directions = effect_directions(frame["effects"])
    frame = frame.rename(columns=FINDINGS_COLUMNS)
    return interactive_table(
        frame,
        "findings-table",
        html_columns=("References",),
        filter_columns=("Source", "Pathway"),
        priorities={FINDINGS_COLUMNS[c]: n for c, n in FINDINGS_PRIORITIES.items()},
        choice_filters=direction_filter(FINDINGS_COLUMNS["effects"], directions),
    )


#: an effect's direction as findings_flat shows it, at the end of each effect:
#: "Osteogenesis (up, in Osteoblast)", "Inflammation (unspecific) (down)"
_DIRECTION = re.compile(r"\(([a-z]+)(?:, in .*)?\)$")


def _without_direction(values: str) -> str:
    """'Wnt/β-catenin signalling (up); MAPK signalling (down)' -> the labels only: a pathway's
    button then finds every finding of that pathway, whatever its direction."""
    if not values:
        return ""
    return "; ".join(dict.fromkeys(re.sub(r" \([^()]*\)$", "", v) for v in values.split("; ")))


# --- static tables made searchable ---------------------------------------------------------


def searchable(table_html: str, table_id: str) -> str:
    """A static HTML table (already safe; its ``<table>`` has ``id=table_id``) plus the script
    that makes it searchable, sortable and filterable per column in the browser. Every row
    stays in the page (no paging), so anchors to rows keep working, and the table prints and
    reads without JavaScript as it is."""
    if not _ID.fullmatch(table_id):
        raise ValueError(f"table id {table_id!r}: use lower-case letters, digits and -")
    if f'id="{table_id}"' not in table_html:
        raise ValueError(f"the table has no id {table_id!r}")
    script = table_script.ENHANCE_SCRIPT % {
        "helpers": table_script.helpers(ITABLES_READY, ITABLES_READY_EVENT),
        "id": table_id,
        "priorities": json.dumps(_static_priorities(table_html)),
    }
    return f'<div class="interactive-table searchable-table">{table_html}{script}</div>'


def _static_priorities(table_html: str) -> list[int]:
    """Columns of a static table hide from the last one (the first never)."""
    head = table_html.split("</tr>", 1)[0]
    count = len(re.findall(r"<th[\s>]", head))
    return [0] + list(range(1, count))


def searchable_frame(frame: pd.DataFrame, table_id: str) -> str:
    """A frame as a searchable static table: every cell escaped (pandas), no index column (so
    no blank header cell), then :func:`searchable`."""
    html = frame.to_html(
        index=False, escape=True, table_id=table_id, classes="evidence-table", border=0
    )
    return searchable(html, table_id)
