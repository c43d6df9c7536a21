"""The JavaScript every interactive table carries (one copy of the helpers per page).

- **Where the DataTables bundle comes from.** No notebook stores it. A book page carries it
  (the Sphinx extension adds ``_static/itables-<version>.js``, a classic script, so the page
  works from ``file://`` where Chromium refuses module scripts); in JupyterLab, ``make lab``
  serves itables' own ``dt_bundle.js`` under the server's ``static/itables/``, and the helpers
  import it from there (Lab pages set ``jupyter-config-data``).
- **Filters under the headings**: a second header row of search boxes, one per column; a
  heading's text sorts on click.
- **Tables that fit**: columns are hidden, least important first, until the table fits its
  column; the ▸ button of a row opens a child row with the hidden columns' values.
- **Choice filters** (e.g. direction of effect): a ``<select>`` above the table filters one
  column with a regular expression per choice.
"""

from __future__ import annotations

from exobone.render.escape import escape_html as esc

#: where ``make lab`` serves itables' bundle, relative to the Jupyter server's base URL
LAB_BUNDLE = "static/itables/dt_bundle"

HELPERS = r"""window.exoboneTables ??= (() => {
  const READY = "%(ready)s", EVENT = "%(event)s";
  function bundle() {
    if (window[READY]) return window[READY];
    const lab = document.getElementById("jupyter-config-data");
    if (lab) {  // JupyterLab: `make lab` serves itables' bundle
      const base = JSON.parse(lab.textContent).baseUrl || "/";
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = base + "%(lab)s.css";
      document.head.append(css);
      window[READY] = import(base + "%(lab)s.js");
      return window[READY];
    }
    return new Promise((resolve) =>
      window.addEventListener(EVENT, () => resolve(window[READY]), { once: true }));
  }
  function fit(table, api, priorities) {
    const box = table.closest(".interactive-table");
    if (!box.clientWidth) return;
    api.rows().every(function () { if (this.child.isShown()) this.child.hide(); });
    for (const b of box.querySelectorAll("button.dt-details")) b.ariaExpanded = "false";
    api.columns().visible(true, false);
    api.columns.adjust();
    const order = [...priorities.keys()].filter((i) => priorities[i] > 0)
      .sort((a, b) => priorities[b] - priorities[a] || b - a);
    let hidden = 0;
    for (const i of order) {
      if (table.offsetWidth <= box.clientWidth) break;
      api.column(i).visible(false, false);
      api.columns.adjust();
      hidden += 1;
    }
    box.classList.toggle("has-hidden-columns", hidden > 0);
  }
  function detailsButtons(api) {
    api.rows({ page: "current" }).every(function () {
      const cell = this.node()?.querySelector("td");
      if (!cell || cell.querySelector("button.dt-details")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "dt-details";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", "Show every column of this row");
      button.title = "Show every column of this row";
      cell.prepend(button);
    });
  }
  function toggleDetails(api, button) {
    const row = api.row(button.closest("tr"));
    if (row.child.isShown()) {
      row.child.hide();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const list = document.createElement("dl");
    list.className = "dt-details-list";
    api.columns().every(function (i) {
      if (this.visible()) return;
      const term = document.createElement("dt");
      term.textContent = this.header().querySelector(".dt-column-title")?.textContent
        ?? this.header().textContent;
      const value = document.createElement("dd");
      value.innerHTML = api.cell(row.index(), i).data() ?? "";  // cells are escaped HTML
      list.append(term, value);
    });
    row.child(list, "dt-details-row").show();
    button.setAttribute("aria-expanded", "true");
  }
  function setup(table, api, priorities) {
    const box = table.closest(".interactive-table");
    api.columns().every(function () {  // the search boxes under the headings
      const column = this;
      const input = column.header(1)?.querySelector("input");
      if (input) input.addEventListener("input", () => {
        if (column.search() !== input.value) column.search(input.value).draw();
      });
    });
    for (const choice of box.querySelectorAll("select.dt-choice")) {
      choice.addEventListener("change", () => {
        const pattern = choice.value;
        api.column(Number(choice.dataset.col)).search(pattern, true, false).draw();
      });
    }
    box.addEventListener("click", (event) => {
      const button = event.target.closest("button.dt-details");
      if (button) toggleDetails(api, button);
    });
    api.on("draw", () => detailsButtons(api));
    let width = 0;
    const refit = () => {
      if (box.clientWidth === width) return;
      width = box.clientWidth;
      fit(table, api, priorities);
      api.draw(false);
    };
    new ResizeObserver(() => requestAnimationFrame(refit)).observe(box);
    refit();
    detailsButtons(api);
  }
  return { bundle, setup };
})();"""

