"""The study file of ``add-study``, typed: read, checked against models made from the schemas.

The TOML file is untrusted input. :func:`read_study` returns a :class:`pydantic` model of it or
raises :class:`StudyError` whose message is one line per problem, naming the place in the file
(``[reference] title``, ``[[findings]] #2 effects #1 direction``), never a traceback:

- the file must be UTF-8 (a Latin-1 or UTF-16 file gets one line saying how to save it);
- every key must be known: a misspelled one (``pathway``, ``target``, ``diseases``) is refused
  with the nearest valid key suggested;
- every value must have its type (a list or a table where text belongs is refused, an
  allowed value must be one of the schema's ``enum``);
- text longer than :data:`MAX_TEXT` characters is refused, and messages shorten values.

The models are made from the Table Schemas in ``data/schemas/`` (:data:`TABLES` says which
column each key fills and which columns the command fills itself), so a column added to
``findings.csv`` or a link table later is accepted and written without a code change.

Why this module is long: the mapping from keys to columns, the model factory and the error
messages belong together; split, each part would need the others' details.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from exobone.data.errors import shorten
from exobone.data.schema import resources

#: the longest text any value of a study may hold (a title, a claim): anything longer is a
#: pasted file, not a value
MAX_TEXT = 10_000
#: the largest study file read (a few findings take a few kilobytes)
MAX_FILE = 10_000_000


class StudyError(ValueError):
    """The study file cannot be added as it is (the message: one line per problem)."""


@dataclass(frozen=True)
class Table:
    """How one resource's columns are given in the study file."""

    resource: str
    #: column -> the key that gives it, where they differ
    keys: dict[str, str] = field(default_factory=dict)
    #: columns the command fills itself (never a key of the file)
    filled: frozenset[str] = frozenset()
    #: column -> value when the key is left out
    defaults: dict[str, Any] = field(default_factory=dict)
    #: columns that must be given although the schema does not require them
    required: frozenset[str] = frozenset()


REFERENCE = Table("added_references", filled=frozenset({"ref_id", "added_by", "added_on"}))
FINDING = Table(
    "findings",
    keys={"source_id": "source", "disease_id": "disease"},
    filled=frozenset(
        {
            "finding_id",
            "evidence",
            "origin",
            "table_row_id",
            "section",
            "source_line",
            "kind",
            "sentence_uncited",
            "vesicle_inferred",
            "added_by",
            "added_on",
        }
    ),
    defaults={"vesicle_term": "exosome", "disease_id": ""},
    required=frozenset({"locator"}),
)
#: key of a finding -> the link table its list fills
LINKS: dict[str, Table] = {
    "effects": Table(
        "finding_effects",
        keys={"effect_id": "effect", "target_cell": "cell"},
        filled=frozenset({"finding_id"}),
        defaults={"target_cell": "unspecified"},
    ),
    "pathways": Table(
        "finding_pathways",
        keys={"pathway_id": "pathway", "review_term": "wording"},
        filled=frozenset({"finding_id"}),
        defaults={"pathway_id": "", "direction": "unspecified"},
    ),
    "cargos": Table(
        "finding_cargos",
        keys={"cargo_id": "cargo", "review_term": "wording"},
        filled=frozenset({"finding_id"}),
        defaults={"review_term": ""},
    ),
    "targets": Table(
        "finding_targets",
        keys={"target_id": "target", "review_term": "wording"},
        filled=frozenset({"finding_id"}),
        defaults={"review_term": "", "direction": "unspecified"},  # wording: the target's id
    ),
    "models": Table(
        "finding_models",
        keys={"model_system_id": "system", "species_id": "species", "review_term": "wording"},
        filled=frozenset({"finding_id"}),
        defaults={"species_id": "unspecified", "review_term": "", "note": ""},
    ),
    "markers": Table(
        "finding_markers",
        keys={"marker_kind": "kind"},
        filled=frozenset({"finding_id", "condition_id", "use"}),
        defaults={"direction": "not_stated"},
    ),
}
#: optional EV-TRACK / MISEV fields of a finding (one finding_isolation row if any is given)
ISOLATION = Table(
    "finding_isolation",
    keys={
        "species_id": "species",
        "sample_source_id": "sample_source",
        "separation_method_id": "separation_method",
        "locator": "isolation_locator",
    },
    filled=frozenset({"finding_id", "source_line"}),
)
#: the TOML key of the top-level table and list
TOP_KEYS = {"reference": "[reference]", "findings": "[[findings]]"}

