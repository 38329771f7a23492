"""L001: a line break inside a sentence, left by a PDF or fixed-width layout."""

from __future__ import annotations

import re

from wenlint import Diagnostic, Document, Example, FixAvailability, Rule
from wenlint.codepoints import matches_from
from wenlint.textclass import HAN_CLASS, is_han
from wenlint_rules.layout.wrapping import MIN_WIDTH, WrapLayout, join_fix, line_ends

#: The fewest characters a line MIN_WIDTH wide holds (a character takes 2.5 columns at most).
_FEWEST = -(-2 * MIN_WIDTH // 5)
#: A line of _FEWEST characters or more ending with a Chinese character,
#: letter or digit (trailing blanks allowed) and the next line starting with
#: one, or with an opening quote or bracket, not indented; Chinese on one side at least.
#: (In ``re``, with the Chinese class regex's ``\p{Han}`` gives: a match costs half as much.)
_CANDIDATE = re.compile(
    rf"[{HAN_CLASS}](?<=[^\n]{{{_FEWEST}}})[ \t]*\n(?=[{HAN_CLASS}A-Za-z0-9“‘《（「『])"
    rf"|[A-Za-z0-9](?<=[^\n]{{{_FEWEST}}})[ \t]*\n(?=[{HAN_CLASS}“‘《（「『])"
)
_OPENING = frozenset("“‘《（「『")


class HardLineBreak(Rule):
    code = "L001"
    name = "hard-line-break"
    summary = "A line break in the middle of a sentence, left by a fixed-width or PDF layout"
    flags = """
        A single line break (no blank line) inside a paragraph, where the
        line ends with a Chinese character, letter or digit, the next line,
        not indented, goes on with one (or with an opening quote or bracket),
        and the line is hard-wrapped: 24 to 120 columns wide (a Chinese
        character is two columns) and as wide as the page, that is as wide
        (±3 columns) as at least half the lines of its paragraph, with hardly
        any (a tenth) wider, and as another line of the document that also
        stops mid-sentence; and the text is prose (the line or the next holds
        `，` `。` `、` `；` or the like).
    """
    why = """
        Text extracted from a PDF, or typed into a fixed-width layout, keeps
        the line breaks of the page: a sentence is cut wherever the line was
        full (`…实际困难和问题给␤予了高度的关注`). A reader, a search index
        or a model sees two fragments of a word.
    """
    leaves_alone = """
        Lines ending with punctuation (a break after `，` or `；` is L007's),
        blank lines between paragraphs (and the `N、` preview chunks that
        follow one, L004's), short lines (titles, signatures, site menus,
        classical verse), headings and the line before a list item (`一、`
        `（二）` `3.` `第五条` `一是` `•` …; a line opened by one counts as a
        heading unless it holds a full sentence), an indented next line (a new
        paragraph), verse (clauses of equal length, `朝辞白帝彩云间，
        千里江陵一日还`), a document with no repeated line width (one paragraph
        per line), Markdown files (where a line break inside a paragraph is
        not shown) and code. Page furniture is never joined into the sentence
        it interrupts: a break before or after a bare page number (`12`,
        `- 12 -`, `第3页/共27页`), a running header or footer
        (`某某股份有限公司2019年年度报告全文`, `2019年度财务报表附注`) or a
        line the document repeats is not flagged (taking the furniture out is
        another rule's job).
    """
    fix_safety = """
        The fix joins the two lines; it is safe when both sides are Chinese,
        and unsafe when a side is a letter or a digit (a space may belong
        there).
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
        Example(
            "报告期内，公司坚持以市场为导向，不断完善质量体系建设和环境\n"
            "健康安全体系建设，原料药生产场地多次通过美国、欧盟和日本的\n"
            "浙江海翔药业股份有限公司2019年年度报告全文\n"
            "官方认证，为公司开拓国际市场奠定了良好的基础，同时公司持续\n"
            "加大研发投入，推进产品结构调整，巩固了在行业中的竞争优势。\n",
            fixed="报告期内，公司坚持以市场为导向，不断完善质量体系建设和环境"
            "健康安全体系建设，原料药生产场地多次通过美国、欧盟和日本的\n"
            "浙江海翔药业股份有限公司2019年年度报告全文\n"
            "官方认证，为公司开拓国际市场奠定了良好的基础，同时公司持续"
            "加大研发投入，推进产品结构调整，巩固了在行业中的竞争优势。\n",
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
        if doc.is_markdown:
            return []
        candidates = list(matches_from(_CANDIDATE, text, doc.view(line_ends)))
        if not candidates:
            return []
        layout = doc.view(WrapLayout)
        found = []
        for match in candidates:
            newline = match.end() - 1
            before, after = match[0][0], text[match.end()]
            if not layout.is_wrapped(newline):
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
