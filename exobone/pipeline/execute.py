"""``python -m exobone execute``: re-execute the notebooks that are not fresh, record their reads.

A notebook is stale when its code cells, its stored outputs or an input it read changed
(:mod:`exobone.pipeline.freshness`). Each stale notebook runs top to bottom in a fresh kernel
with IPC transport (no "over TCP without encryption" warning), ``--jobs`` at a time (default:
the CPUs), the longest first; the kernel records what it read, and the notebook is stored
atomically with its record. A notebook run and saved in Jupyter since is adopted, not run.

    python -m exobone execute               # execute stale notebooks
    python -m exobone execute --force       # execute all
    python -m exobone execute --timeout 60  # stop a cell after 60 s (default 300)

The data are validated once first (unless the validation record is fresh); kernels are told
the validated data digest and do not validate again. A failing cell, a cell past the timeout,
a dead kernel or an unreadable notebook is one line; what a kernel process prints outside its
cells goes to ``_build/kernel-logs/<notebook>.log``. One build executes in a project at a time.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import freshness

DEFAULT_TIMEOUT = 300
DURATIONS = "execute-times.json"


class ExecutionFailure(Exception):
    """A notebook could not be executed; the message is one line for the reader."""


class DataInvalid(Exception):
    """The data package does not validate; the message lists every problem."""


@dataclass
class Report:
    """What one run did: notebooks executed (why, seconds), adopted from Jupyter, failures."""

    executed: dict[str, tuple[list[str], float]] = field(default_factory=dict)
    adopted: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def notebooks(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    return sorted(paths.relocated(paths.NOTEBOOK_DIR, root).glob("*.ipynb"))


def stale_reasons(root: Path = paths.PROJECT_ROOT) -> dict[Path, list[str]]:
    """Stale notebook -> why. Raises UnreadableNotebook."""
    cache: dict = {}
    found = {nb: freshness.notebook_reasons(nb, root, cache) for nb in notebooks(root)}
    return {nb: why for nb, why in found.items() if why}


def stale(root: Path = paths.PROJECT_ROOT) -> list[Path]:
    return list(stale_reasons(root))


# --- validation, once ---------------------------------------------------------------------------


def validation_inputs(root: Path) -> dict[str, str]:
    """The data files and the code that decides validity (data layer, evidence rules)."""
    data = paths.relocated(paths.DATA_DIR, root)
    package = paths.relocated(paths.PACKAGE_DIR, root)
    files = [p for p in sorted(data.rglob("*")) if p.suffix != ".md"]
    files += sorted((package / "data").glob("*.py"))
    files += [package / "compute" / "evidence_rules.py", package / "curate" / "check_data.py"]
    return freshness.file_inputs(root, files) | {"env:python and packages": freshness.environment()}


def ensure_valid(root: Path) -> list[str]:
    """Validate unless the record says these data already validated; raise DataInvalid.
    Returns why validation ran (empty if it did not)."""
    inputs = validation_inputs(root)
    why = freshness.stale_reasons(root, "validation", inputs)
    if why:
        from exobone.curate.check_data import problems

        found = problems(paths.relocated(paths.DATA_DIR, root))
        if found:
            freshness.forget(root, "validation")
            lines = "\n".join(f"  {line}" for line in found)
            raise DataInvalid(
                f"{len(found)} problem(s) in the data, nothing was executed:\n{lines}"
            )
        freshness.write_record(root, "validation", inputs)
    return why


# --- one notebook -------------------------------------------------------------------------------


def kernel_log(notebook: Path, root: Path) -> Path:
    return paths.relocated(paths.BUILD_DIR, root) / "kernel-logs" / f"{Path(notebook).stem}.log"


def _failure(err: Exception, rel: str, where: str, timeout: int, log: str) -> ExecutionFailure:
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if isinstance(err, CellTimeoutError):
        return ExecutionFailure(
            f"error: {rel}: {where} was still running after the {timeout} s timeout "
            "(stopped; raise it with --timeout SECONDS if the cell needs longer)"
        )
    if isinstance(err, DeadKernelError):
        return ExecutionFailure(
            f"error: {rel}: the kernel died while running {where} "
            f"(out of memory, or the process exited; its messages: {log}); nothing was stored"
        )
    if isinstance(err, CellExecutionError):
        return ExecutionFailure(f"error: {rel} failed: {err.ename}: {err.evalue} ({where})")
    return ExecutionFailure(f"error: {rel}: {type(err).__name__}: {err} ({where})")


def execute_notebook(notebook: Path, root: Path, timeout: int = DEFAULT_TIMEOUT) -> float:
    """Run a notebook top to bottom in its folder; store its outputs with the record of what
    the kernel read. Returns seconds; raises ExecutionFailure."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    start, root = time.perf_counter(), Path(root).resolve()
    rel = freshness._rel(notebook, root)
    freshness.read_notebook_json(notebook, root)  # one line naming the file if it is broken
    nb = nbformat.read(notebook, as_version=4)
    run_id = f"pipeline-{uuid.uuid4().hex}"
    env = os.environ | {freshness.RUN_ID: run_id}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    socket_dir = tempfile.mkdtemp(prefix="exobone-kernel-")
    at = {"index": 0}
    client = NotebookClient(
        nb,
        config=Config({"KernelManager": {"transport": "ipc", "ip": f"{socket_dir}/k"}}),
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(notebook).parent)}},
        record_timing=False,
        # the package's kernel hook records what the cells read, even in a notebook that
        # never imports the package itself
        extra_arguments=["--IPKernelApp.exec_lines=import exobone"],
        on_cell_start=lambda cell, cell_index: at.update(index=cell_index),
    )
    log = kernel_log(notebook, root)
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with log.open("wb") as out:  # the kernel keeps its own copy of the file after this
            client.execute(stdout=out, stderr=out, env=env)
    except Exception as err:
        cell = nb.cells[at["index"]]
        where = f"cell {at['index'] + 1} of {len(nb.cells)}" + (
            f" (id {cell.id})" if "id" in cell else ""
        )
        raise _failure(err, rel, where, timeout, freshness._rel(log, root)) from err
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
    nb.metadata.pop("widgets", None)
    text = nbformat.writes(nb)
    run_file = root / freshness.KERNEL_RUNS / f"{run_id}.json"
    run = freshness.verified(run_file)
    run_file.unlink(missing_ok=True)
    if run is None:
        raise ExecutionFailure(f"error: {rel}: the kernel did not record what it read")
    stored = json.loads(text)
    stored["metadata"][freshness.META_KEY] = freshness.notebook_record(stored, run["inputs"])
    freshness.write_atomic(Path(notebook), freshness.dump_notebook(stored))
    return time.perf_counter() - start


