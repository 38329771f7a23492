"""T003's suspects weighed with NumPy, all of a long text's at once (see
``lexicon/vector.py``; used only where numpy is installed, and imported on
first use, not with this module): the suspects a rival may replace with
gain, each with the most each of its candidates may gain, so that only
they are scored, from their candidates' rows, in ``confusable_character``.

A suspect passes its weighing (``_weigh``) only when some rival (see
``rivals.py``) meets a neighbour inside some word and either gains its
floor with no word longer than two characters (``_may_pass``) or makes three characters found
together inside some word with the neighbours (``Lexicon.holding_longer``).
Each suspect's rivals are rows of one array; the rows that meet neither
neighbour (most) are dropped, and the rest are tested together. The
suspects kept and their candidates' bounds are exactly the reference's
(tests/test_confusable_vector.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from wenlint.textclass import HAN_BEYOND
from wenlint_rules.typo.lexicon import TypoView, lexicon, vector
from wenlint_rules.typo.lexicon.cache import kept_beside
from wenlint_rules.typo.rivals import gain_alone, penalties


def lone(view: TypoView, may_suspect: Callable[[str], bool]) -> list[int]:
    """Offsets of the characters other than ASCII that meet neither
    neighbour inside any word and that ``may_suspect``, as
    confusable_character._lone_characters finds them without NumPy: from
    the text's code points and joins, each character tested once a
    process (see _suspect_marks)."""
    import numpy as np

    points = view.code_points
    apart = np.frombuffer(view.joins, dtype=np.uint8)[: len(points)] == 0  # (an empty text has one join)
    alone = apart.copy()
    alone[1:] &= apart[:-1]
    at = (alone & (points >= 0x80)).nonzero()[0]
    known, marked = _suspect_marks()
    points = np.minimum(points[at], len(known) - 1)
    new = np.unique(points[~known[points]])
    if len(new):
        marked[new] = [*map(may_suspect, map(chr, new.tolist()))]
        known[new] = True
    return at[marked[points]].tolist()


@cache
def _suspect_marks():
    """Code point -> whether it was tested, and whether it may be a suspect
    (filled as they are met); the last entry stands for every later code
    point (none is a Chinese character)."""
    import numpy as np

    return np.zeros((2, HAN_BEYOND + 1), dtype=bool)


#: Less than any gain: where a candidate makes no word with a neighbour.
_NO_GAIN = -(1 << 40)
#: The characters around a suspect read: two before it and two after.
_NEAR = (-2, -1, 1, 2)


def weighed(view: TypoView, lone: list[int], floors: list[float]) -> list[tuple[int, float, list[tuple]]]:
    """The suspects at ``lone`` (sorted offsets) that confusable_character._weigh
    keeps at their floors (``floors``), each as (offset, floor, rows): a row
    for each of its candidates (the rivals that meet a neighbour inside some
    word), ``(rival, penalty, held, most, left, right)``: whether a word longer
    than two characters may hold it (Lexicon.holding_longer); else the most
    it may gain (as _score bounds it) and the costs of the two-character
    words it makes with the Chinese character before and after it (-1: none).
    Each table is searched once for all (a short text's time goes to the
    number of NumPy calls, not their length)."""
    import numpy as np

    numbers, size, tables = view.numbers, len(view.text), weighing_tables()
    cost, at, floor = tables["char_costs"], np.array(lone, dtype=np.int64), np.array(floors)
    # the two characters either side (number 0 outside the text: it meets nothing), and whether
    # the two before (after) meet inside some word
    near = at[:, None] + _NEAR
    inside = (near >= 0) & (near < size)
    far_left, left, right, far_right = np.where(inside, numbers.take(near, mode="clip"), 0).T
    joins = np.frombuffer(view.joins, dtype=np.uint8).take(near[:, 0::2], mode="clip")  # at - 2 and at + 1
    two_before, two_after = (inside[:, 0::3] & (joins == 1)).T
    suspect, rivals, penalty, alone, gain_alone = _rows(view, lone, (left != 0) | (right != 0))
    before, after = vector.meet(left[suspect], rivals) == 1, vector.meet(rivals, right[suspect]) == 1
    kept = (before | after).nonzero()[0]
    suspect, rivals, before, after, penalty = suspect[kept], rivals[kept], before[kept], after[kept], penalty[kept]
    row_left, row_right = left[suspect], right[suspect]
    (centred, held_before, held_after), _, (left_cost, right_cost) = words_around(
        far_left[suspect], row_left, rivals, row_right, far_right[suspect]
    )
    held = (
        centred & before & after | held_before & before & two_before[suspect] | held_after & after & two_after[suspect]
    )
    # _may_pass (with the neighbours, Chinese or not): the rival alone, or a two-character word
    row_alone = alone[suspect]
    most = np.maximum.reduce(
        [
            row_alone - cost[rivals],
            np.where(left_cost >= 0, row_alone + cost[row_left] - left_cost, _NO_GAIN),
            np.where(right_cost >= 0, row_alone + cost[row_right] - right_cost, _NO_GAIN),
        ]
    )
    passing, holding = np.zeros((2, len(lone)), dtype=bool)
    passing[suspect[most - penalty >= floor[suspect]]] = True
    holding[suspect[held]] = True
    # _weigh gives up on a suspect no pair may gain on, unless a longer word may hold it there
    han = vector.han(view.code_points.take(near[:, 1:3], mode="clip")) & inside[:, 1:3]
    by_pairs = np.maximum.reduce(
        [
            gain_alone,
            np.where(left != 0, alone + cost[left] - tables["cheapest_after"][left], _NO_GAIN),
            np.where(right != 0, alone + cost[right] - tables["cheapest_before"][right], _NO_GAIN),
        ]
    )
    longer = han.all(axis=1) | two_before | two_after
    chosen = passing | holding & (longer | (by_pairs >= floor))
    # what each candidate of the suspects kept may gain at most with its two-character words
    # with Chinese neighbours (see Gap.most_saved)
    row = chosen[suspect].nonzero()[0]
    suspect, rivals, penalty = suspect[row], rivals[row], penalty[row]
    left_cost = np.where(han[suspect, 0], left_cost[row], -1)
    right_cost = np.where(han[suspect, 1], right_cost[row], -1)
    saved = np.maximum.reduce(
        [
            np.zeros(len(row), dtype=np.int64),
            np.where(left_cost >= 0, cost[left[suspect]] + cost[rivals] - left_cost, 0),
            np.where(right_cost >= 0, cost[rivals] + cost[right[suspect]] - right_cost, 0),
        ]
    )
    found = [
        *zip(
            vector.characters(rivals),
            penalty.tolist(),
            held[row].tolist(),
            (alone[suspect] - cost[rivals] - penalty + saved).tolist(),
            left_cost.tolist(),
            right_cost.tolist(),
        )
    ]
    chosen = chosen.nonzero()[0]
    bounds = [*np.searchsorted(suspect, chosen).tolist(), len(found)]
    return [
        (lone[index], floors[index], found[bounds[at] : bounds[at + 1]]) for at, index in enumerate(chosen.tolist())
    ]


def words_around(far_left, left, middle, right, far_right):
    """For each place of a character ``middle`` between ``left`` and ``right``
    (numbers, as the two further out), a row each: whether three characters
    are together inside some word (Lexicon.holding_longer) with it in the
    middle, last and first; the keys (vector.piece_keys) of the two
    characters it makes with ``left`` and with ``right``; the costs of those
    two-character words (-1: none)."""
    import numpy as np

    tables, searched, size = weighing_tables(), _searched(), len(middle)
    pairs = vector.piece_keys((np.concatenate([left, middle]), np.concatenate([middle, right])))
    word, found = searched["two_char_words"].find(pairs)
    costs = np.where(found, tables["two_char_costs"][word], -1).reshape(2, size)
    triples = ((left, middle, right), (far_left, left, middle), (middle, right, far_right))
    _, found = searched["triples"].find(vector.piece_keys([np.concatenate(each) for each in zip(*triples)]))
    return found.reshape(3, size), pairs.reshape(2, size), costs


def _rows(view: TypoView, lone: list[int], asked):
    """A row for each rival of each suspect at ``lone`` where ``asked``:
    the suspect's index and the rival's number and penalty; and for each
    suspect, the cost of its character alone and what the commonest rival
    gains on it alone (rivals.gain_alone). Gathered from _every_rival with
    array operations, not a Python step a suspect."""
    import numpy as np

    table = _every_rival()
    slots = table.slots(view.code_points[lone])
    counts = np.where(asked, table.counts[slots], 0)
    ends = np.cumsum(counts)
    suspect = np.repeat(np.arange(len(lone)), counts)
    row = np.arange(len(suspect)) + np.repeat(table.starts[slots] - (ends - counts), counts)
    return suspect, table.rivals[row], table.penalties[row], table.alone[slots], table.gain_alone[slots]


class _EveryRival:
    """The rivals of every character met so far (see _rivals), one after
    another in arrays, and for each character (its slot) where its rivals
    start, how many there are, its cost alone and what its commonest rival
    gains on it alone. A character is added when first met."""

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._slot = np.full(HAN_BEYOND + 1, -1, dtype=np.int32)  # code point -> its slot (none past Han)
        self.rivals = self.penalties = self.starts = self.counts = self.alone = self.gain_alone = np.zeros(
            0, dtype=np.int64
        )

    def slots(self, points):
        """The slot of each of the code points ``points``, adding those met for the first time."""
        np = self._np
        points = np.minimum(points, len(self._slot) - 1)
        slots = self._slot[points]
        if (slots < 0).any():
            self._add([*map(chr, np.unique(points[slots < 0]).tolist())])
            slots = self._slot[points]
        return slots

    def _add(self, chars: list[str]) -> None:
        np = self._np
        found = [_rivals(char) for char in chars]
        counts = np.array([len(rivals) for rivals, _, _, _ in found], dtype=np.int64)
        self._slot[[*map(ord, chars)]] = np.arange(len(self.counts), len(self.counts) + len(chars))
        self.starts = np.concatenate([self.starts, len(self.rivals) + np.cumsum(counts) - counts])
        self.counts = np.concatenate([self.counts, counts])
        self.rivals = np.concatenate([self.rivals, *(rivals for rivals, _, _, _ in found)])
        self.penalties = np.concatenate([self.penalties, *(penalties for _, penalties, _, _ in found)])
        self.alone = np.concatenate([self.alone, [alone for _, _, alone, _ in found]]).astype(np.int64)
        self.gain_alone = np.concatenate([self.gain_alone, [gain for _, _, _, gain in found]]).astype(np.int64)


@cache
def _every_rival() -> _EveryRival:
    return _EveryRival()


def _rivals(char: str):
    """The numbers of the rivals of ``char`` that meet some character inside
    a word, with their penalties; the cost of ``char`` alone, and what its
    commonest rival gains on it alone (read once a character: _EveryRival keeps them)."""
    import numpy as np

    rivals = penalties(char)
    numbers = vector.numbers("".join(rivals))
    kept = numbers != 0
    penalty = np.array([*rivals.values()], dtype=np.int64)[kept]
    return numbers[kept], penalty, lexicon().char_cost(char), gain_alone(char)


@cache
def weighing_tables() -> dict:
    """What the weighing reads of the lexicon, by the typo view's numbers
    (see _built). Building takes ~0.3 CPU-s and ~60 MB while it lasts, so
    it is kept between runs beside the lexicon's cache (lint/tablecache.py)."""
    return kept_beside("t003-weighing", _built)


