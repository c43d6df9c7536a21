"""Working copies and a local server, for tests and benchmarks that build the book elsewhere.

- :func:`copy_project`: every file git tracks (with uncommitted edits) copied to a folder, so a
  test can edit data and rebuild without touching the checkout.
- :func:`serve_html`: a built book served on 127.0.0.1 (a free port) for a browser.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exobone.data import paths


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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request in the test output
        pass


@contextmanager
def serve_html(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 while the block runs; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
