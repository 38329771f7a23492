"""L001: a line break inside a sentence, left by a PDF or fixed-width layout.

Also the helpers the other line-break rule (L007) shares: list markers,
verse lines and the test for a hard-wrapped line.
"""

from __future__ import annotations

import bisect
from collections import Counter

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.textclass import is_han

#: A line ending with a Chinese character, letter or digit (trailing blanks
#: allowed) and the next line starting with one, or with an opening quote or
#: bracket, not indented.
_CANDIDATE = regex.compile(r"[\p{Han}〇A-Za-z0-9][ \t]*\n(?=[\p{Han}〇A-Za-z0-9“‘《（「『])")
_OPENING = frozenset("“‘《（「『")
#: What opens a list item or a heading: `一、` `（一）` `(1)` `1.` `1、` `3.1 ` `①`
#: `a)` `第三条` `一是` `二要` `首先，` Markdown and typographic bullets, `【…】`.
LIST_MARKER = regex.compile(
    r"[ \t\u3000]*(?:"
    r"[一二三四五六七八九十百零〇—]+[、.．]"  # `—、`: a dash standing in for 一 (M005)
    r"|[(（][一二三四五六七八九十百零〇\d]+[)）]"
    r"|\d+(?:\.\d+)*(?:[、．)）]|\.(?!\d)|[ \t\u3000])"
    r"|[①-⑳⑴-⒇⒈-⒛㈠-㈩]"
    r"|[A-Za-z][.)）、](?![A-Za-z])"
    r"|第[一二三四五六七八九十百千零〇\d]+[条章节款编部分篇项点，,、是]"
    r"|[一二三四五六七八九十]+[是要则]"
    r"|(?:首先|其次|再次|最后|其一|其二|其三)[，,、：:]"
    r"|[-*+•·●○■□◆◇▪►‣※★☆>#|【〔\[]"
    r")"
)
#: Marks inside or at the end of a sentence: a line holding one is prose.
_PROSE_MARK = regex.compile(r"[，。、；：！？,;]")
_SENTENCE_MARK = regex.compile(r"[。！？；!?;]")
#: Pieces of a line between punctuation and blanks (for the verse test).
_SEGMENT_BREAK = regex.compile(r"[\p{P}\s]+")
_INDENT = " \t\u3000"
#: A line ending with one of these ends a sentence (or a quotation of one).
_ENDS_SENTENCE = frozenset("。！？!?…：:”’」』）)》】")

#: A hard-wrapped line is at least this wide (display columns; a Chinese
#: character is two): classical verse lines are narrower.
MIN_WIDTH = 24
#: ... and at most this wide: wider lines are paragraphs, not a page's width.
MAX_WIDTH = 120
#: Lines of one wrapped layout differ by at most this many columns.
WIDTH_TOLERANCE = 3
#: A verse line is made of clauses of equal length, each at most this long.
MAX_VERSE_CLAUSE = 9


def display_width(line: str) -> int:
    """Columns ``line`` takes, approximated from its UTF-8 length: ASCII is
    one byte and one column, a Chinese character three bytes and two columns."""
    return (len(line.encode("utf-8")) + len(line)) // 2


def is_verse(line: str) -> bool:
    """Whether ``line`` reads as verse: two or more clauses of the same short
    length, as in `朝辞白帝彩云间，千里江陵一日还`."""
    clauses = [clause for clause in _SEGMENT_BREAK.split(line) if clause]
    return len(clauses) >= 2 and len({len(clause) for clause in clauses}) == 1 and len(clauses[0]) <= MAX_VERSE_CLAUSE


def is_prose(line: str) -> bool:
    """Whether ``line`` holds a clause or sentence mark (a title or a menu does not)."""
    return _PROSE_MARK.search(line) is not None


def is_heading(line: str) -> bool:
    """A line opened by a list marker and holding no full sentence: `一、总则`,
    `二、坚持重点突破、注重常态长效`. (The first line of a long list item
    looks the same; precision first.)"""
    marker = LIST_MARKER.match(line)
    return marker is not None and _SENTENCE_MARK.search(line, marker.end()) is None


