"""L005: text extracted twice from fake-bold PDF text (`组织组织`, `堡堡垒垒`)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.codepoints import MARK, marks
from wenlint.textclass import HAN
from wenlint_rules.layout.counting import word_tags
from wenlint_rules.layout.han_bytes import low_and_han
from wenlint_rules.layout.periods import repeating_to, stretch
from wenlint_rules.layout.repeats import GRAM, LONG_MAX, LONG_MIN, long_repeats, short_repeats

#: Consecutive doubled characters: `堡堡垒垒`, `坚坚强强组组织织`.
_DOUBLED_CHARS = regex.compile(r"(?:(\p{Han})\1){2,}")
#: A repeat this long, of words only, is fake bold on its own.
ANCHOR_LENGTH = 4
#: Repeats this close to one another belong to one doubled heading.
WINDOW = 3
#: Rounds of reading the lines within WINDOW of the groups holding an anchor before every line is
#: read (see _anchored_groups): real text needs two at most.
_ROUNDS = 4
_NOT_WORDS = regex.compile(r"[\p{P}\p{S}\s]")
#: A repeat spanning punctuation is a doubled heading on its own when it is
#: long and starts a line or a sentence (`一、充分认识…一、充分认识…`).
_HEADING_START = frozenset(["", "\n", " ", "\u3000", "。", "！", "？", "；"])
#: What a doubled heading standing on its own has on either side.
_APART = regex.compile(r"[\s\p{P}]")
#: Placeholders make different names look alike: `**社区、**社区`.
_MASKS = frozenset("*×Xx○□＊Ｘ")
#: `一步一步`, `看着看着`, `画著画著`: reduplication, not a repeat.
_REDUPLICATED = regex.compile(r"一\p{Han}|\p{Han}[着著]")


@dataclass(frozen=True, slots=True)
class _Repeat:
    """Doubled text at ``start:end``; ``kept`` is what one copy reads."""

    start: int
    end: int
    kept: str
    anchor: bool  # fake bold on its own evidence
    chars: bool  # each character doubled (`堡堡垒垒`), rather than the whole run (`组织组织`)


class FakeBold(Rule):
    code = "L005"
    name = "fake-bold"
    summary = "Text extracted twice from fake-bold PDF text"
    flags = """
        A run of four or more characters, words only, written twice in a row
        is flagged when it stands apart — a line start, space or punctuation
        on either side — and ends with a two-character word
        (`发挥党组织领导核心作用发挥党组织领导核心作用`); so is
        a run of eight or more that spans punctuation and starts a line or a
        sentence (`一、充分认识社区建设的重要意义` twice), and so is a run of
        three or more doubled characters whose single form holds a word
        (`坚坚强强组组织织`). Shorter repeats — `组织组织`, a repeat that spans
        punctuation, `堡堡垒垒` — are flagged only next to one of those (within
        3 characters), where the heading they belong to shows the doubling;
        such a group of repeats needs punctuation or a space among them, or
        a character-doubled run.
    """
    why = """
        Word processors fake bold type by printing a heading twice, a hair
        apart. Text extraction then reads it twice: a whole run
        (`如何在文明和谐社区建设中如何在文明和谐社区建设中`), a word
        (`组织组织`), or every character (`堡堡垒垒`). Chinese repeats words on
        purpose, so a repeat alone proves little.
    """
    leaves_alone = """
        Never flagged: reduplication in the lexicon (jieba's dictionary:
        `高高兴兴`, `方方面面`, `许许多多`, `来来往往`), `天天`, `研究研究` or
        `讨论讨论` standing alone, `一步一步`, `看着看着`, doubled characters
        that are each a word (`弟弟妹妹`), runs of one character (`哈哈哈哈`),
        and repeats around placeholders (`**社区、**社区`).

        A heading run into a paragraph that opens with the same words
        (`3、清算费用清算费用是指…`), a doubled cell in a row of table cells
        (`12月31日月31日`, `成本公允价值公允价值变动`), and a table header
        flattened row by row (`占基金占基金项目资产净资产净公允价值公允价值`:
        fragments without punctuation or spaces; `份额净值增业绩比较基` twice
        on a line: cells cut mid-word) are not fake bold.

        jieba tags `组织` a verb and `商量` a noun, so parts of speech
        cannot tell a noun written twice from a verb reduplicated: a lone
        `组织组织` is left alone, like `研究研究`.
    """
    fix_safety = """
        The fix keeps one copy. It is unsafe: a repeat can be deliberate.
    """
    fix = FixAvailability.UNSAFE
    sibling_evidence = True
    bad = (
        Example(
            "1、发挥党组织领导核心作用发挥党组织领导核心作用 全市街道社区",
            fixed="1、发挥党组织领导核心作用 全市街道社区",
        ),
        Example(
            "第一个方面,健全完善社区第一个方面,健全完善社区组织组织体系,打造社区体系,打造社区"
            "坚强组织坚强组织堡堡垒垒。",
            fixed="第一个方面,健全完善社区组织体系,打造社区坚强组织堡垒。",
        ),
        Example("打造社区坚坚强强组组织织。", fixed="打造社区坚强组织。"),
    )
    good = (
        Example("大家天天见面，常常讨论，人人参与。"),
        Example("这件事我们要研究研究，再讨论讨论。"),
        Example("大家高高兴兴、来来往往，方方面面都照顾到了。"),
        Example("面临着许许多多的新情况，要一步一步解决。"),
        Example("谢谢谢谢！哈哈哈哈，我们看看再说。"),
        Example("刚才，**台街道、**社区、**社区等单位作了经验介绍。"),
        Example("法分为形式不合理的法、实质不合理的法、实质合理的法。"),
        Example("对不起对不起，我来晚了。"),
        Example("我们商量商量这件事，爸爸妈妈和弟弟妹妹都来了。"),
        Example("中国加油！中国加油！"),
        Example("3、清算费用清算费用是指基金财产清算组在进行基金财产清算过程中发生的所有合理费用。"),
        Example("占基金占基金项目资产净资产净公允价值公允价值值比例值比例\n（%）（%）"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        low, han = low_and_han(text)  # once for all their comparisons
        longs = list(marks(text, low, range(LONG_MIN, LONG_MAX + 1), range(GRAM), width=4))
        fours = marks(text, low, range(ANCHOR_LENGTH, LONG_MIN), range(ANCHOR_LENGTH), width=4)
        chars = _char_repeats(text, low, han)
        anchors = [*_anchors_at(text, han, fours, longs), *(repeat.start for repeat in chars if repeat.anchor)]
        if not anchors:
            return []  # (most texts: no repeat there is fake bold on its own, so none is flagged)
        found = []
        for group in _anchored_groups(text, doc.line_starts, anchors, longs, chars):
            if not _doubled_heading(text, group):
                continue
            for repeat in group:
                if not (repeat.anchor or _fake(text, repeat)):
                    continue
                found.append(self._finding(text, repeat))
        return found

    def _finding(self, text: str, repeat: _Repeat) -> Diagnostic:
        doubled = text[repeat.start : repeat.end]
        if repeat.chars:
            fix = Fix.replace(repeat.start, repeat.end, repeat.kept, safe=False)
            how = "with every character doubled"
        else:
            fix = Fix.replace(repeat.start + len(repeat.kept), repeat.end, "", safe=False)
            how = "twice"
        return self.diagnostic(
            repeat.start, repeat.end, f"`{doubled}` is `{repeat.kept}` {how}: fake-bold text extracted twice", fix
        )


def _anchors_at(text: str, han: bytes, fours: Iterable[tuple[int, bytes]], longs: list[tuple[int, bytes]]) -> list[int]:
    """An offset on each line of ``text`` that may hold a run of 4–32
    characters written twice that is fake bold on its own. Its start is
    marked in C (by :func:`wenlint.codepoints.marks`: the first 4 characters
    of a run recurring 4–7 on, from ``fours``; the first 8 of a longer one
    recurring, 4 at a time, 8–32 on, from ``longs``) where a Chinese
    character is among them (``han``); each start is then tested exactly,
    up to the first on its line. Few are marked, in most texts none."""
    short, long = range(ANCHOR_LENGTH, LONG_MIN), range(LONG_MIN, LONG_MAX + 1)
    read: dict[int, int] = {}  # by size, where the stretches read up to now end
    found = []
    tests = ((fours, ANCHOR_LENGTH, short), (_also_ahead(longs, GRAM), LONG_MIN, long))
    for pieces, seen, sizes in tests:
        reach, repeating = 2 * sizes[-1], 0  # runs holding an offset end within reach; see repeating_to
        margin, again_from, again_to = 3 * sizes[-1], 0, 0  # see _doubled_around
        for start, marked in pieces:
            size = len(marked)
            near = int.from_bytes(han[start : start + size + seen], "little")  # a Chinese character among them
            span = 1
            while span < seen:
                near |= near >> (8 * span)
                span *= 2
            marked_near = int.from_bytes(marked, "little") & near
            if not marked_near:
                continue
            found_at = marked_near.to_bytes(size + seen, "little")
            offset = found_at.find(MARK)
            while -1 < offset < size:
                index, low = start + offset, start + offset + seen - sizes[-1]  # (low: where its runs may start)
                if low >= repeating and text[low] in text[low + 1 : low + sizes[0]]:  # (a cheap test first)
                    repeating = repeating_to(text, low, sizes[0] - 1)
                if index + reach <= repeating:  # on to an offset whose runs may reach past that text
                    offset = found_at.find(MARK, repeating - reach - start + 1)
                    continue
                if again_from <= index <= again_to - margin:  # as the offset a period before: none there
                    offset = found_at.find(MARK, again_to - margin - start + 1)
                    continue
                anchored, period = _doubled_around(text, index, sizes, seen, read)
                if anchored:  # (a stretch holding no line break: on to the next line)
                    found.append(index)
                    line_end = text.find("\n", index)
                    offset = found_at.find(MARK, line_end - start + 1) if line_end != -1 else -1
                    continue
                if period and read[period] > index + margin:
                    again_from, again_to = index + period, read[period] + period
                offset = found_at.find(MARK, offset + 1)
    return found


def _also_ahead(pieces: list[tuple[int, bytes]], ahead: int) -> Iterator[tuple[int, bytes]]:
    """The pieces of :func:`wenlint.codepoints.marks`, an offset left marked
    only if the one ``ahead`` on is marked too (or lies in the next piece)."""
    for start, marked in pieces:
        later = int.from_bytes(marked[ahead:] + bytes([MARK]) * ahead, "little")
        yield start, (int.from_bytes(marked, "little") & later).to_bytes(len(marked), "little")


def _doubled_around(text: str, index: int, sizes: range, seen: int, read: dict[int, int]) -> tuple[bool, int]:
    """Whether a run of one of ``sizes`` written twice that is fake bold on
    its own holds the ``seen`` characters at ``index`` in its first copy
    (``read``: by size, where the stretches read up to now end); and the
    size of the stretch read here that ends furthest (0: none read).

    Text repeating a run of ``period`` characters from ``index`` on
    (`哈哈哈，…`) answers, at each offset a margin short of its end (3 sizes:
    past what its runs and stretches read), as at the offset a period
    before: its runs are those a period before, shifted (a stretch reaching
    past its start only longer). With every offset of a period answered, so
    are those after."""
    seen_text, limit = text[index : index + seen], index + sizes[-1] + seen
    if "\n" in seen_text:
        return False, 0  # no repeat holds a line break
    furthest, period = index, 0
    again = text.find(seen_text, index + sizes[0], limit)
    while again != -1:
        size = again - index
        again = text.find(seen_text, again + 1, limit)
        if index < read.get(size, 0):
            continue  # in a stretch read before
        start, end = stretch(text, index, index + seen, size)
        read[size] = end
        if end - start >= size and _anchor_in(text, start, end, size):
            return True, size
        if end > furthest:
            furthest, period = end, size
    return False, period


def _anchor_in(text: str, start: int, end: int, size: int) -> bool:
    """Whether a run ``size`` long in ``text[start:end]``, a stretch equal to
    the text ``size`` on, is fake bold on its own written twice. Each such
    run is the one before it rotated by a character, so all hold the same
    characters and differ only in where they start."""
    copy = text[start : start + size]
    if "\n" in copy or not _may_be_fake(copy):
        return False
    if _anchors(text, start, copy):
        return True
    return size >= LONG_MIN and any(text[first - 1] in _HEADING_START for first in range(start + 1, end - size + 1))


def _anchored_groups(
    text: str, starts: Sequence[int], anchors: list[int], longs: list[tuple[int, bytes]], chars: list[_Repeat]
) -> list[list[_Repeat]]:
    """The groups of repeats (:func:`_groups` of those :func:`_without_overlaps`
    keeps) holding an anchor (``starts``: where each line starts;
    ``anchors``: an offset on each line that may hold one; ``longs``: where
    4-grams recur LONG_MIN–LONG_MAX on; ``chars``: the character-doubled
    runs). No repeat holds a line break, so the repeats kept on a line are
    those found on it: runs of 2–7 characters (most of the work) are looked
    for only on the lines of the anchors, and on any line within WINDOW
    characters of a group holding one, as long as one is (after _ROUNDS
    rounds of that, on every line). Runs of 8–32 are found in the whole
    text, which of them depending on the runs before (see long_repeats)."""

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    on_line: dict[int, list[_Repeat]] = defaultdict(list)
    for repeat in [*_whole_repeats(text, long_repeats(text, longs)), *chars]:
        on_line[line_of(repeat.start)].append(repeat)
    lines = set(map(line_of, anchors))
    read: dict[int, list[_Repeat]] = {}
    rounds = 0
    while True:
        for line in lines - read.keys():
            end = starts[line + 1] if line + 1 < len(starts) else len(text)
            shorts = _whole_repeats(text, short_repeats(text, starts[line], end))
            read[line] = [*shorts, *on_line[line]]  # (of equal spans, the first is kept)
        kept = _without_overlaps([repeat for line in sorted(lines) for repeat in read[line]])
        anchored = [group for group in _groups(kept) if any(repeat.anchor for repeat in group)]
        more = set()
        for group in anchored:  # the lines a repeat WINDOW characters from the group (or nearer) may be on
            more.update(range(line_of(max(0, group[0].start - WINDOW - 1)), line_of(group[-1].end + WINDOW) + 1))
        if more <= lines:
            return anchored
        # each round reads the repeats of every line read again: a chain of groups a line apart, read
        # a line a round, would cost the square of its length
        rounds += 1
        lines = lines | more if rounds < _ROUNDS else set(range(len(starts)))


def _whole_repeats(text: str, spans: Iterable[tuple[int, int]]) -> list[_Repeat]:
    """The runs written twice at ``spans`` (start, size), found as they are
    needed (most are dropped at once), that could be fake bold."""
    found = []
    for start, size in spans:
        copy = text[start : start + size]
        if _may_be_fake(copy):
            found.append(_Repeat(start, start + 2 * size, copy, _anchors(text, start, copy), chars=False))
    return found


def _may_be_fake(copy: str) -> bool:
    """Whether a run written twice may be fake bold: not one character or a
    pattern repeating within it, two Chinese characters, no placeholder, no reduplication."""
    return not (
        copy in (copy + copy)[1:-1]
        or len(HAN.findall(copy)) < 2  # `哈哈哈哈`, `2012年2012年`
        or not _MASKS.isdisjoint(copy)
        or (len(copy) == 2 and _REDUPLICATED.fullmatch(copy))
    )


def _anchors(text: str, start: int, copy: str) -> bool:
    """Whether ``copy``, at ``start`` and written twice, is fake bold on its
    own: long enough and words only, or long and starting a line or sentence."""
    size = len(copy)
    return size >= ANCHOR_LENGTH and (
        not _NOT_WORDS.search(copy) or (size >= LONG_MIN and text[start - 1 : start] in _HEADING_START)
    )


def _char_repeats(text: str, low: bytes, han: bytes) -> list[_Repeat]:
    """Runs of two or more doubled characters, each character different
    from the one before (`堡堡垒垒`, not `哈哈哈哈`): _DOUBLED_CHARS tried only
    at a character that may be Chinese (``han``) and is doubled, as is the
    one after it (marked in C), as ``finditer`` would try it."""
    found = []
    resume = 0
    for base, marked in marks(text, low, (1,), (0, 2)):
        size = len(marked)
        chinese = int.from_bytes(marked, "little") & int.from_bytes(han[base : base + size], "little")
        candidates = chinese.to_bytes(size, "little")
        at = candidates.find(MARK, max(0, resume - base))
        while at != -1:
            match = _DOUBLED_CHARS.match(text, base + at)
            if match is None:
                at = candidates.find(MARK, at + 1)
                continue
            found += _doubled_chars(match)
            resume = match.end()
            at = candidates.find(MARK, resume - base)
    return found


def _doubled_chars(match: regex.Match) -> list[_Repeat]:
    """The runs of doubled characters in a match of _DOUBLED_CHARS, each
    character different from the one before."""
    found = []
    run = match[0]
    singles = run[::2]
    begin = 0
    for index in range(1, len(singles) + 1):
        if index == len(singles) or singles[index] == singles[index - 1]:
            if index - begin >= 2:
                start = match.start() + 2 * begin
                kept = singles[begin:index]
                found.append(
                    _Repeat(start, start + 2 * len(kept), kept, len(kept) >= 3 and _fake_chars(kept), chars=True)
                )
            begin = index
    return found


def _without_overlaps(repeats: list[_Repeat]) -> list[_Repeat]:
    """The repeats in text order; of overlapping ones, the first and longest."""
    kept: list[_Repeat] = []
    for repeat in sorted(repeats, key=lambda r: (r.start, -r.end)):
        if not kept or repeat.start >= kept[-1].end:
            kept.append(repeat)
    return kept


def _groups(repeats: list[_Repeat]) -> list[list[_Repeat]]:
    """Repeats no more than WINDOW characters apart, grouped."""
    groups: list[list[_Repeat]] = []
    for repeat in repeats:
        if groups and repeat.start - groups[-1][-1].end <= WINDOW:
            groups[-1].append(repeat)
        else:
            groups.append([repeat])
    return groups


def _doubled_heading(text: str, group: list[_Repeat]) -> bool:
    """Whether a group holding an anchor shows a heading printed twice: a
    character-doubled run (`堡堡垒垒`), several repeats with punctuation or a
    space among them (a table header flattened row by row has neither), or a
    lone repeat standing apart, not glued to the words around it
    (`3、清算费用清算费用是指…` is a heading run into its paragraph), and
    ending with a word as a heading does (a header cell cut mid-word does not)."""
    if any(repeat.chars for repeat in group):
        return True
    start, end = group[0].start, group[-1].end
    if len(group) > 1:
        return _NOT_WORDS.search(text, start, end) is not None
    apart = _APART.match(text[start - 1 : start] or "\n") and _APART.match(text[end : end + 1] or "\n")
    return apart is not None and text[end - 2 : end] in word_tags()


def _fake(text: str, repeat: _Repeat) -> bool:
    """Whether a short repeat beside fake bold is fake bold too, not reduplication."""
    if repeat.chars:
        return _fake_chars(repeat.kept)
    return text[repeat.start : repeat.end] not in word_tags()


def _fake_chars(singles: str) -> bool:
    """Whether ``singles`` written with each character doubled is fake bold:
    the single form holds a word, the doubled form is no reduplicated word,
    and not every doubled character is a word of its own (`弟弟妹妹`)."""
    words = word_tags()
    doubled = [char + char for char in singles]
    if any(doubled[i] + doubled[i + 1] in words for i in range(len(singles) - 1)):
        return False
    if all(pair in words for pair in doubled):
        return False
    return any(singles[i : i + 2] in words for i in range(len(singles) - 1))
