"""Add one study from outside the review: the rows it needs, written from one TOML file.

    python -m exobone add-study my-study.toml            # write the rows
    python -m exobone add-study my-study.toml --dry-run  # only show them

The TOML file describes the paper (``[reference]``: doi and/or pmid, authors, year, journal,
title), who adds it and when (``added_by``, ``added_on``) and its findings (``[[findings]]``:
source, claim in your words, locator in the paper, vesicle term, model system, disease, and
effects, pathways, cargos, targets or markers; optionally, as EV-TRACK and MISEV2018 ask,
species, sample source, separation method, particle size and characterisation markers).
``book/examples/add_study_example.toml`` is a
filled-in template; the book's chapter "Add a study" walks through it.

The command gives the paper the next added reference number (A1, A2, ...; never one of the
review's [1]-[213]) and each finding the next id F-A001, F-A002, ...; it appends rows to
``added/references.csv``, ``evidence/findings.csv``, ``evidence/finding_added_refs.csv`` and
the link tables, then checks the whole data package as ``make validate`` does. If anything
fails, every file is restored and the problems are printed, one line each.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import tomllib
from pathlib import Path

from exobone.curate.check_data import problems
from exobone.data import paths
from exobone.data.load import read_unvalidated
from exobone.data.schema import resources


class StudyError(ValueError):
    """The study file lacks something the rows need."""


def _need(table: dict, key: str, where: str):
    if key not in table or table[key] in ("", None):
        raise StudyError(f"{where}: missing {key!r}")
    return table[key]


def _next_number(ids, pattern: str) -> int:
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(pattern, str(i)))]
    return max(numbers, default=0) + 1


def _reference_row(study: dict, data_dir: Path) -> dict:
    """The added_references row of the study's [reference] table, numbered after the last."""
    ref = _need(study, "reference", "study file")
    if not ref.get("doi") and not ref.get("pmid"):
        raise StudyError("[reference]: give its doi or its pmid (or both)")
    ref_id = "A{}".format(
        _next_number(read_unvalidated("added_references", data_dir)["ref_id"], r"A(\d+)")
    )
    return {
        "ref_id": ref_id,
        "doi": ref.get("doi", ""),
        "pmid": str(ref.get("pmid", "")),
        "authors": _need(ref, "authors", "[reference]"),
        "year": str(_need(ref, "year", "[reference]")),
        "journal": _need(ref, "journal", "[reference]"),
        "title": _need(ref, "title", "[reference]"),
        "added_by": str(_need(study, "added_by", "study file")),
        "added_on": str(_need(study, "added_on", "study file")),
    }


def _finding_row(f: dict, fid: str, where: str, ref: dict) -> dict:
    return {
        "finding_id": fid,
        "evidence": "added",
        "origin": "added",
        "table_row_id": "",
        "source_id": _need(f, "source", where),
        "vesicle_term": f.get("vesicle_term", "exosome"),
        "model_system": f.get("model_system", "unspecified"),
        "disease_id": f.get("disease", ""),
        "section": "",
        "source_line": "",
        "claim": _need(f, "claim", where),
        "kind": "biomarker" if f.get("markers") else "effect",
        "sentence_uncited": "false",
        "vesicle_inferred": "false",
        "locator": _need(f, "locator", where),
        "added_by": ref["added_by"],
        "added_on": ref["added_on"],
    }


def _mechanism_rows(f: dict, fid: str, where: str, synonyms) -> dict[str, list[dict]]:
    """Effect, pathway, cargo and target link rows of one finding."""
    rows: dict[str, list[dict]] = {
        "finding_effects": [
            {
                "finding_id": fid,
                "effect_id": _need(e, "effect", f"{where} effects"),
                "direction": _need(e, "direction", f"{where} effects"),
                "target_cell": e.get("cell", "unspecified"),
            }
            for e in f.get("effects", [])
        ],
        "finding_pathways": [],
        "finding_cargos": [
            {
                "finding_id": fid,
                "cargo_id": _need(c, "cargo", f"{where} cargos"),
                "review_term": c.get("wording", ""),
            }
            for c in f.get("cargos", []) or [{"cargo": "unspecified", "wording": ""}]
        ],
        "finding_targets": [
            {
                "finding_id": fid,
                "target_id": _need(t, "target", f"{where} targets"),
                "review_term": t.get("wording", t["target"]),
                "direction": t.get("direction", "unspecified"),
            }
            for t in f.get("targets", [])
        ],
    }
    for p in f.get("pathways", []):
        wording = _need(p, "wording", f"{where} pathways")
        ids = synonyms.loc[synonyms["review_term"] == wording, "pathway_id"].tolist()
        # an unknown wording is written as given; validation then says what to do
        for pathway_id in ids or [p.get("pathway", "")]:
            rows["finding_pathways"].append(
                {
                    "finding_id": fid,
                    "pathway_id": pathway_id,
                    "review_term": wording,
                    "direction": p.get("direction", "unspecified"),
                }
            )
    return rows


