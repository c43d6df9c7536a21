"""Parse the review's reference list into a table and a BibTeX file.

``python -m exobone generate`` writes both (``data/generated/references.csv`` and
``book/generated/references.bib``) from ``data/source/review.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

HEADING = "#### References"
N_REFERENCES = 213

COLUMNS = [
    "ref_id",
    "entry_type",
    "authors",
    "first_author_surname",
    "has_et_al",
    "title",
    "journal",
    "book_title",
    "editors",
    "publisher",
    "place",
    "year",
    "volume",
    "issue",
    "pages",
    "number_in_text",
    "source_line",
    "raw",
]
#: the columns that hold text from the entry (empty string when the entry has none)
TEXT_FIELDS = [
    c
    for c in COLUMNS
    if c
    not in {"ref_id", "entry_type", "has_et_al", "year", "number_in_text", "source_line", "raw"}
]

BULLET = re.compile(r"^\s*-\s+(?P<body>.*\S)\s*$")
LEADING_NUMBER = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>.*)$")
# A surname (possibly with particles) followed by capital initials, as at
# the start of an author list: "Meng FY,", "Kim D-K,", "van Niel G.".
AUTHOR_START = r"[A-Za-z][\w'’-]*(?: [\w'’-]+)* [A-Z]{1,4}(?:-[A-Z])?[,.]"
# "...1745-59. 2. Meng FY, ..." -> a second numbered entry inside a bullet.
MERGED_NUMBER = re.compile(rf"(?<=\.)\s+(?P<num>\d{{1,3}})\.\s+(?={AUTHOR_START})")
# "Adipose-6. secreted", "biogenesis 8. and": a margin number dropped into
# running text, recognised by the lower-case word that follows it.
MID_NUMBER = re.compile(r"(?<=[\s-])(?P<num>\d{1,3})\.\s+(?=[a-z])")

AUTHORS = re.compile(r"^(?P<authors>[^.]+?)(?P<etal>,\s*et al)?\.\s+(?P<rest>.+)$")
ARTICLE = re.compile(
    r"^(?P<title>.+?[.?!])\s+(?P<journal>[^.?!]+?)\.\s+"
    r"(?P<year>(?:19|20)\d{2});(?P<volume>[^:;()]+)?"
    r"(?:\((?P<issue>[^)]+)\))?[:;](?P<pages>[^\s:;]+?)\.?$"
)
CHAPTER = re.compile(
    r"^(?P<title>.+?)\.\s+In:\s+(?P<editors>.+?),\s+editors?\.\s+"
    r"(?P<book_title>.+?)(?:,\s+vol\.\s+(?P<volume>[^.]+))?\.\s+"
    r"(?P<place>[^.:;]+):\s+(?P<publisher>[^;]+);\s+"
    r"(?P<year>(?:19|20)\d{2})\.\s+p\.\s+(?P<pages>\S+?)\.?$"
)


@dataclass(frozen=True)
class Entry:
    """One reconstructed reference with its provenance."""

    ref_id: int
    text: str
    source_line: int
    number_position: str = ""  # "leading", "mid" or "" (number inferred)

    @property
    def number_in_text(self) -> str:
        """'explicit' when the review prints the number, else 'inferred'."""
        return "explicit" if self.number_position else "inferred"


def normalise_layout(text: str) -> str:
    """Undo OCR layout artefacts: markdown escapes, line-break spaces."""
    text = text.replace("\\_", "_")
    text = re.sub(r"(?<=\S)([_/])\s+(?=\S)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _bullets(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Group lines into (start line, text); bare lines continue a bullet."""
    bullets: list[list] = []
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        match = BULLET.match(line)
        if match:
            bullets.append([number, match["body"]])
        elif bullets:
            bullets[-1][1] += " " + line.strip()
        else:
            raise ValueError(f"line {number}: text before the first bullet")
    return [(start, text) for start, text in bullets]


def _pieces(text: str) -> list[tuple[int | None, str]]:
    """Split one bullet into (leading number or None, text) pieces."""
    parts = MERGED_NUMBER.split(text)
    first = LEADING_NUMBER.match(parts[0])
    pieces = [(int(first["num"]), first["rest"]) if first else (None, parts[0])]
    for num, rest in zip(parts[1::2], parts[2::2], strict=True):
        pieces.append((int(num), rest))
    return pieces


def _check(number: int, position: int, kind: str, line: int) -> None:
    """Raise if an explicit number disagrees with the running position."""
    if number != position:
        raise ValueError(
            f"checkpoint {number} ({kind}) on line {line} falls at "
            f"reconstructed position {position}"
        )


def _strip_mid_number(text: str, position: int, line: int) -> tuple[str, bool]:
    """Remove a mid-entry margin number, checking it as a checkpoint."""
    matches = list(MID_NUMBER.finditer(text))
    if not matches:
        return text, False
    if len(matches) > 1:
        raise ValueError(f"line {line}: several mid-entry numbers in {text!r}")
    _check(int(matches[0]["num"]), position, "mid-entry", line)
    return text[: matches[0].start()] + text[matches[0].end() :], True


