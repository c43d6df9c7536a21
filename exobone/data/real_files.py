"""Only real files inside the project are data: no symbolic link, no special file under data/.

Everything under ``data/`` is published (copied into the site and the zip). A symbolic link
would publish whatever it points to, a file of the build machine included, and a FIFO or a
device would hang or flood whoever reads it. Like git, which stores a link as a link and never
follows it out of the worktree for content, validation refuses both (:func:`problems`, one
line per entry: the file and what to do), and whoever copies data for readers reads it through
:func:`read_regular`, which refuses them again at the moment of reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from exobone.data.errors import shorten

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


class NotARealFile(ValueError):
    """A data path is a symbolic link or a special file (the message is one line)."""


def _rel(path: Path, data_dir: Path) -> str:
    return f"data/{path.relative_to(data_dir).as_posix()}" if path != data_dir else "data/"


def entry_problem(path: Path, data_dir: Path) -> str:
    """Why ``path`` (inside ``data_dir``) is no data file, or '' for a real file or folder."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return f"{_rel(path, data_dir)}: cannot be read ({err.strerror})"
    if stat.S_ISLNK(mode):
        target = os.readlink(path)
        return (
            f"{_rel(path, data_dir)}: a symbolic link (to {shorten(target, 60)}); data are real "
            "files inside the project: put the file itself here (cp --remove-destination "
            "TARGET LINK) or delete the link"
        )
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
    return f"{_rel(path, data_dir)}: {kind}, not a regular file; delete it"


def problems(data_dir: Path) -> list[str]:
    """One line per symbolic link or special file in ``data_dir`` (the folder itself included),
    without following any link."""
    data_dir = Path(data_dir)
    found = [p for p in [entry_problem(data_dir, data_dir)] if p]
    if found:
        return found
    for folder, dirs, files in os.walk(data_dir, followlinks=False):
        for name in sorted(dirs + files):
            why = entry_problem(Path(folder) / name, data_dir)
            if why:
                found.append(why)
    return found


def read_regular(path: Path, data_dir: Path) -> bytes:
    """The bytes of a regular file inside ``data_dir``; :class:`NotARealFile` if the file or a
    folder on its way from ``data_dir`` is a link or a special file (checked as it is opened,
    so a link made after validation is refused too)."""
    path, data_dir = Path(path), Path(data_dir)
    parts = path.relative_to(data_dir).parts
    for step in [data_dir] + [data_dir.joinpath(*parts[:i]) for i in range(1, len(parts) + 1)]:
        why = entry_problem(step, data_dir)
        if why:
            raise NotARealFile(why)
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARealFile(f"{_rel(path, data_dir)}: not a regular file; delete it")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)
