"""Where a text's Chinese characters may be, a byte per character, for
rules that mark candidates in C (:func:`wenlint.codepoints.marks`) and want
those near a Chinese character only. Defines no rule."""

from __future__ import annotations

from wenlint.codepoints import MARK, utf32_pieces

#: bytes.translate tables, MARK where a character may be Chinese (``\\p{Han}``, 〇): by the second byte
#: of its code point (U+2E80–U+2FFF, U+3400–U+9FFF, U+F900–U+FAFF), by the third (past U+FFFF), and in
#: U+3000–U+303F, which holds punctuation and the ideographic space, by the first (々〇〡–〩〸–〻).
_HAN_PAGES = bytes(MARK if page in (0x2E, 0x2F, 0xF9, 0xFA) or 0x34 <= page <= 0x9F else 0 for page in range(256))
_NOT_BMP = bytes([0]) + bytes([MARK]) * 255
_PAGE_30 = bytes(MARK if page == 0x30 else 0 for page in range(256))
_HAN_IN_30 = bytes(
    MARK if low in (0x05, 0x07) or 0x21 <= low <= 0x29 or 0x38 <= low <= 0x3B else 0 for low in range(256)
)


def low_and_han(text: str) -> tuple[bytes, bytes]:
    """The low byte of each code point of ``text`` (byte ``i`` character
    ``i``'s, for :func:`wenlint.codepoints.marks`), and MARK for each character that
    may be Chinese (a superset: every one that is), else 0; a piece at a time."""
    low, han = [], []
    for code in utf32_pieces(text):
        first, second, third = code[::4], code[1::4], code[2::4]
        low.append(first)
        pages = int.from_bytes(second.translate(_HAN_PAGES), "little")
        astral = int.from_bytes(third.translate(_NOT_BMP), "little")
        in_30 = int.from_bytes(second.translate(_PAGE_30), "little")
        in_30 &= int.from_bytes(first.translate(_HAN_IN_30), "little")
        han.append((pages | astral | in_30).to_bytes(len(first), "little"))
    return b"".join(low), b"".join(han)
