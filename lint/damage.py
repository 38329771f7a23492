"""Encoding damage: mojibake runs, as a document view.

E002 reports them; other rules ask for them to leave such text alone (a
C1 control or a no-break space inside mojibake is a byte of a character
E002 decodes back). Computed once per document through ``doc.view``. The
lossy-transcoding stretches E003 reports are :mod:`wenlint.transcoding`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from wenlint.codepages import (
    CP1252_SPECIALS,
    HIGH,
    common_chars,
    decode,
    gbk_patterns,
    mostly_rare,
    no_rare_han,
    reads_as_chinese,
    single_bytes,
    utf8_mojibake_exact,
    utf8_of_gbk_run,
)
from wenlint.context import touches_chinese
from wenlint.document import Document
from wenlint.textclass import HAN

#: A character a single-byte reading makes of a byte >= 0x80, except those
#: ordinary Chinese text uses (`“”‘’—…`), which alone cannot make mojibake.
_SUSPECT = re.compile("[\x80-\xff" + "".join(c for c in CP1252_SPECIALS if c not in "“”‘’—…") + "]")
#: GBK or Big5 read one byte at a time: pairs of a high byte and its trail
#: byte (high, or ASCII 0x40–0x7E), as in `ÄãºÃ` or `§A¦n`. (Written
#: opening with a class, re passes over text that holds none in C.)
_LEGACY_RUN = re.compile(rf"[{HIGH}][{HIGH}\x40-\x7e](?:[{HIGH}][{HIGH}\x40-\x7e])*")
_LEGACY_CODECS = ("gbk", "big5")
#: Single-byte characters that Chinese typography uses for themselves: a run
#: of nothing else beside Chinese text (`××××年`, `建“XX”`) is text, not mojibake.
_TYPOGRAPHY = frozenset("×÷·°±§–—‘’“”…")
#: UTF-8 read one byte at a time: every byte of a multi-byte character is high. (Two or more,
#: written opening with a class, which re passes over in C; `[…]{2,}` it tries at every character.)
_UTF8_RUN = re.compile(rf"[{HIGH}][{HIGH}]+")
#: What repaired UTF-8 mojibake may be in Chinese text: Chinese and Japanese
#: characters, punctuation, symbols, digits, spaces and full-width forms.
#: Latin letters only inside a Latin word (see `_plausible_utf8`).
_CJK_TEXT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{P}\p{S}\p{N}\p{Zs}\uff00-\uffef]+")
_LATIN_TEXT = regex.compile(r"[\p{Latin}\p{P}\p{S}]+")
#: UTF-8 replacement characters read as GBK, and MSVC's uninitialised memory.
_GARBAGE = regex.compile(r"(?:锟斤拷)+|烫{4,}|屯{4,}")
#: What every match of _GARBAGE holds, which ``in`` looks for in C twice as fast as the pattern.
_GARBAGE_SIGNS = ("锟斤拷", "烫烫烫烫", "屯屯屯屯")
#: A GBK reading of UTF-8 that settles the question is at least this many
#: characters (two Chinese characters); once settled, shorter runs count too.
_MIN_GBK_RUN = 3
#: ftfy with only its encoding repairs: its defaults also rewrite full-width
#: punctuation, curly quotes and ligatures in clean Chinese text.
_FTFY_OPTIONS = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_encoding": True,
    "restore_byte_a0": False,
    "replace_lossy_sequences": False,
    "decode_inconsistent_utf8": True,
    "fix_c1_controls": False,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": False,
    "remove_control_chars": False,
    "normalization": None,
    "explain": False,
}


@dataclass(frozen=True, slots=True)
class Misread:
    """Mojibake at ``start:end``: ``reading`` is the text decoded the right
    way (exactly, or with bytes lost), or None for garbage that cannot be
    read back (`锟斤拷`, `烫烫烫烫`)."""

    start: int
    end: int
    reading: str | None
    exact: bool = False
    #: False for a run that lost bytes: flagged, with no reading to fix it with.
    fixable: bool = True


# -- mojibake ----------------------------------------------------------------

#: One character four times or more: a line of `————`, a mask `××××`. No
#: code page makes that of text (UTF-8 never repeats a byte four times; in
#: GBK it would be one rare character repeated), so a run stops there.
_REPEAT = re.compile(r"(.)\1{3,}", re.S)
#: A run that lost bytes still shows what it was with this many Chinese characters read back.
_MIN_LOSSY_HAN = 3

Span = tuple[int, int]


def mojibake(doc: Document) -> tuple[Misread, ...]:
    """Every mojibake run of ``doc`` outside URLs and Markdown code (a view:
    computed once per document)."""
    return doc.view(_find_mojibake)


def inside_mojibake(doc: Document, offset: int) -> bool:
    """Whether ``offset`` lies in a mojibake run. (Looked for only when the
    text holds a character of a single-byte misreading: a C1 control or an
    odd space can be part of no other mojibake.)"""
    spans = doc.view(_single_byte_spans)
    index = bisect.bisect_right(spans, (offset, len(doc.text) + 1)) - 1
    return index >= 0 and offset < spans[index][1]


def _single_byte_spans(doc: Document) -> list[Span]:
    """The mojibake runs, sorted and merged (none if no character of a single-byte reading is in the text)."""
    if not _SUSPECT.search(doc.text):
        return []
    merged: list[Span] = []
    for start, end in sorted((run.start, run.end) for run in mojibake(doc)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _find_mojibake(doc: Document) -> tuple[Misread, ...]:
    found = _single_byte_readings(doc) if _SUSPECT.search(doc.text) else []
    return tuple(found + _utf8_read_as_gbk(doc))


def _single_byte_readings(doc: Document) -> list[Misread]:
    """Bytes read one byte at a time: as UTF-8, or as GBK or Big5,
    whichever explains more of the document.

    Short runs are ambiguous (`å¹´` is `年`, `µ½` is `到`, but `àn` is
    pinyin), so a run that decodes exactly counts only beside a run long
    enough to settle the question: on its line, or anywhere when the
    document has no Chinese text left (it is mojibake as a whole)."""
    legacy = _legacy_repairs(doc)
    utf8 = _utf8_repairs(doc, with_ftfy=not legacy)
    return utf8 if _covered(utf8) >= _covered(legacy) else legacy


def _utf8_repairs(doc: Document, with_ftfy: bool) -> list[Misread]:
    """UTF-8 read one byte at a time: runs that decode as Chinese (or
    exactly as letters inside a Latin word); runs ftfy with its encoding
    repairs only can undo, unless GBK or Big5 explain the document already
    (ftfy runs at a few MB/s); beside them runs that decode exactly, or as
    Chinese once partial characters are dropped; and, flagged without a
    reading to fix with, runs that lost bytes and still read as Chinese."""
    text = doc.text
    found = []
    left = []
    for start, end in _runs(doc, _UTF8_RUN):
        reading, exact = decode(single_bytes(text[start:end]), "utf-8")
        if reads_as_chinese(reading, exact) or (exact and _plausible_utf8(text, start, end, reading)):
            found.append(Misread(start, end, reading, exact))
        elif not _typography(text, start, end):
            left.append((start, end))
    if with_ftfy and left:
        left = _ftfy_repairs(text, left, found)
    settled = {_line(doc, run.start) for run in found}
    for start, end in left:
        reading, exact = decode(single_bytes(text[start:end]), "utf-8")
        if reading and _settled(doc, settled, start) and (exact or _CJK_TEXT.fullmatch(reading)):
            found.append(Misread(start, end, reading, exact))
        elif _lossy_chinese(reading):
            found.append(Misread(start, end, reading, fixable=False))
    return found


def _lossy_chinese(reading: str) -> bool:
    """Whether a reading that lost bytes (UTF-8 read as cp1252 with its
    undefined bytes dropped) is still mostly common Chinese: at least three
    Chinese characters, no more characters lost than read."""
    kept = reading.replace("\ufffd", "")
    lost = len(reading) - len(kept)
    return 0 < lost <= len(kept) and len(HAN.findall(kept)) >= _MIN_LOSSY_HAN and reads_as_chinese(kept, False)


def _ftfy_repairs(text: str, runs: list[Span], found: list[Misread]) -> list[Span]:
    """Add to ``found`` the runs ftfy repairs into plausible clean text;
    return the others."""
    from ftfy import TextFixerConfig, fix_text  # imported here: ~50 ms, paid only when needed
    from ftfy.badness import is_bad

    config = TextFixerConfig(**_FTFY_OPTIONS)
    left = []
    for start, end in runs:
        run = text[start:end]
        repaired = fix_text(run, config) if is_bad(run) else run
        if repaired != run and not is_bad(repaired) and _plausible_utf8(text, start, end, repaired):
            found.append(Misread(start, end, repaired, utf8_mojibake_exact(run, repaired)))
        else:
            left.append((start, end))
    return left


def _legacy_repairs(doc: Document) -> list[Misread]:
    """Runs of two characters or more that read as Chinese in GBK or Big5
    (the code page that explains more of the document), and beside them
    runs that decode exactly in it into symbols or common characters
    (`µ½**Äê` is `到**年`, `(q¨±)` is `(qū)`; but `àn` is not `鄋`)."""
    text = doc.text
    runs = [(start, end) for start, end in _runs(doc, _LEGACY_RUN, paired=True) if not _typography(text, start, end)]
    if all(end - start == 2 for start, end in runs):
        return []
    best: list[Misread] = []
    for codec in _LEGACY_CODECS:
        readings = [(start, end, *decode(single_bytes(text[start:end]), codec)) for start, end in runs]
        chinese = [end - start > 2 and reads_as_chinese(reading, exact) for start, end, reading, exact in readings]
        settled = {_line(doc, start) for (start, *_), yes in zip(readings, chinese) if yes}
        found = [
            Misread(start, end, reading, exact)
            for (start, end, reading, exact), confirmed in zip(readings, chinese)
            if confirmed
            or (exact and _settled(doc, settled, start) and no_rare_han(reading) and not _latin_word(text, start, end))
        ]
        if settled and _covered(found) > _covered(best):
            best = found
    return best


def _utf8_read_as_gbk(doc: Document) -> list[Misread]:
    """UTF-8 read as GBK: runs of mostly rare characters that read back as
    common Chinese, and on their lines shorter runs whose reading is all
    common Chinese. Then `锟斤拷` and the memory fillers."""
    every_run, rare_pair = gbk_patterns()
    text = doc.text
    # a run settles the question only with a rare pair in it, and only runs on a settled line count: the
    # runs of the lines holding a rare pair are all that is looked at (no run holds a line break)
    runs = _runs(doc, every_run, _lines_holding(text, rare_pair)) if doc.has_han else []
    settled = {
        _line(doc, start)
        for start, end in runs
        if rare_pair.search(text, start, end) and _settles_utf8(text[start:end])
    }
    common = common_chars()
    found = []
    for start, end in runs if settled else ():
        if _line(doc, start) not in settled or not mostly_rare(text[start:end]):
            continue
        reading, exact = utf8_of_gbk_run(text[start:end])
        if reads_as_chinese(reading, exact) or (reading and all(char in common for char in reading)):
            found.append(Misread(start, end, reading, exact))
    starts = [run.start for run in found]
    for start, end in _matches(doc, _GARBAGE) if any(sign in text for sign in _GARBAGE_SIGNS) else ():
        index = bisect.bisect_left(starts, end) - 1
        if index < 0 or found[index].end <= start:
            found.append(Misread(start, end, None))
    return found


def _settles_utf8(run: str) -> bool:
    """Whether a run shows the document is UTF-8 read as GBK."""
    return len(run) >= _MIN_GBK_RUN and mostly_rare(run) and reads_as_chinese(*utf8_of_gbk_run(run))


def _settled(doc: Document, lines: set[int], offset: int) -> bool:
    """Whether a short run at ``offset`` is known to be mojibake: on a line
    with a settling run, or in a document with settling runs and no Chinese text."""
    return bool(lines) and (not doc.has_han or _line(doc, offset) in lines)


def _plausible_utf8(text: str, start: int, end: int, repaired: str) -> bool:
    """Whether ``repaired`` makes sense in place of ``text[start:end]``:
    Chinese text, or Latin letters inside a Latin word (`cafÃ©` → `café`).
    A GBK run misread as UTF-8 gives IPA, Greek or Cyrillic letters instead."""
    if _CJK_TEXT.fullmatch(repaired):
        return True
    in_word = text[start - 1 : start].isascii() and text[start - 1 : start].isalpha()
    in_word = in_word or (text[end : end + 1].isascii() and text[end : end + 1].isalpha())
    return in_word and _LATIN_TEXT.fullmatch(repaired) is not None


def _latin_word(text: str, start: int, end: int) -> bool:
    """Whether a run is letters that continue a Latin word (`Garcí` + `a`)."""
    beside = text[start - 1 : start] + text[end : end + 1]
    return text[start:end].isalpha() and any(char.isascii() and char.isalpha() for char in beside)


def _typography(text: str, start: int, end: int) -> bool:
    """Whether a run beside Chinese text holds no single-byte character but
    Chinese typography's own."""
    only_typography = all(char.isascii() or char in _TYPOGRAPHY for char in text[start:end])
    return only_typography and touches_chinese(text, start, end)


