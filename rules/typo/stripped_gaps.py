"""T005's gaps: which neighbours a gap may not have, a character's cheap
neighbours, and the tests of a long text's gaps worked out with NumPy (see
``lexicon/vector.py``): the values of the pure-Python reference in
``stripped_character.py``, exactly, in less time (used only where numpy
is installed, which is imported on first use, not with this module)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from types import ModuleType

from wenlint import Document
from wenlint_rules.typo.lexicon import TypoView, lexicon

#: Inserting the character may make the words around a place this much less
#: likely (centibels; `整体合` → `整体合力` costs 111), never more.
WORSE = 115
#: A gap after one of these (before one of the next) is no place: a space or a parenthesis.
NOT_AFTER = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | {")", "）"}
NOT_BEFORE = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | {"(", "（"}
_NOT_AFTER_POINTS, _NOT_BEFORE_POINTS = sorted(map(ord, NOT_AFTER)), sorted(map(ord, NOT_BEFORE))


def filed(
    vector: ModuleType, doc: Document, view: TypoView, leaders: frozenset[str], followers: frozenset[str]
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """What :func:`stripped_character._filed` files, found with NumPy (a long text; see
    vector.py) for every gap at once; only the gaps filed are read one by
    one. The characters of ``leaders``, ``followers`` and the common pairs
    are all numbered (they meet inside words), so a test of numbers is one
    of the characters."""
    import numpy as np

    text, numbers = view.text, view.numbers
    is_leader, is_follower = np.zeros((2, vector.numbered()), dtype=bool)
    is_leader[vector.numbers("".join(leaders))] = True
    is_follower[vector.numbers("".join(followers))] = True
    open_gaps = np.frombuffer(view.joins, dtype=np.uint8)[:-1] == 0  # gap ``i + 1`` is open
    for start, end in doc.verbatim:
        open_gaps[max(0, start - 1) : max(0, end - 1)] = False
    gaps = (open_gaps & (is_leader[numbers[:-1]] | is_follower[numbers[1:]])).nonzero()[0] + 1
    points = vector.code_points(text)
    gaps = gaps[~(np.isin(points[gaps - 1], _NOT_AFTER_POINTS) | np.isin(points[gaps], _NOT_BEFORE_POINTS))]
    common = _common_pairs()
    after_common = is_leader[numbers[gaps - 1]] & ((gaps < 2) | ~common.at(numbers, gaps, (-2, -1)))
    before_common = is_follower[numbers[gaps]] & ~(common.at(numbers, gaps, (0, 1)) & (gaps + 1 < len(text)))
    return _by_neighbour(text, gaps[after_common].tolist(), -1), _by_neighbour(text, gaps[before_common].tolist(), 0)


def _by_neighbour(text: str, gaps: list[int], side: int) -> dict[str, list[int]]:
    """``gaps`` under the character at ``side`` (-1: before, 0: after) of each, in order."""
    filed: dict[str, list[int]] = defaultdict(list)
    for char, gap in zip(map(text.__getitem__, map(side.__add__, gaps)), gaps):
        filed[char].append(gap)
    return filed


@lru_cache(maxsize=1)
def _common_pairs():
    """The two characters together in some common word, as vector.Pieces."""
    from wenlint_rules.typo.lexicon.vector import Pieces

    listed = lexicon().common_follower_sets.listed
    return Pieces((char + other for char, others in listed.items() for other in others), 2)


def costing_little(view: TypoView, char: str, gaps: list[int]) -> list[int]:
    """What :func:`stripped_character._costing_little` keeps, its tests but the trie's worked
    out with NumPy for every gap at once from the text's numbers (see
    vector.py: all the characters of the tables are numbered, so the tests
    are exact); the trie is asked for the few gaps left, as there."""
    import numpy as np

    numbers, text = view.numbers, view.text
    at = np.fromiter(gaps, dtype=np.int64, count=len(gaps))
    cheap_before, cheap_after, first, middle, last, leaders = _cheap_pieces(char)
    cheap = cheap_before.at(numbers, at, (-1,)) | cheap_after.at(numbers, at, (0,))
    cheap |= middle.at(numbers, at, (-1, 0))
    cheap |= last.at(numbers, at, (-2, -1)) & (at >= 2)
    cheap |= first.at(numbers, at, (0, 1)) & (at + 1 < len(text))
    joins = np.frombuffer(view.joins, dtype=np.uint8)
    joined = (joins.take(at - 3, mode="clip") & joins.take(at - 2, mode="clip")).astype(bool)
    may_start = (at > 2) & joined & leaders.at(numbers, at, (-1,))
    looked = (cheap | may_start).nonzero()[0]
    starts = view.starts_word
    return [
        gap
        for gap, sure in zip(at[looked].tolist(), cheap[looked].tolist())
        if sure or starts(text[gap - 3 : gap] + char)
    ]


@lru_cache(maxsize=4096)
def _cheap_pieces(char: str) -> tuple:
    """The tables :func:`stripped_character._costing_little` tests a gap of ``char`` against, as
    vector.Pieces: the cheap neighbours before and after, the word
    beginnings with it first, in the middle and last, the characters it
    follows inside words."""
    from wenlint_rules.typo.lexicon.vector import Pieces

    lex = lexicon()
    cheap_before, cheap_after = cheap_neighbours(char)
    first, middle, last = (beginnings[char] for beginnings in lex.beginning_sets)
    return (
        Pieces(cheap_before, 1),
        Pieces(cheap_after, 1),
        Pieces(first, 2),
        Pieces(middle, 2),
        Pieces(last, 2),
        Pieces(lex.leader_sets[char], 1),
    )


@lru_cache(maxsize=4096)
def cheap_neighbours(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters before and after which ``char`` makes a two-character
    word costing at most what that character costs alone, plus WORSE."""
    lex = lexicon()
    return (
        frozenset(
            other for other, cost in lex.two_char_words(char, ending=True) if cost <= lex.char_cost(other) + WORSE
        ),
        frozenset(
            other for other, cost in lex.two_char_words(char, ending=False) if cost <= lex.char_cost(other) + WORSE
        ),
    )
