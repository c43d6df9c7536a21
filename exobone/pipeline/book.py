"""``python -m exobone book``: validate, execute what is stale, build the site, one summary line.

Three outputs, each through its record (:mod:`exobone.pipeline.freshness`):

1. the validation result (data files and the code that checks them);
2. every notebook's stored outputs (:mod:`exobone.pipeline.execute`);
3. the site: every page, the published data package and the downloads. Its inputs are every
   file of the project (tests, benchmarks and caches aside), the Python and installed packages,
   and the options; its output is the content of ``_build/html``. When any of it changed (or
   the HTML was edited or damaged), Sphinx builds the whole site from a fresh environment into
   ``_build/.next`` and the result replaces ``_build/html`` in one rename: Sphinx's incremental
   build cannot be trusted to notice what a page reads at build time (downloads, exports, glued
   values, CSS, index entries: sphinx-doc/sphinx#12599), and a whole build takes seconds here.
   A failed build leaves the old site and no record, so the next build runs again.

Sphinx's warnings and errors are printed (the build is ``--quiet``; its status lines only when
it fails); the last line says what was executed and why, whether the site was built and why::

    book: 1 notebook executed (09_clinical_trials: data/review/trials.csv changed); site built
    (data/review/trials.csv changed and 1 more); 11.2 s; open _build/html/index.html
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import execute, freshness

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
OPTIONS = ["--warningiserror", "--nitpick", "--keep-going", "--quiet"]
SITE = "site"


def _why(reasons: list[str]) -> str:
    return reasons[0] + (f" and {len(reasons) - 1} more" if len(reasons) > 1 else "")


def summary(report: execute.Report, site_why: list[str], seconds: float, index: str) -> str:
    """The closing line: notebooks executed and why, the site built and why (or up to date),
    seconds, what to open."""
    n = len(report.executed)
    done = f"{n} notebook{'' if n == 1 else 's'} executed"
    groups: dict[str, list[str]] = {}  # notebooks executed for the same reason, together
    for rel, (why, _) in sorted(report.executed.items()):
        groups.setdefault(_why(why), []).append(Path(rel).stem)
    if groups:
        done += " (" + "; ".join(f"{', '.join(nbs)}: {why}" for why, nbs in groups.items()) + ")"
    if report.adopted:
        done += f", {len(report.adopted)} recorded from a Jupyter run"
    site = f"site built ({_why(site_why)})" if site_why else "site up to date"
    return f"book: {done}; {site}; {seconds:.1f} s; open {index}"


def build_site(root: Path, inputs: dict[str, str]) -> int:
    """Build the whole site from a fresh environment and put it in place; record it."""
    html = paths.relocated(paths.BUILD_HTML, root)
    staging = paths.relocated(paths.BUILD_DIR, root) / ".next"
    shutil.rmtree(staging, ignore_errors=True)
    done = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "--path-output", str(staging), *OPTIONS],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    if done.returncode:
        print(done.stdout, end="")
        print(f"error: the book build failed (exit {done.returncode}); see above", file=sys.stderr)
        freshness.forget(root, SITE)
        return done.returncode
    old = html.with_name(".old-html")
    shutil.rmtree(old, ignore_errors=True)
    if html.exists() or html.is_symlink():
        html.rename(old)
    (staging / "_build" / "html").rename(html)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    freshness.write_record(root, SITE, inputs, freshness.tree_digest(html))
    return 0


def site_reasons(root: Path) -> tuple[dict[str, str], list[str]]:
    """(the site's inputs now, why it is stale: empty if it is fresh)."""
    inputs = freshness.site_inputs(root, OPTIONS)
    html = paths.relocated(paths.BUILD_HTML, root)
    return inputs, freshness.stale_reasons(root, SITE, inputs, freshness.tree_digest(html))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (CPUs)")
    parser.add_argument("--timeout", type=int, default=execute.DEFAULT_TIMEOUT)
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    start = time.perf_counter()
    with execute.build_lock(root):  # a second `make book` waits for the whole build
        try:
            execute.ensure_valid(root)
            report = execute.execute_stale(root, jobs=args.jobs, timeout=args.timeout)
        except (freshness.UnreadableNotebook, execute.DataInvalid) as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        for failure in report.failures:
            print(failure, file=sys.stderr)
        if report.failures:
            return 1
        inputs, why = site_reasons(root)
        if why and build_site(root, inputs):
            return 1
    index = paths.relocated(paths.BUILD_HTML, root) / "index.html"
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    print(summary(report, why, time.perf_counter() - start, str(shown)))
    return 0


def pdf_reasons(root: Path) -> tuple[dict[str, str], list[str]]:
    """(the PDF's inputs now, why it is stale: empty if fresh)."""
    from exobone.publish import pdf

    html = paths.relocated(paths.BUILD_HTML, root)
    inputs = freshness.file_inputs(root, pdf.pdf_inputs(html, root))
    out = paths.relocated(paths.BUILD_PDF, root) / pdf.PDF_NAME
    made = freshness.digest(out.read_bytes()) if out.is_file() else freshness.MISSING
    return inputs, freshness.stale_reasons(root, "pdf", inputs, made)


def pdf_main(argv: list[str] | None = None) -> int:
    """``python -m exobone pdf``: the built book as one PDF, when anything it is made from
    changed (``make pdf`` builds the book first)."""
    from exobone.publish import pdf

    parser = argparse.ArgumentParser(description=pdf_main.__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    root = parser.parse_args(argv).root.resolve()
    html, out = paths.relocated(paths.BUILD_HTML, root), paths.relocated(paths.BUILD_PDF, root)
    if not (html / "book" / "intro.html").is_file():
        print("error: no built book in _build/html: run make book first", file=sys.stderr)
        return 1
    inputs, why = pdf_reasons(root)
    shown = (out / pdf.PDF_NAME).relative_to(root)
    if not why:
        print(f"pdf: up to date; open {shown}")
        return 0
    start = time.perf_counter()
    made = pdf.build_pdf(html, out)
    freshness.write_record(root, "pdf", inputs, freshness.digest(made.read_bytes()))
    size = made.stat().st_size / 1e6
    print(f"pdf: {shown} ({size:.1f} MB, {_why(why)}) in {time.perf_counter() - start:.1f} s")
    return 0
