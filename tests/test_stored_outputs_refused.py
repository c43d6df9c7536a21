"""The issue's reproduction, end to end: a hand-edited stored output cannot show a file of the
build machine or carry a script (slow: builds a copy of the book).

In a copy of the project, the Markdown output of a cell of ``notebooks/10_added_evidence.ipynb``
gets a ``{literalinclude}`` of ``/etc/passwd`` and a ``{raw} html`` script, and the cell is
tagged ``nbval-ignore-output``, as the hostile contributor did. ``make book``'s command must
then either refuse in one line naming the page (the Sphinx extension's wall) or re-execute the
notebook (the freshness record covers stored outputs); never may the page show the file or
carry the script.
"""

import os
import subprocess
from pathlib import Path

import nbformat
import pytest

from exobone.data import paths
from tests.workspace import copy_project

pytestmark = pytest.mark.build

NOTEBOOK = "notebooks/10_added_evidence.ipynb"
SECRET = Path("/etc/passwd")
SCRIPT = "<script>alert('stored-output')</script>"


def _poison(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    cell = next(
        c
        for c in nb.cells
        if c.cell_type == "code"
        and any("text/markdown" in o.get("data", {}) for o in c.get("outputs", []))
    )
    output = next(o for o in cell.outputs if "text/markdown" in o.get("data", {}))
    output["data"]["text/markdown"] += (
        f"\n\n```{{literalinclude}} {'../' * 8}{str(SECRET).lstrip('/')}\n```\n\n"
        f"```{{raw}} html\n{SCRIPT}\n```\n"
    )
    cell.metadata.setdefault("tags", []).append("nbval-ignore-output")
    nbformat.write(nb, notebook)


def test_a_hand_edited_markdown_output_never_reaches_the_page(tmp_path):
    project = tmp_path / "project"
    copy_project(project)
    (project / ".venv").symlink_to(paths.PROJECT_ROOT / ".venv")
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    python = str(project / ".venv" / "bin" / "python")

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [python, "-m", "exobone", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )

    # every notebook fresh first, so that only the hand edit differs from what was executed
    assert run("execute").returncode == 0
    _poison(project / NOTEBOOK)
    done = run("book")
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    page = project / "_build" / "html" / "notebooks" / "10_added_evidence.html"
    html = page.read_text(encoding="utf-8") if page.exists() else ""
    first_line = SECRET.read_text(encoding="utf-8").split("\n")[0] if SECRET.exists() else "root:"
    assert first_line not in html
    assert SCRIPT not in html and "alert('stored-output')" not in html
    if done.returncode:  # refused: one line names the page and the refused markup
        refusals = [line for line in output.splitlines() if "refused" in line]
        assert refusals and all("10_added_evidence" in line for line in refusals), output[-2000:]
