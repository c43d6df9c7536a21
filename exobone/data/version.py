"""The data package's version and release date, as ``data/datapackage.json`` states them.

``version`` is the Frictionless data package property (semantic versioning: a new finding or
reference is a minor release, a correction a patch, a schema change a major one);
``x-released`` is the date that version was released (YYYY-MM-DD). ``python -m exobone
release`` writes both; everything that shows a version (the book's footer, the introduction,
the downloads) reads them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from exobone.data import paths
from exobone.data.errors import DataValidationError, clip
from exobone.data.schema import descriptor

SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
ISO_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
#: the descriptor's keys for the version and its release date
VERSION_KEY, RELEASED_KEY = "version", "x-released"
#: the kinds of change, in the order a bump outranks another
BUMPS = ("patch", "minor", "major")


@dataclass(frozen=True)
class Release:
    """One version of the data: its number (``1.2.0``) and release date (``2026-12-06``)."""

    version: str
    released: str

    @property
    def label(self) -> str:
        """What pages and downloads show: ``Version 1.2.0 · 2026-12-06``."""
        return f"Version {self.version} · {self.released}"

    def parts(self) -> tuple[int, int, int]:
        return parse(self.version)

    def bumped(self, bump: str) -> str:
        """The next version number for a ``patch``, ``minor`` or ``major`` change."""
        major, minor, patch = self.parts()
        if bump == "major":
            return f"{major + 1}.0.0"
        if bump == "minor":
            return f"{major}.{minor + 1}.0"
        if bump == "patch":
            return f"{major}.{minor}.{patch + 1}"
        raise ValueError(f"unknown kind of change {bump!r} (one of {', '.join(BUMPS)})")


def parse(version: str) -> tuple[int, int, int]:
    """``'1.2.0'`` -> ``(1, 2, 0)``; anything else is an error naming the value."""
    match = SEMVER.fullmatch(str(version))
    if not match:
        raise ValueError(f"{clip(str(version), 40)!r} is not a version MAJOR.MINOR.PATCH")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def release_of(package: dict, where: str = "data/datapackage.json") -> Release:
    """The version and release date of a parsed descriptor; a missing or malformed value is
    one line naming the file and the key."""
    version, released = package.get(VERSION_KEY), package.get(RELEASED_KEY)
    if not isinstance(version, str) or not SEMVER.fullmatch(version):
        raise DataValidationError(
            f"{where}: {VERSION_KEY!r} must be a version MAJOR.MINOR.PATCH, found "
            f"{clip(str(version), 40)!r}"
        )
    if not isinstance(released, str) or not ISO_DATE.fullmatch(released):
        raise DataValidationError(
            f"{where}: {RELEASED_KEY!r} must be a date YYYY-MM-DD, found "
            f"{clip(str(released), 40)!r}"
        )
    return Release(version, released)


def current(data_dir: Path = paths.DATA_DIR) -> Release:
    """The version of the data package in ``data_dir``."""
    return release_of(descriptor(data_dir))
