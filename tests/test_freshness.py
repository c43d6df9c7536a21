"""The one freshness record: inputs, outputs and what makes each output stale.

Decision-level tests on small trees (no Sphinx, no kernel): which input changes make the site,
the validation result or a notebook stale, and that the reason names the input.
"""

import json
import re
import shutil

import nbformat
import pytest

from exobone.pipeline import book, execute, freshness

OPTIONS = book.OPTIONS


@pytest.fixture
def project(tmp_path):
    """A small tree shaped like the project, with a built site and its record."""
    root = tmp_path / "p"
    for rel, text in {
        "_config.yml": "title: t\n",
        "_toc.yml": "root: book/intro\n",
        "book/intro.md": "# Intro\n",
        "book/_static/exobone.css": "p {}\n",
        "notebooks/01.ipynb": "{}",
        "data/a.csv": "x\n1\n",
        "data/README.md": "# Data\n",
        "exobone/compute/flat.py": "DESCRIPTION = 'old'\n",
        "exobone/sphinxext/__init__.py": "",
        "_build/html/index.html": "<p>built</p>",
        "_build/html/downloads/findings_flat.xlsx": "workbook",
        "_build/html/searchindex.js": "Search.setIndex({})",
        "_build/html/.buildinfo": "# Sphinx build info version 1\nconfig: abc\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    inputs, _ = book.site_reasons(root)
    freshness.write_record(root, book.SITE, inputs, freshness.tree_digest(root / "_build/html"))
    return root


def site_why(root):
    return book.site_reasons(root)[1]


def test_a_recorded_site_with_nothing_changed_is_fresh(project):
    assert site_why(project) == []


@pytest.mark.parametrize(
    "rel",
    [
        "exobone/compute/flat.py",  # export code (a column's description)
        "data/README.md",  # read by the exports (the zip's README)
        "data/a.csv",  # data
        "exobone/sphinxext/__init__.py",  # the Sphinx extension
        "book/_static/exobone.css",  # CSS
        "book/intro.md",  # a page
        "notebooks/01.ipynb",  # a notebook's stored outputs
        "_toc.yml",  # configuration
    ],
)
def test_every_kind_of_input_stales_the_site_and_is_named(project, rel):
    (project / rel).write_text((project / rel).read_text("utf-8") + "\n# edited\n", "utf-8")
    assert site_why(project) == [f"{rel} changed"]


def test_an_added_or_removed_file_is_named(project):
    (project / "data" / "b.csv").write_text("x\n", "utf-8")
    (project / "book" / "intro.md").unlink()
    assert site_why(project) == ["book/intro.md is gone", "data/b.csv is new"]


@pytest.mark.parametrize(
    "rel",
    [
        "_build/html/other.html",
        ".git/index",
        "exobone/__pycache__/x.pyc",
        "tests/test_x.py",
        "benchmarks/bench.py",
        ".ci/run",
        "myvenv/lib/site.py",  # a virtual environment, whatever its name
        "exobone.egg-info/PKG-INFO",
    ],
)
def test_what_the_book_is_never_built_from_is_no_input(project, rel):
    (project / "myvenv").mkdir()
    (project / "myvenv" / "pyvenv.cfg").write_text("home = /usr\n")
    before = book.site_reasons(project)[0]
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text("changed", encoding="utf-8")
    assert book.site_reasons(project)[0] == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda h: (h / ".buildinfo").write_text("# Sphinx build"),  # truncated build info
        lambda h: (h / "downloads" / "findings_flat.xlsx").write_bytes(b""),  # 0-byte download
        lambda h: (h / "searchindex.js").write_bytes(b""),  # 0-byte search index
        lambda h: (h / "index.html").unlink(),  # a page deleted by hand
        lambda h: (h / "index.html").write_text("<p>edited by hand</p>"),  # same folder, edited
    ],
)
def test_a_damaged_or_edited_site_is_built_again(project, damage):
    damage(project / "_build" / "html")
    assert site_why(project) == ["the output was changed or damaged since it was made"]


