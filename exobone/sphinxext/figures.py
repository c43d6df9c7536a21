"""The chapters' figures put into the page as SVG, text as text.

A chapter stores each figure as ``image/svg+xml`` and ``image/png`` (see
:mod:`exobone.chapter.show`: JupyterLab shows only the PNG of a notebook it does not trust).
myst-nb renders the SVG as an ``<img>`` of a file; this puts the drawing itself in its place,
in the frame :class:`exobone.figures.svg.SvgFigure` gives it, so its text stays selectable and
searchable and its ``aria-label`` (the alt text built from the data) is read out.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from exobone.figures.svg import SvgFigure

MARK = 'class="exobone-svg"'


def _svg_file(app, docname: str, uri: str) -> Path | None:
    if not uri.endswith(".svg"):
        return None
    # myst-nb writes the path from the source folder ("/" in front, which Sphinx's image
    # collector may already have resolved), so try it from there and from the document
    candidates = [Path(app.srcdir) / uri.lstrip("/"), Path(app.env.relfn2path(uri, docname)[1])]
    return next((path for path in candidates if path.is_file()), None)


def inline_figures(app, doctree) -> None:
    """``doctree-read``: replace every image of a chapter's SVG figure by the SVG itself."""
    for image in list(doctree.findall(nodes.image)):
        path = _svg_file(app, app.env.docname, image.get("uri", ""))
        if path is None:
            continue
        text = path.read_text(encoding="utf-8")
        if MARK not in text:
            continue
        drawing = SvgFigure(text.strip(), "")
        image.replace_self(nodes.raw("", drawing.html, format="html"))
