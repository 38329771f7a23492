"""T005's tables of each character's neighbours and word beginnings, for
NumPy (see ``stripped_gaps.py``): built for every character at once and
kept between runs beside the lexicon's cache (lint/tablecache.py), so that
a process reads a character's tables as slices of a few arrays, where
building them a character at a time cost ~0.2 CPU-s a process."""

from __future__ import annotations

from functools import lru_cache

from wenlint_rules.typo.lexicon import lexicon, vector
from wenlint_rules.typo.lexicon.cache import kept_beside

#: Inserting the character may make the words around a place this much less
#: likely (centibels; `整体合` → `整体合力` costs 111), never more.
WORSE = 115
#: Bump when what :func:`_built` keeps changes (a change of WORSE builds it again by itself).
LAYOUT = 1


@lru_cache(maxsize=4096)
def cheap_pieces(char: str) -> tuple[vector.Pieces, ...]:
    """The tables :func:`stripped_candidates._costing_little` tests a gap of
    ``char`` against, as vector.Pieces: the cheap neighbours before and
    after (see cheap_neighbours), the word beginnings with it first, in the
    middle and last (Lexicon.beginning_sets), the characters it follows
    inside words (Lexicon.leader_sets)."""
    return tuple(map(vector.Pieces.of_keys, _of(char, range(6))))


@lru_cache(maxsize=4096)
def common_neighbours(char: str) -> tuple:
    """The numbers (see vector.py) of the characters that come before ``char``
    inside some common word, and of those that come after it."""
    return _of(char, (6, 7))


def _of(char: str, tables: range | tuple[int, ...]) -> tuple:
    """The keys ``char`` has in each of ``tables`` (indexes into :func:`_tables`)."""
    number, kept = int(vector.numbers(char)[0]), _tables()
    return tuple(keys[bounds[number] : bounds[number + 1]] for keys, bounds in map(kept.__getitem__, tables))


@lru_cache(maxsize=1)
def _tables() -> list:
    """What :func:`_built` keeps, loaded (or built) once a process."""
    return kept_beside("t005-pieces", _built, LAYOUT, key=f"WORSE={WORSE}")


def _built() -> list:
    """For every character, as :func:`_by_character` lays them out: its
    cheap neighbours before and after, its word beginnings with it first,
    in the middle and last, its leaders in any word, and its leaders and
    followers in common words."""
    lex = lexicon()
    firsts, middles, lasts = (table.listed for table in lex.beginning_sets)
    return [
        _cheap(ending=True),
        _cheap(ending=False),
        _by_character(firsts, 2),
        _by_character(middles, 2),
        _by_character(lasts, 2),
        _by_character(lex.leader_sets.listed, 1),
        _by_character(lex.common_leader_sets.listed, 1),
        _by_character(lex.common_follower_sets.listed, 1),
    ]


def _cheap(ending: bool) -> tuple:
    """The characters before (``ending``) or after which each character makes
    a two-character word costing at most what that character costs alone,
    plus WORSE (see cheap_neighbours), as :func:`_by_character` lays them out;
    each character's cost alone by its number is T003's (confusable_vector.weighing_tables)."""
    from wenlint_rules.typo.confusable_vector import weighing_tables

    packed = lexicon().two_char_listed(ending)
    others = {char: listed[: len(listed) // 2] for char, listed in packed.items()}
    costs = vector.code_points("".join(listed[len(listed) // 2 :] for listed in packed.values()))
    alone = weighing_tables()["char_costs"]
    return _by_character(others, 1, costs <= alone[vector.numbers("".join(others.values()))] + WORSE)


def _by_character(table: dict[str, str], length: int, keep=None) -> tuple:
    """The pieces of ``length`` characters a ``table`` lists for each
    character (concatenated; ``keep``: whether each is kept, else all), as
    (keys, bounds): the sorted keys (vector.piece_keys) of the pieces of the
    character numbered ``n`` are ``keys[bounds[n] : bounds[n + 1]]``. Every
    character of a piece meets its owner inside a word: all are numbered."""
    import numpy as np

    span = vector.numbered() ** length
    owners = vector.numbers("".join(table)).repeat([len(listed) // length for listed in table.values()])
    pieces = vector.numbers("".join(table.values())).reshape(-1, length)
    keys = owners * span + vector.piece_keys(pieces.T)
    keys = np.unique(keys if keep is None else keys[keep])
    return keys % span, np.searchsorted(keys, np.arange(vector.numbered() + 1) * span)


@lru_cache(maxsize=4096)
def cheap_neighbours(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """The characters before and after which ``char`` makes a two-character
    word costing at most what that character costs alone, plus WORSE."""
    lex = lexicon()
    before, after = (
        frozenset(other for other, cost in lex.two_char_words(char, ending) if cost <= lex.char_cost(other) + WORSE)
        for ending in (True, False)
    )
    return before, after
