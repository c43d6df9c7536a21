"""How problems with the data are reported: one line each, values shortened, ten at most.

A line names the file (relative to the project), the row as a person counts it in the file
(header = row 1), the column, the value and what is wrong.
"""

from __future__ import annotations

#: values longer than this are shortened in messages
VALUE_WIDTH = 80
#: problems printed in full; the rest are counted
MAX_PROBLEMS = 10


class DataValidationError(ValueError):
    """The data package breaks its description. The message lists the problems, one per line
    (at most :data:`MAX_PROBLEMS`, then the count of the rest)."""


def shorten(value, width: int = VALUE_WIDTH) -> str:
    """``repr`` of a value, cut to about ``width`` characters with its full length noted."""
    text = str(value)
    if len(text) <= width:
        return repr(text)
    return f"{text[: width - 1]!r}… ({len(text)} characters)"


def clip(text: str, width: int = 2 * VALUE_WIDTH) -> str:
    """A free-text note (from a library, say) on one line and at most ``width`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def raise_problems(problems: list[str], what: str = "in the data package") -> None:
    """Raise :class:`DataValidationError` listing ``problems`` (no-op if there are none)."""
    if not problems:
        return
    shown = problems[:MAX_PROBLEMS]
    rest = len(problems) - len(shown)
    tail = [f"... and {rest} more problem(s) not shown"] if rest else []
    raise DataValidationError(f"{len(problems)} problem(s) {what}:\n" + "\n".join(shown + tail))
