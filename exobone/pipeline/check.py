"""``python -m exobone check``: every stale output and the input that changed (exit 1 if any)."""

from __future__ import annotations

import argparse
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import execute


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    return execute._check(args.root.resolve())
