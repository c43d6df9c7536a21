// One page of the built book, made ready to print inside the one PDF document (run by
// exobone/publish/pdf.py in the page, after it loaded). Returns the article's HTML.
// - interactive tables (itables/DataTables) become complete static tables: every row, the
//   header repeated on each printed page (thead), and a note with the online table's address;
// - code is hidden as on the pages (cell inputs removed), folded outputs are opened;
// - ids get the page's prefix so one document holds every page; links between pages point
//   inside the PDF, links to other files of the site go to the online address or are dropped.
async ({ index, pages, base, pagePath, wideFrom }) => {
  // base: the online book's address (html_baseurl) or "" when the book has none
  const online = (path) => (base ? base + path : `${path} in the HTML book`);
  const waitUntil = async (test, ms) => {
    const end = Date.now() + ms;
    while (!test() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    return test();
  };
  const article = document.querySelector("article.bd-article");
  if (!(await waitUntil(() => !document.querySelector("table[data-rows]"), 30000))) {
    throw new Error(`${pagePath}: an interactive table did not load`);
  }
  const containers = [...article.querySelectorAll(".dt-container")];
  if (containers.length) {
    const { jQuery: $ } = await window._itables_2_9_1;
    for (const container of containers) {
      const table = container.querySelector("table[id]");
      const api = $(table).DataTable();
      const heads = api.columns().header().toArray().map((th) => {
        const title = th.querySelector(".dt-column-title");
        return (title || th).innerHTML;
      });
      const rows = api.rows({ order: "index", search: "none" }).data().toArray();
      const caption = table.querySelector("caption");
      const out = document.createElement("div");
      // a table of many columns is set in a smaller type (pdf.css: .print-wide)
      out.className = heads.length >= wideFrom ? "print-table-wrapper print-wide" : "print-table-wrapper";
      const head = heads.map((h) => `<th>${h}</th>`).join("");
      const body = rows
        .map((r) => "<tr>" + (Array.isArray(r) ? r : Object.values(r)).map((c) => `<td>${c ?? ""}</td>`).join("") + "</tr>")
        .join("");
      out.innerHTML =
        `<table class="print-table" id="${table.id}">` +
        (caption ? `<caption>${caption.innerHTML}</caption>` : "") +
        `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
      const note = document.createElement("p");
      note.className = "print-note";
      note.textContent =
        `Printed in full (${rows.length} rows). The interactive table, with search, sorting and ` +
        `a filter per column, is at ${online(pagePath)}.`;
      out.append(note);
      container.replaceWith(out);
    }
  }
  // code hidden as on the pages: a folded input goes with its fold; other folds print open
  article.querySelectorAll(
    "details.above-input, .cell_input, .headerlink, button.toggle-button, .copybtn, script, .dt-column-order",
  ).forEach((e) => e.remove());
  article.querySelectorAll("details").forEach((d) => {
    d.open = true;
    d.querySelector(":scope > summary")?.remove();
  });
  for (const table of article.querySelectorAll("table")) {
    const columns = table.querySelector("tr")?.children.length || 0;
    if (columns >= wideFrom && !table.closest(".print-wide")) {
      const wrapper = document.createElement("div");
      wrapper.className = "print-wide";
      table.replaceWith(wrapper);
      wrapper.append(table);
    }
  }
  article.querySelectorAll("button").forEach((b) => {
    const span = document.createElement("span");
    span.className = b.className;
    span.innerHTML = b.innerHTML;
    b.replaceWith(span);
  });
  const prefix = `p${index}-`;
  article.querySelectorAll("[id]").forEach((e) => {
    if (!e.closest("svg")) e.id = prefix + e.id;
  });
  for (const a of article.querySelectorAll("a[href]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin) continue;
    const target = pages[url.pathname];
    if (target !== undefined) {
      const anchor = url.hash ? decodeURIComponent(url.hash.slice(1)) : "top";
      a.setAttribute("href", `#p${target}-${anchor}`);
    } else {
      const address = online(url.pathname.replace(/^\/html\//, ""));
      if (address.startsWith("http")) a.setAttribute("href", address);
      else a.removeAttribute("href");
    }
  }
  for (const img of article.querySelectorAll("img[src]")) img.setAttribute("src", img.src);
  return article.innerHTML;
}
