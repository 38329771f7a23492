"""Finding candidates in C, without numpy, for rules that would otherwise
try a pattern at every character.

Rules that look for text repeated at a short distance (`组织组织`, `堡堡垒垒`)
compare the text with itself shifted through :func:`marks`: the low
byte of each code point, held as one integer, is XORed with itself shifted
(a zero byte where two characters may be equal), and the zero bytes are
marked by arithmetic that carries no bit across bytes, a byte per offset,
which the rules walk with ``bytes.find``. Equal low bytes do not
make equal characters, so the offsets are candidates, a superset of the
true ones (more so when only the low 4 bits are compared, as for runs of
4 characters, in integers half as large): the rules then run their exact test (often a regular
expression) only there, through :func:`matches_from`.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: What :func:`marks` marks an offset with.
MARK = 0x80
#: Characters :func:`marks` compares at a time (a multiple of 4): its
#: integers stay a few hundred kilobytes, however large the text.
_PIECE = 1 << 16
#: bytes.translate tables: a byte's low 4 bits; MARK where a byte's bit 3, or bit 7, is set.
_LOW_NIBBLE = bytes(value & 0x0F for value in range(256))
_LOW_FIELD_SET = bytes(MARK if value & 0x08 else 0 for value in range(256))
_HIGH_FIELD_SET = bytes(MARK if value & 0x80 else 0 for value in range(256))


def utf32_pieces(text: str) -> Iterator[bytes]:
    """``text`` in UTF-32 (little-endian), _PIECE characters at a time, so
    that the four bytes a character of a large text are never all held."""
    for start in range(0, len(text), _PIECE):
        yield text[start : start + _PIECE].encode("utf-32-le", "surrogatepass")


def class_body(chars: Iterable[str]) -> str:
    """The body of a ``re`` class matching exactly ``chars``: runs of
    consecutive code points as ranges (compiled in half the time of each
    character listed)."""
    codes = sorted(set(map(ord, chars)))
    parts = []
    start = 0
    for end in range(len(codes)):
        if end + 1 == len(codes) or codes[end + 1] != codes[end] + 1:
            first, last = chr(codes[start]), chr(codes[end])
            parts.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
            start = end + 1
    return "".join(parts)


def marks(
    text: str, low: bytes, distances: Sequence[int], at: Sequence[int] = (0,), width: int = 8
) -> Iterator[tuple[int, bytes]]:
    """For each piece of _PIECE offsets of ``text`` (``low``: the low byte
    of each of its code points, byte ``i`` character ``i``'s), ``(start, marked)``: ``marked[i]`` is MARK where, for
    one of ``distances``, the characters at ``start + i + k`` (each ``k`` of
    ``at``) may recur that far on (every offset where they do, and some where
    only the low ``width`` bits of their code points do: 8, or 4 for half
    the work where ``at`` holds enough characters to keep chance agreements
    rare), and 0 elsewhere. A piece at a time (with the characters it is
    compared with), so the integers of a large text are never held all at once."""
    reach = max(distances) + max(at)
    for start in range(0, len(text), _PIECE):
        yield start, _marked(text, low, start, distances, at, reach, width)


def _marked(
    text: str, low: bytes, start: int, distances: Sequence[int], at: Sequence[int], reach: int, width: int
) -> bytes:
    """:func:`marks`' bytes for the piece of ``text`` at ``start``: the
    characters are compared as fields of ``width`` bits of one integer."""
    piece = low[start : start + _PIECE + reach]
    size = len(piece)
    bits = int.from_bytes(piece, "little") if width == 8 else _nibbles(piece)
    ones = ((1 << (width * size)) - 1) // ((1 << width) - 1)  # 0x0101…01: a 1 per character
    sevens = ones * ((1 << (width - 1)) - 1)
    contiguous = list(at) == list(range(len(at))) and len(at) & (len(at) - 1) == 0  # 0, 1, … a power of two
    differs = -1  # field i's high bit set while no distance may repeat the characters at i
    for distance in distances:
        differ = bits ^ (bits >> (width * distance))  # field i: zero where characters i and i + distance may be equal
        if contiguous:  # field i: zero where those at i + k may be equal, each k of at
            step = 1
            while step < len(at):
                differ |= differ >> (width * step)
                step *= 2
        else:
            differ = functools.reduce(operator.or_, (differ >> (width * k) for k in at))
        differs &= ((differ & sevens) + sevens) | differ  # high bit set where not zero: no carry crosses fields
    high = ~differs & (ones << (width - 1))
    marked = (high.to_bytes(size, "little") if width == 8 else _spread(high, size))[:_PIECE]
    # near the text's end the shifted text reads zero bytes past it: those offsets are tested character by character
    tail = max(0, len(text) - start - reach)
    if tail >= len(marked):
        return marked
    return marked[:tail] + bytes(
        MARK if marked[i] and _recurs(text, start + i, distances, at) else 0 for i in range(tail, len(marked))
    )


def _nibbles(piece: bytes) -> int:
    """The low 4 bits of each byte of ``piece``, as 4-bit fields of one integer."""
    spaced = int.from_bytes(piece.translate(_LOW_NIBBLE), "little")  # a nibble in each byte
    paired = spaced | (spaced >> 4)  # byte 2j: nibbles 2j and 2j + 1
    return int.from_bytes(paired.to_bytes(len(piece), "little")[::2], "little")


def _spread(fields: int, size: int) -> bytes:
    """MARK for each of ``size`` 4-bit fields of ``fields`` whose high bit is set, else 0: a byte each."""
    packed = fields.to_bytes((size + 1) // 2, "little")
    spread = bytearray(2 * len(packed))
    spread[0::2] = packed.translate(_LOW_FIELD_SET)
    spread[1::2] = packed.translate(_HIGH_FIELD_SET)
    return bytes(spread[:size])


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
