"""The repository's address: with none set no page shows one (nor a placeholder); once set it
is on the introduction, in the footer and in the citation. Two small Sphinx builds with the
book's extension (build)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exobone.data import paths

pytestmark = pytest.mark.build

URL = "https://git.example.net/team/exobone-book"
INTRO = """# Intro

## How to cite

```{exobone-how-to-cite}
```

````{exobone-if-repository}
The source is at <@REPOSITORY_URL@>.

```bash
git clone @REPOSITORY_URL@ book
```
````

Text for everyone.
"""


def _build(root: Path, url: str) -> Path:
    src = root / "src"
    (src / "book").mkdir(parents=True)
    shutil.copytree(paths.DATA_DIR, src / "data")
    shutil.copy(paths.CITATION_FILE, src / "CITATION.cff")
    (src / "book" / "intro.md").write_text(INTRO, encoding="utf-8")
    (src / "index.md").write_text("# Book\n\n```{toctree}\nbook/intro\n```\n", encoding="utf-8")
    shutil.copy(paths.GENERATED_BOOK_DIR / "references.bib", src / "refs.bib")
    config = {
        "extensions": ["myst_parser", "sphinxcontrib.bibtex", "exobone.sphinxext"],
        "bibtex_bibfiles": ["refs.bib"],
        "html_theme": "sphinx_book_theme",
        "html_theme_options": {"extra_footer": "Data from the review."},
        "exobone_repository_url": url,
        "exclude_patterns": ["data/*"],
    }
    conf = "".join(f"{key} = {value!r}\n" for key, value in config.items())
    (src / "conf.py").write_text(conf, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(root / "html")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return root / "html"


def test_with_no_address_set_the_pages_show_none(tmp_path):
    html = _build(tmp_path, "")
    page = (html / "book" / "intro.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "html.parser").get_text()
    assert "Text for everyone." in text and "The source is at" not in text
    assert "git clone" not in text and "@REPOSITORY_URL@" not in page
    assert "example.org" not in page and "Source:" not in text
    assert "(version 1.0.0)." in text


def test_with_an_address_set_it_is_on_the_page_in_the_footer_and_in_the_citation(tmp_path):
    html = _build(tmp_path, URL)
    soup = BeautifulSoup((html / "book" / "intro.html").read_text(encoding="utf-8"), "html.parser")
    assert URL in [a.get("href") for a in soup.select("article a")]
    assert f"git clone {URL} book" in soup.get_text()
    assert URL in [a.get("href") for a in soup.select(".extra_footer a")]
    bibtex = soup.select_one("div.highlight-bibtex").get_text()
    assert f"url = {{{URL}}}" in bibtex
    assert f"(version 1.0.0). {URL}" in soup.get_text()
