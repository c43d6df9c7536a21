"""Reading the data package's description: data/datapackage.json and its table schemas.

Everything about the *shape* of the data comes from here: which resources exist, where their
CSVs are, their fields, keys and foreign keys, and the column dictionary and relations shown in
the data-model chapter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from exobone.data import paths, reads
from exobone.data.errors import DataValidationError, clip


def as_list(value) -> list[str]:
    """A schema's ``primaryKey`` or ``fields`` as a list (the standard allows one string)."""
    return [value] if isinstance(value, str) else list(value or [])


def primary_key(schema: dict) -> list[str]:
    """The primary-key fields of a table schema, as a list."""
    return as_list(schema.get("primaryKey"))


def _read_json(path: Path, data_dir: Path) -> dict:
    """A JSON file of the package description; a missing or malformed file is one line naming
    the file (and line and column of the fault), never a traceback."""
    rel = f"data/{path.relative_to(data_dir).as_posix()}" if path.is_relative_to(data_dir) else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataValidationError(f"{rel}: file not found") from None
    except UnicodeDecodeError as err:
        raise DataValidationError(f"{rel}, byte {err.start}: not UTF-8") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataValidationError(
            f"{rel}, line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})"
        ) from None
    if not isinstance(value, dict):
        raise DataValidationError(f"{rel}: expected a JSON object, found {type(value).__name__}")
    return value


def descriptor(data_dir: Path = paths.DATA_DIR) -> dict:
    """The parsed ``datapackage.json`` (each resource has a name, a path and a schema)."""
    reads.description(data_dir)
    package = _read_json(data_dir / "datapackage.json", data_dir)
    where = "data/datapackage.json"
    if not isinstance(package.get("resources"), list):
        raise DataValidationError(f"{where}: no 'resources' list")
    for i, res in enumerate(package["resources"], 1):
        missing = [
            k for k in ("name", "path", "schema") if not isinstance(res, dict) or k not in res
        ]
        if missing:
            raise DataValidationError(
                f"{where}, resource {i}: no {', '.join(repr(k) for k in missing)}"
            )
        if not all(isinstance(res[k], str) for k in ("name", "path", "schema")):
            raise DataValidationError(
                f"{where}, resource {i} ({clip(res['name'], 40)}): name, path and schema must be "
                "strings (this package keeps each schema in its own file)"
            )
    return package


def resources(data_dir: Path = paths.DATA_DIR) -> dict[str, dict]:
    """Resource name -> {'path': Path of the CSV, 'schema': dict}."""
    out = {}
    for res in descriptor(data_dir)["resources"]:
        schema = _read_json(data_dir / res["schema"], data_dir)
        fields = schema.get("fields")
        if not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields
        ):
            raise DataValidationError(
                f"data/{res['schema']}: 'fields' must be a list of fields, each with a name"
            )
        out[res["name"]] = {"path": data_dir / res["path"], "schema": schema}
    return out


def column_dictionary(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per column of every resource: type, required, key, allowed values, description."""
    records = []
    for res in resources(data_dir).values():
        schema = res["schema"]
        key = primary_key(schema)
        fks = {
            f: fk["reference"]["resource"]
            for fk in schema.get("foreignKeys", [])
            for f in as_list(fk["fields"])
        }
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            allowed = constraints.get("enum")
            records.append(
                {
                    "file": str(res["path"].relative_to(data_dir)),
                    "column": field["name"],
                    "type": field["type"],
                    "required": bool(constraints.get("required", False)),
                    "key": "primary" if field["name"] in key else "",
                    "references": fks.get(field["name"], ""),
                    "allowed values": ", ".join(map(str, allowed)) if allowed else "",
                    "description": field.get("description", ""),
                }
            )
    return pd.DataFrame.from_records(records)


def relations(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Foreign keys as edges: resource, fields -> referenced resource, fields (sorted)."""
    records = []
    for name, res in resources(data_dir).items():
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or name  # "" means a key into the same file
            records.append(
                {
                    "from": name,
                    "fields": ", ".join(as_list(fk["fields"])),
                    "to": target,
                    "to_fields": ", ".join(as_list(fk["reference"]["fields"])),
                }
            )
    columns = ["from", "fields", "to", "to_fields"]
    return pd.DataFrame.from_records(records, columns=columns).sort_values(
        columns, ignore_index=True
    )
