"""The evidence gap map as one HTML fragment: controls, legend, an HTML table of buttons, the
list of the open cell's findings, the data inline as JSON and the script that draws it.

Everything travels inside the fragment, so the page works from ``file://`` with no server and
no network. The JSON (from :func:`exobone.compute.gap_map.gap_map_data`) is written by
:func:`inline_json`, which escapes ``<``, ``>``, ``&`` and the two JavaScript line separators,
so no value of the data can end the ``<script>`` element; the script puts data on the page
with ``textContent`` only. Labels written here pass :func:`exobone.render.escape.escape_html`.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from exobone.render.escape import escape_html as esc
from exobone.render.gap_map_script import SCRIPT, STYLE

#: characters that could end a <script> element or a JavaScript string, as JSON escapes
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
FILTER_LABELS = {
    "compartment": "Compartment",
    "evidence": "Evidence",
    "model": "Model system",
    "species": "Species",
    "cargo_type": "Cargo type",
    "family": "Pathway family",
    "direction": "Direction for bone",
}


def inline_json(payload) -> str:
    """``payload`` as JSON safe to place inside ``<script type="application/json">``."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(c, c) for c in text)


def _select(name: str, label: str, options: list[dict], everything: str | None) -> str:
    first = f'<option value="">{esc(everything)}</option>' if everything else ""
    items = "".join(f'<option value="{esc(o["id"])}">{esc(o["label"])}</option>' for o in options)
    return (
        f'<label class="gm-control">{esc(label)} '
        f'<select name="{esc(name)}">{first}{items}</select></label>'
    )


def _legend(colours: dict[str, str], directions: list[dict]) -> str:
    swatches = "".join(
        f'<li><span class="gm-dot" style="background:{esc(colours[d["id"]])}"></span>'
        f"{esc(d['label'])}</li>"
        for d in directions
    )
    return (
        '<ul class="gm-legend" aria-label="Legend">'
        f"{swatches}"
        '<li><span class="gm-dot gm-gap-dot"></span>Empty cell: no finding, a gap in the '
        "review's evidence</li>"
        '<li><span class="gm-ring"></span>Ringed: findings of one source disagree in direction '
        "here (see the list of disagreements)</li>"
        "<li>Bubble area: number of distinct references; number printed: findings</li></ul>"
    )


def gap_map_html(payload: dict, colours: dict[str, str], map_id: str = "evidence-map") -> str:
    """The map's HTML (see the module docstring). ``colours``: direction id (good, bad,
    mixed, none) -> CSS colour, from :data:`exobone.figures.style.GAP_MAP`."""
    axes = [{"id": k, "label": a["label"]} for k, a in payload["axes"].items()]
    filters = payload["filters"] | {"compartment": payload["compartments"]}
    controls = _select("axis", "Columns", axes, None) + "".join(
        _select(name, label, filters[name], "All") for name, label in FILTER_LABELS.items()
    )
    colour_css = "".join(
        f"#{map_id} .gm-{esc(k)}{{--gm-colour:{esc(v)}}}" for k, v in colours.items()
    )
    return (
        f'<div class="gap-map" id="{esc(map_id)}">'
        f"<style>{STYLE}{colour_css}</style>"
        f'<form class="gm-controls" aria-label="Map columns and filters">{controls}'
        '<button type="button" class="gm-reset">Clear filters</button></form>'
        f"{_legend(colours, payload['filters']['direction'])}"
        '<p class="gm-help">Tab into the map, move between cells with the arrow keys, '
        "press Enter to list a cell's findings below the map. The view is kept in the "
        "page address, to link or bookmark it.</p>"
        '<p class="gm-status" role="status"></p>'
        '<div class="gm-frame"><table class="gm-table"><caption></caption></table></div>'
        '<section class="gm-cell" aria-live="polite"><h3 class="gm-cell-title" tabindex="-1">'
        'Choose a cell</h3><p class="gm-cell-summary">Click a cell (or press Enter on it) '
        "to list its findings here.</p>"
        '<p><button type="button" class="gm-download" hidden>Download this cell as CSV'
        "</button></p>"
        '<div class="gm-cell-list"></div></section>'
        f'<script type="application/json" class="gm-data">{inline_json(payload)}</script>'
        f"<script>{SCRIPT.replace('__MAP_ID__', map_id)}</script>"
        "</div>"
    )


#: the evidence map's page, from a page in notebooks/
MAP_PAGE = "14_evidence_map.html"


def heatmap_links(matrix, axis: str, to_column: dict[str, str] | None = None):
    """For a count matrix (index: source ids, columns: ids of an axis's columns), the address
    of the evidence map's cell for each non-zero count ('' elsewhere and for columns the map
    does not have, such as 'not stated'). ``to_column`` maps the matrix's column ids to the
    map's (a pathway to its family); the default keeps them."""
    to_column = to_column or {}

    def href(row, column, count) -> str:
        target = to_column.get(column, column)
        if not count or target in ("", "not stated"):
            return ""
        fragment = f"map&axis={axis}&cell={quote(str(row))}~{quote(str(target))}"
        return f"{MAP_PAGE}#{fragment.replace('&axis=effect', '')}"

    return matrix.apply(lambda col: [href(r, col.name, v) for r, v in col.items()])
