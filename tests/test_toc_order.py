"""Reading order is file order: the chapters' numbers in _toc.yml run 01, 02, ... in the order
the book reads them, with no letter suffixes, so Lab's file list and the book agree."""

import re

import yaml

from exobone.data import paths

NUMBERED = re.compile(r"notebooks/(\d+)_[a-z0-9_]+$")


def toc_notebooks(toc: dict) -> list[str]:
    """The notebook entries of a jb-book table of contents, in reading order."""
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [f for f in files if f.startswith("notebooks/")]


def out_of_order(toc: dict) -> list[str]:
    """Every entry whose number is not the next one (or that has no plain number)."""
    wrong = []
    for position, entry in enumerate(toc_notebooks(toc), start=1):
        match = NUMBERED.fullmatch(entry)
        if not match or int(match.group(1)) != position:
            wrong.append(f"{entry} is chapter {position}")
    return wrong


def test_toc_order_is_file_number_order():
    toc = yaml.safe_load((paths.PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert out_of_order(toc) == []
    listed = {f"{e}.ipynb" for e in toc_notebooks(toc)}
    on_disk = {f"notebooks/{p.name}" for p in paths.NOTEBOOK_DIR.glob("*.ipynb")}
    assert listed == on_disk


def test_a_letter_suffix_or_a_swap_is_caught():
    toc = {
        "parts": [
            {"chapters": [{"file": "notebooks/01_a"}, {"file": "book/x"}]},
            {"chapters": [{"file": "notebooks/03b_c"}, {"file": "notebooks/02_b"}]},
        ]
    }
    assert out_of_order(toc) == ["notebooks/03b_c is chapter 2", "notebooks/02_b is chapter 3"]
