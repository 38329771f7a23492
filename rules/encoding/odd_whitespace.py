"""E006: no-break and other odd spaces, trailing blanks, stray and mixed line breaks."""

from __future__ import annotations

import bisect
import re

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Rule
from wenlint.damage import inside_mojibake
from wenlint.textclass import SPACED_UNITS, SPACED_UNITS_2, is_chinese, is_han

#: Spaces that are not U+0020: no-break, en/em and thin spaces, ….
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f"
_BLANKS = f" \\t\u3000{_ODD_SPACES}"
#: An odd space, and a carriage return or Unicode line separator.
_ODD_OR_BREAK = regex.compile(rf"(?P<odd>[{_ODD_SPACES}])|(?P<linebreak>\r\n?|[\u2028\u2029])")
#: The first character of every match of _ODD_OR_BREAK, as a re class: re
#: skips to one in C, and most texts hold none (regex tries each character).
_MAY_BE_ODD_OR_BREAK = re.compile(rf"[{_ODD_SPACES}\r\u2028\u2029]")
#: A line feed after a blank, and the run of blanks ending where it is
#: matched (reversed: it reads back from there).
_BLANK_BEFORE_BREAK = regex.compile(rf"\n(?<=[{_BLANKS}]\n)")
_BLANK_RUN = regex.compile(rf"(?r)[{_BLANKS}]+")
_BLANK = regex.compile(rf"[{_BLANKS}]")


def _spots(text: str) -> list[tuple[int, int, str]]:
    """In order, the blanks ending a line (a run of them), each odd space
    inside a line and each carriage return or Unicode line separator, as
    ``(start, end, kind)``. Blanks are common (every space of Latin text)
    and rarely end a line, so the runs are read back from the line feeds
    after them, which is far faster than trying each blank."""
    ends = [match.start() for match in _BLANK_BEFORE_BREAK.finditer(text)]
    if _BLANK.fullmatch(text[-1:]):
        ends.append(len(text))
    trailing = [(_BLANK_RUN.match(text, 0, end).start(), end, "trailing") for end in ends]  # type: ignore[union-attr]
    starts = [start for start, _, _ in trailing]
    spots = list(trailing)
    for match in _ODD_OR_BREAK.finditer(text) if _MAY_BE_ODD_OR_BREAK.search(text) else ():
        start, kind = match.start(), match.lastgroup
        run = bisect.bisect_right(starts, start) - 1
        if kind == "linebreak" or run < 0 or trailing[run][1] <= start:  # (an odd space ending a line is in its run)
            spots.append((start, match.end(), kind))
    return sorted(spots)


#: A line that opens or closes fenced code.
_FENCE = regex.compile(r"[ \t]*(?:`{3,}|~{3,})[^\n]*")
#: Paragraph indentation in Chinese typesetting: ideographic or em spaces opening a line.
_INDENT = frozenset("\u3000\u2003")
_LINE_BREAKS = {
    "\r\n": "carriage return before a line feed",
    "\r": "carriage return used as a line break",
    "\u2028": "Unicode line separator U+2028",
    "\u2029": "Unicode paragraph separator U+2029",
}
_NAMES = {
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2003": "em space",
    "\u2002": "en space",
    "\u2009": "thin space",
    "\u200a": "hair space",
    "\u3000": "ideographic space",
}


def _spacing_for_l002(text: str, start: int) -> bool:
    """Whether L002 (space-in-chinese) owns this space: a no-break space
    between a Chinese character and a Chinese character or punctuation
    mark, or between a number and its unit."""
    if text[start] != "\u00a0":
        return False
    before = text[start - 1] if start else " "
    after = text[start + 1 : start + 3] or " "
    if (is_han(before) and is_chinese(after[0])) or (is_chinese(before) and is_han(after[0])):
        return True
    return before.isdigit() and (after[0] in SPACED_UNITS or after in SPACED_UNITS_2)


