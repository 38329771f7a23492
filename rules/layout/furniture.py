"""Page furniture, computed once per document (``doc.view(page_furniture)``):
running headers and footers, page-number lines, and the page breaks they
mark. L003 flags and removes it; the line-break rules never join text into
it. Defines no rule."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from wenlint import Document
from wenlint.textclass import DIGIT, HAN_CLASS, UNITS, UNITS_2, digits_value, has_clause_mark, is_han
from wenlint_rules.layout.counting import counting_run
from wenlint_rules.layout.markers import LIST_MARKER, is_heading

#: A bare page number: `12`, `- 12 -`, `第 3 页`, `第3页/共27页`, `3/27`, `Page 3 of 27`.
_PAGE_NUMBER = re.compile(
    rf"[-—–·]?[ \t]*{DIGIT}{{1,4}}[ \t]*[-—–·]?"
    rf"|第[ \t]*{DIGIT}+[ \t]*页(?:[ \t]*[/，,][ \t]*共[ \t]*{DIGIT}+[ \t]*页)?"
    rf"|{DIGIT}+[ \t]*/[ \t]*{DIGIT}+"
    rf"|(?:[Pp]age|P\.)[ \t]*{DIGIT}+(?:[ \t]*of[ \t]*{DIGIT}+)?"
)
#: A running header or footer naming the document, as a report repeats it on
#: every page: `某某股份有限公司2019年年度报告全文`, `2019年度财务报表附注`.
_RUNNING_TITLE = regex.compile(
    r".{0,40}?(?:年度报告|季度报告|报告全文|报告摘要|财务报表附注|招股说明书|招股意向书|募集说明书|审计报告)"
    r"(?:全文|摘要|正文)?[ \t\u3000]*(?:第?[ \t]*\d+[ \t]*页?)?"
)
#: Every running title holds one of these (see _RUNNING_TITLE).
_TITLE_WORDS = ("报告", "附注", "说明书", "意向书")
#: The site viewer's own page counters belong to the spam rules: `第1页 / 共27页`, `…讲义_第1页`.
_VIEWER_COUNTER = regex.compile(r"第\s*\d+\s*页\s*/?\s*共\s*\d+\s*页|_第\d+页$")
#: Lines that recur as content, not page furniture: check-box answers (`□ 是 √ 否`),
#: and in Markdown list items, headings, quotes, table rows and bold labels (`- **示例**`).
_CHECK_BOXES = re.compile(r"[□■☐☑☒√]")
_MARKDOWN_MARKUP = regex.compile(r"[-*+#>|!<\[]|\d+\.\s")
#: (In ``re``, as _PAGE_NUMBER and _CHECK_BOXES: a call costs less, and each is asked of many short lines.)
_TWO_HAN = re.compile(f"[{HAN_CLASS}].*[{HAN_CLASS}]")
_DIGITS = regex.compile(r"\d+")  # (a pass through every header candidate: regex's \d is quicker than DIGIT_CLASS)
_SPACE_AFTER = regex.compile(r"\s*")
_BLANKS = " \t\u3000\xa0"
_SENTENCE_END = frozenset("。！？!?；;：:，,、…")
#: A sentence goes on after these (the last character before a page break).
_GOES_ON = frozenset("，、；：（“‘《,;:(")
#: A number after these is a count or a reference, not a page: `第`, `共`, `图`, `表`.
COUNT_WORDS = frozenset("第每约近共这那前后头末仅只各逾超达计图表")

#: Header and footer lines are at most this long, and running headers at least MIN_HEADER.
MAX_LINE, MIN_HEADER = 40, 4
#: A plain line recurs this often to be a running header (a report's running title twice).
MIN_REPEATS = 3
#: Page numbers: at least this many in a row …
MIN_SEQUENCE = 3
#: … skipping at most this many pages minus one (an unnumbered page of figures), …
MAX_STEP = 3
#: … this many characters apart at least (a page holds more), …
MIN_PAGE = 200
#: … with pages no more uneven than this.
MAX_PAGE_RATIO = 4


@dataclass(frozen=True, slots=True)
class FurnitureLine:
    """A line of page furniture: ``text[start:end]``, blanks around it excluded."""

    start: int
    end: int
    kind: str  # "running header or footer", "page-numbered header or footer", "page number"
    value: int = 0  # a page number's value


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Furniture lines standing together, and what removing them leaves:
    ``text[start:end]`` (the lines and the blanks around them) becomes ``joined``."""

    start: int
    end: int
    lines: tuple[FurnitureLine, ...]
    joined: str
    safe: bool  # the sentence halves around the break join into prose


