"""What each release changed, for the book's "What's new" page and the introduction.

Built from ``data/releases.csv`` and the diff (:mod:`exobone.publish.diff`) between each
release's kept zip and the one before it, so nothing on the page is typed by hand: per version
its date and kind (Cochrane's *update*: new evidence; *amendment*: anything else), the studies
and findings added (claim, source, references), the corrections (errata) and other edited rows,
and what changed in the main analyses (findings per source and per effect, before -> after;
pathways named for the first time). Version 1.0.0 is the review's own evidence. Changes made
since the last release and not yet released are listed as such.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.publish.diff import (
    RELEASES_FOLDER,
    Package,
    PackageDiff,
    archive_name,
    diff_packages,
    locate,
    read_package,
)
from exobone.publish.releases import read_releases

#: kind -> how the page names it
KINDS = {
    "review": "the review's own evidence",
    "update": "update (new evidence)",
    "amendment": "amendment (corrections, no new evidence)",
}


@dataclass
class News:
    """One version's changes (or the changes not yet released: ``version`` is '')."""

    version: str
    released: str
    bump: str
    kind: str
    record: dict[str, str]
    studies: pd.DataFrame = field(default_factory=pd.DataFrame)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    corrections: pd.DataFrame = field(default_factory=pd.DataFrame)
    edits: pd.DataFrame = field(default_factory=pd.DataFrame)
    analyses: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)


def _labels(package: Package, resource: str, key: str) -> dict[str, str]:
    table = package.tables.get(resource)
    return {} if table is None else dict(zip(table[key], table["label"], strict=True))


def added_findings(found: PackageDiff) -> pd.DataFrame:
    """Findings added: id, claim, source (label) and references (review numbers, added ids)."""
    res = found.get("findings")
    columns = ["finding_id", "claim", "source", "references"]
    if res is None or res.added.empty:
        return pd.DataFrame(columns=columns)
    new = found.new
    sources = _labels(new, "sources", "source_id")
    refs = pd.concat(
        [
            new.tables["finding_refs"][["finding_id", "ref_id"]],
            new.tables.get("finding_added_refs", pd.DataFrame(columns=["finding_id", "ref_id"])),
        ]
    )
    by_finding = refs.groupby("finding_id")["ref_id"].agg(lambda s: ", ".join(s))
    out = res.added.assign(
        source=res.added["source_id"].map(lambda s: sources.get(s, s)),
        references=res.added["finding_id"].map(by_finding).fillna(""),
    )
    return out[columns].reset_index(drop=True)


def added_studies(found: PackageDiff) -> pd.DataFrame:
    """Studies (added references) added: id, authors, year, title, journal, DOI, PMID."""
    res = found.get("added_references")
    columns = ["ref_id", "authors", "year", "title", "journal", "doi", "pmid"]
    if res is None or res.added.empty:
        return pd.DataFrame(columns=columns)
    return res.added.reindex(columns=columns, fill_value="").reset_index(drop=True)


def corrections(found: PackageDiff) -> pd.DataFrame:
    """Errata added: id, file, record, column, published -> corrected."""
    res = found.get("errata")
    columns = ["erratum_id", "file", "record_id", "column", "published", "corrected"]
    if res is None or res.added.empty:
        return pd.DataFrame(columns=columns)
    return res.added[columns].reset_index(drop=True)


def edits(found: PackageDiff) -> pd.DataFrame:
    """Rows edited in place (not through errata): resource, key, column, old, new."""
    rows = [
        {"resource": r.name, "key": "|".join(k), "column": c, "old": old, "new": new}
        for r in found.resources
        for k, cells in r.changed.items()
        for c, (old, new) in cells.items()
    ]
    return pd.DataFrame(rows, columns=["resource", "key", "column", "old", "new"])


