"""The characters T003 weighs in place of a suspect, its rivals: those like
it (see ``Lexicon.similar``), looser shapes left out, each with its
penalty (see PENALTY: of the first class that lists it)."""

from __future__ import annotations

import sys
from functools import cache

from wenlint_rules.typo.lexicon import LOOSE_SHAPE, PENALTY, lexicon


@cache
def penalties(char: str) -> dict[str, int]:
    """The rivals of ``char``, closest class first, with their penalties."""
    found: dict[str, int] = {}
    for group, penalty in zip(lexicon().similar(char)[:LOOSE_SHAPE], PENALTY):
        for other in group:
            found.setdefault(sys.intern(other), penalty)
    return found


@cache
def similar(char: str) -> tuple[str, ...]:
    """The rivals of ``char``, interned: a set intersects them several times
    faster than a string, whose characters are made anew on every pass."""
    return tuple(penalties(char))


@cache
def gain_alone(char: str) -> int:
    """What the commonest character like ``char`` gains on it as a word of
    its own, before its penalty (nothing when none is like it)."""
    char_costs = lexicon().char_costs
    return char_costs[char] - min(map(char_costs.__getitem__, similar(char)), default=char_costs[char])
