"""Every path the project uses, defined once."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
SOURCE_TEXT = DATA_DIR / "source" / "review.txt"
DATAPACKAGE = DATA_DIR / "datapackage.json"
SCHEMA_DIR = DATA_DIR / "schemas"
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
BOOK_DIR = PROJECT_ROOT / "book"
PACKAGE_DIR = PROJECT_ROOT / "exobone"
BUILD_HTML = PROJECT_ROOT / "_build" / "html"
