"""A study added twice, or one of the review's own references added again, is refused.

``add-study`` compares the new ``[reference]`` with every added reference (same DOI, same
PMID, or the same title and year) and with the review's reference list (same title and year);
titles are compared without case, punctuation or spacing.
"""

from __future__ import annotations

import re
from pathlib import Path

from exobone.curate.study_input import csv_value
from exobone.data.load import read_unvalidated


def _title_key(title: str) -> str:
    """A title as compared for duplicates: case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", str(title).casefold()).split())


def _doi_key(doi: str) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", str(doi).strip().casefold())


def duplicate_problems(study, data_dir: Path) -> list[str]:
    """A paper already added (same DOI, PMID, or title and year) or one of the review's own
    references (same title and year): one line each."""
    ref = study.reference
    doi, pmid = _doi_key(ref.doi or ""), str(ref.pmid or "")
    title = _title_key(ref.title)
    year = csv_value(getattr(ref, "year", ""))
    found = []
    for r in read_unvalidated("added_references", data_dir).itertuples(index=False):
        same = [
            what
            for what, hit in (
                ("DOI", doi and _doi_key(r.doi) == doi),
                ("PMID", pmid and str(r.pmid) == pmid),
                ("title and year", title == _title_key(r.title) and year == str(r.year)),
            )
            if hit
        ]
        if same:
            found.append(
                f"[reference]: already added as {r.ref_id} (same {', '.join(same)}) in "
                "data/added/references.csv; a study is added once (add findings to it by hand)"
            )
    for r in read_unvalidated("references", data_dir).itertuples(index=False):
        if title == _title_key(r.title) and year == str(r.year):
            found.append(
                f"[reference]: is the review's own reference [{r.ref_id}] (same title and "
                "year); the review's references are cited by their number, not added"
            )
    return found
