"""Markdown (MyST) written for the book's pages from frames: citations, glossary, evidence lists.

Every value from data passes :func:`exobone.render.escape.escape_myst` before it is placed in
the text; generated markup (``{cite}`` and ``{term}`` roles) is added around escaped text only.
"""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd

from exobone.render.escape import escape_myst, md_table_cell

#: Terms not linked automatically: the review's own expansion of "Ras" (renin-angiotensin
#: system) does not fit its use inside pathway names (RTK/Ras/MAPK, SPRED1/Ras/Erk), so a link
#: would mislead; the glossary still lists it as published, with a note.
NOT_LINKED = ("Ras",)


def cite(ref_ids) -> str:
    """A MyST citation of the review's references, ascending and once each:
    ``cite([92, 87, 92])`` -> ``{cite}`ref087,ref092``` (labels print as [87], [92])."""
    keys = ",".join(f"ref{int(r):03d}" for r in sorted({int(r) for r in ref_ids}))
    return f"{{cite}}`{keys}`" if keys else ""


def link_terms(text: str, terms, skip=NOT_LINKED) -> str:
    """Wrap each whole-word occurrence of a glossary term in a MyST ``{term}`` role.

    ``text`` is already-escaped Markdown. Matching is exact (case-sensitive); a term inside a
    longer token (``PI`` in ``PI3K``, ``OA`` in ``OAT``) is not matched; the longest term wins
    where terms overlap. Only terms made of letters, digits, spaces, ``-`` and ``/`` are
    linked (anything else would need escaping inside the role).
    """
    safe = re.compile(r"[\w\- /]+")
    wanted = sorted(
        (t for t in set(terms) if t not in set(skip) and safe.fullmatch(t)), key=len, reverse=True
    )
    if not wanted:
        return text
    pattern = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(t) for t in wanted) + r")(?![\w\-])")
    return pattern.sub(lambda m: f"{{term}}`{m.group(1)}`", text)


# --- glossary ------------------------------------------------------------------------------


def glossary_markdown(terms: pd.DataFrame) -> str:
    """A MyST ``{glossary}`` directive block: one entry per row of ``terms`` (columns term and
    definition), sorted case-insensitively, each as ``term`` / three-space-indented definition."""
    rows = sorted(
        zip(terms["term"], terms["definition"], strict=True),
        key=lambda r: (r[0].casefold(), r[0]),
    )
    entries = [f"{escape_myst(t, term=True)}\n   {escape_myst(d)}" for t, d in rows]
    return "```{glossary}\n" + "\n\n".join(entries) + "\n```\n"


def undefined_markdown(undefined: pd.DataFrame) -> str:
    """Sentence-ready Markdown for ``undefined_table_terms``: 'none' or the terms with the
    table row that first uses each (e.g. '*SOST* (row T1-07)')."""
    if undefined.empty:
        return "none"
    return ", ".join(
        f"*{escape_myst(t)}* (row {escape_myst(r)})"
        for t, r in zip(undefined["term"], undefined["row_id"], strict=True)
    )


# --- evidence ------------------------------------------------------------------------------


def _flag(value) -> bool:
    """True for a set boolean flag; False for False, missing or <NA>."""
    return value is not None and value is not pd.NA and bool(value)


def finding_note(f, added_refs: pd.Series) -> str:
    """What the bullet of one finding says after its claim: id, where it comes from (table
    row or line of the review; or 'added' with the paper's locator, who and when), and the
    doubts recorded for it (uncited sentence, vesicle inferred) -- escaped Markdown."""
    parts = [escape_myst(f.finding_id)]
    if getattr(f, "evidence", "review") == "added":
        refs = ", ".join(f"[{r}]" for r in added_refs.get(f.finding_id, []))
        parts[0] = f"**added**: {parts[0]}"
        parts.append(escape_myst(f"{f.locator} of {refs}; added by {f.added_by}, {f.added_on}"))
    elif f.origin == "table":
        parts.append(f"table row {escape_myst(f.table_row_id)}")
    else:
        parts.append(f"line {f.source_line}")
    if getattr(f, "kind", "effect") == "biomarker":
        parts.append("biomarker")
    if _flag(getattr(f, "sentence_uncited", False)):
        parts.append(
            "*doubt: the sentence cites nothing itself; the reference is the one cited next to it*"
        )
    if _flag(getattr(f, "vesicle_inferred", False)):
        parts.append("*doubt: the sentence names no vesicle; 'exosome' inferred from the section*")
    return "; ".join(parts)