def _marker_rows(f: dict, fid: str, where: str) -> list[dict]:
    return [
        {
            "finding_id": fid,
            "marker": _need(m, "marker", f"{where} markers"),
            "marker_kind": _need(m, "kind", f"{where} markers"),
            "body_fluid": _need(m, "body_fluid", f"{where} markers"),
            "condition_id": f.get("disease", ""),
            "use": use,
            "direction": m.get("direction", "not_stated"),
        }
        for m in f.get("markers", [])
        for use in m.get("uses", ["diagnostic"])
    ]


#: optional keys of a [[findings]] block -> column of evidence/finding_isolation.csv
ISOLATION_KEYS = {
    "species": "species_id",
    "sample_source": "sample_source_id",
    "separation_method": "separation_method_id",
    "particle_size_nm": "particle_size_nm",
}


def _isolation_rows(f: dict, fid: str) -> dict[str, list[dict]]:
    """The optional EV-TRACK / MISEV fields of one finding: species, sample source,
    separation method, particle size (one finding_isolation row, if any is given) and
    characterisation markers (finding_characterisation rows); vocabularies check the values."""
    given = {column: str(f[key]) for key, column in ISOLATION_KEYS.items() if f.get(key)}
    isolation = []
    if given:
        row = {"finding_id": fid, "locator": f.get("isolation_locator", ""), "source_line": ""}
        isolation.append(row | {c: given.get(c, "") for c in ISOLATION_KEYS.values()})
    markers = [
        {"finding_id": fid, "marker_id": m, "source_line": ""}
        for m in f.get("characterisation_markers", [])
    ]
    return {"finding_isolation": isolation, "finding_characterisation": markers}


def study_rows(study: dict, data_dir: Path = paths.DATA_DIR) -> dict[str, list[dict]]:
    """Resource name -> rows to append for one study (see the module docstring)."""
    ref = _reference_row(study, data_dir)
    rows: dict[str, list[dict]] = {"added_references": [ref]}
    for name in ("findings", "finding_added_refs", "finding_effects", "finding_pathways"):
        rows[name] = []
    for name in ("finding_cargos", "finding_targets", "finding_markers"):
        rows[name] = []
    rows["finding_isolation"], rows["finding_characterisation"] = [], []
    synonyms = read_unvalidated("pathway_synonyms", data_dir)
    first = _next_number(read_unvalidated("findings", data_dir)["finding_id"], r"F-A(\d{3})")
    for n, f in enumerate(_need(study, "findings", "study file"), start=first):
        fid = f"F-A{n:03d}"
        where = f"[[findings]] #{n - first + 1}"
        rows["findings"].append(_finding_row(f, fid, where, ref))
        rows["finding_added_refs"].append({"finding_id": fid, "ref_id": ref["ref_id"]})
        for name, links in _mechanism_rows(f, fid, where, synonyms).items():
            rows[name] += links
        rows["finding_markers"] += _marker_rows(f, fid, where)
        for name, links in _isolation_rows(f, fid).items():
            rows[name] += links
    return rows


def _csv_text(header: list[str], records: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writerows(records)
    return buf.getvalue()


def append_rows(rows: dict[str, list[dict]], data_dir: Path) -> dict[Path, bytes]:
    """Append the rows to their files; return the files' previous contents (for undo)."""
    before: dict[Path, bytes] = {}
    for name, records in rows.items():
        if not records:
            continue
        res = resources(data_dir)[name]
        path = res["path"]
        header = [f["name"] for f in res["schema"]["fields"]]
        before[path] = path.read_bytes()
        text = before[path].decode("utf-8")
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_bytes((text + _csv_text(header, records)).encode("utf-8"))
    return before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("study", type=Path, help="the study's TOML file")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    parser.add_argument("--dry-run", action="store_true", help="show the rows, write nothing")
    args = parser.parse_args(argv)
    data_dir = paths.relocated(paths.DATA_DIR, args.root)
    try:
        study = tomllib.loads(args.study.read_text(encoding="utf-8"))
        rows = study_rows(study, data_dir)
    except (StudyError, tomllib.TOMLDecodeError, OSError) as err:
        print(f"error: {args.study}: {err}", file=sys.stderr)
        return 1
    for name, records in rows.items():
        if records:
            res = resources(data_dir)[name]
            header = [f["name"] for f in res["schema"]["fields"]]
            print(f"data/{res['path'].relative_to(data_dir)}:")
            print("  " + _csv_text(header, records).rstrip("\n").replace("\n", "\n  "))
    if args.dry_run:
        return 0
    before = append_rows(rows, data_dir)
    found = problems(data_dir)
    if found:
        for path, content in before.items():
            path.write_bytes(content)
        print(f"error: nothing was added; {len(found)} problem(s):", file=sys.stderr)
        for line in found:
            print(f"  {line}", file=sys.stderr)
        return 1
    findings = ", ".join(r["finding_id"] for r in rows["findings"])
    print(
        f"added reference {rows['added_references'][0]['ref_id']} and finding(s) {findings}; "
        "next: make book (it validates first), then commit data/ and notebooks/"
    )
    return 0