def test_a_record_not_signed_on_this_machine_is_no_proof(project):
    """A _build/ copied from elsewhere, or a record forged from the public inputs."""
    record = freshness.record_path(project, book.SITE)
    found = json.loads(record.read_text())
    record.write_text(json.dumps({"record": found["record"], "mac": "f" * 64}))
    assert site_why(project) == ["never built here (no record)"]


def test_no_record_or_a_broken_record_means_build(project):
    record = freshness.record_path(project, book.SITE)
    record.write_text("{not json")
    assert site_why(project) == ["never built here (no record)"]
    freshness.forget(project, book.SITE)
    assert site_why(project) == ["never built here (no record)"]


def test_a_linked_folder_counts_and_a_link_loop_ends(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "extra.csv").write_text("x\n1\n")
    (project / "data" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (project / "data" / "loop").symlink_to(project / "data", target_is_directory=True)
    before = book.site_reasons(project)[0]
    (elsewhere / "extra.csv").write_text("x\n2\n")
    assert freshness.changes(before, book.site_reasons(project)[0]) == [
        "data/linked/extra.csv changed"
    ]


def test_other_options_a_locale_or_an_upgraded_package_stale_the_site(project, monkeypatch):
    before = book.site_reasons(project)[0]
    other = freshness.site_inputs(project, [*OPTIONS, "--builder=dirhtml"])
    assert freshness.changes(before, other) == ["env:options changed"]
    monkeypatch.setenv(
        "LANG", "de_DE.UTF-8" if freshness.os.environ.get("LANG") != "de_DE.UTF-8" else "C"
    )
    assert site_why(project) == ["env:python and packages changed"]
    monkeypatch.undo()
    monkeypatch.setattr(
        freshness.Path, "glob", lambda self, pattern: iter([self / "sphinx-99.0.dist-info"])
    )
    assert site_why(project) == ["env:python and packages changed"]


def test_validation_is_stale_when_data_or_the_code_that_checks_them_changes(tmp_path):
    root = tmp_path
    for rel in [
        "data/a.csv",
        "data/README.md",
        "exobone/data/checks.py",
        "exobone/compute/evidence_rules.py",
        "exobone/curate/check_data.py",
        "exobone/compute/flat.py",
    ]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", "utf-8")
    freshness.write_record(root, "validation", execute.validation_inputs(root))
    why = lambda: freshness.stale_reasons(root, "validation", execute.validation_inputs(root))  # noqa: E731
    (root / "data" / "README.md").write_text("documentation only\n")
    (root / "exobone" / "compute" / "flat.py").write_text("not a check\n")
    assert why() == []
    (root / "exobone" / "data" / "checks.py").write_text("a new check\n")
    (root / "data" / "a.csv").write_text("x\n2\n")
    assert why() == ["data/a.csv changed", "exobone/data/checks.py changed"]


# --- notebooks: code, stored outputs, inputs ------------------------------------------------


@pytest.fixture
def recorded_notebook(tmp_path):
    """A notebook with a record: one input file, two code cells with outputs."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("x\n1\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("a = 1", id="first"),
        nbformat.v4.new_markdown_cell("Words."),
        nbformat.v4.new_code_cell("a + 1", id="second"),
    ]
    nb.cells[2].outputs = [nbformat.v4.new_output("execute_result", {"text/markdown": "**2**"})]
    nb.cells[2].outputs[0].execution_count = 1
    plain = json.loads(nbformat.writes(nb))
    inputs = freshness.file_inputs(tmp_path, [tmp_path / "data" / "x.csv"])
    plain["metadata"][freshness.META_KEY] = freshness.notebook_record(plain, inputs)
    path = tmp_path / "n.ipynb"
    path.write_text(freshness.dump_notebook(plain), "utf-8")
    return path


def edit(path, change):
    nb = json.loads(path.read_text("utf-8"))
    change(nb)
    path.write_text(freshness.dump_notebook(nb), "utf-8")


def test_a_recorded_notebook_is_fresh_and_markdown_or_counts_do_not_stale_it(recorded_notebook):
    root = recorded_notebook.parent
    assert freshness.notebook_reasons(recorded_notebook, root) == []
    edit(recorded_notebook, lambda nb: nb["cells"][1].update(source="Other words."))
    edit(recorded_notebook, lambda nb: nb["cells"][2]["outputs"][0].update(execution_count=7))
    assert freshness.notebook_reasons(recorded_notebook, root) == []


def test_an_edited_cell_is_named_by_number_and_id(recorded_notebook):
    edit(recorded_notebook, lambda nb: nb["cells"][2].update(source="a + 2"))
    why = freshness.notebook_reasons(recorded_notebook, recorded_notebook.parent)
    assert why == ["code cell 2 (id second) changed"]


def test_an_output_edited_by_hand_stales_the_notebook(recorded_notebook):
    def plant(nb):
        nb["cells"][2]["outputs"][0]["data"]["text/markdown"] = "**2**\n```{raw} html\n<script>"

    edit(recorded_notebook, plant)
    why = freshness.notebook_reasons(recorded_notebook, recorded_notebook.parent)
    assert why == ["its stored outputs differ from what its last run produced"]


def test_a_changed_input_is_named(recorded_notebook):
    (recorded_notebook.parent / "data" / "x.csv").write_text("x\n2\n")
    why = freshness.notebook_reasons(recorded_notebook, recorded_notebook.parent)
    assert why == ["data/x.csv changed"]


def test_a_kernel_run_that_covers_every_cell_and_was_saved_is_adopted(recorded_notebook):
    root = recorded_notebook.parent
    (root / "data" / "x.csv").write_text("x\n3\n")  # changed; the reader then runs all in Lab
    edit(recorded_notebook, lambda nb: nb["metadata"].pop(freshness.META_KEY))
    cells = freshness.cell_digests(json.loads(recorded_notebook.read_text("utf-8")))
    run = {
        "cells": ["x", *cells],
        "failed": False,
        "finished_ns": 0,
        "inputs": freshness.file_inputs(root, [root / "data" / "x.csv"]),
    }
    (root / freshness.KERNEL_RUNS).mkdir(parents=True)
    (root / freshness.KERNEL_RUNS / "lab.json").write_text(freshness.signed(run))
    assert freshness.adopt(recorded_notebook, root)
    assert freshness.notebook_reasons(recorded_notebook, root) == []


@pytest.mark.parametrize(
    "spoil",
    [
        lambda run, root: run.update(cells=run["cells"][:-1]),  # not every cell ran
        lambda run, root: run.update(failed=True),  # a cell raised
        lambda run, root: run.update(finished_ns=10**20),  # the file was saved before the run
        lambda run, root: (root / "data" / "x.csv").write_text("x\n4\n"),  # input changed since
        lambda run, root: run.update(forged=True),  # written elsewhere: not signed here
    ],
)
def test_a_run_that_does_not_cover_the_saved_notebook_is_not_adopted(recorded_notebook, spoil):
    root = recorded_notebook.parent
    edit(recorded_notebook, lambda nb: nb["metadata"].pop(freshness.META_KEY))
    cells = freshness.cell_digests(json.loads(recorded_notebook.read_text("utf-8")))
    run = {
        "cells": cells,
        "failed": False,
        "finished_ns": 0,
        "inputs": freshness.file_inputs(root, [root / "data" / "x.csv"]),
    }
    spoil(run, root)
    (root / freshness.KERNEL_RUNS).mkdir(parents=True)
    text = json.dumps({"record": run, "mac": "0" * 64}) if run.pop("forged", False) else None
    (root / freshness.KERNEL_RUNS / "lab.json").write_text(text or freshness.signed(run))
    assert not freshness.adopt(recorded_notebook, root)
    assert freshness.notebook_reasons(recorded_notebook, root) == [
        "no record of what its outputs were made from"
    ]


def test_the_one_writer_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    target.write_text("old")
    monkeypatch.setattr(freshness.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        freshness.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]
    assert re.fullmatch(r"[0-9a-f]{64}", freshness.digest("x"))
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)
