"""Checks on the data files that their Table Schemas cannot express.

Data are untrusted input (anyone may propose an edit), so before the schemas are checked each
CSV is read as text and refused, with file, row, column and a shortened value, when

- it is not UTF-8 (the row and column of the first bad byte are named) or not well-formed CSV
  (a stray quote that a lenient reader would silently drop);
- a cell starts with ``=``, ``+``, ``@``, tab or carriage return, or with ``-`` other than a
  lone ``-`` placeholder or a negative number: a spreadsheet would run it as a formula (OWASP
  "CSV injection"), and the book offers every file for download;
- a cell holds a control character (NUL and the rest of C0 except a newline inside a quoted
  cell, DEL, C1), a bidirectional control (U+202A-U+202E, U+2066-U+2069, marks) or a
  zero-width character (U+200B-U+200D, U+2060, U+FEFF): text that reads other than it is;
- a cell has leading or trailing whitespace (invisible, and it changes how text renders);
- a resource has no rows, unless its description says ``"x-may-be-empty": true``.

After the schemas pass: every integer column named ``*_line`` must point into
``data/source/review.txt``, whose SHA-256 must equal the one recorded in
``data/source/review.txt.sha256``; every erratum must match exactly one cell.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from exobone.data import paths
from exobone.data.errors import shorten
from exobone.data.schema import primary_key

#: a cell starting with one of these would be run as a formula by a spreadsheet
FORMULA_START = ("=", "+", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
# C0 except newline, DEL, C1
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# bidirectional controls (they reorder how text reads: "Reviewer \u202edetcejer" shows as
# "Reviewer rejected") and zero-width characters (invisible, they split or join words)
_HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_HIDDEN_NAMES = {
    **{c: "bidirectional control character" for c in "\u061c\u200e\u200f"},
    **{chr(c): "bidirectional control character" for c in range(0x202A, 0x202F)},
    **{chr(c): "bidirectional control character" for c in range(0x2066, 0x206A)},
    **{c: "zero-width character" for c in "\u200b\u200c\u200d\u2060\ufeff"},
}
#: a resource description may allow an empty file with this property
MAY_BE_EMPTY = "x-may-be-empty"
#: joins the several values of one finding in one cell of the flat table (findings_flat.csv)
LIST_SEPARATOR = "; "
#: a field whose values are joined that way, so a value must not hold the separator itself
NO_LIST_SEPARATOR = "x-no-list-separator"
REVIEW_TEXT = paths.SOURCE_TEXT.relative_to(paths.DATA_DIR)
REVIEW_HASH = REVIEW_TEXT.with_name(REVIEW_TEXT.name + ".sha256")

Records = list[list[str]]


def rel_name(path: Path, data_dir: Path) -> str:
    """``data/<path inside the data folder>``, as messages name files."""
    return f"data/{path.relative_to(data_dir).as_posix()}"


def _where(rel: str, row: int) -> str:
    return f"{rel}, row {row}" + (" (header)" if row == 1 else "")


def _column(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else f"#{index + 1}"


def _position(rel: str, prefix: str) -> str:
    """'file, row R, column C' of the character that follows ``prefix`` (the file's text up
    to it), rows and columns as counted in the file."""
    rows = list(csv.reader(io.StringIO(prefix, newline="")))
    if not rows or prefix.endswith(("\n", "\r")):
        row, col = len(rows) + 1, 0
    else:
        row, col = len(rows), max(len(rows[-1]) - 1, 0)
    header = rows[0] if rows and row > 1 else []
    return f"{_where(rel, row)}, column {_column(header, col)!r}"


def _decode_problem(rel: str, data: bytes, err: UnicodeDecodeError) -> str:
    """Where the first byte that is not UTF-8 sits."""
    where = _position(rel, data[: err.start].decode("utf-8"))
    return f"{where}: byte 0x{data[err.start]:02x} is not UTF-8 (save the file as UTF-8)"


def read_records(path: Path, rel: str) -> tuple[Records | None, list[str]]:
    """All records of a CSV file (header first), read strictly, or None and the problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [_decode_problem(rel, data, err)]
    lone_cr = re.search(r"\r(?!\n)", text)
    if lone_cr:  # a line break to a spreadsheet, a character to a CSV reader: refuse both
        where = _position(rel, text[: lone_cr.start()])
        return None, [f"{where}: carriage return without line feed (control character U+000D)"]
    records: Records = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            records.append(record)
    except csv.Error as err:
        return None, [
            f"{_where(rel, len(records) + 1)}: not well-formed CSV ({err}); a cell holding a "
            'quote is quoted whole with the quote doubled: "a ""b"" c"'
        ]
    return records, []


def formula_problem(cell: str) -> str:
    """Why a spreadsheet would run ``cell`` as a formula, or '' if it would not."""
    if cell.startswith(FORMULA_START) or (
        cell.startswith("-") and cell != "-" and not _NEGATIVE_NUMBER.fullmatch(cell)
    ):
        return (
            f"starts with {cell[0]!r}, which a spreadsheet runs as a formula (CSV injection); "
            "start the text differently"
        )
    return ""


