"""Shared fixtures: a throw-away copy of data/ that a test may break."""

import shutil
from pathlib import Path

import pytest

from exobone.data import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder (tests edit it, never the real one)."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def edit_line(path: Path, line_no: int, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in line ``line_no`` (1-based) of a text file; fail if absent."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_no - 1], f"{old!r} not in line {line_no} of {path}"
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def copy_project(target: Path) -> None:
    """Copy every file git tracks (plus uncommitted edits to them) into ``target``."""
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=paths.PROJECT_ROOT, capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, tracked.split("\0")):
        src = paths.PROJECT_ROOT / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)
