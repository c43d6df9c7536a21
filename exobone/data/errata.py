"""Corrections as data: data/errata.csv holds published value, corrected value and reason.

Data files keep the text as published; ``apply_errata`` returns the corrected frame and a list
of what it changed, so both versions stay available.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import load
from exobone.data.schema import primary_key, resources
from exobone.data.validate import DataValidationError


def record_ids(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Primary-key value of each row as text (parts of a composite key joined by '|')."""
    parts = [frame[k].astype(str) for k in key]
    ids = parts[0]
    for part in parts[1:]:  # column-wise, not row by row: fast on large frames
        ids = ids + "|" + part
    return ids


def check_errata(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Load errata.csv and prove that every entry applies to exactly one cell."""
    errata = load("errata", data_dir)
    by_path = {
        str(r["path"].relative_to(data_dir)): (name, r) for name, r in resources(data_dir).items()
    }
    frames: dict[str, pd.DataFrame] = {}
    problems = []
    for line, e in zip(range(2, len(errata) + 2), errata.itertuples(index=False), strict=True):
        where = f"data/errata.csv, row {line} ({e.erratum_id})"
        if e.file not in by_path:
            problems.append(f"{where}, column 'file', value {e.file!r}: not a data file")
            continue
        name, res = by_path[e.file]
        if name not in frames:
            frames[name] = load(name, data_dir)
        frame = frames[name]
        ids = record_ids(frame, primary_key(res["schema"]))
        hits = frame[ids == e.record_id]
        if len(hits) != 1:
            problems.append(
                f"{where}, column 'record_id', value {e.record_id!r}: "
                f"matches {len(hits)} rows of data/{e.file}"
            )
            continue
        if e.column not in frame.columns:
            problems.append(f"{where}, column 'column', value {e.column!r}: no such column")
            continue
        cell = str(hits.iloc[0][e.column])
        count = (cell == "") if e.published == "" else cell.count(e.published)
        if count != 1:
            problems.append(
                f"{where}, column 'published', value {e.published!r}: occurs {int(count)} "
                f"times in data/{e.file} row {e.record_id} column {e.column} ({cell!r})"
            )
    if problems:
        raise DataValidationError("errata that do not apply:\n" + "\n".join(problems))
    return errata


def apply_errata(
    frame: pd.DataFrame, name: str, data_dir: Path = paths.DATA_DIR
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corrected copy of ``frame`` (a loaded resource) and the corrections applied to it.

    The corrections frame has one row per erratum: record_id, column, erratum_id, published,
    corrected, kind.
    """
    errata = check_errata(data_dir)
    res = resources(data_dir)[name]
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
