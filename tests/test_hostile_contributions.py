"""A hostile or careless contributor's add-study: each case ends in a correct result or a clear
refusal of one line per problem, never a traceback, and a refusal leaves ``git status`` clean.

Every case runs ``python -m exobone add-study`` (its ``main``) on a fresh git repository holding
a copy of data/; :data:`CASES` lists what was tried and what must come of it. The payloads of
tests/payloads.py go into the title, the claim and ``added_by`` of a study (the book built from
such data is tests/test_payload_matrix.py). Concurrent runs, Ctrl-C and SIGTERM are tested
with real processes below; a kill at random moments in tests/test_add_study_kill.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from exobone.curate import add_study
from exobone.curate.check_data import problems
from exobone.data import paths
from tests.payloads import PAYLOADS

EXAMPLE = paths.BOOK_DIR / "examples" / "add_study_example.toml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
TITLE = "Serum exosomes from exercised mice promote osteogenic differentiation via Wnt/β-catenin"
CLAIM = (
    "Serum exosomes from exercised mice activate Wnt/β-catenin signalling and promote BMSC "
    "osteogenic differentiation in osteoporotic mice."
)


def edit(*pairs: str, text: str = TEXT) -> str:
    """The example with each (old, new) pair replaced (old must be there)."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new)
    return text


def _review_reference(number: int) -> tuple[str, int]:
    import csv

    with open(paths.DATA_DIR / "generated" / "references.csv", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["ref_id"] == str(number))
    return row["title"], int(row["year"])


REVIEW_TITLE, REVIEW_YEAR = _review_reference(2)


def _read_only(*rels: str) -> Callable[[Path], None]:
    def setup(project: Path) -> None:
        for rel in rels:
            target = project / rel
            for p in [target, *target.rglob("*")] if target.is_dir() else [target]:
                p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))

    return setup


def _build_is_a_file(project: Path) -> None:
    (project / "_build").write_text("not a folder\n", encoding="utf-8")


def _symlink_in_data(project: Path) -> None:
    (project / "data" / "vocab" / "leak.csv").symlink_to("/etc/hostname")


def _journal_left_by_a_kill(project: Path) -> None:
    """What a SIGKILL during the commit leaves: an applying journal, one file replaced."""
    from exobone.curate import transaction

    data = project / "data"
    contents = {data / "errata.csv": (data / "errata.csv").read_bytes() + b"half,a,row\n"}
    journal = transaction.journal_dir(data)
    pending = transaction._prepare(journal, data, contents)
    os.rename(pending, journal / transaction.APPLYING)
    os.replace(journal / transaction.APPLYING / "new-0", data / "errata.csv")


@dataclass(frozen=True)
class Case:
    name: str
    study: str | bytes | None  # the study file's content (None: no file at all)
    expect: str  # "added" or "refused"
    says: str = ""  # a piece of the refusal (or of the output)
    setup: Callable[[Path], None] | None = None
    path: str = "study.toml"


