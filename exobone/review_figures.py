"""Data behind the review's Figures 1a, 1c and 3, computed from the evidence base.

The review draws these figures as illustrations; here each is a count over the findings of
non-bone-derived sources (compartments other than ``bone_derived``), so the figure follows the
data. Counts are of findings (statements in the review), not effect sizes.
"""

from __future__ import annotations

import pandas as pd

from exobone.analysis import evidence_map

NON_BONE = ["non_bone_bm_microenvironment", "non_bone_outside_bm"]
LINEAGE_ORDER = [
    "immune",
    "adipose",
    "endothelial",
    "stem_cells",
    "nerve",
    "muscle",
    "blood",
    "other",
]


def main_sources(per_source: pd.DataFrame) -> pd.DataFrame:
    """Figure 1a: non-bone-derived sources with at least one finding, grouped by lineage
    (review order of the groups), largest first within a group.

    ``per_source`` is ``analysis.findings_per_source(...)`` (source_id, label, lineage_group,
    compartment, n_findings, ...).
    """
    frame = per_source[per_source["compartment"].isin(NON_BONE) & (per_source["n_findings"] > 0)]
    rank = {group: i for i, group in enumerate(LINEAGE_ORDER)}
    frame = frame.assign(_group=frame["lineage_group"].map(rank).fillna(len(rank)))
    frame = frame.sort_values(["_group", "n_findings", "label"], ascending=[True, False, True])
    columns = ["lineage_group", "source_id", "label", "compartment", "n_findings"]
    return frame[columns].reset_index(drop=True)


def positive_effects(effects_long: pd.DataFrame, min_findings: int = 1) -> pd.DataFrame:
    """Figure 1c: effects that non-bone-derived exosomes change in bone's favour
    (bone_valence +1), with the number of distinct findings reporting each.

    Ordered by n_findings (largest first), then effect label; effects reported by fewer than
    ``min_findings`` findings are left out.
    """
    good = effects_long[
        effects_long["compartment"].isin(NON_BONE) & (effects_long["bone_valence"] == 1)
    ]
    counts = (
        good.drop_duplicates(["finding_id", "effect_id"])
        .groupby(["effect_id", "effect_label", "process_group"], as_index=False)
        .agg(n_findings=("finding_id", "size"), n_sources=("source_id", "nunique"))
    )
    counts = counts[counts["n_findings"] >= min_findings]
    return counts.sort_values(["n_findings", "effect_label"], ascending=[False, True]).reset_index(
        drop=True
    )


def disease_functions(
    effects_long: pd.DataFrame, diseases: pd.DataFrame, groups: list[str] | None = None
) -> pd.DataFrame:
    """Figure 3: bone-related disease or model x process group, counting distinct findings of
    non-bone-derived exosomes with a beneficial effect in that group. Only findings that name
    a disease count; every disease of the vocabulary with such a finding is a row, every
    process group in ``groups`` (default: those present) a column, zeros kept.
    Rows are labelled with the disease label."""
    good = effects_long[
        effects_long["compartment"].isin(NON_BONE)
        & (effects_long["bone_valence"] == 1)
        & (effects_long["disease_id"].fillna("") != "")
    ]
    table = evidence_map(good, "process_group", rows="disease_id", column_universe=groups)
    labels = diseases.set_index("disease_id")["label"]
    table.index = table.index.map(labels)
    table.index.name = "disease or model"
    return table
