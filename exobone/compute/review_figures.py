"""Data behind the review's figures: Figs 1a, 1c and 3 from the evidence base, Figs 1b and 2
from the composition and biogenesis files.

The review draws these figures as illustrations; here each is a count over the findings of
non-bone-derived sources (compartments other than ``bone_derived``), so the figure follows the
data. Counts are of findings (statements in the review), not effect sizes.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from exobone.compute.summaries import evidence_map

#: component classes in the order the review names them, with the panel titles (Fig. 1b)
CLASS_LABELS = {"lipid": "Lipids", "protein": "Proteins", "nucleic_acid": "Nucleic acids"}
#: stages of the Fig. 2 caption, left to right
STAGES = ("I", "II", "III", "IV", "V")
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


# --- Fig. 1b: composition -----------------------------------------------------------------


def composition_members(composition: pd.DataFrame) -> pd.DataFrame:
    """One row per member, grouped by component class and subgroup, in drawing order.

    Columns: component_class, class_label, subgroup ('' when the review names no subgroup),
    member, named_as_marker, position (0-based rank of the member within its class).
    Classes come in the review's order (lipids, proteins, nucleic acids); within a class,
    members without a subgroup come first, then subgroups alphabetically; members are sorted
    case-insensitively within their group.
    """
    unknown = sorted(set(composition["component_class"]) - set(CLASS_LABELS))
    if unknown:
        raise ValueError(f"unknown component class(es): {', '.join(unknown)}")
    frame = composition[["component_class", "subgroup", "member", "named_as_marker"]].copy()
    frame["subgroup"] = frame["subgroup"].fillna("")
    frame["named_as_marker"] = frame["named_as_marker"].fillna(False).astype(bool)
    frame["_class"] = frame["component_class"].map(list(CLASS_LABELS).index)
    frame["_grouped"] = frame["subgroup"] != ""
    frame["_subgroup"] = frame["subgroup"].str.casefold()
    frame["_member"] = frame["member"].str.casefold()
    frame = frame.sort_values(["_class", "_grouped", "_subgroup", "_member", "member"])
    frame["class_label"] = frame["component_class"].map(CLASS_LABELS)
    frame["position"] = frame.groupby("component_class").cumcount()
    columns = ["component_class", "class_label", "subgroup", "member", "named_as_marker"]
    return frame[[*columns, "position"]].reset_index(drop=True)


def class_counts(members: pd.DataFrame) -> pd.Series:
    """Number of members per component class label, in the review's class order."""
    counts = members.groupby("class_label").size()
    return counts.reindex([c for c in CLASS_LABELS.values() if c in counts.index]).astype(int)


# --- Fig. 2: biogenesis --------------------------------------------------------------------


def biogenesis_graph(
    steps: pd.DataFrame, edges: pd.DataFrame, regulators: pd.DataFrame | None = None
) -> nx.DiGraph:
    """Directed graph of biogenesis: nodes are steps (label, stage, kind), edges transitions
    (stage, label, regulators = list of regulator names in file order, empty if none).

    Raises ValueError if an edge or a regulator names a step or transition that does not exist.
    """
    graph = nx.DiGraph()
    for row in steps.itertuples(index=False):
        graph.add_node(row.step_id, label=row.label, stage=row.stage, kind=row.kind)
    unknown = sorted(
        {s for s in pd.concat([edges["from_step"], edges["to_step"]]) if s not in graph}
    )
    if unknown:
        raise ValueError(f"edges name unknown step(s): {', '.join(unknown)}")
    for row in edges.itertuples(index=False):
        graph.add_edge(row.from_step, row.to_step, stage=row.stage, label=row.label, regulators=[])
    if regulators is not None:
        for row in regulators.itertuples(index=False):
            if not graph.has_edge(row.from_step, row.to_step):
                raise ValueError(
                    f"regulator {row.regulator!r} is on {row.from_step} -> {row.to_step}, "
                    "which is not a transition"
                )
            graph.edges[row.from_step, row.to_step]["regulators"].append(row.regulator)
    return graph


def biogenesis_counts(graph: nx.DiGraph) -> dict[str, int]:
    """What Fig. 2 holds: n_steps (boxes), n_transitions (arrows), n_regulators (regulator
    entries on the arrows) and n_regulated (arrows with at least one regulator)."""
    lists = [data["regulators"] for _, _, data in graph.edges(data=True)]
    return {
        "n_steps": graph.number_of_nodes(),
        "n_transitions": graph.number_of_edges(),
        "n_regulators": sum(len(names) for names in lists),
        "n_regulated": sum(1 for names in lists if names),
    }


def main_path(graph: nx.DiGraph, steps: pd.DataFrame) -> list[str]:
    """The straight line of the diagram: from the first step without a predecessor, always on to
    the successor of the latest stage (ties: the one listed first in ``steps``)."""
    order = {s: i for i, s in enumerate(steps["step_id"])}
    starts = [n for n in steps["step_id"] if graph.in_degree(n) == 0]
    if not starts:
        raise ValueError("no step without a predecessor: biogenesis must be acyclic")
    path = [starts[0]]
    while True:
        nexts = [n for n in graph.successors(path[-1]) if n not in path]
        if not nexts:
            return path
        path.append(max(nexts, key=lambda n: (STAGES.index(graph.nodes[n]["stage"]), -order[n])))
