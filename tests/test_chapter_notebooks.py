"""How the chapters are written: one import line, names that do not hide the package's
modules, a closing Summary, and no glue placeholder left for JupyterLab to show raw."""

import ast
import json

import pytest

from exobone.data import paths

NOTEBOOKS = sorted(paths.NOTEBOOK_DIR.glob("*.ipynb"))
MODULE_NAMES = {p.stem for p in paths.PACKAGE_DIR.rglob("*.py")} - {"__init__", "__main__"}
MODULE_NAMES |= {p.name for p in paths.PACKAGE_DIR.iterdir() if (p / "__init__.py").is_file()}


def cells(notebook, kind):
    return [
        "".join(c["source"])
        for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == kind
    ]


def assigned_names(source: str) -> set[str]:
    tree = ast.parse(source)
    return {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_a_chapter_has_one_import_line(notebook):
    imports = [
        ast.get_source_segment(source, node)
        for source in cells(notebook, "code")
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert imports == ["from exobone import chapter as ch"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_name_hides_a_package_module(notebook):
    names = set().union(*(assigned_names(s) for s in cells(notebook, "code")))
    assert sorted(names & MODULE_NAMES) == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_a_chapter_ends_with_a_summary_written_from_its_values(notebook):
    markdown = cells(notebook, "markdown")
    code = cells(notebook, "code")
    assert "## Summary" in markdown
    assert code[-1].startswith("ch.md(") and "{" in code[-1]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_markdown_cell_holds_a_glue_role(notebook):
    assert [m for m in cells(notebook, "markdown") if "{glue" in m] == []


def test_the_check_sees_a_hidden_module():
    assert assigned_names("summaries = load('x')\nn, paths = 1, 2") & MODULE_NAMES == {
        "summaries",
        "paths",
    }


def settings_and_prose(notebook) -> tuple[set[str], str]:
    """The names a chapter's ``setting = ch.values(...)`` records, and all its prose."""
    names, prose = set(), []
    for source in cells(notebook, "code"):
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Assign)
                and [getattr(t, "id", "") for t in node.targets] == ["setting"]
                and isinstance(node.value, ast.Call)
            ):
                names |= {k.arg for k in node.value.keywords}
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "ch.md":
                prose += [a.value for a in node.args if isinstance(a, ast.Constant)]
    return names, "\n".join(prose)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_analysis_setting_is_shown_in_the_prose(notebook):
    names, prose = settings_and_prose(notebook)
    hidden = sorted(n for n in names if "{" + n + "}" not in prose and "{" + n + ":" not in prose)
    assert hidden == []
