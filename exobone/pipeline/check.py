"""``python -m exobone check``: every stale output and the input that changed, from the one record.

    python -m exobone check           # exit 1 if a committed notebook is stale
    python -m exobone check --built   # also if the validation result or the site is stale

Committed outputs (the notebooks) must be fresh before a commit; built outputs (under
``_build/``) are made by ``make book`` whenever they are stale, so they are listed but only
fail the check with ``--built``. Nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exobone.data import paths
from exobone.pipeline import book, execute, freshness


def stale_outputs(root: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(committed outputs -> why stale, built outputs -> why stale); fresh outputs absent."""
    committed = {
        f"{nb.relative_to(root)}": why
        + (
            ["run in Jupyter since: `make execute` records it"]
            if freshness.run_for(nb, root)
            else []
        )
        for nb, why in execute.stale_reasons(root).items()
    }
    built = {
        "validation": freshness.stale_reasons(root, "validation", execute.validation_inputs(root)),
        "site (_build/html: every page, data and download)": book.site_reasons(root)[1],
    }
    if (paths.relocated(paths.BUILD_PDF, root)).is_dir():  # only once a PDF was asked for
        built["pdf (_build/pdf)"] = book.pdf_reasons(root)[1]
    return committed, {name: why for name, why in built.items() if why}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--built", action="store_true", help="built outputs count too")
    parser.add_argument("--root", type=Path, default=paths.PROJECT_ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        committed, built = stale_outputs(root)
    except freshness.UnreadableNotebook as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for name, why in committed.items():
        print(f"stale: {name} ({'; '.join(why)})")
    for name, why in built.items():
        print(
            f"{'stale' if args.built else 'to build'}: {name} ({'; '.join(why[:5])}"
            + (f"; and {len(why) - 5} more" if len(why) > 5 else "")
            + ")"
        )
    if committed:
        print(
            "these notebooks' stored outputs are not what their code makes from their inputs: "
            "run `make execute` (or `make book`) and commit the notebooks"
        )
    failed = committed or (args.built and built)
    if not failed:
        print("every committed output is fresh" + ("" if built else "; so is every built one"))
    return 1 if failed else 0
