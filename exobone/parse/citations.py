"""In-text citations of the review as data: which reference is cited on which line, where.

The review cites by number in square brackets: ``[16]``, ``[17, 18]``, ``[37-39]``,
``[87–91]``, ``[6, 11, 17, 36]``. :func:`parse_citations` turns the lines of the body into a tidy
frame with one row per (ref_id, source_line, section); ranges are expanded (``[87–91]`` is five
rows). :func:`table_citations` gives the same frame for the rows of Tables 1-5 (section
``"Table N"``), and :func:`refs_cited_in_data` collects every reference that any data file cites.

Rules for the body (what the OCR'd text needs):

- The body ends at the ``References`` heading; the abbreviation list (from its heading to the next
  heading) and every tab-separated line (table rows, tab-set captions) are skipped.
- A heading is a line starting with ``#``. Its text loses the ``#`` marks and the emphasis marks
  ``*`` / ``**``. Where the OCR merged several headings into one line (a bold heading followed
  by more headings, ``**A** B *C*``), the last one (the deepest level, directly above the text)
  is the section.
- Headings that are table captions (``Table 1 ...``) are not sections: a table floats inside a
  section and the text after it continues that section.
- Text before the first heading has section ``""``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from exobone.data import paths, reads
from exobone.data.load import load
from exobone.data.schema import resources

COLUMNS = ["ref_id", "source_line", "section"]

DASHES = "-–—−‐‑"  # hyphen-minus, en dash, em dash, minus sign, hyphen, non-breaking hyphen
_NUMBER = r"\d{1,3}"
_ITEM = rf"{_NUMBER}(?:\s*[{DASHES}]\s*{_NUMBER})?"
#: a bracket holding only numbers and ranges separated by commas or semicolons
CITATION = re.compile(rf"\[\s*(?P<body>{_ITEM}(?:\s*[,;]\s*{_ITEM})*)\s*[,;]?\s*\]")
BRACKET = re.compile(r"\[(?P<body>[^\[\]]*)\]")
HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.*\S)\s*$")
MERGED_HEADING = re.compile(r"^\*\*(?P<first>[^*]+)\*\*\s*(?P<rest>\S.*)$")
TABLE_CAPTION = re.compile(r"^Table\s+\d+\b")
BODY_END = "References"
SKIPPED_SECTIONS = {"Abbreviations"}


def _squash(text: str) -> str:
    return " ".join(text.replace("*", " ").split())


def heading_text(line: str) -> str | None:
    """Section name of a heading line (``#`` and ``*`` marks removed), or None if not a heading.

    A line the OCR merged from several headings starts with a bold heading followed by more
    text (``#### **A** B *C*``); a new heading starts at each emphasis boundary followed by a
    capital letter, and the last one is returned (``"C"``). Emphasis inside a single heading
    (``### Second *part*``) is only unmarked (``"Second part"``).
    """
    m = HEADING.match(line)
    if not m:
        return None
    text = m.group("text")
    merged = MERGED_HEADING.match(text)
    if not merged:
        return _squash(text)
    parts = [_squash(merged.group("first"))]
    for segment in map(_squash, re.split(r"\*+", merged.group("rest"))):
        if not segment:
            continue
        if segment[0].isupper():
            parts.append(segment)
        else:
            parts[-1] = f"{parts[-1]} {segment}"
    return parts[-1]


def expand(body: str, line_no: int | None = None) -> list[int]:
    """Reference numbers of a citation's inner text: ``"24, 27–29"`` -> ``[24, 27, 28, 29]``.

    Raises ValueError for a range that runs backwards (``[39-37]``).
    """
    out: list[int] = []
    for item in re.split(r"\s*[,;]\s*", body.strip().strip(",;").strip()):
        ends = [int(x) for x in re.split(rf"\s*[{DASHES}]\s*", item)]
        if len(ends) == 2 and ends[0] > ends[1]:
            where = f" on line {line_no}" if line_no else ""
            raise ValueError(f"citation range [{item}]{where} runs backwards")
        out.extend(range(ends[0], ends[-1] + 1))
    return out


def _body_lines(lines: list[str], first_line: int):
    """(line number, text, section) of every body line that may hold citations."""
    section = ""
    skipping = False
    for number, line in enumerate(lines, start=first_line):
        heading = heading_text(line)
        if heading is not None:
            if heading == BODY_END:
                return
            if TABLE_CAPTION.match(heading):
                continue
            section, skipping = heading, heading in SKIPPED_SECTIONS
            continue
        if skipping or "\t" in line:
            continue
        yield number, line, section


def parse_citations(lines: list[str], first_line: int = 1) -> pd.DataFrame:
    """Tidy frame of the citations in ``lines`` (the review's text, or part of it).

    One row per (ref_id, source_line, section), sorted by source_line then ref_id; a reference
    cited twice on one line is one row. ``source_line`` counts from ``first_line`` (1 = the
    first line given). See the module docstring for the rules on headings and skipped lines.
    """
    records = []
    for number, line, section in _body_lines(lines, first_line):
        for m in CITATION.finditer(line):
            for ref_id in expand(m.group("body"), number):
                records.append((ref_id, number, section))
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    frame = frame.drop_duplicates().sort_values(["source_line", "ref_id"], kind="stable")
    return frame.astype({"ref_id": "int64", "source_line": "int64", "section": "str"}).reset_index(
        drop=True
    )


def suspicious_brackets(lines: list[str], first_line: int = 1) -> pd.DataFrame:
    """Bracketed text in the body that holds a digit but is not a citation (e.g. OCR ``[1O]``).

    Columns source_line, text. An empty frame means every numbered bracket was parsed.
    """
    records = []
    for number, line, _ in _body_lines(lines, first_line):
        for m in BRACKET.finditer(line):
            if any(c.isdigit() for c in m.group("body")) and not CITATION.fullmatch(m.group(0)):
                records.append((number, m.group(0)))
    return pd.DataFrame.from_records(records, columns=["source_line", "text"])


def _review_lines(path: Path) -> list[str]:
    reads.text(path)
    return path.read_text(encoding="utf-8").split("\n")


def review_lines(data_dir: Path = paths.DATA_DIR) -> list[str]:
    """The lines of ``<data_dir>/source/review.txt`` (line n is ``review_lines()[n - 1]``)."""
    return _review_lines(data_dir / paths.SOURCE_TEXT.relative_to(paths.DATA_DIR))


def cited_on_line(line: str) -> set[int]:
    """Reference numbers the citations of one line cite (ranges expanded)."""
    return {r for m in CITATION.finditer(line) for r in expand(m.group("body"))}


def review_citations(path: Path = paths.SOURCE_TEXT) -> pd.DataFrame:
    """Citations in the body of the review (data/source/review.txt), as :func:`parse_citations`."""
    return parse_citations(_review_lines(path))


def review_suspicious_brackets(path: Path = paths.SOURCE_TEXT) -> pd.DataFrame:
    """:func:`suspicious_brackets` of the review's body."""
    return suspicious_brackets(_review_lines(path))


def table_citations(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Citations in the rows of the review's Tables 1-5, from table_row_refs and table_rows.

    Same columns as :func:`parse_citations`: section is ``"Table N"``, source_line the line of
    the table row in review.txt.
    """
    rows = load("table_rows", data_dir)[["row_id", "table_no", "source_line"]]
    refs = load("table_row_refs", data_dir).merge(rows, on="row_id", how="left", validate="m:1")
    frame = pd.DataFrame(
        {
            "ref_id": refs["ref_id"].astype("int64"),
            "source_line": refs["source_line"].astype("int64"),
            "section": "Table " + refs["table_no"].astype(str),
        }
    )
    frame = frame.drop_duplicates().sort_values(["source_line", "ref_id"], kind="stable")
    return frame.reset_index(drop=True)


def all_citations(path: Path = paths.SOURCE_TEXT, data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every citation of the review: its body text's (:func:`review_citations`) and its
    tables' (:func:`table_citations`), one frame."""
    return pd.concat([review_citations(path), table_citations(data_dir)], ignore_index=True)


def refs_cited_in_data(
    data_dir: Path = paths.DATA_DIR, exclude: tuple[str, ...] = ("references",)
) -> set[int]:
    """Every ref_id in any resource of the data package that has a ``ref_id`` column.

    The reference list itself (resource ``references``) is excluded: it lists, it does not cite.
    Resources are read from datapackage.json, so files added later are included automatically.
    """
    cited: set[int] = set()
    for name in resources_citing(data_dir, exclude):
        cited |= {int(r) for r in load(name, data_dir)["ref_id"].dropna()}
    return cited


def resources_citing(
    data_dir: Path = paths.DATA_DIR, exclude: tuple[str, ...] = ("references",)
) -> list[str]:
    """Names of the resources :func:`refs_cited_in_data` reads, sorted: those with an integer
    ``ref_id`` column (the review's numbering; added references, ``A1``, ``A2``, ... are not
    the review's)."""
    return sorted(
        name
        for name, res in resources(data_dir).items()
        if name not in exclude and _ref_id_type(res["schema"]) == "integer"
    )


def _ref_id_type(schema: dict) -> str | None:
    return next((f["type"] for f in schema["fields"] if f["name"] == "ref_id"), None)
