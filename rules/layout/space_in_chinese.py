"""L002: a space inside Chinese text (`给 予了`, `社区建 设`) or between a number and its unit (`2013 年`)."""

from __future__ import annotations

import bisect

import regex

from wenlint import Diagnostic, Document, Example, Fix, FixAvailability, Option, Rule
from wenlint.textclass import CJK_PUNCTUATION, SPACED_UNITS, SPACED_UNITS_2, has_clause_mark
from wenlint_rules.layout.wrapping import is_verse

_HAN = "\\p{Han}〇"
_PUNCT = regex.escape("".join(sorted(CJK_PUNCTUATION)))
#: One ASCII space or no-break space between two Chinese characters, or
#: between a Chinese character and Chinese punctuation. (Two or more are
#: alignment; a tab or U+3000 is layout, as between the clauses of a poem.)
_SPACE = regex.compile(rf"(?<=[{_HAN}])[ \u00a0](?=[{_HAN}{_PUNCT}])|(?<=[{_PUNCT}])[ \u00a0](?=[{_HAN}])")
#: A number (not part of a time, a date, a code or a word), one space, a unit.
_NUMBER_UNIT = regex.compile(
    r"(?<![\d.:\-/A-Za-z_])\d+(?:[.,]\d+)*\K[ \u00a0](?=["
    + regex.escape("".join(sorted(SPACED_UNITS)))
    + "]|"
    + "|".join(SPACED_UNITS_2)
    + ")"
)
#: The start of a line up to a label and its separating space: `第一条 为了…`, `摘要 本文…`.
_LABEL = regex.compile(
    r"[ \t\u3000]*(?:第[^\s]{1,8}?[条章节款编部分篇]|摘要|关键词|关键字|作者|附件|附录|注|说明|备注|按|问|答|例|题目|来源|编者按)"
)
#: A number opening a line is a section number (`1 个人信息`, `3.1 年度计划`) unless it is a year.
_SECTION = regex.compile(r"[ \t\u3000]*(?:\d{1,2}|\d+(?:\.\d+)+)")


class SpaceInChinese(Rule):
    code = "L002"
    name = "space-in-chinese"
    summary = "A space inside Chinese text, or between a number and its unit"
    flags = """
        One ASCII space or no-break space between two Chinese characters, or
        between a Chinese character and Chinese punctuation (`。 一些`), on a
        line of prose (one holding `，` `。` `、` `；` or the like); and one
        space between a number and a unit or measure word after it (`2013 年`,
        `10 个`, `80 平方米`, `15 %`).
    """
    why = """
        Chinese is written without spaces between words. When a PDF is turned
        into text, the end of every printed line often becomes a space, which
        lands in the middle of a word (`给 予了`, `社区建 设`) or of a phrase;
        and numbers set in a Latin font come out with a space on each side
        (`2013 年 4 月`).
    """
    leaves_alone = """
        Indentation and trailing blanks; two or more spaces, tabs and U+3000
        (table columns, alignment, the pause between the clauses of a poem,
        `床前明月光　疑是地上霜`); lines without Chinese punctuation (titles,
        menus and tag lists such as `返回 下载 相关 举报`, which are spam-rule
        territory); verse written with spaces between equal clauses; a label
        opening a line (`第一条 为了…`, `摘要 本文…`); a section number opening
        a line (`1 个人信息`); times, dates and codes (`11:15:02 来源`); the
        space between a Chinese character and a number after it (`在 2012`:
        house style, rule M007; or a page number, `特 3 别是`, rule L003);
        URLs, e-mail addresses and Markdown code.

        Units are a subset of the ones M007 keeps glued to their number in
        its `require` style, so the two rules never undo each other. A house
        style that writes `5000 元` sets the option `units = false`, and only
        spaces inside Chinese text are flagged.
    """
    fix_safety = """
        The space is safely removed.
    """
    fix = FixAvailability.SAFE
    options = {"units": Option(True, "also flag a space between a number and its unit (`2013 年`)")}
    bad = (
        Example(
            "对社区组织存在的实际困难和问题给 予了高度的关注。",
            fixed="对社区组织存在的实际困难和问题给予了高度的关注。",
        ),
        Example("为进一步加强社区建 设指明了方向。", fixed="为进一步加强社区建设指明了方向。"),
        Example("杨国宁 (2013 年 4 月) 大家好：", fixed="杨国宁 (2013年 4月) 大家好："),
        Example(
            "确实是凭着一股对社区事业的精神。 我们的各级党委政府，",
            fixed="确实是凭着一股对社区事业的精神。我们的各级党委政府，",
        ),
        Example("平均面积增加到 256.6 平方米，覆盖率达到 80 %。", fixed="平均面积增加到 256.6平方米，覆盖率达到 80%。"),
    )
    good = (
        Example("　　社区建设工作得到高度重视，各项工作取得了明显成效。"),
        Example("返回 下载 相关 举报"),
        Example("推荐访问:会上 观摩 党建 讲话"),
        Example("床前明月光　疑是地上霜，举头望明月　低头思故乡。"),
        Example("床前明月光 疑是地上霜，举头望明月 低头思故乡。"),
        Example("项目    2019年    2020年\n收入    100万元   200万元"),
        Example("第一条 为了规范社区建设工作，制定本办法。"),
        Example("1 个人信息的收集，应当遵循合法、正当、必要的原则。"),
        Example("时间:2022-07-04 11:15:02 来源:网友投稿"),
        Example("在 2012年的集中培训班上，包括 2 社区书记、主任。"),
        Example("今天出去买菜花了 5000 元。", options={"units": False}),
        Example("详见 `社区 建设` 一节的说明，按 `Ctrl 键` 切换。", path="notes.md"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if " " not in text and "\u00a0" not in text:
            return []
        prose_lines: dict[int, bool] = {}
        found = []
        for match in _SPACE.finditer(text):
            space = match.start()
            if not _in_prose(doc, space, prose_lines):
                continue
            before, after = text[space - 1], text[space + 1]
            found.append(
                self.diagnostic(
                    space,
                    space + 1,
                    f"space between `{before}` and `{after}` in Chinese text",
                    Fix.replace(space, space + 1, ""),
                )
            )
        for match in _NUMBER_UNIT.finditer(text) if self.settings["units"] else ():
            space = match.start()
            if _SECTION.fullmatch(text, _line_start(doc, space), space):
                continue
            found.append(
                self.diagnostic(
                    space,
                    space + 1,
                    f"space between a number and its unit `{text[space + 1]}`",
                    Fix.replace(space, space + 1, ""),
                )
            )
        return found


def _line_start(doc: Document, offset: int) -> int:
    return doc.line_starts[bisect.bisect_right(doc.line_starts, offset) - 1]


def _in_prose(doc: Document, space: int, cache: dict[int, bool]) -> bool:
    """Whether the space sits inside a line of prose, past any label."""
    text = doc.text
    line_start = _line_start(doc, space)
    if _LABEL.fullmatch(text, line_start, space):
        return False
    if line_start not in cache:
        line_end = text.find("\n", space)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        cache[line_start] = has_clause_mark(line) and not is_verse(line)
    return cache[line_start]
