"""Labels for figures: every id a figure shows, as a reader should see it.

Vocabulary ids (``platelet_rich_plasma``, ``wnt_beta_catenin``) become their labels from the
vocabulary files ("Platelet-rich plasma (PRP)", "Wnt/β-catenin signalling"). The two groupings
that have no vocabulary file of their own, lineage groups of sources and process groups of
effects, are named here (they are categories of the analysis, not facts of the review).
``vocabulary_labels(width=30)`` gives the short forms figures use: a label that does not fit
becomes the glossary's abbreviation for it, or the acronym it carries, or is wrapped.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from exobone.compute.evidence import compartment_labels
from exobone.data import paths
from exobone.data.load import load

#: lineage_group of vocab/sources.csv
LINEAGE_LABELS = {
    "bone_cells": "Bone cells",
    "immune": "Immune cells",
    "adipose": "Adipose tissue",
    "endothelial": "Endothelial cells",
    "stem_cells": "Stem cells",
    "nerve": "Nerve",
    "muscle": "Muscle",
    "blood": "Blood",
    "other": "Other sources",
}
#: process_group of vocab/effects.csv
PROCESS_GROUP_LABELS = {
    "osteogenesis": "Osteogenesis",
    "bone_resorption": "Bone resorption",
    "angiogenesis": "Angiogenesis",
    "bone_repair": "Bone repair",
    "immune_modulation": "Immune modulation",
    "cell_survival": "Cell survival",
    "cartilage_disc": "Cartilage and disc",
    "adipogenesis": "Adipogenesis",
    "other": "Other effects",
}
#: vocabulary file -> its id column (label column: ``label``)
VOCABULARIES = {
    "sources": "source_id",
    "pathways": "pathway_id",
    "effects": "effect_id",
    "cargo_types": "cargo_type",
    "compartments": "compartment_id",
    "diseases": "disease_id",
}


_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
_INNER = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM = re.compile(r"[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*")


def _acronym(text: str) -> bool:
    return bool(_ACRONYM.fullmatch(text)) and not text.endswith("Exos")


def short_label(
    label: str,
    width: int = 30,
    drop: str = "",
    abbreviations: Mapping[str, str] | None = None,
) -> str:
    """A label for a figure: the label itself when it fits in ``width`` characters; otherwise,
    in this order, the glossary's abbreviation of the label (``abbreviations``: lower-cased
    definition -> abbreviation; "Intervertebral disc degeneration" -> "IVDD"), the acronym the
    label gives in closing parentheses ("Bone marrow mesenchymal stem cell (BMSC)" -> "BMSC"),
    the label cut before a note in parentheses if that fits ("Osteogenesis (osteogenic
    effect, level not specified)" -> "Osteogenesis"; "Akkermansia muciniphila (Akk), gut
    bacterium" -> "Akkermansia muciniphila"), the glossary's abbreviation of that, and that
    wrapped at ``width`` characters.

    An acronym naming exosomes rather than a cell (``AD-Exos``) is not used. ``drop`` is a word
    the figure's axis already says (" signalling"), removed from the end first.
    """
    label = " ".join(str(label).split())
    if drop and label.endswith(drop) and len(label) > len(drop):
        label = label[: -len(drop)]
    if len(label) <= width:
        return label
    abbreviations = abbreviations or {}
    note = _NOTE.search(label)
    base = label[: note.start()] if note else label
    if label.lower() in abbreviations:
        return abbreviations[label.lower()]
    if note and _acronym(note.group(1)):
        return note.group(1)
    inner = _INNER.search(base)
    if inner and not note and _acronym(inner.group(1)) and base[inner.end() :].startswith(","):
        base = base[: inner.start()]  # "Name (Abbr), a note"
    if len(base) <= width:
        return base
    if base.lower() in abbreviations:
        return abbreviations[base.lower()]
    return textwrap.fill(base, width, break_long_words=False, break_on_hyphens=False)


def glossary_abbreviations(data_dir: Path = paths.DATA_DIR) -> dict[str, str]:
    """Lower-cased definition -> abbreviation, for the review's list of abbreviations (entries
    only, not OCR debris)."""
    frame = load("abbreviations", data_dir)
    frame = frame[(frame["status"] == "entry") & (frame["term"] != "")]
    return dict(zip(frame["definition"].str.lower(), frame["term"], strict=True))


def vocabulary_labels(
    width: int | None = None, data_dir: Path = paths.DATA_DIR
) -> dict[str, dict[str, str]]:
    """Vocabulary name (``sources``, ``pathways``, ``effects``, ``cargo_types``,
    ``compartments``, ``diseases``, ``lineage_groups``, ``process_groups``) -> id -> label,
    in the vocabulary's order. An id that a grouping uses without a label here raises.

    ``width``: the short forms of :func:`short_label` (pathways without " signalling")."""
    out = {}
    for name, column in VOCABULARIES.items():
        if name == "compartments":  # in the review's order
            out[name] = compartment_labels(data_dir)
            continue
        frame = load(name, data_dir)
        out[name] = dict(zip(frame[column], frame["label"], strict=True))
    for name, column, known in [
        ("lineage_groups", "lineage_group", LINEAGE_LABELS),
        ("process_groups", "process_group", PROCESS_GROUP_LABELS),
    ]:
        vocab = "sources" if name == "lineage_groups" else "effects"
        used = set(load(vocab, data_dir)[column]) - {""}
        missing = sorted(used - set(known))
        if missing:
            raise ValueError(
                f"{vocab}.csv, column {column}: no label for {', '.join(missing)} "
                "(add it to exobone/compute/labels.py)"
            )
        out[name] = dict(known)
    if width is None:
        return out
    abbreviations = glossary_abbreviations(data_dir)
    return {
        name: {
            key: short_label(text, width, " signalling" * (name == "pathways"), abbreviations)
            for key, text in labels.items()
        }
        for name, labels in out.items()
    }


def labelled(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    labels: Mapping[str, Mapping[str, str]],
    separator: str = ", ",
) -> pd.DataFrame:
    """``frame`` with the ids of ``columns`` (column -> vocabulary name, e.g. ``{"pathway_id":
    "pathways"}``) shown as their labels (``labels``: :func:`vocabulary_labels`). A cell holding
    several ids joined by ``separator`` gets each replaced, joined by "; " (labels may hold
    commas). An id the vocabulary does not know stays as it is."""
    out = frame.copy()
    for column, vocabulary in columns.items():
        names = labels[vocabulary]
        out[column] = out[column].map(
            lambda cell, names=names: "; ".join(names.get(i, i) for i in str(cell).split(separator))
        )
    return out
