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


def as_list(value) -> list[str]:
    """A schema's ``primaryKey`` or ``fields`` as a list (the standard allows one string)."""
    return [value] if isinstance(value, str) else list(value or [])


def primary_key(schema: dict) -> list[str]:
    """The primary-key fields of a table schema, as a list."""
    return as_list(schema.get("primaryKey"))


def descriptor(data_dir: Path = paths.DATA_DIR) -> dict:
    """The parsed ``datapackage.json``."""
    reads.description(data_dir)
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def resources(data_dir: Path = paths.DATA_DIR) -> dict[str, dict]:
    """Resource name -> {'path': Path of the CSV, 'schema': dict}."""
    out = {}
    for res in descriptor(data_dir)["resources"]:
        schema = json.loads((data_dir / res["schema"]).read_text(encoding="utf-8"))
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
