"""The review's abbreviation list as a glossary, and the abbreviations its tables leave undefined.

- :func:`glossary_terms`: the corrected list (errata applied, OCR debris dropped), one row per
  term, refusing duplicate terms (Sphinx would reject two glossary entries that differ only in
  case).
- :func:`undefined_table_terms`: abbreviations in Tables 1-5 that neither the glossary nor the
  curated list ``abbreviations_missing.csv`` accounts for (a cross-check of that list).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import apply_errata, load, load_corrected

TABLE_COLUMNS = ["cell_source", "exosome_cargo", "cargo_function", "role_in_bone"]


class GlossaryError(ValueError):
    """The abbreviation list cannot become a glossary (duplicate or empty terms)."""


# --- the glossary ---------------------------------------------------------------------------


def glossary_from_abbreviations(abbreviations: pd.DataFrame) -> pd.DataFrame:
    """Glossary rows from a (corrected) abbreviations frame: entries only, sorted.

    Columns: term, definition, abbr_id, source_line; sorted case-insensitively by term.
    Raises GlossaryError naming every term that occurs twice (ignoring case, as Sphinx does)
    and every entry left without a term or definition.
    """
    entries = abbreviations[abbreviations["status"] == "entry"].copy()
    entries["term"] = entries["term"].fillna("").str.strip()
    entries["definition"] = entries["definition"].fillna("").str.strip()
    empty = entries[(entries["term"] == "") | (entries["definition"] == "")]
    if len(empty):
        ids = ", ".join(str(i) for i in empty["abbr_id"])
        raise GlossaryError(f"abbreviation entries without a term or definition: abbr_id {ids}")
    folded = entries["term"].str.casefold()
    duplicated = entries[folded.duplicated(keep=False)]
    if len(duplicated):
        names = sorted(set(duplicated["term"]), key=lambda t: (t.casefold(), t))
        raise GlossaryError("duplicate glossary terms: " + ", ".join(names))
    entries["_key"] = folded
    entries = entries.sort_values(["_key", "term"])
    return entries[["term", "definition", "abbr_id", "source_line"]].reset_index(drop=True)


def glossary_terms(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """The review's abbreviation list with the errata applied and OCR debris left out."""
    return glossary_from_abbreviations(load_corrected("abbreviations", data_dir))


