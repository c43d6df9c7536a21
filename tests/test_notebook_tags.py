"""Pages read prose first: bookkeeping cells are removed, analysis code is collapsed.

The notebooks stay complete (every cell is there and runs); only the page hides them, by tags.
"""

import nbformat
import pytest

from exobone.data import paths

HIDING_TAGS = {"remove-cell", "remove-input", "hide-input"}
GLUE_RECORD = "application/papermill.record/"


def _code_cells():
    for notebook in sorted(paths.NOTEBOOK_DIR.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                yield notebook.name, cell


def _shows_something(cell) -> bool:
    """True if the cell has an output a reader would see (not only glue records)."""
    for out in cell.get("outputs", []):
        if out["output_type"] in ("stream", "error"):
            return True
        data = out.get("data", {})
        if any(not mime.startswith(GLUE_RECORD) for mime in data):
            return True
    return False


CELLS = list(_code_cells())


@pytest.mark.parametrize("name,cell", CELLS, ids=[f"{n}:{c.get('id')}" for n, c in CELLS])
def test_code_is_removed_or_collapsed(name, cell):
    tags = set(cell.metadata.get("tags", []))
    assert tags & HIDING_TAGS, f"{name} cell {cell.get('id')}: tag it hide-input or remove-cell"
    if not _shows_something(cell):
        assert "remove-cell" in tags, f"{name} cell {cell.get('id')} only glues: remove-cell"
    else:
        assert "remove-cell" not in tags, f"{name} cell {cell.get('id')}: its output would vanish"


def test_the_check_sees_glue_only_cells():
    glue_only = nbformat.v4.new_code_cell('glue("n", 3, display=False)')
    glue_only.outputs = [
        nbformat.v4.new_output("display_data", data={GLUE_RECORD + "text/plain": "3"})
    ]
    table = nbformat.v4.new_code_cell("frame")
    table.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": "<table>"})]
    assert not _shows_something(glue_only) and _shows_something(table)
