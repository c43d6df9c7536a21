"""Size and speed of the findings page when the evidence base is 100 times larger.

Not a test: run ``.venv/bin/python benchmarks/bench_findings_page.py [SCALE ...]`` from the
project root (default scales 1 and 100; needs Debian's chromium). For each scale it copies the
project's tracked files to a temporary folder, multiplies findings.csv and its five link tables
(every finding copied SCALE - 1 times with a new id; the claim's words shuffled with a fixed
seed, so the copies do not compress better than real text would), executes the evidence
notebook there, builds the book and opens the page in Chromium. It prints a table and writes
``benchmarks/results/findings_page.csv``:

- ``findings``: rows of findings.csv; ``notebook_s``: seconds to execute the notebook;
- ``page_bytes``: size of the built page; ``table_rows_bytes``: the table's packed rows in it;
- ``interactive_ms``: from navigation to the findings table drawn and answering (median of 3);
- ``search_ms``: typing "dendritic" in its search box until the table shows the result;
- ``by_source_notebook_s``, ``by_source_page_bytes``: the same for the findings-by-source page
  (a list to read, one line per finding; no speed target).
"""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.workspace import copy_project, serve_html  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "findings_page.csv"
NOTEBOOK = "notebooks/04_findings_table.ipynb"
PAGE = "notebooks/04_findings_table.html"
#: the findings grouped by source, to read: measured for size only
BY_SOURCE = "notebooks/03_evidence_by_source"
LINK_TABLES = ["finding_cargos", "finding_effects", "finding_pathways", "finding_refs"]
LINK_TABLES += ["finding_targets"]


def scale_evidence(data: Path, scale: int, seed: int = 12) -> int:
    """Multiply findings and link tables by ``scale`` in the copy ``data``; return the rows."""
    rng = random.Random(seed)
    findings_schema = json.loads((data / "schemas" / "findings.schema.json").read_text("utf-8"))
    id_pattern = next(f for f in findings_schema["fields"] if f["name"] == "finding_id")[
        "constraints"
    ]["pattern"]  # read from the schema: the copies' ids (F-N001-x002) widen it
    for schema in data.glob("schemas/*.schema.json"):
        text = schema.read_text(encoding="utf-8")
        wider = id_pattern.replace("$", "(-x[0-9]{3})?$").replace("\\", "\\\\")
        schema.write_text(text.replace(id_pattern.replace("\\", "\\\\"), wider), "utf-8")
    path = data / "evidence" / "findings.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    out = list(rows)
    for k in range(1, scale):
        for row in rows:
            words = row["claim"].split()
            rng.shuffle(words)
            out.append(
                row | {"finding_id": f"{row['finding_id']}-x{k:03d}", "claim": " ".join(words)}
            )
    _write(path, fields, out)
    for name in LINK_TABLES:
        link = data / "evidence" / f"{name}.csv"
        with link.open(encoding="utf-8", newline="") as f:
            links = list(csv.DictReader(f))
        more = list(links)
        for k in range(1, scale):
            more += [r | {"finding_id": f"{r['finding_id']}-x{k:03d}"} for r in links]
        _write(link, list(links[0]), more)
    return len(out)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def measure_in_browser(html_dir: Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    ready, searches = [], []
    with serve_html(html_dir) as base, sync_playwright() as p:
        url = f"{base}/{PAGE}"
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#findings-table-wrapper .dt-info", timeout=60_000)
            ready.append(page.evaluate("performance.now()"))
            before = page.locator("#findings-table-wrapper .dt-info").inner_text()
            start = page.evaluate("performance.now()")
            page.fill("#findings-table-wrapper .dt-search input", "dendritic")
            page.wait_for_function(
                "b => document.querySelector('#findings-table-wrapper .dt-info').innerText != b",
                arg=before,
            )
            searches.append(page.evaluate("performance.now()") - start)
            page.close()
        browser.close()
    return statistics.median(ready), statistics.median(searches)


def run(scale: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project)
        findings = scale_evidence(project / "data", scale) if scale > 1 else None
        if findings is None:
            findings = sum(1 for _ in (project / "data/evidence/findings.csv").open()) - 1
        code = (
            "import sys; from pathlib import Path; from exobone.pipeline.execute import execute; "
            "execute(Path(sys.argv[1]), Path(sys.argv[2]))"
        )
        seconds = {}
        for notebook in (NOTEBOOK, BY_SOURCE + ".ipynb"):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code, str(project / notebook), str(project)],
                cwd=project,
                check=True,
                capture_output=True,
            )
            seconds[notebook] = time.perf_counter() - started
        subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", str(project)],
            cwd=project,
            check=True,
            capture_output=True,
        )
        html = project / "_build" / "html"
        page = (html / PAGE).read_text(encoding="utf-8")
        packed = re.search(r'data-rows="([^"]*)"', page)
        interactive_ms, search_ms = measure_in_browser(html)
        return {
            "scale": scale,
            "findings": findings,
            "notebook_s": round(seconds[NOTEBOOK], 1),
            "page_bytes": len(page.encode("utf-8")),
            "table_rows_bytes": len(packed.group(1)) if packed else 0,
            "interactive_ms": round(interactive_ms),
            "search_ms": round(search_ms),
            "by_source_notebook_s": round(seconds[BY_SOURCE + ".ipynb"], 1),
            "by_source_page_bytes": (html / f"{BY_SOURCE}.html").stat().st_size,
        }


def main(argv: list[str]) -> None:
    scales = [int(a) for a in argv] or [1, 100]
    results = []
    for scale in scales:
        results.append(run(scale))
        print(results[-1], flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(results[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(results)


if __name__ == "__main__":
    main(sys.argv[1:])
