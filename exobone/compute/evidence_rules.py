"""The evidence rules: what every finding must have beyond what the schemas can say.

The Frictionless schemas check each file (types, allowed values, keys, foreign keys). These
rules check a finding across files, and say what to do about each problem:

- every finding has a source, and an effect (``kind`` effect, ``finding_effects.csv``) or a
  marker (``kind`` biomarker, ``finding_markers.csv``, whose condition is the finding's
  ``disease_id``);
- a **review** finding (``evidence`` review, origin table or narrative, id ``F-T..``/``F-N..``)
  names its line of the review and section, and cites at least one of the review's references
  (``finding_refs.csv``), each of them cited on that line of ``data/source/review.txt``;
- an **added** finding (``evidence`` added, origin added, id ``F-A..``) cites at least one added
  reference (``finding_added_refs.csv``) and no review reference, and says where in the paper
  (``locator``), who added it and when; it names no review line, section or table row;
- an added reference gives a DOI or a PMID;
- a pathway wording is one of ``vocab/pathway_synonyms.csv`` for that pathway;
- every finding has its model system (``finding_models.csv``): either one row
  ``unspecified`` or rows that each quote the words stating it (for a review finding, words
  that stand on its line of the review).

Rules read the files *without* validating them (:func:`exobone.data.load.read_unvalidated`), so
that they still explain a problem the schema check reports in its own terms. Problems are one
line each: file, row (as counted in the file, header = 1), finding, what is wrong, what to do.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd

from exobone.data import paths
from exobone.data.load import DataValidationError, read_unvalidated, validate
from exobone.parse.citations import cited_on_line, review_lines

#: resources the rules read
RESOURCES = (
    "findings",
    "finding_refs",
    "finding_added_refs",
    "added_references",
    "finding_effects",
    "finding_markers",
    "finding_pathways",
    "pathway_synonyms",
    "finding_models",
)
FINDINGS = "data/evidence/findings.csv"
#: spelled-out Greek letters and their symbols, for suggesting a known wording
GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ"}


def _rows(frame: pd.DataFrame) -> pd.Series:
    """Row number of each record as counted in the file (header = row 1)."""
    return pd.Series(range(2, len(frame) + 2), index=frame.index)


def _key(term: str) -> str:
    """A wording reduced for comparison: Greek letters as symbols, no case, spaces or dashes."""
    text = term.casefold()
    for word, symbol in GREEK.items():
        text = text.replace(word, symbol)
    return "".join(c for c in text if c not in " -–_")


def suggest_wording(term: str, known: list[str]) -> str | None:
    """The known wording closest to ``term`` (same letters up to Greek, case, spaces, dashes;
    else the closest by spelling), or None."""
    keys = {_key(k): k for k in known}
    if _key(term) in keys:
        return keys[_key(term)]
    close = difflib.get_close_matches(_key(term), list(keys), n=1, cutoff=0.75)
    return keys[close[0]] if close else None


def _pathway_problems(links: pd.DataFrame, synonyms: pd.DataFrame) -> list[str]:
    problems = []
    known = synonyms.groupby("review_term")["pathway_id"].agg(set).to_dict()
    for row, r in zip(_rows(links), links.itertuples(index=False), strict=True):
        where = f"data/evidence/finding_pathways.csv, row {row} ({r.finding_id})"
        if r.review_term not in known:
            hint = suggest_wording(r.review_term, list(known))
            use = f" or use {hint!r}" if hint else ""
            problems.append(
                f"{where}: {r.review_term!r} is not a known pathway wording; add it to "
                f"vocab/pathway_synonyms.csv (review_term, pathway_id){use}"
            )
        elif r.pathway_id not in known[r.review_term]:
            ids = ", ".join(sorted(known[r.review_term]))
            problems.append(
                f"{where}: vocab/pathway_synonyms.csv maps {r.review_term!r} to {ids}, not to "
                f"{r.pathway_id!r}; use one of these pathway_ids or add the pair to the synonyms"
            )
    return problems


def evidence_problems(frames: dict[str, pd.DataFrame], lines: list[str]) -> list[str]:
    """Every broken evidence rule (see the module docstring), one line each; [] = all kept.

    ``frames``: the resources in :data:`RESOURCES` as text frames (``read_unvalidated``);
    ``lines``: the review's lines (``review_lines()``).
    """
    findings = frames["findings"]
    refs = frames["finding_refs"].groupby("finding_id")["ref_id"].agg(list)
    added_refs = frames["finding_added_refs"].groupby("finding_id")["ref_id"].agg(list)
    effects = set(frames["finding_effects"]["finding_id"])
    markers = frames["finding_markers"]
    conditions = markers.groupby("finding_id")["condition_id"].agg(set)
    problems: list[str] = []
    for row, f in zip(_rows(findings), findings.itertuples(index=False), strict=True):
        if f.evidence == "review":
            mine = _review_finding_problems(f, refs, added_refs, lines)
        elif f.evidence == "added":
            mine = _added_finding_problems(f, refs, added_refs)
        else:
            mine = [f"evidence is {f.evidence!r}; write 'review' or 'added'"]
        mine = _content_problems(f, effects, conditions) + mine
        problems += [f"{FINDINGS}, row {row} ({f.finding_id}): {p}" for p in mine]
    for row, r in zip(
        _rows(frames["added_references"]),
        frames["added_references"].itertuples(index=False),
        strict=True,
    ):
        if not r.doi and not r.pmid:
            problems.append(
                f"data/added/references.csv, row {row} ({r.ref_id}): neither doi nor pmid; "
                "copy at least one of them from the paper"
            )
    problems += _pathway_problems(frames["finding_pathways"], frames["pathway_synonyms"])
    return problems + _model_problems(findings, frames["finding_models"], lines)


def _model_problems(findings: pd.DataFrame, models: pd.DataFrame, lines: list[str]) -> list[str]:
    """Each finding's model rows: present; unspecified alone; other rows quote the review."""
    problems = []
    where = "data/evidence/finding_models.csv"
    line_of = dict(zip(findings["finding_id"], findings["source_line"], strict=True))
    for fid in sorted(set(findings["finding_id"]) - set(models["finding_id"])):
        problems.append(
            f"{where}: finding {fid} has no model system; add a row (finding_id, "
            "model_system_id, species_id, review_term), 'unspecified' if its sentence states none"
        )
    for row, r in zip(_rows(models), models.itertuples(index=False), strict=True):
        at = f"{where}, row {row} ({r.finding_id})"
        mine = models[models["finding_id"] == r.finding_id]
        if r.model_system_id == "unspecified":
            if len(mine) > 1:
                problems.append(f"{at}: 'unspecified' beside another model system; drop one")
            continue
        if not r.review_term:
            problems.append(f"{at}: no review_term; quote the words that state the system")
            continue
        line = str(line_of.get(r.finding_id, ""))
        if (
            line.isdigit()
            and 1 <= int(line) <= len(lines)
            and r.review_term not in lines[int(line) - 1]
        ):
            problems.append(
                f"{at}: review_term {r.review_term!r} is not on line {line} of "
                "data/source/review.txt; quote the line's own words"
            )
    return problems


