"""``make book``: execute stale notebooks, build the HTML strictly, end with one summary line.

    python -m exobone book

prints one line per executed notebook, Sphinx's warnings and errors only (the build is
``--quiet``; its status lines and Jupyter Book's closing banner are kept back unless the build
fails), then::

    book: 1 notebook executed (09_clinical_trials: data/review/trials.csv changed); 3 pages
    written; 14.2 s; open _build/html/index.html

(notebooks executed for the same reason are listed together). When nothing the HTML is built
from changed since the last successful build (:mod:`exobone.pipeline.site_record`), Sphinx is not
started and the line says ``HTML up to date (nothing it is built from changed)``.

The copies of downloadable files in ``_build/html/_downloads`` are left in place: Sphinx
copies downloads only when some page is out of date (a changed file replaces its copy then), so
removing them before a build that finds nothing out of date left every download link broken.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import execute
from exobone.pipeline import site_record as uptodate

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
BUILD_ARGS = ["--warningiserror", "--nitpick", "--keep-going", "--quiet"]


def _why(reasons: list[str]) -> str:
    return reasons[0] + (f" and {len(reasons) - 1} more" if len(reasons) > 1 else "")


def summary(
    report: execute.Report, pages: int, seconds: float, index: str, current: bool = False
) -> str:
    """The closing line: notebooks executed and why, pages written (or that the HTML was
    already up to date), seconds, what to open."""
    n = len(report.executed)
    done = f"{n} notebook{'' if n == 1 else 's'} executed"
    groups: dict[str, list[str]] = {}  # notebooks executed for the same reason, together
    for rel, (why, _) in sorted(report.executed.items()):
        groups.setdefault(_why(why), []).append(Path(rel).stem)
    if groups:
        done += " (" + "; ".join(f"{', '.join(nbs)}: {why}" for why, nbs in groups.items()) + ")"
    written = (
        "HTML up to date (nothing it is built from changed)"
        if current
        else f"{pages} pages written"
    )
    return f"book: {done}; {written}; {seconds:.1f} s; open {index}"


def pages_written(html_dir: Path, since: float) -> int:
    """HTML pages written since ``since`` (a time.time() value)."""
    return sum(
        1
        for p in html_dir.rglob("*.html")
        if "_static" not in p.parts and p.stat().st_mtime >= since
    )


def build_html(root: Path, inputs: str) -> int:
    """Run Jupyter Book on the project; its status output is shown only on failure. After a
    successful build, ``inputs`` (what it was built from: :func:`uptodate.input_digest`, taken
    before the build) is recorded."""
    done = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), *BUILD_ARGS],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    if done.returncode:
        print(done.stdout, end="")
        print(f"error: the book build failed (exit {done.returncode}); see above", file=sys.stderr)
        # Sphinx re-reads only changed pages: a page that warned and is not edited would pass
        # the next build silently. Without its environment, Sphinx reads every page again.
        environment = paths.relocated(paths.BUILD_DIR, root) / ".doctrees" / "environment.pickle"
        environment.unlink(missing_ok=True)
        uptodate.forget(root)
    else:
        uptodate.record(root, inputs)
    return done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (CPUs)")
    parser.add_argument("--timeout", type=int, default=execute.DEFAULT_TIMEOUT)
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    start, wall = time.perf_counter(), time.time()
    with execute.build_lock(root):  # a second `make book` waits for the whole build
        try:
            report = execute.run(root, jobs=args.jobs, timeout=args.timeout, lock=False)
        except (execute.UnreadableNotebook, execute.DataInvalid) as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        for failure in report.failures:
            print(failure, file=sys.stderr)
        if report.failures:
            return 1
        inputs = uptodate.input_digest(root, BUILD_ARGS)
        current = uptodate.is_current(root, inputs)
        if not current and build_html(root, inputs):
            return 1
    html = paths.relocated(paths.BUILD_HTML, root)
    index = html / "index.html"
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    seconds = time.perf_counter() - start
    pages = 0 if current else pages_written(html, wall)
    print(summary(report, pages, seconds, str(shown), current))
    return 0
