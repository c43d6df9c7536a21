"""The review's comparative claims (data/review/comparative_claims.csv) set against the findings.

A claim compares two sources. ``opposite`` claims (the first source harms bone where the second
helps) can be checked against the directions of the findings' osteogenesis effects; ``better``
claims need effect sizes from head-to-head studies, which counts of findings are not.
"""

from __future__ import annotations

import pandas as pd

from exobone.compute.summaries import direction_by


def osteogenic_valence(effects_long: pd.DataFrame, group: str = "osteogenesis") -> pd.DataFrame:
    """Per source: finding x effect pairs of one process group that favour (n_up) or oppose
    (n_down) bone, each pair once. Index source_id; sources without such pairs are absent."""
    rows = effects_long[effects_long["process_group"] == group]
    table = direction_by(rows, "source_id").set_index("source_id")
    return table.rename(columns={"n_beneficial": "n_up", "n_harmful": "n_down"})[
        ["n_up", "n_down", "n_findings"]
    ]


def _verdict(kind: str, first: pd.Series, second: pd.Series) -> str:
    if kind != "opposite" or min(first.sum(), second.sum()) == 0:
        return "cannot test"
    if first["n_up"] == 0 and second["n_down"] == 0:
        return "supports"
    if first["n_down"] == 0 or second["n_up"] == 0:
        return "contradicts"
    return "mixed"


def comparative_claims(effects_long: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims (rows of ``comparative_claims``) with what the evidence base can say.

    *supports* when every osteogenesis pair of the first source opposes bone and every one of
    the second favours it, *contradicts* when the first only favours or the second only
    opposes, *mixed* otherwise; *cannot test* for ``better`` claims and for sources without
    osteogenesis pairs. Columns: claim, line, osteogenesis_pairs, verdict (claims' order).
    """
    valence = osteogenic_valence(effects_long)
    out = []
    for c in claims.itertuples(index=False):
        first = valence.reindex([c.first_source_id]).fillna(0).iloc[0].astype(int)
        second = valence.reindex([c.second_source_id]).fillna(0).iloc[0].astype(int)
        counts = (
            f"{c.first_source_id}: {first['n_up']} up / {first['n_down']} down; "
            f"{c.second_source_id}: {second['n_up']} up / {second['n_down']} down"
        )
        out.append(
            {
                "claim": c.claim,
                "line": int(c.source_line),
                "osteogenesis_pairs": counts,
                "verdict": _verdict(c.kind, first, second),
            }
        )
    return pd.DataFrame(out, columns=["claim", "line", "osteogenesis_pairs", "verdict"])
