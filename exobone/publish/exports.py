"""Downloads for readers who want the data, not the pages: written from data/ at every build.

- ``findings_flat.csv``: one row per finding, errata applied, link tables folded into cells
  (:func:`exobone.compute.flat.findings_flat`), and a last column ``data_version`` holding the
  version of the data package it was written from; UTF-8, comma-separated, no index.
- ``findings_flat.xlsx``: the same table as a workbook, with a ``data dictionary`` sheet (one
  row per column) and an ``about`` sheet (source, licence, citation, version, release date).
- ``exobone-evidence-data.zip``: the whole data package in one folder: ``datapackage.json`` (its
  paths are relative to it, so they hold inside the zip), every CSV, every schema, the review's
  text and a README with licence, citation and version. ``frictionless validate`` accepts it
  unzipped. The release record (``releases.csv``) stays out: it holds this zip's checksum.
  ``ro-crate-metadata.json`` describes the same files as an RO-Crate (:mod:`exobone.publish.crate`).

The same data give the same bytes: the zip's entries and the workbook's parts carry fixed dates
(the workbook's document properties carry the release date), so two builds of one version can
be compared file by file, and ``releases.csv`` can record each release's SHA-256.


Every writer here is inert by itself, whatever validation said: every string reaches the
workbook as text, never as a formula (schema descriptions, vocabulary labels and the about
sheet included; :func:`inert_workbook`); a formula-like cell refuses the CSV and the zip
(:func:`formula_cells`); data files are read only as real files
(:func:`exobone.data.real_files.read_regular`); each download is written to a temporary file
and renamed, so a link planted in the output folder is replaced, not followed.

The book's Sphinx extension calls :func:`write_exports` into the built site, so the downloads
are always made from the data the book shows. By hand::

    python -m exobone exports OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from pathlib import Path

import pandas as pd

from exobone.compute.flat import findings_flat, flat_dictionary
from exobone.data import paths
from exobone.data.errors import DataValidationError
from exobone.data.real_files import NotARealFile, read_regular
from exobone.data.schema import descriptor, resources
from exobone.data.validate import validate
from exobone.data.version import Release, current
from exobone.publish.crate import CRATE_FILE, crate_json
from exobone.publish.inert import (  # noqa: F401 (ExportRefused, formula_cells: this module's API)
    ZIP_DATE,
    ExportRefused,
    fixed_zip_bytes,
    formula_cells,
    inert_workbook,
    refuse_formulas,
    replace_file,
)

FLAT_CSV = "findings_flat.csv"
FLAT_XLSX = "findings_flat.xlsx"
PACKAGE_ZIP = "exobone-evidence-data.zip"
#: the folder every file of the zip sits in
ZIP_FOLDER = "exobone-evidence-data"
REVIEW_PUBLISHED = "2024-01-25"

CITATION = (
    "Wang P, Shao W, Li Z, Wang B, Lv X, Huang Y, Feng Y. Non-bone-derived exosomes: a new "
    "perspective on regulators of bone homeostasis. 2024. Open access, licensed CC BY 4.0."
)
README_MARKER = "<!-- start-include: book/data.md shows this file from here on -->"
#: the resource that records releases (with the zip's checksum, so the zip leaves it out)
RELEASES_RESOURCE = "releases"
#: the flat table's last column: the data package's version
VERSION_COLUMN = "data_version"


def package_files(data_dir: Path = paths.DATA_DIR) -> list[Path]:
    """Every file of the data package, relative to ``data_dir``, sorted: datapackage.json, each
    resource's CSV and schema, and the review's text (the source every row points to)."""
    files = {Path("datapackage.json"), paths.SOURCE_TEXT.relative_to(paths.DATA_DIR)}
    for res in descriptor(data_dir)["resources"]:
        files.update({Path(res["path"]), Path(res["schema"])})
    return sorted(files, key=str)


def _releases_resource(data_dir: Path) -> dict | None:
    found = [r for r in descriptor(data_dir)["resources"] if r["name"] == RELEASES_RESOURCE]
    return found[0] if found else None


def zip_files(data_dir: Path = paths.DATA_DIR) -> list[Path]:
    """The files of the zip: :func:`package_files` without the release record and its schema."""
    record = _releases_resource(data_dir)
    left_out = {Path(record["path"]), Path(record["schema"])} if record else set()
    return [f for f in package_files(data_dir) if f not in left_out]


def zip_descriptor(data_dir: Path = paths.DATA_DIR) -> bytes:
    """The zip's ``datapackage.json``: the package's, without the release record's resource,
    written as the project writes it (two-space indent, UTF-8, final newline)."""
    meta = dict(descriptor(data_dir))
    meta["resources"] = [r for r in meta["resources"] if r["name"] != RELEASES_RESOURCE]
    return (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _citations(data_dir: Path) -> str:
    """The book's citation (version included) and the review's, from CITATION.cff (the copy
    beside ``data_dir`` when there is one)."""
    from exobone.publish import citation

    path = paths.relocated(paths.CITATION_FILE, data_dir.parent)
    cff = citation.read_citation(path if path.is_file() else paths.CITATION_FILE)
    return (
        f"This data package comes with the book: {citation.book_citation(cff)}\n\n"
        f"The review it is built on: {citation.review_citation(cff)}"
    )


def package_readme(data_dir: Path = paths.DATA_DIR) -> str:
    """README.md of the zip: what it is, licence, citation, how to check and load it, then the
    provenance notes of data/README.md."""
    meta = descriptor(data_dir)
    release = current(data_dir)
    licences = ", ".join(f"{x['name']} ({x.get('path', '')})" for x in meta.get("licenses", []))
    notes = (data_dir / "README.md").read_text(encoding="utf-8")
    notes = notes.split(README_MARKER, 1)[-1].strip()
    return (
        f"# {meta.get('title', meta['name'])}\n\n"
        "A Frictionless data package: `datapackage.json` describes every CSV (types, allowed "
        "values, keys, foreign keys) with the schemas in `schemas/`.\n\n"
        f"{release.label} (`version` and `x-released` in `datapackage.json`).\n\n"
        f"## Licence\n\n{licences}. The facts come from an open-access review under the same "
        "licence; keep the citation below when you reuse them.\n\n"
        f"## Cite\n\n{_citations(data_dir)}\n\n"
        "## Check and load\n\n"
        "```bash\npip install frictionless\nfrictionless validate datapackage.json\n```\n\n"
        "```python\nimport pandas as pd\n"
        'findings = pd.read_csv("evidence/findings.csv", keep_default_na=False)\n```\n\n'
        "Published values are kept in the files; `errata.csv` lists the corrections "
        "(file, record, column, published, corrected, evidence).\n\n"
        "The release record (`releases.csv`: every version, its date and the SHA-256 of its "
        "zip and workbook) is not in this zip, because it holds this zip's checksum; the book's "
        "What's new page and its data folder publish it.\n\n"
        f"{notes}\n"
    )


def write_flat_csv(frame: pd.DataFrame, path: Path) -> Path:
    """``frame`` as UTF-8 CSV (header, no index, ``\n`` line ends, empty cell for a missing
    value); refused if a cell would run as a formula."""
    text = frame.to_csv(index=False, lineterminator="\n", na_rep="")
    refuse_formulas(list(csv.reader(io.StringIO(text, newline=""))), path.name)
    return replace_file(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def flat_with_version(frame: pd.DataFrame, release: Release) -> pd.DataFrame:
    """The flat table with its last column :data:`VERSION_COLUMN` (the package's version)."""
    return frame.assign(**{VERSION_COLUMN: release.version})


def export_dictionary(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The flat export's columns: :func:`flat_dictionary` and :data:`VERSION_COLUMN`."""
    extra = {
        "column": VERSION_COLUMN,
        "from": "datapackage.json (version)",
        "description": "Version of the data package this file was written from (the same in "
        "every row); the book's footer and What's new page show the same version.",
    }
    return pd.concat([flat_dictionary(data_dir), pd.DataFrame([extra])], ignore_index=True)


def write_flat_xlsx(
    frame: pd.DataFrame, dictionary: pd.DataFrame, path: Path, release: Release
) -> Path:
    """A workbook: sheet ``findings`` (``frame``), ``data dictionary`` (one row per column of
    it) and ``about`` (source, licence, citation, version, release date). Its bytes depend on
    the data only (see :func:`fixed_zip_bytes`)."""
    about = pd.DataFrame(
        {
            "item": ["what", "source", "licence", "columns", "version", "released"],
            "value": [
                "One row per finding of the review, errata applied; multi-valued cells are "
                "joined by '; '.",
                CITATION,
                "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
                "See the sheet 'data dictionary'.",
                release.version,
                release.released,
            ],
        }
    )

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="findings", index=False)
        dictionary.to_excel(writer, sheet_name="data dictionary", index=False)
        about.to_excel(writer, sheet_name="about", index=False)
        sheet = writer.sheets["findings"]
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
        inert_workbook(writer.book)
    data = fixed_zip_bytes(buffer.getvalue(), stamp=f"{release.released}T00:00:00Z")
    return replace_file(path, lambda tmp: tmp.write_bytes(data))


def package_entries(
    data_dir: Path = paths.DATA_DIR, files: list[Path] | None = None
) -> list[tuple[Path, bytes]]:
    """(path inside data/, bytes) of ``files`` (default: every file of the package), each read
    as a real file; a CSV with a cell a spreadsheet would run is refused
    (:class:`ExportRefused`)."""
    entries = []
    for rel in package_files(data_dir) if files is None else files:
        data = read_regular(data_dir / rel, data_dir)
        if rel.suffix == ".csv":
            text = data.decode("utf-8", errors="replace")
            refuse_formulas(list(csv.reader(io.StringIO(text, newline=""))), f"data/{rel}")
        entries.append((rel, data))
    return entries


def write_package_zip(path: Path, data_dir: Path = paths.DATA_DIR) -> Path:
    """The data package as one zip (see the module docstring); entries sorted, fixed dates."""
    entries = [
        (rel.as_posix(), data)
        for rel, data in package_entries(data_dir, zip_files(data_dir))
        if rel != Path("datapackage.json")
    ]
    entries.append(("datapackage.json", zip_descriptor(data_dir)))
    entries.append(("README.md", package_readme(data_dir).encode("utf-8")))
    entries.append((CRATE_FILE, crate_json(dict(entries), CITATION, REVIEW_PUBLISHED, data_dir)))

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in sorted(entries):
                info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)

    return replace_file(path, write)


