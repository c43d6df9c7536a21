"""Where the findings disagree in direction, computed from the data and listed in one place.

Two kinds of disagreement, each within one *key* (an exosome source, or a cargo grouped over
its miRNA arms: miR-19b and miR-19b-3p are one cargo group):

- **effect**: two findings act on the same effect group (osteogenesis, bone resorption, ...) in
  opposite directions *for bone* (an effect's direction times whether its increase helps bone,
  vocab/effects.csv ``bone_benefit_if_up``); effects whose value for bone is unclear are left out;
- **pathway**: two findings move the same pathway family in opposite directions, either as
  stated (``finding_pathways.direction``) or through a target the review calls an inhibitor of
  the pathway (vocab/pathway_inhibitors.csv): lowering an inhibitor raises the pathway.

:func:`opposed` does the comparison on any frame of signed rows, so each kind is a small
function of frames with a test on handmade frames; :func:`conflicts` runs both on the data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.compute.labels import PROCESS_GROUP_LABELS
from exobone.data import paths
from exobone.data.load import load

SIGN = {"up": 1, "down": -1}
COLUMNS = ["kind", "by", "key", "subject", "for", "against"]


def opposed(signed: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Groups of ``signed`` (columns finding_id, by, key, subject, sign = +1/-1) holding both
    signs: one row per (by, key, subject) with the findings of sign +1 (``for``) and of sign -1
    (``against``), each '; '-joined and sorted; ``kind`` names the comparison."""
    rows = []
    for (by, key, subject), group in signed.groupby(["by", "key", "subject"], sort=True):
        plus = sorted(set(group.loc[group["sign"] > 0, "finding_id"]))
        minus = sorted(set(group.loc[group["sign"] < 0, "finding_id"]))
        if plus and minus:
            rows.append([kind, by, key, subject, "; ".join(plus), "; ".join(minus)])
    return pd.DataFrame(rows, columns=COLUMNS)


def _keyed(signed: pd.DataFrame, findings: pd.DataFrame, cargo_groups: pd.DataFrame):
    """``signed`` (finding_id, subject, sign) once per source and once per named cargo group."""
    by_source = signed.merge(findings[["finding_id", "source_id"]], on="finding_id")
    by_source = by_source.rename(columns={"source_id": "key"}).assign(by="source")
    named = cargo_groups[cargo_groups["cargo_group"] != "unspecified"]
    by_cargo = signed.merge(named[["finding_id", "cargo_group"]], on="finding_id")
    by_cargo = by_cargo.rename(columns={"cargo_group": "key"}).assign(by="cargo")
    return pd.concat([by_source, by_cargo], ignore_index=True).drop_duplicates()


def effect_conflicts(
    findings: pd.DataFrame,
    finding_effects: pd.DataFrame,
    effects: pd.DataFrame,
    cargo_groups: pd.DataFrame,
) -> pd.DataFrame:
    """Opposite effects on bone within one effect group (see the module docstring).
    ``cargo_groups``: finding_id, cargo_group (finding_cargos joined with vocab/cargos)."""
    rows = finding_effects.merge(effects, on="effect_id")
    sign = rows["direction"].map(SIGN).fillna(0) * rows["bone_benefit_if_up"].astype(int)
    signed = rows.assign(subject=rows["process_group"], sign=sign)[
        ["finding_id", "subject", "sign"]
    ]
    signed = signed[signed["sign"] != 0]
    return opposed(_keyed(signed, findings, cargo_groups), "effect")


def pathway_conflicts(
    findings: pd.DataFrame,
    finding_pathways: pd.DataFrame,
    finding_targets: pd.DataFrame,
    pathways: pd.DataFrame,
    inhibitors: pd.DataFrame,
    cargo_groups: pd.DataFrame,
) -> pd.DataFrame:
    """A pathway family raised in one finding and lowered in another, as stated or through an
    inhibitor (a lowered inhibitor raises its pathway)."""
    family = pathways.set_index("pathway_id")["family_id"]
    stated = finding_pathways.assign(
        subject=finding_pathways["pathway_id"].map(family),
        sign=finding_pathways["direction"].map(SIGN),
    )
    through = finding_targets.merge(inhibitors[["target_id", "pathway_id"]], on="target_id")
    through = through.assign(
        subject=through["pathway_id"].map(family), sign=-through["direction"].map(SIGN)
    )
    signed = pd.concat([stated, through], ignore_index=True)[["finding_id", "subject", "sign"]]
    signed = signed.dropna(subset=["sign"])
    return opposed(_keyed(signed, findings, cargo_groups), "pathway")


def cargo_groups(finding_cargos: pd.DataFrame, cargos: pd.DataFrame) -> pd.DataFrame:
    """finding_id, cargo_group: each finding's cargos grouped over their miRNA arms."""
    return finding_cargos.merge(cargos[["cargo_id", "cargo_group"]], on="cargo_id")[
        ["finding_id", "cargo_group"]
    ].drop_duplicates()


def conflicts(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """Every disagreement in the data (both kinds), sorted by kind, by, key and subject."""
    findings = load("findings", data_dir)
    groups = cargo_groups(load("finding_cargos", data_dir), load("cargos", data_dir))
    return pd.concat(
        [
            effect_conflicts(
                findings, load("finding_effects", data_dir), load("effects", data_dir), groups
            ),
            pathway_conflicts(
                findings,
                load("finding_pathways", data_dir),
                load("finding_targets", data_dir),
                load("pathways", data_dir),
                load("pathway_inhibitors", data_dir),
                groups,
            ),
        ],
        ignore_index=True,
    )


def conflict_table(found: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """:func:`conflicts` rows for readers: what disagrees, within which source or cargo, on
    what (effect group or pathway family, as labels), the findings on each side. ``labels``:
    vocabulary -> id -> label (``sources``, ``process_groups``, ``pathway_families``)."""
    subject = [
        labels["process_groups" if k == "effect" else "pathway_families"].get(s, s)
        for k, s in zip(found["kind"], found["subject"], strict=True)
    ]
    within = [
        f"source: {labels['sources'].get(key, key)}" if by == "source" else f"cargo: {key}"
        for by, key in zip(found["by"], found["key"], strict=True)
    ]
    return pd.DataFrame(
        {
            "disagreement": found["kind"].map(
                {"effect": "effect on bone", "pathway": "pathway direction"}
            ),
            "within": within,
            "on": subject,
            "good for bone / raised": found["for"],
            "bad for bone / lowered": found["against"],
        }
    ).rename_axis("conflict")


def conflicts_for_readers(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """:func:`conflict_table` of the data package's :func:`conflicts`, with its labels."""
    sources = load("sources", data_dir)
    families = load("pathway_families", data_dir)
    labels = {
        "sources": dict(zip(sources["source_id"], sources["label"], strict=True)),
        "process_groups": PROCESS_GROUP_LABELS,
        "pathway_families": dict(zip(families["family_id"], families["label"], strict=True)),
    }
    return conflict_table(conflicts(data_dir), labels)