class WrapLayout:
    """Line widths, to tell a hard-wrapped line from a heading, a title or a
    paragraph that happens to lack its full stop. A wrapped line is as wide
    as most lines of its paragraph (the page width), and as wide as another
    line of the document that also stops mid-sentence."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.paragraphs = doc.paragraphs
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self._paragraph_widths: dict[int, list[int]] = {}  # sorted, by paragraph index
        self.widths: Counter[int] = Counter()  # of lines that stop mid-sentence before more text
        lines = self.text.split("\n")
        for line, following in zip(lines, lines[1:]):
            line = line.rstrip(" \t")
            if line and line[-1] not in _ENDS_SENTENCE and following.strip():
                width = display_width(line)
                if MIN_WIDTH <= width <= MAX_WIDTH:
                    self.widths[width] += 1

    def is_wrapped(self, newline: int) -> bool:
        """Whether the line break at ``newline`` is a hard wrap inside a paragraph."""
        line, following = lines_around(self.text, newline)
        width = display_width(line.rstrip(" \t"))
        if (
            not MIN_WIDTH <= width <= MAX_WIDTH
            or not self._repeated(width)
            or not self._fills_paragraph(newline, width)
        ):
            return False
        if not (is_prose(line) or is_prose(following)) or is_heading(line):
            return False
        return not (breaks_layout(following) or is_verse(line) or is_verse(following))

    def _repeated(self, width: int) -> bool:
        """Whether two lines of about ``width`` stop mid-sentence."""
        return sum(self.widths[width + d] for d in range(-WIDTH_TOLERANCE, WIDTH_TOLERANCE + 1)) >= 2

    def _fills_paragraph(self, newline: int, width: int) -> bool:
        """Whether ``width`` is the page width of the paragraph around
        ``newline``: of its lines followed by another of its lines, at least
        half are about as wide, and hardly any (a tenth) are wider."""
        index = bisect.bisect_right(self._paragraph_starts, newline) - 1
        if index not in self._paragraph_widths:
            start, end = self.paragraphs[index]
            lines = self.text[start:end].rstrip("\n").split("\n")[:-1]
            self._paragraph_widths[index] = sorted(display_width(line.rstrip(" \t")) for line in lines)
        widths = self._paragraph_widths[index]  # sorted
        narrower = bisect.bisect_left(widths, width - WIDTH_TOLERANCE)
        wider = len(widths) - bisect.bisect_right(widths, width + WIDTH_TOLERANCE)
        same = len(widths) - narrower - wider
        return 2 * same >= len(widths) and 10 * wider <= len(widths)


def breaks_layout(following: str) -> bool:
    """Whether the line after a break starts something new: it is blank,
    indented or opens a list item or a heading."""
    return not following.strip() or following[0] in _INDENT or LIST_MARKER.match(following) is not None


def lines_around(text: str, newline: int) -> tuple[str, str]:
    """The line ending at the line break ``newline`` and the line after it."""
    start = text.rfind("\n", 0, newline) + 1
    end = text.find("\n", newline + 1)
    return text[start:newline], text[newline + 1 : end if end != -1 else len(text)]


def join_fix(text: str, newline: int, *, safe: bool) -> Fix:
    """Remove the line break at ``newline`` and the blanks before it."""
    start = newline
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Fix.replace(start, newline + 1, "", safe=safe, message="join the lines")


class HardLineBreak(Rule):
    code = "L001"
    name = "hard-line-break"
    summary = "A line break in the middle of a sentence, left by a fixed-width or PDF layout"
    flags = """
        Text extracted from a PDF, or typed into a fixed-width layout, keeps
        the line breaks of the page: a sentence is cut wherever the line was
        full (`…实际困难和问题给␤予了高度的关注`). A reader, a search index
        or a model sees two fragments of a word.

        Flagged: a single line break (no blank line) inside a paragraph, where
        the line ends with a Chinese character, letter or digit, the next
        line, not indented, goes on with one (or with an opening quote or
        bracket), and the line is hard-wrapped: 24 to 120 columns wide (a
        Chinese character is two columns) and as wide as the page, that is
        as wide (±3 columns) as at least half the lines of its paragraph,
        with hardly any (a tenth) wider, and as another line of the document
        that also stops mid-sentence; and the text is prose (the line or the
        next holds `，` `。` `、` `；` or the like). The fix joins the two
        lines; it is safe when both sides are Chinese, and unsafe when a side
        is a letter or a digit (a space may belong there).

        Left alone: lines ending with punctuation (a break after `，` or `；`
        is L007's), blank lines between paragraphs (and the `N、` preview
        chunks that follow one, L004's), short lines (titles, signatures,
        site menus, classical verse), headings and the line before a list
        item (`一、` `（二）` `3.` `第五条` `一是` `•` …; a line opened by one
        counts as a heading unless it holds a full sentence), an indented next
        line (a new paragraph), verse (clauses of equal length, `朝辞白帝彩云间，
        千里江陵一日还`), a document with no repeated line width (one paragraph
        per line), Markdown files (where a line break inside a paragraph is
        not shown) and code.
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example(
            "我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
            "予了高度的关注，市委在北林区专门召开了全市社区建设现\n"
            "场会，明确提出了要求。\n",
            fixed="我们的各级党委政府，对社区组织存在的实际困难和问题给"
            "予了高度的关注，市委在北林区专门召开了全市社区建设现"
            "场会，明确提出了要求。\n",
        ),
        Example(
            "根据社区新的发展阶段的实际工作需要，在社区建设上，市委\n"
            "2009年出台了关于加快推进社区建设工作的意见，同年，为了\n"
            "有力推动社区建设，实现同步推进。\n",
            fixed="根据社区新的发展阶段的实际工作需要，在社区建设上，市委"
            "2009年出台了关于加快推进社区建设工作的意见，同年，为了"
            "有力推动社区建设，实现同步推进。\n",
        ),
    )
    good = (
        Example("全市街道社区党组织书记培训班辅导讲义\n\n大家好：很高兴再次能够和大家共同学习探讨社区党建工作。\n"),
        Example("床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n"),
        Example("朝辞白帝彩云间，千里江陵一日还\n两岸猿声啼不住，轻舟已过万重山\n"),
        Example(
            "一、充分认识建设平安和谐社区的重大意义和紧迫性要求\n"
            "近年来，社区建设工作得到高度重视，各项工作取得了明显成效，\n"
            "二、扎实有效推进创建平安和谐社区工作的总体要求和部署\n"
        ),
        Example(
            "今天，我们召开全区社区建设工作会议，主要是贯彻省、市创建平安和谐社区经验交流会精神，总结前一阶段的工作。\n"
            "有关开展创建工作，区委、区政府已经出台了工作的实施意见，明确提出了工作的指导思想、基本原则、目标和措施\n"
            "同志们，创建平安和谐社区工作意义重大，任务艰巨，希望大家振奋精神，加温鼓劲，圆满完成创建任务。\n"
        ),
        Example(
            "我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
            "予了高度的关注，市委在北林区专门召开了全市社区建设现\n"
            "场会，明确提出了要求。\n",
            path="notes.md",
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if doc.is_markdown or not doc.has_han:
            return []
        candidates = [m for m in _CANDIDATE.finditer(text) if is_han(m[0][0]) or _chinese(text[m.end()])]
        if not candidates:
            return []
        layout = WrapLayout(doc)
        found = []
        for match in candidates:
            newline = match.end() - 1
            before, after = match[0][0], text[match.end()]
            if doc.is_verbatim(newline) or not layout.is_wrapped(newline):
                continue
            safe = is_han(before) and _chinese(after)
            found.append(
                self.diagnostic(
                    newline,
                    newline + 1,
                    f"line break inside a sentence, between `{before}` and `{after}`",
                    join_fix(text, newline, safe=safe),
                )
            )
        return found


def _chinese(char: str) -> bool:
    """A Chinese character, or an opening quote or bracket before one."""
    return char in _OPENING or is_han(char)
