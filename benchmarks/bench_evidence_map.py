"""Time to interactive of the evidence map at today's size and at 10 times the findings.

Not a test: run ``.venv/bin/python benchmarks/bench_evidence_map.py [SCALE ...]`` from the
project root (default scales 1 and 10; needs Debian's chromium). For each scale it copies the
project's tracked files to a temporary folder, multiplies the findings and their link tables
(``bench_findings_page.scale_evidence``, plus ``finding_models``), builds the map's HTML there
(``gap_map_data`` and ``gap_map_html``, as the chapter does) inside a bare page, and opens it
from ``file://`` in Chromium three times. It prints one line per scale and writes
``benchmarks/results/evidence_map.csv``:

- ``findings``; ``payload_bytes``: the inline JSON; ``build_s``: computing the payload and HTML;
- ``interactive_ms``: navigation start until the map is drawn and answers (median of 3);
- ``open_cell_ms``: a click on the largest cell until its findings are listed;
- ``filter_ms``: choosing a model system until the map is redrawn.

The book page adds the theme's own scripts and styles; the built chapter is measured by
``--book`` (``_build/html`` must exist; scale 1 only).
"""

from __future__ import annotations

import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_findings_page import _write, scale_evidence  # noqa: E402

from tests.workspace import copy_project, serve_html  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "evidence_map.csv"
BUILD = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from exobone.compute.gap_map import gap_map_data
from exobone.figures import style
from exobone.render.gap_map import gap_map_html, inline_json
payload = gap_map_data(Path(sys.argv[1]))
html = gap_map_html(payload, style.GAP_MAP)
page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map</title>'
        '<meta name="viewport" content="width=device-width"></head><body><main>'
        + html + '</main></body></html>')
Path(sys.argv[2]).write_text(page, encoding="utf-8")
print(len(payload["findings"]), len(inline_json(payload).encode()), time.perf_counter() - start)
"""
ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def scale_models(data: Path, scale: int) -> None:
    path = data / "evidence" / "finding_models.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    more = list(rows)
    for k in range(1, scale):
        more += [r | {"finding_id": f"{r['finding_id']}-x{k:03d}"} for r in rows]
    _write(path, list(rows[0]), more)


def measure(url: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    ready, opened, filtered = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="commit")
            page.wait_for_selector(".gap-map[data-ready=true]", timeout=60_000)
            ready.append(page.evaluate("performance.now()"))
            biggest = page.evaluate(
                "() => { const bs = [...document.querySelectorAll('.gm-cellbutton')];"
                " const n = (b) => Number(b.innerText || 0);"
                " return bs.reduce((a, b) => n(b) > n(a) ? b : a).dataset.key; }"
            )
            start = page.evaluate("performance.now()")
            page.click(f'.gm-cellbutton[data-key="{biggest}"]')
            page.wait_for_selector(".gm-cell-list tbody tr")
            opened.append(page.evaluate("performance.now()") - start)
            start = page.evaluate("performance.now()")
            page.select_option(".gm-controls select[name=model]", "in_vitro")
            page.wait_for_function("() => location.hash.includes('model=in_vitro')")
            filtered.append(page.evaluate("performance.now()") - start)
            page.close()
        browser.close()
    return {
        "interactive_ms": round(statistics.median(ready)),
        "open_cell_ms": round(statistics.median(opened)),
        "filter_ms": round(statistics.median(filtered)),
    }


def run(scale: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project)
        if scale > 1:
            scale_evidence(project / "data", scale)
            scale_models(project / "data", scale)
        page = Path(tmp) / "map.html"
        out = subprocess.run(
            [sys.executable, "-c", BUILD, str(project / "data"), str(page)],
            cwd=project,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        findings, payload_bytes, build_s = int(out[0]), int(out[1]), float(out[2])
        return {
            "page": "map alone",
            "scale": scale,
            "findings": findings,
            "payload_bytes": payload_bytes,
            "build_s": round(build_s, 2),
        } | measure(page.as_uri())


def run_book() -> dict:
    with serve_html(ROOT / "_build" / "html") as base:
        timings = measure(f"{base}/notebooks/14_evidence_map.html")
    empty = {"findings": "", "payload_bytes": "", "build_s": ""}
    return {"page": "book chapter", "scale": 1} | empty | timings


def main(argv: list[str]) -> None:
    book = "--book" in argv
    scales = [int(a) for a in argv if a != "--book"] or [1, 10]
    results = []
    for scale in scales:
        results.append(run(scale))
        print(results[-1], flush=True)
    if book:
        results.append(run_book())
        print(results[-1], flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(results[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(results)


if __name__ == "__main__":
    main(sys.argv[1:])
