"""Drawing: one style (``style``), charts, diagrams, Fig. 2, and SVG output (``svg``).
Never reads files: figures get frames and label maps.

Importing the package applies the book's matplotlib settings, so every figure drawn through it
has the same fonts and deterministic SVG output.
"""

from exobone.figures.svg import use_style

use_style()
