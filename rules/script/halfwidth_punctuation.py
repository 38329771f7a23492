"""M001: punctuation of the wrong width for the document's house style."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from wenlint import Applicability, Diagnostic, Document, Edit, Example, Fix, FixAvailability, Option, Rule
from wenlint.textclass import CJK_CLOSING, CJK_PUNCTUATION, HAN, is_ascii_alnum, is_chinese, is_han

FULL = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
HALF = {full: half for half, full in FULL.items()}


def _class(chars: frozenset[str]) -> str:
    return "".join(regex.escape(char) for char in sorted(chars))


_CHINESE = r"\p{Han}〇" + _class(CJK_PUNCTUATION)  # is_chinese
_HAN_OR_CLOSING = r"\p{Han}〇" + _class(CJK_CLOSING)
#: A half-width mark that ``_flag`` may flag: a `.` right after a Chinese
#: character, a `,` `:` `;` with Chinese text (or its punctuation) beside it,
#: a `?` `!` after a Chinese character or a closing mark (spaces and tabs
#: between); not a `(` closed on its line with neither a Chinese character
#: nor a number inside, which is never flagged (`(Python)`, `(qū)`). Most
#: marks in scraped text (`3.5`, `www.`, English) are none of these, and are
#: passed over in C.
_HALF_MARK = regex.compile(
    r"\.(?<=[\p{Han}〇]\.)"
    rf"|[,:;](?:(?<=[{_CHINESE}][ \t]*.)|(?=[ \t]*[{_CHINESE}]))"
    rf"|[?!](?<=[{_HAN_OR_CLOSING}][ \t]*.)"
    r"|\((?![^\p{Han}\p{N}()\n]*\))"
)
_FULL_MARK = regex.compile(r"[，。：；！？（）]")
_SPACES = " \t"
#: After a question mark these follow a real question, not encoding damage.
_AFTER_QUESTION = frozenset("”’」』）》")


def _before(text: str, index: int) -> str:
    """The nearest character before ``index`` that is not a space or tab."""
    while index > 0 and text[index - 1] in _SPACES:
        index -= 1
    return text[index - 1] if index > 0 else ""


def _after(text: str, index: int) -> tuple[str, int]:
    """The nearest non-space character from ``index``, and where it is."""
    size = len(text)
    while index < size and text[index] in _SPACES:
        index += 1
    return (text[index] if index < size else ""), index


class HalfwidthPunctuation(Rule):
    code = "M001"
    name = "halfwidth-punctuation"
    summary = "Half-width punctuation inside Chinese prose (or the reverse, by house style)"
    flags = """
        A half-width `, . : ; ! ? ( )` that sits in Chinese text: next to a
        Chinese character or full-width punctuation. Parentheses are converted
        as a pair.

        Some corpus pipelines deliberately use ASCII punctuation; the option
        `style` chooses the house style: `full` (default), `half` (flag
        full-width marks), or `consistent` (flag whichever style is the
        minority in each document).
    """
    why = """
        Chinese prose takes full-width punctuation (GB/T 15834): `同志们：`,
        `今天，我们`, `（一）`. Scraped text often has the ASCII forms, which
        look wrong, break width-based layout and split a corpus's vocabulary.
    """
    leaves_alone = """
        Marks between ASCII letters or digits (`3,000`, `12:30`, `a.b`), URLs,
        e-mail addresses, Markdown code, runs such as `...` or `??`, a `?`
        followed by Latin text (usually encoding damage, which the encoding
        rules report), and parentheses around Latin text (`(Python)`, pinyin
        such as `(qū)`). Also emoticons (`:)`), ratios (`男:女=3:2`),
        bibliography entries (`[1]张三.书名[M].北京:中华书局,2008.`), Latin
        sentences quoting a Chinese name, and phone numbers such as
        `(010)12345678`.
    """
    fix_safety = """
        The fix converts the mark and drops the spaces after it, or drops the
        mark when the full-width one follows it (`治疗.。`); both are safe. A
        `.` between two Chinese characters (`他来了.我走了`, but also
        `马丁.路德.金`) is a full stop or a name separator, so turning it into
        `。` is an unsafe fix.
    """
    fix = FixAvailability.SOMETIMES
    #: Verbatim text is judged here (a mark in it is skipped; a pair of
    #: parentheses around Chinese text and inline code is flagged).
    skip_verbatim = False
    options = {
        "style": Option("full", "which punctuation is correct", ("full", "half", "consistent")),
    }
    bad = (
        Example("同志们:今天,我们在这里召开会议.", fixed="同志们：今天，我们在这里召开会议。"),
        Example("(一)充分认识社区建设的重要意义", fixed="（一）充分认识社区建设的重要意义"),
        Example("你吃饭了吗?我还没有!", fixed="你吃饭了吗？我还没有！"),
        Example("今天， 我们开会。", fixed="今天, 我们开会.", options={"style": "half"}),
    )
    good = (
        Example("全市共有3,000个社区，时间是12:30。"),
        Example("访问 https://example.com/a,b?c=1 了解详情。"),
        Example("请写信到 a.b@example.com 联系。"),
        Example("运行 `print(1, 2)` 即可。", path="example.md"),
        Example("你吃饭了吗？我还没有！"),
        Example("他在 Python (a language) 里写代码。"),
        Example("社區(qū)發(fā)展"),
        Example("等等..."),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        style = self.settings["style"]
        if style == "consistent":
            half, full = self._half_marks(doc), self._full_marks(doc)
            return full if len(half) > len(full) else half
        return self._half_marks(doc) if style == "full" else self._full_marks(doc)

    def _full_marks(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        for match in _FULL_MARK.finditer(text):
            start = match.start()
            if doc.is_verbatim(start):
                continue
            mark = match[0]
            found.append(
                self.diagnostic(
                    start,
                    start + 1,
                    f"full-width `{mark}`; the house style is `{HALF[mark]}`",
                    Fix.replace(start, start + 1, HALF[mark]),
                )
            )
        return found

    def _half_marks(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        # Bibliography entries, and `?` damage from a lossy conversion (E003
        # reports it; converting marks inside it would erase the evidence).
        skipped = sorted(_reference_lines(doc) + _damage(doc))
        verbatim = doc.verbatim
        following = {char: _Next(text, char) for char in "()\n"}
        for match in _HALF_MARK.finditer(text):
            start = match.start()
            if (verbatim and doc.is_verbatim(start)) or (skipped and _inside(skipped, start)):
                continue
            mark = match[0]
            if mark == "(":
                found.extend(self._parentheses(doc, start, following))
                continue
            after, after_at = text[start + 1 : start + 2], start + 1
            # A comma or semicolon between two Chinese characters (most marks
            # in scraped text) passes every check below as it is.
            if not (mark in ",;" and _han(after) and _han(text[start - 1 : start])):
                before = _before(text, start)
                after, after_at = _after(text, start + 1)
                if not _flag(mark, before, after, text, start):
                    continue
                if not (_chinese(before or " ") and _chinese(after or " ")) and _latin_clause(text, start):
                    continue
            if after in _CJK_MARKS:  # `治疗.。`: the full-width mark is already there
                fix = Fix.replace(start, after_at, "", message="drop the redundant mark")
            elif mark == "." and _han(after):  # `马丁.路德`: a full stop, or a name separator?
                fix = Fix.replace(start, after_at, FULL[mark], safe=False)
            else:
                fix = Fix.replace(start, after_at if _chinese(after) else start + 1, FULL[mark])
            found.append(self.diagnostic(start, start + 1, _MESSAGE[mark], fix))
        return found

    def _parentheses(self, doc: Document, start: int, following: dict[str, _Next]) -> list[Diagnostic]:
        text = doc.text
        close = following[")"].at_or_after(start + 1)
        if close == -1 or (doc.verbatim and doc.is_verbatim(close)):
            return []
        if any(-1 < following[char].at_or_after(start + 1) < close for char in "(\n"):
            return []  # another `(` or a line break before the `)`
        inner = text[start + 1 : close].strip()
        has_han = HAN.search(inner) is not None and (
            not doc.verbatim or any(is_han(ch) and not doc.is_verbatim(start + 1 + i) for i, ch in enumerate(inner))
        )
        # `第(1)条` is Chinese; `(010)12345678` is a phone number.
        if not has_han and not (
            inner.isdigit()
            and not inner.startswith("0")
            and any(_chinese(ch) for ch in _before(text, start) + _after(text, close + 1)[0])
            and not text[close + 1 : close + 2].isdigit()
        ):
            return []
        fix = Fix((Edit(start, start + 1, "（"), Edit(close, close + 1, "）")), Applicability.SAFE)
        return [self.diagnostic(start, close + 1, "half-width parentheses around Chinese text; use `（）`", fix)]


_CJK_MARKS = frozenset("。，、；：！？")
_MESSAGE = {mark: f"half-width `{mark}` in Chinese text; use `{full}`" for mark, full in FULL.items()}
#: The character classes of textclass, remembered per character: the loop
#: above asks them about the neighbours of every mark.
_chinese = lru_cache(maxsize=4096)(is_chinese)
_han = lru_cache(maxsize=4096)(is_han)
#: `:)`, `:-(`, `:D`, `;)`: emoticons, not punctuation.
_EMOTICON = regex.compile(r"[:;]-?[()DPpO3|/\\](?![A-Za-z0-9])")
#: A bibliography entry (GB/T 7714): `[1]张三.书名[M].北京:中华书局,2008.`
#: (Its type, `[M]`, `[J]`, `[EB/OL]`, which every entry holds, is looked for in C first.)
_REFERENCE_TYPE = re.compile(r"\[[A-Z]{1,2}(?:/OL)?\]")
_REFERENCE = regex.compile(rf"^[ \t]*\[\d+\].*{_REFERENCE_TYPE.pattern}.*$", regex.M)
LATIN_WINDOW = 16


def _reference_lines(doc: Document) -> list[tuple[int, int]]:
    if _REFERENCE_TYPE.search(doc.text) is None:
        return []
    return [m.span() for m in _REFERENCE.finditer(doc.text)]


def _damage(doc: Document) -> list[tuple[int, int]]:
    if "?" not in doc.text:
        return []
    from wenlint.transcoding import damaged_stretches

    return [(stretch.start, stretch.end) for stretch in damaged_stretches(doc)]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``spans``."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and offset < spans[index][1]


def _latin_clause(text: str, start: int) -> bool:
    """Whether the mark sits in Latin text with a Chinese name in it
    (`My name is 李明, nice to meet you.`): on its line, around it, Latin
    letters far outnumber Han."""
    low, high = max(0, start - LATIN_WINDOW), min(len(text), start + LATIN_WINDOW)
    line_start, line_end = text.rfind("\n", low, start), text.find("\n", start, high)
    window = text[line_start + 1 if line_start != -1 else low : line_end if line_end != -1 else high]
    letters = sum(ch.isascii() and ch.isalpha() for ch in window)
    return letters > 8 and letters > 3 * sum(_han(ch) for ch in window)


class _Next:
    """Where ``char`` next occurs from an offset, for offsets asked in
    increasing order: the text is searched once, not once per question (a
    line of thousands of `(` with no `)` after them)."""

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char = text, char
        self.found = text.find(char)

    def at_or_after(self, offset: int) -> int:
        if -1 < self.found < offset:
            self.found = self.text.find(self.char, offset)
        return self.found


def _flag(mark: str, before: str, after: str, text: str, start: int) -> bool:
    """Whether a half-width ``mark`` between ``before`` and ``after`` is in Chinese text."""
    if is_ascii_alnum(before) and is_ascii_alnum(after):
        return False
    if mark == ".":
        previous = text[start - 1 : start]
        return _han(previous or " ") and after != "." and not is_ascii_alnum(after)
    if mark == "?":
        return (
            (_han(before or " ") or before in CJK_CLOSING)
            and "?" not in (before, after)
            and (after in ("", "\n") or _han(after) or after in _AFTER_QUESTION or after in _CJK_MARKS - {"、"})
        )
    if mark == "!":
        return (_han(before or " ") or before in CJK_CLOSING) and after not in ("=", "[", "!")
    if mark in ":;" and _EMOTICON.match(text, start):
        return False
    if mark == ":" and (":" in (before, after) or "=" in text[max(0, start - 8) : start + 8]):
        return False  # `::`, a ratio `男:女=3:2`
    return _chinese(before or " ") or (_chinese(after or " ") and not is_ascii_alnum(before))