CASES = [
    Case("the chapter's example", TEXT, "added", "added reference A1 and finding(s) F-A001"),
    Case("pmid given as a TOML integer", edit('pmid = ""', "pmid = 12345678"), "added"),
    Case("_build is a file", TEXT, "added", setup=_build_is_a_file),
    Case("a journal left by a killed run", TEXT, "added", "recovered", _journal_left_by_a_kill),
    # misspelled and unknown keys
    Case(
        "pathway= (misspelled)",
        edit("pathways = [", "pathway = ["),
        "refused",
        "unknown key 'pathway'; did you mean 'pathways'?",
    ),
    Case(
        "target= (misspelled)",
        edit("effects = [", 'target = "RUNX2"\neffects = ['),
        "refused",
        "unknown key 'target'; did you mean 'targets'?",
    ),
    Case(
        "diseases= (misspelled)",
        edit('disease = "ovx', 'diseases = "ovx'),
        "refused",
        "unknown key 'diseases'; did you mean 'disease'?",
    ),
    Case(
        "model= (misspelled)",
        edit("models = [", "model = ["),
        "refused",
        "unknown key 'model'; did you mean 'models'?",
    ),
    Case(
        "titel= in [reference]",
        edit("title =", "titel ="),
        "refused",
        "[reference]: unknown key 'titel'; did you mean 'title'?",
    ),
    Case(
        "dir= in an effect",
        edit('direction = "up", cell', 'dir = "up", cell'),
        "refused",
        "[[findings]] #1 effects #1: unknown key 'dir'; did you mean 'direction'?",
    ),
    # wrong types
    Case(
        "a list where the title belongs",
        edit(f'title = "{TITLE}"', 'title = ["a", "b"]'),
        "refused",
        "[reference] title: should be a valid string, not a list",
    ),
    Case(
        "a table where the claim belongs",
        edit(f'claim = "{CLAIM}"', "claim = { text = 'x' }"),
        "refused",
        "[[findings]] #1 claim: should be a valid string, not a table",
    ),
    Case(
        "uses as text, not a list",
        edit(
            "effects = [",
            'markers = [ { marker = "miR-1", kind = "miRNA", body_fluid = "plasma", '
            'uses = "diagnostic" } ]\neffects = [',
        ),
        "refused",
        "uses: should be a valid list, not text",
    ),
    Case(
        "a direction outside the schema's values",
        edit('direction = "up", cell', 'direction = "sideways", cell'),
        "refused",
        "direction: Input should be 'up', 'down' or 'unspecified'",
    ),
    Case(
        "added_on not a date",
        edit("added_on = 2025-01-31", 'added_on = "yesterday"'),
        "refused",
        "added_on: should be a date written YYYY-MM-DD, not 'yesterday'",
    ),
    Case(
        "year as words",
        edit("year = 2025", 'year = "soon"'),
        "refused",
        "[reference] year: should be a whole number, not 'soon'",
    ),
    Case(
        "[findings] with single brackets",
        edit("[[findings]]", "[findings]"),
        "refused",
        "write each finding as [[findings]] (two brackets), not [findings]",
    ),
    Case(
        "no findings",
        TEXT.split("[[findings]]")[0],
        "refused",
        "[[findings]]: missing",
    ),
    Case(
        "no [reference]",
        "added_by = 'x'\nadded_on = 2025-01-31\n[[findings]]\nsource='serum'\n",
        "refused",
        "[reference]: missing",
    ),
    Case(
        "neither doi nor pmid",
        edit('doi = "10.5555/example.2025.0001"', ""),
        "refused",
        "give its doi or its pmid",
    ),
    Case("an empty file", "", "refused", "added_by: missing"),
    # duplicates
    Case(
        "the same title and year with another DOI",
        edit("example.2025.0001", "example.2025.0999"),
        "refused",
        "already added as A1 (same title and year)",
        setup=lambda p: _add_example(p),
    ),
    Case(
        "the same study twice",
        TEXT,
        "refused",
        "already added as A1 (same DOI, title and year)",
        setup=lambda p: _add_example(p),
    ),
    Case(
        "a copy of review reference [2]",
        edit(TITLE, REVIEW_TITLE, "year = 2025", f"year = {REVIEW_YEAR}"),
        "refused",
        "is the review's own reference [2]",
    ),
    # encodings and odd files
    Case(
        "a Latin-1 file",
        edit("Your Name", "Jos\u00e9 M\u00fcller").encode("latin-1", errors="replace"),
        "refused",
        "is not UTF-8 (a Latin-1 or Windows file?); save the file as UTF-8",
    ),
    Case("a UTF-16 file", TEXT.encode("utf-16"), "refused", "UTF-16 text; save the file as UTF-8"),
    Case("not TOML", "added_by = \n[[", "refused", "not valid TOML"),
    Case("UTF-8 with a byte-order mark", "\ufeff" + TEXT, "added", "added reference A1"),
    Case(
        "500 unknown keys",
        edit("[reference]", "\n".join(f"junk{i} = 1" for i in range(500)) + "\n[reference]"),
        "refused",
        "... and 490 more",
    ),
    Case("no such file", None, "refused", "cannot be read (No such file or directory)"),
    Case("a folder given as the study", None, "refused", "a folder, not a study file", path="."),
    Case("/dev/zero given as the study", None, "refused", "not a regular file", path="/dev/zero"),
    Case(
        "a 1 MB title",
        edit(TITLE, "T" * 1_048_576),
        "refused",
        "[reference] title: 1048576 characters, more than the 10000 allowed",
    ),
    # the data would break a rule: validation refuses, nothing is written
    Case(
        "an unknown source",
        edit('source = "serum"', 'source = "moon_dust"'),
        "refused",
        "moon_dust",
    ),
    Case(
        "an unknown pathway wording",
        edit('wording = "Wnt/β-catenin"', 'wording = "Wnt/beta-catenin"'),
        "refused",
        "'Wnt/beta-catenin' is not a known pathway wording",
    ),
    Case(
        "a formula in the claim",
        edit(f'claim = "{CLAIM}"', 'claim = \'=HYPERLINK("https://evil.example","x")\''),
        "refused",
        "which a spreadsheet runs as a formula",
    ),
    Case(
        "a bidi override in added_by",
        edit('added_by = "Your Name"', 'added_by = "Reviewer \\u202edetcejer\\u202c"'),
        "refused",
        "bidirectional control character U+202E",
    ),
    Case(
        "a NUL character in the title",
        edit(TITLE, "Serum\\u0000exosomes"),
        "refused",
        "control character U+0000",
    ),
    Case(
        "a claim over the schema's 200 characters",
        edit(CLAIM, "x" * 250),
        "refused",
        "250 characters, more than the 200 allowed",
    ),
    # the files themselves
    Case("read-only data/", TEXT, "refused", "read-only", setup=_read_only("data")),
    Case(
        "one read-only file",
        TEXT,
        "refused",
        "data/evidence/finding_effects.csv: read-only file",
        setup=_read_only("data/evidence/finding_effects.csv"),
    ),
    Case(
        "a symbolic link under data/",
        TEXT,
        "refused",
        "data/vocab/leak.csv: a symbolic link",
        setup=_symlink_in_data,
    ),
]


