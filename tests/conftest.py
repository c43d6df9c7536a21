"""Shared fixtures: a throw-away copy of data/ that a test may break."""

import shutil
from pathlib import Path

import pytest

from exobone.data import paths


def pytest_configure(config):
    # registered here, not in pyproject.toml: a changed pyproject.toml makes every make target
    # reinstall .venv
    config.addinivalue_line(
        "markers", "slow: many runs of a command (hostile add-study payloads, random kills)"
    )


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


@pytest.fixture(scope="session")
def hostile_book(tmp_path_factory):
    """(built HTML, marker -> (resource, field, text)) of the hostile copy (tests/hostile.py),
    executed and built once per session."""
    from tests.hostile import build_hostile_book

    return build_hostile_book(tmp_path_factory)


@pytest.fixture(scope="session")
def rebuilt_book(hostile_book):
    """The hostile copy after a maintainer's edits, rebuilt with `python -m exobone book`:
    a column description in the export code, a line of data/README.md, and a stored output
    of the added-evidence chapter edited by hand (tests/test_never_stale.py)."""
    from tests.never_stale import edit_and_rebuild

    return edit_and_rebuild(hostile_book[0].parent.parent)
