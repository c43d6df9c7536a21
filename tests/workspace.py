"""Working copies and a local server, for tests and benchmarks that build the book elsewhere.

- :func:`copy_project`: every file git tracks (with uncommitted edits) copied to a folder, so a
  test can edit data and rebuild without touching the checkout.
- :func:`serve_html`: a built book served on 127.0.0.1 (a free port) for a browser (the
  package's own loopback server, :func:`exobone.publish.pdf.serve_folder`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from exobone.data import paths
from exobone.publish.pdf import serve_folder as serve_html  # noqa: F401 (tests import it here)


def copy_project(target: Path, root: Path = paths.PROJECT_ROOT) -> None:
    """Copy every file git tracks in ``root`` (as it is in the working tree) into ``target``."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, tracked.split("\0")):
        src = root / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)
