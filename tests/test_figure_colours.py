"""Every figure stored in the notebooks is SVG with text as text, coloured only by the book's
palette: direction, compartment and cargo colours, greys (counts, ink, lines) and white; beside
it a PNG copy, for JupyterLab when the notebook is not trusted (the book shows the SVG)."""

import json
import re

import pytest

from exobone.data import paths
from exobone.figures import style

ALLOWED = {
    c.lower()
    for c in [*style.DIRECTION.values(), *style.COMPARTMENT.values(), *style.CARGO.values()]
}
NAMED = {"white": "#ffffff", "black": "#000000", "none": None, "transparent": None, "url": None}
COLOUR = re.compile(r'(?:fill|stroke|color)(?:="|:\s*)(#[0-9a-fA-F]{6}|[a-z]+)\b')


def figure_outputs():
    for notebook in sorted(paths.NOTEBOOK_DIR.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if "figure" not in cell.get("metadata", {}).get("mystnb", {}):
                continue
            name = cell["metadata"]["mystnb"]["figure"]["name"]
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if {"text/html", "image/png", "image/svg+xml"} & set(data):
                    yield notebook.name, name, data


def is_grey(colour: str) -> bool:
    r, g, b = (colour[i : i + 2] for i in (1, 3, 5))
    return r == g == b


def test_the_book_has_its_figures():
    assert len({name for _, name, _ in figure_outputs()}) == 16


@pytest.mark.parametrize(("notebook", "name", "data"), list(figure_outputs()))
def test_figure_is_inline_svg_in_the_palette(notebook, name, data):
    assert "text/html" not in data, f"{notebook} {name}: HTML, which Lab hides without trust"
    assert data["image/png"], f"{notebook} {name}: no PNG for JupyterLab"
    html = "".join(data["image/svg+xml"])
    assert "<svg" in html and "<text" in html, f"{notebook} {name}: no SVG with text"
    colours = set()
    for value in COLOUR.findall(html):
        value = NAMED[value] if value in NAMED else value.lower()
        if value is not None:
            colours.add(value)  # a colour name other than those above is foreign
    foreign = sorted(
        c for c in colours if not c.startswith("#") or (c not in ALLOWED and not is_grey(c))
    )
    assert foreign == [], f"{notebook} {name}: colours outside the palette {foreign}"
