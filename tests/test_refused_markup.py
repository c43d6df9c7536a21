"""Markup no page needs is refused wherever it comes from: a page, a notebook's stored Markdown
output (parsed as MyST), a glued value (exobone/sphinxext/refused.py).

Each case builds a two-page Sphinx project with MyST-NB and the book's refusals, as the book is
configured (stored outputs rendered, Markdown outputs parsed as MyST); a refused construct must
fail the build with one error line naming the page, and nothing of it may reach the HTML.
"""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from exobone.data import paths

#: a file of the build machine the refused markup tries to show
SECRET = Path("/etc/passwd")
SECRET_LINE = SECRET.read_text(encoding="utf-8").split("\n")[0] if SECRET.exists() else "root:x:0"
SCRIPT = "<script>alert('pwned')</script>"

CONF = """
extensions = ["myst_nb", "exobone.sphinxext.refused"]
nb_execution_mode = "off"
nb_render_markdown_format = "myst"
exclude_patterns = ["_build"]
"""


def _notebook(markdown_output: str, glue_md: str | None = None) -> str:
    """A notebook whose one code cell stores ``markdown_output`` as a text/markdown output (as a
    hand-edited notebook would), and optionally a glued Markdown value named ``g``."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Chapter\n\nText."))
    code = nbformat.v4.new_code_cell("show()")
    code.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": markdown_output})]
    nb.cells.append(code)
    if glue_md is not None:
        code.outputs.append(
            nbformat.v4.new_output(
                "display_data",
                data={"application/papermill.record/text/markdown": glue_md},
                metadata={
                    "scrapbook": {"name": "g", "mime_prefix": "application/papermill.record/"}
                },
            )
        )
        nb.cells.append(nbformat.v4.new_markdown_cell("```{glue:md} g\n:format: myst\n```"))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nbformat.writes(nb)


def _build(tmp_path: Path, files: dict[str, str]) -> tuple[int, str, str]:
    """Build the project made of ``files`` strictly (warnings are errors, keep going) in a
    fresh process; (exit status, warnings, every written HTML and copied file)."""
    src = tmp_path / "src"
    for name, text in {"conf.py": CONF, **files}.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", "-W", "--keep-going"]
        + ["--no-color", str(src), str(out)],
        capture_output=True,
        text=True,
    )
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file()
        and not {"_sources", ".doctrees"} & set(p.parts)  # sources and parsed trees: not shown
        and p.suffix not in {".js", ".css", ".png", ".woff", ".woff2", ".pickle"}
    )
    return done.returncode, done.stderr, written


OUTSIDE = "../" * 12 + str(SECRET).lstrip("/")

CASES = {
    "raw directive in a page": {"index.md": f"# Home\n\n```{{raw}} html\n{SCRIPT}\n```\n"},
    "raw role in a page": {"index.md": f"# Home\n\n{{raw}}`html {SCRIPT}`\n"},
    "raw through eval-rst in a page": {
        "index.md": f"# Home\n\n```{{eval-rst}}\n.. raw:: html\n\n   {SCRIPT}\n```\n"
    },
    "include of a file outside the project": {
        "index.md": f"# Home\n\n```{{include}} {OUTSIDE}\n```\n"
    },
    "literal include of a file outside the project": {
        "index.md": f"# Home\n\n```{{include}} {OUTSIDE}\n:literal:\n```\n"
    },
    "literalinclude outside book/examples": {
        "index.md": f"# Home\n\n```{{literalinclude}} {OUTSIDE}\n```\n"
    },
    "csv-table reading a file": {
        "index.md": f"# Home\n\n```{{csv-table}} t\n:file: {OUTSIDE}\n```\n"
    },
    "download of a file outside the project": {
        "index.md": f"# Home\n\n{{download}}`secret <{OUTSIDE}>`\n"
    },
    "literalinclude and raw in a notebook's stored Markdown output": {
        "index.md": "# Home\n\n```{toctree}\nnb\n```\n",
        "nb.ipynb": _notebook(
            f"Text\n\n```{{literalinclude}} {OUTSIDE}\n```\n\n```{{raw}} html\n{SCRIPT}\n```\n"
        ),
    },
    "include in a notebook's stored Markdown output": {
        "index.md": "# Home\n\n```{toctree}\nnb\n```\n",
        "nb.ipynb": _notebook(f"```{{include}} {OUTSIDE}\n```\n"),
    },
    "include through eval-rst in a notebook's stored Markdown output": {
        "index.md": "# Home\n\n```{toctree}\nnb\n```\n",
        "nb.ipynb": _notebook(f"```{{eval-rst}}\n.. include:: {OUTSIDE}\n   :literal:\n```\n"),
    },
    "a script as HTML in a notebook's stored Markdown output": {
        "index.md": "# Home\n\n```{toctree}\nnb\n```\n",
        "nb.ipynb": _notebook(f'Some text.\n\n{SCRIPT}\n\nMore <img src=x onerror="{SCRIPT}">'),
    },
    "a javascript: link as HTML in a page": {
        "index.md": "# Home\n\n<a href=\"jav&#x61;script:alert('pwned')\">click</a>\n"
    },
    "raw in a glued Markdown value": {
        "index.md": "# Home\n\n```{toctree}\nnb\n```\n",
        "nb.ipynb": _notebook("plain", glue_md=f"```{{raw}} html\n{SCRIPT}\n```\n"),
    },
}


@pytest.mark.parametrize("case", CASES)
def test_refused_markup_fails_the_build_with_one_line_naming_the_page(tmp_path, case):
    failed, warnings, html = _build(tmp_path, CASES[case])
    assert failed
    refusals = [line for line in warnings.splitlines() if "refused" in line]
    assert refusals, warnings
    page = "nb" if "nb.ipynb" in CASES[case] else "index"
    assert all(f"{page}." in line.split(":")[0] or page in line for line in refusals), refusals
    assert SCRIPT not in html and "alert('pwned')" not in html
    assert SECRET_LINE not in html


def test_the_allowed_markup_still_renders(tmp_path):
    example = tmp_path / "src" / "book" / "examples" / "study.toml"
    example.parent.mkdir(parents=True)
    example.write_text('title = "an example"\n', encoding="utf-8")
    failed, warnings, html = _build(
        tmp_path,
        {
            "index.md": "# Home\n\n```{toctree}\nbook/page\n```\n",
            "book/page.md": "# Page\n\n```{literalinclude} examples/study.toml\n```\n\n"
            "```{csv-table} inline\na,b\n```\n\n"
            '<span id="anchor"></span><p class="key"><strong>Key</strong><br>'
            '<span style="color:#0072B2">■</span> <a href="#anchor">here</a></p>\n',
        },
    )
    assert (failed, warnings) == (0, "")
    assert "an example" in html and '<span id="anchor">' in html


def test_the_books_extension_installs_the_refusals_and_the_data_page_includes_are_listed():
    from exobone.sphinxext import refused

    class Recorder:
        def __init__(self):
            self.directives, self.roles, self.events = {}, {}, []

        def add_directive(self, name, cls, override=False):
            self.directives[name] = cls

        def add_role(self, name, fn, override=False):
            self.roles[name] = fn

        def connect(self, event, fn, priority=500):
            self.events.append(event)

        def __getattr__(self, name):  # every other registration is accepted and ignored
            return lambda *a, **k: None

    import exobone.sphinxext as ext

    app = Recorder()
    ext.setup(app)
    assert app.directives["raw"] is refused.RefusedRaw
    assert app.directives["literalinclude"] is refused.ExamplesOnlyLiteralInclude
    assert app.roles["raw"] is refused.refused_raw_role
    assert "include-read" in app.events
    config = (paths.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "- exobone.sphinxext\n" in config
    # every include the book's pages make is one of the allowed pairs
    made = set()
    for page in paths.BOOK_DIR.glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("```{include}"):
                target = (page.parent / line.split("}", 1)[1].strip()).resolve()
                made.add((f"book/{page.stem}", target.relative_to(paths.PROJECT_ROOT).as_posix()))
    assert made == set(refused.INCLUDES_ALLOWED)
    assert json.dumps(sorted(made))
