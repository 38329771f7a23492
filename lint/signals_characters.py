"""The document signals of characters (see :mod:`wenlint.signals`): the
share of Chinese characters (ChineseWebText's), a floor under it, and the
share of special characters (data-juicer's)."""

from __future__ import annotations

import re
from typing import Any

import regex

from wenlint.textclass import count_han

#: Runs of data-juicer's special characters: whitespace, punctuation,
#: symbols and digits (by Unicode category, not its hand-made list).
_SPECIALS = regex.compile(r"[\s\p{P}\p{S}\p{Nd}]+")


def character_signals(doc: Any) -> dict[str, float]:
    """The share of Chinese characters."""
    text = doc.text
    # the characters of no run of blanks (`\s`): str.split's blanks are those and the separators U+001C–U+001F
    non_blank = sum(map(len, text.split())) + sum(map(text.count, "\x1c\x1d\x1e\x1f"))
    han = count_han(text)
    return {"han_chars": float(han), "han_ratio": han / non_blank if non_blank else 0.0}


#: Every byte but the first bytes of the UTF-8 of U+4000–U+9FFF, and the characters of that block that
#: are no Chinese character in some Unicode version (the end of CJK extension A, the hexagrams, the
#: last unified ideographs): a text without these has a Chinese character for each such first byte.
_NOT_LEADING = bytes(sorted(set(range(256)) - set(range(0xE4, 0xEA))))
_UNSURE_HAN = re.compile("[\u4db6-\u4dff\u9fa6-\u9fff]")


def character_floors(doc: Any) -> dict[str, float]:
    """For each signal of the Chinese characters, a value it is not under,
    for less work: the characters of U+4000–U+4DB5 and U+4E00–U+9FA5 (Chinese
    characters in every Unicode version) counted from the first bytes of the
    text's UTF-8 (none where the text holds a character of that block that is
    not one of those), their share of all the text's characters (blanks too).
    A minimum the floor meets needs the signal no more."""
    text = doc.text
    han = 0 if _UNSURE_HAN.search(text) else len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_LEADING))
    return {"han_chars": float(han), "han_ratio": han / len(text) if text else 0.0}


def special_character_signals(doc: Any) -> dict[str, float]:
    """The share of special characters."""
    text = doc.text
    return {"special_char_ratio": sum(map(len, _SPECIALS.findall(text))) / len(text) if text else 0.0}
