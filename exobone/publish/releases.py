"""`release`: validate the data, raise the version by the rule, record the release.

    python -m exobone release              # make release
    python -m exobone release --dry-run    # say what the release would be, write nothing
    python -m exobone release --initial    # record the data as version 1.0.0 (the review's own)

The rule (semantic versioning of the data): compared with the last release (its zip is kept
as ``releases/exobone-evidence-data-VERSION.zip``), a changed schema is a **major** release; a
new finding or reference a **minor** one (Cochrane's *update*: new evidence); any other change,
such as a correction in ``errata.csv`` or an edited row, a **patch** (an *amendment*). Rows
removed from findings or references are refused: published rows stay, and corrections go
through ``data/errata.csv``. Data that do not validate are refused, with the problems.

A release writes the new ``version`` and ``x-released`` into ``datapackage.json`` (and into
``CITATION.cff`` where there is one), appends a
row to ``data/releases.csv`` (version, date, kind, counts, SHA-256 of the zip and the
workbook) and keeps the zip in ``releases/``. It tags nothing and commits nothing: commit
``data/`` and ``releases/`` yourself. With no change since the last release (the zip of the
data now is byte-identical to the released one) it says so and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from exobone.compute.evidence_rules import data_problems as problems
from exobone.data import paths
from exobone.data.version import RELEASED_KEY, VERSION_KEY, Release, current
from exobone.publish import exports
from exobone.publish.diff import (
    RELEASES_FOLDER,
    PackageDiff,
    archive_name,
    diff_packages,
    locate,
    read_package,
)

RELEASES_CSV = "releases.csv"
FIRST_VERSION = "1.0.0"
#: resources whose new rows make a minor release, and whose rows may not be removed
EVIDENCE = ("findings", "references", "added_references")
#: the columns of releases.csv (its schema: data/schemas/releases.schema.json)
COLUMNS = (
    "version released bump kind findings added_findings references added_references errata "
    "zip_sha256 workbook_sha256"
).split()


class Refused(ValueError):
    """The release cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Change:
    """What kind of release the changes since the last one make, and why."""

    bump: str  # major, minor or patch
    kind: str  # update or amendment
    reason: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_releases(data_dir: Path) -> pd.DataFrame:
    """``data/releases.csv`` as text, oldest first (empty frame if the file is missing)."""
    path = data_dir / RELEASES_CSV
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS, dtype=str)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def counts(data_dir: Path) -> dict[str, int]:
    """Summary counts recorded with a release."""

    def rows(rel: str) -> pd.DataFrame:
        return pd.read_csv(data_dir / rel, dtype=str, keep_default_na=False, encoding="utf-8")

    findings = rows("evidence/findings.csv")
    return {
        "findings": len(findings),
        "added_findings": int((findings["evidence"] == "added").sum()),
        "references": len(rows("generated/references.csv")),
        "added_references": len(rows("added/references.csv")),
        "errata": len(rows("errata.csv")),
    }


def schema_signature(data_dir: Path) -> dict:
    """Resource -> its fields (name, type, constraints), primary key and foreign keys: what
    a schema change (a major release) changes. The release record itself is left out."""
    meta = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    out = {}
    for res in meta["resources"]:
        if res["name"] == exports.RELEASES_RESOURCE:
            continue
        schema = json.loads((data_dir / res["schema"]).read_text(encoding="utf-8"))
        out[res["name"]] = {
            "fields": [
                (f["name"], f.get("type", "string"), f.get("constraints", {}))
                for f in schema["fields"]
            ],
            "primaryKey": schema.get("primaryKey"),
            "foreignKeys": schema.get("foreignKeys", []),
        }
    return out


def classify(found: PackageDiff, schema_changed: bool) -> Change:
    """The rule of the module docstring applied to a diff against the last release."""
    if schema_changed:
        return Change("major", "amendment", "the schema changed")
    removed = {r.name: r for r in found.resources if r.name in EVIDENCE and len(r.removed)}
    if removed:
        what = "; ".join(
            f"{name}: {', '.join('|'.join(map(str, k)) for k in r.removed[r.key].values)}"
            for name, r in removed.items()
        )
        raise Refused(
            f"rows were removed since the last release ({what}); published rows stay in the "
            "data: record a correction in data/errata.csv instead"
        )
    added = {r.name: len(r.added) for r in found.resources if r.name in EVIDENCE and len(r.added)}
    if added:
        what = ", ".join(f"{n} new row(s) in {name}" for name, n in added.items())
        return Change("minor", "update", what)
    changed = ", ".join(r.name for r in found.resources if r.name != exports.RELEASES_RESOURCE)
    return Change("patch", "amendment", f"corrections ({changed or 'documentation'})")


def write_version(data_dir: Path, release: Release) -> None:
    """Set ``version`` and ``x-released`` in datapackage.json (after ``title``), keeping its
    layout (two-space indent, UTF-8, final newline)."""
    path = data_dir / "datapackage.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    out: dict = {}
    for key, value in meta.items():
        if key in (VERSION_KEY, RELEASED_KEY):
            continue
        out[key] = value
        if key == "title":
            out[VERSION_KEY], out[RELEASED_KEY] = release.version, release.released
    out.setdefault(VERSION_KEY, release.version)
    out.setdefault(RELEASED_KEY, release.released)
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _last_release_diff(
    data_dir: Path, root: Path, last: pd.Series, scratch: Path
) -> tuple[PackageDiff, Path]:
    """The diff from the last release's kept zip to the data now, and the zip's data folder."""
    archive = root / RELEASES_FOLDER / archive_name(last["version"])
    if not archive.is_file():
        raise Refused(
            f"the last release's zip {RELEASES_FOLDER}/{archive.name} is missing, so what "
            "changed since it cannot be told; restore it from the repository's history"
        )
    if sha256(archive) != last["zip_sha256"]:
        raise Refused(f"{RELEASES_FOLDER}/{archive.name} differs from its SHA-256 in releases.csv")
    old_dir = locate(str(archive), root, scratch)
    old = read_package(old_dir, last["version"])
    return diff_packages(old, read_package(data_dir, "now")), old_dir


