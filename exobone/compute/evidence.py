"""The evidence base: findings (table rows and narrative) with their link tables and vocabularies.

data/evidence/findings.csv has one row per finding; cargos, targets, pathways, effects and
references are long-format link tables keyed by finding_id; data/vocab/ holds the controlled
vocabularies they point to (validated as foreign keys by exobone.load).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import load


class UnknownTermError(KeyError):
    """A review term has no entry in its synonym table."""

    def __str__(self) -> str:
        return str(self.args[0])


def map_terms(terms: Iterable[str], synonyms: pd.DataFrame, id_column: str) -> pd.DataFrame:
    """Review terms -> canonical ids through a synonym table (columns review_term, id_column).

    A term may map to several ids (a compound pathway name); matching ignores case and
    surrounding spaces. Unknown terms raise UnknownTermError naming all of them.
    """
    table = synonyms.assign(_key=synonyms["review_term"].str.strip().str.casefold())
    wanted = pd.DataFrame({"review_term": list(terms)})
    wanted["_key"] = wanted["review_term"].str.strip().str.casefold()
    merged = wanted.merge(table[["_key", id_column]], on="_key", how="left")
    unknown = merged.loc[merged[id_column].isna(), "review_term"].unique().tolist()
    if unknown:
        raise UnknownTermError(
            f"no {id_column} for review term(s): {', '.join(map(repr, unknown))}"
        )
    return merged[["review_term", id_column]].reset_index(drop=True)


def ancestors(source_id: str, sources: pd.DataFrame) -> list[str]:
    """The chain from a source up its parent_id links, the source first (cycles raise)."""
    parent = sources.set_index("source_id")["parent_id"]
    chain = [source_id]
    while parent.get(chain[-1], "") not in ("", None) and not pd.isna(parent.get(chain[-1])):
        nxt = parent[chain[-1]]
        if nxt in chain:
            raise ValueError(f"parent_id cycle in sources: {' -> '.join(chain + [nxt])}")
        chain.append(nxt)
    return chain


def findings_with_sources(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Findings joined with their source's label, parent, lineage group and compartment."""
    sources = load("sources", data_dir)[
        ["source_id", "label", "parent_id", "lineage_group", "compartment"]
    ]
    return load("findings", data_dir).merge(
        sources.rename(columns={"label": "source_label"}),
        on="source_id",
        how="left",
        validate="m:1",
    )


