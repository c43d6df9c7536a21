"""The data model, read from data/datapackage.json: a column dictionary and an entity diagram."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone import paths
from exobone.load import resources


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def column_dictionary(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per column of every resource: type, required, key, allowed values, description."""
    records = []
    for res in resources(data_dir).values():
        schema = res["schema"]
        key = _as_list(schema.get("primaryKey"))
        fks = {
            f: fk["reference"]["resource"]
            for fk in schema.get("foreignKeys", [])
            for f in _as_list(fk["fields"])
        }
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            allowed = constraints.get("enum")
            records.append(
                {
                    "file": str(res["path"].relative_to(data_dir)),
                    "column": field["name"],
                    "type": field["type"],
                    "required": bool(constraints.get("required", False)),
                    "key": "primary" if field["name"] in key else "",
                    "references": fks.get(field["name"], ""),
                    "allowed values": ", ".join(map(str, allowed)) if allowed else "",
                    "description": field.get("description", ""),
                }
            )
    return pd.DataFrame.from_records(records)


def relations(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Foreign keys as edges: resource, fields -> referenced resource, fields (sorted)."""
    records = []
    for name, res in resources(data_dir).items():
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or name  # "" means a key into the same file
            records.append(
                {
                    "from": name,
                    "fields": ", ".join(_as_list(fk["fields"])),
                    "to": target,
                    "to_fields": ", ".join(_as_list(fk["reference"]["fields"])),
                }
            )
    columns = ["from", "fields", "to", "to_fields"]
    return pd.DataFrame.from_records(records, columns=columns).sort_values(
        columns, ignore_index=True
    )


def draw_entity_diagram(data_dir: Path = paths.DATA_DIR, ax=None):
    """Resources as boxes, foreign keys as arrows; deterministic layered layout (no randomness):
    a resource's layer is the length of its longest chain of references to other resources."""
    import matplotlib.pyplot as plt
    import networkx as nx

    edges = relations(data_dir)
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(resources(data_dir)))
    graph.add_edges_from(
        (row["from"], row["to"]) for _, row in edges.iterrows() if row["from"] != row["to"]
    )
    layer = {}
    for node in reversed(list(nx.topological_sort(graph))):
        layer[node] = 1 + max((layer[t] for t in graph.successors(node)), default=-1)
    by_layer: dict[int, list[str]] = {}
    for node in sorted(graph.nodes):
        by_layer.setdefault(layer[node], []).append(node)
    pos = {
        node: (lay, -i + (len(nodes) - 1) / 2)
        for lay, nodes in by_layer.items()
        for i, node in enumerate(nodes)
    }
    height = max(len(nodes) for nodes in by_layer.values())
    if ax is None:
        _, ax = plt.subplots(figsize=(3.2 * (len(by_layer) + 1), 0.45 * height + 1.5))
    nx.draw_networkx_edges(
        graph, pos, ax=ax, arrows=True, arrowstyle="-|>", edge_color="#777777", node_size=2500
    )
    for node, (x, y) in pos.items():
        ax.text(
            x, y, node, ha="center", va="center", fontsize=8,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "#eef3f8", "edgecolor": "#4a6f8a"},
        )  # fmt: skip
    ax.set_xlim(-0.7, max(by_layer) + 0.7)
    ax.axis("off")
    return ax
