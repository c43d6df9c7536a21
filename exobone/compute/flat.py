"""One flat table of the findings: one row per finding, errata applied, link tables joined.

A reader who wants the evidence in R, Excel or pandas should not have to join findings.csv with
five link tables. :func:`findings_flat` does that join once: every column of findings.csv (in
its file order, so a column added to that file appears here without a code change), then the
labels of the source, compartment and disease, then each link table folded into one cell with
its values joined by :data:`SEPARATOR`. :func:`flat_dictionary` documents every column: the
findings.csv columns with their schema descriptions, the added ones with :data:`ADDED_COLUMNS`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exobone.compute.models import models_by_finding
from exobone.data import paths
from exobone.data.load import LIST_SEPARATOR, column_descriptions, load, load_corrected

#: joins the values of a multi-valued cell ("87; 92"); no value may contain it
SEPARATOR = LIST_SEPARATOR

#: columns the flat table adds to findings.csv's own, in order, with what each holds
ADDED_COLUMNS: dict[str, str] = {
    "source": "Label of the exosome source (vocab/sources.csv).",
    "source_parent": "Label of the broader source it belongs to, if any (e.g. Macrophage for "
    "M2 macrophage); empty for a top-level source.",
    "lineage_group": "Lineage group of the source (bone_cells, immune, adipose, endothelial, "
    "stem_cells, nerve, muscle, blood, other).",
    "compartment": "Where the source sits relative to bone, as the review groups its sources.",
    "disease": "Label of the disease or model (vocab/diseases.csv); empty if none is named.",
    "model_systems": "Model systems the finding's passage of the review states (in vitro, "
    "animal model, patients or human samples, in vivo; 'Not stated' if none), joined by '; ' "
    "(evidence/finding_models.csv, vocab/model_systems.csv).",
    "species": "Species of those systems where the passage names them (Human, Rat, Mouse; "
    "'Not stated' otherwise), joined by '; ' (vocab/species.csv).",
    "cargos": "Cargos the review names for the finding (canonical ids), joined by '; '; "
    "'unspecified' if none is named.",
    "cargo_groups": "Each cargo's group: a miRNA without its arm (miR-19b for miR-19b-3p), "
    "other cargos as named (vocab/cargos.csv cargo_group), each once, joined by '; '.",
    "cargo_types": "Type of each cargo in the same order (miRNA, lncRNA, protein, ...), "
    "joined by '; '.",
    "targets": "Molecular targets with their direction, e.g. 'OCN (up)', joined by '; '.",
    "pathways": "Signalling pathways with their direction, e.g. 'Wnt/β-catenin signalling "
    "(up)', joined by '; '.",
    "pathway_ids": "Canonical pathway ids in the same order as pathways, joined by '; '.",
    "pathway_families": "The families of those pathways (vocab/pathway_families.csv, e.g. "
    "'Wnt family (any branch)' for Wnt/β-catenin and Wnt with the branch not stated), each once, "
    "joined by '; '.",
    "effects": "Effects with direction and target cell, e.g. 'Osteogenic differentiation "
    "(up, in Bone marrow mesenchymal stem cell)', joined by '; '.",
    "effect_ids": "Canonical effect ids in the same order as effects, joined by '; '.",
    "review_terms": "The review's own wording of the cargos, targets and pathways (errata "
    "applied: corrected spellings), joined by '; '.",
    "ref_ids": "The review's reference numbers cited for the finding, ascending, joined by '; '.",
    "exosome_species": "Species the exosomes come from (vocab/species.csv), where an added "
    "study states it.",
    "sample_source": "Sample the exosomes were separated from (vocab/sample_sources.csv), "
    "where stated.",
    "separation_method": "How they were separated (vocab/separation_methods.csv), where stated.",
    "particle_size_nm": "Particle diameter in nm as reported (a value or a range), where stated.",
    "characterisation_markers": "Proteins reported on the preparation (vocab/ev_markers.csv), "
    "joined by '; '.",
}


def _joined(long: pd.DataFrame, column: str, what: str) -> pd.Series:
    """finding_id -> the values of ``column`` in file order, joined by SEPARATOR."""
    values = long[column].astype(str)
    bad = long.loc[values.str.contains(SEPARATOR, regex=False)]
    if not bad.empty:
        first = bad.iloc[0]
        raise ValueError(
            f"{what} of finding {first['finding_id']}, value {first[column]!r}: contains "
            f"{SEPARATOR!r}, which separates values in the flat table"
        )
    return long.assign(_v=values).groupby("finding_id", sort=False)["_v"].agg(SEPARATOR.join)


def _with_direction(label: pd.Series, direction: pd.Series) -> pd.Series:
    return label + direction.map(lambda d: f" ({d})" if d else "")


def _link_tables(data_dir: Path):
    """The link tables joined with their vocabularies, each with the text shown per link:
    cargos, targets, pathways, effects, the review's wordings and the references."""
    cargos = load_corrected("finding_cargos", data_dir).merge(
        load_corrected("cargos", data_dir)[["cargo_id", "cargo_type", "cargo_group"]],
        on="cargo_id",
        how="left",
    )
    targets = load_corrected("finding_targets", data_dir).merge(
        load_corrected("targets", data_dir)[["target_id", "label"]], on="target_id", how="left"
    )
    targets["shown"] = _with_direction(targets["label"], targets["direction"])
    pathways = load_corrected("finding_pathways", data_dir).merge(
        load_corrected("pathways", data_dir)[["pathway_id", "label", "family_id"]],
        on="pathway_id",
        how="left",
    )
    families = load_corrected("pathway_families", data_dir).set_index("family_id")["label"]
    pathways["family"] = pathways["family_id"].map(families)
    pathways["shown"] = _with_direction(pathways["label"], pathways["direction"])
    cells = load_corrected("cells", data_dir).set_index("cell_id")["label"]
    effects = load_corrected("finding_effects", data_dir).merge(
        load_corrected("effects", data_dir)[["effect_id", "label"]], on="effect_id", how="left"
    )
    in_cell = effects["target_cell"].map(
        lambda c: "" if c in ("", "unspecified") else f", in {cells.get(c, c)}"
    )
    effects["shown"] = effects["label"] + " (" + effects["direction"] + in_cell + ")"
    wording = pd.concat(
        [frame[["finding_id", "review_term"]] for frame in (cargos, targets, pathways)]
    )
    wording = wording[wording["review_term"] != ""].drop_duplicates()
    refs = load("finding_refs", data_dir).sort_values(["finding_id", "ref_id"], kind="stable")
    refs["ref_id"] = refs["ref_id"].astype(int)

    return cargos, targets, pathways, effects, wording, refs


