"""Every path the project uses, defined once."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
SOURCE_TEXT = DATA_DIR / "source" / "review.txt"
#: files derived from the review text by a program (never edited by hand)
GENERATED_DATA_DIR = DATA_DIR / "generated"
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
#: the exact data behind each figure, written when its notebook runs
FIGURE_DATA_DIR = NOTEBOOK_DIR / "figure_data"
BOOK_DIR = PROJECT_ROOT / "book"
#: files of the book derived from data by a program (the BibTeX file)
GENERATED_BOOK_DIR = BOOK_DIR / "generated"
PACKAGE_DIR = PROJECT_ROOT / "exobone"
#: how to cite the book (Citation File Format); the introduction's "How to cite" is made from it
CITATION_FILE = PROJECT_ROOT / "CITATION.cff"
BUILD_DIR = PROJECT_ROOT / "_build"
BUILD_HTML = BUILD_DIR / "html"
#: the book as one PDF (python -m exobone pdf)
BUILD_PDF = BUILD_DIR / "pdf"


def relocated(path: Path, root: Path) -> Path:
    """``path`` (one of the constants above) in the project rooted at ``root`` instead (a copy
    of this one in tests and benchmarks)."""
    return root / path.relative_to(PROJECT_ROOT)
