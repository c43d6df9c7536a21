"""Downloads for readers who want the data, not the pages: written from data/ at every build.

- ``findings_flat.csv``: one row per finding, errata applied, link tables folded into cells
  (:func:`exobone.compute.flat.findings_flat`); UTF-8, comma-separated, no index.
- ``findings_flat.xlsx``: the same table as a workbook, with a ``data dictionary`` sheet (one
  row per column) and an ``about`` sheet (source, licence, citation).
- ``exobone-evidence-data.zip``: the whole data package in one folder: ``datapackage.json`` (its
  paths are relative to it, so they hold inside the zip), every CSV, every schema, the review's
  text and a README with licence and citation. ``frictionless validate`` accepts it unzipped.

Every writer here is inert by itself, whatever validation said (its stamp lives under
``_build/`` and can be forged): every string reaches the workbook as text, never as a formula
(schema descriptions, vocabulary labels and the about sheet included; :func:`inert_workbook`);
a formula-like cell refuses the CSV and the zip (:func:`formula_cells`); data files are read
only as real files (:func:`exobone.data.real_files.read_regular`); each download is written to
a temporary file and renamed, so a link planted in the output folder is replaced, not followed.

The book's Sphinx extension calls :func:`write_exports` into the built site, so the downloads
are always made from the data the book shows. By hand::

    python -m exobone exports OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from exobone.compute.flat import findings_flat, flat_dictionary
from exobone.data import paths
from exobone.data.checks import formula_problem
from exobone.data.errors import DataValidationError, shorten
from exobone.data.real_files import NotARealFile, read_regular
from exobone.data.schema import descriptor, resources
from exobone.data.validate import validate

FLAT_CSV = "findings_flat.csv"
FLAT_XLSX = "findings_flat.xlsx"
PACKAGE_ZIP = "exobone-evidence-data.zip"
#: the folder every file of the zip sits in
ZIP_FOLDER = "exobone-evidence-data"
#: a fixed time stamp for the zip's entries, so the same data always give the same bytes
ZIP_DATE = (2024, 1, 25, 0, 0, 0)

CITATION = (
    "Wang P, Shao W, Li Z, Wang B, Lv X, Huang Y, Feng Y. Non-bone-derived exosomes: a new "
    "perspective on regulators of bone homeostasis. 2024. Open access, licensed CC BY 4.0."
)
README_MARKER = "<!-- start-include: book/data.md shows this file from here on -->"


def package_files(data_dir: Path = paths.DATA_DIR) -> list[Path]:
    """Every file of the data package, relative to ``data_dir``, sorted: datapackage.json, each
    resource's CSV and schema, and the review's text (the source every row points to)."""
    files = {Path("datapackage.json"), paths.SOURCE_TEXT.relative_to(paths.DATA_DIR)}
    for res in descriptor(data_dir)["resources"]:
        files.update({Path(res["path"]), Path(res["schema"])})
    return sorted(files, key=str)


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
    licences = ", ".join(f"{x['name']} ({x.get('path', '')})" for x in meta.get("licenses", []))
    notes = (data_dir / "README.md").read_text(encoding="utf-8")
    notes = notes.split(README_MARKER, 1)[-1].strip()
    return (
        f"# {meta.get('title', meta['name'])}\n\n"
        "A Frictionless data package: `datapackage.json` describes every CSV (types, allowed "
        "values, keys, foreign keys) with the schemas in `schemas/`.\n\n"
        f"## Licence\n\n{licences}. The facts come from an open-access review under the same "
        "licence; keep the citation below when you reuse them.\n\n"
        f"## Cite\n\n{_citations(data_dir)}\n\n"
        "## Check and load\n\n"
        "```bash\npip install frictionless\nfrictionless validate datapackage.json\n```\n\n"
        "```python\nimport pandas as pd\n"
        'findings = pd.read_csv("evidence/findings.csv", keep_default_na=False)\n```\n\n'
        "Published values are kept in the files; `errata.csv` lists the corrections "
        "(file, record, column, published, corrected, evidence).\n\n"
        f"{notes}\n"
    )


class ExportRefused(ValueError):
    """A value that a spreadsheet would run reached an export (one line: where and why)."""


def formula_cells(records, where: str) -> list[str]:
    """One line per cell of ``records`` (header first) that a spreadsheet would run."""
    header = records[0] if records else []
    found = []
    for row, record in enumerate(records, 1):
        for index, cell in enumerate(record):
            why = formula_problem(str(cell))
            if why:
                column = header[index] if index < len(header) else f"#{index + 1}"
                found.append(f"{where}, row {row}, column {column!r}, value {shorten(cell)}: {why}")
    return found


def _refuse_formulas(records, where: str) -> None:
    found = formula_cells(records, where)
    if found:
        raise ExportRefused(f"{found[0]} (not exported; run make validate)")


def inert_workbook(book) -> None:
    """Every string cell of ``book`` (an openpyxl workbook) as text: openpyxl stores a string
    that starts with '=' as a formula; here it stays the string, with Excel's quote prefix so
    that editing the cell does not run it either."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and formula_problem(cell.value)
                ):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _replace(path: Path, write) -> Path:
    """Call ``write(temporary path)`` then rename it over ``path`` (a link there is replaced,
    never written through; a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def write_flat_csv(frame: pd.DataFrame, path: Path) -> Path:
    """``frame`` as UTF-8 CSV (header, no index, ``\n`` line ends, empty cell for a missing
    value); refused if a cell would run as a formula."""
    text = frame.to_csv(index=False, lineterminator="\n", na_rep="")
    _refuse_formulas(list(csv.reader(io.StringIO(text, newline=""))), path.name)
    return _replace(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))


def write_flat_xlsx(frame: pd.DataFrame, dictionary: pd.DataFrame, path: Path) -> Path:
    """A workbook: sheet ``findings`` (``frame``), ``data dictionary`` (one row per column of
    it) and ``about`` (source, licence, citation)."""
    about = pd.DataFrame(
        {
            "item": ["what", "source", "licence", "columns"],
            "value": [
                "One row per finding of the review, errata applied; multi-valued cells are "
                "joined by '; '.",
                CITATION,
                "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
                "See the sheet 'data dictionary'.",
            ],
        }
    )

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name="findings", index=False)
            dictionary.to_excel(writer, sheet_name="data dictionary", index=False)
            about.to_excel(writer, sheet_name="about", index=False)
            sheet = writer.sheets["findings"]
            sheet.freeze_panes = "B2"
            sheet.auto_filter.ref = sheet.dimensions
            inert_workbook(writer.book)

    return _replace(path, write)


def package_entries(data_dir: Path = paths.DATA_DIR) -> list[tuple[Path, bytes]]:
    """(path inside data/, bytes) of every file of the package, each read as a real file; a
    CSV with a cell a spreadsheet would run is refused (:class:`ExportRefused`)."""
    entries = []
    for rel in package_files(data_dir):
        data = read_regular(data_dir / rel, data_dir)
        if rel.suffix == ".csv":
            text = data.decode("utf-8", errors="replace")
            _refuse_formulas(list(csv.reader(io.StringIO(text, newline=""))), f"data/{rel}")
        entries.append((rel, data))
    return entries


def write_package_zip(path: Path, data_dir: Path = paths.DATA_DIR) -> Path:
    """The data package as one zip (see the module docstring); entries sorted, fixed dates."""
    entries = [(rel.as_posix(), data) for rel, data in package_entries(data_dir)]
    entries.append(("README.md", package_readme(data_dir).encode("utf-8")))

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in sorted(entries):
                info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)

    return _replace(path, write)


def write_exports(out_dir: Path, data_dir: Path = paths.DATA_DIR) -> dict[str, Path]:
    """Validate the data, then write the flat CSV, the workbook and the zip into ``out_dir``."""
    validate(data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    flat = findings_flat(data_dir)
    return {
        FLAT_CSV: write_flat_csv(flat, out_dir / FLAT_CSV),
        FLAT_XLSX: write_flat_xlsx(flat, flat_dictionary(data_dir), out_dir / FLAT_XLSX),
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
