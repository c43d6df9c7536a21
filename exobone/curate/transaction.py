"""Files of data/ changed together or not at all, even when the process is killed.

:func:`commit` replaces several files at once, the way SQLite's rollback journal does:

1. under a lock on the data folder (:func:`locked`: a second run waits for the first),
   every new content is written to a journal folder next to ``data/``
   (``.exobone-transaction/pending``), with a hard link to each file it replaces (the old
   content stays on disk, untouched, because files are replaced by rename, never rewritten);
2. the journal is renamed ``applying`` (the point after which a crash must be undone), each
   new file is renamed over its old one, and the journal is removed;
3. any error or signal on the way (Ctrl-C, SIGTERM) restores every old file before the
   command ends; a process killed outright (SIGKILL, power loss) leaves the ``applying``
   journal, and :func:`recover` (called by the next ``add-study`` and by ``validate``) puts
   the old files back. ``data/`` is thus byte-identical to before or completely updated.

``EXOBONE_TRANSACTION_PAUSE`` (seconds, default 0) pauses between the renames of step 2: the
kill test uses it so that a random kill can land inside the commit.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

JOURNAL = ".exobone-transaction"
PENDING, APPLYING, DONE = "pending", "applying", "done"
MANIFEST = "manifest.json"
#: signals that end a run cleanly (old files restored) instead of killing it
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class InterruptedAfterCommit(KeyboardInterrupt):
    """A signal came while the files were being replaced: they were all replaced first."""


class TransactionError(RuntimeError):
    """The files could not be replaced; every old file is back (the message is one line)."""


def journal_dir(data_dir: Path) -> Path:
    """Where the journal of ``data_dir`` lives: next to it, never inside it."""
    return Path(data_dir).resolve().parent / JOURNAL


def _pause() -> None:
    seconds = float(os.environ.get("EXOBONE_TRANSACTION_PAUSE", "0") or 0)
    if seconds:
        time.sleep(seconds)


@contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the data folder (an advisory ``flock`` on the folder itself:
    no lock file to leave behind); a second holder waits, saying so once."""
    fd = os.open(data_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("waiting: another add-study is changing data/", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def signals_raise() -> Iterator[None]:
    """SIGTERM raises like Ctrl-C does, so that ``finally`` blocks restore the old files."""

    def _raise(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    def _unraisable(info) -> None:
        # a signal that lands inside a finaliser or garbage-collection callback is swallowed
        # there, and Python prints a traceback: send it again a moment later from another
        # thread, once this hook has returned, so that it lands in the run itself
        names = {s.name for s in SIGNALS}
        if isinstance(info.exc_value, KeyboardInterrupt) and info.exc_value.args[:1] in [
            (name,) for name in names
        ]:
            again = signal.Signals[info.exc_value.args[0]]
            timer = threading.Timer(0.01, os.kill, (os.getpid(), again))
            timer.daemon = True
            timer.start()
            return
        hook(info)

    hook, sys.unraisablehook = sys.unraisablehook, _unraisable
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        sys.unraisablehook = hook


@contextmanager
def _signals_held() -> Iterator[None]:
    """Signals wait while files are renamed or restored (delivered when the block ends)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rel(path: Path, data_dir: Path) -> str:
    return Path(path).resolve().relative_to(Path(data_dir).resolve()).as_posix()


def writable_problems(paths: list[Path], data_dir: Path) -> list[str]:
    """One line per file (or its folder) that is read-only: honoured even for root."""
    problems = []
    for path in paths:
        for target in (path, path.parent):
            try:
                mode = os.stat(target).st_mode
            except FileNotFoundError:
                continue
            if not (mode & stat.S_IWUSR) or not os.access(target, os.W_OK):
                what = "folder" if target == path.parent else "file"
                rel = f"data/{_rel(target, data_dir)}".rstrip("/.")
                problems.append(f"{rel}: read-only {what}; make it writable (chmod u+w) first")
                break
    return list(dict.fromkeys(problems))


def _prepare(journal: Path, data_dir: Path, contents: dict[Path, bytes]) -> Path:
    """Step 1: new contents and links to the old files in ``journal/pending``."""
    pending = journal / PENDING
    pending.mkdir(parents=True)
    manifest = []
    for i, (path, data) in enumerate(contents.items()):
        new = pending / f"new-{i}"
        with open(new, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        existed = path.exists()
        if existed:
            shutil.copymode(path, new)
            try:
                os.link(path, pending / f"old-{i}")
            except OSError:  # a file system without hard links: a copy does as well
                shutil.copy2(path, pending / f"old-{i}")
        manifest.append({"file": _rel(path, data_dir), "existed": existed})
    (pending / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _fsync_dir(pending)
    return pending


def _restore(applying: Path, data_dir: Path) -> None:
    """Put every old file back (each step can be repeated: a killed restore is finished by
    the next one)."""
    manifest = json.loads((applying / MANIFEST).read_text(encoding="utf-8"))
    for i, entry in enumerate(manifest):
        target = Path(data_dir) / entry["file"]
        old = applying / f"old-{i}"
        if entry["existed"]:
            if old.exists():
                os.replace(old, target)
        else:
            target.unlink(missing_ok=True)


def recover(data_dir: Path) -> str:
    """Finish what a killed :func:`commit` left: restore the old files of an ``applying``
    journal, drop any other. Returns one line saying what was done ('' if nothing)."""
    journal = journal_dir(data_dir)
    if not journal.exists():
        return ""
    applying = journal / APPLYING
    said = ""
    if (applying / MANIFEST).is_file():
        with _signals_held():
            _restore(applying, data_dir)
        said = "recovered: an interrupted add-study was undone; data/ is as it was before it"
    shutil.rmtree(journal, ignore_errors=True)
    return said


def recover_locked(data_dir: Path) -> str:
    """:func:`recover` for a command that does not hold the lock (``validate``): it waits for
    a running add-study, whose journal is alive, instead of undoing it."""
    if not journal_dir(data_dir).exists():
        return ""
    with locked(data_dir):
        return recover(data_dir)


def commit(data_dir: Path, contents: dict[Path, bytes]) -> None:
    """Replace the files of ``contents`` (paths inside ``data_dir``) together: all or none
    (see the module docstring). Call it under :func:`locked`."""
    journal = journal_dir(data_dir)
    recover(data_dir)
    try:
        pending = _prepare(journal, data_dir, contents)
    except BaseException:
        shutil.rmtree(journal, ignore_errors=True)
        raise
    applying = journal / APPLYING
    try:
        _apply(journal, pending, applying, data_dir, contents)
    except KeyboardInterrupt as err:  # held until every file was replaced
        shutil.rmtree(journal, ignore_errors=True)
        raise InterruptedAfterCommit(str(err) or "SIGINT") from None
    shutil.rmtree(journal, ignore_errors=True)


def _apply(journal: Path, pending: Path, applying: Path, data_dir: Path, contents) -> None:
    """Step 2 of :func:`commit`, with signals held until it ends."""
    with _signals_held():
        os.rename(pending, applying)
        _fsync_dir(journal)
        try:
            for i, path in enumerate(contents):
                _pause()
                os.replace(applying / f"new-{i}", path)
            for folder in {Path(p).parent for p in contents}:
                _fsync_dir(folder)
        except OSError as err:
            _restore(applying, data_dir)
            shutil.rmtree(journal, ignore_errors=True)
            raise TransactionError(
                f"data/{_rel(path, data_dir)}: could not be replaced ({err.strerror}); every "
                "file was restored"
            ) from None
        _pause()
        os.rename(applying, journal / DONE)
