"""Check the data before anything runs: schemas, foreign keys, errata and the evidence rules.

    python -m exobone validate            # the project's data/
    python -m exobone validate --root DIR # a copy of the project

Runs in seconds and starts no kernel; ``make validate`` calls it and ``make book`` calls it
first. Every problem is one line naming the file, row and value, and what to do about it; the
exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from exobone.compute.evidence_rules import data_problems as problems
from exobone.curate.transaction import recover_locked
from exobone.data import paths
from exobone.data.load import read_unvalidated
from exobone.data.schema import resources


def summary(data_dir: Path) -> str:
    """One line: how many files and findings, of which review and added."""
    findings = read_unvalidated("findings", data_dir)
    counts = findings["evidence"].value_counts()
    n_refs = len(read_unvalidated("added_references", data_dir))
    return (
        f"{len(resources(data_dir))} data files valid; {len(findings)} findings: "
        f"{counts.get('review', 0)} from the review, {counts.get('added', 0)} added "
        f"({n_refs} added reference{'s' if n_refs != 1 else ''})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    data_dir = paths.relocated(paths.DATA_DIR, args.root)
    said = recover_locked(data_dir)  # an add-study killed midway is undone first
    if said:
        print(said, file=sys.stderr)
    start = time.perf_counter()
    found = problems(data_dir)
    seconds = time.perf_counter() - start
    if found:
        print(f"error: {len(found)} problem(s) in the data:", file=sys.stderr)
        for line in found:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"validate: {summary(data_dir)} ({seconds:.1f} s)")
    return 0
