"""Executing notebooks for real (a kernel each): what is recorded, and what goes wrong.

Each test runs small handmade notebooks in a temporary copy of the project.
"""

import shutil
import threading
import time
from pathlib import Path

import nbformat
import pytest

from exobone.data import paths
from exobone.pipeline import execute, freshness
from tests.conftest import edit_line

pytestmark = pytest.mark.kernel


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of data/ and exobone/ with an empty notebooks/ folder."""
    for part in ["data", "exobone"]:
        shutil.copytree(
            paths.PROJECT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def notebook(project: Path, name: str, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = project / "notebooks" / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def inputs(path: Path) -> set[str]:
    return set(nbformat.read(path, as_version=4).metadata[freshness.META_KEY]["inputs"])


def test_inputs_are_what_the_notebook_read_and_imported(project):
    reader = notebook(project, "reader", "from exobone.data.load import load", 'load("trials")')
    assert execute.main(["--root", str(project)]) == 0
    found = inputs(reader)
    assert {
        "data/review/trials.csv",
        "data/schemas/trials.schema.json",
        "data/datapackage.json#trials",
        "exobone/data/load.py",
    } <= found
    assert (
        not {"data/review/table_rows.csv", "data/datapackage.json", "exobone/compute/trials.py"}
        & found
    )
    assert execute.stale(project) == []
    edit_line(project / "data" / "review" / "table_rows.csv", 2, "BMSC", "BMSCx")
    assert execute.stale(project) == []
    edit_line(project / "data" / "review" / "trials.csv", 2, "Test whether", "Tested whether")
    assert execute.stale_reasons(project) == {reader: ["data/review/trials.csv changed"]}


def test_a_resource_read_for_the_first_time_becomes_an_input(project):
    reader = notebook(project, "reader", "from exobone.data.load import load", 'load("trials")')
    assert execute.main(["--root", str(project)]) == 0
    nb = nbformat.read(reader, as_version=4)
    nb.cells[1].source += '\nload("trial_search")'
    nbformat.write(nb, reader)
    assert execute.stale_reasons(project) == {
        reader: [f"code cell 2 (id {nb.cells[1].id}) changed"]
    }
    assert execute.main(["--root", str(project)]) == 0
    assert "data/review/trial_search.csv" in inputs(reader)


def test_kernels_use_ipc_so_ipykernel_does_not_warn_about_tcp(project, capfd):
    notebook(project, "quiet", "1 + 1")
    assert execute.main(["--root", str(project)]) == 0
    out, err = capfd.readouterr()
    assert "without encryption" not in out + err
    assert "executed notebooks/quiet.ipynb" in out


def test_a_hung_cell_is_stopped_and_named_in_one_line(project, capsys):
    hung = notebook(project, "hung", "x = 1", "import time\ntime.sleep(120)")
    before = hung.read_bytes()
    start = time.perf_counter()
    assert execute.main(["--root", str(project), "--timeout", "3"]) == 1
    assert time.perf_counter() - start < 60
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: notebooks/hung.ipynb: cell 2 of 2")
    assert "3 s timeout" in err[0] and "--timeout" in err[0]
    assert hung.read_bytes() == before


def test_a_dead_kernel_is_named_in_one_line(project, capsys):
    notebook(project, "dies", "x = 1", "y = 2", "import os\nos._exit(1)")
    assert execute.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: notebooks/dies.ipynb: the kernel died while running cell 3")
    assert "its messages: _build/kernel-logs/dies.log" in err[0]


def test_failing_cell_is_reported_in_one_line(project, capsys):
    notebook(project, "broken", "raise ValueError('boom')")
    assert execute.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: notebooks/broken.ipynb failed: ValueError: boom (cell 1 of 1")


def test_a_failed_write_leaves_the_stored_notebook_whole(project, monkeypatch):
    """The disk fills up half-way through writing the executed notebook."""
    target = notebook(project, "target", "1 + 1")
    before = target.read_bytes()
    real_open = Path.open

    class HalfWritten:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()
            return False

        def write(self, text):
            self.f.write(text[: len(text) // 2])
            self.f.flush()
            raise OSError(28, "No space left on device")

    def open_(self, mode="r", *args, **kwargs):
        f = real_open(self, mode, *args, **kwargs)
        return HalfWritten(f) if "w" in mode and self.parent == target.parent else f

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(OSError, match="No space left"):
        execute.execute_notebook(target, project)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["target.ipynb"]  # no temporary left


def test_a_second_build_waits_for_the_first(project, capsys):
    target = notebook(project, "target", "1 + 1")
    result = {}
    with execute.build_lock(project):
        second = threading.Thread(
            target=lambda: result.setdefault("rc", execute.main(["--root", str(project)]))
        )
        second.start()
        second.join(timeout=3)
        assert second.is_alive()  # waiting, not executing
        assert nbformat.read(target, as_version=4).cells[0].outputs == []
    second.join(timeout=120)
    assert result == {"rc": 0}
    out = capsys.readouterr().out
    assert "is running in" in out and "waiting for it" in out
    assert nbformat.read(target, as_version=4).cells[0].outputs


def test_what_a_kernel_process_writes_outside_cells_goes_to_its_log_not_the_terminal(
    project, capfd
):
    """A kernel's own messages (e.g. ZeroMQ's "Assertion failed" at shutdown) can come after
    make book's last line; they go to _build/kernel-logs/, the cells' output to the notebook."""
    nb = notebook(
        project,
        "noisy",
        "import atexit, os\n"
        "atexit.register(lambda: os.write(2, b'kernel noise at exit\\n'))\n"
        "print('cell output')",
    )
    execute.execute_notebook(nb, project)
    log = project / "_build" / "kernel-logs" / "noisy.log"
    for _ in range(100):  # the kernel may still be shutting down
        if log.is_file() and "kernel noise at exit" in log.read_text():
            break
        time.sleep(0.1)
    assert "kernel noise at exit" in log.read_text()
    captured = capfd.readouterr()
    assert "kernel noise" not in captured.out + captured.err
    outputs = nbformat.read(nb, as_version=4).cells[0].outputs
    assert [o.get("text") for o in outputs] == ["cell output\n"]


def _jupyter_execute(project: Path, nb: Path) -> None:
    """What a reader does outside the pipeline: `jupyter execute --inplace`, with the
    project's package on the path (as `make lab` gives it)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "EXOBONE_VALIDATED"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter")), "execute", "--inplace", str(nb)],
        env=env | {"PYTHONPATH": str(project)},
        cwd=nb.parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_notebook_run_outside_the_pipeline_after_an_input_changed_is_not_run_again(project):
    reader = notebook(
        project, "reader", "from exobone.data.load import load", 'len(load("trials"))'
    )
    assert execute.main(["--root", str(project)]) == 0
    edit_line(project / "data" / "review" / "trials.csv", 2, "Test whether", "Tested whether")
    assert execute.stale_reasons(project) == {reader: ["data/review/trials.csv changed"]}
    _jupyter_execute(project, reader)
    report = execute.execute_stale(project)
    assert (report.adopted, report.executed) == (["notebooks/reader.ipynb"], {})
    assert execute.stale_reasons(project) == {}
    assert "data/review/trials.csv" in inputs(reader)


def test_a_notebook_edited_and_saved_without_running_is_stale_naming_the_cell(project):
    reader = notebook(
        project, "reader", "from exobone.data.load import load", 'len(load("trials"))'
    )
    assert execute.main(["--root", str(project)]) == 0
    _jupyter_execute(project, reader)  # a run of the old code, then an edit saved unrun
    nb = nbformat.read(reader, as_version=4)
    nb.cells[1].source = 'len(load("trial_search"))'
    nbformat.write(nb, reader)
    assert execute.stale_reasons(project) == {
        reader: [f"code cell 2 (id {nb.cells[1].id}) changed"]
    }
    report = execute.execute_stale(project)
    assert report.adopted == [] and list(report.executed) == ["notebooks/reader.ipynb"]