def _content_problems(f, effects: set, conditions: pd.Series) -> list[str]:
    """A source, and an effect or a marker (with the finding's condition)."""
    out = []
    if not f.source_id:
        out.append("no source; fill source_id with a source_id of vocab/sources.csv")
    if f.kind == "effect" and f.finding_id not in effects:
        out.append(
            "no effect; add a row to evidence/finding_effects.csv (finding_id, effect_id, "
            "direction, target_cell), or make it kind 'biomarker' with its markers in "
            "evidence/finding_markers.csv"
        )
    if f.kind == "biomarker":
        if f.finding_id not in conditions:
            out.append(
                "a biomarker finding without a marker; add a row to "
                "evidence/finding_markers.csv (finding_id, marker, marker_kind, body_fluid, "
                "condition_id, use, direction)"
            )
        elif conditions[f.finding_id] != {f.disease_id}:
            out.append(
                f"its markers are for {', '.join(sorted(conditions[f.finding_id]))} but "
                f"disease_id is {f.disease_id!r}; give the finding the markers' condition_id"
            )
    return out


def _review_finding_problems(f, refs: pd.Series, added_refs: pd.Series, lines) -> list[str]:
    out = []
    fid = f.finding_id
    if f.origin not in {"table", "narrative"} or not fid.startswith(("F-T", "F-N")):
        out.append(
            f"a review finding has origin {f.origin!r} and id {fid!r}; a review finding is a "
            "table row (origin table, id F-T<table>-<row>) or a sentence (origin narrative, id "
            "F-N<nnn>); a finding from outside the review is evidence 'added' with id F-A<nnn>"
        )
    if fid in added_refs:
        out.append(
            f"a review finding cites added reference(s) {', '.join(added_refs[fid])} in "
            "evidence/finding_added_refs.csv; cite the review's references in "
            "evidence/finding_refs.csv, or make the finding evidence 'added'"
        )
    if not f.section:
        out.append("no section; write the review heading the statement stands under")
    line = int(f.source_line) if str(f.source_line).isdigit() else None
    if line is None or not 1 <= line <= len(lines):
        out.append(
            f"source_line {f.source_line!r} is not a line of data/source/review.txt; write the "
            "line that carries the statement's citation"
        )
        return out
    if fid not in refs:
        out.append(
            "no reference; add a row 'finding_id,ref_id' to evidence/finding_refs.csv naming "
            f"a reference cited on line {line} of data/source/review.txt"
            + (
                f" (cited there: {', '.join(map(str, sorted(cited_on_line(lines[line - 1]))))})"
                if cited_on_line(lines[line - 1])
                else ""
            )
        )
        return out
    cited = cited_on_line(lines[line - 1])
    for ref in refs[fid]:
        if not str(ref).isdigit() or int(ref) not in cited:
            out.append(
                f"cites [{ref}] (evidence/finding_refs.csv) but line {line} of "
                f"data/source/review.txt cites {sorted(cited) or 'nothing'}; correct the ref_id "
                "or the finding's source_line"
            )
    return out


