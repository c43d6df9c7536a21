"""The one escaping boundary: text from data/ becomes literal Markdown (MyST) or HTML here.

Every value read from a CSV that reaches a page passes through :func:`escape_myst` (text placed
in Markdown output) or :func:`escape_html` (text placed in HTML output). Generated markup
(citations, glossary links, erratum marks) is added only around text that has already been
escaped.
"""

from __future__ import annotations

import html
import re

import pandas as pd

# Markdown (CommonMark) characters that would start emphasis, code, links, HTML, maths
# ($, dollarmath), roles/substitutions ({ }), tables (|) or strikethrough (~) inside a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>$|~!])")
# At the start of a definition line: would begin a heading, quote, list or thematic break.
_BLOCK_START = re.compile(r"^([#>+\-=]|\d+[.)])")


def escape_myst(text: str, *, term: bool = False) -> str:
    """Backslash-escape what MyST would read as markup, so ``text`` renders literally.

    In a term line, ' : ' is also escaped (Sphinx's glossary reads it as a classifier), and a
    leading ':' (a directive option).
    """
    out = _INLINE_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if term:
        out = out.replace(" : ", r" \: ")
        if out.startswith(":"):
            out = "\\" + out
    match = _BLOCK_START.match(out)
    if match:
        head = match.group(1)
        out = head[:-1] + "\\" + head[-1] + out[len(head) :]
    return out


def escape_html(value, *, quote: bool = True) -> str:
    """``value`` as HTML text (missing values become the empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=quote)


def md_table_cell(text) -> str:
    """Text for one cell of a Markdown pipe table: escaped, on one line."""
    return escape_myst(str(text)).replace("\n", " ")
