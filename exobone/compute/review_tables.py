"""The review's Tables 1-5 rebuilt from data/review/*.csv, with the errata applied and recorded.

The HTML of a rebuilt table is made by :func:`exobone.render.html.review_table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import apply_errata, load

#: data column -> header as printed in the review ('role' header differs per table)
COLUMNS = {
    "cell_source": "Cell Source",
    "exosome_cargo": "Exosome Cargo",
    "cargo_function": "Cargo Function",
    "role_in_bone": None,
    "references": "Reference",
}


@dataclass(frozen=True)
class ReviewTable:
    number: int
    caption: str
    frame: pd.DataFrame  # one row per table row, review column headers, corrected values
    row_ids: list[str]
    ref_ids: list[list[int]]  # references cited by each row, ascending
    ref_notes: dict[int, str]  # reference number -> short description (link tooltip)
    corrections: pd.DataFrame  # row_id, column (review header), erratum_id, published, corrected
    caption_corrections: pd.DataFrame  # erratum_id, published, corrected

    @property
    def title(self) -> str:
        return f"Table {self.number} {self.caption}"


def reference_note(ref: pd.Series) -> str:
    """'Hunter et al., Lancet 2019: Osteoarthritis' from a row of references.csv."""
    venue = ref["journal"] or ref["book_title"]
    year = "" if pd.isna(ref["year"]) else f" {int(ref['year'])}"
    et_al = " et al." if ref["has_et_al"] or "," in ref["authors"] else ""
    return f"{ref['first_author_surname']}{et_al}, {venue}{year}: {ref['title']}"


def reference_labels(refs: pd.DataFrame) -> pd.Series:
    """row_id -> '[63]' or '[87, 92]' (ascending), from the table_row_refs link table."""
    return (
        refs.sort_values(["row_id", "ref_id"])
        .groupby("row_id")["ref_id"]
        .agg(lambda ids: "[" + ", ".join(str(i) for i in ids) + "]")
    )


def review_table(number: int, data_dir: Path = paths.DATA_DIR) -> ReviewTable:
    """Table ``number`` as the review prints it: same columns, same rows, same order."""
    tables, table_fixes = apply_errata(load("review_tables", data_dir), "review_tables", data_dir)
    meta = tables.set_index("table_no").loc[number]
    rows, row_fixes = apply_errata(load("table_rows", data_dir), "table_rows", data_dir)
    rows = rows[rows["table_no"] == number].sort_values("position")
    refs = load("table_row_refs", data_dir)
    labels = reference_labels(refs)
    cited = set(refs.loc[refs["row_id"].isin(rows["row_id"]), "ref_id"])
    headers = {**COLUMNS, "role_in_bone": meta["role_column_label"]}
    frame = rows.assign(references=rows["row_id"].map(labels).fillna(""))[list(headers)]
    frame = frame.rename(columns=headers).reset_index(drop=True)
    fixes = row_fixes[row_fixes["record_id"].isin(rows["row_id"])].rename(
        columns={"record_id": "row_id"}
    )
    fixes = fixes.assign(column=fixes["column"].map(headers))
    return ReviewTable(
        number=number,
        caption=meta["caption"],
        frame=frame,
        row_ids=rows["row_id"].tolist(),
        ref_ids=[
            sorted(int(r) for r in refs.loc[refs["row_id"] == i, "ref_id"]) for i in rows["row_id"]
        ],
        ref_notes={
            int(r["ref_id"]): reference_note(r)
            for _, r in load("references", data_dir).iterrows()
            if int(r["ref_id"]) in cited
        },
        corrections=fixes.reset_index(drop=True),
        caption_corrections=table_fixes[
            (table_fixes["record_id"] == str(number)) & (table_fixes["column"] == "caption")
        ].reset_index(drop=True),
    )


def overview(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per review table: number, caption, rows, cited references, corrected cells."""
    records = []
    for number in sorted(load("review_tables", data_dir)["table_no"]):
        table = review_table(number, data_dir)
        refs = load("table_row_refs", data_dir)
        records.append(
            {
                "Table": number,
                "Caption": table.caption,
                "Rows": len(table.frame),
                "References": refs.loc[refs["row_id"].isin(table.row_ids), "ref_id"].nunique(),
                "Corrected cells": len(table.corrections) + len(table.caption_corrections),
            }
        )
    return pd.DataFrame.from_records(records)