def split_entries(lines: list[str], first_line: int = 1) -> list[Entry]:
    """Rebuild the numbered entries from the reference-block lines.

    ``first_line`` is the 1-based file line number of ``lines[0]``.
    """
    entries: list[Entry] = []
    for start, bullet in _bullets(lines, first_line):
        for number, text in _pieces(bullet):
            position = len(entries) + 1
            if number is not None:
                _check(number, position, "leading", start)
                where = "leading"
            else:
                text, found = _strip_mid_number(text, position, start)
                where = "mid" if found else ""
            entries.append(Entry(position, normalise_layout(text), start, where))
    return entries


def _split_authors(text: str) -> tuple[str, bool, str]:
    """Return (authors, has_et_al, remainder) from the start of an entry."""
    match = AUTHORS.match(text)
    if not match:
        raise ValueError(f"no author list found in {text!r}")
    return match["authors"].strip(), bool(match["etal"]), match["rest"]


def _surname(authors: str) -> str:
    """Surname of the first author: drop the trailing initials token."""
    first = authors.split(",")[0].strip()
    return first.rsplit(" ", 1)[0] if " " in first else first


def parse_entry(text: str) -> dict:
    """Split one Vancouver-style entry into fields (empty when absent)."""
    authors, has_et_al, rest = _split_authors(text)
    fields = dict.fromkeys(TEXT_FIELDS, "")
    fields.update(
        authors=authors,
        first_author_surname=_surname(authors),
        has_et_al=has_et_al,
        year=None,
    )
    chapter = CHAPTER.match(rest)
    article = None if chapter else ARTICLE.match(rest)
    match = chapter or article
    if match is None:
        raise ValueError(f"cannot parse entry {text!r}")
    found = {k: (v or "").strip() for k, v in match.groupdict().items()}
    found["title"] = found["title"].removesuffix(".")
    fields["year"] = int(found.pop("year"))
    fields.update(found)
    fields["entry_type"] = "incollection" if chapter else "article"
    return fields


def _block(text: str) -> tuple[list[str], int]:
    """Lines after the references heading up to the next heading."""
    lines = text.splitlines()
    try:
        start = lines.index(HEADING) + 1
    except ValueError as error:
        raise ValueError(f"heading {HEADING!r} not found") from error
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith("#")),
        len(lines),
    )
    return lines[start:end], start + 1


def parse_reference_list(text: str) -> pd.DataFrame:
    """Whole review text in, one row per reference out."""
    block, first_line = _block(text)
    rows = []
    for entry in split_entries(block, first_line):
        row = parse_entry(entry.text)
        row.update(
            ref_id=entry.ref_id,
            number_in_text=entry.number_in_text,
            source_line=entry.source_line,
            raw=entry.text,
        )
        rows.append(row)
    df = pd.DataFrame(rows, columns=COLUMNS).sort_values("ref_id")
    df["year"] = df["year"].astype("Int64")
    if df["ref_id"].tolist() != list(range(1, N_REFERENCES + 1)):
        raise ValueError(f"expected refs 1..{N_REFERENCES}, got {len(df)} rows")
    return df.reset_index(drop=True)


def bibtex_escape(value: str) -> str:
    """Escape the BibTeX/LaTeX specials { } % & #."""
    return re.sub(r"([{}%&#])", r"\\\1", value)


def _bib_names(names: str, et_al: bool = False) -> str:
    """'Hunter DJ, Bierma-Zeinstra S' -> 'Hunter, DJ and Bierma-Zeinstra, S'."""
    people = []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        surname, _, initials = name.rpartition(" ")
        people.append(f"{surname}, {initials}" if surname else initials)
    if et_al:
        people.append("others")
    return " and ".join(people)


def _bib_fields(row: pd.Series) -> list[tuple[str, str]]:
    """(BibTeX field, escaped value) pairs for one row, non-empty only."""
    title = "{" + bibtex_escape(row["title"]) + "}"
    pairs = [
        ("author", bibtex_escape(_bib_names(row["authors"], row["has_et_al"]))),
        ("title", title),
        ("journal", bibtex_escape(row["journal"])),
        ("booktitle", bibtex_escape(row["book_title"])),
        ("editor", bibtex_escape(_bib_names(row["editors"]))),
        ("publisher", bibtex_escape(row["publisher"])),
        ("address", bibtex_escape(row["place"])),
        ("year", "" if pd.isna(row["year"]) else str(row["year"])),
        ("volume", bibtex_escape(row["volume"])),
        ("number", bibtex_escape(row["issue"])),
        ("pages", bibtex_escape(row["pages"])),
        ("number_in_review", str(row["ref_id"])),
    ]
    return [(k, v) for k, v in pairs if v not in ("", "{}")]


def to_bibtex(df: pd.DataFrame) -> str:
    """Deterministic BibTeX, one entry per row, keys ref001..ref213."""
    chunks = []
    for _, row in df.sort_values("ref_id").iterrows():
        body = "".join(f"  {k} = {{{v}}},\n" for k, v in _bib_fields(row))
        chunks.append(f"@{row['entry_type']}{{ref{row['ref_id']:03d},\n{body}}}\n")
    return "\n".join(chunks)


def to_csv_text(df: pd.DataFrame) -> str:
    """The CSV text written to ``data/generated/references.csv``."""
    return df.to_csv(index=False, lineterminator="\n")
