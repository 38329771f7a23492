"""E002: mojibake — Chinese text decoded with the wrong code page."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.context import touches_chinese
from wenlint.textclass import CJK_PUNCTUATION, HAN

#: What cp1252 makes of the bytes 0x80–0x9F; the five it leaves undefined
#: are read as the C1 controls of the same number, as Windows does.
_CP1252_HIGH = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0))
#: Maps a character read through cp1252 or Latin-1 back to its byte (as a Latin-1 character).
_TO_LATIN1 = str.maketrans({char: chr(0x80 + index) for index, char in enumerate(_CP1252_HIGH)})
_CP1252_SPECIALS = "".join(char for char in _CP1252_HIGH if char > "\x9f")
_HIGH = "\x80-\xff" + _CP1252_SPECIALS
#: A character a single-byte reading makes of a byte >= 0x80, except those
#: ordinary Chinese text uses (`“”‘’—…`), which alone cannot make mojibake.
_SUSPECT = re.compile("[\x80-\xff" + "".join(c for c in _CP1252_SPECIALS if c not in "“”‘’—…") + "]")
#: GBK or Big5 read one byte at a time: pairs of a high byte and its trail
#: byte (high, or ASCII 0x40–0x7E), as in `ÄãºÃ` or `§A¦n`.
_LEGACY_RUN = re.compile(rf"(?:[{_HIGH}][{_HIGH}\x40-\x7e])+")
_LEGACY_CODECS = ("gbk", "big5")
#: Single-byte characters that Chinese typography uses for themselves: a run
#: of nothing else beside Chinese text (`××××年`, `建“XX”`) is text, not mojibake.
_TYPOGRAPHY = frozenset("×÷·°±§–—‘’“”…")
#: UTF-8 read one byte at a time: every byte of a multi-byte character is high.
_UTF8_RUN = re.compile(rf"[{_HIGH}]{{2,}}")
#: What repaired UTF-8 mojibake may be in Chinese text: Chinese and Japanese
#: characters, punctuation, symbols, digits, spaces and full-width forms.
#: Latin letters only inside a Latin word (see `_plausible_utf8`).
_CJK_TEXT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{P}\p{S}\p{N}\p{Zs}\uff00-\uffef]+")
_LATIN_TEXT = regex.compile(r"[\p{Latin}\p{P}\p{S}]+")
#: UTF-8 replacement characters read as GBK, and MSVC's uninitialised memory.
_GARBAGE = regex.compile(r"(?:锟斤拷)+|烫{4,}|屯{4,}")
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


def _decode_pairs(codec: str, leads: range, trails: list[int] | range) -> set[str]:
    """Every character ``codec`` gives a two-byte sequence of ``leads`` × ``trails``."""
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return found


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """Frequently used Chinese characters — GB2312 level 1 (Simplified) and
    Big5 level 1 (Traditional) — and Chinese punctuation. Mojibake is mostly
    made of rarer characters; text read back the right way is not."""
    gb2312 = _decode_pairs("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    big5 = _decode_pairs("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return frozenset(gb2312 | big5 | CJK_PUNCTUATION)


@lru_cache(maxsize=1)
def _gbk_chars() -> frozenset[str]:
    """The characters GBK makes of UTF-8 Chinese: pairs of a lead byte
    0xE2–0xEF or a continuation byte 0x80–0xBF and the byte after it, and
    `€`, which Windows' GBK (cp936) makes of a lone 0x80."""
    leads, continuations, ascii_trails = range(0xE2, 0xF0), range(0x80, 0xC0), range(0x40, 0x7F)
    return frozenset(
        _decode_pairs("gbk", leads, continuations)
        | _decode_pairs("gbk", continuations, continuations)
        | _decode_pairs("gbk", continuations, leads)
        | _decode_pairs("gbk", continuations, ascii_trails)
        | {"€"}
    )