def _inside_html(doc: Document, start: int, end: int) -> bool:
    """Whether the whitespace-only line ``text[start:end]`` of a Markdown
    document lies inside an HTML block, which CommonMark ends at a blank line
    (`</div>⏎    ⏎    <figcaption>`): between two lines of verbatim text,
    the one above no closing code fence."""
    text = doc.text
    if not doc.is_markdown or start < 2:
        return False
    above = text.rfind("\n", 0, start - 1) + 1
    below = text.find("\n", end + 1)
    below = len(text) if below == -1 else below
    verbatim = doc.prose.verbatim
    return (
        above < start - 1
        and end + 1 < below
        and verbatim.contains(above, start - 1)
        and verbatim.contains(end + 1, below)
        and _FENCE.fullmatch(text, above, start - 1) is None
    )


def _empty_cells(text: str, start: int, end: int) -> bool:
    """Whether the trailing blanks ``text[start:end]`` are tabs ending a row
    whose cells are separated by tabs: its empty last cells."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return text.count("\t", start, end) == end - start and "\t" in line.strip()


def _indents(text: str, start: int) -> bool:
    """Whether the character at ``start`` is part of a line's leading indentation of U+3000/em spaces."""
    if text[start] not in _INDENT:
        return False
    while start > 0 and text[start - 1] in _INDENT:
        start -= 1
    return start == 0 or text[start - 1] == "\n"


