"""What a notebook's stored outputs were made from, and what changed since.

When :mod:`exobone.pipeline.execute` runs a notebook it asks the kernel, after the last cell, which
data it read (recorded by the loaders, :mod:`exobone.data.reads`) and which modules of the
package it imported. Those become *input keys*, each stored with a SHA-256 in the notebook's
metadata beside a digest of its code cells::

    "exobone": {"code_sha256": "...",
                "inputs": {"data/datapackage.json#trials": "...",
                           "data/review/trials.csv": "...",
                           "data/schemas/trials.schema.json": "...",
                           "exobone/compute/trials.py": "...", ...}}

An input key is a file relative to the project root, or ``<datapackage.json>#<name>``: one
resource's entry in the package description (so a new path or schema for ``trials`` counts,
while a resource added for another chapter does not). A notebook is stale when its code cells
changed, an input's digest changed, or an input is gone; :func:`stale_reasons` says which.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

META_KEY = "exobone"
MISSING = "missing"
DESCRIPTOR = "datapackage.json"


class UnreadableNotebook(Exception):
    """A notebook file that is not a valid notebook; the message says how to restore it."""


def _unreadable(path: Path, root: Path, err: Exception) -> UnreadableNotebook:
    rel = _rel(path, root)
    reason = " ".join(str(err).split())[:120] or type(err).__name__
    return UnreadableNotebook(
        f"{rel} is not a readable notebook ({reason}); "
        f"restore the committed version with: git checkout -- {rel}"
    )


def read_notebook(path: Path, root: Path):
    """The notebook at ``path`` (nbformat, validated), or UnreadableNotebook naming it and the
    command that restores it."""
    import nbformat  # only when executing: the staleness check reads plain JSON

    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises JSON, validation and reader errors alike
        raise _unreadable(path, root, err) from err


def _read_json(path: Path, root: Path) -> dict:
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(nb.get("cells"), list) or not isinstance(nb.get("metadata"), dict):
            raise ValueError("no list of cells and metadata")
        return nb
    except (OSError, ValueError, AttributeError) as err:
        raise _unreadable(path, root, err) from err


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def code_digest(nb) -> str:
    """SHA-256 of the notebook's code cells (Markdown does not change outputs)."""
    h = hashlib.sha256()
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            h.update(b"\0cell\0" + _source(cell).encode())
    return h.hexdigest()


def _rel(path: Path, root: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _entries(descriptor_file: Path, cache: dict) -> dict[str, dict] | None:
    if descriptor_file not in cache:
        try:
            package = json.loads(descriptor_file.read_text(encoding="utf-8"))
            cache[descriptor_file] = {r["name"]: r for r in package["resources"]}
        except (OSError, ValueError, KeyError, TypeError):
            cache[descriptor_file] = None
    return cache[descriptor_file]


def input_digest(key: str, root: Path, cache: dict | None = None) -> str:
    """Current SHA-256 of an input key (see the module docstring), or MISSING."""
    cache = {} if cache is None else cache
    if key in cache:
        return cache[key]
    file, _, name = key.partition("#")
    if name:
        entry = (_entries(root / file, cache) or {}).get(name)
        text = json.dumps(entry, sort_keys=True).encode() if entry is not None else None
    else:
        text = (root / file).read_bytes() if (root / file).is_file() else None
    cache[key] = MISSING if text is None else hashlib.sha256(text).hexdigest()
    return cache[key]


def input_keys(reads: list[list[str]], modules: list[str], root: Path) -> list[str]:
    """Input keys of what a kernel read (``exobone.data.reads.recorded()``) and imported."""
    inside = [m for m in modules if Path(m).resolve().is_relative_to(Path(root).resolve())]
    keys = {_rel(m, root) for m in inside}  # the package of this project, not an installed one
    cache: dict = {}
    for kind, path, name in reads:
        if kind == "file":
            keys.add(_rel(Path(path), root))
            continue
        descriptor = Path(path) / DESCRIPTOR
        prefix = _rel(Path(path), root)
        entries = _entries(descriptor, cache) or {}
        if kind == "resource":
            keys.add(f"{prefix}/{DESCRIPTOR}#{name}")
            chosen = [entries[name]] if name in entries else []
        else:  # the whole description: datapackage.json and every schema
            keys.add(f"{prefix}/{DESCRIPTOR}")
            chosen = list(entries.values())
        for entry in chosen:
            keys.add(f"{prefix}/{entry['schema']}")
            if kind == "resource":
                keys.add(f"{prefix}/{entry['path']}")
    return sorted(keys)


def record(nb, keys: list[str], root: Path) -> dict:
    """The metadata stored with a freshly executed notebook."""
    cache: dict = {}
    return {
        "code_sha256": code_digest(nb),
        "inputs": {key: input_digest(key, root, cache) for key in keys},
    }


def stale_reasons(notebook: Path, root: Path, cache: dict | None = None) -> list[str]:
    """Why the notebook's stored outputs are out of date; empty if they are fresh."""
    cache = {} if cache is None else cache
    nb = _read_json(notebook, root)
    stored = nb["metadata"].get(META_KEY, {})
    if "inputs" not in stored or "code_sha256" not in stored:
        return ["no record of its inputs yet"]
    reasons = ["code cells changed"] if stored["code_sha256"] != code_digest(nb) else []
    for key, digest in sorted(stored["inputs"].items()):
        now = input_digest(key, root, cache)
        if now != digest:
            reasons.append(f"{key} {'is gone' if now == MISSING else 'changed'}")
    return reasons
