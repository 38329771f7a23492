"""T005: one character stripped out of a whole document (`努推進` for 努力推進)."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.textclass import HAN

from wenlint_rules._lexicon import COMMON_WORD, joined, lexicon, simplified

#: Inserting the character may make the words around a place this much less
#: likely (centibels; `整体合` → `整体合力` costs 111), never more.
WORSE = 115
#: Different restored words that make their surroundings likelier, needed
#: besides `min_words` in all: `努推进` → `努力推进` (+140), `和睦处` → `和睦相处`
#: (+273); a character that only restores odd words (`美` → `美国`) is no evidence.
LIKELIER = 2
#: Places needed, as a share of the times the character was expected: a
#: stripped character leaves remains at most of its words (力 in seed 001:
#: 30 places for 17 expected; 相: 11 for 14), chance leaves few (学 in clean
#: medical text: 7 for 23).
PLACES_SHARE = 0.5
#: A neighbour of a gap that stands alone this rarely (cost as a word of its
#: own: 努 513, 量 390, 度 404; but 我 214) suggests a word lost a character.
RARELY_ALONE = 340
#: Places listed in the document-level finding.
LISTED = 8
#: Characters of context on either side of a gap.
CONTEXT = 3


class Place(NamedTuple):
    """Where a missing character would restore a word."""

    gap: int  # offset the character would be inserted at
    start: int  # the word's remains: text[start:end], around the gap
    end: int
    word: str
    gain: int  # centibels the insertion makes the words around the gap likelier


@lru_cache(maxsize=1)
def _by_frequency() -> list[tuple[float, str]]:
    """Simplified characters in use, commonest first, with their share of text."""
    from wenlint.script import converter

    lex = lexicon()
    chars = [char for char in map(chr, range(0x4E00, 0xA000)) if lex.char_frequency(char) >= 1e-4]
    as_simplified = converter("t2s").convert("".join(chars))
    return sorted(((lex.char_frequency(c), c) for c, s in zip(chars, as_simplified) if c == s), reverse=True)


@lru_cache(maxsize=8192)
def _followers(char: str) -> frozenset[str]:
    return frozenset(lexicon().common_followers(char))


@lru_cache(maxsize=8192)
def _leaders(char: str) -> frozenset[str]:
    return frozenset(lexicon().common_leaders(char))


class StrippedCharacter(Rule):
    code = "T005"
    name = "stripped-character"
    summary = "One character stripped out of the whole document (`努推進`, `社會量`, `和睦處`)"
    explanation = """
        A broken conversion or a careless search-and-replace can delete every
        occurrence of one character. Seed 001 lost every 力 and every 相:
        `努推進` (努力推進), `社會量` (社會力量), `投入度` (投入力度), `和睦處`
        (和睦相處). Each place alone looks like an odd phrase; together they
        show that one character is gone.

        Only a character the document never uses, though a text of its length
        would be expected to use it at least `expected` times (default 8: 力
        makes up 0.18% of Chinese text, so a document of 4,500 characters
        without one has lost it, or is about something else), is considered. A
        place is a gap between two characters that never meet inside a word,
        where inserting the character makes a common word with its neighbours
        and does not make the words around much less likely. The character is
        reported when it would restore `min_words` (default 3) different words,
        at least two of which make their surroundings likelier (`努推進` →
        `努力推進`), at no fewer places than half the times the character was
        expected: one finding listing every place, at the most convincing
        one, and a related finding at each other place. Of two characters that
        would restore words with the same remains (`爭`: 力爭, 爭相), only the
        likelier is reported there. Gaps beside parentheses (pinyin
        residue, M003) are skipped; Traditional text is checked through its
        Simplified form.

        The fix inserts the character; it is unsafe (a good guess, not a certainty).
    """
    fix = FixAvailability.UNSAFE
    options = {
        "min_words": Option(3, "different words a missing character must restore to be reported"),
        "expected": Option(8.0, "how often a document must be expected to use a character for its absence to count"),
    }
    bad = (
        Example(
            "我們要努推進社區建設,動員社會量參與,形成整體合。我們要努推動工作,花精、用人才。",
            fixed="我們要努力推進社區建設,動員社會力量參與,形成整體合力。我們要努力推動工作,花精力、用人才。",
            options={"expected": 0.01},
        ),
    )
    good = (
        Example("我們要努力推進社區建設,動員社會力量參與,加大投入力度,形成整體合力。"),
        Example("我认为他说你们要互相尊重。"),
        Example("全市共有社区三百个，省市两级财政投入二十亿元，美术馆和图书馆各一座。", options={"expected": 0.01}),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        if not doc.has_han:
            return []
        view = simplified(doc)
        missing = _expected_but_missing(view, self.settings["expected"])
        if not missing:
            return []
        min_words = self.settings["min_words"]
        size = len(HAN.findall(view))
        expected = {char: lexicon().char_frequency(char) * size for char in missing}
        reported = {char: places for char, places in _places(doc, view, expected, min_words).items()
                    if _convincing(places, min_words, expected[char])}
        best = {}  # two characters restoring words with the same remains (`争`: 力争, 争相): the likelier
        for char, places in reported.items():
            for place in places:
                key = (place.start, place.end)
                if key not in best or place.gain > best[key][1]:
                    best[key] = (char, place.gain)
        found = []
        for char, places in reported.items():
            places = [place for place in places if best[place.start, place.end][0] == char]
            found.extend(self._report(doc, _in_script(doc, char), places))
        return found

    def _report(self, doc: Document, char: str, places: list[Place]) -> list[Diagnostic]:
        text = doc.text
        listing = ", ".join(f"`{text[p.start:p.end]}`" for p in places[:LISTED])
        more = " …" if len(places) > LISTED else ""
        headline = max(places, key=lambda place: place.gain)
        found = []
        for place in places:
            remains = text[place.start : place.end]
            restored = text[place.start : place.gap] + char + text[place.gap : place.end]
            if place is headline:
                message = f"`{char}` appears stripped from the whole document ({len(places)} places): {listing}{more}"
            else:
                message = f"`{remains}`: `{char}` appears stripped here too (`{restored}`)"
            fix = Fix.replace(place.gap, place.gap, char, safe=False, message=f"insert `{char}`: `{restored}`")
            found.append(self.diagnostic(place.start, place.end, message, fix))
        return found


def _expected_but_missing(view: str, expected: float) -> frozenset[str]:
    """Characters the text would be expected to use ``expected`` times, and never does."""
    least = expected / max(1, len(HAN.findall(view)))
    present = set(view)
    missing = set()
    for share, char in _by_frequency():
        if share < least:
            break
        if char not in present:
            missing.add(char)
    return frozenset(missing)


def _places(doc: Document, view: str, expected: dict[str, float], min_words: int) -> dict[str, list[Place]]:
    """For each missing character that could be convincing (see _convincing:
    ``min_words`` two-character words with neighbours that rarely stand alone,
    enough gaps), the places it would restore a word."""
    lex = lexicon()
    gaps: dict[str, list[int]] = {}
    odd_pairs: dict[str, set[str]] = {}
    for gap, char, pair, neighbour in _candidates(doc, view, frozenset(expected)):
        gaps.setdefault(char, []).append(gap)
        if lex.char_cost(neighbour) >= RARELY_ALONE:
            odd_pairs.setdefault(char, set()).add(pair)
    places: dict[str, list[Place]] = {}
    for char, offsets in gaps.items():
        if len(odd_pairs.get(char, ())) < min_words or len(set(offsets)) < PLACES_SHARE * expected[char]:
            continue
        for gap in offsets:
            span = _restored_word(lex, view, gap, char)
            if span is None or _annotated(view, *span):
                continue
            gain = _gain(lex, view, gap, char)
            if gain >= -WORSE:
                start, end = span
                places.setdefault(char, []).append(Place(gap, start, end, view[start:gap] + char + view[gap:end], gain))
    return places


def _candidates(doc: Document, view: str, missing: frozenset[str]):
    """(gap, missing character, the two-character word it makes there, the
    neighbour it makes it with) for every gap between characters that never
    meet inside a word (not beside a space: `居 民` is a layout break, L's).
    """
    joins = joined(doc)
    followers = lexicon().common_followers
    common = [right in followers(left) for left, right in zip(view, view[1:])] + [False]
    for gap in range(1, len(view)):
        left, right = view[gap - 1], view[gap]
        if joins[gap - 1] or left.isspace() or right.isspace() or _annotated(view, gap, gap) or doc.is_verbatim(gap):
            continue
        # a neighbour already in a common word with its other neighbour is not left over from one
        if gap < 2 or not common[gap - 2]:
            for char in _followers(left) & missing:
                yield gap, char, left + char, left
        if not common[gap]:
            for char in _leaders(right) & missing:
                yield gap, char, char + right, right


def _annotated(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` touches a parenthesis: `關(guān)心` is one
    word broken by pinyin residue (M003's finding), not a place."""
    return view[start - 1 : start] in (")", "）") or view[end : end + 1] in ("(", "（")


def _convincing(places: list[Place], min_words: int, expected: float) -> bool:
    """Whether the places restore enough different words, enough of them
    making their surroundings likelier, and are many for how often the
    character was expected."""
    likelier = {place.word for place in places if place.gain > 0}
    return (len({place.word for place in places}) >= min_words and len(likelier) >= LIKELIER
            and len(places) >= PLACES_SHARE * expected)


def _restored_word(lex, view: str, gap: int, char: str) -> tuple[int, int] | None:
    """The remains (offsets into ``view``) of the longest common word that
    inserting ``char`` at ``gap`` makes with its neighbours, or None."""
    offset = max(0, gap - CONTEXT)
    text = view[offset:gap] + char + view[gap : gap + CONTEXT]
    inserted = gap - offset
    best = None
    for start in range(inserted + 1):
        for length, cost in lex.words_at(text[start:]):
            end = start + length
            if end > inserted and length >= 2 and cost <= COMMON_WORD and (best is None or length > best[1] - best[0]):
                best = (start, end)
    return None if best is None else (offset + best[0], offset + best[1] - 1)


def _gain(lex, view: str, gap: int, char: str) -> int:
    """How much likelier (centibels) inserting ``char`` makes the words around the gap."""
    before = view[max(0, gap - CONTEXT) : gap]
    after = view[gap : gap + CONTEXT]
    return lex.segment_cost(before + after) - lex.segment_cost(before + char + after)


def _in_script(doc: Document, char: str) -> str:
    """The character as the document would write it."""
    if doc.script.dominant != "traditional":
        return char
    from wenlint.script import converter

    converted = converter("s2t").convert(char)
    return converted if len(converted) == 1 else char
