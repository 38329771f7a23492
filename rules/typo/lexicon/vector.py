"""What the typo view works out over a whole text, with NumPy, for long
texts: the values of the pure-Python reference in ``view.py``, exactly, in
less time. Used only where numpy is installed (see ``view.vector``); numpy
is imported on first use, not with this module (the registry imports every
module of the rules' packages, and ``check`` must not load numpy).

Every character of the lexicon's in-word pairs gets a small number (0 for
any other character), and whether two characters meet inside some word is
one bit per pair of numbers (about 7,000² bits: 6 MB), built once from
the lexicon's followers and kept beside its cache: a text's joins are then
a few array operations on its code points, instead of a set look-up a
character.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache

from wenlint.textclass import han_table
from wenlint_rules.typo.lexicon.cache import kept_beside, lexicon

#: The bits of the hashes of the pieces :func:`held` looks for (a few thousand at a time):
#: of T005's places in web text, 16 let 28% through to the search, 18 only 8%.
_HELD_BITS = 18


def joins(numbers) -> bytes:
    """:attr:`TypoView.joins <wenlint_rules.typo.lexicon.view.TypoView.joins>` of a text, from its :func:`numbers`."""
    return _pairs().joins(numbers)


def meet(firsts, seconds):
    """Whether each of ``firsts`` and the same of ``seconds`` (numbers) meet inside some word, as 1 or 0."""
    return _pairs().meet(firsts, seconds)


def numbers(text: str):
    """The number of each character of ``text`` (see _Pairs), as an array of int64."""
    return _pairs().numbers(text)


def numbers_of(points):
    """The number of each of the code points ``points`` (see :func:`code_points`), as :func:`numbers` gives."""
    return _pairs().numbers_of(points)


def code_points(text: str):
    """The code points of ``text`` (a lone surrogate is one like any other), as an array of uint32."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def han(points):
    """Whether each of the code points ``points`` is a Chinese character (``textclass.han_table``), as an array of bool."""
    table = _han_table()
    return table[_pairs()._np.minimum(points, len(table) - 1)]


def han_count(points) -> int:
    """How many of the code points ``points`` are Chinese characters."""
    return int(_pairs()._np.count_nonzero(han(points)))


def characters(numbers) -> list[str]:
    """The character of each of ``numbers`` (none 0)."""
    return _pairs().characters(numbers)


def numbered() -> int:
    """How many numbers characters get, 0 included."""
    return _pairs().size


def absent(text: str, numbers, chars: str) -> list[str]:
    """The characters of ``chars`` that ``text`` (its :func:`numbers`) does
    not hold: one scatter over the text's numbers; a character numbered 0
    (like every character the lexicon's pairs lack) is looked for in the text."""
    np = _pairs()._np
    held = np.zeros(numbered(), dtype=bool)
    held[numbers] = True
    wanted = _pairs().numbers(chars)
    return [
        char
        for char, number, in_text in zip(chars, wanted.tolist(), held[wanted].tolist())
        if not in_text or not number and char not in text
    ]


def pair_words(at: int, left: int, right: int) -> list[tuple[int, int, int]]:
    """:meth:`Gap.pair_words <wenlint_rules.typo.lexicon.view.Gap.pair_words>` of a
    character ``at`` characters into its gap's text, from the costs of its
    two-character words with the neighbour before and after (-1: none)."""
    words = [(at - 1, at + 1, left)] if left >= 0 else []
    if right >= 0:
        words.append((at, at + 2, right))
    return words


