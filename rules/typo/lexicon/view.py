"""What the typo rules share about one document: its Simplified text with
the words found in it (:class:`TypoView`), and the cost of a place in it
where a character is put in or replaced (:class:`Gap`)."""

from __future__ import annotations

from functools import cached_property
from types import ModuleType

from wenlint import Document
from wenlint.numpy_worth import LongTexts
from wenlint.script import converter, simplified
from wenlint.textclass import count_han
from wenlint_rules.typo.lexicon import vector as vector_py
from wenlint_rules.typo.lexicon.cache import lexicon
from wenlint_rules.typo.lexicon.query import COMMON_WORD, MAX_WORD, best_prefixes, best_suffixes

#: Texts of at least this many characters are worked out with NumPy, when
#: it is installed (``vector.py``): on shorter ones its calls cost more than they save.
VECTOR_FROM = 200
#: How many characters of long texts a process works out without NumPy
#: before it imports it, unless it is imported already: the import (about
#: 0.1 CPU-s) and the pairs' bits (0.05) are paid back over about this many,
#: so a short ``check`` never pays them.
IMPORT_AFTER = 300_000


class Gap:
    """A place in a document's Simplified text where a character is put in
    (``stop == resume``) or replaced (``resume == stop + 1``), between
    ``before`` (``text[start:stop]``) and ``after`` (``text[resume:end]``).

    The likeliest segmentation of ``before + char + after`` is the cheapest
    of: the best of ``before``, ``char`` alone, the best of ``after``; or,
    for each word through ``char``, the best of what precedes the word, the
    word, the best of what follows it. So the costs of either side are
    worked out once (from the words the view has already looked up) for
    every candidate character, and each candidate asks the lexicon only
    for the words through it.
    """

    def __init__(self, view: TypoView, start: int, stop: int, resume: int, end: int) -> None:
        self.view = view
        self.before = view.text[start:stop]
        self.after = view.text[resume:end]
        self._start = start
        self._resume = resume
        self._prefix: list[int] | None = None
        self._suffix: list[int] | None = None

    def words_through(self, char: str) -> list[tuple[int, int, int]]:
        """(start, end, cost) of every word of two or more characters of
        ``before + char + after`` that holds ``char``, by start, then length.
        The trie is asked only when a word may be longer than two characters
        (see Lexicon.may_hold_longer)."""
        if lexicon().may_hold_longer(self.before, char, self.after):
            return self.trie_words(char)
        return self.pair_words(char)

    def trie_words(self, char: str) -> list[tuple[int, int, int]]:
        """What :meth:`words_through` gives, asking the trie in any case."""
        lex = lexicon()
        before, follower_sets = self.before, lex.follower_sets
        at = len(before)
        first = at  # a word starting before ``char`` joins every pair up to it
        if before and char in follower_sets[before[-1]]:
            first -= 1
            while first and before[first] in follower_sets[before[first - 1]]:
                first -= 1
        text, longer_words_at = before + char + self.after, lex.longer_words_at
        return [
            (start, start + length, cost)
            for start in range(first, at + 1)
            for length, cost in longer_words_at(text[start:])
            if start + length > at
        ]

    def pair_words(self, char: str) -> list[tuple[int, int, int]]:
        """(start, end, cost) of the two-character words ``char`` makes with
        its neighbours (see Lexicon.pair_words)."""
        at = len(self.before)
        return [
            (at + start, at + start + 2, cost) for start, cost in lexicon().pair_words(self.before, char, self.after)
        ]

    def cost(self, char: str, words: list[tuple[int, int, int]]) -> int:
        """The segmentation cost of ``before + char + after``, given the words through ``char``."""
        prefix, suffix = self._sides()
        at = len(self.before)
        best = prefix[at] + lexicon().char_costs[char] + suffix[0]
        for start, end, cost in words:
            best = min(best, prefix[start] + cost + suffix[end - at - 1])
        return best

    def most_saved(self, char: str, words: list[tuple[int, int, int]]) -> int:
        """An upper bound, found without the costs of either side, on how much
        cheaper ``before + char + after`` segments than with ``char`` alone:
        no word saves more than its characters cost as words of their own,
        less its cost."""
        text, char_costs = self.before + char + self.after, lexicon().char_costs
        return max([0, *(sum(map(char_costs.__getitem__, text[start:end])) - cost for start, end, cost in words)])

    def cost_without(self) -> int:
        """The segmentation cost of ``before + after`` when no word joins them."""
        prefix, suffix = self._sides()
        return prefix[-1] + suffix[0]

    def _sides(self) -> tuple[list[int], list[int]]:
        """The segmentation costs of the beginnings of ``before`` and of the ends of ``after``."""
        if self._prefix is None:
            words_from, char_costs = self.view.words_from, lexicon().char_costs
            start, resume = self._start, self._resume
            before = [*map(words_from, range(start, start + len(self.before)))]
            after = [*map(words_from, range(resume, resume + len(self.after)))]
            self._prefix = best_prefixes(self.before, before, char_costs)
            self._suffix = best_suffixes(self.after, after, char_costs)
        return self._prefix, self._suffix  # type: ignore[return-value]