def source_anchor(source_id: str) -> str:
    """The id of a source's heading on the evidence page (``source-m2-macrophage``)."""
    return "source-" + re.sub(r"[^a-z0-9]+", "-", str(source_id).lower()).strip("-")


def finding_anchor(finding_id: str) -> str:
    """The id of a finding's line on the evidence page (``finding-f-t1-01``)."""
    return "finding-" + re.sub(r"[^a-z0-9]+", "-", str(finding_id).lower()).strip("-")


def _source_order(findings: pd.DataFrame) -> list[tuple[str, int]]:
    """(source_id, depth) in reading order: lineage groups in the order the review first
    reports them, sources by label within a group, each sub-source right after its parent
    (depth 1), so related sources sit together; sub-sources whose parent has no finding of its
    own stay next to each other (depth 0)."""
    info = findings.drop_duplicates("source_id").set_index("source_id")
    present = set(info.index)
    # added findings have no line of the review: a group of only those comes last
    first_line = findings.groupby("lineage_group")["source_line"].min().fillna(10**9)

    def key(s: str) -> tuple[int, str, int, str]:
        group, label = int(first_line[info.at[s, "lineage_group"]]), info.at[s, "source_label"]
        parent = info.at[s, "parent_id"] if isinstance(info.at[s, "parent_id"], str) else ""
        if parent in present:
            return (group, info.at[parent, "source_label"], 1, label)
        if parent:
            return (group, parent, 0, label)
        return (group, label, 0, "")

    return [(s, key(s)[2]) for s in sorted(info.index, key=key)]


def evidence_markdown(
    findings: pd.DataFrame,
    finding_refs: pd.DataFrame,
    terms,
    compartments: dict[str, str],
    finding_added_refs: pd.DataFrame | None = None,
    level: int = 3,
) -> str:
    """The findings by source: a heading per compartment (level ``level``), inside it a
    heading per source (``level + 1``) with its sub-sources under it (``level + 2``), so every
    source is an entry of the page's contents; one bullet per finding (claim with its
    abbreviations linked to the glossary, citation, then :func:`finding_note`: id, table row or
    line of the review -- or 'added' with the paper's locator and its added reference [A1],
    ... -- and any attribution doubt).

    ``findings``: findings joined with their sources (``findings_with_sources``);
    ``terms``: glossary terms; ``compartments``: compartment id -> label, in reading order;
    ``finding_added_refs``: the added findings' references (finding_id, ref_id).
    Each source heading has the id :func:`source_anchor`, each finding :func:`finding_anchor`.
    """
    refs = finding_refs.groupby("finding_id")["ref_id"].agg(list)
    if finding_added_refs is None:
        finding_added_refs = pd.DataFrame(columns=["finding_id", "ref_id"])
    added_refs = finding_added_refs.groupby("finding_id")["ref_id"].agg(list)
    out: list[str] = []
    for compartment in compartments:
        mine = findings[findings["compartment"] == compartment]
        if mine.empty:
            continue
        out.append(f"{'#' * level} {escape_myst(compartments[compartment])}\n")
        for source_id, depth in _source_order(mine):
            rows = mine[mine["source_id"] == source_id].sort_values("finding_id")
            label = escape_myst(rows["source_label"].iloc[0])
            plural = "s" if len(rows) != 1 else ""
            out.append(f"({source_anchor(source_id)})=")
            out.append(f"{'#' * (level + 1 + depth)} {label}\n")
            out.append(f"{len(rows)} finding{plural}:\n")
            for f in rows.itertuples(index=False):
                claim = link_terms(escape_myst(f.claim), terms)
                citation = cite(refs.get(f.finding_id, []))
                cited = f"{claim} {citation}" if citation else claim
                anchor = f'<span id="{finding_anchor(f.finding_id)}"></span>'
                out.append(f"- {anchor}{cited} ({finding_note(f, added_refs)})")
            out.append("")
    return "\n".join(out)


