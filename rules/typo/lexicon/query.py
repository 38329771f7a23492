"""Looking words up in the lexicon: costs, idioms, characters that meet
inside words, similar characters, and the likeliest segmentation."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable
from functools import cached_property, partial
from operator import add

#: Cost of a word: -100·log10 of its probability (centibels, as wordfreq counts).
UNKNOWN_CHAR_COST = 900
#: A word at most this costly is common (幸福 420, 社区 384, 晴雨表 640).
COMMON_WORD = 650
#: The longest word looked up (longer lexicon entries are rare phrases).
MAX_WORD = 8
#: Word flags.
IDIOM, NEWSPAPER, WEB = 1, 2, 4
#: Word flag of a name: jieba tags it a person, place, organisation or other proper name.
NAME = 8
#: Similarity classes, from closest to loosest (see :meth:`Lexicon.similar`).
SAME_SOUND, OTHER_TONE, FUZZY_SOUND, CLOSE_SHAPE, LOOSE_SHAPE = range(5)
#: Penalty (centibels) of a correction by one of each class: a slip to the
#: same syllable is the likeliest, to another tone less so, to a close shape
#: less again, to a confused sound or a looser shape least.
PENALTY = (0, 60, 150, 120, 150)
#: More than any segmentation costs.
_FAR = 1 << 30


class Lexicon:
    """Word costs, idioms, in-word character pairs and triples, word
    beginnings of three characters, and similar characters.

    Per-character look-ups the rules repeat (a character's cost as a word,
    the characters it meets inside words) are cached in dictionaries filled
    on first use, so they cost one dictionary look-up after the first time
    in a process.
    """

    def __init__(self, data: dict, read_later: Callable[[], dict] | None = None) -> None:
        import marisa_trie

        self._words = marisa_trie.Trie().frombytes(data["words"])  # word -> index into costs and flags
        #: The tables only some rules read (``data["later"]`` when built here), read on first use.
        later = data.get("later")
        self._read_later = read_later or (lambda: later)
        self._costs = array("H")
        self._costs.frombytes(data["costs"])
        self._flags = data["flags"]
        self._two_char = {"ending": data["two_char_ending"], "starting": data["two_char_starting"]}
        self._char_frequency = data["char_frequency"]
        self.idioms: str = data["idioms"]  # every four-character idiom, concatenated
        #: Character -> frozenset of the characters that follow it (precede it)
        #: inside some word, or inside some common word.
        self.follower_sets = _CharSets(data["followers"])
        self.leader_sets = _CharSets(data["leaders"])
        self.common_follower_sets = _CharSets(data["common_followers"])
        self.common_leader_sets = _CharSets(data["common_leaders"])
        #: Character -> its cost as a word of its own (UNKNOWN_CHAR_COST when it is none).
        self.char_costs = _PerChar(self._alone)
        #: Character -> the cost of the commonest two-character word it starts
        #: (ends); more than any cost when it starts (ends) none.
        self.cheapest_after = _PerChar(partial(self._cheapest, "starting"))
        self.cheapest_before = _PerChar(partial(self._cheapest, "ending"))

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def cost(self, word: str) -> int | None:
        """-100·log10 of the word's probability, or None when it is no word."""
        index = self._words.get(word)
        return None if index is None else self._costs[index]

    def _alone(self, char: str) -> int:
        cost = self.cost(char)
        return UNKNOWN_CHAR_COST if cost is None else cost

    def _cheapest(self, table: str, char: str) -> int:
        packed = self._two_char[table].get(char, "")
        costs = packed[len(packed) // 2 :]
        return ord(min(costs)) if costs else _FAR

    def _flagged(self, word: str, flag: int) -> bool:
        """Whether ``word`` is a word with ``flag`` (IDIOM, NAME, ...)."""
        index = self._words.get(word)
        return index is not None and bool(self._flags[index] & flag)

    def is_idiom(self, word: str) -> bool:
        return self._flagged(word, IDIOM)

    def is_name(self, word: str) -> bool:
        """Whether jieba tags ``word`` a name (person, place, organisation, other)."""
        return self._flagged(word, NAME)

    def in_web(self, word: str) -> bool:
        """Whether ``word`` is on the web word list (wordfreq)."""
        return self._flagged(word, WEB)

    def char_cost(self, char: str) -> int:
        """The cost of a character standing alone as a word."""
        return self.char_costs[char]

    def longer_words_at(self, text: str) -> list[tuple[int, int]]:
        """(length, cost) of every word of two to MAX_WORD characters ``text``
        starts with, shortest first; the trie is only asked when the first two
        characters meet inside some word."""
        if text[1:2] not in self.follower_sets[text[:1]]:
            return []
        costs = self._costs
        return [
            (len(word), costs[index])
            for word, index in self._words.iter_prefixes_with_ids(text[:MAX_WORD])
            if len(word) > 1
        ]

    @cached_property
    def _later(self) -> dict:
        return self._read_later()

    @cached_property
    def _similar(self) -> dict[str, tuple[str, ...]]:
        """Each character's similar characters (see :meth:`similar`), read on first use: only the preview rules ask."""
        return self._later["similar"]

    @cached_property
    def _triples(self):
        """The three characters together inside some word, as a trie (read on first use)."""
        import marisa_trie

        return marisa_trie.Trie().frombytes(self._later["triples"])

    @cached_property
    def beginning_sets(self) -> tuple[_CharSets, _CharSets, _CharSets]:
        """For each place 0, 1, 2: character -> frozenset of the two other
        characters of every word beginning of three characters that has it
        at that place (`推进器`: 推 at 0 with `进器`, 进 at 1 with `推器`).
        ``starts_word(a + b + c)`` is ``b + c in beginning_sets[0][a]``,
        without the trie. Read on first use: few rules ask."""
        return tuple(_CharSets(table, size=2) for table in self._later["beginnings"])

    def triples(self) -> list[str]:
        """Every three characters found together inside some word (see :meth:`holding_longer`)."""
        return self._triples.keys()

    def starts_word(self, prefix: str) -> bool:
        """Whether some word starts with ``prefix`` (or is it)."""
        return next(self._words.iterkeys(prefix), None) is not None

    def beginnings(self, length: int) -> set[str]:
        """The first ``length`` characters of every word that long or longer:
        ``starts_word(prefix)`` for a ``prefix`` that long is ``prefix in beginnings(length)``."""
        return {word[:length] for word in self._words.iterkeys() if len(word) >= length}

    def segment_cost(self, text: str) -> int:
        """The cost of the likeliest segmentation of ``text`` into words
        (a unigram model; a character that is no word costs UNKNOWN_CHAR_COST)."""
        words = [self.longer_words_at(text[start : start + MAX_WORD]) for start in range(len(text))]
        return best_prefixes(text, words, self.char_costs)[-1]

    def char_frequency(self, char: str) -> float:
        """The share of characters in running text that are ``char`` (0 when rare)."""
        return self._char_frequency.get(char, 0.0)

    def joins(self, left: str, right: str) -> bool:
        """Whether ``left`` followed by ``right`` occurs inside some word."""
        return right in self.follower_sets[left]

    def may_hold_longer(self, before: str, char: str, after: str) -> bool:
        """Whether a word longer than two characters may hold ``char``
        between ``before`` and ``after`` (see :meth:`holding_longer`). When
        not, its words are those of :meth:`pair_words`."""
        meeting = (char,)
        return bool(
            self.holding_longer(
                before,
                self.follower_sets[before[-1:]].intersection(meeting),
                self.leader_sets[after[:1]].intersection(meeting),
                after,
            )
        )

    def pair_words(self, before: str, char: str, after: str) -> list[tuple[int, int]]:
        """(start, cost) of the two-character words ``char`` makes with the
        last character of ``before`` (start -1) and the first of ``after`` (0)."""
        left, right = before[-1:], after[:1]
        words = []
        if char in self.follower_sets[left] and (cost := self.two_char_cost(left, char)) is not None:
            words.append((-1, cost))
        if char in self.leader_sets[right] and (cost := self.two_char_cost(char, right)) is not None:
            words.append((0, cost))
        return words

    def holding_longer(self, before: str, meeting_before: set[str], meeting_after: set[str], after: str) -> set[str]:
        """Those of the characters that may stand between ``before`` and
        ``after`` that a word longer than two characters may hold: three
        characters around one occur together inside some word.
        ``meeting_before`` are those that meet the last character of
        ``before`` inside some word, ``meeting_after`` those that meet the
        first of ``after``. Only the two characters on either side matter,
        and a pair of them must meet inside some word."""
        left, right, triples = before[-1:], after[:1], self._triples
        held = {char for char in meeting_before & meeting_after if left + char + right in triples}
        if len(before) > 1 and left in self.follower_sets[before[-2]]:
            held.update(char for char in meeting_before if before[-2:] + char in triples)
        if len(after) > 1 and after[1] in self.follower_sets[right]:
            held.update(char for char in meeting_after if char + after[:2] in triples)
        return held

    def two_char_words(self, char: str, ending: bool) -> list[tuple[str, int]]:
        """(other character, cost) of every two-character word that ``char``
        ends (``ending``) or starts, without asking the trie word by word."""
        packed = self.two_char_listed(ending).get(char, "")
        half = len(packed) // 2
        return [*zip(packed[:half], map(ord, packed[half:]))]

    def two_char_listed(self, ending: bool) -> dict[str, str]:
        """Character -> the other characters of every two-character word it
        ends (``ending``) or starts, then their costs (a character each), concatenated."""
        return self._two_char["ending" if ending else "starting"]

    def two_char_cost(self, first: str, second: str) -> int | None:
        """The cost of the two-character word ``first + second``, or None
        when it is none; without asking the trie."""
        packed = self._two_char["starting"].get(first, "")
        half = len(packed) // 2
        index = packed.find(second, 0, half)
        return None if index < 0 else ord(packed[half + index])

    def similar(self, char: str) -> tuple[str, ...]:
        """Characters like ``char``, by class: same sound and tone, same sound
        in another tone, a sound often confused (zh/z, n/l, ang/an …), a close
        shape, a looser shape. Empty strings when nothing is known."""
        return self._similar.get(char, ("",) * 5)


class _CharSets(dict):
    """Character -> frozenset of the characters (or pieces of ``size``
    characters) a table lists for it, concatenated, made on first use. Single
    characters are interned: the sets share one string per character, which
    is most of their memory otherwise."""

    def __init__(self, table: dict[str, str], size: int = 1) -> None:
        super().__init__()
        self._table = table
        self._size = size  # 1 or 2

    @property
    def listed(self) -> dict[str, str]:
        """The table: character -> what it lists for it, concatenated."""
        return self._table

    def __missing__(self, char: str) -> frozenset[str]:
        listed = self._table.get(char, "")
        pieces = map(sys.intern, listed) if self._size == 1 else map(add, listed[::2], listed[1::2])
        value = self[char] = frozenset(pieces)
        return value


class _PerChar(dict):
    """Character -> what ``work`` makes of it, worked out on first use."""

    def __init__(self, work) -> None:
        super().__init__()
        self._work = work

    def __missing__(self, char: str):
        value = self[char] = self._work(char)
        return value


def best_prefixes(text: str, words: list[list[tuple[int, int]]], char_costs: dict[str, int]) -> list[int]:
    """For each ``i``, the segmentation cost of ``text[:i]``; ``words[start]``
    holds (length, cost) of the words of two or more characters at ``start``
    (those reaching past the end of ``text`` are left out), ``char_costs``
    what each character costs as a word of its own (Lexicon.char_costs)."""
    size = len(text)
    best = [0] + [_FAR] * size
    for start, char in enumerate(text):
        here = best[start]
        if here + char_costs[char] < best[start + 1]:
            best[start + 1] = here + char_costs[char]
        for length, cost in words[start]:
            end = start + length
            if end <= size and here + cost < best[end]:
                best[end] = here + cost
    return best


def best_suffixes(text: str, words: list[list[tuple[int, int]]], char_costs: dict[str, int]) -> list[int]:
    """For each ``i``, the segmentation cost of ``text[i:]`` (see best_prefixes)."""
    size = len(text)
    best = [_FAR] * size + [0]
    for start in range(size - 1, -1, -1):
        cheapest = char_costs[text[start]] + best[start + 1]
        for length, cost in words[start]:
            if start + length <= size and cost + best[start + length] < cheapest:
                cheapest = cost + best[start + length]
        best[start] = cheapest
    return best
