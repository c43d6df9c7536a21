"""Figures as inline SVG: text stays text (searchable, selectable, zoomable), output is
deterministic (nbval compares it byte for byte), and the reader's page gets the drawing itself,
not a picture of it.

``inline(figure, alt)`` takes a matplotlib Figure (or Axes) or a Graphviz graph and returns an
:class:`SvgFigure`, which a notebook shows as HTML (myst-nb wraps it in the cell's figure with
its caption and name). The alt text becomes the SVG's accessible name.
"""

from __future__ import annotations

import hashlib
import html
import io
import re

import graphviz
import matplotlib as mpl
import matplotlib.pyplot as plt
from PIL import Image
from PIL.PngImagePlugin import PngImageFile

from exobone.figures.style import MAX_WIDTH_IN, RC

PX_PER_PT = 4 / 3
#: on a narrow screen a figure keeps at least this width (px; or its natural width if smaller)
#: and scrolls sideways in its frame, so that its text stays legible; narrower than the
#: book's 672 px column, so that it never applies on a wide screen
MIN_WIDTH_PX = 560
#: resolution of the PNG copy a notebook keeps for JupyterLab (the book shows the SVG)
PNG_DPI = 72


def use_style() -> None:
    """Apply the book's matplotlib settings (fonts, colours of axes, deterministic SVG)."""
    mpl.rcParams.update(RC)


class SvgFigure:
    """An SVG drawing ready for the page: ``svg`` is the markup, ``html`` the framed figure."""

    def __init__(self, svg: str, alt: str) -> None:
        self.svg = svg
        self.alt = alt

    @property
    def html(self) -> str:
        # on a narrow screen the frame scrolls sideways: keyboard users must reach it too
        return f'<div class="exobone-figure" style="overflow-x:auto" tabindex="0">{self.svg}</div>'

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<SvgFigure: {self.alt[:60]}>"


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>", re.S)
_TITLE = re.compile(r"<title>.*?</title>|<metadata>.*?</metadata>", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def _size_px(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group())
    return number * PX_PER_PT if value.endswith("pt") else number


def finish_svg(svg: str, alt: str) -> str:
    """Clean an SVG for inline use: no prolog, comments or tooltips; ids prefixed with a hash
    of the drawing (two figures on a page never share an id); size in CSS px; scaled down to
    the column when wider, kept ``MIN_WIDTH_PX`` wide on narrow screens; ``alt`` as its name.
    A drawing with links (a heat map's counts leading to the evidence map) is a named group,
    not an image (an image's children are hidden from assistive technology, its links too),
    and its links open in the same tab."""
    svg = _TITLE.sub("", _COMMENT.sub("", _PROLOG.sub("", svg))).strip()
    svg = svg.replace(' target="_blank"', "")
    role = "group" if "<a xlink:href=" in svg else "img"
    svg = svg.replace("*{stroke-linejoin", ".exobone-svg *{stroke-linejoin")  # not the page's
    prefix = "f" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8]
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    root = _ROOT.search(svg)
    attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', root.group()))
    width, height = _size_px(attrs["width"]), _size_px(attrs["height"])
    keep = {k: v for k, v in attrs.items() if k in {"xmlns", "xmlns:xlink", "viewBox", "version"}}
    style = (
        f"display:block;max-width:100%;height:auto;min-width:{round(min(MIN_WIDTH_PX, width))}px"
    )
    new_root = " ".join(
        ["<svg", *(f'{k}="{v}"' for k, v in keep.items())]
        + [
            f'width="{width:.0f}" height="{height:.0f}"',
            f'role="{role}" aria-label="{html.escape(alt, quote=True)}"',
            f'class="exobone-svg" style="{style}">',
        ]
    )
    return svg[: root.start()] + new_root + svg[root.end() :]


def fit_width(fig, max_width_in: float = MAX_WIDTH_IN, rounds: int = 4) -> None:
    """Narrow the figure until what it draws (its tight box, labels included) is at most
    ``max_width_in`` wide, so that the page shows it at its natural size: the axes give up the
    width, the text keeps its size."""
    for _ in range(rounds):
        excess = fig.get_tightbbox(fig.canvas.get_renderer()).width - (max_width_in - 0.1)
        if excess <= 0:
            return
        width, height = fig.get_size_inches()
        fig.set_size_inches(width - excess, height)
        fig.canvas.draw()


def matplotlib_svg(figure) -> str:
    """A matplotlib Figure (or an Axes of it) as SVG text, at most ``MAX_WIDTH_IN`` wide,
    closed afterwards."""
    fig = getattr(figure, "figure", figure)
    fig = fig if isinstance(fig, mpl.figure.Figure) else fig.get_figure()
    fit_width(fig)
    buffer = io.StringIO()
    with mpl.rc_context(RC):
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            pad_inches=0.05,
            metadata={"Date": None, "Creator": None},
        )
    plt.close(fig)
    return buffer.getvalue()


def _graphviz(figure, fmt: str):
    try:
        return figure.pipe(format=fmt, encoding="utf-8" if fmt == "svg" else None)
    except graphviz.ExecutableNotFound:
        raise RuntimeError(
            "Graphviz's `dot` is not installed: run `make book-deps` as root "
            "(or: sudo apt-get install -y graphviz)"
        ) from None


def small_png(png: bytes, colours: int = 64) -> bytes:
    """``png`` with a palette of at most ``colours`` colours (a third of the bytes or less for
    these flat drawings; the same input gives the same bytes)."""
    image = PngImageFile(io.BytesIO(png)).convert("RGB")  # decoded in memory, no file
    buffer = io.BytesIO()
    image.quantize(colours, dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def svg_and_png(figure, alt: str, dpi: int = PNG_DPI) -> tuple[SvgFigure, bytes]:
    """The figure as inline SVG (for the book) and as a small PNG (for a notebook opened
    without trust, where JupyterLab shows PNG outputs but neither SVG nor HTML drawings)."""
    if hasattr(figure, "pipe"):
        drawing = SvgFigure(finish_svg(_graphviz(figure, "svg"), alt), alt)
        raster = figure.copy()
        raster.attr(dpi=str(dpi))
        return drawing, small_png(_graphviz(raster, "png"))
    fig = getattr(figure, "figure", figure)
    fig = fig if isinstance(fig, mpl.figure.Figure) else fig.get_figure()
    fit_width(fig)
    buffer = io.BytesIO()
    with mpl.rc_context(RC):
        fig.savefig(
            buffer,
            format="png",
            dpi=dpi,
            bbox_inches="tight",
            pad_inches=0.05,
            metadata={"Software": None},
        )
    return SvgFigure(finish_svg(matplotlib_svg(fig), alt), alt), small_png(buffer.getvalue())


def inline(figure, alt: str) -> SvgFigure:
    """A matplotlib figure or a Graphviz graph (anything with ``pipe``) as an inline SVG."""
    if hasattr(figure, "pipe"):
        svg = _graphviz(figure, "svg")
    else:
        svg = matplotlib_svg(figure)
    return SvgFigure(finish_svg(svg, alt), alt)
