"""The book's visual language in one place: colours with fixed meanings, and label helpers.

A colour means the same thing in every figure. Charts and diagrams take their colours from here,
never from literals of their own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib

# Labels come from data: '$5 and $10' must be drawn as written, not as mathtext (and a lone '$'
# must not stop the figure). No figure of the book uses mathtext.
matplotlib.rcParams["text.parse_math"] = False

#: direction of an effect on bone
BENEFICIAL, HARMFUL, UNCLEAR = "tab:green", "tab:red", "tab:gray"
DIRECTION_COLOURS = [BENEFICIAL, HARMFUL, UNCLEAR]
#: component classes of Fig. 1b (Okabe-Ito, lightened)
CLASS_COLOURS = {"lipid": "#fbe3b4", "protein": "#cfe6f5", "nucleic_acid": "#d3efe4"}
#: kinds of step in Fig. 2
KIND_COLOURS = {"compartment": "#cfe6f5", "process": "#fbe3b4", "outcome": "#d3efe4"}
#: one-colour bars (counts without a category)
SINGLE = "#4c72b0"
#: trials: bars described one by one, markers for the counts the review states
TRIALS_DESCRIBED, TRIALS_STATED = "#5b9bd5", "#c55a11"


def wrapped(labels: Iterable[str], width: int = 40) -> list[str]:
    """Labels broken at spaces into lines of at most ``width`` characters (long axis labels)."""
    return [
        textwrap.fill(str(label), width, break_long_words=False, break_on_hyphens=False)
        for label in labels
    ]
