"""Staleness: a notebook is stale exactly when its code, data/ or exobone/ changed."""

import shutil
from pathlib import Path

import nbformat
import pytest

from exobone.build import execute
from exobone.data import paths
from tests.conftest import edit_line


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for part in ["data", "exobone", "notebooks"]:
        shutil.copytree(
            paths.PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path


def test_committed_notebooks_are_fresh():
    assert execute.stale() == []


def test_copy_is_fresh_then_a_csv_edit_makes_every_notebook_stale(project):
    assert execute.stale(project) == []
    edit_line(project / "data" / "review" / "table_rows.csv", 2, "BMSC", "BMSCx")
    assert execute.stale(project) == execute.notebooks(project)
    assert len(execute.notebooks(project)) >= 2


def test_package_edit_makes_notebooks_stale(project):
    with (project / "exobone" / "compute" / "review_tables.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert execute.stale(project) == execute.notebooks(project)


def test_code_cell_edit_stales_only_that_notebook(project):
    target = project / "notebooks" / "10_errata.ipynb"
    nb = nbformat.read(target, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.source += "\n"
    nbformat.write(nb, target)
    assert execute.stale(project) == [target]


def test_markdown_edit_does_not_stale(project):
    target = project / "notebooks" / "10_errata.ipynb"
    nb = nbformat.read(target, as_version=4)
    next(c for c in nb.cells if c.cell_type == "markdown").source += " More words."
    nbformat.write(nb, target)
    assert execute.stale(project) == []


def test_bad_data_stops_execution_with_file_row_column(project, capsys):
    edit_line(project / "data" / "review" / "table_rows.csv", 3, ",1,2,", ",7,2,")
    assert execute.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "nothing was executed" in err
    assert "data/review/table_rows.csv, row 3, column 'table_no', value '7'" in err
    assert execute.stale(project) == execute.notebooks(project)  # no output was written


def test_failing_cell_is_reported_in_one_line(project, capsys):
    for nb in execute.notebooks(project):
        nb.unlink()
    broken = nbformat.v4.new_notebook()
    broken.cells = [nbformat.v4.new_code_cell("raise ValueError('boom')")]
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(broken, project / "notebooks" / "broken.ipynb")
    assert execute.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert "error: notebooks/broken.ipynb failed: ValueError: boom" in err


def test_data_documentation_does_not_stale(project):
    (project / "data" / "README.md").write_text("# Data\n\nNew words.\n", encoding="utf-8")
    assert execute.stale(project) == []
