"""The review's references for reference managers: BibTeX and RIS, all of them and by page.

Both are written from the same frame, ``data/generated/references.csv`` (loaded and validated),
with the same keys (``ref001`` … ``ref213``, the review's numbers): BibTeX by
:func:`exobone.parse.references.to_bibtex` (the file the book's bibliography is built from),
RIS by ``rispy`` (Zotero, EndNote, Mendeley import it). A page's own file holds only the
references that page cites.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import rispy

from exobone.data import paths
from exobone.data.load import load
from exobone.parse.references import to_bibtex

ALL_BIB = "references.bib"
ALL_RIS = "references.ris"
#: RIS reference types of the entry types the parser gives
RIS_TYPES = {"article": "JOUR", "incollection": "CHAP"}


def ref_key(ref_id: int) -> str:
    """The citation key of a reference, equal in the .bib and the .ris: 'ref007'."""
    return f"ref{int(ref_id):03d}"


def _one_line(value) -> str:
    """Text for one RIS line (a line break would end the tag early)."""
    return "" if pd.isna(value) else re.sub(r"\s+", " ", str(value)).strip()


def _people(names: str) -> list[str]:
    """'Hunter DJ, Bierma-Zeinstra S' -> ['Hunter, DJ', 'Bierma-Zeinstra, S']."""
    people = []
    for name in (n.strip() for n in _one_line(names).split(",") if n.strip()):
        surname, _, initials = name.rpartition(" ")
        people.append(f"{surname}, {initials}" if surname else initials)
    return people


def ris_entry(row) -> dict:
    """One reference as a rispy entry (empty fields left out)."""
    entry = {
        "type_of_reference": RIS_TYPES[row.entry_type],
        "id": ref_key(row.ref_id),
        "authors": _people(row.authors),
        "title": _one_line(row.title),
        "journal_name": _one_line(row.journal),
        "secondary_title": _one_line(row.book_title),
        "secondary_authors": _people(row.editors),
        "publisher": _one_line(row.publisher),
        "place_published": _one_line(row.place),
        "year": _one_line(row.year),
        "volume": _one_line(row.volume),
        "number": _one_line(row.issue),
        # the pages as the review prints them ("1745-59"): SP holds the range, no end page is
        # made up from an abbreviated one
        "start_page": _one_line(row.pages),
        "notes": [
            f"Reference {int(row.ref_id)} of Wang et al. 2024 (line {int(row.source_line)} of "
            "its text)" + ("; the review lists more authors (et al.)" if row.has_et_al else "")
        ],
    }
    return {key: value for key, value in entry.items() if value not in ("", [])}


class _RisWriter(rispy.RisWriter):
    """RIS without rispy's numbered line ('1.') before each entry, which some importers read
    as part of the previous entry."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(frame: pd.DataFrame) -> str:
    """RIS text of every row of ``frame`` (the references table), in the review's order."""
    entries = [ris_entry(row) for row in frame.sort_values("ref_id").itertuples(index=False)]
    return rispy.dumps(entries, implementation=_RisWriter)


def page_file(docname: str) -> str:
    """The .bib file of one page's cited references: 'notebooks/01_x' -> '01_x.bib'."""
    return Path(docname).name + ".bib"


def write_reference_files(
    out_dir: Path, cited: dict[str, list[int]], data_dir: Path = paths.DATA_DIR
) -> dict[str, Path]:
    """Write ``references.bib``, ``references.ris`` and one .bib per page of ``cited`` (page
    -> the reference numbers it cites) into ``out_dir``; return name -> path."""
    frame = load("references", data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {ALL_BIB: to_bibtex(frame), ALL_RIS: to_ris(frame)}
    for docname, ref_ids in cited.items():
        texts[page_file(docname)] = to_bibtex(frame[frame["ref_id"].isin(ref_ids)])
    written = {}
    for name, text in texts.items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written[name] = path
    return written
