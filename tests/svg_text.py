"""Geometry of the text in a figure as the browser lays it out (used by the browser tests).

``MEASURE_JS`` returns, for every inline SVG figure of a page, the figure's id, the SVG's box
and container width, and for each text element its string, its displayed font size (the font
size in SVG units times the scale the screen transform applies) and the four screen corners of
its glyph box (so rotated labels keep their true, rotated shape).
"""

from __future__ import annotations

MEASURE_JS = r"""
() => Array.from(document.querySelectorAll("figure")).map((figure, index) => {
  const svg = figure.querySelector("svg");
  const img = figure.querySelector("img");
  if (!svg) return {id: figure.id || `figure-${index}`, svg: false, img: img ? img.src : null};
  const box = svg.getBoundingClientRect();
  const frame = svg.parentElement.getBoundingClientRect();
  const texts = Array.from(svg.querySelectorAll("text"))
    .filter(t => t.textContent.trim() !== "" && t.getComputedTextLength() > 0)
    .map(t => {
      const m = t.getScreenCTM();
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      const b = t.getBBox();
      const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
                       [b.x, b.y + b.height]].map(([x, y]) => {
        const p = new DOMPoint(x, y).matrixTransform(m);
        return [p.x, p.y];
      });
      return {text: t.textContent.trim(), size: size, corners: corners};
    });
  return {id: figure.id || `figure-${index}`, svg: true, texts: texts,
          box: [box.left, box.top, box.right, box.bottom], frame_width: frame.width};
})
"""

Point = tuple[float, float]


def core(corners: list[Point], inset_x: float = 1.0, inset_y: float = 0.2) -> list[Point]:
    """The glyph body of a text box: ``inset_x`` px in from each end along the text and
    ``inset_y`` of the box height in from the top and bottom (a font's box includes the line
    gap above and below the glyphs, which neighbouring lines may share)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    along = ((x1 - x0), (y1 - y0))
    across = ((x3 - x0), (y3 - y0))
    length = max((along[0] ** 2 + along[1] ** 2) ** 0.5, 1e-9)
    ax, ay = along[0] / length * inset_x, along[1] / length * inset_x
    cx, cy = across[0] * inset_y, across[1] * inset_y
    return [
        (x0 + ax + cx, y0 + ay + cy),
        (x1 - ax + cx, y1 - ay + cy),
        (x2 - ax - cx, y2 - ay - cy),
        (x3 + ax - cx, y3 + ay - cy),
    ]


def _axes(poly: list[Point]) -> list[Point]:
    out = []
    for i in range(len(poly)):
        (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % len(poly)]
        out.append((y0 - y1, x1 - x0))
    return out


def overlap(a: list[Point], b: list[Point]) -> bool:
    """True if two convex quadrilaterals overlap (separating axis theorem; touching edges do
    not count)."""
    for nx, ny in _axes(a) + _axes(b):
        pa = [x * nx + y * ny for x, y in a]
        pb = [x * nx + y * ny for x, y in b]
        if max(pa) <= min(pb) or max(pb) <= min(pa):
            return False
    return True


def inside(corners: list[Point], box: tuple[float, float, float, float], tol: float = 1.0) -> bool:
    """True if every corner lies within ``box`` (left, top, right, bottom), ``tol`` px spare."""
    left, top, right, bottom = box
    return all(
        left - tol <= x <= right + tol and top - tol <= y <= bottom + tol for x, y in corners
    )


def problems(figure: dict, min_px: float) -> list[str]:
    """What is wrong with one measured figure: not SVG, text below ``min_px``, overlapping
    labels, text outside the drawing, a drawing wider than its frame."""
    name = figure["id"]
    if not figure["svg"]:
        return [f"{name}: not an inline SVG (img: {figure.get('img')})"]
    found = []
    texts = figure["texts"]
    for t in texts:
        if t["size"] < min_px:
            found.append(f"{name}: {t['text']!r} is {t['size']:.1f} px < {min_px} px")
        if not inside(t["corners"], figure["box"]):
            found.append(f"{name}: {t['text']!r} is clipped (outside the drawing)")
    cores = [core(t["corners"]) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if overlap(cores[i], cores[j]):
                found.append(f"{name}: {texts[i]['text']!r} overlaps {texts[j]['text']!r}")
    width = figure["box"][2] - figure["box"][0]
    if width > figure["frame_width"] + 0.5:
        found.append(f"{name}: {width:.0f} px wide in a {figure['frame_width']:.0f} px frame")
    return found
