"""The downloads: flat CSV, workbook and the data package as a zip that frictionless accepts."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from exobone.data import paths
from exobone.data.validate import DataValidationError
from exobone.publish import exports
from tests.conftest import edit_line

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return exports.write_exports(tmp_path_factory.mktemp("exports"))


def test_flat_csv_has_one_row_per_finding_and_opens_in_pandas(written):
    flat = pd.read_csv(written["findings_flat.csv"], dtype=str, keep_default_na=False)
    findings = pd.read_csv(paths.DATA_DIR / "evidence" / "findings.csv", dtype=str)
    assert list(flat["finding_id"]) == list(findings["finding_id"])
    row = flat.set_index("finding_id").loc["F-N023"]
    assert row["ref_ids"] == "94; 95; 96" and "Col-2" in row["review_terms"]
    assert written["findings_flat.csv"].read_bytes()[:10] == b"finding_id"  # no BOM


def test_workbook_has_the_findings_and_a_data_dictionary(written):
    book = load_workbook(written["findings_flat.xlsx"], read_only=True)
    assert book.sheetnames == ["findings", "data dictionary", "about"]
    rows = list(book["findings"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(pd.read_csv(paths.DATA_DIR / "evidence" / "findings.csv"))
    dictionary = list(book["data dictionary"].iter_rows(values_only=True))
    assert dictionary[0] == ("column", "from", "description")
    assert [r[0] for r in dictionary[1:]] == list(header)
    assert all(r[2] for r in dictionary[1:])


def test_zip_holds_every_data_file_in_one_folder(written):
    names = zipfile.ZipFile(written["exobone-evidence-data.zip"]).namelist()
    assert all(n.startswith("exobone-evidence-data/") for n in names)
    inside = {n.split("/", 1)[1] for n in names}
    on_disk = {
        p.relative_to(paths.DATA_DIR).as_posix()
        for pattern in ("**/*.csv", "schemas/*.json", "datapackage.json", "source/review.txt")
        for p in paths.DATA_DIR.glob(pattern)
    }
    assert len(on_disk) > 60
    # the release record holds the zip's checksum, so it stays out; the RO-Crate describes it
    record = {"releases.csv", "schemas/releases.schema.json"}
    assert inside == (on_disk - record) | {"README.md", "ro-crate-metadata.json"}


def test_zip_readme_names_licence_and_citation(written):
    with zipfile.ZipFile(written["exobone-evidence-data.zip"]) as zf:
        readme = zf.read("exobone-evidence-data/README.md").decode("utf-8")
    assert "CC-BY-4.0" in readme and "Wang P, Shao W, Li Z" in readme
    assert "executable evidence book (version 1.0.0)" in readme  # the book, with its version
    assert "frictionless validate datapackage.json" in readme


def test_unzipped_package_validates_with_frictionless(written, tmp_path):
    zipfile.ZipFile(written["exobone-evidence-data.zip"]).extractall(tmp_path)
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"],
        cwd=tmp_path / "exobone-evidence-data",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "INVALID" not in result.stdout


def test_a_broken_zip_is_caught_by_frictionless(written, tmp_path):
    """The validation above can fail: a bad enum value in the unzipped copy is reported."""
    zipfile.ZipFile(written["exobone-evidence-data.zip"]).extractall(tmp_path)
    folder = tmp_path / "exobone-evidence-data"
    edit_line(folder / "evidence" / "findings.csv", 2, ",table,", ",tabel,")
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "datapackage.json"], cwd=folder, capture_output=True
    )
    assert result.returncode != 0


def test_zip_is_the_same_bytes_for_the_same_data(tmp_path):
    a = exports.write_package_zip(tmp_path / "a.zip")
    b = exports.write_package_zip(tmp_path / "b.zip")
    assert a.read_bytes() == b.read_bytes()


def test_bad_data_stops_the_exports_with_file_row_column(data_copy, tmp_path):
    edit_line(data_copy / "evidence" / "findings.csv", 2, ",table,", ",tabel,")
    with pytest.raises(DataValidationError, match=r"evidence/findings.csv, row 2, column"):
        exports.write_exports(tmp_path / "out", data_copy)
    assert not (tmp_path / "out").exists()


def test_data_file_rows_list_every_package_file_with_its_record_count():
    rows = exports.data_file_rows().set_index("path")
    assert (
        rows.loc["evidence/findings.csv", "rows"]
        == len((paths.DATA_DIR / "evidence" / "findings.csv").read_text("utf-8").splitlines()) - 1
    )
    assert rows.loc["vocab/cargo_types.csv", "resource"] == "cargo_types"
    assert "schemas/targets.schema.json" in rows.index and "source/review.txt" in rows.index