_TYPES: dict[str, Any] = {
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": dt.date,
    "datetime": dt.datetime,
}


def _field_type(spec: dict) -> Any:
    """The Python type of a Table Schema field: an ``enum`` becomes a Literal; a string whose
    pattern accepts digits only (a PubMed id) also takes a TOML integer."""
    constraints = spec.get("constraints", {})
    if constraints.get("enum"):
        return Literal[tuple(constraints["enum"])]
    kind = spec.get("type", "string")
    if kind in _TYPES:
        return _TYPES[kind]
    pattern = constraints.get("pattern")
    if pattern and re.fullmatch(pattern, "1") and not re.fullmatch(pattern, "a"):
        return str | int
    return str


def _model(name: str, table: Table, schema: dict, extra: dict | None = None) -> type[BaseModel]:
    """A pydantic model with one field per column of ``schema`` not filled by the command."""
    fields: dict[str, Any] = {}
    for spec in schema["fields"]:
        column = spec["name"]
        if column in table.filled:
            continue
        key = table.keys.get(column, column)
        constraints = spec.get("constraints", {})
        kind = _field_type(spec)
        limit = min(constraints.get("maxLength", MAX_TEXT), MAX_TEXT)
        extras = {"max_length": limit} if kind is str else {}
        if column in table.defaults:
            fields[key] = (kind, Field(table.defaults[column], **extras))
        elif constraints.get("required") or column in table.required:
            fields[key] = (kind, Field(..., **extras))
        else:
            fields[key] = (kind | None, Field(None, **extras))
    fields.update(extra or {})
    config = ConfigDict(extra="forbid", strict=False, regex_engine="python-re")
    return create_model(name, __config__=config, **fields)


def study_model(data_dir: Path) -> type[BaseModel]:
    """The model of a whole study file, made from the schemas in ``data_dir``."""
    schemas = {name: r["schema"] for name, r in resources(data_dir).items()}
    links = {}
    for key, table in LINKS.items():
        extra = None
        if key == "markers":
            uses = _field_type(
                next(f for f in schemas[table.resource]["fields"] if f["name"] == "use")
            )
            extra = {"uses": (list[uses], Field(["diagnostic"], min_length=1))}
        item = _model(f"{key.title()}Item", table, schemas[table.resource], extra)
        links[key] = (list[item], Field(default_factory=list))
    if ISOLATION.resource in schemas:  # optional fields, all of them may be left out
        isolation = _model("Isolation", ISOLATION, schemas[ISOLATION.resource])
        links |= {
            key: (field.annotation | None, Field(None, max_length=MAX_TEXT))
            for key, field in isolation.model_fields.items()
        }
        links["characterisation_markers"] = (list[str], Field(default_factory=list))
    finding = _model("Finding", FINDING, schemas[FINDING.resource], links)
    reference = _model("Reference", REFERENCE, schemas[REFERENCE.resource])
    added = {f["name"]: f for f in schemas[REFERENCE.resource]["fields"]}
    config = ConfigDict(extra="forbid", regex_engine="python-re")
    return create_model(
        "Study",
        __config__=config,
        added_by=(_field_type(added["added_by"]), Field(..., max_length=MAX_TEXT)),
        added_on=(_field_type(added["added_on"]), ...),
        reference=(reference, ...),
        findings=(list[finding], Field(..., min_length=1)),
    )


# --- reading the file --------------------------------------------------------------------


