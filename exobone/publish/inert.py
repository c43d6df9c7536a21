"""Writers that cannot be turned against a reader: no formula, no link followed, no half file.

- :func:`formula_cells` / :class:`ExportRefused`: a cell a spreadsheet would run refuses the
  export (one line: where and why);
- :func:`inert_workbook`: every string of a workbook stays text (Excel's quote prefix);
- :func:`replace_file`: written to a temporary file and renamed (a link there is replaced);
- :func:`fixed_zip_bytes`: a zip (a workbook) with fixed dates, so the same data give the same
  bytes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from exobone.data.checks import formula_problem
from exobone.data.errors import shorten

#: a fixed time stamp for zip entries: the day the review was published online (25 January 2024)
ZIP_DATE = (2024, 1, 25, 0, 0, 0)


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


def refuse_formulas(records, where: str) -> None:
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


def replace_file(path: Path, write) -> Path:
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


_CORE_DATES = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_zip_bytes(data: bytes, date_time=ZIP_DATE, stamp: str | None = None) -> bytes:
    """A zip (such as a workbook) rewritten with every entry dated ``date_time``, in the same
    order; ``stamp`` (ISO date-time) replaces the document's created and modified dates in
    ``docProps/core.xml``, which openpyxl sets to the time of writing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if stamp and item.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rf"\g<1>{stamp}\g<3>", content.decode()).encode()
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()