class TypoView:
    """What the typo rules share about one document: its text in Simplified
    characters, offset for offset (the lexicon is Simplified), which
    neighbouring characters meet inside some word, and the words found at a
    place. Get it with :func:`typo_view`: it is made once per document.
    """

    def __init__(self, doc: Document) -> None:
        self.text = doc.view(simplified)
        self._words: dict[int, list[tuple[int, int]]] = {}
        self._starts: dict[str, bool] = {}

    @cached_property
    def joins(self) -> bytes:
        """For each offset, whether (1) or not (0) its character and the next
        one occur together inside some word (0 at the end). One byte per
        character: a list of bools would take eight."""
        text = self.text
        if self.vector is not None:
            return self.vector.joins(self.numbers)
        followers = lexicon().follower_sets
        return bytes(map(frozenset.__contains__, map(followers.__getitem__, text[:-1]), text[1:])) + b"\0"

    @cached_property
    def vector(self) -> ModuleType | None:
        """``vector.py`` when the text is worked out with NumPy (see :func:`vector`), else None."""
        return vector(len(self.text))

    @cached_property
    def code_points(self):
        """The code point of each character of the text, when :attr:`vector` is not None."""
        return self.vector.code_points(self.text)

    @cached_property
    def numbers(self):
        """The number of each character of the text (see vector.py), when :attr:`vector` is not None."""
        return self.vector.numbers_of(self.code_points)

    @cached_property
    def han_count(self) -> int:
        """How many Chinese characters the text holds."""
        if self.vector is not None:
            return self.vector.han_count(self.code_points)
        return count_han(self.text)

    def words_from(self, offset: int) -> list[tuple[int, int]]:
        """(length, cost) of every word of two or more characters at ``offset``."""
        found = self._words.get(offset)
        if found is None:
            found = self._words[offset] = lexicon().longer_words_at(self.text[offset : offset + MAX_WORD])
        return found

    def starts_word(self, prefix: str) -> bool:
        """Whether some word of the lexicon starts with ``prefix`` (remembered
        for the document: the same few characters recur)."""
        found = self._starts.get(prefix)
        if found is None:
            found = self._starts[prefix] = lexicon().starts_word(prefix)
        return found

    def crosses_word(self, start: int, end: int, max_cost: int = COMMON_WORD) -> bool:
        """Whether a common word of two or more characters overlaps ``text[start:end]``
        and reaches outside it: `福社` in `幸福社区` is two words, not a typo."""
        for position in range(max(0, start - MAX_WORD + 1), end):
            for length, cost in self.words_from(position):
                stop = position + length
                if cost <= max_cost and stop > start and (position < start or stop > end):
                    return True
        return False

    def inside_word(self, start: int, end: int) -> bool:
        """Whether a longer word of the lexicon, however rare, holds all of
        ``text[start:end]``: `乎乎` in `晕晕乎乎`, `扭去` in `扭来扭去`."""
        return any(
            position + length >= end and length > end - start
            for position in range(max(0, end - MAX_WORD), start + 1)
            for length, _ in self.words_from(position)
        )


def vector(size: int) -> ModuleType | None:
    """``vector.py`` for a text of ``size`` characters, when NumPy is worth
    using on it (see VECTOR_FROM, IMPORT_AFTER); else None."""
    return vector_py if _LONG.worth(size, VECTOR_FROM, IMPORT_AFTER) else None


_LONG = LongTexts()


def typo_view(doc: Document) -> TypoView:
    """The document's :class:`TypoView`, made once and shared (``doc.view``)."""
    return doc.view(TypoView)


def in_script(doc: Document, start: int, end: int, corrected: str) -> str:
    """A correction of ``doc.text[start:end]``, found in the Simplified view,
    written in the document's script: converted to Traditional in a
    Traditional document, and elsewhere with the unchanged characters kept
    as they are."""
    original = doc.text[start:end]
    view = doc.view(simplified)[start:end]
    if view == original or len(corrected) != len(original):
        return corrected
    converted = converter("s2t").convert(corrected)
    if len(converted) != len(corrected):
        return corrected
    if doc.script.dominant == "traditional":
        return converted
    return "".join(old if seen == new else to for old, seen, new, to in zip(original, view, corrected, converted))
