"""M006: quotes and brackets that do not pair up within a paragraph."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.document import BLANK_LINES
from wenlint.textclass import HAN

#: Opening mark → closing mark, for every pair whose balance is checked.
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
#: Openers that start each paragraph of a multi-paragraph quotation.
_QUOTE_OPENERS = frozenset("“‘「『")

#: (A plain set of characters, which the standard library's re finds faster than regex.)
_MARK_CLASS = r"“”\"‘’《》（）【】「」『』"
_MARKS = re.compile(f"[{_MARK_CLASS}]")
#: A `）` closing a list number, not a parenthesis: `1）` `a）` `二）` `iv）`
#: at the start of a line or after punctuation or a space.
_LIST_NUMBER = regex.compile(
    r"(?:(?<=^|[\s\p{P}\p{S}])(?:[0-9]{1,3}|[A-Za-z]|[ivxIVX]{1,4}|[一二三四五六七八九十]{1,3}))\Z",
    regex.M,
)
#: The longest list number _LIST_NUMBER matches (`viii`).
_LIST_NUMBER_MAX = 4
_ASCII_ALNUM = regex.compile(r"[A-Za-z0-9]")
#: A mark, or the blank lines between two paragraphs (as ``Document.paragraphs`` finds them: a line
#: break, then the rest of BLANK_LINES). Written opening with a class, which re passes over in C: as
#: the alternation of the two, it was tried at every character, in twice the time.
_BLANK_LINES_AFTER_BREAK = BLANK_LINES.pattern.removeprefix(r"\n")
_MARK_OR_PARAGRAPH_BREAK = re.compile(rf"[\n{_MARK_CLASS}](?:(?<=\n){_BLANK_LINES_AFTER_BREAK}|(?<!\n))")
#: An opening mark right before its closing one (not `‘’`, which pair by their neighbours).
_ADJACENT_PAIR = re.compile("|".join(re.escape(open_ + close) for open_, close in PAIRS.items() if open_ != "‘"))
#: The levels of nesting the quick test takes away: real text nests a few deep, and a pass a level
#: over marks nested thousands deep (`“《“《…》”》”`) would take time growing with the square of their number.
_NESTING_PASSES = 16
_LEADING_SPACE = " \t\u3000\u00a0"
#: The spaces ending where it is matched (reversed: read back from there, in C).
_SPACES_BEFORE = regex.compile(f"(?r)[{_LEADING_SPACE}]*")


class MismatchedQuotes(Rule):
    code = "M006"
    name = "mismatched-quotes"
    summary = 'A Chinese quote paired with an ASCII `"`, or a quote or bracket left unclosed'
    flags = """
        Mixed pair: an ASCII `"` that opens a quote closed by `”`, or closes a
        quote opened by `“`, with Chinese text inside (`"六保”`).

        Unbalanced pair: in a paragraph holding Chinese text, an opening mark
        never closed, or a closing mark never opened. Paragraphs are the text
        between blank lines; a quote may run over line breaks inside one.
    """
    why = """
        Chinese quotation marks come in pairs, `“…”`, and so do `‘’ 《》 （）
        【】 「」 『』`. Scraped text often pairs a Chinese quote with an ASCII
        `"` (`“六稳”"六保”`) or loses one half of a pair to encoding damage or
        a page break.
    """
    leaves_alone = """
        Two ASCII quotes around a phrase (`"hello"`, or `"社区"`), which are a
        pair of their own; a lone `"` (an inch mark, a stray byte); a `"`
        sitting between `“` and `”`, where it is unclear which mark is wrong;
        apostrophes and English quotes (`don’t`, `’90s`, a `‘` or `’` touching
        a Latin letter or digit), list numbers closed by a lone `）` (`1）`,
        `a）`, `二）`), and multi-paragraph quotations, where by Chinese
        convention every paragraph opens with `“` and only the last one
        closes: an open quote is not flagged when the next paragraph (or line)
        starts with the same mark. ASCII `( )` are M001's business; URLs and
        Markdown code are skipped.
    """
    fix_safety = """
        A mixed pair's `"` is safely turned into the matching Chinese mark
        (`"六保”` → `“六保”`). An unbalanced pair has no fix, since only a
        reader can tell where the other half belongs.
    """
    fix = FixAvailability.SAFE
    bad = (
        Example('在“下基层”"抓堵点”“增效能”等方面助推。', fixed="在“下基层”“抓堵点”“增效能”等方面助推。"),
        Example('引导居民群众积极投身“六稳”"六保”工作。', fixed="引导居民群众积极投身“六稳”“六保”工作。"),
        Example('他说“明天再来"，就走了。', fixed="他说“明天再来”，就走了。"),
        Example("“看病难”、看病贵”是群众急盼解决的问题。"),
        Example("请阅读《社区建设纲要，并提出意见。"),
        Example("会议（扩大会议在北京召开。"),
    )
    good = (
        Example("他说：“我们要把‘为人民服务’落到实处。”"),
        Example("“第一段引文，没有结束。\n\n“第二段引文，到这里才结束。”"),
        Example("工作分三步：1）摸底；2）整改；3）验收。"),
        Example("a）加强领导\nb）落实责任"),
        Example('He said "hello" and left, 然后我们开会。'),
        Example('我们不说"套话"，只做实事。'),
        Example("I don’t know, it was the ’90s. 那是九十年代。"),
        Example('屏幕是 27" 的，《人民日报》也报道了（见第三版）。'),
        Example("【摘要】本文讨论「社区」与『街道』的关系。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if _MARKS.search(text) is None or (not doc.verbatim and _nested_in_paragraphs(text)):
            return []
        return self._each_paragraph(doc)

    def _each_paragraph(self, doc: Document) -> list[Diagnostic]:
        """The findings, paragraph by paragraph: only a paragraph whose marks
        do not nest (see :func:`_nests`, in C) is read mark by mark."""
        text = doc.text
        found: list[Diagnostic] = []
        paragraphs = doc.paragraphs
        verbatim = doc.prose.verbatim
        for number, (start, end) in enumerate(paragraphs):
            # quotes in URLs and code pair with none outside: the marks are read between them
            pieces = verbatim.outside(start, end) if verbatim else ((start, end),)
            marks = "".join(["".join(_MARKS.findall(text, low, high)) for low, high in pieces])
            if not marks or HAN.search(text, start, end) is None or _nests(marks):
                continue
            group = [(m.start(), m[0]) for low, high in pieces for m in _MARKS.finditer(text, low, high)]
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            found.extend(self._paragraph(text, start, group, following))
        return found

    def _paragraph(
        self, text: str, para_start: int, tokens: list[tuple[int, str]], following: int | None
    ) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        marks = self._double_quotes(text, tokens, found)
        # Balance, one stack of offsets per pair. A quote opening a line exempts
        # the quotes of its kind still open (a quotation running over lines
        # reopens each): those at the bottom of the stack, below ``exempt``.
        stacks: dict[str, list[int]] = {open_: [] for open_ in PAIRS}
        exempt = dict.fromkeys(PAIRS, 0)
        for pos, mark in marks:
            if mark in "‘’" and _touches_latin(text, pos):
                continue
            if mark in PAIRS:
                if mark in _QUOTE_OPENERS and _starts_line(text, pos, para_start):
                    exempt[mark] = len(stacks[mark])
                stacks[mark].append(pos)
                continue
            opener = CLOSERS[mark]
            if stacks[opener]:
                stacks[opener].pop()
                exempt[opener] = min(exempt[opener], len(stacks[opener]))
            elif not (mark == "）" and _after_list_number(text, pos)) and not (
                mark == "》" and _between_latin(text, pos)
            ):
                found.append(self.diagnostic(pos, pos + 1, f"`{mark}` has no opening `{opener}` in this paragraph"))
        next_opener = _first_char(text, following) if following is not None else ""
        for opener, stack in stacks.items():
            for index, pos in enumerate(stack):
                if (
                    index < exempt[opener]
                    or (opener == next_opener and opener in _QUOTE_OPENERS)
                    or (opener == "《" and _between_latin(text, pos))
                ):
                    continue
                found.append(
                    self.diagnostic(pos, pos + 1, f"`{opener}` is never closed by `{PAIRS[opener]}` in this paragraph")
                )
        found.sort(key=lambda d: d.start)
        return found

    def _double_quotes(
        self, text: str, tokens: list[tuple[int, str]], found: list[Diagnostic]
    ) -> list[tuple[int, str]]:
        """Resolve ASCII `"` against the Chinese quotes around it.

        Returns the marks with each mixed-pair `"` replaced by the Chinese
        mark it stands for and every other `"` dropped; mixed pairs are
        reported into ``found``.
        """
        marks: list[tuple[int, str]] = []
        quotes = [i for i, (_, mark) in enumerate(tokens) if mark in '“”"']
        following = {a: b for a, b in zip(quotes, quotes[1:])}
        is_open = False
        skip = -1
        last_open = 0  # where the last `“` stands
        for i, (pos, mark) in enumerate(tokens):
            if mark not in '“”"':
                marks.append((pos, mark))
                continue
            if mark == "“":
                is_open, last_open = True, pos
            elif mark == "”":
                is_open = False
            if mark != '"':
                marks.append((pos, mark))
                continue
            if i == skip:
                continue
            nxt = following.get(i)
            nxt_mark = tokens[nxt][1] if nxt is not None else ""
            if nxt_mark == '"':
                skip = nxt  # an ASCII pair of its own
                continue
            if not is_open and nxt_mark == "”" and _han_between(text, pos + 1, tokens[nxt][0]):
                marks.append((pos, "“"))
                found.append(
                    self.diagnostic(
                        pos, pos + 1, 'ASCII `"` opens a quote that `”` closes; use `“`', Fix.replace(pos, pos + 1, "“")
                    )
                )
                is_open = True
            elif is_open and nxt_mark != "”" and _han_between(text, last_open + 1, pos):
                marks.append((pos, "”"))
                found.append(
                    self.diagnostic(
                        pos, pos + 1, 'ASCII `"` closes a quote that `“` opens; use `”`', Fix.replace(pos, pos + 1, "”")
                    )
                )
                is_open = False
        return marks


def _nested_in_paragraphs(text: str) -> bool:
    """Whether every paragraph's marks nest (see :func:`_nests`), looked at
    in C: the marks with the blank lines between paragraphs."""
    return _nests("".join(_MARK_OR_PARAGRAPH_BREAK.findall(text)))


def _nests(marks: str) -> bool:
    """Whether ``marks`` pair up as nested pairs (`“《》”（）`), with no ASCII
    `"` and no `‘’` (which pair by their neighbours; they are never taken
    away): then no mark goes unpaired. Adjacent pairs are taken away until
    none is left, a level of nesting a pass; marks nesting deeper than
    _NESTING_PASSES (each pass reads them all) are taken as not nesting,
    and read mark by mark."""
    for _ in range(_NESTING_PASSES):
        fewer = _ADJACENT_PAIR.sub("", marks)
        if fewer == marks:
            return _MARKS.search(marks) is None
        marks = fewer
    return False


def _han_between(text: str, start: int, end: int) -> bool:
    return text.find("\n\n", start, end) < 0 and HAN.search(text, start, end) is not None


def _touches_latin(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    return bool(_ASCII_ALNUM.match(before) or _ASCII_ALNUM.match(after))


def _between_latin(text: str, pos: int) -> bool:
    """`a》b`, `3《5`: a comparison sign, not a title mark."""
    before = text[pos - 1 : pos].strip() or text[pos - 2 : pos - 1]
    after = text[pos + 1 : pos + 2].strip() or text[pos + 2 : pos + 3]
    return bool(_ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after))


def _after_list_number(text: str, pos: int) -> bool:
    """Whether a list number (`1`, `b`, `iv`, `三`: at most 4 characters, on
    the line of ``pos``) ends at ``pos``: `1）`. Only the characters it can
    take are searched, so that a long line's many `）` cost little each."""
    low = max(0, pos - _LIST_NUMBER_MAX)
    newline = text.rfind("\n", low, pos)
    return _LIST_NUMBER.search(text, newline + 1 if newline >= 0 else low, pos) is not None


def _starts_line(text: str, pos: int, para_start: int) -> bool:
    """Whether only spaces stand between the line's start and ``pos``, a
    line after the paragraph's first."""
    start = _SPACES_BEFORE.match(text, 0, pos).start()  # type: ignore[union-attr]
    return start > para_start and text[start - 1] == "\n"


def _first_char(text: str, start: int) -> str:
    index = start
    while index < len(text) and text[index] in _LEADING_SPACE:
        index += 1
    return text[index] if index < len(text) else ""
