"""The known-typo list and where its misspellings stand in a text.

T001 reports them; the other typo rules leave their spans to it.
"""

from __future__ import annotations

from functools import lru_cache

from wenlint.kinds import Substitutions
from wenlint_rules.typo.lexicon import TypoView, known_typos


@lru_cache(maxsize=8)
def typo_table(extra: tuple[tuple[str, str], ...]) -> Substitutions:
    """The shipped pairs (``data/typo_known.tsv``) and the user's, in
    Simplified; only pairs of the same length, so that a misspelling found
    in the Simplified view has the same offsets in the text. A user's pair
    wins over a shipped one."""
    from wenlint.script import converter

    to_simplified = converter("t2s").convert
    listed = [*known_typos().items(), *((to_simplified(wrong), to_simplified(right)) for wrong, right in extra)]
    return Substitutions({wrong: right for wrong, right in listed if len(wrong) == len(right)})


def listed_at(view: TypoView, positions: list[int]) -> set[int]:
    """Those of ``positions`` inside a shipped misspelling T001 reports,
    which the other typo rules leave to it: each looked for only in the
    text around it, as far as the longest misspelling reaches."""
    table, reach, text, found = typo_table(()), _reach(), view.text, set()
    for position in positions:
        low = max(0, position - reach + 1)
        for hit in table.find(text[low : position + reach]):
            start, end = low + hit.start, low + hit.end
            if start <= position < end and stands_alone(view, start, end):
                found.add(position)
                break
    return found


@lru_cache(maxsize=1)
def _reach() -> int:
    """The length of the longest shipped misspelling."""
    return max(map(len, typo_table(()).pairs), default=0)


def stands_alone(view: TypoView, start: int, end: int) -> bool:
    """Whether a misspelling found at ``text[start:end]`` is one: no common
    word overlaps it and reaches outside (`福社` in `幸福社区`), and no longer
    word holds it (`乎乎` in `晕晕乎乎`)."""
    return not (view.crosses_word(start, end) or view.inside_word(start, end))