def _added_finding_problems(f, refs: pd.Series, added_refs: pd.Series) -> list[str]:
    out = []
    fid = f.finding_id
    if f.origin != "added" or not fid.startswith("F-A"):
        out.append(
            f"an added finding has origin {f.origin!r} and id {fid!r}; write origin 'added' and "
            "an id F-A<nnn> (python -m exobone add-study picks the next one)"
        )
    if fid in refs:
        out.append(
            f"an added finding cites the review's reference(s) {', '.join(refs[fid])} in "
            "evidence/finding_refs.csv; add the paper to added/references.csv and cite it in "
            "evidence/finding_added_refs.csv instead"
        )
    if fid not in added_refs:
        out.append(
            "no reference; add the paper to added/references.csv (ref_id A<n>) and a row "
            "'finding_id,ref_id' to evidence/finding_added_refs.csv"
        )
    for column, what in [
        ("locator", "where in the paper the finding is stated (e.g. 'Fig. 3b')"),
        ("added_by", "who added the finding"),
        ("added_on", "the date it was added (YYYY-MM-DD)"),
    ]:
        if not getattr(f, column):
            out.append(f"no {column}; write {what}")
    for column in ("table_row_id", "section", "source_line"):
        if getattr(f, column):
            out.append(f"{column} is {getattr(f, column)!r}; leave it empty for added findings")
    return out


def check_evidence(data_dir: Path = paths.DATA_DIR) -> list[str]:
    """:func:`evidence_problems` of the data package in ``data_dir``."""
    frames = {name: read_unvalidated(name, data_dir) for name in RESOURCES}
    return evidence_problems(frames, review_lines(data_dir))


def data_problems(data_dir: Path = paths.DATA_DIR) -> list[str]:
    """Every problem ``make validate`` reports: schemas, keys and errata (validation, one line
    each), then the evidence rules (:func:`check_evidence`)."""
    found: list[str] = []
    try:
        validate(data_dir)
    except DataValidationError as err:  # errata included (validation checks them)
        found += [line for line in str(err).splitlines()[1:] if line] or [str(err)]
    return found + check_evidence(data_dir)
