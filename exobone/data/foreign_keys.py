"""Foreign keys of the data package, checked on the records validation has already read.

Frictionless checks foreign keys by reading, for every resource that points into another one,
the whole referenced resource again with every cell type-cast (38 foreign keys here, five of
them into ``findings``). That repeated reading was half of ``validate`` at 100 times today's
findings. Here each referenced column set is made into a set once, from the text records, and
every pointing row is one set lookup.

Same rules as the Table Schema standard and Frictionless: a value in the schema's
``missingValues`` (default ``""``) is missing; a row whose key cells are all missing points
nowhere and is not checked; integer fields compare as integers (``07`` finds ``7``); a cell that
is not a valid integer is reported by the type check, not here.
"""

from __future__ import annotations

from exobone.data.errors import shorten
from exobone.data.schema import as_list

Records = list[list[str]]
Key = tuple[object, ...]
INVALID = object()  # a cell the type check refuses: its row is not also blamed here


def _integer(cell: str):
    try:
        return int(cell)
    except ValueError:
        return INVALID


def _column(records: Records, index: int, kind: str, missing: set[str]) -> list:
    """The compared values of one column (header left out): None where missing."""
    cells = [record[index] if index < len(record) else "" for record in records[1:]]
    if kind == "integer":
        return [None if c in missing else _integer(c) for c in cells]
    return [None if c in missing else c for c in cells]


def _keys(schema: dict, records: Records, names: list[str]) -> list[tuple[int, Key]]:
    """(row, key) of every row whose key is not all missing and holds no invalid cell; rows
    numbered as in the file (header = 1)."""
    header = records[0] if records else []
    if not set(names) <= set(header):
        return []  # a missing column is the header check's problem
    missing = set(schema.get("missingValues", [""]))
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    where = [header.index(name) for name in names]
    columns = [
        _column(records, i, types.get(n, "string"), missing)
        for i, n in zip(where, names, strict=True)
    ]
    return [
        (row, key)
        for row, key in enumerate(zip(*columns, strict=True), 2)
        if INVALID not in key and key.count(None) < len(key)
    ]


def _written(records: Records, row: int, names: list[str]) -> str:
    """The key's cells of one row as the file writes them, for the message."""
    header, record = records[0], records[row - 1]
    cells = [record[header.index(n)] if header.index(n) < len(record) else "" for n in names]
    return ", ".join(shorten(c) for c in cells)


def problems(tables: dict[str, tuple[str, dict, Records]]) -> dict[str, list[str]]:
    """Rows whose foreign key finds no row in the resource it references, by resource name.

    ``tables``: resource name -> (file as messages name it, schema, records with header first).
    """
    lookups: dict[tuple[str, tuple[str, ...]], set[Key]] = {}
    found: dict[str, list[str]] = {}
    for name, (rel, schema, records) in tables.items():
        for fk in schema.get("foreignKeys", []):
            fields = as_list(fk.get("fields"))
            target = fk.get("reference", {}).get("resource") or name
            target_fields = as_list(fk.get("reference", {}).get("fields"))
            if target not in tables:
                continue  # an unknown resource is reported by the schema check
            index = (target, tuple(target_fields))
            if index not in lookups:
                _, target_schema, target_records = tables[target]
                rows = _keys(target_schema, target_records, target_fields)
                lookups[index] = {key for _, key in rows}
            for row, key in _keys(schema, records, fields):
                if key not in lookups[index]:
                    value = _written(records, row, fields)
                    found.setdefault(name, []).append(
                        f"{rel}, row {row}, column {', '.join(fields)}, value {value}: unknown key"
                    )
    return found
