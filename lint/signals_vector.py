"""The n-gram signals of :mod:`wenlint.signals` computed with NumPy, for long
documents: the values of the pure-Python functions there (the reference),
exactly, in less time.

Repeats are found by a polynomial hash of the text (the sum of each
character's code point times B^j, B odd, in wrapping 64-bit arithmetic):
any substring's hash is two look-ups in prefix sums and a product, for every
start at once. Equal texts hash equal, so the starts whose hash recurs hold
every start whose text recurs, and a collision only adds a start, which the
comparison of the real strings passes over: the values never rest on a hash.

* Word n-grams are counted on integer keys: the words' hashes numbered
  (kept only when the words of each number are one text, compared character
  by character), and an
  n-gram's key is the number of its first n − 1 words among the distinct
  (n − 1)-grams times the number of distinct words plus its last word's, so
  no key overflows however long the document.
* Duplicated n-grams: the reference's walk, over only the starts whose
  n-gram's hash recurs, meeting an n-gram by its hash.
* Character repetition: an n-gram whose hash is met once is met once; the
  others are counted as strings.

Equal keys are found by sorting each with its place in its low bits (a sort
is faster than an argsort), so hashes are compared modulo 2**64 over those
bits: as good a polynomial hash, a collision as harmless.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property

import numpy as np

from wenlint.signals import top_gram, walk

_BASE = 0x9E3779B97F4A7C15  # odd: it has an inverse modulo 2**64
_UNBASE = pow(_BASE, -1, 2**64)
#: How many powers of the base (and of its inverse) are kept between texts: 2 MB of each.
KEPT_POWERS = 2**18
_KEPT: dict[int, np.ndarray] = {}


def word_units(words: Sequence[str]) -> _Units:
    """The words made ready for :func:`top_grams`, :func:`top_ceilings` and
    :func:`duplicated_grams`, once for all three."""
    return _Units(words)


def character_grams(text: str, repetition_n: int, duplicated_n: int) -> tuple[float, int]:
    """:func:`wenlint.signals.character_grams`."""
    units = _Units(text)
    return _char_repetition(units, repetition_n), duplicated_grams(units, [duplicated_n])[duplicated_n]


def top_grams(units: _Units, sizes: Iterable[int]) -> dict[int, int]:
    """:func:`wenlint.signals.top_grams`."""
    sizes = list(sizes)
    words, ids = units.units, units.ids
    if not units.alike(ids):  # two words hash alike
        return {n: top_gram(words, n) for n in sizes}
    variety = int(ids.max(initial=-1)) + 1
    result = dict.fromkeys(sizes, 0)
    groups = ids  # for each n-gram, a number its copies share
    for n in range(1, min(max(sizes, default=0), len(words)) + 1):
        if n > 1:
            groups = _groups(groups[:-1] * variety + ids[n - 1 :], exact=True)
        if n not in result:
            continue  # (a shorter one than asked for: only its numbers are needed, for the longer ones)
        counts = np.bincount(groups)
        most = int(counts.max())
        first = int(np.argmax(counts[groups] == most))  # the first seen among the most frequent
        result[n] = (sum(map(len, words[first : first + n])) + n - 1) * most
    return result


def top_ceilings(units: _Units, sizes: Iterable[int]) -> dict[int, int]:
    """For each n of ``sizes``, at least :func:`top_grams`' value, for less
    work: an n-gram is met no more often than the least frequent of its
    words, so no top n-gram exceeds the largest of (its characters, with
    n − 1 spaces) times (the count of its least frequent word) over the
    n-grams of the text. Words whose hashes collide are counted as one (a
    larger count: still at least the value)."""
    offsets, counts = units.offsets, np.bincount(units.ids)[units.ids]
    least = counts  # for each n-gram, the count of its least frequent word
    result = dict.fromkeys(sizes, 0)
    for n in range(1, max(result, default=0) + 1):
        if n > 1:
            least = np.minimum(least[:-1], counts[n - 1 :])
        if n in result:
            result[n] = int(((offsets[n:] - offsets[:-n] + n - 1) * least).max(initial=0))
    return result


#: The copies :meth:`_Units.copied` compares with their originals at a time.
COMPARED_AT_ONCE = 1 << 16


def duplicated_grams(units: _Units, sizes: Iterable[int]) -> dict[int, int]:
    """:func:`wenlint.signals.duplicated_grams`, walking only the starts
    whose n-gram's hash recurs."""
    offsets, sizes = units.offsets, list(sizes)
    # as in the reference, a start is a candidate when its first `shortest` characters recur
    shortest = min(sizes)
    candidates = np.flatnonzero(offsets[:-1] + shortest <= len(units.text))
    heads = offsets[candidates]
    candidates = candidates[_shared(units.hashes(heads, heads + shortest))]
    # the n-grams of each n at the candidates (those with n units after them: the first `counts[n]`),
    # hashed, sorted and walked one n at a time, so that one n's starts are held at once, not every n's
    counts = np.searchsorted(candidates, len(offsets) - np.array(sizes)).tolist()
    starts = units.starts(offsets[candidates])

    def recurring(n: int, count: int) -> tuple[list[int], list[int]]:
        """The candidates whose n-gram's hash recurs, and those hashes."""
        keys = starts.hashes(offsets[candidates[:count] + n], count)
        shared = np.flatnonzero(_shared(keys))
        return candidates[shared].tolist(), keys[shared].tolist()

    copied = {}
    for n, count in zip(sizes, counts):
        copied[n] = units.copied(n, *_walk(n, *recurring(n, count)))
        if copied[n] is None:  # a collision: the reference walks
            return {n: walk(units.text, units.walked, n, recurring(n, count)[0]) for n, count in zip(sizes, counts)}
    return copied