@cache
def _searched() -> dict:
    """The two-character words and the triples of weighing_tables, as vector.KeySet."""
    tables = weighing_tables()
    return {name: vector.KeySet(tables[name]) for name in ("two_char_words", "triples")}


def _built() -> dict:
    """Each number's character's cost alone and its commonest two-character
    word's of those it starts and ends (see Lexicon.cheapest_after); the
    two-character words as sorted keys (see vector.piece_keys) with their costs; the
    triples (three characters together inside some word) as sorted keys."""
    import numpy as np

    lex = lexicon()
    listed = lex.follower_sets.listed
    chars = "".join({*listed, *"".join(listed.values())})
    tables = {}
    for table in ("char_costs", "cheapest_after", "cheapest_before"):
        tables[table] = np.zeros(vector.numbered(), dtype=np.int64)
        tables[table][vector.numbers(chars)] = [*map(getattr(lex, table).__getitem__, chars)]
    firsts, seconds, costs = [], [], []
    for char in listed:
        words = lex.two_char_words(char, ending=False)
        firsts.append(char * len(words))
        seconds.extend(other for other, _ in words)
        costs.extend(cost for _, cost in words)
    keys = vector.piece_keys([vector.numbers("".join(firsts)), vector.numbers("".join(seconds))])
    order = np.argsort(keys)
    tables["two_char_words"], tables["two_char_costs"] = keys[order], np.array(costs, dtype=np.int64)[order]
    triples = vector.numbers("".join(lex.triples())).reshape(-1, 3)
    tables["triples"] = np.unique(vector.piece_keys(triples.T))
    return tables
