"""T003's suspects left alone for what is around them in the document:
titles, quotes and brackets, misspellings T001 lists, drugs' names,
repeated surroundings (a term the lexicon lacks) and the document's topic."""

from __future__ import annotations

import bisect
from collections import Counter
from operator import add

import regex

from wenlint_rules.typo.known import listed_at
from wenlint_rules.typo.lexicon import TypoView, lexicon

#: A character the document uses at least TOPICAL_COUNT times and TOPICAL_RATIO
#: times as often as running text does is its topic (`饲` in a feeding
#: trial, `宿` in astronomy): a typo would not recur.
TOPICAL_COUNT, TOPICAL_RATIO = 3, 5
#: Up to this many pieces of text (a suspect, it and a neighbour) are
#: counted one ``str.count`` each; more in one pass over the text, which
#: costs about as much as 90 counts (so a document with thousands of
#: suspects is not read thousands of times).
COUNTED_APART = 64
#: Titles, quotations and brackets: names and quoted wording, left alone.
_QUOTED = regex.compile(r"《[^》\n]{0,60}》|“[^”\n]{0,60}”|「[^」\n]{0,60}」|『[^』\n]{0,60}』|‘[^’\n]{0,60}’")
#: What follows a character of a drug's name (`补脾益肠丸`, `小儿安酚黄那敏颗粒`):
#: a few more characters and a dosage form that names nothing else.
_DRUG_NAME_REST = regex.compile(r"\p{Han}{0,5}?(?:丸|胶囊|颗粒|合剂|口服液|糖浆|冲剂|注射液|软膏|乳膏|滴剂)")


def reportable(view: TypoView, positions: list[int]) -> set[int]:
    """Those of ``positions`` not left alone: in titles, quotes or brackets,
    in a misspelling T001 lists, in a drug's name, repeated (a term) or a
    character of the document's topic.
    (The engine drops findings in URLs, addresses and code.)"""
    text = view.text
    left = [position for position in positions if not _in_drug_name(text, position)]
    counts = _counts(
        text, {piece for position in left for piece in (*_neighbour_pairs(text, position), text[position])}
    )
    left = [
        position
        for position in left
        if not (
            any(counts[piece] > 1 for piece in _neighbour_pairs(text, position))
            or _topical(view, text[position], counts[text[position]])
        )
    ]
    if not left:  # the rest looks through the whole document
        return set()
    listed = listed_at(view, left)
    quoted = [match.span() for match in _QUOTED.finditer(text)]
    quote_starts = [start for start, _ in quoted]
    return {position for position in left if not (position in listed or _in_spans(position, quoted, quote_starts))}


def _neighbour_pairs(text: str, position: int) -> tuple[str, str]:
    """The suspect with the character before it, and with the one after
    (one character alone at either end of the text)."""
    return text[max(0, position - 1) : position + 1], text[position : position + 2]


def _counts(text: str, pieces: set[str]) -> dict[str, int]:
    """How often each of ``pieces`` (one or two characters) occurs in the
    text, as ``str.count`` counts (a piece does not overlap itself). Each
    count reads the whole text: past COUNTED_APART pieces, those of two
    different characters are counted in one pass over the text's pairs,
    single characters in one over its characters."""
    if len(pieces) <= COUNTED_APART:
        return {piece: text.count(piece) for piece in pieces}
    chars, pairs = Counter(text), Counter(filter(pieces.__contains__, map(add, text, text[1:])))
    return {
        piece: chars[piece] if len(piece) == 1 else pairs[piece] if piece[0] != piece[1] else text.count(piece)
        for piece in pieces
    }


def _topical(view: TypoView, char: str, used: int) -> bool:
    """Whether the document uses ``char`` (``used`` times) far more often than running text does (see TOPICAL_COUNT)."""
    return used >= TOPICAL_COUNT and used >= TOPICAL_RATIO * lexicon().char_frequency(char) * view.han_count


def _in_spans(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``position`` lies strictly inside one of the sorted, disjoint ``spans``."""
    index = bisect.bisect_left(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _in_drug_name(text: str, position: int) -> bool:
    """Whether a dosage form (丸, 胶囊, 颗粒 …) follows within a few characters: a drug's name."""
    return _DRUG_NAME_REST.match(text, position + 1) is not None
