"""The one escaping boundary: text from data/ becomes literal Markdown (MyST) or HTML here.

Every value read from a CSV that reaches a page passes through :func:`escape_myst` (text placed
in Markdown output), :func:`md_code` (text shown as inline code in Markdown output) or
:func:`escape_html` (text placed in HTML output). Generated markup (citations, glossary links,
erratum marks) is added only around text that has already been escaped.

What Markdown output of a notebook can do is wide: with ``nb_render_markdown_format: myst`` it
is parsed as MyST, so a fenced ``{raw}``/``{eval-rst}``/``{include}`` block, a ``{raw}`` role,
``$…$`` maths, an indented code block, a ``(target)=`` line, a ``%`` comment line or raw HTML in
a data value would be interpreted. Escaping every ASCII punctuation character that can start
such markup (CommonMark allows a backslash before any of them) and folding the value onto one
line leaves none of these possible.
"""

from __future__ import annotations

import html
import re

import pandas as pd

# Characters that could start markup inside a line: emphasis, code, links, images, raw HTML,
# entity references (&lt; would otherwise show as '<'), maths ($, dollarmath), roles and
# substitutions ({ }), tables (|), strikethrough (~) and backslash escapes themselves.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>$|~!&])")
# At the start of a line: would begin a heading, quote, list, thematic break, colon fence,
# MyST comment (%), target ((name)=), line block or definition.
_BLOCK_START = re.compile(r"^([#>+\-=%(:]|\d+[.)])")


def escape_myst(text: str, *, term: bool = False) -> str:
    """Backslash-escape what MyST would read as markup, so ``text`` renders literally.

    Runs of whitespace (newlines included) become one space: the result is always one line,
    so no data value can open a block (indented code, fence, directive, target, comment).
    In a term line, ' : ' is also escaped (Sphinx's glossary reads it as a classifier).
    """
    out = _INLINE_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if term:
        out = out.replace(" : ", r" \: ")
    match = _BLOCK_START.match(out)
    if match:
        head = match.group(1)
        out = head[:-1] + "\\" + head[-1] + out[len(head) :]
    return out


def md_code(text: str) -> str:
    """``text`` as one inline code span: nothing inside is interpreted (CommonMark: the fence
    is a backtick run longer than any run inside; spaces pad a leading or trailing backtick)."""
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def escape_html(value, *, quote: bool = True) -> str:
    """``value`` as HTML text (missing values become the empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=quote)


def md_table_cell(text) -> str:
    """Text for one cell of a Markdown pipe table: escaped, on one line."""
    return escape_myst(str(text)).replace("\n", " ")
