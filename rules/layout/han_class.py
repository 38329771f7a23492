"""Chinese characters as a class of a ``re`` pattern. ``re`` skips in C to
where a pattern's first class can match, while ``regex`` tries the pattern
at every character: a pattern starting with a rare class (`人` `己` `未`,
`，` `；` `、`) and looking at the Chinese around it runs about twice as
fast in ``re``, which has no ``\\p{Han}``. Defines no rule."""

from __future__ import annotations

#: The code points of ``regex``'s ``\p{Han}`` (〇 among them; its version of Unicode: a test holds the two equal).
_RANGES = (
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x3005, 0x3005),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303B),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0x16FE2, 0x16FE3),
    (0x16FF0, 0x16FF6),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B81D),
    (0x2B820, 0x2CEAD),
    (0x2CEB0, 0x2EBE0),
    (0x2EBF0, 0x2EE5D),
    (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
    (0x31350, 0x33479),
)
#: A Chinese character, inside a ``re`` class: ``f"[{HAN}]"``.
HAN = "".join(f"{chr(first)}-{chr(last)}" for first, last in _RANGES)
