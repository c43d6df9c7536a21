"""Untrusted data in a built book: every hostile value is shown as text, none runs (slow).

One temporary copy of the project gets every payload of ``tests/payloads.py`` into every free
text field of every resource (derived from the schemas: string fields without allowed values,
pattern or format that are no key), spread over different rows, each cell tagged with a marker.
The notebooks are executed and the book is built strictly once; then every page is searched:
no script, event handler, ``javascript:`` URL or file of the build machine may appear, and
wherever a marker appears the whole value must be on the page exactly as it is in the CSV.
"""

import csv
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exobone.data.checks import FORMULA_START
from exobone.data.schema import as_list, primary_key, resources
from tests.conftest import copy_project
from tests.payloads import PAYLOADS

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
#: a file of the build machine that an include directive would print
OUTSIDE_FILE = Path("/etc/os-release")

#: free-text fields that are structure, not text (changing them changes what the data mean)
STRUCTURAL = {
    ("errata", "record_id"): "names the corrected record",
    ("errata", "column"): "names the corrected column",
    ("errata", "published"): "must match the published text of its cell",
}
#: key/value rows whose value is text (the others are counts and a month)
TEXT_ROWS = {("trial_search", "value"): ("key", {"registry", "keyword"})}
#: fields whose values a reader sees as text on a page: the matrix must find them there (the
#: other free-text fields are drawn in figures, shown in tooltips or not shown)
MUST_SHOW = {
    ("abbreviations", "definition"),
    ("abbreviations", "term"),
    ("abbreviations_missing", "note"),
    ("biogenesis_edges", "label"),
    ("biogenesis_regulators", "role"),
    ("biogenesis_steps", "label"),
    ("comparative_claims", "claim"),
    ("compartments", "label"),
    ("consistency", "note"),
    ("consistency", "table_says"),
    ("consistency", "text_says"),
    ("effects", "label"),
    ("errata", "corrected"),
    ("errata", "evidence"),
    ("findings", "claim"),
    ("review_tables", "caption"),
    ("sources", "label"),
    ("table_rows", "cargo_function"),
    ("table_rows", "cell_source"),
    ("table_rows", "exosome_cargo"),
    ("table_rows", "role_in_bone"),
    ("trial_search", "value"),
    ("trials", "aim"),
    ("trials", "condition"),
}
#: (page, resource) where a value legitimately appears only in part
PARTIAL = {
    ("genindex.html", "*"): "Sphinx splits index entries (glossary terms) at ';'",
    ("notebooks/11_glossary.html", "table_rows"): "lists single words taken from table cells",
    ("notebooks/11_glossary.html", "errata"): "corrections become words of table cells",
}


def injectable_fields(data_dir: Path) -> list[tuple[str, str]]:
    """(resource, field) of every free-text field, read from the schemas."""
    res = resources(data_dir)
    referenced = {
        (fk["reference"]["resource"] or name, f)
        for name, r in res.items()
        for fk in r["schema"].get("foreignKeys", [])
        for f in as_list(fk["reference"]["fields"])
    }
    out = []
    for name, r in res.items():
        schema = r["schema"]
        keys = set(primary_key(schema)) | {
            f for fk in schema.get("foreignKeys", []) for f in as_list(fk["fields"])
        }
        for field in schema["fields"]:
            c = field.get("constraints", {})
            if (
                field.get("type", "string") == "string"
                and field.get("format", "default") == "default"
                and not {"enum", "pattern"} & set(c)
                and field["name"] not in keys
                and (name, field["name"]) not in referenced
                and (name, field["name"]) not in STRUCTURAL
            ):
                out.append((name, field["name"]))
    return out


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, records: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def inject(data_dir: Path) -> dict[str, tuple[str, str, str]]:
    """Write the payloads into the copy; marker -> (resource, field, the cell's text)."""
    res = resources(data_dir)
    errata = _read(data_dir / "errata.csv")
    corrected = {(e[1], e[2], e[3]) for e in errata[1:]}  # file, record_id, column
    cells: dict[str, tuple[str, str, str]] = {}
    for number, (name, field) in enumerate(injectable_fields(data_dir)):
        path, schema = res[name]["path"], res[name]["schema"]
        rel = path.relative_to(data_dir).as_posix()
        records = _read(path)
        header, column = records[0], records[0].index(field)
        key = [header.index(k) for k in primary_key(schema)]
        limit = next(f for f in schema["fields"] if f["name"] == field)
        max_length = limit.get("constraints", {}).get("maxLength", 10_000)
        rows = [
            i
            for i in range(1, len(records))
            if (rel, "|".join(records[i][k] for k in key), field) not in corrected
        ]
        if (name, field) in TEXT_ROWS:
            by, wanted = TEXT_ROWS[(name, field)]
            rows = [i for i in rows if records[i][header.index(by)] in wanted]
        # every payload into this field: one per row, several per row (one per line) when the
        # file has fewer rows than payloads; the start rotates so fields get different rows
        shift = number % len(PAYLOADS)
        order = PAYLOADS[shift:] + PAYLOADS[:shift]
        groups = [order[j :: len(rows)] for j in range(min(len(rows), len(order)))]
        for row, group in zip(rows, groups, strict=False):
            marker = f"qz{number:02d}r{row:03d}"
            text = "\n".join([*group, marker])
            if len(text) > max_length:
                text = "\n".join([group[0], marker])
            records[row][column] = text
            cells[marker] = (name, field, text)
        _write(path, records)
    return cells