def _text(data: bytes, name: str) -> str:
    """The file's text, or one line saying it is not UTF-8 and how to fix it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise StudyError(f"{name}: UTF-16 text; save the file as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise StudyError(
            f"{name}, line {line}: byte 0x{data[err.start]:02x} is not UTF-8 (a Latin-1 or "
            "Windows file?); save the file as UTF-8"
        ) from None


def _place(loc: tuple) -> str:
    """('findings', 0, 'effects', 1, 'direction') -> '[[findings]] #1 effects #2 direction'."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            parts.append(f"#{part + 1}")
        elif i == 0 and part in TOP_KEYS:
            parts.append(TOP_KEYS[part])
        else:
            parts.append(str(part))
    return " ".join(parts) if parts else "the file"


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed where ``loc`` points (its last part being the unknown key)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        args = getattr(annotation, "__args__", ())
        current = args[0] if args else annotation
    return list(current.model_fields)


_KINDS = {list: "a list", dict: "a table", str: "text", int: "a number", float: "a number"}


def _message(model: type[BaseModel], error: dict) -> str:
    loc, kind = error["loc"], error["type"]
    where = _place(loc)
    got = _KINDS.get(type(error.get("input")), type(error.get("input")).__name__)
    if kind == "extra_forbidden":
        known = _known_keys(model, loc)
        near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
        hint = f"; did you mean {near[0]!r}?" if near else f"; known keys: {', '.join(known)}"
        return f"{_place(loc[:-1])}: unknown key {shorten(loc[-1], 40)}{hint}"
    if kind == "missing":
        return f"{where}: missing"
    if loc == ("findings",) and kind == "list_type":
        return "findings: write each finding as [[findings]] (two brackets), not [findings]"
    if loc == ("reference",) and kind in {"model_type", "model_attributes_type"}:
        return f"[reference]: must be a table ([reference] with its keys), not {got}"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{where}: {len(error['input'])} characters, more than the {limit} allowed"
    if kind.startswith(("date_", "datetime_")):
        return f"{where}: should be a date written YYYY-MM-DD, not {shorten(error['input'], 40)}"
    if kind in {"int_parsing", "int_from_float", "int_type"} and not isinstance(
        error.get("input"), list | dict
    ):
        return f"{where}: should be a whole number, not {shorten(error['input'], 40)}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{where}: {error['msg'].replace('Input should be', 'should be')}, not {got}"
    return f"{where}: {error['msg']}"


def read_study(path: Path, data_dir: Path) -> BaseModel:
    """The typed study of the TOML file at ``path`` (see the module docstring)."""
    name = path.name
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise StudyError(f"{path}: a folder, not a study file")
        if not stat.S_ISREG(mode):  # a FIFO or a device would hang or never end
            raise StudyError(f"{path}: not a regular file")
        if path.stat().st_size > MAX_FILE:
            raise StudyError(f"{path}: {path.stat().st_size} bytes, too large for a study file")
        data = path.read_bytes()
    except OSError as err:
        raise StudyError(f"{path}: cannot be read ({err.strerror})") from None
    try:
        raw = tomllib.loads(_text(data, name).removeprefix("\ufeff"))  # a BOM is still UTF-8
    except tomllib.TOMLDecodeError as err:
        raise StudyError(f"{name}: not valid TOML ({err})") from None
    model = study_model(data_dir)
    try:
        study = model.model_validate(raw)
    except ValidationError as err:
        # unknown keys first: a misspelled key also makes the key it meant missing
        ordered = sorted(err.errors(), key=lambda e: e["type"] != "extra_forbidden")
        lines = list(dict.fromkeys(_message(model, e) for e in ordered))
        raise StudyError("\n".join(f"{name}: {line}" for line in lines)) from None
    ref = study.reference
    if not getattr(ref, "doi", None) and not getattr(ref, "pmid", None):
        raise StudyError(f"{name}: [reference]: give its doi or its pmid (or both)")
    return study


def csv_value(value: Any) -> str:
    """A typed value as the text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def columns(item: BaseModel, table: Table, header: list[str]) -> dict[str, str]:
    """The row of ``item`` (a model of ``table``) as text, every column of ``header`` present
    (the filled ones empty, for the command to set)."""
    row = dict.fromkeys(header, "")
    for column in header:
        key = table.keys.get(column, column)
        if column not in table.filled and key in type(item).model_fields:
            row[column] = csv_value(getattr(item, key))
    return row
