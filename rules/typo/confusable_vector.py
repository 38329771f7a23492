"""T003's suspects weighed with NumPy, all of a long text's at once (see
``lexicon/vector.py``; used only where numpy is installed, and imported on
first use, not with this module): which suspects a rival may replace with
gain, so that only they are weighed one by one in ``confusable_character``.

A suspect passes its weighing (``_weigh``) only when some rival (a similar
character, its penalty by the first class that lists it) meets a
neighbour inside some word and either gains its floor with no word longer
than two characters (``_may_pass``) or makes three characters found
together inside some word with the neighbours (``Lexicon.holding_longer``).
Each suspect's rivals are rows of one array; the rows that meet neither
neighbour (most) are dropped, and the rest are tested together. The test
is that of the reference, only looser where its three characters around a
rival hold something other than Chinese (the reference then asks more):
it never drops a suspect the reference would weigh."""

from __future__ import annotations

from functools import cache

from wenlint_rules.typo.lexicon import LOOSE_SHAPE, PENALTY, TypoView, lexicon, vector

#: More than any gain: a rival with no two-character word with a neighbour gains nothing from it.
_FAR = 1 << 40


def weighable(view: TypoView, lone: list[int], floors: list[float]) -> list[bool]:
    """For each of the suspects at ``lone`` (sorted offsets), whether some
    rival may gain its floor (``floors``) or be held by a longer word."""
    import numpy as np

    numbers, size = view.numbers, len(view.text)
    at = np.array(lone, dtype=np.int64)
    # a neighbour outside the text is number 0, which meets nothing
    left = np.where(at > 0, numbers[at - 1], 0)
    right = np.where(at + 1 < size, numbers[np.minimum(at + 1, size - 1)], 0)
    suspect, rivals, penalty, alone = _rows(view, at, (left != 0) | (right != 0))
    before, after = vector.meet(left[suspect], rivals) == 1, vector.meet(rivals, right[suspect]) == 1
    kept = (before | after).nonzero()[0]
    suspect, rivals, before, after, alone = suspect[kept], rivals[kept], before[kept], after[kept], alone[kept]
    left, right, floor = left[suspect], right[suspect], np.array(floors)[suspect] + penalty[kept]
    may = np.zeros(len(lone), dtype=bool)
    cost = _by_number("char_costs")
    may[suspect[alone - cost[rivals] >= floor]] = True
    for meets, first, second, neighbour, cheapest in (
        (before, left, rivals, left, "cheapest_after"),
        (after, rivals, right, right, "cheapest_before"),
    ):  # a two-character word with a neighbour, looked up where the neighbour's commonest gains enough
        gain = alone + cost[neighbour]
        asked = (meets & (gain - _by_number(cheapest)[neighbour] >= floor)).nonzero()[0]
        gaining = gain[asked] - _two_char_cost(first[asked], second[asked]) >= floor[asked]
        may[suspect[asked[gaining]]] = True
    # held by a longer word: a triple of the rival with both neighbours, or with two on one side
    joins, at = np.frombuffer(view.joins, dtype=np.uint8), at[suspect]
    two_before = before & (at >= 2) & (joins[np.maximum(at - 2, 0)] == 1)
    two_after = after & (at + 2 < size) & (joins[np.minimum(at + 1, size - 1)] == 1)
    for held, triple in (
        (before & after, (left, rivals, right)),
        (two_before, (numbers[np.maximum(at - 2, 0)], left, rivals)),
        (two_after, (rivals, right, numbers[np.minimum(at + 2, size - 1)])),
    ):
        found = held.nonzero()[0]
        pieces = np.stack([column[found] for column in triple], axis=1).ravel()
        may[suspect[found[_triples().at(pieces, np.arange(0, len(pieces), 3), (0, 1, 2))]]] = True
    return may.tolist()


def _rows(view: TypoView, at, asked):
    """A row for each rival of each suspect at ``at`` where ``asked``:
    the suspect's index, the rival's number and penalty, the cost of the
    suspect alone."""
    import numpy as np

    points, which = np.unique(vector.code_points(view.text)[at], return_inverse=True)
    tables = [*map(_rivals, map(chr, points.tolist()))]
    lengths = np.array([len(rivals) for rivals, _, _ in tables], dtype=np.int64)
    counts = np.where(asked, lengths[which], 0)
    suspect = np.repeat(np.arange(len(at)), counts)
    # the rows of suspect i are its character's rivals, from where they start among all
    row = np.arange(len(suspect)) + np.repeat(
        (np.cumsum(lengths) - lengths)[which] - (np.cumsum(counts) - counts), counts
    )
    alone = np.array([alone for _, _, alone in tables], dtype=np.int64)[which]
    return (
        suspect,
        np.concatenate([rivals for rivals, _, _ in tables])[row],
        np.concatenate([penalties for _, penalties, _ in tables])[row],
        alone[suspect],
    )


@cache
def _rivals(char: str):
    """The numbers of the characters like ``char`` that meet some character
    inside a word (see T003's ``_similar``), with their penalties (of the
    first class that lists each) and the cost of ``char`` alone."""
    import numpy as np

    penalties: dict[str, int] = {}
    for group, penalty in zip(lexicon().similar(char)[:LOOSE_SHAPE], PENALTY):
        for other in group:
            penalties.setdefault(other, penalty)
    numbers = vector.numbers("".join(penalties))
    kept = numbers != 0
    return numbers[kept], np.array([*penalties.values()], dtype=np.int64)[kept], lexicon().char_cost(char)


@cache
def _by_number(table: str):
    """The value of each number's character in the lexicon's per-character
    ``table`` (``char_costs``, ``cheapest_after``, ``cheapest_before``)."""
    import numpy as np

    lex = lexicon()
    listed = lex.follower_sets.listed
    chars = "".join({*listed, *"".join(listed.values())})
    values = np.zeros(vector.numbered(), dtype=np.int64)
    values[vector.numbers(chars)] = [*map(getattr(lex, table).__getitem__, chars)]
    return values


@cache
def _two_char_words():
    """The two-character words as sorted keys (first number × numbers + second) and their costs."""
    import numpy as np

    lex = lexicon()
    firsts, seconds, costs = [], [], []
    for char in lex.follower_sets.listed:
        words = lex.two_char_words(char, ending=False)
        firsts.append(char * len(words))
        seconds.extend(other for other, _ in words)
        costs.extend(cost for _, cost in words)
    keys = vector.numbers("".join(firsts)) * vector.numbered() + vector.numbers("".join(seconds))
    order = np.argsort(keys)
    return keys[order], np.array(costs, dtype=np.int64)[order]


def _two_char_cost(firsts, seconds):
    """The cost of each two-character word of ``firsts`` and ``seconds``, or _FAR where it is none."""
    import numpy as np

    keys, costs = _two_char_words()
    wanted = firsts * vector.numbered() + seconds
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[found] == wanted, costs[found], _FAR)


@cache
def _triples():
    """The lexicon's triples (three characters together inside some word), as vector.Pieces."""
    return vector.Pieces(lexicon().triples(), 3)
