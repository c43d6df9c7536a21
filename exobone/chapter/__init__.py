"""The chapter facade: one import gives a notebook what it needs.

``from exobone import chapter as ch``, then ``ch.start("05_analysis_by_source_and_pathway")``:

- frames: ``ch.load(name)`` (validated, typed), ``ch.labelled(frame, {column: vocabulary})``
  (ids as full labels), ``ch.vocabulary()`` (every vocabulary's id -> label);
- the analysis, untouched: ``ch.summaries``, ``ch.evidence``, ``ch.bibliometrics``, ... (the
  ``exobone.compute`` modules), ``ch.citations``, ``ch.schema``, ``ch.settings``;
- words: ``ch.values(name=value, ...)`` records and glues many named values in one call,
  ``ch.md("... {name} ...")`` shows a paragraph with them (:mod:`exobone.chapter.text`);
- pictures and tables: the book's figures as ``ch.figures.<name>(frame)`` (their wiring in
  :mod:`exobone.chapter.figures`), any other ``ch.figure(ch.charts.grouped_bars, frame, ...)``,
  ``ch.table(frame, ...)``, ``ch.html(...)``, ``ch.markdown(...)``
  (:mod:`exobone.chapter.show`), with the drawing functions as ``ch.charts``, ``ch.diagrams``,
  ``ch.biogenesis``, the palette as ``ch.style``, ``ch.save_data`` and the renderers as
  ``ch.render_html``, ``ch.render_markdown``, ``ch.interactive``.

Thin on purpose: it composes the layers below and adds no analysis of its own.
"""

import importlib

from exobone.chapter.show import (
    figure,
    html,
    markdown,
    short_by_label,
    short_labels,
    start,
    table,
)
from exobone.chapter.text import Markup, md, recorded, values
from exobone.compute.labels import labelled as _labelled
from exobone.compute.labels import vocabulary_labels as vocabulary
from exobone.data.derived import save_figure_data as save_data
from exobone.data.load import load
from exobone.render.escape import md_code

#: ``ch.<name>`` -> the module it stands for, imported on first use: a chapter then depends
#: only on the modules it uses, so editing one module re-executes only the chapters using it
#: (the freshness record lists the modules a run imported)
MODULES = {
    "figures": "exobone.chapter.figures",
    "bibliometrics": "exobone.compute.bibliometrics",
    "cited_in": "exobone.compute.cited_in",
    "claims": "exobone.compute.claims",
    "evidence": "exobone.compute.evidence",
    "flat": "exobone.compute.flat",
    "glossary": "exobone.compute.glossary",
    "network": "exobone.compute.network",
    "review_figures": "exobone.compute.review_figures",
    "review_tables": "exobone.compute.review_tables",
    "summaries": "exobone.compute.summaries",
    "trials": "exobone.compute.trials",
    "loaders": "exobone.data.load",
    "schema": "exobone.data.schema",
    "citations": "exobone.parse.citations",
    "charts": "exobone.figures.charts",
    "diagrams": "exobone.figures.diagrams",
    "biogenesis": "exobone.figures.biogenesis",
    "style": "exobone.figures.style",
    "render_html": "exobone.render.html",
    "render_markdown": "exobone.render.markdown",
    "interactive": "exobone.render.interactive",
    "findings_view": "exobone.render.findings_view",
    "gap_map": "exobone.render.gap_map",
    "gap_map_data": "exobone.compute.gap_map",
    "conflicts": "exobone.compute.conflicts",
    "reference_table": "exobone.render.reference_table",
    "settings": "exobone.constants",
}


def __getattr__(name: str):
    if name in MODULES:
        module = importlib.import_module(MODULES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *MODULES])


def labelled(frame, columns):
    """``frame`` with the ids of ``columns`` (column -> vocabulary) as full labels."""
    return _labelled(frame, columns, vocabulary())


__all__ = [
    "Markup",
    "figure",
    "html",
    "labelled",
    "load",
    "markdown",
    "md",
    "md_code",
    "recorded",
    "save_data",
    "short_by_label",
    "short_labels",
    "start",
    "table",
    "values",
    "vocabulary",
    *MODULES,
]
