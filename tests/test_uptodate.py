"""A build with nothing to do skips Sphinx; any change to what the HTML is built from, or to the
HTML itself, builds again (exobone.pipeline.site_record)."""

import json
import re
import shutil

import pytest

from exobone.pipeline import book
from exobone.pipeline import site_record as uptodate
from tests.workspace import copy_project

ARGS = ["--warningiserror"]


@pytest.fixture
def project(tmp_path):
    """A small tree shaped like the project, with a built HTML folder."""
    root = tmp_path / "p"
    for rel, text in {
        "_config.yml": "title: t\n",
        "_toc.yml": "root: book/intro\n",
        "book/intro.md": "# Intro\n",
        "notebooks/01.ipynb": "{}",
        "data/a.csv": "x\n1\n",
        "exobone/sphinxext/__init__.py": "",
        "_build/html/index.html": "<p>built</p>",
        "_build/html/_static/s.css": "p {}",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def digest(root):
    return uptodate.input_digest(root, ARGS)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: (r / "book" / "intro.md").write_text("# Intro!\n"),  # a page edited
        lambda r: (r / "notebooks" / "01.ipynb").write_text('{"cells": []}'),  # outputs
        lambda r: (r / "data" / "a.csv").write_text("x\n2\n"),  # data
        lambda r: (r / "data" / "b.csv").write_text("x\n"),  # a file added
        lambda r: (r / "exobone" / "sphinxext" / "__init__.py").unlink(),  # a file removed
        lambda r: (r / "book" / "intro.md").rename(r / "book" / "start.md"),  # renamed
        lambda r: (r / "_toc.yml").write_text("root: book/start\n"),  # configuration
    ],
)
def test_any_change_to_what_the_html_is_built_from_changes_the_digest(project, change):
    before = digest(project)
    change(project)
    assert digest(project) != before


@pytest.mark.parametrize(
    "rel",
    [
        "_build/html/index.html",  # the output itself
        ".git/index",
        "exobone/__pycache__/x.pyc",
        "tests/test_x.py",
        "benchmarks/bench.py",
        ".ci/run",
        "myvenv/lib/site.py",  # a virtual environment, whatever its name
        "exobone.egg-info/PKG-INFO",
    ],
)
def test_what_the_book_is_never_built_from_does_not_change_the_digest(project, rel):
    (project / "myvenv").mkdir()
    (project / "myvenv" / "pyvenv.cfg").write_text("home = /usr\n")
    before = digest(project)
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text("changed", encoding="utf-8")
    assert digest(project) == before


def test_a_linked_folder_counts_and_a_link_loop_ends(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "extra.csv").write_text("x\n1\n")
    (project / "data" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (project / "data" / "loop").symlink_to(project / "data", target_is_directory=True)
    before = digest(project)
    (elsewhere / "extra.csv").write_text("x\n2\n")
    assert digest(project) != before


def test_an_upgraded_package_other_options_or_locale_change_the_digest(project, monkeypatch):
    before = digest(project)
    assert uptodate.input_digest(project, [*ARGS, "--nitpick"]) != before
    real = uptodate._environment()
    monkeypatch.setenv("LANG", "de_DE.UTF-8" if "LANG=de_DE.UTF-8" not in real else "C")
    assert digest(project) != before
    monkeypatch.undo()
    assert digest(project) == before
    upgraded = [re.sub(r"^sphinx-[\d.]+\.dist-info$", "sphinx-99.0.dist-info", e) for e in real]
    assert upgraded != real
    monkeypatch.setattr(uptodate, "_environment", lambda: upgraded)
    assert digest(project) != before


def test_installed_distributions_are_part_of_the_environment():
    env = uptodate._environment()
    assert any(re.fullmatch(r"jupyter_book-1\.\S+\.dist-info", e) for e in env)
    assert any(re.fullmatch(r"sphinx-[\d.]+\.dist-info", e) for e in env)


def test_current_only_after_a_recorded_build_with_the_html_untouched(project):
    inputs = digest(project)
    assert not uptodate.is_current(project, inputs)  # never recorded
    uptodate.record(project, inputs)
    assert uptodate.is_current(project, inputs)
    assert not uptodate.is_current(project, "another state of the inputs")
    html = project / "_build" / "html"
    (html / "_static" / "s.css").write_text("p {color: red}")  # edited by hand
    assert not uptodate.is_current(project, inputs)
    uptodate.record(project, inputs)
    (html / "_static" / "s.css").unlink()  # deleted
    assert not uptodate.is_current(project, inputs)
    uptodate.record(project, inputs)
    shutil.rmtree(html)
    assert not uptodate.is_current(project, inputs)


def test_a_broken_stamp_means_build(project):
    (project / "_build" / uptodate.STAMP).write_text("{not json")
    assert not uptodate.is_current(project, digest(project))


def broken_downloads(html) -> list[str]:
    """Download links of the built pages whose file is missing."""
    broken = []
    for page in html.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]*_downloads/[^"#?]+)"', page.read_text("utf-8")):
            if not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(html)}: {href}")
    return broken


