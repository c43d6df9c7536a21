"""Validated, typed frames of the data package's resources.

``load(name)`` validates the whole package (foreign keys cross files; cached on a content hash,
see :mod:`exobone.data.validate`) before it returns a typed DataFrame. Nothing is dropped: the
frame has exactly the records of the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from exobone.data import paths, reads
from exobone.data.schema import resources
from exobone.data.validate import DataValidationError, validate

PANDAS_TYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}

__all__ = ["DataValidationError", "load"]


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
