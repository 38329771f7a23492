"""The text of an open document, kept as the editor sends it.

Typing a character into a document of megabytes must cost microseconds,
so the text is held as a list of lines (each with its line break) and a
change replaces only the lines it touches; the whole text is joined once,
when it is linted.
"""

from __future__ import annotations

import re

from wenlint.server.positions import index

#: Splits after each line break (``\\r\\n``, ``\\r`` or ``\\n``), keeping it.
_AFTER_BREAK = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def split_lines(text: str) -> list[str]:
    """``text`` as lines with their breaks; the last item is what follows the last break ('' after a final one)."""
    return _AFTER_BREAK.split(text)


def _body(line: str) -> str:
    """A line without its break."""
    return line.rstrip("\r\n")


class TextBuffer:
    """An open document's text; positions in ``encoding``'s code units."""

    def __init__(self, text: str, encoding: str) -> None:
        self.encoding = encoding
        self._lines = split_lines(text)
        self._text: str | None = text
        self._length = len(text)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._lines)
        return self._text

    def __len__(self) -> int:
        """The length in code points, without joining the text."""
        return self._length

    def replace(self, start: tuple[int, int], end: tuple[int, int], new_text: str) -> None:
        """Replace the text between two (line, character) positions; a position past the end means the end."""
        lines = self._lines
        last = len(lines) - 1
        first_line, end_line = min(start[0], last), min(end[0], last)
        head = lines[first_line][: self._column(first_line, start)]
        tail = lines[end_line][self._column(end_line, end) :]
        # A lone CR and a LF that meet become one break: take in the neighbours they may join.
        if first_line > 0 and lines[first_line - 1].endswith("\r"):
            first_line -= 1
            head = lines[first_line] + head
        merged = head + new_text + tail
        if end_line < last and merged.endswith("\r"):
            end_line += 1
            merged += lines[end_line]
        pieces = split_lines(merged)
        if end_line < last:
            pieces.pop()  # merged ends with a break: its empty remainder is not a line
        self._length += len(merged) - sum(len(line) for line in lines[first_line : end_line + 1])
        lines[first_line : end_line + 1] = pieces
        self._text = None

    def _column(self, line: int, position: tuple[int, int]) -> int:
        """The code-point index in ``line`` of ``position`` (its end, for a position on a later line)."""
        body = _body(self._lines[line])
        if position[0] > line:
            return len(body)
        return index(body, position[1], self.encoding)
