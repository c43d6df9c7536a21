"""Validation of the whole data package in data/ against its Frictionless description.

Every CSV is a resource of ``data/datapackage.json`` with a Frictionless Table Schema (types,
required columns, allowed values, unique keys, foreign keys). Any violation raises
:class:`DataValidationError` naming file, row, column and value.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from exobone.data import paths, reads, validation_stamp
from exobone.data.schema import descriptor, primary_key, resources


class DataValidationError(ValueError):
    """A data file breaks its schema. The message lists every problem, one per line."""


def _digest(data_dir: Path) -> str:
    """Content hash of every file in the data package (cache key for validation)."""
    h = hashlib.sha256()
    for p in sorted(data_dir.rglob("*")):
        if p.is_file() and p.suffix in {".csv", ".json"}:
            h.update(str(p.relative_to(data_dir)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _cells_for(fields: list[str], header: list[str], cells: list[str] | None) -> str:
    if not cells:
        return ""
    values = [
        cells[header.index(f)] for f in fields if f in header and header.index(f) < len(cells)
    ]
    return ", ".join(repr(v) for v in values)


def format_error(rel_path: str, schema: dict, error) -> str:
    """One line per problem: file, row (line of the file, header = 1), column, value, what."""
    header = [f["name"] for f in schema["fields"]]
    row = getattr(error, "row_number", None)
    where = f"{rel_path}, row {row}" if row else f"{rel_path}, row 1 (header)"
    etype = error.type
    if etype in {"missing-label", "incorrect-label", "blank-label", "duplicate-label"}:
        return f"{where}, column {error.field_name!r}: {error.message}"
    if etype == "foreign-key":
        m = re.search(r'for "([^"]+)"', error.note)
        fields = m.group(1).split(", ") if m else []
        value = _cells_for(fields, header, error.cells)
        return f"{where}, column {', '.join(fields)}, value {value}: unknown key ({error.note})"
    if etype in {"primary-key", "unique-error"}:
        fields = (
            primary_key(schema) if etype == "primary-key" else [getattr(error, "field_name", "")]
        )
        value = _cells_for(fields, header, error.cells)
        return f"{where}, column {', '.join(fields)}, value {value}: duplicate key ({error.note})"
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    if field:
        return f"{where}, column {field!r}, value {cell!r}: {error.type} ({error.note})"
    return f"{where}: {error.message}"


@cache
def _validate_cached(data_dir: str, digest: str) -> None:
    from frictionless import Package  # imported here: only needed when the data changed

    root = Path(data_dir)
    package = descriptor(root)
    schemas = {r["name"]: resources(root)[r["name"]]["schema"] for r in package["resources"]}
    missing = [r["path"] for r in package["resources"] if not (root / r["path"]).is_file()]
    if missing:
        raise DataValidationError("missing data file(s): " + ", ".join(missing))
    report = Package(str(root / "datapackage.json")).validate()
    if report.valid:
        return
    problems = []
    by_name = {r["name"]: r["path"] for r in package["resources"]}
    for task in report.tasks:
        rel = f"data/{by_name.get(task.name, task.name)}"
        problems += [
            format_error(rel, schemas.get(task.name, {"fields": []}), e) for e in task.errors
        ]
    raise DataValidationError(
        f"{len(problems)} problem(s) in the data package:\n" + "\n".join(problems)
    )


def validate(data_dir: Path = paths.DATA_DIR) -> None:
    """Validate every resource of the package; raise DataValidationError on any problem.

    Done once per content digest: a stamp under ``_build/`` (:mod:`validation_stamp`) tells
    later processes that this exact data state already validated; any changed file is
    validated again.
    """
    digest = _digest(data_dir)
    if validation_stamp.is_stamped(data_dir, digest):
        return
    with reads.internal():  # what validation reads is no input of a notebook's outputs
        _validate_cached(str(data_dir), digest)
    validation_stamp.write(data_dir, digest)
