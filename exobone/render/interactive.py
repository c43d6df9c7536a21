"""Interactive tables (search, sort, a filter box per column) with itables, offline.

:func:`interactive_table` turns a frame into the HTML of one itables table. The page must
also show the output of ``itables.init_notebook_mode(connected=False)`` (a notebook cell tagged
``remove-input``): it embeds the DataTables bundle, so no table needs a network.

Two departures from ``itables.show``, both for pages that must stay small and fast with many
rows: the rows travel gzip-compressed (base64 inside the page, unpacked by the browser's
``DecompressionStream`` only when the table is drawn, with ``deferRender`` so only the visible
page of rows is ever turned into HTML), and there is no second, static copy of the table.
The page still works from ``file://``: nothing is fetched.

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

from exobone.render.escape import escape_html as esc
from exobone.render.html import citation_links

ITABLES_READY = "_itables_2_9_1"  # the promise itables' offline init puts on window
ITABLES_READY_EVENT = "itables-2.9.1-ready"
_ID = re.compile(r"[a-z][a-z0-9-]*")

_SCRIPT = r"""<script type="module">
(async () => {
  const table = document.getElementById("%(id)s");
  const ready = window.%(ready)s || new Promise((resolve) =>
    window.addEventListener("%(event)s", () => resolve(window.%(ready)s), { once: true }));
  const { ITable, jQuery: $ } = await ready;
  const packed = Uint8Array.from(atob(table.dataset.rows), (c) => c.charCodeAt(0));
  const rows = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const args = %(args)s;
  args.data_json = await new Response(rows).text();
  delete table.dataset.rows;
  new ITable(table, args);
  // a value button filters its column on exactly that value (one of the cell's values, which
  // are shown joined by ", "); the column's filter box shows it, and clearing the box undoes it
  table.closest(".interactive-table").addEventListener("click", (event) => {
    const button = event.target.closest("button.dt-filter");
    if (!button) return;
    const column = Number(button.dataset.col);
    const value = button.dataset.value;
    const box = table.closest(".dt-container").querySelectorAll("tfoot input")[column];
    if (box) box.value = value;
    const literal = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    $(table).DataTable().column(column).search(`(^|, )${literal}(, |$)`, true, false).draw();
  });
})();
</script>"""


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
            cells[name] = values.astype(object)
        elif name in filter_columns:
            cells[name] = values.map(lambda v, i=i: filter_buttons(v, i)).astype(object)
        else:
            cells[name] = values.map(esc).astype(object)
    shown = pd.DataFrame(cells, index=range(len(frame)))
    shown.columns = [esc(c) for c in columns]
    return shown


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
        column_filters="footer",
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
        text_in_header_can_be_selected=True,
    )


def interactive_table(
    frame: pd.DataFrame,
    table_id: str,
    *,
    html_columns: tuple[str, ...] = (),
    filter_columns: tuple[str, ...] = (),
    caption: str = "",
    page_length: int = 10,
) -> str:
    """One interactive table of ``frame`` (every column shown as text; no index).

    ``html_columns`` hold HTML fragments already made safe by the caller (escaped data plus
    generated links); every other cell is escaped here. ``filter_columns`` are shown as a
    button per '; '-separated value that filters the table on it. ``caption`` is plain text.
    """
    if not _ID.fullmatch(table_id):
        raise ValueError(f"table id {table_id!r}: use lower-case letters, digits and -")
    shown = _shown_cells(frame, html_columns, filter_columns)
    args = _itable_arguments(shown, table_id, caption, page_length)
    rows_json = args.pop("data_json")
    args["classes"] = ["display", "compact"]  # the ITable class wants a list
    for key in ("dt_url", "connected", "display_logo_when_loading"):
        args.pop(key, None)  # how itables would load itself: the page's init cell does that
    for key in ("keys_to_be_evaluated", "columnDefs"):
        if key in args:  # every cell is text: no JavaScript travels in the arguments
            raise ValueError(f"unexpected itables argument {key!r} for table {table_id}")
    script = _SCRIPT % {
        "id": table_id,
        "ready": ITABLES_READY,
        "event": ITABLES_READY_EVENT,
        "args": json.dumps(args, ensure_ascii=False, sort_keys=True).replace("</", "<\\/"),
    }
    return (
        f'<div class="interactive-table" id="{table_id}-wrapper">'
        f'<table id="{table_id}" class="display compact" data-rows="{packed_rows(rows_json)}">'
        f"</table>{script}</div>"
    )


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


def findings_table(flat: pd.DataFrame) -> str:
    """The findings as one interactive table (a ``findings_flat`` frame in): source and
    pathway as filter buttons, references linked to the bibliography."""
    frame = flat[list(FINDINGS_COLUMNS)].copy()
    frame["pathways"] = frame["pathways"].map(_without_direction)
    frame["ref_ids"] = frame["ref_ids"].map(
        lambda ids: citation_links([int(i) for i in ids.split("; ")]) if ids else ""
    )
    frame = frame.rename(columns=FINDINGS_COLUMNS)
    return interactive_table(
        frame,
        "findings-table",
        html_columns=("References",),
        filter_columns=("Source", "Pathway"),
    )


def _without_direction(values: str) -> str:
    """'Wnt/β-catenin signalling (up); MAPK signalling (down)' -> the labels only: a pathway's
    button then finds every finding of that pathway, whatever its direction."""
    if not values:
        return ""
    return "; ".join(dict.fromkeys(re.sub(r" \([^()]*\)$", "", v) for v in values.split("; ")))


# --- static tables made searchable ---------------------------------------------------------

_ENHANCE = r"""<script type="module">
(async () => {
  const table = document.getElementById("%(id)s");
  const ready = window.%(ready)s || new Promise((resolve) =>
    window.addEventListener("%(event)s", () => resolve(window.%(ready)s), { once: true }));
  const { jQuery: $ } = await ready;
  const foot = table.createTFoot().insertRow();
  for (const th of table.tHead.rows[table.tHead.rows.length - 1].cells) {
    const cell = document.createElement("th");
    const box = document.createElement("input");
    box.type = "search";
    box.placeholder = th.textContent.trim();
    box.setAttribute("aria-label", "Filter by " + th.textContent.trim());
    cell.append(box);
    foot.append(cell);
  }
  const api = $(table).DataTable({
    paging: false, order: [], autoWidth: false,
    layout: { topStart: "info", topEnd: "search", bottomStart: null, bottomEnd: null },
  });
  api.columns().every(function () {
    const column = this;
    $("input", column.footer()).on("input", function () {
      if (column.search() !== this.value) column.search(this.value).draw();
    });
  });
})();
</script>"""


def searchable(table_html: str, table_id: str) -> str:
    """A static HTML table (already safe; its ``<table>`` has ``id=table_id``) plus the script
    that makes it searchable, sortable and filterable per column in the browser. Every row
    stays in the page (no paging), so anchors to rows keep working, and the table prints and
    reads without JavaScript as it is."""
    if not _ID.fullmatch(table_id):
        raise ValueError(f"table id {table_id!r}: use lower-case letters, digits and -")
    if f'id="{table_id}"' not in table_html:
        raise ValueError(f"the table has no id {table_id!r}")
    script = _ENHANCE % {"id": table_id, "ready": ITABLES_READY, "event": ITABLES_READY_EVENT}
    return f'<div class="interactive-table searchable-table">{table_html}{script}</div>'


def searchable_frame(frame: pd.DataFrame, table_id: str) -> str:
    """A frame as a searchable static table: every cell escaped (pandas), no index column (so
    no blank header cell), then :func:`searchable`."""
    html = frame.to_html(
        index=False, escape=True, table_id=table_id, classes="evidence-table", border=0
    )
    return searchable(html, table_id)
