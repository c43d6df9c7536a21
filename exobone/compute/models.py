"""Model systems and species of the findings, as the review's words state them.

``evidence/finding_models.csv`` gives each finding one or more (model system, species) pairs
with the words that state them; a finding whose passage (``exobone.parse.passages``) states
none is ``unspecified``. :func:`models_by_finding` folds them into one label per finding for
tables; :func:`unexplained_model_words` is the check behind the coding: the words of the
vocabularies (``review_words``) found in the passage of a finding coded unspecified, unless
its note quotes them (they name a donor or the topic, not the system tested).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import load
from exobone.parse.citations import review_lines
from exobone.parse.passages import passage

SEPARATOR = "; "


def model_words(vocabularies: list[pd.DataFrame]) -> re.Pattern:
    """One pattern for every ``review_words`` alternation of the vocabularies (word bounded,
    case ignored)."""
    words = [w for frame in vocabularies for w in frame["review_words"].dropna() if w]
    return re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in words) + r")\b", re.IGNORECASE)


def labelled_models(
    models: pd.DataFrame, systems: pd.DataFrame, species: pd.DataFrame
) -> pd.DataFrame:
    """finding_models rows with the labels of their model system and species."""
    return models.merge(
        systems[["model_system_id", "label"]].rename(columns={"label": "model_system"}),
        on="model_system_id",
        how="left",
    ).merge(
        species[["species_id", "label"]].rename(columns={"label": "species"}),
        on="species_id",
        how="left",
    )


def models_by_finding(
    models: pd.DataFrame, systems: pd.DataFrame, species: pd.DataFrame
) -> pd.DataFrame:
    """One row per finding: ``model_systems`` and ``species`` (labels, '; '-joined, in file
    order, each once), ``model_system_ids`` and ``species_ids`` likewise."""
    rows = labelled_models(models, systems, species)

    def fold(column: str) -> pd.Series:
        return rows.groupby("finding_id", sort=False)[column].agg(
            lambda s: SEPARATOR.join(dict.fromkeys(s))
        )

    return (
        pd.DataFrame(
            {
                "model_systems": fold("model_system"),
                "species": fold("species"),
                "model_system_ids": fold("model_system_id"),
                "species_ids": fold("species_id"),
            }
        )
        .rename_axis("finding_id")
        .reset_index()
    )


def unexplained_model_words(
    findings: pd.DataFrame,
    refs: pd.DataFrame,
    models: pd.DataFrame,
    pattern: re.Pattern,
    lines: list[str],
) -> pd.DataFrame:
    """(finding_id, word, passage) for each model word in the passage of a finding coded
    unspecified that its note does not quote; empty = the coding and the text agree."""
    unspecified = models[models["model_system_id"] == "unspecified"].set_index("finding_id")
    ref_ids = refs.groupby("finding_id")["ref_id"].agg(lambda s: [int(r) for r in s])
    rows = []
    for f in findings[findings["finding_id"].isin(unspecified.index)].itertuples(index=False):
        if pd.isna(f.source_line):
            continue
        text = passage(lines[int(f.source_line) - 1], ref_ids.get(f.finding_id, []))
        note = str(unspecified.loc[f.finding_id, "note"] or "")
        for m in pattern.finditer(text):
            if f"'{m.group(0)}" not in note and f"{m.group(0)}'" not in note:
                rows.append({"finding_id": f.finding_id, "word": m.group(0), "passage": text})
    return pd.DataFrame(rows, columns=["finding_id", "word", "passage"])


def check_model_coding(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """:func:`unexplained_model_words` of the data package."""
    pattern = model_words([load("model_systems", data_dir), load("species", data_dir)])
    return unexplained_model_words(
        load("findings", data_dir),
        load("finding_refs", data_dir),
        load("finding_models", data_dir).fillna({"note": ""}),
        pattern,
        review_lines(data_dir),
    )