def _toml(value: str) -> str:
    """A TOML basic string holding ``value`` exactly."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _payload_study(i: int, payload: str) -> str:
    return edit(
        f'title = "{TITLE}"',
        f"title = {_toml(payload + f' (title {i})')}",
        f'claim = "{CLAIM}"',
        f"claim = {_toml(payload)}",
        'added_by = "Your Name"',
        f"added_by = {_toml(payload)}",
    )


# every payload of the book's payload matrix in the title, the claim and added_by of a study
PAYLOAD_CASES = [
    Case(f"payload {i:02d} in title, claim and added_by", _payload_study(i, p), "added")
    for i, p in enumerate(PAYLOADS)
]


def _add_example(project: Path) -> None:
    study = project.parent / "first.toml"
    study.write_text(TEXT, encoding="utf-8")
    assert add_study.main([str(study), "--root", str(project)]) == 0
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "first study")


def _git(project: Path, *args: str) -> str:
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def make_project(root: Path) -> Path:
    """A git repository holding a copy of data/ and the project's .gitignore, committed."""
    project = root / "project"
    shutil.copytree(paths.DATA_DIR, project / "data")
    shutil.copy(paths.PROJECT_ROOT / ".gitignore", project / ".gitignore")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "data")
    return project


def tree(folder: Path) -> dict[str, bytes]:
    """Every entry under ``folder``: path -> bytes (a link: its target)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = b"-> " + os.readlink(p).encode()
        elif p.is_file():
            out[rel] = p.read_bytes()
    return out


def run_case(case: Case, tmp_path: Path, capsys) -> tuple[int, str, str, Path]:
    """(exit status, stdout, stderr, project) of one case; a raised exception fails the test
    as the traceback a user would have seen."""
    project = make_project(tmp_path)
    if case.setup:  # the state the case starts from is committed: git status shows the run
        case.setup(project)
        _git(project, "add", "-A")
        if _git(project, "status", "--porcelain"):
            _git(project, "commit", "-qm", "setup")
    study = tmp_path / case.path
    if isinstance(case.study, bytes):
        study.write_bytes(case.study)
    elif isinstance(case.study, str):
        study.write_text(case.study, encoding="utf-8")
    capsys.readouterr()
    try:
        status = add_study.main([str(study), "--root", str(project)])
    except BaseException as err:  # noqa: BLE001 - any escape is the traceback a user sees
        pytest.fail(f"{case.name}: traceback ({type(err).__name__}: {str(err)[:200]})")
    out, err = capsys.readouterr()
    return status, out, err, project


def valid(data_dir: Path) -> bool:
    """True if ``make validate`` finds nothing (on a copy: the case may have made _build a
    file, where the validation stamp cannot be written)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(data_dir, Path(tmp) / "data", symlinks=True)
        found = problems(Path(tmp) / "data")
    assert found == []
    return True


