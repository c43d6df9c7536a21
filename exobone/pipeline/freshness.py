"""The one freshness record: what each output was made from, and which of it changed since.

Every output the book is made of has a *record*: the SHA-256 (:func:`digest`) of each input it
read when it was made, and of the output as it was left. An output is stale when an input's
digest differs, an input is gone or new, or the output itself differs from what was recorded
(edited by hand, damaged); :func:`changes` names each. The outputs:

- **a notebook's stored outputs**: the record sits in the notebook's metadata (``exobone``:
  the digest of each code cell, of the stored outputs, and of each input), so it travels with the
  committed file. The inputs are *recorded by the kernel as it reads*: loaders note what they
  read (:mod:`exobone.data.reads`), and after every cell a hook installed when the package is
  imported in a kernel writes ``_build/kernel-runs/<run>.json`` (the cells it ran and the
  inputs with their digests). ``make book`` turns a run that covers every code cell of a notebook
  saved after it into the notebook's record, so a chapter run in JupyterLab (Run All, Save) or by
  ``jupyter execute --inplace`` is fresh and not executed again.
- **the validation result**, **the site** (every HTML page, the published data package and the
  downloads, written by one Sphinx run) and any other built output: the record is a file
  ``_build/freshness/<output>.json`` written atomically after the output was made.

Records under ``_build/`` (built outputs, kernel runs) are signed with a key kept outside the
project (:func:`signed`): a ``_build/`` from elsewhere or a record written by hand proves
nothing, and the output is made again.

Input keys are files relative to the project root, ``data/datapackage.json#<name>`` (one
resource's entry in the package description) or ``env:<what>`` (the Python, installed packages
and options a build ran with).

Why this module is long: it is the one place that decides "fresh" for every output (records,
digests, the kernel hook, the notebook and site inputs); splitting it would split that rule.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import sysconfig
import time
from collections.abc import Iterable
from pathlib import Path

META_KEY = "exobone"
MISSING = "missing"
DESCRIPTOR = "datapackage.json"
RECORDS = Path("_build") / "freshness"
KERNEL_RUNS = Path("_build") / "kernel-runs"
#: set by the executor so a kernel's run record has a name it knows
RUN_ID = "EXOBONE_RUN_ID"
KEEP_RUNS = 200
#: folders whose files are never an input of the site: version control, the build, caches
NEVER_READ = {".git", "_build", "__pycache__", ".pytest_cache", ".ruff_cache"}
NEVER_READ |= {".ipynb_checkpoints", "node_modules", ".jupyter_cache"}
#: top-level folders the book is not built from (excluded in _config.yml, not in the toc)
TOP_LEVEL_NEVER_READ = {"tests", "benchmarks", ".ci"}
#: environment variables that can change what Sphinx writes (sorting, dates)
ENVIRONMENT = ("LANG", "LC_ALL", "LC_COLLATE", "TZ", "SOURCE_DATE_EPOCH")


class UnreadableNotebook(Exception):
    """A notebook file that is not a valid notebook; the message says how to restore it."""


# --- the one digest, the one writer ----------------------------------------------------------


def digest(data: bytes | str) -> str:
    """SHA-256 of bytes (text as UTF-8), hex."""
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _rel(path: Path | str, root: Path) -> str:
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _entries(descriptor_file: Path, cache: dict) -> dict[str, dict]:
    if descriptor_file not in cache:
        try:
            package = json.loads(descriptor_file.read_text(encoding="utf-8"))
            cache[descriptor_file] = {r["name"]: r for r in package["resources"]}
        except (OSError, ValueError, KeyError, TypeError):
            cache[descriptor_file] = {}
    return cache[descriptor_file]


def input_digest(key: str, root: Path, cache: dict | None = None) -> str:
    """Current digest of an input key (a file, or one resource's entry), or MISSING."""
    cache = {} if cache is None else cache
    if key not in cache:
        file, _, name = key.partition("#")
        if name:
            entry = _entries(root / file, cache).get(name)
            text = json.dumps(entry, sort_keys=True).encode() if entry is not None else None
        else:
            text = (root / file).read_bytes() if (root / file).is_file() else None
        cache[key] = MISSING if text is None else digest(text)
    return cache[key]


def changes(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """What differs between recorded and current input digests, one phrase per input."""
    found = [
        f"{key} {'is gone' if current.get(key, MISSING) == MISSING else 'changed'}"
        for key, value in sorted(recorded.items())
        if current.get(key, MISSING) != value
    ]
    return found + [f"{key} is new" for key in sorted(set(current) - set(recorded))]


# --- records of built outputs -----------------------------------------------------------------


def _machine_key() -> bytes:
    """A secret of this user on this machine (outside the project): records under ``_build/``
    are signed with it, so a ``_build/`` copied from elsewhere, or a record written by hand,
    is never taken as proof that an output is fresh. Without a writable cache folder, a key
    for this process only: nothing is trusted across processes, everything is rebuilt."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "exobone"
    path = folder / "record-key"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
    except FileExistsError:
        pass
    except OSError:
        return _PROCESS_KEY
    try:
        return path.read_bytes()
    except OSError:
        return _PROCESS_KEY


_PROCESS_KEY = os.urandom(32)


def signed(payload: dict) -> str:
    body = json.dumps(payload, sort_keys=True)
    mac = hmac.new(_machine_key(), body.encode(), hashlib.sha256).hexdigest()
    return json.dumps({"record": payload, "mac": mac}, sort_keys=True) + "\n"


def verified(path: Path) -> dict | None:
    """The record in ``path`` if it is readable and was signed on this machine, else None."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        body = json.dumps(found["record"], sort_keys=True)
        mac = hmac.new(_machine_key(), body.encode(), hashlib.sha256).hexdigest()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ok = isinstance(found["record"], dict) and hmac.compare_digest(mac, str(found.get("mac")))
    return found["record"] if ok else None


def record_path(root: Path, output: str) -> Path:
    return Path(root) / RECORDS / f"{output}.json"


def read_record(root: Path, output: str) -> dict | None:
    record = verified(record_path(root, output))
    return record if record is not None and isinstance(record.get("inputs"), dict) else None


def write_record(root: Path, output: str, inputs: dict[str, str], made: str = "") -> None:
    """After ``output`` was made from ``inputs``; ``made`` is the digest of the output itself."""
    write_atomic(record_path(root, output), signed({"inputs": inputs, "output": made}))


def forget(root: Path, output: str) -> None:
    """After a failed build: no record, so the next build makes the output whatever changed."""
    record_path(root, output).unlink(missing_ok=True)


def stale_reasons(root: Path, output: str, inputs: dict[str, str], made: str = "") -> list[str]:
    """Why a built output is stale (empty if fresh): no record, changed inputs, or the output
    differs from what its last build left."""
    record = read_record(root, output)
    if record is None:
        return ["never built here (no record)"]
    reasons = changes(record["inputs"], inputs)
    if record.get("output", "") != made:
        reasons.append("the output was changed or damaged since it was made")
    return reasons


def file_inputs(root: Path, files: Iterable[Path]) -> dict[str, str]:
    """Input digests of files (relative keys)."""
    return {_rel(f, root): digest(Path(f).read_bytes()) for f in files if Path(f).is_file()}


# --- the site: every file of the project, the environment, the options ----------------------


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


def environment() -> str:
    """The Python that builds, every installed distribution with its version, and the
    environment variables of :data:`ENVIRONMENT`, as one digest."""
    folders = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    dists = sorted(p.name for f in folders if Path(f).is_dir() for p in Path(f).glob("*.dist-info"))
    variables = [f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT]
    return digest("\0".join([sys.executable, sys.version, *dists, *variables]))


def site_inputs(root: Path, options: list[str]) -> dict[str, str]:
    """What the site is made from: every project file but tests, benchmarks, CI scripts and
    build artefacts (pages, notebooks with their outputs, data, configuration, the package whose
    Sphinx extension writes pages and downloads), the environment and the build's options."""
    files = _walk(root, TOP_LEVEL_NEVER_READ)
    inputs = {p.relative_to(root).as_posix(): digest(p.read_bytes()) for p in files}
    inputs["env:python and packages"] = environment()
    inputs["env:options"] = digest("\0".join(options))
    return inputs


def tree_digest(folder: Path) -> str:
    """One digest of every file under ``folder`` (path and content); MISSING if absent."""
    if not folder.is_dir():
        return MISSING
    h = hashlib.sha256()
    for path in _walk(folder, set()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


# --- notebooks ----------------------------------------------------------------------------------


def read_notebook_json(path: Path, root: Path) -> dict:
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(nb.get("cells"), list) or not isinstance(nb.get("metadata"), dict):
            raise ValueError("no list of cells and metadata")
        return nb
    except (OSError, ValueError, AttributeError) as err:
        rel = _rel(path, root)
        reason = " ".join(str(err).split())[:120] or type(err).__name__
        raise UnreadableNotebook(
            f"{rel} is not a readable notebook ({reason}); "
            f"restore the committed version with: git checkout -- {rel}"
        ) from err


def dump_notebook(nb: dict) -> str:
    """A notebook as nbformat writes it (sorted keys, one-space indent, a final newline)."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c.get("cell_type") == "code"]


def cell_digests(nb: dict) -> list[str]:
    """Digest of each code cell's source, in order (Markdown cells do not change outputs)."""
    return [digest(_text(c.get("source", ""))) for c in code_cells(nb)]


def outputs_digest(nb: dict) -> str:
    """Digest of every stored output (execution counts aside): an output edited by hand, or
    a cell's output removed, changes it."""
    outs = []
    for cell in code_cells(nb):
        for out in cell.get("outputs", []):
            out = {k: v for k, v in out.items() if k != "execution_count"}
            for field in ("text", "data"):
                if field == "text" and field in out:
                    out["text"] = _text(out["text"])
                elif field == "data" and isinstance(out.get("data"), dict):
                    out["data"] = {m: _text(v) for m, v in out["data"].items()}
            outs.append(out)
        outs.append("\0cell")
    return digest(json.dumps(outs, sort_keys=True, ensure_ascii=False))


def notebook_reasons(path: Path, root: Path, cache: dict | None = None) -> list[str]:
    """Why a notebook's stored outputs are stale; empty if fresh."""
    cache = {} if cache is None else cache
    nb = read_notebook_json(path, root)
    stored = nb["metadata"].get(META_KEY, {})
    if not isinstance(stored, dict) or not {"cells", "outputs", "inputs"} <= set(stored):
        return ["no record of what its outputs were made from"]
    reasons = _cell_changes(stored["cells"], code_cells(nb))
    if stored["outputs"] != outputs_digest(nb):
        reasons.append("its stored outputs differ from what its last run produced")
    current = {key: input_digest(key, root, cache) for key in stored["inputs"]}
    return reasons + changes(stored["inputs"], current)


def _cell_changes(recorded: list[str], cells: list[dict]) -> list[str]:
    now = [digest(_text(c.get("source", ""))) for c in cells]
    if len(now) != len(recorded):
        return [f"code cells added or removed ({len(recorded)} -> {len(now)})"]
    return [
        f"code cell {i + 1}" + (f" (id {cells[i]['id']})" if "id" in cells[i] else "") + " changed"
        for i, (old, new) in enumerate(zip(recorded, now, strict=True))
        if old != new
    ]


def input_keys(reads: list[list[str]], modules: list[str], root: Path) -> list[str]:
    """Input keys of what a kernel read (``exobone.data.reads.recorded()``) and imported."""
    inside = [m for m in modules if Path(m).resolve().is_relative_to(Path(root).resolve())]
    keys = {_rel(m, root) for m in inside}  # the package of this project, not an installed one
    cache: dict = {}
    for kind, path, name in reads:
        if kind == "file":
            keys.add(_rel(Path(path), root))
            continue
        prefix = _rel(Path(path), root)
        entries = _entries(Path(path) / DESCRIPTOR, cache)
        if kind == "resource":
            keys.add(f"{prefix}/{DESCRIPTOR}#{name}")
            chosen = [entries[name]] if name in entries else []
        else:  # the whole description: datapackage.json and every schema
            keys.add(f"{prefix}/{DESCRIPTOR}")
            chosen = list(entries.values())
        for entry in chosen:
            keys.add(f"{prefix}/{entry['schema']}")
            if kind == "resource":
                keys.add(f"{prefix}/{entry['path']}")
    return sorted(keys)


def notebook_record(nb: dict, inputs: dict[str, str]) -> dict:
    """The record stored in a notebook's metadata after a run that read ``inputs``."""
    return {"cells": cell_digests(nb), "outputs": outputs_digest(nb), "inputs": inputs}


# --- what a kernel ran and read, written by the kernel itself ------------------------------------


def _contains(run: list[str], cells: list[str]) -> bool:
    n = len(cells)
    return any(run[i : i + n] == cells for i in range(len(run) - n + 1)) if n else True


def run_for(path: Path, root: Path, run_id: str | None = None) -> dict | None:
    """The newest kernel run that ran every code cell of the notebook in order without an
    error, finished before the notebook was saved, and whose inputs are unchanged since."""
    folder = Path(root) / KERNEL_RUNS
    nb = read_notebook_json(path, root)
    cells, saved = cell_digests(nb), Path(path).stat().st_mtime_ns
    files = [folder / f"{run_id}.json"] if run_id else list(folder.glob("*.json"))
    files = sorted((f for f in files if f.is_file()), key=lambda f: -f.stat().st_mtime_ns)
    for old in files[KEEP_RUNS:]:  # the newest runs are enough to find a notebook's last run
        old.unlink(missing_ok=True)
    cache: dict = {}
    for file in files[:KEEP_RUNS]:
        run = verified(file)
        if run is None or run.get("failed") or not _contains(run.get("cells", []), cells):
            continue
        if run_id is None and run.get("finished_ns", 0) > saved:
            continue
        if not changes(run["inputs"], {k: input_digest(k, root, cache) for k in run["inputs"]}):
            return run
    return None


def adopt(path: Path, root: Path) -> bool:
    """Give a notebook run in Jupyter (not by the pipeline) its record, if a kernel run covers
    it (:func:`run_for`); True if it did."""
    run = run_for(path, root)
    if run is None:
        return False
    nb = read_notebook_json(path, root)
    nb["metadata"][META_KEY] = notebook_record(nb, run["inputs"])
    write_atomic(Path(path), dump_notebook(nb))
    return True


class KernelRecorder:
    """Installed in an IPython kernel when the package is imported: after every cell, writes
    the cells run so far and what they read (with digests) to ``_build/kernel-runs/``."""

    def __init__(self, root: Path) -> None:
        self.root, self.cells, self.failed = root, [], False
        self.name = os.environ.get(RUN_ID) or f"{os.getpid()}-{time.time_ns()}"

    def after_cell(self, result) -> None:
        try:
            from exobone.data import reads

            self.cells.append(digest(result.info.raw_cell))
            self.failed |= not result.success
            modules = {getattr(m, "__file__", None) for n, m in list(sys.modules.items())}
            package = self.root / "exobone"
            mine = [
                m
                for m in modules - {None}
                if Path(m).is_relative_to(package)
                and not Path(m).is_relative_to(package / "pipeline")  # never shapes an output
            ]
            keys, cache = input_keys(reads.recorded(), mine, self.root), {}
            run = {
                "cells": self.cells,
                "failed": self.failed,
                "finished_ns": time.time_ns(),
                "inputs": {key: input_digest(key, self.root, cache) for key in keys},
            }
            write_atomic(self.root / KERNEL_RUNS / f"{self.name}.json", signed(run))
        except Exception:  # noqa: BLE001 - a record must never break the reader's session
            pass


def install_kernel_recorder(root: Path) -> None:
    """Register :class:`KernelRecorder` when running inside an IPython kernel (once)."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is None or not hasattr(shell, "kernel") or getattr(shell, "_exobone_recorder", None):
        return
    shell._exobone_recorder = KernelRecorder(Path(root))
    shell.events.register("post_run_cell", shell._exobone_recorder.after_cell)
