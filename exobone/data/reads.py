"""What a running notebook reads from the data package, recorded as it reads it.

The loaders call :func:`resource`, the schema readers :func:`description` and the review-text
readers :func:`text`; :func:`recorded` lists what was read in this process. The build executes
each notebook, asks its kernel for this list (and for the package modules it imported) and keeps
it in the notebook's metadata: a notebook is stale exactly when its code cells or one of those
inputs changed (see :mod:`exobone.pipeline.freshness`). Nothing is declared by hand.

Reading the package *description* (datapackage.json and every schema) is an input of its own
(the data-model chapter shows it); the loaders read it only to find one resource, so inside
:func:`internal` such reads are not recorded: loading ``trials`` depends on the trials CSV, its
schema and its entry in datapackage.json, not on every other schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_recorded: dict[tuple[str, str, str], None] = {}  # insertion-ordered set
_internal_depth = 0


def resource(name: str, data_dir: Path) -> None:
    """Record that the resource ``name`` of the package in ``data_dir`` was loaded."""
    _recorded[("resource", str(Path(data_dir).resolve()), name)] = None


def description(data_dir: Path) -> None:
    """Record that the package description was read (unless a loader reads it internally)."""
    if _internal_depth == 0:
        _recorded[("description", str(Path(data_dir).resolve()), "")] = None


def text(path: Path) -> None:
    """Record that a text file (the review's text) was read."""
    _recorded[("file", str(Path(path).resolve()), "")] = None


@contextmanager
def internal() -> Iterator[None]:
    """Reads of the package description in this block are a loader's detail, not an input."""
    global _internal_depth
    _internal_depth += 1
    try:
        yield
    finally:
        _internal_depth -= 1


def recorded() -> list[list[str]]:
    """Everything recorded in this process, in the order first read: [kind, path, name]."""
    return [list(key) for key in _recorded]


def clear() -> None:
    """Forget what was recorded (tests)."""
    _recorded.clear()
