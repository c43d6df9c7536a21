"""The loaders: the one way data reaches computation (``tests/test_architecture.py``).

``load(name)`` validates the whole package (foreign keys cross files; once per data state, see
:mod:`exobone.data.validate`) before it returns a typed DataFrame. Nothing is dropped: the
frame has exactly the records of the file. Each loader notes what it read
(:mod:`exobone.data.reads`), so the record of a notebook's inputs is made as it reads.

Corrections are data: data/errata.csv holds published value, corrected value and reason; the
data files keep the text as published. :func:`apply_errata` returns the corrected frame and what
it changed, :func:`load_corrected` a resource with its errata applied.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from exobone.data import paths, reads
from exobone.data.checks import LIST_SEPARATOR
from exobone.data.schema import primary_key, resources
from exobone.data.validate import DataValidationError, validate

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}

__all__ = [
    "LIST_SEPARATOR",
    "DataValidationError",
    "apply_errata",
    "check_errata",
    "column_descriptions",
    "load",
    "load_corrected",
    "read_unvalidated",
    "validate",
]


def _read_records(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def load(name: str, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Validated, typed frame of one resource: exactly the file's records, in file order.

    Strings stay strings (empty string for an empty cell); integer, number and boolean
    columns become pandas nullable types (an empty cell is <NA>).
    """
    reads.resource(name, data_dir)
    with reads.internal():
        validate(data_dir)
        res = resources(data_dir)[name]
    header, records = _read_records(res["path"])
    frame = pd.read_csv(res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    if len(frame) != len(records):  # csv and pandas disagree: never lose a row silently
        raise DataValidationError(
            f"{res['path'].relative_to(data_dir.parent)}: read {len(frame)} rows, "
            f"file has {len(records)} records"
        )
    for field in res["schema"]["fields"]:
        dtype = PANDAS_TYPES.get(field["type"])
        if dtype == "boolean":
            truth = {"true": True, "1": True, "false": False, "0": False, "": pd.NA}
            frame[field["name"]] = frame[field["name"]].str.lower().map(truth).astype("boolean")
        elif dtype:
            frame[field["name"]] = pd.to_numeric(frame[field["name"]].replace("", pd.NA)).astype(
                dtype
            )
    return frame


def read_unvalidated(name: str, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The records of one resource as text, *without* validation (every cell a string, empty
    cells ''), for checks that must run and explain themselves even when the schema check
    fails (:mod:`exobone.compute.evidence_rules`). A missing file gives an empty frame with the
    schema's columns. Analyses use :func:`load`.
    """
    res = resources(data_dir)[name]
    columns = [f["name"] for f in res["schema"]["fields"]]
    if not res["path"].is_file():
        return pd.DataFrame(columns=columns, dtype=str)
    frame = pd.read_csv(res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return frame


def column_descriptions(name: str, data_dir: Path = paths.DATA_DIR) -> dict[str, str]:
    """Each column of a resource with its schema description (a read of that resource)."""
    reads.resource(name, data_dir)
    with reads.internal():
        fields = resources(data_dir)[name]["schema"]["fields"]
    return {f["name"]: f.get("description", "") for f in fields}


# --- errata -------------------------------------------------------------------------------------


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