def check_refusal(err: str) -> None:
    """A refusal is one line, or a header line and one indented line per problem; short."""
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith("error: "), err[:300]
    assert all(line.startswith("  ") for line in lines[1:]), err[:300]
    assert all(len(line) < 400 for line in lines), max(lines, key=len)[:300]
    assert "Traceback" not in err


def _restore_modes(project: Path) -> None:
    for p in [project, *project.rglob("*")]:
        if not p.is_symlink():
            p.chmod(p.stat().st_mode | stat.S_IWUSR)


@pytest.mark.parametrize(
    "case",
    CASES + [pytest.param(c, marks=pytest.mark.slow) for c in PAYLOAD_CASES],
    ids=[c.name for c in CASES + PAYLOAD_CASES],
)
def test_every_case_ends_in_a_correct_result_or_a_one_line_refusal(case, tmp_path, capsys):
    status, out, err, project = run_case(case, tmp_path, capsys)
    try:
        if case.expect == "refused":
            assert status == 1, (status, out[-300:], err[-300:])
            check_refusal(err)
            assert case.says in err, err[:600]
            assert _git(project, "status", "--porcelain", "--untracked-files=all") == ""
            assert not (project / ".exobone-transaction").exists()
        else:
            assert status == 0, err[-600:]
            assert case.says in out + err
            assert "Traceback" not in err
            changed = _git(project, "status", "--porcelain", "--untracked-files=all")
            assert changed and all(line[3:].startswith("data/") for line in changed.splitlines())
            assert valid(project / "data")
            assert not (project / ".exobone-transaction").exists()
    finally:
        _restore_modes(project)


def _run(project: Path, study: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "exobone", "add-study", str(study), "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=paths.PROJECT_ROOT,
        **kw,
    )


def test_two_concurrent_runs_add_both_studies_without_an_orphan(tmp_path):
    project = make_project(tmp_path)
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(
        edit("example.2025.0001", "example.2025.0002", TITLE, "Another study"), encoding="utf-8"
    )
    runs = [_run(project, first), _run(project, second)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in runs]
    assert [r[0] for r in results] == [0, 0], results
    assert "Traceback" not in "".join(r[2] for r in results)
    assert problems(project / "data") == []
    refs = (project / "data" / "added" / "references.csv").read_text(encoding="utf-8")
    links = (project / "data" / "evidence" / "finding_added_refs.csv").read_text("utf-8")
    assert [line.split(",")[0] for line in refs.splitlines()[1:]] == ["A1", "A2"]
    assert links.splitlines()[1:] == ["F-A001,A1", "F-A002,A2"]


def test_the_same_study_run_twice_at_once_is_added_once(tmp_path):
    project = make_project(tmp_path)
    study = tmp_path / "a.toml"
    study.write_text(TEXT, encoding="utf-8")
    runs = [_run(project, study), _run(project, study)]
    results = sorted((p.wait(timeout=120), p.stderr.read()) for p in runs)
    assert [r[0] for r in results] == [0, 1], results
    assert "already added as A1" in results[1][1] and "Traceback" not in results[1][1]
    assert problems(project / "data") == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_while_checking_leaves_data_as_it_was(tmp_path, signum):
    project = make_project(tmp_path)
    study = tmp_path / "a.toml"
    study.write_text(TEXT, encoding="utf-8")
    run = _run(project, study)
    # the rows are shown before they are checked on a copy: the signal lands in the check
    assert run.stdout.readline().startswith("data/added/references.csv")
    time.sleep(0.2)
    run.send_signal(signum)
    status = run.wait(timeout=60)
    err = run.stderr.read()
    assert "Traceback" not in err
    if status == 0:  # the run was faster than the signal: the study is there, complete
        assert problems(project / "data") == []
    else:
        assert status == 130 and "data/ is as it was before" in err, (status, err)
        assert _git(project, "status", "--porcelain", "--untracked-files=all") == ""