def _walk(n: int, starts: list[int], keys: list[int]) -> tuple[list[int], list[int]]:
    """The reference's walk (:func:`wenlint.signals.walk`) over the
    recurring ``starts``, meeting each n-gram by its hash (``keys``): the
    copies, each an n-gram whose hash was met, and the starts of the n-grams
    met first with their hashes (their originals, if their texts are equal:
    :meth:`_Units.copied`)."""
    met: dict[int, int] = {}  # for each hash, the start the walk met it at
    copies: list[int] = []
    originals: list[int] = []
    stepped_to = 0
    for start, key in zip(starts, keys):
        if start < stepped_to:
            continue
        seen = met.setdefault(key, start)
        if seen != start:
            copies.append(start)
            originals.append(seen)
            stepped_to = start + n
    return copies, originals


def _char_repetition(units: _Units, n: int) -> float:
    """:func:`wenlint.signals.char_repetition`."""
    text = units.text
    total = len(text) - n + 1
    if total <= 0:
        return 0.0
    starts = units.offsets[:total]
    maybe = np.flatnonzero(_shared(units.hashes(starts, starts + n)))
    counts = Counter(text[start : start + n] for start in maybe.tolist())
    distinct = total - len(maybe) + len(counts)
    repeated = sorted((count for count in counts.values() if count > 1), reverse=True)
    return sum(repeated[: math.isqrt(distinct)]) / total


