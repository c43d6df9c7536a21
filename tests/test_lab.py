"""`make lab`: JupyterLab starts at the project root and runs a notebook, checked through its
REST and kernel APIs, and shows a chapter as the book does: prose with its numbers, figures as
images, in a fresh checkout that Lab does not trust (slow: installs JupyterLab from
requirements-lab.txt on first use; the browser check needs Debian's chromium)."""

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
import uuid

import nbformat
import pytest

from exobone.data import paths

pytestmark = pytest.mark.lab

TOKEN = uuid.uuid4().hex
NOTEBOOK = "notebooks/10_added_evidence.ipynb"
CHAPTER = "notebooks/05_analysis_by_source_and_pathway.ipynb"
SCREENSHOT = paths.PROJECT_ROOT / "_build" / "lab-chapter.png"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def _post(url: str, body: dict):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _run_cells(ws_url: str, cells: list[str]) -> list[dict]:
    """Execute each source in the kernel behind ``ws_url``; the reply and error of each."""
    import websocket  # installed with JupyterLab (requirements-lab.txt)

    ws = websocket.create_connection(ws_url, timeout=120)
    results = []
    try:
        for source in cells:
            msg_id = uuid.uuid4().hex
            ws.send(
                json.dumps(
                    {
                        "header": {
                            "msg_id": msg_id,
                            "msg_type": "execute_request",
                            "username": "test",
                            "session": uuid.uuid4().hex,
                            "version": "5.3",
                        },
                        "parent_header": {},
                        "metadata": {},
                        "content": {"code": source, "silent": False},
                        "channel": "shell",
                    }
                )
            )
            errors, reply = [], None
            while reply is None:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    errors.append(f"{msg['content']['ename']}: {msg['content']['evalue']}")
                if msg["msg_type"] == "execute_reply":
                    reply = msg["content"]["status"]
            results.append({"status": reply, "errors": errors})
    finally:
        ws.close()
    return results


@pytest.fixture(scope="module")
def lab_url():
    """`make lab` on a free port of 127.0.0.1; yields its base URL, stops it afterwards."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    lab = subprocess.Popen(
        [
            "make",
            "lab",
            f"LAB_ARGS=--no-browser --ServerApp.port={port} "
            f"--ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN}",
        ],
        cwd=paths.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600  # the first run installs JupyterLab
        while True:
            try:
                status = _get(f"{base}/api/status?token={TOKEN}")
                break
            except OSError:
                assert lab.poll() is None, lab.stdout.read().decode()[-3000:]
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(1)
        assert "started" in status
        yield base
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)


def test_make_lab_opens_at_the_project_root_and_runs_a_notebook(lab_url):
    base = lab_url
    listing = _get(f"{base}/api/contents?token={TOKEN}")
    assert {"exobone", "data", "notebooks"} <= {c["name"] for c in listing["content"]}
    assert urllib.request.urlopen(f"{base}/lab?token={TOKEN}", timeout=10).status == 200
    session = _post(
        f"{base}/api/sessions?token={TOKEN}",
        {"path": NOTEBOOK, "type": "notebook", "kernel": {"name": "python3"}},
    )
    kernel = session["kernel"]["id"]
    nb = nbformat.read(paths.PROJECT_ROOT / NOTEBOOK, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    where = "import exobone, os; assert os.getcwd().endswith('notebooks'), os.getcwd()"
    ws = f"ws://127.0.0.1:{port_of(base)}/api/kernels/{kernel}/channels?token={TOKEN}"
    results = _run_cells(ws, [where, *code])
    assert [r["errors"] for r in results] == [[] for _ in results]
    assert {r["status"] for r in results} == {"ok"}


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_a_chapter_in_lab_shows_its_numbers_and_figures_without_trust(lab_url):
    """The stored outputs, as a fresh clone opens them: no glue placeholder, prose with the
    values in it, every figure an image (a PNG: Lab shows no SVG or HTML drawing untrusted)."""
    from playwright.sync_api import sync_playwright

    nb = nbformat.read(paths.PROJECT_ROOT / CHAPTER, as_version=4)
    first_paragraph = next(
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    )
    words = " ".join(first_paragraph.split())[:30]  # "This chapter shows review evid"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{lab_url}/lab/tree/{CHAPTER}?token={TOKEN}")
        page.wait_for_selector(".jp-OutputArea-output img", timeout=120_000)
        page.wait_for_timeout(2000)
        panel = page.locator(".jp-NotebookPanel:visible")
        shown_text = panel.inner_text()
        assert "{glue" not in shown_text
        assert "{download}" not in shown_text and "{doc}" not in shown_text  # jupyterlab-myst
        assert words in " ".join(panel.inner_text().split())
        figures = panel.locator(".jp-OutputArea-output.jp-RenderedImage img")
        assert figures.count() >= 1
        assert figures.first.get_attribute("src").startswith("data:image/png;base64,")
        assert figures.first.evaluate("img => img.naturalWidth") > 300
        # no drawing shown as its bare text (what an untrusted inline SVG in HTML looked like)
        assert panel.locator(".jp-RenderedHTMLCommon svg").count() == 0
        # the screenshot: the first figure's lower half and the paragraph under it
        figures.first.scroll_into_view_if_needed()
        page.mouse.move(700, 500)
        page.mouse.wheel(0, 450)
        page.wait_for_timeout(1000)
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        browser.close()


def test_tables_show_in_lab_after_a_rerun_and_saving_does_not_store_the_bundle():
    """Lab serves itables' bundle (make lab); a rerun chapter shows its table, and the saved
    notebook holds no copy of the bundle (it stays the size of its rows)."""
    import shutil as sh

    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM_ARGS

    port, name = _free_port(), f"_lab_check_{uuid.uuid4().hex[:8]}.ipynb"
    copy = paths.NOTEBOOK_DIR / name
    sh.copy(paths.NOTEBOOK_DIR / "04_findings_table.ipynb", copy)
    before, copied_at = copy.stat().st_size, copy.stat().st_mtime
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_ARGS=--no-browser --ServerApp.port={port} "
         f"--ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN}"],
        cwd=paths.PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                _get(f"{base}/api/status?token={TOKEN}")
                break
            except OSError:
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=sh.which("chromium"), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/{name}?reset&token={TOKEN}")  # no earlier workspace
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            rows = page.locator(".jp-OutputArea table.dataTable tbody tr")
            page.wait_for_timeout(3_000)
            for accept in page.locator(".jp-Dialog button.jp-mod-accept").all():
                accept.click()  # a kernel chooser left from an earlier Lab session
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            rows.first.wait_for(timeout=60_000)
            assert rows.count() == 10  # the first page of the findings
            for accept in page.locator(".jp-Dialog button.jp-mod-accept").all():
                accept.click()
            page.get_by_role("menuitem", name="File", exact=True).click()
            page.get_by_role("menuitem", name=re.compile(r"^Save Notebook(?! As)")).click()
            page.wait_for_timeout(2_000)
            browser.close()
        assert copy.stat().st_mtime > copied_at  # Lab saved it
        saved = copy.read_text(encoding="utf-8")
        assert copy.stat().st_size < before + 20_000
        assert "init_notebook_mode" not in saved and "dt_src_b64" not in saved
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)
        copy.unlink(missing_ok=True)
