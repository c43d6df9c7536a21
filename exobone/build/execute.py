"""Re-execute notebooks whose inputs changed, so the book never shows stale outputs.

Jupyter Book's own cache keys on code cells only, not on the CSVs a notebook reads. Here each
notebook stores, in its metadata, a SHA-256 over its code cells, every file under data/ and every
module of the package. A notebook whose stored hash differs from the current one is stale and is
re-executed in place; the book is then built from the stored outputs (execute_notebooks: off).

    python -m exobone.build.execute            # execute stale notebooks
    python -m exobone.build.execute --check    # list stale notebooks, exit 1 if any
    python -m exobone.build.execute --force    # execute all
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from exobone.data import paths
from exobone.data.validate import DataValidationError, validate

META_KEY = "exobone"


def _inputs(root: Path) -> list[Path]:
    # every data file except documentation (*.md): prose about the data changes no output
    data_dir, package_dir = paths.data_paths(root)
    data = [p for p in data_dir.rglob("*") if p.is_file() and p.suffix != ".md"]
    code = list(package_dir.rglob("*.py"))
    return sorted(data + code)


def input_hash(notebook: Path, root: Path = paths.PROJECT_ROOT) -> str:
    """Hash of what a notebook's outputs depend on: its code cells, data/ and the package."""
    nb = nbformat.read(notebook, as_version=4)
    h = hashlib.sha256()
    for cell in nb.cells:
        if cell.cell_type == "code":
            h.update(b"\0cell\0" + cell.source.encode())
    for p in _inputs(root):
        h.update(b"\0file\0" + str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def stored_hash(notebook: Path) -> str | None:
    nb = nbformat.read(notebook, as_version=4)
    return nb.metadata.get(META_KEY, {}).get("inputs_sha256")


def notebooks(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    return sorted((root / paths.NOTEBOOK_DIR.relative_to(paths.PROJECT_ROOT)).glob("*.ipynb"))


def stale(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    """Notebooks whose stored outputs were not made from the current inputs."""
    return [nb for nb in notebooks(root) if stored_hash(nb) != input_hash(nb, root)]


def execute(notebook: Path, root: Path = paths.PROJECT_ROOT, timeout: int = 600) -> None:
    """Run a notebook top to bottom in its own folder and store outputs and input hash."""
    from nbclient import NotebookClient

    # the kernel must import this project's package and data, even from a copy of the project
    pythonpath = os.environ.get("PYTHONPATH", "")
    if not pythonpath.startswith(str(root)):
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), pythonpath]))
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata[META_KEY] = {"inputs_sha256": input_hash(notebook, root)}
    nbformat.write(nb, notebook)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list stale notebooks")
    parser.add_argument("--force", action="store_true", help="execute every notebook")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    todo = notebooks(args.root) if args.force else stale(args.root)
    if args.check:
        for nb in todo:
            print(f"stale: {nb.relative_to(args.root)}")
        if todo:
            print(
                "these notebooks' stored outputs predate their code, data/ or exobone/: "
                "run `make execute` (or `make book`) and commit the notebooks"
            )
        return 1 if todo else 0
    if not todo:
        print("all notebooks are up to date with data/ and exobone/")
        return 0
    try:  # a bad data file is reported once, plainly, before any kernel starts
        validate(paths.data_paths(args.root)[0])
    except DataValidationError as err:
        print(f"error: the data do not validate, nothing was executed\n{err}", file=sys.stderr)
        return 1
    for nb in todo:
        print(f"executing {nb.relative_to(args.root)}", flush=True)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        failures = [f for f in pool.map(lambda nb: _try_execute(nb, args.root), todo) if f]
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def _try_execute(notebook: Path, root: Path) -> str:
    """Execute; on a failing cell return a short message (notebook, error type and text)."""
    from nbclient.exceptions import CellExecutionError

    try:
        execute(notebook, root)
    except CellExecutionError as err:
        return f"error: {notebook.relative_to(root)} failed: {err.ename}: {err.evalue}"
    return ""


if __name__ == "__main__":
    sys.exit(main())
