"""T005's gaps worth restoring without NumPy (a short text, or numpy not
installed): each missing character's candidate gaps, filed under their
neighbours, and those costing little. ``stripped_gaps.worth_restoring``
works out the same values with NumPy."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from itertools import compress, count
from operator import and_, or_

from wenlint import Document
from wenlint_rules.typo.lexicon import TypoView, lexicon
from wenlint_rules.typo.stripped_gaps import (
    CANDIDATES_ALLOWED,
    CANDIDATES_PER_HAN,
    NOT_AFTER,
    NOT_BEFORE,
    PLACES_SHARE,
    RARELY_ALONE,
    Needed,
)
from wenlint_rules.typo.stripped_tables import WORSE, cheap_neighbours


def worth_restoring(
    doc: Document, view: TypoView, expected: dict[str, float], min_words: int
) -> dict[str, dict[int, int]] | None:
    """For each missing character (in order) that its counts do not drop,
    its gaps costing little (see _costing_little), in order, each with how
    many sides it fits there (2 when it makes a common word with both
    neighbours, else 1); None when there are too many candidates (see
    _candidates). A character is dropped when it makes too few
    two-character words with neighbours that rarely stand alone, or has too
    few gaps, or too few costing little."""
    candidates = _candidates(doc, view, frozenset(expected))
    if candidates is None:
        return None
    gaps, odd_words = candidates
    worth = {}
    for char, offsets in sorted(gaps.items()):
        needed = Needed(min_words, PLACES_SHARE * expected[char])
        sides = Counter(offsets)  # gap -> 2 when the character fits both sides, else 1
        if not needed.met(odd_words.get(char, 0), len(sides)):
            continue
        kept = _costing_little(view, char, sides)
        if sum(map(sides.__getitem__, kept)) >= needed.places:
            worth[char] = {gap: sides[gap] for gap in kept}
    return worth


def _candidates(
    doc: Document, view: TypoView, missing: frozenset[str]
) -> tuple[dict[str, array], dict[str, int]] | None:
    """For each missing character, the gaps where it makes a two-character
    common word with a neighbour (a gap twice when it does with both), in
    order, and how many such words it makes there with a neighbour that
    rarely stands alone; None when there are more candidates than the text
    is allowed (see CANDIDATES_PER_HAN). A gap is between characters that
    never meet inside a word, not beside a space (`居 民` is a layout break,
    L's) or a parenthesis (pinyin residue, M003's).

    Only gaps beside a character that makes a common word with a missing
    one are looked at (found in C); each is filed once under its neighbour,
    and the gaps of each missing character gathered from its neighbours'.
    """
    lex = lexicon()
    common = lex.common_follower_sets
    after = _Meeting(common, missing)  # character -> the missing ones that follow it in a common word
    before = _Meeting(lex.common_leader_sets, missing)
    leaders = frozenset().union(*(lex.common_leader_sets[char] for char in missing))
    followers = frozenset().union(*(lex.common_follower_sets[char] for char in missing))
    by_left, by_right = _filed(doc, view, leaders, followers)
    sides = [(after[left], gaps, left) for left, gaps in by_left.items()]
    sides += [(before[right], gaps, right) for right, gaps in by_right.items()]
    if (
        sum(len(chars) * len(gaps) for chars, gaps, _ in sides)
        > CANDIDATES_ALLOWED + CANDIDATES_PER_HAN * view.han_count
    ):
        return None
    places: dict[str, list[int]] = defaultdict(list)
    odd_words: dict[str, int] = defaultdict(int)  # words made with a neighbour that rarely stands alone
    for chars, gaps, neighbour in sides:
        rarely_alone = lex.char_cost(neighbour) >= RARELY_ALONE
        for char in chars:
            places[char] += gaps
            odd_words[char] += rarely_alone
    return {char: array("q", sorted(gaps)) for char, gaps in places.items()}, odd_words


def _filed(
    doc: Document, view: TypoView, leaders: frozenset[str], followers: frozenset[str]
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The candidate gaps (see _candidates) after a character of ``leaders``
    and before one of ``followers``, each in order under that character:
    the gaps open (the characters either side never meet in a word), not in
    a URL or code (no evidence: the engine only drops the findings there),
    not beside a space or a parenthesis, where the neighbour is not in a
    common word with its other neighbour (then it is not left over from one)."""
    text, common = view.text, lexicon().common_follower_sets
    beside = map(or_, map(leaders.__contains__, text), map(followers.__contains__, text[1:]))
    by_left: dict[str, list[int]] = defaultdict(list)  # neighbour -> the gaps after it
    by_right: dict[str, list[int]] = defaultdict(list)  # neighbour -> the gaps before it
    open_gaps = bytearray(view.joins.translate(_NOT))  # gap ``i + 1`` is open
    for start, end in doc.verbatim:
        open_gaps[max(0, start - 1) : max(0, end - 1)] = bytes(max(0, end - 1) - max(0, start - 1))
    for gap in compress(count(1), map(and_, open_gaps, beside)):
        left, right = text[gap - 1], text[gap]
        if left in NOT_AFTER or right in NOT_BEFORE:
            continue
        if left in leaders and (gap < 2 or left not in common[text[gap - 2]]):
            by_left[left].append(gap)
        if right in followers and text[gap + 1 : gap + 2] not in common[right]:
            by_right[right].append(gap)
    return by_left, by_right


class _Meeting(dict):
    """Character -> the characters of ``chosen`` a table of neighbours lists for it, made on first use."""

    def __init__(self, table: dict[str, frozenset[str]], chosen: frozenset[str]) -> None:
        super().__init__()
        self._table = table
        self._chosen = chosen

    def __missing__(self, char: str) -> frozenset[str]:
        value = self[char] = self._table[char] & self._chosen
        return value


#: Turns the bytes of TypoView.joins into whether each pair does not join.
_NOT = bytes.maketrans(b"\0\1", b"\1\0")


def _costing_little(view: TypoView, char: str, gaps) -> list[int]:
    """The gaps (in order) where ``char`` put in could make a word that costs
    at most what its other characters cost alone, plus WORSE — elsewhere it
    makes the words around much less likely (see Gap.most_saved), and the
    lexicon need not be asked: a two-character word with a neighbour that
    cheap, or a longer word starting within CONTEXT before ``char``, whose
    first three characters are looked up in the lexicon's word beginnings
    (a word of four from three characters back, in the trie)."""
    lex, text, joins = lexicon(), view.text, view.joins
    if lex.char_cost(char) <= WORSE:
        return list(gaps)
    cheap_before, cheap_after = cheap_neighbours(char)
    first, middle, last = (beginnings[char] for beginnings in lex.beginning_sets)
    leaders, starts = lex.leader_sets[char], view.starts_word
    return [
        gap
        for gap in gaps
        if text[gap - 1] in cheap_before
        or text[gap] in cheap_after
        or text[gap - 1 : gap + 1] in middle
        or text[gap - 2 : gap] in last
        or text[gap : gap + 2] in first
        # a word's characters meet inside it: the cheap tests before the trie
        or (gap > 2 and joins[gap - 3] and joins[gap - 2] and text[gap - 1] in leaders)
        and starts(text[gap - 3 : gap] + char)
    ]
