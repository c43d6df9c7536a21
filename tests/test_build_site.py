"""The site is built whole into a staging folder and swapped in; a failed build leaves the old
site and no record (Sphinx replaced by a small script: no Sphinx run)."""

import stat
import sys

import pytest

from exobone.pipeline import book, freshness

FAKE = """#!{python}
import pathlib, sys
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--path-output") + 1]) / "_build" / "html"
if (pathlib.Path(args[1]) / "FAIL").exists():
    print("WARNING: undefined label: 'no-such-label'")
    sys.exit(1)
out.mkdir(parents=True)
(out / "index.html").write_text((pathlib.Path(args[1]) / "book" / "intro.md").read_text())
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "p"
    (root / "book").mkdir(parents=True)
    (root / "book" / "intro.md").write_text("first\n")
    fake = tmp_path / "jupyter-book"
    fake.write_text(FAKE.format(python=sys.executable))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(book, "JUPYTER_BOOK", fake)
    return root


def build(root):
    inputs, why = book.site_reasons(root)
    return why, (book.build_site(root, inputs) if why else 0)


def test_a_build_replaces_the_site_whole_and_records_it(project):
    assert build(project) == (["never built here (no record)"], 0)
    html = project / "_build" / "html"
    (html / "left-over.html").write_text("from an older build")
    (project / "book" / "intro.md").write_text("second\n")
    changed = ["book/intro.md changed", "the output was changed or damaged since it was made"]
    assert build(project) == (changed, 0)
    assert sorted(p.name for p in html.iterdir()) == ["index.html"]  # nothing left over
    assert (html / "index.html").read_text() == "second\n"
    assert build(project) == ([], 0)  # nothing changed: nothing to do
    assert not (project / "_build" / ".next").exists()


def test_a_failed_build_keeps_the_old_site_and_fails_again_until_fixed(project, capsys):
    build(project)
    (project / "FAIL").write_text("")
    for _ in range(2):  # not only the first time
        why, rc = build(project)
        assert rc == 1 and why
        assert "undefined label" in capsys.readouterr().out
    assert (project / "_build" / "html" / "index.html").read_text() == "first\n"
    assert freshness.read_record(project, book.SITE) is None
    (project / "FAIL").unlink()
    assert build(project)[1] == 0
