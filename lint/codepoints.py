"""Finding candidates in C, without numpy, for rules that would otherwise
try a pattern at every character.

Rules that look for text repeated at a short distance (`组织组织`, `堡堡垒垒`)
compare the text with itself shifted through :func:`recurring`: the low
byte of each code point, held as one integer, is XORed with itself shifted
(a zero byte where two characters may be equal), and the zero bytes are
marked by arithmetic that carries no bit across bytes and found by a byte
pattern. Equal low bytes do not
make equal characters, so the offsets are candidates, a superset of the
true ones: the rules then run their exact test (often a regular
expression) only there, through :func:`matches_from`.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: The byte :func:`recurring` marks an offset with.
_HIGH = re.compile(b"\x80")


def low_bytes(text: str) -> int:
    """The low byte of each code point of ``text``, as one integer (byte ``i``
    is character ``i``'s), for :func:`recurring`."""
    return int.from_bytes(text.encode("utf-32-le", "surrogatepass")[::4], "little")


#: Characters :func:`recurring` compares at a time: its integers stay a few
#: hundred kilobytes, however large the text.
_PIECE = 1 << 16


def recurring(text: str, distances: Sequence[int], at: Sequence[int] = (0,)) -> Iterator[int]:
    """The offsets ``i`` (ascending) where, for one of ``distances``, the
    characters at ``i + k`` (each ``k`` of ``at``) may recur that far on:
    every offset where they do, and some where only their low bytes do.
    A piece of _PIECE offsets at a time (with the characters they are
    compared with), so neither the integers nor the offsets of a large text
    are held all at once."""
    reach = max(distances) + max(at)
    for start in range(0, len(text), _PIECE):
        piece = text[start : start + _PIECE + reach]
        for offset in _recurring_in(piece, distances, at, _PIECE):
            yield start + offset


def _recurring_in(text: str, distances: Sequence[int], at: Sequence[int], limit: int) -> list[int]:
    """:func:`recurring`'s offsets in ``text`` below ``limit``."""
    size = len(text)
    low = low_bytes(text)
    ones = ((1 << (8 * size)) - 1) // 0xFF  # 0x0101…01, a byte per character
    sevens = ones * 0x7F
    contiguous = list(at) == list(range(len(at))) and len(at) & (len(at) - 1) == 0  # 0, 1, … a power of two
    differs = -1  # byte i's high bit set while no distance may repeat the characters at i
    for distance in distances:
        differ = low ^ (low >> (8 * distance))  # byte i: zero where characters i and i + distance may be equal
        if contiguous:  # byte i: zero where those at i + k may be equal, each k of at
            step = 1
            while step < len(at):
                differ |= differ >> (8 * step)
                step *= 2
        else:
            differ = functools.reduce(operator.or_, (differ >> (8 * k) for k in at))
        differs &= ((differ & sevens) + sevens) | differ  # high bit set where not zero: no carry crosses bytes
    marked = (~differs & (ones << 7)).to_bytes(size, "little") if size else b""
    found = [match.start() for match in _HIGH.finditer(marked, 0, limit)]
    # near the end the shifted text reads zero bytes past it: those offsets are tested character by character
    tail = bisect.bisect_left(found, size - max(distances) - max(at))
    return found[:tail] + [i for i in found[tail:] if _recurs(text, i, distances, at)]


def _recurs(text: str, i: int, distances: Sequence[int], at: Sequence[int]) -> bool:
    """Whether the characters at ``i + k`` (each ``k`` of ``at``) recur one of ``distances`` on."""
    return any(
        i + distance + max(at) < len(text) and all(text[i + k] == text[i + k + distance] for k in at)
        for distance in distances
    )


def matches_from(pattern: Any, text: str, starts: Iterable[int]) -> Iterator[Any]:
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
