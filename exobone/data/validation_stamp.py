"""Validation once per data state, shared between processes through a stamp under ``_build/``.

Validating the package with Frictionless takes about a second; every notebook kernel loads data,
so without a shared record each kernel would validate the same files again. After a successful
validation :func:`write` leaves ``_build/validated-data.json`` next to ``data/``; it holds a key
made of the content digest of every data file and of the validator itself (its modules and the
Frictionless version), so a changed data file, schema or check is always validated again.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib.metadata import version
from pathlib import Path

STAMP_NAME = "validated-data.json"


def validator_modules() -> list[Path]:
    """The modules whose code can change what validation decides: every module of the data
    layer (validation imports only from it), so a new check module needs no list kept here."""
    return sorted(Path(__file__).parent.glob("*.py"))


@cache
def _validator_digest() -> str:
    h = hashlib.sha256(version("frictionless").encode())
    for module in validator_modules():
        h.update(b"\0" + module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def stamp_path(data_dir: Path) -> Path:
    """Where the stamp of the package in ``data_dir`` lives: ``<project>/_build/``."""
    return Path(data_dir).resolve().parent / "_build" / STAMP_NAME


def key(digest: str) -> str:
    """Stamp key of a data state: its content digest and the validator's own digest."""
    return hashlib.sha256(f"{digest}\0{_validator_digest()}".encode()).hexdigest()


def is_stamped(data_dir: Path, digest: str) -> bool:
    """True if this exact data state was validated (by any process) with this validator."""
    try:
        stamp = json.loads(stamp_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("key") == key(digest)


def write(data_dir: Path, digest: str) -> None:
    """Record that this data state validated (atomically; a read-only tree is left alone)."""
    path = stamp_path(data_dir)
    tmp = path.with_name(f".{STAMP_NAME}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"key": key(digest), "data_digest": digest}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
