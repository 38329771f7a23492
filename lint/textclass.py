"""Character classes that rules share."""

from __future__ import annotations

import regex

#: One Chinese character (any CJK ideograph block, and 〇).
HAN = regex.compile(r"[\p{Han}〇]")

#: Full-width punctuation that belongs to Chinese prose.
CJK_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·")

#: Punctuation that closes a phrase, after which a half-width mark is out of place.
CJK_CLOSING = frozenset("”’）》〉】」』〕")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Chinese character."""
    return HAN.match(char) is not None


def is_chinese(char: str) -> bool:
    """A Chinese character or full-width Chinese punctuation."""
    return char in CJK_PUNCTUATION or HAN.match(char) is not None


def is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