def _matches(doc: Document, pattern: re.Pattern[str], within: Iterable[Span] | None = None) -> list[Span]:
    """The spans of ``pattern``'s matches outside URLs, addresses and Markdown
    code: in the whole text, or in the spans ``within`` (ascending)."""
    text, verbatim = doc.text, doc.is_verbatim
    spans = ((0, len(text)),) if within is None else within
    return [
        match.span()
        for start, end in spans
        for match in pattern.finditer(text, start, end)
        if not verbatim(match.start())
    ]


def _lines_holding(text: str, pattern: re.Pattern[str]) -> list[Span]:
    """The spans of the lines (without their line breaks) holding a match of ``pattern``, ascending."""
    lines = []
    found = pattern.search(text)
    while found is not None:
        end = text.find("\n", found.end())
        end = len(text) if end == -1 else end
        lines.append((text.rfind("\n", 0, found.start()) + 1, end))
        found = pattern.search(text, end)
    return lines


def _runs(
    doc: Document, pattern: re.Pattern[str], within: Iterable[Span] | None = None, paired: bool = False
) -> list[Span]:
    """The runs ``pattern`` finds outside URLs, addresses and Markdown code
    (in the spans ``within``: see :func:`_matches`), cut where one character
    repeats four times or more; no run that is one character repeated.
    ``paired``: the run is read two characters at a time, so a cut keeps
    the pairs in step."""
    text = doc.text
    runs = []
    for start, end in _matches(doc, pattern, within):
        for repeat in _REPEAT.finditer(text, start, end):
            cut = repeat.start() + (paired and (repeat.start() - start) % 2)
            runs.append((start, cut))
            start = repeat.end()
        runs.append((start, end - (paired and (end - start) % 2)))
    return [(start, end) for start, end in runs if len(set(text[start:end])) > 1]


def _line(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


def _covered(found: list[Misread]) -> int:
    return sum(run.end - run.start for run in found)
