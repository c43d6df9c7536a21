"""Regenerate the files derived from the review text by a program (never edited by hand).

    python -m exobone generate          # rewrite them
    python -m exobone generate --check  # exit 1 if a committed file differs

Writes ``data/generated/references.csv`` (the parsed reference list) and
``book/generated/references.bib`` (the BibTeX the book cites from), both from
``data/source/review.txt``, and ``book/generated/figure-key.md`` (the figures' colour key, from
``exobone.figures.style`` and the vocabularies). A test checks that regenerating changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from exobone.compute.labels import vocabulary_labels
from exobone.data import paths
from exobone.figures.style import key_markdown
from exobone.parse.references import parse_reference_list, to_bibtex, to_csv_text

REFERENCES_CSV = paths.GENERATED_DATA_DIR / "references.csv"
REFERENCES_BIB = paths.GENERATED_BOOK_DIR / "references.bib"
FIGURE_KEY = paths.GENERATED_BOOK_DIR / "figure-key.md"


def generated_files(source: Path = paths.SOURCE_TEXT) -> dict[Path, str]:
    """Path -> the text that belongs there, computed from the review text."""
    refs = parse_reference_list(source.read_text(encoding="utf-8"))
    full, short = vocabulary_labels(), vocabulary_labels(width=30)
    key = key_markdown(full["compartments"], short["cargo_types"])
    return {REFERENCES_CSV: to_csv_text(refs), REFERENCES_BIB: to_bibtex(refs), FIGURE_KEY: key}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    differ = []
    for path, text in generated_files().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        differ.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for path in differ:
        verb = "differs from its source" if args.check else "rewritten"
        print(f"{path.relative_to(paths.PROJECT_ROOT)}: {verb}")
    if not differ:
        print("generated files are up to date with data/source/review.txt")
    return 1 if args.check and differ else 0