def _isolation(data_dir: Path) -> pd.DataFrame:
    """finding_id -> exosome species, sample source and separation method labels, particle
    size."""
    frame = load_corrected("finding_isolation", data_dir).set_index("finding_id")
    out = pd.DataFrame(index=frame.index)
    for column, vocab, key in [
        ("exosome_species", "species", "species_id"),
        ("sample_source", "sample_sources", "sample_source_id"),
        ("separation_method", "separation_methods", "separation_method_id"),
    ]:
        labels = load_corrected(vocab, data_dir).set_index(key)["label"]
        out[column] = frame[key].fillna("").map(lambda v, labels=labels: labels.get(v, ""))
    out["particle_size_nm"] = frame["particle_size_nm"].fillna("").astype(str)
    return out


def findings_flat(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per finding, in findings.csv order, errata applied; columns as documented by
    :func:`flat_dictionary`. A finding without a cargo, target, pathway, effect or reference
    has an empty cell there; no finding is dropped."""
    findings = load_corrected("findings", data_dir)
    sources = load_corrected("sources", data_dir).set_index("source_id")
    diseases = load_corrected("diseases", data_dir).set_index("disease_id")["label"]
    compartments = load_corrected("compartments", data_dir).set_index("compartment_id")["label"]

    cargos, targets, pathways, effects, wording, refs = _link_tables(data_dir)

    parent = sources["parent_id"]
    linked = {
        "source": findings["source_id"].map(sources["label"]),
        "source_parent": findings["source_id"]
        .map(parent)
        .map(lambda p: sources["label"].get(p, "") if p else ""),
        "lineage_group": findings["source_id"].map(sources["lineage_group"]),
        "compartment": findings["source_id"].map(sources["compartment"]).map(compartments),
        "disease": findings["disease_id"].map(lambda d: diseases.get(d, "") if d else ""),
    }
    folded = {
        "cargos": _joined(cargos, "cargo_id", "cargo"),
        "cargo_groups": _joined(
            cargos.drop_duplicates(["finding_id", "cargo_group"]), "cargo_group", "cargo group"
        ),
        "cargo_types": _joined(cargos, "cargo_type", "cargo type"),
        "targets": _joined(targets, "shown", "target"),
        "pathways": _joined(pathways, "shown", "pathway"),
        "pathway_ids": _joined(pathways, "pathway_id", "pathway id"),
        "pathway_families": _joined(
            pathways.drop_duplicates(["finding_id", "family"]), "family", "pathway family"
        ),
        "effects": _joined(effects, "shown", "effect"),
        "effect_ids": _joined(effects, "effect_id", "effect id"),
        "review_terms": _joined(wording, "review_term", "review term"),
        "ref_ids": _joined(refs, "ref_id", "reference"),
    }
    models = models_by_finding(
        load_corrected("finding_models", data_dir),
        load_corrected("model_systems", data_dir),
        load_corrected("species", data_dir),
    ).set_index("finding_id")
    linked["model_systems"] = findings["finding_id"].map(models["model_systems"])
    linked["species"] = findings["finding_id"].map(models["species"])
    isolation = _isolation(data_dir)
    linked |= {
        name: findings["finding_id"].map(lambda i, name=name: isolation[name].get(i, ""))
        for name in ("exosome_species", "sample_source", "separation_method", "particle_size_nm")
    }
    markers = load_corrected("finding_characterisation", data_dir).merge(
        load_corrected("ev_markers", data_dir)[["marker_id", "label"]], on="marker_id", how="left"
    )
    folded["characterisation_markers"] = _joined(markers, "label", "characterisation marker")
    out = findings.copy()
    for name, series in linked.items():
        out[name] = series.fillna("")
    for name, series in folded.items():
        out[name] = out["finding_id"].map(series).astype(object).fillna("")
    return out[list(findings.columns) + list(ADDED_COLUMNS)]


def flat_dictionary(data_dir: Path = paths.DATA_DIR) -> pd.DataFrame:
    """One row per column of :func:`findings_flat`: column, where it comes from, meaning."""
    rows = [
        {"column": column, "from": "evidence/findings.csv", "description": description}
        for column, description in column_descriptions("findings", data_dir).items()
    ]
    rows += [
        {"column": name, "from": "joined (vocab/ and evidence/ link tables)", "description": d}
        for name, d in ADDED_COLUMNS.items()
    ]
    return pd.DataFrame(rows, columns=["column", "from", "description"])
