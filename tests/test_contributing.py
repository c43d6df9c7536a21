"""CONTRIBUTING.md cannot drift from the package: every module has its line, and no line names a
module that is gone."""

import ast
import re
import shutil
from pathlib import Path

from exobone.data import paths

LINE = re.compile(r"^- `(exobone/[\w/]+\.py)`: \S", re.M)


def modules(package: Path) -> set[str]:
    """Every module of the package; an ``__init__.py`` only when it holds code."""
    found = set()
    for path in package.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        code = [
            n
            for n in tree.body
            if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
        ]
        if path.name == "__init__.py" and not code:
            continue
        found.add(f"exobone/{path.relative_to(package).as_posix()}")
    return found


def mapped(contributing: Path) -> set[str]:
    return set(LINE.findall(contributing.read_text(encoding="utf-8")))


def drift(root: Path) -> tuple[set[str], set[str]]:
    """(modules without a line, lines without a module)."""
    have, listed = modules(root / "exobone"), mapped(root / "CONTRIBUTING.md")
    return have - listed, listed - have


def test_every_module_has_its_line_and_every_line_its_module():
    assert drift(paths.PROJECT_ROOT) == (set(), set())


def test_an_unmapped_or_removed_module_is_caught(tmp_path):
    shutil.copytree(
        paths.PACKAGE_DIR, tmp_path / "exobone", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(paths.PROJECT_ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    (tmp_path / "exobone" / "compute" / "new_analysis.py").write_text('"""New."""\nX = 1\n')
    (tmp_path / "exobone" / "compute" / "trials.py").unlink()
    unmapped, gone = drift(tmp_path)
    assert unmapped == {"exobone/compute/new_analysis.py"}
    assert gone == {"exobone/compute/trials.py"}
