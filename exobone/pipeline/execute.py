"""Re-execute the notebooks whose inputs changed, so the book never shows stale outputs.

Jupyter Book's own cache keys on code cells only, not on the CSVs a notebook reads. Here each
notebook stores, in its metadata, a digest of its code cells and of exactly the inputs it used
the last time it ran: the data resources and review text it read, and the package modules it
imported (recorded while it ran, see :mod:`exobone.pipeline.freshness`). A notebook whose code
or one of those inputs changed is stale and is re-executed in place; the book is then built from the
stored outputs (execute_notebooks: off).

    python -m exobone execute               # execute stale notebooks
    python -m exobone check       # list stale notebooks and why, exit 1 if any
    python -m exobone execute --force       # execute all
    python -m exobone execute --timeout 60  # stop a cell after 60 s (default 300)

The data are validated once, before any kernel starts (and the result is stamped for the
kernels, see :mod:`exobone.data.validation_stamp`). Notebooks run ``--jobs`` at a time (default:
the number of CPUs), the longest first (durations of earlier runs, kept in ``_build/``). Only
one build executes notebooks in a project at a time: a second one waits for the first.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import freshness as deps
from exobone.pipeline.freshness import UnreadableNotebook

__all__ = ["UnreadableNotebook", "main", "notebooks", "run", "stale", "stale_reasons"]

DEFAULT_TIMEOUT = 300
DURATIONS = "execute-times.json"
LOCK = "execute.lock"


def notebooks(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    return sorted(paths.relocated(paths.NOTEBOOK_DIR, root).glob("*.ipynb"))


def stale_reasons(root: Path = paths.PROJECT_ROOT) -> dict[Path, list[str]]:
    """Stale notebook -> why (which input changed). Raises UnreadableNotebook."""
    cache: dict = {}
    found = {nb: deps.stale_reasons(nb, root, cache) for nb in notebooks(root)}
    return {nb: why for nb, why in found.items() if why}


def stale(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    """Notebooks whose stored outputs were not made from their current inputs."""
    return list(stale_reasons(root))


class DataInvalid(Exception):
    """The data package does not validate; the message lists every problem."""


@dataclass
class Report:
    """What one run did: notebooks executed (with why and seconds) and failures."""

    executed: dict[str, tuple[list[str], float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's execution lock; if another build holds it, say so and wait."""
    path = paths.relocated(paths.BUILD_DIR, root) / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            print(
                f"another build ({holder}) is executing notebooks in {root}; "
                "waiting for it to finish",
                flush=True,
            )
            fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}")
        f.flush()
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def available_cpus() -> int:
    """CPUs this process may run on (respects taskset and CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _durations(root: Path) -> dict[str, float]:
    try:
        return json.loads(
            (paths.relocated(paths.BUILD_DIR, root) / DURATIONS).read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return {}


def longest_first(todo: list[Path], root: Path) -> list[Path]:
    """Order so the longest notebooks start first (last run's seconds; else code cells)."""
    known = _durations(root)

    def expected(nb: Path) -> float:
        rel = nb.relative_to(root).as_posix()
        if rel in known:
            return float(known[rel])
        return 0.5 * nb.read_text(encoding="utf-8").count('"cell_type": "code"')

    return sorted(todo, key=lambda nb: (-expected(nb), nb.name))


def _save_durations(root: Path, report: Report) -> None:
    known = _durations(root) | {rel: round(s, 2) for rel, (_, s) in report.executed.items()}
    path = paths.relocated(paths.BUILD_DIR, root) / DURATIONS
    path.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")


def run(
    root: Path = paths.PROJECT_ROOT,
    force: bool = False,
    jobs: int | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    lock: bool = True,
) -> Report:
    """Execute what is stale (or everything); raise UnreadableNotebook or DataInvalid.

    ``lock=False`` when the caller already holds :func:`build_lock` (the book build does).
    """
    report = Report()
    with build_lock(root) if lock else nullcontext():
        todo = {nb: ["forced"] for nb in notebooks(root)} if force else stale_reasons(root)
        if not todo:
            return report
        from exobone.data.validate import DataValidationError, validate
        from exobone.pipeline.kernel import ExecutionFailure, execute  # imports pandas, nbclient

        try:  # once, before any kernel starts; stamped for the kernels
            validate(paths.relocated(paths.DATA_DIR, root))
        except DataValidationError as err:
            raise DataInvalid(f"the data do not validate, nothing was executed\n{err}") from err

        def one(nb: Path) -> None:
            rel = nb.relative_to(root).as_posix()
            try:
                seconds = execute(nb, root, timeout)
            except ExecutionFailure as err:
                report.failures.append(str(err))
                return
            report.executed[rel] = (todo[nb], seconds)
            print(f"executed {rel} in {seconds:.1f} s ({'; '.join(todo[nb])})", flush=True)

        with ThreadPoolExecutor(max_workers=max(1, jobs or available_cpus())) as pool:
            list(pool.map(one, longest_first(list(todo), root)))
        _save_durations(root, report)
    return report


def _check(root: Path) -> int:
    todo = stale_reasons(root)
    for nb, why in todo.items():
        print(f"stale: {nb.relative_to(root)} ({'; '.join(why)})")
    if todo:
        print(
            "these notebooks' stored outputs predate their code or inputs: "
            "run `make execute` (or `make book`) and commit the notebooks"
        )
    return 1 if todo else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list stale notebooks")
    parser.add_argument("--force", action="store_true", help="execute every notebook")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (CPUs)")
    parser.add_argument(
        "--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds a cell may run"
    )
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.check:
            return _check(root)
        report = run(root, args.force, args.jobs, args.timeout)
    except UnreadableNotebook as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except DataInvalid as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not report.executed and not report.failures:
        print("all notebooks are up to date with their code and inputs")
    for failure in report.failures:
        print(failure, file=sys.stderr)
    return 1 if report.failures else 0
