# ruff: noqa: E501  (CSS and JavaScript, kept as written)
"""The evidence gap map's stylesheet and script (plain CSS and JavaScript, no library).

Why this module is long: it is two strings, the map's CSS and its script, kept whole so that
they can be read top to bottom.

The script reads the JSON of :mod:`exobone.compute.gap_map` from the map's own
``<script type="application/json">``, keeps the view (axis, filters, open cell) in the page
address after ``#map&``, draws the table of cells as buttons (one tab stop; arrow keys, Home
and End move between cells; Enter or a click lists the cell's findings) and writes the open
cell as CSV on request. Data reach the page through ``textContent`` only.
"""

STYLE = r"""
.gap-map{--gm-ink:#222;--gm-line:#666;font-size:0.9rem}
.gap-map .gm-controls,.gap-map .gm-legend,.gap-map .gm-help,.gap-map .gm-status{max-width:44rem}
.gap-map .gm-controls{display:flex;flex-wrap:wrap;gap:0.4rem 1rem;align-items:end;margin:0.5rem 0}
.gap-map .gm-control{display:flex;flex-direction:column;font-weight:600;font-size:0.85rem}
.gap-map .gm-control select{font-weight:normal;max-width:14rem}
.gap-map .gm-legend{display:flex;flex-wrap:wrap;gap:0.3rem 1.2rem;list-style:none;padding:0;margin:0.4rem 0}
.gap-map .gm-legend li{display:flex;align-items:center;gap:0.35rem}
.gap-map .gm-dot{display:inline-block;width:0.9rem;height:0.9rem;border-radius:50%;background:var(--gm-colour);flex:none}
.gap-map .gm-gap-dot{background:#fff;border:1px dashed var(--gm-line)}
.gap-map .gm-ring{display:inline-block;width:0.9rem;height:0.9rem;border-radius:50%;border:2px solid var(--gm-ink);flex:none}
.gap-map .gm-frame{overflow:auto;max-width:100%;max-height:75vh;border:1px solid #ccc}
.gap-map .gm-table{border-collapse:separate;border-spacing:0;margin:0}
.gap-map .gm-table caption{text-align:left;padding:0.3rem;font-weight:600;caption-side:top}
.gap-map .gm-table th,.gap-map .gm-table td{border-bottom:1px solid #e4e4e4;padding:0;text-align:center}
.gap-map .gm-table thead th{position:sticky;top:0;background:#fff;z-index:2;vertical-align:bottom;
  font-size:0.8rem;padding:0.3rem;min-width:4.2rem;max-width:7rem;font-weight:600}
.gap-map .gm-table th[scope=row]{position:sticky;left:0;background:#fff;z-index:1;text-align:left;
  font-weight:normal;padding:0.2rem 0.5rem;min-width:9rem;max-width:14rem}
.gap-map .gm-table thead th:first-child{left:0;z-index:3}
.gap-map .gm-table th.gm-compartment{text-align:left;background:#f2f2f2;font-weight:600;padding:0.3rem 0.5rem;
  position:sticky;left:0}
.gap-map .gm-cellbutton{display:flex;align-items:center;justify-content:center;gap:0.2rem;width:100%;
  min-width:4.2rem;height:2.6rem;border:0;background:transparent;cursor:pointer;color:var(--gm-ink);font:inherit}
.gap-map .gm-cellbutton:focus-visible{outline:3px solid #000;outline-offset:-3px}
.gap-map .gm-cellbutton[aria-pressed=true]{background:#ffe9a8}
.gap-map .gm-bubble{display:inline-block;border-radius:50%;background:var(--gm-colour);flex:none}
.gap-map .gm-conflict .gm-bubble{box-shadow:0 0 0 2px #fff,0 0 0 4px var(--gm-ink)}
.gap-map .gm-gap .gm-bubble{width:0.8rem;height:0.8rem;background:#fff;border:1px dashed var(--gm-line)}
.gap-map .gm-n{font-variant-numeric:tabular-nums;font-size:0.8rem}
.gap-map .gm-cell{margin-top:0.8rem}
.gap-map .gm-cell-title{font-size:1.15rem;margin:0.4rem 0}
.gap-map .gm-cell table{font-size:0.85rem;border-collapse:collapse;width:100%}
.gap-map .gm-cell th,.gap-map .gm-cell td{border:1px solid #ddd;padding:0.25rem;vertical-align:top;text-align:left}
.gap-map .gm-cell-list{overflow-x:auto}
"""

