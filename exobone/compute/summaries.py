"""Counts across the evidence base: by source, pathway, cargo, direction, compartment, disease.

Every function takes frames (as returned by ``exobone.load.load`` or
``exobone.evidence.effects_long``) and returns a new, deterministically ordered frame. All work
is done with merges, group-bys and cross-tabulations (linear in the number of rows apart from
sorting), so the same code runs on the review's 165 findings and on a million synthetic ones
(``benchmarks/bench_analysis.py``).

Why this module is long: every count a chapter shows is here, one function each, so that the
counting rules below hold for all of them.

Counting rules, shared by all functions:

- a *finding* counts once per distinct item it names: a finding with two pathways counts once
  for each, a finding that lists the same pathway twice counts once;
- a *finding x effect* counts once, whatever the number of target cells it is recorded for; if
  the same finding x effect is recorded with opposite bone valences it counts as unclear;
- counts are counts of statements in the review, never effect sizes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VALENCE_NAMES = {1: "n_beneficial", -1: "n_harmful", 0: "n_unclear"}


def _order(totals: pd.Series) -> list:
    """Labels ordered by total (largest first), ties by label."""
    frame = pd.DataFrame({"label": totals.index.astype(str), "total": totals.to_numpy()})
    frame = frame.assign(key=totals.index)
    return frame.sort_values(["total", "label"], ascending=[False, True])["key"].tolist()


def findings_per_source(
    findings: pd.DataFrame, sources: pd.DataFrame, finding_refs: pd.DataFrame
) -> pd.DataFrame:
    """Per source of the vocabulary: n_findings, n_refs (distinct references), lineage_group,
    compartment and single_study (exactly one reference). Sources without findings get 0.
    When ``findings`` has an ``evidence`` column, n_added counts the findings added from
    studies outside the review (included in n_findings; their references, A1, A2, ..., are
    not in ``finding_refs`` and not in n_refs).

    Ordered by n_findings (largest first), then source_id.
    """
    n_findings = findings.drop_duplicates("finding_id").groupby("source_id").size()
    added = findings[findings["evidence"] == "added"] if "evidence" in findings else findings[:0]
    n_added = added.drop_duplicates("finding_id").groupby("source_id").size()
    refs = finding_refs[["finding_id", "ref_id"]].merge(
        findings[["finding_id", "source_id"]].drop_duplicates("finding_id"), on="finding_id"
    )
    n_refs = refs.drop_duplicates(["source_id", "ref_id"]).groupby("source_id").size()
    out = sources[["source_id", "label", "lineage_group", "compartment"]].copy()
    out["n_findings"] = out["source_id"].map(n_findings).fillna(0).astype(int)
    out["n_refs"] = out["source_id"].map(n_refs).fillna(0).astype(int)
    out["single_study"] = out["n_refs"] == 1
    if "evidence" in findings:
        out["n_added"] = out["source_id"].map(n_added).fillna(0).astype(int)
    return out.sort_values(["n_findings", "source_id"], ascending=[False, True]).reset_index(
        drop=True
    )


def findings_by_lineage(per_source: pd.DataFrame) -> pd.DataFrame:
    """Per compartment and lineage group of :func:`findings_per_source`: sources, findings
    and single-study sources."""
    return per_source.groupby(["compartment", "lineage_group"], as_index=False).agg(
        sources=("source_id", "size"),
        findings=("n_findings", "sum"),
        single_study=("single_study", "sum"),
    )


def source_pathway_matrix(
    findings: pd.DataFrame, finding_pathways: pd.DataFrame, order: str = "cluster"
) -> pd.DataFrame:
    """Source x pathway counts of distinct findings (index source_id, columns pathway_id).

    ``order="alpha"`` sorts rows and columns by name. ``order="cluster"`` sorts columns by
    total (largest first, ties by name) and groups rows by the first column where they reach
    their maximum, then by row total and name, which puts sources with the same main pathway
    next to each other (a cheap, deterministic seriation).
    """
    if order not in {"cluster", "alpha"}:
        raise ValueError(f"order must be 'cluster' or 'alpha', not {order!r}")
    links = finding_pathways[["finding_id", "pathway_id"]].drop_duplicates()
    links = links.merge(findings[["finding_id", "source_id"]].drop_duplicates("finding_id"))
    matrix = pd.crosstab(links["source_id"], links["pathway_id"])
    matrix.index.name, matrix.columns.name = "source_id", "pathway_id"
    if order == "alpha":
        return matrix.sort_index().sort_index(axis=1)
    matrix = matrix[_order(matrix.sum(axis=0))]
    keys = pd.DataFrame(
        {
            "first_max": matrix.to_numpy().argmax(axis=1),
            "total": matrix.sum(axis=1).to_numpy(),
            "name": matrix.index.astype(str),
        },
        index=matrix.index,
    )
    rows = keys.sort_values(["first_max", "total", "name"], ascending=[True, False, True]).index
    return matrix.loc[rows]


def _by_column(matrix: pd.DataFrame) -> pd.DataFrame:
    present = matrix > 0
    return pd.DataFrame(
        {
            "n_sources": present.sum(axis=0).astype(int),
            "n_findings": matrix.sum(axis=0).astype(int),
            "sources": [
                ", ".join(sorted(matrix.index[present[c]].astype(str))) for c in matrix.columns
            ],
        },
        index=matrix.columns,
    )


def recurring_pathways(matrix: pd.DataFrame, min_sources: int = 2) -> pd.DataFrame:
    """Pathways reported for at least ``min_sources`` sources: pathway_id, n_sources,
    n_findings, sources (names joined for display). Ordered by n_sources, n_findings, name."""
    table = _by_column(matrix).rename_axis("pathway_id").reset_index()
    table = table[table["n_sources"] >= min_sources]
    return table.sort_values(
        ["n_sources", "n_findings", "pathway_id"], ascending=[False, False, True]
    ).reset_index(drop=True)


def unique_pathways(matrix: pd.DataFrame) -> pd.DataFrame:
    """Pathways reported for exactly one source: pathway_id, source_id, n_findings."""
    table = _by_column(matrix).rename_axis("pathway_id").reset_index()
    table = table[table["n_sources"] == 1].rename(columns={"sources": "source_id"})
    return (
        table[["pathway_id", "source_id", "n_findings"]]
        .sort_values(["source_id", "pathway_id"])
        .reset_index(drop=True)
    )


def pathway_spread(matrix: pd.DataFrame, min_sources: int = 2) -> dict[str, int]:
    """How widely the pathways of a source x pathway matrix are shared: n_pathways,
    n_recurring (named for at least ``min_sources`` sources), n_fewer (the others, so the two
    add up to n_pathways) and n_unique (named for one source only, part of n_fewer)."""
    n_sources = (matrix > 0).sum(axis=0)
    n_recurring = int((n_sources >= min_sources).sum())
    return {
        "n_pathways": int(matrix.shape[1]),
        "n_recurring": n_recurring,
        "n_fewer": int(matrix.shape[1]) - n_recurring,
        "n_unique": int((n_sources == 1).sum()),
    }


def cargo_types_per_source(
    findings: pd.DataFrame, finding_cargos: pd.DataFrame, cargos: pd.DataFrame
) -> pd.DataFrame:
    """Source x cargo type counts of distinct (finding, cargo) links (index source_id, columns
    cargo_type ordered by total). Rows ordered by total (largest first), then source_id."""
    links = finding_cargos[["finding_id", "cargo_id"]].drop_duplicates()
    links = links.merge(findings[["finding_id", "source_id"]].drop_duplicates("finding_id"))
    links = links.merge(cargos[["cargo_id", "cargo_type"]], on="cargo_id", how="left")
    table = pd.crosstab(links["source_id"], links["cargo_type"])
    table.index.name, table.columns.name = "source_id", "cargo_type"
    return table.loc[_order(table.sum(axis=1)), _order(table.sum(axis=0))]


def recurring_cargos(
    findings: pd.DataFrame,
    finding_cargos: pd.DataFrame,
    effects_long: pd.DataFrame,
    min_sources: int = 2,
    exclude: tuple[str, ...] = ("unspecified",),
) -> pd.DataFrame:
    """Cargos named for at least ``min_sources`` sources.

    Columns: cargo_id, sources (ids joined for display), n_sources, n_findings,
    n_beneficial_findings / n_harmful_findings (findings carrying the cargo with at least one
    beneficial / harmful effect on bone) and opposite_valence: True when one finding with the
    cargo is beneficial and a *different* finding with it is harmful.

    Why this function is long: all counts are taken from one set of integer-coded arrays
    (see the comment inside); splitting would recompute or pass them around.
    """
    # integer codes throughout: a million string keys hash slowly, integers do not
    first = findings.drop_duplicates("finding_id")
    codes = pd.Index(first["finding_id"])
    source_code, source_names = pd.factorize(first["source_id"])
    kept = finding_cargos[~finding_cargos["cargo_id"].isin(exclude)]
    cargo_code, cargo_names = pd.factorize(kept["cargo_id"])
    links = pd.DataFrame({"f": codes.get_indexer(kept["finding_id"]), "c": cargo_code})
    links = links[links["f"] >= 0].drop_duplicates()
    links["s"] = source_code[links["f"].to_numpy()]
    valence_f = codes.get_indexer(effects_long["finding_id"])
    valence = effects_long["bone_valence"].to_numpy()
    known = valence_f >= 0
    pos = np.bincount(valence_f[known], weights=valence[known] > 0, minlength=len(codes)) > 0
    neg = np.bincount(valence_f[known], weights=valence[known] < 0, minlength=len(codes)) > 0
    f, c = links["f"].to_numpy(), links["c"].to_numpy()
    n_cargos = len(cargo_names)
    cargo_sources = links[["c", "s"]].drop_duplicates()
    out = pd.DataFrame(
        {
            "n_sources": np.bincount(cargo_sources["c"], minlength=n_cargos),
            "n_findings": np.bincount(c, minlength=n_cargos),
            "n_beneficial_findings": np.bincount(c, weights=pos[f], minlength=n_cargos),
            "n_harmful_findings": np.bincount(c, weights=neg[f], minlength=n_cargos),
            "_both": np.bincount(c, weights=pos[f] & neg[f], minlength=n_cargos),
        },
        index=pd.Index(cargo_names, name="cargo_id"),
    ).astype(int)
    out = out[out["n_sources"] >= min_sources]
    shown = cargo_sources[cargo_sources["c"].isin(cargo_names.get_indexer(out.index))]
    names = (
        pd.DataFrame({"cargo_id": cargo_names[shown["c"]], "source_id": source_names[shown["s"]]})
        .sort_values(["cargo_id", "source_id"])
        .groupby("cargo_id")["source_id"]
        .agg(", ".join)
    )
    out["sources"] = names
    pos, neg, both = out["n_beneficial_findings"], out["n_harmful_findings"], out["_both"]
    # only impossible when the one beneficial and the one harmful finding are the same finding
    out["opposite_valence"] = (pos > 0) & (neg > 0) & ~((pos == 1) & (neg == 1) & (both == 1))
    out = out.reset_index()
    columns = ["cargo_id", "sources", "n_sources", "n_findings", "n_beneficial_findings"]
    columns += ["n_harmful_findings", "opposite_valence"]
    return (
        out[columns]
        .sort_values(["n_sources", "n_findings", "cargo_id"], ascending=[False, False, True])
        .reset_index(drop=True)
    )


def _finding_effects_once(effects_long: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per (by, finding, effect); conflicting valences of the same pair become 0."""
    keys = [pd.factorize(effects_long[c])[0] for c in (by, "finding_id", "effect_id")]
    frame = pd.DataFrame(
        {"g": keys[0], "f": keys[1], "e": keys[2], "v": effects_long["bone_valence"].to_numpy()}
    )
    pairs = frame.groupby(["g", "f", "e"], sort=False)["v"].agg(["min", "max"]).reset_index()
    pairs["valence"] = pairs["min"].where(pairs["min"] == pairs["max"], 0).astype(int)
    pairs[by] = pd.factorize(effects_long[by])[1].take(pairs["g"].to_numpy())
    pairs["finding_id"] = pairs["f"]  # a code: only ever counted, never shown
    return pairs


