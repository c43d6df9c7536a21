"""`diff`: what changed between two versions of the data package, row by row.

    python -m exobone diff FROM TO          # make diff FROM=1.0.0 TO=.
    python -m exobone diff 1.0.0            # TO defaults to the data as they are now

FROM and TO each name a version of the data package: a released version number (its zip is
kept as ``releases/exobone-evidence-data-VERSION.zip``), a folder (a data folder holding
``datapackage.json``, or a project holding ``data/datapackage.json``), a zip of the package
(the book's download), or a git ref of this repository (``main``, a commit). For each resource
the rows added, removed and changed are listed, matched by the schema's primary key, with the
changed columns as ``old -> new``. The table diff is daff's (row- and column-aware, the
library behind ``daff diff``); rows that are byte-for-byte the same in both versions are set
aside first, so a package a hundred times larger diffs in about the same time. Two versions of
different schema majors, or a path that is not a data package, give one line that says so.
The release record (``releases.csv``) is not compared: released zips leave it out (it holds
their checksums), and it says nothing about the evidence.

Why this module is long: the four ways of naming a version, the comparison and its text are
one command's parts, and each is short.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import daff
import pandas as pd

from exobone.data import paths
from exobone.data.version import SEMVER, parse

#: where released zips are kept, relative to the project
RELEASES_FOLDER = "releases"
#: resources never compared (see the module docstring)
NOT_COMPARED = {"releases"}


class NotComparable(ValueError):
    """The two versions cannot be compared (one line says why)."""


def archive_name(version: str) -> str:
    """File name of a released zip: ``exobone-evidence-data-1.1.0.zip``."""
    return f"exobone-evidence-data-{version}.zip"


@dataclass
class Package:
    """One version of the data package, read: its label, version and tables (all text)."""

    label: str
    version: str | None
    released: str | None
    keys: dict[str, list[str]]
    tables: dict[str, pd.DataFrame]


@dataclass
class ResourceDiff:
    """The changes of one resource: rows added and removed (frames), and rows changed (key ->
    {column: (old, new)}); ``note`` says when the resource itself was added or removed."""

    name: str
    key: list[str]
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: dict[tuple, dict[str, tuple[str, str]]] = field(default_factory=dict)
    note: str = ""

    @property
    def empty(self) -> bool:
        return self.added.empty and self.removed.empty and not self.changed and not self.note


@dataclass
class PackageDiff:
    """Two versions and the resources that differ between them (unchanged ones left out)."""

    old: Package
    new: Package
    resources: list[ResourceDiff]

    def get(self, name: str) -> ResourceDiff | None:
        return next((r for r in self.resources if r.name == name), None)


# --- reading a version ---------------------------------------------------------------------


def _package_dir(folder: Path) -> Path | None:
    """The folder holding ``datapackage.json``: ``folder``, its ``data/`` or its one subfolder
    (a zip's top folder)."""
    for candidate in (folder, folder / "data"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    subfolders = [p for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    if len(subfolders) == 1 and (subfolders[0] / "datapackage.json").is_file():
        return subfolders[0]
    return None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True)


def locate(spec: str, root: Path, scratch: Path) -> Path:
    """The data folder of version ``spec`` (see the module docstring); zips and git refs are
    unpacked into ``scratch``. Anything else raises :class:`NotComparable`."""
    path = Path(spec)
    if SEMVER.fullmatch(spec) and (root / RELEASES_FOLDER / archive_name(spec)).is_file():
        path = root / RELEASES_FOLDER / archive_name(spec)
    if path.is_dir():
        found = _package_dir(path)
        if found is None:
            raise NotComparable(f"{spec}: not a data package (no datapackage.json in it)")
        return found
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise NotComparable(f"{spec}: not a data package (neither a folder nor a zip)")
        target = scratch / f"zip-{len(list(scratch.iterdir()))}"
        zipfile.ZipFile(path).extractall(target)
        found = _package_dir(target)
        if found is None:
            raise NotComparable(f"{spec}: not a data package (the zip holds no datapackage.json)")
        return found
    if _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}").returncode == 0:
        archive = _git(root, "archive", "--format=tar", spec, "data")
        if archive.returncode != 0:
            raise NotComparable(f"{spec}: not a data package (the commit has no data/ folder)")
        target = scratch / f"git-{len(list(scratch.iterdir()))}"
        tarfile.open(fileobj=io.BytesIO(archive.stdout)).extractall(target, filter="data")
        found = _package_dir(target)
        if found is None:
            raise NotComparable(f"{spec}: not a data package (no data/datapackage.json there)")
        return found
    raise NotComparable(
        f"{spec}: not a data package (neither a folder, a zip, a released version in "
        f"{RELEASES_FOLDER}/ nor a git ref)"
    )


def read_package(data_dir: Path, label: str) -> Package:
    """Every resource of the package in ``data_dir`` as text (empty cells ''), with its key."""
    try:
        meta = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NotComparable(f"{label}: not a data package ({err})") from None
    keys, tables = {}, {}
    for res in meta.get("resources", []):
        schema = res["schema"]
        if isinstance(schema, str):
            schema = json.loads((data_dir / schema).read_text(encoding="utf-8"))
        key = schema.get("primaryKey") or [f["name"] for f in schema.get("fields", [])]
        keys[res["name"]] = [key] if isinstance(key, str) else list(key)
        csv = data_dir / res["path"]
        columns = [f["name"] for f in schema.get("fields", [])]
        tables[res["name"]] = (
            pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
            if csv.is_file()
            else pd.DataFrame(columns=columns, dtype=str)
        )
    version = meta.get("version")
    return Package(label, version, meta.get("x-released"), keys, tables)


# --- comparing ---------------------------------------------------------------------------


def _daff_rows(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> list[list]:
    """daff's highlighter rows (marker first: '+++', '---', '->') for two tables."""
    flags = daff.CompareFlags()
    for column in key:
        flags.addPrimaryKey(column)
    flags.show_unchanged = False
    flags.unchanged_context = 0
    flags.always_show_header = True
    tables = [
        daff.PythonTableView([list(t.columns)] + t.astype(str).values.tolist()) for t in (old, new)
    ]
    alignment = daff.compareTables(tables[0], tables[1], flags).align()
    rows: list[list] = []
    daff.TableDiff(alignment, flags).hilite(daff.PythonTableView(rows))
    return rows


def diff_table(name: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> ResourceDiff:
    """Rows added, removed and changed between two versions of one table, by ``key``."""
    columns = list(dict.fromkeys(list(old.columns) + list(new.columns)))
    old, new = (
        old.reindex(columns=columns, fill_value=""),
        new.reindex(columns=columns, fill_value=""),
    )
    # rows equal in both versions say nothing: set them aside before daff sees the tables
    both = old.merge(new, how="inner", on=columns).drop_duplicates()
    if len(both):
        old = old.merge(both, how="left", on=columns, indicator=True)
        old = old[old.pop("_merge") == "left_only"]
        new = new.merge(both, how="left", on=columns, indicator=True)
        new = new[new.pop("_merge") == "left_only"]
    out = ResourceDiff(name, key, old.iloc[0:0], new.iloc[0:0])
    if old.empty and new.empty:
        return out
    rows = _daff_rows(old, new, key)
    header = rows[0][1:]
    where = [header.index(k) for k in key]
    by_key = {
        "old": old.set_index(key, drop=False) if len(old) else old,
        "new": new.set_index(key, drop=False) if len(new) else new,
    }
    added, removed = [], []
    for row in rows[1:]:
        marker, cells = row[0], row[1:]
        ident = tuple(str(cells[i]) for i in where)
        if marker == "+++":
            added.append(ident)
        elif marker == "---":
            removed.append(ident)
        elif marker.startswith("->") or "->" in marker:
            before = by_key["old"].loc[ident if len(key) > 1 else ident[0]]
            after = by_key["new"].loc[ident if len(key) > 1 else ident[0]]
            out.changed[ident] = {
                c: (str(before[c]), str(after[c])) for c in columns if before[c] != after[c]
            }
    picked = {"added": (new, added), "removed": (old, removed)}
    for attr, (frame, idents) in picked.items():
        wanted = set(idents)
        mask = frame[key].astype(str).apply(tuple, axis=1).isin(wanted) if len(frame) else []
        setattr(out, attr, frame[mask].reset_index(drop=True) if len(frame) else frame)
    return out


def diff_packages(old: Package, new: Package) -> PackageDiff:
    """Every resource compared; a resource only one version has is noted as such."""
    if old.version and new.version and parse(old.version)[0] != parse(new.version)[0]:
        raise NotComparable(
            f"{old.label} is version {old.version} and {new.label} version {new.version}: "
            "different schema majors, so their rows are not compared"
        )
    out = []
    for name in list(dict.fromkeys(list(old.tables) + list(new.tables))):
        if name in NOT_COMPARED:
            continue
        if name not in old.tables or name not in new.tables:
            there = new if name in new.tables else old
            empty = there.tables[name].iloc[0:0]
            frames = (
                (there.tables[name], empty) if name in new.tables else (empty, there.tables[name])
            )
            note = "resource added" if name in new.tables else "resource removed"
            out.append(ResourceDiff(name, there.keys[name], *frames, note=note))
            continue
        found = diff_table(name, old.tables[name], new.tables[name], new.keys[name])
        if not found.empty:
            out.append(found)
    return PackageDiff(old, new, out)


def compare(from_spec: str, to_spec: str, root: Path = paths.PROJECT_ROOT) -> PackageDiff:
    """Read and compare two versions named as on the command line."""
    with tempfile.TemporaryDirectory() as scratch:
        packages = [
            read_package(locate(spec, root, Path(scratch)), spec) for spec in (from_spec, to_spec)
        ]
    return diff_packages(*packages)


# --- as text -----------------------------------------------------------------------------


def _row_text(row: pd.Series, key: list[str]) -> str:
    ident = "|".join(str(row[k]) for k in key)
    rest = ", ".join(f"{c}={row[c]!r}" for c in row.index if c not in key and row[c] != "")
    return f"{ident}: {rest}" if rest else ident


def _label(package: Package) -> str:
    if package.version:
        return f"{package.label} (version {package.version}, {package.released or 'no date'})"
    return f"{package.label} (no version)"


def as_text(found: PackageDiff) -> str:
    """The diff as lines: one heading per changed resource, then ``+`` added, ``-`` removed and
    ``~`` changed rows (``column: 'old' -> 'new'``)."""
    lines = [f"diff {_label(found.old)} -> {_label(found.new)}"]
    if not found.resources:
        lines.append("no rows differ")
    for res in found.resources:
        counts = f"{len(res.added)} added, {len(res.removed)} removed, {len(res.changed)} changed"
        lines.append(f"{res.name}: {res.note + '; ' if res.note else ''}{counts}")
        lines += [f"  + {_row_text(r, res.key)}" for _, r in res.added.iterrows()]
        lines += [f"  - {_row_text(r, res.key)}" for _, r in res.removed.iterrows()]
        for ident, cells in res.changed.items():
            what = "; ".join(f"{c}: {old!r} -> {new!r}" for c, (old, new) in cells.items())
            lines.append(f"  ~ {'|'.join(ident)}: {what}")
    unchanged = len((set(found.old.tables) | set(found.new.tables)) - NOT_COMPARED) - len(
        found.resources
    )
    lines.append(f"{len(found.resources)} resource(s) differ, {unchanged} unchanged")
    return "\n".join(lines)


_SAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("from_spec", metavar="FROM", help="version, folder, zip or git ref")
    parser.add_argument("to_spec", metavar="TO", nargs="?", default=None, help="default: data/")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    to_spec = args.to_spec or str(paths.relocated(paths.DATA_DIR, args.root))
    try:
        found = compare(args.from_spec, to_spec, args.root)
    except NotComparable as err:
        print(err)
        return 1
    # control characters from data would act on the terminal: shown as escapes
    print(_SAFE.sub(lambda m: repr(m.group())[1:-1], as_text(found)))
    return 0
