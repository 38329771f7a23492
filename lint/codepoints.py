"""Finding candidates in C, without numpy, for rules that would otherwise
try a pattern at every character.

Rules that look for text repeated at a short distance (`组织组织`, `堡堡垒垒`)
compare the text with itself shifted through :func:`recurring`: the low
byte of each code point, held as one integer, is XORed with itself shifted
(a zero byte where two characters may be equal), and the zero runs are
found by ``bytes.translate`` and a byte pattern. Equal low bytes do not
make equal characters, so the offsets are candidates, a superset of the
true ones: the rules then run their exact test (often a regular
expression) only there, through :func:`matches_from`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: A zero byte (two equal low bytes) becomes 1, any other byte 0.
_ZERO_TO_ONE = bytes([1]) + bytes(255)
_ONE = re.compile(b"\x01")


def low_bytes(text: str) -> int:
    """The low byte of each code point of ``text``, as one integer (byte ``i``
    is character ``i``'s), for :func:`recurring`."""
    return int.from_bytes(text.encode("utf-32-le", "surrogatepass")[::4], "little")


def recurring(text: str, distances: Iterable[int], at: Sequence[int] = (0,), low: int | None = None) -> list[int]:
    """The offsets ``i`` (ascending) where, for one of ``distances``, the
    characters at ``i + k`` (each ``k`` of ``at``) may recur that far on:
    every offset where they do, and some where only their low bytes do.
    ``low`` is :func:`low_bytes` of ``text``, if already made."""
    size = len(text)
    low = low_bytes(text) if low is None else low
    found = 0
    for distance in distances:
        valid = size - distance - max(at)  # offsets whose characters and their copies lie inside the text
        if valid <= 0:
            continue
        differ = low ^ (low >> (8 * distance))  # byte i: zero where characters i and i + distance may be equal
        differ = _or_shifted(differ, at)
        same = differ.to_bytes(size, "little")[:valid].translate(_ZERO_TO_ONE)
        found |= int.from_bytes(same, "little")
    if not found:
        return []
    return [match.start() for match in _ONE.finditer(found.to_bytes(size, "little"))]


def _or_shifted(differ: int, at: Sequence[int]) -> int:
    """Byte i: the OR of ``differ``'s bytes ``i + k``, each ``k`` of ``at``."""
    combined = 0
    for k in at:
        combined |= differ >> (8 * k)
    return combined


def matches_from(pattern: Any, text: str, starts: Sequence[int]) -> Iterator[Any]:
    """The matches ``pattern.finditer(text)`` finds, trying only ``starts``
    (ascending; every offset a match can begin at must be among them; the
    pattern never matches empty text)."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            resume = match.end()