SCRIPT = r"""
(() => {
  "use strict";
  const root = document.getElementById("__MAP_ID__");
  const data = JSON.parse(root.querySelector("script.gm-data").textContent);
  const form = root.querySelector("form");
  const table = root.querySelector(".gm-table");
  const status = root.querySelector(".gm-status");
  const title = root.querySelector(".gm-cell-title");
  const summary = root.querySelector(".gm-cell-summary");
  const list = root.querySelector(".gm-cell-list");
  const download = root.querySelector(".gm-download");
  const KEYS = ["axis", "compartment", "evidence", "model", "species", "cargo_type", "family", "direction"];
  const state = { axis: "effect", compartment: "", evidence: "", model: "", species: "",
                  cargo_type: "", family: "", direction: "", cell: "" };
  const label = (kind, id) => {
    const found = (data.filters[kind] || []).find((o) => o.id === id);
    return found ? found.label : id;
  };
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // --- the view in the address: #map&axis=family&model=animal&cell=bmsc~wnt_family ---------
  let touched = location.hash.startsWith("#map");  // the address is left alone until then
  function readAddress() {
    const hash = location.hash.slice(1);
    if (!hash.startsWith("map")) return;
    touched = true;
    const params = new URLSearchParams(hash.slice(3));
    for (const k of [...KEYS, "cell"]) state[k] = params.get(k) || (k === "axis" ? "effect" : "");
    if (!data.axes[state.axis]) state.axis = "effect";
  }
  function writeAddress() {
    if (!touched) return;
    const params = new URLSearchParams();
    for (const k of [...KEYS, "cell"]) if (state[k] && !(k === "axis" && state[k] === "effect")) params.set(k, state[k]);
    const hash = "#map" + (params.toString() ? "&" + params.toString() : "");
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  // --- cells from the findings that pass the filters -------------------------------------
  function cells() {
    const out = new Map();
    for (const f of data.findings) {
      if (state.evidence && f.evidence !== state.evidence) continue;
      if (state.model && !f.models.includes(state.model)) continue;
      if (state.species && !f.species.includes(state.species)) continue;
      if (state.cargo_type && !f.cargo_types.includes(state.cargo_type)) continue;
      if (state.family && !(state.family in f.cols.family)) continue;
      for (const [col, dir] of Object.entries(f.cols[state.axis])) {
        if (state.direction && dir !== state.direction) continue;
        const key = f.source + "~" + col;
        if (!out.has(key)) out.set(key, { findings: [], refs: new Set(), dirs: new Set() });
        const cell = out.get(key);
        cell.findings.push(f);
        f.refs.forEach((r) => cell.refs.add(r));
        cell.dirs.add(dir);
      }
    }
    return out;
  }
  function direction(dirs) {
    const known = [...dirs].filter((d) => d !== "none");
    if (!known.length) return "none";
    if (known.every((d) => d === "good")) return "good";
    if (known.every((d) => d === "bad")) return "bad";
    return "mixed";
  }
  function conflicting(row, col, cell) {
    const ids = new Set(cell.findings.map((f) => f.id));
    return data.conflicts.some((c) => c.axis === state.axis && c.row === row && c.col === col &&
      c.for.some((i) => ids.has(i)) && c.against.some((i) => ids.has(i)));
  }

  // --- drawing ------------------------------------------------------------------------------
  let current = null;  // the open cell's key
  let drawn = new Map();
  function draw() {
    const columns = data.axes[state.axis].columns;
    const rows = data.rows.filter((r) => !state.compartment || r.compartment === state.compartment);
    drawn = cells();
    let maxRefs = 1;
    drawn.forEach((c) => { maxRefs = Math.max(maxRefs, c.refs.size); });
    table.replaceChildren();
    table.append(el("caption", {}, `Exosome source × ${data.axes[state.axis].label.toLowerCase()}`));
    const head = el("thead");
    const hr = el("tr");
    hr.append(el("th", { scope: "col" }, "Source"));
    columns.forEach((c) => hr.append(el("th", { scope: "col" }, c.label)));
    head.append(hr);
    table.append(head);
    let nonEmpty = 0;
    let tabbed = false;
    for (const comp of data.compartments) {
      const mine = rows.filter((r) => r.compartment === comp.id);
      if (!mine.length) continue;
      const body = el("tbody");
      const cr = el("tr");
      cr.append(el("th", { scope: "rowgroup", colspan: String(columns.length + 1), class: "gm-compartment" }, comp.label));
      body.append(cr);
      for (const r of mine) {
        const tr = el("tr");
        tr.append(el("th", { scope: "row" }, r.label));
        for (const c of columns) {
          const key = r.id + "~" + c.id;
          const cell = drawn.get(key);
          const td = el("td");
          const button = el("button", { type: "button", class: "gm-cellbutton", tabindex: "-1",
                                        "data-key": key, "aria-pressed": String(key === state.cell) });
          const bubble = el("span", { class: "gm-bubble", "aria-hidden": "true" });
          if (cell) {
            nonEmpty += 1;
            const dir = direction(cell.dirs);
            const d = 10 + 24 * Math.sqrt(cell.refs.size / maxRefs);
            bubble.style.width = bubble.style.height = d.toFixed(1) + "px";
            td.className = "gm-" + dir + (conflicting(r.id, c.id, cell) ? " gm-conflict" : "");
            const disagree = td.classList.contains("gm-conflict") ? "; findings disagree in direction" : "";
            button.setAttribute("aria-label", `${r.label} × ${c.label}: ${plural(cell.refs.size, "reference")}, ` +
              `${plural(cell.findings.length, "finding")}, ${label("direction", dir).toLowerCase()}${disagree}`);
            button.append(bubble, el("span", { class: "gm-n", "aria-hidden": "true" }, String(cell.findings.length)));
          } else {
            td.className = "gm-gap";
            button.setAttribute("aria-label", `${r.label} × ${c.label}: no findings, a gap in the review's evidence`);
            button.append(bubble);
          }
          if (!tabbed && (key === state.cell || (!state.cell && cell))) { button.tabIndex = 0; tabbed = true; }
          td.append(button);
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(body);
    }
    if (!tabbed) { const first = table.querySelector(".gm-cellbutton"); if (first) first.tabIndex = 0; }
    const shown = data.findings.filter((f) => [...drawn.values()].some((c) => c.findings.includes(f))).length;
    status.textContent = `${plural(nonEmpty, "cell")} with findings, ${plural(rows.length * columns.length - nonEmpty, "gap")}; ${plural(shown, "finding")} shown.`;
    show(state.cell);
    writeAddress();
  }

  // --- the open cell's findings ---------------------------------------------------------
  function parts(key) {
    const [row, col] = key.split("~");
    const r = data.rows.find((x) => x.id === row);
    const c = data.axes[state.axis].columns.find((x) => x.id === col);
    return r && c ? [r, c] : null;
  }
  const refText = (k) => { const r = data.refs[k]; return r ? `[${r.n}] ${r.author} ${r.year}, ${r.title}`.trim() : `[${k}]`; };
  const FIELDS = [
    ["Finding", (f) => f.id], ["Claim", (f) => f.claim],
    ["Direction for bone", (f) => label("direction", f.cols[state.axis][current.split("~")[1]])],
    ["Model system", (f) => f.models.map((m) => label("model", m)).join("; ")],
    ["Species", (f) => f.species.map((s) => label("species", s)).join("; ")],
    ["Cargo", (f) => f.cargos.join("; ")],
    ["References", (f) => f.refs.map(refText).join("; ")],
    ["Where in the review", (f) => f.where],
    ["Evidence", (f) => label("evidence", f.evidence)],
  ];
  function show(key) {
    const found = key && parts(key);
    current = found ? key : null;
    list.replaceChildren();
    download.hidden = true;
    if (!found) { title.textContent = "Choose a cell"; summary.textContent = "Click a cell (or press Enter on it) to list its findings here."; return; }
    const [r, c] = found;
    const cell = drawn.get(key);
    if (!cell) {
      title.textContent = `${r.label} × ${c.label}: no findings`;
      summary.textContent = "A gap in the review's evidence: with the filters shown, the review reports no finding for this source and column. It is a gap in what the review covers, not necessarily in the literature.";
      return;
    }
    title.textContent = `${r.label} × ${c.label}: ${plural(cell.findings.length, "finding")}, ${plural(cell.refs.size, "reference")}`;
    summary.textContent = `Direction for bone: ${label("direction", direction(cell.dirs)).toLowerCase()}.`;
    const t = el("table", { class: "gm-findings" });
    t.append(el("caption", {}, title.textContent));
    const hr = el("tr");
    FIELDS.forEach(([name]) => hr.append(el("th", { scope: "col" }, name)));
    const head = el("thead"); head.append(hr); t.append(head);
    const body = el("tbody");
    for (const f of cell.findings) {
      const tr = el("tr", { "data-finding": f.id });
      FIELDS.forEach(([name, get], i) => {
        const td = el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {});
        if (name === "References") {
          f.refs.forEach((k, j) => {
            if (j) td.append("; ");
            if (/^[0-9]+$/.test(k)) {
              const a = el("a", { href: `../book/references.html#cite-ref${k.padStart(3, "0")}` }, refText(k));
              td.append(a);
            } else td.append(refText(k));
          });
        } else td.textContent = get(f);
        tr.append(td);
      });
      body.append(tr);
    }
    t.append(body);
    list.append(t);
    download.hidden = false;
  }
  function csvCell(value) {
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }
  download.addEventListener("click", () => {
    const cell = current && drawn.get(current);
    if (!cell) return;
    const lines = [FIELDS.map(([n]) => csvCell(n)).join(",")];
    cell.findings.forEach((f) => lines.push(FIELDS.map(([, get]) => csvCell(get(f))).join(",")));
    const blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `evidence-map-${current.replace("~", "-")}.csv` });
    document.body.append(a); a.click(); a.remove();
  });

  // --- events -------------------------------------------------------------------------------
  table.addEventListener("click", (event) => {
    const button = event.target.closest(".gm-cellbutton");
    if (!button) return;
    touched = true;
    table.querySelectorAll(".gm-cellbutton").forEach((b) => { b.tabIndex = -1; b.setAttribute("aria-pressed", "false"); });
    button.tabIndex = 0;
    button.setAttribute("aria-pressed", "true");
    state.cell = button.dataset.key;
    show(state.cell);
    writeAddress();
  });
  table.addEventListener("keydown", (event) => {
    const button = event.target.closest(".gm-cellbutton");
    if (!button) return;
    const td = button.parentElement;
    const tr = td.parentElement;
    const rows = [...table.querySelectorAll("tr")].filter((r) => r.querySelector(".gm-cellbutton"));
    const ri = rows.indexOf(tr);
    const ci = [...tr.children].indexOf(td);
    let target = null;
    if (event.key === "ArrowRight") target = tr.children[ci + 1];
    else if (event.key === "ArrowLeft") target = ci > 1 ? tr.children[ci - 1] : null;
    else if (event.key === "ArrowDown") target = rows[ri + 1] && rows[ri + 1].children[ci];
    else if (event.key === "ArrowUp") target = rows[ri - 1] && rows[ri - 1].children[ci];
    else if (event.key === "Home") target = tr.children[1];
    else if (event.key === "End") target = tr.lastElementChild;
    else return;
    event.preventDefault();
    const next = target && target.querySelector(".gm-cellbutton");
    if (!next) return;
    button.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (!KEYS.includes(name)) return;
    touched = true;
    state[name] = event.target.value;
    if (name === "axis") state.cell = "";
    draw();
  });
  root.querySelector(".gm-reset").addEventListener("click", () => {
    for (const k of KEYS) if (k !== "axis") state[k] = "";
    touched = true;
    syncForm();
    draw();
  });
  function syncForm() {
    for (const k of KEYS) {
      const select = form.elements[k];
      if (select) select.value = state[k];
      if (select && select.value !== state[k]) { state[k] = k === "axis" ? "effect" : ""; select.value = state[k]; }
    }
  }
  window.addEventListener("hashchange", () => {
    if (!location.hash.startsWith("#map")) return;
    readAddress(); syncForm(); draw();
  });
  readAddress();
  syncForm();
  draw();
  root.dataset.ready = "true";
})();
"""