class OddWhitespace(Rule):
    code = "E006"
    name = "odd-whitespace"
    summary = "No-break or other odd spaces, trailing blanks, stray or mixed line breaks"
    flags = """
        - a no-break space (U+00A0, U+202F) or a typographic space (en, em,
          thin, hair; U+2000–U+200A, U+205F, U+1680) inside a line: it
          becomes an ordinary space;
        - blanks (spaces, tabs, U+3000, the above) at the end of a line, and
          lines holding nothing else: they are removed;
        - a carriage return left in the text (`\\r` alone, or before a line
          feed that already ends the line) and the Unicode line and paragraph
          separators U+2028/U+2029: they become a line feed;
        - a file mixing CRLF and LF line endings: it is written back with the
          style most of its lines use.
    """
    why = """
        Scraped pages leave whitespace that looks like nothing or like an
        ordinary space but is not: `&nbsp;` turned into U+00A0, blank lines
        that hold a space or U+3000, blanks at the end of lines, carriage
        returns of another system. They break matching, deduplication and
        line-based tools.
    """
    leaves_alone = """
        U+3000 (and em spaces) indenting a paragraph (`　　段落首行缩进`) and
        U+3000 inside a line, a deliberate full-width space in Chinese
        typesetting (`第一条　为了…`, `通　知`); two or more trailing spaces
        in Markdown (a hard line break); tabs ending a row of tab-separated
        cells (its empty last cells); Markdown code and URLs, and lines
        holding only whitespace inside an HTML block (its indentation,
        `</div>⏎    ⏎    <figcaption>`). A no-break space between a
        Chinese character and another Chinese character or
        punctuation mark, or between a number and its unit
        (`2013\\u00a0年`), is left to L002 (space-in-chinese), which removes
        it in prose: the two rules never report the same space, and fixing
        with both settles in one run.
    """
    fix_safety = """
        Each finding comes with the fix said beside it above, safe except
        in Markdown: there turning U+2028/U+2029 into a line feed is unsafe
        (the text after it could become a heading or another list item).
        Making an ordinary space of an odd one where that changes how
        Markdown reads the line (`> \u00a0# 标题` would become a heading) is
        left for review by the engine, as every such fix is.
    """
    #: The mixed line-ending finding is about the whole file, wherever its
    #: first odd line break is; spans in code are skipped by hand.
    skip_verbatim = False
    needs_han = False
    fix = FixAvailability.SOMETIMES
    bad = (
        Example("电脑版\u00a0|金锄头文库版权所有", fixed="电脑版 |金锄头文库版权所有"),
        Example("体系建设观摩推进会上的讲话\n\n\u00a0\n\n同志们：", fixed="体系建设观摩推进会上的讲话\n\n\n\n同志们："),
        Example(
            "各项工作取得明显成效。  \n下一步工作安排如下。\u3000\n",
            fixed="各项工作取得明显成效。\n下一步工作安排如下。\n",
        ),
        Example("第一行\r第二行", fixed="第一行\n第二行"),
    )
    good = (
        Example("　　社区建设工作得到高度重视，各项工作取得了明显成效。"),
        Example("第一条　为了规范社区建设工作，制定本办法。"),
        Example("通　知\n\n各社区居委会："),
        Example("使用 Python 处理 3.5 GB 的数据。"),
        Example("第一行结尾  \n第二行", path="notes.md"),
        Example("姓名\t职务\t任职日期\t说明\n张三\t基金经理\t\t\n"),
        Example("缩进的代码：\n\n```\nx = 1   \n```\n", path="notes.md"),
        Example(
            '<figure>\n  <div class="swatch"></div>\n  \n  <figcaption>主题色</figcaption>\n</figure>\n',
            path="notes.md",
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        found = []
        if doc.mixed_newline_at is not None:
            found.append(self._mixed_newlines(doc))
        if doc.stray_cr_at is not None:
            found.append(self._stray_carriage_returns(doc))
        for start, end, kind in _spots(text):
            if doc.is_verbatim(start) or inside_mojibake(doc, start):
                continue
            if kind == "trailing":
                diagnostic = self._trailing(doc, start, end)
            elif kind == "odd":
                diagnostic = self._odd_space(doc, start)
            else:
                diagnostic = self._line_break(doc, start, text[start:end])
            if diagnostic is not None:
                found.append(diagnostic)
        return found

    def _trailing(self, doc: Document, start: int, end: int) -> Diagnostic | None:
        text = doc.text
        blank_line = start == 0 or text[start - 1] == "\n"
        if doc.is_markdown and end - start >= 2 and not blank_line and text[start:end].strip(" ") == "":
            return None  # a Markdown hard line break
        if _empty_cells(text, start, end) or (blank_line and _inside_html(doc, start, end)):
            return None
        message = "line holds only whitespace" if blank_line else "whitespace at the end of the line"
        return self.diagnostic(start, end, message, Fix.replace(start, end, ""))

    def _odd_space(self, doc: Document, start: int) -> Diagnostic | None:
        text = doc.text
        char = text[start]
        if _spacing_for_l002(text, start) or _indents(text, start):
            return None
        name = _NAMES.get(char, f"U+{ord(char):04X} space")
        fix = Fix.replace(start, start + 1, " ")
        return self.diagnostic(start, start + 1, f"{name} instead of an ordinary space", fix)

    def _line_break(self, doc: Document, start: int, matched: str) -> Diagnostic:
        end = start + len(matched)
        # CommonMark reads a carriage return as a line ending already; a line separator it does not.
        safe = not (doc.is_markdown and matched in "\u2028\u2029")
        return self.diagnostic(start, end, _LINE_BREAKS[matched], Fix.replace(start, end, "\n", safe=safe))

    def _stray_carriage_returns(self, doc: Document) -> Diagnostic:
        """Carriage returns before a CRLF, which reading the file dropped: writing it back drops them."""
        at = doc.stray_cr_at
        fix = Fix.rewrite(at, newline=doc.newline, message="drop the carriage returns before line breaks")
        return self.diagnostic(at, at, _LINE_BREAKS["\r\n"], fix)

    def _mixed_newlines(self, doc: Document) -> Diagnostic:
        at = doc.mixed_newline_at
        style, other = ("CRLF", "LF") if doc.newline == "\r\n" else ("LF", "CRLF")
        message = f"line ends with {other} while most lines end with {style}"
        fix = Fix.rewrite(at, newline=doc.newline, message=f"end every line with {style}")
        return self.diagnostic(at, at, message, fix)
