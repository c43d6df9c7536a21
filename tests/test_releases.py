"""Versions of the data: the version everywhere it is shown, make release, make diff, What's
new, and downloads that are byte-identical across two builds of one version."""

import csv
import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook

from exobone.curate import add_study
from exobone.data import paths
from exobone.data.errors import DataValidationError
from exobone.data.version import Release, current, parse, release_of
from exobone.publish import diff, exports, releases, whats_new
from exobone.sphinxext.releases import version_footer

EXAMPLE = paths.BOOK_DIR / "examples" / "add_study_example.toml"
#: the worked example's rows, per resource (and nothing else may differ)
STUDY_ROWS = {
    "added_references": {("A1",)},
    "findings": {("F-A001",)},
    "finding_added_refs": {("F-A001", "A1")},
    "finding_effects": {("F-A001", "osteogenic_differentiation", "bmsc")},
    "finding_pathways": {("F-A001", "wnt_beta_catenin", "Wnt/β-catenin")},
    "finding_cargos": {("F-A001", "unspecified")},
    "finding_models": {("F-A001", "animal", "mouse")},  # the example names osteoporotic mice
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of data/ and releases/ (what release and diff read), and CITATION.cff if any."""
    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    shutil.copytree(paths.PROJECT_ROOT / "releases", tmp_path / "releases")
    if (paths.PROJECT_ROOT / "CITATION.cff").is_file():
        shutil.copyfile(paths.PROJECT_ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    return tmp_path


def keys(found: diff.ResourceDiff, which: str) -> set[tuple]:
    frame = getattr(found, which)
    return {tuple(r) for r in frame[found.key].astype(str).values}


# --- the version ---------------------------------------------------------------------------


def test_the_shipped_data_are_version_1_0_0_the_reviews_own_evidence():
    assert current().version == "1.0.0"
    first = releases.read_releases(paths.DATA_DIR).iloc[0]
    assert (first["version"], first["bump"], first["kind"]) == ("1.0.0", "initial", "review")
    assert first["added_findings"] == "0" and first["added_references"] == "0"


def test_versions_are_raised_by_the_part_the_change_names():
    assert Release("1.2.3", "2026-01-01").bumped("patch") == "1.2.4"
    assert Release("1.2.3", "2026-01-01").bumped("minor") == "1.3.0"
    assert Release("1.2.3", "2026-01-01").bumped("major") == "2.0.0"
    assert Release("1.0.0", "2026-01-01").label == "Version 1.0.0 · 2026-01-01"
    with pytest.raises(ValueError, match="not a version"):
        parse("1.0")


def test_a_missing_or_malformed_version_is_one_line_naming_the_file_and_key():
    with pytest.raises(DataValidationError, match="datapackage.json: 'version' must be"):
        release_of({"x-released": "2026-01-01"})
    with pytest.raises(DataValidationError, match="'x-released' must be a date"):
        release_of({"version": "1.0.0", "x-released": "6 Dec 2026"})


def test_version_agrees_in_datapackage_releases_zip_flat_csv_workbook_footer_and_citation(
    tmp_path,
):
    version = current()
    record = releases.read_releases(paths.DATA_DIR).iloc[-1]
    assert (record["version"], record["released"]) == (version.version, version.released)
    made = exports.write_exports(tmp_path)
    with zipfile.ZipFile(made[exports.PACKAGE_ZIP]) as zf:
        meta = json.loads(zf.read(f"{exports.ZIP_FOLDER}/datapackage.json"))
        readme = zf.read(f"{exports.ZIP_FOLDER}/README.md").decode()
    assert (meta["version"], meta["x-released"]) == (version.version, version.released)
    assert version.label in readme
    flat = pd.read_csv(made[exports.FLAT_CSV], dtype=str, keep_default_na=False)
    assert set(flat[exports.VERSION_COLUMN]) == {version.version}
    about = dict(load_workbook(made[exports.FLAT_XLSX])["about"].iter_rows(values_only=True))
    assert (about["version"], about["released"]) == (version.version, version.released)
    config = SimpleNamespace(html_theme_options={"extra_footer": "x"})
    version_footer(SimpleNamespace(confdir=str(paths.PROJECT_ROOT)), config)
    assert (
        f"Data version {version.version} · {version.released}"
        in (config.html_theme_options["extra_footer"])
    )
    citation = paths.PROJECT_ROOT / "CITATION.cff"
    if citation.is_file():  # issue 25's file, where present
        cff = yaml.safe_load(citation.read_text(encoding="utf-8"))
        assert str(cff["version"]) == version.version


def test_the_released_zip_is_the_one_the_data_give_now(tmp_path):
    """releases/ keeps each release's zip; the last is what the data (unchanged since) give."""
    record = releases.read_releases(paths.DATA_DIR).iloc[-1]
    kept = paths.PROJECT_ROOT / "releases" / diff.archive_name(record["version"])
    assert releases.sha256(kept) == record["zip_sha256"]
    made = exports.write_exports(tmp_path)
    assert releases.sha256(made[exports.PACKAGE_ZIP]) == record["zip_sha256"]
    assert releases.sha256(made[exports.FLAT_XLSX]) == record["workbook_sha256"]


# --- the same version gives the same bytes -----------------------------------------------


def test_every_download_is_byte_identical_across_two_writes(tmp_path):
    first = exports.write_exports(tmp_path / "one")
    time.sleep(1.1)  # the workbook used to carry the time of writing, to the second
    second = exports.write_exports(tmp_path / "two")
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name


def test_the_zip_leaves_out_the_release_record_and_still_validates(tmp_path):
    made = exports.write_exports(tmp_path)
    with zipfile.ZipFile(made[exports.PACKAGE_ZIP]) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
        meta = json.loads(zf.read(f"{exports.ZIP_FOLDER}/datapackage.json"))
    assert "releases.csv" not in names and "schemas/releases.schema.json" not in names
    assert "releases" not in {r["name"] for r in meta["resources"]}
    assert "evidence/findings.csv" in names


# --- make release ----------------------------------------------------------------------


def test_release_with_no_change_says_so_and_writes_nothing(project):
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    message = releases.release(project, "2026-12-07")
    assert message.startswith("no change since version 1.0.0")
    after = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    assert before == after
    assert sorted(p.name for p in (project / "releases").iterdir()) == [
        "exobone-evidence-data-1.0.0.zip"
    ]


def test_an_added_study_makes_a_minor_release_and_the_diff_lists_exactly_its_rows(project):
    assert add_study.main([str(EXAMPLE), "--root", str(project)]) == 0
    message = releases.release(project, "2026-12-07")
    assert message.startswith("released 1.1.0 on 2026-12-07 (minor, update")
    data = project / "data"
    assert (current(data).version, current(data).released) == ("1.1.0", "2026-12-07")
    history = releases.read_releases(data)
    assert history["version"].tolist() == ["1.0.0", "1.1.0"]
    new = history.iloc[-1]
    assert (new["bump"], new["kind"], new["findings"], new["added_references"]) == (
        "minor",
        "update",
        "174",
        "1",
    )
    kept = project / "releases" / "exobone-evidence-data-1.1.0.zip"
    assert releases.sha256(kept) == new["zip_sha256"]
    if (project / "CITATION.cff").is_file():
        assert 'version: "1.1.0"' in (project / "CITATION.cff").read_text(encoding="utf-8")

    found = diff.compare("1.0.0", "1.1.0", project)
    assert {r.name: keys(r, "added") for r in found.resources} == STUDY_ROWS
    assert all(r.removed.empty and not r.changed for r in found.resources)
    text = diff.as_text(found)
    assert "findings: 1 added, 0 removed, 0 changed" in text
    assert "7 resource(s) differ" in text

    # What's new: the new version on top, with the study, its finding and the analyses
    news = whats_new.history(project)
    assert [n.version for n in news] == ["1.1.0", "1.0.0"]
    top = news[0]
    assert top.studies["ref_id"].tolist() == ["A1"]
    finding = top.findings.iloc[0]
    assert (finding["finding_id"], finding["source"], finding["references"]) == (
        "F-A001",
        "Serum",
        "A1",
    )
    assert finding["claim"].startswith("Serum exosomes from exercised mice")
    serum = top.analyses.query("analysis == 'findings per source' and label == 'Serum'")
    assert serum[["before", "after"]].values.tolist() == [[1, 2]]
    assert top.corrections.empty and top.edits.empty
    assert news[1].kind == "review"


def test_a_correction_makes_a_patch_release(project):
    errata = project / "data" / "errata.csv"
    with errata.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            [
                "E066",
                "evidence/findings.csv",
                "F-T1-02",
                "claim",
                "raise",
                "increase",
                "typo",
                "77",
                "Test correction.",
            ]
        )
    message = releases.release(project, "2026-12-08")
    assert message.startswith("released 1.0.1 on 2026-12-08 (patch, amendment")
    news = whats_new.history(project)[0]
    assert news.corrections["erratum_id"].tolist() == ["E066"]
    assert news.findings.empty


