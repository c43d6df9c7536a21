"""A hostile copy of the project: every payload in every free-text field, built once.

The copy is made, executed and built strictly once per test session (fixture ``hostile_book``
in ``tests/conftest.py``); ``tests/test_payload_matrix.py`` and the staleness test of
``tests/test_book.py`` read its HTML.
"""

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

from exobone.data import paths
from exobone.data.checks import LIST_SEPARATOR, NO_LIST_SEPARATOR
from exobone.data.schema import as_list, primary_key, resources
from tests.payloads import PAYLOADS
from tests.workspace import copy_project

#: a file of the build machine that an include directive would print
OUTSIDE_FILE = Path("/etc/os-release")

#: free-text fields that are structure, not text (changing them changes what the data mean)
STRUCTURAL = {
    ("errata", "record_id"): "names the corrected record",
    ("errata", "column"): "names the corrected column",
    ("errata", "published"): "must match the published text of its cell",
    ("finding_models", "review_term"): "must quote the finding's line of the review",
}
#: key/value rows whose value is text (the others are counts and a month)
TEXT_ROWS = {("trial_search", "value"): ("key", {"registry", "keyword"})}
#: fields whose values a reader sees as text on a page: the matrix must find them there (the
#: other free-text fields are drawn in figures, shown in tooltips or not shown)
MUST_SHOW = {
    ("abbreviations", "definition"),
    ("abbreviations", "term"),
    ("abbreviations_missing", "note"),
    ("biogenesis_edges", "label"),
    ("biogenesis_regulators", "role"),
    ("biogenesis_steps", "label"),
    ("comparative_claims", "claim"),
    ("compartments", "label"),
    ("consistency", "note"),
    ("consistency", "table_says"),
    ("consistency", "text_says"),
    ("effects", "label"),
    ("errata", "corrected"),
    ("errata", "evidence"),
    ("findings", "claim"),
    ("review_tables", "caption"),
    ("sources", "label"),
    ("table_rows", "cargo_function"),
    ("table_rows", "cell_source"),
    ("table_rows", "exosome_cargo"),
    ("table_rows", "role_in_bone"),
    ("trial_search", "value"),
    ("trials", "aim"),
    ("trials", "condition"),
}
#: (page, resource) where a value legitimately appears only in part
PARTIAL = {
    ("genindex.html", "*"): "Sphinx splits index entries (glossary terms) at ';'",
    ("notebooks/13_glossary.html", "table_rows"): "lists single words taken from table cells",
    ("notebooks/13_glossary.html", "errata"): "corrections become words of table cells",
}


#: what the chapter's commands printed in the hostile copy (under its _build/)
COMMAND_LOG = "chapter-commands.log"


def injectable_fields(data_dir: Path) -> list[tuple[str, str]]:
    """(resource, field) of every free-text field, read from the schemas."""
    res = resources(data_dir)
    referenced = {
        (fk["reference"]["resource"] or name, f)
        for name, r in res.items()
        for fk in r["schema"].get("foreignKeys", [])
        for f in as_list(fk["reference"]["fields"])
    }
    out = []
    for name, r in res.items():
        schema = r["schema"]
        keys = set(primary_key(schema)) | {
            f for fk in schema.get("foreignKeys", []) for f in as_list(fk["fields"])
        }
        for field in schema["fields"]:
            c = field.get("constraints", {})
            if (
                field.get("type", "string") == "string"
                and field.get("format", "default") == "default"
                and not {"enum", "pattern"} & set(c)
                and field["name"] not in keys
                and (name, field["name"]) not in referenced
                and (name, field["name"]) not in STRUCTURAL
            ):
                out.append((name, field["name"]))
    return out


def read_records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, records: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def inject(data_dir: Path) -> dict[str, tuple[str, str, str]]:
    """Write the payloads into the copy; marker -> (resource, field, the cell's text)."""
    res = resources(data_dir)
    errata = read_records(data_dir / "errata.csv")
    corrected = {(e[1], e[2], e[3]) for e in errata[1:]}  # file, record_id, column
    cells: dict[str, tuple[str, str, str]] = {}
    for number, (name, field) in enumerate(injectable_fields(data_dir)):
        path, schema = res[name]["path"], res[name]["schema"]
        rel = path.relative_to(data_dir).as_posix()
        records = read_records(path)
        header, column = records[0], records[0].index(field)
        key = [header.index(k) for k in primary_key(schema)]
        limit = next(f for f in schema["fields"] if f["name"] == field)
        max_length = limit.get("constraints", {}).get("maxLength", 10_000)
        rows = [
            i
            for i in range(1, len(records))
            if (rel, "|".join(records[i][k] for k in key), field) not in corrected
        ]
        if (name, field) in TEXT_ROWS:
            by, wanted = TEXT_ROWS[(name, field)]
            rows = [i for i in rows if records[i][header.index(by)] in wanted]
        # every payload into this field: one per row, several per row (one per line) when the
        # file has fewer rows than payloads; the start rotates so fields get different rows
        # a field whose values the flat table joins with '; ' refuses that separator (see
        # exobone.data.checks.separator_problems): the payloads holding it go elsewhere
        payloads = [
            p for p in PAYLOADS if not (limit.get(NO_LIST_SEPARATOR) and LIST_SEPARATOR in p)
        ]
        shift = number % len(payloads)
        order = payloads[shift:] + payloads[:shift]
        groups = [order[j :: len(rows)] for j in range(min(len(rows), len(order)))]
        for row, group in zip(rows, groups, strict=False):
            marker = f"qz{number:02d}r{row:03d}"
            text = "\n".join([*group, marker])
            if len(text) > max_length:
                text = "\n".join([group[0], marker])
            records[row][column] = text
            cells[marker] = (name, field, text)
        _write(path, records)
    return cells


def build_hostile_book(tmp_path_factory) -> tuple[Path, dict[str, tuple[str, str, str]]]:
    """Built HTML of a copy of the project whose data hold every payload; and the cells.

    The copy is built the way the "Add a study" chapter tells a reader to (its commands, run
    as written, add the chapter's example study and run `make validate` and `make book`), so
    one build serves the payload matrix and the chapter's test (tests/test_add_study.py).
    """
    from tests.test_add_study import chapter_commands

    project = tmp_path_factory.mktemp("hostile") / "project"
    copy_project(project)
    cells = inject(project / "data")
    (project / ".venv").symlink_to(paths.PROJECT_ROOT / ".venv")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    log = []
    for command in chapter_commands():
        done = subprocess.run(
            command, shell=True, cwd=project, env=env, capture_output=True, text=True
        )
        log.append(f"$ {command}\n{done.stdout}{done.stderr}")
        if done.returncode:
            tail = (done.stdout + done.stderr)[-3000:]
            pytest.fail(f"{command} failed in the hostile copy:\n{tail}")
    (project / "_build" / COMMAND_LOG).write_text("".join(log), encoding="utf-8")
    return project / "_build" / "html", cells
