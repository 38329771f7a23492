"""Positions as the Language Server Protocol counts them.

A line ends at ``\\r\\n``, ``\\r`` or ``\\n``; a column counts code units of
the position encoding agreed with the client (UTF-16 unless the client
offers another): a Chinese character is one UTF-16 unit, an emoji two.
Findings are spans of code points in a :class:`~wenlint.document.Document`'s
text, which has no byte-order mark and no CR before a line feed;
:class:`Positions` maps them back onto the text as the editor holds it.
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: The carriage returns Document.from_source drops: every one before a line feed.
_DROPPED_CR = re.compile(r"\r+(?=\n)")


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def index(line: str, count: int, encoding: str) -> int:
    """The code-point index of the position ``count`` code units into
    ``line`` (a line without its break); past its end, its end."""
    if encoding == UTF32 or units(line, encoding) == len(line):
        return min(count, len(line))
    taken = 0
    for position, char in enumerate(line):
        if taken >= count:
            return position
        taken += units(char, encoding)
    return len(line)


class Positions:
    """LSP positions of the offsets of a Document read from ``source``."""

    def __init__(self, source: str, encoding: str) -> None:
        self.source = source
        self.encoding = encoding
        self._starts = [0] + [match.end() for match in LINE_BREAK.finditer(source)]
        self._bom = 1 if source.startswith("\ufeff") else 0
        dropped = [i for match in _DROPPED_CR.finditer(source) for i in range(match.start(), match.end())]
        #: Where in the Document's text each dropped carriage return stood.
        self._dropped = [at - self._bom - n for n, at in enumerate(dropped)]

    def source_offset(self, offset: int) -> int:
        """The offset in ``source`` of the Document's code-point ``offset``."""
        return offset + self._bom + bisect.bisect_left(self._dropped, offset)

    def at(self, source_offset: int) -> tuple[int, int]:
        """The (line, character) of an offset in ``source``, both from 0."""
        line = bisect.bisect_right(self._starts, source_offset) - 1
        return line, units(self.source[self._starts[line] : source_offset], self.encoding)

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """The LSP range (start line, character, end line, character) of the Document's ``start:end``."""
        return (*self.at(self.source_offset(start)), *self.at(self.source_offset(end)))