class Pieces:
    """A set of strings of one to three characters, as numbers (one a
    string, from its characters'), to test many places of a text at once.
    A character the lexicon's pairs lack is numbered 0 like any other: where
    every character of the pieces meets another inside a word (they are
    numbered), a place holds a piece exactly when its numbers say so; else
    the places found are those that hold one, and maybe others (test them
    again). Kept as sorted keys (see piece_keys), which :func:`held`
    searches; or, ``indexed`` (pieces of two characters), as a bit for each
    pair of a first and a second character of a piece, which ``where`` and
    ``at`` read."""

    def __init__(self, pieces: Iterable[str], length: int, indexed: bool = False) -> None:
        pairs = _pairs()
        np = pairs._np
        chars = pairs.numbers("".join(pieces)).reshape(-1, length)
        if not indexed:
            self._keys = np.unique(piece_keys(chars.T))
            return
        self._rows, self._columns = np.zeros((2, pairs.size), dtype=np.int64)
        firsts, seconds = np.unique(chars[:, 0]), np.unique(chars[:, 1])
        self._rows[firsts] = np.arange(1, len(firsts) + 1)
        self._columns[seconds] = np.arange(1, len(seconds) + 1)
        self._width = len(seconds) + 1
        held = self._rows[chars[:, 0]] * self._width + self._columns[chars[:, 1]]
        self._bits = _bit_table(held, (len(firsts) + 1) * self._width)

    @classmethod
    def of_keys(cls, keys) -> Pieces:
        """The pieces (not ``indexed``) whose sorted keys (see piece_keys) are ``keys``."""
        pieces = cls.__new__(cls)
        pieces._keys = keys
        return pieces

    def where(self, numbers):
        """Every offset of a text (its ``numbers``) that may start a piece (``indexed``)."""
        return self._paired(numbers[:-1], numbers[1:]).nonzero()[0]

    def at(self, numbers, starts, places: tuple[int, int]):
        """For each of ``starts``, whether the characters at those offsets
        from it (``places``, one a character of a piece) may be a piece
        (``indexed``); whatever for a start whose places are outside the text."""
        return self._paired(*(numbers.take(starts + place, mode="clip") for place in places))

    def _paired(self, firsts, seconds):
        """Whether each character of ``firsts`` with the one of ``seconds`` may be a piece."""
        return _bits_at(self._bits, self._rows[firsts] * self._width + self._columns[seconds]).view(bool)


def held(sets: list[Pieces], which, numbers, starts, places: tuple[int, ...]):
    """:meth:`Pieces.at` of many sets of pieces of one length at once: for
    each of ``starts``, whether the characters at ``places`` from it may be
    a piece of ``sets[which[i]]``. Single characters are read from a row of
    the sets' numbers a set; longer pieces found in one search of all the
    sets' numbers, each set's after the last's (its index before a piece's
    number), a KeySet: most places hold none."""
    np = _pairs()._np
    sizes = [len(pieces._keys) for pieces in sets]
    keys = np.concatenate([pieces._keys for pieces in sets] or [np.zeros(0, dtype=np.int64)])
    columns = [numbers.take(starts + place, mode="clip") for place in places]
    if len(places) == 1:
        rows = np.zeros((len(sets), numbered()), dtype=bool)
        rows[np.arange(len(sets)).repeat(sizes), keys] = True
        return rows[which, columns[0]]
    span = numbered() ** len(places)
    keys += np.arange(len(sets), dtype=np.int64).repeat(sizes) * span
    return KeySet(keys, _HELD_BITS).find(which * span + piece_keys(columns))[1]


def piece_keys(columns):
    """One number for each place's characters, from their numbers (``columns``,
    a row a character): in the order of their strings."""
    size, key = numbered(), 0
    for column in columns:
        key = key * size + column
    return key


class KeySet:
    """Sorted keys (see piece_keys) and a table of their hashes (see
    :func:`hashed`), for a search of many keys most of which are not there:
    a key whose hash is not set is told absent in one look-up, and only the
    others are searched."""

    def __init__(self, keys, bits: int = 22) -> None:
        import numpy as np

        self.keys, self._bits = keys, bits
        self._hashes = np.zeros(1 << bits, dtype=bool)
        self._hashes[hashed(keys, bits)] = True

    def may_hold(self, wanted):
        """Whether each of ``wanted`` may be among the keys (its hash is set): every one that is, and some others."""
        return self._hashes[hashed(wanted, self._bits)]

    def find(self, wanted):
        """What :func:`find_sorted` finds of ``wanted`` among the keys (where
        one is not, its place is 0)."""
        import numpy as np

        maybe = self.may_hold(wanted).nonzero()[0]
        at, found = np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
        at[maybe], found[maybe] = find_sorted(self.keys, wanted[maybe])
        return at, found


