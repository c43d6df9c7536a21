"""Pipeline benchmark: notebook execution and book builds against their floor, in one run.

Works on a temporary copy of the project (the tracked files), so the real notebooks and
_build/ are never touched. Measures, on this machine, in this order:

- floor: as many kernels as there are notebooks, run as many at once as ``make book`` does
  (one per CPU), each only importing pandas, seaborn, matplotlib and the package;
- clean render: ``jupyter-book build`` on an empty _build (today's command) and
  ``python -m exobone book`` (what ``make book`` runs now) on an empty _build;
- no-change build: ``python -m exobone book`` with nothing to do, the whole ``make book``
  (make and that command) with nothing to do, and ``jupyter-book build`` alone for
  comparison (medians of 3);
- one page edited: a sentence added to ``book/intro.md``, then ``python -m exobone book``
  (Sphinx builds the whole site again, from a fresh environment);
- forced execution of every notebook (validation record removed first, so it validates once),
  and the floor once more right after it (the ratio uses the mean of both floors);
- one-CSV edit: a cell of data/review/trials.csv changed, then ``python -m exobone book``;
- ``validate`` on the data package with findings and their link tables scaled x1, x10, x100.

Writes ``results/pipeline.csv`` (measure, value, unit, cpu_s, detail) and prints it: wall
seconds, and the CPU seconds of this process and its children (kernels, builds), which vary
less than wall time when other work shares the machine.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from exobone.data import validate as validation  # noqa: E402
from exobone.pipeline import execute, freshness  # noqa: E402
from tests.workspace import copy_project  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "pipeline.csv"
FLOOR_IMPORTS = """\
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

import exobone.compute.evidence
import exobone.data.load
import exobone.figures.charts
import exobone.render.html
import exobone.render.markdown
"""
EVIDENCE = ["finding_refs", "finding_cargos", "finding_effects", "finding_pathways"]
EVIDENCE += ["finding_targets"]

rows: list[dict] = []


def note(measure: str, value: float, unit: str = "s", detail: str = "", cpu: float | None = None):
    """One result row; ``cpu`` is CPU seconds of this process and its children (kernels,
    jupyter-book) during the measure: steadier than wall time on a shared machine."""
    cpu_text = "" if cpu is None else round(cpu, 3)
    rows.append(
        {"measure": measure, "value": round(value, 3), "unit": unit, "cpu_s": cpu_text}
        | {"detail": detail}
    )
    print(f"{measure:<34} {value:>9.3f} {unit:<5} cpu {cpu_text!s:>8}  {detail}", flush=True)


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, *args):
    """(result, wall seconds, CPU seconds) of fn(*args)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = fn(*args)
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


def make_floor(root: Path, count: int) -> list[Path]:
    folder = root / "floor"
    folder.mkdir()
    todo = []
    for i in range(count):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_IMPORTS)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        todo.append(folder / f"floor_{i:02d}.ipynb")
        nbformat.write(nb, todo[-1])
    return todo


def floor(root: Path, todo: list[Path], jobs: int) -> None:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda nb: execute.execute_notebook(nb, root), todo))


def last_line(command: list, root: Path) -> str:
    """Run ``command`` in the copy (no PYTHONPATH or make flags of ours); its last output line."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "MAKEFLAGS"}}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def book(root: Path) -> str:
    return last_line([sys.executable, "-m", "exobone", "book", "--root", str(root)], root)


def make_book(root: Path) -> str:
    """``make book`` in the copy, with this checkout's .venv (never reinstalled: ``-o``)."""
    venv = Path(sys.executable).parents[1]
    command = ["make", "--no-print-directory", "book", f"VENV={venv}"]
    return last_line([*command, "-o", f"{venv}/.installed"], root)


def jupyter_book(root: Path) -> None:
    subprocess.run(
        [Path(sys.executable).with_name("jupyter-book"), "build", str(root), "-W", "-n"],
        cwd=root,
        capture_output=True,
        check=True,
    )


def scaled_data(source: Path, target: Path, factor: int) -> int:
    """Copy data/ with findings and their link tables repeated ``factor`` times (new ids)."""
    shutil.copytree(source, target)
    findings_schema = json.loads((target / "schemas" / "findings.schema.json").read_text("utf-8"))
    id_pattern = next(f for f in findings_schema["fields"] if f["name"] == "finding_id")[
        "constraints"
    ]["pattern"]
    for schema in (target / "schemas").glob("*.json"):  # allow the copies' ids (F-N001-3)
        text = schema.read_text(encoding="utf-8")
        schema.write_text(text.replace(id_pattern[:-1], id_pattern[:-1] + "(-[0-9]+)?"), "utf-8")
    n_findings = 0
    for name, folder in [("findings", "evidence")] + [(n, "evidence") for n in EVIDENCE]:
        path = target / folder / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, records = reader.fieldnames, list(reader)
        out = list(records)
        for k in range(1, factor):
            out += [{**r, "finding_id": f"{r['finding_id']}-{k}"} for r in records]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(out)
        n_findings = len(out) if name == "findings" else n_findings
    return n_findings


