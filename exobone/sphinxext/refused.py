"""Markup no page needs, refused wherever it comes from (used by :mod:`exobone.sphinxext`).

A page's text reaches the parser from the book's own pages, from a notebook's stored Markdown
outputs (parsed as MyST: ``nb_render_markdown_format: myst``) and from glued values. Stored
outputs are untrusted until their code has run, so as a second wall behind the freshness record
the book refuses, for every source alike:

- the ``raw`` directive and the ``raw`` role (HTML or anything else written into the page as is);
- ``include``, except the pairs of :data:`INCLUDES_ALLOWED` (the Data page shows
  ``data/README.md`` and the generated colour key); an include inside an included file is
  refused too;
- ``literalinclude`` of any file outside ``book/examples/``;
- ``csv-table`` with a ``:file:`` or ``:url:`` option (it reads a file into the page);
- a ``{download}`` link or an image whose file lies outside the project (Sphinx would copy
  it into the site);
- raw HTML written in Markdown (a page, a notebook's Markdown output, glued Markdown) that is
  more than inert markup: only the tags and attributes of :data:`HTML_TAGS` and
  :data:`HTML_ATTRIBUTES` pass (the pages use ``<span id>`` anchors and the colour key's
  ``<p>``, ``<strong>``, ``<br>``, ``<span style>``), with links to http(s), mailto or the
  site itself; a ``<script>``, an event handler or a ``javascript:`` link is refused. The
  ``text/html`` outputs of code cells are HTML by nature and left to the freshness record.

Each refusal is one error line naming the page (and line), the build fails (it runs with
warnings as errors), and nothing of the refused markup reaches the page even without ``-W``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: (page, file) pairs an ``include`` may join, each relative to the project's root
INCLUDES_ALLOWED: dict[tuple[str, str], str] = {
    ("book/data", "data/README.md"): "the provenance notes of every data file",
    ("book/data", "book/generated/figure-key.md"): "the colour key, generated from figures/style",
}
#: the one folder ``literalinclude`` may show files from (relative to the project's root)
LITERAL_FOLDER = "book/examples"
#: where the list of refusals is explained (named in every message)
WHY = "exobone/sphinxext/refused.py"


def _refuse(what: str, location, hint: str) -> None:
    logger.error(f"refused {what}: {hint} (see {WHY})", location=location, type="exobone")


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


class RefusedRaw(Directive):
    """``raw``: never rendered; one error naming the page."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"file": directives.unchanged, "url": directives.unchanged}

    def run(self):
        env = self.state.document.settings.env
        _refuse(
            "the 'raw' directive",
            (env.docname, self.lineno),
            "no page of this book writes raw HTML; text that carries it is data or a hand-edited "
            "output",
        )
        return []


