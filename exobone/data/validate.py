"""Validation of the whole data package in data/, before anything is computed from it.

Every CSV is a resource of ``data/datapackage.json`` with a Frictionless Table Schema (types,
required columns, allowed values, unique keys, foreign keys). :func:`validate` checks, in order,
and stops after the first step that finds problems (so a broken file is not also blamed on the
files that point into it):

0. every entry under data/ is a real file or folder (:mod:`exobone.data.real_files`): no
   symbolic link, no FIFO or device;
1. the description: ``datapackage.json`` and every schema file are readable JSON and every
   listed CSV exists (a fault is one line naming file, line and column);
2. each CSV as text, and the review text (:mod:`exobone.data.checks`): encoding, CSV syntax,
   formula-like cells, control characters, stray whitespace, empty resources, the review
   text's recorded SHA-256;
3. the Table Schemas: types, constraints and keys with Frictionless, foreign keys on the records
   already read (:mod:`exobone.data.foreign_keys`, one set per referenced table);
4. every ``*_line`` within the review text, and every erratum matching exactly one cell.

Any problem raises :class:`DataValidationError` with one line per problem: file, row (as counted
in the file, header = 1), column, value (shortened to about 80 characters) and what is wrong;
ten at most, then the count of the rest.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from exobone.data import checks, foreign_keys, paths, reads, real_files
from exobone.data.errors import DataValidationError, clip, raise_problems, shorten
from exobone.data.schema import descriptor, primary_key, resources

__all__ = ["DataValidationError", "format_error", "validate"]

LABEL_ERRORS = {"missing-label", "incorrect-label", "blank-label", "duplicate-label", "extra-label"}


def data_digest(data_dir: Path) -> str:
    """Content hash of every data file (documentation aside): same hash, same data. The key of
    validation within a process and for the kernels the pipeline starts."""
    h = hashlib.sha256()
    for p in sorted(data_dir.rglob("*")):
        if p.is_file() and p.suffix != ".md":
            h.update(str(p.relative_to(data_dir)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _cells_for(fields: list[str], header: list[str], cells: list[str] | None) -> str:
    if not cells:
        return ""
    values = [
        cells[header.index(f)] for f in fields if f in header and header.index(f) < len(cells)
    ]
    return ", ".join(shorten(v) for v in values)


def format_error(rel_path: str, schema: dict, error) -> str:
    """One line per problem: file, row (line of the file, header = 1), column, value, what."""
    header = [f["name"] for f in schema["fields"]]
    row = getattr(error, "row_number", None)
    etype = error.type
    if etype in LABEL_ERRORS:
        return f"{rel_path}, row 1 (header), column {error.field_name!r}: {clip(error.message)}"
    if not row:
        return f"{rel_path}: {etype} ({clip(error.note or error.message)})"
    where = f"{rel_path}, row {row}"
    if etype in {"primary-key", "unique-error"}:
        fields = (
            primary_key(schema) if etype == "primary-key" else [getattr(error, "field_name", "")]
        )
        value = _cells_for(fields, header, error.cells)
        return f"{where}, column {', '.join(fields)}, value {value}: duplicate key"
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    if field:
        return f"{where}, column {field!r}, value {shorten(cell)}: {etype} ({clip(error.note)})"
    return f"{where}: {clip(error.message)}"


def _without_foreign_keys(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "foreignKeys"}


def _schema_problems(root: Path, package: dict, schemas: dict[str, dict]) -> list[str]:
    """Types, constraints and keys of every table, by Frictionless; foreign keys are left to
    :mod:`foreign_keys`, which reads each referenced table once instead of once per key."""
    from frictionless import FrictionlessException, Package, Schema  # slow import: when needed

    problems = []
    for desc in package["resources"]:
        try:
            Schema.from_descriptor(schemas[desc["name"]])
        except FrictionlessException as err:
            problems.append(f"data/{desc['schema']}: not a valid Table Schema ({clip(err)})")
    if problems:
        return problems
    inline = dict(package)
    inline["resources"] = [
        desc | {"schema": _without_foreign_keys(schemas[desc["name"]])}
        for desc in package["resources"]
    ]
    try:
        report = Package(inline, basepath=str(root)).validate()
    except FrictionlessException as err:
        return [f"data/datapackage.json: not a valid data package ({clip(err)})"]
    by_name = {r["name"]: r["path"] for r in package["resources"]}
    problems = [f"data/datapackage.json: {clip(e.message)}" for e in report.errors]
    for task in report.tasks:
        rel = f"data/{by_name.get(task.name, task.name)}"
        schema = schemas.get(task.name, {"fields": []})
        problems += [format_error(rel, schema, e) for e in task.errors]
    return problems


@cache
def _validate_cached(data_dir: str, digest: str) -> None:
    root = Path(data_dir)
    # 1. the description (raises one line itself)
    package = descriptor(root)
    res = resources(root)
    schemas = {name: r["schema"] for name, r in res.items()}
    missing = [
        f"data/{r['path']}: file not found (listed in data/datapackage.json)"
        for r in package["resources"]
        if not (root / r["path"]).is_file()
    ]
    raise_problems(missing)
    # 2. the files as text
    problems = checks.review_text_problems(root)
    named: dict[str, tuple[str, dict, checks.Records]] = {}  # resource -> file, schema, records
    for desc in package["resources"]:
        rel = f"data/{desc['path']}"
        records, broken = checks.read_records(root / desc["path"], rel)
        problems += broken
        if records is not None:
            may_be_empty = bool(desc.get(checks.MAY_BE_EMPTY, False))
            problems += checks.record_problems(rel, records, may_be_empty)
            problems += checks.separator_problems(rel, schemas[desc["name"]], records)
            named[desc["name"]] = (rel, schemas[desc["name"]], records)
    raise_problems(problems)
    # 3. the Table Schemas: each file's types and keys, then what points nowhere
    problems = _schema_problems(root, package, schemas)
    problems += [p for ps in foreign_keys.problems(named).values() for p in ps]
    raise_problems(problems)
    # 4. lines of the review text, errata
    n_lines = checks.review_line_count(root)
    for rel, schema, records in named.values():
        problems += checks.line_problems(rel, schema, records, n_lines)
    if "errata" in named:
        rel, _, errata = named["errata"]
        by_path = {r.removeprefix("data/"): (s, recs) for r, s, recs in named.values()}
        problems += checks.errata_problems(errata, by_path, rel)
    raise_problems(problems)


#: set by the pipeline for the kernels it starts, after it validated exactly these data
VALIDATED = "EXOBONE_VALIDATED"


def validate(data_dir: Path = paths.DATA_DIR) -> None:
    """Validate every resource of the package; raise DataValidationError on any problem.

    Once per content digest in a process. A kernel started by the pipeline is told the digest
    the pipeline validated (an environment variable, never a file a contributor could plant):
    the same data are not validated again; any changed file is.
    """
    # before anything reads a file: a link or a FIFO must not be followed, not even to hash it
    raise_problems(real_files.problems(data_dir))
    digest = data_digest(data_dir)
    if os.environ.get(VALIDATED) == digest:
        return
    with reads.internal():  # what validation reads is no input of a notebook's outputs
        _validate_cached(str(data_dir), digest)