#: an itables table: rows unpacked in the browser, then filters, fitting and child rows
ITABLE_SCRIPT = r"""<script type="module">
%(helpers)s
(async () => {
  const table = document.getElementById("%(id)s");
  const { ITable, jQuery: $ } = await window.exoboneTables.bundle();
  const packed = Uint8Array.from(atob(table.dataset.rows), (c) => c.charCodeAt(0));
  const rows = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const args = %(args)s;
  args.data_json = await new Response(rows).text();
  delete table.dataset.rows;
  new ITable(table, args);
  const api = $(table).DataTable();
  window.exoboneTables.setup(table, api, %(priorities)s);
  // a value button filters its column on exactly that value (one of the cell's values, which
  // are shown joined by ", "); the column's search box shows it, and clearing the box undoes it
  table.closest(".interactive-table").addEventListener("click", (event) => {
    const button = event.target.closest("button.dt-filter");
    if (!button) return;
    const column = api.column(Number(button.dataset.col));
    const value = button.dataset.value;
    const box = column.header(1)?.querySelector("input");
    if (box) box.value = value;
    const literal = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    column.search(`(^|, )${literal}(, |$)`, true, false).draw();
  });
})();
</script>"""

#: a static table made searchable: a row of search boxes under its headings, then DataTables
ENHANCE_SCRIPT = r"""<script type="module">
%(helpers)s
(async () => {
  const table = document.getElementById("%(id)s");
  const { jQuery: $ } = await window.exoboneTables.bundle();
  const filters = table.tHead.insertRow();
  filters.className = "dt-filters";
  for (const th of table.tHead.rows[0].cells) {
    const cell = document.createElement("th");
    cell.dataset.dtOrder = "disable";
    const box = document.createElement("input");
    box.type = "search";
    box.placeholder = th.textContent.trim();
    box.setAttribute("aria-label", "Filter by " + th.textContent.trim());
    cell.append(box);
    filters.append(cell);
  }
  const api = $(table).DataTable({
    paging: false, order: [], autoWidth: false, titleRow: 0,
    layout: { topStart: "info", topEnd: "search", bottomStart: null, bottomEnd: null },
  });
  window.exoboneTables.setup(table, api, %(priorities)s);
})();
</script>"""


def helpers(ready: str, event: str) -> str:
    """The helpers' JavaScript for one itables version (its ready promise and event)."""
    return HELPERS % {"ready": ready, "event": event, "lab": LAB_BUNDLE}


def header_html(headings: list[str]) -> str:
    """The table's header: the headings (sortable by click), and under them a row of search
    boxes (not sortable); headings are escaped already."""
    titles = "".join(f"<th>{h}</th>" for h in headings)
    boxes = "".join(
        f'<th data-dt-order="disable"><input type="search" placeholder="{h}"'
        f' aria-label="Filter by {h}"></th>'
        for h in headings
    )
    return f'<table><thead><tr>{titles}</tr><tr class="dt-filters">{boxes}</tr></thead></table>'


def choice_filter(headings: list[str], heading: str, label: str, choices: dict) -> str:
    """A ``<select>`` that filters column ``heading`` with the pattern of the chosen value."""
    column = headings.index(esc(heading))
    options = '<option value="">any</option>' + "".join(
        f'<option value="{esc(pattern)}">{esc(name)}</option>' for name, pattern in choices.items()
    )
    return (
        f'<label class="dt-choice-label">{esc(label)} '
        f'<select class="dt-choice" data-col="{column}">{options}</select></label>'
    )