def cell_problem(cell: str) -> str:
    """Why ``cell`` cannot be rendered honestly, or '' if it can."""
    formula = formula_problem(cell)
    if formula:
        return formula
    hidden = _HIDDEN.search(cell)
    if hidden:
        return (
            f"{_HIDDEN_NAMES.get(hidden.group(), 'invisible formatting character')} "
            f"U+{ord(hidden.group()):04X} at position {hidden.start() + 1}: it changes how the "
            "text reads without showing itself; delete it"
        )
    bad = _CONTROL.search(cell)
    if bad:
        return f"control character U+{ord(bad.group()):04X} at position {bad.start() + 1}"
    if cell != cell.strip():
        return "leading or trailing whitespace"
    return ""


def record_problems(rel: str, records: Records, may_be_empty: bool = False) -> list[str]:
    """Problems of the cells of one file, and of a file without rows."""
    if not records:
        return [f"{rel}: empty file (not even a header)"]
    header = records[0]
    problems = []
    for row, record in enumerate(records, 1):
        for index, cell in enumerate(record):
            why = cell_problem(cell)
            if why:
                column = _column(header, index)
                problems.append(
                    f"{_where(rel, row)}, column {column!r}, value {shorten(cell)}: {why}"
                )
    if len(records) == 1 and not may_be_empty:
        problems.append(f"{rel}: no rows, only a header (this resource must not be empty)")
    return problems


def separator_problems(rel: str, schema: dict, records: Records) -> list[str]:
    """Values of fields marked ``x-no-list-separator`` that hold '; ': the flat table joins
    several such values in one cell with it, so the value could not be told apart."""
    if not records:
        return []
    header = records[0]
    marked = {f["name"] for f in schema.get("fields", []) if f.get(NO_LIST_SEPARATOR)}
    problems = []
    for index, name in enumerate(header):
        if name not in marked:
            continue
        for row, record in enumerate(records[1:], 2):
            if index < len(record) and LIST_SEPARATOR in record[index]:
                problems.append(
                    f"{_where(rel, row)}, column {name!r}, value {shorten(record[index])}: "
                    f"holds {LIST_SEPARATOR!r}, which separates values in findings_flat.csv "
                    "(write ';' without the space, or ',')"
                )
    return problems


def review_text_problems(data_dir: Path) -> list[str]:
    """The review text must be the one whose SHA-256 is recorded next to it."""
    text, recorded = data_dir / REVIEW_TEXT, data_dir / REVIEW_HASH
    for path in (text, recorded):
        if not path.is_file():
            return [f"{rel_name(path, data_dir)}: file not found"]
    expected = (recorded.read_text(encoding="utf-8").split() or [""])[0].lower()
    actual = hashlib.sha256(text.read_bytes()).hexdigest()
    if actual == expected:
        return []
    return [
        f"{rel_name(text, data_dir)}: SHA-256 {actual[:12]}… differs from the "
        f"{shorten(expected, 20)} recorded in {rel_name(recorded, data_dir)}: the review text "
        "must not change (corrections go to data/errata.csv)"
    ]


def review_line_count(data_dir: Path) -> int:
    return len((data_dir / REVIEW_TEXT).read_text(encoding="utf-8").splitlines())


def line_problems(
    rel: str, schema: dict, records: Records, n_lines: int, review: str = "data/source/review.txt"
) -> list[str]:
    """Every integer column named ``*_line`` must be a line of the review text."""
    header = records[0]
    columns = [
        header.index(f["name"])
        for f in schema["fields"]
        if f.get("type") == "integer" and f["name"].endswith("_line") and f["name"] in header
    ]
    problems = []
    for row, record in enumerate(records[1:], 2):
        for index in columns:
            value = record[index] if index < len(record) else ""
            if value and not 1 <= int(value) <= n_lines:
                problems.append(
                    f"{_where(rel, row)}, column {header[index]!r}, value {shorten(value)}: "
                    f"not a line of {review} (it has {n_lines} lines)"
                )
    return problems


def errata_problems(
    errata: Records, tables: dict[str, tuple[dict, Records]], rel: str = "data/errata.csv"
) -> list[str]:
    """Every erratum must apply to exactly one cell: its record (by primary key) must exist
    once and its published text must occur once in the cell ('' means the cell is empty).

    ``tables``: file path inside data/ -> (schema, records) of each resource.
    """
    header = errata[0]
    problems = []
    for row, record in enumerate(errata[1:], 2):
        e = dict(zip(header, record, strict=False))
        where = f"{rel}, row {row} ({e.get('erratum_id', '')})"
        if e["file"] not in tables:
            problems.append(f"{where}, column 'file', value {shorten(e['file'])}: not a data file")
            continue
        schema, records = tables[e["file"]]
        names = records[0]
        key = [names.index(k) for k in primary_key(schema)]
        hits = [r for r in records[1:] if "|".join(r[i] for i in key) == e["record_id"]]
        if len(hits) != 1:
            problems.append(
                f"{where}, column 'record_id', value {shorten(e['record_id'])}: "
                f"matches {len(hits)} rows of data/{e['file']}"
            )
            continue
        if e["column"] not in names:
            problems.append(
                f"{where}, column 'column', value {shorten(e['column'])}: no such column"
            )
            continue
        cell = hits[0][names.index(e["column"])]
        count = int(cell == "") if e["published"] == "" else cell.count(e["published"])
        if count != 1:
            problems.append(
                f"{where}, column 'published', value {shorten(e['published'])}: occurs {count} "
                f"times in data/{e['file']} row {e['record_id']} column {e['column']} "
                f"({shorten(cell)})"
            )
    return problems
