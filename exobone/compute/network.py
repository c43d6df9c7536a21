"""The evidence base as a layered network: source -> cargo -> mechanism -> effect.

Edges are counted on integer codes, so the same code runs on the review's findings and on a
million synthetic ones (``benchmarks/bench_analysis.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NETWORK_LAYERS = ["source", "cargo", "mechanism", "effect"]


class _Nodes:
    """Node labels (``kind:id``) numbered as they are first seen, so edges can be counted on
    integer codes; labels are built once per distinct node, not once per row."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    def layer(self, frame: pd.DataFrame, column: str, kind: str, codes: pd.Index) -> pd.DataFrame:
        """(finding code f, node code n) rows of one layer, duplicates dropped."""
        f = codes.get_indexer(frame["finding_id"])
        local, uniques = pd.factorize(frame[column])
        out = pd.DataFrame({"f": f, "n": local + len(self.labels)})
        self.labels.extend(f"{kind}:{u}" for u in uniques)
        return out[out["f"] >= 0].drop_duplicates()


def network_edges(
    findings: pd.DataFrame,
    finding_cargos: pd.DataFrame,
    finding_targets: pd.DataFrame,
    finding_pathways: pd.DataFrame,
    finding_effects: pd.DataFrame,
    exclude_cargos: tuple[str, ...] = ("unspecified",),
) -> pd.DataFrame:
    """Edges source -> cargo -> mechanism (target or pathway) -> effect, weighted by the
    number of distinct findings that make the link.

    Nodes are ``layer:id`` (e.g. ``cargo:miR-155``, ``mechanism:pathway:mapk``). A finding
    that names no cargo (or only an excluded one) or no mechanism skips that layer: its
    source links straight to the next layer it has. Columns: from_layer, from_node, to_layer,
    to_node, weight; ordered by layer, then node names.

    Why this function is long: the layers are joined on integer codes in one pass; split
    into helpers it would hand million-row intermediate arrays between them for no clarity.
    """
    codes = pd.Index(findings["finding_id"].unique())
    nodes = _Nodes()
    cargos = finding_cargos[~finding_cargos["cargo_id"].isin(exclude_cargos)]
    layers = [nodes.layer(findings, "source_id", "source", codes)]
    layers.append(nodes.layer(cargos, "cargo_id", "cargo", codes))
    layers.append(
        pd.concat(
            [
                nodes.layer(finding_targets, "target_id", "mechanism:target", codes),
                nodes.layer(finding_pathways, "pathway_id", "mechanism:pathway", codes),
            ],
            ignore_index=True,
        )
    )
    layers.append(nodes.layer(finding_effects, "effect_id", "effect", codes))
    has = np.zeros((len(layers), len(codes)), dtype=bool)
    for k, layer in enumerate(layers):
        has[k, layer["f"].to_numpy()] = True
    n_nodes = len(nodes.labels)
    pieces = []
    for i in range(len(layers)):
        for j in range(i + 1, len(layers)):
            # the edge i -> j exists for findings that have layers i and j and none in between
            between = has[i + 1 : j].any(axis=0)
            keep = layers[i][~between[layers[i]["f"].to_numpy()]]
            pairs = keep.merge(layers[j], on="f", suffixes=("_from", "_to"))
            key = pairs["n_from"].to_numpy(np.int64) * n_nodes + pairs["n_to"].to_numpy(np.int64)
            unique, weight = np.unique(key, return_counts=True)
            pieces.append(
                pd.DataFrame(
                    {
                        "_f": i,
                        "_t": j,
                        "from": unique // n_nodes,
                        "to": unique % n_nodes,
                        "weight": weight,
                    }
                )
            )
    edges = pd.concat(pieces, ignore_index=True)
    labels = np.asarray(nodes.labels, dtype=object)
    edges = edges.assign(
        from_layer=np.asarray(NETWORK_LAYERS, dtype=object)[edges["_f"].to_numpy()],
        to_layer=np.asarray(NETWORK_LAYERS, dtype=object)[edges["_t"].to_numpy()],
        from_node=labels[edges["from"].to_numpy()] if len(edges) else [],
        to_node=labels[edges["to"].to_numpy()] if len(edges) else [],
    )
    columns = ["from_layer", "from_node", "to_layer", "to_node", "weight"]
    return edges.sort_values(["_f", "_t", "from_node", "to_node"])[columns].reset_index(drop=True)


def network_graph(edges: pd.DataFrame):
    """A networkx DiGraph of ``network_edges`` output; nodes carry their layer number and are
    added in sorted order (so layouts that follow insertion order are deterministic)."""
    import networkx as nx

    rank = {name: i for i, name in enumerate(NETWORK_LAYERS)}
    nodes = pd.concat(
        [
            edges[["from_node", "from_layer"]].set_axis(["node", "layer"], axis=1),
            edges[["to_node", "to_layer"]].set_axis(["node", "layer"], axis=1),
        ]
    ).drop_duplicates("node")
    nodes = nodes.assign(rank=nodes["layer"].map(rank)).sort_values(["rank", "node"])
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (n, {"layer": r}) for n, r in zip(nodes["node"], nodes["rank"], strict=True)
    )
    graph.add_weighted_edges_from(
        zip(edges["from_node"], edges["to_node"], edges["weight"].astype(int), strict=True)
    )
    return graph


def pathway_paths(
    findings: pd.DataFrame, finding_pathways: pd.DataFrame, effects_long: pd.DataFrame
) -> pd.DataFrame:
    """Source -> pathway -> effect, one row per source, pathway, effect, change of the effect
    (``up``/``down``) and bone valence (1 beneficial, -1 harmful, 0 unclear), with the number
    of distinct findings that name that pathway and report that effect.

    Only findings that name a pathway appear. Ordered by source, pathway, effect, change.
    """
    links = finding_pathways[["finding_id", "pathway_id"]].drop_duplicates()
    links = links.merge(findings[["finding_id", "source_id"]].drop_duplicates("finding_id"))
    effects = effects_long[["finding_id", "effect_id", "direction", "bone_valence"]]
    rows = links.merge(effects.drop_duplicates(), on="finding_id")
    keys = ["source_id", "pathway_id", "effect_id", "change", "bone_valence"]
    rows = rows.rename(columns={"direction": "change"})
    counts = rows.groupby(keys, as_index=False)["finding_id"].nunique()
    counts = counts.rename(columns={"finding_id": "n_findings"})
    counts["bone_valence"] = counts["bone_valence"].astype(int)
    return counts.sort_values(keys[:4]).reset_index(drop=True)