def plan(root: Path, initial: bool, scratch: Path) -> tuple[Change | None, Release | None]:
    """(change, the release now) for the data in ``root``; (None, last) if nothing changed."""
    data_dir = paths.relocated(paths.DATA_DIR, root)
    found = problems(data_dir)
    if found:
        shown = "\n".join(f"  {line}" for line in found)
        raise Refused(f"the data do not validate ({len(found)} problem(s)):\n{shown}")
    history = read_releases(data_dir)
    if initial:
        if counts(data_dir)["added_findings"]:
            raise Refused("version 1.0.0 is the review's own evidence, but added findings exist")
        return Change("initial", "review", "the review's own evidence"), current(data_dir)
    if history.empty:
        raise Refused("no release is recorded yet: record the first with --initial")
    last = history.iloc[-1]
    made = exports.write_exports(scratch / "now", data_dir)
    if sha256(made[exports.PACKAGE_ZIP]) == last["zip_sha256"]:
        return None, Release(last["version"], last["released"])
    found, old_dir = _last_release_diff(data_dir, root, last, scratch / "diff")
    schema_changed = schema_signature(old_dir) != schema_signature(data_dir)
    return classify(found, schema_changed), Release(last["version"], last["released"])


def write_citation_version(root: Path, release: Release) -> None:
    """Where the project has a CITATION.cff, set its ``version`` and ``date-released`` to the
    release's (the file's other lines are kept as they are)."""
    path = root / "CITATION.cff"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f'version: "{release.version}"', text)
    text = re.sub(r"(?m)^date-released: .*$", f'date-released: "{release.released}"', text)
    path.write_text(text, encoding="utf-8")


def record(root: Path, change: Change, release: Release, scratch: Path) -> dict[str, str]:
    """Write the release: version in datapackage.json, zip kept, row in releases.csv."""
    data_dir = paths.relocated(paths.DATA_DIR, root)
    history = read_releases(data_dir)
    if change.bump == "initial":
        history = history.iloc[0:0]
    write_version(data_dir, release)
    write_citation_version(root, release)
    made = exports.write_exports(scratch / "release", data_dir)
    kept = root / RELEASES_FOLDER / archive_name(release.version)
    kept.parent.mkdir(parents=True, exist_ok=True)
    if change.bump == "initial":
        for old in kept.parent.glob(archive_name("*")):
            old.unlink()
    shutil.copyfile(made[exports.PACKAGE_ZIP], kept)
    row = {
        "version": release.version,
        "released": release.released,
        "bump": change.bump,
        "kind": change.kind,
        **{k: str(v) for k, v in counts(data_dir).items()},
        "zip_sha256": sha256(made[exports.PACKAGE_ZIP]),
        "workbook_sha256": sha256(made[exports.FLAT_XLSX]),
    }
    history = pd.concat([history, pd.DataFrame([row])], ignore_index=True)[COLUMNS]
    history.to_csv(data_dir / RELEASES_CSV, index=False, lineterminator="\n")
    return row


def release(root: Path, date: str, initial: bool = False, dry_run: bool = False) -> str:
    """Make (or, ``dry_run``, describe) a release; the line to print. Raises :class:`Refused`."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for sub in ("now", "diff", "release"):
            (scratch / sub).mkdir()
        change, last = plan(root, initial, scratch)
        if change is None:
            return f"no change since version {last.version} ({last.released}): nothing released"
        version = FIRST_VERSION if initial else last.bumped(change.bump)
        new = Release(version, date)
        if dry_run:
            return f"would release {version} ({change.bump}, {change.kind}): {change.reason}"
        data_dir = paths.relocated(paths.DATA_DIR, root)
        written = [data_dir / "datapackage.json", data_dir / RELEASES_CSV, root / "CITATION.cff"]
        before = {p: p.read_bytes() for p in written if p.is_file()}
        row = record(root, change, new, scratch)
        found = problems(data_dir)
        if found:  # the new record broke something: undo
            for path, content in before.items():
                path.write_bytes(content)
            (root / RELEASES_FOLDER / archive_name(version)).unlink(missing_ok=True)
            raise Refused("the release record did not validate: " + "; ".join(found))
    return (
        f"released {version} on {date} ({change.bump}, {change.kind}: {change.reason}); "
        f"zip sha256 {row['zip_sha256'][:12]}…, workbook sha256 {row['workbook_sha256'][:12]}…; "
        f"kept {RELEASES_FOLDER}/{archive_name(version)}; nothing tagged: commit data/ and "
        f"{RELEASES_FOLDER}/"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    parser.add_argument("--date", default=None, help="release date YYYY-MM-DD (default: today)")
    parser.add_argument("--initial", action="store_true", help="record the data as 1.0.0")
    parser.add_argument("--dry-run", action="store_true", help="say what it would be")
    args = parser.parse_args(argv)
    date = args.date or dt.datetime.now(dt.UTC).date().isoformat()
    try:
        print(release(args.root, date, initial=args.initial, dry_run=args.dry_run))
    except Refused as err:
        print(f"release refused: {err}", file=sys.stderr)
        return 1
    return 0
