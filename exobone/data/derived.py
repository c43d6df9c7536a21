"""Writing derived data: the exact data a figure plots, saved next to the notebooks for readers.

``save_figure_data(frame, "fig-2")`` writes ``notebooks/figure_data/fig-2.csv`` (UTF-8, header
row, no index, minimal quoting, ``\n`` line ends): the same frame always gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from exobone.data import paths

FIGURE_DATA_DIR = paths.FIGURE_DATA_DIR
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def save_figure_data(frame: pd.DataFrame, name: str, folder: Path = FIGURE_DATA_DIR) -> Path:
    """Write ``frame`` to ``<folder>/<name>.csv`` deterministically and return the path.

    ``name`` is the figure's name (e.g. ``fig-2``): lower-case letters, digits, ``-`` and ``_``.
    Rows and columns are written in the frame's order (sort before saving); the index is
    dropped; missing values become empty cells.
    """
    if not _NAME.fullmatch(name):
        raise ValueError(f"figure data name {name!r}: use lower-case letters, digits, - and _")
    folder.mkdir(parents=True, exist_ok=True)
    return write_csv(frame, folder / f"{name}.csv")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """``frame`` as UTF-8 CSV, the same bytes for the same frame: header, no index, minimal
    quoting, ``\n`` line ends, an empty cell for a missing value."""
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n", na_rep="").encode("utf-8"))
    return path