def glossary_repairs(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Errata applied to the abbreviation list, with the corrected term of the row they fix.

    Columns: erratum_id, term (corrected), column, published, corrected, kind, lookalikes
    (non-Latin letters in the published text that pass for Latin ones, see
    :func:`lookalikes`); in erratum order.
    """
    abbreviations = load("abbreviations", data_dir)
    corrected, applied = apply_errata(abbreviations, "abbreviations", data_dir)
    term_of = dict(zip(corrected["abbr_id"].astype(str), corrected["term"], strict=True))
    out = applied.assign(
        term=applied["record_id"].map(term_of), lookalikes=applied["published"].map(lookalikes)
    )
    return out[["erratum_id", "term", "column", "published", "corrected", "kind", "lookalikes"]]


def lookalikes(text: str) -> str:
    """Name the Greek and Cyrillic letters of ``text``, which print like Latin ones but are
    different characters: 'ΤCΡ' -> 'Greek Τ, Ρ'. Empty if there are none."""
    scripts: dict[str, list[str]] = {}
    for char in str(text):
        name = unicodedata.name(char, "")
        script = name.split(" ")[0]
        if (
            char.isalpha()
            and script in {"GREEK", "CYRILLIC"}
            and char not in scripts.get(script, [])
        ):
            scripts.setdefault(script, []).append(char)
    return "; ".join(f"{s.capitalize()} {', '.join(chars)}" for s, chars in scripts.items())


# --- abbreviations of Tables 1-5 that nothing defines ---------------------------------------

_SPLIT = re.compile(r"[\s,;()/]+")
_ISOFORMS = re.compile(r"(?<=[A-Za-z])\d+/\d+\b")  # Erk1/2 -> Erk
_SUFFIXES = re.compile(r"-(induced|mediated|related|associated|dependent|derived)$")
_SUBSCRIPTS = re.compile(r"[\u2080-\u2089]")
_SPELLED_OUT = re.compile(r"[a-z]{4,}[A-Z]")


def is_abbreviation(token: str) -> bool:
    """Looks like an abbreviation: a capital letter after the first character (BMSC, miR,
    RhoA) or letters mixed with digits (NF2, Smad4). Words capitalised only at the start
    (Osteoblast, Akt), words of four or more lower-case letters before a capital (microRNAs,
    spelled out) and formulas with subscript digits (H2O2) do not count."""
    if not token or _SUBSCRIPTS.search(token) or _SPELLED_OUT.match(token):
        return False
    has_letter = any(c.isalpha() for c in token)
    mixed = has_letter and any(c.isdigit() for c in token)
    return has_letter and (mixed or any(c.isupper() for c in token[1:]))


def table_terms(rows: pd.DataFrame) -> pd.DataFrame:
    """Abbreviation-like tokens of the table cells, with the first row that uses each.

    ``rows`` is the corrected table_rows frame. Tokens are cut at spaces, commas, semicolons,
    brackets and slashes; isoform ranges (Erk1/2) become the base name, trailing English
    suffixes (-induced, -related ...) and final dots are dropped, 'X-to-Y' gives X and Y, and
    every miR-... name counts as 'miR'. Columns: term, row_id; in first-use order.
    """
    seen: dict[str, str] = {}
    for row in rows.sort_values(["table_no", "position"]).itertuples(index=False):
        for column in TABLE_COLUMNS:
            text = _ISOFORMS.sub("", str(getattr(row, column)))
            for raw in _SPLIT.split(text):
                for token in raw.strip(".:").split("-to-"):
                    token = _SUFFIXES.sub("", token.strip(".:"))
                    if token.startswith("miR-"):
                        token = "miR"
                    if is_abbreviation(token) and token not in seen:
                        seen[token] = row.row_id
    return pd.DataFrame({"term": list(seen), "row_id": list(seen.values())}, dtype=str)


def _key(term: str) -> str:
    return re.sub(r"[\s-]", "", term).casefold()


def _variants(term: str) -> set[str]:
    """Spellings that count as the same abbreviation: case, hyphens and spaces ignored, a
    plural 's' after a capital dropped (BMSCs ~ BMSC), and '-Exos' compounds also define
    their cell source (ucMSC-Exos defines ucMSC)."""
    out = {_key(term)}
    base = re.sub(r"-Exos$", "", term)
    out.add(_key(base))
    for t in (term, base):
        if re.search(r"[A-Z0-9]s$", t):
            out.add(_key(t[:-1]))
    return out


def undefined_table_terms(
    rows: pd.DataFrame, glossary: Iterable[str], missing: Iterable[str]
) -> pd.DataFrame:
    """Table abbreviations that neither the glossary nor the curated missing list accounts for.

    ``rows``: corrected table_rows; ``glossary``: glossary terms; ``missing``: terms of
    abbreviations_missing.csv. A hyphenated token (LncRNA-MALAT1) counts as accounted for if
    the whole token is, or else each abbreviation-like part. Columns: term, row_id.
    """
    known: set[str] = set()
    for term in [*glossary, *missing]:
        known |= _variants(term)

    def covered(token: str) -> bool:
        if _variants(token) & known:
            return True
        parts = [p for p in token.split("-") if is_abbreviation(p)]
        return len(parts) > 1 and all(_variants(p) & known for p in parts)

    used = table_terms(rows)
    return used[~used["term"].map(covered)].reset_index(drop=True)


def table_rows_corrected(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Tables 1-5 rows with the errata applied (the text the tables print after correction)."""
    return load_corrected("table_rows", data_dir)
