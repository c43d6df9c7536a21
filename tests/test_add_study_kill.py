"""add-study killed outright (SIGKILL) at 20 random moments: data/ is always byte-identical to
before or to the complete result, once the next run (or ``validate``) has undone what a kill in
the middle of the commit left (exobone/curate/transaction.py).

Ten kills fall anywhere in a run (reading, checking on a copy, writing); ten fall inside the
commit itself, after the journal appears, with a pause between the renames
(``EXOBONE_TRANSACTION_PAUSE``) so that a kill can land between two of them.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from exobone.curate import transaction
from exobone.curate.check_data import main as validate_main
from exobone.data import paths
from tests.test_hostile_contributions import TEXT, tree

PAUSE = "0.06"


def _start(project: Path, study: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "exobone", "add-study", str(study), "--root", str(project)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=paths.PROJECT_ROOT,
        env=os.environ | {"EXOBONE_TRANSACTION_PAUSE": PAUSE},
    )


def _fresh(project: Path) -> None:
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(paths.DATA_DIR, project / "data")


@pytest.mark.slow
def test_sigkill_at_20_random_moments_leaves_data_before_or_complete(tmp_path, capsys):
    study = tmp_path / "study.toml"
    study.write_text(TEXT, encoding="utf-8")
    project = tmp_path / "project"
    _fresh(project)
    before = tree(project / "data")
    started = time.monotonic()
    assert _start(project, study).wait(timeout=120) == 0
    duration = time.monotonic() - started
    after = tree(project / "data")
    assert after != before

    rng = random.Random(21)
    outcomes: Counter = Counter()
    journal = transaction.journal_dir(project / "data")
    for i in range(20):
        _fresh(project)
        run = _start(project, study)
        if i < 10:  # anywhere in the run
            time.sleep(rng.uniform(0, duration * 1.1))
        else:  # inside the commit: after the journal appears
            while not journal.exists() and run.poll() is None:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 8 * float(PAUSE)))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        left = (journal / transaction.APPLYING).exists()
        # the next command undoes a half commit: here `validate` (it recovers first)
        validate_main(["--root", str(project)])
        state = tree(project / "data")
        assert state in (before, after), f"kill {i + 1}: data/ is neither before nor after"
        assert not journal.exists()
        outcomes[("before" if state == before else "complete") + (", undone" if left else "")] += 1
    capsys.readouterr()
    with capsys.disabled():
        print(f"\nSIGKILL at 20 random moments (run {duration:.1f} s): {dict(outcomes)}")
    assert sum(outcomes.values()) == 20
