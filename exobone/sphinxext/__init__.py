"""Sphinx extension for this book (listed in _config.yml under sphinx.extra_extensions).

- Lets headings written by a notebook's Markdown output (one per exosome source) into the
  page's contents.
- Ends every bibliography entry with links to the table rows, findings and figures that cite
  it ("Cited in this book").
- Marks the bibliography's entries as list items (accessibility: a list must hold items).
- Removes repeated inline scripts: sphinx-thebe registers its configuration script twice under
  Jupyter Book 1.x, and the second copy raises "Identifier 'THEBE_JS_URL' has already been
  declared" in every page's console.
- Turns automatic figure numbers off: figures carry the review's own numbers in their captions
  ("Fig. 1b"), and sphinx-jupyterbook-latex forces `numfig = True` whatever _config.yml says.
- Keeps one header on every page (:func:`_one_header`): pydata-sphinx-theme 0.17 adds a
  hidden header with a second ``.primary-toggle`` and a second search box unless the theme option
  ``navbar_persistent`` is set, and its script binds the first toggle only, so the visible ☰ did
  nothing (pydata-sphinx-theme #2451, sphinx-book-theme #988). Setting the option to ``[]``
  leaves the header out; sphinx-book-theme 1.3.0 pins pydata-sphinx-theme 0.17.1 exactly.
- Registers the pybtex style `review`: citation labels and bibliography order are the review's
  own reference numbers.
- Keeps text that comes from data literal: Sphinx's smart quotes would turn ``"``, ``'``,
  ``--`` and ``...`` in notebook outputs and glued text into typographic characters, so the page
  would not show what the CSV holds. Outputs and glued text are marked not smart-quotable; the
  book's own prose keeps its typography.
- Puts the repository's address (``exobone_repository_url`` in _config.yml, the one place it
  is set) wherever a page writes ``@REPOSITORY_URL@`` inside ``exobone-if-repository``, and in
  the footer; with no address set, pages show none. ``exobone-how-to-cite`` shows the book's
  citation from CITATION.cff (:mod:`exobone.sphinxext.cite`).
- Publishes the review's references as .bib and .ris, and each page's cited ones as .bib
  (:mod:`exobone.sphinxext.references`), listed on the references page.
- Puts the chapters' SVG figures into the page as SVG (:mod:`exobone.sphinxext.figures`).
- Ships the DataTables bundle once (``_static/itables-<version>.js``, a classic script that
  works from ``file://``) to the pages with an interactive table (:mod:`.tables`); no notebook
  stores it.
- Makes the search find findings (:mod:`.search`): table rows and Latin spellings of Greek
  letters in the index, excerpts from ``file://``.
- Publishes the data: every file of the data package is copied to ``data/`` in the built site
  (the layout of ``datapackage.json``, so its paths hold) and the downloads of
  :mod:`exobone.publish.exports` are written to ``downloads/``, from the data being built. The
  ``exobone-downloads`` directive lists them all, linked, on the Data page.
- Refuses markup no page needs, from pages, stored outputs and glue alike
  (:mod:`exobone.sphinxext.refused`): ``raw``, ``include`` but two listed pairs,
  ``literalinclude`` outside ``book/examples/``, files from outside the project.
- Shows the data's version: "Data version X · date" in every page's footer, the living status
  in the introduction (``exobone-living-status``) and every release on the What's new page
  (``exobone-whats-new``); see :mod:`exobone.sphinxext.releases`.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from exobone.sphinxext import cite, references, refused
from exobone.sphinxext.downloads import DownloadsDirective, publish_data
from exobone.sphinxext.figures import inline_figures
from exobone.sphinxext.pages import cited_in_links, hoist_output_sections
from exobone.sphinxext.releases import (
    LivingStatusDirective,
    WhatsNewDirective,
    footer_links,
    version_footer,
)
from exobone.sphinxext.search import setup_search
from exobone.sphinxext.tables import add_bundle_to_table_pages, write_bundle

#: classes of the nodes that carry notebook output or glued values (myst-nb)
DATA_TEXT_CLASSES = {"cell_output", "pasted-text", "pasted-inline"}


class KeepDataTextLiteral(SphinxTransform):
    """Mark notebook outputs and glued text as not smart-quotable (runs before SmartQuotes)."""

    default_priority = 700  # Sphinx's SmartQuotes runs at 750

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.Element):
            if DATA_TEXT_CLASSES & set(node.get("classes", [])):
                node["support_smartquotes"] = False


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # an inline script's filename is None or "" depending on who added it
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _bibliography_list_items(app, pagename, templatename, context, doctree) -> None:
    """Sphinx writes the bibliography as a ``role="list"`` whose entries carry the deprecated
    ``role="doc-biblioentry"``, which screen readers (and axe) do not take as list items."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


# --- citations labelled with the review's own numbers -------------------------------------
# pybtex's unsrt numbers entries by first citation in the book; the review's readers know
# them by the review's numbers. book/generated/references.bib carries `number_in_review` for
# each entry (written by exobone.parse.references through `python -m exobone generate`);
# these plugins print and sort by it.


def _register_citation_style() -> None:
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.unsrt import Style as UnsrtStyle
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting import BaseSortingStyle

    class ReviewNumberLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                yield str(entry.fields["number_in_review"])

    class ReviewOrder(BaseSortingStyle):
        def sorting_key(self, entry):
            return int(entry.fields["number_in_review"])

    class ReviewStyle(UnsrtStyle):
        default_label_style = "review_number"
        default_sorting_style = "review_order"

    register_plugin("pybtex.style.labels", "review_number", ReviewNumberLabels, force=True)
    register_plugin("pybtex.style.sorting", "review_order", ReviewOrder, force=True)
    register_plugin("pybtex.style.formatting", "review", ReviewStyle, force=True)


def _no_figure_numbers(app, config) -> None:
    config["numfig"] = False


def _one_header(app, config) -> None:
    """No hidden pydata header: its duplicate ``.primary-toggle`` took the theme's click
    handler from the visible ☰, and its search field was a second search box per page."""
    options = dict(config["html_theme_options"] or {})
    options.setdefault("navbar_persistent", [])
    config["html_theme_options"] = options


def setup(app):
    app.connect("config-inited", _no_figure_numbers, priority=900)  # after the LaTeX extension
    app.connect("config-inited", _one_header)
    app.add_js_file("exobone.js", defer="defer")  # book/_static/exobone.js (focus, tables, ...)
    # early: a later handler may end the event
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.add_transform(KeepDataTextLiteral)
    app.connect("html-page-context", _bibliography_list_items)
    app.connect("doctree-read", inline_figures)
    app.connect("doctree-read", hoist_output_sections, priority=100)  # before the TOC is read
    cite.setup(app)
    references.setup(app)
    app.connect("build-finished", publish_data)
    app.connect("doctree-resolved", cited_in_links)
    app.add_directive("exobone-downloads", DownloadsDirective)
    refused.setup(app)
    app.connect("config-inited", version_footer)
    app.connect("html-page-context", footer_links)
    app.add_directive("exobone-living-status", LivingStatusDirective)
    app.add_directive("exobone-whats-new", WhatsNewDirective)
    app.connect("html-page-context", add_bundle_to_table_pages)
    app.connect("build-finished", write_bundle)
    setup_search(app)
    _register_citation_style()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
