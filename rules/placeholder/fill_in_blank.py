"""P005: blanks left to be filled in."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.textclass import HAN

_BLANK = regex.compile(r"_{3,}|＿{2,}|[(（][ \u3000]{2,}[)）]")


#: `___华丽的分割线___` (a divider) or, in Markdown, `___强调___` (emphasis).
_DIVIDER = regex.compile(r"[ \t]*(_{3,})[^_\n]{1,20}\1[ \t]*")
_MARKDOWN_EMPHASIS = regex.compile(r"(?<!_)___(?=\S)[^_\n]+(?<=\S)___(?!_)")


def _decoration(text: str, start: int, end: int, markdown: bool) -> bool:
    """Whether the underscores on this line decorate it rather than leave a blank."""
    if _DIVIDER.fullmatch(text, start, end):
        return True
    return markdown and _MARKDOWN_EMPHASIS.search(text, start, end) is not None


class FillInBlank(Rule):
    code = "P005"
    name = "fill-in-blank"
    summary = "A blank to be filled in (`______`, `（    ）`) was never filled"
    flags = """
        Forms, templates and exam papers leave blanks such as `______` or
        `（    ）` for a name, a date or an answer. In a scraped document the
        blank was never filled, so the sentence is incomplete. Flagged on
        lines with Chinese text. Left alone: a line of underscores alone (a
        Markdown rule), a divider such as `_____分割线_____`, and in Markdown
        `__bold__` and `___emphasis___`. No fix.
    """
    bad = (Example("本人______,身份证号码______。"), Example("中国的首都是(    )。"))
    good = (
        Example("___", path="example.md"),
        Example("这是__加粗__的文字。", path="example.md"),
        Example("这是___非常重要___的内容。", path="example.md"),
        Example("________华丽的分割线________"),
        Example("变量名 snake_case_name"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "__" not in text and "＿" not in text and "  " not in text and "\u3000\u3000" not in text:
            return []
        found = []
        for match in _BLANK.finditer(text):
            start, end = match.span()
            if doc.is_verbatim(start):
                continue
            line = doc.line(doc.position(start)[0])
            if HAN.search(text, line.start, line.end) is None or _decoration(
                text, line.start, line.end, doc.is_markdown
            ):
                continue
            found.append(self.diagnostic(start, end, "a blank left to be filled in"))
        return found