@dataclass(frozen=True, slots=True)
class Furniture:
    """A document's page furniture: every furniture line (a title line the
    running header repeats included) and the page breaks to remove."""

    lines: tuple[FurnitureLine, ...]
    breaks: tuple[PageBreak, ...]
    line_starts: frozenset[int]  # where each furniture line's line starts

    def holds(self, line_start: int) -> bool:
        """Whether the line starting at ``line_start`` is page furniture."""
        return line_start in self.line_starts


def is_page_furniture(line: str) -> bool:
    """Whether ``line`` has the shape of page furniture on its own: a bare page
    number or a running title (`某某股份有限公司2019年年度报告全文`)."""
    stripped = line.strip(_BLANKS)
    if not stripped:
        return False
    return bool(_PAGE_NUMBER.fullmatch(stripped) or _is_running_title(stripped) and not has_clause_mark(stripped))


def _is_running_title(line: str) -> bool:
    """Whether ``line`` reads as a running title (_RUNNING_TITLE), the pattern
    tried only on a line holding one of its words."""
    return any(word in line for word in _TITLE_WORDS) and _RUNNING_TITLE.fullmatch(line) is not None


def page_furniture(doc: Document) -> Furniture:
    """The page furniture of ``doc`` (use as ``doc.view(page_furniture)``)."""
    text = doc.text
    numbers: list[FurnitureLine] = []
    candidates: list[tuple[int, int, str]] = []  # lines that may be running headers or footers
    line_of: dict[int, int] = {}  # content start -> line start
    for line_start, raw in _lines(text):
        content = raw.strip(_BLANKS)
        if not content or len(content) > MAX_LINE or ("页" in content and _VIEWER_COUNTER.search(content)):
            continue
        start = line_start + len(raw) - len(raw.lstrip(_BLANKS))
        line_of[start] = line_start
        if _PAGE_NUMBER.fullmatch(content) and (number := digits_value(_DIGITS.search(content)[0])) is not None:
            numbers.append(FurnitureLine(start, start + len(content), "page number", number))
        elif len(content) >= MIN_HEADER and content[-1] not in _SENTENCE_END:
            candidates.append((start, start + len(content), content))
    # each line keyed by its shape, its numbers made `#`: all the lines' numbers replaced in one pass
    headers: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    keys = _DIGITS.sub("#", "\n".join([line[2] for line in candidates])).split("\n")
    for key, line in zip(keys, candidates):
        headers[key].append(line)
    markdown = doc.is_markdown
    for key, lines in headers.items():  # the rest of a header's shape, asked only where its key recurs
        if len(lines) > 1:
            headers[key] = [line for line in lines if _header_shaped(line[2], markdown)]
    found = _page_numbers(text, numbers) + _running_lines(text, headers)
    found += _page_numbered_titles(text, numbers, found, list(line_of))
    found.sort(key=lambda line: line.start)
    kept = {line for line in found if line.kind == "title"}
    removed = [line for line in found if line not in kept]
    return Furniture(tuple(found), tuple(_breaks(text, removed)), frozenset(line_of[line.start] for line in found))


def _header_shaped(content: str, markdown: bool) -> bool:
    """Whether a short line that ends no sentence can be a running header or
    footer: two Chinese characters, no check boxes, and (in Markdown) no markup."""
    return (
        _TWO_HAN.search(content) is not None
        and _CHECK_BOXES.search(content) is None
        and not (markdown and _MARKDOWN_MARKUP.match(content))
    )


