"""Chinese characters as a class of a ``re`` pattern. ``re`` skips in C to
where a pattern's first class can match, while ``regex`` tries the pattern
at every character: a pattern starting with a rare class (`人` `己` `未`,
`，` `；` `、`) and looking at the Chinese around it runs about twice as
fast in ``re``, which has no ``\\p{Han}``. Defines no rule."""

from __future__ import annotations

import regex
import regex._regex

from wenlint.codepoints import class_body
from wenlint.tablecache import kept
from wenlint.textclass import HAN_BEYOND


def _han_class() -> str:
    """The class body of ``regex``'s ``\\p{Han}`` (〇 among them): its
    version of Unicode, whichever is installed."""
    return class_body(regex.findall(r"\p{Han}", "".join(map(chr, range(HAN_BEYOND)))))


#: A Chinese character, inside a ``re`` class: ``f"[{HAN}]"``. Worked out
#: once per installed ``regex`` (~0.1 CPU-s) and kept (:mod:`wenlint.tablecache`).
HAN = kept("han-class", _han_class, [regex._regex.__file__])
