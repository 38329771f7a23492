"""The decoded text of one input and the cached views rules share."""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import regex

from wenlint import textclass
from wenlint.prose import ProseMap
from wenlint.prose import build as build_prose_map
from wenlint.script import ScriptProfile
from wenlint.script import profile as script_profile
from wenlint.zones import Zones

T = TypeVar("T")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def is_markdown_path(path: str) -> bool:
    """Whether a document at ``path`` is read as Markdown (by its suffix)."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


#: The blank lines between two paragraphs (see ``Document.paragraphs``).
BLANK_LINES = regex.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)*")
_BARE_LF = regex.compile(r"(?<!\r)\n")
_STRAY_CR = regex.compile(r"\r+(?=\r\n)")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: ``text[start:end]``, without its line break."""

    number: int
    start: int
    end: int


class Lines(Sequence[Line]):
    """Every line of a text, each Line made when it is read from where the
    lines start: a list of Line objects kept for a whole lint would take
    ten times the memory of the offsets."""

    __slots__ = ("_starts", "_size")

    def __init__(self, starts: Sequence[int], size: int) -> None:
        self._starts = starts
        self._size = size  # the text's length: where the last line ends

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [*map(self._line, range(*index.indices(len(self))))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        return self._line(index)

    def __iter__(self) -> Iterator[Line]:
        return map(self._line, range(len(self)))

    def __reversed__(self) -> Iterator[Line]:
        return map(self._line, range(len(self) - 1, -1, -1))

    def _line(self, index: int) -> Line:
        starts = self._starts
        end = starts[index + 1] - 1 if index + 1 < len(starts) else self._size
        return Line(index + 1, starts[index], end)


class Document:
    """A decoded input. Views are computed on first use and cached.

    ``text`` always uses ``\\n`` line breaks and never starts with a BOM;
    ``newline`` and ``bom`` record how the source had them so a fixed file
    can be written back the same way. ``text`` is Unicode text: one holding
    an unpaired surrogate, which no file can hold, raises ValueError.
    """

    def __init__(
        self,
        text: str,
        path: str = "-",
        *,
        encoding: str = "utf-8",
        bom: bool = False,
        newline: str = "\n",
        confidence: float = 1.0,
        mixed_newline_at: int | None = None,
        stray_cr_at: int | None = None,
        corpus: object = None,
    ) -> None:
        if not text.isascii() and (surrogate := _SURROGATE.search(text)):
            raise ValueError(
                f"text holds an unpaired surrogate (U+{ord(surrogate.group()):04X} at character {surrogate.start()}),"
                " which no file can hold: decode with errors='replace'"
            )
        self.text = text
        self.path = path
        self.encoding = encoding
        self.confidence = confidence  # how sure the decoder is of ``encoding`` (0–1)
        self.bom = bom
        self.newline = newline
        #: Where the first line break of the minority style (CRLF or LF) is,
        #: when the source mixed them; writing the text back unifies them.
        self.mixed_newline_at = mixed_newline_at
        #: Where the first line break is that had stray CRs before it (``\r\r\n``), dropped from the
        #: text by ``from_source``; else None.
        self.stray_cr_at = stray_cr_at
        #: In corpus mode, what the shard knows (see wenlint.corpus.context); else None.
        self.corpus = corpus
        self._views: dict[Callable[[Document], Any], Any] = {}

    @classmethod
    def from_source(cls, source: str, path: str = "-", *, encoding: str = "utf-8", confidence: float = 1.0) -> Document:
        """Build a Document from text as read, normalising BOM and CRLF."""
        bom = source.startswith("\ufeff")
        if bom:
            source = source[1:]
        # CRs before a CRLF are stray (E006 drops them): dropped here too, so ``text`` holds no CRLF and
        # reading the text written back gives it again
        stray = _STRAY_CR.search(source)
        stray_at = None
        if stray is not None:
            source = _STRAY_CR.sub("", source)  # the first break that had them is still at stray.start()
            stray_at = stray.start() - source.count("\r\n", 0, stray.start())
        crlf, lf = source.count("\r\n"), source.count("\n")
        newline = "\r\n" if crlf * 2 > lf else "\n"
        mixed_at = None
        if 0 < crlf < lf:
            odd = _BARE_LF.search(source).start() if newline == "\r\n" else source.find("\r\n")
            mixed_at = odd - source.count("\r\n", 0, odd)
        if crlf:
            source = source.replace("\r\n", "\n")
        return cls(
            source,
            path,
            encoding=encoding,
            bom=bom,
            newline=newline,
            confidence=confidence,
            mixed_newline_at=mixed_at,
            stray_cr_at=stray_at,
        )

    def to_source(self) -> str:
        """The text as it should be written back to its file."""
        text = self.text.replace("\n", self.newline) if self.newline != "\n" else self.text
        return "\ufeff" + text if self.bom else text

    @property
    def layout(self) -> tuple:
        """Everything besides the text that decides the bytes written back."""
        return self.encoding, self.bom, self.newline, self.mixed_newline_at

    @property
    def is_markdown(self) -> bool:
        return is_markdown_path(self.path)

    def view(self, factory: Callable[[Document], T]) -> T:
        """``factory(self)``, computed once per document and shared by every
        rule that asks for it: the one way rules cache what they derive."""
        try:
            return self._views[factory]
        except KeyError:
            value = self._views[factory] = factory(self)
            return value

    def forget_views(self) -> None:
        """Drop what rules derived from the text (the views, the prose map,
        zones, script profile and paragraphs; each is made again if read):
        once every rule has run, their memory is better spent on the result.
        The line offsets stay: reports place findings with them."""
        self._views.clear()
        for name in ("prose", "zones", "script", "paragraphs"):
            self.__dict__.pop(name, None)

    # -- positions -------------------------------------------------------

    @cached_property
    def line_starts(self) -> Sequence[int]:
        """Offset of the first character of every line (an array: 8 bytes each, not an int object)."""
        starts = array("q", [0])
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line(self, number: int) -> Line:
        """The 1-based line ``number``."""
        return self.lines[number - 1]

    def line_text(self, number: int) -> str:
        line = self.line(number)
        return self.text[line.start : line.end]

    @cached_property
    def lines(self) -> Lines:
        """Every line, with offsets."""
        return Lines(self.line_starts, len(self.text))

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) spans of the text between blank lines."""
        spans = []
        start = 0
        for gap in BLANK_LINES.finditer(self.text):
            if gap.start() > start:
                spans.append((start, gap.start()))
            start = gap.end()
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return spans

    # -- what is not prose (see wenlint.prose) ---------------------------------

    @cached_property
    def prose(self) -> ProseMap:
        """The prose map: built on first use, once per document."""
        return build_prose_map(self.text, self.is_markdown)

    @property
    def verbatim(self) -> list[tuple[int, int]]:
        """Sorted, merged spans of text that is not language: URLs, e-mail
        addresses, and in Markdown code, HTML, math, front matter, link
        destinations and template tags."""
        return self.prose.verbatim.spans

    def touches_verbatim(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a verbatim span (an empty
        span: whether it lies strictly inside one)."""
        return self.prose.verbatim.touches(start, end)

    def is_verbatim(self, offset: int) -> bool:
        """Whether ``offset`` lies in verbatim text."""
        return self.prose.verbatim.covers(offset)

    def touches_nonprose(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps what is not prose: verbatim
        text or syntax (Markdown markers, table gaps); an empty span, whether
        it lies strictly inside it."""
        return self.prose.nonprose.touches(start, end)

    def within_nonprose(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies wholly inside what is not prose."""
        return self.prose.nonprose.contains(start, end)

    @cached_property
    def zones(self) -> Zones:
        """Which lines are head, body and tail (see wenlint.zones)."""
        return Zones(self)

    @cached_property
    def script(self) -> ScriptProfile:
        """Traditional-only and Simplified-only characters (see wenlint.script)."""
        return script_profile(self.text if self.has_han else "")

    @cached_property
    def has_han(self) -> bool:
        """Whether the text holds any Chinese character at all."""
        return textclass.HAN.search(self.text) is not None
