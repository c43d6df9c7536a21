"""The data behind the evidence gap map: every finding with what a map cell needs, as JSON.

Rows of the map are the exosome sources grouped by compartment (the review's order of
compartments, then the order of vocab/sources.csv); columns are one of three *axes*: effect
groups, pathway families or diseases. A finding sits in the cell of its source and of each
column it names. Each (finding, column) pair carries the direction of the finding *for bone*
there: ``good`` or ``bad`` (an effect's direction times whether its increase helps bone),
``mixed`` (both), ``none`` (not stated: no effect with a known value for bone). On the effect
axis that is the finding's effects in that group; on the pathway and disease axes it is all
its effects. The map's script counts findings and distinct references per cell from this, so
filters (compartment, evidence, model system, species, cargo type, pathway family,
direction) work in place.

:func:`map_payload` builds the whole structure from frames (tested on handmade frames);
:func:`gap_map_data` reads the data package and calls it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.compute.conflicts import conflicts
from exobone.compute.labels import PROCESS_GROUP_LABELS
from exobone.data import paths
from exobone.data.load import load

AXES = {
    "effect": "Effect groups",
    "family": "Pathway families",
    "disease": "Diseases and models",
}
DIRECTIONS = {
    "good": "Good for bone",
    "bad": "Bad for bone",
    "mixed": "Mixed",
    "none": "Not stated",
}
EVIDENCE = {"review": "Review", "added": "Added"}


def direction_of(signs) -> str:
    """'good', 'bad', 'mixed' or 'none' for a collection of bone valences (+1, -1, 0)."""
    kinds = {int(s) for s in signs} - {0}
    if not kinds:
        return "none"
    if kinds == {1}:
        return "good"
    if kinds == {-1}:
        return "bad"
    return "mixed"


def _valences(finding_effects: pd.DataFrame, effects: pd.DataFrame) -> pd.DataFrame:
    rows = finding_effects.merge(effects[["effect_id", "process_group", "bone_benefit_if_up"]])
    sign = rows["direction"].map({"up": 1, "down": -1}).fillna(0).astype(int)
    return rows.assign(valence=sign * rows["bone_benefit_if_up"].astype(int))


def _listed(frame: pd.DataFrame, column: str) -> dict[str, list[str]]:
    """finding_id -> distinct values of ``column`` in file order."""
    return {
        fid: list(dict.fromkeys(group[column]))
        for fid, group in frame.groupby("finding_id", sort=False)
    }


def _columns(tables: dict[str, pd.DataFrame]) -> dict[str, list[dict]]:
    """Each axis's columns (id, label) in the vocabularies' order, every one kept (a column
    without findings shows as a column of gaps)."""
    used = set(tables["effects"]["process_group"])
    groups = [g for g in PROCESS_GROUP_LABELS if g in used] + sorted(
        used - set(PROCESS_GROUP_LABELS)
    )
    families = tables["pathway_families"].sort_values("position")
    return {
        "effect": [{"id": g, "label": PROCESS_GROUP_LABELS.get(g, g)} for g in groups],
        "family": [
            {"id": i, "label": lab}
            for i, lab in zip(families["family_id"], families["label"], strict=True)
        ],
        "disease": [
            {"id": i, "label": lab}
            for i, lab in zip(
                tables["diseases"]["disease_id"], tables["diseases"]["label"], strict=True
            )
        ],
    }


def _references(tables: dict[str, pd.DataFrame]) -> tuple[dict, dict]:
    """(ref key -> number, first author, year, title), (finding_id -> ref keys)."""
    refs = {}
    for r in tables["references"].itertuples(index=False):
        refs[str(r.ref_id)] = {
            "n": str(r.ref_id),
            "author": r.first_author_surname or "",
            "year": "" if pd.isna(r.year) else str(r.year),
            "title": r.title or "",
        }
    for r in tables["added_references"].itertuples(index=False):
        author = str(r.authors).split(",")[0].split(" ")[0] if r.authors else ""
        refs[str(r.ref_id)] = {
            "n": str(r.ref_id),
            "author": author,
            "year": str(r.year),
            "title": r.title or "",
        }
    links = pd.concat(
        [
            tables["finding_refs"].astype({"ref_id": "int64"}).astype({"ref_id": str}),
            tables["finding_added_refs"].astype({"ref_id": str}),
        ],
        ignore_index=True,
    )
    return refs, _listed(links, "ref_id")


def _options(frame: pd.DataFrame, key: str) -> list[dict]:
    return [{"id": i, "label": lab} for i, lab in zip(frame[key], frame["label"], strict=True)]


def _arm_shown(arm) -> str:
    if not arm or pd.isna(arm):
        return ""
    return " (arm not stated)" if arm == "not_stated" else f" ({arm} arm)"


def _finding_fields(t: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Per field of a finding record: finding_id -> value (lists in file order)."""
    valences = _valences(t["finding_effects"], t["effects"])
    by_group: dict[str, dict[str, str]] = {}
    grouped = valences.groupby(["finding_id", "process_group"], sort=False)["valence"]
    for (fid, group), d in grouped.agg(direction_of).items():
        by_group.setdefault(fid, {})[group] = d
    family = t["pathways"].set_index("pathway_id")["family_id"]
    links = t["finding_pathways"]
    cargos = t["finding_cargos"].merge(
        t["cargos"][["cargo_id", "cargo_type", "cargo_group", "arm"]]
    )
    named = cargos.assign(shown=cargos["cargo_id"] + cargos["arm"].map(_arm_shown))
    return {
        "bone": valences.groupby("finding_id")["valence"].agg(direction_of).to_dict(),
        "groups": by_group,
        "families": _listed(links.assign(f=links["pathway_id"].map(family)), "f"),
        "models": _listed(t["finding_models"], "model_system_id"),
        "species": _listed(t["finding_models"], "species_id"),
        "cargo_types": _listed(cargos, "cargo_type"),
        "cargos": _listed(named[named["cargo_id"] != "unspecified"], "shown"),
    }


