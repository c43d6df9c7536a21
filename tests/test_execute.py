"""Staleness: a notebook is stale exactly when its code cells or an input it used changed.

The inputs are recorded while a notebook runs (the data it loaded, the review text it parsed,
the package modules it imported). These tests edit a temporary copy of the project and check
which of the committed notebooks become stale; the expected lists come from reading the
notebooks (which chapter loads what), not from the recorded metadata.
"""

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from exobone.data import paths
from exobone.pipeline import check as check_command
from exobone.pipeline import execute
from tests.conftest import edit_line

TRIALS = "09_clinical_trials.ipynb"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for part in ["data", "exobone", "notebooks"]:
        shutil.copytree(
            paths.PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path


def names(notebooks: list[Path]) -> list[str]:
    return [nb.name for nb in notebooks]


def test_committed_notebooks_are_fresh():
    assert execute.stale() == []


def test_editing_trials_csv_stales_only_the_clinical_trials_chapter(project):
    assert execute.stale(project) == []
    edit_line(project / "data" / "review" / "trials.csv", 2, "Test whether", "Tested whether")
    assert names(execute.stale(project)) == [TRIALS]
    assert len(execute.notebooks(project)) >= 10


def test_editing_a_file_no_notebook_reads_stales_none(project):
    # the source wordings map the review's terms when findings are transcribed and added, and
    # are validated; no chapter loads them
    edit_line(project / "data" / "vocab" / "source_synonyms.csv", 4, "BMSC-Exos", "BMSC-Exo")
    assert execute.stale(project) == []


def test_editing_a_module_one_notebook_imports_stales_only_it(project):
    with (project / "exobone" / "compute" / "trials.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert names(execute.stale(project)) == [TRIALS]
    with (project / "exobone" / "compute" / "bibliometrics.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert names(execute.stale(project)) == ["02_bibliometrics.ipynb", TRIALS]


def test_editing_a_module_every_loader_uses_stales_every_data_chapter(project):
    with (project / "exobone" / "data" / "load.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    stale = names(execute.stale(project))
    # every chapter imports the loaders (the data-model chapter through the HTML tables)
    assert stale == [nb.name for nb in execute.notebooks(project)]


def test_a_schema_edit_stales_its_readers_and_the_chapters_reading_every_schema(project):
    schema = project / "data" / "schemas" / "trials.schema.json"
    edit_line(schema, 2, "One row per", "One row for each")
    # 02 lists the files that have a ref_id column (it reads every schema); 09 shows them all
    assert names(execute.stale(project)) == [
        "02_bibliometrics.ipynb",
        TRIALS,
        "11_data_model.ipynb",
    ]


def test_a_new_resource_stales_only_the_chapters_reading_the_whole_description(project):
    descriptor = project / "data" / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["resources"].append({**package["resources"][0], "name": "review_tables_again"})
    descriptor.write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert names(execute.stale(project)) == ["02_bibliometrics.ipynb", "11_data_model.ipynb"]


def test_moving_a_resource_stales_its_readers(project):
    descriptor = project / "data" / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    entry = next(r for r in package["resources"] if r["name"] == "trials")
    shutil.copy(project / "data" / entry["path"], project / "data" / "review" / "trials2.csv")
    entry["path"] = "review/trials2.csv"
    descriptor.write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert TRIALS in names(execute.stale(project))


def test_editing_the_review_text_stales_only_the_chapter_that_parses_it(project):
    with (project / "data" / "source" / "review.txt").open("a", encoding="utf-8") as f:
        f.write("\nOne more line.\n")
    assert names(execute.stale(project)) == ["02_bibliometrics.ipynb"]


def test_check_names_each_stale_notebook_and_the_input_that_changed(project, capsys):
    edit_line(project / "data" / "review" / "trials.csv", 2, "Test whether", "Tested whether")
    assert check_command.main(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert f"stale: notebooks/{TRIALS} (data/review/trials.csv changed)" in out
    assert "01_review_tables" not in out


def test_code_cell_edit_stales_only_that_notebook(project):
    target = project / "notebooks" / "12_errata.ipynb"
    nb = nbformat.read(target, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.source += "\n"
    nbformat.write(nb, target)
    assert execute.stale(project) == [target]
    assert execute.stale_reasons(project)[target] == [f"code cell 1 (id {code.id}) changed"]


def test_markdown_edit_does_not_stale(project):
    target = project / "notebooks" / "12_errata.ipynb"
    nb = nbformat.read(target, as_version=4)
    next(c for c in nb.cells if c.cell_type == "markdown").source += " More words."
    nbformat.write(nb, target)
    assert execute.stale(project) == []


def test_data_documentation_does_not_stale(project):
    (project / "data" / "README.md").write_text("# Data\n\nNew words.\n", encoding="utf-8")
    assert execute.stale(project) == []


def test_bad_data_stops_execution_with_file_row_column(project, capsys):
    edit_line(project / "data" / "review" / "table_rows.csv", 3, ",1,2,", ",7,2,")
    before = {nb: nb.read_bytes() for nb in execute.notebooks(project)}
    assert execute.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "nothing was executed" in err
    assert "data/review/table_rows.csv, row 3, column 'table_no', value '7'" in err
    assert {nb: nb.read_bytes() for nb in execute.notebooks(project)} == before


@pytest.mark.parametrize("check", [True, False])
def test_an_unreadable_notebook_is_named_with_how_to_restore_it(project, capsys, check):
    (project / "notebooks" / "03_evidence_by_source.ipynb").write_text('{"cells": [', "utf-8")
    assert (check_command if check else execute).main(["--root", str(project)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: notebooks/03_evidence_by_source.ipynb is not a readable")
    assert err[0].endswith("git checkout -- notebooks/03_evidence_by_source.ipynb")


def test_longest_notebooks_start_first(project):
    todo = execute.notebooks(project)[:3]
    times = {todo[0]: 1.0, todo[1]: 9.0, todo[2]: 4.0}
    (project / "_build").mkdir()
    (project / "_build" / execute.DURATIONS).write_text(
        json.dumps({nb.relative_to(project).as_posix(): s for nb, s in times.items()}), "utf-8"
    )
    assert execute.longest_first(todo, project) == [todo[1], todo[2], todo[0]]


def test_notebooks_run_as_many_at_once_as_there_are_cpus(project, monkeypatch):
    seen = []

    class Pool:
        def __init__(self, max_workers):
            seen.append(max_workers)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, items):
            return []

    monkeypatch.setattr(execute, "ThreadPoolExecutor", Pool)
    monkeypatch.setattr(execute.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5, 6})
    execute.execute_stale(project, force=True)
    assert seen == [7]
    execute.execute_stale(project, force=True, jobs=3)
    assert seen == [7, 3]
