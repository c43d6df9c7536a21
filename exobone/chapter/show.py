"""Figures and tables as a chapter shows them.

:func:`figure` draws a chart from a frame, builds its alt text from that frame
(:mod:`exobone.figures.alt`), saves the frame for readers, shows the figure and writes the
*Data/notebook* line under it. The figure is stored as SVG (the book puts it in the page, text
as text, see :mod:`exobone.sphinxext.figures`) and as PNG: JupyterLab shows neither SVG nor
HTML drawings of a notebook it does not trust (a fresh clone), but it shows PNG.
:func:`table` shows a frame as a static table (or a searchable one), ids as vocabulary labels.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping

import pandas as pd
from IPython.display import HTML, Markdown, display

from exobone.chapter.text import under_next_paragraph
from exobone.compute.labels import labelled, vocabulary_labels
from exobone.data.derived import save_figure_data
from exobone.render.html import frame_table

# figures, alt text, added-evidence marks and interactive tables are imported where they are
# used: a chapter then depends only on the modules it uses (see exobone.chapter.MODULES)

SHORT = 30  # label width in figures (characters)
_chapter = {"notebook": ""}


def start(notebook: str) -> None:
    """Name the chapter's notebook (for the *notebook:* lines) and set the display options.
    Interactive tables need no set-up cell: the book ships their scripts once
    (:mod:`exobone.sphinxext.tables`), Lab serves them (``make lab``)."""
    _chapter["notebook"] = notebook
    pd.set_option("display.max_colwidth", None)


class FigureOutput:
    """A figure's output bundle: SVG for the book and trusted notebooks, PNG for the rest."""

    def __init__(self, drawing, png: bytes) -> None:
        self.drawing, self.png = drawing, png

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "image/svg+xml": self.drawing.svg,
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": self.drawing.alt,
        }


def relabelled(data, labels=None, rows=None, columns=None, added=None):
    """``data`` with ids as short vocabulary labels: ``labels`` maps columns to vocabularies;
    ``rows``/``columns`` name the vocabulary of a matrix's index/columns; ``added`` (row id ->
    'review' / 'added' / 'review+added') marks the rows whose counts include added findings."""
    if not (labels or rows or columns):
        return data
    names = vocabulary_labels(width=SHORT)
    out = labelled(data, labels, names) if labels else data
    out = out.rename(index=names.get(rows), columns=names.get(columns)) if rows or columns else out
    if added is not None:
        from exobone.compute.evidence import mark_added

        out = mark_added(out, added.rename(index=names[rows] if rows else None))
    return out


def data_line(name: str | None, about: str = "") -> str:
    """The *Data/notebook* line under a figure or table."""
    notebook = f"*notebook:* `notebooks/{_chapter['notebook']}.ipynb`."
    if name is None:
        return f"{about}; {notebook}" if about else notebook
    return f"*Data:* {{download}}`{name}.csv <figure_data/{name}.csv>`{about}; {notebook}"


def figure(
    chart: Callable,
    data,
    name: str,
    *,
    about: str = "",
    what: str | None = None,
    saved=None,
    labels: Mapping[str, str] | None = None,
    rows: str | None = None,
    columns: str | None = None,
    added: pd.Series | None = None,
    **kwargs,
) -> None:
    """Draw ``chart(data, **kwargs)`` (ids shown as labels, see :func:`relabelled`), describe
    it from the data it draws, save ``saved`` (default: ``data``; ``False``: nothing) as
    ``figure_data/<name>.csv``, show it and the *Data* line (``about``: what follows the file
    name, e.g. its inputs; the line is shown under the next paragraph, see
    :func:`exobone.chapter.text.under_next_paragraph`). ``what`` names the rows in the alt
    text ("sources")."""
    from exobone.figures import alt, svg

    drawn = relabelled(data, labels, rows, columns, added)
    description = alt.describe(chart, drawn, what=what, **kwargs)
    drawing, png = svg.svg_and_png(chart(drawn, **kwargs), description)
    if saved is not False:
        save_figure_data(data if saved is None else saved, name)
    display(FigureOutput(drawing, png))
    under_next_paragraph(data_line(None if saved is False else name, about))


def short_labels() -> dict[str, dict[str, str]]:
    """Every vocabulary's id -> label, shortened for figures (``SHORT`` characters)."""
    return vocabulary_labels(width=SHORT)


def short_by_label(vocabulary: str) -> dict[str, str]:
    """Full label -> short label of one vocabulary (for frames that already show labels)."""
    full, short = vocabulary_labels()[vocabulary], short_labels()[vocabulary]
    return {full[key]: short[key] for key in full}


def table(
    frame: pd.DataFrame,
    index=None,
    *,
    labels: Mapping[str, str] | None = None,
    columns: Mapping[str, str] | None = None,
    rows: Mapping[str, str] | None = None,
    searchable: str | None = None,
) -> None:
    """Show ``frame``: ``labels`` (column -> vocabulary) as full labels, ``columns`` and
    ``rows`` (the index) renamed, ``index`` (a column, or columns) as the row header;
    ``searchable``: an id, for a searchable static table."""
    shown = labelled(frame, labels, vocabulary_labels()) if labels else frame
    shown = shown.rename(columns=columns, index=rows) if columns or rows else shown
    if searchable:
        from exobone.render.interactive import searchable_frame

        display(HTML(searchable_frame(shown, searchable)))
        return
    display(HTML(frame_table(shown.set_index(index) if index is not None else shown)))


def html(markup: str) -> None:
    """Show HTML built by ``exobone.render`` (already escaped)."""
    display(HTML(markup))


def markdown(markup: str) -> None:
    """Show MyST built by ``exobone.render`` (already escaped)."""
    display(Markdown(markup))
