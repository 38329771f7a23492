"""P001: runs of asterisks standing for hidden text."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.textclass import CJK_PUNCTUATION
from wenlint_rules._context import touches_chinese

_RUN = regex.compile(r"\*{2,}")
#: Inside emphasis there is no clause punctuation and no padding.
_NOT_EMPHASIS = regex.compile(r"[，。；！？,;]|^[\s" + "".join(CJK_PUNCTUATION) + r"]|[\s" + "".join(CJK_PUNCTUATION) + r"]$")
MAX_EMPHASIS = 30


class MaskedAsterisks(Rule):
    code = "P001"
    name = "masked-asterisks"
    summary = "Asterisks stand in for text that was hidden or stripped"
    explanation = """
        Scraped pages often mask names, places and years with asterisks
        (`刘**同志`, `创建“**”社区`, `到**年`). The text no longer says what the
        original said, and a model trained on it learns to write asterisks.

        A run of two or more `*` right beside Chinese text is flagged. Markdown
        emphasis is left alone: a pair of runs on one line enclosing a short
        phrase without clause punctuation (`这是**重要**的`) is bold, not a mask.
        There is no fix: the hidden text cannot be recovered.
    """
    bad = (
        Example("刘**同志传达了省委会议精神。"),
        Example("创建“**”平安和谐社区。"),
        Example("到**年,全区80%的社区要建成“**”平安和谐社区。"),
        Example("刚才,**台街道、**社区等单位作了经验介绍。"),
    )
    good = (
        Example("这是**重要**的内容。", path="example.md"),
        Example("请注意 **bold** 的写法。"),
        Example("***", path="example.md"),
        Example("计算 2**10 的值。"),
    )

    def check(self, doc: Document) -> list[Diagnostic]:
        text = doc.text
        if "**" not in text:
            return []
        runs = [m.span() for m in _RUN.finditer(text) if not doc.is_verbatim(m.start())]
        found = []
        index = 0
        while index < len(runs):
            start, end = runs[index]
            if index + 1 < len(runs) and _emphasis(text, runs[index], runs[index + 1]):
                index += 2
                continue
            index += 1
            if touches_chinese(text, start, end):
                found.append(self.diagnostic(start, end, f"`{text[start:end]}` stands in for hidden text"))
        return found


def _emphasis(text: str, opening: tuple[int, int], closing: tuple[int, int]) -> bool:
    """Whether two runs of the same length enclose a short phrase on one line."""
    inner = text[opening[1] : closing[0]]
    if opening[1] - opening[0] != closing[1] - closing[0] or not inner or len(inner) > MAX_EMPHASIS:
        return False
    return "\n" not in inner and _NOT_EMPHASIS.search(inner) is None