def _lines(text: str, size: int = 1 << 16) -> Iterator[tuple[int, str]]:
    """(start, text) of every line of ``text``: split a piece of about
    ``size`` characters at a time (no copy of the whole text), not made into
    Line objects one by one."""
    start = 0
    while True:
        cut = text.find("\n", start + size)
        for line in text[start : cut if cut != -1 else len(text)].split("\n"):
            yield start, line
            start += len(line) + 1
        if cut == -1:
            return


# -- page numbers ---------------------------------------------------------------


def _page_numbers(text: str, numbers: list[FurnitureLine]) -> list[FurnitureLine]:
    """Page-number lines: a run counting up (gaps allowed) at page intervals,
    and a lone number standing between the halves of a sentence."""
    run = _page_run(numbers)
    in_run = set(run)
    return run + [n for n in numbers if n not in in_run and _between_halves(text, n)]


def _page_run(numbers: list[FurnitureLine]) -> list[FurnitureLine]:
    """The longest run of ``numbers`` counting up by one to MAX_STEP, a page
    or more apart, if it is long and even enough."""
    run = counting_run(numbers, MIN_PAGE, MAX_STEP)
    if len(run) < MIN_SEQUENCE:
        return []
    per_page = [(b.start - a.start) / (b.value - a.value) for a, b in zip(run, run[1:])]
    return run if max(per_page) <= MAX_PAGE_RATIO * min(per_page) else []


def _between_halves(text: str, number: FurnitureLine) -> bool:
    """Whether a bare number line stands between two halves of a sentence:
    the text before stops mid-sentence in prose, the text after goes on with
    a Chinese character that is no unit (`…董事会、⏎23⏎⏎监事会…`)."""
    if not text[number.start : number.end].isdigit() or text[number.start] == "0":
        return False
    before = _content_end(text, number.start)
    after = _SPACE_AFTER.match(text, number.end).end()
    if not before or after >= len(text):
        return False
    return (
        text[before - 1] not in COUNT_WORDS
        and text[after] not in UNITS
        and not text.startswith(UNITS_2, after)
        and _halves_join(text, before, after)
    )


def _halves_join(text: str, before: int, after: int) -> bool:
    """Whether the text ending at ``before`` stops mid-sentence in a line of
    prose (not a heading) and the text at ``after`` goes on with a Chinese
    character (not a list item): the two are halves of one sentence."""
    last = text[before - 1]
    previous_line = text[text.rfind("\n", 0, before) + 1 : before]
    return (
        (is_han(last) or last in _GOES_ON)
        and has_clause_mark(previous_line)
        and not is_heading(previous_line)
        and is_han(text[after])
        and LIST_MARKER.match(text, after) is None
    )


def _page_numbered_titles(
    text: str, numbers: list[FurnitureLine], found: list[FurnitureLine], starts: list[int]
) -> list[FurnitureLine]:
    """A page-number line just before a running header or footer (only
    blanks between: a page's footer, then the next page's header), and a
    running title (`…2019年年度报告全文`) just after a page number, even
    once: each is the other's evidence. A number after a header is the
    page's first content (`…全文⏎90⏎` may end a cut amount)."""
    if not numbers:
        return []
    known = {line.start: line for line in found}
    position = {start: index for index, start in enumerate(starts)}  # among the short lines, in order
    added = []
    for number in numbers:
        if number.start in known:
            continue
        index = position[number.start] + 1
        following = starts[index] if index < len(starts) else None
        if following is None or text[number.end : following].strip():
            continue  # no short line follows, or a longer line stands between
        header = known.get(following)
        if header is None and (end := _running_title_end(text, following)) is not None:
            header = known[following] = FurnitureLine(following, end, "running header or footer")
            added.append(header)
        if header is not None and header.kind != "page number":
            added.append(number)
    return added


