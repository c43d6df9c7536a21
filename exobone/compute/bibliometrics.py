"""The review's references in numbers: small pure functions over the reference and citation frames.

``refs`` is the ``references`` resource (ref_id, year, journal, ...; ``year`` may be missing),
``citations`` a frame of :mod:`exobone.citations` (ref_id, source_line, section) and
``table_refs`` the ``table_row_refs`` link table (row_id ``T{table}-{position:02d}``, ref_id).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from exobone.constants import PUBLICATION_YEAR, RECENT_SINCE, RECENT_UNTIL

__all__ = [
    "COVERAGE_STATUSES",
    "PUBLICATION_YEAR",
    "citation_coverage",
    "citations_per_section",
    "empty_cells",
    "empty_counts",
    "id_ranges",
    "median_age",
    "recent_share",
    "recent_share_by_table",
    "recent_share_display",
    "sections_of",
    "top_journals",
    "year_distribution",
    "year_range",
]

COVERAGE_STATUSES = ["cited in data", "cited only in prose", "not cited in the body"]


def _years(refs: pd.DataFrame) -> pd.Series:
    return refs["year"].dropna().astype("int64")


def year_distribution(refs: pd.DataFrame, fill: bool = True) -> pd.DataFrame:
    """Number of references per publication year: columns year, n_refs, sorted by year.

    References without a year are left out. With ``fill``, every year between the first and the
    last appears (0 where none was published), so the frame is exactly what a histogram with
    one bin per year shows.
    """
    years = _years(refs)
    counts = years.value_counts().sort_index()
    if fill and len(counts):
        counts = counts.reindex(range(counts.index.min(), counts.index.max() + 1), fill_value=0)
    frame = counts.rename_axis("year").reset_index(name="n_refs")
    return frame.astype({"year": "int64", "n_refs": "int64"})


def year_range(refs: pd.DataFrame) -> tuple[int, int]:
    """(earliest, latest) publication year among the references that have one."""
    years = _years(refs)
    return int(years.min()), int(years.max())


def median_age(refs: pd.DataFrame, publication_year: int = PUBLICATION_YEAR) -> float:
    """Median of ``publication_year - year`` over the references that have a year."""
    return float((publication_year - _years(refs)).median())


def citations_per_section(citations: pd.DataFrame) -> pd.DataFrame:
    """One row per section, in the order the sections appear (first citing line).

    Columns: section, first_line (first line citing in it), n_citations (distinct
    (reference, line) pairs), n_refs (distinct references).
    """
    grouped = citations.groupby("section", sort=False).agg(
        first_line=("source_line", "min"),
        n_citations=("ref_id", "size"),
        n_refs=("ref_id", "nunique"),
    )
    frame = grouped.reset_index().sort_values("first_line", kind="stable").reset_index(drop=True)
    return frame.astype({"first_line": "int64", "n_citations": "int64", "n_refs": "int64"})


def top_journals(refs: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The journals with the most references: columns journal, n_refs.

    Sorted by n_refs (descending), then journal name. References without a journal (book
    chapters) are not counted. Journals tied with the n-th are all kept, so the frame can have
    more than ``n`` rows.
    """
    journals = refs.loc[refs["journal"].fillna("") != "", "journal"]
    counts = journals.value_counts().rename_axis("journal").reset_index(name="n_refs")
    counts = counts.sort_values(["n_refs", "journal"], ascending=[False, True], kind="stable")
    if len(counts) > n:
        cutoff = counts["n_refs"].iloc[n - 1] if n > 0 else counts["n_refs"].max() + 1
        counts = counts[counts["n_refs"] >= cutoff]
    return counts.astype({"n_refs": "int64"}).reset_index(drop=True)


def recent_share_by_table(
    refs: pd.DataFrame,
    table_refs: pd.DataFrame,
    since: int = RECENT_SINCE,
    until: int = RECENT_UNTIL,
) -> pd.DataFrame:
    """Share of each review table's references published from ``since`` to ``until`` inclusive.

    With the defaults (:mod:`exobone.constants`) this is "the last five years" before the
    review's publication. Each table's distinct references are counted once (a
    reference cited by two rows of a table counts once). References without a year are counted
    in ``n_without_year`` and left out of the share's denominator.

    Columns: table_no, n_refs (distinct references), n_recent, n_without_year, share_recent
    (n_recent / (n_refs - n_without_year), <NA> if no reference has a year).
    """
    table_no = table_refs["row_id"].str.extract(r"^T(\d+)-", expand=False).astype("int64")
    links = pd.DataFrame({"table_no": table_no, "ref_id": table_refs["ref_id"]}).drop_duplicates()
    years = refs.set_index("ref_id")["year"]
    links = links.assign(year=links["ref_id"].map(years))
    links = links.assign(
        has_year=links["year"].notna(),
        recent=links["year"].between(since, until).fillna(False).astype(bool),
    )
    frame = links.groupby("table_no").agg(
        n_refs=("ref_id", "size"), n_recent=("recent", "sum"), n_with_year=("has_year", "sum")
    )
    frame["n_without_year"] = frame["n_refs"] - frame["n_with_year"]
    share = frame["n_recent"] / frame["n_with_year"].where(frame["n_with_year"] > 0)
    frame["share_recent"] = share.astype("Float64")
    frame = frame.reset_index()[
        ["table_no", "n_refs", "n_recent", "n_without_year", "share_recent"]
    ]
    return frame.astype(
        {"table_no": "int64", "n_refs": "int64", "n_recent": "int64", "n_without_year": "int64"}
    )


