"""The words of the review a finding rests on: the stretch of its line that leads to its citation.

A narrative finding names the line of ``source/review.txt`` that cites it (``source_line``) and
its references. Its *passage* is, for each citation of one of its references on that line, the
text from the end of the previous citation (or the start of the line) to the end of that
citation, running on to the end of the sentence when the rest of the sentence cites nothing
else. A study is often described over two or three sentences and cited once at the end; a
sentence citing two studies (``in vitro [161], and ... in vivo [167]``) is split between them.
A table row's passage is the whole row. :func:`passage` is what the model-system coding and its
test read, so both see the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from exobone.parse.citations import CITATION, expand

#: a sentence ends at . ! or ? followed by space and a capital letter or an opening bracket
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _sentence_end(line: str, start: int) -> int:
    m = SENTENCE_END.search(line, start)
    return m.start() if m else len(line)


def passage(line: str, ref_ids: Iterable[int]) -> str:
    """The finding's words on ``line`` (see the module docstring), pieces joined by ' … ' in
    text order; the whole line for a table row (tab-separated); empty if no citation of
    ``ref_ids`` is on the line."""
    if "\t" in line:
        return line
    refs = set(ref_ids)
    citations = list(CITATION.finditer(line))
    pieces: list[str] = []
    for i, m in enumerate(citations):
        if not refs & set(expand(m.group("body"))):
            continue
        start = citations[i - 1].end() if i else 0
        end = _sentence_end(line, m.end())
        if i + 1 < len(citations) and citations[i + 1].start() < end:
            end = m.end()
        pieces.append(line[start:end].lstrip(" ,;.)").rstrip(" ,;"))
    return " … ".join(pieces)
