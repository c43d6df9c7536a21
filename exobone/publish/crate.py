"""The zip's ``ro-crate-metadata.json``: an RO-Crate describing the data package's files, their
licence, the version and the review the data derive from, built with the ``rocrate`` library.

RO-Crate (https://w3id.org/ro/crate) is the packaging that research-object registries and
workflow systems read; the crate's root is the zip's folder, so every file entry's ``@id`` is
its path inside the zip. The same data give the same bytes: the publication date is the
release date of ``datapackage.json``, never the time of writing.
"""

from __future__ import annotations

import json
from pathlib import Path

from rocrate.model.contextentity import ContextEntity
from rocrate.rocrate import ROCrate

from exobone.data import paths
from exobone.data.schema import descriptor, resources
from exobone.data.version import current

CRATE_FILE = "ro-crate-metadata.json"
#: file suffix -> media type of the crate's file entries
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".sha256": "text/plain",
}


#: what the files that are not resources hold
FILE_DESCRIPTIONS = {
    "datapackage.json": "The Frictionless data package: every CSV with its schema, keys and "
    "foreign keys; version and release date.",
    "README.md": "What the package is, its licence, how to cite, check and load it, and the "
    "provenance of each file.",
    "source/review.txt": "The review's text, the source every row's source_line points to.",
    "source/review.txt.sha256": "The SHA-256 of the review's text.",
}


def _one(values: list):
    """RO-Crate's JSON-LD prefers a single value to a one-item list."""
    return values[0] if len(values) == 1 else values


def _licences(crate: ROCrate, meta: dict) -> list:
    """The package's licences as contextual entities of ``crate``."""
    licences = []
    for entry in meta.get("licenses", []):
        licence = ContextEntity(
            crate,
            entry.get("path", f"#{entry['name']}"),
            properties={
                "@type": "CreativeWork",
                "name": entry.get("title", entry["name"]),
                "identifier": entry["name"],
                "description": f"{entry.get('title', entry['name'])}: the licence of these "
                "data and of the review they derive from.",
            },
        )
        licences.append(crate.add(licence))
    return licences


def crate_json(
    files: dict[str, bytes], review: str, review_published: str, data_dir: Path = paths.DATA_DIR
) -> bytes:
    """The crate's metadata for ``files`` (path inside the zip's folder -> content), deriving
    from the review cited as ``review`` (published ``review_published``, YYYY-MM-DD)."""
    meta = descriptor(data_dir)
    release = current(data_dir)
    names = {res["path"]: res["name"] for res in meta["resources"]}
    about = {
        Path(res["path"]).relative_to(data_dir).as_posix(): res["schema"].get("description", "")
        for res in resources(data_dir).values()
    }
    about |= {res["schema"]: f"Table Schema of {res['name']}." for res in meta["resources"]}
    about |= FILE_DESCRIPTIONS
    crate = ROCrate(gen_preview=False)
    licences = _licences(crate, meta)
    source = crate.add(
        ContextEntity(
            crate,
            "#review",
            properties={
                "@type": "ScholarlyArticle",
                "name": review,
                "datePublished": review_published,
                "license": _one(licences),
            },
        )
    )
    root = crate.root_dataset
    root["name"] = meta.get("title", meta["name"])
    root["description"] = (
        "A Frictionless data package (datapackage.json) of the evidence in one open-access "
        "review, every row naming its line in the review's text."
    )
    root["version"] = release.version
    root["datePublished"] = release.released
    root["license"] = _one(licences)
    root["isBasedOn"] = source
    for rel in sorted(files):
        properties = {
            "name": names.get(rel, Path(rel).name),
            "description": about.get(rel) or f"{Path(rel).name} of the data package.",
            "encodingFormat": MEDIA_TYPES.get(Path(rel).suffix, "application/octet-stream"),
            "contentSize": str(len(files[rel])),
        }
        crate.add_file(source=None, dest_path=rel, properties=properties)
    graph = crate.metadata.generate()
    return (json.dumps(graph, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
