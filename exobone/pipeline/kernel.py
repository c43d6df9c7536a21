"""Execute one notebook in a fresh kernel, record what it read, and store it atomically.

The kernel is started with IPC transport (Unix sockets in a private temporary folder), so
ipykernel has no reason to warn that it runs "over TCP without encryption". After the last
cell one extra, unsaved cell asks the kernel what it read (:mod:`exobone.data.reads`) and which
package modules it imported; :mod:`exobone.pipeline.freshness` turns that into its inputs.

Failures come back as :class:`ExecutionFailure` with one line naming the notebook and the cell:
an error in a cell, a cell running past the timeout, or a kernel that died.

What the kernel *process* writes outside any cell (messages of the libraries it loads, and of
its shutdown, which can come after ``make book`` has printed its last line, e.g. ZeroMQ's
"Assertion failed: pfd.revents & POLLIN") goes to ``_build/kernel-logs/<notebook>.log``, not
to the terminal; cell output reaches the notebook as always.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from exobone.data import paths
from exobone.pipeline import freshness as deps

PROBE_MARK = "EXOBONE-INPUTS:"
#: runs after the notebook's last cell; never stored (names start with _ to touch nothing)
PROBE = f"""\
import json as _exobone_json, sys as _exobone_sys
_exobone_reads = _exobone_sys.modules.get("exobone.data.reads")
_exobone_modules = [m for n, m in list(_exobone_sys.modules.items()) if n.startswith("exobone")]
print({PROBE_MARK!r} + _exobone_json.dumps({{
    "reads": _exobone_reads.recorded() if _exobone_reads else [],
    "modules": sorted({{getattr(m, "__file__", None) or "" for m in _exobone_modules}} - {{""}}),
}}))
"""


class ExecutionFailure(Exception):
    """A notebook could not be executed; the message is one line for the reader."""


def write_atomic(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook through a temporary file and a rename: never half a file."""
    text = nbformat.writes(nb)
    text += "" if text.endswith("\n") else "\n"  # as nbformat.write ends the file
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _ipc_config(socket_dir: str):
    """Kernel sockets as files in ``socket_dir`` (IPC), not TCP ports on localhost."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": f"{socket_dir}/k"}})


def _probe_result(cell: nbformat.NotebookNode) -> dict:
    for output in cell.get("outputs", []):
        text = output.get("text", "")
        if output.get("output_type") == "stream" and PROBE_MARK in text:
            return json.loads(text.split(PROBE_MARK, 1)[1])
    raise ExecutionFailure("the kernel did not report what the notebook read")


def kernel_log(notebook: Path, root: Path) -> Path:
    """Where the kernel process's own output goes for ``notebook``."""
    return paths.relocated(paths.BUILD_DIR, root) / "kernel-logs" / f"{Path(notebook).stem}.log"


def _failure(err: Exception, rel: str, where: str, timeout: int, log: str = "") -> ExecutionFailure:
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


def execute(notebook: Path, root: Path, timeout: int = 300) -> float:
    """Run a notebook top to bottom in its folder; store outputs and inputs. Returns seconds."""
    from nbclient import NotebookClient

    start = time.perf_counter()
    rel = Path(notebook).resolve().relative_to(Path(root).resolve()).as_posix()
    # the kernel must import this project's package and data, even from a copy of the project
    pythonpath = os.environ.get("PYTHONPATH", "")
    if not pythonpath.startswith(str(root)):
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), pythonpath]))
    nb = deps.read_notebook(notebook, root)
    n_cells = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    current = {"index": 0}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index

    socket_dir = tempfile.mkdtemp(prefix="exobone-kernel-")
    client = NotebookClient(
        nb,
        config=_ipc_config(socket_dir),
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(notebook).parent)}},
        record_timing=False,
        on_cell_start=on_cell_start,
    )
    log = kernel_log(notebook, root)
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        with log.open("wb") as out:  # the kernel keeps its own copy of the file after this
            client.execute(stdout=out, stderr=out)
    except Exception as err:
        index = current["index"]
        cell = nb.cells[index]
        where = f"cell {index + 1} of {n_cells}" + (f" (id {cell.id})" if "id" in cell else "")
        shown = log.relative_to(root) if log.is_relative_to(root) else log
        raise _failure(err, rel, where, timeout, str(shown)) from err
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
    found = _probe_result(nb.cells.pop())
    keys = deps.input_keys(found["reads"], found["modules"], root)
    nb.metadata.pop("widgets", None)
    nb.metadata[deps.META_KEY] = deps.record(nb, keys, root)
    write_atomic(nb, notebook)
    return time.perf_counter() - start
