"""The book's figures, one function each: which chart draws it, with which labels, axis titles
and *Data* line. A chapter calls ``ch.figures.<name>(frame, ...)`` with the frame it computed;
the wiring lives here, so a chapter's code is its analysis (and a figure changes in one place).

Each function passes its arguments to :func:`exobone.chapter.show.figure` (saved data, alt
text from the data drawn, SVG and PNG, the *Data* line).
"""

from __future__ import annotations

import pandas as pd

from exobone.chapter.show import figure, short_by_label, short_labels
from exobone.compute.evidence import compartment_labels
from exobone.compute.labels import vocabulary_labels
from exobone.figures import biogenesis, charts, diagrams, style


def _from(*files: str) -> str:
    return " (from " + ", ".join(f"`{f}`" for f in files) + ")"


def _downloads(*paths: str) -> str:
    links = [f"{{download}}`{p.rsplit('/', 1)[-1]} <../data/{p}>`" for p in paths]
    return ", ".join(links[:-1]) + " and " + links[-1] if len(links) > 1 else links[0]


def findings_per_source(per_source: pd.DataFrame) -> None:
    """Findings per source, coloured by compartment."""
    figure(
        charts.grouped_bars,
        per_source,
        "fig-findings-per-source",
        label="source_id",
        value="n_findings",
        xlabel="Findings",
        colour="compartment",
        colours=style.COMPARTMENT,
        legend=compartment_labels(),
        labels={"source_id": "sources"},
        what="sources",
        about=_from("findings.csv", "finding_refs.csv", "sources.csv"),
    )


def source_pathway(matrix: pd.DataFrame, row_evidence: pd.Series, links=None) -> None:
    """Findings per source and pathway (rows resting on added findings marked); ``links``:
    each count's address in the evidence map (:func:`exobone.render.gap_map.heatmap_links`)."""
    figure(
        charts.count_heatmap,
        matrix,
        "fig-source-pathway",
        links=links,
        saved=matrix.join(row_evidence).reset_index(),
        rows="sources",
        columns="pathways",
        added=row_evidence,
        xlabel="Signalling pathway",
        ylabel="Source of exosomes",
        what="sources",
        about=_from("findings.csv", "finding_pathways.csv"),
    )


def cargo_types(cargo_types: pd.DataFrame) -> None:
    """Cargo types per source, stacked."""
    figure(
        charts.stacked_bars,
        cargo_types,
        "fig-cargo-types",
        saved=cargo_types.reset_index(),
        rows="sources",
        xlabel="Finding × cargo links",
        legend=short_labels()["cargo_types"],
        legend_title="Cargo type",
        what="sources",
        about=_from("findings.csv", "finding_cargos.csv", "cargos.csv"),
    )


def direction_by_source(direction: pd.DataFrame) -> None:
    """Beneficial against harmful finding × effect pairs per source."""
    figure(
        charts.diverging_bars,
        direction,
        "fig-direction-by-source",
        label="source_id",
        labels={"source_id": "sources"},
        what="sources",
        about=_from("findings.csv", "finding_effects.csv", "effects.csv", "sources.csv"),
    )


def compartments(by_compartment: pd.DataFrame) -> None:
    """Beneficial, harmful and unclear pairs per compartment."""
    counts = by_compartment.loc[["n_beneficial", "n_harmful", "n_unclear"]].T
    figure(
        charts.direction_bars,
        counts.rename(index=compartment_labels()),
        "fig-compartments",
        saved=by_compartment.reset_index(),
        what="compartments",
    )


def evidence_map(disease_map: pd.DataFrame, links=None) -> None:
    """Findings per source and disease or model; ``links`` as for :func:`source_pathway`."""
    figure(
        charts.count_heatmap,
        disease_map,
        "fig-evidence-map",
        links=links,
        saved=disease_map.reset_index(),
        rows="sources",
        columns="diseases",
        xlabel="Disease or model",
        ylabel="Source of exosomes",
        what="sources",
        about=_from("findings.csv", "sources.csv"),
    )