@lru_cache(maxsize=1)
def _gbk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of the characters GBK makes of UTF-8, and two of its rare
    characters close together: the cheap sign of such a run worth a look.
    (Plain ``re``: its big-set matching is ~200× faster than ``regex`` here.)"""
    every = "".join(sorted(_gbk_chars()))
    rare = "".join(sorted(_gbk_chars() - common_chars()))
    return re.compile(f"[{every}]{{2,}}"), re.compile(f"[{rare}][{every}]?[{rare}]")


def _gbk_run_around(text: str, start: int, end: int) -> str:
    """The whole run of GBK-made characters that ``text[start:end]`` is in."""
    chars = _gbk_chars()
    while start > 0 and text[start - 1] in chars:
        start -= 1
    while end < len(text) and text[end] in chars:
        end += 1
    return text[start:end]


def _reads_as_chinese(reading: str, exact: bool) -> bool:
    """Whether a re-decoded run is mostly common Chinese: two Chinese
    characters or more, at least 80% of it common, and replacement characters
    rare; or, from an exact round trip, one common character with Chinese
    punctuation (`展。`)."""
    common = common_chars()
    size = len(reading)
    han = len(HAN.findall(reading))
    if han >= 2:
        return sum(char in common for char in reading) >= 0.8 * size and reading.count("\ufffd") <= size // 10
    return exact and han == 1 and size >= 2 and all(char in common for char in reading)


def _decode(raw: bytes, codec: str) -> tuple[str, bool]:
    """``raw`` decoded with ``codec``, and whether the decoding was exact. An
    inexact reading has U+FFFD for bytes that cannot be decoded and leaves out
    a character cut off at the end (the misreading already lost its rest)."""
    try:
        return raw.decode(codec), True
    except UnicodeDecodeError:
        return codecs.getincrementaldecoder(codec)(errors="replace").decode(raw, final=False), False


def _single_bytes(run: str) -> bytes:
    """The bytes a run read through cp1252 or Latin-1 was made of."""
    return run.translate(_TO_LATIN1).encode("latin-1")


def _strict_reading(run: str, codec: str) -> str | None:
    """A single-byte run decoded exactly with ``codec``, if it can be."""
    try:
        return _single_bytes(run).decode(codec)
    except UnicodeDecodeError:
        return None


def _mostly_rare(run: str) -> bool:
    """Whether at least 30% of a run is rare characters, as mojibake is."""
    return len(run) - sum(map(common_chars().__contains__, run)) >= 0.3 * len(run)


def _settles_utf8(run: str) -> bool:
    """Whether a run shows the document is UTF-8 read as GBK."""
    return len(run) >= _MIN_GBK_RUN and _mostly_rare(run) and _reads_as_chinese(*_utf8_of_gbk_run(run))


def _utf8_of_gbk_run(run: str) -> tuple[str, bool]:
    """The UTF-8 reading of the bytes a GBK-read run was made of. A run cut
    out of lossy mojibake may start inside a character: that tail is dropped."""
    reading, exact = _decode(b"\x80".join(part.encode("gbk") for part in run.split("€")), "utf-8")
    return (reading, True) if exact else (reading.lstrip("\ufffd"), False)


def _utf8_mojibake_exact(original: str, repaired: str) -> bool:
    """Whether ``repaired`` is exactly the UTF-8 text whose bytes, read as
    cp1252 or Latin-1, gave ``original``."""
    try:
        return _single_bytes(original) == repaired.encode("utf-8")
    except UnicodeEncodeError:
        return False


def _plausible_utf8(text: str, start: int, end: int, repaired: str) -> bool:
    """Whether ``repaired`` makes sense in place of ``text[start:end]``:
    Chinese text, or Latin letters inside a Latin word (`cafÃ©` → `café`).
    A GBK run misread as UTF-8 gives IPA, Greek or Cyrillic letters instead."""
    if _CJK_TEXT.fullmatch(repaired):
        return True
    in_word = text[start - 1 : start].isascii() and text[start - 1 : start].isalpha()
    in_word = in_word or (text[end : end + 1].isascii() and text[end : end + 1].isalpha())
    return in_word and _LATIN_TEXT.fullmatch(repaired) is not None


def _no_rare_han(reading: str) -> bool:
    """Whether every Chinese character of ``reading`` is a common one."""
    common = common_chars()
    return all(char in common for char in HAN.findall(reading))


def _typography(text: str, start: int, end: int) -> bool:
    """Whether a run beside Chinese text holds no single-byte character but
    Chinese typography's own."""
    only_typography = all(char.isascii() or char in _TYPOGRAPHY for char in text[start:end])
    return only_typography and touches_chinese(text, start, end)


