"""The worked example end to end in a copy of the project: add the example study, make release,
make diff and make book; the footer, What's new, the introduction and the zip show version
1.1.0 and exactly that study."""

import json
import os
import re
import subprocess
import zipfile

import pytest

from exobone.data import paths
from tests.workspace import copy_project

pytestmark = pytest.mark.build

EXAMPLE = "book/examples/add_study_example.toml"


def run(command: str, cwd) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VENV", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }
    done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command}:\n{(done.stdout + done.stderr)[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    project = tmp_path_factory.mktemp("release") / "project"
    copy_project(project)
    (project / ".venv").symlink_to(paths.PROJECT_ROOT / ".venv")
    run(f".venv/bin/python -m exobone add-study {EXAMPLE}", project)
    release = run("make release", project)
    difference = run("make diff FROM=1.0.0", project)
    run("make book", project)
    return project, release, difference


def test_release_is_minor_and_the_diff_lists_only_the_study(released):
    project, release, difference = released
    assert "released 1.1.0" in release and "(minor, update" in release
    changed = re.findall(r"^(\w+): (\d+) added, (\d+) removed, (\d+) changed$", difference, re.M)
    assert {name: (a, r, c) for name, a, r, c in changed} == {
        name: ("1", "0", "0")
        for name in (
            "finding_cargos",
            "finding_effects",
            "finding_pathways",
            "finding_models",
            "findings",
            "added_references",
            "finding_added_refs",
        )
    }
    assert "+ F-A001:" in difference and "+ A1:" in difference


def test_footer_whats_new_intro_and_zip_show_the_new_version(released):
    project, _, _ = released
    html = project / "_build" / "html"
    for page in ("book/intro.html", "notebooks/04_findings_table.html", "book/data.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert "Data version 1.1.0 · " in text, page
    whats_new = (html / "book" / "whats_new.html").read_text(encoding="utf-8")
    assert "Version 1.1.0 · " in whats_new and "Version 1.0.0 · " in whats_new
    assert "F-A001" in whats_new and "Serum exosomes from exercised mice" in whats_new
    assert "update (new evidence)" in whats_new and "Not yet released" not in whats_new
    intro = (html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Last study added: 2025-01-31" in intro
    with zipfile.ZipFile(html / "downloads" / "exobone-evidence-data.zip") as zf:
        meta = json.loads(zf.read("exobone-evidence-data/datapackage.json"))
    assert meta["version"] == "1.1.0"
    record = (project / "data" / "releases.csv").read_text(encoding="utf-8").splitlines()
    assert record[-1].startswith("1.1.0,") and len(record) == 3