def test_release_refuses_data_that_do_not_validate_and_writes_nothing(project):
    findings = project / "data" / "evidence" / "findings.csv"
    findings.write_text(
        findings.read_text(encoding="utf-8").replace(
            ",bmsc,exosome,", ",no_such_source,exosome,", 1
        ),
        encoding="utf-8",
    )
    before = (project / "data" / "datapackage.json").read_bytes()
    with pytest.raises(releases.Refused, match="the data do not validate"):
        releases.release(project, "2026-12-07")
    assert (project / "data" / "datapackage.json").read_bytes() == before
    assert len(releases.read_releases(project / "data")) == 1


def test_release_refuses_removed_findings(project):
    findings = project / "data" / "evidence" / "findings.csv"
    frame = pd.read_csv(findings, dtype=str, keep_default_na=False)
    kept = frame[frame["finding_id"] != "F-N119"]
    # a finding no link table names, so the data still validate without it
    assert len(kept) == len(frame) - 1
    for link in (
        "finding_refs",
        "finding_effects",
        "finding_pathways",
        "finding_cargos",
        "finding_targets",
        "finding_markers",
        "finding_models",
    ):
        path = project / "data" / "evidence" / f"{link}.csv"
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        table[table["finding_id"] != "F-N119"].to_csv(path, index=False, lineterminator="\n")
    consistency = project / "data" / "evidence" / "consistency.csv"
    kept.to_csv(findings, index=False, lineterminator="\n")
    if "F-N119" in consistency.read_text(encoding="utf-8"):
        pytest.skip("F-N119 is named in consistency.csv")
    with pytest.raises(releases.Refused, match="rows were removed.*F-N119.*errata"):
        releases.release(project, "2026-12-07")