def _runs(doc: Document, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` outside URLs, addresses and Markdown code."""
    return [match for match in pattern.finditer(doc.text) if not doc.is_verbatim(match.start())]


def _line(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


def _covered(found: list[Diagnostic]) -> int:
    return sum(d.end - d.start for d in found)


class Mojibake(Rule):
    code = "E002"
    name = "mojibake"
    summary = "Text decoded with the wrong code page (`ÄãºÃ`, `ä½ å¥½`, `浣犲ソ`)"
    flags = """
        Text whose bytes were decoded with the wrong code page turns into
        mojibake: GBK read as cp1252 gives `ÄãºÃ` for `你好`, Big5 read as
        Latin-1 `§A¦n`, UTF-8 read as cp1252 `ä½ å¥½`, and UTF-8 read as GBK
        `浣犲ソ`. `锟斤拷` is UTF-8 replacement characters read as GBK, and
        `烫烫烫烫` / `屯屯屯屯` uninitialised memory printed as GBK.

        Flagged: a run that, encoded back the way it was misread and decoded
        the right way, reads as common Chinese — GBK or Big5 read one byte at
        a time (whichever explains more of the document), UTF-8 read one byte
        at a time (repaired by ftfy with its encoding repairs only), UTF-8
        read as GBK (runs of mostly rare characters). A run too short to tell
        (`µ½` is `到`, but `àn` is pinyin) counts only on a line where a
        longer run settled the question, or in a document with no Chinese
        text left. Also flagged: `锟斤拷`, and four or more `烫` or `屯`.

        Left alone: clean Chinese whatever its punctuation (`“”`, `——`,
        `……`, `·`, `×`, `××××`), pinyin with tone marks, European words
        (`Café`, `Müller`), URLs and Markdown code. The fix decodes the run
        the right way: safe when the round trip is exact, unsafe when bytes
        were lost on the way (what cannot be read becomes U+FFFD). `锟斤拷`
        and the memory fillers cannot be repaired.
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("½ñÌì£¬ÎÒÃÇÕÙ¿ªÈ«Çø»áÒé¡£", fixed="今天，我们召开全区会议。"),
        Example("¦b¥þ°Ï·|Ä³¤W¡A¤j®a³£µo¨¥¤F¡C", fixed="在全區會議上，大家都發言了。"),
        Example("ä»Šå¤©æˆ‘ä»¬å¼€ä¼šäº†ã€‚", fixed="今天我们开会了。"),
        Example("会议纪要：ä¼šè®®å¼€å¾—å¾ˆå¥½ã€‚", fixed="会议纪要：会议开得很好。"),
        Example("浠婂ぉ澶╂皵寰堝ソ", fixed="今天天气很好"),
        Example("浠婂ぉ鎴戜滑寮€浼氫簡銆\ufffd", fixed="今天我们开会了\ufffd"),
        Example("标题锟斤拷锟斤拷正文"),
        Example("输出：烫烫烫烫烫烫烫烫"),
    )
    good = (
        Example("“社区建设”——这是我们的工作重点……大家要重视。"),
        Example("会前，与会同志现场观摩了××县××社区。"),
        Example("马克思·韦伯认为，气温为30°C±2°C时最适宜。"),
        Example("社區(qū)發(fā)展和現(xiàn)在的建設(shè)"),
        Example("他在巴黎的 Café de Flore 与 Müller 先生见面。"),
        Example("文明创建活动工作汇集到规划办公环境。"),
        Example("示例：`ÄãºÃ` 是乱码。", path="example.md"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        found = self._single_byte_readings(doc) if _SUSPECT.search(doc.text) else []
        return found + self._utf8_read_as_gbk(doc)

    def _single_byte_readings(self, doc: Document) -> list[Diagnostic]:
        """Bytes read one byte at a time: as UTF-8, or as GBK or Big5,
        whichever explains more of the document.

        Short runs are ambiguous (`å¹´` is `年`, `µ½` is `到`, but `àn` is
        pinyin), so a run that decodes exactly counts only beside a run long
        enough to settle the question: on its line, or anywhere when the
        document has no Chinese text left (it is mojibake as a whole)."""
        legacy = self._legacy_repairs(doc)
        utf8 = self._utf8_repairs(doc, with_ftfy=not legacy)
        return utf8 if _covered(utf8) >= _covered(legacy) else legacy

    def _utf8_repairs(self, doc: Document, with_ftfy: bool) -> list[Diagnostic]:
        """UTF-8 read one byte at a time: runs that decode as Chinese (or
        exactly as letters inside a Latin word); runs ftfy with its encoding
        repairs only can undo, unless GBK or Big5 explain the document already
        (ftfy runs at a few MB/s); and beside them runs that decode exactly,
        or as Chinese once partial characters are dropped."""
        text = doc.text
        found = []
        left = []
        for match in _runs(doc, _UTF8_RUN):
            reading, exact = _decode(_single_bytes(match[0]), "utf-8")
            if _reads_as_chinese(reading, exact) or (exact and _plausible_utf8(text, *match.span(), reading)):
                found.append(self._repair(*match.span(), reading, exact))
            elif not _typography(text, *match.span()):
                left.append(match)
        if with_ftfy and left:
            left = self._ftfy_repairs(text, left, found)
        settled = {_line(doc, d.start) for d in found}
        for match in left:
            reading, exact = _decode(_single_bytes(match[0]), "utf-8")
            if reading and self._settled(doc, settled, match) and (exact or _CJK_TEXT.fullmatch(reading)):
                found.append(self._repair(*match.span(), reading, exact))
        return found

    def _ftfy_repairs(self, text: str, runs: list[re.Match[str]], found: list[Diagnostic]) -> list[re.Match[str]]:
        """Add to ``found`` the runs ftfy repairs into plausible clean text;
        return the others."""
        from ftfy import TextFixerConfig, fix_text  # imported here: ~50 ms, paid only when needed
        from ftfy.badness import is_bad

        config = TextFixerConfig(**_FTFY_OPTIONS)
        left = []
        for match in runs:
            run = match[0]
            repaired = fix_text(run, config) if is_bad(run) else run
            if repaired != run and not is_bad(repaired) and _plausible_utf8(text, *match.span(), repaired):
                found.append(self._repair(*match.span(), repaired, _utf8_mojibake_exact(run, repaired)))
            else:
                left.append(match)
        return left

    def _legacy_repairs(self, doc: Document) -> list[Diagnostic]:
        """Runs of two characters or more that read as Chinese in GBK or Big5
        (the code page that explains more of the document), and beside them
        runs that decode exactly in it into symbols or common characters
        (`µ½**Äê` is `到**年`, `(q¨±)` is `(qū)`; but `àn` is not `鄋`)."""
        text = doc.text
        runs = [match for match in _runs(doc, _LEGACY_RUN) if not _typography(text, *match.span())]
        if all(match.end() - match.start() == 2 for match in runs):
            return []
        best: list[Diagnostic] = []
        for codec in _LEGACY_CODECS:
            readings = [(match, *_decode(_single_bytes(match[0]), codec)) for match in runs]
            chinese = [len(match[0]) > 2 and _reads_as_chinese(reading, exact) for match, reading, exact in readings]
            settled = {_line(doc, match.start()) for (match, _, _), yes in zip(readings, chinese) if yes}
            found = [
                self._repair(*match.span(), reading, exact)
                for (match, reading, exact), confirmed in zip(readings, chinese)
                if confirmed or (exact and self._settled(doc, settled, match) and _no_rare_han(reading))
            ]
            if settled and _covered(found) > _covered(best):
                best = found
        return best

    @staticmethod
    def _settled(doc: Document, lines: set[int], match: re.Match[str]) -> bool:
        """Whether a short run is known to be mojibake: on a line with a
        settling run, or in a document with settling runs and no Chinese text."""
        return bool(lines) and (not doc.has_han or _line(doc, match.start()) in lines)

    def _utf8_read_as_gbk(self, doc: Document) -> list[Diagnostic]:
        """UTF-8 read as GBK: runs of mostly rare characters that read back as
        common Chinese, and on their lines shorter runs whose reading is all
        common Chinese. Then `锟斤拷` and the memory fillers."""
        every_run, rare_pair = _gbk_patterns()
        found = []
        settled = set()
        for match in _runs(doc, rare_pair) if doc.has_han else ():
            if _settles_utf8(_gbk_run_around(doc.text, *match.span())):
                settled.add(_line(doc, match.start()))
        common = common_chars()
        for match in _runs(doc, every_run) if settled else ():
            if _line(doc, match.start()) not in settled or not _mostly_rare(match[0]):
                continue
            reading, exact = _utf8_of_gbk_run(match[0])
            if _reads_as_chinese(reading, exact) or (reading and all(char in common for char in reading)):
                found.append(self._repair(*match.span(), reading, exact))
        for match in _runs(doc, _GARBAGE):
            if not any(d.start < match.end() and match.start() < d.end for d in found):
                found.append(self.diagnostic(*match.span(), f"`{match[0]}` is encoding garbage; the text here is lost"))
        return found

    def _repair(self, start: int, end: int, reading: str, exact: bool) -> Diagnostic:
        message = f"mojibake; decoded the right way it reads `{reading}`"
        return self.diagnostic(start, end, message, Fix.replace(start, end, reading, safe=exact))


@lru_cache(maxsize=8)
def mojibake_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """The spans E002 flags in ``doc`` (computed once per document). Rules
    that fix single characters (C1 controls, soft hyphens, no-break spaces)
    leave these alone: inside mojibake they are bytes of a character E002
    decodes back."""
    if not _SUSPECT.search(doc.text):
        return ()
    return tuple((d.start, d.end) for d in Mojibake().check(doc))


def inside_mojibake(doc: Document, offset: int) -> bool:
    """Whether ``offset`` lies in a span E002 flags."""
    return any(start <= offset < end for start, end in mojibake_spans(doc))