def direction_by(effects_long: pd.DataFrame, by: str = "source_id") -> pd.DataFrame:
    """Per value of ``by``: n_beneficial, n_harmful, n_unclear (finding x effect pairs, each
    once), net = beneficial - harmful and n_findings. Ordered by net (largest first), then
    n_harmful (largest first), then name."""
    pairs = _finding_effects_once(effects_long, by)
    table = pd.crosstab(pairs[by], pairs["valence"]).reindex(columns=[1, -1, 0], fill_value=0)
    table = table.rename(columns=VALENCE_NAMES)
    table.columns.name = None
    table["net"] = table["n_beneficial"] - table["n_harmful"]
    table["n_findings"] = pairs.groupby(by)["finding_id"].nunique()
    table = table.rename_axis(by).reset_index()
    return table.sort_values(["net", "n_harmful", by], ascending=[False, False, True]).reset_index(
        drop=True
    )


def direction_by_source(effects_long: pd.DataFrame) -> pd.DataFrame:
    """``direction_by(effects_long, "source_id")``: effects on bone counted per source."""
    return direction_by(effects_long, "source_id")


#: what each row of :func:`compare_compartments` counts, as its table says it
COMPARTMENT_MEASURES = {
    "n_sources": "Sources with an effect finding",
    "n_findings": "Findings with an effect on bone",
    "n_beneficial": "Pairs good for bone",
    "n_harmful": "Pairs harmful to bone",
    "n_unclear": "Pairs of unclear sign",
    "net": "Net (good − harmful)",
}


