"""Is the built HTML up to date? Then ``make book`` need not start Sphinx at all.

Jupyter Book's own no-change build still starts Sphinx, loads about twenty extensions, reads
its environment and checks every page: about 2.6 s on this book, before our own steps. A build
with nothing to do is skipped instead, the way ``make`` skips a target whose prerequisites are
older, but decided on content, not modification times:

- the **inputs**: the content of every file under the project root (pages, notebooks with their
  stored outputs, data, configuration, the package whose Sphinx extension writes pages), apart
  from :data:`NEVER_READ`; the Python that runs the build and every installed distribution with
  its version, and the locale and time-zone variables; the build's command-line options;
- the **output**: every file under ``_build/html`` (path, size, modification time) as the last
  successful build left it.

After a successful build both are written to ``_build/book-inputs.json``. The next build is
skipped only if both are identical: any edited, added or removed input, an upgraded package, or
an HTML file deleted or changed by hand makes Sphinx run again. A failed build removes the
record, so the next one runs. Over-inclusion only costs a rebuild; nothing is left out that
Sphinx reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

from exobone.data import paths

#: folders under the project root that the book is never built from: version control, virtual
#: environments (any folder with a ``pyvenv.cfg``), the build itself and tool caches, anywhere;
#: the tests, benchmarks and CI scripts at the top (excluded in _config.yml and not in the toc)
NEVER_READ = {".git", "_build", "__pycache__", ".pytest_cache", ".ruff_cache"}
NEVER_READ |= {".ipynb_checkpoints", "node_modules", ".jupyter_cache"}
TOP_LEVEL_NEVER_READ = {"tests", "benchmarks", ".ci"}
#: environment variables that can change what Sphinx writes (sorting, dates)
ENVIRONMENT = ("LANG", "LC_ALL", "LC_COLLATE", "TZ", "SOURCE_DATE_EPOCH")
STAMP = "book-inputs.json"


def _walk(top: Path, skip_top: set[str]) -> list[Path]:
    """Every file under ``top``, sorted, without the folders skipped; a linked folder is
    followed (its files count like any other), each real folder once."""
    found, seen = [], set()
    for folder, dirs, files in os.walk(top, followlinks=True):
        here = Path(folder)
        real = os.path.realpath(here)
        if real in seen:  # a link back up the tree, or a second link to the same folder
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in NEVER_READ
            and not d.endswith(".egg-info")
            and not (here == top and d in skip_top)
            and not (here / d / "pyvenv.cfg").is_file()
        )
        found += [here / f for f in sorted(files)]
    return found


def _environment() -> list[str]:
    """The Python that builds, every installed distribution with its version, and the
    environment variables of :data:`ENVIRONMENT`."""
    folders = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    dists = sorted(p.name for f in folders if Path(f).is_dir() for p in Path(f).glob("*.dist-info"))
    variables = [f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT]
    return [sys.executable, sys.version, *dists, *variables]


def input_digest(root: Path, build_args: list[str]) -> str:
    """One hash of everything the HTML is built from (see the module's docstring)."""
    h = hashlib.sha256()
    for line in [*_environment(), *build_args]:
        h.update(line.encode() + b"\0")
    for path in _walk(root, TOP_LEVEL_NEVER_READ):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def output_digest(html_dir: Path) -> str:
    """One hash of the built HTML's file list, sizes and modification times."""
    h = hashlib.sha256()
    for path in _walk(html_dir, set()) if html_dir.is_dir() else []:
        stat = path.stat()
        h.update(
            f"{path.relative_to(html_dir).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return h.hexdigest()


def _stamp(root: Path) -> Path:
    return paths.relocated(paths.BUILD_DIR, root) / STAMP


def is_current(root: Path, inputs: str) -> bool:
    """True if the last successful build was made from exactly ``inputs`` and its HTML is
    untouched since."""
    try:
        stamp = json.loads(_stamp(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    html = paths.relocated(paths.BUILD_HTML, root)
    return (
        isinstance(stamp, dict)
        and stamp.get("inputs") == inputs
        and stamp.get("html") == output_digest(html)
        and (html / "index.html").is_file()
    )


def record(root: Path, inputs: str) -> None:
    """After a successful build: what it was built from, and the HTML it left."""
    stamp = {"inputs": inputs, "html": output_digest(paths.relocated(paths.BUILD_HTML, root))}
    path = _stamp(root)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def forget(root: Path) -> None:
    """After a failed build: no record, so the next build runs whatever its inputs."""
    _stamp(root).unlink(missing_ok=True)
