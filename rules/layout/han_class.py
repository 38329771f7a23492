"""Chinese characters as a class of a ``re`` pattern. ``re`` skips in C to
where a pattern's first class can match, while ``regex`` tries the pattern
at every character: a pattern starting with a rare class (`人` `己` `未`,
`，` `；` `、`) and looking at the Chinese around it runs about twice as
fast in ``re``, which has no ``\\p{Han}``. Defines no rule."""

from __future__ import annotations

import regex
import regex._regex

from wenlint.tablecache import kept

#: Where Han ends: no later code point is one (planes 0 to 3; a test reads every code point).
_BEYOND = 0x40000


def _ranges() -> tuple[tuple[int, int], ...]:
    """The first and last code point of each run ``regex``'s ``\\p{Han}``
    matches (〇 among them): its version of Unicode, whichever is installed."""
    every = "".join(map(chr, range(_BEYOND)))
    return tuple((match.start(), match.end() - 1) for match in regex.finditer(r"\p{Han}+", every))


#: A Chinese character, inside a ``re`` class: ``f"[{HAN}]"``. Worked out
#: once per installed ``regex`` (~0.03 CPU-s) and kept (:mod:`wenlint.tablecache`).
HAN = "".join(f"{chr(first)}-{chr(last)}" for first, last in kept("han-ranges", _ranges, [regex._regex.__file__]))
