"""Add one study from outside the review: the rows it needs, written from one TOML file.

    python -m exobone add-study my-study.toml            # write the rows
    python -m exobone add-study my-study.toml --dry-run  # only show them

The TOML file describes the paper (``[reference]``: doi and/or pmid, authors, year, journal,
title), who adds it and when (``added_by``, ``added_on``) and its findings (``[[findings]]``:
source, claim in your words, locator in the paper, vesicle term, disease, and models (system,
species, wording), effects, pathways, cargos, targets or markers; optionally, as EV-TRACK and
MISEV2018 ask, species, sample source, separation method, particle size, isolation locator and
characterisation markers).
``book/examples/add_study_example.toml`` is a filled-in template; the book's chapter "Add a
study" walks through it.

The command gives the paper the next added reference number (A1, A2, ...; never one of the
review's [1]-[213]) and each finding the next id F-A001, F-A002, ...; it appends rows to
``added/references.csv``, ``evidence/findings.csv``, ``evidence/finding_added_refs.csv`` and
the link tables. It is one transaction:

- the file is typed (:mod:`exobone.curate.study_input`): unknown keys (with the nearest known
  one), wrong types and non-UTF-8 text are refused, one line each, before anything is read;
- a paper already added (same DOI, PMID, or title and year) or one of the review's own
  references is refused;
- the new files are checked as ``make validate`` does on a copy of data/, and only if they
  pass are they written, all together (:mod:`exobone.curate.transaction`): under a lock, so
  two runs never interleave, and restored on any error, Ctrl-C or SIGTERM; a run killed
  outright is undone by the next ``add-study`` or ``validate``.

Every refusal is one line per problem and leaves data/ byte-identical; no input ends in a
traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

from pydantic import BaseModel

from exobone.curate import transaction
from exobone.curate.check_data import problems
from exobone.curate.duplicates import duplicate_problems
from exobone.curate.study_input import (
    FINDING,
    ISOLATION,
    LINKS,
    REFERENCE,
    StudyError,
    columns,
    csv_value,
    read_study,
)
from exobone.data import paths
from exobone.data.errors import MAX_PROBLEMS, DataValidationError, clip
from exobone.data.load import read_unvalidated
from exobone.data.schema import resources

__all__ = ["StudyError", "main", "study_rows"]


def _next_number(ids, pattern: str) -> int:
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(pattern, str(i)))]
    return max(numbers, default=0) + 1


def _header(data_dir: Path, name: str) -> list[str]:
    return [f["name"] for f in resources(data_dir)[name]["schema"]["fields"]]


def _link_rows(finding: BaseModel, fid: str, data_dir: Path, synonyms) -> dict[str, list[dict]]:
    """Rows of the link tables of one finding (effects, pathways, cargos, targets, markers)."""
    out: dict[str, list[dict]] = {}
    for key, table in LINKS.items():
        header, rows = _header(data_dir, table.resource), []
        items = getattr(finding, key)
        if key == "cargos" and not items:  # a finding without a named cargo: 'unspecified'
            rows.append(dict.fromkeys(header, "") | {"cargo_id": "unspecified"})
        if key == "models" and not items:  # the paper states no model system: 'unspecified'
            unspecified = {"model_system_id": "unspecified", "species_id": "unspecified"}
            rows.append(dict.fromkeys(header, "") | unspecified)
        for item in items:
            row = columns(item, table, header)
            if key == "targets" and not row["review_term"]:
                row["review_term"] = row["target_id"]
            if key == "pathways":  # the wording names the pathway(s), through the synonyms
                ids = synonyms.loc[synonyms["review_term"] == row["review_term"], "pathway_id"]
                # an unknown wording is written as given; validation then says what to do
                for pathway_id in ids.tolist() or [row["pathway_id"]]:
                    rows.append(row | {"pathway_id": pathway_id})
                continue
            if key == "markers":
                condition = csv_value(getattr(finding, "disease", ""))
                for use in item.uses:
                    rows.append(row | {"condition_id": condition, "use": use})
                continue
            rows.append(row)
        for row in rows:
            row["finding_id"] = fid
        out[table.resource] = rows
    return out


def study_rows(study, data_dir: Path = paths.DATA_DIR) -> dict[str, list[dict]]:
    """Resource name -> rows to append for one study (a typed study, or its TOML as a dict)."""
    if isinstance(study, dict):
        from exobone.curate.study_input import study_model

        study = study_model(data_dir).model_validate(study)
    added_by, added_on = csv_value(study.added_by), csv_value(study.added_on)
    ref_id = "A{}".format(
        _next_number(read_unvalidated("added_references", data_dir)["ref_id"], r"A(\d+)")
    )
    ref = columns(study.reference, REFERENCE, _header(data_dir, REFERENCE.resource))
    ref |= {"ref_id": ref_id, "added_by": added_by, "added_on": added_on}
    rows: dict[str, list[dict]] = {"added_references": [ref], "findings": []}
    rows["finding_added_refs"] = []
    rows |= {table.resource: [] for table in LINKS.values()}
    synonyms = read_unvalidated("pathway_synonyms", data_dir)
    first = _next_number(read_unvalidated("findings", data_dir)["finding_id"], r"F-A(\d{3})")
    header = _header(data_dir, FINDING.resource)
    for n, finding in enumerate(study.findings, start=first):
        fid = f"F-A{n:03d}"
        row = columns(finding, FINDING, header)
        row |= {
            "finding_id": fid,
            "evidence": "added",
            "origin": "added",
            "kind": "biomarker" if finding.markers else "effect",
            "sentence_uncited": "false",
            "vesicle_inferred": "false",
            "added_by": added_by,
            "added_on": added_on,
        }
        rows["findings"].append(row)
        rows["finding_added_refs"].append({"finding_id": fid, "ref_id": ref_id})
        for name, links in _link_rows(finding, fid, data_dir, synonyms).items():
            rows[name] += links
        for name, links in _isolation_rows(finding, fid, data_dir).items():
            rows[name] = rows.get(name, []) + links
    return rows


def _isolation_rows(finding: BaseModel, fid: str, data_dir: Path) -> dict[str, list[dict]]:
    """The optional EV-TRACK / MISEV fields of one finding: species, sample source, separation
    method, particle size (one finding_isolation row, if any is given) and characterisation
    markers (finding_characterisation rows); the vocabularies check the values."""
    names = set(resources(data_dir))
    if ISOLATION.resource not in names:
        return {}
    row = columns(finding, ISOLATION, _header(data_dir, ISOLATION.resource))
    given = any(v for c, v in row.items() if c not in ISOLATION.filled and c != "locator")
    markers = [
        {"finding_id": fid, "marker_id": csv_value(m), "source_line": ""}
        for m in getattr(finding, "characterisation_markers", [])
    ]
    return {
        ISOLATION.resource: [row | {"finding_id": fid, "source_line": ""}] if given else [],
        "finding_characterisation": markers,
    }


# --- checking and writing ----------------------------------------------------------------


def _csv_text(header: list[str], records: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writerows(records)
    return buf.getvalue()


def new_contents(rows: dict[str, list[dict]], data_dir: Path) -> dict[Path, bytes]:
    """Each file that gets rows -> its whole new content (old bytes + the rows)."""
    out: dict[Path, bytes] = {}
    for name, records in rows.items():
        if not records:
            continue
        path = resources(data_dir)[name]["path"]
        text = path.read_bytes().decode("utf-8")
        if text and not text.endswith("\n"):
            text += "\n"
        out[path] = (text + _csv_text(_header(data_dir, name), records)).encode("utf-8")
    return out


def problems_after(contents: dict[Path, bytes], data_dir: Path) -> list[str]:
    """Every problem ``make validate`` would find with ``contents`` written, checked on a copy
    of data/ in a temporary folder (data/ itself is not touched)."""
    with tempfile.TemporaryDirectory(prefix="add-study-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        for path, data in contents.items():
            (copy / path.relative_to(data_dir)).write_bytes(data)
        return problems(copy)


def _short(value: str, width: int = 200) -> str:
    return value if len(value) <= width else f"{value[:80]}… ({len(value)} characters)"


def _show(rows: dict[str, list[dict]], data_dir: Path) -> None:
    """The rows as they will be appended, a very long value shortened for the terminal."""
    for name, records in rows.items():
        if records:
            short = [{k: _short(v) for k, v in r.items()} for r in records]
            rel = resources(data_dir)[name]["path"].relative_to(data_dir)
            print(f"data/{rel.as_posix()}:")
            text = _csv_text(_header(data_dir, name), short).rstrip("\n")
            print("  " + text.replace("\n", "\n  "))


def _refuse(name: str, lines: list[str], head: str = "nothing was added") -> int:
    if len(lines) == 1 and "\n" not in lines[0]:
        print(f"error: {head}: {lines[0]}", file=sys.stderr)
    else:
        lines = [x for line in lines for x in line.split("\n")]
        print(f"error: {head}; {len(lines)} problem(s) with {name}:", file=sys.stderr)
        for line in lines[:MAX_PROBLEMS]:
            print(f"  {line}", file=sys.stderr)
        if len(lines) > MAX_PROBLEMS:
            print(f"  ... and {len(lines) - MAX_PROBLEMS} more", file=sys.stderr)
    return 1


def _add(study_path: Path, data_dir: Path, dry_run: bool) -> int:
    """The command's work under the lock (see the module docstring)."""
    said = transaction.recover(data_dir)
    if said:
        print(said, file=sys.stderr)
    study = read_study(study_path, data_dir)
    duplicates = duplicate_problems(study, data_dir)
    if duplicates:
        return _refuse(study_path.name, [f"{study_path.name}: {d}" for d in duplicates])
    rows = study_rows(study, data_dir)
    _show(rows, data_dir)
    if dry_run:
        return 0
    contents = new_contents(rows, data_dir)
    found = problems_after(contents, data_dir)
    if found:
        return _refuse(study_path.name, found)
    read_only = transaction.writable_problems(list(contents), data_dir)
    if read_only:
        return _refuse(study_path.name, read_only)
    transaction.commit(data_dir, contents)
    findings = ", ".join(r["finding_id"] for r in rows["findings"])
    print(
        f"added reference {rows['added_references'][0]['ref_id']} and finding(s) {findings}; "
        "next: make book (it validates first), then commit data/ and notebooks/"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("study", type=Path, help="the study's TOML file")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    parser.add_argument("--dry-run", action="store_true", help="show the rows, write nothing")
    args = parser.parse_args(argv)
    data_dir = paths.relocated(paths.DATA_DIR, args.root)
    name = args.study.name
    if not data_dir.is_dir():
        return _refuse(name, [f"{data_dir}: no data folder here (give --root the project)"])
    try:
        with transaction.signals_raise(), transaction.locked(data_dir):
            return _add(args.study, data_dir, args.dry_run)
    except StudyError as err:
        return _refuse(name, str(err).split("\n"))
    except (DataValidationError, transaction.TransactionError) as err:
        return _refuse(name, str(err).split("\n"))
    except transaction.InterruptedAfterCommit as err:
        print(
            f"error: interrupted ({err}) while the study was being written; it was written "
            "completely (data/ holds all its rows)",
            file=sys.stderr,
        )
        return 130
    except KeyboardInterrupt as err:
        what = str(err) or "SIGINT"
        print(f"error: interrupted ({what}); data/ is as it was before", file=sys.stderr)
        return 130
    except OSError as err:
        where = err.filename or name
        return _refuse(name, [f"{where}: {err.strerror or err}"])
    except Exception as err:  # no input may end in a traceback; data/ was not changed
        return _refuse(
            name,
            [f"unexpected {type(err).__name__}: {clip(str(err))} (please report it with the file)"],
        )