def row_counts(found: PackageDiff) -> pd.DataFrame:
    """Per changed resource: rows added, removed and changed (the diff in numbers)."""
    rows = [
        {
            "resource": r.name,
            "added": len(r.added),
            "removed": len(r.removed),
            "changed": len(r.changed),
        }
        for r in found.resources
    ]
    return pd.DataFrame(rows, columns=["resource", "added", "removed", "changed"])


def _per(package: Package, resource: str, column: str) -> pd.Series:
    table = package.tables.get(resource)
    if table is None or column not in table:
        return pd.Series(dtype=int)
    return table.drop_duplicates(["finding_id", column])[column].value_counts()


def analysis_changes(found: PackageDiff) -> pd.DataFrame:
    """What changed in the main analyses: findings per source and per effect whose count
    changed (before -> after), and pathways linked to a finding for the first time."""
    old, new = found.old, found.new
    out = []
    for what, resource, column, vocab, key in [
        ("findings per source", "findings", "source_id", "sources", "source_id"),
        ("findings per effect", "finding_effects", "effect_id", "effects", "effect_id"),
    ]:
        labels = _labels(new, vocab, key)
        if resource == "findings":
            before = old.tables["findings"]["source_id"].value_counts()
            after = new.tables["findings"]["source_id"].value_counts()
        else:
            before, after = _per(old, resource, column), _per(new, resource, column)
        for ident in sorted(set(before.index) | set(after.index)):
            b, a = int(before.get(ident, 0)), int(after.get(ident, 0))
            if a != b:
                out.append(
                    {"analysis": what, "label": labels.get(ident, ident), "before": b, "after": a}
                )
    labels = _labels(new, "pathways", "pathway_id")
    seen = set(
        old.tables.get("finding_pathways", pd.DataFrame(columns=["pathway_id"]))["pathway_id"]
    )
    now = _per(new, "finding_pathways", "pathway_id")
    for ident in sorted(set(now.index) - seen):
        out.append(
            {
                "analysis": "pathway named for the first time",
                "label": labels.get(ident, ident),
                "before": 0,
                "after": int(now[ident]),
            }
        )
    return pd.DataFrame(out, columns=["analysis", "label", "before", "after"])


def news_of(found: PackageDiff, record: dict[str, str]) -> News:
    """One version's news from its diff against the version before."""
    return News(
        version=record.get("version", ""),
        released=record.get("released", ""),
        bump=record.get("bump", ""),
        kind=record.get("kind", ""),
        record=record,
        studies=added_studies(found),
        findings=added_findings(found),
        corrections=corrections(found),
        edits=edits(found),
        analyses=analysis_changes(found),
        rows=row_counts(found),
    )


def history(root: Path = paths.PROJECT_ROOT) -> list[News]:
    """Every release, newest first, each with what it changed; first, if the data differ from
    the last release, the changes not yet released (version '')."""
    data_dir = paths.relocated(paths.DATA_DIR, root)
    releases = read_releases(data_dir)
    out: list[News] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        previous: Package | None = None
        for record in releases.to_dict("records"):
            kept = root / RELEASES_FOLDER / archive_name(record["version"])
            package = read_package(locate(str(kept), root, scratch), record["version"])
            if previous is None:
                out.append(
                    News(
                        record["version"],
                        record["released"],
                        record["bump"],
                        record["kind"],
                        record,
                    )
                )
            else:
                out.append(news_of(diff_packages(previous, package), record))
            previous = package
        if previous is not None:
            now = diff_packages(previous, read_package(data_dir, "data now"))
            if now.resources:
                out.append(news_of(now, {"version": "", "kind": "", "bump": ""}))
    return out[::-1]


def last_addition(data_dir: Path = paths.DATA_DIR) -> str:
    """Date of the last study added (``added_on`` of data/added/references.csv), '' if none."""
    added = pd.read_csv(
        data_dir / "added" / "references.csv", dtype=str, keep_default_na=False, encoding="utf-8"
    )
    return max(added["added_on"], default="")
