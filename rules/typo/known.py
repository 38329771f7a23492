"""The known-typo list and where its misspellings stand in a text.

T001 reports them; the other typo rules leave their spans to it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from wenlint_rules.typo.lexicon import TypoView, known_typos


class Typos(NamedTuple):
    """Misspelling -> correction pairs, by the first two characters of the misspelling."""

    by_start: dict[str, tuple[tuple[str, str], ...]]
    starts: frozenset[str]  # the keys of by_start
    single: frozenset[str]  # misspellings of one character (only users list them)


@lru_cache(maxsize=8)
def typo_table(extra: tuple[tuple[str, str], ...]) -> Typos:
    """The shipped pairs and the user's, in Simplified."""
    from wenlint.script import converter

    to_simplified = converter("t2s").convert
    listed = [*known_typos().items(), *((to_simplified(wrong), to_simplified(right)) for wrong, right in extra)]
    pairs = {wrong: right for wrong, right in listed if wrong and len(wrong) == len(right)}  # a user's pair wins
    by_start: dict[str, list[tuple[str, str]]] = {}
    for wrong, right in pairs.items():
        by_start.setdefault(wrong[:2], []).append((wrong, right))
    return Typos(
        {start: tuple(pairs) for start, pairs in by_start.items()},
        frozenset(by_start),
        frozenset(wrong for wrong in pairs if len(wrong) == 1),
    )


def matches(view: TypoView, typos: Typos) -> list[tuple[int, str, str]]:
    """(offset, misspelling, correction) of every listed misspelling in the
    text, in order. Only starts found among the text's pairs of neighbouring
    characters are searched for, so most texts need no search at all."""
    text = view.text
    found = []
    for start in [*(typos.starts & view.pairs), *(char for char in typos.single if char in text)]:
        offset = text.find(start)
        while offset != -1:
            found.extend(
                (offset, wrong, right) for wrong, right in typos.by_start[start] if text.startswith(wrong, offset)
            )
            offset = text.find(start, offset + 1)
    return sorted(found)


def listed_spans(view: TypoView) -> list[tuple[int, int]]:
    """(start, end) of the shipped misspellings T001 reports in the text,
    which the other typo rules leave to it."""
    return [
        (start, start + len(wrong))
        for start, wrong, _ in matches(view, typo_table(()))
        if not view.crosses_word(start, start + len(wrong))
    ]