def refused_raw_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{raw}`` role: nothing rendered, one error naming the page."""
    env = inliner.document.settings.env
    _refuse("the 'raw' role", (env.docname, lineno), "no page of this book writes raw markup")
    return [], []


class ExamplesOnlyLiteralInclude(LiteralInclude):
    """``literalinclude`` of a file inside ``book/examples/`` only."""

    def run(self):
        _, filename = self.env.relfn2path(self.arguments[0])
        folder = Path(self.env.srcdir) / LITERAL_FOLDER
        if not _inside(Path(filename), folder):
            _refuse(
                f"literalinclude of {self.arguments[0]!r}",
                (self.env.docname, self.lineno),
                f"only files in {LITERAL_FOLDER}/ may be shown",
            )
            return []
        return super().run()


class NoFileCSVTable(CSVTable):
    """``csv-table`` with its rows in the page; ``:file:`` and ``:url:`` refused."""

    def run(self):
        if "file" in self.options or "url" in self.options:
            env = self.state.document.settings.env
            _refuse(
                "csv-table with :file: or :url:",
                (env.docname, self.lineno),
                "a table's rows are written in the page or made from data by a notebook",
            )
            return []
        return super().run()


def _include_allowed(page: str, target: Path, root: Path) -> bool:
    if not _inside(target, root):
        return False
    rel = target.resolve().relative_to(root.resolve()).as_posix()
    return (page, rel) in INCLUDES_ALLOWED


class ListedOnlyInclude(Include):
    """``include`` in reStructuredText (a ``.rst`` page, ``eval-rst``): only the allowed pairs,
    with or without ``:literal:`` (a literal include reads the file without the
    ``include-read`` event). MyST runs its own include for this class, whose ``include-read``
    :func:`check_include` checks."""

    def run(self):
        target = self.arguments[0]
        _, filename = self.env.relfn2path(target)
        standard = target.startswith("<") and target.endswith(">")
        if standard or not _include_allowed(
            self.env.docname, Path(filename), Path(self.env.srcdir)
        ):
            _refuse(
                f"include of {target!r}",
                (self.env.docname, self.lineno),
                "only the pairs listed in INCLUDES_ALLOWED may be included",
            )
            return []
        return super().run()


def check_include(app, relative_path, parent_docname, content) -> None:
    """``include-read``: blank every included file but the allowed pairs (one error each).
    The page is the document being read (MyST passes only its file's stem)."""
    page = app.env.docname or parent_docname
    target = Path(relative_path).as_posix()
    if (page, target) not in INCLUDES_ALLOWED:
        content[0] = ""
        _refuse(
            f"include of {target!r}",
            page,
            "only the pairs listed in INCLUDES_ALLOWED may be included",
        )


def check_outside_files(app, doctree) -> None:
    """``doctree-read``, before Sphinx collects downloads and images: a ``{download}`` or an
    image whose file is outside the project becomes plain text, with one error."""
    env, root = app.env, Path(app.srcdir)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node.get("reftarget", "")
        if "://" in target:
            continue
        _, filename = env.relfn2path(target, env.docname)
        if not _inside(Path(filename), root):
            _refuse(f"download of {target!r}", node, "the file is outside the project")
            node.replace_self(nodes.literal(target, target))
    for node in list(doctree.findall(nodes.image)):
        uri = node.get("uri", "")
        if "://" in uri or uri.startswith("data:"):
            continue
        _, filename = env.relfn2path(uri, env.docname)
        if not _inside(Path(filename), root):
            _refuse(f"image {uri!r}", node, "the file is outside the project")
            node.replace_self(nodes.literal(uri, uri))


#: tags raw HTML in Markdown may use (inert: no script, no embedded document, no form)
HTML_TAGS = frozenset(
    "a abbr b br caption code div em i li mark ol p small span strong sub sup table tbody td "
    "th thead tr ul".split()
)
#: attributes it may carry (and ``aria-*``)
HTML_ATTRIBUTES = frozenset("class colspan href id lang role rowspan style title".split())
_SAFE_URL = re.compile(r"(https?:|mailto:|#|/|\.|[\w-]+(/|\.html|$))", re.I)
_UNSAFE_STYLE = re.compile(r"url\s*\(|expression\s*\(|javascript:|@import|behavior", re.I)


class _InertHTML(HTMLParser):
    """Collects why a piece of HTML is not inert (empty list: it is)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in HTML_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = "".join(ch for ch in html.unescape(value or "") if ch.isprintable()).strip()
            if name not in HTML_ATTRIBUTES and not name.startswith("aria-"):
                self.problems.append(f"attribute {name!r}")
            elif name == "href" and not _SAFE_URL.match(value.replace(" ", "")):
                self.problems.append(f"link {value[:40]!r}")
            elif name == "style" and _UNSAFE_STYLE.search(value):
                self.problems.append(f"style {value[:40]!r}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl):
        self.problems.append(f"<!{decl[:20]}>")

    def unknown_decl(self, data):
        self.problems.append(f"<![{data[:20]}]>")

    def handle_pi(self, data):
        self.problems.append(f"<?{data[:20]}>")


def html_problems(text: str) -> list[str]:
    """What makes ``text`` (raw HTML) more than inert markup; [] if nothing."""
    parser = _InertHTML()
    parser.feed(text)
    parser.close()
    return parser.problems


def _in_html_output(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("mime_type"):
            return parent["mime_type"] in {"text/html", "image/svg+xml"}
        parent = parent.parent
    return False


def check_raw_html(app, doctree) -> None:
    """``doctree-read``: raw HTML from Markdown that is not inert is removed, one error each."""
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split() or _in_html_output(node):
            continue
        found = html_problems(node.astext())
        if found:
            _refuse(
                f"raw HTML ({', '.join(dict.fromkeys(found))})",
                node,
                "HTML written in Markdown may only be inert markup",
            )
            node.parent.remove(node)


def setup(app):
    app.add_directive("raw", RefusedRaw, override=True)
    app.add_role("raw", refused_raw_role, override=True)
    app.add_directive("include", ListedOnlyInclude, override=True)
    app.add_directive("literalinclude", ExamplesOnlyLiteralInclude, override=True)
    app.add_directive("csv-table", NoFileCSVTable, override=True)
    app.connect("include-read", check_include)
    app.connect("doctree-read", check_outside_files, priority=100)
    app.connect("doctree-read", check_raw_html, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
