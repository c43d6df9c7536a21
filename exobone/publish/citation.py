"""How to cite the book and the review it is built on, from ``CITATION.cff``.

``CITATION.cff`` (Citation File Format 1.2.0, validated with ``cffconvert --validate``) is the one
place the book's citation is written; the introduction's "How to cite" is made from it at build
time (:mod:`exobone.sphinxext.cite`). The repository's address is not in the file: it is the
``exobone_repository_url`` setting of ``_config.yml``, passed here as ``url`` and left out of
the citation when it is empty.

The review is cited with what its text gives (authors, title, year, dates); what the text does
not give (its journal, its DOI) is reported by :func:`review_missing`, never filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from exobone.data import paths
from exobone.parse.references import bibtex_escape

#: fields a journal article's citation needs that CITATION.cff may lack for the review
REVIEW_FIELDS_WANTED = {"journal": "Journal", "doi": "DOI"}


def read_citation(path: Path = paths.CITATION_FILE) -> dict:
    """The parsed ``CITATION.cff``."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _person(author: dict, initials: bool) -> str:
    if "name" in author:  # an entity (a team)
        return author["name"]
    given = author.get("given-names", "")
    if initials:
        given = "".join(part[0] for part in re.split(r"[\s-]+", given) if part)
    return f"{author['family-names']} {given}".strip()


def _authors(cff: dict, initials: bool = True) -> str:
    return ", ".join(_person(a, initials) for a in cff["authors"])


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _long_date(value) -> str:
    day = _date(value)
    return f"{day.day} {day:%B %Y}"


def book_citation(cff: dict, url: str = "") -> str:
    """The book's citation as one line of text (authors, year, title, version, address)."""
    year = _date(cff["date-released"]).year
    text = f"{_authors(cff)} ({year}). {cff['title']} (version {cff['version']})."
    return f"{text} {url}" if url else text


def bibtex_key(cff: dict) -> str:
    """'exobone-book-1.0.0' style key: stable for one version."""
    return "exobone-book-" + re.sub(r"[^0-9A-Za-z.]+", "-", str(cff["version"]))


def book_bibtex(cff: dict, url: str = "") -> str:
    """The book's BibTeX entry (``@misc``); a team's name is braced so it stays one name."""
    released = _date(cff["date-released"])
    names = " and ".join(
        "{" + bibtex_escape(a["name"]) + "}"
        if "name" in a
        else bibtex_escape(f"{a['family-names']}, {a.get('given-names', '')}".strip(", "))
        for a in cff["authors"]
    )
    fields = [
        ("author", names),
        ("title", "{" + bibtex_escape(cff["title"]) + "}"),
        ("year", str(released.year)),
        ("version", bibtex_escape(str(cff["version"]))),
        ("note", f"Version {bibtex_escape(str(cff['version']))}, released {released.isoformat()}"),
    ]
    if url:
        fields.append(("url", url))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{bibtex_key(cff)},\n{body}}}\n"


def review(cff: dict) -> dict:
    """The review the book is built on: the first entry of ``references``."""
    return cff["references"][0]


def review_citation(cff: dict) -> str:
    """The review's citation (Vancouver style, as the review cites others) from what its
    text gives; journal and DOI are added only when CITATION.cff has them."""
    ref = review(cff)
    text = f"{_authors(ref)}. {ref['title']}. "
    if ref.get("journal"):
        text += f"{ref['journal']}. "
    text += f"{ref['year']}"
    if ref.get("date-published"):
        text += f" (published online {_long_date(ref['date-published'])})"
    text += "."
    if ref.get("doi"):
        text += f" doi:{ref['doi']}"
    if ref.get("license"):
        text += f" Licensed {ref['license']}."
    return text


def review_missing(cff: dict) -> list[str]:
    """What a journal citation of the review needs and CITATION.cff does not give ('Journal',
    'DOI'): shown as missing, never guessed."""
    ref = review(cff)
    return [label for key, label in REVIEW_FIELDS_WANTED.items() if not ref.get(key)]
