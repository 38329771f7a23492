"""T005's gaps: which neighbours a gap may not have, how many candidate
gaps are evidence, and the gaps of a long text worth restoring worked out
with NumPy (see ``lexicon/vector.py``; each character's tables, its cheap
neighbours among them, in ``stripped_tables.py``):
the values of the pure-Python reference in ``stripped_candidates.py``,
exactly, in less time (used only where numpy is installed, which is
imported on first use, not with this module)."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from wenlint import Document
from wenlint_rules.typo.lexicon import COMMON_WORD, TypoView, lexicon, vector
from wenlint_rules.typo.lexicon.cache import kept_beside
from wenlint_rules.typo.stripped_tables import WORSE, cheap_pieces, common_neighbours

#: Characters of context on either side of a gap.
CONTEXT = 3
#: A gap after one of these (before one of the next) is no place: a space or a parenthesis.
NOT_AFTER = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | {")", "）"}
NOT_BEFORE = frozenset(c for c in map(chr, range(0x3001)) if c.isspace()) | {"(", "（"}
#: Places needed, as a share of the times the character was expected: a
#: stripped character leaves remains at most of its words (力 in seed 001:
#: 30 places for 17 expected; 相: 11 for 14), chance leaves few (学 in clean
#: medical text: 7 for 23).
PLACES_SHARE = 0.5
#: A neighbour of a gap that stands alone this rarely (cost as a word of its
#: own: 努 513, 量 390, 度 404; but 我 214) suggests a word lost a character.
RARELY_ALONE = 340
#: Candidate places (a gap and a character that fits it) a document may have
#: per Chinese character, beyond a small allowance, before it is no evidence:
#: real text has 0.4 on average and at most 1.3 (../shared/data/real); a text
#: of few distinct characters (`中**` repeated) has hundreds, so many that a
#: stripped character's places would be lost among them.
CANDIDATES_PER_HAN = 4
CANDIDATES_ALLOWED = 20_000


class Needed(NamedTuple):
    """What the places of a character must reach to be convincing (see stripped_character._convincing)."""

    words: int  # different words restored (the option min_words)
    places: float  # places, one beside two words counting twice: PLACES_SHARE of the times expected

    def met(self, words: int, places: int) -> bool:
        return words >= self.words and places >= self.places


def worth_restoring(
    doc: Document, view: TypoView, expected: dict[str, float], min_words: int
) -> dict[str, dict[int, int]] | None:
    """What :func:`stripped_candidates.worth_restoring` finds, worked out
    with NumPy (a long text; see vector.py) for every missing character and
    gap at once: every (character, gap) candidate as a number, how many
    sides of its gap each fits, the counts that drop a character, and the
    cheap tests of the gaps left. Only the gaps the trie must test and those
    kept are read one by one. The characters of the missing ones'
    neighbours, of the common pairs and of the cheap tests' tables are all
    numbered (they meet inside words), so a test of numbers is one of the
    characters."""
    import numpy as np

    text, chars = view.text, sorted(expected)
    after_gaps, before_gaps = _open_gaps(doc, view, chars)
    sides = (_Side(view, after_gaps, -1, chars), _Side(view, before_gaps, 0, chars))
    if sum(side.size for side in sides) > CANDIDATES_ALLOWED + CANDIDATES_PER_HAN * view.han_count:
        return None
    odd_words = sides[0].rarely_alone() + sides[1].rarely_alone()
    # each (character, gap) once, with how many sides of the gap the character fits (1 or 2)
    width = len(text) + 1
    pairs, fits = np.unique(np.concatenate([side.pairs(width) for side in sides]), return_counts=True)
    which, gaps = np.divmod(pairs, width)  # by character, then gap
    needed = np.array([PLACES_SHARE * expected[char] for char in chars])
    possible = ((odd_words >= min_words) & (np.bincount(which, minlength=len(chars)) >= needed))[which]
    which, gaps, fits = which[possible], gaps[possible], fits[possible]
    kept = _costing_little(view, chars, which, gaps)
    which, gaps, fits = which[kept], gaps[kept], fits[kept]
    enough = (np.bincount(which, weights=fits, minlength=len(chars)) >= needed).tolist()
    bounds = np.searchsorted(which, np.arange(len(chars) + 1)).tolist()
    gaps, fits = gaps.tolist(), fits.tolist()
    return {
        char: dict(zip(gaps[bounds[at] : bounds[at + 1]], fits[bounds[at] : bounds[at + 1]]))
        for at, char in enumerate(chars)
        if enough[at]
    }


def restorations(view: TypoView, worth: dict[str, dict[int, int]]) -> Restorations | None:
    """The :class:`Restorations` of ``worth`` in a long text (worked out over
    the whole text at once), else None (each gap asks)."""
    return Restorations(view, worth) if view.vector is not None and worth else None


class Restorations:
    """What putting each missing character of ``worth`` in at each of its
    gaps may restore, worked out with NumPy for every gap at once: the
    place it may restore (:meth:`places`), and whether its places may be
    convincing (:meth:`may_convince`). A word longer than two characters
    may hold the character where three characters around it are together
    inside some word (Lexicon.holding_longer: three such characters meet
    inside it); else its words are the two-character words with its
    neighbours (Lexicon.pair_words), whose costs the tables of
    confusable_vector hold."""

    def __init__(self, view: TypoView, worth: dict[str, dict[int, int]]) -> None:
        import numpy as np

        from wenlint_rules.typo.confusable_vector import weighing_tables, words_around

        self._np = np
        numbers, size, tables = view.numbers, len(view.text), weighing_tables()
        gaps = np.array([gap for sides in worth.values() for gap in sides], dtype=np.int64)
        lengths = [*map(len, worth.values())]
        which = np.arange(len(worth)).repeat(lengths)  # each gap's character, by its index in ``worth``
        chars = vector.numbers("".join(worth))[which]
        # the gaps are open gaps inside the text: a neighbour either side
        far_left, left, right, far_right = numbers.take(gaps[:, None] + (-2, -1, 0, 1), mode="clip").T
        # a row of _pairs and _costs for the word with the neighbour before the gap, one for the one after
        (centred, held_before, held_after), self._pairs, self._costs = words_around(
            far_left, left, chars, right, far_right
        )
        self._longer = centred | held_before & (gaps >= 2) | held_after & (gaps + 1 < size)
        self._gaps = gaps
        ends = np.cumsum(lengths).tolist()
        self._bounds = dict(zip(worth, zip([0, *ends], ends)))  # each character's gaps, as a slice
        alone = tables["char_costs"][np.stack([left, chars, right])]  # each character's cost alone
        self._counts = self._restored(view, worth, which, alone, vector.numbered() ** 2)

    def _restored(self, view: TypoView, worth: dict[str, dict[int, int]], which, alone, span: int) -> dict[str, tuple]:
        """For each character, how many different words its places restore,
        how many places they are (one beside two words counting twice) and
        how many different words may make their surroundings likelier (see
        may_convince), a place a longer word may hold counting as one more
        word of each kind. ``alone``: the costs alone of the characters
        before each gap, put in, and after it; ``span``: more than any key
        of two characters; ``which``: each gap's character, by index."""
        np, costs, size = self._np, self._costs, len(view.text)
        gaps, held = self._gaps, self._longer
        common = (costs >= 0) & (costs <= COMMON_WORD)
        side = np.where(common[0], 0, 1)  # the word restored: the one before the gap when common
        columns = np.arange(len(gaps))
        # the code points two before a gap to one after it (0 outside the text): whether a parenthesis
        # stands before the remains of the word restored (stripped_character._annotated) or after them
        places = gaps + np.array([[-2], [-1], [0], [1]])
        points = np.where((places >= 0) & (places < size), view.code_points.take(places, mode="clip"), 0)
        annotated = np.isin(points[:2], (0x29, 0xFF09)) | np.isin(points[2:], (0x28, 0xFF08))
        restoring = ~held & common.any(axis=0) & ~annotated[side, columns]
        # the most a place may gain (Gap.most_saved, less the character's cost alone)
        saved = np.where(costs >= 0, alone[:2] + alone[1:] - costs, 0)
        most = np.maximum(saved.max(axis=0), 0) - alone[1]
        likelier = restoring & (most > 0)
        # each place's remains of the word restored in the text (the word before the gap: from the character before it)
        self._restoring, self._start, self._most = restoring, gaps - 1 + side, most
        fits = np.array([fits for sides in worth.values() for fits in sides.values()])
        word = self._pairs[side, columns]

        def different(kept):
            keys = np.unique(which[kept] * span + word[kept])
            return np.bincount(keys // span, minlength=len(worth)) + np.bincount(which[held], minlength=len(worth))

        counted = zip(
            different(restoring).tolist(),
            np.bincount(which, weights=fits * (restoring | held), minlength=len(worth)).tolist(),
            different(likelier).tolist(),
        )
        return dict(zip(worth, counted))

    def places(self, char: str) -> list:
        """For each gap of ``char``, in order, what stripped_character._restoring
        finds there (around a gap of CONTEXT characters either side): False
        where no common word is restored; else (start, end, most, words), the
        remains of the word restored (``text[start:end]``), the most the place
        may gain and the words through the character (Gap.words_through); or
        None where a word longer than two characters may hold it (the gap
        asks: only the trie tells)."""
        start, stop = self._bounds[char]
        gaps, longer = self._gaps[start:stop].tolist(), self._longer[start:stop].tolist()
        restoring, starts = self._restoring[start:stop].tolist(), self._start[start:stop].tolist()
        costs, most = self._costs[:, start:stop].T.tolist(), self._most[start:stop].tolist()
        return [
            None if held else restores and (begin, begin + 1, best, vector.pair_words(min(gap, CONTEXT), *cost))
            for gap, held, restores, begin, best, cost in zip(gaps, longer, restoring, starts, most, costs)
        ]

    def may_convince(self, char: str, needed, likelier: int) -> bool:
        """Whether the places of ``char`` may restore the words ``needed``
        (a Needed) and ``likelier`` different words that
        may make their surroundings likelier (stripped_character._restoring:
        a place's ``most`` above 0): a bound, which counts a place a longer
        word may hold as one more such word."""
        words, places, better = self._counts[char]
        return needed.met(words, places) and better >= likelier


def _open_gaps(doc: Document, view: TypoView, chars: list[str]):
    """The candidate gaps (see stripped_candidates._filed) after a character
    that one of ``chars`` follows in a common word, and those before one
    that one of them precedes: open (the characters either side never meet
    in a word), not in a URL or code, not beside a space or a parenthesis,
    the neighbour in no common word with its other one."""
    import numpy as np

    text, numbers = view.text, view.numbers
    is_leader, is_follower = np.zeros((2, vector.numbered()), dtype=bool)
    for meets, side in ((is_leader, 0), (is_follower, 1)):
        meets[np.concatenate([np.zeros(0, dtype=np.int64), *(common_neighbours(char)[side] for char in chars)])] = True
    open_gaps = np.frombuffer(view.joins, dtype=np.uint8)[:-1] == 0  # gap ``i + 1`` is open
    for start, end in doc.verbatim:
        open_gaps[max(0, start - 1) : max(0, end - 1)] = False
    gaps = (open_gaps & (is_leader[numbers[:-1]] | is_follower[numbers[1:]])).nonzero()[0] + 1
    points = view.code_points
    not_after, not_before = _not_beside()
    last = len(not_after) - 1
    gaps = gaps[~(not_after[np.minimum(points[gaps - 1], last)] | not_before[np.minimum(points[gaps], last)])]
    common = _common_pairs()
    after_common = is_leader[numbers[gaps - 1]] & ((gaps < 2) | ~common.at(numbers, gaps, (-2, -1)))
    before_common = is_follower[numbers[gaps]] & ~(common.at(numbers, gaps, (0, 1)) & (gaps + 1 < len(text)))
    return gaps[after_common], gaps[before_common]


class _Side:
    """Candidate gaps on one side of their neighbours (``side`` -1: the
    neighbour is before the gap, 0: after it), and the characters of
    ``chars`` (by index) that make a common word with each neighbour there:
    gathered from each character's neighbours in common words (see
    stripped_tables.common_neighbours), those before it when ``side`` is -1, else those after."""

    def __init__(self, view: TypoView, gaps, side: int, chars: list[str]) -> None:
        import numpy as np

        self._np = np
        numbers, first, self._neighbour = np.unique(view.numbers[gaps + side], return_index=True, return_inverse=True)
        self._neighbours = [*map(view.text.__getitem__, (gaps[first] + side).tolist())]
        found = [common_neighbours(char)[side + 1] for char in chars]
        slot = np.full(vector.numbered(), -1, dtype=np.int64)  # number -> its neighbour's index here
        slot[numbers] = np.arange(len(numbers))
        neighbour = slot[np.concatenate([np.zeros(0, dtype=np.int64), *found])]
        meeting = np.arange(len(chars)).repeat([*map(len, found)])[neighbour >= 0]
        neighbour = neighbour[neighbour >= 0]
        self._counts = np.bincount(neighbour, minlength=len(numbers))  # characters each neighbour meets
        self._meeting = meeting[np.argsort(neighbour, kind="stable")]
        self._gaps, self._chars = gaps, len(chars)
        self.size = int(self._counts[self._neighbour].sum())  # (character, gap) candidates

    def rarely_alone(self):
        """For each character, how many neighbours it makes a common word
        with that rarely stand alone (RARELY_ALONE)."""
        np, char_cost = self._np, lexicon().char_cost
        rare = np.array([char_cost(char) >= RARELY_ALONE for char in self._neighbours], dtype=np.int64)
        return np.bincount(self._meeting, weights=rare.repeat(self._counts), minlength=self._chars)

    def pairs(self, width: int):
        """Each (character, gap) candidate as ``character * width + gap``."""
        np = self._np
        repeats = self._counts[self._neighbour]  # characters at each gap
        firsts = np.cumsum(self._counts) - self._counts  # where each neighbour's characters start
        ends = np.cumsum(repeats)
        at = np.arange(self.size) - np.repeat(ends - repeats - firsts[self._neighbour], repeats)
        return self._meeting[at] * width + self._gaps.repeat(repeats)


def _costing_little(view: TypoView, chars: list[str], which, gaps):
    """Whether each gap costs little for its character (``chars[which]``;
    see stripped_candidates._costing_little): every gap of a character
    costing little alone; else the tables' tests worked out for every gap
    at once, and for the gaps left, whether a word of four characters or
    more starts three before the gap (the trie's answer there, from a table
    of every word's first four characters: see _four_char_beginnings)."""
    import numpy as np

    lex, numbers, text = lexicon(), view.numbers, view.text
    kept = np.array([lex.char_cost(char) <= WORSE for char in chars], dtype=bool)[which]
    tested = (~kept).nonzero()[0]
    used, tables = np.unique(which[tested], return_inverse=True)  # the characters tested, each one's
    at, pieces = gaps[tested], [cheap_pieces(chars[table]) for table in used.tolist()]
    cheap_before, cheap_after, first, middle, last, leaders = ([each[kind] for each in pieces] for kind in range(6))
    cheap = vector.held(cheap_before, tables, numbers, at, (-1,)) | vector.held(cheap_after, tables, numbers, at, (0,))
    cheap |= vector.held(first, tables, numbers, at, (0, 1)) & (at + 1 < len(text))
    leads = vector.held(leaders, tables, numbers, at, (-1,))  # the character before leads ``char`` in some word
    # a word beginning with ``char`` in its middle or last has the character before lead it: only there
    led = (leads & ~cheap).nonzero()[0]
    led_at, led_tables = at[led], tables[led]
    cheap[led] = vector.held(middle, led_tables, numbers, led_at, (-1, 0))
    cheap[led] |= vector.held(last, led_tables, numbers, led_at, (-2, -1)) & (led_at >= 2)
    joins = np.frombuffer(view.joins, dtype=np.uint8)
    joined = (joins.take(at - 3, mode="clip") & joins.take(at - 2, mode="clip")).astype(bool)
    looked = ((at > 2) & joined & ~cheap & leads).nonzero()[0]
    before = [numbers[at[looked] + place] for place in (-3, -2, -1)]
    char = vector.numbers("".join(chars))[used[tables[looked]]]
    cheap[looked] = vector.find_sorted(_four_char_beginnings(), vector.piece_keys([*before, char]))[1]
    kept[tested] = cheap
    return kept


@lru_cache(maxsize=1)
def _four_char_beginnings():
    """The first four characters of every word of four or more, as sorted
    keys (vector.piece_keys). Building reads every word of the lexicon
    (~0.3 CPU-s), so it is kept between runs beside the lexicon's cache
    (lint/tablecache.py)."""
    return kept_beside("t005-beginnings", _built_beginnings)


def _built_beginnings():
    """What :func:`_four_char_beginnings` keeps (every character of a word is numbered: it meets another in it)."""
    import numpy as np

    beginnings = vector.numbers("".join(lexicon().beginnings(4))).reshape(-1, 4)
    return np.unique(vector.piece_keys(beginnings.T))


@lru_cache(maxsize=1)
def _not_beside():
    """Code point -> whether a gap may not come after it (NOT_AFTER), and
    before it (NOT_BEFORE); the last entry stands for every later code point (none)."""
    import numpy as np

    after, before = ([*map(ord, chars)] for chars in (NOT_AFTER, NOT_BEFORE))
    table = np.zeros((2, max(after + before) + 2), dtype=bool)
    table[0, after], table[1, before] = True, True
    return table


@lru_cache(maxsize=1)
def _common_pairs():
    """The two characters together in some common word, as vector.Pieces:
    kept beside the lexicon's cache (building them takes ~0.01 CPU-s)."""
    return kept_beside("t005-common-pairs", _built_common_pairs)


def _built_common_pairs():
    """What :func:`_common_pairs` keeps."""
    listed = lexicon().common_follower_sets.listed
    return vector.Pieces((char + other for char, others in listed.items() for other in others), 2, indexed=True)
