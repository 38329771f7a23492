"""T005: one character stripped out of a whole document (`努推進` for 努力推進)."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint_rules.typo import stripped_candidates, stripped_gaps
from wenlint_rules.typo.lexicon import COMMON_WORD, Gap, TypoView, lexicon, typo_view
from wenlint_rules.typo.lexicon.cache import kept_beside
from wenlint_rules.typo.stripped_gaps import CONTEXT, PLACES_SHARE, Needed, restorations
from wenlint_rules.typo.stripped_tables import WORSE

#: Different restored words that make their surroundings likelier, needed
#: besides `min_words` in all: `努推进` → `努力推进` (+140), `和睦处` → `和睦相处`
#: (+273); a character that only restores odd words (`美` → `美国`) is no evidence.
LIKELIER = 2
#: Places listed in the document-level finding.
LISTED = 8


class Place(NamedTuple):
    """Where a missing character would restore a word."""

    gap: int  # offset the character would be inserted at
    start: int  # the word's remains: text[start:end], around the gap
    end: int
    word: str
    gain: int  # centibels the insertion makes the words around the gap likelier
    sides: int  # neighbours (1 or 2) the character makes a common word with


class _Restored(NamedTuple):
    """A place before it is weighed (see _weighed): what Place holds but the
    gain, the words through the character put in (Gap.words_through), and
    the most it may gain (see Gap.most_saved): its gain is never more."""

    gap: int
    start: int
    end: int
    word: str
    sides: int
    words: list[tuple[int, int, int]]
    most: int


@lru_cache(maxsize=1)
def _by_frequency() -> tuple[list[float], str]:
    """Simplified characters in use, commonest first, and their shares of
    text, negated (ascending, for bisect): kept beside the lexicon's cache
    (finding them reads the share of every character and converts them)."""
    import opencc

    return kept_beside("t005-by-frequency", _built_by_frequency, sources=[opencc.__file__])


def _built_by_frequency() -> tuple[list[float], str]:
    """What :func:`_by_frequency` keeps."""
    from wenlint.script import converter

    lex = lexicon()
    chars = [char for char in map(chr, range(0x4E00, 0xA000)) if lex.char_frequency(char) >= 1e-4]
    as_simplified = converter("t2s").convert("".join(chars))
    ranked = sorted(((-lex.char_frequency(c), c) for c, s in zip(chars, as_simplified) if c == s))
    return [share for share, _ in ranked], "".join(char for _, char in ranked)


class StrippedCharacter(Rule):
    code = "T005"
    preview = True  # 0 of 40 judged findings on real text right: bench/judged/T005.jsonl
    name = "stripped-character"
    summary = "One character stripped out of the whole document (`努推進`, `社會量`, `和睦處`)"
    flags = """
        One character missing from the whole document: only a character the
        document never uses, though a text of its length would be expected to
        use it at least `expected` times (default 8: 力 makes up 0.18% of
        Chinese text, so a document of 4,500 characters without one has lost
        it, or is about something else), is considered. A place is a gap
        between two characters that never meet inside a word, where inserting
        the character makes a common word with its neighbours and does not
        make the words around much less likely. The character is reported
        when it would restore `min_words` (default 3) different words, at
        least two of which make their surroundings likelier (`努推進` →
        `努力推進`), at no fewer places than half the times the character was
        expected (a place where it would make a common word with both
        neighbours, `財量` for 財力 and 力量, counts twice): one finding listing
        every place, at the most convincing one, and a related finding at each
        other place. Of two characters that would restore words with the same
        remains (`爭`: 力爭, 爭相), only the likelier is reported there.
        Traditional text is checked through its Simplified form.
    """
    why = """
        A broken conversion or a careless search-and-replace can delete every
        occurrence of one character. Seed 001 lost every 力 and every 相:
        `努推進` (努力推進), `社會量` (社會力量), `投入度` (投入力度), `和睦處`
        (和睦相處). Each place alone looks like an odd phrase; together they
        show that one character is gone.
    """
    leaves_alone = """
        Gaps beside parentheses (pinyin residue, M003) or beside a space (a
        layout break, the L rules'), and gaps in URLs and Markdown code, are
        skipped. A document with more than four candidate places per Chinese
        character (a text of few distinct characters, such as `中**`
        repeated) is no evidence: nothing is reported.
    """
    fix_safety = """
        The fix inserts the character; it is unsafe (a good guess, not a certainty).
    """
    fix = FixAvailability.UNSAFE
    sibling_evidence = True  # the first character put back is no longer missing from the document
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
        view = typo_view(doc)
        missing = _expected_but_missing(view, self.settings["expected"])
        if not missing:
            return []
        expected = {char: lexicon().char_frequency(char) * view.han_count for char in missing}
        reported = _convincing_places(doc, view, expected, self.settings["min_words"])
        best = {}  # two characters restoring words with the same remains (`争`: 力争, 争相): the likelier
        for char, places in reported.items():
            for place in places:
                key = (place.start, place.end)
                if key not in best or place.gain > best[key][1]:
                    best[key] = (char, place.gain)
        found = []
        for char, places in reported.items():
            places = [place for place in places if best[place.start, place.end][0] == char]
            if places:  # else a likelier character restores every one of its places
                found.extend(self._report(doc, _in_script(doc, char), places))
        return found

    def _report(self, doc: Document, char: str, places: list[Place]) -> list[Diagnostic]:
        text = doc.text
        listing = ", ".join(f"`{text[p.start : p.end]}`" for p in places[:LISTED])
        more = " …" if len(places) > LISTED else ""
        headline = max(places, key=lambda place: place.gain)
        found = []
        for place in places:
            remains = text[place.start : place.end]
            restored = text[place.start : place.gap] + char + text[place.gap : place.end]
            if place is headline:
                counted = f"{len(places)} places" if len(places) > 1 else "1 place"
                message = f"`{char}` appears stripped from the whole document ({counted}): {listing}{more}"
            else:
                message = f"`{remains}`: `{char}` appears stripped here too (`{restored}`)"
            fix = Fix.replace(place.gap, place.gap, char, safe=False, message=f"insert `{char}`: `{restored}`")
            found.append(self.diagnostic(place.start, place.end, message, fix))
        return found


def _expected_but_missing(view: TypoView, expected: float) -> frozenset[str]:
    """Characters the text would be expected to use ``expected`` times, and
    never does (in a long text, from its characters' numbers: vector.absent)."""
    shares, chars = _by_frequency()
    common = chars[: bisect_right(shares, -expected / max(1, view.han_count))]
    if view.vector is not None:
        return frozenset(view.vector.absent(view.text, view.numbers, common))
    return frozenset(common).difference(view.text)


def _convincing_places(
    doc: Document, view: TypoView, expected: dict[str, float], min_words: int
) -> dict[str, list[Place]]:
    """For each missing character whose places are convincing (see
    _convincing), in order (the same tie-break in every run), the places it
    would restore a word. A character is dropped as soon as its counts show
    it cannot be (see _worth_restoring), or its places restore too few
    words, or too few of them may make their surroundings likelier (no
    place gains more than its ``most``), before any place is weighed. The
    text around a gap is worked out once for all the characters tried there."""
    worth = _worth_restoring(doc, view, expected, min_words) or {}  # none when there are too many candidates
    text = view.text
    around: dict[int, Gap] = {}

    def gap_view(gap: int) -> Gap:
        return around.get(gap) or around.setdefault(gap, _around(view, gap))

    restored_at = restorations(view, worth)
    places: dict[str, list[Place]] = {}
    for char, sides in worth.items():
        needed = Needed(min_words, PLACES_SHARE * expected[char])
        if restored_at is not None and not restored_at.may_convince(char, needed, LIKELIER):
            continue
        known = [None] * len(sides) if restored_at is None else restored_at.places(char)
        restored = [
            found
            for (gap, fits), place in zip(sides.items(), known)
            if (
                found := _restoring(gap_view(gap), text, gap, char, fits)
                if place is None
                else _known(text, gap, char, fits, place)
            )
        ]
        if not needed.met(len({place.word for place in restored}), sum(place.sides for place in restored)):
            continue
        if len({place.word for place in restored if place.most > 0}) < LIKELIER:
            continue
        weighed = [found for place in restored if (found := _weighed(gap_view(place.gap), char, place))]
        if _convincing(weighed, needed):
            places[char] = weighed
    return places


def _around(view: TypoView, gap: int) -> Gap:
    """The text around ``gap`` where a character is put in: CONTEXT characters either side."""
    return Gap(view, max(0, gap - CONTEXT), gap, gap, gap + CONTEXT)


def _worth_restoring(
    doc: Document, view: TypoView, expected: dict[str, float], min_words: int
) -> dict[str, dict[int, int]] | None:
    """For each missing character (in order) that its counts do not drop,
    its gaps costing little, each with how many sides it fits there; None
    when there are too many candidates: worked out with NumPy for a long
    text (stripped_gaps.worth_restoring), else in pure Python
    (stripped_candidates.worth_restoring), to the same values."""
    if view.vector is not None:
        return stripped_gaps.worth_restoring(doc, view, expected, min_words)
    return stripped_candidates.worth_restoring(doc, view, expected, min_words)


def _annotated(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` touches a parenthesis: `關(guān)心` is one
    word broken by pinyin residue (M003's finding), not a place."""
    return view[start - 1 : start] in (")", "）") or view[end : end + 1] in ("(", "（")


def _convincing(places: list[Place], needed: Needed) -> bool:
    """Whether the places restore enough different words, enough of them
    making their surroundings likelier, and are many for how often the
    character was expected (a place where it makes a common word with both
    neighbours counts twice)."""
    words = {place.word for place in places}
    likelier = {place.word for place in places if place.gain > 0}
    return needed.met(len(words), sum(place.sides for place in places)) and len(likelier) >= LIKELIER


def _restoring(around: Gap, text: str, gap: int, char: str, sides: int) -> _Restored | None:
    """The place at ``gap`` if ``char`` put in there restores a common word,
    not weighed yet; else None."""
    words = around.words_through(char)
    span = _restored_word(words)
    if span is None:
        return None
    start, end = gap - len(around.before) + span[0], gap - len(around.before) + span[1] - 1
    if _annotated(text, start, end):
        return None
    most = around.most_saved(char, words) - lexicon().char_cost(char)  # than standing alone: its gain is never more
    return _Restored(gap, start, end, text[start:gap] + char + text[gap:end], sides, words, most)


def _known(text: str, gap: int, char: str, sides: int, known) -> _Restored | None:
    """What _restoring finds at ``gap``, from what is known of the place
    already (``known``: see stripped_gaps.Restorations.places)."""
    if not known:
        return None
    start, end, most, words = known
    return _Restored(gap, start, end, text[start:gap] + char + text[gap:end], sides, words, most)


def _weighed(around: Gap, char: str, place: _Restored) -> Place | None:
    """The place with how much likelier ``char`` put in there makes the
    words around, or None when it makes them much less likely."""
    if place.most < -WORSE:
        return None
    gain = around.cost_without() - around.cost(char, place.words)  # no word joins the two sides of a gap
    if gain < -WORSE:
        return None
    return Place(place.gap, place.start, place.end, place.word, gain, place.sides)


def _restored_word(words: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """The longest common word (the first of the longest) among the words
    through the character put in, as (start, end), or None."""
    best = None
    for start, end, cost in words:
        if cost <= COMMON_WORD and (best is None or end - start > best[1] - best[0]):
            best = (start, end)
    return best


def _in_script(doc: Document, char: str) -> str:
    """The character as the document would write it."""
    if doc.script.dominant != "traditional":
        return char
    from wenlint.script import converter

    converted = converter("s2t").convert(char)
    return converted if len(converted) == 1 else char
