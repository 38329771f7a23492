"""Code pages and what they make of Chinese text read the wrong way.

The tables and byte-level readings the encoding-damage views
(:mod:`wenlint.damage`, :mod:`wenlint.transcoding`) are built on: what cp1252 and Latin-1 make of high
bytes, which characters GBK makes of UTF-8, which Chinese characters are
common, and how a misread run decodes back.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from wenlint.codepoints import class_body
from wenlint.tablecache import kept
from wenlint.textclass import CJK_PUNCTUATION, HAN

#: What cp1252 makes of the bytes 0x80–0x9F; the five it leaves undefined
#: are read as the C1 controls of the same number, as Windows does.
_CP1252_HIGH = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0))
#: Maps a character read through cp1252 or Latin-1 back to its byte (as a Latin-1 character).
_TO_LATIN1 = str.maketrans({char: chr(0x80 + index) for index, char in enumerate(_CP1252_HIGH)})
CP1252_SPECIALS = "".join(char for char in _CP1252_HIGH if char > "\x9f")
#: A character a single-byte reading makes of a byte >= 0x80 (a class body for a pattern).
HIGH = "\x80-\xff" + CP1252_SPECIALS


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
    return kept("common-chars", _common_chars)


def _common_chars() -> frozenset[str]:
    gb2312 = _decode_pairs("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
    big5 = _decode_pairs("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return frozenset(gb2312 | big5 | CJK_PUNCTUATION)


@lru_cache(maxsize=1)
def gbk_chars() -> frozenset[str]:
    """The characters GBK makes of UTF-8 Chinese: pairs of a lead byte
    0xE2–0xEF or a continuation byte 0x80–0xBF and the byte after it, and
    `€`, which Windows' GBK (cp936) makes of a lone 0x80."""
    return kept("gbk-chars", _gbk_chars)


def _gbk_chars() -> frozenset[str]:
    leads, continuations, ascii_trails = range(0xE2, 0xF0), range(0x80, 0xC0), range(0x40, 0x7F)
    return frozenset(
        _decode_pairs("gbk", leads, continuations)
        | _decode_pairs("gbk", continuations, continuations)
        | _decode_pairs("gbk", continuations, leads)
        | _decode_pairs("gbk", continuations, ascii_trails)
        | {"€"}
    )


@lru_cache(maxsize=1)
def gbk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of the characters GBK makes of UTF-8, and two of its rare
    characters close together: the cheap sign of such a run worth a look.
    (Plain ``re``: its big-set matching is ~200× faster than ``regex`` here.)"""
    every, rare = kept("gbk-classes", _gbk_classes)
    return re.compile(f"[{every}]{{2,}}"), re.compile(f"[{rare}][{every}]?[{rare}]")


def _gbk_classes() -> tuple[str, str]:
    """The bodies of the classes of :func:`gbk_patterns`: every character, and
    the rare ones, as ranges (compiled in half the time of each character listed)."""
    return class_body(gbk_chars()), class_body(gbk_chars() - common_chars())


def decode(raw: bytes, codec: str) -> tuple[str, bool]:
    """``raw`` decoded with ``codec``, and whether the decoding was exact. An
    inexact reading has U+FFFD for bytes that cannot be decoded and leaves out
    a character cut off at the end (the misreading already lost its rest)."""
    try:
        return raw.decode(codec), True
    except UnicodeDecodeError:
        return codecs.getincrementaldecoder(codec)(errors="replace").decode(raw, final=False), False


def single_bytes(run: str) -> bytes:
    """The bytes a run read through cp1252 or Latin-1 was made of."""
    return run.translate(_TO_LATIN1).encode("latin-1")


def utf8_of_gbk_run(run: str) -> tuple[str, bool]:
    """The UTF-8 reading of the bytes a GBK-read run was made of. A run cut
    out of lossy mojibake may start inside a character: that tail is dropped."""
    reading, exact = decode(b"\x80".join(part.encode("gbk") for part in run.split("€")), "utf-8")
    return (reading, True) if exact else (reading.lstrip("\ufffd"), False)


def utf8_mojibake_exact(original: str, repaired: str) -> bool:
    """Whether ``repaired`` is exactly the UTF-8 text whose bytes, read as
    cp1252 or Latin-1, gave ``original``."""
    try:
        return single_bytes(original) == repaired.encode("utf-8")
    except UnicodeEncodeError:
        return False


def reads_as_chinese(reading: str, exact: bool) -> bool:
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


def mostly_rare(run: str) -> bool:
    """Whether at least 30% of a run is rare characters, as mojibake is."""
    return len(run) - sum(map(common_chars().__contains__, run)) >= 0.3 * len(run)


def no_rare_han(reading: str) -> bool:
    """Whether every Chinese character of ``reading`` is a common one."""
    common = common_chars()
    return all(char in common for char in HAN.findall(reading))
