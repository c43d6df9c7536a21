"""Edits a maintainer or a contributor makes after a build, applied to the hostile copy and
rebuilt once per session (fixture ``rebuilt_book``)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

#: a column description edited in the export code, a line appended to data/README.md
DESCRIPTION_MARK = "Edited after the first build: qzdesc."
README_MARK = "A line added to data/README.md after the first build: qzreadme."
#: what a hostile contributor appends to a stored Markdown output
PLANTED = "\n\n```{raw} html\n<script>window.qzplanted = 1</script>\n```\n"
HAND_EDITED = "notebooks/10_added_evidence.ipynb"


def _plant(notebook: Path) -> None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):
                output["data"]["text/markdown"] = "".join(output["data"]["text/markdown"]) + PLANTED
                cell.setdefault("metadata", {}).setdefault("tags", []).append("nbval-ignore-output")
                notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", "utf-8")
                return
    raise AssertionError(f"{notebook} has no Markdown output to plant into")


def edit_and_rebuild(project: Path) -> tuple[Path, str]:
    """(built HTML, what `python -m exobone book` printed) after the edits."""
    flat = project / "exobone" / "compute" / "flat.py"
    text = flat.read_text(encoding="utf-8")
    edited, n = re.subn(r'"ref_ids": "[^"]*",', f'"ref_ids": "{DESCRIPTION_MARK}",', text)
    assert n == 1, "the ref_ids description moved: update tests/never_stale.py"
    flat.write_text(edited, encoding="utf-8")
    with (project / "data" / "README.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{README_MARK}\n")
    _plant(project / HAND_EDITED)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "EXOBONE_VALIDATED"}}
    done = subprocess.run(
        [sys.executable, "-m", "exobone", "book"],
        cwd=project,
        env=env | {"PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "_build" / "html", done.stdout + done.stderr