def validate_scaling(root: Path) -> None:
    timings = []
    for factor in (1, 10, 100):
        data = root / f"data_x{factor}"
        n = scaled_data(root / "data", data, factor)
        _, seconds, cpu = timed(validation.validate, data)  # new folder: not validated before
        timings.append((n, seconds))
        note(f"validate x{factor}", seconds, "s", f"{n} findings rows", cpu)
        shutil.rmtree(data)
    (n1, s1), (n100, s100) = timings[0], timings[-1]
    per_row = (s100 - s1) / (n100 - n1)
    note("validate per findings row", per_row * 1000, "ms", "slope x1 -> x100")
    note("validate fixed cost", s1 - per_row * n1, "s", "intercept of that line")


def main() -> None:
    cores = execute.available_cpus()
    note("cpu_count", os.cpu_count() or 1, "cores", "os.cpu_count() of the machine")
    note("cpus_available", cores, "cores", "notebooks run this many at once")
    note("load_average_1min", os.getloadavg()[0], "", "at start (others may share the machine)")
    with tempfile.TemporaryDirectory(prefix="exobone-bench-") as tmp:
        root = Path(tmp) / "project"
        copy_project(root)
        n_notebooks = len(execute.notebooks(root))
        floor_nbs = make_floor(root, n_notebooks)
        _, floor_s, floor_cpu = timed(floor, root, floor_nbs, cores)
        detail = f"{n_notebooks} kernels importing libraries and package only"
        note("floor", floor_s, "s", detail, floor_cpu)
        shutil.rmtree(root / "_build", ignore_errors=True)
        _, today, cpu = timed(jupyter_book, root)
        note("clean render (jupyter-book build)", today, "s", "empty _build, today's step", cpu)
        shutil.rmtree(root / "_build")
        line, seconds, cpu = timed(book, root)
        note("clean render (make book)", seconds, "s", f"ratio {seconds / today:.2f}; {line}", cpu)
        runs = [timed(book, root)[1:] for _ in range(3)]
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        bare = [timed(jupyter_book, root)[1:] for _ in range(3)]
        bare_wall = statistics.median(r[0] for r in bare)
        bare_cpu = statistics.median(r[1] for r in bare)
        note(
            "no-change jupyter-book build", bare_wall, "s", "median of 3; build step only", bare_cpu
        )
        note("no-change book step", wall, "s", f"median of 3; {wall - bare_wall:+.2f} s", cpu)
        book(root)  # after the bare builds (which rewrite the HTML): one build records it again
        runs = [timed(make_book, root) for _ in range(3)]
        wall, cpu = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
        note(
            "no-change make book",
            wall,
            "s",
            f"median of 3; make, book; {runs[-1][0]}",
            cpu,
        )
        intro = root / "book" / "intro.md"
        intro.write_text(intro.read_text("utf-8") + "\nOne sentence more.\n", "utf-8")
        line, seconds, cpu = timed(book, root)
        note("one page edited (make book)", seconds, "s", line, cpu)
        freshness.forget(root, "validation")
        report, forced, cpu = timed(execute.execute_stale, root, True)
        _, again_s, again_cpu = timed(floor, root, floor_nbs, cores)  # load may have changed
        note("floor, again after the forced run", again_s, "s", detail, again_cpu)
        shutil.rmtree(root / "floor")
        floor_s, floor_cpu = (floor_s + again_s) / 2, (floor_cpu + again_cpu) / 2
        detail = f"{len(report.executed)} notebooks; ratios to the mean floor: "
        detail += f"wall {forced / floor_s:.2f}, CPU {cpu / floor_cpu:.2f}"
        note("forced execution", forced, "s", detail, cpu)
        book(root)  # render the forced outputs, so the next build sees only the edit
        trials = root / "data" / "review" / "trials.csv"
        trials.write_text(trials.read_text("utf-8").replace("Test whether", "Tested whether", 1))
        stale = execute.stale_reasons(root)
        line, seconds, cpu = timed(book, root)
        executed = re.match(r"book: (\d+) notebook", line)
        note("one-CSV edit (make book)", seconds, "s", line, cpu)
        note("one-CSV edit: notebooks executed", int(executed.group(1)), "", f"{len(stale)} stale")
        assert all(freshness.notebook_reasons(nb, root) == [] for nb in execute.notebooks(root))
        validate_scaling(root)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["measure", "value", "unit", "cpu_s", "detail"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