def citation_coverage(
    all_refs: Iterable[int], in_data: Iterable[int], in_prose: Iterable[int]
) -> pd.DataFrame:
    """Where each reference is cited: columns ref_id, in_data, in_prose, status; sorted by ref_id.

    status is "cited in data" when some data file cites it (whether or not the prose does),
    "cited only in prose" when only the review's body text cites it, and "not cited in the body"
    when neither does.
    """
    data, prose = set(in_data), set(in_prose)
    ids = sorted({int(i) for i in all_refs})
    frame = pd.DataFrame({"ref_id": pd.Series(ids, dtype="int64")})
    frame["in_data"] = frame["ref_id"].isin(data)
    frame["in_prose"] = frame["ref_id"].isin(prose)
    frame["status"] = [
        COVERAGE_STATUSES[0] if d else COVERAGE_STATUSES[1] if p else COVERAGE_STATUSES[2]
        for d, p in zip(frame["in_data"], frame["in_prose"], strict=True)
    ]
    return frame


def sections_of(citations: pd.DataFrame, ref_ids: Iterable[int]) -> pd.DataFrame:
    """Which of ``ref_ids`` each section cites: one row per (section, ref_id), in review order.

    Columns: section, first_line (of the section's first citation), ref_id; sorted by
    first_line then ref_id.
    """
    firsts = citations.groupby("section")["source_line"].min()
    chosen = citations[citations["ref_id"].isin(set(ref_ids))]
    frame = chosen[["section", "ref_id"]].drop_duplicates()
    frame = frame.assign(first_line=frame["section"].map(firsts).astype("int64"))
    frame = frame.sort_values(["first_line", "ref_id"], kind="stable")
    return frame[["section", "first_line", "ref_id"]].reset_index(drop=True)


def empty_cells(refs: pd.DataFrame) -> pd.DataFrame:
    """Every empty cell of the reference list: one row per (ref_id, column), in column order."""
    records = []
    for column in refs.columns:
        empty = refs[column].isna() | (refs[column].astype("string").fillna("") == "")
        records += [(int(i), column) for i in refs.loc[empty, "ref_id"]]
    return pd.DataFrame.from_records(records, columns=["ref_id", "column"]).astype(
        {"ref_id": "int64", "column": "str"}
    )


def empty_counts(refs: pd.DataFrame) -> pd.DataFrame:
    """Empty cells per column of the reference list, split by entry type.

    Columns: column, n_empty, then n_empty_<entry type> for each entry type (sorted), every
    column of ``refs`` in its order (0 where nothing is missing).
    """
    cells = empty_cells(refs).merge(refs[["ref_id", "entry_type"]], on="ref_id", how="left")
    frame = pd.DataFrame({"column": list(refs.columns)})
    frame["n_empty"] = frame["column"].map(cells["column"].value_counts()).fillna(0)
    for kind in sorted(refs["entry_type"].unique()):
        counts = cells.loc[cells["entry_type"] == kind, "column"].value_counts()
        frame[f"n_empty_{kind}"] = frame["column"].map(counts).fillna(0)
    return frame.astype({c: "int64" for c in frame.columns if c != "column"})


def id_ranges(ids: Iterable[int]) -> str:
    """Compact list of numbers: ``[1, 2, 3, 5, 7, 8]`` -> ``"1–3, 5, 7, 8"`` (en dash)."""
    values = sorted({int(i) for i in ids})
    parts, start = [], None
    for i, v in enumerate(values):
        if start is None:
            start = v
        if i + 1 == len(values) or values[i + 1] != v + 1:
            parts.append(
                str(start) if v == start else f"{start}, {v}" if v == start + 1 else f"{start}–{v}"
            )
            start = None
    return ", ".join(parts)


def recent_share(refs: pd.DataFrame, since: int = RECENT_SINCE, until: int = RECENT_UNTIL) -> float:
    """Share of the references with a year that were published from ``since`` to ``until``."""
    years = _years(refs)
    return float(years.between(since, until).sum() / len(years)) if len(years) else float("nan")


def recent_share_display(
    shares: pd.DataFrame, since: int = RECENT_SINCE, until: int = RECENT_UNTIL
) -> pd.DataFrame:
    """:func:`recent_share_by_table` for reading: one row per table, share in whole per cent."""
    return pd.DataFrame(
        {
            "Table": shares["table_no"].map(lambda n: f"Table {n}"),
            "References": shares["n_refs"],
            f"Published {since}–{until}": shares["n_recent"],
            "Without a year": shares["n_without_year"],
            "Share (%)": (shares["share_recent"] * 100).round(0).astype("Int64"),
        }
    ).set_index("Table")