def _run(args: list[str], cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        tail = (done.stdout + done.stderr)[-3000:]
        pytest.fail(f"{' '.join(args[:3])} failed in the hostile copy:\n{tail}")


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> tuple[Path, dict[str, tuple[str, str, str]]]:
    """Built HTML of a copy of the project whose data hold every payload; and the cells."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    copy_project(project)
    cells = inject(project / "data")
    _run([sys.executable, "-m", "exobone.build.execute", "--root", str(project)], project)
    _run([str(JUPYTER_BOOK), "build", str(project), "-W", "-n", "--keep-going"], project)
    return project / "_build" / "html", cells


def _pages(html: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(html).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(html.rglob("*.html"))
    }


def _visible(soup: BeautifulSoup) -> str:
    """The page's text on one line; a newline inside a cell, which a data frame shows as the
    two characters backslash and n, counts as whitespace."""
    main = soup.select_one("main") or soup
    return " ".join(main.get_text("").replace("\\n", " ").split())


@pytest.mark.build
def test_matrix_covers_every_payload_in_every_free_text_field(hostile_book):
    _, cells = hostile_book
    fields = {(name, field) for name, field, _ in cells.values()}
    assert len(PAYLOADS) >= 15
    assert MUST_SHOW <= fields
    for name, field in fields:
        texts = "\n".join(t for n, f, t in cells.values() if (n, f) == (name, field))
        assert [p for p in PAYLOADS if p not in texts] == [], (name, field)


@pytest.mark.build
def test_no_payload_runs_and_no_outside_file_appears(hostile_book):
    html, _ = hostile_book
    outside = (
        OUTSIDE_FILE.read_text(encoding="utf-8").split("\n")[0] if OUTSIDE_FILE.exists() else ""
    )
    found = []
    for name, soup in _pages(html).items():
        for script in soup.find_all("script"):
            if "alert(" in (script.string or ""):
                found.append(f"{name}: script {script.string[:60]!r}")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else str(value)
                if attr.lower().startswith("on") and "alert(" in value:
                    found.append(f"{name}: <{tag.name} {attr}>")
                if value.strip().lower().startswith("javascript:"):
                    found.append(f"{name}: <{tag.name} {attr}={value[:40]!r}>")
        if tag_with_text(soup, "b", "role") or tag_with_text(soup, "a", "click"):
            found.append(f"{name}: raw HTML from data became an element")
        if outside and outside in soup.get_text():
            found.append(f"{name}: shows {OUTSIDE_FILE}")
    assert found == []


def tag_with_text(soup: BeautifulSoup, name: str, text: str) -> bool:
    return any(t.get_text() == text for t in soup.find_all(name))


@pytest.mark.build
def test_every_value_that_reaches_a_page_is_shown_literally(hostile_book):
    html, cells = hostile_book
    pages = {name: _visible(soup) for name, soup in _pages(html).items()}
    shown: set[tuple[str, str]] = set()
    wrong = []
    for marker, (name, field, text) in cells.items():
        expected = " ".join(text.split())
        for page, body in pages.items():
            if marker not in body:
                continue
            shown.add((name, field))
            partial = {(page, name), (page, "*")} & set(PARTIAL)
            if expected not in body and not partial:
                wrong.append(f"{page}: {name}.{field} ({marker})")
    assert wrong == []
    assert sorted(MUST_SHOW - shown) == []


@pytest.mark.build
def test_downloadable_files_hold_no_formula(hostile_book):
    html, _ = hostile_book
    downloads = sorted(html.rglob("*.csv"))
    assert downloads
    for path in downloads:
        for record in _read(path):
            assert not [c for c in record if c.startswith(FORMULA_START)], path


@pytest.mark.browser
def test_no_dialog_opens_on_any_page(hostile_book):
    from playwright.sync_api import sync_playwright

    html, cells = hostile_book
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(html))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = [p.relative_to(html).as_posix() for p in sorted(html.rglob("*.html"))]
    pages = [p for p in pages if not p.startswith(("_static", "genindex", "search"))]
    dialogs: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--disable-background-networking", "--disable-component-update"],
            )
            tab = browser.new_page()
            tab.on("dialog", lambda d: (dialogs.append(f"{tab.url}: {d.message}"), d.dismiss()))
            for page in pages:
                tab.goto(f"{base}/{page}", wait_until="load")
                tab.wait_for_timeout(200)
            browser.close()
    finally:
        server.shutdown()
    assert len(pages) >= 10
    assert dialogs == []
