"""L007: a paragraph broken onto a new line after a clause (`…管理;␤××市推进…`)."""

from __future__ import annotations

import re

import regex

from wenlint import Diagnostic, Document, Example, FixAvailability, Rule
from wenlint.textclass import HAN_CLASS, has_clause_mark
from wenlint_rules.layout.wrapping import (
    MIN_WIDTH,
    WrapLayout,
    breaks_layout,
    display_width,
    is_verse,
    join_fix,
    lines_around,
)

#: A line ending with a mark that continues the sentence (trailing blanks
#: allowed), and the next line starting, not indented, with what can go on
#: a sentence: a Chinese character, a placeholder, an opening quote, a letter or digit.
_CANDIDATE = re.compile(rf"[;；,，、][ \t]*\n(?=[{HAN_CLASS}×“‘《「『A-Za-z0-9])")  # (re: tried only at the marks)
#: Before an ASCII `,` or `;`, what shows the line is Chinese.
_CHINESE_BEFORE = regex.compile(r"[\p{Han}〇×”’）》」』]")
#: A salutation stands on its own line: `尊敬的各位领导、各位来宾，`.
_SALUTATION = regex.compile(r"[ \t\u3000]*(?:尊敬的|亲爱的|各位)")
#: A line that is not hard-wrapped must be this wide (20 Chinese characters)
#: to be part of a paragraph: the lines of a poem are shorter.
MIN_CLAUSE_LINE = 40


class BrokenParagraph(Rule):
    code = "L007"
    name = "broken-paragraph"
    summary = "A paragraph broken onto a new line after `；`, `，` or `、`"
    flags = """
        A line at least 20 Chinese characters wide (12 when it is
        hard-wrapped) that ends with `；` `，` `、` (or `;` `,` after Chinese
        text) and is followed directly, with no blank line, by a line that is
        not indented and goes on with a Chinese character, a placeholder, an
        opening quote, a letter or a digit.
    """
    why = """
        Scrapers and converters sometimes start a new line in the middle of a
        paragraph, after a clause: `…有序推进老旧小区物业化管理;␤××市推进基层
        党组织…`. The enumeration or sentence goes on in the next line, but
        the text now reads as two paragraphs.
    """
    leaves_alone = """
        A next line that opens a list item or a heading (`（一）` `二、` `3.`
        `第五条` `一是` `其次，` `•` …: each item of a numbered list on its own
        line is ordinary layout), a short next line without punctuation (a
        heading, a name, a date), short lines (`同志们，`, the lines of a
        poem), verse (`床前明月光，疑是地上霜，`), a salutation
        (`尊敬的各位领导、各位来宾，`), a blank line between the two (a real
        paragraph break, or a preview chunk, L004's), Markdown files (where
        such a break is not shown) and code.
    """
    fix_safety = """
        The fix joins the lines. It is safe when the line is hard-wrapped (see
        L001: as wide as most lines of its paragraph, the width of the page),
        and unsafe otherwise, because some documents do put each clause of an
        enumeration on a line of its own.
    """
    fix = FixAvailability.SOMETIMES
    bad = (
        Example(
            "比如，××市结合老旧小区改造，有序推进老旧小区物业化管理;\n××市推进基层党组织与管理服务深度融合。\n",
            fixed="比如，××市结合老旧小区改造，有序推进老旧小区物业化管理;××市推进基层党组织与管理服务深度融合。\n",
        ),
        Example(
            "凡有3名以上正式党员的物业服务企业，都要建立党组织；\n职工数量50人以上的物业服务企业，都要有党员。\n",
            fixed="凡有3名以上正式党员的物业服务企业，都要建立党组织；职工数量50人以上的物业服务企业，都要有党员。\n",
        ),
        Example(
            "我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
            "予了高度的关注，市委在北林区专门召开了全市社区建设，\n"
            "切实摆上重要日程，明确提出了要求。\n",
            fixed="我们的各级党委政府，对社区组织存在的实际困难和问题给\n"
            "予了高度的关注，市委在北林区专门召开了全市社区建设，"
            "切实摆上重要日程，明确提出了要求。\n",
        ),
    )
    good = (
        Example(
            "有下列情形之一的，不予登记：\n"
            "（一）申请人不具备法律规定的条件，或者提交的材料不齐全的；\n"
            "（二）申请登记的事项超出登记机关管辖范围的；\n"
            "（三）法律、行政法规规定的其他情形。\n"
        ),
        Example(
            "一是责任压得实，市级层面专门成立了领导小组；\n二是措施抓得紧，各县区都制定了实施方案；\n三是亮点树得好。\n"
        ),
        Example("尊敬的各位领导、各位来宾、女士们、先生们，\n大家上午好！\n"),
        Example("轻轻的我走了，\n正如我轻轻的来；\n我轻轻的招手，\n作别西天的云彩。\n"),
        Example("床前明月光，疑是地上霜，\n举头望明月，低头思故乡。\n"),
        Example("社区治理推进工作不平衡不系统，居民群众对物业管理投诉居高不下；\n\n示范社区综合服务功能不健全。\n"),
        Example("市民政局、市财政局、市人社局、市住建局、市城管局、市税务局，\n2022年7月4日\n"),
        Example(
            "社区治理推进工作不平衡不系统，居民群众对物业管理投诉居高不下；\n示范社区综合服务功能不健全。\n",
            path="notes.md",
        ),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if doc.is_markdown:
            return []
        layout = None
        found = []
        for match in _CANDIDATE.finditer(text):
            mark, newline = match.start(), match.end() - 1
            line, following = lines_around(text, newline)
            if not _continues(line, following, text[mark]):
                continue
            layout = layout or doc.view(WrapLayout)
            wrapped = layout.is_wrapped(newline)
            if not wrapped and display_width(line.rstrip(" \t")) < MIN_CLAUSE_LINE:
                continue  # a short line: a poem, or a list without markers
            found.append(
                self.diagnostic(
                    mark,
                    mark + 1,
                    f"paragraph broken after `{text[mark]}`; the next line goes on with it",
                    join_fix(text, newline, safe=wrapped),
                )
            )
        return found


def _continues(line: str, following: str, mark: str) -> bool:
    """Whether ``following`` goes on with the clause ``line`` ends with ``mark``."""
    if display_width(line.rstrip(" \t")) < MIN_WIDTH or breaks_layout(following):
        return False
    if mark in ",;" and not _CHINESE_BEFORE.match(line.rstrip(" \t")[-2:-1] or " "):
        return False
    if display_width(following) < MIN_WIDTH and not has_clause_mark(following):
        return False  # a heading, a name or a date
    return not (_SALUTATION.match(line) or is_verse(line) or is_verse(following))