def _line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends, blanks before its break left out."""
    end = text.find("\n", start)
    return len(text[start : end if end != -1 else len(text)].rstrip(_BLANKS)) + start


def _running_title_end(text: str, start: int) -> int | None:
    """Where the line at ``start`` ends (see :func:`_line_end`) if it is a
    running title (`…年度报告全文`); else None."""
    end = _line_end(text, start)
    line = text[start:end]
    return end if _is_running_title(line) and not has_clause_mark(line) else None


# -- running headers and footers ----------------------------------------------


def _running_lines(text: str, groups: dict[str, list[tuple[int, int, str]]]) -> list[FurnitureLine]:
    """Lines that recur at page intervals through the text: a header whose
    number counts up (every one is furniture), or the same line each time
    (a first one with no text before it is the title, kind "title")."""
    found = []
    for key, lines in groups.items():
        if len(lines) < 2:  # most lines are no header: one of a kind
            continue
        if "#" in key and _recurs(text, lines) and _counts_up([_DIGITS.findall(c) for _, _, c in lines]):
            found += [FurnitureLine(start, end, "page-numbered header or footer") for start, end, _ in lines]
            continue
        same: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for line in lines:
            same[line[2]].append(line)
        for content, repeats in same.items():
            if len(repeats) < 2:  # (recurs at least twice, whatever the title test says)
                continue
            if _recurs(text, repeats, 2 if _is_running_title(content) else MIN_REPEATS):
                first = "title" if not _content_end(text, repeats[0][0]) else "running header or footer"
                found.append(FurnitureLine(repeats[0][0], repeats[0][1], first))
                found += [FurnitureLine(start, end, "running header or footer") for start, end, _ in repeats[1:]]
    return found


def _recurs(text: str, lines: list[tuple[int, int, str]], repeats: int = MIN_REPEATS) -> bool:
    """Whether ``lines`` recur often enough, a page apart (the longest gap at
    most MAX_PAGE_RATIO times the shortest), through the whole text: no more
    than two gaps before the first and after the last (a note under each
    table of one part is content)."""
    if len(lines) < repeats:
        return False
    starts = [start for start, _, _ in lines]
    if not page_spaced(starts):
        return False
    margin = 2 * max(b - a for a, b in zip(starts, starts[1:]))
    return starts[0] <= margin and len(text) - starts[-1] <= margin


def page_spaced(starts: list[int]) -> bool:
    """Whether consecutive offsets are a page apart: MIN_PAGE or more, and
    the longest gap at most MAX_PAGE_RATIO times the shortest."""
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    return min(gaps) >= MIN_PAGE and max(gaps) <= MAX_PAGE_RATIO * min(gaps)


def _counts_up(numbers: list[list[str]]) -> bool:
    """Whether lines differing only by numbers have one that counts up (by
    one to MAX_STEP) while the others stay the same (a year in the header);
    numbered table rows with dates in them change in more than one place."""
    columns = [[digits_value(value) for value in column] for column in zip(*numbers)]
    if any(None in values for values in columns):
        return False  # (digits Python cannot read)
    counting = [all(0 < b - a <= MAX_STEP for a, b in zip(values, values[1:])) for values in columns]
    return any(counting) and all(up or len(set(values)) == 1 for up, values in zip(counting, columns))


def _content_end(text: str, offset: int) -> int:
    """Where the text before ``offset`` ends, blanks and line breaks left out."""
    while offset and text[offset - 1].isspace():
        offset -= 1
    return offset


# -- page breaks ----------------------------------------------------------------


def _breaks(text: str, lines: list[FurnitureLine]) -> list[PageBreak]:
    """Furniture lines with only blanks between them, each group one page break."""
    groups: list[list[FurnitureLine]] = []
    for line in lines:
        if groups and not text[groups[-1][-1].end : line.start].strip():
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_page_break(text, group) for group in groups]


def _page_break(text: str, lines: list[FurnitureLine]) -> PageBreak:
    """What removing ``lines`` leaves: the sentence halves joined when they
    join into prose (safe), else a line break (a blank line if one was there)."""
    start = _content_end(text, lines[0].start)
    end = _SPACE_AFTER.match(text, lines[-1].end).end()
    if start == 0:
        return PageBreak(start, end, tuple(lines), "", False)
    if end == len(text):
        return PageBreak(start, end, tuple(lines), "\n" if text.endswith("\n") else "", False)
    if _halves_join(text, start, end):
        return PageBreak(start, end, tuple(lines), "", True)
    blank = "\n\n" in text[start : lines[0].start] or "\n\n" in text[lines[-1].end : end]
    return PageBreak(start, end, tuple(lines), "\n\n" if blank else "\n", False)
