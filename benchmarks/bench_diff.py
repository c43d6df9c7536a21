"""Speed of ``make diff`` on a data package 100 times larger than the review's.

Not a test: run ``.venv/bin/python benchmarks/bench_diff.py [SCALE ...]`` from the project root
(default scales 1, 10 and 100). For each scale it copies data/ twice to a temporary folder and
multiplies findings.csv and every link table of the findings in both (each finding copied
SCALE - 1 times with the suffix ``-xNNN`` on its id). The second copy then gets the changes of
a small release: the worked example's study (``book/examples/add_study_example.toml``, its rows
appended as ``add-study`` writes them), ten claims reworded and five link rows removed. It
times ``python -m exobone diff`` between the two folders (the whole command, as a user runs
it, median of 3) and the comparison alone in this process, and writes
``benchmarks/results/diff.csv`` (scale, findings, rows in the package, seconds). The target:
under 5 s at ×100.
"""

from __future__ import annotations

import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from exobone.curate.add_study import append_rows, study_rows  # noqa: E402
from exobone.publish import diff  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "diff.csv"
EXAMPLE = ROOT / "book" / "examples" / "add_study_example.toml"
SCALED = ["findings", "finding_cargos", "finding_effects", "finding_pathways", "finding_refs"]
SCALED += ["finding_targets", "finding_markers"]


def scale(data: Path, factor: int) -> None:
    """Every finding and its link rows copied ``factor - 1`` times with a new id."""
    for name in SCALED:
        path = data / "evidence" / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        copies = [frame]
        for n in range(1, factor):
            copies.append(frame.assign(finding_id=frame["finding_id"] + f"-x{n:03d}"))
        pd.concat(copies).to_csv(path, index=False, lineterminator="\n")


def small_release(data: Path) -> None:
    """The worked example's study, ten claims reworded, five link rows removed."""
    study = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    append_rows(study_rows(study, data), data)
    path = data / "evidence" / "findings.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame.index[:10], "claim"] = frame["claim"].iloc[:10] + " (reworded)"
    frame.to_csv(path, index=False, lineterminator="\n")
    path = data / "evidence" / "finding_refs.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.iloc[5:].to_csv(path, index=False, lineterminator="\n")


def rows_in(data: Path) -> int:
    return sum(len(pd.read_csv(p, dtype=str)) for p in data.rglob("*.csv"))


def main(scales: list[int]) -> None:
    results = []
    for factor in scales:
        with tempfile.TemporaryDirectory() as tmp:
            old, new = Path(tmp) / "old", Path(tmp) / "new"
            for copy in (old, new):
                shutil.copytree(ROOT / "data", copy)
                scale(copy, factor)
            small_release(new)
            findings = len(pd.read_csv(new / "evidence" / "findings.csv", dtype=str))
            command = [sys.executable, "-m", "exobone", "diff", str(old), str(new)]
            walls = []
            for _ in range(3):
                start = time.perf_counter()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
                walls.append(time.perf_counter() - start)
            last = done.stdout.strip().splitlines()[-1]
            start = time.perf_counter()
            found = diff.compare(str(old), str(new), ROOT)
            in_process = time.perf_counter() - start
            counts = {
                r.name: (len(r.added), len(r.removed), len(r.changed)) for r in found.resources
            }
            results.append(
                {
                    "scale": factor,
                    "findings": findings,
                    "rows": rows_in(new),
                    "command_s": round(statistics.median(walls), 2),
                    "compare_s": round(in_process, 2),
                    "findings_added_removed_changed": "/".join(map(str, counts["findings"])),
                    "last_line": last,
                }
            )
            print(results[-1])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(results[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(results)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 100])
