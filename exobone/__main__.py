"""The project's commands, behind one entry point: ``python -m exobone <command> --help``.

The Makefile's targets call these; each command's module keeps its own options.
"""

from __future__ import annotations

import importlib
import sys

#: command -> (module with a ``main(argv)``, or ``module:function``; what it does)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "exobone.curate.check_data",
        "check the data: schemas, keys, errata, evidence rules",
    ),
    "generate": ("exobone.curate.generate", "rewrite the files derived from the review text"),
    "add-study": ("exobone.curate.add_study", "add one study from a filled-in TOML file"),
    "execute": ("exobone.pipeline.execute", "re-execute the notebooks that are not fresh"),
    "book": ("exobone.pipeline.book", "execute what is stale, then build the HTML strictly"),
    "check": ("exobone.pipeline.check", "list every stale output and the input that changed"),
    "exports": ("exobone.publish.exports", "write the flat CSV, the workbook and the zip"),
    "pdf": ("exobone.pipeline.book:pdf_main", "print the built book as one PDF (_build/pdf)"),
    "release": ("exobone.publish.releases", "validate, raise the version by the rule, record it"),
    "diff": ("exobone.publish.diff", "rows added, removed, changed between two data versions"),
}


def usage() -> str:
    lines = ["usage: python -m exobone <command> [options]   (<command> --help for its options)"]
    lines += [f"  {name:<10} {about}" for name, (_, about) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage())
        return 0
    if argv[0] not in COMMANDS:
        print(f"error: unknown command {argv[0]!r}\n{usage()}", file=sys.stderr)
        return 2
    module, _, function = COMMANDS[argv[0]][0].partition(":")
    sys.argv[0] = f"python -m exobone {argv[0]}"
    return getattr(importlib.import_module(module), function or "main")(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
