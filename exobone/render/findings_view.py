"""The findings table with the columns this book adds to it: model system, species and pathway
family, each a filter; built on :func:`exobone.render.interactive.interactive_table` (the
table machinery is not changed here, only the frame passed to it)."""

from __future__ import annotations

import pandas as pd

from exobone.render import interactive
from exobone.render.html import citation_links

#: findings_flat column -> heading, for the columns added to interactive.FINDINGS_COLUMNS
ADDED = {
    "model_systems": "Model system",
    "species": "Species",
    "pathway_families": "Pathway family",
    "cargo_groups": "Cargo group (miRNA arms together)",
}
FILTERS = (
    "Source",
    "Pathway",
    "Model system",
    "Species",
    "Pathway family",
    "Cargo group (miRNA arms together)",
)


def findings_table(flat: pd.DataFrame) -> str:
    """The findings as one interactive table (a ``findings_flat`` frame in): the columns of
    :data:`exobone.render.interactive.FINDINGS_COLUMNS` with model system, species and pathway
    family after the disease; source, pathway and the added columns as filter buttons."""
    base = list(interactive.FINDINGS_COLUMNS)
    at = base.index("disease") + 1
    columns = {c: interactive.FINDINGS_COLUMNS.get(c) or ADDED[c] for c in base[:at]}
    columns |= {c: h for c, h in ADDED.items() if c in flat.columns}
    columns |= {c: interactive.FINDINGS_COLUMNS[c] for c in base[at:]}
    frame = flat[list(columns)].copy()
    frame["pathways"] = frame["pathways"].map(_labels_only)
    frame["ref_ids"] = frame["ref_ids"].map(
        lambda ids: citation_links([int(i) for i in ids.split("; ")]) if ids else ""
    )
    directions = interactive.effect_directions(frame["effects"])
    frame = frame.rename(columns=columns)
    # the added columns hide first when the table does not fit (one tap away in the row)
    priorities = {columns[c]: n for c, n in interactive.FINDINGS_PRIORITIES.items()}
    added = [h for c, h in ADDED.items() if c in columns]
    priorities |= {h: len(priorities) + 1 + i for i, h in enumerate(added)}
    return interactive.interactive_table(
        frame,
        "findings-table",
        html_columns=("References",),
        filter_columns=tuple(f for f in FILTERS if f in frame.columns),
        priorities=priorities,
        choice_filters=interactive.direction_filter(columns["effects"], directions),
    )


def _labels_only(values: str) -> str:
    """'A (up); B (down); A (down)' -> 'A; B': a pathway's button finds every finding of it."""
    if not values:
        return ""
    return "; ".join(dict.fromkeys(v.rsplit(" (", 1)[0] for v in values.split("; ")))