# --- every stale notebook -----------------------------------------------------------------------


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's execution lock; if another build holds it, say so and wait."""
    path = paths.relocated(paths.BUILD_DIR, root) / "execute.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            print(f"another build ({holder}) is running in {root}; waiting for it", flush=True)
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
        return json.loads((paths.relocated(paths.BUILD_DIR, root) / DURATIONS).read_text("utf-8"))
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


def execute_stale(
    root: Path = paths.PROJECT_ROOT,
    force: bool = False,
    jobs: int | None = None,
    timeout: int = DEFAULT_TIMEOUT,
) -> Report:
    """Adopt what was run in Jupyter, execute what is still stale (or everything); raise
    UnreadableNotebook or DataInvalid. The caller holds :func:`build_lock`."""
    report = Report()
    todo = {nb: ["forced"] for nb in notebooks(root)} if force else stale_reasons(root)
    for nb in [] if force else list(todo):
        if freshness.adopt(nb, root):
            report.adopted.append(nb.relative_to(root).as_posix())
            del todo[nb]
    if not todo:
        return report
    ensure_valid(root)
    from exobone.data.validate import VALIDATED, data_digest

    os.environ[VALIDATED] = data_digest(paths.relocated(paths.DATA_DIR, root))

    def one(nb: Path) -> None:
        rel = nb.relative_to(root).as_posix()
        try:
            seconds = execute_notebook(nb, root, timeout)
        except ExecutionFailure as err:
            report.failures.append(str(err))
            return
        report.executed[rel] = (todo[nb], seconds)
        print(f"executed {rel} in {seconds:.1f} s ({'; '.join(todo[nb])})", flush=True)

    with ThreadPoolExecutor(max_workers=max(1, jobs or available_cpus())) as pool:
        list(pool.map(one, longest_first(list(todo), root)))
    times = _durations(root) | {rel: round(s, 2) for rel, (_, s) in report.executed.items()}
    (paths.relocated(paths.BUILD_DIR, root) / DURATIONS).write_text(json.dumps(times, indent=1))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="execute every notebook")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (CPUs)")
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help="seconds per cell")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        with build_lock(root):
            report = execute_stale(root, args.force, args.jobs, args.timeout)
    except (freshness.UnreadableNotebook, DataInvalid) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for rel in report.adopted:
        print(f"recorded {rel}: run and saved in Jupyter since its inputs last changed")
    if not report.executed and not report.failures:
        print("all notebooks are up to date with their code and inputs")
    for failure in report.failures:
        print(failure, file=sys.stderr)
    return 1 if report.failures else 0