class _Units:
    """Words, or the characters of a text (``units``): the text they make
    (``text``) and its code points (``codes``), where each starts and the
    last ends (``offsets``; ``walked``, as a sequence for the walk), and the
    prefix sums of its characters' hashes."""

    def __init__(self, units: str | Sequence[str]) -> None:
        self.units = units
        self.offsets: np.ndarray
        if isinstance(units, str):
            self.text = units
            self.offsets = np.arange(len(units) + 1)
        else:
            self.text = "".join(units)
            self.offsets = np.zeros(len(units) + 1, np.int64)
            np.cumsum(np.fromiter(map(len, units), np.int64, len(units)), out=self.offsets[1:])
        size = len(self.text)
        # surrogatepass: a lone surrogate (the API's or a server's text may hold one) is its code point too
        self.codes = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), np.uint32)
        self._prefix = np.zeros(size + 1, np.uint64)
        np.cumsum(self.codes * _powers(_BASE, size)[:size], out=self._prefix[1:])
        self._unshift = _powers(_UNBASE, size)

    @cached_property
    def walked(self) -> Sequence[int]:
        """The offsets as a sequence, for the reference's walk."""
        return range(len(self.text) + 1) if isinstance(self.units, str) else self.offsets.tolist()

    @cached_property
    def ids(self) -> np.ndarray:
        """For each unit, a number shared by the units that hash alike (the
        same text, unless :meth:`alike` says otherwise)."""
        return _groups(self.hashes(self.offsets[:-1], self.offsets[1:]))

    def alike(self, groups: np.ndarray) -> bool:
        """Whether the units that share a number of ``groups`` are the same text."""
        ones = np.empty(int(groups.max(initial=-1)) + 1, np.intp)
        ones[groups] = np.arange(len(groups))  # one unit of each group (whichever came last)
        starts, lengths = self.offsets[:-1], np.diff(self.offsets)
        if not np.array_equal(lengths, lengths[ones[groups]]):
            return False
        # each character beside the one as far into its group's unit
        shift = np.repeat(starts[ones[groups]] - starts, lengths)
        return np.array_equal(self.codes, self.codes[np.arange(len(self.codes)) + shift])

    def hashes(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The hash of ``text[start:end]`` for each pair of character
        offsets, its length mixed in."""
        return self.starts(starts).hashes(ends, len(starts))

    def starts(self, starts: np.ndarray) -> _Starts:
        """Character offsets at which texts of several lengths are hashed."""
        return _Starts(self._prefix, self._unshift, starts)

    def copied(self, n: int, copies: list[int], originals: list[int]) -> int | None:
        """The characters of the ``copies`` of n units each (a walk's: they
        do not overlap), if the text of each is that of its start in
        ``originals`` (else None). Compared :data:`COMPARED_AT_ONCE` copies
        at a time, so that a repetitive text's many copies take little memory."""
        total = 0
        for low in range(0, len(copies), COMPARED_AT_ONCE):
            high = low + COMPARED_AT_ONCE
            chars = self._copied(n, np.array(copies[low:high], np.intp), np.array(originals[low:high], np.intp))
            if chars is None:
                return None
            total += chars
        return total

    def _copied(self, n: int, copies: np.ndarray, originals: np.ndarray) -> int | None:
        """:meth:`copied` for some of the copies."""
        offsets, codes = self.offsets, self.codes
        begins, lengths = offsets[copies], offsets[copies + n] - offsets[copies]
        if not np.array_equal(lengths, offsets[originals + n] - offsets[originals]):
            return None
        # each character of a copy beside the one as far into its original
        ends = np.cumsum(lengths)
        shift = np.repeat(begins - offsets[originals], lengths)
        places = np.arange(len(shift)) + np.repeat(begins - ends + lengths, lengths)
        if not np.array_equal(codes[places], codes[places - shift]):
            return None
        return int(ends[-1]) if len(ends) else 0


class _Starts:
    """Character offsets (``starts``) and what hashing a text from each needs."""

    def __init__(self, prefix: np.ndarray, unshift: np.ndarray, starts: np.ndarray) -> None:
        self._prefix = prefix
        self.offsets = starts
        self._before = prefix[starts]
        self._unshift = unshift[starts]

    def hashes(self, ends: np.ndarray, count: int) -> np.ndarray:
        """The hash of the text from each of the first ``count`` starts to its end of ``ends``, its length mixed in."""
        starts = self.offsets[:count]
        return (self._prefix[ends] - self._before[:count]) * self._unshift[:count] + (ends - starts).astype(np.uint64)


def _powers(base: int, size: int) -> np.ndarray:
    """``base**j`` modulo 2**64 for j below ``size`` or more: the first
    :data:`KEPT_POWERS` of them worked out once."""
    kept = _KEPT.get(base)
    if kept is not None and len(kept) >= size:
        return kept
    powers = np.full(max(size, KEPT_POWERS), base, np.uint64)
    powers[0] = 1
    np.cumprod(powers, out=powers)
    if len(powers) == KEPT_POWERS:
        _KEPT[base] = powers
    return powers


def _groups(keys: np.ndarray, exact: bool = False) -> np.ndarray:
    """For each key, a number its equals share (the numbers count up from 0
    in the keys' order; see :func:`_runs` for ``exact``)."""
    order, new = _runs(keys, exact)
    groups = np.empty_like(order)
    groups[order] = np.cumsum(new[:-1]) - 1
    return groups


def _shared(keys: np.ndarray) -> np.ndarray:
    """For each hash, whether it has an equal (see :func:`_runs`)."""
    order, new = _runs(keys, exact=False)
    shared = np.empty(len(keys), bool)
    shared[order] = ~(new[:-1] & new[1:])
    return shared


def _runs(keys: np.ndarray, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """The keys' order, and where in it a run of equal keys begins (and the end).

    Each key is sorted with its place in its low bits, as many as the count
    of keys takes (a sort is faster than an argsort): keys are compared
    modulo 2**64 over those bits, which a hash may be (as good a polynomial
    hash), and keys to be told apart ``exact`` that are too large for it are
    argsorted instead."""
    size = len(keys)
    bits = size.bit_length()
    if exact and size and int(keys.max()) >> (64 - bits):
        order = np.argsort(keys)
        ordered = keys[order]
    else:
        packed = np.sort(keys.astype(np.uint64) << np.uint64(bits) | np.arange(size, dtype=np.uint64))
        order = (packed & np.uint64((1 << bits) - 1)).astype(np.intp)
        ordered = packed >> np.uint64(bits)
    new = np.empty(size + 1, bool)
    new[0] = new[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:-1])
    return order, new
