"""`pdf`: the built book as one PDF, ``_build/pdf/exobone-book.pdf``, offline.

Made from the built HTML (``make book`` first) with Debian's Chromium through Playwright's
``page.pdf`` (``executable_path``: nothing downloads a browser): every page of the table of
contents is opened from a loopback server, made ready to print by ``pdf_page.js`` (interactive
tables printed in full as static tables with the online table's address, code hidden as on the
pages), and its article placed, in book order, into one document styled by ``pdf.css``: a title
page with version and dates, a table of contents with page numbers, a page per part, each
chapter on a new page, page numbers in the footer. Chromium writes a tagged PDF with vector
figures and selectable text; the bookmarks (parts, chapters, their sections) are set with pypdf.
The document is printed twice: the first print gives each chapter's page for the contents.

The pipeline rebuilds it only when a file of :func:`pdf_inputs` changed (its freshness record).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exobone.data import paths
from exobone.publish.pdf_document import assemble, book_facts, book_plan

PDF_NAME = "exobone-book.pdf"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
HERE = Path(__file__).parent
#: the files of this step whose change makes the PDF stale (besides the built HTML)
OWN_FILES = [HERE / name for name in ("pdf.py", "pdf_document.py", "pdf_page.js", "pdf.css")]
#: tables with this many columns or more are set in a smaller type
WIDE_FROM = 9
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def pdf_inputs(html_dir: Path, root: Path = paths.PROJECT_ROOT) -> list[Path]:
    """The files a PDF is made from: the built pages, styles and images, this step's own
    files, CITATION.cff and _config.yml (the pipeline keeps their record)."""
    kinds = {".html", ".css", ".svg", ".png", ".js"}
    files = sorted(p for p in html_dir.rglob("*") if p.suffix in kinds and p.is_file())
    own = [paths.relocated(paths.CITATION_FILE, root), root / "_config.yml"]
    return files + OWN_FILES + own


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) while the block runs; yields the base URL
    (the PDF's pages are read from it; the browser tests serve the built book with it)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # no line per request
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Quiet(*a, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def read_pages(page, base_url: str, plan: list[dict], facts: dict) -> tuple[list[dict], list[str]]:
    """Each page of ``plan`` opened and made ready to print: [{..., title, anchor, html}] and
    the site's style sheets."""
    script = (HERE / "pdf_page.js").read_text("utf-8")
    index = {f"/html/{item['path']}": i for i, item in enumerate(plan)}
    parts = {item["part"] for item in plan if item["part"]}
    part_ids = {part: f"part-{n}" for n, part in enumerate(sorted(parts))}
    chapters, styles = [], []
    for i, item in enumerate(plan):
        page.goto(f"{base_url}/html/{item['path']}", wait_until="load")
        if not styles:
            styles = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
        title = page.inner_text("article.bd-article h1").replace("#", "").strip()
        args = {
            "index": i,
            "pages": index,
            "base": facts["base"],
            "pagePath": item["path"],
            "wideFrom": WIDE_FROM,
        }
        html = page.evaluate(script, args)
        part_id = part_ids.get(item["part"], "")
        chapters.append(
            {**item, "title": title, "anchor": f"p{i}-top", "html": html, "part_id": part_id}
        )
    return chapters, styles


def _print(page, document: Path, base_url: str, out: Path) -> None:
    page.goto(f"{base_url}/pdf/{document.name}", wait_until="load")
    page.pdf(
        path=str(out),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER,
        prefer_css_page_size=True,
        outline=True,
        tagged=True,
    )


def start_pages(pdf: Path, chapters: list[dict]) -> dict[str, int]:
    """anchor -> page number (1-based) of each part and chapter, from Chromium's outline (its
    top-level entries are the document's h1 headings, in order: the title, Contents, parts,
    chapters)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    top = [entry for entry in reader.outline if not isinstance(entry, list)]
    wanted, seen = ["title", "contents"], set()
    for chapter in chapters:
        if chapter["part"] and chapter["part_id"] not in seen:
            seen.add(chapter["part_id"])
            wanted.append(chapter["part_id"])
        wanted.append(chapter["anchor"])
    if len(top) != len(wanted):
        raise RuntimeError(f"the PDF's outline has {len(top)} top entries, expected {len(wanted)}")
    return {a: reader.get_destination_page_number(e) + 1 for a, e in zip(wanted, top, strict=True)}


def finish(pdf: Path, out: Path, chapters: list[dict], pages: dict[str, int], facts: dict) -> None:
    """Bookmarks for parts, chapters and their sections (Chromium's outline regrouped), the
    document's metadata; written to ``out``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(pdf)
    outline = reader.outline  # pypdf makes new objects at each access: read it once
    sections, top = {}, [e for e in outline if not isinstance(e, list)]
    for i, entry in enumerate(outline):
        if isinstance(entry, list):
            sections[id(outline[i - 1])] = entry
    by_page = {reader.get_destination_page_number(e) + 1: e for e in top}
    writer = PdfWriter(clone_from=reader)
    writer._root_object.pop(NameObject("/Outlines"), None)
    part, parent = None, None
    for chapter in chapters:
        if chapter["part"] != part:
            part = chapter["part"]
            page = pages[chapter["part_id"]] - 1 if part else None
            parent = writer.add_outline_item(part, page) if part else None
        start = pages[chapter["anchor"]]
        node = writer.add_outline_item(chapter["title"], start - 1, parent=parent)
        for child in sections.get(id(by_page.get(start)), []):
            if not isinstance(child, list):
                writer.add_outline_item(
                    child.title, reader.get_destination_page_number(child), parent=node
                )
    writer.add_metadata(
        {
            "/Title": facts["title"],
            "/Author": facts["author"],
            "/Subject": f"Version {facts['version']}",
        }
    )
    writer.page_mode = "/UseOutlines"
    with open(out, "wb") as handle:
        writer.write(handle)


def build_pdf(html_dir: Path = paths.BUILD_HTML, out_dir: Path = paths.BUILD_PDF) -> Path:
    """Print the built book to ``out_dir/exobone-book.pdf`` (two prints; see the module)."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    facts, plan = book_facts(), book_plan(html_dir)
    document, draft = out_dir / "print.html", out_dir / "draft.pdf"
    with serve_folder(html_dir.parent) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        chapters, styles = read_pages(page, base_url, plan, facts)
        document.write_text(assemble(facts, chapters, styles, {}), "utf-8")
        _print(page, document, base_url, draft)
        pages = start_pages(draft, chapters)
        document.write_text(assemble(facts, chapters, styles, pages), "utf-8")
        _print(page, document, base_url, draft)
        if start_pages(draft, chapters) != pages:
            raise RuntimeError("the contents' page numbers moved the chapters: print again")
        browser.close()
    finish(draft, out_dir / PDF_NAME, chapters, pages, facts)
    draft.unlink()
    return out_dir / PDF_NAME