def _finding_records(t: dict[str, pd.DataFrame], ref_keys: dict) -> list[dict]:
    """One JSON record per finding, in findings.csv order."""
    fields = _finding_fields(t)
    records = []
    for f in t["findings"].itertuples(index=False):
        fid = f.finding_id
        bone = fields["bone"].get(fid, "none")
        line = f.source_line
        records.append(
            {
                "id": fid,
                "source": f.source_id,
                "evidence": f.evidence,
                "claim": f.claim,
                "where": f"line {int(line)}" if not pd.isna(line) else (f.locator or ""),
                "models": fields["models"].get(fid, ["unspecified"]),
                "species": fields["species"].get(fid, ["unspecified"]),
                "cargos": fields["cargos"].get(fid, []),
                "cargo_types": fields["cargo_types"].get(fid, ["unspecified"]),
                "refs": ref_keys.get(fid, []),
                "bone": bone,
                "cols": {
                    "effect": fields["groups"].get(fid, {}),
                    "family": {c: bone for c in fields["families"].get(fid, [])},
                    "disease": {f.disease_id: bone} if f.disease_id else {},
                },
            }
        )
    return records


def _rows(t: dict[str, pd.DataFrame]) -> list[dict]:
    """Sources grouped by compartment (the review's order), vocabulary order within one."""
    order = dict(
        zip(t["compartments"]["compartment_id"], t["compartments"]["position"], strict=True)
    )
    sources = t["sources"].assign(_o=t["sources"]["compartment"].map(order))
    return [
        {"id": s.source_id, "label": s.label, "compartment": s.compartment}
        for s in sources.sort_values("_o", kind="stable").itertuples(index=False)
    ]


def map_payload(tables: dict[str, pd.DataFrame], conflict_rows: pd.DataFrame) -> dict:
    """The map's JSON structure (see the module docstring) from the resources ``tables``
    (:data:`RESOURCES`) and the rows of :func:`exobone.compute.conflicts.conflicts` (those
    keyed by source are marked on the map)."""
    t = tables
    refs, ref_keys = _references(t)
    findings = _finding_records(t, ref_keys)
    cited = sorted({r for f in findings for r in f["refs"]})
    on_map = conflict_rows[conflict_rows["by"] == "source"].to_dict("records")
    return {
        "axes": {
            k: {"label": v, "columns": cols}
            for (k, v), cols in zip(AXES.items(), _columns(t).values(), strict=True)
        },
        "compartments": _options(t["compartments"].sort_values("position"), "compartment_id"),
        "rows": _rows(t),
        "filters": {
            "evidence": [{"id": k, "label": v} for k, v in EVIDENCE.items()],
            "model": _options(t["model_systems"], "model_system_id"),
            "species": _options(t["species"], "species_id"),
            "cargo_type": _options(t["cargo_types"], "cargo_type"),
            "family": _options(t["pathway_families"].sort_values("position"), "family_id"),
            "direction": [{"id": k, "label": v} for k, v in DIRECTIONS.items()],
        },
        "refs": {k: refs[k] for k in cited if k in refs},
        "findings": findings,
        "conflicts": [
            {
                "axis": "effect" if c["kind"] == "effect" else "family",
                "row": c["key"],
                "col": c["subject"],
                "for": c["for"].split("; "),
                "against": c["against"].split("; "),
            }
            for c in on_map
        ],
    }


RESOURCES = (
    "findings",
    "sources",
    "compartments",
    "effects",
    "finding_effects",
    "pathways",
    "pathway_families",
    "finding_pathways",
    "diseases",
    "cargos",
    "finding_cargos",
    "cargo_types",
    "model_systems",
    "species",
    "finding_models",
    "references",
    "added_references",
    "finding_refs",
    "finding_added_refs",
)


def gap_map_data(data_dir: Path = paths.DATA_DIR) -> dict:
    """:func:`map_payload` of the data package."""
    tables = {name: load(name, data_dir) for name in RESOURCES}
    return map_payload(tables, conflicts(data_dir))
