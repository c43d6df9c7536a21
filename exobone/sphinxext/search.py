"""The book's search finds findings: table rows in the index, Latin spellings of Greek letters,
and an excerpt per hit from ``file://`` as from a server.

Sphinx's own search is kept (its index is a script, so it works from disk; Pagefind fetches its
index, which browsers refuse from ``file://``). Three additions:

- the rows of every interactive table (packed in the page, see
  :mod:`exobone.render.interactive`) and the Latin spelling of every word with a Greek letter
  are fed to the index through a node that is indexed but never written;
- after the build, ``_static/search-texts.js`` holds the text of every page (rows included,
  Latin spellings beside the Greek), and the search page answers the requests Sphinx makes for
  excerpts from it (``book/_static/exobone-search.js``): from ``file://`` those requests fail;
- Latin spellings: "beta-catenin" and "kappaB" find what "β-catenin" and "κB" find.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes

from exobone.render.search_text import latin_words, with_latin_alongside

TEXTS = "search-texts.js"
_ROWS = re.compile(r'data-rows="([A-Za-z0-9+/=]+)"')
_TAG = re.compile(r"<[^<]+?>")


class search_words(nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """Words the search index gets for a page that the page does not show as such."""


def _skip(self, node) -> None:
    raise nodes.SkipNode


def rows_text(page_html: str) -> str:
    """The text of every row packed in ``page_html`` (cells' HTML stripped), one line a row."""
    lines = []
    for packed in _ROWS.findall(page_html):
        rows = json.loads(gzip.decompress(base64.b64decode(packed)).decode("utf-8"))
        for row in rows:
            lines.append(" ".join(html.unescape(_TAG.sub(" ", str(cell))) for cell in row))
    return "\n".join(" ".join(line.split()) for line in lines)


def index_rows_and_latin(app, doctree, docname) -> None:
    """Add the packed rows' text and the Latin spellings to the page's indexed words."""
    raw = "\n".join(
        node.astext()
        for node in doctree.findall(nodes.raw)
        if "html" in node.get("format", "").split()
    )
    rows = rows_text(raw)
    shown = " ".join(t.astext() for t in doctree.findall(nodes.Text)) + "\n" + rows
    words = " ".join(latin_words(shown))
    if rows or words:
        doctree += search_words("", f"{rows}\n{words}")


class _MainText(HTMLParser):
    """The text of a page's article (``<article class="bd-article">``, inside the theme's
    ``role="main"`` with its toolbar), without scripts, styles, templates and the "#" of
    heading links."""

    SKIP = {"script", "style", "template"}
    EMPTY = {"br", "img", "input", "hr", "meta", "link", "wbr", "col", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element inside the article: is it skipped?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if not self.stack and not (tag == "article" and "bd-article" in classes):
            return
        if tag in self.EMPTY:
            return
        skipped = tag in self.SKIP or "headerlink" in classes
        self.stack.append(skipped or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag) -> None:
        if self.stack and tag not in self.EMPTY:
            self.stack.pop()
            self.parts.append(" ")

    def handle_data(self, data) -> None:
        if self.stack and not self.stack[-1]:
            self.parts.append(data)


def page_text(page_html: str) -> str:
    """What a search excerpt is cut from: the main text, then the packed rows, with Latin
    spellings beside the Greek ones."""
    parser = _MainText()
    parser.feed(page_html)
    main = " ".join("".join(parser.parts).split())
    return with_latin_alongside(f"{main}\n{rows_text(page_html)}".strip())


def write_search_texts(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    out = Path(app.outdir)
    texts = {}
    for page in sorted(out.rglob("*.html")):
        name = page.relative_to(out).with_suffix("").as_posix()
        if name.startswith("_") or name in {"search", "genindex"}:
            continue
        texts[name] = page_text(page.read_text(encoding="utf-8"))
    script = "window.exoboneSearchTexts = " + json.dumps(texts, ensure_ascii=False) + ";\n"
    (out / "_static").mkdir(exist_ok=True)
    (out / "_static" / TEXTS).write_text(script.replace("</", "<\\/"), encoding="utf-8")


def add_texts_to_search_page(app, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file(TEXTS, defer="defer")
        app.add_js_file("exobone-search.js", defer="defer")


def setup_search(app) -> None:
    app.add_node(search_words, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.connect("doctree-resolved", index_rows_and_latin)
    app.connect("html-page-context", add_texts_to_search_page)
    app.connect("build-finished", write_search_texts)
