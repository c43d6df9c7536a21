"""Corrections as data: data/errata.csv holds published value, corrected value and reason.

Data files keep the text as published; ``apply_errata`` returns the corrected frame and a list
of what it changed, so both versions stay available.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.data import paths, reads
from exobone.data.load import load
from exobone.data.schema import primary_key, resources


def record_ids(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Primary-key value of each row as text (parts of a composite key joined by '|')."""
    parts = [frame[k].astype(str) for k in key]
    ids = parts[0]
    for part in parts[1:]:  # column-wise, not row by row: fast on large frames
        ids = ids + "|" + part
    return ids


def check_errata(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """errata.csv, once the package is valid: validation proves that every entry applies to
    exactly one cell (:func:`exobone.data.checks.errata_problems`), before any notebook runs."""
    return load("errata", data_dir)


def apply_errata(
    frame: pd.DataFrame, name: str, data_dir: Path = paths.DATA_DIR
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corrected copy of ``frame`` (a loaded resource) and the corrections applied to it.

    The corrections frame has one row per erratum: record_id, column, erratum_id, published,
    corrected, kind.
    """
    errata = check_errata(data_dir)
    with reads.internal():  # finding one resource's schema is no input of the caller's output
        res = resources(data_dir)[name]
    reads.resource(name, data_dir)
    rel = str(res["path"].relative_to(data_dir))
    mine = errata[errata["file"] == rel]
    out = frame.copy()
    ids = record_ids(out, primary_key(res["schema"]))
    for e in mine.itertuples(index=False):
        mask = ids == e.record_id
        before = out.loc[mask, e.column].iloc[0]
        after = e.corrected if e.published == "" else before.replace(e.published, e.corrected, 1)
        out.loc[mask, e.column] = after
    applied = mine[["record_id", "column", "erratum_id", "published", "corrected", "kind"]]
    return out, applied.reset_index(drop=True)


def load_corrected(name: str, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """A validated resource with its errata applied (published values replaced by corrected
    ones); the file itself keeps the published text."""
    return apply_errata(load(name, data_dir), name, data_dir)[0]