def compare_compartments(
    effects_long: pd.DataFrame, compartments: list[str] | None = None
) -> pd.DataFrame:
    """The direction summary per compartment, side by side (one column per compartment).

    Rows: n_sources, n_findings, n_beneficial, n_harmful, n_unclear, net and
    share_beneficial (beneficial / all finding x effect pairs). ``compartments`` fixes the
    column order (missing compartments get zeros); default: sorted names.
    """
    summary = direction_by(effects_long, "compartment").set_index("compartment")
    summary["n_sources"] = effects_long.groupby("compartment")["source_id"].nunique()
    pairs = summary[["n_beneficial", "n_harmful", "n_unclear"]].sum(axis=1)
    summary["share_beneficial"] = (summary["n_beneficial"] / pairs.where(pairs > 0)).round(3)
    rows = ["n_sources", "n_findings", "n_beneficial", "n_harmful", "n_unclear", "net"]
    table = summary[rows + ["share_beneficial"]].T
    table = table.reindex(columns=compartments or sorted(table.columns)).fillna(0)
    table.columns.name = "compartment"
    table.index.name = "measure"
    return table


def evidence_map(
    findings: pd.DataFrame,
    column: str,
    rows: str = "source_id",
    row_universe: list[str] | None = None,
    column_universe: list[str] | None = None,
    missing_label: str = "not stated",
) -> pd.DataFrame:
    """``rows`` x ``column`` counts of distinct findings, every cell kept (zeros included).

    ``findings`` may have several rows per finding (e.g. effects_long with process_group);
    each (row value, column value, finding) counts once. Empty values of ``column`` are
    shown as ``missing_label``. Universes add rows/columns with no findings (all zeros).
    """
    frame = findings[["finding_id", rows, column]].copy()
    frame[column] = frame[column].fillna("").replace("", missing_label)
    frame = frame.drop_duplicates()
    table = pd.crosstab(frame[rows], frame[column])
    table.index.name, table.columns.name = rows, column
    if row_universe is not None:
        table = table.reindex(sorted(set(row_universe) | set(table.index)), fill_value=0)
    if column_universe is not None:
        wanted = sorted(set(column_universe) | set(table.columns))
        table = table.reindex(columns=wanted, fill_value=0)
    table = table.loc[_order(table.sum(axis=1)), _order(table.sum(axis=0))]
    return table
