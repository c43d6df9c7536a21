"""Words follow the data: in a temporary copy of the project, adding a study and raising a
threshold changes the figures' data, their alt texts and the prose together.

The chapter's own cells run in a plain Python process (no kernel: the facade's outputs are
collected instead of displayed), up to the end of its section on pathways, before and after.
"""

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from exobone.curate import add_study
from exobone.data import paths
from tests.workspace import copy_project

CHAPTER = "notebooks/05_analysis_by_source_and_pathway.ipynb"
EXAMPLE = paths.BOOK_DIR / "examples" / "add_study_example.toml"  # adds a serum finding

RUN = r"""
import json, sys
import nbformat
from exobone.chapter import show, text

out = {"prose": [], "alt": []}
def collect(obj):
    if hasattr(obj, "_repr_mimebundle_"):
        out["alt"].append(obj._repr_mimebundle_()["text/plain"])
    elif hasattr(obj, "data") and not str(obj.data).lstrip().startswith("<"):
        out["prose"].append(obj.data)
text.display = show.display = collect
text.glue = lambda *args, **kwargs: None
namespace = {}
for cell in nbformat.read(sys.argv[1], as_version=4).cells:
    if cell.cell_type == "markdown" and cell.source.startswith("## 3."):
        break
    if cell.cell_type == "code":
        exec(cell.source, namespace)
print(json.dumps(out))
"""


def run_chapter(root) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(root / CHAPTER)],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "MPLBACKEND": "agg"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def figure_data(root, name: str) -> pd.DataFrame:
    return pd.read_csv(root / "notebooks" / "figure_data" / f"{name}.csv")


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    copy_project(root)
    before = run_chapter(root), figure_data(root, "fig-findings-per-source")
    assert add_study.main([str(EXAMPLE), "--root", str(root)]) == 0
    chapter = root / CHAPTER
    source = chapter.read_text(encoding="utf-8")
    assert source.count("min_sources=2") == 1
    chapter.write_text(source.replace("min_sources=2", "min_sources=3"), encoding="utf-8")
    after = run_chapter(root), figure_data(root, "fig-findings-per-source")
    return before, after


def test_the_alt_text_of_a_figure_changes_with_its_data(before_and_after):
    (old, old_data), (new, new_data) = before_and_after
    assert not old_data.equals(new_data)  # the serum bar grew
    for out, data in ((old, old_data), (new, new_data)):
        lowest = data["n_findings"].min()
        n_lowest = int((data["n_findings"] == lowest).sum())
        assert f"{n_lowest} sources have {lowest}." in out["alt"][0]
    assert old["alt"][0] != new["alt"][0]


def test_the_heat_map_gains_the_row_the_study_adds(before_and_after):
    (old, _), (new, _) = before_and_after
    rows = [int(re.search(r"(\d+) sources \(rows\)", out["alt"][1]).group(1)) for out in (old, new)]
    assert rows[1] == rows[0] + 1  # serum names its first pathway


def test_the_prose_follows_the_threshold_and_its_counts_add_up(before_and_after):
    (old, _), (new, _) = before_and_after
    for out, threshold in ((old, 2), (new, 3)):
        [paragraph] = [p for p in out["prose"] if "pathways recur" in p]
        paragraph = " ".join(paragraph.split())
        assert f"recur in {threshold} or more sources" in paragraph
        total = int(re.search(r"at least one of (\d+) pathways", paragraph).group(1))
        recurring = int(re.search(r"(\d+) pathways recur", paragraph).group(1))
        fewer = int(re.search(r"the other (\d+) are named", paragraph).group(1))
        assert recurring + fewer == total
    assert "(here: none)" in " ".join(old["prose"])
    assert "(here: none)" not in " ".join(new["prose"])  # serum now rests on added evidence
