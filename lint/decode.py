"""Bytes to Document: the one way every input is read.

Order of decisions: known binary formats (by magic number) are refused; a
byte-order mark decides UTF-8/16/32; NUL bytes (anywhere) mean binary unless the
file is BOM-less UTF-16 text (no control character that text never holds);
strict UTF-8 is tried next; anything else goes to
charset-normalizer, restricted to the Chinese legacy encodings (GB18030 and
Big5), and the reading is accepted only when the bytes decode strictly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from wenlint.errors import WenlintError

if TYPE_CHECKING:
    from wenlint.document import Document

#: A detected encoding at least this sure may be rewritten as UTF-8 by a safe fix.
CONFIDENT = 0.8
#: The legacy encodings tried when the bytes are not UTF-8 (charset-normalizer names).
CANDIDATES = ("gb18030", "big5", "cp950", "big5hkscs")
#: charset-normalizer's cut-off for "too messy to be this encoding". Its mess
#: measure counts full-width letters (`ＩＰＯＤ`) against a reading, so the
#: cut-off is loose and the ranking below decides.
MESS_THRESHOLD = 0.8
#: Characters sampled when judging how plausible a reading is.
SAMPLE_CHARS = 65536

#: Readable names of the codecs a Document can carry.
LABELS = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "gb18030": "GB18030",
    "big5": "Big5",
    "cp950": "Big5 (CP950)",
    "big5hkscs": "Big5-HKSCS",
}

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (DOC/XLS/PPT)"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "ELF executable"),
)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
#: The ASCII controls that never appear in text, as file(1) has them: all but
#: BEL, BS, tab, LF, VT, FF, CR and ESC. Binary data of 16-bit numbers below
#: 128 (`\x00\x01\x00\x02`) reads as such "ASCII" in UTF-16BE.
_NEVER_IN_TEXT = re.compile("[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]")


class InputError(WenlintError):
    """An input that cannot be checked; the message is one line for the user."""


def label(encoding: str) -> str:
    """The name of a Document's encoding as people write it (`GB18030`)."""
    return LABELS.get(encoding, encoding)


def decode(data: bytes, path: str = "-") -> Document:
    """Decode the bytes of one input into a Document that records the
    encoding and how sure the decoder is of it (``confidence``, 0–1).

    Raises :class:`InputError` saying why for binary and undecodable input;
    an empty input is an empty UTF-8 document (clean, as ruff has it).
    """
    from wenlint.document import Document  # its text classes and prose map: only for a file linted

    kind = _binary_kind(data)
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    for mark, codec in _BOMS:
        if data.startswith(mark):
            text = _strict(data, codec)
            if "\0" in text:
                raise InputError("binary file (NUL bytes), not text")
            return Document.from_source(text, path, encoding=codec)
    if b"\0" in data:  # anywhere: a scan of the bytes, as cheap as a copy
        return _bomless_utf16(data, path)
    try:
        return Document.from_source(data.decode("utf-8"), path, encoding="utf-8")
    except UnicodeDecodeError as error:
        encoding, text, confidence = _detect(data, error)
    return Document.from_source(text, path, encoding=encoding, confidence=confidence)


def _binary_kind(data: bytes) -> str | None:
    """The format of a known binary file, from its first bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF"):
        return _RIFF.get(data[8:12], "RIFF file")
    return None


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid {label(codec)} (byte 0x{data[error.start]:02x} at offset {error.start}) "
            "although it starts with that byte-order mark"
        ) from None


def _bomless_utf16(data: bytes, path: str) -> Document:
    """UTF-16 without a byte-order mark holds NUL bytes (in its ASCII, and in
    characters such as `一`, U+4E00): it is read when one byte order gives
    ordinary text, plausible and without a control character that text
    never holds. Anything else holding NUL is binary."""
    from wenlint.document import Document

    if len(data) % 2 == 0:
        readings = []
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if not _NEVER_IN_TEXT.search(text):
                readings.append((_plausibility(text), codec, text))
        if readings:
            confidence, codec, text = max(readings)
            if confidence >= CONFIDENT:
                return Document.from_source(text, path, encoding=codec, confidence=round(confidence, 3))
    raise InputError("binary file (NUL bytes), not text")


def _detect(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str, float]:
    """The most plausible legacy Chinese reading of ``data``: (codec, text, confidence).

    A reading must decode strictly. It is ranked by how many of its non-ASCII
    characters are common Chinese characters or punctuation, lowered by
    charset-normalizer's mess measure (ties go to the codec listed first in
    CANDIDATES). A different reading almost as plausible (a few bytes that
    read as Chinese both in GB18030 and in Big5) halves the confidence.
    """
    from charset_normalizer import from_bytes

    readings = []
    for match in from_bytes(data, cp_isolation=list(CANDIDATES), threshold=MESS_THRESHOLD):
        try:
            text = data.decode(match.encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_plausibility(text) * (1 - match.chaos), -CANDIDATES.index(match.encoding), text))
    if not readings:
        if utf8_error.reason == "unexpected end of data":
            raise InputError(f"UTF-8 cut off in the middle of a character at the end (offset {utf8_error.start})")
        byte = data[utf8_error.start]
        raise InputError(
            f"unknown text encoding: not UTF-8 (byte 0x{byte:02x} at offset {utf8_error.start}), "
            "UTF-16, GB18030 or Big5"
        )
    readings.sort(reverse=True)
    score, rank, text = readings[0]
    if any(other > score - 0.1 and other_text != text for other, _, other_text in readings[1:]):
        score /= 2
    return CANDIDATES[-rank], text, round(score, 3)


def _plausibility(text: str) -> float:
    """The share of non-ASCII characters (in a sample) that are common
    Chinese characters or punctuation; 1.0 for pure ASCII."""
    sample = text[:SAMPLE_CHARS]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if not non_ascii:
        return 1.0
    familiar = len(sample) - len(sample.translate(_familiar_deleter()))
    return familiar / non_ascii


@lru_cache(maxsize=1)
def _familiar_deleter() -> dict[int, None]:
    """A str.translate table deleting the characters a Chinese text mostly
    consists of: the 3,755 common characters of GB2312 level 1, their
    Traditional forms, and CJK and full-width punctuation. (Big5's own
    level 1 is not used: it holds 5,401 characters in stroke order, rare
    ones included, and would make Big5 readings of GB18030 look fine.)"""
    import opencc

    common = _gb2312_level1()
    familiar = set(common)
    for config in ("s2t", "s2tw", "s2hk"):
        familiar.update(opencc.OpenCC(config).convert(common))
    familiar.update(map(chr, range(0x3000, 0x3040)))
    familiar.update(map(chr, range(0xFF01, 0xFF5F)))
    familiar.update("“”‘’…—–·•●■□○★☆\u00a0")
    return dict.fromkeys(map(ord, familiar))


def _gb2312_level1() -> str:
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:  # the end of row 0xD7
                pass
    return "".join(chars)
