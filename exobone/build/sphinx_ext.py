"""Sphinx extension for this book (listed in _config.yml under sphinx.extra_extensions).

- Removes repeated inline scripts: sphinx-thebe registers its configuration script twice under
  Jupyter Book 1.x, and the second copy raises "Identifier 'THEBE_JS_URL' has already been
  declared" in every page's console.
- Turns automatic figure numbers off: figures carry the review's own numbers in their captions
  ("Fig. 1b"), and sphinx-jupyterbook-latex forces `numfig = True` whatever _config.yml says.
- Registers the pybtex style `review`: citation labels and bibliography order are the review's
  own reference numbers.
- Keeps text that comes from data literal: Sphinx's smart quotes would turn ``"``, ``'``,
  ``--`` and ``...`` in notebook outputs and glued text into typographic characters, so the page
  would not show what the CSV holds. Outputs and glued text are marked not smart-quotable; the
  book's own prose keeps its typography.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

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


# --- citations labelled with the review's own numbers -------------------------------------
# pybtex's unsrt numbers entries by first citation in the book; the review's readers know
# them by the review's numbers. book/references.bib carries `number_in_review` for each
# entry (written by exobone.references); these plugins print and sort by it.


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


def setup(app):
    app.connect("config-inited", _no_figure_numbers, priority=900)  # after the LaTeX extension
    # early: a later handler may end the event
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.add_transform(KeepDataTextLiteral)
    _register_citation_style()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