def effects_long(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per (finding, effect): source attributes, effect attributes and `bone_valence`
    (+1 good for bone, -1 harmful, 0 unclear) = direction sign x the effect's bone_benefit_if_up."""
    effects = load("effects", data_dir)[
        ["effect_id", "label", "process_group", "bone_benefit_if_up"]
    ]
    frame = (
        load("finding_effects", data_dir)
        .merge(findings_with_sources(data_dir), on="finding_id", how="left", validate="m:1")
        .merge(effects.rename(columns={"label": "effect_label"}), on="effect_id", how="left")
    )
    sign = frame["direction"].map({"up": 1, "down": -1}).fillna(0).astype(int)
    return frame.assign(bone_valence=sign * frame["bone_benefit_if_up"].astype(int))


def unused_vocabulary(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Vocabulary terms that no finding uses (vocabulary, term)."""
    uses = {
        ("sources", "source_id"): set(load("findings", data_dir)["source_id"]),
        ("pathways", "pathway_id"): set(load("finding_pathways", data_dir)["pathway_id"]),
        ("effects", "effect_id"): set(load("finding_effects", data_dir)["effect_id"]),
        ("cargos", "cargo_id"): set(load("finding_cargos", data_dir)["cargo_id"]),
        ("targets", "target_id"): set(load("finding_targets", data_dir)["target_id"]),
        ("diseases", "disease_id"): set(load("findings", data_dir)["disease_id"]),
        ("cells", "cell_id"): set(load("finding_effects", data_dir)["target_cell"]),
    }
    # a source used only as the parent of used sources counts as used (it is the hierarchy)
    sources = load("sources", data_dir)
    used_sources = uses[("sources", "source_id")]
    for s in list(used_sources):
        used_sources.update(ancestors(s, sources))
    rows = []
    for (vocab, column), used in uses.items():
        for term in load(vocab, data_dir)[column]:
            if term not in used:
                rows.append({"vocabulary": vocab, "term": term})
    return pd.DataFrame(rows, columns=["vocabulary", "term"])


def compartment_labels(data_dir: Path = paths.DATA_DIR) -> dict[str, str]:
    """Compartment id -> label, in the review's order (vocab/compartments.csv)."""
    frame = load("compartments", data_dir).sort_values("position")
    return dict(zip(frame["compartment_id"], frame["label"], strict=True))


def summary_by_compartment(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Findings per compartment and lineage group, split by origin: the review's tables, its
    text, and findings added from studies outside the review (column ``added``)."""
    findings = findings_with_sources(data_dir)
    labels = compartment_labels(data_dir)
    counts = pd.crosstab(
        [findings["compartment"].map(labels), findings["lineage_group"]], findings["origin"]
    )
    counts = counts.reindex(columns=["table", "narrative", "added"], fill_value=0)
    counts.columns.name = None
    counts.index.names = ["compartment", "lineage group"]
    return counts.assign(total=counts.sum(axis=1))


# --- review and added evidence -------------------------------------------------------------

#: which evidence a chapter, count or figure shows
EVIDENCE_CHOICES = ("review", "added", "both")


def select_evidence(frame: pd.DataFrame, which: str = "both") -> pd.DataFrame:
    """Rows of ``frame`` (with an ``evidence`` column) from the review, added, or both."""
    if which not in EVIDENCE_CHOICES:
        raise ValueError(f"evidence must be one of {', '.join(EVIDENCE_CHOICES)}, not {which!r}")
    if which == "both":
        return frame
    return frame[frame["evidence"] == which]


def added_findings(findings: pd.DataFrame, finding_added_refs: pd.DataFrame) -> pd.DataFrame:
    """The added findings (of :func:`findings_with_sources`) with their added reference: one
    row per finding and reference, the columns a reader checks them by."""
    columns = ["finding_id", "source_label", "claim", "locator", "ref_id", "added_by", "added_on"]
    added = select_evidence(findings, "added").merge(finding_added_refs, on="finding_id")
    return added[columns]


def evidence_scope(findings: pd.DataFrame, which: str = "both") -> str:
    """A sentence saying which evidence a page shows, with the counts, e.g. 'review evidence
    only (173 findings from the review; no study has been added)'."""
    shown = select_evidence(findings, which)
    n_review = int((shown["evidence"] == "review").sum())
    n_added = int((shown["evidence"] == "added").sum())
    review = f"{n_review} finding{'s' if n_review != 1 else ''} from the review"
    added = f"{n_added} added finding{'s' if n_added != 1 else ''}"
    if which == "review":
        return f"review evidence only ({review}; added findings are left out here)"
    if which == "added":
        return f"added evidence only ({added}; the review's findings are left out here)"
    if n_added == 0:
        return f"review evidence only ({review}; no study has been added)"
    return f"review and added evidence ({review} and {added}, marked 'added')"


def evidence_of_rows(
    findings: pd.DataFrame, links: pd.DataFrame, rows: str = "source_id"
) -> pd.Series:
    """For each value of ``rows`` among the findings that ``links`` names: 'review', 'added'
    or 'review+added' -- which evidence its counts rest on."""
    linked = findings[findings["finding_id"].isin(links["finding_id"])]
    kinds = linked.groupby(rows)["evidence"].agg(lambda s: "+".join(sorted(set(s), reverse=True)))
    return kinds.rename("evidence")


def mark_added(matrix: pd.DataFrame, kinds: pd.Series) -> pd.DataFrame:
    """``matrix`` with ' (incl. added)' after each row label whose counts include added
    findings (``kinds``: row label -> 'review' / 'added' / 'review+added')."""
    labels = {
        row: f"{row} (incl. added)" for row in matrix.index if "added" in str(kinds.get(row, ""))
    }
    return matrix.rename(index=labels)


def markers_with_findings(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per marker of a biomarker finding, its uses joined: finding_id, marker, kind,
    fluid, condition, use (e.g. 'diagnostic, predictive'), direction, evidence (review or
    added) and where (the review's line, or the added paper's locator). Sorted by finding and
    marker."""
    findings = load("findings", data_dir)
    where = ("line " + findings["source_line"].astype("string")).fillna(findings["locator"])
    findings = findings.assign(where=where)[["finding_id", "evidence", "where"]]
    markers = load("finding_markers", data_dir)
    keys = ["finding_id", "marker", "marker_kind", "body_fluid", "condition_id", "direction"]
    joined = (
        markers.sort_values("use")
        .groupby(keys, as_index=False, sort=False)["use"]
        .agg(", ".join)
        .merge(findings, on="finding_id", how="left", validate="m:1")
        .rename(columns={"marker_kind": "kind", "body_fluid": "fluid", "condition_id": "condition"})
    )
    columns = ["finding_id", "marker", "kind", "fluid", "condition", "use", "direction"]
    return joined[[*columns, "evidence", "where"]].sort_values(
        ["finding_id", "marker"], ignore_index=True
    )
