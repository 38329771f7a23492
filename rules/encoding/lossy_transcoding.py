"""E003: `?` damage from a lossy transcoding, as in `取得了顯著成效??倳?、總理`."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.textclass import is_han
from wenlint_rules.encoding.mojibake import common_chars

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


class LossyTranscoding(Rule):
    code = "E003"
    name = "lossy-transcoding"
    summary = "`?` and stray bytes left where a lossy code-page conversion destroyed text"
    flags = """
        A converter that writes a narrower code page (GBK to GB2312) puts `?`
        where it meets a byte it cannot handle. When that byte was half of a
        two-byte character, every byte after it pairs with the wrong
        neighbour until an ASCII byte brings the pairs back into step: the
        text after the `?` turns into rare characters, private-use
        characters and stray ASCII. `。總書記、` comes out `??倳?、`,
        `。回顧這幾年` `?;仡欉@幾年`, `。現在` `?,F在`.

        Flagged: a `?` and the damaged stretch after it, when the stretch
        shows damage (rare or private-use characters, narrowed punctuation,
        a lone ASCII letter or symbol, a pinyin tail without its `(`) and its
        bytes, read one byte further on, are common Chinese again. The
        message shows that reading (`總書`): the first character is lost for
        good, so there is no fix.

        Left alone: real question marks (`是什么?`, `为什么?我不知道`,
        `吗?`), `??`, `?` in Latin text, URLs and Markdown code.
    """
    bad = (
        Example("取得了顯著成效??倳\ue266?、總理近年來在視察期間"),
        Example("更能給人以深刻啟迪?;仡欉@幾年的社區工作"),
        Example("我們必須再接再厲,提升水平?,F在城市"),
        Example("堅決不做勞民傷財?shù)谋砻嫖恼隆?/p>"),
        Example("六是促進文明祥和?!鞍藰s八恥”的社會主義榮辱觀"),
    )
    good = (
        Example("这是什么?我不知道。"),
        Example("为什么?我们要认真想一想。"),
        Example("你吃饭了吗?还没有呢。"),
        Example("真的吗??太好了!"),
        Example("是不是?,他问。"),
        Example("他问:“你去哪儿?”我说去北京。"),
        Example("访问 https://example.com/search?q=社区 了解详情。"),
        Example("What? 他说这是 B超?"),
        Example("建议?到医院B超检查。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        found = []
        for stretch in damaged_stretches(doc):
            message = (
                f"`?` and {stretch.end - stretch.start - 1} damaged characters from a lossy conversion; "
                f"read in step the bytes say `{stretch.realigned}`"
            )
            found.append(self.diagnostic(stretch.start, stretch.end, message))
        return found


def damaged_stretches(doc: Document) -> list[Stretch]:
    """Every `?` with the stretch of text a lossy conversion damaged after it,
    in text order (outside URLs and Markdown code). Other rules can use it to
    leave such text alone."""
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
    return found
