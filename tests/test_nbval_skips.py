"""No cell escapes nbval's comparison unless it is on a short, reviewed list.

nbval re-executes every notebook and compares the stored outputs with fresh ones; a cell tagged
``nbval-ignore-output`` or ``nbval-skip`` (or marked with an ``# NBVAL_...`` comment) is not
compared, so its stored output could say anything. Such a marker is allowed only where
:data:`ALLOWED` lists it, with the reason.
"""

import nbformat
import pytest

from exobone.data import paths

#: (notebook, cell id, marker) -> why this cell's output cannot be compared. Keep it short;
#: every entry is reviewed. Nondeterminism is sanitized (tests/nbval_sanitize.cfg) instead.
ALLOWED: dict[tuple[str, str, str], str] = {}

#: markers that keep a cell's output from being checked (tags and source comments of nbval)
SKIP_TAGS = {"nbval-ignore-output", "nbval-skip", "nbval-raises-exception", "raises-exception"}
SKIP_COMMENTS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP", "# NBVAL_RAISES_EXCEPTION")


def skip_markers(nb, name: str) -> list[tuple[str, str, str]]:
    """(notebook, cell id, marker) of every cell that nbval would not compare."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_id = cell.get("id", "?")
        tags = set(cell.metadata.get("tags", []))
        for tag in sorted(tags):
            if tag in SKIP_TAGS or (tag.startswith("nbval-") and tag != "nbval-check-output"):
                found.append((name, cell_id, tag))
        for line in cell.source.splitlines():
            if line.strip().upper().startswith(SKIP_COMMENTS):
                found.append((name, cell_id, line.strip()))
    return found


def test_the_check_finds_tags_and_comments():
    nb = nbformat.v4.new_notebook()
    tagged = nbformat.v4.new_code_cell("1 + 1", id="tagged")
    tagged.metadata["tags"] = ["hide-input", "nbval-ignore-output"]
    commented = nbformat.v4.new_code_cell("# NBVAL_SKIP\nprint(2)", id="commented")
    checked = nbformat.v4.new_code_cell("3", id="checked")
    checked.metadata["tags"] = ["nbval-check-output"]
    nb.cells = [tagged, commented, checked]
    assert skip_markers(nb, "x.ipynb") == [
        ("x.ipynb", "tagged", "nbval-ignore-output"),
        ("x.ipynb", "commented", "# NBVAL_SKIP"),
    ]


NOTEBOOKS = sorted(paths.NOTEBOOK_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_cell_skips_nbval_unless_allowed(notebook):
    found = skip_markers(nbformat.read(notebook, as_version=4), notebook.name)
    unlisted = [
        f"{name} cell {cell}: {marker} (remove it, or add it to ALLOWED with the reason)"
        for name, cell, marker in found
        if (name, cell, marker) not in ALLOWED
    ]
    assert unlisted == []


def test_every_allowed_skip_still_exists_and_says_why():
    found = {m for nb in NOTEBOOKS for m in skip_markers(nbformat.read(nb, as_version=4), nb.name)}
    assert [k for k in ALLOWED if k not in found] == []
    assert all(len(reason) > 20 for reason in ALLOWED.values())
