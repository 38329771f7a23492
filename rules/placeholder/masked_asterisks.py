"""P001: runs of asterisks standing for hidden text."""

from __future__ import annotations

import regex

from wenlint import Document, Example
from wenlint.context import touches_chinese
from wenlint.kinds import PatternRule
from wenlint.textclass import CJK_PUNCTUATION

_RUN = regex.compile(r"\*{2,}")
#: Inside emphasis there is no clause punctuation and no padding.
_NOT_EMPHASIS = regex.compile(
    r"[，。；！？,;]|^[\s" + "".join(CJK_PUNCTUATION) + r"]|[\s" + "".join(CJK_PUNCTUATION) + r"]$"
)
#: A Markdown bold broken by a space between a run and a Latin word (`** Redis 容器实例**`).
_BROKEN_BOLD = regex.compile(r"^\s+[A-Za-z]|[A-Za-z]\s+$")
MAX_EMPHASIS = 30
MAX_MARKDOWN_EMPHASIS = 80


class MaskedAsterisks(PatternRule):
    code = "P001"
    name = "masked-asterisks"
    summary = "Asterisks stand in for text that was hidden or stripped"
    flags = """
        A run of two or more `*` right beside Chinese text: scraped pages
        often mask names, places and years with asterisks (`刘**同志`,
        `创建“**”社区`, `到**年`).
    """
    why = """
        The text no longer says what the original said, and a model trained
        on it learns to write asterisks.
    """
    leaves_alone = """
        Emphasis. In Markdown: a run that is markup to the Markdown parser,
        even a mismatched one (`**此 API 目前在…。*`); a pair of runs on one
        line enclosing a phrase not padded with spaces (`**注意：**`, which
        CommonMark's rules for punctuation do not pair); a bold broken by a
        space between one of its runs and a Latin word (`** Redis 容器实例**`).
        A space between a run and a Chinese character is no such break:
        `王** 李**` is masked. In plain text, a pair enclosing a short phrase without clause
        punctuation (`这是**重要**的`).
    """
    fix_safety = "There is no fix: the hidden text cannot be recovered."
    pattern = _RUN.pattern
    requires = ("**",)
    message = "`{0}` stands in for hidden text"
    bad = (
        Example("刘**同志传达了省委会议精神。"),
        Example("创建“**”平安和谐社区。"),
        Example("到**年,全区80%的社区要建成“**”平安和谐社区。"),
        Example("刚才,**台街道、**社区等单位作了经验介绍。"),
        Example("参会人员：王** 李**，均已签到。", path="example.md"),
    )
    good = (
        Example("这是**重要**的内容。", path="example.md"),
        Example("请注意 **bold** 的写法。"),
        Example("***", path="example.md"),
        Example("**注意：**本产品不适合儿童。**《红楼梦》**是名著。", path="example.md"),
        Example("计算 2**10 的值。"),
        Example("**此 API 目前在 `Alpha` 阶段，只能在 gRPC 上使用。*", path="example.md"),
        Example("1. 运行一个用于状态存储的** Redis 容器实例**.", path="example.md"),
    )

    def keep(self, doc, match):
        return match.start() not in doc.view(_emphasis) and touches_chinese(doc.text, *match.span())


def _emphasis(doc: Document) -> frozenset[int]:
    """Where the runs that mark emphasis start: the runs the prose map holds
    as markup (in part, at least) and the runs of pairs. Runs in verbatim text
    are left out before runs are paired, so code cannot close an emphasis."""
    text = doc.text
    runs = [m.span() for m in _RUN.finditer(text) if not doc.is_verbatim(m.start())]
    paired = {start for start, end in runs if doc.touches_nonprose(start, end)}
    index = 0
    while index < len(runs):
        if index + 1 < len(runs) and _encloses(text, runs[index], runs[index + 1], doc.is_markdown):
            paired.update((runs[index][0], runs[index + 1][0]))
            index += 2
        else:
            index += 1
    return frozenset(paired)


def _encloses(text: str, opening: tuple[int, int], closing: tuple[int, int], markdown: bool) -> bool:
    """Whether two runs of the same length enclose a phrase on one line.

    In Markdown the phrase is bold unless whitespace just inside the runs
    breaks it, not counting a bold broken by a space beside a Latin word; in
    plain text the phrase must also be short and free of punctuation at its
    edges and of clause punctuation inside.
    """
    inner = text[opening[1] : closing[0]]
    if opening[1] - opening[0] != closing[1] - closing[0] or not inner or "\n" in inner:
        return False
    if markdown:
        if len(inner) > MAX_MARKDOWN_EMPHASIS or inner.isspace():
            return False
        padded = inner[0].isspace(), inner[-1].isspace()
        return not any(padded) or (not all(padded) and _BROKEN_BOLD.search(inner) is not None)
    return len(inner) <= MAX_EMPHASIS and _NOT_EMPHASIS.search(inner) is None
