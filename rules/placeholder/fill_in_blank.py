"""P005: blanks left to be filled in."""

from __future__ import annotations

from functools import cache

import regex

from wenlint import Example
from wenlint.kinds import PatternRule
from wenlint.textclass import HAN

#: `___华丽的分割线___` (a divider) or, in Markdown, `___强调___` (emphasis).
_DIVIDER = regex.compile(r"[ \t]*(_{3,})[^_\n]{1,20}\1[ \t]*")
_MARKDOWN_EMPHASIS = regex.compile(r"(?<!_)___(?=\S)[^_\n]+(?<=\S)___(?!_)")


class FillInBlank(PatternRule):
    code = "P005"
    name = "fill-in-blank"
    summary = "A blank to be filled in (`______`, `（    ）`) was never filled"
    flags = """
        Blanks such as `______` or `（    ）`, on lines with Chinese text.
    """
    why = """
        Forms, templates and exam papers leave blanks such as `______` or
        `（    ）` for a name, a date or an answer. In a scraped document the
        blank was never filled, so the sentence is incomplete.
    """
    leaves_alone = """
        A line of underscores alone (a Markdown rule), a divider such as
        `_____分割线_____`, and in Markdown `__bold__` and `___emphasis___`.
    """
    pattern = r"_{3,}|＿{2,}|[(（][ \u3000]{2,}[)）]"
    requires = ("__", "＿", "  ", "\u3000\u3000")
    message = "a blank left to be filled in"
    bad = (Example("本人______,身份证号码______。"), Example("中国的首都是(    )。"))
    good = (
        Example("___", path="example.md"),
        Example("这是__加粗__的文字。", path="example.md"),
        Example("这是___非常重要___的内容。", path="example.md"),
        Example("________华丽的分割线________"),
        Example("变量名 snake_case_name"),
    )

    def keep(self, doc, match):
        return doc.view(_blank_lines)(doc.position(match.start())[0])


def _blank_lines(doc):
    """Whether a blank on line ``number`` is one, judged once per line (a line
    of thousands of blanks is read once, not once per blank)."""
    text = doc.text

    @cache
    def judge(number: int) -> bool:
        line = doc.line(number)
        return not (
            HAN.search(text, line.start, line.end) is None
            or _DIVIDER.fullmatch(text, line.start, line.end)
            or (doc.is_markdown and _MARKDOWN_EMPHASIS.search(text, line.start, line.end))
        )

    return judge