def write_exports(out_dir: Path, data_dir: Path = paths.DATA_DIR) -> dict[str, Path]:
    """Validate the data, then write the flat CSV, the workbook and the zip into ``out_dir``."""
    validate(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    release = current(data_dir)
    flat = flat_with_version(findings_flat(data_dir), release)
    dictionary = export_dictionary(data_dir)
    return {
        FLAT_CSV: write_flat_csv(flat, out_dir / FLAT_CSV),
        FLAT_XLSX: write_flat_xlsx(flat, dictionary, out_dir / FLAT_XLSX, release),
        PACKAGE_ZIP: write_package_zip(out_dir / PACKAGE_ZIP, data_dir),
    }


def data_file_rows(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per file of the package: path (relative to data/), resource name, number of
    records (empty for non-CSV files) and description (the schema's)."""
    by_path = {str(r["path"].relative_to(data_dir)): (n, r) for n, r in resources(data_dir).items()}
    rows = []
    for rel in package_files(data_dir):
        name, res = by_path.get(rel.as_posix(), ("", None))
        if res is not None:
            records = len(pd.read_csv(data_dir / rel, dtype=str, keep_default_na=False))
            about = res["schema"].get("description", "")
        else:
            records, about = pd.NA, ""
        rows.append({"path": rel.as_posix(), "resource": name, "rows": records, "about": about})
    return pd.DataFrame(rows, columns=["path", "resource", "rows", "about"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        written = write_exports(args.out_dir)
    except (ExportRefused, NotARealFile, DataValidationError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for name, path in written.items():
        print(f"wrote {path} ({name})")
    return 0
