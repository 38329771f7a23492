"""Lossy transcoding: the stretch of text after a `?` that a lossy GBK→GB2312
step knocked out of step, as a document view.

E003 reports the stretches; other rules ask for them to leave such text
alone (a `,` inside a damaged stretch is a byte, not punctuation). Computed
once per document through ``doc.view``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wenlint.codepages import common_chars
from wenlint.document import Document
from wenlint.textclass import is_han

#: A pinyin annotation that lost its `(` (`財?shù)谋`): left by a converter
#: that annotated a character the damage then destroyed.
_PINYIN_TAIL = regex.compile(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
#: Full-width punctuation the converter narrowed to ASCII; right after the
#: `?` such a mark is the half of a two-byte character the `?` swallowed.
_NARROWED = frozenset("!\"#$%&'()*+,-./:;<=>?")
#: ASCII symbols that cannot stand alone after a Chinese character.
_ODD_SYMBOLS = frozenset("@[\\]^_`{|}~")
#: How far a damaged stretch can run before the bytes fall back into step.
MAX_STRETCH = 60


@dataclass(frozen=True)
class Stretch:
    """A `?` and the text after it, read as GBK bytes one byte out of step.

    A lossy GBK→GB2312 step replaced one byte of a two-byte character by
    `?`; every byte after it then paired with the wrong neighbour (`。回顧這`
    became `?;仡欉@`) until a byte that pairs with nothing brought the pairs
    back into step. ``realigned`` is what the bytes say read in step again,
    ``oddness`` counts signs of damage in the stretch itself, and ``closed``
    says whether the stretch ends the way damage does.
    """

    start: int
    end: int
    realigned: str
    oddness: int
    closed: bool

    def is_damage(self) -> bool:
        """Whether the stretch ends as damage does, its bytes read in step are
        common Chinese, and it looks damaged itself: two signs, or one and
        three characters read."""
        common = common_chars()
        if not (self.closed and self.realigned and all(char in common for char in self.realigned)):
            return False
        return self.oddness >= 2 or (self.oddness == 1 and len(self.realigned) >= 3)


def damaged_stretches(doc: Document) -> tuple[Stretch, ...]:
    """Every `?` with the stretch of text a lossy conversion damaged after it,
    in text order, outside URLs and Markdown code (a view: computed once per
    document)."""
    return doc.view(_find_stretches)


def _find_stretches(doc: Document) -> tuple[Stretch, ...]:
    text = doc.text
    found = []
    start = text.find("?")
    while start != -1:
        stretch = read_stretch(text, start)
        if not doc.is_verbatim(start) and stretch.is_damage():
            found.append(stretch)
            start = text.find("?", stretch.end)
        else:
            start = text.find("?", start + 1)
    return tuple(found)


def read_stretch(text: str, start: int) -> Stretch:
    """The stretch after the `?` at ``start``: two-byte characters up to a
    byte that pairs with nothing — another `?` (or `？`, if a fixer widened
    it), or a lone trail byte: an ASCII character 0x40–0x7E, or `€` (0x80)."""
    pos, data, oddness, narrowed = _lead_in(text, start + 1)
    after_mark = pos
    closed = lost_byte = False
    limit = min(len(text), pos + MAX_STRETCH)
    while pos < limit and not closed:
        char = text[pos]
        if char in "?？":
            lost_byte = closed = True
        elif char == "€" or "\x40" <= char <= "\x7e":
            data += b"\x80" if char == "€" else char.encode()
            # `?,F在`: a letter right after `?` and a mark is a stray byte, whatever follows it
            stray = char == "€" or char in _ODD_SYMBOLS or (char.isalpha() and narrowed and pos == after_mark)
            oddness += stray or _lone_letter(text, pos)
            closed = True
        elif not char.isascii() and len(encoded := char.encode("gb18030")) == 2:
            data += encoded
            oddness += _is_rare(char)
        else:
            break
        pos += 1
    realigned = data[1:].decode("gb18030", errors="replace")
    if lost_byte and realigned.endswith("\ufffd"):  # the half of a character the closing `?` took
        realigned = realigned[:-1]
    return Stretch(start, pos, realigned, oddness, closed)


def _lead_in(text: str, pos: int) -> tuple[int, bytearray, int, bool]:
    """What may come right after the `?`: a pinyin tail without its `(`
    (`財?shù)谋`), then a mark the converter narrowed (`?;` for `?；`), which
    is the second half of the character the `?` broke. Returns the position
    after them, their bytes, their oddness and whether there was a mark."""
    oddness = 0
    tail = _PINYIN_TAIL.match(text, pos)
    if tail:
        pos = tail.end()
        oddness += 2
    data = bytearray()
    narrowed = text[pos : pos + 1] in _NARROWED
    if narrowed:
        data += chr(ord(text[pos]) + 0xFEE0).encode("gb18030")
        pos += 1
        oddness += 1
    return pos, data, oddness, narrowed


def _is_rare(char: str) -> bool:
    """A character mojibake is made of: not Latin-1 (`×`, `·` are everyday
    marks in Chinese), common Chinese, or a full-width form."""
    return char > "\xff" and char not in common_chars() and not "\uff01" <= char <= "\uff5e"


def _lone_letter(text: str, pos: int) -> bool:
    """Whether the ASCII letter at ``pos`` stands alone: no letter or digit
    after it, and not a capital before a Chinese character (`B超`, `A股`, `U盘`)."""
    letter, after = text[pos], text[pos + 1 : pos + 2]
    if not letter.isalpha() or (after.isascii() and after.isalnum()):
        return False
    return not (letter.isupper() and is_han(after or " "))
