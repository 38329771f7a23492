"""What the typo view works out over a whole text, with NumPy, for long
texts: the values of the pure-Python reference in ``view.py``, exactly, in
less time. Used only where numpy is installed (see ``view.vector``); numpy
is imported on first use, not with this module (the registry imports every
module of the rules' packages, and ``check`` must not load numpy).

Every character of the lexicon's in-word pairs gets a small number (0 for
any other character), and whether two characters meet inside some word is
one bit per pair of numbers (about 7,000² bits: 6 MB), built on first use
from the lexicon's followers (~0.05 CPU-s): a text's joins are then a few
array operations on its code points, instead of a set look-up a character.
"""

from __future__ import annotations

from functools import cache

from wenlint_rules.typo.lexicon.cache import lexicon


def joins(text: str) -> bytes:
    """:attr:`TypoView.joins <wenlint_rules.typo.lexicon.view.TypoView.joins>` of ``text``."""
    return _pairs().joins(text)


class _Pairs:
    """The in-word pairs of characters of a table of followers (character ->
    the characters that follow it inside some word, concatenated), as bits."""

    def __init__(self, followers: dict[str, str]) -> None:
        import numpy as np

        self._np = np
        firsts = self._code_points("".join(char * len(listed) for char, listed in followers.items()))
        seconds = self._code_points("".join(followers.values()))
        chars = np.union1d(firsts, seconds)
        #: code point -> its number (1 up); the last entry, 0, stands for every code point past the table
        self._numbers = np.zeros(int(chars[-1]) + 2 if len(chars) else 1, dtype=np.int64)
        self._numbers[chars] = np.arange(1, len(chars) + 1)
        self._size = len(chars) + 1
        pairs = np.unique(self._numbers[firsts] * self._size + self._numbers[seconds])
        self._bits = np.zeros((self._size * self._size + 7) // 8, dtype=np.uint8)
        np.bitwise_or.at(self._bits, pairs >> 3, np.left_shift(1, pairs & 7).astype(np.uint8))

    def joins(self, text: str) -> bytes:
        np = self._np
        numbers = self._numbers[np.minimum(self._code_points(text), len(self._numbers) - 1)]
        pairs = numbers[:-1] * self._size + numbers[1:]
        met = (self._bits[pairs >> 3] >> (pairs & 7).astype(np.uint8)) & 1
        return met.tobytes() + b"\0"

    def _code_points(self, text: str):
        """The code points of ``text`` (a lone surrogate is one like any other)."""
        return self._np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=self._np.uint32)


@cache
def _pairs() -> _Pairs:
    return _Pairs(lexicon().follower_sets.listed)