def test_a_schema_change_makes_a_major_release(project):
    schema = project / "data" / "schemas" / "trial_search.schema.json"
    meta = json.loads(schema.read_text(encoding="utf-8"))
    meta["fields"][-1]["description"] = "changed"  # a description is not the schema's shape
    schema.write_text(json.dumps(meta), encoding="utf-8")
    assert releases.release(project, "2026-12-07", dry_run=True).startswith("would release 1.0.1")
    meta["fields"][-1]["constraints"] = {"minimum": 2}
    schema.write_text(json.dumps(meta), encoding="utf-8")
    assert releases.release(project, "2026-12-07", dry_run=True).startswith("would release 2.0.0")


# --- make diff ---------------------------------------------------------------------------


def test_diff_of_what_is_not_a_data_package_is_one_line(project, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code = diff.main([str(tmp_path / "empty"), "1.0.0", "--root", str(project)])
    out = capsys.readouterr().out.strip()
    assert code == 1 and out.count("\n") == 0 and "not a data package" in out


def test_diff_of_two_schema_majors_is_one_line(project, capsys):
    other = project / "other"
    shutil.copytree(project / "data", other)
    meta = json.loads((other / "datapackage.json").read_text(encoding="utf-8"))
    meta["version"] = "2.0.0"
    (other / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    code = diff.main(["1.0.0", str(other), "--root", str(project)])
    out = capsys.readouterr().out.strip()
    assert code == 1 and out.count("\n") == 0 and "different schema majors" in out


def test_diff_names_changed_cells_old_and_new_by_primary_key():
    old = pd.DataFrame({"id": ["1", "2", "3"], "x": ["a", "b", "c"], "y": ["p", "q", "r"]})
    new = pd.DataFrame({"id": ["1", "3", "4"], "x": ["a", "C", "d"], "y": ["p", "r", "s"]})
    found = diff.diff_table("t", old, new, ["id"])
    assert keys(found, "added") == {("4",)} and keys(found, "removed") == {("2",)}
    assert found.changed == {("3",): {"x": ("c", "C")}}


def test_diff_reads_a_released_zip_a_folder_and_text_output(project, capsys):
    assert diff.main(["1.0.0", str(project / "data"), "--root", str(project)]) == 0
    out = capsys.readouterr().out
    assert "no rows differ" in out and "version 1.0.0" in out


def test_added_evidence_tables_read_the_diff_not_io():
    """whats_new's tables from a handmade diff: one added finding with two references."""
    finding = pd.DataFrame(
        [{"finding_id": "F-A009", "claim": "c", "source_id": "serum"}], dtype=str
    )
    tables = {
        "sources": pd.DataFrame([{"source_id": "serum", "label": "Serum"}]),
        "finding_refs": pd.DataFrame(columns=["finding_id", "ref_id"]),
        "finding_added_refs": pd.DataFrame(
            [{"finding_id": "F-A009", "ref_id": "A3"}, {"finding_id": "F-A009", "ref_id": "A4"}]
        ),
    }
    package = diff.Package("new", "1.1.0", "2026-01-01", {}, tables)
    found = diff.PackageDiff(
        package,
        package,
        [diff.ResourceDiff("findings", ["finding_id"], finding, finding.iloc[0:0])],
    )
    out = whats_new.added_findings(found)
    assert out.values.tolist() == [["F-A009", "c", "Serum", "A3, A4"]]


def test_the_empty_added_evidence_chapter_says_why_and_links_to_add_a_study():
    from exobone.render.markdown import added_findings_note

    note = added_findings_note(0, "../book/add_study", "../book/whats_new")
    assert "no study has been added yet" in note and "{doc}`../book/add_study`" in note
    assert added_findings_note(2, "../book/add_study", "../book/whats_new") == ""


def test_diff_reads_a_git_ref_and_a_zip_path(project):
    git = ["git", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run(
        [*git, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base"], check=True
    )
    assert add_study.main([str(EXAMPLE), "--root", str(project)]) == 0
    from_git = diff.compare("HEAD", str(project / "data"), project)
    assert {r.name: keys(r, "added") for r in from_git.resources} == STUDY_ROWS
    kept = project / "releases" / "exobone-evidence-data-1.0.0.zip"
    from_zip = diff.compare(str(kept), str(project / "data"), project)
    assert {r.name: keys(r, "added") for r in from_zip.resources} == STUDY_ROWS
