"""The book's visual language in one place: colours with fixed meanings, font sizes, labels.

A colour means the same thing in every figure, and only three things carry colour:

- the direction of an effect on bone (:data:`DIRECTION`): beneficial, harmful, unclear;
- the review's three compartments (:data:`COMPARTMENT`);
- the type of cargo (:data:`CARGO`).

Counts are shades of one grey ramp (:data:`COUNT_CMAP`); everything else is neutral (black
text, grey lines, white or pale-grey boxes). The hues come from the Okabe-Ito and Paul Tol
"muted" palettes, chosen to stay apart for readers with colour-vision deficiencies; no hue
appears in two schemes. Charts and diagrams take colours and sizes from here, never from
literals of their own.

Sizes are for the page: the book's text column is 672 CSS px wide at a 1280 px window, so a
figure at most :data:`MAX_WIDTH_IN` inches wide is shown at its natural size, where a font of
``FONT_PT["small"]`` points is 12 px, above the 11 px the browser test asks for.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from matplotlib.colors import to_rgb

# --- colours with fixed meanings ----------------------------------------------------------

#: direction of an effect on bone (Okabe-Ito blue, vermillion, grey)
BENEFICIAL, HARMFUL, UNCLEAR = "#0072B2", "#D55E00", "#999999"
DIRECTION = {"beneficial": BENEFICIAL, "harmful": HARMFUL, "unclear": UNCLEAR}
DIRECTION_LABELS = {
    "beneficial": "Beneficial to bone",
    "harmful": "Harmful to bone",
    "unclear": "Unclear or no agreed sign",
}
DIRECTION_COLOURS = [BENEFICIAL, HARMFUL, UNCLEAR]
#: a cell of the evidence gap map (exobone/compute/gap_map.py): the three above, and mixed
#: (findings good and bad for bone in one cell; Okabe-Ito reddish purple)
MIXED = "#CC79A7"
GAP_MAP = {"good": BENEFICIAL, "bad": HARMFUL, "mixed": MIXED, "none": UNCLEAR}
#: the review's compartments (keys: compartment_id of vocab/compartments.csv; Tol muted)
COMPARTMENT = {
    "bone_derived": "#882255",  # wine
    "non_bone_bm_microenvironment": "#44AA99",  # teal
    "non_bone_outside_bm": "#DDCC77",  # sand
}
#: cargo types (keys: cargo_type of vocab/cargo_types.csv; Tol muted, no blue or vermillion)
CARGO = {
    "miRNA": "#332288",  # indigo
    "lncRNA": "#88CCEE",  # cyan
    "circRNA": "#117733",  # green
    "mRNA": "#999933",  # olive
    "protein": "#AA4499",  # purple
    "lipid": "#CC6677",  # rose
    "other": "#DDDDDD",  # pale grey
    "unspecified": "#FFFFFF",  # white, outlined: no cargo named
}
#: counts (heat maps): a grey ramp, light to dark, never a category
COUNT_CMAP = "Greys"
COUNT_RAMP = (0.22, 0.9)  # the part of the ramp used: 1 is light grey, the largest count dark


def count_greys(n: int) -> list[str]:
    """``n`` grey steps (hex), one per whole count 1..n, light to dark."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps[COUNT_CMAP]
    lo, hi = COUNT_RAMP
    return [to_hex(cmap(lo + (hi - lo) * i / max(n - 1, 1))) for i in range(n)]


#: neutral ink: one-series bars, lines, outlines, box fills
INK, LINE, PALE, SINGLE = "#222222", "#666666", "#F2F2F2", "#555555"


def ink_on(fill) -> str:
    """Black or white text, whichever reads better on ``fill`` (#rrggbb or an RGB(A) tuple)."""
    r, g, b = to_rgb(fill)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else INK


#: trials chart: bars for the trials described, markers for the counts stated
TRIALS_DESCRIBED, TRIALS_STATED = SINGLE, INK

# --- sizes -------------------------------------------------------------------------------

#: widest figure (inches) shown unscaled in the 672 px text column (672 px = 7 in at 96 px/in)
MAX_WIDTH_IN = 7.0
#: font sizes in points (1 pt = 4/3 CSS px at natural size): 9 pt = 12 px
FONT_PT = {"small": 9.0, "normal": 10.0, "title": 11.0}
#: the smallest text, in CSS px as displayed at a 1280 px window, that figures must keep
MIN_TEXT_PX = 11.0
#: the font figures ask for (the browser falls back to a sans-serif if it lacks it)
FONT_FAMILY = "DejaVu Sans"

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "font.size": FONT_PT["normal"],
    "axes.titlesize": FONT_PT["title"],
    "axes.labelsize": FONT_PT["normal"],
    "xtick.labelsize": FONT_PT["small"],
    "ytick.labelsize": FONT_PT["small"],
    "legend.fontsize": FONT_PT["small"],
    "legend.title_fontsize": FONT_PT["small"],
    "figure.titlesize": FONT_PT["title"],
    "axes.edgecolor": LINE,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": LINE,
    "ytick.color": LINE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # vector output, deterministic: text stays text, ids do not depend on the run
    "svg.fonttype": "none",
    "svg.hashsalt": "exobone",
    # labels come from data: '$5 and $10' is drawn as written, not as mathtext (and a lone '$'
    # does not stop the figure); no figure of the book uses mathtext
    "text.parse_math": False,
}

# --- labels ------------------------------------------------------------------------------


def wrapped(labels: Iterable[str], width: int = 40) -> list[str]:
    """Labels broken at spaces into lines of at most ``width`` characters (long axis labels)."""
    return [
        textwrap.fill(str(label), width, break_long_words=False, break_on_hyphens=False)
        for label in labels
    ]


# --- the key, shown once in the book ("How to read the figures") ---------------------------


def _swatch(colour: str, text: str) -> str:
    box = (
        f'<span style="display:inline-block;width:1.1em;height:1.1em;vertical-align:-0.15em;'
        f'margin-right:0.3em;border:1px solid {LINE};background:{colour}"></span>'
    )
    return f'<span style="display:inline-block;margin:0 1.2em 0.3em 0">{box}{text}</span>'


def key_markdown(compartments: Mapping[str, str], cargo_types: Mapping[str, str]) -> str:
    """The figures' colour key as MyST Markdown with HTML swatches, from this module's
    palettes; ``compartments`` and ``cargo_types`` map ids to the labels to show."""
    import html

    def row(title: str, pairs) -> str:
        swatches = "".join(_swatch(c, html.escape(t)) for c, t in pairs)
        return f'<p class="figure-key"><strong>{title}</strong><br>{swatches}</p>\n'

    direction = [(DIRECTION[k], DIRECTION_LABELS[k]) for k in DIRECTION]
    comps = [(COMPARTMENT[k], compartments[k]) for k in COMPARTMENT]
    cargo = [(CARGO[k], cargo_types[k]) for k in CARGO]
    counts = list(zip(count_greys(3), ("1", "more", "most"), strict=True))
    return (
        "<!-- generated by `python -m exobone generate` from exobone/figures/style.py -->\n"
        + row("Direction of an effect on bone", direction)
        + row("Compartment of the exosome source", comps)
        + row("Cargo type", cargo)
        + row("Counts in heat maps (one grey step per whole count; blank: none)", counts)
    )
