"""P001: runs of asterisks standing for hidden text."""

from __future__ import annotations

import regex

from wenlint import Diagnostic, Document, Example, Rule
from wenlint.context import touches_chinese
from wenlint.textclass import CJK_PUNCTUATION

_RUN = regex.compile(r"\*{2,}")
#: Inside emphasis there is no clause punctuation and no padding.
_NOT_EMPHASIS = regex.compile(
    r"[，。；！？,;]|^[\s" + "".join(CJK_PUNCTUATION) + r"]|[\s" + "".join(CJK_PUNCTUATION) + r"]$"
)
MAX_EMPHASIS = 30
MAX_MARKDOWN_EMPHASIS = 80


class MaskedAsterisks(Rule):
    code = "P001"
    name = "masked-asterisks"
    summary = "Asterisks stand in for text that was hidden or stripped"
    flags = """
        Scraped pages often mask names, places and years with asterisks
        (`刘**同志`, `创建“**”社区`, `到**年`). The text no longer says what the
        original said, and a model trained on it learns to write asterisks.

        A run of two or more `*` right beside Chinese text is flagged. Emphasis
        is left alone: in Markdown, a pair of runs on one line enclosing a
        phrase not padded with spaces (`**注意：**`); in plain text, a pair
        enclosing a short phrase without clause punctuation (`这是**重要**的`).
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
        Example("**注意：**本产品不适合儿童。**《红楼梦》**是名著。", path="example.md"),
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
            if index + 1 < len(runs) and _emphasis(text, runs[index], runs[index + 1], doc.is_markdown):
                index += 2
                continue
            index += 1
            if touches_chinese(text, start, end):
                found.append(self.diagnostic(start, end, f"`{text[start:end]}` stands in for hidden text"))
        return found


def _emphasis(text: str, opening: tuple[int, int], closing: tuple[int, int], markdown: bool) -> bool:
    """Whether two runs of the same length enclose a phrase on one line.

    In Markdown only whitespace just inside the runs breaks emphasis
    (`**注意：**` is bold); in plain text the phrase must also be short and
    free of punctuation at its edges and of clause punctuation inside.
    """
    inner = text[opening[1] : closing[0]]
    if opening[1] - opening[0] != closing[1] - closing[0] or not inner or "\n" in inner:
        return False
    if markdown:
        return len(inner) <= MAX_MARKDOWN_EMPHASIS and not inner[0].isspace() and not inner[-1].isspace()
    return len(inner) <= MAX_EMPHASIS and _NOT_EMPHASIS.search(inner) is None
