"""T003's suspects weighed with NumPy, all of a long text's at once (see
``lexicon/vector.py``; used only where numpy is installed, and imported on
first use, not with this module): which suspects a rival may replace with
gain, so that only they are weighed one by one in ``confusable_character``.

A suspect passes its weighing (``_weigh``) only when some rival (see
``rivals.py``) meets a neighbour inside some word and either gains its
floor with no word longer than two characters (``_may_pass``) or makes three characters found
together inside some word with the neighbours (``Lexicon.holding_longer``).
Each suspect's rivals are rows of one array; the rows that meet neither
neighbour (most) are dropped, and the rest are tested together. The test
is that of the reference, only looser where its three characters around a
rival hold something other than Chinese (the reference then asks more):
it never drops a suspect the reference would weigh."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from wenlint import tablecache
from wenlint_rules.typo.lexicon import TypoView, lexicon, vector
from wenlint_rules.typo.lexicon.cache import cache_path
from wenlint_rules.typo.rivals import penalties


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

    return np.zeros((2, vector.HAN_BEYOND + 1), dtype=bool)


def weighable(view: TypoView, lone: list[int], floors: list[float]) -> list[bool]:
    """For each of the suspects at ``lone`` (sorted offsets), whether some
    rival may gain its floor (``floors``) or be held by a longer word."""
    import numpy as np

    numbers, size = view.numbers, len(view.text)
    at = np.array(lone, dtype=np.int64)
    # a neighbour outside the text is number 0, which meets nothing
    left = np.where(at > 0, numbers[at - 1], 0)
    right = np.where(at + 1 < size, numbers[np.minimum(at + 1, size - 1)], 0)
    suspect, rivals, penalty, alone = _rows(view, lone, (left != 0) | (right != 0))
    before, after = vector.meet(left[suspect], rivals) == 1, vector.meet(rivals, right[suspect]) == 1
    kept = (before | after).nonzero()[0]
    suspect, rivals, before, after = suspect[kept], rivals[kept], before[kept], after[kept]
    alone = alone[suspect]
    left, right, floor = left[suspect], right[suspect], np.array(floors)[suspect] + penalty[kept]
    may, tables = np.zeros(len(lone), dtype=bool), _tables()
    cost = tables["char_costs"]
    may[suspect[alone - cost[rivals] >= floor]] = True
    for meets, first, second, neighbour, cheapest in (
        (before, left, rivals, left, "cheapest_after"),
        (after, rivals, right, right, "cheapest_before"),
    ):  # a two-character word with a neighbour, looked up where the neighbour's commonest gains enough
        gain = alone + cost[neighbour]
        asked = (meets & (gain - tables[cheapest][neighbour] >= floor)).nonzero()[0]
        word, found = vector.find_sorted(tables["two_char_words"], vector.piece_keys((first[asked], second[asked])))
        gaining = found & (gain[asked] - tables["two_char_costs"][word] >= floor[asked])
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
        asked = held.nonzero()[0]
        _, found = vector.find_sorted(tables["triples"], vector.piece_keys([column[asked] for column in triple]))
        may[suspect[asked[found]]] = True
    return may.tolist()


def _rows(view: TypoView, lone: list[int], asked):
    """A row for each rival of each suspect at ``lone`` where ``asked``:
    the suspect's index and the rival's number and penalty; and for each
    suspect, the cost of its character alone."""
    import numpy as np

    text, none = view.text, _rivals("")  # no character, no rivals
    tables = [_rivals(text[position]) if ask else none for position, ask in zip(lone, asked.tolist())]
    suspect = np.repeat(np.arange(len(lone)), [len(rivals) for rivals, _, _ in tables])
    rivals = np.concatenate([rivals for rivals, _, _ in tables])
    penalties = np.concatenate([penalties for _, penalties, _ in tables])
    return suspect, rivals, penalties, np.array([alone for _, _, alone in tables], dtype=np.int64)


@cache
def _rivals(char: str):
    """The numbers of the rivals of ``char`` that meet some character inside
    a word, with their penalties, and the cost of ``char`` alone."""
    import numpy as np

    rivals = penalties(char)
    numbers = vector.numbers("".join(rivals))
    kept = numbers != 0
    return numbers[kept], np.array([*rivals.values()], dtype=np.int64)[kept], lexicon().char_cost(char)


@cache
def _tables() -> dict:
    """What the weighing reads of the lexicon, by the typo view's numbers
    (see _built). Building takes ~0.3 CPU-s and ~60 MB while it lasts, so
    it is kept between runs beside the lexicon's cache (lint/tablecache.py)."""
    lexicon_cache = cache_path()
    return tablecache.kept("t003-weighing", _built, [lexicon_cache]) if lexicon_cache.exists() else _built()


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
