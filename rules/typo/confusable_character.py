"""T003: a character that breaks the words around it, where a look-alike or
sound-alike one would make a common word (`福社` for 福祉, `下拔` for 下拨)."""

from __future__ import annotations

from itertools import compress, count, repeat

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint_rules.typo import confusable_reportable, confusable_vector
from wenlint_rules.typo.lexicon import Gap, TypoView, in_script, lexicon, typo_view, vector
from wenlint_rules.typo.names import in_name
from wenlint_rules.typo.rivals import gain_alone, penalties, similar

#: How much likelier (centibels) the best replacement must make the words
#: around a suspect, after its similarity penalty.
THRESHOLD = {"strict": 500, "default": 400, "loose": 300}
#: Characters of context on either side of a suspect.
WINDOW = 3
#: A suspect yields to a neighbour whose own correction, making a word with
#: the suspect, gains within this much (centibels: ten times) of the
#: suspect's: either of the two may be the typo.
YIELD_MARGIN = 100
#: A character this common as a word of its own (cost below it: 的 148,
#: 在 188, 做 260) is left alone: typos among them are rare, and checking
#: them is most of the work.
STANDS_ALONE = 300
#: Suggestions shown.
SHOWN = 3
#: Regional variants (`妳`, `牠`, `著`) are the mixed-script rules' business;
#: `砲` and `賸` are standard in Taiwan, and `乙` stands for 一 in its law (`乙次`).
_VARIANTS = frozenset("妳牠著祂祢砲賸乙")
_HAN = regex.compile(r"\p{Han}")


class _IsHan(dict):
    """Character -> whether it is a Chinese character. Filled on first use:
    a look-up costs a fraction of a pattern match."""

    def __missing__(self, char: str) -> bool:
        value = self[char] = _HAN.match(char) is not None
        return value


_IS_HAN = _IsHan()


class _MaySuspect(dict):
    """Character -> whether it can be a suspect at all: a Chinese character,
    not a regional variant, that rarely stands alone and has similar
    characters to suggest. Filled on first use."""

    def __missing__(self, char: str) -> bool:
        value = self[char] = (
            _IS_HAN[char]
            and char not in _VARIANTS
            and lexicon().char_cost(char) >= STANDS_ALONE
            and bool(similar(char))
        )
        return value


_MAY_SUSPECT = _MaySuspect()

#: Turns the bytes of a text encoded as ASCII with `?` for every other
#: character into whether each is `?`.
_REPLACED = bytes(byte == ord("?") for byte in range(256))