def hashed(keys, bits: int):
    """A hash of ``bits`` bits of each of ``keys`` (Fibonacci hashing: the top bits of their product with 2**64
    divided by the golden ratio)."""
    import numpy as np

    return (keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - bits)


def find_sorted(keys, wanted):
    """Where each of ``wanted`` is or would be among the sorted ``keys`` (the
    last, past them), and whether it is there."""
    import numpy as np

    if not len(keys):
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return at, keys[at] == wanted


class _Pairs:
    """The in-word pairs of characters: each character's number (see
    :func:`_built_pairs`), the character of each number, and whether the
    characters of two numbers meet inside some word, as bits."""

    def __init__(self, numbers, chars: str, bits) -> None:
        import numpy as np

        self._np = np
        #: code point -> its number (1 up); the last entry, 0, stands for every code point past the table
        self._numbers = numbers
        self._chars = ["", *map(sys.intern, chars)]  # number -> its character
        self.size = len(chars) + 1  # the numbers and 0
        self._bits = bits

    def joins(self, numbers) -> bytes:
        return self.meet(numbers[:-1], numbers[1:]).tobytes() + b"\0"

    def meet(self, firsts, seconds):
        return _bits_at(self._bits, firsts * self.size + seconds)

    def numbers(self, text: str):
        return self.numbers_of(code_points(text))

    def numbers_of(self, points):
        return self._numbers[self._np.minimum(points, len(self._numbers) - 1)]

    def characters(self, numbers) -> list[str]:
        return [*map(self._chars.__getitem__, numbers.tolist())]


def _built_pairs() -> tuple:
    """What :class:`_Pairs` is made of, from the lexicon's followers
    (character -> the characters that follow it inside some word,
    concatenated): the number of each code point (by code point, the
    characters of the pairs 1 up), those characters, and the bits of the
    pairs of their numbers."""
    import numpy as np

    followers = lexicon().follower_sets.listed
    firsts = code_points("".join(char * len(listed) for char, listed in followers.items()))
    seconds = code_points("".join(followers.values()))
    chars = np.union1d(firsts, seconds)
    numbers = np.zeros(int(chars[-1]) + 2 if len(chars) else 1, dtype=np.int64)
    numbers[chars] = np.arange(1, len(chars) + 1)
    size = len(chars) + 1
    bits = _bit_table(np.unique(numbers[firsts] * size + numbers[seconds]), size**2)
    return numbers, "".join(map(chr, chars.tolist())), bits


def _bit_table(held, size: int):
    """``size`` bits, those at ``held`` set, eight a byte (an array of uint8), for :func:`_bits_at`."""
    import numpy as np

    bits = np.zeros((size + 7) // 8, dtype=np.uint8)
    np.bitwise_or.at(bits, held >> 3, np.left_shift(1, held & 7).astype(np.uint8))
    return bits


def _bits_at(bits, at):
    """The bits of a :func:`_bit_table` at ``at``, as 1 or 0 (an array of uint8)."""
    import numpy as np

    return (bits[at >> 3] >> (at & 7).astype(np.uint8)) & 1


@cache
def _han_table():
    """Code point -> whether it is a Chinese character, up to the last one
    (the entry past it stands for every later code point: none is): textclass.han_table."""
    import numpy as np

    return np.frombuffer(han_table(), dtype=bool)


@cache
def _pairs() -> _Pairs:
    """The lexicon's in-word pairs, kept between runs beside its cache: building them takes ~0.08 CPU-s."""
    return _Pairs(*kept_beside("typo-pairs", _built_pairs))