def pathway_network(pathway_paths: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Source -> pathway -> effect, framed by compartment."""
    short = short_labels()
    figure(
        diagrams.pathway_network,
        pathway_paths,
        "fig-network",
        source_labels=short["sources"],
        pathway_labels=short["pathways"],
        effect_labels=short["effects"],
        compartment_of=dict(zip(sources["source_id"], sources["compartment"], strict=True)),
        compartment_labels=compartment_labels(),
        about=(
            " (drawn: source, pathway, effect, change, bone valence, findings),"
            " {download}`network-edges.csv <figure_data/network-edges.csv>` (all edges of the"
            " wider network), from `findings.csv`, `finding_cargos.csv`, `finding_targets.csv`,"
            " `finding_pathways.csv`, `finding_effects.csv`"
        ),
    )


def reference_years(years: pd.DataFrame) -> None:
    """The review's references per year."""
    figure(
        charts.year_histogram,
        years,
        "fig-reference-years",
        about=" (references per year), from `data/generated/references.csv`",
    )


def citations_per_section(per_section: pd.DataFrame) -> None:
    """Distinct references cited per section of the review."""
    figure(
        charts.section_bars,
        per_section,
        "fig-citations-per-section",
        about=(
            " (per section: first citing line, reference–line pairs, distinct references),"
            " parsed from `data/source/review.txt`"
        ),
    )


def figure_1a(nonbone: pd.DataFrame) -> None:
    """Fig. 1a: non-bone-derived sources by lineage."""
    names = vocabulary_labels()["compartments"]
    figure(
        charts.grouped_bars,
        nonbone,
        "fig-1a-sources",
        label="source_id",
        value="n_findings",
        xlabel="Findings",
        colour="compartment",
        colours=style.COMPARTMENT,
        legend={c: names[c] for c in nonbone["compartment"].unique()},
        group="lineage_group",
        labels={"source_id": "sources", "lineage_group": "lineage_groups"},
        what="sources",
        about=" (sources as plotted), from "
        + _downloads("evidence/findings.csv", "vocab/sources.csv"),
    )


def figure_1b(members: pd.DataFrame) -> None:
    """Fig. 1b: the components of exosomes."""
    figure(
        diagrams.draw_composition,
        members,
        "fig-1b-composition",
        about=(
            " (members as plotted), from"
            " {download}`exosome_composition.csv <../data/review/exosome_composition.csv>` (one"
            " row per member, with the text line naming it) and {download}"
            "`exosome_composition_refs.csv <../data/review/exosome_composition_refs.csv>`"
            " (references per member)"
        ),
    )


def figure_1c(positive: pd.DataFrame) -> None:
    """Fig. 1c: effects in bone's favour, by process."""
    figure(
        charts.grouped_bars,
        positive,
        "fig-1c-positive-effects",
        label="effect_id",
        value="n_findings",
        xlabel="Findings of non-bone-derived exosomes",
        colour=style.BENEFICIAL,
        group="process_group",
        labels={"effect_id": "effects", "process_group": "process_groups"},
        what="effects",
        about=", from "
        + _downloads("evidence/finding_effects.csv", "vocab/effects.csv", "evidence/findings.csv"),
    )


def figure_2(graph, plotted: pd.DataFrame) -> None:
    """Fig. 2: biogenesis and secretion."""
    figure(
        biogenesis.biogenesis_diagram,
        graph,
        "fig-2-biogenesis",
        saved=plotted,
        about=(
            " (one row per arrow and regulator, with the positions drawn), from"
            " {download}`biogenesis_steps.csv <../data/review/biogenesis_steps.csv>` (boxes),"
            " {download}`biogenesis_edges.csv <../data/review/biogenesis_edges.csv>` (arrows),"
            " {download}`biogenesis_regulators.csv <../data/review/biogenesis_regulators.csv>`"
            " and {download}`biogenesis_regulator_refs.csv"
            " <../data/review/biogenesis_regulator_refs.csv>` (regulators and their references)"
        ),
    )


def figure_3(diseases: pd.DataFrame) -> None:
    """Fig. 3: diseases by process group."""
    figure(
        charts.count_heatmap,
        diseases.rename(index=short_by_label("diseases")),
        "fig-3-disease-functions",
        saved=diseases.reset_index(),
        columns="process_groups",
        xlabel="Process",
        ylabel="",
        order_by_totals=True,
        what="diseases or models",
        about=", from "
        + _downloads(
            "evidence/findings.csv",
            "evidence/finding_effects.csv",
            "vocab/effects.csv",
            "vocab/diseases.csv",
        ),
    )


def trial_status(comparison: pd.DataFrame) -> None:
    """Trials per status: described one by one, and as the review's summary states."""
    figure(
        charts.draw_status_chart,
        comparison,
        "fig-trial-status",
        about=" (per status: trials described, count stated), from "
        + _downloads("review/trials.csv", "review/trial_search.csv"),
    )


def data_model(resources, relations: pd.DataFrame) -> None:
    """The data files and their foreign keys (drawn from datapackage.json, no data file)."""
    figure(
        diagrams.entity_diagram,
        resources,
        "fig-data-model",
        relations=relations,
        saved=False,
        about="*Source:* `data/datapackage.json`",
    )