class ConfusableCharacter(Rule):
    code = "T003"
    name = "confusable-character"
    summary = "A character that breaks the words around it where a look-alike or sound-alike would fit (`福社`)"
    flags = """
        The general typo detector: a wrong character where a similar one
        belongs, `增进人民群众福社` (福祉), `配套下拔资金` (下拨), `不要莫视群众`
        (漠视). Such a character usually fits no word of its neighbours, while
        the right one makes a common word.

        A suspect is a character that meets neither neighbour inside any word
        of the lexicon (jieba's newspaper words and wordfreq's web words) and
        does not commonly stand alone as a word (`的`, `在`, `做` do). Its
        candidates are characters of the same sound (any tone), of a sound
        often confused (zh/z, n/l, ang/an …) or of a close shape that do meet a
        neighbour in some word. The words around the suspect are scored as a
        unigram model of both frequency lists; the best candidate is reported
        when it makes them likelier by the threshold of `sensitivity`
        (`strict` 500, `default` 400, `loose` 300 centibels, after a penalty
        for a less similar candidate), with up to three suggestions.
        Traditional text is checked through its Simplified form.
    """
    why = """
        Typing by sound and scanning by shape put a wrong character where a
        similar one belongs.
    """
    leaves_alone = """
        For precision: regional variants (`妳`, `牠`, `著`: M rules) and
        Taiwan's standard forms (`砲`, `賸`, `乙` for 一 in `乙次`); of two
        suspects side by side, the weaker, and both unless one gains ten times
        (100 centibels) more than the other (which one is wrong?); a suspect
        whose neighbour, changed into a similar character that makes a word
        with the suspect, would explain the broken words nearly as well
        (within 100 centibels: in `炎整性` the typo is `整`, 炎症性, though `炎`
        → `严` would make 严整); misspellings T001 lists (it reports them); a
        character one or two after a common surname (names), unless the
        surname ends a common word with the character before it (`关于行征`,
        `配戴眼竞` are flagged) or the suggestion draws it into a word of three
        or more characters that is no name itself (`白殿风`, 白癜风; but not
        `杨继生`, where jieba's 杨继盛 is a person); a name in a byline or list
        of authors, two or three characters that a surname starts and no
        other Chinese touches (`，蔡富艳²，`, `缪建明等`); a character between
        characters of transliterated names (`斯`, `尔`, `娅` …); text in `《》`, quotes and corner
        brackets; a drug's name, told by a dosage form a few characters on
        (`补脾益肠丸`; `颗粒`, `合剂`, `胶囊` …); a suspect whose surroundings
        repeat in the document (a term the lexicon lacks); a character the
        document uses three times or more and five times as often as running
        text does (its topic: `饲` in a feeding trial); URLs and Markdown
        code.
    """
    fix_safety = """
        The fix writes the first suggestion; it is unsafe.
    """
    fix = FixAvailability.UNSAFE
    preview = True  # 4 of 24 judged findings on real text right: bench/judged/T003.jsonl
    options = {"sensitivity": Option("default", "how sure the rule must be", tuple(THRESHOLD))}
    bad = (
        Example("犯罪嫌疑人、被告人聘请的律帅。", fixed="犯罪嫌疑人、被告人聘请的律师。"),
        Example("法院应当根锯和解协议制作调解书。", fixed="法院应当根据和解协议制作调解书。"),
        Example("北洋政府统冶时期制定的宪法。", fixed="北洋政府统治时期制定的宪法。"),
        Example("政府採購應當醋進中小企業的發展。", fixed="政府採購應當促進中小企業的發展。"),
        Example("這是程序正檔原則的要求。", fixed="這是程序正當原則的要求。", options={"sensitivity": "loose"}),
        Example("多喝水，注意修息。", fixed="多喝水，注意休息。"),
    )
    good = (
        Example("坚持以人为本，增进人民群众福祉，不要漠视群众的利益。"),
        Example("法律解释不是可有可无的，而是必然存在于法律适用之中。"),
        Example("他读了《睛雨集》，说“福社”二字写错了。"),
        Example("比如服用补脾益肠丸治疗。"),
        Example("发低热属于一种炎症性的反应。"),
        Example("王晓睛和李睛都来了。"),
        Example("作者：蔡富艳，魏诗雅，纪伟"),
        Example("缪建明等借助专利层次结构特点。"),
        Example("營繕工程，每日由專人至少查核乙次，得以實彈砲擊其檣桅。"),
        Example("妳看牠在那裡。"),
        Example("社区是社会的细胞，社区服务是群众生活的晴雨表。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        view = typo_view(doc)
        lone = _lone_characters(view)
        if not lone:
            return []
        threshold = THRESHOLD[self.settings["sensitivity"]]
        return [self._finding(doc, position, suggestions) for position, suggestions in _suspects(view, lone, threshold)]

    def _finding(self, doc: Document, position: int, suggestions: list[str]) -> Diagnostic:
        shown = [in_script(doc, position, position + 1, char) for char in suggestions]
        alternatives = ", ".join(f"`{char}`" for char in shown)
        return self.diagnostic(
            position,
            position + 1,
            f"`{doc.text[position]}` may be a typo for {alternatives}",
            Fix.replace(position, position + 1, shown[0], safe=False, message=f"write `{shown[0]}`"),
        )


def _suspects(view: TypoView, lone: list[int], threshold: int):
    """(offset, suggestions) of the reportable suspects (see confusable_reportable.py)
    whose best candidate gains at least ``threshold``, leaving out any next
    to a suspect that gains within YIELD_MARGIN of it (or more), any that
    yields to a neighbour (see :func:`_yields`) and any that may be in a
    name (see :func:`in_name`). A suspect beside another is scored down to
    half the threshold, to weigh the two; one that is not reportable
    still counts there. A suspect's score depends on nothing but WINDOW
    characters on either side: where they recur, it is worked out once.
    So does whether a neighbour is a suspect too (see _lone_characters:
    the characters either side of it), and with it the floor. With NumPy
    (a long text), the suspects are weighed together, and the most each
    candidate may gain worked out for all (see confusable_vector.py): only
    the suspects kept are scored, from their candidates' rows."""
    text, floors = view.text, _floors(lone, threshold)
    if view.vector is None:
        weighed = zip(lone, floors, repeat(None))
    else:
        weighed = confusable_vector.weighed(view, lone, floors)
    scores: dict[tuple[str, int], tuple[int, list[str]] | None] = {}
    scored = []
    for position, floor, rows in weighed:
        key = (text[max(0, position - WINDOW) : position + WINDOW + 1], min(position, WINDOW))
        if key not in scores:
            scores[key] = _score(view, position, floor) if rows is None else _scored(view, position, floor, rows)
        if scores[key]:
            scored.append((position, *scores[key]))
    reportable = confusable_reportable.reportable(view, [position for position, gain, _ in scored if gain >= threshold])
    for index, (position, gain, suggestions) in enumerate(scored):
        stronger_beside = any(
            abs(other - position) == 1 and other_gain >= gain - YIELD_MARGIN
            for other, other_gain, _ in scored[max(0, index - 1) : index + 2]
        )
        if (
            gain >= threshold
            and not stronger_beside
            and position in reportable
            and not _yields(view, position, gain)
            and not in_name(view, position, suggestions[0], WINDOW)
        ):
            yield position, suggestions


def _floors(lone: list[int], threshold: int) -> list[float]:
    """The least each suspect of ``lone`` is scored down to: half the
    threshold beside another suspect (to weigh the two), else the threshold."""
    beside_lone = set(lone)
    return [
        threshold / 2 if position - 1 in beside_lone or position + 1 in beside_lone else threshold for position in lone
    ]


def _yields(view: TypoView, position: int, gain: int) -> bool:
    """Whether a neighbour of the suspect, replaced by a character like it
    that makes a word with the suspect, gains within YIELD_MARGIN of
    ``gain``: in `炎整性` (炎症性), `整` → `症` explains the broken words as
    well as `炎` → `严` does, so neither is reported."""
    floor = gain - YIELD_MARGIN
    return any(
        _score(view, neighbour, floor, joining=position)
        for neighbour in (position - 1, position + 1)
        if 0 <= neighbour < len(view.text) and _IS_HAN[view.text[neighbour]]
    )


def _lone_characters(view: TypoView) -> list[int]:
    """Offsets of the characters that may be suspects and meet neither
    neighbour inside any word. The lone ones other than ASCII (never a
    suspect) are found by bit operations on the whole of ``view.joins`` and
    of the text encoded as ASCII with `?` for every other character (in C,
    no object per character); only they are looked up. With NumPy (a long
    text), see confusable_vector.lone."""
    if view.vector is not None:
        return confusable_vector.lone(view, _MAY_SUSPECT.__getitem__)
    joins, text = view.joins, view.text
    joined = int.from_bytes(joins, "little")
    not_ascii = int.from_bytes(text.encode("ascii", "replace").translate(_REPLACED), "little")  # or `?`
    lone = [*compress(count(), (not_ascii & ~(joined | joined << 8)).to_bytes(len(joins), "little"))]
    return [*compress(lone, map(_MAY_SUSPECT.__getitem__, map(text.__getitem__, lone)))]


def _score(view: TypoView, position: int, floor: float, joining: int | None = None) -> tuple[int, list[str]] | None:
    """The best gain and the suggestions of the suspect at ``position``, or None
    when it is no suspect (alone, without a Chinese neighbour, with no
    candidate) or gains less than ``floor``. Its candidates make a word with
    a neighbour (with the one at ``joining`` when given). Its context is up
    to WINDOW characters of its run of Chinese characters on either side."""
    weighed = _weigh(view, position, floor, joining)
    if weighed is None:
        return None
    candidates, held = weighed
    gap, char = _gap(view, position), view.text[position]
    return _best(gap, char, gap.words_through(char), _bounds(gap, char, candidates, held), floor)


def _scored(view: TypoView, position: int, floor: float, rows: list[tuple]) -> tuple[int, list[str]] | None:
    """What :func:`_score` gives for a suspect weighed with NumPy, from its
    candidates' rows (see confusable_vector.weighed)."""
    gap, char = _gap(view, position), view.text[position]
    return _best(gap, char, [], _row_bounds(gap, char, rows), floor)  # a lone character is in no word


def _bounds(gap: Gap, char: str, candidates: frozenset[str], held: set[str]) -> list[tuple]:
    """For each of the ``candidates`` for ``char``, the most it may gain and
    more (see :func:`_bound`); its words from the trie when a longer word
    may hold it (``held``)."""
    penalty = penalties(char)
    return [
        _bound(gap, char, other, gap.trie_words(other) if other in held else gap.pair_words(other), penalty[other])
        for other in candidates
    ]


def _row_bounds(gap: Gap, char: str, rows: list[tuple]) -> list[tuple]:
    """:func:`_bounds` from the candidates' rows (see confusable_vector.weighed):
    only the words and the bound of one a longer word may hold are worked
    out here."""
    at = len(gap.before)
    return [
        _bound(gap, char, other, gap.trie_words(other), penalty)
        if held
        else (most, other, vector.pair_words(at, left, right), penalty)
        for other, penalty, held, most, left, right in rows
    ]


def _gap(view: TypoView, position: int) -> Gap:
    """The context of the suspect at ``position``: up to WINDOW characters of its run of Chinese characters on either side."""
    text = view.text
    low = position
    while low > position - WINDOW and low and _IS_HAN[text[low - 1]]:
        low -= 1
    high = position + 1
    while high <= position + WINDOW and high < len(text) and _IS_HAN[text[high]]:
        high += 1
    return Gap(view, low, position, position + 1, high)


def _bound(gap: Gap, char: str, other: str, words: list[tuple[int, int, int]], penalty: int) -> tuple:
    """(the most ``other`` may gain on ``char``, ``other``, its words, its penalty): see Gap.most_saved."""
    alone = lexicon().char_cost(char) - lexicon().char_costs[other] - penalty
    return alone + gap.most_saved(other, words), other, words, penalty


def _best(
    gap: Gap, char: str, words: list[tuple[int, int, int]], bounds: list[tuple], floor: float
) -> tuple[int, list[str]] | None:
    """The best gain and the suggestions of the candidates for ``char``
    (``bounds``: see :func:`_bound`), or None when it is less than
    ``floor``; ``words`` are those through ``char`` (Gap.words_through).
    The candidates are scored likeliest first, until no other may be shown."""
    bounds.sort(reverse=True)
    if bounds[0][0] < floor:
        return None
    base = gap.cost(char, words)
    gains: list[tuple[int, str]] = []
    for most, other, words, penalty in bounds:
        if len(gains) >= SHOWN and most < gains[SHOWN - 1][0]:
            break  # neither this candidate nor any after it can be shown
        gains = sorted([*gains, (base - gap.cost(other, words) - penalty, other)], reverse=True)
    if gains[0][0] < floor:
        return None
    return gains[0][0], [other for _, other in gains[:SHOWN]]


def _meeting(text: str, position: int) -> tuple[frozenset[str], frozenset[str]]:
    """The characters like the one at ``position`` that meet the one before
    inside some word, and those that meet the one after. A character that
    is no Chinese one meets nothing, so they stay inside the run of Chinese
    characters."""
    lex, rivals = lexicon(), similar(text[position])
    before = lex.follower_sets[text[position - 1]] if position else frozenset()
    return before.intersection(rivals), lex.leader_sets[text[position + 1 : position + 2]].intersection(rivals)


def _weigh(view: TypoView, position: int, floor: float, joining: int | None) -> tuple[frozenset[str], set[str]] | None:
    """The candidates, the characters like the one at ``position`` that meet
    a neighbour inside some word (the one at ``joining`` when given), and
    those of them a word longer than two characters may hold (see
    Lexicon.holding_longer), when one may gain ``floor``; else None.

    A candidate gains at most what its cost alone and the suspect's differ
    by (the suspect meets no neighbour in a word, so it stands alone), plus
    what its words save, less its penalty. This is weighed without the
    trie: one that a longer word may hold may gain; the others' words are
    their two-character ones, and the commonest two-character words of
    either neighbour bound what those save before any candidate is sought."""
    lex, text = lexicon(), view.text
    char_costs = lex.char_costs
    before, after = text[max(0, position - 2) : position], text[position + 1 : position + 3]
    left, right = before[-1:], after[:1]
    alone = char_costs[text[position]]
    by_pairs = max(
        gain_alone(text[position]),
        alone + char_costs[left] - lex.cheapest_after[left],
        alone + char_costs[right] - lex.cheapest_before[right],
    )
    # only a longer word may help: one through the two characters before,
    # the two after or both neighbours, which must meet inside words
    if by_pairs < floor and not (
        (len(before) > 1 and view.joins[position - 2])
        or (len(after) > 1 and view.joins[position + 1])
        or (left and right and _IS_HAN[left] and _IS_HAN[right])
    ):
        return None
    meeting_before, meeting_after = _meeting(text, position)
    if joining is not None:  # only those that meet the character at ``joining``
        candidates = meeting_before if joining < position else meeting_after
        meeting_before, meeting_after = meeting_before & candidates, meeting_after & candidates
    held = lex.holding_longer(before, meeting_before, meeting_after, after)
    candidates = meeting_before | meeting_after
    if held or (
        by_pairs >= floor
        and any(
            _may_pass(text, position, other, other in meeting_before, other in meeting_after, floor)
            for other in candidates
        )
    ):
        return candidates, held
    return None


def _may_pass(text: str, position: int, other: str, meets_before: bool, meets_after: bool, floor: float) -> bool:
    """Whether ``other``, which meets the character before (after) inside
    some word when ``meets_before`` (``meets_after``), may gain ``floor`` on
    the character at ``position`` with no word longer than two characters."""
    lex = lexicon()
    char_costs, alone = lex.char_costs, lex.char_costs[text[position]]
    most = alone - char_costs[other]  # less its penalty, looked up last: it only lowers it
    if meets_before and (cost := lex.two_char_cost(text[position - 1], other)) is not None:
        most = max(most, alone + char_costs[text[position - 1]] - cost)
    if meets_after and (cost := lex.two_char_cost(other, text[position + 1])) is not None:
        most = max(most, alone + char_costs[text[position + 1]] - cost)
    return most >= floor and most - penalties(text[position])[other] >= floor