@pytest.mark.build
def test_make_book_skips_sphinx_only_when_nothing_changed_and_never_after_a_failure(
    tmp_path, capfd
):
    root = tmp_path / "copy"
    copy_project(root)
    assert book.main(["--root", str(root)]) == 0
    capfd.readouterr()
    html = root / "_build" / "html"
    pages = [p.read_text("utf-8") for p in (html / "notebooks").glob("*.html")]
    assert sum(page.count("_downloads/") for page in pages) > 30  # the chapters' {download}s
    assert broken_downloads(html) == []
    times = {p: p.stat().st_mtime_ns for p in html.rglob("*") if p.is_file()}

    assert book.main(["--root", str(root)]) == 0
    last = capfd.readouterr().out.strip().splitlines()[-1]
    assert "HTML up to date (nothing it is built from changed)" in last, last
    assert times == {p: p.stat().st_mtime_ns for p in html.rglob("*") if p.is_file()}

    # an input no page is built from (README.md): Sphinx runs, finds nothing out of date, and
    # every download link still finds its file
    readme = root / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert book.main(["--root", str(root)]) == 0
    capfd.readouterr()
    assert broken_downloads(html) == []
    copies = sorted((html / "_downloads").rglob("*.csv"))
    copies[0].unlink()  # a download removed from the output by hand is copied again
    assert book.main(["--root", str(root)]) == 0
    capfd.readouterr()
    assert broken_downloads(html) == []

    intro = root / "book" / "intro.md"
    intro.write_text(intro.read_text("utf-8") + "\nA sentence added after the build.\n", "utf-8")
    (html / "notebooks" / "09_clinical_trials.html").unlink()
    assert book.main(["--root", str(root)]) == 0
    last = capfd.readouterr().out.strip().splitlines()[-1]
    written = re.search(r"; ([1-9]\d*) pages written; ", last)
    assert written and int(written.group(1)) < 10, last  # only what changed, not all 19 pages
    assert "A sentence added after the build." in (html / "book" / "intro.html").read_text("utf-8")
    assert (html / "notebooks" / "09_clinical_trials.html").is_file()

    # a number glued in a notebook and shown on another page: that page follows the notebook
    notebook = root / "notebooks" / "02_bibliometrics.ipynb"
    glued = json.loads(notebook.read_text("utf-8"))
    for output in (o for c in glued["cells"] for o in c.get("outputs", [])):
        if output.get("metadata", {}).get("scrapbook", {}).get("name") == "n_refs":
            output["data"] = {mime: "555" for mime in output["data"]}
    notebook.write_text(json.dumps(glued, indent=1, ensure_ascii=False) + "\n", "utf-8")
    assert book.main(["--root", str(root)]) == 0
    capfd.readouterr()
    page = (html / "book" / "references.html").read_text("utf-8")
    assert "The review’s 555 references" in " ".join(re.sub(r"<[^>]+>", "", page).split())

    # the book's CSS alone edited: copied, and every page links the new version
    css = root / "book" / "_static" / "exobone.css"
    css.write_text(css.read_text("utf-8") + "\n.edited-after-build { color: red; }\n", "utf-8")
    old_link = re.search(r"exobone\.css\?v=\w+", (html / "book" / "intro.html").read_text("utf-8"))
    assert book.main(["--root", str(root)]) == 0
    capfd.readouterr()
    assert (html / "_static" / "exobone.css").read_text("utf-8") == css.read_text("utf-8")
    for page in ("book/intro.html", "notebooks/09_clinical_trials.html"):
        assert old_link.group() not in (html / page).read_text("utf-8"), page

    # a page that warns fails every build until it is fixed, not only the first
    intro.write_text(intro.read_text("utf-8") + "\nSee {ref}`no-such-label`.\n", "utf-8")
    for _ in range(2):
        assert book.main(["--root", str(root)]) == 1
        out = capfd.readouterr()
        assert "undefined label: 'no-such-label'" in out.out + out.err
    assert not (root / "_build" / uptodate.STAMP).exists()


def test_a_page_showing_a_number_glued_in_a_notebook_depends_on_that_notebook(tmp_path):
    from types import SimpleNamespace

    from exobone.sphinxext.pages import note_glue_sources

    noted = []
    env = SimpleNamespace(
        doc2path=lambda doc: str(tmp_path / f"{doc}.md"), note_dependency=noted.append
    )
    source = [
        "{glue:text}`../notebooks/01_t.ipynb::n_tables:d` tables, "
        "{glue:text}`../notebooks/01_t.ipynb::n_rows:d` rows, "
        "{glue:md}`../notebooks/02_r.ipynb::refs` and {glue:text}`local_key`"
    ]
    note_glue_sources(SimpleNamespace(env=env), "book/intro", source)
    assert noted == [str(tmp_path / "notebooks" / n) for n in ("01_t.ipynb", "02_r.ipynb")]