def added_references_markdown(added: pd.DataFrame, guide: str) -> str:
    """The references added after the review, one bullet each: ``[A1]`` authors (year),
    title, journal, DOI and/or PMID, who added it and when; or a sentence that there are none
    yet, linking to ``guide`` (a document name for the ``{doc}`` role)."""
    if added.empty:
        return f"No study has been added yet: {{doc}}`{guide}` shows how.\n"
    lines = []
    for r in added.itertuples(index=False):
        ids = [f"DOI {r.doi}" if r.doi else "", f"PMID {r.pmid}" if r.pmid else ""]
        text = (
            f"{r.authors} ({r.year}). {r.title}. {r.journal}. {'; '.join(filter(None, ids))}. "
            f"Added by {r.added_by} on {r.added_on}."
        )
        lines.append(f"- **{escape_myst(f'[{r.ref_id}]')}** {escape_myst(text)}")
    return "\n".join(lines) + "\n"


def added_findings_note(n_added: int, guide: str, whats_new: str) -> str:
    """Why the table of added findings is empty, with links to ``guide`` (Add a study) and
    ``whats_new`` (document names for the ``{doc}`` role); '' when it is not empty."""
    if n_added:
        return ""
    return (
        "The table above is empty because no study has been added yet: every finding in this "
        "book is the review's own, as in the first release of the data "
        f"({{doc}}`What's new <{whats_new}>` lists every release). {{doc}}`{guide}` shows how "
        "to add a study published after the review; `make release` then publishes it as a new "
        "version.\n"
    )


# --- bibliometrics -------------------------------------------------------------------------


def refs_by_section_markdown(sections: pd.DataFrame) -> str:
    """Markdown table of a ``sections_of`` frame: one row per section, in review order, with
    the number of references and the references as citations (``{cite}`` roles)."""
    lines = ["| Section | Number | References |", "| :-- | --: | :-- |"]
    for section, group in sections.groupby("section", sort=False):
        ids = group["ref_id"].tolist()
        lines.append(f"| {md_table_cell(section)} | {len(ids)} | {cite(ids)} |")
    return "\n".join(lines)


# --- Figures 1b and 2 ----------------------------------------------------------------------


def composition_citations_markdown(
    members: pd.DataFrame, refs: pd.DataFrame, class_labels: dict[str, str]
) -> str:
    """One bullet per component class: number of members, how many are marker proteins, and
    the references the review cites where it names them (exosome_composition_refs)."""
    lines = []
    for cls, label in class_labels.items():
        mine = members[members["component_class"] == cls]
        if mine.empty:
            continue
        ids = refs.loc[refs["component_class"] == cls, "ref_id"]
        markers = int(mine["named_as_marker"].sum())
        extra = f", {markers} named as marker proteins" if markers else ""
        cited = f"; cited: {cite(ids)}" if len(ids) else "; no reference cited"
        noun = "member" if len(mine) == 1 else "members"
        lines.append(f"- **{escape_myst(label)}**: {len(mine)} {noun}{extra}{cited}")
    return "\n".join(lines) + "\n"


def regulators_markdown(graph: nx.DiGraph, regulators: pd.DataFrame, refs: pd.DataFrame) -> str:
    """The regulators of Fig. 2 as MyST tables, one per transition that has any: regulator,
    what it does (our words), text line and the references the review cites for it."""
    blocks = []
    for u, v, data in graph.edges(data=True):
        mine = regulators[(regulators["from_step"] == u) & (regulators["to_step"] == v)]
        if mine.empty:
            continue
        head = (
            f"**Stage {escape_myst(data['stage'])}: {escape_myst(graph.nodes[u]['label'])} → "
            f"{escape_myst(graph.nodes[v]['label'])}** ({md_table_cell(data['label'])})"
        )
        rows = ["| Regulator | What it does (our words) | Text line | Cited |", "|---|---|---|---|"]
        for r in mine.itertuples(index=False):
            ids = refs.loc[
                (refs["from_step"] == u)
                & (refs["to_step"] == v)
                & (refs["regulator"] == r.regulator),
                "ref_id",
            ]
            cells = [
                md_table_cell(r.regulator),
                md_table_cell(r.role),
                str(int(r.source_line)),
                cite(ids),
            ]
            rows.append("| " + " | ".join(cells) + " |")
        blocks.append(head + "\n\n" + "\n".join(rows))
    return "\n\n".join(blocks) + "\n"
